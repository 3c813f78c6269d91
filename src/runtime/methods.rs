//! The Python-visible methods of loops and of FutureIter (what `Future.__await__()`
//! returns). Futures' and tasks' are in `future_methods`, handles' in `handle`.

use super::event_loop::LoopRef;
use super::task::descriptor_error;
use crate::native::{add_methods, ArgCheck, PyDef};
use crate::object::function::{Args, NativeFn};
use crate::object::Value;
use crate::vm::native_awaitables::CoroWrapper;
use crate::vm::{PyResult, Vm};
use std::rc::Rc;

pub fn register(vm: &mut Vm) {
    super::future_methods::register(vm);
    let lp = vm.runtime().classes().loop_.clone();
    let loop_methods: &[(&'static str, NativeFn)] = &[
        ("call_soon", loop_call_soon),
        ("call_later", loop_call_later),
        ("call_at", loop_call_at),
        ("time", loop_time),
        ("create_future", loop_create_future),
        ("create_task", loop_create_task),
        ("run_until_complete", loop_run_until_complete),
        ("run_forever", loop_run_forever),
        ("stop", loop_stop),
        ("close", loop_close),
        ("is_running", loop_is_running),
        ("is_closed", loop_is_closed),
        ("get_debug", loop_get_debug),
        (
            "_get_slow_callback_duration",
            loop_get_slow_callback_duration,
        ),
        (
            "_set_slow_callback_duration",
            loop_set_slow_callback_duration,
        ),
        ("set_debug", loop_set_debug),
        ("set_exception_handler", loop_set_exception_handler),
        ("get_exception_handler", loop_get_exception_handler),
        ("_live_asyncgens", loop_live_asyncgens),
    ];
    add_methods(vm, &lp, loop_methods);
    crate::native::constructor(vm, &lp, loop_new);
    super::io_methods::register(vm, &lp);
    super::handle::register(vm);
    // `asyncio.sleep()`'s native coroutine: the coroutine protocol by hand.
    let sleep = vm.runtime().classes().sleep.clone();
    add_methods(
        vm,
        &sleep,
        &[
            ("__await__", sleep_await),
            ("send", sleep_send),
            ("close", sleep_close),
        ],
    );

    let future_iter = vm.runtime().classes().future_iter.clone();
    add_methods(
        vm,
        &future_iter,
        &[
            ("__next__", future_iter_next),
            ("send", future_iter_send),
            ("throw", future_iter_throw),
            ("close", future_iter_close),
            ("__iter__", return_self),
        ],
    );
}

fn this(args: &Args) -> Value {
    args.values.first().cloned().unwrap_or(Value::None)
}

/// `__iter__` of iterators: the object itself.
fn return_self(_vm: &mut Vm, args: Args) -> PyResult {
    Ok(this(&args))
}

/// The future a FutureIter wraps.
fn wrapped<'a>(args: &'a Args<'_>) -> Option<&'a CoroWrapper> {
    match args.values.first() {
        Some(Value::Object(o)) => o.native::<CoroWrapper>(),
        _ => None,
    }
}

fn future_iter_send(vm: &mut Vm, args: Args) -> PyResult {
    vm.check_method_args("send", &args, 1, 1)?;
    match wrapped(&args) {
        Some(w) => w.send(vm, args.values[1].clone()),
        None => Err(descriptor_error(
            vm,
            "send",
            "_asyncio.FutureIter",
            &this(&args),
        )),
    }
}

fn future_iter_next(vm: &mut Vm, args: Args) -> PyResult {
    match wrapped(&args) {
        Some(w) => w.send(vm, Value::None),
        None => Err(descriptor_error(
            vm,
            "__next__",
            "_asyncio.FutureIter",
            &this(&args),
        )),
    }
}

/// `FutureIter.throw(exc)`: raised right back to the caller.
fn future_iter_throw(vm: &mut Vm, args: Args) -> PyResult {
    Err(vm.exception_from_throw_args(&args.values[1..])?)
}

fn future_iter_close(_vm: &mut Vm, _args: Args) -> PyResult {
    Ok(Value::None)
}

/// The callback and its arguments of `call_soon`/`call_later`/`call_at`. As in CPython,
/// whether the callback is callable is only checked in debug mode; otherwise a bad
/// callback fails when it runs, through the exception handler.
fn callback_args(
    vm: &mut Vm,
    loop_: &LoopRef,
    args: &Args,
    skip: usize,
    name: &str,
    check_name: &str,
) -> PyResult<(Value, Vec<Value>)> {
    for (k, _) in args.kw() {
        if k != "context" {
            return Err(vm.type_error(format!(
                "BaseEventLoop.{name}() got an unexpected keyword argument '{k}'"
            )));
        }
    }
    let pos = args.pos();
    let Some(cb) = pos.get(skip).cloned() else {
        return Err(vm.type_error(format!(
            "BaseEventLoop.{name}() missing 1 required positional argument: 'callback'"
        )));
    };
    if loop_.cell().borrow().debug {
        let is_coro = matches!(&cb, Value::Generator(g) if g.kind == crate::object::GenKind::Coroutine)
            || matches!(&cb, Value::Function(f) if f.code.is_coroutine());
        if is_coro {
            return Err(vm.type_error(format!("coroutines cannot be used with {check_name}()")));
        }
        if !vm.is_callable(&cb) {
            let r = vm.repr(&cb)?;
            return Err(vm.type_error(format!(
                "a callable object was expected by {check_name}(), got {r}"
            )));
        }
    }
    Ok((cb, pos[skip + 1..].to_vec()))
}

fn check_open(vm: &Vm, loop_: &LoopRef) -> PyResult<()> {
    if loop_.cell().borrow().closed {
        return Err(vm.runtime_error("Event loop is closed"));
    }
    Ok(())
}

fn loop_call_soon(vm: &mut Vm, args: Args) -> PyResult {
    let loop_ = LoopRef::check(vm, &this(&args), "call_soon")?;
    check_open(vm, &loop_)?;
    let (cb, rest) = callback_args(vm, &loop_, &args, 1, "call_soon", "call_soon")?;
    let h = loop_.call_soon(vm, cb, rest);
    given_context(&args, &h);
    Ok(h.into())
}

/// `context=` of `call_soon`/`call_later`/`call_at`: the context the callback runs in
/// instead of a copy of the current one.
fn given_context(args: &Args, h: &super::handle::HandleRef) {
    if let Some(ctx) = args.kwarg("context").filter(|c| !c.is_none()) {
        h.set_context(ctx.clone());
    }
}

/// A deadline as the timer heap stores it.
fn deadline(vm: &mut Vm, v: &Value) -> PyResult<f64> {
    match v {
        Value::Int(_) | Value::Float(_) | Value::Bool(_) | Value::BigInt(_) => vm.to_float(v),
        other => Err(vm.type_error(format!(
            "'<' not supported between instances of '{}' and 'float'",
            vm.type_name(other)
        ))),
    }
}

fn loop_call_later(vm: &mut Vm, args: Args) -> PyResult {
    let loop_ = LoopRef::check(vm, &this(&args), "call_later")?;
    let Some(delay) = args.pos().get(1).cloned() else {
        return Err(vm.type_error("BaseEventLoop.call_later() missing 2 required positional arguments: 'delay' and 'callback'"));
    };
    if delay.is_none() {
        return Err(vm.type_error("delay must not be None"));
    }
    // `self.time() + delay`, with Python's own error for a bad delay.
    let now = Value::float(loop_.time());
    let when = vm.binary_op(now, delay, crate::operator::BinOp::Add)?;
    let when = deadline(vm, &when)?;
    check_open(vm, &loop_)?;
    let (cb, rest) = callback_args(vm, &loop_, &args, 2, "call_later", "call_at")?;
    let h = loop_.call_at(vm, when, cb, rest);
    given_context(&args, &h);
    Ok(h.into())
}

fn loop_call_at(vm: &mut Vm, args: Args) -> PyResult {
    let loop_ = LoopRef::check(vm, &this(&args), "call_at")?;
    let Some(when) = args.pos().get(1).cloned() else {
        return Err(vm.type_error("BaseEventLoop.call_at() missing 2 required positional arguments: 'when' and 'callback'"));
    };
    if when.is_none() {
        return Err(vm.type_error("when cannot be None"));
    }
    check_open(vm, &loop_)?;
    let when = deadline(vm, &when)?;
    let (cb, rest) = callback_args(vm, &loop_, &args, 2, "call_at", "call_at")?;
    let h = loop_.call_at(vm, when, cb, rest);
    given_context(&args, &h);
    Ok(h.into())
}

fn loop_time(vm: &mut Vm, args: Args) -> PyResult {
    LoopRef::check(vm, &this(&args), "time")?;
    Ok(Value::float(super::clock::monotonic().as_secs_f64()))
}

fn loop_create_future(vm: &mut Vm, args: Args) -> PyResult {
    let loop_ = LoopRef::check(vm, &this(&args), "create_future")?;
    Ok(vm.new_future(loop_.value()).into())
}

fn loop_create_task(vm: &mut Vm, args: Args) -> PyResult {
    let loop_ = LoopRef::check(vm, &this(&args), "create_task")?;
    // `def create_task(self, coro, *, name=None, context=None)`.
    let [_, coro, name, context] = PyDef::new("BaseEventLoop.create_task", &["self", "coro"])
        .kwonly(&["name", "context"])
        .bind(vm, &args)?;
    let coro = coro.unwrap_or(Value::None);
    let context = context.unwrap_or(Value::None);
    vm.new_task(loop_.value(), coro, name.unwrap_or(Value::None), context)
        .map(Value::from)
}

fn loop_run_until_complete(vm: &mut Vm, args: Args) -> PyResult {
    let loop_ = LoopRef::check(vm, &this(&args), "run_until_complete")?;
    vm.check_method_args("run_until_complete", &args, 1, 1)?;
    loop_.run_until_complete(vm, args.values[1].clone())
}

fn loop_run_forever(vm: &mut Vm, args: Args) -> PyResult {
    LoopRef::check(vm, &this(&args), "run_forever")?.run_forever(vm)?;
    Ok(Value::None)
}

/// `SelectorEventLoop(selector=None)`: what `new_event_loop()` makes. Loops poll the
/// process's own poller, so a `selectors` object cannot stand in for it.
fn loop_new(vm: &mut Vm, args: Args) -> PyResult {
    let [cls, selector] = PyDef::new("SelectorEventLoop", &["cls", "selector"])
        .defaults(1)
        .bind(vm, &args)?;
    let lp = vm.runtime().classes().loop_.clone();
    if !matches!(&cls, Some(Value::Class(c)) if Rc::ptr_eq(c, &lp)) {
        return Err(vm.type_error("apy's event loop class cannot be subclassed"));
    }
    if !matches!(selector, None | Some(Value::None)) {
        return Err(
            vm.value_error("apy's event loop polls with its own selector; selector must be None")
        );
    }
    Ok(vm.new_event_loop().into())
}

fn loop_stop(vm: &mut Vm, args: Args) -> PyResult {
    LoopRef::check(vm, &this(&args), "stop")?.stop();
    Ok(Value::None)
}

fn loop_close(vm: &mut Vm, args: Args) -> PyResult {
    let loop_ = LoopRef::check(vm, &this(&args), "close")?;
    let l = loop_.cell();
    if l.borrow().running {
        return Err(vm.runtime_error("Cannot close a running event loop"));
    }
    let mut trash = Vec::new();
    {
        let mut l = l.borrow_mut();
        l.closed = true;
        l.ready.clear();
        l.timers.clear();
        l.io.clear_into(&mut trash);
        l.children.clear_into(&mut trash);
    }
    drop(trash);
    Ok(Value::None)
}

fn loop_is_running(vm: &mut Vm, args: Args) -> PyResult {
    let loop_ = LoopRef::check(vm, &this(&args), "is_running")?;
    let running = loop_.cell().borrow().running;
    Ok(Value::bool(running))
}

fn loop_is_closed(vm: &mut Vm, args: Args) -> PyResult {
    let loop_ = LoopRef::check(vm, &this(&args), "is_closed")?;
    let closed = loop_.cell().borrow().closed;
    Ok(Value::bool(closed))
}

fn loop_get_debug(vm: &mut Vm, args: Args) -> PyResult {
    let loop_ = LoopRef::check(vm, &this(&args), "get_debug")?;
    let debug = loop_.cell().borrow().debug;
    Ok(Value::bool(debug))
}

fn loop_set_debug(vm: &mut Vm, args: Args) -> PyResult {
    let loop_ = LoopRef::check(vm, &this(&args), "set_debug")?;
    vm.check_method_args("set_debug", &args, 1, 1)?;
    let on = vm.is_true(&args.values[1])?;
    loop_.cell().borrow_mut().debug = on;
    Ok(Value::None)
}

/// The getter of the `slow_callback_duration` property (see `stdlib::asyncio`).
fn loop_get_slow_callback_duration(vm: &mut Vm, args: Args) -> PyResult {
    let loop_ = LoopRef::check(vm, &this(&args), "slow_callback_duration")?;
    let limit = loop_.cell().borrow().slow_callback_duration;
    Ok(Value::float(limit))
}

fn loop_set_slow_callback_duration(vm: &mut Vm, args: Args) -> PyResult {
    let loop_ = LoopRef::check(vm, &this(&args), "slow_callback_duration")?;
    vm.check_method_args("slow_callback_duration", &args, 1, 1)?;
    let limit = vm.to_float(&args.values[1])?;
    loop_.cell().borrow_mut().slow_callback_duration = limit;
    Ok(Value::None)
}

fn loop_set_exception_handler(vm: &mut Vm, args: Args) -> PyResult {
    let loop_ = LoopRef::check(vm, &this(&args), "set_exception_handler")?;
    vm.check_method_args("set_exception_handler", &args, 1, 1)?;
    let h = args.values[1].clone();
    if !h.is_none() && !vm.is_callable(&h) {
        let r = vm.repr(&h)?;
        return Err(vm.type_error(format!("A callable object or None is expected, got {r}")));
    }
    loop_.cell().borrow_mut().exception_handler = h;
    Ok(Value::None)
}

fn loop_get_exception_handler(vm: &mut Vm, args: Args) -> PyResult {
    let loop_ = LoopRef::check(vm, &this(&args), "get_exception_handler")?;
    let handler = loop_.cell().borrow().exception_handler.clone();
    Ok(handler)
}

/// The async generators first iterated on this loop that are still alive, finished or
/// not, like CPython's `_asyncgens` WeakSet (for `shutdown_asyncgens`).
fn loop_live_asyncgens(vm: &mut Vm, args: Args) -> PyResult {
    let loop_ = LoopRef::check(vm, &this(&args), "_live_asyncgens")?;
    let gens = std::mem::take(&mut loop_.cell().borrow_mut().asyncgens);
    Ok(Value::list(
        gens.into_iter()
            .filter_map(|w| w.upgrade())
            .map(Value::Generator)
            .collect(),
    ))
}

/// `coro.__await__()`: the iterator `await` drives (CPython's `coroutine_wrapper`).
fn sleep_await(vm: &mut Vm, args: Args) -> PyResult {
    let this = args.values.first().cloned().unwrap_or(Value::None);
    let class = vm.types.coroutine_wrapper.clone();
    Ok(Value::Object(crate::object::Object::new(
        class,
        crate::object::Payload::Native(Box::new(crate::vm::native_awaitables::CoroWrapper(this))),
    )))
}

/// `coro.send(value)`: one step; StopIteration carries the result.
fn sleep_send(vm: &mut Vm, args: Args) -> PyResult {
    vm.check_method_args("send", &args, 1, 1)?;
    let this = args.values[0].clone();
    match vm.send_to(&this, args.values[1].clone())? {
        crate::vm::generators::Sent::Yielded(v) => Ok(v),
        crate::vm::generators::Sent::Returned(v) => Err(vm.stop_iteration(v)),
    }
}

/// `coro.close()`: nothing to unwind in a sleep.
fn sleep_close(_vm: &mut Vm, _args: Args) -> PyResult {
    Ok(Value::None)
}
