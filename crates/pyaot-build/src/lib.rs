//! pyaot's build backend (PEP 517/660): reads pyproject.toml, finds the `CC` modules of a
//! project, compiles each with pyaot-compiler (in parallel), and packs the extensions with the
//! project's Python files into reproducible wheels; also writes sdists.
//!
//! Architecture Invariant: this crate knows packaging (PEP 427/491/517/621/625/639/660, Core
//! Metadata, zip/tar) and nothing of compiling beyond calling `pyaot_compiler::compile`.

mod backend;
pub mod elf;
pub mod metadata;
pub mod project;
pub mod sdist;
pub mod wheel;

use std::fmt;

pub use backend::{
    build_editable, build_sdist, build_wheel, prepare_metadata, CcModule, PythonTarget,
};

/// A build failure, rendered for people (with path:line:col and a caret where a file is at fault).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildError {
    pub message: String,
}

impl BuildError {
    pub fn new(message: impl Into<String>) -> BuildError {
        BuildError {
            message: message.into(),
        }
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for BuildError {}
