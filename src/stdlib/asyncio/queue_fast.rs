//! The common case of `asyncio.Queue.get()` and `put()` in native code.
//!
//! `Queue` is Python (`queues.py`, a port of CPython's), so a subclass or a replaced
//! method behaves exactly as in CPython. But nearly every `await q.get()` / `await
//! q.put(x)` meets a non-empty (non-full) queue of exactly `asyncio.Queue` and runs
//! `get_nowait()` / `put_nowait()` without suspending: five Python calls and dunder
//! lookups per item. These helpers do that work directly for exact `Queue` instances
//! whose state is what `Queue.__init__` made, and report "not handled" for anything
//! else, which then takes the Python path. The coroutine methods stay coroutines, so
//! `create_task(q.get())`, reprs and never-awaited warnings are unchanged.

use crate::native::ArgCheck;
use crate::object::function::Args;
use crate::object::hash::hash_str;
use crate::object::{DictObj, Value};
use crate::runtime::future::FutureRef;
use crate::stdlib::collections::deque_cell;
use crate::stdlib::collections::DequeData;
use crate::vm::{PyResult, Vm};
use std::cell::RefCell;
use std::rc::Rc;

/// The instance dict of `q` when it is exactly the `asyncio.Queue` class.
fn exact_queue(vm: &Vm, q: &Value) -> Option<Rc<DictObj>> {
    let (Value::Object(o), Value::Class(queue)) = (q, &vm.runtime().queue_class) else {
        return None;
    };
    if !Rc::ptr_eq(&o.class, queue) {
        return None;
    }
    o.dict.clone()
}

fn attr(d: &DictObj, name: &str) -> Option<Value> {
    d.get_str(name, hash_str(name))
}

/// `_wakeup_next(waiters)`: wakes the first waiter not done yet.
fn wakeup_next(vm: &mut Vm, cell: &RefCell<DequeData>) -> PyResult<()> {
    loop {
        let waiter = {
            let mut d = cell.borrow_mut();
            let Some(w) = d.items.pop_front() else {
                return Ok(());
            };
            d.bump();
            w
        };
        let native = FutureRef::of(&waiter);
        let done = if let Some(fut) = &native {
            fut.done()
        } else {
            let r = vm.call_method(&waiter, "done", &[])?;
            vm.is_true(&r)?
        };
        if !done {
            if let Some(fut) = &native {
                fut.set_result(vm, Value::None)?;
            } else {
                vm.call_method(&waiter, "set_result", &[Value::None])?;
            }
            return Ok(());
        }
    }
}

/// `_queue_fast_get(q, nothing)`: `q.get_nowait()` when `q` is an exact, non-empty
/// Queue; otherwise `nothing`, and the caller goes the Python way.
pub fn fast_get(vm: &mut Vm, args: Args) -> PyResult {
    vm.check_args("_queue_fast_get", &args, 2, 2)?;
    let (q, nothing) = (&args.values[0], &args.values[1]);
    let Some(d) = exact_queue(vm, q) else {
        return Ok(nothing.clone());
    };
    let (Some(items), Some(putters)) = (attr(&d, "_queue"), attr(&d, "_putters")) else {
        return Ok(nothing.clone());
    };
    let (Some(cell), Some(waiters)) = (deque_cell(&items), deque_cell(&putters)) else {
        return Ok(nothing.clone());
    };
    let item = {
        let mut dq = cell.borrow_mut();
        match dq.items.pop_front() {
            Some(item) => {
                dq.bump();
                item
            }
            None => return Ok(nothing.clone()),
        }
    };
    wakeup_next(vm, waiters)?;
    Ok(item)
}

/// `_queue_fast_put(q, item)`: `q.put_nowait(item)` when `q` is an exact Queue that is
/// not full, returning True; False when the Python path must decide.
pub fn fast_put(vm: &mut Vm, args: Args) -> PyResult {
    vm.check_args("_queue_fast_put", &args, 2, 2)?;
    let (q, item) = (&args.values[0], &args.values[1]);
    let Some(d) = exact_queue(vm, q) else {
        return Ok(Value::bool(false));
    };
    let state = (
        attr(&d, "_maxsize"),
        attr(&d, "_queue"),
        attr(&d, "_unfinished_tasks"),
        attr(&d, "_finished"),
        attr(&d, "_getters"),
    );
    let (
        Some(Value::Int(maxsize)),
        Some(items),
        Some(Value::Int(unfinished)),
        Some(finished),
        Some(getters),
    ) = state
    else {
        return Ok(Value::bool(false));
    };
    let (Some(cell), Some(waiters)) = (deque_cell(&items), deque_cell(&getters)) else {
        return Ok(Value::bool(false));
    };
    if maxsize > 0 && cell.borrow().items.len() as i64 >= maxsize {
        return Ok(Value::bool(false));
    }
    let pushed_out = cell.borrow_mut().push_back(item.clone());
    drop(pushed_out);
    let key = vm.intern("_unfinished_tasks");
    d.table
        .borrow_mut()
        .set_str(key, Value::Int(unfinished.saturating_add(1)));
    clear_event(vm, &finished)?;
    wakeup_next(vm, waiters)?;
    Ok(Value::bool(true))
}

/// `event.clear()`: for an exact `asyncio.Event`, its flag is set directly.
fn clear_event(vm: &mut Vm, event: &Value) -> PyResult<()> {
    if let (Value::Object(o), Value::Class(ev)) = (event, &vm.runtime().event_class) {
        if Rc::ptr_eq(&o.class, ev) {
            if let Some(d) = &o.dict {
                let key = vm.intern("_value");
                d.table.borrow_mut().set_str(key, Value::bool(false));
                return Ok(());
            }
        }
    }
    vm.call_method(event, "clear", &[]).map(|_| ())
}
