# void functions writing into their array arguments (the arguments are compared after the call).
import numpy as np

# export: fill void(f8[:], f8)
# export: scale2d void(f8[:, :], f8)
# export: bump void(i8[:])
# export: swap_ends void(f8[:])
# export: prefix_sums void(f8[::1])
# export: copy_into void(f8[:], f8[:])
# export: clip_3d void(f8[:, :, :], f8)
# call: fill(np.zeros(5), 2.5)
# call: fill(np.zeros(0), 1.0)
# call: scale2d(rng.random((3, 4)), 3.0)
# call: scale2d(np.asfortranarray(rng.random((3, 4))), -1.0)
# call: scale2d(rng.random((6, 8))[::2, ::3], 0.5)
# call: bump(np.arange(5))
# call: swap_ends(np.array([1.0, 2.0, 3.0]))
# call: prefix_sums(rng.random(8))
# call: copy_into(rng.random(4), np.zeros(4))
# call: clip_3d(rng.standard_normal((2, 3, 4)), 0.5)


def fill(a, value):
    for i in range(len(a)):
        a[i] = value


def scale2d(m, factor):
    for i in range(m.shape[0]):
        for j in range(m.shape[1]):
            m[i, j] *= factor


def bump(a):
    for i in range(len(a)):
        a[i] += i


def swap_ends(a):
    a[0], a[-1] = a[-1], a[0]


def prefix_sums(a):
    for i in range(1, len(a)):
        a[i] += a[i - 1]


def copy_into(src, dst):
    for i in range(len(src)):
        dst[i] = src[i]


def clip_3d(a, limit):
    for i in range(a.shape[0]):
        for j in range(a.shape[1]):
            for k in range(a.shape[2]):
                if a[i, j, k] > limit:
                    a[i, j, k] = limit
                elif a[i, j, k] < -limit:
                    a[i, j, k] = -limit
