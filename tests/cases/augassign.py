# Augmented assignment with every operator, on locals and on array elements.
# export: aug_int i8(i8, i8)
# export: aug_float f8(f8, f8)
# export: aug_div f8(i8, i8)
# export: aug_bits i8(i8)
# export: aug_array void(f8[:])
# export: aug_array_2d void(i8[:, :])
# call: aug_int(5, 3)
# call: aug_int(-5, 3)
# call: aug_int(17, -4)
# call: aug_float(1.5, 2.0)
# call: aug_float(-3.25, 0.5)
# call: aug_div(7, 2)
# call: aug_div(-9, 4)
# call: aug_bits(1000)
# call: aug_bits(-1000)
# call: aug_array(np.arange(1.0, 8.0))
# call: aug_array(np.array([-1.5, 0.25, -3.0, 10.0, -7.5, -5.5, -0.5]))
# call: aug_array_2d(np.arange(12).reshape(3, 4))


def aug_int(a, b):
    x = a
    x += b
    x -= 1
    x *= b
    x //= 3
    x %= 1000
    x **= 2
    return x


def aug_float(a, b):
    x = a
    x += b
    x -= 0.75
    x *= b
    x /= 4.0
    x //= 0.125
    x %= 7.0
    x **= 2
    return x


def aug_div(a, b):
    x = a
    x /= b
    return x


def aug_bits(a):
    x = a
    x <<= 3
    x >>= 1
    x &= 0xFFF
    x |= 0x10
    x ^= 0x3C
    return x


def aug_array(a):
    a[0] += 1.0
    a[1] -= 2
    a[2] *= 3
    a[3] /= 4
    a[4] //= 2
    a[5] %= 2
    a[6] **= 2


def aug_array_2d(m):
    m[0, 0] += 10
    m[1, 2] -= 3
    m[2, 3] *= -2
    m[2, 1] //= 2
    m[1, 1] %= 4
    m[0, 3] &= 6
    m[0, 2] |= 8
    m[1, 0] ^= 5
    m[2, 0] <<= 2
    m[1, 3] >>= 1
