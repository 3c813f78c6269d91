//! The terminal front end: line editing, history and Tab with rustyline, on a thread of
//! its own ([`super::line_thread`]), while this thread keeps the session's event loop
//! turning — background tasks run while the prompt waits, as under `python -m
//! asyncio`, and what they print appears above the line being typed (rustyline's
//! `ExternalPrinter`) instead of through it.

use super::line_thread::{LineThread, Message};
use super::reader::{LineReader, Read};
use super::session::Session;
use crate::vm::stream::Capture;
use rustyline::ExternalPrinter;
use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

pub struct TerminalReader {
    line_thread: LineThread,
    session: Rc<RefCell<Session>>,
}

impl TerminalReader {
    /// A reader with the saved history loaded, or None when the terminal cannot be set
    /// up for editing (the caller then reads plain lines).
    pub fn new(session: Rc<RefCell<Session>>) -> Option<TerminalReader> {
        Some(TerminalReader {
            line_thread: LineThread::start()?,
            session,
        })
    }

    /// Adds this session's lines to the history file (silently skipped on failure).
    pub fn save_history(&mut self) {
        self.line_thread.finish();
    }
}

/// The program's output while the prompt waits: printed above the prompt, whole lines
/// at a time.
struct AbovePrompt {
    capture: Capture,
    printer: Box<dyn ExternalPrinter + Send>,
}

impl AbovePrompt {
    /// Prints the complete lines captured so far.
    fn show_lines(&mut self) {
        let text = {
            let mut buf = self.capture.borrow_mut();
            let Some(end) = buf.iter().rposition(|&b| b == b'\n') else {
                return;
            };
            buf.drain(..=end).collect::<Vec<u8>>()
        };
        let text = String::from_utf8_lossy(&text).into_owned();
        // The editor may have just finished the line (its printer is then gone).
        if self.printer.print(text.clone()).is_err() {
            write_out(text.as_bytes());
        }
    }

    /// After the line was read: the rest of the output goes out as it is.
    fn finish(mut self) {
        self.show_lines();
        let rest = std::mem::take(&mut *self.capture.borrow_mut());
        write_out(&rest);
    }
}

fn write_out(data: &[u8]) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(data);
    let _ = out.flush();
}

impl LineReader for TerminalReader {
    fn read_line(&mut self, prompt: &str) -> Read {
        let above_wanted = self.session.borrow().has_background_work();
        if !self.line_thread.request(prompt, above_wanted) {
            return Read::Eof;
        }
        let mut above: Option<AbovePrompt> = None;
        // With background work, the editor's first message is the printer: the loop
        // turns only once output has somewhere to go.
        let mut first = above_wanted;
        let read = loop {
            let next = if std::mem::take(&mut first) {
                self.line_thread.message().map(Some)
            } else {
                self.line_thread.try_message()
            };
            let message = match next {
                Ok(Some(m)) => m,
                Ok(None) => {
                    // Nothing from the editor yet: a round of the loop (it waits on the
                    // poller, which the editing thread wakes), or, with nothing to run,
                    // a wait for the editor.
                    let turned = self.session.borrow_mut().background_turn();
                    if let Some(a) = &mut above {
                        a.show_lines();
                    }
                    if turned {
                        continue;
                    }
                    match self.line_thread.message() {
                        Ok(m) => m,
                        Err(()) => break Read::Eof,
                    }
                }
                Err(()) => break Read::Eof,
            };
            match message {
                Message::Done(read) => break read,
                Message::Complete { line, pos } => {
                    let answer = super::completion::complete(&self.session.borrow(), &line, pos);
                    self.line_thread.answer_completion(answer);
                }
                Message::Printer(Some(printer)) => {
                    let capture = Capture::default();
                    self.session
                        .borrow_mut()
                        .vm()
                        .capture_output(Some(capture.clone()));
                    above = Some(AbovePrompt { capture, printer });
                }
                // No printer: the output goes out as it comes.
                Message::Printer(None) => {}
            }
        };
        if let Some(a) = above {
            self.session.borrow_mut().vm().capture_output(None);
            a.finish();
        }
        read
    }
}
