//! A stuck program explains itself. When nothing is ready, no timer is set and no IO
//! or child process is awaited, no task can ever run again: CPython hangs there; apy
//! stops with a report of who waits on what — each task, the line it is suspended at,
//! what it waits for (another task, a gather, an event, a lock, a queue, a bare future),
//! which other tasks could reach that object (and so might have set or released it),
//! and the cycle of tasks waiting on each other, if there is one.
//!
//! The report travels as an `apy.Stuck` exception (a BaseException, so `except
//! Exception` does not swallow it); at the top level the interpreter prints the report
//! instead of a traceback and exits with [`STUCK_STATUS`].

use super::await_chain::{frame_values, Link};
use super::event_loop::LoopRef;
use super::task_waits::{await_edges, Target};
use crate::object::{gc, ExcRef, Value};
use crate::vm::Vm;
use std::fmt::Write;

/// The exit status of a stuck program.
pub const STUCK_STATUS: i32 = 3;

impl Vm {
    /// Whether a signal could still wake a loop that has nothing else to wait for: a
    /// Python handler on any signal but SIGINT (whose handler `asyncio.run` always
    /// installs), or a loop's own handler on SIGINT (`add_signal_handler`).
    pub fn signals_can_wake(&mut self) -> bool {
        const SIGINT: usize = 2;
        if self
            .signal_handlers
            .iter()
            .enumerate()
            .any(|(sig, h)| sig != SIGINT && !h.is_none())
        {
            return true;
        }
        let Some(unix_events) = self.modules.get("asyncio.unix_events").cloned() else {
            return false;
        };
        let key = self.intern("_signal_handlers");
        match self.get_attr(&unix_events, &key) {
            Ok(table) => self
                .contains(&table, &Value::Int(SIGINT as i64))
                .unwrap_or(false),
            Err(_) => false,
        }
    }

    /// The `apy.Stuck` exception for `loop_`, whose every task waits.
    pub fn stuck_error(&mut self, loop_: &LoopRef) -> ExcRef {
        let report = self.stuck_report(loop_);
        let class = self.runtime().classes().stuck.clone();
        self.new_exception(&class, vec![Value::str(report)])
    }

    fn stuck_report(&mut self, loop_: &LoopRef) -> String {
        let waiters = self.pending_waiters(loop_);
        let mut out = String::from(
            "apy: the program is stuck: every task is waiting, and nothing is left that could \
             wake one\n(no callback is ready, no timer is set, no IO or child process is \
             awaited).\n",
        );
        let label_of = |v: &Value| {
            waiters
                .iter()
                .find(|w| w.task.is(v))
                .map_or_else(|| "a finished task".to_string(), |w| w.label.clone())
        };
        // Who each task waits on, as edges between tasks, for the cycle below: first the
        // tasks it awaits, then those that could complete what else it waits on.
        let mut edges = await_edges(&waiters);
        let awaits = edges.clone();
        // The same without the edges back to a task's awaiters (its parent, a gather):
        // a cycle among the other tasks is the one worth showing first.
        let mut sideways = edges.clone();
        for (i, w) in waiters.iter().enumerate() {
            let _ = write!(out, "\n{}\n", w.label);
            if let Some(link) = w.chain.iter().rev().find(|l| !l.is_library()) {
                let _ = writeln!(out, "    suspended at {}", link.place());
            }
            match &w.waits_for {
                Target::Tasks(_, how) => {
                    let _ = writeln!(out, "    waits for {how}");
                }
                Target::Object { object, how } => {
                    let shown = self.name_in_frames(&w.chain, object);
                    let repr = without_address(&self.repr(object).unwrap_or_else(|_| "?".into()));
                    match shown {
                        Some(name) => {
                            let _ = writeln!(out, "    waits for {how} on `{name}` {repr}");
                        }
                        None => {
                            let _ = writeln!(out, "    waits for {how} {repr}");
                        }
                    }
                    let reachers: Vec<(usize, String)> = waiters
                        .iter()
                        .enumerate()
                        .filter(|(j, _)| *j != i)
                        .filter_map(|(j, o)| {
                            self.name_in_frames(&o.chain, object)
                                .or_else(|| reaches(&o.chain, object).then(String::new))
                                .map(|name| (j, name))
                        })
                        .collect();
                    if reachers.is_empty() {
                        let _ = writeln!(
                            out,
                            "    no other task refers to it: nothing can ever complete this wait"
                        );
                    }
                    for (j, name) in reachers {
                        let via = if name.is_empty() {
                            String::new()
                        } else {
                            format!(" (as `{name}`)")
                        };
                        // A task awaiting this one cannot act before this one ends.
                        let awaiter = leads_to(&awaits, j, i);
                        let why = if awaiter {
                            "waits for this task to finish"
                        } else {
                            "is waiting itself"
                        };
                        let _ = writeln!(
                            out,
                            "    {} could reach it{via}, but {why}",
                            waiters[j].label
                        );
                        edges[i].push(j);
                        if !awaiter {
                            sideways[i].push(j);
                        }
                    }
                }
                // A sleeping task has a timer: the loop is never stuck with one.
                Target::Sleep { delay, .. } => {
                    let _ = writeln!(out, "    sleeps for {delay} s");
                }
                Target::Nothing => {
                    let _ = writeln!(out, "    is ready to run but was never scheduled");
                }
            }
        }
        if let Some(cycle) = find_cycle(&sideways).or_else(|| find_cycle(&edges)) {
            let names: Vec<String> = cycle
                .iter()
                .chain(cycle.first())
                .map(|&i| label_of(&waiters[i].task))
                .collect();
            let _ = write!(out, "\nWait-for cycle: {}\n", names.join(" -> "));
        }
        out.trim_end().to_string()
    }

    /// The name a task's own code (not the library's) holds `object` under, if any.
    fn name_in_frames(&self, chain: &[Link], object: &Value) -> Option<String> {
        chain
            .iter()
            .rev()
            .filter(|l| !l.is_library())
            .flat_map(|l| frame_values(&l.coro))
            .find(|(_, v)| v.is(object))
            .map(|(name, _)| name)
    }
}

/// Whether a value in one of the chain's frames is `object` or holds it directly (an
/// attribute, an item, a captured variable).
fn reaches(chain: &[Link], object: &Value) -> bool {
    chain
        .iter()
        .flat_map(|l| frame_values(&l.coro))
        .any(|(_, v)| {
            if v.is(object) {
                return true;
            }
            let mut found = false;
            gc::traverse(&v, &mut |child| found |= child.is(object));
            found
        })
}

/// `repr` text without the ` at 0x...` of a default repr: an address tells a reader
/// nothing and would make every report differ.
fn without_address(repr: &str) -> String {
    match repr.find(" at 0x") {
        Some(at) => {
            let rest = &repr[at + 6..];
            let hex = rest
                .find(|c: char| !c.is_ascii_hexdigit())
                .unwrap_or(rest.len());
            format!("{}{}", &repr[..at], &rest[hex..])
        }
        None => repr.to_string(),
    }
}

/// Whether `to` can be reached from `from` along `edges`.
fn leads_to(edges: &[Vec<usize>], from: usize, to: usize) -> bool {
    let mut seen = vec![false; edges.len()];
    let mut todo = vec![from];
    while let Some(n) = todo.pop() {
        if n == to {
            return true;
        }
        if !std::mem::replace(&mut seen[n], true) {
            todo.extend(&edges[n]);
        }
    }
    false
}

/// A cycle in the wait-for graph (indices, in order), if there is one.
fn find_cycle(edges: &[Vec<usize>]) -> Option<Vec<usize>> {
    // Iterative depth-first search: 0 unvisited, 1 on the current path, 2 done.
    let mut color = vec![0u8; edges.len()];
    for start in 0..edges.len() {
        if color[start] != 0 {
            continue;
        }
        let mut path = vec![start];
        let mut next = vec![0usize];
        color[start] = 1;
        while let Some(&node) = path.last() {
            let i = next.last_mut().expect("parallel to path");
            match edges[node].get(*i) {
                Some(&to) => {
                    *i += 1;
                    match color[to] {
                        0 => {
                            color[to] = 1;
                            path.push(to);
                            next.push(0);
                        }
                        1 => {
                            let from = path.iter().position(|&p| p == to).expect("on path");
                            return Some(path[from..].to_vec());
                        }
                        _ => {}
                    }
                }
                None => {
                    color[node] = 2;
                    path.pop();
                    next.pop();
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{find_cycle, leads_to, without_address};

    #[test]
    fn addresses_leave_reprs() {
        assert_eq!(
            without_address("<asyncio.locks.Event object at 0x7f3a9c [unset]>"),
            "<asyncio.locks.Event object [unset]>"
        );
        assert_eq!(without_address("<Future pending>"), "<Future pending>");
    }

    #[test]
    fn reachability_follows_edges() {
        let edges = [vec![1], vec![2], vec![]];
        assert!(leads_to(&edges, 0, 2));
        assert!(!leads_to(&edges, 2, 0));
    }

    #[test]
    fn cycles_are_found_and_acyclic_graphs_pass() {
        assert_eq!(find_cycle(&[vec![1], vec![2], vec![1]]), Some(vec![1, 2]));
        assert_eq!(find_cycle(&[vec![1, 2], vec![2], vec![]]), None);
        assert_eq!(find_cycle(&[vec![0]]), Some(vec![0]));
    }
}
