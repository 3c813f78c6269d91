//! The real-valued distribution methods of `random.Random`.
//!
//! The draws come from the pure core; the arithmetic random.py does with the caller's
//! arguments (`a + (b - a) * random()`, `mu + z * sigma`, ...) runs through the VM's
//! operators, so ints stay exact and bad arguments fail with CPython's messages.

use crate::native::{python_def, PyDef};
use crate::object::function::Args;
use crate::object::Value;
use crate::operator::BinOp;
use crate::stdlib::math;
use crate::stdlib::math_convert::{float_arg, math_error};
use crate::stdlib::random::Random;
use crate::stdlib::random_module::{generator, random_error};
use crate::vm::{PyResult, Vm};

fn bind(vm: &Vm, sig: &PyDef, args: &Args) -> PyResult<Vec<Value>> {
    if args.pos().is_empty() {
        return Err(vm.type_error(format!(
            "{}() missing 1 required positional argument: 'self'",
            sig.qualname
        )));
    }
    let b = python_def(vm, sig, args)?;
    generator(vm, b[0].as_ref().unwrap_or(&Value::None))?;
    Ok(b.into_iter().map(|v| v.unwrap_or(Value::Null)).collect())
}

/// Parameter `i`, or its default.
fn get(b: &[Value], i: usize, default: Value) -> Value {
    match b.get(i) {
        Some(Value::Null) | None => default,
        Some(v) => v.clone(),
    }
}

/// Runs `f` on the instance's generator.
fn draw<T>(vm: &Vm, this: &Value, f: impl FnOnce(&mut Random) -> T) -> PyResult<T> {
    let r = generator(vm, this)?;
    let mut r = r.borrow_mut();
    Ok(f(&mut r))
}

fn op(vm: &mut Vm, a: Value, b: Value, o: BinOp) -> PyResult {
    vm.binary_op(a, b, o)
}

/// `mu + z * sigma`.
fn affine(vm: &mut Vm, mu: Value, z: f64, sigma: Value) -> PyResult {
    if let (Value::Float(m), Value::Float(s)) = (&mu, &sigma) {
        return Ok(Value::float(m.get() + z * s.get()));
    }
    let scaled = op(vm, Value::float(z), sigma, BinOp::Mult)?;
    op(vm, mu, scaled, BinOp::Add)
}

const UNIFORM: PyDef = PyDef::new("Random.uniform", &["self", "a", "b"]);

pub fn uniform(vm: &mut Vm, args: Args) -> PyResult {
    let b = bind(vm, &UNIFORM, &args)?;
    let (lo, hi) = (b[1].clone(), b[2].clone());
    if let (Value::Float(x), Value::Float(y)) = (&lo, &hi) {
        let u = draw(vm, &b[0], |r| r.random())?;
        return Ok(Value::float(x.get() + (y.get() - x.get()) * u));
    }
    let width = op(vm, hi, lo.clone(), BinOp::Sub)?;
    let u = draw(vm, &b[0], |r| r.random())?;
    let scaled = op(vm, width, Value::float(u), BinOp::Mult)?;
    op(vm, lo, scaled, BinOp::Add)
}

const TRIANGULAR: PyDef =
    PyDef::new("Random.triangular", &["self", "low", "high", "mode"]).defaults(3);

pub fn triangular(vm: &mut Vm, args: Args) -> PyResult {
    let b = bind(vm, &TRIANGULAR, &args)?;
    let mut low = get(&b, 1, Value::float(0.0));
    let mut high = get(&b, 2, Value::float(1.0));
    let mode = get(&b, 3, Value::None);
    let mut u = draw(vm, &b[0], |r| r.random())?;
    let mut c = if mode.is_none() {
        Value::float(0.5)
    } else {
        let num = op(vm, mode, low.clone(), BinOp::Sub)?;
        let den = op(vm, high.clone(), low.clone(), BinOp::Sub)?;
        match op(vm, num, den, BinOp::Div) {
            Ok(c) => c,
            Err(e) if e.class.is_subclass(&vm.exc.zero_division_error) => return Ok(low),
            Err(e) => return Err(e),
        }
    };
    let gt = vm.rich_compare(&Value::float(u), &c, crate::bytecode::Compare::Gt)?;
    if vm.is_true(&gt)? {
        u = 1.0 - u;
        c = op(vm, Value::float(1.0), c, BinOp::Sub)?;
        std::mem::swap(&mut low, &mut high);
    }
    let uc = op(vm, Value::float(u), c, BinOp::Mult)?;
    let uc = float_arg(vm, &uc)?;
    let root = math::sqrt(uc).map_err(|e| math_error(vm, e))?;
    let width = op(vm, high, low.clone(), BinOp::Sub)?;
    let scaled = op(vm, width, Value::float(root), BinOp::Mult)?;
    op(vm, low, scaled, BinOp::Add)
}

const GAUSS: PyDef = PyDef::new("Random.gauss", &["self", "mu", "sigma"]).defaults(2);

pub fn gauss(vm: &mut Vm, args: Args) -> PyResult {
    let b = bind(vm, &GAUSS, &args)?;
    let z = draw(vm, &b[0], |r| r.gauss(0.0, 1.0))?;
    affine(
        vm,
        get(&b, 1, Value::float(0.0)),
        z,
        get(&b, 2, Value::float(1.0)),
    )
}

const NORMAL: PyDef = PyDef::new("Random.normalvariate", &["self", "mu", "sigma"]).defaults(2);

pub fn normalvariate(vm: &mut Vm, args: Args) -> PyResult {
    let b = bind(vm, &NORMAL, &args)?;
    let z = draw(vm, &b[0], |r| r.normalvariate(0.0, 1.0))?;
    affine(
        vm,
        get(&b, 1, Value::float(0.0)),
        z,
        get(&b, 2, Value::float(1.0)),
    )
}

const LOGNORMAL: PyDef = PyDef::new("Random.lognormvariate", &["self", "mu", "sigma"]);

pub fn lognormvariate(vm: &mut Vm, args: Args) -> PyResult {
    let b = bind(vm, &LOGNORMAL, &args)?;
    let z = draw(vm, &b[0], |r| r.normalvariate(0.0, 1.0))?;
    let n = affine(vm, b[1].clone(), z, b[2].clone())?;
    let n = float_arg(vm, &n)?;
    math::exp(n)
        .map(Value::float)
        .map_err(|e| math_error(vm, e))
}

const EXPO: PyDef = PyDef::new("Random.expovariate", &["self", "lambd"]);

pub fn expovariate(vm: &mut Vm, args: Args) -> PyResult {
    let b = bind(vm, &EXPO, &args)?;
    let u = draw(vm, &b[0], |r| r.random())?;
    let x = math::log(1.0 - u, None).map_err(|e| math_error(vm, e))?;
    op(vm, Value::float(-x), b[1].clone(), BinOp::Div)
}

/// Distributions whose parameters random.py only uses as floats.
macro_rules! float_params {
    ($($fname:ident, $sig:ident, $qual:literal, [$($p:literal),*], |$r:ident, $x:ident| $body:expr;)*) => {$(
        const $sig: PyDef = PyDef::new($qual, &["self", $($p),*]);

        pub fn $fname(vm: &mut Vm, args: Args) -> PyResult {
            let b = bind(vm, &$sig, &args)?;
            let mut $x = Vec::with_capacity(b.len());
            for v in &b[1..] {
                $x.push(float_arg(vm, v)?);
            }
            let r = draw(vm, &b[0], |$r| $body)?;
            r.map(Value::float).map_err(|e| random_error(vm, e))
        }
    )*};
}

float_params! {
    vonmisesvariate, VONMISES, "Random.vonmisesvariate", ["mu", "kappa"], |r, x| r.vonmisesvariate(x[0], x[1]);
    gammavariate, GAMMA, "Random.gammavariate", ["alpha", "beta"], |r, x| r.gammavariate(x[0], x[1]);
    betavariate, BETA, "Random.betavariate", ["alpha", "beta"], |r, x| r.betavariate(x[0], x[1]);
    paretovariate, PARETO, "Random.paretovariate", ["alpha"], |r, x| r.paretovariate(x[0]);
    weibullvariate, WEIBULL, "Random.weibullvariate", ["alpha", "beta"], |r, x| r.weibullvariate(x[0], x[1]);
}
