//! Signature strings that must be rejected, each snapshotted as the user sees the error: the
//! `path:line:col: error[code]: message` header, the source line and the caret.

use pyaot_diagnostics::{render, SourceFile};
use pyaot_types::{parse_signature, parse_type};

fn render_signature_error(text: &str) -> String {
    match parse_signature(text) {
        Ok(signature) => panic!("`{text}` parsed, as {signature:?}"),
        Err(diagnostic) => render(&diagnostic, &SourceFile::new("<signature>", text)),
    }
}

fn render_type_error(text: &str) -> String {
    match parse_type(text) {
        Ok(ty) => panic!("`{text}` parsed, as {ty:?}"),
        Err(diagnostic) => render(&diagnostic, &SourceFile::new("<type>", text)),
    }
}

/// One test per bad signature, snapshotted under the test's name.
macro_rules! bad_signatures {
    ($($name:ident: $text:expr,)*) => {$(
        #[test]
        fn $name() {
            insta::assert_snapshot!(stringify!($name), render_signature_error($text));
        }
    )*};
}

bad_signatures! {
    // Names.
    unknown_scalar_name: "f9(f8)",
    python_builtin_float: "float(f8)",
    wrong_case_name: "f8(Float64)",
    numpy_prefix: "f8(np.float64)",
    unknown_prefix: "f8(numba.typez.float64)",
    optional_is_unsupported: "optional(f8)(f8)",
    unicode_type_is_unsupported: "unicode_type(f8)",
    prefixed_unicode_type_is_unsupported: "f8(types.unicode_type)",
    list_is_unsupported: "list(f8)",
    dict_is_unsupported: "f8(Dict(i8, f8))",
    float16_is_unsupported: "f2(f8)",
    numba_printed_array_form: "f8(array(float64, 1d, C))",
    void_argument: "f8(void)",
    void_in_tuple: "f8(UniTuple(void, 2))",

    // Structure.
    empty: "",
    only_whitespace: "   ",
    missing_argument_list: "f8",
    unclosed_argument_list: "f8(f8",
    unclosed_argument_list_after_comma: "f8(f8, ",
    double_comma: "f8(f8,,f8)",
    value_as_argument: "i4[:](i4[:], 3)",
    text_after_signature: "f8(f8) extra",
    second_argument_list: "f8(f8)(f8)",
    parenthesised_tuple_argument: "f8((f8, f8))",
    unknown_character: "f8(f8 @ f8)",
    dot_without_name: "f8(nb.)",
    error_on_third_line: "f8(\n    f8[:],\n    f9,\n)",

    // Slices.
    slice_not_closed: "f8[:(f8)",
    slice_closed_by_paren: "f8[:)(f8)",
    slice_step_two: "f8[::2](f8)",
    slice_empty_step: "f8[::](f8)",
    slice_with_stop: "f8[:3](f8)",
    slice_with_start: "f8[1:](f8)",
    slice_index: "f8[0](f8)",
    no_dimensions: "f8[](f8)",
    two_contiguous_dimensions: "f8[::1, ::1](f8[:])",
    contiguous_middle_dimension: "f8(f8[:, ::1, :])",
    thirty_three_dimensions: "f8(f8[:, :, :, :, :, :, :, :, :, :, :, :, :, :, :, :, :, :, :, :, :, :, :, :, :, :, :, :, :, :, :, :, :])",
    array_of_arrays: "f8(f8[:][:])",
    array_of_tuples: "f8(UniTuple(f8, 2)[:])",

    // Array(...).
    array_zero_dimensions: "Array(f8, 0, 'C')(f8)",
    array_too_many_dimensions: "Array(f8, 33, 'C')(f8)",
    array_bad_layout: "Array(f8, 2, 'X')(f8)",
    array_missing_layout: "Array(f8, 2)(f8)",
    array_unquoted_layout: "Array(f8, 2, C)(f8)",
    array_keyword_layout: "Array(f8, 2, layout='C')(f8)",
    array_extra_keyword: "Array(f8, 2, 'C', readonly=True)(f8)",
    array_unterminated_layout: "Array(f8, 2, 'C)(f8)",
    array_tuple_dtype: "f8(Array(UniTuple(f8, 2), 1, 'C'))",
    array_without_arguments: "f8(Array)",

    // Tuples.
    unituple_missing_length: "UniTuple(f8)(f8)",
    unituple_negative_length: "UniTuple(f8, -1)(f8)",
    unituple_float_length: "UniTuple(f8, 2.0)(f8)",
    unituple_huge_length: "UniTuple(f8, 99999999999999999999999)(f8)",
    unituple_too_many_parts: "f8(UniTuple(UniTuple(i8, 1000), 1000))",
    tuple_unclosed_inner: "Tuple((f8, i8)(f8)",
    tuple_extra_element: "Tuple((f8, i8), i8)(f8)",
}

#[test]
fn type_with_argument_list() {
    insta::assert_snapshot!("type_with_argument_list", render_type_error("f8(f8)"));
}

#[test]
fn void_alone_is_not_a_type() {
    insta::assert_snapshot!("void_alone_is_not_a_type", render_type_error("void"));
}

#[test]
fn unclosed_type() {
    insta::assert_snapshot!("unclosed_type", render_type_error("Array(f8, 1"));
}

#[test]
fn codes_tell_unsupported_from_malformed() {
    let code = |text: &str| {
        parse_signature(text)
            .err()
            .map(|diagnostic| diagnostic.code)
    };
    assert_eq!(code("optional(f8)(f8)"), Some("unsupported-type"));
    assert_eq!(code("f8(types.unicode_type)"), Some("unsupported-type"));
    assert_eq!(code("f8(CPointer(f8))"), Some("unsupported-type"));
    assert_eq!(code("voidptr(f8)"), Some("unsupported-type"));
    assert_eq!(code("f8(string)"), Some("unsupported-type"));
    assert_eq!(code("f8(List(f8))"), Some("unsupported-type"));
    assert_eq!(code("f8(Set(f8))"), Some("unsupported-type"));
    assert_eq!(code("Array(f8, 0, 'C')(f8)"), Some("unsupported-type"));
    assert_eq!(code("f9(f8)"), Some("bad-signature"));
    assert_eq!(code("f8[::2](f8)"), Some("bad-signature"));
    assert_eq!(code("f8(void)"), Some("bad-signature"));
    assert_eq!(code("UniTuple(f8, -1)(f8)"), Some("bad-signature"));
}

#[test]
fn spans_are_byte_offsets_into_the_text() {
    // `é` is two bytes, so the string `'é'` where a type belongs covers bytes 3..7.
    let text = "f8('é', f9)";
    let diagnostic = parse_signature(text)
        .err()
        .map(|d| (d.span.start, d.span.end));
    assert_eq!(diagnostic, Some((3, 7)));
    let text = "f8(i8, f9)";
    let diagnostic = parse_signature(text)
        .err()
        .map(|d| (d.span.start, d.span.end));
    assert_eq!(diagnostic, Some((7, 9)));
}
