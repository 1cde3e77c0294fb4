# A global assigned twice is read with the value it has once the module has run (the last one),
# as when Python calls the function, and as numba.pycc compiles it.
# export: uses_reassigned i8(i8)
# call: uses_reassigned(5)
COUNT = 1


def uses_reassigned(n):
    return n + COUNT


COUNT = 100
