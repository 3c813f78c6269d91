//! The combinatoric iterators: `product`, `permutations`, `combinations`,
//! `combinations_with_replacement`. Each materializes its input pools at construction
//! (as CPython does) and then walks index vectors lazily.

use super::infinite::ssize_arg;
use super::{class_arg, ctor_args, new_object, State};
use crate::native::{clinic, Clinic};
use crate::object::function::Args;
use crate::object::Value;
use crate::vm::{PyResult, Vm};
use std::rc::Rc;

/// The most pool entries `product(..., repeat=n)` may reference, so a huge `repeat`
/// is a MemoryError rather than an abort.
const MAX_POOLS: usize = 1 << 24;

fn tuple_of(pool: &[Value], indices: impl Iterator<Item = usize>) -> Value {
    Value::tuple(indices.filter_map(|i| pool.get(i).cloned()).collect())
}

/// `product(*iterables, repeat=1)`.
pub struct Product {
    pools: Vec<Rc<Vec<Value>>>,
    indices: Vec<usize>,
    started: bool,
    stopped: bool,
}

impl Product {
    pub fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        // Repeated pools are shared: visit each distinct pool once.
        for (i, p) in self.pools.iter().enumerate() {
            if !self.pools[..i].iter().any(|q| Rc::ptr_eq(p, q)) {
                p.iter().for_each(&mut *f);
            }
        }
    }

    fn current(&self) -> Value {
        Value::tuple(
            self.pools
                .iter()
                .zip(&self.indices)
                .filter_map(|(p, &i)| p.get(i).cloned())
                .collect(),
        )
    }

    pub fn step(&mut self) -> Option<Value> {
        if self.stopped {
            return None;
        }
        if !self.started {
            self.started = true;
            if self.pools.iter().any(|p| p.is_empty()) {
                self.stopped = true;
                return None;
            }
            return Some(self.current());
        }
        let mut i = self.pools.len();
        loop {
            if i == 0 {
                self.stopped = true;
                return None;
            }
            i -= 1;
            self.indices[i] += 1;
            if self.indices[i] == self.pools[i].len() {
                self.indices[i] = 0;
            } else {
                break;
            }
        }
        Some(self.current())
    }
}

pub fn product_new(vm: &mut Vm, args: Args) -> PyResult {
    let class = class_arg(vm, &args)?;
    let args = ctor_args(&args);
    let mut repeat = 1i64;
    for (k, v) in args.kw() {
        if k != "repeat" {
            return Err(vm.type_error(format!(
                "'{k}' is an invalid keyword argument for product()"
            )));
        }
        repeat = ssize_arg(vm, v)?;
        if repeat < 0 {
            return Err(vm.value_error("repeat argument cannot be negative"));
        }
    }
    let iterables = if repeat == 0 { &[][..] } else { args.pos() };
    let repeat = usize::try_from(repeat).unwrap_or(0);
    if iterables.len().saturating_mul(repeat) > MAX_POOLS {
        return Err(vm.memory_error());
    }
    let mut distinct = Vec::with_capacity(iterables.len());
    for it in iterables {
        distinct.push(Rc::new(vm.collect_iterable(it)?));
    }
    let mut pools = Vec::with_capacity(distinct.len() * repeat);
    for _ in 0..repeat {
        pools.extend(distinct.iter().cloned());
    }
    let indices = vec![0; pools.len()];
    Ok(new_object(
        &class,
        State::Product(Product {
            pools,
            indices,
            started: false,
            stopped: false,
        }),
    ))
}

/// `permutations(iterable, r=None)`: CPython's indices/cycles algorithm.
pub struct Permutations {
    pool: Vec<Value>,
    r: usize,
    indices: Vec<usize>,
    cycles: Vec<usize>,
    started: bool,
    stopped: bool,
}

impl Permutations {
    pub fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        self.pool.iter().for_each(f);
    }

    pub fn step(&mut self) -> Option<Value> {
        let n = self.pool.len();
        let r = self.r;
        if self.stopped {
            return None;
        }
        if !self.started {
            self.started = true;
            if r > n {
                self.stopped = true;
                return None;
            }
            return Some(tuple_of(&self.pool, self.indices[..r].iter().copied()));
        }
        if n == 0 {
            self.stopped = true;
            return None;
        }
        for i in (0..r).rev() {
            self.cycles[i] -= 1;
            if self.cycles[i] == 0 {
                // Move indices[i] to the end.
                let idx = self.indices.remove(i);
                self.indices.push(idx);
                self.cycles[i] = n - i;
            } else {
                let j = self.cycles[i];
                self.indices.swap(i, n - j);
                return Some(tuple_of(&self.pool, self.indices[..r].iter().copied()));
            }
        }
        self.stopped = true;
        None
    }
}

const PERMUTATIONS: Clinic = Clinic::new("permutations", &["iterable", "r"]).required(1);

pub fn permutations_new(vm: &mut Vm, args: Args) -> PyResult {
    let class = class_arg(vm, &args)?;
    let a = clinic(vm, &PERMUTATIONS, &ctor_args(&args))?;
    let pool = vm.collect_iterable(a[0].as_ref().unwrap_or(&Value::None))?;
    let n = pool.len();
    let r = match &a[1] {
        None | Some(Value::None) => n,
        Some(v @ (Value::Int(_) | Value::Bool(_) | Value::BigInt(_))) => {
            let r = ssize_arg(vm, v)?;
            if r < 0 {
                return Err(vm.value_error("r must be non-negative"));
            }
            usize::try_from(r).unwrap_or(usize::MAX)
        }
        Some(_) => return Err(vm.type_error("Expected int as r")),
    };
    let indices: Vec<usize> = (0..n).collect();
    let cycles: Vec<usize> = (0..r.min(n)).map(|i| n - i).collect();
    Ok(new_object(
        &class,
        State::Permutations(Permutations {
            pool,
            r,
            indices,
            cycles,
            started: false,
            stopped: false,
        }),
    ))
}

/// The `(iterable, r)` arguments of the combinations constructors.
fn pool_and_r(vm: &mut Vm, args: &Args, sig: &Clinic) -> PyResult<(Vec<Value>, usize)> {
    let a = clinic(vm, sig, &ctor_args(args))?;
    let pool = vm.collect_iterable(a[0].as_ref().unwrap_or(&Value::None))?;
    let r = ssize_arg(vm, a[1].as_ref().unwrap_or(&Value::None))?;
    if r < 0 {
        return Err(vm.value_error("r must be non-negative"));
    }
    Ok((pool, usize::try_from(r).unwrap_or(usize::MAX)))
}

/// `combinations(iterable, r)`.
pub struct Combinations {
    pool: Vec<Value>,
    indices: Vec<usize>,
    started: bool,
    stopped: bool,
}

impl Combinations {
    pub fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        self.pool.iter().for_each(f);
    }

    pub fn step(&mut self) -> Option<Value> {
        if self.stopped {
            return None;
        }
        let n = self.pool.len();
        let r = self.indices.len();
        if !self.started {
            self.started = true;
            return Some(tuple_of(&self.pool, self.indices.iter().copied()));
        }
        let Some(i) = (0..r).rev().find(|&i| self.indices[i] != i + n - r) else {
            self.stopped = true;
            return None;
        };
        self.indices[i] += 1;
        for j in i + 1..r {
            self.indices[j] = self.indices[j - 1] + 1;
        }
        Some(tuple_of(&self.pool, self.indices.iter().copied()))
    }
}

const COMBINATIONS: Clinic = Clinic::new("combinations", &["iterable", "r"]).required(2);

pub fn combinations_new(vm: &mut Vm, args: Args) -> PyResult {
    let class = class_arg(vm, &args)?;
    let (pool, r) = pool_and_r(vm, &args, &COMBINATIONS)?;
    let stopped = r > pool.len();
    let indices = if stopped {
        Vec::new()
    } else {
        (0..r).collect()
    };
    Ok(new_object(
        &class,
        State::Combinations(Combinations {
            pool,
            indices,
            started: false,
            stopped,
        }),
    ))
}

/// `combinations_with_replacement(iterable, r)`.
pub struct CombinationsWithReplacement {
    pool: Vec<Value>,
    indices: Vec<usize>,
    started: bool,
    stopped: bool,
}

impl CombinationsWithReplacement {
    pub fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        self.pool.iter().for_each(f);
    }

    pub fn step(&mut self) -> Option<Value> {
        if self.stopped {
            return None;
        }
        let n = self.pool.len();
        let r = self.indices.len();
        if !self.started {
            self.started = true;
            return Some(tuple_of(&self.pool, self.indices.iter().copied()));
        }
        let Some(i) = (0..r).rev().find(|&i| self.indices[i] != n - 1) else {
            self.stopped = true;
            return None;
        };
        let v = self.indices[i] + 1;
        for slot in &mut self.indices[i..] {
            *slot = v;
        }
        Some(tuple_of(&self.pool, self.indices.iter().copied()))
    }
}

const CWR: Clinic = Clinic::new("combinations_with_replacement", &["iterable", "r"]).required(2);

/// The most index slots a combinations object may allocate (`r` is otherwise only
/// bounded by `sys.maxsize`).
const MAX_R: usize = 1 << 24;

pub fn cwr_new(vm: &mut Vm, args: Args) -> PyResult {
    let class = class_arg(vm, &args)?;
    let (pool, r) = pool_and_r(vm, &args, &CWR)?;
    let stopped = pool.is_empty() && r > 0;
    if !stopped && r > MAX_R {
        return Err(vm.memory_error());
    }
    let indices = if stopped { Vec::new() } else { vec![0; r] };
    Ok(new_object(
        &class,
        State::CombinationsWithReplacement(CombinationsWithReplacement {
            pool,
            indices,
            started: false,
            stopped,
        }),
    ))
}
