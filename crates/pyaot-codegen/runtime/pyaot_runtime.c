/*
 * pyaot_runtime.c - the small C runtime linked into every extension module that pyaot generates.
 *
 * It parses and unboxes arguments, boxes results, creates NumPy arrays, raises exceptions and
 * creates the module object; the interface is documented in pyaot_runtime.h.
 *
 * Two portability choices shape this file:
 *
 * - It is written against the CPython limited API of 3.10 (the first with METH_FASTCALL), so the
 *   object does not depend on one CPython minor version. That is why type names come from the
 *   `__name__` attribute (PyType_GetName is 3.11+), complex conversion calls complex(o)
 *   (PyComplex_AsCComplex is not in the limited API) and tuples are read with PyTuple_GetItem.
 *
 * - It does not include NumPy's headers and does not need NumPy to build. A module that uses
 *   arrays fetches NumPy's C-API function table at run time from the `_ARRAY_API` capsule, as
 *   NumPy's own import_array() does; a module that does not never imports NumPy. The few NumPy
 *   ABI facts used are declared below, each with where it was checked.
 */
#ifndef Py_LIMITED_API
#define Py_LIMITED_API 0x030A0000
#endif
#include "pyaot_runtime.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

_Static_assert(sizeof(Py_ssize_t) == sizeof(int64_t) && sizeof(void *) == 8,
               "pyaot's runtime supports 64-bit targets only: its array struct stores npy_intp "
               "shapes and strides as int64_t");

/* ---------------------------------------------------------------------------------------------
 * NumPy ABI facts.
 *
 * Struct layouts. Both structs are declared here only up to the last field used. NumPy 1.x
 * (numpy/core/include/numpy/ndarraytypes.h) and NumPy 2.x (numpy/_core/include/numpy/
 * ndarraytypes.h) declare PyArrayObject_fields with the same leading fields in the same order:
 * PyObject_HEAD, char *data, int nd, npy_intp *dimensions, npy_intp *strides, PyObject *base,
 * PyArray_Descr *descr, int flags. PyArray_Descr starts with PyObject_HEAD, PyTypeObject
 * *typeobj, char kind, char type, char byteorder, one char (`flags` in 1.x, `_former_flags` in
 * 2.x, kept precisely so that type_num did not move) and int type_num; the fields after type_num
 * differ (1.x: int elsize; 2.x: npy_uint64 flags, npy_intp elsize), so they are not used, and
 * item sizes come from the type number instead. NumPy 2's header spells out this shared prefix
 * as its "1.x and 2.x compatible version" of PyArray_Descr. On a 64-bit target that gives
 * kind at 24, byteorder at 26, type_num at 28, and data 16, nd 24, dimensions 32, strides 40,
 * base 48, descr 56, flags 64, which the assertions below check.
 *
 * Function table indices (numpy/_core/code_generators/numpy_api.py in NumPy 2.x and
 * numpy/core/code_generators/numpy_api.py in 1.x agree on all of them; NumPy never reuses an
 * index): 0 PyArray_GetNDArrayCVersion, 2 PyArray_Type, 8 PyBoolArrType_Type,
 * 17 PyComplexFloatingArrType_Type, 45 PyArray_DescrFromType, 94 PyArray_NewFromDescr,
 * 210 PyArray_GetEndianness, 211 PyArray_GetNDArrayCFeatureVersion.
 * ------------------------------------------------------------------------------------------- */

typedef struct {
    PyObject ob_base;
    PyTypeObject *typeobj;
    char kind;
    char type;
    char byteorder;
    char former_flags;
    int type_num;
} np_descr;

typedef struct {
    PyObject ob_base;
    char *data;
    int nd;
    Py_ssize_t *dimensions;
    Py_ssize_t *strides;
    PyObject *base;
    np_descr *descr;
    int flags;
} np_array;

_Static_assert(offsetof(np_descr, kind) == 24 && offsetof(np_descr, byteorder) == 26 &&
                   offsetof(np_descr, type_num) == 28,
               "PyArray_Descr layout");
_Static_assert(offsetof(np_array, data) == 16 && offsetof(np_array, nd) == 24 &&
                   offsetof(np_array, dimensions) == 32 && offsetof(np_array, strides) == 40 &&
                   offsetof(np_array, descr) == 56 && offsetof(np_array, flags) == 64,
               "PyArrayObject layout");

enum {
    NPY_C_CONTIGUOUS = 0x0001,
    NPY_F_CONTIGUOUS = 0x0002,
    NPY_ALIGNED = 0x0100,
    NPY_WRITEABLE = 0x0400,
};

enum {
    API_GET_ABI_VERSION = 0,
    API_ARRAY_TYPE = 2,
    API_BOOL_SCALAR_TYPE = 8,
    API_COMPLEX_SCALAR_TYPE = 17,
    API_DESCR_FROM_TYPE = 45,
    API_NEW_FROM_DESCR = 94,
    API_GET_ENDIANNESS = 210,
    API_GET_FEATURE_VERSION = 211,
};

/* NumPy's ABI version is 0x01000009 for every 1.x release and 0x02000000 for 2.x; a module
   built against NumPy 2's headers refuses anything newer, and so does this runtime. The feature
   (C-API) version must be at least that of NumPy 1.7, which fixed the array struct and flags
   used here. NPY_CPU_LITTLE is 1 and NPY_CPU_BIG 2 (npy_common.h). */
#define NPY_MAX_ABI_VERSION 0x02000000u
#define NPY_MIN_FEATURE_VERSION 0x00000007u
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define NPY_NATIVE_ENDIANNESS 2
#define NPY_NATIVE_BYTEORDER '>'
#else
#define NPY_NATIVE_ENDIANNESS 1
#define NPY_NATIVE_BYTEORDER '<'
#endif

/* The C-API table, NULL until NumPy has been imported by this module. */
static void **np_api;

typedef PyObject *(*descr_from_type_fn)(int);
typedef PyObject *(*new_from_descr_fn)(PyTypeObject *, PyObject *, int, const Py_ssize_t *,
                                       const Py_ssize_t *, void *, int, PyObject *);

static int import_numpy_api(void) {
    if (np_api) {
        return 0;
    }
    PyObject *m = PyImport_ImportModule("numpy._core._multiarray_umath");
    if (!m && PyErr_ExceptionMatches(PyExc_ModuleNotFoundError)) {
        PyErr_Clear();
        m = PyImport_ImportModule("numpy.core._multiarray_umath");
    }
    if (!m) {
        return -1;
    }
    PyObject *capsule = PyObject_GetAttrString(m, "_ARRAY_API");
    Py_DECREF(m);
    if (!capsule) {
        return -1;
    }
    /* The table lives as long as NumPy's extension module, which is never unloaded. */
    void **api = (void **)PyCapsule_GetPointer(capsule, NULL);
    Py_DECREF(capsule);
    if (!api) {
        return -1;
    }
    unsigned abi = ((unsigned (*)(void))api[API_GET_ABI_VERSION])();
    unsigned feature = ((unsigned (*)(void))api[API_GET_FEATURE_VERSION])();
    int endianness = ((int (*)(void))api[API_GET_ENDIANNESS])();
    if (abi > NPY_MAX_ABI_VERSION || feature < NPY_MIN_FEATURE_VERSION ||
        endianness != NPY_NATIVE_ENDIANNESS) {
        PyErr_Format(PyExc_ImportError,
                     "incompatible NumPy (C ABI version 0x%x, C-API version 0x%x, endianness "
                     "%d): pyaot modules support NumPy 1.7 to 2.x",
                     abi, feature, endianness);
        return -1;
    }
    np_api = api;
    return 0;
}

/* The C-API table if NumPy is already imported (so objects of NumPy types may exist), else NULL.
   Lets a module that does not need NumPy still recognise numpy.bool_ and NumPy complex scalars
   without importing NumPy. */
static void **numpy_api_if_imported(void) {
    if (!np_api) {
        PyObject *modules = PyImport_GetModuleDict();
        if (PyDict_GetItemString(modules, "numpy._core._multiarray_umath") ||
            PyDict_GetItemString(modules, "numpy.core._multiarray_umath")) {
            if (import_numpy_api() < 0) {
                PyErr_Clear();
            }
        }
    }
    return np_api;
}

static int is_instance_of_api_type(PyObject *o, int index) {
    void **api = numpy_api_if_imported();
    return api && PyObject_TypeCheck(o, (PyTypeObject *)api[index]);
}

/* ---------------------------------------------------------------------------------------------
 * Type numbers.
 * ------------------------------------------------------------------------------------------- */

static const struct {
    const char *name;
    unsigned char size;
} dtypes[16] = {
    [0] = {"bool", 1},     [1] = {"int8", 1},     [2] = {"uint8", 1},
    [3] = {"int16", 2},    [4] = {"uint16", 2},   [5] = {"int32", 4},
    [6] = {"uint32", 4},   [7] = {"int64", 8},    [8] = {"uint64", 8},
    [11] = {"float32", 4}, [12] = {"float64", 8}, [14] = {"complex64", 8},
    [15] = {"complex128", 16},
};

/* pyaot's code for a NumPy type number. NumPy has two type numbers for some integer widths:
   NPY_LONGLONG (9) and NPY_ULONGLONG (10) are always 64-bit, while NPY_LONG (7) and NPY_ULONG
   (8) follow C's long, which is 32-bit on Windows, where they equal NPY_INT and NPY_UINT. */
static int canonical_code(int type_num) {
    if (type_num == 9 || type_num == 10 || ((type_num == 7 || type_num == 8) && sizeof(long) != 8)) {
        return type_num - 2;
    }
    return type_num;
}

/* The NumPy type number for a pyaot code: the inverse of canonical_code. */
static int numpy_type_num(int code) {
    return (code == 7 || code == 8) && sizeof(long) != 8 ? code + 2 : code;
}

static size_t item_size(int code) {
    return code >= 0 && code < 16 ? dtypes[code].size : 0;
}

/* ---------------------------------------------------------------------------------------------
 * Errors.
 * ------------------------------------------------------------------------------------------- */

/* The name of o's type, a new reference; only called to build error messages. */
static PyObject *type_name(PyObject *o) {
    PyObject *name = PyObject_GetAttrString((PyObject *)Py_TYPE(o), "__name__");
    if (!name) {
        PyErr_Clear();
        name = PyUnicode_FromString("object");
    }
    return name;
}

/* Raises "f() argument 'a' must be <declared type>, not <given>", consuming `given` (a new
   reference to a str, or NULL if building it failed). Any pending exception is replaced. */
static int raise_arg_type(const pyaot_fn_desc *d, int64_t i, PyObject *given) {
    if (given) {
        PyErr_Format(PyExc_TypeError, "%s() argument '%s' must be %s, not %S", d->name,
                     d->param_names[i], d->param_types[i], given);
        Py_DECREF(given);
    }
    return -1;
}

static int raise_scalar_arg_type(PyObject *o, const pyaot_fn_desc *d, int64_t i) {
    PyErr_Clear();
    return raise_arg_type(d, i, type_name(o));
}

/* Replaces a pending TypeError with the argument's TypeError; keeps any other exception. */
static int convert_failed(PyObject *o, const pyaot_fn_desc *d, int64_t i) {
    if (PyErr_ExceptionMatches(PyExc_TypeError)) {
        return raise_scalar_arg_type(o, d, i);
    }
    if (PyErr_ExceptionMatches(PyExc_OverflowError)) {
        PyErr_Clear();
        PyErr_Format(PyExc_OverflowError, "%s() argument '%s': value out of range for %s", d->name,
                     d->param_names[i], d->param_types[i]);
    }
    return -1;
}

/* ---------------------------------------------------------------------------------------------
 * Tuples and rounding.
 * ------------------------------------------------------------------------------------------- */

int pyaot_unbox_tuple(PyObject *o, const pyaot_fn_desc *d, int64_t i, int64_t n, PyObject **items) {
    if (!PyTuple_Check(o) || PyTuple_Size(o) != (Py_ssize_t)n) {
        PyObject *given = type_name(o);
        if (given && PyTuple_Check(o)) {
            Py_DECREF(given);
            given = PyUnicode_FromFormat("a tuple of length %zd", PyTuple_Size(o));
        }
        return raise_arg_type(d, i, given);
    }
    for (int64_t k = 0; k < n; k++) {
        items[k] = PyTuple_GetItem(o, (Py_ssize_t)k);
        if (!items[k]) {
            return -1;
        }
    }
    return 0;
}

/* round(x, ndigits) for floats, as Numba computes it (CPython's pre-dtoa algorithm): scale,
   round half to even, unscale. */
double pyaot_round_ndigits(double x, int64_t ndigits) {
    double pow1, pow2, y, z;
    if (isinf(x) || isnan(x)) {
        return x;
    }
    if (ndigits > 400) {
        return x;
    }
    if (ndigits < -400) {
        return copysign(0.0, x);
    }
    if (ndigits >= 0) {
        if (ndigits > 22) {
            pow1 = pow(10.0, (double)(ndigits - 22));
            pow2 = 1e22;
        } else {
            pow1 = pow(10.0, (double)ndigits);
            pow2 = 1.0;
        }
        y = (x * pow1) * pow2;
        if (isinf(y)) {
            return x;
        }
    } else {
        pow1 = pow(10.0, (double)-ndigits);
        pow2 = 1.0;
        y = x / pow1;
    }
    z = round(y);
    if (fabs(y - z) == 0.5) {
        z = 2.0 * round(y / 2.0);
    }
    if (ndigits >= 0) {
        z = (z / pow2) / pow1;
    } else {
        z *= pow1;
    }
    if (isinf(z)) {
        return x;
    }
    return z;
}

/* ---------------------------------------------------------------------------------------------
 * math.gamma and math.lgamma with CPython's own algorithm (Lanczos' approximation, as in
 * Modules/mathmodule.c), so that compiled results equal CPython's to the last bit; the C
 * library's tgamma/lgamma differ from it in the last digits.
 * ------------------------------------------------------------------------------------------- */

#define PYAOT_PI 3.141592653589793238462643383279502884197
#define PYAOT_LOGPI 1.144729885849400174143427351353058711647
#define LANCZOS_N 13
static const double lanczos_g = 6.024680040776729583740234375;
static const double lanczos_g_minus_half = 5.524680040776729583740234375;
static const double lanczos_num_coeffs[LANCZOS_N] = {
    23531376880.410759688572007674451636754734846804940,
    42919803642.649098768957899047001988850926355848959,
    35711959237.355668049440185451547166705960488635843,
    17921034426.037209699919755754458931112671403265390,
    6039542586.3520280050642916443072979210699388420708,
    1439720407.3117216736632230727949123939715485786772,
    248874557.86205415651146038641322942321632125127801,
    31426415.585400194380614231628318205362874684987640,
    2876370.6289353724412254090516208496135991145378768,
    186056.26539522349504029498971604569928220784236328,
    8071.6720023658162106380029022722506138218516325024,
    210.82427775157934587250973392071336271166969580291,
    2.5066282746310002701649081771338373386264310793408,
};
/* The denominator is x*(x+1)*...*(x+LANCZOS_N-2). */
static const double lanczos_den_coeffs[LANCZOS_N] = {
    0.0, 39916800.0, 120543840.0, 150917976.0, 105258076.0, 45995730.0, 13339535.0,
    2637558.0, 357423.0, 32670.0, 1925.0, 66.0, 1.0};
#define NGAMMA_INTEGRAL 23
static const double gamma_integral[NGAMMA_INTEGRAL] = {
    1.0, 1.0, 2.0, 6.0, 24.0, 120.0, 720.0, 5040.0, 40320.0, 362880.0, 3628800.0, 39916800.0,
    479001600.0, 6227020800.0, 87178291200.0, 1307674368000.0, 20922789888000.0,
    355687428096000.0, 6402373705728000.0, 121645100408832000.0, 2432902008176640000.0,
    51090942171709440000.0, 1124000727777607680000.0,
};

/* sin(pi * x), accurate for large x too. */
static double sinpi(double x) {
    double y = fmod(fabs(x), 2.0), r;
    switch ((int)round(2.0 * y)) {
    case 0: r = sin(PYAOT_PI * y); break;
    case 1: r = cos(PYAOT_PI * (y - 0.5)); break;
    case 2: r = sin(PYAOT_PI * (1.0 - y)); break;
    case 3: r = -cos(PYAOT_PI * (y - 1.5)); break;
    default: r = sin(PYAOT_PI * (y - 2.0)); break;
    }
    return copysign(1.0, x) * r;
}

/* Lanczos' sum L_g(x) for x > 0, rescaled for large x to avoid overflow. */
static double lanczos_sum(double x) {
    double num = 0.0, den = 0.0;
    if (x < 5.0) {
        for (int i = LANCZOS_N; --i >= 0;) {
            num = num * x + lanczos_num_coeffs[i];
            den = den * x + lanczos_den_coeffs[i];
        }
    } else {
        for (int i = 0; i < LANCZOS_N; i++) {
            num = num / x + lanczos_num_coeffs[i];
            den = den / x + lanczos_den_coeffs[i];
        }
    }
    return num / den;
}

/* Like Numba, domain errors give nan/inf instead of raising ValueError. */
double pyaot_gamma(double x) {
    double absx, r, y, z, sqrtpow;
    if (!isfinite(x)) {
        return (isnan(x) || x > 0.0) ? x : NAN;
    }
    if (x == 0.0) {
        return copysign(HUGE_VAL, x);
    }
    if (x == floor(x)) {
        if (x < 0.0) {
            return NAN;
        }
        if (x <= NGAMMA_INTEGRAL) {
            return gamma_integral[(int)x - 1];
        }
    }
    absx = fabs(x);
    if (absx < 1e-20) {
        return 1.0 / x;
    }
    if (absx > 200.0) {
        return x < 0.0 ? 0.0 / sinpi(x) : HUGE_VAL;
    }
    y = absx + lanczos_g_minus_half;
    /* The error in computing y, used as a correction below. */
    if (absx > lanczos_g_minus_half) {
        double q = y - absx;
        z = q - lanczos_g_minus_half;
    } else {
        double q = y - lanczos_g_minus_half;
        z = q - absx;
    }
    z = z * lanczos_g / y;
    if (x < 0.0) {
        r = -PYAOT_PI / sinpi(absx) / absx * exp(y) / lanczos_sum(absx);
        r -= z * r;
        if (absx < 140.0) {
            r /= pow(y, absx - 0.5);
        } else {
            sqrtpow = pow(y, absx / 2.0 - 0.25);
            r /= sqrtpow;
            r /= sqrtpow;
        }
    } else {
        r = lanczos_sum(absx) / exp(y);
        r += z * r;
        if (absx < 140.0) {
            r *= pow(y, absx - 0.5);
        } else {
            sqrtpow = pow(y, absx / 2.0 - 0.25);
            r *= sqrtpow;
            r *= sqrtpow;
        }
    }
    return r;
}

double pyaot_lgamma(double x) {
    double r, absx;
    if (!isfinite(x)) {
        return isnan(x) ? x : HUGE_VAL;
    }
    if (x == floor(x) && x <= 2.0) {
        return x <= 0.0 ? HUGE_VAL : 0.0;
    }
    absx = fabs(x);
    if (absx < 1e-20) {
        return -log(absx);
    }
    r = log(lanczos_sum(absx)) - lanczos_g;
    r += (absx - 0.5) * (log(absx + lanczos_g - 0.5) - 1);
    if (x < 0.0) {
        /* The reflection formula. */
        r = PYAOT_LOGPI - log(fabs(sinpi(absx))) - log(absx) - r;
    }
    return r;
}

/* ---------------------------------------------------------------------------------------------
 * Float sums with NumPy's pairwise algorithm (numpy/_core/src/umath/loops_utils.h.src), so that
 * `a.sum()` of a 1-d or contiguous array equals NumPy's to the last bit: fewer than 8 elements
 * are added in order; up to 128 with eight interleaved partial sums; beyond that the range is
 * split in two halves (the first a multiple of 8 long) summed recursively. Like
 * `np.add.reduce`, the result starts from the identity 0.0.
 * ------------------------------------------------------------------------------------------- */

#define PYAOT_PAIRWISE_SUM(NAME, T)                                                              \
    static T NAME##_rec(const char *a, int64_t n, int64_t stride) {                              \
        if (n < 8) {                                                                             \
            T res = 0;                                                                           \
            for (int64_t i = 0; i < n; i++) {                                                    \
                res += *(const T *)(a + i * stride);                                             \
            }                                                                                    \
            return res;                                                                          \
        }                                                                                        \
        if (n <= 128) {                                                                          \
            T r[8];                                                                              \
            int64_t i;                                                                           \
            for (int k = 0; k < 8; k++) {                                                        \
                r[k] = *(const T *)(a + k * stride);                                             \
            }                                                                                    \
            for (i = 8; i < n - (n % 8); i += 8) {                                               \
                for (int k = 0; k < 8; k++) {                                                    \
                    r[k] += *(const T *)(a + (i + k) * stride);                                  \
                }                                                                                \
            }                                                                                    \
            T res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));           \
            for (; i < n; i++) {                                                                 \
                res += *(const T *)(a + i * stride);                                             \
            }                                                                                    \
            return res;                                                                          \
        }                                                                                        \
        int64_t n2 = n / 2;                                                                      \
        n2 -= n2 % 8;                                                                            \
        return NAME##_rec(a, n2, stride) + NAME##_rec(a + n2 * stride, n - n2, stride);          \
    }                                                                                            \
    T NAME(const char *a, int64_t n, int64_t stride) {                                           \
        T identity = 0;                                                                          \
        return identity + NAME##_rec(a, n, stride);                                              \
    }

PYAOT_PAIRWISE_SUM(pyaot_sum_f64, double)
PYAOT_PAIRWISE_SUM(pyaot_sum_f32, float)

/* The sum of an N-d array that is not C-contiguous, as NumPy's buffered reduction computes it:
 * the elements in C order are copied into a buffer of 8192, each buffer is summed pairwise, and
 * the buffer sums are added in order. */
#define PYAOT_PAIRWISE_SUM_ND(NAME, T, FLAT)                                                     \
    T NAME(const char *data, int32_t ndim, const int64_t *shape, const int64_t *strides) {       \
        T buffer[8192];                                                                          \
        int64_t index[32] = {0};                                                                 \
        int64_t size = 1;                                                                        \
        for (int32_t k = 0; k < ndim; k++) {                                                     \
            size *= shape[k];                                                                    \
        }                                                                                        \
        T acc = 0;                                                                               \
        int64_t done = 0, filled = 0;                                                            \
        const char *p = data;                                                                    \
        while (done < size) {                                                                    \
            buffer[filled++] = *(const T *)p;                                                    \
            done++;                                                                              \
            for (int32_t k = ndim - 1; k >= 0; k--) {                                            \
                if (++index[k] < shape[k]) {                                                     \
                    p += strides[k];                                                             \
                    break;                                                                       \
                }                                                                                \
                p -= strides[k] * (shape[k] - 1);                                                \
                index[k] = 0;                                                                    \
            }                                                                                    \
            if (filled == 8192 || done == size) {                                                \
                acc += FLAT##_rec((const char *)buffer, filled, sizeof(T));                      \
                filled = 0;                                                                      \
            }                                                                                    \
        }                                                                                        \
        return acc;                                                                              \
    }

PYAOT_PAIRWISE_SUM_ND(pyaot_sum_nd_f64, double, pyaot_sum_f64)
PYAOT_PAIRWISE_SUM_ND(pyaot_sum_nd_f32, float, pyaot_sum_f32)

/* NumPy's _attempt_nocopy_reshape (C order): the strides that let `newdims` view the same
 * memory as an array of `olddims`/`oldstrides`; 0 if no view can (a copy is needed). */
int32_t pyaot_nocopy_reshape(int32_t nd, const int64_t *dims, const int64_t *strides, int32_t newnd,
                             const int64_t *newdims, int64_t *newstrides, int64_t itemsize) {
    int64_t olddims[32], oldstrides[32];
    int32_t oldnd = 0, oi, oj, ni, nj, nk, ok;
    for (oi = 0; oi < nd; oi++) {
        if (dims[oi] == 0) {
            /* An empty array is viewed as C-contiguous. */
            int64_t st = itemsize;
            for (nk = newnd - 1; nk >= 0; nk--) {
                newstrides[nk] = st;
                st *= newdims[nk] ? newdims[nk] : 1;
            }
            return 1;
        }
        if (dims[oi] != 1) {
            olddims[oldnd] = dims[oi];
            oldstrides[oldnd] = strides[oi];
            oldnd++;
        }
    }
    oi = 0;
    oj = 1;
    ni = 0;
    nj = 1;
    while (ni < newnd && oi < oldnd) {
        int64_t np = newdims[ni], op = olddims[oi];
        while (np != op) {
            if (np < op) {
                if (nj >= newnd) {
                    return 0;
                }
                np *= newdims[nj++];
            } else {
                if (oj >= oldnd) {
                    return 0;
                }
                op *= olddims[oj++];
            }
        }
        for (ok = oi; ok < oj - 1; ok++) {
            if (oldstrides[ok] != olddims[ok + 1] * oldstrides[ok + 1]) {
                return 0;
            }
        }
        newstrides[nj - 1] = oldstrides[oj - 1];
        for (nk = nj - 1; nk > ni; nk--) {
            newstrides[nk - 1] = newstrides[nk] * newdims[nk];
        }
        ni = nj++;
        oi = oj++;
    }
    int64_t last = ni >= 1 ? newstrides[ni - 1] : itemsize;
    for (nk = ni; nk < newnd; nk++) {
        newstrides[nk] = last;
    }
    return 1;
}

/* IndexError with NumPy's wording; `index` is the index as written (before wrapping). */
void pyaot_raise_index_error(int64_t index, int64_t axis, int64_t size) {
    PyErr_Format(PyExc_IndexError, "index %lld is out of bounds for axis %lld with size %lld",
                 (long long)index, (long long)axis, (long long)size);
}

/* ---------------------------------------------------------------------------------------------
 * Arguments.
 * ------------------------------------------------------------------------------------------- */

static int raise_missing(const pyaot_fn_desc *d, PyObject **out) {
    Py_ssize_t missing = 0;
    for (int64_t i = 0; i < d->nrequired; i++) {
        missing += out[i] == NULL;
    }
    /* CPython's spelling: 'a' / 'a' and 'b' / 'a', 'b', and 'c'. */
    PyObject *names = PyUnicode_FromString("");
    Py_ssize_t listed = 0;
    for (int64_t i = 0; i < d->nrequired && names; i++) {
        if (out[i]) {
            continue;
        }
        const char *sep = listed == 0           ? ""
                          : missing == 2        ? " and "
                          : listed == missing - 1 ? ", and "
                                                : ", ";
        PyObject *next = PyUnicode_FromFormat("%U%s'%s'", names, sep, d->param_names[i]);
        Py_DECREF(names);
        names = next;
        listed++;
    }
    if (names) {
        PyErr_Format(PyExc_TypeError, "%s() missing %zd required positional argument%s: %U",
                     d->name, missing, missing == 1 ? "" : "s", names);
        Py_DECREF(names);
    }
    return -1;
}

int pyaot_parse_args(const pyaot_fn_desc *d, PyObject *const *args, Py_ssize_t nargs,
                     PyObject *kwnames, PyObject **out) {
    Py_ssize_t nparams = (Py_ssize_t)d->nparams;
    if (!kwnames && nargs == nparams) {
        for (Py_ssize_t i = 0; i < nargs; i++) {
            out[i] = args[i];
        }
        return 0;
    }
    /* The checks run in CPython's order: keywords first, then the positional count. */
    for (Py_ssize_t i = 0; i < nparams; i++) {
        out[i] = i < nargs ? args[i] : NULL;
    }
    Py_ssize_t nkw = kwnames ? PyTuple_Size(kwnames) : 0;
    for (Py_ssize_t k = 0; k < nkw; k++) {
        PyObject *key = PyTuple_GetItem(kwnames, k);
        Py_ssize_t len;
        const char *s = key ? PyUnicode_AsUTF8AndSize(key, &len) : NULL;
        if (!s) {
            return -1;
        }
        Py_ssize_t j = 0;
        while (j < nparams &&
               !(strlen(d->param_names[j]) == (size_t)len && !memcmp(d->param_names[j], s, len))) {
            j++;
        }
        if (j == nparams) {
            PyErr_Format(PyExc_TypeError, "%s() got an unexpected keyword argument '%S'", d->name,
                         key);
            return -1;
        }
        if (out[j]) {
            PyErr_Format(PyExc_TypeError, "%s() got multiple values for argument '%S'", d->name,
                         key);
            return -1;
        }
        out[j] = args[nargs + k];
    }
    if (nargs > nparams) {
        if (d->nrequired < nparams) {
            PyErr_Format(PyExc_TypeError,
                         "%s() takes from %zd to %zd positional arguments but %zd %s given",
                         d->name, (Py_ssize_t)d->nrequired, nparams, nargs,
                         nargs == 1 ? "was" : "were");
        } else {
            PyErr_Format(PyExc_TypeError, "%s() takes %zd positional argument%s but %zd %s given",
                         d->name, nparams, nparams == 1 ? "" : "s", nargs,
                         nargs == 1 ? "was" : "were");
        }
        return -1;
    }
    /* Parameters with a default value may stay NULL: the wrapper supplies the default. */
    for (Py_ssize_t i = 0; i < (Py_ssize_t)d->nrequired; i++) {
        if (!out[i]) {
            return raise_missing(d, out);
        }
    }
    return 0;
}

/* ---------------------------------------------------------------------------------------------
 * Scalar unboxing.
 * ------------------------------------------------------------------------------------------- */

int pyaot_unbox_bool(PyObject *o, const pyaot_fn_desc *d, int64_t i, int8_t *out) {
    int truth;
    if (PyBool_Check(o)) {
        *out = o == Py_True;
        return 0;
    }
    if (PyLong_Check(o) || PyFloat_Check(o) || PyComplex_Check(o) ||
        is_instance_of_api_type(o, API_BOOL_SCALAR_TYPE)) {
        /* Numbers convert as bool(x) does: nonzero is True. */
        truth = PyObject_IsTrue(o);
    } else {
        PyObject *index = PyNumber_Index(o);
        if (!index) {
            /* NumPy floating and complex scalars (and other objects with __float__). */
            PyErr_Clear();
            /* Only real numbers: float("1.5") would also accept strings. */
            if (!PyObject_HasAttrString((PyObject *)Py_TYPE(o), "__float__")) {
                return raise_scalar_arg_type(o, d, i);
            }
            PyObject *number = PyNumber_Float(o);
            if (!number) {
                return convert_failed(o, d, i);
            }
            truth = PyObject_IsTrue(number);
            Py_DECREF(number);
        } else {
            truth = PyObject_IsTrue(index);
            Py_DECREF(index);
        }
    }
    if (truth < 0) {
        return -1;
    }
    *out = (int8_t)truth;
    return 0;
}

/* Converts an int object to the integer type `code`, range-checked. */
static int long_to_code(PyObject *v, const pyaot_fn_desc *d, int64_t i, int code, int64_t *out) {
    if (code == 8) {
        unsigned long long u = PyLong_AsUnsignedLongLong(v);
        if (u == (unsigned long long)-1 && PyErr_Occurred()) {
            if (!PyErr_ExceptionMatches(PyExc_OverflowError)) {
                return -1;
            }
            goto out_of_range;
        }
        *out = (int64_t)u;
        return 0;
    }
    int overflow;
    long long x = PyLong_AsLongLongAndOverflow(v, &overflow);
    if (x == -1 && !overflow && PyErr_Occurred()) {
        return -1;
    }
    size_t bits = 8 * item_size(code);
    if (overflow || (bits > 0 && bits < 64 &&
                     (code % 2 ? x < -(1LL << (bits - 1)) || x >= (1LL << (bits - 1))
                               : x < 0 || x >= (1LL << bits)))) {
        goto out_of_range;
    }
    *out = x;
    return 0;
out_of_range:
    PyErr_Clear();
    PyErr_Format(PyExc_OverflowError, "%s() argument '%s': %S out of range for %s", d->name,
                 d->param_names[i], v, d->param_types[i]);
    return -1;
}

int pyaot_unbox_int(PyObject *o, const pyaot_fn_desc *d, int64_t i, int32_t type_num,
                    int64_t *out) {
    int code = canonical_code(type_num);
    if (PyLong_Check(o)) {
        return long_to_code(o, d, i, code, out);
    }
    if (is_instance_of_api_type(o, API_BOOL_SCALAR_TYPE)) {
        int truth = PyObject_IsTrue(o);
        *out = truth;
        return truth < 0 ? -1 : 0;
    }
    PyObject *index = PyNumber_Index(o);
    if (!index) {
        return convert_failed(o, d, i);
    }
    int rc = long_to_code(index, d, i, code, out);
    Py_DECREF(index);
    return rc;
}

int pyaot_unbox_float(PyObject *o, const pyaot_fn_desc *d, int64_t i, double *out) {
    double v;
    if (PyFloat_Check(o)) {
        *out = PyFloat_AsDouble(o);
        return 0;
    }
    if (PyLong_Check(o)) {
        v = PyLong_AsDouble(o);
    } else if (PyComplex_Check(o) || is_instance_of_api_type(o, API_COMPLEX_SCALAR_TYPE)) {
        /* NumPy complex scalars have a __float__ that drops the imaginary part. */
        return raise_scalar_arg_type(o, d, i);
    } else {
        v = PyFloat_AsDouble(o);
        if (v == -1.0 && PyErr_Occurred()) {
            return convert_failed(o, d, i);
        }
    }
    if (v == -1.0 && PyErr_Occurred()) {
        return convert_failed(o, d, i);
    }
    *out = v;
    return 0;
}

int pyaot_unbox_complex(PyObject *o, const pyaot_fn_desc *d, int64_t i, double *re,
                        double *im) {
    if (PyComplex_Check(o)) {
        *re = PyComplex_RealAsDouble(o);
        *im = PyComplex_ImagAsDouble(o);
        return 0;
    }
    if (PyFloat_Check(o) || PyLong_Check(o)) {
        double v = PyFloat_AsDouble(o);
        if (v == -1.0 && PyErr_Occurred()) {
            return -1;
        }
        *re = v;
        *im = 0.0;
        return 0;
    }
    /* complex(o) converts like PyComplex_AsCComplex (__complex__, __float__, __index__) except
       that it also parses strings, which an argument must not be. */
    if (PyUnicode_Check(o)) {
        return raise_scalar_arg_type(o, d, i);
    }
    PyObject *c = PyObject_CallFunctionObjArgs((PyObject *)&PyComplex_Type, o, NULL);
    if (!c) {
        return convert_failed(o, d, i);
    }
    *re = PyComplex_RealAsDouble(c);
    *im = PyComplex_ImagAsDouble(c);
    Py_DECREF(c);
    return 0;
}

/* ---------------------------------------------------------------------------------------------
 * Arrays.
 * ------------------------------------------------------------------------------------------- */

/* The LLVM struct of an ndim-dimensional array: shape in dims[0..ndim], strides after it. */
typedef struct {
    char *data;
    PyObject *owner;
    int64_t dims[];
} array_struct;

static const char layout_letters[] = "CFA";

static int is_native_byteorder(char byteorder) {
    return byteorder == '=' || byteorder == '|' || byteorder == NPY_NATIVE_BYTEORDER;
}

/* Describes an argument given for an array parameter in Numba's spelling, e.g. "list",
   "array(float32, 1d, C)", "a non-contiguous array(float64, 2d, A)", "array(>f8, 1d, C)". */
static PyObject *describe_given_array(PyObject *o, int32_t layout) {
    if (!np_api || !PyObject_TypeCheck(o, (PyTypeObject *)np_api[API_ARRAY_TYPE])) {
        return type_name(o);
    }
    const np_array *a = (const np_array *)o;
    int code = canonical_code(a->descr->type_num);
    PyObject *dtype = item_size(code) && is_native_byteorder(a->descr->byteorder)
                          ? PyUnicode_FromString(dtypes[code].name)
                          : PyObject_Str((PyObject *)a->descr);
    if (!dtype) {
        return NULL;
    }
    const char *prefix = !(a->flags & NPY_ALIGNED) ? "an unaligned "
                         : layout != 2 && !(a->flags & (NPY_C_CONTIGUOUS | NPY_F_CONTIGUOUS))
                             ? "a non-contiguous "
                             : "";
    int given_layout = a->flags & NPY_C_CONTIGUOUS ? 0 : a->flags & NPY_F_CONTIGUOUS ? 1 : 2;
    PyObject *s = PyUnicode_FromFormat("%sarray(%U, %dd, %c)", prefix, dtype, a->nd,
                                       layout_letters[given_layout]);
    Py_DECREF(dtype);
    return s;
}

/* Writes canonical C (or F) strides for a contiguous array, as NumPy computes them. */
static void contiguous_strides(int32_t ndim, const int64_t *shape, size_t itemsize, int fortran,
                               int64_t *strides) {
    int64_t stride = (int64_t)itemsize;
    for (int32_t k = 0; k < ndim; k++) {
        int32_t axis = fortran ? k : ndim - 1 - k;
        strides[axis] = stride;
        stride *= shape[axis] ? shape[axis] : 1;
    }
}

int pyaot_unbox_array(PyObject *o, const pyaot_fn_desc *d, int64_t i, int32_t type_num,
                      int32_t ndim, int32_t layout, int32_t writable, void *out) {
    if (import_numpy_api() < 0) {
        return -1;
    }
    int code = canonical_code(type_num);
    int contiguity = layout == 0 ? NPY_C_CONTIGUOUS : layout == 1 ? NPY_F_CONTIGUOUS : 0;
    const np_array *a = (const np_array *)o;
    if (!PyObject_TypeCheck(o, (PyTypeObject *)np_api[API_ARRAY_TYPE]) || a->nd != ndim ||
        canonical_code(a->descr->type_num) != code || !is_native_byteorder(a->descr->byteorder) ||
        (a->flags & (NPY_ALIGNED | contiguity)) != (NPY_ALIGNED | contiguity)) {
        return raise_arg_type(d, i, describe_given_array(o, layout));
    }
    if (writable && !(a->flags & NPY_WRITEABLE)) {
        PyErr_Format(PyExc_ValueError, "%s() argument '%s' is read-only", d->name,
                     d->param_names[i]);
        return -1;
    }
    array_struct *view = out;
    view->data = a->data;
    view->owner = o;
    memcpy(view->dims, a->dimensions, (size_t)ndim * sizeof(int64_t));
    if (contiguity) {
        contiguous_strides(ndim, view->dims, item_size(code), layout == 1, view->dims + ndim);
    } else {
        memcpy(view->dims + ndim, a->strides, (size_t)ndim * sizeof(int64_t));
    }
    return 0;
}

int pyaot_array_new(int32_t type_num, int32_t ndim, const int64_t *shape, int32_t fortran,
                    int32_t fill, void *out) {
    if (import_numpy_api() < 0) {
        return -1;
    }
    int code = canonical_code(type_num);
    size_t itemsize = item_size(code);
    if (!itemsize) {
        PyErr_Format(PyExc_SystemError, "pyaot: unsupported array type number %d", type_num);
        return -1;
    }
    for (int32_t k = 0; k < ndim; k++) {
        if (shape[k] < 0) {
            PyErr_SetString(PyExc_ValueError, "negative dimensions are not allowed");
            return -1;
        }
    }
    PyObject *descr = ((descr_from_type_fn)np_api[API_DESCR_FROM_TYPE])(numpy_type_num(code));
    if (!descr) {
        return -1;
    }
    /* PyArray_NewFromDescr steals descr; with NULL strides, a nonzero flags argument asks for
       Fortran order. NumPy checks the total size for overflow. */
    PyObject *arr = ((new_from_descr_fn)np_api[API_NEW_FROM_DESCR])(
        (PyTypeObject *)np_api[API_ARRAY_TYPE], descr, ndim, (const Py_ssize_t *)shape, NULL,
        NULL, fortran ? NPY_F_CONTIGUOUS : 0, NULL);
    if (!arr) {
        return -1;
    }
    const np_array *a = (const np_array *)arr;
    size_t nbytes = itemsize;
    for (int32_t k = 0; k < ndim; k++) {
        nbytes *= (size_t)shape[k];
    }
    if (fill == 1) {
        memset(a->data, 0, nbytes);
    } else if (fill == 2 && nbytes) {
        union {
            uint8_t u8;
            uint16_t u16;
            uint32_t u32;
            uint64_t u64;
            float f[2];
            double c[2];
        } one;
        memset(&one, 0, sizeof one);
        switch (code) {
        case 11: case 14: one.f[0] = 1.0f; break;
        case 12: case 15: one.c[0] = 1.0; break;
        default:
            switch (itemsize) {
            case 1: one.u8 = 1; break;
            case 2: one.u16 = 1; break;
            case 4: one.u32 = 1; break;
            default: one.u64 = 1; break;
            }
        }
        /* One element, then doubling copies. */
        memcpy(a->data, &one, itemsize);
        for (size_t done = itemsize; done < nbytes; done *= 2) {
            memcpy(a->data + done, a->data, done < nbytes - done ? done : nbytes - done);
        }
    }
    array_struct *view = out;
    view->data = a->data;
    view->owner = arr;
    memcpy(view->dims, shape, (size_t)ndim * sizeof(int64_t));
    memcpy(view->dims + ndim, a->strides, (size_t)ndim * sizeof(int64_t));
    return 0;
}

/* ---------------------------------------------------------------------------------------------
 * References and boxing.
 * ------------------------------------------------------------------------------------------- */

/* A returned array value as a Python object, stealing the value's reference to its owner: the
   owner itself when the value is the whole owner array, otherwise a new ndarray viewing the same
   memory whose base is the owner (so the view keeps the memory alive). */
PyObject *pyaot_box_array_value(const void *value, int32_t type_num, int32_t ndim) {
    const array_struct *v = (const array_struct *)value;
    PyObject *owner = v->owner;
    const np_array *a = (const np_array *)owner;
    /* The owner itself, if the value is exactly it (same dtype too: `z.real` of a complex array
       shares its data pointer and strides). */
    int same = a->data == v->data && a->nd == ndim &&
               a->descr->type_num == numpy_type_num(type_num);
    for (int32_t k = 0; same && k < ndim; k++) {
        same = a->dimensions[k] == v->dims[k] &&
               (v->dims[k] <= 1 || a->strides[k] == v->dims[ndim + k]);
    }
    if (same) {
        return owner;
    }
    PyObject *descr = ((descr_from_type_fn)np_api[API_DESCR_FROM_TYPE])(numpy_type_num(type_num));
    if (!descr) {
        Py_DECREF(owner);
        return NULL;
    }
    int writeable = (a->flags & NPY_WRITEABLE) != 0;
    PyObject *view = ((new_from_descr_fn)np_api[API_NEW_FROM_DESCR])(
        (PyTypeObject *)np_api[API_ARRAY_TYPE], descr, ndim, (const Py_ssize_t *)v->dims,
        (const Py_ssize_t *)(v->dims + ndim), v->data, writeable ? NPY_WRITEABLE : 0, NULL);
    if (!view) {
        Py_DECREF(owner);
        return NULL;
    }
    /* The view does not own its data; its base (PyArrayObject.base, at the same offset in NumPy
       1.x and 2.x) takes the owner reference, as PyArray_SetBaseObject would. */
    ((np_array *)view)->base = owner;
    return view;
}

void pyaot_incref(PyObject *o) {
    Py_XINCREF(o);
}

void pyaot_decref(PyObject *o) {
    Py_XDECREF(o);
}

PyObject *pyaot_box_bool(int32_t v) {
    return PyBool_FromLong(v);
}

PyObject *pyaot_box_int(int64_t v, int32_t type_num) {
    int code = canonical_code(type_num);
    if (code == 0) {
        return PyBool_FromLong(v != 0);
    }
    return code == 8 ? PyLong_FromUnsignedLongLong((unsigned long long)v)
                     : PyLong_FromLongLong(v);
}

PyObject *pyaot_box_float(double v) {
    return PyFloat_FromDouble(v);
}

PyObject *pyaot_box_complex(double re, double im) {
    return PyComplex_FromDoubles(re, im);
}

PyObject *pyaot_box_none(void) {
    Py_INCREF(Py_None);
    return Py_None;
}

PyObject *pyaot_box_array(PyObject *owner) {
    Py_XINCREF(owner);
    return owner;
}

PyObject *pyaot_tuple_pack_steal(int64_t n, PyObject **items) {
    int complete = 1;
    for (int64_t k = 0; k < n; k++) {
        complete &= items[k] != NULL;
    }
    PyObject *tuple = complete ? PyTuple_New((Py_ssize_t)n) : NULL;
    for (int64_t k = 0; k < n; k++) {
        if (tuple) {
            PyTuple_SetItem(tuple, (Py_ssize_t)k, items[k]);
        } else {
            Py_XDECREF(items[k]);
        }
    }
    return tuple;
}

/* ---------------------------------------------------------------------------------------------
 * Exceptions and the module.
 * ------------------------------------------------------------------------------------------- */

void pyaot_raise(const char *exc_name, const char *msg) {
    PyObject *builtins = PyEval_GetBuiltins();
    PyObject *exc = builtins ? PyDict_GetItemString(builtins, exc_name) : NULL;
    if (!exc || !PyExceptionClass_Check(exc)) {
        PyErr_Format(PyExc_SystemError, "pyaot: unknown exception class %s", exc_name);
    } else if (msg) {
        PyErr_SetString(exc, msg);
    } else {
        PyErr_SetNone(exc);
    }
}

/* Replaces the pending exception with an ImportError that names the module, chained to it. */
static void raise_numpy_import_error(const char *module_name) {
    PyObject *type, *value, *traceback;
    PyErr_Fetch(&type, &value, &traceback);
    PyErr_NormalizeException(&type, &value, &traceback);
    PyErr_Format(PyExc_ImportError, "module %s was compiled by pyaot to use NumPy arrays, but "
                 "NumPy could not be loaded: %S", module_name, value ? value : Py_None);
    if (value) {
        PyObject *new_type, *new_value, *new_traceback;
        PyErr_Fetch(&new_type, &new_value, &new_traceback);
        PyErr_NormalizeException(&new_type, &new_value, &new_traceback);
        if (traceback) {
            PyException_SetTraceback(value, traceback);
        }
        PyException_SetCause(new_value, value); /* steals value */
        PyErr_Restore(new_type, new_value, new_traceback);
    }
    Py_XDECREF(type);
    Py_XDECREF(traceback);
}

PyObject *pyaot_module_create(const char *name, const char *doc, int64_t nmethods,
                              const pyaot_method *methods, int32_t needs_numpy) {
    if (needs_numpy && import_numpy_api() < 0) {
        raise_numpy_import_error(name);
        return NULL;
    }
    /* Single-phase initialisation keeps the definitions alive for the process's lifetime. */
    PyMethodDef *table = PyMem_Calloc((size_t)nmethods + 1, sizeof *table);
    PyModuleDef *def = PyMem_Calloc(1, sizeof *def);
    if (!table || !def) {
        PyMem_Free(table);
        PyMem_Free(def);
        return PyErr_NoMemory();
    }
    for (int64_t k = 0; k < nmethods; k++) {
        table[k].ml_name = methods[k].name;
        table[k].ml_meth = (PyCFunction)(void (*)(void))methods[k].wrapper;
        table[k].ml_flags = METH_FASTCALL | METH_KEYWORDS;
        table[k].ml_doc = methods[k].doc;
    }
    static const PyModuleDef def_template = {.m_base = PyModuleDef_HEAD_INIT};
    *def = def_template;
    def->m_name = name;
    def->m_doc = doc;
    def->m_size = -1;
    def->m_methods = table;
    return PyModule_Create(def);
}
