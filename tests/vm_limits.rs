//! The VM under stress: cyclic garbage is reclaimed (checked through the heap's own
//! live-object counter), a million-deep recursion completes when the limit allows it,
//! the default limit gives a clean RecursionError, and absurd sizes give MemoryError
//! instead of aborting the process.

use std::process::Command;

fn run(code: &str) -> (String, String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_apy"))
        .arg("-c")
        .arg(code)
        .env("NO_COLOR", "1")
        .output()
        .expect("apy runs");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn cyclic_garbage_stays_bounded() {
    let program = r#"
import apy

class Node:
    def __init__(self):
        self.me = self

class Slotted:
    __slots__ = ("other",)

def raise_and_keep():
    try:
        raise ValueError("x")
    except ValueError as e:
        err = e          # the exception, in a local of the frame it came from
    return err

samples = []
for i in range(1_000_000):
    n = Node()           # refers to itself
    a, b = Slotted(), Slotted()
    a.other, b.other = b, a   # a cycle through __slots__ storage
    l = [1]; l.append(l)
    d = {}; d["d"] = d
    raise_and_keep()
    if i % 100_000 == 0:
        samples.append(apy.live_objects())
apy.collect()
print("collections ran:", apy.collections() > 0)
print("max live:", max(samples) < 100_000)
print("after collect:", apy.live_objects() < 5_000)
"#;
    let (out, err, code) = run(program);
    assert_eq!(code, 0, "stderr: {err}");
    assert_eq!(
        out,
        "collections ran: True\nmax live: True\nafter collect: True\n"
    );
}

#[test]
fn million_deep_recursion_completes() {
    let program = r#"
import sys
sys.setrecursionlimit(10**6 + 100)
def down(n):
    if n == 0:
        return 0
    return down(n - 1) + 1
print(down(10**6))
"#;
    let (out, err, code) = run(program);
    assert_eq!(code, 0, "stderr: {err}");
    assert_eq!(out, "1000000\n");
}

#[test]
fn default_limit_raises_recursion_error() {
    let program = r#"
def forever(n):
    return forever(n + 1)
try:
    forever(0)
except RecursionError as e:
    print(type(e).__name__, e)
forever(0)
"#;
    let (out, err, code) = run(program);
    assert_eq!(out, "RecursionError maximum recursion depth exceeded\n");
    assert_eq!(code, 1);
    assert!(err.contains("[Previous line repeated"), "stderr: {err}");
    assert!(
        err.ends_with("RecursionError: maximum recursion depth exceeded\n"),
        "stderr: {err}"
    );
}

#[test]
fn native_recursion_is_bounded() {
    // repr of a deeply nested list recurses natively; it must stop cleanly.
    let program = r#"
x = []
for _ in range(100_000):
    x = [x]
try:
    repr(x)
except RecursionError:
    print("RecursionError")
del x
print("dropped")
"#;
    let (out, err, code) = run(program);
    assert_eq!(code, 0, "stderr: {err}");
    assert_eq!(out, "RecursionError\ndropped\n");
}

#[test]
fn huge_repetition_is_a_memory_error() {
    let program = r#"
for make in (lambda: [0] * 10**12, lambda: "ab" * 10**12, lambda: (1,) * 10**12, lambda: bytes(10**13)):
    try:
        make()
    except MemoryError:
        print("MemoryError")
try:
    [0] * 10**30
except OverflowError as e:
    print("OverflowError", e)
"#;
    let (out, err, code) = run(program);
    assert_eq!(code, 0, "stderr: {err}");
    assert_eq!(
        out,
        "MemoryError\nMemoryError\nMemoryError\nMemoryError\nOverflowError cannot fit 'int' into an index-sized integer\n"
    );
}

#[test]
fn deep_structures_drop_without_overflow() {
    let program = r#"
class Link:
    def __init__(self, nxt):
        self.nxt = nxt
head = None
for i in range(1_000_000):
    head = Link(head)
head = None
t = ()
for i in range(1_000_000):
    t = (t,)
t = None
print("ok")
"#;
    let (out, err, code) = run(program);
    assert_eq!(code, 0, "stderr: {err}");
    assert_eq!(out, "ok\n");
}
