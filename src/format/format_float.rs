//! `float.__format__`: CPython's `format_float_internal`.
//!
//! No type code behaves like `repr` when no precision is given, else like `g` but always
//! with a digit after the point when in fixed notation (`format(1e16, '')` → `1e+16`,
//! `format(1.5, '.3')` → `1.5`, `format(123456789.0, '.3')` → `1.23e+08`). `n` is `g` in the
//! C locale. `%` multiplies by 100 in floating point (as CPython does) and formats as `f`.

use super::double_to_string::{double_to_string, Flags, Mode};
use super::error::FormatError;
use super::number_layout::{layout_number, NumberParts};
use super::spec::{resolve_grouping, FormatSpec, Sign};

/// `format(v, spec)` for a float. `type_name` only appears in error messages.
pub fn format_float(v: f64, spec: &FormatSpec, type_name: &str) -> Result<String, FormatError> {
    let kind = spec.kind.unwrap_or('\0');
    let grouping = resolve_grouping(spec.grouping, kind)?;
    match kind {
        '\0' | 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%' => {
            format_float_checked(v, spec, kind, grouping)
        }
        _ => Err(FormatError::UnknownFormatCode {
            kind,
            type_name: type_name.to_string(),
        }),
    }
}

/// The formatting proper, once the type code is known to be a float one and the grouping
/// has been validated (shared with ints formatted as floats).
pub(crate) fn format_float_checked(
    v: f64,
    spec: &FormatSpec,
    kind: char,
    grouping: Option<(char, usize)>,
) -> Result<String, FormatError> {
    if spec.precision.is_some_and(|p| p > i32::MAX as usize) {
        return Err(FormatError::PrecisionTooBig);
    }
    let mut flags = Flags {
        upper: matches!(kind, 'E' | 'F' | 'G'),
        add_dot_0: false,
        alternate: spec.alternate,
        no_neg_zero: spec.no_neg_zero,
    };
    let mut default_precision = 6;
    let mut mode = match kind {
        'e' | 'E' => Mode::Exponent,
        'f' | 'F' => Mode::Fixed,
        'g' | 'G' | 'n' => Mode::General,
        '%' => Mode::Fixed,
        _ => {
            flags.add_dot_0 = true;
            default_precision = 0;
            Mode::Repr
        }
    };
    let mut value = v;
    if kind == '%' {
        value *= 100.0;
    }
    let precision = match spec.precision {
        None => default_precision,
        Some(p) => {
            if mode == Mode::Repr {
                mode = Mode::General;
            }
            p
        }
    };
    let mut text = double_to_string(value, mode, precision, flags)?;
    if kind == '%' {
        text.push('%');
    }
    let fast = !matches!(spec.sign, Sign::Plus | Sign::Space)
        && spec.width.is_none()
        && kind != 'n'
        && spec.grouping.is_none();
    if fast {
        return Ok(text);
    }
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.as_str()),
    };
    let int_len = body.bytes().take_while(u8::is_ascii_digit).count();
    let (digits, after) = body.split_at(int_len);
    let (has_decimal, remainder) = match after.strip_prefix('.') {
        Some(rest) => (true, rest),
        None => (false, after),
    };
    let parts = NumberParts {
        negative,
        prefix: "",
        digits: digits.as_bytes(),
        has_decimal,
        remainder,
    };
    layout_number(&parts, spec, if kind == 'n' { None } else { grouping })
}
