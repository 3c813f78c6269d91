//! printf-style `str % args` formatting, mapped onto the format-spec layer so the number
//! rendering is shared with `format()`.

use crate::format;
use crate::object::Value;
use crate::vm::{PyResult, Vm};
use num_bigint::BigInt;

struct Conversion {
    key: Option<String>,
    minus: bool,
    plus: bool,
    space: bool,
    alt: bool,
    zero: bool,
    width: Option<usize>,
    precision: Option<usize>,
    kind: char,
}

impl Vm {
    pub fn percent_format(&mut self, fmt: &str, args: &Value) -> PyResult<String> {
        let (positional, mapping): (Vec<Value>, Option<Value>) = match args {
            Value::Tuple(t) => (t.items.to_vec(), None),
            Value::Dict(_) => (vec![args.clone()], Some(args.clone())),
            Value::Object(o)
                if o.class
                    .lookup("__getitem__", crate::object::hash::hash_str("__getitem__"))
                    .is_some() =>
            {
                (vec![args.clone()], Some(args.clone()))
            }
            other => (vec![other.clone()], None),
        };
        let mut next_arg = 0usize;
        let mut out = String::with_capacity(fmt.len());
        let chars: Vec<char> = fmt.chars().collect();
        let mut i = 0;
        let mut used_mapping = false;
        while i < chars.len() {
            let c = chars[i];
            if c != '%' {
                out.push(c);
                i += 1;
                continue;
            }
            let start = i;
            i += 1;
            if i >= chars.len() {
                return Err(self.value_error("incomplete format"));
            }
            let mut conv = Conversion {
                key: None,
                minus: false,
                plus: false,
                space: false,
                alt: false,
                zero: false,
                width: None,
                precision: None,
                kind: ' ',
            };
            if chars[i] == '(' {
                let mut depth = 1;
                let key_start = i + 1;
                i += 1;
                while i < chars.len() && depth > 0 {
                    match chars[i] {
                        '(' => depth += 1,
                        ')' => depth -= 1,
                        _ => {}
                    }
                    i += 1;
                }
                if depth > 0 {
                    return Err(self.value_error("incomplete format key"));
                }
                conv.key = Some(chars[key_start..i - 1].iter().collect());
            }
            while i < chars.len() {
                match chars[i] {
                    '-' => conv.minus = true,
                    '+' => conv.plus = true,
                    ' ' => conv.space = true,
                    '#' => conv.alt = true,
                    '0' => conv.zero = true,
                    _ => break,
                }
                i += 1;
            }
            if i < chars.len() && chars[i] == '*' {
                let w = self.percent_next_arg(&positional, &mut next_arg, mapping.is_some())?;
                let w = match w {
                    Value::Int(n) => n,
                    _ => return Err(self.type_error("* wants int")),
                };
                if w < 0 {
                    conv.minus = true;
                }
                conv.width = Some(w.unsigned_abs() as usize);
                i += 1;
            } else {
                let mut w = String::new();
                while i < chars.len() && chars[i].is_ascii_digit() {
                    w.push(chars[i]);
                    i += 1;
                }
                if !w.is_empty() {
                    conv.width = w.parse().ok();
                }
            }
            if i < chars.len() && chars[i] == '.' {
                i += 1;
                if i < chars.len() && chars[i] == '*' {
                    let p = self.percent_next_arg(&positional, &mut next_arg, mapping.is_some())?;
                    conv.precision = match p {
                        Value::Int(n) => Some(n.max(0) as usize),
                        _ => return Err(self.type_error("* wants int")),
                    };
                    i += 1;
                } else {
                    let mut p = String::new();
                    while i < chars.len() && chars[i].is_ascii_digit() {
                        p.push(chars[i]);
                        i += 1;
                    }
                    conv.precision = Some(p.parse().unwrap_or(0));
                }
            }
            // Length modifiers are accepted and ignored, as in CPython.
            while i < chars.len() && matches!(chars[i], 'h' | 'l' | 'L') {
                i += 1;
            }
            if i >= chars.len() {
                return Err(self.value_error("incomplete format"));
            }
            conv.kind = chars[i];
            i += 1;
            if conv.kind == '%' {
                out.push('%');
                continue;
            }
            let value = match &conv.key {
                Some(k) => {
                    let Some(m) = &mapping else {
                        return Err(self.type_error("format requires a mapping"));
                    };
                    used_mapping = true;
                    self.get_item(m, &Value::str(k.clone()))?
                }
                None => self.percent_next_arg(&positional, &mut next_arg, false)?,
            };
            let text = self.percent_convert(&conv, &value, start)?;
            out.push_str(&text);
        }
        if mapping.is_none() && next_arg < positional.len() {
            return Err(self.type_error("not all arguments converted during string formatting"));
        }
        let _ = used_mapping;
        Ok(out)
    }

    fn percent_next_arg(&self, args: &[Value], next: &mut usize, _star: bool) -> PyResult {
        match args.get(*next) {
            Some(v) => {
                *next += 1;
                Ok(v.clone())
            }
            None => Err(self.type_error("not enough arguments for format string")),
        }
    }

    fn percent_convert(
        &mut self,
        conv: &Conversion,
        value: &Value,
        index: usize,
    ) -> PyResult<String> {
        let kind = conv.kind;
        let body = match kind {
            's' => self.str(value)?,
            'r' => self.repr(value)?,
            'a' => self.ascii(value)?,
            'c' => match value {
                Value::Int(i) => match u32::try_from(*i).ok().and_then(char::from_u32) {
                    Some(c) => c.to_string(),
                    None => return Err(self.overflow_error("%c arg not in range(0x110000)")),
                },
                Value::Str(s) if s.char_len() == 1 => s.as_str().to_string(),
                _ => return Err(self.type_error("%c requires int or char".to_string())),
            },
            'd' | 'i' | 'u' | 'x' | 'X' | 'o' => {
                let int = match value {
                    Value::Int(i) => BigInt::from(*i),
                    Value::Bool(b) => BigInt::from(b.get() as i64),
                    Value::BigInt(b) => (**b).clone(),
                    Value::Float(f) if matches!(kind, 'd' | 'i' | 'u') => {
                        format::float_to_int(f.get()).map_err(|e| self.format_error(e))?
                    }
                    _ => {
                        if let Some(i) = self.to_index(value)? {
                            BigInt::from(i)
                        } else if matches!(kind, 'd' | 'i' | 'u') {
                            return Err(self.type_error(format!(
                                "%{kind} format: a real number is required, not {}",
                                self.type_name(value)
                            )));
                        } else {
                            return Err(self.type_error(format!(
                                "%{kind} format: an integer is required, not {}",
                                self.type_name(value)
                            )));
                        }
                    }
                };
                let ty = match kind {
                    'x' => "x",
                    'X' => "X",
                    'o' => "o",
                    _ => "d",
                };
                let spec = self.number_spec(conv, ty, None);
                let mut s =
                    format::format_int_with_spec(&int, &spec).map_err(|e| self.format_error(e))?;
                if let Some(p) = conv.precision {
                    s = pad_digits(&s, p);
                }
                return Ok(pad(s, conv));
            }
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                let x = match value {
                    Value::Float(f) => f.get(),
                    Value::Int(i) => *i as f64,
                    Value::Bool(b) => b.get() as i64 as f64,
                    Value::BigInt(b) => crate::vm::ops::numeric::big_to_f64(self, b)?,
                    _ => {
                        return Err(self.type_error(format!(
                            "must be real number, not {}",
                            self.type_name(value)
                        )))
                    }
                };
                let spec =
                    self.number_spec(conv, &kind.to_string(), Some(conv.precision.unwrap_or(6)));
                let s =
                    format::format_float_with_spec(x, &spec).map_err(|e| self.format_error(e))?;
                return Ok(pad(s, conv));
            }
            other => {
                return Err(self.value_error(format!(
                    "unsupported format character '{other}' ({:#x}) at index {}",
                    other as u32,
                    index + 1
                )))
            }
        };
        let body = match conv.precision {
            Some(p) if matches!(kind, 's' | 'r' | 'a') => body.chars().take(p).collect(),
            _ => body,
        };
        Ok(pad(body, conv))
    }

    /// A format spec equivalent to the printf flags for a number.
    fn number_spec(&self, conv: &Conversion, ty: &str, precision: Option<usize>) -> String {
        let mut spec = String::new();
        if conv.plus {
            spec.push('+');
        } else if conv.space {
            spec.push(' ');
        }
        if conv.alt {
            spec.push('#');
        }
        if conv.zero && !conv.minus {
            if let Some(w) = conv.width {
                spec.push('0');
                spec.push_str(&w.to_string());
            }
        }
        if let Some(p) = precision {
            spec.push('.');
            spec.push_str(&p.to_string());
        }
        spec.push_str(ty);
        spec
    }
}

/// `%.5d`: at least `p` digits.
fn pad_digits(s: &str, p: usize) -> String {
    let (sign, rest) = match s.strip_prefix('-') {
        Some(r) => ("-", r),
        None => match s.strip_prefix('+') {
            Some(r) => ("+", r),
            None => ("", s),
        },
    };
    if rest.len() >= p {
        return s.to_string();
    }
    format!("{sign}{}{rest}", "0".repeat(p - rest.len()))
}

fn pad(s: String, conv: &Conversion) -> String {
    let Some(w) = conv.width else { return s };
    let n = s.chars().count();
    if n >= w {
        return s;
    }
    let fill = " ".repeat(w - n);
    if conv.minus {
        s + &fill
    } else {
        fill + &s
    }
}
