# Unary - + not ~ on ints and floats (negating 0.0 gives -0.0).
# export: neg_i i8(i8)
# export: neg_f f8(f8)
# export: pos_i i8(i8)
# export: pos_f f8(f8)
# export: not_b b1(b1)
# export: inv i8(i8)
# export: double_neg f8(f8)
# export: neg_expr i8(i8, i8)
# call: neg_i(5)
# call: neg_i(-5)
# call: neg_i(0)
# call: neg_i(-9223372036854775807)
# call: neg_f(2.5)
# call: neg_f(0.0)
# call: neg_f(-0.0)
# call: neg_f(math.inf)
# call: pos_i(-7)
# call: pos_f(-0.0)
# call: not_b(True)
# call: inv(5)
# call: inv(-1)
# call: double_neg(-0.0)
# call: neg_expr(3, 4)


def neg_i(x):
    return -x


def neg_f(x):
    return -x


def pos_i(x):
    return +x


def pos_f(x):
    return +x


def not_b(x):
    return not x


def inv(x):
    return ~x


def double_neg(x):
    return -(-x)


def neg_expr(a, b):
    return -(a - b) * -a
