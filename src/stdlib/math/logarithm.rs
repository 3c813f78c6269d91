//! `math.log`, `math.log2`, `math.log10` for floats and for ints of any size.
//!
//! CPython's `loghelper` treats int arguments specially: a non-positive int is a domain
//! error, an int that converts to float is logged as that float, and a larger one is
//! decomposed as `x * 2**e` (x the 53-bit rounded mantissa) and logged as
//! `log(x) + log(2) * e`. `math.log(x, base)` is `log(x) / log(base)` computed from two
//! such results, with ZeroDivisionError when `log(base)` is zero.

use super::error::MathError;
use super::float_parts::{bigint_frexp, int_to_f64};
use num_bigint::{BigInt, Sign};

/// Which logarithm; each has CPython's own special-value wrapper around libm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogKind {
    Natural,
    Base2,
    Base10,
}

impl LogKind {
    /// The libm function with CPython's `m_log`/`m_log2`/`m_log10` special-value handling,
    /// reported through `math_1(..., can_overflow=0)`.
    fn of_float(self, x: f64) -> Result<f64, MathError> {
        if x.is_nan() {
            return Ok(x);
        }
        if x == f64::INFINITY {
            return Ok(x);
        }
        if x <= 0.0 {
            // log(0) = -inf (a singularity) and log(negative) = nan: both ValueError.
            return Err(MathError::Domain);
        }
        Ok(self.raw(x))
    }

    fn raw(self, x: f64) -> f64 {
        match self {
            LogKind::Natural => x.ln(),
            LogKind::Base2 => x.log2(),
            LogKind::Base10 => x.log10(),
        }
    }

    /// CPython's `loghelper` for an int argument.
    fn of_int(self, n: &BigInt) -> Result<f64, MathError> {
        if n.sign() != Sign::Plus {
            return Err(MathError::Domain);
        }
        match int_to_f64(n) {
            Ok(x) => Ok(self.raw(x)),
            Err(_) => {
                let (x, e) = bigint_frexp(n);
                Ok(self.raw(x) + self.raw(2.0) * e as f64)
            }
        }
    }
}

/// An argument to the log functions: CPython distinguishes ints from floats.
#[derive(Debug, Clone, Copy)]
pub enum LogArg<'a> {
    Float(f64),
    Int(&'a BigInt),
}

fn log_kind(kind: LogKind, x: LogArg<'_>) -> Result<f64, MathError> {
    match x {
        LogArg::Float(f) => kind.of_float(f),
        LogArg::Int(n) => kind.of_int(n),
    }
}

/// `math.log(x[, base])` for any mix of int and float arguments.
pub fn log_of(x: LogArg<'_>, base: Option<LogArg<'_>>) -> Result<f64, MathError> {
    let num = log_kind(LogKind::Natural, x)?;
    let Some(base) = base else {
        return Ok(num);
    };
    let den = log_kind(LogKind::Natural, base)?;
    if den == 0.0 {
        return Err(MathError::FloatDivisionByZero);
    }
    Ok(num / den)
}

/// `math.log(x[, base])` for a float `x` and float base.
pub fn log(x: f64, base: Option<f64>) -> Result<f64, MathError> {
    log_of(LogArg::Float(x), base.map(LogArg::Float))
}

/// `math.log(n[, base])` for an int `n` of any size and a float base.
pub fn log_bigint(n: &BigInt, base: Option<f64>) -> Result<f64, MathError> {
    log_of(LogArg::Int(n), base.map(LogArg::Float))
}

/// `math.log2(x)` for a float.
pub fn log2(x: f64) -> Result<f64, MathError> {
    LogKind::Base2.of_float(x)
}

/// `math.log2(n)` for an int of any size.
pub fn log2_bigint(n: &BigInt) -> Result<f64, MathError> {
    LogKind::Base2.of_int(n)
}

/// `math.log10(x)` for a float.
pub fn log10(x: f64) -> Result<f64, MathError> {
    LogKind::Base10.of_float(x)
}

/// `math.log10(n)` for an int of any size.
pub fn log10_bigint(n: &BigInt) -> Result<f64, MathError> {
    LogKind::Base10.of_int(n)
}
