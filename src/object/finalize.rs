//! Finalizers and weak-reference callbacks waiting for the VM.
//!
//! Both become due deep inside reference counting — an instance's last reference goes in
//! the middle of an instruction, a `Drop` impl has no VM to call Python with — so they are
//! queued here, the safe-point flag is raised, and the VM runs them at its next safe point
//! (before the next call, at a loop's back-edge, between the event loop's callbacks).
//! Output therefore keeps CPython's order: `del a; print("after")` prints `__del__`'s line
//! first, because the finalizer runs before `print` is called.

use super::gc;
use super::instance::{Object, Payload};
use super::instance_attrs::Attrs;
use super::value::Value;
use std::cell::RefCell;
use std::collections::VecDeque;

/// Python code that must run for a dead (or dying) object.
pub enum Pending {
    /// Call `type(obj).__del__(obj)`.
    Finalize(Value),
    /// Call `callback(weakref)`: the weak reference's referent has died.
    WeakCallback { callback: Value, weakref: Value },
}

thread_local! {
    static QUEUE: RefCell<VecDeque<Pending>> = const { RefCell::new(VecDeque::new()) };
}

/// Queues `p` and asks the VM to stop at its next safe point.
pub fn push(p: Pending) {
    let _ = QUEUE.try_with(|q| {
        if let Ok(mut q) = q.try_borrow_mut() {
            q.push_back(p);
        }
    });
    super::gc::request_safe_point();
}

/// The next queued finalizer or callback, oldest first.
pub fn next() -> Option<Pending> {
    QUEUE
        .try_with(|q| q.try_borrow_mut().ok().and_then(|mut q| q.pop_front()))
        .ok()
        .flatten()
}

/// Whether anything is queued.
pub fn pending() -> bool {
    QUEUE
        .try_with(|q| q.try_borrow().is_ok_and(|q| !q.is_empty()))
        .unwrap_or(false)
}

impl Drop for Object {
    /// The last reference to an instance whose class defines `__del__` went away: its
    /// contents move into a new object (marked finalized, so it is finalized only once)
    /// which is queued for `__del__`. If `__del__` stores `self` somewhere the object lives
    /// on; otherwise it is freed when the finalizer returns.
    fn drop(&mut self) {
        if self.gc.finalized() || !self.class.has_finalizer() {
            if let Attrs::Inline(values) = self.attrs.get_mut() {
                // A long chain of instances (`node.next`) must not drop recursively.
                if !values.is_empty() {
                    gc::drop_values(std::mem::take(values));
                }
            }
            return;
        }
        let revived = Object::build(
            self.class.clone(),
            std::mem::replace(self.attrs.get_mut(), Attrs::Absent),
            std::mem::replace(&mut self.payload, Payload::None),
        );
        revived.gc.set_finalized();
        push(Pending::Finalize(Value::Object(revived)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::object::class::{Class, Layout};
    use crate::object::Dict;

    #[test]
    fn an_instance_with_del_is_revived_once_for_its_finalizer() {
        while next().is_some() {}
        let mut ns = Dict::new();
        ns.set_str(
            std::rc::Rc::new(crate::object::PyStr::new("__del__".to_string())),
            Value::None,
        );
        let class = Class::new("F", vec![], vec![], ns, Layout::Object, false);
        let obj = Object::with_dict(class, Payload::None);
        drop(obj);
        let Some(Pending::Finalize(Value::Object(revived))) = next() else {
            panic!("the finalizer was not queued");
        };
        assert!(revived.gc.finalized());
        assert!(
            revived.has_dict(),
            "the instance dict moves to the revived object"
        );
        drop(revived);
        assert!(next().is_none(), "a finalizer runs at most once");
    }
}
