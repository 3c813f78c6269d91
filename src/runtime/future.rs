//! `asyncio.Future`: result/exception/cancellation, done-callbacks (always scheduled
//! with `call_soon`, never run inline), and the "exception was never retrieved" report.

use super::event_loop::Ready;
use super::payload::{DoneCallback, FutState, FutureState};
use crate::object::{ExcRef, Value};
use crate::vm::{PyResult, Vm};
use std::cell::RefCell;

pub use super::native::{fut_state, is_future};

impl Vm {
    pub fn new_future(&mut self, loop_: &Value) -> Value {
        let class = self.runtime().classes().future.clone();
        super::native::new_object(class, RefCell::new(FutureState::new(loop_.clone())))
    }

    pub fn future_done(&self, fut: &Value) -> bool {
        fut_state(fut).is_some_and(|f| f.state != FutState::Pending)
    }

    pub fn future_cancelled(&self, fut: &Value) -> bool {
        fut_state(fut).is_some_and(|f| f.state == FutState::Cancelled)
    }

    fn invalid_state(&self, msg: &str) -> ExcRef {
        let class = self.runtime().classes().invalid_state_error.clone();
        self.new_exception_msg(&class, msg)
    }

    /// The CancelledError to raise for a cancelled future (the task's own, if it raised
    /// one, so the message survives).
    pub fn make_cancelled_error(&mut self, fut: &Value) -> ExcRef {
        let (saved, msg) = match fut_state(fut) {
            Some(mut f) => {
                let saved = if f.state == FutState::Cancelled {
                    f.exception.take()
                } else {
                    None
                };
                (saved, f.cancel_message.clone())
            }
            None => (None, Value::None),
        };
        if let Some(e) = saved {
            return e;
        }
        let class = self.runtime().classes().cancelled_error.clone();
        if msg.is_none() {
            self.new_exception(&class, vec![])
        } else {
            self.new_exception(&class, vec![msg])
        }
    }

    /// `future.result()`.
    pub fn future_result(&mut self, fut: &Value) -> PyResult {
        let state = match fut_state(fut) {
            Some(f) => f.state,
            None => return Err(self.type_error("not a future")),
        };
        match state {
            FutState::Pending => Err(self.invalid_state("Result is not set.")),
            FutState::Cancelled => Err(self.make_cancelled_error(fut)),
            FutState::Finished => {
                let mut f = fut_state(fut).expect("future");
                f.log_traceback = false;
                match &f.exception {
                    Some(e) => Err(e.clone()),
                    None => Ok(f.result.clone()),
                }
            }
        }
    }

    /// `future.exception()`.
    pub fn future_exception(&mut self, fut: &Value) -> PyResult {
        let state = fut_state(fut).map(|f| f.state).unwrap_or(FutState::Pending);
        match state {
            FutState::Pending => Err(self.invalid_state("Exception is not set.")),
            FutState::Cancelled => Err(self.make_cancelled_error(fut)),
            FutState::Finished => {
                let mut f = fut_state(fut).expect("future");
                f.log_traceback = false;
                Ok(f.exception.clone().map_or(Value::None, Value::Object))
            }
        }
    }

    pub fn future_set_result(&mut self, fut: &Value, v: Value) -> PyResult<()> {
        {
            let Some(mut f) = fut_state(fut) else {
                return Err(self.type_error("not a future"));
            };
            if f.state != FutState::Pending {
                drop(f);
                return Err(self.invalid_state("invalid state"));
            }
            f.result = v;
            f.state = FutState::Finished;
        }
        self.schedule_callbacks(fut);
        Ok(())
    }

    pub fn future_set_exception(&mut self, fut: &Value, exc: Value) -> PyResult<()> {
        let exc = match exc {
            Value::Class(_) => {
                let e = self.call(&exc, &[])?;
                self.to_exception(e)?
            }
            other => self.to_exception(other)?,
        };
        if exc.class.is_subclass(&self.exc.stop_iteration) {
            return Err(self.type_error(
                "StopIteration interacts badly with generators and cannot be raised into a Future",
            ));
        }
        {
            let Some(mut f) = fut_state(fut) else {
                return Err(self.type_error("not a future"));
            };
            if f.state != FutState::Pending {
                drop(f);
                return Err(self.invalid_state("invalid state"));
            }
            f.exception = Some(exc);
            f.state = FutState::Finished;
            f.log_traceback = true;
        }
        self.schedule_callbacks(fut);
        Ok(())
    }

    /// `Future.cancel(msg)` (the future part; tasks add their own logic).
    pub fn future_cancel(&mut self, fut: &Value, msg: Value) -> bool {
        {
            let Some(mut f) = fut_state(fut) else {
                return false;
            };
            f.log_traceback = false;
            if f.state != FutState::Pending {
                return false;
            }
            f.state = FutState::Cancelled;
            f.cancel_message = msg;
        }
        self.schedule_callbacks(fut);
        true
    }

    /// Marks a task's future cancelled with the CancelledError its coroutine raised.
    /// As in CPython (`super().cancel()` in `Task.__step`), the cancel message is reset
    /// to None: the message survives only in the saved exception, which the first
    /// `_make_cancelled_error` hands out.
    pub fn future_cancel_with(&mut self, fut: &Value, exc: ExcRef) {
        {
            let Some(mut f) = fut_state(fut) else { return };
            if f.state != FutState::Pending {
                return;
            }
            f.state = FutState::Cancelled;
            f.cancel_message = Value::None;
            f.exception = Some(exc);
        }
        self.schedule_callbacks(fut);
    }

    /// Moves the done-callbacks to the ready queue, in registration order.
    fn schedule_callbacks(&mut self, fut: &Value) {
        let (callbacks, loop_) = match fut_state(fut) {
            Some(mut f) => (std::mem::take(&mut f.callbacks), f.loop_.clone()),
            None => return,
        };
        for cb in callbacks {
            let item = match cb {
                DoneCallback::Wakeup(task) => Ready::Wakeup(task, fut.clone()),
                DoneCallback::Gather(outer) => Ready::GatherChild(outer, fut.clone()),
                DoneCallback::Call(c) => Ready::Call(c, fut.clone()),
            };
            self.loop_push(&loop_, item);
        }
    }

    pub fn future_add_done_callback(&mut self, fut: &Value, cb: DoneCallback) -> PyResult<()> {
        let done = {
            let Some(mut f) = fut_state(fut) else {
                return Err(self.type_error("not a future"));
            };
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
            let loop_ = fut_state(fut)
                .map(|f| f.loop_.clone())
                .unwrap_or(Value::None);
            let item = match cb {
                DoneCallback::Wakeup(task) => Ready::Wakeup(task, fut.clone()),
                DoneCallback::Gather(outer) => Ready::GatherChild(outer, fut.clone()),
                DoneCallback::Call(c) => Ready::Call(c, fut.clone()),
            };
            self.loop_push(&loop_, item);
        }
        Ok(())
    }

    /// Removes every registration of `cb`; returns how many were removed.
    pub fn future_remove_done_callback(&mut self, fut: &Value, cb: &Value) -> usize {
        let Some(mut f) = fut_state(fut) else {
            return 0;
        };
        let before = f.callbacks.len();
        f.callbacks.retain(|c| {
            !(matches!(c, DoneCallback::Call(_))
                && (c.value().is(cb) || same_bound_method(c.value(), cb)))
        });
        before - f.callbacks.len()
    }

    pub fn future_loop(&self, fut: &Value) -> Value {
        fut_state(fut)
            .map(|f| f.loop_.clone())
            .unwrap_or(Value::None)
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
                super::unretrieved::queue(e, std::mem::take(&mut self.loop_));
            }
        }
    }
}
