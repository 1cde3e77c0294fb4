//! Core Metadata (METADATA in a wheel, PKG-INFO in an sdist) and entry_points.txt, written from a
//! loaded [`Project`] at the lowest Metadata-Version its fields need.

use std::fmt::Write as _;
use std::str::FromStr;

use crate::project::{Person, Project};

/// The lowest Core Metadata version that holds every field written for `project`: 2.4 for
/// `License-Expression` and `License-File` (PEP 639), else 2.1 (`Description-Content-Type`,
/// `Provides-Extra`). 2.2 would be needed for `Dynamic:`, which is never written: the backend
/// resolves a dynamic version before writing metadata.
pub fn metadata_version(project: &Project) -> &'static str {
    if project.license_expression.is_some() || !project.license_files.is_empty() {
        "2.4"
    } else {
        "2.1"
    }
}

/// The METADATA (== PKG-INFO) text, fields in the order hatchling and uv write them, the readme
/// as the message body.
pub fn core_metadata(project: &Project) -> String {
    let mut out = String::new();
    let mut field = |name: &str, value: &str| {
        let _ = writeln!(out, "{name}: {}", fold(value));
    };
    field("Metadata-Version", metadata_version(project));
    field("Name", &project.name);
    field("Version", &project.version.to_string());
    if let Some(summary) = &project.description {
        field("Summary", summary);
    }
    for (label, url) in &project.urls {
        field("Project-URL", &format!("{label}, {url}"));
    }
    for (header, people) in [
        ("Author", &project.authors),
        ("Maintainer", &project.maintainers),
    ] {
        let (names, emails) = people_fields(people);
        if !names.is_empty() {
            field(header, &names);
        }
        if !emails.is_empty() {
            field(&format!("{header}-email"), &emails);
        }
    }
    if let Some(text) = &project.license_text {
        field("License", text.trim_end());
    }
    if let Some(expression) = &project.license_expression {
        field("License-Expression", expression);
    }
    for file in &project.license_files {
        field("License-File", file);
    }
    if !project.keywords.is_empty() {
        field("Keywords", &project.keywords.join(","));
    }
    for classifier in &project.classifiers {
        field("Classifier", classifier);
    }
    if let Some(requires) = &project.requires_python {
        field("Requires-Python", requires);
    }
    for requirement in &project.dependencies {
        field("Requires-Dist", &requires_dist(requirement, None));
    }
    for (extra, requirements) in &project.optional_dependencies {
        field("Provides-Extra", extra);
        for requirement in requirements {
            field("Requires-Dist", &requires_dist(requirement, Some(extra)));
        }
    }
    if let Some(readme) = &project.readme {
        field("Description-Content-Type", &readme.content_type);
        out.push('\n');
        out.push_str(&readme.text);
        if !readme.text.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

/// A header value on one line, or folded onto continuation lines (eight spaces, as setuptools
/// writes a multi-line `License`).
fn fold(value: &str) -> String {
    value
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n        ")
}

/// `Author` (names of people without an email) and `Author-email` (`Name <email>` or `email`),
/// as PEP 621 maps them.
fn people_fields(people: &[Person]) -> (String, String) {
    let mut names = Vec::new();
    let mut emails = Vec::new();
    for person in people {
        match (&person.name, &person.email) {
            (Some(name), None) => names.push(name.clone()),
            (None, Some(email)) => emails.push(email.clone()),
            (Some(name), Some(email)) => emails.push(format!("{} <{email}>", display_name(name))),
            (None, None) => {}
        }
    }
    (names.join(", "), emails.join(", "))
}

/// An RFC 5322 display name: quoted when it holds special characters, as Python's
/// `email.headerregistry.Address` writes it.
fn display_name(name: &str) -> String {
    if name.chars().any(|c| "()<>@,:;.\"[]\\".contains(c)) {
        format!("\"{}\"", name.replace('\\', "\\\\").replace('"', "\\\""))
    } else {
        name.to_string()
    }
}

/// A `Requires-Dist` value: the requirement with pep508_rs's normal spelling of the name,
/// extras and version (`numpy>=1.22` for `numpy >= 1.22`), and its marker as written (pep508_rs
/// would rewrite `python_version < '3.11'` as `python_full_version < '3.11'`); for an extra,
/// `and extra == "name"` is added, the requirement's own marker kept in parentheses.
pub fn requires_dist(requirement: &str, extra: Option<&str>) -> String {
    type Requirement = pep508_rs::Requirement<pep508_rs::VerbatimUrl>;
    let Ok(parsed) = Requirement::from_str(requirement) else {
        // Validated when the project was loaded; keep the text if it ever gets here.
        return requirement.trim().to_string();
    };
    let mut bare = parsed.clone();
    bare.marker = pep508_rs::MarkerTree::TRUE;
    let spec = bare.to_string();
    let marker = if parsed.marker.is_true() {
        None
    } else {
        Some(
            marker_as_written(requirement, &parsed)
                .unwrap_or_else(|| parsed.marker.try_to_string().unwrap_or_default()),
        )
    };
    // After a URL the `;` needs a space before it, or it would be read as part of the URL.
    let separator = match parsed.version_or_url {
        Some(pep508_rs::VersionOrUrl::Url(_)) => " ; ",
        _ => "; ",
    };
    match (marker, extra) {
        (None, None) => spec,
        (Some(marker), None) => format!("{spec}{separator}{marker}"),
        (None, Some(extra)) => format!("{spec}{separator}extra == \"{extra}\""),
        (Some(marker), Some(extra)) => {
            format!("{spec}{separator}({marker}) and extra == \"{extra}\"")
        }
    }
}

/// The marker of a requirement as written: the text after the first `;` whose left side parses
/// as the same requirement without a marker (a URL may hold a `;` of its own).
fn marker_as_written(requirement: &str, parsed: &pep508_rs::Requirement) -> Option<String> {
    requirement.match_indices(';').find_map(|(i, _)| {
        let left =
            pep508_rs::Requirement::<pep508_rs::VerbatimUrl>::from_str(requirement[..i].trim())
                .ok()?;
        (left.marker.is_true()
            && left.name == parsed.name
            && left.extras == parsed.extras
            && left.version_or_url == parsed.version_or_url)
            .then(|| requirement[i + 1..].trim().to_string())
    })
}

/// entry_points.txt: `[console_scripts]`, `[gui_scripts]`, then the other groups in the order
/// written; `None` when the project has no entry points.
pub fn entry_points_txt(project: &Project) -> Option<String> {
    let mut groups: Vec<(&str, &[(String, String)])> = Vec::new();
    if !project.scripts.is_empty() {
        groups.push(("console_scripts", &project.scripts));
    }
    if !project.gui_scripts.is_empty() {
        groups.push(("gui_scripts", &project.gui_scripts));
    }
    for (group, entries) in &project.entry_points {
        if !entries.is_empty() {
            groups.push((group, entries));
        }
    }
    if groups.is_empty() {
        return None;
    }
    let sections: Vec<String> = groups
        .into_iter()
        .map(|(group, entries)| {
            let mut section = format!("[{group}]\n");
            for (name, value) in entries {
                let _ = writeln!(section, "{name} = {value}");
            }
            section
        })
        .collect();
    Some(sections.join("\n"))
}
