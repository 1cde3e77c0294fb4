# export: f i8(f8[:])

def f(a):
    if a:  # error[type-mismatch]
        return 1
    return 0
