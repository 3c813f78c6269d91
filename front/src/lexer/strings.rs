//! String and bytes literals: finding where a literal ends, and decoding its body.
//!
//! Decoding follows CPython 3.11 (`decode_unicode_with_escapes` feeding the
//! `unicode_escape` codec, and `_PyBytes_DecodeEscape`): unknown escapes are kept as
//! written, octal escapes above `\377` are accepted, and error messages report positions
//! in the intermediate buffer CPython builds (each non-ASCII character counts as the ten
//! bytes of its `\UXXXXXXXX` spelling), because that is what its message says.

use super::error::LexErrorKind;
use super::unicode_names::lookup_name;

/// The letters before the opening quote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Prefix {
    pub raw: bool,
    pub bytes: bool,
    pub fstring: bool,
}

impl Prefix {
    pub(crate) fn parse(letters: &str) -> Prefix {
        let mut p = Prefix::default();
        for c in letters.chars() {
            match c {
                'r' | 'R' => p.raw = true,
                'b' | 'B' => p.bytes = true,
                'f' | 'F' => p.fstring = true,
                _ => {}
            }
        }
        p
    }
}

/// Where a string literal's parts are, as byte offsets into the source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct StringExtent {
    /// First byte after the opening quote(s).
    pub body_start: usize,
    /// First byte of the closing quote(s).
    pub body_end: usize,
    /// First byte after the literal.
    pub end: usize,
}

/// An unterminated literal: where the scan gave up and whether it was triple-quoted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Unterminated {
    pub detected_at: usize,
    pub triple: bool,
}

/// Finds the end of the literal whose opening quote is at `quote_pos` (CPython's
/// `letter_quote` loop: a backslash skips the next character, a single-quoted literal
/// may not contain a newline).
pub(crate) fn scan_string(s: &[u8], quote_pos: usize) -> Result<StringExtent, Unterminated> {
    let quote = s[quote_pos];
    let triple = s.get(quote_pos + 1) == Some(&quote) && s.get(quote_pos + 2) == Some(&quote);
    if !triple && s.get(quote_pos + 1) == Some(&quote) {
        return Ok(StringExtent {
            body_start: quote_pos + 1,
            body_end: quote_pos + 1,
            end: quote_pos + 2,
        });
    }
    let quote_size = if triple { 3 } else { 1 };
    let body_start = quote_pos + quote_size;
    let mut i = body_start;
    let mut run = 0;
    loop {
        let Some(&c) = s.get(i) else {
            return Err(Unterminated {
                detected_at: s.len(),
                triple,
            });
        };
        if !triple && (c == b'\n' || c == b'\r') {
            return Err(Unterminated {
                detected_at: i,
                triple,
            });
        }
        i += 1;
        if c == quote {
            run += 1;
            if run == quote_size {
                return Ok(StringExtent {
                    body_start,
                    body_end: i - quote_size,
                    end: i,
                });
            }
        } else {
            run = 0;
            if c == b'\\' {
                match s.get(i) {
                    Some(b'\r') if s.get(i + 1) == Some(&b'\n') => i += 2,
                    Some(_) => i += 1,
                    None => {}
                }
            }
        }
    }
}

/// Replaces `\r\n` and lone `\r` by `\n`, as CPython's newline translation does before
/// tokenizing.
pub(crate) fn normalize_newlines(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('\r') {
        return text.into();
    }
    text.replace("\r\n", "\n").replace('\r', "\n").into()
}

/// Size of a character in CPython's intermediate escape buffer.
fn virtual_len(c: char) -> usize {
    if c.is_ascii() {
        1
    } else {
        10
    }
}

/// Decodes a non-raw `str` literal body (or an f-string literal segment).
pub(crate) fn decode_str(body: &str) -> Result<String, LexErrorKind> {
    if !body.contains(['\\', '\r']) {
        return Ok(body.to_owned());
    }
    let mut out = String::with_capacity(body.len());
    let mut it = body.char_indices().peekable();
    // Position in CPython's intermediate buffer, for error messages.
    let mut vpos = 0usize;
    while let Some((_, c)) = it.next() {
        if c == '\r' {
            if matches!(it.peek(), Some((_, '\n'))) {
                it.next();
            }
            out.push('\n');
            vpos += 1;
            continue;
        }
        if c != '\\' {
            out.push(c);
            vpos += virtual_len(c);
            continue;
        }
        let start = vpos;
        vpos += 1;
        let Some((_, e)) = it.next() else {
            // A trailing backslash (only possible in an f-string segment) stays literal.
            out.push('\\');
            break;
        };
        if !e.is_ascii() {
            // CPython writes `\u005c` before a non-ASCII character: a kept backslash.
            out.push('\\');
            out.push(e);
            vpos += 5 + 10;
            continue;
        }
        vpos += 1;
        match e {
            '\n' => {}
            '\r' => {
                if matches!(it.peek(), Some((_, '\n'))) {
                    it.next();
                }
            }
            '\\' => out.push('\\'),
            '\'' => out.push('\''),
            '"' => out.push('"'),
            'b' => out.push('\u{8}'),
            'f' => out.push('\u{c}'),
            't' => out.push('\t'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            'v' => out.push('\u{b}'),
            'a' => out.push('\u{7}'),
            '0'..='7' => {
                let mut value = e as u32 - '0' as u32;
                for _ in 0..2 {
                    match it.peek() {
                        Some(&(_, d @ '0'..='7')) => {
                            value = value * 8 + (d as u32 - '0' as u32);
                            it.next();
                            vpos += 1;
                        }
                        _ => break,
                    }
                }
                out.push(char::from_u32(value).unwrap_or('\u{FFFD}'));
            }
            'x' | 'u' | 'U' => {
                let (count, reason) = match e {
                    'x' => (2, "truncated \\xXX escape"),
                    'u' => (4, "truncated \\uXXXX escape"),
                    _ => (8, "truncated \\UXXXXXXXX escape"),
                };
                let mut value: u32 = 0;
                for _ in 0..count {
                    match it.peek().and_then(|&(_, d)| d.to_digit(16)) {
                        Some(d) => {
                            value = value.wrapping_shl(4) | d;
                            it.next();
                            vpos += 1;
                        }
                        None => {
                            return Err(LexErrorKind::UnicodeEscape {
                                start,
                                end: vpos - 1,
                                reason,
                            });
                        }
                    }
                }
                if value > 0x10FFFF {
                    return Err(LexErrorKind::UnicodeEscape {
                        start,
                        end: vpos - 1,
                        reason: "illegal Unicode character",
                    });
                }
                // Lone surrogates cannot live in a Rust string.
                out.push(char::from_u32(value).unwrap_or('\u{FFFD}'));
            }
            'N' => {
                let malformed = "malformed \\N character escape";
                if !matches!(it.peek(), Some((_, '{'))) {
                    return Err(LexErrorKind::UnicodeEscape {
                        start,
                        end: vpos - 1,
                        reason: malformed,
                    });
                }
                it.next();
                vpos += 1;
                let mut name = String::new();
                let mut closed = false;
                while let Some(&(_, n)) = it.peek() {
                    if n == '}' {
                        closed = true;
                        break;
                    }
                    name.push(n);
                    vpos += virtual_len(n);
                    it.next();
                }
                if !closed || name.is_empty() {
                    return Err(LexErrorKind::UnicodeEscape {
                        start,
                        end: vpos - 1,
                        reason: malformed,
                    });
                }
                it.next();
                vpos += 1;
                match lookup_name(&name) {
                    Some(ch) => out.push(ch),
                    None => {
                        return Err(LexErrorKind::UnicodeEscape {
                            start,
                            end: vpos - 1,
                            reason: "unknown Unicode character name",
                        })
                    }
                }
            }
            other => {
                out.push('\\');
                out.push(other);
            }
        }
    }
    Ok(out)
}

/// Decodes a `bytes` literal body. The caller has checked that it is ASCII.
pub(crate) fn decode_bytes(body: &str, raw: bool) -> Result<Vec<u8>, LexErrorKind> {
    let s = body.as_bytes();
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        i += 1;
        if c == b'\r' {
            if s.get(i) == Some(&b'\n') {
                i += 1;
            }
            out.push(b'\n');
            continue;
        }
        if raw || c != b'\\' {
            out.push(c);
            continue;
        }
        let Some(&e) = s.get(i) else {
            out.push(b'\\');
            break;
        };
        i += 1;
        match e {
            b'\n' => {}
            b'\r' => {
                if s.get(i) == Some(&b'\n') {
                    i += 1;
                }
            }
            b'\\' => out.push(b'\\'),
            b'\'' => out.push(b'\''),
            b'"' => out.push(b'"'),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b't' => out.push(b'\t'),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b'v' => out.push(11),
            b'a' => out.push(7),
            b'0'..=b'7' => {
                let mut value = u32::from(e - b'0');
                for _ in 0..2 {
                    match s.get(i) {
                        Some(&d @ b'0'..=b'7') => {
                            value = value * 8 + u32::from(d - b'0');
                            i += 1;
                        }
                        _ => break,
                    }
                }
                out.push((value & 0xFF) as u8);
            }
            b'x' => {
                let hex = |b: Option<&u8>| b.and_then(|&b| (b as char).to_digit(16));
                match (hex(s.get(i)), hex(s.get(i + 1))) {
                    (Some(h), Some(l)) if i + 1 < s.len() => {
                        out.push((h * 16 + l) as u8);
                        i += 2;
                    }
                    _ => return Err(LexErrorKind::BytesEscape(i - 2)),
                }
            }
            _ => {
                out.push(b'\\');
                i -= 1;
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(
            decode_str(r"a\tb\n\\\'\x41\u00e9\U0001F600\101\0").unwrap(),
            "a\tb\n\\'Aé😀A\0"
        );
        assert_eq!(decode_str(r"\q\8").unwrap(), r"\q\8");
        assert_eq!(decode_str("a\\\nb").unwrap(), "ab");
        assert_eq!(decode_str(r"\777").unwrap(), "\u{1ff}");
        assert_eq!(decode_str(r"\N{DIGIT ONE}\N{bullet}").unwrap(), "1•");
        assert_eq!(decode_bytes(r"\777\x41\q", false).unwrap(), b"\xffA\\q");
        assert_eq!(decode_bytes(r"\x41", true).unwrap(), br"\x41");
    }

    #[test]
    fn escape_errors_match_cpython_positions() {
        let msg = |s: &str| decode_str(s).unwrap_err().to_string();
        let pre = "(unicode error) 'unicodeescape' codec can't decode bytes in position";
        assert_eq!(msg(r"\x4"), format!("{pre} 0-2: truncated \\xXX escape"));
        assert_eq!(msg(r"\x4g"), format!("{pre} 0-2: truncated \\xXX escape"));
        assert_eq!(msg(r"\u12"), format!("{pre} 0-3: truncated \\uXXXX escape"));
        assert_eq!(
            msg(r"\U12345678"),
            format!("{pre} 0-9: illegal Unicode character")
        );
        assert_eq!(
            msg(r"\N{DIGIT ONE"),
            format!("{pre} 0-11: malformed \\N character escape")
        );
        assert_eq!(
            msg(r"\N"),
            format!("{pre} 0-1: malformed \\N character escape")
        );
        assert_eq!(
            msg(r"\N{BOGUS NAME}"),
            format!("{pre} 0-13: unknown Unicode character name")
        );
        assert_eq!(
            msg("aé\\x4"),
            format!("{pre} 11-13: truncated \\xXX escape")
        );
        assert_eq!(
            msg("\\é\\x4"),
            format!("{pre} 16-18: truncated \\xXX escape")
        );
        let b = |s: &str| decode_bytes(s, false).unwrap_err().to_string();
        assert_eq!(b(r"\x4"), "(value error) invalid \\x escape at position 0");
        assert_eq!(b(r"ab\x"), "(value error) invalid \\x escape at position 2");
    }

    #[test]
    fn scanning() {
        let s = br#"'a\'b' rest"#;
        assert_eq!(
            scan_string(s, 0),
            Ok(StringExtent {
                body_start: 1,
                body_end: 5,
                end: 6
            })
        );
        let s = b"'''a''b'''";
        assert_eq!(scan_string(s, 0).unwrap().end, 10);
        assert_eq!(scan_string(b"''", 0).unwrap().end, 2);
        assert!(scan_string(b"'abc\n'", 0).is_err());
        assert!(scan_string(br#""\""#, 0).is_err());
    }
}
