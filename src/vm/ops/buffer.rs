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
