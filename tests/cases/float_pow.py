# Float ** with float and integer exponents.
# export: power f8(f8, f8)
# export: power_int f8(f8, i8)
# export: square f8(f8)
# export: inverse_square f8(f8)
# export: neg_square f8(f8)
# call: power(2.0, 0.5)
# call: power(2.0, -1.5)
# call: power(10.0, 3.0)
# call: power(-2.0, 3.0)
# call: power(0.0, 0.0)
# call: power(1.1, 2.2)
# call: power(7.0, -0.0)
# call: power(1e-3, 0.25)
# call: power_int(1.5, 3)
# call: power_int(2.5, 4)
# call: power_int(-0.5, 5)
# call: power_int(2.0, -2)
# call: power_int(3.0, 0)
# call: square(1.414)
# call: square(-3.5)
# call: inverse_square(4.0)
# call: neg_square(3.0)
# call: neg_square(-0.5)


def power(x, y):
    return x ** y


def power_int(x, n):
    return x ** n


def square(x):
    return x ** 2


def inverse_square(x):
    return x ** -2


def neg_square(x):
    return -x ** 2
