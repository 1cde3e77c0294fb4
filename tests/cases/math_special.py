# math.erf erfc gamma lgamma, bit-identical to CPython's math module.
import math

# export: erf f8(f8)
# export: erfc f8(f8)
# export: gamma f8(f8)
# export: lgamma f8(f8)
# call: erf(0.5)
# call: erf(-1.5)
# call: erf(0.0)
# call: erf(6.0)
# call: erfc(0.5)
# call: erfc(1.5)
# call: erfc(-2.0)
# call: erfc(10.0)
# call: gamma(5.0)
# call: gamma(4.5)
# call: gamma(0.5)
# call: gamma(-1.5)
# call: gamma(1e-5)
# call: gamma(30.2)
# call: lgamma(10.5)
# call: lgamma(0.5)
# call: lgamma(1.0)
# call: lgamma(-2.5)
# call: lgamma(100.0)


def erf(x):
    return math.erf(x)


def erfc(x):
    return math.erfc(x)


def gamma(x):
    return math.gamma(x)


def lgamma(x):
    return math.lgamma(x)
