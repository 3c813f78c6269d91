//! Builders for displays and comprehensions: lists, tuples, sets, dicts, and the four
//! comprehension forms (each of which opens a scope).

use super::actions::{inside, max_depth, node, sp, Ex, ExList, BRACKET_COST};
use super::context::ParseContext;
use super::errors::{fail, PResult, SyntaxErrorKind as K};
use super::targets::{check_target, TargetKind};
use crate::ast::*;

/// One `for ... in ... if ...` clause, with its depth.
pub(crate) struct Clause {
    pub comp: Comprehension,
    pub depth: u32,
}

pub(crate) fn clause(is_async: bool, target: ExList, iter: Ex, ifs: Vec<Ex>) -> PResult<Clause> {
    let target = target.into_ex()?;
    check_target(&target, TargetKind::For)?;
    let depth = target.depth.max(iter.depth).max(max_depth(&ifs));
    Ok(Clause {
        comp: Comprehension {
            target: target.e,
            iter: iter.e,
            ifs: ifs.into_iter().map(|x| x.e).collect(),
            is_async,
        },
        depth,
    })
}

fn clauses_depth(gens: &[Clause]) -> u32 {
    gens.iter().map(|c| c.depth).max().unwrap_or(0)
}

fn into_comps(gens: Vec<Clause>) -> Vec<Comprehension> {
    gens.into_iter().map(|c| c.comp).collect()
}

/// A comprehension's element may not be `*x`.
fn plain_element(elt: &Ex) -> PResult<()> {
    if let ExprKind::Starred(_) = elt.e.kind {
        return fail(K::UnpackInComprehension, elt.e.span);
    }
    Ok(())
}

pub(crate) fn list(items: Vec<Ex>, l: usize, r: usize) -> PResult<Ex> {
    let d = inside(max_depth(&items), BRACKET_COST);
    node(
        ExprKind::List(items.into_iter().map(|x| x.e).collect()),
        sp(l, r),
        d,
    )
}

pub(crate) fn list_comp(
    ctx: &ParseContext<'_>,
    elt: Ex,
    gens: Vec<Clause>,
    l: usize,
    r: usize,
) -> PResult<Ex> {
    plain_element(&elt)?;
    let d = inside(elt.depth.max(clauses_depth(&gens)), BRACKET_COST);
    let scope = ctx.new_scope();
    node(
        ExprKind::ListComp {
            elt: elt.boxed(),
            generators: into_comps(gens),
            scope,
        },
        sp(l, r),
        d,
    )
}

pub(crate) fn genexp(
    ctx: &ParseContext<'_>,
    elt: Ex,
    gens: Vec<Clause>,
    l: usize,
    r: usize,
) -> PResult<Ex> {
    plain_element(&elt)?;
    let d = inside(elt.depth.max(clauses_depth(&gens)), BRACKET_COST);
    let scope = ctx.new_scope();
    let mut g = node(
        ExprKind::GeneratorExp {
            elt: elt.boxed(),
            generators: into_comps(gens),
            scope,
        },
        sp(l, r),
        d,
    )?;
    g.parens = true;
    Ok(g)
}

/// An item inside `{...}` before we know whether it is a dict or a set.
pub(crate) enum BraceItem {
    Pair(Ex, Ex),
    /// `**mapping`, with the span of the `**`.
    Unpack(Ex, usize),
    Elem(Ex),
}

impl BraceItem {
    fn depth(&self) -> u32 {
        match self {
            BraceItem::Pair(k, v) => k.depth.max(v.depth),
            BraceItem::Unpack(e, _) | BraceItem::Elem(e) => e.depth,
        }
    }
}

/// `{...}` with at least one item: a dict if the first item is a pair or `**`, else a set.
pub(crate) fn brace(items: Vec<BraceItem>, l: usize, r: usize) -> PResult<Ex> {
    let d = inside(
        items.iter().map(BraceItem::depth).max().unwrap_or(0),
        BRACKET_COST,
    );
    let is_dict = matches!(
        items.first(),
        Some(BraceItem::Pair(..) | BraceItem::Unpack(..))
    );
    if is_dict {
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            match item {
                BraceItem::Pair(k, v) => out.push(DictItem::Pair(k.e, v.e)),
                BraceItem::Unpack(e, _) => out.push(DictItem::Unpack(e.e)),
                BraceItem::Elem(e) => return fail(K::ExpectedDictColon, e.e.span),
            }
        }
        node(ExprKind::Dict(out), sp(l, r), d)
    } else {
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            match item {
                BraceItem::Elem(e) => out.push(e.e),
                BraceItem::Pair(k, _) => {
                    let at = k.e.span.end as usize;
                    return fail(K::InvalidSyntax, sp(at, at + 1));
                }
                BraceItem::Unpack(_, at) => return fail(K::InvalidSyntax, sp(at, at + 2)),
            }
        }
        node(ExprKind::Set(out), sp(l, r), d)
    }
}

pub(crate) fn empty_dict(l: usize, r: usize) -> Ex {
    super::actions::leaf(ExprKind::Dict(Vec::new()), sp(l, r))
}

pub(crate) fn brace_comp(
    ctx: &ParseContext<'_>,
    item: BraceItem,
    gens: Vec<Clause>,
    l: usize,
    r: usize,
) -> PResult<Ex> {
    let d = inside(item.depth().max(clauses_depth(&gens)), BRACKET_COST);
    let span = sp(l, r);
    match item {
        BraceItem::Pair(k, v) => {
            let scope = ctx.new_scope();
            node(
                ExprKind::DictComp {
                    key: k.boxed(),
                    value: v.boxed(),
                    generators: into_comps(gens),
                    scope,
                },
                span,
                d,
            )
        }
        BraceItem::Unpack(_, at) => fail(K::DictUnpackInComprehension, sp(at, at + 2)),
        BraceItem::Elem(e) => {
            plain_element(&e)?;
            let scope = ctx.new_scope();
            node(
                ExprKind::SetComp {
                    elt: e.boxed(),
                    generators: into_comps(gens),
                    scope,
                },
                span,
                d,
            )
        }
    }
}
