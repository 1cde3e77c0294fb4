//! Wheels (PEP 427, names per PEP 491): the zip with its `.dist-info` (METADATA, WHEEL,
//! entry_points.txt, licenses/ per PEP 639, RECORD last), written reproducibly: sorted entries,
//! fixed permissions, every timestamp from `SOURCE_DATE_EPOCH` or 1980-01-01, so that two builds
//! of the same inputs give the same bytes. A wheel appears under its final name only when
//! complete.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use sha2::Digest as _;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::BuildError;

/// The timestamp used when `SOURCE_DATE_EPOCH` is not set: 1980-01-01T00:00:00Z, the earliest a
/// zip can hold.
pub const DEFAULT_EPOCH: u64 = 315_532_800;

/// `SOURCE_DATE_EPOCH` (seconds since 1970), or [`DEFAULT_EPOCH`] when unset or empty.
pub fn source_date_epoch() -> Result<u64, BuildError> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(text) if !text.trim().is_empty() => text.trim().parse::<u64>().map_err(|_| {
            BuildError::new(format!(
                "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, found `{text}`"
            ))
        }),
        _ => Ok(DEFAULT_EPOCH),
    }
}

/// A file being written under a temporary name: removed on drop unless [`PartialFile::keep`]
/// renamed it to its final name.
pub(crate) struct PartialFile {
    temp: PathBuf,
    done: bool,
}

impl PartialFile {
    /// Creates `<dir>/<name>.tmp` (and `dir` if needed).
    pub(crate) fn create(dir: &Path, name: &str) -> Result<(PartialFile, File), BuildError> {
        std::fs::create_dir_all(dir)
            .map_err(|e| BuildError::new(format!("cannot create {}: {e}", dir.display())))?;
        let temp = dir.join(format!("{name}.tmp"));
        let file = File::create(&temp)
            .map_err(|e| BuildError::new(format!("cannot create {}: {e}", temp.display())))?;
        Ok((PartialFile { temp, done: false }, file))
    }

    /// Renames the finished file to `<dir>/<name>`.
    pub(crate) fn keep(mut self, name: &str) -> Result<(), BuildError> {
        let target = self.temp.with_file_name(name);
        std::fs::rename(&self.temp, &target).map_err(|e| {
            BuildError::new(format!(
                "cannot rename {} to {}: {e}",
                self.temp.display(),
                target.display()
            ))
        })?;
        self.done = true;
        Ok(())
    }

    pub(crate) fn path(&self) -> &Path {
        &self.temp
    }
}

impl Drop for PartialFile {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}

/// `1.0-rc1` cannot happen in a normalised version, but a file name part must never hold `-`.
fn name_part(part: &str) -> String {
    part.replace('-', "_")
}

/// The `.dist-info` folder name.
pub fn dist_info_name(dist_name: &str, version: &str) -> String {
    format!("{}-{}.dist-info", name_part(dist_name), name_part(version))
}

/// The tags of a compressed tag set: `cp310-abi3-manylinux_2_17_x86_64.manylinux2014_x86_64`
/// holds two.
pub fn expand_tags(tag: &str) -> Result<Vec<String>, BuildError> {
    let parts: Vec<&str> = tag.split('-').collect();
    let [python, abi, platform] = parts.as_slice() else {
        return Err(BuildError::new(format!(
            "invalid wheel tag `{tag}`: expected python-abi-platform"
        )));
    };
    let mut tags = Vec::new();
    for p in python.split('.') {
        for a in abi.split('.') {
            for plat in platform.split('.') {
                if p.is_empty() || a.is_empty() || plat.is_empty() {
                    return Err(BuildError::new(format!(
                        "invalid wheel tag `{tag}`: empty part"
                    )));
                }
                tags.push(format!("{p}-{a}-{plat}"));
            }
        }
    }
    Ok(tags)
}

/// The files of the `.dist-info` folder other than RECORD, as (path from the wheel root, bytes),
/// sorted.
fn dist_info_files(
    dist_info: &str,
    tag: &str,
    metadata: &str,
    entry_points: Option<&str>,
    license_files: &[(String, Vec<u8>)],
) -> Result<Vec<(String, Vec<u8>)>, BuildError> {
    let mut wheel = format!(
        "Wheel-Version: 1.0\nGenerator: pyaot {}\nRoot-Is-Purelib: false\n",
        env!("CARGO_PKG_VERSION")
    );
    for t in expand_tags(tag)? {
        wheel.push_str(&format!("Tag: {t}\n"));
    }
    let mut files = vec![
        (
            format!("{dist_info}/METADATA"),
            metadata.as_bytes().to_vec(),
        ),
        (format!("{dist_info}/WHEEL"), wheel.into_bytes()),
    ];
    if let Some(entry_points) = entry_points {
        files.push((
            format!("{dist_info}/entry_points.txt"),
            entry_points.as_bytes().to_vec(),
        ));
    }
    for (path, data) in license_files {
        check_archive_path(path)?;
        files.push((format!("{dist_info}/licenses/{path}"), data.clone()));
    }
    files.sort();
    if let Some(pair) = files.windows(2).find(|w| w[0].0 == w[1].0) {
        return Err(BuildError::new(format!(
            "the wheel would hold {} twice",
            pair[0].0
        )));
    }
    Ok(files)
}

/// A path inside an archive: relative, '/'-separated, no `..`.
fn check_archive_path(path: &str) -> Result<(), BuildError> {
    if path.is_empty()
        || path.starts_with('/')
        || path.ends_with('/')
        || path.contains('\\')
        || path
            .split('/')
            .any(|p| p.is_empty() || p == "." || p == "..")
    {
        return Err(BuildError::new(format!("invalid path in wheel: `{path}`")));
    }
    Ok(())
}

/// `sha256=<urlsafe base64 without padding>`, as RECORD wants.
pub fn record_hash(data: &[u8]) -> String {
    let digest = sha2::Sha256::digest(data);
    format!(
        "sha256={}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(digest.as_slice())
    )
}

/// The civil date (UTC) of a Unix time, clamped to what a zip timestamp can hold.
fn zip_datetime(epoch: u64) -> Result<DateTime, BuildError> {
    // 2107-12-31T23:59:58Z is the last DOS timestamp.
    let epoch = epoch.clamp(DEFAULT_EPOCH, 4_354_819_198);
    let days = (epoch / 86_400) as i64;
    let secs = epoch % 86_400;
    // Howard Hinnant's days-to-civil algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    DateTime::from_date_and_time(
        year as u16,
        month as u8,
        day as u8,
        (secs / 3600) as u8,
        (secs / 60 % 60) as u8,
        (secs % 60) as u8,
    )
    .map_err(|_| BuildError::new(format!("timestamp {epoch} does not fit in a zip")))
}

/// A wheel being written. Files are collected first and written sorted on [`WheelWriter::finish`].
pub struct WheelWriter {
    partial: Option<PartialFile>,
    file: Option<File>,
    final_name: String,
    dist_info: String,
    tag: String,
    mtime: DateTime,
    entries: BTreeMap<String, (Vec<u8>, bool)>,
}

impl WheelWriter {
    /// Opens `<out_dir>/<dist_name>-<version>-<tag>.whl.tmp` for writing (renamed on finish,
    /// removed on drop if unfinished). Timestamps come from `SOURCE_DATE_EPOCH`.
    pub fn new(
        out_dir: &Path,
        dist_name: &str,
        version: &str,
        tag: &str,
    ) -> Result<WheelWriter, BuildError> {
        WheelWriter::with_epoch(out_dir, dist_name, version, tag, source_date_epoch()?)
    }

    /// As [`WheelWriter::new`], with the timestamp given (seconds since 1970).
    pub fn with_epoch(
        out_dir: &Path,
        dist_name: &str,
        version: &str,
        tag: &str,
        epoch: u64,
    ) -> Result<WheelWriter, BuildError> {
        expand_tags(tag)?;
        let final_name = format!("{}-{}-{tag}.whl", name_part(dist_name), name_part(version));
        let (partial, file) = PartialFile::create(out_dir, &final_name)?;
        Ok(WheelWriter {
            partial: Some(partial),
            file: Some(file),
            final_name,
            dist_info: dist_info_name(dist_name, version),
            tag: tag.to_string(),
            mtime: zip_datetime(epoch)?,
            entries: BTreeMap::new(),
        })
    }

    /// The wheel's final file name.
    pub fn file_name(&self) -> &str {
        &self.final_name
    }

    pub fn add_bytes(
        &mut self,
        path_in_wheel: &str,
        data: &[u8],
        executable: bool,
    ) -> Result<(), BuildError> {
        check_archive_path(path_in_wheel)?;
        if path_in_wheel.split('/').next() == Some(self.dist_info.as_str()) {
            return Err(BuildError::new(format!(
                "{path_in_wheel}: the .dist-info folder is written by finish()"
            )));
        }
        if self.entries.contains_key(path_in_wheel) {
            return Err(BuildError::new(format!(
                "the wheel would hold {path_in_wheel} twice"
            )));
        }
        self.entries
            .insert(path_in_wheel.to_string(), (data.to_vec(), executable));
        Ok(())
    }

    /// Adds a file's content; it is executable in the wheel if its owner may execute it.
    pub fn add_file(&mut self, path_in_wheel: &str, source: &Path) -> Result<(), BuildError> {
        let data = std::fs::read(source)
            .map_err(|e| BuildError::new(format!("cannot read {}: {e}", source.display())))?;
        self.add_bytes(path_in_wheel, &data, is_executable(source))
    }

    /// Writes the files, then the .dist-info (METADATA, WHEEL with one `Tag:` per tag of the
    /// compressed tag set, entry_points.txt, licenses/<path>), then RECORD last, and renames the
    /// wheel to its final name, which it returns.
    pub fn finish(
        mut self,
        metadata: &str,
        entry_points: Option<&str>,
        license_files: &[(String, Vec<u8>)],
    ) -> Result<String, BuildError> {
        let (Some(partial), Some(file)) = (self.partial.take(), self.file.take()) else {
            return Err(BuildError::new("wheel writer used after finish"));
        };
        let dist_info = dist_info_files(
            &self.dist_info,
            &self.tag,
            metadata,
            entry_points,
            license_files,
        )?;
        let entries = std::mem::take(&mut self.entries);
        let mut files: Vec<(String, Vec<u8>, bool)> = entries
            .into_iter()
            .map(|(path, (data, exec))| (path, data, exec))
            .collect();
        files.extend(
            dist_info
                .into_iter()
                .map(|(path, data)| (path, data, false)),
        );

        let mut record = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        let record_path = format!("{}/RECORD", self.dist_info);
        let write_error = |e: &dyn std::fmt::Display| {
            BuildError::new(format!("cannot write {}: {e}", partial.path().display()))
        };
        let mut zip = ZipWriter::new(file);
        for (path, data, executable) in &files {
            self.write_entry(&mut zip, path, data, *executable)
                .map_err(|e| write_error(&e))?;
            record
                .write_record([path.as_str(), &record_hash(data), &data.len().to_string()])
                .map_err(|e| write_error(&e))?;
        }
        record
            .write_record([record_path.as_str(), "", ""])
            .map_err(|e| write_error(&e))?;
        let record = record.into_inner().map_err(|e| write_error(&e))?;
        self.write_entry(&mut zip, &record_path, &record, false)
            .map_err(|e| write_error(&e))?;
        let file = zip.finish().map_err(|e| write_error(&e))?;
        file.sync_all().map_err(|e| write_error(&e))?;
        drop(file);
        partial.keep(&self.final_name)?;
        Ok(self.final_name.clone())
    }

    fn write_entry(
        &self,
        zip: &mut ZipWriter<File>,
        path: &str,
        data: &[u8],
        executable: bool,
    ) -> Result<(), zip::result::ZipError> {
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .last_modified_time(self.mtime)
            .unix_permissions(if executable { 0o755 } else { 0o644 })
            .large_file(data.len() >= 0xFFFF_FFFF);
        zip.start_file(path, options)?;
        zip.write_all(data)?;
        Ok(())
    }
}

/// Whether the file's owner may execute it (never, off Unix).
#[cfg(unix)]
pub(crate) fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o100 != 0)
}

#[cfg(not(unix))]
pub(crate) fn is_executable(_path: &Path) -> bool {
    false
}

/// The .dist-info folder alone (PEP 517 `prepare_metadata_for_build_wheel`), without RECORD
/// (which PEP 517 does not ask for there): written under a temporary name, then renamed.
/// Returns its name.
pub fn write_dist_info_dir(
    out_dir: &Path,
    dist_name: &str,
    version: &str,
    tag: &str,
    metadata: &str,
    entry_points: Option<&str>,
    license_files: &[(String, Vec<u8>)],
) -> Result<String, BuildError> {
    let name = dist_info_name(dist_name, version);
    let files = dist_info_files(&name, tag, metadata, entry_points, license_files)?;
    let temp_name = format!("{name}.tmp");
    let temp = out_dir.join(&temp_name);
    let fail = |e: std::io::Error, path: &Path| {
        let _ = std::fs::remove_dir_all(&temp);
        BuildError::new(format!("cannot write {}: {e}", path.display()))
    };
    if temp.exists() {
        std::fs::remove_dir_all(&temp).map_err(|e| fail(e, &temp))?;
    }
    for (path, data) in &files {
        // `path` starts with the folder's own name; write it under the temporary one.
        let inside = path.strip_prefix(&format!("{name}/")).unwrap_or(path);
        let target = temp.join(inside);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| fail(e, parent))?;
        }
        std::fs::write(&target, data).map_err(|e| fail(e, &target))?;
    }
    let final_dir = out_dir.join(&name);
    if final_dir.exists() {
        std::fs::remove_dir_all(&final_dir).map_err(|e| fail(e, &final_dir))?;
    }
    std::fs::rename(&temp, &final_dir).map_err(|e| fail(e, &final_dir))?;
    Ok(name)
}
