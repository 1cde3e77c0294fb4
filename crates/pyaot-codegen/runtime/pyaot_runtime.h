/*
 * pyaot_runtime.h - the interface between pyaot's generated code and its C runtime.
 *
 * Every extension module that pyaot generates links pyaot_runtime.o, built from
 * pyaot_runtime.c. The LLVM code emitted by pyaot-codegen declares the functions below by hand,
 * so this header is the contract: a change of name or signature here must be mirrored there.
 *
 * Conventions:
 * - Functions returning int return 0 on success and -1 with a Python exception set on failure.
 * - Functions returning PyObject * return a new reference, or NULL with an exception set.
 * - `type_num` is NumPy's type number, which pyaot also uses as its scalar code:
 *   bool 0, int8 1, uint8 2, int16 3, uint16 4, int32 5, uint32 6, int64 7, uint64 8,
 *   float32 11, float64 12, complex64 14, complex128 15. NumPy's NPY_LONGLONG (9) and
 *   NPY_ULONGLONG (10) are accepted as aliases of int64 and uint64.
 * - An array is passed to and from the runtime as the struct that pyaot's LLVM code uses for an
 *   ndim-dimensional array:
 *       struct { char *data; PyObject *owner; int64_t shape[ndim]; int64_t strides[ndim]; }
 *   with strides in bytes. The runtime targets 64-bit platforms only.
 * - Every function must be called with the GIL held.
 */
#ifndef PYAOT_RUNTIME_H
#define PYAOT_RUNTIME_H

#ifndef PY_SSIZE_T_CLEAN
#define PY_SSIZE_T_CLEAN
#endif
#include <Python.h>
#include <stdint.h>

/* What the runtime needs to know about one exported function to report errors like CPython. */
typedef struct {
    const char *name;               /* exported function name, e.g. "multf" */
    int64_t nparams;
    const char *const *param_names; /* Python parameter names */
    const char *const *param_types; /* for messages, e.g. "float64", "array(float64, 1d, C)" */
    int64_t nrequired;              /* parameters without a default value (they come first) */
} pyaot_fn_desc;

/* One entry of the module's method table. */
typedef struct {
    const char *name;
    void *wrapper;                  /* the METH_FASTCALL|METH_KEYWORDS function */
    const char *doc;                /* may be NULL */
} pyaot_method;

/* Collects the call's arguments into out[0..nparams] (borrowed references) following Python's
   rules for positional-or-keyword parameters, with CPython's messages: too many positionals
   ("multf() takes 2 positional arguments but 3 were given"), missing arguments ("multf() missing
   1 required positional argument: 'b'", "... missing 2 required positional arguments: 'a' and
   'b'"), an unknown keyword ("multf() got an unexpected keyword argument 'c'") and a duplicate
   ("multf() got multiple values for argument 'a'"), all TypeError. */
int pyaot_parse_args(const pyaot_fn_desc *d, PyObject *const *args, Py_ssize_t nargs,
                     PyObject *kwnames, PyObject **out);

/* Scalar unboxing of argument i of d. A value of the wrong type raises TypeError
   "multf() argument 'a' must be float64, not str"; an int out of range for the declared type
   raises OverflowError "multi() argument 'a': 2147483648 out of range for int32".
   - bool: bool, numpy.bool_, ints, floats and complex numbers and anything with __index__ or
     __float__, as bool(x) converts numbers (nonzero is True); not str, None or containers.
   - int: int, bool, numpy.bool_, numpy integers and anything with __index__; not float. uint64
     values are stored bit for bit in *out.
   - float: float, int, bool, numpy floats and ints, anything with __float__ or __index__; not
     complex (Python or NumPy), str or None.
   - complex: complex, float, int, numpy complex and anything with __complex__, __float__ or
     __index__; not str or None. */
int pyaot_unbox_bool(PyObject *o, const pyaot_fn_desc *d, int64_t i, int8_t *out);
int pyaot_unbox_int(PyObject *o, const pyaot_fn_desc *d, int64_t i, int32_t type_num, int64_t *out);
int pyaot_unbox_float(PyObject *o, const pyaot_fn_desc *d, int64_t i, double *out);
int pyaot_unbox_complex(PyObject *o, const pyaot_fn_desc *d, int64_t i, double *re, double *im);

/* Array argument: o must be a numpy.ndarray (or subclass) whose dtype is type_num in native byte
   order, with exactly `ndim` dimensions, aligned, and C-contiguous for layout 0 (C),
   F-contiguous for layout 1 (F), any strides for layout 2 (A). If `writable` is nonzero the
   array must be writeable, else ValueError "multf() argument 'a' is read-only". Any other
   mismatch is a TypeError in Numba's spelling, e.g. "centdiff_1d() argument 'u' must be
   array(float64, 1d, C), not list" / "..., not array(float32, 1d, C)" / "..., not a
   non-contiguous array(float64, 1d, A)" / "..., not array(>f8, 1d, C)".
   Writes the array struct into `out`: data, owner = o (BORROWED), shape, strides. For layouts C
   and F the strides written are the canonical contiguous ones (NumPy may report any stride for
   a dimension of length 1; such strides never change an address); for layout A they are the
   array's own. Imports NumPy's C API first if the module has not done so yet. */
int pyaot_unbox_array(PyObject *o, const pyaot_fn_desc *d, int64_t i, int32_t type_num,
                      int32_t ndim, int32_t layout, int32_t writable, void *out);

/* A new numpy.ndarray of the given dtype and shape, in C order, or Fortran order if `fortran`;
   fill 0 leaves it uninitialised, 1 fills zeros, 2 ones (True for bool, 1+0j for complex).
   A negative dimension raises ValueError "negative dimensions are not allowed". Writes the array
   struct into `out` with owner = a NEW reference to the array. */
int pyaot_array_new(int32_t type_num, int32_t ndim, const int64_t *shape, int32_t fortran,
                    int32_t fill, void *out);

void pyaot_incref(PyObject *o);   /* NULL-safe */
void pyaot_decref(PyObject *o);   /* NULL-safe */

/* Boxing: new references, NULL with an exception on failure. */
PyObject *pyaot_box_bool(int32_t v);
/* uint64 (8, 10) reads v as unsigned; bool (0) gives a bool. */
PyObject *pyaot_box_int(int64_t v, int32_t type_num);
PyObject *pyaot_box_float(double v);
PyObject *pyaot_box_complex(double re, double im);
PyObject *pyaot_box_none(void);
PyObject *pyaot_box_array(PyObject *owner);              /* owner with a new reference */

/* A tuple of n items, STEALING each item reference. If any item is NULL, releases the non-NULL
   ones and returns NULL, leaving the exception of the failed item set. */
PyObject *pyaot_tuple_pack_steal(int64_t n, PyObject **items);

/* Raises the builtin exception class named `exc_name` ("ZeroDivisionError", "IndexError", ...)
   with message `msg`, or with no arguments if msg is NULL. An unknown name raises SystemError. */
void pyaot_raise(const char *exc_name, const char *msg);

/* Creates the module object from a heap-allocated, never freed PyModuleDef and method table
   (METH_FASTCALL|METH_KEYWORDS for every method); `doc` may be NULL. If needs_numpy, first
   imports NumPy's C API table and raises ImportError if NumPy is missing or incompatible.
   A module that does not need NumPy imports without it. Returns a new module or NULL. */
PyObject *pyaot_module_create(const char *name, const char *doc, int64_t nmethods,
                              const pyaot_method *methods, int32_t needs_numpy);

/* Tuple argument: o must be a tuple of exactly n items (TypeError naming the parameter
   otherwise); writes the n borrowed items. Returns 0 or -1. */
int pyaot_unbox_tuple(PyObject *o, const pyaot_fn_desc *d, int64_t i, int64_t n, PyObject **items);

/* round(x, ndigits) for floats with Numba's algorithm (round half to even after scaling). */
double pyaot_round_ndigits(double x, int64_t ndigits);

/* math.gamma and math.lgamma with CPython's algorithm (bit-identical results). */
double pyaot_gamma(double x);
double pyaot_lgamma(double x);

/* Sum of n elements `stride` bytes apart, with NumPy's pairwise summation. */
double pyaot_sum_f64(const char *a, int64_t n, int64_t stride);
float pyaot_sum_f32(const char *a, int64_t n, int64_t stride);

/* Raises IndexError "index I is out of bounds for axis A with size N". */
void pyaot_raise_index_error(int64_t index, int64_t axis, int64_t size);

/* A returned array value as a Python object (steals the value's owner reference): the owner
   itself, or a new ndarray view of its memory with the owner as base. */
PyObject *pyaot_box_array_value(const void *value, int32_t type_num, int32_t ndim);

#endif /* PYAOT_RUNTIME_H */
