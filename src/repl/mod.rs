//! The interactive interpreter: `apy` at a terminal, or `apy -i`.
//!
//! It behaves like CPython's interactive mode, with `python -m asyncio`'s top-level
//! `await`. The parts:
//!
//! - [`input`]: collecting the lines of one input and deciding when it is complete;
//! - [`session`]: running inputs in one namespace and one event loop;
//! - [`reader`]: where lines come from ([`LineReader`]); [`terminal`] is the rustyline
//!   front end with history, editing on a thread of its own ([`line_thread`]) while
//!   the session's loop keeps turning, and [`completion`] its Tab key.
//!
//! [`interact`] ties them together and is independent of the terminal, so tests (and
//! `apy -i` with a pipe) drive exactly the code a person at a terminal uses.

mod completion;
mod input;
mod line_thread;
mod reader;
mod session;
mod terminal;

pub use input::{Feed, Input, InputBuffer, INPUT_NAME};
pub use reader::{LineReader, PlainReader, Read};
pub use session::{Session, Status};

use crate::object::DictObj;
use crate::source::SourceFile;
use crate::vm::Vm;
use std::cell::RefCell;
use std::io::IsTerminal;
use std::rc::Rc;

/// The primary prompt (the initial `sys.ps1`).
pub const PS1: &str = ">>> ";
/// The continuation prompt (the initial `sys.ps2`).
pub const PS2: &str = "... ";

/// The greeting printed (to stderr, as CPython does) when a session starts.
pub fn banner() -> String {
    format!(
        "apy {} (Python 3.11 subset) — type exit() or Ctrl-D to leave\n\
         Top-level await works: use \"await\" directly instead of \"asyncio.run()\".\n",
        env!("CARGO_PKG_VERSION")
    )
}

/// Runs a session reading from stdin: with line editing and history when stdin is a
/// terminal, else plain lines with the prompts on stderr. Returns the exit status.
pub fn run(session: Session, quiet: bool) -> i32 {
    let session = Rc::new(RefCell::new(session));
    if !quiet {
        session.borrow_mut().vm().write_stderr(&banner());
    }
    let status = 'session: {
        if std::io::stdin().is_terminal() {
            if let Some(mut reader) = terminal::TerminalReader::new(session.clone()) {
                let status = interact(&session, &mut reader);
                reader.save_history();
                break 'session status;
            }
        }
        let mut reader = PlainReader::new(std::io::stdin().lock(), std::io::stderr());
        interact(&session, &mut reader)
    };
    session.borrow_mut().shutdown();
    status
}

/// `apy -i FILE` / `apy -i -c CODE`: runs the program, then a session in its namespace
/// (without the banner). As in CPython, even an uncaught exception or `sys.exit()` in
/// the program only prints its traceback before the prompt appears.
pub fn run_then_interact(mut vm: Vm, source: SourceFile, file: Option<&str>, color: bool) -> i32 {
    let source = Rc::new(source);
    vm.main_file = source.name.clone();
    let globals: Rc<DictObj> = crate::interpreter::main_globals(&mut vm, file);
    match crate::interpreter::compile(&mut vm, &source, false) {
        Ok(code) => {
            let frame = vm.alloc_frame(code, globals.clone(), None);
            if let Err(e) = vm.run_frame(frame) {
                vm.print_exception(&e);
            }
            vm.flush_warnings_outside();
        }
        Err(diag) => vm.write_stderr(&diag.render(&source, color)),
    }
    vm.main_file = INPUT_NAME.to_string();
    run(Session::with_namespace(vm, globals, color), true)
}

/// The read-eval-print loop over any line source. Returns the exit status: that of
/// `exit()`/`SystemExit`, or 0 at end of input.
pub fn interact(session: &RefCell<Session>, reader: &mut dyn LineReader) -> i32 {
    let mut buffer = InputBuffer::new();
    loop {
        let prompt = {
            let mut session = session.borrow_mut();
            session.flush();
            session.prompt(!buffer.is_empty())
        };
        match reader.read_line(&prompt) {
            Read::Line(text) => {
                // Pasted text arrives as several lines: each is taken as if typed.
                for line in text.split('\n') {
                    let feed = buffer.push(line);
                    if let Status::Exit(code) = handle(session, feed) {
                        return code;
                    }
                }
            }
            Read::Interrupted => {
                buffer.clear();
                session
                    .borrow_mut()
                    .vm()
                    .write_stderr("KeyboardInterrupt\n");
            }
            Read::Eof => {
                if buffer.is_empty() {
                    return 0;
                }
                // End of input also ends the statement being typed; the next read
                // sees the end of input again and leaves.
                if let Status::Exit(code) = handle(session, buffer.finish()) {
                    return code;
                }
            }
        }
    }
}

fn handle(session: &RefCell<Session>, feed: Feed) -> Status {
    let mut session = session.borrow_mut();
    match feed {
        Feed::Nothing | Feed::More => Status::Continue,
        Feed::Run(input) => session.run(input),
        Feed::Error(source, diag) => {
            session.report_syntax_error(&source, &diag);
            Status::Continue
        }
    }
}
