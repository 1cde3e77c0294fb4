# export: f f8(f8)
import os

PREFIX = os.getcwd()

def f(x):
    return x + PREFIX  # error[unsupported-type]
