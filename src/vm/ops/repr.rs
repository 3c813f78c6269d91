//! `repr()`, `str()`, `ascii()`, `format()` and f-string field formatting.

use crate::format;
use crate::object::iterator::DictView;
use crate::object::{DictObj, ExcRef, Payload, Value};
use crate::vm::ops::compare::Recursing;
use crate::vm::{PyResult, Vm};
use num_bigint::BigInt;
use std::rc::Rc;

impl Vm {
    /// `repr(view)`: `dict_keys(['a', 'b'])`; a view containing itself shows `...`.
    pub fn dict_view_repr(
        &mut self,
        v: &Value,
        d: &Rc<DictObj>,
        kind: DictView,
    ) -> PyResult<String> {
        let addr = v.heap_addr().unwrap_or(0);
        if self.repr_stack.contains(&addr) {
            return Ok("...".into());
        }
        let (name, items) = {
            let t = d.table.borrow();
            let items: Vec<Value> = t
                .iter()
                .map(|(k, v)| match kind {
                    DictView::Keys => k.clone(),
                    DictView::Values => v.clone(),
                    DictView::Items => Value::tuple(vec![k.clone(), v.clone()]),
                })
                .collect();
            let name = match kind {
                DictView::Keys => "dict_keys",
                DictView::Values => "dict_values",
                DictView::Items => "dict_items",
            };
            (name, items)
        };
        self.repr_stack.push(addr);
        let r = self.repr(&Value::list(items));
        self.repr_stack.pop();
        Ok(format!("{name}({})", r?))
    }

    /// Turns a formatting-layer error into the Python exception CPython raises.
    pub(crate) fn format_error(&self, e: format::FormatError) -> ExcRef {
        let msg = e.to_string();
        match e.exception_kind() {
            "OverflowError" => self.overflow_error(msg),
            "TypeError" => self.type_error(msg),
            _ => self.value_error(msg),
        }
    }

    pub fn int_to_string(&self, b: &BigInt) -> PyResult<String> {
        format::int_to_decimal(b).map_err(|e| self.format_error(e))
    }

    pub fn repr(&mut self, v: &Value) -> PyResult<String> {
        Ok(match v {
            Value::None => "None".into(),
            Value::Null => "<NULL>".into(),
            Value::Bool(b) => if b.get() { "True" } else { "False" }.into(),
            Value::Int(i) => i.to_string(),
            Value::BigInt(b) => self.int_to_string(b)?,
            Value::Float(f) => format::float_repr(f.get()),
            // At least the text again, built by `std`: asked for first (see `memory`).
            Value::Str(s) => {
                if crate::memory::ensure_room(s.as_str().len() + 2).is_err() {
                    return Err(self.memory_error());
                }
                format::str_repr(s.as_str())
            }
            Value::Bytes(b) => {
                if crate::memory::ensure_room(b.data.len() + 3).is_err() {
                    return Err(self.memory_error());
                }
                format::bytes_repr(&b.data)
            }
            Value::Ellipsis => "Ellipsis".into(),
            Value::NotImplemented => "NotImplemented".into(),
            Value::List(l) => {
                let items = l.items.borrow().clone();
                return self.repr_container(v, &items, "[", "]", false);
            }
            Value::Tuple(t) => {
                let items = t.items.to_vec();
                return self.repr_container(v, &items, "(", ")", items.len() == 1);
            }
            Value::Dict(d) => {
                let addr = v.heap_addr().unwrap_or(0);
                if self.repr_stack.contains(&addr) {
                    return Ok("{...}".into());
                }
                let pairs: Vec<(Value, Value)> = d
                    .table
                    .borrow()
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                self.enter_native(Recursing::Repr)?;
                self.repr_stack.push(addr);
                let result = (|| {
                    let mut out = String::from("{");
                    for (i, (k, val)) in pairs.iter().enumerate() {
                        if i > 0 {
                            out.push_str(", ");
                        }
                        out.push_str(&self.repr(k)?);
                        out.push_str(": ");
                        out.push_str(&self.repr(val)?);
                    }
                    out.push('}');
                    Ok(out)
                })();
                self.repr_stack.pop();
                self.leave_native();
                return result;
            }
            Value::Set(s) => {
                let items: Vec<Value> = s.table.borrow().iter().map(|(_, k)| k.clone()).collect();
                let name = if s.frozen { "frozenset" } else { "set" };
                if v.heap_addr().is_some_and(|a| self.repr_stack.contains(&a)) {
                    return Ok(format!("{name}(...)"));
                }
                if items.is_empty() {
                    return Ok(format!("{name}()"));
                }
                let inner = self.repr_container(v, &items, "{", "}", false)?;
                return Ok(if s.frozen {
                    format!("frozenset({inner})")
                } else {
                    inner
                });
            }
            Value::Range(r) => {
                if r.step == 1 {
                    format!("range({}, {})", r.start, r.stop)
                } else {
                    format!("range({}, {}, {})", r.start, r.stop, r.step)
                }
            }
            Value::Slice(s) => {
                let (a, b, c) = (s.start.clone(), s.stop.clone(), s.step.clone());
                format!(
                    "slice({}, {}, {})",
                    self.repr(&a)?,
                    self.repr(&b)?,
                    self.repr(&c)?
                )
            }
            Value::Function(f) => format!(
                "<function {} at {:#x}>",
                f.qualname.borrow().as_str(),
                addr(v)
            ),
            Value::NativeFunction(f) => {
                if f.is_method {
                    format!("<method '{}' of '{}' objects>", f.name, f.owner)
                } else {
                    format!("<built-in function {}>", f.name)
                }
            }
            Value::BoundMethod(m) => {
                let s = m.self_value.clone();
                let self_repr = self.repr(&s)?;
                match &m.function {
                    Value::NativeFunction(f) => {
                        format!(
                            "<built-in method {} of {} object at {:#x}>",
                            f.name,
                            self.type_name(&s),
                            addr(&s)
                        )
                    }
                    Value::Function(f) => format!(
                        "<bound method {} of {}>",
                        f.qualname.borrow().as_str(),
                        self_repr
                    ),
                    other => format!("<bound method ? of {}>", self.repr(&other.clone())?),
                }
            }
            Value::Class(c) => {
                // A metaclass may define how its classes print.
                if let Some(meta) = c.metaclass.borrow().clone() {
                    if let Some(r) = meta.python_method("__repr__") {
                        let text = self.call(&r, std::slice::from_ref(v))?;
                        return match text {
                            Value::Str(s) => Ok(s.as_str().to_string()),
                            other => Err(self.type_error(format!(
                                "__repr__ returned non-string (type {})",
                                self.type_name(&other)
                            ))),
                        };
                    }
                }
                let module = self.class_module(c);
                if module == "builtins" {
                    format!("<class '{}'>", c.qualname.borrow())
                } else {
                    format!("<class '{}.{}'>", module, c.qualname.borrow())
                }
            }
            Value::Generator(g) => {
                format!(
                    "<{} object {} at {:#x}>",
                    g.kind.type_name(),
                    g.qualname.borrow().as_str(),
                    addr(v)
                )
            }
            Value::Module(m) => self.module_repr(m)?,
            Value::Cell(_) => format!("<cell at {:#x}>", addr(v)),
            Value::Code(c) => format!(
                "<code object {} at {:#x}, file \"{}\", line {}>",
                c.name.as_str(),
                addr(v),
                c.filename(),
                c.first_line
            ),
            Value::Object(o) => {
                let class = o.class.clone();
                if let Some(m) = class.lookup_str(&self.names.repr.clone()) {
                    if !is_default_native(&m) {
                        self.enter_native(Recursing::Call)?;
                        let r = self.call(&m, std::slice::from_ref(v));
                        self.leave_native();
                        return match r? {
                            Value::Str(s) => Ok(s.as_str().to_string()),
                            other => Err(self.type_error(format!(
                                "__repr__ returned non-string (type {})",
                                self.type_name(&other)
                            ))),
                        };
                    }
                }
                if let Some(d) = o.exc_data() {
                    let args = d.borrow().args.clone();
                    let items = args.items.to_vec();
                    let inner = if items.len() == 1 {
                        self.repr(&items[0])?
                    } else {
                        let t = self.repr(&Value::Tuple(args))?;
                        t[1..t.len() - 1].to_string()
                    };
                    return Ok(format!("{}({})", class.name, inner));
                }
                if let Payload::Native(data) = &o.payload {
                    if let Some(r) = data.repr(self, v) {
                        return r;
                    }
                }
                match &o.payload {
                    Payload::DictView { dict, kind } => {
                        let (dict, kind) = (dict.clone(), *kind);
                        return self.dict_view_repr(v, &dict, kind);
                    }
                    Payload::Property(_) => format!("<property object at {:#x}>", addr(v)),
                    Payload::Member { name, owner, .. } => Vm::member_repr(name, owner),
                    _ => {
                        let module = self.class_module(&class);
                        if module == "builtins" {
                            format!("<{} object at {:#x}>", class.qualname.borrow(), addr(v))
                        } else {
                            format!(
                                "<{}.{} object at {:#x}>",
                                module,
                                class.qualname.borrow(),
                                addr(v)
                            )
                        }
                    }
                }
            }
        })
    }

    /// The `__module__` of a class.
    pub fn class_module(&self, c: &crate::object::Class) -> String {
        // Native classes of built-in modules (`_asyncio.Future`) name their module in
        // their dict; the core built-in types have none and are `builtins`.
        match c
            .dict
            .borrow()
            .get_str("__module__", crate::object::hash::hash_str("__module__"))
        {
            Some(Value::Str(s)) => s.as_str().to_string(),
            _ => "builtins".into(),
        }
    }

    fn repr_container(
        &mut self,
        v: &Value,
        items: &[Value],
        open: &str,
        close: &str,
        trailing_comma: bool,
    ) -> PyResult<String> {
        let addr = v.heap_addr().unwrap_or(0);
        if self.repr_stack.contains(&addr) {
            return Ok(format!("{open}...{close}"));
        }
        self.enter_native(Recursing::Repr)?;
        self.repr_stack.push(addr);
        let result = (|| {
            let mut out = String::from(open);
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&self.repr(item)?);
            }
            if trailing_comma {
                out.push(',');
            }
            out.push_str(close);
            Ok(out)
        })();
        self.repr_stack.pop();
        self.leave_native();
        result
    }

    /// `str(v)`.
    pub fn str(&mut self, v: &Value) -> PyResult<String> {
        match v {
            Value::Str(s) => Ok(s.as_str().to_string()),
            Value::Object(o) => {
                let class = o.class.clone();
                if let Some(m) = class.lookup_str(&self.names.str.clone()) {
                    if !is_default_native(&m) {
                        self.enter_native(Recursing::Call)?;
                        let r = self.call(&m, std::slice::from_ref(v));
                        self.leave_native();
                        return match r? {
                            Value::Str(s) => Ok(s.as_str().to_string()),
                            other => Err(self.type_error(format!(
                                "__str__ returned non-string (type {})",
                                self.type_name(&other)
                            ))),
                        };
                    }
                }
                if let Some(d) = o.exc_data() {
                    let args = d.borrow().args.clone();
                    return match args.items.len() {
                        0 => Ok(String::new()),
                        1 => {
                            let a = args.items[0].clone();
                            if class.is_subclass(&self.exc.key_error) {
                                self.repr(&a)
                            } else {
                                self.str(&a)
                            }
                        }
                        _ => self.repr(&Value::Tuple(args)),
                    };
                }
                self.repr(v)
            }
            _ => self.repr(v),
        }
    }

    /// A str value for `str(v)` (reusing the object when it already is a str).
    pub fn str_value(&mut self, v: &Value) -> PyResult {
        match v {
            Value::Str(_) => Ok(v.clone()),
            _ => Ok(Value::str(self.str(v)?)),
        }
    }

    /// `ascii(v)`: repr with non-ASCII characters escaped.
    pub fn ascii(&mut self, v: &Value) -> PyResult<String> {
        let r = self.repr(v)?;
        let mut out = String::with_capacity(r.len());
        for c in r.chars() {
            let cp = c as u32;
            if cp < 0x80 {
                out.push(c);
            } else if cp < 0x100 {
                out.push_str(&format!("\\x{cp:02x}"));
            } else if cp < 0x10000 {
                out.push_str(&format!("\\u{cp:04x}"));
            } else {
                out.push_str(&format!("\\U{cp:08x}"));
            }
        }
        Ok(out)
    }

    /// `format(v, spec)`.
    pub fn format(&mut self, v: &Value, spec: &str) -> PyResult<String> {
        let r = match v {
            Value::Str(s) => format::format_str_with_spec(s.as_str(), spec),
            Value::Int(i) => format::format_int_with_spec(&BigInt::from(*i), spec),
            Value::BigInt(b) => format::format_int_with_spec(b, spec),
            Value::Bool(b) => {
                if spec.is_empty() {
                    return Ok(if b.get() { "True" } else { "False" }.into());
                }
                format::format_int_with_spec(&BigInt::from(b.get() as i64), spec)
            }
            Value::Float(f) => format::format_float_with_spec(f.get(), spec),
            Value::Object(o) => {
                let class = o.class.clone();
                if let Some(m) = class.lookup_str(&self.names.format.clone()) {
                    if !matches!(m, Value::NativeFunction(_)) {
                        let r = self.call(&m, &[v.clone(), Value::str(spec)])?;
                        return match r {
                            Value::Str(s) => Ok(s.as_str().to_string()),
                            other => Err(self.type_error(format!(
                                "__format__ must return a str, not {}",
                                self.type_name(&other)
                            ))),
                        };
                    }
                }
                // A subclass of a built-in type formats as that type does: an empty
                // spec is `str(v)` (its own `__str__` included), any other the value.
                if let crate::object::Payload::Builtin(inner) = &o.payload {
                    if spec.is_empty() {
                        return self.str(v);
                    }
                    let inner = inner.clone();
                    return self.format(&inner, spec);
                }
                return self.object_format(v, spec);
            }
            _ => return self.object_format(v, spec),
        };
        r.map_err(|e| self.format_error(e))
    }

    /// `object.__format__`: only the empty spec is allowed.
    fn object_format(&mut self, v: &Value, spec: &str) -> PyResult<String> {
        if !spec.is_empty() {
            return Err(self.type_error(format!(
                "unsupported format string passed to {}.__format__",
                self.type_name(v)
            )));
        }
        self.str(v)
    }

    /// `FormatValue`: conversion (0 none, 1 `!s`, 2 `!r`, 3 `!a`), then the spec.
    pub fn format_value(&mut self, v: Value, conversion: u32, spec: Option<Value>) -> PyResult {
        let v = match conversion {
            1 => self.str_value(&v)?,
            2 => Value::str(self.repr(&v)?),
            3 => Value::str(self.ascii(&v)?),
            _ => v,
        };
        let spec_str = match &spec {
            Some(Value::Str(s)) => s.as_str().to_string(),
            _ => String::new(),
        };
        if spec_str.is_empty() {
            if let Value::Str(_) = v {
                return Ok(v);
            }
        }
        Ok(Value::str(self.format(&v, &spec_str)?))
    }
}

impl Vm {
    /// `<module 'name' from 'file'>`, or what the module's spec says it is (CPython's
    /// `_module_repr_from_spec`); apy's own modules, which carry no spec, are built-in.
    fn module_repr(&mut self, m: &crate::object::Module) -> PyResult<String> {
        let get = |k: &str| m.dict.get_str(k, crate::object::hash::hash_str(k));
        if let Some(file) = get("__file__") {
            return Ok(format!("<module '{}' from {}>", m.name, self.repr(&file)?));
        }
        if let Some(spec) = get("__spec__").filter(|s| !s.is_none()) {
            let origin = self.intern("origin");
            let loader = self.intern("loader");
            let origin = self.get_attr_opt(&spec, &origin)?.unwrap_or(Value::None);
            let loader = self.get_attr_opt(&spec, &loader)?.unwrap_or(Value::None);
            return Ok(match (origin, loader) {
                (Value::Str(o), _) => format!("<module '{}' ({})>", m.name, o.as_str()),
                (_, Value::None) => format!("<module '{}'>", m.name),
                (_, loader) => format!("<module '{}' ({})>", m.name, self.repr(&loader)?),
            });
        }
        if get("__loader__").is_some() {
            return Ok(format!("<module '{}'>", m.name));
        }
        Ok(format!("<module '{}' (built-in)>", m.name))
    }
}

/// `object`'s and `BaseException`'s own `__repr__`/`__str__`, which the code above
/// implements inline; any other native `__repr__` (a built-in type that is an `Object`,
/// such as `itertools.count`) must be called.
fn is_default_native(m: &Value) -> bool {
    matches!(m, Value::NativeFunction(f) if f.owner == "object" || f.owner == "BaseException")
}

fn addr(v: &Value) -> usize {
    v.heap_addr().unwrap_or(0)
}
