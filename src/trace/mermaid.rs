//! `apy run --trace-mermaid FILE.md`: the tutorial's two pictures drawn from a real run,
//! as Mermaid diagrams that GitHub, mdBook and the Mermaid live editor render.
//!
//! - A `sequenceDiagram`: the loop and each task are participants; the messages are
//!   what happened between them — a task created another, started to await something
//!   (another task, a sleep, an event), was woken (by a task or by the loop), finished.
//! - A `gantt` chart: a section per task, with its running and waiting spans over time.
//!
//! Both stay small enough to read: repeated messages collapse into one marked `×N`,
//! tasks past [`MAX_PARTICIPANTS`] share one participant, and past [`MAX_MESSAGES`]
//! messages or [`MAX_BARS`] bars per task the rest is left out — each diagram says
//! what it left out. The standard library's own tasks (`asyncio.run`'s shutdown steps)
//! are not drawn.

use super::timeline::{describe_wait, seconds, Link, SpanKind, TaskLine, Timeline};
use crate::runtime::loop_events::{StepEnd, TaskId, WaitOn, Waker};
use std::fmt::Write;
use std::time::Duration;

pub const MAX_PARTICIPANTS: usize = 10;
pub const MAX_MESSAGES: usize = 120;
pub const MAX_BARS: usize = 40;

/// A Markdown document with both diagrams (for a `.md` file).
pub fn markdown(timeline: &Timeline, title: &str, dropped: u64) -> String {
    let mut out = format!("# `{title}`: the event loop, from a run\n\n");
    if dropped > 0 {
        let _ = writeln!(
            out,
            "The recording stopped at its limit; {dropped} later events are not drawn.\n"
        );
    }
    out.push_str("## Who did what\n\n```mermaid\n");
    out.push_str(&sequence(timeline));
    out.push_str("```\n\n## When each task ran and waited\n\n```mermaid\n");
    out.push_str(&gantt(timeline, title));
    out.push_str("```\n");
    out
}

/// Who appears in the diagrams: `L` for the loop, `T1`... for the first tasks, `T_` for
/// the shared rest.
struct Cast<'a> {
    timeline: &'a Timeline,
    /// Each task's participant, by id - 1; None for a task not drawn.
    who: Vec<Option<String>>,
    /// The tasks with a line of their own.
    drawn: Vec<&'a TaskLine>,
    /// Tasks sharing `T_`.
    others: usize,
}

impl<'a> Cast<'a> {
    fn new(timeline: &'a Timeline) -> Cast<'a> {
        let mut cast = Cast {
            timeline,
            who: Vec::new(),
            drawn: Vec::new(),
            others: 0,
        };
        for task in &timeline.tasks {
            let who = if task.library {
                None
            } else if cast.drawn.len() < MAX_PARTICIPANTS {
                cast.drawn.push(task);
                Some(format!("T{}", task.id))
            } else {
                cast.others += 1;
                Some("T_".to_string())
            };
            cast.who.push(who);
        }
        cast
    }

    /// The participant of task `id`, unless it is not drawn.
    fn of(&self, id: TaskId) -> Option<String> {
        self.who.get(id as usize - 1).cloned().flatten()
    }

    fn name(&self, id: TaskId) -> String {
        task_name(self.timeline, id)
    }

    fn waker(&self, by: Waker) -> Option<String> {
        match by {
            Waker::Task(t) => self.of(t),
            Waker::Loop => Some("L".to_string()),
        }
    }
}

fn task_name(timeline: &Timeline, id: TaskId) -> String {
    timeline
        .tasks
        .get(id as usize - 1)
        .map_or_else(|| format!("task #{id}"), |t| t.name.clone())
}

struct Message {
    at: Duration,
    from: String,
    to: String,
    /// `->>` (a request) or `-->>` (an answer: a wake).
    arrow: &'static str,
    text: String,
}

/// The messages of the sequence diagram, in time order.
fn messages(timeline: &Timeline, cast: &Cast) -> Vec<Message> {
    let mut messages = Vec::new();
    let mut say = |at, from: Option<String>, to: Option<String>, arrow, text: String| {
        if let (Some(from), Some(to)) = (from, to) {
            messages.push(Message {
                at,
                from,
                to,
                arrow,
                text,
            });
        }
    };
    for link in &timeline.links {
        match *link {
            Link::Created { parent, child, at } => say(
                at,
                cast.of(parent),
                cast.of(child),
                "->>",
                format!("create {}", cast.name(child)),
            ),
            Link::Woke { by, task, at, .. } => {
                // A task that has finished wakes its awaiter with its result.
                let finished = match by {
                    Waker::Task(t) => timeline.tasks.get(t as usize - 1).is_some_and(|line| {
                        line.outcome.is_some() && line.spans.last().is_some_and(|s| s.end <= at)
                    }),
                    Waker::Loop => false,
                };
                let text = if finished { "result" } else { "wake" };
                say(at, cast.waker(by), cast.of(task), "-->>", text.to_string());
            }
            Link::Awaits { .. } => {}
        }
    }
    for task in &timeline.tasks {
        let me = cast.of(task.id);
        let loop_ = || Some("L".to_string());
        for span in &task.spans {
            if let SpanKind::Wait(on) = &span.kind {
                let (to, text) = match on {
                    WaitOn::Task(t) => (cast.of(*t), format!("await {}", cast.name(*t))),
                    WaitOn::Sleep { delay } => (loop_(), format!("sleep({})", seconds(*delay))),
                    other => (
                        loop_(),
                        format!("await {}", describe_wait(other, &|t| cast.name(t))),
                    ),
                };
                say(span.start, me.clone(), to, "->>", text);
            }
        }
        if let (Some(outcome), Some(last)) = (&task.outcome, task.spans.last()) {
            let text = match outcome {
                StepEnd::Returned => "return".to_string(),
                StepEnd::Cancelled => "cancelled".to_string(),
                StepEnd::Failed(exc) => format!("raise {exc}"),
                StepEnd::Await(_) | StepEnd::Yield => continue,
            };
            say(last.end, me.clone(), loop_(), "->>", text);
        }
    }
    messages.sort_by_key(|m| m.at);
    messages
}

/// The sequence diagram (the body inside a ```mermaid fence).
pub fn sequence(timeline: &Timeline) -> String {
    let cast = Cast::new(timeline);
    let messages = messages(timeline, &cast);
    let mut out = String::from("sequenceDiagram\n    participant L as event loop\n");
    for task in &cast.drawn {
        let _ = writeln!(
            out,
            "    participant T{} as {}",
            task.id,
            label(&task.label())
        );
    }
    if cast.others > 0 {
        let _ = writeln!(out, "    participant T_ as {} more tasks", cast.others);
    }
    let lines: Vec<String> = messages
        .iter()
        .map(|m| format!("{}{}{}: {}", m.from, m.arrow, m.to, label(&m.text)))
        .collect();
    let mut written = 0;
    let mut i = 0;
    while i < lines.len() && written < MAX_MESSAGES {
        let (len, times) = repeat_at(&lines, i);
        match (len, times) {
            (_, 1) => {
                let _ = writeln!(out, "    {}", lines[i]);
            }
            (1, n) => {
                let _ = writeln!(out, "    {} ×{n}", lines[i]);
            }
            (_, n) => {
                let _ = writeln!(out, "    loop {n} times");
                for line in &lines[i..i + len] {
                    let _ = writeln!(out, "        {line}");
                }
                out.push_str("    end\n");
            }
        }
        written += len;
        i += len * times;
    }
    if i < lines.len() {
        let _ = writeln!(
            out,
            "    Note over L: {} more messages left out",
            lines.len() - i
        );
    }
    if cast.others > 0 {
        let _ = writeln!(
            out,
            "    Note over T_: the tasks after the first {MAX_PARTICIPANTS} share this line"
        );
    }
    out
}

/// The longest stretch of repeats starting at `i`: a block of `len` lines that occurs
/// `times` times in a row (a task sleeping in a loop, boards taking turns). Blocks of
/// up to [`MAX_BLOCK`] lines are looked for; `(1, 1)` when nothing repeats.
fn repeat_at(lines: &[String], i: usize) -> (usize, usize) {
    let mut best = (1, 1);
    for len in 1..=MAX_BLOCK {
        let block = match lines.get(i..i + len) {
            Some(b) => b,
            None => break,
        };
        let mut times = 1;
        while lines.get(i + times * len..i + (times + 1) * len) == Some(block) {
            times += 1;
        }
        if times > 1 && len * times > best.0 * best.1 {
            best = (len, times);
        }
    }
    best
}

/// The longest block of messages [`repeat_at`] looks for.
const MAX_BLOCK: usize = 16;

/// The gantt chart (the body inside a ```mermaid fence): times are milliseconds since
/// the recording began.
pub fn gantt(timeline: &Timeline, title: &str) -> String {
    let cast = Cast::new(timeline);
    let mut left_out = 0usize;
    let mut sections = String::new();
    for task in &cast.drawn {
        let _ = writeln!(sections, "    section {}", label(&task.label()));
        let bars: Vec<_> = task
            .spans
            .iter()
            .filter(|s| s.kind != SpanKind::Ready)
            .collect();
        left_out += bars.len().saturating_sub(MAX_BARS);
        // Bars of one task never overlap, so the compact layout draws each task on
        // one row: running, then waiting, then running again.
        let mut last_end = 0;
        for span in bars.into_iter().take(MAX_BARS) {
            let (text, tag) = match &span.kind {
                SpanKind::Run => ("run".to_string(), "active"),
                SpanKind::Wait(on) => (
                    format!("await {}", describe_wait(on, &|t| task_name(timeline, t))),
                    "done",
                ),
                SpanKind::Ready => continue,
            };
            let start = timeline.since_start(span.start).as_millis().max(last_end);
            // A bar is at least a millisecond wide, so a quick step still shows.
            let end = timeline.since_start(span.end).as_millis().max(start + 1);
            last_end = end;
            let _ = writeln!(sections, "    {} :{tag}, {start}, {end}", label(&text));
        }
    }
    let mut said = Vec::new();
    if cast.others > 0 {
        said.push(format!("{} more tasks not drawn", cast.others));
    }
    if left_out > 0 {
        said.push(format!("{left_out} more spans not drawn"));
    }
    let note = if said.is_empty() {
        String::new()
    } else {
        format!(" ({})", said.join(", "))
    };
    // Mermaid reads `x` times as dates: `%S` wraps at a minute, so longer runs show
    // minutes too.
    let axis = if timeline.since_start(timeline.end) < Duration::from_secs(60) {
        "%-S.%L s"
    } else {
        "%H:%M:%S"
    };
    let mut out = String::from(
        "---\nconfig:\n  gantt:\n    displayMode: compact\n    leftPadding: 150\n---\ngantt\n",
    );
    let _ = writeln!(out, "    title {}{}", label(title), note);
    let _ = writeln!(out, "    dateFormat x\n    axisFormat {axis}");
    out.push_str(&sections);
    out
}

/// Text Mermaid takes as a label: its separators (`:`, `;`, `#`) and line breaks would
/// end the label or the statement early.
fn label(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            ':' | ';' | '#' | '\n' | '\r' => ' ',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_blocks_are_found() {
        let lines: Vec<String> = ["a", "b", "a", "b", "a", "b", "c", "c"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(repeat_at(&lines, 0), (2, 3));
        assert_eq!(repeat_at(&lines, 6), (1, 2));
        assert_eq!(repeat_at(&lines, 5), (1, 1));
    }

    #[test]
    fn labels_lose_mermaid_separators() {
        assert_eq!(label("a:b;c#d\ne"), "a b c d e");
    }
}
