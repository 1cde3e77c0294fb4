# Exported functions with default parameter values: omitted arguments take the default, by
# position or by keyword, as for a Python function.
# export: g f8(f8, f8, i8)
# export: h b1(i4, b1)
# export: cplx c16(f8, c16)
# call: g(3.0)
# call: g(3.0, 1.0)
# call: g(3.0, c=5)
# call: g(a=1.0, c=0)
# call: g(2.0, 0.5, -1)
# call: h(5)
# call: h(5, False)
# call: h(-2, flag=True)
# call: cplx(1.5)
# call: cplx(1.5, 2.0)
# raises: g() TypeError
# raises: g(1.0, 2.0, 3, 4) TypeError
SCALE = 2.5


def g(a, b=SCALE, c=3):
    return a * b + c


def h(x, flag=True):
    return flag and x > 0


def cplx(x, z=1j):
    return x * z
