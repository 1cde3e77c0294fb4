# Tuple arguments: indexing with constants, unpacking, and passing them on.
# export: norm2 f8(UniTuple(f8, 2))
# export: first_plus f8(Tuple((i8, f8)))
# export: unpack3 i8(UniTuple(i8, 3))
# export: swap UniTuple(f8, 2)(UniTuple(f8, 2))
# export: mixed_sum f8(Tuple((i8, f8, b1)))
# export: point_dist f8(UniTuple(f8, 2), UniTuple(f8, 2))
# export: last_item i8(UniTuple(i8, 4))
# call: norm2((3.0, 4.0))
# call: first_plus((2, 0.5))
# call: unpack3((1, -2, 3))
# call: swap((1.5, -2.5))
# call: mixed_sum((3, 0.25, True))
# call: mixed_sum((3, 0.25, False))
# call: point_dist((0.0, 0.0), (3.0, 4.0))
# call: last_item((1, 2, 3, 4))


def norm2(p):
    return p[0] * p[0] + p[1] * p[1]


def first_plus(t):
    return t[0] + t[1]


def unpack3(t):
    a, b, c = t
    return a * 100 + b * 10 + c


def swap(t):
    a, b = t
    return b, a


def mixed_sum(t):
    n, x, flag = t
    if flag:
        return n + x
    return n - x


def delta(p, q):
    return q[0] - p[0], q[1] - p[1]


def point_dist(p, q):
    dx, dy = delta(p, q)
    return (dx * dx + dy * dy) ** 0.5


def last_item(t):
    return t[-1]
