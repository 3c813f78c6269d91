//! apy's front end: source text to code units, with no interpreter below it.
//!
//! The pipeline: [`lexer`] → [`parser`] → [`ast`] → [`sema`] → [`compiler`], whose output
//! is a [`bytecode::CodeUnit`] (plain data; the interpreter turns it into a code object).
//! Every compile-time error becomes a [`diagnostic::Diagnostic`], drawn by one renderer.
//! It is a crate of its own so that the interpreter's build script can compile the
//! standard library's Python sources before the interpreter exists.

pub mod ast;
pub mod bytecode;
pub mod compiler;
pub mod decode;
pub mod diagnostic;
pub mod freeze;
pub mod int_digits;
pub mod lexer;
pub mod operator;
pub mod parser;
pub mod sema;
pub mod source;
