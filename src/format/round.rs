//! The built-in `round()` for floats and ints, correctly rounded half-to-even on the exact
//! value as CPython does (`round(2.675, 2)` is `2.67` because 2.675 is really 2.67499…).
//!
//! CPython rounds through a decimal string (dtoa mode 3, then strtod). Rust's `{:.N}`
//! formatting is likewise exact, so non-negative `ndigits` take that route; negative
//! `ndigits` (which Rust cannot format) are done in exact integer arithmetic.

use super::error::FormatError;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{FromPrimitive, Zero};

/// Beyond this many digits after the point every float is already exact (CPython's
/// `NDIGITS_MAX`).
const NDIGITS_MAX: i64 = 323;
/// Below this, every float rounds to ±0.0 (CPython's `NDIGITS_MIN`).
const NDIGITS_MIN: i64 = -308;

/// `round(x, ndigits)` for a float. Callers clamp an out-of-range Python int `ndigits` to
/// `i64` (CPython clips to `Py_ssize_t` the same way).
pub fn round_float(x: f64, ndigits: i64) -> Result<f64, FormatError> {
    if !x.is_finite() || ndigits > NDIGITS_MAX {
        return Ok(x);
    }
    if ndigits < NDIGITS_MIN {
        return Ok(0.0 * x);
    }
    let rounded = if ndigits >= 0 {
        let text = format!("{:.*}", ndigits as usize, x);
        text.parse::<f64>().unwrap_or(x)
    } else {
        round_to_power_of_ten(x, ndigits.unsigned_abs() as u32)
    };
    if rounded.is_infinite() {
        return Err(FormatError::RoundedValueTooLarge);
    }
    Ok(rounded)
}

/// Rounds finite `x` to a multiple of 10^k (k ≥ 1), ties to even, exactly.
fn round_to_power_of_ten(x: f64, k: u32) -> f64 {
    let bits = x.to_bits();
    let exp_bits = ((bits >> 52) & 0x7FF) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (mantissa, exp) = if exp_bits == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), exp_bits - 1075)
    };
    let pow10 = num_traits::pow(BigInt::from(10u32), k as usize);
    let (numerator, denominator) = if exp >= 0 {
        (BigInt::from(mantissa) << exp as usize, pow10)
    } else {
        (BigInt::from(mantissa), pow10 << exp.unsigned_abs() as usize)
    };
    let (mut q, r) = numerator.div_mod_floor(&denominator);
    let twice: BigInt = r << 1usize;
    if twice > denominator || (twice == denominator && q.is_odd()) {
        q += 1;
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    format!("{sign}{q}e{k}")
        .parse::<f64>()
        .unwrap_or(f64::INFINITY)
}

/// `round(x)` with no `ndigits`: nearest int, ties to even.
pub fn round_float_to_int(x: f64) -> Result<BigInt, FormatError> {
    if x.is_nan() {
        return Err(FormatError::FloatNanToInt);
    }
    if x.is_infinite() {
        return Err(FormatError::FloatInfinityToInt);
    }
    BigInt::from_f64(x.round_ties_even()).ok_or(FormatError::FloatInfinityToInt)
}

/// `int(x)` for a float: truncation toward zero, with CPython's errors for nan/inf.
pub fn float_to_int(x: f64) -> Result<BigInt, FormatError> {
    if x.is_nan() {
        return Err(FormatError::FloatNanToInt);
    }
    if x.is_infinite() {
        return Err(FormatError::FloatInfinityToInt);
    }
    BigInt::from_f64(x.trunc()).ok_or(FormatError::FloatInfinityToInt)
}

/// `round(v, ndigits)` for an int: unchanged for `ndigits >= 0`, else to the nearest
/// multiple of 10^-ndigits, ties to even (`round(1250, -2)` is 1200).
pub fn round_int(v: &BigInt, ndigits: i64) -> BigInt {
    if ndigits >= 0 {
        return v.clone();
    }
    let k = ndigits.unsigned_abs();
    // |v| < 2^bits < 10^(bits/3 + 1), so for larger k, 10^k > 2|v| and the result is 0;
    // this also keeps a huge k from building a huge power of ten.
    if k > v.bits() / 3 + 2 {
        return BigInt::zero();
    }
    let pow10 = num_traits::pow(BigInt::from(10u32), k as usize);
    let (mut q, r) = v.div_mod_floor(&pow10);
    let twice: BigInt = r << 1usize;
    if twice > pow10 || (twice == pow10 && q.is_odd()) {
        q += 1;
    }
    q * pow10
}
