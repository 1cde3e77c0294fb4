//! Data-driven diagnostics tests: every `tests/diagnostics/*.py` is compiled; each line marked
//! `# error[code]` must be reported with that code, and the whole rendered message is snapshotted.
//!
//! Exports come from `# export: NAME SIG` header lines (`NAME=FUNC` to export a function under
//! another name), or from the file's own `CC(...)`/`@cc.export(...)` literals.

use std::path::{Path, PathBuf};

use pyaot_compiler::{compile, discover_modules, CompileRequest, Config, ExportRequest};

fn header_exports(text: &str) -> Vec<ExportRequest> {
    text.lines()
        .filter_map(|line| line.strip_prefix("# export:"))
        .map(|rest| {
            let rest = rest.trim();
            let (name, signature) = rest.split_once(' ').expect("`# export: NAME SIG`");
            let (exported, function) = name.split_once('=').unwrap_or((name, name));
            ExportRequest {
                exported_name: exported.to_string(),
                function: function.to_string(),
                signature: signature.trim().to_string(),
                first_line: None,
            }
        })
        .collect()
}

fn expected_errors(text: &str) -> Vec<(usize, String)> {
    text.lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let at = line.find("# error[")?;
            let code = &line[at + 8..];
            let code = &code[..code.find(']')?];
            Some((i + 1, code.to_string()))
        })
        .collect()
}

fn compile_case(path: &Path) -> Result<PathBuf, String> {
    let text = std::fs::read_to_string(path).expect("readable case");
    let mut exports = header_exports(&text);
    if exports.is_empty() {
        let module =
            pyaot_syntax::parse_module(&text, "case").expect("cases with literal exports parse");
        exports = discover_modules(&module)
            .into_iter()
            .flat_map(|m| m.exports)
            .collect();
    }
    let out = std::env::temp_dir().join(format!(
        "pyaot-diag-{}-{}.so",
        std::process::id(),
        path.file_stem().unwrap().to_string_lossy()
    ));
    let request = CompileRequest {
        module_name: "m".into(),
        source_path: path.to_path_buf(),
        exports,
        output: out,
    };
    compile(&request, &Config::default()).map_err(|e| e.message)
}

#[test]
fn diagnostics_match_their_markers_and_snapshots() {
    let dir = Path::new("tests/diagnostics");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("case folder")
        .map(|e| e.expect("entry").path())
        .collect();
    cases.retain(|p| p.extension().is_some_and(|e| e == "py"));
    cases.sort();
    assert!(
        cases.len() >= 15,
        "expected the diagnostics corpus, found {} cases",
        cases.len()
    );
    for case in cases {
        let text = std::fs::read_to_string(&case).expect("readable case");
        let name = case.file_stem().unwrap().to_string_lossy().to_string();
        let message = match compile_case(&case) {
            Ok(path) => panic!(
                "{name}: expected errors, but it compiled to {}",
                path.display()
            ),
            Err(message) => message,
        };
        for (line, code) in expected_errors(&text) {
            let location = format!("{}:{line}:", case.display());
            let found = message
                .lines()
                .any(|l| l.starts_with(&location) && l.contains(&format!("error[{code}]")));
            assert!(
                found,
                "{name}: no error[{code}] at line {line}; got:\n{message}"
            );
        }
        assert!(
            !message.contains("panicked") && !message.contains("bug in pyaot"),
            "{name}: {message}"
        );
        insta::assert_snapshot!(name, without_prelude_lines(&message));
    }
}

/// The message with the prelude's line numbers (`at line 152 of pyaot's NumPy prelude`) replaced
/// by `N`, so that editing the prelude does not change every snapshot of an error inside it.
fn without_prelude_lines(message: &str) -> String {
    message
        .lines()
        .map(|line| {
            match (
                line.find("at line "),
                line.find(" of pyaot's NumPy prelude"),
            ) {
                (Some(a), Some(b)) if a < b => format!("{}at line N{}", &line[..a], &line[b..]),
                _ => line.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}
