//! `object` and `type`: the methods every class inherits.

use super::add_value;
use crate::native::{add_classmethod, add_methods, add_static, method_args, receiver, Sig};
use crate::object::function::Args;
use crate::object::{Payload, PyBool, PyStr, Value};
use crate::vm::{PyResult, Vm};
use std::rc::Rc;

pub fn register(vm: &mut Vm) {
    let object = vm.types.object.clone();
    add_static(vm, &object, "__new__", object_new);
    add_methods(
        vm,
        &object,
        &[
            ("__init__", object_init),
            ("__repr__", object_repr),
            ("__str__", object_str),
            ("__eq__", object_eq),
            ("__ne__", object_ne),
            ("__hash__", object_hash),
            ("__setattr__", object_setattr),
            ("__getattribute__", object_getattribute),
            ("__delattr__", object_delattr),
            ("__format__", object_format),
            ("__dir__", object_dir),
        ],
    );
    add_classmethod(vm, &object, "__init_subclass__", object_init_subclass);

    let type_ = vm.types.type_.clone();
    add_methods(
        vm,
        &type_,
        &[
            ("mro", type_mro),
            ("__subclasses__", type_subclasses),
            ("__init__", type_init),
            ("__call__", type_call),
        ],
    );
    crate::native::add_static(vm, &type_, "__new__", type_new);
    add_value(vm, "object", Value::Class(object));
    add_value(vm, "type", Value::Class(type_));
}

fn object_new(vm: &mut Vm, args: Args) -> PyResult {
    let Some(Value::Class(cls)) = args.pos().first() else {
        return Err(vm.type_error("object.__new__(X): X is not a type object"));
    };
    let cls = cls.clone();
    Ok(match cls.layout {
        crate::object::class::Layout::Exception => {
            Value::Object(vm.new_exception(&cls, args.pos()[1..].to_vec()))
        }
        crate::object::class::Layout::Object => Value::Object(vm.new_plain_instance(&cls)),
        crate::object::class::Layout::Native => {
            return Err(vm.type_error(format!(
                "object.__new__({}) is not safe, use {}.__new__()",
                cls.name, cls.name
            )))
        }
    })
}

fn object_init(_vm: &mut Vm, _args: Args) -> PyResult {
    Ok(Value::None)
}

/// `object.__init_subclass__(cls)`: nothing to do, and no keywords taken (the error
/// names the class being created, as CPython's does).
fn object_init_subclass(vm: &mut Vm, args: Args) -> PyResult {
    if !args.kwnames.is_empty() || args.values.len() > 1 {
        let name = match args.values.first() {
            Some(Value::Class(c)) => c.name.clone(),
            _ => "object".to_string(),
        };
        return Err(vm.type_error(format!(
            "{name}.__init_subclass__() takes no keyword arguments"
        )));
    }
    Ok(Value::None)
}

fn self_arg(args: &Args) -> Value {
    args.values.first().cloned().unwrap_or(Value::None)
}

fn object_repr(vm: &mut Vm, args: Args) -> PyResult {
    let v = self_arg(&args);
    let class = vm.class_of(&v);
    let module = vm.class_module(&class);
    let q = class.qualname.borrow().clone();
    let addr = v.heap_addr().unwrap_or(0);
    Ok(Value::str(if module == "builtins" {
        format!("<{q} object at {addr:#x}>")
    } else {
        format!("<{module}.{q} object at {addr:#x}>")
    }))
}

fn object_str(vm: &mut Vm, args: Args) -> PyResult {
    let v = self_arg(&args);
    Ok(Value::str(vm.repr(&v)?))
}

fn object_eq(vm: &mut Vm, args: Args) -> PyResult {
    receiver(vm, ("object", "__eq__"), Sig::Wrapper(1), &args, Some)?;
    Ok(if args.values[0].is(&args.values[1]) {
        Value::Bool(PyBool::TRUE)
    } else {
        Value::NotImplemented
    })
}

fn object_ne(vm: &mut Vm, args: Args) -> PyResult {
    receiver(vm, ("object", "__ne__"), Sig::Wrapper(1), &args, Some)?;
    let r = vm.rich_compare(
        &args.values[0],
        &args.values[1],
        crate::bytecode::Compare::Eq,
    )?;
    Ok(match r {
        Value::NotImplemented => Value::NotImplemented,
        other => Value::bool(!vm.is_true(&other)?),
    })
}

fn object_hash(_vm: &mut Vm, args: Args) -> PyResult {
    let v = self_arg(&args);
    Ok(Value::Int(crate::object::hash::hash_addr(
        v.heap_addr().unwrap_or(0),
    )))
}

fn name_arg(vm: &Vm, args: &Args, i: usize) -> PyResult<Rc<PyStr>> {
    match args.values.get(i) {
        Some(Value::Str(s)) => Ok(s.clone()),
        Some(other) => Err(vm.type_error(format!(
            "attribute name must be string, not '{}'",
            vm.type_name(other)
        ))),
        None => Err(vm.type_error("expected attribute name")),
    }
}

fn object_setattr(vm: &mut Vm, args: Args) -> PyResult {
    receiver(
        vm,
        ("object", "__setattr__"),
        Sig::WrapperRange(2, 2),
        &args,
        Some,
    )?;
    let obj = args.values[0].clone();
    let name = name_arg(vm, &args, 1)?;
    let value = args.values[2].clone();
    match &obj {
        Value::Object(o) => {
            let o = o.clone();
            vm.object_setattr(&obj, &o, &name, value)?;
        }
        // `super().__setattr__` in a metaclass: the class itself, past the hook.
        Value::Class(c) => {
            let c = c.clone();
            vm.class_setattr(&c, &name, value)?;
        }
        _ => vm.set_attr(&obj, &name, value)?,
    }
    Ok(Value::None)
}

fn object_getattribute(vm: &mut Vm, args: Args) -> PyResult {
    receiver(
        vm,
        ("object", "__getattribute__"),
        Sig::Wrapper(1),
        &args,
        Some,
    )?;
    let obj = args.values[0].clone();
    let name = name_arg(vm, &args, 1)?;
    if let Value::Object(o) = &obj {
        let class = o.class.clone();
        let descr = class.lookup_str(&name);
        if let Some(v) = o.dict_get(&name) {
            if !descr.as_ref().is_some_and(
                |d| matches!(d, Value::Object(x) if matches!(x.payload, Payload::Property(_))),
            ) {
                return Ok(v);
            }
        }
        if let Some(d) = descr {
            return vm.descr_get(d, &obj, &class);
        }
        return Err(vm.no_attribute(&obj, name.as_str()));
    }
    vm.get_attr(&obj, &name)
}

fn object_delattr(vm: &mut Vm, args: Args) -> PyResult {
    receiver(vm, ("object", "__delattr__"), Sig::Wrapper(1), &args, Some)?;
    let obj = args.values[0].clone();
    let name = name_arg(vm, &args, 1)?;
    match &obj {
        Value::Object(o) => {
            let o = o.clone();
            vm.object_delattr(&obj, &o, &name)?;
        }
        Value::Class(c) if !c.is_builtin => {
            let c = c.clone();
            vm.class_delattr(&c, &name)?;
        }
        _ => vm.del_attr(&obj, &name)?,
    }
    Ok(Value::None)
}

fn object_format(vm: &mut Vm, args: Args) -> PyResult {
    method_args(vm, "object.__format__", Sig::One, &args)?;
    let spec = match &args.values[1] {
        Value::Str(s) => s.as_str().to_string(),
        other => {
            return Err(vm.type_error(format!(
                "__format__() argument must be str, not {}",
                vm.type_name(other)
            )))
        }
    };
    if !spec.is_empty() {
        return Err(vm.type_error(format!(
            "unsupported format string passed to {}.__format__",
            vm.type_name(&args.values[0])
        )));
    }
    let v = args.values[0].clone();
    Ok(Value::str(vm.str(&v)?))
}

fn object_dir(vm: &mut Vm, args: Args) -> PyResult {
    let v = self_arg(&args);
    let names = crate::builtins::core_fns::dir_names(vm, &v)?;
    Ok(Value::list(names))
}

fn type_mro(_vm: &mut Vm, args: Args) -> PyResult {
    match args.values.first() {
        Some(Value::Class(c)) => Ok(Value::list(
            c.mro_with_self().into_iter().map(Value::Class).collect(),
        )),
        _ => Ok(Value::list(vec![])),
    }
}

fn type_subclasses(_vm: &mut Vm, _args: Args) -> PyResult {
    Ok(Value::list(vec![]))
}

/// `type.__new__(metaclass, name, bases, namespace, **kwds)`: a new class whose type is
/// `metaclass` (what a metaclass's `super().__new__(...)` reaches); the keywords go to
/// the parent's `__init_subclass__`.
fn type_new(vm: &mut Vm, args: Args) -> PyResult {
    let pos = args.pos();
    let Some(Value::Class(meta)) = pos.first() else {
        return Err(vm.type_error("type.__new__(X): X is not a type object"));
    };
    let meta = meta.clone();
    let class_kw: Vec<(Value, Value)> =
        args.kw().map(|(k, v)| (Value::str(k), v.clone())).collect();
    vm.class_from_type_args(&pos[1..], &class_kw, Some(meta))
}

/// `type.__init__(cls, ...)`: the class is complete already.
fn type_init(_vm: &mut Vm, _args: Args) -> PyResult {
    Ok(Value::None)
}

/// `type.__call__(cls, *args, **kwds)`: making an instance, without the metaclass's own
/// `__call__` (what a metaclass's `super().__call__(...)` reaches).
fn type_call(vm: &mut Vm, args: Args) -> PyResult {
    let Some(Value::Class(cls)) = args.values.first() else {
        return Err(vm.type_error("descriptor '__call__' requires a 'type' object"));
    };
    let cls = cls.clone();
    let rest = Args {
        values: &args.values[1..],
        kwnames: args.kwnames,
    };
    vm.instantiate(&cls, rest)
}
