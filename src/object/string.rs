//! `str` and `bytes` storage.
//!
//! A `str` is UTF-8 with two lazily cached facts: its hash (strings are dict keys
//! everywhere: globals, attributes, keyword arguments) and its length in code points
//! (Python indexes by code point; for ASCII text, the common case, that is the byte index).

use std::cell::Cell;

const UNKNOWN: u64 = u64::MAX;

pub struct PyStr {
    s: String,
    hash: Cell<u64>,
    chars: Cell<u64>,
}

impl PyStr {
    pub fn new(s: String) -> PyStr {
        PyStr {
            s,
            hash: Cell::new(UNKNOWN),
            chars: Cell::new(UNKNOWN),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.s
    }

    /// Mutable access for in-place concatenation when the string is uniquely owned.
    pub fn push_str(&mut self, extra: &str) {
        self.s.push_str(extra);
        self.hash.set(UNKNOWN);
        self.chars.set(UNKNOWN);
    }

    /// Length in code points.
    pub fn char_len(&self) -> usize {
        let c = self.chars.get();
        if c != UNKNOWN {
            return c as usize;
        }
        let n = if self.s.is_ascii() {
            self.s.len()
        } else {
            self.s.chars().count()
        };
        self.chars.set(n as u64);
        n
    }

    pub fn is_ascii(&self) -> bool {
        self.char_len() == self.s.len()
    }

    /// The code point at index `i` (0-based, already bounds-checked by the caller).
    pub fn char_at(&self, i: usize) -> Option<char> {
        if self.is_ascii() {
            self.s.as_bytes().get(i).map(|&b| b as char)
        } else {
            self.s.chars().nth(i)
        }
    }

    /// Substring by code-point range `start..end` (clamped).
    pub fn char_slice(&self, start: usize, end: usize) -> &str {
        let n = self.char_len();
        let (start, end) = (start.min(n), end.min(n));
        if start >= end {
            return "";
        }
        if self.is_ascii() {
            return &self.s[start..end];
        }
        let mut it = self
            .s
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(self.s.len()));
        let b0 = it.nth(start).unwrap_or(self.s.len());
        let b1 = if end > start {
            it.nth(end - start - 1).unwrap_or(self.s.len())
        } else {
            b0
        };
        &self.s[b0..b1]
    }

    /// Python's hash of the string (cached; not randomized, so runs are reproducible).
    pub fn hash(&self) -> i64 {
        let h = self.hash.get();
        if h != UNKNOWN {
            return h as i64;
        }
        let v = super::hash::hash_str(&self.s);
        self.hash.set(v as u64);
        v
    }
}

impl std::fmt::Debug for PyStr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.s)
    }
}

/// An immutable byte string.
pub struct PyBytes {
    pub data: Vec<u8>,
    hash: Cell<u64>,
}

impl PyBytes {
    pub fn new(data: Vec<u8>) -> PyBytes {
        PyBytes {
            data,
            hash: Cell::new(UNKNOWN),
        }
    }

    pub fn hash(&self) -> i64 {
        let h = self.hash.get();
        if h != UNKNOWN {
            return h as i64;
        }
        let v = super::hash::hash_bytes(&self.data);
        self.hash.set(v as u64);
        v
    }
}

/// Interned strings: identifiers in code objects, attribute names and dict keys made from
/// them share one `Rc`, so most key comparisons succeed on pointer equality.
#[derive(Default)]
pub struct Interner {
    /// foldhash, not SipHash: interning runs for every name of every code object loaded
    /// and every native defined at start-up.
    map: std::collections::HashMap<Box<str>, std::rc::Rc<PyStr>, foldhash::fast::RandomState>,
}

impl Interner {
    pub fn intern(&mut self, s: &str) -> std::rc::Rc<PyStr> {
        if let Some(r) = self.map.get(s) {
            return r.clone();
        }
        let r = std::rc::Rc::new(PyStr::new(s.to_string()));
        self.map.insert(s.into(), r.clone());
        r
    }
}
