# export: f f8(f8[:])

def f(a):
    return a[0, 1]  # error[type-mismatch]
