//! The common cases of instructions that live in `exec_cold`, done in the hot loop.
//!
//! Subscripts, unpacking and tuple building are rare in the instruction mix of the
//! programs the hot loop was first tuned for (calls and int arithmetic), but ordinary
//! object-oriented and numeric code runs them constantly (`p[0]`, `a, b = t`,
//! `return (x, y)`). Each function here handles the shapes whose result cannot run
//! Python code or raise — an in-bounds int index into a list or tuple, a tuple or list
//! of the exact length — straight on the value stack, and reports whether it did. When
//! it did not, the stack is untouched and the instruction takes the full path, which
//! also produces every error message.

use crate::bytecode::Instr;
use crate::object::frame::Frame;
use crate::object::iterator::{DictView, IterState};
use crate::object::{Payload, Value};

/// `BINARY_SUBSCR` (`container[key]`) on a list or tuple with an in-range int key, or on
/// a dict holding a string key.
#[inline(always)]
pub(super) fn binary_subscr(stack: &mut Vec<Value>) -> bool {
    let len = stack.len();
    let i = match &stack[len - 1] {
        Value::Int(i) => *i,
        // `d["name"]` on a dict holding the key: strings compare without Python code.
        Value::Str(key) => {
            let Value::Dict(d) = &stack[len - 2] else {
                return false;
            };
            let Some(item) = d.table.try_borrow().ok().and_then(|t| {
                let pos = t.exact_str_position(key.as_str(), key.hash())??;
                Some(t.value_at(pos).clone())
            }) else {
                return false;
            };
            drop(stack.pop());
            drop(std::mem::replace(&mut stack[len - 2], item));
            return true;
        }
        _ => return false,
    };
    let item = match &stack[len - 2] {
        Value::List(l) => {
            let Ok(items) = l.items.try_borrow() else {
                return false;
            };
            match seq_position(i, items.len()) {
                Some(p) => items[p].clone(),
                None => return false,
            }
        }
        Value::Tuple(t) => match seq_position(i, t.items.len()) {
            Some(p) => t.items[p].clone(),
            None => return false,
        },
        _ => return false,
    };
    // The key is an int: nothing to drop.
    std::mem::forget(stack.pop());
    let container = std::mem::replace(&mut stack[len - 2], item);
    drop(container);
    true
}

/// `STORE_SUBSCR` (`list[i] = value`) on a list with an in-range int index.
#[inline(always)]
pub(super) fn store_subscr(stack: &mut Vec<Value>) -> bool {
    let len = stack.len();
    let p = match (&stack[len - 1], &stack[len - 2]) {
        (Value::Int(i), Value::List(l)) => match l.items.try_borrow_mut() {
            Ok(items) => seq_position(*i, items.len()),
            Err(_) => None,
        },
        _ => None,
    };
    let Some(p) = p else {
        return false;
    };
    let value = std::mem::take(&mut stack[len - 3]);
    let Value::List(l) = &stack[len - 2] else {
        unreachable!("checked above")
    };
    let old = std::mem::replace(&mut l.items.borrow_mut()[p], value);
    // The replaced item goes first, then the list, as in CPython (observable through
    // `__del__`); the key is an int and the value's slot is now Null.
    drop(old);
    std::mem::forget(stack.pop());
    let list = stack.pop();
    std::mem::forget(stack.pop());
    drop(list);
    true
}

/// `UNPACK_SEQUENCE n` of a tuple or list of exactly `n` items: pushed last item first.
#[inline(always)]
pub(super) fn unpack_sequence(stack: &mut Vec<Value>, n: usize) -> bool {
    let seq = stack.pop().unwrap_or_default();
    match &seq {
        Value::Tuple(t) if t.items.len() == n => {
            stack.reserve(n);
            for v in t.items.iter().rev() {
                stack.push(v.clone());
            }
        }
        Value::List(l) if l.items.try_borrow().is_ok_and(|items| items.len() == n) => {
            stack.reserve(n);
            for v in l.items.borrow().iter().rev() {
                stack.push(v.clone());
            }
        }
        _ => {
            stack.push(seq);
            return false;
        }
    }
    drop(seq);
    true
}

/// `UNPACK_SEQUENCE n` of a tuple or list of exactly `n` items followed by `n`
/// `STORE_FAST`s (`a, b = t`, `for k, v in items`): the items go straight into the
/// locals and the stores are skipped.
#[inline(always)]
pub(super) fn unpack_into_locals(frame: &mut Frame, next: &[Instr], n: usize) -> bool {
    let Some(stores) = next.get(..n) else {
        return false;
    };
    if !stores.iter().all(|s| matches!(s, Instr::StoreFast(_))) {
        return false;
    }
    let Some(seq) = frame.stack.last() else {
        return false;
    };
    // Replaced locals are dropped while the list is borrowed: a drop runs no Python
    // code (finalizers wait for the next safe point), so nothing can change the list.
    let mut list_items = None;
    let items: &[Value] = match seq {
        Value::Tuple(t) => &t.items,
        Value::List(l) => match l.items.try_borrow() {
            Ok(items) => list_items.insert(items),
            Err(_) => return false,
        },
        _ => return false,
    };
    if items.len() != n {
        return false;
    }
    for (store, item) in stores.iter().zip(items) {
        if let Instr::StoreFast(j) = *store {
            let old = std::mem::replace(&mut frame.locals[j as usize], item.clone());
            old.discard();
        }
    }
    drop(list_items);
    drop(frame.stack.pop());
    true
}

/// `BUILD_TUPLE n`: the top `n` values moved into a new tuple.
#[inline(always)]
pub(super) fn build_tuple(stack: &mut Vec<Value>, n: usize) {
    let items: Vec<Value> = stack.drain(stack.len() - n..).collect();
    stack.push(Value::tuple(items));
}

/// What [`for_iter_next`] found.
pub(super) enum Next {
    One(Value),
    /// An `enumerate` or `dict.items()` pair, not yet a tuple: a loop that unpacks it
    /// (`for i, x in enumerate(xs)`) never needs one.
    Pair(Value, Value),
    /// The iterator is exhausted (it has let go of its sequence, as the full path does).
    Done,
}

/// `FOR_ITER` over the iterators ordinary loops use: of a list, a tuple, a range, a
/// dict or a view of one, and `enumerate` over the first three. None for every other
/// iterator, and whenever the full path must decide (a dict changed size).
#[inline(always)]
pub(super) fn for_iter_next(stack: &[Value]) -> Option<Next> {
    let Some(Value::Object(o)) = stack.last() else {
        return None;
    };
    let Payload::Iter(cell) = &o.payload else {
        return None;
    };
    let mut st = cell.try_borrow_mut().ok()?;
    let next = match &mut *st {
        IterState::Enumerate { iter, count } => {
            let Value::Int(n) = *count else {
                return None;
            };
            let after = n.checked_add(1)?;
            let Value::Object(inner) = iter else {
                return None;
            };
            let Payload::Iter(inner) = &inner.payload else {
                return None;
            };
            let mut inner = inner.try_borrow_mut().ok()?;
            match step_simple(&mut inner)? {
                Some(v) => {
                    *count = Value::Int(after);
                    return Some(Next::Pair(Value::Int(n), v));
                }
                None => {
                    let done = std::mem::replace(&mut *inner, IterState::Exhausted);
                    drop(inner);
                    drop(done);
                    None
                }
            }
        }
        IterState::Dict {
            dict,
            view,
            pos,
            version,
        } => {
            let table = dict.table.try_borrow().ok()?;
            if table.version() != *version {
                return None;
            }
            match table.next_entry(pos) {
                Some((k, v)) => {
                    return Some(match view {
                        DictView::Keys => Next::One(k.clone()),
                        DictView::Values => Next::One(v.clone()),
                        DictView::Items => Next::Pair(k.clone(), v.clone()),
                    })
                }
                None => None,
            }
        }
        other => step_simple(other)?,
    };
    match next {
        Some(v) => Some(Next::One(v)),
        None => {
            let done = std::mem::replace(&mut *st, IterState::Exhausted);
            drop(st);
            drop(done);
            Some(Next::Done)
        }
    }
}

/// One step of a list, tuple or range iterator: Some(None) when exhausted (the caller
/// marks it so), None for any other kind.
#[inline(always)]
fn step_simple(st: &mut IterState) -> Option<Option<Value>> {
    match st {
        IterState::Seq { seq, index } => {
            let item = match seq {
                Value::List(l) => l.items.try_borrow().ok()?.get(*index).cloned(),
                Value::Tuple(t) => t.items.get(*index).cloned(),
                _ => return None,
            };
            if item.is_some() {
                *index += 1;
            }
            Some(item)
        }
        range @ IterState::Range { .. } => Some(range.range_next().map(Value::Int)),
        _ => None,
    }
}

/// The position `i` names in a sequence of `len` items (negative from the end).
#[inline(always)]
fn seq_position(i: i64, len: usize) -> Option<usize> {
    let p = if i < 0 { i + len as i64 } else { i };
    (0..len as i64).contains(&p).then_some(p as usize)
}

/// A slice bound (`None` or an int) clamped to `0..=len`, as `slice.indices` does for
/// a step of 1; None for any other bound (it takes the general path).
#[inline(always)]
fn slice_bound(v: &Value, len: usize, default: usize) -> Option<usize> {
    match v {
        Value::None => Some(default),
        Value::Int(i) if *i < 0 => Some(i.saturating_add(len as i64).max(0) as usize),
        Value::Int(i) => Some((*i as usize).min(len)),
        _ => None,
    }
}

/// The `start..stop` of `seq[start:stop]` on a sequence of `len` items (empty when
/// stop comes first).
#[inline(always)]
fn slice_range(start: &Value, stop: &Value, len: usize) -> Option<std::ops::Range<usize>> {
    let s = slice_bound(start, len, 0)?;
    let e = slice_bound(stop, len, len)?;
    Some(s..e.max(s))
}

/// `BUILD_SLICE 2` then `BINARY_SUBSCR` (`seq[a:b]`) on an exact str (ASCII), bytes,
/// bytearray, list or tuple with int or None bounds: the part is taken at once,
/// without the slice object and the `__getitem__` call (CPython 3.12 has
/// `BINARY_SLICE` for the same reason). Stack: container, start, stop → the part.
pub(super) fn slice_subscr(vm: &super::Vm, stack: &mut Vec<Value>) -> bool {
    let len = stack.len();
    let (start, stop) = (&stack[len - 2], &stack[len - 1]);
    let part = match &stack[len - 3] {
        Value::Bytes(b) => {
            let Some(r) = slice_range(start, stop, b.data.len()) else {
                return false;
            };
            if r.start == 0 && r.end == b.data.len() {
                Value::Bytes(b.clone())
            } else {
                Value::Bytes(std::rc::Rc::new(crate::object::string::PyBytes::new(
                    b.data[r].to_vec(),
                )))
            }
        }
        Value::Str(s) if s.is_ascii() => {
            let Some(r) = slice_range(start, stop, s.as_str().len()) else {
                return false;
            };
            if r.start == 0 && r.end == s.as_str().len() {
                Value::Str(s.clone())
            } else {
                Value::str(&s.as_str()[r])
            }
        }
        Value::List(l) => {
            let Ok(items) = l.items.try_borrow() else {
                return false;
            };
            let Some(r) = slice_range(start, stop, items.len()) else {
                return false;
            };
            Value::list(items[r].to_vec())
        }
        Value::Tuple(t) => {
            let Some(r) = slice_range(start, stop, t.items.len()) else {
                return false;
            };
            if r.start == 0 && r.end == t.items.len() {
                Value::Tuple(t.clone())
            } else {
                Value::tuple(t.items[r].to_vec())
            }
        }
        // A bytearray (whose type lives in `builtins`) answers through its native state.
        Value::Object(o) if std::rc::Rc::ptr_eq(&o.class, &vm.types.bytearray) => {
            let Payload::Native(state) = &o.payload else {
                return false;
            };
            let Some(part) = state.slice(vm, &|len| slice_range(start, stop, len)) else {
                return false;
            };
            part
        }
        _ => return false,
    };
    // The bounds are ints or None: nothing to run when they drop.
    stack.truncate(len - 2);
    drop(std::mem::replace(&mut stack[len - 3], part));
    true
}

/// `BUILD_SLICE 2` then `DELETE_SUBSCR` (`del buf[a:b]`) on an exact bytearray no
/// memoryview exports, with int or None bounds: the bytes go at once. Stack:
/// container, start, stop → (nothing).
pub(super) fn slice_delete(vm: &super::Vm, stack: &mut Vec<Value>) -> bool {
    let len = stack.len();
    let Value::Object(o) = &stack[len - 3] else {
        return false;
    };
    if !std::rc::Rc::ptr_eq(&o.class, &vm.types.bytearray) {
        return false;
    }
    let Payload::Native(state) = &o.payload else {
        return false;
    };
    let (start, stop) = (&stack[len - 2], &stack[len - 1]);
    if !state.delete_slice(&|n| slice_range(start, stop, n)) {
        return false;
    }
    stack.truncate(len - 3);
    true
}
