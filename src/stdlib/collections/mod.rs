//! `_collections`: `deque`, native as in CPython. The `collections` package itself is
//! Python (`collections/__init__.py`), which takes `deque` from here.
//!
//! - [`deque`]: the data ([`DequeData`]), construction and the methods that add,
//!   remove and rearrange items;
//! - [`deque_ops`]: the sequence protocol, searching, operators, comparisons and repr;
//! - [`deque_iter`]: `iter(d)` / `reversed(d)`, stepped by the VM without Python calls.

mod deque;
mod deque_iter;
mod deque_ops;

pub use deque::{DequeData, DequeState};
pub use deque_iter::DequeIter;

use crate::native::{add_methods, module_class, ModuleDef};
use crate::object::class::{Class, Layout};
use crate::object::{Dict, Object, Payload, Value};
use crate::vm::{PyResult, Vm};
use std::cell::RefCell;
use std::rc::Rc;

/// The classes native code needs once the module is loaded (kept in the VM's extension
/// store, `vm.extensions`).
pub struct Classes {
    pub deque: Rc<Class>,
    pub deque_iter: Rc<Class>,
    pub deque_rev_iter: Rc<Class>,
}

/// The `RefCell` holding a deque's data, if `v` is a deque (or an instance of a
/// subclass: `deque.__new__` gives every one a deque payload).
pub fn deque_cell(v: &Value) -> Option<&RefCell<DequeData>> {
    match v {
        Value::Object(o) => object_cell(o),
        _ => None,
    }
}

fn object_cell(o: &Object) -> Option<&RefCell<DequeData>> {
    o.native::<DequeState>().map(|s| &s.data)
}

/// The module's classes, or a RuntimeError if `collections` was never loaded (only
/// reachable through objects the module created, so it always has been).
fn classes(vm: &Vm) -> PyResult<&Classes> {
    vm.extensions
        .get::<Classes>()
        .ok_or_else(|| vm.runtime_error("collections is not initialised"))
}

const DEQUE_DOC: &str = "deque([iterable[, maxlen]]) --> deque object\n\n\
A list-like sequence optimized for data accesses near its endpoints.";

pub fn load(vm: &mut Vm) -> PyResult<Value> {
    let m = ModuleDef::new("_collections");
    let deque = module_class(vm, "collections", "deque", Layout::Object);
    // Like CPython's deque, instances have no `__dict__`; subclasses get one.
    deque.instance_dict.set(false);
    let _ = deque.tp_name.set("collections.deque".to_string());
    deque::register(vm, &deque);
    deque_ops::register(vm, &deque);
    let doc = vm.intern("__doc__");
    deque.dict.borrow_mut().set_str(doc, Value::str(DEQUE_DOC));

    let iter_class = |vm: &mut Vm, name: &str| {
        let c = module_class(vm, "_collections", name, Layout::Native);
        let _ = c.tp_name.set(format!("_collections.{name}"));
        deque_iter::register_iterator(vm, &c);
        c
    };
    let deque_iter = iter_class(vm, "_deque_iterator");
    let deque_rev_iter = iter_class(vm, "_deque_reverse_iterator");
    deque_iter::register(vm, &deque);

    let maxlen = maxlen_descriptor(vm);
    let key = vm.intern("maxlen");
    deque.dict.borrow_mut().set_str(key, maxlen);

    vm.extensions.insert(Classes {
        deque: deque.clone(),
        deque_iter,
        deque_rev_iter,
    });
    m.value(vm, "deque", Value::Class(deque));
    Ok(m.finish(vm))
}

/// `deque.maxlen`: a read-only data descriptor like CPython's `getset_descriptor`, so
/// `d.maxlen = 3` and `del d.maxlen` fail with CPython's message instead of creating an
/// attribute.
fn maxlen_descriptor(vm: &mut Vm) -> Value {
    let object = vm.types.object.clone();
    let class = Class::new(
        "getset_descriptor",
        vec![object.clone()],
        vec![object],
        Dict::new(),
        Layout::Native,
        true,
    );
    add_methods(
        vm,
        &class,
        &[
            ("__get__", deque::maxlen_get),
            ("__set__", deque::maxlen_set),
            ("__delete__", deque::maxlen_delete),
            ("__repr__", deque::maxlen_repr),
        ],
    );
    Value::Object(Object::new(class, Payload::None))
}
