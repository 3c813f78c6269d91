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
use crate::object::Value;

/// `BINARY_SUBSCR` (`container[key]`) on a list or tuple with an in-range int key.
#[inline(always)]
pub(super) fn binary_subscr(stack: &mut Vec<Value>) -> bool {
    let len = stack.len();
    let Value::Int(i) = stack[len - 1] else {
        return false;
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
    let seq = frame.stack.pop().unwrap_or_default();
    let fits = match &seq {
        Value::Tuple(t) => t.items.len() == n,
        Value::List(l) => l.items.try_borrow().is_ok_and(|items| items.len() == n),
        _ => false,
    };
    if !fits {
        frame.stack.push(seq);
        return false;
    }
    for (k, store) in stores.iter().enumerate() {
        let Instr::StoreFast(j) = *store else {
            unreachable!("checked above")
        };
        let item = match &seq {
            Value::Tuple(t) => t.items[k].clone(),
            Value::List(l) => l.items.borrow()[k].clone(),
            _ => unreachable!("checked above"),
        };
        let old = std::mem::replace(&mut frame.locals[j as usize], item);
        old.discard();
    }
    drop(seq);
    true
}

/// `BUILD_TUPLE n`: the top `n` values moved into a new tuple.
#[inline(always)]
pub(super) fn build_tuple(stack: &mut Vec<Value>, n: usize) {
    let items: Vec<Value> = stack.drain(stack.len() - n..).collect();
    stack.push(Value::tuple(items));
}

/// The position `i` names in a sequence of `len` items (negative from the end).
#[inline(always)]
fn seq_position(i: i64, len: usize) -> Option<usize> {
    let p = if i < 0 { i + len as i64 } else { i };
    (0..len as i64).contains(&p).then_some(p as usize)
}
