//! Statements in compiler order (CPython's `compiler_visit_stmt` and the functions it
//! calls), with the block stack each compound statement pushes.

use super::{Ctx, FBlock, Result, Walker};
use crate::ast::{Alias, ClassDef, ExceptHandler, Expr, ExprKind, FunctionDef, Stmt, StmtKind, WithItem};
use crate::sema::errors::SemaError;
use crate::source::Span;

impl<'a> Walker<'a, '_> {
    pub(super) fn body(&mut self, body: &'a [Stmt]) -> Result<()> {
        body.iter().try_for_each(|s| self.stmt(s))
    }

    fn stmt(&mut self, s: &'a Stmt) -> Result<()> {
        self.depth.enter(s.span)?;
        let result = self.stmt_inner(s);
        self.depth.leave();
        result
    }

    fn stmt_inner(&mut self, s: &'a Stmt) -> Result<()> {
        match &s.kind {
            StmtKind::FunctionDef(f) => self.function_def(f, s.span),
            StmtKind::ClassDef(c) => self.class_def(c),
            StmtKind::Return(value) => self.return_stmt(value.as_ref(), s.span),
            StmtKind::Delete(targets) => targets.iter().try_for_each(|t| self.expr_ctx(t, Ctx::Del)),
            StmtKind::Assign { targets, value } => {
                self.expr(value)?;
                targets.iter().try_for_each(|t| self.expr_ctx(t, Ctx::Store))
            }
            StmtKind::AugAssign { target, value, .. } => self.aug_assign(target, value),
            StmtKind::AnnAssign { target, annotation, value, simple } => {
                self.ann_assign(target, annotation, value.as_ref(), *simple, s.span)
            }
            StmtKind::For { target, iter, body, orelse, is_async } => {
                if *is_async {
                    self.check_async_statement(true, s.span)?;
                    self.expr(iter)?;
                    self.push_fblock(FBlock::Loop, s.span)?;
                } else {
                    self.push_fblock(FBlock::Loop, s.span)?;
                    self.expr(iter)?;
                }
                self.expr_ctx(target, Ctx::Store)?;
                self.body(body)?;
                self.pop_fblock();
                self.body(orelse)
            }
            StmtKind::While { test, body, orelse } => {
                self.push_fblock(FBlock::Loop, s.span)?;
                self.expr(test)?;
                self.body(body)?;
                self.pop_fblock();
                self.body(orelse)
            }
            StmtKind::If { test, body, orelse } => {
                self.expr(test)?;
                self.body(body)?;
                self.body(orelse)
            }
            StmtKind::With { items, body, is_async } => {
                if *is_async {
                    self.check_async_statement(false, s.span)?;
                }
                self.with_items(items, body, s.span)
            }
            StmtKind::Raise { exc, cause } => {
                if let Some(e) = exc {
                    self.expr(e)?;
                }
                match cause {
                    Some(c) => self.expr(c),
                    None => Ok(()),
                }
            }
            StmtKind::Try { body, handlers, orelse, finalbody, is_star } => {
                if finalbody.is_empty() {
                    return self.try_except(body, handlers, orelse, *is_star, s.span);
                }
                self.push_fblock(FBlock::FinallyTry { body: finalbody, try_span: s.span }, s.span)?;
                if handlers.is_empty() {
                    self.body(body)?;
                } else {
                    self.try_except(body, handlers, orelse, *is_star, s.span)?;
                }
                self.pop_fblock();
                self.finally_body(finalbody, s.span)
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test)?;
                match msg {
                    Some(m) => self.expr(m),
                    None => Ok(()),
                }
            }
            StmtKind::Import(names) => names.iter().try_for_each(|a| self.import_alias(a, true, s.span)),
            StmtKind::ImportFrom { names, .. } => {
                names.iter().try_for_each(|a| self.import_alias(a, false, s.span))
            }
            StmtKind::Global(_) | StmtKind::Nonlocal(_) | StmtKind::Pass => Ok(()),
            StmtKind::Break => {
                if !self.unwind(true, s.span)? {
                    return Err(SemaError::BreakOutsideLoop { span: s.span });
                }
                Ok(())
            }
            StmtKind::Continue => {
                if !self.unwind(true, s.span)? {
                    return Err(SemaError::ContinueNotInLoop { span: s.span });
                }
                Ok(())
            }
            // A constant expression statement (a docstring) compiles to nothing.
            StmtKind::Expr(e) if matches!(e.kind, ExprKind::Constant(_)) => Ok(()),
            StmtKind::Expr(e) => self.expr(e),
        }
    }

    /// `def`: parameter names, decorators, defaults and annotations in the enclosing
    /// unit, then the body as a new unit, then the name is bound.
    fn function_def(&mut self, f: &'a FunctionDef, span: Span) -> Result<()> {
        self.check_debug_params(&f.args, f.header_span)?;
        f.decorators.iter().try_for_each(|d| self.expr(d))?;
        self.defaults(&f.args)?;
        self.annotations(&f.args, f.returns.as_ref())?;
        self.in_unit(f.scope, |w| w.body(&f.body))?;
        self.name_op(&f.name.name, Ctx::Store, span_start(f.header_span, span))
    }

    /// `class`: decorators, then the body as a new unit, then bases and keywords.
    fn class_def(&mut self, c: &'a ClassDef) -> Result<()> {
        c.decorators.iter().try_for_each(|d| self.expr(d))?;
        self.in_unit(c.scope, |w| w.body(&c.body))?;
        self.call_arguments(&c.bases, &c.keywords, c.name.span)?;
        self.name_op(&c.name.name, Ctx::Store, c.name.span)
    }

    fn return_stmt(&mut self, value: Option<&'a Expr>, span: Span) -> Result<()> {
        self.check_return(value.is_some(), span)?;
        if let Some(v) = value {
            self.expr(v)?;
        }
        self.unwind(false, span)?;
        Ok(())
    }

    fn aug_assign(&mut self, target: &'a Expr, value: &'a Expr) -> Result<()> {
        match &target.kind {
            ExprKind::Attribute { value: obj, .. } => self.expr(obj)?,
            ExprKind::Subscript { value: obj, slice } => {
                self.expr(obj)?;
                self.expr(slice)?;
            }
            ExprKind::Name(name) => self.name_op(name, Ctx::Load, target.span)?,
            _ => self.expr(target)?,
        }
        self.expr(value)?;
        if let ExprKind::Name(name) = &target.kind {
            self.name_op(name, Ctx::Store, target.span)?;
        }
        Ok(())
    }

    /// `target: annotation [= value]`: the value and binding first; the annotation is
    /// only evaluated in module and class bodies (never inside a function).
    fn ann_assign(
        &mut self,
        target: &'a Expr,
        annotation: &'a Expr,
        value: Option<&'a Expr>,
        simple: bool,
        span: Span,
    ) -> Result<()> {
        if let Some(v) = value {
            self.expr(v)?;
            self.expr_ctx(target, Ctx::Store)?;
        }
        let evaluates_annotations = !self.cur_block().is_function_like();
        match &target.kind {
            ExprKind::Name(name) => {
                if name == "__debug__" {
                    return Err(SemaError::AssignToDebug { span });
                }
                if simple && evaluates_annotations {
                    self.expr(annotation)?;
                }
            }
            ExprKind::Attribute { value: obj, attr } => {
                if attr.name == "__debug__" {
                    return Err(SemaError::AssignToDebug { span: target.span });
                }
                if value.is_none() {
                    self.expr(obj)?;
                }
            }
            ExprKind::Subscript { value: obj, slice } if value.is_none() => {
                self.expr(obj)?;
                self.annotated_slice(slice)?;
            }
            _ => {}
        }
        if !simple && evaluates_annotations {
            self.expr(annotation)?;
        }
        Ok(())
    }

    /// CPython's `check_ann_subscr`: the parts of an annotated subscript target's slice.
    fn annotated_slice(&mut self, slice: &'a Expr) -> Result<()> {
        match &slice.kind {
            ExprKind::Slice { lower, upper, step } => {
                [lower, upper, step].into_iter().flatten().try_for_each(|p| self.expr(p))
            }
            ExprKind::Tuple(elts) => elts.iter().try_for_each(|e| self.annotated_slice(e)),
            _ => self.expr(slice),
        }
    }

    /// Each item pushes its own block: `with a, b:` is `with a: with b:`.
    fn with_items(&mut self, items: &'a [WithItem], body: &'a [Stmt], span: Span) -> Result<()> {
        let Some((first, rest)) = items.split_first() else {
            return self.body(body);
        };
        self.expr(&first.context)?;
        self.push_fblock(FBlock::With, span)?;
        if let Some(vars) = &first.vars {
            self.expr_ctx(vars, Ctx::Store)?;
        }
        self.with_items(rest, body, span)?;
        self.pop_fblock();
        Ok(())
    }

    /// `try`/`except` (CPython's `compiler_try_except`), or `except*`
    /// (`compiler_try_star_except`), whose `else` comes after the handlers.
    fn try_except(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [ExceptHandler],
        orelse: &'a [Stmt],
        is_star: bool,
        span: Span,
    ) -> Result<()> {
        self.push_fblock(FBlock::TryExcept, span)?;
        self.body(body)?;
        self.pop_fblock();
        if !is_star {
            self.body(orelse)?;
        }
        let handler_block = if is_star { FBlock::ExceptionGroupHandler } else { FBlock::ExceptionHandler };
        self.push_fblock(handler_block, span)?;
        for (i, h) in handlers.iter().enumerate() {
            if !is_star && h.typ.is_none() && i + 1 < handlers.len() {
                return Err(SemaError::DefaultExceptNotLast { span: h.span });
            }
            if let Some(t) = &h.typ {
                self.expr(t)?;
            }
            if let Some(name) = &h.name {
                self.name_op(&name.name, Ctx::Store, h.span)?;
            }
            self.push_fblock(FBlock::HandlerCleanup, h.span)?;
            self.body(&h.body)?;
            self.pop_fblock();
        }
        self.pop_fblock();
        if is_star {
            self.body(orelse)?;
        }
        Ok(())
    }

    /// `import a.b` binds `a`; `import a.b as c` and `from m import x as c` bind `c`.
    fn import_alias(&mut self, a: &'a Alias, plain_import: bool, span: Span) -> Result<()> {
        if a.name == "*" {
            return Ok(());
        }
        let stored = match &a.asname {
            Some(asname) => asname.name.as_str(),
            None if plain_import => a.name.split('.').next().unwrap_or(&a.name),
            None => a.name.as_str(),
        };
        self.name_op(stored, Ctx::Store, span)
    }
}

/// The `def` line (not the decorators): where CPython locates a function statement.
fn span_start(header: Span, stmt: Span) -> Span {
    if header.is_empty() {
        stmt
    } else {
        header
    }
}
