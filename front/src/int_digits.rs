//! The process's limit on decimal digits in an int conversion (CPython's
//! `sys.get_int_max_str_digits()`, CVE-2020-10735): decimal conversion is quadratic, so
//! CPython refuses long ones unless the program asks for them.
//!
//! The limit lives here, in the lowest layer that converts digits, because it guards
//! both the literals the lexer reads and the runtime's `int(str)` / `str(int)`: one
//! setting, read by both, so that `exec` of a long literal after
//! `sys.set_int_max_str_digits` succeeds as it does in CPython.

use std::sync::atomic::{AtomicUsize, Ordering};

/// CPython's default limit.
pub const DEFAULT: usize = 4300;

/// The smallest limit `sys.set_int_max_str_digits` accepts other than 0 (CPython's
/// `sys.int_info.str_digits_check_threshold`).
pub const THRESHOLD: usize = 640;

/// `0` means no limit. CPython keeps it per interpreter, and apy runs one per process.
static LIMIT: AtomicUsize = AtomicUsize::new(DEFAULT);

/// The current limit (`0` = none).
pub fn limit() -> usize {
    LIMIT.load(Ordering::Relaxed)
}

/// Sets the limit; the caller has checked `n` against [`THRESHOLD`].
pub fn set_limit(n: usize) {
    LIMIT.store(n, Ordering::Relaxed);
}
