//! Weak references: the referent side.
//!
//! A weak reference is a `Weak` handle (the same [`Tracked`] handles the collector keeps),
//! so "is the referent alive?" is `Weak::upgrade` and costs the referent nothing. What a
//! `Weak` cannot do is notice the death, or list the references to an object: every
//! reference registers here, keyed by the referent's [`GcHeader`](super::gc::GcHeader)
//! address, and sets a flag in that header; the header's `Drop` then queues the callbacks
//! of references made with one (`weakref.ref(obj, callback)`, which `WeakValueDictionary`
//! and `weakref.finalize` are built on; see [`super::finalize`]).
//! Callbacks run newest first, as CPython runs them.

use super::finalize::{self, Pending};
use super::gc::Tracked;
use super::instance::Object;
use super::value::Value;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::{Rc, Weak};

/// A registered weak reference: the Python weakref object (weakly: a dead weakref's
/// callback is not called) and its callback.
struct Registered {
    weakref: Weak<Object>,
    callback: Option<Value>,
}

thread_local! {
    static CALLBACKS: RefCell<HashMap<usize, Vec<Registered>>> = RefCell::new(HashMap::new());
}

/// A weak handle to `v`, or None when `v`'s type cannot be weakly referenced (CPython's
/// "cannot create weak reference to 'list' object"): built-in containers, immediates and
/// strings cannot; instances of user classes, functions, classes, sets, generators, bound
/// methods and modules can.
pub fn handle(v: &Value) -> Option<Tracked> {
    match v {
        Value::Tuple(_) | Value::List(_) | Value::Dict(_) | Value::Cell(_) => None,
        Value::Object(o) if o.class.is_builtin && !o.class.subclassable.get() => None,
        _ => Tracked::downgrade(v),
    }
}

/// Records that `weakref` points at `referent`, to call `callback(weakref)` once
/// `referent` dies (unless `weakref` is gone by then).
pub fn register(referent: &Value, weakref: &Rc<Object>, callback: Option<Value>) {
    let Some(header) = referent.gc_header() else {
        return;
    };
    header.set_weak_callbacks();
    let _ = CALLBACKS.try_with(|c| {
        let mut c = c.borrow_mut();
        let list = c.entry(header.address()).or_default();
        // Drop registrations whose weakref died, so a long-lived referent that sees many
        // short-lived weak references does not accumulate them.
        list.retain(|r| r.weakref.strong_count() > 0);
        list.push(Registered {
            weakref: Rc::downgrade(weakref),
            callback,
        });
    });
}

/// A live reference to `referent` made without a callback: CPython hands that one out
/// again instead of making another (`ref(o) is ref(o)`).
pub fn without_callback(referent: &Value) -> Option<Rc<Object>> {
    let header = referent.gc_header()?;
    CALLBACKS
        .try_with(|c| {
            c.borrow().get(&header.address()).and_then(|list| {
                list.iter()
                    .filter(|r| r.callback.is_none())
                    .find_map(|r| r.weakref.upgrade())
            })
        })
        .ok()
        .flatten()
}

/// The live weak references to `referent`, oldest first.
pub fn references(referent: &Value) -> Vec<Rc<Object>> {
    let Some(header) = referent.gc_header() else {
        return Vec::new();
    };
    CALLBACKS
        .try_with(|c| {
            c.borrow()
                .get(&header.address())
                .map(|list| list.iter().filter_map(|r| r.weakref.upgrade()).collect())
                .unwrap_or_default()
        })
        .unwrap_or_default()
}

/// Called from [`GcHeader`]'s `Drop`: queues the callbacks registered for the header at
/// `address`.
pub(super) fn referent_died(address: usize) {
    let registered = CALLBACKS
        .try_with(|c| c.try_borrow_mut().ok().and_then(|mut c| c.remove(&address)))
        .ok()
        .flatten();
    for r in registered.into_iter().flatten().rev() {
        if let (Some(callback), Some(weakref)) = (r.callback, r.weakref.upgrade()) {
            finalize::push(Pending::WeakCallback {
                callback,
                weakref: Value::Object(weakref),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::object::class::{Class, Layout};
    use crate::object::finalize;
    use crate::object::{Dict, Payload};

    fn class(name: &str) -> Rc<Class> {
        Class::new(name, vec![], vec![], Dict::new(), Layout::Object, false)
    }

    #[test]
    fn a_dying_referent_queues_its_callbacks_newest_first() {
        while finalize::next().is_some() {}
        let referent = Value::Object(Object::with_dict(class("A"), Payload::None));
        let first = Object::new(class("ref"), Payload::None);
        let second = Object::new(class("ref"), Payload::None);
        let plain = Object::new(class("ref"), Payload::None);
        register(&referent, &first, Some(Value::Int(1)));
        register(&referent, &second, Some(Value::Int(2)));
        register(&referent, &plain, None);
        assert_eq!(references(&referent).len(), 3);
        assert!(without_callback(&referent).is_some_and(|r| Rc::ptr_eq(&r, &plain)));
        drop(referent);
        let order: Vec<i64> = std::iter::from_fn(finalize::next)
            .map(|p| match p {
                Pending::WeakCallback {
                    callback: Value::Int(n),
                    ..
                } => n,
                _ => panic!("expected a weak callback"),
            })
            .collect();
        assert_eq!(order, vec![2, 1]);
    }

    #[test]
    fn a_dead_weakref_gets_no_callback() {
        while finalize::next().is_some() {}
        let referent = Value::Object(Object::with_dict(class("B"), Payload::None));
        let weakref = Object::new(class("ref"), Payload::None);
        register(&referent, &weakref, Some(Value::Int(1)));
        drop(weakref);
        drop(referent);
        assert!(finalize::next().is_none());
    }
}
