# export: f f8(c16)

def f(z):
    return z * 2  # error[type-mismatch]
