//! Snapshot tests of `apy dis`: the bytecode the compiler emits for representative
//! constructs (loops, exception handling, classes with super(), closures, coroutines and
//! async generators). Review a changed snapshot by reading it: every jump target and
//! exception-table entry must make sense.

use std::process::Command;

fn dis(name: &str) -> String {
    let path = format!("{}/tests/dis_cases/{name}.apy", env!("CARGO_MANIFEST_DIR"));
    let out = Command::new(env!("CARGO_BIN_EXE_apy"))
        .args(["dis", &path])
        .output()
        .expect("apy runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn dis_loops() {
    insta::assert_snapshot!(dis("loops"));
}

#[test]
fn dis_exceptions() {
    insta::assert_snapshot!(dis("exceptions"));
}

#[test]
fn dis_classes() {
    insta::assert_snapshot!(dis("classes"));
}

#[test]
fn dis_coroutines() {
    insta::assert_snapshot!(dis("coroutines"));
}

#[test]
fn dis_closures() {
    insta::assert_snapshot!(dis("closures"));
}
