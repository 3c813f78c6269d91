//! What the loop does, as events: the raw material of `apy run --trace` and
//! `--trace-mermaid` (written by the `trace` layer from a finished run).
//!
//! The loop emits an event where CPython's semantics define a point worth seeing: a
//! task created (by which task, on which line), a step started and how it ended (what
//! the task now awaits, or that it finished), a waiter woken (by which task, or by the
//! loop itself for timers and callbacks), each `_run_once` iteration and its wait.
//!
//! Nobody listening costs one thread-local flag test per point ([`on`]): the events
//! are built only behind it. The interpreter runs on one thread, so the recorder is
//! thread-local too, and it outlives loops: a program that calls `asyncio.run` twice
//! records both runs.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::time::Duration;

/// A task while it lives: its object's address. The recorder turns it into a
/// [`TaskId`] at creation, so a later task at a reused address is a new one.
pub type TaskKey = usize;

/// A task's number in a recording: 1 for the first task created, and so on.
pub type TaskId = u32;

/// What a task waits on after a step.
#[derive(Clone, Debug, PartialEq)]
pub enum WaitOn {
    /// `asyncio.sleep(delay)`.
    Sleep { delay: f64 },
    /// Another task.
    Task(TaskId),
    /// `gather()` of these tasks (children that are not tasks are left out).
    Gather(Vec<TaskId>),
    /// Any other future, described by the function that awaits it (`Event.wait`,
    /// `Queue.get`, `Lock.acquire`...) or the future's type.
    Future(String),
}

/// How a step ended.
#[derive(Clone, Debug, PartialEq)]
pub enum StepEnd {
    Await(WaitOn),
    /// A bare yield (`sleep(0)`): the task runs again in the next iteration.
    Yield,
    Returned,
    /// The coroutine raised: the exception's type name.
    Failed(String),
    Cancelled,
}

/// Who woke a task.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Waker {
    /// A task's step completed the future (set an event, put to a queue, returned).
    Task(TaskId),
    /// The loop: a timer fired, a callback ran, IO became ready.
    Loop,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// `_run_once` began, with this many callbacks ready before it waited.
    IterationStarted {
        ready: usize,
    },
    /// The wait of an iteration: how long it took (`jumped`: the virtual clock moved
    /// instead of the process sleeping), and how many IO callbacks it queued.
    Waited {
        took: Duration,
        jumped: bool,
        io_ready: usize,
    },
    IterationEnded {
        ran: usize,
    },
    TaskCreated {
        task: TaskId,
        name: String,
        /// The coroutine's qualified name.
        coro: String,
        parent: Option<TaskId>,
        /// `file:line` of the code that created it.
        site: Option<String>,
        /// The coroutine is the standard library's own (`asyncio.run`'s shutdown
        /// steps): diagrams for learners leave it out.
        library: bool,
    },
    StepStarted {
        task: TaskId,
    },
    StepEnded {
        task: TaskId,
        end: StepEnd,
    },
    /// The future `task` awaited is done; its wakeup is queued.
    Woken {
        task: TaskId,
        by: Waker,
    },
    /// A timer was set (`call_later`, `call_at`, a sleep): its deadline on the loop's
    /// clock and how far ahead that was.
    TimerSet {
        when: f64,
        delay: f64,
    },
    TimerFired {
        when: f64,
    },
    TimerCancelled {
        when: f64,
    },
    /// The loop started to wait for `fd` (`add_reader`/`add_writer`, a stream or
    /// transport underneath).
    IoWait {
        fd: i32,
        write: bool,
    },
    /// The poll found `fd` ready; its callback is queued.
    IoReady {
        fd: i32,
        write: bool,
    },
    /// "exception was never retrieved": the report's header.
    Unretrieved {
        what: String,
    },
    /// A callback (`call_soon`, `call_later`, a done-callback) ran: its source.
    CallbackRan {
        what: String,
    },
}

/// An event and when it happened, on the trace's clock (see [`Recorder::stamp`]).
#[derive(Clone, Debug)]
pub struct Stamped {
    pub at: Duration,
    pub event: Event,
}

/// A recording stops growing at this many events (about 100 MB): a long-running
/// program traced by mistake keeps running, and the trace says what it left out.
pub const MAX_EVENTS: usize = 2_000_000;

/// What a run recorded.
#[derive(Default)]
pub struct Recording {
    pub events: Vec<Stamped>,
    /// Events left out after [`MAX_EVENTS`].
    pub dropped: u64,
}

/// Everything recorded so far.
#[derive(Default)]
pub struct Recorder {
    events: Vec<Stamped>,
    dropped: u64,
    ids: HashMap<TaskKey, TaskId>,
    /// Tasks numbered so far.
    tasks: TaskId,
    /// The last `sleep()` future created, and its delay: the next step end that awaits
    /// it is a sleep.
    last_sleep: Option<(usize, f64)>,
    /// Under a virtual clock, steps take no time: each event moves the trace's clock by
    /// a microsecond so every step has a width and the order stays visible.
    virtual_offset: Duration,
}

thread_local! {
    static ON: Cell<bool> = const { Cell::new(false) };
    static RECORDER: RefCell<Recorder> = RefCell::new(Recorder::default());
}

/// Whether anyone listens: emission sites test this before building an event.
#[inline]
pub fn on() -> bool {
    ON.with(Cell::get)
}

/// Starts recording (`apy run --trace ...`).
pub fn start() {
    ON.with(|on| on.set(true));
}

/// Stops recording and hands over what was recorded.
pub fn finish() -> Recording {
    ON.with(|on| on.set(false));
    let r = RECORDER.with(|r| std::mem::take(&mut *r.borrow_mut()));
    Recording {
        events: r.events,
        dropped: r.dropped,
    }
}

/// Runs `f` on the recorder (only called when [`on`]).
pub fn with<R>(f: impl FnOnce(&mut Recorder) -> R) -> R {
    RECORDER.with(|r| f(&mut r.borrow_mut()))
}

/// Records `event` now.
pub fn record(event: Event) {
    with(|r| r.push(event));
}

impl Recorder {
    /// The trace's clock: the loop's clock (see `clock::now`), plus a microsecond
    /// per event under a virtual clock.
    fn stamp(&mut self) -> Duration {
        let now = super::clock::now();
        if super::clock::is_virtual() {
            self.virtual_offset += Duration::from_micros(1);
        }
        now + self.virtual_offset
    }

    pub fn push(&mut self, event: Event) {
        if self.events.len() >= MAX_EVENTS {
            self.dropped += 1;
            return;
        }
        let at = self.stamp();
        self.events.push(Stamped { at, event });
    }

    /// The id of a task that is being created: a new number, even at a reused address.
    pub fn new_task(&mut self, key: TaskKey) -> TaskId {
        self.tasks += 1;
        let id = self.tasks;
        self.ids.insert(key, id);
        id
    }

    /// The id of a live task (one created before recording began gets one now).
    pub fn task(&mut self, key: TaskKey) -> TaskId {
        match self.ids.get(&key) {
            Some(&id) => id,
            None => self.new_task(key),
        }
    }

    pub fn sleep_started(&mut self, future: usize, delay: f64) {
        self.last_sleep = Some((future, delay));
    }

    /// Whether `future` is the last `sleep()` future: its delay if so.
    pub fn sleep_of(&mut self, future: usize) -> Option<f64> {
        match self.last_sleep {
            Some((f, delay)) if f == future => {
                self.last_sleep = None;
                Some(delay)
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reused_address_is_a_new_task() {
        let mut r = Recorder::default();
        let a = r.new_task(0x1000);
        assert_eq!(r.task(0x1000), a);
        let b = r.new_task(0x1000);
        assert_ne!(a, b);
        assert_eq!(r.task(0x1000), b);
        assert_eq!(
            r.task(0x2000),
            b + 1,
            "a task made before recording gets a number"
        );
    }

    #[test]
    fn recording_is_off_until_started() {
        assert!(!on());
        start();
        record(Event::IterationStarted { ready: 1 });
        let recording = finish();
        assert!(!on());
        assert_eq!(recording.events.len(), 1);
        assert!(finish().events.is_empty());
    }
}
