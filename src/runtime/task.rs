//! `asyncio.Task`: drives a coroutine one step at a time (CPython's `Task.__step` and
//! `__wakeup`). A step sends None (or throws) into the coroutine; what it yields decides
//! what happens next: a future → wait on it (a wakeup callback, no allocation); a bare
//! `yield` (`sleep(0)`) → reschedule at once; anything else → RuntimeError in the task.

use super::event_loop::{state as loop_state, Ready};
use super::future::{fut_state, is_future};
use super::payload::{DoneCallback, FutState, FutureState, TaskState};
use crate::object::{ExcRef, GenKind, Value};
use crate::vm::generators::Sent;
use crate::vm::{PyResult, Vm};
use std::cell::{RefCell, RefMut};

pub fn task_state(v: &Value) -> Option<RefMut<'_, TaskState>> {
    super::native::native::<RefCell<TaskState>>(v).and_then(|t| t.try_borrow_mut().ok())
}

impl Vm {
    /// `loop.create_task(coro, name=...)`: the first step is scheduled with call_soon.
    pub fn new_task(&mut self, loop_: &Value, coro: Value, name: Value) -> PyResult {
        // Native coroutine-likes (`sleep()`, `agen.aclose()`...) are driven directly,
        // as CPython's Task drives any coroutine through send/throw.
        let is_coro = matches!(&coro, Value::Generator(g) if g.kind == GenKind::Coroutine)
            || super::awaitables::is_native_coroutine(&coro);
        let coro = match &coro {
            Value::Object(o)
                if o.native::<crate::vm::native_awaitables::YieldOnce>()
                    .is_some() =>
            {
                super::awaitables::new_sleep(self, 0.0, Value::None)
            }
            _ => coro,
        };
        if !is_coro {
            let r = self.repr(&coro)?;
            return Err(self.type_error(format!("a coroutine was expected, got {r}")));
        }
        if let Some(ls) = loop_state(loop_) {
            if ls.borrow().closed {
                if let Value::Generator(g) = &coro {
                    g.state.set(crate::object::GenState::Closed);
                }
                return Err(self.runtime_error("Event loop is closed"));
            }
        }
        self.runtime_mut().task_counter += 1;
        // The default name is kept as its number and spelled out when asked for: with
        // many pending tasks, a string each is a noticeable share of their memory.
        let name = if name.is_none() {
            Value::Int(self.runtime().task_counter as i64)
        } else {
            self.str_value(&name)?
        };
        let class = self.runtime().classes().task.clone();
        let task = super::native::new_object(
            class,
            RefCell::new(TaskState {
                fut: FutureState::new(loop_.clone()),
                coro,
                name,
                waiter: Value::None,
                must_cancel: false,
                num_cancels_requested: 0,
                cancel_message: Value::None,
            }),
        );
        if super::asyncgen::finalize_pending() {
            self.flush_asyncgen_finalizers();
        }
        if let Some(ls) = loop_state(loop_) {
            let mut l = ls.borrow_mut();
            l.ready.push_back(Ready::Step(task.clone(), None));
            if l.tasks.len() > 64 && l.tasks.len().is_power_of_two() {
                l.live_tasks();
            }
            if let Value::Object(o) = &task {
                l.tasks.push(std::rc::Rc::downgrade(o));
            }
        }
        Ok(task)
    }

    /// `ensure_future`: futures pass through, coroutines become tasks.
    pub fn ensure_future(&mut self, loop_: &Value, v: Value) -> PyResult {
        if is_future(&v) {
            return Ok(v);
        }
        if matches!(&v, Value::Generator(g) if g.kind == GenKind::Coroutine)
            || super::awaitables::is_native_coroutine(&v)
        {
            return self.new_task(loop_, v, Value::None);
        }
        let class = self.class_of(&v);
        if class.lookup_str(&self.names.await_.clone()).is_some() {
            // Wrap an awaitable in a coroutine that awaits it.
            let wrap = self.runtime().wrap_awaitable.clone();
            let coro = self.call(&wrap, &[v])?;
            return self.new_task(loop_, coro, Value::None);
        }
        Err(self.type_error("An asyncio.Future, a coroutine or an awaitable is required"))
    }

    /// One step of a task.
    pub fn task_step(&mut self, task: &Value, exc: Option<ExcRef>) -> PyResult<()> {
        let (coro, loop_, exc) = {
            let Some(mut t) = task_state(task) else {
                return Ok(());
            };
            if t.fut.state != FutState::Pending {
                let _ = t;
                return Err(self.new_exception_msg(
                    &self.runtime().classes().invalid_state_error.clone(),
                    "_step(): already done",
                ));
            }
            let mut exc = exc;
            if t.must_cancel {
                t.must_cancel = false;
                let is_cancel = exc.as_ref().is_some_and(|e| {
                    e.class
                        .is_subclass(&self.runtime().classes().cancelled_error)
                });
                if !is_cancel {
                    let msg = t.cancel_message.clone();
                    exc = Some(self.cancelled_error(msg));
                }
            }
            t.waiter = Value::None;
            (t.coro.clone(), t.fut.loop_.clone(), exc)
        };
        let prev = self.set_current_task(&loop_, task.clone());
        let result = match (&coro, exc) {
            (Value::Generator(g), Some(e)) => {
                let g = g.clone();
                self.gen_throw(&g, e)
            }
            (Value::Generator(g), None) => {
                let g = g.clone();
                self.gen_send(&g, Value::None)
            }
            (Value::Object(_), Some(e)) => match super::awaitables::native_throw(self, &coro, e) {
                Ok(v) => Ok(Sent::Yielded(v)),
                Err(e) if e.class.is_subclass(&self.exc.stop_iteration) => {
                    Ok(Sent::Returned(self.stop_iteration_value(&e)))
                }
                Err(e) => Err(e),
            },
            (Value::Object(_), None) => super::awaitables::native_send(self, &coro, Value::None),
            _ => Ok(Sent::Returned(Value::None)),
        };
        self.set_current_task(&loop_, prev);
        match result {
            Ok(Sent::Returned(v)) => {
                let must_cancel = task_state(task).is_some_and(|t| t.must_cancel);
                if must_cancel {
                    let msg = task_state(task)
                        .map(|t| t.cancel_message.clone())
                        .unwrap_or(Value::None);
                    self.future_cancel(task, msg);
                } else {
                    self.future_set_result(task, v)?;
                }
            }
            Ok(Sent::Yielded(v)) => self.task_handle_yield(task, &loop_, v)?,
            Err(e) => {
                let cancelled = self.runtime().classes().cancelled_error.clone();
                if e.class.is_subclass(&cancelled) {
                    self.future_cancel_with(task, e);
                } else if e.class.is_subclass(&self.exc.keyboard_interrupt)
                    || e.class.is_subclass(&self.exc.system_exit)
                {
                    self.future_set_exception(task, Value::Object(e.clone()))?;
                    return Err(e);
                } else {
                    self.future_set_exception(task, Value::Object(e))?;
                }
            }
        }
        Ok(())
    }

    fn task_handle_yield(&mut self, task: &Value, loop_: &Value, v: Value) -> PyResult<()> {
        if is_future(&v) {
            let blocking = fut_state(&v)
                .map(|mut f| std::mem::replace(&mut f.blocking, false))
                .unwrap_or(false);
            if !blocking {
                let r = self.repr(&v)?;
                let tr = self.repr(task)?;
                let e = self.runtime_error(format!(
                    "yield was used instead of yield from in task {tr} with {r}"
                ));
                self.loop_push(loop_, Ready::Step(task.clone(), Some(e)));
                return Ok(());
            }
            if v.is(task) {
                let tr = self.repr(task)?;
                let e = self.runtime_error(format!("Task cannot await on itself: {tr}"));
                self.loop_push(loop_, Ready::Step(task.clone(), Some(e)));
                return Ok(());
            }
            if !self.future_loop(&v).is(loop_) {
                let tr = self.repr(task)?;
                let r = self.repr(&v)?;
                let e = self.runtime_error(format!(
                    "Task {tr} got Future {r} attached to a different loop"
                ));
                self.loop_push(loop_, Ready::Step(task.clone(), Some(e)));
                return Ok(());
            }
            self.future_add_done_callback(&v, DoneCallback::Wakeup(task.clone()))?;
            let (must_cancel, msg) = {
                let Some(mut t) = task_state(task) else {
                    return Ok(());
                };
                t.waiter = v.clone();
                (t.must_cancel, t.cancel_message.clone())
            };
            if must_cancel && self.cancel_any(&v, msg)? {
                if let Some(mut t) = task_state(task) {
                    t.must_cancel = false;
                }
            }
            return Ok(());
        }
        if v.is_none() {
            // A bare yield (`sleep(0)`): run again in the next iteration.
            self.loop_push(loop_, Ready::Step(task.clone(), None));
            return Ok(());
        }
        let r = self.repr(&v)?;
        let e = self.runtime_error(format!("Task got bad yield: {r}"));
        self.loop_push(loop_, Ready::Step(task.clone(), Some(e)));
        Ok(())
    }

    /// `__wakeup`: the awaited future is done; step with its exception if it has one.
    pub fn task_wakeup(&mut self, task: &Value, fut: &Value) -> PyResult<()> {
        match self.future_result(fut) {
            Ok(_) => self.task_step(task, None),
            Err(e) => self.task_step(task, Some(e)),
        }
    }

    pub fn cancelled_error(&mut self, msg: Value) -> ExcRef {
        let class = self.runtime().classes().cancelled_error.clone();
        if msg.is_none() {
            self.new_exception(&class, vec![])
        } else {
            self.new_exception(&class, vec![msg])
        }
    }

    /// `task.cancel(msg)`.
    pub fn task_cancel(&mut self, task: &Value, msg: Value) -> PyResult<bool> {
        let waiter = {
            let Some(mut t) = task_state(task) else {
                return Ok(false);
            };
            t.fut.log_traceback = false;
            if t.fut.state != FutState::Pending {
                return Ok(false);
            }
            t.num_cancels_requested += 1;
            t.waiter.clone()
        };
        if !waiter.is_none() && self.cancel_any(&waiter, msg.clone())? {
            // The task wakes up with CancelledError from its waiter.
            return Ok(true);
        }
        if let Some(mut t) = task_state(task) {
            t.must_cancel = true;
            t.cancel_message = msg;
        }
        Ok(true)
    }

    /// `fut.cancel(msg)` for a native future or task, or a Python-level future.
    pub fn cancel_any(&mut self, fut: &Value, msg: Value) -> PyResult<bool> {
        let exact = |v: &Value, c: &std::rc::Rc<crate::object::Class>| matches!(v, Value::Object(o) if std::rc::Rc::ptr_eq(&o.class, c));
        if exact(fut, &self.runtime().classes().task.clone()) {
            return self.task_cancel(fut, msg);
        }
        if exact(fut, &self.runtime().classes().future.clone()) {
            return Ok(self.future_cancel(fut, msg));
        }
        if exact(fut, &self.runtime().classes().gathering_future.clone()) {
            return self.gather_cancel(fut, msg);
        }
        let r = self.call_method(fut, "cancel", &[msg])?;
        self.is_true(&r)
    }

    fn set_current_task(&mut self, loop_: &Value, task: Value) -> Value {
        match loop_state(loop_) {
            Some(l) => std::mem::replace(&mut l.borrow_mut().current_task, task),
            None => Value::None,
        }
    }

    pub fn current_task(&self, loop_: &Value) -> Value {
        loop_state(loop_).map_or(Value::None, |l| l.borrow().current_task.clone())
    }
}

impl Drop for TaskState {
    fn drop(&mut self) {
        if self.fut.log_traceback {
            self.fut.log_traceback = false;
            if let Some(e) = self.fut.exception.take() {
                let name = self.name_value().as_str().unwrap_or("?").to_string();
                let coro = match &self.coro {
                    Value::Generator(g) => {
                        let code = g.code();
                        format!(
                            "{}() done, defined at {}:{}",
                            g.qualname.borrow().as_str(),
                            code.filename(),
                            code.first_line
                        )
                    }
                    _ => "?".into(),
                };
                super::unretrieved::queue_task(e, std::mem::take(&mut self.fut.loop_), name, coro);
            }
        }
    }
}
