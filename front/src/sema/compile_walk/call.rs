//! Calls and class bases: keyword validation (`compile.c`'s `validate_keywords`) and the
//! evaluation order of the callee and its arguments.

use super::{Result, Walker};
use crate::ast::{Expr, Keyword};
use crate::sema::errors::{fail, SemaError};
use crate::source::Span;
use std::collections::HashMap;

impl<'a> Walker<'a, '_> {
    /// Keywords are validated before the callee is evaluated.
    pub(super) fn call(
        &mut self,
        span: Span,
        func: &'a Expr,
        args: &'a [Expr],
        keywords: &'a [Keyword],
    ) -> Result<()> {
        validate_keywords(keywords, span)?;
        self.expr(func)?;
        self.call_arguments(args, keywords, span)
    }

    /// Positional arguments (starred ones included) before keywords, whatever their
    /// order in the source. Also used for class bases.
    pub(super) fn call_arguments(
        &mut self,
        args: &'a [Expr],
        keywords: &'a [Keyword],
        span: Span,
    ) -> Result<()> {
        validate_keywords(keywords, span)?;
        self.star_unpack(args)?;
        {
            for k in keywords.iter() {
                self.expr(&k.value)?;
            }
            Ok(())
        }
    }
}

/// No keyword may be `__debug__`, and none may repeat; the first keyword (in order) that
/// is repeated is reported at its next occurrence.
fn validate_keywords(keywords: &[Keyword], span: Span) -> Result<()> {
    let mut positions: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, k) in keywords.iter().enumerate() {
        if let Some(arg) = &k.arg {
            positions.entry(arg.name.as_str()).or_default().push(i);
        }
    }
    for (i, k) in keywords.iter().enumerate() {
        let Some(arg) = &k.arg else { continue };
        if arg.name == "__debug__" {
            return fail(SemaError::AssignToDebug { span });
        }
        let later = positions
            .get(arg.name.as_str())
            .and_then(|p| p.iter().find(|&&j| j > i));
        if let Some(&j) = later {
            return fail(SemaError::KeywordArgumentRepeated {
                name: arg.name.clone(),
                span: keywords[j].span,
            });
        }
    }
    Ok(())
}
