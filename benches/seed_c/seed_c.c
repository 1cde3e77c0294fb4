/*
 * The hand-written floor for benches/bench_seed.py: the seed module written
 * directly against the CPython and NumPy C APIs, the way a careful person
 * would write it by hand. pyaot's generated code is measured against this.
 *
 * Every function is METH_FASTCALL (no argument tuple is built), unboxes its
 * arguments with the cheapest public API call that still checks for errors,
 * and does nothing else. Semantics follow numba.pycc's for the same
 * signatures: i4 results wrap around on overflow, f8[:] accepts any 1-d
 * float64 array (contiguous or strided) and returns a new C-contiguous one,
 * and dividing by a zero dx**2 raises ZeroDivisionError as in Python.
 *
 * bench_seed.py builds it with: cc -O3 -shared -fPIC -I<python> -I<numpy>.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

#define NPY_NO_DEPRECATED_API NPY_1_7_API_VERSION
#include <numpy/arrayobject.h>

/* Raises TypeError unless exactly `expected` positional arguments were given. */
static int check_nargs(const char *name, Py_ssize_t nargs, Py_ssize_t expected)
{
    if (nargs == expected)
        return 0;
    PyErr_Format(PyExc_TypeError, "%s() takes exactly %zd arguments (%zd given)",
                 name, expected, nargs);
    return -1;
}

static int unbox_f64(PyObject *obj, double *out)
{
    double value = PyFloat_AsDouble(obj);
    if (value == -1.0 && PyErr_Occurred())
        return -1;
    *out = value;
    return 0;
}

static int unbox_i32(PyObject *obj, int32_t *out)
{
    long value = PyLong_AsLong(obj);
    if (value == -1 && PyErr_Occurred())
        return -1;
    if (value < INT32_MIN || value > INT32_MAX) {
        PyErr_SetString(PyExc_OverflowError, "Python int too large to convert to int32");
        return -1;
    }
    *out = (int32_t)value;
    return 0;
}

/* multf: f8(f8, f8) */
static PyObject *multf(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    double a, b;
    (void)self;
    if (check_nargs("multf", nargs, 2) < 0 || unbox_f64(args[0], &a) < 0 ||
        unbox_f64(args[1], &b) < 0)
        return NULL;
    return PyFloat_FromDouble(a * b);
}

/* multi: i4(i4, i4). The product is taken in 64 bits and truncated, which
 * wraps like numba's int32 arithmetic without signed-overflow UB in C. */
static PyObject *multi(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    int32_t a, b;
    (void)self;
    if (check_nargs("multi", nargs, 2) < 0 || unbox_i32(args[0], &a) < 0 ||
        unbox_i32(args[1], &b) < 0)
        return NULL;
    return PyLong_FromLong((long)(int32_t)(uint32_t)((int64_t)a * (int64_t)b));
}

/* square: f8(f8). pow(a, 2) is exactly a * a in IEEE double. */
static PyObject *square(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    double a;
    (void)self;
    if (check_nargs("square", nargs, 1) < 0 || unbox_f64(args[0], &a) < 0)
        return NULL;
    return PyFloat_FromDouble(a * a);
}

/* centdiff_1d: f8[:](f8[:], f8) */
static PyObject *centdiff_1d(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    PyArrayObject *u;
    PyArrayObject *result;
    double dx, dx2;
    double *out;
    npy_intp n, i;
    (void)self;

    if (check_nargs("centdiff_1d", nargs, 2) < 0)
        return NULL;
    if (!PyArray_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "centdiff_1d(): argument 1 must be a numpy.ndarray");
        return NULL;
    }
    u = (PyArrayObject *)args[0];
    if (PyArray_TYPE(u) != NPY_DOUBLE || PyArray_NDIM(u) != 1) {
        PyErr_SetString(PyExc_TypeError,
                        "centdiff_1d(): argument 1 must be a 1-d float64 array");
        return NULL;
    }
    if (unbox_f64(args[1], &dx) < 0)
        return NULL;

    n = PyArray_DIM(u, 0);
    if (n < 1) {
        /* D[0] = 0 on an empty array raises in Python. */
        PyErr_SetString(PyExc_IndexError, "index 0 is out of bounds for axis 0 with size 0");
        return NULL;
    }
    result = (PyArrayObject *)PyArray_EMPTY(1, &n, NPY_DOUBLE, 0);
    if (result == NULL)
        return NULL;
    out = (double *)PyArray_DATA(result);
    dx2 = dx * dx;

    out[0] = 0.0;
    out[n - 1] = 0.0;
    if (n > 2 && dx2 == 0.0) {
        /* Python (and numba's default error model) raise here rather than divide. */
        Py_DECREF(result);
        PyErr_SetString(PyExc_ZeroDivisionError, "float division by zero");
        return NULL;
    }
    if (PyArray_IS_C_CONTIGUOUS(u)) {
        const double *in = (const double *)PyArray_DATA(u);
        for (i = 1; i < n - 1; i++)
            out[i] = (in[i + 1] - 2.0 * in[i] + in[i - 1]) / dx2;
    } else {
        const char *base = (const char *)PyArray_DATA(u);
        npy_intp stride = PyArray_STRIDE(u, 0);
#define AT(k) (*(const double *)(base + (k) * stride))
        for (i = 1; i < n - 1; i++)
            out[i] = (AT(i + 1) - 2.0 * AT(i) + AT(i - 1)) / dx2;
#undef AT
    }
    return (PyObject *)result;
}

static PyMethodDef seed_c_methods[] = {
    {"multf", (PyCFunction)(void (*)(void))multf, METH_FASTCALL, "multf(a, b) -> a * b (f8)"},
    {"multi", (PyCFunction)(void (*)(void))multi, METH_FASTCALL, "multi(a, b) -> a * b (i4)"},
    {"square", (PyCFunction)(void (*)(void))square, METH_FASTCALL, "square(a) -> a ** 2 (f8)"},
    {"centdiff_1d", (PyCFunction)(void (*)(void))centdiff_1d, METH_FASTCALL,
     "centdiff_1d(u, dx) -> second central difference of u"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef seed_c_module = {
    PyModuleDef_HEAD_INIT, "seed_c", "Hand-written C floor for the pyaot seed benchmark.",
    -1, seed_c_methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit_seed_c(void)
{
    import_array();
    return PyModule_Create(&seed_c_module);
}
