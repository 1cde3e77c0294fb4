# A local assigned an int on one path and a float on another is a float.
# export: choose f8(b1, i8)
# export: accumulate f8(i8)
# export: maybe_half f8(i8)
# export: clamp_or_scale f8(f8, i8)
# call: choose(True, 3)
# call: choose(False, 3)
# call: accumulate(0)
# call: accumulate(5)
# call: maybe_half(7)
# call: maybe_half(8)
# call: clamp_or_scale(0.5, 10)
# call: clamp_or_scale(-0.5, 10)
# call: clamp_or_scale(2.5, 10)


def choose(flag, n):
    if flag:
        x = n
    else:
        x = 2.5
    return x


def accumulate(n):
    total = 0
    for i in range(n):
        total += i * 0.5
    return total


def maybe_half(n):
    x = n
    if n % 2 == 1:
        x = n / 2
    return x


def clamp_or_scale(x, n):
    if x < 0:
        result = 0
    elif x > 1:
        result = n
    else:
        result = x * n
    return result
