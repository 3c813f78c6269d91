//! The loop's trace points: each builds a [`loop_events::Event`] from the runtime's
//! objects (which task, created where, awaiting what). Called only when recording is on
//! ([`loop_events::on`]), so nothing here is on the path of an untraced program.

use super::future::FutureRef;
use super::loop_events::{self, Event, StepEnd, TaskId, WaitOn, Waker};
use super::task::TaskRef;
use crate::object::generator::Origin;
use crate::object::Value;
use crate::vm::Vm;

/// Code of the standard library (frozen into the binary).
fn is_library(filename: &str) -> bool {
    filename.starts_with("<frozen ")
}

/// ` created at FILE:LINE` for a debug-mode repr, when the creation was recorded: the
/// program's own frame nearest to it.
pub fn created_at(source: Option<&Origin>) -> String {
    source
        .and_then(|o| o.frames.iter().find(|f| !is_library(&f.file)))
        .map_or(String::new(), |f| {
            format!(" created at {}:{}", f.file, f.line)
        })
}

fn key(v: &Value) -> usize {
    v.heap_addr().unwrap_or(0)
}

impl Vm {
    fn traced_task_id(&self, task: &Value) -> TaskId {
        loop_events::with(|r| r.task(key(task)))
    }

    /// The task running on `loop_` now, if any, as the recorder knows it.
    fn traced_current_task(&self, loop_: &Value) -> Option<TaskId> {
        let current = self.current_task(loop_);
        (!current.is_none()).then(|| self.traced_task_id(&current))
    }

    pub(super) fn trace_task_created(&mut self, task: &TaskRef, loop_: &Value) {
        let (name, coro, library) = {
            let t = task.state();
            let name = t.name_value();
            let (coro, library) = match &t.coro {
                Value::Generator(g) => (
                    g.qualname.borrow().as_str().to_string(),
                    is_library(g.code().filename()),
                ),
                other => (self.type_name(other), false),
            };
            (name, coro, library)
        };
        let name = name
            .as_str()
            .map_or_else(|| "?".to_string(), str::to_string);
        let parent = self.traced_current_task(loop_);
        let site = self.creation_site();
        let id = loop_events::with(|r| r.new_task(key(task.value())));
        loop_events::record(Event::TaskCreated {
            task: id,
            name,
            coro,
            parent,
            site,
            library,
        });
    }

    /// The frames creating a task or future now (debug mode's `_source_traceback`),
    /// innermost first: the call site a native like `create_task` recorded, then its
    /// callers.
    pub(super) fn creation_stack(&self) -> Box<Origin> {
        let site = self.call_site.as_ref().map(|(code, line)| (&**code, *line));
        self.origin_from(site, usize::MAX)
    }

    /// Where the program is creating a task, as `FILE:LINE`. A task-creating native
    /// leaves its calling line behind; a task made inside the standard library
    /// (`asyncio.run`'s main task, a TaskGroup's) is placed at the program's line that
    /// led there.
    pub(super) fn creation_site(&self) -> Option<String> {
        match &self.call_site {
            Some((code, line)) if !is_library(code.filename()) => {
                Some(format!("{}:{line}", code.filename()))
            }
            _ => self
                .frames
                .iter()
                .rev()
                .find(|f| !is_library(f.code.filename()))
                .map(|f| format!("{}:{}", f.code.filename(), f.line())),
        }
    }

    pub(super) fn trace_step_started(&self, task: &TaskRef) {
        let task = self.traced_task_id(task.value());
        loop_events::record(Event::StepStarted { task });
    }

    pub(super) fn trace_step_ended(&self, task: &TaskRef, end: StepEnd) {
        let task = self.traced_task_id(task.value());
        loop_events::record(Event::StepEnded { task, end });
    }

    /// What a task that yielded `fut` now waits on.
    pub(super) fn trace_wait_on(&mut self, task: &TaskRef, fut: &Value) -> WaitOn {
        if let Some(other) = TaskRef::of(fut) {
            return WaitOn::Task(self.traced_task_id(other.value()));
        }
        if let Some(children) = super::gather::children(fut) {
            let ids = children
                .iter()
                .filter(|c| TaskRef::of(c.value()).is_some())
                .map(|c| self.traced_task_id(c.value()))
                .collect();
            return WaitOn::Gather(ids);
        }
        if let Some(delay) = loop_events::with(|r| r.sleep_of(key(fut))) {
            return WaitOn::Sleep { delay };
        }
        WaitOn::Future(self.awaiting_function(task, fut))
    }

    /// The innermost coroutine of `task`'s await chain names what a plain future is
    /// for (`Event.wait`, `Queue.get`, `Lock.acquire`); a future the task's own
    /// coroutine awaits directly is named by its type.
    fn awaiting_function(&mut self, task: &TaskRef, fut: &Value) -> String {
        let coro = task.state().coro.clone();
        let chain = self.await_chain(&coro);
        match chain.last() {
            Some(innermost) if chain.len() > 1 => innermost.qualname.clone(),
            _ => self.type_name(fut),
        }
    }

    /// `fut` is done and wakes `task`: by the task running now, by `fut` itself when it
    /// is a task that just finished, or else by the loop (a timer, a callback).
    pub(super) fn trace_woken(&self, task: &TaskRef, loop_: &Value, fut: &FutureRef) {
        let by = match self.traced_current_task(loop_) {
            Some(t) => Waker::Task(t),
            None if TaskRef::of(fut.value()).is_some() => {
                Waker::Task(self.traced_task_id(fut.value()))
            }
            None => Waker::Loop,
        };
        let task = self.traced_task_id(task.value());
        loop_events::record(Event::Woken { task, by });
    }

    pub(super) fn trace_sleep_started(&self, fut: &FutureRef, delay: f64) {
        loop_events::with(|r| r.sleep_started(key(fut.value()), delay));
    }

    fn callable_name(&self, f: &Value) -> String {
        match f {
            Value::Function(f) => f.qualname.borrow().as_str().to_string(),
            Value::NativeFunction(f) => f.name.to_string(),
            other => self.type_name(other),
        }
    }

    /// A user callback ran (`call_soon`, `call_later`...): named by its qualified name.
    pub(super) fn trace_callback(&mut self, callback: &Value) {
        let what = match callback {
            Value::BoundMethod(m) => self.callable_name(&m.function),
            other => self.callable_name(other),
        };
        loop_events::record(Event::CallbackRan { what });
    }
}
