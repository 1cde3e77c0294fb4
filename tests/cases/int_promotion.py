# Arithmetic between integers of different widths and signedness gives the mathematically
# right value whenever it fits (no overflow in these inputs).
# export: mul_small i8(i1, u2)
# export: add_mixed i8(i4, i8)
# export: sub_unsigned i8(u1, u1)
# export: mix_float f8(u4, f4)
# export: div_small f8(i2, i1)
# export: fdiv_small i8(i2, i1)
# export: mod_small i8(i1, i2)
# export: compare_mixed b1(u8, i8)
# call: mul_small(-100, 60000)
# call: add_mixed(-2147483648, 9223372034707292159)
# call: sub_unsigned(3, 250)
# call: mix_float(4000000000, 0.5)
# call: div_small(-32768, 7)
# call: fdiv_small(-32768, 7)
# call: mod_small(-7, 300)
# call: compare_mixed(5, -1)
# call: compare_mixed(5, 6)


def mul_small(a, b):
    return a * b


def add_mixed(a, b):
    return a + b


def sub_unsigned(a, b):
    return a - b


def mix_float(a, x):
    return a * x


def div_small(a, b):
    return a / b


def fdiv_small(a, b):
    return a // b


def mod_small(a, b):
    return a % b


def compare_mixed(a, b):
    return a > b
