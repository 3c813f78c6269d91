//! Attributes and reprs of event-loop objects.

use crate::object::{Object, Value};
use crate::vm::{PyResult, Vm};
use std::rc::Rc;

pub fn async_special_attr(_vm: &mut Vm, _obj: &Value, _o: &Rc<Object>, _name: &str) -> PyResult<Option<Value>> {
    Ok(None)
}

pub fn async_repr(vm: &mut Vm, v: &Value, o: &Rc<Object>) -> PyResult<String> {
    let _ = vm;
    Ok(format!("<{} object at {:#x}>", o.class.name, v.heap_addr().unwrap_or(0)))
}

/// `len()` of event-loop objects that have one (queues...).
pub fn native_len(_vm: &mut Vm, _o: &Rc<Object>) -> Option<usize> {
    None
}
