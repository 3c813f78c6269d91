//! Running REPL inputs: one interpreter, one `__main__` namespace and one event loop for
//! the whole session.
//!
//! The model is `python -m asyncio`'s: every input runs with the session's loop as the
//! running loop, so `asyncio.create_task()` and `get_running_loop()` work at the
//! prompt, and an input that uses `await` at top level is compiled as a coroutine and
//! run as a task on that loop. The loop is not a background thread here: it turns while
//! an input awaits, and for one more round after each input so that work it scheduled
//! (a task it created) takes its first step, as it would at once under CPython.
//! Tasks therefore keep running across inputs whenever a later input awaits, and, at a
//! terminal, while the prompt waits ([`Session::background_turn`]).

use super::input::{Input, INPUT_NAME};
use crate::diagnostic::Diagnostic;
use crate::object::Code;
use crate::object::{DictObj, ExcRef, GenKind, Generator, Value};
use crate::runtime::event_loop;
use crate::source::SourceFile;
use crate::vm::{PyResult, Vm};
use std::rc::Rc;

/// Whether the session goes on after an input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Continue,
    /// `exit()` or `SystemExit`: leave with this status.
    Exit(i32),
}

pub struct Session {
    vm: Vm,
    globals: Rc<DictObj>,
    /// The session's event loop, made on first use (and again if the program closed it).
    event_loop: Option<Value>,
    color: bool,
}

impl Session {
    /// A fresh session: `__main__` as CPython's interactive mode sets it up
    /// (`sys.argv == ['']`, no `__file__`).
    pub fn new(color: bool) -> Session {
        let mut vm = crate::interpreter::new_vm();
        vm.argv = vec![String::new()];
        vm.main_file = INPUT_NAME.to_string();
        let globals = crate::interpreter::main_globals(&mut vm, None);
        // As in `python -m asyncio`, whose console starts with `import asyncio` done.
        if let Ok(asyncio) = vm.import_module("asyncio") {
            let key = vm.intern("asyncio");
            globals.table.borrow_mut().set_str(key, asyncio);
        }
        Session::with_namespace(vm, globals, color)
    }

    /// A session continuing in an existing namespace (`apy -i SCRIPT`).
    pub fn with_namespace(mut vm: Vm, globals: Rc<DictObj>, color: bool) -> Session {
        // Interactive mode defines the prompts in `sys`, where programs may change them.
        if let Ok(Value::Module(sys)) = vm.import_module("sys") {
            for (name, default) in [("ps1", super::PS1), ("ps2", super::PS2)] {
                let key = vm.intern(name);
                let mut table = sys.dict.table.borrow_mut();
                if table.get_str(name, key.hash()).is_none() {
                    table.set_str(key, Value::str(default));
                }
            }
        }
        Session {
            vm,
            globals,
            event_loop: None,
            color,
        }
    }

    /// The prompt for the next line: `str(sys.ps1)`, or `str(sys.ps2)` in the middle of
    /// a statement, read afresh each time as CPython does (so a program may change
    /// them); none if the program removed it or its `str()` fails, as in CPython.
    pub fn prompt(&mut self, continuation: bool) -> String {
        let name = if continuation { "ps2" } else { "ps1" };
        let value = match self.vm.modules.get("sys") {
            Some(Value::Module(sys)) => sys.dict.get_str(name, crate::object::hash::hash_str(name)),
            _ => None,
        };
        value.and_then(|v| self.vm.str(&v).ok()).unwrap_or_default()
    }

    /// Runs one complete input: compiles it, runs it, and prints its results and errors.
    pub fn run(&mut self, input: Input) -> Status {
        let code = match crate::interpreter::compile_interactive(
            &mut self.vm,
            &input.module,
            &input.source,
        ) {
            Ok(code) => code,
            Err(diag) => {
                self.report_syntax_error(&input.source, &diag);
                return Status::Continue;
            }
        };
        // A Ctrl-C that arrived while nothing ran (e.g. at the prompt) is not for this code.
        crate::vm::interrupt::discard_interrupt();
        let loop_ = match self.event_loop() {
            Ok(l) => l,
            Err(e) => return self.report(e),
        };
        let result = if code.is_coroutine() {
            self.run_coroutine(&loop_, code)
        } else {
            self.while_running(&loop_, |vm, globals| {
                let frame = vm.alloc_frame(code, globals, None);
                vm.run_frame(frame).map(drop)
            })
        };
        let mut status = match result {
            Ok(()) => Status::Continue,
            Err(e) => {
                let hint = asyncio_run_hint(&self.vm, &e, input.source.text.as_str());
                let status = self.report(e);
                if let Some(hint) = hint {
                    self.vm.write_stderr(&hint);
                }
                status
            }
        };
        if status == Status::Continue {
            if let Err(e) = self.settle(&loop_) {
                status = self.report(e);
            }
        }
        self.vm.flush_warnings_outside();
        self.vm.flush_stdout();
        status
    }

    /// Prints a compile-time error in an input.
    pub fn report_syntax_error(&mut self, source: &SourceFile, diag: &Diagnostic) {
        let text = diag.render(source, self.color);
        self.vm.write_stderr(&text);
    }

    /// Writes out what the program printed (before a prompt appears).
    pub fn flush(&mut self) {
        self.vm.flush_stdout();
    }

    /// The interpreter, e.g. to write to its stderr in order with the program's output.
    pub fn vm(&mut self) -> &mut Vm {
        &mut self.vm
    }

    /// Leaving the prompt: `__main__` is released as when a script ends, so what it
    /// still held reports as in CPython (a never-awaited coroutine warns `sys:1: ...`).
    pub fn shutdown(&mut self) {
        crate::interpreter::release_main(&mut self.vm, &self.globals);
        self.vm.flush_stdout();
    }

    /// The interpreter and the `__main__` namespace, for reading (Tab completion).
    pub fn namespace(&self) -> (&Vm, &Rc<DictObj>) {
        (&self.vm, &self.globals)
    }

    /// The session's loop, created the first time (importing `asyncio`, whose Python
    /// parts the loop relies on) and replaced if the program closed it.
    fn event_loop(&mut self) -> PyResult<Value> {
        if let Some(l) = &self.event_loop {
            if event_loop::state(l).is_some_and(|s| !s.borrow().closed) {
                return Ok(l.clone());
            }
        }
        self.vm.import_module("asyncio")?;
        let l: Value = self.vm.new_event_loop().into();
        // As `python -m asyncio` does: `asyncio.get_event_loop()` is this loop too.
        self.vm.runtime_mut().event_loop = Some(l.clone());
        self.vm.runtime_mut().event_loop_set_called = true;
        self.event_loop = Some(l.clone());
        Ok(l)
    }

    /// Runs `f` with `loop_` marked as the running loop, as if `f` were one of its
    /// callbacks.
    fn while_running<T>(&mut self, loop_: &Value, f: impl FnOnce(&mut Vm, Rc<DictObj>) -> T) -> T {
        let state = event_loop::state(loop_);
        if let Some(s) = state {
            s.borrow_mut().running = true;
        }
        let outer = self
            .vm
            .runtime_mut()
            .running_loop
            .replace(session_loop(loop_));
        let result = f(&mut self.vm, self.globals.clone());
        self.vm.runtime_mut().running_loop = outer;
        if let Some(s) = state {
            s.borrow_mut().running = false;
        }
        result
    }

    /// Runs an input that awaits: its code object is a coroutine; it runs as a task on
    /// the session loop until done. If it is interrupted (Ctrl-C while the loop waits),
    /// the task is cancelled and given the chance to clean up, as `python -m asyncio`
    /// cancels it.
    fn run_coroutine(&mut self, loop_: &Value, code: Rc<Code>) -> PyResult<()> {
        let name = code.name.clone();
        let qualname = code.qualname.clone();
        let frame = self.vm.alloc_frame(code, self.globals.clone(), None);
        let coro = Value::Generator(Generator::new(GenKind::Coroutine, frame, name, qualname));
        let task = self.vm.ensure_future(loop_, coro)?;
        let lr = session_loop(loop_);
        let result = lr.run_until_complete(&mut self.vm, task.value().clone());
        if result.is_err() && !task.done() {
            self.vm.cancel_any(task.value(), Value::None)?;
            // Its CancelledError is the expected outcome; a second Ctrl-C abandons it.
            let _ = lr.run_until_complete(&mut self.vm, task.into());
        }
        result.map(drop)
    }

    /// One more round of the loop when something is ready, so that callbacks and tasks
    /// the input scheduled start now, as on CPython's always-running asyncio REPL loop.
    /// Timers are not waited for: the prompt comes back at once.
    fn settle(&mut self, loop_: &Value) -> PyResult<()> {
        let ready = event_loop::state(loop_).is_some_and(|s| !s.borrow().ready.is_empty());
        if !ready {
            return Ok(());
        }
        self.while_running(loop_, |vm, _| session_loop(loop_).run_once(vm))
    }

    /// Whether the session's loop has anything to do (ready callbacks, timers, IO,
    /// child processes) that could run while the prompt waits. Never under
    /// `--virtual-time`: its clock would race through the timers while the person
    /// types.
    pub fn has_background_work(&self) -> bool {
        let Some(state) = self.event_loop.as_ref().and_then(event_loop::state) else {
            return false;
        };
        let s = state.borrow();
        let idle =
            s.ready.is_empty() && s.timers.is_empty() && s.io.is_empty() && s.children.is_empty();
        !(s.closed || s.running || idle || crate::runtime::clock::is_virtual())
    }

    /// While the prompt waits at a terminal: one round of the session's loop if it has
    /// background work, so tasks keep running as on `python -m asyncio`'s loop thread.
    /// The round may wait on the poller for the loop's next event; the editing thread
    /// wakes it. False when there was nothing to do.
    pub fn background_turn(&mut self) -> bool {
        if !self.has_background_work() {
            return false;
        }
        let Some(l) = self.event_loop.clone() else {
            return false;
        };
        let turned = self.while_running(&l, |vm, _| session_loop(&l).run_once(vm));
        if let Err(e) = turned {
            // SystemExit from a background task is reported, not obeyed, as an
            // exception in a callback of `python -m asyncio`'s loop thread would be.
            self.vm.print_exception(&e);
        }
        self.vm.flush_stdout();
        true
    }

    /// Prints an exception that reached the prompt; `SystemExit` ends the session.
    fn report(&mut self, e: ExcRef) -> Status {
        if e.class.is_subclass(&self.vm.exc.system_exit) {
            Status::Exit(crate::interpreter::uncaught(&mut self.vm, &e))
        } else {
            self.vm.print_exception(&e);
            Status::Continue
        }
    }
}

/// What to type instead when an input called `asyncio.run(...)`, which cannot run
/// inside the prompt's running loop: `await` what it was given.
fn asyncio_run_hint(vm: &Vm, e: &ExcRef, input: &str) -> Option<String> {
    if !e.class.is_subclass(&vm.exc.runtime_error) {
        return None;
    }
    let call = input
        .trim()
        .strip_prefix("asyncio.run(")?
        .strip_suffix(')')?;
    Some(format!(
        "apy: the prompt runs in an event loop already; use \"await {}\" instead\n",
        call.trim()
    ))
}

/// The session's loop as a handle (it is always a native loop: `new_event_loop`).
fn session_loop(loop_: &Value) -> event_loop::LoopRef {
    event_loop::LoopRef::of(loop_).expect("the session loop is a native loop")
}
