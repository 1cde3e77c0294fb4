# Integer ** with a non-negative exponent stays an integer.
# export: power i8(i8, i8)
# export: square i8(i8)
# export: cube i8(i8)
# export: two_to i8(i8)
# call: power(2, 10)
# call: power(-3, 3)
# call: power(-3, 4)
# call: power(5, 0)
# call: power(0, 0)
# call: power(0, 5)
# call: power(-1, 7)
# call: power(1, 1000)
# call: power(3, 39)
# call: square(-12)
# call: cube(-7)
# call: cube(2097151)
# call: two_to(62)
# call: two_to(0)


def power(a, b):
    return a ** b


def square(a):
    return a ** 2


def cube(a):
    return a ** 3


def two_to(n):
    return 2 ** n
