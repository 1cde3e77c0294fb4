# Division by zero raises ZeroDivisionError for integers and floats alike, as in Python.
# export: div f8(i8, i8)
# export: fdiv i8(i8, i8)
# export: mod i8(i8, i8)
# export: div_f f8(f8, f8)
# export: fdiv_f f8(f8, f8)
# export: mod_f f8(f8, f8)
# export: mean f8(i8, i8)
# call: div(1, 2)
# call: fdiv(7, 2)
# call: mod(7, 2)
# call: div_f(1.0, 4.0)
# call: fdiv_f(7.0, 2.0)
# call: mod_f(7.0, 2.0)
# call: mean(10, 4)
# raises: div(1, 0) ZeroDivisionError
# raises: div(0, 0) ZeroDivisionError
# raises: fdiv(1, 0) ZeroDivisionError
# raises: fdiv(-5, 0) ZeroDivisionError
# raises: mod(1, 0) ZeroDivisionError
# raises: div_f(1.0, 0.0) ZeroDivisionError
# raises: div_f(1.0, -0.0) ZeroDivisionError
# raises: fdiv_f(1.0, 0.0) ZeroDivisionError
# raises: mod_f(1.0, 0.0) ZeroDivisionError
# raises: mean(10, 0) ZeroDivisionError


def div(a, b):
    return a / b


def fdiv(a, b):
    return a // b


def mod(a, b):
    return a % b


def div_f(a, b):
    return a / b


def fdiv_f(a, b):
    return a // b


def mod_f(a, b):
    return a % b


def mean(total, count):
    if total > 0:
        return total / count
    return 0.0
