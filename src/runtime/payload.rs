//! Native state of event-loop objects: futures, tasks, gathering futures, handles and
//! `sleep()` awaitables (the loop's own is `event_loop::LoopState`). Each lives in its
//! object's `Payload::Native` (see `runtime::native` for how they plug in there).

use super::future::FutureRef;
use super::handle::HandleRef;
use super::task::TaskRef;
use crate::object::{ExcRef, Value};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FutState {
    Pending,
    Cancelled,
    Finished,
}

/// A done-callback: either a Python callable (called with the future) or a task waiting
/// on this future (no bound method is allocated for the common case).
#[derive(Clone)]
pub enum DoneCallback {
    Call(Value),
    Wakeup(TaskRef),
    /// A child of `gather()`: the value is the gathering future.
    Gather(Value),
}

impl DoneCallback {
    pub fn value(&self) -> &Value {
        match self {
            DoneCallback::Call(v) | DoneCallback::Gather(v) => v,
            DoneCallback::Wakeup(t) => t.value(),
        }
    }
}

/// The future `gather()` returns: done when every child is (or at the first failure).
pub struct GatherState {
    pub fut: FutureState,
    pub children: Vec<FutureRef>,
    /// Distinct children (a repeated awaitable counts once).
    pub pending_count: usize,
    pub finished_count: usize,
    pub return_exceptions: bool,
    pub cancel_requested: bool,
}

/// `asyncio.Future` state (also the future part of a Task).
pub struct FutureState {
    pub state: FutState,
    pub result: Value,
    pub exception: Option<ExcRef>,
    pub callbacks: Vec<DoneCallback>,
    pub cancel_message: Value,
    /// An exception was set and nobody has looked at it yet: report it when the
    /// future is dropped ("exception was never retrieved").
    pub log_traceback: bool,
    /// `_asyncio_future_blocking`: set while a task awaits this future.
    pub blocking: bool,
    pub loop_: Value,
    /// In debug mode, where the future or task was created (innermost frame first):
    /// its repr ends `created at FILE:LINE` and an unretrieved exception's report
    /// shows the frames, as CPython's `_source_traceback`.
    pub source_traceback: Option<Box<crate::object::generator::Origin>>,
}

impl FutureState {
    pub fn new(loop_: Value) -> FutureState {
        FutureState {
            state: FutState::Pending,
            result: Value::None,
            exception: None,
            callbacks: Vec::new(),
            cancel_message: Value::None,
            log_traceback: false,
            blocking: false,
            loop_,
            source_traceback: None,
        }
    }

    pub fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        f(&self.result);
        if let Some(e) = &self.exception {
            f(&Value::Object(e.clone()));
        }
        for cb in &self.callbacks {
            f(cb.value());
        }
        f(&self.cancel_message);
        f(&self.loop_);
    }

    pub fn clear_into(&mut self, trash: &mut Vec<Value>) {
        trash.push(std::mem::take(&mut self.result));
        if let Some(e) = self.exception.take() {
            trash.push(Value::Object(e));
        }
        trash.extend(self.callbacks.drain(..).map(|c| c.value().clone()));
        trash.push(std::mem::take(&mut self.loop_));
        self.log_traceback = false;
    }
}

/// `asyncio.Task` state: a future driving a coroutine.
pub struct TaskState {
    pub fut: FutureState,
    pub coro: Value,
    pub name: Value,
    /// The future this task is blocked on.
    pub waiter: Value,
    /// `cancel()` was called while the task was not blocked on a future (or the future
    /// refused): throw CancelledError at the next step.
    pub must_cancel: bool,
    pub num_cancels_requested: u32,
    pub cancel_message: Value,
    /// The `contextvars.Context` each step runs in (None while no variable exists).
    pub context: Value,
}

impl TaskState {
    /// The task's name: a default name is stored as its number (`Task-N`).
    pub fn name_value(&self) -> Value {
        match &self.name {
            Value::Int(n) => Value::str(format!("Task-{n}")),
            other => other.clone(),
        }
    }

    pub fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        self.fut.traverse(f);
        f(&self.coro);
        f(&self.name);
        f(&self.waiter);
        f(&self.cancel_message);
        f(&self.context);
    }

    pub fn clear_into(&mut self, trash: &mut Vec<Value>) {
        self.fut.clear_into(trash);
        trash.push(std::mem::take(&mut self.coro));
        trash.push(std::mem::take(&mut self.waiter));
        trash.push(std::mem::take(&mut self.context));
    }
}

/// A scheduled callback (`loop.call_soon` / `call_later` return value).
pub struct HandleState {
    pub callback: Value,
    pub args: Vec<Value>,
    pub cancelled: bool,
    /// For timer handles: the deadline in loop time.
    pub when: Option<f64>,
    /// The `contextvars.Context` the callback runs in (None while no variable exists).
    pub context: Value,
}

/// What `asyncio.sleep(delay)` returns for `delay > 0`: a native coroutine-like object
/// that creates its future and timer on the first send.
pub struct SleepState {
    pub delay: f64,
    pub result: Value,
    pub future: Value,
    pub timer: Option<HandleRef>,
    pub started: bool,
}

/// A `sleep()` dropped before anything awaited it warns as a never-awaited coroutine
/// would (`asyncio.sleep` is a coroutine function in CPython).
impl Drop for SleepState {
    fn drop(&mut self) {
        if !self.started {
            crate::vm::warnings::coroutine_never_awaited(
                &crate::object::PyStr::new("sleep".to_string()),
                None,
            );
        }
    }
}
