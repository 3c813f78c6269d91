//! Async generators: the awaitables returned by `asend`, `athrow` and `aclose`.

use crate::object::{Generator, Value};
use crate::vm::{PyResult, Vm};
use std::rc::Rc;

pub fn asend(vm: &mut Vm, _g: &Rc<Generator>, _value: Value) -> PyResult {
    Err(vm.runtime_error("async generators are not supported yet"))
}
