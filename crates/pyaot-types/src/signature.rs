//! The parser of Numba signature strings such as the `'f8[:](f8[:], i8)'` of `cc.export`.
//!
//! The grammar, as public `cc.export` calls write it (free whitespace between tokens):
//!
//! ```text
//! signature := type? '(' types ')'                          -- no return type: to be inferred
//! types     := (type (',' type)* ','?)?
//! type      := atom ('[' dim (',' dim)* ','? ']')?
//! atom      := path                                          -- float64, nb.f8, numba.types.int32
//!            | path '(' type ',' INT ',' STRING ','? ')'     -- Array(f8, 2, 'C')
//!            | path '(' type ',' INT ','? ')'                -- UniTuple(i8, 2)
//!            | path '(' '(' types ')' ','? ')'               -- Tuple((f8, i8))
//!            | path '(' types ')'                            -- Tuple(f8, i8)
//! path      := (prefix '.')? NAME                            -- prefix: types, nb, numba.types, ...
//! dim       := ':' | '::1'
//! ```
//!
//! Numba evaluates the string as Python with `numba.types` as namespace; pyaot parses it instead,
//! so the names accepted are those `numba.types` exports for the supported types (and Python's
//! `bool`), with the platform-dependent ones (`intp`, `int_`, `long_`, ...) fixed to their LP64
//! meaning.
//!
//! Where Numba is lenient in ways that hide mistakes, this parser is stricter: a slice step other
//! than 1 (`f8[::2]`, which Numba silently treats as `f8[:]`) and `::1` on a dimension other than
//! the first or last, or on two dimensions (which Numba reads as layout 'A' or 'F'), are errors.

mod lexer;

use crate::{Layout, Scalar, Signature, Type};
use lexer::{Token, TokenKind};
use pyaot_diagnostics::{Diagnostic, Span};

/// Diagnostic code for syntax errors, unknown names and bad arguments.
const BAD_SIGNATURE: &str = "bad-signature";
/// Diagnostic code for types Numba knows but pyaot does not compile.
const UNSUPPORTED_TYPE: &str = "unsupported-type";

/// The most dimensions an array may have (NumPy 1's `NPY_MAXDIMS`).
const MAX_NDIM: u64 = 32;
/// The longest `UniTuple` accepted; the limit keeps `UniTuple(i8, 10**9)` from exhausting memory.
const MAX_TUPLE_LEN: u64 = 1024;
/// The deepest nesting of types accepted; the limit keeps the recursive parser's stack bounded.
const MAX_NESTING: u32 = 64;
/// The most parts (scalars, arrays, tuples) one list of types may hold in all; the limit keeps
/// nested tuples such as `UniTuple(UniTuple(UniTuple(i8, 1000), 1000), 1000)` from growing
/// exponentially.
const MAX_PARTS: u64 = 1 << 16;

/// Module paths that may precede a type name, as in `nb.float64` or `numba.types.Array`.
const PREFIXES: [&str; 6] = [
    "types",
    "nb",
    "numba",
    "nb.types",
    "numba.types",
    "numba.core.types",
];

const SUPPORTED_NOTE: &str =
    "pyaot compiles booleans, integers, floats, complex numbers, arrays of those, and tuples";
const SCALAR_NAMES_NOTE: &str =
    "the scalar types are `bool_`, `int8` to `int64`, `uint8` to `uint64`, \
     `float32`, `float64`, `complex64` and `complex128` (short forms `b1`, `i1`..`i8`, `u1`..`u8`, \
     `f4`, `f8`, `c8`, `c16`)";
const PREFIX_NOTE: &str =
    "type names are written bare (`float64`) or as `types.float64`, `nb.float64`, \
     `numba.float64` or `numba.types.float64`";
const TUPLE_NOTE: &str =
    "tuple types are written `UniTuple(float64, 2)` or `Tuple((float64, int64))`";

/// Parses a whole signature such as `f8[:](f8[:], i8)` or, with the return type omitted, `(f8,)`.
///
/// Spans in the error are byte offsets into `text`.
pub fn parse_signature(text: &str) -> Result<Signature, Diagnostic> {
    Parser::new(text, Subject::Signature).signature()
}

/// Parses one type such as `f8[:, ::1]` or `UniTuple(i8, 2)`; `void` is not a type here.
///
/// Spans in the error are byte offsets into `text`.
pub fn parse_type(text: &str) -> Result<Type, Diagnostic> {
    let mut parser = Parser::new(text, Subject::Type);
    let parsed = parser.ty(Position::Standalone)?;
    parser.expect_end()?;
    Ok(parsed.ty)
}

/// Every scalar name `numba.types` exports (and Python's `bool`), with the platform-dependent
/// ones (`intp`, `int_`, `long_`, ...) as on LP64.
const SCALAR_NAMES: [(&str, Scalar); 45] = [
    ("b1", Scalar::Bool),
    ("bool_", Scalar::Bool),
    ("boolean", Scalar::Bool),
    ("bool", Scalar::Bool),
    ("i1", Scalar::I8),
    ("int8", Scalar::I8),
    ("char", Scalar::I8),
    ("i2", Scalar::I16),
    ("int16", Scalar::I16),
    ("short", Scalar::I16),
    ("i4", Scalar::I32),
    ("int32", Scalar::I32),
    ("intc", Scalar::I32),
    ("i8", Scalar::I64),
    ("int64", Scalar::I64),
    ("intp", Scalar::I64),
    ("int_", Scalar::I64),
    ("long_", Scalar::I64),
    ("longlong", Scalar::I64),
    ("u1", Scalar::U8),
    ("uint8", Scalar::U8),
    ("byte", Scalar::U8),
    ("uchar", Scalar::U8),
    ("u2", Scalar::U16),
    ("uint16", Scalar::U16),
    ("ushort", Scalar::U16),
    ("u4", Scalar::U32),
    ("uint32", Scalar::U32),
    ("uintc", Scalar::U32),
    ("u8", Scalar::U64),
    ("uint64", Scalar::U64),
    ("uintp", Scalar::U64),
    ("uint", Scalar::U64),
    ("ulong", Scalar::U64),
    ("ulonglong", Scalar::U64),
    ("f4", Scalar::F32),
    ("float32", Scalar::F32),
    // Numba's `float_` is float32 (C's float), unlike NumPy's `np.float_`.
    ("float_", Scalar::F32),
    ("f8", Scalar::F64),
    ("float64", Scalar::F64),
    ("double", Scalar::F64),
    ("c8", Scalar::C64),
    ("complex64", Scalar::C64),
    ("c16", Scalar::C128),
    ("complex128", Scalar::C128),
];

/// The names that are not scalars: constructors, and the `none` and `void` types.
const OTHER_NAMES: [&str; 5] = ["Array", "UniTuple", "Tuple", "none", "void"];

fn scalar_named(name: &str) -> Option<Scalar> {
    SCALAR_NAMES
        .iter()
        .find(|(known, _)| *known == name)
        .map(|&(_, scalar)| scalar)
}

/// For a name Numba knows but pyaot does not compile, what kind of value it is.
fn unsupported_kind(name: &str) -> Option<&'static str> {
    Some(match name {
        "optional" | "Optional" => "optional values",
        "unicode_type" | "string" | "py2_string_type" | "UnicodeType" | "UnicodeCharSeq"
        | "CharSeq" | "Bytes" | "str" | "bytes" => "strings",
        "List" | "ListType" | "list" | "ReflectedList" | "LiteralList" => "lists",
        "Dict" | "DictType" | "dict" => "dictionaries",
        "Set" | "set" => "sets",
        "CPointer" | "voidptr" | "RawPointer" => "pointers",
        "pyobject" | "object" | "ffi_forced_object" | "Any" => "Python objects",
        "f2" | "float16" => "half-precision floats",
        "NPDatetime" | "NPTimedelta" => "datetimes",
        "Record" => "records (structured dtypes)",
        "NamedTuple" | "NamedUniTuple" => "named tuples",
        "slice2_type" | "slice3_type" | "SliceType" => "slices",
        _ => return None,
    })
}

/// A note for a common wrong name, if there is one.
fn hint_for(name: &str) -> Option<String> {
    let python = |numba: &str, short: &str| {
        format!("Python's `{name}` is not a numba type; write `{numba}` (or `{short}`)")
    };
    match name {
        "int" => return Some(python("int64", "i8")),
        "float" => return Some(python("float64", "f8")),
        "complex" => return Some(python("complex128", "c16")),
        "tuple" => return Some(TUPLE_NOTE.to_owned()),
        "array" => {
            return Some(
                "numba prints arrays as `array(float64, 1d, C)`, but a signature writes them as \
                 `float64[::1]` or `Array(float64, 1, 'C')`"
                    .to_owned(),
            )
        }
        _ => {}
    }
    SCALAR_NAMES
        .iter()
        .map(|&(known, _)| known)
        .chain(OTHER_NAMES)
        .find(|known| known.eq_ignore_ascii_case(name))
        .map(|known| format!("did you mean `{known}`?"))
}

/// What the text is, for "found end of signature" versus "found end of type".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Subject {
    Signature,
    Type,
}

/// Where a type stands; only a return type may be `void`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Position {
    Return,
    Argument,
    /// Inside a tuple or an `Array(...)`.
    Element,
    /// The whole text of [`parse_type`].
    Standalone,
}

/// A parsed type, the span of its text for errors about the type as a whole, and how many parts
/// it has (1 for a scalar or an array, 1 plus its items' parts for a tuple).
struct Parsed {
    ty: Type,
    span: Span,
    parts: u64,
}

/// The error for a type or list of types with more than [`MAX_PARTS`] parts.
fn too_many_parts(at: Span) -> Diagnostic {
    Diagnostic::error(
        UNSUPPORTED_TYPE,
        format!(
            "types with more than {MAX_PARTS} parts (scalars, arrays and tuples) are not supported"
        ),
        at,
    )
}

/// One dimension of `T[...]`: whether it was `::1`, and where it is.
struct Dimension {
    contiguous: bool,
    span: Span,
}

/// A recursive-descent parser over the tokens of one text.
struct Parser<'t> {
    text: &'t str,
    tokens: Vec<Token>,
    /// Index of the next token in `tokens`.
    pos: usize,
    /// End of the last token consumed, for spans of whole constructs.
    prev_end: usize,
    /// How many [`Parser::ty`] calls are active.
    depth: u32,
    subject: Subject,
}

/// A byte offset as the `u32` of a [`Span`], saturating for texts over 4 GiB.
fn offset(at: usize) -> u32 {
    u32::try_from(at).unwrap_or(u32::MAX)
}

fn span(start: usize, end: usize) -> Span {
    Span::new(offset(start), offset(end))
}

fn token_span(token: Token) -> Span {
    span(token.start, token.end)
}

fn bad(message: impl Into<String>, at: Span) -> Diagnostic {
    Diagnostic::error(BAD_SIGNATURE, message, at)
}

impl<'t> Parser<'t> {
    fn new(text: &'t str, subject: Subject) -> Parser<'t> {
        Parser {
            text,
            tokens: lexer::tokenize(text),
            pos: 0,
            prev_end: 0,
            depth: 0,
            subject,
        }
    }

    // ---- token access ----

    fn eof(&self) -> Token {
        Token {
            kind: TokenKind::Eof,
            start: self.text.len(),
            end: self.text.len(),
        }
    }

    fn nth(&self, n: usize) -> Token {
        self.tokens
            .get(self.pos + n)
            .copied()
            .unwrap_or_else(|| self.eof())
    }

    fn peek(&self) -> Token {
        self.nth(0)
    }

    fn at(&self, kind: TokenKind) -> bool {
        self.peek().kind == kind
    }

    /// Consumes and returns the next token; at the end it stays at [`TokenKind::Eof`].
    fn bump(&mut self) -> Token {
        let token = self.peek();
        if token.kind != TokenKind::Eof {
            self.pos += 1;
            self.prev_end = token.end;
        }
        token
    }

    fn eat(&mut self, kind: TokenKind) -> Option<Token> {
        if self.at(kind) {
            Some(self.bump())
        } else {
            None
        }
    }

    fn text_of(&self, token: Token) -> &'t str {
        self.text.get(token.start..token.end).unwrap_or("")
    }

    fn text_between(&self, start: usize, end: usize) -> &'t str {
        self.text.get(start..end).unwrap_or("")
    }

    // ---- errors ----

    /// How the end of the text is named in messages.
    fn end_name(&self) -> &'static str {
        match self.subject {
            Subject::Signature => "end of signature",
            Subject::Type => "end of type",
        }
    }

    /// How a token is named in "found ..." messages.
    fn describe(&self, token: Token) -> String {
        if token.kind == TokenKind::Eof {
            return self.end_name().to_owned();
        }
        let printable: String = self
            .text_of(token)
            .chars()
            .map(|c| {
                if c.is_control() {
                    c.escape_debug().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect();
        format!("`{printable}`")
    }

    /// "expected {expected}, found {next token}", pointing at the next token.
    fn unexpected(&self, expected: &str) -> Diagnostic {
        let token = self.peek();
        if token.kind == TokenKind::UnterminatedStr {
            return bad("unterminated string literal", token_span(token))
                .with_label("missing the closing quote");
        }
        let after = self.nth(1);
        if token.kind == TokenKind::Ident && after.kind == TokenKind::Equals {
            return bad(
                format!(
                    "expected {expected}, found keyword argument `{}=`",
                    self.text_of(token)
                ),
                span(token.start, after.end),
            )
            .with_note(
                "arguments of type constructors are written by position, \
                 e.g. `Array(float64, 2, 'C')`",
            );
        }
        bad(
            format!("expected {expected}, found {}", self.describe(token)),
            token_span(token),
        )
    }

    /// Consumes the closing delimiter `kind` of `open`, or reports what came instead.
    fn expect_closing(
        &mut self,
        kind: TokenKind,
        open: Token,
        expected: &str,
    ) -> Result<Token, Diagnostic> {
        if let Some(token) = self.eat(kind) {
            return Ok(token);
        }
        let diagnostic = self.unexpected(expected);
        Err(self.note_unclosed(diagnostic, open))
    }

    /// At the end of the text, adds a note pointing at the delimiter `open` that is left open.
    fn note_unclosed(&self, diagnostic: Diagnostic, open: Token) -> Diagnostic {
        if !self.at(TokenKind::Eof) {
            return diagnostic;
        }
        let opener = self.text_of(open);
        diagnostic.with_secondary(token_span(open), format!("this `{opener}` is never closed"))
    }

    fn expect_end(&self) -> Result<(), Diagnostic> {
        if self.at(TokenKind::Eof) {
            return Ok(());
        }
        Err(self.unexpected(self.end_name()))
    }

    // ---- signatures ----

    fn signature(&mut self) -> Result<Signature, Diagnostic> {
        if self.text.trim().is_empty() {
            return Err(bad(
                "the signature is empty",
                span(self.text.len(), self.text.len()),
            )
            .with_note(
                "a signature is the return type, then the argument types in parentheses, e.g. \
                 `float64(float64[:], int64)`",
            ));
        }
        let ret = if self.at(TokenKind::LParen) {
            None
        } else {
            Some(self.ty(Position::Return)?.ty)
        };
        let Some(open) = self.eat(TokenKind::LParen) else {
            let diagnostic = self.unexpected("`(` after the return type");
            return Err(if self.at(TokenKind::Eof) {
                diagnostic.with_note(
                    "the argument types follow in parentheses, e.g. `float64(float64)`; \
                     a function without arguments is written `float64()`",
                )
            } else {
                diagnostic
            });
        };
        let (args, _) = self.type_list(open, Position::Argument)?;
        self.expect_end()?;
        Ok(Signature { args, ret })
    }

    /// Comma-separated types up to and including the `)` that closes `open`, and their parts.
    fn type_list(
        &mut self,
        open: Token,
        position: Position,
    ) -> Result<(Vec<Type>, u64), Diagnostic> {
        let mut types = Vec::new();
        let mut parts = 0u64;
        while !self.at(TokenKind::RParen) {
            if !self.at(TokenKind::Ident) {
                // A trailing comma is allowed, so `)` is as good as a type here.
                let diagnostic = self.expected_type("a type or `)`");
                return Err(self.note_unclosed(diagnostic, open));
            }
            let item = self.ty(position)?;
            parts = parts.saturating_add(item.parts);
            if parts > MAX_PARTS {
                return Err(too_many_parts(item.span));
            }
            types.push(item.ty);
            if self.eat(TokenKind::Comma).is_none() {
                break;
            }
        }
        self.expect_closing(TokenKind::RParen, open, "`,` or `)`")?;
        Ok((types, parts))
    }

    // ---- types ----

    fn ty(&mut self, position: Position) -> Result<Parsed, Diagnostic> {
        if self.depth >= MAX_NESTING {
            return Err(bad(
                format!("types are nested too deeply (more than {MAX_NESTING} levels)"),
                token_span(self.peek()),
            ));
        }
        self.depth += 1;
        let parsed = self.ty_unbounded(position);
        self.depth -= 1;
        parsed
    }

    fn ty_unbounded(&mut self, position: Position) -> Result<Parsed, Diagnostic> {
        let first = self.peek();
        if first.kind != TokenKind::Ident {
            return Err(self.expected_type("a type"));
        }
        let name = self.path()?;
        let (ty, parts) = match self.text_of(name) {
            "none" => (Type::None, 1),
            "void" if position == Position::Return => (Type::None, 1),
            "void" => return Err(self.void_outside_return(name, position)),
            "Array" => (self.array_call(name)?, 1),
            "UniTuple" => self.unituple_call(name, first.start)?,
            "Tuple" => self.tuple_call(name)?,
            other => match scalar_named(other) {
                Some(scalar) => (Type::Scalar(scalar), 1),
                None => return Err(self.unknown_name(name)),
            },
        };
        let mut parsed = Parsed {
            ty,
            span: span(first.start, self.prev_end),
            parts,
        };
        while self.at(TokenKind::LBracket) {
            parsed = self.array_suffix(&parsed, first.start)?;
        }
        Ok(parsed)
    }

    /// "expected {expected}, found ..." where a type should start, with a hint for values and
    /// Python tuples.
    fn expected_type(&self, expected: &str) -> Diagnostic {
        let diagnostic = self.unexpected(expected);
        match self.peek().kind {
            TokenKind::LParen => diagnostic.with_note(TUPLE_NOTE),
            TokenKind::Number | TokenKind::Str | TokenKind::Minus => {
                diagnostic.with_note("a signature lists the types of the arguments, not values")
            }
            _ => diagnostic,
        }
    }

    fn void_outside_return(&self, name: Token, position: Position) -> Diagnostic {
        let diagnostic = bad("`void` is only allowed as a return type", token_span(name));
        if position == Position::Argument {
            diagnostic.with_note(
                "a function without arguments is written with empty parentheses, e.g. `float64()`",
            )
        } else {
            diagnostic
        }
    }

    fn unknown_name(&self, name: Token) -> Diagnostic {
        let text = self.text_of(name);
        if let Some(kind) = unsupported_kind(text) {
            return Diagnostic::error(
                UNSUPPORTED_TYPE,
                format!("`{text}` is not supported: pyaot does not compile {kind}"),
                token_span(name),
            )
            .with_note(SUPPORTED_NOTE);
        }
        let diagnostic = bad(format!("unknown type name `{text}`"), token_span(name));
        match hint_for(text) {
            Some(hint) => diagnostic.with_note(hint),
            None => diagnostic.with_note(SCALAR_NAMES_NOTE),
        }
    }

    /// Consumes `name` or `prefix.name` (the parser is at an identifier) and returns the name's
    /// token, after checking that the prefix is one of [`PREFIXES`].
    fn path(&mut self) -> Result<Token, Diagnostic> {
        let first = self.bump();
        let mut name = first;
        let mut prefix_end = None;
        while self.eat(TokenKind::Dot).is_some() {
            let Some(next) = self.eat(TokenKind::Ident) else {
                return Err(self.unexpected("a name after `.`"));
            };
            prefix_end = Some(name.end);
            name = next;
        }
        let Some(prefix_end) = prefix_end else {
            return Ok(name);
        };
        let prefix: String = self
            .text_between(first.start, prefix_end)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if PREFIXES.contains(&prefix.as_str()) {
            return Ok(name);
        }
        let diagnostic = bad(
            format!("unknown module `{prefix}` in a type name"),
            span(first.start, prefix_end),
        );
        let module = self.text_of(first);
        Err(if module == "np" || module == "numpy" {
            diagnostic.with_note(format!(
                "{PREFIX_NOTE}; NumPy's `{}` is not a numba type",
                self.text_between(first.start, name.end)
            ))
        } else {
            diagnostic.with_note(PREFIX_NOTE)
        })
    }

    /// The dtype of an array: `dtype` must be a scalar.
    fn array_dtype(&self, dtype: &Parsed) -> Result<Scalar, Diagnostic> {
        match &dtype.ty {
            Type::Scalar(scalar) => Ok(*scalar),
            other => Err(bad(
                format!("array dtype must be a scalar type, found `{other}`"),
                dtype.span,
            )
            .with_note("arrays hold booleans, integers, floats or complex numbers")),
        }
    }

    /// `[dim, ...]` after the type `base`, which starts at byte `start`.
    fn array_suffix(&mut self, base: &Parsed, start: usize) -> Result<Parsed, Diagnostic> {
        let dtype = self.array_dtype(base)?;
        let open = self.bump();
        let mut dims = Vec::new();
        loop {
            let dim = self.dimension()?;
            if dims.len() as u64 == MAX_NDIM {
                return Err(bad(
                    format!("arrays can have at most {MAX_NDIM} dimensions"),
                    dim.span,
                ));
            }
            dims.push(dim);
            if self.eat(TokenKind::Comma).is_none() || self.at(TokenKind::RBracket) {
                break;
            }
        }
        self.expect_closing(TokenKind::RBracket, open, "`,` or `]`")?;
        let layout = slice_layout(&dims)?;
        let ndim = u8::try_from(dims.len()).unwrap_or(u8::MAX);
        Ok(Parsed {
            ty: Type::array(dtype, ndim, layout),
            span: span(start, self.prev_end),
            parts: 1,
        })
    }

    /// One dimension of `T[...]`: `:` or `::1`.
    fn dimension(&mut self) -> Result<Dimension, Diagnostic> {
        let start = self.peek();
        let is_bound = |kind| {
            matches!(
                kind,
                TokenKind::Number | TokenKind::Ident | TokenKind::Minus | TokenKind::Str
            )
        };
        if start.kind != TokenKind::Colon {
            if is_bound(start.kind) {
                self.bump();
                return Err(self.bad_dimension(start.start));
            }
            return Err(self.unexpected("an array dimension `:` or `::1`"));
        }
        self.bump();
        if self.eat(TokenKind::Colon).is_none() {
            if is_bound(self.peek().kind) {
                self.bump();
                return Err(self.bad_dimension(start.start));
            }
            return Ok(Dimension {
                contiguous: false,
                span: token_span(start),
            });
        }
        let step = self.peek();
        if step.kind == TokenKind::Number && self.text_of(step) == "1" {
            self.bump();
            return Ok(Dimension {
                contiguous: true,
                span: span(start.start, step.end),
            });
        }
        if is_bound(step.kind) {
            self.bump();
            if step.kind == TokenKind::Minus {
                self.eat(TokenKind::Number);
            }
        }
        Err(self.bad_dimension(start.start))
    }

    /// The error for a malformed dimension running from `start` to the last token consumed.
    fn bad_dimension(&self, start: usize) -> Diagnostic {
        let found = self.text_between(start, self.prev_end);
        bad(
            format!("array dimension must be `:` or `::1`, found `{found}`"),
            span(start, self.prev_end),
        )
        .with_note(
            "`:` is a dimension of any stride; `::1` marks the contiguous dimension, \
             the last for C order or the first for Fortran order",
        )
    }

    /// Consumes the `(` after a constructor's name.
    fn open_call(&mut self, name: Token) -> Result<Token, Diagnostic> {
        match self.eat(TokenKind::LParen) {
            Some(open) => Ok(open),
            None => Err(self.unexpected(&format!("`(` after `{}`", self.text_of(name)))),
        }
    }

    /// Consumes an optional trailing comma and the `)` of a call opened by `open`.
    fn close_call(&mut self, open: Token) -> Result<(), Diagnostic> {
        self.eat(TokenKind::Comma);
        self.expect_closing(TokenKind::RParen, open, "`)`")?;
        Ok(())
    }

    fn expect_comma(&mut self, expected: &str) -> Result<(), Diagnostic> {
        match self.eat(TokenKind::Comma) {
            Some(_) => Ok(()),
            None => Err(self.unexpected(expected)),
        }
    }

    /// `Array(dtype, ndim, 'C' | 'F' | 'A')`, after the name.
    fn array_call(&mut self, name: Token) -> Result<Type, Diagnostic> {
        let open = self.open_call(name)?;
        let dtype = self.ty(Position::Element)?;
        let dtype = self.array_dtype(&dtype)?;
        self.expect_comma("`,` and the number of dimensions")?;
        let (ndim, ndim_span) = self.integer("the number of dimensions")?;
        if ndim == 0 {
            return Err(Diagnostic::error(
                UNSUPPORTED_TYPE,
                "zero-dimensional arrays are not supported",
                ndim_span,
            )
            .with_note("pass the element as a scalar instead, e.g. `float64`"));
        }
        if ndim > MAX_NDIM {
            return Err(bad(
                format!("arrays can have at most {MAX_NDIM} dimensions, found {ndim}"),
                ndim_span,
            ));
        }
        self.expect_comma("`,` and the layout 'C', 'F' or 'A'")?;
        let layout = self.layout()?;
        self.close_call(open)?;
        let ndim = u8::try_from(ndim).unwrap_or(u8::MAX);
        Ok(Type::array(dtype, ndim, layout))
    }

    /// The quoted layout argument of `Array(...)`.
    fn layout(&mut self) -> Result<Layout, Diagnostic> {
        let token = self.peek();
        if token.kind != TokenKind::Str {
            let diagnostic = self.unexpected("the layout 'C', 'F' or 'A'");
            let text = self.text_of(token);
            return Err(
                if token.kind == TokenKind::Ident && matches!(text, "C" | "F" | "A") {
                    diagnostic.with_label(format!("write it in quotes: '{text}'"))
                } else {
                    diagnostic
                },
            );
        }
        self.bump();
        let quoted = self.text_of(token);
        match quoted.get(1..quoted.len().saturating_sub(1)).unwrap_or("") {
            "C" => Ok(Layout::C),
            "F" => Ok(Layout::F),
            "A" => Ok(Layout::A),
            _ => Err(bad(
                format!(
                    "array layout must be 'C', 'F' or 'A', found {}",
                    self.describe(token)
                ),
                token_span(token),
            )
            .with_note(
                "'C' is C order (row-major), 'F' is Fortran order (column-major), \
                 'A' is any strides",
            )),
        }
    }

    /// `UniTuple(T, n)`, after the name, which starts at byte `start`; and its parts.
    fn unituple_call(&mut self, name: Token, start: usize) -> Result<(Type, u64), Diagnostic> {
        let open = self.open_call(name)?;
        let item = self.ty(Position::Element)?;
        self.expect_comma("`,` and the tuple length")?;
        let (len, len_span) = self.integer("the tuple length")?;
        if len > MAX_TUPLE_LEN {
            return Err(Diagnostic::error(
                UNSUPPORTED_TYPE,
                format!("tuples of more than {MAX_TUPLE_LEN} elements are not supported"),
                len_span,
            ));
        }
        self.close_call(open)?;
        let parts = item.parts.saturating_mul(len).saturating_add(1);
        if parts > MAX_PARTS {
            return Err(too_many_parts(span(start, self.prev_end)));
        }
        let len = usize::try_from(len).unwrap_or(0);
        Ok((Type::Tuple(vec![item.ty; len]), parts))
    }

    /// `Tuple((T1, T2, ...))`, as Numba writes it, or `Tuple(T1, T2, ...)`, after the name; and
    /// its parts.
    fn tuple_call(&mut self, name: Token) -> Result<(Type, u64), Diagnostic> {
        let open = self.open_call(name)?;
        let (items, parts) = match self.eat(TokenKind::LParen) {
            Some(inner) => {
                let list = self.type_list(inner, Position::Element)?;
                self.close_call(open)?;
                list
            }
            None => self.type_list(open, Position::Element)?,
        };
        Ok((Type::Tuple(items), parts.saturating_add(1)))
    }

    /// A non-negative integer literal, the `what` of a constructor call.
    fn integer(&mut self, what: &str) -> Result<(u64, Span), Diagnostic> {
        let token = self.peek();
        match token.kind {
            TokenKind::Number => {
                self.bump();
                let text = self.text_of(token);
                if !text.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(bad(
                        format!("{what} must be an integer, found `{text}`"),
                        token_span(token),
                    ));
                }
                // Only digits, so the parse fails only on overflow: a count beyond every limit.
                Ok((text.parse().unwrap_or(u64::MAX), token_span(token)))
            }
            TokenKind::Minus => {
                self.bump();
                self.eat(TokenKind::Number);
                let found = self.text_between(token.start, self.prev_end);
                Err(bad(
                    format!("{what} must not be negative, found `{found}`"),
                    span(token.start, self.prev_end),
                ))
            }
            _ => Err(self.unexpected(what)),
        }
    }
}

/// The layout that the `::1` marks of `T[...]` stand for.
fn slice_layout(dims: &[Dimension]) -> Result<Layout, Diagnostic> {
    let mut marked = dims.iter().enumerate().filter(|(_, dim)| dim.contiguous);
    let Some((index, first)) = marked.next() else {
        return Ok(Layout::A);
    };
    if let Some((_, second)) = marked.next() {
        return Err(bad("only one array dimension can be `::1`", second.span)
            .with_secondary(first.span, "the first `::1` is here")
            .with_note(
                "`::1` on the last dimension means C order, on the first dimension Fortran order",
            ));
    }
    if index + 1 == dims.len() {
        Ok(Layout::C)
    } else if index == 0 {
        Ok(Layout::F)
    } else {
        Err(bad(
            "`::1` must be on the last dimension (C order) or the first (Fortran order)",
            first.span,
        ))
    }
}
