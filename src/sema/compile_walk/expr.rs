//! Expressions in compiler order (CPython's `compiler_visit_expr1`), including the
//! comprehension's own unit and the asynchronous-comprehension rule.

use super::{Ctx, FBlock, Result, Walker};
use crate::ast::{Comprehension, DictItem, Expr, ExprKind, FStringPart, ScopeId};
use crate::sema::errors::{CompKind, SemaError};
use crate::sema::scope::ScopeKind;
use crate::source::Span;

impl<'a> Walker<'a, '_> {
    pub(super) fn expr(&mut self, e: &'a Expr) -> Result<()> {
        self.expr_ctx(e, Ctx::Load)
    }

    pub(super) fn expr_ctx(&mut self, e: &'a Expr, ctx: Ctx) -> Result<()> {
        self.depth.enter(e.span)?;
        let result = self.expr_inner(e, ctx);
        self.depth.leave();
        result
    }

    fn expr_inner(&mut self, e: &'a Expr, ctx: Ctx) -> Result<()> {
        match &e.kind {
            ExprKind::Name(name) => self.name_op(name, ctx, e.span),
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                if ctx == Ctx::Store && attr.name == "__debug__" {
                    return Err(SemaError::AssignToDebug { span: e.span });
                }
                Ok(())
            }
            ExprKind::Subscript { value, slice } => {
                self.expr(value)?;
                self.expr(slice)
            }
            ExprKind::Starred(_) => Err(self.misplaced_starred(ctx, e.span)),
            ExprKind::List(elts) | ExprKind::Tuple(elts) => match ctx {
                Ctx::Store => self.unpack_targets(elts, e.span),
                Ctx::Load => self.star_unpack(elts),
                Ctx::Del => elts.iter().try_for_each(|t| self.expr_ctx(t, Ctx::Del)),
            },
            ExprKind::Set(elts) => self.star_unpack(elts),
            ExprKind::Dict(items) => items.iter().try_for_each(|item| match item {
                DictItem::Pair(k, v) => {
                    self.expr(k)?;
                    self.expr(v)
                }
                DictItem::Unpack(v) => self.expr(v),
            }),
            ExprKind::NamedExpr { target, value } => {
                self.expr(value)?;
                self.name_op(&target.name, Ctx::Store, target.span)
            }
            ExprKind::BoolOp { values, .. } => values.iter().try_for_each(|v| self.expr(v)),
            ExprKind::BinOp { left, right, .. } => {
                self.expr(left)?;
                self.expr(right)
            }
            ExprKind::UnaryOp { operand, .. } => self.expr(operand),
            ExprKind::Lambda { args, body, scope } => {
                self.check_debug_params(args, e.span)?;
                self.defaults(args)?;
                self.in_unit(*scope, |w| w.expr(body))
            }
            // The test is compiled first.
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test)?;
                self.expr(body)?;
                self.expr(orelse)
            }
            ExprKind::ListComp { elt, generators, scope } => {
                self.comprehension(e.span, *scope, CompKind::List, generators, elt, None)
            }
            ExprKind::SetComp { elt, generators, scope } => {
                self.comprehension(e.span, *scope, CompKind::Set, generators, elt, None)
            }
            ExprKind::DictComp { key, value, generators, scope } => {
                self.comprehension(e.span, *scope, CompKind::Dict, generators, key, Some(value))
            }
            ExprKind::GeneratorExp { elt, generators, scope } => {
                self.comprehension(e.span, *scope, CompKind::Generator, generators, elt, None)
            }
            ExprKind::Yield(value) => {
                self.check_yield(e.span)?;
                match value {
                    Some(v) => self.expr(v),
                    None => Ok(()),
                }
            }
            ExprKind::YieldFrom(value) => {
                self.check_yield_from(e.span)?;
                self.expr(value)
            }
            ExprKind::Await(value) => {
                self.check_await(e.span)?;
                self.expr(value)
            }
            ExprKind::Compare { left, comparators, .. } => {
                self.expr(left)?;
                comparators.iter().try_for_each(|c| self.expr(c))
            }
            ExprKind::Call { func, args, keywords } => self.call(e.span, func, args, keywords),
            ExprKind::FString(parts) => self.fstring(parts, e.span),
            ExprKind::Constant(_) => Ok(()),
            ExprKind::Slice { lower, upper, step } => {
                [lower, upper, step].into_iter().flatten().try_for_each(|p| self.expr(p))
            }
        }
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
        let may_be_async = outer.is_async_def || outer.kind == ScopeKind::Comprehension || self.is_top_level_await();
        let enclosing = outer.describe.clone();
        self.in_unit(scope, |w| {
            if w.cur_block().coroutine && kind != CompKind::Generator && !may_be_async {
                return Err(SemaError::AsyncComprehensionOutsideAsyncFunction { span, enclosing });
            }
            w.comprehension_generators(generators, 0, elt, value, span)
        })?;
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
        generator.ifs.iter().try_for_each(|i| self.expr(i))?;
        self.comprehension_generators(generators, index + 1, elt, value, span)?;
        if generator.is_async {
            self.pop_fblock();
        }
        Ok(())
    }
}
