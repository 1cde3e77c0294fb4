//! Wheels: identical bytes from identical inputs and timestamps, a RECORD that matches every
//! entry (checked with hashes computed here), the WHEEL file's expanded tags, and nothing left
//! behind by a wheel that is not finished.

use std::io::Read as _;
use std::path::Path;

use base64::Engine as _;
use pyaot_build::wheel::{write_dist_info_dir, WheelWriter};
use sha2::Digest as _;

const TAG: &str = "cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64";
const METADATA: &str = "Metadata-Version: 2.4\nName: demo\nVersion: 1.0\nLicense-Expression: MIT\nLicense-File: LICENSE\n";
const ENTRY_POINTS: &str = "[console_scripts]\ndemo = demo.cli:main\n";

fn build(out: &Path, epoch: u64) -> (String, Vec<u8>) {
    let mut wheel = WheelWriter::with_epoch(out, "demo", "1.0", TAG, epoch).expect("writer");
    // Added out of order, with an executable and a path that needs CSV quoting.
    wheel
        .add_bytes("demo/z_last.py", b"Z = 1\n", false)
        .expect("add");
    wheel
        .add_bytes("demo/__init__.py", b"", false)
        .expect("add");
    wheel
        .add_bytes("demo/bin/tool", b"#!/bin/sh\necho hi\n", true)
        .expect("add");
    wheel
        .add_bytes("demo/data,with,commas.txt", b"a,b\n", false)
        .expect("add");
    wheel
        .add_bytes(
            "demo/kernels.cpython-311-x86_64-linux-gnu.so",
            &[0x7f, b'E', b'L', b'F', 0, 1, 2],
            false,
        )
        .expect("add");
    let name = wheel
        .finish(
            METADATA,
            Some(ENTRY_POINTS),
            &[("LICENSE".to_string(), b"MIT License\n".to_vec())],
        )
        .expect("finish");
    let bytes = std::fs::read(out.join(&name)).expect("read wheel");
    (name, bytes)
}

fn archive(bytes: &[u8]) -> zip::ZipArchive<std::io::Cursor<Vec<u8>>> {
    zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).expect("zip")
}

#[test]
fn wheel_is_deterministic() {
    let a = tempfile::tempdir().expect("dir");
    let b = tempfile::tempdir().expect("dir");
    let (name_a, bytes_a) = build(a.path(), 1_700_000_000);
    let (name_b, bytes_b) = build(b.path(), 1_700_000_000);
    assert_eq!(name_a, format!("demo-1.0-{TAG}.whl"));
    assert_eq!(name_a, name_b);
    assert!(
        bytes_a == bytes_b,
        "same inputs and epoch gave different bytes"
    );

    let c = tempfile::tempdir().expect("dir");
    let (_, bytes_c) = build(c.path(), 1_600_000_000);
    assert!(
        bytes_a != bytes_c,
        "a different epoch must change the timestamps"
    );

    // Only the finished wheel is left in the folder.
    let left: Vec<String> = std::fs::read_dir(a.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, vec![name_a]);
}

#[test]
fn wheel_layout_and_record() {
    let dir = tempfile::tempdir().expect("dir");
    let (_, bytes) = build(dir.path(), 1_700_000_000);
    let mut zip = archive(&bytes);
    let names: Vec<String> = (0..zip.len())
        .map(|i| {
            zip.by_index(i)
                .expect("entry")
                .name()
                .expect("name")
                .to_string()
        })
        .collect();
    assert_eq!(
        names,
        vec![
            "demo/__init__.py",
            "demo/bin/tool",
            "demo/data,with,commas.txt",
            "demo/kernels.cpython-311-x86_64-linux-gnu.so",
            "demo/z_last.py",
            "demo-1.0.dist-info/METADATA",
            "demo-1.0.dist-info/WHEEL",
            "demo-1.0.dist-info/entry_points.txt",
            "demo-1.0.dist-info/licenses/LICENSE",
            "demo-1.0.dist-info/RECORD",
        ]
    );

    let mut contents = Vec::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).expect("entry");
        let name = entry.name().expect("name").to_string();
        let mode = entry.unix_mode().expect("unix mode") & 0o777;
        let expected_mode = if name == "demo/bin/tool" {
            0o755
        } else {
            0o644
        };
        assert_eq!(mode, expected_mode, "{name}");
        let time = entry.last_modified().expect("time");
        // 1_700_000_000 is 2023-11-14T22:13:20Z.
        assert_eq!(
            (
                time.year(),
                time.month(),
                time.day(),
                time.hour(),
                time.minute(),
                time.second()
            ),
            (2023, 11, 14, 22, 13, 20)
        );
        let mut data = Vec::new();
        entry.read_to_end(&mut data).expect("read");
        contents.push((name, data));
    }

    let wheel = String::from_utf8(contents[6].1.clone()).expect("utf8");
    assert_eq!(
        wheel,
        format!(
            "Wheel-Version: 1.0\nGenerator: pyaot {}\nRoot-Is-Purelib: false\nTag: cp311-cp311-manylinux_2_17_x86_64\nTag: cp311-cp311-manylinux2014_x86_64\n",
            env!("CARGO_PKG_VERSION")
        )
    );
    assert_eq!(contents[5].1, METADATA.as_bytes());
    assert_eq!(contents[7].1, ENTRY_POINTS.as_bytes());

    // RECORD: read with a CSV reader, every hash and size recomputed here.
    let (record_name, record) = contents.last().expect("record");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(record.as_slice());
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.expect("row").iter().map(str::to_string).collect())
        .collect();
    assert_eq!(rows.len(), contents.len());
    for (row, (name, data)) in rows.iter().zip(&contents) {
        assert_eq!(&row[0], name);
        if name == record_name {
            assert_eq!(row[1..], ["", ""]);
            continue;
        }
        let digest = sha2::Sha256::digest(data);
        let hash = format!(
            "sha256={}",
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(digest.as_slice())
        );
        assert_eq!(row[1], hash, "{name}");
        assert!(!row[1].ends_with('='), "no base64 padding");
        assert_eq!(row[2], data.len().to_string(), "{name}");
    }
    let text = String::from_utf8(record.clone()).expect("utf8");
    assert!(
        text.contains("\n\"demo/data,with,commas.txt\",sha256="),
        "{text}"
    );
    assert!(text.ends_with("demo-1.0.dist-info/RECORD,,\n"), "{text}");
    assert!(!text.contains('\r'));
}

#[test]
fn unfinished_wheel_leaves_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    {
        let mut wheel =
            WheelWriter::with_epoch(dir.path(), "demo", "1.0", "py3-none-any", 0).expect("writer");
        wheel
            .add_bytes("demo/__init__.py", b"", false)
            .expect("add");
        assert!(dir.path().join("demo-1.0-py3-none-any.whl.tmp").exists());
        // Dropped without finish, as when compiling fails half-way.
    }
    assert_eq!(std::fs::read_dir(dir.path()).expect("list").count(), 0);

    // Bad input is refused before anything is written.
    let mut wheel =
        WheelWriter::with_epoch(dir.path(), "demo", "1.0", "py3-none-any", 0).expect("writer");
    assert!(wheel.add_bytes("../escape.py", b"", false).is_err());
    assert!(wheel
        .add_bytes("demo-1.0.dist-info/METADATA", b"", false)
        .is_err());
    wheel.add_bytes("demo/a.py", b"", false).expect("add");
    assert!(wheel.add_bytes("demo/a.py", b"", false).is_err());
    assert!(WheelWriter::with_epoch(dir.path(), "demo", "1.0", "py3-none", 0).is_err());
}

#[test]
fn dist_info_folder() {
    let dir = tempfile::tempdir().expect("dir");
    let name = write_dist_info_dir(
        dir.path(),
        "demo",
        "1.0",
        TAG,
        METADATA,
        None,
        &[("licenses/third/BSD.txt".to_string(), b"BSD\n".to_vec())],
    )
    .expect("dist-info");
    assert_eq!(name, "demo-1.0.dist-info");
    let root = dir.path().join(&name);
    assert_eq!(
        std::fs::read_to_string(root.join("METADATA")).expect("read"),
        METADATA
    );
    assert!(std::fs::read_to_string(root.join("WHEEL"))
        .expect("read")
        .contains("Root-Is-Purelib: false\nTag: cp311-cp311-manylinux_2_17_x86_64\n"));
    assert_eq!(
        std::fs::read(root.join("licenses/licenses/third/BSD.txt")).expect("read"),
        b"BSD\n"
    );
    assert!(!root.join("entry_points.txt").exists());
    // Only the folder is left, no temporary one.
    assert_eq!(std::fs::read_dir(dir.path()).expect("list").count(), 1);
}
