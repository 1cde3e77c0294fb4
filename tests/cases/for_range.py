# for over range() with one, two and three arguments, negative steps and empty ranges.
# export: sum_to i8(i8)
# export: sum_between i8(i8, i8)
# export: sum_step i8(i8, i8, i8)
# export: count_down i8(i8)
# export: last_index i8(i8)
# export: weighted i8(i8)
# export: skip_some i8(i8)
# call: sum_to(10)
# call: sum_to(0)
# call: sum_to(-5)
# call: sum_between(3, 8)
# call: sum_between(-4, 4)
# call: sum_between(8, 3)
# call: sum_step(0, 20, 3)
# call: sum_step(20, 0, -3)
# call: sum_step(-10, -30, -7)
# call: sum_step(5, 5, 2)
# call: sum_step(0, 10, 20)
# call: sum_step(10, 0, 2)
# call: count_down(7)
# call: last_index(6)
# call: weighted(5)
# call: skip_some(20)
# raises: sum_step(0, 10, 0) ValueError


def sum_to(n):
    total = 0
    for i in range(n):
        total += i
    return total


def sum_between(a, b):
    total = 0
    for i in range(a, b):
        total += i
    return total


def sum_step(a, b, step):
    total = 0
    for i in range(a, b, step):
        total += i * i - i
    return total


def count_down(n):
    digits = 0
    for i in range(n, 0, -1):
        digits = digits * 10 + i
    return digits


def last_index(n):
    for i in range(n):
        pass
    return i


def weighted(n):
    total = 0
    for i in range(1, n + 1):
        for j in range(i, 0, -2):
            total += i * j
    return total


def skip_some(n):
    total = 0
    for i in range(n):
        if i % 3 == 0:
            continue
        if i > 14:
            break
        total += i
    return total
