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
        ("tasks", tasks),
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

/// Prints the live task tree: each pending task under the task awaiting it, where it
/// is suspended and what it waits for (`runtime::task_tree`).
fn tasks(vm: &mut Vm, args: Args) -> PyResult {
    vm.check_args("tasks", &args, 0, 0)?;
    let tree = vm.task_tree();
    // Through `print`, so a redirected `sys.stdout` gets it.
    let hash = vm.intern("print").hash();
    let print = vm.builtins.get_str("print", hash);
    match print {
        Some(print) => vm.call(&print, &[Value::str(tree.trim_end())])?,
        None => Value::None,
    };
    Ok(Value::None)
}

/// How many collections have run.
fn collections(vm: &mut Vm, args: Args) -> PyResult {
    vm.check_args("collections", &args, 0, 0)?;
    Ok(Value::Int(gc::collections() as i64))
}
