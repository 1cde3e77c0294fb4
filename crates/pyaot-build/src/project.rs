//! pyproject.toml: the `[project]` table (PEP 621, licenses per PEP 639), `[tool.pyaot]` and the
//! `-C` config settings that override it, the project's layout (src/ or flat, as hatchling
//! detects it), and which of its files go into the sdist and the wheel.
//!
//! Every mistake in pyproject.toml is one `Diagnostic` (`bad-pyproject`) pointing at the key or
//! value at fault; toml_edit keeps the spans of both.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use pyaot_diagnostics::{render, Diagnostic, SourceFile, Span};
use toml_edit::{Item, TableLike, Value};

use crate::BuildError;

/// `config_settings` from the frontend (`pip -C key=value`, `python -m build -C key=value`), in
/// order; a key may repeat.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConfigSettings {
    pub entries: Vec<(String, String)>,
}

/// Where the project's Python packages live.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Under `src/`.
    Src,
    /// At the project root.
    Flat,
}

/// The long description and its content type (`text/markdown`, `text/x-rst`, `text/plain`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Readme {
    pub text: String,
    pub content_type: String,
    /// The file it was read from, relative to the root (`None` for inline `text`).
    pub file: Option<String>,
}

/// An author or maintainer; at least one of the two is set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub name: Option<String>,
    pub email: Option<String>,
}

/// `[tool.pyaot]`, after `-C` overrides and layout detection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToolConfig {
    /// `modules`: the source files holding `CC` objects, relative to the root, '/'-separated.
    /// `None` when absent: the backend then finds them itself.
    pub modules: Option<Vec<String>>,
    /// `python-source`: the folder holding the packages, `"src"` or `""` (flat); detected unless set.
    pub python_source: String,
    /// `packages`: top-level import packages (folders) under `python_source`; detected unless set.
    pub packages: Vec<String>,
    /// Top-level single-file modules under `python_source` (`mymod.py`): a flat project's
    /// `<name>.py`, or every `.py` file directly in `src/`.
    pub modules_py: Vec<String>,
    pub sdist_include: Vec<String>,
    pub sdist_exclude: Vec<String>,
    pub wheel_include: Vec<String>,
    pub wheel_exclude: Vec<String>,
    /// `ship-sources` (default true): CC source modules also go into the wheel as `.py`.
    pub ship_sources: bool,
    /// `target-cpu` (default `""`: the baseline of the target).
    pub target_cpu: String,
    /// `verbose` (default false).
    pub verbose: bool,
    /// `editable-rebuild` (default true): editable installs rebuild a stale module on import.
    pub editable_rebuild: bool,
    /// `version-file`: the file whose `__version__` literal is the version when it is dynamic.
    pub version_file: Option<String>,
}

impl Default for ToolConfig {
    fn default() -> ToolConfig {
        ToolConfig {
            modules: None,
            python_source: String::new(),
            packages: Vec::new(),
            modules_py: Vec::new(),
            sdist_include: Vec::new(),
            sdist_exclude: Vec::new(),
            wheel_include: Vec::new(),
            wheel_exclude: Vec::new(),
            ship_sources: true,
            target_cpu: String::new(),
            verbose: false,
            editable_rebuild: true,
            version_file: None,
        }
    }
}

impl ToolConfig {
    pub fn layout(&self) -> Layout {
        if self.python_source.is_empty() {
            Layout::Flat
        } else {
            Layout::Src
        }
    }
}

/// A loaded and validated project.
#[derive(Debug, Clone)]
pub struct Project {
    pub root: PathBuf,
    /// The name as written.
    pub name: String,
    /// PEP 503: lowercase, runs of `-_.` become `-`.
    pub normalized_name: String,
    /// For file names (PEP 427/625): the normalized name with `-` made `_`.
    pub dist_name: String,
    pub version: pep440_rs::Version,
    pub description: Option<String>,
    pub readme: Option<Readme>,
    /// Validated as PEP 440 specifiers; as written.
    pub requires_python: Option<String>,
    /// A PEP 639 SPDX expression, validated and normalised (`mit or apache-2.0` becomes
    /// `MIT OR Apache-2.0`).
    pub license_expression: Option<String>,
    /// The legacy `license = {text = ...}` or `{file = ...}` (the file's content).
    pub license_text: Option<String>,
    /// Paths relative to the root, sorted.
    pub license_files: Vec<String>,
    pub authors: Vec<Person>,
    pub maintainers: Vec<Person>,
    pub keywords: Vec<String>,
    pub classifiers: Vec<String>,
    pub urls: Vec<(String, String)>,
    /// PEP 508 requirements, validated with pep508_rs and kept as written (trimmed).
    pub dependencies: Vec<String>,
    /// Extra names normalised (PEP 685); requirements as written.
    pub optional_dependencies: Vec<(String, Vec<String>)>,
    pub scripts: Vec<(String, String)>,
    pub gui_scripts: Vec<(String, String)>,
    pub entry_points: Vec<(String, Vec<(String, String)>)>,
    pub dynamic: Vec<String>,
    pub tool: ToolConfig,
}

impl Project {
    /// The requirement strings of `dependencies` parsed again (they were validated on load).
    pub fn requirements(&self) -> Vec<pep508_rs::Requirement> {
        self.dependencies
            .iter()
            .filter_map(|d| pep508_rs::Requirement::from_str(d).ok())
            .collect()
    }
}

const PYPROJECT: &str = "pyproject.toml";

/// A byte range in pyproject.toml, where toml_edit knows one.
type TomlSpan = Option<Range<usize>>;

/// A value and where it was written.
type Spanned<T> = (T, TomlSpan);

const PROJECT_KEYS: &[&str] = &[
    "name",
    "version",
    "description",
    "readme",
    "requires-python",
    "license",
    "license-files",
    "authors",
    "maintainers",
    "keywords",
    "classifiers",
    "urls",
    "dependencies",
    "optional-dependencies",
    "scripts",
    "gui-scripts",
    "entry-points",
    "dynamic",
];

const TOOL_KEYS: &[&str] = &[
    "modules",
    "python-source",
    "packages",
    "sdist-include",
    "sdist-exclude",
    "wheel-include",
    "wheel-exclude",
    "ship-sources",
    "target-cpu",
    "verbose",
    "editable-rebuild",
    "version-file",
];

/// Folders never searched for packages, nor packed into an sdist from a plain folder walk.
const NOT_PACKAGES: &[&str] = &[
    "tests",
    "test",
    "docs",
    "doc",
    "examples",
    "example",
    "benches",
    "benchmarks",
    "build",
    "dist",
    "target",
    "venv",
    "env",
];

/// The default `license-files` globs (PEP 639 leaves them to the tool; these are hatchling's).
const DEFAULT_LICENSE_GLOBS: &[&str] = &["LICEN[CS]E*", "COPYING*", "NOTICE*", "AUTHORS*"];

/// Reads, validates and completes `<root>/pyproject.toml`, with `settings` overriding
/// `[tool.pyaot]`.
pub fn load_project(root: &Path, settings: &ConfigSettings) -> Result<Project, BuildError> {
    let path = root.join(PYPROJECT);
    let text = std::fs::read_to_string(&path)
        .map_err(|e| BuildError::new(format!("cannot read {}: {e}", path.display())))?;
    let doc = Doc { text: &text };
    let parsed = toml_edit::Document::parse(text.as_str()).map_err(|e| {
        doc.error(
            e.span(),
            format!("invalid TOML: {}", e.message().trim_end()),
        )
    })?;
    let top = parsed.as_table();

    let Some(project_item) = top.get("project") else {
        return Err(doc.error(
            Some(0..0),
            "missing `[project]` table: pyaot reads the name and version from PEP 621 metadata",
        ));
    };
    let project = doc.table("project", project_item)?;
    doc.check_keys("project", project, PROJECT_KEYS)?;
    // The `[project]` header (or inline table), else the key of dotted `project.x = ...` lines.
    let project_span = project_item
        .span()
        .or(top.key("project").and_then(|k| k.span()));

    let mut tool = ToolConfig::default();
    let mut spans = ToolSpans::default();
    if let Some(tool_item) = top.get("tool") {
        let tool_table = doc.table("tool", tool_item)?;
        if let Some(pyaot) = tool_table.get("pyaot") {
            let pyaot = doc.table("tool.pyaot", pyaot)?;
            doc.check_keys("tool.pyaot", pyaot, TOOL_KEYS)?;
            read_tool(&doc, pyaot, &mut tool, &mut spans)?;
        }
    }
    apply_settings(settings, &mut tool, &mut spans)?;

    let mut loader = Loader {
        doc: &doc,
        root: root.to_path_buf(),
        table: project,
        project_span,
    };
    loader.load(tool, &spans)
}

/// Where each `[tool.pyaot]` value came from, for errors found after the settings are merged.
#[derive(Default)]
struct ToolSpans {
    modules: Vec<Origin>,
    python_source: Option<Origin>,
    packages: Vec<Origin>,
    version_file: Option<Origin>,
}

/// A value's place: in pyproject.toml, or in one `-C key=value` setting.
#[derive(Clone)]
enum Origin {
    Toml(TomlSpan),
    Setting { line: String, span: Range<usize> },
}

/// pyproject.toml's text, for diagnostics.
struct Doc<'a> {
    text: &'a str,
}

impl Doc<'_> {
    fn error(&self, span: TomlSpan, message: impl Into<String>) -> BuildError {
        self.diagnostic(Diagnostic::error("bad-pyproject", message, to_span(span)))
    }

    fn diagnostic(&self, diagnostic: Diagnostic) -> BuildError {
        BuildError::new(render(&diagnostic, &SourceFile::new(PYPROJECT, self.text)))
    }

    fn origin_error(&self, origin: &Origin, message: impl Into<String>) -> BuildError {
        match origin {
            Origin::Toml(span) => self.error(span.clone(), message),
            Origin::Setting { line, span } => setting_error(line, span.clone(), message),
        }
    }

    fn table<'t>(&self, path: &str, item: &'t Item) -> Result<&'t dyn TableLike, BuildError> {
        item.as_table_like().ok_or_else(|| {
            self.error(
                item.span(),
                format!("`{path}` must be a table, found {}", describe(item)),
            )
        })
    }

    fn string(&self, path: &str, item: &Item) -> Result<Spanned<String>, BuildError> {
        match item.as_str() {
            Some(s) => Ok((s.to_string(), item.span())),
            None => Err(self.error(
                item.span(),
                format!("`{path}` must be a string, found {}", describe(item)),
            )),
        }
    }

    fn boolean(&self, path: &str, item: &Item) -> Result<bool, BuildError> {
        item.as_bool().ok_or_else(|| {
            self.error(
                item.span(),
                format!("`{path}` must be a boolean, found {}", describe(item)),
            )
        })
    }

    fn strings(&self, path: &str, item: &Item) -> Result<Vec<Spanned<String>>, BuildError> {
        let Some(array) = item.as_array() else {
            return Err(self.error(
                item.span(),
                format!(
                    "`{path}` must be an array of strings, found {}",
                    describe(item)
                ),
            ));
        };
        array
            .iter()
            .map(|value| match value.as_str() {
                Some(s) => Ok((s.to_string(), value.span())),
                None => Err(self.error(
                    value.span(),
                    format!(
                        "`{path}` must be an array of strings, found {} in it",
                        describe_value(value)
                    ),
                )),
            })
            .collect()
    }

    /// A table of string values, in document order.
    fn string_table(
        &self,
        path: &str,
        item: &Item,
    ) -> Result<Vec<(String, Spanned<String>)>, BuildError> {
        let table = self.table(path, item)?;
        table
            .iter()
            .map(|(key, value)| {
                let value = self.string(&format!("{path}.{}", quote_key(key)), value)?;
                Ok((key.to_string(), value))
            })
            .collect()
    }

    /// The tables of an array of inline tables or of `[[...]]` tables, with their spans.
    fn tables<'t>(
        &self,
        path: &str,
        item: &'t Item,
    ) -> Result<Vec<Spanned<&'t dyn TableLike>>, BuildError> {
        match item {
            Item::ArrayOfTables(array) => Ok(array
                .iter()
                .map(|t| (t as &dyn TableLike, t.span()))
                .collect()),
            Item::Value(Value::Array(array)) => array
                .iter()
                .map(|value| match value {
                    Value::InlineTable(t) => Ok((t as &dyn TableLike, value.span())),
                    other => Err(self.error(
                        other.span(),
                        format!(
                            "`{path}` must be an array of tables, found {} in it",
                            describe_value(other)
                        ),
                    )),
                })
                .collect(),
            other => Err(self.error(
                other.span(),
                format!(
                    "`{path}` must be an array of tables, found {}",
                    describe(other)
                ),
            )),
        }
    }

    fn check_keys(
        &self,
        path: &str,
        table: &dyn TableLike,
        allowed: &[&str],
    ) -> Result<(), BuildError> {
        for (key, _) in table.iter() {
            if allowed.contains(&key) {
                continue;
            }
            let span = table.key(key).and_then(|k| k.span());
            let mut message = format!("unknown key `{key}` in `[{path}]`");
            if let Some(suggestion) = did_you_mean(key, allowed) {
                message.push_str(&format!(", did you mean `{suggestion}`?"));
            }
            return Err(self.error(span, message));
        }
        Ok(())
    }

    /// The span of `inner` (byte offsets into the decoded string) inside the string literal at
    /// `span`, when the literal has no escapes so that the offsets carry over; else the whole
    /// literal.
    fn inner_span(&self, span: TomlSpan, decoded: &str, inner: Range<usize>) -> TomlSpan {
        let span = span?;
        let literal = self.text.get(span.clone())?;
        for quote in ["\"\"\"", "'''", "\"", "'"] {
            if literal.len() >= 2 * quote.len()
                && literal.starts_with(quote)
                && literal.ends_with(quote)
            {
                if &literal[quote.len()..literal.len() - quote.len()] == decoded {
                    let start = span.start + quote.len();
                    let a = inner.start.min(decoded.len());
                    let b = inner.end.clamp(a, decoded.len());
                    return Some(start + a..start + b);
                }
                break;
            }
        }
        Some(span)
    }
}

fn to_span(span: TomlSpan) -> Span {
    span.map_or(Span::new(0, 0), |r| Span::new(r.start as u32, r.end as u32))
}

/// An error in one `-C key=value` setting, rendered against the setting itself.
fn setting_error(line: &str, span: Range<usize>, message: impl Into<String>) -> BuildError {
    let diagnostic = Diagnostic::error("bad-config-setting", message, to_span(Some(span)));
    BuildError::new(render(
        &diagnostic,
        &SourceFile::new("config-settings", line),
    ))
}

fn describe(item: &Item) -> &'static str {
    match item {
        Item::None => "nothing",
        Item::Value(value) => describe_value(value),
        Item::Table(_) => "a table",
        Item::ArrayOfTables(_) => "an array of tables",
    }
}

fn describe_value(value: &Value) -> &'static str {
    match value {
        Value::String(_) => "a string",
        Value::Integer(_) => "an integer",
        Value::Float(_) => "a float",
        Value::Boolean(_) => "a boolean",
        Value::Datetime(_) => "a date-time",
        Value::Array(_) => "an array",
        Value::InlineTable(_) => "a table",
    }
}

fn quote_key(key: &str) -> String {
    if !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        key.to_string()
    } else {
        format!("{key:?}")
    }
}

/// The allowed key closest to a misspelt one, if any is close: `target_cpu` and `targt-cpu`
/// both suggest `target-cpu`.
pub fn did_you_mean<'a>(key: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let normalize = |s: &str| s.to_ascii_lowercase().replace('_', "-");
    let key = normalize(key);
    let mut best: Option<(&'a str, f64)> = None;
    for &candidate in candidates {
        let c = normalize(candidate);
        let score = strsim::normalized_damerau_levenshtein(&key, &c).max(
            // Jaro-Winkler favours a shared prefix (`verb` for `verbose`).
            strsim::jaro_winkler(&key, &c) - 0.15,
        );
        if score >= 0.6 && best.is_none_or(|(_, b)| score > b) {
            best = Some((candidate, score));
        }
    }
    best.map(|(c, _)| c)
}

/// Reads `[tool.pyaot]` into `tool`.
fn read_tool(
    doc: &Doc,
    table: &dyn TableLike,
    tool: &mut ToolConfig,
    spans: &mut ToolSpans,
) -> Result<(), BuildError> {
    let path = |key: &str| format!("tool.pyaot.{key}");
    for (key, item) in table.iter() {
        match key {
            "modules" => {
                let list = doc.strings(&path(key), item)?;
                spans.modules = list.iter().map(|(_, s)| Origin::Toml(s.clone())).collect();
                tool.modules = Some(list.into_iter().map(|(s, _)| s).collect());
            }
            "python-source" => {
                let (s, span) = doc.string(&path(key), item)?;
                spans.python_source = Some(Origin::Toml(span));
                tool.python_source = s;
            }
            "packages" => {
                let list = doc.strings(&path(key), item)?;
                spans.packages = list.iter().map(|(_, s)| Origin::Toml(s.clone())).collect();
                tool.packages = list.into_iter().map(|(s, _)| s).collect();
            }
            "sdist-include" | "sdist-exclude" | "wheel-include" | "wheel-exclude" => {
                let list = doc.strings(&path(key), item)?;
                for (pattern, span) in &list {
                    if let Err(message) =
                        compile_globs(std::slice::from_ref(pattern), GlobStyle::Gitignore)
                    {
                        return Err(doc.error(span.clone(), message));
                    }
                }
                let list: Vec<String> = list.into_iter().map(|(s, _)| s).collect();
                match key {
                    "sdist-include" => tool.sdist_include = list,
                    "sdist-exclude" => tool.sdist_exclude = list,
                    "wheel-include" => tool.wheel_include = list,
                    _ => tool.wheel_exclude = list,
                }
            }
            "ship-sources" => tool.ship_sources = doc.boolean(&path(key), item)?,
            "verbose" => tool.verbose = doc.boolean(&path(key), item)?,
            "editable-rebuild" => tool.editable_rebuild = doc.boolean(&path(key), item)?,
            "target-cpu" => {
                let (cpu, span) = doc.string(&path(key), item)?;
                if let Err(e) = pyaot_compiler::TargetCpu::parse(&cpu) {
                    return Err(doc.error(span, e.to_string()));
                }
                tool.target_cpu = cpu;
            }
            "version-file" => {
                let (s, span) = doc.string(&path(key), item)?;
                spans.version_file = Some(Origin::Toml(span));
                tool.version_file = Some(s);
            }
            _ => {}
        }
    }
    Ok(())
}

/// Applies `-C key=value` settings over `[tool.pyaot]`. A list setting given several times (or
/// with commas) replaces the pyproject list with all of its values.
fn apply_settings(
    settings: &ConfigSettings,
    tool: &mut ToolConfig,
    spans: &mut ToolSpans,
) -> Result<(), BuildError> {
    let mut lists: Vec<(&str, Vec<(String, Origin)>)> = Vec::new();
    for (key, value) in &settings.entries {
        let line = format!("{key}={value}");
        let value_span = key.len() + 1..line.len();
        if !TOOL_KEYS.contains(&key.as_str()) {
            let mut message = format!("unknown config setting `{key}`");
            if let Some(suggestion) = did_you_mean(key, TOOL_KEYS) {
                message.push_str(&format!(", did you mean `{suggestion}`?"));
            }
            message.push_str(&format!(" (known settings: {})", TOOL_KEYS.join(", ")));
            return Err(setting_error(&line, 0..key.len(), message));
        }
        let boolean = || -> Result<bool, BuildError> {
            match value.trim().to_ascii_lowercase().as_str() {
                "true" | "1" | "yes" | "on" => Ok(true),
                "false" | "0" | "no" | "off" => Ok(false),
                _ => Err(setting_error(
                    &line,
                    value_span.clone(),
                    format!(
                        "config setting `{key}` must be a boolean (true/false, 1/0, yes/no), found `{value}`"
                    ),
                )),
            }
        };
        match key.as_str() {
            "ship-sources" => tool.ship_sources = boolean()?,
            "verbose" => tool.verbose = boolean()?,
            "editable-rebuild" => tool.editable_rebuild = boolean()?,
            "target-cpu" => {
                if let Err(e) = pyaot_compiler::TargetCpu::parse(value.trim()) {
                    return Err(setting_error(&line, value_span.clone(), e.to_string()));
                }
                tool.target_cpu = value.trim().to_string();
            }
            "python-source" => {
                tool.python_source = value.trim().to_string();
                spans.python_source = Some(Origin::Setting {
                    line: line.clone(),
                    span: value_span,
                });
            }
            "version-file" => {
                tool.version_file = Some(value.trim().to_string());
                spans.version_file = Some(Origin::Setting {
                    line: line.clone(),
                    span: value_span,
                });
            }
            list_key => {
                let items = split_list(value).into_iter().map(|(item, range)| {
                    let span = value_span.start + range.start..value_span.start + range.end;
                    (
                        item,
                        Origin::Setting {
                            line: line.clone(),
                            span,
                        },
                    )
                });
                match lists.iter_mut().find(|(k, _)| *k == list_key) {
                    Some((_, list)) => list.extend(items),
                    None => lists.push((list_key, items.collect())),
                }
            }
        }
    }
    for (key, items) in lists {
        if matches!(
            key,
            "sdist-include" | "sdist-exclude" | "wheel-include" | "wheel-exclude"
        ) {
            for (pattern, origin) in &items {
                if let (Err(message), Origin::Setting { line, span }) = (
                    compile_globs(std::slice::from_ref(pattern), GlobStyle::Gitignore),
                    origin,
                ) {
                    return Err(setting_error(line, span.clone(), message));
                }
            }
        }
        let (values, origins): (Vec<String>, Vec<Origin>) = items.into_iter().unzip();
        match key {
            "modules" => {
                tool.modules = Some(values);
                spans.modules = origins;
            }
            "packages" => {
                tool.packages = values;
                spans.packages = origins;
            }
            "sdist-include" => tool.sdist_include = values,
            "sdist-exclude" => tool.sdist_exclude = values,
            "wheel-include" => tool.wheel_include = values,
            _ => tool.wheel_exclude = values,
        }
    }
    Ok(())
}

/// `a, b,c` → the trimmed non-empty items with their byte ranges in `value`.
fn split_list(value: &str) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    let mut start = 0;
    for piece in value.split(',') {
        let trimmed = piece.trim();
        if !trimmed.is_empty() {
            let offset = start + (piece.len() - piece.trim_start().len());
            out.push((trimmed.to_string(), offset..offset + trimmed.len()));
        }
        start += piece.len() + 1;
    }
    out
}

/// `project.license`: an SPDX expression, or the legacy table's text (and the file it came from).
#[derive(Default)]
struct License {
    expression: Option<String>,
    text: Option<String>,
    file: Option<String>,
}

/// Reads `[project]`.
struct Loader<'a> {
    doc: &'a Doc<'a>,
    root: PathBuf,
    table: &'a dyn TableLike,
    project_span: TomlSpan,
}

impl Loader<'_> {
    fn get(&self, key: &str) -> Option<&Item> {
        self.table.get(key).filter(|item| !item.is_none())
    }

    fn key_span(&self, key: &str) -> TomlSpan {
        self.table.key(key).and_then(|k| k.span())
    }

    fn load(&mut self, mut tool: ToolConfig, spans: &ToolSpans) -> Result<Project, BuildError> {
        let doc = self.doc;

        // name
        let Some(name_item) = self.get("name") else {
            return Err(doc.error(
                self.project_span.clone(),
                "`project.name` is missing: every project needs a name",
            ));
        };
        let (name, name_span) = doc.string("project.name", name_item)?;
        if !is_valid_name(&name) {
            return Err(doc.error(
                name_span,
                format!(
                    "invalid project name `{name}`: a name is ASCII letters, digits, `-`, `_` and `.`, starting and ending with a letter or digit"
                ),
            ));
        }
        let normalized_name = normalize_name(&name);
        let dist_name = normalized_name.replace('-', "_");

        // dynamic
        let mut dynamic = Vec::new();
        let mut dynamic_span = None;
        if let Some(item) = self.get("dynamic") {
            dynamic_span = item.span();
            for (field, span) in doc.strings("project.dynamic", item)? {
                if field == "name" {
                    return Err(doc.error(span, "`name` cannot be dynamic"));
                }
                if !PROJECT_KEYS.contains(&field.as_str()) {
                    let mut message = format!("`{field}` is not a `[project]` field");
                    if let Some(s) = did_you_mean(&field, PROJECT_KEYS) {
                        message.push_str(&format!(", did you mean `{s}`?"));
                    }
                    return Err(doc.error(span, message));
                }
                if field != "version" {
                    return Err(doc.error(
                        span,
                        format!("pyaot can fill in only `version` dynamically, not `{field}`: set `project.{field}` in pyproject.toml"),
                    ));
                }
                if self.get(&field).is_some() {
                    return Err(doc.error(
                        self.key_span(&field),
                        format!(
                            "`project.{field}` is set here and also listed in `project.dynamic`"
                        ),
                    ));
                }
                dynamic.push(field);
            }
        }

        // layout: needed for a dynamic version
        self.detect_layout(&mut tool, &dist_name, spans)?;

        // version
        let version = match self.get("version") {
            Some(item) => {
                let (text, span) = doc.string("project.version", item)?;
                pep440_rs::Version::from_str(text.trim()).map_err(|e| {
                    doc.error(span, format!("invalid version `{text}` (PEP 440): {e}"))
                })?
            }
            None if dynamic.iter().any(|d| d == "version") => {
                self.dynamic_version(&tool, &dist_name, dynamic_span, spans)?
            }
            None => {
                return Err(doc.error(
                    self.project_span.clone(),
                    "`project.version` is missing: set it, or list \"version\" in `project.dynamic` and define `__version__` in the package",
                ))
            }
        };

        let description = match self.get("description") {
            Some(item) => {
                let (text, span) = doc.string("project.description", item)?;
                if text.contains('\n') {
                    return Err(doc.error(
                        span,
                        "`project.description` must be one line (it is the summary); the long description goes in `readme`",
                    ));
                }
                Some(text)
            }
            None => None,
        };

        let readme = match self.get("readme") {
            Some(item) => Some(self.readme(item)?),
            None => None,
        };

        let requires_python = match self.get("requires-python") {
            Some(item) => {
                let (text, span) = doc.string("project.requires-python", item)?;
                if let Err(e) = pep440_rs::VersionSpecifiers::from_str(&text) {
                    let first = e.to_string();
                    let first = first.lines().next().unwrap_or_default().to_string();
                    return Err(doc.error(
                        span,
                        format!("invalid `requires-python` `{text}` (PEP 440 specifiers): {first}"),
                    ));
                }
                Some(text.trim().to_string())
            }
            None => None,
        };

        let classifiers = self.string_list("classifiers")?;
        let license = self.license(&classifiers)?;
        let license_files = self.license_files(license.file)?;

        let authors = self.people("authors")?;
        let maintainers = self.people("maintainers")?;
        let keywords = self.string_list("keywords")?;
        for (keyword, span) in &keywords {
            if keyword.contains(',') {
                return Err(doc.error(
                    span.clone(),
                    "a keyword cannot contain a comma (Core Metadata joins keywords with commas)",
                ));
            }
        }
        let urls = match self.get("urls") {
            Some(item) => doc
                .string_table("project.urls", item)?
                .into_iter()
                .map(|(k, (v, _))| (k, v))
                .collect(),
            None => Vec::new(),
        };

        let dependencies = match self.get("dependencies") {
            Some(item) => self.requirements("project.dependencies", item)?,
            None => Vec::new(),
        };
        let mut optional_dependencies: Vec<(String, Vec<String>)> = Vec::new();
        if let Some(item) = self.get("optional-dependencies") {
            let table = doc.table("project.optional-dependencies", item)?;
            for (extra, reqs) in table.iter() {
                let key_span = table.key(extra).and_then(|k| k.span());
                let normalized = pep508_rs::ExtraName::from_str(extra)
                    .map_err(|e| {
                        doc.error(
                            key_span.clone(),
                            format!("invalid extra name `{extra}`: {e}"),
                        )
                    })?
                    .to_string();
                if optional_dependencies.iter().any(|(e, _)| *e == normalized) {
                    return Err(doc.error(
                        key_span,
                        format!("extra `{extra}` is defined twice (extra names are compared normalised, as `{normalized}`)"),
                    ));
                }
                let path = format!("project.optional-dependencies.{}", quote_key(extra));
                let reqs = self.requirements(&path, reqs)?;
                optional_dependencies.push((normalized, reqs));
            }
        }

        let scripts = self.scripts("scripts")?;
        let gui_scripts = self.scripts("gui-scripts")?;
        let mut entry_points = Vec::new();
        if let Some(item) = self.get("entry-points") {
            let table = doc.table("project.entry-points", item)?;
            for (group, entries) in table.iter() {
                let key_span = table.key(group).and_then(|k| k.span());
                if group == "console_scripts" || group == "gui_scripts" {
                    let field = group
                        .replace("_scripts", "-scripts")
                        .replace("console-", "");
                    return Err(doc.error(
                        key_span,
                        format!("`{group}` entry points go in `[project.{field}]`, not in `[project.entry-points]`"),
                    ));
                }
                if !is_entry_point_group(group) {
                    return Err(doc.error(
                        key_span,
                        format!("invalid entry point group `{group}`: use dotted words such as `my_app.plugins`"),
                    ));
                }
                let path = format!("project.entry-points.{}", quote_key(group));
                let mut list = Vec::new();
                for (name, (value, span)) in doc.string_table(&path, entries)? {
                    check_entry_point(doc, &name, &value, span, false)?;
                    list.push((name, value));
                }
                entry_points.push((group.to_string(), list));
            }
        }

        if let Some(modules) = &tool.modules {
            for (module, origin) in modules.iter().zip(&spans.modules) {
                check_relative(module).map_err(|m| doc.origin_error(origin, m))?;
                if !module.ends_with(".py") || !self.root.join(module).is_file() {
                    return Err(doc.origin_error(
                        origin,
                        format!("`tool.pyaot.modules` names `{module}`, which is not a Python file of the project"),
                    ));
                }
            }
        }

        Ok(Project {
            root: self.root.clone(),
            name,
            normalized_name,
            dist_name,
            version,
            description,
            readme,
            requires_python,
            license_expression: license.expression,
            license_text: license.text,
            license_files,
            authors,
            maintainers,
            keywords: keywords.into_iter().map(|(k, _)| k).collect(),
            classifiers: classifiers.into_iter().map(|(c, _)| c).collect(),
            urls,
            dependencies,
            optional_dependencies,
            scripts,
            gui_scripts,
            entry_points,
            dynamic,
            tool,
        })
    }

    fn string_list(&self, key: &str) -> Result<Vec<Spanned<String>>, BuildError> {
        match self.get(key) {
            Some(item) => self.doc.strings(&format!("project.{key}"), item),
            None => Ok(Vec::new()),
        }
    }

    fn readme(&self, item: &Item) -> Result<Readme, BuildError> {
        let doc = self.doc;
        if let Some((file, span)) = item.as_str().map(|s| (s.to_string(), item.span())) {
            let lower = file.to_ascii_lowercase();
            let content_type = if lower.ends_with(".md") || lower.ends_with(".markdown") {
                "text/markdown"
            } else if lower.ends_with(".rst") {
                "text/x-rst"
            } else if lower.ends_with(".txt") {
                "text/plain"
            } else {
                return Err(doc.error(
                    span,
                    format!(
                        "cannot tell the content type of readme `{file}` from its extension (.md, .rst or .txt); write `readme = {{file = \"{file}\", content-type = \"text/markdown\"}}`"
                    ),
                ));
            };
            let text = self.read_project_file("readme", &file, span)?;
            return Ok(Readme {
                text,
                content_type: content_type.to_string(),
                file: Some(file),
            });
        }
        let table = doc.table("project.readme", item).map_err(|_| {
            doc.error(
                item.span(),
                format!(
                    "`project.readme` must be a file name or a table, found {}",
                    describe(item)
                ),
            )
        })?;
        doc.check_keys("project.readme", table, &["file", "text", "content-type"])?;
        let file = match table.get("file") {
            Some(i) => Some(doc.string("project.readme.file", i)?),
            None => None,
        };
        let text = match table.get("text") {
            Some(i) => Some(doc.string("project.readme.text", i)?.0),
            None => None,
        };
        let Some(content_type) = table.get("content-type") else {
            return Err(doc.error(
                item.span(),
                "`project.readme` needs a `content-type` (such as \"text/markdown\")",
            ));
        };
        let (content_type, ct_span) = doc.string("project.readme.content-type", content_type)?;
        let base = content_type.split(';').next().unwrap_or_default().trim();
        if !matches!(base, "text/markdown" | "text/x-rst" | "text/plain") {
            return Err(doc.error(
                ct_span,
                format!("unsupported readme content type `{base}`: use text/markdown, text/x-rst or text/plain"),
            ));
        }
        match (file, text) {
            (Some((file, span)), None) => Ok(Readme {
                text: self.read_project_file("readme", &file, span)?,
                content_type,
                file: Some(file),
            }),
            (None, Some(text)) => Ok(Readme {
                text,
                content_type,
                file: None,
            }),
            _ => Err(doc.error(
                item.span(),
                "`project.readme` needs exactly one of `file` and `text`",
            )),
        }
    }

    /// Reads a file named in pyproject.toml (relative to the root) as UTF-8.
    fn read_project_file(
        &self,
        what: &str,
        file: &str,
        span: TomlSpan,
    ) -> Result<String, BuildError> {
        check_relative(file).map_err(|m| self.doc.error(span.clone(), m))?;
        let path = self.root.join(file);
        if !path.is_file() {
            return Err(self
                .doc
                .error(span, format!("{what} file `{file}` does not exist")));
        }
        let bytes = std::fs::read(&path).map_err(|e| {
            self.doc.error(
                span.clone(),
                format!("cannot read {what} file `{file}`: {e}"),
            )
        })?;
        String::from_utf8(bytes).map_err(|_| {
            self.doc
                .error(span, format!("{what} file `{file}` is not UTF-8 text"))
        })
    }

    /// `license`: an SPDX expression (PEP 639), or a legacy `{text}`/`{file}` table.
    fn license(&self, classifiers: &[Spanned<String>]) -> Result<License, BuildError> {
        let doc = self.doc;
        let Some(item) = self.get("license") else {
            return Ok(License::default());
        };
        if let Some(expression) = item.as_str() {
            let normalized = normalize_spdx(expression).map_err(|(message, range)| {
                doc.error(
                    doc.inner_span(item.span(), expression, range),
                    format!("invalid license expression `{expression}` (PEP 639 wants an SPDX expression): {message}"),
                )
            })?;
            if let Some((_, span)) = classifiers
                .iter()
                .find(|(c, _)| c.starts_with("License ::"))
            {
                return Err(doc.error(
                    span.clone(),
                    "a `License ::` classifier cannot be used with a license expression (PEP 639); remove the classifier",
                ));
            }
            return Ok(License {
                expression: Some(normalized),
                ..License::default()
            });
        }
        let table = doc.table("project.license", item).map_err(|_| {
            doc.error(
                item.span(),
                format!(
                    "`project.license` must be an SPDX expression string, found {}",
                    describe(item)
                ),
            )
        })?;
        doc.check_keys("project.license", table, &["text", "file"])?;
        if self.get("license-files").is_some() {
            return Err(doc.error(
                self.key_span("license-files"),
                "`license-files` cannot be used with a legacy `license` table (PEP 639); write `license = \"<SPDX expression>\"`",
            ));
        }
        match (table.get("text"), table.get("file")) {
            (Some(text), None) => Ok(License {
                text: Some(doc.string("project.license.text", text)?.0),
                ..License::default()
            }),
            (None, Some(file)) => {
                let (file, span) = doc.string("project.license.file", file)?;
                let text = self.read_project_file("license", &file, span)?;
                Ok(License {
                    expression: None,
                    text: Some(text),
                    file: Some(file),
                })
            }
            _ => Err(doc.error(
                item.span(),
                "`project.license` needs exactly one of `text` and `file`",
            )),
        }
    }

    fn license_files(&self, legacy_file: Option<String>) -> Result<Vec<String>, BuildError> {
        let doc = self.doc;
        let all = walk_files(&self.root, WalkFilter::Project)?;
        let mut found = Vec::new();
        match self.get("license-files") {
            Some(item) => {
                for (pattern, span) in doc.strings("project.license-files", item)? {
                    if pattern.contains('\\')
                        || pattern.starts_with('/')
                        || pattern.split('/').any(|p| p == "..")
                    {
                        return Err(doc.error(
                            span,
                            format!("license-files pattern `{pattern}` must be relative to the project root, with `/` separators and no `..`"),
                        ));
                    }
                    let set = compile_globs(std::slice::from_ref(&pattern), GlobStyle::Anchored)
                        .map_err(|m| doc.error(span.clone(), m))?;
                    let before = found.len();
                    found.extend(all.iter().filter(|f| set.is_match(f.as_str())).cloned());
                    if found.len() == before {
                        return Err(doc.error(
                            span,
                            format!("license-files pattern `{pattern}` matches no file"),
                        ));
                    }
                }
            }
            None => {
                let patterns: Vec<String> = DEFAULT_LICENSE_GLOBS
                    .iter()
                    .map(|s| s.to_string())
                    .collect();
                let set = compile_globs(&patterns, GlobStyle::Anchored).map_err(BuildError::new)?;
                found.extend(all.iter().filter(|f| set.is_match(f.as_str())).cloned());
                found.extend(legacy_file);
            }
        }
        found.sort();
        found.dedup();
        Ok(found)
    }

    fn people(&self, key: &str) -> Result<Vec<Person>, BuildError> {
        let doc = self.doc;
        let Some(item) = self.get(key) else {
            return Ok(Vec::new());
        };
        let path = format!("project.{key}");
        let mut people = Vec::new();
        for (table, span) in doc.tables(&path, item)? {
            doc.check_keys(&path, table, &["name", "email"])?;
            let name = match table.get("name") {
                Some(i) => Some(doc.string(&format!("{path}.name"), i)?),
                None => None,
            };
            let email = match table.get("email") {
                Some(i) => Some(doc.string(&format!("{path}.email"), i)?),
                None => None,
            };
            if name.is_none() && email.is_none() {
                return Err(doc.error(
                    span,
                    format!("each of `{path}` needs a `name` or an `email`"),
                ));
            }
            if let (Some((n, nspan)), Some(_)) = (&name, &email) {
                if n.contains(',') {
                    return Err(doc.error(
                        nspan.clone(),
                        "a name given with an email cannot contain a comma (it becomes `Name <email>` in a comma-separated list)",
                    ));
                }
            }
            if let Some((e, espan)) = &email {
                if !e.contains('@') || e.contains(char::is_whitespace) {
                    return Err(doc.error(espan.clone(), format!("invalid email address `{e}`")));
                }
            }
            people.push(Person {
                name: name.map(|(n, _)| n),
                email: email.map(|(e, _)| e),
            });
        }
        Ok(people)
    }

    fn requirements(&self, path: &str, item: &Item) -> Result<Vec<String>, BuildError> {
        let doc = self.doc;
        let mut out = Vec::new();
        for (text, span) in doc.strings(path, item)? {
            if let Err(e) = pep508_rs::Requirement::<pep508_rs::VerbatimUrl>::from_str(&text) {
                let start = e.start.min(text.len());
                let end = (e.start + e.len.max(1)).min(text.len()).max(start);
                return Err(doc.error(
                    doc.inner_span(span, &text, start..end),
                    format!("invalid requirement `{text}` (PEP 508): {}", e.message),
                ));
            }
            out.push(text.trim().to_string());
        }
        Ok(out)
    }

    fn scripts(&self, key: &str) -> Result<Vec<(String, String)>, BuildError> {
        let Some(item) = self.get(key) else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        for (name, (value, span)) in self.doc.string_table(&format!("project.{key}"), item)? {
            check_entry_point(self.doc, &name, &value, span, true)?;
            out.push((name, value));
        }
        Ok(out)
    }

    /// Fills in `python_source`, `packages` and `modules_py` where `[tool.pyaot]` leaves them
    /// out, as hatchling would.
    fn detect_layout(
        &self,
        tool: &mut ToolConfig,
        dist_name: &str,
        spans: &ToolSpans,
    ) -> Result<(), BuildError> {
        let doc = self.doc;
        let root = &self.root;
        let source = tool.python_source.trim().trim_end_matches('/').to_string();
        let source = if source == "." { String::new() } else { source };
        match &spans.python_source {
            Some(origin) => {
                if !source.is_empty() {
                    check_relative(&source).map_err(|m| doc.origin_error(origin, m))?;
                    if !root.join(&source).is_dir() {
                        return Err(doc.origin_error(
                            origin,
                            format!("python-source folder `{source}` does not exist"),
                        ));
                    }
                }
                tool.python_source = source;
            }
            None => {
                let src = root.join("src");
                let holds_python = list_dir(&src)?.iter().any(|(name, is_dir)| {
                    if *is_dir {
                        src.join(name).join("__init__.py").is_file()
                    } else {
                        name.ends_with(".py")
                    }
                });
                tool.python_source = if holds_python {
                    "src".to_string()
                } else {
                    String::new()
                };
            }
        }
        let base = root.join(&tool.python_source);
        if !tool.packages.is_empty() || !spans.packages.is_empty() {
            let prefix = format!("{}/", tool.python_source);
            let mut packages = Vec::new();
            for (package, origin) in tool.packages.iter().zip(&spans.packages) {
                let package = package.trim().trim_end_matches('/');
                let package = if tool.python_source.is_empty() {
                    package
                } else {
                    package.strip_prefix(&prefix).unwrap_or(package)
                };
                check_relative(package).map_err(|m| doc.origin_error(origin, m))?;
                if !base.join(package).is_dir() {
                    let shown = join_rel(&tool.python_source, package);
                    return Err(doc
                        .origin_error(origin, format!("package folder `{shown}` does not exist")));
                }
                packages.push(package.to_string());
            }
            tool.packages = packages;
            return Ok(());
        }
        if base.join(dist_name).join("__init__.py").is_file() {
            tool.packages = vec![dist_name.to_string()];
            return Ok(());
        }
        let module = format!("{dist_name}.py");
        if base.join(&module).is_file() {
            tool.modules_py = vec![module];
            return Ok(());
        }
        for (name, is_dir) in list_dir(&base)? {
            if name.starts_with('.') || NOT_PACKAGES.contains(&name.as_str()) {
                continue;
            }
            if is_dir && is_identifier(&name) && base.join(&name).join("__init__.py").is_file() {
                tool.packages.push(name);
            } else if !is_dir
                && tool.layout() == Layout::Src
                && name.strip_suffix(".py").is_some_and(is_identifier)
            {
                tool.modules_py.push(name);
            }
        }
        Ok(())
    }

    /// `dynamic = ["version"]`: the `__version__ = "..."` literal of `version-file`, else of the
    /// package's `__init__.py` (or `_version.py`, `__about__.py`), else of the single module.
    fn dynamic_version(
        &self,
        tool: &ToolConfig,
        dist_name: &str,
        dynamic_span: TomlSpan,
        spans: &ToolSpans,
    ) -> Result<pep440_rs::Version, BuildError> {
        let doc = self.doc;
        let mut candidates: Vec<String> = Vec::new();
        if let Some(file) = &tool.version_file {
            let origin = spans
                .version_file
                .clone()
                .unwrap_or(Origin::Toml(dynamic_span.clone()));
            check_relative(file).map_err(|m| doc.origin_error(&origin, m))?;
            if !self.root.join(file).is_file() {
                return Err(
                    doc.origin_error(&origin, format!("version-file `{file}` does not exist"))
                );
            }
            candidates.push(file.clone());
        } else {
            let mut packages: Vec<&String> = tool.packages.iter().collect();
            packages.sort_by_key(|p| *p != dist_name);
            for package in packages {
                for file in ["__init__.py", "_version.py", "__about__.py"] {
                    candidates.push(join_rel(&tool.python_source, &format!("{package}/{file}")));
                }
            }
            for module in &tool.modules_py {
                candidates.push(join_rel(&tool.python_source, module));
            }
        }
        for rel in &candidates {
            let Ok(text) = std::fs::read_to_string(self.root.join(rel)) else {
                continue;
            };
            if let Some((literal, range)) = find_version_literal(&text) {
                return pep440_rs::Version::from_str(literal.trim()).map_err(|e| {
                    let diagnostic = Diagnostic::error(
                        "bad-pyproject",
                        format!("invalid version `{literal}` (PEP 440): {e}"),
                        to_span(Some(range)),
                    );
                    BuildError::new(render(
                        &diagnostic,
                        &SourceFile::new(rel.clone(), text.clone()),
                    ))
                });
            }
        }
        let looked = if candidates.is_empty() {
            "no package or module was found to read it from".to_string()
        } else {
            format!("looked in {}", candidates.join(", "))
        };
        Err(doc.error(
            dynamic_span,
            format!(
                "`version` is dynamic, but no `__version__ = \"...\"` literal was found ({looked}); set `[tool.pyaot] version-file` or `project.version`"
            ),
        ))
    }
}

fn join_rel(base: &str, rel: &str) -> String {
    if base.is_empty() {
        rel.to_string()
    } else {
        format!("{base}/{rel}")
    }
}

/// A `__version__ = "1.2"` (or `__version__: str = '1.2'`) line at module level: the literal's
/// text and its byte range in `text`.
fn find_version_literal(text: &str) -> Option<(String, Range<usize>)> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let Some(rest) = line.strip_prefix("__version__") else {
            continue;
        };
        let mut rest = rest.trim_start();
        if let Some(annotated) = rest.strip_prefix(':') {
            let annotated = annotated.trim_start();
            let Some(after) = annotated.strip_prefix("str") else {
                continue;
            };
            rest = after.trim_start();
        }
        let Some(value) = rest.strip_prefix('=') else {
            continue;
        };
        let value = value.trim_start();
        let quote = value.chars().next()?;
        if quote != '"' && quote != '\'' {
            continue;
        }
        let body = &value[1..];
        let Some(end) = body.find(quote) else {
            continue;
        };
        let literal = &body[..end];
        let tail = body[end + 1..].trim();
        if literal.contains('\\') || !(tail.is_empty() || tail.starts_with('#')) {
            continue;
        }
        let literal_start = start + (line.len() - value.len()) + 1;
        return Some((
            literal.to_string(),
            literal_start..literal_start + literal.len(),
        ));
    }
    None
}

/// PEP 508 names: ASCII letters and digits, with `-`, `_`, `.` inside.
fn is_valid_name(name: &str) -> bool {
    let bytes = name.as_bytes();
    !bytes.is_empty()
        && bytes[0].is_ascii_alphanumeric()
        && bytes[bytes.len() - 1].is_ascii_alphanumeric()
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// PEP 503: lowercase, with each run of `-`, `_` and `.` made one `-`.
pub fn normalize_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut in_run = false;
    for c in name.chars() {
        if matches!(c, '-' | '_' | '.') {
            if !in_run {
                out.push('-');
            }
            in_run = true;
        } else {
            out.push(c.to_ascii_lowercase());
            in_run = false;
        }
    }
    out
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c == '_' || c.is_alphabetic())
        && chars.all(|c| c == '_' || c.is_alphanumeric())
}

fn is_entry_point_group(group: &str) -> bool {
    !group.is_empty()
        && group.split('.').all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
        })
}

/// An entry point: `package.module:object.attr` (the object part is required for scripts).
fn check_entry_point(
    doc: &Doc,
    name: &str,
    value: &str,
    span: TomlSpan,
    script: bool,
) -> Result<(), BuildError> {
    if name.is_empty() || name.contains('=') || name.trim() != name {
        return Err(doc.error(span, format!("invalid entry point name `{name}`")));
    }
    // A trailing `[extras]` is deprecated but still part of the format.
    let reference = match value.find('[') {
        Some(i) if value.trim_end().ends_with(']') => value[..i].trim(),
        _ => value.trim(),
    };
    let (module, object) = match reference.split_once(':') {
        Some((m, o)) => (m.trim(), Some(o.trim())),
        None => (reference, None),
    };
    let dotted = |s: &str| !s.is_empty() && s.split('.').all(is_identifier);
    let valid = dotted(module) && object.map_or(!script, dotted);
    if !valid {
        let wanted = if script {
            "`module:function`"
        } else {
            "`module` or `module:object`"
        };
        return Err(doc.error(
            span,
            format!("invalid entry point `{value}` for `{name}`: expected {wanted}, with dotted Python names"),
        ));
    }
    Ok(())
}

/// A path written in pyproject.toml: relative, inside the project.
fn check_relative(path: &str) -> Result<(), String> {
    if path.is_empty()
        || path.starts_with('/')
        || path.contains('\\')
        || Path::new(path).is_absolute()
    {
        return Err(format!(
            "`{path}` must be a path relative to the project root, with `/` separators"
        ));
    }
    if path.split('/').any(|p| p == "..") {
        return Err(format!("`{path}` must stay inside the project (no `..`)"));
    }
    Ok(())
}

/// Validates an SPDX license expression and normalises it as PEP 639 asks: license and exception
/// identifiers in their canonical case, operators upper-case, single spaces. On error, the
/// message and the byte range at fault.
pub fn normalize_spdx(expression: &str) -> Result<String, (String, Range<usize>)> {
    // Fix the case of every word in place, so that offsets stay those of the input.
    let mut fixed = String::with_capacity(expression.len());
    let mut previous_word = String::new();
    let mut word_start = None;
    let chars: Vec<(usize, char)> = expression.char_indices().collect();
    let mut i = 0;
    while i <= chars.len() {
        let (pos, c) = chars.get(i).copied().unwrap_or((expression.len(), ' '));
        let boundary = c.is_whitespace() || c == '(' || c == ')';
        match (word_start, boundary) {
            (None, false) => word_start = Some(pos),
            (Some(start), true) => {
                let word = &expression[start..pos];
                let canonical = canonical_spdx_word(word, &previous_word).ok_or_else(|| {
                    (format!("unknown license or exception `{word}`"), start..pos)
                })?;
                fixed.push_str(&canonical);
                previous_word = canonical;
                word_start = None;
            }
            _ => {}
        }
        if boundary && i < chars.len() {
            fixed.push(c);
        }
        i += 1;
    }
    let mode = spdx::ParseMode {
        allow_deprecated: true,
        ..spdx::ParseMode::STRICT
    };
    if let Err(e) = spdx::Expression::parse_mode(&fixed, mode) {
        let message = e.to_string();
        let reason = message.lines().last().unwrap_or_default();
        let reason = reason.trim_start_matches([' ', '^']).trim();
        return Err((reason.to_string(), e.span.clone()));
    }
    // Single spaces, none inside parentheses.
    let spaced = fixed.split_whitespace().collect::<Vec<_>>().join(" ");
    Ok(spaced.replace("( ", "(").replace(" )", ")"))
}

/// One word of an SPDX expression in canonical case, or `None` if it is no known identifier.
fn canonical_spdx_word(word: &str, previous: &str) -> Option<String> {
    for op in ["AND", "OR", "WITH"] {
        if word.eq_ignore_ascii_case(op) {
            return Some(op.to_string());
        }
    }
    for prefix in ["LicenseRef-", "DocumentRef-", "AdditionRef-"] {
        if word.len() >= prefix.len() && word[..prefix.len()].eq_ignore_ascii_case(prefix) {
            return Some(format!("{prefix}{}", &word[prefix.len()..]));
        }
    }
    if previous == "WITH" {
        return spdx::identifiers::EXCEPTIONS
            .iter()
            .find(|e| e.name.eq_ignore_ascii_case(word))
            .map(|e| e.name.to_string());
    }
    let (base, plus) = match word.strip_suffix('+') {
        Some(base) => (base, "+"),
        None => (word, ""),
    };
    spdx::identifiers::LICENSES
        .iter()
        .find(|l| l.name.eq_ignore_ascii_case(base))
        .map(|l| format!("{}{plus}", l.name))
}

/// How a user's glob is read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum GlobStyle {
    /// As in .gitignore: a pattern without `/` matches a name at any depth; others are anchored
    /// at the root. A match on a folder covers everything in it.
    Gitignore,
    /// As PEP 639 `license-files`: anchored at the root, files only.
    Anchored,
}

fn compile_globs(patterns: &[String], style: GlobStyle) -> Result<GlobSet, String> {
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        let mut p = pattern.trim().to_string();
        if style == GlobStyle::Gitignore {
            p = p.trim_start_matches("./").trim_end_matches('/').to_string();
            if let Some(anchored) = p.strip_prefix('/') {
                p = anchored.to_string();
            } else if !p.contains('/') {
                p = format!("**/{p}");
            }
        }
        if p.is_empty() {
            return Err(format!("empty glob pattern `{pattern}`"));
        }
        let glob = GlobBuilder::new(&p)
            .literal_separator(true)
            .backslash_escape(true)
            .build()
            .map_err(|e| format!("invalid glob pattern `{pattern}`: {}", e.kind()))?;
        builder.add(glob);
    }
    builder
        .build()
        .map_err(|e| format!("invalid glob patterns: {e}"))
}

/// A gitignore-style glob set that also matches a file through any of its parent folders.
struct PathGlobs(GlobSet);

impl PathGlobs {
    fn new(patterns: &[String]) -> Result<PathGlobs, BuildError> {
        compile_globs(patterns, GlobStyle::Gitignore)
            .map(PathGlobs)
            .map_err(BuildError::new)
    }

    fn matches(&self, rel: &str) -> bool {
        if self.0.is_empty() {
            return false;
        }
        let mut path = rel;
        loop {
            if self.0.is_match(path) {
                return true;
            }
            match path.rfind('/') {
                Some(i) => path = &path[..i],
                None => return false,
            }
        }
    }
}

/// Which files a folder walk skips.
#[derive(Clone, Copy, PartialEq, Eq)]
enum WalkFilter {
    /// Only version-control folders: for include globs, which may add anything.
    Vcs,
    /// Also caches, virtual environments, build outputs (`build/`, `dist/`, `target/` at the
    /// root), hidden folders, bytecode and compiled extensions.
    Project,
}

const VCS_DIRS: &[&str] = &[".git", ".hg", ".svn", ".bzr", "_darcs", ".jj"];

fn is_compiled(name: &str) -> bool {
    [".pyc", ".pyo", ".so", ".pyd", ".dylib"]
        .iter()
        .any(|ext| name.ends_with(ext))
}

fn skip_entry(filter: WalkFilter, rel_parent: &str, name: &str, is_dir: bool) -> bool {
    if is_dir && VCS_DIRS.contains(&name) {
        return true;
    }
    if filter == WalkFilter::Vcs {
        return false;
    }
    if is_dir {
        name == "__pycache__"
            || name.starts_with('.')
            || name.ends_with(".egg-info")
            || name == "node_modules"
            || (rel_parent.is_empty() && matches!(name, "build" | "dist" | "target" | "venv"))
    } else {
        is_compiled(name)
            || name == ".DS_Store"
            || name.ends_with(".whl.tmp")
            || name.ends_with(".tar.gz.tmp")
    }
}

/// The entries of a folder, sorted by name, as (name, is_dir); empty if it does not exist.
/// Symbolic links to folders are not followed (they could loop).
fn list_dir(dir: &Path) -> Result<Vec<(String, bool)>, BuildError> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for entry in entries {
        let entry =
            entry.map_err(|e| BuildError::new(format!("cannot read {}: {e}", dir.display())))?;
        let name = entry.file_name().into_string().map_err(|n| {
            BuildError::new(format!("file name {n:?} in {} is not UTF-8", dir.display()))
        })?;
        let file_type = entry
            .file_type()
            .map_err(|e| BuildError::new(format!("cannot read {}: {e}", entry.path().display())))?;
        let is_dir = if file_type.is_symlink() {
            // A link to a file counts as the file; a link to a folder is skipped.
            match std::fs::metadata(entry.path()) {
                Ok(meta) if meta.is_file() => false,
                _ => continue,
            }
        } else if file_type.is_dir() {
            true
        } else if file_type.is_file() {
            false
        } else {
            continue;
        };
        out.push((name, is_dir));
    }
    out.sort();
    Ok(out)
}

/// Every file under `root` (relative, '/'-separated, sorted) that the filter keeps.
fn walk_files(root: &Path, filter: WalkFilter) -> Result<Vec<String>, BuildError> {
    let mut out = Vec::new();
    walk_into(root, "", filter, &mut out)?;
    out.sort();
    Ok(out)
}

fn walk_into(
    root: &Path,
    rel: &str,
    filter: WalkFilter,
    out: &mut Vec<String>,
) -> Result<(), BuildError> {
    for (name, is_dir) in list_dir(&root.join(rel))? {
        if skip_entry(filter, rel, &name, is_dir) {
            continue;
        }
        let child = join_rel(rel, &name);
        if is_dir {
            walk_into(root, &child, filter, out)?;
        } else {
            out.push(child);
        }
    }
    Ok(())
}

/// The files git knows in `root` (tracked, plus untracked ones it does not ignore), if `root` is
/// in a git work tree and git runs.
fn git_files(root: &Path) -> Option<Vec<String>> {
    let output = std::process::Command::new("git")
        .args(["ls-files", "-z", "--cached"])
        .current_dir(root)
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    let text = String::from_utf8(output.stdout).ok()?;
    let files: Vec<String> = text
        .split('\0')
        .filter(|f| !f.is_empty())
        .map(str::to_string)
        .collect();
    (!files.is_empty()).then_some(files)
}

/// Which files of the project belong in the sdist (relative '/' paths, sorted): in a git checkout
/// the files git tracks (as the issue asks: untracked files stay out), else every file under the root
/// except version control, caches, virtual environments and build outputs; bytecode and compiled
/// extensions never. Then `sdist-include` globs add and `sdist-exclude` globs remove;
/// pyproject.toml, the readme and the license files are always in.
pub fn sdist_files(project: &Project) -> Result<Vec<String>, BuildError> {
    let root = &project.root;
    let mut files = match git_files(root) {
        Some(files) => files
            .into_iter()
            .filter(|f| {
                // Hidden folders and root build folders that git knows stay: the user chose to
                // commit them. Bytecode, extensions and caches do not.
                let (dirs, name) = f.rsplit_once('/').unwrap_or(("", f));
                let in_skipped_dir = dirs
                    .split('/')
                    .any(|d| d == "__pycache__" || VCS_DIRS.contains(&d));
                !in_skipped_dir
                    && !skip_entry(WalkFilter::Project, dirs, name, false)
                    && root.join(f).is_file()
            })
            .collect(),
        None => walk_files(root, WalkFilter::Project)?,
    };
    if !project.tool.sdist_include.is_empty() {
        let include = PathGlobs::new(&project.tool.sdist_include)?;
        files.extend(
            walk_files(root, WalkFilter::Vcs)?
                .into_iter()
                .filter(|f| include.matches(f)),
        );
    }
    if !project.tool.sdist_exclude.is_empty() {
        let exclude = PathGlobs::new(&project.tool.sdist_exclude)?;
        files.retain(|f| !exclude.matches(f));
    }
    files.push(PYPROJECT.to_string());
    if let Some(file) = project.readme.as_ref().and_then(|r| r.file.clone()) {
        files.push(file);
    }
    files.extend(project.license_files.iter().cloned());
    files.sort();
    files.dedup();
    Ok(files)
}

/// The project's Python files for the wheel, as (path inside the wheel, path relative to the
/// root), sorted: every file under each package folder and each top-level module, except
/// bytecode, caches, hidden files and compiled extensions (the backend adds fresh ones); then
/// `wheel-include` globs add files (placed relative to `python_source` when under it, else
/// relative to the root) and `wheel-exclude` globs remove them, both matched against the
/// root-relative path.
pub fn wheel_python_files(project: &Project) -> Result<Vec<(String, String)>, BuildError> {
    let root = &project.root;
    let source = &project.tool.python_source;
    let mut inside = Vec::new();
    for package in &project.tool.packages {
        let mut files = Vec::new();
        walk_into(&root.join(source), package, WalkFilter::Project, &mut files)?;
        inside.extend(files.into_iter().filter(|f| {
            let name = f.rsplit('/').next().unwrap_or(f);
            !name.starts_with('.')
        }));
    }
    for module in &project.tool.modules_py {
        if root.join(source).join(module).is_file() {
            inside.push(module.clone());
        }
    }
    let mut pairs: Vec<(String, String)> = inside
        .into_iter()
        .map(|f| (f.clone(), join_rel(source, &f)))
        .collect();
    if !project.tool.wheel_include.is_empty() {
        let include = PathGlobs::new(&project.tool.wheel_include)?;
        let prefix = format!("{source}/");
        for rel in walk_files(root, WalkFilter::Vcs)? {
            if !include.matches(&rel) {
                continue;
            }
            let in_wheel = if source.is_empty() {
                rel.clone()
            } else {
                rel.strip_prefix(&prefix).unwrap_or(&rel).to_string()
            };
            pairs.push((in_wheel, rel));
        }
    }
    if !project.tool.wheel_exclude.is_empty() {
        let exclude = PathGlobs::new(&project.tool.wheel_exclude)?;
        pairs.retain(|(_, rel)| !exclude.matches(rel));
    }
    pairs.sort();
    pairs.dedup();
    Ok(pairs)
}
