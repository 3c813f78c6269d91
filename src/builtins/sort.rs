//! Sorting (`sorted`, `list.sort`) and `min`/`max`.
//!
//! The sort itself is CPython's (see `timsort`): Python comparisons can fail or be
//! inconsistent, and programs can observe which comparisons are made.

use crate::bytecode::Compare;
use crate::object::function::Args;
use crate::object::Value;
use crate::vm::{PyResult, Vm};

impl Vm {
    /// `a < b` as a bool, with fast paths for numbers and strings.
    pub fn less_than(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        match (a, b) {
            (Value::Int(x), Value::Int(y)) => Ok(x < y),
            (Value::Float(x), Value::Float(y)) => Ok(x.get() < y.get()),
            (Value::Str(x), Value::Str(y)) => Ok(x.as_str() < y.as_str()),
            _ => {
                let r = self.rich_compare(a, b, Compare::Lt)?;
                self.is_true(&r)
            }
        }
    }
}

/// Parses `key=` and `reverse=` keyword arguments.
pub fn sort_options(vm: &mut Vm, args: &Args, fname: &str) -> PyResult<(Value, bool)> {
    let mut key = Value::None;
    let mut reverse = false;
    for (k, v) in args.kw() {
        match k {
            "key" => key = v.clone(),
            "reverse" => reverse = int_flag(vm, v)?,
            _ => {
                return Err(vm.type_error(format!(
                    "{fname}() got an unexpected keyword argument '{k}'"
                )));
            }
        }
    }
    Ok((key, reverse))
}

/// `reverse=` is a C `int` flag in CPython's signature: it accepts only int-like values.
pub fn int_flag(vm: &mut Vm, v: &Value) -> PyResult<bool> {
    let too_large = |vm: &Vm| vm.overflow_error("Python int too large to convert to C int");
    match v {
        Value::Bool(b) => Ok(b.get()),
        Value::Int(i) => match i32::try_from(*i) {
            Ok(i) => Ok(i != 0),
            Err(_) => Err(too_large(vm)),
        },
        Value::BigInt(_) => Err(too_large(vm)),
        Value::Object(_) => match vm.to_index(v)? {
            Some(i) if i32::try_from(i).is_ok() => Ok(i != 0),
            Some(_) => Err(too_large(vm)),
            None => Err(vm.type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                vm.type_name(v)
            ))),
        },
        other => Err(vm.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(other)
        ))),
    }
}

/// Sorts a vector of values with `list.sort`'s semantics: keys are computed first (an
/// error leaves the items untouched), `reverse` reverses before and after a stable sort,
/// and a failing comparison leaves the items in the order CPython leaves them.
pub fn sort_with(vm: &mut Vm, items: &mut Vec<Value>, key: &Value, reverse: bool) -> PyResult<()> {
    let keyed = !key.is_none();
    let mut slots: Vec<super::timsort::Slot> = if keyed {
        let mut slots = Vec::with_capacity(items.len());
        for v in items.iter() {
            let k = vm.call(key, std::slice::from_ref(v))?;
            slots.push((k, v.clone()));
        }
        slots
    } else {
        items.drain(..).map(|v| (v, Value::Null)).collect()
    };
    let n = slots.len();
    if reverse && n > 1 {
        slots.reverse();
    }
    let result = super::timsort::timsort(vm, &mut slots);
    if reverse && n > 1 {
        slots.reverse();
    }
    *items = slots
        .into_iter()
        .map(|(k, v)| if keyed { v } else { k })
        .collect();
    result
}

pub fn sorted(vm: &mut Vm, args: Args) -> PyResult {
    if args.pos().len() != 1 {
        return Err(vm.type_error(format!(
            "sorted expected 1 argument, got {}",
            args.pos().len()
        )));
    }
    let (key, reverse) = sort_options(vm, &args, "sorted")?;
    let mut items = vm.collect_iterable(&args.pos()[0])?;
    sort_with(vm, &mut items, &key, reverse)?;
    Ok(Value::list(items))
}

fn min_max(vm: &mut Vm, args: Args, name: &str, want_max: bool) -> PyResult {
    let mut key = Value::None;
    let mut default = None;
    for (k, v) in args.kw() {
        match k {
            "key" => key = v.clone(),
            "default" => default = Some(v.clone()),
            _ => {
                return Err(
                    vm.type_error(format!("{name}() got an unexpected keyword argument '{k}'"))
                )
            }
        }
    }
    let pos = args.pos();
    let items = match pos.len() {
        0 => return Err(vm.type_error(format!("{name} expected at least 1 argument, got 0"))),
        1 => vm.collect_iterable(&pos[0])?,
        _ => {
            if default.is_some() {
                return Err(vm.type_error(format!(
                    "Cannot specify a default for {name}() with multiple positional arguments"
                )));
            }
            pos.to_vec()
        }
    };
    let mut best: Option<(Value, Value)> = None;
    for v in items {
        let k = if key.is_none() {
            v.clone()
        } else {
            vm.call(&key, std::slice::from_ref(&v))?
        };
        let replace = match &best {
            None => true,
            Some((_, bk)) => {
                if want_max {
                    vm.less_than(bk, &k)?
                } else {
                    vm.less_than(&k, bk)?
                }
            }
        };
        if replace {
            best = Some((v, k));
        }
    }
    match best {
        Some((v, _)) => Ok(v),
        None => match default {
            Some(d) => Ok(d),
            None => Err(vm.value_error(format!("{name}() arg is an empty sequence"))),
        },
    }
}

pub fn min(vm: &mut Vm, args: Args) -> PyResult {
    min_max(vm, args, "min", false)
}

pub fn max(vm: &mut Vm, args: Args) -> PyResult {
    min_max(vm, args, "max", true)
}
