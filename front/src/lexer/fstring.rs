//! Splitting an f-string token into literal text and replacement fields.
//!
//! Python 3.11 lexes a whole f-string as one token and splits it afterwards
//! (`fstring_find_literal` / `fstring_find_expr` in CPython's `string_parser.c`); this is
//! a transcription of those, with the same error wording. Field expressions are left as
//! byte spans of the source: the parser parses them, so that their nodes carry absolute
//! positions. Recursion here is bounded: format specs nest at most two levels.

use super::error::{FStringErrorKind, LexErrorKind};
use super::strings::{decode_str, normalize_newlines};
use super::token::{FStringField, FStringPiece};
use crate::source::Span;

/// CPython's limit on brackets inside one field expression.
const MAX_FIELD_BRACKETS: usize = 200;

type SplitResult<T> = Result<T, LexErrorKind>;

fn err<T>(kind: FStringErrorKind) -> SplitResult<T> {
    Err(LexErrorKind::FString(kind))
}

struct Splitter<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    end: usize,
    raw: bool,
}

/// Splits the body `body` (between the quotes) of an f-string.
pub(crate) fn split_fstring(
    src: &str,
    body: std::ops::Range<usize>,
    raw: bool,
) -> SplitResult<Vec<FStringPiece>> {
    let mut sp = Splitter {
        src,
        bytes: src.as_bytes(),
        pos: body.start,
        end: body.end,
        raw,
    };
    sp.parse(0)
}

fn push_literal(pieces: &mut Vec<FStringPiece>, text: String) {
    if text.is_empty() {
        return;
    }
    if let Some(FStringPiece::Literal(last)) = pieces.last_mut() {
        last.push_str(&text);
    } else {
        pieces.push(FStringPiece::Literal(text));
    }
}

impl Splitter<'_> {
    fn at(&self, i: usize) -> u8 {
        if i < self.end {
            self.bytes[i]
        } else {
            0
        }
    }

    /// `fstring_parse` / `_PyPegen_FstringParser_ConcatFstring`: literals and fields
    /// until the end of the string (level 0) or the `}` closing a format spec.
    fn parse(&mut self, level: u32) -> SplitResult<Vec<FStringPiece>> {
        let mut pieces = Vec::new();
        loop {
            let (literal, doubled) = self.find_literal(level)?;
            if let Some(text) = literal {
                push_literal(&mut pieces, text);
            }
            if doubled {
                continue;
            }
            if self.pos >= self.end || self.at(self.pos) == b'}' {
                break;
            }
            let field = self.find_expr(level)?;
            pieces.push(FStringPiece::Field(field));
        }
        if level != 0 && self.at(self.pos) != b'}' {
            return err(FStringErrorKind::ExpectingBrace);
        }
        Ok(pieces)
    }

    /// Literal text up to an undoubled `{` (or a `}` in a format spec). Returns the
    /// decoded text and whether it stopped at a doubled brace (which it consumed).
    fn find_literal(&mut self, level: u32) -> SplitResult<(Option<String>, bool)> {
        let start = self.pos;
        let mut s = self.pos;
        let mut doubled = false;
        let mut literal_end = None;
        while s < self.end {
            let mut ch = self.bytes[s];
            s += 1;
            if !self.raw && ch == b'\\' && s < self.end {
                ch = self.bytes[s];
                s += 1;
                if ch == b'N' {
                    // Skip `\N{...}` so its braces are not taken for a field.
                    if s < self.end {
                        let c = self.bytes[s];
                        s += 1;
                        if c == b'{' {
                            while s < self.end {
                                let c = self.bytes[s];
                                s += 1;
                                if c == b'}' {
                                    break;
                                }
                            }
                        }
                    }
                    continue;
                }
            }
            if ch == b'{' || ch == b'}' {
                if level == 0 {
                    if s < self.end && self.bytes[s] == ch {
                        literal_end = Some(s);
                        self.pos = s + 1;
                        doubled = true;
                        break;
                    }
                    if ch == b'}' {
                        self.pos = s - 1;
                        return err(FStringErrorKind::SingleClosingBrace);
                    }
                }
                s -= 1;
                break;
            }
        }
        let lit_end = match literal_end {
            Some(e) => e,
            None => {
                self.pos = s;
                s
            }
        };
        if lit_end == start {
            return Ok((None, doubled));
        }
        let text = &self.src[start..lit_end];
        let decoded = if self.raw {
            normalize_newlines(text).into_owned()
        } else {
            decode_str(text)?
        };
        Ok((Some(decoded), doubled))
    }

    /// A `{...}` field; `self.pos` is at the `{`.
    fn find_expr(&mut self, level: u32) -> SplitResult<FStringField> {
        if level >= 2 {
            return err(FStringErrorKind::NestedTooDeeply);
        }
        self.pos += 1;
        let expr_start = self.pos;
        let mut quote: u8 = 0;
        let mut triple = false;
        let mut stack: Vec<u8> = Vec::new();
        while self.pos < self.end {
            let ch = self.bytes[self.pos];
            if ch == b'\\' {
                return Err(LexErrorKind::FStringBackslash);
            }
            if quote != 0 {
                if ch == quote {
                    if triple {
                        if self.pos + 2 < self.end
                            && self.at(self.pos + 1) == ch
                            && self.at(self.pos + 2) == ch
                        {
                            self.pos += 3;
                            quote = 0;
                            triple = false;
                            continue;
                        }
                    } else {
                        quote = 0;
                    }
                }
                self.pos += 1;
                continue;
            }
            match ch {
                b'\'' | b'"' => {
                    if self.pos + 2 < self.end
                        && self.at(self.pos + 1) == ch
                        && self.at(self.pos + 2) == ch
                    {
                        triple = true;
                        self.pos += 2;
                    }
                    quote = ch;
                }
                b'[' | b'{' | b'(' => {
                    if stack.len() >= MAX_FIELD_BRACKETS {
                        return err(FStringErrorKind::TooManyParentheses);
                    }
                    stack.push(ch);
                }
                b'#' => return Err(LexErrorKind::FStringComment),
                b'!' | b':' | b'}' | b'=' | b'>' | b'<' if stack.is_empty() => {
                    let next = self.at(self.pos + 1);
                    if self.pos + 1 < self.end
                        && next == b'='
                        && matches!(ch, b'!' | b'=' | b'<' | b'>')
                    {
                        self.pos += 2;
                        continue;
                    }
                    if ch != b'>' && ch != b'<' {
                        break;
                    }
                }
                b']' | b'}' | b')' => {
                    let Some(open) = stack.pop() else {
                        return err(FStringErrorKind::Unmatched(ch as char));
                    };
                    let matches = matches!((open, ch), (b'(', b')') | (b'[', b']') | (b'{', b'}'));
                    if !matches {
                        return err(FStringErrorKind::Mismatched {
                            close: ch as char,
                            open: open as char,
                        });
                    }
                }
                _ => {}
            }
            self.pos += 1;
        }
        let expr_end = self.pos;
        if quote != 0 {
            return err(FStringErrorKind::UnterminatedString);
        }
        if let Some(&open) = stack.last() {
            return err(FStringErrorKind::Unmatched(open as char));
        }
        if self.pos >= self.end {
            return err(FStringErrorKind::ExpectingBrace);
        }
        // `fstring_compile_expr`'s emptiness check.
        let blank = self.bytes[expr_start..expr_end]
            .iter()
            .all(|&c| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0c));
        if blank {
            let next = self.bytes[expr_end];
            if matches!(next, b'!' | b':' | b'=') {
                return err(FStringErrorKind::ExpressionRequiredBefore(next as char));
            }
            return err(FStringErrorKind::EmptyExpression);
        }
        let mut field = FStringField {
            expr: Span::new(expr_start, expr_end),
            debug_text: None,
            conversion: None,
            format_spec: None,
        };
        if self.at(self.pos) == b'=' {
            self.pos += 1;
            while self.pos < self.end
                && matches!(
                    self.bytes[self.pos],
                    b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c
                )
            {
                self.pos += 1;
            }
            if self.pos >= self.end {
                return err(FStringErrorKind::ExpectingBrace);
            }
            field.debug_text =
                Some(normalize_newlines(&self.src[expr_start..self.pos]).into_owned());
        }
        if self.at(self.pos) == b'!' {
            self.pos += 1;
            if self.pos >= self.end {
                return err(FStringErrorKind::ExpectingBrace);
            }
            // The conversion is one character, possibly non-ASCII (which is invalid).
            let conv = self.src[self.pos..self.end].chars().next().unwrap_or('\0');
            self.pos += conv.len_utf8();
            if !matches!(conv, 's' | 'r' | 'a') {
                return err(FStringErrorKind::InvalidConversion);
            }
            field.conversion = Some(conv);
        }
        if self.pos < self.end && self.bytes[self.pos] == b':' {
            self.pos += 1;
            if self.pos >= self.end {
                return err(FStringErrorKind::ExpectingBrace);
            }
            field.format_spec = Some(self.parse(level + 1)?);
        }
        if self.pos >= self.end || self.bytes[self.pos] != b'}' {
            return err(FStringErrorKind::ExpectingBrace);
        }
        self.pos += 1;
        if field.debug_text.is_some() && field.format_spec.is_none() && field.conversion.is_none() {
            field.conversion = Some('r');
        }
        Ok(field)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(body: &str) -> SplitResult<Vec<FStringPiece>> {
        split_fstring(body, 0..body.len(), false)
    }

    fn msg(body: &str) -> String {
        split(body).unwrap_err().to_string()
    }

    #[test]
    fn literals_and_fields() {
        let p = split("a{{b}}{x!r:>{w}}\\t").unwrap();
        assert_eq!(p.len(), 3);
        assert_eq!(p[0], FStringPiece::Literal("a{b}".into()));
        let FStringPiece::Field(f) = &p[1] else {
            panic!()
        };
        assert_eq!(f.expr, Span::new(7, 8));
        assert_eq!(f.conversion, Some('r'));
        let spec = f.format_spec.as_ref().unwrap();
        assert_eq!(spec[0], FStringPiece::Literal(">".into()));
        assert_eq!(p[2], FStringPiece::Literal("\t".into()));
    }

    #[test]
    fn debug_form() {
        let p = split("{x = }").unwrap();
        let FStringPiece::Field(f) = &p[0] else {
            panic!()
        };
        assert_eq!(f.debug_text.as_deref(), Some("x = "));
        assert_eq!(f.conversion, Some('r'));
        let p = split("{x=:>10}").unwrap();
        let FStringPiece::Field(f) = &p[0] else {
            panic!()
        };
        assert_eq!(f.conversion, None);
        let p = split("{a!=b}").unwrap();
        let FStringPiece::Field(f) = &p[0] else {
            panic!()
        };
        assert_eq!(f.expr, Span::new(1, 5));
    }

    #[test]
    fn errors_worded_like_cpython() {
        assert_eq!(msg("{}"), "f-string: empty expression not allowed");
        assert_eq!(msg("{ }"), "f-string: empty expression not allowed");
        assert_eq!(msg("{!r}"), "f-string: expression required before '!'");
        assert_eq!(msg("{a)}"), "f-string: unmatched ')'");
        assert_eq!(
            msg("{(a]}"),
            "f-string: closing parenthesis ']' does not match opening parenthesis '('"
        );
        assert_eq!(msg("{a"), "f-string: expecting '}'");
        assert_eq!(
            msg("{a!}"),
            "f-string: invalid conversion character: expected 's', 'r', or 'a'"
        );
        assert_eq!(msg("{a!rr}"), "f-string: expecting '}'");
        assert_eq!(msg("}"), "f-string: single '}' is not allowed");
        assert_eq!(msg("{a#}"), "f-string expression part cannot include '#'");
        assert_eq!(
            msg("{a\\n}"),
            "f-string expression part cannot include a backslash"
        );
        assert_eq!(
            msg("{a:{b:{c}}}"),
            "f-string: expressions nested too deeply"
        );
        assert_eq!(msg("{'a}"), "f-string: unterminated string");
        assert_eq!(msg("{x:{}}"), "f-string: empty expression not allowed");
    }
}
