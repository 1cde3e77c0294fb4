//! `pyaot._native`: the thin pyo3 layer between the Python package and pyaot-compiler. It converts
//! arguments, releases the GIL while compiling, and maps `CompileError` to
//! `pyaot._native.CompileError`; all logic lives in the Rust crates.

use std::path::PathBuf;

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;

create_exception!(
    _native,
    CompileError,
    PyException,
    "A pyaot compile error; str(e) is the rendered diagnostics."
);

/// Compiles `exports` (tuples of exported name, function name, signature, co_firstlineno) of the
/// source module at `source_path` into the extension module `output_path`.
#[pyfunction]
#[pyo3(signature = (module_name, source_path, exports, output_path, target_cpu = String::new(), verbose = false))]
fn compile_module(
    py: Python<'_>,
    module_name: String,
    source_path: PathBuf,
    exports: Vec<(String, String, String, Option<u32>)>,
    output_path: PathBuf,
    target_cpu: String,
    verbose: bool,
) -> PyResult<String> {
    let request = pyaot_compiler::CompileRequest {
        module_name,
        source_path,
        exports: exports
            .into_iter()
            .map(
                |(exported_name, function, signature, first_line)| pyaot_compiler::ExportRequest {
                    exported_name,
                    function,
                    signature,
                    first_line,
                },
            )
            .collect(),
        output: output_path,
    };
    let config = pyaot_compiler::Config {
        target_cpu,
        verbose,
        emit_ir: false,
    };
    let result = py.detach(|| pyaot_compiler::compile(&request, &config));
    match result {
        Ok(path) => Ok(path.display().to_string()),
        Err(e) => Err(CompileError::new_err(e.message)),
    }
}

/// Parses a Numba signature string now, raising CompileError with a caret at the offending
/// character (pointing into `path` at `line` when the string is written there).
#[pyfunction]
#[pyo3(signature = (signature, path = None, line = None))]
fn check_signature(signature: &str, path: Option<PathBuf>, line: Option<u32>) -> PyResult<()> {
    pyaot_compiler::check_signature(signature, path.as_deref(), line)
        .map_err(|e| CompileError::new_err(e.message))
}

/// Checks a `target_cpu` setting: '' (generic), 'host', or a CPU name LLVM knows.
#[pyfunction]
fn check_target_cpu(cpu: &str) -> PyResult<()> {
    pyaot_compiler::TargetCpu::parse(cpu)
        .map(|_| ())
        .map_err(|e| CompileError::new_err(e.to_string()))
}

/// Reads the `CC('name')` objects of a source file and their literal `@cc.export(...)`s without
/// running it: a list of `(module_name, [(exported_name, function, signature, first_line)])`.
#[pyfunction]
#[allow(clippy::type_complexity)]
fn discover_modules(path: PathBuf) -> PyResult<Vec<(String, Vec<(String, String, String, Option<u32>)>)>> {
    let text = std::fs::read_to_string(&path)
        .map_err(|e| CompileError::new_err(format!("cannot read {}: {e}", path.display())))?;
    let shown = path.display().to_string();
    let module = pyaot_syntax::parse_module(&text, &shown).map_err(|d| {
        CompileError::new_err(pyaot_diagnostics::render(&d, &pyaot_diagnostics::SourceFile::new(shown.clone(), text.clone())))
    })?;
    Ok(pyaot_compiler::discover_modules(&module)
        .into_iter()
        .map(|m| {
            let exports = m.exports.into_iter().map(|e| (e.exported_name, e.function, e.signature, e.first_line)).collect();
            (m.module_name, exports)
        })
        .collect())
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("CompileError", m.py().get_type::<CompileError>())?;
    m.add_function(wrap_pyfunction!(compile_module, m)?)?;
    m.add_function(wrap_pyfunction!(check_signature, m)?)?;
    m.add_function(wrap_pyfunction!(check_target_cpu, m)?)?;
    m.add_function(wrap_pyfunction!(discover_modules, m)?)?;
    Ok(())
}
