//! apy: an interpreter for a Python 3.11 subset built around `async`/`await`.
//!
//! The pipeline: [`lexer`] → [`parser`] → [`ast`] → [`sema`] → compiler → VM → event loop.
//! Every compile-time error becomes a [`diagnostic::Diagnostic`].

pub mod ast;
pub mod check;
pub mod diagnostic;
pub mod lexer;
pub mod parser;
pub mod sema;
pub mod source;
