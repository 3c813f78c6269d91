//! Placing a formatted number in its field: sign, `0x`-style prefix, padding, thousands
//! grouping — CPython's `calc_number_widths` + `fill_number` +
//! `_PyUnicode_InsertThousandsGrouping`, shared by int and float formatting.
//!
//! The field is `<lpad><sign><prefix><spad><grouped digits><decimal point><remainder><rpad>`,
//! and with fill `0` and `=` alignment the padding goes *into* the digits, so it gets
//! separators too (`format(1234, '010,')` is `'00,001,234'`).

use super::error::{FormatError, MAX_OUTPUT_CHARS};
use super::spec::{Align, FormatSpec, Sign};

/// A number split the way `fill_number` consumes it.
pub(crate) struct NumberParts<'a> {
    pub negative: bool,
    /// `0x`, `0B`, … (already in the wanted case), or empty.
    pub prefix: &'a str,
    /// ASCII digits before any decimal point; grouping applies to these only.
    pub digits: &'a [u8],
    pub has_decimal: bool,
    /// Everything after the decimal point (fraction, exponent, `%`), or the `c` character.
    pub remainder: &'a str,
}

/// Inserts separators (and, for zero-padding, leading zeros) exactly as CPython does.
fn group_digits(digits: &[u8], min_width: i64, grouping: Option<(char, usize)>) -> Vec<u8> {
    let mut min_width = min_width.max(0);
    let mut remaining = digits.len() as i64;
    let mut rev: Vec<u8> = Vec::with_capacity(digits.len() + digits.len() / 3 + min_width as usize);
    let mut pos = digits.len();
    let mut emit = |rev: &mut Vec<u8>, n_chars: i64, n_zeros: i64, sep: Option<u8>| {
        if let Some(sep) = sep {
            rev.push(sep);
        }
        for _ in 0..n_chars {
            pos = pos.saturating_sub(1);
            rev.push(digits.get(pos).copied().unwrap_or(b'0'));
        }
        for _ in 0..n_zeros {
            rev.push(b'0');
        }
    };
    match grouping {
        Some((sep, size)) => {
            // Separators are ',' or '_': ASCII.
            let sep = sep as u8;
            let size = size as i64;
            let mut use_sep = false;
            loop {
                let len = size.min(remaining.max(min_width).max(1));
                let n_zeros = (len - remaining).max(0);
                let n_chars = remaining.min(len).max(0);
                emit(&mut rev, n_chars, n_zeros, use_sep.then_some(sep));
                use_sep = true;
                remaining -= n_chars;
                min_width -= len;
                if remaining <= 0 && min_width <= 0 {
                    break;
                }
                min_width -= 1;
            }
        }
        None => {
            let len = remaining.max(min_width).max(1);
            let n_zeros = (len - remaining).max(0);
            let n_chars = remaining.min(len).max(0);
            emit(&mut rev, n_chars, n_zeros, None);
        }
    }
    rev.reverse();
    rev
}

fn push_fill(out: &mut String, fill: char, n: i64) {
    for _ in 0..n.max(0) {
        out.push(fill);
    }
}

/// Refuses widths whose padding alone would be an absurd allocation.
pub(crate) fn check_width(spec: &FormatSpec) -> Result<(), FormatError> {
    match spec.width {
        Some(w) if w.saturating_mul(spec.fill.len_utf8()) > MAX_OUTPUT_CHARS => {
            Err(FormatError::OutOfMemory)
        }
        _ => Ok(()),
    }
}

/// Lays out `parts` in the field `spec` describes. `grouping` is the resolved separator and
/// group size (see `resolve_grouping`); `None` means no separators.
pub(crate) fn layout_number(
    parts: &NumberParts<'_>,
    spec: &FormatSpec,
    grouping: Option<(char, usize)>,
) -> Result<String, FormatError> {
    check_width(spec)?;
    let align = spec.align.unwrap_or(if spec.zero_pad {
        Align::AfterSign
    } else {
        Align::Right
    });
    let sign = match spec.sign {
        Sign::Plus => Some(if parts.negative { '-' } else { '+' }),
        Sign::Space => Some(if parts.negative { '-' } else { ' ' }),
        Sign::Default | Sign::Minus => parts.negative.then_some('-'),
    };
    let n_remainder = parts.remainder.chars().count();
    let non_digit = i64::from(sign.is_some())
        + parts.prefix.len() as i64
        + i64::from(parts.has_decimal)
        + n_remainder as i64;
    let width = spec.width.map_or(-1, |w| w as i64);
    let min_width = if spec.fill == '0' && align == Align::AfterSign {
        width - non_digit
    } else {
        0
    };
    let grouped = if parts.digits.is_empty() {
        Vec::new()
    } else {
        group_digits(parts.digits, min_width, grouping)
    };
    let padding = (width - (non_digit + grouped.len() as i64)).max(0);
    let (lpad, spad, rpad) = match align {
        Align::Left => (0, 0, padding),
        Align::Right => (padding, 0, 0),
        Align::Center => (padding / 2, 0, padding - padding / 2),
        Align::AfterSign => (0, padding, 0),
    };
    let mut out = String::with_capacity(
        (padding as usize).saturating_mul(spec.fill.len_utf8())
            + grouped.len()
            + parts.prefix.len()
            + parts.remainder.len()
            + 2,
    );
    push_fill(&mut out, spec.fill, lpad);
    if let Some(sign) = sign {
        out.push(sign);
    }
    out.push_str(parts.prefix);
    push_fill(&mut out, spec.fill, spad);
    out.extend(grouped.iter().map(|&b| b as char));
    if parts.has_decimal {
        out.push('.');
    }
    out.push_str(parts.remainder);
    push_fill(&mut out, spec.fill, rpad);
    Ok(out)
}
