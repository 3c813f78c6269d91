//! First pass: walk the tree in `symtable.c`'s order and record, per scope, how every
//! name is used (flags), the parameters, the declarations and the generator/coroutine
//! facts. The errors CPython's symtable raises while walking are raised here, in the
//! same order.

mod comprehension;
mod expr;
mod function;
mod stmt;

use super::block::{Block, DEF_COMP_ITER, DEF_GLOBAL, DEF_NONLOCAL, DEF_PARAM};
use super::depth::Depth;
use super::errors::{fail, Enclosing, SemaError, SemaResult};
use super::mangle::mangle;
use super::scope::ScopeKind;
use crate::ast::{Module, ScopeId};
use crate::source::Span;

pub(crate) type Result<T> = SemaResult<T>;

/// The module scope's id; the parser hands out the others.
pub(crate) const MODULE_SCOPE: ScopeId = ScopeId(0);

pub(crate) struct Collector {
    /// Indexed by `ScopeId`; `None` until the scope is entered.
    blocks: Vec<Option<Block>>,
    /// Scopes being visited, innermost last (CPython's `st_stack`).
    stack: Vec<ScopeId>,
    /// Class name for mangling (CPython's `st_private`).
    private: Option<String>,
    depth: Depth,
}

/// Runs the first pass over a module; the blocks come back indexed by `ScopeId`.
pub(crate) fn collect(module: &Module) -> Result<Vec<Block>> {
    let span = module
        .body
        .first()
        .map(|first| {
            first
                .span
                .to(module.body.last().map_or(first.span, |l| l.span))
        })
        .unwrap_or_default();
    let mut collector = Collector {
        blocks: Vec::new(),
        stack: Vec::new(),
        private: None,
        depth: Depth::default(),
    };
    collector
        .blocks
        .resize_with(module.scope_count.max(1) as usize, || None);
    let block = Block::new(
        ScopeKind::Module,
        "<module>".into(),
        span,
        Enclosing::Module,
    );
    collector.enter_block(MODULE_SCOPE, block)?;
    for stmt in &module.body {
        collector.visit_stmt(stmt)?;
    }
    collector.exit_block();
    let mut blocks = Vec::with_capacity(collector.blocks.len());
    for (i, block) in collector.blocks.into_iter().enumerate() {
        match block {
            Some(b) => blocks.push(b),
            // An id the parser counted but never used: a parser bug.
            None => return fail(SemaError::BadScopeId { id: i as u32, span }),
        }
    }
    Ok(blocks)
}

impl Collector {
    pub(crate) fn cur_id(&self) -> ScopeId {
        self.stack.last().copied().unwrap_or(MODULE_SCOPE)
    }

    pub(crate) fn block(&self, id: ScopeId) -> &Block {
        match self.blocks.get(id.0 as usize).and_then(Option::as_ref) {
            Some(b) => b,
            // Only ids already entered are ever on the stack.
            None => unreachable!("scope {id:?} is on the stack but was never entered"),
        }
    }

    pub(crate) fn block_mut(&mut self, id: ScopeId) -> &mut Block {
        match self.blocks.get_mut(id.0 as usize).and_then(Option::as_mut) {
            Some(b) => b,
            None => unreachable!("scope {id:?} is on the stack but was never entered"),
        }
    }

    pub(crate) fn cur(&mut self) -> &mut Block {
        let id = self.cur_id();
        self.block_mut(id)
    }

    /// Opens a scope (CPython's `symtable_enter_block`).
    pub(crate) fn enter_block(&mut self, id: ScopeId, mut block: Block) -> Result<()> {
        let index = id.0 as usize;
        if index >= self.blocks.len() {
            // Tolerate a parser that under-counted; ids must still be unique.
            self.blocks.resize_with(index + 1, || None);
        }
        if self.blocks[index].is_some() || (id == MODULE_SCOPE && !self.stack.is_empty()) {
            return fail(SemaError::BadScopeId {
                id: id.0,
                span: block.span,
            });
        }
        if let Some(&parent) = self.stack.last() {
            let prev = self.block(parent);
            block.nested = prev.nested || prev.is_function_like();
            // bpo-37757: no assignment expression anywhere inside a comprehension's
            // iterable, not even in a nested lambda or comprehension.
            block.comp_iter_expr = prev.comp_iter_expr;
            block.parent = Some(parent);
            self.block_mut(parent).children.push(id);
        }
        block.private = self.private.clone();
        self.blocks[index] = Some(block);
        self.stack.push(id);
        Ok(())
    }

    pub(crate) fn exit_block(&mut self) {
        self.stack.pop();
    }

    /// Records `flag` for `name` in the current scope (CPython's `symtable_add_def`).
    pub(crate) fn add_def(&mut self, name: &str, flag: u16, span: Span) -> Result<()> {
        let id = self.cur_id();
        self.add_def_in(id, name, flag, span)
    }

    /// Records `flag` for `name` in scope `id` (CPython's `symtable_add_def_helper`).
    pub(crate) fn add_def_in(
        &mut self,
        id: ScopeId,
        name: &str,
        flag: u16,
        span: Span,
    ) -> Result<()> {
        let mangled = mangle(self.private.as_deref(), name).into_owned();
        let block = self.block_mut(id);
        let old = block.symbols.get(&mangled);
        let mut val = flag;
        if block.symbols.contains(&mangled) {
            if flag & DEF_PARAM != 0 && old & DEF_PARAM != 0 {
                return fail(SemaError::DuplicateArgument {
                    name: name.to_string(),
                    span,
                });
            }
            val |= old;
        }
        if block.comp_iter_target {
            if val & (DEF_GLOBAL | DEF_NONLOCAL) != 0 {
                return fail(SemaError::IterationVariableRebindsWalrus {
                    name: name.to_string(),
                    span,
                });
            }
            val |= DEF_COMP_ITER;
        }
        block.symbols.set(&mangled, val);
        if flag & DEF_PARAM != 0 {
            block.params.push(mangled);
        } else if flag & DEF_GLOBAL != 0 {
            // CPython also marks the name in the module's own table.
            let module = self.block_mut(MODULE_SCOPE);
            let merged = module.symbols.get(&mangled) | flag;
            module.symbols.set(&mangled, merged);
        }
        Ok(())
    }

    /// The flags of `name` in the current scope (CPython's `symtable_lookup`).
    pub(crate) fn lookup(&mut self, name: &str) -> u16 {
        let mangled = mangle(self.private.as_deref(), name).into_owned();
        self.cur().symbols.get(&mangled)
    }

    pub(crate) fn record_directive(&mut self, name: &str, span: Span) {
        let mangled = mangle(self.private.as_deref(), name).into_owned();
        self.cur().directives.push((mangled, span));
    }
}
