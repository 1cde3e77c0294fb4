# A variable may hold one array or another of the same dtype and dimension, also of different
# layouts (the result is then an any-layout array).
import numpy as np

# export: pick f8(f8[:], f8[:], b1)
# export: pick_layouts f8(f8[::1], f8[:], b1)
# export: pick_new f8[:](f8[:], b1)
# call: pick(np.array([1.0, 2.0]), np.array([5.0, 6.0]), True)
# call: pick(np.array([1.0, 2.0]), np.array([5.0, 6.0]), False)
# call: pick_layouts(np.array([1.0, 2.0]), np.arange(10.0)[::3], True)
# call: pick_layouts(np.array([1.0, 2.0]), np.arange(10.0)[::3], False)
# call: pick_new(np.array([1.0, 2.0]), True)
# call: pick_new(np.array([1.0, 2.0]), False)


def total(a):
    s = 0.0
    for i in range(len(a)):
        s += a[i]
    return s


def pick(a, b, first):
    chosen = a if first else b
    return total(chosen)


def pick_layouts(a, b, first):
    if first:
        chosen = a
    else:
        chosen = b
    return total(chosen) + len(chosen)


def pick_new(a, fresh):
    out = a
    if fresh:
        out = np.zeros(3)
    return out
