//! Future statements (CPython's `future.c`): the `from __future__ import ...` lines a
//! module starts with (after its docstring) name features that exist; `braces` never
//! will. A future import anywhere else is `compile.c`'s error, raised in compile order
//! by the third pass, which is told where the leading ones end.

use super::errors::{fail, SemaError, SemaResult};
use crate::ast::{Constant, Expr, ExprKind, Module, StmtKind};

/// The features `__future__` knows, all of them mandatory or no-ops in 3.11 except
/// `annotations`.
const FEATURES: &[&str] = &[
    "nested_scopes",
    "generators",
    "division",
    "absolute_import",
    "with_statement",
    "print_function",
    "unicode_literals",
    "barry_as_FLUFL",
    "generator_stop",
    "annotations",
];

/// Checks the leading future statements; returns the source offset where the last one
/// ends (0 when there is none): a `from __future__` import that starts after it is out
/// of place.
pub(crate) fn check(module: &Module) -> SemaResult<u32> {
    let mut end = 0;
    let mut body = module.body.iter().peekable();
    if let Some(first) = body.peek() {
        if let StmtKind::Expr(Expr {
            kind: ExprKind::Constant(Constant::Str(_)),
            ..
        }) = &first.kind
        {
            body.next();
        }
    }
    for stmt in body {
        let StmtKind::ImportFrom {
            module: Some(m),
            names,
            level: 0,
        } = &stmt.kind
        else {
            break;
        };
        if m != "__future__" {
            break;
        }
        for alias in names {
            if alias.name == "braces" {
                return fail(SemaError::FutureBraces { span: alias.span });
            }
            if !FEATURES.contains(&alias.name.as_str()) {
                return fail(SemaError::FutureFeatureNotDefined {
                    name: alias.name.clone(),
                    span: alias.span,
                });
            }
        }
        end = stmt.span.end;
    }
    Ok(end)
}
