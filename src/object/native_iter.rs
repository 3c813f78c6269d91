//! The seam for iterators whose type a higher layer defines (`itertools` objects, deque
//! iterators).
//!
//! The built-in iterators' states are variants of [`IterState`] that the VM steps inline.
//! A library iterator instead stores its state as [`IterState::Native`] and tells the VM,
//! through [`NativeIter::step_fn`], which function steps it. The VM releases its borrow of
//! the state cell before calling that function, so a step that runs Python code (a
//! `groupby` key function, `tee` pulling from its source) manages the cell itself, exactly
//! as it would with a variant of its own. One virtual call and one indirect call per item,
//! for library types only; the built-in iterators' fast paths are unchanged.

use super::exception::ExcRef;
use super::iterator::IterState;
use super::value::Value;
use crate::vm::Vm;
use std::any::Any;
use std::cell::RefCell;

/// Steps the iterator whose state is in `cell`: the next value, or None when exhausted.
pub type NativeStep = fn(&mut Vm, &RefCell<IterState>) -> Result<Option<Value>, ExcRef>;

/// The state of an iterator whose type a higher layer defines.
pub trait NativeIter: Any {
    /// Calls `f` on every value the state holds, for the cycle collector.
    fn traverse(&self, f: &mut dyn FnMut(&Value));

    /// The function the VM calls for `next()` (with the state cell not borrowed).
    fn step_fn(&self) -> NativeStep;
}

impl IterState {
    /// The native state of a higher layer's iterator, if this state is a `T`.
    pub fn native<T: NativeIter>(&self) -> Option<&T> {
        match self {
            IterState::Native(it) => (&**it as &dyn Any).downcast_ref(),
            _ => None,
        }
    }

    /// The native state of a higher layer's iterator, if this state is a `T`.
    pub fn native_mut<T: NativeIter>(&mut self) -> Option<&mut T> {
        match self {
            IterState::Native(it) => (&mut **it as &mut dyn Any).downcast_mut(),
            _ => None,
        }
    }
}
