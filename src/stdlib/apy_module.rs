//! The `apy` module: apy's own extras, kept out of Python's namespaces so that every
//! program that does not import it means exactly what it means in CPython.

use crate::builtins::ArgCheck;
use crate::object::function::{Args, NativeFn};
use crate::object::{gc, Dict, DictObj, NativeFunction, Value};
use crate::vm::{PyResult, Vm};
use std::rc::Rc;

fn func(name: &'static str, f: NativeFn) -> Value {
    Value::NativeFunction(Rc::new(NativeFunction {
        name,
        func: f,
        is_method: false,
        owner: "apy",
    }))
}

pub fn load(vm: &mut Vm) -> PyResult<Value> {
    let d = DictObj::new(Dict::new());
    let entries: Vec<(&str, Value)> = vec![
        ("live_objects", func("live_objects", live_objects)),
        ("collect", func("collect", collect)),
        ("collections", func("collections", collections)),
    ];
    for (k, v) in entries {
        let key = vm.intern(k);
        d.table.borrow_mut().set_str(key, v);
    }
    Ok(Value::Module(vm.register_module("apy", d)))
}

/// Containers the cycle collector tracks that are still alive.
fn live_objects(vm: &mut Vm, args: Args) -> PyResult {
    vm.check_args("live_objects", &args, 0, 0)?;
    Ok(Value::Int(gc::live_objects() as i64))
}

/// Runs the cycle collector now; returns how many unreachable objects it freed.
fn collect(vm: &mut Vm, args: Args) -> PyResult {
    vm.check_args("collect", &args, 0, 0)?;
    Ok(Value::Int(gc::collect() as i64))
}

/// How many collections have run.
fn collections(vm: &mut Vm, args: Args) -> PyResult {
    vm.check_args("collections", &args, 0, 0)?;
    Ok(Value::Int(gc::collections() as i64))
}
