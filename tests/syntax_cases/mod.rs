//! Tables of programs with the SyntaxError CPython 3.11 reports for each (class, message,
//! line), checked against apy's parser: shared by the lexer, parser and error-pass tests.

use apy::diagnostic::ErrorClass;
use apy::source::SourceFile;

/// One program and CPython's error for it.
pub type Case = (&'static str, ErrorClass, &'static str, u32);

/// Parses each program (with `suffix` appended: "\n" for text taken from a file) and
/// panics listing every one whose error differs from CPython's.
pub fn assert_cpython_errors(cases: &[Case], suffix: &str) {
    let mut failures = Vec::new();
    for &(src, class, message, line) in cases {
        let file = SourceFile::new("f", format!("{src}{suffix}"));
        match apy::parser::parse_module(&file) {
            Ok(_) => failures.push(format!("{src:?}: parsed, expected {message}")),
            Err(d) => {
                let got = (d.class, d.message.as_str(), d.line(&file));
                if got != (class, message, line) {
                    failures.push(format!(
                        "{src:?}:\n  expected {:?}\n  got      {got:?}",
                        (class, message, line)
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
