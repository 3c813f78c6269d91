//! The `SyntaxWarning`s CPython 3.11's compiler issues for code that is valid but almost
//! certainly a slip: `x is 1`, `assert (x, "msg")`, `"a" "b"()` or `[1, 2] [0]` with
//! a missing comma. The compiler notes each where it compiles the construct, so they
//! come out in CPython's order; the interpreter issues them through the warnings
//! machinery before the code runs (and `-W error` makes them SyntaxErrors).
//!
//! "Literal" means what CPython's AST optimiser folds into a constant before these
//! checks run: numbers (signed too), strings, bytes and tuples of such.

use crate::ast::{Constant, Expr, ExprKind};
use crate::operator::{CmpOp, UnaryOp};
use crate::source::Span;

/// A warning and the expression or statement it is about.
#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxWarning {
    pub span: Span,
    pub message: String,
}

/// What kind of constant an expression folds to, if it does.
enum Folded {
    /// None, True, False, `...`: the singletons `is` is meant for.
    Singleton,
    Int,
    Float,
    Str,
    Bytes,
    Tuple,
}

fn fold(e: &Expr) -> Option<Folded> {
    match &e.kind {
        ExprKind::Constant(c) => Some(match c {
            Constant::None | Constant::True | Constant::False | Constant::Ellipsis => {
                Folded::Singleton
            }
            Constant::Int(_) => Folded::Int,
            Constant::Float(_) => Folded::Float,
            Constant::Str(_) => Folded::Str,
            Constant::Bytes(_) => Folded::Bytes,
        }),
        ExprKind::UnaryOp {
            op: UnaryOp::USub | UnaryOp::UAdd,
            operand,
        } => match fold(operand)? {
            n @ (Folded::Int | Folded::Float) => Some(n),
            _ => None,
        },
        ExprKind::Tuple(items) => items
            .iter()
            .all(|i| fold(i).is_some())
            .then_some(Folded::Tuple),
        _ => None,
    }
}

/// The type name CPython's `infer_type` gives an expression, where it knows one.
fn type_name(e: &Expr) -> Option<&'static str> {
    if let Some(f) = fold(e) {
        return Some(match f {
            Folded::Singleton => match &e.kind {
                ExprKind::Constant(Constant::None) => "NoneType",
                ExprKind::Constant(Constant::Ellipsis) => "ellipsis",
                _ => "bool",
            },
            Folded::Int => "int",
            Folded::Float => "float",
            Folded::Str => "str",
            Folded::Bytes => "bytes",
            Folded::Tuple => "tuple",
        });
    }
    Some(match &e.kind {
        ExprKind::Tuple(_) => "tuple",
        ExprKind::List(_) | ExprKind::ListComp { .. } => "list",
        ExprKind::Dict(_) | ExprKind::DictComp { .. } => "dict",
        ExprKind::Set(_) | ExprKind::SetComp { .. } => "set",
        ExprKind::GeneratorExp { .. } => "generator",
        ExprKind::Lambda { .. } => "function",
        ExprKind::FString(_) => "str",
        ExprKind::Slice { .. } => "slice",
        _ => return None,
    })
}

fn warning(e: &Expr, message: String) -> Option<SyntaxWarning> {
    Some(SyntaxWarning {
        span: e.span,
        message,
    })
}

/// `is` / `is not` with a literal on either side (CPython's `check_compare`).
pub(super) fn compare(
    e: &Expr,
    left: &Expr,
    ops: &[CmpOp],
    comparators: &[Expr],
) -> Option<SyntaxWarning> {
    let is_arg = |x: &Expr| !matches!(fold(x), Some(f) if !matches!(f, Folded::Singleton));
    let mut left_ok = is_arg(left);
    for (op, right) in ops.iter().zip(comparators) {
        let right_ok = is_arg(right);
        if matches!(op, CmpOp::Is | CmpOp::IsNot) && !(left_ok && right_ok) {
            let message = match op {
                CmpOp::Is => "\"is\" with a literal. Did you mean \"==\"?",
                _ => "\"is not\" with a literal. Did you mean \"!=\"?",
            };
            return warning(e, message.to_string());
        }
        left_ok = right_ok;
    }
    None
}

/// `assert (test, msg)`: a non-empty tuple is always true.
pub(super) fn assert_tuple(stmt_span: Span, test: &Expr) -> Option<SyntaxWarning> {
    match &test.kind {
        ExprKind::Tuple(items) if !items.is_empty() => Some(SyntaxWarning {
            span: stmt_span,
            message: "assertion is always true, perhaps remove parentheses?".to_string(),
        }),
        _ => None,
    }
}

/// Calling a literal or a display (CPython's `check_caller`).
pub(super) fn call(e: &Expr, func: &Expr) -> Option<SyntaxWarning> {
    let callable_never = fold(func).is_some()
        || matches!(
            func.kind,
            ExprKind::Tuple(_)
                | ExprKind::List(_)
                | ExprKind::ListComp { .. }
                | ExprKind::Dict(_)
                | ExprKind::DictComp { .. }
                | ExprKind::Set(_)
                | ExprKind::SetComp { .. }
                | ExprKind::GeneratorExp { .. }
                | ExprKind::FString(_)
        );
    if !callable_never {
        return None;
    }
    let name = type_name(func)?;
    warning(
        e,
        format!("'{name}' object is not callable; perhaps you missed a comma?"),
    )
}

/// Subscripting what cannot be subscripted, or a sequence literal with an index of the
/// wrong type (CPython's `check_subscripter` and `check_index`); loads only.
pub(super) fn subscript(e: &Expr, value: &Expr, index: &Expr) -> Option<SyntaxWarning> {
    let unsubscriptable = match fold(value) {
        // True and False are ints to CPython's check.
        Some(Folded::Singleton | Folded::Int | Folded::Float) => true,
        Some(_) => false,
        None => matches!(
            value.kind,
            ExprKind::Set(_)
                | ExprKind::SetComp { .. }
                | ExprKind::GeneratorExp { .. }
                | ExprKind::Lambda { .. }
        ),
    };
    if unsubscriptable {
        let name = type_name(value)?;
        return warning(
            e,
            format!("'{name}' object is not subscriptable; perhaps you missed a comma?"),
        );
    }
    let index_type = type_name(index)?;
    if matches!(index_type, "int" | "bool" | "slice") {
        return None;
    }
    let sequence = match fold(value) {
        Some(Folded::Str | Folded::Bytes | Folded::Tuple) => true,
        Some(_) => false,
        None => matches!(
            value.kind,
            ExprKind::Tuple(_)
                | ExprKind::List(_)
                | ExprKind::ListComp { .. }
                | ExprKind::FString(_)
        ),
    };
    if !sequence {
        return None;
    }
    let name = type_name(value)?;
    warning(
        e,
        format!(
            "{name} indices must be integers or slices, not {index_type}; perhaps you missed a comma?"
        ),
    )
}
