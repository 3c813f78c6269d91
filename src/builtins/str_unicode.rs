//! Character classes and full case mappings exactly as CPython 3.11 applies them in the
//! `str` methods.
//!
//! Rust's `char` methods follow a newer Unicode version and define some classes
//! differently (`char::is_alphabetic` includes marks and letter numbers, which
//! `str.isalpha` rejects), so everything here answers from tables generated out of
//! CPython itself (see tests/gen/gen_str_unicode_tables.py), with ASCII fast paths.

use super::str_case_tables as maps;
use super::str_class_tables as classes;

/// Whether `cp` falls in one of the sorted, disjoint inclusive `ranges`.
fn in_ranges(ranges: &[(u32, u32)], c: char) -> bool {
    let cp = c as u32;
    let idx = ranges.partition_point(|&(start, _)| start <= cp);
    match idx.checked_sub(1).and_then(|i| ranges.get(i)) {
        Some(&(_, end)) => cp <= end,
        None => false,
    }
}

pub fn is_alpha(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    in_ranges(classes::ALPHA, c)
}

pub fn is_decimal(c: char) -> bool {
    crate::format::decimal_value(c).is_some()
}

pub fn is_digit(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    in_ranges(classes::DIGIT, c)
}

pub fn is_numeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    in_ranges(classes::NUMERIC, c)
}

/// `Py_UNICODE_ISALNUM`: any of the letter and number classes.
pub fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    is_alpha(c) || is_decimal(c) || is_digit(c) || is_numeric(c)
}

pub fn is_lower(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_lowercase();
    }
    in_ranges(classes::LOWER, c)
}

pub fn is_upper(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_uppercase();
    }
    in_ranges(classes::UPPER, c)
}

/// Titlecase letters (category Lt), such as U+01C5 `ǅ`.
pub fn is_title(c: char) -> bool {
    !c.is_ascii() && in_ranges(classes::TITLE, c)
}

/// The `Cased` property; the generator checks it equals Lowercase | Uppercase | Lt.
pub fn is_cased(c: char) -> bool {
    is_lower(c) || is_upper(c) || is_title(c)
}

pub fn is_case_ignorable(c: char) -> bool {
    in_ranges(classes::CASE_IGNORABLE, c)
}

/// `str.isidentifier()` per character. CPython 3.11's XID tables, not `unicode_ident`'s
/// newer ones (which admit e.g. U+200C and U+30FB as continuation characters).
pub fn is_xid_start(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic() || c == '_';
    }
    in_ranges(classes::ID_START, c)
}

pub fn is_xid_continue(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    in_ranges(classes::ID_CONTINUE, c)
}

/// Which full case mapping to apply.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Case {
    Upper,
    /// Lowercase without the final-sigma rule (see [`push_lower_at`] for the rule).
    Lower,
    Title,
    Fold,
}

/// Appends the full mapping of `c` (one to three characters) to `out`.
pub fn push_mapped(c: char, case: Case, out: &mut String) {
    if c.is_ascii() {
        out.push(match case {
            Case::Upper | Case::Title => c.to_ascii_uppercase(),
            Case::Lower | Case::Fold => c.to_ascii_lowercase(),
        });
        return;
    }
    let (runs, multi) = match case {
        Case::Upper => (maps::UPPER_MAP_RUNS, maps::UPPER_MAP_MULTI),
        Case::Lower => (maps::LOWER_MAP_RUNS, maps::LOWER_MAP_MULTI),
        Case::Title => (maps::TITLE_MAP_RUNS, maps::TITLE_MAP_MULTI),
        Case::Fold => (maps::FOLD_MAP_RUNS, maps::FOLD_MAP_MULTI),
    };
    let cp = c as u32;
    if let Ok(i) = multi.binary_search_by_key(&cp, |&(k, _)| k) {
        if let Some((_, s)) = multi.get(i) {
            out.push_str(s);
            return;
        }
    }
    let idx = runs.partition_point(|&(first, ..)| first <= cp);
    if let Some(&(first, last, stride, delta)) = idx.checked_sub(1).and_then(|i| runs.get(i)) {
        if cp <= last && (cp - first).is_multiple_of(u32::from(stride.max(1))) {
            if let Some(m) = cp.checked_add_signed(delta).and_then(char::from_u32) {
                out.push(m);
                return;
            }
        }
    }
    out.push(c);
}

/// CPython's `lower_ucs4`: lowercase `chars[i]`, turning a capital sigma into a final
/// sigma when it ends a cased word (`\p{cased}\p{case-ignorable}* Σ !(\p{case-ignorable}* \p{cased})`).
pub fn push_lower_at(chars: &[char], i: usize, out: &mut String) {
    let Some(&c) = chars.get(i) else { return };
    if c == '\u{3a3}' {
        out.push(if is_final_sigma(chars, i) {
            '\u{3c2}'
        } else {
            '\u{3c3}'
        });
        return;
    }
    push_mapped(c, Case::Lower, out);
}

fn is_final_sigma(chars: &[char], i: usize) -> bool {
    let before = chars.get(..i).unwrap_or(&[]);
    let preceded = before
        .iter()
        .rev()
        .find(|&&c| !is_case_ignorable(c))
        .is_some_and(|&c| is_cased(c));
    if !preceded {
        return false;
    }
    let after = chars.get(i + 1..).unwrap_or(&[]);
    !after
        .iter()
        .find(|&&c| !is_case_ignorable(c))
        .is_some_and(|&c| is_cased(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(s: &str, case: Case) -> String {
        let mut out = String::new();
        s.chars().for_each(|c| push_mapped(c, case, &mut out));
        out
    }

    #[test]
    fn classes() {
        assert!(is_alpha('é') && !is_alpha('\u{670}') && !is_alpha('Ⅻ'));
        assert!(is_digit('²') && !is_decimal('²') && is_numeric('½') && !is_digit('½'));
        assert!(is_numeric('一') && !is_numeric('a'));
        assert!(is_title('ǅ') && is_cased('ǅ') && !is_cased('1'));
        assert!(is_lower('ª') && is_upper('Ⅻ'));
        assert!(is_case_ignorable('\'') && is_case_ignorable('\u{301}') && !is_case_ignorable('a'));
    }

    #[test]
    fn mappings() {
        assert_eq!(map("straße", Case::Upper), "STRASSE");
        assert_eq!(map("İ", Case::Lower), "i\u{307}");
        assert_eq!(map("ǆ", Case::Title), "ǅ");
        assert_eq!(map("ß", Case::Title), "Ss");
        assert_eq!(map("Straße", Case::Fold), "strasse");
        assert_eq!(map("ᏸ", Case::Fold), "Ᏸ");
        assert_eq!(map("ĀāĂă", Case::Lower), "āāăă");
    }

    #[test]
    fn final_sigma() {
        let lower = |s: &str| {
            let chars: Vec<char> = s.chars().collect();
            let mut out = String::new();
            (0..chars.len()).for_each(|i| push_lower_at(&chars, i, &mut out));
            out
        };
        assert_eq!(lower("ΟΔΟΣ"), "οδος");
        assert_eq!(lower("Σ"), "σ");
        assert_eq!(lower("ΑΣ'"), "ας'");
        assert_eq!(lower("ΑΣΑ"), "ασα");
    }
}
