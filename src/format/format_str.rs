//! `str.__format__`: CPython's `format_string_internal`. Width, precision and padding count
//! characters (code points), never bytes.

use super::error::{FormatError, SpecTarget};
use super::number_layout::check_width;
use super::spec::{resolve_grouping, Align, FormatSpec, Sign};

/// `format(s, spec)` for a str. `type_name` only appears in error messages.
pub fn format_str(s: &str, spec: &FormatSpec, type_name: &str) -> Result<String, FormatError> {
    let kind = spec.kind.unwrap_or('s');
    resolve_grouping(spec.grouping, kind)?;
    if kind != 's' {
        return Err(FormatError::UnknownFormatCode {
            kind,
            type_name: type_name.to_string(),
        });
    }
    match spec.sign {
        Sign::Default => {}
        Sign::Space => return Err(FormatError::StrSpaceNotAllowed),
        Sign::Plus | Sign::Minus => return Err(FormatError::StrSignNotAllowed),
    }
    if spec.no_neg_zero {
        return Err(FormatError::NegativeZeroNotAllowed(SpecTarget::String));
    }
    if spec.alternate {
        return Err(FormatError::StrAlternateNotAllowed);
    }
    if spec.align == Some(Align::AfterSign) {
        return Err(FormatError::StrEqualsAlignNotAllowed);
    }
    check_width(spec)?;
    pad_str(
        s,
        spec.precision,
        spec.width,
        spec.align.unwrap_or(Align::Left),
        spec.fill,
    )
}

/// Truncates `s` to `precision` chars and pads it to `width` (CPython's `calc_padding`;
/// centring puts the odd fill char on the right).
fn pad_str(
    s: &str,
    precision: Option<usize>,
    width: Option<usize>,
    align: Align,
    fill: char,
) -> Result<String, FormatError> {
    let body = match precision {
        Some(p) => match s.char_indices().nth(p) {
            Some((end, _)) => s.get(..end).unwrap_or(s),
            None => s,
        },
        None => s,
    };
    // A string of N bytes has at least N/4 chars: only count when padding might apply.
    let padding = match width {
        Some(w) if w > body.len() / 4 => w.saturating_sub(body.chars().count()),
        _ => 0,
    };
    let lpad = match align {
        Align::Right => padding,
        Align::Center => padding / 2,
        Align::Left | Align::AfterSign => 0,
    };
    let rpad = padding - lpad;
    let mut out = String::with_capacity(body.len() + padding * fill.len_utf8());
    out.extend(std::iter::repeat_n(fill, lpad));
    out.push_str(body);
    out.extend(std::iter::repeat_n(fill, rpad));
    Ok(out)
}
