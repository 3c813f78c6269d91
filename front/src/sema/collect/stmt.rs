//! First pass over statements (CPython's `symtable_visit_stmt`), including the checks
//! symtable makes on `global`/`nonlocal`, annotations and `import *`.

use super::{Collector, Result};
use crate::ast::{Alias, ExceptHandler, Expr, Ident, Stmt, StmtKind, WithItem};
use crate::sema::block::{
    DEF_ANNOT, DEF_GLOBAL, DEF_IMPORT, DEF_LOCAL, DEF_NONLOCAL, DEF_PARAM, USE,
};
use crate::sema::collect::MODULE_SCOPE;
use crate::sema::errors::{fail, SemaError};
use crate::source::Span;

impl Collector {
    pub(crate) fn visit_stmt(&mut self, s: &Stmt) -> Result<()> {
        self.depth.enter(s.span)?;
        let result = self.visit_stmt_inner(s);
        self.depth.leave();
        result
    }

    pub(crate) fn visit_body(&mut self, body: &[Stmt]) -> Result<()> {
        for s in body.iter() {
            self.visit_stmt(s)?;
        }
        Ok(())
    }

    /// One call per statement kind, for the same stack-size reason as `visit_expr_inner`.
    fn visit_stmt_inner(&mut self, s: &Stmt) -> Result<()> {
        match &s.kind {
            StmtKind::FunctionDef(f) => self.visit_function_def(f, s.span),
            StmtKind::ClassDef(c) => self.visit_class_def(c, s.span),
            StmtKind::Return(value) => self.visit_opt(value.as_ref()),
            StmtKind::Delete(targets) => self.visit_targets(targets),
            StmtKind::Assign { targets, value } => self.visit_assign(targets, value),
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                simple,
            } => self.visit_ann_assign(target, annotation, value.as_ref(), *simple, s.span),
            StmtKind::AugAssign { target, value, .. } => self.visit_aug_assign(target, value),
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
                ..
            } => self.visit_for(target, iter, body, orelse),
            StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
                self.visit_conditional(test, body, orelse)
            }
            StmtKind::Raise { exc, cause } => self.visit_raise(exc.as_ref(), cause.as_ref()),
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
                ..
            } => self.visit_try(body, handlers, orelse, finalbody),
            StmtKind::Assert { test, msg } => self.visit_assert(test, msg.as_ref()),
            StmtKind::Import(names) | StmtKind::ImportFrom { names, .. } => {
                self.visit_aliases(names)
            }
            StmtKind::Global(names) => self.visit_declarations(names, true, s.span),
            StmtKind::Nonlocal(names) => self.visit_declarations(names, false, s.span),
            StmtKind::Expr(e) => self.visit_expr(e),
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => Ok(()),
            StmtKind::With { items, body, .. } => self.visit_with(items, body),
        }
    }

    fn visit_opt(&mut self, e: Option<&Expr>) -> Result<()> {
        match e {
            Some(e) => self.visit_expr(e),
            None => Ok(()),
        }
    }

    /// symtable visits the targets before the value.
    fn visit_assign(&mut self, targets: &[Expr], value: &Expr) -> Result<()> {
        self.visit_targets(targets)?;
        self.visit_expr(value)
    }

    fn visit_aug_assign(&mut self, target: &Expr, value: &Expr) -> Result<()> {
        self.visit_target(target)?;
        self.visit_expr(value)
    }

    fn visit_for(
        &mut self,
        target: &Expr,
        iter: &Expr,
        body: &[Stmt],
        orelse: &[Stmt],
    ) -> Result<()> {
        self.visit_target(target)?;
        self.visit_expr(iter)?;
        self.visit_body(body)?;
        self.visit_body(orelse)
    }

    fn visit_conditional(&mut self, test: &Expr, body: &[Stmt], orelse: &[Stmt]) -> Result<()> {
        self.visit_expr(test)?;
        self.visit_body(body)?;
        self.visit_body(orelse)
    }

    fn visit_raise(&mut self, exc: Option<&Expr>, cause: Option<&Expr>) -> Result<()> {
        if let Some(exc) = exc {
            self.visit_expr(exc)?;
            self.visit_opt(cause)?;
        }
        Ok(())
    }

    fn visit_try(
        &mut self,
        body: &[Stmt],
        handlers: &[ExceptHandler],
        orelse: &[Stmt],
        finalbody: &[Stmt],
    ) -> Result<()> {
        self.visit_body(body)?;
        self.visit_body(orelse)?;
        for h in handlers {
            self.visit_handler(h)?;
        }
        self.visit_body(finalbody)
    }

    fn visit_assert(&mut self, test: &Expr, msg: Option<&Expr>) -> Result<()> {
        self.visit_expr(test)?;
        self.visit_opt(msg)
    }

    fn visit_aliases(&mut self, names: &[Alias]) -> Result<()> {
        for a in names {
            self.visit_alias(a)?;
        }
        Ok(())
    }

    fn visit_declarations(&mut self, names: &[Ident], global: bool, span: Span) -> Result<()> {
        for n in names {
            self.visit_declaration(n, global, span)?;
        }
        Ok(())
    }

    fn visit_with(&mut self, items: &[WithItem], body: &[Stmt]) -> Result<()> {
        for i in items {
            self.visit_with_item(i)?;
        }
        self.visit_body(body)
    }

    fn visit_with_item(&mut self, item: &WithItem) -> Result<()> {
        self.visit_expr(&item.context)?;
        match &item.vars {
            Some(v) => self.visit_target(v),
            None => Ok(()),
        }
    }

    fn visit_handler(&mut self, h: &ExceptHandler) -> Result<()> {
        if let Some(t) = &h.typ {
            self.visit_expr(t)?;
        }
        if let Some(name) = &h.name {
            self.add_def(&name.name, DEF_LOCAL, name.span)?;
        }
        self.visit_body(&h.body)
    }

    /// `import a.b` binds `a`; `from m import *` is only allowed at module level.
    fn visit_alias(&mut self, a: &Alias) -> Result<()> {
        let name = a
            .asname
            .as_ref()
            .map_or(a.name.as_str(), |i| i.name.as_str());
        if name == "*" {
            if self.cur_id() != MODULE_SCOPE {
                return fail(SemaError::ImportStarNotAtModule { span: a.span });
            }
            return Ok(());
        }
        let store = name.split('.').next().unwrap_or(name);
        self.add_def(store, DEF_IMPORT, a.span)
    }

    /// `global x` / `nonlocal x`: the name must not already be a parameter, used,
    /// assigned or annotated in this scope.
    fn visit_declaration(&mut self, name: &Ident, global: bool, span: Span) -> Result<()> {
        let cur = self.lookup(&name.name);
        if cur & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT) != 0 {
            let n = name.name.clone();
            return fail(match (global, cur) {
                (true, c) if c & DEF_PARAM != 0 => SemaError::ParameterAndGlobal { name: n, span },
                (false, c) if c & DEF_PARAM != 0 => {
                    SemaError::ParameterAndNonlocal { name: n, span }
                }
                (true, c) if c & USE != 0 => SemaError::UsedBeforeGlobal { name: n, span },
                (false, c) if c & USE != 0 => SemaError::UsedBeforeNonlocal { name: n, span },
                (true, c) if c & DEF_ANNOT != 0 => SemaError::AnnotatedGlobal { name: n, span },
                (false, c) if c & DEF_ANNOT != 0 => SemaError::AnnotatedNonlocal { name: n, span },
                (true, _) => SemaError::AssignedBeforeGlobal { name: n, span },
                (false, _) => SemaError::AssignedBeforeNonlocal { name: n, span },
            });
        }
        self.add_def(
            &name.name,
            if global { DEF_GLOBAL } else { DEF_NONLOCAL },
            span,
        )?;
        self.record_directive(&name.name, span);
        Ok(())
    }

    fn visit_ann_assign(
        &mut self,
        target: &Expr,
        annotation: &Expr,
        value: Option<&Expr>,
        simple: bool,
        span: Span,
    ) -> Result<()> {
        if let crate::ast::ExprKind::Name(name) = &target.kind {
            let cur = self.lookup(name);
            if cur & (DEF_GLOBAL | DEF_NONLOCAL) != 0 && self.cur_id() != MODULE_SCOPE && simple {
                let name = name.clone();
                return fail(if cur & DEF_GLOBAL != 0 {
                    SemaError::AnnotatedGlobal { name, span }
                } else {
                    SemaError::AnnotatedNonlocal { name, span }
                });
            }
            if simple {
                self.add_def(name, DEF_ANNOT | DEF_LOCAL, target.span)?;
            } else if value.is_some() {
                self.add_def(name, DEF_LOCAL, target.span)?;
            }
        } else {
            self.visit_target(target)?;
        }
        self.visit_expr(annotation)?;
        match value {
            Some(v) => self.visit_expr(v),
            None => Ok(()),
        }
    }
}
