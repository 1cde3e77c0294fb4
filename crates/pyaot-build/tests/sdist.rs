//! sdists: PEP 625 name, the `<name>-<version>/` layout with PKG-INFO, reproducible tar and gzip
//! headers, long and non-ASCII paths through pax headers, and identical bytes from identical
//! inputs.

use std::io::Read as _;
use std::path::Path;

use pyaot_build::sdist::write_sdist_with_epoch;

const PKG_INFO: &str = "Metadata-Version: 2.1\nName: My.Pkg\nVersion: 2.0\n";

fn long_path() -> String {
    format!(
        "src/my_pkg/{}/deep_module.py",
        "very_long_folder_name_".repeat(8)
    )
}

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("dir");
    let files: Vec<(String, &str)> = vec![
        (
            "pyproject.toml".to_string(),
            "[project]\nname = \"My.Pkg\"\nversion = \"2.0\"\n",
        ),
        ("src/my_pkg/__init__.py".to_string(), ""),
        ("src/my_pkg/données.py".to_string(), "x = 1\n"),
        ("scripts/run.sh".to_string(), "#!/bin/sh\n"),
        ("PKG-INFO".to_string(), "stale"),
        (long_path(), "y = 2\n"),
    ];
    for (path, content) in &files {
        let full = dir.path().join(path);
        std::fs::create_dir_all(full.parent().expect("parent")).expect("mkdir");
        std::fs::write(&full, content).expect("write");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let script = dir.path().join("scripts/run.sh");
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o775)).expect("chmod");
    }
    dir
}

fn files() -> Vec<String> {
    let mut files = vec![
        "PKG-INFO".to_string(),
        "pyproject.toml".to_string(),
        "scripts/run.sh".to_string(),
        "src/my_pkg/__init__.py".to_string(),
        "src/my_pkg/données.py".to_string(),
        long_path(),
    ];
    files.sort();
    files
}

fn build(root: &Path, out: &Path, epoch: u64) -> Vec<u8> {
    let name = write_sdist_with_epoch(out, "my_pkg", "2.0", PKG_INFO, root, &files(), epoch)
        .expect("sdist");
    assert_eq!(name, "my_pkg-2.0.tar.gz");
    std::fs::read(out.join(name)).expect("read")
}

#[test]
fn sdist_is_deterministic() {
    let root = project();
    let a = tempfile::tempdir().expect("dir");
    let b = tempfile::tempdir().expect("dir");
    let bytes_a = build(root.path(), a.path(), 1_700_000_000);
    let bytes_b = build(root.path(), b.path(), 1_700_000_000);
    assert!(
        bytes_a == bytes_b,
        "same inputs and epoch gave different bytes"
    );
    let c = tempfile::tempdir().expect("dir");
    assert!(bytes_a != build(root.path(), c.path(), 1_600_000_000));
    // Only the sdist is left in the folder.
    assert_eq!(std::fs::read_dir(a.path()).expect("list").count(), 1);
}

#[test]
fn sdist_layout() {
    let root = project();
    let out = tempfile::tempdir().expect("dir");
    let bytes = build(root.path(), out.path(), 1_700_000_000);

    // gzip header: no FNAME flag, mtime = the epoch.
    assert_eq!(&bytes[..3], &[0x1f, 0x8b, 8]);
    assert_eq!(bytes[3] & 0x08, 0, "gzip header must not name a file");
    assert_eq!(
        u32::from_le_bytes([bytes[4], bytes[5], bytes[6], bytes[7]]),
        1_700_000_000
    );

    let mut tar = tar::Archive::new(flate2::read::GzDecoder::new(bytes.as_slice()));
    let mut seen = Vec::new();
    for entry in tar.entries().expect("entries") {
        let mut entry = entry.expect("entry");
        let path = entry.path().expect("path").to_string_lossy().into_owned();
        let header = entry.header();
        assert_eq!(header.uid().expect("uid"), 0);
        assert_eq!(header.gid().expect("gid"), 0);
        assert_eq!(header.username().expect("uname"), Some(""));
        assert_eq!(header.groupname().expect("gname"), Some(""));
        assert_eq!(header.mtime().expect("mtime"), 1_700_000_000);
        assert!(header.as_ustar().is_some(), "{path}: ustar header expected");
        let mode = header.mode().expect("mode");
        let mut data = String::new();
        entry.read_to_string(&mut data).expect("read");
        seen.push((path, mode, data));
    }
    let names: Vec<&str> = seen.iter().map(|(p, _, _)| p.as_str()).collect();
    let long = format!("my_pkg-2.0/{}", long_path());
    let mut expected = vec![
        "my_pkg-2.0/PKG-INFO",
        "my_pkg-2.0/pyproject.toml",
        "my_pkg-2.0/scripts/run.sh",
        "my_pkg-2.0/src/my_pkg/__init__.py",
        "my_pkg-2.0/src/my_pkg/données.py",
        long.as_str(),
    ];
    expected.sort();
    assert_eq!(names, expected);
    for (path, mode, data) in &seen {
        let want = if path.ends_with("run.sh") {
            0o755
        } else {
            0o644
        };
        assert_eq!(*mode, want, "{path}");
        if path.ends_with("PKG-INFO") {
            assert_eq!(
                data, PKG_INFO,
                "the generated PKG-INFO replaces the stale one"
            );
        }
    }
}
