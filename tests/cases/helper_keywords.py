# Helper functions called with keyword arguments and relying on default values.
# export: use_defaults f8(f8)
# export: use_keywords f8(f8)
# export: int_defaults i8(i8)
# call: use_defaults(0.25)
# call: use_defaults(3.0)
# call: use_keywords(-0.5)
# call: int_defaults(7)


def scale(x, factor=2.0, offset=0.0):
    return x * factor + offset


def clamp(x, lo=0.0, hi=1.0):
    return min(max(x, lo), hi)


def use_defaults(x):
    return scale(x) + clamp(x)


def use_keywords(x):
    return scale(x, offset=1.5) + clamp(x, hi=2.0, lo=-1.0) + scale(factor=-1.0, x=x)


def step(n, by=1):
    return n + by


def int_defaults(n):
    return step(n) * step(n, 10) + step(by=-1, n=n)
