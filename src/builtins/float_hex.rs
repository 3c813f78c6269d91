//! `float.hex()` and `float.fromhex()`: exact hexadecimal text for doubles, ported from
//! CPython's `float_hex` and `float_fromhex` (including their rounding and error cases).

/// Why `fromhex` failed.
#[derive(Debug, PartialEq, Eq)]
pub enum FromHexError {
    /// ValueError: "invalid hexadecimal floating-point string".
    Invalid,
    /// OverflowError: "hexadecimal value too large to represent as a float".
    Overflow,
    /// ValueError: "hexadecimal string too long to convert".
    TooLong,
}

const DBL_MANT_DIG: i64 = 53;
const DBL_MIN_EXP: i64 = -1021;
const DBL_MAX_EXP: i64 = 1024;

/// `float.hex()`: `0x1.<13 hex digits>p<exp>`, subnormals as `0x0.<...>p-1022`.
pub fn float_hex(x: f64) -> String {
    if x.is_nan() || x.is_infinite() {
        return crate::format::float_repr(x);
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x == 0.0 {
        return format!("{sign}0x0.0p+0");
    }
    let bits = x.to_bits();
    let mantissa = bits & ((1u64 << 52) - 1);
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let (lead, exp) = if biased == 0 {
        (0, -1022)
    } else {
        (1, biased - 1023)
    };
    let esign = if exp < 0 { '-' } else { '+' };
    format!("{sign}0x{lead}.{mantissa:013x}p{esign}{}", exp.abs())
}

/// `x * 2**e` for an exactly representable result (every caller has rounded already).
fn ldexp(mut x: f64, mut e: i64) -> f64 {
    while e > 1000 {
        x *= 2f64.powi(1000);
        e -= 1000;
    }
    while e < -1000 {
        x *= 2f64.powi(-1000);
        e += 1000;
    }
    x * 2f64.powi(e as i32)
}

fn hex_value(c: u8) -> Option<u32> {
    (c as char).to_digit(16)
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// `inf`, `infinity`, `nan` with an optional sign, case-insensitively (CPython's
/// `_Py_parse_inf_or_nan`); returns the value and the bytes consumed.
fn parse_inf_or_nan(s: &[u8]) -> Option<(f64, usize)> {
    let (negate, start) = match s.first() {
        Some(b'-') => (true, 1),
        Some(b'+') => (false, 1),
        _ => (false, 0),
    };
    let rest = &s[start..];
    let starts = |word: &str| {
        rest.len() >= word.len() && rest[..word.len()].eq_ignore_ascii_case(word.as_bytes())
    };
    let (value, len) = if starts("infinity") {
        (f64::INFINITY, 8)
    } else if starts("inf") {
        (f64::INFINITY, 3)
    } else if starts("nan") {
        (f64::NAN, 3)
    } else {
        return None;
    };
    Some((if negate { -value } else { value }, start + len))
}

/// `float.fromhex(s)`.
pub fn float_fromhex(text: &str) -> Result<f64, FromHexError> {
    let s = text.as_bytes();
    let at = |i: usize| s.get(i).copied().unwrap_or(0);
    let mut i = 0;
    while is_space(at(i)) {
        i += 1;
    }
    let finish = |mut i: usize, x: f64| {
        while is_space(at(i)) {
            i += 1;
        }
        if i == s.len() {
            Ok(x)
        } else {
            Err(FromHexError::Invalid)
        }
    };
    if let Some((x, n)) = parse_inf_or_nan(&s[i..]) {
        return finish(i + n, x);
    }
    let mut negate = false;
    match at(i) {
        b'-' => {
            negate = true;
            i += 1;
        }
        b'+' => i += 1,
        _ => {}
    }
    if at(i) == b'0' && matches!(at(i + 1), b'x' | b'X') {
        i += 2;
    }
    // Coefficient: integer digits, optional point and fraction digits.
    let mut digits: Vec<u32> = Vec::new();
    while let Some(d) = hex_value(at(i)) {
        digits.push(d);
        i += 1;
    }
    let mut fdigits = 0i64;
    if at(i) == b'.' {
        i += 1;
        while let Some(d) = hex_value(at(i)) {
            digits.push(d);
            fdigits += 1;
            i += 1;
        }
    }
    if digits.is_empty() {
        return Err(FromHexError::Invalid);
    }
    const LONG_MAX: i64 = i64::MAX;
    const LONG_MIN: i64 = i64::MIN;
    let insane =
        (DBL_MIN_EXP - DBL_MANT_DIG - LONG_MIN / 2).min(LONG_MAX / 2 + 1 - DBL_MAX_EXP) / 4;
    if digits.len() as i64 > insane {
        return Err(FromHexError::TooLong);
    }
    // Exponent: 'p' [sign] decimal digits, saturating like strtol.
    let mut exp: i64 = 0;
    if matches!(at(i), b'p' | b'P') {
        i += 1;
        let mut eneg = false;
        match at(i) {
            b'-' => {
                eneg = true;
                i += 1;
            }
            b'+' => i += 1,
            _ => {}
        }
        if !at(i).is_ascii_digit() {
            return Err(FromHexError::Invalid);
        }
        while at(i).is_ascii_digit() {
            let d = (at(i) - b'0') as i64;
            exp = if eneg {
                exp.saturating_mul(10).saturating_sub(d)
            } else {
                exp.saturating_mul(10).saturating_add(d)
            };
            i += 1;
        }
    }
    // digit(j): the j-th least significant hex digit.
    let mut ndigits = digits.len() as i64;
    let digit = |j: i64| -> u32 { digits[digits.len() - 1 - j as usize] };
    while ndigits > 0 && digit(ndigits - 1) == 0 {
        ndigits -= 1;
    }
    let sign = |x: f64| if negate { -x } else { x };
    if ndigits == 0 || exp < LONG_MIN / 2 {
        return finish(i, sign(0.0));
    }
    if exp > LONG_MAX / 2 {
        return Err(FromHexError::Overflow);
    }
    let exp = exp - 4 * fdigits;
    let mut top_exp = exp + 4 * (ndigits - 1);
    let mut d = digit(ndigits - 1);
    while d != 0 {
        top_exp += 1;
        d /= 2;
    }
    if top_exp < DBL_MIN_EXP - DBL_MANT_DIG {
        return finish(i, sign(0.0));
    }
    if top_exp > DBL_MAX_EXP {
        return Err(FromHexError::Overflow);
    }
    let lsb = top_exp.max(DBL_MIN_EXP) - DBL_MANT_DIG;
    let mut x = 0.0f64;
    if exp >= lsb {
        for j in (0..ndigits).rev() {
            x = 16.0 * x + digit(j) as f64;
        }
        return finish(i, sign(ldexp(x, exp)));
    }
    let half_eps: u32 = 1 << ((lsb - exp - 1) % 4);
    let key_digit = (lsb - exp - 1) / 4;
    for j in ((key_digit + 1)..ndigits).rev() {
        x = 16.0 * x + digit(j) as f64;
    }
    let kd = digit(key_digit);
    x = 16.0 * x + (kd & (16 - 2 * half_eps)) as f64;
    if kd & half_eps != 0 {
        let mut round_up = (kd & (3 * half_eps - 1)) != 0
            || (half_eps == 8 && key_digit + 1 < ndigits && (digit(key_digit + 1) & 1) != 0);
        if !round_up {
            round_up = (0..key_digit).rev().any(|j| digit(j) != 0);
        }
        if round_up {
            x += 2.0 * half_eps as f64;
            if top_exp == DBL_MAX_EXP && x == ldexp(2.0 * half_eps as f64, DBL_MANT_DIG) {
                return Err(FromHexError::Overflow);
            }
        }
    }
    finish(i, sign(ldexp(x, exp + 4 * key_digit)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_matches_cpython() {
        assert_eq!(float_hex(0.5), "0x1.0000000000000p-1");
        assert_eq!(float_hex(-0.0), "-0x0.0p+0");
        assert_eq!(float_hex(3.25), "0x1.a000000000000p+1");
        assert_eq!(float_hex(5e-324), "0x0.0000000000001p-1022");
        assert_eq!(float_hex(1e300), "0x1.7e43c8800759cp+996");
    }

    #[test]
    fn fromhex_matches_cpython() {
        assert_eq!(float_fromhex("0x1.8p1"), Ok(3.0));
        assert_eq!(float_fromhex("  0x10  "), Ok(16.0));
        assert_eq!(
            float_fromhex("0x1.0000000000000fp0"),
            Ok(1.0000000000000002)
        );
        assert_eq!(float_fromhex("0x1.00000000000008p0"), Ok(1.0));
        assert_eq!(
            float_fromhex("0x1.00000000000018p0"),
            Ok(1.0000000000000004)
        );
        assert_eq!(float_fromhex("0x1p-1074"), Ok(5e-324));
        assert_eq!(float_fromhex("0x1p-1075"), Ok(0.0));
        assert_eq!(float_fromhex("0x1p1024"), Err(FromHexError::Overflow));
        assert_eq!(
            float_fromhex("0x1.fffffffffffff8p1023"),
            Err(FromHexError::Overflow)
        );
        assert_eq!(float_fromhex("0x"), Err(FromHexError::Invalid));
        assert_eq!(float_fromhex("infinit"), Err(FromHexError::Invalid));
        assert_eq!(float_fromhex("ff"), Ok(255.0));
    }
}
