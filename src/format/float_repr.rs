//! `repr(float)` (which is also `str(float)` in Python 3): the shortest digits that round-trip,
//! laid out as CPython does — fixed notation with a trailing `.0` for integral values when the
//! decimal exponent is in [-4, 16), scientific (`1e+16`, `1.5e-05`) otherwise.
//!
//! This is on the hot path of every `print(x)` of a float, so it builds the result with one
//! allocation and keeps its scratch digits on the stack.

use super::double_to_string::shortest;
use std::fmt::Write as _;

/// Exactly CPython's `repr(x)` for a float.
pub fn float_repr(x: f64) -> String {
    let mut out = String::with_capacity(24);
    write_float_repr(x, &mut out);
    out
}

/// Appends `repr(x)` to `out`, for callers assembling larger text (list reprs, `print`).
pub fn write_float_repr(x: f64, out: &mut String) {
    if x.is_nan() {
        out.push_str("nan");
        return;
    }
    if x.is_infinite() {
        out.push_str(if x < 0.0 { "-inf" } else { "inf" });
        return;
    }
    let short = shortest(x);
    let digits = short.digits();
    let decpt = short.decpt as i32;
    let exp = decpt - 1;

    if x.is_sign_negative() {
        out.push('-');
    }
    let push_digits = |out: &mut String, ds: &[u8]| out.extend(ds.iter().map(|&b| b as char));
    if decpt <= -4 || decpt > 16 {
        // d[.ddd]e±XX
        let (first, rest) = digits.split_at(digits.len().min(1));
        push_digits(out, first);
        if !rest.is_empty() {
            out.push('.');
            push_digits(out, rest);
        }
        out.push('e');
        out.push(if exp < 0 { '-' } else { '+' });
        if exp.unsigned_abs() < 10 {
            out.push('0');
        }
        let _ = write!(out, "{}", exp.unsigned_abs());
    } else if decpt <= 0 {
        out.push_str("0.");
        for _ in 0..-decpt {
            out.push('0');
        }
        push_digits(out, digits);
    } else {
        let point = decpt as usize;
        if digits.len() > point {
            let (int_part, frac_part) = digits.split_at(point);
            push_digits(out, int_part);
            out.push('.');
            push_digits(out, frac_part);
        } else {
            push_digits(out, digits);
            for _ in digits.len()..point {
                out.push('0');
            }
            out.push_str(".0");
        }
    }
}
