//! `asyncio.Handle` and `TimerHandle`: a callback scheduled with `call_soon`/`call_later`
//! (CPython: asyncio/events.py). A [`HandleRef`] is a value known to be one; the ready
//! queue and the timer heap hold handles, so running one cannot meet anything else.

use super::payload::HandleState;
use crate::native::add_methods;
use crate::object::function::Args;
use crate::object::Value;
use crate::vm::{PyResult, Vm};
use std::cell::RefCell;

#[derive(Clone)]
pub struct HandleRef(Value);

impl HandleRef {
    /// `v` as a handle, if it is a native one.
    pub fn of(v: &Value) -> Option<HandleRef> {
        super::native::native::<RefCell<HandleState>>(v).map(|_| HandleRef(v.clone()))
    }

    /// `v` as the `self` of a Handle method that reads attribute `attr`: CPython's Handle
    /// is a Python class, so a wrong `self` fails with that attribute's AttributeError.
    pub fn check(vm: &Vm, v: &Value, attr: &str) -> PyResult<HandleRef> {
        HandleRef::of(v).ok_or_else(|| {
            vm.new_exception_msg(
                &vm.exc.attribute_error.clone(),
                format!("'{}' object has no attribute '{attr}'", vm.type_name(v)),
            )
        })
    }

    pub fn value(&self) -> &Value {
        &self.0
    }

    fn cell(&self) -> &RefCell<HandleState> {
        super::native::native(&self.0).expect("a HandleRef holds a handle")
    }

    pub fn cancelled(&self) -> bool {
        self.cell().borrow().cancelled
    }

    /// The deadline of a TimerHandle.
    pub fn when(&self) -> Option<f64> {
        self.cell().borrow().when
    }

    /// The callback and its arguments, unless the handle was cancelled.
    pub fn to_run(&self) -> Option<(Value, Vec<Value>, Value)> {
        let h = self.cell().borrow();
        (!h.cancelled).then(|| (h.callback.clone(), h.args.clone(), h.context.clone()))
    }

    pub fn set_context(&self, ctx: Value) {
        self.cell().borrow_mut().context = ctx;
    }

    /// The callback and its arguments.
    pub fn callback(&self) -> (Value, Vec<Value>) {
        let h = self.cell().borrow();
        (h.callback.clone(), h.args.clone())
    }

    /// Marks the handle cancelled; a cancelled timer stays in the heap until it reaches
    /// the top (lazy deletion), unless too many pile up.
    pub fn cancel(&self, vm: &mut Vm) {
        let mut h = self.cell().borrow_mut();
        if h.cancelled {
            return;
        }
        h.cancelled = true;
        h.callback = Value::None;
        h.args.clear();
        if let (Some(when), true) = (h.when, super::loop_events::on()) {
            super::loop_events::record(super::loop_events::Event::TimerCancelled { when });
        }
        if h.when.is_some() {
            if let Some(l) = &vm.runtime().running_loop {
                l.cell().borrow_mut().cancelled_timers += 1;
            }
        }
    }
}

impl From<HandleRef> for Value {
    fn from(h: HandleRef) -> Value {
        h.0
    }
}

impl Vm {
    /// A `Handle` (or, with a deadline, a `TimerHandle`) for `callback(*args)`.
    pub fn new_handle(
        &mut self,
        callback: Value,
        args: Vec<Value>,
        when: Option<f64>,
    ) -> HandleRef {
        let context = self.capture_context();
        let classes = self.runtime().classes();
        let class = if when.is_some() {
            classes.timer_handle.clone()
        } else {
            classes.handle.clone()
        };
        HandleRef(super::native::new_object(
            class,
            RefCell::new(HandleState {
                callback,
                args,
                cancelled: false,
                when,
                context,
            }),
        ))
    }
}

pub fn register(vm: &mut Vm) {
    let handle = vm.runtime().classes().handle.clone();
    add_methods(
        vm,
        &handle,
        &[("cancel", handle_cancel), ("cancelled", handle_cancelled)],
    );
    let timer = vm.runtime().classes().timer_handle.clone();
    add_methods(vm, &timer, &[("when", handle_when)]);
}

fn this(args: &Args) -> Value {
    args.values.first().cloned().unwrap_or(Value::None)
}

fn handle_cancel(vm: &mut Vm, args: Args) -> PyResult {
    HandleRef::check(vm, &this(&args), "_cancelled")?.cancel(vm);
    Ok(Value::None)
}

fn handle_cancelled(vm: &mut Vm, args: Args) -> PyResult {
    let h = HandleRef::check(vm, &this(&args), "_cancelled")?;
    Ok(Value::bool(h.cancelled()))
}

fn handle_when(vm: &mut Vm, args: Args) -> PyResult {
    let h = HandleRef::check(vm, &this(&args), "_when")?;
    Ok(h.when().map_or(Value::None, Value::float))
}
