//! The iterators that end with their input: `islice`, `chain`, `accumulate`, `starmap`,
//! `takewhile`, `dropwhile`, `compress`, `filterfalse`, `pairwise`.

use super::{class_arg, ctor_args, new_object, State};
use crate::native::{clinic, function_args, no_kwargs, one_arg, Clinic, Sig};
use crate::object::function::Args;
use crate::object::Value;
use crate::operator::BinOp;
use crate::vm::{PyResult, Vm};
use num_traits::ToPrimitive;

/// `islice(iterable, [start,] stop [, step])`. `stop` is -1 for None, as in CPython.
pub struct Islice {
    iter: Option<Value>,
    next: i64,
    stop: i64,
    step: i64,
    cnt: i64,
}

impl Islice {
    pub fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        if let Some(it) = &self.iter {
            f(it);
        }
    }

    pub fn step(&mut self, vm: &mut Vm) -> PyResult<Option<Value>> {
        let Some(it) = self.iter.clone() else {
            return Ok(None);
        };
        while self.cnt < self.next {
            if vm.iter_next(&it)?.is_none() {
                self.iter = None;
                return Ok(None);
            }
            self.cnt += 1;
        }
        if self.stop != -1 && self.cnt >= self.stop {
            self.iter = None;
            return Ok(None);
        }
        let Some(item) = vm.iter_next(&it)? else {
            self.iter = None;
            return Ok(None);
        };
        self.cnt += 1;
        let old = self.next;
        self.next = self.next.wrapping_add(self.step);
        if self.next < old || (self.stop != -1 && self.next > self.stop) {
            self.next = self.stop;
        }
        Ok(Some(item))
    }
}

/// `PyNumber_AsSsize_t(v, NULL)` as islice uses it: None for anything that is not an
/// index or does not fit (CPython turns both into its own ValueError).
fn islice_index(vm: &mut Vm, v: &Value) -> PyResult<Option<i64>> {
    match crate::stdlib::math_convert::index_opt(vm, v) {
        Ok(Some(n)) => Ok(n.to_i64()),
        Ok(None) => Ok(None),
        Err(e) if e.class.is_subclass(&vm.exc.type_error) => Ok(None),
        Err(e) => Err(e),
    }
}

const STOP_MSG: &str =
    "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
const INDICES_MSG: &str = "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
const STEP_MSG: &str = "Step for islice() must be a positive integer or None.";

pub fn islice_new(vm: &mut Vm, args: Args) -> PyResult {
    let class = class_arg(vm, &args)?;
    let a = function_args(vm, "islice", Sig::Range(2, 4), &ctor_args(&args))?;
    let (mut start, mut stop, mut step) = (0i64, -1i64, 1i64);
    if a.len() == 2 {
        if !a[1].is_none() {
            stop = match islice_index(vm, &a[1])? {
                Some(n) if n != -1 => n,
                _ => return Err(vm.value_error(STOP_MSG)),
            };
        }
    } else {
        if !a[1].is_none() {
            start = islice_index(vm, &a[1])?.unwrap_or(-1);
        }
        if !a[2].is_none() {
            stop = match islice_index(vm, &a[2])? {
                Some(n) if n != -1 => n,
                _ => return Err(vm.value_error(STOP_MSG)),
            };
        }
    }
    if start < 0 || stop < -1 {
        return Err(vm.value_error(INDICES_MSG));
    }
    if let Some(s) = a.get(3) {
        if !s.is_none() {
            step = islice_index(vm, s)?.unwrap_or(-1);
        }
    }
    if step < 1 {
        return Err(vm.value_error(STEP_MSG));
    }
    let iter = vm.get_iter(&a[0])?;
    Ok(new_object(
        &class,
        State::Islice(Islice {
            iter: Some(iter),
            next: start,
            stop,
            step,
            cnt: 0,
        }),
    ))
}

/// `chain(*iterables)` / `chain.from_iterable(iterables)`: `source` yields the
/// iterables, `active` is the iterator being drained.
pub struct Chain {
    source: Option<Value>,
    active: Option<Value>,
}

impl Chain {
    pub fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        if let Some(s) = &self.source {
            f(s);
        }
        if let Some(a) = &self.active {
            f(a);
        }
    }

    pub fn step(&mut self, vm: &mut Vm) -> PyResult<Option<Value>> {
        while let Some(source) = self.source.clone() {
            let active = match self.active.clone() {
                Some(a) => a,
                None => {
                    let Some(iterable) = vm.iter_next(&source)? else {
                        self.source = None;
                        return Ok(None);
                    };
                    match vm.get_iter(&iterable) {
                        Ok(a) => {
                            self.active = Some(a.clone());
                            a
                        }
                        Err(e) => {
                            self.source = None;
                            return Err(e);
                        }
                    }
                }
            };
            if let Some(v) = vm.iter_next(&active)? {
                return Ok(Some(v));
            }
            self.active = None;
        }
        Ok(None)
    }
}

pub fn chain_new(vm: &mut Vm, args: Args) -> PyResult {
    let class = class_arg(vm, &args)?;
    let iterables = no_kwargs(vm, "chain", &ctor_args(&args))?;
    let source = vm.get_iter(&Value::tuple(iterables.to_vec()))?;
    Ok(new_object(
        &class,
        State::Chain(Chain {
            source: Some(source),
            active: None,
        }),
    ))
}

/// `chain.from_iterable(iterable)`, a classmethod: `values[0]` is the class.
pub fn chain_from_iterable(vm: &mut Vm, args: Args) -> PyResult {
    let class = class_arg(vm, &args)?;
    let iterable = one_arg(vm, "chain.from_iterable", &ctor_args(&args))?;
    let source = vm.get_iter(iterable)?;
    Ok(new_object(
        &class,
        State::Chain(Chain {
            source: Some(source),
            active: None,
        }),
    ))
}

/// `accumulate(iterable, func=None, *, initial=None)`.
pub struct Accumulate {
    iter: Value,
    func: Value,
    total: Option<Value>,
    initial: Option<Value>,
}

impl Accumulate {
    pub fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        f(&self.iter);
        f(&self.func);
        if let Some(t) = &self.total {
            f(t);
        }
        if let Some(i) = &self.initial {
            f(i);
        }
    }

    pub fn step(&mut self, vm: &mut Vm) -> PyResult<Option<Value>> {
        if let Some(initial) = self.initial.take() {
            self.total = Some(initial.clone());
            return Ok(Some(initial));
        }
        let Some(v) = vm.iter_next(&self.iter.clone())? else {
            return Ok(None);
        };
        let Some(total) = self.total.clone() else {
            self.total = Some(v.clone());
            return Ok(Some(v));
        };
        let next = if self.func.is_none() {
            vm.binary_op(total, v, BinOp::Add)?
        } else {
            vm.call(&self.func.clone(), &[total, v])?
        };
        self.total = Some(next.clone());
        Ok(Some(next))
    }
}

const ACCUMULATE: Clinic = Clinic::new("accumulate", &["iterable", "func", "initial"])
    .required(1)
    .max_pos(2);

pub fn accumulate_new(vm: &mut Vm, args: Args) -> PyResult {
    let class = class_arg(vm, &args)?;
    let a = clinic(vm, &ACCUMULATE, &ctor_args(&args))?;
    let iter = vm.get_iter(a[0].as_ref().unwrap_or(&Value::None))?;
    let func = a[1].clone().unwrap_or(Value::None);
    let initial = a[2].clone().filter(|v| !v.is_none());
    Ok(new_object(
        &class,
        State::Accumulate(Accumulate {
            iter,
            func,
            total: None,
            initial,
        }),
    ))
}

/// `starmap(function, iterable)`.
pub struct Starmap {
    func: Value,
    iter: Value,
}

impl Starmap {
    pub fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        f(&self.func);
        f(&self.iter);
    }

    pub fn step(&mut self, vm: &mut Vm) -> PyResult<Option<Value>> {
        let Some(item) = vm.iter_next(&self.iter.clone())? else {
            return Ok(None);
        };
        let args = match &item {
            Value::Tuple(t) => t.items.to_vec(),
            other => vm.collect_iterable(other)?,
        };
        vm.call(&self.func.clone(), &args).map(Some)
    }
}

/// The `(function, iterable)` constructors.
fn func_and_iter(vm: &mut Vm, args: &Args, name: &str) -> PyResult<(Value, Value)> {
    let a = function_args(vm, name, Sig::Range(2, 2), &ctor_args(args))?;
    let iter = vm.get_iter(&a[1])?;
    Ok((a[0].clone(), iter))
}

pub fn starmap_new(vm: &mut Vm, args: Args) -> PyResult {
    let class = class_arg(vm, &args)?;
    let (func, iter) = func_and_iter(vm, &args, "starmap")?;
    Ok(new_object(&class, State::Starmap(Starmap { func, iter })))
}

/// `takewhile(predicate, iterable)`.
pub struct TakeWhile {
    pred: Value,
    iter: Value,
    stop: bool,
}

impl TakeWhile {
    pub fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        f(&self.pred);
        f(&self.iter);
    }

    pub fn step(&mut self, vm: &mut Vm) -> PyResult<Option<Value>> {
        if self.stop {
            return Ok(None);
        }
        let Some(item) = vm.iter_next(&self.iter.clone())? else {
            return Ok(None);
        };
        let good = vm.call(&self.pred.clone(), std::slice::from_ref(&item))?;
        if vm.is_true(&good)? {
            return Ok(Some(item));
        }
        self.stop = true;
        Ok(None)
    }
}

pub fn takewhile_new(vm: &mut Vm, args: Args) -> PyResult {
    let class = class_arg(vm, &args)?;
    let (pred, iter) = func_and_iter(vm, &args, "takewhile")?;
    Ok(new_object(
        &class,
        State::TakeWhile(TakeWhile {
            pred,
            iter,
            stop: false,
        }),
    ))
}

/// `dropwhile(predicate, iterable)`.
pub struct DropWhile {
    pred: Value,
    iter: Value,
    started: bool,
}

impl DropWhile {
    pub fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        f(&self.pred);
        f(&self.iter);
    }

    pub fn step(&mut self, vm: &mut Vm) -> PyResult<Option<Value>> {
        loop {
            let Some(item) = vm.iter_next(&self.iter.clone())? else {
                return Ok(None);
            };
            if self.started {
                return Ok(Some(item));
            }
            let good = vm.call(&self.pred.clone(), std::slice::from_ref(&item))?;
            if !vm.is_true(&good)? {
                self.started = true;
                return Ok(Some(item));
            }
        }
    }
}

pub fn dropwhile_new(vm: &mut Vm, args: Args) -> PyResult {
    let class = class_arg(vm, &args)?;
    let (pred, iter) = func_and_iter(vm, &args, "dropwhile")?;
    Ok(new_object(
        &class,
        State::DropWhile(DropWhile {
            pred,
            iter,
            started: false,
        }),
    ))
}

/// `filterfalse(predicate, iterable)`: `filter` with the test inverted.
pub struct FilterFalse {
    pred: Value,
    iter: Value,
}

impl FilterFalse {
    pub fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        f(&self.pred);
        f(&self.iter);
    }

    pub fn step(&mut self, vm: &mut Vm) -> PyResult<Option<Value>> {
        loop {
            let Some(item) = vm.iter_next(&self.iter.clone())? else {
                return Ok(None);
            };
            let truth = if self.pred.is_none() {
                vm.is_true(&item)?
            } else {
                let r = vm.call(&self.pred.clone(), std::slice::from_ref(&item))?;
                vm.is_true(&r)?
            };
            if !truth {
                return Ok(Some(item));
            }
        }
    }
}

pub fn filterfalse_new(vm: &mut Vm, args: Args) -> PyResult {
    let class = class_arg(vm, &args)?;
    let (pred, iter) = func_and_iter(vm, &args, "filterfalse")?;
    Ok(new_object(
        &class,
        State::FilterFalse(FilterFalse { pred, iter }),
    ))
}

/// `compress(data, selectors)`.
pub struct Compress {
    data: Value,
    selectors: Value,
}

impl Compress {
    pub fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        f(&self.data);
        f(&self.selectors);
    }

    pub fn step(&mut self, vm: &mut Vm) -> PyResult<Option<Value>> {
        loop {
            let Some(datum) = vm.iter_next(&self.data.clone())? else {
                return Ok(None);
            };
            let Some(selector) = vm.iter_next(&self.selectors.clone())? else {
                return Ok(None);
            };
            if vm.is_true(&selector)? {
                return Ok(Some(datum));
            }
        }
    }
}

const COMPRESS: Clinic = Clinic::new("compress", &["data", "selectors"]).required(2);

pub fn compress_new(vm: &mut Vm, args: Args) -> PyResult {
    let class = class_arg(vm, &args)?;
    let a = clinic(vm, &COMPRESS, &ctor_args(&args))?;
    let data = vm.get_iter(a[0].as_ref().unwrap_or(&Value::None))?;
    let selectors = vm.get_iter(a[1].as_ref().unwrap_or(&Value::None))?;
    Ok(new_object(
        &class,
        State::Compress(Compress { data, selectors }),
    ))
}

/// `pairwise(iterable)`.
pub struct Pairwise {
    iter: Option<Value>,
    old: Option<Value>,
}

impl Pairwise {
    pub fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        if let Some(it) = &self.iter {
            f(it);
        }
        if let Some(o) = &self.old {
            f(o);
        }
    }

    pub fn step(&mut self, vm: &mut Vm) -> PyResult<Option<Value>> {
        let Some(it) = self.iter.clone() else {
            return Ok(None);
        };
        let old = match self.old.clone() {
            Some(o) => o,
            None => match vm.iter_next(&it)? {
                Some(o) => {
                    self.old = Some(o.clone());
                    o
                }
                None => {
                    self.iter = None;
                    return Ok(None);
                }
            },
        };
        let Some(new) = vm.iter_next(&it)? else {
            self.iter = None;
            self.old = None;
            return Ok(None);
        };
        self.old = Some(new.clone());
        Ok(Some(Value::tuple(vec![old, new])))
    }
}

pub fn pairwise_new(vm: &mut Vm, args: Args) -> PyResult {
    let class = class_arg(vm, &args)?;
    let a = function_args(vm, "pairwise", Sig::Range(1, 1), &ctor_args(&args))?;
    let iter = vm.get_iter(&a[0])?;
    Ok(new_object(
        &class,
        State::Pairwise(Pairwise {
            iter: Some(iter),
            old: None,
        }),
    ))
}
