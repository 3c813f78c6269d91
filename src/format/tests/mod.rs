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

#[test]
fn unicode_properties_match_cpython_exhaustively() {
    let mut failures = Vec::new();
    let mut expected_blocks = misc_cases::UNICODE_BLOCKS.iter().peekable();
    for block in 0u32..0x110 {
        let (mut printable, mut decimals, mut decimal_sum, mut spaces) = (0, 0, 0, 0);
        for c in (block * 0x1000..(block + 1) * 0x1000).filter_map(char::from_u32) {
            printable += u32::from(is_printable(c));
            if let Some(d) = decimal_value(c) {
                decimals += 1;
                decimal_sum += d;
            }
            spaces += u32::from(is_space(c));
        }
        let expected = match expected_blocks.peek() {
            Some(&&(b, p, d, s, sp)) if b == block => {
                expected_blocks.next();
                (p, d, s, sp)
            }
            _ => (0, 0, 0, 0),
        };
        if (printable, decimals, decimal_sum, spaces) != expected {
            failures.push(format!(
                "block {block:#x}: got {:?}, CPython {expected:?}",
                (printable, decimals, decimal_sum, spaces)
            ));
        }
    }
    report(&failures, 0x110);
}

/// The cases the design discussion names, spelled out for readers.
#[test]
fn documented_examples() {
    let f = |x: f64, spec: &str| format_float_with_spec(x, spec).unwrap_or_else(|e| e.to_string());
    assert_eq!(f(2.675, ".2f"), "2.67");
    assert_eq!(f(0.125, ".2f"), "0.12");
    assert_eq!(f(1e16, ""), "1e+16");
    assert_eq!(f(1.5, ".3"), "1.5");
    assert_eq!(f(123456789.0, ".3"), "1.23e+08");
    assert_eq!(f(-0.0, "z.1f"), "0.0");
    assert_eq!(float_repr(1234567890123456.0), "1234567890123456.0");
    assert_eq!(float_repr(1.5e-5), "1.5e-05");
    let i = |v: i64, spec: &str| {
        format_int_with_spec(&BigInt::from(v), spec).unwrap_or_else(|e| e.to_string())
    };
    assert_eq!(i(1234, "010,"), "00,001,234");
    assert_eq!(i(0xabcdef, "#012_X"), "0X0_00AB_CDEF");
    assert_eq!(i(-1, "c"), "%c arg not in range(0x110000)");
    assert_eq!(round_float(2.675, 2), Ok(2.67));
    assert_eq!(round_int(&BigInt::from(1250), -2), BigInt::from(1200));
    assert_eq!(round_int(&BigInt::from(1350), -2), BigInt::from(1400));
    assert_eq!(int_to_base(&BigInt::from(-31), 16, true), "-0x1f");
    assert_eq!(
        format_str_with_spec("a", "=5").map_err(|e| e.to_string()),
        Err("'=' alignment not allowed in string format specifier".to_string())
    );
}

/// Not a correctness test: `cargo test --release --lib format::tests::speed -- --ignored --nocapture`.
#[test]
#[ignore]
fn speed() {
    let values: Vec<f64> = (0..1_000_000)
        .map(|i| (i as f64) * 1.000123 + 0.1)
        .collect();
    let start = std::time::Instant::now();
    let mut total = 0;
    for &x in &values {
        total += float_repr(x).len();
    }
    eprintln!(
        "float_repr: {:?} per call ({total})",
        start.elapsed() / values.len() as u32
    );
    let spec = parse_format_spec(".2f", "float").expect("spec");
    let start = std::time::Instant::now();
    for &x in &values {
        total += format_float(x, &spec, "float").map_or(0, |s| s.len());
    }
    eprintln!(
        "format .2f: {:?} per call ({total})",
        start.elapsed() / values.len() as u32
    );
    let start = std::time::Instant::now();
    for &x in &values {
        total += round_float(x, 2).map_or(0, |v| v as usize);
    }
    eprintln!(
        "round(x, 2): {:?} per call ({total})",
        start.elapsed() / values.len() as u32
    );
}

/// Random specs and inputs must give a result or a clean error, never a panic.
#[test]
fn arbitrary_inputs_never_panic() {
    let alphabet: Vec<char> = "0123456789<>=^+- z#,_.bcdoxXneEfFgGs%ñ٣\0😀"
        .chars()
        .collect();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let floats = [
        0.0,
        -0.0,
        1.5,
        -2.5e-300,
        1e300,
        f64::NAN,
        f64::INFINITY,
        5e-324,
    ];
    let ints = [
        BigInt::from(0),
        BigInt::from(-65),
        BigInt::from(i64::MAX),
        BigInt::from(1u8) << 2000usize,
    ];
    for _ in 0..20_000 {
        let len = (next() % 9) as usize;
        let spec: String = (0..len)
            .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
            .collect();
        let pick = next() as usize;
        if let Ok(parsed) = parse_format_spec(&spec, "x") {
            let _ = format_float(floats[pick % floats.len()], &parsed, "float");
            let _ = format_int(&ints[pick % ints.len()], &parsed, "int");
            let _ = format_str("héllo", &parsed, "str");
        }
        let _ = parse_int_literal(&spec, (pick % 38) as u32);
        let _ = parse_float_literal(&spec);
        let _ = round_float(floats[pick % floats.len()], (next() as i64) % 700 - 350);
        let _ = round_int(&ints[pick % ints.len()], (next() as i64) % 50 - 40);
    }
}
