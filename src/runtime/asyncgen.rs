//! The event loop's side of async generators (`BaseEventLoop._asyncgen_firstiter_hook`
//! and `_asyncgen_finalizer_hook`): the loop keeps the generators it has seen so
//! `shutdown_asyncgens` can close them, and schedules `aclose()` for one dropped
//! unfinished. The awaitables themselves are the VM's (`vm::asyncgen`).

use crate::object::{Generator, Value};
use crate::vm::Vm;
use std::cell::RefCell;
use std::rc::Rc;

thread_local! {
    /// Async generators dropped unfinished, with their loop, waiting for the loop to
    /// schedule their `aclose()` (see `Drop for Generator`).
    static FINALIZE: RefCell<Vec<(Rc<Generator>, Value)>> = const { RefCell::new(Vec::new()) };
}

pub fn queue_finalize(g: Rc<Generator>, loop_: Value) {
    let _ = FINALIZE.try_with(|q| {
        if let Ok(mut q) = q.try_borrow_mut() {
            q.push((g, loop_));
        }
    });
}

/// Whether dropped async generators wait for finalization.
pub fn finalize_pending() -> bool {
    FINALIZE
        .try_with(|q| q.try_borrow().is_ok_and(|q| !q.is_empty()))
        .unwrap_or(false)
}

/// The first iteration of an async generator registers it with the running loop, so
/// `asyncio.run` can finalize it (`shutdown_asyncgens`), and so the loop is told when it
/// is dropped unfinished. Installed as the VM's `asyncgen_firstiter` hook.
pub fn register_asyncgen(vm: &mut Vm, g: &Rc<Generator>) {
    if let Some(l) = vm.runtime().running_loop.clone() {
        l.cell().borrow_mut().asyncgens.push(Rc::downgrade(g));
        if let Value::Object(o) = l.value() {
            *g.finalizer_loop.borrow_mut() = Some(Rc::downgrade(o));
        }
    }
}

impl Vm {
    /// `BaseEventLoop._asyncgen_finalizer_hook` for every dropped async generator:
    /// unless its loop is closed, `loop.call_soon(loop.create_task, agen.aclose())`.
    pub fn flush_asyncgen_finalizers(&mut self) {
        let queued = FINALIZE
            .try_with(|q| {
                q.try_borrow_mut()
                    .map(|mut q| std::mem::take(&mut *q))
                    .unwrap_or_default()
            })
            .unwrap_or_default();
        for (g, loop_) in queued {
            let Some(ls) = super::event_loop::state(&loop_) else {
                continue;
            };
            if ls.borrow().closed {
                continue;
            }
            let Ok(op) = crate::vm::asyncgen::aclose(self, &g) else {
                continue;
            };
            let name = self.intern("create_task");
            let Ok(create_task) = self.get_attr(&loop_, &name) else {
                continue;
            };
            let h = self.new_handle(create_task, vec![op], None);
            ls.borrow_mut()
                .ready
                .push_back(super::event_loop::Ready::Handle(h));
        }
    }
}
