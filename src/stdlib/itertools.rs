//! `itertools`: iterator state machines stepped by the VM's iteration protocol.

use crate::object::iterator::IterState;
use crate::object::Value;
use crate::vm::{PyResult, Vm};
use std::cell::RefCell;

/// State of one itertools iterator.
pub enum State {
    Placeholder,
}

impl State {
    pub fn traverse(&self, _f: &mut dyn FnMut(&Value)) {}
}

pub fn step(_vm: &mut Vm, _cell: &RefCell<IterState>) -> PyResult<Option<Value>> {
    Ok(None)
}
