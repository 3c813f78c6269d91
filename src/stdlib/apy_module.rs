//! The `apy` module: apy's own extras, kept out of Python's namespaces so that every
//! program that does not import it means exactly what it means in CPython.

use crate::native::{ArgCheck, ModuleDef, Table};
use crate::object::function::Args;
use crate::object::{gc, Value};
use crate::vm::{PyResult, Vm};

pub fn load(vm: &mut Vm) -> PyResult<Value> {
    let m = ModuleDef::new("apy");
    let table: &Table = &[
        ("live_objects", live_objects),
        ("collect", collect),
        ("collections", collections),
    ];
    m.funcs(vm, table);
    let stuck = vm.runtime().classes().stuck.clone();
    m.value(vm, "Stuck", Value::Class(stuck));
    Ok(m.finish(vm))
}

/// Containers the cycle collector tracks that are still alive.
fn live_objects(vm: &mut Vm, args: Args) -> PyResult {
    vm.check_args("live_objects", &args, 0, 0)?;
    Ok(Value::Int(gc::live_objects() as i64))
}

/// Runs the cycle collector now; returns how many unreachable objects it freed.
fn collect(vm: &mut Vm, args: Args) -> PyResult {
    vm.check_args("collect", &args, 0, 0)?;
    Ok(Value::Int(vm.collect_garbage() as i64))
}

/// How many collections have run.
fn collections(vm: &mut Vm, args: Args) -> PyResult {
    vm.check_args("collections", &args, 0, 0)?;
    Ok(Value::Int(gc::collections() as i64))
}
