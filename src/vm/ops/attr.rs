//! Attribute access: CPython's generic lookup (data descriptors, instance dict,
//! non-data descriptors, `__getattr__`), class attribute lookup, and `LoadMethod`.

use crate::object::class::{invalidate_caches, Class};
use crate::object::hash::hash_str;
use crate::object::{BoundMethod, ExcRef, Object, Payload, PyBool, PyStr, Value};
use crate::vm::{PyResult, Vm};
use std::rc::Rc;

impl Vm {
    pub fn get_attr(&mut self, obj: &Value, name: &Rc<PyStr>) -> PyResult {
        match obj {
            Value::Object(o) => self.object_getattr(obj, o, name),
            Value::Class(c) => self.class_getattr(c, name),
            Value::Module(m) => {
                if let Some(v) = m.dict.get_str(name.as_str(), name.hash()) {
                    return Ok(v);
                }
                if name.as_str() == "__dict__" {
                    return Ok(Value::Dict(m.dict.clone()));
                }
                // PEP 562: a module-level `__getattr__` answers for missing names.
                if let Some(hook) = m.dict.get_str("__getattr__", hash_str("__getattr__")) {
                    return self.call(&hook, &[Value::Str(name.clone())]);
                }
                let exc = self.attribute_error(format!(
                    "module '{}' has no attribute '{}'",
                    m.name,
                    name.as_str()
                ));
                exc.dict_set(self.names_attr("name"), Value::Str(name.clone()));
                exc.dict_set(self.names_attr("obj"), obj.clone());
                Err(exc)
            }
            _ => {
                let class = self.class_of(obj);
                if let Some(v) = self.special_attr(obj, name.as_str())? {
                    return Ok(v);
                }
                if let Some(d) = class.lookup_str(name) {
                    return self.descr_get(d, obj, &class);
                }
                Err(self.no_attribute(obj, name.as_str()))
            }
        }
    }

    /// Like `get_attr` but None instead of AttributeError.
    pub fn get_attr_opt(&mut self, obj: &Value, name: &Rc<PyStr>) -> PyResult<Option<Value>> {
        match self.get_attr(obj, name) {
            Ok(v) => Ok(Some(v)),
            Err(e) if e.class.is_subclass(&self.exc.attribute_error) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// A key for an exception attribute set from `&self` code (no interning needed:
    /// dict keys compare by content).
    fn names_attr(&self, name: &str) -> Rc<PyStr> {
        Rc::new(PyStr::new(name.to_string()))
    }

    pub(crate) fn no_attribute(&self, obj: &Value, name: &str) -> ExcRef {
        let exc = self.attribute_error(format!(
            "'{}' object has no attribute '{name}'",
            self.type_name(obj)
        ));
        // `name` and `obj`, as CPython sets them: a traceback suggests a similar name.
        exc.dict_set(self.names_attr("name"), Value::str(name));
        exc.dict_set(self.names_attr("obj"), obj.clone());
        exc
    }

    pub(crate) fn is_data_descriptor(&self, d: &Value) -> bool {
        match d {
            Value::Object(o) => match &o.payload {
                Payload::Property(_) | Payload::Member { .. } => true,
                // An instance of a descriptor class, with `__slots__` or without.
                Payload::None | Payload::Slots(_) => {
                    o.class.lookup_str(&self.names.set).is_some()
                        || o.class.lookup_str(&self.names.delete).is_some()
                }
                _ => false,
            },
            _ => false,
        }
    }

    /// Binds a class attribute found for `obj` (the descriptor protocol's `__get__`).
    pub(crate) fn descr_get(&mut self, d: Value, obj: &Value, class: &Rc<Class>) -> PyResult {
        Ok(match &d {
            Value::Function(_) => Value::BoundMethod(BoundMethod::new(d.clone(), obj.clone())),
            Value::NativeFunction(f) if f.is_method => {
                Value::BoundMethod(BoundMethod::new(d.clone(), obj.clone()))
            }
            Value::Object(o) => match &o.payload {
                Payload::ClassMethod(f) => {
                    Value::BoundMethod(BoundMethod::new(f.clone(), Value::Class(class.clone())))
                }
                Payload::StaticMethod(f) => f.clone(),
                Payload::Member { index, name, .. } => return self.member_get(*index, name, obj),
                Payload::Property(p) => {
                    let fget = &p.fget;
                    if fget.is_none() {
                        return Err(self.attribute_error(format!(
                            "property '{}' of '{}' object has no getter",
                            self.property_name(&d),
                            self.type_name(obj)
                        )));
                    }
                    let fget = fget.clone();
                    return self.call(&fget, std::slice::from_ref(obj));
                }
                // An instance of a descriptor class, with `__slots__` or without.
                Payload::None | Payload::Slots(_) => {
                    let get = o.class.lookup_str(&self.names.get);
                    match get {
                        Some(g) => {
                            return self
                                .call(&g, &[d.clone(), obj.clone(), Value::Class(class.clone())])
                        }
                        None => d.clone(),
                    }
                }
                _ => d.clone(),
            },
            _ => d.clone(),
        })
    }

    fn property_name(&self, prop: &Value) -> String {
        if let Value::Object(o) = prop {
            if let Payload::Property(p) = &o.payload {
                for f in [&p.fget, &p.fset] {
                    if let Value::Function(f) = f {
                        return f.name.borrow().as_str().to_string();
                    }
                }
            }
        }
        "?".into()
    }

    fn object_getattr(&mut self, obj: &Value, o: &Rc<Object>, name: &Rc<PyStr>) -> PyResult {
        if let Payload::Super {
            this_class,
            obj: target,
            start,
        } = &o.payload
        {
            return self.super_getattr(this_class, target, start, name);
        }
        let class = o.class.clone();
        // A user-defined __getattribute__ replaces the whole algorithm.
        if !class.is_builtin {
            if let Some(ga) = class.lookup_str(&self.names.getattribute.clone()) {
                if !matches!(ga, Value::NativeFunction(_)) {
                    return self.call(&ga, &[obj.clone(), Value::Str(name.clone())]);
                }
            }
        }
        let found = self.generic_getattr(obj, o, &class, name);
        // `__getattr__` answers a missing name and whatever raised AttributeError, a
        // property's getter included (CPython's `slot_tp_getattr_hook`).
        match found {
            Ok(Some(v)) => return Ok(v),
            Err(e) if !e.class.is_subclass(&self.exc.attribute_error) => return Err(e),
            _ => {}
        }
        match class.lookup_str(&self.names.getattr.clone()) {
            Some(ga) => self.call(&ga, &[obj.clone(), Value::Str(name.clone())]),
            None => match found {
                Err(e) => Err(e),
                _ => Err(self.no_attribute(obj, name.as_str())),
            },
        }
    }

    /// `object.__getattribute__`: a data descriptor, the instance's own attribute, then
    /// any other class attribute; None when there is none.
    fn generic_getattr(
        &mut self,
        obj: &Value,
        o: &Rc<Object>,
        class: &Rc<Class>,
        name: &Rc<PyStr>,
    ) -> PyResult<Option<Value>> {
        let descr = class.lookup_str(name);
        if let Some(d) = &descr {
            if self.is_data_descriptor(d) {
                return self.descr_get(d.clone(), obj, class).map(Some);
            }
        }
        if let Some(v) = o.dict_get(name) {
            return Ok(Some(v));
        }
        if let Some(d) = descr {
            return self.descr_get(d, obj, class).map(Some);
        }
        if let Some(v) = self.special_attr(obj, name.as_str())? {
            return Ok(Some(v));
        }
        // An instance of a built-in's subclass has the built-in's getsets
        // (`IntEnum.X.real`).
        if let Payload::Builtin(inner) = &o.payload {
            if name.as_str() != "__class__" {
                if let Some(v) = self.special_attr(inner, name.as_str())? {
                    return Ok(Some(v));
                }
            }
        }
        Ok(None)
    }

    /// `super(this_class, target).name`: search the MRO of `start` after `this_class`.
    fn super_getattr(
        &mut self,
        this_class: &Rc<Class>,
        target: &Value,
        start: &Rc<Class>,
        name: &Rc<PyStr>,
    ) -> PyResult {
        if let Some(v) = super_lookup(this_class, start, name) {
            // `super(C, cls)` with `cls` a subclass of `C` (a classmethod's call) binds
            // to the class; with `cls` an instance of a metaclass `C`, as an instance.
            let class_target = match target {
                Value::Class(t) if Rc::ptr_eq(t, start) => Some(t),
                _ => None,
            };
            if let Some(target_class) = class_target {
                return Ok(match &v {
                    Value::Object(o) => match &o.payload {
                        Payload::ClassMethod(f) => Value::BoundMethod(BoundMethod::new(
                            f.clone(),
                            Value::Class(target_class.clone()),
                        )),
                        Payload::StaticMethod(f) => f.clone(),
                        _ => v,
                    },
                    _ => v,
                });
            }
            return self.descr_get(v, target, start);
        }
        if name.as_str() == "__class__" {
            return Ok(Value::Class(self.types.super_.clone()));
        }
        Err(self.attribute_error(format!(
            "'super' object has no attribute '{}'",
            name.as_str()
        )))
    }

    fn class_getattr(&mut self, c: &Rc<Class>, name: &Rc<PyStr>) -> PyResult {
        if let Some(v) = self.class_special_attr(c, name.as_str())? {
            return Ok(v);
        }
        if let Some(v) = c.lookup_str(name) {
            return Ok(match &v {
                Value::Object(o) => match &o.payload {
                    Payload::ClassMethod(f) => {
                        Value::BoundMethod(BoundMethod::new(f.clone(), Value::Class(c.clone())))
                    }
                    Payload::StaticMethod(f) => f.clone(),
                    // An instance of a descriptor class, with `__slots__` or without.
                    Payload::None | Payload::Slots(_) => {
                        let get = o
                            .class
                            .lookup("__get__", crate::object::hash::hash_str("__get__"));
                        match get {
                            Some(g) => {
                                return self
                                    .call(&g, &[v.clone(), Value::None, Value::Class(c.clone())])
                            }
                            None => v,
                        }
                    }
                    _ => v,
                },
                _ => v,
            });
        }
        // Methods of the class's type: its metaclass, else `type` itself (`C.mro()`).
        let meta = self.class_of(&Value::Class(c.clone()));
        if let Some(v) = meta.lookup_str(name) {
            return self.descr_get(v, &Value::Class(c.clone()), &meta);
        }
        if let Some(hook) = self.metaclass_method(c, "__getattr__") {
            return self.call(&hook, &[Value::Class(c.clone()), Value::Str(name.clone())]);
        }
        Err(self.attribute_error(format!(
            "type object '{}' has no attribute '{}'",
            c.name,
            name.as_str()
        )))
    }

    fn class_special_attr(&mut self, c: &Rc<Class>, name: &str) -> PyResult<Option<Value>> {
        Ok(Some(match name {
            "__name__" => Value::str(c.display_name()),
            "__qualname__" => Value::str(c.qualname.borrow().clone()),
            "__mro__" => Value::tuple(c.mro_with_self().into_iter().map(Value::Class).collect()),
            "__bases__" => {
                Value::tuple(c.bases.borrow().iter().cloned().map(Value::Class).collect())
            }
            "__base__" => c
                .bases
                .borrow()
                .first()
                .cloned()
                .map_or(Value::None, Value::Class),
            "__dict__" => Value::Dict(crate::object::DictObj::new(c.dict.borrow().clone())),
            "__module__" if c.is_builtin => Value::str("builtins"),
            "__doc__" => c
                .dict
                .borrow()
                .get_str("__doc__", crate::object::hash::hash_str("__doc__"))
                .cloned()
                .unwrap_or(Value::None),
            "__class__" => Value::Class(self.class_of(&Value::Class(c.clone()))),
            _ => return Ok(None),
        }))
    }

    /// Attributes that CPython implements as slots/getsets on built-in types.
    fn special_attr(&mut self, obj: &Value, name: &str) -> PyResult<Option<Value>> {
        if name == "__class__" {
            return Ok(Some(Value::Class(self.class_of(obj))));
        }
        Ok(Some(match obj {
            Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => match name {
                "real" | "numerator" => match obj {
                    Value::Bool(b) => Value::Int(b.get() as i64),
                    _ => obj.clone(),
                },
                "imag" => Value::Int(0),
                "denominator" => Value::Int(1),
                _ => return Ok(None),
            },
            Value::Float(f) => match name {
                "real" => Value::float(f.get()),
                "imag" => Value::float(0.0),
                _ => return Ok(None),
            },
            Value::Slice(s) => match name {
                "start" => s.start.clone(),
                "stop" => s.stop.clone(),
                "step" => s.step.clone(),
                _ => return Ok(None),
            },
            Value::Range(r) => match name {
                "start" => Value::Int(r.start),
                "stop" => Value::Int(r.stop),
                "step" => Value::Int(r.step),
                _ => return Ok(None),
            },
            Value::Function(f) => match name {
                "__name__" => Value::Str(f.name.borrow().clone()),
                "__qualname__" => Value::Str(f.qualname.borrow().clone()),
                "__module__" => f.module.borrow().clone(),
                "__defaults__" => {
                    let d = f.defaults.borrow();
                    if d.is_empty() {
                        Value::None
                    } else {
                        Value::tuple(d.clone())
                    }
                }
                "__code__" => Value::Code(f.code.clone()),
                "__kwdefaults__" => {
                    let kw = f.kwdefaults.borrow();
                    if kw.is_empty() {
                        Value::None
                    } else {
                        let mut d = crate::object::Dict::new();
                        for (k, v) in kw.iter() {
                            d.set_str(k.clone(), v.clone());
                        }
                        Value::Dict(crate::object::DictObj::new(d))
                    }
                }
                "__globals__" => Value::Dict(f.globals.clone()),
                "__closure__" => {
                    if f.closure.is_empty() {
                        Value::None
                    } else {
                        Value::tuple(f.closure.iter().cloned().map(Value::Cell).collect())
                    }
                }
                // `__annotations__` and `__doc__` are kept in the dict but are slots
                // in CPython: not part of `__dict__`.
                "__dict__" => {
                    let mut d = f.dict.borrow().clone();
                    for slot in ["__annotations__", "__doc__"] {
                        d.remove_str(slot, crate::object::hash::hash_str(slot));
                    }
                    Value::Dict(crate::object::DictObj::new(d))
                }
                _ => {
                    let found = f
                        .dict
                        .borrow()
                        .get_str(name, crate::object::hash::hash_str(name))
                        .cloned();
                    match found {
                        Some(v) => v,
                        // The compiler makes the docstring (or None) the first constant.
                        None if name == "__doc__" => match f.code.consts.first() {
                            Some(doc @ Value::Str(_)) => doc.clone(),
                            _ => Value::None,
                        },
                        // Made (and kept) on first access when the def had none, as
                        // CPython does.
                        None if name == "__annotations__" => {
                            let empty = Value::Dict(crate::object::DictObj::new(
                                crate::object::Dict::new(),
                            ));
                            let key = self.intern("__annotations__");
                            f.dict.borrow_mut().set_str(key, empty.clone());
                            empty
                        }
                        None => return Ok(None),
                    }
                }
            },
            Value::NativeFunction(f) => match name {
                "__name__" => Value::str(f.name),
                // A method of a built-in type is qualified by its type (`list.append`).
                "__qualname__" if f.is_method => Value::str(format!("{}.{}", f.owner, f.name)),
                "__qualname__" => Value::str(f.name),
                "__doc__" => Value::None,
                "__module__" => Value::str("builtins"),
                _ => return Ok(None),
            },
            Value::BoundMethod(m) => match name {
                "__self__" => m.self_value.clone(),
                "__func__" => m.function.clone(),
                _ => {
                    let f = m.function.clone();
                    let n = self.intern(name);
                    return self.get_attr_opt(&f, &n);
                }
            },
            Value::Generator(g) => match name {
                "__name__" => Value::Str(g.name.borrow().clone()),
                "__qualname__" => Value::Str(g.qualname.borrow().clone()),
                "gi_running" | "cr_running" | "ag_running" => {
                    Value::bool(g.state.get() == crate::object::GenState::Running)
                }
                "gi_frame" | "cr_frame" | "ag_frame" => self.generator_frame(g)?,
                "cr_origin" if g.kind == crate::object::GenKind::Coroutine => self.cr_origin(g),
                "gi_code" | "cr_code" | "ag_code" => match g.frame.borrow().as_ref() {
                    Some(f) => Value::Code(f.code.clone()),
                    None => Value::None,
                },
                "gi_yieldfrom" | "cr_await" | "ag_await" => self.generator_awaiting(g),
                _ => return Ok(None),
            },
            Value::Code(c) => match name {
                "co_name" => Value::Str(c.name.clone()),
                "co_qualname" => Value::Str(c.qualname.clone()),
                "co_filename" => Value::str(c.filename()),
                "co_firstlineno" => Value::Int(c.first_line as i64),
                "co_argcount" => Value::Int(c.argcount as i64),
                "co_varnames" => Value::tuple(c.varnames.iter().cloned().map(Value::Str).collect()),
                "co_flags" => Value::Int(c.flags as i64),
                "co_posonlyargcount" => Value::Int(c.posonlyargcount as i64),
                "co_kwonlyargcount" => Value::Int(c.kwonlyargcount as i64),
                "co_nlocals" => Value::Int(c.varnames.len() as i64),
                "co_consts" => Value::tuple(c.consts.to_vec()),
                "co_names" => Value::tuple(c.names.iter().cloned().map(Value::Str).collect()),
                "co_cellvars" => Value::tuple(c.cellvars.iter().cloned().map(Value::Str).collect()),
                "co_freevars" => Value::tuple(c.freevars.iter().cloned().map(Value::Str).collect()),
                _ => return Ok(None),
            },
            Value::Object(o) => {
                if let Some(d) = o.exc_data() {
                    let d = d.borrow();
                    return Ok(Some(match name {
                        "args" => Value::Tuple(d.args.clone()),
                        "__cause__" => d.cause.clone(),
                        "__context__" => d.context.clone(),
                        "__suppress_context__" => Value::bool(d.suppress_context),
                        "__traceback__" => {
                            let entries = d.traceback.clone();
                            drop(d);
                            return Ok(Some(self.traceback_object(&entries)));
                        }
                        "__notes__" => return Ok(None),
                        _ => {
                            drop(d);
                            return Ok(self.exception_field(o, name));
                        }
                    }));
                }
                match (&o.payload, name) {
                    (Payload::Property(p), "fget") => p.fget.clone(),
                    (Payload::Property(p), "fset") => p.fset.clone(),
                    (Payload::Property(p), "fdel") => p.fdel.clone(),
                    (Payload::Property(p), "__doc__") => p.doc.clone(),
                    (Payload::StaticMethod(f) | Payload::ClassMethod(f), "__func__") => f.clone(),
                    (_, "__dict__") if o.has_dict() => Value::Dict(o.dict().expect("checked")),
                    (Payload::Native(data), _) => return Ok(data.special_attr(self, obj, name)),
                    _ => return Ok(None),
                }
            }
            _ => return Ok(None),
        }))
    }

    /// Per-class exception attributes CPython keeps in C slots.
    fn exception_field(&self, o: &Rc<Object>, name: &str) -> Option<Value> {
        let args = self.exc_args(o);
        let first = || args.items.first().cloned().unwrap_or(Value::None);
        let class = &o.class;
        let e = &self.exc;
        Some(match name {
            "value" if class.is_subclass(&e.stop_iteration) => first(),
            "code" if class.is_subclass(&e.system_exit) => match args.items.len() {
                0 => Value::None,
                1 => first(),
                _ => Value::Tuple(args.clone()),
            },
            "message" if class.is_subclass(&e.base_exception_group) => first(),
            "msg" if class.is_subclass(&e.import_error) => match args.items.len() {
                1 => first(),
                _ => Value::None,
            },
            "name" | "path" if class.is_subclass(&e.import_error) => Value::None,
            "exceptions" if class.is_subclass(&e.base_exception_group) => match args.items.get(1) {
                Some(Value::Tuple(t)) => Value::Tuple(t.clone()),
                Some(Value::List(l)) => Value::tuple(l.items.borrow().clone()),
                _ => Value::tuple(vec![]),
            },
            "errno" if class.is_subclass(&e.os_error) => {
                if args.items.len() >= 2 {
                    first()
                } else {
                    Value::None
                }
            }
            "strerror" if class.is_subclass(&e.os_error) => {
                if args.items.len() >= 2 {
                    args.items[1].clone()
                } else {
                    Value::None
                }
            }
            "filename" if class.is_subclass(&e.os_error) => {
                args.items.get(2).cloned().unwrap_or(Value::None)
            }
            "name" | "obj"
                if class.is_subclass(&e.attribute_error) || class.is_subclass(&e.name_error) =>
            {
                Value::None
            }
            "msg" if class.is_subclass(&e.syntax_error) => first(),
            // `SyntaxError(msg, (filename, lineno, offset, text, end_lineno, end_offset))`.
            "filename" | "lineno" | "offset" | "text" | "end_lineno" | "end_offset"
                if class.is_subclass(&e.syntax_error) =>
            {
                let index = [
                    "filename",
                    "lineno",
                    "offset",
                    "text",
                    "end_lineno",
                    "end_offset",
                ]
                .iter()
                .position(|n| *n == name)
                .unwrap_or(0);
                match args.items.get(1) {
                    Some(Value::Tuple(details)) if args.items.len() == 2 => {
                        details.items.get(index).cloned().unwrap_or(Value::None)
                    }
                    _ => Value::None,
                }
            }
            "print_file_and_line" if class.is_subclass(&e.syntax_error) => Value::None,
            _ => return None,
        })
    }

    pub fn set_attr(&mut self, obj: &Value, name: &Rc<PyStr>, value: Value) -> PyResult<()> {
        match obj {
            Value::Object(o) => {
                let class = o.class.clone();
                if !class.is_builtin {
                    if let Some(sa) = class.lookup_str(&self.names.setattr.clone()) {
                        if !matches!(sa, Value::NativeFunction(_)) {
                            self.call(&sa, &[obj.clone(), Value::Str(name.clone()), value])?;
                            return Ok(());
                        }
                    }
                }
                self.object_setattr(obj, o, name, value)
            }
            Value::Class(c) => {
                if let Some(hook) = self.metaclass_method(c, "__setattr__") {
                    self.call(&hook, &[obj.clone(), Value::Str(name.clone()), value])?;
                    return Ok(());
                }
                self.class_setattr(c, name, value)
            }
            Value::Module(m) => {
                let old = m.dict.table.borrow_mut().set_str(name.clone(), value);
                drop(old);
                Ok(())
            }
            Value::Function(f) => {
                match name.as_str() {
                    "__name__" => {
                        if let Value::Str(s) = &value {
                            *f.name.borrow_mut() = s.clone();
                        }
                    }
                    "__qualname__" => {
                        if let Value::Str(s) = &value {
                            *f.qualname.borrow_mut() = s.clone();
                        }
                    }
                    "__module__" => {
                        let old = f.module.replace(value);
                        drop(old);
                    }
                    "__defaults__" => {
                        *f.defaults.borrow_mut() = match &value {
                            Value::Tuple(t) => t.items.to_vec(),
                            _ => Vec::new(),
                        };
                    }
                    _ => {
                        f.dict.borrow_mut().set_str(name.clone(), value);
                    }
                }
                Ok(())
            }
            _ => Err(self.no_attribute(obj, name.as_str())),
        }
    }

    /// `object.__delattr__`: a data descriptor of the class (a `__slots__` member, a
    /// property's deleter, an object with `__delete__`) if there is one, else the
    /// instance dict.
    pub(crate) fn object_delattr(
        &mut self,
        obj: &Value,
        o: &Rc<Object>,
        name: &Rc<PyStr>,
    ) -> PyResult<()> {
        let class = o.class.clone();
        if let Some(Value::Object(d)) = class.lookup_str(name) {
            if let Payload::Member { index, name, .. } = &d.payload {
                return self.member_set(*index, name, obj, None);
            }
            if let Payload::Property(p) = &d.payload {
                let fdel = &p.fdel;
                if fdel.is_none() {
                    return Err(self.attribute_error(format!(
                        "property '{}' of '{}' object has no deleter",
                        self.property_name(&Value::Object(d.clone())),
                        class.name
                    )));
                }
                let fdel = fdel.clone();
                self.call(&fdel, std::slice::from_ref(obj))?;
                return Ok(());
            }
            if let Payload::None | Payload::Slots(_) = &d.payload {
                // A descriptor object with `__delete__` (`deque.maxlen`, user
                // descriptor classes) handles the deletion itself.
                let h = crate::object::hash::hash_str;
                if let Some(del) = d.class.lookup("__delete__", h("__delete__")) {
                    self.call(&del, &[Value::Object(d.clone()), obj.clone()])?;
                    return Ok(());
                }
            }
        }
        let removed = match o.inline_remove(name) {
            Some(removed) => removed,
            None => match o.dict() {
                Some(d) => self.dict_mut(&d)?.remove_str(name.as_str(), name.hash()),
                None => None,
            },
        };
        match removed {
            Some(_) => Ok(()),
            None => Err(self.no_attribute(obj, name.as_str())),
        }
    }

    /// `type.__delattr__` on a class defined in Python.
    pub(crate) fn class_delattr(&mut self, c: &Rc<Class>, name: &Rc<PyStr>) -> PyResult<()> {
        let removed = c.dict.borrow_mut().remove_str(name.as_str(), name.hash());
        invalidate_caches();
        match removed {
            Some(_) => Ok(()),
            None => Err(self.attribute_error(format!(
                "type object '{}' has no attribute '{}'",
                c.name,
                name.as_str()
            ))),
        }
    }

    /// `type.__setattr__` on a class.
    pub(crate) fn class_setattr(
        &mut self,
        c: &Rc<Class>,
        name: &Rc<PyStr>,
        value: Value,
    ) -> PyResult<()> {
        if c.is_builtin {
            return Err(self.type_error(format!(
                "cannot set '{}' attribute of immutable type '{}'",
                name.as_str(),
                c.name
            )));
        }
        if name.as_str() == "__del__" {
            crate::object::class::note_finalizer_defined();
        }
        // `__name__` and `__qualname__` are the type's own fields, not namespace entries.
        if matches!(name.as_str(), "__name__" | "__qualname__") {
            let Value::Str(s) = &value else {
                return Err(self.type_error(format!(
                    "can only assign string to {}.{}, not '{}'",
                    c.display_name(),
                    name.as_str(),
                    self.type_name(&value)
                )));
            };
            if name.as_str() == "__name__" {
                *c.renamed.borrow_mut() = Some(s.as_str().to_string());
            } else {
                *c.qualname.borrow_mut() = s.as_str().to_string();
            }
            return Ok(());
        }
        let old = c.dict.borrow_mut().set_str(name.clone(), value);
        invalidate_caches();
        drop(old);
        Ok(())
    }

    /// `object.__setattr__`: a data descriptor of the class (property, `__slots__`
    /// member, an object with `__set__`) if there is one, else the instance dict.
    pub(crate) fn object_setattr(
        &mut self,
        obj: &Value,
        o: &Rc<Object>,
        name: &Rc<PyStr>,
        value: Value,
    ) -> PyResult<()> {
        let class = o.class.clone();
        if let Some(d) = class.lookup_str(name) {
            if let Value::Object(dobj) = &d {
                match &dobj.payload {
                    Payload::Property(p) => {
                        let fset = &p.fset;
                        if fset.is_none() {
                            return Err(self.attribute_error(format!(
                                "property '{}' of '{}' object has no setter",
                                self.property_name(&d),
                                class.name
                            )));
                        }
                        let fset = fset.clone();
                        self.call(&fset, &[obj.clone(), value])?;
                        return Ok(());
                    }
                    Payload::Member { index, name, .. } => {
                        return self.member_set(*index, name, obj, Some(value));
                    }
                    // An instance of a descriptor class, with `__slots__` or without.
                    Payload::None | Payload::Slots(_) => {
                        let set = dobj
                            .class
                            .lookup("__set__", crate::object::hash::hash_str("__set__"));
                        if let Some(s) = set {
                            self.call(&s, &[d.clone(), obj.clone(), value])?;
                            return Ok(());
                        }
                    }
                    _ => {}
                }
            }
        }
        if name.as_str() == "__dict__" && o.has_dict() {
            let Value::Dict(d) = value else {
                return Err(self.type_error(format!(
                    "__dict__ must be set to a dictionary, not a '{}'",
                    self.type_name(&value)
                )));
            };
            o.replace_dict(d);
            return Ok(());
        }
        self.generic_setattr(obj, o, name, value)
    }

    /// The instance dict (and exception slots), without looking for descriptors.
    pub(crate) fn generic_setattr(
        &mut self,
        obj: &Value,
        o: &Rc<Object>,
        name: &Rc<PyStr>,
        value: Value,
    ) -> PyResult<()> {
        if let Some(d) = o.exc_data() {
            match name.as_str() {
                "__cause__" => {
                    let mut d = d.borrow_mut();
                    d.cause = value;
                    d.suppress_context = true;
                    return Ok(());
                }
                "__context__" => {
                    d.borrow_mut().context = value;
                    return Ok(());
                }
                "__suppress_context__" => {
                    d.borrow_mut().suppress_context = matches!(value, Value::Bool(PyBool::TRUE));
                    return Ok(());
                }
                "__traceback__" => {
                    if value.is_none() {
                        d.borrow_mut().traceback.clear();
                    }
                    return Ok(());
                }
                "args" => {
                    let items = self.collect_iterable(&value)?;
                    d.borrow_mut().args = crate::object::Tuple::new(items);
                    return Ok(());
                }
                _ => {}
            }
        }
        let value = match o.inline_set(name, value) {
            Ok(old) => {
                drop(old);
                return Ok(());
            }
            Err(value) => value,
        };
        match o.dict() {
            Some(dict) => {
                let old = self.dict_mut(&dict)?.set_str(name.clone(), value);
                drop(old);
                Ok(())
            }
            None => Err(self.no_attribute(obj, name.as_str())),
        }
    }

    pub fn del_attr(&mut self, obj: &Value, name: &Rc<PyStr>) -> PyResult<()> {
        match obj {
            Value::Object(o) => {
                // A `__delattr__` the class defines in Python decides first.
                let class = o.class.clone();
                if !class.is_builtin {
                    if let Some(da) = class.lookup_str(&self.names.delattr.clone()) {
                        if !matches!(da, Value::NativeFunction(_)) {
                            self.call(&da, &[obj.clone(), Value::Str(name.clone())])?;
                            return Ok(());
                        }
                    }
                }
                self.object_delattr(obj, o, name)
            }
            Value::Class(c) if !c.is_builtin => {
                if let Some(hook) = self.metaclass_method(c, "__delattr__") {
                    self.call(&hook, &[obj.clone(), Value::Str(name.clone())])?;
                    return Ok(());
                }
                self.class_delattr(c, name)
            }
            Value::Module(m) => match m
                .dict
                .table
                .borrow_mut()
                .remove_str(name.as_str(), name.hash())
            {
                Some(_) => Ok(()),
                None => Err(self.attribute_error(format!(
                    "module '{}' has no attribute '{}'",
                    m.name,
                    name.as_str()
                ))),
            },
            Value::Function(f) => {
                match f.dict.borrow_mut().remove_str(name.as_str(), name.hash()) {
                    Some(_) => Ok(()),
                    None => Err(self.no_attribute(obj, name.as_str())),
                }
            }
            _ => Err(self.no_attribute(obj, name.as_str())),
        }
    }

    /// `LoadMethod`: `(function, self)` when the attribute is a method found on the type
    /// (no bound method is allocated), else `(attribute, NULL)`.
    pub fn load_method(&mut self, obj: Value, name: &Rc<PyStr>) -> PyResult<(Value, Value)> {
        match &obj {
            // A `super` object's attributes come from the MRO it proxies, never from the
            // `super` type itself (whose `__init__` is `object.__init__`). A function
            // found there for an instance is called with the instance, without a bound
            // method (CPython 3.12's LOAD_SUPER_ATTR).
            Value::Object(o) if matches!(o.payload, Payload::Super { .. }) => {
                if let Payload::Super {
                    this_class,
                    obj: target,
                    start,
                } = &o.payload
                {
                    let instance =
                        matches!(target, Value::Object(t) if Rc::ptr_eq(&t.class, start));
                    if instance {
                        if let Some(f @ Value::Function(_)) = super_lookup(this_class, start, name)
                        {
                            return Ok((f, target.clone()));
                        }
                    }
                }
            }
            Value::Object(o) => {
                let class = o.class.clone();
                if class.is_builtin
                    || class
                        .lookup_str(&self.names.getattribute.clone())
                        .is_none_or(|g| matches!(g, Value::NativeFunction(_)))
                {
                    if let Some(d) = class.lookup_str(name) {
                        let is_method = match &d {
                            Value::Function(_) => true,
                            Value::NativeFunction(f) => f.is_method,
                            _ => false,
                        };
                        if is_method && o.dict_get(name).is_none() {
                            return Ok((d, obj));
                        }
                    }
                }
            }
            Value::Class(_) | Value::Module(_) => {}
            _ => {
                let class = self.class_of(&obj);
                if let Some(d) = class.lookup_str(name) {
                    let is_method = match &d {
                        Value::Function(_) => true,
                        Value::NativeFunction(f) => f.is_method,
                        _ => false,
                    };
                    if is_method {
                        return Ok((d, obj));
                    }
                }
            }
        }
        let v = self.get_attr(&obj, name)?;
        Ok((v, Value::Null))
    }
}

/// What `super(this_class, ...)` finds for `name`: the first definition in `start`'s MRO
/// after `this_class`.
fn super_lookup(this_class: &Rc<Class>, start: &Rc<Class>, name: &PyStr) -> Option<Value> {
    let mro = start.mro_with_self();
    let after = mro
        .iter()
        .position(|c| Rc::ptr_eq(c, this_class))
        .map_or(mro.len(), |p| p + 1);
    mro[after..].iter().find_map(|class| {
        class
            .dict
            .borrow()
            .get_str(name.as_str(), name.hash())
            .cloned()
    })
}
