//! Assignment, deletion and loop targets: which expressions may be assigned to, and the
//! exact message CPython gives when one may not.
//!
//! The grammar parses every target as an expression; these checks then reproduce what
//! CPython's second, error-reporting parse (`invalid_assignment`, `invalid_del_stmt`,
//! `invalid_for_target`, `invalid_named_expression`, ...) would say.

use super::actions::{Ex, ExList};
use super::errors::{fail, PResult, SyntaxErrorKind as K};
use crate::ast::*;
use crate::operator::*;

/// `_PyPegen_get_expr_name`: how CPython names an expression in messages.
pub(crate) fn expr_name(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Attribute { .. } => "attribute",
        ExprKind::Subscript { .. } => "subscript",
        ExprKind::Starred(_) => "starred",
        ExprKind::Name(_) => "name",
        ExprKind::List(_) => "list",
        ExprKind::Tuple(_) => "tuple",
        ExprKind::Lambda { .. } => "lambda",
        ExprKind::Call { .. } => "function call",
        ExprKind::BoolOp { .. } | ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. } => "expression",
        ExprKind::GeneratorExp { .. } => "generator expression",
        ExprKind::Yield(_) | ExprKind::YieldFrom(_) => "yield expression",
        ExprKind::Await(_) => "await expression",
        ExprKind::ListComp { .. } => "list comprehension",
        ExprKind::SetComp { .. } => "set comprehension",
        ExprKind::DictComp { .. } => "dict comprehension",
        ExprKind::Dict(_) => "dict literal",
        ExprKind::Set(_) => "set display",
        ExprKind::FString(_) => "f-string expression",
        ExprKind::Constant(c) => match c {
            Constant::None => "None",
            Constant::False => "False",
            Constant::True => "True",
            Constant::Ellipsis => "ellipsis",
            _ => "literal",
        },
        ExprKind::Compare { .. } => "comparison",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::NamedExpr { .. } => "named expression",
        ExprKind::Slice { .. } => "slice",
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum TargetKind {
    /// Assignment and `with ... as` targets.
    Store,
    /// `for` targets (loops and comprehensions).
    For,
    Del,
}

/// `_PyPegen_get_invalid_target`: the first sub-expression that cannot be a target. Only
/// tuples and lists are searched; recursion depth is bounded by the AST depth limit.
pub(crate) fn invalid_target(e: &Expr, kind: TargetKind) -> Option<&Expr> {
    match &e.kind {
        ExprKind::List(elts) | ExprKind::Tuple(elts) => {
            elts.iter().find_map(|x| invalid_target(x, kind))
        }
        ExprKind::Starred(inner) => {
            if kind == TargetKind::Del {
                Some(e)
            } else {
                invalid_target(inner, kind)
            }
        }
        ExprKind::Compare { left, ops, .. } if kind == TargetKind::For => {
            if ops.first() == Some(&CmpOp::In) {
                invalid_target(left, kind)
            } else {
                None
            }
        }
        ExprKind::Name(_) | ExprKind::Subscript { .. } | ExprKind::Attribute { .. } => None,
        _ => Some(e),
    }
}

/// Rejects an invalid target with `cannot assign to ...` / `cannot delete ...`.
pub(crate) fn check_target(e: &Ex, kind: TargetKind) -> PResult<()> {
    if let Some(bad) = invalid_target(&e.e, kind) {
        let what = expr_name(bad);
        let msg = if kind == TargetKind::Del {
            K::CannotDelete(what)
        } else {
            K::CannotAssign(what)
        };
        return fail(msg, bad.span);
    }
    Ok(())
}

/// Is `e` an expression at CPython's `bitwise_or` level (or anything parenthesized)?
fn is_bitwise_or(e: &Ex) -> bool {
    e.parens
        || !matches!(
            e.e.kind,
            ExprKind::Compare { .. }
                | ExprKind::BoolOp { .. }
                | ExprKind::UnaryOp {
                    op: UnaryOp::Not,
                    ..
                }
                | ExprKind::IfExp { .. }
                | ExprKind::Lambda { .. }
                | ExprKind::NamedExpr { .. }
                | ExprKind::Yield(_)
                | ExprKind::YieldFrom(_)
                | ExprKind::Starred(_)
        )
}

/// Does the text of `list` begin with something a `bitwise_or` can parse?
fn starts_with_bitwise_or(list: &ExList) -> bool {
    let Some(first) = list.items.first() else {
        return false;
    };
    let mut e = &first.e;
    if first.parens {
        return true;
    }
    loop {
        match &e.kind {
            ExprKind::Compare { .. } => return true,
            ExprKind::BoolOp { values, .. } => match values.first() {
                Some(v) if v.span.start == e.span.start => e = v,
                _ => return true,
            },
            ExprKind::IfExp { body, .. } if body.span.start == e.span.start => e = body,
            ExprKind::UnaryOp {
                op: UnaryOp::Not, ..
            }
            | ExprKind::Lambda { .. }
            | ExprKind::Yield(_)
            | ExprKind::YieldFrom(_)
            | ExprKind::Starred(_) => return false,
            _ => return true,
        }
    }
}

/// CPython's lookahead `!(list|tuple|genexp|'True'|'None'|'False')`: does the expression
/// start with one of those atoms (unparenthesized)?
fn starts_with_excluded_atom(e: &Ex) -> bool {
    let mut cur = &e.e;
    let start = cur.span.start;
    loop {
        let next = match &cur.kind {
            ExprKind::BinOp { left, .. } => left,
            ExprKind::Attribute { value, .. } | ExprKind::Subscript { value, .. } => value,
            ExprKind::Call { func, .. } => func,
            ExprKind::Await(_) => return false,
            ExprKind::List(_) => return !e.parens || cur.span.start != start,
            ExprKind::Tuple(_) | ExprKind::GeneratorExp { .. } => return true,
            ExprKind::Constant(Constant::True | Constant::False | Constant::None) => {
                return cur.span.start == start && !e.parens
            }
            _ => return false,
        };
        if next.span.start != start {
            // The operand is parenthesized: the text starts with `(`.
            return matches!(
                next.kind,
                ExprKind::Tuple(_) | ExprKind::GeneratorExp { .. }
            );
        }
        cur = next;
    }
}

/// `invalid_named_expression` applied to one element followed by `= rhs`: the message
/// CPython's second pass gives, if any.
pub(crate) fn equals_instead_of_eq(
    elem: &Ex,
    rhs: &ExList,
    rhs_followed_by_eq: bool,
) -> Option<(K, crate::source::Span)> {
    let rhs_ok = starts_with_bitwise_or(rhs)
        && !(rhs_followed_by_eq && !rhs.is_tuple() && rhs.items.first().is_some_and(is_bitwise_or));
    if !rhs_ok {
        return None;
    }
    if matches!(elem.e.kind, ExprKind::Name(_)) && !elem.parens {
        return Some((K::MaybeEquality, elem.e.span));
    }
    if is_bitwise_or(elem) && !starts_with_excluded_atom(elem) {
        return Some((K::CannotAssignHere(expr_name(&elem.e)), elem.e.span));
    }
    None
}

/// Validates `t0 = t1 = ... = value`, reproducing CPython's choice of message.
pub(crate) fn check_assignment(parts: &[ExList]) -> PResult<()> {
    let n = parts.len();
    let invalid = parts[..n - 1].iter().any(|p| {
        p.items
            .iter()
            .any(|x| matches!(x.e.kind, ExprKind::Yield(_) | ExprKind::YieldFrom(_)) && !x.parens)
            || p.items
                .iter()
                .any(|x| invalid_target(&x.e, TargetKind::Store).is_some())
    });
    if !invalid {
        return Ok(());
    }
    // `invalid_assignment`, alternative 2: the first element of the first target, then
    // (if it is a tuple) its last element, checked as named expressions.
    let first = &parts[0];
    if let Some(last) = first.items.last() {
        if !first.trailing_comma {
            if let Some((kind, span)) = equals_instead_of_eq(last, &parts[1], n > 2) {
                return fail(kind, span);
            }
        }
    }
    // Alternative 4: the first target that is not valid.
    for p in &parts[..n - 1] {
        if !p.is_tuple()
            && p.items.first().is_some_and(|x| {
                matches!(x.e.kind, ExprKind::Yield(_) | ExprKind::YieldFrom(_)) && !x.parens
            })
        {
            return fail(K::AssignToYield, p.span);
        }
        for item in &p.items {
            if let Some(bad) = invalid_target(&item.e, TargetKind::Store) {
                return fail(K::CannotAssign(expr_name(bad)), bad.span);
            }
        }
    }
    Ok(())
}

/// `target op= value`: a single name, attribute or subscript.
pub(crate) fn check_aug_target(t: &ExList) -> PResult<()> {
    if t.is_tuple() {
        return fail(K::IllegalAugAssign("tuple"), t.span);
    }
    let e = &t.items[0];
    match e.e.kind {
        ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => Ok(()),
        _ => fail(K::IllegalAugAssign(expr_name(&e.e)), e.e.span),
    }
}

/// `target: annotation`: a single name, attribute or subscript.
pub(crate) fn check_ann_target(t: &ExList) -> PResult<()> {
    if t.is_tuple() {
        return fail(K::OnlySingleTarget("tuple"), t.span);
    }
    let e = &t.items[0];
    match &e.e.kind {
        ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => Ok(()),
        ExprKind::List(_) => fail(K::OnlySingleTarget("list"), e.e.span),
        ExprKind::Tuple(_) => fail(K::OnlySingleTarget("tuple"), e.e.span),
        _ => fail(K::IllegalAnnotationTarget, e.e.span),
    }
}
