//! Numeric literals: CPython's scanning rules (with its exact error wording) and values.
//!
//! The scanner is a transcription of the number branch of CPython 3.11's `tok_get`, so
//! that the same inputs are accepted, the same ones rejected, and the token ends at the
//! same place (`1if x else 2` is three tokens; `1abc` is an error).

use super::error::LexErrorKind;
use super::token::Token;
use num_bigint::BigInt;

/// What kind of number a scanned literal is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NumKind {
    Int { radix: u32 },
    Float,
    Imaginary,
}

/// A scanning failure: the byte offset CPython points at, and why.
pub(crate) type NumError = (usize, LexErrorKind);

struct Cursor<'a> {
    s: &'a [u8],
    pos: usize,
}

impl Cursor<'_> {
    /// The byte at the cursor (0 at the end, which no rule accepts), then advances.
    fn next(&mut self) -> u8 {
        let c = self.s.get(self.pos).copied().unwrap_or(0);
        self.pos += 1;
        c
    }
    fn backup(&mut self) {
        self.pos -= 1;
    }
    fn peek_at(&self, offset: usize) -> u8 {
        self.s.get(self.pos + offset).copied().unwrap_or(0)
    }
    /// Mirrors `tok_decimal_tail`: digits with single underscores between them.
    fn decimal_tail(&mut self) -> Result<u8, NumError> {
        loop {
            let mut c;
            loop {
                c = self.next();
                if !c.is_ascii_digit() {
                    break;
                }
            }
            if c != b'_' {
                return Ok(c);
            }
            c = self.next();
            if !c.is_ascii_digit() {
                self.backup();
                return Err((self.pos, LexErrorKind::InvalidNumber("decimal")));
            }
        }
    }
    /// Mirrors `verify_end_of_number`: a number may run straight into one of the keywords
    /// that can follow it in valid code (CPython only warns), but not into other names.
    fn verify_end(&mut self, c: u8, kind: &'static str) -> Result<(), NumError> {
        // `self.pos` is just past `c`.
        let rest =
            |cur: &Self, lit: &[u8]| lit.iter().enumerate().all(|(i, &b)| cur.peek_at(i) == b);
        let keyword_follows = match c {
            b'a' => rest(self, b"nd"),
            b'e' => rest(self, b"lse"),
            b'f' => rest(self, b"or"),
            b'i' => matches!(self.peek_at(0), b'f' | b'n' | b's'),
            b'o' => rest(self, b"r"),
            b'n' => rest(self, b"ot"),
            _ => false,
        };
        if !keyword_follows && is_potential_identifier_char(c) {
            self.backup();
            return Err((self.pos, LexErrorKind::InvalidNumber(kind)));
        }
        Ok(())
    }
}

fn is_potential_identifier_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c >= 128
}

/// Scans the number starting at `start` (a digit, or `.` followed by a digit).
/// Returns the end offset and the kind.
pub(crate) fn scan_number(s: &[u8], start: usize) -> Result<(usize, NumKind), NumError> {
    let mut cur = Cursor { s, pos: start };
    let first = cur.next();
    let kind = if first == b'.' {
        let c = cur.next();
        fraction(&mut cur, c)?
    } else if first == b'0' {
        let c = cur.next();
        match c {
            b'x' | b'X' => radix_literal(&mut cur, 16, "hexadecimal")?,
            b'o' | b'O' => radix_literal(&mut cur, 8, "octal")?,
            b'b' | b'B' => radix_literal(&mut cur, 2, "binary")?,
            _ => leading_zero(&mut cur, start, c)?,
        }
    } else {
        let c = cur.decimal_tail()?;
        after_integer_part(&mut cur, c)?
    };
    Ok((cur.pos, kind))
}

fn radix_literal(
    cur: &mut Cursor<'_>,
    radix: u32,
    name: &'static str,
) -> Result<NumKind, NumError> {
    let is_digit = |c: u8| (c as char).is_digit(radix);
    let mut c = cur.next();
    loop {
        if c == b'_' {
            c = cur.next();
        }
        if !is_digit(c) {
            if radix != 16 && c.is_ascii_digit() {
                return Err((
                    cur.pos - 1,
                    LexErrorKind::InvalidDigit {
                        digit: c as char,
                        kind: name,
                    },
                ));
            }
            cur.backup();
            return Err((cur.pos, LexErrorKind::InvalidNumber(name)));
        }
        loop {
            c = cur.next();
            if !is_digit(c) {
                break;
            }
        }
        if c != b'_' {
            break;
        }
    }
    if radix != 16 && c.is_ascii_digit() {
        return Err((
            cur.pos - 1,
            LexErrorKind::InvalidDigit {
                digit: c as char,
                kind: name,
            },
        ));
    }
    cur.verify_end(c, name)?;
    cur.backup();
    Ok(NumKind::Int { radix })
}

/// `0...`: zeros, or a float/imaginary with a leading zero; `012` is rejected.
fn leading_zero(cur: &mut Cursor<'_>, start: usize, mut c: u8) -> Result<NumKind, NumError> {
    loop {
        if c == b'_' {
            c = cur.next();
            if !c.is_ascii_digit() {
                cur.backup();
                return Err((cur.pos, LexErrorKind::InvalidNumber("decimal")));
            }
        }
        if c != b'0' {
            break;
        }
        c = cur.next();
    }
    let mut nonzero = false;
    if c.is_ascii_digit() {
        nonzero = true;
        c = cur.decimal_tail()?;
    }
    match c {
        b'.' => {
            let c = cur.next();
            fraction(cur, c)
        }
        b'e' | b'E' => exponent(cur, c),
        b'j' | b'J' => imaginary(cur),
        _ if nonzero => Err((start, LexErrorKind::LeadingZeros)),
        _ => {
            cur.verify_end(c, "decimal")?;
            cur.backup();
            Ok(NumKind::Int { radix: 10 })
        }
    }
}

fn after_integer_part(cur: &mut Cursor<'_>, c: u8) -> Result<NumKind, NumError> {
    if c == b'.' {
        let c = cur.next();
        return fraction(cur, c);
    }
    if c == b'e' || c == b'E' {
        return exponent(cur, c);
    }
    if c == b'j' || c == b'J' {
        return imaginary(cur);
    }
    cur.verify_end(c, "decimal")?;
    cur.backup();
    Ok(NumKind::Int { radix: 10 })
}

/// After the `.`; `c` is the first character of the fraction.
fn fraction(cur: &mut Cursor<'_>, mut c: u8) -> Result<NumKind, NumError> {
    if c.is_ascii_digit() {
        c = cur.decimal_tail()?;
    }
    if c == b'e' || c == b'E' {
        return exponent(cur, c);
    }
    if c == b'j' || c == b'J' {
        return imaginary(cur);
    }
    cur.verify_end(c, "decimal")?;
    cur.backup();
    Ok(NumKind::Float)
}

/// `e` has just been read.
fn exponent(cur: &mut Cursor<'_>, e: u8) -> Result<NumKind, NumError> {
    let e_pos = cur.pos - 1;
    let mut c = cur.next();
    if c == b'+' || c == b'-' {
        c = cur.next();
        if !c.is_ascii_digit() {
            cur.backup();
            return Err((cur.pos, LexErrorKind::InvalidNumber("decimal")));
        }
    } else if !c.is_ascii_digit() {
        // `1else`: the number ends before the `e` (if a keyword follows).
        cur.backup();
        cur.verify_end(e, "decimal").map_err(|(_, k)| (e_pos, k))?;
        cur.pos = e_pos;
        return Ok(float_or_int_before(cur));
    }
    c = cur.decimal_tail()?;
    if c == b'j' || c == b'J' {
        return imaginary(cur);
    }
    cur.verify_end(c, "decimal")?;
    cur.backup();
    Ok(NumKind::Float)
}

/// The kind of the text scanned so far when an `e` turned out not to be an exponent.
fn float_or_int_before(cur: &Cursor<'_>) -> NumKind {
    // Only reachable through `verify_end` accepting a keyword, e.g. `1else`, `1.5else`.
    let mut i = cur.pos;
    while i > 0 {
        i -= 1;
        let b = cur.s[i];
        if b == b'.' {
            return NumKind::Float;
        }
        if !(b.is_ascii_digit() || b == b'_') {
            break;
        }
    }
    NumKind::Int { radix: 10 }
}

/// `j` has just been read.
fn imaginary(cur: &mut Cursor<'_>) -> Result<NumKind, NumError> {
    let c = cur.next();
    cur.verify_end(c, "imaginary")?;
    cur.backup();
    Ok(NumKind::Imaginary)
}

/// Builds the token for a scanned literal. A decimal int longer than the process's
/// digit limit is CPython's parser-time error (its literal parse goes through
/// `PyLong_FromString`); an all-zero literal never is, since CPython reads it with
/// `strtoul`.
pub(crate) fn number_token(text: &str, kind: NumKind) -> Result<Token, LexErrorKind> {
    Ok(match kind {
        NumKind::Int { radix } => Token::Int(parse_int(text, radix)?),
        NumKind::Float => Token::Float(parse_float(text)),
        NumKind::Imaginary => Token::Imaginary(parse_float(&text[..text.len() - 1])),
    })
}

fn parse_int(text: &str, radix: u32) -> Result<BigInt, LexErrorKind> {
    let digits = if radix == 10 { text } else { &text[2..] };
    let clean: Vec<u8> = digits.bytes().filter(|&b| b != b'_').collect();
    if clean.len() <= 15 {
        // Fits in u64 for every radix: the common case, without a bignum parse.
        if let Ok(s) = std::str::from_utf8(&clean) {
            if let Ok(v) = u64::from_str_radix(s, radix) {
                return Ok(BigInt::from(v));
            }
        }
    }
    let limit = crate::int_digits::limit();
    if radix == 10 && limit > 0 && clean.len() > limit && clean[0] != b'0' {
        return Err(LexErrorKind::IntDigitLimit {
            limit,
            digits: clean.len(),
        });
    }
    Ok(BigInt::parse_bytes(&clean, radix).unwrap_or_default())
}

fn parse_float(text: &str) -> f64 {
    let clean: String = text.chars().filter(|&c| c != '_').collect();
    // Rust's parser is correctly rounded, like CPython's; it accepts `1.`, `.5`, `1e5`.
    clean.parse::<f64>().unwrap_or(f64::INFINITY)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(s: &str) -> Result<(usize, NumKind), NumError> {
        scan_number(s.as_bytes(), 0)
    }

    #[test]
    fn accepts_cpython_forms() {
        assert_eq!(scan("0x_ff"), Ok((5, NumKind::Int { radix: 16 })));
        assert_eq!(scan("00_0"), Ok((4, NumKind::Int { radix: 10 })));
        assert_eq!(scan("1_000.000_1e1_0"), Ok((15, NumKind::Float)));
        assert_eq!(scan("1.e5"), Ok((4, NumKind::Float)));
        assert_eq!(scan("09.5"), Ok((4, NumKind::Float)));
        assert_eq!(scan("1if"), Ok((1, NumKind::Int { radix: 10 })));
        assert_eq!(scan("1else"), Ok((1, NumKind::Int { radix: 10 })));
        assert_eq!(scan("1.5else"), Ok((3, NumKind::Float)));
        assert_eq!(scan("2j"), Ok((2, NumKind::Imaginary)));
        assert_eq!(scan(".5"), Ok((2, NumKind::Float)));
        assert_eq!(scan("1."), Ok((2, NumKind::Float)));
    }

    #[test]
    fn rejects_like_cpython() {
        let msg = |s: &str| scan(s).unwrap_err().1.to_string();
        assert_eq!(msg("1abc"), "invalid decimal literal");
        assert_eq!(msg("0x"), "invalid hexadecimal literal");
        assert_eq!(msg("0b2"), "invalid digit '2' in binary literal");
        assert_eq!(msg("0o8"), "invalid digit '8' in octal literal");
        assert_eq!(msg("0b1_"), "invalid binary literal");
        assert_eq!(msg("0o7a"), "invalid octal literal");
        assert!(msg("012").starts_with("leading zeros"));
        assert!(msg("0_7").starts_with("leading zeros"));
        assert_eq!(msg("1__0"), "invalid decimal literal");
        assert_eq!(msg("1e"), "invalid decimal literal");
        assert_eq!(msg("1e+"), "invalid decimal literal");
        assert_eq!(msg("1jabc"), "invalid imaginary literal");
        assert_eq!(msg("1.__class__"), "invalid decimal literal");
        assert_eq!(msg("1_.5"), "invalid decimal literal");
        assert_eq!(msg("1e_5"), "invalid decimal literal");
    }

    #[test]
    fn values() {
        assert_eq!(
            number_token("0x_ff", NumKind::Int { radix: 16 }),
            Ok(Token::Int(255.into()))
        );
        assert_eq!(
            number_token("1_0.0_1", NumKind::Float),
            Ok(Token::Float(10.01))
        );
        assert_eq!(number_token("1.e5", NumKind::Float), Ok(Token::Float(1e5)));
        let big = "123456789012345678901234567890";
        assert_eq!(
            number_token(big, NumKind::Int { radix: 10 }),
            Ok(Token::Int(big.parse().unwrap()))
        );
    }

    /// The default limit (tests never change it: it is the process's).
    #[test]
    fn decimal_literals_beyond_the_digit_limit_are_refused() {
        let decimal = |s: &str| number_token(s, NumKind::Int { radix: 10 });
        let limit = crate::int_digits::DEFAULT;
        assert!(decimal(&"7".repeat(limit)).is_ok());
        assert_eq!(
            decimal(&"7".repeat(limit + 1)),
            Err(LexErrorKind::IntDigitLimit {
                limit,
                digits: limit + 1
            })
        );
        // Underscores are not digits; zeros alone and power-of-two bases are never limited.
        assert!(decimal(&"7_".repeat(limit / 2)).is_ok());
        assert!(decimal(&"0".repeat(limit * 2)).is_ok());
        let hex = format!("0x{}", "f".repeat(limit * 2));
        assert!(number_token(&hex, NumKind::Int { radix: 16 }).is_ok());
    }
}
