//! `repr(float)` (which is also `str(float)` in Python 3): the shortest digits that round-trip,
//! laid out as CPython does — fixed notation with a trailing `.0` for integral values when the
//! decimal exponent is in [-4, 16), scientific (`1e+16`, `1.5e-05`) otherwise.
//!
//! This is on the hot path of every `print(x)` of a float, so it builds the result with one
//! allocation and keeps its scratch digits on the stack.

use super::double_to_string::shortest;

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
    let mut text = ReprBuf {
        bytes: [0; 40],
        len: 0,
    };
    layout(x.is_sign_negative(), short.digits(), short.decpt, &mut text);
    // Only ASCII was written, so this cannot fail.
    if let Ok(s) = std::str::from_utf8(text.as_bytes()) {
        out.push_str(s);
    }
}

/// Scratch for one repr: at most 17 digits, a sign, `0.000`, and `e+308`.
struct ReprBuf {
    bytes: [u8; 40],
    len: usize,
}

impl ReprBuf {
    fn push(&mut self, b: u8) {
        if let Some(slot) = self.bytes.get_mut(self.len) {
            *slot = b;
            self.len += 1;
        }
    }
    fn extend(&mut self, bs: &[u8]) {
        for &b in bs {
            self.push(b);
        }
    }
    fn as_bytes(&self) -> &[u8] {
        self.bytes.get(..self.len).unwrap_or(&[])
    }
}

fn layout(negative: bool, digits: &[u8], decpt: i64, out: &mut ReprBuf) {
    if negative {
        out.push(b'-');
    }
    if decpt <= -4 || decpt > 16 {
        // d[.ddd]e±XX
        let (first, rest) = digits.split_at(digits.len().min(1));
        out.extend(first);
        if !rest.is_empty() {
            out.push(b'.');
            out.extend(rest);
        }
        let exp = decpt - 1;
        out.push(b'e');
        out.push(if exp < 0 { b'-' } else { b'+' });
        // |exp| <= 324: at most three digits, at least two printed.
        let magnitude = exp.unsigned_abs();
        if magnitude >= 100 {
            out.push(b'0' + (magnitude / 100) as u8);
        }
        out.push(b'0' + (magnitude / 10 % 10) as u8);
        out.push(b'0' + (magnitude % 10) as u8);
    } else if decpt <= 0 {
        out.extend(b"0.");
        for _ in 0..-decpt {
            out.push(b'0');
        }
        out.extend(digits);
    } else {
        let point = decpt as usize;
        if digits.len() > point {
            let (int_part, frac_part) = digits.split_at(point);
            out.extend(int_part);
            out.push(b'.');
            out.extend(frac_part);
        } else {
            out.extend(digits);
            for _ in digits.len()..point {
                out.push(b'0');
            }
            out.extend(b".0");
        }
    }
}
