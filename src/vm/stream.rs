//! The process's standard streams as Python objects (`sys.stdout`, `sys.stderr`).
//!
//! The VM owns the buffered stdout writer and the stderr path that flushes it first, so
//! it also defines which OS stream a stream object stands for: `print` (in builtins)
//! writes straight to the VM's writers when its target is one of these, and the `sys`
//! module (in stdlib) creates the two objects with this state as their native payload.

use crate::object::{NativeData, Payload, Value};

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
