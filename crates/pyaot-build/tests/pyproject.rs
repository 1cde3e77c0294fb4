//! pyproject.toml loading: every PEP 621 field into METADATA, Metadata-Version selection, name
//! normalisation, dynamic versions, layout detection, config settings, and one snapshot of the
//! rendered diagnostic per kind of bad input.

use std::path::Path;

use pyaot_build::metadata::{core_metadata, entry_points_txt, metadata_version};
use pyaot_build::project::{
    load_project, normalize_spdx, sdist_files, wheel_python_files, ConfigSettings, Layout, Project,
};
use tempfile::TempDir;

/// A project folder holding `files` (path, content).
fn tree(files: &[(&str, &str)]) -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (path, content) in files {
        let full = dir.path().join(path);
        std::fs::create_dir_all(full.parent().expect("parent")).expect("mkdir");
        std::fs::write(full, content).expect("write");
    }
    dir
}

fn load(dir: &Path) -> Project {
    match load_project(dir, &ConfigSettings::default()) {
        Ok(project) => project,
        Err(e) => panic!("load failed:\n{}", e.message),
    }
}

fn load_err(files: &[(&str, &str)]) -> String {
    load_err_with(files, &[])
}

fn load_err_with(files: &[(&str, &str)], settings: &[(&str, &str)]) -> String {
    let dir = tree(files);
    let settings = ConfigSettings {
        entries: settings
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    };
    match load_project(dir.path(), &settings) {
        Ok(project) => panic!("expected an error, loaded {project:?}"),
        Err(e) => e.message,
    }
}

const FULL: &str = r#"
[build-system]
requires = ["pyaot"]
build-backend = "pyaot.build"

[project]
name = "Fast_Kernels.Demo"
version = "1.2.0-RC1"
description = "Numeric kernels compiled ahead of time"
readme = "README.md"
requires-python = ">=3.10"
license = "mit OR apache-2.0"
license-files = ["LICENSE*", "licenses/**/*.txt"]
authors = [
    {name = "Ada Lovelace", email = "ada@example.org"},
    {name = "Charles Babbage"},
    {email = "team@example.org"},
]
maintainers = [{name = "Grace H. Hopper", email = "grace@example.org"}]
keywords = ["numeric", "aot", "compiler"]
classifiers = [
    "Programming Language :: Python :: 3",
    "Operating System :: POSIX :: Linux",
]
dependencies = [
    "numpy >= 1.22",
    "typing-extensions; python_version < '3.11'",
]

[project.optional-dependencies]
Test = ["pytest>=7", "hypothesis[numpy] ; sys_platform == 'linux' or sys_platform == 'darwin'"]
docs = ["sphinx"]

[project.urls]
Homepage = "https://example.org"
"Bug Tracker" = "https://example.org/issues"

[project.scripts]
fast-kernels = "fast_kernels_demo.cli:main"

[project.gui-scripts]
fast-kernels-gui = "fast_kernels_demo.gui:run"

[project.entry-points."fast_kernels.plugins"]
blas = "fast_kernels_demo.plugins:blas"

[tool.pyaot]
target-cpu = "x86-64-v2"
verbose = false
"#;

fn full_tree() -> TempDir {
    tree(&[
        ("pyproject.toml", FULL),
        ("README.md", "# Fast kernels\n\nCompiled with *pyaot*.\n"),
        ("LICENSE-MIT", "MIT License\n"),
        ("LICENSE-APACHE", "Apache License\n"),
        ("licenses/third_party/blas.txt", "BLAS license\n"),
        ("src/fast_kernels_demo/__init__.py", ""),
        (
            "src/fast_kernels_demo/_kernels.py",
            "from pyaot.cc import CC\ncc = CC('kernels')\n",
        ),
        ("src/fast_kernels_demo/data/table.csv", "a,b\n"),
        (
            "src/fast_kernels_demo/__pycache__/x.cpython-311.pyc",
            "junk",
        ),
        (
            "src/fast_kernels_demo/old.cpython-311-x86_64-linux-gnu.so",
            "junk",
        ),
        ("tests/test_it.py", "def test(): pass\n"),
        ("dist/stale.whl", "junk"),
    ])
}

#[test]
fn full_pyproject_metadata() {
    let dir = full_tree();
    let project = load(dir.path());
    assert_eq!(project.name, "Fast_Kernels.Demo");
    assert_eq!(project.normalized_name, "fast-kernels-demo");
    assert_eq!(project.dist_name, "fast_kernels_demo");
    assert_eq!(project.version.to_string(), "1.2.0rc1");
    assert_eq!(project.tool.target_cpu, "x86-64-v2");
    assert_eq!(project.tool.layout(), Layout::Src);
    assert_eq!(project.tool.packages, vec!["fast_kernels_demo"]);
    assert_eq!(
        project.license_files,
        vec![
            "LICENSE-APACHE",
            "LICENSE-MIT",
            "licenses/third_party/blas.txt"
        ]
    );
    insta::assert_snapshot!("full_metadata", core_metadata(&project));
    insta::assert_snapshot!(
        "full_entry_points",
        entry_points_txt(&project).expect("entry points")
    );
}

#[test]
fn full_project_files() {
    let dir = full_tree();
    let project = load(dir.path());
    let wheel: Vec<String> = wheel_python_files(&project)
        .expect("wheel files")
        .into_iter()
        .map(|(in_wheel, rel)| format!("{in_wheel} <- {rel}"))
        .collect();
    assert_eq!(
        wheel,
        vec![
            "fast_kernels_demo/__init__.py <- src/fast_kernels_demo/__init__.py",
            "fast_kernels_demo/_kernels.py <- src/fast_kernels_demo/_kernels.py",
            "fast_kernels_demo/data/table.csv <- src/fast_kernels_demo/data/table.csv",
        ]
    );
    // Not a git checkout: a folder walk without caches, build outputs and binaries.
    assert_eq!(
        sdist_files(&project).expect("sdist files"),
        vec![
            "LICENSE-APACHE",
            "LICENSE-MIT",
            "README.md",
            "licenses/third_party/blas.txt",
            "pyproject.toml",
            "src/fast_kernels_demo/__init__.py",
            "src/fast_kernels_demo/_kernels.py",
            "src/fast_kernels_demo/data/table.csv",
            "tests/test_it.py",
        ]
    );
}

const MINIMAL: &str = "[project]\nname = \"demo\"\nversion = \"0.1\"\n";

#[test]
fn metadata_version_selection() {
    // Nothing PEP 639: 2.1.
    let plain = tree(&[("pyproject.toml", MINIMAL), ("demo.py", "")]);
    let project = load(plain.path());
    assert_eq!(metadata_version(&project), "2.1");
    assert_eq!(
        core_metadata(&project),
        "Metadata-Version: 2.1\nName: demo\nVersion: 0.1\n"
    );

    // A license expression: 2.4.
    let expression = tree(&[(
        "pyproject.toml",
        "[project]\nname = \"demo\"\nversion = \"0.1\"\nlicense = \"MIT\"\n",
    )]);
    let project = load(expression.path());
    assert_eq!(metadata_version(&project), "2.4");
    assert!(core_metadata(&project).contains("\nLicense-Expression: MIT\n"));

    // A license file found by the default globs: 2.4 too.
    let file = tree(&[("pyproject.toml", MINIMAL), ("COPYING", "GPL\n")]);
    let project = load(file.path());
    assert_eq!(project.license_files, vec!["COPYING"]);
    assert_eq!(metadata_version(&project), "2.4");

    // The legacy table stays 2.1 and writes `License:`.
    let legacy = tree(&[(
        "pyproject.toml",
        "[project]\nname = \"demo\"\nversion = \"0.1\"\nlicense = {text = \"BSD\\nsecond line\"}\n",
    )]);
    let project = load(legacy.path());
    assert_eq!(metadata_version(&project), "2.1");
    assert!(core_metadata(&project).contains("\nLicense: BSD\n        second line\n"));
}

#[test]
fn name_normalisation() {
    for (name, normalized, dist) in [
        ("demo", "demo", "demo"),
        ("Demo_Project", "demo-project", "demo_project"),
        ("a.b-c_d", "a-b-c-d", "a_b_c_d"),
        ("Friendly--Bard__", "", ""),
        ("X__._-Y", "x-y", "x_y"),
        ("numpy2", "numpy2", "numpy2"),
    ] {
        let text = format!("[project]\nname = \"{name}\"\nversion = \"1\"\n");
        let dir = tree(&[("pyproject.toml", &text)]);
        match load_project(dir.path(), &ConfigSettings::default()) {
            Ok(project) => {
                assert_eq!(project.name, name);
                assert_eq!(project.normalized_name, normalized, "{name}");
                assert_eq!(project.dist_name, dist, "{name}");
            }
            // Names must end with a letter or digit.
            Err(e) => {
                assert!(normalized.is_empty(), "{name}: {}", e.message);
                assert!(e.message.contains("invalid project name"), "{}", e.message);
            }
        }
    }
}

#[test]
fn dynamic_version_from_package() {
    let dir = tree(&[
        (
            "pyproject.toml",
            "[project]\nname = \"my-pkg\"\ndynamic = [\"version\"]\n",
        ),
        (
            "my_pkg/__init__.py",
            "\"\"\"Docs.\"\"\"\n__version__ = \"2.0.post1\"  # the version\n",
        ),
    ]);
    let project = load(dir.path());
    assert_eq!(project.version.to_string(), "2.0.post1");
    assert_eq!(project.dynamic, vec!["version"]);
    assert_eq!(project.tool.layout(), Layout::Flat);
    // Resolved, so METADATA carries no `Dynamic:` and stays 2.1.
    assert!(core_metadata(&project)
        .starts_with("Metadata-Version: 2.1\nName: my-pkg\nVersion: 2.0.post1\n"));
}

#[test]
fn dynamic_version_from_module_and_version_file() {
    let single = tree(&[
        (
            "pyproject.toml",
            "[project]\nname = \"solo\"\ndynamic = [\"version\"]\n",
        ),
        ("solo.py", "__version__: str = '0.3'\n"),
        ("setup.py", "__version__ = '9'\n"),
    ]);
    let project = load(single.path());
    assert_eq!(project.version.to_string(), "0.3");
    assert_eq!(project.tool.modules_py, vec!["solo.py"]);
    assert!(project.tool.packages.is_empty());

    let file = tree(&[
        (
            "pyproject.toml",
            "[project]\nname = \"pkg\"\ndynamic = [\"version\"]\n[tool.pyaot]\nversion-file = \"src/pkg/_about.py\"\n",
        ),
        ("src/pkg/__init__.py", "from ._about import __version__\n"),
        ("src/pkg/_about.py", "__version__ = \"4.5.6\"\n"),
    ]);
    assert_eq!(load(file.path()).version.to_string(), "4.5.6");
}

#[test]
fn dynamic_version_errors() {
    insta::assert_snapshot!(
        "dynamic_version_missing",
        load_err(&[
            (
                "pyproject.toml",
                "[project]\nname = \"pkg\"\ndynamic = [\"version\"]\n"
            ),
            ("pkg/__init__.py", "VERSION = '1'\n"),
        ])
    );
    insta::assert_snapshot!(
        "dynamic_version_invalid",
        load_err(&[
            (
                "pyproject.toml",
                "[project]\nname = \"pkg\"\ndynamic = [\"version\"]\n"
            ),
            (
                "pkg/__init__.py",
                "import os\n__version__ = \"1.0-final-x\"\n"
            ),
        ])
    );
    insta::assert_snapshot!(
        "dynamic_and_static",
        load_err(&[(
            "pyproject.toml",
            "[project]\nname = \"pkg\"\nversion = \"1\"\ndynamic = [\"version\"]\n",
        )])
    );
}

#[test]
fn malformed_toml() {
    insta::assert_snapshot!(
        "malformed_toml",
        load_err(&[(
            "pyproject.toml",
            "[project]\nname = \"demo\nversion = \"1.0\"\n"
        )])
    );
}

#[test]
fn missing_name() {
    insta::assert_snapshot!(
        "missing_name",
        load_err(&[(
            "pyproject.toml",
            "[build-system]\nrequires = []\n\n[project]\nversion = \"1.0\"\n"
        )])
    );
}

#[test]
fn missing_project_table() {
    insta::assert_snapshot!(
        "missing_project",
        load_err(&[("pyproject.toml", "[build-system]\nrequires = [\"pyaot\"]\n")])
    );
}

#[test]
fn missing_version() {
    insta::assert_snapshot!(
        "missing_version",
        load_err(&[("pyproject.toml", "[project]\nname = \"demo\"\n")])
    );
}

#[test]
fn invalid_version() {
    insta::assert_snapshot!(
        "invalid_version",
        load_err(&[(
            "pyproject.toml",
            "[project]\nname = \"demo\"\nversion = \"1.0.beta-x\"\n"
        )])
    );
}

#[test]
fn invalid_requirement() {
    insta::assert_snapshot!(
        "invalid_requirement",
        load_err(&[(
            "pyproject.toml",
            "[project]\nname = \"demo\"\nversion = \"1.0\"\ndependencies = [\n  \"numpy>=1.20\",\n  \"scipy >= \",\n]\n",
        )])
    );
    insta::assert_snapshot!(
        "invalid_optional_requirement",
        load_err(&[(
            "pyproject.toml",
            "[project]\nname = \"demo\"\nversion = \"1.0\"\n[project.optional-dependencies]\ntest = [\"pytest; python_version >>> '3'\"]\n",
        )])
    );
}

#[test]
fn invalid_license_expression() {
    insta::assert_snapshot!(
        "invalid_spdx",
        load_err(&[(
            "pyproject.toml",
            "[project]\nname = \"demo\"\nversion = \"1.0\"\nlicense = \"MIT OR Apache2.0\"\n",
        )])
    );
    insta::assert_snapshot!(
        "license_classifier_with_expression",
        load_err(&[(
            "pyproject.toml",
            "[project]\nname = \"demo\"\nversion = \"1.0\"\nlicense = \"MIT\"\nclassifiers = [\"License :: OSI Approved :: MIT License\"]\n",
        )])
    );
    insta::assert_snapshot!(
        "license_files_no_match",
        load_err(&[(
            "pyproject.toml",
            "[project]\nname = \"demo\"\nversion = \"1.0\"\nlicense-files = [\"LICENSE.txt\"]\n",
        )])
    );
}

#[test]
fn spdx_normalisation() {
    assert_eq!(normalize_spdx("mit").as_deref(), Ok("MIT"));
    assert_eq!(
        normalize_spdx("apache-2.0  with llvm-exception or  ( mit and bsd-3-clause )").as_deref(),
        Ok("Apache-2.0 WITH LLVM-exception OR (MIT AND BSD-3-Clause)")
    );
    assert_eq!(
        normalize_spdx("licenseref-Proprietary").as_deref(),
        Ok("LicenseRef-Proprietary")
    );
    assert_eq!(
        normalize_spdx("GPL-2.0-or-later").as_deref(),
        Ok("GPL-2.0-or-later")
    );
    assert!(normalize_spdx("MIT OR").is_err());
    assert!(normalize_spdx("MIT Apache-2.0").is_err());
    assert_eq!(
        normalize_spdx("MIT OR Nope").map_err(|(_, range)| range),
        Err(7..11)
    );
}

#[test]
fn readme_missing() {
    insta::assert_snapshot!(
        "readme_missing",
        load_err(&[(
            "pyproject.toml",
            "[project]\nname = \"demo\"\nversion = \"1.0\"\nreadme = \"README.md\"\n",
        )])
    );
    insta::assert_snapshot!(
        "readme_unknown_extension",
        load_err(&[
            (
                "pyproject.toml",
                "[project]\nname = \"demo\"\nversion = \"1.0\"\nreadme = \"README\"\n",
            ),
            ("README", "text"),
        ])
    );
}

#[test]
fn readme_table() {
    let dir = tree(&[(
        "pyproject.toml",
        "[project]\nname = \"demo\"\nversion = \"1.0\"\nreadme = {text = \"Inline *text*\", content-type = \"text/markdown; variant=GFM\"}\n",
    )]);
    let project = load(dir.path());
    assert_eq!(
        core_metadata(&project),
        "Metadata-Version: 2.1\nName: demo\nVersion: 1.0\nDescription-Content-Type: text/markdown; variant=GFM\n\nInline *text*\n"
    );
}

#[test]
fn wrong_types() {
    insta::assert_snapshot!(
        "wrong_type_tool",
        load_err(&[(
            "pyproject.toml",
            "[project]\nname = \"demo\"\nversion = \"1.0\"\n\n[tool.pyaot]\nverbose = \"yes\"\n",
        )])
    );
    insta::assert_snapshot!(
        "wrong_type_project",
        load_err(&[(
            "pyproject.toml",
            "[project]\nname = \"demo\"\nversion = \"1.0\"\nkeywords = [\"a\", 3]\n",
        )])
    );
}

#[test]
fn unknown_keys_suggest() {
    insta::assert_snapshot!(
        "unknown_tool_key",
        load_err(&[(
            "pyproject.toml",
            "[project]\nname = \"demo\"\nversion = \"1.0\"\n\n[tool.pyaot]\ntarget_cpu = \"host\"\n",
        )])
    );
    insta::assert_snapshot!(
        "unknown_project_key",
        load_err(&[(
            "pyproject.toml",
            "[project]\nname = \"demo\"\nversion = \"1.0\"\ndependecies = []\n",
        )])
    );
    insta::assert_snapshot!(
        "unknown_setting",
        load_err_with(&[("pyproject.toml", MINIMAL)], &[("targt-cpu", "host")])
    );
    insta::assert_snapshot!(
        "bad_setting_bool",
        load_err_with(&[("pyproject.toml", MINIMAL)], &[("verbose", "maybe")])
    );
}

#[test]
fn config_settings_override() {
    let dir = tree(&[
        (
            "pyproject.toml",
            "[project]\nname = \"demo\"\nversion = \"1.0\"\n[tool.pyaot]\ntarget-cpu = \"x86-64\"\nmodules = [\"demo/a.py\"]\nship-sources = true\n",
        ),
        ("demo/__init__.py", ""),
        ("demo/a.py", ""),
        ("demo/b.py", ""),
        ("demo/c.py", ""),
    ]);
    let settings = ConfigSettings {
        entries: [
            ("target-cpu", "host"),
            ("verbose", "true"),
            ("ship-sources", "no"),
            ("modules", "demo/b.py"),
            ("modules", "demo/c.py, demo/a.py"),
            ("editable-rebuild", "0"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect(),
    };
    let project = load_project(dir.path(), &settings).expect("load");
    assert_eq!(project.tool.target_cpu, "host");
    assert!(project.tool.verbose);
    assert!(!project.tool.ship_sources);
    assert!(!project.tool.editable_rebuild);
    assert_eq!(
        project.tool.modules.as_deref(),
        Some(
            &[
                "demo/b.py".to_string(),
                "demo/c.py".to_string(),
                "demo/a.py".to_string()
            ][..]
        )
    );
    // Defaults without settings.
    let plain = load(dir.path());
    assert!(!plain.tool.verbose);
    assert!(plain.tool.ship_sources);
    assert!(plain.tool.editable_rebuild);
}

#[test]
fn module_not_found() {
    insta::assert_snapshot!(
        "module_not_found",
        load_err(&[
            (
                "pyproject.toml",
                "[project]\nname = \"demo\"\nversion = \"1.0\"\n[tool.pyaot]\nmodules = [\"demo/kernels.py\"]\n",
            ),
            ("demo/__init__.py", ""),
        ])
    );
    insta::assert_snapshot!(
        "module_not_found_setting",
        load_err_with(
            &[("pyproject.toml", MINIMAL), ("demo/__init__.py", "")],
            &[("modules", "demo/__init__.py,demo/nope.py")]
        )
    );
}

#[test]
fn layout_detection() {
    // Flat, several packages, with folders that are never packages.
    let flat = tree(&[
        (
            "pyproject.toml",
            "[project]\nname = \"suite\"\nversion = \"1\"\n",
        ),
        ("alpha/__init__.py", ""),
        ("beta/__init__.py", ""),
        ("beta/sub/__init__.py", ""),
        ("tests/__init__.py", ""),
        ("docs/__init__.py", ""),
        ("notapkg/data.txt", ""),
        ("setup.py", ""),
    ]);
    let project = load(flat.path());
    assert_eq!(project.tool.python_source, "");
    assert_eq!(project.tool.packages, vec!["alpha", "beta"]);
    assert!(project.tool.modules_py.is_empty());

    // src/ with a package named like the project and stray modules.
    let src = tree(&[
        (
            "pyproject.toml",
            "[project]\nname = \"My.Lib\"\nversion = \"1\"\n",
        ),
        ("src/my_lib/__init__.py", ""),
        ("src/other/__init__.py", ""),
    ]);
    let project = load(src.path());
    assert_eq!(project.tool.python_source, "src");
    assert_eq!(project.tool.packages, vec!["my_lib"]);

    // src/ holding only modules.
    let src_modules = tree(&[
        (
            "pyproject.toml",
            "[project]\nname = \"mods\"\nversion = \"1\"\n",
        ),
        ("src/one.py", ""),
        ("src/two.py", ""),
    ]);
    let project = load(src_modules.path());
    assert_eq!(project.tool.python_source, "src");
    assert_eq!(project.tool.modules_py, vec!["one.py", "two.py"]);
    let files: Vec<(String, String)> = wheel_python_files(&project).expect("files");
    assert_eq!(
        files,
        vec![
            ("one.py".to_string(), "src/one.py".to_string()),
            ("two.py".to_string(), "src/two.py".to_string())
        ]
    );

    // Explicit settings win, `src/` prefix allowed in `packages`.
    let explicit = tree(&[
        (
            "pyproject.toml",
            "[project]\nname = \"x\"\nversion = \"1\"\n[tool.pyaot]\npython-source = \"lib\"\npackages = [\"lib/core\"]\n",
        ),
        ("lib/core/__init__.py", ""),
        ("lib/extra/__init__.py", ""),
    ]);
    let project = load(explicit.path());
    assert_eq!(project.tool.python_source, "lib");
    assert_eq!(project.tool.layout(), Layout::Src);
    assert_eq!(project.tool.packages, vec!["core"]);
}

#[test]
fn include_and_exclude_globs() {
    let dir = tree(&[
        (
            "pyproject.toml",
            concat!(
                "[project]\nname = \"pkg\"\nversion = \"1\"\n[tool.pyaot]\n",
                "sdist-exclude = [\"*.log\", \"tests/fixtures\"]\n",
                "sdist-include = [\"build/generated.py\"]\n",
                "wheel-include = [\"data/*.json\"]\n",
                "wheel-exclude = [\"pkg/_private.py\"]\n",
            ),
        ),
        ("pkg/__init__.py", ""),
        ("pkg/_private.py", ""),
        ("pkg/notes.log", ""),
        ("data/a.json", "{}"),
        ("data/b.txt", ""),
        ("build/generated.py", ""),
        ("build/other.py", ""),
        ("tests/fixtures/big.bin", ""),
        ("tests/test_a.py", ""),
        (".git/config", ""),
        (".venv/lib/site.py", ""),
    ]);
    let project = load(dir.path());
    assert_eq!(
        sdist_files(&project).expect("sdist"),
        vec![
            "build/generated.py",
            "data/a.json",
            "data/b.txt",
            "pkg/__init__.py",
            "pkg/_private.py",
            "pyproject.toml",
            "tests/test_a.py",
        ]
    );
    assert_eq!(
        wheel_python_files(&project).expect("wheel"),
        vec![
            ("data/a.json".to_string(), "data/a.json".to_string()),
            ("pkg/__init__.py".to_string(), "pkg/__init__.py".to_string()),
            ("pkg/notes.log".to_string(), "pkg/notes.log".to_string()),
        ]
    );
    insta::assert_snapshot!(
        "bad_glob",
        load_err(&[(
            "pyproject.toml",
            "[project]\nname = \"demo\"\nversion = \"1.0\"\n[tool.pyaot]\nwheel-exclude = [\"ok/*\", \"bad/[z-a]\"]\n",
        )])
    );
}

#[test]
fn scripts_and_entry_points_validation() {
    insta::assert_snapshot!(
        "bad_script",
        load_err(&[(
            "pyproject.toml",
            "[project]\nname = \"demo\"\nversion = \"1.0\"\n[project.scripts]\ndemo = \"demo.cli\"\n",
        )])
    );
    insta::assert_snapshot!(
        "console_scripts_in_entry_points",
        load_err(&[(
            "pyproject.toml",
            "[project]\nname = \"demo\"\nversion = \"1.0\"\n[project.entry-points.console_scripts]\ndemo = \"demo.cli:main\"\n",
        )])
    );
}

#[test]
fn requires_dist_spelling() {
    use pyaot_build::metadata::requires_dist;
    assert_eq!(requires_dist("NumPy >= 1.22 , < 3", None), "numpy>=1.22,<3");
    assert_eq!(
        requires_dist("foo[B,a] ; python_version < \"3.11\"", None),
        "foo[b,a]; python_version < \"3.11\""
    );
    assert_eq!(
        requires_dist("pytest", Some("test")),
        "pytest; extra == \"test\""
    );
    assert_eq!(
        requires_dist(
            "bar @ https://example.org/bar-1.0.tar.gz ; os_name == 'nt'",
            Some("win")
        ),
        "bar @ https://example.org/bar-1.0.tar.gz ; (os_name == 'nt') and extra == \"win\""
    );
}

#[test]
fn sdist_files_from_git() {
    let git_works = std::process::Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !git_works {
        return;
    }
    let dir = tree(&[
        (
            "pyproject.toml",
            "[project]\nname = \"pkg\"\nversion = \"1\"\nreadme = \"README.rst\"\n",
        ),
        ("README.rst", "Title\n=====\n"),
        (".gitignore", "ignored/\n*.tmp\n"),
        ("pkg/__init__.py", ""),
        ("pkg/fresh.py", ""),
        ("pkg/gone.py", ""),
        ("pkg/_k.cpython-311-x86_64-linux-gnu.so", "binary"),
        ("ignored/secret.txt", ""),
        ("notes.tmp", ""),
        (".github/workflows/ci.yml", ""),
    ]);
    let git = |args: &[&str]| {
        let status = std::process::Command::new("git")
            .args(args)
            .current_dir(dir.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .expect("git");
        assert!(status.success(), "git {args:?}");
    };
    git(&["init", "-q"]);
    git(&[
        "add",
        "pyproject.toml",
        "README.rst",
        ".gitignore",
        "pkg/__init__.py",
        "pkg/gone.py",
        ".github",
    ]);
    std::fs::remove_file(dir.path().join("pkg/gone.py")).expect("rm");
    let project = load(dir.path());
    assert_eq!(
        project.readme.as_ref().map(|r| r.content_type.as_str()),
        Some("text/x-rst")
    );
    // Tracked files only (untracked `pkg/fresh.py` stays out); never deleted files or binaries.
    assert_eq!(
        sdist_files(&project).expect("sdist"),
        vec![
            ".github/workflows/ci.yml",
            ".gitignore",
            "README.rst",
            "pkg/__init__.py",
            "pyproject.toml",
        ]
    );
}

#[test]
fn unknown_target_cpu_points_at_the_setting() {
    let text = "[project]\nname = \"x\"\nversion = \"1\"\n[tool.pyaot]\ntarget-cpu = \"skylak\"\n";
    let message = load_err(&[("pyproject.toml", text)]);
    assert!(message.contains("pyproject.toml:5:14: error["), "{message}");
    assert!(
        message.contains("unknown target CPU 'skylak'")
            && message.contains("did you mean 'skylake'"),
        "{message}"
    );
    let ok = "[project]\nname = \"x\"\nversion = \"1\"\n";
    let message = load_err_with(&[("pyproject.toml", ok)], &[("target-cpu", "bogus")]);
    assert!(
        message.contains("unknown target CPU 'bogus'") && message.contains("^"),
        "{message}"
    );
}
