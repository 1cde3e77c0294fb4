//! Name resolution and type inference: from pyaot's AST and the declared signatures to typed
//! function instances, one per (function, argument types), with facts in side tables keyed by
//! [`ExprId`] so that the AST itself stays read-only.
//!
//! Architecture Invariant: this crate knows Python's, Numba's and NumPy's typing rules and nothing
//! of LLVM. Every expression of a reachable instance that codegen will visit has a type in
//! [`Instance::expr_types`]; every call has a [`Callee`]; every name a [`NameRes`].

mod consts;
mod infer;
pub mod rules;

use std::collections::{HashMap, HashSet};

use pyaot_diagnostics::{Diagnostic, Span};
use pyaot_syntax::{ExprId, FuncId, Module, StmtId};
use pyaot_types::{Scalar, Signature, Type};

pub use consts::eval_const;
pub use infer::infer_program;

/// Index of an [`Instance`] in [`Program::instances`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct InstanceId(pub u32);

/// Index of a local variable in [`Instance::locals`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LocalId(pub u32);

/// A compile-time constant: literals, module-level constants, `math.pi`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Const {
    Bool(bool),
    Int(i64),
    /// An integer literal above `i64::MAX`, typed uint64.
    UInt(u64),
    Float(f64),
    Complex(f64, f64),
    None,
}

impl Const {
    pub fn ty(self) -> Type {
        match self {
            Const::Bool(_) => Type::BOOL,
            Const::Int(_) => Type::I64,
            Const::UInt(_) => Type::Scalar(Scalar::U64),
            Const::Float(_) => Type::F64,
            Const::Complex(..) => Type::Scalar(Scalar::C128),
            Const::None => Type::None,
        }
    }
}

/// What a `Name` or module attribute (`math.pi`) expression in value position refers to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NameRes {
    Local(LocalId),
    Const(Const),
}

/// Python builtins with a compiled meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Builtin {
    Abs,
    Min,
    Max,
    Int,
    Float,
    Bool,
    Complex,
    Len,
    Round,
    DivMod,
    /// Two-argument `pow(a, b)`, the same as `a ** b`.
    Pow,
}

/// Scalar math functions (`math.*`, and NumPy's scalar ufuncs applied to scalars).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MathFn {
    Sqrt,
    Exp,
    Log,
    Log10,
    Log2,
    Log1p,
    Expm1,
    Sin,
    Cos,
    Tan,
    Asin,
    Acos,
    Atan,
    Atan2,
    Sinh,
    Cosh,
    Tanh,
    Hypot,
    Floor,
    Ceil,
    Trunc,
    Fabs,
    Pow,
    Copysign,
    Fmod,
    Erf,
    Erfc,
    Gamma,
    Lgamma,
    IsNan,
    IsInf,
    IsFinite,
}

impl MathFn {
    /// True if NumPy's ufunc of this name takes complex numbers (pyaot computes it with the C
    /// library's complex functions).
    pub fn has_complex(self) -> bool {
        matches!(
            self,
            MathFn::Sqrt
                | MathFn::Exp
                | MathFn::Log
                | MathFn::Sin
                | MathFn::Cos
                | MathFn::Tan
                | MathFn::Sinh
                | MathFn::Cosh
                | MathFn::Tanh
                | MathFn::Asin
                | MathFn::Acos
                | MathFn::Atan
        )
    }
}

impl MathFn {
    /// The libm name of the float64 version.
    pub fn libm_name(self) -> &'static str {
        match self {
            MathFn::Sqrt => "sqrt",
            MathFn::Exp => "exp",
            MathFn::Log => "log",
            MathFn::Log10 => "log10",
            MathFn::Log2 => "log2",
            MathFn::Log1p => "log1p",
            MathFn::Expm1 => "expm1",
            MathFn::Sin => "sin",
            MathFn::Cos => "cos",
            MathFn::Tan => "tan",
            MathFn::Asin => "asin",
            MathFn::Acos => "acos",
            MathFn::Atan => "atan",
            MathFn::Atan2 => "atan2",
            MathFn::Sinh => "sinh",
            MathFn::Cosh => "cosh",
            MathFn::Tanh => "tanh",
            MathFn::Hypot => "hypot",
            MathFn::Floor => "floor",
            MathFn::Ceil => "ceil",
            MathFn::Trunc => "trunc",
            MathFn::Fabs => "fabs",
            MathFn::Pow => "pow",
            MathFn::Copysign => "copysign",
            MathFn::Fmod => "fmod",
            MathFn::Erf => "erf",
            MathFn::Erfc => "erfc",
            MathFn::Gamma => "pyaot_gamma",
            MathFn::Lgamma => "pyaot_lgamma",
            MathFn::IsNan => "isnan",
            MathFn::IsInf => "isinf",
            MathFn::IsFinite => "isfinite",
        }
    }

    pub fn arity(self) -> usize {
        match self {
            MathFn::Atan2 | MathFn::Hypot | MathFn::Pow | MathFn::Copysign | MathFn::Fmod => 2,
            _ => 1,
        }
    }
}

/// How a NumPy array constructor fills the new array.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fill {
    Empty,
    Zeros,
    Ones,
}

/// Array methods and attributes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArrayAttr {
    Shape,
    Size,
    Ndim,
}

/// Elementwise NumPy functions beyond the math ufuncs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NpFn {
    /// NaN-propagating, as np.minimum / np.maximum.
    Minimum,
    Maximum,
    /// `np.where(cond, x, y)`.
    Where,
    /// `np.clip(a, lo, hi)`: maximum then minimum.
    Clip,
    Sign,
    Square,
    /// np.abs / np.absolute of an array: magnitudes (complex gives its real type).
    Abs,
    /// np.power: NumPy's `**` (integer arrays stay integers).
    Power,
    Conj,
    Real,
    Imag,
}

/// Operations that rearrange an array's shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShapeOp {
    /// `.T`, `a.transpose()`, `np.transpose(a)`: a view with the axes reversed.
    Transpose,
    /// `a.transpose(1, 0, 2)`, `np.transpose(a, (2, 0, 1))`: a view with the axes permuted
    /// (operands: the constant axes, as integers or one tuple).
    Permute,
    /// `a.reshape(m, n)`, `a.reshape((m, -1))`, `np.reshape(a, shape)`: a view of a
    /// C-contiguous array, otherwise a C-ordered copy; operands are the new dimensions (one
    /// tuple, or integers).
    Reshape,
    /// `a.ravel()`, `np.ravel(a)`: `reshape(-1)`.
    Ravel,
    /// `a.flatten()`: always a copy.
    Flatten,
    /// `a.fill(value)`: sets every element.
    Fill,
    /// `z.real` / `z.imag` of a complex array (or `.real` of a real one): a view of those parts.
    RealPart,
    ImagPart,
}

/// Array constructors; their operands (in `call_args`) are listed per variant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Creation {
    /// `np.full(shape, value)`: [shape, value].
    Full { dtype: Scalar },
    /// `np.full_like(a, value)`: [a, value].
    FullLike { dtype: Scalar },
    /// `np.arange(...)`: [start?, stop, step?]; values computed in `compute` then converted.
    Arange {
        dtype: Scalar,
        compute: Scalar,
        has_start: bool,
        has_step: bool,
    },
    /// `np.linspace(start, stop, num)`: [start, stop, num?].
    Linspace { endpoint: bool, has_num: bool },
    /// `np.copy(a)`, `a.copy()`, `a.astype(t)`: [a], converted to `dtype`, C order.
    Copy { dtype: Scalar },
    /// `np.eye(n, m, k)`, `np.identity(n)`: [n, m?]; `k` is a constant.
    Eye { dtype: Scalar, k: i64, has_m: bool },
    /// `np.array([...])` of a (nested) literal list or tuple: the elements flattened in C order.
    FromLiteral { dtype: Scalar, shape: Vec<i64> },
}

/// Reductions over every element of an array.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reduction {
    Sum,
    Prod,
    Min,
    Max,
    Mean,
    Any,
    All,
    ArgMin,
    ArgMax,
}

/// Attributes and methods of complex scalars.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ComplexAttr {
    Real,
    Imag,
    Conjugate,
}

/// What a `Call` expression calls, with everything codegen needs to know about it.
#[derive(Debug, Clone, PartialEq)]
pub enum Callee {
    Builtin(Builtin),
    Math(MathFn),
    /// `np.float64(x)`, `np.int32(x)`: a conversion to a scalar type.
    Cast(Scalar),
    /// `np.empty(shape, dtype=...)`: `shape` is the first argument (an int or a tuple of ints).
    NewArray {
        fill: Fill,
        dtype: Scalar,
        fortran: bool,
    },
    /// `np.empty_like(a)`: the shape of the first argument.
    NewArrayLike {
        fill: Fill,
        dtype: Scalar,
        fortran: bool,
    },
    /// `z.conjugate()` on a complex scalar.
    ComplexMethod(ComplexAttr),
    /// `range(...)` as the iterable of a `for` loop.
    Range,
    /// `a.sum()`, `np.max(a)`, ...: the array is the call's only argument in `call_args`.
    Reduce(Reduction),
    /// A reduction along one axis (`call_args`: the array, then the axis if one was given;
    /// without one, `keepdims` keeps every axis with length 1).
    ReduceAxis {
        kind: Reduction,
        keepdims: bool,
    },
    /// Reshaping and transposing (`call_args`: the array, then the operation's operands).
    Shape(ShapeOp),
    /// An elementwise NumPy function on scalars or arrays (broadcasting); `operand_types` holds
    /// the dtype the operands compute in.
    Elementwise(NpFn),
    /// Array creation beyond empty/zeros/ones; the operands are in `call_args`.
    Create(Creation),
    /// A call of a plain function of the same module, compiled for these argument types.
    Function(InstanceId),
}

/// One compiled function: a module function typed for one list of argument types.
#[derive(Debug, Clone)]
pub struct Instance {
    pub func: FuncId,
    /// A symbol-safe unique name, e.g. `mult__1`.
    pub symbol: String,
    pub param_types: Vec<Type>,
    /// Parameter `i` is local `LocalId(i)`.
    pub ret: Type,
    pub locals: Vec<Local>,
    pub expr_types: HashMap<ExprId, Type>,
    /// For `Binary` and `Compare` nodes: the type both operands are converted to before the
    /// operation (for comparisons, per comparator).
    pub operand_types: HashMap<ExprId, Vec<Type>>,
    pub names: HashMap<ExprId, NameRes>,
    pub calls: HashMap<ExprId, Callee>,
    pub array_attrs: HashMap<ExprId, ArrayAttr>,
    pub complex_attrs: HashMap<ExprId, ComplexAttr>,
    /// Parameters that the function writes into (array arguments must then be writeable).
    pub written_params: Vec<bool>,
    pub uses_arrays: bool,
    /// For `x op= v`: the operand type and the result type of the operation.
    pub aug_ops: HashMap<StmtId, (Type, Type)>,
    /// For `raise E("msg")`: the builtin exception class name and the message.
    pub raises: HashMap<StmtId, (String, Option<String>)>,
    /// For calls of module functions and array constructors: the argument expressions in
    /// parameter order (keywords resolved, defaults filled in).
    pub call_args: HashMap<ExprId, Vec<ExprId>>,
    /// Expressions folded to constants, such as a callee's default argument values.
    pub const_exprs: HashMap<ExprId, Const>,
    /// What each `for` loop's iterable (and each part of a zip/enumerate) iterates over.
    pub iterables: HashMap<ExprId, Iterable>,
    /// `if` statements whose test the types decide (`x is None`): only the taken branch is
    /// typed and compiled, as Numba prunes dead branches.
    pub static_ifs: HashMap<StmtId, bool>,
    /// Statements after which the rest of their block is unreachable (a decided `if` whose
    /// taken branch returns or raises): neither typed nor compiled.
    pub ends_block: HashSet<StmtId>,
    /// Subscripts of a homogeneous tuple by a run-time integer (`a.shape[k]`).
    pub dynamic_tuple_index: HashSet<ExprId>,
}

/// The iterables of `for` loops.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Iterable {
    /// `range(...)`: the call's arguments.
    Range,
    /// A 1-d array: its elements.
    Array,
    /// `enumerate(x)` or `enumerate(x, start)`: (start + index, item of x).
    Enumerate(ExprId, Option<ExprId>),
    /// `zip(a, b, ...)`: tuples of items, as long as the shortest.
    Zip(Vec<ExprId>),
    /// `np.ndindex(shape)` or `np.ndindex(d0, d1, ...)`: index tuples in C order.
    NdIndex(Vec<ExprId>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Local {
    pub name: String,
    pub ty: Type,
}

/// The exported entry points and every instance reachable from them.
#[derive(Debug, Clone, Default)]
pub struct Program {
    pub instances: Vec<Instance>,
    /// One per [`RootRequest`], in order.
    pub roots: Vec<InstanceId>,
}

impl Program {
    pub fn instance(&self, id: InstanceId) -> &Instance {
        &self.instances[id.0 as usize]
    }

    /// True if any instance creates, takes or returns arrays (the module then needs NumPy).
    pub fn uses_arrays(&self) -> bool {
        self.instances.iter().any(|i| i.uses_arrays)
    }
}

/// An exported function to type: its definition and declared signature.
#[derive(Debug, Clone)]
pub struct RootRequest {
    pub func: FuncId,
    pub signature: Signature,
    /// Where the signature is written, for messages about it (else the function's name).
    pub signature_span: Option<Span>,
}

/// Infers one root and everything it calls; convenience for tests.
pub fn infer_one(
    module: &Module,
    root: RootRequest,
) -> Result<(Program, InstanceId), Vec<Diagnostic>> {
    let (program, diagnostics) = infer_program(module, std::slice::from_ref(&root));
    if diagnostics.is_empty() {
        let id = program.roots[0];
        Ok((program, id))
    } else {
        Err(diagnostics)
    }
}
