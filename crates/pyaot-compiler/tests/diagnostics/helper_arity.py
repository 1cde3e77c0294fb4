# export: f f8(f8)

def helper(a, b):
    return a + b

def f(x):
    return helper(x)  # error[type-mismatch]
