//! The scanner of `_json`: JSON text to Python values, as CPython's C scanner
//! (`scan_once_unicode`) reads it — the same decisions, the same `JSONDecodeError`
//! messages at the same positions, and `StopIteration(idx)` where no value starts.
//!
//! The text is read as the UTF-8 bytes of the str: every character JSON's grammar
//! looks at is ASCII, so strings are copied out in runs between escapes and positions
//! become Python indices only where one is reported (an error, the end of a value).
//! Nesting recurses once per array or object, bounded by the interpreter's recursion
//! limit with CPython's RecursionError message.

use crate::object::dict::Dict;
use crate::object::{DictObj, ExcRef, PyStr, Value};
use crate::vm::{PyResult, Vm};
use std::collections::HashMap;
use std::rc::Rc;

/// Why a scan stopped: no value starts at this byte, or an exception.
pub enum Stop {
    NoValue(usize),
    Raised(ExcRef),
}

impl From<ExcRef> for Stop {
    fn from(e: ExcRef) -> Self {
        Stop::Raised(e)
    }
}

type Scan<T> = Result<T, Stop>;

/// The decoder's hooks, read once when the scanner is made.
pub struct Hooks {
    pub strict: bool,
    pub object_hook: Option<Value>,
    pub pairs_hook: Option<Value>,
    /// None: the built-in `float` / `int`.
    pub parse_float: Option<Value>,
    pub parse_int: Option<Value>,
    pub parse_constant: Value,
}

pub struct Scanner<'a> {
    pub vm: &'a mut Vm,
    pub hooks: &'a Hooks,
    text: &'a str,
    bytes: &'a [u8],
    /// The document as given, for errors.
    doc: Value,
    /// Strings seen (keys mostly), so repeated keys share one str and its hash.
    memo: HashMap<&'a str, Rc<PyStr>, foldhash::fast::RandomState>,
    depth: usize,
}

fn ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

impl<'a> Scanner<'a> {
    pub fn new(vm: &'a mut Vm, hooks: &'a Hooks, text: &'a str, doc: Value) -> Scanner<'a> {
        Scanner {
            vm,
            hooks,
            text,
            bytes: text.as_bytes(),
            doc,
            memo: HashMap::default(),
            depth: 0,
        }
    }

    /// The Python index of byte offset `byte`.
    pub fn index_of(&self, byte: usize) -> usize {
        let head = &self.text[..byte.min(self.text.len())];
        if head.is_ascii() {
            head.len()
        } else {
            head.chars().count()
        }
    }

    /// `JSONDecodeError(msg, doc, pos)`.
    pub fn error(&mut self, msg: &str, byte: usize) -> Stop {
        let pos = self.index_of(byte) as i64;
        Stop::Raised(decode_error(self.vm, msg, &self.doc, pos))
    }

    /// "Unterminated string starting at" the character before byte `start` (-1 when
    /// `start` is 0, as CPython reports it).
    fn unterminated(&mut self, start: usize) -> Stop {
        let pos = self.index_of(start) as i64 - 1;
        Stop::Raised(decode_error(
            self.vm,
            "Unterminated string starting at",
            &self.doc,
            pos,
        ))
    }

    fn skip_ws(&self, mut i: usize) -> usize {
        while i < self.bytes.len() && ws(self.bytes[i]) {
            i += 1;
        }
        i
    }

    /// The value starting at byte `i`, and the byte after it.
    pub fn value(&mut self, i: usize) -> Scan<(Value, usize)> {
        let Some(&c) = self.bytes.get(i) else {
            return Err(Stop::NoValue(i));
        };
        let rest = &self.bytes[i..];
        match c {
            b'"' => {
                let (s, end) = self.string(i + 1)?;
                Ok((Value::Str(s), end))
            }
            b'{' => self.nested(i, true),
            b'[' => self.nested(i, false),
            b'n' if rest.starts_with(b"null") => Ok((Value::None, i + 4)),
            b't' if rest.starts_with(b"true") => Ok((Value::bool(true), i + 4)),
            b'f' if rest.starts_with(b"false") => Ok((Value::bool(false), i + 5)),
            b'N' if rest.starts_with(b"NaN") => self.constant("NaN", i + 3),
            b'I' if rest.starts_with(b"Infinity") => self.constant("Infinity", i + 8),
            b'-' if rest.starts_with(b"-Infinity") => self.constant("-Infinity", i + 9),
            _ => self.number(i),
        }
    }

    fn constant(&mut self, name: &str, end: usize) -> Scan<(Value, usize)> {
        let v = self
            .vm
            .call(&self.hooks.parse_constant, &[Value::str(name)])?;
        Ok((v, end))
    }

    fn nested(&mut self, i: usize, object: bool) -> Scan<(Value, usize)> {
        if self.depth >= self.vm.limits.recursion {
            let what = if object { "object" } else { "array" };
            let msg = format!(
                "maximum recursion depth exceeded while decoding a JSON {what} from a unicode string"
            );
            return Err(Stop::Raised(
                self.vm
                    .new_exception_msg(&self.vm.exc.recursion_error.clone(), msg),
            ));
        }
        self.depth += 1;
        let r = if object {
            self.object(i + 1)
        } else {
            self.array(i + 1)
        };
        self.depth -= 1;
        r
    }

    /// CPython's `_match_number_unicode`.
    fn number(&mut self, start: usize) -> Scan<(Value, usize)> {
        let b = self.bytes;
        let n = b.len();
        let mut i = start;
        if i < n && b[i] == b'-' {
            i += 1;
            if i >= n {
                return Err(Stop::NoValue(start));
            }
        }
        match b.get(i) {
            Some(b'1'..=b'9') => {
                i += 1;
                while i < n && b[i].is_ascii_digit() {
                    i += 1;
                }
            }
            Some(b'0') => i += 1,
            _ => return Err(Stop::NoValue(start)),
        }
        let mut is_float = false;
        if i + 1 < n && b[i] == b'.' && b[i + 1].is_ascii_digit() {
            is_float = true;
            i += 2;
            while i < n && b[i].is_ascii_digit() {
                i += 1;
            }
        }
        if i < n && (b[i] == b'e' || b[i] == b'E') {
            let e_start = i;
            i += 1;
            if i < n && (b[i] == b'-' || b[i] == b'+') {
                i += 1;
            }
            let digits = i;
            while i < n && b[i].is_ascii_digit() {
                i += 1;
            }
            if i > digits {
                is_float = true;
            } else {
                i = e_start;
            }
        }
        let text = &self.text[start..i];
        let v = if is_float {
            match &self.hooks.parse_float {
                Some(f) => self.vm.call(f, &[Value::str(text)])?,
                None => Value::float(text.parse::<f64>().unwrap_or(f64::NAN)),
            }
        } else {
            match &self.hooks.parse_int {
                Some(f) => self.vm.call(f, &[Value::str(text)])?,
                None => match text.parse::<i64>() {
                    Ok(v) => Value::int(v),
                    // Big ints go through int(), for its digit limit and message.
                    Err(_) => {
                        let int = Value::Class(self.vm.types.int.clone());
                        self.vm.call(&int, &[Value::str(text)])?
                    }
                },
            }
        };
        Ok((v, i))
    }

    /// A string after its opening quote at byte `start` (CPython's
    /// `scanstring_unicode`).
    pub fn string(&mut self, start: usize) -> Scan<(Rc<PyStr>, usize)> {
        let b = self.bytes;
        let n = b.len();
        let mut i = start;
        // The common case: no escape before the closing quote.
        while i < n && b[i] != b'"' && b[i] != b'\\' && b[i] >= 0x20 {
            i += 1;
        }
        if i < n && b[i] == b'"' {
            let s = &self.text[start..i];
            let v = match self.memo.get(s) {
                Some(v) => v.clone(),
                None => {
                    let v = Rc::new(PyStr::new(s.to_string()));
                    if s.len() <= 64 {
                        self.memo.insert(s, v.clone());
                    }
                    v
                }
            };
            return Ok((v, i + 1));
        }
        let mut out = String::with_capacity(i - start + 16);
        out.push_str(&self.text[start..i]);
        loop {
            let run = i;
            while i < n && b[i] != b'"' && b[i] != b'\\' && !(self.hooks.strict && b[i] < 0x20) {
                i += 1;
            }
            out.push_str(&self.text[run..i]);
            if i >= n {
                return Err(self.unterminated(start));
            }
            match b[i] {
                b'"' => return Ok((Rc::new(PyStr::new(out)), i + 1)),
                b'\\' => {}
                _ => return Err(self.error("Invalid control character at", i)),
            }
            i += 1;
            if i >= n {
                return Err(self.unterminated(start));
            }
            let c = b[i];
            if c != b'u' {
                let ch = match c {
                    b'"' => '"',
                    b'\\' => '\\',
                    b'/' => '/',
                    b'b' => '\x08',
                    b'f' => '\x0c',
                    b'n' => '\n',
                    b'r' => '\r',
                    b't' => '\t',
                    _ => return Err(self.error("Invalid \\escape", i - 1)),
                };
                out.push(ch);
                i += 1;
                continue;
            }
            i += 1;
            // CPython wants a character after the four digits (its `end >= len`).
            let Some(mut cp) = self.hex4(i).filter(|_| i + 4 < n) else {
                return Err(self.error("Invalid \\uXXXX escape", i - 1));
            };
            i += 4;
            // A high surrogate followed by an escaped low one is one character.
            if (0xd800..=0xdbff).contains(&cp)
                && b.get(i) == Some(&b'\\')
                && b.get(i + 1) == Some(&b'u')
            {
                if let Some(low) = self.hex4(i + 2) {
                    if (0xdc00..=0xdfff).contains(&low) {
                        cp = 0x10000 + (((cp - 0xd800) << 10) | (low - 0xdc00));
                        i += 6;
                    }
                }
            }
            // apy's str holds no lone surrogates; they become U+FFFD.
            out.push(char::from_u32(cp).unwrap_or('\u{fffd}'));
        }
    }

    fn hex4(&self, i: usize) -> Option<u32> {
        let h = self.bytes.get(i..i + 4)?;
        let s = std::str::from_utf8(h).ok()?;
        if !s.bytes().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        u32::from_str_radix(s, 16).ok()
    }

    /// An object after its `{` (CPython's `_parse_object_unicode`).
    fn object(&mut self, start: usize) -> Scan<(Value, usize)> {
        let b = self.bytes;
        let mut i = self.skip_ws(start);
        let mut table = Dict::with_capacity(8);
        let mut pairs: Vec<Value> = Vec::new();
        let want_pairs = self.hooks.pairs_hook.is_some();
        if b.get(i) != Some(&b'}') {
            loop {
                if b.get(i) != Some(&b'"') {
                    return Err(self.error("Expecting property name enclosed in double quotes", i));
                }
                let (key, next) = self.string(i + 1)?;
                i = self.skip_ws(next);
                if b.get(i) != Some(&b':') {
                    return Err(self.error("Expecting ':' delimiter", i));
                }
                i = self.skip_ws(i + 1);
                // No value here propagates as StopIteration, which the decoder
                // reports as "Expecting value" (CPython's C scanner does the same).
                let (value, next) = self.value(i)?;
                if want_pairs {
                    pairs.push(Value::tuple(vec![Value::Str(key), value]));
                } else {
                    table.set_str(key, value);
                }
                i = self.skip_ws(next);
                if b.get(i) == Some(&b'}') {
                    break;
                }
                if b.get(i) != Some(&b',') {
                    return Err(self.error("Expecting ',' delimiter", i));
                }
                i = self.skip_ws(i + 1);
            }
        }
        let end = i + 1;
        if let Some(hook) = &self.hooks.pairs_hook {
            let v = self.vm.call(hook, &[Value::list(pairs)])?;
            return Ok((v, end));
        }
        let obj = Value::Dict(DictObj::new(table));
        if let Some(hook) = &self.hooks.object_hook {
            let v = self.vm.call(hook, &[obj])?;
            return Ok((v, end));
        }
        Ok((obj, end))
    }

    /// An array after its `[` (CPython's `_parse_array_unicode`).
    fn array(&mut self, start: usize) -> Scan<(Value, usize)> {
        let b = self.bytes;
        let mut i = self.skip_ws(start);
        let mut items = Vec::new();
        if b.get(i) != Some(&b']') {
            loop {
                let (v, next) = self.value(i)?;
                items.push(v);
                i = self.skip_ws(next);
                if b.get(i) == Some(&b']') {
                    break;
                }
                if b.get(i) != Some(&b',') {
                    return Err(self.error("Expecting ',' delimiter", i));
                }
                i = self.skip_ws(i + 1);
            }
        }
        Ok((Value::list(items), i + 1))
    }
}

/// `json.decoder.JSONDecodeError(msg, doc, pos)`.
pub fn decode_error(vm: &mut Vm, msg: &str, doc: &Value, pos: i64) -> ExcRef {
    let class = vm.loaded_module_attr("json.decoder", "JSONDecodeError");
    let Some(class) = class else {
        return vm.value_error(format!("{msg}: char {pos}"));
    };
    let r: PyResult = vm.call(&class, &[Value::str(msg), doc.clone(), Value::int(pos)]);
    match r.and_then(|e| vm.to_exception(e)) {
        Ok(e) | Err(e) => e,
    }
}
