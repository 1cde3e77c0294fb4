# divmod() of integers and of floats gives Python's floor quotient and remainder.
# export: dm UniTuple(i8, 2)(i8, i8)
# export: dm_f UniTuple(f8, 2)(f8, f8)
# call: dm(17, 5)
# call: dm(-17, 5)
# call: dm(17, -5)
# call: dm(-17, -5)
# call: dm(0, 3)
# call: dm_f(7.25, 2.0)
# call: dm_f(-7.25, 2.0)
# call: dm_f(1.0, 0.1)
# call: dm_f(0.0, -3.0)
# raises: dm(3, 0) ZeroDivisionError
# raises: dm_f(3.0, 0.0) ZeroDivisionError


def dm(a, b):
    return divmod(a, b)


def dm_f(a, b):
    return divmod(a, b)
