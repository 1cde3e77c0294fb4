//! pyaot's AST: plain data in arenas, read-only after lowering.

use pyaot_diagnostics::Span;

macro_rules! arena_id {
    ($name:ident) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub u32);

        impl $name {
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    };
}

arena_id!(ExprId);
arena_id!(StmtId);
arena_id!(FuncId);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    MatMul,
    Div,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    BitOr,
    BitXor,
    BitAnd,
}

impl BinOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::MatMul => "@",
            BinOp::Div => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "**",
            BinOp::LShift => "<<",
            BinOp::RShift => ">>",
            BinOp::BitOr => "|",
            BinOp::BitXor => "^",
            BinOp::BitAnd => "&",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnaryOp {
    Not,
    Neg,
    Pos,
    Invert,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BoolOp {
    And,
    Or,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CmpOp {
    Eq,
    NotEq,
    Lt,
    LtE,
    Gt,
    GtE,
    Is,
    IsNot,
    In,
    NotIn,
}

impl CmpOp {
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::NotEq => "!=",
            CmpOp::Lt => "<",
            CmpOp::LtE => "<=",
            CmpOp::Gt => ">",
            CmpOp::GtE => ">=",
            CmpOp::Is => "is",
            CmpOp::IsNot => "is not",
            CmpOp::In => "in",
            CmpOp::NotIn => "not in",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Keyword {
    pub name: String,
    pub value: ExprId,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    Name(String),
    /// An integer literal; literals beyond the u64/i64 range are `Unsupported`.
    Int(i128),
    Float(f64),
    /// `3j`: the imaginary part of a complex literal.
    Imaginary(f64),
    Bool(bool),
    None,
    Str(String),
    Binary {
        op: BinOp,
        lhs: ExprId,
        rhs: ExprId,
    },
    Unary {
        op: UnaryOp,
        operand: ExprId,
    },
    BoolOp {
        op: BoolOp,
        values: Vec<ExprId>,
    },
    Compare {
        left: ExprId,
        ops: Vec<CmpOp>,
        comparators: Vec<ExprId>,
    },
    Call {
        func: ExprId,
        args: Vec<ExprId>,
        keywords: Vec<Keyword>,
    },
    Attribute {
        value: ExprId,
        attr: String,
    },
    Subscript {
        value: ExprId,
        index: ExprId,
    },
    Slice {
        lower: Option<ExprId>,
        upper: Option<ExprId>,
        step: Option<ExprId>,
    },
    Tuple(Vec<ExprId>),
    List(Vec<ExprId>),
    IfExp {
        test: ExprId,
        body: ExprId,
        orelse: ExprId,
    },
    /// `...`
    Ellipsis,
    /// A construct pyaot does not compile; the string names it ("lambda", "a list comprehension").
    Unsupported(&'static str),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum StmtKind {
    Expr(ExprId),
    /// `a = b = value`: every target gets the value.
    Assign {
        targets: Vec<ExprId>,
        value: ExprId,
    },
    AugAssign {
        target: ExprId,
        op: BinOp,
        value: ExprId,
    },
    /// `x: T = value`; the annotation is ignored.
    AnnAssign {
        target: ExprId,
        value: Option<ExprId>,
    },
    Return(Option<ExprId>),
    If {
        test: ExprId,
        body: Vec<StmtId>,
        orelse: Vec<StmtId>,
    },
    While {
        test: ExprId,
        body: Vec<StmtId>,
        orelse: Vec<StmtId>,
    },
    For {
        target: ExprId,
        iter: ExprId,
        body: Vec<StmtId>,
        orelse: Vec<StmtId>,
    },
    Break,
    Continue,
    Pass,
    Raise {
        exc: Option<ExprId>,
    },
    Assert {
        test: ExprId,
        msg: Option<ExprId>,
    },
    /// A construct pyaot does not compile; the string names it ("a class", "try/except").
    Unsupported(&'static str),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    pub name: String,
    pub span: Span,
    pub default: Option<ExprId>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Function {
    pub name: String,
    /// The span of the name after `def`.
    pub name_span: Span,
    /// The whole definition, decorators included.
    pub span: Span,
    /// 1-based line of the first decorator, or of `def`: CPython's `co_firstlineno`.
    pub first_line: u32,
    pub params: Vec<Param>,
    /// Why the parameter list cannot be compiled (`*args`, keyword-only, ...), if so.
    pub unsupported_params: Option<(&'static str, Span)>,
    pub decorators: Vec<ExprId>,
    pub body: Vec<StmtId>,
    /// Functions nested inside this one are not compiled.
    pub is_nested: bool,
    /// Part of pyaot's prelude (NumPy functions written in Python), not of the user's module.
    pub prelude: bool,
}

/// What a module-level name is bound to, as far as static resolution can tell.
#[derive(Debug, Clone, PartialEq)]
pub enum Binding {
    /// `import numpy as np` binds `np` to module `numpy`; `import numpy.linalg` binds `numpy`.
    Module(String),
    /// `from math import sqrt as s` binds `s` to (`math`, `sqrt`).
    ImportedName {
        module: String,
        name: String,
    },
    Function(FuncId),
    /// `N = 10`, `EPS = 1e-9`, `FLAG = True`, `-3`, `2 ** 10`: the value expression.
    Value(ExprId),
    /// `class C: ...`: classes are not compiled.
    Class,
    /// Bound by a statement pyaot does not resolve statically (`x += 1`, `a, b = ...`, a class).
    Opaque,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GlobalBinding {
    pub name: String,
    pub binding: Binding,
    pub span: Span,
}

/// Spans in the prelude start at this offset, beyond any user source.
pub const PRELUDE_BASE: u32 = 1 << 30;

/// A lowered module: arenas plus the module-level bindings in source order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Module {
    pub exprs: Vec<Expr>,
    pub stmts: Vec<Stmt>,
    pub functions: Vec<Function>,
    pub globals: Vec<GlobalBinding>,
    /// The prelude's own module-level bindings: names in prelude functions resolve here.
    pub prelude_globals: Vec<GlobalBinding>,
}

impl Module {
    pub fn expr(&self, id: ExprId) -> &Expr {
        &self.exprs[id.index()]
    }

    pub fn stmt(&self, id: StmtId) -> &Stmt {
        &self.stmts[id.index()]
    }

    pub fn function(&self, id: FuncId) -> &Function {
        &self.functions[id.index()]
    }

    /// The last module-level binding of `name`, if any: pycc compiles after the module has run,
    /// so the last top-level assignment is the value a function sees.
    pub fn global(&self, name: &str) -> Option<&GlobalBinding> {
        self.globals.iter().rev().find(|g| g.name == name)
    }

    /// The binding of `name` as seen from `func`'s body: the prelude's for prelude functions.
    pub fn global_for(&self, func: &Function, name: &str) -> Option<&GlobalBinding> {
        if func.prelude {
            self.prelude_globals.iter().rev().find(|g| g.name == name)
        } else {
            self.global(name)
        }
    }

    /// Top-level functions of the user's module called `name`.
    pub fn functions_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = FuncId> + 'a {
        self.functions
            .iter()
            .enumerate()
            .filter(move |(_, f)| f.name == name && !f.is_nested && !f.prelude)
            .map(|(i, _)| FuncId(i as u32))
    }

    /// The prelude function called `name`.
    pub fn prelude_function(&self, name: &str) -> Option<FuncId> {
        self.functions
            .iter()
            .position(|f| f.prelude && !f.is_nested && f.name == name)
            .map(|i| FuncId(i as u32))
    }

    /// True if `span` lies in the prelude's text rather than the user's.
    pub fn in_prelude(span: Span) -> bool {
        span.start >= PRELUDE_BASE
    }
}
