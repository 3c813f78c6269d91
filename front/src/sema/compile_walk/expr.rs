//! Expressions in compiler order (CPython's `compiler_visit_expr1`), including the
//! comprehension's own unit and the asynchronous-comprehension rule.

use super::{Ctx, FBlock, Result, Walker};
use crate::ast::{Arguments, Comprehension, DictItem, Expr, ExprKind, FStringPart, ScopeId};
use crate::sema::errors::{fail, CompKind, SemaError};
use crate::sema::scope::ScopeKind;
use crate::source::Span;

impl<'a> Walker<'a, '_> {
    pub(super) fn expr(&mut self, e: &'a Expr) -> Result<()> {
        self.depth.enter(e.span)?;
        let result = self.expr_inner(e, Ctx::Load);
        self.depth.leave();
        result
    }

    pub(super) fn expr_ctx(&mut self, e: &'a Expr, ctx: Ctx) -> Result<()> {
        self.depth.enter(e.span)?;
        let result = self.expr_inner(e, ctx);
        self.depth.leave();
        result
    }

    /// One call per node kind: keeps the recursive frame small in unoptimised builds.
    fn expr_inner(&mut self, e: &'a Expr, ctx: Ctx) -> Result<()> {
        match &e.kind {
            ExprKind::Name(name) => self.name_op(name, ctx, e.span),
            ExprKind::Attribute { value, attr } => self.attribute(value, &attr.name, ctx, e.span),
            ExprKind::Subscript { value, slice } => self.all(&[value, slice]),
            ExprKind::Starred(_) => fail(self.misplaced_starred(ctx, e.span)),
            ExprKind::List(elts) | ExprKind::Tuple(elts) => self.sequence(elts, ctx, e.span),
            ExprKind::Set(elts) => self.star_unpack(elts),
            ExprKind::Dict(items) => self.dict(items),
            ExprKind::NamedExpr { target, value } => {
                self.named_expr(&target.name, value, target.span)
            }
            ExprKind::BoolOp { values, .. } => self.exprs(values),
            ExprKind::BinOp { left, right, .. } => self.all(&[left, right]),
            ExprKind::UnaryOp { operand, .. } => self.expr(operand),
            ExprKind::Lambda { args, body, scope } => self.lambda(args, body, *scope, e.span),
            // The test is compiled first.
            ExprKind::IfExp { test, body, orelse } => self.all(&[test, body, orelse]),
            ExprKind::ListComp {
                elt,
                generators,
                scope,
            } => self.comprehension(e.span, *scope, CompKind::List, generators, elt, None),
            ExprKind::SetComp {
                elt,
                generators,
                scope,
            } => self.comprehension(e.span, *scope, CompKind::Set, generators, elt, None),
            ExprKind::DictComp {
                key,
                value,
                generators,
                scope,
            } => self.comprehension(e.span, *scope, CompKind::Dict, generators, key, Some(value)),
            ExprKind::GeneratorExp {
                elt,
                generators,
                scope,
            } => self.comprehension(e.span, *scope, CompKind::Generator, generators, elt, None),
            ExprKind::Yield(value) => self.yield_expr(value.as_deref(), e.span),
            ExprKind::YieldFrom(value) => self.yield_from(value, e.span),
            ExprKind::Await(value) => self.await_expr(value, e.span),
            ExprKind::Compare {
                left, comparators, ..
            } => self.compare(left, comparators),
            ExprKind::Call {
                func,
                args,
                keywords,
            } => self.call(e.span, func, args, keywords),
            ExprKind::FString(parts) => self.fstring(parts, e.span),
            ExprKind::Constant(_) => Ok(()),
            ExprKind::Slice { lower, upper, step } => self.slice([lower, upper, step]),
        }
    }

    pub(super) fn exprs(&mut self, es: &'a [Expr]) -> Result<()> {
        for e in es {
            self.expr(e)?;
        }
        Ok(())
    }

    fn all(&mut self, es: &[&'a Expr]) -> Result<()> {
        for e in es {
            self.expr(e)?;
        }
        Ok(())
    }

    pub(super) fn opt(&mut self, e: Option<&'a Expr>) -> Result<()> {
        match e {
            Some(e) => self.expr(e),
            None => Ok(()),
        }
    }

    fn slice(&mut self, parts: [&'a Option<Box<Expr>>; 3]) -> Result<()> {
        for part in parts.into_iter().flatten() {
            self.expr(part)?;
        }
        Ok(())
    }

    fn attribute(&mut self, value: &'a Expr, attr: &str, ctx: Ctx, span: Span) -> Result<()> {
        self.expr(value)?;
        if ctx == Ctx::Store && attr == "__debug__" {
            return fail(SemaError::AssignToDebug { span });
        }
        Ok(())
    }

    fn sequence(&mut self, elts: &'a [Expr], ctx: Ctx, span: Span) -> Result<()> {
        match ctx {
            Ctx::Store => self.unpack_targets(elts, span),
            Ctx::Load => self.star_unpack(elts),
            Ctx::Del => {
                for t in elts {
                    self.expr_ctx(t, Ctx::Del)?;
                }
                Ok(())
            }
        }
    }

    /// Unlike symtable, the compiler evaluates keys and values interleaved.
    fn dict(&mut self, items: &'a [DictItem]) -> Result<()> {
        for item in items {
            match item {
                DictItem::Pair(k, v) => {
                    self.expr(k)?;
                    self.expr(v)?;
                }
                DictItem::Unpack(v) => self.expr(v)?,
            }
        }
        Ok(())
    }

    fn named_expr(&mut self, target: &str, value: &'a Expr, span: Span) -> Result<()> {
        self.expr(value)?;
        self.name_op(target, Ctx::Store, span)
    }

    fn lambda(
        &mut self,
        args: &'a Arguments,
        body: &'a Expr,
        scope: ScopeId,
        span: Span,
    ) -> Result<()> {
        self.check_debug_params(args, span)?;
        self.defaults(args)?;
        self.in_unit(scope, |w| w.expr(body))
    }

    fn yield_expr(&mut self, value: Option<&'a Expr>, span: Span) -> Result<()> {
        self.check_yield(span)?;
        self.opt(value)
    }

    fn yield_from(&mut self, value: &'a Expr, span: Span) -> Result<()> {
        self.check_yield_from(span)?;
        self.expr(value)
    }

    fn await_expr(&mut self, value: &'a Expr, span: Span) -> Result<()> {
        self.check_await(span)?;
        self.expr(value)
    }

    fn compare(&mut self, left: &'a Expr, comparators: &'a [Expr]) -> Result<()> {
        self.expr(left)?;
        self.exprs(comparators)
    }

    fn fstring(&mut self, parts: &'a [FStringPart], span: Span) -> Result<()> {
        for part in parts {
            if let FStringPart::Field(field) = part {
                self.expr(&field.value)?;
                if let Some(spec) = &field.format_spec {
                    self.depth.enter(span)?;
                    let result = self.fstring(spec, span);
                    self.depth.leave();
                    result?;
                }
            }
        }
        Ok(())
    }

    /// CPython's `compiler_comprehension`: the body is compiled first, as its own unit,
    /// then the outermost iterable in the enclosing unit.
    fn comprehension(
        &mut self,
        span: Span,
        scope: ScopeId,
        kind: CompKind,
        generators: &'a [Comprehension],
        elt: &'a Expr,
        value: Option<&'a Expr>,
    ) -> Result<()> {
        let outer = self.cur_block();
        let may_be_async = outer.is_async_def
            || outer.kind == ScopeKind::Comprehension
            || self.is_top_level_await();
        let enclosing = outer.describe.clone();
        self.in_unit(scope, |w| {
            if w.cur_block().coroutine && kind != CompKind::Generator && !may_be_async {
                return fail(SemaError::AsyncComprehensionOutsideAsyncFunction { span, enclosing });
            }
            w.comprehension_generators(generators, 0, elt, value, span)
        })?;
        // At the REPL's top level any asynchronous comprehension, even a generator
        // expression, makes the module a coroutine.
        if self.is_top_level_await() && self.blocks[scope.0 as usize].coroutine {
            let module = self.unit().scope;
            self.blocks[module.0 as usize].coroutine = true;
        }
        match generators.first() {
            Some(first) => self.expr(&first.iter),
            None => Ok(()),
        }
    }

    /// One `for` clause and, recursively, the ones after it, then the element.
    fn comprehension_generators(
        &mut self,
        generators: &'a [Comprehension],
        index: usize,
        elt: &'a Expr,
        value: Option<&'a Expr>,
        span: Span,
    ) -> Result<()> {
        let Some(generator) = generators.get(index) else {
            self.expr(elt)?;
            return match value {
                Some(v) => self.expr(v),
                None => Ok(()),
            };
        };
        self.depth.enter(generator.target.span)?;
        let result = self.comprehension_generator(generators, index, elt, value, span);
        self.depth.leave();
        result
    }

    fn comprehension_generator(
        &mut self,
        generators: &'a [Comprehension],
        index: usize,
        elt: &'a Expr,
        value: Option<&'a Expr>,
        span: Span,
    ) -> Result<()> {
        let Some(generator) = generators.get(index) else {
            return Ok(());
        };
        // The outermost iterable arrives as `.0`; the others are evaluated here.
        if index > 0 {
            self.expr(&generator.iter)?;
        }
        if generator.is_async {
            self.push_fblock(FBlock::AsyncComprehensionGenerator, span)?;
        }
        self.expr_ctx(&generator.target, Ctx::Store)?;
        for i in generator.ifs.iter() {
            self.expr(i)?;
        }
        self.comprehension_generators(generators, index + 1, elt, value, span)?;
        if generator.is_async {
            self.pop_fblock();
        }
        Ok(())
    }
}
