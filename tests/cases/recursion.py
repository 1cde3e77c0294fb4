# Direct recursion, typed by the declared signature (as Numba types it).
# export: fib i8(i8)
# export: fact i4(i4)
# export: power f8(f8, i8)
# export: gcd u8(u8, u8)
# call: fib(0)
# call: fib(1)
# call: fib(20)
# call: fact(1)
# call: fact(12)
# call: power(1.5, 0)
# call: power(1.5, 7)
# call: power(-2.0, 10)
# call: gcd(48, 18)
# call: gcd(17, 5)


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def fact(n):
    if n <= 1:
        return 1
    return n * fact(n - 1)


def power(x, n):
    if n == 0:
        return 1.0
    half = power(x, n // 2)
    if n % 2 == 0:
        return half * half
    return half * half * x


def gcd(a, b):
    if b == 0:
        return a
    return gcd(b, a % b)
