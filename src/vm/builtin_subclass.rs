//! Instances of subclasses of built-in types (`class Stack(list)`, `class Name(str)`):
//! an `Object` whose `Payload::Builtin` holds a value of the built-in type beside its
//! `__dict__`. The built-in type's natives work on that value: where the VM calls a
//! native ([`Vm::call_native_on_subclass`]), where an operator or comparison meets one
//! ([`Vm::builtin_operand`]), and where a built-in constructor converts one. A class that
//! defines a behaviour in Python keeps it ([`Class::python_method`]).
//!
//! [`Class::python_method`]: crate::object::Class::python_method

use super::{PyResult, Vm};
use crate::object::function::{Args, NativeFunction};
use crate::object::{Class, Object, Payload, Value};
use std::rc::Rc;

impl Vm {
    /// A built-in type's native meeting an instance of a subclass of it
    /// (`Payload::Builtin`): `__new__` with the subclass makes such an instance around a
    /// new built-in value; a method called on one works on the value it holds, and a
    /// method handing that value back (`__iadd__`) hands back the instance. None when
    /// the call involves no such instance.
    pub(super) fn call_native_on_subclass(
        &mut self,
        nf: &NativeFunction,
        args: &Args,
    ) -> PyResult<Option<Value>> {
        // The common call meets neither case: one look at the first argument decides.
        let inner = match args.values.first() {
            Some(Value::Object(o)) if nf.is_method => match &o.payload {
                Payload::Builtin(inner) if !matches!(nf.owner, "object" | "type") => inner,
                _ => return Ok(None),
            },
            Some(Value::Class(cls)) if !nf.is_method && nf.name == "__new__" => {
                return self.new_builtin_extension(nf, cls.clone(), args);
            }
            _ => return Ok(None),
        };
        let outer = args.values[0].clone();
        let inner = inner.clone();
        let mut values = args.values.to_vec();
        values[0] = inner.clone();
        let result = (nf.func)(
            self,
            Args {
                values: &values,
                kwnames: args.kwnames,
            },
        )?;
        let same = match (&result, &inner) {
            (Value::List(a), Value::List(b)) => Rc::ptr_eq(a, b),
            (Value::Dict(a), Value::Dict(b)) => Rc::ptr_eq(a, b),
            (Value::Set(a), Value::Set(b)) => Rc::ptr_eq(a, b),
            _ => false,
        };
        Ok(Some(if same { outer } else { result }))
    }

    /// A built-in type's `__new__` called with `cls`: a subclass's instance around a new
    /// value, or the built-in type converting a subclass's instance.
    fn new_builtin_extension(
        &mut self,
        nf: &NativeFunction,
        cls: Rc<Class>,
        args: &Args,
    ) -> PyResult<Option<Value>> {
        if cls.is_builtin {
            return self.convert_builtin_extension(nf, args);
        }
        let Some(base) = self.extended_builtin(&cls) else {
            return Ok(None);
        };
        if base.name != nf.owner {
            return Ok(None);
        }
        // A mutable value starts empty, for `__init__` to fill (as list.__new__ does); an
        // immutable one is made from the arguments.
        let mutable = [&self.types.list, &self.types.dict, &self.types.set]
            .iter()
            .any(|t| Rc::ptr_eq(t, &base));
        let inner = if mutable {
            (nf.func)(self, Args::positional(&args.values[..1]))?
        } else {
            (nf.func)(self, *args)?
        };
        let object = Object::with_dict(cls, Payload::Builtin(inner));
        Ok(Some(Value::Object(object)))
    }

    /// A built-in type's constructor given an instance of a subclass of a built-in type
    /// (`int(money)`, `str(name)`, `list(stack)`): it converts the value the instance
    /// holds, unless the instance's class defines in Python a method the conversion would
    /// call (`__int__`, `__str__`, `__iter__`...).
    fn convert_builtin_extension(
        &mut self,
        nf: &NativeFunction,
        args: &Args,
    ) -> PyResult<Option<Value>> {
        let Some(Value::Object(o)) = args.values.get(1) else {
            return Ok(None);
        };
        let Payload::Builtin(inner) = &o.payload else {
            return Ok(None);
        };
        // Only str has a str() of its own; for the rest str() shows the repr, which the
        // subclass may override (CPython 3.11's int and float have no `__str__`).
        let own_str = matches!(inner, Value::Str(_));
        let hooks: &[&str] = match nf.owner {
            "int" => &["__int__", "__index__", "__trunc__"],
            "float" => &["__float__", "__index__"],
            "str" if own_str => &["__str__"],
            "str" => &["__str__", "__repr__"],
            "bytes" => &["__bytes__", "__iter__"],
            "dict" => &["keys", "__iter__", "__getitem__"],
            "list" | "tuple" | "set" | "frozenset" => &["__iter__"],
            _ => return Ok(None),
        };
        if hooks.iter().any(|h| o.class.python_method(h).is_some()) {
            return Ok(None);
        }
        let mut values = args.values.to_vec();
        values[1] = inner.clone();
        let made = (nf.func)(
            self,
            Args {
                values: &values,
                kwnames: args.kwnames,
            },
        )?;
        Ok(Some(made))
    }

    /// The built-in value an instance of a built-in type's subclass holds, when its
    /// class leaves `method` to the built-in type.
    pub(crate) fn builtin_operand(&self, v: &Value, method: &str) -> Option<Value> {
        let Value::Object(o) = v else { return None };
        let Payload::Builtin(inner) = &o.payload else {
            return None;
        };
        match o.class.python_method(method) {
            Some(_) => None,
            None => Some(inner.clone()),
        }
    }

    /// The built-in types a class may extend: its instances then hold a value of the
    /// type (`Payload::Builtin`) that the type's methods work on.
    pub fn is_extensible_builtin(&self, c: &Rc<Class>) -> bool {
        let t = &self.types;
        [
            &t.list,
            &t.dict,
            &t.set,
            &t.frozenset,
            &t.str,
            &t.int,
            &t.float,
            &t.tuple,
            &t.bytes,
        ]
        .iter()
        .any(|b| Rc::ptr_eq(b, c))
    }

    /// The built-in type `cls` extends, if it extends one.
    pub fn extended_builtin(&self, cls: &Rc<Class>) -> Option<Rc<Class>> {
        if cls.is_builtin {
            return None;
        }
        cls.mro
            .borrow()
            .iter()
            .find(|b| self.is_extensible_builtin(b))
            .cloned()
    }
}
