//! Sorting (`sorted`, `list.sort`) and `min`/`max`.
//!
//! A stable merge sort of our own: Python comparisons can fail or be inconsistent, and
//! the standard library's sorts may panic on an inconsistent order — ours just produces
//! some order, and stops at the first exception.

use crate::bytecode::Compare;
use crate::object::function::Args;
use crate::object::Value;
use crate::vm::{PyResult, Vm};

impl Vm {
    /// `a < b` as a bool, with fast paths for numbers and strings.
    pub fn less_than(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        match (a, b) {
            (Value::Int(x), Value::Int(y)) => Ok(x < y),
            (Value::Float(x), Value::Float(y)) => Ok(x < y),
            (Value::Str(x), Value::Str(y)) => Ok(x.as_str() < y.as_str()),
            _ => {
                let r = self.rich_compare(a, b, Compare::Lt)?;
                self.is_true(&r)
            }
        }
    }

    /// Sorts `items` by `keys` (same length), stably; `reverse` keeps stability as
    /// CPython does (equal elements stay in original order).
    pub fn sort_values(&mut self, items: &mut Vec<Value>, keys: Option<Vec<Value>>, reverse: bool) -> PyResult<()> {
        let n = items.len();
        let keys = keys.unwrap_or_else(|| items.clone());
        let mut order: Vec<usize> = (0..n).collect();
        if reverse {
            order.reverse();
        }
        let mut err = None;
        {
            let mut lt = |a: usize, b: usize| -> bool {
                if err.is_some() {
                    return false;
                }
                let (ka, kb) = (&keys[a], &keys[b]);
                match self.less_than(ka, kb) {
                    Ok(r) => r,
                    Err(e) => {
                        err = Some(e);
                        false
                    }
                }
            };
            merge_sort(&mut order, &mut lt);
        }
        if let Some(e) = err {
            return Err(e);
        }
        // Reverse, sort stably, reverse: descending with equal elements in input order.
        if reverse {
            order.reverse();
        }
        let old = std::mem::take(items);
        let mut slots: Vec<Option<Value>> = old.into_iter().map(Some).collect();
        *items = order.into_iter().map(|i| slots[i].take().unwrap_or_default()).collect();
        Ok(())
    }
}

/// Stable merge sort of indices by a strict "less than".
fn merge_sort(v: &mut Vec<usize>, lt: &mut dyn FnMut(usize, usize) -> bool) {
    const RUN: usize = 16;
    let n = v.len();
    for start in (0..n).step_by(RUN) {
        let end = (start + RUN).min(n);
        for i in start + 1..end {
            let x = v[i];
            let mut j = i;
            while j > start && lt(x, v[j - 1]) {
                v[j] = v[j - 1];
                j -= 1;
            }
            v[j] = x;
        }
    }
    let mut width = RUN;
    let mut buf = vec![0usize; n];
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut i, mut j, mut k) = (start, mid, start);
            while i < mid && j < end {
                if lt(v[j], v[i]) {
                    buf[k] = v[j];
                    j += 1;
                } else {
                    buf[k] = v[i];
                    i += 1;
                }
                k += 1;
            }
            buf[k..k + (mid - i)].copy_from_slice(&v[i..mid]);
            k += mid - i;
            buf[k..k + (end - j)].copy_from_slice(&v[j..end]);
            start = end;
        }
        std::mem::swap(v, &mut buf);
        width *= 2;
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
                return Err(vm.type_error(format!("{fname}() got an unexpected keyword argument '{k}'")));
            }
        }
    }
    Ok((key, reverse))
}

/// `reverse=` is a C `int` flag in CPython's signature: it accepts only int-like values.
pub fn int_flag(vm: &mut Vm, v: &Value) -> PyResult<bool> {
    let too_large = |vm: &Vm| vm.overflow_error("Python int too large to convert to C int");
    match v {
        Value::Bool(b) => Ok(*b),
        Value::Int(i) => match i32::try_from(*i) {
            Ok(i) => Ok(i != 0),
            Err(_) => Err(too_large(vm)),
        },
        Value::BigInt(_) => Err(too_large(vm)),
        Value::Object(_) => match vm.to_index(v)? {
            Some(i) if i32::try_from(i).is_ok() => Ok(i != 0),
            Some(_) => Err(too_large(vm)),
            None => Err(vm.type_error(format!("'{}' object cannot be interpreted as an integer", vm.type_name(v)))),
        },
        other => Err(vm.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(other)
        ))),
    }
}

/// Sorts a vector of values with the `key=`/`reverse=` semantics.
pub fn sort_with(vm: &mut Vm, items: &mut Vec<Value>, key: &Value, reverse: bool) -> PyResult<()> {
    let keys = if key.is_none() {
        None
    } else {
        let mut ks = Vec::with_capacity(items.len());
        for v in items.iter() {
            ks.push(vm.call(key, &[v.clone()])?);
        }
        Some(ks)
    };
    vm.sort_values(items, keys, reverse)
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
            _ => return Err(vm.type_error(format!("{name}() got an unexpected keyword argument '{k}'"))),
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
        let k = if key.is_none() { v.clone() } else { vm.call(&key, &[v.clone()])? };
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
