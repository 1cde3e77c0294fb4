# Integer // and % follow Python: the quotient rounds toward minus infinity and the remainder
# takes the sign of the divisor.
# export: fdiv i8(i8, i8)
# export: mod i8(i8, i8)
# export: digit_sum i8(i8)
# call: fdiv(7, 2)
# call: fdiv(-7, 2)
# call: fdiv(7, -2)
# call: fdiv(-7, -2)
# call: fdiv(6, 3)
# call: fdiv(-6, 3)
# call: fdiv(0, -3)
# call: fdiv(1, 7)
# call: fdiv(-1, 7)
# call: fdiv(-9223372036854775807, 2)
# call: mod(7, 2)
# call: mod(-7, 2)
# call: mod(7, -2)
# call: mod(-7, -2)
# call: mod(6, -3)
# call: mod(-1, 7)
# call: mod(1, -7)
# call: digit_sum(987654321)
# call: digit_sum(0)


def fdiv(a, b):
    return a // b


def mod(a, b):
    return a % b


def digit_sum(n):
    total = 0
    while n > 0:
        total += n % 10
        n //= 10
    return total
