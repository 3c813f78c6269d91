//! The `newline=` rules of text files (CPython's `TextIOWrapper`): where a line ends
//! when reading, what a line end is translated to in either direction, and the kinds of
//! line end a file has shown (its `newlines` attribute).
//!
//! | `newline` | a line ends at | reading translates | writing `\n` becomes |
//! | --- | --- | --- | --- |
//! | None (default) | `\n`, `\r`, `\r\n` | each to `\n` | `\n` (`os.linesep`) |
//! | `''` | `\n`, `\r`, `\r\n` | nothing | `\n` |
//! | `'\n'` | `\n` | nothing | `\n` |
//! | `'\r'` | `\r` | nothing | `\r` |
//! | `'\r\n'` | `\r\n` | nothing | `\r\n` |

use crate::object::Value;
use crate::vm::{PyResult, Vm};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Newline {
    Universal,
    Untranslated,
    Lf,
    Cr,
    CrLf,
}

/// Bits of [`Seen`]: the line ends read so far.
const SEEN_CR: u8 = 1;
const SEEN_LF: u8 = 2;
const SEEN_CRLF: u8 = 4;

/// The kinds of line end a file has shown while reading with universal newlines.
#[derive(Clone, Copy, Default, Debug)]
pub struct Seen(u8);

impl Newline {
    /// The `newline` argument of `open()`, checked as CPython checks it.
    pub fn from_arg(vm: &Vm, v: Option<&Value>, binary: bool) -> PyResult<Newline> {
        let text = match v {
            None | Some(Value::None) => return Ok(Newline::Universal),
            Some(Value::Str(s)) => s.as_str().to_string(),
            Some(other) => {
                return Err(vm.type_error(format!(
                    "open() argument 'newline' must be str or None, not {}",
                    vm.type_name(other)
                )))
            }
        };
        if binary {
            return Err(vm.value_error("binary mode doesn't take a newline argument"));
        }
        Ok(match text.as_str() {
            "" => Newline::Untranslated,
            "\n" => Newline::Lf,
            "\r" => Newline::Cr,
            "\r\n" => Newline::CrLf,
            other => return Err(vm.value_error(format!("illegal newline value: {other}"))),
        })
    }

    /// Where the line starting at `data[0]` ends (one past its line end), if it ends in
    /// `data`. `more` says whether bytes may follow `data` (a `\r` at the very end
    /// might be the first half of `\r\n`).
    pub fn line_end(self, data: &[u8], more: bool) -> Option<usize> {
        match self {
            Newline::Lf => data.iter().position(|&b| b == b'\n').map(|i| i + 1),
            Newline::Cr => data.iter().position(|&b| b == b'\r').map(|i| i + 1),
            Newline::CrLf => data.windows(2).position(|w| w == b"\r\n").map(|i| i + 2),
            Newline::Universal | Newline::Untranslated => {
                let i = data.iter().position(|&b| b == b'\n' || b == b'\r')?;
                if data[i] == b'\n' {
                    return Some(i + 1);
                }
                match data.get(i + 1) {
                    Some(b'\n') => Some(i + 2),
                    Some(_) => Some(i + 1),
                    None if more => None,
                    None => Some(i + 1),
                }
            }
        }
    }

    /// Decoded text as the program reads it, noting the line ends seen.
    pub fn translate_read(self, text: String, seen: &mut Seen) -> String {
        if matches!(self, Newline::Universal | Newline::Untranslated) {
            seen.note(&text);
        }
        if self != Newline::Universal || !text.contains('\r') {
            return text;
        }
        text.replace("\r\n", "\n").replace('\r', "\n")
    }

    /// Text as written to the file.
    pub fn translate_write(self, text: &str) -> std::borrow::Cow<'_, str> {
        match self {
            Newline::Cr if text.contains('\n') => text.replace('\n', "\r").into(),
            Newline::CrLf if text.contains('\n') => text.replace('\n', "\r\n").into(),
            _ => text.into(),
        }
    }
}

impl Seen {
    fn note(&mut self, text: &str) {
        let bytes = text.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            match b {
                b'\n' if i > 0 && bytes[i - 1] == b'\r' => self.0 |= SEEN_CRLF,
                b'\n' => self.0 |= SEEN_LF,
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => self.0 |= SEEN_CR,
                _ => {}
            }
        }
    }

    /// `TextIOWrapper.newlines`: None, one line end, or a tuple of them.
    pub fn value(self) -> Value {
        let kinds: Vec<Value> = [(SEEN_CR, "\r"), (SEEN_LF, "\n"), (SEEN_CRLF, "\r\n")]
            .into_iter()
            .filter(|&(bit, _)| self.0 & bit != 0)
            .map(|(_, s)| Value::str(s))
            .collect();
        match kinds.len() {
            0 => Value::None,
            1 => kinds.into_iter().next().unwrap_or(Value::None),
            _ => Value::tuple(kinds),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn universal_lines_end_at_any_line_end_and_wait_for_a_split_crlf() {
        let u = Newline::Universal;
        assert_eq!(u.line_end(b"ab\ncd", true), Some(3));
        assert_eq!(u.line_end(b"ab\r\ncd", true), Some(4));
        assert_eq!(u.line_end(b"ab\rcd", true), Some(3));
        assert_eq!(u.line_end(b"ab\r", true), None, "the \\n may come next");
        assert_eq!(u.line_end(b"ab\r", false), Some(3));
        assert_eq!(Newline::CrLf.line_end(b"a\nb\r\n", true), Some(5));
        assert_eq!(Newline::Cr.line_end(b"a\nb\rc", true), Some(4));
    }

    #[test]
    fn reading_translates_only_universal_newlines_and_notes_what_it_saw() {
        let mut seen = Seen::default();
        let text = Newline::Universal.translate_read("a\r\nb\rc\n".into(), &mut seen);
        assert_eq!(text, "a\nb\nc\n");
        assert!(matches!(seen.value(), Value::Tuple(t) if t.items.len() == 3));
        let mut seen = Seen::default();
        let text = Newline::Untranslated.translate_read("a\r\n".into(), &mut seen);
        assert_eq!(text, "a\r\n");
        assert_eq!(seen.value().as_str(), Some("\r\n"));
        assert_eq!(Newline::CrLf.translate_write("a\nb"), "a\r\nb");
    }
}
