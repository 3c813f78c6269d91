//! `int(s, base)` and `float(s)` on strings, accepting exactly what CPython 3.11 accepts.
//!
//! Like CPython, the text is first mapped to ASCII (`_PyUnicode_TransformDecimalAndSpaceToASCII`):
//! any-script decimal digits become `0`-`9`, Unicode whitespace becomes a space, and the first
//! other non-ASCII character ends the text with an invalid marker. After that, only ASCII
//! whitespace (`Py_ISSPACE`: space, `\t\n\v\f\r`) is stripped — `'\x1c1'` is not a number.

use super::error::FormatError;
use super::int_text::int_max_str_digits;
use super::str_repr::str_repr;
use super::unicode_props::{decimal_value, is_space};
use num_bigint::{BigInt, BigUint, Sign};

fn to_ascii_form(s: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    for c in s.chars() {
        let cp = c as u32;
        if cp < 127 {
            out.push(cp as u8);
        } else if is_space(c) {
            out.push(b' ');
        } else if let Some(d) = decimal_value(c) {
            out.push(b'0' + d as u8);
        } else {
            out.push(b'?');
            break;
        }
    }
    out
}

fn is_c_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')
}

/// `_PyLong_DigitValue`: 0-35 for `0-9a-zA-Z`, 37 for anything else.
fn digit_value(b: u8) -> u32 {
    match b {
        b'0'..=b'9' => u32::from(b - b'0'),
        b'a'..=b'z' => u32::from(b - b'a') + 10,
        b'A'..=b'Z' => u32::from(b - b'A') + 10,
        _ => 37,
    }
}

/// CPython's `%.200R`: the repr, cut to its first 200 characters.
fn repr_truncated(s: &str, max_chars: usize) -> String {
    let repr = str_repr(s);
    match repr.char_indices().nth(max_chars) {
        Some((end, _)) => repr.get(..end).unwrap_or(&repr).to_string(),
        None => repr,
    }
}

/// The ValueError message for an `int(s, base)` that fails to parse.
pub fn int_parse_error_message(s: &str, base: u32) -> String {
    FormatError::InvalidIntLiteral {
        base,
        repr: repr_truncated(s, 200),
    }
    .to_string()
}

/// The ValueError message for a `float(s)` that fails to parse.
pub fn float_parse_error_message(s: &str) -> String {
    FormatError::InvalidFloatLiteral { repr: str_repr(s) }.to_string()
}

/// `int(s, base)` for a str argument, with CPython's errors: `InvalidIntBase`,
/// `InvalidIntLiteral` (message complete), `StrToIntDigitLimit` (more than 4300 digits in a
/// base that is not a power of two).
pub fn parse_int_literal(s: &str, base: u32) -> Result<BigInt, FormatError> {
    parse_int_literal_with_limit(s, base, int_max_str_digits())
}

/// [`parse_int_literal`] with an explicit digit limit (`0` = unlimited).
pub fn parse_int_literal_with_limit(
    s: &str,
    base: u32,
    limit: usize,
) -> Result<BigInt, FormatError> {
    if base == 1 || base > 36 {
        return Err(FormatError::InvalidIntBase);
    }
    let invalid = || FormatError::InvalidIntLiteral {
        base,
        repr: repr_truncated(s, 200),
    };
    let text = to_ascii_form(s);
    let at = |i: usize| text.get(i).copied().unwrap_or(0);
    let mut i = 0;
    while is_c_space(at(i)) {
        i += 1;
    }
    let mut negative = false;
    match at(i) {
        b'+' => i += 1,
        b'-' => {
            negative = true;
            i += 1;
        }
        _ => {}
    }
    let mut radix = base;
    let mut error_if_nonzero = false;
    if radix == 0 {
        radix = match (at(i), at(i + 1)) {
            (b'0', b'x' | b'X') => 16,
            (b'0', b'o' | b'O') => 8,
            (b'0', b'b' | b'B') => 2,
            (b'0', _) => {
                error_if_nonzero = true;
                10
            }
            _ => 10,
        };
    }
    let has_prefix = at(i) == b'0'
        && matches!(
            (radix, at(i + 1)),
            (16, b'x' | b'X') | (8, b'o' | b'O') | (2, b'b' | b'B')
        );
    if has_prefix {
        i += 2;
        if at(i) == b'_' {
            i += 1;
        }
    }
    if at(i) == b'_' {
        return Err(invalid());
    }
    let start = i;
    let mut values: Vec<u8> = Vec::with_capacity(text.len().saturating_sub(i));
    let mut prev = 0u8;
    while i < text.len() && (digit_value(at(i)) < radix || at(i) == b'_') {
        let b = at(i);
        if b == b'_' {
            if prev == b'_' {
                return Err(invalid());
            }
        } else {
            values.push(digit_value(b) as u8);
        }
        prev = b;
        i += 1;
    }
    if prev == b'_' {
        return Err(invalid());
    }
    if !radix.is_power_of_two() && limit > 0 && values.len() > limit {
        return Err(FormatError::StrToIntDigitLimit {
            limit,
            digits: values.len(),
        });
    }
    if i == start {
        return Err(invalid());
    }
    while is_c_space(at(i)) {
        i += 1;
    }
    if i != text.len() {
        return Err(invalid());
    }
    let magnitude = digits_to_biguint(&values, radix);
    if error_if_nonzero && magnitude != BigUint::default() {
        return Err(invalid());
    }
    Ok(BigInt::from_biguint(
        if negative { Sign::Minus } else { Sign::Plus },
        magnitude,
    ))
}

fn digits_to_biguint(values: &[u8], radix: u32) -> BigUint {
    // Short numbers (the common case) without the big-number machinery.
    if values.len() <= 12 {
        let v = values
            .iter()
            .fold(0u64, |acc, &d| acc * u64::from(radix) + u64::from(d));
        return BigUint::from(v);
    }
    BigUint::from_radix_be(values, radix).unwrap_or_default()
}

/// `float(s)` for a str argument; `None` when CPython raises ValueError (message:
/// [`float_parse_error_message`]).
pub fn parse_float_literal(s: &str) -> Option<f64> {
    let mut text = to_ascii_form(s);
    if text.contains(&b'_') {
        text = remove_underscores(&text)?;
    }
    if text.contains(&0) {
        return None;
    }
    let start = text.iter().position(|&b| !is_c_space(b))?;
    let end = text.iter().rposition(|&b| !is_c_space(b))? + 1;
    let body = text.get(start..end)?;
    let (negative, unsigned) = match body.first() {
        Some(b'-') => (true, body.get(1..)?),
        Some(b'+') => (false, body.get(1..)?),
        _ => (false, body),
    };
    let signed = |x: f64| if negative { -x } else { x };
    if unsigned.eq_ignore_ascii_case(b"inf") || unsigned.eq_ignore_ascii_case(b"infinity") {
        return Some(signed(f64::INFINITY));
    }
    if unsigned.eq_ignore_ascii_case(b"nan") {
        return Some(signed(f64::NAN));
    }
    if !is_decimal_float(unsigned) {
        return None;
    }
    // The grammar is checked, and Rust's parser is correctly rounded on it.
    std::str::from_utf8(body).ok()?.parse::<f64>().ok()
}

/// `digits [. digits] [e [sign] digits]` with at least one mantissa digit.
fn is_decimal_float(text: &[u8]) -> bool {
    let mut i = 0;
    let at = |i: usize| text.get(i).copied().unwrap_or(0);
    let mut mantissa_digits = 0;
    while at(i).is_ascii_digit() {
        i += 1;
        mantissa_digits += 1;
    }
    if at(i) == b'.' {
        i += 1;
        while at(i).is_ascii_digit() {
            i += 1;
            mantissa_digits += 1;
        }
    }
    if mantissa_digits == 0 {
        return false;
    }
    if matches!(at(i), b'e' | b'E') {
        i += 1;
        if matches!(at(i), b'+' | b'-') {
            i += 1;
        }
        let exp_start = i;
        while at(i).is_ascii_digit() {
            i += 1;
        }
        if i == exp_start {
            return false;
        }
    }
    i == text.len()
}

/// CPython's `_Py_string_to_number_with_underscores`: an underscore must sit between two
/// ASCII digits.
fn remove_underscores(text: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len());
    let mut prev = 0u8;
    for &b in text {
        if b == b'_' {
            if !prev.is_ascii_digit() {
                return None;
            }
        } else {
            if prev == b'_' && !b.is_ascii_digit() {
                return None;
            }
            out.push(b);
        }
        prev = b;
    }
    if prev == b'_' {
        return None;
    }
    Some(out)
}
