//! Per-interpreter state of the layers above the VM (the event loop's, for one), kept in
//! the `Vm` without the VM naming its type: a small store keyed by type. Lookups compare
//! a few type ids and downcast once.

use std::any::{Any, TypeId};

#[derive(Default)]
pub struct Extensions {
    slots: Vec<(TypeId, Box<dyn Any>)>,
}

impl Extensions {
    /// Stores `value`, replacing the previous value of its type.
    pub fn insert<T: Any>(&mut self, value: T) {
        let id = TypeId::of::<T>();
        match self.slots.iter_mut().find(|(t, _)| *t == id) {
            Some(slot) => slot.1 = Box::new(value),
            None => self.slots.push((id, Box::new(value))),
        }
    }

    #[inline]
    pub fn get<T: Any>(&self) -> Option<&T> {
        let id = TypeId::of::<T>();
        self.slots
            .iter()
            .find(|(t, _)| *t == id)
            .and_then(|(_, v)| v.downcast_ref())
    }

    #[inline]
    pub fn get_mut<T: Any>(&mut self) -> Option<&mut T> {
        let id = TypeId::of::<T>();
        self.slots
            .iter_mut()
            .find(|(t, _)| *t == id)
            .and_then(|(_, v)| v.downcast_mut())
    }
}
