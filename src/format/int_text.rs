//! Integers to text: `str(int)` with CPython's int-max-str-digits guard, and the
//! `bin()`/`oct()`/`hex()` spellings.

use super::error::FormatError;
use num_bigint::{BigInt, Sign};

/// CPython's default `sys.get_int_max_str_digits()`.
pub const INT_MAX_STR_DIGITS: usize = apy_front::int_digits::DEFAULT;

/// The smallest limit `sys.set_int_max_str_digits` accepts other than 0.
pub const INT_MAX_STR_DIGITS_THRESHOLD: usize = apy_front::int_digits::THRESHOLD;

/// `sys.get_int_max_str_digits()`: the front end's setting, which literals obey too.
pub fn int_max_str_digits() -> usize {
    apy_front::int_digits::limit()
}

/// `sys.set_int_max_str_digits(n)`, `-X int_max_str_digits=n`; the caller checks `n`
/// against [`INT_MAX_STR_DIGITS_THRESHOLD`].
pub fn set_int_max_str_digits(n: usize) {
    apy_front::int_digits::set_limit(n);
}

/// `str(v)` / `repr(v)` for an int, refusing more digits than the current limit
/// exactly as CPython 3.11.7 does (ValueError).
pub fn int_to_decimal(v: &BigInt) -> Result<String, FormatError> {
    int_to_decimal_with_limit(v, int_max_str_digits())
}

/// [`int_to_decimal`] with an explicit limit (`0` = unlimited), for `sys.set_int_max_str_digits`.
pub fn int_to_decimal_with_limit(v: &BigInt, limit: usize) -> Result<String, FormatError> {
    if limit > 0 {
        let bits = v.bits();
        // |v| >= 2^(bits-1), so it has at least floor((bits-1)·log10 2) + 1 digits: refuse
        // without paying for a quadratic conversion when that already exceeds the limit.
        let min_digits = (bits.saturating_sub(1) as f64 * std::f64::consts::LOG10_2) as u64 + 1;
        if min_digits > limit as u64 + 1 {
            return Err(FormatError::IntToStrDigitLimit { limit });
        }
    }
    let text = v.to_string();
    let digits = text.len() - usize::from(v.sign() == Sign::Minus);
    if limit > 0 && digits > limit {
        return Err(FormatError::IntToStrDigitLimit { limit });
    }
    Ok(text)
}

/// `bin(v)` / `oct(v)` / `hex(v)` for base 2, 8, 16 with `prefix`, e.g. `-0x1f`; without
/// `prefix` just the sign and lowercase digits. Other bases in 2..=36 get digits only.
pub fn int_to_base(v: &BigInt, base: u32, prefix: bool) -> String {
    let base = base.clamp(2, 36);
    let digits = v.magnitude().to_str_radix(base);
    let mut out = String::with_capacity(digits.len() + 3);
    if v.sign() == Sign::Minus {
        out.push('-');
    }
    if prefix {
        out.push_str(match base {
            2 => "0b",
            8 => "0o",
            16 => "0x",
            _ => "",
        });
    }
    out.push_str(&digits);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bases() {
        assert_eq!(int_to_base(&BigInt::from(-31), 16, true), "-0x1f");
        assert_eq!(int_to_base(&BigInt::from(0), 2, true), "0b0");
        assert_eq!(int_to_base(&BigInt::from(8), 8, true), "0o10");
        assert_eq!(int_to_base(&BigInt::from(-5), 2, false), "-101");
    }

    #[test]
    fn digit_limit_boundary() {
        let ten = BigInt::from(10);
        let big = num_traits::pow(ten, 4300);
        let just_ok: BigInt = &big - 1;
        assert_eq!(int_to_decimal(&just_ok).map(|s| s.len()), Ok(4300));
        assert_eq!(int_to_decimal(&-just_ok).map(|s| s.len()), Ok(4301));
        assert_eq!(
            int_to_decimal(&big),
            Err(FormatError::IntToStrDigitLimit { limit: 4300 })
        );
        let huge = num_traits::pow(BigInt::from(7), 100_000);
        assert!(int_to_decimal(&huge).is_err());
    }
}
