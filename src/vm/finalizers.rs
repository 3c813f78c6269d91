//! The VM's safe point: where queued finalizers (`__del__`) and weak-reference callbacks
//! run, and where automatic cycle collections happen.
//!
//! The object layer queues the work (see [`crate::object::finalize`]) and raises one flag;
//! the run loop checks that flag before calls and at loop back-edges, the event loop
//! between callbacks. Everything here is cold.

use crate::object::finalize::{self, Pending};
use crate::object::{gc, ExcRef, Value};
use crate::vm::Vm;

impl Vm {
    /// Does what the safe-point flag asked for: a collection if one is due, then the
    /// queued finalizers and callbacks.
    #[cold]
    #[inline(never)]
    pub fn safe_point(&mut self) {
        gc::collect_if_due();
        self.run_finalizers();
    }

    /// Runs the queued finalizers and weak-reference callbacks, oldest first, and then
    /// frees the cyclic garbage whose finalizers those were; returns how many objects that
    /// freed. A finalizer's own safe points do not start another round: the outermost one
    /// drains the queue, so a million instances dying at once take a loop, not a
    /// million-deep recursion.
    pub fn run_finalizers(&mut self) -> usize {
        if self.running_finalizers {
            return 0;
        }
        self.running_finalizers = true;
        let mut freed = 0;
        loop {
            while let Some(p) = finalize::next() {
                self.run_pending(p);
            }
            if !gc::finalized_garbage_waiting() {
                break;
            }
            freed += gc::collect_finalized();
        }
        self.running_finalizers = false;
        freed
    }

    /// A full collection, as `gc.collect()` does it: unreachable objects with finalizers
    /// are finalized first and then freed unless a finalizer resurrected them. Returns the
    /// number of unreachable objects found.
    pub fn collect_garbage(&mut self) -> usize {
        let found = gc::collect();
        found + self.run_finalizers()
    }

    fn run_pending(&mut self, p: Pending) {
        match p {
            Pending::Finalize(obj) => self.finalize(obj),
            Pending::WeakCallback { callback, weakref } => {
                if let Err(e) = self.call(&callback, &[weakref]) {
                    self.write_unraisable(&e, &callback);
                }
            }
        }
    }

    /// Calls `type(obj).__del__(obj)`; an exception is reported, not raised.
    fn finalize(&mut self, obj: Value) {
        let Value::Object(o) = &obj else { return };
        let Some(del) = o
            .class
            .lookup("__del__", crate::object::hash::hash_str("__del__"))
        else {
            return;
        };
        if let Err(e) = self.call(&del, std::slice::from_ref(&obj)) {
            self.write_unraisable(&e, &del);
        }
    }

    /// Reports an exception nobody can catch (raised by a finalizer or a callback) as
    /// CPython's default `sys.unraisablehook` does, and goes on.
    pub fn write_unraisable(&mut self, exc: &ExcRef, context: &Value) {
        let what = self.repr(context).unwrap_or_else(|_| "<object>".into());
        let text = self.format_exception(exc);
        self.write_stderr(&format!("Exception ignored in: {what}\n{text}"));
    }
}
