//! Statements in compiler order (CPython's `compiler_visit_stmt` and the functions it
//! calls), with the block stack each compound statement pushes.

use super::{Ctx, FBlock, Result, Walker};
use crate::ast::{
    Alias, ClassDef, ExceptHandler, Expr, ExprKind, FunctionDef, Stmt, StmtKind, WithItem,
};
use crate::sema::errors::{fail, SemaError};
use crate::source::Span;

impl<'a> Walker<'a, '_> {
    pub(super) fn body(&mut self, body: &'a [Stmt]) -> Result<()> {
        for s in body.iter() {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn stmt(&mut self, s: &'a Stmt) -> Result<()> {
        self.depth.enter(s.span)?;
        let result = self.stmt_inner(s);
        self.depth.leave();
        result
    }

    /// One call per statement kind: keeps the recursive frame small in unoptimised
    /// builds.
    fn stmt_inner(&mut self, s: &'a Stmt) -> Result<()> {
        match &s.kind {
            StmtKind::FunctionDef(f) => self.function_def(f, s.span),
            StmtKind::ClassDef(c) => self.class_def(c),
            StmtKind::Return(value) => self.return_stmt(value.as_ref(), s.span),
            StmtKind::Delete(targets) => self.targets(targets, Ctx::Del),
            StmtKind::Assign { targets, value } => self.assign(targets, value),
            StmtKind::AugAssign { target, value, .. } => self.aug_assign(target, value),
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                simple,
            } => self.ann_assign(target, annotation, value.as_ref(), *simple, s.span),
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
                is_async,
            } => self.for_stmt(
                target,
                iter,
                body,
                orelse,
                *is_async,
                header(s.span, iter.span),
            ),
            StmtKind::While { test, body, orelse } => {
                self.while_stmt(test, body, orelse, header(s.span, test.span))
            }
            StmtKind::If { test, body, orelse } => self.if_stmt(test, body, orelse),
            StmtKind::With {
                items,
                body,
                is_async,
            } => {
                let last = items
                    .last()
                    .map(|i| i.vars.as_ref().unwrap_or(&i.context).span);
                self.with_stmt(
                    items,
                    body,
                    *is_async,
                    header(s.span, last.unwrap_or(s.span)),
                )
            }
            StmtKind::Raise { exc, cause } => self.raise(exc.as_ref(), cause.as_ref()),
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
                is_star,
            } => self.try_stmt(body, handlers, orelse, finalbody, *is_star, s.span),
            StmtKind::Assert { test, msg } => self.assert(test, msg.as_ref()),
            StmtKind::Import(names) => self.import(names, true, s.span),
            StmtKind::ImportFrom {
                module: Some(m),
                level: 0,
                ..
            } if m == "__future__" && s.span.start >= self.future_end => {
                fail(SemaError::FutureNotAtStart { span: s.span })
            }
            StmtKind::ImportFrom { names, .. } => self.import(names, false, s.span),
            StmtKind::Global(_) | StmtKind::Nonlocal(_) | StmtKind::Pass => Ok(()),
            StmtKind::Break => self.break_stmt(s.span),
            StmtKind::Continue => self.continue_stmt(s.span),
            // A constant expression statement (a docstring) compiles to nothing.
            StmtKind::Expr(e) if matches!(e.kind, ExprKind::Constant(_)) => Ok(()),
            StmtKind::Expr(e) => self.expr(e),
        }
    }

    fn targets(&mut self, targets: &'a [Expr], ctx: Ctx) -> Result<()> {
        for t in targets {
            self.expr_ctx(t, ctx)?;
        }
        Ok(())
    }

    /// The value first, then each target.
    fn assign(&mut self, targets: &'a [Expr], value: &'a Expr) -> Result<()> {
        self.expr(value)?;
        self.targets(targets, Ctx::Store)
    }

    fn for_stmt(
        &mut self,
        target: &'a Expr,
        iter: &'a Expr,
        body: &'a [Stmt],
        orelse: &'a [Stmt],
        is_async: bool,
        span: Span,
    ) -> Result<()> {
        if is_async {
            self.check_async_statement(true, span)?;
            self.expr(iter)?;
            self.push_fblock(FBlock::Loop, span)?;
        } else {
            self.push_fblock(FBlock::Loop, span)?;
            self.expr(iter)?;
        }
        self.expr_ctx(target, Ctx::Store)?;
        self.body(body)?;
        self.pop_fblock();
        self.body(orelse)
    }

    fn while_stmt(
        &mut self,
        test: &'a Expr,
        body: &'a [Stmt],
        orelse: &'a [Stmt],
        span: Span,
    ) -> Result<()> {
        self.push_fblock(FBlock::Loop, span)?;
        self.expr(test)?;
        self.body(body)?;
        self.pop_fblock();
        self.body(orelse)
    }

    fn if_stmt(&mut self, test: &'a Expr, body: &'a [Stmt], orelse: &'a [Stmt]) -> Result<()> {
        self.expr(test)?;
        self.body(body)?;
        self.body(orelse)
    }

    fn with_stmt(
        &mut self,
        items: &'a [WithItem],
        body: &'a [Stmt],
        is_async: bool,
        span: Span,
    ) -> Result<()> {
        if is_async {
            self.check_async_statement(false, span)?;
        }
        self.with_items(items, body, span)
    }

    /// A cause is only compiled after an exception (the grammar never has one alone).
    fn raise(&mut self, exc: Option<&'a Expr>, cause: Option<&'a Expr>) -> Result<()> {
        if let Some(exc) = exc {
            self.expr(exc)?;
            self.opt(cause)?;
        }
        Ok(())
    }

    fn try_stmt(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [ExceptHandler],
        orelse: &'a [Stmt],
        finalbody: &'a [Stmt],
        is_star: bool,
        span: Span,
    ) -> Result<()> {
        if finalbody.is_empty() {
            return self.try_except(body, handlers, orelse, is_star, span);
        }
        self.push_fblock(
            FBlock::FinallyTry {
                body: finalbody,
                try_span: span,
            },
            span,
        )?;
        if handlers.is_empty() {
            self.body(body)?;
        } else {
            self.try_except(body, handlers, orelse, is_star, span)?;
        }
        self.pop_fblock();
        self.finally_body(finalbody, span)
    }

    fn assert(&mut self, test: &'a Expr, msg: Option<&'a Expr>) -> Result<()> {
        self.expr(test)?;
        self.opt(msg)
    }

    fn import(&mut self, names: &'a [Alias], plain_import: bool, span: Span) -> Result<()> {
        for a in names {
            self.import_alias(a, plain_import, span)?;
        }
        Ok(())
    }

    fn break_stmt(&mut self, span: Span) -> Result<()> {
        if !self.unwind(true, span)? {
            return fail(SemaError::BreakOutsideLoop { span });
        }
        Ok(())
    }

    fn continue_stmt(&mut self, span: Span) -> Result<()> {
        if !self.unwind(true, span)? {
            return fail(SemaError::ContinueNotInLoop { span });
        }
        Ok(())
    }

    /// `def`: parameter names, decorators, defaults and annotations in the enclosing
    /// unit, then the body as a new unit, then the name is bound.
    fn function_def(&mut self, f: &'a FunctionDef, span: Span) -> Result<()> {
        self.check_debug_params(&f.args, f.header_span)?;
        for d in f.decorators.iter() {
            self.expr(d)?;
        }
        self.defaults(&f.args)?;
        self.annotations(&f.args, f.returns.as_ref())?;
        self.in_unit(f.scope, |w| w.body(&f.body))?;
        self.name_op(&f.name.name, Ctx::Store, span_start(f.header_span, span))
    }

    /// `class`: decorators, then the body as a new unit, then bases and keywords.
    fn class_def(&mut self, c: &'a ClassDef) -> Result<()> {
        for d in c.decorators.iter() {
            self.expr(d)?;
        }
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
                    return fail(SemaError::AssignToDebug { span });
                }
                if simple && evaluates_annotations {
                    self.expr(annotation)?;
                }
            }
            ExprKind::Attribute { value: obj, attr } => {
                if attr.name == "__debug__" {
                    return fail(SemaError::AssignToDebug { span: target.span });
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
                for p in [lower, upper, step].into_iter().flatten() {
                    self.expr(p)?;
                }
                Ok(())
            }
            ExprKind::Tuple(elts) => {
                for e in elts.iter() {
                    self.annotated_slice(e)?;
                }
                Ok(())
            }
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
        let handler_block = if is_star {
            FBlock::ExceptionGroupHandler
        } else {
            FBlock::ExceptionHandler
        };
        self.push_fblock(handler_block, span)?;
        for (i, h) in handlers.iter().enumerate() {
            if !is_star && h.typ.is_none() && i + 1 < handlers.len() {
                return fail(SemaError::DefaultExceptNotLast { span: h.span });
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

/// A compound statement's header, `async for x in xs` without the body: what its
/// diagnostics underline. It starts where the statement does, so the line is CPython's.
fn header(stmt: Span, last_part: Span) -> Span {
    Span {
        start: stmt.start,
        end: last_part.end.max(stmt.start),
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
