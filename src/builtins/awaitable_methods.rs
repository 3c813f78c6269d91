//! Methods of the language's awaitable iterators: the wrapper `coroutine.__await__()`
//! returns and the `asend()`/`athrow()`/`aclose()` operations of async generators. They
//! are iterators with the coroutine protocol (`send`, `throw`, `close`), driven by any
//! event loop or by hand.

use crate::native::{add_method, ArgCheck};
use crate::object::function::Args;
use crate::object::{Payload, Value};
use crate::vm::generators::Sent;
use crate::vm::native_awaitables::CoroWrapper;
use crate::vm::{PyResult, Vm};
use std::rc::Rc;

pub fn register(vm: &mut Vm) {
    let coro_wrapper = vm.types.coroutine_wrapper.clone();
    add_method(vm, &coro_wrapper, "__next__", coro_wrapper_next);
    add_method(vm, &coro_wrapper, "send", coro_wrapper_send);
    add_method(vm, &coro_wrapper, "throw", coro_wrapper_throw);
    add_method(vm, &coro_wrapper, "__iter__", return_self);
    let coroutine = vm.types.coroutine.clone();
    add_method(vm, &coroutine, "__await__", coroutine_await);

    // The awaitables of async generators are iterators with the coroutine protocol.
    for class in [
        vm.types.async_gen_asend.clone(),
        vm.types.async_gen_athrow.clone(),
    ] {
        add_method(vm, &class, "send", agen_op_send);
        add_method(vm, &class, "__next__", agen_op_next);
        add_method(vm, &class, "throw", agen_op_throw);
        add_method(vm, &class, "close", agen_op_close);
        add_method(vm, &class, "__await__", return_self);
        add_method(vm, &class, "__iter__", return_self);
    }
}

/// `__iter__`/`__await__` of an iterator: the object itself.
fn return_self(_vm: &mut Vm, args: Args) -> PyResult {
    Ok(this(&args))
}

fn agen_op(vm: &mut Vm, args: &Args) -> PyResult<Rc<crate::object::Object>> {
    match args.values.first() {
        Some(Value::Object(o)) if crate::vm::asyncgen::op_cell(o).is_some() => Ok(o.clone()),
        _ => Err(vm.type_error("descriptor requires an async generator awaitable")),
    }
}

fn agen_op_send(vm: &mut Vm, args: Args) -> PyResult {
    vm.check_method_args("send", &args, 1, 1)?;
    let o = agen_op(vm, &args)?;
    let r = crate::vm::asyncgen::op_send(vm, &o, args.values[1].clone())?;
    vm.yielded_or_stop(r)
}

fn agen_op_next(vm: &mut Vm, args: Args) -> PyResult {
    let o = agen_op(vm, &args)?;
    let r = crate::vm::asyncgen::op_send(vm, &o, Value::None)?;
    vm.yielded_or_stop(r)
}

fn agen_op_throw(vm: &mut Vm, args: Args) -> PyResult {
    let o = agen_op(vm, &args)?;
    let exc = vm.exception_from_throw_args(&args.values[1..])?;
    let r = crate::vm::asyncgen::op_throw(vm, &o, exc)?;
    vm.yielded_or_stop(r)
}

fn agen_op_close(vm: &mut Vm, args: Args) -> PyResult {
    let o = agen_op(vm, &args)?;
    crate::vm::asyncgen::op_close(&o);
    Ok(Value::None)
}

fn this(args: &Args) -> Value {
    args.values.first().cloned().unwrap_or(Value::None)
}

fn coroutine_await(vm: &mut Vm, args: Args) -> PyResult {
    let class = vm.types.coroutine_wrapper.clone();
    Ok(Value::Object(crate::object::Object::new(
        class,
        Payload::Native(Box::new(CoroWrapper(this(&args)))),
    )))
}

fn wrapped(args: &Args) -> Value {
    match args.values.first() {
        Some(Value::Object(o)) => match o.native::<CoroWrapper>() {
            Some(c) => c.0.clone(),
            None => Value::None,
        },
        _ => Value::None,
    }
}

fn coro_wrapper_send(vm: &mut Vm, args: Args) -> PyResult {
    vm.check_method_args("send", &args, 1, 1)?;
    CoroWrapper(wrapped(&args)).send(vm, args.values[1].clone())
}

fn coro_wrapper_next(vm: &mut Vm, args: Args) -> PyResult {
    CoroWrapper(wrapped(&args)).send(vm, Value::None)
}

fn coro_wrapper_throw(vm: &mut Vm, args: Args) -> PyResult {
    let coro = wrapped(&args);
    let Value::Generator(g) = coro else {
        return Err(vm.type_error("not a coroutine"));
    };
    let exc = vm.exception_from_throw_args(&args.values[1..])?;
    match vm.gen_throw(&g, exc)? {
        Sent::Yielded(v) => Ok(v),
        Sent::Returned(v) => Err(vm.stop_iteration(v)),
    }
}
