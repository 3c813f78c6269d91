//! `iter(d)` and `reversed(d)`: `_collections._deque_iterator` and
//! `_deque_reverse_iterator`.
//!
//! Their state is an `IterState::Native` [`DequeIter`], so `for` loops step them through
//! the VM's native-iterator seam ([`DequeIter::step`]) without a method call per item. As in CPython an
//! iterator remembers the deque's mutation counter and how many items are left: any
//! structural change since it was created makes every later `next()` fail, even after
//! it was exhausted. While the counter is unchanged the deque's length is too, so the
//! position of the next item follows from the count left.

use super::deque::{this, DequeData};
use super::{classes, object_cell};
use crate::native::add_methods;
use crate::native::Sig;
use crate::object::function::Args;
use crate::object::iterator::IterState;
use crate::object::native_iter::NativeStep;
use crate::object::{Class, NativeIter, Object, Payload, Value};
use crate::vm::{PyResult, Vm};
use std::cell::RefCell;
use std::rc::Rc;

pub struct DequeIter {
    deque: Rc<Object>,
    /// The deque's `state` when the iterator was created.
    state: u64,
    /// Items not produced yet (CPython's `counter`).
    remaining: usize,
    reverse: bool,
}

impl NativeIter for DequeIter {
    fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        f(&Value::Object(self.deque.clone()));
    }

    fn step_fn(&self) -> NativeStep {
        step_in_cell
    }
}

/// The VM's step for a deque iterator: no Python code runs, so the cell stays borrowed.
fn step_in_cell(vm: &mut Vm, cell: &RefCell<IterState>) -> PyResult<Option<Value>> {
    let mut st = cell
        .try_borrow_mut()
        .map_err(|_| vm.value_error("iterator already executing"))?;
    match st.native_mut::<DequeIter>() {
        Some(it) => it.step(vm),
        None => Ok(None),
    }
}

impl DequeIter {
    /// The next item, None at the end; RuntimeError once the deque has changed.
    pub fn step(&mut self, vm: &Vm) -> PyResult<Option<Value>> {
        let Some(cell) = object_cell(&self.deque) else {
            return Ok(None);
        };
        let Ok(d) = cell.try_borrow() else {
            return Err(vm.runtime_error("deque mutated during iteration"));
        };
        if d.state != self.state {
            self.remaining = 0;
            return Err(vm.runtime_error("deque mutated during iteration"));
        }
        if self.remaining == 0 {
            return Ok(None);
        }
        let pos = if self.reverse {
            self.remaining - 1
        } else {
            d.items.len().wrapping_sub(self.remaining)
        };
        self.remaining -= 1;
        Ok(d.items.get(pos).cloned())
    }
}

/// `__iter__` and `__reversed__` of deque.
pub(super) fn register(vm: &mut Vm, deque: &Rc<Class>) {
    add_methods(
        vm,
        deque,
        &[("__iter__", deque_iter), ("__reversed__", deque_reversed)],
    );
}

/// The methods of the two iterator classes.
pub(super) fn register_iterator(vm: &mut Vm, class: &Rc<Class>) {
    add_methods(
        vm,
        class,
        &[
            ("__iter__", iter_self),
            ("__next__", iter_next),
            ("__length_hint__", length_hint),
        ],
    );
}

fn new_iter(vm: &mut Vm, this: &Value, cell: &RefCell<DequeData>, reverse: bool) -> PyResult {
    let Value::Object(o) = this else {
        return Err(vm.type_error("deque expected"));
    };
    let classes = classes(vm)?;
    let class = if reverse {
        classes.deque_rev_iter.clone()
    } else {
        classes.deque_iter.clone()
    };
    let (state, remaining) = {
        let d = cell.borrow();
        (d.state, d.items.len())
    };
    Ok(vm.new_iterator(
        &class,
        IterState::Native(Box::new(DequeIter {
            deque: o.clone(),
            state,
            remaining,
            reverse,
        })),
    ))
}

fn deque_iter(vm: &mut Vm, args: Args) -> PyResult {
    let (this, cell, _) = this(vm, &args, "__iter__", Sig::Wrapper(0))?;
    new_iter(vm, this, cell, false)
}

fn deque_reversed(vm: &mut Vm, args: Args) -> PyResult {
    let (this, cell, _) = this(vm, &args, "__reversed__", Sig::NoArgs)?;
    new_iter(vm, this, cell, true)
}

/// The `IterState` cell of a deque iterator.
fn iter_cell<'a>(vm: &Vm, args: &Args<'a>, name: &str) -> PyResult<&'a RefCell<IterState>> {
    if let Some(Value::Object(o)) = args.values.first() {
        if let Payload::Iter(cell) = &o.payload {
            if cell
                .try_borrow()
                .is_ok_and(|st| st.native::<DequeIter>().is_some())
            {
                return Ok(cell);
            }
        }
    }
    Err(vm.type_error(format!(
        "descriptor '{name}' requires a '_collections._deque_iterator' object"
    )))
}

fn iter_self(vm: &mut Vm, args: Args) -> PyResult {
    iter_cell(vm, &args, "__iter__")?;
    Ok(args.values[0].clone())
}

fn iter_next(vm: &mut Vm, args: Args) -> PyResult {
    iter_cell(vm, &args, "__next__")?;
    match vm.iter_next(&args.values[0])? {
        Some(v) => Ok(v),
        None => Err(vm.stop_iteration(Value::None)),
    }
}

/// `__length_hint__()`: the items left (as counted when the iterator was made).
fn length_hint(vm: &mut Vm, args: Args) -> PyResult {
    let cell = iter_cell(vm, &args, "__length_hint__")?;
    let remaining = cell
        .try_borrow()
        .ok()
        .and_then(|st| st.native::<DequeIter>().map(|it| it.remaining));
    Ok(Value::Int(remaining.unwrap_or(0) as i64))
}
