//! The methods of `list`, including the dunders (so `list.__getitem__(l, 0)` and
//! `l.__iadd__(x)` work when called explicitly; operators on lists never go through them).

use crate::bytecode::Compare;
use crate::memory;
use crate::native::{index_bounds, method_args, receiver, self_error, ssize, Sig};
use crate::object::function::Args;
use crate::object::iterator::IterState;
use crate::object::{List, Value};
use crate::vm::{PyResult, Vm};
use std::rc::Rc;

const TY: &str = "list";

/// `self` as a list and the remaining arguments, checked against `sig`.
fn this<'a>(vm: &Vm, args: &Args<'a>, name: &str, sig: Sig) -> PyResult<(Rc<List>, &'a [Value])> {
    receiver(vm, (TY, name), sig, args, |v| match v {
        Value::List(l) => Some(l.clone()),
        _ => None,
    })
}

pub fn register(vm: &mut Vm) {
    let c = vm.types.list.clone();
    let methods: &[(&'static str, crate::object::NativeFn)] = &[
        ("__init__", init),
        ("append", append),
        ("extend", extend),
        ("insert", insert),
        ("pop", pop),
        ("remove", remove),
        ("index", index),
        ("count", count),
        ("sort", sort),
        ("reverse", reverse),
        ("copy", copy),
        ("clear", clear),
        ("__len__", dunder_len),
        ("__getitem__", dunder_getitem),
        ("__setitem__", dunder_setitem),
        ("__delitem__", dunder_delitem),
        ("__contains__", dunder_contains),
        ("__iter__", dunder_iter),
        ("__reversed__", dunder_reversed),
        ("__add__", dunder_add),
        ("__iadd__", dunder_iadd),
        ("__mul__", dunder_mul),
        ("__rmul__", dunder_mul),
        ("__imul__", dunder_imul),
        ("__repr__", dunder_repr),
    ];
    crate::native::add_method_tables(vm, &c, &[methods, RICH_COMPARE]);
    let key = vm.intern("__hash__");
    c.dict.borrow_mut().set_str(key, Value::None);
}

fn append(vm: &mut Vm, args: Args) -> PyResult {
    let (l, rest) = this(vm, &args, "append", Sig::One)?;
    memory::push(&mut l.items.borrow_mut(), rest[0].clone()).map_err(|_| vm.memory_error())?;
    Ok(Value::None)
}

/// `extend(iterable)`. A list or tuple is copied at once (so `l.extend(l)` works);
/// any other iterable is appended item by item, as CPython does, so what an iterator
/// produced before it raised stays in the list.
fn extend(vm: &mut Vm, args: Args) -> PyResult {
    let (l, rest) = this(vm, &args, "extend", Sig::One)?;
    if matches!(rest[0], Value::List(_) | Value::Tuple(_)) {
        let items = vm.collect_iterable(&rest[0])?;
        let mut list = l.items.borrow_mut();
        memory::reserve(&mut list, items.len()).map_err(|_| vm.memory_error())?;
        list.extend(items);
        return Ok(Value::None);
    }
    let it = vm.get_iter(&rest[0])?;
    while let Some(v) = vm.iter_next(&it)? {
        memory::push(&mut l.items.borrow_mut(), v).map_err(|_| vm.memory_error())?;
    }
    Ok(Value::None)
}

fn insert(vm: &mut Vm, args: Args) -> PyResult {
    let (l, rest) = this(vm, &args, "insert", Sig::Range(2, 2))?;
    let i = ssize(vm, &rest[0])?;
    let mut items = l.items.borrow_mut();
    let n = items.len() as i64;
    let at = if i < 0 {
        (i.saturating_add(n)).max(0)
    } else {
        i.min(n)
    };
    memory::reserve(&mut items, 1).map_err(|_| vm.memory_error())?;
    items.insert(at as usize, rest[1].clone());
    Ok(Value::None)
}

fn pop(vm: &mut Vm, args: Args) -> PyResult {
    let (l, rest) = this(vm, &args, "pop", Sig::Range(0, 1))?;
    let i = match rest.first() {
        Some(v) => ssize(vm, v)?,
        None => -1,
    };
    let mut items = l.items.borrow_mut();
    if items.is_empty() {
        return Err(vm.index_error("pop from empty list"));
    }
    let n = items.len() as i64;
    let at = if i < 0 { i.saturating_add(n) } else { i };
    if at < 0 || at >= n {
        return Err(vm.index_error("pop index out of range"));
    }
    Ok(items.remove(at as usize))
}

/// The item at `i` of the live list, if the list is still that long (comparisons may
/// shrink it).
fn item_at(l: &List, i: usize) -> Option<Value> {
    l.items.borrow().get(i).cloned()
}

fn same(vm: &mut Vm, item: &Value, x: &Value) -> PyResult<bool> {
    Ok(item.is(x) || vm.eq(item, x)?)
}

fn remove(vm: &mut Vm, args: Args) -> PyResult {
    let (l, rest) = this(vm, &args, "remove", Sig::One)?;
    let x = &rest[0];
    let mut i = 0;
    while let Some(item) = item_at(&l, i) {
        if same(vm, &item, x)? {
            let mut items = l.items.borrow_mut();
            if i < items.len() {
                let old = items.remove(i);
                drop(items);
                drop(old);
            }
            return Ok(Value::None);
        }
        i += 1;
    }
    Err(vm.value_error("list.remove(x): x not in list"))
}

fn index(vm: &mut Vm, args: Args) -> PyResult {
    let (l, rest) = this(vm, &args, "index", Sig::Range(1, 3))?;
    let (start, stop) = index_bounds(vm, rest, l.len())?;
    let x = &rest[0];
    let mut i = start;
    while i < stop {
        let Some(item) = item_at(&l, i) else { break };
        if same(vm, &item, x)? {
            return Ok(Value::Int(i as i64));
        }
        i += 1;
    }
    let r = vm.repr(x)?;
    Err(vm.value_error(format!("{r} is not in list")))
}

fn count(vm: &mut Vm, args: Args) -> PyResult {
    let (l, rest) = this(vm, &args, "count", Sig::One)?;
    let mut n = 0;
    let mut i = 0;
    while let Some(item) = item_at(&l, i) {
        if same(vm, &item, &rest[0])? {
            n += 1;
        }
        i += 1;
    }
    Ok(Value::Int(n))
}

/// `list.sort(*, key=None, reverse=False)`. As in CPython the list is empty while it is
/// being sorted (key functions and comparisons see `[]`), and a list mutated meanwhile
/// raises ValueError after the sort, keeping the sorted items.
fn sort(vm: &mut Vm, args: Args) -> PyResult {
    let Some(Value::List(l)) = args.pos().first() else {
        return Err(self_error(vm, (TY, "sort"), Sig::NoArgs, &args));
    };
    let l = l.clone();
    if args.pos().len() > 1 {
        return Err(vm.type_error("sort() takes no positional arguments"));
    }
    let mut key = Value::None;
    let mut reverse = false;
    for (k, v) in args.kw() {
        match k {
            "key" => key = v.clone(),
            "reverse" => reverse = super::sort::int_flag(vm, v)?,
            _ => {
                return Err(
                    vm.type_error(format!("'{k}' is an invalid keyword argument for sort()"))
                )
            }
        }
    }
    let mut items = std::mem::take(&mut *l.items.borrow_mut());
    let result = vm.sort_with(&mut items, &key, reverse);
    // The list held an unallocated vector during the sort: any growth allocated one
    // (shrinking operations keep their allocation), like CPython's `allocated != -1`.
    let mutated = std::mem::replace(&mut *l.items.borrow_mut(), items);
    let was_mutated = mutated.capacity() > 0;
    drop(mutated);
    result?;
    if was_mutated {
        return Err(vm.value_error("list modified during sort"));
    }
    Ok(Value::None)
}

fn reverse(vm: &mut Vm, args: Args) -> PyResult {
    let (l, _) = this(vm, &args, "reverse", Sig::NoArgs)?;
    l.items.borrow_mut().reverse();
    Ok(Value::None)
}

fn copy(vm: &mut Vm, args: Args) -> PyResult {
    let (l, _) = this(vm, &args, "copy", Sig::NoArgs)?;
    let items = l.items.borrow().clone();
    Ok(Value::list(items))
}

fn clear(vm: &mut Vm, args: Args) -> PyResult {
    let (l, _) = this(vm, &args, "clear", Sig::NoArgs)?;
    // Drained rather than replaced: keeping the allocation is how `sort` notices a list
    // that was filled and cleared while it was being sorted.
    let old: Vec<Value> = l.items.borrow_mut().drain(..).collect();
    drop(old);
    Ok(Value::None)
}

fn dunder_len(vm: &mut Vm, args: Args) -> PyResult {
    let (l, _) = this(vm, &args, "__len__", Sig::Wrapper(0))?;
    Ok(Value::Int(l.len() as i64))
}

fn dunder_getitem(vm: &mut Vm, args: Args) -> PyResult {
    let (_, rest) = this(vm, &args, "__getitem__", Sig::One)?;
    let key = rest[0].clone();
    if let Value::BigInt(_) = key {
        return Err(vm.index_error("cannot fit 'int' into an index-sized integer"));
    }
    vm.get_item(&args.values[0], &key)
}

fn dunder_setitem(vm: &mut Vm, args: Args) -> PyResult {
    let (_, rest) = this(vm, &args, "__setitem__", Sig::WrapperRange(2, 2))?;
    vm.set_item(&args.values[0], rest[0].clone(), rest[1].clone())?;
    Ok(Value::None)
}

fn dunder_delitem(vm: &mut Vm, args: Args) -> PyResult {
    let (_, rest) = this(vm, &args, "__delitem__", Sig::Wrapper(1))?;
    vm.del_item(&args.values[0], &rest[0])?;
    Ok(Value::None)
}

fn dunder_contains(vm: &mut Vm, args: Args) -> PyResult {
    let (_, rest) = this(vm, &args, "__contains__", Sig::Wrapper(1))?;
    Ok(Value::bool(vm.contains(&args.values[0], &rest[0])?))
}

fn dunder_iter(vm: &mut Vm, args: Args) -> PyResult {
    this(vm, &args, "__iter__", Sig::Wrapper(0))?;
    vm.get_iter(&args.values[0])
}

fn dunder_reversed(vm: &mut Vm, args: Args) -> PyResult {
    let (l, _) = this(vm, &args, "__reversed__", Sig::NoArgs)?;
    let class = vm.types.list_reverseiterator.clone();
    let index = l.len();
    Ok(vm.new_iterator(
        &class,
        IterState::Reversed {
            seq: args.values[0].clone(),
            index,
        },
    ))
}

fn dunder_add(vm: &mut Vm, args: Args) -> PyResult {
    let (l, rest) = this(vm, &args, "__add__", Sig::Wrapper(1))?;
    match &rest[0] {
        Value::List(other) => {
            let mut items = l.items.borrow().clone();
            items.extend(other.items.borrow().iter().cloned());
            Ok(Value::list(items))
        }
        other => Err(vm.type_error(format!(
            "can only concatenate list (not \"{}\") to list",
            vm.type_name(other)
        ))),
    }
}

fn dunder_iadd(vm: &mut Vm, args: Args) -> PyResult {
    let (l, rest) = this(vm, &args, "__iadd__", Sig::Wrapper(1))?;
    let items = vm.collect_iterable(&rest[0])?;
    l.items.borrow_mut().extend(items);
    Ok(args.values[0].clone())
}

/// The count of `seq * n` from an explicit `__mul__` call: any index-like value.
pub(super) fn repeat_count(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    match v {
        Value::BigInt(_) => Err(vm.overflow_error("cannot fit 'int' into an index-sized integer")),
        _ => match vm.to_index(v)? {
            Some(n) => Ok(Value::Int(n.max(0))),
            None => Err(vm.type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                vm.type_name(v)
            ))),
        },
    }
}

fn dunder_mul(vm: &mut Vm, args: Args) -> PyResult {
    this(vm, &args, "__mul__", Sig::Wrapper(1))?;
    let n = repeat_count(vm, &args.values[1])?;
    vm.binary_op(args.values[0].clone(), n, crate::operator::BinOp::Mult)
}

fn dunder_imul(vm: &mut Vm, args: Args) -> PyResult {
    this(vm, &args, "__imul__", Sig::Wrapper(1))?;
    let n = repeat_count(vm, &args.values[1])?;
    vm.inplace_op(args.values[0].clone(), n, crate::operator::BinOp::Mult)
}

fn dunder_repr(vm: &mut Vm, args: Args) -> PyResult {
    this(vm, &args, "__repr__", Sig::Wrapper(0))?;
    Ok(Value::str(vm.repr(&args.values[0])?))
}

/// A rich comparison dunder: NotImplemented unless both operands satisfy `same_type`.
pub(super) fn rich_cmp(
    vm: &mut Vm,
    args: &Args,
    ty: &str,
    op: Compare,
    same_type: fn(&Value) -> bool,
) -> PyResult {
    let name = op.dunder();
    if !args.pos().first().is_some_and(same_type) {
        return Err(self_error(vm, (ty, name), Sig::Wrapper(1), args));
    }
    let rest = method_args(vm, (ty, name), Sig::Wrapper(1), args)?;
    if !same_type(&rest[0]) {
        return Ok(Value::NotImplemented);
    }
    vm.rich_compare(&args.values[0], &rest[0], op)
}

fn is_list(v: &Value) -> bool {
    matches!(v, Value::List(_))
}

fn list_cmp(vm: &mut Vm, args: &Args, op: Compare) -> PyResult {
    rich_cmp(vm, args, TY, op, is_list)
}

crate::native::rich_compare_methods!(list_cmp => RICH_COMPARE; eq, ne, lt, le, gt, ge);

/// `list.__init__(self, iterable=(), /)`: the list becomes the iterable's items (what a
/// subclass's instances start from).
fn init(vm: &mut Vm, args: Args) -> PyResult {
    method_args(vm, "list", Sig::Range(0, 1), &args)?;
    clear(vm, Args::positional(&args.values[..1]))?;
    if args.values.len() == 2 {
        extend(vm, Args::positional(args.values))?;
    }
    Ok(Value::None)
}
