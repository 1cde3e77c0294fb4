//! Kernels: one LLVM function per typed instance, `i32 kernel(Ret* out, params...)` returning 0,
//! or -1 with a Python exception set. Locals live in allocas (mem2reg promotes them); array
//! values own a reference to their `numpy.ndarray` while stored in a local, and every local is
//! released on the single exit path.

use std::collections::HashSet;

use inkwell::basic_block::BasicBlock;
use inkwell::module::Linkage;
use inkwell::types::{BasicType, BasicTypeEnum};
use inkwell::values::{
    BasicValue, BasicValueEnum, FloatValue, FunctionValue, IntValue, PointerValue,
};
use inkwell::{FloatPredicate, IntPredicate};
use pyaot_infer::{
    ArrayAttr, Builtin, Callee, ComplexAttr, Const, Creation, Fill, Instance, Iterable, MathFn,
    NameRes, NpFn, Program, Reduction, ShapeOp,
};
use pyaot_syntax::{BinOp, BoolOp, CmpOp, ExprId, ExprKind, Module, StmtId, StmtKind, UnaryOp};
use pyaot_types::{Layout, Scalar, Type};

use crate::types::Gen;
use crate::{internal, CodegenError};

type R<T> = Result<T, CodegenError>;

/// The body of an index loop: the indices and the flat position.
type IndexBody<'f, 'g, 'a, 'ctx> =
    dyn FnMut(&mut FnGen<'g, 'a, 'ctx>, &[IntValue<'ctx>], IntValue<'ctx>) -> R<()> + 'f;

/// An element function of an array expression: operand elements (with their dtypes) to a result.
type LocalIdx = u32;

type ElementFn<'f, 'g, 'a, 'ctx> = dyn FnMut(&mut FnGen<'g, 'a, 'ctx>, &[(BasicValueEnum<'ctx>, Scalar)]) -> R<BasicValueEnum<'ctx>>
    + 'f;

/// An elementwise expression tree fused into one loop: leaves index the operands evaluated
/// before the loop.
enum Fused {
    Leaf(usize),
    Node { e: ExprId, kids: Vec<Fused> },
}

/// Declares and defines a kernel for every instance; returns them indexed by instance.
pub(crate) fn emit_kernels<'ctx>(
    g: &Gen<'_, 'ctx>,
    ast: &Module,
    program: &Program,
) -> R<Vec<FunctionValue<'ctx>>> {
    let kernels: Vec<FunctionValue<'ctx>> = program
        .instances
        .iter()
        .map(|inst| declare_kernel(g, inst))
        .collect();
    for (i, (inst, &function)) in program.instances.iter().zip(&kernels).enumerate() {
        let recursive = calls_itself(program, i);
        FnGen::emit(g, ast, program, &kernels, inst, function, recursive)?;
    }
    Ok(kernels)
}

/// True if instance `start` can call itself (directly or through others).
fn calls_itself(program: &Program, start: usize) -> bool {
    let callees = |i: usize| -> Vec<usize> {
        program.instances[i]
            .calls
            .values()
            .filter_map(|c| match c {
                Callee::Function(id) => Some(id.0 as usize),
                _ => None,
            })
            .collect()
    };
    let mut seen = vec![false; program.instances.len()];
    let mut stack = callees(start);
    while let Some(i) = stack.pop() {
        if i == start {
            return true;
        }
        if !std::mem::replace(&mut seen[i], true) {
            stack.extend(callees(i));
        }
    }
    false
}

fn declare_kernel<'ctx>(g: &Gen<'_, 'ctx>, inst: &Instance) -> FunctionValue<'ctx> {
    let mut params: Vec<BasicTypeEnum<'ctx>> =
        vec![g.ty(&inst.ret).ptr_type(Default::default()).into()];
    params.extend(inst.param_types.iter().map(|t| g.ty(t)));
    let f = g.declare(
        &format!("pyaot.kernel.{}", inst.symbol),
        Some(g.i32().into()),
        &params,
    );
    f.set_linkage(Linkage::Internal);
    f
}

/// A value produced by an expression; `owned` says whether it holds its own references (a new
/// array) that the consumer must keep or release, rather than borrowing a local's.
#[derive(Clone, Copy)]
struct Val<'ctx> {
    v: BasicValueEnum<'ctx>,
    owned: bool,
}

impl<'ctx> Val<'ctx> {
    fn plain(v: impl BasicValue<'ctx>) -> Self {
        Val {
            v: v.as_basic_value_enum(),
            owned: false,
        }
    }
}

struct FnGen<'g, 'a, 'ctx> {
    g: &'g Gen<'a, 'ctx>,
    ast: &'g Module,
    program: &'g Program,
    kernels: &'g [FunctionValue<'ctx>],
    inst: &'g Instance,
    function: FunctionValue<'ctx>,
    entry: BasicBlock<'ctx>,
    locals: Vec<PointerValue<'ctx>>,
    ret_ptr: PointerValue<'ctx>,
    status: PointerValue<'ctx>,
    exit: BasicBlock<'ctx>,
    /// (continue target, break target) of the enclosing loops.
    loops: Vec<(BasicBlock<'ctx>, BasicBlock<'ctx>)>,
    /// Index expressions proven in bounds by the check before the loop being emitted.
    unchecked: HashSet<ExprId>,
    /// Inside element loops of array expressions: division by zero gives inf/nan (floats) or 0
    /// (integers) as in NumPy, instead of raising ZeroDivisionError as Python scalars do.
    numpy_semantics: bool,
    /// The call expression being emitted (for side tables keyed by it).
    current_call: Option<ExprId>,
    /// Owned temporaries of the expression being evaluated that an exception must free.
    pending: Vec<(BasicValueEnum<'ctx>, Type)>,
}

impl<'g, 'a, 'ctx> FnGen<'g, 'a, 'ctx> {
    fn emit(
        g: &'g Gen<'a, 'ctx>,
        ast: &'g Module,
        program: &'g Program,
        kernels: &'g [FunctionValue<'ctx>],
        inst: &'g Instance,
        function: FunctionValue<'ctx>,
        recursive: bool,
    ) -> R<()> {
        let cx = g.cx;
        let entry = cx.append_basic_block(function, "entry");
        let body = cx.append_basic_block(function, "body");
        let exit = cx.append_basic_block(function, "exit");
        g.builder.position_at_end(entry);
        let status = g.builder.build_alloca(g.i32(), "status")?;
        g.builder.build_store(status, g.i32().const_zero())?;
        let ret_ptr = function
            .get_nth_param(0)
            .ok_or_else(|| internal("kernel without out-param"))?
            .into_pointer_value();
        let mut locals = Vec::new();
        for local in &inst.locals {
            let ty = g.ty(&local.ty);
            let slot = g.builder.build_alloca(ty, &local.name)?;
            g.builder.build_store(slot, ty.const_zero())?;
            locals.push(slot);
        }
        let mut fg = FnGen {
            g,
            ast,
            program,
            kernels,
            inst,
            function,
            entry,
            locals,
            ret_ptr,
            status,
            exit,
            loops: Vec::new(),
            unchecked: HashSet::new(),
            numpy_semantics: false,
            current_call: None,
            pending: Vec::new(),
        };
        g.builder.position_at_end(body);
        if recursive {
            // Recursion is bounded by Python's recursion limit (RecursionError, as CPython
            // raises) instead of overflowing the C stack.
            let enter = g.declare(
                "Py_EnterRecursiveCall",
                Some(g.i32().into()),
                &[g.ptr().into()],
            );
            let at = g.cstr(" in a compiled function", "recursion.where");
            let failed = fg.call_basic(enter, &[at.into()])?.into_int_value();
            let bad = g.builder.build_int_compare(
                IntPredicate::NE,
                failed,
                g.i32().const_zero(),
                "deep",
            )?;
            let refuse = cx.append_basic_block(function, "too.deep");
            let go = cx.append_basic_block(function, "body.go");
            g.builder.build_conditional_branch(bad, refuse, go)?;
            g.builder.position_at_end(refuse);
            g.builder
                .build_return(Some(&g.i32().const_int(u64::MAX, true)))?;
            g.builder.position_at_end(go);
        }
        for (i, ty) in inst.param_types.iter().enumerate() {
            let value = function
                .get_nth_param(i as u32 + 1)
                .ok_or_else(|| internal("missing kernel parameter"))?;
            fg.incref(value, ty)?;
            g.builder.build_store(fg.locals[i], value)?;
        }
        let func = ast.function(inst.func);
        fg.block(&func.body)?;
        if !fg.terminated() {
            // Falling off the end returns None (inference guarantees the type allows it).
            fg.g.builder.build_unconditional_branch(exit)?;
        }
        // The exit path releases every local and returns the status.
        g.builder.position_at_end(exit);
        for (slot, local) in fg.locals.iter().zip(&inst.locals) {
            if local.ty.holds_references() {
                let value = g.builder.build_load(*slot, "old")?;
                fg.decref(value, &local.ty)?;
            }
        }
        if recursive {
            let leave = g.declare("Py_LeaveRecursiveCall", None, &[]);
            g.builder.build_call(leave, &[], "")?;
        }
        let st = g.builder.build_load(status, "st")?;
        g.builder.build_return(Some(&st))?;
        g.builder.position_at_end(entry);
        g.builder.build_unconditional_branch(body)?;
        Ok(())
    }

    // ----- helpers -----

    fn b(&self) -> &inkwell::builder::Builder<'ctx> {
        &self.g.builder
    }

    fn terminated(&self) -> bool {
        self.b()
            .get_insert_block()
            .is_none_or(|bb| bb.get_terminator().is_some())
    }

    fn new_block(&self, name: &str) -> BasicBlock<'ctx> {
        self.g.cx.append_basic_block(self.function, name)
    }

    /// An alloca in the entry block, so that it is allocated once per call, not per iteration.
    fn alloca(&self, ty: BasicTypeEnum<'ctx>, name: &str) -> R<PointerValue<'ctx>> {
        let builder = self.g.cx.create_builder();
        match self.entry.get_first_instruction() {
            Some(first) => builder.position_before(&first),
            None => builder.position_at_end(self.entry),
        }
        Ok(builder.build_alloca(ty, name)?)
    }

    fn ty_of(&self, e: ExprId) -> R<Type> {
        self.inst
            .expr_types
            .get(&e)
            .cloned()
            .ok_or_else(|| internal(format!("expression {e:?} has no type")))
    }

    fn span_text(&self, e: ExprId) -> String {
        format!("{:?}", self.ast.expr(e).kind)
    }

    fn i64c(&self, v: i64) -> IntValue<'ctx> {
        self.g.i64().const_int(v as u64, true)
    }

    fn i32c(&self, v: i32) -> IntValue<'ctx> {
        self.g.i32().const_int(v as u64, true)
    }

    /// Sets status to -1 and jumps to the exit path; the Python exception is already set.
    fn fail(&self) -> R<()> {
        for (v, ty) in &self.pending {
            self.decref(*v, ty)?;
        }
        self.b().build_store(self.status, self.i32c(-1))?;
        self.b().build_unconditional_branch(self.exit)?;
        Ok(())
    }

    /// Raises a builtin exception and leaves the function; emission continues in a dead block.
    fn raise(&self, class: &str, message: Option<&str>) -> R<()> {
        let g = self.g;
        let f = g.declare("pyaot_raise", None, &[g.ptr().into(), g.ptr().into()]);
        let class_ptr = g.cstr(class, "exc.class");
        let msg_ptr = match message {
            Some(m) => g.cstr(m, "exc.msg"),
            None => g.ptr().const_null(),
        };
        self.b()
            .build_call(f, &[class_ptr.into(), msg_ptr.into()], "")?;
        self.fail()?;
        let dead = self.new_block("after.raise");
        self.b().position_at_end(dead);
        Ok(())
    }

    /// If `cond`, raises `class(message)`; otherwise continues.
    fn raise_if(&self, cond: IntValue<'ctx>, class: &str, message: &str) -> R<()> {
        let bad = self.new_block("err");
        let ok = self.new_block("ok");
        self.b().build_conditional_branch(cond, bad, ok)?;
        self.b().position_at_end(bad);
        self.raise(class, Some(message))?;
        self.b().build_unconditional_branch(ok)?;
        self.b().position_at_end(ok);
        Ok(())
    }

    /// Jumps to the exit path if a runtime call returned nonzero.
    fn check_status(&self, st: IntValue<'ctx>) -> R<()> {
        let bad = self
            .b()
            .build_int_compare(IntPredicate::NE, st, self.i32c(0), "bad")?;
        let fail = self.new_block("fail");
        let ok = self.new_block("ok");
        self.b().build_conditional_branch(bad, fail, ok)?;
        self.b().position_at_end(fail);
        self.fail()?;
        self.b().position_at_end(ok);
        Ok(())
    }

    fn call_rt(
        &self,
        f: FunctionValue<'ctx>,
        args: &[BasicValueEnum<'ctx>],
    ) -> R<Option<BasicValueEnum<'ctx>>> {
        let args: Vec<_> = args.iter().map(|a| (*a).into()).collect();
        let call = self.b().build_call(f, &args, "")?;
        Ok(match call.try_as_basic_value() {
            inkwell::values::ValueKind::Basic(v) => Some(v),
            inkwell::values::ValueKind::Instruction(_) => None,
        })
    }

    fn call_basic(
        &self,
        f: FunctionValue<'ctx>,
        args: &[BasicValueEnum<'ctx>],
    ) -> R<BasicValueEnum<'ctx>> {
        self.call_rt(f, args)?
            .ok_or_else(|| internal("call returned void"))
    }

    // ----- reference counting -----

    fn refcount(&self, v: BasicValueEnum<'ctx>, ty: &Type, name: &str) -> R<()> {
        match ty {
            Type::Array { .. } => {
                let f = self.g.declare(name, None, &[self.g.ptr().into()]);
                let owner = self
                    .b()
                    .build_extract_value(v.into_struct_value(), 1, "owner")?;
                self.call_rt(f, &[owner])?;
            }
            Type::Tuple(items) => {
                for (i, item) in items.iter().enumerate() {
                    if item.holds_references() {
                        let field = self.b().build_extract_value(
                            v.into_struct_value(),
                            i as u32,
                            "item",
                        )?;
                        self.refcount(field, item, name)?;
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn incref(&self, v: BasicValueEnum<'ctx>, ty: &Type) -> R<()> {
        self.refcount(v, ty, "pyaot_incref")
    }

    fn decref(&self, v: BasicValueEnum<'ctx>, ty: &Type) -> R<()> {
        self.refcount(v, ty, "pyaot_decref")
    }

    /// Makes `val` hold its own references (borrowed values get a new reference).
    fn owned_value(&self, val: Val<'ctx>, ty: &Type) -> R<BasicValueEnum<'ctx>> {
        if !val.owned && ty.holds_references() {
            self.incref(val.v, ty)?;
        }
        Ok(val.v)
    }

    /// Releases a temporary that was not stored anywhere.
    fn release(&self, val: Val<'ctx>, ty: &Type) -> R<()> {
        if val.owned && ty.holds_references() {
            self.decref(val.v, ty)?;
        }
        Ok(())
    }

    // ----- statements -----

    fn block(&mut self, body: &[StmtId]) -> R<()> {
        for &s in body {
            if self.terminated() {
                let dead = self.new_block("dead");
                self.b().position_at_end(dead);
            }
            self.stmt(s)?;
            if self.inst.ends_block.contains(&s) {
                break;
            }
        }
        Ok(())
    }

    /// Emits `body`, then a jump to `next` unless the body already left (return, break, raise).
    fn block_then(&mut self, body: &[StmtId], next: BasicBlock<'ctx>) -> R<()> {
        self.block(body)?;
        if !self.terminated() {
            self.b().build_unconditional_branch(next)?;
        }
        Ok(())
    }

    fn stmt(&mut self, id: StmtId) -> R<()> {
        let ast = self.ast;
        match &ast.stmt(id).kind {
            StmtKind::Expr(e) => {
                if matches!(ast.expr(*e).kind, ExprKind::Str(_) | ExprKind::Ellipsis) {
                    return Ok(());
                }
                let ty = self.ty_of(*e)?;
                let v = self.expr(*e)?;
                self.release(v, &ty)
            }
            StmtKind::Assign { targets, value } => {
                if let [target] = targets.as_slice() {
                    if let Some(Callee::Function(_)) = self.inst.calls.get(target) {
                        // `a[mask] = v`: the prelude call takes the value as an argument.
                        let ty = self.ty_of(*target)?;
                        let done = self.call(*target, *target, &[])?;
                        return self.release(done, &ty);
                    }
                }
                let ty = self.ty_of(*value)?;
                let v = self.expr(*value)?;
                // `a = b = f()`: every target but the last takes a new reference.
                for &t in targets {
                    let borrowed = Val {
                        v: v.v,
                        owned: false,
                    };
                    self.assign(t, borrowed, &ty)?;
                }
                self.release(v, &ty)
            }
            StmtKind::AnnAssign { target, value } => {
                if let Some(value) = value {
                    let ty = self.ty_of(*value)?;
                    let v = self.expr(*value)?;
                    self.assign(
                        *target,
                        Val {
                            v: v.v,
                            owned: false,
                        },
                        &ty,
                    )?;
                    self.release(v, &ty)?;
                }
                Ok(())
            }
            StmtKind::AugAssign { target, op, value } => self.aug_assign(id, *target, *op, *value),
            StmtKind::Return(value) => {
                let ret_ty = self.inst.ret.clone();
                if let Some(value) = value {
                    let ty = self.ty_of(*value)?;
                    let v = self.expr(*value)?;
                    let owned = self.owned_value(v, &ty)?;
                    let converted = self.cast(owned, &ty, &ret_ty)?;
                    self.b().build_store(self.ret_ptr, converted)?;
                } else {
                    self.b()
                        .build_store(self.ret_ptr, self.g.ty(&ret_ty).const_zero())?;
                }
                self.b().build_unconditional_branch(self.exit)?;
                Ok(())
            }
            StmtKind::If { test, body, orelse } => {
                if let Some(&taken) = self.inst.static_ifs.get(&id) {
                    return self.block(if taken { body } else { orelse });
                }
                let cond = self.condition(*test)?;
                let then_bb = self.new_block("then");
                let else_bb = self.new_block("else");
                let end = self.new_block("endif");
                self.b().build_conditional_branch(cond, then_bb, else_bb)?;
                self.b().position_at_end(then_bb);
                self.block_then(body, end)?;
                self.b().position_at_end(else_bb);
                self.block_then(orelse, end)?;
                self.b().position_at_end(end);
                Ok(())
            }
            StmtKind::While { test, body, orelse } => {
                let head = self.new_block("while.head");
                let body_bb = self.new_block("while.body");
                let else_bb = self.new_block("while.else");
                let end = self.new_block("while.end");
                self.b().build_unconditional_branch(head)?;
                self.b().position_at_end(head);
                let cond = self.condition(*test)?;
                self.b().build_conditional_branch(cond, body_bb, else_bb)?;
                self.b().position_at_end(body_bb);
                self.loops.push((head, end));
                self.block_then(body, head)?;
                self.loops.pop();
                self.b().position_at_end(else_bb);
                self.block_then(orelse, end)?;
                self.b().position_at_end(end);
                Ok(())
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => match self.inst.iterables.get(iter) {
                Some(Iterable::Range) | None => self.for_range(*target, *iter, body, orelse),
                Some(_) => self.for_general(*target, *iter, body, orelse),
            },
            StmtKind::Break => {
                let (_, brk) = *self
                    .loops
                    .last()
                    .ok_or_else(|| internal("break outside a loop"))?;
                self.b().build_unconditional_branch(brk)?;
                Ok(())
            }
            StmtKind::Continue => {
                let (cont, _) = *self
                    .loops
                    .last()
                    .ok_or_else(|| internal("continue outside a loop"))?;
                self.b().build_unconditional_branch(cont)?;
                Ok(())
            }
            StmtKind::Pass => Ok(()),
            StmtKind::Raise { .. } => {
                let (class, message) = self
                    .inst
                    .raises
                    .get(&id)
                    .cloned()
                    .ok_or_else(|| internal("raise without resolution"))?;
                self.raise(&class, message.as_deref())
            }
            StmtKind::Assert { test, msg } => {
                let cond = self.condition(*test)?;
                let message = msg.and_then(|m| match &ast.expr(m).kind {
                    ExprKind::Str(s) => Some(s.clone()),
                    _ => None,
                });
                let bad = self.b().build_not(cond, "assert.failed")?;
                let fail = self.new_block("assert.fail");
                let ok = self.new_block("assert.ok");
                self.b().build_conditional_branch(bad, fail, ok)?;
                self.b().position_at_end(fail);
                self.raise("AssertionError", message.as_deref())?;
                self.b().build_unconditional_branch(ok)?;
                self.b().position_at_end(ok);
                Ok(())
            }
            StmtKind::Unsupported(what) => Err(internal(format!(
                "unsupported statement reached codegen: {what}"
            ))),
        }
    }

    fn for_range(
        &mut self,
        target: ExprId,
        iter: ExprId,
        body: &[StmtId],
        orelse: &[StmtId],
    ) -> R<()> {
        let ast = self.ast;
        let ExprKind::Call { args, .. } = &ast.expr(iter).kind else {
            return Err(internal("for loop over something other than range()"));
        };
        let mut bounds = Vec::new();
        for &a in args {
            let ty = self.ty_of(a)?;
            let v = self.expr(a)?;
            bounds.push(self.cast(v.v, &ty, &Type::I64)?.into_int_value());
        }
        let (start, stop, step) = match bounds.as_slice() {
            [stop] => (self.i64c(0), *stop, self.i64c(1)),
            [start, stop] => (*start, *stop, self.i64c(1)),
            [start, stop, step] => (*start, *stop, *step),
            _ => return Err(internal("range() with a bad argument count")),
        };
        let zero = self
            .b()
            .build_int_compare(IntPredicate::EQ, step, self.i64c(0), "step.zero")?;
        self.raise_if(zero, "ValueError", "range() arg 3 must not be zero")?;
        let (indices, arrays) = self.range_check_candidates(target, args, body);
        if indices.is_empty() {
            return self.range_loop(target, (start, stop, step), body, orelse);
        }
        // One check for the whole loop: stop <= start (no iteration), or every array is long
        // enough for the smallest and largest index.
        let mut safe = self.g.i1().const_int(1, false);
        for (local, lo, hi) in arrays {
            let arr = self.b().build_load(self.locals[local as usize], "array")?;
            let len = self.shape_dim(arr, 0)?;
            let b = self.b();
            let first = b.build_int_add(start, self.i64c(lo), "first")?;
            let last = b.build_int_add(stop, self.i64c(hi - 1), "last")?;
            let low_ok = b.build_int_compare(IntPredicate::SGE, first, self.i64c(0), "low.ok")?;
            let high_ok = b.build_int_compare(IntPredicate::SLT, last, len, "high.ok")?;
            let ok = b.build_and(low_ok, high_ok, "ok")?;
            safe = b.build_and(safe, ok, "safe")?;
        }
        let empty = self
            .b()
            .build_int_compare(IntPredicate::SLE, stop, start, "empty")?;
        let safe = self.b().build_or(safe, empty, "safe")?;
        let fast = self.new_block("for.unchecked");
        let slow = self.new_block("for.checked");
        let done = self.new_block("for.done");
        self.b().build_conditional_branch(safe, fast, slow)?;
        self.b().position_at_end(fast);
        let saved = std::mem::replace(&mut self.unchecked, indices.into_iter().collect());
        let r = self.range_loop(target, (start, stop, step), body, orelse);
        self.unchecked = saved;
        r?;
        if !self.terminated() {
            self.b().build_unconditional_branch(done)?;
        }
        self.b().position_at_end(slow);
        self.range_loop(target, (start, stop, step), body, orelse)?;
        if !self.terminated() {
            self.b().build_unconditional_branch(done)?;
        }
        self.b().position_at_end(done);
        Ok(())
    }

    /// The loop of `for target in range(start, stop, step)`.
    fn range_loop(
        &mut self,
        target: ExprId,
        (start, stop, step): (IntValue<'ctx>, IntValue<'ctx>, IntValue<'ctx>),
        body: &[StmtId],
        orelse: &[StmtId],
    ) -> R<()> {
        self.counted_loop(
            start,
            step,
            &mut |fg, i| {
                let b = fg.b();
                let up = b.build_int_compare(IntPredicate::SLT, i, stop, "up")?;
                let down = b.build_int_compare(IntPredicate::SGT, i, stop, "down")?;
                let positive = b.build_int_compare(IntPredicate::SGT, step, fg.i64c(0), "pos")?;
                Ok(b.build_select(positive, up, down, "more")?.into_int_value())
            },
            &mut |fg, i| fg.assign(target, Val::plain(i), &Type::I64),
            body,
            orelse,
        )
    }

    /// The loop every `for` compiles to: a counter from `first` by `step` while `more` holds;
    /// `bind` assigns the loop target from the counter; `break`/`continue` and `else` as Python.
    fn counted_loop(
        &mut self,
        first: IntValue<'ctx>,
        step: IntValue<'ctx>,
        more: &mut dyn FnMut(&Self, IntValue<'ctx>) -> R<IntValue<'ctx>>,
        bind: &mut dyn FnMut(&mut Self, IntValue<'ctx>) -> R<()>,
        body: &[StmtId],
        orelse: &[StmtId],
    ) -> R<()> {
        let counter = self.alloca(self.g.i64().into(), "for.counter")?;
        self.b().build_store(counter, first)?;
        let head = self.new_block("for.head");
        let body_bb = self.new_block("for.body");
        let next = self.new_block("for.next");
        let else_bb = self.new_block("for.else");
        let end = self.new_block("for.end");
        self.b().build_unconditional_branch(head)?;
        self.b().position_at_end(head);
        let i = self.b().build_load(counter, "i")?.into_int_value();
        let go = more(self, i)?;
        self.b().build_conditional_branch(go, body_bb, else_bb)?;
        self.b().position_at_end(body_bb);
        bind(self, i)?;
        self.loops.push((next, end));
        self.block_then(body, next)?;
        self.loops.pop();
        self.b().position_at_end(next);
        let i = self.b().build_load(counter, "i")?.into_int_value();
        let i_next = self.b().build_int_nsw_add(i, step, "i.next")?;
        self.b().build_store(counter, i_next)?;
        self.b().build_unconditional_branch(head)?;
        self.b().position_at_end(else_bb);
        self.block_then(orelse, end)?;
        self.b().position_at_end(end);
        Ok(())
    }

    /// Indexing of 1-d arrays by the loop variable in an innermost `for i in range(start, stop)`
    /// loop (`x[i]`, `x[i + 1]`, `x[i - 2]`, `x[i] = ...`): if one check before the loop proves
    /// every such index in bounds, the loop runs a copy of its body without per-element bounds
    /// checks (otherwise the checked copy runs, raising IndexError where it should). Returns the
    /// index expressions with, per array local, the smallest and largest offset.
    fn range_check_candidates(
        &self,
        target: ExprId,
        args: &[ExprId],
        body: &[StmtId],
    ) -> (Vec<ExprId>, Vec<(LocalIdx, i64, i64)>) {
        let ast = self.ast;
        let none = (Vec::new(), Vec::new());
        let ExprKind::Name(var) = &ast.expr(target).kind else {
            return none;
        };
        if args.len() > 2 {
            return none;
        }
        let mut assigned = HashSet::new();
        let mut exprs = Vec::new();
        let mut nested = false;
        walk_block(ast, body, &mut assigned, &mut exprs, &mut nested);
        if nested || assigned.contains(var.as_str()) {
            return none;
        }
        let mut indices = Vec::new();
        let mut arrays: Vec<(LocalIdx, i64, i64)> = Vec::new();
        for e in exprs {
            let ExprKind::Subscript { value, index } = &ast.expr(e).kind else {
                continue;
            };
            let ExprKind::Name(array) = &ast.expr(*value).kind else {
                continue;
            };
            if assigned.contains(array.as_str()) {
                continue;
            }
            let Some(NameRes::Local(local)) = self.inst.names.get(value) else {
                continue;
            };
            if !matches!(
                self.inst.locals[local.0 as usize].ty,
                Type::Array { ndim: 1, .. }
            ) {
                continue;
            }
            let is_var = |x: ExprId| matches!(&ast.expr(x).kind, ExprKind::Name(n) if n == var);
            let constant = |x: ExprId| match &ast.expr(x).kind {
                ExprKind::Int(c) => i64::try_from(*c).ok().filter(|c| c.abs() < 1 << 32),
                _ => None,
            };
            let offset = match &ast.expr(*index).kind {
                _ if is_var(*index) => Some(0),
                ExprKind::Binary {
                    op: BinOp::Add,
                    lhs,
                    rhs,
                } if is_var(*lhs) => constant(*rhs),
                ExprKind::Binary {
                    op: BinOp::Add,
                    lhs,
                    rhs,
                } if is_var(*rhs) => constant(*lhs),
                ExprKind::Binary {
                    op: BinOp::Sub,
                    lhs,
                    rhs,
                } if is_var(*lhs) => constant(*rhs).map(|c| -c),
                _ => None,
            };
            let Some(offset) = offset else {
                continue;
            };
            // The index must be typed as an integer of the loop variable's kind.
            if !matches!(self.inst.expr_types.get(index), Some(Type::Scalar(s)) if s.is_int()) {
                continue;
            }
            indices.push(*index);
            match arrays.iter_mut().find(|(l, _, _)| *l == local.0) {
                Some(entry) => {
                    entry.1 = entry.1.min(offset);
                    entry.2 = entry.2.max(offset);
                }
                None => arrays.push((local.0, offset, offset)),
            }
        }
        (indices, arrays)
    }

    /// `for` over arrays, enumerate(), zip() and np.ndindex(): the iterables are evaluated once,
    /// then a counter runs to the shortest length and each item is computed from it.
    fn for_general(
        &mut self,
        target: ExprId,
        iter: ExprId,
        body: &[StmtId],
        orelse: &[StmtId],
    ) -> R<()> {
        let source = self.iter_source(iter)?;
        let count = source.count();
        self.counted_loop(
            self.i64c(0),
            self.i64c(1),
            &mut |fg, k| {
                Ok(fg
                    .b()
                    .build_int_compare(IntPredicate::SLT, k, count, "more")?)
            },
            &mut |fg, k| {
                let (item, item_ty) = fg.iter_item(&source, k)?;
                fg.assign(target, Val::plain(item), &item_ty)
            },
            body,
            orelse,
        )
    }

    fn iter_source(&mut self, iter: ExprId) -> R<IterSource<'ctx>> {
        let kind = self
            .inst
            .iterables
            .get(&iter)
            .cloned()
            .ok_or_else(|| internal("untyped iterable"))?;
        let args: Vec<ExprId> = match &self.ast.expr(iter).kind {
            ExprKind::Call { args, .. } => args.clone(),
            _ => Vec::new(),
        };
        Ok(match kind {
            Iterable::Range => {
                let mut bounds = Vec::new();
                for &a in &args {
                    let ty = self.ty_of(a)?;
                    let v = self.expr(a)?;
                    bounds.push(self.cast(v.v, &ty, &Type::I64)?.into_int_value());
                }
                let (start, stop, step) = match bounds.as_slice() {
                    [stop] => (self.i64c(0), *stop, self.i64c(1)),
                    [start, stop] => (*start, *stop, self.i64c(1)),
                    [start, stop, step] => (*start, *stop, *step),
                    _ => return Err(internal("range() with a bad argument count")),
                };
                let zero = self.b().build_int_compare(
                    IntPredicate::EQ,
                    step,
                    self.i64c(0),
                    "step.zero",
                )?;
                self.raise_if(zero, "ValueError", "range() arg 3 must not be zero")?;
                // len(range(start, stop, step)), as CPython computes it.
                let b = self.b();
                let positive = b.build_int_compare(IntPredicate::SGT, step, self.i64c(0), "pos")?;
                let span_up = b.build_int_sub(stop, start, "up")?;
                let span_down = b.build_int_sub(start, stop, "down")?;
                let span = b
                    .build_select(positive, span_up, span_down, "span")?
                    .into_int_value();
                let neg_step = b.build_int_neg(step, "neg.step")?;
                let abs_step = b
                    .build_select(positive, step, neg_step, "abs.step")?
                    .into_int_value();
                let rounded = b.build_int_add(
                    span,
                    b.build_int_sub(abs_step, self.i64c(1), "")?,
                    "rounded",
                )?;
                let n = b.build_int_signed_div(rounded, abs_step, "n")?;
                let some = b.build_int_compare(IntPredicate::SGT, span, self.i64c(0), "some")?;
                let count = b
                    .build_select(some, n, self.i64c(0), "count")?
                    .into_int_value();
                IterSource::Range { start, step, count }
            }
            Iterable::Array => {
                let ty = self.ty_of(iter)?;
                let Type::Array {
                    dtype,
                    ndim,
                    layout,
                } = ty
                else {
                    return Err(internal("iterating a non-array"));
                };
                let arr = self.expr(iter)?;
                if arr.owned {
                    self.keep_until_exit(arr.v, &ty)?;
                }
                let count = self.shape_dim(arr.v, 0)?;
                let strides = self.strides(arr.v, dtype, ndim, layout)?;
                let row_layout = if layout == Layout::C {
                    Layout::C
                } else {
                    Layout::A
                };
                IterSource::Array {
                    arr: arr.v,
                    dtype,
                    ndim,
                    strides,
                    count,
                    row: Type::array(dtype, ndim.saturating_sub(1).max(1), row_layout),
                }
            }
            Iterable::Enumerate(inner, start) => {
                let start = match start {
                    Some(st) => {
                        let t = self.ty_of(st)?;
                        let v = self.expr(st)?;
                        self.cast(v.v, &t, &Type::I64)?.into_int_value()
                    }
                    None => self.i64c(0),
                };
                IterSource::Enumerate(Box::new(self.iter_source(inner)?), start)
            }
            Iterable::Zip(parts) => {
                let sources: Vec<IterSource<'ctx>> = parts
                    .iter()
                    .map(|p| self.iter_source(*p))
                    .collect::<R<_>>()?;
                let mut count = sources[0].count();
                for s in &sources[1..] {
                    let c = s.count();
                    let less = self
                        .b()
                        .build_int_compare(IntPredicate::SLT, c, count, "less")?;
                    count = self
                        .b()
                        .build_select(less, c, count, "count")?
                        .into_int_value();
                }
                IterSource::Zip(sources, count)
            }
            Iterable::NdIndex(parts) => {
                let mut dims = Vec::new();
                for p in parts {
                    dims.extend(self.shape_operand(p)?);
                }
                let mut count = self.i64c(1);
                for d in &dims {
                    // A negative dimension counts as empty, as NumPy's ndindex treats it.
                    let neg =
                        self.b()
                            .build_int_compare(IntPredicate::SLT, *d, self.i64c(0), "neg")?;
                    let d = self
                        .b()
                        .build_select(neg, self.i64c(0), *d, "dim")?
                        .into_int_value();
                    count = self.b().build_int_mul(count, d, "count")?;
                }
                IterSource::NdIndex { dims, count }
            }
        })
    }

    /// The item at position `k` of an iterable, and its type.
    fn iter_item(
        &mut self,
        source: &IterSource<'ctx>,
        k: IntValue<'ctx>,
    ) -> R<(BasicValueEnum<'ctx>, Type)> {
        Ok(match source {
            IterSource::Range { start, step, .. } => {
                let offset = self.b().build_int_mul(k, *step, "offset")?;
                (
                    self.b().build_int_add(*start, offset, "value")?.into(),
                    Type::I64,
                )
            }
            IterSource::Array {
                arr,
                dtype,
                ndim: 1,
                strides,
                ..
            } => {
                let ptr = self.address(*arr, *dtype, &[k], &strides[..1])?;
                (self.load_element(ptr, *dtype)?, Type::Scalar(*dtype))
            }
            IterSource::Array {
                arr,
                dtype,
                ndim,
                strides,
                row: row_ty,
                ..
            } => {
                // Row k, a view sharing the array's memory (borrowed: the array outlives the
                // loop).
                let ptr = self.address(*arr, *dtype, &[k], &strides[..1])?;
                let data = self.b().build_pointer_cast(ptr, self.g.ptr(), "row.data")?;
                let owner = self
                    .b()
                    .build_extract_value(arr.into_struct_value(), 1, "owner")?;
                let dims = (1..*ndim)
                    .map(|d| self.shape_dim(*arr, d))
                    .collect::<R<Vec<_>>>()?;
                let row = self.make_view(data, owner, &dims, &strides[1..])?;
                (row, row_ty.clone())
            }
            IterSource::Enumerate(inner, start) => {
                let (item, ty) = self.iter_item(inner, k)?;
                let index = self.b().build_int_add(*start, k, "index")?;
                let tuple = self.make_tuple(&[index.into(), item])?;
                (tuple, Type::Tuple(vec![Type::I64, ty]))
            }
            IterSource::Zip(parts, _) => {
                let mut values = Vec::new();
                let mut types = Vec::new();
                for p in parts {
                    let (v, t) = self.iter_item(p, k)?;
                    values.push(v);
                    types.push(t);
                }
                (self.make_tuple(&values)?, Type::Tuple(types))
            }
            IterSource::NdIndex { dims, .. } => {
                let mut rest = k;
                let mut idx = vec![self.i64c(0); dims.len()];
                for (d, dim) in dims.iter().enumerate().rev() {
                    idx[d] = self.b().build_int_signed_rem(rest, *dim, "idx")?;
                    rest = self.b().build_int_signed_div(rest, *dim, "rest")?;
                }
                let values: Vec<BasicValueEnum<'ctx>> = idx.into_iter().map(Into::into).collect();
                (
                    self.make_tuple(&values)?,
                    Type::Tuple(vec![Type::I64; dims.len()]),
                )
            }
        })
    }

    fn make_tuple(&self, values: &[BasicValueEnum<'ctx>]) -> R<BasicValueEnum<'ctx>> {
        let types: Vec<BasicTypeEnum<'ctx>> = values.iter().map(|v| v.get_type()).collect();
        let mut agg = self.g.cx.struct_type(&types, false).get_undef();
        for (i, v) in values.iter().enumerate() {
            agg = self
                .b()
                .build_insert_value(agg, *v, i as u32, "tuple")?
                .into_struct_value();
        }
        Ok(agg.into())
    }

    /// Stores `val` (of type `ty`) into an assignment target.
    fn assign(&mut self, target: ExprId, val: Val<'ctx>, ty: &Type) -> R<()> {
        let ast = self.ast;
        match &ast.expr(target).kind {
            ExprKind::Name(_) => {
                let Some(NameRes::Local(local)) = self.inst.names.get(&target) else {
                    return Err(internal("assignment to a non-local name"));
                };
                let local_ty = self.inst.locals[local.0 as usize].ty.clone();
                let slot = self.locals[local.0 as usize];
                let owned = self.owned_value(val, ty)?;
                let converted = self.cast(owned, ty, &local_ty)?;
                if local_ty.holds_references() {
                    let old = self.b().build_load(slot, "old")?;
                    self.b().build_store(slot, converted)?;
                    self.decref(old, &local_ty)?;
                } else {
                    self.b().build_store(slot, converted)?;
                }
                Ok(())
            }
            ExprKind::Subscript { .. } if self.ty_of(target)?.is_array() => {
                // Slice assignment: the value broadcast into the view, converted to its dtype.
                let view_ty = self.ty_of(target)?;
                let Type::Array { dtype, .. } = view_ty else {
                    return Err(internal("slice target"));
                };
                let view = self.expr(target)?;
                let source = Val {
                    v: val.v,
                    owned: false,
                };
                self.elementwise(
                    &[(view, view_ty.clone()), (source, ty.clone())],
                    Some(0),
                    dtype,
                    &mut |fg, xs| fg.cast_scalar(xs[1].0, xs[1].1, dtype),
                )?;
                Ok(())
            }
            ExprKind::Subscript { value, index } => {
                let ptr = self.element_ptr(*value, *index)?;
                let elem = self.ty_of(target)?;
                self.store_element(ptr, val.v, ty, &elem)
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                let Type::Tuple(tys) = ty else {
                    return Err(internal("unpacking a non-tuple"));
                };
                for (i, (&item, item_ty)) in items.iter().zip(tys).enumerate() {
                    let field = self.b().build_extract_value(
                        val.v.into_struct_value(),
                        i as u32,
                        "unpack",
                    )?;
                    self.assign(
                        item,
                        Val {
                            v: field,
                            owned: false,
                        },
                        item_ty,
                    )?;
                }
                Ok(())
            }
            _ => Err(internal("unsupported assignment target reached codegen")),
        }
    }

    fn store_element(
        &self,
        ptr: PointerValue<'ctx>,
        v: BasicValueEnum<'ctx>,
        from: &Type,
        elem: &Type,
    ) -> R<()> {
        let converted = self.cast(v, from, elem)?;
        let stored = if *elem == Type::BOOL {
            self.b()
                .build_int_z_extend(converted.into_int_value(), self.g.i8(), "b")?
                .into()
        } else {
            converted
        };
        self.b().build_store(ptr, stored)?;
        Ok(())
    }

    fn load_element(&self, ptr: PointerValue<'ctx>, elem: Scalar) -> R<BasicValueEnum<'ctx>> {
        let v = self.b().build_load(ptr, "elem")?;
        if elem == Scalar::Bool {
            let b = self.b().build_int_compare(
                IntPredicate::NE,
                v.into_int_value(),
                self.g.i8().const_zero(),
                "b",
            )?;
            return Ok(b.into());
        }
        Ok(v)
    }

    fn aug_assign(&mut self, id: StmtId, target: ExprId, op: BinOp, value: ExprId) -> R<()> {
        if let Some(Callee::Function(_)) = self.inst.calls.get(&target) {
            // `a[mask] += v`: a prelude call that reads, combines and writes back.
            let ty = self.ty_of(target)?;
            let done = self.call(target, target, &[])?;
            return self.release(done, &ty);
        }
        let ast = self.ast;
        let (operand, result) = self
            .inst
            .aug_ops
            .get(&id)
            .cloned()
            .ok_or_else(|| internal("untyped augmented assignment"))?;
        if let (Type::Scalar(operand), Type::Array { dtype, .. }) = (&operand, &result) {
            // `a += b` on an array: element by element, in place, b broadcast to a's shape.
            let (operand, dtype) = (*operand, *dtype);
            let target_ty = self.ty_of(target)?;
            let value_ty = self.ty_of(value)?;
            let a = self.expr(target)?;
            let b = self.expr(value)?;
            let operands = [(a, target_ty.clone()), (b, value_ty)];
            self.elementwise(&operands, Some(0), dtype, &mut |fg, xs| {
                fg.binary_scalar(op, xs[0].0, xs[0].1, xs[1].0, xs[1].1, operand, dtype)
            })?;
            return Ok(());
        }
        let (Type::Scalar(operand), Type::Scalar(result)) = (operand, result) else {
            return Err(internal("augmented assignment on non-scalars"));
        };
        let target_ty = self.ty_of(target)?;
        let value_ty = self.ty_of(value)?;
        match &ast.expr(target).kind {
            ExprKind::Subscript { value: base, index } => {
                // Evaluate the element address once: `a[f(i)] += v` calls f once.
                let ptr = self.element_ptr(*base, *index)?;
                let Type::Scalar(elem) = target_ty else {
                    return Err(internal("non-scalar element"));
                };
                let current = self.load_element(ptr, elem)?;
                let rhs = self.expr(value)?;
                let r = self.binary_scalar(
                    op,
                    current,
                    elem,
                    rhs.v,
                    value_ty.as_scalar().unwrap_or(operand),
                    operand,
                    result,
                )?;
                self.store_element(ptr, r, &Type::Scalar(result), &target_ty)
            }
            _ => {
                let current = self.expr(target)?;
                let rhs = self.expr(value)?;
                let Type::Scalar(cur_s) = target_ty else {
                    return Err(internal("non-scalar aug target"));
                };
                let Type::Scalar(rhs_s) = value_ty else {
                    return Err(internal("non-scalar aug value"));
                };
                let r = self.binary_scalar(op, current.v, cur_s, rhs.v, rhs_s, operand, result)?;
                self.assign(target, Val::plain(r), &Type::Scalar(result))
            }
        }
    }

    fn condition(&mut self, test: ExprId) -> R<IntValue<'ctx>> {
        let ty = self.ty_of(test)?;
        let v = self.expr(test)?;
        self.truthy(v.v, &ty)
    }

    fn truthy(&self, v: BasicValueEnum<'ctx>, ty: &Type) -> R<IntValue<'ctx>> {
        let Type::Scalar(s) = ty else {
            return Err(internal("truth value of a non-scalar"));
        };
        Ok(match s {
            Scalar::Bool => v.into_int_value(),
            s if s.is_int() => {
                let iv = v.into_int_value();
                self.b().build_int_compare(
                    IntPredicate::NE,
                    iv,
                    iv.get_type().const_zero(),
                    "nz",
                )?
            }
            s if s.is_float() => {
                let fv = v.into_float_value();
                self.b().build_float_compare(
                    FloatPredicate::UNE,
                    fv,
                    fv.get_type().const_zero(),
                    "nz",
                )?
            }
            _ => {
                let (re, im) = self.complex_parts(v)?;
                let a = self.b().build_float_compare(
                    FloatPredicate::UNE,
                    re,
                    re.get_type().const_zero(),
                    "re.nz",
                )?;
                let b = self.b().build_float_compare(
                    FloatPredicate::UNE,
                    im,
                    im.get_type().const_zero(),
                    "im.nz",
                )?;
                self.b().build_or(a, b, "nz")?
            }
        })
    }

    // ----- expressions -----

    fn expr(&mut self, e: ExprId) -> R<Val<'ctx>> {
        if let Some(c) = self.inst.const_exprs.get(&e) {
            return Ok(Val::plain(self.constant(*c)));
        }
        let ast = self.ast;
        let expr = ast.expr(e);
        if !matches!(expr.kind, ExprKind::Call { .. }) {
            if let Some(Callee::Function(_)) = self.inst.calls.get(&e) {
                // `a @ b`, `a[mask]`, `a[indices]`: calls of prelude functions.
                return self.call(e, e, &[]);
            }
        }
        match &expr.kind {
            ExprKind::Int(v) => {
                let ty = self.ty_of(e)?;
                let s = ty.as_scalar().unwrap_or(Scalar::I64);
                Ok(Val::plain(
                    self.g.scalar(s).into_int_type().const_int(*v as u64, true),
                ))
            }
            ExprKind::Float(v) => Ok(Val::plain(self.g.f64().const_float(*v))),
            ExprKind::Imaginary(v) => Ok(Val::plain(self.complex_const(0.0, *v, Scalar::C128))),
            ExprKind::Bool(b) => Ok(Val::plain(self.g.i1().const_int(u64::from(*b), false))),
            ExprKind::None => Ok(Val::plain(self.g.i8().const_zero())),
            ExprKind::Name(_) | ExprKind::Attribute { .. } => self.name_or_attribute(e),
            ExprKind::Binary { op, lhs, rhs } => {
                let lt = self.ty_of(*lhs)?;
                let rt = self.ty_of(*rhs)?;
                let result = self.ty_of(e)?;
                if result.is_array() {
                    return self.array_expr(e);
                }
                let operand = self
                    .inst
                    .operand_types
                    .get(&e)
                    .and_then(|v| v.first())
                    .cloned();
                let (
                    Some(Type::Scalar(operand)),
                    Type::Scalar(ls),
                    Type::Scalar(rs),
                    Type::Scalar(result),
                ) = (operand, lt, rt, result)
                else {
                    return Err(internal("binary operation on non-scalars reached codegen"));
                };
                let l = self.expr(*lhs)?;
                let r = self.expr(*rhs)?;
                Ok(Val::plain(
                    self.binary_scalar(*op, l.v, ls, r.v, rs, operand, result)?,
                ))
            }
            ExprKind::Unary { .. } if self.ty_of(e)?.is_array() => self.array_expr(e),
            ExprKind::Unary { op, operand } => self.unary(e, *op, *operand),
            ExprKind::BoolOp { op, values } => self.bool_op(e, *op, values),
            ExprKind::Compare { .. } if self.ty_of(e)?.is_array() => self.array_expr(e),
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } => self.compare(e, *left, ops, comparators),
            ExprKind::Call { func, args, .. } => self.call(e, *func, args),
            ExprKind::Subscript { value, index }
                if self.ty_of(e)?.is_array() && self.ty_of(*value)?.is_array() =>
            {
                let view_ty = self.ty_of(e)?;
                self.view(*value, *index, &view_ty)
            }
            ExprKind::Subscript { value, index } => {
                let base_ty = self.ty_of(*value)?;
                match base_ty {
                    Type::Array { dtype, .. } => {
                        let ptr = self.element_ptr(*value, *index)?;
                        Ok(Val::plain(self.load_element(ptr, dtype)?))
                    }
                    Type::Tuple(items) if self.inst.dynamic_tuple_index.contains(&e) => {
                        // A homogeneous tuple of scalars at a run-time index.
                        let n = items.len() as i64;
                        let it = self.ty_of(*index)?;
                        let k = self.expr(*index)?;
                        let k = self.cast(k.v, &it, &Type::I64)?.into_int_value();
                        let base = self.expr(*value)?;
                        let signed = it.as_scalar().is_some_and(|s| s.is_signed());
                        let k = self.checked_index(k, signed, self.i64c(n), 0)?;
                        let st = base.v.into_struct_value();
                        let mut v = self.b().build_extract_value(st, 0, "item")?;
                        for j in 1..n {
                            let here = self.b().build_int_compare(
                                IntPredicate::EQ,
                                k,
                                self.i64c(j),
                                "here",
                            )?;
                            let f = self.b().build_extract_value(st, j as u32, "item")?;
                            v = self.b().build_select(here, f, v, "item")?;
                        }
                        Ok(Val::plain(v))
                    }
                    Type::Tuple(items) => {
                        let n = items.len() as i64;
                        let k = self.const_index(*index)?;
                        let k = if k < 0 { k + n } else { k };
                        let base = self.expr(*value)?;
                        let field = self.b().build_extract_value(
                            base.v.into_struct_value(),
                            k as u32,
                            "item",
                        )?;
                        let item_ty = &items[k as usize];
                        if base.owned && items.iter().any(Type::holds_references) {
                            self.incref(field, item_ty)?;
                            self.release(base, &Type::Tuple(items.clone()))?;
                            return Ok(Val {
                                v: field,
                                owned: item_ty.holds_references(),
                            });
                        }
                        Ok(Val {
                            v: field,
                            owned: false,
                        })
                    }
                    _ => Err(internal("subscript of a non-array reached codegen")),
                }
            }
            ExprKind::Tuple(items) => {
                let ty = self.ty_of(e)?;
                let llty = self.g.ty(&ty).into_struct_type();
                let mut agg = llty.get_undef();
                let Type::Tuple(tys) = &ty else {
                    return Err(internal("tuple without tuple type"));
                };
                let mark = self.pending.len();
                for (i, (&item, item_ty)) in items.iter().zip(tys).enumerate() {
                    let v = self.expr(item)?;
                    let owned = self.owned_value(v, item_ty)?;
                    self.hold(
                        Val {
                            v: owned,
                            owned: true,
                        },
                        item_ty,
                    );
                    agg = self
                        .b()
                        .build_insert_value(agg, owned, i as u32, "tuple")?
                        .into_struct_value();
                }
                self.pending.truncate(mark);
                Ok(Val {
                    v: agg.into(),
                    owned: ty.holds_references(),
                })
            }
            ExprKind::IfExp { test, body, orelse } => {
                let ty = self.ty_of(e)?;
                let cond = self.condition(*test)?;
                let then_bb = self.new_block("ifexp.then");
                let else_bb = self.new_block("ifexp.else");
                let end = self.new_block("ifexp.end");
                self.b().build_conditional_branch(cond, then_bb, else_bb)?;
                let mut incoming = Vec::new();
                for (branch, bb) in [(*body, then_bb), (*orelse, else_bb)] {
                    self.b().position_at_end(bb);
                    let bt = self.ty_of(branch)?;
                    let v = self.expr(branch)?;
                    let owned = self.owned_value(v, &bt)?;
                    let c = self.cast(owned, &bt, &ty)?;
                    let from = self
                        .b()
                        .get_insert_block()
                        .ok_or_else(|| internal("no block"))?;
                    self.b().build_unconditional_branch(end)?;
                    incoming.push((c, from));
                }
                self.b().position_at_end(end);
                let phi = self.b().build_phi(self.g.ty(&ty), "ifexp")?;
                for (v, bb) in &incoming {
                    phi.add_incoming(&[(v, *bb)]);
                }
                Ok(Val {
                    v: phi.as_basic_value(),
                    owned: ty.holds_references(),
                })
            }
            other => Err(internal(format!(
                "unsupported expression reached codegen: {other:?}"
            ))),
        }
    }

    fn const_index(&self, e: ExprId) -> R<i64> {
        match &self.ast.expr(e).kind {
            ExprKind::Int(v) => Ok(*v as i64),
            ExprKind::Unary {
                op: UnaryOp::Neg,
                operand,
            } => Ok(-self.const_index(*operand)?),
            _ => match self.inst.names.get(&e) {
                Some(NameRes::Const(Const::Int(v))) => Ok(*v),
                _ => Err(internal(format!(
                    "non-constant tuple index {}",
                    self.span_text(e)
                ))),
            },
        }
    }

    fn constant(&self, c: Const) -> BasicValueEnum<'ctx> {
        match c {
            Const::Bool(b) => self.g.i1().const_int(u64::from(b), false).into(),
            Const::Int(i) => self.i64c(i).into(),
            Const::UInt(u) => self.g.i64().const_int(u, false).into(),
            Const::Float(f) => self.g.f64().const_float(f).into(),
            Const::Complex(re, im) => self.complex_const(re, im, Scalar::C128),
            Const::None => self.g.i8().const_zero().into(),
        }
    }

    fn complex_const(&self, re: f64, im: f64, s: Scalar) -> BasicValueEnum<'ctx> {
        let part = self.g.scalar(s.real_part()).into_float_type();
        self.g
            .cx
            .const_struct(
                &[part.const_float(re).into(), part.const_float(im).into()],
                false,
            )
            .into()
    }

    fn name_or_attribute(&mut self, e: ExprId) -> R<Val<'ctx>> {
        if let Some(res) = self.inst.names.get(&e) {
            return match *res {
                NameRes::Local(local) => {
                    let v = self.b().build_load(self.locals[local.0 as usize], "load")?;
                    Ok(Val { v, owned: false })
                }
                NameRes::Const(c) => Ok(Val::plain(self.constant(c))),
            };
        }
        let ExprKind::Attribute { value, .. } = &self.ast.expr(e).kind else {
            return Err(internal("unresolved name reached codegen"));
        };
        let value = *value;
        match self.inst.calls.get(&e) {
            Some(&Callee::Shape(op)) => return self.shape_op(e, op),
            Some(&Callee::Elementwise(f)) => return self.np_elementwise(e, f),
            _ => {}
        }
        if let Some(attr) = self.inst.array_attrs.get(&e).copied() {
            let base_ty = self.ty_of(value)?;
            let Type::Array { ndim, .. } = base_ty else {
                return Err(internal("array attribute of a non-array"));
            };
            let base = self.expr(value)?;
            let shape: Vec<IntValue<'ctx>> = (0..ndim)
                .map(|k| self.shape_dim(base.v, k))
                .collect::<R<_>>()?;
            let out: BasicValueEnum<'ctx> = match attr {
                ArrayAttr::Ndim => self.i64c(i64::from(ndim)).into(),
                ArrayAttr::Size => {
                    let mut size = self.i64c(1);
                    for d in &shape {
                        size = self.b().build_int_mul(size, *d, "size")?;
                    }
                    size.into()
                }
                ArrayAttr::Shape => {
                    let ty = self
                        .g
                        .ty(&Type::Tuple(vec![Type::I64; ndim as usize]))
                        .into_struct_type();
                    let mut agg = ty.get_undef();
                    for (k, d) in shape.iter().enumerate() {
                        agg = self
                            .b()
                            .build_insert_value(agg, *d, k as u32, "shape")?
                            .into_struct_value();
                    }
                    agg.into()
                }
            };
            self.release(base, &base_ty)?;
            return Ok(Val::plain(out));
        }
        if let Some(attr) = self.inst.complex_attrs.get(&e).copied() {
            let base_ty = self.ty_of(value)?;
            let Type::Scalar(s) = base_ty else {
                return Err(internal("complex attribute of a non-scalar"));
            };
            let base = self.expr(value)?;
            if s.is_complex() {
                let (re, im) = self.complex_parts(base.v)?;
                return Ok(Val::plain(if attr == ComplexAttr::Imag { im } else { re }));
            }
            return Ok(Val::plain(if attr == ComplexAttr::Imag {
                self.g.scalar(s).const_zero()
            } else {
                base.v
            }));
        }
        Err(internal("unresolved attribute reached codegen"))
    }

    fn shape_dim(&self, arr: BasicValueEnum<'ctx>, k: u8) -> R<IntValue<'ctx>> {
        let shape = self
            .b()
            .build_extract_value(arr.into_struct_value(), 2, "shape")?;
        Ok(self
            .b()
            .build_extract_value(shape.into_array_value(), u32::from(k), "dim")?
            .into_int_value())
    }

    fn stride_dim(&self, arr: BasicValueEnum<'ctx>, k: u8) -> R<IntValue<'ctx>> {
        let strides = self
            .b()
            .build_extract_value(arr.into_struct_value(), 3, "strides")?;
        Ok(self
            .b()
            .build_extract_value(strides.into_array_value(), u32::from(k), "stride")?
            .into_int_value())
    }

    /// The address of `base[index]` with Python's negative-index wraparound. For C and F arrays
    /// the strides are computed from the shape so that LLVM sees unit inner strides.
    fn element_ptr(&mut self, base: ExprId, index: ExprId) -> R<PointerValue<'ctx>> {
        let base_ty = self.ty_of(base)?;
        let Type::Array {
            dtype,
            ndim,
            layout,
        } = base_ty
        else {
            return Err(internal("indexing a non-array"));
        };
        // `a[..., k]` with an integer for every axis is an element: the `...` stands for none.
        let indices: Vec<ExprId> = match &self.ast.expr(index).kind {
            ExprKind::Tuple(items) => items
                .iter()
                .copied()
                .filter(|&i| !matches!(self.ast.expr(i).kind, ExprKind::Ellipsis))
                .collect(),
            _ => vec![index],
        };
        let arr = self.expr(base)?;
        if arr.owned {
            // Indexing a temporary (`np.zeros(3)[0]`): keep it alive until the function exits.
            self.keep_until_exit(arr.v, &base_ty)?;
        }
        // Index values with their types; a tuple-typed single index supplies one per dimension.
        let mut raw: Vec<(BasicValueEnum<'ctx>, Type)> = Vec::new();
        for &i in &indices {
            let ity = self.ty_of(i)?;
            let v = self.expr(i)?;
            match &ity {
                Type::Tuple(items) => {
                    for (k, t) in items.iter().enumerate() {
                        let field = self.b().build_extract_value(
                            v.v.into_struct_value(),
                            k as u32,
                            "index",
                        )?;
                        raw.push((field, t.clone()));
                    }
                }
                _ => raw.push((v.v, ity)),
            }
        }
        let mut idx = Vec::new();
        for (k, (v, ity)) in raw.into_iter().enumerate() {
            let v = self.cast(v, &ity, &Type::I64)?.into_int_value();
            let signed = ity.as_scalar().is_some_and(|s| s.is_signed());
            let dim = self.shape_dim(arr.v, k as u8)?;
            if indices.len() == 1 && self.unchecked.contains(&indices[0]) {
                // Proven in bounds (and not negative) before the loop.
                idx.push(v);
            } else {
                idx.push(self.checked_index(v, signed, dim, k)?);
            }
        }
        let strides = self.strides(arr.v, dtype, ndim, layout)?;
        self.address(arr.v, dtype, &idx, &strides)
    }

    /// The byte strides of an array value. For C and F layouts they are computed from the shape,
    /// so that LLVM sees a unit inner stride and can vectorise.
    fn strides(
        &self,
        arr: BasicValueEnum<'ctx>,
        dtype: Scalar,
        ndim: u8,
        layout: Layout,
    ) -> R<Vec<IntValue<'ctx>>> {
        let itemsize = self.i64c(i64::from(dtype.size()));
        let mut strides = vec![itemsize; ndim as usize];
        match layout {
            Layout::C => {
                for k in (0..ndim as usize).rev().skip(1) {
                    let dim = self.shape_dim(arr, (k + 1) as u8)?;
                    strides[k] = self.b().build_int_mul(strides[k + 1], dim, "cstride")?;
                }
            }
            Layout::F => {
                for k in 1..ndim as usize {
                    let dim = self.shape_dim(arr, (k - 1) as u8)?;
                    strides[k] = self.b().build_int_mul(strides[k - 1], dim, "fstride")?;
                }
            }
            Layout::A => {
                for (k, stride) in strides.iter_mut().enumerate() {
                    *stride = self.stride_dim(arr, k as u8)?;
                }
            }
        }
        Ok(strides)
    }

    /// The typed address of the element at `idx` (already wrapped, one per dimension).
    fn address(
        &self,
        arr: BasicValueEnum<'ctx>,
        dtype: Scalar,
        idx: &[IntValue<'ctx>],
        strides: &[IntValue<'ctx>],
    ) -> R<PointerValue<'ctx>> {
        let mut offset = self.i64c(0);
        for (i, s) in idx.iter().zip(strides) {
            let term = self.b().build_int_mul(*i, *s, "term")?;
            offset = self.b().build_int_add(offset, term, "offset")?;
        }
        let data = self
            .b()
            .build_extract_value(arr.into_struct_value(), 0, "data")?
            .into_pointer_value();
        // SAFETY: the index arithmetic follows the array's own shape and strides; like Numba,
        // pyaot does not bounds-check indices (only wraps negative ones).
        let byte_ptr = unsafe { self.b().build_gep(data, &[offset], "elem.addr")? };
        let elem_ptr_ty = self.g.element(dtype).ptr_type(Default::default());
        Ok(self
            .b()
            .build_pointer_cast(byte_ptr, elem_ptr_ty, "elem.ptr")?)
    }

    /// Emits nested loops over every element of an array in C order; `body` gets the element's
    /// address and its flat (C-order) index.
    fn for_each_element(
        &mut self,
        arr: BasicValueEnum<'ctx>,
        ty: &Type,
        body: &mut dyn FnMut(&mut Self, PointerValue<'ctx>, IntValue<'ctx>) -> R<()>,
    ) -> R<()> {
        let Type::Array {
            dtype,
            ndim,
            layout,
        } = *ty
        else {
            return Err(internal("element loop over a non-array"));
        };
        let strides = self.strides(arr, dtype, ndim, layout)?;
        let dims = (0..ndim)
            .map(|k| self.shape_dim(arr, k))
            .collect::<R<Vec<_>>>()?;
        self.for_each_index(&dims, &mut |fg, idx, flat| {
            let ptr = fg.address(arr, dtype, idx, &strides)?;
            body(fg, ptr, flat)
        })
    }

    /// Whole-array reductions: `a.sum()`, `np.min(a)`, `a.argmax()`, ...
    fn reduce(&mut self, e: ExprId, kind: Reduction) -> R<Val<'ctx>> {
        let arg = self
            .inst
            .call_args
            .get(&e)
            .and_then(|a| a.first().copied())
            .ok_or_else(|| internal("reduction without argument"))?;
        let ty = self.ty_of(arg)?;
        let Type::Scalar(r) = self.ty_of(e)? else {
            return Err(internal("reduction types"));
        };
        let arr = self.expr(arg)?;
        let out = self.reduce_value(arr.v, &ty, kind, r)?;
        self.release(arr, &ty)?;
        Ok(Val::plain(out))
    }

    /// A reduction along one axis (or, with `keepdims` and no axis, of the whole array kept as
    /// an array of ones in shape): each output element reduces a 1-d view along the axis, so
    /// float sums along a contiguous axis are pairwise as in NumPy.
    fn reduce_axis(&mut self, e: ExprId, kind: Reduction, keepdims: bool) -> R<Val<'ctx>> {
        // The array (if a temporary) and the output are freed if a reduction raises.
        let mark = self.pending.len();
        let out = self.reduce_axis_held(e, kind, keepdims);
        self.pending.truncate(mark);
        out
    }

    fn reduce_axis_held(&mut self, e: ExprId, kind: Reduction, keepdims: bool) -> R<Val<'ctx>> {
        let args = self
            .inst
            .call_args
            .get(&e)
            .cloned()
            .ok_or_else(|| internal("reduction without argument"))?;
        let ty = self.ty_of(args[0])?;
        let out_ty = self.ty_of(e)?;
        let Type::Array {
            dtype,
            ndim,
            layout,
        } = ty
        else {
            return Err(internal("axis reduction of a non-array"));
        };
        let r = match out_ty {
            Type::Scalar(r) | Type::Array { dtype: r, .. } => r,
            _ => return Err(internal("axis reduction type")),
        };
        let axis = match args.get(1) {
            Some(&a) => {
                let (v, s) = self.scalar_operand(a)?;
                let v = self.cast_scalar(v, s, Scalar::I64)?.into_int_value();
                let n = self.i64c(i64::from(ndim));
                let neg = self
                    .b()
                    .build_int_compare(IntPredicate::SLT, v, self.i64c(0), "neg")?;
                let plus = self.b().build_int_add(v, n, "axis.wrapped")?;
                let v = self
                    .b()
                    .build_select(neg, plus, v, "axis")?
                    .into_int_value();
                // One unsigned comparison catches both ends.
                let bad = self
                    .b()
                    .build_int_compare(IntPredicate::UGE, v, n, "axis.bad")?;
                self.raise_if(bad, "ValueError", "axis is out of bounds for the array")?;
                Some(v)
            }
            None => None,
        };
        let arr = self.expr(args[0])?;
        self.hold(arr, &ty);
        let Some(axis) = axis else {
            // keepdims without an axis: the whole reduction, shaped (1, 1, ...).
            let v = self.reduce_value(arr.v, &ty, kind, r)?;
            self.release(arr, &ty)?;
            let ones = vec![self.i64c(1); ndim as usize];
            let out = self.new_array(&ones, r, false, Fill::Empty)?;
            self.store_flat(out.v, r, self.i64c(0), v, r)?;
            return Ok(out);
        };
        if ndim == 1 && !keepdims {
            let v = self.reduce_value(arr.v, &ty, kind, r)?;
            self.release(arr, &ty)?;
            return Ok(Val::plain(v));
        }
        let strides = self.strides(arr.v, dtype, ndim, layout)?;
        let dims = (0..ndim)
            .map(|k| self.shape_dim(arr.v, k))
            .collect::<R<Vec<_>>>()?;
        // The other axes in order (axis k of the rest is axis k, or k + 1 past the reduced one),
        // and the reduced axis's length and stride.
        let (mut rest_dims, mut rest_strides) = (Vec::new(), Vec::new());
        for k in 0..ndim as usize - 1 {
            let past =
                self.b()
                    .build_int_compare(IntPredicate::SGE, self.i64c(k as i64), axis, "past")?;
            let d = self.b().build_select(past, dims[k + 1], dims[k], "dim")?;
            let s = self
                .b()
                .build_select(past, strides[k + 1], strides[k], "stride")?;
            rest_dims.push(d.into_int_value());
            rest_strides.push(s.into_int_value());
        }
        let (mut len, mut step) = (dims[0], strides[0]);
        for k in 1..ndim as usize {
            let here =
                self.b()
                    .build_int_compare(IntPredicate::EQ, axis, self.i64c(k as i64), "here")?;
            len = self
                .b()
                .build_select(here, dims[k], len, "len")?
                .into_int_value();
            step = self
                .b()
                .build_select(here, strides[k], step, "step")?
                .into_int_value();
        }
        let out = self.new_array(&rest_dims, r, false, Fill::Empty)?;
        self.hold(out, &Type::array(r, ndim - 1, Layout::C));
        let owner = self
            .b()
            .build_extract_value(arr.v.into_struct_value(), 1, "owner")?;
        let row_ty = Type::array(dtype, 1, Layout::A);
        let by_rows = |fg: &mut Self| {
            fg.for_each_index(&rest_dims, &mut |fg, idx, flat| {
                let first = fg.address(arr.v, dtype, idx, &rest_strides)?;
                let first = fg.b().build_pointer_cast(first, fg.g.ptr(), "row.data")?;
                let row = fg.make_view(first, owner, &[len], &[step])?;
                let v = fg.reduce_value(row, &row_ty, kind, r)?;
                fg.store_flat(out.v, r, flat, v, r)
            })
        };
        if matches!(kind, Reduction::ArgMin | Reduction::ArgMax) {
            by_rows(self)?;
        } else {
            // Along the last axis, each output element reduces one row (pairwise float sums, as
            // NumPy's inner loop). Along another axis, NumPy accumulates whole slices in order,
            // and so does this: sequential memory access, and NumPy's order of additions.
            let last = self.b().build_int_compare(
                IntPredicate::EQ,
                axis,
                self.i64c(i64::from(ndim) - 1),
                "last",
            )?;
            let rows_bb = self.new_block("reduce.rows");
            let slices_bb = self.new_block("reduce.slices");
            let join = self.new_block("reduce.join");
            self.b()
                .build_conditional_branch(last, rows_bb, slices_bb)?;
            self.b().position_at_end(rows_bb);
            by_rows(self)?;
            self.b().build_unconditional_branch(join)?;
            self.b().position_at_end(slices_bb);
            self.reduce_slices(
                kind,
                (arr.v, dtype),
                (out.v, r),
                &rest_dims,
                &rest_strides,
                (len, step),
            )?;
            self.b().build_unconditional_branch(join)?;
            self.b().position_at_end(join);
        }
        self.release(arr, &ty)?;
        if !keepdims {
            return Ok(out);
        }
        // Put the reduced axis back with length 1.
        let mut full = Vec::new();
        for k in 0..ndim as usize {
            let mut d = self.i64c(1);
            if k > 0 {
                let after = self.b().build_int_compare(
                    IntPredicate::SGT,
                    self.i64c(k as i64),
                    axis,
                    "after",
                )?;
                d = self
                    .b()
                    .build_select(after, rest_dims[k - 1], d, "dim")?
                    .into_int_value();
            }
            if k < ndim as usize - 1 {
                let before = self.b().build_int_compare(
                    IntPredicate::SLT,
                    self.i64c(k as i64),
                    axis,
                    "before",
                )?;
                d = self
                    .b()
                    .build_select(before, rest_dims[k], d, "dim")?
                    .into_int_value();
            }
            full.push(d);
        }
        let full_strides = self.c_strides(&full, r)?;
        let data = self
            .b()
            .build_extract_value(out.v.into_struct_value(), 0, "data")?
            .into_pointer_value();
        let owner = self
            .b()
            .build_extract_value(out.v.into_struct_value(), 1, "owner")?;
        let v = self.make_view(data, owner, &full, &full_strides)?;
        Ok(Val { v, owned: true })
    }

    /// `out[idx] = reduce over j of arr[idx..., j]`, with j in the outer loop: each slice along
    /// the reduced axis is combined into the whole output in turn.
    fn reduce_slices(
        &mut self,
        kind: Reduction,
        (arr, dtype): (BasicValueEnum<'ctx>, Scalar),
        (out, r): (BasicValueEnum<'ctx>, Scalar),
        rest_dims: &[IntValue<'ctx>],
        rest_strides: &[IntValue<'ctx>],
        (len, step): (IntValue<'ctx>, IntValue<'ctx>),
    ) -> R<()> {
        let empty = self
            .b()
            .build_int_compare(IntPredicate::EQ, len, self.i64c(0), "empty")?;
        if matches!(kind, Reduction::Min | Reduction::Max) {
            let which = if kind == Reduction::Min {
                "minimum"
            } else {
                "maximum"
            };
            self.raise_if(
                empty,
                "ValueError",
                &format!("zero-size array to reduction operation {which} which has no identity"),
            )?;
        }
        let was = self.numpy_semantics;
        self.numpy_semantics = true;
        let itemsize = self.i64c(i64::from(r.size()));
        let mut strides = rest_strides.to_vec();
        strides.push(step);
        let result = self.for_each_index(&[len], &mut |fg, j, _| {
            let j = j[0];
            let first = fg
                .b()
                .build_int_compare(IntPredicate::EQ, j, fg.i64c(0), "first")?;
            fg.for_each_index(rest_dims, &mut |fg, idx, flat| {
                let mut at = idx.to_vec();
                at.push(j);
                let ptr = fg.address(arr, dtype, &at, &strides)?;
                let v = fg.load_element(ptr, dtype)?;
                let x = match kind {
                    Reduction::Any | Reduction::All => fg.truthy(v, &Type::Scalar(dtype))?.into(),
                    _ => fg.cast_scalar(v, dtype, r)?,
                };
                let optr = fg.address(out, r, &[flat], &[itemsize])?;
                let cur = fg.load_element(optr, r)?;
                let combined = match kind {
                    Reduction::Sum | Reduction::Mean => {
                        fg.binary_scalar(BinOp::Add, cur, r, x, r, r, r)?
                    }
                    Reduction::Prod => fg.binary_scalar(BinOp::Mul, cur, r, x, r, r, r)?,
                    Reduction::Min | Reduction::Max => {
                        fg.np_minmax(kind == Reduction::Min, cur, x, r)?
                    }
                    Reduction::Any => fg
                        .b()
                        .build_or(cur.into_int_value(), x.into_int_value(), "any")?
                        .into(),
                    _ => fg
                        .b()
                        .build_and(cur.into_int_value(), x.into_int_value(), "all")?
                        .into(),
                };
                let next = fg.b().build_select(first, x, combined, "acc")?;
                fg.store_element(optr, next, &Type::Scalar(r), &Type::Scalar(r))
            })
        });
        self.numpy_semantics = was;
        result?;
        // An empty axis gives the identity (the mean of nothing is NaN, as 0/0 in NumPy); a mean
        // divides the sums by the length.
        if !matches!(kind, Reduction::Min | Reduction::Max) {
            let identity = match kind {
                Reduction::Prod | Reduction::All => self.scalar_one(r),
                _ => self.g.scalar(r).const_zero(),
            };
            self.numpy_semantics = true;
            let result = self.for_each_index(rest_dims, &mut |fg, _, flat| {
                let optr = fg.address(out, r, &[flat], &[itemsize])?;
                let cur = fg.load_element(optr, r)?;
                let mut v = fg.b().build_select(empty, identity, cur, "value")?;
                if kind == Reduction::Mean {
                    let n = fg.cast_scalar(len.into(), Scalar::I64, r)?;
                    v = fg.binary_scalar(BinOp::Div, v, r, n, r, r, r)?;
                }
                fg.store_element(optr, v, &Type::Scalar(r), &Type::Scalar(r))
            });
            self.numpy_semantics = was;
            result?;
        }
        Ok(())
    }

    /// The byte strides of a C-contiguous array of shape `dims`.
    fn c_strides(&self, dims: &[IntValue<'ctx>], dtype: Scalar) -> R<Vec<IntValue<'ctx>>> {
        let mut strides = vec![self.i64c(i64::from(dtype.size())); dims.len()];
        for k in (0..dims.len().saturating_sub(1)).rev() {
            strides[k] = self
                .b()
                .build_int_mul(strides[k + 1], dims[k + 1], "cstride")?;
        }
        Ok(strides)
    }

    /// An array expression, fused: `a * b + np.sqrt(c)` is one loop over the broadcast shape
    /// that computes each element through the whole tree, with no temporary arrays in between.
    /// Operands that are not elementwise array operations (arguments, calls, views, scalars)
    /// are evaluated once, before the loop; each node converts and computes exactly as it would
    /// on its own.
    fn array_expr(&mut self, e: ExprId) -> R<Val<'ctx>> {
        let Type::Array { dtype, .. } = self.ty_of(e)? else {
            return Err(internal("array expression of a non-array type"));
        };
        let mut leaves = Vec::new();
        let tree = self.fusion_tree(e, &mut leaves)?;
        let mark = self.pending.len();
        let operands = self.eval_held(&leaves)?;
        let out = self.elementwise(&operands, None, dtype, &mut |fg, xs| {
            Ok(fg.eval_fused(&tree, xs)?.0)
        });
        self.pending.truncate(mark);
        out
    }

    /// The elementwise tree under `e`; expressions that are not part of it become leaves.
    fn fusion_tree(&self, e: ExprId, leaves: &mut Vec<ExprId>) -> R<Fused> {
        match self.fusible_operands(e)? {
            Some(kids) => {
                let kids = kids
                    .into_iter()
                    .map(|k| {
                        if self.ty_of(k)?.is_array() {
                            self.fusion_tree(k, leaves)
                        } else {
                            leaves.push(k);
                            Ok(Fused::Leaf(leaves.len() - 1))
                        }
                    })
                    .collect::<R<Vec<_>>>()?;
                Ok(Fused::Node { e, kids })
            }
            None => {
                leaves.push(e);
                Ok(Fused::Leaf(leaves.len() - 1))
            }
        }
    }

    /// The operands of `e` if it is an elementwise operation on arrays.
    fn fusible_operands(&self, e: ExprId) -> R<Option<Vec<ExprId>>> {
        if !self.ty_of(e)?.is_array() || self.inst.const_exprs.contains_key(&e) {
            return Ok(None);
        }
        let callee = self.inst.calls.get(&e);
        Ok(match (&self.ast.expr(e).kind, callee) {
            (_, Some(Callee::Elementwise(_))) => self.inst.call_args.get(&e).cloned(),
            (ExprKind::Call { args, .. }, Some(Callee::Math(_))) => Some(args.clone()),
            (_, Some(_)) => None,
            (ExprKind::Binary { lhs, rhs, .. }, None) => Some(vec![*lhs, *rhs]),
            (ExprKind::Unary { operand, .. }, None) => Some(vec![*operand]),
            (
                ExprKind::Compare {
                    left, comparators, ..
                },
                None,
            ) if comparators.len() == 1 => Some(vec![*left, comparators[0]]),
            _ => None,
        })
    }

    fn eval_fused(
        &mut self,
        node: &Fused,
        xs: &[(BasicValueEnum<'ctx>, Scalar)],
    ) -> R<(BasicValueEnum<'ctx>, Scalar)> {
        let (e, kids) = match node {
            Fused::Leaf(i) => return Ok(xs[*i]),
            Fused::Node { e, kids } => (*e, kids),
        };
        let vals = kids
            .iter()
            .map(|k| self.eval_fused(k, xs))
            .collect::<R<Vec<_>>>()?;
        let Type::Array { dtype, .. } = self.ty_of(e)? else {
            return Err(internal("fused node type"));
        };
        let operand = self
            .inst
            .operand_types
            .get(&e)
            .and_then(|v| v.first())
            .cloned();
        let compute = operand.as_ref().and_then(Type::as_scalar);
        let v = match (&self.ast.expr(e).kind, self.inst.calls.get(&e).cloned()) {
            (_, Some(Callee::Elementwise(f))) => {
                let compute = compute.ok_or_else(|| internal("untyped elementwise call"))?;
                self.np_scalar(f, &vals, compute, dtype)?
            }
            (_, Some(Callee::Math(f))) => {
                let compute = compute.ok_or_else(|| internal("untyped ufunc"))?;
                let cast = vals
                    .iter()
                    .map(|(v, s)| self.cast_scalar(*v, *s, compute))
                    .collect::<R<Vec<_>>>()?;
                self.scalar_math(f, &cast, compute, dtype)?
            }
            (ExprKind::Binary { op, .. }, _) => {
                let operand = compute.ok_or_else(|| internal("untyped array operation"))?;
                let ((l, ls), (r, rs)) = (vals[0], vals[1]);
                self.binary_scalar(*op, l, ls, r, rs, operand, dtype)?
            }
            (ExprKind::Unary { op, .. }, _) => self.unary_element(*op, vals[0])?,
            (ExprKind::Compare { ops, .. }, _) => {
                let operand = operand.ok_or_else(|| internal("untyped comparison"))?;
                let ((l, ls), (r, rs)) = (vals[0], vals[1]);
                let (a, b) = (Type::Scalar(ls), Type::Scalar(rs));
                self.compare_pair(ops[0], l, &a, r, &b, &operand)?.into()
            }
            _ => return Err(internal("unfusible node")),
        };
        Ok((v, dtype))
    }

    fn unary_element(
        &self,
        op: UnaryOp,
        (x, s): (BasicValueEnum<'ctx>, Scalar),
    ) -> R<BasicValueEnum<'ctx>> {
        Ok(match op {
            UnaryOp::Pos => x,
            UnaryOp::Neg if s.is_complex() => {
                let (re, im) = self.complex_parts(x)?;
                self.make_complex(
                    self.b().build_float_neg(re, "re")?,
                    self.b().build_float_neg(im, "im")?,
                )?
            }
            UnaryOp::Neg if s.is_float() => self
                .b()
                .build_float_neg(x.into_float_value(), "neg")?
                .into(),
            UnaryOp::Neg => self.b().build_int_neg(x.into_int_value(), "neg")?.into(),
            _ => self.b().build_not(x.into_int_value(), "inv")?.into(),
        })
    }

    /// np.minimum, np.maximum, np.where, np.clip, np.sign, np.square, conj, real, imag: over
    /// scalars, or elementwise over broadcast arrays.
    fn np_elementwise(&mut self, e: ExprId, f: NpFn) -> R<Val<'ctx>> {
        let args = self
            .inst
            .call_args
            .get(&e)
            .cloned()
            .ok_or_else(|| internal("elementwise call without operands"))?;
        let Some(Type::Scalar(compute)) = self
            .inst
            .operand_types
            .get(&e)
            .and_then(|v| v.first())
            .cloned()
        else {
            return Err(internal("elementwise call without a compute type"));
        };
        let result = self.ty_of(e)?;
        if result.is_array() {
            return self.array_expr(e);
        }
        let mark = self.pending.len();
        let operands = self.eval_held(&args)?;
        let out = match result {
            Type::Scalar(r) => {
                let xs = operands
                    .iter()
                    .map(|(v, t)| Ok((v.v, t.as_scalar().ok_or_else(|| internal("operand"))?)))
                    .collect::<R<Vec<_>>>()?;
                Ok(Val::plain(self.np_scalar(f, &xs, compute, r)?))
            }
            _ => Err(internal("elementwise result type")),
        };
        self.pending.truncate(mark);
        out
    }

    /// Evaluates operands in order; each new array is held (released if a later operand
    /// raises) until the caller truncates `pending` back.
    fn eval_held(&mut self, args: &[ExprId]) -> R<Vec<(Val<'ctx>, Type)>> {
        let mut out = Vec::new();
        for &a in args {
            let t = self.ty_of(a)?;
            let v = self.expr(a)?;
            self.hold(v, &t);
            out.push((v, t));
        }
        Ok(out)
    }

    /// Holds an owned temporary in `pending`, so an exception before it is consumed frees it.
    fn hold(&mut self, v: Val<'ctx>, ty: &Type) {
        if v.owned && ty.holds_references() {
            self.pending.push((v.v, ty.clone()));
        }
    }

    fn np_scalar(
        &mut self,
        f: NpFn,
        xs: &[(BasicValueEnum<'ctx>, Scalar)],
        compute: Scalar,
        r: Scalar,
    ) -> R<BasicValueEnum<'ctx>> {
        let arg = |fg: &Self, k: usize| fg.cast_scalar(xs[k].0, xs[k].1, compute);
        Ok(match f {
            NpFn::Where => {
                let c = self.truthy(xs[0].0, &Type::Scalar(xs[0].1))?;
                let (x, y) = (arg(self, 1)?, arg(self, 2)?);
                self.b().build_select(c, x, y, "where")?
            }
            NpFn::Minimum | NpFn::Maximum => {
                let (a, b) = (arg(self, 0)?, arg(self, 1)?);
                self.np_minmax(f == NpFn::Minimum, a, b, compute)?
            }
            NpFn::Clip => {
                let (x, lo, hi) = (arg(self, 0)?, arg(self, 1)?, arg(self, 2)?);
                let m = self.np_minmax(false, x, lo, compute)?;
                self.np_minmax(true, m, hi, compute)?
            }
            NpFn::Power => {
                let (a, b) = (arg(self, 0)?, arg(self, 1)?);
                self.binary_scalar(BinOp::Pow, a, compute, b, compute, compute, r)?
            }
            NpFn::Abs => {
                let x = arg(self, 0)?;
                if compute.is_complex() {
                    // NumPy's complex absolute: hi * sqrt(fma(lo/hi, lo/hi, 1)), with infinity
                    // winning over NaN and 0 for 0.
                    let (re, im) = self.complex_parts(x)?;
                    let fabs = self.intrinsic("llvm.fabs", re.get_type().into(), 1)?;
                    let a = self.call_basic(fabs, &[re.into()])?.into_float_value();
                    let b = self.call_basic(fabs, &[im.into()])?.into_float_value();
                    let bld = self.b();
                    let a_big = bld.build_float_compare(FloatPredicate::OGE, a, b, "a.big")?;
                    let hi = bld.build_select(a_big, a, b, "hi")?.into_float_value();
                    let lo = bld.build_select(a_big, b, a, "lo")?.into_float_value();
                    let ratio = bld.build_float_div(lo, hi, "ratio")?;
                    let one = re.get_type().const_float(1.0);
                    let fma = self.intrinsic("llvm.fma", re.get_type().into(), 3)?;
                    let sum = self
                        .call_basic(fma, &[ratio.into(), ratio.into(), one.into()])?
                        .into_float_value();
                    let sqrt = self.intrinsic("llvm.sqrt", re.get_type().into(), 1)?;
                    let root = self.call_basic(sqrt, &[sum.into()])?.into_float_value();
                    let bld = self.b();
                    let v = bld.build_float_mul(hi, root, "abs")?;
                    let zero = re.get_type().const_zero();
                    let inf = re.get_type().const_float(f64::INFINITY);
                    let is_zero = bld.build_float_compare(FloatPredicate::OEQ, hi, zero, "zero")?;
                    let v = bld.build_select(is_zero, zero, v, "abs")?;
                    let a_inf = bld.build_float_compare(FloatPredicate::OEQ, a, inf, "a.inf")?;
                    let b_inf = bld.build_float_compare(FloatPredicate::OEQ, b, inf, "b.inf")?;
                    let any_inf = bld.build_or(a_inf, b_inf, "inf")?;
                    bld.build_select(any_inf, inf.into(), v, "abs")?
                } else if compute.is_float() {
                    self.scalar_math(MathFn::Fabs, &[x], compute, r)?
                } else if compute.is_signed() {
                    let zero = self.g.scalar(compute).const_zero();
                    let s = Type::Scalar(compute);
                    let neg = self.compare_pair(CmpOp::Lt, x, &s, zero, &s, &s)?;
                    let minus = self.b().build_int_neg(x.into_int_value(), "neg")?;
                    self.b().build_select(neg, minus.into(), x, "abs")?
                } else {
                    x
                }
            }
            NpFn::Square => {
                let x = arg(self, 0)?;
                self.binary_scalar(BinOp::Mul, x, compute, x, compute, compute, compute)?
            }
            NpFn::Sign => {
                let x = arg(self, 0)?;
                let s = Type::Scalar(compute);
                let zero = self.g.scalar(compute).const_zero();
                let one = self.scalar_one(compute);
                let gt = self.compare_pair(CmpOp::Gt, x, &s, zero, &s, &s)?;
                let lt = self.compare_pair(CmpOp::Lt, x, &s, zero, &s, &s)?;
                let minus = if compute.is_float() {
                    self.b()
                        .build_float_neg(one.into_float_value(), "minus")?
                        .into()
                } else {
                    self.b()
                        .build_int_neg(one.into_int_value(), "minus")?
                        .into()
                };
                // NaN (neither above nor below zero, nor zero) stays NaN; -0.0 gives 0.0.
                let rest = if compute.is_float() {
                    let eq = self.compare_pair(CmpOp::Eq, x, &s, zero, &s, &s)?;
                    self.b().build_select(eq, zero, x, "rest")?
                } else {
                    zero
                };
                let below = self.b().build_select(lt, minus, rest, "below")?;
                self.b().build_select(gt, one, below, "sign")?
            }
            NpFn::Conj | NpFn::Real | NpFn::Imag => {
                let x = arg(self, 0)?;
                if !compute.is_complex() {
                    match f {
                        NpFn::Imag => self.g.scalar(r).const_zero(),
                        _ => x,
                    }
                } else {
                    let (re, im) = self.complex_parts(x)?;
                    match f {
                        NpFn::Real => re.into(),
                        NpFn::Imag => im.into(),
                        _ => self.make_complex(re, self.b().build_float_neg(im, "conj")?)?,
                    }
                }
            }
        })
    }

    /// NumPy's minimum/maximum of two values of type `s`: a NaN in either propagates.
    fn np_minmax(
        &self,
        is_min: bool,
        a: BasicValueEnum<'ctx>,
        b: BasicValueEnum<'ctx>,
        s: Scalar,
    ) -> R<BasicValueEnum<'ctx>> {
        let take_a = if s.is_float() {
            let (x, y) = (a.into_float_value(), b.into_float_value());
            let p = if is_min {
                FloatPredicate::OLE
            } else {
                FloatPredicate::OGE
            };
            let cmp = self.b().build_float_compare(p, x, y, "cmp")?;
            let nan = self
                .b()
                .build_float_compare(FloatPredicate::UNO, x, x, "nan")?;
            self.b().build_or(cmp, nan, "take")?
        } else {
            let p = match (is_min, s.is_signed()) {
                (true, true) => IntPredicate::SLE,
                (true, false) => IntPredicate::ULE,
                (false, true) => IntPredicate::SGE,
                (false, false) => IntPredicate::UGE,
            };
            self.b()
                .build_int_compare(p, a.into_int_value(), b.into_int_value(), "take")?
        };
        Ok(self.b().build_select(take_a, a, b, "minmax")?)
    }

    /// `.T`, reshape, ravel, flatten and fill.
    fn shape_op(&mut self, e: ExprId, op: ShapeOp) -> R<Val<'ctx>> {
        let args = self
            .inst
            .call_args
            .get(&e)
            .cloned()
            .ok_or_else(|| internal("shape operation without operands"))?;
        let ty = self.ty_of(args[0])?;
        let Type::Array {
            dtype,
            ndim,
            layout,
        } = ty
        else {
            return Err(internal("shape operation on a non-array"));
        };
        let arr = self.expr(args[0])?;
        let dims = (0..ndim)
            .map(|k| self.shape_dim(arr.v, k))
            .collect::<R<Vec<_>>>()?;
        let strides = self.strides(arr.v, dtype, ndim, layout)?;
        let st = arr.v.into_struct_value();
        let data = self
            .b()
            .build_extract_value(st, 0, "data")?
            .into_pointer_value();
        let owner = self.b().build_extract_value(st, 1, "owner")?;
        let mut size = self.i64c(1);
        for d in &dims {
            size = self.b().build_int_mul(size, *d, "size")?;
        }
        let new_dims = match op {
            ShapeOp::Transpose => {
                let rd: Vec<_> = dims.iter().rev().copied().collect();
                let rs: Vec<_> = strides.iter().rev().copied().collect();
                let v = self.make_view(data, owner, &rd, &rs)?;
                return Ok(Val {
                    v,
                    owned: arr.owned,
                });
            }
            ShapeOp::Fill => {
                let (v, s) = self.scalar_operand(args[1])?;
                self.for_each_element(arr.v, &ty, &mut |fg, ptr, _| {
                    fg.store_element(ptr, v, &Type::Scalar(s), &Type::Scalar(dtype))
                })?;
                self.release(arr, &ty)?;
                return Ok(Val::plain(self.g.i8().const_zero()));
            }
            ShapeOp::Permute => {
                let mut pd = Vec::new();
                let mut ps = Vec::new();
                for &a in &args[1..] {
                    let k = self.const_index(a)?;
                    let k = if k < 0 { k + i64::from(ndim) } else { k } as usize;
                    pd.push(dims[k]);
                    ps.push(strides[k]);
                }
                let v = self.make_view(data, owner, &pd, &ps)?;
                return Ok(Val {
                    v,
                    owned: arr.owned,
                });
            }
            ShapeOp::RealPart | ShapeOp::ImagPart => {
                // The same strides over the parts: the real part at offset 0, the imaginary
                // part half an element further.
                let data = if op == ShapeOp::ImagPart {
                    let half = self.i64c(i64::from(dtype.size() / 2));
                    // SAFETY: within the complex element the view starts from.
                    unsafe { self.b().build_gep(data, &[half], "imag.data")? }
                } else {
                    data
                };
                let v = self.make_view(data, owner, &dims, &strides)?;
                return Ok(Val {
                    v,
                    owned: arr.owned,
                });
            }
            ShapeOp::Ravel | ShapeOp::Flatten => vec![size],
            ShapeOp::Reshape => self.reshape_dims(&args[1..], size)?,
        };
        let new_strides = self.c_strides(&new_dims, dtype)?;
        if layout == Layout::C && op != ShapeOp::Flatten {
            let v = self.make_view(data, owner, &new_dims, &new_strides)?;
            return Ok(Val {
                v,
                owned: arr.owned,
            });
        }
        // A view where NumPy makes one (the memory can be walked in the new shape with fixed
        // strides), else a C-ordered copy; either way a new reference.
        let i64p = self.g.i64().ptr_type(Default::default());
        let slots = self.alloca(
            self.g
                .i64()
                .array_type(2 * u32::from(ndim) + new_dims.len() as u32)
                .into(),
            "reshape.slots",
        )?;
        let base = self.b().build_pointer_cast(slots, i64p, "slots")?;
        let at = |fg: &Self, k: usize| -> R<PointerValue<'ctx>> {
            // SAFETY: k < 2 * ndim + new ndim, inside the alloca.
            Ok(unsafe { fg.b().build_gep(base, &[fg.i64c(k as i64)], "slot")? })
        };
        for (k, v) in dims.iter().chain(&strides).enumerate() {
            let p = at(self, k)?;
            self.b().build_store(p, *v)?;
        }
        for (k, v) in new_dims.iter().enumerate() {
            let p = at(self, 2 * ndim as usize + k)?;
            self.b().build_store(p, *v)?;
        }
        let out_strides_ptr = self.alloca(
            self.g.i64().array_type(new_dims.len() as u32).into(),
            "reshape.strides",
        )?;
        let out_strides_ptr = self
            .b()
            .build_pointer_cast(out_strides_ptr, i64p, "strides")?;
        let nocopy = self.g.declare(
            "pyaot_nocopy_reshape",
            Some(self.g.i32().into()),
            &[
                self.g.i32().into(),
                i64p.into(),
                i64p.into(),
                self.g.i32().into(),
                i64p.into(),
                i64p.into(),
                self.g.i64().into(),
            ],
        );
        let contiguous = if op == ShapeOp::Flatten {
            self.g.i1().const_zero()
        } else if op == ShapeOp::Ravel {
            // ravel views only C-contiguous data (NumPy's PyArray_Ravel); the new strides are
            // then the C strides.
            let mut ok = self.g.i1().const_int(1, false);
            let expected = self.c_strides(&dims, dtype)?;
            for k in 0..ndim as usize {
                let unit =
                    self.b()
                        .build_int_compare(IntPredicate::EQ, dims[k], self.i64c(1), "unit")?;
                let same = self.b().build_int_compare(
                    IntPredicate::EQ,
                    strides[k],
                    expected[k],
                    "same",
                )?;
                let fine = self.b().build_or(unit, same, "fine")?;
                ok = self.b().build_and(ok, fine, "contiguous")?;
            }
            for (k, v) in new_strides.iter().enumerate() {
                // SAFETY: k < the new ndim, inside the strides alloca.
                let p = unsafe {
                    self.b()
                        .build_gep(out_strides_ptr, &[self.i64c(k as i64)], "stride.ptr")?
                };
                self.b().build_store(p, *v)?;
            }
            ok
        } else {
            let ok = self
                .call_basic(
                    nocopy,
                    &[
                        self.i32c(i32::from(ndim)).into(),
                        at(self, 0)?.into(),
                        at(self, ndim as usize)?.into(),
                        self.i32c(new_dims.len() as i32).into(),
                        at(self, 2 * ndim as usize)?.into(),
                        out_strides_ptr.into(),
                        self.i64c(i64::from(dtype.size())).into(),
                    ],
                )?
                .into_int_value();
            self.b()
                .build_int_compare(IntPredicate::NE, ok, self.i32c(0), "view.ok")?
        };
        let view_bb = self.new_block("reshape.view");
        let copy_bb = self.new_block("reshape.copy");
        let join = self.new_block("reshape.join");
        self.b()
            .build_conditional_branch(contiguous, view_bb, copy_bb)?;
        self.b().position_at_end(view_bb);
        if !arr.owned {
            self.incref(arr.v, &ty)?;
        }
        let mut view_strides = Vec::new();
        for k in 0..new_dims.len() {
            // SAFETY: k < the new ndim, inside the strides alloca.
            let p = unsafe {
                self.b()
                    .build_gep(out_strides_ptr, &[self.i64c(k as i64)], "stride.ptr")?
            };
            view_strides.push(self.b().build_load(p, "stride")?.into_int_value());
        }
        let as_view = self.make_view(data, owner, &new_dims, &view_strides)?;
        let view_end = self.b().get_insert_block().expect("a block");
        self.b().build_unconditional_branch(join)?;
        self.b().position_at_end(copy_bb);
        let copy = self.new_array(&dims, dtype, false, Fill::Empty)?;
        self.for_each_element(arr.v, &ty, &mut |fg, ptr, flat| {
            let v = fg.load_element(ptr, dtype)?;
            fg.store_flat(copy.v, dtype, flat, v, dtype)
        })?;
        self.release(arr, &ty)?;
        let cst = copy.v.into_struct_value();
        let cdata = self
            .b()
            .build_extract_value(cst, 0, "data")?
            .into_pointer_value();
        let cowner = self.b().build_extract_value(cst, 1, "owner")?;
        let as_copy = self.make_view(cdata, cowner, &new_dims, &new_strides)?;
        let copy_end = self.b().get_insert_block().expect("a block");
        self.b().build_unconditional_branch(join)?;
        self.b().position_at_end(join);
        let phi = self.b().build_phi(as_view.get_type(), "reshaped")?;
        phi.add_incoming(&[(&as_view, view_end), (&as_copy, copy_end)]);
        Ok(Val {
            v: phi.as_basic_value(),
            owned: true,
        })
    }

    /// The dimensions given to reshape (one tuple, or integers) with a -1 resolved against
    /// `size`; ValueError as NumPy raises it.
    fn reshape_dims(&mut self, args: &[ExprId], size: IntValue<'ctx>) -> R<Vec<IntValue<'ctx>>> {
        let mut given = Vec::new();
        for &a in args {
            given.extend(self.shape_operand(a)?);
        }
        let mut known = self.i64c(1);
        let mut unknown = self.i64c(0);
        let mut negative = self.g.i1().const_zero();
        for d in &given {
            let is_unknown =
                self.b()
                    .build_int_compare(IntPredicate::EQ, *d, self.i64c(-1), "unknown")?;
            let below =
                self.b()
                    .build_int_compare(IntPredicate::SLT, *d, self.i64c(-1), "negative")?;
            negative = self.b().build_or(negative, below, "negative")?;
            let one = self.b().build_int_z_extend(is_unknown, self.i64(), "one")?;
            unknown = self.b().build_int_add(unknown, one, "unknowns")?;
            let factor = self
                .b()
                .build_select(is_unknown, self.i64c(1), *d, "factor")?
                .into_int_value();
            known = self.b().build_int_mul(known, factor, "known")?;
        }
        self.raise_if(negative, "ValueError", "negative dimensions not allowed")?;
        let many = self
            .b()
            .build_int_compare(IntPredicate::UGT, unknown, self.i64c(1), "many")?;
        self.raise_if(many, "ValueError", "can only specify one unknown dimension")?;
        // The unknown dimension: size / known (the size check below rejects a zero `known`
        // unless the size is 0 too).
        let zero_known =
            self.b()
                .build_int_compare(IntPredicate::EQ, known, self.i64c(0), "zero.known")?;
        let safe = self
            .b()
            .build_select(zero_known, self.i64c(1), known, "divisor")?
            .into_int_value();
        let inferred = self.b().build_int_signed_div(size, safe, "inferred")?;
        let mut dims = Vec::new();
        let mut total = self.i64c(1);
        for d in &given {
            let is_unknown =
                self.b()
                    .build_int_compare(IntPredicate::EQ, *d, self.i64c(-1), "unknown")?;
            let v = self
                .b()
                .build_select(is_unknown, inferred, *d, "dim")?
                .into_int_value();
            total = self.b().build_int_mul(total, v, "total")?;
            dims.push(v);
        }
        let bad = self
            .b()
            .build_int_compare(IntPredicate::NE, total, size, "bad")?;
        self.raise_if(
            bad,
            "ValueError",
            "cannot reshape array into the requested shape",
        )?;
        Ok(dims)
    }

    /// An array value over `data` (kept alive by `owner`) with the given shape and byte strides.
    fn make_view(
        &self,
        data: PointerValue<'ctx>,
        owner: BasicValueEnum<'ctx>,
        shape: &[IntValue<'ctx>],
        strides: &[IntValue<'ctx>],
    ) -> R<BasicValueEnum<'ctx>> {
        let ndim = shape.len() as u32;
        let mut v = self.g.array(ndim as u8).get_undef();
        v = self
            .b()
            .build_insert_value(v, data, 0, "view")?
            .into_struct_value();
        v = self
            .b()
            .build_insert_value(v, owner, 1, "view")?
            .into_struct_value();
        let empty = self.i64().array_type(ndim).get_undef();
        let dims = self.with_items(empty, shape)?;
        let sts = self.with_items(empty, strides)?;
        v = self
            .b()
            .build_insert_value(v, dims, 2, "view")?
            .into_struct_value();
        v = self
            .b()
            .build_insert_value(v, sts, 3, "view")?
            .into_struct_value();
        Ok(v.into())
    }

    /// The runtime's buffered pairwise sum of an N-d array that is not C-contiguous.
    fn sum_nd(
        &mut self,
        arr: BasicValueEnum<'ctx>,
        dtype: Scalar,
        ndim: u8,
        layout: Layout,
    ) -> R<BasicValueEnum<'ctx>> {
        let name = if dtype == Scalar::F32 {
            "pyaot_sum_nd_f32"
        } else {
            "pyaot_sum_nd_f64"
        };
        let ft = self.g.scalar(dtype);
        let i64p = self.g.i64().ptr_type(Default::default());
        let f = self.g.declare(
            name,
            Some(ft),
            &[
                self.g.ptr().into(),
                self.g.i32().into(),
                i64p.into(),
                i64p.into(),
            ],
        );
        let data = self
            .b()
            .build_extract_value(arr.into_struct_value(), 0, "data")?;
        let dims = (0..ndim)
            .map(|k| self.shape_dim(arr, k))
            .collect::<R<Vec<_>>>()?;
        let strides = self.strides(arr, dtype, ndim, layout)?;
        let slots = self.alloca(self.g.i64().array_type(2 * u32::from(ndim)).into(), "dims")?;
        for (k, v) in dims.iter().chain(&strides).enumerate() {
            // SAFETY: k < 2 * ndim, inside the alloca.
            let p = unsafe {
                self.b()
                    .build_gep(slots, &[self.i64c(0), self.i64c(k as i64)], "slot")?
            };
            self.b().build_store(p, *v)?;
        }
        let shape_ptr = self.b().build_pointer_cast(slots, i64p, "shape")?;
        // SAFETY: the strides follow the ndim dimensions in the same alloca.
        let strides_ptr = unsafe {
            self.b()
                .build_gep(shape_ptr, &[self.i64c(i64::from(ndim))], "strides")?
        };
        let sum = self.call_basic(
            f,
            &[
                data,
                self.i32c(i32::from(ndim)).into(),
                shape_ptr.into(),
                strides_ptr.into(),
            ],
        )?;
        Ok(sum)
    }

    /// The reduction of one array value to a scalar of type `r`.
    fn reduce_value(
        &mut self,
        arr: BasicValueEnum<'ctx>,
        ty: &Type,
        kind: Reduction,
        r: Scalar,
    ) -> R<BasicValueEnum<'ctx>> {
        let Type::Array {
            dtype,
            ndim,
            layout,
        } = *ty
        else {
            return Err(internal("reduction of a non-array"));
        };
        let mut size = self.i64c(1);
        for k in 0..ndim {
            let d = self.shape_dim(arr, k)?;
            size = self.b().build_int_mul(size, d, "size")?;
        }
        let out = match kind {
            Reduction::Sum | Reduction::Mean if dtype.is_float() => {
                // NumPy's pairwise summation, so float sums agree to the last bit with NumPy:
                // over the one inner loop of 1-d and C arrays, and over C-ordered buffers of
                // other N-d arrays (the runtime).
                let sum = if ndim > 1 && layout != Layout::C {
                    self.sum_nd(arr, dtype, ndim, layout)?
                } else {
                    let name = if dtype == Scalar::F32 {
                        "pyaot_sum_f32"
                    } else {
                        "pyaot_sum_f64"
                    };
                    let ft = self.g.scalar(dtype);
                    let f = self.g.declare(
                        name,
                        Some(ft),
                        &[
                            self.g.ptr().into(),
                            self.g.i64().into(),
                            self.g.i64().into(),
                        ],
                    );
                    let data = self
                        .b()
                        .build_extract_value(arr.into_struct_value(), 0, "data")?;
                    let stride = if ndim == 1 {
                        self.strides(arr, dtype, 1, layout)?[0]
                    } else {
                        self.i64c(i64::from(dtype.size()))
                    };
                    self.call_basic(f, &[data, size.into(), stride.into()])?
                };
                let sum = self.cast_scalar(sum, dtype, r)?;
                if kind == Reduction::Mean {
                    let n = self
                        .cast_scalar(size.into(), Scalar::I64, r)?
                        .into_float_value();
                    self.b()
                        .build_float_div(sum.into_float_value(), n, "mean")?
                        .into()
                } else {
                    sum
                }
            }
            Reduction::Sum | Reduction::Prod | Reduction::Mean => {
                let acc_ty = r;
                let slot = self.alloca(self.g.scalar(acc_ty), "acc")?;
                let init = if kind == Reduction::Prod {
                    self.scalar_one(acc_ty)
                } else {
                    self.g.scalar(acc_ty).const_zero()
                };
                self.b().build_store(slot, init)?;
                let op = if kind == Reduction::Prod {
                    BinOp::Mul
                } else {
                    BinOp::Add
                };
                self.for_each_element(arr, ty, &mut |fg, ptr, _| {
                    let v = fg.load_element(ptr, dtype)?;
                    let acc = fg.b().build_load(slot, "acc")?;
                    let next = fg.binary_scalar(op, acc, acc_ty, v, dtype, acc_ty, acc_ty)?;
                    fg.b().build_store(slot, next)?;
                    Ok(())
                })?;
                let total = self.b().build_load(slot, "total")?;
                if kind == Reduction::Mean {
                    let n = self.cast_scalar(size.into(), Scalar::I64, r)?;
                    self.binary_scalar(BinOp::Div, total, r, n, r, r, r)?
                } else {
                    total
                }
            }
            Reduction::Any | Reduction::All => {
                let slot = self.alloca(self.g.i1().into(), "acc")?;
                let all = kind == Reduction::All;
                self.b()
                    .build_store(slot, self.g.i1().const_int(u64::from(all), false))?;
                self.for_each_element(arr, ty, &mut |fg, ptr, _| {
                    let v = fg.load_element(ptr, dtype)?;
                    let t = fg.truthy(v, &Type::Scalar(dtype))?;
                    let acc = fg.b().build_load(slot, "acc")?.into_int_value();
                    let next = if all {
                        fg.b().build_and(acc, t, "all")?
                    } else {
                        fg.b().build_or(acc, t, "any")?
                    };
                    fg.b().build_store(slot, next)?;
                    Ok(())
                })?;
                self.b().build_load(slot, "result")?
            }
            Reduction::Min | Reduction::Max | Reduction::ArgMin | Reduction::ArgMax => {
                let is_min = matches!(kind, Reduction::Min | Reduction::ArgMin);
                let is_arg = matches!(kind, Reduction::ArgMin | Reduction::ArgMax);
                let empty =
                    self.b()
                        .build_int_compare(IntPredicate::EQ, size, self.i64c(0), "empty")?;
                let message = match kind {
                    Reduction::Min => {
                        "zero-size array to reduction operation minimum which has no identity"
                    }
                    Reduction::Max => {
                        "zero-size array to reduction operation maximum which has no identity"
                    }
                    Reduction::ArgMin => "attempt to get argmin of an empty sequence",
                    _ => "attempt to get argmax of an empty sequence",
                };
                self.raise_if(empty, "ValueError", message)?;
                let best = self.alloca(self.g.scalar(dtype), "best")?;
                let best_at = self.alloca(self.g.i64().into(), "best.at")?;
                self.b().build_store(best_at, self.i64c(-1))?;
                self.b()
                    .build_store(best, self.g.scalar(dtype).const_zero())?;
                self.for_each_element(arr, ty, &mut |fg, ptr, n| {
                    let v = fg.load_element(ptr, dtype)?;
                    let cur = fg.b().build_load(best, "best")?;
                    let at = fg.b().build_load(best_at, "at")?.into_int_value();
                    let first =
                        fg.b()
                            .build_int_compare(IntPredicate::SLT, at, fg.i64c(0), "first")?;
                    let op = if is_min { CmpOp::Lt } else { CmpOp::Gt };
                    let s = Type::Scalar(dtype);
                    let better = fg.compare_pair(op, v, &s, cur, &s, &s)?;
                    // NaN wins and then stays, as in NumPy (the first NaN for argmin/argmax).
                    let better = if dtype.is_float() {
                        let (vf, cf) = (v.into_float_value(), cur.into_float_value());
                        let v_nan =
                            fg.b()
                                .build_float_compare(FloatPredicate::UNO, vf, vf, "v.nan")?;
                        let c_nan =
                            fg.b()
                                .build_float_compare(FloatPredicate::UNO, cf, cf, "c.nan")?;
                        let c_ok = fg.b().build_not(c_nan, "c.ok")?;
                        let nan_wins = fg.b().build_and(v_nan, c_ok, "nan.wins")?;
                        fg.b().build_or(better, nan_wins, "better")?
                    } else {
                        better
                    };
                    let take = fg.b().build_or(first, better, "take")?;
                    let nv = fg.b().build_select(take, v, cur, "nv")?;
                    let na = fg.b().build_select(take, n, at, "na")?;
                    fg.b().build_store(best, nv)?;
                    fg.b().build_store(best_at, na)?;
                    Ok(())
                })?;
                if is_arg {
                    self.b().build_load(best_at, "argbest")?
                } else {
                    let v = self.b().build_load(best, "best")?;
                    self.cast_scalar(v, dtype, r)?
                }
            }
        };
        Ok(out)
    }

    /// Stores `value` (of type `from`) at C-order position `flat` of a fresh C-contiguous array.
    fn store_flat(
        &self,
        arr: BasicValueEnum<'ctx>,
        dtype: Scalar,
        flat: IntValue<'ctx>,
        value: BasicValueEnum<'ctx>,
        from: Scalar,
    ) -> R<()> {
        let ptr = self.address(arr, dtype, &[flat], &[self.i64c(i64::from(dtype.size()))])?;
        self.store_element(ptr, value, &Type::Scalar(from), &Type::Scalar(dtype))
    }

    /// Evaluates a scalar operand: its value and scalar type.
    fn scalar_operand(&mut self, e: ExprId) -> R<(BasicValueEnum<'ctx>, Scalar)> {
        let ty = self.ty_of(e)?;
        let Type::Scalar(s) = ty else {
            return Err(internal("non-scalar operand"));
        };
        Ok((self.expr(e)?.v, s))
    }

    /// The dimensions of a shape operand (an int or a tuple of ints).
    fn shape_operand(&mut self, e: ExprId) -> R<Vec<IntValue<'ctx>>> {
        let ty = self.ty_of(e)?;
        let v = self.expr(e)?;
        match &ty {
            Type::Tuple(items) => (0..items.len())
                .map(|k| {
                    let d =
                        self.b()
                            .build_extract_value(v.v.into_struct_value(), k as u32, "dim")?;
                    Ok(self.cast(d, &items[k], &Type::I64)?.into_int_value())
                })
                .collect(),
            other => Ok(vec![self.cast(v.v, other, &Type::I64)?.into_int_value()]),
        }
    }

    /// np.full, full_like, arange, linspace, copy/astype, eye/identity, array(literal).
    fn create(&mut self, e: ExprId, creation: &Creation) -> R<Val<'ctx>> {
        let ops = self
            .inst
            .call_args
            .get(&e)
            .cloned()
            .ok_or_else(|| internal("creation without operands"))?;
        let result = self.ty_of(e)?;
        let Type::Array { dtype, .. } = result else {
            return Err(internal("creation of a non-array"));
        };
        match creation {
            Creation::Full { .. } | Creation::FullLike { .. } => {
                let dims = if matches!(creation, Creation::Full { .. }) {
                    self.shape_operand(ops[0])?
                } else {
                    let a_ty = self.ty_of(ops[0])?;
                    let Type::Array { ndim, .. } = a_ty else {
                        return Err(internal("full_like of a non-array"));
                    };
                    let a = self.expr(ops[0])?;
                    let dims = (0..ndim)
                        .map(|k| self.shape_dim(a.v, k))
                        .collect::<R<Vec<_>>>()?;
                    self.release(a, &a_ty)?;
                    dims
                };
                let (value, vs) = self.scalar_operand(ops[1])?;
                let value = self.cast_scalar(value, vs, dtype)?;
                let out = self.new_array(&dims, dtype, false, Fill::Empty)?;
                let out_ty = result.clone();
                self.for_each_element(out.v, &out_ty, &mut |fg, ptr, _| {
                    fg.store_element(ptr, value, &Type::Scalar(dtype), &Type::Scalar(dtype))
                })?;
                Ok(out)
            }
            Creation::Arange {
                compute,
                has_start,
                has_step,
                ..
            } => {
                let compute = *compute;
                let mut values = Vec::new();
                for &o in &ops {
                    let (v, s) = self.scalar_operand(o)?;
                    values.push(self.cast_scalar(v, s, compute)?);
                }
                let zero = self.g.scalar(compute).const_zero();
                let one = self.scalar_one(compute);
                let (start, stop, step) = match (has_start, has_step) {
                    (false, _) => (zero, values[0], one),
                    (true, false) => (values[0], values[1], one),
                    (true, true) => (values[0], values[1], values[2]),
                };
                // len = ceil((stop - start) / step), at least 0, as NumPy computes it.
                let count = if compute.is_float() {
                    let (start_f, stop_f, step_f) = (
                        start.into_float_value(),
                        stop.into_float_value(),
                        step.into_float_value(),
                    );
                    let is_zero = self.b().build_float_compare(
                        FloatPredicate::OEQ,
                        step_f,
                        self.g.f64().const_zero(),
                        "z",
                    )?;
                    self.raise_if(is_zero, "ZeroDivisionError", "division by zero")?;
                    let span = self.b().build_float_sub(stop_f, start_f, "span")?;
                    let q = self.b().build_float_div(span, step_f, "q")?;
                    let ceil = self.intrinsic("llvm.ceil", self.g.f64().into(), 1)?;
                    let c = self.call_basic(ceil, &[q.into()])?;
                    let c = self
                        .cast_scalar(c, Scalar::F64, Scalar::I64)?
                        .into_int_value();
                    let neg =
                        self.b()
                            .build_int_compare(IntPredicate::SLT, c, self.i64c(0), "neg")?;
                    self.b()
                        .build_select(neg, self.i64c(0), c, "count")?
                        .into_int_value()
                } else {
                    let (start_i, stop_i, step_i) = (
                        start.into_int_value(),
                        stop.into_int_value(),
                        step.into_int_value(),
                    );
                    let is_zero =
                        self.b()
                            .build_int_compare(IntPredicate::EQ, step_i, self.i64c(0), "z")?;
                    self.raise_if(is_zero, "ZeroDivisionError", "division by zero")?;
                    let span = self.b().build_int_sub(stop_i, start_i, "span")?;
                    // ceil division for either sign of step.
                    let q = self.binary_scalar(
                        BinOp::FloorDiv,
                        self.b().build_int_neg(span, "")?.into(),
                        Scalar::I64,
                        step_i.into(),
                        Scalar::I64,
                        Scalar::I64,
                        Scalar::I64,
                    )?;
                    let c = self.b().build_int_neg(q.into_int_value(), "c")?;
                    let neg =
                        self.b()
                            .build_int_compare(IntPredicate::SLT, c, self.i64c(0), "neg")?;
                    self.b()
                        .build_select(neg, self.i64c(0), c, "count")?
                        .into_int_value()
                };
                let out = self.new_array(&[count], dtype, false, Fill::Empty)?;
                // NumPy fills a[0] = start, a[1] = start + step, then a[i] = start + i * delta
                // with delta = a[1] - a[0] (which may differ from step in floating point).
                let second = self.binary_scalar(
                    BinOp::Add,
                    start,
                    compute,
                    step,
                    compute,
                    compute,
                    compute,
                )?;
                let delta = self.binary_scalar(
                    BinOp::Sub,
                    second,
                    compute,
                    start,
                    compute,
                    compute,
                    compute,
                )?;
                let out_ty = result.clone();
                self.for_each_element(out.v, &out_ty, &mut |fg, ptr, i| {
                    let fi = fg.cast_scalar(i.into(), Scalar::I64, compute)?;
                    let offset = fg.binary_scalar(
                        BinOp::Mul,
                        fi,
                        compute,
                        delta,
                        compute,
                        compute,
                        compute,
                    )?;
                    let v = fg.binary_scalar(
                        BinOp::Add,
                        start,
                        compute,
                        offset,
                        compute,
                        compute,
                        compute,
                    )?;
                    let is_first =
                        fg.b()
                            .build_int_compare(IntPredicate::EQ, i, fg.i64c(0), "first")?;
                    let is_second =
                        fg.b()
                            .build_int_compare(IntPredicate::EQ, i, fg.i64c(1), "second")?;
                    let v = fg.b().build_select(is_second, second, v, "v")?;
                    let v = fg.b().build_select(is_first, start, v, "v")?;
                    fg.store_element(ptr, v, &Type::Scalar(compute), &Type::Scalar(dtype))
                })?;
                Ok(out)
            }
            Creation::Linspace { endpoint, has_num } => {
                let (start, ss) = self.scalar_operand(ops[0])?;
                let (stop, st) = self.scalar_operand(ops[1])?;
                let start = self.cast_scalar(start, ss, Scalar::F64)?.into_float_value();
                let stop = self.cast_scalar(stop, st, Scalar::F64)?.into_float_value();
                let num = if *has_num {
                    let (n, ns) = self.scalar_operand(ops[2])?;
                    self.cast_scalar(n, ns, Scalar::I64)?.into_int_value()
                } else {
                    self.i64c(50)
                };
                let negative =
                    self.b()
                        .build_int_compare(IntPredicate::SLT, num, self.i64c(0), "neg")?;
                self.raise_if(
                    negative,
                    "ValueError",
                    "Number of samples must be non-negative.",
                )?;
                let div = if *endpoint {
                    self.b().build_int_sub(num, self.i64c(1), "div")?
                } else {
                    num
                };
                let div_f = self
                    .cast_scalar(div.into(), Scalar::I64, Scalar::F64)?
                    .into_float_value();
                let delta = self.b().build_float_sub(stop, start, "delta")?;
                let step = self.b().build_float_div(delta, div_f, "step")?;
                let has_div =
                    self.b()
                        .build_int_compare(IntPredicate::SGT, div, self.i64c(0), "has.div")?;
                let step_zero = self.b().build_float_compare(
                    FloatPredicate::OEQ,
                    step,
                    self.g.f64().const_zero(),
                    "step.zero",
                )?;
                let out = self.new_array(&[num], Scalar::F64, false, Fill::Empty)?;
                let last = self.b().build_int_sub(num, self.i64c(1), "last")?;
                let endpoint_on = self.g.i1().const_int(u64::from(*endpoint), false);
                let out_ty = result.clone();
                self.for_each_element(out.v, &out_ty, &mut |fg, ptr, i| {
                    let b = fg.b();
                    let fi = b.build_signed_int_to_float(i, fg.g.f64(), "fi")?;
                    // NumPy: y = i * step (or i / div * delta when step is 0; i * delta when
                    // div is 0), then y + start, and the last element is stop when endpoint.
                    let by_step = b.build_float_mul(fi, step, "by.step")?;
                    let scaled =
                        b.build_float_mul(b.build_float_div(fi, div_f, "")?, delta, "scaled")?;
                    let by_delta = b.build_float_mul(fi, delta, "by.delta")?;
                    let y = b
                        .build_select(step_zero, scaled, by_step, "y")?
                        .into_float_value();
                    let y = b
                        .build_select(has_div, y, by_delta, "y")?
                        .into_float_value();
                    let y = b.build_float_add(y, start, "y")?;
                    let is_last = b.build_int_compare(IntPredicate::EQ, i, last, "is.last")?;
                    let more_than_one =
                        b.build_int_compare(IntPredicate::SGT, num, fg.i64c(1), "many")?;
                    let use_stop = b.build_and(
                        b.build_and(is_last, more_than_one, "")?,
                        endpoint_on,
                        "use.stop",
                    )?;
                    let y = b.build_select(use_stop, stop, y, "y")?;
                    b.build_store(ptr, y)?;
                    Ok(())
                })?;
                Ok(out)
            }
            Creation::Copy { .. } => {
                let a_ty = self.ty_of(ops[0])?;
                let Type::Array {
                    dtype: src, ndim, ..
                } = a_ty
                else {
                    return Err(internal("copy of a non-array"));
                };
                let a = self.expr(ops[0])?;
                let dims = (0..ndim)
                    .map(|k| self.shape_dim(a.v, k))
                    .collect::<R<Vec<_>>>()?;
                let out = self.new_array(&dims, dtype, false, Fill::Empty)?;
                let out_v = out.v;
                self.for_each_element(a.v, &a_ty, &mut |fg, ptr, flat| {
                    let v = fg.load_element(ptr, src)?;
                    fg.store_flat(out_v, dtype, flat, v, src)
                })?;
                self.release(a, &a_ty)?;
                Ok(out)
            }
            Creation::Eye { k, has_m, .. } => {
                let (n, ns) = self.scalar_operand(ops[0])?;
                let n = self.cast_scalar(n, ns, Scalar::I64)?.into_int_value();
                let m = if *has_m {
                    let (m, ms) = self.scalar_operand(ops[1])?;
                    self.cast_scalar(m, ms, Scalar::I64)?.into_int_value()
                } else {
                    n
                };
                let out = self.new_array(&[n, m], dtype, false, Fill::Zeros)?;
                let one = self.scalar_one(dtype);
                let k = self.i64c(*k);
                let out_ty = result.clone();
                self.for_each_element(out.v, &out_ty, &mut |fg, ptr, flat| {
                    // Row i, column j of the flat index; ones where j == i + k.
                    let b = fg.b();
                    let i = b.build_int_signed_div(flat, m, "i")?;
                    let j = b.build_int_signed_rem(flat, m, "j")?;
                    let diag = b.build_int_add(i, k, "diag")?;
                    let on = b.build_int_compare(IntPredicate::EQ, j, diag, "on")?;
                    let current = fg.load_element(ptr, dtype)?;
                    let v = fg.b().build_select(on, one, current, "v")?;
                    fg.store_element(ptr, v, &Type::Scalar(dtype), &Type::Scalar(dtype))
                })?;
                Ok(out)
            }
            Creation::FromLiteral { shape, .. } => {
                let dims: Vec<IntValue<'ctx>> = shape.iter().map(|d| self.i64c(*d)).collect();
                let dims = if dims.is_empty() {
                    vec![self.i64c(0)]
                } else {
                    dims
                };
                let out = self.new_array(&dims, dtype, false, Fill::Empty)?;
                for (flat, &item) in ops.iter().enumerate() {
                    let (v, s) = self.scalar_operand(item)?;
                    self.store_flat(out.v, dtype, self.i64c(flat as i64), v, s)?;
                }
                Ok(out)
            }
        }
    }

    /// A NumPy math ufunc over arrays: element by element, computing in the operand type that
    /// inference chose (stored as the call's operand type).
    /// Nested loops over `dims` in C order; `body` gets the indices and the flat position.
    fn for_each_index(
        &mut self,
        dims: &[IntValue<'ctx>],
        body: &mut IndexBody<'_, 'g, 'a, 'ctx>,
    ) -> R<()> {
        let flat = self.alloca(self.g.i64().into(), "flat")?;
        self.b().build_store(flat, self.i64c(0))?;
        let counters: Vec<PointerValue<'ctx>> = dims
            .iter()
            .map(|_| self.alloca(self.g.i64().into(), "i"))
            .collect::<R<_>>()?;
        let mut heads = Vec::new();
        let mut exits = Vec::new();
        for (k, dim) in dims.iter().enumerate() {
            self.b().build_store(counters[k], self.i64c(0))?;
            let head = self.new_block("ew.head");
            let inner = self.new_block("ew.body");
            let exit = self.new_block("ew.exit");
            self.b().build_unconditional_branch(head)?;
            self.b().position_at_end(head);
            let i = self.b().build_load(counters[k], "i")?.into_int_value();
            let more = self
                .b()
                .build_int_compare(IntPredicate::SLT, i, *dim, "more")?;
            self.b().build_conditional_branch(more, inner, exit)?;
            self.b().position_at_end(inner);
            heads.push(head);
            exits.push(exit);
        }
        let idx: Vec<IntValue<'ctx>> = counters
            .iter()
            .map(|c| Ok(self.b().build_load(*c, "idx")?.into_int_value()))
            .collect::<R<_>>()?;
        let n = self.b().build_load(flat, "n")?.into_int_value();
        body(self, &idx, n)?;
        let n1 = self.b().build_int_add(n, self.i64c(1), "n1")?;
        self.b().build_store(flat, n1)?;
        for k in (0..dims.len()).rev() {
            let i = self.b().build_load(counters[k], "i")?.into_int_value();
            let i1 = self.b().build_int_nsw_add(i, self.i64c(1), "i1")?;
            self.b().build_store(counters[k], i1)?;
            self.b().build_unconditional_branch(heads[k])?;
            self.b().position_at_end(exits[k]);
        }
        Ok(())
    }

    /// An array expression, element by element with NumPy broadcasting: `f` maps the operands'
    /// elements (scalars taken as they are) to a result element of `dtype`. The result goes to a
    /// new C-contiguous array, or, with `in_place = Some(k)`, into operand `k` itself (then the
    /// other operands must broadcast to its shape).
    fn elementwise(
        &mut self,
        operands: &[(Val<'ctx>, Type)],
        in_place: Option<usize>,
        dtype: Scalar,
        f: &mut ElementFn<'_, 'g, 'a, 'ctx>,
    ) -> R<Val<'ctx>> {
        let ndim = operands
            .iter()
            .map(|(_, t)| {
                if let Type::Array { ndim, .. } = t {
                    *ndim
                } else {
                    0
                }
            })
            .max()
            .unwrap_or(0);
        // Each array operand's dimensions, aligned to the right of the result's.
        let mut shapes: Vec<Vec<IntValue<'ctx>>> = Vec::new();
        for (v, t) in operands {
            let dims = match t {
                Type::Array { ndim, .. } => (0..*ndim)
                    .map(|k| self.shape_dim(v.v, k))
                    .collect::<R<Vec<_>>>()?,
                _ => Vec::new(),
            };
            shapes.push(dims);
        }
        let mut out_dims = Vec::new();
        let mut bad = self.g.i1().const_zero();
        for d in 0..ndim as usize {
            let mut cur = match in_place {
                Some(k) => shapes[k][d],
                None => self.i64c(1),
            };
            for (i, dims) in shapes.iter().enumerate() {
                if Some(i) == in_place || dims.len() + d < ndim as usize {
                    continue;
                }
                let s = dims[d + dims.len() - ndim as usize];
                let b = self.b();
                let not_one = b.build_int_compare(IntPredicate::NE, s, self.i64c(1), "not.one")?;
                let cur_not_one =
                    b.build_int_compare(IntPredicate::NE, cur, self.i64c(1), "cur.not.one")?;
                let differ = b.build_int_compare(IntPredicate::NE, s, cur, "differ")?;
                let conflict =
                    b.build_and(b.build_and(not_one, cur_not_one, "")?, differ, "conflict")?;
                let conflict = if in_place.is_some() {
                    // In place, the target's shape is fixed: anything but 1 or equal is an error.
                    b.build_and(not_one, differ, "conflict")?
                } else {
                    conflict
                };
                bad = b.build_or(bad, conflict, "bad")?;
                if in_place.is_none() {
                    cur = b.build_select(not_one, s, cur, "dim")?.into_int_value();
                }
            }
            out_dims.push(cur);
        }
        if let Some(k) = in_place {
            if shapes[k].len() < ndim as usize {
                return Err(internal("in-place target with fewer dimensions"));
            }
        }
        self.raise_if(
            bad,
            "ValueError",
            "operands could not be broadcast together",
        )?;
        // Writing in place: an operand whose memory overlaps the destination's (other than the
        // destination itself, element for element) is read from a copy, as NumPy does.
        let originals = operands;
        let mut copies = Vec::new();
        let mut unaliased = originals.to_vec();
        if let Some(k) = in_place {
            for i in 0..originals.len() {
                if i != k && originals[i].1.is_array() {
                    let (v, copied) = self.unalias(&originals[k], &originals[i])?;
                    unaliased[i].0 = v;
                    copies.push((v, originals[i].1.clone(), copied));
                }
            }
        }
        let operands = &unaliased[..];
        let out = match in_place {
            Some(k) => operands[k].0,
            None => self.new_array(&out_dims, dtype, false, Fill::Empty)?,
        };
        let out_ty = match in_place {
            Some(k) => operands[k].1.clone(),
            None => Type::array(dtype, ndim, Layout::C),
        };
        let Type::Array {
            layout: out_layout, ..
        } = out_ty
        else {
            return Err(internal("elementwise output"));
        };
        let out_strides = self.strides(out.v, dtype, ndim, out_layout)?;
        let mut strides = Vec::new();
        for (v, t) in operands {
            strides.push(match t {
                Type::Array {
                    dtype,
                    ndim,
                    layout,
                } => self.strides(v.v, *dtype, *ndim, *layout)?,
                _ => Vec::new(),
            });
        }
        // Scalars are evaluated once, outside the loop.
        let scalars: Vec<Option<(BasicValueEnum<'ctx>, Scalar)>> = operands
            .iter()
            .map(|(v, t)| t.as_scalar().map(|s| (v.v, s)))
            .collect();
        let was = self.numpy_semantics;
        self.numpy_semantics = true;
        // Two versions of the loop: one for operands that all have the output's shape (no
        // broadcasting; plain indexing that LLVM can vectorise), and the general one.
        let mut plain = self.g.i1().const_int(1, false);
        for (dims, (_, t)) in shapes.iter().zip(operands) {
            if !t.is_array() {
                continue;
            }
            if dims.len() != out_dims.len() {
                plain = self.g.i1().const_zero();
                break;
            }
            for (d, o) in dims.iter().zip(&out_dims) {
                let eq = self
                    .b()
                    .build_int_compare(IntPredicate::EQ, *d, *o, "same.dim")?;
                plain = self.b().build_and(plain, eq, "plain")?;
            }
        }
        let plain_bb = self.new_block("elementwise.plain");
        let general_bb = self.new_block("elementwise.broadcast");
        let join = self.new_block("elementwise.done");
        self.b()
            .build_conditional_branch(plain, plain_bb, general_bb)?;
        let mut result = Ok(());
        for broadcast in [false, true] {
            self.b()
                .position_at_end(if broadcast { general_bb } else { plain_bb });
            let r = self.for_each_index(&out_dims, &mut |fg, idx, _| {
                let mut xs = Vec::new();
                for (i, (v, t)) in operands.iter().enumerate() {
                    if let Some(x) = scalars[i] {
                        xs.push(x);
                        continue;
                    }
                    let Type::Array {
                        dtype: d, ndim: k, ..
                    } = t
                    else {
                        return Err(internal("operand"));
                    };
                    let mut own = Vec::new();
                    for (j, &dim) in shapes[i].iter().enumerate() {
                        let out_axis = j + ndim as usize - *k as usize;
                        if !broadcast {
                            own.push(idx[out_axis]);
                            continue;
                        }
                        let one =
                            fg.b()
                                .build_int_compare(IntPredicate::EQ, dim, fg.i64c(1), "bcast")?;
                        own.push(
                            fg.b()
                                .build_select(one, fg.i64c(0), idx[out_axis], "j")?
                                .into_int_value(),
                        );
                    }
                    let ptr = fg.address(v.v, *d, &own, &strides[i])?;
                    xs.push((fg.load_element(ptr, *d)?, *d));
                }
                let r = f(fg, &xs)?;
                let ptr = fg.address(out.v, dtype, idx, &out_strides)?;
                fg.store_element(ptr, r, &Type::Scalar(dtype), &Type::Scalar(dtype))
            });
            if r.is_err() {
                result = r;
                break;
            }
            self.b().build_unconditional_branch(join)?;
        }
        self.b().position_at_end(join);
        self.numpy_semantics = was;
        result?;
        for (v, t, copied) in copies {
            // A copy made for overlap is released here; the original below, as usual.
            let drop_bb = self.new_block("copy.drop");
            let done = self.new_block("copy.done");
            self.b().build_conditional_branch(copied, drop_bb, done)?;
            self.b().position_at_end(drop_bb);
            self.decref(v.v, &t)?;
            self.b().build_unconditional_branch(done)?;
            self.b().position_at_end(done);
        }
        for (i, (v, t)) in originals.iter().enumerate() {
            if Some(i) != in_place {
                self.release(*v, t)?;
            }
        }
        Ok(match in_place {
            Some(_) => Val::plain(self.g.i8().const_zero()),
            None => out,
        })
    }

    /// `src` itself, or a copy of it (same layout) if its memory overlaps `dest`'s without
    /// being exactly the same elements; and whether a copy was made (to be released).
    fn unalias(
        &mut self,
        dest: &(Val<'ctx>, Type),
        src: &(Val<'ctx>, Type),
    ) -> R<(Val<'ctx>, IntValue<'ctx>)> {
        let (d_lo, d_hi, d_sig) = self.extent(dest.0.v, &dest.1)?;
        let (s_lo, s_hi, s_sig) = self.extent(src.0.v, &src.1)?;
        let b = self.b();
        let below = b.build_int_compare(IntPredicate::ULT, d_lo, s_hi, "below")?;
        let above = b.build_int_compare(IntPredicate::ULT, s_lo, d_hi, "above")?;
        let overlap = b.build_and(below, above, "overlap")?;
        let same = if dest.1 == src.1 || (dest.1.is_array() && d_sig.len() == s_sig.len()) {
            let mut same = self.g.i1().const_int(1, false);
            for (x, y) in d_sig.iter().zip(&s_sig) {
                let eq = self
                    .b()
                    .build_int_compare(IntPredicate::EQ, *x, *y, "same")?;
                same = self.b().build_and(same, eq, "same")?;
            }
            same
        } else {
            self.g.i1().const_zero()
        };
        let not_same = self.b().build_not(same, "differs")?;
        let copy_needed = self.b().build_and(overlap, not_same, "copy")?;
        let copy_bb = self.new_block("unalias.copy");
        let join = self.new_block("unalias.join");
        let from = self.b().get_insert_block().expect("a block");
        self.b()
            .build_conditional_branch(copy_needed, copy_bb, join)?;
        self.b().position_at_end(copy_bb);
        let copy = self.copy_like(src.0.v, &src.1)?;
        let copy_end = self.b().get_insert_block().expect("a block");
        self.b().build_unconditional_branch(join)?;
        self.b().position_at_end(join);
        let phi = self.b().build_phi(src.0.v.get_type(), "unaliased")?;
        phi.add_incoming(&[(&src.0.v, from), (&copy, copy_end)]);
        Ok((
            Val {
                v: phi.as_basic_value(),
                owned: src.0.owned,
            },
            copy_needed,
        ))
    }

    /// The byte range `[lo, hi)` an array value can touch (empty for no elements), and its
    /// data pointer, shape and strides as integers (equal for the very same elements).
    fn extent(
        &self,
        v: BasicValueEnum<'ctx>,
        ty: &Type,
    ) -> R<(IntValue<'ctx>, IntValue<'ctx>, Vec<IntValue<'ctx>>)> {
        let Type::Array {
            dtype,
            ndim,
            layout,
        } = *ty
        else {
            return Err(internal("extent of a non-array"));
        };
        let strides = self.strides(v, dtype, ndim, layout)?;
        let data = self
            .b()
            .build_extract_value(v.into_struct_value(), 0, "data")?
            .into_pointer_value();
        let base = self.b().build_ptr_to_int(data, self.i64(), "base")?;
        let (mut lo, mut hi) = (base, base);
        let mut empty = self.g.i1().const_zero();
        let mut sig = vec![base];
        for (k, stride) in strides.iter().enumerate() {
            let dim = self.shape_dim(v, k as u8)?;
            sig.push(dim);
            sig.push(*stride);
            let b = self.b();
            let zero = b.build_int_compare(IntPredicate::EQ, dim, self.i64c(0), "zero")?;
            empty = b.build_or(empty, zero, "empty")?;
            let last = b.build_int_sub(dim, self.i64c(1), "last")?;
            let reach = b.build_int_mul(last, *stride, "reach")?;
            let neg = b.build_int_compare(IntPredicate::SLT, reach, self.i64c(0), "neg")?;
            let down = b
                .build_select(neg, reach, self.i64c(0), "down")?
                .into_int_value();
            let up = b
                .build_select(neg, self.i64c(0), reach, "up")?
                .into_int_value();
            lo = b.build_int_add(lo, down, "lo")?;
            hi = b.build_int_add(hi, up, "hi")?;
        }
        let b = self.b();
        hi = b.build_int_add(hi, self.i64c(i64::from(dtype.size())), "hi")?;
        // An empty array touches nothing.
        let hi = b.build_select(empty, lo, hi, "hi")?.into_int_value();
        Ok((lo, hi, sig))
    }

    /// A new array with the same shape, dtype and layout kind (F stays F), holding a copy.
    fn copy_like(&mut self, v: BasicValueEnum<'ctx>, ty: &Type) -> R<BasicValueEnum<'ctx>> {
        let Type::Array {
            dtype,
            ndim,
            layout,
        } = *ty
        else {
            return Err(internal("copy of a non-array"));
        };
        let dims = (0..ndim)
            .map(|k| self.shape_dim(v, k))
            .collect::<R<Vec<_>>>()?;
        let out = self.new_array(&dims, dtype, layout == Layout::F, Fill::Empty)?;
        let src_strides = self.strides(v, dtype, ndim, layout)?;
        let out_layout = if layout == Layout::F {
            Layout::F
        } else {
            Layout::C
        };
        let out_strides = self.strides(out.v, dtype, ndim, out_layout)?;
        self.for_each_index(&dims, &mut |fg, idx, _| {
            let from = fg.address(v, dtype, idx, &src_strides)?;
            let x = fg.load_element(from, dtype)?;
            let to = fg.address(out.v, dtype, idx, &out_strides)?;
            fg.store_element(to, x, &Type::Scalar(dtype), &Type::Scalar(dtype))
        })?;
        Ok(out.v)
    }

    fn scalar_one(&self, s: Scalar) -> BasicValueEnum<'ctx> {
        match s {
            Scalar::Bool => self.g.i1().const_int(1, false).into(),
            s if s.is_int() => self.g.scalar(s).into_int_type().const_int(1, false).into(),
            s if s.is_float() => self.g.scalar(s).into_float_type().const_float(1.0).into(),
            s => self.complex_const(1.0, 0.0, s),
        }
    }

    /// An index into dimension `axis` of length `dim`: a negative one wraps (for signed index
    /// types), then one unsigned comparison catches everything outside, which raises IndexError
    /// with NumPy's message instead of touching memory outside the array.
    fn checked_index(
        &mut self,
        v: IntValue<'ctx>,
        signed: bool,
        dim: IntValue<'ctx>,
        axis: usize,
    ) -> R<IntValue<'ctx>> {
        let wrapped = if signed {
            let neg = self
                .b()
                .build_int_compare(IntPredicate::SLT, v, self.i64c(0), "neg")?;
            let plus = self.b().build_int_add(v, dim, "wrap")?;
            self.b().build_select(neg, plus, v, "idx")?.into_int_value()
        } else {
            v
        };
        let outside = self
            .b()
            .build_int_compare(IntPredicate::UGE, wrapped, dim, "outside")?;
        let bad = self.new_block("index.error");
        let ok = self.new_block("index.ok");
        self.b().build_conditional_branch(outside, bad, ok)?;
        self.b().position_at_end(bad);
        let i64t = self.g.i64().into();
        let f = self
            .g
            .declare("pyaot_raise_index_error", None, &[i64t, i64t, i64t]);
        self.call_rt(f, &[v.into(), self.i64c(axis as i64).into(), dim.into()])?;
        self.fail()?;
        self.b().position_at_end(ok);
        Ok(wrapped)
    }

    /// A view by basic indexing: integers pick, slices narrow (Python's slice rules), `None`
    /// adds an axis of length 1; the view shares the base's memory and owner.
    fn view(&mut self, base: ExprId, index: ExprId, view_ty: &Type) -> R<Val<'ctx>> {
        let base_ty = self.ty_of(base)?;
        let Type::Array {
            dtype,
            ndim,
            layout,
        } = base_ty
        else {
            return Err(internal("view of a non-array"));
        };
        if !view_ty.is_array() {
            return Err(internal("view type"));
        }
        let indices: Vec<ExprId> = match &self.ast.expr(index).kind {
            ExprKind::Tuple(items) => items.clone(),
            _ => vec![index],
        };
        let arr = self.expr(base)?;
        let strides = self.strides(arr.v, dtype, ndim, layout)?;
        let mut offset = self.i64c(0);
        let mut shape = Vec::new();
        let mut out_strides = Vec::new();
        let mut axis = 0usize;
        let is_none = |fg: &Self, i: ExprId| {
            matches!(fg.ast.expr(i).kind, ExprKind::None)
                || matches!(fg.inst.names.get(&i), Some(NameRes::Const(Const::None)))
        };
        let consuming = indices
            .iter()
            .filter(|&&i| !is_none(self, i) && !matches!(self.ast.expr(i).kind, ExprKind::Ellipsis))
            .count();
        for &i in &indices {
            let mut kind = self.ast.expr(i).kind.clone();
            if is_none(self, i) {
                kind = ExprKind::None;
            }
            match kind {
                ExprKind::Ellipsis => {
                    for _ in consuming..ndim as usize {
                        shape.push(self.shape_dim(arr.v, axis as u8)?);
                        out_strides.push(strides[axis]);
                        axis += 1;
                    }
                }
                ExprKind::None => {
                    shape.push(self.i64c(1));
                    out_strides.push(self.i64c(0));
                }
                ExprKind::Slice { lower, upper, step } => {
                    let dim = self.shape_dim(arr.v, axis as u8)?;
                    let (start, length, step) = self.slice_bounds(lower, upper, step, dim)?;
                    let term = self
                        .b()
                        .build_int_mul(start, strides[axis], "slice.offset")?;
                    offset = self.b().build_int_add(offset, term, "offset")?;
                    shape.push(length);
                    out_strides.push(self.b().build_int_mul(
                        strides[axis],
                        step,
                        "slice.stride",
                    )?);
                    axis += 1;
                }
                _ => {
                    let ity = self.ty_of(i)?;
                    let v = self.expr(i)?;
                    let v = self.cast(v.v, &ity, &Type::I64)?.into_int_value();
                    let dim = self.shape_dim(arr.v, axis as u8)?;
                    let signed = ity.as_scalar().is_some_and(|s| s.is_signed());
                    let wrapped = self.checked_index(v, signed, dim, axis)?;
                    let term = self
                        .b()
                        .build_int_mul(wrapped, strides[axis], "pick.offset")?;
                    offset = self.b().build_int_add(offset, term, "offset")?;
                    axis += 1;
                }
            }
        }
        for (rest, stride) in strides.iter().enumerate().skip(axis) {
            shape.push(self.shape_dim(arr.v, rest as u8)?);
            out_strides.push(*stride);
        }
        let data = self
            .b()
            .build_extract_value(arr.v.into_struct_value(), 0, "data")?
            .into_pointer_value();
        // SAFETY: the offset stays inside the array for every element the view can reach (an
        // empty view's offset is never dereferenced).
        let new_data = unsafe { self.b().build_gep(data, &[offset], "view.data")? };
        let owner = self
            .b()
            .build_extract_value(arr.v.into_struct_value(), 1, "owner")?;
        let v = self.make_view(new_data, owner, &shape, &out_strides)?;
        // A view of a temporary takes over the temporary's reference.
        Ok(Val {
            v,
            owned: arr.owned,
        })
    }

    /// `values` inserted as the first items of an `[n x i64]` aggregate (a shape or strides).
    fn with_items(
        &self,
        mut agg: inkwell::values::ArrayValue<'ctx>,
        values: &[IntValue<'ctx>],
    ) -> R<inkwell::values::ArrayValue<'ctx>> {
        for (k, v) in values.iter().enumerate() {
            agg = self
                .b()
                .build_insert_value(agg, *v, k as u32, "item")?
                .into_array_value();
        }
        Ok(agg)
    }

    fn i64(&self) -> inkwell::types::IntType<'ctx> {
        self.g.i64()
    }

    /// Python's slice.indices(): the start, the length and the step of `lower:upper:step` on a
    /// dimension of length `dim` (ValueError for a zero step).
    fn slice_bounds(
        &mut self,
        lower: Option<ExprId>,
        upper: Option<ExprId>,
        step: Option<ExprId>,
        dim: IntValue<'ctx>,
    ) -> R<(IntValue<'ctx>, IntValue<'ctx>, IntValue<'ctx>)> {
        let part = |fg: &mut Self, e: Option<ExprId>| -> R<Option<IntValue<'ctx>>> {
            let Some(e) = e else { return Ok(None) };
            let ty = fg.ty_of(e)?;
            if ty == Type::None {
                return Ok(None);
            }
            let v = fg.expr(e)?;
            Ok(Some(fg.cast(v.v, &ty, &Type::I64)?.into_int_value()))
        };
        let step_v = part(self, step)?.unwrap_or(self.i64c(1));
        let lower_v = part(self, lower)?;
        let upper_v = part(self, upper)?;
        let zero_step =
            self.b()
                .build_int_compare(IntPredicate::EQ, step_v, self.i64c(0), "zero.step")?;
        self.raise_if(zero_step, "ValueError", "slice step cannot be zero")?;
        let b = self.b();
        let positive = b.build_int_compare(IntPredicate::SGT, step_v, self.i64c(0), "pos")?;
        let minus_one = self.i64c(-1);
        let lo = b
            .build_select(positive, self.i64c(0), minus_one, "lo")?
            .into_int_value();
        let dim_minus_one = b.build_int_sub(dim, self.i64c(1), "dm1")?;
        let hi = b
            .build_select(positive, dim, dim_minus_one, "hi")?
            .into_int_value();
        let clamp = |fg: &Self, v: IntValue<'ctx>| -> R<IntValue<'ctx>> {
            let b = fg.b();
            let neg = b.build_int_compare(IntPredicate::SLT, v, fg.i64c(0), "neg")?;
            let shifted = b.build_int_add(v, dim, "shifted")?;
            let below = b.build_int_compare(IntPredicate::SLT, shifted, lo, "below")?;
            let neg_value = b.build_select(below, lo, shifted, "negv")?.into_int_value();
            let above = b.build_int_compare(IntPredicate::SGT, v, hi, "above")?;
            let pos_value = b.build_select(above, hi, v, "posv")?.into_int_value();
            Ok(b.build_select(neg, neg_value, pos_value, "clamped")?
                .into_int_value())
        };
        let start = match lower_v {
            Some(v) => clamp(self, v)?,
            None => self
                .b()
                .build_select(positive, lo, hi, "start")?
                .into_int_value(),
        };
        let stop = match upper_v {
            Some(v) => clamp(self, v)?,
            None => self
                .b()
                .build_select(positive, hi, lo, "stop")?
                .into_int_value(),
        };
        // length = (stop - start - 1) // step + 1 when the range is non-empty, else 0.
        let b = self.b();
        let up_span = b.build_int_sub(stop, start, "up")?;
        let down_span = b.build_int_sub(start, stop, "down")?;
        let span = b
            .build_select(positive, up_span, down_span, "span")?
            .into_int_value();
        let neg_step = b.build_int_neg(step_v, "neg.step")?;
        let abs_step = b
            .build_select(positive, step_v, neg_step, "abs.step")?
            .into_int_value();
        let n = b.build_int_add(
            b.build_int_signed_div(b.build_int_sub(span, self.i64c(1), "")?, abs_step, "")?,
            self.i64c(1),
            "n",
        )?;
        let some = b.build_int_compare(IntPredicate::SGT, span, self.i64c(0), "some")?;
        let length = b
            .build_select(some, n, self.i64c(0), "length")?
            .into_int_value();
        Ok((start, length, step_v))
    }

    /// Stores an owned temporary in a hidden slot released on exit (for temporaries whose
    /// elements are read after the expression that made them).
    fn keep_until_exit(&mut self, v: BasicValueEnum<'ctx>, ty: &Type) -> R<()> {
        let slot = self.alloca(self.g.ty(ty), "temp")?;
        // The slot starts null in the entry block, so the exit path may release it safely.
        let init = self.g.cx.create_builder();
        match self.entry.get_terminator() {
            Some(t) => init.position_before(&t),
            None => init.position_at_end(self.entry),
        }
        init.build_store(slot, self.g.ty(ty).const_zero())?;
        let old = self.b().build_load(slot, "old")?;
        self.b().build_store(slot, v)?;
        self.decref(old, ty)?;
        let current = self
            .b()
            .get_insert_block()
            .ok_or_else(|| internal("no block"))?;
        self.b().position_at_end(self.exit);
        let first = self.exit.get_first_instruction();
        if let Some(first) = first {
            self.b().position_before(&first);
        }
        let held = self.b().build_load(slot, "held")?;
        self.decref(held, ty)?;
        self.b().position_at_end(current);
        Ok(())
    }

    // ----- operators -----

    fn complex_parts(&self, v: BasicValueEnum<'ctx>) -> R<(FloatValue<'ctx>, FloatValue<'ctx>)> {
        let s = v.into_struct_value();
        let re = self.b().build_extract_value(s, 0, "re")?.into_float_value();
        let im = self.b().build_extract_value(s, 1, "im")?.into_float_value();
        Ok((re, im))
    }

    /// A complex ufunc through the C library's complex functions (csqrt, cexp, ...), as NumPy
    /// computes them; complex64 goes through complex128.
    fn complex_math(
        &mut self,
        f: MathFn,
        x: BasicValueEnum<'ctx>,
        s: Scalar,
    ) -> R<BasicValueEnum<'ctx>> {
        let name = match f {
            MathFn::Sqrt => "csqrt",
            MathFn::Exp => "cexp",
            MathFn::Log => "clog",
            MathFn::Sin => "csin",
            MathFn::Cos => "ccos",
            MathFn::Tan => "ctan",
            MathFn::Sinh => "csinh",
            MathFn::Cosh => "ccosh",
            MathFn::Tanh => "ctanh",
            MathFn::Asin => "casin",
            MathFn::Acos => "cacos",
            MathFn::Atan => "catan",
            _ => return Err(internal(format!("no complex {f:?}"))),
        };
        let (re, im) = self.complex_parts(x)?;
        let f64t = self.g.f64();
        let (re, im) = if s == Scalar::C64 {
            (
                self.b().build_float_ext(re, f64t, "re")?,
                self.b().build_float_ext(im, f64t, "im")?,
            )
        } else {
            (re, im)
        };
        // x86-64 SysV passes a double complex as two doubles and returns it in two registers,
        // which is LLVM's {double, double}.
        let ret = self.g.cx.struct_type(&[f64t.into(), f64t.into()], false);
        let func = self
            .g
            .declare(name, Some(ret.into()), &[f64t.into(), f64t.into()]);
        let out = self.call_basic(func, &[re.into(), im.into()])?;
        let st = out.into_struct_value();
        let mut re = self
            .b()
            .build_extract_value(st, 0, "re")?
            .into_float_value();
        let mut im = self
            .b()
            .build_extract_value(st, 1, "im")?
            .into_float_value();
        if s == Scalar::C64 {
            let f32t = self.g.scalar(Scalar::F32).into_float_type();
            re = self.b().build_float_trunc(re, f32t, "re")?;
            im = self.b().build_float_trunc(im, f32t, "im")?;
        }
        self.make_complex(re, im)
    }

    fn make_complex(&self, re: FloatValue<'ctx>, im: FloatValue<'ctx>) -> R<BasicValueEnum<'ctx>> {
        let ty = self
            .g
            .cx
            .struct_type(&[re.get_type().into(), im.get_type().into()], false);
        let agg = self.b().build_insert_value(ty.get_undef(), re, 0, "c")?;
        let agg = self.b().build_insert_value(agg, im, 1, "c")?;
        Ok(agg.as_basic_value_enum())
    }

    /// `l op r` for scalars: converts both to `operand`, computes, converts to `result`.
    #[allow(clippy::too_many_arguments)]
    fn binary_scalar(
        &mut self,
        op: BinOp,
        l: BasicValueEnum<'ctx>,
        ls: Scalar,
        r: BasicValueEnum<'ctx>,
        rs: Scalar,
        operand: Scalar,
        result: Scalar,
    ) -> R<BasicValueEnum<'ctx>> {
        let a = self.cast_scalar(l, ls, operand)?;
        let b = self.cast_scalar(r, rs, operand)?;
        let v = if operand.is_bool() && matches!(op, BinOp::Add | BinOp::Mul) {
            // NumPy's bool arrays: + is logical or, * is logical and.
            let (x, y) = (a.into_int_value(), b.into_int_value());
            if op == BinOp::Add {
                self.b().build_or(x, y, "or")?.into()
            } else {
                self.b().build_and(x, y, "and")?.into()
            }
        } else if operand.is_complex() {
            self.complex_op(op, a, b)?
        } else if operand.is_float() {
            self.float_op(op, a.into_float_value(), b.into_float_value())?
        } else {
            self.int_op(op, a.into_int_value(), b.into_int_value(), operand)?
        };
        let produced = match op {
            BinOp::Div if !operand.is_float() && !operand.is_complex() => Scalar::F64,
            _ => operand,
        };
        self.cast_scalar(v, produced, result)
    }

    fn float_op(
        &mut self,
        op: BinOp,
        a: FloatValue<'ctx>,
        b: FloatValue<'ctx>,
    ) -> R<BasicValueEnum<'ctx>> {
        let bld = self.b();
        let zero = a.get_type().const_zero();
        Ok(match op {
            BinOp::Add => bld.build_float_add(a, b, "fadd")?.into(),
            BinOp::Sub => bld.build_float_sub(a, b, "fsub")?.into(),
            BinOp::Mul => bld.build_float_mul(a, b, "fmul")?.into(),
            BinOp::Div => {
                if !self.numpy_semantics {
                    let is_zero = bld.build_float_compare(FloatPredicate::OEQ, b, zero, "dz")?;
                    self.raise_if(is_zero, "ZeroDivisionError", "float division by zero")?;
                }
                self.b().build_float_div(a, b, "fdiv")?.into()
            }
            BinOp::FloorDiv | BinOp::Mod => {
                let is_zero = bld.build_float_compare(FloatPredicate::OEQ, b, zero, "dz")?;
                if !self.numpy_semantics {
                    let msg = if op == BinOp::Mod {
                        "float modulo"
                    } else {
                        "float floor division by zero"
                    };
                    self.raise_if(is_zero, "ZeroDivisionError", msg)?;
                }
                let (div, m) = self.float_divmod(a, b)?;
                let (div, m) = if self.numpy_semantics {
                    // NumPy's npy_divmod: by zero, the quotient is a / b and the modulo fmod(a, b).
                    let t = a.get_type();
                    let fmod_name = if t == self.g.f64() { "fmod" } else { "fmodf" };
                    let fmod = self
                        .g
                        .declare(fmod_name, Some(t.into()), &[t.into(), t.into()]);
                    let raw = self
                        .call_basic(fmod, &[a.into(), b.into()])?
                        .into_float_value();
                    let q = self.b().build_float_div(a, b, "q")?;
                    let div = self
                        .b()
                        .build_select(is_zero, q, div, "div")?
                        .into_float_value();
                    let m = self
                        .b()
                        .build_select(is_zero, raw, m, "mod")?
                        .into_float_value();
                    (div, m)
                } else {
                    (div, m)
                };
                if op == BinOp::Mod {
                    m.into()
                } else {
                    div.into()
                }
            }
            BinOp::Pow => {
                let name = if a.get_type() == self.g.f64() {
                    "pow"
                } else {
                    "powf"
                };
                let f = self.g.declare(
                    name,
                    Some(a.get_type().into()),
                    &[a.get_type().into(), a.get_type().into()],
                );
                self.call_basic(f, &[a.into(), b.into()])?
            }
            _ => return Err(internal(format!("float operator {op:?}"))),
        })
    }

    /// CPython's float_divmod: the floor quotient and the modulo with the divisor's sign.
    fn float_divmod(
        &self,
        a: FloatValue<'ctx>,
        b: FloatValue<'ctx>,
    ) -> R<(FloatValue<'ctx>, FloatValue<'ctx>)> {
        let t = a.get_type();
        let zero = t.const_zero();
        let fmod_name = if t == self.g.f64() { "fmod" } else { "fmodf" };
        let fmod = self
            .g
            .declare(fmod_name, Some(t.into()), &[t.into(), t.into()]);
        let bld = self.b();
        let m = self
            .call_basic(fmod, &[a.into(), b.into()])?
            .into_float_value();
        let div = bld.build_float_div(bld.build_float_sub(a, m, "a-m")?, b, "div")?;
        // mod: if mod != 0 and (b < 0) != (mod < 0): mod += b, div -= 1; else if mod == 0: mod = copysign(0, b)
        let m_nz = bld.build_float_compare(FloatPredicate::UNE, m, zero, "m.nz")?;
        let b_neg = bld.build_float_compare(FloatPredicate::OLT, b, zero, "b.neg")?;
        let m_neg = bld.build_float_compare(FloatPredicate::OLT, m, zero, "m.neg")?;
        let differ = bld.build_xor(b_neg, m_neg, "differ")?;
        let adjust = bld.build_and(m_nz, differ, "adjust")?;
        let m_adj = bld.build_float_add(m, b, "m.adj")?;
        let one = t.const_float(1.0);
        let div_adj = bld.build_float_sub(div, one, "div.adj")?;
        let copysign = self.intrinsic("llvm.copysign", t.into(), 2)?;
        let zero_signed = self
            .call_basic(copysign, &[zero.into(), b.into()])?
            .into_float_value();
        let m1 = bld.build_select(adjust, m_adj, m, "m1")?.into_float_value();
        let m_final = bld
            .build_select(m_nz, m1, zero_signed, "mod")?
            .into_float_value();
        let div1 = bld
            .build_select(adjust, div_adj, div, "div1")?
            .into_float_value();
        // floordiv: if div != 0: floordiv = floor(div); if div - floordiv > 0.5: floordiv += 1
        //           else: floordiv = copysign(0, a / b)
        let floor = self.intrinsic("llvm.floor", t.into(), 1)?;
        let fl = self.call_basic(floor, &[div1.into()])?.into_float_value();
        let frac = bld.build_float_sub(div1, fl, "frac")?;
        let big = bld.build_float_compare(FloatPredicate::OGT, frac, t.const_float(0.5), "big")?;
        let fl1 = bld.build_float_add(fl, one, "fl1")?;
        let fl_final = bld.build_select(big, fl1, fl, "fl")?.into_float_value();
        let div_nz = bld.build_float_compare(FloatPredicate::UNE, div1, zero, "div.nz")?;
        let q = bld.build_float_div(a, b, "q")?;
        let zero_q = self
            .call_basic(copysign, &[zero.into(), q.into()])?
            .into_float_value();
        let floordiv = bld
            .build_select(div_nz, fl_final, zero_q, "floordiv")?
            .into_float_value();
        Ok((floordiv, m_final))
    }

    fn intrinsic(
        &self,
        name: &str,
        ty: BasicTypeEnum<'ctx>,
        arity: usize,
    ) -> R<FunctionValue<'ctx>> {
        let suffix = if ty == self.g.f64().into() {
            "f64"
        } else if ty == self.g.cx.f32_type().into() {
            "f32"
        } else {
            "i64"
        };
        let full = format!("{name}.{suffix}");
        let params = vec![ty; arity];
        Ok(self.g.declare(&full, Some(ty), &params))
    }

    fn int_op(
        &mut self,
        op: BinOp,
        a: IntValue<'ctx>,
        b: IntValue<'ctx>,
        s: Scalar,
    ) -> R<BasicValueEnum<'ctx>> {
        let signed = s.is_signed();
        let t = a.get_type();
        let zero = t.const_zero();
        Ok(match op {
            BinOp::Add => self.b().build_int_add(a, b, "add")?.into(),
            BinOp::Sub => self.b().build_int_sub(a, b, "sub")?.into(),
            BinOp::Mul => self.b().build_int_mul(a, b, "mul")?.into(),
            BinOp::BitAnd => self.b().build_and(a, b, "and")?.into(),
            BinOp::BitOr => self.b().build_or(a, b, "or")?.into(),
            BinOp::BitXor => self.b().build_xor(a, b, "xor")?.into(),
            BinOp::Div => {
                let is_zero = self
                    .b()
                    .build_int_compare(IntPredicate::EQ, b, zero, "dz")?;
                self.raise_if(is_zero, "ZeroDivisionError", "division by zero")?;
                let fa = self
                    .cast_scalar(a.into(), s, Scalar::F64)?
                    .into_float_value();
                let fb = self
                    .cast_scalar(b.into(), s, Scalar::F64)?
                    .into_float_value();
                self.b().build_float_div(fa, fb, "div")?.into()
            }
            BinOp::FloorDiv | BinOp::Mod if self.numpy_semantics => {
                // NumPy: integer division or modulo by zero gives 0 (with a warning), no error.
                let is_zero = self
                    .b()
                    .build_int_compare(IntPredicate::EQ, b, zero, "dz")?;
                let one = t.const_int(1, false);
                let safe = self
                    .b()
                    .build_select(is_zero, one, b, "safe")?
                    .into_int_value();
                self.numpy_semantics = false;
                let r = self.int_op(op, a, safe, s);
                self.numpy_semantics = true;
                let r = r?.into_int_value();
                self.b().build_select(is_zero, zero, r, "r")?
            }
            BinOp::FloorDiv | BinOp::Mod => {
                let is_zero = self
                    .b()
                    .build_int_compare(IntPredicate::EQ, b, zero, "dz")?;
                self.raise_if(
                    is_zero,
                    "ZeroDivisionError",
                    "integer division or modulo by zero",
                )?;
                let bld = self.b();
                if !signed {
                    return Ok(if op == BinOp::Mod {
                        bld.build_int_unsigned_rem(a, b, "urem")?.into()
                    } else {
                        bld.build_int_unsigned_div(a, b, "udiv")?.into()
                    });
                }
                // Avoid the INT_MIN / -1 trap: divide by 1 instead and negate.
                let minus_one = t.const_all_ones();
                let is_m1 = bld.build_int_compare(IntPredicate::EQ, b, minus_one, "m1")?;
                let safe_b = bld
                    .build_select(is_m1, t.const_int(1, false), b, "safe.b")?
                    .into_int_value();
                let q = bld.build_int_signed_div(a, safe_b, "q")?;
                let r = bld.build_int_signed_rem(a, safe_b, "r")?;
                let r_nz = bld.build_int_compare(IntPredicate::NE, r, zero, "r.nz")?;
                let r_neg = bld.build_int_compare(IntPredicate::SLT, r, zero, "r.neg")?;
                let b_neg = bld.build_int_compare(IntPredicate::SLT, b, zero, "b.neg")?;
                let differ = bld.build_xor(r_neg, b_neg, "differ")?;
                let adjust = bld.build_and(r_nz, differ, "adjust")?;
                if op == BinOp::Mod {
                    let r_adj = bld.build_int_add(r, b, "r.adj")?;
                    let r = bld.build_select(adjust, r_adj, r, "mod")?.into_int_value();
                    bld.build_select(is_m1, zero, r, "mod")?
                } else {
                    let q_adj = bld.build_int_sub(q, t.const_int(1, false), "q.adj")?;
                    let q = bld.build_select(adjust, q_adj, q, "fdiv")?.into_int_value();
                    let neg_a = bld.build_int_sub(zero, a, "neg.a")?;
                    bld.build_select(is_m1, neg_a, q, "fdiv")?
                }
            }
            BinOp::LShift | BinOp::RShift => {
                if signed && !self.numpy_semantics {
                    let neg = self
                        .b()
                        .build_int_compare(IntPredicate::SLT, b, zero, "neg")?;
                    self.raise_if(neg, "ValueError", "negative shift count")?;
                }
                let bld = self.b();
                let bits = t.const_int(u64::from(t.get_bit_width()), false);
                let big = bld.build_int_compare(IntPredicate::UGE, b, bits, "big")?;
                let safe = bld.build_select(big, zero, b, "cnt")?.into_int_value();
                if op == BinOp::LShift {
                    let v = bld.build_left_shift(a, safe, "shl")?;
                    bld.build_select(big, zero, v, "shl")?
                } else {
                    let v = bld.build_right_shift(a, safe, signed, "shr")?;
                    let fill = if signed {
                        let neg = bld.build_int_compare(IntPredicate::SLT, a, zero, "a.neg")?;
                        bld.build_select(neg, t.const_all_ones(), zero, "fill")?
                            .into_int_value()
                    } else {
                        zero
                    };
                    bld.build_select(big, fill, v, "shr")?
                }
            }
            BinOp::Pow => {
                if signed {
                    let neg = self
                        .b()
                        .build_int_compare(IntPredicate::SLT, b, zero, "neg")?;
                    self.raise_if(
                        neg,
                        "ValueError",
                        "integers to negative integer powers are not supported in compiled code; use a float",
                    )?;
                }
                let f = self.ipow()?;
                self.call_basic(f, &[a.into(), b.into()])?
            }
            BinOp::MatMul => return Err(internal("matmul on scalars")),
        })
    }

    /// `i64 pyaot.ipow(i64 base, i64 exp)` by repeated squaring (wrapping, as Numba does).
    fn ipow(&self) -> R<FunctionValue<'ctx>> {
        let g = self.g;
        if let Some(f) = g.module.get_function("pyaot.ipow") {
            return Ok(f);
        }
        let i64t = g.i64();
        let f = g.module.add_function(
            "pyaot.ipow",
            i64t.fn_type(&[i64t.into(), i64t.into()], false),
            Some(Linkage::Internal),
        );
        let b = g.cx.create_builder();
        let entry = g.cx.append_basic_block(f, "entry");
        let head = g.cx.append_basic_block(f, "head");
        let body = g.cx.append_basic_block(f, "body");
        let done = g.cx.append_basic_block(f, "done");
        b.position_at_end(entry);
        let base0 = f
            .get_nth_param(0)
            .ok_or_else(|| internal("ipow"))?
            .into_int_value();
        let exp0 = f
            .get_nth_param(1)
            .ok_or_else(|| internal("ipow"))?
            .into_int_value();
        b.build_unconditional_branch(head)?;
        b.position_at_end(head);
        let result = b.build_phi(i64t, "result")?;
        let base = b.build_phi(i64t, "base")?;
        let exp = b.build_phi(i64t, "exp")?;
        let (rv, bv, ev) = (
            result.as_basic_value().into_int_value(),
            base.as_basic_value().into_int_value(),
            exp.as_basic_value().into_int_value(),
        );
        let more = b.build_int_compare(IntPredicate::SGT, ev, i64t.const_zero(), "more")?;
        b.build_conditional_branch(more, body, done)?;
        b.position_at_end(body);
        let odd = b.build_and(ev, i64t.const_int(1, false), "odd")?;
        let is_odd = b.build_int_compare(IntPredicate::NE, odd, i64t.const_zero(), "is.odd")?;
        let mul = b.build_int_mul(rv, bv, "mul")?;
        let r2 = b.build_select(is_odd, mul, rv, "r2")?.into_int_value();
        let b2 = b.build_int_mul(bv, bv, "b2")?;
        let e2 = b.build_right_shift(ev, i64t.const_int(1, false), false, "e2")?;
        b.build_unconditional_branch(head)?;
        result.add_incoming(&[(&i64t.const_int(1, false), entry), (&r2, body)]);
        base.add_incoming(&[(&base0, entry), (&b2, body)]);
        exp.add_incoming(&[(&exp0, entry), (&e2, body)]);
        b.position_at_end(done);
        b.build_return(Some(&rv))?;
        Ok(f)
    }

    fn complex_op(
        &mut self,
        op: BinOp,
        a: BasicValueEnum<'ctx>,
        b: BasicValueEnum<'ctx>,
    ) -> R<BasicValueEnum<'ctx>> {
        let (ar, ai) = self.complex_parts(a)?;
        let (br, bi) = self.complex_parts(b)?;
        let bld = self.b();
        match op {
            BinOp::Add => self.make_complex(
                bld.build_float_add(ar, br, "re")?,
                bld.build_float_add(ai, bi, "im")?,
            ),
            BinOp::Sub => self.make_complex(
                bld.build_float_sub(ar, br, "re")?,
                bld.build_float_sub(ai, bi, "im")?,
            ),
            BinOp::Mul => {
                let re = bld.build_float_sub(
                    bld.build_float_mul(ar, br, "")?,
                    bld.build_float_mul(ai, bi, "")?,
                    "re",
                )?;
                let im = bld.build_float_add(
                    bld.build_float_mul(ar, bi, "")?,
                    bld.build_float_mul(ai, br, "")?,
                    "im",
                )?;
                self.make_complex(re, im)
            }
            BinOp::Div => {
                // CPython's _Py_c_quot (Smith's method).
                let t = ar.get_type();
                let fabs = self.intrinsic("llvm.fabs", t.into(), 1)?;
                let abs_br = self.call_basic(fabs, &[br.into()])?.into_float_value();
                let abs_bi = self.call_basic(fabs, &[bi.into()])?.into_float_value();
                let both_zero = {
                    let z1 =
                        bld.build_float_compare(FloatPredicate::OEQ, br, t.const_zero(), "")?;
                    let z2 =
                        bld.build_float_compare(FloatPredicate::OEQ, bi, t.const_zero(), "")?;
                    bld.build_and(z1, z2, "zero")?
                };
                if !self.numpy_semantics {
                    self.raise_if(both_zero, "ZeroDivisionError", "complex division by zero")?;
                }
                let bld = self.b();
                let real_big =
                    bld.build_float_compare(FloatPredicate::OGE, abs_br, abs_bi, "real.big")?;
                // Branch 1: |br| >= |bi|
                let ratio1 = bld.build_float_div(bi, br, "ratio1")?;
                let denom1 =
                    bld.build_float_add(br, bld.build_float_mul(bi, ratio1, "")?, "denom1")?;
                let re1 = bld.build_float_div(
                    bld.build_float_add(ar, bld.build_float_mul(ai, ratio1, "")?, "")?,
                    denom1,
                    "re1",
                )?;
                let im1 = bld.build_float_div(
                    bld.build_float_sub(ai, bld.build_float_mul(ar, ratio1, "")?, "")?,
                    denom1,
                    "im1",
                )?;
                // Branch 2: |bi| > |br|
                let ratio2 = bld.build_float_div(br, bi, "ratio2")?;
                let denom2 =
                    bld.build_float_add(bld.build_float_mul(br, ratio2, "")?, bi, "denom2")?;
                let re2 = bld.build_float_div(
                    bld.build_float_add(bld.build_float_mul(ar, ratio2, "")?, ai, "")?,
                    denom2,
                    "re2",
                )?;
                let im2 = bld.build_float_div(
                    bld.build_float_sub(bld.build_float_mul(ai, ratio2, "")?, ar, "")?,
                    denom2,
                    "im2",
                )?;
                let re = bld
                    .build_select(real_big, re1, re2, "re")?
                    .into_float_value();
                let im = bld
                    .build_select(real_big, im1, im2, "im")?
                    .into_float_value();
                if !self.numpy_semantics {
                    return self.make_complex(re, im);
                }
                // In array expressions, NumPy's loop: the same ratios, but multiplied by the
                // reciprocal of the denominator, and x/0 as the parts over |0|.
                let one = t.const_float(1.0);
                let scl1 = bld.build_float_div(one, denom1, "scl1")?;
                let scl2 = bld.build_float_div(one, denom2, "scl2")?;
                let n_re1 = bld.build_float_add(ar, bld.build_float_mul(ai, ratio1, "")?, "")?;
                let n_im1 = bld.build_float_sub(ai, bld.build_float_mul(ar, ratio1, "")?, "")?;
                let n_re2 = bld.build_float_add(bld.build_float_mul(ar, ratio2, "")?, ai, "")?;
                let n_im2 = bld.build_float_sub(bld.build_float_mul(ai, ratio2, "")?, ar, "")?;
                let re1 = bld.build_float_mul(n_re1, scl1, "re1")?;
                let im1 = bld.build_float_mul(n_im1, scl1, "im1")?;
                let re2 = bld.build_float_mul(n_re2, scl2, "re2")?;
                let im2 = bld.build_float_mul(n_im2, scl2, "im2")?;
                let re0 = bld.build_float_div(ar, abs_br, "re0")?;
                let im0 = bld.build_float_div(ai, abs_br, "im0")?;
                let re = bld.build_select(real_big, re1, re2, "re")?;
                let im = bld.build_select(real_big, im1, im2, "im")?;
                let re = bld
                    .build_select(both_zero, re0.into(), re, "re")?
                    .into_float_value();
                let im = bld
                    .build_select(both_zero, im0.into(), im, "im")?
                    .into_float_value();
                self.make_complex(re, im)
            }
            _ => Err(internal(format!("complex operator {op:?}"))),
        }
    }

    fn unary(&mut self, e: ExprId, op: UnaryOp, operand: ExprId) -> R<Val<'ctx>> {
        let ty = self.ty_of(operand)?;
        let result = self.ty_of(e)?;
        let v = self.expr(operand)?;
        let (Type::Scalar(s), Type::Scalar(r)) = (&ty, &result) else {
            return Err(internal("unary on non-scalar"));
        };
        let out: BasicValueEnum<'ctx> = match op {
            UnaryOp::Not => self.b().build_not(self.truthy(v.v, &ty)?, "not")?.into(),
            UnaryOp::Pos => self.cast_scalar(v.v, *s, *r)?,
            UnaryOp::Neg => {
                let c = self.cast_scalar(v.v, *s, *r)?;
                if r.is_complex() {
                    let (re, im) = self.complex_parts(c)?;
                    self.make_complex(
                        self.b().build_float_neg(re, "re")?,
                        self.b().build_float_neg(im, "im")?,
                    )?
                } else if r.is_float() {
                    self.b()
                        .build_float_neg(c.into_float_value(), "neg")?
                        .into()
                } else {
                    self.b().build_int_neg(c.into_int_value(), "neg")?.into()
                }
            }
            UnaryOp::Invert => {
                let c = self.cast_scalar(v.v, *s, *r)?.into_int_value();
                self.b().build_not(c, "inv")?.into()
            }
        };
        Ok(Val::plain(out))
    }

    fn bool_op(&mut self, e: ExprId, op: BoolOp, values: &[ExprId]) -> R<Val<'ctx>> {
        let result = self.ty_of(e)?;
        let end = self.new_block("boolop.end");
        let mut incoming = Vec::new();
        for (i, &v) in values.iter().enumerate() {
            let ty = self.ty_of(v)?;
            let val = self.expr(v)?;
            let converted = self.cast(val.v, &ty, &result)?;
            let here = self
                .b()
                .get_insert_block()
                .ok_or_else(|| internal("no block"))?;
            if i + 1 == values.len() {
                self.b().build_unconditional_branch(end)?;
                incoming.push((converted, here));
                break;
            }
            let truth = self.truthy(val.v, &ty)?;
            let next = self.new_block("boolop.next");
            // `a and b` stops at the first falsy value, `a or b` at the first truthy one.
            match op {
                BoolOp::And => self.b().build_conditional_branch(truth, next, end)?,
                BoolOp::Or => self.b().build_conditional_branch(truth, end, next)?,
            };
            incoming.push((converted, here));
            self.b().position_at_end(next);
        }
        self.b().position_at_end(end);
        let phi = self.b().build_phi(self.g.ty(&result), "boolop")?;
        for (v, bb) in &incoming {
            phi.add_incoming(&[(v, *bb)]);
        }
        Ok(Val::plain(phi.as_basic_value()))
    }

    fn compare(
        &mut self,
        e: ExprId,
        left: ExprId,
        ops: &[CmpOp],
        comparators: &[ExprId],
    ) -> R<Val<'ctx>> {
        let operand_types = self
            .inst
            .operand_types
            .get(&e)
            .cloned()
            .ok_or_else(|| internal("untyped comparison"))?;
        let end = self.new_block("cmp.end");
        let mut incoming = Vec::new();
        let mut lhs_ty = self.ty_of(left)?;
        let mut lhs = self.expr(left)?.v;
        for (i, ((op, &rhs_id), operand)) in
            ops.iter().zip(comparators).zip(&operand_types).enumerate()
        {
            let rhs_ty = self.ty_of(rhs_id)?;
            let rhs = self.expr(rhs_id)?.v;
            let r = self.compare_pair(*op, lhs, &lhs_ty, rhs, &rhs_ty, operand)?;
            let here = self
                .b()
                .get_insert_block()
                .ok_or_else(|| internal("no block"))?;
            incoming.push((r, here));
            if i + 1 == ops.len() {
                self.b().build_unconditional_branch(end)?;
            } else {
                let next = self.new_block("cmp.next");
                self.b().build_conditional_branch(r, next, end)?;
                self.b().position_at_end(next);
            }
            lhs = rhs;
            lhs_ty = rhs_ty;
        }
        self.b().position_at_end(end);
        let phi = self.b().build_phi(self.g.i1(), "cmp")?;
        for (v, bb) in &incoming {
            phi.add_incoming(&[(v, *bb)]);
        }
        Ok(Val::plain(phi.as_basic_value()))
    }

    fn compare_pair(
        &self,
        op: CmpOp,
        l: BasicValueEnum<'ctx>,
        lt: &Type,
        r: BasicValueEnum<'ctx>,
        rt: &Type,
        operand: &Type,
    ) -> R<IntValue<'ctx>> {
        if matches!(op, CmpOp::Is | CmpOp::IsNot) {
            let same = (*lt == Type::None) == (*rt == Type::None);
            let v = if op == CmpOp::Is { same } else { !same };
            return Ok(self.g.i1().const_int(u64::from(v), false));
        }
        let (Type::Scalar(ls), Type::Scalar(rs), Type::Scalar(s)) = (lt, rt, operand) else {
            return Err(internal("comparison of non-scalars"));
        };
        let a = self.cast_scalar(l, *ls, *s)?;
        let b = self.cast_scalar(r, *rs, *s)?;
        let bld = self.b();
        if s.is_complex() {
            let (ar, ai) = self.complex_parts(a)?;
            let (br, bi) = self.complex_parts(b)?;
            let re = bld.build_float_compare(FloatPredicate::OEQ, ar, br, "")?;
            let im = bld.build_float_compare(FloatPredicate::OEQ, ai, bi, "")?;
            let eq = bld.build_and(re, im, "eq")?;
            return Ok(if op == CmpOp::Eq {
                eq
            } else {
                bld.build_not(eq, "ne")?
            });
        }
        if s.is_float() {
            let pred = match op {
                CmpOp::Eq => FloatPredicate::OEQ,
                CmpOp::NotEq => FloatPredicate::UNE,
                CmpOp::Lt => FloatPredicate::OLT,
                CmpOp::LtE => FloatPredicate::OLE,
                CmpOp::Gt => FloatPredicate::OGT,
                CmpOp::GtE => FloatPredicate::OGE,
                _ => return Err(internal("float comparison")),
            };
            return Ok(bld.build_float_compare(
                pred,
                a.into_float_value(),
                b.into_float_value(),
                "fcmp",
            )?);
        }
        let signed = s.is_signed();
        let pred = match (op, signed) {
            (CmpOp::Eq, _) => IntPredicate::EQ,
            (CmpOp::NotEq, _) => IntPredicate::NE,
            (CmpOp::Lt, true) => IntPredicate::SLT,
            (CmpOp::LtE, true) => IntPredicate::SLE,
            (CmpOp::Gt, true) => IntPredicate::SGT,
            (CmpOp::GtE, true) => IntPredicate::SGE,
            (CmpOp::Lt, false) => IntPredicate::ULT,
            (CmpOp::LtE, false) => IntPredicate::ULE,
            (CmpOp::Gt, false) => IntPredicate::UGT,
            (CmpOp::GtE, false) => IntPredicate::UGE,
            _ => return Err(internal("int comparison")),
        };
        Ok(bld.build_int_compare(pred, a.into_int_value(), b.into_int_value(), "icmp")?)
    }

    // ----- conversions -----

    /// Converts a value between types that inference allows to convert implicitly.
    fn cast(&self, v: BasicValueEnum<'ctx>, from: &Type, to: &Type) -> R<BasicValueEnum<'ctx>> {
        if from == to {
            return Ok(v);
        }
        match (from, to) {
            (Type::Scalar(f), Type::Scalar(t)) => self.cast_scalar(v, *f, *t),
            (Type::Array { .. }, Type::Array { .. }) => Ok(v),
            (Type::Tuple(fs), Type::Tuple(ts)) => {
                let llty = self.g.ty(to).into_struct_type();
                let mut agg = llty.get_undef();
                for (i, (f, t)) in fs.iter().zip(ts).enumerate() {
                    let item =
                        self.b()
                            .build_extract_value(v.into_struct_value(), i as u32, "item")?;
                    let c = self.cast(item, f, t)?;
                    agg = self
                        .b()
                        .build_insert_value(agg, c, i as u32, "cast")?
                        .into_struct_value();
                }
                Ok(agg.into())
            }
            (_, Type::None) => Ok(self.g.i8().const_zero().into()),
            _ => Err(internal(format!("no conversion from {from} to {to}"))),
        }
    }

    fn cast_scalar(
        &self,
        v: BasicValueEnum<'ctx>,
        from: Scalar,
        to: Scalar,
    ) -> R<BasicValueEnum<'ctx>> {
        if from == to {
            return Ok(v);
        }
        let bld = self.b();
        let to_ty = self.g.scalar(to);
        if to == Scalar::Bool {
            return Ok(self.truthy(v, &Type::Scalar(from))?.into());
        }
        if to.is_complex() {
            let part = to.real_part();
            if from.is_complex() {
                let (re, im) = self.complex_parts(v)?;
                let re = self
                    .cast_scalar(re.into(), from.real_part(), part)?
                    .into_float_value();
                let im = self
                    .cast_scalar(im.into(), from.real_part(), part)?
                    .into_float_value();
                return self.make_complex(re, im);
            }
            let re = self.cast_scalar(v, from, part)?.into_float_value();
            return self.make_complex(re, re.get_type().const_zero());
        }
        if from.is_complex() {
            return Err(internal("complex to real conversion"));
        }
        let from_int = from.is_int() || from.is_bool();
        Ok(if from_int && (to.is_int()) {
            let iv = v.into_int_value();
            let target = to_ty.into_int_type();
            let (fw, tw) = (iv.get_type().get_bit_width(), target.get_bit_width());
            if fw == tw {
                iv.into()
            } else if fw > tw {
                bld.build_int_truncate(iv, target, "trunc")?.into()
            } else if from.is_signed() {
                bld.build_int_s_extend(iv, target, "sext")?.into()
            } else {
                bld.build_int_z_extend(iv, target, "zext")?.into()
            }
        } else if from_int && to.is_float() {
            let iv = v.into_int_value();
            let target = to_ty.into_float_type();
            if from.is_signed() {
                bld.build_signed_int_to_float(iv, target, "sitofp")?.into()
            } else {
                bld.build_unsigned_int_to_float(iv, target, "uitofp")?
                    .into()
            }
        } else if from.is_float() && to.is_float() {
            let fv = v.into_float_value();
            let target = to_ty.into_float_type();
            if from.bits() < to.bits() {
                bld.build_float_ext(fv, target, "fpext")?.into()
            } else {
                bld.build_float_trunc(fv, target, "fptrunc")?.into()
            }
        } else if from.is_float() && to.is_signed() && cfg!(target_arch = "x86_64") {
            // x86's truncating conversion (one instruction, as Numba's code runs): NaN and
            // out-of-range values give the "integer indefinite" value, the minimum of 32 or 64
            // bits, never LLVM's poison.
            let fv = v.into_float_value();
            let target = to_ty.into_int_type();
            let (name, arg_ty): (&str, BasicTypeEnum<'ctx>) = match (from, target.get_bit_width()) {
                (Scalar::F64, 64) => ("llvm.x86.sse2.cvttsd2si64", self.g.f64().into()),
                (Scalar::F64, _) => ("llvm.x86.sse2.cvttsd2si", self.g.f64().into()),
                (_, 64) => ("llvm.x86.sse.cvttss2si64", self.g.scalar(Scalar::F32)),
                _ => ("llvm.x86.sse.cvttss2si", self.g.scalar(Scalar::F32)),
            };
            // The intrinsics take a vector; the scalar goes in lane 0.
            let vec_ty = arg_ty
                .into_float_type()
                .vec_type(if from == Scalar::F64 { 2 } else { 4 });
            let lane = bld.build_insert_element(vec_ty.get_undef(), fv, self.i32c(0), "lane")?;
            let wide = if target.get_bit_width() == 64 {
                self.g.i64()
            } else {
                self.g.i32()
            };
            let f = self.g.declare(name, Some(wide.into()), &[vec_ty.into()]);
            let r = self.call_basic(f, &[lane.into()])?.into_int_value();
            if target.get_bit_width() < wide.get_bit_width() {
                bld.build_int_truncate(r, target, "trunc")?.into()
            } else {
                r.into()
            }
        } else if from.is_float() && to.is_int() {
            // Saturating conversion: NaN becomes 0 and out-of-range values clamp, instead of
            // LLVM's poison.
            let fv = v.into_float_value();
            let target = to_ty.into_int_type();
            let kind = if to.is_signed() { "fptosi" } else { "fptoui" };
            let fsuf = if from == Scalar::F64 { "f64" } else { "f32" };
            let name = format!("llvm.{kind}.sat.i{}.{fsuf}", target.get_bit_width());
            let f = self
                .g
                .declare(&name, Some(target.into()), &[fv.get_type().into()]);
            self.call_basic(f, &[fv.into()])?
        } else {
            return Err(internal(format!(
                "no scalar conversion from {from} to {to}"
            )));
        })
    }

    // ----- calls -----

    fn call(&mut self, e: ExprId, func: ExprId, args: &[ExprId]) -> R<Val<'ctx>> {
        let callee = self
            .inst
            .calls
            .get(&e)
            .cloned()
            .ok_or_else(|| internal("unresolved call"))?;
        let result = self.ty_of(e)?;
        match callee {
            Callee::Builtin(b) => self.builtin(e, b, args, &result),
            Callee::Math(f) => {
                self.current_call = Some(e);
                self.math(f, args, &result)
            }
            Callee::Cast(s) => {
                let ty = self.ty_of(args[0])?;
                let v = self.expr(args[0])?;
                Ok(Val::plain(self.cast(v.v, &ty, &Type::Scalar(s))?))
            }
            Callee::ComplexMethod(_) => {
                let ExprKind::Attribute { value, .. } = &self.ast.expr(func).kind else {
                    return Err(internal("method call without attribute"));
                };
                let ty = self.ty_of(*value)?;
                let v = self.expr(*value)?;
                if ty.as_scalar().is_some_and(Scalar::is_complex) {
                    let (re, im) = self.complex_parts(v.v)?;
                    let neg = self.b().build_float_neg(im, "conj")?;
                    return Ok(Val::plain(self.make_complex(re, neg)?));
                }
                Ok(v)
            }
            Callee::NewArray {
                fill,
                dtype,
                fortran,
            } => {
                let shape_expr = self
                    .inst
                    .call_args
                    .get(&e)
                    .and_then(|a| a.first().copied())
                    .unwrap_or(args[0]);
                let shape_ty = self.ty_of(shape_expr)?;
                let shape_val = self.expr(shape_expr)?;
                let dims: Vec<IntValue<'ctx>> = match &shape_ty {
                    Type::Tuple(items) => (0..items.len())
                        .map(|k| {
                            let d = self.b().build_extract_value(
                                shape_val.v.into_struct_value(),
                                k as u32,
                                "dim",
                            )?;
                            Ok(self.cast(d, &items[k], &Type::I64)?.into_int_value())
                        })
                        .collect::<R<_>>()?,
                    other => vec![self.cast(shape_val.v, other, &Type::I64)?.into_int_value()],
                };
                self.new_array(&dims, dtype, fortran, fill)
            }
            Callee::NewArrayLike {
                fill,
                dtype,
                fortran,
            } => {
                let src_expr = self
                    .inst
                    .call_args
                    .get(&e)
                    .and_then(|a| a.first().copied())
                    .unwrap_or(args[0]);
                let src_ty = self.ty_of(src_expr)?;
                let Type::Array { ndim, .. } = src_ty else {
                    return Err(internal("_like of a non-array"));
                };
                let src = self.expr(src_expr)?;
                let dims: Vec<IntValue<'ctx>> = (0..ndim)
                    .map(|k| self.shape_dim(src.v, k))
                    .collect::<R<_>>()?;
                self.release(src, &src_ty)?;
                self.new_array(&dims, dtype, fortran, fill)
            }
            Callee::Function(id) => {
                let callee = self.program.instance(id);
                let arg_exprs = self
                    .inst
                    .call_args
                    .get(&e)
                    .cloned()
                    .unwrap_or_else(|| args.to_vec());
                let mut values: Vec<inkwell::values::BasicMetadataValueEnum<'ctx>> = Vec::new();
                let mut temps = Vec::new();
                let mark = self.pending.len();
                for (&a, pty) in arg_exprs.iter().zip(&callee.param_types) {
                    let ty = self.ty_of(a)?;
                    let v = self.expr(a)?;
                    self.hold(v, &ty);
                    values.push(self.cast(v.v, &ty, pty)?.into());
                    temps.push((v, ty));
                }
                self.pending.truncate(mark);
                let ret_slot = self.alloca(self.g.ty(&callee.ret), "call.ret")?;
                let mut call_args = vec![ret_slot.into()];
                call_args.extend(values);
                let kernel = self.kernels[id.0 as usize];
                let st = self.b().build_call(kernel, &call_args, "st")?;
                let st = match st.try_as_basic_value() {
                    inkwell::values::ValueKind::Basic(v) => v.into_int_value(),
                    _ => return Err(internal("kernel returned void")),
                };
                for (v, ty) in temps {
                    self.release(v, &ty)?;
                }
                self.check_status(st)?;
                let v = self.b().build_load(ret_slot, "ret")?;
                Ok(Val {
                    v,
                    owned: callee.ret.holds_references(),
                })
            }
            Callee::Reduce(kind) => self.reduce(e, kind),
            Callee::ReduceAxis { kind, keepdims } => self.reduce_axis(e, kind, keepdims),
            Callee::Shape(op) => self.shape_op(e, op),
            Callee::Elementwise(f) => self.np_elementwise(e, f),
            Callee::Create(creation) => self.create(e, &creation),
            Callee::Range => Err(internal("range() outside a for loop")),
        }
    }

    fn new_array(
        &mut self,
        dims: &[IntValue<'ctx>],
        dtype: Scalar,
        fortran: bool,
        fill: Fill,
    ) -> R<Val<'ctx>> {
        let g = self.g;
        let ndim = dims.len() as u8;
        let shape_ty = g.i64().array_type(u32::from(ndim));
        let shape = self.alloca(shape_ty.into(), "shape")?;
        for (k, d) in dims.iter().enumerate() {
            let p = unsafe {
                self.b()
                    .build_gep(shape, &[self.i64c(0), self.i64c(k as i64)], "dim.ptr")?
            };
            self.b().build_store(p, *d)?;
        }
        let arr_ty = g.array(ndim);
        let out = self.alloca(arr_ty.into(), "new.array")?;
        let f = g.rt_status(
            "pyaot_array_new",
            &[
                g.i32().into(),
                g.i32().into(),
                g.i64().ptr_type(Default::default()).into(),
                g.i32().into(),
                g.i32().into(),
                g.ptr().into(),
            ],
        );
        let shape_ptr = self.b().build_pointer_cast(
            shape,
            g.i64().ptr_type(Default::default()),
            "shape.ptr",
        )?;
        let out_ptr = self.b().build_pointer_cast(out, g.ptr(), "out.ptr")?;
        let fill = match fill {
            Fill::Empty => 0,
            Fill::Zeros => 1,
            Fill::Ones => 2,
        };
        let st = self.call_basic(
            f,
            &[
                self.i32c(dtype.numpy_type_num()).into(),
                self.i32c(i32::from(ndim)).into(),
                shape_ptr.into(),
                self.i32c(i32::from(fortran)).into(),
                self.i32c(fill).into(),
                out_ptr.into(),
            ],
        )?;
        self.check_status(st.into_int_value())?;
        let mut v = self.b().build_load(out, "array")?.into_struct_value();
        // The runtime wrote these dimensions; putting the same SSA values back lets LLVM see
        // that, e.g., `np.empty_like(u)` has u's shape, and drop provably true bounds checks.
        let mut shape = self
            .b()
            .build_extract_value(v, 2, "shape")?
            .into_array_value();
        shape = self.with_items(shape, dims)?;
        v = self
            .b()
            .build_insert_value(v, shape, 2, "array")?
            .into_struct_value();
        Ok(Val {
            v: v.into(),
            owned: true,
        })
    }

    fn scalar_args(&mut self, args: &[ExprId]) -> R<Vec<(BasicValueEnum<'ctx>, Scalar)>> {
        let mut out = Vec::new();
        for &a in args {
            let ty = self.ty_of(a)?;
            let v = self.expr(a)?;
            let Type::Scalar(s) = ty else {
                return Err(internal("non-scalar argument"));
            };
            out.push((v.v, s));
        }
        Ok(out)
    }

    fn builtin(
        &mut self,
        call: ExprId,
        b: Builtin,
        args: &[ExprId],
        result: &Type,
    ) -> R<Val<'ctx>> {
        if b == Builtin::Len {
            let ty = self.ty_of(args[0])?;
            let v = self.expr(args[0])?;
            let out = match &ty {
                Type::Array { .. } => self.shape_dim(v.v, 0)?,
                Type::Tuple(items) => self.i64c(items.len() as i64),
                _ => return Err(internal("len of a scalar")),
            };
            self.release(v, &ty)?;
            return Ok(Val::plain(out));
        }
        if b == Builtin::DivMod {
            let Type::Tuple(items) = result else {
                return Err(internal("divmod without a tuple type"));
            };
            let Some(Type::Scalar(r)) = items.first().cloned() else {
                return Err(internal("divmod item type"));
            };
            let vals = self.scalar_args(args)?;
            let q = self.binary_scalar(
                BinOp::FloorDiv,
                vals[0].0,
                vals[0].1,
                vals[1].0,
                vals[1].1,
                r,
                r,
            )?;
            let m =
                self.binary_scalar(BinOp::Mod, vals[0].0, vals[0].1, vals[1].0, vals[1].1, r, r)?;
            let ty = self.g.ty(result).into_struct_type();
            let agg = self
                .b()
                .build_insert_value(ty.get_undef(), q, 0, "divmod")?;
            let agg = self.b().build_insert_value(agg, m, 1, "divmod")?;
            return Ok(Val::plain(agg.as_basic_value_enum()));
        }
        let Type::Scalar(r) = result else {
            return Err(internal("builtin with non-scalar result"));
        };
        let r = *r;
        let vals = self.scalar_args(args)?;
        if b == Builtin::Pow {
            let Some(Type::Scalar(operand)) = self
                .inst
                .operand_types
                .get(&call)
                .and_then(|v| v.first())
                .cloned()
            else {
                return Err(internal("pow() without an operand type"));
            };
            let out = self.binary_scalar(
                BinOp::Pow,
                vals[0].0,
                vals[0].1,
                vals[1].0,
                vals[1].1,
                operand,
                r,
            )?;
            return Ok(Val::plain(out));
        }
        let out: BasicValueEnum<'ctx> = match b {
            Builtin::Abs => {
                let (v, s) = vals[0];
                if s.is_complex() {
                    let (re, im) = self.complex_parts(v)?;
                    let name = if s == Scalar::C128 { "hypot" } else { "hypotf" };
                    let t = re.get_type();
                    let f = self.g.declare(name, Some(t.into()), &[t.into(), t.into()]);
                    self.call_basic(f, &[re.into(), im.into()])?
                } else if s.is_float() {
                    let f = self.intrinsic("llvm.fabs", v.get_type(), 1)?;
                    self.call_basic(f, &[v])?
                } else {
                    let c = self.cast_scalar(v, s, r)?.into_int_value();
                    if r.is_unsigned() {
                        c.into()
                    } else {
                        let neg = self.b().build_int_compare(
                            IntPredicate::SLT,
                            c,
                            c.get_type().const_zero(),
                            "neg",
                        )?;
                        let n = self.b().build_int_neg(c, "n")?;
                        self.b().build_select(neg, n, c, "abs")?
                    }
                }
            }
            Builtin::Min | Builtin::Max => {
                let mut acc = self.cast_scalar(vals[0].0, vals[0].1, r)?;
                for &(v, s) in &vals[1..] {
                    let c = self.cast_scalar(v, s, r)?;
                    // Python keeps the earlier value unless the later one is strictly better.
                    let op = if b == Builtin::Min {
                        CmpOp::Lt
                    } else {
                        CmpOp::Gt
                    };
                    let better = self.compare_pair(
                        op,
                        c,
                        &Type::Scalar(r),
                        acc,
                        &Type::Scalar(r),
                        &Type::Scalar(r),
                    )?;
                    acc = self.b().build_select(better, c, acc, "minmax")?;
                }
                acc
            }
            Builtin::Int | Builtin::Float | Builtin::Bool => {
                self.cast_scalar(vals[0].0, vals[0].1, r)?
            }
            Builtin::Complex => {
                let re = self.cast_scalar(vals[0].0, vals[0].1, Scalar::C128)?;
                if vals.len() == 1 {
                    re
                } else {
                    let (re_r, re_i) = self.complex_parts(re)?;
                    let im = self
                        .cast_scalar(vals[1].0, vals[1].1, Scalar::F64)?
                        .into_float_value();
                    // complex(a, b): b is the imaginary part, plus a's own if a is complex (as
                    // CPython's complex_new; a real `a` adds nothing, not even +0.0 to a -0.0).
                    let im_total = if vals[0].1.is_complex() {
                        self.b().build_float_add(re_i, im, "im")?
                    } else {
                        im
                    };
                    self.make_complex(re_r, im_total)?
                }
            }
            Builtin::Round => {
                let (v, s) = vals[0];
                if vals.len() == 1 {
                    if s.is_float() {
                        let rint = self.intrinsic("llvm.rint", v.get_type(), 1)?;
                        let rounded = self.call_basic(rint, &[v])?;
                        self.cast_scalar(rounded, s, r)?
                    } else {
                        self.cast_scalar(v, s, r)?
                    }
                } else if s.is_float() {
                    let x = self.cast_scalar(v, s, Scalar::F64)?;
                    let n = self.cast_scalar(vals[1].0, vals[1].1, Scalar::I64)?;
                    let f = self.g.declare(
                        "pyaot_round_ndigits",
                        Some(self.g.f64().into()),
                        &[self.g.f64().into(), self.g.i64().into()],
                    );
                    let out = self.call_basic(f, &[x, n])?;
                    self.cast_scalar(out, Scalar::F64, r)?
                } else {
                    // round(int, n) for n >= 0 is the int itself; negative n rounds to tens.
                    let x = self.cast_scalar(v, s, Scalar::F64)?;
                    let n = self.cast_scalar(vals[1].0, vals[1].1, Scalar::I64)?;
                    let f = self.g.declare(
                        "pyaot_round_ndigits",
                        Some(self.g.f64().into()),
                        &[self.g.f64().into(), self.g.i64().into()],
                    );
                    let out = self.call_basic(f, &[x, n])?;
                    self.cast_scalar(out, Scalar::F64, r)?
                }
            }
            Builtin::Len | Builtin::DivMod | Builtin::Pow => return Err(internal("handled above")),
        };
        Ok(Val::plain(out))
    }

    fn math(&mut self, f: MathFn, args: &[ExprId], result: &Type) -> R<Val<'ctx>> {
        if result.is_array() {
            let e = self
                .current_call
                .ok_or_else(|| internal("math call without its expression"))?;
            return self.array_expr(e);
        }
        let Type::Scalar(r) = result else {
            return Err(internal("math with non-scalar result"));
        };
        let r = *r;
        let vals = self.scalar_args(args)?;
        let (v0, s0) = vals[0];
        // Predicates on integers need no float conversion.
        if matches!(f, MathFn::IsNan | MathFn::IsInf | MathFn::IsFinite) {
            if !s0.is_float() {
                return Ok(Val::plain(
                    self.g
                        .i1()
                        .const_int(u64::from(f == MathFn::IsFinite), false),
                ));
            }
            let x = v0.into_float_value();
            let t = x.get_type();
            let out = match f {
                MathFn::IsNan => {
                    self.b()
                        .build_float_compare(FloatPredicate::UNO, x, x, "isnan")?
                }
                _ => {
                    let fabs = self.intrinsic("llvm.fabs", t.into(), 1)?;
                    let a = self.call_basic(fabs, &[x.into()])?.into_float_value();
                    let inf = t.const_float(f64::INFINITY);
                    let pred = if f == MathFn::IsInf {
                        FloatPredicate::OEQ
                    } else {
                        FloatPredicate::OLT
                    };
                    self.b().build_float_compare(pred, a, inf, "isinf")?
                }
            };
            return Ok(Val::plain(out));
        }
        // math.floor/ceil/trunc of an integer is the integer.
        if matches!(f, MathFn::Floor | MathFn::Ceil | MathFn::Trunc) && !s0.is_float() {
            return Ok(Val::plain(self.cast_scalar(v0, s0, r)?));
        }
        let compute = if r.is_float() || r.is_complex() {
            r
        } else {
            Scalar::F64
        };
        // The runtime's gamma functions exist in float64 only.
        let f64_only = matches!(f, MathFn::Gamma | MathFn::Lgamma);
        let compute = if compute == Scalar::F32 && (s0 != Scalar::F32 || f64_only) {
            Scalar::F64
        } else {
            compute
        };
        let xs: Vec<BasicValueEnum<'ctx>> = vals
            .iter()
            .map(|(v, s)| self.cast_scalar(*v, *s, compute))
            .collect::<R<_>>()?;
        Ok(Val::plain(self.scalar_math(f, &xs, compute, r)?))
    }

    /// `f` of float values already of type `compute` (float32 or float64), as type `r`.
    fn scalar_math(
        &mut self,
        f: MathFn,
        xs: &[BasicValueEnum<'ctx>],
        compute: Scalar,
        r: Scalar,
    ) -> R<BasicValueEnum<'ctx>> {
        if compute.is_complex() {
            return self.complex_math(f, xs[0], compute);
        }
        if matches!(f, MathFn::IsNan | MathFn::IsInf | MathFn::IsFinite) {
            let x = xs[0].into_float_value();
            let t = x.get_type();
            return Ok(match f {
                MathFn::IsNan => self
                    .b()
                    .build_float_compare(FloatPredicate::UNO, x, x, "isnan")?
                    .into(),
                _ => {
                    let fabs = self.intrinsic("llvm.fabs", t.into(), 1)?;
                    let a = self.call_basic(fabs, &[x.into()])?.into_float_value();
                    let inf = t.const_float(f64::INFINITY);
                    let pred = if f == MathFn::IsInf {
                        FloatPredicate::OEQ
                    } else {
                        FloatPredicate::OLT
                    };
                    self.b().build_float_compare(pred, a, inf, "isinf")?.into()
                }
            });
        }
        let (xs, compute) = if compute == Scalar::F32 && matches!(f, MathFn::Gamma | MathFn::Lgamma)
        {
            // The runtime's gamma functions exist in float64 only.
            let wide: Vec<BasicValueEnum<'ctx>> = xs
                .iter()
                .map(|x| self.cast_scalar(*x, Scalar::F32, Scalar::F64))
                .collect::<R<_>>()?;
            (wide, Scalar::F64)
        } else {
            (xs.to_vec(), compute)
        };
        let t = self.g.scalar(compute);
        let intrinsic = match f {
            MathFn::Sqrt => Some("llvm.sqrt"),
            MathFn::Floor => Some("llvm.floor"),
            MathFn::Ceil => Some("llvm.ceil"),
            MathFn::Trunc => Some("llvm.trunc"),
            MathFn::Fabs => Some("llvm.fabs"),
            MathFn::Copysign => Some("llvm.copysign"),
            _ => None,
        };
        let func = match intrinsic {
            Some(name) => self.intrinsic(name, t, f.arity())?,
            None => {
                let base = f.libm_name();
                let name = if compute == Scalar::F32 {
                    format!("{base}f")
                } else {
                    base.to_string()
                };
                self.g.declare(&name, Some(t), &vec![t; f.arity()])
            }
        };
        let out = self.call_basic(func, &xs)?;
        self.cast_scalar(out, compute, r)
    }
}

/// An iterable of a `for` loop, evaluated once before the loop.
enum IterSource<'ctx> {
    Range {
        start: IntValue<'ctx>,
        step: IntValue<'ctx>,
        count: IntValue<'ctx>,
    },
    Array {
        arr: BasicValueEnum<'ctx>,
        dtype: Scalar,
        ndim: u8,
        strides: Vec<IntValue<'ctx>>,
        count: IntValue<'ctx>,
        /// The type of a row (for more than one dimension).
        row: Type,
    },
    Enumerate(Box<IterSource<'ctx>>, IntValue<'ctx>),
    Zip(Vec<IterSource<'ctx>>, IntValue<'ctx>),
    NdIndex {
        dims: Vec<IntValue<'ctx>>,
        count: IntValue<'ctx>,
    },
}

impl<'ctx> IterSource<'ctx> {
    fn count(&self) -> IntValue<'ctx> {
        match self {
            IterSource::Range { count, .. }
            | IterSource::Array { count, .. }
            | IterSource::Zip(_, count)
            | IterSource::NdIndex { count, .. } => *count,
            IterSource::Enumerate(inner, _) => inner.count(),
        }
    }
}

/// Collects, for a loop body, the names it assigns, every expression in it, and whether it
/// holds a nested loop.
fn walk_block<'m>(
    ast: &'m Module,
    body: &[StmtId],
    assigned: &mut HashSet<&'m str>,
    exprs: &mut Vec<ExprId>,
    nested: &mut bool,
) {
    for &s in body {
        match &ast.stmt(s).kind {
            StmtKind::Expr(e) | StmtKind::Return(Some(e)) => walk_expr(ast, *e, exprs),
            StmtKind::Assign { targets, value } => {
                for &t in targets {
                    target_names(ast, t, assigned);
                    walk_expr(ast, t, exprs);
                }
                walk_expr(ast, *value, exprs);
            }
            StmtKind::AugAssign { target, value, .. } => {
                target_names(ast, *target, assigned);
                walk_expr(ast, *target, exprs);
                walk_expr(ast, *value, exprs);
            }
            StmtKind::AnnAssign { target, value } => {
                target_names(ast, *target, assigned);
                walk_expr(ast, *target, exprs);
                if let Some(v) = value {
                    walk_expr(ast, *v, exprs);
                }
            }
            StmtKind::If { test, body, orelse } => {
                walk_expr(ast, *test, exprs);
                walk_block(ast, body, assigned, exprs, nested);
                walk_block(ast, orelse, assigned, exprs, nested);
            }
            StmtKind::While { .. } | StmtKind::For { .. } => *nested = true,
            StmtKind::Raise { exc: Some(e) } => walk_expr(ast, *e, exprs),
            StmtKind::Assert { test, msg } => {
                walk_expr(ast, *test, exprs);
                if let Some(m) = msg {
                    walk_expr(ast, *m, exprs);
                }
            }
            _ => {}
        }
    }
}

fn target_names<'m>(ast: &'m Module, t: ExprId, assigned: &mut HashSet<&'m str>) {
    match &ast.expr(t).kind {
        ExprKind::Name(n) => {
            assigned.insert(n.as_str());
        }
        ExprKind::Tuple(items) | ExprKind::List(items) => {
            for &i in items {
                target_names(ast, i, assigned);
            }
        }
        _ => {}
    }
}

fn walk_expr(ast: &Module, e: ExprId, out: &mut Vec<ExprId>) {
    out.push(e);
    match &ast.expr(e).kind {
        ExprKind::Binary { lhs, rhs, .. } => {
            walk_expr(ast, *lhs, out);
            walk_expr(ast, *rhs, out);
        }
        ExprKind::Unary { operand, .. } => walk_expr(ast, *operand, out),
        ExprKind::BoolOp { values, .. } => values.iter().for_each(|v| walk_expr(ast, *v, out)),
        ExprKind::Compare {
            left, comparators, ..
        } => {
            walk_expr(ast, *left, out);
            comparators.iter().for_each(|c| walk_expr(ast, *c, out));
        }
        ExprKind::Call {
            func,
            args,
            keywords,
        } => {
            walk_expr(ast, *func, out);
            args.iter().for_each(|a| walk_expr(ast, *a, out));
            keywords.iter().for_each(|k| walk_expr(ast, k.value, out));
        }
        ExprKind::Attribute { value, .. } => walk_expr(ast, *value, out),
        ExprKind::Subscript { value, index } => {
            walk_expr(ast, *value, out);
            walk_expr(ast, *index, out);
        }
        ExprKind::Slice { lower, upper, step } => {
            for p in [lower, upper, step].into_iter().flatten() {
                walk_expr(ast, *p, out);
            }
        }
        ExprKind::Tuple(items) | ExprKind::List(items) => {
            items.iter().for_each(|i| walk_expr(ast, *i, out))
        }
        ExprKind::IfExp { test, body, orelse } => {
            walk_expr(ast, *test, out);
            walk_expr(ast, *body, out);
            walk_expr(ast, *orelse, out);
        }
        _ => {}
    }
}
