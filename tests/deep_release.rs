//! Freeing a long chain of objects is iterative for every kind that can link to the
//! next (CPython's trashcan): three million closures, generators, exceptions, functions'
//! defaults, bound methods and containers free without overflowing the interpreter's
//! 64 MiB stack, which a recursive drop of closures, generators or exceptions did.

use std::process::Command;

const APY: &str = env!("CARGO_BIN_EXE_apy");

const PROGRAM: &str = r#"
import sys
N = 3_000_000

def build(kind):
    x = None
    if kind == "closure":
        for i in range(N): x = (lambda p: lambda: p)(x)
    elif kind == "generator":
        def g(p):
            yield p
        for i in range(N): x = g(x)
    elif kind == "started generator":
        def g(p):
            yield
        for i in range(N):
            x = g(x)
            next(x)
    elif kind == "defaults":
        for i in range(N):
            def f(p=x):
                return p
            x = f
    elif kind == "context":
        for i in range(N):
            e = ValueError(i)
            e.__context__ = x
            x = e
    elif kind == "cause":
        for i in range(N):
            e = KeyError(i)
            e.__cause__ = x
            x = e
    elif kind == "bound method":
        class B:
            def m(self):
                pass
        for i in range(N):
            b = B()
            b.next = x
            x = b.m
    elif kind == "list":
        for i in range(N): x = [x]
    elif kind == "dict":
        for i in range(N): x = {"next": x}
    return x

for kind in ["closure", "generator", "started generator", "defaults", "context", "cause",
             "bound method", "list", "dict"]:
    chain = build(kind)
    chain = None
    print(kind, "freed")
"#;

#[test]
fn millions_of_links_of_each_kind_free_without_overflow() {
    let out = Command::new(APY)
        .args(["-c", PROGRAM])
        .output()
        .expect("apy runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    let expected: String = [
        "closure",
        "generator",
        "started generator",
        "defaults",
        "context",
        "cause",
        "bound method",
        "list",
        "dict",
    ]
    .iter()
    .map(|k| format!("{k} freed\n"))
    .collect();
    assert_eq!(stdout, expected);
}
