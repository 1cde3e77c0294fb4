//! `SOURCE_DATE_EPOCH` read from the environment by `WheelWriter::new` and `write_sdist`. One
//! test in its own binary, so that setting the variable races with nothing.

use std::io::Read as _;

use pyaot_build::sdist::write_sdist;
use pyaot_build::wheel::{WheelWriter, DEFAULT_EPOCH};

fn wheel_bytes(out: &std::path::Path) -> Vec<u8> {
    let mut wheel = WheelWriter::new(out, "demo", "1.0", "py3-none-any").expect("writer");
    wheel
        .add_bytes("demo/__init__.py", b"", false)
        .expect("add");
    let name = wheel
        .finish(
            "Metadata-Version: 2.1\nName: demo\nVersion: 1.0\n",
            None,
            &[],
        )
        .expect("finish");
    std::fs::read(out.join(name)).expect("read")
}

fn sdist_mtime(root: &std::path::Path, out: &std::path::Path) -> u64 {
    let name = write_sdist(
        out,
        "demo",
        "1.0",
        "Metadata-Version: 2.1\n",
        root,
        &["a.py".to_string()],
    )
    .expect("sdist");
    let bytes = std::fs::read(out.join(name)).expect("read");
    let mut tar = tar::Archive::new(flate2::read::GzDecoder::new(bytes.as_slice()));
    let mut entry = tar
        .entries()
        .expect("entries")
        .next()
        .expect("one")
        .expect("entry");
    let mtime = entry.header().mtime().expect("mtime");
    let mut sink = Vec::new();
    entry.read_to_end(&mut sink).expect("read");
    mtime
}

#[test]
fn source_date_epoch_from_environment() {
    let root = tempfile::tempdir().expect("dir");
    std::fs::write(root.path().join("a.py"), "").expect("write");
    let dirs: Vec<tempfile::TempDir> = (0..6).map(|_| tempfile::tempdir().expect("dir")).collect();

    std::env::remove_var("SOURCE_DATE_EPOCH");
    let unset = wheel_bytes(dirs[0].path());
    assert_eq!(sdist_mtime(root.path(), dirs[0].path()), DEFAULT_EPOCH);

    std::env::set_var("SOURCE_DATE_EPOCH", "1700000000");
    let first = wheel_bytes(dirs[1].path());
    let second = wheel_bytes(dirs[2].path());
    assert!(first == second);
    assert!(first != unset);
    assert_eq!(sdist_mtime(root.path(), dirs[1].path()), 1_700_000_000);

    std::env::set_var("SOURCE_DATE_EPOCH", "1600000000");
    assert!(wheel_bytes(dirs[3].path()) != first);

    // Before 1980 a zip cannot go: clamped to the default.
    std::env::set_var("SOURCE_DATE_EPOCH", "0");
    assert!(wheel_bytes(dirs[4].path()) == unset);

    std::env::set_var("SOURCE_DATE_EPOCH", "yesterday");
    let error = WheelWriter::new(dirs[5].path(), "demo", "1.0", "py3-none-any")
        .err()
        .expect("an error");
    assert!(
        error.message.contains("SOURCE_DATE_EPOCH"),
        "{}",
        error.message
    );
    std::env::remove_var("SOURCE_DATE_EPOCH");
}
