//! Third pass: walk the tree in the order CPython's *compiler* visits it, to raise the
//! errors `compile.c` raises (first one in that order wins) and to learn the order in
//! which the compiler first references each fast local (`co_varnames`).
//!
//! The order is not source order: an assignment's value comes before its targets, a
//! comprehension's body before its outermost iterable, a class body before its bases,
//! and a `return`/`break`/`continue` inside `try` compiles the `finally` body right
//! there, before the rest of the `try` body. The compiler's block stack ("fblocks") is
//! modelled for that, for the `break`/`continue` rules and for the limit of 20
//! statically nested blocks.

mod call;
mod expr;
mod placement;
mod signature;
mod stmt;
mod targets;

use super::block::Block;
use super::collect::MODULE_SCOPE;
use super::depth::Depth;
use super::errors::{fail, SemaError, SemaResult};
use super::mangle::mangle;
use super::scope::{ScopeKind, SymbolScope};
use crate::ast::{Module, ScopeId, Stmt};
use crate::source::Span;
use std::collections::HashSet;

pub(crate) type Result<T> = SemaResult<T>;

/// CPython's `CO_MAXBLOCKS`.
const MAX_BLOCKS: usize = 20;

/// Expression context, which the AST leaves implicit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Ctx {
    Load,
    Store,
    Del,
}

/// One entry of the compiler's block stack.
#[derive(Clone, Copy, Debug)]
enum FBlock<'a> {
    Loop,
    TryExcept,
    /// A `try` with a `finally` body, compiled again wherever control leaves the `try`.
    FinallyTry {
        body: &'a [Stmt],
        try_span: Span,
    },
    FinallyEnd,
    With,
    HandlerCleanup,
    ExceptionHandler,
    ExceptionGroupHandler,
    AsyncComprehensionGenerator,
}

/// A code object being compiled.
struct Unit<'a> {
    scope: ScopeId,
    fblocks: Vec<FBlock<'a>>,
}

pub(crate) struct Walker<'a, 'b> {
    blocks: &'b mut [Block],
    top_level_await: bool,
    depth: Depth,
    units: Vec<Unit<'a>>,
    /// Per scope: parameters, then locals in order of first reference.
    varnames: Vec<Vec<String>>,
    varname_sets: Vec<HashSet<String>>,
    /// `finally` bodies already walked (keyed by address): walking one again finds
    /// nothing new.
    walked_finally: HashSet<usize>,
    /// Where the module's leading future statements end (see `sema::future`).
    future_end: u32,
}

/// Runs the third pass; returns the `co_varnames` of every scope.
pub(crate) fn walk(
    module: &Module,
    blocks: &mut [Block],
    top_level_await: bool,
    future_end: u32,
) -> Result<Vec<Vec<String>>> {
    let varnames: Vec<Vec<String>> = blocks.iter().map(|b| b.params.clone()).collect();
    let varname_sets = varnames
        .iter()
        .map(|v| v.iter().cloned().collect())
        .collect();
    let mut walker = Walker {
        blocks,
        top_level_await,
        depth: Depth::default(),
        units: Vec::new(),
        varnames,
        varname_sets,
        walked_finally: HashSet::new(),
        future_end,
    };
    walker.units.push(Unit {
        scope: MODULE_SCOPE,
        fblocks: Vec::new(),
    });
    walker.body(&module.body)?;
    Ok(walker.varnames)
}

impl<'a> Walker<'a, '_> {
    fn unit(&self) -> &Unit<'a> {
        match self.units.last() {
            Some(u) => u,
            None => unreachable!("the module unit is never popped"),
        }
    }

    fn unit_mut(&mut self) -> &mut Unit<'a> {
        match self.units.last_mut() {
            Some(u) => u,
            None => unreachable!("the module unit is never popped"),
        }
    }

    fn cur_block(&self) -> &Block {
        &self.blocks[self.unit().scope.0 as usize]
    }

    /// Compiles the body of a nested scope as its own unit.
    fn in_unit(&mut self, scope: ScopeId, f: impl FnOnce(&mut Self) -> Result<()>) -> Result<()> {
        self.units.push(Unit {
            scope,
            fblocks: Vec::new(),
        });
        let result = f(self);
        self.units.pop();
        result
    }

    /// CPython's `IS_TOP_LEVEL_AWAIT`: the REPL's mode, at module level only.
    fn is_top_level_await(&self) -> bool {
        self.top_level_await && self.cur_block().kind == ScopeKind::Module
    }

    /// A reference to a name (CPython's `compiler_nameop`): binding `__debug__` is an
    /// error, and the first reference to a fast local fixes its `co_varnames` slot.
    fn name_op(&mut self, name: &str, ctx: Ctx, span: Span) -> Result<()> {
        if name == "__debug__" {
            match ctx {
                Ctx::Store => return fail(SemaError::AssignToDebug { span }),
                Ctx::Del => return fail(SemaError::DeleteDebug { span }),
                Ctx::Load => {}
            }
        }
        let scope = self.unit().scope;
        let block = &self.blocks[scope.0 as usize];
        if !block.is_function_like() {
            return Ok(());
        }
        let mangled = mangle(block.private.as_deref(), name);
        if block.resolved.get(mangled.as_ref()) == Some(&SymbolScope::Local) {
            let index = scope.0 as usize;
            if !self.varname_sets[index].contains(mangled.as_ref()) {
                self.varname_sets[index].insert(mangled.to_string());
                self.varnames[index].push(mangled.into_owned());
            }
        }
        Ok(())
    }

    fn push_fblock(&mut self, block: FBlock<'a>, span: Span) -> Result<()> {
        if self.unit().fblocks.len() >= MAX_BLOCKS {
            return fail(SemaError::TooManyNestedBlocks { span });
        }
        self.unit_mut().fblocks.push(block);
        Ok(())
    }

    fn pop_fblock(&mut self) {
        self.unit_mut().fblocks.pop();
    }

    /// Leaves the enclosing blocks the way `return` (`to_loop` false) or
    /// `break`/`continue` (`to_loop` true) does, compiling every `finally` body on the
    /// way; returns whether a loop was reached.
    fn unwind(&mut self, to_loop: bool, span: Span) -> Result<bool> {
        let mut i = self.unit().fblocks.len();
        while i > 0 {
            match self.unit().fblocks[i - 1] {
                FBlock::ExceptionGroupHandler => {
                    return fail(SemaError::JumpOutOfExceptStar { span })
                }
                FBlock::Loop if to_loop => return Ok(true),
                FBlock::FinallyTry { body, try_span } => {
                    // The finally body runs with this block and all above it popped.
                    let above = self.unit_mut().fblocks.split_off(i - 1);
                    let result = self.finally_body(body, try_span);
                    self.unit_mut().fblocks.extend(above);
                    result?;
                }
                _ => {}
            }
            i -= 1;
        }
        Ok(false)
    }

    /// Walks a `finally` body the first time the compiler would emit it. CPython also
    /// emits it a second time, for the exceptional path, one block deeper; it is walked
    /// once at that depth, which finds the same errors except that a nesting-limit
    /// error may be found earlier than CPython finds it when the program has another
    /// error as well.
    fn finally_body(&mut self, body: &'a [Stmt], try_span: Span) -> Result<()> {
        if !self.walked_finally.insert(body.as_ptr() as usize) {
            return Ok(());
        }
        self.push_fblock(FBlock::FinallyEnd, try_span)?;
        let result = self.body(body);
        self.pop_fblock();
        result
    }
}
