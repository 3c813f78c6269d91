//! "A bytes-like object": the values that export CPython's buffer protocol — `bytes`, a
//! subclass of it, and the native types that expose one through
//! [`NativeData::buffer`](crate::object::NativeData::buffer) (`bytearray`, `memoryview`).

use crate::object::{Payload, Value};
use crate::vm::Vm;

impl Vm {
    /// The bytes of `v` if it is bytes-like, else None.
    pub fn buffer_bytes(&self, v: &Value) -> Option<Vec<u8>> {
        match v {
            Value::Bytes(b) => Some(b.data.clone()),
            Value::Object(o) => match &o.payload {
                Payload::Native(data) => data.buffer(),
                Payload::Builtin(Value::Bytes(b)) => Some(b.data.clone()),
                _ => None,
            },
            _ => None,
        }
    }
}

/// Runs `f` on the bytes of `v` if it is bytes-like, without copying a `bytes` or a
/// bytearray (`sock.send(buf)`, `buf.extend(data)` on large buffers). `f` must not run
/// Python code; a bytearray is borrowed while it runs.
pub fn with_bytes<R>(v: &Value, f: impl FnOnce(&[u8]) -> R) -> Option<R> {
    match v {
        Value::Bytes(b) => Some(f(&b.data)),
        Value::Object(o) => match &o.payload {
            Payload::Builtin(Value::Bytes(b)) => Some(f(&b.data)),
            Payload::Native(data) => {
                let (mut f, mut out) = (Some(f), None);
                data.lend_buffer(&mut |bytes| out = f.take().map(|f| f(bytes)));
                out
            }
            _ => None,
        },
        _ => None,
    }
}
