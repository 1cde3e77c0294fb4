# Every integer type as argument and return value, at the ends of its range.
# export: id_i1=ident i1(i1)
# export: id_i2=ident i2(i2)
# export: id_i4=ident i4(i4)
# export: id_i8=ident i8(i8)
# export: id_u1=ident u1(u1)
# export: id_u2=ident u2(u2)
# export: id_u4=ident u4(u4)
# export: id_u8=ident u8(u8)
# export: add_i1=add i1(i1, i1)
# export: add_i2=add i2(i2, i2)
# export: add_i4=add i4(i4, i4)
# export: add_u1=add u1(u1, u1)
# export: add_u2=add u2(u2, u2)
# export: add_u4=add u4(u4, u4)
# export: add_u8=add u8(u8, u8)
# export: widen_i1 i8(i1)
# export: widen_u4 i8(u4)
# export: narrow i2(i8)
# export: mul_i4 i4(i4, i4)
# export: div_u1 f8(u1, u1)
# call: id_i1(-128)
# call: id_i1(127)
# call: id_i2(-32768)
# call: id_i2(32767)
# call: id_i4(-2147483648)
# call: id_i4(2147483647)
# call: id_i8(-9223372036854775808)
# call: id_i8(9223372036854775807)
# call: id_u1(0)
# call: id_u1(255)
# call: id_u2(65535)
# call: id_u4(4294967295)
# call: id_u8(18446744073709551615)
# call: id_u8(9223372036854775808)
# call: add_i1(-100, 27)
# call: add_i2(-30000, -2768)
# call: add_i4(2147483640, 7)
# call: add_u1(200, 55)
# call: add_u2(60000, 5535)
# call: add_u4(4000000000, 294967295)
# call: add_u8(18446744073709551000, 615)
# call: widen_i1(-128)
# call: widen_u4(4294967295)
# call: narrow(-32768)
# call: mul_i4(-46340, 46340)
# call: div_u1(255, 2)


def ident(x):
    return x


def add(a, b):
    return a + b


def widen_i1(x):
    return x


def widen_u4(x):
    return x


def narrow(x):
    return x


def mul_i4(a, b):
    return a * b


def div_u1(a, b):
    return a / b
