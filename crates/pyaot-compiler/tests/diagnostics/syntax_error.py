# export: f f8(f8)

def f(x):
    return x +  # error[syntax-error]
