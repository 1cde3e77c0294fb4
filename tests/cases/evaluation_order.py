# Operands are evaluated left to right and once each; and/or short-circuit; a chained comparison
# evaluates its middle operand once; an augmented assignment evaluates its target index once.
# The helpers record each evaluation in an array, which is compared after the call.
import numpy as np

# export: left_to_right i8(i8[:])
# export: short_circuit b1(i8[:], b1)
# export: chained b1(i8[:])
# export: aug_index_once void(i8[:])
# call: left_to_right(np.zeros(4, dtype=np.int64))
# call: short_circuit(np.zeros(4, dtype=np.int64), True)
# call: short_circuit(np.zeros(4, dtype=np.int64), False)
# call: chained(np.zeros(4, dtype=np.int64))
# call: aug_index_once(np.zeros(4, dtype=np.int64))


def record(log, value):
    log[0] += 1
    log[log[0]] = value
    return value


def left_to_right(log):
    return record(log, 2) * 10 + record(log, 3)


def short_circuit(log, flag):
    a = flag and record(log, 7) > 0
    b = flag or record(log, 8) > 0
    return a or b


def chained(log):
    return 0 < record(log, 5) < 10


def aug_index_once(log):
    log[record(log, 2) + 1] += 10
