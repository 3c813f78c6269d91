//! `asyncio.Future`: result/exception/cancellation, done-callbacks (always scheduled
//! with `call_soon`, never run inline), and the "exception was never retrieved" report.
//!
//! A [`FutureRef`] is a value known to be a native future (a Future, a Task or a
//! gathering future): it is checked once where the value comes in, and its methods
//! cannot meet anything else.

use super::event_loop::Ready;
use super::payload::{DoneCallback, FutState, FutureState};
use crate::object::{ExcRef, Value};
use crate::vm::{PyResult, Vm};
use std::cell::{RefCell, RefMut};

pub use super::native::{fut_state, is_future};

#[derive(Clone)]
pub struct FutureRef(Value);

impl FutureRef {
    /// `v` as a future, if it is a native one.
    #[inline]
    pub fn of(v: &Value) -> Option<FutureRef> {
        is_future(v).then(|| FutureRef(v.clone()))
    }

    /// `v` as the `self` of method `method` of native type `owner` (`_asyncio.Future`),
    /// or CPython's TypeError.
    pub fn check(vm: &Vm, v: &Value, method: &str, owner: &str) -> PyResult<FutureRef> {
        FutureRef::of(v).ok_or_else(|| super::task::descriptor_error(vm, method, owner, v))
    }

    /// `v`, which the caller knows to be a native future (a task, or the object whose
    /// `NativeData` impl is running).
    pub(super) fn known(v: Value) -> FutureRef {
        FutureRef(v)
    }

    pub fn value(&self) -> &Value {
        &self.0
    }

    /// The future's state (never held across a call into Python).
    #[inline]
    pub fn state(&self) -> RefMut<'_, FutureState> {
        fut_state(&self.0).expect("a FutureRef holds a future whose state is not in use")
    }

    pub fn done(&self) -> bool {
        self.state().state != FutState::Pending
    }

    pub fn cancelled(&self) -> bool {
        self.state().state == FutState::Cancelled
    }

    /// The loop the future belongs to (`get_loop()`).
    pub fn loop_(&self) -> Value {
        self.state().loop_.clone()
    }

    /// The CancelledError to raise for a cancelled future (the task's own, if it raised
    /// one, so the message survives).
    pub fn make_cancelled_error(&self, vm: &mut Vm) -> ExcRef {
        let (saved, msg) = {
            let mut f = self.state();
            let saved = if f.state == FutState::Cancelled {
                f.exception.take()
            } else {
                None
            };
            (saved, f.cancel_message.clone())
        };
        if let Some(e) = saved {
            return e;
        }
        vm.cancelled_error(msg)
    }

    /// `future.result()`.
    pub fn result(&self, vm: &mut Vm) -> PyResult {
        // One borrow on the common path (finished); the errors let go of it first.
        let mut f = self.state();
        match f.state {
            FutState::Finished => {
                f.log_traceback = false;
                match &f.exception {
                    Some(e) => Err(e.clone()),
                    None => Ok(f.result.clone()),
                }
            }
            FutState::Pending => {
                drop(f);
                Err(invalid_state(vm, "Result is not set."))
            }
            FutState::Cancelled => {
                drop(f);
                Err(self.make_cancelled_error(vm))
            }
        }
    }

    /// `future.exception()`.
    pub fn exception(&self, vm: &mut Vm) -> PyResult {
        let mut f = self.state();
        match f.state {
            FutState::Finished => {
                f.log_traceback = false;
                Ok(f.exception.clone().map_or(Value::None, Value::Object))
            }
            FutState::Pending => {
                drop(f);
                Err(invalid_state(vm, "Exception is not set."))
            }
            FutState::Cancelled => {
                drop(f);
                Err(self.make_cancelled_error(vm))
            }
        }
    }

    pub fn set_result(&self, vm: &mut Vm, v: Value) -> PyResult<()> {
        let done = self.complete(vm, |f| {
            f.result = v;
            f.state = FutState::Finished;
        });
        if !done {
            return Err(invalid_state(vm, "invalid state"));
        }
        Ok(())
    }

    pub fn set_exception(&self, vm: &mut Vm, exc: Value) -> PyResult<()> {
        let exc = match exc {
            Value::Class(_) => {
                let e = vm.call(&exc, &[])?;
                vm.to_exception(e)?
            }
            other => vm.to_exception(other)?,
        };
        if exc.class.is_subclass(&vm.exc.stop_iteration) {
            return Err(vm.type_error(
                "StopIteration interacts badly with generators and cannot be raised into a Future",
            ));
        }
        let done = self.complete(vm, |f| {
            f.exception = Some(exc);
            f.state = FutState::Finished;
            f.log_traceback = true;
        });
        if !done {
            return Err(invalid_state(vm, "invalid state"));
        }
        Ok(())
    }

    /// `Future.cancel(msg)` (the future part; tasks add their own logic).
    pub fn cancel(&self, vm: &mut Vm, msg: Value) -> bool {
        self.state().log_traceback = false;
        self.complete(vm, |f| {
            f.state = FutState::Cancelled;
            f.cancel_message = msg;
        })
    }

    /// Marks a task's future cancelled with the CancelledError its coroutine raised.
    /// As in CPython (`super().cancel()` in `Task.__step`), the cancel message is reset
    /// to None: the message survives only in the saved exception, which the first
    /// `_make_cancelled_error` hands out.
    pub fn cancel_with(&self, vm: &mut Vm, exc: ExcRef) {
        self.complete(vm, |f| {
            f.state = FutState::Cancelled;
            f.cancel_message = Value::None;
            f.exception = Some(exc);
        });
    }

    /// Settles a pending future with `settle` (which sets its outcome and state) and
    /// moves its done-callbacks to the ready queue in registration order, all in one
    /// borrow of its state; false, changing nothing, when it is already done.
    fn complete(&self, vm: &mut Vm, settle: impl FnOnce(&mut FutureState)) -> bool {
        let (callbacks, loop_) = {
            let mut f = self.state();
            if f.state != FutState::Pending {
                return false;
            }
            settle(&mut f);
            (std::mem::take(&mut f.callbacks), f.loop_.clone())
        };
        for cb in callbacks {
            if let (DoneCallback::Wakeup(task), true) = (&cb, super::loop_events::on()) {
                vm.trace_woken(task, &loop_, self);
            }
            vm.loop_push(&loop_, self.ready_item(cb));
        }
        true
    }

    /// What runs `cb` for this (done) future.
    fn ready_item(&self, cb: DoneCallback) -> Ready {
        match cb {
            DoneCallback::Wakeup(task) => Ready::Wakeup(task, self.clone()),
            DoneCallback::Gather(outer) => Ready::GatherChild(outer, self.clone()),
            DoneCallback::Call(c) => Ready::Call(c, self.0.clone()),
        }
    }

    pub fn add_done_callback(&self, vm: &mut Vm, cb: DoneCallback) {
        let done = {
            let mut f = self.state();
            if f.state == FutState::Pending {
                // Most futures get one callback (the task awaiting them): no room for more
                // until needed, which matters with many pending tasks.
                if f.callbacks.capacity() == 0 {
                    f.callbacks.reserve_exact(1);
                }
                f.callbacks.push(cb.clone());
                false
            } else {
                true
            }
        };
        if done {
            let loop_ = self.loop_();
            vm.loop_push(&loop_, self.ready_item(cb));
        }
    }

    /// Removes every registration of `cb`; returns how many were removed.
    pub fn remove_done_callback(&self, cb: &Value) -> usize {
        let mut f = self.state();
        let before = f.callbacks.len();
        f.callbacks.retain(|c| {
            !(matches!(c, DoneCallback::Call(_))
                && (c.value().is(cb) || same_bound_method(c.value(), cb)))
        });
        before - f.callbacks.len()
    }
}

impl From<FutureRef> for Value {
    fn from(f: FutureRef) -> Value {
        f.0
    }
}

fn invalid_state(vm: &Vm, msg: &str) -> ExcRef {
    let class = vm.runtime().classes().invalid_state_error.clone();
    vm.new_exception_msg(&class, msg)
}

impl Vm {
    pub fn new_future(&mut self, loop_: &Value) -> FutureRef {
        let class = self.runtime().classes().future.clone();
        let mut state = FutureState::new(loop_.clone());
        if super::event_loop::state(loop_).is_some_and(|l| l.borrow().debug) {
            state.source_traceback = Some(self.creation_stack());
        }
        FutureRef(super::native::new_object(class, RefCell::new(state)))
    }
}

/// Bound methods compare equal when they bind the same function to the same object.
fn same_bound_method(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::BoundMethod(x), Value::BoundMethod(y)) => {
            x.function.is(&y.function) && x.self_value.is(&y.self_value)
        }
        _ => false,
    }
}

impl Drop for FutureState {
    fn drop(&mut self) {
        if self.log_traceback {
            if let Some(e) = self.exception.take() {
                super::unretrieved::queue(
                    e,
                    std::mem::take(&mut self.loop_),
                    self.source_traceback.take(),
                );
            }
        }
    }
}
