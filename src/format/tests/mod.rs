//! Table tests: every expectation below was produced by CPython 3.11 (see `tests/gen/`).
//! Each test runs its whole table and reports every mismatch, not just the first.

#[rustfmt::skip]
mod float_repr_cases;
#[rustfmt::skip]
mod format_cases;
#[rustfmt::skip]
mod misc_cases;

use super::*;
use num_bigint::BigInt;
use std::str::FromStr;

/// Outcome of one call, in the tables' shape: ("ok", text) or (exception class, message).
fn outcome(r: Result<String, FormatError>) -> (String, String) {
    match r {
        Ok(text) => ("ok".to_string(), text),
        Err(e) => (e.exception_kind().to_string(), e.to_string()),
    }
}

fn report(failures: &[String], total: usize) {
    for f in failures.iter().take(40) {
        eprintln!("{f}");
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ from CPython",
        failures.len(),
        total
    );
}

fn parse_hex_int(text: &str) -> BigInt {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let digits = digits.strip_prefix("0x").expect("hex literal");
    let v = BigInt::parse_bytes(digits.as_bytes(), 16).expect("hex digits");
    if negative {
        -v
    } else {
        v
    }
}

#[test]
fn float_repr_matches_cpython() {
    let mut failures = Vec::new();
    for &(bits, expected) in float_repr_cases::CASES {
        let got = float_repr(f64::from_bits(bits));
        if got != expected {
            failures.push(format!(
                "repr({bits:#x}): got {got:?}, CPython {expected:?}"
            ));
        }
        // str(float) is repr(float); format(x, '') is too.
        let via_format = format_float(f64::from_bits(bits), &FormatSpec::default(), "float");
        if via_format.as_deref() != Ok(expected) {
            failures.push(format!(
                "format({bits:#x}, ''): got {via_format:?}, CPython {expected:?}"
            ));
        }
    }
    report(&failures, float_repr_cases::CASES.len());
}

fn check_format_table<V: Copy + std::fmt::Debug>(
    table: &[(V, &str, &str, &str)],
    type_name: &str,
    run: impl Fn(V, &FormatSpec) -> Result<String, FormatError>,
) {
    let mut failures = Vec::new();
    for &(value, spec, kind, text) in table {
        let got = outcome(parse_format_spec(spec, type_name).and_then(|s| run(value, &s)));
        if got.0 != kind || got.1 != text {
            failures.push(format!(
                "format({value:?}, {spec:?}): got {got:?}, CPython ({kind:?}, {text:?})"
            ));
        }
    }
    report(&failures, table.len());
}

#[test]
fn format_int_matches_cpython() {
    check_format_table(format_cases::INT_CASES, "int", |v, spec| {
        format_int(&BigInt::from_str(v).expect("int literal"), spec, "int")
    });
}

#[test]
fn format_bool_matches_cpython() {
    check_format_table(format_cases::BOOL_CASES, "bool", |v, spec| {
        format_int(&BigInt::from_str(v).expect("int literal"), spec, "bool")
    });
}

#[test]
fn format_float_matches_cpython() {
    check_format_table(format_cases::FLOAT_CASES, "float", |bits, spec| {
        format_float(f64::from_bits(bits), spec, "float")
    });
}

#[test]
fn format_str_matches_cpython() {
    check_format_table(format_cases::STR_CASES, "str", |s, spec| {
        format_str(s, spec, "str")
    });
}

#[test]
fn round_float_matches_cpython() {
    let mut failures = Vec::new();
    for &(bits, n, kind, text) in misc_cases::ROUND_FLOAT {
        let x = f64::from_bits(bits);
        let got = outcome(round_float(x, n).map(float_repr));
        if got.0 != kind || got.1 != text {
            failures.push(format!(
                "round({x:?}, {n}): got {got:?}, CPython ({kind:?}, {text:?})"
            ));
        }
    }
    report(&failures, misc_cases::ROUND_FLOAT.len());
}

#[test]
fn round_float_to_int_matches_cpython() {
    let mut failures = Vec::new();
    for &(bits, kind, text) in misc_cases::ROUND_FLOAT_TO_INT {
        let x = f64::from_bits(bits);
        let got = outcome(round_float_to_int(x).map(|v| int_to_base(&v, 16, true)));
        if got.0 != kind || got.1 != text {
            failures.push(format!(
                "round({x:?}): got {got:?}, CPython ({kind:?}, {text:?})"
            ));
        }
    }
    for &(bits, kind, text) in misc_cases::FLOAT_TO_INT {
        let x = f64::from_bits(bits);
        let got = outcome(float_to_int(x).map(|v| int_to_base(&v, 16, true)));
        if got.0 != kind || got.1 != text {
            failures.push(format!(
                "int({x:?}): got {got:?}, CPython ({kind:?}, {text:?})"
            ));
        }
    }
    report(
        &failures,
        misc_cases::ROUND_FLOAT_TO_INT.len() + misc_cases::FLOAT_TO_INT.len(),
    );
}

#[test]
fn round_int_matches_cpython() {
    let mut failures = Vec::new();
    for &(v, n, expected) in misc_cases::ROUND_INT {
        let got = int_to_base(&round_int(&parse_hex_int(v), n), 16, true);
        if got != expected {
            failures.push(format!("round({v}, {n}): got {got}, CPython {expected}"));
        }
    }
    report(&failures, misc_cases::ROUND_INT.len());
}

#[test]
fn parse_int_matches_cpython() {
    let mut failures = Vec::new();
    for &(s, base, kind, text) in misc_cases::INT_PARSE {
        let got = outcome(parse_int_literal(s, base).map(|v| int_to_base(&v, 16, true)));
        if got.0 != kind || got.1 != text {
            failures.push(format!(
                "int({s:?}, {base}): got {got:?}, CPython ({kind:?}, {text:?})"
            ));
        }
        if kind == "ValueError" && text.starts_with("invalid literal") {
            let msg = int_parse_error_message(s, base);
            if msg != text {
                failures.push(format!(
                    "message for int({s:?}, {base}): {msg:?} vs {text:?}"
                ));
            }
        }
    }
    report(&failures, misc_cases::INT_PARSE.len());
}

#[test]
fn parse_float_matches_cpython() {
    let mut failures = Vec::new();
    for &(s, kind, text) in misc_cases::FLOAT_PARSE {
        let got = match parse_float_literal(s) {
            Some(x) => ("ok".to_string(), float_repr(x)),
            None => ("ValueError".to_string(), float_parse_error_message(s)),
        };
        if got.0 != kind || got.1 != text {
            failures.push(format!(
                "float({s:?}): got {got:?}, CPython ({kind:?}, {text:?})"
            ));
        }
    }
    report(&failures, misc_cases::FLOAT_PARSE.len());
}

#[test]
fn str_and_bytes_repr_match_cpython() {
    let mut failures = Vec::new();
    for &(s, expected) in misc_cases::STR_REPR {
        let got = str_repr(s);
        if got != expected {
            failures.push(format!("repr({s:?}): got {got}, CPython {expected}"));
        }
    }
    for &(b, expected) in misc_cases::BYTES_REPR {
        let got = bytes_repr(b);
        if got != expected {
            failures.push(format!("repr({b:?}): got {got}, CPython {expected}"));
        }
    }
    report(
        &failures,
        misc_cases::STR_REPR.len() + misc_cases::BYTES_REPR.len(),
    );
}
