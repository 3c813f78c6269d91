//! `dict_keys`, `dict_values`, `dict_items`: live views of a dict.
//!
//! A view is an `Object` whose payload points at the dict, so it always reflects the
//! dict's current contents. Keys and items views are set-like: they compare with sets and
//! support `& | - ^` (returning sets, built exactly as CPython's `dictviews_*` build them,
//! since the result's printed order depends on it) and `isdisjoint`.

use crate::bytecode::Compare;
use crate::native::add_method;
use crate::native::{method_args, self_error, Sig};
use crate::object::function::Args;
use crate::object::iterator::{DictView, IterState};
use crate::object::{DictObj, Object, Payload, PyBool, SetObj, SetTable, Value};
use crate::vm::{PyResult, Vm};
use std::rc::Rc;

fn type_name(kind: DictView) -> &'static str {
    match kind {
        DictView::Keys => "dict_keys",
        DictView::Values => "dict_values",
        DictView::Items => "dict_items",
    }
}

/// A new view of `d`.
pub fn make_view(vm: &Vm, d: &Rc<DictObj>, kind: DictView) -> Value {
    let class = match kind {
        DictView::Keys => vm.types.dict_keys.clone(),
        DictView::Values => vm.types.dict_values.clone(),
        DictView::Items => vm.types.dict_items.clone(),
    };
    Value::Object(Object::new(
        class,
        Payload::DictView {
            dict: d.clone(),
            kind,
        },
    ))
}

/// `reversed(view)` (and `reversed(dict)` with `Keys`).
pub fn reverse_iterator(vm: &Vm, d: &Rc<DictObj>, kind: DictView) -> Value {
    let class = match kind {
        DictView::Keys => vm.types.dict_reversekeyiterator.clone(),
        DictView::Values => vm.types.dict_reversevalueiterator.clone(),
        DictView::Items => vm.types.dict_reverseitemiterator.clone(),
    };
    let (pos, used) = {
        let t = d.table.borrow();
        (t.entries_len(), t.len())
    };
    vm.new_iterator(
        &class,
        IterState::DictRev {
            dict: d.clone(),
            view: kind,
            pos,
            used,
        },
    )
}

fn forward_iterator(vm: &Vm, d: &Rc<DictObj>, kind: DictView) -> Value {
    let class = match kind {
        DictView::Keys => vm.types.dict_keyiterator.clone(),
        DictView::Values => vm.types.dict_valueiterator.clone(),
        DictView::Items => vm.types.dict_itemiterator.clone(),
    };
    let version = d.table.borrow().version();
    vm.new_iterator(
        &class,
        IterState::Dict {
            dict: d.clone(),
            view: kind,
            pos: 0,
            version,
        },
    )
}

/// The dict and kind of a view value.
pub fn as_view(v: &Value) -> Option<(Rc<DictObj>, DictView)> {
    match v {
        Value::Object(o) => match &o.payload {
            Payload::DictView { dict, kind } => Some((dict.clone(), *kind)),
            _ => None,
        },
        _ => None,
    }
}

/// A keys or items view (CPython's `PyDictViewSet_Check`).
fn is_set_like_view(v: &Value) -> bool {
    matches!(as_view(v), Some((_, DictView::Keys | DictView::Items)))
}

/// `self` as a view, with the remaining arguments. Natives are shared between the three
/// view classes, so the type named in a wrong-`self` error is the keys view's.
fn this<'a>(
    vm: &Vm,
    args: &Args<'a>,
    name: &str,
    sig: Sig,
) -> PyResult<(Rc<DictObj>, DictView, &'a [Value])> {
    match args.pos().first().and_then(as_view) {
        Some((d, kind)) => Ok((
            d,
            kind,
            method_args(vm, (type_name(kind), name), sig, args)?,
        )),
        None => Err(self_error(vm, ("dict_keys", name), sig, args)),
    }
}

pub fn register(vm: &mut Vm) {
    let common: &[(&'static str, crate::object::NativeFn)] = &[
        ("__len__", view_len),
        ("__iter__", view_iter),
        ("__reversed__", view_reversed),
        ("__contains__", view_contains),
        ("__repr__", view_repr_native),
    ];
    let set_like: &[(&'static str, crate::object::NativeFn)] = &[
        ("isdisjoint", isdisjoint),
        ("__and__", and),
        ("__rand__", rand),
        ("__or__", or),
        ("__ror__", ror),
        ("__sub__", sub),
        ("__rsub__", rsub),
        ("__xor__", xor),
        ("__rxor__", rxor),
        ("__eq__", eq),
        ("__ne__", ne),
        ("__lt__", lt),
        ("__le__", le),
        ("__gt__", gt),
        ("__ge__", ge),
    ];
    let classes = [
        vm.types.dict_keys.clone(),
        vm.types.dict_values.clone(),
        vm.types.dict_items.clone(),
    ];
    for (i, c) in classes.iter().enumerate() {
        for (name, f) in common {
            add_method(vm, c, name, *f);
        }
        if i != 1 {
            for (name, f) in set_like {
                add_method(vm, c, name, *f);
            }
            let key = vm.intern("__hash__");
            c.dict.borrow_mut().set_str(key, Value::None);
        }
    }
}

/// The view's elements, in order.
fn view_items(d: &DictObj, kind: DictView) -> Vec<Value> {
    let t = d.table.borrow();
    t.iter()
        .map(|(k, v)| match kind {
            DictView::Keys => k.clone(),
            DictView::Values => v.clone(),
            DictView::Items => Value::tuple(vec![k.clone(), v.clone()]),
        })
        .collect()
}

fn view_len(vm: &mut Vm, args: Args) -> PyResult {
    let (d, _, _) = this(vm, &args, "__len__", Sig::Wrapper(0))?;
    Ok(Value::Int(d.len() as i64))
}

fn view_iter(vm: &mut Vm, args: Args) -> PyResult {
    let (d, kind, _) = this(vm, &args, "__iter__", Sig::Wrapper(0))?;
    Ok(forward_iterator(vm, &d, kind))
}

fn view_reversed(vm: &mut Vm, args: Args) -> PyResult {
    let (d, kind, _) = this(vm, &args, "__reversed__", Sig::NoArgs)?;
    Ok(reverse_iterator(vm, &d, kind))
}

fn view_repr_native(vm: &mut Vm, args: Args) -> PyResult {
    let (d, kind, _) = this(vm, &args, "__repr__", Sig::Wrapper(0))?;
    Ok(Value::str(vm.dict_view_repr(&args.values[0], &d, kind)?))
}

/// `x in view`.
fn view_has(vm: &mut Vm, d: &Rc<DictObj>, kind: DictView, x: &Value) -> PyResult<bool> {
    match kind {
        DictView::Keys => Ok(vm.dict_get_item(d, x)?.is_some()),
        DictView::Items => {
            let Value::Tuple(t) = x else { return Ok(false) };
            if t.len() != 2 {
                return Ok(false);
            }
            match vm.dict_get_item(d, &t.items[0])? {
                Some(found) => Ok(found.is(&t.items[1]) || vm.eq(&found, &t.items[1])?),
                None => Ok(false),
            }
        }
        DictView::Values => {
            for v in view_items(d, kind) {
                if v.is(x) || vm.eq(&v, x)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
    }
}

fn view_contains(vm: &mut Vm, args: Args) -> PyResult {
    let (d, kind, rest) = this(vm, &args, "__contains__", Sig::Wrapper(1))?;
    Ok(Value::bool(view_has(vm, &d, kind, &rest[0])?))
}

/// `dictviews_to_set`: a keys view reads its dict directly (the dict fast path pre-sizes
/// the table), anything else is iterated.
fn to_set_table(vm: &mut Vm, v: &Value) -> PyResult<SetTable> {
    let mut t = SetTable::new();
    match as_view(v) {
        Some((d, DictView::Keys)) => vm.set_update_internal(&mut t, &Value::Dict(d))?,
        _ => vm.set_update_internal(&mut t, v)?,
    }
    Ok(t)
}

fn new_set(table: SetTable) -> Value {
    Value::Set(SetObj::new(table, false))
}

/// `dictviews_and(a, b)`: one of the two is a keys/items view.
fn views_and(vm: &mut Vm, a: &Value, b: &Value) -> PyResult {
    let (mut this_v, mut other) = if is_set_like_view(a) {
        (a.clone(), b.clone())
    } else {
        (b.clone(), a.clone())
    };
    let len_self = vm.len(&this_v)?;
    if let Value::Set(s) = &other {
        if !s.frozen && len_self <= s.len() {
            // `other.intersection(self)`.
            let snapshot = s.table.borrow().clone();
            let t = vm.set_intersection_table(&snapshot, Some(s), &this_v)?;
            return Ok(new_set(t));
        }
    }
    if is_set_like_view(&other) && vm.len(&other)? > len_self {
        std::mem::swap(&mut this_v, &mut other);
    }
    let Some((d, kind)) = as_view(&this_v) else {
        return Ok(Value::NotImplemented);
    };
    let mut result = SetTable::new();
    let it = vm.get_iter(&other)?;
    while let Some(x) = vm.iter_next(&it)? {
        if view_has(vm, &d, kind, &x)? {
            let h = vm.hash(&x)?;
            vm.set_table_add(&mut result, h, x)?;
        }
    }
    Ok(new_set(result))
}

/// `dictviews_or(a, b)`: `set(a)` updated with `b`.
fn views_or(vm: &mut Vm, a: &Value, b: &Value) -> PyResult {
    let mut t = to_set_table(vm, a)?;
    vm.set_update_internal(&mut t, b)?;
    Ok(new_set(t))
}

/// `dictviews_sub(a, b)`: `set(a).difference_update(b)`.
fn views_sub(vm: &mut Vm, a: &Value, b: &Value) -> PyResult {
    let mut t = to_set_table(vm, a)?;
    vm.set_difference_update_internal(&mut t, None, b)?;
    Ok(new_set(t))
}

/// `dictviews_xor(a, b)`: `set(a).symmetric_difference_update(b)`, with CPython's
/// special algorithm when both are items views.
fn views_xor(vm: &mut Vm, a: &Value, b: &Value) -> PyResult {
    if let (Some((d1, DictView::Items)), Some((d2, DictView::Items))) = (as_view(a), as_view(b)) {
        return items_xor(vm, &d1, &d2);
    }
    let mut t = to_set_table(vm, a)?;
    vm.set_symmetric_difference_update_internal(&mut t, None, b)?;
    Ok(new_set(t))
}

/// `dictitems_xor`: pairs of `d2` not equal in `d1`, then what is left of `d1`.
fn items_xor(vm: &mut Vm, d1: &Rc<DictObj>, d2: &Rc<DictObj>) -> PyResult {
    let temp = super::dict_methods::copy_dict(d1);
    let mut result = SetTable::new();
    let pairs: Vec<(Value, Value)> = d2
        .table
        .borrow()
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    for (k, v2) in pairs {
        let to_delete = match vm.dict_get_item(&temp, &k)? {
            Some(v1) => v1.is(&v2) || vm.eq(&v1, &v2)?,
            None => false,
        };
        if to_delete {
            vm.dict_del_item(&temp, &k)?;
        } else {
            let pair = Value::tuple(vec![k, v2]);
            let h = vm.hash(&pair)?;
            vm.set_table_add(&mut result, h, pair)?;
        }
    }
    let remaining = make_view(vm, &temp, DictView::Items);
    vm.set_update_internal(&mut result, &remaining)?;
    Ok(new_set(result))
}

macro_rules! binop_fns {
    ($($f:ident, $rf:ident, $name:expr, $rname:expr => $imp:ident);* $(;)?) => {
        $(
            fn $f(vm: &mut Vm, args: Args) -> PyResult {
                this(vm, &args, $name, Sig::Wrapper(1))?;
                $imp(vm, &args.values[0], &args.values[1])
            }
            fn $rf(vm: &mut Vm, args: Args) -> PyResult {
                this(vm, &args, $rname, Sig::Wrapper(1))?;
                $imp(vm, &args.values[1], &args.values[0])
            }
        )*
    };
}

binop_fns!(
    and, rand, "__and__", "__rand__" => views_and;
    or, ror, "__or__", "__ror__" => views_or;
    sub, rsub, "__sub__", "__rsub__" => views_sub;
    xor, rxor, "__xor__", "__rxor__" => views_xor;
);

fn isdisjoint(vm: &mut Vm, args: Args) -> PyResult {
    let (_, _, rest) = this(vm, &args, "isdisjoint", Sig::One)?;
    let mut this_v = args.values[0].clone();
    let mut other = rest[0].clone();
    if this_v.is(&other) {
        return Ok(Value::bool(vm.len(&this_v)? == 0));
    }
    if matches!(other, Value::Set(_)) || is_set_like_view(&other) {
        let len_self = vm.len(&this_v)?;
        if vm.len(&other)? > len_self {
            std::mem::swap(&mut this_v, &mut other);
        }
    }
    let it = vm.get_iter(&other)?;
    while let Some(x) = vm.iter_next(&it)? {
        if vm.contains(&this_v, &x)? {
            return Ok(Value::Bool(PyBool::FALSE));
        }
    }
    Ok(Value::Bool(PyBool::TRUE))
}

/// Every element of `a` is in `b`.
fn all_contained_in(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<bool> {
    let it = vm.get_iter(a)?;
    while let Some(x) = vm.iter_next(&it)? {
        if !vm.contains(b, &x)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// `dictview_richcompare`: set-like comparison with sets and keys/items views.
fn view_cmp(vm: &mut Vm, args: &Args, op: Compare) -> PyResult {
    this(vm, args, op.dunder(), Sig::Wrapper(1))?;
    let (a, b) = (&args.values[0], &args.values[1]);
    if !matches!(b, Value::Set(_)) && !is_set_like_view(b) {
        return Ok(Value::NotImplemented);
    }
    let (la, lb) = (vm.len(a)?, vm.len(b)?);
    let r = match op {
        Compare::Eq => la == lb && all_contained_in(vm, a, b)?,
        Compare::Ne => !(la == lb && all_contained_in(vm, a, b)?),
        Compare::Lt => la < lb && all_contained_in(vm, a, b)?,
        Compare::Le => la <= lb && all_contained_in(vm, a, b)?,
        Compare::Gt => la > lb && all_contained_in(vm, b, a)?,
        Compare::Ge => la >= lb && all_contained_in(vm, b, a)?,
    };
    Ok(Value::bool(r))
}

macro_rules! cmp_fns {
    ($($f:ident => $op:expr),* $(,)?) => {
        $(fn $f(vm: &mut Vm, args: Args) -> PyResult {
            view_cmp(vm, &args, $op)
        })*
    };
}

cmp_fns!(eq => Compare::Eq, ne => Compare::Ne, lt => Compare::Lt, le => Compare::Le, gt => Compare::Gt, ge => Compare::Ge);
