//! The parts of a function or lambda compiled in the enclosing unit: the `__debug__`
//! parameter check, defaults and annotations (in CPython's order, which visits the
//! positional parameters' annotations before the positional-only ones).

use super::{Result, Walker};
use crate::ast::{Arg, Arguments, Expr, ExprKind};
use crate::sema::errors::{fail, SemaError};
use crate::source::Span;

impl<'a> Walker<'a, '_> {
    /// No parameter may be called `__debug__`; CPython reports it at the statement.
    pub(super) fn check_debug_params(&self, args: &Arguments, span: Span) -> Result<()> {
        let all = args
            .posonly
            .iter()
            .chain(&args.args)
            .chain(&args.vararg)
            .chain(&args.kwonly)
            .chain(&args.kwarg);
        for arg in all {
            if arg.name.name == "__debug__" {
                return fail(SemaError::AssignToDebug { span });
            }
        }
        Ok(())
    }

    pub(super) fn defaults(&mut self, args: &'a Arguments) -> Result<()> {
        for d in args.defaults.iter() {
            self.expr(d)?;
        }
        {
            for d in args.kw_defaults.iter().flatten() {
                self.expr(d)?;
            }
            Ok(())
        }
    }

    pub(super) fn annotations(
        &mut self,
        args: &'a Arguments,
        returns: Option<&'a Expr>,
    ) -> Result<()> {
        fn ann(a: &Arg) -> Option<&Expr> {
            a.annotation.as_ref()
        }
        let mut order: Vec<&'a Expr> = args.args.iter().filter_map(ann).collect();
        order.extend(args.posonly.iter().filter_map(ann));
        order.extend(args.vararg.iter().filter_map(ann));
        order.extend(args.kwonly.iter().filter_map(ann));
        order.extend(args.kwarg.iter().filter_map(ann));
        order.extend(returns);
        for annotation in order {
            // `*args: *Ts` evaluates `Ts`.
            match &annotation.kind {
                ExprKind::Starred(inner) => self.expr(inner)?,
                _ => self.expr(annotation)?,
            }
        }
        Ok(())
    }
}
