# round(x) gives an int with banker's rounding; round(x, n) gives a float.
# export: round0 i8(f8)
# export: round_n f8(f8, i8)
# export: round_int i8(i8)
# call: round0(2.5)
# call: round0(3.5)
# call: round0(-2.5)
# call: round0(0.5)
# call: round0(-0.5)
# call: round0(1.4999999999999998)
# call: round0(-7.6)
# call: round0(1e15 + 0.5)
# call: round_n(1.2345, 2)
# call: round_n(0.25, 1)
# call: round_n(2.5, 0)
# call: round_n(-3.5, 0)
# call: round_n(1234.5678, -2)
# call: round_n(1250.0, -2)
# call: round_n(-0.4, 0)
# call: round_int(7)


def round0(x):
    return round(x)


def round_n(x, n):
    return round(x, n)


def round_int(n):
    return round(n)
