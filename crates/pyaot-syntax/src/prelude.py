# pyaot's prelude: NumPy functions written in the Python that pyaot compiles. A compiled function
# that calls one of these (as np.NAME, or as an array method listed in pyaot-infer's
# ARRAY_METHODS) gets an instance of it typed for its arguments, exactly like a call of a helper
# function of its own; an error inside is reported at the user's call. Names starting with `_`
# are not NumPy's. `_compile_error("...")` makes the instance a compile error with that message.
#
# Branches on `x is None`, `a.ndim == k` and `len(t) == k` are decided by the types, so only
# the taken branch is compiled (the others may not even type-check for these arguments).
import math

import numpy as np


# --- statistics ----------------------------------------------------------------------------------


def var(a, axis=None, ddof=0):
    # NumPy's algorithm: the mean, the deviations, the sum of their squared magnitudes (pairwise
    # sums, as NumPy's), divided by n - ddof.
    if axis is None:
        d = a - a.mean()
        s = (d * np.conj(d)).real.sum()
        k = a.size - ddof
        if k <= 0:
            return np.inf if s > 0 else np.nan
        return s / k
    else:
        d = a - a.mean(axis=axis, keepdims=True)
        s = (d * np.conj(d)).real.sum(axis=axis)
        k = a.shape[axis] - ddof
        if k < 0:
            k = 0
        return s / k


def std(a, axis=None, ddof=0):
    return np.sqrt(var(a, axis, ddof))


def _var_keepdims(a, axis=None, ddof=0):
    if axis is None:
        out = np.empty(a.sum(keepdims=True).shape)
        out.fill(var(a, None, ddof))
        return out
    else:
        d = a - a.mean(axis=axis, keepdims=True)
        s = (d * np.conj(d)).real.sum(axis=axis, keepdims=True)
        k = a.shape[axis] - ddof
        if k < 0:
            k = 0
        return s / k


def _std_keepdims(a, axis=None, ddof=0):
    return np.sqrt(_var_keepdims(a, axis, ddof))


def average(a, axis=None, weights=None):
    if weights is None:
        return a.mean(axis=axis)
    else:
        if axis is None:
            return (a * weights).sum() / weights.sum()
        else:
            return (a * weights).sum(axis=axis) / weights.sum(axis=axis)


# --- cumulative sums and products ----------------------------------------------------------------


def cumsum(a, axis=None):
    return _cumulate(a, axis, False)


def cumprod(a, axis=None):
    return _cumulate(a, axis, True)


def _cumulate(a, axis, product):
    if axis is None:
        flat = a.ravel()
        n = flat.size
        out = np.empty(n, dtype=a.sum().dtype)
        if n > 0:
            out[0] = flat[0]
        for i in range(1, n):
            if product:
                out[i] = out[i - 1] * flat[i]
            else:
                out[i] = out[i - 1] + flat[i]
        return out
    else:
        pre, n, post = _split_at_axis(a, axis)
        src = a.reshape(pre, n, post)
        out = np.empty((pre, n, post), dtype=a.sum().dtype)
        for i in range(pre):
            for k in range(post):
                if n > 0:
                    out[i, 0, k] = src[i, 0, k]
                for j in range(1, n):
                    if product:
                        out[i, j, k] = out[i, j - 1, k] * src[i, j, k]
                    else:
                        out[i, j, k] = out[i, j - 1, k] + src[i, j, k]
        return out.reshape(a.shape)


def _split_at_axis(a, axis):
    # The array seen as (before, along, after) the axis: the product of the axes before it, its
    # length, and the product of the axes after it.
    ax = _axis(axis, a.ndim)
    pre = 1
    post = 1
    for k in range(ax):
        pre *= a.shape[k]
    for k in range(ax + 1, a.ndim):
        post *= a.shape[k]
    return pre, a.shape[ax], post


def _axis(axis, ndim):
    ax = axis + ndim if axis < 0 else axis
    if ax < 0 or ax >= ndim:
        raise ValueError("axis is out of bounds for the array")
    return ax


# --- rearranging ---------------------------------------------------------------------------------


def diff(a, n=1, axis=-1):
    if n < 0:
        raise ValueError("order must be non-negative")
    if a.ndim == 1:
        r = a[1:] - a[:-1]
        for _ in range(n - 1):
            r = r[1:] - r[:-1]
        return r
    elif a.ndim == 2:
        ax = _axis(axis, 2)
        if ax == 0:
            r = a[1:, :] - a[:-1, :]
            for _ in range(n - 1):
                r = r[1:, :] - r[:-1, :]
            return r
        else:
            r = a[:, 1:] - a[:, :-1]
            for _ in range(n - 1):
                r = r[:, 1:] - r[:, :-1]
            return r
    else:
        _compile_error("np.diff supports 1-d and 2-d arrays")


def roll(a, shift, axis=None):
    if axis is None:
        flat = a.ravel()
        n = flat.size
        out = np.empty(n, dtype=a.dtype)
        if n > 0:
            s = shift % n
            out[s:] = flat[: n - s]
            out[:s] = flat[n - s :]
        return out.reshape(a.shape)
    else:
        pre, n, post = _split_at_axis(a, axis)
        src = a.reshape(pre, n, post)
        out = np.empty((pre, n, post), dtype=a.dtype)
        if n > 0:
            s = shift % n
            out[:, s:, :] = src[:, : n - s, :]
            out[:, :s, :] = src[:, n - s :, :]
        return out.reshape(a.shape)


def tile(a, reps):
    if isinstance(reps, tuple):
        if len(reps) == 1:
            return tile(a, reps[0])
        elif len(reps) == 2:
            if a.ndim == 1:
                return _tile2(a.reshape(1, a.size), reps[0], reps[1])
            elif a.ndim == 2:
                return _tile2(a, reps[0], reps[1])
            else:
                _compile_error("np.tile with a tuple supports 1-d and 2-d arrays")
        else:
            _compile_error("np.tile supports 1 or 2 repetitions")
    if reps < 0:
        raise ValueError("negative dimensions are not allowed")
    if a.ndim == 1:
        n = a.size
        out = np.empty(n * reps, dtype=a.dtype)
        for r in range(reps):
            out[r * n : (r + 1) * n] = a
        return out
    elif a.ndim == 2:
        m, n = a.shape
        out = np.empty((m, n * reps), dtype=a.dtype)
        for r in range(reps):
            out[:, r * n : (r + 1) * n] = a
        return out
    else:
        _compile_error("np.tile supports 1-d and 2-d arrays with an integer count")


def _tile2(b, r0, r1):
    if r0 < 0 or r1 < 0:
        raise ValueError("negative dimensions are not allowed")
    m, n = b.shape
    out = np.empty((m * r0, n * r1), dtype=b.dtype)
    for i in range(r0):
        for j in range(r1):
            out[i * m : (i + 1) * m, j * n : (j + 1) * n] = b
    return out


def repeat(a, repeats, axis=None):
    if repeats < 0:
        raise ValueError("negative dimensions are not allowed")
    if axis is None or a.ndim == 1:
        if axis is not None:
            _axis(axis, 1)
        flat = a.ravel()
        n = flat.size
        out = np.empty(n * repeats, dtype=a.dtype)
        for i in range(n):
            for r in range(repeats):
                out[i * repeats + r] = flat[i]
        return out
    elif a.ndim == 2:
        ax = _axis(axis, 2)
        m, n = a.shape
        if ax == 0:
            out = np.empty((m * repeats, n), dtype=a.dtype)
            for i in range(m):
                for r in range(repeats):
                    out[i * repeats + r, :] = a[i, :]
            return out
        else:
            out = np.empty((m, n * repeats), dtype=a.dtype)
            for j in range(n):
                for r in range(repeats):
                    out[:, j * repeats + r] = a[:, j]
            return out
    else:
        _compile_error("np.repeat along an axis supports 1-d and 2-d arrays")


def copyto(dst, src):
    dst[...] = src


def nonzero(a):
    flat = a.ravel()
    count = 0
    for i in range(flat.size):
        if flat[i]:
            count += 1
    if a.ndim == 1:
        out = np.empty(count, dtype=np.int64)
        k = 0
        for i in range(flat.size):
            if flat[i]:
                out[k] = i
                k += 1
        return (out,)
    elif a.ndim == 2:
        rows = np.empty(count, dtype=np.int64)
        cols = np.empty(count, dtype=np.int64)
        k = 0
        for i in range(a.shape[0]):
            for j in range(a.shape[1]):
                if a[i, j]:
                    rows[k] = i
                    cols[k] = j
                    k += 1
        return rows, cols
    elif a.ndim == 3:
        xs = np.empty(count, dtype=np.int64)
        ys = np.empty(count, dtype=np.int64)
        zs = np.empty(count, dtype=np.int64)
        k = 0
        for i in range(a.shape[0]):
            for j in range(a.shape[1]):
                for l in range(a.shape[2]):
                    if a[i, j, l]:
                        xs[k] = i
                        ys[k] = j
                        zs[k] = l
                        k += 1
        return xs, ys, zs
    else:
        _compile_error("np.nonzero supports arrays of up to 3 dimensions")


def count_nonzero(a):
    flat = a.ravel()
    count = 0
    for i in range(flat.size):
        if flat[i]:
            count += 1
    return count


def concatenate(arrays, axis=0):
    if len(arrays) == 1:
        return arrays[0].copy()
    elif len(arrays) == 2:
        return _concat2(arrays[0], arrays[1], axis)
    elif len(arrays) == 3:
        return _concat2(_concat2(arrays[0], arrays[1], axis), arrays[2], axis)
    elif len(arrays) == 4:
        return _concat2(
            _concat2(arrays[0], arrays[1], axis), _concat2(arrays[2], arrays[3], axis), axis
        )
    else:
        _compile_error("np.concatenate supports tuples of 1 to 4 arrays")


def _concat2(a, b, axis):
    if a.ndim == 1 and b.ndim == 1:
        _axis(axis, 1)
        n = a.size
        out = np.empty(n + b.size, dtype=np.result_type(a, b))
        out[:n] = a
        out[n:] = b
        return out
    elif a.ndim == 2 and b.ndim == 2:
        ax = _axis(axis, 2)
        m, n = a.shape
        p, q = b.shape
        if ax == 0:
            if n != q:
                raise ValueError("all the input array dimensions except for the concatenation axis must match exactly")
            out = np.empty((m + p, n), dtype=np.result_type(a, b))
            out[:m, :] = a
            out[m:, :] = b
            return out
        else:
            if m != p:
                raise ValueError("all the input array dimensions except for the concatenation axis must match exactly")
            out = np.empty((m, n + q), dtype=np.result_type(a, b))
            out[:, :n] = a
            out[:, n:] = b
            return out
    else:
        _compile_error("np.concatenate supports 1-d and 2-d arrays of the same dimension")


# --- sorting -------------------------------------------------------------------------------------


def sort(a):
    if a.ndim == 1:
        out = a.copy()
        _sort_in_place(out)
        return out
    else:
        _compile_error("np.sort supports 1-d arrays")


def _method_sort(a):
    if a.ndim == 1:
        _sort_in_place(a)
    else:
        _compile_error("a.sort() supports 1-d arrays")


def _before(x, y):
    # NumPy's order: NaN after everything else.
    return x < y or (y != y and x == x)


def _sort_in_place(a):
    # Values in the order of their stable argsort.
    a[:] = a[argsort(a)]


def argsort(a):
    # Bottom-up merge sort of the indices through a buffer: O(n log n), stable.
    if a.ndim == 1:
        n = a.size
        idx = np.arange(n)
        buf = np.empty(n, dtype=np.int64)
        width = 1
        while width < n:
            lo = 0
            while lo < n:
                mid = min(lo + width, n)
                hi = min(lo + 2 * width, n)
                i = lo
                j = mid
                k = lo
                while i < mid and j < hi:
                    if _before(a[idx[j]], a[idx[i]]):
                        buf[k] = idx[j]
                        j += 1
                    else:
                        buf[k] = idx[i]
                        i += 1
                    k += 1
                while i < mid:
                    buf[k] = idx[i]
                    i += 1
                    k += 1
                while j < hi:
                    buf[k] = idx[j]
                    j += 1
                    k += 1
                lo = hi
            idx[:] = buf
            width *= 2
        return idx
    else:
        _compile_error("np.argsort supports 1-d arrays")


# --- products ------------------------------------------------------------------------------------


def dot(a, b):
    if a.ndim == 1 and b.ndim == 1:
        n = a.shape[0]
        if b.shape[0] != n:
            raise ValueError("shapes not aligned")
        acc = np.zeros(1, dtype=np.result_type(a, b))[0]
        for i in range(n):
            acc += a[i] * b[i]
        return acc
    elif a.ndim == 2 and b.ndim == 1:
        m, n = a.shape
        if b.shape[0] != n:
            raise ValueError("shapes not aligned")
        out = np.zeros(m, dtype=np.result_type(a, b))
        for i in range(m):
            acc = out[i]
            for k in range(n):
                acc += a[i, k] * b[k]
            out[i] = acc
        return out
    elif a.ndim == 2 and b.ndim == 2:
        m, n = a.shape
        p, q = b.shape
        if p != n:
            raise ValueError("shapes not aligned")
        out = np.zeros((m, q), dtype=np.result_type(a, b))
        for i in range(m):
            for k in range(n):
                x = a[i, k]
                for j in range(q):
                    out[i, j] += x * b[k, j]
        return out
    elif a.ndim == 1 and b.ndim == 2:
        p, q = b.shape
        if a.shape[0] != p:
            raise ValueError("shapes not aligned")
        out = np.zeros(q, dtype=np.result_type(a, b))
        for k in range(p):
            x = a[k]
            for j in range(q):
                out[j] += x * b[k, j]
        return out
    else:
        _compile_error("np.dot supports 1-d and 2-d arrays")


def matmul(a, b):
    return dot(a, b)


def vdot(a, b):
    return dot(np.conj(a).ravel(), b.ravel())


def outer(a, b):
    x = a.ravel()
    y = b.ravel()
    return x[:, np.newaxis] * y[np.newaxis, :]


def trace(a):
    m, n = a.shape
    acc = a[:0, 0].sum()
    for i in range(min(m, n)):
        acc += a[i, i]
    return acc


# --- indexing with arrays ------------------------------------------------------------------------


def _check_mask(a, mask):
    for k in range(a.ndim):
        if a.shape[k] != mask.shape[k]:
            raise IndexError("boolean index did not match indexed array")


def _mask_get(a, mask):
    if mask.ndim == 1 and a.ndim == 2:
        # A mask over the rows selects whole rows.
        if mask.shape[0] != a.shape[0]:
            raise IndexError("boolean index did not match indexed array along axis 0")
        count = 0
        for i in range(mask.shape[0]):
            if mask[i]:
                count += 1
        rows = np.empty((count, a.shape[1]), dtype=a.dtype)
        k = 0
        for i in range(mask.shape[0]):
            if mask[i]:
                rows[k, :] = a[i, :]
                k += 1
        return rows
    if mask.ndim != a.ndim:
        _compile_error("a boolean mask must have the array's dimensions (or select rows of a 2-d array)")
    _check_mask(a, mask)
    count = 0
    for idx in np.ndindex(a.shape):
        if mask[idx]:
            count += 1
    out = np.empty(count, dtype=a.dtype)
    k = 0
    for idx in np.ndindex(a.shape):
        if mask[idx]:
            out[k] = a[idx]
            k += 1
    return out


def _mask_set_scalar(a, mask, v):
    _check_mask(a, mask)
    for idx in np.ndindex(a.shape):
        if mask[idx]:
            a[idx] = v


def _mask_set_array(a, mask, v):
    _check_mask(a, mask)
    count = 0
    for idx in np.ndindex(a.shape):
        if mask[idx]:
            count += 1
    if v.size != count and v.size != 1:
        raise ValueError("NumPy boolean array indexing assignment cannot assign the values to the positions where the mask is true")
    flat = v.ravel()
    k = 0
    for idx in np.ndindex(a.shape):
        if mask[idx]:
            a[idx] = flat[k % flat.size]
            k += 1


def _take(a, indices):
    if a.ndim == 2 and indices.ndim == 1:
        # Integer indices pick whole rows.
        rows = np.empty((indices.size, a.shape[1]), dtype=a.dtype)
        for i in range(indices.size):
            rows[i, :] = a[indices[i], :]
        return rows
    if a.ndim != 1:
        _compile_error("indexing with an integer array supports 1-d arrays (and rows of 2-d ones)")
    flat = indices.ravel()
    out = np.empty(flat.size, dtype=a.dtype)
    for i in range(flat.size):
        out[i] = a[flat[i]]
    return out.reshape(indices.shape)


# --- cmath ---------------------------------------------------------------------------------------
# CPython's algorithms (Modules/cmathmodule.c) for finite arguments, so results agree bit for bit
# with CPython's cmath; like pyaot's math functions, a domain error gives inf or nan instead of
# raising ValueError.

_LOG_LARGE_DOUBLE = 708.3964185322641  # log(DBL_MAX / 4)
_LARGE_DOUBLE = 4.49423283715579e307  # DBL_MAX / 4
_DBL_MIN = 2.2250738585072014e-308
_LN2 = 0.6931471805599453


def _cmath_exp(z):
    x = float(z.real)
    y = float(z.imag)
    if x > _LOG_LARGE_DOUBLE:
        l = math.exp(x - 1.0)
        return complex(l * math.cos(y) * math.e, l * math.sin(y) * math.e)
    l = math.exp(x)
    return complex(l * math.cos(y), l * math.sin(y))


def _cmath_log(z):
    x = float(z.real)
    y = float(z.imag)
    ax = abs(x)
    ay = abs(y)
    if ax > _LARGE_DOUBLE or ay > _LARGE_DOUBLE:
        re = math.log(math.hypot(ax / 2.0, ay / 2.0)) + _LN2
    elif ax < _DBL_MIN and ay < _DBL_MIN:
        if ax > 0.0 or ay > 0.0:
            scale = 9007199254740992.0  # 2**53
            re = math.log(math.hypot(ax * scale, ay * scale)) - 53 * _LN2
        else:
            re = -math.inf
    else:
        h = math.hypot(ax, ay)
        if 0.71 <= h and h <= 1.73:
            am = ax if ax > ay else ay
            an = ay if ax > ay else ax
            re = math.log1p((am - 1) * (am + 1) + an * an) / 2.0
        else:
            re = math.log(h)
    return complex(re, math.atan2(y, x))


def _cmath_log10(z):
    w = _cmath_log(z)
    return complex(w.real / math.log(10.0), w.imag / math.log(10.0))


def _cmath_sqrt(z):
    x = float(z.real)
    y = float(z.imag)
    if x == 0.0 and y == 0.0:
        return complex(0.0, y)
    ax = abs(x)
    ay = abs(y)
    if ax < _DBL_MIN and ay < _DBL_MIN:
        ax = ax * 9007199254740992.0  # 2**53
        s = math.sqrt(ax + math.hypot(ax, ay * 9007199254740992.0)) * 7.450580596923828e-09  # 2**-27
    else:
        ax = ax / 8.0
        s = 2.0 * math.sqrt(ax + math.hypot(ax, ay / 8.0))
    d = ay / (2.0 * s)
    if x >= 0.0:
        return complex(s, math.copysign(d, y))
    return complex(d, math.copysign(s, y))


def _sinh_parts(x, y):
    if abs(x) > _LOG_LARGE_DOUBLE:
        m = x - math.copysign(1.0, x)
        return math.cos(y) * math.sinh(m) * math.e, math.sin(y) * math.cosh(m) * math.e
    return math.cos(y) * math.sinh(x), math.sin(y) * math.cosh(x)


def _cosh_parts(x, y):
    if abs(x) > _LOG_LARGE_DOUBLE:
        m = x - math.copysign(1.0, x)
        return math.cos(y) * math.cosh(m) * math.e, math.sin(y) * math.sinh(m) * math.e
    return math.cos(y) * math.cosh(x), math.sin(y) * math.sinh(x)


def _cmath_sinh(z):
    re, im = _sinh_parts(float(z.real), float(z.imag))
    return complex(re, im)


def _cmath_cosh(z):
    re, im = _cosh_parts(float(z.real), float(z.imag))
    return complex(re, im)


def _cmath_sin(z):
    # sin(z) = -i sinh(iz)
    re, im = _sinh_parts(-float(z.imag), float(z.real))
    return complex(im, -re)


def _cmath_cos(z):
    # cos(z) = cosh(iz)
    re, im = _cosh_parts(-float(z.imag), float(z.real))
    return complex(re, im)


def _cmath_phase(z):
    return math.atan2(float(z.imag), float(z.real))


def _cmath_polar(z):
    return abs(complex(z)), math.atan2(float(z.imag), float(z.real))


def _cmath_rect(r, phi):
    return complex(r * math.cos(phi), r * math.sin(phi))


def _cmath_isnan(z):
    return math.isnan(z.real) or math.isnan(z.imag)


def _cmath_isinf(z):
    return math.isinf(z.real) or math.isinf(z.imag)


def _cmath_isfinite(z):
    return math.isfinite(z.real) and math.isfinite(z.imag)


# `a[mask] op= v`, which NumPy runs as `a[mask] = a[mask] op v`.


def _mask_iadd(a, mask, v):
    _mask_set_array(a, mask, _mask_get(a, mask) + v)


def _mask_isub(a, mask, v):
    _mask_set_array(a, mask, _mask_get(a, mask) - v)


def _mask_imul(a, mask, v):
    _mask_set_array(a, mask, _mask_get(a, mask) * v)


def _mask_itruediv(a, mask, v):
    _mask_set_array(a, mask, _mask_get(a, mask) / v)


def _mask_ifloordiv(a, mask, v):
    _mask_set_array(a, mask, _mask_get(a, mask) // v)


def _mask_imod(a, mask, v):
    _mask_set_array(a, mask, _mask_get(a, mask) % v)


def _mask_ipow(a, mask, v):
    _mask_set_array(a, mask, _mask_get(a, mask) ** v)


def _mask_iand(a, mask, v):
    _mask_set_array(a, mask, _mask_get(a, mask) & v)


def _mask_ior(a, mask, v):
    _mask_set_array(a, mask, _mask_get(a, mask) | v)


def _mask_ixor(a, mask, v):
    _mask_set_array(a, mask, _mask_get(a, mask) ^ v)


# --- Python's builtins over 1-d arrays -------------------------------------------------------------


def _builtin_sum(a):
    # 0 + a[0] + a[1] + ..., in order, as Python adds the items.
    acc = 0
    for x in a:
        acc = acc + x
    return acc


def _builtin_min(a):
    if a.size == 0:
        raise ValueError("min() arg is an empty sequence")
    m = a[0]
    for i in range(1, a.size):
        if a[i] < m:
            m = a[i]
    return m


def _builtin_max(a):
    if a.size == 0:
        raise ValueError("max() arg is an empty sequence")
    m = a[0]
    for i in range(1, a.size):
        if a[i] > m:
            m = a[i]
    return m


# `a[:, arr]`, `a[arr, k]`, `a[k, arr]` on 2-d arrays (`a[arr, :]` is `a[arr]`).


def _mask_cols(a, mask):
    return _mask_get(a.T, mask).T.copy()


def _take_cols(a, indices):
    return _take(a.T, indices).T.copy()


def _mask_rows_at(a, mask, k):
    return _mask_get(a[:, k], mask)


def _take_rows_at(a, indices, k):
    return _take(a[:, k], indices)


def _mask_cols_at(a, k, mask):
    return _mask_get(a[k], mask)


def _take_cols_at(a, k, indices):
    return _take(a[k], indices)


# --- complex powers ----------------------------------------------------------------------------


def _cpowi(z, n):
    # z ** n for an integer |n| <= 100 by repeated squaring, as CPython's c_powi and NumPy's
    # npy_cpow compute it.
    k = -n if n < 0 else n
    r = complex(1.0, 0.0)
    p = z
    mask = 1
    while True:
        if k & mask:
            r = r * p
        mask = mask * 2
        if k < mask:
            break
        p = p * p
    if n < 0:
        return complex(1.0, 0.0) / r
    return r


def _complex_pow(a, b):
    # CPython's complex.__pow__ (a complex result even for real operands).
    z = complex(a)
    w = complex(b)
    if w.imag == 0.0 and w.real == math.floor(w.real) and abs(w.real) <= 100.0:
        return _cpowi(z, int(w.real))
    if w.real == 0.0 and w.imag == 0.0:
        return complex(1.0, 0.0)
    if z.real == 0.0 and z.imag == 0.0:
        if w.imag != 0.0 or w.real < 0.0:
            raise ZeroDivisionError("0.0 to a negative or complex power")
        return complex(0.0, 0.0)
    vabs = math.hypot(z.real, z.imag)
    length = math.pow(vabs, w.real)
    at = math.atan2(z.imag, z.real)
    phase = at * w.real
    if w.imag != 0.0:
        length = length / math.exp(at * w.imag)
        phase = phase + w.imag * math.log(vabs)
    return complex(length * math.cos(phase), length * math.sin(phase))


def _complex_pow_array(a, b):
    # array ** scalar (or scalar ** array) with a complex operand, element by element.
    if isinstance(a, np.ndarray):
        out = np.empty(a.shape, dtype=np.result_type(a, b))
        for idx in np.ndindex(a.shape):
            out[idx] = _complex_pow(a[idx], b)
        return out
    else:
        out = np.empty(b.shape, dtype=np.result_type(a, b))
        for idx in np.ndindex(b.shape):
            out[idx] = _complex_pow(a, b[idx])
        return out


# --- more NumPy functions --------------------------------------------------------------------------


def _linalg_norm(x, axis=None):
    # The 2-norm of a vector, or the Frobenius norm of a matrix (NumPy's default ord), or the
    # 2-norms along an axis.
    if axis is None:
        return math.sqrt((x * np.conj(x)).real.sum())
    else:
        return np.sqrt((x * np.conj(x)).real.sum(axis=axis))


def bincount(x, minlength=0):
    if x.ndim != 1:
        _compile_error("np.bincount takes a 1-d array of non-negative integers")
    n = minlength
    for i in range(x.size):
        if x[i] < 0:
            raise ValueError("'list' argument must have no negative elements")
        if x[i] + 1 > n:
            n = x[i] + 1
    out = np.zeros(n, dtype=np.int64)
    for i in range(x.size):
        out[x[i]] += 1
    return out


def meshgrid(x, y):
    # indexing='xy': X repeats x along the rows, Y repeats y along the columns.
    xs = x.ravel()
    ys = y.ravel()
    gx = np.empty((ys.size, xs.size), dtype=x.dtype)
    gy = np.empty((ys.size, xs.size), dtype=y.dtype)
    gx[:, :] = xs[np.newaxis, :]
    gy[:, :] = ys[:, np.newaxis]
    return gx, gy


def interp(x, xp, fp):
    # Piecewise-linear interpolation of increasing xp, clamped to fp's ends outside; x a 1-d
    # array.
    n = xp.size
    if n == 0 or fp.size != n:
        raise ValueError("fp and xp are not of the same length.")
    out = np.empty(x.size, dtype=np.float64)
    for k in range(x.size):
        v = x[k]
        if v != v:
            out[k] = v
        elif v <= xp[0]:
            out[k] = fp[0]
        elif v >= xp[n - 1]:
            out[k] = fp[n - 1]
        else:
            lo = 0
            hi = n - 1
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if xp[mid] <= v:
                    lo = mid
                else:
                    hi = mid
            if v == xp[lo]:
                out[k] = fp[lo]
            else:
                slope = (fp[hi] - fp[lo]) / (xp[hi] - xp[lo])
                out[k] = slope * (v - xp[lo]) + fp[lo]
    return out
