# math.erf and math.erfc, bit-identical to CPython's math module.
import math

# export: erf f8(f8)
# export: erfc f8(f8)
# call: erf(0.5)
# call: erf(-1.5)
# call: erf(0.0)
# call: erf(-0.0)
# call: erf(6.0)
# call: erfc(0.5)
# call: erfc(1.5)
# call: erfc(-2.0)
# call: erfc(10.0)


def erf(x):
    return math.erf(x)


def erfc(x):
    return math.erfc(x)
