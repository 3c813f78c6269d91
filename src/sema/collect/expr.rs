//! First pass over expressions (CPython's `symtable_visit_expr`): name uses and
//! bindings, `yield`/`await` facts, and the `super` → `__class__` rule.

use super::{Collector, Result};
use crate::ast::{DictItem, Expr, ExprKind, FStringPart};
use crate::sema::block::{DEF_LOCAL, USE};
use crate::sema::errors::{CompKind, SemaError};

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
            ExprKind::Tuple(elts) | ExprKind::List(elts) => elts.iter().try_for_each(|t| self.visit_target(t)),
            ExprKind::Starred(inner) => self.visit_target(inner),
            _ => self.visit_expr_inner(e),
        };
        self.depth.leave();
        result
    }

    fn visit_exprs(&mut self, es: &[Expr]) -> Result<()> {
        es.iter().try_for_each(|e| self.visit_expr(e))
    }

    fn visit_expr_inner(&mut self, e: &Expr) -> Result<()> {
        match &e.kind {
            ExprKind::NamedExpr { target, value } => self.visit_named_expr(target, value),
            ExprKind::BoolOp { values, .. } => self.visit_exprs(values),
            ExprKind::BinOp { left, right, .. } => {
                self.visit_expr(left)?;
                self.visit_expr(right)
            }
            ExprKind::UnaryOp { operand, .. } => self.visit_expr(operand),
            ExprKind::Lambda { args, body, scope } => self.visit_lambda(args, body, *scope, e.span),
            ExprKind::IfExp { test, body, orelse } => {
                self.visit_expr(test)?;
                self.visit_expr(body)?;
                self.visit_expr(orelse)
            }
            // symtable visits all keys, then all values.
            ExprKind::Dict(items) => {
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
            ExprKind::Set(elts) | ExprKind::List(elts) | ExprKind::Tuple(elts) => self.visit_exprs(elts),
            ExprKind::ListComp { elt, generators, scope } => {
                self.visit_comprehension(e, *scope, CompKind::List, generators, elt, None)
            }
            ExprKind::SetComp { elt, generators, scope } => {
                self.visit_comprehension(e, *scope, CompKind::Set, generators, elt, None)
            }
            ExprKind::DictComp { key, value, generators, scope } => {
                self.visit_comprehension(e, *scope, CompKind::Dict, generators, key, Some(value))
            }
            ExprKind::GeneratorExp { elt, generators, scope } => {
                self.visit_comprehension(e, *scope, CompKind::Generator, generators, elt, None)
            }
            ExprKind::Yield(value) => {
                if let Some(v) = value {
                    self.visit_expr(v)?;
                }
                self.note_yield(e)
            }
            ExprKind::YieldFrom(value) => {
                self.visit_expr(value)?;
                self.note_yield(e)
            }
            ExprKind::Await(value) => {
                self.visit_expr(value)?;
                self.cur().coroutine = true;
                Ok(())
            }
            ExprKind::Compare { left, comparators, .. } => {
                self.visit_expr(left)?;
                self.visit_exprs(comparators)
            }
            ExprKind::Call { func, args, keywords } => {
                self.visit_expr(func)?;
                self.visit_exprs(args)?;
                keywords.iter().try_for_each(|k| self.visit_expr(&k.value))
            }
            ExprKind::FString(parts) => self.visit_fstring(parts),
            ExprKind::Constant(_) => Ok(()),
            ExprKind::Attribute { value, .. } => self.visit_expr(value),
            ExprKind::Subscript { value, slice } => {
                self.visit_expr(value)?;
                self.visit_expr(slice)
            }
            ExprKind::Starred(value) => self.visit_expr(value),
            ExprKind::Slice { lower, upper, step } => {
                for part in [lower, upper, step].into_iter().flatten() {
                    self.visit_expr(part)?;
                }
                Ok(())
            }
            ExprKind::Name(name) => {
                self.add_def(name, USE, e.span)?;
                // `super()` needs the `__class__` cell, so any use of the name `super`
                // in a function counts as a use of `__class__`.
                if name == "super" && self.cur().is_function_like() {
                    self.add_def("__class__", USE, e.span)?;
                }
                Ok(())
            }
        }
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

    /// A `yield` makes the scope a generator; inside a comprehension it is an error.
    fn note_yield(&mut self, e: &Expr) -> Result<()> {
        let block = self.cur();
        block.generator = true;
        if block.first_yield.is_none() {
            block.first_yield = Some(e.span);
        }
        match block.comp {
            Some(kind) => Err(SemaError::YieldInComprehension { kind, span: e.span }),
            None => Ok(()),
        }
    }
}
