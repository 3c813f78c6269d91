//! Scope analysis and the placement rules CPython enforces at compile time.
//!
//! [`analyze`] runs three passes, in the order CPython runs the equivalent code, so that
//! a program with several errors reports the one CPython reports:
//!
//! 1. **collect** (`symtable.c`, first pass): walks the tree recording how each name is
//!    used in each scope. Raises duplicate parameters, misplaced `global`/`nonlocal`,
//!    annotated globals, `import *` outside the module, the walrus-in-comprehension
//!    errors and `yield` inside a comprehension.
//! 2. **resolve** (`symtable.c`, `analyze_block`): decides local/global/free/cell for
//!    every name. Raises the `nonlocal` errors that need the enclosing scopes.
//! 3. **compile walk** (`compile.c`): walks the tree in code-generation order. Raises
//!    the placement errors (`await`, `yield`, `return`, `async for`/`async with`,
//!    asynchronous comprehensions, `break`/`continue`), the starred-target errors,
//!    `__debug__` bindings, repeated keywords and the nesting limit, and records the
//!    order of `co_varnames`.
//!
//! All symtable errors win over all compiler errors, whatever their position, exactly
//! as in CPython.

mod block;
mod collect;
mod compile_walk;
pub mod depth;
pub mod errors;
mod future;
mod layout;
mod mangle;
mod resolve;
pub mod scope;

pub use errors::SemaError;
pub use mangle::mangle;
pub use scope::{Scope, ScopeKind, ScopeTable, SymbolScope};

use crate::ast::Module;
use crate::diagnostic::Diagnostic;

/// How a module is compiled.
#[derive(Clone, Copy, Debug, Default)]
pub struct AnalyzeOptions {
    /// Allow `await`, `async for`, `async with` and asynchronous comprehensions at module
    /// level, as the REPL does (CPython's `PyCF_ALLOW_TOP_LEVEL_AWAIT`). The module
    /// scope is then `is_async` when it uses them.
    pub top_level_await: bool,
}

/// Analyses a parsed module: its scopes, or the first error CPython would report.
pub fn analyze(module: &Module) -> Result<ScopeTable, Diagnostic> {
    analyze_with(module, AnalyzeOptions::default())
}

/// [`analyze`] with options.
pub fn analyze_with(module: &Module, options: AnalyzeOptions) -> Result<ScopeTable, Diagnostic> {
    check(module, options).map_err(Diagnostic::from)
}

/// The same analysis, with the error still typed.
pub fn check(module: &Module, options: AnalyzeOptions) -> Result<ScopeTable, SemaError> {
    let future_end = future::check(module).map_err(|e| *e)?;
    let mut blocks = collect::collect(module).map_err(|e| *e)?;
    resolve::resolve(&mut blocks).map_err(|e| *e)?;
    let varnames = compile_walk::walk(module, &mut blocks, options.top_level_await, future_end)
        .map_err(|e| *e)?;
    Ok(layout::build(blocks, varnames, options.top_level_await))
}
