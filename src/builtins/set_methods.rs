//! The methods of `set` and `frozenset`. The algorithms (and with them the printed order
//! of results) are CPython's, in `vm::ops::set_algebra`; this file parses arguments and
//! picks the algorithm.
//!
//! Methods shared by both types are generated twice (`set_union`, `frozenset_union`),
//! because CPython checks `self` against the type the method was looked up on.

use super::add_method;
use super::native_sig::{check, self_error, Sig};
use crate::bytecode::Compare;
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
    match args.pos().first() {
        Some(Value::Set(s)) if s.frozen == frozen => {
            Ok((s.clone(), check(vm, ty_name(frozen), name, sig, args)?))
        }
        _ => Err(self_error(vm, ty_name(frozen), name, sig, args)),
    }
}

/// Positional arguments of a `*others` method (`union`, `update`...): no keywords.
fn star_args<'a>(
    vm: &Vm,
    args: &Args<'a>,
    frozen: bool,
    name: &str,
) -> PyResult<(Rc<SetObj>, &'a [Value])> {
    let s = match args.pos().first() {
        Some(Value::Set(s)) if s.frozen == frozen => s.clone(),
        _ => {
            return Err(self_error(
                vm,
                ty_name(frozen),
                name,
                Sig::Range(0, usize::MAX),
                args,
            ))
        }
    };
    if args.has_kw() {
        return Err(vm.type_error(format!(
            "{}.{name}() takes no keyword arguments",
            ty_name(frozen)
        )));
    }
    Ok((s, &args.values[1..]))
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
    ($($set_fn:ident, $frozen_fn:ident => |$vm:ident, $args:ident, $frozen:ident| $body:expr;)*) => {
        $(
            fn $set_fn($vm: &mut Vm, $args: Args) -> PyResult {
                let $frozen = false;
                $body
            }
            fn $frozen_fn($vm: &mut Vm, $args: Args) -> PyResult {
                let $frozen = true;
                $body
            }
        )*
    };
}

both! {
    set_copy, fz_copy => |vm, args, f| shared::copy(vm, args, f);
    set_union, fz_union => |vm, args, f| shared::union(vm, args, f);
    set_intersection, fz_intersection => |vm, args, f| shared::intersection(vm, args, f);
    set_difference, fz_difference => |vm, args, f| shared::difference(vm, args, f);
    set_symdiff, fz_symdiff => |vm, args, f| shared::symmetric_difference(vm, args, f);
    set_issubset, fz_issubset => |vm, args, f| shared::issubset(vm, args, f);
    set_issuperset, fz_issuperset => |vm, args, f| shared::issuperset(vm, args, f);
    set_isdisjoint, fz_isdisjoint => |vm, args, f| shared::isdisjoint(vm, args, f);
    set_len, fz_len => |vm, args, f| shared::len(vm, args, f);
    set_contains, fz_contains => |vm, args, f| shared::contains(vm, args, f);
    set_iter, fz_iter => |vm, args, f| shared::iter(vm, args, f);
    set_repr, fz_repr => |vm, args, f| shared::repr(vm, args, f);
    set_or, fz_or => |vm, args, f| shared::binop(vm, args, f, "__or__", BinOp::BitOr, false);
    set_ror, fz_ror => |vm, args, f| shared::binop(vm, args, f, "__ror__", BinOp::BitOr, true);
    set_and, fz_and => |vm, args, f| shared::binop(vm, args, f, "__and__", BinOp::BitAnd, false);
    set_rand, fz_rand => |vm, args, f| shared::binop(vm, args, f, "__rand__", BinOp::BitAnd, true);
    set_sub, fz_sub => |vm, args, f| shared::binop(vm, args, f, "__sub__", BinOp::Sub, false);
    set_rsub, fz_rsub => |vm, args, f| shared::binop(vm, args, f, "__rsub__", BinOp::Sub, true);
    set_xor, fz_xor => |vm, args, f| shared::binop(vm, args, f, "__xor__", BinOp::BitXor, false);
    set_rxor, fz_rxor => |vm, args, f| shared::binop(vm, args, f, "__rxor__", BinOp::BitXor, true);
    set_eq, fz_eq => |vm, args, f| shared::compare(vm, args, f, Compare::Eq);
    set_ne, fz_ne => |vm, args, f| shared::compare(vm, args, f, Compare::Ne);
    set_lt, fz_lt => |vm, args, f| shared::compare(vm, args, f, Compare::Lt);
    set_le, fz_le => |vm, args, f| shared::compare(vm, args, f, Compare::Le);
    set_gt, fz_gt => |vm, args, f| shared::compare(vm, args, f, Compare::Gt);
    set_ge, fz_ge => |vm, args, f| shared::compare(vm, args, f, Compare::Ge);
}

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
        ("__or__", set_or, fz_or),
        ("__ror__", set_ror, fz_ror),
        ("__and__", set_and, fz_and),
        ("__rand__", set_rand, fz_rand),
        ("__sub__", set_sub, fz_sub),
        ("__rsub__", set_rsub, fz_rsub),
        ("__xor__", set_xor, fz_xor),
        ("__rxor__", set_rxor, fz_rxor),
        ("__eq__", set_eq, fz_eq),
        ("__ne__", set_ne, fz_ne),
        ("__lt__", set_lt, fz_lt),
        ("__le__", set_le, fz_le),
        ("__gt__", set_gt, fz_gt),
        ("__ge__", set_ge, fz_ge),
    ];
    let set = vm.types.set.clone();
    let frozenset = vm.types.frozenset.clone();
    for (name, s, f) in shared_methods {
        add_method(vm, &set, name, *s);
        add_method(vm, &frozenset, name, *f);
    }
    let set_only: &[(&'static str, crate::object::NativeFn)] = &[
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
    for (name, f) in set_only {
        add_method(vm, &set, name, *f);
    }
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
