# The else clause of while and for loops runs when the loop ends without break.
# export: smallest_divisor i8(i8)
# export: find_index i8(i8[:], i8)
# call: smallest_divisor(91)
# call: smallest_divisor(97)
# call: smallest_divisor(4)
# call: find_index(np.array([4, 8, 15, 16, 23, 42]), 16)
# call: find_index(np.array([4, 8, 15, 16, 23, 42]), 5)


def smallest_divisor(n):
    d = 2
    while d * d <= n:
        if n % d == 0:
            break
        d += 1
    else:
        d = n
    return d


def find_index(values, target):
    for i in range(len(values)):
        if values[i] == target:
            break
    else:
        i = -1
    return i
