# export: f i8(i8)
# export: g i8(i8)

def f(n):
    s = "hello"  # error[unsupported-type]
    return n

def g(n):
    xs = [1, 2, n]  # error[unsupported-type]
    return n
