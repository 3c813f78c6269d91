//! The encoder of `_json`: Python values to JSON text in one `String`, as CPython's C
//! encoder (`encoder_listencode_obj`) writes it — the same order of type checks,
//! subclasses of the JSON types included, `default()` for the rest, the same cycle
//! and key errors.
//!
//! CPython 3.11 uses its C encoder only without `indent`; with one it runs the
//! Python generator, whose float error names the value (`...: nan`). This encoder does
//! both layouts, and speaks like the engine CPython would have used: `python_errors`
//! is set when an indent is given. Nesting recurses once per container, bounded by the
//! interpreter's recursion limit.

use crate::object::{Payload, PyStr, Value};
use crate::vm::{PyResult, Vm};
use std::collections::HashSet;

/// How strings are written: natively (ASCII-only or not), or by a Python function.
pub enum StrEncoder {
    Ascii,
    Unicode,
    Python(Value),
}

pub struct Encoder {
    /// Cycle detection is on (`check_circular`).
    pub check_circular: bool,
    pub default: Value,
    pub strings: StrEncoder,
    pub indent: Option<String>,
    pub key_separator: String,
    pub item_separator: String,
    pub sort_keys: bool,
    pub skipkeys: bool,
    pub allow_nan: bool,
}

/// Appends `s` as a JSON string literal.
pub fn write_str(out: &mut String, s: &str, ascii: bool) {
    out.push('"');
    let mut run = 0;
    for (i, c) in s.char_indices() {
        let plain = if ascii {
            (' '..='~').contains(&c) && c != '"' && c != '\\'
        } else {
            c >= ' ' && c != '"' && c != '\\'
        };
        if plain {
            continue;
        }
        out.push_str(&s[run..i]);
        run = i + c.len_utf8();
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\x08' => out.push_str("\\b"),
            '\x0c' => out.push_str("\\f"),
            c => {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{u:04x}"));
                }
            }
        }
    }
    out.push_str(&s[run..]);
    out.push('"');
}

/// The plain value behind an instance of a subclass of a built-in type.
fn unwrap(v: &Value) -> &Value {
    match v {
        Value::Object(o) => match &o.payload {
            Payload::Builtin(inner) => inner,
            _ => v,
        },
        _ => v,
    }
}

struct Run<'e> {
    enc: &'e Encoder,
    out: String,
    markers: HashSet<usize>,
    depth: usize,
}

impl Encoder {
    /// The JSON text of `o`, starting at indent level `level`.
    pub fn encode(&self, vm: &mut Vm, o: &Value, level: usize) -> PyResult<String> {
        let mut run = Run {
            enc: self,
            out: String::new(),
            markers: HashSet::new(),
            depth: 0,
        };
        run.value(vm, o, level)?;
        Ok(run.out)
    }
}

impl Run<'_> {
    fn python_errors(&self) -> bool {
        self.enc.indent.is_some()
    }

    fn string(&mut self, vm: &mut Vm, s: &Value, text: &PyStr) -> PyResult<()> {
        match &self.enc.strings {
            StrEncoder::Ascii => write_str(&mut self.out, text.as_str(), true),
            StrEncoder::Unicode => write_str(&mut self.out, text.as_str(), false),
            StrEncoder::Python(f) => {
                let r = vm.call(f, std::slice::from_ref(s))?;
                match r {
                    Value::Str(t) => self.out.push_str(t.as_str()),
                    other => {
                        return Err(vm.type_error(format!(
                            "encoder() must return a string, not {}",
                            vm.type_name(&other)
                        )))
                    }
                }
            }
        }
        Ok(())
    }

    fn float(&mut self, vm: &mut Vm, x: f64) -> PyResult<()> {
        if x.is_finite() {
            self.out.push_str(&crate::format::float_repr(x));
            return Ok(());
        }
        if !self.enc.allow_nan {
            let mut msg = "Out of range float values are not JSON compliant".to_string();
            if self.python_errors() {
                msg.push_str(": ");
                msg.push_str(&crate::format::float_repr(x));
            }
            return Err(vm.value_error(msg));
        }
        self.out.push_str(if x.is_nan() {
            "NaN"
        } else if x > 0.0 {
            "Infinity"
        } else {
            "-Infinity"
        });
        Ok(())
    }

    fn enter(&mut self, vm: &mut Vm, o: &Value) -> PyResult<Option<usize>> {
        if self.depth >= vm.limits.recursion {
            let msg = if self.python_errors() {
                "maximum recursion depth exceeded".to_string()
            } else {
                "maximum recursion depth exceeded while encoding a JSON object".to_string()
            };
            return Err(vm.new_exception_msg(&vm.exc.recursion_error.clone(), msg));
        }
        self.depth += 1;
        if !self.enc.check_circular {
            return Ok(None);
        }
        let id = o.heap_addr().unwrap_or(0);
        if !self.markers.insert(id) {
            return Err(vm.value_error("Circular reference detected"));
        }
        Ok(Some(id))
    }

    fn leave(&mut self, marker: Option<usize>) {
        self.depth -= 1;
        if let Some(id) = marker {
            self.markers.remove(&id);
        }
    }

    fn newline(&mut self, level: usize) {
        if let Some(ind) = &self.enc.indent {
            self.out.push('\n');
            for _ in 0..level {
                self.out.push_str(ind);
            }
        }
    }

    /// Recursion here follows the nesting of the value, bounded in `enter`.
    fn value(&mut self, vm: &mut Vm, o: &Value, level: usize) -> PyResult<()> {
        match unwrap(o) {
            Value::None => self.out.push_str("null"),
            Value::Bool(b) => self.out.push_str(if b.get() { "true" } else { "false" }),
            Value::Str(s) => {
                let s = s.clone();
                self.string(vm, o, &s)?
            }
            Value::Float(f) => self.float(vm, f.get())?,
            Value::Int(i) => self.out.push_str(&i.to_string()),
            Value::BigInt(b) => self.out.push_str(&b.to_string()),
            Value::List(l) => {
                let items: Vec<Value> = l.items.borrow().clone();
                self.array(vm, o, &items, level)?
            }
            Value::Tuple(t) => {
                let items: Vec<Value> = t.items.to_vec();
                self.array(vm, o, &items, level)?
            }
            Value::Dict(d) => {
                let items: Vec<(Value, Value)> = d
                    .table
                    .borrow()
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                self.object(vm, o, items, level)?
            }
            _ => {
                let marker = self.enter(vm, o)?;
                let replaced = vm.call(&self.enc.default, std::slice::from_ref(o))?;
                self.value(vm, &replaced, level)?;
                self.leave(marker);
            }
        }
        Ok(())
    }

    fn array(&mut self, vm: &mut Vm, o: &Value, items: &[Value], level: usize) -> PyResult<()> {
        if items.is_empty() {
            self.out.push_str("[]");
            return Ok(());
        }
        let marker = self.enter(vm, o)?;
        self.out.push('[');
        self.newline(level + 1);
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                let sep = self.enc.item_separator.clone();
                self.out.push_str(&sep);
                self.newline(level + 1);
            }
            self.value(vm, item, level + 1)?;
        }
        self.newline(level);
        self.out.push(']');
        self.leave(marker);
        Ok(())
    }

    fn object(
        &mut self,
        vm: &mut Vm,
        o: &Value,
        mut items: Vec<(Value, Value)>,
        level: usize,
    ) -> PyResult<()> {
        if items.is_empty() {
            self.out.push_str("{}");
            return Ok(());
        }
        let marker = self.enter(vm, o)?;
        if self.enc.sort_keys {
            // `sorted(dct.items())`: pairs compare by key (keys are distinct).
            let mut pairs: Vec<Value> = items
                .into_iter()
                .map(|(k, v)| Value::tuple(vec![k, v]))
                .collect();
            vm.sort_with(&mut pairs, &Value::None, false)?;
            items = pairs
                .into_iter()
                .map(|p| match p {
                    Value::Tuple(t) => (t.items[0].clone(), t.items[1].clone()),
                    _ => (Value::None, Value::None),
                })
                .collect();
        }
        self.out.push('{');
        self.newline(level + 1);
        let mut first = true;
        for (key, value) in items {
            let key_text: Option<Value> = match unwrap(&key) {
                Value::Str(_) => Some(key.clone()),
                Value::Float(f) => {
                    let start = self.out.len();
                    self.float(vm, f.get())?;
                    let text = self.out.split_off(start);
                    Some(Value::str(text))
                }
                Value::Bool(b) => Some(Value::str(if b.get() { "true" } else { "false" })),
                Value::None => Some(Value::str("null")),
                Value::Int(i) => Some(Value::str(i.to_string())),
                Value::BigInt(b) => Some(Value::str(b.to_string())),
                _ if self.enc.skipkeys => None,
                _ => {
                    return Err(vm.type_error(format!(
                        "keys must be str, int, float, bool or None, not {}",
                        vm.type_name(&key)
                    )))
                }
            };
            let Some(key_text) = key_text else {
                continue;
            };
            if !first {
                let sep = self.enc.item_separator.clone();
                self.out.push_str(&sep);
                self.newline(level + 1);
            }
            first = false;
            let text = match unwrap(&key_text) {
                Value::Str(s) => s.clone(),
                _ => continue,
            };
            self.string(vm, &key_text, &text)?;
            let sep = self.enc.key_separator.clone();
            self.out.push_str(&sep);
            self.value(vm, &value, level + 1)?;
        }
        self.newline(level);
        self.out.push('}');
        self.leave(marker);
        Ok(())
    }
}
