//! The event loop and the asyncio objects built on it.
//!
//! - [`event_loop`]: ready queue, timers ([`timer_heap`]), `_run_once`, `run_until_complete`
//!   (methods of [`event_loop::LoopRef`]);
//! - [`future`] and [`task`]: `asyncio.Future` and `asyncio.Task` semantics (methods of
//!   [`future::FutureRef`] and [`task::TaskRef`]);
//!
//! The handles (`LoopRef`, `FutureRef`, `TaskRef`) are values checked once where they come
//! in from Python; code holding one cannot meet a wrong type, so nothing downstream has
//! a "not a task, do nothing" branch.
//!
//! - [`awaitables`]: what `await` does with native objects (futures, `sleep`), reached
//!   through [`native`], where each state type becomes an object's `Payload::Native`;
//! - [`asyncgen`]: the loop's async-generator hooks (first iteration, finalization);
//! - [`future_methods`] and [`methods`]: the Python-visible methods of futures and tasks,
//!   and of loops and handles;
//! - [`attrs`]: their attributes and reprs; [`unretrieved`]: "exception was never
//!   retrieved" reports.

pub mod asyncgen;
pub mod attrs;
pub mod await_chain;
pub mod awaitables;
pub mod child_watcher;
pub mod clock;
pub mod event_loop;
pub mod future;
pub mod future_methods;
pub mod gather;
pub mod handle;
pub mod io_methods;
pub mod io_waits;
pub mod loop_events;
pub mod methods;
pub mod native;
pub mod payload;
pub mod poller;
pub mod raw_fd;
pub mod read_scratch;
pub mod signals;
pub mod stuck_report;
pub mod task;
pub mod task_tree;
pub mod task_waits;
pub mod timer_heap;
pub mod trace_points;
pub mod unretrieved;

use crate::object::class::{Class, Layout};
use crate::object::{Dict, Object, Payload, Value};
use crate::vm::native_awaitables::YieldOnce;
use crate::vm::Vm;
use std::rc::Rc;

/// Classes of the event-loop objects.
pub struct RuntimeClasses {
    pub loop_: Rc<Class>,
    pub future: Rc<Class>,
    pub task: Rc<Class>,
    pub gathering_future: Rc<Class>,
    pub handle: Rc<Class>,
    pub timer_handle: Rc<Class>,
    pub sleep: Rc<Class>,
    /// What `Future.__await__()` returns: an iterator yielding the future until done.
    pub future_iter: Rc<Class>,
    pub cancelled_error: Rc<Class>,
    pub invalid_state_error: Rc<Class>,
    /// `apy.Stuck`: every task waits and nothing can wake one (see [`stuck_report`]).
    pub stuck: Rc<Class>,
}

/// Per-interpreter event-loop state.
#[derive(Default)]
pub struct RuntimeState {
    classes: Option<RuntimeClasses>,
    /// The loop running right now (`get_running_loop`).
    pub running_loop: Option<event_loop::LoopRef>,
    /// The loop set with `set_event_loop` (`get_event_loop` outside a running loop).
    pub event_loop: Option<Value>,
    /// `set_event_loop` was called (the policy's `_set_called`): from then on
    /// `get_event_loop` no longer creates a loop when none is set.
    pub event_loop_set_called: bool,
    /// The event-loop policy a program set (`asyncio.set_event_loop_policy`), when it
    /// is not the default one, which is answered natively.
    pub loop_policy: Option<Value>,
    /// Task names count up per process: the first task is `Task-1`.
    pub task_counter: u64,
    pub set_result_unless_cancelled: Value,
    pub stop_callback: Value,
    /// `asyncio`'s Python-level helper wrapping an awaitable in a coroutine.
    pub wrap_awaitable: Value,
    /// `asyncio.format_helpers._format_callback_source`, for Handle reprs and
    /// "Exception in callback" reports.
    pub format_callback_source: Value,
    /// Reports an unretrieved exception through the loop's exception handler.
    pub report_unretrieved: Value,
    /// `asyncio.Queue` and `asyncio.Event` (Python classes): exact instances take the
    /// native fast paths of `stdlib::asyncio::queue_fast`.
    pub queue_class: Value,
    pub event_class: Value,
}

impl Vm {
    /// The event loop's per-interpreter state (one lookup in the VM's extension store).
    #[inline]
    pub fn runtime(&self) -> &RuntimeState {
        self.extensions
            .get()
            .expect("runtime::init ran at interpreter start")
    }

    #[inline]
    pub fn runtime_mut(&mut self) -> &mut RuntimeState {
        self.extensions
            .get_mut()
            .expect("runtime::init ran at interpreter start")
    }
}

impl RuntimeState {
    pub fn classes(&self) -> &RuntimeClasses {
        self.classes
            .as_ref()
            .expect("runtime::init ran at interpreter start")
    }
}

fn class(
    vm: &mut Vm,
    name: &str,
    base: &Rc<Class>,
    layout: Layout,
    module: &str,
    builtin: bool,
) -> Rc<Class> {
    let bases = vec![base.clone()];
    let mro = crate::object::class::c3_linearize(&bases).unwrap_or_default();
    let mut dict = Dict::new();
    dict.set_str(vm.intern("__module__"), Value::str(module));
    Class::new(name, bases, mro, dict, layout, builtin)
}

/// Creates the event-loop classes and shared objects (at interpreter start).
pub fn init(vm: &mut Vm) {
    let object = vm.types.object.clone();
    let base_exception = vm.exc.base_exception.clone();
    let exception = vm.exc.exception.clone();
    let classes = RuntimeClasses {
        loop_: class(
            vm,
            "_UnixSelectorEventLoop",
            &object,
            Layout::Native,
            "asyncio.unix_events",
            true,
        ),
        future: class(vm, "Future", &object, Layout::Native, "_asyncio", true),
        task: class(vm, "Task", &object, Layout::Native, "_asyncio", true),
        gathering_future: class(
            vm,
            "_GatheringFuture",
            &object,
            Layout::Native,
            "asyncio.tasks",
            true,
        ),
        handle: class(
            vm,
            "Handle",
            &object,
            Layout::Native,
            "asyncio.events",
            true,
        ),
        timer_handle: class(
            vm,
            "TimerHandle",
            &object,
            Layout::Native,
            "asyncio.events",
            true,
        ),
        sleep: class(vm, "coroutine", &object, Layout::Native, "builtins", true),
        future_iter: class(vm, "FutureIter", &object, Layout::Native, "_asyncio", true),
        cancelled_error: class(
            vm,
            "CancelledError",
            &base_exception,
            Layout::Exception,
            "asyncio.exceptions",
            false,
        ),
        invalid_state_error: class(
            vm,
            "InvalidStateError",
            &exception,
            Layout::Exception,
            "asyncio.exceptions",
            false,
        ),
        stuck: class(
            vm,
            "Stuck",
            &base_exception,
            Layout::Exception,
            "apy",
            false,
        ),
    };
    // Task is a Future subclass for isinstance purposes.
    {
        let future = classes.future.clone();
        for sub in [&classes.task, &classes.gathering_future] {
            sub.mro.borrow_mut().insert(0, future.clone());
            sub.bases.borrow_mut()[0] = future.clone();
        }
        let handle = classes.handle.clone();
        classes
            .timer_handle
            .mro
            .borrow_mut()
            .insert(0, handle.clone());
        classes.timer_handle.bases.borrow_mut()[0] = handle;
    }
    let sleep_class = classes.sleep.clone();
    let once = |done| {
        Value::Object(Object::new(
            sleep_class.clone(),
            Payload::Native(Box::new(YieldOnce { done })),
        ))
    };
    vm.yield_once = [once(false), once(true)];
    vm.extensions.insert(RuntimeState {
        classes: Some(classes),
        ..RuntimeState::default()
    });
    vm.asyncgen_firstiter = asyncgen::register_asyncgen;
    crate::object::generator_death::set_finalize_asyncgen(asyncgen::queue_finalize);
    methods::register(vm);
    task_tree::install_dump_handler(vm);
}
