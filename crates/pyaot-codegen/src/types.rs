//! The shared code generation state: LLVM context, module and builder, the mapping from pyaot
//! types to LLVM types, and declarations of the C runtime and libm functions.

use inkwell::builder::Builder;
use inkwell::context::Context;
use inkwell::module::{Linkage, Module};
use inkwell::types::{
    BasicMetadataTypeEnum, BasicType, BasicTypeEnum, FloatType, IntType, PointerType, StructType,
};
use inkwell::values::{FunctionValue, GlobalValue, PointerValue};
use inkwell::AddressSpace;
use pyaot_types::{Scalar, Type};

pub(crate) struct Gen<'a, 'ctx> {
    pub cx: &'ctx Context,
    pub module: &'a Module<'ctx>,
    pub builder: Builder<'ctx>,
}

impl<'a, 'ctx> Gen<'a, 'ctx> {
    pub fn new(cx: &'ctx Context, module: &'a Module<'ctx>) -> Self {
        Gen {
            cx,
            module,
            builder: cx.create_builder(),
        }
    }

    pub fn i1(&self) -> IntType<'ctx> {
        self.cx.bool_type()
    }

    pub fn i8(&self) -> IntType<'ctx> {
        self.cx.i8_type()
    }

    pub fn i32(&self) -> IntType<'ctx> {
        self.cx.i32_type()
    }

    pub fn i64(&self) -> IntType<'ctx> {
        self.cx.i64_type()
    }

    pub fn f64(&self) -> FloatType<'ctx> {
        self.cx.f64_type()
    }

    /// `i8*`, also used for `PyObject*` and untyped data pointers.
    pub fn ptr(&self) -> PointerType<'ctx> {
        self.i8().ptr_type(AddressSpace::default())
    }

    /// The register type of a scalar: `i1` for bool, `{f64, f64}` for complex128.
    pub fn scalar(&self, s: Scalar) -> BasicTypeEnum<'ctx> {
        match s {
            Scalar::Bool => self.i1().into(),
            Scalar::I8 | Scalar::U8 => self.i8().into(),
            Scalar::I16 | Scalar::U16 => self.cx.i16_type().into(),
            Scalar::I32 | Scalar::U32 => self.i32().into(),
            Scalar::I64 | Scalar::U64 => self.i64().into(),
            Scalar::F32 => self.cx.f32_type().into(),
            Scalar::F64 => self.f64().into(),
            Scalar::C64 => self.complex(self.cx.f32_type()).into(),
            Scalar::C128 => self.complex(self.f64()).into(),
        }
    }

    fn complex(&self, part: FloatType<'ctx>) -> StructType<'ctx> {
        self.cx.struct_type(&[part.into(), part.into()], false)
    }

    /// The in-memory type of an array element (bool is a byte, as in NumPy).
    pub fn element(&self, s: Scalar) -> BasicTypeEnum<'ctx> {
        match s {
            Scalar::Bool => self.i8().into(),
            other => self.scalar(other),
        }
    }

    /// `{ i8* data, i8* owner, [n x i64] shape, [n x i64] strides }`: an array value. `owner` is
    /// the `numpy.ndarray` that keeps `data` alive; strides are in bytes.
    pub fn array(&self, ndim: u8) -> StructType<'ctx> {
        let dims = self.i64().array_type(u32::from(ndim));
        self.cx.struct_type(
            &[
                self.ptr().into(),
                self.ptr().into(),
                dims.into(),
                dims.into(),
            ],
            false,
        )
    }

    pub fn ty(&self, t: &Type) -> BasicTypeEnum<'ctx> {
        match t {
            Type::Scalar(s) => self.scalar(*s),
            Type::Array { ndim, .. } => self.array(*ndim).into(),
            Type::Tuple(items) => {
                let fields: Vec<BasicTypeEnum<'ctx>> = items.iter().map(|t| self.ty(t)).collect();
                self.cx.struct_type(&fields, false).into()
            }
            Type::None => self.i8().into(),
        }
    }

    /// Declares (once) an external function.
    pub fn declare(
        &self,
        name: &str,
        ret: Option<BasicTypeEnum<'ctx>>,
        params: &[BasicTypeEnum<'ctx>],
    ) -> FunctionValue<'ctx> {
        if let Some(f) = self.module.get_function(name) {
            return f;
        }
        let params: Vec<BasicMetadataTypeEnum<'ctx>> = params.iter().map(|p| (*p).into()).collect();
        let fn_type = match ret {
            Some(r) => r.fn_type(&params, false),
            None => self.cx.void_type().fn_type(&params, false),
        };
        self.module
            .add_function(name, fn_type, Some(Linkage::External))
    }

    /// A C runtime function (see runtime/pyaot_runtime.h) returning `int`.
    pub fn rt_status(&self, name: &str, params: &[BasicTypeEnum<'ctx>]) -> FunctionValue<'ctx> {
        self.declare(name, Some(self.i32().into()), params)
    }

    /// A private constant NUL-terminated string; returns an `i8*` to its first byte.
    pub fn cstr(&self, text: &str, name: &str) -> PointerValue<'ctx> {
        let global = self.const_global_string(text, name);
        global.as_pointer_value().const_cast(self.ptr())
    }

    fn const_global_string(&self, text: &str, name: &str) -> GlobalValue<'ctx> {
        let value = self.cx.const_string(text.as_bytes(), true);
        let global = self.module.add_global(value.get_type(), None, name);
        global.set_initializer(&value);
        global.set_constant(true);
        global.set_linkage(Linkage::Private);
        global.set_unnamed_addr(true);
        global
    }
}
