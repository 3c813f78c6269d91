//! Noticing that a child process exited, without a busy loop: one thread per watched
//! child blocks in `waitpid` (CPython 3.11's default, `ThreadedChildWatcher`, does the
//! same), then queues the exit and wakes the poller. The loop turns queued exits into
//! calls of `callback(pid, returncode, *args)` in its ready queue, as
//! `call_soon_threadsafe` does in CPython.

use super::event_loop::Ready;
use crate::object::Value;
use crate::vm::Vm;
use std::collections::{HashMap, VecDeque};
use std::process::{Child, ExitStatus};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

/// Exits seen by watcher threads and not yet taken by a loop: (pid, returncode).
static EXITS: Mutex<Vec<(u32, i64)>> = Mutex::new(Vec::new());
/// Set with every push to EXITS, so the loop checks it with one load.
static PENDING: AtomicBool = AtomicBool::new(false);

/// `Popen.returncode` of an exit status: the exit code, or minus the signal number.
pub fn returncode(status: ExitStatus) -> i64 {
    use std::os::unix::process::ExitStatusExt;
    match (status.code(), status.signal()) {
        (Some(code), _) => code as i64,
        (None, Some(sig)) => -(sig as i64),
        (None, None) => 0,
    }
}

/// Hands `child` to a watcher thread; its exit reaches the loop that registered the pid.
pub fn spawn_waiter(mut child: Child) {
    let pid = child.id();
    let spawned = std::thread::Builder::new()
        .name(format!("apy-waitpid-{pid}"))
        .spawn(move || {
            super::signals::block_in_this_thread();
            let rc = child.wait().map(returncode).unwrap_or(255);
            push_exit(pid, rc);
        });
    if spawned.is_err() {
        // No thread to wait with: report the exit as unknown at once, as CPython's
        // watcher reports a child it cannot wait for (returncode 255).
        push_exit(pid, 255);
    }
}

/// Queues an exit already known (a child reaped before it was watched).
pub fn report_exit(pid: u32, rc: i64) {
    push_exit(pid, rc);
}

fn push_exit(pid: u32, rc: i64) {
    EXITS
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push((pid, rc));
    PENDING.store(true, Ordering::SeqCst);
    if let Some(p) = super::signals::poller() {
        let _ = p.notify();
    }
}

/// The callbacks a loop waits to call when its children exit.
#[derive(Default)]
pub struct ChildWaits {
    waiting: HashMap<u32, (Value, Vec<Value>)>,
}

impl ChildWaits {
    pub fn is_empty(&self) -> bool {
        self.waiting.is_empty()
    }

    /// Calls `callback(pid, returncode, *args)` once `pid` exits.
    pub fn add(&mut self, pid: u32, callback: Value, args: Vec<Value>) {
        self.waiting.insert(pid, (callback, args));
    }

    /// Moves the exits of this loop's children into `ready`; others stay queued.
    pub fn collect(&mut self, vm: &mut Vm, ready: &mut VecDeque<Ready>) {
        if !PENDING.load(Ordering::Relaxed) || self.waiting.is_empty() {
            return;
        }
        let mine: Vec<(u32, i64)> = {
            let mut exits = EXITS.lock().unwrap_or_else(|e| e.into_inner());
            let (mine, others): (Vec<_>, Vec<_>) = exits
                .drain(..)
                .partition(|(pid, _)| self.waiting.contains_key(pid));
            *exits = others;
            PENDING.store(!exits.is_empty(), Ordering::SeqCst);
            mine
        };
        for (pid, rc) in mine {
            if let Some((callback, args)) = self.waiting.remove(&pid) {
                let mut call_args = vec![Value::Int(pid as i64), Value::Int(rc)];
                call_args.extend(args);
                ready.push_back(Ready::Handle(vm.new_handle(callback, call_args, None)));
            }
        }
    }

    pub fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        for (cb, args) in self.waiting.values() {
            f(cb);
            args.iter().for_each(&mut *f);
        }
    }

    pub fn clear_into(&mut self, trash: &mut Vec<Value>) {
        for (_, (cb, args)) in self.waiting.drain() {
            trash.push(cb);
            trash.extend(args);
        }
    }
}
