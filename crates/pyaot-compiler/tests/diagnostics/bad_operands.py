# export: f f8(c16, c16)
# export: g f8(f8, f8)

def f(a, b):
    if a < b:  # error[type-mismatch]
        return 1.0
    return 0.0

def g(a, b):
    return a << b  # error[type-mismatch]
