# and / or / not on booleans, and ints and floats used as truth values.
# export: both b1(b1, b1)
# export: either b1(b1, b1)
# export: negate b1(b1)
# export: xor_logic b1(b1, b1)
# export: truthy_int i8(i8)
# export: truthy_float i8(f8)
# export: both_nonzero i8(i8, f8)
# export: pick_or i8(i8, i8)
# export: pick_and i8(i8, i8)
# export: not_int b1(i8)
# export: not_float b1(f8)
# export: guard b1(i8, i8)
# call: both(True, True)
# call: both(True, False)
# call: both(False, True)
# call: either(False, False)
# call: either(False, True)
# call: negate(True)
# call: negate(False)
# call: xor_logic(True, False)
# call: xor_logic(True, True)
# call: truthy_int(0)
# call: truthy_int(-3)
# call: truthy_float(0.0)
# call: truthy_float(-0.0)
# call: truthy_float(0.5)
# call: truthy_float(math.nan)
# call: both_nonzero(1, 0.0)
# call: both_nonzero(2, 0.1)
# call: both_nonzero(0, 1.0)
# call: pick_or(0, 7)
# call: pick_or(3, 7)
# call: pick_and(0, 7)
# call: pick_and(3, 7)
# call: not_int(0)
# call: not_int(5)
# call: not_float(0.0)
# call: not_float(2.5)
# call: guard(0, 5)
# call: guard(2, 5)
# call: guard(2, 4)


def both(a, b):
    return a and b


def either(a, b):
    return a or b


def negate(a):
    return not a


def xor_logic(a, b):
    return (a or b) and not (a and b)


def truthy_int(x):
    if x:
        return 1
    return 0


def truthy_float(x):
    if x:
        return 1
    else:
        return 0


def both_nonzero(n, x):
    if n and x:
        return 1
    elif n or x:
        return 2
    return 3


def pick_or(a, b):
    return a or b


def pick_and(a, b):
    return a and b


def not_int(x):
    return not x


def not_float(x):
    return not x


def guard(d, n):
    # The right operand is evaluated only when needed: no division by zero.
    return d != 0 and n % d == 1
