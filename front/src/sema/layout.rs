//! Turns the collected and resolved blocks into the [`Scope`]s the compiler reads:
//! CPython's `co_cellvars`/`co_freevars` order, flags and `__qualname__`.

use super::block::Block;
use super::collect::MODULE_SCOPE;
use super::scope::{Scope, ScopeKind, ScopeTable, SymbolScope};
use crate::ast::ScopeId;

pub(crate) fn build(
    blocks: Vec<Block>,
    varnames: Vec<Vec<String>>,
    top_level_await: bool,
) -> ScopeTable {
    let qualnames = qualnames(&blocks);
    let scopes = blocks
        .into_iter()
        .zip(varnames)
        .zip(qualnames)
        .map(|((block, varnames), qualname)| scope(block, varnames, qualname, top_level_await))
        .collect();
    ScopeTable { scopes }
}

fn scope(block: Block, varnames: Vec<String>, qualname: String, top_level_await: bool) -> Scope {
    let is_cell = |n: &String| block.resolved.get(n) == Some(&SymbolScope::Cell);
    let mut cellvars: Vec<String> = block
        .params
        .iter()
        .filter(|n| is_cell(n))
        .cloned()
        .collect();
    let mut other_cells: Vec<String> = block
        .resolved
        .keys()
        .filter(|n| is_cell(n) && !block.params.contains(n))
        .cloned()
        .collect();
    other_cells.sort();
    cellvars.extend(other_cells);
    if block.needs_class_cell {
        cellvars.push("__class__".to_string());
    }
    let mut freevars: Vec<String> = block
        .resolved
        .iter()
        .filter(|(_, s)| **s == SymbolScope::Free)
        .map(|(n, _)| n.clone())
        .chain(block.free_class.iter().cloned())
        .collect();
    freevars.sort();
    freevars.dedup();
    let is_async = match block.kind {
        // Only the REPL's top level can await; then it runs as a coroutine.
        ScopeKind::Module => top_level_await && block.coroutine && !block.generator,
        ScopeKind::Class => false,
        _ => block.coroutine,
    };
    let varnames = if block.is_function_like() {
        varnames
    } else {
        Vec::new()
    };
    // CPython's CO_NESTED only ever marks function-like code.
    let is_nested = block.nested && block.is_function_like();
    Scope {
        kind: block.kind,
        name: block.name,
        qualname,
        span: block.span,
        parent: block.parent,
        symbols: block.resolved,
        varnames,
        cellvars,
        freevars,
        argcount: block.argcount,
        posonlyargcount: block.posonlyargcount,
        kwonlyargcount: block.kwonlyargcount,
        has_varargs: block.varargs,
        has_varkeywords: block.varkeywords,
        is_generator: block.generator,
        is_async,
        needs_class_cell: block.needs_class_cell,
        is_nested,
        private: block.private,
        children: block.children,
    }
}

/// CPython's `compiler_set_qualname`: `f.<locals>.g` below a function or lambda,
/// `C.m` below a class or comprehension, the bare name at module level or when the
/// name is declared `global` where it is defined.
fn qualnames(blocks: &[Block]) -> Vec<String> {
    let mut names = vec![String::new(); blocks.len()];
    let Some(module) = blocks.get(MODULE_SCOPE.0 as usize) else {
        return names;
    };
    names[0] = module.name.clone();
    // Parents before children, without recursion.
    let mut pending: Vec<ScopeId> = module.children.clone();
    while let Some(id) = pending.pop() {
        let block = &blocks[id.0 as usize];
        let Some(parent_id) = block.parent else {
            continue;
        };
        let parent = &blocks[parent_id.0 as usize];
        let named = matches!(block.kind, ScopeKind::Function | ScopeKind::Class);
        let mangled = super::mangle::mangle(parent.private.as_deref(), &block.name);
        let force_global =
            named && parent.resolved.get(mangled.as_ref()) == Some(&SymbolScope::GlobalExplicit);
        names[id.0 as usize] = if parent_id == MODULE_SCOPE || force_global {
            block.name.clone()
        } else if matches!(parent.kind, ScopeKind::Function | ScopeKind::Lambda) {
            format!("{}.<locals>.{}", names[parent_id.0 as usize], block.name)
        } else {
            format!("{}.{}", names[parent_id.0 as usize], block.name)
        };
        pending.extend(block.children.iter().copied());
    }
    names
}
