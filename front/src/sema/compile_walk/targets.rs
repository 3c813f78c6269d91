//! Assignment targets: the starred-target rules of `compile.c` (`unpack_helper`,
//! `assignment_helper`) and where a starred expression may appear at all.

use super::{Ctx, Result, Walker};
use crate::ast::{Expr, ExprKind};
use crate::sema::errors::{fail, SemaError};
use crate::source::Span;

/// `UNPACK_EX` packs the count before the star into 8 bits.
const MAX_BEFORE_STAR: usize = 1 << 8;
const MAX_AFTER_STAR: usize = (i32::MAX >> 8) as usize;

impl<'a> Walker<'a, '_> {
    /// `a, *b, c = ...`: at most one star, then every element is a target.
    pub(super) fn unpack_targets(&mut self, elts: &'a [Expr], span: Span) -> Result<()> {
        let n = elts.len();
        let mut seen_star = false;
        for (i, elt) in elts.iter().enumerate() {
            if matches!(elt.kind, ExprKind::Starred(_)) {
                if seen_star {
                    return fail(SemaError::MultipleStarredTargets { span });
                }
                if i >= MAX_BEFORE_STAR || n - i > MAX_AFTER_STAR {
                    return fail(SemaError::TooManyStarUnpackTargets { span });
                }
                seen_star = true;
            }
        }
        for elt in elts {
            match &elt.kind {
                ExprKind::Starred(inner) => self.expr_ctx(inner, Ctx::Store)?,
                _ => self.expr_ctx(elt, Ctx::Store)?,
            }
        }
        Ok(())
    }

    /// Elements of a list/tuple/set display or positional call arguments: the only
    /// places a starred expression is evaluated.
    pub(super) fn star_unpack(&mut self, elts: &'a [Expr]) -> Result<()> {
        for elt in elts {
            match &elt.kind {
                ExprKind::Starred(inner) => self.expr(inner)?,
                _ => self.expr(elt)?,
            }
        }
        Ok(())
    }

    /// A starred expression anywhere else.
    pub(super) fn misplaced_starred(&self, ctx: Ctx, span: Span) -> SemaError {
        match ctx {
            Ctx::Store => SemaError::StarredAssignTarget { span },
            Ctx::Load | Ctx::Del => SemaError::StarredNotAllowed { span },
        }
    }
}
