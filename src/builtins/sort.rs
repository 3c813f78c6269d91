//! The builtins that order values: `sorted`, `min`, `max`, and the `key=`/`reverse=`
//! options they share with `list.sort`. The sort itself lives in the VM (`vm::sort`),
//! which needs it too (sorted keyword names in calls).

use crate::object::function::Args;
use crate::object::Value;
use crate::vm::{PyResult, Vm};

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

pub fn sorted(vm: &mut Vm, args: Args) -> PyResult {
    if args.pos().len() != 1 {
        return Err(vm.type_error(format!(
            "sorted expected 1 argument, got {}",
            args.pos().len()
        )));
    }
    let (key, reverse) = sort_options(vm, &args, "sorted")?;
    let mut items = vm.collect_iterable(&args.pos()[0])?;
    vm.sort_with(&mut items, &key, reverse)?;
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
    let mut best: Option<(Value, Value)> = None;
    let mut consider = |vm: &mut Vm, v: Value| -> PyResult<()> {
        let k = if key.is_none() {
            v.clone()
        } else {
            vm.call(&key, std::slice::from_ref(&v))?
        };
        let replace = match &best {
            None => true,
            Some((_, bk)) => {
                if want_max {
                    // `item > best`, as CPython asks it (its error names `>`).
                    let r = vm.rich_compare(&k, bk, crate::bytecode::Compare::Gt)?;
                    vm.is_true(&r)?
                } else {
                    vm.less_than(&k, bk)?
                }
            }
        };
        if replace {
            best = Some((v, k));
        }
        Ok(())
    };
    match pos.len() {
        0 => return Err(vm.type_error(format!("{name} expected at least 1 argument, got 0"))),
        // Numbers compare without Python code and without failing: a generator of them
        // may run ahead of the comparisons. With a key function, item by item.
        1 => {
            let accept = match key.is_none() {
                true => super::core_fns::is_number,
                false => |_: &Value| false,
            };
            vm.for_each_item(&pos[0], accept, &mut consider)?;
        }
        _ => {
            if default.is_some() {
                return Err(vm.type_error(format!(
                    "Cannot specify a default for {name}() with multiple positional arguments"
                )));
            }
            for v in pos.iter().cloned() {
                consider(vm, v)?;
            }
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
