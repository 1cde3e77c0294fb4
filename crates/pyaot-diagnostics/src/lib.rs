//! User-facing diagnostics: a code, a message and a span in one source text, and the one renderer
//! that turns them into `path:line:col: error[code]: message` plus the source line and a caret.
//!
//! Architecture Invariant: every mistake a user can make is reported through [`Diagnostic`]; the
//! passes never panic on user input and never format error text of their own.
//!
//! The renderer is hand-written rather than taken from codespan-reporting or annotate-snippets:
//! both of those put their own `error[code]: message` header first and the location on a second
//! line, while pyaot's header must be the single grep-able `path:line:col:` line that compilers,
//! editors and CI log parsers understand. What is left after the header is a dozen lines.

use std::fmt::Write as _;

/// A half-open byte range `start..end` in one source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: u32, end: u32) -> Span {
        Span {
            start,
            end: end.max(start),
        }
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// This span moved right by `offset` bytes (for text embedded in a larger file).
    pub fn shifted(self, offset: u32) -> Span {
        Span::new(self.start + offset, self.end + offset)
    }
}

/// A secondary location with its own short message, e.g. where a conflicting type came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// One user-facing error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// A stable kebab-case code such as `type-mismatch` or `unsupported-syntax`.
    pub code: &'static str,
    pub message: String,
    pub span: Span,
    /// Text shown beside the caret; may be empty.
    pub label: String,
    pub labels: Vec<Label>,
    pub notes: Vec<String>,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>, span: Span) -> Diagnostic {
        Diagnostic {
            code,
            message: message.into(),
            span,
            label: String::new(),
            labels: Vec::new(),
            notes: Vec::new(),
        }
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = label.into();
        self
    }

    pub fn with_secondary(mut self, span: Span, message: impl Into<String>) -> Diagnostic {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Diagnostic {
        self.notes.push(note.into());
        self
    }

    /// Moves every span right by `offset` bytes.
    pub fn shifted(mut self, offset: u32) -> Diagnostic {
        self.span = self.span.shifted(offset);
        for label in &mut self.labels {
            label.span = label.span.shifted(offset);
        }
        self
    }
}

/// The text a diagnostic points into, and the path shown for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> SourceFile {
        SourceFile {
            path: path.into(),
            text: text.into(),
        }
    }

    /// 1-based line and column (in characters) of a byte offset, clamped to the text.
    pub fn line_col(&self, offset: u32) -> (usize, usize) {
        let offset = clamp_to_char_boundary(&self.text, offset as usize);
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = self.text[line_start..offset].chars().count() + 1;
        (line, col)
    }

    /// The byte range of the line holding `offset`, without its newline.
    fn line_range(&self, offset: usize) -> (usize, usize) {
        let offset = clamp_to_char_boundary(&self.text, offset);
        let start = self.text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let end = self.text[offset..]
            .find('\n')
            .map_or(self.text.len(), |i| offset + i);
        (start, end)
    }
}

fn clamp_to_char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Renders one diagnostic as `path:line:col: error[code]: message`, the source line, a caret line,
/// then secondary labels and notes.
pub fn render(diagnostic: &Diagnostic, file: &SourceFile) -> String {
    let (line, col) = file.line_col(diagnostic.span.start);
    let mut out = format!(
        "{}:{}:{}: error[{}]: {}\n",
        file.path, line, col, diagnostic.code, diagnostic.message
    );
    render_snippet(&mut out, file, diagnostic.span, &diagnostic.label);
    for label in &diagnostic.labels {
        let (line, col) = file.line_col(label.span.start);
        let _ = writeln!(
            out,
            "{}:{}:{}: note: {}",
            file.path, line, col, label.message
        );
        render_snippet(&mut out, file, label.span, "");
    }
    for note in &diagnostic.notes {
        let _ = writeln!(out, "  = note: {note}");
    }
    out
}

/// Renders every diagnostic, separated by blank lines.
pub fn render_all(diagnostics: &[Diagnostic], file: &SourceFile) -> String {
    diagnostics
        .iter()
        .map(|d| render(d, file))
        .collect::<Vec<_>>()
        .join("\n")
}

fn render_snippet(out: &mut String, file: &SourceFile, span: Span, label: &str) {
    let (line_no, col) = file.line_col(span.start);
    let (start, end) = file.line_range(span.start as usize);
    let text = file.text[start..end].trim_end_matches('\r');
    let gutter = line_no.to_string().len();
    // The caret covers the span's part on its first line, at least one column wide.
    let span_end = clamp_to_char_boundary(&file.text, (span.end as usize).min(end));
    let span_start = clamp_to_char_boundary(&file.text, span.start as usize).min(span_end);
    let width = file.text[span_start..span_end].chars().count().max(1);
    let pad: String = text
        .chars()
        .take(col - 1)
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    let _ = writeln!(out, "{:gutter$} |", "");
    let _ = writeln!(out, "{line_no} | {text}");
    let carets = "^".repeat(width);
    if label.is_empty() {
        let _ = writeln!(out, "{:gutter$} | {pad}{carets}", "");
    } else {
        let _ = writeln!(out, "{:gutter$} | {pad}{carets} {label}", "");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_header_line_and_caret() {
        let file = SourceFile::new("m.py", "def f(a):\n    return a + \"x\"\n");
        let start = file.text.find("a +").unwrap() as u32;
        let d = Diagnostic::error(
            "type-mismatch",
            "cannot add int64 and str",
            Span::new(start, start + 7),
        )
        .with_label("here");
        let text = render(&d, &file);
        assert_eq!(
            text,
            "m.py:2:12: error[type-mismatch]: cannot add int64 and str\n  |\n2 |     return a + \"x\"\n  |            ^^^^^^^ here\n"
        );
    }

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let file = SourceFile::new("m.py", "é = 1\nx = é\n");
        let offset = file.text.rfind('é').unwrap() as u32;
        assert_eq!(file.line_col(offset), (2, 5));
    }

    #[test]
    fn span_past_end_is_clamped() {
        let file = SourceFile::new("<sig>", "f8(");
        let d = Diagnostic::error("bad-signature", "unexpected end", Span::new(3, 3));
        assert!(render(&d, &file).starts_with("<sig>:1:4: error[bad-signature]: unexpected end\n"));
    }
}
