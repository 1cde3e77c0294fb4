//! `pyaot._native`: the thin pyo3 layer between the Python package and pyaot-compiler and
//! pyaot-build. It converts
//! arguments, releases the GIL while compiling, and maps `CompileError` to
//! `pyaot._native.CompileError`; all logic lives in the Rust crates.

use std::path::PathBuf;

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;

create_exception!(
    pyaot,
    CompileError,
    PyException,
    "A pyaot compile error; str(e) is the rendered diagnostics."
);

create_exception!(
    pyaot,
    BuildError,
    PyException,
    "A pyaot build-backend error; str(e) is the rendered message."
);

fn python_target(
    python: &std::collections::HashMap<String, String>,
) -> PyResult<pyaot_build::PythonTarget> {
    let get = |key: &str| {
        python.get(key).cloned().ok_or_else(|| {
            pyo3::exceptions::PyKeyError::new_err(format!("python target is missing `{key}`"))
        })
    };
    Ok(pyaot_build::PythonTarget {
        executable: PathBuf::from(get("executable")?),
        ext_suffix: get("ext_suffix")?,
        python_tag: get("python_tag")?,
        abi_tag: get("abi_tag")?,
        platform_tag: get("platform_tag")?,
        arch: get("arch")?,
    })
}

fn settings(entries: Vec<(String, String)>) -> pyaot_build::project::ConfigSettings {
    pyaot_build::project::ConfigSettings { entries }
}

/// PEP 517/660 build_wheel and build_editable: returns the wheel's file name.
#[pyfunction]
fn build_wheel(
    py: Python<'_>,
    project_dir: PathBuf,
    wheel_dir: PathBuf,
    config_settings: Vec<(String, String)>,
    python: std::collections::HashMap<String, String>,
    editable: bool,
) -> PyResult<String> {
    let target = python_target(&python)?;
    let settings = settings(config_settings);
    let result = py.detach(|| {
        if editable {
            pyaot_build::build_editable(&project_dir, &wheel_dir, &settings, &target)
        } else {
            pyaot_build::build_wheel(&project_dir, &wheel_dir, &settings, &target)
        }
    });
    result.map_err(|e| BuildError::new_err(e.message))
}

/// PEP 517 build_sdist: returns the sdist's file name.
#[pyfunction]
fn build_sdist(
    py: Python<'_>,
    project_dir: PathBuf,
    sdist_dir: PathBuf,
    config_settings: Vec<(String, String)>,
) -> PyResult<String> {
    let settings = settings(config_settings);
    py.detach(|| pyaot_build::build_sdist(&project_dir, &sdist_dir, &settings))
        .map_err(|e| BuildError::new_err(e.message))
}

/// PEP 517 prepare_metadata_for_build_wheel/_editable: returns the .dist-info folder's name.
#[pyfunction]
fn prepare_metadata(
    project_dir: PathBuf,
    metadata_dir: PathBuf,
    config_settings: Vec<(String, String)>,
    python: std::collections::HashMap<String, String>,
    editable: bool,
) -> PyResult<String> {
    let target = python_target(&python)?;
    pyaot_build::prepare_metadata(
        &project_dir,
        &metadata_dir,
        &settings(config_settings),
        &target,
        editable,
    )
    .map_err(|e| BuildError::new_err(e.message))
}

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
fn discover_modules(
    path: PathBuf,
) -> PyResult<Vec<(String, Vec<(String, String, String, Option<u32>)>)>> {
    let text = std::fs::read_to_string(&path)
        .map_err(|e| CompileError::new_err(format!("cannot read {}: {e}", path.display())))?;
    let shown = path.display().to_string();
    let module = pyaot_syntax::parse_module(&text, &shown).map_err(|d| {
        CompileError::new_err(pyaot_diagnostics::render(
            &d,
            &pyaot_diagnostics::SourceFile::new(shown.clone(), text.clone()),
        ))
    })?;
    Ok(pyaot_compiler::discover_modules(&module)
        .into_iter()
        .map(|m| {
            let exports = m
                .exports
                .into_iter()
                .map(|e| (e.exported_name, e.function, e.signature, e.first_line))
                .collect();
            (m.module_name, exports)
        })
        .collect())
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("CompileError", m.py().get_type::<CompileError>())?;
    m.add("BuildError", m.py().get_type::<BuildError>())?;
    m.add_function(wrap_pyfunction!(build_wheel, m)?)?;
    m.add_function(wrap_pyfunction!(build_sdist, m)?)?;
    m.add_function(wrap_pyfunction!(prepare_metadata, m)?)?;
    m.add_function(wrap_pyfunction!(compile_module, m)?)?;
    m.add_function(wrap_pyfunction!(check_signature, m)?)?;
    m.add_function(wrap_pyfunction!(check_target_cpu, m)?)?;
    m.add_function(wrap_pyfunction!(discover_modules, m)?)?;
    Ok(())
}
