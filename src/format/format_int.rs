//! `int.__format__`: CPython's `format_long_internal`, plus the conversion to float for the
//! float presentation types (`e E f F g G %`).

use super::error::{FormatError, SpecTarget};
use super::format_float::format_float_checked;
use super::int_text::int_to_decimal;
use super::number_layout::{layout_number, NumberParts};
use super::spec::{resolve_grouping, FormatSpec, Sign as SpecSign};
use num_bigint::{BigInt, Sign};
use num_traits::ToPrimitive;

/// `format(v, spec)` for an int (or bool: pass `type_name` `"bool"`; it only shows in
/// messages). An empty spec must be handled by the caller as `str(v)` — for exact ints that
/// is what this returns too, but for bool it is `'True'`.
pub fn format_int(v: &BigInt, spec: &FormatSpec, type_name: &str) -> Result<String, FormatError> {
    let kind = spec.kind.unwrap_or('d');
    let grouping = resolve_grouping(spec.grouping, kind)?;
    match kind {
        'b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n' => format_long(v, spec, kind, grouping),
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => {
            let x = int_to_f64(v)?;
            format_float_checked(x, spec, kind, grouping)
        }
        _ => Err(FormatError::UnknownFormatCode {
            kind,
            type_name: type_name.to_string(),
        }),
    }
}

/// `float(v)` for an int: correctly rounded, OverflowError beyond the f64 range.
pub fn int_to_f64(v: &BigInt) -> Result<f64, FormatError> {
    match v.to_f64() {
        Some(x) if x.is_finite() => Ok(x),
        _ => Err(FormatError::IntTooLargeForFloat),
    }
}

fn format_long(
    v: &BigInt,
    spec: &FormatSpec,
    kind: char,
    grouping: Option<(char, usize)>,
) -> Result<String, FormatError> {
    if spec.precision.is_some() {
        return Err(FormatError::IntPrecisionNotAllowed);
    }
    if spec.no_neg_zero {
        return Err(FormatError::NegativeZeroNotAllowed(SpecTarget::Integer));
    }
    if kind == 'c' {
        if spec.sign != SpecSign::Default {
            return Err(FormatError::CharSignNotAllowed);
        }
        if spec.alternate {
            return Err(FormatError::CharAlternateNotAllowed);
        }
        let code = v.to_i64().ok_or(FormatError::IntTooLargeForCLong)?;
        let c = u32::try_from(code)
            .ok()
            .filter(|&c| c <= 0x10FFFF)
            .ok_or(FormatError::CharOutOfRange)?;
        // Lone surrogates cannot live in a Rust string; U+FFFD stands in for them.
        let ch = char::from_u32(c).unwrap_or('\u{FFFD}');
        let mut buf = [0u8; 4];
        let parts = NumberParts {
            negative: false,
            prefix: "",
            digits: &[],
            has_decimal: false,
            remainder: ch.encode_utf8(&mut buf),
        };
        return layout_number(&parts, spec, grouping);
    }
    let (base, prefix) = match kind {
        'b' => (2, "0b"),
        'o' => (8, "0o"),
        'x' => (16, "0x"),
        'X' => (16, "0X"),
        _ => (10, ""),
    };
    let digits = if base == 10 {
        let mut text = int_to_decimal(v)?;
        if v.sign() == Sign::Minus {
            text.remove(0);
        }
        text
    } else {
        let mut text = v.magnitude().to_str_radix(base);
        if kind == 'X' {
            text.make_ascii_uppercase();
        }
        text
    };
    let parts = NumberParts {
        negative: v.sign() == Sign::Minus,
        prefix: if spec.alternate { prefix } else { "" },
        digits: digits.as_bytes(),
        has_decimal: false,
        remainder: "",
    };
    // 'n' uses the C locale's (empty) grouping, never the spec's.
    layout_number(&parts, spec, if kind == 'n' { None } else { grouping })
}
