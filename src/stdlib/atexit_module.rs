//! `atexit`: functions to call when the interpreter exits normally, last registered
//! first, before `__main__`'s namespace is released (CPython's order). The interpreter
//! calls [`run_exitfuncs`] at shutdown.

use crate::native::{function_args, ModuleDef, Sig};
use crate::object::function::Args;
use crate::object::Value;
use crate::vm::{PyResult, Vm};

/// A registered call: the function, its positional arguments and its keyword arguments.
struct Callback {
    func: Value,
    args: Vec<Value>,
    kwargs: Vec<(Value, Value)>,
}

#[derive(Default)]
struct Callbacks(Vec<Callback>);

pub fn load(vm: &mut Vm) -> PyResult<Value> {
    let m = ModuleDef::new("atexit");
    vm.extensions.insert(Callbacks::default());
    m.funcs(
        vm,
        &[
            ("register", register),
            ("unregister", unregister),
            ("_run_exitfuncs", run_exitfuncs_fn),
            ("_clear", clear),
            ("_ncallbacks", ncallbacks),
        ],
    );
    Ok(m.finish(vm))
}

fn callbacks(vm: &mut Vm) -> &mut Vec<Callback> {
    if vm.extensions.get::<Callbacks>().is_none() {
        vm.extensions.insert(Callbacks::default());
    }
    &mut vm
        .extensions
        .get_mut::<Callbacks>()
        .expect("just inserted")
        .0
}

/// `register(func, /, *args, **kwargs)`: returns `func`, so it works as a decorator.
fn register(vm: &mut Vm, args: Args) -> PyResult {
    let pos = args.pos();
    let Some(func) = pos.first() else {
        return Err(vm.type_error("register() takes at least 1 argument (0 given)"));
    };
    if !vm.is_callable(func) {
        return Err(vm.type_error("the first argument must be callable"));
    }
    let kwargs = args.kw().map(|(k, v)| (Value::str(k), v.clone())).collect();
    callbacks(vm).push(Callback {
        func: func.clone(),
        args: pos[1..].to_vec(),
        kwargs,
    });
    Ok(func.clone())
}

/// `unregister(func)`: forgets every registration of `func` (compared with `==`).
fn unregister(vm: &mut Vm, args: Args) -> PyResult {
    let func = function_args(vm, "unregister", Sig::One, &args)?[0].clone();
    let registered = std::mem::take(callbacks(vm));
    let mut kept = Vec::with_capacity(registered.len());
    let mut result = Ok(Value::None);
    for c in registered {
        match vm.eq(&c.func, &func) {
            Ok(true) => {}
            Ok(false) => kept.push(c),
            Err(e) => {
                kept.push(c);
                result = Err(e);
            }
        }
    }
    callbacks(vm).splice(0..0, kept);
    result
}

fn run_exitfuncs_fn(vm: &mut Vm, args: Args) -> PyResult {
    function_args(vm, "_run_exitfuncs", Sig::NoArgs, &args)?;
    run_exitfuncs(vm);
    Ok(Value::None)
}

fn clear(vm: &mut Vm, args: Args) -> PyResult {
    function_args(vm, "_clear", Sig::NoArgs, &args)?;
    callbacks(vm).clear();
    Ok(Value::None)
}

fn ncallbacks(vm: &mut Vm, args: Args) -> PyResult {
    function_args(vm, "_ncallbacks", Sig::NoArgs, &args)?;
    Ok(Value::Int(callbacks(vm).len() as i64))
}

/// Calls the registered functions, last first; an exception is reported ("Exception
/// ignored in atexit callback") and the rest still run.
pub fn run_exitfuncs(vm: &mut Vm) {
    while let Some(c) = vm
        .extensions
        .get_mut::<Callbacks>()
        .and_then(|cbs| cbs.0.pop())
    {
        if let Err(e) = vm.call_with_keywords(&c.func, c.args, &c.kwargs) {
            let what = vm.repr(&c.func).unwrap_or_else(|_| "<object>".into());
            let text = vm.format_exception(&e);
            vm.write_stderr(&format!(
                "Exception ignored in atexit callback: {what}\n{text}"
            ));
        }
    }
}
