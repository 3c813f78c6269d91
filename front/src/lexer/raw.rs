//! The raw token shapes, recognised by logos.
//!
//! Logos finds where each token ends; everything CPython-specific (indentation, bracket
//! depth, keyword lookup, literal decoding and their error messages) happens in the
//! layers above, which see the raw shapes through [`Raw`]. Numbers and strings are
//! scanned by hand-written callbacks because their end depends on rules (escapes,
//! underscores, quote runs) a regular expression cannot state with CPython's errors.

use super::error::LexErrorKind;
use super::numbers::{scan_number, NumKind};
use super::strings::{scan_string, StringExtent, Unterminated};
use logos::Logos;

/// What went wrong inside a raw token's callback (or no pattern matched at all).
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) enum RawError {
    /// No token starts with this character.
    #[default]
    NoMatch,
    /// A malformed number; the offset CPython points at.
    Number(usize, LexErrorKind),
    Unterminated(Unterminated),
}

#[derive(Logos, Clone, Copy, Debug, PartialEq)]
#[logos(error = RawError)]
#[logos(skip r"[ \t\x0C]+")]
#[logos(skip(r"#[^\r\n]*", allow_greedy = true))]
pub(crate) enum Raw {
    #[regex(r"\r\n|\r|\n")]
    Newline,
    /// A backslash-newline: joins two physical lines.
    #[regex(r"\\(\r\n|\r|\n)")]
    Continuation,
    /// A backslash not followed by a newline: always an error.
    #[token("\\")]
    Backslash,

    /// An identifier or keyword; may contain any non-ASCII character at this stage
    /// (validity is checked afterwards, as CPython does).
    #[regex("[A-Za-z_]", name_tail)]
    #[regex(r"[^\x00-\x7F]", name_tail)]
    Name,

    #[regex("[0-9]", number)]
    #[regex(r"\.[0-9]", number)]
    Number(NumKind),

    /// A string literal with its optional prefix; the extent covers the whole literal.
    #[regex(r#"([rRuUbBfF]|[bB][rR]|[rR][bB]|[fF][rR]|[rR][fF])?['"]"#, string)]
    Str(StringExtent),

    #[token("+")]
    Plus,
    #[token("-")]
    Minus,
    #[token("*")]
    Star,
    #[token("**")]
    DoubleStar,
    #[token("/")]
    Slash,
    #[token("//")]
    DoubleSlash,
    #[token("%")]
    Percent,
    #[token("@")]
    At,
    #[token("<<")]
    LeftShift,
    #[token(">>")]
    RightShift,
    #[token("&")]
    Amper,
    #[token("|")]
    Vbar,
    #[token("^")]
    Circumflex,
    #[token("~")]
    Tilde,
    #[token(":=")]
    ColonEqual,
    #[token("<")]
    Less,
    #[token(">")]
    Greater,
    #[token("<=")]
    LessEqual,
    #[token(">=")]
    GreaterEqual,
    #[token("==")]
    EqEqual,
    #[token("!=")]
    NotEqual,
    /// A lone `!`: not a Python token.
    #[token("!")]
    Bang,
    #[token("(")]
    Lpar,
    #[token(")")]
    Rpar,
    #[token("[")]
    Lsqb,
    #[token("]")]
    Rsqb,
    #[token("{")]
    Lbrace,
    #[token("}")]
    Rbrace,
    #[token(",")]
    Comma,
    #[token(":")]
    Colon,
    #[token(".")]
    Dot,
    #[token(";")]
    Semi,
    #[token("=")]
    Equal,
    #[token("->")]
    Rarrow,
    #[token("+=")]
    PlusEqual,
    #[token("-=")]
    MinEqual,
    #[token("*=")]
    StarEqual,
    #[token("/=")]
    SlashEqual,
    #[token("//=")]
    DoubleSlashEqual,
    #[token("%=")]
    PercentEqual,
    #[token("@=")]
    AtEqual,
    #[token("&=")]
    AmperEqual,
    #[token("|=")]
    VbarEqual,
    #[token("^=")]
    CircumflexEqual,
    #[token(">>=")]
    RightShiftEqual,
    #[token("<<=")]
    LeftShiftEqual,
    #[token("**=")]
    DoubleStarEqual,
    #[token("...")]
    Ellipsis,
}

/// Extends a name over every following identifier character (CPython accepts any
/// non-ASCII character here and validates the whole name afterwards).
fn name_tail(lex: &mut logos::Lexer<'_, Raw>) {
    let rest = lex.remainder().as_bytes();
    let n = rest
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80))
        .unwrap_or(rest.len());
    lex.bump(n);
}

fn number(lex: &mut logos::Lexer<'_, Raw>) -> Result<NumKind, RawError> {
    let start = lex.span().start;
    let src = lex.source().as_bytes();
    match scan_number(src, start) {
        Ok((end, kind)) => {
            let matched = lex.span().end;
            if end >= matched {
                lex.bump(end - matched);
                Ok(kind)
            } else {
                // Only `.5`-style starts can end before the match end; they never do.
                Err(RawError::Number(
                    start,
                    LexErrorKind::InvalidNumber("decimal"),
                ))
            }
        }
        Err((pos, kind)) => Err(RawError::Number(pos, kind)),
    }
}

fn string(lex: &mut logos::Lexer<'_, Raw>) -> Result<StringExtent, RawError> {
    let quote_pos = lex.span().end - 1;
    match scan_string(lex.source().as_bytes(), quote_pos) {
        Ok(extent) => {
            lex.bump(extent.end - lex.span().end);
            Ok(extent)
        }
        Err(u) => Err(RawError::Unterminated(u)),
    }
}
