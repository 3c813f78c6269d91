//! The `math` module: the pure core in [`crate::stdlib::math`] behind CPython's argument
//! conventions (see [`crate::stdlib::math_convert`]).

use crate::native::ModuleDef;
use crate::native::{clinic, function_args, no_kwargs, one_arg, Clinic, Sig};
use crate::object::function::Args;
use crate::object::Value;
use crate::operator::BinOp;
use crate::stdlib::math::{self, MathError};
use crate::stdlib::math_convert::{float_arg, index_arg, log_arg, math_error};
use crate::vm::{PyResult, Vm};
use num_bigint::BigInt;

type MathFn = fn(f64) -> Result<f64, MathError>;

/// One-argument float functions that can fail.
macro_rules! float_1 {
    ($($fname:ident => $qual:literal, $core:expr;)*) => {$(
        fn $fname(vm: &mut Vm, args: Args) -> PyResult {
            let x = float_arg(vm, one_arg(vm, $qual, &args)?)?;
            let f: MathFn = $core;
            f(x).map(Value::float).map_err(|e| math_error(vm, e))
        }
    )*};
}

float_1! {
    m_acos => "math.acos", math::acos;
    m_acosh => "math.acosh", math::acosh;
    m_asin => "math.asin", math::asin;
    m_asinh => "math.asinh", math::asinh;
    m_atan => "math.atan", math::atan;
    m_atanh => "math.atanh", math::atanh;
    m_cbrt => "math.cbrt", math::cbrt;
    m_cos => "math.cos", math::cos;
    m_cosh => "math.cosh", math::cosh;
    m_exp => "math.exp", math::exp;
    m_exp2 => "math.exp2", math::exp2;
    m_expm1 => "math.expm1", math::expm1;
    m_fabs => "math.fabs", math::fabs;
    m_log1p => "math.log1p", math::log1p;
    m_sin => "math.sin", math::sin;
    m_sinh => "math.sinh", math::sinh;
    m_sqrt => "math.sqrt", math::sqrt;
    m_tan => "math.tan", math::tan;
    m_tanh => "math.tanh", math::tanh;
    m_gamma => "math.gamma", math::gamma;
    m_lgamma => "math.lgamma", math::lgamma;
    m_erf => "math.erf", |x| Ok(math::erf(x));
    m_erfc => "math.erfc", |x| Ok(math::erfc(x));
    m_degrees => "math.degrees", |x| Ok(math::degrees(x));
    m_radians => "math.radians", |x| Ok(math::radians(x));
    m_ulp => "math.ulp", |x| Ok(math::ulp(x));
}

/// One-argument float predicates.
macro_rules! float_pred {
    ($($fname:ident => $qual:literal, $core:expr;)*) => {$(
        fn $fname(vm: &mut Vm, args: Args) -> PyResult {
            let x = float_arg(vm, one_arg(vm, $qual, &args)?)?;
            let f: fn(f64) -> bool = $core;
            Ok(Value::bool(f(x)))
        }
    )*};
}

float_pred! {
    m_isfinite => "math.isfinite", math::isfinite;
    m_isinf => "math.isinf", math::isinf;
    m_isnan => "math.isnan", math::isnan;
}

/// Two-argument float functions.
macro_rules! float_2 {
    ($($fname:ident => $name:literal, $core:expr;)*) => {$(
        fn $fname(vm: &mut Vm, args: Args) -> PyResult {
            let a = function_args(vm, concat!("math.", $name), Sig::Range(2, 2), &args)?;
            let x = float_arg(vm, &a[0])?;
            let y = float_arg(vm, &a[1])?;
            let f: fn(f64, f64) -> Result<f64, MathError> = $core;
            f(x, y).map(Value::float).map_err(|e| math_error(vm, e))
        }
    )*};
}

float_2! {
    m_atan2 => "atan2", math::atan2;
    m_copysign => "copysign", math::copysign;
    m_fmod => "fmod", math::fmod;
    m_remainder => "remainder", math::remainder;
    m_pow => "pow", math::pow;
    m_nextafter => "nextafter", |x, y| Ok(math::nextafter(x, y));
}

pub fn load(vm: &mut Vm) -> PyResult<Value> {
    let m = ModuleDef::new("math");
    let table: &[(&'static str, crate::object::function::NativeFn)] = &[
        ("acos", m_acos),
        ("acosh", m_acosh),
        ("asin", m_asin),
        ("asinh", m_asinh),
        ("atan", m_atan),
        ("atan2", m_atan2),
        ("atanh", m_atanh),
        ("cbrt", m_cbrt),
        ("ceil", m_ceil),
        ("comb", m_comb),
        ("copysign", m_copysign),
        ("cos", m_cos),
        ("cosh", m_cosh),
        ("degrees", m_degrees),
        ("dist", m_dist),
        ("erf", m_erf),
        ("erfc", m_erfc),
        ("exp", m_exp),
        ("exp2", m_exp2),
        ("expm1", m_expm1),
        ("fabs", m_fabs),
        ("factorial", m_factorial),
        ("floor", m_floor),
        ("fmod", m_fmod),
        ("frexp", m_frexp),
        ("fsum", m_fsum),
        ("gamma", m_gamma),
        ("gcd", m_gcd),
        ("hypot", m_hypot),
        ("isclose", m_isclose),
        ("isfinite", m_isfinite),
        ("isinf", m_isinf),
        ("isnan", m_isnan),
        ("isqrt", m_isqrt),
        ("lcm", m_lcm),
        ("ldexp", m_ldexp),
        ("lgamma", m_lgamma),
        ("log", m_log),
        ("log10", m_log10),
        ("log1p", m_log1p),
        ("log2", m_log2),
        ("modf", m_modf),
        ("nextafter", m_nextafter),
        ("perm", m_perm),
        ("pow", m_pow),
        ("prod", m_prod),
        ("radians", m_radians),
        ("remainder", m_remainder),
        ("sin", m_sin),
        ("sinh", m_sinh),
        ("sqrt", m_sqrt),
        ("tan", m_tan),
        ("tanh", m_tanh),
        ("trunc", m_trunc),
        ("ulp", m_ulp),
    ];
    m.funcs(vm, table);
    m.value(vm, "pi", Value::float(math::PI));
    m.value(vm, "e", Value::float(math::E));
    m.value(vm, "tau", Value::float(math::TAU));
    m.value(vm, "inf", Value::float(math::INF));
    m.value(vm, "nan", Value::float(math::NAN));
    Ok(m.finish(vm))
}

fn int_result(r: Result<BigInt, MathError>, vm: &Vm) -> PyResult {
    r.map(Value::from_bigint).map_err(|e| math_error(vm, e))
}

/// `floor`/`ceil`: ints are returned as they are, floats rounded, other objects asked
/// for `__floor__`/`__ceil__` before falling back to `float(x)`.
fn rounding(
    vm: &mut Vm,
    args: Args,
    qual: &str,
    dunder: &str,
    f: fn(f64) -> Result<BigInt, MathError>,
) -> PyResult {
    let x = one_arg(vm, qual, &args)?;
    match x {
        Value::Int(_) | Value::BigInt(_) => return Ok(x.clone()),
        Value::Bool(b) => return Ok(Value::Int(i64::from(*b))),
        Value::Float(v) => return int_result(f(v.get()), vm),
        Value::Object(o) => {
            let h = crate::object::hash::hash_str(dunder);
            if let Some(m) = o.class.lookup(dunder, h) {
                return vm.call(&m, std::slice::from_ref(x));
            }
        }
        _ => {}
    }
    let v = float_arg(vm, x)?;
    int_result(f(v), vm)
}

fn m_floor(vm: &mut Vm, args: Args) -> PyResult {
    rounding(vm, args, "math.floor", "__floor__", math::floor)
}

fn m_ceil(vm: &mut Vm, args: Args) -> PyResult {
    rounding(vm, args, "math.ceil", "__ceil__", math::ceil)
}

fn m_trunc(vm: &mut Vm, args: Args) -> PyResult {
    let x = one_arg(vm, "math.trunc", &args)?;
    match x {
        Value::Int(_) | Value::BigInt(_) => Ok(x.clone()),
        Value::Bool(b) => Ok(Value::Int(i64::from(*b))),
        Value::Float(v) => int_result(math::trunc(v.get()), vm),
        Value::Object(o) => match o
            .class
            .lookup("__trunc__", crate::object::hash::hash_str("__trunc__"))
        {
            Some(m) => vm.call(&m, std::slice::from_ref(x)),
            None => Err(vm.type_error(format!(
                "type {} doesn't define __trunc__ method",
                o.class.name
            ))),
        },
        _ => Err(vm.type_error(format!(
            "type {} doesn't define __trunc__ method",
            vm.type_name(x)
        ))),
    }
}

fn m_factorial(vm: &mut Vm, args: Args) -> PyResult {
    let n = index_arg(vm, one_arg(vm, "math.factorial", &args)?)?;
    int_result(math::factorial(&n), vm)
}

fn m_isqrt(vm: &mut Vm, args: Args) -> PyResult {
    let n = index_arg(vm, one_arg(vm, "math.isqrt", &args)?)?;
    int_result(math::isqrt(&n), vm)
}

fn int_list(vm: &mut Vm, values: &[Value]) -> PyResult<Vec<BigInt>> {
    values.iter().map(|v| index_arg(vm, v)).collect()
}

fn m_gcd(vm: &mut Vm, args: Args) -> PyResult {
    let values = int_list(vm, no_kwargs(vm, "math.gcd", &args)?)?;
    Ok(Value::from_bigint(math::gcd(&values)))
}

fn m_lcm(vm: &mut Vm, args: Args) -> PyResult {
    let values = int_list(vm, no_kwargs(vm, "math.lcm", &args)?)?;
    Ok(Value::from_bigint(math::lcm(&values)))
}

fn m_comb(vm: &mut Vm, args: Args) -> PyResult {
    let a = function_args(vm, "math.comb", Sig::Range(2, 2), &args)?;
    let n = index_arg(vm, &a[0])?;
    let k = index_arg(vm, &a[1])?;
    int_result(math::comb(&n, &k), vm)
}

fn m_perm(vm: &mut Vm, args: Args) -> PyResult {
    let a = function_args(vm, "math.perm", Sig::Range(1, 2), &args)?;
    let n = index_arg(vm, &a[0])?;
    let k = match a.get(1) {
        None | Some(Value::None) => None,
        Some(k) => Some(index_arg(vm, k)?),
    };
    int_result(math::perm(&n, k.as_ref()), vm)
}

fn m_log(vm: &mut Vm, args: Args) -> PyResult {
    no_kwargs(vm, "log", &args)?;
    if args.values.is_empty() || args.values.len() > 2 {
        return Err(vm.type_error("math.log requires 1 to 2 arguments"));
    }
    let x = log_arg(vm, &args.values[0])?;
    let base = match args.values.get(1) {
        Some(b) => Some(log_arg(vm, b)?),
        None => None,
    };
    math::log_of(x.as_arg(), base.as_ref().map(|b| b.as_arg()))
        .map(Value::float)
        .map_err(|e| math_error(vm, e))
}

/// `log2`/`log10` of an int are exact for ints of any size.
fn log_int_aware(
    vm: &mut Vm,
    args: Args,
    qual: &str,
    of_int: fn(&BigInt) -> Result<f64, MathError>,
    of_float: MathFn,
) -> PyResult {
    let x = log_arg(vm, one_arg(vm, qual, &args)?)?;
    let r = match &x {
        crate::stdlib::math_convert::LogValue::Int(n) => of_int(n),
        crate::stdlib::math_convert::LogValue::Float(f) => of_float(*f),
    };
    r.map(Value::float).map_err(|e| math_error(vm, e))
}

fn m_log2(vm: &mut Vm, args: Args) -> PyResult {
    log_int_aware(vm, args, "math.log2", math::log2_bigint, math::log2)
}

fn m_log10(vm: &mut Vm, args: Args) -> PyResult {
    log_int_aware(vm, args, "math.log10", math::log10_bigint, math::log10)
}

fn m_ldexp(vm: &mut Vm, args: Args) -> PyResult {
    let a = function_args(vm, "math.ldexp", Sig::Range(2, 2), &args)?;
    let x = float_arg(vm, &a[0])?;
    let r = match &a[1] {
        Value::Int(i) => math::ldexp(x, *i),
        Value::Bool(b) => math::ldexp(x, i64::from(*b)),
        Value::BigInt(b) => math::ldexp_bigint(x, b),
        _ => return Err(vm.type_error("Expected an int as second argument to ldexp.")),
    };
    r.map(Value::float).map_err(|e| math_error(vm, e))
}

fn m_frexp(vm: &mut Vm, args: Args) -> PyResult {
    let x = float_arg(vm, one_arg(vm, "math.frexp", &args)?)?;
    let (m, e) = math::frexp(x);
    Ok(Value::tuple(vec![
        Value::float(m),
        Value::Int(i64::from(e)),
    ]))
}

fn m_modf(vm: &mut Vm, args: Args) -> PyResult {
    let x = float_arg(vm, one_arg(vm, "math.modf", &args)?)?;
    let (frac, int) = math::modf(x);
    Ok(Value::tuple(vec![Value::float(frac), Value::float(int)]))
}

fn m_fsum(vm: &mut Vm, args: Args) -> PyResult {
    let iterable = one_arg(vm, "math.fsum", &args)?;
    let it = vm.get_iter(iterable)?;
    let mut acc = math::FsumAccumulator::new();
    while let Some(v) = vm.iter_next(&it)? {
        let x = float_arg(vm, &v)?;
        acc.add(x).map_err(|e| math_error(vm, e))?;
    }
    acc.finish()
        .map(Value::float)
        .map_err(|e| math_error(vm, e))
}

fn m_hypot(vm: &mut Vm, args: Args) -> PyResult {
    let values = no_kwargs(vm, "math.hypot", &args)?;
    let coords = values
        .iter()
        .map(|v| float_arg(vm, v))
        .collect::<PyResult<Vec<f64>>>()?;
    Ok(Value::float(math::hypot(&coords)))
}

fn m_dist(vm: &mut Vm, args: Args) -> PyResult {
    let a = function_args(vm, "math.dist", Sig::Range(2, 2), &args)?;
    let p = vm.collect_iterable(&a[0])?;
    let q = vm.collect_iterable(&a[1])?;
    if p.len() != q.len() {
        return Err(math_error(vm, MathError::DistDimensionMismatch));
    }
    let p = p
        .iter()
        .map(|v| float_arg(vm, v))
        .collect::<PyResult<Vec<f64>>>()?;
    let q = q
        .iter()
        .map(|v| float_arg(vm, v))
        .collect::<PyResult<Vec<f64>>>()?;
    math::dist(&p, &q)
        .map(Value::float)
        .map_err(|e| math_error(vm, e))
}

const ISCLOSE: Clinic = Clinic::new("isclose", &["a", "b", "rel_tol", "abs_tol"])
    .required(2)
    .max_pos(2);

fn m_isclose(vm: &mut Vm, args: Args) -> PyResult {
    let a = clinic(vm, &ISCLOSE, &args)?;
    let mut x = [0.0; 4];
    let defaults = [0.0, 0.0, math::ISCLOSE_REL_TOL, math::ISCLOSE_ABS_TOL];
    for (i, slot) in x.iter_mut().enumerate() {
        *slot = match &a[i] {
            Some(v) => float_arg(vm, v)?,
            None => defaults[i],
        };
    }
    math::isclose(x[0], x[1], x[2], x[3])
        .map(Value::bool)
        .map_err(|e| math_error(vm, e))
}

const PROD: Clinic = Clinic::new("prod", &["iterable", "start"])
    .posonly(1)
    .required(1)
    .max_pos(1);

/// `math.prod`: plain `*` from the start value on, like CPython (its int and float
/// fast paths give the same results as the generic multiplication).
fn m_prod(vm: &mut Vm, args: Args) -> PyResult {
    let a = clinic(vm, &PROD, &args)?;
    let iterable = a[0].clone().unwrap_or(Value::None);
    let mut acc = a[1].clone().unwrap_or(Value::Int(1));
    let it = vm.get_iter(&iterable)?;
    while let Some(v) = vm.iter_next(&it)? {
        acc = vm.binary_op(acc, v, BinOp::Mult)?;
    }
    Ok(acc)
}
