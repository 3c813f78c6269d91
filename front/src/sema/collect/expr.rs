//! First pass over expressions (CPython's `symtable_visit_expr`): name uses and
//! bindings, `yield`/`await` facts, and the `super` → `__class__` rule.
//!
//! The dispatcher only forwards to one call per node kind: in unoptimised builds every
//! local of every arm lives in the recursive frame, so keeping the arms trivial keeps
//! the stack a deep expression needs small.

use super::{Collector, Result};
use crate::ast::{DictItem, Expr, ExprKind, FStringPart, Keyword};
use crate::sema::block::{DEF_LOCAL, USE};
use crate::sema::errors::{fail, CompKind, SemaError};
use crate::source::Span;

impl Collector {
    /// An expression in load context.
    pub(crate) fn visit_expr(&mut self, e: &Expr) -> Result<()> {
        self.depth.enter(e.span)?;
        let result = self.visit_expr_inner(e);
        self.depth.leave();
        result
    }

    /// An assignment or `del` target: names in it are bindings, everything nested in
    /// attributes and subscripts is a use.
    pub(crate) fn visit_target(&mut self, e: &Expr) -> Result<()> {
        self.depth.enter(e.span)?;
        let result = match &e.kind {
            ExprKind::Name(name) => self.add_def(name, DEF_LOCAL, e.span),
            ExprKind::Tuple(elts) | ExprKind::List(elts) => self.visit_targets(elts),
            ExprKind::Starred(inner) => self.visit_target(inner),
            _ => self.visit_expr_inner(e),
        };
        self.depth.leave();
        result
    }

    pub(crate) fn visit_targets(&mut self, targets: &[Expr]) -> Result<()> {
        for t in targets {
            self.visit_target(t)?;
        }
        Ok(())
    }

    pub(crate) fn visit_exprs(&mut self, es: &[Expr]) -> Result<()> {
        for e in es {
            self.visit_expr(e)?;
        }
        Ok(())
    }

    fn visit_all(&mut self, es: &[&Expr]) -> Result<()> {
        for e in es {
            self.visit_expr(e)?;
        }
        Ok(())
    }

    fn visit_expr_inner(&mut self, e: &Expr) -> Result<()> {
        match &e.kind {
            ExprKind::NamedExpr { target, value } => self.visit_named_expr(target, value),
            ExprKind::BoolOp { values, .. } => self.visit_exprs(values),
            ExprKind::BinOp { left, right, .. } => self.visit_all(&[left, right]),
            ExprKind::UnaryOp { operand, .. } => self.visit_expr(operand),
            ExprKind::Lambda { args, body, scope } => self.visit_lambda(args, body, *scope, e.span),
            ExprKind::IfExp { test, body, orelse } => self.visit_all(&[test, body, orelse]),
            ExprKind::Dict(items) => self.visit_dict(items),
            ExprKind::Set(elts) | ExprKind::List(elts) | ExprKind::Tuple(elts) => {
                self.visit_exprs(elts)
            }
            ExprKind::ListComp {
                elt,
                generators,
                scope,
            } => self.visit_comprehension(e, *scope, CompKind::List, generators, elt, None),
            ExprKind::SetComp {
                elt,
                generators,
                scope,
            } => self.visit_comprehension(e, *scope, CompKind::Set, generators, elt, None),
            ExprKind::DictComp {
                key,
                value,
                generators,
                scope,
            } => self.visit_comprehension(e, *scope, CompKind::Dict, generators, key, Some(value)),
            ExprKind::GeneratorExp {
                elt,
                generators,
                scope,
            } => self.visit_comprehension(e, *scope, CompKind::Generator, generators, elt, None),
            ExprKind::Yield(value) => self.visit_yield(value.as_deref(), e.span),
            ExprKind::YieldFrom(value) => self.visit_yield(Some(value), e.span),
            ExprKind::Await(value) => self.visit_await(value),
            ExprKind::Compare {
                left, comparators, ..
            } => self.visit_compare(left, comparators),
            ExprKind::Call {
                func,
                args,
                keywords,
            } => self.visit_call(func, args, keywords),
            ExprKind::FString(parts) => self.visit_fstring(parts),
            ExprKind::Constant(_) => Ok(()),
            ExprKind::Attribute { value, .. } => self.visit_expr(value),
            ExprKind::Subscript { value, slice } => self.visit_all(&[value, slice]),
            ExprKind::Starred(value) => self.visit_expr(value),
            ExprKind::Slice { lower, upper, step } => self.visit_slice([lower, upper, step]),
            ExprKind::Name(name) => self.visit_name(name, e.span),
        }
    }

    /// symtable visits all keys, then all values.
    fn visit_dict(&mut self, items: &[DictItem]) -> Result<()> {
        for item in items {
            if let DictItem::Pair(k, _) = item {
                self.visit_expr(k)?;
            }
        }
        for item in items {
            match item {
                DictItem::Pair(_, v) | DictItem::Unpack(v) => self.visit_expr(v)?,
            }
        }
        Ok(())
    }

    fn visit_compare(&mut self, left: &Expr, comparators: &[Expr]) -> Result<()> {
        self.visit_expr(left)?;
        self.visit_exprs(comparators)
    }

    fn visit_call(&mut self, func: &Expr, args: &[Expr], keywords: &[Keyword]) -> Result<()> {
        self.visit_expr(func)?;
        self.visit_exprs(args)?;
        for k in keywords {
            self.visit_expr(&k.value)?;
        }
        Ok(())
    }

    fn visit_slice(&mut self, parts: [&Option<Box<Expr>>; 3]) -> Result<()> {
        for part in parts.into_iter().flatten() {
            self.visit_expr(part)?;
        }
        Ok(())
    }

    fn visit_name(&mut self, name: &str, span: Span) -> Result<()> {
        self.add_def(name, USE, span)?;
        // `super()` needs the `__class__` cell, so any use of the name `super` in a
        // function counts as a use of `__class__`.
        if name == "super" && self.cur().is_function_like() {
            self.add_def("__class__", USE, span)?;
        }
        Ok(())
    }

    fn visit_await(&mut self, value: &Expr) -> Result<()> {
        self.visit_expr(value)?;
        self.cur().coroutine = true;
        Ok(())
    }

    fn visit_fstring(&mut self, parts: &[FStringPart]) -> Result<()> {
        for part in parts {
            if let FStringPart::Field(field) = part {
                self.visit_expr(&field.value)?;
                if let Some(spec) = &field.format_spec {
                    self.depth.enter(field.value.span)?;
                    let result = self.visit_fstring(spec);
                    self.depth.leave();
                    result?;
                }
            }
        }
        Ok(())
    }

    /// `yield` / `yield from` make the scope a generator; inside a comprehension they
    /// are an error.
    fn visit_yield(&mut self, value: Option<&Expr>, span: Span) -> Result<()> {
        if let Some(v) = value {
            self.visit_expr(v)?;
        }
        let block = self.cur();
        block.generator = true;
        if block.first_yield.is_none() {
            block.first_yield = Some(span);
        }
        match block.comp {
            Some(kind) => fail(SemaError::YieldInComprehension { kind, span }),
            None => Ok(()),
        }
    }
}
