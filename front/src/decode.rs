//! A source file's bytes as text, as CPython's tokenizer reads them (PEP 263): UTF-8
//! unless a coding declaration on the first or second line names another encoding, or
//! the SyntaxError CPython reports when it cannot. Shared by every reader of source
//! files: scripts, `apy check` and imported modules.
//!
//! apy decodes the encodings Python programs are written in: UTF-8, Latin-1, ASCII and
//! Windows-1252, under all of Python's names for them. Any other declared encoding is
//! CPython's "encoding problem" error, which is also what CPython says of one it does
//! not know; a program apy runs is never one CPython rejects.

use crate::diagnostic::Diagnostic;
use crate::source::{SourceFile, Span};

/// `bytes` as the source file `shown` (a path, or `<stdin>`); on failure, the
/// diagnostic together with a lossily decoded copy to draw it against (the copy has the
/// same text before the bad byte, so the lines agree).
pub fn decode_source(
    shown: String,
    bytes: Vec<u8>,
) -> Result<SourceFile, Box<(SourceFile, Diagnostic)>> {
    let (bom, body) = match bytes.strip_prefix(b"\xef\xbb\xbf") {
        Some(rest) => (true, rest),
        None => (false, &bytes[..]),
    };
    let declared = coding_cookie(body);
    let encoding = match &declared {
        None => Encoding::Utf8,
        Some(name) => match (Encoding::named(name), bom) {
            (Some(Encoding::Utf8), _) => Encoding::Utf8,
            (_, true) => return Err(problem(shown, &bytes, &format!("{name} with BOM"))),
            (Some(e), false) => e,
            (None, false) => return Err(problem(shown, &bytes, name)),
        },
    };
    let text = match encoding {
        Encoding::Utf8 => std::str::from_utf8(body)
            .map(str::to_owned)
            .map_err(|e| e.valid_up_to()),
        Encoding::Latin1 => Ok(body.iter().map(|&b| char::from(b)).collect()),
        Encoding::Ascii => match body.iter().position(|b| !b.is_ascii()) {
            Some(at) => Err(at),
            None => Ok(body.iter().map(|&b| char::from(b)).collect()),
        },
        Encoding::Cp1252 => body
            .iter()
            .enumerate()
            .map(|(i, &b)| cp1252(b).ok_or(i))
            .collect(),
    };
    let at = match text {
        Ok(text) => return Ok(SourceFile::new(shown, text)),
        Err(at) => at,
    };
    if let Some(name) = declared {
        return Err(problem(shown, &bytes, &name));
    }
    let at = at + if bom { 3 } else { 0 };
    let byte = bytes.get(at).copied().unwrap_or(0);
    let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
    let message = format!(
        "Non-UTF-8 code starting with '\\x{byte:02x}' in file {shown} on line {line}, but no encoding declared; see https://peps.python.org/pep-0263/ for details"
    );
    let diag = Diagnostic::syntax(message, Span::new(at, at + 1));
    let text = String::from_utf8_lossy(&bytes).into_owned();
    Err(Box::new((SourceFile::new(shown, text), diag)))
}

/// CPython's `SyntaxError: encoding problem: NAME`.
fn problem(shown: String, bytes: &[u8], name: &str) -> Box<(SourceFile, Diagnostic)> {
    let diag = Diagnostic::syntax(format!("encoding problem: {name}"), Span::new(0, 0));
    let text = String::from_utf8_lossy(bytes).into_owned();
    Box::new((SourceFile::new(shown, text), diag))
}

/// The encodings apy decodes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Encoding {
    Utf8,
    Latin1,
    Ascii,
    Cp1252,
}

impl Encoding {
    /// The encoding a declaration names, by Python's codec aliases (`encodings.aliases`,
    /// after `normalize_encoding`: lower case, punctuation runs as `_`).
    fn named(name: &str) -> Option<Encoding> {
        let mut key = String::new();
        for c in name.chars() {
            if c.is_ascii_alphanumeric() || c == '.' {
                key.push(c.to_ascii_lowercase());
            } else if !key.ends_with('_') {
                key.push('_');
            }
        }
        let key = key.trim_matches('_');
        // The tokenizer's own spellings first (`get_normal_name`): `utf-8-...` and
        // `latin-1-...` with any suffix.
        if key == "utf_8" || key.starts_with("utf_8_") {
            return Some(Encoding::Utf8);
        }
        if ["latin_1", "iso_8859_1", "iso_latin_1"]
            .iter()
            .any(|p| key == *p || key.starts_with(&format!("{p}_")))
        {
            return Some(Encoding::Latin1);
        }
        Some(match key {
            "utf8" | "u8" | "utf" | "utf8_ucs2" | "utf8_ucs4" | "cp65001" => Encoding::Utf8,
            "latin1" | "latin" | "l1" | "iso8859_1" | "8859" | "cp819" | "ibm819"
            | "iso_ir_100" | "csisolatin1" | "iso_8859_1_1987" => Encoding::Latin1,
            "ascii" | "646" | "us" | "us_ascii" | "cp367" | "ibm367" | "csascii" | "iso646_us"
            | "iso_ir_6" | "ansi_x3.4_1968" | "ansi_x3_4_1968" | "ansi_x3.4_1986"
            | "iso_646.irv_1991" => Encoding::Ascii,
            "cp1252" | "windows_1252" | "1252" => Encoding::Cp1252,
            _ => return None,
        })
    }
}

/// The encoding a coding declaration names, if the first line, or the second after a
/// first that is blank or only a comment, has one: `#` then `coding` then `:` or `=`,
/// as PEP 263's regular expression `^[ \t\f]*#.*?coding[:=][ \t]*([-_.a-zA-Z0-9]+)`.
fn coding_cookie(bytes: &[u8]) -> Option<String> {
    let mut lines = bytes.split(|&b| b == b'\n');
    let first = lines.next()?;
    if let Some(name) = cookie_in(first) {
        return Some(name);
    }
    let first = first.trim_ascii_start();
    if !(first.is_empty() || first.starts_with(b"#")) {
        return None;
    }
    cookie_in(lines.next()?)
}

fn cookie_in(line: &[u8]) -> Option<String> {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let start = line
        .iter()
        .position(|b| !matches!(b, b' ' | b'\t' | b'\x0c'))?;
    let comment = line[start..].strip_prefix(b"#")?;
    let at = comment.windows(6).position(|w| w == b"coding")?;
    let rest = comment[at + 6..]
        .strip_prefix(b":")
        .or_else(|| comment[at + 6..].strip_prefix(b"="))?;
    let rest = rest.trim_ascii_start();
    let len = rest
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        .count();
    (len > 0).then(|| String::from_utf8_lossy(&rest[..len]).into_owned())
}

/// Windows-1252: Latin-1 but for 0x80-0x9F, five of which are undefined.
fn cp1252(b: u8) -> Option<char> {
    const HIGH: [u16; 32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
        0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC,
        0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ];
    match b {
        0x80..=0x9f => match HIGH[usize::from(b - 0x80)] {
            0 => None,
            c => char::from_u32(u32::from(c)),
        },
        _ => Some(char::from(b)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8]) -> Result<String, String> {
        decode_source("t.py".into(), bytes.to_vec())
            .map(|s| s.text.to_string())
            .map_err(|e| e.1.message.clone())
    }

    #[test]
    fn a_declared_latin1_file_decodes() {
        assert_eq!(
            decode(b"# -*- coding: latin-1 -*-\nx = '\xe9'\n").unwrap(),
            "# -*- coding: latin-1 -*-\nx = '\u{e9}'\n"
        );
        assert!(
            decode(b"#!/usr/bin/python\n# vim: set fileencoding=iso-8859-1 :\n'\xe9'\n").is_ok()
        );
        assert!(decode(b"# coding=cp1252\n'\x80'\n")
            .unwrap()
            .contains('\u{20ac}'));
    }

    #[test]
    fn unknown_or_failing_encodings_are_encoding_problems() {
        assert_eq!(
            decode(b"# coding: foobar\nx = 1\n").unwrap_err(),
            "encoding problem: foobar"
        );
        assert_eq!(
            decode(b"# coding: ascii\n'\xe9'\n").unwrap_err(),
            "encoding problem: ascii"
        );
        assert_eq!(
            decode(b"# coding: UTF8\n'\xe9'\n").unwrap_err(),
            "encoding problem: UTF8"
        );
        assert_eq!(
            decode(b"\xef\xbb\xbf# coding: latin-1\nx = 1\n").unwrap_err(),
            "encoding problem: latin-1 with BOM"
        );
    }

    #[test]
    fn the_declaration_must_be_on_the_first_two_lines() {
        assert!(decode(b"x = 1\n# coding: latin-1\n'\xe9'\n")
            .unwrap_err()
            .starts_with("Non-UTF-8 code starting with '\\xe9' in file t.py on line 3"));
        assert!(decode(b"\n\n# coding: foobar\n").is_ok());
        assert!(decode(b"# coding: ascii\nx = 1\n").is_ok());
        assert!(decode(b"\xef\xbb\xbfx = '\xc3\xa9'\n").is_ok());
    }
}
