//! Native state of event-loop objects, stored in an `Object`'s payload: futures, tasks,
//! handles, the loop itself, and the small awaitables behind `sleep` and async
//! generators.

use super::event_loop::LoopState;
use crate::object::{ExcRef, Generator, Value};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

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
    Wakeup(Value),
    /// A child of `gather()`: the value is the gathering future.
    Gather(Value),
}

impl DoneCallback {
    pub fn value(&self) -> &Value {
        match self {
            DoneCallback::Call(v) | DoneCallback::Wakeup(v) | DoneCallback::Gather(v) => v,
        }
    }
}

/// The future `gather()` returns: done when every child is (or at the first failure).
pub struct GatherState {
    pub fut: FutureState,
    pub children: Vec<Value>,
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
    }

    pub fn clear_into(&mut self, trash: &mut Vec<Value>) {
        self.fut.clear_into(trash);
        trash.push(std::mem::take(&mut self.coro));
        trash.push(std::mem::take(&mut self.waiter));
    }
}

/// A scheduled callback (`loop.call_soon` / `call_later` return value).
pub struct HandleState {
    pub callback: Value,
    pub args: Vec<Value>,
    pub cancelled: bool,
    /// For timer handles: the deadline in loop time.
    pub when: Option<f64>,
}

/// What `asyncio.sleep(delay)` returns for `delay > 0`: a native coroutine-like object
/// that creates its future and timer on the first send.
pub struct SleepState {
    pub delay: f64,
    pub result: Value,
    pub future: Value,
    pub timer: Value,
    pub started: bool,
}

/// The awaitables of async generators (`asend`, `athrow`, `aclose`).
pub struct AsyncGenOp {
    pub gen: Rc<Generator>,
    pub kind: AsyncGenOpKind,
    pub state: AsyncGenOpState,
}

#[derive(Clone)]
pub enum AsyncGenOpKind {
    Send(Value),
    Throw(ExcRef),
    Close,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum AsyncGenOpState {
    Init,
    Iter,
    Closed,
}

pub enum AsyncPayload {
    Loop(Box<RefCell<LoopState>>),
    Future(Box<RefCell<FutureState>>),
    Task(Box<RefCell<TaskState>>),
    Gather(Box<RefCell<GatherState>>),
    Handle(Box<RefCell<HandleState>>),
    /// `sleep(0)`'s awaitable: yields once. Two shared instances (`done` false/true)
    /// let the VM switch between them in the frame's stack slot without allocating.
    YieldOnce {
        done: bool,
    },
    Sleep(Box<RefCell<SleepState>>),
    AsyncGenOp(RefCell<AsyncGenOp>),
    /// The iterator returned by `coroutine.__await__()`.
    CoroWrapper(Value),
    /// `anext(ait, default)`: awaits the inner awaitable, turning StopAsyncIteration
    /// into `default`.
    AnextDefault(Value, Value),
    /// Anything else native with a cancelled flag (e.g. `asyncio.timeout()` objects
    /// keep their state in Python; nothing needed here yet).
    Marker(Cell<bool>),
}

impl AsyncPayload {
    pub fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        match self {
            AsyncPayload::Loop(l) => {
                if let Ok(l) = l.try_borrow() {
                    l.traverse(f)
                }
            }
            AsyncPayload::Future(s) => {
                if let Ok(s) = s.try_borrow() {
                    s.traverse(f)
                }
            }
            AsyncPayload::Task(s) => {
                if let Ok(s) = s.try_borrow() {
                    s.traverse(f)
                }
            }
            AsyncPayload::Gather(s) => {
                if let Ok(s) = s.try_borrow() {
                    s.fut.traverse(f);
                    s.children.iter().for_each(&mut *f);
                }
            }
            AsyncPayload::Handle(h) => {
                if let Ok(h) = h.try_borrow() {
                    f(&h.callback);
                    h.args.iter().for_each(&mut *f);
                }
            }
            AsyncPayload::Sleep(s) => {
                if let Ok(s) = s.try_borrow() {
                    f(&s.result);
                    f(&s.future);
                    f(&s.timer);
                }
            }
            AsyncPayload::AsyncGenOp(op) => {
                if let Ok(op) = op.try_borrow() {
                    f(&Value::Generator(op.gen.clone()));
                    match &op.kind {
                        AsyncGenOpKind::Send(v) => f(v),
                        AsyncGenOpKind::Throw(e) => f(&Value::Object(e.clone())),
                        AsyncGenOpKind::Close => {}
                    }
                }
            }
            AsyncPayload::CoroWrapper(v) => f(v),
            AsyncPayload::AnextDefault(a, b) => {
                f(a);
                f(b);
            }
            AsyncPayload::YieldOnce { .. } | AsyncPayload::Marker(_) => {}
        }
    }

    pub fn clear_into(&self, trash: &mut Vec<Value>) {
        match self {
            AsyncPayload::Loop(l) => {
                if let Ok(mut l) = l.try_borrow_mut() {
                    l.clear_into(trash)
                }
            }
            AsyncPayload::Future(s) => {
                if let Ok(mut s) = s.try_borrow_mut() {
                    s.clear_into(trash)
                }
            }
            AsyncPayload::Task(s) => {
                if let Ok(mut s) = s.try_borrow_mut() {
                    s.clear_into(trash)
                }
            }
            AsyncPayload::Gather(s) => {
                if let Ok(mut s) = s.try_borrow_mut() {
                    s.fut.clear_into(trash);
                    trash.append(&mut s.children);
                }
            }
            AsyncPayload::Handle(h) => {
                if let Ok(mut h) = h.try_borrow_mut() {
                    trash.push(std::mem::take(&mut h.callback));
                    trash.append(&mut h.args);
                }
            }
            AsyncPayload::Sleep(s) => {
                if let Ok(mut s) = s.try_borrow_mut() {
                    trash.push(std::mem::take(&mut s.future));
                    trash.push(std::mem::take(&mut s.timer));
                    trash.push(std::mem::take(&mut s.result));
                }
            }
            _ => {}
        }
    }
}
