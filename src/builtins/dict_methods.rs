//! The methods of `dict` (the views `keys()`/`values()`/`items()` are in `dict_views`).
//!
//! Insertion order is the table's: updating an existing key keeps its position, `pop`
//! and `popitem` free it, `popitem` takes the last entry.

use super::dict_views::{make_view, reverse_iterator};
use crate::bytecode::Compare;
use crate::native::{method_args, receiver, self_error, Sig};
use crate::object::function::Args;
use crate::object::iterator::DictView;
use crate::object::{DictObj, Value};
use crate::vm::{PyResult, Vm};
use std::rc::Rc;

const TY: &str = "dict";

fn this<'a>(
    vm: &Vm,
    args: &Args<'a>,
    name: &str,
    sig: Sig,
) -> PyResult<(Rc<DictObj>, &'a [Value])> {
    receiver(vm, (TY, name), sig, args, |v| match v {
        Value::Dict(d) => Some(d.clone()),
        _ => None,
    })
}

pub fn register(vm: &mut Vm) {
    let c = vm.types.dict.clone();
    let methods: &[(&'static str, crate::object::NativeFn)] = &[
        ("__init__", init),
        ("keys", keys),
        ("values", values),
        ("items", items),
        ("get", get),
        ("setdefault", setdefault),
        ("pop", pop),
        ("popitem", popitem),
        ("update", update),
        ("copy", copy),
        ("clear", clear),
        ("__getitem__", dunder_getitem),
        ("__setitem__", dunder_setitem),
        ("__delitem__", dunder_delitem),
        ("__contains__", dunder_contains),
        ("__len__", dunder_len),
        ("__iter__", dunder_iter),
        ("__reversed__", dunder_reversed),
        ("__or__", dunder_or),
        ("__ror__", dunder_ror),
        ("__ior__", dunder_ior),
        ("__repr__", dunder_repr),
    ];
    crate::native::add_method_tables(vm, &c, &[methods, RICH_COMPARE]);
    crate::native::add_classmethod(vm, &c, "fromkeys", fromkeys);
    let key = vm.intern("__hash__");
    c.dict.borrow_mut().set_str(key, Value::None);
}

fn keys(vm: &mut Vm, args: Args) -> PyResult {
    let (d, _) = this(vm, &args, "keys", Sig::NoArgs)?;
    Ok(make_view(vm, &d, DictView::Keys))
}

fn values(vm: &mut Vm, args: Args) -> PyResult {
    let (d, _) = this(vm, &args, "values", Sig::NoArgs)?;
    Ok(make_view(vm, &d, DictView::Values))
}

fn items(vm: &mut Vm, args: Args) -> PyResult {
    let (d, _) = this(vm, &args, "items", Sig::NoArgs)?;
    Ok(make_view(vm, &d, DictView::Items))
}

fn get(vm: &mut Vm, args: Args) -> PyResult {
    let (d, rest) = this(vm, &args, "get", Sig::Range(1, 2))?;
    Ok(match vm.dict_get_item(&d, &rest[0])? {
        Some(v) => v,
        None => rest.get(1).cloned().unwrap_or(Value::None),
    })
}

fn setdefault(vm: &mut Vm, args: Args) -> PyResult {
    let (d, rest) = this(vm, &args, "setdefault", Sig::Range(1, 2))?;
    if let Some(v) = vm.dict_get_item(&d, &rest[0])? {
        return Ok(v);
    }
    let default = rest.get(1).cloned().unwrap_or(Value::None);
    vm.dict_set_item(&d, rest[0].clone(), default.clone())?;
    Ok(default)
}

fn pop(vm: &mut Vm, args: Args) -> PyResult {
    let (d, rest) = this(vm, &args, "pop", Sig::Range(1, 2))?;
    // CPython answers an empty dict without hashing the key.
    let removed = if d.is_empty() {
        None
    } else {
        vm.dict_del_item(&d, &rest[0])?
    };
    match (removed, rest.get(1)) {
        (Some(v), _) => Ok(v),
        (None, Some(default)) => Ok(default.clone()),
        (None, None) => Err(vm.key_error(rest[0].clone())),
    }
}

fn popitem(vm: &mut Vm, args: Args) -> PyResult {
    let (d, _) = this(vm, &args, "popitem", Sig::NoArgs)?;
    let last = vm.dict_mut(&d)?.pop_last();
    match last {
        Some((k, v)) => Ok(Value::tuple(vec![k, v])),
        None => Err(vm.key_error(Value::str("popitem(): dictionary is empty"))),
    }
}

fn update(vm: &mut Vm, args: Args) -> PyResult {
    let Some(Value::Dict(d)) = args.pos().first() else {
        return Err(self_error(vm, (TY, "update"), Sig::Range(0, 1), &args));
    };
    let d = d.clone();
    // Keywords are items to set: only the positional part has a convention.
    let pos = args.pos();
    method_args(vm, (TY, "update"), Sig::Range(0, 1), &Args::positional(pos))?;
    let target = Value::Dict(d.clone());
    if let Some(src) = pos.get(1) {
        vm.dict_update_from(&target, src, false)?;
    }
    for (k, v) in args.kw() {
        let key = vm.new_str(k);
        vm.dict_set_item(&d, key, v.clone())?;
    }
    Ok(Value::None)
}

/// A new dict with `d`'s items in `d`'s order.
pub(super) fn copy_dict(d: &DictObj) -> Rc<DictObj> {
    DictObj::new(d.table.borrow().clone())
}

fn copy(vm: &mut Vm, args: Args) -> PyResult {
    let (d, _) = this(vm, &args, "copy", Sig::NoArgs)?;
    Ok(Value::Dict(copy_dict(&d)))
}

fn clear(vm: &mut Vm, args: Args) -> PyResult {
    let (d, _) = this(vm, &args, "clear", Sig::NoArgs)?;
    let old = vm.dict_mut(&d)?.take_all();
    drop(old);
    Ok(Value::None)
}

/// `dict.fromkeys(iterable, value=None)`, a classmethod: `args[0]` is the class.
fn fromkeys(vm: &mut Vm, args: Args) -> PyResult {
    let rest = method_args(vm, "dict.fromkeys", Sig::Range(1, 2), &args)?;
    let value = rest.get(1).cloned().unwrap_or(Value::None);
    let cls = args.values[0].clone();
    let target = match &cls {
        Value::Class(c) if Rc::ptr_eq(c, &vm.types.dict) => {
            Value::Dict(DictObj::new(crate::object::Dict::new()))
        }
        _ => vm.call(&cls, &[])?,
    };
    let it = vm.get_iter(&rest[0])?;
    while let Some(k) = vm.iter_next(&it)? {
        vm.set_item(&target, k, value.clone())?;
    }
    Ok(target)
}

fn dunder_getitem(vm: &mut Vm, args: Args) -> PyResult {
    let (d, rest) = this(vm, &args, "__getitem__", Sig::One)?;
    match vm.dict_get_item(&d, &rest[0])? {
        Some(v) => Ok(v),
        None => Err(vm.key_error(rest[0].clone())),
    }
}

fn dunder_setitem(vm: &mut Vm, args: Args) -> PyResult {
    let (d, rest) = this(vm, &args, "__setitem__", Sig::WrapperRange(2, 2))?;
    vm.dict_set_item(&d, rest[0].clone(), rest[1].clone())?;
    Ok(Value::None)
}

fn dunder_delitem(vm: &mut Vm, args: Args) -> PyResult {
    let (d, rest) = this(vm, &args, "__delitem__", Sig::Wrapper(1))?;
    match vm.dict_del_item(&d, &rest[0])? {
        Some(_) => Ok(Value::None),
        None => Err(vm.key_error(rest[0].clone())),
    }
}

fn dunder_contains(vm: &mut Vm, args: Args) -> PyResult {
    let (d, rest) = this(vm, &args, "__contains__", Sig::One)?;
    Ok(Value::bool(vm.dict_get_item(&d, &rest[0])?.is_some()))
}

fn dunder_len(vm: &mut Vm, args: Args) -> PyResult {
    let (d, _) = this(vm, &args, "__len__", Sig::Wrapper(0))?;
    Ok(Value::Int(d.len() as i64))
}

fn dunder_iter(vm: &mut Vm, args: Args) -> PyResult {
    this(vm, &args, "__iter__", Sig::Wrapper(0))?;
    vm.get_iter(&args.values[0])
}

fn dunder_reversed(vm: &mut Vm, args: Args) -> PyResult {
    let (d, _) = this(vm, &args, "__reversed__", Sig::NoArgs)?;
    Ok(reverse_iterator(vm, &d, DictView::Keys))
}

fn dunder_or(vm: &mut Vm, args: Args) -> PyResult {
    let (d, rest) = this(vm, &args, "__or__", Sig::Wrapper(1))?;
    if !matches!(rest[0], Value::Dict(_)) {
        return Ok(Value::NotImplemented);
    }
    let result = Value::Dict(copy_dict(&d));
    vm.dict_update_from(&result, &rest[0], false)?;
    Ok(result)
}

fn dunder_ror(vm: &mut Vm, args: Args) -> PyResult {
    this(vm, &args, "__ror__", Sig::Wrapper(1))?;
    let Value::Dict(other) = &args.values[1] else {
        return Ok(Value::NotImplemented);
    };
    let result = Value::Dict(copy_dict(other));
    vm.dict_update_from(&result, &args.values[0], false)?;
    Ok(result)
}

fn dunder_ior(vm: &mut Vm, args: Args) -> PyResult {
    this(vm, &args, "__ior__", Sig::Wrapper(1))?;
    vm.dict_update_from(&args.values[0], &args.values[1], false)?;
    Ok(args.values[0].clone())
}

fn dunder_repr(vm: &mut Vm, args: Args) -> PyResult {
    this(vm, &args, "__repr__", Sig::Wrapper(0))?;
    Ok(Value::str(vm.repr(&args.values[0])?))
}

/// Dicts compare for (in)equality only; ordering returns NotImplemented.
fn dict_cmp(vm: &mut Vm, args: &Args, op: Compare) -> PyResult {
    let (_, rest) = this(vm, args, op.dunder(), Sig::Wrapper(1))?;
    if !matches!(op, Compare::Eq | Compare::Ne) || !matches!(rest[0], Value::Dict(_)) {
        return Ok(Value::NotImplemented);
    }
    vm.rich_compare(&args.values[0], &rest[0], op)
}

crate::native::rich_compare_methods!(dict_cmp => RICH_COMPARE; eq, ne, lt, le, gt, ge);

/// `dict.__init__(self, mapping_or_iterable=(), /, **kwargs)`: the dict becomes what
/// `dict(...)` would make (what a subclass's instances start from).
fn init(vm: &mut Vm, args: Args) -> PyResult {
    clear(vm, Args::positional(&args.values[..1]))?;
    update(vm, args)
}
