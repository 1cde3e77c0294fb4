//! LLVM code generation with inkwell: typed instances become native kernels, each export gets a
//! CPython METH_FASTCALL wrapper, and `PyInit_<name>` creates the module through the C runtime.
//! The module is verified, optimised at O3 with the loop and SLP vectorizers, and emitted as an
//! object file in memory.
//!
//! Architecture Invariant: this crate is the only one that knows inkwell, LLVM and the CPython and
//! NumPy C ABIs (the latter two through the C runtime in `runtime/`). It never reports user
//! errors: anything wrong with the user's program was caught by inference, so a failure here is
//! a bug in pyaot ([`CodegenError::Internal`]) or a bad target CPU.

mod function;
mod runtime;
mod target;
mod types;
mod wrapper;

use inkwell::context::Context;
use inkwell::module::Module as LlvmModule;
use inkwell::passes::PassBuilderOptions;
use pyaot_infer::{InstanceId, Program};
use pyaot_syntax::Module;

pub use runtime::RUNTIME_OBJECT;
pub use target::{known_cpus, TargetCpu};

/// One exported function: its Python-visible name and the root instance that implements it.
#[derive(Debug, Clone)]
pub struct Export {
    pub name: String,
    pub root: InstanceId,
    /// Python parameter names, in order.
    pub params: Vec<String>,
    /// Each parameter's default value, if it has a constant one (defaults come last).
    pub defaults: Vec<Option<pyaot_infer::Const>>,
    /// The same function typed with every 'A'-layout array parameter as C-contiguous: the wrapper
    /// calls it when all those arguments happen to be C-contiguous, so that the common case gets
    /// unit-stride, vectorisable loops.
    pub contiguous_root: Option<InstanceId>,
}

/// Code generation settings.
#[derive(Debug, Clone, Default)]
pub struct CodegenConfig {
    /// '' (generic code for the architecture family), 'host', or an LLVM CPU name.
    pub target_cpu: String,
    /// Write the optimised LLVM IR here (for debugging and tests).
    pub dump_ir: Option<std::path::PathBuf>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodegenError {
    /// `target_cpu` names no CPU that LLVM knows for this architecture.
    UnknownCpu {
        cpu: String,
        arch: String,
        suggestion: Option<String>,
    },
    /// A bug in pyaot: LLVM rejected what pyaot generated.
    Internal(String),
}

impl std::fmt::Display for CodegenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CodegenError::UnknownCpu {
                cpu,
                arch,
                suggestion,
            } => {
                write!(f, "unknown target CPU '{cpu}' for {arch}")?;
                if let Some(s) = suggestion {
                    write!(f, " (did you mean '{s}'?)")?;
                }
                write!(
                    f,
                    "; use '' for generic code, 'host' for this machine's CPU, or an LLVM CPU name"
                )
            }
            CodegenError::Internal(message) => write!(
                f,
                "internal compiler error (this is a bug in pyaot): {message}"
            ),
        }
    }
}

impl std::error::Error for CodegenError {}

pub(crate) fn internal(message: impl std::fmt::Display) -> CodegenError {
    CodegenError::Internal(message.to_string())
}

/// Compiles the program into an object file holding the kernels, the wrappers and
/// `PyInit_<module_name>`.
pub fn emit_object(
    ast: &Module,
    program: &Program,
    module_name: &str,
    exports: &[Export],
    config: &CodegenConfig,
) -> Result<Vec<u8>, CodegenError> {
    let machine = target::target_machine(&config.target_cpu)?;
    let context = Context::create();
    let module = context.create_module(module_name);
    module.set_triple(&machine.get_triple());
    module.set_data_layout(&machine.get_target_data().get_data_layout());
    let gen = types::Gen::new(&context, &module);
    let kernels = function::emit_kernels(&gen, ast, program)?;
    wrapper::emit_module(&gen, ast, program, &kernels, module_name, exports)?;
    verify(&module)?;
    let options = PassBuilderOptions::create();
    options.set_loop_vectorization(true);
    options.set_loop_slp_vectorization(true);
    options.set_loop_interleaving(true);
    module
        .run_passes("default<O3>", &machine, options)
        .map_err(|e| internal(format!("LLVM pass pipeline failed: {e}")))?;
    if let Some(path) = &config.dump_ir {
        module
            .print_to_file(path)
            .map_err(|e| internal(format!("cannot write IR: {e}")))?;
    }
    let buffer = machine
        .write_to_memory_buffer(&module, inkwell::targets::FileType::Object)
        .map_err(|e| internal(format!("LLVM could not emit the object file: {e}")))?;
    Ok(buffer.as_slice().to_vec())
}

/// Runs LLVM's verifier: a failure is a bug in pyaot, never a user error.
fn verify(module: &LlvmModule<'_>) -> Result<(), CodegenError> {
    module
        .verify()
        .map_err(|e| internal(format!("LLVM module verification failed: {e}")))
}

impl From<inkwell::builder::BuilderError> for CodegenError {
    fn from(e: inkwell::builder::BuilderError) -> Self {
        internal(format!("LLVM builder: {e}"))
    }
}
