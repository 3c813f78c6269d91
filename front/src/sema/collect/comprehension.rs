//! First pass over comprehensions and assignment expressions: the comprehension's own
//! scope, its `.0` parameter, and where a `:=` inside it binds (the nearest enclosing
//! non-comprehension scope), with symtable's four walrus errors.

use super::{Collector, Result, MODULE_SCOPE};
use crate::ast::{Comprehension, Expr, Ident, ScopeId};
use crate::sema::block::{Block, DEF_COMP_ITER, DEF_GLOBAL, DEF_LOCAL, DEF_NONLOCAL, DEF_PARAM};
use crate::sema::errors::{fail, CompKind, Enclosing, SemaError};
use crate::sema::scope::ScopeKind;

impl Collector {
    /// CPython's `symtable_handle_comprehension`. `value` is the dict comprehension's
    /// value (`elt` is then its key).
    pub(crate) fn visit_comprehension(
        &mut self,
        e: &Expr,
        scope: ScopeId,
        kind: CompKind,
        generators: &[Comprehension],
        elt: &Expr,
        value: Option<&Expr>,
    ) -> Result<()> {
        let is_generator = kind == CompKind::Generator;
        let outermost = generators.first();
        // The outermost iterable is evaluated in the enclosing scope.
        if let Some(first) = outermost {
            self.cur().comp_iter_expr += 1;
            let result = self.visit_expr(&first.iter);
            self.cur().comp_iter_expr -= 1;
            result?;
        }
        let describe = Enclosing::Comprehension { kind, span: e.span };
        let mut block = Block::new(
            ScopeKind::Comprehension,
            kind.scope_name().into(),
            e.span,
            describe,
        );
        block.comp = Some(kind);
        block.coroutine = outermost.is_some_and(|g| g.is_async);
        self.enter_block(scope, block)?;
        if let Some(first) = outermost {
            // The outermost iterator arrives as the implicit parameter `.0`.
            self.add_def(".0", DEF_PARAM, first.iter.span)?;
            self.cur().argcount = 1;
            self.visit_comp_target(&first.target)?;
            for i in first.ifs.iter() {
                self.visit_expr(i)?;
            }
        }
        for generator in generators.iter().skip(1) {
            self.visit_comp_target(&generator.target)?;
            self.cur().comp_iter_expr += 1;
            let result = self.visit_expr(&generator.iter);
            self.cur().comp_iter_expr -= 1;
            result?;
            for i in generator.ifs.iter() {
                self.visit_expr(i)?;
            }
            if generator.is_async {
                self.cur().coroutine = true;
            }
        }
        if let Some(v) = value {
            self.visit_expr(v)?;
        }
        self.visit_expr(elt)?;
        let block = self.cur();
        block.generator = is_generator;
        // An async list/set/dict comprehension is awaited where it is evaluated, which
        // makes the enclosing scope a coroutine too (not so for a generator expression).
        let is_async = block.coroutine && !is_generator;
        self.exit_block();
        if is_async {
            self.cur().coroutine = true;
        }
        Ok(())
    }

    fn visit_comp_target(&mut self, target: &Expr) -> Result<()> {
        self.cur().comp_iter_target = true;
        let result = self.visit_target(target);
        self.cur().comp_iter_target = false;
        result
    }

    /// CPython's `symtable_handle_namedexpr`.
    /// Errors point at the target, where CPython's `NamedExpr` location starts.
    pub(crate) fn visit_named_expr(&mut self, target: &Ident, value: &Expr) -> Result<()> {
        if self.cur().comp_iter_expr > 0 {
            return fail(SemaError::WalrusInComprehensionIterable { span: target.span });
        }
        if self.cur().comp.is_some() {
            self.extend_named_expr_scope(target)?;
        }
        self.visit_expr(value)?;
        self.add_def(&target.name, DEF_LOCAL, target.span)
    }

    /// A `:=` in a comprehension binds in the nearest enclosing function or module,
    /// and becomes a nonlocal (global) of the comprehension itself.
    fn extend_named_expr_scope(&mut self, target: &Ident) -> Result<()> {
        let name = target.name.as_str();
        let span = target.span;
        for index in (0..self.stack.len()).rev() {
            let id = self.stack[index];
            let block = self.block(id);
            if block.comp.is_some() {
                // CPython looks the unmangled name up here.
                if block.symbols.get(name) & DEF_COMP_ITER != 0 {
                    return fail(SemaError::WalrusRebindsIterationVariable {
                        name: name.to_string(),
                        span,
                    });
                }
                continue;
            }
            match block.kind {
                ScopeKind::Function | ScopeKind::Lambda => {
                    let declared_global = block.symbols.get(name) & DEF_GLOBAL != 0;
                    self.add_def(
                        name,
                        if declared_global {
                            DEF_GLOBAL
                        } else {
                            DEF_NONLOCAL
                        },
                        span,
                    )?;
                    self.record_directive(name, span);
                    return self.add_def_in(id, name, DEF_LOCAL, span);
                }
                ScopeKind::Module => {
                    self.add_def(name, DEF_GLOBAL, span)?;
                    self.record_directive(name, span);
                    return self.add_def_in(MODULE_SCOPE, name, DEF_GLOBAL, span);
                }
                ScopeKind::Class => return fail(SemaError::WalrusInClassComprehension { span }),
                ScopeKind::Comprehension => continue,
            }
        }
        Ok(())
    }
}
