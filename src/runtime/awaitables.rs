//! Native awaitables: what `await` does with futures and tasks.

use crate::object::{ExcRef, Object, Value};
use crate::vm::generators::Sent;
use crate::vm::{PyResult, Vm};
use std::rc::Rc;

pub fn native_awaitable(_vm: &mut Vm, _v: &Value, _o: &Rc<Object>) -> PyResult<Option<Value>> {
    Ok(None)
}

pub fn send_native(vm: &mut Vm, sub: &Value, _o: &Rc<Object>, _value: Value) -> PyResult<Sent> {
    Err(vm.type_error(format!("object {} can't be used in 'await' expression", vm.type_name(sub))))
}

pub fn throw_native(_vm: &mut Vm, _sub: &Value, _o: &Rc<Object>, exc: ExcRef) -> PyResult {
    Err(exc)
}
