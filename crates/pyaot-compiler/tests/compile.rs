//! End-to-end compiles from Rust alone: the seed example through discovery and `compile`, and the
//! guarantees of a failed compile (a clear error, no output file).

use std::path::{Path, PathBuf};

use pyaot_compiler::{compile, discover_modules, CompileRequest, Config, ExportRequest};

fn seed_request(out_dir: &Path) -> CompileRequest {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/seed/my_module.py");
    let text = std::fs::read_to_string(&source).expect("the seed example exists");
    let module =
        pyaot_syntax::parse_module(&text, "my_module.py").expect("the seed example parses");
    let found = discover_modules(&module);
    assert_eq!(found.len(), 1, "one CC object in the seed example");
    let m = &found[0];
    assert_eq!(m.module_name, "my_module");
    let names: Vec<&str> = m.exports.iter().map(|e| e.exported_name.as_str()).collect();
    assert_eq!(names, ["multf", "multi", "square"]);
    CompileRequest {
        module_name: m.module_name.clone(),
        source_path: source,
        exports: m.exports.clone(),
        output: out_dir.join("my_module.so"),
    }
}

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pyaot-compile-test-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn seed_example_compiles_small_and_fast() {
    let dir = temp_dir("seed");
    let request = seed_request(&dir);
    let start = std::time::Instant::now();
    let path = compile(&request, &Config::default()).expect("the seed example compiles");
    let elapsed = start.elapsed();
    let bytes = std::fs::read(&path).expect("the extension was written");
    assert!(bytes.starts_with(b"\x7fELF"), "a shared object");
    assert!(
        bytes.windows(16).any(|w| w == b"PyInit_my_module"),
        "PyInit_my_module is defined"
    );
    assert!(bytes.len() < 50_000, "{} bytes", bytes.len());
    // Generous bound for a loaded CI machine; the benchmark measures the real figure.
    assert!(elapsed.as_secs_f64() < 5.0, "{elapsed:?}");
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn every_target_cpu_setting_compiles_or_is_refused_clearly() {
    let dir = temp_dir("cpu");
    let request = seed_request(&dir);
    for cpu in ["", "host", "x86-64-v3", "skylake"] {
        if !cfg!(target_arch = "x86_64") && !cpu.is_empty() && cpu != "host" {
            continue;
        }
        let config = Config {
            target_cpu: cpu.into(),
            ..Config::default()
        };
        compile(&request, &config).unwrap_or_else(|e| panic!("target_cpu={cpu:?}: {e}"));
    }
    let config = Config {
        target_cpu: "skylak".into(),
        ..Config::default()
    };
    let err = compile(&request, &config).expect_err("an unknown CPU is refused");
    assert!(
        err.message.contains("unknown target CPU 'skylak'"),
        "{}",
        err.message
    );
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn a_failed_compile_leaves_no_output() {
    let dir = temp_dir("fail");
    let source = dir.join("bad.py");
    std::fs::write(&source, "def f(x):\n    return [x]\n").expect("write source");
    let output = dir.join("bad.so");
    let request = CompileRequest {
        module_name: "bad".into(),
        source_path: source,
        exports: vec![ExportRequest {
            exported_name: "f".into(),
            function: "f".into(),
            signature: "f8(f8)".into(),
            first_line: None,
        }],
        output: output.clone(),
    };
    let err = compile(&request, &Config::default()).expect_err("lists are not supported");
    assert!(
        err.message.contains("bad.py:2:12: error[unsupported-type]"),
        "{}",
        err.message
    );
    assert!(!output.exists());
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "only the source remains: {leftovers:?}");
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn bad_requests_are_errors_not_panics() {
    let dir = temp_dir("requests");
    let mut request = seed_request(&dir);
    request.module_name = "my.module".into();
    assert!(compile(&request, &Config::default())
        .expect_err("dotted")
        .message
        .contains("identifier"));
    let mut request = seed_request(&dir);
    request.exports[0].function = "nope".into();
    assert!(compile(&request, &Config::default())
        .expect_err("missing")
        .message
        .contains("`nope` is not defined"));
    let mut request = seed_request(&dir);
    request.source_path = dir.join("missing.py");
    assert!(compile(&request, &Config::default())
        .expect_err("no file")
        .message
        .contains("cannot read"));
    let mut request = seed_request(&dir);
    request.exports[0].signature = "f8(f8".into();
    let message = compile(&request, &Config::default())
        .expect_err("bad signature")
        .message;
    // The signature no longer matches the decorator's literal, so it is shown on its own.
    assert!(
        message.starts_with("<signature of multf>:1:6: error[bad-signature]"),
        "{message}"
    );
    std::fs::remove_dir_all(dir).ok();
}
