//! The string a pattern runs over, and the translation between the engine's byte
//! offsets and Python's indices.
//!
//! The engine (`fancy-regex`) works on `&str` and reports byte offsets; Python counts
//! characters of a str and bytes of a bytes object. A str is matched in place (its
//! UTF-8 is the engine's haystack, no copy); a bytes-like object is read as Latin-1, one
//! character per byte, so bytes patterns (also written as Latin-1) match byte for byte.
//!
//! For ASCII text an offset is an index. Otherwise conversions walk the text from a
//! cursor left at the last conversion: `finditer`, `sub` and `split` ask for positions
//! in increasing order, so a whole scan costs one pass, not one per match.

use crate::object::{PyStr, Value};
use crate::vm::{PyResult, Vm};
use std::cell::Cell;
use std::rc::Rc;

enum Text {
    Str(Rc<PyStr>),
    /// A bytes-like object's bytes as Latin-1 characters, with the bytes themselves.
    Latin1 {
        text: String,
        raw: Rc<[u8]>,
    },
}

pub struct Subject {
    /// The object given to the method (`Match.string`).
    pub value: Value,
    text: Text,
    ascii: bool,
    /// (byte offset, character index) of the last conversion.
    cursor: Cell<(usize, usize)>,
}

impl Subject {
    /// The subject of a str pattern (`bytes == false`) or a bytes pattern, with
    /// CPython's TypeErrors for the wrong kind of object.
    pub fn new(vm: &Vm, value: &Value, bytes: bool) -> PyResult<Subject> {
        let text = match value {
            Value::Str(s) => Some(Text::Str(s.clone())),
            Value::Object(o) => match &o.payload {
                crate::object::Payload::Builtin(Value::Str(s)) => Some(Text::Str(s.clone())),
                _ => None,
            },
            _ => None,
        };
        let text = match text {
            Some(t) => {
                if bytes {
                    return Err(vm.type_error("cannot use a bytes pattern on a string-like object"));
                }
                t
            }
            None => match vm.buffer_bytes(value) {
                Some(raw) => {
                    if !bytes {
                        return Err(
                            vm.type_error("cannot use a string pattern on a bytes-like object")
                        );
                    }
                    let text = raw.iter().map(|&b| b as char).collect();
                    Text::Latin1 {
                        text,
                        raw: raw.into(),
                    }
                }
                None => {
                    return Err(vm.type_error(format!(
                        "expected string or bytes-like object, got '{}'",
                        vm.type_name(value)
                    )))
                }
            },
        };
        let ascii = match &text {
            Text::Str(s) => s.is_ascii(),
            Text::Latin1 { raw, .. } => raw.is_ascii(),
        };
        Ok(Subject {
            value: value.clone(),
            text,
            ascii,
            cursor: Cell::new((0, 0)),
        })
    }

    /// The engine's haystack.
    pub fn text(&self) -> &str {
        match &self.text {
            Text::Str(s) => s.as_str(),
            Text::Latin1 { text, .. } => text,
        }
    }

    /// Length in Python's units.
    pub fn len(&self) -> usize {
        match &self.text {
            Text::Str(s) => s.char_len(),
            Text::Latin1 { raw, .. } => raw.len(),
        }
    }

    /// The Python index of byte offset `byte` (a character boundary).
    pub fn index_of(&self, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        let text = self.text();
        let (cb, ci) = self.cursor.get();
        let index = if byte >= cb {
            ci + text[cb..byte].chars().count()
        } else {
            ci - text[byte..cb].chars().count()
        };
        self.cursor.set((byte, index));
        index
    }

    /// The byte offset of Python index `index` (at most the length).
    pub fn offset_of(&self, index: usize) -> usize {
        if self.ascii {
            return index.min(self.text().len());
        }
        let text = self.text();
        let (cb, ci) = self.cursor.get();
        let byte = if index >= ci {
            text[cb..]
                .char_indices()
                .nth(index - ci)
                .map_or(text.len(), |(b, _)| cb + b)
        } else {
            text[..cb]
                .char_indices()
                .rev()
                .nth(ci - index - 1)
                .map_or(0, |(b, _)| b)
        };
        // Past the end, the walk stops at the length, not at `index`.
        let index = if byte == text.len() {
            self.len()
        } else {
            index
        };
        self.cursor.set((byte, index));
        byte
    }

    /// The object for the text between two byte offsets: a str for a str subject, bytes
    /// otherwise.
    pub fn slice(&self, start: usize, end: usize) -> Value {
        match &self.text {
            Text::Str(s) => {
                if start == 0 && end == s.as_str().len() {
                    if let Value::Str(_) = self.value {
                        return Value::Str(s.clone());
                    }
                }
                Value::str(&s.as_str()[start..end])
            }
            Text::Latin1 { raw, .. } => {
                let (a, b) = (self.index_of(start), self.index_of(end));
                Value::Bytes(Rc::new(crate::object::string::PyBytes::new(
                    raw[a..b].to_vec(),
                )))
            }
        }
    }
}

/// Text built by `sub` and `split`, turned into str or bytes at the end.
pub fn finish_text(bytes: bool, text: String) -> Value {
    if bytes {
        Value::Bytes(Rc::new(crate::object::string::PyBytes::new(
            text.chars().map(|c| c as u8).collect(),
        )))
    } else {
        Value::str(text)
    }
}
