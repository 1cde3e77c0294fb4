# A global is read with the value it has once the module has run: it may be defined after the
# function, or assigned twice (the last value counts, as when Python calls the function).
# export: uses_later f8(f8)
# export: uses_reassigned i8(i8)
# call: uses_later(2.0)
# call: uses_reassigned(5)
COUNT = 1


def uses_later(x):
    return x * LATER


def uses_reassigned(n):
    return n + COUNT


LATER = 0.5
COUNT = 100
