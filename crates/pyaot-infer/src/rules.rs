//! The typing rules for scalars, following Numba's nopython mode where it differs from Python:
//! integer arithmetic happens in 64 bits, mixed signed/unsigned 64-bit integers go to float64.

use pyaot_syntax::BinOp;
use pyaot_types::{Layout, Scalar, Type};

/// The type two numbers are converted to before an arithmetic operation, as Numba unifies them:
/// bools and signed integers widen to int64, unsigned to uint64, uint64 with a signed integer to
/// float64, any integer with a float to float64 (float32 with float32 stays float32), complex wins.
pub fn promote(a: Scalar, b: Scalar) -> Scalar {
    use Scalar::*;
    if a.is_complex() || b.is_complex() {
        let wide = a == C128
            || b == C128
            || a == F64
            || b == F64
            || a.is_int()
            || b.is_int()
            || a.is_bool()
            || b.is_bool();
        return if wide && !(a == C64 && b == C64) {
            C128
        } else {
            C64
        };
    }
    if a.is_float() || b.is_float() {
        return if a == F32 && b == F32 { F32 } else { F64 };
    }
    let signed = |s: Scalar| s.is_signed() || s.is_bool();
    match (signed(a), signed(b)) {
        (true, true) => I64,
        (false, false) => U64,
        _ => {
            let unsigned = if signed(a) { b } else { a };
            if unsigned == U64 {
                F64
            } else {
                I64
            }
        }
    }
}

/// The result type of a binary arithmetic operator on two scalars, or `None` if not defined.
/// Also returns the operand type both sides are converted to.
pub fn binary_scalar(op: BinOp, a: Scalar, b: Scalar) -> Option<(Scalar, Scalar)> {
    use Scalar::*;
    match op {
        BinOp::Add | BinOp::Sub | BinOp::Mul => {
            let t = promote(a, b);
            Some((t, t))
        }
        BinOp::Div => {
            let t = promote(a, b);
            let t = if t.is_int() { F64 } else { t };
            Some((t, t))
        }
        BinOp::FloorDiv | BinOp::Mod => {
            let t = promote(a, b);
            (!t.is_complex()).then_some((t, t))
        }
        BinOp::Pow => {
            // Complex powers are not compiled yet: CPython's algorithm has integer special cases
            // that a plain exp/log formula would not reproduce to the last bit.
            let t = promote(a, b);
            (!t.is_complex()).then_some((t, t))
        }
        BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor => {
            if a == Bool && b == Bool {
                return Some((Bool, Bool));
            }
            if !(a.is_int() || a.is_bool()) || !(b.is_int() || b.is_bool()) {
                return None;
            }
            let t = promote(a, b);
            (t != F64).then_some((t, t))
        }
        BinOp::LShift | BinOp::RShift => {
            if !(a.is_int() || a.is_bool()) || !(b.is_int() || b.is_bool()) {
                return None;
            }
            let t = if a.is_unsigned() { U64 } else { I64 };
            Some((t, t))
        }
        BinOp::MatMul => None,
    }
}

/// The one type a variable (or a return value) gets when it is assigned both types, if any.
pub fn unify(a: &Type, b: &Type) -> Option<Type> {
    if a == b {
        return Some(a.clone());
    }
    match (a, b) {
        (Type::Scalar(x), Type::Scalar(y)) => {
            if x.is_bool() && y.is_bool() {
                return Some(Type::BOOL);
            }
            Some(Type::Scalar(unify_scalar(*x, *y)))
        }
        (
            Type::Array {
                dtype: d1,
                ndim: n1,
                layout: l1,
            },
            Type::Array {
                dtype: d2,
                ndim: n2,
                layout: l2,
            },
        ) if d1 == d2 && n1 == n2 => {
            let layout = if l1 == l2 { *l1 } else { Layout::A };
            Some(Type::array(*d1, *n1, layout))
        }
        (Type::Tuple(xs), Type::Tuple(ys)) if xs.len() == ys.len() => xs
            .iter()
            .zip(ys)
            .map(|(x, y)| unify(x, y))
            .collect::<Option<Vec<_>>>()
            .map(Type::Tuple),
        _ => None,
    }
}

/// Like [`promote`], but two integers of one signedness keep the wider width instead of going to
/// 64 bits (a variable holding int32 and int16 values is int32, as in Numba).
fn unify_scalar(a: Scalar, b: Scalar) -> Scalar {
    let int_like = |s: Scalar| s.is_int() || s.is_bool();
    if int_like(a) && int_like(b) {
        let signed = |s: Scalar| s.is_signed() || s.is_bool();
        if signed(a) == signed(b) {
            return if a.bits() >= b.bits() { a } else { b };
        }
    }
    if a.is_float() && b.is_float() {
        return if a == Scalar::F64 || b == Scalar::F64 {
            Scalar::F64
        } else {
            Scalar::F32
        };
    }
    promote(a, b)
}

/// True if a value of type `from` may be implicitly converted to `to` (assignment into an array
/// element, a declared return type): any real number to any real number, anything numeric to
/// complex; never complex to real, as Numba refuses it.
pub fn can_convert(from: &Type, to: &Type) -> bool {
    match (from, to) {
        (Type::Scalar(f), Type::Scalar(t)) => !f.is_complex() || t.is_complex(),
        (
            Type::Array {
                dtype: d1,
                ndim: n1,
                layout: l1,
            },
            Type::Array {
                dtype: d2,
                ndim: n2,
                layout: l2,
            },
        ) => d1 == d2 && n1 == n2 && (l1 == l2 || *l2 == Layout::A),
        (Type::Tuple(xs), Type::Tuple(ys)) => {
            xs.len() == ys.len() && xs.iter().zip(ys).all(|(x, y)| can_convert(x, y))
        }
        (Type::None, Type::None) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Scalar::*;

    #[test]
    fn integer_arithmetic_is_64_bit() {
        assert_eq!(promote(I32, I32), I64);
        assert_eq!(promote(U8, U32), U64);
        assert_eq!(promote(U32, I8), I64);
        assert_eq!(promote(U64, I64), F64);
        assert_eq!(promote(Bool, Bool), I64);
    }

    #[test]
    fn floats_and_complex() {
        assert_eq!(promote(F32, F32), F32);
        assert_eq!(promote(F32, I32), F64);
        assert_eq!(promote(C64, F32), C64);
        assert_eq!(promote(C64, F64), C128);
        assert_eq!(binary_scalar(BinOp::Div, I64, I64), Some((F64, F64)));
        assert_eq!(binary_scalar(BinOp::FloorDiv, C128, I64), None);
    }

    #[test]
    fn unify_widens() {
        assert_eq!(unify(&Type::I64, &Type::F64), Some(Type::F64));
        assert_eq!(
            unify(&Type::Scalar(I32), &Type::Scalar(I16)),
            Some(Type::Scalar(I32))
        );
        assert_eq!(
            unify(
                &Type::array(F64, 1, Layout::C),
                &Type::array(F64, 1, Layout::F)
            ),
            Some(Type::array(F64, 1, Layout::A))
        );
        assert_eq!(unify(&Type::array(F64, 1, Layout::C), &Type::F64), None);
    }
}

/// NumPy's `promote_types` for two dtypes (both "strong": arrays or NumPy scalars).
pub fn numpy_promote(a: Scalar, b: Scalar) -> Scalar {
    use Scalar::*;
    if a == b {
        return a;
    }
    if a.is_bool() {
        return b;
    }
    if b.is_bool() {
        return a;
    }
    let complex_of = |real: Scalar| if real == F32 { C64 } else { C128 };
    if a.is_complex() || b.is_complex() {
        let real = numpy_promote(a.real_part(), b.real_part());
        return complex_of(real);
    }
    if a.is_float() || b.is_float() {
        let (f, other) = if a.is_float() { (a, b) } else { (b, a) };
        if other.is_float() {
            return if a == F64 || b == F64 { F64 } else { F32 };
        }
        // An integer with a float: float32 holds 8- and 16-bit integers exactly.
        return if f == F32 && other.size() <= 2 {
            F32
        } else {
            F64
        };
    }
    let (sa, sb) = (a.is_signed(), b.is_signed());
    if sa == sb {
        return if a.size() >= b.size() { a } else { b };
    }
    let (signed, unsigned) = if sa { (a, b) } else { (b, a) };
    if unsigned.size() < signed.size() {
        return signed;
    }
    match unsigned {
        U8 => I16,
        U16 => I32,
        U32 => I64,
        _ => F64,
    }
}

/// NEP 50: a Python scalar (in compiled code, a scalar of the default type: bool, int64,
/// float64, complex128) is "weak" and takes the array's dtype when its kind allows.
pub fn is_weak(s: Scalar) -> bool {
    matches!(s, Scalar::Bool | Scalar::I64 | Scalar::F64 | Scalar::C128)
}

fn kind(s: Scalar) -> u8 {
    if s.is_bool() {
        0
    } else if s.is_int() {
        1
    } else if s.is_float() {
        2
    } else {
        3
    }
}

/// The dtype an array of `array` and a weak scalar of `scalar` compute in.
fn promote_weak(array: Scalar, scalar: Scalar) -> Scalar {
    if kind(scalar) <= kind(array) {
        return array;
    }
    match (kind(scalar), array) {
        (1, _) => Scalar::I64,
        (2, _) => Scalar::F64,
        (_, Scalar::F32) => Scalar::C64,
        _ => Scalar::C128,
    }
}

/// NumPy's common dtype of several operands (NEP 50: weak Python scalars only raise the kind).
pub fn numpy_common(ops: &[Operand]) -> Option<Scalar> {
    let strong = ops
        .iter()
        .filter(|o| !o.weak)
        .map(|o| o.dtype)
        .reduce(numpy_promote);
    let weak = ops.iter().filter(|o| o.weak).map(|o| o.dtype);
    match strong {
        Some(s) => Some(weak.fold(s, promote_weak)),
        None => weak.reduce(numpy_promote),
    }
}

/// One operand of an array expression: its dtype, and whether it is a weak scalar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Operand {
    pub dtype: Scalar,
    pub weak: bool,
}

/// NumPy's result dtype and the dtype both operands are converted to, for a binary operation
/// where at least one operand is an array; `None` where NumPy has no loop for the types.
pub fn numpy_binary(op: BinOp, a: Operand, b: Operand) -> Option<(Scalar, Scalar)> {
    let common = match (a.weak, b.weak) {
        (true, false) => promote_weak(b.dtype, a.dtype),
        (false, true) => promote_weak(a.dtype, b.dtype),
        _ => numpy_promote(a.dtype, b.dtype),
    };
    match op {
        // bool + bool is logical or and bool * bool logical and; bool - bool is an error.
        BinOp::Add | BinOp::Mul if common.is_bool() => Some((common, common)),
        BinOp::Sub if common.is_bool() => None,
        BinOp::Add | BinOp::Sub | BinOp::Mul => Some((common, common)),
        BinOp::Div => {
            let t = if common.is_int() || common.is_bool() {
                Scalar::F64
            } else {
                common
            };
            Some((t, t))
        }
        BinOp::FloorDiv | BinOp::Mod => {
            if common.is_complex() || common.is_bool() {
                None
            } else {
                Some((common, common))
            }
        }
        // Complex powers need CPython's/NumPy's special cases, which pyaot does not have yet.
        BinOp::Pow => (!common.is_bool() && !common.is_complex()).then_some((common, common)),
        BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor | BinOp::LShift | BinOp::RShift => {
            let shift = matches!(op, BinOp::LShift | BinOp::RShift);
            if common.is_int() || (common.is_bool() && !shift) {
                Some((common, common))
            } else {
                None
            }
        }
        BinOp::MatMul => None,
    }
}

#[cfg(test)]
mod numpy_tests {
    use super::*;
    use Scalar::*;

    fn strong(d: Scalar) -> Operand {
        Operand {
            dtype: d,
            weak: false,
        }
    }

    fn weak(d: Scalar) -> Operand {
        Operand {
            dtype: d,
            weak: true,
        }
    }

    #[test]
    fn promote_types_like_numpy() {
        assert_eq!(numpy_promote(I8, I16), I16);
        assert_eq!(numpy_promote(U8, I8), I16);
        assert_eq!(numpy_promote(U32, I32), I64);
        assert_eq!(numpy_promote(U64, I64), F64);
        assert_eq!(numpy_promote(I16, F32), F32);
        assert_eq!(numpy_promote(I32, F32), F64);
        assert_eq!(numpy_promote(C64, F64), C128);
        assert_eq!(numpy_promote(Bool, U8), U8);
    }

    #[test]
    fn python_scalars_are_weak() {
        assert_eq!(
            numpy_binary(BinOp::Mul, strong(F32), weak(F64)),
            Some((F32, F32))
        );
        assert_eq!(
            numpy_binary(BinOp::Add, strong(I32), weak(I64)),
            Some((I32, I32))
        );
        assert_eq!(
            numpy_binary(BinOp::Add, strong(I32), weak(F64)),
            Some((F64, F64))
        );
        assert_eq!(
            numpy_binary(BinOp::Div, strong(I32), weak(I64)),
            Some((F64, F64))
        );
        assert_eq!(
            numpy_binary(BinOp::Mul, strong(F32), weak(C128)),
            Some((C64, C64))
        );
        assert_eq!(
            numpy_binary(BinOp::Add, strong(F32), strong(F64)),
            Some((F64, F64))
        );
        assert_eq!(numpy_binary(BinOp::Sub, strong(Bool), strong(Bool)), None);
    }
}
