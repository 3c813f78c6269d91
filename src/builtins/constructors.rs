//! The built-in types as callables: `int(x)`, `str(x)`, `list(it)`, `range(...)`,
//! `property(...)`, `super(...)` ... Each is the type's `__new__`.

use super::add_value;
use crate::format;
use crate::native::{add_methods, add_static, function_args, method_args, ArgCheck, Clinic, Sig};
use crate::object::function::Args;
use crate::object::string::PyBytes;
use crate::object::{Dict, DictObj, Object, Payload, Property, PyBool, Range, Slice, Value};
use crate::vm::{PyResult, Vm};
use std::rc::Rc;

pub fn register(vm: &mut Vm) {
    let t = &vm.types;
    let table: Vec<(Rc<crate::object::Class>, crate::object::function::NativeFn)> = vec![
        (t.int.clone(), int_new),
        (t.bool.clone(), bool_new),
        (t.float.clone(), float_new),
        (t.str.clone(), str_new),
        (t.list.clone(), list_new),
        (t.tuple.clone(), tuple_new),
        (t.dict.clone(), dict_new),
        (t.set.clone(), set_new),
        (t.frozenset.clone(), frozenset_new),
        (t.bytes.clone(), bytes_new),
        (t.range.clone(), range_new),
        (t.slice.clone(), slice_new),
        (t.property.clone(), property_new),
        (t.staticmethod.clone(), staticmethod_new),
        (t.classmethod.clone(), classmethod_new),
        (t.super_.clone(), super_new),
    ];
    for (class, f) in table {
        add_static(vm, &class, "__new__", f);
        add_value(vm, &class.name.clone(), Value::Class(class.clone()));
    }
    // `types.MethodType(function, instance)` and `types.ModuleType(name, doc=None)`;
    // not builtins names.
    let method = vm.types.method.clone();
    add_static(vm, &method, "__new__", method_new);
    let module = vm.types.module.clone();
    add_static(vm, &module, "__new__", module_new);
    let prop = vm.types.property.clone();
    add_methods(
        vm,
        &prop,
        &[
            ("getter", property_getter),
            ("setter", property_setter),
            ("deleter", property_deleter),
            ("__get__", property_get),
            ("__set__", property_set),
        ],
    );
    let slice = vm.types.slice.clone();
    add_methods(vm, &slice, &[("indices", slice_indices)]);
}

/// `slice.indices(length)`: (start, stop, step) clamped to a sequence of `length`.
fn slice_indices(vm: &mut Vm, args: Args) -> PyResult {
    let Some(Value::Slice(sl)) = args.values.first().cloned() else {
        return Err(vm.type_error("descriptor 'indices' for 'slice' objects doesn't apply"));
    };
    let a = crate::native::method_args(vm, ("slice", "indices"), crate::native::Sig::One, &args)?;
    let length = crate::native::ssize(vm, &a[0])?;
    if length < 0 {
        return Err(vm.value_error("length should not be negative"));
    }
    let idx = vm.slice_indices(&sl, length as usize)?;
    Ok(Value::tuple(vec![
        Value::int(idx.start),
        Value::int(idx.stop),
        Value::int(idx.step),
    ]))
}

/// The arguments after `cls`.
fn rest<'a>(args: &Args<'a>) -> Args<'a> {
    Args {
        values: &args.values[1.min(args.values.len())..],
        kwnames: args.kwnames,
    }
}

fn int_new(vm: &mut Vm, args: Args) -> PyResult {
    let args = rest(&args);
    // `int(x=0, /, base=10)`.
    let [x, base] = Clinic::new("int", &["x", "base"])
        .posonly(1)
        .bind(vm, &args)?;
    let Some(x) = x else {
        if base.is_some() {
            return Err(vm.type_error("int() missing string argument"));
        }
        return Ok(Value::Int(0));
    };
    if let Some(b) = base {
        let base = match vm.to_index(&b)? {
            Some(b) => b,
            None => {
                return Err(vm.type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    vm.type_name(&b)
                )))
            }
        };
        if base != 0 && !(2..=36).contains(&base) {
            return Err(vm.value_error("int() base must be >= 2 and <= 36, or 0"));
        }
        let text = match &x {
            Value::Str(s) => s.as_str().to_string(),
            Value::Bytes(b) => String::from_utf8_lossy(&b.data).into_owned(),
            _ => return Err(vm.type_error("int() can't convert non-string with explicit base")),
        };
        return parse_int(vm, &text, base as u32);
    }
    vm.to_int(&x)
}

fn parse_int(vm: &mut Vm, text: &str, base: u32) -> PyResult {
    match format::parse_int_literal(text, base) {
        Ok(b) => Ok(Value::from_bigint(b)),
        Err(e) => Err(vm.format_error(e)),
    }
}

impl Vm {
    /// `int(x)` for one argument.
    pub fn to_int(&mut self, x: &Value) -> PyResult {
        Ok(match x {
            Value::Int(_) | Value::BigInt(_) => x.clone(),
            Value::Bool(b) => Value::Int(b.get() as i64),
            Value::Float(f) => {
                Value::from_bigint(format::float_to_int(f.get()).map_err(|e| self.format_error(e))?)
            }
            Value::Str(s) => return parse_int(self, s.as_str(), 10),
            Value::Bytes(b) => return parse_int(self, &String::from_utf8_lossy(&b.data), 10),
            _ => {
                let class = self.class_of(x);
                for name in ["__int__", "__index__", "__trunc__"] {
                    if let Some(m) = class.lookup(name, crate::object::hash::hash_str(name)) {
                        let r = self.call(&m, std::slice::from_ref(x))?;
                        return match r {
                            Value::Int(_) | Value::BigInt(_) => Ok(r),
                            Value::Bool(b) => Ok(Value::Int(b.get() as i64)),
                            _ => Err(self.type_error(format!(
                                "{name} returned non-int (type {})",
                                self.type_name(&r)
                            ))),
                        };
                    }
                }
                return Err(self.type_error(format!(
                    "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                    self.type_name(x)
                )));
            }
        })
    }

    /// `float(x)`.
    pub fn to_float(&mut self, x: &Value) -> PyResult<f64> {
        Ok(match x {
            Value::Float(f) => f.get(),
            Value::Int(i) => *i as f64,
            Value::Bool(b) => b.get() as i64 as f64,
            Value::BigInt(b) => format::int_to_f64(b).map_err(|e| self.format_error(e))?,
            Value::Str(s) => match format::parse_float_literal(s.as_str()) {
                Some(f) => f,
                None => return Err(self.value_error(format::float_parse_error_message(s.as_str()))),
            },
            _ => {
                let class = self.class_of(x);
                for name in ["__float__", "__index__"] {
                    if let Some(m) = class.lookup(name, crate::object::hash::hash_str(name)) {
                        let r = self.call(&m, std::slice::from_ref(x))?;
                        return match r {
                            Value::Float(f) => Ok(f.get()),
                            Value::Int(_) | Value::BigInt(_) | Value::Bool(_)
                                if name == "__index__" =>
                            {
                                self.to_float(&r)
                            }
                            _ => Err(self.type_error(format!(
                                "{name} returned non-float (type {})",
                                self.type_name(&r)
                            ))),
                        };
                    }
                }
                return Err(self.type_error(format!(
                    "float() argument must be a string or a real number, not '{}'",
                    self.type_name(x)
                )));
            }
        })
    }
}

fn float_new(vm: &mut Vm, args: Args) -> PyResult {
    let args = rest(&args);
    vm.check_args("float", &args, 0, 1)?;
    match args.pos().first() {
        None => Ok(Value::float(0.0)),
        Some(x) => Ok(Value::float(vm.to_float(x)?)),
    }
}

fn bool_new(vm: &mut Vm, args: Args) -> PyResult {
    let args = rest(&args);
    vm.check_args("bool", &args, 0, 1)?;
    match args.pos().first() {
        None => Ok(Value::Bool(PyBool::FALSE)),
        Some(x) => Ok(Value::bool(vm.is_true(x)?)),
    }
}

fn str_new(vm: &mut Vm, args: Args) -> PyResult {
    let args = rest(&args);
    let params = &["object", "encoding", "errors"];
    let [object, encoding, errors] = Clinic::new("str", params).bind(vm, &args)?;
    if encoding.is_none() && errors.is_none() {
        return match object {
            None => Ok(Value::str("")),
            Some(x) => vm.str_value(&x),
        };
    }
    let encoding = super::str_codecs::text_arg(vm, "str", "encoding", encoding.as_ref(), "utf-8")?;
    let errors = super::str_codecs::text_arg(vm, "str", "errors", errors.as_ref(), "strict")?;
    match object {
        None => Ok(Value::str("")),
        Some(Value::Bytes(b)) => {
            let codec = super::str_codecs::lookup(vm, &encoding)?;
            Ok(Value::str(super::str_codecs::decode(
                vm, &b.data, codec, &errors,
            )?))
        }
        Some(Value::Str(_)) => Err(vm.type_error("decoding str is not supported")),
        Some(other) if vm.buffer_bytes(&other).is_some() => {
            let data = vm.buffer_bytes(&other).unwrap_or_default();
            let codec = super::str_codecs::lookup(vm, &encoding)?;
            Ok(Value::str(super::str_codecs::decode(
                vm, &data, codec, &errors,
            )?))
        }
        Some(other) => Err(vm.type_error(format!(
            "decoding to str: need a bytes-like object, {} found",
            vm.type_name(&other)
        ))),
    }
}

fn list_new(vm: &mut Vm, args: Args) -> PyResult {
    let args = rest(&args);
    vm.check_args("list", &args, 0, 1)?;
    match args.pos().first() {
        None => Ok(Value::list(vec![])),
        Some(x) => Ok(Value::list(collect_with_hint(vm, x)?)),
    }
}

/// The items of `x` for `list(x)`/`tuple(x)`. CPython asks an object of a Python class
/// for its length (`PyObject_LengthHint`) after getting its iterator, to size the
/// result: a class whose `__len__` has effects (a mock recording calls) sees that call.
fn collect_with_hint(vm: &mut Vm, x: &Value) -> PyResult<Vec<Value>> {
    let Value::Object(o) = x else {
        return vm.collect_iterable(x);
    };
    if o.class.is_builtin
        || o.class
            .lookup("__len__", crate::object::hash::hash_str("__len__"))
            .is_none()
    {
        return vm.collect_iterable(x);
    }
    let it = vm.get_iter(x)?;
    match vm.len(x) {
        Ok(_) => {}
        Err(e) if e.class.is_subclass(&vm.exc.type_error) => {}
        Err(e) => return Err(e),
    }
    vm.collect_iterable(&it)
}

fn tuple_new(vm: &mut Vm, args: Args) -> PyResult {
    let args = rest(&args);
    vm.check_args("tuple", &args, 0, 1)?;
    match args.pos().first() {
        None => Ok(Value::tuple(vec![])),
        Some(t @ Value::Tuple(_)) => Ok(t.clone()),
        Some(x) => Ok(Value::tuple(collect_with_hint(vm, x)?)),
    }
}

fn dict_new(vm: &mut Vm, args: Args) -> PyResult {
    let args = rest(&args);
    // Keywords are items: only the positional part has a convention.
    function_args(vm, "dict", Sig::Range(0, 1), &Args::positional(args.pos()))?;
    let d = Value::Dict(DictObj::new(Dict::new()));
    if let Some(src) = args.pos().first() {
        vm.dict_update_from(&d, src, false)?;
    }
    if let Value::Dict(dd) = &d {
        for (k, v) in args.kw() {
            let key = vm.new_str(k);
            vm.dict_set_item(dd, key, v.clone())?;
        }
    }
    Ok(d)
}

fn set_new(vm: &mut Vm, args: Args) -> PyResult {
    let args = rest(&args);
    vm.check_args("set", &args, 0, 1)?;
    make_set(vm, args.pos().first(), false)
}

fn frozenset_new(vm: &mut Vm, args: Args) -> PyResult {
    let args = rest(&args);
    vm.check_args("frozenset", &args, 0, 1)?;
    if let Some(v @ Value::Set(s)) = args.pos().first() {
        if s.frozen {
            return Ok(v.clone());
        }
    }
    make_set(vm, args.pos().first(), true)
}

fn make_set(vm: &mut Vm, src: Option<&Value>, frozen: bool) -> PyResult {
    match src {
        None => vm.new_set(vec![], frozen),
        Some(Value::Set(s)) => {
            let mut table = crate::object::SetTable::new();
            let other = s.table.borrow().clone();
            vm.set_merge(&mut table, &other)?;
            Ok(Value::Set(crate::object::SetObj::new(table, frozen)))
        }
        Some(Value::Dict(d)) => {
            let mut table = crate::object::SetTable::new();
            let pairs: Vec<(i64, Value)> = {
                let t = d.table.borrow();
                (0..)
                    .map_while(|i| t.entry_at(i).map(|e| (i, e.map(|(k, _)| k.clone()))))
                    .filter_map(|(i, k)| k.map(|k| (t.entry_hash(i), k)))
                    .collect()
            };
            table.reserve_for(pairs.len());
            for (h, k) in pairs {
                vm.set_table_add(&mut table, h, k)?;
            }
            Ok(Value::Set(crate::object::SetObj::new(table, frozen)))
        }
        Some(x) => {
            // Items are hashed and compared as they come, as CPython's `set(iterable)`
            // does; a generator of values whose hash and equality run no Python code
            // may run ahead.
            let mut table = crate::object::SetTable::new();
            vm.for_each_item(x, hashes_natively, &mut |vm, v| {
                let h = vm.hash(&v)?;
                vm.set_table_add(&mut table, h, v).map(drop)
            })?;
            Ok(Value::Set(crate::object::SetObj::new(table, frozen)))
        }
    }
}

/// Values whose hash and equality with each other run no Python code and cannot fail.
fn hashes_natively(v: &Value) -> bool {
    matches!(
        v,
        Value::Int(_)
            | Value::Float(_)
            | Value::Bool(_)
            | Value::None
            | Value::Str(_)
            | Value::Bytes(_)
            | Value::BigInt(_)
    )
}

fn bytes_new(vm: &mut Vm, args: Args) -> PyResult {
    let args = rest(&args);
    let [source, encoding, errors] =
        Clinic::new("bytes", &["source", "encoding", "errors"]).bind(vm, &args)?;
    if let Some(Value::Object(o)) = &source {
        // `__bytes__` comes first, as in CPython.
        let class = o.class.clone();
        if let Some(m) = class.lookup("__bytes__", crate::object::hash::hash_str("__bytes__")) {
            let r = vm.call(&m, std::slice::from_ref(source.as_ref().expect("matched")))?;
            return match r {
                Value::Bytes(_) => Ok(r),
                other => Err(vm.type_error(format!(
                    "__bytes__ returned non-bytes (type {})",
                    vm.type_name(&other)
                ))),
            };
        }
    }
    if let Some(Value::Bytes(_)) = &source {
        if encoding.is_none() && errors.is_none() {
            return Ok(source.expect("matched"));
        }
    }
    let data = bytes_from_source(
        vm,
        source.as_ref(),
        encoding.as_ref(),
        errors.as_ref(),
        "bytes",
    )?;
    Ok(Value::Bytes(Rc::new(PyBytes::new(data))))
}

/// The contents of `bytes(source, encoding, errors)` and `bytearray(...)`: nothing, a
/// count of zero bytes, an encoded str, a bytes-like object's bytes, or an iterable of
/// byte values. `type_name` words the messages that differ between the two.
pub(super) fn bytes_from_source(
    vm: &mut Vm,
    source: Option<&Value>,
    encoding: Option<&Value>,
    errors: Option<&Value>,
    type_name: &str,
) -> PyResult<Vec<u8>> {
    let Some(source) = source else {
        if encoding.is_some() {
            return Err(vm.type_error("encoding without a string argument"));
        }
        if errors.is_some() {
            return Err(vm.type_error("errors without a string argument"));
        }
        return Ok(Vec::new());
    };
    if let Value::Str(s) = source {
        if encoding.is_none() {
            return Err(vm.type_error("string argument without an encoding"));
        }
        let encoding = super::str_codecs::text_arg(vm, type_name, "encoding", encoding, "utf-8")?;
        let errors = super::str_codecs::text_arg(vm, type_name, "errors", errors, "strict")?;
        let codec = super::str_codecs::lookup(vm, &encoding)?;
        return super::str_codecs::encode(vm, s.as_str(), codec, &errors);
    }
    if encoding.is_some() {
        return Err(vm.type_error("encoding without a string argument"));
    }
    if errors.is_some() {
        return Err(vm.type_error("errors without a string argument"));
    }
    if let Some(data) = vm.buffer_bytes(source) {
        return Ok(data);
    }
    if let Value::BigInt(_) = source {
        index_arg(vm, source)?;
    }
    if !matches!(source, Value::Float(_)) {
        if let Some(n) = vm.to_index(source)? {
            if n < 0 {
                return Err(vm.value_error("negative count"));
            }
            if n as usize > crate::vm::ops::arith::MAX_SEQUENCE_LEN {
                return Err(vm.memory_error());
            }
            return crate::memory::zeroed(n as usize).map_err(|_| vm.memory_error());
        }
    }
    let iterator = match vm.get_iter(source) {
        Ok(it) => it,
        Err(e) if vm.exc_is(&e, &vm.exc.type_error.clone()) => {
            return Err(vm.type_error(format!(
                "cannot convert '{}' object to {type_name}",
                vm.type_name(source)
            )))
        }
        Err(e) => return Err(e),
    };
    let range_msg = if type_name == "bytes" {
        "bytes must be in range(0, 256)"
    } else {
        "byte must be in range(0, 256)"
    };
    let mut out = Vec::new();
    for v in vm.collect_iterable(&iterator)? {
        match vm.to_index(&v)? {
            Some(i) if (0..256).contains(&i) => out.push(i as u8),
            Some(_) => return Err(vm.value_error(range_msg)),
            None => {
                return Err(vm.type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    vm.type_name(&v)
                )))
            }
        }
    }
    Ok(out)
}

fn index_arg(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    if let Value::BigInt(_) = v {
        return Err(vm.overflow_error("Python int too large to convert to C ssize_t"));
    }
    match vm.to_index(v)? {
        Some(i) => Ok(i),
        None => Err(vm.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(v)
        ))),
    }
}

fn range_new(vm: &mut Vm, args: Args) -> PyResult {
    let args = rest(&args);
    let pos = crate::native::function_args(vm, "range", Sig::Range(1, 3), &args)?;
    let (start, stop, step) = match pos.len() {
        1 => (0, index_arg(vm, &pos[0])?, 1),
        2 => (index_arg(vm, &pos[0])?, index_arg(vm, &pos[1])?, 1),
        _ => (
            index_arg(vm, &pos[0])?,
            index_arg(vm, &pos[1])?,
            index_arg(vm, &pos[2])?,
        ),
    };
    if step == 0 {
        return Err(vm.value_error("range() arg 3 must not be zero"));
    }
    Ok(Value::Range(Rc::new(Range { start, stop, step })))
}

/// `module(name, doc=None)`: a new, empty module (not registered anywhere).
fn module_new(vm: &mut Vm, args: Args) -> PyResult {
    let args = rest(&args);
    let [name, doc] = Clinic::new("module", &["name", "doc"]).bind(vm, &args)?;
    let name = match name {
        Some(Value::Str(s)) => s,
        Some(other) => {
            return Err(vm.type_error(format!(
                "module.__init__() argument 'name' must be str, not {}",
                vm.type_name(&other)
            )))
        }
        None => {
            return Err(vm.type_error("module.__init__() missing required argument 'name' (pos 1)"))
        }
    };
    let dict = DictObj::new(Dict::new());
    {
        let mut d = dict.table.borrow_mut();
        d.set_str(vm.intern("__name__"), Value::Str(name.clone()));
        d.set_str(vm.intern("__doc__"), doc.unwrap_or(Value::None));
        d.set_str(vm.intern("__package__"), Value::None);
        d.set_str(vm.intern("__loader__"), Value::None);
        d.set_str(vm.intern("__spec__"), Value::None);
    }
    Ok(Value::Module(crate::object::Module::new(
        name.as_str(),
        dict,
    )))
}

/// `method(function, instance)`: binds `function` to `instance`.
fn method_new(vm: &mut Vm, args: Args) -> PyResult {
    let args = rest(&args);
    let pos = crate::native::function_args(vm, "method", Sig::Range(2, 2), &args)?;
    if !vm.is_callable(&pos[0]) {
        return Err(vm.type_error("first argument must be callable"));
    }
    if pos[1].is_none() {
        return Err(vm.type_error("instance must not be None"));
    }
    Ok(Value::BoundMethod(crate::object::BoundMethod::new(
        pos[0].clone(),
        pos[1].clone(),
    )))
}

fn slice_new(vm: &mut Vm, args: Args) -> PyResult {
    let args = rest(&args);
    vm.check_args("slice", &args, 1, 3)?;
    let pos = args.pos();
    let (start, stop, step) = match pos.len() {
        1 => (Value::None, pos[0].clone(), Value::None),
        2 => (pos[0].clone(), pos[1].clone(), Value::None),
        _ => (pos[0].clone(), pos[1].clone(), pos[2].clone()),
    };
    Ok(Value::Slice(Rc::new(Slice { start, stop, step })))
}

fn make_property(vm: &Vm, fget: Value, fset: Value, fdel: Value, doc: Value) -> Value {
    Value::Object(Object::new(
        vm.types.property.clone(),
        Payload::Property(Box::new(Property {
            fget,
            fset,
            fdel,
            doc,
        })),
    ))
}

fn property_new(vm: &mut Vm, args: Args) -> PyResult {
    let args = rest(&args);
    let pos = args.pos();
    let mut parts = [Value::None, Value::None, Value::None, Value::None];
    for (i, v) in pos.iter().take(4).enumerate() {
        parts[i] = v.clone();
    }
    for (k, v) in args.kw() {
        let i = match k {
            "fget" => 0,
            "fset" => 1,
            "fdel" => 2,
            "doc" => 3,
            _ => {
                return Err(vm.type_error(format!(
                    "property() got an unexpected keyword argument '{k}'"
                )))
            }
        };
        parts[i] = v.clone();
    }
    let [a, b, c, d] = parts;
    Ok(make_property(vm, a, b, c, d))
}

fn property_parts(v: &Value) -> (Value, Value, Value, Value) {
    match v {
        Value::Object(o) => match &o.payload {
            Payload::Property(p) => (
                p.fget.clone(),
                p.fset.clone(),
                p.fdel.clone(),
                p.doc.clone(),
            ),
            _ => (Value::None, Value::None, Value::None, Value::None),
        },
        _ => (Value::None, Value::None, Value::None, Value::None),
    }
}

fn property_getter(vm: &mut Vm, args: Args) -> PyResult {
    method_args(vm, "property.getter", Sig::One, &args)?;
    let (_, s, d, doc) = property_parts(&args.values[0]);
    Ok(make_property(vm, args.values[1].clone(), s, d, doc))
}

fn property_setter(vm: &mut Vm, args: Args) -> PyResult {
    method_args(vm, "property.setter", Sig::One, &args)?;
    let (g, _, d, doc) = property_parts(&args.values[0]);
    Ok(make_property(vm, g, args.values[1].clone(), d, doc))
}

fn property_deleter(vm: &mut Vm, args: Args) -> PyResult {
    method_args(vm, "property.deleter", Sig::One, &args)?;
    let (g, s, _, doc) = property_parts(&args.values[0]);
    Ok(make_property(vm, g, s, args.values[1].clone(), doc))
}

fn property_get(vm: &mut Vm, args: Args) -> PyResult {
    method_args(vm, "__get__", Sig::WrapperRange(1, 2), &args)?;
    let obj = args.values[1].clone();
    if obj.is_none() {
        return Ok(args.values[0].clone());
    }
    let class = vm.class_of(&obj);
    vm.descr_get(args.values[0].clone(), &obj, &class)
}

fn property_set(vm: &mut Vm, args: Args) -> PyResult {
    method_args(vm, "__set__", Sig::WrapperRange(2, 2), &args)?;
    let (_, fset, _, _) = property_parts(&args.values[0]);
    if fset.is_none() {
        return Err(vm.attribute_error("can't set attribute"));
    }
    vm.call(&fset, &[args.values[1].clone(), args.values[2].clone()])?;
    Ok(Value::None)
}

fn staticmethod_new(vm: &mut Vm, args: Args) -> PyResult {
    let args = rest(&args);
    function_args(vm, "staticmethod", Sig::Range(1, 1), &args)?;
    Ok(Value::Object(Object::new(
        vm.types.staticmethod.clone(),
        Payload::StaticMethod(args.values[0].clone()),
    )))
}

fn classmethod_new(vm: &mut Vm, args: Args) -> PyResult {
    let args = rest(&args);
    function_args(vm, "classmethod", Sig::Range(1, 1), &args)?;
    Ok(Value::Object(Object::new(
        vm.types.classmethod.clone(),
        Payload::ClassMethod(args.values[0].clone()),
    )))
}

fn super_new(vm: &mut Vm, args: Args) -> PyResult {
    let args = rest(&args);
    let pos = args.pos();
    if pos.is_empty() {
        return Err(vm.runtime_error("super(): no arguments"));
    }
    let Value::Class(this) = &pos[0] else {
        return Err(vm.type_error(format!(
            "super() argument 1 must be a type, not {}",
            vm.type_name(&pos[0])
        )));
    };
    let Some(obj) = pos.get(1).cloned() else {
        return Err(vm.type_error("super() without a second argument is not supported by apy"));
    };
    let start = match &obj {
        Value::Class(c) if c.is_subclass(this) => c.clone(),
        other => {
            let c = vm.class_of(other);
            if !c.is_subclass(this) {
                return Err(
                    vm.type_error("super(type, obj): obj must be an instance or subtype of type")
                );
            }
            c
        }
    };
    Ok(Value::Object(Object::new(
        vm.types.super_.clone(),
        Payload::Super {
            this_class: this.clone(),
            obj,
            start,
        },
    )))
}
