"""The functions of the extension module pyaot_example_flat.fast."""

from pyaot import CC

cc = CC('fast')


@cc.export('dot', 'f8(f8[::1], f8[::1])')
def dot(a, b):
    total = 0.0
    for i in range(len(a)):
        total += a[i] * b[i]
    return total


@cc.export('count_primes', 'i8(i8)')
def count_primes(limit):
    count = 0
    for n in range(2, limit):
        d = 2
        while d * d <= n:
            if n % d == 0:
                break
            d += 1
        else:
            count += 1
    return count


if __name__ == "__main__":
    cc.compile()
