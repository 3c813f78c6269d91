//! The errors `math` functions raise, each carrying CPython's exact exception class and text.
//!
//! The VM turns a [`MathError`] into a Python exception with [`MathError::exc_type`] as the
//! class name and the `Display` text as the message, so `str(e)` matches CPython verbatim.

use thiserror::Error;

/// `LLONG_MAX`/`LONG_MAX` on CPython's 64-bit builds, quoted in several overflow messages.
pub const C_LONG_MAX: i64 = i64::MAX;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum MathError {
    /// ValueError: invalid argument or singularity (libm's EDOM / a NaN from non-NaN input).
    #[error("math domain error")]
    Domain,
    /// OverflowError: the mathematical result is finite but too large for a float.
    #[error("math range error")]
    Range,
    /// ValueError from `math.factorial` (and `math.perm(n)` with one argument).
    #[error("factorial() not defined for negative values")]
    FactorialNegative,
    /// OverflowError from `math.factorial` for arguments beyond a C long.
    #[error("factorial() argument should not exceed {}", C_LONG_MAX)]
    FactorialTooLarge,
    /// ValueError from `math.isqrt`.
    #[error("isqrt() argument must be nonnegative")]
    IsqrtNegative,
    /// ValueError from `math.comb` / `math.perm`.
    #[error("n must be a non-negative integer")]
    NNegative,
    /// ValueError from `math.comb` / `math.perm`.
    #[error("k must be a non-negative integer")]
    KNegative,
    /// OverflowError from `math.perm` when `k <= n` but `k` exceeds a C long long.
    #[error("k must not exceed {}", C_LONG_MAX)]
    PermKTooLarge,
    /// OverflowError from `math.comb` when `min(k, n - k)` exceeds a C long long.
    #[error("min(n - k, k) must not exceed {}", C_LONG_MAX)]
    CombKTooLarge,
    /// OverflowError: `float(int)` of an int beyond the float range.
    #[error("int too large to convert to float")]
    IntTooLargeForFloat,
    /// OverflowError: `int(float)` (floor/ceil/trunc) of an infinity.
    #[error("cannot convert float infinity to integer")]
    FloatInfinityToInt,
    /// ValueError: `int(float)` (floor/ceil/trunc) of a NaN.
    #[error("cannot convert float NaN to integer")]
    FloatNanToInt,
    /// ValueError from `math.isclose`.
    #[error("tolerances must be non-negative")]
    NegativeTolerance,
    /// OverflowError from `math.fsum` when a finite partial sum overflows.
    #[error("intermediate overflow in fsum")]
    FsumOverflow,
    /// ValueError from `math.fsum` when both infinities were summed.
    #[error("-inf + inf in fsum")]
    FsumInfMinusInf,
    /// ValueError from `math.dist`.
    #[error("both points must have the same number of dimensions")]
    DistDimensionMismatch,
    /// ZeroDivisionError: `math.log(x, base)` with `log(base) == 0` (base 1).
    #[error("float division by zero")]
    FloatDivisionByZero,
}

impl MathError {
    /// The CPython exception class this error is raised as.
    pub fn exc_type(&self) -> &'static str {
        use MathError::*;
        match self {
            Domain
            | FactorialNegative
            | IsqrtNegative
            | NNegative
            | KNegative
            | FloatNanToInt
            | NegativeTolerance
            | FsumInfMinusInf
            | DistDimensionMismatch => "ValueError",
            Range | FactorialTooLarge | PermKTooLarge | CombKTooLarge | IntTooLargeForFloat
            | FloatInfinityToInt | FsumOverflow => "OverflowError",
            FloatDivisionByZero => "ZeroDivisionError",
        }
    }
}
