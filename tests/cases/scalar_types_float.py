# float32, float64, complex64, complex128 and bool as argument and return value. float32 and
# complex64 results are compared with CPython's result rounded to that type; their arguments are
# exactly representable, so both sides start from the same values.
# export: id_f4=ident f4(f4)
# export: id_f8=ident f8(f8)
# export: id_c8=ident c8(c8)
# export: id_c16=ident c16(c16)
# export: id_b1=ident b1(b1)
# export: add_f4=add f4(f4, f4)
# export: mul_f4=mul f4(f4, f4)
# export: add_c8=add c8(c8, c8)
# export: mul_c16=mul c16(c16, c16)
# export: widen f8(f4)
# export: narrow f4(f8)
# export: f4_from_int f4(i8)
# export: c16_from_f8 c16(f8)
# export: both_b1 b1(b1, b1)
# call: id_f4(1.5)
# call: id_f4(-0.0)
# call: id_f4(3.4028234663852886e+38)
# call: id_f4(math.inf)
# call: id_f4(math.nan)
# call: id_f4(1.401298464324817e-45)
# call: id_f8(0.1)
# call: id_f8(5e-324)
# call: id_c8(1.5 - 2.25j)
# call: id_c16(0.1 + 0.2j)
# call: id_b1(True)
# call: id_b1(False)
# call: add_f4(1.5, 2.25)
# call: add_f4(16777216.0, 1.0)
# call: mul_f4(0.5, -0.25)
# call: mul_f4(3.0, 1.25)
# call: add_c8(1.5 + 0.5j, -0.25 + 2j)
# call: mul_c16(1.5 + 2j, -0.5 + 0.25j)
# call: widen(0.1015625)
# call: narrow(0.1)
# call: narrow(1e40)
# call: narrow(-1e-50)
# call: f4_from_int(16777217)
# call: c16_from_f8(2.5)
# call: both_b1(True, True)
# call: both_b1(True, False)


def ident(x):
    return x


def add(a, b):
    return a + b


def mul(a, b):
    return a * b


def widen(x):
    return x


def narrow(x):
    return x


def f4_from_int(n):
    return n


def c16_from_f8(x):
    return x


def both_b1(a, b):
    return a and b
