# The builtin pow() with two arguments, like **.
# export: ipow i8(i8, i8)
# export: fpow f8(f8, f8)
# export: mixed f8(f8, i8)
# call: ipow(3, 4)
# call: ipow(-2, 5)
# call: fpow(2.0, 0.5)
# call: fpow(-8.0, 2.0)
# call: mixed(1.5, 3)
# call: mixed(2.0, -3)


def ipow(a, b):
    return pow(a, b)


def fpow(a, b):
    return pow(a, b)


def mixed(x, n):
    return pow(x, n)
