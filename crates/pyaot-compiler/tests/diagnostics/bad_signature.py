from pyaot import CC
cc = CC('m')

@cc.export('f', 'f8(f9, f8)')  # error[bad-signature]
def f(a, b):
    return a * b
