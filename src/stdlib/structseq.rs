//! Struct sequences (`time.struct_time`, `sys.version_info`, `sys.float_info`, ...):
//! named, read-only records that also behave as tuples of their first `visible` fields.
//!
//! CPython makes them tuple subclasses; apy cannot subclass built-in types, so a struct
//! sequence is an object holding a tuple. It indexes, slices, iterates, unpacks,
//! compares with tuples and prints like CPython's, but `isinstance(x, tuple)` is False
//! and its hash is by identity.

use crate::native::{add_methods, constructor, module_class, Clinic};
use crate::object::class::{Class, Layout};
use crate::object::function::Args;
use crate::object::{Object, Payload, Tuple, Value};
use crate::vm::{PyResult, Vm};
use std::rc::Rc;

/// The shape of one struct sequence type.
pub struct StructSeqLayout {
    /// The name in reprs and messages (`time.struct_time`).
    pub name: &'static str,
    /// Every field; the first `visible` are the tuple part.
    pub fields: &'static [&'static str],
    pub visible: usize,
}

/// A struct sequence instance's values and layout.
pub struct StructSeqData {
    pub values: Rc<Tuple>,
    pub layout: &'static StructSeqLayout,
}

/// A struct sequence's values are its native state; they hold only ints, floats and
/// strs, so they are never part of a cycle and need no clearing.
impl crate::object::NativeData for StructSeqData {
    fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        f(&Value::Tuple(self.values.clone()))
    }
}

thread_local! {
    /// The layout of each struct sequence class, for its constructor.
    static LAYOUTS: std::cell::RefCell<Vec<(usize, &'static StructSeqLayout)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Creates the class; `constructible` adds CPython's `T(sequence)` constructor.
pub fn new_class(
    vm: &mut Vm,
    module: &str,
    name: &str,
    layout: &'static StructSeqLayout,
    constructible: bool,
) -> Rc<Class> {
    let class = module_class(vm, module, name, Layout::Native);
    if constructible {
        constructor(vm, &class, structseq_new);
    }
    add_methods(
        vm,
        &class,
        &[
            ("__repr__", repr),
            ("__getitem__", getitem),
            ("__len__", len),
            ("__iter__", iter),
            ("__getattr__", getattr),
        ],
    );
    add_methods(vm, &class, RICH_COMPARE);
    let counts = [
        ("n_fields", layout.fields.len()),
        ("n_sequence_fields", layout.visible),
        ("n_unnamed_fields", 0),
    ];
    for (k, n) in counts {
        let key = vm.intern(k);
        class.dict.borrow_mut().set_str(key, Value::Int(n as i64));
    }
    let key = vm.intern("__match_args__");
    let names = layout.fields[..layout.visible]
        .iter()
        .map(|f| Value::str(*f))
        .collect();
    class.dict.borrow_mut().set_str(key, Value::tuple(names));
    LAYOUTS.with(|l| l.borrow_mut().push((Rc::as_ptr(&class) as usize, layout)));
    class
}

/// A new instance; missing trailing values are None.
pub fn new_instance(
    class: &Rc<Class>,
    layout: &'static StructSeqLayout,
    mut values: Vec<Value>,
) -> Value {
    values.resize(layout.fields.len(), Value::None);
    let data = StructSeqData {
        values: Tuple::new(values),
        layout,
    };
    Value::Object(Object::new(class.clone(), Payload::Native(Box::new(data))))
}

/// All values (visible and named-only) of a struct sequence.
pub fn values_of(v: &Value) -> Option<(Rc<Tuple>, &'static StructSeqLayout)> {
    match v {
        Value::Object(o) => o
            .native::<StructSeqData>()
            .map(|d| (d.values.clone(), d.layout)),
        _ => None,
    }
}

/// The tuple part.
fn visible_tuple(v: &Value) -> Option<Value> {
    values_of(v).map(|(t, l)| Value::tuple(t.items.iter().take(l.visible).cloned().collect()))
}

fn this(vm: &Vm, args: &Args) -> PyResult<(Rc<Tuple>, &'static StructSeqLayout)> {
    args.values
        .first()
        .and_then(values_of)
        .ok_or_else(|| vm.type_error("descriptor requires a struct sequence"))
}

fn structseq_new(vm: &mut Vm, args: Args) -> PyResult {
    let Some(Value::Class(class)) = args.values.first() else {
        return Err(vm.type_error("structseq.__new__(X): X is not a type object"));
    };
    let class = class.clone();
    let key = Rc::as_ptr(&class) as usize;
    let Some(layout) =
        LAYOUTS.with(|l| l.borrow().iter().find(|(k, _)| *k == key).map(|(_, l)| *l))
    else {
        return Err(vm.type_error(format!("cannot create '{}' instances", class.name)));
    };
    let (_, rest) = crate::native::split_self(vm, "structseq.__new__", &args)?;
    // `structseq(sequence, dict=None)`; apy's struct sequences have no extra fields.
    let [seq, _] = Clinic::new("structseq", &["sequence", "dict"])
        .required(1)
        .bind(vm, &rest)?;
    let seq = seq.unwrap_or(Value::None);
    let items = match &seq {
        Value::Int(_) | Value::BigInt(_) | Value::Float(_) | Value::Bool(_) | Value::None => {
            return Err(vm.type_error("constructor requires a sequence"))
        }
        other => vm.collect_iterable(other)?,
    };
    let (min, max) = (layout.visible, layout.fields.len());
    if items.len() < min {
        let how = if min == max { "a" } else { "an at least" };
        return Err(vm.type_error(format!(
            "{}() takes {how} {min}-sequence ({}-sequence given)",
            layout.name,
            items.len()
        )));
    }
    if items.len() > max {
        let how = if min == max { "a" } else { "an at most" };
        return Err(vm.type_error(format!(
            "{}() takes {how} {max}-sequence ({}-sequence given)",
            layout.name,
            items.len()
        )));
    }
    Ok(new_instance(&class, layout, items))
}

fn repr(vm: &mut Vm, args: Args) -> PyResult {
    let (t, layout) = this(vm, &args)?;
    let mut parts = Vec::with_capacity(layout.visible);
    for (name, v) in layout
        .fields
        .iter()
        .zip(t.items.iter())
        .take(layout.visible)
    {
        parts.push(format!("{name}={}", vm.repr(v)?));
    }
    Ok(Value::str(format!("{}({})", layout.name, parts.join(", "))))
}

fn getitem(vm: &mut Vm, args: Args) -> PyResult {
    let visible = args
        .values
        .first()
        .and_then(visible_tuple)
        .ok_or_else(|| vm.type_error("expected a struct sequence"))?;
    let key = args.values.get(1).cloned().unwrap_or(Value::None);
    vm.get_item(&visible, &key)
}

fn len(vm: &mut Vm, args: Args) -> PyResult {
    let (_, layout) = this(vm, &args)?;
    Ok(Value::Int(layout.visible as i64))
}

fn iter(vm: &mut Vm, args: Args) -> PyResult {
    let visible = args
        .values
        .first()
        .and_then(visible_tuple)
        .ok_or_else(|| vm.type_error("expected a struct sequence"))?;
    vm.get_iter(&visible)
}

fn getattr(vm: &mut Vm, args: Args) -> PyResult {
    let (t, layout) = this(vm, &args)?;
    let name = args.values.get(1).and_then(|v| v.as_str()).unwrap_or("");
    match layout
        .fields
        .iter()
        .position(|f| *f == name)
        .and_then(|i| t.items.get(i))
    {
        Some(v) => Ok(v.clone()),
        None => Err(vm.attribute_error(format!(
            "'{}' object has no attribute '{name}'",
            layout.name
        ))),
    }
}

/// Rich comparison as a tuple: against tuples and other struct sequences.
fn compare(vm: &mut Vm, args: &Args, op: crate::bytecode::Compare) -> PyResult {
    let Some(a) = args.values.first().and_then(visible_tuple) else {
        return Ok(Value::NotImplemented);
    };
    let other = args.values.get(1).cloned().unwrap_or(Value::None);
    let b = match &other {
        Value::Tuple(_) => other.clone(),
        _ => match visible_tuple(&other) {
            Some(t) => t,
            None => return Ok(Value::NotImplemented),
        },
    };
    vm.rich_compare(&a, &b, op)
}

crate::native::rich_compare_methods!(compare => RICH_COMPARE; eq, ne, lt, le, gt, ge);
