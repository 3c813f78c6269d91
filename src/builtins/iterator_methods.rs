//! `__iter__` and `__next__` of the built-in iterator types (`list_iterator`,
//! `dict_keyiterator`, `range_iterator`, `zip`, ...), so `it.__next__()` works, and
//! `__length_hint__` on those that know how much is left, as in CPython.

use crate::native::add_method;
use crate::native::{method_args, Sig};
use crate::object::function::Args;
use crate::object::iterator::IterState;
use crate::object::{Payload, Value};
use crate::vm::{PyResult, Vm};

pub fn register(vm: &mut Vm) {
    let t = &vm.types;
    let classes = [
        t.list_iterator.clone(),
        t.tuple_iterator.clone(),
        t.str_iterator.clone(),
        t.bytes_iterator.clone(),
        t.range_iterator.clone(),
        t.dict_keyiterator.clone(),
        t.dict_valueiterator.clone(),
        t.dict_itemiterator.clone(),
        t.set_iterator.clone(),
        t.reversed.clone(),
        t.enumerate.clone(),
        t.zip.clone(),
        t.map.clone(),
        t.filter.clone(),
        t.callable_iterator.clone(),
        t.iterator.clone(),
        t.list_reverseiterator.clone(),
        t.dict_reversekeyiterator.clone(),
        t.dict_reversevalueiterator.clone(),
        t.dict_reverseitemiterator.clone(),
    ];
    for c in classes {
        add_method(vm, &c, "__iter__", iter);
        add_method(vm, &c, "__next__", next);
    }
    let t = &vm.types;
    let sized = [
        t.list_iterator.clone(),
        t.tuple_iterator.clone(),
        t.str_iterator.clone(),
        t.bytes_iterator.clone(),
        t.range_iterator.clone(),
        t.reversed.clone(),
        t.list_reverseiterator.clone(),
    ];
    for c in sized {
        add_method(vm, &c, "__length_hint__", length_hint);
    }
}

/// What is left to iterate: for a sequence, its length now less the position (a list
/// may have grown or shrunk since).
fn length_hint(vm: &mut Vm, args: Args) -> PyResult {
    let it = this(vm, &args, "__length_hint__", 0)?.clone();
    let Value::Object(o) = &it else {
        return Ok(Value::Int(0));
    };
    let Payload::Iter(state) = &o.payload else {
        return Ok(Value::Int(0));
    };
    let (seq, position) = match &*state.borrow() {
        IterState::Seq { seq, index } => (seq.clone(), *index),
        IterState::Range { remaining, .. } => return Ok(Value::Int((*remaining).max(0))),
        IterState::Reversed { seq, index } => {
            // Counting down from `index`: as many as are still in the sequence.
            let (seq, index) = (seq.clone(), *index);
            let len = vm.len(&seq)?;
            return Ok(Value::Int(index.min(len) as i64));
        }
        _ => return Ok(Value::Int(0)),
    };
    let len = vm.len(&seq)?;
    Ok(Value::Int(len.saturating_sub(position) as i64))
}

fn this<'a>(vm: &Vm, args: &Args<'a>, name: &str, n: usize) -> PyResult<&'a Value> {
    match args.pos().first() {
        Some(v @ Value::Object(o)) if matches!(o.payload, Payload::Iter(_)) => {
            method_args(vm, ("", name), Sig::Wrapper(n), args)?;
            Ok(v)
        }
        Some(v) => Err(vm.type_error(format!(
            "descriptor '{name}' requires an iterator object but received a '{}'",
            vm.type_name(v)
        ))),
        None => Err(vm.type_error(format!("descriptor '{name}' needs an argument"))),
    }
}

fn iter(vm: &mut Vm, args: Args) -> PyResult {
    Ok(this(vm, &args, "__iter__", 0)?.clone())
}

fn next(vm: &mut Vm, args: Args) -> PyResult {
    let it = this(vm, &args, "__next__", 0)?.clone();
    match vm.iter_next(&it)? {
        Some(v) => Ok(v),
        None => Err(vm.stop_iteration(Value::None)),
    }
}
