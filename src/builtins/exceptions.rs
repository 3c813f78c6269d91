//! The exception classes in builtins, and the methods of `BaseException` and
//! `BaseExceptionGroup`.

use super::add_value;
use crate::native::{add_methods, add_static, method_args, ArgCheck, Sig};
use crate::object::function::Args;
use crate::object::{Tuple, Value};
use crate::vm::{PyResult, Vm};

pub fn register(vm: &mut Vm) {
    let all = vm.exc.all.clone();
    for (name, class) in &all {
        add_value(vm, name, Value::Class(class.clone()));
    }
    let os_error = vm.exc.os_error.clone();
    add_value(vm, "EnvironmentError", Value::Class(os_error.clone()));
    add_value(vm, "IOError", Value::Class(os_error));
    let base = vm.exc.base_exception.clone();
    add_static(vm, &base, "__new__", base_exception_new);
    add_methods(
        vm,
        &base,
        &[
            ("__init__", base_exception_init),
            ("__str__", base_exception_str),
            ("__repr__", base_exception_repr),
            ("with_traceback", with_traceback),
            ("add_note", add_note),
        ],
    );
    let syntax = vm.exc.syntax_error.clone();
    add_methods(vm, &syntax, &[("__str__", syntax_error_str)]);
    let import = vm.exc.import_error.clone();
    add_methods(vm, &import, &[("__init__", import_error_init)]);
    let attribute = vm.exc.attribute_error.clone();
    add_methods(vm, &attribute, &[("__init__", attribute_error_init)]);
    let name = vm.exc.name_error.clone();
    add_methods(vm, &name, &[("__init__", name_error_init)]);
    let os_error = vm.exc.os_error.clone();
    add_static(vm, &os_error, "__new__", os_error_new);
    add_methods(
        vm,
        &os_error,
        &[("__init__", os_error_init), ("__str__", os_error_str)],
    );
    let group = vm.exc.base_exception_group.clone();
    add_static(vm, &group, "__new__", group_new);
    add_methods(
        vm,
        &group,
        &[
            ("__init__", group_init),
            ("split", group_split),
            ("subgroup", group_subgroup),
            ("derive", group_derive),
            ("__str__", group_str),
        ],
    );
}

fn base_exception_new(vm: &mut Vm, args: Args) -> PyResult {
    let Some(Value::Class(cls)) = args.pos().first() else {
        return Err(vm.type_error("BaseException.__new__(X): X is not a type object"));
    };
    let cls = cls.clone();
    Ok(Value::Object(
        vm.new_exception(&cls, args.pos()[1..].to_vec()),
    ))
}

fn base_exception_init(vm: &mut Vm, args: Args) -> PyResult {
    if args.has_kw() {
        let name = vm.type_name(&args.values[0]);
        crate::native::no_kwargs(vm, name.as_str(), &args)?;
    }
    if let Value::Object(o) = &args.values[0] {
        if let Some(d) = o.exc_data() {
            d.borrow_mut().args = Tuple::new(args.pos()[1..].to_vec());
        }
    }
    Ok(Value::None)
}

/// `ImportError(*args, name=None, path=None)`: the module's name and file travel as
/// keyword arguments, kept as attributes.
fn import_error_init(vm: &mut Vm, args: Args) -> PyResult {
    keyword_attrs_init(vm, &args, &["name", "path"])
}

/// `AttributeError(*args, name=None, obj=None)`: what was looked up, and on what (the
/// "Did you mean" suggestions read them).
fn attribute_error_init(vm: &mut Vm, args: Args) -> PyResult {
    keyword_attrs_init(vm, &args, &["name", "obj"])
}

/// `NameError(*args, name=None)`.
fn name_error_init(vm: &mut Vm, args: Args) -> PyResult {
    keyword_attrs_init(vm, &args, &["name"])
}

/// An exception `__init__` whose keyword arguments (only those in `allowed`) become
/// attributes, the positional ones `args`.
fn keyword_attrs_init(vm: &mut Vm, args: &Args, allowed: &[&str]) -> PyResult {
    let this = args.values.first().cloned().unwrap_or(Value::None);
    let Value::Object(o) = &this else {
        return Ok(Value::None);
    };
    for (key, value) in args.kw() {
        if !allowed.contains(&key) {
            let cls = vm.type_name(&this);
            return Err(vm.type_error(format!(
                "'{key}' is an invalid keyword argument for {cls}()"
            )));
        }
        let k = vm.intern(key);
        o.dict_set(k, value.clone());
    }
    if let Some(d) = o.exc_data() {
        d.borrow_mut().args = Tuple::new(args.pos()[1..].to_vec());
    }
    Ok(Value::None)
}

/// `OSError(errno, strerror[, filename[, winerror[, filename2]]])`: called on OSError
/// itself, the errno picks the subclass (`OSError(2, ...)` is a FileNotFoundError).
fn os_error_new(vm: &mut Vm, args: Args) -> PyResult {
    let Some(Value::Class(cls)) = args.pos().first() else {
        return Err(vm.type_error("OSError.__new__(X): X is not a type object"));
    };
    let rest = &args.pos()[1..];
    let mut cls = cls.clone();
    if !(2..=5).contains(&rest.len()) {
        return Ok(Value::Object(vm.new_exception(&cls, rest.to_vec())));
    }
    if std::rc::Rc::ptr_eq(&cls, &vm.exc.os_error) {
        if let Value::Int(n) = rest[0] {
            cls = vm.os_error_class_for(n);
        }
    }
    let filename = rest.get(2).cloned();
    let filename2 = rest.get(4).cloned();
    let exc = vm.new_os_error(&cls, rest[0].clone(), rest[1].clone(), filename, filename2);
    Ok(Value::Object(exc))
}

/// The fields were set by `__new__`; a subclass's `__init__` chaining here changes nothing.
fn os_error_init(_vm: &mut Vm, _args: Args) -> PyResult {
    Ok(Value::None)
}

/// `[Errno 2] No such file or directory: 'x'` (and `-> 'y'` for a second filename), or
/// `[Errno 2] text` without one, or the plain exception text.
fn os_error_str(vm: &mut Vm, args: Args) -> PyResult {
    let Some(Value::Object(o)) = args.values.first() else {
        return Ok(Value::str(""));
    };
    let field = |name: &str| {
        o.dict_get(&crate::object::PyStr::new(name.to_string()))
            .unwrap_or(Value::None)
    };
    let (errno, strerror) = (field("errno"), field("strerror"));
    let (filename, filename2) = (field("filename"), field("filename2"));
    if !filename.is_none() {
        let e = vm.str(&errno)?;
        let s = vm.str(&strerror)?;
        let f = vm.repr(&filename)?;
        if !filename2.is_none() {
            let f2 = vm.repr(&filename2)?;
            return Ok(Value::str(format!("[Errno {e}] {s}: {f} -> {f2}")));
        }
        return Ok(Value::str(format!("[Errno {e}] {s}: {f}")));
    }
    if !errno.is_none() && !strerror.is_none() {
        let e = vm.str(&errno)?;
        let s = vm.str(&strerror)?;
        return Ok(Value::str(format!("[Errno {e}] {s}")));
    }
    base_exception_str(vm, args)
}

fn base_exception_str(vm: &mut Vm, args: Args) -> PyResult {
    let Some(Value::Object(o)) = args.values.first() else {
        return Ok(Value::str(""));
    };
    let a = vm.exc_args(o);
    Ok(Value::str(match a.items.len() {
        0 => String::new(),
        1 => {
            let first = a.items[0].clone();
            vm.str(&first)?
        }
        _ => vm.repr(&Value::Tuple(a))?,
    }))
}

/// `str(SyntaxError)`: the message, then where (the file's base name and the line) when
/// the details say, as CPython's `SyntaxError_str`.
fn syntax_error_str(vm: &mut Vm, args: Args) -> PyResult {
    let Some(this) = args.values.first() else {
        return Ok(Value::str(""));
    };
    let field = |vm: &mut Vm, name: &str| -> PyResult<Value> {
        let name = vm.intern(name);
        Ok(vm.get_attr_opt(this, &name)?.unwrap_or(Value::None))
    };
    let msg = field(vm, "msg")?;
    let msg = vm.str(&msg)?;
    let filename = match field(vm, "filename")? {
        Value::Str(s) => Some(s.as_str().rsplit('/').next().unwrap_or("").to_string()),
        _ => None,
    };
    let lineno = match field(vm, "lineno")? {
        Value::Int(n) => Some(n),
        _ => None,
    };
    Ok(Value::str(match (filename, lineno) {
        (Some(f), Some(n)) => format!("{msg} ({f}, line {n})"),
        (Some(f), None) => format!("{msg} ({f})"),
        (None, Some(n)) => format!("{msg} (line {n})"),
        (None, None) => msg,
    }))
}

fn base_exception_repr(vm: &mut Vm, args: Args) -> PyResult {
    let Some(Value::Object(o)) = args.values.first() else {
        return Ok(Value::str(""));
    };
    let a = vm.exc_args(o);
    let inner = if a.items.len() == 1 {
        let first = a.items[0].clone();
        vm.repr(&first)?
    } else {
        let t = vm.repr(&Value::Tuple(a))?;
        t[1..t.len() - 1].to_string()
    };
    Ok(Value::str(format!("{}({inner})", o.class.name)))
}

fn with_traceback(vm: &mut Vm, args: Args) -> PyResult {
    method_args(vm, "BaseException.with_traceback", Sig::One, &args)?;
    if let (Value::Object(o), Value::None) = (&args.values[0], &args.values[1]) {
        if let Some(d) = o.exc_data() {
            d.borrow_mut().traceback.clear();
        }
    }
    Ok(args.values[0].clone())
}

fn add_note(vm: &mut Vm, args: Args) -> PyResult {
    method_args(vm, "BaseException.add_note", Sig::One, &args)?;
    let note = args.values[1].clone();
    if !matches!(note, Value::Str(_)) {
        return Err(vm.type_error(format!("note must be a str, not '{}'", vm.type_name(&note))));
    }
    let obj = args.values[0].clone();
    let key = vm.intern("__notes__");
    let notes = match vm.get_attr_opt(&obj, &key)? {
        Some(Value::List(l)) => l,
        _ => {
            let l = crate::object::List::new(vec![]);
            vm.set_attr(&obj, &key, Value::List(l.clone()))?;
            l
        }
    };
    notes.items.borrow_mut().push(note);
    Ok(Value::None)
}

/// `BaseExceptionGroup(message, exceptions)`, with CPython's validation and its rule that
/// a group of only `Exception`s is an `ExceptionGroup`.
fn group_new(vm: &mut Vm, args: Args) -> PyResult {
    let pos = args.pos();
    let Some(Value::Class(cls)) = pos.first() else {
        return Err(vm.type_error("BaseExceptionGroup.__new__(X): X is not a type object"));
    };
    let mut cls = cls.clone();
    if pos.len() != 3 {
        return Err(vm.type_error(format!(
            "BaseExceptionGroup.__new__() takes exactly 2 arguments ({} given)",
            pos.len() - 1
        )));
    }
    let msg = pos[1].clone();
    if !matches!(msg, Value::Str(_)) {
        return Err(vm.type_error(format!(
            "argument 1 must be str, not {}",
            vm.type_name(&msg)
        )));
    }
    let excs = match &pos[2] {
        Value::List(_) | Value::Tuple(_) => vm.collect_iterable(&pos[2])?,
        _ => return Err(vm.type_error("second argument (exceptions) must be a sequence")),
    };
    if excs.is_empty() {
        return Err(vm.value_error("second argument (exceptions) must be a non-empty sequence"));
    }
    let mut all_exceptions = true;
    for (i, e) in excs.iter().enumerate() {
        match e {
            Value::Object(o) if o.exc_data().is_some() => {
                if !o.class.is_subclass(&vm.exc.exception) {
                    all_exceptions = false;
                }
            }
            _ => {
                return Err(vm.value_error(format!(
                    "Item {i} of second argument (exceptions) is not an exception"
                )))
            }
        }
    }
    if std::rc::Rc::ptr_eq(&cls, &vm.exc.base_exception_group) {
        if all_exceptions {
            cls = vm.exc.exception_group.clone();
        }
    } else if cls.is_subclass(&vm.exc.exception) && !all_exceptions {
        return Err(vm.type_error("Cannot nest BaseExceptions in an ExceptionGroup"));
    }
    // `args` keeps the sequence as given (a list stays a list, as in CPython).
    let _ = excs;
    Ok(Value::Object(
        vm.new_exception(&cls, vec![msg, pos[2].clone()]),
    ))
}

fn group_init(_vm: &mut Vm, _args: Args) -> PyResult {
    Ok(Value::None)
}

fn group_str(vm: &mut Vm, args: Args) -> PyResult {
    let Some(Value::Object(o)) = args.values.first() else {
        return Ok(Value::str(""));
    };
    let msg = match vm.exc_args(o).items.first() {
        Some(Value::Str(s)) => s.as_str().to_string(),
        _ => String::new(),
    };
    let n = vm.group_exceptions(o).len();
    Ok(Value::str(format!(
        "{msg} ({n} sub-exception{})",
        if n == 1 { "" } else { "s" }
    )))
}

fn split_or_subgroup(vm: &mut Vm, args: Args, want_rest: bool) -> PyResult {
    method_args(vm, "split", Sig::Range(1, 1), &args)?;
    let eg = args.values[0].clone();
    let cond = args.values[1].clone();
    let (rest, matched) = match &cond {
        Value::Class(_) | Value::Tuple(_) => vm.exception_group_match(eg, &cond)?,
        _ => {
            return Err(
                vm.type_error("expected a function, exception type or tuple of exception types")
            )
        }
    };
    if want_rest {
        Ok(Value::tuple(vec![matched, rest]))
    } else {
        Ok(matched)
    }
}

fn group_split(vm: &mut Vm, args: Args) -> PyResult {
    split_or_subgroup(vm, args, true)
}

fn group_subgroup(vm: &mut Vm, args: Args) -> PyResult {
    split_or_subgroup(vm, args, false)
}

fn group_derive(vm: &mut Vm, args: Args) -> PyResult {
    vm.check_method_args("derive", &args, 1, 1)?;
    let Value::Object(o) = &args.values[0] else {
        return Ok(Value::None);
    };
    let msg = vm.exc_args(o).items.first().cloned().unwrap_or(Value::None);
    let excs = args.values[1].clone();
    let class = vm.exc.base_exception_group.clone();
    let ctor = Value::Class(class);
    vm.call(&ctor, &[msg, excs])
}
