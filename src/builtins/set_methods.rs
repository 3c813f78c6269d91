//! The methods of `set` and `frozenset`. The algorithms (and with them the printed order
//! of results) are CPython's, in `vm::ops::set_algebra`; this file parses arguments and
//! picks the algorithm.
//!
//! Methods shared by both types are generated twice (`set_union`, `frozenset_union`),
//! because CPython checks `self` against the type the method was looked up on.

use crate::bytecode::Compare;
use crate::native::add_method;
use crate::native::{receiver, Sig};
use crate::object::function::Args;
use crate::object::{SetObj, SetTable, Value};
use crate::operator::BinOp;
use crate::vm::{PyResult, Vm};
use std::rc::Rc;

fn ty_name(frozen: bool) -> &'static str {
    if frozen {
        "frozenset"
    } else {
        "set"
    }
}

fn this<'a>(
    vm: &Vm,
    args: &Args<'a>,
    frozen: bool,
    name: &str,
    sig: Sig,
) -> PyResult<(Rc<SetObj>, &'a [Value])> {
    receiver(vm, (ty_name(frozen), name), sig, args, |v| match v {
        Value::Set(s) if s.frozen == frozen => Some(s.clone()),
        _ => None,
    })
}

/// Positional arguments of a `*others` method (`union`, `update`...): no keywords.
fn star_args<'a>(
    vm: &Vm,
    args: &Args<'a>,
    frozen: bool,
    name: &str,
) -> PyResult<(Rc<SetObj>, &'a [Value])> {
    let sig = Sig::Range(0, usize::MAX);
    receiver(vm, (ty_name(frozen), name), sig, args, |v| match v {
        Value::Set(s) if s.frozen == frozen => Some(s.clone()),
        _ => None,
    })
}

fn wrap(table: SetTable, frozen: bool) -> Value {
    Value::Set(SetObj::new(table, frozen))
}

fn snapshot(s: &SetObj) -> SetTable {
    s.table.borrow().clone()
}

/// Methods of both types, written once with the type as a parameter.
mod shared {
    use super::*;

    pub fn copy(vm: &mut Vm, args: Args, frozen: bool) -> PyResult {
        let (s, _) = this(vm, &args, frozen, "copy", Sig::NoArgs)?;
        if frozen {
            return Ok(args.values[0].clone());
        }
        let t = vm.set_copy_table(&snapshot(&s))?;
        Ok(wrap(t, false))
    }

    pub fn union(vm: &mut Vm, args: Args, frozen: bool) -> PyResult {
        let (s, others) = star_args(vm, &args, frozen, "union")?;
        let mut result = vm.set_copy_table(&snapshot(&s))?;
        for o in others {
            if !matches!(o, Value::Set(x) if Rc::ptr_eq(x, &s)) {
                vm.set_update_internal(&mut result, o)?;
            }
        }
        Ok(wrap(result, frozen))
    }

    /// `set_intersection_multi`.
    pub fn intersection_table(vm: &mut Vm, s: &Rc<SetObj>, others: &[Value]) -> PyResult<SetTable> {
        let mut result = snapshot(s);
        if others.is_empty() {
            return vm.set_copy_table(&result);
        }
        for (i, o) in others.iter().enumerate() {
            let owner = if i == 0 { Some(s) } else { None };
            result = vm.set_intersection_table(&result, owner, o)?;
        }
        Ok(result)
    }

    pub fn intersection(vm: &mut Vm, args: Args, frozen: bool) -> PyResult {
        let (s, others) = star_args(vm, &args, frozen, "intersection")?;
        let t = intersection_table(vm, &s, others)?;
        Ok(wrap(t, frozen))
    }

    pub fn difference(vm: &mut Vm, args: Args, frozen: bool) -> PyResult {
        let (s, others) = star_args(vm, &args, frozen, "difference")?;
        let base = snapshot(&s);
        let Some((first, rest)) = others.split_first() else {
            return Ok(wrap(vm.set_copy_table(&base)?, frozen));
        };
        let mut result = if matches!(first, Value::Set(x) if Rc::ptr_eq(x, &s)) {
            SetTable::new()
        } else {
            vm.set_difference_table(&base, first)?
        };
        for o in rest {
            vm.set_difference_update_internal(&mut result, None, o)?;
        }
        Ok(wrap(result, frozen))
    }

    pub fn symmetric_difference(vm: &mut Vm, args: Args, frozen: bool) -> PyResult {
        let (s, rest) = this(vm, &args, frozen, "symmetric_difference", Sig::One)?;
        let t = vm.set_symmetric_difference_table(&s, &rest[0])?;
        Ok(wrap(t, frozen))
    }

    pub fn issubset(vm: &mut Vm, args: Args, frozen: bool) -> PyResult {
        let (s, rest) = this(vm, &args, frozen, "issubset", Sig::One)?;
        Ok(Value::bool(vm.set_issubset(&s, &rest[0])?))
    }

    pub fn issuperset(vm: &mut Vm, args: Args, frozen: bool) -> PyResult {
        let (s, rest) = this(vm, &args, frozen, "issuperset", Sig::One)?;
        Ok(Value::bool(vm.set_issuperset(&s, &rest[0])?))
    }

    pub fn isdisjoint(vm: &mut Vm, args: Args, frozen: bool) -> PyResult {
        let (s, rest) = this(vm, &args, frozen, "isdisjoint", Sig::One)?;
        Ok(Value::bool(vm.set_isdisjoint(&s, &rest[0])?))
    }

    pub fn len(vm: &mut Vm, args: Args, frozen: bool) -> PyResult {
        let (s, _) = this(vm, &args, frozen, "__len__", Sig::Wrapper(0))?;
        Ok(Value::Int(s.len() as i64))
    }

    pub fn contains(vm: &mut Vm, args: Args, frozen: bool) -> PyResult {
        let (s, rest) = this(vm, &args, frozen, "__contains__", Sig::One)?;
        Ok(Value::bool(vm.set_contains(&s, &rest[0])?))
    }

    pub fn iter(vm: &mut Vm, args: Args, frozen: bool) -> PyResult {
        this(vm, &args, frozen, "__iter__", Sig::Wrapper(0))?;
        vm.get_iter(&args.values[0])
    }

    pub fn repr(vm: &mut Vm, args: Args, frozen: bool) -> PyResult {
        this(vm, &args, frozen, "__repr__", Sig::Wrapper(0))?;
        Ok(Value::str(vm.repr(&args.values[0])?))
    }

    /// `a op b` for the binary operator dunders; `reflected` swaps the operands (the
    /// result takes the left operand's type, as CPython's slot functions do).
    pub fn binop(
        vm: &mut Vm,
        args: Args,
        frozen: bool,
        name: &str,
        op: BinOp,
        reflected: bool,
    ) -> PyResult {
        let (s, rest) = this(vm, &args, frozen, name, Sig::Wrapper(1))?;
        let Value::Set(other) = &rest[0] else {
            return Ok(Value::NotImplemented);
        };
        let (a, b) = if reflected {
            (other.clone(), s)
        } else {
            (s, other.clone())
        };
        let t = vm.set_binop(&a, &b, op)?;
        Ok(wrap(t, a.frozen))
    }

    pub fn compare(vm: &mut Vm, args: Args, frozen: bool, op: Compare) -> PyResult {
        let (_, rest) = this(vm, &args, frozen, op.dunder(), Sig::Wrapper(1))?;
        if !matches!(rest[0], Value::Set(_)) {
            return Ok(Value::NotImplemented);
        }
        vm.rich_compare(&args.values[0], &rest[0], op)
    }
}

/// Generates the `set_*` and `frozenset_*` entry points of a shared method.
macro_rules! both {
    ($($set_fn:ident, $frozen_fn:ident => $shared:ident;)*) => {
        $(
            fn $set_fn(vm: &mut Vm, args: Args) -> PyResult {
                shared::$shared(vm, args, false)
            }
            fn $frozen_fn(vm: &mut Vm, args: Args) -> PyResult {
                shared::$shared(vm, args, true)
            }
        )*
    };
}

both! {
    set_copy, fz_copy => copy;
    set_union, fz_union => union;
    set_intersection, fz_intersection => intersection;
    set_difference, fz_difference => difference;
    set_symdiff, fz_symdiff => symmetric_difference;
    set_issubset, fz_issubset => issubset;
    set_issuperset, fz_issuperset => issuperset;
    set_isdisjoint, fz_isdisjoint => isdisjoint;
    set_len, fz_len => len;
    set_contains, fz_contains => contains;
    set_iter, fz_iter => iter;
    set_repr, fz_repr => repr;
}

fn set_binop(vm: &mut Vm, args: &Args, name: &str, op: BinOp, reflected: bool) -> PyResult {
    shared::binop(vm, *args, false, name, op, reflected)
}

fn fz_binop(vm: &mut Vm, args: &Args, name: &str, op: BinOp, reflected: bool) -> PyResult {
    shared::binop(vm, *args, true, name, op, reflected)
}

crate::native::reflected_binops!(set_binop => SET_OPERATORS;
    set_or, set_ror, "__or__", "__ror__" => BinOp::BitOr;
    set_and, set_rand, "__and__", "__rand__" => BinOp::BitAnd;
    set_sub, set_rsub, "__sub__", "__rsub__" => BinOp::Sub;
    set_xor, set_rxor, "__xor__", "__rxor__" => BinOp::BitXor;
);
crate::native::reflected_binops!(fz_binop => FROZENSET_OPERATORS;
    fz_or, fz_ror, "__or__", "__ror__" => BinOp::BitOr;
    fz_and, fz_rand, "__and__", "__rand__" => BinOp::BitAnd;
    fz_sub, fz_rsub, "__sub__", "__rsub__" => BinOp::Sub;
    fz_xor, fz_rxor, "__xor__", "__rxor__" => BinOp::BitXor;
);

fn set_cmp(vm: &mut Vm, args: &Args, op: Compare) -> PyResult {
    shared::compare(vm, *args, false, op)
}

fn fz_cmp(vm: &mut Vm, args: &Args, op: Compare) -> PyResult {
    shared::compare(vm, *args, true, op)
}

crate::native::rich_compare_methods!(set_cmp => SET_COMPARE;
    set_eq, set_ne, set_lt, set_le, set_gt, set_ge);
crate::native::rich_compare_methods!(fz_cmp => FROZENSET_COMPARE;
    fz_eq, fz_ne, fz_lt, fz_le, fz_gt, fz_ge);

pub fn register(vm: &mut Vm) {
    type Entry = (
        &'static str,
        crate::object::NativeFn,
        crate::object::NativeFn,
    );
    let shared_methods: &[Entry] = &[
        ("copy", set_copy, fz_copy),
        ("union", set_union, fz_union),
        ("intersection", set_intersection, fz_intersection),
        ("difference", set_difference, fz_difference),
        ("symmetric_difference", set_symdiff, fz_symdiff),
        ("issubset", set_issubset, fz_issubset),
        ("issuperset", set_issuperset, fz_issuperset),
        ("isdisjoint", set_isdisjoint, fz_isdisjoint),
        ("__len__", set_len, fz_len),
        ("__contains__", set_contains, fz_contains),
        ("__iter__", set_iter, fz_iter),
        ("__repr__", set_repr, fz_repr),
    ];
    let set = vm.types.set.clone();
    let frozenset = vm.types.frozenset.clone();
    for (name, s, f) in shared_methods {
        add_method(vm, &set, name, *s);
        add_method(vm, &frozenset, name, *f);
    }
    crate::native::add_method_tables(vm, &set, &[SET_OPERATORS, SET_COMPARE]);
    crate::native::add_method_tables(vm, &frozenset, &[FROZENSET_OPERATORS, FROZENSET_COMPARE]);
    let set_only: &[(&'static str, crate::object::NativeFn)] = &[
        ("__init__", init),
        ("add", add),
        ("remove", remove),
        ("discard", discard),
        ("pop", pop),
        ("clear", clear),
        ("update", update),
        ("intersection_update", intersection_update),
        ("difference_update", difference_update),
        ("symmetric_difference_update", symmetric_difference_update),
        ("__ior__", ior),
        ("__iand__", iand),
        ("__isub__", isub),
        ("__ixor__", ixor),
    ];
    crate::native::add_methods(vm, &set, set_only);
    add_method(vm, &frozenset, "__hash__", frozenset_hash);
    let key = vm.intern("__hash__");
    set.dict.borrow_mut().set_str(key, Value::None);
}

fn add(vm: &mut Vm, args: Args) -> PyResult {
    let (_, rest) = this(vm, &args, false, "add", Sig::One)?;
    vm.set_add(&args.values[0], rest[0].clone())?;
    Ok(Value::None)
}

fn remove(vm: &mut Vm, args: Args) -> PyResult {
    let (s, rest) = this(vm, &args, false, "remove", Sig::One)?;
    let (h, key) = vm.set_lookup_key(&rest[0])?;
    if !vm.set_discard_live(&s, h, &key)? {
        return Err(vm.key_error(rest[0].clone()));
    }
    Ok(Value::None)
}

fn discard(vm: &mut Vm, args: Args) -> PyResult {
    let (s, rest) = this(vm, &args, false, "discard", Sig::One)?;
    let (h, key) = vm.set_lookup_key(&rest[0])?;
    vm.set_discard_live(&s, h, &key)?;
    Ok(Value::None)
}

fn pop(vm: &mut Vm, args: Args) -> PyResult {
    let (s, _) = this(vm, &args, false, "pop", Sig::NoArgs)?;
    let popped = vm.set_table_mut(&s)?.pop();
    match popped {
        Some(v) => Ok(v),
        None => Err(vm.key_error(Value::str("pop from an empty set"))),
    }
}

fn clear(vm: &mut Vm, args: Args) -> PyResult {
    let (s, _) = this(vm, &args, false, "clear", Sig::NoArgs)?;
    vm.set_table_mut(&s)?.clear();
    Ok(Value::None)
}

fn update(vm: &mut Vm, args: Args) -> PyResult {
    let (s, others) = star_args(vm, &args, false, "update")?;
    for o in others {
        if matches!(o, Value::Set(x) if Rc::ptr_eq(x, &s)) {
            continue;
        }
        vm.with_set_table(&s, |vm, t| vm.set_update_internal(t, o))?;
    }
    Ok(Value::None)
}

fn intersection_update(vm: &mut Vm, args: Args) -> PyResult {
    let (s, others) = star_args(vm, &args, false, "intersection_update")?;
    let t = shared::intersection_table(vm, &s, others)?;
    vm.set_table_mut(&s)?.replace_body(t);
    Ok(Value::None)
}

fn difference_update(vm: &mut Vm, args: Args) -> PyResult {
    let (s, others) = star_args(vm, &args, false, "difference_update")?;
    for o in others {
        vm.with_set_table(&s, |vm, t| {
            vm.set_difference_update_internal(t, Some(&s), o)
        })?;
    }
    Ok(Value::None)
}

fn symmetric_difference_update(vm: &mut Vm, args: Args) -> PyResult {
    let (s, rest) = this(vm, &args, false, "symmetric_difference_update", Sig::One)?;
    vm.with_set_table(&s, |vm, t| {
        vm.set_symmetric_difference_update_internal(t, Some(&s), &rest[0])
    })?;
    Ok(Value::None)
}

fn inplace(vm: &mut Vm, args: Args, name: &str, op: BinOp) -> PyResult {
    let (s, rest) = this(vm, &args, false, name, Sig::Wrapper(1))?;
    if !matches!(rest[0], Value::Set(_)) {
        return Ok(Value::NotImplemented);
    }
    vm.set_inplace(&s, &rest[0], op)?;
    Ok(args.values[0].clone())
}

fn ior(vm: &mut Vm, args: Args) -> PyResult {
    inplace(vm, args, "__ior__", BinOp::BitOr)
}

fn iand(vm: &mut Vm, args: Args) -> PyResult {
    inplace(vm, args, "__iand__", BinOp::BitAnd)
}

fn isub(vm: &mut Vm, args: Args) -> PyResult {
    inplace(vm, args, "__isub__", BinOp::Sub)
}

fn ixor(vm: &mut Vm, args: Args) -> PyResult {
    inplace(vm, args, "__ixor__", BinOp::BitXor)
}

fn frozenset_hash(vm: &mut Vm, args: Args) -> PyResult {
    this(vm, &args, true, "__hash__", Sig::Wrapper(0))?;
    Ok(Value::Int(vm.hash(&args.values[0])?))
}

/// `set.__init__(self, iterable=(), /)`: the set becomes the iterable's items (what a
/// subclass's instances start from).
fn init(vm: &mut Vm, args: Args) -> PyResult {
    crate::native::method_args(vm, "set", Sig::Range(0, 1), &args)?;
    clear(vm, Args::positional(&args.values[..1]))?;
    if args.values.len() == 2 {
        update(vm, Args::positional(args.values))?;
    }
    Ok(Value::None)
}
