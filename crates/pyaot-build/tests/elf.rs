//! manylinux tags of real shared objects linked here with the system C compiler.

use std::path::{Path, PathBuf};
use std::process::Command;

use pyaot_build::elf::manylinux_platform;

fn arch() -> &'static str {
    std::env::consts::ARCH
}

/// Links `source` into `<dir>/<name>` with `cc -shared`, plus `extra` arguments.
fn link(dir: &Path, name: &str, source: &str, extra: &[&str]) -> PathBuf {
    let c = dir.join(format!("{name}.c"));
    std::fs::write(&c, source).expect("write C");
    let out = dir.join(name);
    let status = Command::new(std::env::var("CC").unwrap_or_else(|_| "cc".to_string()))
        .args(["-shared", "-fPIC", "-O1", "-o"])
        .arg(&out)
        .arg(&c)
        .args(extra)
        .status()
        .expect("run cc");
    assert!(status.success(), "cc failed for {name}");
    out
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// The tag auditwheel gives an object whose newest glibc symbol version is `2.<minor>`: its
/// policies are 2_5, 2_12, 2_17, 2_24, 2_26, 2_27, 2_28, 2_31, 2_34, ... (aarch64 from 2_17).
fn expected_tag(minor: u32) -> String {
    let arch = arch();
    let floor = if arch == "aarch64" { 17 } else { 5 };
    let policy = [5, 12, 17, 24, 26, 27, 28, 31, 34, 35, 36, 38, 39, 40, 41]
        .into_iter()
        .find(|p| *p >= minor.max(floor))
        .expect("a policy");
    match policy {
        5 => format!("manylinux_2_5_{arch}.manylinux1_{arch}"),
        12 => format!("manylinux_2_12_{arch}.manylinux2010_{arch}"),
        17 => format!("manylinux_2_17_{arch}.manylinux2014_{arch}"),
        n => format!("manylinux_2_{n}_{arch}"),
    }
}

#[test]
fn libm_exp_gets_a_manylinux_tag() {
    if !matches!(arch(), "x86_64" | "aarch64") {
        return;
    }
    let dir = tempfile::tempdir().expect("dir");
    let so = link(
        dir.path(),
        "kernels.so",
        "#include <math.h>\ndouble kernel(double x) { return exp(x) + 1.0; }\n",
        &["-lm"],
    );
    let tag = manylinux_platform(std::slice::from_ref(&so), arch())
        .expect("read")
        .expect("a manylinux tag");
    // glibc 2.29 gave `exp` a new symbol version; older glibc links the original one.
    let data = std::fs::read(&so).expect("read so");
    let expected = if contains(&data, "GLIBC_2.29") {
        expected_tag(29)
    } else {
        expected_tag(2)
    };
    assert_eq!(tag, expected);
    if arch() == "x86_64" && contains(&data, "GLIBC_2.29") {
        assert_eq!(tag, "manylinux_2_31_x86_64");
    }
}

#[test]
fn old_symbols_get_the_legacy_alias() {
    if arch() != "x86_64" {
        return;
    }
    let dir = tempfile::tempdir().expect("dir");
    // `cos` has kept its first x86_64 version, GLIBC_2.2.5.
    let so = link(
        dir.path(),
        "old.so",
        "#include <math.h>\ndouble kernel(double x) { return cos(x); }\n",
        &["-lm"],
    );
    let data = std::fs::read(&so).expect("read so");
    assert!(!contains(&data, "GLIBC_2.29"));
    assert_eq!(
        manylinux_platform(&[so], "x86_64")
            .expect("read")
            .as_deref(),
        Some("manylinux_2_5_x86_64.manylinux1_x86_64")
    );
}

#[test]
fn foreign_library_or_non_elf_gets_none() {
    if !matches!(arch(), "x86_64" | "aarch64") {
        return;
    }
    let dir = tempfile::tempdir().expect("dir");
    let dep = link(
        dir.path(),
        "libhelper.so",
        "int helper(void) { return 1; }\n",
        &[],
    );
    let user = link(
        dir.path(),
        "user.so",
        "int helper(void);\nint use(void) { return helper(); }\n",
        &["-L", &dir.path().display().to_string(), "-lhelper"],
    );
    // libhelper.so is in no manylinux whitelist: auditwheel would have to graft it.
    assert_eq!(manylinux_platform(&[user], arch()).expect("read"), None);
    // The helper alone needs only libc.
    assert!(manylinux_platform(std::slice::from_ref(&dep), arch())
        .expect("read")
        .is_some());

    let text = dir.path().join("module.py");
    std::fs::write(&text, "print('not ELF')\n").expect("write");
    assert_eq!(
        manylinux_platform(&[dep.clone(), text], arch()).expect("read"),
        None
    );
    // An object for another machine, and no objects at all.
    let other = if arch() == "x86_64" {
        "aarch64"
    } else {
        "x86_64"
    };
    assert_eq!(
        manylinux_platform(std::slice::from_ref(&dep), other).expect("read"),
        None
    );
    assert_eq!(manylinux_platform(&[], arch()).expect("read"), None);
    // A missing file is an error, not a silent `None`.
    assert!(manylinux_platform(&[dir.path().join("missing.so")], arch()).is_err());
}

#[test]
fn x86_64_isa_level_above_baseline_gets_none() {
    if arch() != "x86_64" {
        return;
    }
    let dir = tempfile::tempdir().expect("dir");
    let c = dir.path().join("v3.c");
    std::fs::write(
        &c,
        "#include <math.h>\ndouble kernel(double x) { return cos(x); }\n",
    )
    .expect("write");
    let so = dir.path().join("v3.so");
    // GCC records the ISA level it compiled for with -mneeded; other compilers may refuse it.
    let built = Command::new(std::env::var("CC").unwrap_or_else(|_| "cc".to_string()))
        .args(["-shared", "-fPIC", "-march=x86-64-v3", "-mneeded", "-o"])
        .arg(&so)
        .arg(&c)
        .arg("-lm")
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !built {
        return;
    }
    let data = std::fs::read(&so).expect("read so");
    // GNU_PROPERTY_X86_ISA_1_NEEDED (0xc0008002), little-endian.
    if !data.windows(4).any(|w| w == [0x02, 0x80, 0x00, 0xc0]) {
        return;
    }
    // auditwheel gives such a file the plain `linux_x86_64` tag.
    assert_eq!(manylinux_platform(&[so], "x86_64").expect("read"), None);
}
