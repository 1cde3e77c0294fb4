//! The build backend proper: the PEP 517/660 hooks as Rust functions. A wheel build loads the
//! project, discovers its `CC` modules, compiles them in parallel with pyaot-compiler, and packs
//! them with the project's Python files; an sdist packs the sources; an editable wheel points the
//! interpreter at the tree and installs pyaot's rebuild-on-import hook.

use std::path::{Path, PathBuf};
use std::time::Instant;

use pyaot_compiler::{CompileRequest, Config, ExportRequest};

use crate::metadata::{core_metadata, entry_points_txt};
use crate::project::{load_project, sdist_files, wheel_python_files, ConfigSettings, Project};
use crate::wheel::{write_dist_info_dir, WheelWriter};
use crate::BuildError;

/// Facts about the interpreter the wheel is for, supplied by the Python side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PythonTarget {
    pub executable: PathBuf,
    /// `sysconfig.get_config_var("EXT_SUFFIX")`, e.g. `.cpython-311-x86_64-linux-gnu.so`.
    pub ext_suffix: String,
    /// `cp311`.
    pub python_tag: String,
    /// `cp311`.
    pub abi_tag: String,
    /// `sysconfig.get_platform()` made a tag: `linux_x86_64`.
    pub platform_tag: String,
    /// `platform.machine()`: `x86_64`.
    pub arch: String,
}

/// One `CC` object of the project, to be compiled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CcModule {
    /// The source file, relative to the project root (`src/pkg/_kernels.py`).
    pub source: String,
    /// The extension's path inside the wheel (`pkg/kernels.cpython-311-x86_64-linux-gnu.so`).
    pub wheel_path: String,
    /// The importable name (`pkg.kernels`).
    pub fullname: String,
    pub module_name: String,
    pub exports: Vec<ExportRequest>,
}

struct Log {
    verbose: bool,
}

impl Log {
    fn step(&self, message: impl FnOnce() -> String) {
        if self.verbose {
            eprintln!("pyaot: {}", message());
        }
    }
}

fn tag(target: &PythonTarget, platform: &str) -> String {
    format!("{}-{}-{}", target.python_tag, target.abi_tag, platform)
}

fn license_files(project: &Project) -> Result<Vec<(String, Vec<u8>)>, BuildError> {
    project
        .license_files
        .iter()
        .map(|rel| {
            std::fs::read(project.root.join(rel))
                .map(|data| (rel.clone(), data))
                .map_err(|e| BuildError::new(format!("cannot read license file {rel}: {e}")))
        })
        .collect()
}

/// PEP 517 `build_wheel`: returns the wheel's file name (in `wheel_dir`).
pub fn build_wheel(
    root: &Path,
    wheel_dir: &Path,
    settings: &ConfigSettings,
    target: &PythonTarget,
) -> Result<String, BuildError> {
    let start = Instant::now();
    let project = load_project(root, settings)?;
    let log = Log {
        verbose: project.tool.verbose,
    };
    let modules = discover(&project, target, &log)?;
    let build_dir = TempDir::new("wheel")?;
    let outputs = compile_all(&project, &modules, build_dir.path(), &log)?;
    let platform = match crate::elf::manylinux_platform(&outputs, &target.arch)? {
        Some(p) if !outputs.is_empty() => p,
        _ => target.platform_tag.clone(),
    };
    let tag = tag(target, &platform);
    log.step(|| {
        format!(
            "pack wheel {}-{}-{tag}.whl",
            project.dist_name, project.version
        )
    });
    std::fs::create_dir_all(wheel_dir)
        .map_err(|e| BuildError::new(format!("cannot create {}: {e}", wheel_dir.display())))?;
    let mut wheel = WheelWriter::new(
        wheel_dir,
        &project.dist_name,
        &project.version.to_string(),
        &tag,
    )?;
    let cc_sources: Vec<&str> = modules.iter().map(|m| m.source.as_str()).collect();
    for (in_wheel, rel) in wheel_python_files(&project)? {
        if !project.tool.ship_sources && cc_sources.contains(&rel.as_str()) {
            continue;
        }
        wheel.add_file(&in_wheel, &project.root.join(&rel))?;
    }
    for (module, output) in modules.iter().zip(&outputs) {
        wheel.add_file(&module.wheel_path, output)?;
    }
    let name = wheel.finish(
        &core_metadata(&project),
        entry_points_txt(&project).as_deref(),
        &license_files(&project)?,
    )?;
    log.step(|| {
        format!(
            "built {name} in {:.0} ms",
            start.elapsed().as_secs_f64() * 1e3
        )
    });
    Ok(name)
}

/// PEP 660 `build_editable`: a wheel holding a `.pth` file that puts the project's Python roots
/// on `sys.path` and installs pyaot's import hook, which rebuilds a compiled module when its
/// source changed. The extensions are built in place, beside their sources.
pub fn build_editable(
    root: &Path,
    wheel_dir: &Path,
    settings: &ConfigSettings,
    target: &PythonTarget,
) -> Result<String, BuildError> {
    let project = load_project(root, settings)?;
    let log = Log {
        verbose: project.tool.verbose,
    };
    let root_abs = project
        .root
        .canonicalize()
        .map_err(|e| BuildError::new(format!("cannot resolve {}: {e}", root.display())))?;
    let modules = discover(&project, target, &log)?;
    let python_root = root_abs.join(&project.tool.python_source);
    // Built in place: the module imports from the tree even without the hook.
    let mut in_place = Vec::new();
    for module in &modules {
        in_place.push(python_root.join(&module.wheel_path));
    }
    compile_to(&project, &modules, &in_place, &log)?;
    let tag = tag(target, &target.platform_tag);
    let mut wheel = WheelWriter::new(
        wheel_dir,
        &project.dist_name,
        &project.version.to_string(),
        &tag,
    )?;
    let pth = editable_pth(&project, &python_root, &modules, &in_place);
    wheel.add_bytes(
        &format!("_pyaot_editable_{}.pth", project.dist_name),
        pth.as_bytes(),
        false,
    )?;
    let metadata = with_requirement(&core_metadata(&project), "pyaot");
    wheel.finish(
        &metadata,
        entry_points_txt(&project).as_deref(),
        &license_files(&project)?,
    )
}

/// The `.pth` line: Python literals only, so that it runs in any environment with pyaot.
fn editable_pth(
    project: &Project,
    python_root: &Path,
    modules: &[CcModule],
    outputs: &[PathBuf],
) -> String {
    let py_str = |s: &str| format!("{s:?}");
    let module_dicts: Vec<String> = modules
        .iter()
        .zip(outputs)
        .map(|(m, out)| {
            let exports: Vec<String> = m
                .exports
                .iter()
                .map(|e| {
                    let line = e.first_line.map_or("None".to_string(), |l| l.to_string());
                    format!("[{}, {}, {}, {line}]", py_str(&e.exported_name), py_str(&e.function), py_str(&e.signature))
                })
                .collect();
            format!(
                "{{\"fullname\": {}, \"source\": {}, \"cc_name\": {}, \"exports\": [{}], \"output\": {}, \"target_cpu\": {}}}",
                py_str(&m.fullname),
                py_str(&project.root.join(&m.source).canonicalize().unwrap_or_else(|_| project.root.join(&m.source)).display().to_string()),
                py_str(&m.module_name),
                exports.join(", "),
                py_str(&out.display().to_string()),
                py_str(&project.tool.target_cpu),
            )
        })
        .collect();
    let rebuild = if project.tool.editable_rebuild {
        "True"
    } else {
        "False"
    };
    format!(
        "import pyaot._editable as _pyaot_editable; _pyaot_editable.install({}, [{}], [{}], rebuild={rebuild})\n",
        py_str(&project.root.canonicalize().unwrap_or_else(|_| project.root.clone()).display().to_string()),
        py_str(&python_root.display().to_string()),
        module_dicts.join(", ")
    )
}

/// Adds `Requires-Dist: <req>` to a METADATA text (editable installs need pyaot at run time).
fn with_requirement(metadata: &str, requirement: &str) -> String {
    let (headers, body) = match metadata.find("\n\n") {
        Some(i) => (&metadata[..=i], &metadata[i + 1..]),
        None => (metadata, ""),
    };
    format!("{headers}Requires-Dist: {requirement}\n{body}")
}

/// PEP 517 `build_sdist`: returns the sdist's file name (in `sdist_dir`).
pub fn build_sdist(
    root: &Path,
    sdist_dir: &Path,
    settings: &ConfigSettings,
) -> Result<String, BuildError> {
    let project = load_project(root, settings)?;
    let log = Log {
        verbose: project.tool.verbose,
    };
    let files = sdist_files(&project)?;
    log.step(|| format!("pack sdist: {} file(s)", files.len()));
    std::fs::create_dir_all(sdist_dir)
        .map_err(|e| BuildError::new(format!("cannot create {}: {e}", sdist_dir.display())))?;
    crate::sdist::write_sdist(
        sdist_dir,
        &project.dist_name,
        &project.version.to_string(),
        &core_metadata(&project),
        &project.root,
        &files,
    )
}

/// PEP 517 `prepare_metadata_for_build_wheel` (and `_editable`): the .dist-info folder, without
/// compiling anything. Returns the folder's name.
pub fn prepare_metadata(
    root: &Path,
    metadata_dir: &Path,
    settings: &ConfigSettings,
    target: &PythonTarget,
    editable: bool,
) -> Result<String, BuildError> {
    let project = load_project(root, settings)?;
    let mut metadata = core_metadata(&project);
    if editable {
        metadata = with_requirement(&metadata, "pyaot");
    }
    write_dist_info_dir(
        metadata_dir,
        &project.dist_name,
        &project.version.to_string(),
        &tag(target, &target.platform_tag),
        &metadata,
        entry_points_txt(&project).as_deref(),
        &license_files(&project)?,
    )
}

/// The project's `CC` modules: `[tool.pyaot] modules` if given, else every Python file of the
/// project's packages that mentions `CC(`. Literal names and exports are read from the source;
/// a module whose CC name or exports are computed is imported in a subprocess instead.
fn discover(
    project: &Project,
    target: &PythonTarget,
    log: &Log,
) -> Result<Vec<CcModule>, BuildError> {
    let start = Instant::now();
    let candidates: Vec<String> = match &project.tool.modules {
        Some(modules) => {
            for m in modules {
                if !project.root.join(m).is_file() {
                    return Err(BuildError::new(format!(
                        "{}: tool.pyaot.modules names `{m}`, which does not exist",
                        project.root.join("pyproject.toml").display()
                    )));
                }
            }
            modules.clone()
        }
        None => wheel_python_files(project)?
            .into_iter()
            .map(|(_, rel)| rel)
            .filter(|rel| rel.ends_with(".py"))
            .filter(|rel| {
                std::fs::read_to_string(project.root.join(rel)).is_ok_and(|t| t.contains("CC("))
            })
            .collect(),
    };
    let mut found = Vec::new();
    for rel in candidates {
        let path = project.root.join(&rel);
        let text = std::fs::read_to_string(&path)
            .map_err(|e| BuildError::new(format!("cannot read {rel}: {e}")))?;
        let parsed = pyaot_syntax::parse_module(&text, &rel).map_err(|d| {
            BuildError::new(pyaot_diagnostics::render(
                &d,
                &pyaot_diagnostics::SourceFile::new(rel.clone(), text.clone()),
            ))
        })?;
        let mut literal = pyaot_compiler::discover_modules(&parsed);
        literal.retain(|m| !m.exports.is_empty());
        let modules: Vec<(String, Vec<ExportRequest>)> = if literal.is_empty() {
            import_and_discover(&path, target)?
        } else {
            literal
                .into_iter()
                .map(|m| (m.module_name, m.exports))
                .collect()
        };
        let package_dir = package_dir_of(project, &rel);
        for (module_name, exports) in modules {
            let wheel_path = if package_dir.is_empty() {
                format!("{module_name}{}", target.ext_suffix)
            } else {
                format!("{package_dir}/{module_name}{}", target.ext_suffix)
            };
            let fullname = if package_dir.is_empty() {
                module_name.clone()
            } else {
                format!("{}.{module_name}", package_dir.replace('/', "."))
            };
            found.push(CcModule {
                source: rel.clone(),
                wheel_path,
                fullname,
                module_name,
                exports,
            });
        }
    }
    log.step(|| {
        format!(
            "discover: {} compiled module(s) in {:.1} ms",
            found.len(),
            start.elapsed().as_secs_f64() * 1e3
        )
    });
    Ok(found)
}

/// The package folder of a source file, relative to the Python source root (`pkg` for
/// `src/pkg/_kernels.py`).
fn package_dir_of(project: &Project, rel: &str) -> String {
    let source_root = project.tool.python_source.trim_end_matches('/');
    let inside = if source_root.is_empty() {
        rel
    } else {
        rel.strip_prefix(source_root)
            .map(|r| r.trim_start_matches('/'))
            .unwrap_or(rel)
    };
    match inside.rfind('/') {
        Some(i) => inside[..i].to_string(),
        None => String::new(),
    }
}

/// Runs a module whose CC objects are computed, with a patched `pyaot.cc.CC` that records what
/// is created, and reads the exports back as JSON.
fn import_and_discover(
    path: &Path,
    target: &PythonTarget,
) -> Result<Vec<(String, Vec<ExportRequest>)>, BuildError> {
    const SCRIPT: &str = r#"
import json, runpy, sys
import pyaot.cc as m
created = []
original = m.CC.__init__
def init(self, *args, **kwargs):
    original(self, *args, **kwargs)
    created.append(self)
m.CC.__init__ = init
runpy.run_path(sys.argv[1], run_name="__pyaot_discover__")
out = []
for cc in created:
    exports = [[e.name, e.func.__name__, e.signature, e.func.__code__.co_firstlineno] for e in cc._exports.values()]
    out.append([cc.name, exports])
print("PYAOT-DISCOVER " + json.dumps(out))
"#;
    let out = std::process::Command::new(&target.executable)
        .arg("-c")
        .arg(SCRIPT)
        .arg(path)
        .output()
        .map_err(|e| {
            BuildError::new(format!(
                "cannot run {} to import {}: {e}",
                target.executable.display(),
                path.display()
            ))
        })?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout
        .lines()
        .find_map(|l| l.strip_prefix("PYAOT-DISCOVER "));
    let (Some(line), true) = (line, out.status.success()) else {
        return Err(BuildError::new(format!(
            "{} mentions CC( but its CC objects could not be read from the source, and importing it failed:\n{}",
            path.display(),
            String::from_utf8_lossy(&out.stderr)
        )));
    };
    parse_discovery_json(line).ok_or_else(|| {
        BuildError::new(format!(
            "unreadable discovery output for {}: {line}",
            path.display()
        ))
    })
}

/// Parses `[[name, [[exported, function, signature, line], ...]], ...]`.
fn parse_discovery_json(text: &str) -> Option<Vec<(String, Vec<ExportRequest>)>> {
    type Raw = Vec<(String, Vec<(String, String, String, Option<u32>)>)>;
    let raw: Raw = serde_json::from_str(text).ok()?;
    Some(
        raw.into_iter()
            .map(|(name, exports)| {
                let exports = exports
                    .into_iter()
                    .map(
                        |(exported_name, function, signature, first_line)| ExportRequest {
                            exported_name,
                            function,
                            signature,
                            first_line,
                        },
                    )
                    .collect();
                (name, exports)
            })
            .collect(),
    )
}

fn compile_all(
    project: &Project,
    modules: &[CcModule],
    build_dir: &Path,
    log: &Log,
) -> Result<Vec<PathBuf>, BuildError> {
    let outputs: Vec<PathBuf> = modules
        .iter()
        .map(|m| build_dir.join(&m.wheel_path))
        .collect();
    compile_to(project, modules, &outputs, log)?;
    Ok(outputs)
}

/// Compiles every module to its output path, modules in parallel across the machine's cores.
fn compile_to(
    project: &Project,
    modules: &[CcModule],
    outputs: &[PathBuf],
    log: &Log,
) -> Result<(), BuildError> {
    let config = Config {
        target_cpu: project.tool.target_cpu.clone(),
        verbose: false,
        emit_ir: false,
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(modules.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<Result<(), BuildError>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut results = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(module) = modules.get(i) else { break };
                        let start = Instant::now();
                        let request = CompileRequest {
                            module_name: module.module_name.clone(),
                            source_path: project.root.join(&module.source),
                            exports: module.exports.clone(),
                            output: outputs[i].clone(),
                        };
                        let result = pyaot_compiler::compile(&request, &config)
                            .map(|_| ())
                            .map_err(|e| BuildError::new(e.message));
                        log.step(|| {
                            format!(
                                "compile module {}: {} function(s) in {:.0} ms",
                                module.fullname,
                                module.exports.len(),
                                start.elapsed().as_secs_f64() * 1e3
                            )
                        });
                        results.push((i, result));
                    }
                    results
                })
            })
            .collect();
        let mut all: Vec<(usize, Result<(), BuildError>)> = workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_default())
            .collect();
        all.sort_by_key(|(i, _)| *i);
        all.into_iter().map(|(_, r)| r).collect()
    });
    let errors: Vec<String> = results
        .into_iter()
        .filter_map(Result::err)
        .map(|e| e.message)
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(BuildError::new(errors.join("\n")))
    }
}

/// A temporary folder removed on drop.
struct TempDir {
    path: PathBuf,
}

impl TempDir {
    fn new(tag: &str) -> Result<TempDir, BuildError> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let path =
            std::env::temp_dir().join(format!("pyaot-build-{tag}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&path)
            .map_err(|e| BuildError::new(format!("cannot create {}: {e}", path.display())))?;
        Ok(TempDir { path })
    }

    fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}
