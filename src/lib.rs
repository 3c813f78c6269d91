//! apy: an interpreter for a Python 3.11 subset built around `async`/`await`.
//!
//! The pipeline: [`lexer`] → [`parser`] → [`ast`] → [`sema`] → [`compiler`] →
//! [`vm`] (with [`object`] values and [`builtins`]) → [`runtime`] (the event loop).
//! Every compile-time error becomes a [`diagnostic::Diagnostic`]; [`interpreter`] ties the
//! stages together for the command line and for embedding, and [`repl`] is the
//! interactive prompt.

pub mod ast;
pub mod builtins;
pub mod bytecode;
pub mod check;
pub mod compiler;
pub mod diagnostic;
pub mod dis;
pub mod format;
pub mod interpreter;
pub mod lexer;
pub mod native;
pub mod object;
pub mod operator;
pub mod parser;
pub mod repl;
pub mod runtime;
pub mod sema;
pub mod source;
pub mod stdlib;
pub mod vm;
