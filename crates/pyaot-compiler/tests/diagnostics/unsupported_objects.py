# export: sets i8(i8)
# export: generators i8(i8)
# export: scopes i8(i8)
# export: objects i8(i8)
# export: calls i8(i8)


class Point:
    def __init__(self, x):
        self.x = x


def sets(n):
    s = {1, 2, n}  # error[unsupported-syntax]
    t = {k for k in range(n)}  # error[unsupported-syntax]
    return n


def generators(n):
    total = sum(k for k in range(n))  # error[unsupported-syntax]
    yield n  # error[unsupported-syntax]
    return total


def scopes(n):
    def inner():  # error[unsupported-syntax]
        nonlocal n
        n += 1
    square = lambda v: v * v  # error[unsupported-syntax]
    return n


def objects(n):
    p = Point(n)  # error[unsupported-type]
    label = f"n={n}"  # error[unsupported-syntax]
    m = {k: k for k in range(n)}  # error[unsupported-syntax]
    return n


def calls(n):
    print(n)  # error[unsupported-syntax]
    args = (n, n)
    return max(*args)  # error[unsupported-syntax]
