//! The `random` module: the `random.Random` class over the pure core
//! ([`crate::stdlib::random::Random`]) and the module-level functions.
//!
//! Each `Random` instance keeps its generator in its payload (`Payload::Native` holding a
//! [`RandomState`]), created by `Random.__new__` — so
//! instances of user subclasses have one too, and the state dies with the object. The
//! module-level functions are, as in CPython, bound methods of one hidden instance
//! (`random._inst`), seeded from the OS at import.
//!
//! Methods that CPython writes in Python (random.py) bind their arguments with Python's
//! rules and messages and do their arithmetic with the VM's operators, so unusual
//! arguments (ints of any size, str where a number is expected) fail exactly as there.
//! Not supported: `getstate`/`setstate`, `SystemRandom`, and subclasses that override
//! `random()`/`getrandbits()` do not change what the other methods draw.

use crate::native::{add_methods, constructor, module_class, ModuleDef};
use crate::native::{no_args, one_arg, python_def, split_self, PyDef};
use crate::object::class::Layout;
use crate::object::function::Args;
use crate::object::{BoundMethod, NativeData, Object, Payload, PyBool, Value};
use crate::operator::BinOp;
use crate::stdlib::math_convert::{exception_named, float_arg, index_arg, index_opt};
use crate::stdlib::random::{Random, RandomError};
use crate::vm::{PyResult, Vm};
use num_bigint::BigInt;
use num_traits::{One, Signed, ToPrimitive, Zero};
use std::cell::RefCell;

pub fn random_error(vm: &Vm, e: RandomError) -> crate::object::ExcRef {
    exception_named(vm, e.exc_type(), e.to_string())
}

/// A `Random` instance's native state: its generator (2.5 KB, behind the payload's box,
/// so objects stay small). Instances of user subclasses carry it too, because
/// `Random.__new__` creates every instance.
pub struct RandomState(RefCell<Random>);

impl NativeData for RandomState {
    fn traverse(&self, _: &mut dyn FnMut(&Value)) {}
}

fn random_payload(state: Random) -> Payload {
    Payload::Native(Box::new(RandomState(RefCell::new(state))))
}

/// The generator of a `Random` instance.
pub fn generator<'a>(vm: &Vm, this: &'a Value) -> PyResult<&'a RefCell<Random>> {
    if let Value::Object(o) = this {
        if let Some(r) = o.native::<RandomState>() {
            return Ok(&r.0);
        }
    }
    Err(vm.type_error(format!(
        "descriptor requires a 'random.Random' object but received a '{}'",
        vm.type_name(this)
    )))
}

/// The instance a method was called on and its generator, plus the other arguments.
fn receiver<'a>(vm: &Vm, qualname: &str, args: &Args<'a>) -> PyResult<(&'a Value, Args<'a>)> {
    let (this, rest) = split_self(vm, qualname, args)?;
    generator(vm, this)?;
    Ok((this, rest))
}

/// Binds a Python-defined method; `values[0]` of the result is `self`.
fn bind(vm: &Vm, sig: &PyDef, args: &Args) -> PyResult<Vec<Option<Value>>> {
    let bound = python_def(vm, sig, args)?;
    if let Some(Some(this)) = bound.first() {
        generator(vm, this)?;
    }
    Ok(bound)
}

fn arg(bound: &[Option<Value>], i: usize) -> Value {
    bound.get(i).cloned().flatten().unwrap_or(Value::None)
}

fn arg_or(bound: &[Option<Value>], i: usize, default: Value) -> Value {
    bound.get(i).cloned().flatten().unwrap_or(default)
}

pub fn load(vm: &mut Vm) -> PyResult<Value> {
    let m = ModuleDef::new("random");
    let class = module_class(vm, "random", "Random", Layout::Object);
    constructor(vm, &class, random_new);
    let table: &[(&'static str, crate::object::function::NativeFn)] = &[
        ("__init__", random_init),
        ("seed", seed),
        ("random", random),
        ("getrandbits", getrandbits),
        ("randbytes", randbytes),
        ("randrange", randrange),
        ("randint", randint),
        ("choice", choice),
        ("shuffle", shuffle),
        ("sample", sample),
        ("choices", choices),
        ("uniform", super::random_distributions::uniform),
        ("triangular", super::random_distributions::triangular),
        ("gauss", super::random_distributions::gauss),
        ("normalvariate", super::random_distributions::normalvariate),
        (
            "lognormvariate",
            super::random_distributions::lognormvariate,
        ),
        ("expovariate", super::random_distributions::expovariate),
        (
            "vonmisesvariate",
            super::random_distributions::vonmisesvariate,
        ),
        ("gammavariate", super::random_distributions::gammavariate),
        ("betavariate", super::random_distributions::betavariate),
        ("paretovariate", super::random_distributions::paretovariate),
        (
            "weibullvariate",
            super::random_distributions::weibullvariate,
        ),
    ];
    add_methods(vm, &class, table);
    let inst = Value::Object(Object::with_dict(
        class.clone(),
        random_payload(Random::from_os()),
    ));
    for &(name, _) in table.iter().skip(1) {
        let key = vm.intern(name);
        let f = class.lookup_str(&key).unwrap_or(Value::None);
        m.value(
            vm,
            name,
            Value::BoundMethod(BoundMethod::new(f, inst.clone())),
        );
    }
    m.value(vm, "Random", Value::Class(class));
    m.value(vm, "_inst", inst);
    Ok(m.finish(vm))
}

/// `Random.__new__`: every instance (subclasses too) gets a generator; `__init__` seeds it.
fn random_new(vm: &mut Vm, args: Args) -> PyResult {
    let Some(Value::Class(cls)) = args.values.first() else {
        return Err(vm.type_error("Random.__new__(X): X is not a type object"));
    };
    let state = Random::from_int(&BigInt::zero());
    Ok(Value::Object(Object::with_dict(
        cls.clone(),
        random_payload(state),
    )))
}

const INIT: PyDef = PyDef::new("Random.__init__", &["self", "x"]).defaults(1);

/// `Random.__init__(self, x=None)`: `self.seed(x)`, so an overridden `seed` is used.
fn random_init(vm: &mut Vm, args: Args) -> PyResult {
    let b = bind(vm, &INIT, &args)?;
    vm.call_method(&arg(&b, 0), "seed", &[arg(&b, 1)])?;
    Ok(Value::None)
}

const SEED: PyDef = PyDef::new("Random.seed", &["self", "a", "version"]).defaults(2);

/// CPython's version-1 string seed (random.py), kept for `seed(s, version=1)`.
fn version1_key(text: &[u32]) -> BigInt {
    let mut x: u64 = match text.first() {
        Some(&c) => u64::from(c) << 7,
        None => 0,
    };
    for &c in text {
        x = 1_000_003u64.wrapping_mul(x) ^ u64::from(c);
    }
    x ^= text.len() as u64;
    BigInt::from(x)
}

fn seed(vm: &mut Vm, args: Args) -> PyResult {
    let b = bind(vm, &SEED, &args)?;
    let this = arg(&b, 0);
    let a = arg(&b, 1);
    let version = arg_or(&b, 2, Value::Int(2));
    let version1 = matches!(version, Value::Int(1) | Value::Bool(PyBool::TRUE));
    let hash = match &a {
        Value::Float(_) => Some(vm.hash(&a)?),
        _ => None,
    };
    let r = generator(vm, &this)?;
    let mut r = r.borrow_mut();
    match &a {
        Value::None => r.seed_from_os(),
        Value::Int(i) => r.seed_int(&BigInt::from(*i)),
        Value::Bool(v) => r.seed_int(&BigInt::from(u8::from(*v))),
        Value::BigInt(n) => r.seed_int(n),
        Value::Str(s) if version1 => r.seed_int(&version1_key(
            &s.as_str().chars().map(u32::from).collect::<Vec<_>>(),
        )),
        Value::Bytes(s) if version1 => r.seed_int(&version1_key(
            &s.data.iter().map(|&c| u32::from(c)).collect::<Vec<_>>(),
        )),
        Value::Str(s) => r.seed_str(s.as_str()),
        Value::Bytes(s) => r.seed_bytes(&s.data),
        Value::Float(_) => r.seed_hash(hash.unwrap_or(0)),
        _ => {
            drop(r);
            return Err(vm.type_error(
                "The only supported seed types are: None,\nint, float, str, bytes, and bytearray.",
            ));
        }
    }
    Ok(Value::None)
}

fn random(vm: &mut Vm, args: Args) -> PyResult {
    let (this, rest) = receiver(vm, "Random.random", &args)?;
    no_args(vm, "Random.random", &rest)?;
    Ok(Value::float(generator(vm, this)?.borrow_mut().random()))
}

fn getrandbits(vm: &mut Vm, args: Args) -> PyResult {
    let (this, rest) = receiver(vm, "Random.getrandbits", &args)?;
    let k = index_arg(vm, one_arg(vm, "Random.getrandbits", &rest)?)?;
    let k = k.to_i64().unwrap_or(i64::MAX);
    let r = generator(vm, this)?.borrow_mut().getrandbits_checked(k);
    r.map(Value::from_bigint).map_err(|e| random_error(vm, e))
}

const RANDBYTES: PyDef = PyDef::new("Random.randbytes", &["self", "n"]);

fn randbytes(vm: &mut Vm, args: Args) -> PyResult {
    let b = bind(vm, &RANDBYTES, &args)?;
    let this = arg(&b, 0);
    let n = arg(&b, 1);
    let n = match index_opt(vm, &n)? {
        Some(n) => n.to_i64().unwrap_or(i64::MAX),
        None => {
            let times8 = vm.binary_op(n, Value::Int(8), BinOp::Mult)?;
            index_arg(vm, &times8)?;
            0
        }
    };
    let r = generator(vm, &this)?.borrow_mut().randbytes(n);
    r.map(|bytes| Value::Bytes(std::rc::Rc::new(crate::object::string::PyBytes::new(bytes))))
        .map_err(|e| random_error(vm, e))
}

/// random.py's `_index(x)` with its `int(x)` fallback for integral non-ints.
fn randrange_int(vm: &mut Vm, v: &Value, what: &str) -> PyResult<BigInt> {
    if let Some(n) = index_opt(vm, v)? {
        return Ok(n);
    }
    let i = vm.to_int(v)?;
    if !vm.eq(&i, v)? {
        return Err(vm.value_error(format!("non-integer {what} for randrange()")));
    }
    index_arg(vm, &i)
}

/// `randrange(start, stop=None, step=1)` on already-bound arguments.
fn randrange_values(
    vm: &mut Vm,
    this: &Value,
    start: &Value,
    stop: Option<&Value>,
    step: Option<&Value>,
) -> PyResult {
    let istart = randrange_int(vm, start, "arg 1")?;
    let (istop, istep) = match stop {
        None => {
            if step.is_some_and(|s| !matches!(s, Value::Int(1))) {
                return Err(random_error(vm, RandomError::MissingStop));
            }
            (None, BigInt::one())
        }
        Some(stop) => {
            let istop = randrange_int(vm, stop, "stop")?;
            let istep = match step {
                Some(s) => randrange_int(vm, s, "step")?,
                None => BigInt::one(),
            };
            (Some(istop), istep)
        }
    };
    let r = generator(vm, this)?;
    let result = match (
        istart.to_i64(),
        istop.as_ref().map(|s| s.to_i64()),
        istep.to_i64(),
    ) {
        (Some(a), None, Some(s)) => r.borrow_mut().randrange_i64(a, None, s).map(BigInt::from),
        (Some(a), Some(Some(b)), Some(s)) => r
            .borrow_mut()
            .randrange_i64(a, Some(b), s)
            .map(BigInt::from),
        _ => r.borrow_mut().randrange(&istart, istop.as_ref(), &istep),
    };
    result
        .map(Value::from_bigint)
        .map_err(|e| random_error(vm, e))
}

const RANDRANGE: PyDef =
    PyDef::new("Random.randrange", &["self", "start", "stop", "step"]).defaults(2);

fn randrange(vm: &mut Vm, args: Args) -> PyResult {
    let b = bind(vm, &RANDRANGE, &args)?;
    let stop = b[2].clone().filter(|s| !s.is_none());
    randrange_values(vm, &arg(&b, 0), &arg(&b, 1), stop.as_ref(), b[3].as_ref())
}

const RANDINT: PyDef = PyDef::new("Random.randint", &["self", "a", "b"]);

fn randint(vm: &mut Vm, args: Args) -> PyResult {
    let b = bind(vm, &RANDINT, &args)?;
    let this = arg(&b, 0);
    if let (Value::Int(lo), Value::Int(hi)) = (arg(&b, 1), arg(&b, 2)) {
        let r = generator(vm, &this)?.borrow_mut().randint_i64(lo, hi);
        return r.map(Value::Int).map_err(|e| random_error(vm, e));
    }
    let stop = vm.binary_op(arg(&b, 2), Value::Int(1), BinOp::Add)?;
    randrange_values(vm, &this, &arg(&b, 1), Some(&stop), None)
}

/// `seq[i]` with fast paths for the common sequences.
pub fn index_seq(vm: &mut Vm, seq: &Value, i: usize) -> PyResult {
    let fast = match seq {
        Value::List(l) => l.items.borrow().get(i).cloned(),
        Value::Tuple(t) => t.items.get(i).cloned(),
        _ => None,
    };
    match fast {
        Some(v) => Ok(v),
        None => {
            let idx = Value::Int(i64::try_from(i).unwrap_or(i64::MAX));
            vm.get_item(seq, &idx)
        }
    }
}

const CHOICE: PyDef = PyDef::new("Random.choice", &["self", "seq"]);

fn choice(vm: &mut Vm, args: Args) -> PyResult {
    let b = bind(vm, &CHOICE, &args)?;
    let seq = arg(&b, 1);
    let n = vm.len(&seq)?;
    let i = generator(vm, &arg(&b, 0))?.borrow_mut().choice_index(n);
    let i = i.map_err(|e| random_error(vm, e))?;
    index_seq(vm, &seq, i)
}

const SHUFFLE: PyDef = PyDef::new("Random.shuffle", &["self", "x"]);

fn shuffle(vm: &mut Vm, args: Args) -> PyResult {
    let b = bind(vm, &SHUFFLE, &args)?;
    let this = arg(&b, 0);
    let x = arg(&b, 1);
    if let Value::List(l) = &x {
        let r = generator(vm, &this)?;
        let mut items = l.items.borrow_mut();
        r.borrow_mut().shuffle(&mut items);
        return Ok(Value::None);
    }
    // Any other mutable sequence: random.py's swap loop, item by item.
    let n = vm.len(&x)?;
    for i in (1..n).rev() {
        let j = generator(vm, &this)?.borrow_mut().randbelow_usize(i + 1);
        let (iv, jv) = (Value::Int(i as i64), Value::Int(j as i64));
        let xj = vm.get_item(&x, &jv)?;
        let xi = vm.get_item(&x, &iv)?;
        vm.set_item(&x, iv, xj)?;
        vm.set_item(&x, jv, xi)?;
    }
    Ok(Value::None)
}

const SAMPLE: PyDef = PyDef::new("Random.sample", &["self", "population", "k"]).kwonly(&["counts"]);

fn sample(vm: &mut Vm, args: Args) -> PyResult {
    let b = bind(vm, &SAMPLE, &args)?;
    let this = arg(&b, 0);
    let population = arg(&b, 1);
    let k = arg(&b, 2);
    let counts = arg(&b, 3);
    if !matches!(
        population,
        Value::List(_) | Value::Tuple(_) | Value::Str(_) | Value::Bytes(_) | Value::Range(_)
    ) {
        return Err(
            vm.type_error("Population must be a sequence.  For dicts or sets, use sorted(d).")
        );
    }
    let n = vm.len(&population)?;
    let k = sample_size(vm, &k, n)?;
    let indices = if counts.is_none() {
        generator(vm, &this)?.borrow_mut().sample_indices(n, k)
    } else {
        let counts = vm.collect_iterable(&counts)?;
        let mut ints = Vec::with_capacity(counts.len());
        for c in &counts {
            match index_opt(vm, c)? {
                Some(c) => ints.push(c.to_i64().unwrap_or(i64::MAX)),
                None => return Err(vm.type_error("Counts must be integers")),
            }
        }
        generator(vm, &this)?
            .borrow_mut()
            .sample_counts_indices(n, &ints, k)
    };
    let indices = indices.map_err(|e| random_error(vm, e))?;
    let mut out = Vec::with_capacity(indices.len());
    for i in indices {
        out.push(index_seq(vm, &population, i)?);
    }
    Ok(Value::list(out))
}

/// `sample`'s `k`: random.py checks `0 <= k <= n` and then builds `[None] * k`.
fn sample_size(vm: &mut Vm, k: &Value, n: usize) -> PyResult<i64> {
    if let Some(k) = index_opt(vm, k)? {
        return Ok(k
            .to_i64()
            .unwrap_or(if k.is_negative() { i64::MIN } else { i64::MAX }));
    }
    match k {
        Value::Float(f) if f.get() >= 0.0 && f.get() <= n as f64 => {
            Err(vm.type_error("can't multiply sequence by non-int of type 'float'"))
        }
        Value::Float(_) => Err(random_error(vm, RandomError::SampleSize)),
        other => Err(vm.type_error(format!(
            "'<=' not supported between instances of 'int' and '{}'",
            vm.type_name(other)
        ))),
    }
}

const CHOICES: PyDef = PyDef::new("Random.choices", &["self", "population", "weights"])
    .defaults(1)
    .kwonly(&["cum_weights", "k"]);

/// A weight as the float random.py ends up comparing.
fn weight(vm: &mut Vm, v: &Value) -> PyResult<f64> {
    match v {
        Value::Int(_) | Value::BigInt(_) | Value::Bool(_) | Value::Float(_) => float_arg(vm, v),
        Value::Str(_) => Err(vm.type_error("can only concatenate str (not \"float\") to str")),
        other => {
            let r = vm.binary_op(other.clone(), Value::float(0.0), BinOp::Add)?;
            vm.to_float(&r)
        }
    }
}

fn choices(vm: &mut Vm, args: Args) -> PyResult {
    let b = bind(vm, &CHOICES, &args)?;
    let this = arg(&b, 0);
    let population = arg(&b, 1);
    let weights = arg(&b, 2);
    let cum_weights = arg(&b, 3);
    let k = arg_or(&b, 4, Value::Int(1));
    let n = vm.len(&population)?;
    let k = match index_opt(vm, &k)? {
        Some(k) => k
            .to_i64()
            .unwrap_or(if k.is_negative() { 0 } else { i64::MAX })
            .max(0),
        None => {
            return Err(vm.type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                vm.type_name(&k)
            )))
        }
    };
    let k = usize::try_from(k).unwrap_or(usize::MAX);
    let floats = |vm: &mut Vm, v: &Value| -> PyResult<Option<Vec<f64>>> {
        if v.is_none() {
            return Ok(None);
        }
        let items = vm.collect_iterable(v)?;
        items
            .iter()
            .map(|w| weight(vm, w))
            .collect::<PyResult<Vec<f64>>>()
            .map(Some)
    };
    if cum_weights.is_none() && !weights.is_none() {
        if let Value::Int(w) = weights {
            return Err(vm.type_error(format!(
                "The number of choices must be a keyword argument: k={w}"
            )));
        }
    }
    let w = floats(vm, &weights)?;
    let cw = if w.is_some() && !cum_weights.is_none() {
        return Err(random_error(vm, RandomError::BothWeights));
    } else {
        floats(vm, &cum_weights)?
    };
    let indices =
        generator(vm, &this)?
            .borrow_mut()
            .choices_indices(n, k, w.as_deref(), cw.as_deref());
    let indices = indices.map_err(|e| random_error(vm, e))?;
    let mut out = Vec::with_capacity(indices.len());
    for i in indices {
        out.push(index_seq(vm, &population, i)?);
    }
    Ok(Value::list(out))
}
