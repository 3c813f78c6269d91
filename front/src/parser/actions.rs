//! The values grammar actions build, and the expression builders they call.
//!
//! Every expression travels through the grammar as an [`Ex`]: the node plus its nesting
//! depth (checked against [`MAX_DEPTH`] as each node is built, so no tree deeper than the
//! limit ever exists and nothing that walks it later can overflow the stack) and whether
//! it was written in parentheses (which changes several of CPython's error messages).

use super::context::ParseContext;
use super::errors::{fail, PResult, SyntaxErrorKind as K, MAX_DEPTH};
use crate::ast::*;
use crate::operator::*;
use crate::source::Span;
use num_bigint::BigInt;

/// An expression under construction.
#[derive(Debug)]
pub(crate) struct Ex {
    pub e: Expr,
    pub depth: u32,
    /// Written as `( ... )` (the parentheses themselves are not in `e.span`, as in
    /// CPython, except for tuples and generator expressions whose own syntax they are).
    pub parens: bool,
}

/// A comma-separated expression list (`star_expressions`): a tuple unless it is one
/// expression without a trailing comma.
#[derive(Debug)]
pub(crate) struct ExList {
    pub items: Vec<Ex>,
    pub trailing_comma: bool,
    pub span: Span,
}

/// A statement under construction, with its depth (blocks count as nesting too).
#[derive(Debug)]
pub(crate) struct St {
    pub s: Stmt,
    pub depth: u32,
}

/// A block of statements and the deepest of them.
#[derive(Debug, Default)]
pub(crate) struct Blk {
    pub stmts: Vec<Stmt>,
    pub depth: u32,
}

pub(crate) fn sp(l: usize, r: usize) -> Span {
    Span::new(l, r)
}

/// Checks a new node's depth (its deepest child's plus one).
pub(crate) fn checked(child_depth: u32, span: Span) -> PResult<u32> {
    let d = child_depth.saturating_add(1);
    if d > MAX_DEPTH {
        return fail(K::TooDeep, span);
    }
    Ok(d)
}

/// What an expression inside brackets adds to the depth. CPython's parser gives up with
/// `MemoryError` after 6,000 levels of its own stack, and each bracket costs it about
/// eighteen (an unary operator two): 150 nested `(` leave room for about 1,785 `-` where
/// no brackets allow 2,992. Counting a bracket as nine nodes keeps every tree apy
/// accepts within what CPython accepts.
pub(crate) const BRACKET_COST: u32 = 9;

/// What call arguments and subscripts add: CPython's parser spends about eight levels
/// on them.
pub(crate) const ARGUMENT_COST: u32 = 4;

/// The depth of what is written inside brackets costing `cost`.
pub(crate) fn inside(depth: u32, cost: u32) -> u32 {
    depth.saturating_add(cost)
}

pub(crate) fn node(kind: ExprKind, span: Span, child_depth: u32) -> PResult<Ex> {
    let depth = checked(child_depth, span)?;
    Ok(Ex {
        e: Expr::new(kind, span),
        depth,
        parens: false,
    })
}

pub(crate) fn leaf(kind: ExprKind, span: Span) -> Ex {
    Ex {
        e: Expr::new(kind, span),
        depth: 1,
        parens: false,
    }
}

pub(crate) fn max_depth<'a>(items: impl IntoIterator<Item = &'a Ex>) -> u32 {
    items.into_iter().map(|x| x.depth).max().unwrap_or(0)
}

impl Ex {
    pub(crate) fn boxed(self) -> Box<Expr> {
        Box::new(self.e)
    }
}

impl ExList {
    pub(crate) fn single(e: Ex) -> ExList {
        let span = e.e.span;
        ExList {
            items: vec![e],
            trailing_comma: false,
            span,
        }
    }

    pub(crate) fn is_tuple(&self) -> bool {
        self.items.len() != 1 || self.trailing_comma
    }

    /// The expression this list denotes.
    pub(crate) fn into_ex(mut self) -> PResult<Ex> {
        if !self.is_tuple() {
            if let Some(e) = self.items.pop() {
                return Ok(e);
            }
        }
        let d = max_depth(&self.items);
        let elts = self.items.into_iter().map(|x| x.e).collect();
        node(ExprKind::Tuple(elts), self.span, d)
    }
}

// ---- atoms ----

pub(crate) fn name(l: usize, n: String, r: usize) -> Ex {
    leaf(ExprKind::Name(n), sp(l, r))
}

pub(crate) fn ident(l: usize, n: String, r: usize) -> Ident {
    Ident {
        name: n,
        span: sp(l, r),
    }
}

pub(crate) fn constant(l: usize, c: Constant, r: usize) -> Ex {
    leaf(ExprKind::Constant(c), sp(l, r))
}

pub(crate) fn int(l: usize, v: BigInt, r: usize) -> Ex {
    constant(l, Constant::Int(v), r)
}

pub(crate) fn imaginary(l: usize, r: usize) -> PResult<Ex> {
    fail(K::Unsupported("complex (imaginary) literals"), sp(l, r))
}

/// `( ... )` holding one expression (a group) or a tuple.
pub(crate) fn paren(l: usize, mut items: Vec<Ex>, trailing_comma: bool, r: usize) -> PResult<Ex> {
    if items.len() == 1 && !trailing_comma {
        let mut e = items.pop().expect("one item");
        if let ExprKind::Starred(_) = e.e.kind {
            return fail(K::StarredHere, e.e.span);
        }
        e.parens = true;
        e.depth = checked(inside(e.depth, BRACKET_COST - 1), e.e.span)?;
        return Ok(e);
    }
    let d = inside(max_depth(&items), BRACKET_COST);
    let mut t = node(
        ExprKind::Tuple(items.into_iter().map(|x| x.e).collect()),
        sp(l, r),
        d,
    )?;
    t.parens = true;
    Ok(t)
}

pub(crate) fn paren_yield(mut e: Ex) -> Ex {
    e.parens = true;
    e
}

pub(crate) fn empty_tuple(l: usize, r: usize) -> Ex {
    let mut t = leaf(ExprKind::Tuple(Vec::new()), sp(l, r));
    t.parens = true;
    t
}

// ---- operators ----

pub(crate) fn boolop(op: BoolOp, first: Ex, rest: Vec<Ex>, l: usize, r: usize) -> PResult<Ex> {
    let d = first.depth.max(max_depth(&rest));
    let mut values = Vec::with_capacity(rest.len() + 1);
    values.push(first.e);
    values.extend(rest.into_iter().map(|x| x.e));
    node(ExprKind::BoolOp { op, values }, sp(l, r), d)
}

pub(crate) fn unary(op: UnaryOp, operand: Ex, l: usize, r: usize) -> PResult<Ex> {
    let d = operand.depth;
    node(
        ExprKind::UnaryOp {
            op,
            operand: operand.boxed(),
        },
        sp(l, r),
        d,
    )
}

pub(crate) fn binop(left: Ex, op: BinOp, right: Ex, l: usize, r: usize) -> PResult<Ex> {
    let d = left.depth.max(right.depth);
    node(
        ExprKind::BinOp {
            left: left.boxed(),
            op,
            right: right.boxed(),
        },
        sp(l, r),
        d,
    )
}

pub(crate) fn compare(left: Ex, rest: Vec<(CmpOp, Ex)>, l: usize, r: usize) -> PResult<Ex> {
    let d = left
        .depth
        .max(rest.iter().map(|(_, x)| x.depth).max().unwrap_or(0));
    let (ops, comparators) = rest.into_iter().map(|(o, x)| (o, x.e)).unzip();
    node(
        ExprKind::Compare {
            left: left.boxed(),
            ops,
            comparators,
        },
        sp(l, r),
        d,
    )
}

pub(crate) fn await_(l: usize, e: Ex, r: usize) -> PResult<Ex> {
    let d = e.depth;
    node(ExprKind::Await(e.boxed()), sp(l, r), d)
}

pub(crate) fn attribute(value: Ex, attr: Ident, l: usize, r: usize) -> PResult<Ex> {
    let d = value.depth;
    node(
        ExprKind::Attribute {
            value: value.boxed(),
            attr,
        },
        sp(l, r),
        d,
    )
}

pub(crate) fn subscript(value: Ex, slice: Ex, l: usize, r: usize) -> PResult<Ex> {
    let d = value.depth.max(inside(slice.depth, ARGUMENT_COST));
    node(
        ExprKind::Subscript {
            value: value.boxed(),
            slice: slice.boxed(),
        },
        sp(l, r),
        d,
    )
}

/// The inside of `[...]`: one item, or a tuple of items (slices allowed in it).
pub(crate) fn subscript_items(
    mut items: Vec<Ex>,
    trailing_comma: bool,
    l: usize,
    r: usize,
) -> PResult<Ex> {
    // `a[*b]` is a tuple (PEP 646): only a plain slice or expression stands alone.
    let starred = matches!(items.first().map(|x| &x.e.kind), Some(ExprKind::Starred(_)));
    if items.len() == 1 && !trailing_comma && !starred {
        return Ok(items.pop().expect("one item"));
    }
    let d = max_depth(&items);
    node(
        ExprKind::Tuple(items.into_iter().map(|x| x.e).collect()),
        sp(l, r),
        d,
    )
}

pub(crate) fn slice(
    lower: Option<Ex>,
    upper: Option<Ex>,
    step: Option<Option<Ex>>,
    l: usize,
    r: usize,
) -> PResult<Ex> {
    let step = step.flatten();
    let d = [&lower, &upper, &step]
        .iter()
        .filter_map(|x| x.as_ref())
        .map(|x| x.depth)
        .max()
        .unwrap_or(0);
    node(
        ExprKind::Slice {
            lower: lower.map(Ex::boxed),
            upper: upper.map(Ex::boxed),
            step: step.map(Ex::boxed),
        },
        sp(l, r),
        d,
    )
}

pub(crate) fn starred(l: usize, e: Ex, r: usize) -> PResult<Ex> {
    let d = e.depth;
    node(ExprKind::Starred(e.boxed()), sp(l, r), d)
}

pub(crate) fn ifexp(body: Ex, test: Ex, orelse: Ex, l: usize, r: usize) -> PResult<Ex> {
    let d = body.depth.max(test.depth).max(orelse.depth);
    node(
        ExprKind::IfExp {
            test: test.boxed(),
            body: body.boxed(),
            orelse: orelse.boxed(),
        },
        sp(l, r),
        d,
    )
}

pub(crate) fn yield_(value: Option<ExList>, l: usize, r: usize) -> PResult<Ex> {
    match value {
        None => Ok(leaf(ExprKind::Yield(None), sp(l, r))),
        Some(v) => {
            let v = v.into_ex()?;
            let d = v.depth;
            node(ExprKind::Yield(Some(v.boxed())), sp(l, r), d)
        }
    }
}

pub(crate) fn yield_from(e: Ex, l: usize, r: usize) -> PResult<Ex> {
    let d = e.depth;
    node(ExprKind::YieldFrom(e.boxed()), sp(l, r), d)
}

/// `target := value`; CPython only allows a plain name on the left.
pub(crate) fn named(target: Ex, value: Ex, l: usize, r: usize) -> PResult<Ex> {
    match target.e.kind {
        ExprKind::Name(n) if !target.parens => {
            let d = value.depth;
            let target = Ident {
                name: n,
                span: target.e.span,
            };
            node(
                ExprKind::NamedExpr {
                    target,
                    value: value.boxed(),
                },
                sp(l, r),
                d,
            )
        }
        _ => fail(
            K::WalrusTarget(super::targets::expr_name(&target.e)),
            target.e.span,
        ),
    }
}

/// `lambda params: body`.
pub(crate) fn lambda(
    ctx: &ParseContext<'_>,
    args: Option<(Arguments, u32)>,
    body: Ex,
    l: usize,
    r: usize,
) -> PResult<Ex> {
    let (args, d_args) = args.unwrap_or_default();
    let d = body.depth.max(d_args);
    let scope = ctx.new_scope();
    node(
        ExprKind::Lambda {
            args: Box::new(args),
            body: body.boxed(),
            scope,
        },
        sp(l, r),
        d,
    )
}

/// What one run of the parser produced.
pub(crate) enum Parsed {
    Module(Blk),
    Field(ExList),
}

pub(crate) fn exlist(items: Vec<Ex>, trailing_comma: bool, l: usize, r: usize) -> ExList {
    ExList {
        items,
        trailing_comma,
        span: sp(l, r),
    }
}

/// `lhs = rhs` where a (named) expression was expected, e.g. `if x = 1:`.
pub(crate) fn equals_in_expression(lhs: Ex, rhs: Ex, eq_at: usize) -> PResult<Ex> {
    let rhs = ExList::single(rhs);
    match super::targets::equals_instead_of_eq(&lhs, &rhs, false) {
        Some((kind, span)) => fail(kind, span),
        None => fail(K::InvalidSyntax, sp(eq_at, eq_at + 1)),
    }
}

/// `f(a=1 for x in y)`.
pub(crate) fn keyword_genexp(k: Ex) -> PResult<ArgItemNever> {
    if matches!(k.e.kind, ExprKind::Name(_)) && !k.parens {
        return fail(K::MaybeEquality, k.e.span);
    }
    fail(K::KeywordNotName, k.e.span)
}

/// The result type of an action that always fails.
pub(crate) type ArgItemNever = super::args::ArgItem;
