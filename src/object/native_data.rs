//! The seam through which higher layers give objects state of their own.
//!
//! `object` knows nothing of futures, deques or itertools: a library type that needs native
//! state puts it in [`Payload::Native`](super::Payload::Native) as a `Box<dyn NativeData>`,
//! and recovers it with [`Object::native`](super::Object::native). The object layer asks
//! of such state only what the cycle collector needs; behaviour stays with the layer that
//! defined the type.
//!
//! Boxing the state itself (not an enum of boxes) keeps one allocation per object, and a
//! downcast is one virtual call and a type-id comparison.
//!
//! Native awaitables (futures, tasks, `sleep()`, the async-generator operations) are such
//! types too: `await` drives them through [`NativeData::await_send`] and
//! [`NativeData::await_throw`], one virtual call into the layer that knows them, so the
//! VM's `await` needs no knowledge of the event loop. Their reprs and C-slot attributes
//! come the same way ([`NativeData::repr`], [`NativeData::special_attr`]).

use super::exception::ExcRef;
use super::value::Value;
use crate::vm::Vm;
use std::any::Any;

/// The part of a sequence a step-1 slice takes, its bounds clamped.
pub type SliceRange = std::ops::Range<usize>;

/// What one resumption of a generator or awaitable produced.
pub enum Sent {
    Yielded(Value),
    Returned(Value),
}

/// Native state of an object whose type a higher layer defines.
pub trait NativeData: Any {
    /// Calls `f` on every value the state holds, for the cycle collector. State that is
    /// borrowed at the time reports nothing (the collector then keeps the object alive).
    fn traverse(&self, f: &mut dyn FnMut(&Value));

    /// Moves out every value the state holds, to break a cycle the collector found.
    fn clear_into(&self, trash: &mut Vec<Value>) {
        let _ = trash;
    }

    /// `len(obj)` when the type has a native length (a deque's), without a method lookup.
    /// `len()` and truth tests use it before looking for `__len__`/`__bool__`, so state
    /// whose object may be of a subclass overriding those must answer None.
    fn native_len(&self) -> Option<usize> {
        None
    }

    /// Whether `await obj` drives this object itself (it is its own awaitable iterator).
    fn is_awaitable(&self) -> bool {
        false
    }

    /// One `send(value)` into an awaitable (`this` is the object holding the state).
    /// `None` when the type is not awaitable.
    fn await_send(&self, vm: &mut Vm, this: &Value, value: Value) -> Option<Result<Sent, ExcRef>> {
        let _ = (vm, this, value);
        None
    }

    /// Throws `exc` into an awaitable (a task is cancelled while awaiting it): `Ok(v)` if
    /// it yielded `v`, otherwise the exception to raise at the `await` (StopIteration
    /// when it returned). An awaitable with nothing to undo raises `exc` back.
    fn await_throw(&self, vm: &mut Vm, this: &Value, exc: ExcRef) -> Result<Value, ExcRef> {
        let _ = (vm, this);
        Err(exc)
    }

    /// `repr(obj)` in CPython's format; `None` for the default `<type object at 0x..>`.
    fn repr(&self, vm: &mut Vm, this: &Value) -> Option<Result<String, ExcRef>> {
        let _ = (vm, this);
        None
    }

    /// The bytes of an object that exports CPython's buffer protocol (`bytearray`,
    /// `memoryview`): what `bytes(obj)`, `b"".join`, `%b` and every "bytes-like object"
    /// argument read. A copy, so no borrow outlives the call.
    fn buffer(&self) -> Option<Vec<u8>> {
        None
    }

    /// Lends the exported bytes to `f` instead of copying them, where the object can
    /// (a bytearray lends its storage); returns whether it exported any. `f` runs no
    /// Python code, so nothing can resize the bytes while it reads them.
    fn lend_buffer(&self, f: &mut dyn FnMut(&[u8])) -> bool {
        match self.buffer() {
            Some(bytes) => {
                f(&bytes);
                true
            }
            None => false,
        }
    }

    /// `obj[a:b]` taken by the run loop itself (step 1, int or None bounds, an exact
    /// instance: CPython 3.12's `BINARY_SLICE`): `range_of(len)` clamps the bounds to
    /// the object's length. None sends the subscript through `__getitem__`.
    fn slice(&self, vm: &Vm, range_of: &dyn Fn(usize) -> Option<SliceRange>) -> Option<Value> {
        let _ = (vm, range_of);
        None
    }

    /// `del obj[a:b]` done by the run loop itself, as [`NativeData::slice`]; false sends
    /// it through `__delitem__` (which also reports why it cannot be done).
    fn delete_slice(&self, range_of: &dyn Fn(usize) -> Option<SliceRange>) -> bool {
        let _ = range_of;
        false
    }

    /// Attributes CPython keeps in C slots (`fut._loop`), looked up before the class.
    fn special_attr(&self, vm: &mut Vm, this: &Value, name: &str) -> Option<Value> {
        let _ = (vm, this, name);
        None
    }
}
