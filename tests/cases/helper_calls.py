# Exported functions call plain helper functions of the same module, with different argument
# types (each use compiles its own version), helpers calling helpers, and helpers taking arrays.
# export: use_int i8(i8)
# export: use_float f8(f8)
# export: use_both f8(i8, f8)
# export: chained i8(i8)
# export: mean f8(f8[:])
# export: normalize void(f8[:])
# export: twice_exported i8(i8)
# call: use_int(4)
# call: use_int(-20)
# call: use_float(0.25)
# call: use_float(7.5)
# call: use_both(3, 0.5)
# call: chained(5)
# call: mean(np.array([1.0, 2.0, 4.5]))
# call: mean(rng.random(17))
# call: normalize(np.array([1.0, -3.0, 2.0]))
# call: twice_exported(21)


def twice(x):
    return x * 2


def clamp(x, lo, hi):
    if x < lo:
        return lo
    if x > hi:
        return hi
    return x


def use_int(n):
    return twice(n) + clamp(n, 0, 10)


def use_float(x):
    return twice(x) + clamp(x, 0.0, 1.0)


def use_both(n, x):
    return twice(n) * twice(x)


def inner(n):
    return n * n + 1


def middle(n):
    return inner(n) - inner(n - 1)


def chained(n):
    return middle(n) + middle(-n)


def total(a):
    s = 0.0
    for i in range(len(a)):
        s += a[i]
    return s


def largest_magnitude(a):
    m = 0.0
    for i in range(len(a)):
        m = max(m, abs(a[i]))
    return m


def mean(a):
    return total(a) / len(a)


def normalize(a):
    m = largest_magnitude(a)
    for i in range(len(a)):
        a[i] = a[i] / m


def twice_exported(n):
    return use_int(n) + 1
