# Kernel 5 of benches/bench_kernels.py: escape-time counts of the Mandelbrot set on a
# height x width grid, with real arithmetic in nested loops, into an int64 array.
import numpy as np
from pyaot import CC

cc = CC('mandelbrot_pyaot')


@cc.export('mandelbrot', 'i8[:, :](f8, f8, f8, f8, i8, i8, i8)')
def mandelbrot(xmin, xmax, ymin, ymax, width, height, maxiter):
    counts = np.zeros((height, width), dtype=np.int64)
    for i in range(height):
        y = ymin + (ymax - ymin) * i / height
        for j in range(width):
            x = xmin + (xmax - xmin) * j / width
            zr = 0.0
            zi = 0.0
            n = 0
            while n < maxiter and zr * zr + zi * zi <= 4.0:
                zr, zi = zr * zr - zi * zi + x, 2.0 * zr * zi + y
                n += 1
            counts[i, j] = n
    return counts


# The NumPy-vectorised version (not exported; the benchmark's NumPy column).
def mandelbrot_numpy(xmin, xmax, ymin, ymax, width, height, maxiter):
    x = xmin + (xmax - xmin) * np.arange(width) / width
    y = ymin + (ymax - ymin) * np.arange(height) / height
    cr, ci = (c.ravel() for c in np.meshgrid(x, y))
    counts = np.zeros(width * height, dtype=np.int64)
    todo = np.arange(width * height)  # the points still inside the radius-2 disc
    zr = np.zeros(todo.size)
    zi = np.zeros(todo.size)
    for _ in range(maxiter):
        inside = zr * zr + zi * zi <= 4.0
        todo, zr, zi = todo[inside], zr[inside], zi[inside]
        if todo.size == 0:
            break
        zr, zi = zr * zr - zi * zi + cr[todo], 2.0 * zr * zi + ci[todo]
        counts[todo] += 1
    return counts.reshape(height, width)


if __name__ == "__main__":
    cc.compile()
