//! Adjacent string literals: concatenation into one constant, or into an f-string whose
//! field expressions are parsed here (each with a nested run of the parser over the
//! field's text, as CPython 3.11 does).

use super::actions::{node, sp, Ex};
use super::context::ParseContext;
use super::errors::{fail, PResult, SyntaxErrorKind as K};
use crate::ast::*;
use crate::lexer::{FStringPiece, StringLiteral};

/// One string token with its span.
pub(crate) type StrTok = (usize, StringLiteral, usize);

pub(crate) fn strings(
    ctx: &ParseContext<'_>,
    parts: Vec<StrTok>,
    l: usize,
    r: usize,
) -> PResult<Ex> {
    let span = sp(l, r);
    let bytes = parts
        .iter()
        .filter(|(_, s, _)| matches!(s, StringLiteral::Bytes(_)))
        .count();
    if bytes != 0 && bytes != parts.len() {
        return fail(K::MixedBytes, span);
    }
    if bytes != 0 {
        let mut out = Vec::new();
        for (_, s, _) in parts {
            if let StringLiteral::Bytes(b) = s {
                out.extend(b);
            }
        }
        return Ok(super::actions::constant(l, Constant::Bytes(out), r));
    }
    let has_f = parts
        .iter()
        .any(|(_, s, _)| matches!(s, StringLiteral::FString(_)));
    if !has_f {
        let mut out = String::new();
        for (_, s, _) in parts {
            if let StringLiteral::Str(t) = s {
                if out.is_empty() {
                    out = t;
                } else {
                    out.push_str(&t);
                }
            }
        }
        return Ok(super::actions::constant(l, Constant::Str(out), r));
    }
    let mut out: Vec<FStringPart> = Vec::new();
    let mut depth = 0;
    for (_, s, _) in parts {
        match s {
            StringLiteral::Str(t) => push_literal(&mut out, t),
            StringLiteral::FString(pieces) => depth = depth.max(convert(ctx, pieces, &mut out)?),
            StringLiteral::Bytes(_) => {}
        }
    }
    node(ExprKind::FString(out), span, depth)
}

fn push_literal(out: &mut Vec<FStringPart>, text: String) {
    if text.is_empty() {
        return;
    }
    if let Some(FStringPart::Literal(last)) = out.last_mut() {
        last.push_str(&text);
    } else {
        out.push(FStringPart::Literal(text));
    }
}

/// Converts lexer pieces to AST parts, parsing field expressions. Returns the depth.
/// Recursion is bounded: the lexer allows format specs two levels deep at most.
fn convert(
    ctx: &ParseContext<'_>,
    pieces: Vec<FStringPiece>,
    out: &mut Vec<FStringPart>,
) -> PResult<u32> {
    let mut depth = 0;
    for piece in pieces {
        match piece {
            FStringPiece::Literal(t) => push_literal(out, t),
            FStringPiece::Field(f) => {
                if let Some(text) = f.debug_text {
                    push_literal(out, text);
                }
                let value = super::parse_field(ctx, f.expr)?;
                depth = depth.max(value.depth);
                let format_spec = match f.format_spec {
                    Some(spec) => {
                        let mut parts = Vec::new();
                        depth = depth.max(convert(ctx, spec, &mut parts)?);
                        Some(parts)
                    }
                    None => None,
                };
                out.push(FStringPart::Field(FormattedValue {
                    value: value.boxed(),
                    conversion: f.conversion,
                    format_spec,
                }));
            }
        }
    }
    Ok(depth.saturating_add(1))
}
