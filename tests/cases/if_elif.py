# if / elif / else chains, nested ifs, and an if without else.
# export: sign i8(f8)
# export: grade i8(i8)
# export: quadrant i8(f8, f8)
# export: abs_diff i8(i8, i8)
# call: sign(-2.5)
# call: sign(0.0)
# call: sign(3.0)
# call: sign(math.nan)
# call: grade(95)
# call: grade(85)
# call: grade(75)
# call: grade(65)
# call: grade(10)
# call: quadrant(1.0, 1.0)
# call: quadrant(-1.0, 1.0)
# call: quadrant(-1.0, -1.0)
# call: quadrant(1.0, -1.0)
# call: quadrant(0.0, 5.0)
# call: abs_diff(3, 10)
# call: abs_diff(10, 3)


def sign(x):
    if x > 0:
        return 1
    elif x < 0:
        return -1
    elif x == 0:
        return 0
    else:
        return 2


def grade(score):
    if score >= 90:
        g = 4
    elif score >= 80:
        g = 3
    elif score >= 70:
        g = 2
    elif score >= 60:
        g = 1
    else:
        g = 0
    return g


def quadrant(x, y):
    if x == 0 or y == 0:
        return 0
    if x > 0:
        if y > 0:
            return 1
        return 4
    else:
        if y > 0:
            return 2
        else:
            return 3


def abs_diff(a, b):
    d = a - b
    if d < 0:
        d = -d
    return d
