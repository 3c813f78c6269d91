//! Builders for statements and blocks.

use super::actions::{checked, max_depth, sp, Blk, Ex, ExList, St};
use super::context::ParseContext;
use super::errors::{fail, PResult, SyntaxErrorKind as K};
use super::targets::{
    check_ann_target, check_assignment, check_aug_target, check_target, TargetKind,
};
use crate::ast::*;
use crate::operator::*;
use crate::source::Span;

fn st(kind: StmtKind, span: Span, child_depth: u32) -> PResult<St> {
    Ok(St {
        s: Stmt::new(kind, span),
        depth: checked(child_depth, span)?,
    })
}

pub(crate) fn simple(kind: StmtKind, l: usize, r: usize) -> St {
    St {
        s: Stmt::new(kind, sp(l, r)),
        depth: 1,
    }
}

// ---- blocks ----

pub(crate) fn block_push(mut b: Blk, s: St) -> Blk {
    b.depth = b.depth.max(s.depth);
    b.stmts.push(s.s);
    b
}

pub(crate) fn block_extend(mut b: Blk, v: Vec<St>) -> Blk {
    for s in v {
        b = block_push(b, s);
    }
    b
}

pub(crate) fn block_of(v: Vec<St>) -> Blk {
    block_extend(Blk::default(), v)
}

// ---- simple statements ----

/// An expression statement or a (chained) assignment.
pub(crate) fn expr_or_assign(first: ExList, rest: Vec<ExList>, l: usize, r: usize) -> PResult<St> {
    let span = sp(l, r);
    if rest.is_empty() {
        let e = first.into_ex()?;
        let d = e.depth;
        return st(StmtKind::Expr(e.e), span, d);
    }
    let mut parts = Vec::with_capacity(rest.len() + 1);
    parts.push(first);
    parts.extend(rest);
    check_assignment(&parts)?;
    let value = parts.pop().expect("at least two parts").into_ex()?;
    let mut d = value.depth;
    let mut targets = Vec::with_capacity(parts.len());
    for p in parts {
        let t = p.into_ex()?;
        d = d.max(t.depth);
        targets.push(t.e);
    }
    st(
        StmtKind::Assign {
            targets,
            value: value.e,
        },
        span,
        d,
    )
}

pub(crate) fn aug_assign(
    target: ExList,
    op: BinOp,
    value: ExList,
    l: usize,
    r: usize,
) -> PResult<St> {
    check_aug_target(&target)?;
    let t = target.into_ex()?;
    let v = value.into_ex()?;
    let d = t.depth.max(v.depth);
    st(
        StmtKind::AugAssign {
            target: t.e,
            op,
            value: v.e,
        },
        sp(l, r),
        d,
    )
}

pub(crate) fn ann_assign(
    target: ExList,
    annotation: Ex,
    value: Option<ExList>,
    l: usize,
    r: usize,
) -> PResult<St> {
    check_ann_target(&target)?;
    let t = target.into_ex()?;
    let simple = matches!(t.e.kind, ExprKind::Name(_)) && !t.parens;
    let value = value.map(ExList::into_ex).transpose()?;
    let d = t
        .depth
        .max(annotation.depth)
        .max(value.as_ref().map_or(0, |v| v.depth));
    st(
        StmtKind::AnnAssign {
            target: t.e,
            annotation: annotation.e,
            value: value.map(|v| v.e),
            simple,
        },
        sp(l, r),
        d,
    )
}

/// `target := value` as a statement: never valid unparenthesized.
pub(crate) fn walrus_statement(target: ExList, colon_eq: usize) -> PResult<St> {
    if !target.is_tuple() {
        let t = &target.items[0];
        if !matches!(t.e.kind, ExprKind::Name(_)) || t.parens {
            return fail(K::WalrusTarget(super::targets::expr_name(&t.e)), t.e.span);
        }
    }
    fail(K::InvalidSyntax, sp(colon_eq, colon_eq + 2))
}

pub(crate) fn delete(targets: ExList, l: usize, r: usize) -> PResult<St> {
    for t in &targets.items {
        check_target(t, TargetKind::Del)?;
    }
    let d = max_depth(&targets.items);
    st(
        StmtKind::Delete(targets.items.into_iter().map(|x| x.e).collect()),
        sp(l, r),
        d,
    )
}

pub(crate) fn return_(value: Option<ExList>, l: usize, r: usize) -> PResult<St> {
    let v = value.map(ExList::into_ex).transpose()?;
    let d = v.as_ref().map_or(0, |v| v.depth);
    st(StmtKind::Return(v.map(|v| v.e)), sp(l, r), d)
}

pub(crate) fn raise(exc: Option<(Ex, Option<Ex>)>, l: usize, r: usize) -> PResult<St> {
    let (exc, cause) = match exc {
        Some((e, c)) => (Some(e), c),
        None => (None, None),
    };
    let d = exc
        .as_ref()
        .map_or(0, |x| x.depth)
        .max(cause.as_ref().map_or(0, |x| x.depth));
    st(
        StmtKind::Raise {
            exc: exc.map(|x| x.e),
            cause: cause.map(|x| x.e),
        },
        sp(l, r),
        d,
    )
}

pub(crate) fn assert(test: Ex, msg: Option<Ex>, l: usize, r: usize) -> PResult<St> {
    let d = test.depth.max(msg.as_ref().map_or(0, |x| x.depth));
    st(
        StmtKind::Assert {
            test: test.e,
            msg: msg.map(|x| x.e),
        },
        sp(l, r),
        d,
    )
}

pub(crate) fn alias(name: String, asname: Option<Ident>, l: usize, r: usize) -> Alias {
    Alias {
        name,
        asname,
        span: sp(l, r),
    }
}

/// `from ... import names`; `names` is `None` for `*`. `trailing` is the offset of a
/// trailing comma in an unparenthesized name list.
pub(crate) fn import_from(
    dots: Vec<u32>,
    module: Option<String>,
    names: Vec<Alias>,
    trailing: Option<usize>,
    import_at: usize,
    l: usize,
    r: usize,
) -> PResult<St> {
    if let Some(at) = trailing {
        return fail(K::TrailingComma, sp(at, at + 1));
    }
    let level = dots.iter().fold(0u32, |a, &b| a.saturating_add(b));
    if level == 0 && module.is_none() {
        return fail(K::InvalidSyntax, sp(import_at, import_at + 6));
    }
    Ok(simple(
        StmtKind::ImportFrom {
            module,
            names,
            level,
        },
        l,
        r,
    ))
}

// ---- compound statements ----

pub(crate) fn if_stmt(
    test: Ex,
    body: Blk,
    elifs: Vec<(usize, Ex, Blk)>,
    orelse: Option<Blk>,
    l: usize,
    r: usize,
) -> PResult<St> {
    // Build the `elif` chain from the end: each `elif` is an `If` in the previous orelse.
    let mut tail = orelse.unwrap_or_default();
    let last_body = elifs.last().map_or(&body, |(_, _, b)| b);
    let r = end_of(&tail, end_of(last_body, r));
    for (el, t, b) in elifs.into_iter().rev() {
        let d = t.depth.max(b.depth).max(tail.depth);
        let s = st(
            StmtKind::If {
                test: t.e,
                body: b.stmts,
                orelse: tail.stmts,
            },
            sp(el, r),
            d,
        )?;
        tail = Blk {
            stmts: vec![s.s],
            depth: s.depth,
        };
    }
    let d = test.depth.max(body.depth).max(tail.depth);
    st(
        StmtKind::If {
            test: test.e,
            body: body.stmts,
            orelse: tail.stmts,
        },
        sp(l, r),
        d,
    )
}

pub(crate) fn while_stmt(
    test: Ex,
    body: Blk,
    orelse: Option<Blk>,
    l: usize,
    r: usize,
) -> PResult<St> {
    let orelse = orelse.unwrap_or_default();
    let r = end_of(&orelse, end_of(&body, r));
    let d = test.depth.max(body.depth).max(orelse.depth);
    st(
        StmtKind::While {
            test: test.e,
            body: body.stmts,
            orelse: orelse.stmts,
        },
        sp(l, r),
        d,
    )
}

pub(crate) fn for_stmt(
    is_async: bool,
    target: ExList,
    iter: ExList,
    body: Blk,
    orelse: Option<Blk>,
    l: usize,
    r: usize,
) -> PResult<St> {
    let target = target.into_ex()?;
    check_target(&target, TargetKind::For)?;
    let iter = iter.into_ex()?;
    let orelse = orelse.unwrap_or_default();
    let r = end_of(&orelse, end_of(&body, r));
    let d = target
        .depth
        .max(iter.depth)
        .max(body.depth)
        .max(orelse.depth);
    let kind = StmtKind::For {
        target: target.e,
        iter: iter.e,
        body: body.stmts,
        orelse: orelse.stmts,
        is_async,
    };
    st(kind, sp(l, r), d)
}

/// One `except` clause as parsed.
pub(crate) struct Handler {
    pub handler: ExceptHandler,
    pub is_star: bool,
    pub depth: u32,
}

pub(crate) fn handler(
    is_star: bool,
    typ: Option<(Ex, Option<Ident>)>,
    colon: usize,
    body: Blk,
    l: usize,
    r: usize,
) -> PResult<Handler> {
    if is_star && typ.is_none() {
        return fail(K::ExpectedExceptionTypes, sp(colon, colon + 1));
    }
    let (typ, name) = match typ {
        Some((t, n)) => (Some(t), n),
        None => (None, None),
    };
    let depth = typ.as_ref().map_or(0, |t| t.depth).max(body.depth);
    let r = end_of(&body, r);
    Ok(Handler {
        handler: ExceptHandler {
            typ: typ.map(|t| t.e),
            name,
            body: body.stmts,
            span: sp(l, r),
        },
        is_star,
        depth,
    })
}

pub(crate) fn try_stmt(
    body: Blk,
    handlers: Vec<Handler>,
    orelse: Option<Blk>,
    finalbody: Option<Blk>,
    l: usize,
    r: usize,
) -> PResult<St> {
    let is_star = handlers.first().is_some_and(|h| h.is_star);
    if let Some(h) = handlers.iter().find(|h| h.is_star != is_star) {
        return fail(K::MixedExcept, h.handler.span);
    }
    let orelse = orelse.unwrap_or_default();
    let finalbody = finalbody.unwrap_or_default();
    let r = handlers
        .last()
        .map_or(end_of(&body, r), |h| h.handler.span.end as usize);
    let r = end_of(&finalbody, end_of(&orelse, r));
    let d = body
        .depth
        .max(orelse.depth)
        .max(finalbody.depth)
        .max(handlers.iter().map(|h| h.depth).max().unwrap_or(0));
    let kind = StmtKind::Try {
        body: body.stmts,
        handlers: handlers.into_iter().map(|h| h.handler).collect(),
        orelse: orelse.stmts,
        finalbody: finalbody.stmts,
        is_star,
    };
    st(kind, sp(l, r), d)
}

pub(crate) fn with_item(context: Ex, vars: Option<Ex>) -> PResult<(WithItem, u32)> {
    if let Some(v) = &vars {
        check_target(v, TargetKind::Store)?;
    }
    let d = context.depth.max(vars.as_ref().map_or(0, |v| v.depth));
    Ok((
        WithItem {
            context: context.e,
            vars: vars.map(|v| v.e),
        },
        d,
    ))
}

pub(crate) fn with_stmt(
    is_async: bool,
    items: Vec<(WithItem, u32)>,
    body: Blk,
    l: usize,
    r: usize,
) -> PResult<St> {
    let d = items
        .iter()
        .map(|(_, d)| *d)
        .max()
        .unwrap_or(0)
        .max(body.depth);
    let r = end_of(&body, r);
    let items = items.into_iter().map(|(i, _)| i).collect();
    st(
        StmtKind::With {
            items,
            body: body.stmts,
            is_async,
        },
        sp(l, r),
        d,
    )
}

/// The parts of a `def` (without decorators).
pub(crate) struct FuncParts {
    pub is_async: bool,
    pub name: Ident,
    pub args: Option<(Arguments, u32)>,
    pub returns: Option<Ex>,
    /// End of the header, before the `:`.
    pub header_end: usize,
    pub body: Blk,
    pub l: usize,
    pub r: usize,
}

pub(crate) fn funcdef(ctx: &ParseContext<'_>, decorators: Vec<Ex>, f: FuncParts) -> PResult<St> {
    let (args, d_args) = f.args.unwrap_or_default();
    let d = max_depth(&decorators)
        .max(d_args)
        .max(f.returns.as_ref().map_or(0, |x| x.depth))
        .max(f.body.depth);
    let scope = ctx.new_scope();
    let r = end_of(&f.body, f.r);
    let def = FunctionDef {
        name: f.name,
        args,
        body: f.body.stmts,
        decorators: decorators.into_iter().map(|x| x.e).collect(),
        returns: f.returns.map(|x| x.e),
        is_async: f.is_async,
        scope,
        header_span: sp(f.l, f.header_end),
    };
    st(StmtKind::FunctionDef(Box::new(def)), sp(f.l, r), d)
}

/// The parts of a `class` (without decorators); `args` holds the argument items and the
/// span of the parentheses.
pub(crate) struct ClassParts {
    pub name: Ident,
    pub args: Option<(usize, (Vec<super::args::ArgItem>, bool), usize)>,
    pub body: Blk,
    pub l: usize,
    pub r: usize,
}

pub(crate) fn classdef(ctx: &ParseContext<'_>, decorators: Vec<Ex>, c: ClassParts) -> PResult<St> {
    let (bases, keywords, d_args) = match c.args {
        Some((pl, (items, trailing), pr)) => {
            let a = super::args::call_args(ctx, items, trailing, sp(pl, pr))?;
            (a.args, a.keywords, a.depth)
        }
        None => (Vec::new(), Vec::new(), 0),
    };
    let d = max_depth(&decorators).max(d_args).max(c.body.depth);
    let scope = ctx.new_scope();
    let r = end_of(&c.body, c.r);
    let class = ClassDef {
        name: c.name,
        bases,
        keywords,
        body: c.body.stmts,
        decorators: decorators.into_iter().map(|x| x.e).collect(),
        scope,
    };
    st(StmtKind::ClassDef(Box::new(class)), sp(c.l, r), d)
}

/// A compound statement ends where its last statement does (not at the DEDENT after it).
fn end_of(b: &Blk, fallback: usize) -> usize {
    b.stmts.last().map_or(fallback, |s| s.span.end as usize)
}
