//! The infinite iterators: `count`, `cycle`, `repeat`.

use super::{class_arg, ctor_args, new_object, state_cell, State};
use crate::native::{clinic, function_args, Clinic, Sig};
use crate::object::function::Args;
use crate::object::PyBool;
use crate::object::Value;
use crate::operator::BinOp;
use crate::vm::{PyResult, Vm};

/// `count(start, step)`. CPython counts in a machine integer ("fast mode") while the
/// start is an int and the step is the int 1, which also decides the repr (`count(1)`
/// for `count(True)`); anything else adds with `+`.
pub enum Count {
    Fast(i64),
    Slow { cnt: Value, step: Value },
}

impl Count {
    pub fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        if let Count::Slow { cnt, step } = self {
            f(cnt);
            f(step);
        }
    }

    pub fn step(&mut self, vm: &mut Vm) -> PyResult<Option<Value>> {
        match self {
            Count::Fast(n) if *n < i64::MAX => {
                let v = *n;
                *n += 1;
                Ok(Some(Value::Int(v)))
            }
            Count::Fast(n) => {
                *self = Count::Slow {
                    cnt: Value::Int(*n),
                    step: Value::Int(1),
                };
                self.step(vm)
            }
            Count::Slow { cnt, step } => {
                let next = vm.binary_op(cnt.clone(), step.clone(), BinOp::Add)?;
                Ok(Some(std::mem::replace(cnt, next)))
            }
        }
    }
}

/// `PyNumber_Check`: what `count` accepts.
fn is_number(v: &Value) -> bool {
    match v {
        Value::Int(_) | Value::BigInt(_) | Value::Bool(_) | Value::Float(_) => true,
        Value::Object(o) => ["__index__", "__int__", "__float__"].iter().any(|n| {
            o.class
                .lookup(n, crate::object::hash::hash_str(n))
                .is_some()
        }),
        _ => false,
    }
}

const COUNT: Clinic = Clinic::new("count", &["start", "step"]);

pub fn count_new(vm: &mut Vm, args: Args) -> PyResult {
    let class = class_arg(vm, &args)?;
    let a = clinic(vm, &COUNT, &ctor_args(&args))?;
    let start = a[0].clone().unwrap_or(Value::Int(0));
    let step = a[1].clone().unwrap_or(Value::Int(1));
    if !is_number(&start) || !is_number(&step) {
        return Err(vm.type_error("a number is required"));
    }
    let step_is_one = matches!(step, Value::Int(1) | Value::Bool(PyBool::TRUE));
    let fast = match &start {
        Value::Int(i) if step_is_one => Some(*i),
        Value::Bool(b) if step_is_one => Some(i64::from(*b)),
        _ => None,
    };
    let state = match fast {
        Some(n) => Count::Fast(n),
        None => Count::Slow { cnt: start, step },
    };
    Ok(new_object(&class, State::Count(state)))
}

pub fn count_repr(vm: &mut Vm, args: Args) -> PyResult {
    let Some(this) = args.values.first() else {
        return Ok(Value::str("count()"));
    };
    // The short name, as CPython's `_PyType_Name` (messages use the qualified one).
    let name = vm.class_of(this).name.clone();
    let parts = state_cell(this).and_then(|cell| match cell.borrow().native::<State>() {
        Some(State::Count(Count::Fast(n))) => Some((Value::Int(*n), None)),
        Some(State::Count(Count::Slow { cnt, step })) => Some((cnt.clone(), Some(step.clone()))),
        _ => None,
    });
    let Some((cnt, step)) = parts else {
        return Ok(Value::str(format!("{name}(...)")));
    };
    let cnt = vm.repr(&cnt)?;
    Ok(Value::str(match step {
        Some(step) if !matches!(step, Value::Int(1) | Value::Bool(PyBool::TRUE)) => {
            format!("{name}({cnt}, {})", vm.repr(&step)?)
        }
        _ => format!("{name}({cnt})"),
    }))
}

/// `cycle(iterable)`: the first pass saves what it yields, later passes replay it.
pub struct Cycle {
    iter: Option<Value>,
    saved: Vec<Value>,
    index: usize,
}

impl Cycle {
    pub fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        if let Some(it) = &self.iter {
            f(it);
        }
        self.saved.iter().for_each(f);
    }

    pub fn step(&mut self, vm: &mut Vm) -> PyResult<Option<Value>> {
        if let Some(it) = self.iter.clone() {
            if let Some(v) = vm.iter_next(&it)? {
                self.saved.push(v.clone());
                return Ok(Some(v));
            }
            self.iter = None;
        }
        if self.saved.is_empty() {
            return Ok(None);
        }
        let v = self.saved.get(self.index).cloned();
        self.index += 1;
        if self.index >= self.saved.len() {
            self.index = 0;
        }
        Ok(v)
    }
}

pub fn cycle_new(vm: &mut Vm, args: Args) -> PyResult {
    let class = class_arg(vm, &args)?;
    let a = function_args(vm, "cycle", Sig::Range(1, 1), &ctor_args(&args))?;
    let iter = vm.get_iter(&a[0])?;
    Ok(new_object(
        &class,
        State::Cycle(Cycle {
            iter: Some(iter),
            saved: Vec::new(),
            index: 0,
        }),
    ))
}

/// `repeat(object[, times])`; `remaining` is None for an endless repeat.
pub struct Repeat {
    value: Value,
    remaining: Option<i64>,
}

impl Repeat {
    pub fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        f(&self.value);
    }

    pub fn step(&mut self) -> Option<Value> {
        match &mut self.remaining {
            None => Some(self.value.clone()),
            Some(0) => None,
            Some(n) => {
                *n -= 1;
                Some(self.value.clone())
            }
        }
    }
}

const REPEAT: Clinic = Clinic::new("repeat", &["object", "times"]).required(1);

pub fn repeat_new(vm: &mut Vm, args: Args) -> PyResult {
    let class = class_arg(vm, &args)?;
    let a = clinic(vm, &REPEAT, &ctor_args(&args))?;
    let value = a[0].clone().unwrap_or(Value::None);
    let remaining = match &a[1] {
        None => None,
        Some(t) => Some(ssize_arg(vm, t)?.max(0)),
    };
    Ok(new_object(
        &class,
        State::Repeat(Repeat { value, remaining }),
    ))
}

/// A `Py_ssize_t` argument (`n` in a format string): `__index__`, OverflowError beyond.
pub fn ssize_arg(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    use num_traits::ToPrimitive;
    let n = crate::stdlib::math_convert::index_arg(vm, v)?;
    n.to_i64()
        .ok_or_else(|| vm.overflow_error("Python int too large to convert to C ssize_t"))
}

pub fn repeat_repr(vm: &mut Vm, args: Args) -> PyResult {
    let Some(this) = args.values.first() else {
        return Ok(Value::str("repeat()"));
    };
    // The short name, as CPython's `_PyType_Name` (messages use the qualified one).
    let name = vm.class_of(this).name.clone();
    let parts = state_cell(this).and_then(|cell| match cell.borrow().native::<State>() {
        Some(State::Repeat(r)) => Some((r.value.clone(), r.remaining)),
        _ => None,
    });
    let Some((value, remaining)) = parts else {
        return Ok(Value::str(format!("{name}(...)")));
    };
    let value = vm.repr(&value)?;
    Ok(Value::str(match remaining {
        Some(n) => format!("{name}({value}, {n})"),
        None => format!("{name}({value})"),
    }))
}
