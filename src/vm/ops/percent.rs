//! printf-style formatting, `str % args` and `bytes % args`, ported from CPython 3.11's
//! `PyUnicode_Format` and `_PyBytes_FormatEx`.
//!
//! CPython keeps two copies of the algorithm; here one parser and one field layout serve
//! both. A bytes format runs as text whose chars are its bytes (latin-1), and its result
//! goes back to bytes the same way, so the two differ only where CPython's copies differ:
//! which values count as a mapping, what `%s`, `%c`, `%r` and `%f` accept, and a few
//! error texts ([`Target`]).

use crate::format;
use crate::object::{Payload, Tuple, Value};
use crate::vm::ops::arith::MAX_SEQUENCE_LEN;
use crate::vm::{PyResult, Vm};
use num_bigint::{BigInt, Sign};
use num_traits::ToPrimitive;
use std::rc::Rc;

/// Which of CPython's two formatters a format follows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Target {
    Str,
    Bytes,
}

/// One conversion: flags, width, precision and the conversion character.
struct Spec {
    ljust: bool,
    sign: bool,
    blank: bool,
    alt: bool,
    zero: bool,
    width: Option<usize>,
    prec: Option<usize>,
    kind: char,
}

/// CPython's argument cursor (`arglen`/`argidx`): a tuple hands out its items in turn, any
/// other value is the one argument. A `%(key)` conversion swaps in the looked-up value,
/// after which exactly one argument is left: `'%(a)*d'` finds none for the `d`, and
/// `'%s %(a)s' % d` formats the mapping itself first, both as in CPython.
struct Cursor {
    current: Value,
    items: Option<Rc<Tuple>>,
    len: isize,
    idx: isize,
}

impl Cursor {
    fn new(args: &Value) -> Self {
        match tuple_of(args) {
            Some(t) => Cursor {
                current: args.clone(),
                len: t.items.len() as isize,
                items: Some(t),
                idx: 0,
            },
            None => Cursor {
                current: args.clone(),
                items: None,
                len: -1,
                idx: -2,
            },
        }
    }

    fn replace(&mut self, v: Value) {
        self.current = v;
        self.items = None;
        self.len = -1;
        self.idx = -2;
    }

    fn next(&mut self) -> Option<Value> {
        if self.idx >= self.len {
            return None;
        }
        self.idx += 1;
        match &self.items {
            None => Some(self.current.clone()),
            Some(t) => t.items.get((self.idx - 1) as usize).cloned(),
        }
    }

    fn unused(&self) -> bool {
        self.idx < self.len
    }
}

/// The tuple of a tuple or of an instance of a tuple subclass (`PyTuple_Check`).
fn tuple_of(v: &Value) -> Option<Rc<Tuple>> {
    match v {
        Value::Tuple(t) => Some(t.clone()),
        Value::Object(o) => match &o.payload {
            Payload::Builtin(Value::Tuple(t)) => Some(t.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// The value a subclass instance of a built-in type holds, or `v` itself.
fn inner(v: &Value) -> &Value {
    match v {
        Value::Object(o) => match &o.payload {
            Payload::Builtin(inner) => inner,
            _ => v,
        },
        _ => v,
    }
}

impl Vm {
    /// `fmt % args` for a str `fmt`.
    pub fn percent_format(&mut self, fmt: &str, args: &Value) -> PyResult<String> {
        let chars: Vec<char> = fmt.chars().collect();
        self.percent_engine(&chars, args, Target::Str)
    }

    /// `fmt % args` for a bytes `fmt`.
    pub fn percent_format_bytes(&mut self, fmt: &[u8], args: &Value) -> PyResult<Vec<u8>> {
        let chars: Vec<char> = fmt.iter().map(|&b| char::from(b)).collect();
        let text = self.percent_engine(&chars, args, Target::Bytes)?;
        // Every char written is a byte of the format or of a converted value.
        Ok(text.chars().map(|c| c as u32 as u8).collect())
    }

    /// The `%` operator with a str or bytes left operand. A subclass of the format's type
    /// that defines `__rmod__` in Python is asked first, CPython's rule for reflected
    /// operands; otherwise the format formats `args` as given, so an argument that is an
    /// instance of a str subclass keeps its own `__str__`.
    pub(crate) fn percent_operator(&mut self, fmt: &Value, args: &Value) -> PyResult {
        if let Value::Object(o) = args {
            let own = self.class_of(fmt);
            if !Rc::ptr_eq(&o.class, &own) && o.class.is_subclass(&own) {
                if let Some(m) = o.class.python_method("__rmod__") {
                    let r = self.call(&m, &[args.clone(), fmt.clone()])?;
                    if !matches!(r, Value::NotImplemented) {
                        return Ok(r);
                    }
                }
            }
        }
        match fmt {
            Value::Str(s) => Ok(Value::str(self.percent_format(s.as_str(), args)?)),
            Value::Bytes(b) => {
                let data = self.percent_format_bytes(&b.data, args)?;
                Ok(Value::Bytes(Rc::new(crate::object::string::PyBytes::new(
                    data,
                ))))
            }
            _ => Ok(Value::NotImplemented),
        }
    }

    fn percent_engine(&mut self, fmt: &[char], args: &Value, target: Target) -> PyResult<String> {
        let mapping = self.percent_is_mapping(args, target);
        let mut cursor = Cursor::new(args);
        let mut out = String::with_capacity(fmt.len());
        let mut i = 0;
        while i < fmt.len() {
            let start = i;
            while i < fmt.len() && fmt[i] != '%' {
                i += 1;
            }
            out.extend(&fmt[start..i]);
            if i == fmt.len() {
                break;
            }
            i += 1;
            if fmt.get(i) == Some(&'%') {
                out.push('%');
                i += 1;
                continue;
            }
            let spec = self.percent_parse(fmt, &mut i, &mut cursor, mapping, args, target)?;
            let value = self.percent_next(&mut cursor)?;
            self.percent_field(&mut out, &spec, &value, target, i - 1)?;
        }
        if !mapping && cursor.unused() {
            let what = match target {
                Target::Str => "string",
                Target::Bytes => "bytes",
            };
            return Err(self.type_error(format!(
                "not all arguments converted during {what} formatting"
            )));
        }
        Ok(out)
    }

    fn percent_next(&self, cursor: &mut Cursor) -> PyResult {
        cursor
            .next()
            .ok_or_else(|| self.type_error("not enough arguments for format string"))
    }

    /// CPython's `PyMapping_Check` plus the exclusions of each formatter: a mapping
    /// enables `%(key)` and turns off the "not all arguments converted" check.
    fn percent_is_mapping(&self, args: &Value, target: Target) -> bool {
        let v = inner(args);
        let excluded = match target {
            Target::Str => matches!(v, Value::Tuple(_) | Value::Str(_)),
            Target::Bytes => {
                matches!(v, Value::Tuple(_) | Value::Str(_) | Value::Bytes(_))
                    || self.percent_is_builtin(args, "bytearray")
            }
        };
        !excluded
            && self
                .class_of(args)
                .lookup("__getitem__", crate::object::hash::hash_str("__getitem__"))
                .is_some()
    }

    /// Whether `v`'s class is, or derives from, the built-in type called `name` (one this
    /// layer has no handle on).
    fn percent_is_builtin(&self, v: &Value, name: &str) -> bool {
        let class = self.class_of(v);
        let is = |c: &crate::object::Class| c.is_builtin && c.name == name;
        is(&class) || class.mro.borrow().iter().any(|c| is(c))
    }

    /// The part of a conversion after `%` up to its character, leaving `i` after it:
    /// CPython's `unicode_format_arg_parse`, including where each error is raised.
    fn percent_parse(
        &mut self,
        fmt: &[char],
        i: &mut usize,
        cursor: &mut Cursor,
        mapping: bool,
        args: &Value,
        target: Target,
    ) -> PyResult<Spec> {
        let at = |i: usize| fmt.get(i).copied();
        if at(*i) == Some('(') {
            if !mapping {
                return Err(self.type_error("format requires a mapping"));
            }
            *i += 1;
            let start = *i;
            let mut depth = 1;
            while depth > 0 {
                match at(*i) {
                    None => return Err(self.value_error("incomplete format key")),
                    Some(')') => depth -= 1,
                    Some('(') => depth += 1,
                    Some(_) => {}
                }
                *i += 1;
            }
            let key_chars = &fmt[start..*i - 1];
            let key = match target {
                Target::Str => Value::str(key_chars.iter().collect::<String>()),
                Target::Bytes => Value::Bytes(Rc::new(crate::object::string::PyBytes::new(
                    key_chars.iter().map(|&c| c as u32 as u8).collect(),
                ))),
            };
            let value = self.get_item(args, &key)?;
            cursor.replace(value);
        }
        let mut spec = Spec {
            ljust: false,
            sign: false,
            blank: false,
            alt: false,
            zero: false,
            width: None,
            prec: None,
            kind: '\0',
        };
        loop {
            match at(*i) {
                Some('-') => spec.ljust = true,
                Some('+') => spec.sign = true,
                Some(' ') => spec.blank = true,
                Some('#') => spec.alt = true,
                Some('0') => spec.zero = true,
                _ => break,
            }
            *i += 1;
        }
        if at(*i) == Some('*') {
            *i += 1;
            let v = self.percent_next(cursor)?;
            let w = self.percent_star(&v, i64::MAX, "ssize_t")?;
            if w < 0 {
                spec.ljust = true;
            }
            spec.width = Some(w.unsigned_abs() as usize);
        } else if let Some(w) = self.percent_digits(fmt, i, isize::MAX as i64, "width too big")? {
            spec.width = Some(w);
        }
        if at(*i) == Some('.') {
            *i += 1;
            spec.prec = Some(0);
            if at(*i) == Some('*') {
                *i += 1;
                let v = self.percent_next(cursor)?;
                let p = self.percent_star(&v, i64::from(i32::MAX), "int")?;
                spec.prec = Some(p.max(0) as usize);
            } else {
                let msg = match target {
                    Target::Str => "precision too big",
                    Target::Bytes => "prec too big",
                };
                if let Some(p) = self.percent_digits(fmt, i, i64::from(i32::MAX), msg)? {
                    spec.prec = Some(p);
                }
            }
        }
        // One length modifier is accepted and ignored (`%ld`); a second is the conversion.
        if matches!(at(*i), Some('h' | 'l' | 'L')) {
            *i += 1;
        }
        let Some(kind) = at(*i) else {
            return Err(self.value_error("incomplete format"));
        };
        spec.kind = kind;
        *i += 1;
        Ok(spec)
    }

    /// A run of ASCII digits as a width or precision; `msg` when it exceeds `max`.
    fn percent_digits(
        &self,
        fmt: &[char],
        i: &mut usize,
        max: i64,
        msg: &str,
    ) -> PyResult<Option<usize>> {
        let mut value: Option<i64> = None;
        while let Some(d) = fmt
            .get(*i)
            .and_then(|c| c.to_digit(10).filter(|_| c.is_ascii()))
        {
            let d = i64::from(d);
            let n = value.unwrap_or(0);
            if value.is_some() && n > (max - d) / 10 {
                return Err(self.value_error(msg));
            }
            value = Some(n * 10 + d);
            *i += 1;
        }
        Ok(value.map(|v| v as usize))
    }

    /// A `*` width or precision: an int (`* wants int`) that fits a C `ssize_t`/`int`.
    fn percent_star(&self, v: &Value, max: i64, c_type: &str) -> PyResult<i64> {
        let n = match inner(v) {
            Value::Int(n) => Some(*n),
            Value::Bool(b) => Some(i64::from(b.get())),
            Value::BigInt(b) => b.to_i64(),
            _ => return Err(self.type_error("* wants int")),
        };
        match n {
            Some(n) if n <= max && n >= -max - 1 => Ok(n),
            _ => Err(self.overflow_error(format!("Python int too large to convert to C {c_type}"))),
        }
    }

    /// Converts one argument and writes its field.
    fn percent_field(
        &mut self,
        out: &mut String,
        spec: &Spec,
        value: &Value,
        target: Target,
        index: usize,
    ) -> PyResult<()> {
        let kind = spec.kind;
        let mut numeric = false;
        let text = match (kind, target) {
            ('s', Target::Str) => self.str(value)?,
            ('r', Target::Str) => self.repr(value)?,
            ('a', Target::Str) => self.ascii(value)?,
            ('r' | 'a', Target::Bytes) => self.ascii(value)?,
            ('s' | 'b', Target::Bytes) => {
                let data = self.percent_bytes_arg(value)?;
                data.iter().map(|&b| char::from(b)).collect()
            }
            ('d' | 'i' | 'u' | 'o' | 'x' | 'X', _) => {
                numeric = true;
                let n = self.percent_int_arg(value, kind)?;
                self.percent_int_text(&n, spec)?
            }
            ('e' | 'E' | 'f' | 'F' | 'g' | 'G', _) => {
                numeric = true;
                let x = self.percent_float_arg(value, target)?;
                self.percent_float_text(x, spec)?
            }
            ('c', _) => self.percent_char_arg(value, target)?.to_string(),
            _ => return Err(self.percent_unsupported(kind, target, index)),
        };
        self.percent_write(out, spec, &text, numeric)
    }

    fn percent_unsupported(
        &self,
        kind: char,
        target: Target,
        index: usize,
    ) -> crate::object::ExcRef {
        let code = kind as u32;
        let shown = match target {
            // CPython prints the character only when it is printable ASCII (or 0x1f).
            Target::Str if !(31..=126).contains(&code) => '?',
            // CPython hands the format's (signed) char to `%c`, which refuses a negative one.
            Target::Bytes if code >= 0x80 => {
                return self.overflow_error("character argument not in range(0x110000)")
            }
            _ => kind,
        };
        self.value_error(format!(
            "unsupported format character '{shown}' ({code:#x}) at index {index}"
        ))
    }

    /// CPython's `unicode_format_arg_output`: truncation for `s`/`r`/`a`/`b`, the sign and the
    /// `0x`/`0o` prefix before zero padding (`'%#08x'` is `0x0000ff`) or after space
    /// padding (`'%#8x'` is `    0xff`), and left or right justification.
    fn percent_write(
        &self,
        out: &mut String,
        spec: &Spec,
        text: &str,
        numeric: bool,
    ) -> PyResult<()> {
        let fill = if numeric && spec.zero { '0' } else { ' ' };
        let mut body: Vec<char> = text.chars().collect();
        if matches!(spec.kind, 's' | 'r' | 'a' | 'b') {
            if let Some(p) = spec.prec {
                body.truncate(p);
            }
        }
        let mut sign = None;
        let mut rest = &body[..];
        if numeric {
            match rest.first() {
                Some(&c @ ('-' | '+')) => {
                    sign = Some(c);
                    rest = &rest[1..];
                }
                _ if spec.sign => sign = Some('+'),
                _ if spec.blank => sign = Some(' '),
                _ => {}
            }
        }
        let mut len = rest.len();
        let mut width = spec.width.unwrap_or(0).max(len);
        if width.saturating_add(out.len()) > MAX_SEQUENCE_LEN {
            return Err(self.memory_error());
        }
        if let Some(s) = sign {
            if fill != ' ' {
                out.push(s);
            }
            if width > len {
                width -= 1;
            }
        }
        let mut prefix: &[char] = &[];
        if spec.alt && matches!(spec.kind, 'x' | 'X' | 'o') && rest.len() >= 2 {
            (prefix, rest) = rest.split_at(2);
            if fill != ' ' {
                out.extend(prefix);
                prefix = &[];
            }
            width = width.saturating_sub(2);
            len -= 2;
        }
        if width > len && !spec.ljust {
            out.extend(std::iter::repeat_n(fill, width - len));
            width = len;
        }
        if fill == ' ' {
            if let Some(s) = sign {
                out.push(s);
            }
            out.extend(prefix);
        }
        out.extend(rest);
        if width > len {
            out.extend(std::iter::repeat_n(' ', width - len));
        }
        Ok(())
    }
}

/// The integer of an int, a bool or an instance of an int subclass (`PyLong_Check`).
fn int_of(v: &Value) -> Option<BigInt> {
    match inner(v) {
        Value::Int(i) => Some(BigInt::from(*i)),
        Value::Bool(b) => Some(BigInt::from(i64::from(b.get()))),
        Value::BigInt(b) => Some((**b).clone()),
        _ => None,
    }
}

/// The bytes of a bytes object or of an instance of a bytes subclass (`PyBytes_Check`).
fn bytes_of(v: &Value) -> Option<&[u8]> {
    match inner(v) {
        Value::Bytes(b) => Some(&b.data),
        _ => None,
    }
}

/// The conversions of one argument, each CPython's helper of the same job.
impl Vm {
    fn percent_special(&self, v: &Value, name: &str) -> Option<Value> {
        self.class_of(v)
            .lookup(name, crate::object::hash::hash_str(name))
    }

    fn percent_is_type_error(&self, e: &crate::object::ExcRef) -> bool {
        self.exc_is(e, &self.exc.type_error)
    }

    /// `_PyNumber_Index`; None where it raises TypeError (the callers replace that error).
    fn percent_index(&mut self, v: &Value) -> PyResult<Option<BigInt>> {
        if let Some(n) = int_of(v) {
            return Ok(Some(n));
        }
        let Some(m) = self.percent_special(v, "__index__") else {
            return Ok(None);
        };
        match self.call(&m, std::slice::from_ref(v)) {
            Ok(r) => Ok(int_of(&r)),
            Err(e) if self.percent_is_type_error(&e) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// `%d %i %u %o %x %X`: CPython's `mainformatlong`. An int is used as is; another
    /// number goes through `int()` for `d`/`i`/`u` (floats truncate) and `__index__` for
    /// `o`/`x`/`X`; a TypeError on the way becomes the "is required" message.
    fn percent_int_arg(&mut self, v: &Value, kind: char) -> PyResult<BigInt> {
        if let Some(n) = int_of(v) {
            return Ok(n);
        }
        let index_only = matches!(kind, 'o' | 'x' | 'X');
        // `PyNumber_Check`: a str is no number, though `int()` would parse it.
        let is_number = match inner(v) {
            Value::Float(_) => true,
            Value::Object(_) => ["__index__", "__int__", "__float__", "__complex__"]
                .iter()
                .any(|name| self.percent_special(v, name).is_some()),
            _ => false,
        };
        if is_number {
            let converted = if index_only {
                self.percent_index(v)?
            } else {
                let int = Value::Class(self.types.int.clone());
                match self.call(&int, std::slice::from_ref(v)) {
                    Ok(r) => int_of(&r),
                    Err(e) if self.percent_is_type_error(&e) => None,
                    Err(e) => return Err(e),
                }
            };
            if let Some(n) = converted {
                return Ok(n);
            }
        }
        let wanted = if index_only {
            "an integer"
        } else {
            "a real number"
        };
        Err(self.type_error(format!(
            "%{kind} format: {wanted} is required, not {}",
            self.type_name(v)
        )))
    }

    /// CPython's `_PyUnicode_FormatLong`: sign, the `0x`/`0o` prefix under `#`, zeros up
    /// to the precision, then the digits; `X` upper-cases all of it.
    fn percent_int_text(&self, n: &BigInt, spec: &Spec) -> PyResult<String> {
        let prec = spec.prec.unwrap_or(0);
        if prec > (i32::MAX - 3) as usize {
            return Err(self.overflow_error("precision too large"));
        }
        let magnitude = BigInt::from(n.magnitude().clone());
        let digits = match spec.kind {
            'o' => magnitude.to_str_radix(8),
            'x' | 'X' => magnitude.to_str_radix(16),
            _ => self.int_to_string(&magnitude)?,
        };
        let zeros = prec.saturating_sub(digits.len());
        if zeros > MAX_SEQUENCE_LEN {
            return Err(self.memory_error());
        }
        let mut text = String::with_capacity(digits.len() + zeros + 3);
        if n.sign() == Sign::Minus {
            text.push('-');
        }
        if spec.alt && matches!(spec.kind, 'o' | 'x' | 'X') {
            text.push_str(if spec.kind == 'o' { "0o" } else { "0x" });
        }
        text.extend(std::iter::repeat_n('0', zeros));
        text.push_str(&digits);
        if spec.kind == 'X' {
            text.make_ascii_uppercase();
        }
        Ok(text)
    }

    /// `%e %f %g` and capitals: `PyFloat_AsDouble`. The bytes formatter replaces any
    /// failure with its own TypeError, the str one lets it through.
    fn percent_float_arg(&mut self, v: &Value, target: Target) -> PyResult<f64> {
        match self.percent_as_double(v) {
            Err(_) if target == Target::Bytes => Err(self.type_error(format!(
                "float argument required, not {}",
                self.type_name(v)
            ))),
            r => r,
        }
    }

    fn percent_as_double(&mut self, v: &Value) -> PyResult<f64> {
        if let Value::Float(f) = inner(v) {
            return Ok(f.get());
        }
        if let Some(n) = int_of(v) {
            return crate::vm::ops::numeric::big_to_f64(self, &n);
        }
        if let Some(m) = self.percent_special(v, "__float__") {
            let r = self.call(&m, std::slice::from_ref(v))?;
            return match inner(&r) {
                Value::Float(f) => Ok(f.get()),
                _ => Err(self.type_error(format!(
                    "{}.__float__ returned non-float (type {})",
                    self.type_name(v),
                    self.type_name(&r)
                ))),
            };
        }
        if let Some(m) = self.percent_special(v, "__index__") {
            let r = self.call(&m, std::slice::from_ref(v))?;
            return match int_of(&r) {
                Some(n) => crate::vm::ops::numeric::big_to_f64(self, &n),
                None => Err(self.type_error(format!(
                    "__index__ returned non-int (type {})",
                    self.type_name(&r)
                ))),
            };
        }
        Err(self.type_error(format!("must be real number, not {}", self.type_name(v))))
    }

    /// `PyOS_double_to_string` with the precision (6 by default) and `#`; sign, padding
    /// and width are the field's.
    fn percent_float_text(&self, x: f64, spec: &Spec) -> PyResult<String> {
        let format_spec = format::FormatSpec {
            kind: Some(spec.kind),
            precision: Some(spec.prec.unwrap_or(6)),
            alternate: spec.alt,
            ..Default::default()
        };
        format::format_float(x, &format_spec, "float").map_err(|e| match e {
            format::FormatError::OutOfMemory => self.memory_error(),
            e => self.format_error(e),
        })
    }

    /// `%c`: CPython's `formatchar` (str: a one-char str or a code point) and
    /// `byte_converter` (bytes: a one-byte bytes or bytearray, or an int below 256).
    fn percent_char_arg(&mut self, v: &Value, target: Target) -> PyResult<char> {
        let (limit, type_msg, range_msg) = match target {
            Target::Str => (
                0x10ffff,
                "%c requires int or char",
                "%c arg not in range(0x110000)",
            ),
            Target::Bytes => (
                0xff,
                "%c requires an integer in range(256) or a single byte",
                "%c arg not in range(256)",
            ),
        };
        match (target, inner(v)) {
            (Target::Str, Value::Str(s)) => {
                let mut chars = s.as_str().chars();
                return match (chars.next(), chars.next()) {
                    (Some(c), None) => Ok(c),
                    _ => Err(self.type_error(type_msg)),
                };
            }
            (Target::Bytes, Value::Bytes(b)) if b.data.len() == 1 => {
                return Ok(char::from(b.data[0]))
            }
            (Target::Bytes, _) if self.percent_is_builtin(v, "bytearray") => {
                if let Some([byte]) = self.buffer_bytes(v).as_deref() {
                    return Ok(char::from(*byte));
                }
            }
            _ => {}
        }
        let Some(n) = self.percent_index(v)? else {
            return Err(self.type_error(type_msg));
        };
        match n.to_u32().filter(|&c| c <= limit) {
            // A lone surrogate has no `char`; apy's `chr` gives U+FFFD for one too.
            Some(c) => Ok(char::from_u32(c).unwrap_or('\u{fffd}')),
            None => Err(self.overflow_error(range_msg)),
        }
    }

    /// `%b` and `%s` in bytes: CPython's `format_obj` — bytes, bytearray, `__bytes__`,
    /// then any other bytes-like object.
    fn percent_bytes_arg(&mut self, v: &Value) -> PyResult<Vec<u8>> {
        if let Some(data) = bytes_of(v) {
            return Ok(data.to_vec());
        }
        if self.percent_is_builtin(v, "bytearray") {
            if let Some(data) = self.buffer_bytes(v) {
                return Ok(data);
            }
        }
        if let Some(m) = self.percent_special(v, "__bytes__") {
            let r = self.call(&m, std::slice::from_ref(v))?;
            return match bytes_of(&r) {
                Some(data) => Ok(data.to_vec()),
                None => Err(self.type_error(format!(
                    "__bytes__ returned non-bytes (type {})",
                    self.type_name(&r)
                ))),
            };
        }
        if let Some(data) = self.buffer_bytes(v) {
            return Ok(data);
        }
        Err(self.type_error(format!(
            "%b requires a bytes-like object, or an object that implements __bytes__, not '{}'",
            self.type_name(v)
        )))
    }
}
