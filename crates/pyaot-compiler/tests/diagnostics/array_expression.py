# export: f f8[:](f8[:], f8[:])

def f(a, b):
    return a + b  # error[unsupported-syntax]
