//! Call arguments and parameter lists: parsed permissively, then checked in CPython's
//! order so that the same mistakes get the same messages.

use super::actions::{inside, node, sp, Ex, ARGUMENT_COST};
use super::context::ParseContext;
use super::displays::{genexp, Clause};
use super::errors::{fail, PResult, SyntaxErrorKind as K};
use crate::ast::*;
use crate::source::Span;

/// One item between the parentheses of a call (or a class's bases).
pub(crate) enum ArgItem {
    Positional(Ex),
    /// `x for x in y` written without its own parentheses.
    BareGenexp(Ex, Vec<Clause>),
    /// `*x`, spanning the whole item.
    Star(Ex, Span),
    /// `**x`, spanning the whole item.
    DoubleStar(Ex, Span),
    /// `lhs = value`; the left side is checked to be a plain name.
    Keyword(Ex, Ex, Span),
}

/// The arguments of a call after validation.
pub(crate) struct CallArgs {
    pub args: Vec<Expr>,
    pub keywords: Vec<Keyword>,
    pub depth: u32,
}

/// Validates and sorts call arguments. `parens` is the span from `(` to `)`.
pub(crate) fn call_args(
    ctx: &ParseContext<'_>,
    items: Vec<ArgItem>,
    trailing_comma: bool,
    parens: Span,
) -> PResult<CallArgs> {
    let count = items.len();
    let close = sp(parens.end as usize - 1, parens.end as usize);
    let mut seen_keyword = false;
    let mut seen_kw_unpack = false;
    for item in &items {
        match item {
            ArgItem::Positional(_) | ArgItem::BareGenexp(..) => {
                if let ArgItem::BareGenexp(elt, _) = item {
                    if count > 1 || trailing_comma {
                        return fail(K::GeneratorNotParenthesized, elt.e.span);
                    }
                }
                if seen_kw_unpack {
                    return fail(K::PositionalAfterKwUnpack, close);
                }
                if seen_keyword {
                    return fail(K::PositionalAfterKeyword, close);
                }
            }
            ArgItem::Star(_, at) => {
                if seen_kw_unpack {
                    return fail(K::UnpackAfterKwUnpack, *at);
                }
            }
            ArgItem::DoubleStar(..) => seen_kw_unpack = true,
            ArgItem::Keyword(lhs, _, _) => {
                seen_keyword = true;
                match &lhs.e.kind {
                    // A repeated name is the compiler's error in CPython, reported
                    // only once the whole file has parsed (`sema`'s call walk).
                    ExprKind::Name(_) if !lhs.parens => {}
                    ExprKind::Constant(c @ (Constant::True | Constant::False | Constant::None))
                        if !lhs.parens =>
                    {
                        let what = match c {
                            Constant::True => "True",
                            Constant::False => "False",
                            _ => "None",
                        };
                        return fail(K::CannotAssign(what), lhs.e.span);
                    }
                    _ => return fail(K::KeywordNotName, lhs.e.span),
                }
            }
        }
    }
    let mut args = Vec::new();
    let mut keywords = Vec::new();
    let mut depth = 0;
    for item in items {
        match item {
            ArgItem::Positional(e) => {
                depth = depth.max(e.depth);
                args.push(e.e);
            }
            ArgItem::BareGenexp(elt, gens) => {
                let g = genexp(ctx, elt, gens, parens.start as usize, parens.end as usize)?;
                depth = depth.max(g.depth);
                args.push(g.e);
            }
            ArgItem::Star(e, span) => {
                let d = e.depth;
                let s = node(ExprKind::Starred(e.boxed()), span, d)?;
                depth = depth.max(s.depth);
                args.push(s.e);
            }
            ArgItem::DoubleStar(e, span) => {
                depth = depth.max(e.depth);
                keywords.push(Keyword {
                    arg: None,
                    value: e.e,
                    span,
                });
            }
            ArgItem::Keyword(lhs, value, span) => {
                depth = depth.max(value.depth);
                let ExprKind::Name(n) = lhs.e.kind else {
                    continue;
                };
                keywords.push(Keyword {
                    arg: Some(Ident {
                        name: n,
                        span: lhs.e.span,
                    }),
                    value: value.e,
                    span,
                });
            }
        }
    }
    Ok(CallArgs {
        args,
        keywords,
        depth,
    })
}

pub(crate) fn call(
    ctx: &ParseContext<'_>,
    func: Ex,
    items: Vec<ArgItem>,
    trailing_comma: bool,
    lpar: usize,
    l: usize,
    r: usize,
) -> PResult<Ex> {
    let a = call_args(ctx, items, trailing_comma, sp(lpar, r))?;
    let d = func.depth.max(inside(a.depth, ARGUMENT_COST));
    node(
        ExprKind::Call {
            func: func.boxed(),
            args: a.args,
            keywords: a.keywords,
        },
        sp(l, r),
        d,
    )
}

// ---- parameters ----

/// One item of a parameter list as written.
pub(crate) enum ParamItem {
    /// A parameter, with its default if any.
    Plain(Arg, Option<Ex>),
    /// `/`, with its span.
    Slash(Span),
    /// `*` or `*args`; the span of `*`, and of a (forbidden) `=`.
    Star(Option<Arg>, Span, Option<Span>),
    /// `**kwargs`; the span of `**`, and of a (forbidden) `=`.
    DoubleStar(Arg, Span, Option<Span>),
}

pub(crate) fn arg(name: Ident, annotation: Option<Ex>, r: usize) -> (Arg, u32) {
    let d = annotation.as_ref().map_or(0, |a| a.depth);
    let span = sp(name.span.start as usize, r);
    (
        Arg {
            name,
            annotation: annotation.map(|a| a.e),
            span,
        },
        d,
    )
}

fn item_span(item: &ParamItem) -> Span {
    match item {
        ParamItem::Plain(a, _) => a.name.span,
        ParamItem::Slash(s) | ParamItem::Star(_, s, _) | ParamItem::DoubleStar(_, s, _) => *s,
    }
}

/// Builds `Arguments` from the items, with CPython's checks in CPython's order.
pub(crate) fn parameters(items: Vec<(ParamItem, u32)>) -> PResult<(Arguments, u32)> {
    let mut out = Arguments::default();
    let mut depth = 0;
    let mut seen_default = false;
    let mut slash_seen = false;
    // The `*` span while it has not yet been followed by a keyword-only parameter.
    let mut bare_star: Option<Span> = None;
    let mut star_seen = false;
    let mut kwarg_seen = false;
    let n = items.len();
    for (i, (item, d)) in items.into_iter().enumerate() {
        depth = depth.max(d);
        if kwarg_seen {
            return fail(K::AfterKwargs, item_span(&item));
        }
        match item {
            ParamItem::Plain(a, default) => {
                if star_seen {
                    bare_star = None;
                    out.kwonly.push(a);
                    out.kw_defaults.push(default.map(|x| x.e));
                } else {
                    match default {
                        Some(x) => {
                            seen_default = true;
                            out.defaults.push(x.e);
                        }
                        None if seen_default => {
                            return fail(K::NonDefaultAfterDefault, a.name.span)
                        }
                        None => {}
                    }
                    out.args.push(a);
                }
            }
            ParamItem::Slash(s) => {
                if star_seen {
                    return fail(K::SlashAfterStar, s);
                }
                if slash_seen {
                    return fail(K::SlashTwice, s);
                }
                if out.args.is_empty() {
                    return fail(K::SlashFirst, s);
                }
                slash_seen = true;
                out.posonly = std::mem::take(&mut out.args);
            }
            ParamItem::Star(a, s, eq) => {
                if let Some(b) = bare_star {
                    return fail(K::NamedAfterBareStar, b);
                }
                if star_seen {
                    return fail(K::StarTwice, s);
                }
                if let Some(eq) = eq {
                    return fail(K::VarargDefault, eq);
                }
                star_seen = true;
                if a.is_none() {
                    bare_star = Some(s);
                    if i + 1 == n {
                        return fail(K::NamedAfterBareStar, s);
                    }
                }
                out.vararg = a;
            }
            ParamItem::DoubleStar(a, _, eq) => {
                if let Some(b) = bare_star {
                    return fail(K::NamedAfterBareStar, b);
                }
                if let Some(eq) = eq {
                    return fail(K::KwargDefault, eq);
                }
                kwarg_seen = true;
                out.kwarg = Some(a);
            }
        }
    }
    Ok((out, depth))
}
