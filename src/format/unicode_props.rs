//! Character properties CPython consults when printing and parsing numbers and strings.
//!
//! Rust's `char` methods follow a newer Unicode version and different category choices
//! (e.g. `char::is_whitespace` disagrees with `str.isspace` on U+001C..U+001F), so these
//! answer from tables generated out of CPython 3.11 itself.

use super::unicode_tables::{DECIMAL_ZEROS, NON_PRINTABLE, WHITESPACE};

/// `str.isprintable()` for one character: false for categories Cc, Cf, Cs, Co, Cn, Zl, Zp
/// and Zs other than the ASCII space. Decides what `repr(str)` escapes.
pub fn is_printable(c: char) -> bool {
    let cp = c as u32;
    if (0x20..0x7F).contains(&cp) {
        return true;
    }
    // Find the last range starting at or before `cp`.
    let idx = NON_PRINTABLE.partition_point(|&(start, _)| start <= cp);
    match idx.checked_sub(1).and_then(|i| NON_PRINTABLE.get(i)) {
        Some(&(_, end)) => cp > end,
        None => true,
    }
}

/// `Py_UNICODE_TODECIMAL`: the value of a Unicode decimal digit (category Nd), any script.
/// CPython accepts these in `int()`, `float()` and format-spec widths.
pub fn decimal_value(c: char) -> Option<u32> {
    let cp = c as u32;
    if c.is_ascii_digit() {
        return Some(cp - u32::from(b'0'));
    }
    if cp < 0x80 {
        return None;
    }
    let idx = DECIMAL_ZEROS.partition_point(|&zero| zero <= cp);
    let zero = *DECIMAL_ZEROS.get(idx.checked_sub(1)?)?;
    let value = cp - zero;
    (value < 10).then_some(value)
}

/// `str.isspace()` for one character.
pub fn is_space(c: char) -> bool {
    WHITESPACE.binary_search(&(c as u32)).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_samples() {
        assert!(is_printable(' '));
        assert!(!is_printable('\n'));
        assert!(!is_printable('\u{7f}'));
        assert!(!is_printable('\u{a0}'));
        assert!(is_printable('é'));
        assert!(!is_printable('\u{ad}'));
        assert!(!is_printable('\u{200b}'));
        assert!(is_printable('😀'));
        assert!(!is_printable('\u{10ffff}'));
        assert!(!is_printable('\u{e000}'));
    }

    #[test]
    fn decimal_samples() {
        assert_eq!(decimal_value('7'), Some(7));
        assert_eq!(decimal_value('\u{663}'), Some(3));
        assert_eq!(decimal_value('\u{ff19}'), Some(9));
        assert_eq!(decimal_value('a'), None);
        assert_eq!(decimal_value('\u{b2}'), None); // superscript two is not Nd
    }

    #[test]
    fn space_samples() {
        assert!(is_space('\u{1c}'));
        assert!(is_space('\u{3000}'));
        assert!(!is_space('\u{200b}'));
        assert!(!is_space('a'));
    }
}
