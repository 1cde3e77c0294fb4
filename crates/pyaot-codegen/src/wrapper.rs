//! The CPython side of a module: a METH_FASTCALL|METH_KEYWORDS wrapper per export that parses,
//! checks and unboxes the arguments through the C runtime, calls the kernel and boxes the
//! result; and `PyInit_<name>`, which hands the method table to `pyaot_module_create`.

use inkwell::module::Linkage;
use inkwell::types::{BasicTypeEnum, StructType};
use inkwell::values::{
    BasicMetadataValueEnum, BasicValueEnum, FunctionValue, IntValue, PointerValue,
};
use inkwell::IntPredicate;
use pyaot_infer::{Instance, Program};
use pyaot_syntax::Module;
use pyaot_types::{Layout, Scalar, Type};

use crate::types::Gen;
use crate::{internal, CodegenError, Export};

type R<T> = Result<T, CodegenError>;

pub(crate) fn emit_module<'ctx>(
    g: &Gen<'_, 'ctx>,
    _ast: &Module,
    program: &Program,
    kernels: &[FunctionValue<'ctx>],
    module_name: &str,
    exports: &[Export],
) -> R<()> {
    let method_ty =
        g.cx.struct_type(&[g.ptr().into(), g.ptr().into(), g.ptr().into()], false);
    let mut methods = Vec::new();
    for export in exports {
        let inst = program.instance(export.root);
        let wrapper = emit_wrapper(g, inst, kernels, export)?;
        let name = g.cstr(&export.name, "method.name");
        let doc = g.cstr(&docstring(export, inst), "method.doc");
        let fn_ptr = wrapper
            .as_global_value()
            .as_pointer_value()
            .const_cast(g.ptr());
        methods.push(method_ty.const_named_struct(&[name.into(), fn_ptr.into(), doc.into()]));
    }
    let table_ty = method_ty.array_type(methods.len() as u32);
    let table = g.module.add_global(table_ty, None, "pyaot.methods");
    table.set_initializer(&method_ty.const_array(&methods));
    table.set_constant(true);
    table.set_linkage(Linkage::Private);

    let init_ty = g.ptr().fn_type(&[], false);
    let init = g.module.add_function(
        &format!("PyInit_{module_name}"),
        init_ty,
        Some(Linkage::External),
    );
    let b = &g.builder;
    b.position_at_end(g.cx.append_basic_block(init, "entry"));
    let create = g.declare(
        "pyaot_module_create",
        Some(g.ptr().into()),
        &[
            g.ptr().into(),
            g.ptr().into(),
            g.i64().into(),
            g.ptr().into(),
            g.i32().into(),
        ],
    );
    let table_ptr = table.as_pointer_value().const_cast(g.ptr());
    let needs_numpy = u64::from(program.uses_arrays());
    let args: Vec<BasicMetadataValueEnum<'ctx>> = vec![
        g.cstr(module_name, "module.name").into(),
        g.ptr().const_null().into(),
        g.i64().const_int(methods.len() as u64, false).into(),
        table_ptr.into(),
        g.i32().const_int(needs_numpy, false).into(),
    ];
    let module = call_value(g, create, &args)?;
    b.build_return(Some(&module))?;
    Ok(())
}

/// `multf(a, b)\n--\n\nmultf(a: float64, b: float64) -> float64`: CPython reads the first part
/// as `__text_signature__` (so `inspect.signature` works) and shows the rest as `__doc__`.
/// How many leading parameters have no default value.
fn required_count(export: &Export) -> usize {
    export
        .defaults
        .iter()
        .position(Option::is_some)
        .unwrap_or(export.params.len())
}

/// A constant as Python writes it, for signatures in docstrings.
fn const_repr(c: pyaot_infer::Const) -> String {
    match c {
        pyaot_infer::Const::Bool(b) => if b { "True" } else { "False" }.to_string(),
        pyaot_infer::Const::Int(i) => i.to_string(),
        pyaot_infer::Const::UInt(u) => u.to_string(),
        pyaot_infer::Const::Float(f) => format!("{f:?}"),
        pyaot_infer::Const::Complex(re, im) => format!("({re:?}+{im:?}j)"),
        pyaot_infer::Const::None => "None".to_string(),
    }
}

fn docstring(export: &Export, inst: &Instance) -> String {
    let with_default = |i: usize, text: String| match export.defaults.get(i).copied().flatten() {
        Some(c) => format!("{text}={}", const_repr(c)),
        None => text,
    };
    let params: Vec<String> = export
        .params
        .iter()
        .zip(&inst.param_types)
        .enumerate()
        .map(|(i, (p, t))| with_default(i, format!("{p}: {}", type_name(t))))
        .collect();
    let names: Vec<String> = export
        .params
        .iter()
        .enumerate()
        .map(|(i, p)| with_default(i, p.clone()))
        .collect();
    format!(
        "{}({})\n--\n\n{}({}) -> {}",
        export.name,
        names.join(", "),
        export.name,
        params.join(", "),
        type_name(&inst.ret)
    )
}

/// The name shown to Python users: NumPy's for scalars, Numba's for the rest.
fn type_name(t: &Type) -> String {
    match t {
        Type::None => "None".to_string(),
        other => other.to_string(),
    }
}

fn call_value<'ctx>(
    g: &Gen<'_, 'ctx>,
    f: FunctionValue<'ctx>,
    args: &[BasicMetadataValueEnum<'ctx>],
) -> R<BasicValueEnum<'ctx>> {
    match g.builder.build_call(f, args, "")?.try_as_basic_value() {
        inkwell::values::ValueKind::Basic(v) => Ok(v),
        inkwell::values::ValueKind::Instruction(_) => Err(internal("call returned void")),
    }
}

struct WrapGen<'g, 'a, 'ctx> {
    g: &'g Gen<'a, 'ctx>,
    function: FunctionValue<'ctx>,
    desc: PointerValue<'ctx>,
}

fn fn_desc_type<'ctx>(g: &Gen<'_, 'ctx>) -> StructType<'ctx> {
    let ptr_ptr = g.ptr().ptr_type(Default::default());
    g.cx.struct_type(
        &[
            g.ptr().into(),
            g.i64().into(),
            ptr_ptr.into(),
            ptr_ptr.into(),
            g.i64().into(),
        ],
        false,
    )
}

/// A private constant array of C strings; returns `i8**` to its first element.
fn cstr_array<'ctx>(g: &Gen<'_, 'ctx>, items: &[String], name: &str) -> PointerValue<'ctx> {
    let ptrs: Vec<PointerValue<'ctx>> = items.iter().map(|s| g.cstr(s, name)).collect();
    let array = g.ptr().const_array(&ptrs);
    let global = g
        .module
        .add_global(g.ptr().array_type(items.len() as u32), None, name);
    global.set_initializer(&array);
    global.set_constant(true);
    global.set_linkage(Linkage::Private);
    global
        .as_pointer_value()
        .const_cast(g.ptr().ptr_type(Default::default()))
}

fn emit_wrapper<'ctx>(
    g: &Gen<'_, 'ctx>,
    inst: &Instance,
    kernels: &[FunctionValue<'ctx>],
    export: &Export,
) -> R<FunctionValue<'ctx>> {
    let kernel = kernels[export.root.0 as usize];
    let n = export.params.len();
    let types: Vec<String> = inst.param_types.iter().map(type_name).collect();
    let desc_ty = fn_desc_type(g);
    let desc_value = desc_ty.const_named_struct(&[
        g.cstr(&export.name, "desc.name").into(),
        g.i64().const_int(n as u64, false).into(),
        cstr_array(g, &export.params, "desc.params").into(),
        cstr_array(g, &types, "desc.types").into(),
        g.i64()
            .const_int(required_count(export) as u64, false)
            .into(),
    ]);
    let desc = g.module.add_global(desc_ty, None, "desc");
    desc.set_initializer(&desc_value);
    desc.set_constant(true);
    desc.set_linkage(Linkage::Private);
    let desc_ptr = desc.as_pointer_value().const_cast(g.ptr());

    let ptr_ptr = g.ptr().ptr_type(Default::default());
    let fn_ty = g.ptr().fn_type(
        &[
            g.ptr().into(),
            ptr_ptr.into(),
            g.i64().into(),
            g.ptr().into(),
        ],
        false,
    );
    let function = g.module.add_function(
        &format!("pyaot.wrap.{}", export.name),
        fn_ty,
        Some(Linkage::Internal),
    );
    let w = WrapGen {
        g,
        function,
        desc: desc_ptr,
    };
    let b = &g.builder;
    let entry = g.cx.append_basic_block(function, "entry");
    let fast = g.cx.append_basic_block(function, "fast");
    let slow = g.cx.append_basic_block(function, "slow");
    let join = g.cx.append_basic_block(function, "join");
    b.position_at_end(entry);
    let param = |i: u32| {
        function
            .get_nth_param(i)
            .ok_or_else(|| internal("wrapper parameter"))
    };
    let args = param(1)?.into_pointer_value();
    let nargs = param(2)?.into_int_value();
    let kwnames = param(3)?.into_pointer_value();
    let argv = b.build_alloca(g.ptr().array_type(n as u32), "argv")?;
    let argv_ptr = b.build_pointer_cast(argv, ptr_ptr, "argv.ptr")?;
    let ret_slot = b.build_alloca(g.ty(&inst.ret), "ret")?;
    let no_kw = b.build_is_null(kwnames, "no.kw")?;
    let exact = b.build_int_compare(
        IntPredicate::EQ,
        nargs,
        g.i64().const_int(n as u64, false),
        "exact",
    )?;
    let is_fast = b.build_and(no_kw, exact, "is.fast")?;
    b.build_conditional_branch(is_fast, fast, slow)?;
    b.position_at_end(fast);
    b.build_unconditional_branch(join)?;
    b.position_at_end(slow);
    let parse = g.rt_status(
        "pyaot_parse_args",
        &[
            g.ptr().into(),
            ptr_ptr.into(),
            g.i64().into(),
            g.ptr().into(),
            ptr_ptr.into(),
        ],
    );
    let st = call_value(
        g,
        parse,
        &[
            desc_ptr.into(),
            args.into(),
            nargs.into(),
            kwnames.into(),
            argv_ptr.into(),
        ],
    )?;
    w.bail_if_failed(st.into_int_value())?;
    let slow_done = g
        .builder
        .get_insert_block()
        .ok_or_else(|| internal("no block"))?;
    g.builder.build_unconditional_branch(join)?;
    g.builder.position_at_end(join);
    let arg_array = g.builder.build_phi(ptr_ptr, "args")?;
    arg_array.add_incoming(&[(&args, fast), (&argv_ptr, slow_done)]);
    let arg_array = arg_array.as_basic_value().into_pointer_value();

    let mut call_args: Vec<BasicMetadataValueEnum<'ctx>> = vec![ret_slot.into()];
    for (i, ty) in inst.param_types.iter().enumerate() {
        let slot = unsafe {
            g.builder
                .build_gep(arg_array, &[g.i64().const_int(i as u64, false)], "arg.ptr")?
        };
        let obj = g.builder.build_load(slot, "arg")?.into_pointer_value();
        let writable = inst.written_params.get(i).copied().unwrap_or(false);
        let value = match export.defaults.get(i).copied().flatten() {
            Some(default) => w.unbox_or_default(obj, i, ty, writable, default)?,
            None => w.unbox(obj, i, ty, writable)?,
        };
        call_args.push(value.into());
    }
    let st = match export.contiguous_root {
        Some(fast_root) => {
            w.call_dispatching(inst, kernel, kernels[fast_root.0 as usize], &call_args)?
        }
        None => call_value(g, kernel, &call_args)?.into_int_value(),
    };
    w.bail_if_failed(st)?;
    let value = g.builder.build_load(ret_slot, "result")?;
    let boxed = w.boxed(value, &inst.ret)?;
    g.builder.build_return(Some(&boxed))?;
    Ok(function)
}

impl<'g, 'a, 'ctx> WrapGen<'g, 'a, 'ctx> {
    /// Calls `fast` if every 'A'-layout array argument is C-contiguous, else `general`; returns
    /// the kernel's status.
    fn call_dispatching(
        &self,
        inst: &Instance,
        general: FunctionValue<'ctx>,
        fast: FunctionValue<'ctx>,
        args: &[BasicMetadataValueEnum<'ctx>],
    ) -> R<IntValue<'ctx>> {
        let g = self.g;
        let b = &g.builder;
        let mut all_c = g.i1().const_int(1, false);
        for (i, ty) in inst.param_types.iter().enumerate() {
            let Type::Array {
                dtype,
                ndim,
                layout: Layout::A,
            } = ty
            else {
                continue;
            };
            let arr = args[i + 1].into_struct_value();
            let shape = b.build_extract_value(arr, 2, "shape")?.into_array_value();
            let strides = b.build_extract_value(arr, 3, "strides")?.into_array_value();
            let mut expected = g.i64().const_int(u64::from(dtype.size()), false);
            for k in (0..u32::from(*ndim)).rev() {
                let dim = b.build_extract_value(shape, k, "dim")?.into_int_value();
                let stride = b
                    .build_extract_value(strides, k, "stride")?
                    .into_int_value();
                let unit = b.build_int_compare(
                    IntPredicate::EQ,
                    dim,
                    g.i64().const_int(1, false),
                    "unit",
                )?;
                let matches = b.build_int_compare(IntPredicate::EQ, stride, expected, "matches")?;
                let ok = b.build_or(unit, matches, "ok")?;
                all_c = b.build_and(all_c, ok, "all.c")?;
                expected = b.build_int_mul(expected, dim, "expected")?;
            }
        }
        let fast_bb = g.cx.append_basic_block(self.function, "contiguous");
        let slow_bb = g.cx.append_basic_block(self.function, "strided");
        let join = g.cx.append_basic_block(self.function, "called");
        b.build_conditional_branch(all_c, fast_bb, slow_bb)?;
        b.position_at_end(fast_bb);
        let st_fast = call_value(g, fast, args)?.into_int_value();
        b.build_unconditional_branch(join)?;
        b.position_at_end(slow_bb);
        let st_slow = call_value(g, general, args)?.into_int_value();
        b.build_unconditional_branch(join)?;
        b.position_at_end(join);
        let phi = b.build_phi(g.i32(), "st")?;
        phi.add_incoming(&[(&st_fast, fast_bb), (&st_slow, slow_bb)]);
        Ok(phi.as_basic_value().into_int_value())
    }

    /// Returns NULL from the wrapper if a runtime call reported an error.
    fn bail_if_failed(&self, st: IntValue<'ctx>) -> R<()> {
        let g = self.g;
        let bad =
            g.builder
                .build_int_compare(IntPredicate::NE, st, st.get_type().const_zero(), "bad")?;
        let fail = g.cx.append_basic_block(self.function, "fail");
        let ok = g.cx.append_basic_block(self.function, "ok");
        g.builder.build_conditional_branch(bad, fail, ok)?;
        g.builder.position_at_end(fail);
        g.builder.build_return(Some(&g.ptr().const_null()))?;
        g.builder.position_at_end(ok);
        Ok(())
    }

    /// The address of one of CPython's static type objects (resolved against the interpreter
    /// when the module is loaded, like any extension's use of the C API).
    fn python_type(&self, name: &str) -> PointerValue<'ctx> {
        let g = self.g;
        let global = g.module.get_global(name).unwrap_or_else(|| {
            let global = g.module.add_global(g.i8(), None, name);
            global.set_linkage(Linkage::External);
            global
        });
        global.as_pointer_value()
    }

    fn index(&self, i: usize) -> IntValue<'ctx> {
        self.g.i64().const_int(i as u64, false)
    }

    fn i32c(&self, v: i32) -> IntValue<'ctx> {
        self.g.i32().const_int(v as u64, true)
    }

    /// A parameter with a default value: the constant when the argument was not given (its slot
    /// is NULL), else the unboxed argument.
    fn unbox_or_default(
        &self,
        obj: PointerValue<'ctx>,
        i: usize,
        ty: &Type,
        writable: bool,
        default: pyaot_infer::Const,
    ) -> R<BasicValueEnum<'ctx>> {
        let g = self.g;
        let missing = g.builder.build_is_null(obj, "missing")?;
        let given_bb = g.cx.append_basic_block(self.function, "arg.given");
        let default_bb = g.cx.append_basic_block(self.function, "arg.default");
        let join = g.cx.append_basic_block(self.function, "arg.join");
        g.builder
            .build_conditional_branch(missing, default_bb, given_bb)?;
        g.builder.position_at_end(given_bb);
        let given = self.unbox(obj, i, ty, writable)?;
        let given_end = g
            .builder
            .get_insert_block()
            .ok_or_else(|| internal("no block"))?;
        g.builder.build_unconditional_branch(join)?;
        g.builder.position_at_end(default_bb);
        let constant = self.constant_as(default, ty)?;
        g.builder.build_unconditional_branch(join)?;
        g.builder.position_at_end(join);
        let phi = g.builder.build_phi(g.ty(ty), "arg")?;
        phi.add_incoming(&[(&given, given_end), (&constant, default_bb)]);
        Ok(phi.as_basic_value())
    }

    /// A default value as a constant of the parameter's type.
    fn constant_as(&self, c: pyaot_infer::Const, ty: &Type) -> R<BasicValueEnum<'ctx>> {
        use pyaot_infer::Const;
        let Type::Scalar(s) = ty else {
            return Err(internal(format!(
                "a constant default for a parameter of type {ty}"
            )));
        };
        let (re, im) = match c {
            Const::Bool(b) => (f64::from(u8::from(b)), 0.0),
            Const::Int(i) => (i as f64, 0.0),
            Const::UInt(u) => (u as f64, 0.0),
            Const::Float(f) => (f, 0.0),
            Const::Complex(re, im) => (re, im),
            Const::None => (0.0, 0.0),
        };
        let g = self.g;
        Ok(match s {
            Scalar::Bool => g
                .i1()
                .const_int(u64::from(re != 0.0 || im != 0.0), false)
                .into(),
            s if s.is_int() => {
                let bits = match c {
                    Const::Int(i) => i as u64,
                    Const::UInt(u) => u,
                    _ => re as i64 as u64,
                };
                g.scalar(*s)
                    .into_int_type()
                    .const_int(bits, s.is_signed())
                    .into()
            }
            s if s.is_float() => g.scalar(*s).into_float_type().const_float(re).into(),
            s => {
                let part = g.scalar(s.real_part()).into_float_type();
                g.cx.const_struct(
                    &[part.const_float(re).into(), part.const_float(im).into()],
                    false,
                )
                .into()
            }
        })
    }

    /// Converts argument `i` to the kernel's parameter type, or returns NULL with a TypeError.
    fn unbox(
        &self,
        obj: PointerValue<'ctx>,
        i: usize,
        ty: &Type,
        writable: bool,
    ) -> R<BasicValueEnum<'ctx>> {
        let g = self.g;
        let b = &g.builder;
        let desc = self.desc;
        match ty {
            Type::Scalar(Scalar::Bool) => {
                let slot = b.build_alloca(g.i8(), "bool")?;
                let f = g.rt_status(
                    "pyaot_unbox_bool",
                    &[
                        g.ptr().into(),
                        g.ptr().into(),
                        g.i64().into(),
                        g.ptr().into(),
                    ],
                );
                let st = call_value(
                    g,
                    f,
                    &[obj.into(), desc.into(), self.index(i).into(), slot.into()],
                )?;
                self.bail_if_failed(st.into_int_value())?;
                let v = b.build_load(slot, "b")?.into_int_value();
                Ok(
                    b.build_int_compare(IntPredicate::NE, v, g.i8().const_zero(), "bool")?
                        .into(),
                )
            }
            Type::Scalar(s) if s.is_int() => {
                let slot = b.build_alloca(g.i64(), "int")?;
                let i64p = g.i64().ptr_type(Default::default());
                let f = g.rt_status(
                    "pyaot_unbox_int",
                    &[
                        g.ptr().into(),
                        g.ptr().into(),
                        g.i64().into(),
                        g.i32().into(),
                        i64p.into(),
                    ],
                );
                let st = call_value(
                    g,
                    f,
                    &[
                        obj.into(),
                        desc.into(),
                        self.index(i).into(),
                        self.i32c(s.numpy_type_num()).into(),
                        slot.into(),
                    ],
                )?;
                self.bail_if_failed(st.into_int_value())?;
                let v = b.build_load(slot, "i")?.into_int_value();
                let target = g.scalar(*s).into_int_type();
                Ok(if target.get_bit_width() < 64 {
                    b.build_int_truncate(v, target, "i")?.into()
                } else {
                    v.into()
                })
            }
            Type::Scalar(s) if s.is_float() => {
                // Fast path inline: an exact `float` holds its value right after the object
                // header (`PyFloatObject.ob_fval`, offset 16 on every 64-bit CPython with a GIL).
                // Anything else goes through the runtime's full conversion and checks.
                let slot = b.build_alloca(g.f64(), "float")?;
                let f64p = g.f64().ptr_type(Default::default());
                let float_type = self.python_type("PyFloat_Type");
                let type_slot = unsafe { b.build_gep(obj, &[self.index(8)], "ob_type.addr")? };
                let type_slot = b.build_pointer_cast(
                    type_slot,
                    g.ptr().ptr_type(Default::default()),
                    "ob_type.ptr",
                )?;
                let ob_type = b.build_load(type_slot, "ob_type")?.into_pointer_value();
                let exact =
                    b.build_int_compare(IntPredicate::EQ, ob_type, float_type, "is.float")?;
                let fast = g.cx.append_basic_block(self.function, "float.exact");
                let slow = g.cx.append_basic_block(self.function, "float.convert");
                let done = g.cx.append_basic_block(self.function, "float.done");
                b.build_conditional_branch(exact, fast, slow)?;
                b.position_at_end(fast);
                let value_addr = unsafe { b.build_gep(obj, &[self.index(16)], "ob_fval.addr")? };
                let value_addr = b.build_pointer_cast(value_addr, f64p, "ob_fval.ptr")?;
                let value = b.build_load(value_addr, "ob_fval")?;
                b.build_store(slot, value)?;
                b.build_unconditional_branch(done)?;
                b.position_at_end(slow);
                let f = g.rt_status(
                    "pyaot_unbox_float",
                    &[g.ptr().into(), g.ptr().into(), g.i64().into(), f64p.into()],
                );
                let st = call_value(
                    g,
                    f,
                    &[obj.into(), desc.into(), self.index(i).into(), slot.into()],
                )?;
                self.bail_if_failed(st.into_int_value())?;
                g.builder.build_unconditional_branch(done)?;
                g.builder.position_at_end(done);
                let v = g.builder.build_load(slot, "f")?.into_float_value();
                let b = &g.builder;
                Ok(if *s == Scalar::F32 {
                    b.build_float_trunc(v, g.cx.f32_type(), "f4")?.into()
                } else {
                    v.into()
                })
            }
            Type::Scalar(s) => {
                let re = b.build_alloca(g.f64(), "re")?;
                let im = b.build_alloca(g.f64(), "im")?;
                let f64p = g.f64().ptr_type(Default::default());
                let f = g.rt_status(
                    "pyaot_unbox_complex",
                    &[
                        g.ptr().into(),
                        g.ptr().into(),
                        g.i64().into(),
                        f64p.into(),
                        f64p.into(),
                    ],
                );
                let st = call_value(
                    g,
                    f,
                    &[
                        obj.into(),
                        desc.into(),
                        self.index(i).into(),
                        re.into(),
                        im.into(),
                    ],
                )?;
                self.bail_if_failed(st.into_int_value())?;
                let mut re = b.build_load(re, "re")?.into_float_value();
                let mut im = b.build_load(im, "im")?.into_float_value();
                if *s == Scalar::C64 {
                    re = b.build_float_trunc(re, g.cx.f32_type(), "re")?;
                    im = b.build_float_trunc(im, g.cx.f32_type(), "im")?;
                }
                let cty = g.scalar(*s).into_struct_type();
                let agg = b.build_insert_value(cty.get_undef(), re, 0, "c")?;
                let agg = b.build_insert_value(agg, im, 1, "c")?;
                Ok(agg.into_struct_value().into())
            }
            Type::Array {
                dtype,
                ndim,
                layout,
            } => {
                let arr_ty = g.array(*ndim);
                let slot = b.build_alloca(arr_ty, "array")?;
                let out = b.build_pointer_cast(slot, g.ptr(), "out")?;
                let f = g.rt_status(
                    "pyaot_unbox_array",
                    &[
                        g.ptr().into(),
                        g.ptr().into(),
                        g.i64().into(),
                        g.i32().into(),
                        g.i32().into(),
                        g.i32().into(),
                        g.i32().into(),
                        g.ptr().into(),
                    ],
                );
                let layout = match layout {
                    Layout::C => 0,
                    Layout::F => 1,
                    Layout::A => 2,
                };
                let st = call_value(
                    g,
                    f,
                    &[
                        obj.into(),
                        desc.into(),
                        self.index(i).into(),
                        self.i32c(dtype.numpy_type_num()).into(),
                        self.i32c(i32::from(*ndim)).into(),
                        self.i32c(layout).into(),
                        self.i32c(i32::from(writable)).into(),
                        out.into(),
                    ],
                )?;
                self.bail_if_failed(st.into_int_value())?;
                Ok(b.build_load(slot, "array")?)
            }
            Type::Tuple(items) => {
                let ptr_ptr = g.ptr().ptr_type(Default::default());
                let slots = b.build_alloca(g.ptr().array_type(items.len() as u32), "items")?;
                let slots = b.build_pointer_cast(slots, ptr_ptr, "items.ptr")?;
                let f = g.rt_status(
                    "pyaot_unbox_tuple",
                    &[
                        g.ptr().into(),
                        g.ptr().into(),
                        g.i64().into(),
                        g.i64().into(),
                        ptr_ptr.into(),
                    ],
                );
                let st = call_value(
                    g,
                    f,
                    &[
                        obj.into(),
                        self.desc.into(),
                        self.index(i).into(),
                        self.index(items.len()).into(),
                        slots.into(),
                    ],
                )?;
                self.bail_if_failed(st.into_int_value())?;
                let tuple_ty = g.ty(ty).into_struct_type();
                let mut agg = tuple_ty.get_undef();
                for (k, item_ty) in items.iter().enumerate() {
                    let p = unsafe { b.build_gep(slots, &[self.index(k)], "item.ptr")? };
                    let item = b.build_load(p, "item")?.into_pointer_value();
                    let v = self.unbox(item, i, item_ty, writable)?;
                    agg = g
                        .builder
                        .build_insert_value(agg, v, k as u32, "tuple")?
                        .into_struct_value();
                }
                Ok(agg.into())
            }
            Type::None => Ok(g.i8().const_zero().into()),
        }
    }

    /// A new reference to the Python object for a kernel result (NULL with an exception set if
    /// boxing failed). Array results already own their reference, which passes to the caller.
    fn boxed(&self, v: BasicValueEnum<'ctx>, ty: &Type) -> R<PointerValue<'ctx>> {
        let g = self.g;
        let b = &g.builder;
        let ptr: BasicTypeEnum<'ctx> = g.ptr().into();
        let out = match ty {
            Type::Scalar(Scalar::Bool) => {
                let f = g.declare("pyaot_box_bool", Some(ptr), &[g.i32().into()]);
                let x = b.build_int_z_extend(v.into_int_value(), g.i32(), "b")?;
                call_value(g, f, &[x.into()])?
            }
            Type::Scalar(s) if s.is_int() => {
                let f = g.declare(
                    "pyaot_box_int",
                    Some(ptr),
                    &[g.i64().into(), g.i32().into()],
                );
                let iv = v.into_int_value();
                let x = if iv.get_type().get_bit_width() == 64 {
                    iv
                } else if s.is_signed() {
                    b.build_int_s_extend(iv, g.i64(), "x")?
                } else {
                    b.build_int_z_extend(iv, g.i64(), "x")?
                };
                call_value(g, f, &[x.into(), self.i32c(s.numpy_type_num()).into()])?
            }
            Type::Scalar(s) if s.is_float() => {
                // Straight to CPython (stable ABI): one call less than through the runtime.
                let f = g.declare("PyFloat_FromDouble", Some(ptr), &[g.f64().into()]);
                let fv = v.into_float_value();
                let x = if *s == Scalar::F32 {
                    b.build_float_ext(fv, g.f64(), "x")?
                } else {
                    fv
                };
                call_value(g, f, &[x.into()])?
            }
            Type::Scalar(s) => {
                let f = g.declare(
                    "pyaot_box_complex",
                    Some(ptr),
                    &[g.f64().into(), g.f64().into()],
                );
                let sv = v.into_struct_value();
                let mut re = b.build_extract_value(sv, 0, "re")?.into_float_value();
                let mut im = b.build_extract_value(sv, 1, "im")?.into_float_value();
                if *s == Scalar::C64 {
                    re = b.build_float_ext(re, g.f64(), "re")?;
                    im = b.build_float_ext(im, g.f64(), "im")?;
                }
                call_value(g, f, &[re.into(), im.into()])?
            }
            Type::None => {
                let f = g.declare("pyaot_box_none", Some(ptr), &[]);
                call_value(g, f, &[])?
            }
            Type::Array { dtype, ndim, .. } => {
                // The owner itself, or a view object for a slice of it.
                let slot = b.build_alloca(v.get_type(), "result.array")?;
                b.build_store(slot, v)?;
                let slot = b.build_pointer_cast(slot, g.ptr(), "result.ptr")?;
                let f = g.declare(
                    "pyaot_box_array_value",
                    Some(ptr),
                    &[g.ptr().into(), g.i32().into(), g.i32().into()],
                );
                call_value(
                    g,
                    f,
                    &[
                        slot.into(),
                        self.i32c(dtype.numpy_type_num()).into(),
                        self.i32c(i32::from(*ndim)).into(),
                    ],
                )?
            }
            Type::Tuple(items) => {
                let ptr_ptr = g.ptr().ptr_type(Default::default());
                let slots =
                    b.build_alloca(g.ptr().array_type(items.len().max(1) as u32), "boxed")?;
                let slots = b.build_pointer_cast(slots, ptr_ptr, "boxed.ptr")?;
                for (k, item_ty) in items.iter().enumerate() {
                    let item = b.build_extract_value(v.into_struct_value(), k as u32, "item")?;
                    let boxed = self.boxed(item, item_ty)?;
                    let p = unsafe { g.builder.build_gep(slots, &[self.index(k)], "slot")? };
                    g.builder.build_store(p, boxed)?;
                }
                let f = g.declare(
                    "pyaot_tuple_pack_steal",
                    Some(ptr),
                    &[g.i64().into(), ptr_ptr.into()],
                );
                call_value(g, f, &[self.index(items.len()).into(), slots.into()])?
            }
        };
        Ok(out.into_pointer_value())
    }
}
