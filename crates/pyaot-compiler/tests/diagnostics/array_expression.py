# export: f f8[:](f8[:, :], f8[:])

def f(a, b):
    return a[..., 0] + b  # error[unsupported-syntax]
