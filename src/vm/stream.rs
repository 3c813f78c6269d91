//! The process's standard streams as Python objects (`sys.stdout`, `sys.stderr`).
//!
//! The VM owns the buffered stdout writer and the stderr path that flushes it first, so
//! it also defines which OS stream a stream object stands for: `print` (in builtins)
//! writes straight to the VM's writers when its target is one of these, and the `sys`
//! module (in stdlib) creates the two objects with this state as their native payload.

use crate::object::{NativeData, Payload, Value};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};

/// Which OS stream a `sys.stdout`/`sys.stderr` object writes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

impl NativeData for Stream {
    fn traverse(&self, _: &mut dyn FnMut(&Value)) {}
}

/// The OS stream `v` writes to, if it is one of the standard stream objects.
pub fn stream_kind(v: &Value) -> Option<Stream> {
    match v {
        Value::Object(o) => o.native::<Stream>().copied(),
        _ => None,
    }
}

/// The payload of a standard stream object.
pub fn stream_payload(stream: Stream) -> Payload {
    Payload::Native(Box::new(stream))
}

/// Bytes the program writes to stdout and stderr while they are captured (see
/// [`crate::vm::Vm::capture_output`]), in the order written.
pub type Capture = std::rc::Rc<std::cell::RefCell<Vec<u8>>>;

/// What the VM's buffered stdout writes into: the process's stdout, or a capture.
pub struct StdoutSink {
    pub(crate) capture: Option<Capture>,
}

impl StdoutSink {
    pub fn new() -> StdoutSink {
        StdoutSink { capture: None }
    }
}

impl Default for StdoutSink {
    fn default() -> Self {
        StdoutSink::new()
    }
}

/// Writes go to file descriptor 1 itself, not through Rust's `Stdout`, whose line
/// buffer would hold back part of a failed write: a write error (a closed pipe, a full
/// disk) must reach the program as CPython reports it, with nothing left behind.
impl std::io::Write for StdoutSink {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        match &self.capture {
            Some(c) => {
                c.borrow_mut().extend_from_slice(data);
                Ok(data.len())
            }
            None => {
                use std::os::fd::AsFd;
                Ok(rustix::io::write(std::io::stdout().as_fd(), data)?)
            }
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// When the buffered stdout reaches the OS besides when its buffer fills, as CPython's
/// text layer decides at start-up: a person at a terminal sees each line as it is
/// printed, a pipe gets whole buffers, and `-u` sends every write at once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flushing {
    /// Only when the buffer fills, before stderr output, before blocking, and at exit.
    Block,
    /// Also after each write that holds a newline (`line_buffering`).
    Line,
    /// After every write (`write_through`).
    Each,
}

/// Set by `-u` and a non-empty `PYTHONUNBUFFERED`.
static UNBUFFERED: AtomicBool = AtomicBool::new(false);

/// `-u`: the standard streams write through (`sys.flags.unbuffered` is not in 3.11).
pub fn set_unbuffered() {
    UNBUFFERED.store(true, Ordering::Relaxed);
}

/// Whether `-u` or `PYTHONUNBUFFERED` asked for unbuffered streams.
pub fn unbuffered() -> bool {
    UNBUFFERED.load(Ordering::Relaxed)
        || std::env::var_os("PYTHONUNBUFFERED").is_some_and(|v| !v.is_empty())
}

/// How stdout flushes in this process.
pub fn stdout_flushing() -> Flushing {
    if unbuffered() {
        Flushing::Each
    } else if std::io::stdout().is_terminal() {
        Flushing::Line
    } else {
        Flushing::Block
    }
}

/// What CPython prints when flushing stdout fails at exit (the status is then 120).
pub fn unflushed_at_exit(exc_class: &str, e: &std::io::Error) -> String {
    let text = e.to_string();
    let strerror = text.split(" (os error").next().unwrap_or(&text);
    format!(
        "Exception ignored in: <_io.TextIOWrapper name='<stdout>' mode='w' encoding='utf-8'>\n\
         {exc_class}: [Errno {}] {strerror}\n",
        e.raw_os_error().unwrap_or(0)
    )
}
