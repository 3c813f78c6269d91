//! The nesting limit every recursive pass of the semantic analysis respects.
//!
//! The passes recurse over the tree on the Rust stack; a hand-built or pathological tree
//! must end in a clean `RecursionError` (CPython's "maximum recursion depth exceeded
//! during compilation") rather than a stack overflow. The parser bounds expression
//! depth on its own, but statement nesting plus expressions inside them is only bounded
//! here.

use super::errors::{fail, SemaError, SemaResult};
use crate::source::Span;

/// Statements plus expressions nested inside each other, counted together.
///
/// Just above the parser's [`crate::parser::MAX_DEPTH`], which counts the same nodes
/// (and brackets more), so a tree the parser built is never rejected here; this bounds
/// hand-built trees.
pub const MAX_NESTING: u32 = 3000;

/// A counter of the current nesting; `enter` before descending, `leave` after.
#[derive(Debug, Default)]
pub(crate) struct Depth {
    current: u32,
}

impl Depth {
    pub(crate) fn enter(&mut self, span: Span) -> SemaResult<()> {
        if self.current >= MAX_NESTING {
            return fail(SemaError::TooDeep { span });
        }
        self.current += 1;
        Ok(())
    }

    pub(crate) fn leave(&mut self) {
        self.current = self.current.saturating_sub(1);
    }
}
