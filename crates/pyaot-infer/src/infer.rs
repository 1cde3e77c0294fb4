//! The inference pass. Each instance is typed by walking its body repeatedly until the types of
//! its locals stop changing (a local's type is the unification of everything assigned to it),
//! then once more to record types and report errors. Calls of module functions instantiate them
//! for the argument types at the call site.

use std::collections::{HashMap, HashSet};

use pyaot_diagnostics::{Diagnostic, Span};
use pyaot_syntax::{
    BinOp, Binding, BoolOp, CmpOp, ExprId, ExprKind, FuncId, Function, Keyword, Module, StmtId,
    StmtKind, UnaryOp,
};
use pyaot_types::{Layout, Scalar, Type};

use crate::consts::{eval_const, module_const};
use crate::rules::{
    binary_scalar, can_convert, is_weak, numpy_binary, numpy_common, numpy_promote, promote, unify,
    Operand,
};
use crate::{
    ArrayAttr, Builtin, Callee, ComplexAttr, Const, Creation, Fill, Instance, InstanceId, Iterable,
    Local, LocalId, MathFn, NameRes, NpFn, Program, Reduction, RootRequest, ShapeOp,
};

/// Types every root and every instance reachable from them. Diagnostics are reported only for
/// reachable instances.
pub fn infer_program(module: &Module, roots: &[RootRequest]) -> (Program, Vec<Diagnostic>) {
    let mut builder = Builder {
        module,
        instances: Vec::new(),
        keys: HashMap::new(),
        partial_ret: HashMap::new(),
    };
    let mut root_ids = Vec::new();
    let mut diagnostics = Vec::new();
    for root in roots {
        let func = module.function(root.func);
        let span = root.signature_span.unwrap_or(func.name_span);
        if let Some((what, at)) = func.unsupported_params {
            diagnostics.push(Diagnostic::error(
                "unsupported-syntax",
                format!("{what} are not supported"),
                at,
            ));
            continue;
        }
        if func.params.len() != root.signature.args.len() {
            diagnostics.push(
                Diagnostic::error(
                    "signature-mismatch",
                    format!(
                        "the signature declares {} argument(s) but `{}` takes {}",
                        root.signature.args.len(),
                        func.name,
                        func.params.len()
                    ),
                    span,
                )
                .with_secondary(func.name_span, format!("`{}` is defined here", func.name)),
            );
            continue;
        }
        let key = InstanceKey {
            func: root.func,
            args: root.signature.args.clone(),
            ret: root.signature.ret.clone(),
        };
        root_ids.push(builder.instantiate(key));
    }
    let reachable = builder.reachable(&root_ids);
    let origins = builder.prelude_origins();
    let mut instances = Vec::new();
    for (i, slot) in builder.instances.into_iter().enumerate() {
        let (instance, diags) = slot.expect("every instance is complete once inference returns");
        if reachable.contains(&InstanceId(i as u32)) {
            let origin = origins.get(&InstanceId(i as u32));
            diagnostics.extend(diags.into_iter().map(|d| match origin {
                Some(&(span, ref name)) if Module::in_prelude(d.span) => {
                    let offset = (d.span.start - pyaot_syntax::PRELUDE_BASE) as usize;
                    let line = pyaot_syntax::PRELUDE[..offset.min(pyaot_syntax::PRELUDE.len())]
                        .matches('\n')
                        .count()
                        + 1;
                    Diagnostic::error(
                        d.code,
                        format!("in pyaot's implementation of `{name}`: {}", d.message),
                        span,
                    )
                    .with_note(format!(
                        "at line {line} of pyaot's NumPy prelude (prelude.py)"
                    ))
                }
                _ => d,
            }));
        }
        instances.push(instance);
    }
    dedup_diagnostics(&mut diagnostics);
    (
        Program {
            instances,
            roots: root_ids,
        },
        diagnostics,
    )
}

fn dedup_diagnostics(diagnostics: &mut Vec<Diagnostic>) {
    let mut seen = HashSet::new();
    diagnostics.retain(|d| seen.insert((d.span.start, d.span.end, d.message.clone())));
    diagnostics.sort_by_key(|d| (d.span.start, d.span.end));
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct InstanceKey {
    func: FuncId,
    args: Vec<Type>,
    ret: Option<Type>,
}

struct Builder<'m> {
    module: &'m Module,
    /// `None` while the instance is being inferred (a recursive call sees it so).
    instances: Vec<Option<(Instance, Vec<Diagnostic>)>>,
    keys: HashMap<InstanceKey, InstanceId>,
    /// The return type found so far of each instance being inferred without a declared one.
    partial_ret: HashMap<InstanceId, Type>,
}

impl<'m> Builder<'m> {
    fn instantiate(&mut self, key: InstanceKey) -> InstanceId {
        if let Some(id) = self.keys.get(&key) {
            return *id;
        }
        let id = InstanceId(self.instances.len() as u32);
        self.instances.push(None);
        self.keys.insert(key.clone(), id);
        let module = self.module;
        let func = module.function(key.func);
        let result = Ctx::new(self, module, func, id, &key).run();
        self.instances[id.0 as usize] = Some(result);
        id
    }

    /// An instance a call of `func` with argument types `args` can use without a new one: one
    /// typed for exactly these arguments (a root with a declared signature included), or, for a
    /// recursive call, the instance being inferred if the arguments convert to its parameters
    /// (as Numba types recursion by the declared signature).
    fn reusable(&self, func: FuncId, args: &[Type]) -> Option<InstanceId> {
        let mut keys: Vec<(&InstanceKey, &InstanceId)> =
            self.keys.iter().filter(|(k, _)| k.func == func).collect();
        keys.sort_by_key(|(_, id)| **id);
        if let Some((_, id)) = keys.iter().find(|(k, _)| k.args == args) {
            return Some(**id);
        }
        keys.iter()
            .find(|(k, id)| {
                self.instances[id.0 as usize].is_none()
                    && k.ret.is_some()
                    && k.args.len() == args.len()
                    && k.args.iter().zip(args).all(|(p, a)| can_convert(a, p))
            })
            .map(|(_, id)| **id)
    }

    /// The return type of an instance, if known (an instance still being inferred knows only a
    /// declared return type).
    fn return_type(&self, id: InstanceId) -> Option<Type> {
        match &self.instances[id.0 as usize] {
            Some((instance, _)) => Some(instance.ret.clone()),
            None => self
                .keys
                .iter()
                .find(|(_, v)| **v == id)
                .and_then(|(k, _)| k.ret.clone())
                .or_else(|| self.partial_ret.get(&id).cloned()),
        }
    }

    /// For each prelude instance, the user's call that needs it (and the prelude function
    /// called there): an error inside the prelude is reported at that call.
    fn prelude_origins(&self) -> HashMap<InstanceId, (Span, String)> {
        let m = self.module;
        let mut origins: HashMap<InstanceId, (Span, String)> = HashMap::new();
        let mut stack = Vec::new();
        for (instance, _) in self.instances.iter().flatten() {
            if m.function(instance.func).prelude {
                continue;
            }
            for (&e, callee) in &instance.calls {
                if let Callee::Function(id) = callee {
                    stack.push((*id, m.expr(e).span, None));
                }
            }
        }
        while let Some((id, span, outer)) = stack.pop() {
            let Some((instance, _)) = &self.instances[id.0 as usize] else {
                continue;
            };
            let func = m.function(instance.func);
            if !func.prelude || origins.contains_key(&id) {
                continue;
            }
            let name = outer.unwrap_or_else(|| func.name.trim_start_matches('_').to_string());
            origins.insert(id, (span, name.clone()));
            for callee in instance.calls.values() {
                if let Callee::Function(next) = callee {
                    stack.push((*next, span, Some(name.clone())));
                }
            }
        }
        origins
    }

    fn reachable(&self, roots: &[InstanceId]) -> HashSet<InstanceId> {
        let mut seen: HashSet<InstanceId> = HashSet::new();
        let mut stack: Vec<InstanceId> = roots.to_vec();
        while let Some(id) = stack.pop() {
            if !seen.insert(id) {
                continue;
            }
            if let Some((instance, _)) = &self.instances[id.0 as usize] {
                for callee in instance.calls.values() {
                    if let Callee::Function(next) = callee {
                        stack.push(*next);
                    }
                }
            }
        }
        seen
    }
}

/// Array methods implemented by prelude functions taking the array first (`_method_NAME`, or
/// else the NumPy function of the same name).
const ARRAY_METHODS: &[&str] = &[
    "var", "std", "cumsum", "cumprod", "sort", "argsort", "dot", "nonzero", "repeat", "trace",
];

const BUILTINS: &[&str] = &[
    "abs",
    "min",
    "max",
    "int",
    "float",
    "bool",
    "complex",
    "len",
    "round",
    "range",
    "divmod",
    "pow",
    "enumerate",
    "zip",
    "sum",
];
/// Python builtins pyaot does not compile, named as such rather than as undefined names.
const PYTHON_BUILTINS: &[&str] = &[
    "any",
    "all",
    "map",
    "filter",
    "sorted",
    "reversed",
    "list",
    "dict",
    "set",
    "tuple",
    "str",
    "print",
    "input",
    "open",
    "iter",
    "next",
    "isinstance",
    "type",
    "hash",
    "id",
    "repr",
    "format",
    "chr",
    "ord",
    "hex",
    "oct",
    "bin",
    "getattr",
    "setattr",
    "hasattr",
    "object",
    "super",
    "vars",
    "locals",
    "globals",
    "eval",
    "exec",
    "callable",
    "frozenset",
    "bytes",
    "bytearray",
    "memoryview",
    "slice",
    "property",
    "staticmethod",
    "classmethod",
];

const EXCEPTIONS: &[&str] = &[
    "Exception",
    "ArithmeticError",
    "AssertionError",
    "FloatingPointError",
    "IndexError",
    "KeyError",
    "LookupError",
    "MemoryError",
    "NotImplementedError",
    "OverflowError",
    "RuntimeError",
    "TypeError",
    "ValueError",
    "ZeroDivisionError",
];

/// What a name or a dotted module path denotes.
#[derive(Debug, Clone, PartialEq)]
enum Sym {
    Local(LocalId),
    Const(Const),
    Module(String),
    ModuleMember { module: String, name: String },
    UserFunc(FuncId),
    Builtin(&'static str),
    Exception(String),
}

struct Ctx<'b, 'm> {
    builder: &'b mut Builder<'m>,
    m: &'m Module,
    func: &'m Function,
    instance: Instance,
    local_ids: HashMap<String, LocalId>,
    local_tys: Vec<Option<Type>>,
    /// Where each local first got its type, for messages about conflicting assignments.
    local_origin: Vec<Span>,
    declared_ret: Option<Type>,
    ret: Option<(Type, Span)>,
    final_pass: bool,
    changed: bool,
    loop_depth: u32,
    diagnostics: Vec<Diagnostic>,
    pub aug_ops: HashMap<StmtId, (Type, Type)>,
    /// For each local, the parameters whose memory it may share (views, rows, reshapes, the
    /// parameter itself passed through a helper): writes through it write those parameters.
    alias_roots: Vec<HashSet<u32>>,
    id: InstanceId,
    /// Locals assigned a NumPy scalar (see `is_strong`).
    strong_locals: HashSet<LocalId>,
}

impl<'b, 'm> Ctx<'b, 'm> {
    fn new(
        builder: &'b mut Builder<'m>,
        m: &'m Module,
        func: &'m Function,
        id: InstanceId,
        key: &InstanceKey,
    ) -> Self {
        let instance = Instance {
            func: key.func,
            symbol: format!("{}__{}", func.name, id.0),
            param_types: key.args.clone(),
            ret: Type::None,
            locals: Vec::new(),
            expr_types: HashMap::new(),
            operand_types: HashMap::new(),
            names: HashMap::new(),
            calls: HashMap::new(),
            array_attrs: HashMap::new(),
            complex_attrs: HashMap::new(),
            written_params: vec![false; key.args.len()],
            uses_arrays: false,
            aug_ops: HashMap::new(),
            raises: HashMap::new(),
            call_args: HashMap::new(),
            const_exprs: HashMap::new(),
            iterables: HashMap::new(),
            static_ifs: HashMap::new(),
            ends_block: HashSet::new(),
            dynamic_tuple_index: HashSet::new(),
        };
        let mut ctx = Ctx {
            builder,
            m,
            func,
            instance,
            local_ids: HashMap::new(),
            local_tys: Vec::new(),
            local_origin: Vec::new(),
            declared_ret: key.ret.clone(),
            ret: None,
            final_pass: false,
            changed: false,
            loop_depth: 0,
            diagnostics: Vec::new(),
            aug_ops: HashMap::new(),
            alias_roots: Vec::new(),
            id,
            strong_locals: HashSet::new(),
        };
        for (param, ty) in func.params.iter().zip(&key.args) {
            let id = ctx.declare_local(&param.name, param.span);
            ctx.local_tys[id.0 as usize] = Some(ty.clone());
        }
        ctx.collect_locals(&func.body);
        ctx
    }

    fn declare_local(&mut self, name: &str, span: Span) -> LocalId {
        if let Some(id) = self.local_ids.get(name) {
            return *id;
        }
        let id = LocalId(self.local_tys.len() as u32);
        self.local_ids.insert(name.to_string(), id);
        self.local_tys.push(None);
        self.local_origin.push(span);
        self.alias_roots.push(HashSet::new());
        self.instance.locals.push(Local {
            name: name.to_string(),
            ty: Type::None,
        });
        id
    }

    /// Every name assigned anywhere in the body is local to the function, as in Python.
    fn collect_locals(&mut self, body: &[StmtId]) {
        for &stmt in body {
            match &self.m.stmt(stmt).kind {
                StmtKind::Assign { targets, .. } => {
                    for &t in targets {
                        self.collect_target(t);
                    }
                }
                StmtKind::AugAssign { target, .. } | StmtKind::AnnAssign { target, .. } => {
                    self.collect_target(*target)
                }
                StmtKind::For {
                    target,
                    body,
                    orelse,
                    ..
                } => {
                    self.collect_target(*target);
                    self.collect_locals(body);
                    self.collect_locals(orelse);
                }
                StmtKind::If { body, orelse, .. } | StmtKind::While { body, orelse, .. } => {
                    self.collect_locals(body);
                    self.collect_locals(orelse);
                }
                _ => {}
            }
        }
    }

    fn collect_target(&mut self, target: ExprId) {
        let expr = self.m.expr(target);
        match &expr.kind {
            ExprKind::Name(name) => {
                self.declare_local(name, expr.span);
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for &item in items {
                    self.collect_target(item);
                }
            }
            _ => {}
        }
    }

    fn run(mut self) -> (Instance, Vec<Diagnostic>) {
        let body = &self.func.body;
        for _ in 0..64 {
            self.changed = false;
            self.ret = None;
            self.block(body);
            if !self.changed {
                break;
            }
        }
        self.final_pass = true;
        self.ret = None;
        self.block(body);
        self.finish_return();
        for (i, ty) in self.local_tys.iter().enumerate() {
            self.instance.locals[i].ty = ty.clone().unwrap_or(Type::None);
        }
        let uses_arrays = self.instance.param_types.iter().any(Type::holds_references)
            || self.instance.ret.holds_references()
            || self.instance.locals.iter().any(|l| l.ty.holds_references())
            || self
                .instance
                .expr_types
                .values()
                .any(Type::holds_references);
        self.instance.uses_arrays = uses_arrays;
        self.instance.aug_ops = std::mem::take(&mut self.aug_ops);
        (self.instance, self.diagnostics)
    }

    fn finish_return(&mut self) {
        let ret = match (&self.declared_ret, &self.ret) {
            (Some(declared), _) => declared.clone(),
            (None, Some((ty, _))) => ty.clone(),
            (None, None) => Type::None,
        };
        if ret != Type::None
            && !block_terminates(self.m, &self.instance.static_ifs, &self.func.body)
        {
            let message = format!(
                "`{}` returns {ret} on some paths but reaches its end without returning a value on others",
                self.func.name
            );
            self.error::<()>(Diagnostic::error("unsupported-type", message, self.func.name_span).with_note(
                "a function that may return None (an optional value) is not supported; add a return at the end",
            ));
        }
        self.instance.ret = ret;
    }

    /// Reports an error (in the final pass only; earlier passes see incomplete types) and
    /// returns `None` so that callers can write `return self.error(...)`.
    fn error<T>(&mut self, diagnostic: Diagnostic) -> Option<T> {
        if self.final_pass {
            self.diagnostics.push(diagnostic);
        }
        None
    }

    fn span(&self, expr: ExprId) -> Span {
        self.m.expr(expr).span
    }

    // ----- statements -----

    fn block(&mut self, body: &[StmtId]) {
        for &stmt in body {
            self.stmt(stmt);
            if let (Some(&taken), StmtKind::If { body, orelse, .. }) =
                (self.instance.static_ifs.get(&stmt), &self.m.stmt(stmt).kind)
            {
                let branch = if taken { body } else { orelse };
                if block_terminates(self.m, &self.instance.static_ifs, branch) {
                    self.instance.ends_block.insert(stmt);
                    break;
                }
            }
        }
    }

    fn stmt(&mut self, id: StmtId) {
        let m = self.m;
        let stmt = m.stmt(id);
        match &stmt.kind {
            StmtKind::Expr(e) => {
                // Docstrings and `...` are no-ops.
                if !matches!(m.expr(*e).kind, ExprKind::Str(_) | ExprKind::Ellipsis) {
                    self.expr(*e);
                }
            }
            StmtKind::Assign { targets, value } => {
                let ty = self.expr(*value);
                if let ([target], Some(ty)) = (targets.as_slice(), &ty) {
                    if let ExprKind::Subscript { value: base, index } = &m.expr(*target).kind {
                        if let Some(Type::Array { .. }) =
                            self.expr_type(*base).or_else(|| self.expr(*base))
                        {
                            if let Some(helper) = self.array_index_helper(*index, Some(ty)) {
                                // `a[mask] = v`: a call of the prelude's mask assignment.
                                if let Some(f) = self.m.prelude_function(helper) {
                                    let args = [*base, *index, *value];
                                    if let Some(t) =
                                        self.user_call(*target, f, &args, &[], stmt.span)
                                    {
                                        self.instance.expr_types.insert(*target, t);
                                    }
                                    self.mark_written(*base);
                                }
                                return;
                            }
                        }
                    }
                }
                for &target in targets {
                    self.assign(target, ty.clone(), m.expr(*value).span);
                    self.record_alias(target, *value);
                    self.record_strong(target, *value);
                }
            }
            StmtKind::AnnAssign { target, value } => {
                if let Some(value) = value {
                    let ty = self.expr(*value);
                    self.assign(*target, ty, m.expr(*value).span);
                    self.record_alias(*target, *value);
                }
            }
            StmtKind::AugAssign { target, op, value } => self.aug_assign(id, *target, *op, *value),
            StmtKind::Return(value) => self.return_stmt(*value, stmt.span),
            StmtKind::If { test, body, orelse } => {
                self.condition(*test);
                match self.static_truth(*test) {
                    Some(taken) => {
                        self.instance.static_ifs.insert(id, taken);
                        self.block(if taken { body } else { orelse });
                    }
                    None => {
                        self.block(body);
                        self.block(orelse);
                    }
                }
            }
            StmtKind::While { test, body, orelse } => {
                self.condition(*test);
                self.loop_depth += 1;
                self.block(body);
                self.loop_depth -= 1;
                self.block(orelse);
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => {
                let item = self.for_iter(*iter);
                self.assign(*target, item, m.expr(*iter).span);
                self.record_alias(*target, *iter);
                if let (Some(Iterable::Array), ExprKind::Name(name)) =
                    (self.instance.iterables.get(iter), &m.expr(*target).kind)
                {
                    // The items of an array are NumPy scalars.
                    if let Some(&local) = self.local_ids.get(name) {
                        if self.strong_locals.insert(local) {
                            self.changed = true;
                        }
                    }
                }
                self.loop_depth += 1;
                self.block(body);
                self.loop_depth -= 1;
                self.block(orelse);
            }
            StmtKind::Break | StmtKind::Continue | StmtKind::Pass => {}
            StmtKind::Raise { exc } => self.raise_stmt(id, *exc, stmt.span),
            StmtKind::Assert { test, msg } => {
                self.condition(*test);
                if let Some(msg) = msg {
                    if !matches!(m.expr(*msg).kind, ExprKind::Str(_)) {
                        self.error::<()>(Diagnostic::error(
                            "unsupported-syntax",
                            "an assert message must be a string literal",
                            self.span(*msg),
                        ));
                    }
                }
            }
            StmtKind::Unsupported(what) => {
                self.error::<()>(Diagnostic::error(
                    "unsupported-syntax",
                    format!("{what} is not supported in compiled functions"),
                    stmt.span,
                ));
            }
        }
    }

    /// The value of a test that the types alone decide: `x is None`, `x is not None`.
    fn static_truth(&self, test: ExprId) -> Option<bool> {
        if let Some(Const::Bool(b)) = self.instance.const_exprs.get(&test) {
            return Some(*b);
        }
        match &self.m.expr(test).kind {
            ExprKind::BoolOp { op, values } => {
                // `or` is decided by any part the types make true, `and` by any false one.
                let decisive = *op == BoolOp::Or;
                let mut all_known = true;
                for &v in values {
                    match self.static_truth(v) {
                        Some(t) if t == decisive => return Some(decisive),
                        Some(_) => {}
                        None => all_known = false,
                    }
                }
                return all_known.then_some(!decisive);
            }
            ExprKind::Unary {
                op: UnaryOp::Not,
                operand,
            } => return self.static_truth(*operand).map(|t| !t),
            _ => {}
        }
        let ExprKind::Compare {
            left,
            ops,
            comparators,
        } = &self.m.expr(test).kind
        else {
            return None;
        };
        let (&[op], &[right]) = (ops.as_slice(), comparators.as_slice()) else {
            return None;
        };
        if let (Some(l), Some(r)) = (self.static_int(*left), self.static_int(right)) {
            return match op {
                CmpOp::Eq => Some(l == r),
                CmpOp::NotEq => Some(l != r),
                CmpOp::Lt => Some(l < r),
                CmpOp::LtE => Some(l <= r),
                CmpOp::Gt => Some(l > r),
                CmpOp::GtE => Some(l >= r),
                _ => None,
            };
        }
        if !matches!(op, CmpOp::Is | CmpOp::IsNot) {
            return None;
        }
        let (l, r) = (self.expr_type(*left)?, self.expr_type(right)?);
        let same = (l == Type::None) == (r == Type::None);
        Some(same == (op == CmpOp::Is))
    }

    /// The prelude function behind indexing with an array: a boolean mask or integer indices
    /// (reads), or a mask assigned `value` (writes).
    fn array_index_helper(&mut self, index: ExprId, value: Option<&Type>) -> Option<&'static str> {
        if matches!(
            self.m.expr(index).kind,
            ExprKind::Tuple(_) | ExprKind::Slice { .. } | ExprKind::Ellipsis | ExprKind::None
        ) || self.is_symbol_path(index)
        {
            return None;
        }
        let Some(Type::Array { dtype, .. }) = self.expr(index) else {
            return None;
        };
        Some(match (dtype.is_bool(), value) {
            (true, None) => "_mask_get",
            (false, None) => "_take",
            (true, Some(Type::Array { .. })) => "_mask_set_array",
            (true, Some(_)) => "_mask_set_scalar",
            (false, Some(_)) => return None,
        })
    }

    /// The prelude function behind `a[:, arr]`, `a[arr, :]`, `a[arr, k]` and `a[k, arr]` on a
    /// 2-d array, with its operands after the array (`arr` a boolean mask or integer indices).
    fn mixed_index_helper(&mut self, index: ExprId) -> Option<(&'static str, Vec<ExprId>)> {
        let ExprKind::Tuple(items) = &self.m.expr(index).kind else {
            return None;
        };
        let &[first, second] = items.as_slice() else {
            return None;
        };
        let full = |m: &Module, x: ExprId| {
            matches!(
                m.expr(x).kind,
                ExprKind::Slice {
                    lower: None,
                    upper: None,
                    step: None
                }
            )
        };
        let kind_of = |ctx: &mut Self, x: ExprId| -> Option<Option<bool>> {
            // Some(Some(is_mask)) for an index array, Some(None) for an integer, None otherwise.
            if matches!(
                ctx.m.expr(x).kind,
                ExprKind::Slice { .. } | ExprKind::Ellipsis | ExprKind::None
            ) || ctx.is_symbol_path(x) && ctx.is_none_index(x)
            {
                return None;
            }
            match ctx.expr(x)? {
                Type::Array { dtype, ndim: 1, .. } => Some(Some(dtype.is_bool())),
                Type::Scalar(s) if s.is_int() => Some(None),
                _ => None,
            }
        };
        let m = self.m;
        let helper = if full(m, first) {
            match kind_of(self, second)? {
                Some(true) => ("_mask_cols", vec![second]),
                Some(false) => ("_take_cols", vec![second]),
                None => return None,
            }
        } else if full(m, second) {
            match kind_of(self, first)? {
                Some(true) => ("_mask_get", vec![first]),
                Some(false) => ("_take", vec![first]),
                None => return None,
            }
        } else {
            match (kind_of(self, first)?, kind_of(self, second)?) {
                (Some(mask), None) => (
                    if mask {
                        "_mask_rows_at"
                    } else {
                        "_take_rows_at"
                    },
                    vec![first, second],
                ),
                (None, Some(mask)) => (
                    if mask {
                        "_mask_cols_at"
                    } else {
                        "_take_cols_at"
                    },
                    vec![first, second],
                ),
                _ => return None,
            }
        };
        self.instance.expr_types.insert(index, Type::None);
        for &i in items {
            if full(m, i) {
                self.instance.expr_types.insert(i, Type::None);
            }
        }
        Some(helper)
    }

    /// True if `e` is a NumPy scalar (strong in NEP 50 promotion): an array's element, a
    /// reduction, a NumPy function of scalars, `np.float64(x)`, or arithmetic involving one; a
    /// local holding one.
    fn is_strong(&self, e: ExprId) -> bool {
        let m = self.m;
        if self.instance.const_exprs.contains_key(&e) {
            return false;
        }
        match &m.expr(e).kind {
            ExprKind::Name(name) => self
                .local_ids
                .get(name)
                .is_some_and(|l| self.strong_locals.contains(l)),
            ExprKind::Subscript { value, .. } => {
                matches!(self.expr_type(*value), Some(Type::Array { .. }))
                    && matches!(self.expr_type(e), Some(Type::Scalar(_)))
            }
            ExprKind::Binary { lhs, rhs, .. } => self.is_strong(*lhs) || self.is_strong(*rhs),
            ExprKind::Unary { operand, .. } => self.is_strong(*operand),
            ExprKind::IfExp { body, orelse, .. } => {
                self.is_strong(*body) || self.is_strong(*orelse)
            }
            ExprKind::Attribute { value, .. } => self.is_strong(*value),
            ExprKind::Call { func, .. } => match self.instance.calls.get(&e) {
                Some(
                    Callee::Reduce(_)
                    | Callee::ReduceAxis { .. }
                    | Callee::Cast(_)
                    | Callee::Elementwise(_),
                ) => true,
                Some(Callee::Math(_)) => {
                    // np.sqrt(2.0) is a NumPy scalar; math.sqrt(2.0) a Python float.
                    let mut root = *func;
                    while let ExprKind::Attribute { value, .. } = &m.expr(root).kind {
                        root = *value;
                    }
                    matches!(&m.expr(root).kind, ExprKind::Name(n)
                        if matches!(m.global_for(self.func, n).map(|g| &g.binding),
                            Some(Binding::Module(module)) if module == "numpy"))
                }
                _ => false,
            },
            _ => false,
        }
    }

    /// `None` or `np.newaxis` in an index.
    fn is_none_index(&mut self, i: ExprId) -> bool {
        match &self.m.expr(i).kind {
            ExprKind::None => true,
            ExprKind::Name(_) | ExprKind::Attribute { .. } if self.is_symbol_path(i) => {
                if let Some(Sym::Const(Const::None)) = self.symbol(i) {
                    self.instance.names.insert(i, NameRes::Const(Const::None));
                    true
                } else {
                    false
                }
            }
            _ => false,
        }
    }

    /// Notes that the function writes into the array `e` names (a parameter must then be a
    /// writeable array).
    fn mark_written(&mut self, e: ExprId) {
        for p in self.param_roots(e) {
            if let Some(w) = self.instance.written_params.get_mut(p as usize) {
                *w = true;
            }
        }
    }

    /// The parameters whose memory the value of `e` may share.
    fn param_roots(&self, e: ExprId) -> HashSet<u32> {
        let m = self.m;
        let mut roots = HashSet::new();
        match &m.expr(e).kind {
            ExprKind::Name(name) => {
                if let Some(&local) = self.local_ids.get(name) {
                    if (local.0 as usize) < self.instance.param_types.len() {
                        roots.insert(local.0);
                    }
                    roots.extend(self.alias_roots[local.0 as usize].iter().copied());
                }
            }
            ExprKind::Subscript { value, .. } | ExprKind::Attribute { value, .. } => {
                roots = self.param_roots(*value);
            }
            ExprKind::IfExp { body, orelse, .. } => {
                roots = self.param_roots(*body);
                roots.extend(self.param_roots(*orelse));
            }
            ExprKind::Tuple(items) => {
                for &i in items {
                    roots.extend(self.param_roots(i));
                }
            }
            ExprKind::Call { func, args, .. } => {
                let aliasing = match self.instance.calls.get(&e) {
                    Some(Callee::Shape(_)) => true,
                    Some(Callee::Elementwise(NpFn::Real | NpFn::Imag)) => true,
                    // A helper may return (a view of) an argument.
                    Some(Callee::Function(id)) => self
                        .builder
                        .instances
                        .get(id.0 as usize)
                        .and_then(|i| i.as_ref())
                        .is_none_or(|(inst, _)| !m.function(inst.func).prelude),
                    // enumerate(a), zip(a, b): their items are rows of the arrays.
                    None => {
                        matches!(&m.expr(*func).kind, ExprKind::Name(n) if n == "enumerate" || n == "zip")
                    }
                    _ => false,
                };
                if aliasing {
                    let operands = self
                        .instance
                        .call_args
                        .get(&e)
                        .cloned()
                        .unwrap_or_else(|| args.clone());
                    for a in operands {
                        roots.extend(self.param_roots(a));
                    }
                    if let ExprKind::Attribute { value, .. } = &m.expr(*func).kind {
                        roots.extend(self.param_roots(*value));
                    }
                }
            }
            _ => {}
        }
        roots
    }

    /// After `name = value`: the local holds a NumPy scalar if `value` is one.
    fn record_strong(&mut self, target: ExprId, value: ExprId) {
        if let ExprKind::Name(name) = &self.m.expr(target).kind {
            if let Some(&local) = self.local_ids.get(name) {
                if self.is_strong(value) && self.strong_locals.insert(local) {
                    self.changed = true;
                }
            }
        }
    }

    /// After `target = value`: the names in `target` may share the memory of `value`'s roots.
    fn record_alias(&mut self, target: ExprId, value: ExprId) {
        let roots = self.param_roots(value);
        if roots.is_empty() {
            return;
        }
        let mut names = Vec::new();
        collect_names(self.m, target, &mut names);
        for name in names {
            if let Some(&local) = self.local_ids.get(&name) {
                let set = &mut self.alias_roots[local.0 as usize];
                let before = set.len();
                set.extend(roots.iter().copied());
                if set.len() != before {
                    self.changed = true;
                }
            }
        }
    }

    /// An integer the types fix: a literal, or an array's `.ndim`.
    fn static_int(&self, e: ExprId) -> Option<i64> {
        match &self.m.expr(e).kind {
            ExprKind::Int(v) => i64::try_from(*v).ok(),
            ExprKind::Attribute { value, attr } if attr == "ndim" => {
                match self.expr_type(*value)? {
                    Type::Array { ndim, .. } => Some(i64::from(ndim)),
                    _ => None,
                }
            }
            ExprKind::Call { func, args, .. }
                if args.len() == 1
                    && matches!(&self.m.expr(*func).kind, ExprKind::Name(n) if n == "len") =>
            {
                match self.expr_type(args[0])? {
                    Type::Tuple(items) => Some(items.len() as i64),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    fn return_stmt(&mut self, value: Option<ExprId>, span: Span) {
        let (ty, at) = match value {
            Some(v) => (self.expr(v), self.span(v)),
            None => (Some(Type::None), span),
        };
        let Some(ty) = ty else { return };
        if let Some(declared) = self.declared_ret.clone() {
            if !can_convert(&ty, &declared) {
                self.error::<()>(
                    Diagnostic::error(
                        "type-mismatch",
                        format!("cannot return {ty} from a function declared to return {declared}"),
                        at,
                    )
                    .with_label(format!("this is {ty}")),
                );
            }
            return;
        }
        if let Some(p) = self.builder.partial_ret.get(&self.id) {
            if let Some(u) = unify(p, &ty) {
                if &u != p {
                    self.changed = true;
                }
                self.builder.partial_ret.insert(self.id, u);
            }
        } else {
            // Recursive calls inside this instance see the return type found so far (the base
            // case comes first), as Numba types recursion.
            self.builder.partial_ret.insert(self.id, ty.clone());
            self.changed = true;
        }
        match self.ret.clone() {
            None => self.ret = Some((ty, at)),
            Some((prev, prev_at)) => match unify(&prev, &ty) {
                Some(u) => self.ret = Some((u, prev_at)),
                None => {
                    self.error::<()>(
                        Diagnostic::error(
                            "type-mismatch",
                            format!("this returns {ty}, but another return gives {prev}"),
                            at,
                        )
                        .with_label(format!("this is {ty}"))
                        .with_secondary(prev_at, format!("this is {prev}")),
                    );
                }
            },
        }
    }

    fn raise_stmt(&mut self, id: StmtId, exc: Option<ExprId>, span: Span) {
        let m = self.m;
        let Some(exc) = exc else {
            self.error::<()>(Diagnostic::error(
                "unsupported-syntax",
                "a bare `raise` (re-raise) is not supported",
                span,
            ));
            return;
        };
        let (class_expr, args): (ExprId, &[ExprId]) = match &m.expr(exc).kind {
            ExprKind::Call {
                func,
                args,
                keywords,
            } if keywords.is_empty() => (*func, args),
            _ => (exc, &[]),
        };
        let class = match self.symbol(class_expr) {
            Some(Sym::Exception(name)) => name,
            Some(_) => {
                self.error::<()>(Diagnostic::error(
                    "unsupported-syntax",
                    "only builtin exception classes can be raised",
                    self.span(class_expr),
                ));
                return;
            }
            None => return,
        };
        let message = match args {
            [] => None,
            [arg] => match &m.expr(*arg).kind {
                ExprKind::Str(s) => Some(s.clone()),
                _ => {
                    self.error::<()>(Diagnostic::error(
                        "unsupported-syntax",
                        "an exception message must be a string literal",
                        self.span(*arg),
                    ));
                    return;
                }
            },
            _ => {
                self.error::<()>(Diagnostic::error(
                    "unsupported-syntax",
                    "an exception takes at most one argument (a string literal)",
                    span,
                ));
                return;
            }
        };
        self.instance.raises.insert(id, (class, message));
    }

    fn condition(&mut self, test: ExprId) {
        let Some(ty) = self.expr(test) else { return };
        match ty {
            Type::Scalar(_) => {}
            other => {
                self.error::<()>(Diagnostic::error(
                    "type-mismatch",
                    format!("the truth value of {other} is ambiguous here; a condition must be a number or a bool"),
                    self.span(test),
                ));
            }
        }
    }

    /// The type of the loop variable of `for ... in <iter>`.
    fn for_iter(&mut self, iter: ExprId) -> Option<Type> {
        let m = self.m;
        if let ExprKind::Call {
            func,
            args,
            keywords,
        } = &m.expr(iter).kind
        {
            if self.symbol(*func) == Some(Sym::Builtin("range")) {
                if !keywords.is_empty() || args.is_empty() || args.len() > 3 {
                    return self.error(Diagnostic::error(
                        "type-mismatch",
                        "range() takes 1 to 3 positional integer arguments",
                        self.span(iter),
                    ));
                }
                let mut all_ok = true;
                for &arg in args {
                    match self.expr(arg) {
                        Some(Type::Scalar(s)) if s.is_int() || s.is_bool() => {}
                        Some(other) => {
                            all_ok = false;
                            self.error::<()>(Diagnostic::error(
                                "type-mismatch",
                                format!("range() arguments must be integers, found {other}"),
                                self.span(arg),
                            ));
                        }
                        None => all_ok = false,
                    }
                }
                self.instance.calls.insert(iter, Callee::Range);
                self.instance.expr_types.insert(iter, Type::I64);
                self.instance.iterables.insert(iter, Iterable::Range);
                return all_ok.then_some(Type::I64);
            }
            let name = match self.symbol(*func) {
                Some(Sym::Builtin(b)) => Some(b),
                Some(Sym::ModuleMember { module, name })
                    if module == "numpy" && name == "ndindex" =>
                {
                    Some("ndindex")
                }
                _ => None,
            };
            match name {
                Some("enumerate") | Some("zip") if !keywords.is_empty() => {
                    return self.error(Diagnostic::error(
                        "unsupported-syntax",
                        "keyword arguments of enumerate()/zip() are not supported",
                        self.span(iter),
                    ));
                }
                Some("enumerate") => {
                    let (inner, start) = match args.as_slice() {
                        [inner] => (*inner, None),
                        [inner, start] => (*inner, Some(*start)),
                        _ => {
                            return self.error(Diagnostic::error(
                                "type-mismatch",
                                "enumerate() takes an iterable and an optional start",
                                self.span(iter),
                            ))
                        }
                    };
                    if let Some(start) = start {
                        match self.expr(start)? {
                            Type::Scalar(s) if s.is_int() || s.is_bool() => {}
                            other => return self.unsupported_arg("enumerate()", &other, start),
                        }
                    }
                    let item = self.for_iter(inner)?;
                    self.instance
                        .iterables
                        .insert(iter, Iterable::Enumerate(inner, start));
                    return Some(Type::Tuple(vec![Type::I64, item]));
                }
                Some("zip") => {
                    if args.is_empty() {
                        return self.error(Diagnostic::error(
                            "type-mismatch",
                            "zip() needs at least one iterable",
                            self.span(iter),
                        ));
                    }
                    let items: Vec<Option<Type>> = args.iter().map(|a| self.for_iter(*a)).collect();
                    let items: Vec<Type> = items.into_iter().collect::<Option<_>>()?;
                    self.instance
                        .iterables
                        .insert(iter, Iterable::Zip(args.clone()));
                    return Some(Type::Tuple(items));
                }
                Some("ndindex") => {
                    let mut dims = Vec::new();
                    for &a in args {
                        match self.expr(a)? {
                            Type::Scalar(s) if s.is_int() => dims.push(Type::I64),
                            Type::Tuple(items) if args.len() == 1 && items.iter().all(|t| t.as_scalar().is_some_and(Scalar::is_int)) => {
                                dims.extend(items.iter().map(|_| Type::I64));
                            }
                            other => {
                                return self.error(Diagnostic::error(
                                    "type-mismatch",
                                    format!("np.ndindex() takes a shape (integers or a tuple of integers), found {other}"),
                                    self.span(a),
                                ))
                            }
                        }
                    }
                    if dims.is_empty() {
                        return self.error(Diagnostic::error(
                            "type-mismatch",
                            "np.ndindex() needs a shape",
                            self.span(iter),
                        ));
                    }
                    self.instance
                        .iterables
                        .insert(iter, Iterable::NdIndex(args.clone()));
                    return Some(Type::Tuple(dims));
                }
                _ => {}
            }
        }
        let ty = self.expr(iter)?;
        match ty {
            Type::Array { dtype, ndim: 1, .. } => {
                self.instance.iterables.insert(iter, Iterable::Array);
                Some(Type::Scalar(dtype))
            }
            Type::Array {
                dtype,
                ndim,
                layout,
            } => {
                // The items are views of the rows (sub-arrays along the first axis).
                self.instance.iterables.insert(iter, Iterable::Array);
                let layout = if layout == Layout::C {
                    Layout::C
                } else {
                    Layout::A
                };
                Some(Type::array(dtype, ndim - 1, layout))
            }
            _ => self.error(Diagnostic::error(
                "unsupported-syntax",
                format!("iterating over {ty} is not supported; iterate over range(), a 1-d array, enumerate(), zip() or np.ndindex()"),
                self.span(iter),
            )),
        }
    }

    fn aug_assign(&mut self, id: StmtId, target: ExprId, op: BinOp, value: ExprId) {
        let m = self.m;
        if let ExprKind::Subscript { value: base, index } = &m.expr(target).kind {
            if matches!(self.expr(*base), Some(Type::Array { .. }))
                && self.array_index_helper(*index, None).is_some()
            {
                // `a[mask] op= v` is `a[mask] = a[mask] op v`, as in NumPy.
                let is_mask = matches!(
                    self.expr(*index),
                    Some(Type::Array {
                        dtype: Scalar::Bool,
                        ..
                    })
                );
                let helper = is_mask.then(|| mask_aug_helper(op)).flatten();
                match helper.and_then(|h| self.m.prelude_function(h)) {
                    Some(f) => {
                        let args = [*base, *index, value];
                        let span = self.span(target).cover(self.span(value));
                        if let Some(t) = self.user_call(target, f, &args, &[], span) {
                            self.instance.expr_types.insert(target, t);
                        }
                        self.mark_written(*base);
                    }
                    None => {
                        self.error::<()>(Diagnostic::error(
                            "unsupported-syntax",
                            format!(
                                "`{}=` through an integer-array index is not supported; assign the result instead (`a[i] = a[i] {} v`)",
                                op.symbol(),
                                op.symbol()
                            ),
                            self.span(target),
                        ));
                    }
                }
                return;
            }
        }
        let current = match &m.expr(target).kind {
            ExprKind::Name(_) | ExprKind::Subscript { .. } => self.expr(target),
            _ => {
                return self
                    .error(Diagnostic::error(
                        "unsupported-syntax",
                        "augmented assignment is supported to names and array elements only",
                        self.span(target),
                    ))
                    .unwrap_or(());
            }
        };
        let rhs = self.expr(value);
        let (Some(current), Some(rhs)) = (current, rhs) else {
            return;
        };
        let strong = (self.is_strong(target), self.is_strong(value));
        let Some(result) = self.binary_type(
            op,
            &current,
            &rhs,
            self.span(target).cover(self.span(value)),
            strong,
        ) else {
            return;
        };
        let operand = self.operand_type(op, &current, &rhs, strong);
        self.aug_ops.insert(id, (operand, result.clone()));
        if let (Type::Array { dtype: have, .. }, Type::Array { dtype: want, .. }) =
            (&current, &result)
        {
            // `a += b` on an array works in place: the result must fit the array's dtype.
            if have != want {
                self.error::<()>(Diagnostic::error(
                    "type-mismatch",
                    format!(
                        "cannot store the {want} result of `{}=` in place into {current}",
                        op.symbol()
                    ),
                    self.span(target).cover(self.span(value)),
                ));
                return;
            }
            let base = match &m.expr(target).kind {
                ExprKind::Subscript { value, .. } => *value,
                _ => target,
            };
            self.mark_written(base);
            return;
        }
        match &m.expr(target).kind {
            ExprKind::Name(_) => self.assign(target, Some(result), self.span(value)),
            _ => self.store_check(target, &result),
        }
    }

    /// Assigns a value of type `ty` (unknown: `None`) to an assignment target.
    fn assign(&mut self, target: ExprId, ty: Option<Type>, origin: Span) {
        let m = self.m;
        let expr = m.expr(target);
        match &expr.kind {
            ExprKind::Name(name) => {
                let Some(&local) = self.local_ids.get(name) else {
                    return;
                };
                self.instance.names.insert(target, NameRes::Local(local));
                let Some(ty) = ty else { return };
                if let Type::Scalar(_) | Type::Array { .. } | Type::Tuple(_) = ty {
                } else {
                    self.error::<()>(Diagnostic::error(
                        "unsupported-type",
                        format!("a variable cannot hold {ty}"),
                        origin,
                    ));
                    return;
                }
                let slot = local.0 as usize;
                match self.local_tys[slot].clone() {
                    None => {
                        self.local_tys[slot] = Some(ty.clone());
                        self.local_origin[slot] = origin;
                        self.changed = true;
                        self.instance.expr_types.insert(target, ty);
                    }
                    Some(prev) => match unify(&prev, &ty) {
                        Some(u) => {
                            if u != prev {
                                self.local_tys[slot] = Some(u.clone());
                                self.changed = true;
                            }
                            self.instance.expr_types.insert(target, u);
                        }
                        None => {
                            let first = self.local_origin[slot];
                            self.error::<()>(
                                Diagnostic::error(
                                    "type-mismatch",
                                    format!("`{name}` is assigned {ty} here, but it holds {prev} elsewhere"),
                                    origin,
                                )
                                .with_label(format!("this is {ty}"))
                                .with_secondary(first, format!("`{name}` gets {prev} here")),
                            );
                        }
                    },
                }
            }
            ExprKind::Subscript { .. } => {
                if let Some(ty) = ty {
                    self.store_check(target, &ty);
                } else {
                    self.expr(target);
                }
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                match ty {
                    Some(Type::Tuple(tys)) if tys.len() == items.len() => {
                        for (&item, ty) in items.iter().zip(tys) {
                            self.assign(item, Some(ty), origin);
                        }
                    }
                    Some(other) => {
                        self.error::<()>(Diagnostic::error(
                            "type-mismatch",
                            format!("cannot unpack {other} into {} targets", items.len()),
                            origin,
                        ));
                    }
                    None => {
                        for &item in items {
                            self.assign(item, None, origin);
                        }
                    }
                }
                self.instance.expr_types.insert(target, Type::None);
            }
            _ => {
                self.error::<()>(Diagnostic::error(
                    "unsupported-syntax",
                    "this assignment target is not supported",
                    expr.span,
                ));
            }
        }
    }

    /// Checks a store of `ty` into an array element target `a[i, j]`.
    fn store_check(&mut self, target: ExprId, ty: &Type) {
        let m = self.m;
        let ExprKind::Subscript { value, .. } = &m.expr(target).kind else {
            return;
        };
        let Some(elem) = self.expr(target) else {
            return;
        };
        if let Type::Array { dtype, .. } = elem {
            // `a[1:-1] = x`: x (a number or an array) is broadcast into the view.
            let source = match ty {
                Type::Scalar(s) => *s,
                Type::Array { dtype: d, .. } => *d,
                other => {
                    self.error::<()>(Diagnostic::error(
                        "type-mismatch",
                        format!("cannot assign {other} to a slice of an array"),
                        self.span(target),
                    ));
                    return;
                }
            };
            if source.is_complex() && !dtype.is_complex() {
                self.error::<()>(Diagnostic::error(
                    "type-mismatch",
                    format!("cannot assign complex values to a slice of {dtype}"),
                    self.span(target),
                ));
                return;
            }
            self.mark_written(*value);
            return;
        }
        if !matches!(self.expr_type(*value), Some(Type::Array { .. })) {
            self.error::<()>(Diagnostic::error(
                "type-mismatch",
                format!(
                    "{} does not support item assignment",
                    self.expr_type(*value).unwrap_or(Type::None)
                ),
                self.span(*value),
            ));
            return;
        }
        self.mark_written(*value);
        if !can_convert(ty, &elem) {
            self.error::<()>(
                Diagnostic::error(
                    "type-mismatch",
                    format!("cannot store {ty} into an element of type {elem}"),
                    self.span(target),
                )
                .with_label(format!("the array's elements are {elem}")),
            );
        }
    }

    fn expr_type(&self, e: ExprId) -> Option<Type> {
        self.instance.expr_types.get(&e).cloned()
    }

    // ----- expressions -----

    fn expr(&mut self, e: ExprId) -> Option<Type> {
        let ty = self.expr_inner(e)?;
        self.instance.expr_types.insert(e, ty.clone());
        Some(ty)
    }

    fn expr_inner(&mut self, e: ExprId) -> Option<Type> {
        let m = self.m;
        let expr = m.expr(e);
        let span = expr.span;
        match &expr.kind {
            ExprKind::Int(v) => {
                let c = if let Ok(i) = i64::try_from(*v) { Const::Int(i) } else { Const::UInt(*v as u64) };
                Some(c.ty())
            }
            ExprKind::Float(_) => Some(Type::F64),
            ExprKind::Imaginary(_) => Some(Type::Scalar(Scalar::C128)),
            ExprKind::Bool(_) => Some(Type::BOOL),
            ExprKind::None => Some(Type::None),
            ExprKind::Str(_) => self.error(Diagnostic::error(
                "unsupported-type",
                "strings are not supported in compiled code (only as exception messages and dtype names)",
                span,
            )),
            ExprKind::Name(_) | ExprKind::Attribute { .. } => self.value_of(e),
            ExprKind::Binary { op, lhs, rhs } => {
                let l = self.expr(*lhs);
                let r = self.expr(*rhs);
                let (l, r) = (l?, r?);
                let complex = |t: &Type| match t {
                    Type::Scalar(s) | Type::Array { dtype: s, .. } => s.is_complex(),
                    _ => false,
                };
                if *op == BinOp::Pow && (complex(&l) || complex(&r)) && !(l.is_array() && r.is_array()) {
                    // Complex powers with CPython's algorithm (element by element for arrays).
                    let helper = if l.is_array() || r.is_array() {
                        "_complex_pow_array"
                    } else {
                        "_complex_pow"
                    };
                    let f = self.m.prelude_function(helper)?;
                    return self.user_call(e, f, &[*lhs, *rhs], &[], span);
                }
                if *op == BinOp::MatMul && (l.is_array() || r.is_array()) {
                    let f = self.m.prelude_function("matmul")?;
                    return self.user_call(e, f, &[*lhs, *rhs], &[], span);
                }
                let strong = (self.is_strong(*lhs), self.is_strong(*rhs));
                let result = self.binary_type(*op, &l, &r, span, strong)?;
                let operand = self.operand_type(*op, &l, &r, strong);
                self.instance.operand_types.insert(e, vec![operand]);
                Some(result)
            }
            ExprKind::Unary { op, operand } => {
                let t = self.expr(*operand)?;
                if let Type::Array { dtype, ndim, .. } = t {
                    let ok = match op {
                        UnaryOp::Neg | UnaryOp::Pos => !dtype.is_bool(),
                        UnaryOp::Invert => dtype.is_int() || dtype.is_bool(),
                        UnaryOp::Not => false,
                    };
                    if !ok {
                        return self.error(Diagnostic::error(
                            "type-mismatch",
                            format!("bad operand type for this unary operator: {t}"),
                            span,
                        ));
                    }
                    return Some(Type::array(dtype, ndim, Layout::C));
                }
                let Type::Scalar(s) = t else {
                    return self.error(Diagnostic::error(
                        "unsupported-syntax",
                        format!("unary operators on {t} are not supported yet"),
                        span,
                    ));
                };
                let result = match op {
                    UnaryOp::Not => Scalar::Bool,
                    UnaryOp::Neg | UnaryOp::Pos => {
                        if s.is_bool() || s.is_signed() {
                            Scalar::I64
                        } else if s.is_unsigned() {
                            Scalar::U64
                        } else {
                            s
                        }
                    }
                    UnaryOp::Invert => {
                        if s.is_bool() || s.is_signed() {
                            Scalar::I64
                        } else if s.is_unsigned() {
                            Scalar::U64
                        } else {
                            return self.error(Diagnostic::error(
                                "type-mismatch",
                                format!("bad operand type for unary ~: {s}"),
                                span,
                            ));
                        }
                    }
                };
                Some(Type::Scalar(result))
            }
            ExprKind::BoolOp { values, .. } => {
                let mut acc: Option<Type> = None;
                let mut ok = true;
                for &v in values {
                    match self.expr(v) {
                        Some(t @ Type::Scalar(_)) => {
                            acc = match acc {
                                None => Some(t),
                                Some(prev) => unify(&prev, &t),
                            }
                        }
                        Some(other) => {
                            ok = false;
                            self.error::<()>(Diagnostic::error(
                                "unsupported-type",
                                format!("`and`/`or` on {other} is not supported"),
                                self.span(v),
                            ));
                        }
                        None => ok = false,
                    }
                }
                if ok {
                    acc
                } else {
                    None
                }
            }
            ExprKind::Compare { left, ops, comparators } => self.compare(e, *left, ops, comparators),
            ExprKind::Call { func, args, keywords } => self.call(e, *func, args, keywords),
            ExprKind::Subscript { value, index } => self.subscript(e, *value, *index),
            ExprKind::Tuple(items) => {
                let mut tys = Vec::new();
                for &item in items {
                    tys.push(self.expr(item));
                }
                let tys: Option<Vec<Type>> = tys.into_iter().collect();
                let tys = tys?;
                if tys.contains(&Type::None) {
                    return self.error(Diagnostic::error("unsupported-type", "a tuple cannot hold None", span));
                }
                Some(Type::Tuple(tys))
            }
            ExprKind::List(_) => self.error(Diagnostic::error(
                "unsupported-type",
                "lists are not supported in compiled code; use a NumPy array or a tuple",
                span,
            )),
            ExprKind::IfExp { test, body, orelse } => {
                self.condition(*test);
                let a = self.expr(*body);
                let b = self.expr(*orelse);
                let (a, b) = (a?, b?);
                match unify(&a, &b) {
                    Some(t) => Some(t),
                    None => self.error(
                        Diagnostic::error(
                            "type-mismatch",
                            format!("the branches of this conditional expression have different types: {a} and {b}"),
                            span,
                        )
                        .with_secondary(self.span(*body), format!("this is {a}"))
                        .with_secondary(self.span(*orelse), format!("this is {b}")),
                    ),
                }
            }
            ExprKind::Slice { .. } => self.error(Diagnostic::error(
                "unsupported-syntax",
                "slicing is not supported yet",
                span,
            )),
            ExprKind::Ellipsis => self.error(Diagnostic::error("unsupported-syntax", "`...` is not supported here", span)),
            ExprKind::Unsupported(what) => self.error(Diagnostic::error(
                "unsupported-syntax",
                format!("{what} is not supported in compiled functions"),
                span,
            )),
        }
    }

    /// The operand type of a binary operation on two scalars (the type both are converted to).
    fn operand_type(&self, op: BinOp, l: &Type, r: &Type, strong: (bool, bool)) -> Type {
        if let Some((_, operand, _)) = array_binary(op, l, r, strong) {
            return Type::Scalar(operand);
        }
        match (l, r) {
            (Type::Scalar(a), Type::Scalar(b)) => {
                binary_scalar(op, *a, *b).map_or(Type::None, |(_, o)| Type::Scalar(o))
            }
            _ => Type::None,
        }
    }

    fn binary_type(
        &mut self,
        op: BinOp,
        l: &Type,
        r: &Type,
        span: Span,
        strong: (bool, bool),
    ) -> Option<Type> {
        match (l, r) {
            (Type::Scalar(a), Type::Scalar(b)) => match binary_scalar(op, *a, *b) {
                Some((result, _)) => Some(Type::Scalar(result)),
                None => self.error(Diagnostic::error(
                    "type-mismatch",
                    format!("unsupported operand types for {}: {a} and {b}", op.symbol()),
                    span,
                )),
            },
            (Type::Array { .. }, _) | (_, Type::Array { .. }) => {
                match array_binary(op, l, r, strong) {
                    Some((dtype, _, ndim)) => Some(Type::array(dtype, ndim, Layout::C)),
                    None => self.error(Diagnostic::error(
                        "type-mismatch",
                        format!("unsupported operand types for {}: {l} and {r}", op.symbol()),
                        span,
                    )),
                }
            }
            _ => self.error(Diagnostic::error(
                "type-mismatch",
                format!("unsupported operand types for {}: {l} and {r}", op.symbol()),
                span,
            )),
        }
    }

    fn compare(
        &mut self,
        e: ExprId,
        left: ExprId,
        ops: &[CmpOp],
        comparators: &[ExprId],
    ) -> Option<Type> {
        let mut lhs_id = left;
        let mut lhs = self.expr(left);
        let mut operand_types = Vec::new();
        let mut ok = lhs.is_some();
        for (op, &rhs_id) in ops.iter().zip(comparators) {
            let rhs = self.expr(rhs_id);
            match (&lhs, &rhs) {
                (Some(l), Some(r)) => {
                    let span = self.span(lhs_id).cover(self.span(rhs_id));
                    let strong = (self.is_strong(lhs_id), self.is_strong(rhs_id));
                    match self.compare_pair(*op, l, r, span, strong) {
                        Some(t) => operand_types.push(t),
                        None => ok = false,
                    }
                }
                _ => ok = false,
            }
            lhs = rhs;
            lhs_id = rhs_id;
        }
        let array = comparators
            .iter()
            .chain(std::iter::once(&left))
            .filter_map(|c| self.expr_type(*c))
            .find_map(|t| match t {
                Type::Array { .. } => Some(t),
                _ => None,
            });
        self.instance.operand_types.insert(e, operand_types);
        let identity = ops.iter().all(|op| matches!(op, CmpOp::Is | CmpOp::IsNot));
        if let (Some(Type::Array { .. }), false) = (array, identity) {
            if ops.len() > 1 {
                return self.error(Diagnostic::error(
                    "type-mismatch",
                    "a chained comparison of arrays is ambiguous (it needs the truth value of an array)",
                    self.span(e),
                ));
            }
            let ndim = [left, comparators[0]]
                .iter()
                .filter_map(|c| match self.expr_type(*c) {
                    Some(Type::Array { ndim, .. }) => Some(ndim),
                    _ => None,
                })
                .max()
                .unwrap_or(1);
            return ok.then_some(Type::array(Scalar::Bool, ndim, Layout::C));
        }
        ok.then_some(Type::BOOL)
    }

    /// The operand type of one comparison `l op r`.
    fn compare_pair(
        &mut self,
        op: CmpOp,
        l: &Type,
        r: &Type,
        span: Span,
        strong: (bool, bool),
    ) -> Option<Type> {
        match op {
            CmpOp::Is | CmpOp::IsNot => {
                if *l == Type::None || *r == Type::None {
                    // Nothing compiled is ever None except None itself: the result is a constant.
                    return Some(Type::None);
                }
                self.error(Diagnostic::error(
                    "unsupported-syntax",
                    "`is` is supported only with None",
                    span,
                ))
            }
            CmpOp::In | CmpOp::NotIn => self.error(Diagnostic::error(
                "unsupported-syntax",
                "`in` tests are not supported yet",
                span,
            )),
            _ => match (l, r) {
                (Type::Array { .. }, _) | (_, Type::Array { .. }) => {
                    match array_binary(BinOp::Sub, l, r, strong)
                        .or_else(|| array_binary(BinOp::BitAnd, l, r, strong))
                    {
                        Some((_, operand, _))
                            if !operand.is_complex() || matches!(op, CmpOp::Eq | CmpOp::NotEq) =>
                        {
                            Some(Type::Scalar(operand))
                        }
                        _ => self.error(Diagnostic::error(
                            "type-mismatch",
                            format!("cannot compare {l} with {r} using {}", op.symbol()),
                            span,
                        )),
                    }
                }
                (Type::Scalar(a), Type::Scalar(b)) => {
                    let t = if a.is_bool() && b.is_bool() {
                        Scalar::Bool
                    } else {
                        promote(*a, *b)
                    };
                    if t.is_complex() && !matches!(op, CmpOp::Eq | CmpOp::NotEq) {
                        return self.error(Diagnostic::error(
                            "type-mismatch",
                            format!("complex numbers cannot be ordered with {}", op.symbol()),
                            span,
                        ));
                    }
                    Some(Type::Scalar(t))
                }
                _ => self.error(Diagnostic::error(
                    "unsupported-syntax",
                    format!("comparing {l} with {r} is not supported yet"),
                    span,
                )),
            },
        }
    }

    fn subscript(&mut self, e: ExprId, value: ExprId, index: ExprId) -> Option<Type> {
        let m = self.m;
        let base = self.expr(value)?;
        if let (Type::Array { .. }, Some(helper)) = (&base, self.array_index_helper(index, None)) {
            let f = self.m.prelude_function(helper)?;
            return self.user_call(e, f, &[value, index], &[], self.span(e));
        }
        if let (Type::Array { ndim: 2, .. }, Some((helper, args))) =
            (&base, self.mixed_index_helper(index))
        {
            let f = self.m.prelude_function(helper)?;
            let args: Vec<ExprId> = std::iter::once(value).chain(args).collect();
            return self.user_call(e, f, &args, &[], self.span(e));
        }
        match base {
            Type::Array { dtype, ndim, .. } => {
                let indices: Vec<ExprId> = match &m.expr(index).kind {
                    ExprKind::Tuple(items) => items.clone(),
                    _ => vec![index],
                };
                let explicit = indices.iter().any(|&i| {
                    matches!(m.expr(i).kind, ExprKind::Slice { .. } | ExprKind::Ellipsis)
                        || self.is_none_index(i)
                });
                // Fewer integer indices than dimensions also make a view, unless the one index is
                // a tuple of integers (`a[idx]`), which indexes every dimension.
                let is_view = explicit
                    || (indices.len() < ndim as usize
                        && indices
                            .iter()
                            .all(|&i| !matches!(self.expr(i), Some(Type::Tuple(_)))));
                if is_view {
                    return self.view_type(dtype, ndim, &indices, index);
                }
                let mut ok = true;
                for &i in &indices {
                    if matches!(
                        m.expr(i).kind,
                        ExprKind::Slice { .. } | ExprKind::None | ExprKind::Ellipsis
                    ) {
                        return self.error(Diagnostic::error(
                            "unsupported-syntax",
                            "slices, None and `...` in an index (views) are not supported yet",
                            self.span(i),
                        ));
                    }
                    match self.expr(i) {
                        Some(Type::Scalar(s)) if s.is_int() || s.is_bool() => {}
                        Some(Type::Tuple(items))
                            if indices.len() == 1
                                && items.iter().all(|t| {
                                    t.as_scalar().is_some_and(|s| s.is_int() || s.is_bool())
                                }) =>
                        {
                            // `a[idx]` with a tuple of integers: one index per dimension.
                            if items.len() != ndim as usize {
                                return self.error(Diagnostic::error(
                                    "unsupported-syntax",
                                    format!(
                                        "a {}-tuple index into a {ndim}-d array is not supported",
                                        items.len()
                                    ),
                                    self.span(i),
                                ));
                            }
                            return Some(Type::Scalar(dtype));
                        }
                        Some(other) => {
                            ok = false;
                            self.error::<()>(Diagnostic::error(
                                "type-mismatch",
                                format!("array indices must be integers, found {other}"),
                                self.span(i),
                            ));
                        }
                        None => ok = false,
                    }
                }
                if !ok {
                    return None;
                }
                if indices.len() != ndim as usize {
                    let message = if indices.len() > ndim as usize {
                        format!(
                            "too many indices: the array has {ndim} dimension(s), {} given",
                            indices.len()
                        )
                    } else {
                        format!(
                            "{} index(es) into a {ndim}-d array would make a view, which is not supported yet",
                            indices.len()
                        )
                    };
                    let code = if indices.len() > ndim as usize {
                        "type-mismatch"
                    } else {
                        "unsupported-syntax"
                    };
                    return self.error(Diagnostic::error(code, message, self.span(index)));
                }
                if let ExprKind::Tuple(_) = m.expr(index).kind {
                    self.instance.expr_types.insert(index, Type::None);
                }
                Some(Type::Scalar(dtype))
            }
            Type::Tuple(items) => {
                let homogeneous = items.first().is_some_and(|first| {
                    first.as_scalar().is_some() && items.iter().all(|t| t == first)
                });
                if homogeneous && self.const_int(index).is_none() {
                    match self.expr(index)? {
                        Type::Scalar(s) if s.is_int() => {
                            self.instance.dynamic_tuple_index.insert(e);
                            return Some(items[0].clone());
                        }
                        other => {
                            return self.error(Diagnostic::error(
                                "type-mismatch",
                                format!("tuple indices must be integers, found {other}"),
                                self.span(index),
                            ))
                        }
                    }
                }
                let Some(i) = self.const_int(index) else {
                    return self.error(Diagnostic::error(
                        "unsupported-syntax",
                        "a tuple index must be an integer constant",
                        self.span(index),
                    ));
                };
                let n = items.len() as i64;
                let k = if i < 0 { i + n } else { i };
                if k < 0 || k >= n {
                    return self.error(Diagnostic::error(
                        "type-mismatch",
                        format!("tuple index {i} out of range for a tuple of length {n}"),
                        self.span(index),
                    ));
                }
                self.instance.expr_types.insert(index, Type::I64);
                Some(items[k as usize].clone())
            }
            other => self.error(Diagnostic::error(
                "type-mismatch",
                format!("{other} is not subscriptable"),
                self.span(value),
            )),
        }
    }

    /// `a[1:-1]`, `a[i, :]`, `a[:, None]`, `a[i]` of a 2-d array: basic indexing that makes a
    /// view of the same memory (layout A).
    fn view_type(
        &mut self,
        dtype: Scalar,
        ndim: u8,
        indices: &[ExprId],
        index: ExprId,
    ) -> Option<Type> {
        let m = self.m;
        let mut consumed = 0usize;
        let mut result = 0usize;
        let mut ellipses = 0;
        for &i in indices {
            if self.is_none_index(i) {
                self.instance.expr_types.insert(i, Type::None);
                result += 1;
                continue;
            }
            match &m.expr(i).kind {
                ExprKind::Slice { lower, upper, step } => {
                    for part in [lower, upper, step].into_iter().flatten() {
                        match self.expr(*part)? {
                            Type::Scalar(s) if s.is_int() || s.is_bool() => {}
                            Type::None => {}
                            other => {
                                return self.error(Diagnostic::error(
                                    "type-mismatch",
                                    format!("slice bounds must be integers, found {other}"),
                                    self.span(*part),
                                ))
                            }
                        }
                    }
                    self.instance.expr_types.insert(i, Type::None);
                    consumed += 1;
                    result += 1;
                }
                ExprKind::None => {
                    self.instance.expr_types.insert(i, Type::None);
                    result += 1;
                }
                ExprKind::Ellipsis => {
                    // `...` stands for as many `:` as the other indices leave.
                    if ellipses > 0 {
                        return self.error(Diagnostic::error(
                            "type-mismatch",
                            "an index can only have a single ellipsis ('...')",
                            self.span(i),
                        ));
                    }
                    ellipses += 1;
                    self.instance.expr_types.insert(i, Type::None);
                }
                _ => match self.expr(i)? {
                    Type::Scalar(s) if s.is_int() || s.is_bool() => consumed += 1,
                    other => {
                        return self.error(Diagnostic::error(
                            "unsupported-syntax",
                            format!("{other} in a slicing index is not supported (basic indexing takes integers, slices and None)"),
                            self.span(i),
                        ))
                    }
                },
            }
        }
        if consumed > ndim as usize {
            return self.error(Diagnostic::error(
                "type-mismatch",
                format!("too many indices: the array has {ndim} dimension(s), {consumed} given"),
                self.span(index),
            ));
        }
        if let ExprKind::Tuple(_) = m.expr(index).kind {
            self.instance.expr_types.insert(index, Type::None);
        }
        let new_ndim = result + (ndim as usize - consumed);
        if new_ndim == 0 {
            return Some(Type::Scalar(dtype));
        }
        Some(Type::array(dtype, new_ndim as u8, Layout::A))
    }

    /// An integer known at compile time: a literal, `-literal` or a module-level constant.
    fn const_int(&mut self, e: ExprId) -> Option<i64> {
        match &self.m.expr(e).kind {
            ExprKind::Int(v) => i64::try_from(*v).ok(),
            ExprKind::Unary {
                op: UnaryOp::Neg,
                operand,
            } => self.const_int(*operand).map(|v| -v),
            ExprKind::Name(name) if !self.local_ids.contains_key(name) => {
                match eval_const(self.m, e, 0) {
                    Some(Const::Int(v)) => Some(v),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// Resolves a name or a dotted path without reporting anything for non-symbols.
    fn symbol(&mut self, e: ExprId) -> Option<Sym> {
        let m = self.m;
        let expr = m.expr(e);
        match &expr.kind {
            ExprKind::Name(name) => {
                if let Some(&local) = self.local_ids.get(name) {
                    return Some(Sym::Local(local));
                }
                match m.global_for(self.func, name).map(|g| &g.binding) {
                    Some(Binding::Module(module)) => Some(Sym::Module(module.clone())),
                    Some(Binding::ImportedName { module, name }) => Some(match module_const(module, name) {
                        Some(c) => Sym::Const(c),
                        None => Sym::ModuleMember { module: module.clone(), name: name.clone() },
                    }),
                    Some(Binding::Function(f)) => Some(Sym::UserFunc(*f)),
                    Some(Binding::Value(v)) => match eval_const(m, *v, 0) {
                        Some(c) => Some(Sym::Const(c)),
                        None => self.error(
                            Diagnostic::error(
                                "unsupported-type",
                                format!("global `{name}` is not a compile-time numeric constant"),
                                expr.span,
                            )
                            .with_secondary(m.expr(*v).span, format!("`{name}` is bound here")),
                        ),
                    },
                    Some(Binding::Class) => self.error(Diagnostic::error(
                        "unsupported-type",
                        format!("`{name}` is a class; classes and their instances are not supported in compiled functions"),
                        expr.span,
                    )),
                    Some(Binding::Opaque) => self.error(Diagnostic::error(
                        "unsupported-type",
                        format!("global `{name}` cannot be resolved at compile time (it is rebound, or not a constant)"),
                        expr.span,
                    )),
                    None => {
                        if let Some(b) = BUILTINS.iter().find(|b| **b == name) {
                            Some(Sym::Builtin(b))
                        } else if EXCEPTIONS.contains(&name.as_str()) {
                            Some(Sym::Exception(name.clone()))
                        } else if name == "True" || name == "False" {
                            Some(Sym::Const(Const::Bool(name == "True")))
                        } else if PYTHON_BUILTINS.contains(&name.as_str()) {
                            self.error(Diagnostic::error(
                                "unsupported-syntax",
                                format!("the builtin `{name}` is not supported in compiled functions"),
                                expr.span,
                            ))
                        } else {
                            self.error(Diagnostic::error(
                                "undefined-name",
                                format!("name `{name}` is not defined"),
                                expr.span,
                            ))
                        }
                    }
                }
            }
            ExprKind::Attribute { value, attr } => {
                if !self.is_symbol_path(*value) {
                    return None;
                }
                match self.symbol(*value)? {
                    Sym::Module(module) => Some(match module_const(&module, attr) {
                        Some(c) => Sym::Const(c),
                        None => Sym::ModuleMember {
                            module,
                            name: attr.clone(),
                        },
                    }),
                    Sym::ModuleMember { module, name } => Some(Sym::ModuleMember {
                        module: format!("{module}.{name}"),
                        name: attr.clone(),
                    }),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// True if `e` is a name or attribute chain whose root is not a local (so it may be a module).
    fn is_symbol_path(&self, e: ExprId) -> bool {
        match &self.m.expr(e).kind {
            ExprKind::Name(name) => !self.local_ids.contains_key(name),
            ExprKind::Attribute { value, .. } => self.is_symbol_path(*value),
            _ => false,
        }
    }

    /// The value of a name or attribute expression.
    fn value_of(&mut self, e: ExprId) -> Option<Type> {
        let m = self.m;
        let expr = m.expr(e);
        if let ExprKind::Attribute { value, attr } = &expr.kind {
            if !self.is_symbol_path(*value) {
                return self.value_attribute(e, *value, attr);
            }
        }
        match self.symbol(e)? {
            Sym::Local(local) => {
                self.instance.names.insert(e, NameRes::Local(local));
                match self.local_tys[local.0 as usize].clone() {
                    Some(t) => Some(t),
                    // After an error, a local left untyped by it is not a second mistake.
                    None if !self.diagnostics.is_empty() => None,
                    None => self.error(Diagnostic::error(
                        "undefined-name",
                        format!(
                            "local variable `{}` is used before it is assigned",
                            self.instance.locals[local.0 as usize].name
                        ),
                        expr.span,
                    )),
                }
            }
            Sym::Const(c) => {
                self.instance.names.insert(e, NameRes::Const(c));
                Some(c.ty())
            }
            Sym::Module(module) => self.error(Diagnostic::error(
                "unsupported-type",
                format!("module `{module}` cannot be used as a value"),
                expr.span,
            )),
            Sym::ModuleMember { module, name } => self.error(Diagnostic::error(
                "unsupported-syntax",
                format!("`{module}.{name}` is not supported as a value"),
                expr.span,
            )),
            Sym::UserFunc(_) | Sym::Builtin(_) | Sym::Exception(_) => {
                self.error(Diagnostic::error(
                    "unsupported-type",
                    "functions and classes cannot be used as values; call them",
                    expr.span,
                ))
            }
        }
    }

    fn value_attribute(&mut self, e: ExprId, value: ExprId, attr: &str) -> Option<Type> {
        let base = self.expr(value)?;
        match (&base, attr) {
            (Type::Array { ndim, .. }, "shape") => {
                self.instance.array_attrs.insert(e, ArrayAttr::Shape);
                Some(Type::Tuple(vec![Type::I64; *ndim as usize]))
            }
            (Type::Array { .. }, "size") => {
                self.instance.array_attrs.insert(e, ArrayAttr::Size);
                Some(Type::I64)
            }
            (
                &Type::Array {
                    dtype,
                    ndim,
                    layout,
                },
                "real" | "imag",
            ) if dtype.is_complex() || attr == "real" => {
                // Views, as in NumPy: writes through `z.real[...]` reach `z`.
                let op = if attr == "real" {
                    ShapeOp::RealPart
                } else {
                    ShapeOp::ImagPart
                };
                self.instance.calls.insert(e, Callee::Shape(op));
                self.instance.call_args.insert(e, vec![value]);
                let layout = if dtype.is_complex() {
                    Layout::A
                } else {
                    layout
                };
                Some(Type::array(dtype.real_part(), ndim, layout))
            }
            (Type::Array { .. }, "imag") => {
                self.elementwise_call(e, NpFn::Imag, attr, &[value], self.span(e))
            }
            (Type::Array { .. }, "T") => {
                self.instance
                    .calls
                    .insert(e, Callee::Shape(ShapeOp::Transpose));
                self.instance.call_args.insert(e, vec![value]);
                Some(transposed(&base))
            }
            (Type::Array { .. }, "ndim") => {
                self.instance.array_attrs.insert(e, ArrayAttr::Ndim);
                Some(Type::I64)
            }
            (Type::Scalar(s), "real" | "imag") if !s.is_bool() => {
                let which = if attr == "real" {
                    ComplexAttr::Real
                } else {
                    ComplexAttr::Imag
                };
                self.instance.complex_attrs.insert(e, which);
                Some(Type::Scalar(s.real_part()))
            }
            _ => self.error(Diagnostic::error(
                "unsupported-syntax",
                format!("{base} has no supported attribute `{attr}`"),
                self.span(e),
            )),
        }
    }

    // ----- calls -----

    fn call(
        &mut self,
        e: ExprId,
        func: ExprId,
        args: &[ExprId],
        keywords: &[Keyword],
    ) -> Option<Type> {
        let m = self.m;
        let span = self.span(e);
        // A method call on a value: `z.conjugate()`.
        if let ExprKind::Attribute { value, attr } = &m.expr(func).kind {
            if !self.is_symbol_path(*value) {
                let base = self.expr(*value)?;
                return match (&base, attr.as_str()) {
                    (Type::Scalar(s), "conjugate")
                        if args.is_empty() && keywords.is_empty() && !s.is_bool() =>
                    {
                        self.instance
                            .calls
                            .insert(e, Callee::ComplexMethod(ComplexAttr::Conjugate));
                        Some(base.clone())
                    }
                    (Type::Array { dtype, ndim, .. }, "copy")
                        if args.is_empty() && keywords.is_empty() =>
                    {
                        let (dtype, ndim) = (*dtype, *ndim);
                        self.record_creation(e, Creation::Copy { dtype }, vec![*value]);
                        Some(Type::array(dtype, ndim, Layout::C))
                    }
                    (Type::Array { ndim, .. }, "astype")
                        if args.len() == 1 && keywords.is_empty() =>
                    {
                        let ndim = *ndim;
                        let dtype = self.dtype_of(args[0])?;
                        self.record_creation(e, Creation::Copy { dtype }, vec![*value]);
                        Some(Type::array(dtype, ndim, Layout::C))
                    }
                    (Type::Array { .. }, "conj" | "conjugate") => {
                        self.no_keywords(keywords)?;
                        self.arity(&format!("{attr}()"), args, 0, 0, span)?;
                        self.elementwise_call(e, NpFn::Conj, attr, &[*value], span)
                    }
                    (
                        Type::Array { .. },
                        "transpose" | "reshape" | "ravel" | "flatten" | "fill",
                    ) => {
                        self.no_keywords(keywords)?;
                        self.shape_op(e, attr, *value, args, span)
                    }
                    (Type::Array { .. }, name) if reduction(name).is_some() => {
                        self.reduction_call(e, name, *value, &base, args, keywords, span)
                    }
                    (Type::Array { .. }, name) if ARRAY_METHODS.contains(&name) => {
                        let with_self: Vec<ExprId> = std::iter::once(*value)
                            .chain(args.iter().copied())
                            .collect();
                        match self.m.prelude_function(&format!("_method_{name}")) {
                            Some(f) => self.user_call(e, f, &with_self, keywords, span),
                            None => self.prelude_call(e, name, &with_self, keywords, span),
                        }
                    }
                    _ => self.error(Diagnostic::error(
                        "unsupported-syntax",
                        format!("method `{attr}` of {base} is not supported yet"),
                        self.span(func),
                    )),
                };
            }
        }
        if let ExprKind::Name(name) = &m.expr(func).kind {
            if name == "isinstance" && !self.local_ids.contains_key(name) {
                return self.isinstance(e, args, span);
            }
            if self.func.prelude && name == "_compile_error" {
                let message = match args.first().map(|a| &m.expr(*a).kind) {
                    Some(ExprKind::Str(text)) => text.clone(),
                    _ => "unsupported arguments".to_string(),
                };
                return self.error(Diagnostic::error("unsupported-type", message, span));
            }
        }
        let sym = self.symbol(func)?;
        match sym {
            Sym::Builtin(name) => {
                self.no_keywords(keywords)?;
                self.builtin_call(e, name, args, span)
            }
            Sym::UserFunc(f) => self.user_call(e, f, args, keywords, span),
            Sym::ModuleMember { module, name } => {
                self.module_call(e, &module, &name, args, keywords, span)
            }
            Sym::Exception(name) => self.error(Diagnostic::error(
                "unsupported-syntax",
                format!("`{name}(...)` can only be used in a `raise` statement"),
                span,
            )),
            Sym::Local(_) | Sym::Const(_) => self.error(Diagnostic::error(
                "type-mismatch",
                "this value is not callable",
                self.span(func),
            )),
            Sym::Module(module) => self.error(Diagnostic::error(
                "type-mismatch",
                format!("module `{module}` is not callable"),
                self.span(func),
            )),
        }
    }

    fn no_keywords(&mut self, keywords: &[Keyword]) -> Option<()> {
        match keywords.first() {
            None => Some(()),
            Some(k) => self.error(Diagnostic::error(
                "unsupported-syntax",
                format!("keyword argument `{}` is not supported here", k.name),
                k.span,
            )),
        }
    }

    /// Types every argument; `None` if any is unknown.
    fn arg_types(&mut self, args: &[ExprId]) -> Option<Vec<Type>> {
        let tys: Vec<Option<Type>> = args.iter().map(|a| self.expr(*a)).collect();
        tys.into_iter().collect()
    }

    fn real_scalars(&mut self, what: &str, args: &[ExprId], tys: &[Type]) -> Option<Vec<Scalar>> {
        let mut out = Vec::new();
        for (ty, &arg) in tys.iter().zip(args) {
            match ty {
                Type::Scalar(s) if !s.is_complex() => out.push(*s),
                other => {
                    return self.error(Diagnostic::error(
                        "type-mismatch",
                        format!("{what} expects real numbers, found {other}"),
                        self.span(arg),
                    ))
                }
            }
        }
        Some(out)
    }

    fn arity(
        &mut self,
        what: &str,
        args: &[ExprId],
        min: usize,
        max: usize,
        span: Span,
    ) -> Option<()> {
        if args.len() < min || args.len() > max {
            let expected = if min == max {
                format!("{min}")
            } else {
                format!("{min} to {max}")
            };
            return self.error(Diagnostic::error(
                "type-mismatch",
                format!("{what} takes {expected} argument(s), {} given", args.len()),
                span,
            ));
        }
        Some(())
    }

    fn builtin_call(
        &mut self,
        e: ExprId,
        name: &'static str,
        args: &[ExprId],
        span: Span,
    ) -> Option<Type> {
        let tys = self.arg_types(args)?;
        let (builtin, ty) = match name {
            "abs" => {
                self.arity("abs()", args, 1, 1, span)?;
                if tys[0].is_array() {
                    return self.elementwise_call(e, NpFn::Abs, "abs", args, span);
                }
                let t = match &tys[0] {
                    Type::Scalar(s) if s.is_bool() || s.is_signed() => Scalar::I64,
                    Type::Scalar(s) if s.is_unsigned() => Scalar::U64,
                    Type::Scalar(s) => s.real_part(),
                    other => return self.unsupported_arg("abs()", other, args[0]),
                };
                (Builtin::Abs, Type::Scalar(t))
            }
            "min" | "max" | "sum" if matches!(tys.as_slice(), [Type::Array { ndim: 1, .. }]) => {
                // Python's builtins over a 1-d array: its items in order.
                let f = self.m.prelude_function(&format!("_builtin_{name}"))?;
                return self.user_call(e, f, args, &[], span);
            }
            "sum" => {
                return self.error(Diagnostic::error(
                    "unsupported-syntax",
                    "sum() is supported over a 1-d array (use np.sum or a.sum() for others)",
                    span,
                ))
            }
            "min" | "max" => {
                if args.len() < 2 {
                    return self.error(Diagnostic::error(
                        "unsupported-syntax",
                        format!("{name}() of a single iterable is not supported yet; pass two or more numbers"),
                        span,
                    ));
                }
                let scalars = self.real_scalars(&format!("{name}()"), args, &tys)?;
                let t = scalars.iter().skip(1).fold(scalars[0], |acc, s| {
                    if acc.is_bool() && s.is_bool() {
                        Scalar::Bool
                    } else {
                        promote(acc, *s)
                    }
                });
                (
                    if name == "min" {
                        Builtin::Min
                    } else {
                        Builtin::Max
                    },
                    Type::Scalar(t),
                )
            }
            "int" | "float" | "bool" => {
                self.arity(&format!("{name}()"), args, 1, 1, span)?;
                let (b, t) = match name {
                    "int" => (Builtin::Int, Scalar::I64),
                    "float" => (Builtin::Float, Scalar::F64),
                    _ => (Builtin::Bool, Scalar::Bool),
                };
                match &tys[0] {
                    Type::Scalar(s) if !s.is_complex() || b == Builtin::Bool => {}
                    other => return self.unsupported_arg(&format!("{name}()"), other, args[0]),
                }
                (b, Type::Scalar(t))
            }
            "complex" => {
                self.arity("complex()", args, 1, 2, span)?;
                for (ty, &arg) in tys.iter().zip(args) {
                    if !matches!(ty, Type::Scalar(_))
                        || (args.len() == 2 && ty.as_scalar().is_some_and(Scalar::is_complex))
                    {
                        return self.unsupported_arg("complex()", ty, arg);
                    }
                }
                (Builtin::Complex, Type::Scalar(Scalar::C128))
            }
            "divmod" => {
                self.arity("divmod()", args, 2, 2, span)?;
                let scalars = self.real_scalars("divmod()", args, &tys)?;
                let Some((result, _)) = binary_scalar(BinOp::FloorDiv, scalars[0], scalars[1])
                else {
                    return self.unsupported_arg("divmod()", &tys[0], args[0]);
                };
                (Builtin::DivMod, Type::Tuple(vec![Type::Scalar(result); 2]))
            }
            "pow" => {
                self.arity("pow()", args, 2, 2, span)?;
                let scalars = self.real_scalars("pow()", args, &tys)?;
                let Some((result, operand)) = binary_scalar(BinOp::Pow, scalars[0], scalars[1])
                else {
                    return self.unsupported_arg("pow()", &tys[0], args[0]);
                };
                self.instance
                    .operand_types
                    .insert(e, vec![Type::Scalar(operand)]);
                (Builtin::Pow, Type::Scalar(result))
            }
            "len" => {
                self.arity("len()", args, 1, 1, span)?;
                match &tys[0] {
                    Type::Array { .. } | Type::Tuple(_) => {}
                    other => return self.unsupported_arg("len()", other, args[0]),
                }
                (Builtin::Len, Type::I64)
            }
            "round" => {
                self.arity("round()", args, 1, 2, span)?;
                let scalars = self.real_scalars("round()", args, &tys)?;
                if args.len() == 2 && !(scalars[1].is_int() || scalars[1].is_bool()) {
                    return self.unsupported_arg("round() ndigits", &tys[1], args[1]);
                }
                let t = if args.len() == 1 {
                    Scalar::I64
                } else if scalars[0].is_float() {
                    scalars[0]
                } else {
                    Scalar::I64
                };
                (Builtin::Round, Type::Scalar(t))
            }
            _ => {
                return self.error(Diagnostic::error(
                    "unsupported-syntax",
                    format!("`{name}()` can only be used as the iterable of a for loop"),
                    span,
                ))
            }
        };
        self.instance.calls.insert(e, Callee::Builtin(builtin));
        Some(ty)
    }

    fn unsupported_arg<T>(&mut self, what: &str, ty: &Type, arg: ExprId) -> Option<T> {
        self.error(Diagnostic::error(
            "type-mismatch",
            format!("{what} does not accept {ty}"),
            self.span(arg),
        ))
    }

    fn user_call(
        &mut self,
        e: ExprId,
        f: FuncId,
        args: &[ExprId],
        keywords: &[Keyword],
        span: Span,
    ) -> Option<Type> {
        let m = self.m;
        let callee = m.function(f);
        if let Some((what, at)) = callee.unsupported_params {
            return self.error(
                Diagnostic::error(
                    "unsupported-syntax",
                    format!("calling a function with {what} is not supported"),
                    span,
                )
                .with_secondary(at, "declared here"),
            );
        }
        // Map positional and keyword arguments to parameters.
        let mut slots: Vec<Option<ExprId>> = vec![None; callee.params.len()];
        if args.len() > slots.len() {
            return self.error(Diagnostic::error(
                "type-mismatch",
                format!(
                    "{}() takes {} positional argument(s) but {} were given",
                    callee.name,
                    slots.len(),
                    args.len()
                ),
                span,
            ));
        }
        for (slot, &arg) in slots.iter_mut().zip(args) {
            *slot = Some(arg);
        }
        for k in keywords {
            match callee.params.iter().position(|p| p.name == k.name) {
                Some(i) if slots[i].is_none() => slots[i] = Some(k.value),
                Some(_) => {
                    return self.error(Diagnostic::error(
                        "type-mismatch",
                        format!(
                            "{}() got multiple values for argument `{}`",
                            callee.name, k.name
                        ),
                        k.span,
                    ))
                }
                None => {
                    return self.error(Diagnostic::error(
                        "type-mismatch",
                        format!(
                            "{}() got an unexpected keyword argument `{}`",
                            callee.name, k.name
                        ),
                        k.span,
                    ))
                }
            }
        }
        // Missing arguments take the parameter's default value, which must be a constant (it is
        // evaluated once, when the module runs).
        let mut defaults = Vec::new();
        for (i, slot) in slots.iter_mut().enumerate() {
            if slot.is_some() {
                continue;
            }
            let param = &callee.params[i];
            let Some(default) = param.default else {
                return self.error(Diagnostic::error(
                    "type-mismatch",
                    format!(
                        "{}() missing required argument `{}`",
                        callee.name, param.name
                    ),
                    span,
                ));
            };
            let Some(value) = eval_const(m, default, 0) else {
                return self.error(
                    Diagnostic::error(
                        "unsupported-syntax",
                        format!(
                            "the default value of `{}` must be a numeric constant",
                            param.name
                        ),
                        m.expr(default).span,
                    )
                    .with_secondary(span, "needed by this call"),
                );
            };
            defaults.push((default, value));
            *slot = Some(default);
        }
        let ordered: Vec<ExprId> = slots.into_iter().flatten().collect();
        for (default, value) in defaults {
            self.instance.const_exprs.insert(default, value);
            self.instance.expr_types.insert(default, value.ty());
        }
        let tys: Vec<Option<Type>> = ordered
            .iter()
            .map(|a| match self.instance.const_exprs.get(a) {
                Some(c) => Some(c.ty()),
                None => self.expr(*a),
            })
            .collect();
        let tys: Vec<Type> = tys.into_iter().collect::<Option<_>>()?;
        let id = match self.builder.reusable(f, &tys) {
            Some(id) => id,
            None => self.builder.instantiate(InstanceKey {
                func: f,
                args: tys,
                ret: None,
            }),
        };
        if let Some((callee_instance, _)) = &self.builder.instances[id.0 as usize] {
            let written: Vec<ExprId> = ordered
                .iter()
                .zip(&callee_instance.written_params)
                .filter(|(_, w)| **w)
                .map(|(a, _)| *a)
                .collect();
            for a in written {
                self.mark_written(a);
            }
        }
        self.instance.calls.insert(e, Callee::Function(id));
        self.instance.call_args.insert(e, ordered);
        if let Some((_, diags)) = &self.builder.instances[id.0 as usize] {
            if !diags.is_empty() {
                // The callee's own errors say what is wrong; its return type would only add
                // follow-on errors here.
                return None;
            }
        }
        match self.builder.return_type(id) {
            Some(t) => Some(t),
            None => self.error(Diagnostic::error(
                "unsupported-type",
                format!(
                    "cannot infer the return type of the recursive call to `{}`",
                    callee.name
                ),
                span,
            )),
        }
    }

    fn module_call(
        &mut self,
        e: ExprId,
        module: &str,
        name: &str,
        args: &[ExprId],
        keywords: &[Keyword],
        span: Span,
    ) -> Option<Type> {
        if module == "numpy.linalg" {
            if let Some(f) = self.m.prelude_function(&format!("_linalg_{name}")) {
                return self.user_call(e, f, args, keywords, span);
            }
        }
        if module == "cmath" {
            if let Some(f) = self.m.prelude_function(&format!("_cmath_{name}")) {
                return self.user_call(e, f, args, keywords, span);
            }
        }
        if module == "numpy" && name == "power" {
            // NumPy's `**`: integer arrays stay integers.
            self.no_keywords(keywords)?;
            return self.elementwise_call(e, NpFn::Power, name, args, span);
        }
        if module == "math" || (module == "numpy" && numpy_math(name).is_some()) {
            let f = if module == "math" {
                math_fn(name)
            } else {
                numpy_math(name)
            };
            let Some(f) = f else {
                return self.error(Diagnostic::error(
                    "unsupported-syntax",
                    format!("`math.{name}` is not supported"),
                    span,
                ));
            };
            self.no_keywords(keywords)?;
            self.arity(
                &format!("{module}.{name}()"),
                args,
                f.arity(),
                f.arity(),
                span,
            )?;
            let tys = self.arg_types(args)?;
            if module == "numpy" && tys.iter().any(Type::is_array) {
                return self.ufunc_on_arrays(e, f, name, args, &tys, span);
            }
            if let [Type::Scalar(c)] = tys.as_slice() {
                if c.is_complex() && module == "numpy" && f.has_complex() {
                    self.instance.calls.insert(e, Callee::Math(f));
                    return Some(Type::Scalar(*c));
                }
            }
            let scalars = self.real_scalars(&format!("{module}.{name}()"), args, &tys)?;
            let all_f32 = scalars.iter().all(|s| *s == Scalar::F32);
            let ty = match f {
                MathFn::IsNan | MathFn::IsInf | MathFn::IsFinite => Scalar::Bool,
                MathFn::Floor | MathFn::Ceil | MathFn::Trunc if module == "math" => Scalar::I64,
                _ if all_f32 => Scalar::F32,
                _ => Scalar::F64,
            };
            self.instance.calls.insert(e, Callee::Math(f));
            return Some(Type::Scalar(ty));
        }
        if module == "numpy" {
            if let Some(s) = numpy_scalar_type(name) {
                self.no_keywords(keywords)?;
                self.arity(&format!("numpy.{name}()"), args, 1, 1, span)?;
                let tys = self.arg_types(args)?;
                match &tys[0] {
                    Type::Scalar(from) if !from.is_complex() || s.is_complex() => {}
                    other => {
                        return self.unsupported_arg(&format!("numpy.{name}()"), other, args[0])
                    }
                }
                self.instance.calls.insert(e, Callee::Cast(s));
                return Some(Type::Scalar(s));
            }
            if name == "abs" || name == "absolute" {
                if let Some(&first) = args.first() {
                    if let Some(Type::Array { .. }) = self.expr(first) {
                        self.no_keywords(keywords)?;
                        return self.elementwise_call(e, NpFn::Abs, name, args, span);
                    }
                }
                return self.builtin_call(e, "abs", args, span);
            }
            if let (Some(_), Some(&first)) = (reduction(name), args.first()) {
                let base = self.expr(first)?;
                if base.is_array() {
                    return self.reduction_call(e, name, first, &base, &args[1..], keywords, span);
                }
            }
            if matches!(
                name,
                "full"
                    | "full_like"
                    | "arange"
                    | "linspace"
                    | "copy"
                    | "eye"
                    | "identity"
                    | "array"
                    | "asarray"
            ) {
                return self.creation_call(e, name, args, keywords, span);
            }
            let fill = match name {
                "empty" | "empty_like" => Some(Fill::Empty),
                "zeros" | "zeros_like" => Some(Fill::Zeros),
                "ones" | "ones_like" => Some(Fill::Ones),
                _ => None,
            };
            if let Some(fill) = fill {
                return self.array_constructor(e, name, fill, args, keywords, span);
            }
            if name == "where" && args.len() == 1 {
                let f = self.m.prelude_function("nonzero")?;
                return self.user_call(e, f, args, keywords, span);
            }
            if let Some(f) = np_elementwise(name) {
                self.no_keywords(keywords)?;
                return self.elementwise_call(e, f, name, args, span);
            }
            if matches!(name, "transpose" | "reshape" | "ravel") && !args.is_empty() {
                self.no_keywords(keywords)?;
                let base = self.expr(args[0])?;
                if base.is_array() {
                    return self.shape_op(e, name, args[0], &args[1..], span);
                }
                return self.unsupported_arg(&format!("numpy.{name}()"), &base, args[0]);
            }
            if self.m.prelude_function(name).is_some() {
                return self.prelude_call(e, name, args, keywords, span);
            }
        }
        self.error(Diagnostic::error(
            "unsupported-syntax",
            format!("`{module}.{name}` is not supported yet"),
            span,
        ))
    }

    /// A NumPy math ufunc applied to arrays (and scalars), with NumPy's output dtype: float32
    /// stays float32, 16-bit integers give float32, wider integers float64; the predicates give
    /// bool; the shape broadcasts.
    fn ufunc_on_arrays(
        &mut self,
        e: ExprId,
        f: MathFn,
        name: &str,
        args: &[ExprId],
        tys: &[Type],
        span: Span,
    ) -> Option<Type> {
        if matches!(f, MathFn::Floor | MathFn::Ceil | MathFn::Trunc)
            && matches!(tys, [Type::Array { dtype, .. }] if dtype.is_int())
        {
            // NumPy 2: floor/ceil/trunc of integers are the integers themselves.
            return self.elementwise_call(e, NpFn::Real, name, args, span);
        }
        let mut dtype: Option<Scalar> = None;
        let mut ndim = 0;
        for (t, &a) in tys.iter().zip(args) {
            let (d, weak) = match t {
                Type::Array { dtype, ndim: n, .. } => {
                    ndim = ndim.max(*n);
                    (*dtype, false)
                }
                Type::Scalar(s) => (*s, is_weak(*s) && !self.is_strong(a)),
                other => return self.unsupported_arg(&format!("numpy.{name}()"), other, a),
            };
            if d.is_complex() {
                if !f.has_complex() {
                    return self.unsupported_arg(
                        &format!("numpy.{name}() of complex numbers"),
                        t,
                        a,
                    );
                }
                dtype = Some(match dtype {
                    Some(x) => numpy_promote(x, d),
                    None => d,
                });
                continue;
            }
            let float = match d {
                Scalar::F32 | Scalar::I16 | Scalar::U16 => Scalar::F32,
                Scalar::Bool | Scalar::I8 | Scalar::U8 => {
                    return self.error(Diagnostic::error(
                        "unsupported-type",
                        format!("numpy.{name}() of {d} gives float16, which pyaot does not support; convert with .astype(np.float32)"),
                        self.span(a),
                    ))
                }
                _ => Scalar::F64,
            };
            let float = if weak && !t.is_array() {
                None
            } else {
                Some(float)
            };
            dtype = match (dtype, float) {
                (None, x) => x,
                (x, None) => x,
                (Some(a), Some(b)) => Some(numpy_promote(a, b)),
            };
        }
        let compute = dtype.unwrap_or(Scalar::F64);
        let result = match f {
            MathFn::IsNan | MathFn::IsInf | MathFn::IsFinite => Scalar::Bool,
            _ => compute,
        };
        if ndim == 0 {
            return self.error(Diagnostic::error(
                "type-mismatch",
                format!("numpy.{name}() needs an array here"),
                span,
            ));
        }
        self.instance.calls.insert(e, Callee::Math(f));
        self.instance
            .operand_types
            .insert(e, vec![Type::Scalar(compute)]);
        Some(Type::array(result, ndim, Layout::C))
    }

    fn record_creation(&mut self, e: ExprId, creation: Creation, operands: Vec<ExprId>) {
        self.instance.calls.insert(e, Callee::Create(creation));
        self.instance.call_args.insert(e, operands);
    }

    /// Positional arguments followed by the named keywords (in `names` order), rejecting other
    /// keywords; `None` entries are the ones not given.
    fn bind_arguments(
        &mut self,
        what: &str,
        args: &[ExprId],
        keywords: &[Keyword],
        names: &[&str],
    ) -> Option<Vec<Option<ExprId>>> {
        let mut bound: Vec<Option<ExprId>> = vec![None; names.len()];
        if args.len() > names.len() {
            return self.error(Diagnostic::error(
                "type-mismatch",
                format!("{what} takes at most {} arguments", names.len()),
                self.span(args[names.len()]),
            ));
        }
        for (slot, &a) in bound.iter_mut().zip(args) {
            *slot = Some(a);
        }
        for k in keywords {
            match names.iter().position(|n| *n == k.name) {
                Some(i) if bound[i].is_none() => bound[i] = Some(k.value),
                _ => {
                    return self.error(Diagnostic::error(
                        "unsupported-syntax",
                        format!(
                            "keyword argument `{}` of {what} is not supported here",
                            k.name
                        ),
                        k.span,
                    ))
                }
            }
        }
        Some(bound)
    }

    /// The scalar type of an operand that must be a number.
    fn scalar_operand(&mut self, what: &str, e: ExprId) -> Option<Scalar> {
        match self.expr(e)? {
            Type::Scalar(s) => Some(s),
            other => self.unsupported_arg(what, &other, e),
        }
    }

    /// The dimensions of a shape operand: an int, or a tuple of ints.
    fn shape_ndim(&mut self, e: ExprId) -> Option<u8> {
        match self.expr(e)? {
            Type::Scalar(s) if s.is_int() || s.is_bool() => Some(1),
            Type::Tuple(items)
                if !items.is_empty()
                    && items
                        .iter()
                        .all(|t| t.as_scalar().is_some_and(Scalar::is_int)) =>
            {
                Some(items.len() as u8)
            }
            other => self.error(Diagnostic::error(
                "type-mismatch",
                format!("the shape must be an integer or a tuple of integers, found {other}"),
                self.span(e),
            )),
        }
    }

    /// np.full, full_like, arange, linspace, copy, eye, identity, array.
    fn creation_call(
        &mut self,
        e: ExprId,
        name: &str,
        args: &[ExprId],
        keywords: &[Keyword],
        span: Span,
    ) -> Option<Type> {
        let what = format!("numpy.{name}()");
        match name {
            "full" => {
                let b =
                    self.bind_arguments(&what, args, keywords, &["shape", "fill_value", "dtype"])?;
                let (Some(shape), Some(value)) = (b[0], b[1]) else {
                    return self.error(Diagnostic::error(
                        "type-mismatch",
                        format!("{what} needs a shape and a fill value"),
                        span,
                    ));
                };
                let ndim = self.shape_ndim(shape)?;
                let value_type = self.scalar_operand(&what, value)?;
                let dtype = match b[2] {
                    Some(d) => self.dtype_of(d)?,
                    None => value_type,
                };
                self.record_creation(e, Creation::Full { dtype }, vec![shape, value]);
                Some(Type::array(dtype, ndim, Layout::C))
            }
            "full_like" => {
                let b =
                    self.bind_arguments(&what, args, keywords, &["a", "fill_value", "dtype"])?;
                let (Some(a), Some(value)) = (b[0], b[1]) else {
                    return self.error(Diagnostic::error(
                        "type-mismatch",
                        format!("{what} needs an array and a fill value"),
                        span,
                    ));
                };
                let Type::Array {
                    dtype: a_dtype,
                    ndim,
                    ..
                } = self.expr(a)?
                else {
                    return self.error(Diagnostic::error(
                        "type-mismatch",
                        format!("{what} needs an array"),
                        self.span(a),
                    ));
                };
                self.scalar_operand(&what, value)?;
                let dtype = match b[2] {
                    Some(d) => self.dtype_of(d)?,
                    None => a_dtype,
                };
                self.record_creation(e, Creation::FullLike { dtype }, vec![a, value]);
                Some(Type::array(dtype, ndim, Layout::C))
            }
            "arange" => {
                let b = self.bind_arguments(
                    &what,
                    args,
                    keywords,
                    &["start", "stop", "step", "dtype"],
                )?;
                let given: Vec<ExprId> = b[..3].iter().flatten().copied().collect();
                if given.is_empty() {
                    return self.error(Diagnostic::error(
                        "type-mismatch",
                        format!("{what} needs a stop value"),
                        span,
                    ));
                }
                let mut compute = Scalar::I64;
                for &g in &given {
                    let s = self.scalar_operand(&what, g)?;
                    if s.is_complex() {
                        return self.unsupported_arg(&what, &Type::Scalar(s), g);
                    }
                    if s.is_float() {
                        compute = Scalar::F64;
                    }
                }
                let dtype = match b[3] {
                    Some(d) => self.dtype_of(d)?,
                    None => compute,
                };
                // One positional argument is the stop; `start=`/`step=` keywords alone are not.
                let (has_start, has_step) = (given.len() >= 2, given.len() == 3);
                self.record_creation(
                    e,
                    Creation::Arange {
                        dtype,
                        compute,
                        has_start,
                        has_step,
                    },
                    given,
                );
                Some(Type::array(dtype, 1, Layout::C))
            }
            "linspace" => {
                let b = self.bind_arguments(
                    &what,
                    args,
                    keywords,
                    &["start", "stop", "num", "endpoint"],
                )?;
                let (Some(start), Some(stop)) = (b[0], b[1]) else {
                    return self.error(Diagnostic::error(
                        "type-mismatch",
                        format!("{what} needs start and stop"),
                        span,
                    ));
                };
                for x in [start, stop] {
                    let s = self.scalar_operand(&what, x)?;
                    if s.is_complex() {
                        return self.unsupported_arg(&what, &Type::Scalar(s), x);
                    }
                }
                let mut operands = vec![start, stop];
                if let Some(num) = b[2] {
                    let s = self.scalar_operand(&what, num)?;
                    if !s.is_int() {
                        return self.unsupported_arg("numpy.linspace() num", &Type::Scalar(s), num);
                    }
                    operands.push(num);
                }
                let endpoint = match b[3] {
                    None => true,
                    Some(x) => match self.m.expr(x).kind {
                        ExprKind::Bool(v) => v,
                        _ => {
                            return self.error(Diagnostic::error(
                                "unsupported-syntax",
                                "endpoint= must be True or False written out",
                                self.span(x),
                            ))
                        }
                    },
                };
                self.record_creation(
                    e,
                    Creation::Linspace {
                        endpoint,
                        has_num: b[2].is_some(),
                    },
                    operands,
                );
                Some(Type::array(Scalar::F64, 1, Layout::C))
            }
            "copy" => {
                let b = self.bind_arguments(&what, args, keywords, &["a"])?;
                let Some(a) = b[0] else {
                    return self.error(Diagnostic::error(
                        "type-mismatch",
                        format!("{what} needs an array"),
                        span,
                    ));
                };
                let Type::Array { dtype, ndim, .. } = self.expr(a)? else {
                    return self.error(Diagnostic::error(
                        "type-mismatch",
                        format!("{what} needs an array"),
                        self.span(a),
                    ));
                };
                self.record_creation(e, Creation::Copy { dtype }, vec![a]);
                Some(Type::array(dtype, ndim, Layout::C))
            }
            "eye" | "identity" => {
                let names: &[&str] = if name == "eye" {
                    &["N", "M", "k", "dtype"]
                } else {
                    &["n", "dtype"]
                };
                let b = self.bind_arguments(&what, args, keywords, names)?;
                let Some(n) = b[0] else {
                    return self.error(Diagnostic::error(
                        "type-mismatch",
                        format!("{what} needs a size"),
                        span,
                    ));
                };
                let mut operands = vec![n];
                let (m, k, dtype_expr) = if name == "eye" {
                    (b[1], b[2], b[3])
                } else {
                    (None, None, b[1])
                };
                for x in std::iter::once(n).chain(m) {
                    let s = self.scalar_operand(&what, x)?;
                    if !s.is_int() {
                        return self.unsupported_arg(&what, &Type::Scalar(s), x);
                    }
                }
                operands.extend(m);
                let k = match k {
                    None => 0,
                    Some(x) => match self.const_int(x) {
                        Some(v) => v,
                        None => {
                            return self.error(Diagnostic::error(
                                "unsupported-syntax",
                                "k= must be an integer constant",
                                self.span(x),
                            ))
                        }
                    },
                };
                let dtype = match dtype_expr {
                    Some(d) => self.dtype_of(d)?,
                    None => Scalar::F64,
                };
                self.record_creation(
                    e,
                    Creation::Eye {
                        dtype,
                        k,
                        has_m: m.is_some(),
                    },
                    operands,
                );
                Some(Type::array(dtype, 2, Layout::C))
            }
            _ => {
                // np.array / np.asarray of a literal (nested) list or tuple of numbers.
                let b = self.bind_arguments(&what, args, keywords, &["object", "dtype"])?;
                let Some(object) = b[0] else {
                    return self.error(Diagnostic::error(
                        "type-mismatch",
                        format!("{what} needs an object"),
                        span,
                    ));
                };
                if !matches!(
                    self.m.expr(object).kind,
                    ExprKind::List(_) | ExprKind::Tuple(_)
                ) {
                    if let Some(Type::Array { dtype, ndim, .. }) = self.expr(object) {
                        if b[1].is_none() {
                            self.record_creation(e, Creation::Copy { dtype }, vec![object]);
                            return Some(Type::array(dtype, ndim, Layout::C));
                        }
                    }
                    return self.error(Diagnostic::error(
                        "unsupported-syntax",
                        format!("{what} is supported for a literal list or tuple of numbers"),
                        self.span(object),
                    ));
                }
                let mut shape = Vec::new();
                let mut elements = Vec::new();
                self.flatten_literal(object, 0, &mut shape, &mut elements)?;
                let mut dtype: Option<Scalar> = None;
                for &x in &elements {
                    let s = self.scalar_operand(&what, x)?;
                    dtype = Some(match dtype {
                        None => s,
                        Some(d) if d.is_bool() && s.is_bool() => Scalar::Bool,
                        Some(d) => promote(d, s),
                    });
                }
                let dtype = match (b[1], dtype) {
                    (Some(d), _) => self.dtype_of(d)?,
                    (None, Some(d)) if d.is_int() => {
                        if d.is_unsigned() {
                            Scalar::U64
                        } else {
                            Scalar::I64
                        }
                    }
                    (None, Some(d)) => d,
                    (None, None) => Scalar::F64,
                };
                let ndim = shape.len() as u8;
                self.record_creation(e, Creation::FromLiteral { dtype, shape }, elements);
                Some(Type::array(dtype, ndim.max(1), Layout::C))
            }
        }
    }

    /// Flattens a nested literal list/tuple in C order, checking that it is rectangular.
    fn flatten_literal(
        &mut self,
        e: ExprId,
        depth: usize,
        shape: &mut Vec<i64>,
        out: &mut Vec<ExprId>,
    ) -> Option<()> {
        let m = self.m;
        match &m.expr(e).kind {
            ExprKind::List(items) | ExprKind::Tuple(items) => {
                if depth == shape.len() {
                    shape.push(items.len() as i64);
                } else if shape[depth] != items.len() as i64 || depth > shape.len() {
                    return self.error(Diagnostic::error(
                        "type-mismatch",
                        "the nested sequences must all have the same length (a rectangular array)",
                        self.span(e),
                    ));
                }
                self.instance.expr_types.insert(e, Type::None);
                for &item in items {
                    self.flatten_literal(item, depth + 1, shape, out)?;
                }
                Some(())
            }
            _ => {
                if depth != shape.len() {
                    return self.error(Diagnostic::error(
                        "type-mismatch",
                        "the nested sequences must all have the same depth (a rectangular array)",
                        self.span(e),
                    ));
                }
                out.push(e);
                Some(())
            }
        }
    }

    /// `a.sum()`, `np.max(a)`, ...: a reduction over every element (no `axis=` yet).
    #[allow(clippy::too_many_arguments)]
    fn reduction_call(
        &mut self,
        e: ExprId,
        name: &str,
        array: ExprId,
        base: &Type,
        rest: &[ExprId],
        keywords: &[Keyword],
        span: Span,
    ) -> Option<Type> {
        let Type::Array { dtype, ndim, .. } = base else {
            return None;
        };
        let ndim = *ndim;
        let bound =
            self.bind_arguments(&format!("{name}()"), rest, keywords, &["axis", "keepdims"])?;
        let axis = match bound[0] {
            Some(a) => match self.expr(a)? {
                Type::None => None,
                Type::Scalar(s) if s.is_int() => Some(a),
                other => {
                    return self.error(Diagnostic::error(
                        "type-mismatch",
                        format!("the axis of {name}() must be an integer or None, found {other}"),
                        self.span(a),
                    ))
                }
            },
            None => None,
        };
        let keepdims = match bound[1] {
            Some(k) => match eval_const(self.m, k, 0) {
                Some(Const::Bool(b)) => {
                    self.expr(k)?;
                    b
                }
                _ => {
                    return self.error(Diagnostic::error(
                        "unsupported-syntax",
                        format!("keepdims= of {name}() must be the constant True or False"),
                        self.span(k),
                    ))
                }
            },
            None => false,
        };
        if let Some(axis) = axis {
            if let Some(Const::Int(k)) = eval_const(self.m, axis, 0) {
                if k < -i64::from(ndim) || k >= i64::from(ndim) {
                    return self.error(Diagnostic::error(
                        "type-mismatch",
                        format!("axis {k} is out of bounds for an array of dimension {ndim}"),
                        self.span(axis),
                    ));
                }
            }
        }
        let kind = reduction(name)?;
        let d = *dtype;
        let result = match kind {
            Reduction::Sum | Reduction::Prod => {
                if d.is_bool() || d.is_signed() {
                    Scalar::I64
                } else if d.is_unsigned() {
                    Scalar::U64
                } else {
                    d
                }
            }
            Reduction::Mean => {
                if d.is_float() || d.is_complex() {
                    d
                } else {
                    Scalar::F64
                }
            }
            Reduction::Min | Reduction::Max => {
                if d.is_complex() {
                    return self.error(Diagnostic::error(
                        "type-mismatch",
                        format!("{name}() of complex numbers is not supported"),
                        span,
                    ));
                }
                d
            }
            Reduction::Any | Reduction::All => Scalar::Bool,
            Reduction::ArgMin | Reduction::ArgMax => {
                if d.is_complex() {
                    return self.error(Diagnostic::error(
                        "type-mismatch",
                        format!("{name}() of complex numbers is not supported"),
                        span,
                    ));
                }
                Scalar::I64
            }
        };
        match axis {
            None if !keepdims => {
                self.instance.calls.insert(e, Callee::Reduce(kind));
                self.instance.call_args.insert(e, vec![array]);
                Some(Type::Scalar(result))
            }
            _ => {
                self.instance
                    .calls
                    .insert(e, Callee::ReduceAxis { kind, keepdims });
                self.instance
                    .call_args
                    .insert(e, std::iter::once(array).chain(axis).collect());
                let out_ndim = if keepdims { ndim } else { ndim - 1 };
                if out_ndim == 0 {
                    // `a1d.sum(axis=0)` is a scalar, as in NumPy.
                    Some(Type::Scalar(result))
                } else {
                    Some(Type::array(result, out_ndim, Layout::C))
                }
            }
        }
    }

    fn array_constructor(
        &mut self,
        e: ExprId,
        name: &str,
        fill: Fill,
        args: &[ExprId],
        keywords: &[Keyword],
        span: Span,
    ) -> Option<Type> {
        let like = name.ends_with("_like");
        let mut dtype_expr = None;
        let mut order_expr = None;
        for k in keywords {
            match k.name.as_str() {
                "dtype" => dtype_expr = Some(k.value),
                "order" => order_expr = Some(k.value),
                "shape" if !like => {}
                _ => {
                    return self.error(Diagnostic::error(
                        "unsupported-syntax",
                        format!(
                            "keyword argument `{}` of numpy.{name} is not supported",
                            k.name
                        ),
                        k.span,
                    ))
                }
            }
        }
        let mut positional = args.to_vec();
        if let Some(k) = keywords.iter().find(|k| k.name == "shape") {
            positional.insert(0, k.value);
        }
        if positional.len() == 2 && dtype_expr.is_none() {
            dtype_expr = positional.pop();
        }
        self.arity(&format!("numpy.{name}()"), &positional, 1, 1, span)?;
        let first = self.expr(positional[0])?;
        let dtype = match dtype_expr {
            Some(d) => self.dtype_of(d)?,
            None => match (&first, like) {
                (Type::Array { dtype, .. }, true) => *dtype,
                _ => Scalar::F64,
            },
        };
        let fortran = match order_expr {
            Some(o) => match &self.m.expr(o).kind {
                ExprKind::Str(s) if s == "C" => false,
                ExprKind::Str(s) if s == "F" => true,
                _ => {
                    return self.error(Diagnostic::error(
                        "unsupported-syntax",
                        "order must be the string 'C' or 'F'",
                        self.span(o),
                    ))
                }
            },
            None => {
                like && matches!(
                    first,
                    Type::Array {
                        layout: Layout::F,
                        ..
                    }
                )
            }
        };
        let ndim = if like {
            match first {
                Type::Array { ndim, .. } => ndim,
                other => {
                    return self.unsupported_arg(&format!("numpy.{name}()"), &other, positional[0])
                }
            }
        } else {
            match first {
                Type::Scalar(s) if s.is_int() || s.is_bool() => 1,
                Type::Tuple(items)
                    if items
                        .iter()
                        .all(|t| t.as_scalar().is_some_and(|s| s.is_int()))
                        && !items.is_empty() =>
                {
                    items.len() as u8
                }
                other => {
                    return self.error(Diagnostic::error(
                        "type-mismatch",
                        format!(
                            "the shape must be an integer or a tuple of integers, found {other}"
                        ),
                        self.span(positional[0]),
                    ))
                }
            }
        };
        let callee = if like {
            Callee::NewArrayLike {
                fill,
                dtype,
                fortran,
            }
        } else {
            Callee::NewArray {
                fill,
                dtype,
                fortran,
            }
        };
        self.instance.calls.insert(e, callee);
        self.instance.call_args.insert(e, vec![positional[0]]);
        let layout = if fortran && ndim > 1 {
            Layout::F
        } else {
            Layout::C
        };
        Some(Type::array(dtype, ndim, layout))
    }

    /// A `dtype=` argument: a NumPy type (`np.float32`), a Python builtin (`float`), or a string.
    /// np.minimum, np.where, np.clip, ...: NumPy's dtype rules over every operand (the
    /// condition of `where` aside), broadcasting; all-scalar calls give a scalar.
    fn elementwise_call(
        &mut self,
        e: ExprId,
        f: NpFn,
        name: &str,
        args: &[ExprId],
        span: Span,
    ) -> Option<Type> {
        let arity = match f {
            NpFn::Minimum | NpFn::Maximum | NpFn::Power => 2,
            NpFn::Where | NpFn::Clip => 3,
            _ => 1,
        };
        let what = format!("numpy.{name}()");
        self.arity(&what, args, arity, arity, span)?;
        let tys = self.arg_types(args)?;
        let mut ops = Vec::new();
        let mut ndim = 0;
        for (k, (t, &a)) in tys.iter().zip(args).enumerate() {
            let (dtype, weak) = match t {
                Type::Array { dtype, ndim: n, .. } => {
                    ndim = ndim.max(*n);
                    (*dtype, false)
                }
                Type::Scalar(s) => (*s, is_weak(*s) && !self.is_strong(a)),
                other => return self.unsupported_arg(&what, other, a),
            };
            if f == NpFn::Where && k == 0 {
                continue;
            }
            let real_only = matches!(f, NpFn::Minimum | NpFn::Maximum | NpFn::Clip | NpFn::Sign);
            if real_only && dtype.is_complex() {
                return self.unsupported_arg(&format!("{what} of complex numbers"), t, a);
            }
            ops.push(Operand { dtype, weak });
        }
        let mut compute = numpy_common(&ops).unwrap_or(Scalar::F64);
        let mut result = match f {
            NpFn::Real | NpFn::Imag | NpFn::Abs => compute.real_part(),
            _ => compute,
        };
        if f == NpFn::Power {
            let binary = if ndim == 0 {
                binary_scalar(BinOp::Pow, ops[0].dtype, ops[1].dtype)
            } else {
                numpy_binary(BinOp::Pow, ops[0], ops[1])
            };
            let Some((r, operand)) = binary else {
                return self.error(Diagnostic::error(
                    "type-mismatch",
                    format!(
                        "unsupported operand types for {what}: {} and {}",
                        tys[0], tys[1]
                    ),
                    span,
                ));
            };
            (result, compute) = (r, operand);
        }
        self.instance.calls.insert(e, Callee::Elementwise(f));
        self.instance.call_args.insert(e, args.to_vec());
        self.instance
            .operand_types
            .insert(e, vec![Type::Scalar(compute)]);
        if ndim == 0 {
            Some(Type::Scalar(result))
        } else {
            Some(Type::array(result, ndim, Layout::C))
        }
    }

    /// A call of the prelude's NumPy function `name`. A constant `keepdims=` picks the
    /// `_NAME_keepdims` variant (True) or is dropped (False), since a prelude function's shapes
    /// cannot depend on a run-time flag.
    fn prelude_call(
        &mut self,
        e: ExprId,
        name: &str,
        args: &[ExprId],
        keywords: &[Keyword],
        span: Span,
    ) -> Option<Type> {
        let mut keywords = keywords.to_vec();
        let mut name = name.to_string();
        if let Some(pos) = keywords.iter().position(|k| k.name == "keepdims") {
            let variant = format!("_{name}_keepdims");
            match eval_const(self.m, keywords[pos].value, 0) {
                Some(Const::Bool(false)) => {
                    keywords.remove(pos);
                }
                Some(Const::Bool(true)) if self.m.prelude_function(&variant).is_some() => {
                    keywords.remove(pos);
                    name = variant;
                }
                _ => {}
            }
        }
        let f = self.m.prelude_function(&name)?;
        self.user_call(e, f, args, &keywords, span)
    }

    /// `isinstance(x, T)`: decided by x's type, a constant (which also decides an `if`).
    fn isinstance(&mut self, e: ExprId, args: &[ExprId], span: Span) -> Option<Type> {
        self.arity("isinstance()", args, 2, 2, span)?;
        let ty = self.expr(args[0])?;
        let classes: Vec<ExprId> = match &self.m.expr(args[1]).kind {
            ExprKind::Tuple(items) => items.clone(),
            _ => vec![args[1]],
        };
        let mut result = false;
        for c in classes {
            let name = match &self.m.expr(c).kind {
                ExprKind::Name(n) => n.clone(),
                ExprKind::Attribute { attr, .. } => attr.clone(),
                _ => String::new(),
            };
            let matches = match (name.as_str(), &ty) {
                ("int", Type::Scalar(s)) => s.is_int() || s.is_bool(),
                ("float", Type::Scalar(s)) => s.is_float(),
                ("complex", Type::Scalar(s)) => s.is_complex(),
                ("bool", Type::Scalar(s)) => s.is_bool(),
                ("tuple", Type::Tuple(_)) => true,
                ("ndarray", Type::Array { .. }) => true,
                ("int" | "float" | "complex" | "bool" | "tuple" | "ndarray", _) => false,
                _ => {
                    return self.error(Diagnostic::error(
                        "unsupported-syntax",
                        "isinstance() supports int, float, complex, bool, tuple and np.ndarray",
                        self.span(c),
                    ))
                }
            };
            result |= matches;
        }
        self.instance.const_exprs.insert(e, Const::Bool(result));
        Some(Type::BOOL)
    }

    /// `a.T`, `a.reshape(...)`, `a.ravel()`, `a.flatten()`, `a.fill(v)`.
    fn shape_op(
        &mut self,
        e: ExprId,
        name: &str,
        array: ExprId,
        args: &[ExprId],
        span: Span,
    ) -> Option<Type> {
        let base = self.expr(array)?;
        let Type::Array {
            dtype,
            ndim,
            layout,
        } = base
        else {
            return None;
        };
        // A reshape of a C array is C; of anything else, a view with whatever strides fit (or a
        // C copy), so layout A.
        let reshaped = if layout == Layout::C {
            Layout::C
        } else {
            Layout::A
        };
        let what = format!("{name}()");
        let (op, ty) = match name {
            "transpose" if args.is_empty() => (ShapeOp::Transpose, transposed(&base)),
            "transpose" => {
                // Constant axes: a permutation of 0..ndim (negative axes count from the end).
                let items: Vec<ExprId> = match &self.m.expr(args[0]).kind {
                    ExprKind::Tuple(items) if args.len() == 1 => items.clone(),
                    _ => args.to_vec(),
                };
                let mut seen = vec![false; ndim as usize];
                for &i in &items {
                    let k = self.const_int(i);
                    let k = k.map(|k| if k < 0 { k + i64::from(ndim) } else { k });
                    match k {
                        Some(k) if (0..i64::from(ndim)).contains(&k) && !seen[k as usize] => {
                            seen[k as usize] = true;
                            self.instance.expr_types.insert(i, Type::I64);
                        }
                        _ => {
                            return self.error(Diagnostic::error(
                                "type-mismatch",
                                format!("transpose() axes must be a permutation of 0..{ndim} given as constants"),
                                self.span(i),
                            ))
                        }
                    }
                }
                if items.len() != ndim as usize {
                    return self.error(Diagnostic::error(
                        "type-mismatch",
                        format!(
                            "transpose() needs {ndim} axes for a {ndim}-d array, {} given",
                            items.len()
                        ),
                        span,
                    ));
                }
                if let [single] = args {
                    if matches!(self.m.expr(*single).kind, ExprKind::Tuple(_)) {
                        self.instance.expr_types.insert(*single, Type::None);
                    }
                }
                self.instance
                    .calls
                    .insert(e, Callee::Shape(ShapeOp::Permute));
                self.instance
                    .call_args
                    .insert(e, std::iter::once(array).chain(items).collect());
                return Some(Type::array(dtype, ndim, Layout::A));
            }
            "ravel" | "flatten" => {
                self.arity(&what, args, 0, 0, span)?;
                if name == "ravel" {
                    (ShapeOp::Ravel, Type::array(dtype, 1, reshaped))
                } else {
                    (ShapeOp::Flatten, Type::array(dtype, 1, Layout::C))
                }
            }
            "fill" => {
                self.arity(&what, args, 1, 1, span)?;
                self.scalar_operand(&what, args[0])?;
                self.mark_written(array);
                (ShapeOp::Fill, Type::None)
            }
            _ => {
                if args.is_empty() {
                    self.arity(&what, args, 1, 32, span)?;
                }
                let tys = self.arg_types(args)?;
                let new_ndim = match tys.as_slice() {
                    [Type::Tuple(items)] => {
                        if items
                            .iter()
                            .any(|t| !t.as_scalar().is_some_and(|s| s.is_int()))
                        {
                            return self.unsupported_arg(&what, &tys[0], args[0]);
                        }
                        items.len()
                    }
                    _ => {
                        for (t, &a) in tys.iter().zip(args) {
                            if !t.as_scalar().is_some_and(|s| s.is_int()) {
                                return self.unsupported_arg(&what, t, a);
                            }
                        }
                        args.len()
                    }
                };
                if new_ndim == 0 || new_ndim > 32 {
                    return self.error(Diagnostic::error(
                        "unsupported-syntax",
                        "reshape() needs between 1 and 32 dimensions",
                        span,
                    ));
                }
                (
                    ShapeOp::Reshape,
                    Type::array(dtype, new_ndim as u8, reshaped),
                )
            }
        };
        let _ = ndim;
        self.instance.calls.insert(e, Callee::Shape(op));
        self.instance.call_args.insert(
            e,
            std::iter::once(array).chain(args.iter().copied()).collect(),
        );
        Some(ty)
    }

    fn dtype_of(&mut self, d: ExprId) -> Option<Scalar> {
        let m = self.m;
        if let ExprKind::Attribute { value, attr } = &m.expr(d).kind {
            if attr == "dtype" && !self.is_symbol_path(*value) {
                // An array's dtype, or a NumPy scalar's (`a.sum().dtype`): known from the types
                // alone, so the expression is never evaluated.
                match self.expr(*value)? {
                    Type::Array { dtype, .. } | Type::Scalar(dtype) => return Some(dtype),
                    _ => {}
                }
            }
        }
        if let ExprKind::Call { func, args, .. } = &m.expr(d).kind {
            if let Some(Sym::ModuleMember { module, name }) = self.symbol(*func) {
                if module == "numpy" && name == "result_type" && !args.is_empty() {
                    let mut ops = Vec::new();
                    for t in self.arg_types(args)? {
                        match t {
                            Type::Array { dtype, .. } => ops.push(Operand { dtype, weak: false }),
                            Type::Scalar(s) => ops.push(Operand {
                                dtype: s,
                                weak: is_weak(s),
                            }),
                            _ => {}
                        }
                    }
                    if let Some(s) = numpy_common(&ops) {
                        return Some(s);
                    }
                }
            }
        }
        let found = match &m.expr(d).kind {
            ExprKind::Str(s) => pyaot_types::parse_type(s).ok().and_then(|t| t.as_scalar()),
            _ => match self.symbol(d) {
                Some(Sym::ModuleMember { module, name }) if module == "numpy" => {
                    numpy_scalar_type(&name)
                }
                Some(Sym::Builtin("int")) => Some(Scalar::I64),
                Some(Sym::Builtin("float")) => Some(Scalar::F64),
                Some(Sym::Builtin("bool")) => Some(Scalar::Bool),
                Some(Sym::Builtin("complex")) => Some(Scalar::C128),
                _ => None,
            },
        };
        match found {
            Some(s) => Some(s),
            None => self.error(Diagnostic::error(
                "unsupported-type",
                "unsupported dtype: use a NumPy scalar type (np.float64), a builtin (float, int, bool, complex) or a string ('f8')",
                self.span(d),
            )),
        }
    }
}

/// The prelude function behind `a[mask] op= v`.
fn mask_aug_helper(op: BinOp) -> Option<&'static str> {
    Some(match op {
        BinOp::Add => "_mask_iadd",
        BinOp::Sub => "_mask_isub",
        BinOp::Mul => "_mask_imul",
        BinOp::Div => "_mask_itruediv",
        BinOp::FloorDiv => "_mask_ifloordiv",
        BinOp::Mod => "_mask_imod",
        BinOp::Pow => "_mask_ipow",
        BinOp::BitAnd => "_mask_iand",
        BinOp::BitOr => "_mask_ior",
        BinOp::BitXor => "_mask_ixor",
        _ => return None,
    })
}

fn np_elementwise(name: &str) -> Option<NpFn> {
    Some(match name {
        "minimum" => NpFn::Minimum,
        "maximum" => NpFn::Maximum,
        "where" => NpFn::Where,
        "clip" => NpFn::Clip,
        "sign" => NpFn::Sign,
        "square" => NpFn::Square,
        "conj" | "conjugate" => NpFn::Conj,
        "real" => NpFn::Real,
        "imag" => NpFn::Imag,
        _ => return None,
    })
}

/// The names an assignment target binds (`a`, `a, (b, c)`).
fn collect_names(m: &Module, target: ExprId, out: &mut Vec<String>) {
    match &m.expr(target).kind {
        ExprKind::Name(name) => out.push(name.clone()),
        ExprKind::Tuple(items) | ExprKind::List(items) => {
            for &i in items {
                collect_names(m, i, out);
            }
        }
        _ => {}
    }
}

/// The type of an array with its axes reversed: C and F layouts swap.
fn transposed(t: &Type) -> Type {
    match *t {
        Type::Array {
            dtype,
            ndim,
            layout,
        } => {
            let layout = match layout {
                Layout::C if ndim > 1 => Layout::F,
                Layout::F if ndim > 1 => Layout::C,
                other => other,
            };
            Type::array(dtype, ndim, layout)
        }
        _ => t.clone(),
    }
}

/// NumPy's typing of a binary operation with at least one array operand: the result dtype, the
/// operand dtype, and the result's dimensions.
///
/// `strong` says which operands are NumPy scalars (an array's element, a reduction, `np.float64`):
/// those take part in promotion with their own dtype, where a Python scalar is weak (NEP 50).
fn array_binary(
    op: BinOp,
    l: &Type,
    r: &Type,
    strong: (bool, bool),
) -> Option<(Scalar, Scalar, u8)> {
    let operand = |t: &Type, strong: bool| match t {
        Type::Array { dtype, ndim, .. } => Some((
            Operand {
                dtype: *dtype,
                weak: false,
            },
            *ndim,
        )),
        Type::Scalar(s) => Some((
            Operand {
                dtype: *s,
                weak: is_weak(*s) && !strong,
            },
            0,
        )),
        _ => None,
    };
    let ((a, na), (b, nb)) = (operand(l, strong.0)?, operand(r, strong.1)?);
    if na == 0 && nb == 0 {
        return None;
    }
    let (result, common) = numpy_binary(op, a, b)?;
    Some((result, common, na.max(nb)))
}

/// The reductions by their method and NumPy names.
fn reduction(name: &str) -> Option<Reduction> {
    Some(match name {
        "sum" => Reduction::Sum,
        "prod" => Reduction::Prod,
        "min" | "amin" => Reduction::Min,
        "max" | "amax" => Reduction::Max,
        "mean" => Reduction::Mean,
        "any" => Reduction::Any,
        "all" => Reduction::All,
        "argmin" => Reduction::ArgMin,
        "argmax" => Reduction::ArgMax,
        _ => return None,
    })
}

fn math_fn(name: &str) -> Option<MathFn> {
    Some(match name {
        "sqrt" => MathFn::Sqrt,
        "exp" => MathFn::Exp,
        "log" => MathFn::Log,
        "log10" => MathFn::Log10,
        "log2" => MathFn::Log2,
        "log1p" => MathFn::Log1p,
        "expm1" => MathFn::Expm1,
        "sin" => MathFn::Sin,
        "cos" => MathFn::Cos,
        "tan" => MathFn::Tan,
        "asin" => MathFn::Asin,
        "acos" => MathFn::Acos,
        "atan" => MathFn::Atan,
        "atan2" => MathFn::Atan2,
        "sinh" => MathFn::Sinh,
        "cosh" => MathFn::Cosh,
        "tanh" => MathFn::Tanh,
        "hypot" => MathFn::Hypot,
        "floor" => MathFn::Floor,
        "ceil" => MathFn::Ceil,
        "trunc" => MathFn::Trunc,
        "fabs" => MathFn::Fabs,
        "pow" => MathFn::Pow,
        "copysign" => MathFn::Copysign,
        "fmod" => MathFn::Fmod,
        "erf" => MathFn::Erf,
        "erfc" => MathFn::Erfc,
        "gamma" => MathFn::Gamma,
        "lgamma" => MathFn::Lgamma,
        "isnan" => MathFn::IsNan,
        "isinf" => MathFn::IsInf,
        "isfinite" => MathFn::IsFinite,
        _ => return None,
    })
}

/// NumPy ufuncs that, applied to scalars, are the math functions (NumPy's names differ a little).
fn numpy_math(name: &str) -> Option<MathFn> {
    match name {
        "arcsin" => Some(MathFn::Asin),
        "arccos" => Some(MathFn::Acos),
        "arctan" => Some(MathFn::Atan),
        "arctan2" => Some(MathFn::Atan2),
        "power" => Some(MathFn::Pow),
        "gamma" | "lgamma" | "pow" | "asin" | "acos" | "atan" | "atan2" => None,
        _ => math_fn(name),
    }
}

/// NumPy scalar type names usable as `dtype=` and as conversion functions.
pub(crate) fn numpy_scalar_type(name: &str) -> Option<Scalar> {
    Some(match name {
        "bool_" | "bool" => Scalar::Bool,
        "int8" | "byte" => Scalar::I8,
        "int16" | "short" => Scalar::I16,
        "int32" | "intc" => Scalar::I32,
        "int64" | "intp" | "int_" | "longlong" => Scalar::I64,
        "uint8" | "ubyte" => Scalar::U8,
        "uint16" | "ushort" => Scalar::U16,
        "uint32" | "uintc" => Scalar::U32,
        "uint64" | "uintp" | "ulonglong" => Scalar::U64,
        "float32" | "single" => Scalar::F32,
        "float64" | "double" | "float_" => Scalar::F64,
        "complex64" | "csingle" => Scalar::C64,
        "complex128" | "cdouble" | "complex_" => Scalar::C128,
        _ => return None,
    })
}

/// True if control never falls off the end of `body` (every path returns or raises); `if`
/// statements the types decide count by their taken branch.
pub(crate) fn block_terminates(
    m: &Module,
    static_ifs: &HashMap<StmtId, bool>,
    body: &[StmtId],
) -> bool {
    body.iter().any(|&s| stmt_terminates(m, static_ifs, s))
}

fn stmt_terminates(m: &Module, static_ifs: &HashMap<StmtId, bool>, s: StmtId) -> bool {
    match &m.stmt(s).kind {
        StmtKind::Return(_) | StmtKind::Raise { .. } => true,
        StmtKind::If { body, orelse, .. } => match static_ifs.get(&s) {
            Some(true) => block_terminates(m, static_ifs, body),
            Some(false) => block_terminates(m, static_ifs, orelse),
            None => {
                block_terminates(m, static_ifs, body) && block_terminates(m, static_ifs, orelse)
            }
        },
        StmtKind::While { test, body, .. } => {
            matches!(
                m.expr(*test).kind,
                ExprKind::Bool(true) | ExprKind::Int(1..)
            ) && !contains_break(m, body)
        }
        StmtKind::Assert { test, .. } => matches!(m.expr(*test).kind, ExprKind::Bool(false)),
        _ => false,
    }
}

fn contains_break(m: &Module, body: &[StmtId]) -> bool {
    body.iter().any(|&s| match &m.stmt(s).kind {
        StmtKind::Break => true,
        StmtKind::If { body, orelse, .. } => contains_break(m, body) || contains_break(m, orelse),
        _ => false,
    })
}
