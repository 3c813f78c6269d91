//! `_weakref`: the weak reference type (`weakref.ref`, which prints as
//! `weakref.ReferenceType`) that the frozen `weakref` module builds its dictionaries, sets
//! and `finalize` on.
//!
//! A reference holds a `Weak` handle to its referent, so it never keeps it alive; a
//! callback is registered with the object layer ([`crate::object::weakref`]), which
//! queues it when the referent dies, and the VM calls it at its next safe point.

use crate::native::{self, add_methods, constructor, function_args, method_args, ModuleDef, Sig};
use crate::object::class::{Class, Layout};
use crate::object::function::Args;
use crate::object::gc::Tracked;
use crate::object::{weakref, ExcRef, NativeData, Object, Payload, Value};
use crate::vm::{PyResult, Vm};
use std::cell::Cell;
use std::rc::Rc;

/// A weak reference's state.
struct WeakRef {
    target: Tracked,
    callback: Value,
    /// `hash(ref)` is the referent's hash, remembered so it outlives the referent.
    hash: Cell<Option<i64>>,
}

impl WeakRef {
    fn get(&self) -> Option<Value> {
        self.target.upgrade()
    }
}

impl NativeData for WeakRef {
    fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        f(&self.callback);
    }

    fn repr(&self, vm: &mut Vm, this: &Value) -> Option<Result<String, ExcRef>> {
        let at = this.heap_addr().unwrap_or(0);
        let Some(target) = self.get() else {
            return Some(Ok(format!("<weakref at {at:#x}; dead>")));
        };
        let type_name = vm.type_name(&target);
        let to = target.heap_addr().unwrap_or(0);
        // CPython adds the referent's `__name__` when it has one.
        let key = vm.intern("__name__");
        let name = match vm.get_attr_opt(&target, &key) {
            Ok(Some(n)) => match vm.repr(&n) {
                Ok(r) if matches!(n, Value::Str(_)) => Some(r.trim_matches('\'').to_string()),
                _ => None,
            },
            _ => None,
        };
        Some(Ok(match name {
            Some(n) => format!("<weakref at {at:#x}; to '{type_name}' at {to:#x} ({n})>"),
            None => format!("<weakref at {at:#x}; to '{type_name}' at {to:#x}>"),
        }))
    }

    fn special_attr(&self, _vm: &mut Vm, _this: &Value, name: &str) -> Option<Value> {
        (name == "__callback__").then(|| match self.get() {
            Some(_) => self.callback.clone(),
            None => Value::None,
        })
    }
}

struct Classes {
    reference: Rc<Class>,
}

pub fn load(vm: &mut Vm) -> PyResult<Value> {
    let m = ModuleDef::new("_weakref");
    let reference = native::module_class(vm, "weakref", "ReferenceType", Layout::Native);
    constructor(vm, &reference, ref_new);
    add_methods(
        vm,
        &reference,
        &[
            ("__call__", ref_call),
            ("__hash__", ref_hash),
            ("__eq__", ref_eq),
            ("__ne__", ref_ne),
        ],
    );
    vm.extensions.insert(Classes {
        reference: reference.clone(),
    });
    m.value(vm, "ref", Value::Class(reference.clone()));
    m.value(vm, "ReferenceType", Value::Class(reference));
    m.funcs(
        vm,
        &[
            ("getweakrefcount", getweakrefcount),
            ("getweakrefs", getweakrefs),
        ],
    );
    Ok(m.finish(vm))
}

/// `ref(object, callback=None)`.
fn ref_new(vm: &mut Vm, args: Args) -> PyResult {
    let class = vm
        .extensions
        .get::<Classes>()
        .map(|c| c.reference.clone())
        .ok_or_else(|| vm.runtime_error("_weakref is not initialised"))?;
    if !args.kwnames.is_empty() {
        return Err(vm.type_error("ref() takes no keyword arguments"));
    }
    let rest = &args.values[1..];
    if rest.is_empty() || rest.len() > 2 {
        return Err(vm.type_error(format!(
            "__new__ expected at most 2 arguments, got {}",
            rest.len()
        )));
    }
    let target = &rest[0];
    let Some(handle) = weakref::handle(target) else {
        return Err(vm.type_error(format!(
            "cannot create weak reference to '{}' object",
            vm.type_name(target)
        )));
    };
    let callback = rest.get(1).cloned().unwrap_or(Value::None);
    if callback.is_none() {
        if let Some(existing) = weakref::without_callback(target) {
            return Ok(Value::Object(existing));
        }
    }
    let r = Object::new(
        class,
        Payload::Native(Box::new(WeakRef {
            target: handle,
            callback: callback.clone(),
            hash: Cell::new(None),
        })),
    );
    weakref::register(target, &r, (!callback.is_none()).then_some(callback));
    Ok(Value::Object(r))
}

fn state<'a>(vm: &Vm, v: &'a Value, name: &str) -> PyResult<&'a WeakRef> {
    match v {
        Value::Object(o) => o.native::<WeakRef>(),
        _ => None,
    }
    .ok_or_else(|| {
        vm.type_error(format!(
            "descriptor '{name}' requires a 'weakref.ReferenceType' object but received a '{}'",
            vm.type_name(v)
        ))
    })
}

/// `r()`: the referent, or None once it has died.
fn ref_call(vm: &mut Vm, args: Args) -> PyResult {
    let this = args.values.first().cloned().unwrap_or(Value::None);
    let r = state(vm, &this, "__call__")?;
    method_args(
        vm,
        ("weakref.ReferenceType", "__call__"),
        Sig::NoArgs,
        &args,
    )?;
    Ok(r.get().unwrap_or(Value::None))
}

fn ref_hash(vm: &mut Vm, args: Args) -> PyResult {
    let this = args.values.first().cloned().unwrap_or(Value::None);
    let r = state(vm, &this, "__hash__")?;
    if let Some(h) = r.hash.get() {
        return Ok(Value::Int(h));
    }
    let Some(target) = r.get() else {
        return Err(vm.type_error("weak object has gone away"));
    };
    let h = vm.hash(&target)?;
    r.hash.set(Some(h));
    Ok(Value::Int(h))
}

/// Two live references are equal when their referents are; otherwise only a reference
/// equals itself.
fn compare(vm: &mut Vm, args: &Args, name: &str) -> PyResult<Option<bool>> {
    let this = args.values.first().cloned().unwrap_or(Value::None);
    let a = state(vm, &this, name)?;
    let other = method_args(vm, ("weakref.ReferenceType", name), Sig::Wrapper(1), args)?[0].clone();
    let Value::Object(o) = &other else {
        return Ok(None);
    };
    let Some(b) = o.native::<WeakRef>() else {
        return Ok(None);
    };
    match (a.get(), b.get()) {
        (Some(x), Some(y)) => Ok(Some(vm.eq(&x, &y)?)),
        _ => Ok(Some(this.is(&other))),
    }
}

fn ref_eq(vm: &mut Vm, args: Args) -> PyResult {
    Ok(compare(vm, &args, "__eq__")?.map_or(Value::NotImplemented, Value::bool))
}

fn ref_ne(vm: &mut Vm, args: Args) -> PyResult {
    Ok(compare(vm, &args, "__ne__")?.map_or(Value::NotImplemented, |b| Value::bool(!b)))
}

/// `getweakrefcount(object)`: how many live weak references point at it.
fn getweakrefcount(vm: &mut Vm, args: Args) -> PyResult {
    let a = function_args(vm, "getweakrefcount", Sig::One, &args)?;
    Ok(Value::Int(weakref::references(&a[0]).len() as i64))
}

/// `getweakrefs(object)`: the live weak references to it, newest first.
fn getweakrefs(vm: &mut Vm, args: Args) -> PyResult {
    let a = function_args(vm, "getweakrefs", Sig::One, &args)?;
    let refs = weakref::references(&a[0]).into_iter().rev();
    Ok(Value::list(refs.map(Value::Object).collect()))
}
