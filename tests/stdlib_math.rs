//! `apy::stdlib::math` against CPython 3.11: every expected value below was produced by
//! `python3` through the scripts in tests/gen/ (see tests/gen/regenerate.sh).

use apy::stdlib::math::{self, MathError};
use num_bigint::BigInt;

#[derive(Debug, Clone, Copy, PartialEq)]
#[allow(dead_code)]
enum Outcome {
    Float(u64),
    Nan,
    Bool(bool),
    Int(&'static str),
    FloatInt(u64, i64),
    Pair(u64, u64),
    Error(&'static str, &'static str),
}

mod float_cases {
    use super::Outcome;
    include!("generated/math_float_cases.rs");
}
mod int_cases {
    use super::Outcome;
    include!("generated/math_int_cases.rs");
}

fn f(bits: u64) -> f64 {
    f64::from_bits(bits)
}

fn from_float(r: Result<f64, MathError>) -> Outcome {
    match r {
        Ok(x) if x.is_nan() => Outcome::Nan,
        Ok(x) => Outcome::Float(x.to_bits()),
        Err(e) => from_error(e),
    }
}

fn from_error(e: MathError) -> Outcome {
    // Leak: the test compares against &'static str literals.
    Outcome::Error(e.exc_type(), Box::leak(e.to_string().into_boxed_str()))
}

fn from_int(r: Result<BigInt, MathError>) -> Outcome {
    match r {
        Ok(n) => Outcome::Int(Box::leak(n.to_string().into_boxed_str())),
        Err(e) => from_error(e),
    }
}

fn pair_bits(x: f64) -> u64 {
    if x.is_nan() {
        f64::NAN.to_bits()
    } else {
        x.to_bits()
    }
}

fn run_float(name: &str, a: &[u64]) -> Outcome {
    let x = a.first().map(|&b| f(b)).unwrap_or(0.0);
    let y = a.get(1).map(|&b| f(b)).unwrap_or(0.0);
    match name {
        "acos" => from_float(math::acos(x)),
        "acosh" => from_float(math::acosh(x)),
        "asin" => from_float(math::asin(x)),
        "asinh" => from_float(math::asinh(x)),
        "atan" => from_float(math::atan(x)),
        "atanh" => from_float(math::atanh(x)),
        "cbrt" => from_float(math::cbrt(x)),
        "cos" => from_float(math::cos(x)),
        "cosh" => from_float(math::cosh(x)),
        "sin" => from_float(math::sin(x)),
        "sinh" => from_float(math::sinh(x)),
        "tan" => from_float(math::tan(x)),
        "tanh" => from_float(math::tanh(x)),
        "exp" => from_float(math::exp(x)),
        "exp2" => from_float(math::exp2(x)),
        "expm1" => from_float(math::expm1(x)),
        "fabs" => from_float(math::fabs(x)),
        "log" => from_float(math::log(x, None)),
        "log2" => from_float(math::log2(x)),
        "log10" => from_float(math::log10(x)),
        "log1p" => from_float(math::log1p(x)),
        "sqrt" => from_float(math::sqrt(x)),
        "erf" => from_float(Ok(math::erf(x))),
        "erfc" => from_float(Ok(math::erfc(x))),
        "gamma" => from_float(math::gamma(x)),
        "lgamma" => from_float(math::lgamma(x)),
        "degrees" => from_float(Ok(math::degrees(x))),
        "radians" => from_float(Ok(math::radians(x))),
        "ulp" => from_float(Ok(math::ulp(x))),
        "frexp" => {
            let (m, e) = math::frexp(x);
            Outcome::FloatInt(m.to_bits(), i64::from(e))
        }
        "modf" => {
            let (a, b) = math::modf(x);
            Outcome::Pair(pair_bits(a), pair_bits(b))
        }
        "floor" => from_int(math::floor(x)),
        "ceil" => from_int(math::ceil(x)),
        "trunc" => from_int(math::trunc(x)),
        "isfinite" => Outcome::Bool(math::isfinite(x)),
        "isinf" => Outcome::Bool(math::isinf(x)),
        "isnan" => Outcome::Bool(math::isnan(x)),
        "atan2" => from_float(math::atan2(x, y)),
        "copysign" => from_float(math::copysign(x, y)),
        "fmod" => from_float(math::fmod(x, y)),
        "remainder" => from_float(math::remainder(x, y)),
        "pow" => from_float(math::pow(x, y)),
        "nextafter" => from_float(Ok(math::nextafter(x, y))),
        "hypot" => from_float(Ok(math::hypot(&[x, y]))),
        "hypot_n" => from_float(Ok(math::hypot(
            &a.iter().map(|&b| f(b)).collect::<Vec<_>>(),
        ))),
        "dist1" => from_float(math::dist(&[x], &[y])),
        "dist" => {
            let all: Vec<f64> = a.iter().map(|&b| f(b)).collect();
            let (p, q) = all.split_at(all.len() / 2);
            from_float(math::dist(p, q))
        }
        "log_base" => from_float(math::log(x, Some(y))),
        "fsum" => from_float(math::fsum(&a.iter().map(|&b| f(b)).collect::<Vec<_>>())),
        "isclose" => match math::isclose(x, y, f(a[2]), f(a[3])) {
            Ok(b) => Outcome::Bool(b),
            Err(e) => from_error(e),
        },
        other => panic!("no dispatcher for {other}"),
    }
}

fn outcome_matches(got: &Outcome, want: &Outcome) -> bool {
    match (got, want) {
        // modf of NaN: both halves NaN, compared by NaN-ness.
        (Outcome::Pair(a, b), Outcome::Pair(c, d)) => {
            let same = |x: u64, y: u64| x == y || (f(x).is_nan() && f(y).is_nan());
            same(*a, *c) && same(*b, *d)
        }
        _ => got == want,
    }
}

#[test]
fn float_functions_match_cpython() {
    let mut failures = Vec::new();
    for (name, args, want) in float_cases::FLOAT_CASES {
        let got = run_float(name, args);
        if !outcome_matches(&got, want) {
            let shown: Vec<f64> = args.iter().map(|&b| f(b)).collect();
            failures.push(format!("{name}{shown:?}: got {got:?}, CPython {want:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        float_cases::FLOAT_CASES.len(),
        failures
            .iter()
            .take(100000)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

fn big(s: &str) -> BigInt {
    s.parse().expect("test literal is an int")
}

fn run_int(name: &str, a: &[&str], floats: &[u64]) -> Outcome {
    let ints: Vec<BigInt> = a.iter().map(|s| big(s)).collect();
    match name {
        "gcd" => from_int(Ok(math::gcd(&ints))),
        "lcm" => from_int(Ok(math::lcm(&ints))),
        "isqrt" => from_int(math::isqrt(&ints[0])),
        "factorial" => from_int(math::factorial(&ints[0])),
        "comb" => from_int(math::comb(&ints[0], &ints[1])),
        "perm" => from_int(math::perm(&ints[0], ints.get(1))),
        "float" => from_float(math::int_to_f64(&ints[0])),
        "log" => from_float(math::log_bigint(&ints[0], None)),
        "log_ibase" => from_float(math::log_of(
            math::LogArg::Int(&ints[0]),
            Some(math::LogArg::Int(&ints[1])),
        )),
        "log_fbase" => from_float(math::log_bigint(&ints[0], Some(f(floats[0])))),
        "log2" => from_float(math::log2_bigint(&ints[0])),
        "log10" => from_float(math::log10_bigint(&ints[0])),
        "ldexp" => from_float(math::ldexp_bigint(f(floats[0]), &ints[0])),
        other => panic!("no dispatcher for {other}"),
    }
}

#[test]
fn int_functions_match_cpython() {
    let mut failures = Vec::new();
    for (name, args, floats, want) in int_cases::INT_CASES {
        let got = run_int(name, args, floats);
        if got != *want {
            failures.push(format!(
                "{name}{args:?}{floats:x?}: got {got:?}, CPython {want:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        int_cases::INT_CASES.len(),
        failures
            .iter()
            .take(100000)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn special_float_cases_match_cpython() {
    let mut failures = Vec::new();
    for (name, args, want) in int_cases::SPECIAL_FLOAT_CASES {
        let got = run_float(name, args);
        if !outcome_matches(&got, want) {
            let shown: Vec<f64> = args.iter().map(|&b| f(b)).collect();
            failures.push(format!("{name}{shown:?}: got {got:?}, CPython {want:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn fsum_accumulator_stops_at_intermediate_overflow() {
    let mut acc = math::FsumAccumulator::new();
    acc.add(f64::INFINITY).unwrap();
    acc.add(1e308).unwrap();
    assert_eq!(acc.add(1e308), Err(MathError::FsumOverflow));
}

#[test]
fn constants_match_cpython() {
    // python3 -c "import math; print(math.pi.hex(), math.e.hex(), math.tau.hex())"
    assert_eq!(math::PI.to_bits(), 0x400921fb54442d18);
    assert_eq!(math::E.to_bits(), 0x4005bf0a8b145769);
    assert_eq!(math::TAU.to_bits(), 0x401921fb54442d18);
    assert!(math::INF.is_infinite() && math::INF > 0.0);
    assert!(math::NAN.is_nan() && math::NAN.is_sign_positive());
}

#[test]
fn error_types_and_messages() {
    // python3: each line's exception, e.g. math.factorial(-1) -> ValueError
    let cases = [
        (MathError::Domain, "ValueError", "math domain error"),
        (MathError::Range, "OverflowError", "math range error"),
        (
            MathError::FactorialTooLarge,
            "OverflowError",
            "factorial() argument should not exceed 9223372036854775807",
        ),
        (
            MathError::PermKTooLarge,
            "OverflowError",
            "k must not exceed 9223372036854775807",
        ),
        (
            MathError::CombKTooLarge,
            "OverflowError",
            "min(n - k, k) must not exceed 9223372036854775807",
        ),
        (
            MathError::FloatDivisionByZero,
            "ZeroDivisionError",
            "float division by zero",
        ),
    ];
    for (e, ty, msg) in cases {
        assert_eq!((e.exc_type(), e.to_string().as_str()), (ty, msg));
    }
}

#[test]
fn factorial_of_ten_thousand_is_fast_and_right() {
    let start = std::time::Instant::now();
    let n = math::factorial(&BigInt::from(10000)).unwrap();
    assert!(start.elapsed().as_secs_f64() < 2.0);
    // python3 -c "import math; s=str(math.factorial(10000)); print(len(s), s[:20], s[-2600:-2580])"
    let s = n.to_string();
    assert_eq!(s.len(), 35660);
    assert_eq!(&s[..20], "28462596809170545189");
}
