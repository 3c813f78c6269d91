//! What the semantic pass tells the compiler about every scope.
//!
//! CPython's `symtable` decides, per scope, whether each name is local, global, free or a
//! cell; the compiler only reads those decisions. The table is indexed by the
//! [`ScopeId`](crate::ast::ScopeId) the parser stored in each scope-opening node.

use crate::ast::ScopeId;
use crate::source::Span;
use std::collections::HashMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeKind {
    Module,
    Function,
    Lambda,
    Class,
    /// A list/set/dict comprehension or generator expression: its own function scope.
    Comprehension,
}

/// Where a name lives, as decided by scope analysis.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SymbolScope {
    /// A fast local of a function scope (an index into `varnames`).
    Local,
    /// Declared `global` in this scope.
    GlobalExplicit,
    /// Not bound anywhere enclosing: module globals, then builtins.
    GlobalImplicit,
    /// Bound in an enclosing function scope, read through a cell (an index into `freevars`).
    Free,
    /// Local to this scope but captured by an inner scope (an index into `cellvars`).
    Cell,
}

#[derive(Clone, Debug)]
pub struct Scope {
    pub kind: ScopeKind,
    /// Function/class name; `<lambda>`, `<listcomp>`, `<setcomp>`, `<dictcomp>`,
    /// `<genexpr>`, `<module>` otherwise.
    pub name: String,
    /// Dotted qualified name as CPython's `__qualname__` (e.g. `f.<locals>.g`, `C.m`).
    pub qualname: String,
    pub span: Span,
    pub parent: Option<ScopeId>,
    /// Every name used in the scope and where it lives (keys are mangled names).
    pub symbols: HashMap<String, SymbolScope>,
    /// Fast locals in order (`co_varnames`): parameters first (posonly, args, kwonly,
    /// *args, **kwargs), then the other locals in the order CPython's compiler first
    /// emits a reference to them (so a local that is only ever annotated, `x: int`, is
    /// absent, exactly as in CPython). For comprehensions the single parameter is `.0`,
    /// the outermost iterator. Empty for module and class scopes.
    pub varnames: Vec<String>,
    /// Locals captured by inner scopes, in CPython's `co_cellvars` order: captured
    /// parameters first (in `varnames` order; they keep their varnames slot too and the
    /// compiler copies them into the cell on entry), then the other cells sorted by name.
    /// A class that needs it has exactly `["__class__"]`.
    pub cellvars: Vec<String>,
    /// Names read from enclosing scopes through cells, sorted by name (`co_freevars`).
    /// A class scope also lists here a name that is local to the class body *and* free in
    /// one of its methods (CPython's `DEF_FREE_CLASS`): its symbol stays `Local` (the body
    /// uses the `*_NAME` opcodes for it) but the class must forward the enclosing cell
    /// to the method's closure.
    pub freevars: Vec<String>,
    /// As `co_argcount`: positional parameters, positional-only ones included.
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub has_varargs: bool,
    pub has_varkeywords: bool,
    /// Contains `yield`/`yield from` (or is a generator expression).
    pub is_generator: bool,
    /// Runs as a coroutine (`CO_COROUTINE`, or `CO_ASYNC_GENERATOR` with
    /// `is_generator`): `async def`, an asynchronous comprehension or generator
    /// expression, and, in the REPL's top-level-await mode, a module that awaits.
    pub is_async: bool,
    /// A class body whose methods use `super()` or `__class__`: the class gets a
    /// `__class__` cell (listed in the class scope's `cellvars`).
    pub needs_class_cell: bool,
    /// Defined inside a function-like scope (CPython's `CO_NESTED`).
    pub is_nested: bool,
    /// The class name used for private-name mangling in this scope (CPython's
    /// `u_private`): set in a class body and inherited by everything nested in it.
    /// `symbols`, `varnames`, `cellvars` and `freevars` hold mangled names; the compiler
    /// mangles names and attributes with [`crate::sema::mangle`] and this value.
    pub private: Option<String>,
    pub children: Vec<ScopeId>,
}

impl Scope {
    pub fn lookup(&self, name: &str) -> SymbolScope {
        self.symbols
            .get(name)
            .copied()
            .unwrap_or(SymbolScope::GlobalImplicit)
    }
}

/// All scopes of one module, indexed by `ScopeId`.
#[derive(Clone, Debug, Default)]
pub struct ScopeTable {
    pub scopes: Vec<Scope>,
}

impl ScopeTable {
    pub fn get(&self, id: ScopeId) -> &Scope {
        &self.scopes[id.0 as usize]
    }
}
