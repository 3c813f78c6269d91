//! Attributes and reprs of event-loop objects, in CPython's formats (the `NativeData`
//! impls in `native` call these).

use super::event_loop::LoopState;
use super::native::fut_state;
use super::payload::{DoneCallback, FutState, HandleState, TaskState};
use crate::object::{Object, Value};
use crate::vm::{PyResult, Vm};
use std::cell::RefCell;
use std::rc::Rc;

/// The C-slot attributes of futures, tasks and gathering futures.
pub fn future_special_attr(obj: &Value, name: &str) -> Option<Value> {
    match name {
        "_asyncio_future_blocking" => Some(Value::bool(fut_state(obj).is_some_and(|f| f.blocking))),
        "_loop" => Some(fut_state(obj).map_or(Value::None, |f| f.loop_.clone())),
        "_cancel_message" => Some(fut_state(obj).map_or(Value::None, |f| f.cancel_message.clone())),
        // Read without retrieving: a look at `_exception` leaves the "never retrieved"
        // report due.
        "_exception" => Some(fut_state(obj).map_or(Value::None, |f| {
            f.exception.clone().map_or(Value::None, Value::Object)
        })),
        "_result" => Some(fut_state(obj).map_or(Value::None, |f| f.result.clone())),
        "_state" => Some(Value::str(match fut_state(obj).map(|f| f.state) {
            Some(FutState::Cancelled) => "CANCELLED",
            Some(FutState::Finished) => "FINISHED",
            _ => "PENDING",
        })),
        "_log_traceback" => Some(Value::bool(fut_state(obj).is_some_and(|f| f.log_traceback))),
        _ => None,
    }
}

/// `len()` of event-loop objects that have one.
pub fn native_len(_vm: &mut Vm, _o: &Rc<Object>) -> Option<usize> {
    None
}

fn coro_desc(vm: &mut Vm, coro: &Value, done: bool) -> String {
    let Value::Generator(g) = coro else {
        return "?".into();
    };
    let qual = g.qualname.borrow().as_str().to_string();
    let code = g.code().clone();
    if done || g.state.get() == crate::object::GenState::Closed {
        return format!(
            "{qual}() done, defined at {}:{}",
            code.filename(),
            code.first_line
        );
    }
    let line = match g.state.get() {
        crate::object::GenState::Suspended => g.frame.borrow().as_ref().map(|f| f.line()),
        // Running: its frame is on the VM's stack, at the line executing now (a task
        // that reprs itself).
        crate::object::GenState::Running => vm
            .frames
            .iter()
            .rev()
            .find(|f| f.generator.as_ref().is_some_and(|fg| Rc::ptr_eq(fg, g)))
            .map(|f| f.line()),
        _ => None,
    }
    .unwrap_or(code.first_line);
    format!("{qual}() running at {}:{line}", code.filename())
}

/// `base_futures._format_callbacks`: the first callback, `<n more>`, the last.
fn callbacks_desc(vm: &mut Vm, cbs: &[DoneCallback]) -> PyResult<String> {
    let format_cb = |vm: &mut Vm, cb: &DoneCallback| -> PyResult<String> {
        match cb {
            DoneCallback::Wakeup(_) => Ok("Task.task_wakeup()".to_string()),
            DoneCallback::Gather(_) => Ok("gather.<locals>._done_callback()".to_string()),
            DoneCallback::Call(c) => vm.format_callback_source(c, &[]),
        }
    };
    let inner = match cbs {
        [] => return Ok(String::new()),
        [only] => format_cb(vm, only)?,
        [a, b] => format!("{}, {}", format_cb(vm, a)?, format_cb(vm, b)?),
        [first, .., last] => format!(
            "{}, <{} more>, {}",
            format_cb(vm, first)?,
            cbs.len() - 2,
            format_cb(vm, last)?
        ),
    };
    Ok(format!(" cb=[{inner}]"))
}

fn state_desc(vm: &mut Vm, v: &Value) -> PyResult<String> {
    let (state, result, exc, cbs) = match fut_state(v) {
        Some(f) => (
            f.state,
            f.result.clone(),
            f.exception.clone(),
            f.callbacks.clone(),
        ),
        None => return Ok(String::new()),
    };
    Ok(match state {
        FutState::Pending => format!("pending{}", callbacks_desc(vm, &cbs)?),
        FutState::Cancelled => "cancelled".into(),
        FutState::Finished => match exc {
            Some(e) => format!("finished exception={}", vm.repr(&Value::Object(e))?),
            None => format!("finished result={}", vm.repr(&result)?),
        },
    })
}

fn class_name(v: &Value) -> String {
    match v {
        Value::Object(o) => o.class.name.to_string(),
        _ => String::new(),
    }
}

pub fn future_repr(vm: &mut Vm, v: &Value) -> PyResult<String> {
    let created = fut_state(v).map_or(String::new(), |f| {
        super::trace_points::created_at(f.source_traceback.as_deref())
    });
    Ok(format!(
        "<{} {}{created}>",
        class_name(v),
        state_desc(vm, v)?
    ))
}

pub fn gather_repr(vm: &mut Vm, v: &Value) -> PyResult<String> {
    Ok(format!("<_GatheringFuture {}>", state_desc(vm, v)?))
}

pub fn task_repr(vm: &mut Vm, v: &Value, t: &RefCell<TaskState>) -> PyResult<String> {
    let (name, coro, waiter, state, cancelling) = {
        let t = t.borrow();
        (
            t.name_value(),
            t.coro.clone(),
            t.waiter.clone(),
            t.fut.state,
            t.num_cancels_requested > 0,
        )
    };
    let name = vm.repr(&name)?;
    let done = state != FutState::Pending;
    let coro = coro_desc(vm, &coro, done);
    let (status, tail) = match state {
        FutState::Pending => {
            let cbs = fut_state(v)
                .map(|f| f.callbacks.clone())
                .unwrap_or_default();
            let mut tail = String::new();
            if !waiter.is_none() {
                tail.push_str(&format!(" wait_for={}", vm.repr(&waiter)?));
            }
            tail.push_str(&callbacks_desc(vm, &cbs)?);
            // `_task_repr_info`: a pending task with cancel requests is "cancelling".
            (
                if cancelling { "cancelling" } else { "pending" }.to_string(),
                tail,
            )
        }
        FutState::Cancelled => ("cancelled".to_string(), String::new()),
        FutState::Finished => {
            let d = state_desc(vm, v)?;
            let tail = d.strip_prefix("finished").unwrap_or("").to_string();
            ("finished".to_string(), tail)
        }
    };
    let created = super::trace_points::created_at(t.borrow().fut.source_traceback.as_deref());
    Ok(format!(
        "<{} {status} name={name} coro=<{coro}>{tail}{created}>",
        class_name(v)
    ))
}

pub fn handle_repr(vm: &mut Vm, h: &RefCell<HandleState>) -> PyResult<String> {
    let (cb, args, cancelled, when) = {
        let h = h.borrow();
        (h.callback.clone(), h.args.clone(), h.cancelled, h.when)
    };
    let kind = if when.is_some() {
        "TimerHandle"
    } else {
        "Handle"
    };
    let mut parts = vec![kind.to_string()];
    if cancelled {
        parts.push("cancelled".to_string());
    }
    if let Some(w) = when {
        parts.push(format!("when={}", crate::format::float_repr(w)));
    }
    if !cancelled && !cb.is_none() {
        parts.push(vm.format_callback_source(&cb, &args)?);
    }
    Ok(format!("<{}>", parts.join(" ")))
}

pub fn loop_repr(l: &LoopState) -> String {
    format!(
        "<_UnixSelectorEventLoop running={} closed={} debug={}>",
        py_bool(l.running),
        py_bool(l.closed),
        py_bool(l.debug)
    )
}

fn py_bool(b: bool) -> &'static str {
    if b {
        "True"
    } else {
        "False"
    }
}
