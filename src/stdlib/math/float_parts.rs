//! Exact conversions between floats, their binary parts, and big integers.
//!
//! These are the operations where CPython is exact (or correctly rounded) by construction:
//! `frexp`/`ldexp`/`modf`/`nextafter`/`ulp`, `int(float)` as used by `floor`/`ceil`/`trunc`,
//! and `float(int)` with round-half-even. Everything is done on the IEEE bit patterns so the
//! results do not depend on any libm.

use super::error::MathError;
use num_bigint::{BigInt, BigUint, Sign};
use num_traits::{ToPrimitive, Zero};

const MANT_BITS: u32 = 52;
const EXP_BIAS: i64 = 1023;
const MANT_MASK: u64 = (1u64 << MANT_BITS) - 1;
const TWO_POW_63: f64 = 9_223_372_036_854_775_808.0;

/// Splits a finite non-zero `x` into `(negative, m, e)` with `|x| = m * 2**e` exactly and
/// `2**52 <= m < 2**53` (subnormals are normalised).
fn decompose(x: f64) -> (bool, u64, i64) {
    let bits = x.to_bits();
    let negative = bits >> 63 == 1;
    let biased = ((bits >> MANT_BITS) & 0x7ff) as i64;
    let frac = bits & MANT_MASK;
    if biased == 0 {
        // Subnormal: value = frac * 2**-1074; shift frac up until bit 52 is set.
        let shift = frac.leading_zeros() as i64 - 11;
        (negative, frac << shift, -1074 - shift)
    } else {
        (
            negative,
            frac | (1u64 << MANT_BITS),
            biased - EXP_BIAS - MANT_BITS as i64,
        )
    }
}

/// Builds `±m * 2**e` rounded once to the nearest float (ties to even), where `m` is any
/// non-zero integer below 2**64 and `sticky` says whether nonzero bits below `m` were
/// already dropped (they break ties upward). Returns ±inf when the result overflows.
fn compose(negative: bool, m: u64, e: i64, sticky: bool) -> f64 {
    let sign = if negative { 1u64 << 63 } else { 0 };
    // Normalise m so its top bit sits at position 63.
    let lz = m.leading_zeros() as i64;
    let m = m << lz;
    let e = e - lz;
    // Value = m * 2**e with m in [2**63, 2**64): the leading bit has weight 2**(e + 63).
    let top = e + 63;
    if top > 1023 {
        return f64::from_bits(sign | 0x7ff0_0000_0000_0000);
    }
    // Number of low bits of m that cannot be kept: 11 for a normal result, more if subnormal.
    let drop = if top >= -1022 { 11 } else { 11 + (-1022 - top) };
    if drop >= 65 {
        // Far below half of the smallest subnormal.
        return f64::from_bits(sign);
    }
    let (kept, half, rest) = if drop == 64 {
        (0u64, m >> 63 == 1, (m << 1) != 0 || sticky)
    } else {
        let kept = m >> drop;
        let half = (m >> (drop - 1)) & 1 == 1;
        let rest_mask = (1u64 << (drop - 1)) - 1;
        (kept, half, (m & rest_mask) != 0 || sticky)
    };
    let round_up = half && (rest || kept & 1 == 1);
    let kept = kept + u64::from(round_up);
    let bits = if top >= -1022 {
        // kept has 53 bits (or 54 after a carry, which bumps the exponent through the add).
        let biased = (top + EXP_BIAS) as u64;
        (biased << MANT_BITS) + (kept - (1u64 << MANT_BITS))
    } else {
        // Subnormal encoding; a carry into bit 52 yields the smallest normal automatically.
        kept
    };
    if bits >= 0x7ff0_0000_0000_0000 {
        return f64::from_bits(sign | 0x7ff0_0000_0000_0000);
    }
    f64::from_bits(sign | bits)
}

/// `math.frexp(x)`: `(m, e)` with `x == m * 2**e`, `0.5 <= |m| < 1`; `(x, 0)` for zeros,
/// infinities and NaNs.
pub fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let (negative, m, e) = decompose(x);
    let sign = if negative { 1u64 << 63 } else { 0 };
    // m * 2**e = (m * 2**-53) * 2**(e + 53) and m * 2**-53 is in [0.5, 1): exponent field 1022.
    let mantissa = f64::from_bits(sign | (1022u64 << MANT_BITS) | (m & MANT_MASK));
    (mantissa, (e + 53) as i32)
}

/// `math.ldexp(x, i)` for an exponent that fits in an `i64` (CPython clamps larger ints to
/// `LONG_MIN`/`LONG_MAX`, which behave identically: see [`ldexp_bigint`]).
pub fn ldexp(x: f64, i: i64) -> Result<f64, MathError> {
    if x == 0.0 || !x.is_finite() {
        return Ok(x);
    }
    if i > i64::from(i32::MAX) {
        return Err(MathError::Range);
    }
    if i < i64::from(i32::MIN) {
        return Ok(0.0f64.copysign(x));
    }
    let (negative, m, e) = decompose(x);
    let r = compose(negative, m, e + i, false);
    if r.is_infinite() {
        return Err(MathError::Range);
    }
    Ok(r)
}

/// `math.ldexp(x, i)` with an arbitrary int exponent.
pub fn ldexp_bigint(x: f64, i: &BigInt) -> Result<f64, MathError> {
    let clamped = i.to_i64().unwrap_or(if i.sign() == Sign::Minus {
        i64::MIN
    } else {
        i64::MAX
    });
    ldexp(x, clamped)
}

/// `math.modf(x)`: `(fractional, integral)`, both carrying the sign of `x`.
pub fn modf(x: f64) -> (f64, f64) {
    if x.is_infinite() {
        return (0.0f64.copysign(x), x);
    }
    if x.is_nan() {
        return (x, x);
    }
    let int_part = x.trunc();
    ((x - int_part).copysign(x), int_part)
}

/// `math.nextafter(x, y)`: the float adjacent to `x` in the direction of `y`.
pub fn nextafter(x: f64, y: f64) -> f64 {
    if x.is_nan() || y.is_nan() {
        return x + y;
    }
    if x == y {
        return y;
    }
    if x == 0.0 {
        return f64::from_bits(1).copysign(y);
    }
    let bits = x.to_bits();
    // Moving away from zero increments the magnitude bits; towards zero decrements them.
    let away = (y > x) == (x > 0.0);
    f64::from_bits(if away { bits + 1 } else { bits - 1 })
}

/// `math.ulp(x)`: the value of the least significant bit of `x`.
pub fn ulp(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    let x = x.abs();
    if x.is_infinite() {
        return x;
    }
    let up = nextafter(x, f64::INFINITY);
    if up.is_infinite() {
        return x - nextafter(x, f64::NEG_INFINITY);
    }
    up - x
}

/// `int(x)` for a float: truncation towards zero, exactly, with CPython's errors.
pub fn f64_to_bigint(x: f64) -> Result<BigInt, MathError> {
    if x.is_nan() {
        return Err(MathError::FloatNanToInt);
    }
    if x.is_infinite() {
        return Err(MathError::FloatInfinityToInt);
    }
    let t = x.trunc();
    if t.abs() < TWO_POW_63 {
        return Ok(BigInt::from(t as i64));
    }
    let (negative, m, e) = decompose(t);
    // |t| >= 2**63, so e > 0 and the value is m shifted left.
    let magnitude = BigUint::from(m) << (e as u64);
    Ok(BigInt::from_biguint(
        if negative { Sign::Minus } else { Sign::Plus },
        magnitude,
    ))
}

/// `math.floor(x)` for a float.
pub fn floor(x: f64) -> Result<BigInt, MathError> {
    f64_to_bigint(x.floor())
}

/// `math.ceil(x)` for a float.
pub fn ceil(x: f64) -> Result<BigInt, MathError> {
    f64_to_bigint(x.ceil())
}

/// `math.trunc(x)` for a float.
pub fn trunc(x: f64) -> Result<BigInt, MathError> {
    f64_to_bigint(x)
}

/// Rounds `|n|` (non-zero) to 53 significant bits, ties to even, as CPython's
/// `_PyLong_Frexp` does: returns `(m, e)` with `|n| ≈ m * 2**e` and `2**52 <= m < 2**53`.
fn round_magnitude_53(n: &BigUint) -> (u64, i64) {
    let bits = n.bits();
    if bits <= 53 {
        let v = n.to_u64().unwrap_or(0);
        let shift = 53 - bits;
        return (v << shift, -(shift as i64));
    }
    let shift = bits - 53;
    let top = (n >> shift).to_u64().unwrap_or(0);
    let half = n.bit(shift - 1);
    let rest = shift >= 2 && n.trailing_zeros().is_some_and(|tz| tz < shift - 1);
    let mut m = top;
    if half && (rest || m & 1 == 1) {
        m += 1;
    }
    let mut e = shift as i64;
    if m == 1u64 << 53 {
        m >>= 1;
        e += 1;
    }
    (m, e)
}

/// `float(n)` for an int: correctly rounded (ties to even), OverflowError beyond the range.
pub fn int_to_f64(n: &BigInt) -> Result<f64, MathError> {
    if let Some(small) = n.to_i64() {
        // Rust's integer-to-float cast rounds to nearest, ties to even.
        return Ok(small as f64);
    }
    let (m, e) = round_magnitude_53(n.magnitude());
    // m has exactly 53 bits, so the leading bit weighs 2**(e + 52).
    if e + 52 > 1023 {
        return Err(MathError::IntTooLargeForFloat);
    }
    Ok(compose(n.sign() == Sign::Minus, m, e, false))
}

/// CPython's `_PyLong_Frexp`: `(x, e)` with `n ≈ x * 2**e`, `0.5 <= |x| < 1`, `x` being the
/// 53-bit round-half-even mantissa. Works for ints of any size. `n` must be non-zero;
/// zero gives `(0.0, 0)`.
pub fn bigint_frexp(n: &BigInt) -> (f64, u64) {
    if n.is_zero() {
        return (0.0, 0);
    }
    let (m, e) = round_magnitude_53(n.magnitude());
    let x = m as f64 / 9_007_199_254_740_992.0; // exact: m < 2**53, divisor 2**53
    let x = if n.sign() == Sign::Minus { -x } else { x };
    // m * 2**e == (m / 2**53) * 2**(e + 53); e + 53 >= 1 because n >= 1.
    (x, (e + 53) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compose_rounds_subnormals_half_even() {
        // 3 * 2**-1076 = 0.75 * 2**-1074 rounds up to the smallest subnormal.
        assert_eq!(compose(false, 3, -1076, false).to_bits(), 1);
        // 2**-1075 is exactly half the smallest subnormal: ties to even gives 0.
        assert_eq!(compose(false, 1, -1075, false).to_bits(), 0);
        // ... unless a sticky bit says it was slightly more.
        assert_eq!(compose(false, 1, -1075, true).to_bits(), 1);
    }

    #[test]
    fn decompose_roundtrips() {
        for &x in &[
            1.0,
            -2.5,
            5e-324,
            2.2250738585072014e-308,
            1.7976931348623157e308,
            3.0e-310,
        ] {
            let (neg, m, e) = decompose(x);
            assert_eq!(compose(neg, m, e, false).to_bits(), x.to_bits());
        }
    }
}
