//! Numbers and strings to text and back, exactly as CPython 3.11 prints and parses them:
//! `repr(float)`, the format-spec mini-language (`format()`, f-strings, `str.format`),
//! `round()`, `int(s, base)`, `float(s)`, `repr(str)`, `repr(bytes)`, `bin`/`oct`/`hex`.
//!
//! This layer knows nothing of the interpreter's value types: it works on `f64`, `&str`,
//! `BigInt`, and reports failures as [`FormatError`], whose `Display` is CPython's exact
//! message and whose [`FormatError::exception_kind`] names the exception class.
//!
//! Entry points for `__format__`: parse once with [`parse_format_spec`], then call
//! [`format_int`], [`format_float`] or [`format_str`]; or use the `*_with_spec` shorthands.
//! CPython treats an empty spec as `str(value)` before parsing anything; the shorthands do
//! that for the exact types, but a bool must be answered `'True'`/`'False'` by the caller.

mod double_to_string;
mod error;
mod float_repr;
mod format_float;
mod format_int;
mod format_str;
mod int_text;
mod number_layout;
mod parse_number;
mod round;
mod spec;
mod str_repr;
mod unicode_props;
#[rustfmt::skip]
mod unicode_tables;

#[cfg(test)]
mod tests;

pub use error::{FormatError, SpecTarget};
pub use float_repr::{float_repr, write_float_repr};
pub use format_float::format_float;
pub use format_int::{format_int, int_to_f64};
pub use format_str::format_str;
pub use int_text::{
    int_max_str_digits, int_to_base, int_to_decimal, int_to_decimal_with_limit,
    set_int_max_str_digits, INT_MAX_STR_DIGITS, INT_MAX_STR_DIGITS_THRESHOLD,
};
pub use parse_number::{
    float_parse_error_message, int_parse_error_message, parse_float_literal, parse_int_literal,
    parse_int_literal_with_limit,
};
pub use round::{float_to_int, round_float, round_float_to_int, round_int};
pub use spec::{parse_format_spec, Align, FormatSpec, Grouping, Sign};
pub use str_repr::{bytes_repr, str_repr, write_str_repr};
pub use unicode_props::{decimal_value, is_printable, is_space};

use num_bigint::BigInt;

/// `format(v, spec)` for an exact int: `int.__format__`.
pub fn format_int_with_spec(v: &BigInt, spec: &str) -> Result<String, FormatError> {
    if spec.is_empty() {
        return int_to_decimal(v);
    }
    format_int(v, &parse_format_spec(spec, "int")?, "int")
}

/// `format(x, spec)` for an exact float: `float.__format__`.
pub fn format_float_with_spec(x: f64, spec: &str) -> Result<String, FormatError> {
    if spec.is_empty() {
        return Ok(float_repr(x));
    }
    format_float(x, &parse_format_spec(spec, "float")?, "float")
}

/// `format(s, spec)` for an exact str: `str.__format__`.
pub fn format_str_with_spec(s: &str, spec: &str) -> Result<String, FormatError> {
    if spec.is_empty() {
        return Ok(s.to_string());
    }
    format_str(s, &parse_format_spec(spec, "str")?, "str")
}
