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

impl std::io::Write for StdoutSink {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        match &self.capture {
            Some(c) => {
                c.borrow_mut().extend_from_slice(data);
                Ok(data.len())
            }
            None => std::io::stdout().write(data),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match &self.capture {
            Some(_) => Ok(()),
            None => std::io::stdout().flush(),
        }
    }
}
