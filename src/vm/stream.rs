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
