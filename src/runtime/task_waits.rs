//! What a pending task waits for, read off its state and its await chain: another
//! task, a gather's pending children, a sleep, or the object behind a plain future
//! (the `self` of `Event.wait`, `Lock.acquire`, `Queue.get`...). The stuck-program
//! report and the live task tree (`apy.tasks()`) both describe tasks this way.

use super::await_chain::{frame_values, Link};
use super::future::FutureRef;
use super::payload::SleepState;
use super::task::TaskRef;
use crate::object::Value;
use crate::vm::Vm;
use std::cell::RefCell;

/// A pending task and what it waits on.
pub struct Waiter {
    pub task: Value,
    /// `Task-2 worker()`.
    pub label: String,
    pub chain: Vec<Link>,
    pub waits_for: Target,
}

pub enum Target {
    /// Other tasks (a task awaited, or the pending children of a gather).
    Tasks(Vec<Value>, String),
    /// An object the task waits to be set, released or filled (`self` of the
    /// innermost library coroutine: an Event, a Lock, a Queue...), or the bare future.
    Object {
        object: Value,
        /// How the wait reads: `Event.wait`, `Queue.get`, `a Future`.
        how: String,
    },
    /// `asyncio.sleep(delay)`, with the seconds left.
    Sleep { delay: f64, left: f64 },
    /// Not waiting: the task is running now (it asked), or is about to run.
    Nothing,
}

/// For each waiter, the waiters it awaits (tasks, or a gather's pending children), by
/// index: the edges of the await tree.
pub fn await_edges(waiters: &[Waiter]) -> Vec<Vec<usize>> {
    waiters
        .iter()
        .map(|w| match &w.waits_for {
            Target::Tasks(tasks, _) => tasks
                .iter()
                .filter_map(|t| waiters.iter().position(|o| o.task.is(t)))
                .collect(),
            _ => Vec::new(),
        })
        .collect()
}

impl Vm {
    /// Every pending task of `loop_`, described.
    pub fn pending_waiters(&mut self, loop_: &super::event_loop::LoopRef) -> Vec<Waiter> {
        let tasks = loop_.cell().borrow_mut().live_tasks();
        tasks
            .iter()
            .filter_map(TaskRef::of)
            .filter(|t| !t.future().done())
            .map(|t| self.describe_waiter(&t))
            .collect()
    }

    pub fn describe_waiter(&mut self, task: &TaskRef) -> Waiter {
        let (coro, waiter, name) = {
            let t = task.state();
            (t.coro.clone(), t.waiter.clone(), t.name_value())
        };
        let chain = self.await_chain(&coro);
        let coro_name = match &coro {
            Value::Generator(g) => g.qualname.borrow().as_str().to_string(),
            other => self.type_name(other),
        };
        let label = format!("{} {}()", name.as_str().unwrap_or("?"), coro_name);
        let waits_for = if let Some(other) = TaskRef::of(&waiter) {
            let how = self.task_label(other.value());
            Target::Tasks(vec![other.value().clone()], how)
        } else if let Some(children) = super::gather::children(&waiter) {
            let pending: Vec<Value> = children
                .iter()
                .filter(|c| !c.done())
                .map(|c| c.value().clone())
                .collect();
            let names: Vec<String> = pending.iter().map(|t| self.task_label(t)).collect();
            Target::Tasks(pending, format!("gather of {}", names.join(", ")))
        } else if let Some(sleep) = chain.last().and_then(|l| self.sleep_awaited(l)) {
            sleep
        } else if FutureRef::of(&waiter).is_some() {
            // The innermost coroutine, when it is the library's (Event.wait,
            // Queue.get...), says what the future stands for: its `self`.
            match chain.last().filter(|l| l.is_library()) {
                Some(link) => {
                    let this = frame_values(&link.coro)
                        .into_iter()
                        .find(|(n, _)| n == "self")
                        .map(|(_, v)| v);
                    match this {
                        Some(object) => Target::Object {
                            object,
                            how: link.qualname.clone(),
                        },
                        None => Target::Object {
                            object: waiter,
                            how: link.qualname.clone(),
                        },
                    }
                }
                None => Target::Object {
                    object: waiter,
                    how: "a future".to_string(),
                },
            }
        } else {
            Target::Nothing
        };
        Waiter {
            task: task.value().clone(),
            label,
            chain,
            waits_for,
        }
    }

    pub fn task_label(&mut self, task: &Value) -> String {
        let Some(t) = TaskRef::of(task) else {
            return self.type_name(task);
        };
        let (coro, name) = {
            let s = t.state();
            (s.coro.clone(), s.name_value())
        };
        let coro = match &coro {
            Value::Generator(g) => g.qualname.borrow().as_str().to_string(),
            other => self.type_name(other),
        };
        format!("{} {}()", name.as_str().unwrap_or("?"), coro)
    }

    /// A sleep the innermost coroutine awaits: its delay and the seconds left.
    fn sleep_awaited(&self, link: &Link) -> Option<Target> {
        let awaited = self.generator_awaiting(&link.coro);
        let sleep = super::native::native::<RefCell<SleepState>>(&awaited)?;
        let s = sleep.borrow();
        let left = s
            .timer
            .as_ref()
            .and_then(|t| t.when())
            .map_or(s.delay, |when| {
                (when - super::clock::loop_seconds()).max(0.0)
            });
        Some(Target::Sleep {
            delay: s.delay,
            left,
        })
    }
}
