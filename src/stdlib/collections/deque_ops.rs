//! The deque as a sequence: `len`, indexing, `in`, `count`/`index`/`remove`, the
//! operators (`+`, `*`, `+=`, `*=`), comparisons and `repr`.
//!
//! The searching methods compare items with Python's `==`, which may run arbitrary code
//! that changes the deque; like CPython they check the mutation counter after every
//! comparison and fail ("deque mutated during iteration") instead of reading a deque
//! that moved under them.
//!
//! Operators follow CPython's sequence slots: deque has `sq_concat`/`sq_repeat` but no
//! number slots, so `deque + list` names the deque in its message while `list + deque`
//! names the list, and a right operand that defines the reflected method gets its turn
//! before the error.

use super::deque::{copy_of, extend_from, getargs, this, DequeData};
use super::deque_cell;
use crate::bytecode::Compare;
use crate::native::{slice_index, Sig};
use crate::object::function::{Args, NativeFn};
use crate::object::Value;
use crate::vm::{PyResult, Vm};
use std::cell::RefCell;
use std::rc::Rc;

pub(super) fn register(vm: &mut Vm, class: &Rc<crate::object::Class>) {
    let table: &[(&'static str, NativeFn)] = &[
        ("__len__", len),
        ("__getitem__", getitem),
        ("__setitem__", setitem),
        ("__delitem__", delitem),
        ("__contains__", contains),
        ("count", count),
        ("index", index),
        ("remove", remove),
        ("__add__", add),
        ("__iadd__", iadd),
        ("__mul__", mul),
        ("__rmul__", rmul),
        ("__imul__", imul),
        ("__repr__", repr),
    ];
    crate::native::add_method_tables(vm, class, &[table, RICH_COMPARE]);
    let key = vm.intern("__hash__");
    class.dict.borrow_mut().set_str(key, Value::None);
}

fn len(vm: &mut Vm, args: Args) -> PyResult {
    let (_, cell, _) = this(vm, &args, "__len__", Sig::Wrapper(0))?;
    let n = cell.borrow().items.len();
    Ok(Value::Int(n as i64))
}

/// The item at `i` while the deque is still that long.
fn item_at(cell: &RefCell<DequeData>, i: usize) -> Option<Value> {
    cell.borrow().items.get(i).cloned()
}

fn state_of(cell: &RefCell<DequeData>) -> u64 {
    cell.borrow().state
}

/// `PyObject_RichCompareBool(item, x, Py_EQ)`: identity first.
fn same(vm: &mut Vm, item: &Value, x: &Value) -> PyResult<bool> {
    Ok(item.is(x) || vm.eq(item, x)?)
}

fn mutated(vm: &Vm) -> crate::object::ExcRef {
    vm.runtime_error("deque mutated during iteration")
}

/// A subscript as CPython's `sq_item` receives it: `d[1:2]` and `d['a']` are
/// TypeErrors, ints beyond `Py_ssize_t` an IndexError.
fn subscript(vm: &mut Vm, key: &Value) -> PyResult<i64> {
    match key {
        Value::Int(i) => Ok(*i),
        Value::BigInt(_) => Err(vm.index_error("cannot fit 'int' into an index-sized integer")),
        _ => match vm.to_index(key)? {
            Some(i) => Ok(i),
            None => Err(vm.type_error(format!(
                "sequence index must be integer, not '{}'",
                vm.type_name(key)
            ))),
        },
    }
}

/// Resolves a (possibly negative) index against the deque's length.
fn position(cell: &RefCell<DequeData>, i: i64) -> Option<usize> {
    let n = cell.borrow().items.len() as i64;
    let j = if i < 0 { i + n } else { i };
    (0..n).contains(&j).then_some(j as usize)
}

fn getitem(vm: &mut Vm, args: Args) -> PyResult {
    let (_, cell, rest) = this(vm, &args, "__getitem__", Sig::Wrapper(1))?;
    let i = subscript(vm, &rest[0])?;
    match position(cell, i).and_then(|j| item_at(cell, j)) {
        Some(v) => Ok(v),
        None => Err(vm.index_error("deque index out of range")),
    }
}

/// `d[i] = x`: replaces in place, which iterators do not notice (as in CPython).
fn setitem(vm: &mut Vm, args: Args) -> PyResult {
    let (_, cell, rest) = this(vm, &args, "__setitem__", Sig::WrapperRange(2, 2))?;
    let i = subscript(vm, &rest[0])?;
    let Some(j) = position(cell, i) else {
        return Err(vm.index_error("deque index out of range"));
    };
    let old = {
        let mut d = cell.borrow_mut();
        match d.items.get_mut(j) {
            Some(slot) => std::mem::replace(slot, rest[1].clone()),
            None => return Err(vm.index_error("deque index out of range")),
        }
    };
    drop(old);
    Ok(Value::None)
}

fn delitem(vm: &mut Vm, args: Args) -> PyResult {
    let (_, cell, rest) = this(vm, &args, "__delitem__", Sig::Wrapper(1))?;
    let i = subscript(vm, &rest[0])?;
    let removed = position(cell, i).and_then(|j| {
        let mut d = cell.borrow_mut();
        d.bump();
        d.items.remove(j)
    });
    match removed {
        Some(old) => {
            drop(old);
            Ok(Value::None)
        }
        None => Err(vm.index_error("deque index out of range")),
    }
}

/// `x in d`: a match found by a comparison that also mutated the deque still counts.
fn contains(vm: &mut Vm, args: Args) -> PyResult {
    let (_, cell, rest) = this(vm, &args, "__contains__", Sig::Wrapper(1))?;
    let start = state_of(cell);
    let mut i = 0;
    while let Some(item) = item_at(cell, i) {
        if same(vm, &item, &rest[0])? {
            return Ok(Value::bool(true));
        }
        if state_of(cell) != start {
            return Err(mutated(vm));
        }
        i += 1;
    }
    Ok(Value::bool(false))
}

fn count(vm: &mut Vm, args: Args) -> PyResult {
    let (_, cell, rest) = this(vm, &args, "count", Sig::One)?;
    let start = state_of(cell);
    let mut n = 0i64;
    let mut i = 0;
    while let Some(item) = item_at(cell, i) {
        if same(vm, &item, &rest[0])? {
            n += 1;
        }
        if state_of(cell) != start {
            return Err(mutated(vm));
        }
        i += 1;
    }
    Ok(Value::Int(n))
}

/// `index(x[, start[, stop]])`: bounds clamp like slice indices.
fn index(vm: &mut Vm, args: Args) -> PyResult {
    let (_, cell, rest) = getargs(vm, &args, "index", 1, 3)?;
    let start_state = state_of(cell);
    let mut start = match rest.get(1) {
        Some(v) => slice_index(vm, v)?,
        None => 0,
    };
    let mut stop = match rest.get(2) {
        Some(v) => slice_index(vm, v)?,
        None => i64::MAX,
    };
    let len = cell.borrow().items.len() as i64;
    if start < 0 {
        start = start.saturating_add(len).max(0);
    }
    if stop < 0 {
        stop = stop.saturating_add(len).max(0);
    }
    stop = stop.min(len);
    start = start.min(stop);
    let x = &rest[0];
    for i in start..stop {
        let Some(item) = item_at(cell, i as usize) else {
            break;
        };
        if same(vm, &item, x)? {
            return Ok(Value::Int(i));
        }
        if state_of(cell) != start_state {
            return Err(mutated(vm));
        }
    }
    let r = vm.repr(x)?;
    Err(vm.value_error(format!("{r} is not in deque")))
}

/// `remove(x)`: the first item equal to `x`. A deque mutated by a comparison is an
/// IndexError here (CPython 3.11's choice), checked before the match is acted on.
fn remove(vm: &mut Vm, args: Args) -> PyResult {
    let (_, cell, rest) = this(vm, &args, "remove", Sig::One)?;
    let start = state_of(cell);
    let mut i = 0;
    while let Some(item) = item_at(cell, i) {
        let found = same(vm, &item, &rest[0])?;
        if state_of(cell) != start {
            return Err(vm.index_error("deque mutated during iteration"));
        }
        if found {
            let old = {
                let mut d = cell.borrow_mut();
                d.bump();
                d.items.remove(i)
            };
            drop(old);
            return Ok(Value::None);
        }
        i += 1;
    }
    let r = vm.repr(&rest[0])?;
    Err(vm.value_error(format!("{r} is not in deque")))
}

/// Whether `other`'s reflected method should get its turn instead of an immediate
/// TypeError: a class written in Python defining `__radd__`/`__rmul__`. (A deque's own
/// native `__rmul__` would only raise the same error, and the VM does not try it when
/// both operands have the same class.)
fn defers_to(vm: &Vm, other: &Value, rname: &str) -> bool {
    matches!(other, Value::Object(_))
        && matches!(
            vm.class_of(other)
                .lookup(rname, crate::object::hash::hash_str(rname)),
            Some(m) if !matches!(m, Value::NativeFunction(_))
        )
}

/// The class name in a repr: `D([1])` for a subclass.
fn short_name(v: &Value) -> String {
    match v {
        Value::Object(o) => o.class.name.clone(),
        _ => "deque".to_string(),
    }
}

/// `d + other`: only another deque; the result is a copy of `d` (of its class, with its
/// maxlen) extended by `other`.
fn add(vm: &mut Vm, args: Args) -> PyResult {
    let (this, cell, rest) = this(vm, &args, "__add__", Sig::Wrapper(1))?;
    let other = &rest[0];
    if deque_cell(other).is_none() {
        if defers_to(vm, other, "__radd__") {
            return Ok(Value::NotImplemented);
        }
        // CPython names the deque type here even for a subclass instance.
        return Err(vm.type_error(format!(
            "can only concatenate deque (not \"{}\") to deque",
            vm.type_name(other)
        )));
    }
    let new = copy_of(vm, this, cell)?;
    if let Some(new_cell) = deque_cell(&new) {
        extend_from(vm, &new, new_cell, other, false)?;
    }
    Ok(new)
}

/// `d += iterable`: any iterable, in place.
fn iadd(vm: &mut Vm, args: Args) -> PyResult {
    let (this, cell, rest) = this(vm, &args, "__iadd__", Sig::Wrapper(1))?;
    extend_from(vm, this, cell, &rest[0], false)?;
    Ok(this.clone())
}

/// The count of `d * n`: Some for ints and `__index__` objects, None for other types.
fn repeat_count(vm: &mut Vm, n: &Value) -> PyResult<Option<i64>> {
    match n {
        Value::BigInt(_) => Err(vm.overflow_error("cannot fit 'int' into an index-sized integer")),
        _ => vm.to_index(n),
    }
}

fn non_int(vm: &Vm, n: &Value) -> crate::object::ExcRef {
    vm.type_error(format!(
        "can't multiply sequence by non-int of type '{}'",
        vm.type_name(n)
    ))
}

/// CPython's `deque_inplace_repeat`: `n <= 0` clears, `n == 1` changes nothing, and a
/// maxlen keeps the last `maxlen` items of the repetition (computed without building
/// the discarded part). When the maxlen leaves room for no more than one copy of
/// several items, CPython changes nothing at all, so iterators stay valid.
fn repeat_in_place(vm: &Vm, cell: &RefCell<DequeData>, n: i64) -> PyResult<()> {
    let mut d = cell.borrow_mut();
    let size = d.items.len();
    if size == 0 || n == 1 {
        return Ok(());
    }
    if n <= 0 {
        let old = d.take_all();
        drop(d);
        drop(old);
        return Ok(());
    }
    let n = n as usize;
    let total = if size == 1 {
        d.maxlen.map_or(n, |m| n.min(m))
    } else {
        if size > (isize::MAX as usize) / n {
            return Err(vm.memory_error());
        }
        let reps = match d.maxlen {
            Some(m) if size * n > m => m.div_ceil(size),
            _ => n,
        };
        if reps <= 1 {
            return Ok(());
        }
        d.maxlen.map_or(size * reps, |m| (size * reps).min(m))
    };
    if total > crate::vm::ops::arith::MAX_SEQUENCE_LEN {
        return Err(vm.memory_error());
    }
    d.bump();
    // The result is the last `total` items of `items * reps`: it starts at offset
    // `(size * reps - total) % size` within one copy of the items.
    let skip = (size - total % size) % size;
    let items: Vec<Value> = d.items.iter().cloned().collect();
    let mut out = std::collections::VecDeque::with_capacity(total);
    out.extend(items.iter().cycle().skip(skip).take(total).cloned());
    let old = std::mem::replace(&mut d.items, out);
    drop(d);
    drop(old);
    Ok(())
}

/// `d * n`: a copy (as `copy()` makes it), repeated.
fn mul(vm: &mut Vm, args: Args) -> PyResult {
    let (this, cell, rest) = this(vm, &args, "__mul__", Sig::Wrapper(1))?;
    let other = &rest[0];
    let Some(n) = repeat_count(vm, other)? else {
        if defers_to(vm, other, "__rmul__") {
            return Ok(Value::NotImplemented);
        }
        return Err(non_int(vm, other));
    };
    repeated_copy(vm, this, cell, n)
}

/// A copy of the deque (through its class, for subclasses) repeated `n` times.
fn repeated_copy(vm: &mut Vm, this: &Value, cell: &RefCell<DequeData>, n: i64) -> PyResult {
    let new = copy_of(vm, this, cell)?;
    if let Some(new_cell) = deque_cell(&new) {
        repeat_in_place(vm, new_cell, n)?;
    }
    Ok(new)
}

/// `n * d`. With a sequence on the left (`[1] * d`) the left operand's repeat wants an
/// int and the VM reports the deque as the non-int, as CPython does.
fn rmul(vm: &mut Vm, args: Args) -> PyResult {
    let (this, cell, rest) = this(vm, &args, "__rmul__", Sig::Wrapper(1))?;
    let other = &rest[0];
    let Some(n) = repeat_count(vm, other)? else {
        if matches!(
            other,
            Value::Str(_) | Value::List(_) | Value::Tuple(_) | Value::Bytes(_)
        ) {
            return Ok(Value::NotImplemented);
        }
        return Err(non_int(vm, other));
    };
    repeated_copy(vm, this, cell, n)
}

fn imul(vm: &mut Vm, args: Args) -> PyResult {
    let (this, cell, rest) = this(vm, &args, "__imul__", Sig::Wrapper(1))?;
    let other = &rest[0];
    let Some(n) = repeat_count(vm, other)? else {
        if defers_to(vm, other, "__rmul__") {
            return Ok(Value::NotImplemented);
        }
        return Err(non_int(vm, other));
    };
    repeat_in_place(vm, cell, n)?;
    Ok(this.clone())
}

/// The next item of an iteration over `cell` that started at `state` with `len` items:
/// what CPython's deque iterator gives `deque_richcompare`.
fn iter_item(
    vm: &Vm,
    cell: &RefCell<DequeData>,
    state: u64,
    len: usize,
    i: usize,
) -> PyResult<Option<Value>> {
    let d = cell.borrow();
    if d.state != state {
        return Err(mutated(vm));
    }
    Ok(if i < len {
        d.items.get(i).cloned()
    } else {
        None
    })
}

/// Rich comparison of two deques (NotImplemented for anything else): lexicographic,
/// like lists, on the first pair of items that are not equal.
fn compare(vm: &mut Vm, args: &Args, op: Compare) -> PyResult {
    let (this, cell, rest) = this(vm, args, op.dunder(), Sig::Wrapper(1))?;
    let other = &rest[0];
    let Some(other_cell) = deque_cell(other) else {
        return Ok(Value::NotImplemented);
    };
    let (vs, vstate) = {
        let d = cell.borrow();
        (d.items.len(), d.state)
    };
    let (ws, wstate) = {
        let d = other_cell.borrow();
        (d.items.len(), d.state)
    };
    match op {
        Compare::Eq | Compare::Ne if this.is(other) => return Ok(Value::bool(op == Compare::Eq)),
        Compare::Eq | Compare::Ne if vs != ws => return Ok(Value::bool(op == Compare::Ne)),
        _ => {}
    }
    let mut i = 0;
    let (x, y) = loop {
        let x = iter_item(vm, cell, vstate, vs, i)?;
        let y = iter_item(vm, other_cell, wstate, ws, i)?;
        i += 1;
        match (x, y) {
            (Some(x), Some(y)) => {
                if !same(vm, &x, &y)? {
                    let r = vm.rich_compare(&x, &y, op)?;
                    return Ok(Value::bool(vm.is_true(&r)?));
                }
            }
            ends => break ends,
        }
    };
    Ok(Value::bool(match op {
        Compare::Lt => y.is_some(),
        Compare::Le => x.is_none(),
        Compare::Eq => x.is_none() && y.is_none(),
        Compare::Ne => x.is_some() || y.is_some(),
        Compare::Gt => x.is_some(),
        Compare::Ge => y.is_none(),
    }))
}

crate::native::rich_compare_methods!(compare => RICH_COMPARE; eq, ne, lt, le, gt, ge);

/// `deque([1, 2])`, `deque([1], maxlen=3)`, `D([...])` for a subclass; a deque inside
/// itself shows as `[...]`.
fn repr(vm: &mut Vm, args: Args) -> PyResult {
    let (this, cell, _) = this(vm, &args, "__repr__", Sig::Wrapper(0))?;
    let addr = this.heap_addr().unwrap_or(0);
    if vm.repr_stack.contains(&addr) {
        return Ok(Value::str("[...]"));
    }
    let (items, maxlen): (Vec<Value>, Option<usize>) = {
        let d = cell.borrow();
        (d.items.iter().cloned().collect(), d.maxlen)
    };
    vm.enter_native(crate::vm::ops::compare::Recursing::Repr)?;
    vm.repr_stack.push(addr);
    let body = (|| -> PyResult<String> {
        let mut out = String::from("[");
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str(&vm.repr(item)?);
        }
        out.push(']');
        Ok(out)
    })();
    vm.repr_stack.pop();
    vm.leave_native();
    let body = body?;
    let name = short_name(this);
    Ok(Value::str(match maxlen {
        Some(m) => format!("{name}({body}, maxlen={m})"),
        None => format!("{name}({body})"),
    }))
}
