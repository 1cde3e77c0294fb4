# A global may be defined after the function that reads it: Python looks it up at call time.
# export: uses_later f8(f8)
# call: uses_later(2.0)


def uses_later(x):
    return x * LATER


LATER = 0.5
