//! Evaluation of module-level constant expressions (`N = 10`, `TWO_PI = 2 * math.pi`), which
//! compiled code sees as compile-time constants, as Numba does with globals.

use crate::Const;
use pyaot_syntax::{BinOp, Binding, ExprId, ExprKind, Module, UnaryOp};

/// The constant value of a module-level expression, if it is one.
pub fn eval_const(module: &Module, expr: ExprId, depth: u32) -> Option<Const> {
    if depth > 32 {
        return None;
    }
    match &module.expr(expr).kind {
        ExprKind::Int(v) => Some(int_const(*v)?),
        ExprKind::Float(v) => Some(Const::Float(*v)),
        ExprKind::Imaginary(v) => Some(Const::Complex(0.0, *v)),
        ExprKind::Bool(b) => Some(Const::Bool(*b)),
        ExprKind::None => Some(Const::None),
        ExprKind::Name(name) => global_const(module, name, depth + 1),
        ExprKind::Attribute { value, attr } => match &module.expr(*value).kind {
            ExprKind::Name(base) => match module.global(base).map(|g| &g.binding) {
                Some(Binding::Module(m)) => module_const(m, attr),
                _ => None,
            },
            _ => None,
        },
        ExprKind::Unary { op, operand } => {
            let v = eval_const(module, *operand, depth + 1)?;
            match (op, v) {
                (UnaryOp::Neg, Const::Int(i)) => Some(Const::Int(i.checked_neg()?)),
                (UnaryOp::Neg, Const::Float(f)) => Some(Const::Float(-f)),
                (UnaryOp::Pos, c) => Some(c),
                (UnaryOp::Not, Const::Bool(b)) => Some(Const::Bool(!b)),
                _ => None,
            }
        }
        ExprKind::Binary { op, lhs, rhs } => {
            let a = eval_const(module, *lhs, depth + 1)?;
            let b = eval_const(module, *rhs, depth + 1)?;
            binary_const(*op, a, b)
        }
        _ => None,
    }
}

fn int_const(v: i128) -> Option<Const> {
    if let Ok(i) = i64::try_from(v) {
        Some(Const::Int(i))
    } else {
        u64::try_from(v).ok().map(Const::UInt)
    }
}

/// The constant a module-level name is bound to.
pub fn global_const(module: &Module, name: &str, depth: u32) -> Option<Const> {
    match &module.global(name)?.binding {
        Binding::Value(expr) => eval_const(module, *expr, depth + 1),
        Binding::ImportedName { module: m, name } => module_const(m, name),
        _ => None,
    }
}

/// Constants of the `math` and `numpy` modules.
pub fn module_const(module: &str, name: &str) -> Option<Const> {
    if module != "math" && module != "numpy" && module != "cmath" {
        return None;
    }
    match name {
        "pi" => Some(Const::Float(std::f64::consts::PI)),
        "e" => Some(Const::Float(std::f64::consts::E)),
        "tau" => Some(Const::Float(std::f64::consts::TAU)),
        "inf" => Some(Const::Float(f64::INFINITY)),
        "nan" => Some(Const::Float(f64::NAN)),
        "Inf" | "PINF" | "infty" if module == "numpy" => Some(Const::Float(f64::INFINITY)),
        "NaN" | "NAN" if module == "numpy" => Some(Const::Float(f64::NAN)),
        "newaxis" if module == "numpy" => Some(Const::None),
        _ => None,
    }
}

fn binary_const(op: BinOp, a: Const, b: Const) -> Option<Const> {
    let as_f = |c: Const| match c {
        Const::Int(i) => Some(i as f64),
        Const::Float(f) => Some(f),
        Const::Bool(b) => Some(f64::from(u8::from(b))),
        _ => None,
    };
    match (a, b) {
        (Const::Int(x), Const::Int(y)) => match op {
            BinOp::Add => x.checked_add(y).map(Const::Int),
            BinOp::Sub => x.checked_sub(y).map(Const::Int),
            BinOp::Mul => x.checked_mul(y).map(Const::Int),
            BinOp::Div if y != 0 => Some(Const::Float(x as f64 / y as f64)),
            BinOp::FloorDiv if y != 0 => {
                let q = x.checked_div(y)?;
                Some(Const::Int(
                    q - i64::from(x % y != 0 && ((x < 0) != (y < 0))),
                ))
            }
            BinOp::Pow => u32::try_from(y)
                .ok()
                .and_then(|e| x.checked_pow(e))
                .map(Const::Int),
            BinOp::LShift => u32::try_from(y)
                .ok()
                .and_then(|s| x.checked_shl(s))
                .map(Const::Int),
            _ => None,
        },
        _ => {
            let (x, y) = (as_f(a)?, as_f(b)?);
            match op {
                BinOp::Add => Some(Const::Float(x + y)),
                BinOp::Sub => Some(Const::Float(x - y)),
                BinOp::Mul => Some(Const::Float(x * y)),
                BinOp::Div if y != 0.0 => Some(Const::Float(x / y)),
                BinOp::Pow => Some(Const::Float(x.powf(y))),
                _ => None,
            }
        }
    }
}
