# export: f i8(i8)

def f(n):
    global COUNTER  # error[unsupported-syntax]
    class Box:  # error[unsupported-syntax]
        pass
    with open("x") as fh:  # error[unsupported-syntax]
        pass
    def inner(y):  # error[unsupported-syntax]
        return y
    return n
