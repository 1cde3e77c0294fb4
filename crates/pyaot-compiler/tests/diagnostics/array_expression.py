# export: f f8[:](f8[:, :], f8[:])
# export: g f8[:](f8[:], i8[:])

def f(a, b):
    return (a & 1) + b  # error[type-mismatch]


def g(a, idx):
    a[idx] += 1.0  # error[unsupported-syntax]
    return a
