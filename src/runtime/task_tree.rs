//! The live task tree: every pending task of the loop, nested under the task that awaits
//! it, with the line where each is suspended and what it waits for — what CPython 3.14's
//! `python -m asyncio pstree` shows from outside, here in-process and on 3.11 programs.
//! `apy.tasks()` prints it; `apy run --dump-on SIGQUIT` prints it on Ctrl-\.

use super::event_loop::LoopRef;
use super::task_waits::{await_edges, Target, Waiter};
use crate::object::Value;
use crate::vm::Vm;
use std::fmt::Write;

impl Vm {
    /// The tree of the running loop's tasks (or of the loop set with
    /// `set_event_loop`), as text.
    pub fn task_tree(&mut self) -> String {
        let loop_ = match self.runtime().running_loop.clone() {
            Some(l) => Some(l),
            None => self.runtime().event_loop.as_ref().and_then(LoopRef::of),
        };
        let Some(loop_) = loop_ else {
            return "no event loop\n".to_string();
        };
        let running = self.current_task(loop_.value());
        let waiters = self.pending_waiters(&loop_);
        if waiters.is_empty() {
            return "no pending tasks\n".to_string();
        }
        // Each task's children: the tasks it awaits. A task awaited by none is a root.
        let children = await_edges(&waiters);
        let awaited: Vec<bool> = (0..waiters.len())
            .map(|i| children.iter().any(|c| c.contains(&i)))
            .collect();
        let mut out = String::new();
        let mut shown = vec![false; waiters.len()];
        // Depth-first, iteratively: (task, prefix for its line, prefix for its children).
        let roots: Vec<usize> = (0..waiters.len()).filter(|&i| !awaited[i]).collect();
        let mut todo: Vec<(usize, String, String)> = Vec::new();
        for (k, &root) in roots.iter().enumerate().rev() {
            let last = k + 1 == roots.len();
            let (line, below) = branch("", last);
            todo.push((root, line, below));
        }
        while let Some((i, line_prefix, below)) = todo.pop() {
            if std::mem::replace(&mut shown[i], true) {
                let _ = writeln!(out, "{line_prefix}{} (shown above)", waiters[i].label);
                continue;
            }
            let w = &waiters[i];
            let _ = writeln!(
                out,
                "{line_prefix}{}  {}",
                w.label,
                self.where_waiting(w, &running)
            );
            let kids = &children[i];
            for (k, &kid) in kids.iter().enumerate().rev() {
                let (line, deeper) = branch(&below, k + 1 == kids.len());
                todo.push((kid, line, deeper));
            }
        }
        // Tasks in an await cycle have no root: list them too.
        for (i, w) in waiters.iter().enumerate() {
            if !shown[i] {
                let _ = writeln!(
                    out,
                    "{}  {} (in an await cycle)",
                    w.label,
                    self.where_waiting(w, &running)
                );
            }
        }
        out
    }

    /// `suspended at FILE:LINE (awaits ...)`, or `running` for the task that asked.
    fn where_waiting(&mut self, w: &Waiter, running: &Value) -> String {
        if w.task.is(running) {
            return "[running]".to_string();
        }
        let what = match &w.waits_for {
            Target::Tasks(_, how) => format!("awaits {how}"),
            Target::Object { how, .. } => format!("awaits {how}"),
            Target::Sleep { delay, left } => {
                format!("sleeps {delay} s, {left:.3} s left")
            }
            Target::Nothing => "ready to run".to_string(),
        };
        match w.chain.iter().rev().find(|l| !l.is_library()) {
            Some(link) => format!("[{what}] at {}", link.place()),
            None => format!("[{what}]"),
        }
    }
}

/// The handler `--dump-on SIGNAL` installs: the tree, on stderr.
fn dump_tasks(vm: &mut Vm, _args: crate::object::function::Args) -> crate::vm::PyResult {
    let tree = vm.task_tree();
    vm.flush_stdout();
    vm.write_stderr(&format!("apy: tasks\n{tree}"));
    Ok(Value::None)
}

/// Installs the `--dump-on` handler, if one was asked for (at interpreter start).
pub fn install_dump_handler(vm: &mut Vm) {
    let Some(sig) = super::signals::dump_signal() else {
        return;
    };
    if super::signals::set_disposition(sig, super::signals::Disposition::Handled).is_ok() {
        if let Some(slot) = vm.signal_handlers.get_mut(sig as usize) {
            *slot = crate::native::function("apy", "dump_tasks", dump_tasks);
        }
    }
}

/// The prefixes of a tree line and of the lines below it.
fn branch(above: &str, last: bool) -> (String, String) {
    if last {
        (format!("{above}└── "), format!("{above}    "))
    } else {
        (format!("{above}├── "), format!("{above}│   "))
    }
}
