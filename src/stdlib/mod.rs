//! Pure-Rust cores of CPython standard-library modules whose results must match CPython
//! bit for bit. Nothing here knows about the interpreter's value types: functions take and
//! return plain Rust numbers (`f64`, `i64`, `BigInt`, slices), so the VM wraps them as
//! module functions and maps their typed errors onto Python exceptions.

pub mod math;
pub mod random;
