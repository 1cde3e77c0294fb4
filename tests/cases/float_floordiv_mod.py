# Float // and % follow Python: floor division and a remainder with the divisor's sign,
# computed with Python's own algorithm (so 1.0 // 0.1 is 9.0 and zeros keep Python's signs).
# export: fdiv f8(f8, f8)
# export: mod f8(f8, f8)
# export: mixed_mod f8(i8, f8)
# call: fdiv(7.5, 2.0)
# call: fdiv(-7.5, 2.0)
# call: fdiv(7.5, -2.0)
# call: fdiv(-7.5, -2.0)
# call: fdiv(1.0, 0.1)
# call: fdiv(0.5, -1.0)
# call: fdiv(-0.0, 1.0)
# call: fdiv(5.0, 2.5)
# call: fdiv(1e300, 1e-10)
# call: mod(7.5, 2.0)
# call: mod(-7.5, 2.0)
# call: mod(7.5, -2.0)
# call: mod(-7.5, -2.0)
# call: mod(1.0, 0.1)
# call: mod(5.0, 2.5)
# call: mod(-5.0, 2.5)
# call: mod(5.0, -2.5)
# call: mod(-1e-300, 3.0)
# call: mod(3.0, math.inf)
# call: mixed_mod(7, 2.5)
# call: mixed_mod(-7, 2.5)


def fdiv(a, b):
    return a // b


def mod(a, b):
    return a % b


def mixed_mod(a, b):
    return a % b
