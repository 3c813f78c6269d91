//! How a program reaches and makes event loops: `get_event_loop`, `set_event_loop`,
//! `new_event_loop`, through the event-loop policy when a program set one of its own
//! (`set_event_loop_policy`), and the loop class's Python parts (`_install_loop_methods`,
//! and `AbstractEventLoop` as its base).
//!
//! The default policy's behaviour lives here natively; `asyncio/events_abstract.py`
//! defines the policy classes over the `_policy_*` functions, and hands this module any
//! other policy (`_set_loop_policy`), which the three module functions then ask, as
//! CPython's do.

use crate::native::{no_args, PyDef};
use crate::object::function::Args;
use crate::object::Value;
use crate::vm::{PyResult, Vm};

/// The policy a program set, when it is not the default one.
fn custom_policy(vm: &Vm) -> Option<Value> {
    vm.runtime().loop_policy.clone()
}

fn call_policy(vm: &mut Vm, policy: &Value, method: &str, args: &[Value]) -> PyResult {
    let name = vm.intern(method);
    let m = vm.get_attr(policy, &name)?;
    vm.call(&m, args)
}

/// `asyncio.get_event_loop()`: the running loop, else the policy's.
pub fn get_event_loop(vm: &mut Vm, args: Args) -> PyResult {
    no_args(vm, "_asyncio.get_event_loop", &args)?;
    if let Some(l) = &vm.runtime().running_loop {
        return Ok(l.value().clone());
    }
    match custom_policy(vm) {
        Some(p) => call_policy(vm, &p, "get_event_loop", &[]),
        None => default_get_event_loop(vm),
    }
}

/// The default policy's `get_event_loop`: the loop set, else (until `set_event_loop` is
/// first called) a new one, set.
fn default_get_event_loop(vm: &mut Vm) -> PyResult {
    if let Some(l) = &vm.runtime().event_loop {
        return Ok(l.clone());
    }
    if vm.runtime().event_loop_set_called {
        return Err(vm.runtime_error("There is no current event loop in thread 'MainThread'."));
    }
    // CPython also warns here (DeprecationWarning: There is no current event loop).
    let l: Value = vm.new_event_loop().into();
    vm.runtime_mut().event_loop = Some(l.clone());
    Ok(l)
}

pub fn policy_get_event_loop(vm: &mut Vm, args: Args) -> PyResult {
    no_args(vm, "_policy_get_event_loop", &args)?;
    default_get_event_loop(vm)
}

pub fn set_event_loop(vm: &mut Vm, args: Args) -> PyResult {
    PyDef::new("set_event_loop", &["loop"]).bind::<1>(vm, &args)?;
    match custom_policy(vm) {
        Some(p) => call_policy(vm, &p, "set_event_loop", &args.values[..1]),
        None => default_set_event_loop(vm, &args.values[0]),
    }
}

fn default_set_event_loop(vm: &mut Vm, l: &Value) -> PyResult {
    if !l.is_none() && crate::runtime::event_loop::state(l).is_none() {
        return Err(vm.type_error(format!(
            "loop must be an instance of AbstractEventLoop or None, not '{}'",
            vm.type_name(l)
        )));
    }
    vm.runtime_mut().event_loop_set_called = true;
    vm.runtime_mut().event_loop = if l.is_none() { None } else { Some(l.clone()) };
    Ok(Value::None)
}

pub fn policy_set_event_loop(vm: &mut Vm, args: Args) -> PyResult {
    PyDef::new("_policy_set_event_loop", &["loop"]).bind::<1>(vm, &args)?;
    default_set_event_loop(vm, &args.values[0])
}

pub fn new_event_loop(vm: &mut Vm, args: Args) -> PyResult {
    PyDef::new("new_event_loop", &[]).bind::<0>(vm, &args)?;
    match custom_policy(vm) {
        Some(p) => call_policy(vm, &p, "new_event_loop", &[]),
        None => Ok(vm.new_event_loop().into()),
    }
}

/// `_set_loop_policy(policy)`: the policy the module functions ask from now on (None:
/// the default one, answered natively).
pub fn set_loop_policy(vm: &mut Vm, args: Args) -> PyResult {
    PyDef::new("_set_loop_policy", &["policy"]).bind::<1>(vm, &args)?;
    let p = &args.values[0];
    vm.runtime_mut().loop_policy = (!p.is_none()).then(|| p.clone());
    Ok(Value::None)
}

/// `_install_loop_methods(cls)`: the functions (and other non-dunder attributes) of
/// the Python class `cls` become attributes of the native loop class. The network
/// layer (`base_events.py`, `selector_events.py`) adds its methods this way when it
/// first loads. Returns the loop class (`SelectorEventLoop` in `unix_events.py`).
pub fn install_loop_methods(vm: &mut Vm, args: Args) -> PyResult {
    let source = crate::native::one_arg(vm, "_install_loop_methods", &args)?;
    let Value::Class(source) = source else {
        return Err(vm.type_error("_install_loop_methods() expects a class"));
    };
    let loop_class = vm.runtime().classes().loop_.clone();
    let entries: Vec<_> = source
        .dict
        .borrow()
        .iter()
        .filter_map(|(k, v)| match k {
            Value::Str(k) if !(k.as_str().starts_with("__") && k.as_str().ends_with("__")) => {
                Some((k.clone(), v.clone()))
            }
            _ => None,
        })
        .collect();
    for (k, v) in entries {
        loop_class.dict.borrow_mut().set_str(k, v);
    }
    crate::object::class::invalidate_caches();
    Ok(Value::Class(loop_class))
}

/// `_install_loop_base(AbstractEventLoop)`: the loop class's base becomes the Python
/// `AbstractEventLoop`, so that `isinstance(loop, asyncio.AbstractEventLoop)` holds.
/// Done once the loop's Python methods are installed: from then on a name the loop
/// lacks is found on the abstract class (raising NotImplementedError) instead of
/// loading those methods (`lazy_exports._loop_getattr`).
pub fn install_loop_base(vm: &mut Vm, args: Args) -> PyResult {
    let base = crate::native::one_arg(vm, "_install_loop_base", &args)?;
    let Value::Class(base) = base else {
        return Err(vm.type_error("_install_loop_base() expects a class"));
    };
    let loop_class = vm.runtime().classes().loop_.clone();
    let bases = vec![base.clone()];
    let Some(mro) = crate::object::class::c3_linearize(&bases) else {
        return Err(vm.type_error("_install_loop_base(): no consistent method resolution order"));
    };
    *loop_class.bases.borrow_mut() = bases;
    *loop_class.mro.borrow_mut() = mro;
    crate::object::class::invalidate_caches();
    Ok(Value::None)
}
