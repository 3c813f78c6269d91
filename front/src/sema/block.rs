//! The raw facts the first pass collects about each scope (CPython's `PySTEntryObject`),
//! and the per-name flags it records.
//!
//! The flags mirror `symtable.h` one for one so that the resolution pass can follow
//! `symtable.c` line by line; the symbol map keeps insertion order because CPython walks
//! its symbol dict in that order, which decides which of several errors is reported.

use super::errors::{CompKind, Enclosing};
use super::scope::{ScopeKind, SymbolScope};
use crate::ast::ScopeId;
use crate::source::Span;
use std::collections::{HashMap, HashSet};

/// `global` statement.
pub(crate) const DEF_GLOBAL: u16 = 1;
/// Assignment (or `del`, `for` target, `def`/`class` name, …) in the scope.
pub(crate) const DEF_LOCAL: u16 = 2;
/// Formal parameter.
pub(crate) const DEF_PARAM: u16 = 4;
/// `nonlocal` statement.
pub(crate) const DEF_NONLOCAL: u16 = 8;
/// The name is read.
pub(crate) const USE: u16 = 16;
/// A class-local name that is also free in a method (it must be forwarded as a free var).
pub(crate) const DEF_FREE_CLASS: u16 = 64;
/// Bound by an import.
pub(crate) const DEF_IMPORT: u16 = 128;
/// Annotated (`x: int`).
pub(crate) const DEF_ANNOT: u16 = 256;
/// A comprehension iteration variable.
pub(crate) const DEF_COMP_ITER: u16 = 512;
pub(crate) const DEF_BOUND: u16 = DEF_LOCAL | DEF_PARAM | DEF_IMPORT;

/// Name → flags, iterated in insertion order.
#[derive(Clone, Debug, Default)]
pub(crate) struct SymbolMap {
    entries: Vec<(String, u16)>,
    index: HashMap<String, usize>,
}

impl SymbolMap {
    /// The flags of `name`, 0 when absent.
    pub(crate) fn get(&self, name: &str) -> u16 {
        self.index.get(name).map_or(0, |&i| self.entries[i].1)
    }

    pub(crate) fn contains(&self, name: &str) -> bool {
        self.index.contains_key(name)
    }

    pub(crate) fn set(&mut self, name: &str, flags: u16) {
        match self.index.get(name) {
            Some(&i) => self.entries[i].1 = flags,
            None => {
                self.index.insert(name.to_string(), self.entries.len());
                self.entries.push((name.to_string(), flags));
            }
        }
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, u16)> {
        self.entries.iter().map(|(n, f)| (n.as_str(), *f))
    }
}

/// One scope as the first pass sees it, plus the resolution results the second pass
/// fills in.
#[derive(Clone, Debug)]
pub(crate) struct Block {
    pub kind: ScopeKind,
    pub comp: Option<CompKind>,
    /// `async def` (CPython's `COMPILER_SCOPE_ASYNC_FUNCTION`), as opposed to a scope
    /// that merely became a coroutine.
    pub is_async_def: bool,
    pub name: String,
    pub span: Span,
    /// What diagnostics say about this scope (def header, class name, lambda span).
    pub describe: Enclosing,
    pub parent: Option<ScopeId>,
    pub children: Vec<ScopeId>,
    pub symbols: SymbolMap,
    /// Parameters in `co_varnames` order (CPython's `ste_varnames`).
    pub params: Vec<String>,
    /// `global`/`nonlocal` statements (and walrus targets in comprehensions), first
    /// occurrence first: scope errors found in the second pass are reported here.
    pub directives: Vec<(String, Span)>,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub varargs: bool,
    pub varkeywords: bool,
    /// CPython's `ste_generator`.
    pub generator: bool,
    /// CPython's `ste_coroutine`: `async def`, an `await`, or an async comprehension.
    pub coroutine: bool,
    pub nested: bool,
    /// Set while the targets of a comprehension's `for` are visited.
    pub comp_iter_target: bool,
    /// Non-zero while a comprehension's iterable is visited (inherited by new scopes).
    pub comp_iter_expr: u32,
    pub private: Option<String>,
    /// The first `yield`, for the async-generator diagnostic.
    pub first_yield: Option<Span>,
    // ---- filled in by the resolution pass ----
    pub resolved: HashMap<String, SymbolScope>,
    pub free_class: HashSet<String>,
    pub needs_class_cell: bool,
}

impl Block {
    pub(crate) fn new(kind: ScopeKind, name: String, span: Span, describe: Enclosing) -> Block {
        Block {
            kind,
            comp: None,
            is_async_def: false,
            name,
            span,
            describe,
            parent: None,
            children: Vec::new(),
            symbols: SymbolMap::default(),
            params: Vec::new(),
            directives: Vec::new(),
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            varargs: false,
            varkeywords: false,
            generator: false,
            coroutine: false,
            nested: false,
            comp_iter_target: false,
            comp_iter_expr: 0,
            private: None,
            first_yield: None,
            resolved: HashMap::new(),
            free_class: HashSet::new(),
            needs_class_cell: false,
        }
    }

    /// CPython's `FunctionBlock`: functions, lambdas and comprehensions use fast locals.
    pub(crate) fn is_function_like(&self) -> bool {
        matches!(
            self.kind,
            ScopeKind::Function | ScopeKind::Lambda | ScopeKind::Comprehension
        )
    }

    pub(crate) fn directive_span(&self, name: &str) -> Span {
        self.directives
            .iter()
            .find(|(n, _)| n == name)
            .map_or(self.span, |(_, s)| *s)
    }
}
