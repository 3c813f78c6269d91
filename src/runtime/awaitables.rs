//! What `await` does with the event loop's native awaitables: futures and tasks (yield
//! the future to the task until it is done, then return its result) and `sleep()`. The
//! VM reaches these through `NativeData::await_send`/`await_throw` (see `native`).

use super::future::FutureRef;
use super::native::native;
use super::payload::SleepState;
use crate::object::{ExcRef, Value};
use crate::vm::generators::Sent;
use crate::vm::native_awaitables::awaitable_data;
use crate::vm::native_awaitables::YieldOnce;
use crate::vm::{PyResult, Vm};
use std::cell::RefCell;

/// Whether `v` is one of the native objects that CPython counts as coroutines: what
/// `asyncio.sleep()` returns (a coroutine function there) and the `asend`/`athrow`/
/// `aclose` awaitables (`collections.abc.Coroutine`s). They must pass wherever a
/// coroutine does (`create_task`, `iscoroutine`, `asyncio.run`).
pub fn is_native_coroutine(v: &Value) -> bool {
    native::<RefCell<SleepState>>(v).is_some()
        || native::<YieldOnce>(v).is_some()
        || matches!(v, Value::Object(o) if matches!(o.payload, crate::object::Payload::AsyncGenOp(_)))
}

/// A `sleep(delay, result)` awaitable that owns its state (the shared `sleep(0)`
/// objects only work in an `await`, where the VM swaps them in the frame).
pub fn new_sleep(vm: &mut Vm, delay: f64, result: Value) -> Value {
    let class = vm.runtime().classes().sleep.clone();
    super::native::new_object(
        class,
        RefCell::new(SleepState {
            delay,
            result,
            future: Value::None,
            timer: None,
            started: false,
        }),
    )
}

/// `SEND` into a future: its result once done, otherwise the future itself, yielded to
/// the task (which then waits on it).
pub fn future_send(vm: &mut Vm, fut: FutureRef) -> PyResult<Sent> {
    if fut.done() {
        return fut.result(vm).map(Sent::Returned);
    }
    // Resumed while still pending and still marked blocking: nobody waited
    // for it on our behalf (`FutureIter_iternext`).
    let already_blocking = std::mem::replace(&mut fut.state().blocking, true);
    if already_blocking {
        return Err(vm.runtime_error("await wasn't used with future"));
    }
    Ok(Sent::Yielded(fut.into()))
}

/// `SEND` into a `sleep(delay)` awaitable: the first send creates the future and its
/// timer and yields the future; the next returns the result.
pub fn sleep_send(vm: &mut Vm, s: &RefCell<SleepState>) -> PyResult<Sent> {
    let mut st = s.borrow_mut();
    if st.started {
        return Ok(Sent::Returned(st.result.clone()));
    }
    st.started = true;
    if st.delay <= 0.0 {
        return Ok(Sent::Yielded(Value::None));
    }
    let delay = st.delay;
    drop(st);
    let loop_ = vm.running_loop()?;
    let fut = vm.new_future(loop_.value());
    let when = loop_.time() + delay;
    let cb = vm.runtime().set_result_unless_cancelled.clone();
    let result = s.borrow().result.clone();
    let timer = loop_.call_at(vm, when, cb, vec![fut.value().clone(), result]);
    {
        let mut st = s.borrow_mut();
        st.future = fut.value().clone();
        st.timer = Some(timer);
    }
    fut.state().blocking = true;
    if super::loop_events::on() {
        vm.trace_sleep_started(&fut, delay);
    }
    Ok(Sent::Yielded(fut.into()))
}

/// Cancelling a task in `sleep(delay)`: the timer is cancelled, `exc` raised.
pub fn sleep_throw(vm: &mut Vm, s: &RefCell<SleepState>, exc: ExcRef) -> PyResult {
    // Thrown into before its first send, it is closed, as CPython closes a coroutine
    // that way: no "never awaited" warning when it is dropped.
    s.borrow_mut().started = true;
    let timer = s.borrow_mut().timer.take();
    if let Some(timer) = timer {
        timer.cancel(vm);
    }
    Err(exc)
}

/// A send into a native awaitable driven as a task's coroutine (`create_task(sleep(1))`).
pub fn native_send(vm: &mut Vm, coro: &Value, value: Value) -> PyResult<Sent> {
    if let Value::Object(o) = coro {
        if let Some(data) = awaitable_data(&o.payload) {
            if let Some(sent) = data.await_send(vm, coro, value) {
                return sent;
            }
        }
    }
    Err(vm.type_error(format!(
        "object {} can't be used in 'await' expression",
        vm.type_name(coro)
    )))
}

/// A throw into a native awaitable driven as a task's coroutine: `Ok(v)` if it yielded.
pub fn native_throw(vm: &mut Vm, coro: &Value, exc: ExcRef) -> PyResult {
    match coro {
        Value::Object(o) => match awaitable_data(&o.payload) {
            Some(data) => data.await_throw(vm, coro, exc),
            None => Err(exc),
        },
        _ => Err(exc),
    }
}
