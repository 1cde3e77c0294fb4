//! Parses a Python module with rustpython-parser and lowers it into pyaot's own AST: expressions
//! and statements in arenas addressed by [`ExprId`] and [`StmtId`], every node with a [`Span`].
//!
//! Architecture Invariant: this is the only crate that sees rustpython-parser's types. Lowering
//! never fails on valid Python: a construct the compiler does not support becomes an
//! `Unsupported` node that names it, and only becomes an error if a compiled function reaches it,
//! because the rest of a user's module (classes, `if __name__ == "__main__":`) is ordinary Python
//! that pyaot must leave alone.

mod ast;
mod lower;

pub use ast::*;
pub use lower::{add_prelude, parse_module, PRELUDE};
