//! `pyaot-compile`: compiles the `CC` modules of a Python source file from the command line,
//! without Python (the exports are read from the source's literal `CC(...)` and `@cc.export`).

use std::path::PathBuf;
use std::process::ExitCode;

use pyaot_compiler::{compile, discover_modules, CompileRequest, Config};

const USAGE: &str = "usage: pyaot-compile SOURCE.py [-o DIR] [--ext-suffix SUFFIX] [--target-cpu CPU] [--emit-ir] [-v]";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let mut source = None;
    let mut out_dir = None;
    let mut suffix = ".so".to_string();
    let mut config = Config::default();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-o" | "--output-dir" => out_dir = Some(PathBuf::from(args.next().ok_or(USAGE)?)),
            "--ext-suffix" => suffix = args.next().ok_or(USAGE)?,
            "--target-cpu" => config.target_cpu = args.next().ok_or(USAGE)?,
            "--emit-ir" => config.emit_ir = true,
            "-v" | "--verbose" => config.verbose = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other if other.starts_with('-') => {
                return Err(format!("unknown option {other}\n{USAGE}"))
            }
            other => source = Some(PathBuf::from(other)),
        }
    }
    let source = source.ok_or(USAGE)?;
    let text = std::fs::read_to_string(&source)
        .map_err(|e| format!("cannot read {}: {e}", source.display()))?;
    let path_text = source.display().to_string();
    let module = pyaot_syntax::parse_module(&text, &path_text).map_err(|d| {
        pyaot_diagnostics::render(
            &d,
            &pyaot_diagnostics::SourceFile::new(path_text.clone(), text.clone()),
        )
    })?;
    let found = discover_modules(&module);
    if found.is_empty() {
        return Err(format!(
            "{}: no `CC('name')` object with literal exports found",
            source.display()
        ));
    }
    let out_dir = out_dir.unwrap_or_else(|| source.parent().map(PathBuf::from).unwrap_or_default());
    for m in found {
        let request = CompileRequest {
            output: out_dir.join(format!("{}{suffix}", m.module_name)),
            module_name: m.module_name,
            source_path: source.clone(),
            exports: m.exports,
        };
        let path = compile(&request, &config).map_err(|e| e.message)?;
        println!("{}", path.display());
    }
    Ok(())
}
