//! `gc`: the cycle collector's Python interface ([`crate::object::gc`] is the collector).
//!
//! apy's collector schedules itself by allocation since the last collection (see its
//! module doc), not by CPython's per-generation thresholds: `set_threshold` is accepted
//! and remembered so programs that tune CPython run unchanged, and `get_count` reports
//! the young generation's size.

use crate::native::{function_args, Clinic, ModuleDef, Sig};
use crate::object::function::Args;
use crate::object::{gc, Value};
use crate::vm::{PyResult, Vm};

struct Settings {
    threshold: [i64; 3],
    debug: i64,
}

pub fn load(vm: &mut Vm) -> PyResult<Value> {
    let m = ModuleDef::new("gc");
    vm.extensions.insert(Settings {
        threshold: [700, 10, 10],
        debug: 0,
    });
    m.funcs(
        vm,
        &[
            ("collect", collect),
            ("enable", enable),
            ("disable", disable),
            ("isenabled", isenabled),
            ("get_count", get_count),
            ("get_threshold", get_threshold),
            ("set_threshold", set_threshold),
            ("get_debug", get_debug),
            ("set_debug", set_debug),
            ("is_tracked", is_tracked),
            ("get_referents", get_referents),
            ("freeze", no_op),
            ("unfreeze", no_op),
            ("get_freeze_count", get_freeze_count),
        ],
    );
    m.value(vm, "garbage", Value::list(Vec::new()));
    m.value(vm, "callbacks", Value::list(Vec::new()));
    for (name, bit) in [
        ("DEBUG_STATS", 1),
        ("DEBUG_COLLECTABLE", 2),
        ("DEBUG_UNCOLLECTABLE", 4),
        ("DEBUG_SAVEALL", 32),
        ("DEBUG_LEAK", 38),
    ] {
        m.value(vm, name, Value::Int(bit));
    }
    Ok(m.finish(vm))
}

/// `collect(generation=2)`: a full collection; returns the number of unreachable objects.
fn collect(vm: &mut Vm, args: Args) -> PyResult {
    let [generation] = Clinic::new("collect", &["generation"]).bind(vm, &args)?;
    match generation {
        None | Some(Value::Int(0..=2)) => {}
        Some(Value::Int(_)) => return Err(vm.value_error("invalid generation")),
        Some(other) => {
            return Err(vm.type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                vm.type_name(&other)
            )))
        }
    }
    Ok(Value::Int(vm.collect_garbage() as i64))
}

fn enable(vm: &mut Vm, args: Args) -> PyResult {
    function_args(vm, "enable", Sig::NoArgs, &args)?;
    gc::set_enabled(true);
    Ok(Value::None)
}

fn disable(vm: &mut Vm, args: Args) -> PyResult {
    function_args(vm, "disable", Sig::NoArgs, &args)?;
    gc::set_enabled(false);
    Ok(Value::None)
}

fn isenabled(vm: &mut Vm, args: Args) -> PyResult {
    function_args(vm, "isenabled", Sig::NoArgs, &args)?;
    Ok(Value::bool(gc::is_enabled()))
}

fn get_count(vm: &mut Vm, args: Args) -> PyResult {
    function_args(vm, "get_count", Sig::NoArgs, &args)?;
    let (young, collections) = gc::young_count();
    Ok(Value::tuple(vec![
        Value::Int(young as i64),
        Value::Int(collections as i64),
        Value::Int(0),
    ]))
}

fn settings(vm: &mut Vm) -> &mut Settings {
    if vm.extensions.get::<Settings>().is_none() {
        vm.extensions.insert(Settings {
            threshold: [700, 10, 10],
            debug: 0,
        });
    }
    vm.extensions.get_mut::<Settings>().expect("just inserted")
}

fn get_threshold(vm: &mut Vm, args: Args) -> PyResult {
    function_args(vm, "get_threshold", Sig::NoArgs, &args)?;
    let t = settings(vm).threshold;
    Ok(Value::tuple(t.iter().map(|&n| Value::Int(n)).collect()))
}

/// `set_threshold(threshold0[, threshold1[, threshold2]])`.
fn set_threshold(vm: &mut Vm, args: Args) -> PyResult {
    let a = function_args(vm, "set_threshold", Sig::OldStyle(1, 3), &args)?;
    let mut t = settings(vm).threshold;
    for (slot, v) in t.iter_mut().zip(a) {
        *slot = crate::native::c_int(vm, v)?;
    }
    settings(vm).threshold = t;
    Ok(Value::None)
}

fn get_debug(vm: &mut Vm, args: Args) -> PyResult {
    function_args(vm, "get_debug", Sig::NoArgs, &args)?;
    Ok(Value::Int(settings(vm).debug))
}

fn set_debug(vm: &mut Vm, args: Args) -> PyResult {
    let a = function_args(vm, "set_debug", Sig::One, &args)?;
    let flags = crate::native::c_int(vm, &a[0])?;
    settings(vm).debug = flags;
    Ok(Value::None)
}

/// `is_tracked(obj)`: whether the collector watches it (containers, not atoms).
fn is_tracked(vm: &mut Vm, args: Args) -> PyResult {
    let a = function_args(vm, "is_tracked", Sig::One, &args)?;
    Ok(Value::bool(gc::may_reference_containers(&a[0])))
}

/// `get_referents(*objs)`: the objects each of `objs` refers to directly.
fn get_referents(vm: &mut Vm, args: Args) -> PyResult {
    let objs = function_args(vm, "get_referents", Sig::by_count(0, usize::MAX), &args)?;
    let mut out = Vec::new();
    for o in objs {
        gc::traverse(o, &mut |v| {
            if !v.is_null() {
                out.push(v.clone())
            }
        });
    }
    Ok(Value::list(out))
}

fn no_op(vm: &mut Vm, args: Args) -> PyResult {
    function_args(vm, "freeze", Sig::NoArgs, &args)?;
    Ok(Value::None)
}

fn get_freeze_count(vm: &mut Vm, args: Args) -> PyResult {
    function_args(vm, "get_freeze_count", Sig::NoArgs, &args)?;
    Ok(Value::Int(0))
}
