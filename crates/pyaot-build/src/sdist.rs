//! Source distributions: `<name>-<version>.tar.gz` (PEP 625) holding the project's files and
//! PKG-INFO under `<name>-<version>/`, as a reproducible pax tar (sorted entries, owner 0/0 with
//! empty names, modes 0o644/0o755, every timestamp from `SOURCE_DATE_EPOCH` or 1980-01-01, a
//! gzip header without a file name).

use std::io::Write as _;
use std::path::Path;

use flate2::{Compression, GzBuilder};
use tar::{EntryType, Header};

use crate::wheel::{is_executable, source_date_epoch, PartialFile};
use crate::BuildError;

/// Writes `<out_dir>/<dist_name>-<version>.tar.gz` from `files` (relative to `root`) plus
/// PKG-INFO, under a temporary name first; returns the file name. Timestamps come from
/// `SOURCE_DATE_EPOCH`.
pub fn write_sdist(
    out_dir: &Path,
    dist_name: &str,
    version: &str,
    pkg_info: &str,
    root: &Path,
    files: &[String],
) -> Result<String, BuildError> {
    write_sdist_with_epoch(
        out_dir,
        dist_name,
        version,
        pkg_info,
        root,
        files,
        source_date_epoch()?,
    )
}

/// As [`write_sdist`], with the timestamp given (seconds since 1970).
pub fn write_sdist_with_epoch(
    out_dir: &Path,
    dist_name: &str,
    version: &str,
    pkg_info: &str,
    root: &Path,
    files: &[String],
    epoch: u64,
) -> Result<String, BuildError> {
    let base = format!(
        "{}-{}",
        dist_name.replace('-', "_"),
        version.replace('-', "_")
    );
    let name = format!("{base}.tar.gz");
    let mut entries: Vec<(String, Vec<u8>, bool)> = Vec::with_capacity(files.len() + 1);
    for file in files {
        if file.is_empty() || file.starts_with('/') || file.split('/').any(|p| p == "..") {
            return Err(BuildError::new(format!(
                "invalid path for the sdist: `{file}`"
            )));
        }
        if file == "PKG-INFO" {
            // The generated one replaces any stale copy in the tree.
            continue;
        }
        let path = root.join(file);
        let data = std::fs::read(&path)
            .map_err(|e| BuildError::new(format!("cannot read {}: {e}", path.display())))?;
        entries.push((format!("{base}/{file}"), data, is_executable(&path)));
    }
    entries.push((
        format!("{base}/PKG-INFO"),
        pkg_info.as_bytes().to_vec(),
        false,
    ));
    entries.sort();
    entries.dedup_by(|a, b| a.0 == b.0);

    let (partial, file) = PartialFile::create(out_dir, &name)?;
    let write_error = |e: std::io::Error| {
        BuildError::new(format!("cannot write {}: {e}", partial.path().display()))
    };
    // gzip keeps a 32-bit time; a later SOURCE_DATE_EPOCH is clamped.
    let gz = GzBuilder::new()
        .mtime(u32::try_from(epoch).unwrap_or(u32::MAX))
        .write(file, Compression::default());
    let mut tar = tar::Builder::new(gz);
    for (path, data, executable) in &entries {
        append(&mut tar, path, data, *executable, epoch).map_err(write_error)?;
    }
    let gz = tar.into_inner().map_err(write_error)?;
    let mut file = gz.finish().map_err(write_error)?;
    file.flush().map_err(write_error)?;
    file.sync_all().map_err(write_error)?;
    drop(file);
    partial.keep(&name)?;
    Ok(name)
}

fn base_header(size: u64, mode: u32, epoch: u64, entry_type: EntryType) -> std::io::Result<Header> {
    let mut header = Header::new_ustar();
    header.set_size(size);
    header.set_mode(mode);
    header.set_uid(0);
    header.set_gid(0);
    header.set_username("")?;
    header.set_groupname("")?;
    header.set_mtime(epoch);
    header.set_entry_type(entry_type);
    Ok(header)
}

/// One regular file. A path that ustar cannot hold (longer than its name and prefix fields, or
/// not ASCII) goes in a pax extended header before it, as Python's tarfile writes it.
fn append<W: std::io::Write>(
    tar: &mut tar::Builder<W>,
    path: &str,
    data: &[u8],
    executable: bool,
    epoch: u64,
) -> std::io::Result<()> {
    let mode = if executable { 0o755 } else { 0o644 };
    let mut header = base_header(data.len() as u64, mode, epoch, EntryType::Regular)?;
    let fits = path.is_ascii() && header.set_path(path).is_ok();
    if !fits {
        let record = pax_record("path", path);
        let mut pax = base_header(record.len() as u64, 0o644, epoch, EntryType::XHeader)?;
        pax.set_path("././@PaxHeader")?;
        pax.set_cksum();
        tar.append(&pax, record.as_bytes())?;
        // The ustar name is only a fallback for readers without pax; keep its ASCII tail.
        let fallback: String = path
            .chars()
            .rev()
            .filter(char::is_ascii)
            .take(99)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let fallback = fallback.trim_start_matches('/');
        header.set_path(if fallback.is_empty() {
            "file"
        } else {
            fallback
        })?;
    }
    header.set_cksum();
    tar.append(&header, data)
}

/// A pax record: `<length> <key>=<value>\n`, where the length counts the whole record.
fn pax_record(key: &str, value: &str) -> String {
    let rest = format!(" {key}={value}\n");
    let mut length = rest.len() + 1;
    while format!("{length}{rest}").len() != length {
        length += 1;
    }
    format!("{length}{rest}")
}
