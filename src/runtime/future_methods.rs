//! The Python-visible methods of `asyncio.Future` and `asyncio.Task`. Each checks its
//! `self` once, into a [`FutureRef`] or [`TaskRef`] (CPython's "descriptor ... doesn't
//! apply" TypeError otherwise), and works on the handle from then on.
//!
//! CPython's Task repeats Future's methods under its own name, so `Task.result` of a
//! non-task names `_asyncio.Task`: `shared()` registers each common method on both
//! classes with the right check.

use super::future::FutureRef;
use super::payload::DoneCallback;
use super::task::TaskRef;
use crate::native::{add_method, add_methods, function, ArgCheck};
use crate::object::function::{Args, NativeFn};
use crate::object::{Payload, Value};
use crate::vm::native_awaitables::CoroWrapper;
use crate::vm::{PyResult, Vm};

fn this(args: &Args) -> Value {
    args.values.first().cloned().unwrap_or(Value::None)
}

pub fn register(vm: &mut Vm) {
    vm.runtime_mut().set_result_unless_cancelled = function(
        "asyncio",
        "_set_result_unless_cancelled",
        set_result_unless_cancelled,
    );
    vm.runtime_mut().stop_callback =
        function("asyncio", "_run_until_complete_cb", run_until_complete_cb);

    let future = vm.runtime().classes().future.clone();
    let task = vm.runtime().classes().task.clone();
    for (name, on_future, on_task) in shared() {
        add_method(vm, &future, name, on_future);
        add_method(vm, &task, name, on_task);
    }
    add_methods(
        vm,
        &future,
        &[
            ("cancel", fut_cancel),
            ("set_result", fut_set_result),
            ("set_exception", fut_set_exception),
            ("get_loop", fut_get_loop),
        ],
    );
    let task_methods: &[(&'static str, NativeFn)] = &[
        ("get_name", task_get_name),
        ("set_name", task_set_name),
        ("get_coro", task_get_coro),
        ("cancelling", task_cancelling),
        ("uncancel", task_uncancel),
        ("cancel", task_cancel),
        ("set_result", task_set_result),
        ("set_exception", task_set_exception),
    ];
    add_methods(vm, &task, task_methods);
}

/// Defines a method common to Future and Task: `$body(vm, future, args)` after the
/// check of `self` for each class.
macro_rules! common_methods {
    ($(($name:literal, $on_future:ident, $on_task:ident, $body:expr)),* $(,)?) => {
        $(
            fn $on_future(vm: &mut Vm, args: Args) -> PyResult {
                let fut = FutureRef::check(vm, &this(&args), $name, "_asyncio.Future")?;
                $body(vm, fut, args)
            }

            fn $on_task(vm: &mut Vm, args: Args) -> PyResult {
                let fut = TaskRef::check(vm, &this(&args), $name)?.future().clone();
                $body(vm, fut, args)
            }
        )*

        /// `(name, Future's method, Task's method)` for every common method.
        fn shared() -> Vec<(&'static str, NativeFn, NativeFn)> {
            vec![$(($name, $on_future as NativeFn, $on_task as NativeFn)),*]
        }
    };
}

common_methods! {
    ("result", fut_result, task_result, result),
    ("exception", fut_exception, task_exception, exception),
    ("done", fut_done, task_done, done),
    ("cancelled", fut_cancelled, task_cancelled, cancelled),
    ("add_done_callback", fut_add_done_callback, task_add_done_callback, add_done_callback),
    ("remove_done_callback", fut_remove_done_callback, task_remove_done_callback, remove_done_callback),
    ("__await__", fut_await, task_await, future_iter),
    ("__iter__", fut_iter, task_iter, future_iter),
}

fn result(vm: &mut Vm, fut: FutureRef, args: Args) -> PyResult {
    vm.check_method_args("result", &args, 0, 0)?;
    fut.result(vm)
}

fn exception(vm: &mut Vm, fut: FutureRef, args: Args) -> PyResult {
    vm.check_method_args("exception", &args, 0, 0)?;
    fut.exception(vm)
}

fn done(vm: &mut Vm, fut: FutureRef, args: Args) -> PyResult {
    vm.check_method_args("done", &args, 0, 0)?;
    Ok(Value::bool(fut.done()))
}

fn cancelled(vm: &mut Vm, fut: FutureRef, args: Args) -> PyResult {
    vm.check_method_args("cancelled", &args, 0, 0)?;
    Ok(Value::bool(fut.cancelled()))
}

fn add_done_callback(vm: &mut Vm, fut: FutureRef, args: Args) -> PyResult {
    let pos = args.pos();
    if pos.len() != 2 {
        return Err(vm.type_error(format!(
            "add_done_callback() takes exactly 1 positional argument ({} given)",
            pos.len() - 1
        )));
    }
    fut.add_done_callback(vm, DoneCallback::Call(pos[1].clone()));
    Ok(Value::None)
}

fn remove_done_callback(vm: &mut Vm, fut: FutureRef, args: Args) -> PyResult {
    vm.check_method_args("remove_done_callback", &args, 1, 1)?;
    Ok(Value::Int(fut.remove_done_callback(&args.values[1]) as i64))
}

/// `Future.__await__()` / `__iter__()`: a FutureIter (`await` itself uses the future
/// directly, without this object).
fn future_iter(vm: &mut Vm, fut: FutureRef, _args: Args) -> PyResult {
    let class = vm.runtime().classes().future_iter.clone();
    Ok(Value::Object(crate::object::Object::new(
        class,
        Payload::Native(Box::new(CoroWrapper(fut.into()))),
    )))
}

/// The `msg` argument of `cancel(msg=None)`.
fn cancel_message(args: &Args) -> Value {
    args.pos()
        .get(1)
        .cloned()
        .or_else(|| args.kwarg("msg").cloned())
        .unwrap_or(Value::None)
}

fn fut_cancel(vm: &mut Vm, args: Args) -> PyResult {
    let fut = FutureRef::check(vm, &this(&args), "cancel", "_asyncio.Future")?;
    let msg = cancel_message(&args);
    // Called as a method: the payload decides (a subclass calling super().cancel()
    // must not loop back into its own override).
    if let Some(task) = TaskRef::of(fut.value()) {
        return Ok(Value::bool(task.cancel(vm, msg)?));
    }
    if crate::runtime::gather::is_gather(fut.value()) {
        return Ok(Value::bool(vm.gather_cancel(fut.value(), msg)?));
    }
    Ok(Value::bool(fut.cancel(vm, msg)))
}

fn fut_set_result(vm: &mut Vm, args: Args) -> PyResult {
    let fut = FutureRef::check(vm, &this(&args), "set_result", "_asyncio.Future")?;
    vm.check_method_args("set_result", &args, 1, 1)?;
    fut.set_result(vm, args.values[1].clone())?;
    Ok(Value::None)
}

fn fut_set_exception(vm: &mut Vm, args: Args) -> PyResult {
    let fut = FutureRef::check(vm, &this(&args), "set_exception", "_asyncio.Future")?;
    vm.check_method_args("set_exception", &args, 1, 1)?;
    fut.set_exception(vm, args.values[1].clone())?;
    Ok(Value::None)
}

fn fut_get_loop(vm: &mut Vm, args: Args) -> PyResult {
    let fut = FutureRef::check(vm, &this(&args), "get_loop", "_asyncio.Future")?;
    Ok(fut.loop_())
}

/// The timer callback behind `sleep(delay, result)`.
fn set_result_unless_cancelled(vm: &mut Vm, args: Args) -> PyResult {
    let fut = FutureRef::check(
        vm,
        &this(&args),
        "_set_result_unless_cancelled",
        "_asyncio.Future",
    )?;
    if !fut.cancelled() {
        fut.set_result(vm, args.values.get(1).cloned().unwrap_or(Value::None))?;
    }
    Ok(Value::None)
}

/// `_run_until_complete_cb`: a SystemExit or KeyboardInterrupt already ended
/// `run_forever()`; anything else stops the loop.
fn run_until_complete_cb(vm: &mut Vm, args: Args) -> PyResult {
    let fut = FutureRef::check(
        vm,
        &this(&args),
        "_run_until_complete_cb",
        "_asyncio.Future",
    )?;
    if !fut.cancelled() {
        if let Ok(Value::Object(e)) = fut.exception(vm) {
            if e.class.is_subclass(&vm.exc.system_exit)
                || e.class.is_subclass(&vm.exc.keyboard_interrupt)
            {
                return Ok(Value::None);
            }
        }
    }
    if let Some(loop_) = super::event_loop::LoopRef::of(&fut.loop_()) {
        loop_.stop();
    }
    Ok(Value::None)
}

fn task_set_result(vm: &mut Vm, args: Args) -> PyResult {
    TaskRef::check(vm, &this(&args), "set_result")?;
    Err(vm.runtime_error("Task does not support set_result operation"))
}

fn task_set_exception(vm: &mut Vm, args: Args) -> PyResult {
    TaskRef::check(vm, &this(&args), "set_exception")?;
    Err(vm.runtime_error("Task does not support set_exception operation"))
}

/// `Task.cancel(msg=None)`.
fn task_cancel(vm: &mut Vm, args: Args) -> PyResult {
    let task = TaskRef::check(vm, &this(&args), "cancel")?;
    let msg = cancel_message(&args);
    Ok(Value::bool(task.cancel(vm, msg)?))
}

fn task_get_name(vm: &mut Vm, args: Args) -> PyResult {
    let task = TaskRef::check(vm, &this(&args), "get_name")?;
    let name = task.state().name_value();
    Ok(name)
}

fn task_set_name(vm: &mut Vm, args: Args) -> PyResult {
    let task = TaskRef::check(vm, &this(&args), "set_name")?;
    vm.check_method_args("set_name", &args, 1, 1)?;
    let name = vm.str_value(&args.values[1])?;
    task.state().name = name;
    Ok(Value::None)
}

fn task_get_coro(vm: &mut Vm, args: Args) -> PyResult {
    let task = TaskRef::check(vm, &this(&args), "get_coro")?;
    let coro = task.state().coro.clone();
    Ok(coro)
}

fn task_cancelling(vm: &mut Vm, args: Args) -> PyResult {
    let task = TaskRef::check(vm, &this(&args), "cancelling")?;
    let n = task.state().num_cancels_requested;
    Ok(Value::Int(n as i64))
}

fn task_uncancel(vm: &mut Vm, args: Args) -> PyResult {
    let task = TaskRef::check(vm, &this(&args), "uncancel")?;
    let mut t = task.state();
    if t.num_cancels_requested > 0 {
        t.num_cancels_requested -= 1;
    }
    Ok(Value::Int(t.num_cancels_requested as i64))
}
