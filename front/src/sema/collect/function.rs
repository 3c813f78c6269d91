//! First pass over the scope-opening definitions: `def`, `async def`, `lambda` and
//! `class`. Defaults, annotations, decorators and bases belong to the enclosing scope;
//! parameters and the body to the new one.

use super::{Collector, Result};
use crate::ast::{Arg, Arguments, ClassDef, Expr, FunctionDef, ScopeId};
use crate::sema::block::{Block, DEF_LOCAL, DEF_PARAM};
use crate::sema::errors::Enclosing;
use crate::sema::scope::ScopeKind;
use crate::source::Span;

impl Collector {
    pub(crate) fn visit_function_def(&mut self, f: &FunctionDef, span: Span) -> Result<()> {
        self.add_def(&f.name.name, DEF_LOCAL, f.name.span)?;
        self.visit_defaults(&f.args)?;
        self.visit_annotations(&f.args, f.returns.as_ref())?;
        for d in f.decorators.iter() {
            self.visit_expr(d)?;
        }
        let describe = Enclosing::Function {
            name: f.name.name.clone(),
            header_span: f.header_span,
            is_async: f.is_async,
        };
        let mut block = Block::new(ScopeKind::Function, f.name.name.clone(), span, describe);
        block.is_async_def = f.is_async;
        block.coroutine = f.is_async;
        self.enter_block(f.scope, block)?;
        self.visit_params(&f.args)?;
        self.visit_body(&f.body)?;
        self.exit_block();
        Ok(())
    }

    pub(crate) fn visit_lambda(
        &mut self,
        args: &Arguments,
        body: &Expr,
        scope: ScopeId,
        span: Span,
    ) -> Result<()> {
        self.visit_defaults(args)?;
        let block = Block::new(
            ScopeKind::Lambda,
            "<lambda>".into(),
            span,
            Enclosing::Lambda { span },
        );
        self.enter_block(scope, block)?;
        self.visit_params(args)?;
        self.visit_expr(body)?;
        self.exit_block();
        Ok(())
    }

    pub(crate) fn visit_class_def(&mut self, c: &ClassDef, span: Span) -> Result<()> {
        self.add_def(&c.name.name, DEF_LOCAL, c.name.span)?;
        for b in c.bases.iter() {
            self.visit_expr(b)?;
        }
        for k in c.keywords.iter() {
            self.visit_expr(&k.value)?;
        }
        for d in c.decorators.iter() {
            self.visit_expr(d)?;
        }
        let describe = Enclosing::Class {
            name: c.name.name.clone(),
            name_span: c.name.span,
        };
        let block = Block::new(ScopeKind::Class, c.name.name.clone(), span, describe);
        self.enter_block(c.scope, block)?;
        let saved = self.private.replace(c.name.name.clone());
        self.cur().private = self.private.clone();
        let result = self.visit_body(&c.body);
        self.private = saved;
        result?;
        self.exit_block();
        Ok(())
    }

    fn visit_defaults(&mut self, args: &Arguments) -> Result<()> {
        for d in args.defaults.iter() {
            self.visit_expr(d)?;
        }
        {
            for d in args.kw_defaults.iter().flatten() {
                self.visit_expr(d)?;
            }
            Ok(())
        }
    }

    /// Parameter annotations are evaluated in the enclosing scope, in symtable's order.
    fn visit_annotations(&mut self, args: &Arguments, returns: Option<&Expr>) -> Result<()> {
        fn ann(a: &Arg) -> Option<&Expr> {
            a.annotation.as_ref()
        }
        let mut order: Vec<&Expr> = args.posonly.iter().filter_map(ann).collect();
        order.extend(args.args.iter().filter_map(ann));
        order.extend(args.vararg.iter().filter_map(ann));
        order.extend(args.kwarg.iter().filter_map(ann));
        order.extend(args.kwonly.iter().filter_map(ann));
        for e in order.into_iter() {
            self.visit_expr(e)?;
        }
        match returns {
            Some(r) => self.visit_expr(r),
            None => Ok(()),
        }
    }

    /// Parameters in `co_varnames` order: positional-only, positional, keyword-only,
    /// then `*args` and `**kwargs`.
    fn visit_params(&mut self, args: &Arguments) -> Result<()> {
        for a in args.posonly.iter().chain(&args.args).chain(&args.kwonly) {
            self.add_def(&a.name.name, DEF_PARAM, a.span)?;
        }
        if let Some(a) = &args.vararg {
            self.add_def(&a.name.name, DEF_PARAM, a.span)?;
            self.cur().varargs = true;
        }
        if let Some(a) = &args.kwarg {
            self.add_def(&a.name.name, DEF_PARAM, a.span)?;
            self.cur().varkeywords = true;
        }
        let block = self.cur();
        block.posonlyargcount = args.posonly.len() as u32;
        block.argcount = (args.posonly.len() + args.args.len()) as u32;
        block.kwonlyargcount = args.kwonly.len() as u32;
        Ok(())
    }
}
