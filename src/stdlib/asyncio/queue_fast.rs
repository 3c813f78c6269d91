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
use crate::object::{DictObj, PyStr, Value};
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
    o.dict()
}

/// The attribute names these helpers read, interned once (kept in the VM's extension
/// store): a lookup then reuses each name's cached hash and finds the instance dict's key
/// by pointer, where a `&str` would be hashed and compared byte by byte on every item.
pub struct QueueKeys {
    maxsize: Rc<PyStr>,
    queue: Rc<PyStr>,
    unfinished_tasks: Rc<PyStr>,
    finished: Rc<PyStr>,
    getters: Rc<PyStr>,
    putters: Rc<PyStr>,
    value: Rc<PyStr>,
}

impl QueueKeys {
    pub fn new(vm: &mut Vm) -> Rc<QueueKeys> {
        Rc::new(QueueKeys {
            maxsize: vm.intern("_maxsize"),
            queue: vm.intern("_queue"),
            unfinished_tasks: vm.intern("_unfinished_tasks"),
            finished: vm.intern("_finished"),
            getters: vm.intern("_getters"),
            putters: vm.intern("_putters"),
            value: vm.intern("_value"),
        })
    }
}

fn keys(vm: &mut Vm) -> Rc<QueueKeys> {
    if let Some(keys) = vm.extensions.get::<Rc<QueueKeys>>() {
        return keys.clone();
    }
    let keys = QueueKeys::new(vm);
    vm.extensions.insert(keys.clone());
    keys
}

fn attr(d: &DictObj, name: &PyStr) -> Option<Value> {
    d.get_str(name.as_str(), name.hash())
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
    let k = keys(vm);
    let (Some(items), Some(putters)) = (attr(&d, &k.queue), attr(&d, &k.putters)) else {
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
    let k = keys(vm);
    let state = (
        attr(&d, &k.maxsize),
        attr(&d, &k.queue),
        attr(&d, &k.unfinished_tasks),
        attr(&d, &k.finished),
        attr(&d, &k.getters),
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
    d.table.borrow_mut().set_str(
        k.unfinished_tasks.clone(),
        Value::Int(unfinished.saturating_add(1)),
    );
    clear_event(vm, &finished, &k.value)?;
    wakeup_next(vm, waiters)?;
    Ok(Value::bool(true))
}

/// `event.clear()`: for an exact `asyncio.Event`, its flag is set directly.
fn clear_event(vm: &mut Vm, event: &Value, value_key: &Rc<PyStr>) -> PyResult<()> {
    if let (Value::Object(o), Value::Class(ev)) = (event, &vm.runtime().event_class) {
        if Rc::ptr_eq(&o.class, ev) && o.has_dict() {
            o.dict_set(value_key.clone(), Value::bool(false));
            return Ok(());
        }
    }
    vm.call_method(event, "clear", &[]).map(|_| ())
}
