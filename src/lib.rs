//! apy: an interpreter for a Python 3.11 subset built around `async`/`await`.
//!
//! The pipeline: [`lexer`] → [`parser`] → [`ast`] → [`sema`] → [`compiler`] →
//! [`vm`] (with [`object`] values and [`builtins`]) → [`runtime`] (the event loop).
//! Every compile-time error becomes a [`diagnostic::Diagnostic`]; [`interpreter`] ties the
//! stages together for the command line and for embedding, and [`repl`] is the
//! interactive prompt.

// The front end, from its own crate (`front/`): the layers below `object` keep their
// `crate::` names, so the interpreter reads as one pipeline.
pub use apy_front::{
    ast, bytecode, compiler, decode, diagnostic, lexer, operator, parser, sema, source,
};

pub mod attention;
pub mod builtins;
pub mod check;
pub mod dis;
pub mod format;
pub mod interpreter;
pub mod memory;
pub mod native;
pub mod object;
pub mod repl;
pub mod runtime;
pub mod stdlib;
pub mod trace;
pub mod vm;
