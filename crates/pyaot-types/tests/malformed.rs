//! The signature parser never panics: every prefix, deletion and insertion of valid signatures,
//! a stream of pseudo-random strings and absurdly deep nesting all come back as `Ok` or as a
//! diagnostic whose span lies inside the text.

use pyaot_diagnostics::{render, Diagnostic, SourceFile};
use pyaot_types::{parse_signature, parse_type};

const VALID: [&str; 12] = [
    "f8[:](f8[:], f8[:])",
    "void(uint8[:, :, ::1], intp, intp)",
    "(f8, i8,)",
    "nb.float64[::1, :](numba.types.int32, types.b1)",
    "Array(f8, 2, 'C')(Array(c16, 3, \"F\"), f4[:, ::1])",
    "UniTuple(f8, 2)(Tuple((i8, f8[:])), UniTuple(i4[:], 2))",
    "Tuple(i8, Tuple((b1, u2)))()",
    "none(nb.types.Array(nb.types.int16, 1, 'A'),)",
    "  f8 [ : ] ( f8 [ : , :: 1 ] , UniTuple ( i8 , 2 ) )  ",
    "f8(\n    f8[:],\n    i8,\n)",
    "complex128(complex64, uint64, boolean)",
    "()",
];

/// Checks the invariants every error must keep, and that it renders.
fn check_error(text: &str, diagnostic: &Diagnostic) {
    let (start, end) = (diagnostic.span.start as usize, diagnostic.span.end as usize);
    assert!(
        start <= end && end <= text.len(),
        "span {start}..{end} outside `{text:?}`"
    );
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "span splits a character in {text:?}"
    );
    assert!(
        matches!(diagnostic.code, "bad-signature" | "unsupported-type"),
        "unexpected code {} for {text:?}",
        diagnostic.code
    );
    assert!(!diagnostic.message.is_empty(), "empty message for {text:?}");
    if diagnostic.message.contains("found end of") {
        assert_eq!(
            (start, end),
            (text.len(), text.len()),
            "end-of-input error not at the end of {text:?}"
        );
    }
    let rendered = render(diagnostic, &SourceFile::new("<signature>", text));
    assert!(rendered.starts_with("<signature>:"), "{rendered}");
}

/// Parses `text` as a signature and as a type, checking any error.
fn parse_both(text: &str) {
    if let Err(diagnostic) = parse_signature(text) {
        check_error(text, &diagnostic);
    }
    if let Err(diagnostic) = parse_type(text) {
        check_error(text, &diagnostic);
    }
}

fn char_boundaries(text: &str) -> Vec<usize> {
    (0..=text.len())
        .filter(|&i| text.is_char_boundary(i))
        .collect()
}

#[test]
fn valid_signatures_parse() {
    for text in VALID {
        assert!(
            parse_signature(text).is_ok(),
            "{text:?}: {:?}",
            parse_signature(text)
        );
    }
}

#[test]
fn every_proper_prefix_of_a_valid_signature_is_an_error() {
    for text in VALID {
        let trimmed = text.trim_end();
        for end in char_boundaries(trimmed) {
            let prefix = &trimmed[..end];
            parse_both(prefix);
            if end < trimmed.len() {
                match parse_signature(prefix) {
                    Ok(signature) => {
                        panic!("prefix {prefix:?} of {text:?} parsed as {signature:?}")
                    }
                    Err(diagnostic) => check_error(prefix, &diagnostic),
                }
            }
        }
    }
}

#[test]
fn deleting_any_character_never_panics() {
    for text in VALID {
        for (i, c) in text.char_indices() {
            let mut mutated = text.to_owned();
            mutated.replace_range(i..i + c.len_utf8(), "");
            parse_both(&mutated);
        }
    }
}

#[test]
fn inserting_any_token_anywhere_never_panics() {
    let insertions = [
        "(",
        ")",
        "[",
        "]",
        ",",
        ":",
        "::",
        ".",
        "-",
        "=",
        "'",
        "\"",
        "1",
        "0",
        "2.5",
        "x",
        "f8",
        "é",
        "@",
        "\0",
        " ",
        "void",
        "Array",
        "UniTuple(",
        "Tuple((",
        "::1",
        "99999999999999999999",
    ];
    for text in VALID {
        for at in char_boundaries(text) {
            for insertion in insertions {
                let mutated = format!("{}{insertion}{}", &text[..at], &text[at..]);
                parse_both(&mutated);
            }
        }
    }
}

#[test]
fn pseudo_random_token_soup_never_panics() {
    let pieces = [
        "f8", "i4", "void", "none", "nb", "types", "Array", "UniTuple", "Tuple", "optional", "(",
        ")", "[", "]", ",", ":", "::1", "::", ".", "'C'", "'X'", "\"F\"", "'", "1", "2", "0", "-1",
        "33", " ", "\n", "é", "=",
    ];
    // A fixed linear congruential generator keeps the test reproducible without a dependency.
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |bound: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize % bound
    };
    for _ in 0..20_000 {
        let len = next(16);
        let text: String = (0..len).map(|_| pieces[next(pieces.len())]).collect();
        parse_both(&text);
    }
}

#[test]
fn malformed_strings_are_errors() {
    let malformed = [
        "",
        " ",
        "(",
        ")",
        "[",
        "]",
        ",",
        ":",
        "f8(",
        "f8)",
        "f8((",
        "f8(()",
        "f8[",
        "f8[:",
        "f8[:,",
        "f8[::",
        "f8[::1",
        "f8[:]",
        "f8[:](",
        "Array",
        "Array(",
        "Array(f8",
        "Array(f8,",
        "Array(f8, 2",
        "Array(f8, 2,",
        "Array(f8, 2, 'C'",
        "Array(f8, 2, 'C',",
        "UniTuple(",
        "UniTuple(f8,",
        "UniTuple(f8, 2",
        "Tuple(",
        "Tuple((",
        "Tuple((f8",
        "Tuple((f8,)",
        "nb.",
        "nb..f8()",
        ".f8()",
        "f8.()",
        "'f8'(f8)",
        "\"",
        "'",
        "f8(f8))",
        "f8(f8]",
        "f8[)",
        "-f8()",
        "f8(-)",
        "f8(=)",
        "==",
        "f8 f8",
        "f8(f8 f8)",
        "\0",
        "é",
        "f8(é)",
        "void[:]()",
        "none[::1]()",
        "f8[:, :][::1]()",
        "UniTuple(f8, 1)[:]()",
        "Array(f8[:], 1, 'C')()",
        "Array(f8, -2, 'C')()",
        "Array(f8, x, 'C')()",
        "Array(f8, 1, '')()",
        "Array(f8, 1, 'CC')()",
        "UniTuple(f8, 2, 3)()",
        "UniTuple(f8, f8)()",
        "Tuple(1)()",
        "f8(f8)(",
        "f8(,)",
        "(,)",
        "f8[,]()",
    ];
    for text in malformed {
        match parse_signature(text) {
            Ok(signature) => panic!("{text:?} parsed as {signature:?}"),
            Err(diagnostic) => check_error(text, &diagnostic),
        }
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    for opener in [
        "UniTuple(",
        "Tuple((",
        "Tuple(",
        "Array(",
        "(",
        "[",
        "f8[:][",
    ] {
        let text = format!("f8({})", opener.repeat(100_000));
        match parse_signature(&text) {
            Ok(signature) => panic!("{opener} nested parsed as {signature:?}"),
            Err(diagnostic) => check_error(&text, &diagnostic),
        }
    }
    // `i8` inside 63 tuples is 64 levels of types, the most accepted.
    let nest = |tuples: usize| {
        (0..tuples).fold("i8".to_owned(), |inner, _| format!("UniTuple({inner}, 1)"))
    };
    assert!(
        parse_signature(&format!("f8({})", nest(63))).is_ok(),
        "64 levels of types should parse"
    );
    let diagnostic = parse_signature(&format!("f8({})", nest(64)))
        .err()
        .map(|d| d.message);
    assert_eq!(
        diagnostic.as_deref(),
        Some("types are nested too deeply (more than 64 levels)")
    );
}

#[test]
fn nested_tuples_cannot_grow_exponentially() {
    let code = |text: &str| parse_signature(text).err().map(|d| d.code);
    // 2^63 parts if it were built.
    let doubling = (0..63).fold("i8".to_owned(), |inner, _| format!("UniTuple({inner}, 2)"));
    assert_eq!(code(&format!("f8({doubling})")), Some("unsupported-type"));
    assert_eq!(
        code("f8(UniTuple(UniTuple(UniTuple(i8, 1000), 1000), 1000))"),
        Some("unsupported-type")
    );
    let wide = ["UniTuple(UniTuple(i8, 255), 255)"; 3].join(", ");
    assert_eq!(
        code(&format!("f8(Tuple(({wide})))")),
        Some("unsupported-type")
    );
    assert_eq!(code(&format!("({wide})")), Some("unsupported-type"));
    // 1 + 255 * (1 + 255) = 65281 parts is within the limit.
    assert!(parse_signature("(UniTuple(UniTuple(i8, 255), 255))").is_ok());
}
