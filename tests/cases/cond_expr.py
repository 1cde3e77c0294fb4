# Conditional expressions (a if c else b), nested, and with int and float branches.
# export: abs_val i8(i8)
# export: clip f8(f8, f8, f8)
# export: sign3 i8(f8)
# export: mixed f8(b1, i8, f8)
# export: in_loop i8(i8)
# call: abs_val(-4)
# call: abs_val(4)
# call: clip(0.5, 0.0, 1.0)
# call: clip(-0.5, 0.0, 1.0)
# call: clip(1.5, 0.0, 1.0)
# call: sign3(-0.5)
# call: sign3(0.0)
# call: sign3(0.5)
# call: mixed(True, 3, 0.5)
# call: mixed(False, 3, 0.5)
# call: in_loop(10)


def abs_val(x):
    return x if x >= 0 else -x


def clip(x, lo, hi):
    return lo if x < lo else (hi if x > hi else x)


def sign3(x):
    return 1 if x > 0 else -1 if x < 0 else 0


def mixed(flag, n, x):
    return n if flag else x


def in_loop(n):
    total = 0
    for i in range(n):
        total += i if i % 2 == 0 else -i
    return total
