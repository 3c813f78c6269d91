//! The process's standard input, read so that Ctrl-C interrupts a waiting read.
//!
//! `input()`, `sys.stdin` and `sys.stdin.buffer` share this one buffer over fd 0. The
//! standard library's `Stdin` is not used: it retries a read the OS interrupted
//! (EINTR), so a program waiting in `input()` would ignore Ctrl-C until Enter, where
//! CPython raises KeyboardInterrupt at once. Here an interrupted read runs the Python
//! signal handlers first (`check_signals`: the default SIGINT handler raises) and only
//! then reads again.
//!
//! End of input is not remembered: at a terminal, Ctrl-D ends one read and the next
//! read waits for more, as in CPython.

use super::{PyResult, Vm};
use crate::object::Value;
use std::cell::RefCell;
use std::io;
use std::os::fd::AsFd;

/// How much one read of fd 0 asks for.
const CHUNK: usize = 8 * 1024;

/// Bytes read from fd 0 and not yet consumed.
#[derive(Default)]
struct Pending {
    data: Vec<u8>,
    /// Where the unconsumed part of `data` starts.
    start: usize,
}

impl Pending {
    fn unread(&self) -> &[u8] {
        &self.data[self.start..]
    }

    /// Takes the first `n` unconsumed bytes.
    fn take(&mut self, n: usize) -> Vec<u8> {
        let out = self.data[self.start..self.start + n].to_vec();
        self.start += n;
        if self.start == self.data.len() {
            self.data.clear();
            self.start = 0;
        }
        out
    }
}

thread_local! {
    static PENDING: RefCell<Pending> = RefCell::new(Pending::default());
}

/// One read of fd 0 into the buffer; false at end of input.
fn fill_once() -> io::Result<bool> {
    let mut chunk = [0u8; CHUNK];
    let n = nix::unistd::read(io::stdin().as_fd(), &mut chunk).map_err(io::Error::from)?;
    PENDING.with(|p| p.borrow_mut().data.extend_from_slice(&chunk[..n]));
    Ok(n > 0)
}

impl Vm {
    /// Reads more of stdin into the buffer, running signal handlers when a signal
    /// interrupts the wait; false at end of input.
    fn stdin_fill(&mut self) -> PyResult<bool> {
        loop {
            match fill_once() {
                Ok(more) => return Ok(more),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => self.check_signals()?,
                Err(e) => return Err(self.os_error(&e, &Value::None)),
            }
        }
    }

    /// The next line of stdin with its `\n`; what is left at end of input (empty
    /// when nothing is). Output written so far is flushed first, as CPython's
    /// line-buffered console does.
    pub fn stdin_read_line(&mut self) -> PyResult<Vec<u8>> {
        self.flush_stdout();
        loop {
            let found = PENDING.with(|p| {
                let mut p = p.borrow_mut();
                let end = p.unread().iter().position(|&b| b == b'\n');
                end.map(|i| p.take(i + 1))
            });
            if let Some(line) = found {
                return Ok(line);
            }
            if !self.stdin_fill()? {
                return Ok(PENDING.with(|p| {
                    let mut p = p.borrow_mut();
                    let n = p.unread().len();
                    p.take(n)
                }));
            }
        }
    }

    /// Up to `limit` bytes of stdin (all of it to the end when None); fewer only at
    /// end of input.
    pub fn stdin_read(&mut self, limit: Option<usize>) -> PyResult<Vec<u8>> {
        self.flush_stdout();
        loop {
            let have = PENDING.with(|p| p.borrow().unread().len());
            if limit.is_some_and(|n| have >= n) || !self.stdin_fill()? {
                return Ok(PENDING.with(|p| {
                    let mut p = p.borrow_mut();
                    let n = limit.map_or(have, |n| n.min(have));
                    p.take(n)
                }));
            }
        }
    }
}

impl Vm {
    /// Up to `n` characters of stdin decoded as UTF-8 (all of it when None): what
    /// `sys.stdin.read(n)` returns. Bytes after the n-th character stay for the next
    /// read.
    pub fn stdin_read_text(&mut self, n: Option<usize>) -> PyResult<String> {
        let Some(n) = n else {
            let all = self.stdin_read(None)?;
            return Ok(String::from_utf8_lossy(&all).into_owned());
        };
        self.flush_stdout();
        loop {
            let end = PENDING.with(|p| char_boundary(p.borrow().unread(), n));
            if let Some(end) = end {
                let bytes = PENDING.with(|p| p.borrow_mut().take(end));
                return Ok(String::from_utf8_lossy(&bytes).into_owned());
            }
            if !self.stdin_fill()? {
                let rest = self.stdin_read(None)?;
                return Ok(String::from_utf8_lossy(&rest).into_owned());
            }
        }
    }
}

/// The byte length of the first `n` UTF-8 characters of `bytes`, if that many have
/// fully arrived. (An invalid byte counts as one character, as lossy decoding shows it.)
fn char_boundary(bytes: &[u8], n: usize) -> Option<usize> {
    let mut pos = 0;
    for _ in 0..n {
        let lead = *bytes.get(pos)?;
        let width = match lead {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF7 => 4,
            _ => 1,
        };
        if pos + width > bytes.len() {
            return None;
        }
        pos += width;
    }
    Some(pos)
}

#[cfg(test)]
mod tests {
    use super::{char_boundary, Pending};

    #[test]
    fn char_boundaries_count_whole_characters() {
        assert_eq!(char_boundary("aé€x".as_bytes(), 3), Some(6));
        assert_eq!(char_boundary("aé".as_bytes(), 3), None);
        assert_eq!(char_boundary(&"é".as_bytes()[..1], 1), None);
        assert_eq!(char_boundary(b"", 0), Some(0));
    }

    #[test]
    fn take_consumes_in_order_and_resets() {
        let mut p = Pending {
            data: b"ab\ncd".to_vec(),
            start: 0,
        };
        assert_eq!(p.take(3), b"ab\n");
        assert_eq!(p.unread(), b"cd");
        assert_eq!(p.take(2), b"cd");
        assert!(p.data.is_empty() && p.start == 0);
    }
}
