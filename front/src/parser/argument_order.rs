//! CPython's `invalid_arguments` rule, for a call that failed to parse: a positional
//! argument after keyword arguments is reported as such even when something else on
//! the line is what stopped the parser (`f(a=1, b if)`, `print(x, end="" c)`).
//!
//! CPython's error pass parses the arguments again greedily — positional arguments and
//! `*x`, then keywords and `*x`, then keywords and `**x` — and, where that run ends
//! before a `,` and another argument that parses, says which argument came too late.
//! The run is reproduced here from the logical line's tokens, for each call the failing
//! token is inside, innermost first (an inner call that fails whole is still the name
//! it is called on: `f(a=1, g(x;))` reports the `g`).

use super::errors::{ParseError, SyntaxErrorKind as K};
use super::recovery::{ends_operand, innermost_open, top_level_colon};
use super::tokens::{Kind, TokInfo};
use crate::source::Span;

/// When the failing token at `at` lies inside a call whose arguments so far put a
/// positional argument (or `*x`) where CPython's error pass names it, that error.
/// (Two expressions side by side are a missing comma first: the caller asks that.)
pub(super) fn misplaced_argument(before: &[TokInfo], at: Span) -> Option<ParseError> {
    let mut end = before.len();
    while let Some(open) = innermost_open(&before[..end]) {
        if is_call(before, open) {
            let items = arguments(&before[open + 1..]);
            if let Some(kind) = out_of_order(&items) {
                return Some(ParseError::syntax(kind, at));
            }
        }
        end = open;
    }
    None
}

/// When the tokens end with a call's `)` whose arguments are out of order, that error:
/// CPython's parse of the call meets it before the token that stopped apy's parser,
/// which had not yet reduced the call for want of that next token. With the error, the
/// `)`: where CPython stopped reading.
pub(super) fn closed_call_error(before: &[TokInfo]) -> Option<(ParseError, Span)> {
    let (close, rest) = before.split_last()?;
    if !close.kind.is(")") {
        return None;
    }
    let open = innermost_open(rest)?;
    if !is_call(rest, open) {
        return None;
    }
    let mut items = arguments(&rest[open + 1..]);
    if let Some(last) = items.last_mut() {
        last.complete = true;
        if last.toks.is_empty() {
            items.pop();
        }
    }
    out_of_order(&items).map(|kind| (ParseError::syntax(kind, close.span), close.span))
}

/// A `(` that opens arguments: after an operand (a call, or a class's bases), not a
/// `def`'s parameters.
fn is_call(toks: &[TokInfo], open: usize) -> bool {
    toks[open].kind.is("(")
        && open > 0
        && ends_operand(toks[open - 1].kind)
        && !(open > 1 && toks[open - 2].kind.is("def"))
}

/// One argument's tokens, and whether its comma follows.
struct Argument<'a> {
    toks: &'a [TokInfo],
    complete: bool,
}

/// The arguments after a call's `(`, split at its own commas; the last one runs to the
/// failing token.
fn arguments(inside: &[TokInfo]) -> Vec<Argument<'_>> {
    let mut items = Vec::new();
    let mut depth = 0;
    let mut start = 0;
    for (i, t) in inside.iter().enumerate() {
        match t.kind {
            Kind::Word("(" | "[" | "{") => depth += 1,
            Kind::Word(")" | "]" | "}") => depth -= 1,
            Kind::Word(",") if depth == 0 => {
                items.push(Argument {
                    toks: &inside[start..i],
                    complete: true,
                });
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(Argument {
        toks: &inside[start..],
        complete: false,
    });
    items
}

#[derive(Clone, Copy, PartialEq)]
enum Shape {
    Positional,
    Star,
    DoubleStar,
    Keyword,
}

fn shape(toks: &[TokInfo]) -> Shape {
    match toks {
        [first, ..] if first.kind.is("*") => Shape::Star,
        [first, ..] if first.kind.is("**") => Shape::DoubleStar,
        [name, eq, ..] if matches!(name.kind, Kind::Name(_)) && eq.kind.is("=") => Shape::Keyword,
        _ => Shape::Positional,
    }
}

/// CPython's greedy run over the arguments, and the error where it stops early.
fn out_of_order(items: &[Argument<'_>]) -> Option<K> {
    // 0: positional and `*x`; 1: keywords and `*x`; 2: keywords and `**x`.
    let mut section = 0;
    for item in items {
        let shape = shape(item.toks);
        match (section, shape) {
            (_, Shape::DoubleStar) => section = 2,
            (0, Shape::Keyword) => section = 1,
            (0, _) | (1, Shape::Keyword | Shape::Star) | (2, Shape::Keyword) => {}
            // `args ',' '*'`: nothing after the star needs to parse.
            (2, Shape::Star) => return Some(K::UnpackAfterKwUnpack),
            (_, Shape::Positional) => {
                let parses = item.complete || starts_with_operand(item.toks);
                if !parses {
                    return None;
                }
                return Some(if section == 2 {
                    K::PositionalAfterKwUnpack
                } else {
                    K::PositionalAfterKeyword
                });
            }
            _ => return None,
        }
        if !item.complete {
            return None;
        }
    }
    None
}

/// Whether an unfinished argument begins with a whole operand, which CPython's greedy
/// parse takes as the argument when what follows fails (`b` of `b if)`, `g` of
/// `g(x;)`): unary operators, then a name, a literal, or a bracket closed again.
fn starts_with_operand(toks: &[TokInfo]) -> bool {
    let mut i = 0;
    while toks
        .get(i)
        .is_some_and(|t| matches!(t.kind, Kind::Word("-" | "+" | "~" | "not" | "await")))
    {
        i += 1;
    }
    let Some(first) = toks.get(i) else {
        return false;
    };
    match first.kind {
        Kind::Name(_) | Kind::Number | Kind::Str => true,
        Kind::Word("None" | "True" | "False" | "...") => true,
        Kind::Word("(" | "[" | "{") => innermost_open(&toks[i..]) != Some(0),
        Kind::Word("lambda") => {
            top_level_colon(&toks[i..]) && toks.last().is_some_and(|t| !t.kind.is(":"))
        }
        _ => false,
    }
}
