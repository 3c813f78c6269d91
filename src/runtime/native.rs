//! How the event-loop objects plug into the object layer: each state type is the
//! `Payload::Native` of its objects (one allocation per future or task), with a
//! `NativeData` impl giving the collector its edges, `await` its send/throw, and `repr`/
//! the C-slot attributes their CPython formats. The accessors below recover a state from
//! a value with one downcast.

use super::attrs;
use super::event_loop::LoopState;
use super::payload::{FutureState, GatherState, HandleState, SleepState, TaskState};
use crate::object::{ExcRef, NativeData, Object, Payload, Value};
use crate::vm::generators::Sent;
use crate::vm::{PyResult, Vm};
use std::any::{Any, TypeId};
use std::cell::{RefCell, RefMut};

/// The native state of `v` if it is a `T`.
#[inline]
pub fn native<T: NativeData>(v: &Value) -> Option<&T> {
    match v {
        Value::Object(o) => o.native::<T>(),
        _ => None,
    }
}

/// Mutable access to the future part of a Future, Task or gathering future.
pub fn fut_state(v: &Value) -> Option<RefMut<'_, FutureState>> {
    let Value::Object(o) = v else { return None };
    let Payload::Native(data) = &o.payload else {
        return None;
    };
    // Each attempt is one virtual call (the type id); tasks, the commonest, go first.
    let any = &**data as &dyn Any;
    if let Some(t) = any.downcast_ref::<RefCell<TaskState>>() {
        return t
            .try_borrow_mut()
            .ok()
            .map(|t| RefMut::map(t, |t| &mut t.fut));
    }
    if let Some(f) = any.downcast_ref::<RefCell<FutureState>>() {
        return f.try_borrow_mut().ok();
    }
    if let Some(g) = any.downcast_ref::<RefCell<GatherState>>() {
        return g
            .try_borrow_mut()
            .ok()
            .map(|g| RefMut::map(g, |g| &mut g.fut));
    }
    None
}

/// Whether `v` is a native future (a Future, Task or gathering future).
pub fn is_future(v: &Value) -> bool {
    let Value::Object(o) = v else { return false };
    let Payload::Native(data) = &o.payload else {
        return false;
    };
    let id = (&**data as &dyn Any).type_id();
    id == TypeId::of::<RefCell<TaskState>>()
        || id == TypeId::of::<RefCell<FutureState>>()
        || id == TypeId::of::<RefCell<GatherState>>()
}

/// A new object of `class` with the given native state.
pub fn new_object<T: NativeData>(class: std::rc::Rc<crate::object::Class>, state: T) -> Value {
    Value::Object(Object::new(class, Payload::Native(Box::new(state))))
}

/// The three kinds of future (a Future, a Task, a gathering future) share their native
/// protocol: `await` sends into them the same way and they have the same slot attributes.
/// What differs is below: their collector edges and their repr.
trait FutureKind: 'static {
    fn traverse(&self, f: &mut dyn FnMut(&Value));
    fn clear_into(&mut self, trash: &mut Vec<Value>);
    fn repr(cell: &RefCell<Self>, vm: &mut Vm, this: &Value) -> PyResult<String>
    where
        Self: Sized;
}

impl FutureKind for FutureState {
    fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        FutureState::traverse(self, f)
    }

    fn clear_into(&mut self, trash: &mut Vec<Value>) {
        FutureState::clear_into(self, trash)
    }

    fn repr(_cell: &RefCell<Self>, vm: &mut Vm, this: &Value) -> PyResult<String> {
        attrs::future_repr(vm, this)
    }
}

impl FutureKind for TaskState {
    fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        TaskState::traverse(self, f)
    }

    fn clear_into(&mut self, trash: &mut Vec<Value>) {
        TaskState::clear_into(self, trash)
    }

    fn repr(cell: &RefCell<Self>, vm: &mut Vm, this: &Value) -> PyResult<String> {
        attrs::task_repr(vm, this, cell)
    }
}

impl FutureKind for GatherState {
    fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        self.fut.traverse(f);
        self.children.iter().for_each(|c| f(c.value()));
    }

    fn clear_into(&mut self, trash: &mut Vec<Value>) {
        self.fut.clear_into(trash);
        trash.extend(self.children.drain(..).map(Value::from));
    }

    fn repr(_cell: &RefCell<Self>, vm: &mut Vm, this: &Value) -> PyResult<String> {
        attrs::gather_repr(vm, this)
    }
}

impl<T: FutureKind> NativeData for RefCell<T> {
    fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        if let Ok(s) = self.try_borrow() {
            s.traverse(f)
        }
    }

    fn clear_into(&self, trash: &mut Vec<Value>) {
        if let Ok(mut s) = self.try_borrow_mut() {
            s.clear_into(trash)
        }
    }

    fn is_awaitable(&self) -> bool {
        true
    }

    fn await_send(&self, vm: &mut Vm, this: &Value, _value: Value) -> Option<PyResult<Sent>> {
        Some(super::awaitables::future_send(
            vm,
            super::future::FutureRef::known(this.clone()),
        ))
    }

    fn repr(&self, vm: &mut Vm, this: &Value) -> Option<PyResult<String>> {
        Some(T::repr(self, vm, this))
    }

    fn special_attr(&self, _vm: &mut Vm, this: &Value, name: &str) -> Option<Value> {
        attrs::future_special_attr(this, name)
    }
}

impl NativeData for RefCell<HandleState> {
    fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        if let Ok(h) = self.try_borrow() {
            f(&h.callback);
            h.args.iter().for_each(&mut *f);
            f(&h.context);
        }
    }

    fn clear_into(&self, trash: &mut Vec<Value>) {
        if let Ok(mut h) = self.try_borrow_mut() {
            trash.push(std::mem::take(&mut h.callback));
            trash.append(&mut h.args);
            trash.push(std::mem::take(&mut h.context));
        }
    }

    fn repr(&self, vm: &mut Vm, _this: &Value) -> Option<PyResult<String>> {
        Some(attrs::handle_repr(vm, self))
    }
}

impl NativeData for RefCell<LoopState> {
    fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        if let Ok(l) = self.try_borrow() {
            l.traverse(f)
        }
    }

    fn clear_into(&self, trash: &mut Vec<Value>) {
        if let Ok(mut l) = self.try_borrow_mut() {
            l.clear_into(trash)
        }
    }

    fn repr(&self, _vm: &mut Vm, _this: &Value) -> Option<PyResult<String>> {
        Some(Ok(attrs::loop_repr(&self.borrow())))
    }
}

impl NativeData for RefCell<SleepState> {
    fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        if let Ok(s) = self.try_borrow() {
            f(&s.result);
            f(&s.future);
            if let Some(t) = &s.timer {
                f(t.value());
            }
        }
    }

    fn clear_into(&self, trash: &mut Vec<Value>) {
        if let Ok(mut s) = self.try_borrow_mut() {
            trash.push(std::mem::take(&mut s.future));
            trash.extend(s.timer.take().map(Value::from));
            trash.push(std::mem::take(&mut s.result));
        }
    }

    fn is_awaitable(&self) -> bool {
        true
    }

    fn await_send(&self, vm: &mut Vm, _this: &Value, _value: Value) -> Option<PyResult<Sent>> {
        Some(super::awaitables::sleep_send(vm, self))
    }

    fn await_throw(&self, vm: &mut Vm, _this: &Value, exc: ExcRef) -> PyResult {
        super::awaitables::sleep_throw(vm, self, exc)
    }

    fn repr(&self, _vm: &mut Vm, this: &Value) -> Option<PyResult<String>> {
        Some(Ok(format!(
            "<coroutine object sleep at {:#x}>",
            this.heap_addr().unwrap_or(0)
        )))
    }
}
