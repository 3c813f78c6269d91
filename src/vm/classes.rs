//! Creating classes (`class` statements, `type(name, bases, ns)`) and instances.

use super::call::Prepared;
use super::{PyResult, Vm};
use crate::object::class::{c3_linearize, invalidate_caches, Class, Layout};
use crate::object::function::Args;
use crate::object::{Dict, DictObj, Object, Payload, Value};
use std::rc::Rc;

impl Vm {
    /// Calling a class.
    pub(crate) fn prepare_instantiate(
        &mut self,
        cls: &Rc<Class>,
        args: Args,
    ) -> PyResult<Prepared> {
        // A metaclass defining `__call__` decides what calling its classes does.
        let meta = cls.metaclass.borrow().clone();
        if let Some(meta) = meta {
            let call = meta.lookup_str(&self.names.call.clone());
            if let Some(call) =
                call.filter(|c| !matches!(c, Value::NativeFunction(nf) if nf.owner == "type"))
            {
                if let Value::Function(_) = &call {
                    // A Python `__call__` runs as an ordinary frame of the caller's
                    // run loop, so frame walks (`sys._getframe`) see through it.
                    let mut values = Vec::with_capacity(args.values.len() + 1);
                    values.push(Value::Class(cls.clone()));
                    values.extend_from_slice(args.values);
                    return self.prepare_call(
                        &call,
                        Args {
                            values: &values,
                            kwnames: args.kwnames,
                        },
                    );
                }
                let made = self.call_prepending(&call, Value::Class(cls.clone()), args)?;
                return Ok(Prepared::Done(made));
            }
        }
        self.prepare_plain_instantiate(cls, args)
    }

    /// Makes an instance of `cls` (`type.__call__`), from native code.
    pub fn instantiate(&mut self, cls: &Rc<Class>, args: Args) -> PyResult {
        let prepared = self.prepare_plain_instantiate(cls, args)?;
        self.run_prepared(prepared)
    }

    /// Instance creation as `type.__call__` does it: `__new__`, then `__init__`.
    fn prepare_plain_instantiate(&mut self, cls: &Rc<Class>, args: Args) -> PyResult<Prepared> {
        if Rc::ptr_eq(cls, &self.types.type_) {
            return self.call_type(args).map(Prepared::Done);
        }
        let (new, init) = cls.constructors(&self.names.new, &self.names.init);
        let default_new = match &new {
            Some(Value::NativeFunction(nf)) => nf.owner == "object" || nf.owner == "BaseException",
            None => true,
            _ => false,
        };
        if !default_new {
            let new = new.unwrap_or(Value::None);
            let new = match &new {
                Value::Object(o) => match &o.payload {
                    Payload::StaticMethod(f) => f.clone(),
                    _ => new.clone(),
                },
                _ => new,
            };
            let instance = self.call_prepending(&new, Value::Class(cls.clone()), args)?;
            // Built-in types do their work in `__new__`, except those whose instances
            // are mutable objects filled by `__init__` (`bytearray`), as in CPython.
            let has_init = !cls.is_builtin || matches!(cls.layout, Layout::Object);
            if has_init && self.class_of(&instance).is_subclass(cls) {
                self.run_init(cls, &instance, args)?;
            }
            return Ok(Prepared::Done(instance));
        }
        let instance = match cls.layout {
            Layout::Exception => Value::Object(self.new_exception(cls, args.pos().to_vec())),
            Layout::Object => Value::Object(self.new_plain_instance(cls)),
            Layout::Native => {
                return Err(self.type_error(format!("cannot create '{}' instances", cls.name)));
            }
        };
        match init {
            // `__init__(self, a, b)` called with `C(a, b)`: bound without binding logic.
            Some(Value::Function(f))
                if args.kwnames.is_empty()
                    && f.code.fast_argc as usize == args.values.len() + 1 =>
            {
                let mut frame = self.alloc_frame(f.code.clone(), f.globals.clone(), None);
                frame.locals[0] = instance.clone();
                frame.locals[1..=args.values.len()].clone_from_slice(args.values);
                Ok(Prepared::Init(instance, frame))
            }
            Some(Value::Function(f)) => {
                let mut values = Vec::with_capacity(args.values.len() + 1);
                values.push(instance.clone());
                values.extend_from_slice(args.values);
                let frame = self.frame_for_call(
                    &f,
                    Args {
                        values: &values,
                        kwnames: args.kwnames,
                    },
                )?;
                Ok(Prepared::Init(instance, frame))
            }
            Some(Value::NativeFunction(nf)) if nf.owner == "object" => {
                if !args.values.is_empty() {
                    return Err(self.type_error(format!("{}() takes no arguments", cls.name)));
                }
                Ok(Prepared::Done(instance))
            }
            Some(Value::NativeFunction(nf)) if nf.owner == "BaseException" && cls.is_builtin => {
                if args.has_kw() {
                    return Err(
                        self.type_error(format!("{}() takes no keyword arguments", cls.name))
                    );
                }
                Ok(Prepared::Done(instance))
            }
            _ => {
                self.run_init(cls, &instance, args)?;
                Ok(Prepared::Done(instance))
            }
        }
    }

    fn run_init(&mut self, cls: &Rc<Class>, instance: &Value, args: Args) -> PyResult<()> {
        let Some(init) = cls.lookup_str(&self.names.init.clone()) else {
            return Ok(());
        };
        if matches!(&init, Value::NativeFunction(nf) if nf.owner == "object") {
            return Ok(());
        }
        let r = self.call_prepending(&init, instance.clone(), args)?;
        if !r.is_none() {
            return Err(self.type_error(format!(
                "__init__() should return None, not '{}'",
                self.type_name(&r)
            )));
        }
        Ok(())
    }

    /// A class from `type(name, bases, namespace)`'s arguments (or `type.__new__`'s after
    /// the metaclass), checked with CPython's messages; `class_kw` go to
    /// `__init_subclass__`.
    pub fn class_from_type_args(
        &mut self,
        pos: &[Value],
        class_kw: &[(Value, Value)],
        metaclass: Option<Rc<Class>>,
    ) -> PyResult {
        let [name, bases, ns] = pos else {
            return Err(self.type_error("type.__new__() takes exactly 3 arguments"));
        };
        let Value::Str(name) = name else {
            return Err(self.type_error(format!(
                "type.__new__() argument 1 must be str, not {}",
                self.type_name(name)
            )));
        };
        let Value::Tuple(bases) = bases else {
            return Err(self.type_error(format!(
                "type.__new__() argument 2 must be tuple, not {}",
                self.type_name(bases)
            )));
        };
        // A dict subclass (an Enum's class-body namespace) counts as a dict; CPython
        // copies it too.
        let ns = match ns {
            Value::Dict(d) => d,
            Value::Object(o) => match &o.payload {
                Payload::Builtin(Value::Dict(d)) => d,
                _ => return Err(self.not_dict_namespace(ns)),
            },
            _ => return Err(self.not_dict_namespace(ns)),
        };
        let bases = bases.items.to_vec();
        let class = self.create_class(name.as_str(), bases, ns, class_kw, metaclass)?;
        Ok(Value::Class(class))
    }

    fn not_dict_namespace(&self, ns: &Value) -> crate::object::ExcRef {
        self.type_error(format!(
            "type.__new__() argument 3 must be dict, not {}",
            self.type_name(ns)
        ))
    }

    /// `type(x)` or `type(name, bases, namespace)`.
    fn call_type(&mut self, args: Args) -> PyResult {
        let pos = args.pos();
        match pos.len() {
            1 if !args.has_kw() => Ok(Value::Class(self.class_of(&pos[0]))),
            3 => self.class_from_type_args(pos, &[], None),
            _ => Err(self.type_error("type() takes 1 or 3 arguments")),
        }
    }

    /// The class object for a `class` statement or `type(name, bases, ns)`.
    pub fn create_class(
        &mut self,
        name: &str,
        bases: Vec<Value>,
        ns: &Rc<DictObj>,
        class_kw: &[(Value, Value)],
        metaclass: Option<Rc<Class>>,
    ) -> PyResult<Rc<Class>> {
        let mut base_classes = Vec::new();
        for b in &bases {
            match b {
                Value::Class(c) => {
                    if Rc::ptr_eq(c, &self.types.bool) {
                        return Err(self.type_error("type 'bool' is not an acceptable base type"));
                    }
                    // `type` may be subclassed: its subclasses are metaclasses, whose
                    // instances `type.__new__` makes.
                    if c.layout == Layout::Native
                        && !Rc::ptr_eq(c, &self.types.object)
                        && !Rc::ptr_eq(c, &self.types.type_)
                        && !c.subclassable.get()
                        && !self.is_extensible_builtin(c)
                    {
                        return Err(self.type_error(format!(
                            "subclassing the built-in type '{}' is not supported by apy",
                            c.name
                        )));
                    }
                    base_classes.push(c.clone());
                }
                other => {
                    return Err(self.type_error(format!(
                        "bases must be types, not {}",
                        self.type_name(other)
                    )))
                }
            }
        }
        for (i, b) in base_classes.iter().enumerate() {
            if base_classes[..i].iter().any(|p| Rc::ptr_eq(p, b)) {
                return Err(self.type_error(format!("duplicate base class {}", b.name)));
            }
        }
        if base_classes.is_empty() {
            base_classes.push(self.types.object.clone());
        }
        let Some(mro) = c3_linearize(&base_classes) else {
            let names: Vec<&str> = base_classes.iter().map(|b| b.name.as_str()).collect();
            return Err(self.type_error(format!(
                "Cannot create a consistent method resolution order (MRO) for bases {}",
                names.join(", ")
            )));
        };
        let layout = if base_classes.iter().any(|b| b.layout == Layout::Exception) {
            Layout::Exception
        } else if base_classes
            .iter()
            .any(|b| b.layout == Layout::Native && b.subclassable.get())
        {
            Layout::Native
        } else {
            Layout::Object
        };
        let mut dict: Dict = ns.table.borrow().clone();
        let qualname = dict.remove_str(
            "__qualname__",
            crate::object::hash::hash_str("__qualname__"),
        );
        dict.remove_str(
            "__classcell__",
            crate::object::hash::hash_str("__classcell__"),
        );
        let h = crate::object::hash::hash_str;
        if dict.get_str("__eq__", h("__eq__")).is_some()
            && dict.get_str("__hash__", h("__hash__")).is_none()
        {
            let key = self.intern("__hash__");
            dict.set_str(key, Value::None);
        }
        // `__init_subclass__` and `__class_getitem__` are implicit classmethods.
        for implicit in ["__init_subclass__", "__class_getitem__"] {
            if let Some(f @ Value::Function(_)) = dict.get_str(implicit, h(implicit)).cloned() {
                let key = self.intern(implicit);
                let cm = Object::new(self.types.classmethod.clone(), Payload::ClassMethod(f));
                dict.set_str(key, Value::Object(cm));
            }
        }
        // `__new__` is an implicit staticmethod.
        if let Some(f @ Value::Function(_)) = dict.get_str("__new__", h("__new__")).cloned() {
            let key = self.intern("__new__");
            let sm = Object::new(self.types.staticmethod.clone(), Payload::StaticMethod(f));
            dict.set_str(key, Value::Object(sm));
        }
        let slots = self.plan_slots(name, &base_classes, layout, &dict)?;
        let class = Class::new(name, base_classes, mro, dict, layout, false);
        if let Some(plan) = slots {
            self.install_slots(&class, plan);
        }
        if let Some(Value::Str(q)) = qualname {
            *class.qualname.borrow_mut() = q.as_str().to_string();
        }
        *class.metaclass.borrow_mut() = metaclass.filter(|m| !Rc::ptr_eq(m, &self.types.type_));
        invalidate_caches();
        self.after_class_created(&class, class_kw)?;
        Ok(class)
    }

    /// `__set_name__` on descriptors and the parent's `__init_subclass__`, which gets the
    /// class keywords (`class C(Base, tag=1)`).
    fn after_class_created(
        &mut self,
        class: &Rc<Class>,
        class_kw: &[(Value, Value)],
    ) -> PyResult<()> {
        let items: Vec<(Value, Value)> = class
            .dict
            .borrow()
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        for (k, v) in items {
            if let Value::Object(o) = &v {
                if let Some(m) = o.class.lookup_str(&self.names.set_name.clone()) {
                    self.call(&m, &[v.clone(), Value::Class(class.clone()), k])?;
                }
            }
        }
        let mro = class.mro.borrow().clone();
        let hook = match mro.first() {
            Some(parent) => match parent.lookup_str(&self.names.init_subclass.clone()) {
                Some(Value::Object(o)) => match &o.payload {
                    Payload::ClassMethod(f) => Some(f.clone()),
                    _ => None,
                },
                _ => None,
            },
            None => None,
        };
        if let Some(f) = hook {
            self.call_with_keywords(&f, vec![Value::Class(class.clone())], class_kw)?;
        }
        Ok(())
    }

    /// `__build_class__(func, name, *bases, **kwds)`: runs the class body, then creates
    /// the class and fills its `__class__` cell.
    pub fn build_class(&mut self, args: Args) -> PyResult {
        let pos = args.pos();
        if pos.len() < 2 {
            return Err(self.type_error("__build_class__: not enough arguments"));
        }
        let Value::Function(body) = &pos[0] else {
            return Err(self.type_error("__build_class__: func must be a function"));
        };
        let Value::Str(name) = &pos[1] else {
            return Err(self.type_error("__build_class__: name is not a string"));
        };
        let mut bases = pos[2..].to_vec();
        // Class keywords other than `metaclass` go to the metaclass and on to the parent's
        // `__init_subclass__`.
        let mut class_kw: Vec<(Value, Value)> = Vec::new();
        let mut explicit_meta: Option<Value> = None;
        for (k, v) in args.kw() {
            if k == "metaclass" {
                explicit_meta = Some(v.clone());
            } else {
                class_kw.push((Value::str(k), v.clone()));
            }
        }
        // PEP 560: objects in the bases may provide __mro_entries__.
        let mut resolved = Vec::with_capacity(bases.len());
        for b in bases.drain(..) {
            if matches!(b, Value::Class(_)) {
                resolved.push(b);
                continue;
            }
            let entries = self
                .class_of(&b)
                .lookup_str(&self.names.mro_entries.clone());
            match entries {
                Some(m) => {
                    let orig = Value::tuple(resolved.clone());
                    let r = self.call(&m, &[b, orig])?;
                    resolved.extend(self.collect_iterable(&r)?);
                }
                None => resolved.push(b),
            }
        }
        let meta = self.select_metaclass(explicit_meta, &resolved)?;
        let custom = match &meta {
            Value::Class(m) => !Rc::ptr_eq(m, &self.types.type_),
            _ => true,
        };
        let (ns, mapping) = if custom {
            self.prepare_namespace(&meta, name, &resolved, &class_kw)?
        } else {
            (DictObj::new(Dict::new()), None)
        };
        let mut frame = self.frame_for_call(body, Args::positional(&[]))?;
        frame.namespace = Some(ns.clone());
        frame.mapping = mapping.clone();
        let cell = self.run_frame(frame)?;
        let class = if custom {
            // `metaclass(name, bases, namespace, **kwds)`.
            let positional = vec![
                Value::Str(name.clone()),
                Value::tuple(resolved),
                mapping.unwrap_or(Value::Dict(ns)),
            ];
            let made = self.call_with_keywords(&meta, positional, &class_kw)?;
            match made {
                Value::Class(c) => c,
                other => return Ok(other),
            }
        } else {
            self.create_class(name.as_str(), resolved, &ns, &class_kw, None)?
        };
        if let Value::Cell(c) = cell {
            *c.value.borrow_mut() = Value::Class(class.clone());
        }
        Ok(Value::Class(class))
    }

    /// The metaclass of a class statement: the one given, else the most derived of the
    /// bases' types (CPython's `_PyType_CalculateMetaclass`), or a metaclass conflict.
    fn select_metaclass(&mut self, explicit: Option<Value>, bases: &[Value]) -> PyResult<Value> {
        let given = match explicit {
            Some(Value::Class(c)) => c,
            // A function used as a metaclass is called as it is.
            Some(other) => return Ok(other),
            None => self.types.type_.clone(),
        };
        let mut winner = given;
        for base in bases {
            let base_meta = self.class_of(base);
            if winner.is_subclass(&base_meta) {
                continue;
            }
            if base_meta.is_subclass(&winner) {
                winner = base_meta;
                continue;
            }
            return Err(self.type_error(
                "metaclass conflict: the metaclass of a derived class must be a (non-strict) \
                 subclass of the metaclasses of all its bases",
            ));
        }
        Ok(Value::Class(winner))
    }

    /// `metaclass.__prepare__(name, bases, **kwds)`, or a new dict when it has none:
    /// the dict the class body's names go to, and the mapping object itself when it is
    /// not a plain dict (then the body stores through its `__setitem__`).
    fn prepare_namespace(
        &mut self,
        meta: &Value,
        name: &Rc<crate::object::PyStr>,
        bases: &[Value],
        class_kw: &[(Value, Value)],
    ) -> PyResult<(Rc<DictObj>, Option<Value>)> {
        let key = self.intern("__prepare__");
        let Some(prepare) = self.get_attr_opt(meta, &key)? else {
            return Ok((DictObj::new(Dict::new()), None));
        };
        let positional = vec![Value::Str(name.clone()), Value::tuple(bases.to_vec())];
        let ns = self.call_with_keywords(&prepare, positional, class_kw)?;
        match ns {
            Value::Dict(d) => Ok((d, None)),
            // A dict subclass keeps its entries in its dict: reads see them directly.
            Value::Object(ref o) => match &o.payload {
                Payload::Builtin(Value::Dict(d)) => Ok((d.clone(), Some(ns.clone()))),
                _ => Ok((DictObj::new(Dict::new()), Some(ns.clone()))),
            },
            other => {
                let meta_name = match meta {
                    Value::Class(c) => c.name.clone(),
                    _ => self.type_name(meta).to_string(),
                };
                Err(self.type_error(format!(
                    "{meta_name}.__prepare__() must return a mapping, not {}",
                    self.type_name(&other)
                )))
            }
        }
    }
}
