//! Links object files into a CPython extension module (a shared object) with the system C
//! toolchain, found as the `cc` crate finds it: `$CC` first, then the platform's default. `$LDFLAGS`
//! is honoured. The output appears atomically: it is linked to a temporary name and renamed.
//!
//! Architecture Invariant: this is the only crate that runs the system toolchain or knows
//! platform linker flags.

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Debug)]
pub struct LinkError {
    pub message: String,
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for LinkError {}

fn error(message: impl Into<String>) -> LinkError {
    LinkError {
        message: message.into(),
    }
}

/// The C compiler driver used as linker, with the flags `cc` derives from the environment.
fn linker_command() -> Command {
    let triple = target_lexicon::Triple::host().to_string();
    let tool = cc::Build::new()
        .target(&triple)
        .host(&triple)
        .opt_level(2)
        .cargo_metadata(false)
        .cargo_warnings(false)
        .cargo_output(false)
        .get_compiler();
    // Only the driver itself: compile flags such as -ffunction-sections do not matter here.
    let mut cmd = Command::new(tool.path());
    for arg in tool.args() {
        let arg = arg.to_string_lossy();
        if arg.starts_with("-m") || arg == "-fPIC" {
            cmd.arg(arg.as_ref());
        }
    }
    cmd
}

/// Links `objects` into the shared object `output` (replacing it atomically).
pub fn link_extension(objects: &[PathBuf], output: &Path) -> Result<(), LinkError> {
    let dir = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)
        .map_err(|e| error(format!("cannot create {}: {e}", dir.display())))?;
    let file_name = output
        .file_name()
        .ok_or_else(|| error(format!("bad output path {}", output.display())))?;
    let temp = dir.join(format!(
        ".{}.{}.tmp",
        file_name.to_string_lossy(),
        std::process::id()
    ));
    let mut cmd = linker_command();
    cmd.arg("-shared").args(objects).arg("-o").arg(&temp);
    // Drop unused sections and symbols: the module exports only PyInit_<name>.
    cmd.args(["-Wl,--gc-sections", "-Wl,-O1", "-Wl,--as-needed", "-s"]);
    if let Ok(ldflags) = std::env::var("LDFLAGS") {
        cmd.args(ldflags.split_whitespace());
    }
    cmd.arg("-lm");
    let out = cmd
        .output()
        .map_err(|e| error(format!("cannot run the C compiler to link ({cmd:?}): {e}")))?;
    if !out.status.success() {
        let _ = std::fs::remove_file(&temp);
        return Err(error(format!(
            "linking {} failed ({cmd:?}):\n{}",
            output.display(),
            String::from_utf8_lossy(&out.stderr)
        )));
    }
    std::fs::rename(&temp, output).map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        error(format!(
            "cannot move the linked module to {}: {e}",
            output.display()
        ))
    })
}
