# Nested loops, with break and continue in the inner loop.
# export: count_pairs i8(i8, i8)
# export: triangle i8(i8)
# export: first_pair_sum i8(i8)
# export: primes_below i8(i8)
# export: grid_walk f8(i8, i8)
# call: count_pairs(10, 7)
# call: count_pairs(0, 3)
# call: triangle(6)
# call: first_pair_sum(50)
# call: first_pair_sum(1)
# call: primes_below(100)
# call: primes_below(2)
# call: grid_walk(4, 5)


def count_pairs(n, target):
    count = 0
    for i in range(n):
        for j in range(i + 1, n):
            if i + j == target:
                count += 1
    return count


def triangle(n):
    total = 0
    for i in range(n):
        for j in range(i):
            for k in range(j):
                total += i * 100 + j * 10 + k
    return total


def first_pair_sum(limit):
    found = -1
    for i in range(1, limit):
        for j in range(1, i):
            if i * j > limit:
                break
            if (i + j) % 7 == 0 and i * j % 5 == 0:
                found = i * 1000 + j
                break
        if found >= 0:
            break
    return found


def primes_below(n):
    count = 0
    for candidate in range(2, n):
        is_prime = True
        for d in range(2, candidate):
            if d * d > candidate:
                break
            if candidate % d == 0:
                is_prime = False
                break
        if not is_prime:
            continue
        count += 1
    return count


def grid_walk(rows, cols):
    total = 0.0
    i = 0
    while i < rows:
        for j in range(cols):
            total += (i + 1) / (j + 1)
        i += 1
    return total
