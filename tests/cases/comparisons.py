# Comparison operators, chained comparisons, mixed int/float operands, and NaN.
# export: lt b1(i8, i8)
# export: le b1(f8, f8)
# export: eq b1(i8, f8)
# export: ne b1(f8, f8)
# export: gt b1(f8, i8)
# export: ge b1(i8, i8)
# export: between b1(i8, i8, i8)
# export: ordered b1(f8, f8, f8, f8)
# export: sign_changes i8(f8, f8, f8)
# call: lt(1, 2)
# call: lt(2, 2)
# call: lt(-3, -4)
# call: le(2.5, 2.5)
# call: le(-0.0, 0.0)
# call: le(math.nan, 1.0)
# call: eq(3, 3.0)
# call: eq(3, 3.5)
# call: ne(math.nan, math.nan)
# call: ne(0.0, -0.0)
# call: gt(2.5, 2)
# call: gt(-1.5, -1)
# call: ge(5, 5)
# call: ge(4, 5)
# call: between(1, 5, 10)
# call: between(1, 10, 10)
# call: between(1, 0, 10)
# call: ordered(1.0, 2.0, 2.0, 3.0)
# call: ordered(1.0, 2.0, 1.5, 3.0)
# call: ordered(1.0, math.nan, 2.0, 3.0)
# call: sign_changes(1.0, -2.0, 3.0)
# call: sign_changes(0.0, 0.0, 0.0)


def lt(a, b):
    return a < b


def le(a, b):
    return a <= b


def eq(a, b):
    return a == b


def ne(a, b):
    return a != b


def gt(a, b):
    return a > b


def ge(a, b):
    return a >= b


def between(lo, x, hi):
    return lo <= x < hi


def ordered(a, b, c, d):
    return a <= b <= c <= d


def sign_changes(a, b, c):
    count = 0
    if (a < 0) != (b < 0):
        count += 1
    if (b < 0) != (c < 0):
        count += 1
    return count
