//! `apy run --trace FILE.json`: the Chrome trace-event format (the JSON object form),
//! which Perfetto UI and `chrome://tracing` open as they are.
//!
//! One process; track 0 is the event loop (each `_run_once` iteration, with its poll
//! or its virtual-clock jump nested inside), then one track per task, in creation order,
//! made of `X` slices: the task running a step, waiting on something (named for it), or
//! ready to run. Flow arrows (`s`/`f` pairs) go from a creator to the task it created,
//! from an awaiting task to the task it awaits, and from whatever completed a wait (a
//! task's step, or the loop for timers and callbacks) to the step it resumed.
//! The loop's own moments (timers set, fired, cancelled; callbacks run; fds waited on
//! and ready; exceptions never retrieved) are instant events on its track.
//! Timestamps are microseconds since the recording began.

use super::timeline::{describe_wait, Link, SpanKind, Timeline};
use crate::runtime::loop_events::{StepEnd, TaskId, Waker};
use std::fmt::Write;
use std::time::Duration;

const PID: u32 = 1;
const LOOP_TID: u32 = 0;

/// The trace of `timeline` as JSON text; `title` names the process (the script).
pub fn write(timeline: &Timeline, title: &str, dropped: u64) -> String {
    let mut w = Writer {
        out: String::new(),
        first: true,
        start: timeline.start,
        flows: 0,
    };
    w.out.push_str("{\"displayTimeUnit\":\"ms\",");
    if dropped > 0 {
        let _ = write!(w.out, "\"apyDroppedEvents\":{dropped},");
    }
    w.out.push_str("\"traceEvents\":[\n");
    w.metadata("process_name", None, &format!("apy {title}"));
    w.metadata("thread_name", Some(LOOP_TID), "event loop");
    w.sort_index(LOOP_TID, 0);
    for it in &timeline.iterations {
        w.slice(
            LOOP_TID,
            "_run_once",
            "loop",
            it.start,
            it.end,
            &format!("{{\"ready\":{}}}", it.ready),
        );
        if let Some((start, end, jumped)) = it.wait {
            if end > start {
                let name = if jumped { "clock jump" } else { "poll" };
                w.slice(LOOP_TID, name, "loop", start, end, "{}");
            }
        }
    }
    for mark in &timeline.marks {
        w.instant(LOOP_TID, &mark.what, "loop", mark.at);
    }
    let name_of = |id: TaskId| {
        timeline
            .tasks
            .get(id as usize - 1)
            .map_or_else(|| format!("task #{id}"), |t| t.name.clone())
    };
    for task in &timeline.tasks {
        let tid = task.id;
        w.metadata("thread_name", Some(tid), &task.label());
        w.sort_index(tid, tid);
        let mut args = String::from("{");
        if let Some(p) = task.parent {
            let _ = write!(args, "\"created_by\":{},", json_str(&name_of(p)));
        }
        if let Some(site) = &task.site {
            let _ = write!(args, "\"created_at\":{},", json_str(site));
        }
        args.pop_if_comma();
        args.push('}');
        w.instant_with(tid, "created", "task", task.created, &args);
        for span in &task.spans {
            let (name, cat) = match &span.kind {
                SpanKind::Run => (format!("{}()", task.coro), "run"),
                SpanKind::Wait(on) => (format!("await {}", describe_wait(on, &name_of)), "wait"),
                SpanKind::Ready => ("ready".to_string(), "ready"),
            };
            w.slice(tid, &name, cat, span.start, span.end, "{}");
        }
        if let (Some(outcome), Some(last)) = (&task.outcome, task.spans.last()) {
            let what = match outcome {
                StepEnd::Returned => "returned".to_string(),
                StepEnd::Cancelled => "cancelled".to_string(),
                StepEnd::Failed(exc) => format!("raised {exc}"),
                StepEnd::Await(_) | StepEnd::Yield => continue,
            };
            w.instant(tid, &what, "task", last.end);
        }
    }
    for link in &timeline.links {
        match *link {
            Link::Created { parent, child, at } => {
                w.flow("create", parent, before(at), child, at);
            }
            Link::Awaits { from, to, at } => w.flow("await", from, before(at), to, at),
            Link::Woke {
                by,
                task,
                at,
                resumed,
            } => {
                let from = match by {
                    Waker::Task(t) => t,
                    Waker::Loop => LOOP_TID,
                };
                w.flow("wake", from, at, task, resumed);
            }
        }
    }
    w.out.push_str("\n]}\n");
    w.out
}

/// A moment just before `at`: a flow that starts as a step ends must bind to that
/// step's slice, which ends at `at`.
fn before(at: Duration) -> Duration {
    at.saturating_sub(Duration::from_nanos(1))
}

struct Writer {
    out: String,
    first: bool,
    start: Duration,
    flows: u64,
}

impl Writer {
    fn event(&mut self, body: std::fmt::Arguments) {
        if !self.first {
            self.out.push_str(",\n");
        }
        self.first = false;
        self.out.push('{');
        let _ = self.out.write_fmt(body);
        self.out.push('}');
    }

    /// Microseconds since the recording began.
    fn ts(&self, at: Duration) -> String {
        micros(at.saturating_sub(self.start))
    }

    fn metadata(&mut self, name: &str, tid: Option<u32>, value: &str) {
        let tid = tid.map_or(String::new(), |t| format!(",\"tid\":{t}"));
        let value = json_str(value);
        self.event(format_args!(
            "\"ph\":\"M\",\"pid\":{PID}{tid},\"name\":\"{name}\",\"args\":{{\"name\":{value}}}"
        ));
    }

    fn sort_index(&mut self, tid: u32, index: u32) {
        self.event(format_args!(
            "\"ph\":\"M\",\"pid\":{PID},\"tid\":{tid},\"name\":\"thread_sort_index\",\"args\":{{\"sort_index\":{index}}}"
        ));
    }

    fn slice(
        &mut self,
        tid: u32,
        name: &str,
        cat: &str,
        start: Duration,
        end: Duration,
        args: &str,
    ) {
        let ts = self.ts(start);
        let dur = micros(end.saturating_sub(start));
        let name = json_str(name);
        self.event(format_args!(
            "\"ph\":\"X\",\"pid\":{PID},\"tid\":{tid},\"ts\":{ts},\"dur\":{dur},\"name\":{name},\"cat\":\"{cat}\",\"args\":{args}"
        ));
    }

    fn instant(&mut self, tid: u32, name: &str, cat: &str, at: Duration) {
        self.instant_with(tid, name, cat, at, "{}");
    }

    fn instant_with(&mut self, tid: u32, name: &str, cat: &str, at: Duration, args: &str) {
        let ts = self.ts(at);
        let name = json_str(name);
        self.event(format_args!(
            "\"ph\":\"i\",\"s\":\"t\",\"pid\":{PID},\"tid\":{tid},\"ts\":{ts},\"name\":{name},\"cat\":\"{cat}\",\"args\":{args}"
        ));
    }

    /// An arrow from the slice enclosing `from_at` on `from` to the one enclosing
    /// `to_at` on `to`.
    fn flow(&mut self, name: &str, from: u32, from_at: Duration, to: u32, to_at: Duration) {
        self.flows += 1;
        let id = self.flows;
        let (a, b) = (self.ts(from_at), self.ts(to_at));
        self.event(format_args!(
            "\"ph\":\"s\",\"pid\":{PID},\"tid\":{from},\"ts\":{a},\"id\":{id},\"name\":\"{name}\",\"cat\":\"flow\""
        ));
        self.event(format_args!(
            "\"ph\":\"f\",\"bp\":\"e\",\"pid\":{PID},\"tid\":{to},\"ts\":{b},\"id\":{id},\"name\":\"{name}\",\"cat\":\"flow\""
        ));
    }
}

/// `d` in microseconds, to the nanosecond.
fn micros(d: Duration) -> String {
    let ns = d.as_nanos();
    format!("{}.{:03}", ns / 1000, ns % 1000)
}

trait PopComma {
    fn pop_if_comma(&mut self);
}

impl PopComma for String {
    fn pop_if_comma(&mut self) {
        if self.ends_with(',') {
            self.pop();
        }
    }
}

/// `s` as a JSON string literal.
pub fn json_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped() {
        assert_eq!(json_str("a\"b\\c\nd\u{1}é"), "\"a\\\"b\\\\c\\nd\\u0001é\"");
    }
}
