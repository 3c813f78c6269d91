//! Second pass: decide where every name lives (CPython's `analyze_block` and friends).
//!
//! Each scope passes down the names its children can see bound in enclosing functions
//! (`bound`) and the names declared global (`global`); children report back the names
//! they use freely. A local of a function that a child uses freely becomes a cell; a
//! name free in a child and bound further out becomes free here too ("passing
//! through"). Class bodies are skipped when methods resolve names, but provide the
//! implicit `__class__` cell.

use super::block::{Block, DEF_BOUND, DEF_FREE_CLASS, DEF_GLOBAL, DEF_NONLOCAL};
use super::collect::MODULE_SCOPE;
use super::errors::{fail, SemaError, SemaResult};
use super::scope::{ScopeKind, SymbolScope};
use crate::ast::ScopeId;
use std::collections::{HashMap, HashSet};

type Names = HashSet<String>;

/// Runs the resolution over all blocks, filling in `resolved`, `free_class` and
/// `needs_class_cell`. Errors are reported in CPython's order: a scope's own names in
/// first-use order, then its children in source order.
pub(crate) fn resolve(blocks: &mut [Block]) -> SemaResult<()> {
    let mut resolver = Resolver { blocks };
    let mut free = Names::new();
    let mut global = Names::new();
    // The module has no enclosing bindings at all (not even an empty set): that is what
    // makes `nonlocal` at module level its own error.
    resolver.analyze_block(MODULE_SCOPE, None, &mut free, &mut global)
}

struct Resolver<'b> {
    blocks: &'b mut [Block],
}

impl Resolver<'_> {
    fn block(&self, id: ScopeId) -> &Block {
        &self.blocks[id.0 as usize]
    }

    fn analyze_block(
        &mut self,
        id: ScopeId,
        mut bound: Option<&mut Names>,
        free: &mut Names,
        global: &mut Names,
    ) -> SemaResult<()> {
        let kind = self.block(id).kind;
        let is_class = kind == ScopeKind::Class;
        let mut local = Names::new();
        let mut scopes: HashMap<String, SymbolScope> = HashMap::new();
        let mut new_global = Names::new();
        let mut new_bound = Names::new();

        // A class body's names are invisible to its methods: what they see is fixed
        // before the class's own names are analysed.
        if is_class {
            new_global.extend(global.iter().cloned());
            if let Some(b) = bound.as_deref() {
                new_bound.extend(b.iter().cloned());
            }
        }

        let symbols: Vec<(String, u16)> = self
            .block(id)
            .symbols
            .iter()
            .map(|(n, f)| (n.to_string(), f))
            .collect();
        for (name, flags) in &symbols {
            let scope = self.analyze_name(
                id,
                name,
                *flags,
                bound.as_deref_mut(),
                &mut local,
                free,
                global,
            )?;
            scopes.insert(name.clone(), scope);
        }

        if !is_class {
            if self.block(id).is_function_like() {
                new_bound.extend(local.iter().cloned());
            }
            if let Some(b) = bound.as_deref() {
                new_bound.extend(b.iter().cloned());
            }
            new_global.extend(global.iter().cloned());
        } else {
            new_bound.insert("__class__".to_string());
        }

        let mut all_free = Names::new();
        let children = self.block(id).children.clone();
        for child in children {
            let mut child_bound = new_bound.clone();
            let mut child_global = new_global.clone();
            let mut child_free = Names::new();
            self.analyze_block(
                child,
                Some(&mut child_bound),
                &mut child_free,
                &mut child_global,
            )?;
            all_free.extend(child_free);
        }
        let mut new_free = all_free;

        if self.block(id).is_function_like() {
            // A local some child reads freely must live in a cell.
            for (name, scope) in scopes.iter_mut() {
                if *scope == SymbolScope::Local && new_free.remove(name) {
                    *scope = SymbolScope::Cell;
                }
            }
        } else if is_class && new_free.remove("__class__") {
            self.blocks[id.0 as usize].needs_class_cell = true;
        }

        self.update_symbols(id, scopes, bound.as_deref(), &new_free, is_class);
        free.extend(new_free);
        Ok(())
    }

    /// CPython's `analyze_name`: one name's scope from its flags and what encloses it.
    #[allow(clippy::too_many_arguments)]
    fn analyze_name(
        &self,
        id: ScopeId,
        name: &str,
        flags: u16,
        bound: Option<&mut Names>,
        local: &mut Names,
        free: &mut Names,
        global: &mut Names,
    ) -> SemaResult<SymbolScope> {
        let block = self.block(id);
        if flags & DEF_GLOBAL != 0 {
            if flags & DEF_NONLOCAL != 0 {
                let span = block.directive_span(name);
                return fail(SemaError::NonlocalAndGlobal {
                    name: name.to_string(),
                    span,
                });
            }
            global.insert(name.to_string());
            if let Some(b) = bound {
                b.remove(name);
            }
            return Ok(SymbolScope::GlobalExplicit);
        }
        if flags & DEF_NONLOCAL != 0 {
            let span = block.directive_span(name);
            let Some(b) = bound else {
                return fail(SemaError::NonlocalAtModuleLevel { span });
            };
            if !b.contains(name) {
                return fail(SemaError::NoBindingForNonlocal {
                    name: name.to_string(),
                    span,
                });
            }
            free.insert(name.to_string());
            return Ok(SymbolScope::Free);
        }
        if flags & DEF_BOUND != 0 {
            local.insert(name.to_string());
            global.remove(name);
            return Ok(SymbolScope::Local);
        }
        if bound.is_some_and(|b| b.contains(name)) {
            free.insert(name.to_string());
            return Ok(SymbolScope::Free);
        }
        Ok(SymbolScope::GlobalImplicit)
    }

    /// Records the decisions, and adds the names that are only passing through this
    /// scope on their way to a child's closure.
    fn update_symbols(
        &mut self,
        id: ScopeId,
        scopes: HashMap<String, SymbolScope>,
        bound: Option<&Names>,
        new_free: &Names,
        is_class: bool,
    ) {
        let block = &mut self.blocks[id.0 as usize];
        block.resolved = scopes;
        for name in new_free {
            if block.symbols.contains(name) {
                let flags = block.symbols.get(name);
                // A class-local name that a method uses freely from an enclosing
                // function: the class must forward that cell.
                if is_class && flags & (DEF_BOUND | DEF_GLOBAL) != 0 {
                    block.free_class.insert(name.clone());
                    block.symbols.set(name, flags | DEF_FREE_CLASS);
                }
                continue;
            }
            if bound.is_some_and(|b| !b.contains(name)) {
                continue; // a global
            }
            block.resolved.insert(name.clone(), SymbolScope::Free);
        }
    }
}
