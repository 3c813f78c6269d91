//! A subset of the Unicode name table for `\N{...}` escapes.
//!
//! CPython ships the whole Unicode database; apy carries the names people actually write
//! (ASCII, Latin-1, Greek, Cyrillic, punctuation, arrows, maths, box drawing, common
//! symbols and emoji, and the control-character aliases) in `unicode_names.txt`,
//! generated from Python's `unicodedata`. An unknown name is reported as CPython reports
//! a misspelt one. `\N{}` is rare, so a linear scan of the table is fast enough.

/// `NAME<TAB>HEX` lines.
static TABLE: &str = include_str!("unicode_names.txt");

/// Looks a character name up the way CPython does (case-insensitively).
pub fn lookup_name(name: &str) -> Option<char> {
    TABLE.lines().find_map(|line| {
        let (n, hex) = line.split_once('\t')?;
        if n.eq_ignore_ascii_case(name) {
            u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
        } else {
            None
        }
    })
}
