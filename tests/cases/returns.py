# Early and multiple returns, returns inside loops, pass, and a function returning nothing.
# export: first_negative i8(f8, f8, f8)
# export: classify i8(i8)
# export: find_factor i8(i8, i8)
# export: nothing void(i8)
# export: with_pass i8(i8)
# export: bare_return void(f8[:])
# call: first_negative(1.0, -2.0, -3.0)
# call: first_negative(1.0, 2.0, -3.0)
# call: first_negative(1.0, 2.0, 3.0)
# call: classify(-5)
# call: classify(0)
# call: classify(5)
# call: find_factor(91, 2)
# call: find_factor(13, 2)
# call: nothing(3)
# call: with_pass(4)
# call: with_pass(-4)
# call: bare_return(np.array([1.0, -2.0, 3.0]))
# call: bare_return(np.array([1.0, 2.0, 3.0]))


def first_negative(a, b, c):
    if a < 0:
        return 0
    if b < 0:
        return 1
    if c < 0:
        return 2
    return -1


def classify(n):
    if n < 0:
        return -1
    elif n == 0:
        return 0
    return 1


def find_factor(n, start):
    for d in range(start, n):
        if n % d == 0:
            return d
    return n


def nothing(n):
    pass


def with_pass(n):
    if n > 0:
        pass
    else:
        n = -n
    return n


def bare_return(a):
    for i in range(len(a)):
        if a[i] < 0:
            a[i] = 0.0
            return
    a[0] = -1.0
