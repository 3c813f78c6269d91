//! The methods of `tuple` and `range`: `index`, `count` and the sequence dunders.

use super::list_methods::{repeat_count, rich_cmp};
use crate::bytecode::Compare;
use crate::native::{index_bounds, receiver, Sig};
use crate::object::function::Args;
use crate::object::iterator::IterState;
use crate::object::{Range, Tuple, Value};
use crate::vm::{PyResult, Vm};
use std::rc::Rc;

pub fn register(vm: &mut Vm) {
    let c = vm.types.tuple.clone();
    let methods: &[(&'static str, crate::object::NativeFn)] = &[
        ("index", tuple_index),
        ("count", tuple_count),
        ("__len__", tuple_len),
        ("__getitem__", tuple_getitem),
        ("__contains__", tuple_contains),
        ("__iter__", tuple_iter),
        ("__add__", tuple_add),
        ("__mul__", tuple_mul),
        ("__rmul__", tuple_mul),
        ("__hash__", tuple_hash),
        ("__repr__", tuple_repr),
        ("__getnewargs__", tuple_getnewargs),
    ];
    crate::native::add_method_tables(vm, &c, &[methods, TUPLE_COMPARE]);
    let c = vm.types.range.clone();
    let methods: &[(&'static str, crate::object::NativeFn)] = &[
        ("index", range_index),
        ("count", range_count),
        ("__reversed__", range_reversed),
        ("__len__", range_len),
        ("__getitem__", range_getitem),
        ("__contains__", range_contains),
        ("__iter__", range_iter),
        ("__bool__", range_bool),
        ("__hash__", range_hash),
        ("__repr__", range_repr),
    ];
    crate::native::add_method_tables(vm, &c, &[methods, RANGE_COMPARE]);
}

fn tuple_this<'a>(
    vm: &Vm,
    args: &Args<'a>,
    name: &str,
    sig: Sig,
) -> PyResult<(Rc<Tuple>, &'a [Value])> {
    receiver(vm, ("tuple", name), sig, args, |v| match v {
        Value::Tuple(t) => Some(t.clone()),
        _ => None,
    })
}

fn tuple_index(vm: &mut Vm, args: Args) -> PyResult {
    let (t, rest) = tuple_this(vm, &args, "index", Sig::Range(1, 3))?;
    let (start, stop) = index_bounds(vm, rest, t.len())?;
    let x = &rest[0];
    for i in start..stop.min(t.len()) {
        let item = &t.items[i];
        if item.is(x) || vm.eq(item, x)? {
            return Ok(Value::Int(i as i64));
        }
    }
    Err(vm.value_error("tuple.index(x): x not in tuple"))
}

fn tuple_count(vm: &mut Vm, args: Args) -> PyResult {
    let (t, rest) = tuple_this(vm, &args, "count", Sig::One)?;
    let mut n = 0;
    for item in t.items.iter() {
        if item.is(&rest[0]) || vm.eq(item, &rest[0])? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

fn tuple_len(vm: &mut Vm, args: Args) -> PyResult {
    let (t, _) = tuple_this(vm, &args, "__len__", Sig::Wrapper(0))?;
    Ok(Value::Int(t.len() as i64))
}

fn tuple_getitem(vm: &mut Vm, args: Args) -> PyResult {
    let (_, rest) = tuple_this(vm, &args, "__getitem__", Sig::One)?;
    if let Value::BigInt(_) = rest[0] {
        return Err(vm.index_error("cannot fit 'int' into an index-sized integer"));
    }
    vm.get_item(&args.values[0], &rest[0])
}

fn tuple_contains(vm: &mut Vm, args: Args) -> PyResult {
    let (_, rest) = tuple_this(vm, &args, "__contains__", Sig::Wrapper(1))?;
    Ok(Value::bool(vm.contains(&args.values[0], &rest[0])?))
}

fn tuple_iter(vm: &mut Vm, args: Args) -> PyResult {
    tuple_this(vm, &args, "__iter__", Sig::Wrapper(0))?;
    vm.get_iter(&args.values[0])
}

fn tuple_add(vm: &mut Vm, args: Args) -> PyResult {
    let (t, rest) = tuple_this(vm, &args, "__add__", Sig::Wrapper(1))?;
    match &rest[0] {
        Value::Tuple(other) => {
            let mut items = t.items.to_vec();
            items.extend(other.items.iter().cloned());
            Ok(Value::tuple(items))
        }
        other => Err(vm.type_error(format!(
            "can only concatenate tuple (not \"{}\") to tuple",
            vm.type_name(other)
        ))),
    }
}

fn tuple_mul(vm: &mut Vm, args: Args) -> PyResult {
    tuple_this(vm, &args, "__mul__", Sig::Wrapper(1))?;
    let n = repeat_count(vm, &args.values[1])?;
    vm.binary_op(args.values[0].clone(), n, crate::operator::BinOp::Mult)
}

fn tuple_hash(vm: &mut Vm, args: Args) -> PyResult {
    tuple_this(vm, &args, "__hash__", Sig::Wrapper(0))?;
    Ok(Value::Int(vm.hash(&args.values[0])?))
}

fn tuple_repr(vm: &mut Vm, args: Args) -> PyResult {
    tuple_this(vm, &args, "__repr__", Sig::Wrapper(0))?;
    Ok(Value::str(vm.repr(&args.values[0])?))
}

fn tuple_getnewargs(vm: &mut Vm, args: Args) -> PyResult {
    let (t, _) = tuple_this(vm, &args, "__getnewargs__", Sig::NoArgs)?;
    Ok(Value::tuple(vec![Value::tuple(t.items.to_vec())]))
}

fn is_tuple(v: &Value) -> bool {
    matches!(v, Value::Tuple(_))
}

fn is_range(v: &Value) -> bool {
    matches!(v, Value::Range(_))
}

fn tuple_cmp(vm: &mut Vm, args: &Args, op: Compare) -> PyResult {
    rich_cmp(vm, args, "tuple", op, is_tuple)
}

crate::native::rich_compare_methods!(tuple_cmp => TUPLE_COMPARE;
    tuple_eq, tuple_ne, tuple_lt, tuple_le, tuple_gt, tuple_ge);

fn range_this<'a>(
    vm: &Vm,
    args: &Args<'a>,
    name: &str,
    sig: Sig,
) -> PyResult<(Rc<Range>, &'a [Value])> {
    receiver(vm, ("range", name), sig, args, |v| match v {
        Value::Range(r) => Some(r.clone()),
        _ => None,
    })
}

/// Position of an int in the range, or None.
fn range_position(r: &Range, v: &Value) -> Option<i64> {
    let i = match v {
        Value::Int(i) => *i,
        Value::Bool(b) => b.get() as i64,
        _ => return None,
    };
    let (i, start, stop, step) = (i as i128, r.start as i128, r.stop as i128, r.step as i128);
    let inside = if step > 0 {
        i >= start && i < stop
    } else {
        i <= start && i > stop
    };
    if inside && (i - start) % step == 0 {
        Some(((i - start) / step) as i64)
    } else {
        None
    }
}

/// `_PySequence_IterSearch` over the range's values, for non-int arguments.
fn range_scan(vm: &mut Vm, r: &Range, x: &Value, count: bool) -> PyResult<Option<i64>> {
    let mut n = 0;
    for k in 0..r.len() {
        if vm.eq(&Value::Int(r.get(k)), x)? {
            if !count {
                return Ok(Some(k));
            }
            n += 1;
        }
    }
    Ok(if count { Some(n) } else { None })
}

fn is_exact_int(v: &Value) -> bool {
    matches!(v, Value::Int(_) | Value::BigInt(_) | Value::Bool(_))
}

fn range_index(vm: &mut Vm, args: Args) -> PyResult {
    let (r, rest) = range_this(vm, &args, "index", Sig::One)?;
    let x = &rest[0];
    if !is_exact_int(x) {
        return match range_scan(vm, &r, x, false)? {
            Some(k) => Ok(Value::Int(k)),
            None => Err(vm.value_error("sequence.index(x): x not in sequence")),
        };
    }
    match range_position(&r, x) {
        Some(k) => Ok(Value::Int(k)),
        None => {
            let s = vm.repr(x)?;
            Err(vm.value_error(format!("{s} is not in range")))
        }
    }
}

fn range_count(vm: &mut Vm, args: Args) -> PyResult {
    let (r, rest) = range_this(vm, &args, "count", Sig::One)?;
    let x = &rest[0];
    if is_exact_int(x) {
        return Ok(Value::Int(range_position(&r, x).is_some() as i64));
    }
    Ok(Value::Int(range_scan(vm, &r, x, true)?.unwrap_or(0)))
}

fn range_reversed(vm: &mut Vm, args: Args) -> PyResult {
    let (r, _) = range_this(vm, &args, "__reversed__", Sig::NoArgs)?;
    let len = r.len();
    let last = if len > 0 { r.get(len - 1) } else { r.start };
    let class = vm.types.range_iterator.clone();
    Ok(vm.new_iterator(
        &class,
        IterState::Range {
            next: last,
            step: r.step.wrapping_neg(),
            remaining: len,
        },
    ))
}

fn range_len(vm: &mut Vm, args: Args) -> PyResult {
    let (r, _) = range_this(vm, &args, "__len__", Sig::Wrapper(0))?;
    Ok(Value::Int(r.len()))
}

fn range_getitem(vm: &mut Vm, args: Args) -> PyResult {
    let (_, rest) = range_this(vm, &args, "__getitem__", Sig::One)?;
    vm.get_item(&args.values[0], &rest[0])
}

fn range_contains(vm: &mut Vm, args: Args) -> PyResult {
    let (r, rest) = range_this(vm, &args, "__contains__", Sig::Wrapper(1))?;
    if is_exact_int(&rest[0]) {
        return Ok(Value::bool(range_position(&r, &rest[0]).is_some()));
    }
    Ok(Value::bool(vm.contains(&args.values[0], &rest[0])?))
}

fn range_iter(vm: &mut Vm, args: Args) -> PyResult {
    range_this(vm, &args, "__iter__", Sig::Wrapper(0))?;
    vm.get_iter(&args.values[0])
}

fn range_bool(vm: &mut Vm, args: Args) -> PyResult {
    let (r, _) = range_this(vm, &args, "__bool__", Sig::Wrapper(0))?;
    Ok(Value::bool(!r.is_empty()))
}

fn range_hash(vm: &mut Vm, args: Args) -> PyResult {
    range_this(vm, &args, "__hash__", Sig::Wrapper(0))?;
    Ok(Value::Int(vm.hash(&args.values[0])?))
}

fn range_repr(vm: &mut Vm, args: Args) -> PyResult {
    range_this(vm, &args, "__repr__", Sig::Wrapper(0))?;
    Ok(Value::str(vm.repr(&args.values[0])?))
}

/// Ranges only define equality; ordering comparisons return NotImplemented.
fn range_cmp(vm: &mut Vm, args: &Args, op: Compare) -> PyResult {
    let name = op.dunder();
    let (_, rest) = range_this(vm, args, name, Sig::Wrapper(1))?;
    if !matches!(op, Compare::Eq | Compare::Ne) || !is_range(&rest[0]) {
        return Ok(Value::NotImplemented);
    }
    vm.rich_compare(&args.values[0], &rest[0], op)
}

crate::native::rich_compare_methods!(range_cmp => RANGE_COMPARE;
    range_eq, range_ne, range_lt, range_le, range_gt, range_ge);
