# Recursion: typed by the declared signature (as Numba types it), or, in helpers without one, by
# the return type of the base case that comes first; mutual recursion between helpers.
# export: fib i8(i8)
# export: fib_via_helper i8(i8)
# export: parity b1(i8)
# call: fib_via_helper(15)
# call: fib_via_helper(0)
# call: parity(7)
# call: parity(10)
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


def _fib_helper(n):
    if n < 2:
        return n
    return _fib_helper(n - 1) + _fib_helper(n - 2)


def fib_via_helper(n):
    return _fib_helper(n)


def _is_even(n):
    if n == 0:
        return True
    return _is_odd(n - 1)


def _is_odd(n):
    if n == 0:
        return False
    return _is_even(n - 1)


def parity(n):
    return _is_even(n)
