# Bitwise & | ^ ~ << >> on integers (two's complement, arithmetic right shift) and booleans.
# export: band i8(i8, i8)
# export: bor i8(i8, i8)
# export: bxor i8(i8, i8)
# export: invert i8(i8)
# export: lshift i8(i8, i8)
# export: rshift i8(i8, i8)
# export: bool_and b1(b1, b1)
# export: bool_or b1(b1, b1)
# export: bool_xor b1(b1, b1)
# export: popcount i8(i8)
# export: mask_u u8(u8, u8)
# call: band(12, 10)
# call: band(-12, 10)
# call: band(-1, -9223372036854775808)
# call: bor(12, 10)
# call: bor(-12, 10)
# call: bxor(12, 10)
# call: bxor(-12, 10)
# call: invert(0)
# call: invert(-12)
# call: invert(9223372036854775807)
# call: lshift(1, 10)
# call: lshift(1, 62)
# call: lshift(-3, 4)
# call: lshift(5, 0)
# call: rshift(1024, 3)
# call: rshift(-16, 2)
# call: rshift(-1, 10)
# call: rshift(-9223372036854775808, 63)
# call: rshift(7, 63)
# call: bool_and(True, False)
# call: bool_or(True, False)
# call: bool_xor(True, True)
# call: bool_xor(False, True)
# call: popcount(255)
# call: popcount(1099511627776)
# call: mask_u(18446744073709551615, 255)
# call: mask_u(12, 10)


def band(a, b):
    return a & b


def bor(a, b):
    return a | b


def bxor(a, b):
    return a ^ b


def invert(a):
    return ~a


def lshift(a, n):
    return a << n


def rshift(a, n):
    return a >> n


def bool_and(a, b):
    return a & b


def bool_or(a, b):
    return a | b


def bool_xor(a, b):
    return a ^ b


def popcount(x):
    count = 0
    while x:
        count += x & 1
        x >>= 1
    return count


def mask_u(a, b):
    return a & b
