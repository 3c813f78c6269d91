//! The event loop: a ready queue, a timer min-heap and an IO wait queue, with CPython's
//! `_run_once` semantics.
//!
//! One iteration: drop cancelled timers at the top of the heap; compute the timeout
//! (0 if anything is ready, else until the earliest timer, else forever); wait for IO
//! and queue the callbacks of ready fds ([`super::io_waits`]); move every due timer to
//! the ready queue; then run **only** the callbacks that were ready at that point —
//! anything they schedule runs in the next iteration. Timers are ordered by deadline
//! alone, with `heapq`'s tie behaviour (see [`super::timer_heap`]).

use super::child_watcher::ChildWaits;
use super::future::fut_state;
use super::future::FutureRef;
use super::handle::HandleRef;
use super::io_waits::IoWaits;
use super::loop_events::{self, Event};
use super::payload::FutState;
use super::task::TaskRef;
use super::timer_heap::{Timer, TimerHeap};
use crate::object::{ExcRef, Object, Value};
use crate::vm::{PyResult, Vm};
use std::cell::RefCell;
use std::collections::VecDeque;

/// Work that can run now.
pub enum Ready {
    /// Run a task's next step, optionally throwing an exception into it.
    Step(TaskRef, Option<ExcRef>),
    /// A task's wakeup: the future it waited on is done.
    Wakeup(TaskRef, FutureRef),
    /// A done-callback: `callback(future)`.
    Call(Value, Value),
    /// A `gather()` child finished: (gathering future, child).
    GatherChild(Value, FutureRef),
    /// A user-visible handle from `call_soon`/`call_later` (skipped if cancelled).
    Handle(HandleRef),
}

impl Ready {
    fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        match self {
            Ready::Step(t, e) => {
                f(t.value());
                if let Some(e) = e {
                    f(&Value::Object(e.clone()));
                }
            }
            Ready::Wakeup(t, fut) => {
                f(t.value());
                f(fut.value());
            }
            Ready::Call(a, b) => {
                f(a);
                f(b);
            }
            Ready::GatherChild(outer, child) => {
                f(outer);
                f(child.value());
            }
            Ready::Handle(h) => f(h.value()),
        }
    }
}

pub struct LoopState {
    pub ready: VecDeque<Ready>,
    pub timers: TimerHeap,
    pub cancelled_timers: usize,
    /// Callbacks waiting for fds to become readable or writable.
    pub io: IoWaits,
    /// Callbacks waiting for child processes to exit.
    pub children: ChildWaits,
    pub running: bool,
    pub stopping: bool,
    pub closed: bool,
    /// Every task created on this loop that may still be pending (dead and done ones are
    /// pruned lazily). Weak, like CPython's `_all_tasks` WeakSet: what keeps a task
    /// alive is what it waits on (the ready queue, a timer, a future's callbacks), so a
    /// finished task nobody holds is freed at once — and its unretrieved exception
    /// reported then, as in CPython.
    pub tasks: Vec<std::rc::Weak<Object>>,
    pub current_task: Value,
    pub exception_handler: Value,
    /// Async generators first iterated on this loop, for `shutdown_asyncgens`.
    pub asyncgens: Vec<std::rc::Weak<crate::object::Generator>>,
    pub debug: bool,
    /// In debug mode, a callback or task step that runs this long (seconds) is
    /// reported: `Executing <Task ...> took 0.150 seconds`.
    pub slow_callback_duration: f64,
}

impl LoopState {
    pub fn new() -> LoopState {
        LoopState {
            ready: VecDeque::new(),
            timers: TimerHeap::new(),
            cancelled_timers: 0,
            io: IoWaits::new(),
            children: ChildWaits::default(),
            running: false,
            stopping: false,
            closed: false,
            tasks: Vec::new(),
            current_task: Value::None,
            exception_handler: Value::None,
            asyncgens: Vec::new(),
            // As CPython's `coroutines._is_debug_mode()` (no `-X dev` here).
            debug: std::env::var_os("PYTHONASYNCIODEBUG").is_some_and(|v| !v.is_empty())
                || crate::vm::dev_mode::on(),
            slow_callback_duration: 0.1,
        }
    }

    /// `time.monotonic()` as the loop reads it (not a reading of the program's: see
    /// [`super::clock`]).
    pub fn time(&self) -> f64 {
        super::clock::loop_seconds()
    }

    /// The live tasks of this loop that are not done yet.
    pub fn live_tasks(&mut self) -> Vec<Value> {
        self.tasks.retain(|t| {
            t.upgrade().is_some_and(|t| {
                fut_state(&Value::Object(t)).is_none_or(|f| f.state == FutState::Pending)
            })
        });
        self.tasks
            .iter()
            .filter_map(|t| t.upgrade())
            .map(Value::Object)
            .collect()
    }

    pub fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        for r in &self.ready {
            r.traverse(f);
        }
        for t in self.timers.iter() {
            f(t.handle.value());
        }
        self.io.traverse(f);
        self.children.traverse(f);
        f(&self.current_task);
        f(&self.exception_handler);
    }

    pub fn clear_into(&mut self, trash: &mut Vec<Value>) {
        for r in self.ready.drain(..) {
            r.traverse(&mut |v| trash.push(v.clone()));
        }
        for t in self.timers.drain() {
            trash.push(t.handle.into());
        }
        self.io.clear_into(trash);
        self.children.clear_into(trash);
        self.tasks.clear();
    }
}

impl Default for LoopState {
    fn default() -> Self {
        LoopState::new()
    }
}

/// The loop state of a loop object.
pub fn state(v: &Value) -> Option<&RefCell<LoopState>> {
    super::native::native(v)
}

/// A value known to be a native event loop: checked once where it comes in (a loop
/// method's `self`, `run_until_complete`'s loop), then the loop runs on it.
#[derive(Clone)]
pub struct LoopRef(Value);

impl LoopRef {
    /// `v` as a loop, if it is a native one.
    #[inline]
    pub fn of(v: &Value) -> Option<LoopRef> {
        state(v).map(|_| LoopRef(v.clone()))
    }

    /// `v` as the `self` of loop method `method`, or a TypeError.
    pub fn check(vm: &Vm, v: &Value, method: &str) -> PyResult<LoopRef> {
        LoopRef::of(v)
            .ok_or_else(|| super::task::descriptor_error(vm, method, "_UnixSelectorEventLoop", v))
    }

    pub fn value(&self) -> &Value {
        &self.0
    }

    /// The loop's state (never held across a call into Python).
    #[inline]
    pub fn cell(&self) -> &RefCell<LoopState> {
        state(&self.0).expect("a LoopRef holds a loop")
    }

    /// Schedules `item` for the next iteration.
    pub fn push(&self, vm: &mut Vm, item: Ready) {
        vm.loop_push(&self.0, item);
    }

    /// `loop.call_soon(callback, *args)`: returns the Handle.
    pub fn call_soon(&self, vm: &mut Vm, callback: Value, args: Vec<Value>) -> HandleRef {
        let h = vm.new_handle(callback, args, None);
        self.push(vm, Ready::Handle(h.clone()));
        h
    }

    /// `loop.call_at(when, callback, *args)`: returns the TimerHandle.
    pub fn call_at(&self, vm: &mut Vm, when: f64, callback: Value, args: Vec<Value>) -> HandleRef {
        if loop_events::on() {
            let delay = when - super::clock::loop_seconds();
            loop_events::record(Event::TimerSet { when, delay });
        }
        let h = vm.new_handle(callback, args, Some(when));
        self.cell().borrow_mut().timers.push(Timer {
            when,
            handle: h.clone(),
        });
        h
    }

    pub fn time(&self) -> f64 {
        self.cell().borrow().time()
    }

    pub fn stop(&self) {
        self.cell().borrow_mut().stopping = true;
    }

    /// One iteration of the loop (`BaseEventLoop._run_once`).
    pub fn run_once(&self, vm: &mut Vm) -> PyResult<()> {
        let ls = self.cell();
        let timeout = {
            let mut l = ls.borrow_mut();
            // Drop cancelled timers: rebuild the heap when most of it is dead, else
            // pop them from the top (`_MIN_SCHEDULED_TIMER_HANDLES`, `..._FRACTION`).
            let count = l.timers.len();
            if count > 100 && l.cancelled_timers as f64 / count as f64 > 0.5 {
                l.timers.retain_and_heapify(|t| !t.handle.cancelled());
                l.cancelled_timers = 0;
            } else {
                while l.timers.peek().is_some_and(|top| top.handle.cancelled()) {
                    l.timers.pop();
                    l.cancelled_timers = l.cancelled_timers.saturating_sub(1);
                }
            }
            if !l.ready.is_empty() || l.stopping {
                Some(0.0)
            } else {
                l.timers.peek().map(|top| (top.when - l.time()).max(0.0))
            }
        };
        // epoll takes whole milliseconds: CPython's selector rounds the timeout up, so
        // timers a little apart can come due in the same iteration.
        let timeout = timeout.map(|t| {
            let t = if t > 0.0 {
                (t * 1e3).ceil() * 1e-3
            } else {
                0.0
            };
            std::time::Duration::from_secs_f64(t.min(86400.0))
        });
        let (waits_on_io, waits_on_children) = {
            let l = ls.borrow();
            (!l.io.is_empty(), !l.children.is_empty())
        };
        let traced = loop_events::on().then(|| {
            let ready = ls.borrow().ready.len();
            loop_events::record(Event::IterationStarted { ready });
            (ready, super::clock::now())
        });
        // Under a virtual clock, a wait only for timers is a jump; a wait that real IO,
        // a child or a real-time alarm could end takes real time, and the clock moves by
        // what it took.
        let real_wait_started = super::clock::is_virtual().then(super::clock::real_elapsed);
        let jump = real_wait_started.is_some()
            && !waits_on_io
            && !waits_on_children
            && !super::signals::real_timer_armed();
        if waits_on_io {
            let mut l = ls.borrow_mut();
            let l = &mut *l;
            l.io.poll(timeout, &mut l.ready);
        } else {
            match timeout {
                Some(t) if !t.is_zero() && jump => super::clock::advance(t),
                Some(t) if !t.is_zero() => wait_for_events(Some(t)),
                Some(_) => {}
                // A watcher thread wakes the poller when a child exits.
                None if waits_on_children => wait_for_events(None),
                // A signal handler may yet schedule something (`add_signal_handler`).
                None if vm.signals_can_wake() => wait_for_events(None),
                // Nothing ready, no timers and no IO: nothing can ever wake this loop.
                None => return Err(vm.stuck_error(self)),
            }
        }
        if let (Some(started), false) = (real_wait_started, jump) {
            super::clock::advance(super::clock::real_elapsed().saturating_sub(started));
        }
        if let Some((ready_before, clock_start)) = traced {
            let io_ready = ls.borrow().ready.len().saturating_sub(ready_before);
            loop_events::record(Event::Waited {
                took: super::clock::now().saturating_sub(clock_start),
                jumped: jump,
                io_ready,
            });
        }
        if waits_on_children {
            let mut l = ls.borrow_mut();
            let l = &mut *l;
            l.children.collect(vm, &mut l.ready);
        }
        // Signals that woke the poller run their Python handlers here, before the
        // callbacks (a handler may schedule some: `add_signal_handler`).
        vm.check_signals()?;
        {
            let mut l = ls.borrow_mut();
            let end = l.time() + CLOCK_RESOLUTION;
            while let Some(top) = l.timers.peek() {
                if top.when >= end {
                    break;
                }
                let t = l.timers.pop().expect("peeked timer");
                if t.handle.cancelled() {
                    l.cancelled_timers = l.cancelled_timers.saturating_sub(1);
                } else {
                    if traced.is_some() {
                        loop_events::record(Event::TimerFired { when: t.when });
                    }
                    l.ready.push_back(Ready::Handle(t.handle));
                }
            }
        }
        let ntodo = ls.borrow().ready.len();
        for _ in 0..ntodo {
            let item = ls.borrow_mut().ready.pop_front();
            let Some(item) = item else { break };
            if ls.borrow().debug {
                self.run_ready_timed(vm, item)?;
            } else {
                self.run_ready(vm, item)?;
            }
            // A future freed by that callback reports its unretrieved exception now,
            // as CPython's `__del__` would.
            if super::unretrieved::pending() {
                vm.report_unretrieved();
            }
            if super::asyncgen::finalize_pending() {
                vm.flush_asyncgen_finalizers();
            }
            if crate::object::gc::safe_point_pending() {
                vm.safe_point();
            }
        }
        if crate::vm::warnings::pending() {
            vm.flush_warnings_outside();
        }
        vm.report_unretrieved();
        if traced.is_some() {
            loop_events::record(Event::IterationEnded { ran: ntodo });
        }
        Ok(())
    }

    /// Debug mode's `_run_once`: a callback that takes `slow_callback_duration` or more
    /// (read after it ran, as CPython does) is reported as CPython's logger does
    /// (`Executing <Task ...> took 0.150 seconds`). Timed on the loop's clock, so under
    /// `--virtual-time` a `time.sleep` counts.
    fn run_ready_timed(&self, vm: &mut Vm, item: Ready) -> PyResult<()> {
        // What the report names: the task for its steps, else the handle.
        let who = match &item {
            Ready::Step(t, _) | Ready::Wakeup(t, _) => t.value().clone(),
            Ready::Handle(h) => h.value().clone(),
            Ready::Call(cb, _) => cb.clone(),
            Ready::GatherChild(outer, _) => outer.clone(),
        };
        let start = super::clock::now();
        let r = self.run_ready(vm, item);
        let took = super::clock::now().saturating_sub(start).as_secs_f64();
        if took >= self.cell().borrow().slow_callback_duration {
            let who = vm.repr(&who)?;
            vm.write_stderr(&format!("Executing {who} took {took:.3} seconds\n"));
        }
        r
    }

    fn run_ready(&self, vm: &mut Vm, item: Ready) -> PyResult<()> {
        // What CPython's Handle would hold: the callback and its arguments.
        let (r, callback, args) = match item {
            Ready::Step(task, exc) => (task.step(vm, exc), None, Vec::new()),
            Ready::Wakeup(task, fut) => (task.wakeup(vm, &fut), None, Vec::new()),
            Ready::Call(cb, fut) => (
                vm.call(&cb, std::slice::from_ref(&fut)).map(|_| ()),
                Some(cb),
                vec![fut],
            ),
            Ready::GatherChild(outer, child) => {
                (vm.gather_child_done(&outer, &child), None, Vec::new())
            }
            Ready::Handle(h) => {
                let Some((cb, args, context)) = h.to_run() else {
                    return Ok(());
                };
                if loop_events::on() && !cb.is(&vm.runtime().set_result_unless_cancelled) {
                    vm.trace_callback(&cb);
                }
                let r = if context.is_none() {
                    vm.call(&cb, &args).map(|_| ())
                } else {
                    let outer = vm.switch_context(context);
                    let r = vm.call(&cb, &args).map(|_| ());
                    vm.restore_context(outer);
                    r
                };
                if let Err(e) = r {
                    return self.callback_failed(vm, e, Some(h));
                }
                return Ok(());
            }
        };
        match r {
            Ok(()) => Ok(()),
            Err(e) => {
                let handle = callback.map(|cb| vm.new_handle(cb, args, None));
                self.callback_failed(vm, e, handle)
            }
        }
    }

    /// CPython's `Handle._run` error path: SystemExit and KeyboardInterrupt stop the
    /// loop; anything else goes to the exception handler as
    /// "Exception in callback ...".
    fn callback_failed(&self, vm: &mut Vm, e: ExcRef, handle: Option<HandleRef>) -> PyResult<()> {
        if e.class.is_subclass(&vm.exc.system_exit)
            || e.class.is_subclass(&vm.exc.keyboard_interrupt)
        {
            return Err(e);
        }
        let source = match &handle {
            Some(h) => {
                let (cb, args) = h.callback();
                vm.format_callback_source(&cb, &args)?
            }
            None => "Task.__step()".to_string(),
        };
        let mut ctx = vec![
            (
                "message",
                Value::str(format!("Exception in callback {source}")),
            ),
            ("exception", Value::Object(e)),
        ];
        if let Some(h) = handle {
            ctx.push(("handle", h.into()));
        }
        vm.call_exception_handler(&self.0, ctx)
    }

    /// `loop.run_forever()`.
    pub fn run_forever(&self, vm: &mut Vm) -> PyResult<()> {
        self.check_can_run(vm)?;
        let ls = self.cell();
        ls.borrow_mut().running = true;
        vm.runtime_mut().running_loop = Some(self.clone());
        // Debug mode tracks where coroutines are created, for the never-awaited
        // warning (CPython's `_set_coroutine_origin_tracking`).
        let origin_depth = vm.coroutine_origin_depth;
        if ls.borrow().debug {
            vm.coroutine_origin_depth = DEBUG_STACK_DEPTH;
        }
        let result = loop {
            if let Err(e) = self.run_once(vm) {
                break Err(e);
            }
            if ls.borrow().stopping {
                break Ok(());
            }
        };
        {
            let mut l = ls.borrow_mut();
            l.stopping = false;
            l.running = false;
        }
        vm.runtime_mut().running_loop = None;
        vm.coroutine_origin_depth = origin_depth;
        result
    }

    /// `_check_closed()` and `_check_running()`.
    fn check_can_run(&self, vm: &mut Vm) -> PyResult<()> {
        {
            let l = self.cell().borrow();
            if l.closed {
                return Err(vm.runtime_error("Event loop is closed"));
            }
            if l.running {
                return Err(vm.runtime_error("This event loop is already running"));
            }
        }
        if vm.runtime().running_loop.is_some() {
            return Err(vm.runtime_error("Cannot run the event loop while another loop is running"));
        }
        Ok(())
    }

    /// `loop.run_until_complete(future_or_coroutine)`: the loop is checked before the
    /// argument is wrapped, so a refused coroutine does not become a task.
    pub fn run_until_complete(&self, vm: &mut Vm, fut: Value) -> PyResult {
        self.check_can_run(vm)?;
        let new_task = !super::future::is_future(&fut);
        let fut = vm.ensure_future(&self.0, fut)?;
        let stopper = vm.runtime().stop_callback.clone();
        fut.add_done_callback(vm, super::payload::DoneCallback::Call(stopper.clone()));
        let r = self.run_forever(vm);
        fut.remove_done_callback(&stopper);
        if let Err(e) = r {
            // The task is abandoned: looking at its exception keeps it from being
            // reported as never retrieved.
            if new_task && fut.done() && !fut.cancelled() {
                let _ = fut.exception(vm);
            }
            return Err(e);
        }
        if !fut.done() {
            return Err(vm.runtime_error("Event loop stopped before Future completed."));
        }
        fut.result(vm)
    }
}

impl From<LoopRef> for Value {
    fn from(l: LoopRef) -> Value {
        l.0
    }
}

/// How many frames debug mode records where a coroutine is created (CPython's
/// `asyncio.constants.DEBUG_STACK_DEPTH`).
const DEBUG_STACK_DEPTH: usize = 10;

/// Blocks on the poller until an event, Ctrl-C, or the timeout.
fn wait_for_events(timeout: Option<std::time::Duration>) {
    match super::signals::poller() {
        Some(p) => {
            let mut events = super::poller::Events::new();
            let _ = p.wait(&mut events, timeout);
            super::signals::drain_wakeup();
        }
        None => {
            if let Some(t) = timeout {
                std::thread::sleep(t);
            }
        }
    }
}

impl Vm {
    pub fn new_event_loop(&mut self) -> LoopRef {
        let class = self.runtime().classes().loop_.clone();
        LoopRef(super::native::new_object(
            class,
            RefCell::new(LoopState::new()),
        ))
    }

    /// The running loop, or RuntimeError("no running event loop").
    pub fn running_loop(&self) -> PyResult<LoopRef> {
        match &self.runtime().running_loop {
            Some(l) => Ok(l.clone()),
            None => Err(self.runtime_error("no running event loop")),
        }
    }

    /// Schedules `item` on a future's loop. That loop is whatever `Future(loop=...)` was
    /// given: only a native loop has a ready queue, so for another object the item is
    /// dropped (a foreign loop never runs native futures' callbacks).
    pub fn loop_push(&mut self, loop_: &Value, item: Ready) {
        // A generator dropped before this scheduling had its finalizer called first.
        if super::asyncgen::finalize_pending() {
            self.flush_asyncgen_finalizers();
        }
        if let Some(l) = state(loop_) {
            l.borrow_mut().ready.push_back(item);
        }
    }

    /// `format_helpers._format_callback_source(callback, args)`.
    pub fn format_callback_source(&mut self, cb: &Value, args: &[Value]) -> PyResult<String> {
        let f = self.runtime().format_callback_source.clone();
        if f.is_none() {
            return self.repr(cb);
        }
        let r = self.call(&f, &[cb.clone(), Value::tuple(args.to_vec())])?;
        self.str(&r)
    }

    /// `loop.call_exception_handler(context)` with a context built from `entries`.
    pub fn call_exception_handler(
        &mut self,
        loop_: &Value,
        entries: Vec<(&str, Value)>,
    ) -> PyResult<()> {
        let ctx = crate::object::DictObj::new(crate::object::Dict::new());
        for (k, v) in entries {
            let k = self.new_str(k);
            self.dict_set_item(&ctx, k, v)?;
        }
        self.call_method(loop_, "call_exception_handler", &[Value::Dict(ctx)])?;
        Ok(())
    }
}

/// `_clock_resolution`: timers due within this much of now run in this iteration.
const CLOCK_RESOLUTION: f64 = 1e-9;
