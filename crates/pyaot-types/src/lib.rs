//! pyaot's types (scalars, N-d arrays, tuples, None) and the parser of Numba signature strings
//! such as `f8[:](f8[:], f8)` or `UniTuple(i8, 2)(Array(f4, 2, 'F'))`.
//!
//! Architecture Invariant: this crate is the only place that knows the Numba type grammar; every
//! later pass sees [`Type`] and [`Signature`] values only.

mod signature;

pub use signature::{parse_signature, parse_type};

use std::fmt;

/// A scalar machine type, named as NumPy names its dtypes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scalar {
    Bool,
    I8,
    I16,
    I32,
    I64,
    U8,
    U16,
    U32,
    U64,
    F32,
    F64,
    C64,
    C128,
}

impl Scalar {
    pub const ALL: [Scalar; 13] = [
        Scalar::Bool,
        Scalar::I8,
        Scalar::I16,
        Scalar::I32,
        Scalar::I64,
        Scalar::U8,
        Scalar::U16,
        Scalar::U32,
        Scalar::U64,
        Scalar::F32,
        Scalar::F64,
        Scalar::C64,
        Scalar::C128,
    ];

    /// NumPy's name for the dtype: `float64`, `int32`, `bool`, `complex128`.
    pub fn name(self) -> &'static str {
        match self {
            Scalar::Bool => "bool",
            Scalar::I8 => "int8",
            Scalar::I16 => "int16",
            Scalar::I32 => "int32",
            Scalar::I64 => "int64",
            Scalar::U8 => "uint8",
            Scalar::U16 => "uint16",
            Scalar::U32 => "uint32",
            Scalar::U64 => "uint64",
            Scalar::F32 => "float32",
            Scalar::F64 => "float64",
            Scalar::C64 => "complex64",
            Scalar::C128 => "complex128",
        }
    }

    /// Size of one element in bytes.
    pub fn size(self) -> u32 {
        match self {
            Scalar::Bool | Scalar::I8 | Scalar::U8 => 1,
            Scalar::I16 | Scalar::U16 => 2,
            Scalar::I32 | Scalar::U32 | Scalar::F32 => 4,
            Scalar::I64 | Scalar::U64 | Scalar::F64 | Scalar::C64 => 8,
            Scalar::C128 => 16,
        }
    }

    /// Width in bits of an integer (bool counts as 1), of a float, or of one complex component.
    pub fn bits(self) -> u32 {
        match self {
            Scalar::Bool => 1,
            Scalar::C64 => 32,
            Scalar::C128 => 64,
            s => s.size() * 8,
        }
    }

    pub fn is_bool(self) -> bool {
        self == Scalar::Bool
    }

    pub fn is_int(self) -> bool {
        self.is_signed() || self.is_unsigned()
    }

    pub fn is_signed(self) -> bool {
        matches!(self, Scalar::I8 | Scalar::I16 | Scalar::I32 | Scalar::I64)
    }

    pub fn is_unsigned(self) -> bool {
        matches!(self, Scalar::U8 | Scalar::U16 | Scalar::U32 | Scalar::U64)
    }

    pub fn is_float(self) -> bool {
        matches!(self, Scalar::F32 | Scalar::F64)
    }

    pub fn is_complex(self) -> bool {
        matches!(self, Scalar::C64 | Scalar::C128)
    }

    /// The real type of a complex type's components (itself for other types).
    pub fn real_part(self) -> Scalar {
        match self {
            Scalar::C64 => Scalar::F32,
            Scalar::C128 => Scalar::F64,
            s => s,
        }
    }

    /// NumPy's `type_num` for this dtype on an LP64 platform (`NPY_DOUBLE` is 12, ...).
    pub fn numpy_type_num(self) -> i32 {
        match self {
            Scalar::Bool => 0,
            Scalar::I8 => 1,
            Scalar::U8 => 2,
            Scalar::I16 => 3,
            Scalar::U16 => 4,
            Scalar::I32 => 5,
            Scalar::U32 => 6,
            Scalar::I64 => 7,
            Scalar::U64 => 8,
            Scalar::F32 => 11,
            Scalar::F64 => 12,
            Scalar::C64 => 14,
            Scalar::C128 => 15,
        }
    }
}

impl fmt::Display for Scalar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Memory layout of an array: C-contiguous, Fortran-contiguous, or any strides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layout {
    C,
    F,
    A,
}

impl Layout {
    pub fn letter(self) -> char {
        match self {
            Layout::C => 'C',
            Layout::F => 'F',
            Layout::A => 'A',
        }
    }
}

/// A value type of the compiled language.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Type {
    Scalar(Scalar),
    Array {
        dtype: Scalar,
        ndim: u8,
        layout: Layout,
    },
    Tuple(Vec<Type>),
    /// `None`, also the return type `void`.
    None,
}

impl Type {
    pub const BOOL: Type = Type::Scalar(Scalar::Bool);
    pub const I64: Type = Type::Scalar(Scalar::I64);
    pub const F64: Type = Type::Scalar(Scalar::F64);

    pub fn array(dtype: Scalar, ndim: u8, layout: Layout) -> Type {
        Type::Array {
            dtype,
            ndim,
            layout,
        }
    }

    pub fn as_scalar(&self) -> Option<Scalar> {
        match self {
            Type::Scalar(s) => Some(*s),
            _ => None,
        }
    }

    pub fn is_array(&self) -> bool {
        matches!(self, Type::Array { .. })
    }

    /// True if values of this type hold references that must be counted (arrays, and tuples
    /// that contain arrays).
    pub fn holds_references(&self) -> bool {
        match self {
            Type::Array { .. } => true,
            Type::Tuple(items) => items.iter().any(Type::holds_references),
            _ => false,
        }
    }
}

impl fmt::Display for Type {
    /// Numba's spelling: `float64`, `array(float64, 1d, C)`, `UniTuple(int64, 2)`,
    /// `Tuple(int64, float64)`, `none`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Type::Scalar(s) => write!(f, "{s}"),
            Type::Array {
                dtype,
                ndim,
                layout,
            } => {
                write!(f, "array({dtype}, {ndim}d, {})", layout.letter())
            }
            Type::Tuple(items) => {
                if let Some(first) = items.first() {
                    if items.len() > 1 && items.iter().all(|t| t == first) {
                        return write!(f, "UniTuple({first}, {})", items.len());
                    }
                }
                f.write_str("Tuple(")?;
                for (i, t) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{t}")?;
                }
                f.write_str(")")
            }
            Type::None => f.write_str("none"),
        }
    }
}

/// A parsed signature: argument types and the return type, `None` when it is to be inferred.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Signature {
    pub args: Vec<Type>,
    pub ret: Option<Type>,
}
