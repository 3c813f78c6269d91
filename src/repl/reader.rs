//! Where REPL lines come from. The loop in [`super::interact`] only sees [`LineReader`];
//! the terminal front end edits lines with rustyline ([`super::terminal`]), while
//! [`PlainReader`] reads any byte stream (a pipe under `apy -i`, a test's input) and
//! writes the prompts the way CPython does when stdin is not a terminal.

use std::io::{BufRead, Write};

/// One result of reading.
pub enum Read {
    /// A line without its terminator. Pasted text may bring several, separated by `\n`.
    Line(String),
    /// Ctrl-C at the prompt.
    Interrupted,
    /// End of input (Ctrl-D).
    Eof,
}

pub trait LineReader {
    /// Shows `prompt` and reads a line.
    fn read_line(&mut self, prompt: &str) -> Read;
}

/// Reads lines from a byte stream; prompts (and the newline CPython prints at end of
/// input) go to `prompts`, normally stderr.
pub struct PlainReader<R, W> {
    input: R,
    prompts: W,
}

impl<R: BufRead, W: Write> PlainReader<R, W> {
    pub fn new(input: R, prompts: W) -> Self {
        PlainReader { input, prompts }
    }
}

impl<R: BufRead, W: Write> LineReader for PlainReader<R, W> {
    fn read_line(&mut self, prompt: &str) -> Read {
        let _ = self.prompts.write_all(prompt.as_bytes());
        let _ = self.prompts.flush();
        let mut bytes = Vec::new();
        match self.input.read_until(b'\n', &mut bytes) {
            Ok(0) | Err(_) => {
                let _ = self.prompts.write_all(b"\n");
                let _ = self.prompts.flush();
                Read::Eof
            }
            Ok(_) => {
                if bytes.last() == Some(&b'\n') {
                    bytes.pop();
                }
                Read::Line(String::from_utf8_lossy(&bytes).into_owned())
            }
        }
    }
}
