# / of two integers is a float, and ints mix with floats.
# export: div f8(i8, i8)
# export: div_mixed f8(i8, f8)
# export: halves f8(i8)
# export: ratio_sum f8(i8)
# call: div(7, 2)
# call: div(-7, 2)
# call: div(1, 3)
# call: div(-2, 3)
# call: div(10, 5)
# call: div(0, -5)
# call: div(9007199254740991, 3)
# call: div_mixed(7, 2.5)
# call: div_mixed(-1, 0.1)
# call: halves(5)
# call: halves(-5)
# call: ratio_sum(10)


def div(a, b):
    return a / b


def div_mixed(a, b):
    return a / b


def halves(n):
    return n / 2 + n / 4


def ratio_sum(n):
    total = 0.0
    for i in range(1, n + 1):
        total += 1 / i
    return total
