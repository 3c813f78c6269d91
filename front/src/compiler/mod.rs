//! AST → bytecode. One file per family of constructs:
//!
//! - [`builder`]: instruction emission, labels, exception table, stack depth;
//! - [`stmt`]: simple statements and the statement dispatcher;
//! - [`control`]: `if`, loops, `try`, `with`, and unwinding on `return`/`break`;
//! - [`defs`]: functions, lambdas, classes, decorators, closures;
//! - [`expr`]: expressions; [`calls`]: call sites; [`comprehension`]: comprehensions;
//! - [`assign`]: assignment, deletion and unpacking targets.
//!
//! The semantic pass has already decided where every name lives and checked the placement
//! rules, so the compiler only reads the scope table.

mod assign;
pub mod builder;
mod calls;
mod comprehension;
mod control;
mod defs;
mod expr;
mod stmt;
pub mod syntax_warnings;

use crate::ast::{self, ScopeId};
use crate::bytecode::{CodeUnit, Const, Instr};
use crate::diagnostic::Diagnostic;
use crate::sema::scope::{Scope, ScopeKind, ScopeTable, SymbolScope};
use crate::source::{SourceFile, Span};
use builder::{CodeBuilder, Label};
use std::rc::Rc;

pub type CompileResult<T = ()> = Result<T, Diagnostic>;

/// What a source is compiled as: `compile()`'s `mode`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Statements (a module, `exec`): the code returns None.
    Exec,
    /// One expression (`eval`): the code returns its value.
    Eval,
    /// Interactive input (the prompt, `single`): expression statements print their value.
    Single,
}

/// Parses, checks and compiles a source file into its module's code unit: the whole
/// pipeline below the VM, shared by the interpreter (programs, `-c`, imports, `compile`),
/// `apy check` and the build script that compiles the frozen standard-library sources.
pub fn compile_source(source: &Rc<SourceFile>, mode: Mode) -> CompileResult<CodeUnit> {
    compile_source_warned(source, mode).map(|c| c.unit)
}

/// As [`compile_source`], for source given at run time (`compile`, `exec`, `eval`): its
/// module-level names are looked up by name, since it may run with separate locals.
pub fn compile_dynamic(source: &Rc<SourceFile>, mode: Mode) -> CompileResult<CodeUnit> {
    compile_dynamic_warned(source, mode).map(|c| c.unit)
}

/// Compiles a checked module into its code unit.
pub fn compile_module(
    module: &ast::Module,
    scopes: &ScopeTable,
    source: Rc<SourceFile>,
    mode: Mode,
) -> CompileResult<CodeUnit> {
    compile_module_warned(module, scopes, source, mode).map(|c| c.unit)
}

/// A compiled module with the SyntaxWarnings its compilation issues.
pub struct Compiled {
    pub unit: CodeUnit,
    pub warnings: Vec<syntax_warnings::SyntaxWarning>,
}

/// [`compile_source`], with the SyntaxWarnings (for a program or a module to import).
pub fn compile_source_warned(source: &Rc<SourceFile>, mode: Mode) -> CompileResult<Compiled> {
    let module = crate::parser::parse_module(source)?;
    let scopes = crate::sema::analyze(&module)?;
    compile_module_warned(&module, &scopes, source.clone(), mode)
}

/// [`compile_dynamic`], with the SyntaxWarnings (`compile`, `exec`, `eval`).
pub fn compile_dynamic_warned(source: &Rc<SourceFile>, mode: Mode) -> CompileResult<Compiled> {
    let module = crate::parser::parse_module(source)?;
    let scopes = crate::sema::analyze(&module)?;
    let mut c = Compiler::new(&scopes, source.clone(), mode);
    c.module_names_by_name = true;
    c.finish(&module, mode)
}

/// [`compile_module`], with the SyntaxWarnings (REPL input).
pub fn compile_module_warned(
    module: &ast::Module,
    scopes: &ScopeTable,
    source: Rc<SourceFile>,
    mode: Mode,
) -> CompileResult<Compiled> {
    Compiler::new(scopes, source, mode).finish(module, mode)
}

/// An enclosing construct that `return`, `break` and `continue` must unwind through.
#[derive(Clone)]
enum FBlock<'a> {
    WhileLoop {
        start: Label,
        exit: Label,
    },
    ForLoop {
        start: Label,
        exit: Label,
    },
    TryExcept,
    FinallyTry {
        body: &'a [ast::Stmt],
    },
    /// Running a `finally` body on the exception path: the exception is on the stack.
    FinallyEnd,
    With {
        is_async: bool,
    },
    /// Inside an `except` clause (named or not).
    HandlerCleanup {
        name: Option<&'a str>,
    },
    /// A value on the stack to discard (e.g. the return value while a finally runs).
    PopValue,
    ExceptionHandler,
}

/// An fblock and how many exception handlers were active outside it (unwinding through
/// the block leaves the handlers it pushed).
#[derive(Clone)]
struct Block<'a> {
    kind: FBlock<'a>,
    handler_depth: usize,
}

struct Unit<'a> {
    builder: CodeBuilder,
    scope: ScopeId,
    fblocks: Vec<Block<'a>>,
}

pub struct Compiler<'a> {
    scopes: &'a ScopeTable,
    source: Rc<SourceFile>,
    units: Vec<Unit<'a>>,
    /// Module-level names are looked up by name (`LOAD_NAME`, as CPython always does)
    /// rather than as globals: for code given to `exec`/`eval`, which may run with
    /// locals apart from its globals.
    module_names_by_name: bool,
    /// `from __future__ import annotations`: annotations are kept as their source text.
    future_annotations: bool,
    /// REPL input: expression statements print their value.
    interactive: bool,
    /// What CPython's compiler would warn about, in the order it would.
    warnings: Vec<syntax_warnings::SyntaxWarning>,
}

/// How a name is accessed in the current scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NameOp {
    Fast(u32),
    Deref(u32),
    ClassDeref(u32),
    Global(u32),
    Name(u32),
}

impl<'a> Compiler<'a> {
    fn new(scopes: &'a ScopeTable, source: Rc<SourceFile>, mode: Mode) -> Compiler<'a> {
        Compiler {
            scopes,
            source,
            units: Vec::new(),
            module_names_by_name: false,
            future_annotations: false,
            interactive: mode == Mode::Single,
            warnings: Vec::new(),
        }
    }

    fn warn(&mut self, warning: Option<syntax_warnings::SyntaxWarning>) {
        self.warnings.extend(warning);
    }

    /// The module's code unit and what compiling it warned about.
    fn finish(mut self, module: &'a ast::Module, mode: Mode) -> CompileResult<Compiled> {
        let unit = self.compile_top(module, mode)?;
        Ok(Compiled {
            unit,
            warnings: self.warnings,
        })
    }

    /// The module's code unit.
    fn compile_top(&mut self, module: &'a ast::Module, mode: Mode) -> CompileResult<CodeUnit> {
        self.future_annotations = has_future_annotations(&module.body);
        self.enter_unit(ScopeId(0), "<module>", "<module>", 1);
        if mode == Mode::Eval {
            let expr = self.eval_expression(module)?;
            self.compile_expr(expr)?;
            self.emit(Instr::ReturnValue);
            return Ok(self.leave_unit());
        }
        self.setup_annotations(&module.body);
        self.compile_body(&module.body)?;
        self.emit(Instr::LoadConst(0));
        self.fix_none_const();
        self.emit(Instr::ReturnValue);
        Ok(self.leave_unit())
    }

    fn unit(&mut self) -> &mut Unit<'a> {
        self.units.last_mut().expect("compiler has a unit")
    }

    fn b(&mut self) -> &mut CodeBuilder {
        &mut self.unit().builder
    }

    fn scope(&self) -> &'a Scope {
        let id = self.units.last().expect("compiler has a unit").scope;
        self.scopes.get(id)
    }

    /// The one expression an `eval` source must be; CPython's "invalid syntax" at the
    /// first statement that is not that expression (line 0 for an empty source).
    fn eval_expression<'m>(&mut self, module: &'m ast::Module) -> CompileResult<&'m ast::Expr> {
        match module.body.as_slice() {
            [stmt] => match &stmt.kind {
                ast::StmtKind::Expr(e) => Ok(e),
                _ => Err(Diagnostic::syntax("invalid syntax", stmt.span)),
            },
            [] => {
                let mut d = Diagnostic::syntax("invalid syntax", Span::default());
                d.line_override = Some(0);
                Err(d)
            }
            [first, second, ..] => {
                let at = if matches!(first.kind, ast::StmtKind::Expr(_)) {
                    second.span
                } else {
                    first.span
                };
                Err(Diagnostic::syntax("invalid syntax", at))
            }
        }
    }

    fn emit(&mut self, instr: Instr) {
        self.b().emit(instr);
    }

    fn new_label(&mut self) -> Label {
        self.b().new_label()
    }

    fn bind(&mut self, l: Label) {
        self.b().bind(l);
    }

    /// Jumps store label ids until `finish` resolves them.
    fn jump(&mut self, make: fn(u32) -> Instr, l: Label) {
        self.emit(make(l.0));
    }

    fn set_line(&mut self, span: Span) {
        let line = self.source.line_of(span.start);
        self.b().current_line = line;
    }

    fn load_const(&mut self, v: Const) {
        let i = self.b().const_index(v);
        self.emit(Instr::LoadConst(i));
    }

    fn load_none(&mut self) {
        self.load_const(Const::None);
    }

    /// The module's final `LoadConst(0)` must be None; make sure const 0 is None.
    fn fix_none_const(&mut self) {
        let b = self.b();
        if b.unit.consts.first().is_none_or(|v| *v != Const::None) {
            let i = b.const_index(Const::None);
            if let Some(Instr::LoadConst(last)) = b.unit.instrs.last_mut() {
                *last = i;
            }
        }
    }

    fn name_index(&mut self, name: &str) -> u32 {
        self.b().name_index(name)
    }

    fn enter_unit(&mut self, scope: ScopeId, name: &str, qualname: &str, first_line: u32) {
        let mut builder = CodeBuilder::new(name.to_string(), qualname.to_string(), first_line);
        let info = self.scopes.get(scope);
        builder.unit.varnames = info.varnames.clone();
        builder.unit.cellvars = info.cellvars.clone();
        builder.unit.freevars = info.freevars.clone();
        builder.unit.cell_from_arg = info
            .cellvars
            .iter()
            .map(|c| {
                let nargs = info.argcount
                    + info.kwonlyargcount
                    + info.has_varargs as u32
                    + info.has_varkeywords as u32;
                info.varnames
                    .iter()
                    .take(nargs as usize)
                    .position(|v| v == c)
                    .map(|p| p as u32)
            })
            .collect();
        builder.unit.argcount = info.argcount;
        builder.unit.posonlyargcount = info.posonlyargcount;
        builder.unit.kwonlyargcount = info.kwonlyargcount;
        use crate::bytecode::flags;
        let mut f = 0;
        if info.has_varargs {
            f |= flags::VARARGS;
        }
        if info.has_varkeywords {
            f |= flags::VARKEYWORDS;
        }
        // A module is only ever async at the REPL's top level (`await` at the prompt):
        // it then runs as a coroutine, as CPython's `PyCF_ALLOW_TOP_LEVEL_AWAIT` code does.
        if info.kind != ScopeKind::Class {
            f |= match (info.is_async, info.is_generator) {
                (true, true) => flags::ASYNC_GENERATOR,
                (true, false) => flags::COROUTINE,
                (false, true) => flags::GENERATOR,
                (false, false) => 0,
            };
        }
        builder.unit.flags = f;
        self.units.push(Unit {
            builder,
            scope,
            fblocks: Vec::new(),
        });
    }

    fn leave_unit(&mut self) -> CodeUnit {
        let unit = self.units.pop().expect("compiler has a unit");
        unit.builder.finish()
    }

    /// Private-name mangling (`__x` inside `class C` is `_C__x`), as CPython applies to
    /// names and attribute names.
    fn mangle<'n>(&self, name: &'n str) -> std::borrow::Cow<'n, str> {
        crate::sema::mangle(self.scope().private.as_deref(), name)
    }

    /// Index in the names table of a (mangled) attribute name.
    fn attr_index(&mut self, name: &str) -> u32 {
        let mangled = self.mangle(name).into_owned();
        self.name_index(&mangled)
    }

    fn name_op(&mut self, name: &str) -> NameOp {
        let mangled = self.mangle(name).into_owned();
        let name: &str = &mangled;
        let scope = self.scope();
        let kind = scope.kind;
        let sym = scope.lookup(name);
        let cell_index = |list: &Vec<String>| list.iter().position(|n| n == name).map(|p| p as u32);
        match sym {
            SymbolScope::Cell => {
                if let Some(i) = cell_index(&scope.cellvars) {
                    return NameOp::Deref(i);
                }
            }
            SymbolScope::Free => {
                if let Some(i) = cell_index(&scope.freevars) {
                    let i = i + scope.cellvars.len() as u32;
                    return if kind == ScopeKind::Class {
                        NameOp::ClassDeref(i)
                    } else {
                        NameOp::Deref(i)
                    };
                }
            }
            _ => {}
        }
        match (kind, sym) {
            (ScopeKind::Module, SymbolScope::GlobalExplicit) => {
                NameOp::Global(self.name_index(name))
            }
            (ScopeKind::Module, _) if self.module_names_by_name => {
                NameOp::Name(self.name_index(name))
            }
            (ScopeKind::Module, _) => NameOp::Global(self.name_index(name)),
            (ScopeKind::Class, SymbolScope::GlobalExplicit) => {
                NameOp::Global(self.name_index(name))
            }
            (ScopeKind::Class, _) => NameOp::Name(self.name_index(name)),
            (_, SymbolScope::Local) => match scope.varnames.iter().position(|v| v == name) {
                Some(i) => NameOp::Fast(i as u32),
                None => NameOp::Global(self.name_index(name)),
            },
            _ => NameOp::Global(self.name_index(name)),
        }
    }

    fn load_name(&mut self, name: &str) {
        let op = match self.name_op(name) {
            NameOp::Fast(i) => Instr::LoadFast(i),
            NameOp::Deref(i) => Instr::LoadDeref(i),
            NameOp::ClassDeref(i) => Instr::LoadClassDeref(i),
            NameOp::Global(i) => Instr::LoadGlobal(i),
            NameOp::Name(i) => Instr::LoadName(i),
        };
        self.emit(op);
    }

    /// An annotation's value: evaluated, or under `from __future__ import annotations`
    /// its source text (CPython unparses the tree; the text is the same but for
    /// spacing).
    fn compile_annotation(&mut self, annotation: &'a ast::Expr) -> CompileResult {
        if self.future_annotations {
            let text = self
                .source
                .text
                .get(annotation.span.range())
                .unwrap_or("")
                .to_string();
            self.load_const(Const::Str(text));
            return Ok(());
        }
        self.compile_expr(annotation)
    }

    /// CPython's `SETUP_ANNOTATIONS`: a module or class body with an annotated name
    /// anywhere in its statements (not in nested definitions) starts with an empty
    /// `__annotations__`, which each `name: annotation` fills.
    fn setup_annotations(&mut self, body: &[ast::Stmt]) {
        // An explicit stack of statement lists, not a recursion over nesting.
        let mut pending: Vec<&[ast::Stmt]> = vec![body];
        let mut found = false;
        while let Some(stmts) = pending.pop() {
            for stmt in stmts {
                match &stmt.kind {
                    ast::StmtKind::AnnAssign { simple: true, .. } => found = true,
                    ast::StmtKind::If { body, orelse, .. }
                    | ast::StmtKind::While { body, orelse, .. }
                    | ast::StmtKind::For { body, orelse, .. } => {
                        pending.push(body);
                        pending.push(orelse);
                    }
                    ast::StmtKind::Try {
                        body,
                        handlers,
                        orelse,
                        finalbody,
                        ..
                    } => {
                        pending.push(body);
                        pending.push(orelse);
                        pending.push(finalbody);
                        pending.extend(handlers.iter().map(|h| h.body.as_slice()));
                    }
                    ast::StmtKind::With { body, .. } => pending.push(body),
                    _ => {}
                }
            }
            if found {
                break;
            }
        }
        if found {
            self.emit(Instr::BuildMap(0));
            self.store_name("__annotations__");
        }
    }

    fn store_name(&mut self, name: &str) {
        let op = match self.name_op(name) {
            NameOp::Fast(i) => Instr::StoreFast(i),
            NameOp::Deref(i) | NameOp::ClassDeref(i) => Instr::StoreDeref(i),
            NameOp::Global(i) => Instr::StoreGlobal(i),
            NameOp::Name(i) => Instr::StoreName(i),
        };
        self.emit(op);
    }

    fn delete_name(&mut self, name: &str) {
        let op = match self.name_op(name) {
            NameOp::Fast(i) => Instr::DeleteFast(i),
            NameOp::Deref(i) | NameOp::ClassDeref(i) => Instr::DeleteDeref(i),
            NameOp::Global(i) => Instr::DeleteGlobal(i),
            NameOp::Name(i) => Instr::DeleteName(i),
        };
        self.emit(op);
    }

    /// Enters an fblock; call before pushing the block's own handlers.
    fn push_block(&mut self, kind: FBlock<'a>) {
        let handler_depth = self.b().handler_count();
        self.unit().fblocks.push(Block {
            kind,
            handler_depth,
        });
    }

    fn pop_block(&mut self) {
        self.unit().fblocks.pop();
    }

    fn error(&self, message: &str, span: Span) -> Diagnostic {
        Diagnostic::syntax(message, span)
    }
}

/// Whether the module starts (after its docstring) with future statements that include
/// `from __future__ import annotations`.
fn has_future_annotations(body: &[ast::Stmt]) -> bool {
    let skip_doc = matches!(
        body.first().map(|s| &s.kind),
        Some(ast::StmtKind::Expr(ast::Expr {
            kind: ast::ExprKind::Constant(ast::Constant::Str(_)),
            ..
        }))
    );
    body.iter()
        .skip(usize::from(skip_doc))
        .map_while(|s| match &s.kind {
            ast::StmtKind::ImportFrom {
                module: Some(m),
                names,
                level: 0,
            } if m == "__future__" => Some(names),
            _ => None,
        })
        .flatten()
        .any(|alias| alias.name == "annotations")
}
