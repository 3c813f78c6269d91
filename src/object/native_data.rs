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

use super::value::Value;
use std::any::Any;

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

    /// The state as `Any`, for [`Object::native`](super::Object::native).
    fn as_any(&self) -> &dyn Any;
}
