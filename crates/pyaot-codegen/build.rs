//! Compiles the C runtime (`runtime/pyaot_runtime.c`) that every generated extension module
//! links, into `$OUT_DIR/pyaot_runtime.o`, which `src/runtime.rs` embeds.
//!
//! The object is compiled but not archived or linked into this crate: it is data for the
//! compiler, written out next to each generated module's object at link time. It needs only the
//! CPython headers of the interpreter named by `PYO3_PYTHON` (else `PYTHON_SYS_EXECUTABLE`, else
//! `python3`); it is written against the limited API of CPython 3.10, so the headers' minor
//! version does not matter, and NumPy is not needed to build it.

use std::env;
use std::fs;
use std::path::PathBuf;
use std::process::{self, Command};

const RUNTIME_SOURCE: &str = "runtime/pyaot_runtime.c";
const RUNTIME_HEADER: &str = "runtime/pyaot_runtime.h";

fn main() {
    println!("cargo:rerun-if-changed={RUNTIME_SOURCE}");
    println!("cargo:rerun-if-changed={RUNTIME_HEADER}");
    println!("cargo:rerun-if-env-changed=PYO3_PYTHON");
    println!("cargo:rerun-if-env-changed=PYTHON_SYS_EXECUTABLE");

    let python_include = python_include_dir().unwrap_or_else(|message| fail(&message));
    let out_dir =
        PathBuf::from(env::var_os("OUT_DIR").unwrap_or_else(|| fail("OUT_DIR is not set")));

    // Debug info is left out whatever the profile: the object is copied into every generated
    // module, and its size matters more there than line tables for the runtime.
    let objects = cc::Build::new()
        .file(RUNTIME_SOURCE)
        .include(&python_include)
        .flag("-fvisibility=hidden")
        .pic(true)
        .opt_level(2)
        .debug(false)
        .warnings(true)
        .extra_warnings(true)
        .compile_intermediates();
    let [object] = objects.as_slice() else {
        fail(&format!(
            "expected one object from {RUNTIME_SOURCE}, the C compiler produced {objects:?}"
        ))
    };
    let destination = out_dir.join("pyaot_runtime.o");
    if let Err(error) = fs::copy(object, &destination) {
        fail(&format!(
            "cannot copy {} to {}: {error}",
            object.display(),
            destination.display()
        ));
    }
}

/// The CPython include directory, from `sysconfig` of the configured interpreter.
fn python_include_dir() -> Result<PathBuf, String> {
    let python = env::var("PYO3_PYTHON")
        .or_else(|_| env::var("PYTHON_SYS_EXECUTABLE"))
        .unwrap_or_else(|_| "python3".to_owned());
    let output = Command::new(&python)
        .args([
            "-c",
            "import sysconfig; print(sysconfig.get_paths()['include'])",
        ])
        .output()
        .map_err(|error| format!("cannot run the Python interpreter `{python}`: {error}"))?;
    if !output.status.success() {
        return Err(format!(
            "`{python}` failed to report its include directory ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    let include = PathBuf::from(String::from_utf8_lossy(&output.stdout).trim());
    if !include.join("Python.h").is_file() {
        return Err(format!(
            "`{python}` reports the include directory {}, which has no Python.h; install the \
             CPython development headers (e.g. python3-dev)",
            include.display()
        ));
    }
    Ok(include)
}

fn fail(message: &str) -> ! {
    eprintln!(
        "error: cannot build pyaot's C runtime: {message}\n\
         Set PYO3_PYTHON to a Python 3.10+ interpreter that has its development headers."
    );
    process::exit(1);
}
