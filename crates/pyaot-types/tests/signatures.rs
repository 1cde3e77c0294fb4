//! Signature strings that must parse, and the types they stand for: every Numba scalar name, every
//! array spelling and layout, tuples, module prefixes, whitespace, trailing commas, omitted and
//! `void` return types.

use pyaot_types::{parse_signature, parse_type, Layout, Scalar, Signature, Type};

fn sig(text: &str) -> Signature {
    match parse_signature(text) {
        Ok(signature) => signature,
        Err(diagnostic) => panic!("`{text}` did not parse: {diagnostic:?}"),
    }
}

fn ty(text: &str) -> Type {
    match parse_type(text) {
        Ok(ty) => ty,
        Err(diagnostic) => panic!("`{text}` did not parse: {diagnostic:?}"),
    }
}

fn scalar(s: Scalar) -> Type {
    Type::Scalar(s)
}

fn array(dtype: Scalar, ndim: u8, layout: Layout) -> Type {
    Type::array(dtype, ndim, layout)
}

/// Every scalar name `numba.types` exports for a supported type, and what it means on LP64.
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
    ("float_", Scalar::F32),
    ("f8", Scalar::F64),
    ("float64", Scalar::F64),
    ("double", Scalar::F64),
    ("c8", Scalar::C64),
    ("complex64", Scalar::C64),
    ("c16", Scalar::C128),
    ("complex128", Scalar::C128),
];

#[test]
fn every_scalar_name_parses_as_return_and_argument() {
    for (name, expected) in SCALAR_NAMES {
        assert_eq!(
            sig(&format!("{name}({name}, {name})")),
            Signature {
                args: vec![scalar(expected); 2],
                ret: Some(scalar(expected))
            },
            "{name}"
        );
    }
}

#[test]
fn every_numpy_dtype_name_is_a_scalar_name() {
    for s in Scalar::ALL {
        let name = if s == Scalar::Bool { "bool_" } else { s.name() };
        assert_eq!(ty(name), scalar(s), "{name}");
    }
}

#[test]
fn module_prefixes_are_accepted() {
    for prefix in [
        "types.",
        "nb.",
        "numba.",
        "numba.types.",
        "nb.types.",
        "numba.core.types.",
    ] {
        assert_eq!(ty(&format!("{prefix}float64")), Type::F64, "{prefix}");
        assert_eq!(
            ty(&format!("{prefix}f8[:]")),
            array(Scalar::F64, 1, Layout::A),
            "{prefix}"
        );
        assert_eq!(
            ty(&format!("{prefix}Array({prefix}int32, 2, 'F')")),
            array(Scalar::I32, 2, Layout::F),
            "{prefix}"
        );
        assert_eq!(
            ty(&format!("{prefix}UniTuple({prefix}i8, 2)")),
            Type::Tuple(vec![Type::I64; 2]),
            "{prefix}"
        );
        assert_eq!(
            ty(&format!("{prefix}Tuple(({prefix}i8, {prefix}f8))")),
            Type::Tuple(vec![Type::I64, Type::F64]),
            "{prefix}"
        );
    }
    assert_eq!(
        sig("nb.float64[:](numba.types.int32, types.b1)"),
        Signature {
            args: vec![scalar(Scalar::I32), Type::BOOL],
            ret: Some(array(Scalar::F64, 1, Layout::A)),
        }
    );
}

#[test]
fn slice_arrays_and_their_layouts() {
    let cases = [
        ("f8[:]", 1, Layout::A),
        ("f8[::1]", 1, Layout::C),
        ("f8[:, :]", 2, Layout::A),
        ("f8[:, ::1]", 2, Layout::C),
        ("f8[::1, :]", 2, Layout::F),
        ("f8[:, :, :]", 3, Layout::A),
        ("f8[:, :, ::1]", 3, Layout::C),
        ("f8[::1, :, :]", 3, Layout::F),
        ("f8[:,]", 1, Layout::A),
        ("f8[::1,]", 1, Layout::C),
        ("f8[:, ::1,]", 2, Layout::C),
    ];
    for (text, ndim, layout) in cases {
        assert_eq!(ty(text), array(Scalar::F64, ndim, layout), "{text}");
    }
}

#[test]
fn slice_arrays_of_every_dtype() {
    for (name, expected) in SCALAR_NAMES {
        assert_eq!(
            ty(&format!("{name}[:, ::1]")),
            array(expected, 2, Layout::C),
            "{name}"
        );
    }
}

#[test]
fn thirty_two_dimensions_is_the_limit() {
    let dims = vec![":"; 32].join(", ");
    assert_eq!(
        ty(&format!("i4[{dims}]")),
        array(Scalar::I32, 32, Layout::A)
    );
    let dims = vec![":"; 31].join(", ");
    assert_eq!(
        ty(&format!("i4[{dims}, ::1]")),
        array(Scalar::I32, 32, Layout::C)
    );
    assert!(parse_type(&format!("i4[{}]", vec![":"; 33].join(", "))).is_err());
}

#[test]
fn whitespace_inside_slices_is_free() {
    assert_eq!(ty("f8 [ : , : : 1 ]"), array(Scalar::F64, 2, Layout::C));
    assert_eq!(ty("f8[\n::1,\t:\n]"), array(Scalar::F64, 2, Layout::F));
}

#[test]
fn array_constructor_with_every_layout() {
    assert_eq!(ty("Array(f8, 1, 'C')"), array(Scalar::F64, 1, Layout::C));
    assert_eq!(ty("Array(f8, 2, 'F')"), array(Scalar::F64, 2, Layout::F));
    assert_eq!(ty("Array(f8, 3, 'A')"), array(Scalar::F64, 3, Layout::A));
    assert_eq!(
        ty("Array(int16, 2, \"C\")"),
        array(Scalar::I16, 2, Layout::C)
    );
    assert_eq!(ty("Array(u1, 32, 'A',)"), array(Scalar::U8, 32, Layout::A));
    assert_eq!(
        ty("types.Array(types.complex64, 4, 'F')"),
        array(Scalar::C64, 4, Layout::F)
    );
    assert_eq!(
        ty("nb.types.Array( nb.b1 , 1 , 'C' )"),
        array(Scalar::Bool, 1, Layout::C)
    );
}

#[test]
fn array_constructor_in_a_signature() {
    assert_eq!(
        sig("Array(f8, 2, 'C')(Array(f8, 2, 'F'), f8[:, ::1])"),
        Signature {
            args: vec![
                array(Scalar::F64, 2, Layout::F),
                array(Scalar::F64, 2, Layout::C)
            ],
            ret: Some(array(Scalar::F64, 2, Layout::C)),
        }
    );
}

#[test]
fn unituple_repeats_its_element() {
    assert_eq!(ty("UniTuple(i8, 2)"), Type::Tuple(vec![Type::I64; 2]));
    assert_eq!(
        ty("UniTuple(f8[:], 3)"),
        Type::Tuple(vec![array(Scalar::F64, 1, Layout::A); 3])
    );
    assert_eq!(ty("UniTuple(b1, 1)"), Type::Tuple(vec![Type::BOOL]));
    assert_eq!(ty("UniTuple(b1, 0)"), Type::Tuple(vec![]));
    assert_eq!(ty("UniTuple(i8, 2,)"), Type::Tuple(vec![Type::I64; 2]));
    assert_eq!(ty("UniTuple(i8, 1024)"), Type::Tuple(vec![Type::I64; 1024]));
}

#[test]
fn tuple_with_and_without_inner_parentheses() {
    let expected = Type::Tuple(vec![Type::I64, Type::F64, array(Scalar::F32, 2, Layout::C)]);
    assert_eq!(ty("Tuple((i8, f8, f4[:, ::1]))"), expected);
    assert_eq!(ty("Tuple((i8, f8, f4[:, ::1],))"), expected);
    assert_eq!(ty("Tuple((i8, f8, f4[:, ::1]),)"), expected);
    assert_eq!(ty("Tuple(i8, f8, f4[:, ::1])"), expected);
    assert_eq!(ty("Tuple(i8, f8, f4[:, ::1],)"), expected);
    assert_eq!(ty("Tuple((i8,))"), Type::Tuple(vec![Type::I64]));
    assert_eq!(ty("Tuple(())"), Type::Tuple(vec![]));
    assert_eq!(ty("Tuple()"), Type::Tuple(vec![]));
}

#[test]
fn tuples_nest_and_hold_arrays() {
    assert_eq!(
        ty("Tuple((UniTuple(i8, 2), Tuple((f8[::1], Array(c16, 2, 'F'))), none))"),
        Type::Tuple(vec![
            Type::Tuple(vec![Type::I64; 2]),
            Type::Tuple(vec![
                array(Scalar::F64, 1, Layout::C),
                array(Scalar::C128, 2, Layout::F)
            ]),
            Type::None,
        ])
    );
    assert_eq!(
        ty("UniTuple(UniTuple(u4, 2), 2)"),
        Type::Tuple(vec![Type::Tuple(vec![scalar(Scalar::U32); 2]); 2])
    );
}

#[test]
fn tuple_return_and_arguments() {
    assert_eq!(
        sig("UniTuple(f8, 2)(Tuple((i8, f8[:])), UniTuple(i4[:], 2))"),
        Signature {
            args: vec![
                Type::Tuple(vec![Type::I64, array(Scalar::F64, 1, Layout::A)]),
                Type::Tuple(vec![array(Scalar::I32, 1, Layout::A); 2]),
            ],
            ret: Some(Type::Tuple(vec![Type::F64; 2])),
        }
    );
}

#[test]
fn omitted_return_type() {
    assert_eq!(
        sig("(f8, i8)"),
        Signature {
            args: vec![Type::F64, Type::I64],
            ret: None
        }
    );
    assert_eq!(
        sig("(f8[:],)"),
        Signature {
            args: vec![array(Scalar::F64, 1, Layout::A)],
            ret: None
        }
    );
    assert_eq!(
        sig("()"),
        Signature {
            args: vec![],
            ret: None
        }
    );
    assert_eq!(
        sig("  ( )  "),
        Signature {
            args: vec![],
            ret: None
        }
    );
}

#[test]
fn void_and_none_return_types() {
    for text in ["void(f8)", "none(f8)", "types.void(f8)", "nb.none(f8)"] {
        assert_eq!(
            sig(text),
            Signature {
                args: vec![Type::F64],
                ret: Some(Type::None)
            },
            "{text}"
        );
    }
    assert_eq!(
        sig("void()"),
        Signature {
            args: vec![],
            ret: Some(Type::None)
        }
    );
}

#[test]
fn none_is_a_type_anywhere() {
    assert_eq!(
        sig("i8(none)"),
        Signature {
            args: vec![Type::None],
            ret: Some(Type::I64)
        }
    );
    assert_eq!(ty("none"), Type::None);
}

#[test]
fn empty_and_trailing_comma_argument_lists() {
    assert_eq!(
        sig("f8()"),
        Signature {
            args: vec![],
            ret: Some(Type::F64)
        }
    );
    assert_eq!(
        sig("f8(f8,)"),
        Signature {
            args: vec![Type::F64],
            ret: Some(Type::F64)
        }
    );
    assert_eq!(
        sig("f8(f8, i8 , )"),
        Signature {
            args: vec![Type::F64, Type::I64],
            ret: Some(Type::F64)
        }
    );
}

#[test]
fn whitespace_is_free_everywhere() {
    let expected = Signature {
        args: vec![
            array(Scalar::F64, 2, Layout::C),
            Type::Tuple(vec![Type::I64; 2]),
        ],
        ret: Some(array(Scalar::F64, 1, Layout::A)),
    };
    assert_eq!(sig("f8[:](f8[:,::1],UniTuple(i8,2))"), expected);
    assert_eq!(
        sig("  f8 [ : ] ( f8 [ : , :: 1 ] , UniTuple ( i8 , 2 ) )  "),
        expected
    );
    assert_eq!(
        sig("\tf8[:]\n(\n    f8[:, ::1],\n    UniTuple(i8, 2),\n)\n"),
        expected
    );
    assert_eq!(
        sig("nb . f8 [:] (numba . types . f8[:, ::1], UniTuple(i8, 2))"),
        expected
    );
}

#[test]
fn signatures_from_real_exports() {
    assert_eq!(
        sig("f8[:](f8[:], f8[:])"),
        Signature {
            args: vec![array(Scalar::F64, 1, Layout::A); 2],
            ret: Some(array(Scalar::F64, 1, Layout::A)),
        }
    );
    assert_eq!(
        sig("i4(i4, i4)"),
        Signature {
            args: vec![scalar(Scalar::I32); 2],
            ret: Some(scalar(Scalar::I32))
        }
    );
    assert_eq!(
        sig("float64(float64[:, :], int64, boolean)"),
        Signature {
            args: vec![array(Scalar::F64, 2, Layout::A), Type::I64, Type::BOOL],
            ret: Some(Type::F64),
        }
    );
    assert_eq!(
        sig("void(uint8[:, :, ::1], intp, intp)"),
        Signature {
            args: vec![array(Scalar::U8, 3, Layout::C), Type::I64, Type::I64],
            ret: Some(Type::None),
        }
    );
}

#[test]
fn parse_type_reads_one_type() {
    assert_eq!(ty("  f8[::1]  "), array(Scalar::F64, 1, Layout::C));
    assert!(parse_type("f8(f8)").is_err());
    assert!(parse_type("void").is_err());
    assert!(parse_type("").is_err());
}

#[test]
fn parsed_types_print_as_numba_does() {
    assert_eq!(ty("f8[:, ::1]").to_string(), "array(float64, 2d, C)");
    assert_eq!(ty("UniTuple(i8, 2)").to_string(), "UniTuple(int64, 2)");
    assert_eq!(ty("Tuple((i8, f4))").to_string(), "Tuple(int64, float32)");
}
