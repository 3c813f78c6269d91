//! The float functions CPython's `math` forwards to the platform libm, with its error rules.
//!
//! CPython wraps each libm call in `math_1`/`math_2`: a NaN produced from non-NaN inputs is
//! a ValueError ("math domain error"), an infinity produced from finite inputs is an
//! OverflowError ("math range error") when the function can overflow and a ValueError
//! (a singularity) otherwise. Rust's `f64` methods call the same system libm (glibc) that
//! CPython links against, except `asinh`/`acosh`/`atanh`, which Rust computes itself; those
//! come from [`super::glibc`], a port of glibc's code, so every result is bit-identical.

use super::error::MathError;
use super::glibc;

/// CPython's `math_1`: check a one-argument libm result against its argument.
fn math_1(x: f64, r: f64, can_overflow: bool) -> Result<f64, MathError> {
    if r.is_nan() && !x.is_nan() {
        return Err(MathError::Domain);
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if can_overflow {
            MathError::Range
        } else {
            MathError::Domain
        });
    }
    Ok(r)
}

/// CPython's `math_2`: check a two-argument libm result against its arguments.
fn math_2(x: f64, y: f64, r: f64) -> Result<f64, MathError> {
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(MathError::Domain);
    }
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(MathError::Range);
    }
    Ok(r)
}

macro_rules! libm_1 {
    ($(#[$doc:meta] $name:ident => $f:expr, $can_overflow:expr;)*) => {$(
        #[$doc]
        pub fn $name(x: f64) -> Result<f64, MathError> {
            let f: fn(f64) -> f64 = $f;
            math_1(x, f(x), $can_overflow)
        }
    )*};
}

libm_1! {
    /// `math.acos(x)`.
    acos => f64::acos, false;
    /// `math.acosh(x)`.
    acosh => glibc::acosh, false;
    /// `math.asin(x)`.
    asin => f64::asin, false;
    /// `math.asinh(x)`.
    asinh => glibc::asinh, false;
    /// `math.atan(x)`.
    atan => f64::atan, false;
    /// `math.atanh(x)`.
    atanh => glibc::atanh, false;
    /// `math.cbrt(x)` (new in 3.11).
    cbrt => glibc::cbrt, false;
    /// `math.cos(x)`.
    cos => f64::cos, false;
    /// `math.cosh(x)`.
    cosh => f64::cosh, true;
    /// `math.exp(x)`.
    exp => f64::exp, true;
    /// `math.exp2(x)` (new in 3.11).
    exp2 => f64::exp2, true;
    /// `math.expm1(x)`.
    expm1 => f64::exp_m1, true;
    /// `math.fabs(x)`.
    fabs => f64::abs, false;
    /// `math.log1p(x)`.
    log1p => f64::ln_1p, false;
    /// `math.sin(x)`.
    sin => f64::sin, false;
    /// `math.sinh(x)`.
    sinh => f64::sinh, true;
    /// `math.sqrt(x)`.
    sqrt => f64::sqrt, false;
    /// `math.tan(x)`.
    tan => f64::tan, false;
    /// `math.tanh(x)`.
    tanh => f64::tanh, false;
}

/// `math.erf(x)`; never raises.
pub fn erf(x: f64) -> f64 {
    glibc::erf(x)
}

/// `math.erfc(x)`; never raises.
pub fn erfc(x: f64) -> f64 {
    glibc::erfc(x)
}

/// `math.atan2(y, x)`, with CPython's own handling of infinities and zeros.
pub fn atan2(y: f64, x: f64) -> Result<f64, MathError> {
    use std::f64::consts::PI;
    let r = if x.is_nan() || y.is_nan() {
        f64::NAN
    } else if y.is_infinite() {
        if x.is_infinite() {
            if 1.0f64.copysign(x) == 1.0 {
                (0.25 * PI).copysign(y)
            } else {
                (0.75 * PI).copysign(y)
            }
        } else {
            (0.5 * PI).copysign(y)
        }
    } else if x.is_infinite() || y == 0.0 {
        if 1.0f64.copysign(x) == 1.0 {
            0.0f64.copysign(y)
        } else {
            PI.copysign(y)
        }
    } else {
        y.atan2(x)
    };
    math_2(y, x, r)
}

/// `math.copysign(x, y)`.
pub fn copysign(x: f64, y: f64) -> Result<f64, MathError> {
    math_2(x, y, x.copysign(y))
}

/// `math.fmod(x, y)` (C semantics: the result has the sign of `x`).
pub fn fmod(x: f64, y: f64) -> Result<f64, MathError> {
    if y.is_infinite() && x.is_finite() {
        return Ok(x);
    }
    let r = x % y;
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(MathError::Domain);
    }
    Ok(r)
}

/// CPython's `m_remainder`: IEEE 754 remainder, exact.
fn m_remainder(x: f64, y: f64) -> f64 {
    if x.is_finite() && y.is_finite() {
        if y == 0.0 {
            return f64::NAN;
        }
        let absx = x.abs();
        let absy = y.abs();
        let m = absx % absy;
        // Compare m with its complement rather than with 0.5*absy, which may be inexact.
        let c = absy - m;
        let r = if m < c {
            m
        } else if m > c {
            -c
        } else {
            // Halfway: pick the even multiple; every step here is exact.
            m - 2.0 * ((0.5 * (absx - m)) % absy)
        };
        return 1.0f64.copysign(x) * r;
    }
    if x.is_nan() {
        return x;
    }
    if y.is_nan() {
        return y;
    }
    if x.is_infinite() {
        return f64::NAN;
    }
    x
}

/// `math.remainder(x, y)`.
pub fn remainder(x: f64, y: f64) -> Result<f64, MathError> {
    math_2(x, y, m_remainder(x, y))
}

/// `math.pow(x, y)`, with CPython's IEEE special cases and its split between ValueError
/// (`0.0 ** negative`, `negative ** fraction`) and OverflowError.
pub fn pow(x: f64, y: f64) -> Result<f64, MathError> {
    if !x.is_finite() || !y.is_finite() {
        let r = if x.is_nan() {
            if y == 0.0 {
                1.0
            } else {
                x
            }
        } else if y.is_nan() {
            if x == 1.0 {
                1.0
            } else {
                y
            }
        } else if x.is_infinite() {
            let odd_y = y.is_finite() && (y.abs() % 2.0) == 1.0;
            if y > 0.0 {
                if odd_y {
                    x
                } else {
                    x.abs()
                }
            } else if y == 0.0 {
                1.0
            } else if odd_y {
                0.0f64.copysign(x)
            } else {
                0.0
            }
        } else if x.abs() == 1.0 {
            1.0
        } else if y > 0.0 && x.abs() > 1.0 {
            y
        } else if y < 0.0 && x.abs() < 1.0 {
            -y
        } else {
            0.0
        };
        return Ok(r);
    }
    let r = x.powf(y);
    if r.is_nan() {
        return Err(MathError::Domain);
    }
    if r.is_infinite() {
        return Err(if x == 0.0 {
            MathError::Domain
        } else {
            MathError::Range
        });
    }
    Ok(r)
}

/// `math.degrees(x)`.
pub fn degrees(x: f64) -> f64 {
    const RAD_TO_DEG: f64 = 180.0 / std::f64::consts::PI;
    x * RAD_TO_DEG
}

/// `math.radians(x)`.
pub fn radians(x: f64) -> f64 {
    const DEG_TO_RAD: f64 = std::f64::consts::PI / 180.0;
    x * DEG_TO_RAD
}

/// `math.isfinite(x)`.
pub fn isfinite(x: f64) -> bool {
    x.is_finite()
}

/// `math.isinf(x)`.
pub fn isinf(x: f64) -> bool {
    x.is_infinite()
}

/// `math.isnan(x)`.
pub fn isnan(x: f64) -> bool {
    x.is_nan()
}

/// `math.isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0)`.
pub fn isclose(a: f64, b: f64, rel_tol: f64, abs_tol: f64) -> Result<bool, MathError> {
    if rel_tol < 0.0 || abs_tol < 0.0 {
        return Err(MathError::NegativeTolerance);
    }
    if a == b {
        return Ok(true);
    }
    if a.is_infinite() || b.is_infinite() {
        return Ok(false);
    }
    let diff = (b - a).abs();
    Ok(diff <= (rel_tol * b).abs() || diff <= (rel_tol * a).abs() || diff <= abs_tol)
}

/// Default `rel_tol` of `math.isclose`.
pub const ISCLOSE_REL_TOL: f64 = 1e-09;
/// Default `abs_tol` of `math.isclose`.
pub const ISCLOSE_ABS_TOL: f64 = 0.0;
