# while loops with break and continue.
# export: collatz_steps i8(i8)
# export: smallest_divisor i8(i8)
# export: sum_odd_below i8(i8)
# export: first_square_above i8(i8)
# export: halvings i8(f8)
# call: collatz_steps(1)
# call: collatz_steps(27)
# call: collatz_steps(97)
# call: smallest_divisor(91)
# call: smallest_divisor(97)
# call: smallest_divisor(2)
# call: sum_odd_below(10)
# call: sum_odd_below(0)
# call: first_square_above(50)
# call: first_square_above(0)
# call: halvings(1000.0)
# call: halvings(0.5)


def collatz_steps(n):
    steps = 0
    while n != 1:
        if n % 2 == 0:
            n = n // 2
        else:
            n = 3 * n + 1
        steps += 1
    return steps


def smallest_divisor(n):
    d = 2
    while d * d <= n:
        if n % d == 0:
            return d
        d += 1
    return n


def sum_odd_below(n):
    total = 0
    i = 0
    while i < n:
        i += 1
        if i % 2 == 0:
            continue
        if i >= n:
            break
        total += i
    return total


def first_square_above(n):
    k = 0
    while True:
        if k * k > n:
            break
        k += 1
    return k * k


def halvings(x):
    count = 0
    while x > 1.0:
        x /= 2
        count += 1
    return count
