//! State shared by every action of one parse (and by the nested parses of f-string
//! fields): the source text and the scope-id counter.

use crate::ast::ScopeId;
use std::cell::Cell;

pub(crate) struct ParseContext<'s> {
    pub src: &'s str,
    /// The next scope id to hand out; the module is scope 0.
    next_scope: Cell<u32>,
}

impl<'s> ParseContext<'s> {
    pub(crate) fn new(src: &'s str) -> ParseContext<'s> {
        ParseContext {
            src,
            next_scope: Cell::new(1),
        }
    }

    /// Hands out the next scope id. Actions run bottom-up, so an inner scope gets its id
    /// before the scope around it: ids are unique and dense, not in source order.
    pub(crate) fn new_scope(&self) -> ScopeId {
        let id = self.next_scope.get();
        self.next_scope.set(id.saturating_add(1));
        ScopeId(id)
    }

    /// How many ids were handed out, the module's included.
    pub(crate) fn scope_count(&self) -> u32 {
        self.next_scope.get()
    }
}
