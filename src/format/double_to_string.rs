//! CPython's `PyOS_double_to_string`: an `f64` to text in one of the `e`, `f`, `g`, `r`
//! (repr) modes, before any width, fill or grouping is applied.
//!
//! CPython asks David Gay's dtoa for a digit string plus decimal-point position and then lays
//! the digits out (`format_float_short`). Rust's float formatting is also exact — `{:e}` gives
//! the shortest round-tripping digits and `{:.N}`/`{:.Ne}` round the exact binary value
//! half-to-even — so we take the digits from it and port the layout step verbatim. That keeps
//! every corner (`#` alternate form, `.0` addition, exponent thresholds) identical.

use super::error::{FormatError, MAX_OUTPUT_CHARS};
use std::fmt::Write as _;

/// More significant digits than any `f64` has (at most 767); asking Rust for more would only
/// append zeros, which dtoa strips anyway.
const MAX_SIG_DIGITS: usize = 800;
/// More fractional digits than any `f64` has (at most 1074).
const MAX_FRAC_DIGITS: usize = 1100;

/// A fixed-capacity text buffer on the stack, so repr of a float needs no heap scratch.
pub(crate) struct StackBuf {
    buf: [u8; 48],
    len: usize,
}

impl StackBuf {
    pub(crate) fn new() -> Self {
        StackBuf {
            buf: [0; 48],
            len: 0,
        }
    }
    pub(crate) fn as_bytes(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or(&[])
    }
}

impl std::fmt::Write for StackBuf {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let end = self.len.checked_add(s.len()).ok_or(std::fmt::Error)?;
        let dst = self.buf.get_mut(self.len..end).ok_or(std::fmt::Error)?;
        dst.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// Splits Rust's `{:e}`-style output `d[.ddd]e[-]N` into (digits, decimal exponent + 1).
/// Returns the digit bytes into `out`.
fn split_exponent_form(text: &[u8], out: &mut Vec<u8>) -> i64 {
    let mut exp: i64 = 0;
    let mut exp_negative = false;
    let mut in_exp = false;
    for &b in text {
        match b {
            b'e' | b'E' => in_exp = true,
            b'-' if in_exp => exp_negative = true,
            b'0'..=b'9' if in_exp => {
                exp = exp.saturating_mul(10).saturating_add(i64::from(b - b'0'));
            }
            b'0'..=b'9' => out.push(b),
            _ => {}
        }
    }
    if exp_negative {
        exp = -exp;
    }
    exp + 1
}

/// The shortest round-tripping digits of a finite `|x|` (at most 17), on the stack.
pub(crate) struct Shortest {
    digits: [u8; 24],
    len: usize,
    /// Decimal point position: value = 0.DIGITS × 10^decpt.
    pub decpt: i64,
}

impl Shortest {
    pub(crate) fn digits(&self) -> &[u8] {
        self.digits.get(..self.len).unwrap_or(&[])
    }
}

/// dtoa mode 0 for finite `x`: the shortest digits that round-trip; among equally short
/// candidates the closest; and on an exact tie between two, the one with an even last
/// digit — dtoa's rule, where Rust's `{:e}` rounds the tie up instead
/// (`repr(978845584975649.25)` is `978845584975649.2`).
pub(crate) fn shortest(x: f64) -> Shortest {
    let mut buf = StackBuf::new();
    // `{:e}` of a finite f64 is at most 24 bytes: it always fits.
    let _ = write!(buf, "{:e}", x.abs());
    let mut out = Shortest {
        digits: [0; 24],
        len: 0,
        decpt: 0,
    };
    out.decpt = split_exponent_into(buf.as_bytes(), &mut out.digits, &mut out.len);
    if let Some(len) = tie_fix(x.abs(), &mut out.digits, out.len, out.decpt) {
        out.len = len;
    }
    out
}

/// If `|x|` lies exactly halfway between two shortest candidates, rewrites `digits` to the
/// candidate with the even last digit (when that one round-trips). Returns the new length.
fn tie_fix(x: f64, digits: &mut [u8; 24], len: usize, decpt: i64) -> Option<usize> {
    let bits = x.to_bits();
    let exp_bits = (bits >> 52) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (mantissa, exp) = if exp_bits == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), exp_bits - 1075)
    };
    if mantissa == 0 {
        return None;
    }
    // x = odd · 2^-f exactly has f fractional decimal digits, the last one a 5; only then
    // can it sit halfway between two n-digit decimals (integers never can).
    let f = -(exp + i64::from(mantissa.trailing_zeros()));
    if f <= 0 || decpt + f != len as i64 + 1 {
        return None;
    }
    // n+1 significant digits represent x exactly: D'5.
    let mut exact = StackBuf::new();
    write!(exact, "{:.*e}", len, x).ok()?;
    let mut exact_digits = [0u8; 24];
    let mut exact_len = 0;
    split_exponent_into(exact.as_bytes(), &mut exact_digits, &mut exact_len);
    let (kept, rest) = exact_digits.get(..exact_len)?.split_at(len);
    if rest != b"5" {
        return None;
    }
    let last = *kept.last()?;
    let mut candidate = [0u8; 24];
    candidate.get_mut(..len)?.copy_from_slice(kept);
    if (last - b'0') % 2 == 1 {
        if last == b'9' {
            return None;
        }
        *candidate.get_mut(len - 1)? += 1;
    }
    let chosen = candidate.get(..len)?;
    if chosen == digits.get(..len)? {
        return None;
    }
    // Only take the even candidate if it also reads back as x.
    let mut text = StackBuf::new();
    let (first, tail) = chosen.split_first()?;
    write!(text, "{}.", *first as char).ok()?;
    for &b in tail {
        text.write_char(b as char).ok()?;
    }
    write!(text, "e{}", decpt - 1).ok()?;
    let back: f64 = std::str::from_utf8(text.as_bytes()).ok()?.parse().ok()?;
    if back != x {
        return None;
    }
    digits.get_mut(..len)?.copy_from_slice(chosen);
    Some(len)
}

/// [`split_exponent_form`] into a fixed array (extra digits beyond its size are dropped,
/// which cannot happen for the ≤ 18 digits asked of it).
fn split_exponent_into(text: &[u8], digits: &mut [u8; 24], len: &mut usize) -> i64 {
    let mut exp: i64 = 0;
    let mut exp_negative = false;
    let mut in_exp = false;
    for &b in text {
        match b {
            b'e' | b'E' => in_exp = true,
            b'-' if in_exp => exp_negative = true,
            b'0'..=b'9' if in_exp => {
                exp = exp.saturating_mul(10).saturating_add(i64::from(b - b'0'))
            }
            b'0'..=b'9' => {
                if let Some(slot) = digits.get_mut(*len) {
                    *slot = b;
                    *len += 1;
                }
            }
            _ => {}
        }
    }
    if exp_negative {
        exp = -exp;
    }
    exp + 1
}

/// Removes trailing zeros as dtoa does, keeping a lone "0" for zero.
fn strip_trailing_zeros(digits: &mut Vec<u8>) {
    while digits.len() > 1 && digits.last() == Some(&b'0') {
        digits.pop();
    }
}

/// dtoa mode 2: `n` (≥ 1) significant digits, correctly rounded, trailing zeros removed.
fn significant_digits(x: f64, n: usize, out: &mut Vec<u8>) -> i64 {
    let n = n.clamp(1, MAX_SIG_DIGITS);
    let text = format!("{:.*e}", n - 1, x.abs());
    let decpt = split_exponent_form(text.as_bytes(), out);
    strip_trailing_zeros(out);
    if out == b"0" {
        return 1;
    }
    decpt
}

/// dtoa mode 3: digits through `n` places after the point, correctly rounded, leading and
/// trailing zeros removed. A value that rounds to zero yields "0" with decpt 1, which lays
/// out identically to dtoa's empty digit string.
fn fixed_digits(x: f64, n: usize, out: &mut Vec<u8>) -> i64 {
    let n = n.min(MAX_FRAC_DIGITS);
    let text = format!("{:.*}", n, x.abs());
    let mut decpt: i64 = 0;
    let mut seen_point = false;
    for &b in text.as_bytes() {
        match b {
            b'.' => seen_point = true,
            b'0'..=b'9' => {
                if out.is_empty() && b == b'0' {
                    if seen_point {
                        decpt -= 1;
                    }
                    continue;
                }
                out.push(b);
                if !seen_point {
                    decpt += 1;
                }
            }
            _ => {}
        }
    }
    if out.is_empty() {
        out.push(b'0');
        return 1;
    }
    strip_trailing_zeros(out);
    decpt
}

/// The presentation modes `PyOS_double_to_string` accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    Exponent,
    Fixed,
    General,
    Repr,
}

/// Flags of `PyOS_double_to_string` (`Py_DTSF_*`).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Flags {
    pub upper: bool,
    pub add_dot_0: bool,
    pub alternate: bool,
    pub no_neg_zero: bool,
}

fn push_zeros(out: &mut String, n: i64) {
    for _ in 0..n.max(0) {
        out.push('0');
    }
}

/// `PyOS_double_to_string(x, code, precision, flags)`: text with a leading `-` for negative
/// values (including `-0.0`), never a `+`.
pub(crate) fn double_to_string(
    x: f64,
    mode: Mode,
    precision: usize,
    flags: Flags,
) -> Result<String, FormatError> {
    if x.is_nan() || x.is_infinite() {
        let mut out = String::with_capacity(4);
        if x.is_infinite() && x < 0.0 {
            out.push('-');
        }
        out.push_str(match (x.is_nan(), flags.upper) {
            (true, false) => "nan",
            (true, true) => "NAN",
            (false, false) => "inf",
            (false, true) => "INF",
        });
        return Ok(out);
    }
    let precision = i64::try_from(precision).map_err(|_| FormatError::PrecisionTooBig)?;
    let mut digits = Vec::with_capacity(24);
    let (mut decpt, precision) = match mode {
        Mode::Exponent => {
            let p = precision + 1;
            (significant_digits(x, p as usize, &mut digits), p)
        }
        Mode::Fixed => (fixed_digits(x, precision as usize, &mut digits), precision),
        Mode::General => {
            let p = precision.max(1);
            (significant_digits(x, p as usize, &mut digits), p)
        }
        Mode::Repr => {
            let short = shortest(x);
            digits.extend_from_slice(short.digits());
            (short.decpt, 0)
        }
    };
    let mut negative = x.is_sign_negative();
    if flags.no_neg_zero && negative && digits == b"0" {
        negative = false;
    }
    let digits_len = digits.len() as i64;

    let mut vdigits_end = digits_len;
    let mut use_exp = false;
    match mode {
        Mode::Exponent => {
            use_exp = true;
            vdigits_end = precision;
        }
        Mode::Fixed => vdigits_end = decpt.saturating_add(precision),
        Mode::General => {
            let limit = if flags.add_dot_0 {
                precision - 1
            } else {
                precision
            };
            if decpt <= -4 || decpt > limit {
                use_exp = true;
            }
            if flags.alternate {
                vdigits_end = precision;
            }
        }
        Mode::Repr => {
            if decpt <= -4 || decpt > 16 {
                use_exp = true;
            }
        }
    }
    let mut exp = 0;
    if use_exp {
        exp = decpt - 1;
        decpt = 1;
    }
    let vdigits_start = if decpt <= 0 { decpt - 1 } else { 0 };
    vdigits_end = if !use_exp && flags.add_dot_0 {
        vdigits_end.max(decpt + 1)
    } else {
        vdigits_end.max(decpt)
    };

    let size = 3 + (vdigits_end - vdigits_start) + if use_exp { 6 } else { 0 };
    if size > MAX_OUTPUT_CHARS as i64 {
        return Err(FormatError::OutOfMemory);
    }
    let mut out = String::with_capacity(size as usize);
    if negative {
        out.push('-');
    }
    if decpt <= 0 {
        push_zeros(&mut out, decpt - vdigits_start);
        out.push('.');
        push_zeros(&mut out, -decpt);
    } else {
        push_zeros(&mut out, -vdigits_start);
    }
    // Digits are ASCII, so byte-to-char is exact.
    if 0 < decpt && decpt <= digits_len {
        let (int_part, frac_part) = digits.split_at(decpt as usize);
        out.extend(int_part.iter().map(|&b| b as char));
        out.push('.');
        out.extend(frac_part.iter().map(|&b| b as char));
    } else {
        out.extend(digits.iter().map(|&b| b as char));
    }
    if digits_len < decpt {
        push_zeros(&mut out, decpt - digits_len);
        out.push('.');
        push_zeros(&mut out, vdigits_end - decpt);
    } else {
        push_zeros(&mut out, vdigits_end - digits_len);
    }
    if out.ends_with('.') && !flags.alternate {
        out.pop();
    }
    if use_exp {
        out.push(if flags.upper { 'E' } else { 'e' });
        push_exponent(&mut out, exp);
    }
    Ok(out)
}

/// C's `%+.02d`: explicit sign, at least two digits.
pub(crate) fn push_exponent(out: &mut String, exp: i64) {
    out.push(if exp < 0 { '-' } else { '+' });
    let magnitude = exp.unsigned_abs();
    if magnitude < 10 {
        out.push('0');
    }
    let _ = write!(out, "{magnitude}");
}
