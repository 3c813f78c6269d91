//! The built-in functions: `print`, `len`, `isinstance`, `min`, `sorted`, `zip`, ...

use super::{add_function, add_value};
use crate::native::{ArgCheck, Clinic};
use crate::object::function::Args;
use crate::object::iterator::IterState;
use crate::object::{Payload, PyBool, Value};
use crate::vm::{PyResult, Vm};
use num_bigint::BigInt;
use std::rc::Rc;

pub fn register(vm: &mut Vm) {
    add_function(vm, "print", print);
    add_function(vm, "len", len);
    add_function(vm, "repr", repr);
    add_function(vm, "ascii", ascii);
    add_function(vm, "iter", iter);
    add_function(vm, "next", next);
    add_function(vm, "isinstance", isinstance);
    add_function(vm, "issubclass", issubclass);
    add_function(vm, "id", id);
    add_function(vm, "hash", hash);
    add_function(vm, "callable", callable);
    add_function(vm, "getattr", getattr);
    add_function(vm, "setattr", setattr);
    add_function(vm, "hasattr", hasattr);
    add_function(vm, "delattr", delattr);
    add_function(vm, "abs", abs);
    add_function(vm, "divmod", divmod);
    add_function(vm, "pow", pow);
    add_function(vm, "round", round);
    add_function(vm, "sum", sum);
    add_function(vm, "any", any);
    add_function(vm, "all", all);
    add_function(vm, "reversed", reversed);
    add_function(vm, "enumerate", enumerate);
    add_function(vm, "zip", zip);
    add_function(vm, "map", map);
    add_function(vm, "filter", filter);
    add_function(vm, "chr", chr);
    add_function(vm, "ord", ord);
    add_function(vm, "hex", hex);
    add_function(vm, "oct", oct);
    add_function(vm, "bin", bin);
    add_function(vm, "format", format);
    add_function(vm, "input", input);
    add_function(vm, "vars", vars);
    add_function(vm, "dir", dir);
    add_function(vm, "globals", frame_only);
    add_function(vm, "locals", frame_only);
    add_function(vm, "__build_class__", build_class);
    add_function(vm, "sorted", super::sort::sorted);
    add_function(vm, "min", super::sort::min);
    add_function(vm, "max", super::sort::max);
    add_value(vm, "None", Value::None);
    add_value(vm, "True", Value::Bool(PyBool::TRUE));
    add_value(vm, "False", Value::Bool(PyBool::FALSE));
    add_value(vm, "NotImplemented", Value::NotImplemented);
    add_value(vm, "Ellipsis", Value::Ellipsis);
    add_value(vm, "__debug__", Value::Bool(PyBool::TRUE));
}

fn print(vm: &mut Vm, args: Args) -> PyResult {
    let mut sep = " ".to_string();
    let mut end = "\n".to_string();
    let mut file = Value::None;
    let mut flush = false;
    for (k, v) in args.kw() {
        match (k, v) {
            ("sep", Value::Str(s)) => sep = s.as_str().to_string(),
            ("sep", Value::None) | ("end", Value::None) => {}
            ("end", Value::Str(s)) => end = s.as_str().to_string(),
            ("sep", other) | ("end", other) => {
                return Err(vm.type_error(format!(
                    "{k} must be None or a string, not {}",
                    vm.type_name(other)
                )))
            }
            ("file", f) => file = f.clone(),
            ("flush", f) => flush = vm.is_true(f)?,
            _ => {
                return Err(
                    vm.type_error(format!("'{k}' is an invalid keyword argument for print()"))
                )
            }
        }
    }
    let mut text = String::new();
    for (i, v) in args.pos().iter().enumerate() {
        if i > 0 {
            text.push_str(&sep);
        }
        match v {
            Value::Str(s) => text.push_str(s.as_str()),
            other => text.push_str(&vm.str(other)?),
        }
    }
    text.push_str(&end);
    vm.write_to_file(&file, &text, flush)?;
    Ok(Value::None)
}

impl Vm {
    /// Writes to `file` (None = sys.stdout), as `print(file=...)` does.
    pub fn write_to_file(&mut self, file: &Value, text: &str, flush: bool) -> PyResult<()> {
        let target = if file.is_none() {
            self.sys_stream("stdout")
        } else {
            file.clone()
        };
        let kind = if target.is_none() {
            Some(crate::vm::stream::Stream::Stdout)
        } else {
            crate::vm::stream::stream_kind(&target)
        };
        match kind {
            Some(crate::vm::stream::Stream::Stdout) => {
                self.write_stdout(text.as_bytes())?;
                if flush {
                    self.flush_stdout_checked()?;
                }
            }
            Some(crate::vm::stream::Stream::Stderr) => self.write_stderr(text),
            None => {
                self.call_method(&target, "write", &[Value::str(text)])?;
                if flush {
                    self.call_method(&target, "flush", &[])?;
                }
            }
        }
        Ok(())
    }

    /// `sys.stdout` / `sys.stderr` as currently set.
    pub fn sys_stream(&mut self, name: &str) -> Value {
        if let Some(Value::Module(m)) = self.modules.get("sys") {
            if let Some(v) = m.dict.get_str(name, crate::object::hash::hash_str(name)) {
                return v;
            }
        }
        Value::None
    }

    /// `len(v)`.
    pub fn len(&mut self, v: &Value) -> PyResult<usize> {
        Ok(match v {
            Value::Str(s) => s.char_len(),
            Value::List(l) => l.items.borrow().len(),
            Value::Tuple(t) => t.items.len(),
            Value::Bytes(b) => b.data.len(),
            Value::Dict(d) => d.len(),
            Value::Set(s) => s.len(),
            Value::Range(r) => r.len() as usize,
            _ => {
                if let Value::Object(o) = v {
                    if let Some(n) = o.native_len() {
                        return Ok(n);
                    }
                }
                let class = self.class_of(v);
                let Some(m) = class.lookup_str(&self.names.len.clone()) else {
                    if let Value::Object(o) = v {
                        if let Some(n) = crate::runtime::attrs::native_len(self, o) {
                            return Ok(n);
                        }
                    }
                    return Err(self.type_error(format!(
                        "object of type '{}' has no len()",
                        self.type_name(v)
                    )));
                };
                let r = self.call(&m, std::slice::from_ref(v))?;
                match self.to_index(&r)? {
                    Some(n) if n >= 0 => n as usize,
                    Some(_) => return Err(self.value_error("__len__() should return >= 0")),
                    None => {
                        return Err(self.type_error(format!(
                            "'{}' object cannot be interpreted as an integer",
                            self.type_name(&r)
                        )))
                    }
                }
            }
        })
    }
}

fn len(vm: &mut Vm, args: Args) -> PyResult {
    vm.check_args("len", &args, 1, 1)?;
    Ok(Value::Int(vm.len(&args.values[0])? as i64))
}

fn repr(vm: &mut Vm, args: Args) -> PyResult {
    vm.check_args("repr", &args, 1, 1)?;
    Ok(Value::str(vm.repr(&args.values[0])?))
}

fn ascii(vm: &mut Vm, args: Args) -> PyResult {
    vm.check_args("ascii", &args, 1, 1)?;
    Ok(Value::str(vm.ascii(&args.values[0])?))
}

fn iter(vm: &mut Vm, args: Args) -> PyResult {
    vm.check_args("iter", &args, 1, 2)?;
    if args.values.len() == 2 {
        let func = args.values[0].clone();
        if !vm.is_callable(&func) {
            return Err(vm.type_error("iter(v, w): v must be callable"));
        }
        let class = vm.types.callable_iterator.clone();
        return Ok(vm.new_iterator(
            &class,
            IterState::Callable {
                func,
                sentinel: args.values[1].clone(),
            },
        ));
    }
    vm.get_iter(&args.values[0])
}

fn next(vm: &mut Vm, args: Args) -> PyResult {
    vm.check_args("next", &args, 1, 2)?;
    let it = &args.values[0];
    let is_iter = match it {
        Value::Generator(g) => g.kind == crate::object::GenKind::Generator,
        Value::Object(o) => {
            matches!(o.payload, Payload::Iter(_))
                || o.class.lookup_str(&vm.names.next.clone()).is_some()
        }
        _ => false,
    };
    if !is_iter {
        return Err(vm.type_error(format!("'{}' object is not an iterator", vm.type_name(it))));
    }
    if let Value::Generator(g) = it {
        // A generator's return value travels in the StopIteration.
        let g = g.clone();
        return match vm.gen_send(&g, Value::None)? {
            crate::vm::generators::Sent::Yielded(v) => Ok(v),
            crate::vm::generators::Sent::Returned(v) => match args.values.get(1) {
                Some(d) => Ok(d.clone()),
                None => Err(vm.stop_iteration(v)),
            },
        };
    }
    if let Value::Object(o) = it {
        if !matches!(o.payload, Payload::Iter(_)) {
            // `__next__` defined by a class or a native type: its own StopIteration
            // (with its value) propagates unchanged.
            if let Some(m) = o.class.lookup_str(&vm.names.next.clone()) {
                return match vm.call(&m, std::slice::from_ref(it)) {
                    Err(e)
                        if e.class.is_subclass(&vm.exc.stop_iteration) && args.values.len() > 1 =>
                    {
                        Ok(args.values[1].clone())
                    }
                    r => r,
                };
            }
        }
    }
    match vm.iter_next(it) {
        Ok(Some(v)) => Ok(v),
        Ok(None) => match args.values.get(1) {
            Some(d) => Ok(d.clone()),
            None => Err(vm.stop_iteration(Value::None)),
        },
        Err(e) => {
            if let Some(d) = args.values.get(1) {
                if e.class.is_subclass(&vm.exc.stop_iteration) {
                    return Ok(d.clone());
                }
            }
            Err(e)
        }
    }
}

impl Vm {
    /// `isinstance(v, spec)` where spec is a class or (nested) tuple of classes.
    pub fn isinstance(&mut self, v: &Value, spec: &Value) -> PyResult<bool> {
        match spec {
            Value::Class(c) => {
                let direct = match v {
                    // The common case, without a reference-count round trip.
                    Value::Object(o) => Rc::ptr_eq(&o.class, c) || o.class.is_subclass(c),
                    _ => self.class_of(v).is_subclass(c),
                };
                if direct {
                    return Ok(true);
                }
                // A metaclass's `__instancecheck__` (an ABC's registered classes).
                match self.metaclass_hook(c, "__instancecheck__") {
                    Some(hook) => {
                        let r = self.call(&hook, &[spec.clone(), v.clone()])?;
                        self.is_true(&r)
                    }
                    None => self.claimed_class_is(v, c),
                }
            }
            Value::Tuple(t) => {
                for s in t.items.iter() {
                    if self.isinstance(v, s)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            // An object whose type defines `__instancecheck__` decides (a generic alias
            // refuses, an ABC-like class answers).
            Value::Object(o) => {
                let hook = o.class.lookup(
                    "__instancecheck__",
                    crate::object::hash::hash_str("__instancecheck__"),
                );
                match hook {
                    Some(m) => {
                        let r = self.call(&m, &[spec.clone(), v.clone()])?;
                        self.is_true(&r)
                    }
                    None => Err(self.type_error(
                        "isinstance() arg 2 must be a type, a tuple of types, or a union",
                    )),
                }
            }
            _ => {
                Err(self
                    .type_error("isinstance() arg 2 must be a type, a tuple of types, or a union"))
            }
        }
    }

    /// CPython's `recursive_isinstance` fallback: an instance whose class defines
    /// `__class__` (a mock with a spec, a proxy) is also an instance of the class it
    /// claims.
    fn claimed_class_is(&mut self, v: &Value, c: &Rc<crate::object::Class>) -> PyResult<bool> {
        let Value::Object(o) = v else {
            return Ok(false);
        };
        let hash = crate::object::hash::hash_str("__class__");
        if o.class.lookup("__class__", hash).is_none() {
            return Ok(false);
        }
        let name = self.intern("__class__");
        match self.get_attr(v, &name) {
            Ok(Value::Class(claimed)) if !Rc::ptr_eq(&claimed, &o.class) => {
                Ok(claimed.is_subclass(c))
            }
            Ok(_) => Ok(false),
            Err(e) if e.class.is_subclass(&self.exc.attribute_error) => Ok(false),
            Err(e) => Err(e),
        }
    }

    pub fn is_callable(&self, v: &Value) -> bool {
        match v {
            Value::Function(_)
            | Value::NativeFunction(_)
            | Value::BoundMethod(_)
            | Value::Class(_) => true,
            Value::Object(o) => {
                matches!(o.payload, Payload::StaticMethod(_))
                    || o.class.lookup_str(&self.names.call).is_some()
            }
            _ => false,
        }
    }
}

fn isinstance(vm: &mut Vm, args: Args) -> PyResult {
    vm.check_args("isinstance", &args, 2, 2)?;
    Ok(Value::bool(
        vm.isinstance(&args.values[0], &args.values[1])?,
    ))
}

fn issubclass(vm: &mut Vm, args: Args) -> PyResult {
    vm.check_args("issubclass", &args, 2, 2)?;
    let Value::Class(c) = &args.values[0] else {
        return Err(vm.type_error("issubclass() arg 1 must be a class"));
    };
    let c = c.clone();
    let spec = args.values[1].clone();
    Ok(Value::bool(vm.issubclass(&c, &spec)?))
}

impl Vm {
    /// `issubclass(c, spec)` where spec is a class or (nested) tuple of classes; a
    /// metaclass's `__subclasscheck__` answers for its classes.
    pub fn issubclass(&mut self, c: &Rc<crate::object::Class>, spec: &Value) -> PyResult<bool> {
        match spec {
            Value::Class(s) => {
                if c.is_subclass(s) {
                    return Ok(true);
                }
                match self.metaclass_hook(s, "__subclasscheck__") {
                    Some(hook) => {
                        let r = self.call(&hook, &[spec.clone(), Value::Class(c.clone())])?;
                        self.is_true(&r)
                    }
                    None => Ok(false),
                }
            }
            Value::Tuple(t) => {
                for s in t.items.iter() {
                    if self.issubclass(c, s)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            // An object whose type defines `__subclasscheck__` (a union, a typing
            // alias) decides.
            Value::Object(o) => {
                let h = crate::object::hash::hash_str("__subclasscheck__");
                match o.class.lookup("__subclasscheck__", h) {
                    Some(m) => {
                        let r = self.call(&m, &[spec.clone(), Value::Class(c.clone())])?;
                        self.is_true(&r)
                    }
                    None => Err(self.type_error(
                        "issubclass() arg 2 must be a class, a tuple of classes, or a union",
                    )),
                }
            }
            _ => Err(self
                .type_error("issubclass() arg 2 must be a class, a tuple of classes, or a union")),
        }
    }

    /// A hook (`__instancecheck__`, `__subclasscheck__`) that the metaclass of `c`
    /// defines in Python, bound to `c`'s metaclass as a plain function.
    fn metaclass_hook(&self, c: &crate::object::Class, name: &str) -> Option<Value> {
        self.metaclass_method(c, name)
    }

    /// A special method that class `c`'s own metaclass defines in Python (`__iter__`,
    /// `__getitem__`, `__getattr__`... of an Enum's metaclass), which the operation on
    /// the class calls as CPython's type slots would.
    pub fn metaclass_method(&self, c: &crate::object::Class, name: &str) -> Option<Value> {
        let meta = c.metaclass.borrow().clone()?;
        meta.python_method(name)
    }
}

fn id(vm: &mut Vm, args: Args) -> PyResult {
    vm.check_args("id", &args, 1, 1)?;
    let v = &args.values[0];
    Ok(Value::Int(match v.heap_addr() {
        Some(a) => a as i64,
        None => {
            // Immediates: a stable pseudo-address derived from the value.
            let h = vm.hash(v).unwrap_or(0);
            0x1000_0000 + (h & 0xffff_ffff) * 16
        }
    }))
}

fn hash(vm: &mut Vm, args: Args) -> PyResult {
    vm.check_args("hash", &args, 1, 1)?;
    Ok(Value::Int(vm.hash(&args.values[0])?))
}

fn callable(vm: &mut Vm, args: Args) -> PyResult {
    vm.check_args("callable", &args, 1, 1)?;
    Ok(Value::bool(vm.is_callable(&args.values[0])))
}

fn attr_name(vm: &mut Vm, v: &Value) -> PyResult<std::rc::Rc<crate::object::PyStr>> {
    match v {
        Value::Str(s) => Ok(vm.intern(s.as_str())),
        other => Err(vm.type_error(format!(
            "attribute name must be string, not '{}'",
            vm.type_name(other)
        ))),
    }
}

fn getattr(vm: &mut Vm, args: Args) -> PyResult {
    vm.check_args("getattr", &args, 2, 3)?;
    let name = attr_name(vm, &args.values[1])?;
    match args.values.get(2) {
        Some(d) => Ok(vm
            .get_attr_opt(&args.values[0], &name)?
            .unwrap_or_else(|| d.clone())),
        None => vm.get_attr(&args.values[0], &name),
    }
}

fn setattr(vm: &mut Vm, args: Args) -> PyResult {
    vm.check_args("setattr", &args, 3, 3)?;
    let name = attr_name(vm, &args.values[1])?;
    vm.set_attr(&args.values[0], &name, args.values[2].clone())?;
    Ok(Value::None)
}

fn hasattr(vm: &mut Vm, args: Args) -> PyResult {
    vm.check_args("hasattr", &args, 2, 2)?;
    let name = attr_name(vm, &args.values[1])?;
    Ok(Value::bool(
        vm.get_attr_opt(&args.values[0], &name)?.is_some(),
    ))
}

fn delattr(vm: &mut Vm, args: Args) -> PyResult {
    vm.check_args("delattr", &args, 2, 2)?;
    let name = attr_name(vm, &args.values[1])?;
    vm.del_attr(&args.values[0], &name)?;
    Ok(Value::None)
}

fn abs(vm: &mut Vm, args: Args) -> PyResult {
    vm.check_args("abs", &args, 1, 1)?;
    vm.abs_value(args.values[0].clone())
}

fn divmod(vm: &mut Vm, args: Args) -> PyResult {
    vm.check_args("divmod", &args, 2, 2)?;
    let (a, b) = (args.values[0].clone(), args.values[1].clone());
    let is_int = |v: &Value| matches!(v, Value::Int(_) | Value::BigInt(_) | Value::Bool(_));
    let is_num = |v: &Value| is_int(v) || matches!(v, Value::Float(_));
    if is_int(&a) && is_int(&b) {
        if matches!(b, Value::Int(0) | Value::Bool(PyBool::FALSE)) {
            return Err(vm.zero_division("integer division or modulo by zero"));
        }
        let q = vm.binary_op(a.clone(), b.clone(), crate::operator::BinOp::FloorDiv)?;
        let r = vm.binary_op(a, b, crate::operator::BinOp::Mod)?;
        return Ok(Value::tuple(vec![q, r]));
    }
    if is_num(&a) && is_num(&b) {
        let x = vm.to_float(&a)?;
        let y = vm.to_float(&b)?;
        if y == 0.0 {
            return Err(vm.zero_division("float divmod()"));
        }
        let (q, r) = crate::vm::ops::numeric::float_divmod(x, y);
        return Ok(Value::tuple(vec![Value::float(q), Value::float(r)]));
    }
    // Objects: `__divmod__`, then the other operand's `__rdivmod__`.
    let h = crate::object::hash::hash_str;
    if let Value::Object(o) = &a {
        if let Some(m) = o.class.lookup("__divmod__", h("__divmod__")) {
            let r = vm.call(&m, &[a.clone(), b.clone()])?;
            if !matches!(r, Value::NotImplemented) {
                return Ok(r);
            }
        }
    }
    if let Value::Object(o) = &b {
        if let Some(m) = o.class.lookup("__rdivmod__", h("__rdivmod__")) {
            let r = vm.call(&m, &[b.clone(), a.clone()])?;
            if !matches!(r, Value::NotImplemented) {
                return Ok(r);
            }
        }
    }
    Err(vm.type_error(format!(
        "unsupported operand type(s) for divmod(): '{}' and '{}'",
        vm.type_name(&a),
        vm.type_name(&b)
    )))
}

pub(super) fn pow(vm: &mut Vm, args: Args) -> PyResult {
    let pos: Vec<Value> = args.pos().to_vec();
    let mut base = pos.first().cloned();
    let mut exp = pos.get(1).cloned();
    let mut modulus = pos.get(2).cloned();
    for (k, v) in args.kw() {
        match k {
            "base" => base = Some(v.clone()),
            "exp" => exp = Some(v.clone()),
            "mod" => modulus = Some(v.clone()),
            _ => {
                return Err(vm.type_error(format!("pow() got an unexpected keyword argument '{k}'")))
            }
        }
    }
    let (Some(base), Some(exp)) = (base, exp) else {
        return Err(vm.type_error("pow() missing required argument 'exp' (pos 2)"));
    };
    match modulus {
        None | Some(Value::None) => vm.binary_op(base, exp, crate::operator::BinOp::Pow),
        Some(m) => {
            let to_big = |v: &Value| match v {
                Value::Int(i) => Some(BigInt::from(*i)),
                Value::Bool(b) => Some(BigInt::from(b.get() as i64)),
                Value::BigInt(b) => Some((**b).clone()),
                _ => None,
            };
            let (Some(b), Some(e), Some(m)) = (to_big(&base), to_big(&exp), to_big(&m)) else {
                // A Python class's ternary `__pow__` (Decimal's) decides, as CPython's
                // `PyNumber_Power` asks the base's type first.
                if let Value::Object(o) = &base {
                    if !o.class.is_builtin {
                        let hook = o
                            .class
                            .lookup("__pow__", crate::object::hash::hash_str("__pow__"));
                        if let Some(f) = hook {
                            let r = vm.call(&f, &[base.clone(), exp.clone(), m.clone()])?;
                            if !matches!(r, Value::NotImplemented) {
                                return Ok(r);
                            }
                            let (tb, te, tm) =
                                (vm.type_name(&base), vm.type_name(&exp), vm.type_name(&m));
                            return Err(vm.type_error(format!(
                                "unsupported operand type(s) for ** or pow(): '{tb}', '{te}', '{tm}'"
                            )));
                        }
                    }
                }
                return Err(vm.type_error(
                    "pow() 3rd argument not allowed unless all arguments are integers",
                ));
            };
            if m == BigInt::from(0) {
                return Err(vm.value_error("pow() 3rd argument cannot be 0"));
            }
            let e = if e < BigInt::from(0) {
                let inv = b.modinv(&m);
                match inv {
                    Some(inv) => {
                        return Ok(Value::from_bigint(num_integer::Integer::mod_floor(
                            &inv.modpow(&(-e), &m),
                            &m,
                        )))
                    }
                    None => {
                        return Err(vm.value_error("base is not invertible for the given modulus"))
                    }
                }
            } else {
                e
            };
            let r = b.modpow(&e, &m);
            Ok(Value::from_bigint(num_integer::Integer::mod_floor(&r, &m)))
        }
    }
}

fn round(vm: &mut Vm, args: Args) -> PyResult {
    let pos = args.pos();
    let mut x = pos.first().cloned();
    let mut nd = pos.get(1).cloned();
    for (k, v) in args.kw() {
        match k {
            "number" => x = Some(v.clone()),
            "ndigits" => nd = Some(v.clone()),
            _ => {
                return Err(
                    vm.type_error(format!("round() got an unexpected keyword argument '{k}'"))
                )
            }
        }
    }
    let Some(x) = x else {
        return Err(vm.type_error("round() missing required argument 'number' (pos 1)"));
    };
    // Any other type's `__round__` gets `ndigits` as given (Decimal checks it itself).
    let raw_nd = nd.clone().filter(|v| !v.is_none());
    if !matches!(
        x,
        Value::Float(_) | Value::Int(_) | Value::BigInt(_) | Value::Bool(_)
    ) {
        let class = vm.class_of(&x);
        return match class.lookup_str(&vm.names.round.clone()) {
            Some(m) => match raw_nd {
                None => vm.call(&m, std::slice::from_ref(&x)),
                Some(n) => vm.call(&m, &[x.clone(), n]),
            },
            None => Err(vm.type_error(format!(
                "type {} doesn't define __round__ method",
                vm.type_name(&x)
            ))),
        };
    }
    let nd = match nd {
        None | Some(Value::None) => None,
        Some(v) => match vm.to_index(&v)? {
            Some(i) => Some(i),
            None => {
                return Err(vm.type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    vm.type_name(&v)
                )))
            }
        },
    };
    match &x {
        Value::Float(f) => match nd {
            None => crate::format::round_float_to_int(f.get())
                .map(Value::from_bigint)
                .map_err(|e| vm.format_error(e)),
            Some(n) => crate::format::round_float(f.get(), n)
                .map(Value::float)
                .map_err(|e| vm.format_error(e)),
        },
        // An int (every other type returned above, through its `__round__`).
        _ => {
            let b = match &x {
                Value::Int(i) => BigInt::from(*i),
                Value::Bool(b) => BigInt::from(b.get() as i64),
                Value::BigInt(b) => (**b).clone(),
                _ => BigInt::from(0),
            };
            match nd {
                None => Ok(Value::from_bigint(b)),
                Some(n) => Ok(Value::from_bigint(crate::format::round_int(&b, n))),
            }
        }
    }
}

fn sum(vm: &mut Vm, args: Args) -> PyResult {
    // `sum(iterable, /, start=0)`.
    let [iterable, start] = Clinic::new("sum", &["iterable", "start"])
        .posonly(1)
        .required(1)
        .bind(vm, &args)?;
    let iterable = iterable.unwrap_or(Value::None);
    let mut acc = start.unwrap_or(Value::Int(0));
    match &acc {
        Value::Str(_) => {
            return Err(vm.type_error("sum() can't sum strings [use ''.join(seq) instead]"))
        }
        Value::Bytes(_) => {
            return Err(vm.type_error("sum() can't sum bytes [use b''.join(seq) instead]"))
        }
        _ => {}
    }
    // Over a generator yielding numbers onto a number, the additions run no Python code
    // and cannot fail: the generator runs in batches (see `Vm::collect_batch`).
    if let Value::Generator(g) = &iterable {
        if g.kind == crate::object::GenKind::Generator {
            while is_number(&acc) {
                let batch = vm.collect_batch(g, is_number, crate::vm::generators::ITEM_BATCH)?;
                for v in batch.items {
                    acc = sum_add(vm, acc, v)?;
                }
                match batch.yielded {
                    Some(v) => acc = sum_add(vm, acc, v)?,
                    None => return Ok(acc),
                }
            }
        }
    }
    let it = vm.get_iter(&iterable)?;
    while let Some(v) = vm.iter_next(&it)? {
        acc = sum_add(vm, acc, v)?;
    }
    Ok(acc)
}

/// An int, float or bool (not a big int: an addition to a float could overflow).
pub(crate) fn is_number(v: &Value) -> bool {
    matches!(v, Value::Int(_) | Value::Float(_) | Value::Bool(_))
}

/// One step of `sum`.
fn sum_add(vm: &mut Vm, acc: Value, v: Value) -> PyResult {
    Ok(match (&acc, &v) {
        (Value::Int(a), Value::Int(b)) => match a.checked_add(*b) {
            Some(r) => Value::Int(r),
            None => vm.binary_op(acc, v, crate::operator::BinOp::Add)?,
        },
        (Value::Float(a), Value::Float(b)) => Value::float(a.get() + b.get()),
        _ => vm.binary_op(acc, v, crate::operator::BinOp::Add)?,
    })
}

fn any(vm: &mut Vm, args: Args) -> PyResult {
    vm.check_args("any", &args, 1, 1)?;
    let it = vm.get_iter(&args.values[0])?;
    while let Some(v) = vm.iter_next(&it)? {
        if vm.is_true(&v)? {
            return Ok(Value::Bool(PyBool::TRUE));
        }
    }
    Ok(Value::Bool(PyBool::FALSE))
}

fn all(vm: &mut Vm, args: Args) -> PyResult {
    vm.check_args("all", &args, 1, 1)?;
    let it = vm.get_iter(&args.values[0])?;
    while let Some(v) = vm.iter_next(&it)? {
        if !vm.is_true(&v)? {
            return Ok(Value::Bool(PyBool::FALSE));
        }
    }
    Ok(Value::Bool(PyBool::TRUE))
}

fn reversed(vm: &mut Vm, args: Args) -> PyResult {
    vm.check_args("reversed", &args, 1, 1)?;
    let seq = args.values[0].clone();
    let class = vm.class_of(&seq);
    if let Some(m) = class.lookup_str(&vm.names.reversed.clone()) {
        return vm.call(&m, &[seq]);
    }
    let n = match &seq {
        Value::List(_) | Value::Tuple(_) | Value::Range(_) | Value::Str(_) => vm.len(&seq)?,
        Value::Object(o) if o.class.lookup_str(&vm.names.getitem.clone()).is_some() => {
            vm.len(&seq)?
        }
        _ => {
            return Err(vm.type_error(format!("'{}' object is not reversible", vm.type_name(&seq))))
        }
    };
    let class = vm.types.reversed.clone();
    Ok(vm.new_iterator(&class, IterState::Reversed { seq, index: n }))
}

fn enumerate(vm: &mut Vm, args: Args) -> PyResult {
    let pos = args.pos();
    let iterable = pos
        .first()
        .cloned()
        .or_else(|| args.kwarg("iterable").cloned());
    let Some(iterable) = iterable else {
        return Err(vm.type_error("enumerate() missing required argument 'iterable' (pos 1)"));
    };
    let start = pos
        .get(1)
        .cloned()
        .or_else(|| args.kwarg("start").cloned())
        .unwrap_or(Value::Int(0));
    if !matches!(start, Value::Int(_) | Value::BigInt(_) | Value::Bool(_)) {
        return Err(vm.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(&start)
        )));
    }
    let iter = vm.get_iter(&iterable)?;
    let class = vm.types.enumerate.clone();
    Ok(vm.new_iterator(&class, IterState::Enumerate { iter, count: start }))
}

fn zip(vm: &mut Vm, args: Args) -> PyResult {
    let mut strict = false;
    for (k, v) in args.kw() {
        if k == "strict" {
            strict = vm.is_true(v)?;
        } else {
            return Err(vm.type_error(format!("zip() got an unexpected keyword argument '{k}'")));
        }
    }
    let mut iters = Vec::new();
    for (i, a) in args.pos().iter().enumerate() {
        match vm.get_iter(a) {
            Ok(it) => iters.push(it),
            Err(_) => {
                return Err(vm.type_error(format!("zip argument #{} must support iteration", i + 1)))
            }
        }
    }
    let class = vm.types.zip.clone();
    Ok(vm.new_iterator(&class, IterState::Zip { iters, strict }))
}

fn map(vm: &mut Vm, args: Args) -> PyResult {
    let pos = args.pos();
    if pos.len() < 2 {
        return Err(vm.type_error("map() must have at least two arguments."));
    }
    let mut iters = Vec::new();
    for a in &pos[1..] {
        iters.push(vm.get_iter(a)?);
    }
    let class = vm.types.map.clone();
    Ok(vm.new_iterator(
        &class,
        IterState::Map {
            func: pos[0].clone(),
            iters,
        },
    ))
}

fn filter(vm: &mut Vm, args: Args) -> PyResult {
    vm.check_args("filter", &args, 2, 2)?;
    let iter = vm.get_iter(&args.values[1])?;
    let class = vm.types.filter.clone();
    Ok(vm.new_iterator(
        &class,
        IterState::Filter {
            func: args.values[0].clone(),
            iter,
        },
    ))
}

fn chr(vm: &mut Vm, args: Args) -> PyResult {
    vm.check_args("chr", &args, 1, 1)?;
    let v = &args.values[0];
    let Some(i) = vm.to_index(v)? else {
        return Err(vm.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(v)
        )));
    };
    match u32::try_from(i).ok().filter(|&c| c < 0x110000) {
        Some(c) => Ok(Value::str(
            char::from_u32(c).unwrap_or('\u{fffd}').to_string(),
        )),
        None => Err(vm.value_error("chr() arg not in range(0x110000)")),
    }
}

fn ord(vm: &mut Vm, args: Args) -> PyResult {
    vm.check_args("ord", &args, 1, 1)?;
    match &args.values[0] {
        Value::Str(s) => {
            let n = s.char_len();
            if n != 1 {
                return Err(vm.type_error(format!(
                    "ord() expected a character, but string of length {n} found"
                )));
            }
            Ok(Value::Int(
                s.as_str().chars().next().map_or(0, |c| c as i64),
            ))
        }
        Value::Bytes(b) => {
            if b.data.len() != 1 {
                return Err(vm.type_error(format!(
                    "ord() expected a character, but string of length {} found",
                    b.data.len()
                )));
            }
            Ok(Value::Int(b.data[0] as i64))
        }
        other => Err(vm.type_error(format!(
            "ord() expected string of length 1, but {} found",
            vm.type_name(other)
        ))),
    }
}

fn int_text(vm: &mut Vm, args: Args, name: &str, base: u32) -> PyResult {
    vm.check_args(name, &args, 1, 1)?;
    let v = &args.values[0];
    let b = match v {
        Value::Int(i) => BigInt::from(*i),
        Value::Bool(b) => BigInt::from(b.get() as i64),
        Value::BigInt(b) => (**b).clone(),
        _ => match vm.to_index(v)? {
            Some(i) => BigInt::from(i),
            None => {
                return Err(vm.type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    vm.type_name(v)
                )))
            }
        },
    };
    Ok(Value::str(crate::format::int_to_base(&b, base, true)))
}

fn hex(vm: &mut Vm, args: Args) -> PyResult {
    int_text(vm, args, "hex", 16)
}

fn oct(vm: &mut Vm, args: Args) -> PyResult {
    int_text(vm, args, "oct", 8)
}

fn bin(vm: &mut Vm, args: Args) -> PyResult {
    int_text(vm, args, "bin", 2)
}

fn format(vm: &mut Vm, args: Args) -> PyResult {
    vm.check_args("format", &args, 1, 2)?;
    let spec = match args.values.get(1) {
        None => String::new(),
        Some(Value::Str(s)) => s.as_str().to_string(),
        Some(other) => {
            return Err(vm.type_error(format!(
                "format() argument 2 must be str, not {}",
                vm.type_name(other)
            )))
        }
    };
    Ok(Value::str(vm.format(&args.values[0], &spec)?))
}

fn input(vm: &mut Vm, args: Args) -> PyResult {
    vm.check_args("input", &args, 0, 1)?;
    if let Some(p) = args.values.first() {
        let s = vm.str(p)?;
        vm.write_stdout(s.as_bytes())?;
    }
    let bytes = vm.stdin_read_line()?;
    if bytes.is_empty() {
        return Err(vm.new_exception_msg(&vm.exc.eof_error.clone(), "EOF when reading a line"));
    }
    let mut line = String::from_utf8_lossy(&bytes).into_owned();
    // Only the newline goes: a `\r` before it stays, as in CPython.
    if line.ends_with('\n') {
        line.pop();
    }
    Ok(Value::str(line))
}

fn vars(vm: &mut Vm, args: Args) -> PyResult {
    vm.check_args("vars", &args, 0, 1)?;
    let Some(v) = args.values.first() else {
        return Err(vm.type_error("vars() without arguments is not supported by apy"));
    };
    let key = vm.names.dict.clone();
    match vm.get_attr_opt(v, &key)? {
        Some(d) => Ok(d),
        None => Err(vm.type_error("vars() argument must have __dict__ attribute")),
    }
}

/// The sorted attribute names `dir(v)` shows.
pub fn dir_names(vm: &mut Vm, v: &Value) -> PyResult<Vec<Value>> {
    let mut names: Vec<String> = Vec::new();
    let push_dict = |d: &crate::object::Dict, names: &mut Vec<String>| {
        for k in d.keys() {
            if let Value::Str(s) = k {
                names.push(s.as_str().to_string());
            }
        }
    };
    match v {
        Value::Module(m) => push_dict(&m.dict.table.borrow(), &mut names),
        Value::Class(c) => {
            for cls in c.mro_with_self() {
                push_dict(&cls.dict.borrow(), &mut names);
            }
        }
        _ => {
            if let Value::Object(o) = v {
                if let Some(d) = o.dict() {
                    push_dict(&d.table.borrow(), &mut names);
                }
            }
            for cls in vm.class_of(v).mro_with_self() {
                push_dict(&cls.dict.borrow(), &mut names);
            }
        }
    }
    names.sort();
    names.dedup();
    Ok(names.into_iter().map(Value::str).collect())
}

fn dir(vm: &mut Vm, args: Args) -> PyResult {
    vm.check_args("dir", &args, 0, 1)?;
    let Some(v) = args.values.first() else {
        return Err(vm.type_error("dir() without arguments is not supported by apy"));
    };
    let v = v.clone();
    // A `__dir__` defined in Python (on the class, or on a class's metaclass) answers;
    // its names are listed sorted, as CPython's dir() does.
    let hook = match &v {
        Value::Class(c) => vm.metaclass_method(c, "__dir__"),
        Value::Object(o) => o.class.python_method("__dir__"),
        _ => None,
    };
    if let Some(hook) = hook {
        let names = vm.call(&hook, std::slice::from_ref(&v))?;
        let mut names = vm.collect_iterable(&names)?;
        vm.sort_with(&mut names, &Value::None, false)?;
        return Ok(Value::list(names));
    }
    Ok(Value::list(dir_names(vm, &v)?))
}

/// `globals()`/`locals()` are answered at the call site (they need the caller's
/// frame); reaching this function means they were called indirectly.
fn frame_only(vm: &mut Vm, _args: Args) -> PyResult {
    Err(vm.runtime_error("globals() and locals() must be called directly in apy"))
}

fn build_class(vm: &mut Vm, args: Args) -> PyResult {
    vm.build_class(args)
}
