//! Lowering from rustpython-parser's AST into pyaot's arenas.

use crate::ast::*;
use pyaot_diagnostics::{Diagnostic, Span};
use rustpython_parser::ast::{self as py, Ranged};
use rustpython_parser::Parse;

/// Parses `source` (whose path is used only in messages) into a [`Module`].
///
/// The only error is Python's own syntax error; unsupported constructs become `Unsupported`
/// nodes, reported later if a compiled function reaches them.
pub fn parse_module(source: &str, path: &str) -> Result<Module, Diagnostic> {
    let suite = py::Suite::parse(source, path).map_err(|err| {
        let offset = err.offset.to_u32();
        Diagnostic::error(
            "syntax-error",
            err.error.to_string(),
            Span::new(offset, offset + 1),
        )
    })?;
    let mut lowerer = Lowerer {
        module: Module::default(),
        source,
    };
    lowerer.lower_module(&suite);
    Ok(lowerer.module)
}

/// NumPy functions written in the Python pyaot compiles, instantiated like user functions when a
/// compiled function calls them.
pub const PRELUDE: &str = include_str!("prelude.py");

/// Lowers [`PRELUDE`] into `module`, for compiling it (reading a module's exports needs only the
/// user's code): its functions are marked `prelude`, its spans are offset by [`PRELUDE_BASE`],
/// and its module-level bindings go to `prelude_globals`.
pub fn add_prelude(module: &mut Module) {
    let suite = py::Suite::parse(PRELUDE, "<pyaot prelude>").expect("the prelude parses");
    let (exprs, stmts, funcs, globals) = (
        module.exprs.len(),
        module.stmts.len(),
        module.functions.len(),
        module.globals.len(),
    );
    let mut lowerer = Lowerer {
        module: std::mem::take(module),
        source: PRELUDE,
    };
    lowerer.lower_module(&suite);
    *module = lowerer.module;
    let shift = |s: &mut Span| *s = s.shifted(PRELUDE_BASE);
    for e in &mut module.exprs[exprs..] {
        shift(&mut e.span);
        if let ExprKind::Call { keywords, .. } = &mut e.kind {
            keywords.iter_mut().for_each(|k| shift(&mut k.span));
        }
    }
    module.stmts[stmts..]
        .iter_mut()
        .for_each(|s| shift(&mut s.span));
    for f in &mut module.functions[funcs..] {
        f.prelude = true;
        shift(&mut f.span);
        shift(&mut f.name_span);
        f.params.iter_mut().for_each(|p| shift(&mut p.span));
        if let Some((_, span)) = &mut f.unsupported_params {
            shift(span);
        }
    }
    let mut prelude_globals = module.globals.split_off(globals);
    prelude_globals.iter_mut().for_each(|g| shift(&mut g.span));
    module.prelude_globals = prelude_globals;
}

fn span_of(node: &impl Ranged) -> Span {
    let range = node.range();
    Span::new(range.start().to_u32(), range.end().to_u32())
}

struct Lowerer<'s> {
    module: Module,
    source: &'s str,
}

impl Lowerer<'_> {
    fn lower_module(&mut self, suite: &[py::Stmt]) {
        for stmt in suite {
            let span = span_of(stmt);
            match stmt {
                py::Stmt::FunctionDef(def) => {
                    let id = self.lower_function(def, false);
                    self.bind(def.name.as_str(), Binding::Function(id), span);
                }
                py::Stmt::Import(import) => {
                    for alias in &import.names {
                        let full = alias.name.as_str();
                        match &alias.asname {
                            Some(asname) => {
                                self.bind(asname.as_str(), Binding::Module(full.to_string()), span)
                            }
                            None => {
                                let first = full.split('.').next().unwrap_or(full);
                                self.bind(first, Binding::Module(first.to_string()), span);
                            }
                        }
                    }
                }
                py::Stmt::ImportFrom(import) => {
                    let relative = import.level.is_some_and(|level| level.to_u32() > 0);
                    for alias in &import.names {
                        let bound = alias.asname.as_ref().unwrap_or(&alias.name).as_str();
                        if bound == "*" {
                            continue;
                        }
                        let binding = match (&import.module, relative) {
                            (Some(module), false) => Binding::ImportedName {
                                module: module.to_string(),
                                name: alias.name.to_string(),
                            },
                            _ => Binding::Opaque,
                        };
                        self.bind(bound, binding, span);
                    }
                }
                py::Stmt::Assign(assign) => {
                    let value = self.lower_expr(&assign.value);
                    for target in &assign.targets {
                        self.bind_target(target, Some(value), span);
                    }
                }
                py::Stmt::AnnAssign(assign) => {
                    let value = assign.value.as_ref().map(|v| self.lower_expr(v));
                    self.bind_target(&assign.target, value, span);
                }
                py::Stmt::AugAssign(assign) => self.bind_target(&assign.target, None, span),
                py::Stmt::ClassDef(class) => self.bind(class.name.as_str(), Binding::Class, span),
                py::Stmt::AsyncFunctionDef(def) => {
                    self.bind(def.name.as_str(), Binding::Opaque, span)
                }
                // Names bound inside other statements (if/for/with/try at module level) are not
                // resolved statically; functions that use them get an `undefined-name` error.
                _ => {}
            }
        }
    }

    fn bind(&mut self, name: &str, binding: Binding, span: Span) {
        self.module.globals.push(GlobalBinding {
            name: name.to_string(),
            binding,
            span,
        });
    }

    fn bind_target(&mut self, target: &py::Expr, value: Option<ExprId>, span: Span) {
        match (target, value) {
            (py::Expr::Name(name), Some(value)) => {
                self.bind(name.id.as_str(), Binding::Value(value), span)
            }
            (py::Expr::Name(name), None) => self.bind(name.id.as_str(), Binding::Opaque, span),
            (py::Expr::Tuple(tuple), _) => {
                for elt in &tuple.elts {
                    self.bind_target(elt, None, span);
                }
            }
            _ => {}
        }
    }

    fn lower_function(&mut self, def: &py::StmtFunctionDef, is_nested: bool) -> FuncId {
        let decorators: Vec<ExprId> = def
            .decorator_list
            .iter()
            .map(|d| self.lower_expr(d))
            .collect();
        let def_span = span_of(def);
        // A decorator's span starts after its `@`, on the same line: CPython's co_firstlineno.
        let start = def
            .decorator_list
            .iter()
            .map(|d| span_of(d).start)
            .min()
            .unwrap_or(def_span.start);
        let first_line = self.source[..start as usize].matches('\n').count() as u32 + 1;
        let name_span = self.find_name_span(def_span, def.name.as_str());
        let args = &def.args;
        let mut unsupported_params = None;
        if let Some(vararg) = &args.vararg {
            unsupported_params = Some(("`*args` parameters", span_of(vararg.as_ref())));
        } else if let Some(kwarg) = &args.kwarg {
            unsupported_params = Some(("`**kwargs` parameters", span_of(kwarg.as_ref())));
        } else if let Some(kwonly) = args.kwonlyargs.first() {
            unsupported_params = Some(("keyword-only parameters", span_of(&kwonly.def)));
        }
        let params = args
            .posonlyargs
            .iter()
            .chain(&args.args)
            .map(|arg| Param {
                name: arg.def.arg.to_string(),
                span: span_of(&arg.def),
                default: arg.default.as_ref().map(|d| self.lower_expr(d)),
            })
            .collect();
        let body = self.lower_block(&def.body);
        let id = FuncId(self.module.functions.len() as u32);
        self.module.functions.push(Function {
            name: def.name.to_string(),
            name_span,
            span: Span::new(start, def_span.end),
            first_line,
            params,
            unsupported_params,
            decorators,
            body,
            is_nested,
            prelude: false,
        });
        id
    }

    /// The span of `name` after the `def` keyword inside `def_span`.
    fn find_name_span(&self, def_span: Span, name: &str) -> Span {
        let text = &self.source[def_span.start as usize..def_span.end as usize];
        let mut search_from = 0;
        while let Some(pos) = text[search_from..].find("def") {
            let after = search_from + pos + 3;
            let rest = &text[after..];
            let trimmed = rest.trim_start();
            if rest.len() != trimmed.len() && trimmed.starts_with(name) {
                let start = def_span.start + (after + rest.len() - trimmed.len()) as u32;
                return Span::new(start, start + name.len() as u32);
            }
            search_from = after;
        }
        def_span
    }

    fn lower_block(&mut self, body: &[py::Stmt]) -> Vec<StmtId> {
        body.iter().map(|s| self.lower_stmt(s)).collect()
    }

    fn push_stmt(&mut self, kind: StmtKind, span: Span) -> StmtId {
        let id = StmtId(self.module.stmts.len() as u32);
        self.module.stmts.push(Stmt { kind, span });
        id
    }

    fn lower_stmt(&mut self, stmt: &py::Stmt) -> StmtId {
        let span = span_of(stmt);
        let kind = match stmt {
            py::Stmt::Expr(e) => StmtKind::Expr(self.lower_expr(&e.value)),
            py::Stmt::Assign(a) => {
                let value = self.lower_expr(&a.value);
                let targets = a.targets.iter().map(|t| self.lower_expr(t)).collect();
                StmtKind::Assign { targets, value }
            }
            py::Stmt::AugAssign(a) => {
                let target = self.lower_expr(&a.target);
                let value = self.lower_expr(&a.value);
                StmtKind::AugAssign {
                    target,
                    op: lower_binop(a.op),
                    value,
                }
            }
            py::Stmt::AnnAssign(a) => {
                let target = self.lower_expr(&a.target);
                let value = a.value.as_ref().map(|v| self.lower_expr(v));
                StmtKind::AnnAssign { target, value }
            }
            py::Stmt::Return(r) => StmtKind::Return(r.value.as_ref().map(|v| self.lower_expr(v))),
            py::Stmt::If(s) => {
                let test = self.lower_expr(&s.test);
                let body = self.lower_block(&s.body);
                let orelse = self.lower_block(&s.orelse);
                StmtKind::If { test, body, orelse }
            }
            py::Stmt::While(s) => {
                let test = self.lower_expr(&s.test);
                let body = self.lower_block(&s.body);
                let orelse = self.lower_block(&s.orelse);
                StmtKind::While { test, body, orelse }
            }
            py::Stmt::For(s) => {
                let target = self.lower_expr(&s.target);
                let iter = self.lower_expr(&s.iter);
                let body = self.lower_block(&s.body);
                let orelse = self.lower_block(&s.orelse);
                StmtKind::For {
                    target,
                    iter,
                    body,
                    orelse,
                }
            }
            py::Stmt::Break(_) => StmtKind::Break,
            py::Stmt::Continue(_) => StmtKind::Continue,
            py::Stmt::Pass(_) => StmtKind::Pass,
            py::Stmt::Raise(r) if r.cause.is_none() => StmtKind::Raise {
                exc: r.exc.as_ref().map(|e| self.lower_expr(e)),
            },
            py::Stmt::Raise(_) => StmtKind::Unsupported("`raise ... from ...`"),
            py::Stmt::Assert(a) => {
                let test = self.lower_expr(&a.test);
                let msg = a.msg.as_ref().map(|m| self.lower_expr(m));
                StmtKind::Assert { test, msg }
            }
            py::Stmt::FunctionDef(def) => {
                self.lower_function(def, true);
                StmtKind::Unsupported("a nested function (closure)")
            }
            py::Stmt::AsyncFunctionDef(_) => StmtKind::Unsupported("an async function"),
            py::Stmt::ClassDef(_) => StmtKind::Unsupported("a class definition"),
            py::Stmt::Delete(_) => StmtKind::Unsupported("`del`"),
            py::Stmt::TypeAlias(_) => StmtKind::Unsupported("a type alias"),
            py::Stmt::AsyncFor(_) => StmtKind::Unsupported("`async for`"),
            py::Stmt::With(_) | py::Stmt::AsyncWith(_) => {
                StmtKind::Unsupported("a `with` statement")
            }
            py::Stmt::Match(_) => StmtKind::Unsupported("a `match` statement"),
            py::Stmt::Try(_) | py::Stmt::TryStar(_) => StmtKind::Unsupported("try/except"),
            py::Stmt::Import(_) | py::Stmt::ImportFrom(_) => {
                StmtKind::Unsupported("an import inside a function")
            }
            py::Stmt::Global(_) => StmtKind::Unsupported("a `global` declaration"),
            py::Stmt::Nonlocal(_) => StmtKind::Unsupported("a `nonlocal` declaration"),
        };
        self.push_stmt(kind, span)
    }

    fn push_expr(&mut self, kind: ExprKind, span: Span) -> ExprId {
        let id = ExprId(self.module.exprs.len() as u32);
        self.module.exprs.push(Expr { kind, span });
        id
    }

    fn lower_exprs(&mut self, exprs: &[py::Expr]) -> Vec<ExprId> {
        exprs.iter().map(|e| self.lower_expr(e)).collect()
    }

    fn lower_opt(&mut self, expr: &Option<Box<py::Expr>>) -> Option<ExprId> {
        expr.as_ref().map(|e| self.lower_expr(e))
    }

    fn lower_expr(&mut self, expr: &py::Expr) -> ExprId {
        let span = span_of(expr);
        let kind = match expr {
            py::Expr::Name(n) => ExprKind::Name(n.id.to_string()),
            py::Expr::Constant(c) => lower_constant(&c.value),
            py::Expr::BinOp(b) => {
                let lhs = self.lower_expr(&b.left);
                let rhs = self.lower_expr(&b.right);
                ExprKind::Binary {
                    op: lower_binop(b.op),
                    lhs,
                    rhs,
                }
            }
            py::Expr::UnaryOp(u) => {
                let operand = self.lower_expr(&u.operand);
                let op = match u.op {
                    py::UnaryOp::Not => UnaryOp::Not,
                    py::UnaryOp::USub => UnaryOp::Neg,
                    py::UnaryOp::UAdd => UnaryOp::Pos,
                    py::UnaryOp::Invert => UnaryOp::Invert,
                };
                ExprKind::Unary { op, operand }
            }
            py::Expr::BoolOp(b) => {
                let op = match b.op {
                    py::BoolOp::And => BoolOp::And,
                    py::BoolOp::Or => BoolOp::Or,
                };
                ExprKind::BoolOp {
                    op,
                    values: self.lower_exprs(&b.values),
                }
            }
            py::Expr::Compare(c) => {
                let left = self.lower_expr(&c.left);
                let ops = c.ops.iter().map(|op| lower_cmpop(*op)).collect();
                ExprKind::Compare {
                    left,
                    ops,
                    comparators: self.lower_exprs(&c.comparators),
                }
            }
            py::Expr::Call(c) => {
                let func = self.lower_expr(&c.func);
                if c.args.iter().any(|a| matches!(a, py::Expr::Starred(_))) {
                    ExprKind::Unsupported("`*args` in a call")
                } else if c.keywords.iter().any(|k| k.arg.is_none()) {
                    ExprKind::Unsupported("`**kwargs` in a call")
                } else {
                    let args = self.lower_exprs(&c.args);
                    let keywords = c
                        .keywords
                        .iter()
                        .map(|k| Keyword {
                            name: k.arg.as_ref().map(|a| a.to_string()).unwrap_or_default(),
                            value: self.lower_expr(&k.value),
                            span: span_of(k),
                        })
                        .collect();
                    ExprKind::Call {
                        func,
                        args,
                        keywords,
                    }
                }
            }
            py::Expr::Attribute(a) => {
                let value = self.lower_expr(&a.value);
                ExprKind::Attribute {
                    value,
                    attr: a.attr.to_string(),
                }
            }
            py::Expr::Subscript(s) => {
                let value = self.lower_expr(&s.value);
                let index = self.lower_expr(&s.slice);
                ExprKind::Subscript { value, index }
            }
            py::Expr::Slice(s) => ExprKind::Slice {
                lower: self.lower_opt(&s.lower),
                upper: self.lower_opt(&s.upper),
                step: self.lower_opt(&s.step),
            },
            py::Expr::Tuple(t) => ExprKind::Tuple(self.lower_exprs(&t.elts)),
            py::Expr::List(l) => ExprKind::List(self.lower_exprs(&l.elts)),
            py::Expr::IfExp(i) => {
                let test = self.lower_expr(&i.test);
                let body = self.lower_expr(&i.body);
                let orelse = self.lower_expr(&i.orelse);
                ExprKind::IfExp { test, body, orelse }
            }
            py::Expr::Lambda(_) => ExprKind::Unsupported("a lambda"),
            py::Expr::NamedExpr(_) => ExprKind::Unsupported("an assignment expression (`:=`)"),
            py::Expr::Dict(_) => ExprKind::Unsupported("a dict"),
            py::Expr::Set(_) => ExprKind::Unsupported("a set"),
            py::Expr::ListComp(_) => ExprKind::Unsupported("a list comprehension"),
            py::Expr::SetComp(_) => ExprKind::Unsupported("a set comprehension"),
            py::Expr::DictComp(_) => ExprKind::Unsupported("a dict comprehension"),
            py::Expr::GeneratorExp(_) => ExprKind::Unsupported("a generator expression"),
            py::Expr::Await(_) => ExprKind::Unsupported("`await`"),
            py::Expr::Yield(_) | py::Expr::YieldFrom(_) => {
                ExprKind::Unsupported("a generator (`yield`)")
            }
            py::Expr::FormattedValue(_) | py::Expr::JoinedStr(_) => {
                ExprKind::Unsupported("an f-string")
            }
            py::Expr::Starred(_) => ExprKind::Unsupported("a starred expression"),
        };
        self.push_expr(kind, span)
    }
}

fn lower_constant(value: &py::Constant) -> ExprKind {
    match value {
        py::Constant::None => ExprKind::None,
        py::Constant::Bool(b) => ExprKind::Bool(*b),
        py::Constant::Str(s) => ExprKind::Str(s.clone()),
        py::Constant::Bytes(_) => ExprKind::Unsupported("a bytes literal"),
        py::Constant::Int(i) => match i.to_string().parse::<i128>() {
            Ok(v) if v >= i128::from(i64::MIN) && v <= i128::from(u64::MAX) => ExprKind::Int(v),
            _ => ExprKind::Unsupported("an integer literal wider than 64 bits"),
        },
        py::Constant::Tuple(_) => ExprKind::Unsupported("a constant tuple"),
        py::Constant::Float(f) => ExprKind::Float(*f),
        py::Constant::Complex { imag, .. } => ExprKind::Imaginary(*imag),
        py::Constant::Ellipsis => ExprKind::Ellipsis,
    }
}

fn lower_binop(op: py::Operator) -> BinOp {
    match op {
        py::Operator::Add => BinOp::Add,
        py::Operator::Sub => BinOp::Sub,
        py::Operator::Mult => BinOp::Mul,
        py::Operator::MatMult => BinOp::MatMul,
        py::Operator::Div => BinOp::Div,
        py::Operator::Mod => BinOp::Mod,
        py::Operator::Pow => BinOp::Pow,
        py::Operator::LShift => BinOp::LShift,
        py::Operator::RShift => BinOp::RShift,
        py::Operator::BitOr => BinOp::BitOr,
        py::Operator::BitXor => BinOp::BitXor,
        py::Operator::BitAnd => BinOp::BitAnd,
        py::Operator::FloorDiv => BinOp::FloorDiv,
    }
}

fn lower_cmpop(op: py::CmpOp) -> CmpOp {
    match op {
        py::CmpOp::Eq => CmpOp::Eq,
        py::CmpOp::NotEq => CmpOp::NotEq,
        py::CmpOp::Lt => CmpOp::Lt,
        py::CmpOp::LtE => CmpOp::LtE,
        py::CmpOp::Gt => CmpOp::Gt,
        py::CmpOp::GtE => CmpOp::GtE,
        py::CmpOp::Is => CmpOp::Is,
        py::CmpOp::IsNot => CmpOp::IsNot,
        py::CmpOp::In => CmpOp::In,
        py::CmpOp::NotIn => CmpOp::NotIn,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowers_functions_and_globals() {
        let src = "import numpy as np\nfrom math import sqrt\nN = 3\n\n@cc.export('f', 'f8(f8)')\ndef f(x):\n    return sqrt(x) + N\n";
        let mut m = parse_module(src, "m.py").expect("parses");
        assert_eq!(m.functions.len(), 1);
        add_prelude(&mut m);
        // The user's functions come first; the prelude's follow, marked and offset.
        assert_eq!(m.functions.iter().filter(|f| !f.prelude).count(), 1);
        assert!(m.functions[1..].iter().all(|f| f.prelude));
        assert!(m.functions[1..]
            .iter()
            .all(|f| f.name_span.start >= PRELUDE_BASE));
        assert!(m.prelude_globals.iter().any(|g| g.name == "np"));
        assert!(m.global("_LN2").is_none());
        let f = &m.functions[0];
        assert_eq!(f.name, "f");
        assert_eq!(f.first_line, 5);
        assert_eq!(
            &src[f.name_span.start as usize..f.name_span.end as usize],
            "f"
        );
        assert_eq!(
            m.global("np").map(|g| &g.binding),
            Some(&Binding::Module("numpy".into()))
        );
        assert!(matches!(
            m.global("N").map(|g| &g.binding),
            Some(Binding::Value(_))
        ));
        assert!(matches!(
            m.global("f").map(|g| &g.binding),
            Some(Binding::Function(_))
        ));
    }

    #[test]
    fn syntax_error_is_a_diagnostic() {
        let err = parse_module("def f(:\n  pass\n", "m.py").expect_err("fails");
        assert_eq!(err.code, "syntax-error");
    }

    #[test]
    fn unsupported_constructs_become_nodes() {
        let m = parse_module(
            "def f(x):\n    g = lambda y: y\n    return [i for i in x]\n",
            "m.py",
        )
        .expect("parses");
        assert!(m
            .exprs
            .iter()
            .any(|e| e.kind == ExprKind::Unsupported("a lambda")));
        assert!(m
            .exprs
            .iter()
            .any(|e| e.kind == ExprKind::Unsupported("a list comprehension")));
    }

    #[test]
    fn the_last_binding_of_a_global_wins() {
        // pycc compiles after the module ran, so a global's value is its last one.
        let m = parse_module("N = 1\nN = 2\nM = 0\nM += 1\n", "m.py").expect("parses");
        let Some(Binding::Value(v)) = m.global("N").map(|g| &g.binding) else {
            panic!("N is a value")
        };
        assert_eq!(m.expr(*v).kind, ExprKind::Int(2));
        assert_eq!(m.global("M").map(|g| &g.binding), Some(&Binding::Opaque));
    }
}
