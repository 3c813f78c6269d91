//! CPython 3.11's `math` module as pure functions on plain Rust numbers.
//!
//! Every function returns exactly what CPython returns (same float bits, same ints) or a
//! [`MathError`] carrying CPython's exception class and message. Arguments are already
//! converted: the VM turns Python ints/floats/bools into `f64` (via [`int_to_f64`], whose
//! OverflowError is CPython's) or `BigInt` as each function's signature asks, handles
//! `__floor__`/`__ceil__`/`__trunc__`/`__index__` dispatch and TypeErrors itself, and
//! implements `math.prod`.
//!
//! Where CPython treats ints and floats differently the API has separate entry points:
//! `log`/`log2`/`log10` (huge ints are fine: [`log_bigint`]), `floor`/`ceil`/`trunc` (an int
//! argument is returned unchanged by the VM), `ldexp` (exponent as `i64` or `BigInt`).

mod elementary;
mod error;
mod float_parts;
mod gamma;
mod glibc;
mod integer;
mod logarithm;
mod summation;

pub use elementary::{
    acos, acosh, asin, asinh, atan, atan2, atanh, cbrt, copysign, cos, cosh, degrees, erf, erfc,
    exp, exp2, expm1, fabs, fmod, isclose, isfinite, isinf, isnan, log1p, pow, radians, remainder,
    sin, sinh, sqrt, tan, tanh, ISCLOSE_ABS_TOL, ISCLOSE_REL_TOL,
};
pub use error::{MathError, C_LONG_MAX};
pub use float_parts::{
    bigint_frexp, ceil, f64_to_bigint, floor, frexp, int_to_f64, ldexp, ldexp_bigint, modf,
    nextafter, trunc, ulp,
};
pub use gamma::{gamma, lgamma};
pub use integer::{comb, factorial, gcd, isqrt, lcm, perm};
pub use logarithm::{log, log10, log10_bigint, log2, log2_bigint, log_bigint, log_of, LogArg};
pub use summation::{dist, fsum, hypot, FsumAccumulator};

/// `math.pi`.
pub const PI: f64 = std::f64::consts::PI;
/// `math.e`.
pub const E: f64 = std::f64::consts::E;
/// `math.tau`.
pub const TAU: f64 = std::f64::consts::TAU;
/// `math.inf`.
pub const INF: f64 = f64::INFINITY;
/// `math.nan` (CPython's is the positive quiet NaN, like `f64::NAN`).
pub const NAN: f64 = f64::NAN;
