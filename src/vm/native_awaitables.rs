//! The small native awaitables the language itself defines: the iterator
//! `coroutine.__await__()` returns, `anext(ait, default)`'s awaitable, and the bare
//! `yield` behind `asyncio.sleep(0)`. They live with the VM because `await` must drive
//! them whichever event loop (if any) is running.

use super::generators::Sent;
use super::{PyResult, Vm};
use crate::object::{ExcRef, NativeData, Payload, Value};

/// The awaitable protocol of a native object, if it has one: a library type's boxed
/// state, or the inline async-generator op.
pub fn awaitable_data(payload: &Payload) -> Option<&dyn NativeData> {
    match payload {
        Payload::AsyncGenOp(op) => Some(op),
        Payload::Native(data) if data.is_awaitable() => Some(&**data),
        _ => None,
    }
}

/// `repr()` of a native object without a repr of its own: `<name object at 0x..>`.
pub fn default_repr(this: &Value) -> String {
    let name = match this {
        Value::Object(o) => o.class.name.to_string(),
        _ => "object".to_string(),
    };
    format!("<{name} object at {:#x}>", this.heap_addr().unwrap_or(0))
}

/// A bare `yield`: suspends its task once (`sleep(0)`). Two shared instances (`done`
/// false and true) let the run loop switch between them in the frame's stack slot
/// without allocating (see `Instr::Send` in `vm::cold`).
pub struct YieldOnce {
    pub done: bool,
}

impl NativeData for YieldOnce {
    fn traverse(&self, _f: &mut dyn FnMut(&Value)) {}

    fn is_awaitable(&self) -> bool {
        true
    }

    fn await_send(&self, _vm: &mut Vm, _this: &Value, _value: Value) -> Option<PyResult<Sent>> {
        Some(Ok(if self.done {
            Sent::Returned(Value::None)
        } else {
            Sent::Yielded(Value::None)
        }))
    }

    fn repr(&self, _vm: &mut Vm, this: &Value) -> Option<PyResult<String>> {
        Some(Ok(format!(
            "<coroutine object sleep at {:#x}>",
            this.heap_addr().unwrap_or(0)
        )))
    }
}

/// The iterator returned by `coroutine.__await__()` (and `Future.__await__()`'s
/// FutureIter): sends go to the wrapped object.
pub struct CoroWrapper(pub Value);

impl CoroWrapper {
    /// `send(value)` (`__next__()` sends None): what the wrapped object yields, or
    /// StopIteration carrying what it returned.
    pub fn send(&self, vm: &mut Vm, value: Value) -> PyResult {
        match vm.send_to(&self.0, value)? {
            Sent::Yielded(v) => Ok(v),
            Sent::Returned(v) => Err(vm.stop_iteration(v)),
        }
    }
}

impl NativeData for CoroWrapper {
    fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        f(&self.0)
    }

    fn is_awaitable(&self) -> bool {
        true
    }

    fn await_send(&self, vm: &mut Vm, _this: &Value, value: Value) -> Option<PyResult<Sent>> {
        Some(vm.send_to(&self.0, value))
    }

    fn await_throw(&self, vm: &mut Vm, _this: &Value, exc: ExcRef) -> PyResult {
        let Value::Generator(g) = &self.0 else {
            return Err(exc);
        };
        match vm.gen_throw(g, exc)? {
            Sent::Yielded(v) => Ok(v),
            Sent::Returned(v) => Err(vm.stop_iteration(v)),
        }
    }

    fn repr(&self, _vm: &mut Vm, this: &Value) -> Option<PyResult<String>> {
        Some(Ok(default_repr(this)))
    }
}

/// `anext(ait, default)`: awaits the inner awaitable, turning StopAsyncIteration into
/// `default`.
pub struct AnextDefault {
    pub inner: Value,
    pub default: Value,
}

impl NativeData for AnextDefault {
    fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        f(&self.inner);
        f(&self.default);
    }

    fn is_awaitable(&self) -> bool {
        true
    }

    fn await_send(&self, vm: &mut Vm, _this: &Value, value: Value) -> Option<PyResult<Sent>> {
        Some(match vm.send_to(&self.inner, value) {
            Err(e) if e.class.is_subclass(&vm.exc.stop_async_iteration) => {
                Ok(Sent::Returned(self.default.clone()))
            }
            other => other,
        })
    }

    fn repr(&self, _vm: &mut Vm, this: &Value) -> Option<PyResult<String>> {
        Some(Ok(default_repr(this)))
    }
}
