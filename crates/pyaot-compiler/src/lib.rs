//! The pyaot compiler driver: a source module and its export list in, a CPython extension module
//! out. Each step is one call into one crate: parse (pyaot-syntax), signatures (pyaot-types),
//! inference (pyaot-infer), codegen (pyaot-codegen), link (pyaot-link).
//!
//! Architecture Invariant: every failure leaves no output file behind and is reported as a
//! [`CompileError`] whose text renders each diagnostic with path, line, column, source line and
//! caret; nothing here panics on user input.

mod discover;

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Instant;

use pyaot_diagnostics::{render, Diagnostic, SourceFile, Span};
use pyaot_infer::RootRequest;
use pyaot_syntax::{ExprKind, FuncId, Module};

pub use discover::{discover_modules, DiscoveredModule};
pub use pyaot_codegen::{known_cpus, TargetCpu};

/// One `@cc.export(exported_name, signature)` on a function of the source module.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ExportRequest {
    pub exported_name: String,
    /// The Python function's name in the source module.
    pub function: String,
    pub signature: String,
    /// CPython's `co_firstlineno` of the function, to pick one of several definitions.
    pub first_line: Option<u32>,
}

/// What to compile.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CompileRequest {
    /// The extension's module name (`PyInit_<module_name>`).
    pub module_name: String,
    pub source_path: PathBuf,
    pub exports: Vec<ExportRequest>,
    /// The shared object to write.
    pub output: PathBuf,
}

/// How to compile.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// '' (generic), 'host', or an LLVM CPU name.
    pub target_cpu: String,
    /// Print each step and its time on stderr.
    pub verbose: bool,
    /// Also write the optimised LLVM IR next to the output (`<output>.ll`).
    pub emit_ir: bool,
}

/// A compile failure, already rendered for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileError {
    pub message: String,
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CompileError {}

fn plain(message: impl Into<String>) -> CompileError {
    CompileError {
        message: message.into(),
    }
}

fn rendered(diagnostics: &[(Diagnostic, SourceFile)]) -> CompileError {
    let mut text = String::new();
    for (i, (d, file)) in diagnostics.iter().enumerate() {
        if i > 0 {
            text.push('\n');
        }
        text.push_str(&render(d, file));
    }
    let n = diagnostics.len();
    text.push_str(&format!(
        "\n{n} error{} found",
        if n == 1 { "" } else { "s" }
    ));
    CompileError { message: text }
}

struct Steps {
    verbose: bool,
}

impl Steps {
    fn time<T>(&self, what: impl FnOnce() -> String, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = f();
        if self.verbose {
            eprintln!(
                "pyaot: {} ({:.1} ms)",
                what(),
                start.elapsed().as_secs_f64() * 1e3
            );
        }
        out
    }
}

/// Parses a signature on its own, rendering any error against the signature text (or against the
/// line `line` of `path` if the signature is written there as a string literal).
pub fn check_signature(
    signature: &str,
    path: Option<&Path>,
    line: Option<u32>,
) -> Result<(), CompileError> {
    match pyaot_types::parse_signature(signature) {
        Ok(_) => Ok(()),
        Err(d) => {
            if let (Some(path), Some(line)) = (path, line) {
                if let Ok(text) = std::fs::read_to_string(path) {
                    if let Some(offset) = literal_on_line(&text, line, signature) {
                        let file = SourceFile::new(path.display().to_string(), text);
                        return Err(rendered(&[(d.shifted(offset), file)]));
                    }
                }
            }
            Err(rendered(&[(d, SourceFile::new("<signature>", signature))]))
        }
    }
}

/// The byte offset of `literal` written as a string literal on 1-based line `line` of `text`.
fn literal_on_line(text: &str, line: u32, literal: &str) -> Option<u32> {
    let start = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1) as usize)
        .map(str::len)
        .sum::<usize>();
    let line_text = text[start..].split('\n').next()?;
    for quote in ["'", "\""] {
        let needle = format!("{quote}{literal}{quote}");
        if let Some(pos) = line_text.find(&needle) {
            return Some((start + pos + 1) as u32);
        }
    }
    None
}

/// Compiles the request into an extension module; returns the path written.
pub fn compile(request: &CompileRequest, config: &Config) -> Result<PathBuf, CompileError> {
    let steps = Steps {
        verbose: config.verbose,
    };
    let total = Instant::now();
    if !is_identifier(&request.module_name) {
        return Err(plain(format!(
            "the extension name must be a plain Python identifier (no dots), not {:?}",
            request.module_name
        )));
    }
    if request.exports.is_empty() {
        return Err(plain(format!(
            "module {}: no function was exported",
            request.module_name
        )));
    }
    let target_cpu = TargetCpu::parse(&config.target_cpu).map_err(|e| plain(e.to_string()))?;
    let path_text = request.source_path.display().to_string();
    let source = std::fs::read_to_string(&request.source_path)
        .map_err(|e| plain(format!("cannot read the source module {path_text}: {e}")))?;
    let file = SourceFile::new(path_text.clone(), source.clone());
    let mut module = steps
        .time(
            || format!("parse {path_text}"),
            || pyaot_syntax::parse_module(&source, &path_text),
        )
        .map_err(|d| rendered(&[(d, file.clone())]))?;
    pyaot_syntax::add_prelude(&mut module);

    let mut errors: Vec<(Diagnostic, SourceFile)> = Vec::new();
    let mut roots = Vec::new();
    let mut seen = std::collections::HashMap::new();
    for export in &request.exports {
        if let Some(previous) = seen.insert(export.exported_name.clone(), export.function.clone()) {
            errors.push((
                Diagnostic::error(
                    "duplicate-export",
                    format!(
                        "`{}` is exported twice: from `{previous}` and from `{}`",
                        export.exported_name, export.function
                    ),
                    Span::default(),
                ),
                file.clone(),
            ));
            continue;
        }
        let Some(func) = find_function(&module, export) else {
            errors.push((
                Diagnostic::error(
                    "undefined-name",
                    format!(
                        "function `{}` is not defined at the top level of {path_text}",
                        export.function
                    ),
                    Span::default(),
                ),
                file.clone(),
            ));
            continue;
        };
        let sig_offset = signature_literal(&module, &source, func, export);
        match pyaot_types::parse_signature(&export.signature) {
            Ok(signature) => roots.push(RootRequest {
                func,
                signature,
                signature_span: sig_offset.map(|o| Span::new(o, o + export.signature.len() as u32)),
            }),
            Err(d) => match sig_offset {
                Some(offset) => errors.push((d.shifted(offset), file.clone())),
                None => errors.push((
                    d,
                    SourceFile::new(
                        format!("<signature of {}>", export.exported_name),
                        export.signature.clone(),
                    ),
                )),
            },
        }
    }
    if !errors.is_empty() {
        return Err(rendered(&errors));
    }
    let (program, diagnostics) = steps.time(
        || format!("infer types of {} exported function(s)", roots.len()),
        || pyaot_infer::infer_program(&module, &roots),
    );
    if !diagnostics.is_empty() {
        let with_file: Vec<_> = diagnostics.into_iter().map(|d| (d, file.clone())).collect();
        return Err(rendered(&with_file));
    }
    let (program, contiguous) = steps.time(
        || "specialise functions taking 'A'-layout arrays for contiguous arguments".to_string(),
        || with_contiguous_variants(&module, &roots, program),
    );
    let exports: Vec<pyaot_codegen::Export> = request
        .exports
        .iter()
        .zip(&program.roots)
        .zip(contiguous)
        .map(|((e, root), contiguous_root)| pyaot_codegen::Export {
            name: e.exported_name.clone(),
            root: *root,
            params: module
                .function(program.instance(*root).func)
                .params
                .iter()
                .map(|p| p.name.clone())
                .collect(),
            contiguous_root,
            defaults: {
                let func = module.function(program.instance(*root).func);
                // Only trailing constant defaults count; a non-constant one makes the parameter
                // (and every one before it) required.
                let mut defaults: Vec<Option<pyaot_infer::Const>> = func
                    .params
                    .iter()
                    .map(|p| {
                        p.default
                            .and_then(|d| pyaot_infer::eval_const(&module, d, 0))
                    })
                    .collect();
                if let Some(last_required) = defaults.iter().rposition(Option::is_none) {
                    for d in &mut defaults[..last_required] {
                        *d = None;
                    }
                }
                defaults
            },
        })
        .collect();
    let codegen_config = pyaot_codegen::CodegenConfig {
        target_cpu: config.target_cpu.clone(),
        dump_ir: config.emit_ir.then(|| request.output.with_extension("ll")),
    };
    let object = steps
        .time(
            || {
                format!(
                    "generate code with LLVM at O3 for {target_cpu:?} ({} instance(s))",
                    program.instances.len()
                )
            },
            || {
                pyaot_codegen::emit_object(
                    &module,
                    &program,
                    &request.module_name,
                    &exports,
                    &codegen_config,
                )
            },
        )
        .map_err(|e| plain(e.to_string()))?;
    let temp = TempDir::new(&request.module_name)
        .map_err(|e| plain(format!("cannot create a temporary folder: {e}")))?;
    let kernel_obj = temp.path.join(format!("{}.o", request.module_name));
    let runtime_obj = temp.path.join("pyaot_runtime.o");
    std::fs::write(&kernel_obj, &object)
        .map_err(|e| plain(format!("cannot write {}: {e}", kernel_obj.display())))?;
    std::fs::write(&runtime_obj, pyaot_codegen::RUNTIME_OBJECT)
        .map_err(|e| plain(format!("cannot write {}: {e}", runtime_obj.display())))?;
    steps
        .time(
            || format!("link {}", request.output.display()),
            || {
                pyaot_link::link_extension(
                    &[kernel_obj.clone(), runtime_obj.clone()],
                    &request.output,
                )
            },
        )
        .map_err(|e| plain(e.to_string()))?;
    if config.verbose {
        eprintln!(
            "pyaot: compiled module {}: {} function(s) in {:.1} ms",
            request.module_name,
            request.exports.len(),
            total.elapsed().as_secs_f64() * 1e3
        );
    }
    Ok(request.output.clone())
}

/// Adds, for every root with 'A'-layout array parameters, a variant typed with those parameters
/// C-contiguous (the wrapper picks it at run time when the arguments are contiguous). The variants
/// are dropped if they do not type-check exactly like the originals.
fn with_contiguous_variants(
    module: &Module,
    roots: &[RootRequest],
    program: pyaot_infer::Program,
) -> (pyaot_infer::Program, Vec<Option<pyaot_infer::InstanceId>>) {
    let as_contiguous = |t: &pyaot_types::Type| match t {
        pyaot_types::Type::Array {
            dtype,
            ndim,
            layout: pyaot_types::Layout::A,
        } => pyaot_types::Type::array(*dtype, *ndim, pyaot_types::Layout::C),
        other => other.clone(),
    };
    let mut all = roots.to_vec();
    let mut variant_of = Vec::new();
    for root in roots {
        if root.signature.args.iter().any(|t| {
            matches!(
                t,
                pyaot_types::Type::Array {
                    layout: pyaot_types::Layout::A,
                    ..
                }
            )
        }) {
            let mut variant = root.clone();
            variant.signature.args = root.signature.args.iter().map(as_contiguous).collect();
            variant_of.push(Some(all.len()));
            all.push(variant);
        } else {
            variant_of.push(None);
        }
    }
    if all.len() == roots.len() {
        return (program, vec![None; roots.len()]);
    }
    let (extended, diagnostics) = pyaot_infer::infer_program(module, &all);
    if !diagnostics.is_empty() {
        return (program, vec![None; roots.len()]);
    }
    // The variant's result is boxed by the original's wrapper: only layouts may differ.
    let same_shape =
        |a: &pyaot_types::Type, b: &pyaot_types::Type| strip_layouts(a) == strip_layouts(b);
    let ids = variant_of
        .iter()
        .enumerate()
        .map(|(i, v)| {
            v.map(|k| extended.roots[k]).filter(|id| {
                same_shape(
                    &extended.instance(*id).ret,
                    &extended.instance(extended.roots[i]).ret,
                )
            })
        })
        .collect();
    (extended, ids)
}

fn strip_layouts(t: &pyaot_types::Type) -> pyaot_types::Type {
    match t {
        pyaot_types::Type::Array { dtype, ndim, .. } => {
            pyaot_types::Type::array(*dtype, *ndim, pyaot_types::Layout::A)
        }
        pyaot_types::Type::Tuple(items) => {
            pyaot_types::Type::Tuple(items.iter().map(strip_layouts).collect())
        }
        other => other.clone(),
    }
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c == '_' || c.is_alphabetic())
        && chars.all(|c| c == '_' || c.is_alphanumeric())
}

/// The top-level function an export names; several definitions of one name are told apart by
/// their first line, else the last one wins, as in Python.
fn find_function(module: &Module, export: &ExportRequest) -> Option<FuncId> {
    let candidates: Vec<FuncId> = module.functions_named(&export.function).collect();
    if let Some(line) = export.first_line {
        if let Some(f) = candidates
            .iter()
            .find(|f| module.function(**f).first_line == line)
        {
            return Some(*f);
        }
    }
    candidates.last().copied()
}

/// Where the signature's text starts in the source, if the function carries a decorator
/// `@<x>.export('<exported_name>', '<signature>')` written with plain string literals.
fn signature_literal(
    module: &Module,
    source: &str,
    func: FuncId,
    export: &ExportRequest,
) -> Option<u32> {
    for &dec in &module.function(func).decorators {
        let ExprKind::Call { args, .. } = &module.expr(dec).kind else {
            continue;
        };
        let [name, sig] = args.as_slice() else {
            continue;
        };
        let (ExprKind::Str(n), ExprKind::Str(s)) =
            (&module.expr(*name).kind, &module.expr(*sig).kind)
        else {
            continue;
        };
        if *n != export.exported_name || *s != export.signature {
            continue;
        }
        let span = module.expr(*sig).span;
        let literal = source.get(span.start as usize..span.end as usize)?;
        let quote = literal.find(['\'', '"'])?;
        let content = span.start as usize + quote + 1;
        if source.get(content..content + s.len()) == Some(s.as_str()) {
            return Some(content as u32);
        }
    }
    None
}

/// A temporary folder removed on drop.
struct TempDir {
    path: PathBuf,
}

impl TempDir {
    fn new(tag: &str) -> std::io::Result<TempDir> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let path = std::env::temp_dir().join(format!("pyaot-{tag}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&path)?;
        Ok(TempDir { path })
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}
