//! Native state of event-loop objects (futures, tasks, handles...), stored in an
//! `Object`'s payload.

use crate::object::Value;

pub enum AsyncPayload {
    /// Placeholder until the event loop lands.
    Unused,
}

impl AsyncPayload {
    pub fn traverse(&self, _f: &mut dyn FnMut(&Value)) {}

    pub fn clear_into(&self, _trash: &mut Vec<Value>) {}
}
