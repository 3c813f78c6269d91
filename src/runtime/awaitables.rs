//! What `await` does with native awaitables: futures and tasks (yield the future to the
//! task until it is done, then return its result), `sleep`, the async-generator
//! operations, and `coroutine.__await__()` wrappers.

use super::future::fut_state;
use super::payload::AsyncPayload;
use crate::object::{ExcRef, Object, Payload, Value};
use crate::vm::generators::Sent;
use crate::vm::{PyResult, Vm};
use std::rc::Rc;

fn async_payload(o: &Object) -> Option<&AsyncPayload> {
    match &o.payload {
        Payload::Async(a) => Some(a),
        _ => None,
    }
}

/// Whether `v` is one of the native objects that CPython counts as coroutines: what
/// `asyncio.sleep()` returns (a coroutine function there) and the `asend`/`athrow`/
/// `aclose` awaitables (`collections.abc.Coroutine`s). They must pass wherever a
/// coroutine does (`create_task`, `iscoroutine`, `asyncio.run`).
pub fn is_native_coroutine(v: &Value) -> bool {
    matches!(
        v,
        Value::Object(o) if matches!(o.payload, Payload::Async(AsyncPayload::Sleep(_) | AsyncPayload::YieldOnce { .. } | AsyncPayload::AsyncGenOp(_)))
    )
}

/// A `sleep(delay, result)` awaitable that owns its state (the shared `sleep(0)`
/// objects only work in an `await`, where the VM swaps them in the frame).
pub fn new_sleep(vm: &mut Vm, delay: f64, result: Value) -> Value {
    let class = vm.runtime.classes().sleep.clone();
    Value::Object(Object::new(
        class,
        Payload::Async(AsyncPayload::Sleep(Box::new(std::cell::RefCell::new(
            super::payload::SleepState {
                delay,
                result,
                future: Value::None,
                timer: Value::None,
                started: false,
            },
        )))),
    ))
}

/// `GetAwaitable` on a native object: the object itself is its own iterator.
pub fn native_awaitable(_vm: &mut Vm, v: &Value, o: &Rc<Object>) -> PyResult<Option<Value>> {
    Ok(match async_payload(o) {
        Some(
            AsyncPayload::Future(_)
            | AsyncPayload::Task(_)
            | AsyncPayload::Gather(_)
            | AsyncPayload::YieldOnce { .. }
            | AsyncPayload::Sleep(_)
            | AsyncPayload::AsyncGenOp(_)
            | AsyncPayload::CoroWrapper(_)
            | AsyncPayload::AnextDefault(..),
        ) => Some(v.clone()),
        _ => None,
    })
}

/// `SEND` into a native awaitable.
pub fn send_native(vm: &mut Vm, sub: &Value, o: &Rc<Object>, value: Value) -> PyResult<Sent> {
    match async_payload(o) {
        Some(AsyncPayload::Future(_) | AsyncPayload::Task(_) | AsyncPayload::Gather(_)) => {
            if vm.future_done(sub) {
                return vm.future_result(sub).map(Sent::Returned);
            }
            // Resumed while still pending and still marked blocking: nobody waited
            // for it on our behalf (`FutureIter_iternext`).
            let already_blocking = fut_state(sub)
                .map(|mut f| std::mem::replace(&mut f.blocking, true))
                .unwrap_or(false);
            if already_blocking {
                return Err(vm.runtime_error("await wasn't used with future"));
            }
            Ok(Sent::Yielded(sub.clone()))
        }
        Some(AsyncPayload::YieldOnce { done }) => Ok(if *done {
            Sent::Returned(Value::None)
        } else {
            Sent::Yielded(Value::None)
        }),
        Some(AsyncPayload::Sleep(s)) => {
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
            let fut = vm.new_future(&loop_);
            let when = vm.loop_time(&loop_) + delay;
            let cb = vm.runtime.set_result_unless_cancelled.clone();
            let result = s.borrow().result.clone();
            let timer = vm.loop_call_at(&loop_, when, cb, vec![fut.clone(), result]);
            {
                let mut st = s.borrow_mut();
                st.future = fut.clone();
                st.timer = timer;
            }
            if let Some(mut f) = fut_state(&fut) {
                f.blocking = true;
            }
            Ok(Sent::Yielded(fut))
        }
        Some(AsyncPayload::AsyncGenOp(_)) => super::asyncgen::op_send(vm, o, value),
        Some(AsyncPayload::CoroWrapper(c)) => {
            let c = c.clone();
            vm.send_to(&c, value)
        }
        Some(AsyncPayload::AnextDefault(inner, default)) => {
            let (inner, default) = (inner.clone(), default.clone());
            match vm.send_to(&inner, value) {
                Err(e) if e.class.is_subclass(&vm.exc.stop_async_iteration) => {
                    Ok(Sent::Returned(default))
                }
                other => other,
            }
        }
        _ => Err(vm.type_error(format!(
            "object {} can't be used in 'await' expression",
            vm.type_name(sub)
        ))),
    }
}

/// Throwing into a native awaitable (cancellation): Ok(v) if it yielded `v`, otherwise
/// the exception to raise at the `await` (StopIteration means it returned).
pub fn throw_native(vm: &mut Vm, _sub: &Value, o: &Rc<Object>, exc: ExcRef) -> PyResult {
    match async_payload(o) {
        Some(AsyncPayload::Sleep(s)) => {
            let timer = std::mem::take(&mut s.borrow_mut().timer);
            if !timer.is_none() {
                vm.handle_cancel(&timer);
            }
            Err(exc)
        }
        Some(AsyncPayload::AsyncGenOp(_)) => match super::asyncgen::op_throw(vm, o, exc)? {
            Sent::Yielded(v) => Ok(v),
            Sent::Returned(v) => Err(vm.stop_iteration(v)),
        },
        Some(AsyncPayload::CoroWrapper(Value::Generator(g))) => {
            let g = g.clone();
            match vm.gen_throw(&g, exc)? {
                Sent::Yielded(v) => Ok(v),
                Sent::Returned(v) => Err(vm.stop_iteration(v)),
            }
        }
        _ => Err(exc),
    }
}
