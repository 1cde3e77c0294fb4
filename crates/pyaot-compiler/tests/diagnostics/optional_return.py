# export: f f8(f8)

def f(x):  # error[unsupported-type]
    if x > 0:
        return x
