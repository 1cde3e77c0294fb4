# math.gamma and math.lgamma, bit-identical to CPython's math module (which computes them
# itself, with a Lanczos approximation, rather than calling the C library's tgamma and lgamma).
import math

# export: gamma f8(f8)
# export: lgamma f8(f8)
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


def gamma(x):
    return math.gamma(x)


def lgamma(x):
    return math.lgamma(x)
