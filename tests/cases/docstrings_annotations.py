# Real code has docstrings, comments, type annotations and annotated locals; they change nothing.
import numpy as np

# export: area f8(f8, f8)
# export: total f8(f8[:])
# export: count i8(i8)
# call: area(2.0, 3.5)
# call: total(np.array([1.0, 2.5, -0.5]))
# call: count(10)


def area(width: float, height: float) -> float:
    """The area of a rectangle.

    Spread over several lines, like most docstrings.
    """
    # A comment between statements.
    return width * height  # and one after a statement


def total(values: np.ndarray) -> float:
    """Sum of the values."""
    acc: float = 0.0
    for i in range(len(values)):
        acc += values[i]
    return acc


def count(n: int) -> int:
    "A one-line docstring in plain quotes."
    k: int
    k = 0
    for _ in range(n):
        k += 2
    return k
