//! The C runtime object linked into every generated module.
//!
//! `build.rs` compiles `runtime/pyaot_runtime.c` for the compiler's own target; the functions it
//! defines, and their signatures, are listed in `runtime/pyaot_runtime.h`.

/// The relocatable object file of the runtime, to be written out and linked with each module.
pub const RUNTIME_OBJECT: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/pyaot_runtime.o"));
