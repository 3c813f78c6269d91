//! `asyncio.Task`: drives a coroutine one step at a time (CPython's `Task.__step` and
//! `__wakeup`). A step sends None (or throws) into the coroutine; what it yields decides
//! what happens next: a future → wait on it (a wakeup callback, no allocation); a bare
//! `yield` (`sleep(0)`) → reschedule at once; anything else → RuntimeError in the task.

use super::event_loop::{state as loop_state, Ready};
use super::future::FutureRef;
use super::loop_events::{self, StepEnd};
use super::native::native;
use super::payload::{DoneCallback, FutState, FutureState, TaskState};
use crate::object::{ExcRef, GenKind, Value};
use crate::vm::generators::Sent;
use crate::vm::{PyResult, Vm};
use std::cell::{RefCell, RefMut};

/// A value known to be a native Task: made once where a value comes in (checked, with
/// CPython's TypeError for a wrong type), then every step, wakeup and cancel works on
/// the task's state without a check that could fail.
#[derive(Clone)]
pub struct TaskRef(FutureRef);

impl TaskRef {
    /// `v` as a task, if it is one.
    #[inline]
    pub fn of(v: &Value) -> Option<TaskRef> {
        native::<RefCell<TaskState>>(v).map(|_| TaskRef(FutureRef::known(v.clone())))
    }

    /// `v` as the `self` of Task method `method`, or CPython's TypeError.
    pub fn check(vm: &Vm, v: &Value, method: &str) -> PyResult<TaskRef> {
        TaskRef::of(v).ok_or_else(|| descriptor_error(vm, method, "_asyncio.Task", v))
    }

    pub fn value(&self) -> &Value {
        self.0.value()
    }

    /// The task as the future it also is.
    pub fn future(&self) -> &FutureRef {
        &self.0
    }

    fn cell(&self) -> &RefCell<TaskState> {
        native(self.value()).expect("a TaskRef holds a task")
    }

    /// The task's state (not borrowed across a step of its coroutine).
    #[inline]
    pub fn state(&self) -> RefMut<'_, TaskState> {
        self.cell().borrow_mut()
    }

    pub fn is(&self, v: &Value) -> bool {
        self.value().is(v)
    }
}

impl From<TaskRef> for Value {
    fn from(t: TaskRef) -> Value {
        t.0.into()
    }
}

/// CPython's TypeError for a method of a native type called on another type's object
/// (slot wrappers, the dunder methods, word it differently).
pub fn descriptor_error(vm: &Vm, method: &str, owner: &str, v: &Value) -> ExcRef {
    let got = vm.type_name(v);
    vm.type_error(if method.starts_with("__") && method.ends_with("__") {
        format!("descriptor '{method}' requires a '{owner}' object but received a '{got}'")
    } else {
        format!("descriptor '{method}' for '{owner}' objects doesn't apply to a '{got}' object")
    })
}

impl Vm {
    /// `loop.create_task(coro, name=...)`: the first step is scheduled with call_soon.
    /// A task for `coro` on `loop_`; `context` is the `contextvars.Context` it runs in
    /// (None: a copy of the current one, as CPython's `Task.__init__` makes).
    pub fn new_task(
        &mut self,
        loop_: &Value,
        coro: Value,
        name: Value,
        context: Value,
    ) -> PyResult<TaskRef> {
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
        let (number, class) = {
            let rt = self.runtime_mut();
            rt.task_counter += 1;
            (rt.task_counter, rt.classes().task.clone())
        };
        // The default name is kept as its number and spelled out when asked for: with
        // many pending tasks, a string each is a noticeable share of their memory.
        let name = if name.is_none() {
            Value::Int(number as i64)
        } else {
            self.str_value(&name)?
        };
        let context = if context.is_none() {
            self.capture_context()
        } else {
            context
        };
        let task = TaskRef(FutureRef::known(super::native::new_object(
            class,
            RefCell::new(TaskState {
                fut: FutureState::new(loop_.clone()),
                coro,
                name,
                waiter: Value::None,
                must_cancel: false,
                num_cancels_requested: 0,
                cancel_message: Value::None,
                context,
            }),
        )));
        if super::asyncgen::finalize_pending() {
            self.flush_asyncgen_finalizers();
        }
        if let Some(ls) = loop_state(loop_) {
            let mut l = ls.borrow_mut();
            l.ready.push_back(Ready::Step(task.clone(), None));
            if l.tasks.len() > 64 && l.tasks.len().is_power_of_two() {
                l.live_tasks();
            }
            if let Value::Object(o) = task.value() {
                l.tasks.push(std::rc::Rc::downgrade(o));
            }
            if l.debug {
                task.state().fut.source_traceback = Some(self.creation_stack());
            }
        }
        if loop_events::on() {
            self.trace_task_created(&task, loop_);
        }
        Ok(task)
    }

    /// `ensure_future`: futures pass through, coroutines become tasks.
    pub fn ensure_future(&mut self, loop_: &Value, v: Value) -> PyResult<FutureRef> {
        if let Some(fut) = FutureRef::of(&v) {
            return Ok(fut);
        }
        if matches!(&v, Value::Generator(g) if g.kind == GenKind::Coroutine)
            || super::awaitables::is_native_coroutine(&v)
        {
            return self
                .new_task(loop_, v, Value::None, Value::None)
                .map(|t| t.0);
        }
        let class = self.class_of(&v);
        if class.lookup_str(&self.names.await_.clone()).is_some() {
            // Wrap an awaitable in a coroutine that awaits it.
            let wrap = self.runtime().wrap_awaitable.clone();
            let coro = self.call(&wrap, &[v])?;
            return self
                .new_task(loop_, coro, Value::None, Value::None)
                .map(|t| t.0);
        }
        Err(self.type_error("An asyncio.Future, a coroutine or an awaitable is required"))
    }

    pub fn cancelled_error(&mut self, msg: Value) -> ExcRef {
        let class = self.runtime().classes().cancelled_error.clone();
        if msg.is_none() {
            self.new_exception(&class, vec![])
        } else {
            self.new_exception(&class, vec![msg])
        }
    }

    /// `fut.cancel(msg)` for a native future or task, or a Python-level future.
    pub fn cancel_any(&mut self, fut: &Value, msg: Value) -> PyResult<bool> {
        let exact = |v: &Value, c: &std::rc::Rc<crate::object::Class>| matches!(v, Value::Object(o) if std::rc::Rc::ptr_eq(&o.class, c));
        if exact(fut, &self.runtime().classes().task.clone()) {
            if let Some(task) = TaskRef::of(fut) {
                return task.cancel(self, msg);
            }
        }
        if exact(fut, &self.runtime().classes().future.clone()) {
            if let Some(fut) = FutureRef::of(fut) {
                return Ok(fut.cancel(self, msg));
            }
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

/// A task's life: `Vm::new_task` schedules its first [`TaskRef::step`]; a step that
/// yields a future registers [`TaskRef::wakeup`] on it (`DoneCallback::Wakeup`), and the
/// loop runs the wakeup, which steps again, until the coroutine returns or raises.
impl TaskRef {
    /// One step of the task (CPython's `Task.__step`): send None into the coroutine, or
    /// throw `exc` (or the pending cancellation) into it.
    pub fn step(&self, vm: &mut Vm, exc: Option<ExcRef>) -> PyResult<()> {
        let (coro, loop_, exc, context) = {
            let mut t = self.state();
            if t.fut.state != FutState::Pending {
                drop(t);
                return Err(vm.new_exception_msg(
                    &vm.runtime().classes().invalid_state_error.clone(),
                    "_step(): already done",
                ));
            }
            let mut exc = exc;
            if t.must_cancel {
                t.must_cancel = false;
                let is_cancel = exc
                    .as_ref()
                    .is_some_and(|e| e.class.is_subclass(&vm.runtime().classes().cancelled_error));
                if !is_cancel {
                    let msg = t.cancel_message.clone();
                    exc = Some(vm.cancelled_error(msg));
                }
            }
            t.waiter = Value::None;
            (t.coro.clone(), t.fut.loop_.clone(), exc, t.context.clone())
        };
        // Each step runs in the task's own context (CPython's `Task.__step` runs in
        // `self._context`).
        let outer_context = (!context.is_none()).then(|| vm.switch_context(context));
        let traced = loop_events::on();
        if traced {
            vm.trace_step_started(self);
        }
        let prev = vm.set_current_task(&loop_, self.value().clone());
        let result = match (&coro, exc) {
            (Value::Generator(g), Some(e)) => vm.gen_throw(g, e),
            (Value::Generator(g), None) => vm.gen_send(g, Value::None),
            (Value::Object(_), Some(e)) => match super::awaitables::native_throw(vm, &coro, e) {
                Ok(v) => Ok(Sent::Yielded(v)),
                Err(e) if e.class.is_subclass(&vm.exc.stop_iteration) => {
                    Ok(Sent::Returned(vm.stop_iteration_value(&e)))
                }
                Err(e) => Err(e),
            },
            (Value::Object(_), None) => super::awaitables::native_send(vm, &coro, Value::None),
            _ => Ok(Sent::Returned(Value::None)),
        };
        vm.set_current_task(&loop_, prev);
        if let Some(outer) = outer_context {
            vm.restore_context(outer);
        }
        // A step that ends in a wait is recorded before the task starts waiting (which
        // may already wake it); one that ends the task after the task's future is
        // settled, so the wakeups it causes fall inside the step.
        let mut finished = None;
        if traced {
            match self.trace_step_result(vm, &result) {
                end @ (StepEnd::Await(_) | StepEnd::Yield) => vm.trace_step_ended(self, end),
                end => finished = Some(end),
            }
        }
        match result {
            Ok(Sent::Returned(v)) => {
                let (must_cancel, msg) = {
                    let t = self.state();
                    (t.must_cancel, t.cancel_message.clone())
                };
                if must_cancel {
                    self.0.cancel(vm, msg);
                } else {
                    self.0.set_result(vm, v)?;
                }
            }
            Ok(Sent::Yielded(v)) => self.handle_yield(vm, &loop_, v)?,
            Err(e) => {
                let cancelled = vm.runtime().classes().cancelled_error.clone();
                if e.class.is_subclass(&cancelled) {
                    self.0.cancel_with(vm, e);
                } else if e.class.is_subclass(&vm.exc.keyboard_interrupt)
                    || e.class.is_subclass(&vm.exc.system_exit)
                {
                    self.0.set_exception(vm, Value::Object(e.clone()))?;
                    if let Some(end) = finished {
                        vm.trace_step_ended(self, end);
                    }
                    return Err(e);
                } else {
                    self.0.set_exception(vm, Value::Object(e))?;
                }
            }
        }
        if let Some(end) = finished {
            vm.trace_step_ended(self, end);
        }
        Ok(())
    }

    /// How a step ended, for the trace. A yielded future the task will wait on (one awaited
    /// properly, see [`Self::handle_yield`]) is what it waits on; any other yield runs
    /// the task again next iteration.
    fn trace_step_result(&self, vm: &mut Vm, result: &PyResult<Sent>) -> StepEnd {
        match result {
            Ok(Sent::Yielded(v)) => match FutureRef::of(v) {
                Some(f) if f.state().blocking && !self.is(v) => {
                    StepEnd::Await(vm.trace_wait_on(self, v))
                }
                _ => StepEnd::Yield,
            },
            Ok(Sent::Returned(_)) if self.state().must_cancel => StepEnd::Cancelled,
            Ok(Sent::Returned(_)) => StepEnd::Returned,
            Err(e) if e.class.is_subclass(&vm.runtime().classes().cancelled_error) => {
                StepEnd::Cancelled
            }
            Err(e) => StepEnd::Failed(e.class.name.clone()),
        }
    }

    /// What the coroutine yielded decides what happens next: a future → wait on it; a
    /// bare yield → step again in the next iteration; anything else → RuntimeError
    /// thrown into the task at its next step.
    fn handle_yield(&self, vm: &mut Vm, loop_: &Value, v: Value) -> PyResult<()> {
        let task = self.value();
        if let Some(fut) = FutureRef::of(&v) {
            let blocking = std::mem::replace(&mut fut.state().blocking, false);
            if !blocking {
                let r = vm.repr(&v)?;
                let tr = vm.repr(task)?;
                let e = vm.runtime_error(format!(
                    "yield was used instead of yield from in task {tr} with {r}"
                ));
                vm.loop_push(loop_, Ready::Step(self.clone(), Some(e)));
                return Ok(());
            }
            if v.is(task) {
                let tr = vm.repr(task)?;
                let e = vm.runtime_error(format!("Task cannot await on itself: {tr}"));
                vm.loop_push(loop_, Ready::Step(self.clone(), Some(e)));
                return Ok(());
            }
            if !fut.loop_().is(loop_) {
                let tr = vm.repr(task)?;
                let r = vm.repr(&v)?;
                let e = vm.runtime_error(format!(
                    "Task {tr} got Future {r} attached to a different loop"
                ));
                vm.loop_push(loop_, Ready::Step(self.clone(), Some(e)));
                return Ok(());
            }
            fut.add_done_callback(vm, DoneCallback::Wakeup(self.clone()));
            let (must_cancel, msg) = {
                let mut t = self.state();
                t.waiter = v.clone();
                (t.must_cancel, t.cancel_message.clone())
            };
            if must_cancel && vm.cancel_any(&v, msg)? {
                self.state().must_cancel = false;
            }
            return Ok(());
        }
        if v.is_none() {
            // A bare yield (`sleep(0)`): run again in the next iteration.
            vm.loop_push(loop_, Ready::Step(self.clone(), None));
            return Ok(());
        }
        let r = vm.repr(&v)?;
        let e = vm.runtime_error(format!("Task got bad yield: {r}"));
        vm.loop_push(loop_, Ready::Step(self.clone(), Some(e)));
        Ok(())
    }

    /// `__wakeup`: the awaited future is done; step with its exception if it has one.
    pub fn wakeup(&self, vm: &mut Vm, fut: &FutureRef) -> PyResult<()> {
        match fut.result(vm) {
            Ok(_) => self.step(vm, None),
            Err(e) => self.step(vm, Some(e)),
        }
    }

    /// `task.cancel(msg)`: cancel what it waits on, or throw CancelledError into it at
    /// its next step.
    pub fn cancel(&self, vm: &mut Vm, msg: Value) -> PyResult<bool> {
        let waiter = {
            let mut t = self.state();
            t.fut.log_traceback = false;
            if t.fut.state != FutState::Pending {
                return Ok(false);
            }
            t.num_cancels_requested += 1;
            t.waiter.clone()
        };
        if !waiter.is_none() && vm.cancel_any(&waiter, msg.clone())? {
            // The task wakes up with CancelledError from its waiter.
            return Ok(true);
        }
        let mut t = self.state();
        t.must_cancel = true;
        t.cancel_message = msg;
        Ok(true)
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
                super::unretrieved::queue_task(
                    e,
                    std::mem::take(&mut self.fut.loop_),
                    name,
                    coro,
                    self.fut.source_traceback.take(),
                );
            }
        }
    }
}
