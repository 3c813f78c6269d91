//! A recorded run as a picture's model: one line per task made of spans (running,
//! waiting on something, ready to run), the loop's iterations with their waits, and the
//! links between tasks (created, awaits, woke). Both writers draw from it.

use crate::runtime::loop_events::{Event, Stamped, StepEnd, TaskId, WaitOn, Waker};
use std::time::Duration;

#[derive(Clone, Debug, PartialEq)]
pub enum SpanKind {
    /// A step of the task's coroutine.
    Run,
    /// Suspended on something.
    Wait(WaitOn),
    /// Scheduled, waiting for the loop to run its next step.
    Ready,
}

#[derive(Clone, Debug)]
pub struct Span {
    pub start: Duration,
    pub end: Duration,
    pub kind: SpanKind,
}

#[derive(Clone, Debug)]
pub struct TaskLine {
    pub id: TaskId,
    pub name: String,
    pub coro: String,
    pub parent: Option<TaskId>,
    pub site: Option<String>,
    /// The standard library's own task (see `Event::TaskCreated`).
    pub library: bool,
    pub created: Duration,
    pub spans: Vec<Span>,
    /// How the task ended, if it did during the run.
    pub outcome: Option<StepEnd>,
}

impl TaskLine {
    /// `Task-2 count()`: how the task is labelled.
    pub fn label(&self) -> String {
        format!("{} {}()", self.name, self.coro)
    }
}

#[derive(Clone, Debug)]
pub struct Iteration {
    pub start: Duration,
    pub end: Duration,
    /// The poll, or the virtual clock's jump: (start, end, jumped).
    pub wait: Option<(Duration, Duration, bool)>,
    pub ready: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Link {
    Created {
        parent: TaskId,
        child: TaskId,
        at: Duration,
    },
    /// `from` started to wait on task `to`.
    Awaits {
        from: TaskId,
        to: TaskId,
        at: Duration,
    },
    /// `by` completed what `task` waited on at `at`; `task` resumed at `resumed`.
    Woke {
        by: Waker,
        task: TaskId,
        at: Duration,
        resumed: Duration,
    },
}

/// Something the loop noted at a moment: a timer set, fired or cancelled, a callback
/// run, an fd waited on or ready, an exception nobody retrieved.
#[derive(Clone, Debug)]
pub struct Mark {
    pub at: Duration,
    pub what: String,
}

#[derive(Default)]
pub struct Timeline {
    pub tasks: Vec<TaskLine>,
    /// The loop's own moments, in time order.
    pub marks: Vec<Mark>,
    pub iterations: Vec<Iteration>,
    pub links: Vec<Link>,
    pub start: Duration,
    pub end: Duration,
}

/// Where a task is between events.
enum Now {
    Ready(Duration),
    Running(Duration),
    Waiting(Duration, WaitOn),
    Done,
}

/// A task's state while the timeline is built: where it is, and who woke it (until
/// the step that wake resumes).
struct Progress {
    now: Now,
    woken: Option<(Waker, Duration)>,
}

impl Timeline {
    pub fn build(events: &[Stamped]) -> Timeline {
        let mut t = Timeline {
            start: events.first().map_or(Duration::ZERO, |e| e.at),
            end: events.last().map_or(Duration::ZERO, |e| e.at),
            ..Timeline::default()
        };
        let mut progress: Vec<Progress> = Vec::new();
        let mut iteration: Option<Iteration> = None;
        for e in events {
            let at = e.at;
            match &e.event {
                Event::TaskCreated {
                    task,
                    name,
                    coro,
                    parent,
                    site,
                    library,
                } => {
                    let i = t.index(*task, at, &mut progress);
                    t.tasks[i] = TaskLine {
                        id: *task,
                        name: name.clone(),
                        coro: coro.clone(),
                        parent: *parent,
                        site: site.clone(),
                        library: *library,
                        created: at,
                        spans: Vec::new(),
                        outcome: None,
                    };
                    progress[i].now = Now::Ready(at);
                    if let Some(parent) = parent {
                        t.links.push(Link::Created {
                            parent: *parent,
                            child: *task,
                            at,
                        });
                    }
                }
                Event::StepStarted { task } => {
                    let i = t.index(*task, at, &mut progress);
                    match std::mem::replace(&mut progress[i].now, Now::Running(at)) {
                        Now::Ready(since) => t.span(i, since, at, SpanKind::Ready),
                        Now::Waiting(since, on) => t.span(i, since, at, SpanKind::Wait(on)),
                        Now::Running(_) | Now::Done => {}
                    }
                    if let Some((by, woke_at)) = progress[i].woken.take() {
                        t.links.push(Link::Woke {
                            by,
                            task: *task,
                            at: woke_at,
                            resumed: at,
                        });
                    }
                }
                Event::StepEnded { task, end } => {
                    let i = t.index(*task, at, &mut progress);
                    if let Now::Running(since) = progress[i].now {
                        t.span(i, since, at, SpanKind::Run);
                    }
                    progress[i].now = match end {
                        StepEnd::Await(on) => {
                            let targets = match on {
                                WaitOn::Task(to) => vec![*to],
                                WaitOn::Gather(tos) => tos.clone(),
                                _ => Vec::new(),
                            };
                            for to in targets {
                                t.links.push(Link::Awaits {
                                    from: *task,
                                    to,
                                    at,
                                });
                            }
                            Now::Waiting(at, on.clone())
                        }
                        StepEnd::Yield => Now::Ready(at),
                        StepEnd::Returned | StepEnd::Failed(_) | StepEnd::Cancelled => {
                            t.tasks[i].outcome = Some(end.clone());
                            Now::Done
                        }
                    };
                }
                Event::Woken { task, by } => {
                    let i = t.index(*task, at, &mut progress);
                    progress[i].woken = Some((*by, at));
                    // What it waited on is over: from now it is ready to run.
                    if let Now::Waiting(since, on) =
                        std::mem::replace(&mut progress[i].now, Now::Ready(at))
                    {
                        t.span(i, since, at, SpanKind::Wait(on));
                    }
                }
                Event::IterationStarted { ready } => {
                    iteration = Some(Iteration {
                        start: at,
                        end: at,
                        wait: None,
                        ready: *ready,
                    });
                }
                Event::Waited { took, jumped, .. } => {
                    if let Some(it) = &mut iteration {
                        let start = at.saturating_sub(*took).max(it.start);
                        it.wait = Some((start, at, *jumped));
                    }
                }
                Event::IterationEnded { .. } => {
                    if let Some(mut it) = iteration.take() {
                        it.end = at;
                        t.iterations.push(it);
                    }
                }
                Event::TimerSet { delay, .. } => {
                    // To the microsecond: the loop's clock reading leaves float noise.
                    let delay = (delay * 1e6).round() / 1e6;
                    t.mark(at, format!("timer set +{}s", seconds(delay)))
                }
                Event::TimerFired { .. } => t.mark(at, "timer fired".to_string()),
                Event::TimerCancelled { .. } => t.mark(at, "timer cancelled".to_string()),
                Event::CallbackRan { what } => t.mark(at, format!("callback {what}()")),
                Event::IoWait { fd, write } => {
                    let dir = if *write { "writable" } else { "readable" };
                    t.mark(at, format!("wait for fd {fd} {dir}"));
                }
                Event::IoReady { fd, write } => {
                    let dir = if *write { "writable" } else { "readable" };
                    t.mark(at, format!("fd {fd} {dir}"));
                }
                Event::Unretrieved { what } => t.mark(at, what.clone()),
            }
        }
        // Tasks still pending when the recording ended (abandoned, or stuck).
        let end = t.end;
        for (i, state) in progress.into_iter().map(|p| p.now).enumerate() {
            match state {
                Now::Ready(since) => t.span(i, since, end, SpanKind::Ready),
                Now::Running(since) => t.span(i, since, end, SpanKind::Run),
                Now::Waiting(since, on) => t.span(i, since, end, SpanKind::Wait(on)),
                Now::Done => {}
            }
        }
        t
    }

    fn mark(&mut self, at: Duration, what: String) {
        self.marks.push(Mark { at, what });
    }

    fn span(&mut self, i: usize, start: Duration, end: Duration, kind: SpanKind) {
        self.tasks[i].spans.push(Span { start, end, kind });
    }

    /// The line of task `id` (and lines for any lower ids not seen yet: tasks made
    /// before the recording began).
    fn index(&mut self, id: TaskId, at: Duration, progress: &mut Vec<Progress>) -> usize {
        while self.tasks.len() < id as usize {
            let id = self.tasks.len() as TaskId + 1;
            self.tasks.push(TaskLine {
                id,
                name: format!("task #{id}"),
                coro: "?".into(),
                parent: None,
                site: None,
                library: false,
                created: at,
                spans: Vec::new(),
                outcome: None,
            });
            progress.push(Progress {
                now: Now::Ready(at),
                woken: None,
            });
        }
        id as usize - 1
    }

    /// Time since the recording began.
    pub fn since_start(&self, at: Duration) -> Duration {
        at.saturating_sub(self.start)
    }
}

/// How a wait reads in a picture: `sleep(1)`, `Task-2`, `gather(Task-2, Task-3)`,
/// `Event.wait`.
pub fn describe_wait(on: &WaitOn, name_of: &dyn Fn(TaskId) -> String) -> String {
    match on {
        WaitOn::Sleep { delay } => format!("sleep({})", seconds(*delay)),
        WaitOn::Task(id) => name_of(*id),
        WaitOn::Gather(ids) => {
            let names: Vec<String> = ids.iter().map(|id| name_of(*id)).collect();
            format!("gather({})", names.join(", "))
        }
        WaitOn::Future(what) => what.clone(),
    }
}

/// A number of seconds as a program would write it: `1`, `0.5`.
pub fn seconds(s: f64) -> String {
    if s.fract() == 0.0 && s.abs() < 1e15 {
        format!("{}", s as i64)
    } else {
        crate::format::float_repr(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(us: u64, event: Event) -> Stamped {
        Stamped {
            at: Duration::from_micros(us),
            event,
        }
    }

    #[test]
    fn a_task_runs_waits_and_is_woken_by_the_loop() {
        let events = vec![
            at(
                0,
                Event::TaskCreated {
                    task: 1,
                    name: "Task-1".into(),
                    coro: "main".into(),
                    parent: None,
                    site: None,
                    library: false,
                },
            ),
            at(1, Event::StepStarted { task: 1 }),
            at(
                2,
                Event::StepEnded {
                    task: 1,
                    end: StepEnd::Await(WaitOn::Sleep { delay: 1.0 }),
                },
            ),
            at(
                1_000_002,
                Event::Woken {
                    task: 1,
                    by: Waker::Loop,
                },
            ),
            at(1_000_003, Event::StepStarted { task: 1 }),
            at(
                1_000_004,
                Event::StepEnded {
                    task: 1,
                    end: StepEnd::Returned,
                },
            ),
        ];
        let t = Timeline::build(&events);
        let kinds: Vec<&SpanKind> = t.tasks[0].spans.iter().map(|s| &s.kind).collect();
        assert_eq!(
            kinds,
            [
                &SpanKind::Ready,
                &SpanKind::Run,
                &SpanKind::Wait(WaitOn::Sleep { delay: 1.0 }),
                &SpanKind::Ready,
                &SpanKind::Run
            ]
        );
        assert_eq!(t.tasks[0].outcome, Some(StepEnd::Returned));
        assert_eq!(
            t.links,
            [Link::Woke {
                by: Waker::Loop,
                task: 1,
                at: Duration::from_micros(1_000_002),
                resumed: Duration::from_micros(1_000_003)
            }]
        );
    }

    #[test]
    fn a_task_pending_at_the_end_keeps_its_wait() {
        let events = vec![
            at(0, Event::StepStarted { task: 1 }),
            at(
                5,
                Event::StepEnded {
                    task: 1,
                    end: StepEnd::Await(WaitOn::Future("Event.wait".into())),
                },
            ),
            at(9, Event::IterationStarted { ready: 0 }),
        ];
        let t = Timeline::build(&events);
        let last = t.tasks[0].spans.last().expect("a span");
        assert_eq!(
            last.kind,
            SpanKind::Wait(WaitOn::Future("Event.wait".into()))
        );
        assert_eq!(last.end, Duration::from_micros(9));
        assert_eq!(t.tasks[0].outcome, None);
    }
}
