//! Hostile inputs: the front end must answer (Ok or a diagnostic) without panicking,
//! overflowing the stack or hanging. Everything runs on a thread with a 256 KiB stack,
//! so any recursion proportional to the input would crash the test.

use apy::diagnostic::{Diagnostic, ErrorClass};
use apy::parser::parse_module;
use apy::source::SourceFile;

/// 256 KiB, the bound the front end promises. Unoptimized builds of the generated parser
/// use a much larger frame (its reduce function is one giant match), so debug test runs get
/// 2 MiB; `cargo test --release` checks the real bound.
const SMALL_STACK: usize = if cfg!(debug_assertions) {
    2 * 1024 * 1024
} else {
    256 * 1024
};

fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(SMALL_STACK)
        .spawn(f)
        .expect("thread starts")
        .join()
        .expect("no panic or overflow")
}

fn parse(src: String) -> Result<(), Diagnostic> {
    on_small_stack(move || parse_module(&SourceFile::new("t.apy", src)).map(|_| ()))
}

fn assert_error(src: String, class: ErrorClass, message: &str) {
    let d = parse(src).expect_err("an error");
    assert_eq!((d.class, d.message.as_str()), (class, message));
}

const TOO_DEEP: &str = "maximum recursion depth exceeded during compilation";

#[test]
fn a_million_open_parens() {
    assert_error(
        "(".repeat(1_000_000),
        ErrorClass::SyntaxError,
        "too many nested parentheses",
    );
}

#[test]
fn long_sum_is_too_deep() {
    let src = vec!["a"; 100_000].join("+");
    assert_error(src, ErrorClass::RecursionError, TOO_DEEP);
}

#[test]
fn nested_unary_minus_is_too_deep() {
    assert_error(
        format!("{}x", "-".repeat(100_000)),
        ErrorClass::RecursionError,
        TOO_DEEP,
    );
}

#[test]
fn nested_not_is_too_deep() {
    assert_error(
        format!("{}x", "not ".repeat(100_000)),
        ErrorClass::RecursionError,
        TOO_DEEP,
    );
}

#[test]
fn long_attribute_chain_is_too_deep() {
    assert_error(
        format!("x{}", ".a".repeat(100_000)),
        ErrorClass::RecursionError,
        TOO_DEEP,
    );
}

#[test]
fn long_call_chain_is_too_deep() {
    assert_error(
        format!("f{}", "()".repeat(100_000)),
        ErrorClass::RecursionError,
        TOO_DEEP,
    );
}

#[test]
fn nested_lambdas_are_too_deep() {
    assert_error(
        format!("{}x", "lambda: ".repeat(100_000)),
        ErrorClass::RecursionError,
        TOO_DEEP,
    );
}

#[test]
fn long_elif_chain_is_too_deep() {
    let mut src = String::from("if a:\n    pass\n");
    for _ in 0..20_000 {
        src.push_str("elif a:\n    pass\n");
    }
    assert_error(src, ErrorClass::RecursionError, TOO_DEEP);
}

#[test]
fn nested_lists_at_the_bracket_limit() {
    // CPython allows 200 nested brackets and rejects the 201st.
    assert!(parse(format!("{}{}", "[".repeat(199), "]".repeat(199))).is_ok());
    assert!(parse(format!("{}{}", "[".repeat(200), "]".repeat(200))).is_ok());
    assert_error(
        format!("{}{}", "[".repeat(201), "]".repeat(201)),
        ErrorClass::SyntaxError,
        "too many nested parentheses",
    );
}

#[test]
fn depth_just_under_the_limit_parses() {
    // A 500-term sum and 500 nested minus signs are fine (CPython accepts ~3000).
    assert!(parse(vec!["a"; 500].join("+")).is_ok());
    assert!(parse(format!("{}x", "-".repeat(500))).is_ok());
    // Right at the limit: building and dropping the tree fits the small stack.
    let limit = apy::parser::MAX_DEPTH as usize;
    assert!(parse(format!("{}x", "-".repeat(limit - 3))).is_ok());
    assert!(parse(format!("x{}", ".a".repeat(limit - 3))).is_ok());
    assert!(parse(format!("{}x", "lambda: ".repeat(limit - 3))).is_ok());
    assert!(parse(format!("{}x{}", "[".repeat(199), "]".repeat(199))).is_ok());
}

#[test]
fn deep_indentation() {
    let mut src = String::new();
    for i in 0..99 {
        src.push_str(&" ".repeat(i));
        src.push_str("if x:\n");
    }
    src.push_str(&" ".repeat(99));
    src.push_str("pass\n");
    assert!(parse(src.clone()).is_ok());
    let mut deeper = String::new();
    for i in 0..100 {
        deeper.push_str(&" ".repeat(i));
        deeper.push_str("if x:\n");
    }
    deeper.push_str(&" ".repeat(100));
    deeper.push_str("pass\n");
    assert_error(
        deeper,
        ErrorClass::IndentationError,
        "too many levels of indentation",
    );
}

/// A small xorshift generator: deterministic, no dependency.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
}

#[test]
fn random_bytes_never_panic() {
    on_small_stack(|| {
        let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
        // Bytes biased towards Python's punctuation so that the parser gets exercised.
        let alphabet: &[u8] =
            b"()[]{}:;,.=+-*/%<>!@&|^~ \n\t\\'\"#fbrxyz019_ifelsedefclass\x00\xff";
        for _ in 0..2000 {
            let len = (rng.next() % 200) as usize;
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    let r = rng.next();
                    if r.is_multiple_of(4) {
                        (r >> 8) as u8
                    } else {
                        alphabet[(r >> 8) as usize % alphabet.len()]
                    }
                })
                .collect();
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let _ = parse_module(&SourceFile::new("r.apy", text));
        }
    });
}

fn conformance_sources() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/conformance");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("tests/conformance exists") {
        let path = entry.expect("dir entry").path();
        if path.extension().is_some_and(|e| e == "apy") {
            out.push(std::fs::read_to_string(&path).expect("utf-8 source"));
        }
    }
    out.sort();
    out
}

#[test]
fn truncated_conformance_files_never_panic() {
    let sources = conformance_sources();
    on_small_stack(move || {
        for src in &sources {
            let mut cut = 0;
            while cut < src.len() {
                if src.is_char_boundary(cut) {
                    let _ = parse_module(&SourceFile::new("t.apy", &src[..cut]));
                }
                cut += 7;
            }
        }
    });
}

#[test]
fn mutated_conformance_files_never_panic() {
    let sources = conformance_sources();
    on_small_stack(move || {
        let mut rng = XorShift(0x2545_F491_4F6C_DD1D);
        let inserts = [
            "(", ")", "[", "]", "{", "}", ":", ",", ".", "=", "*", "**", "'", "\"", "\\", "#", "@",
            "!", ";", "\t", " ", "\n", "if ", "else", " x", "lambda", "yield", "for", " in ",
            "not", "async ", "await ", "def ", "f\"{", "  ",
        ];
        for _ in 0..3000 {
            let src = &sources[(rng.next() % sources.len() as u64) as usize];
            let mut pos = (rng.next() % src.len() as u64) as usize;
            while !src.is_char_boundary(pos) {
                pos -= 1;
            }
            let mut end = (pos + 1 + (rng.next() % 20) as usize).min(src.len());
            while !src.is_char_boundary(end) {
                end += 1;
            }
            let mutated = match rng.next() % 3 {
                0 => format!("{}{}", &src[..pos], &src[end..]),
                _ => format!(
                    "{}{}{}",
                    &src[..pos],
                    inserts[(rng.next() % inserts.len() as u64) as usize],
                    &src[pos..]
                ),
            };
            let _ = parse_module(&SourceFile::new("m.apy", mutated));
        }
    });
}

#[test]
fn nested_fstrings_parse_on_a_small_stack() {
    // Four quote styles nest four f-strings deep; each field is a nested parser run.
    let src = concat!(r#"x = f"""{f'''{f"{f'{a:{b}.{c}}'}"}'''}""""#, "\n").to_string();
    assert!(parse(src).is_ok());
    let deep = format!("x = f\"{{{}a{}}}\"\n", "(".repeat(150), ")".repeat(150));
    assert!(parse(deep).is_ok());
}
