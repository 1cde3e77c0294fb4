# Chained assignment, tuple assignment and swaps of scalars.
# export: fib i8(i8)
# export: chained i8(i8)
# export: rotate UniTuple(i8, 3)(i8, i8, i8)
# export: gcd i8(i8, i8)
# export: mixed_pair f8(i8, f8)
# call: fib(0)
# call: fib(1)
# call: fib(50)
# call: chained(4)
# call: rotate(1, 2, 3)
# call: gcd(1071, 462)
# call: gcd(17, 5)
# call: mixed_pair(3, 0.5)


def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def chained(n):
    x = y = z = n
    x += 1
    y *= 2
    return x + y + z


def rotate(a, b, c):
    a, b, c = b, c, a
    return a, b, c


def gcd(a, b):
    while b:
        a, b = b, a % b
    return a


def mixed_pair(n, x):
    n2, x2 = n * 2, x * 2
    return n2 + x2
