//! `collections.deque` beyond what the conformance corpus can show: cyclic deques are
//! reclaimed by the cycle collector, deeply nested ones drop without recursion, and the
//! names apy does not provide fail to import as any missing name does.

use apy::interpreter::{compile, main_globals, run_code};
use apy::object::{gc, Value};
use apy::source::SourceFile;
use std::process::Command;
use std::rc::Rc;

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
fn self_referencing_deques_stay_bounded() {
    let program = r#"
import apy
from collections import deque

class D(deque):
    pass

samples = []
for i in range(100_000):
    d = deque([i])
    d.append(d)               # refers to itself
    e = D()
    e.me = e                  # through a subclass instance's __dict__
    e.append(d)
    f = deque()
    f.append(iter(f))         # through its own iterator
    g = deque(maxlen=2)
    h = deque([g])
    g.append(h)               # two deques
    if i % 10_000 == 0:
        samples.append(apy.live_objects())
apy.collect()
print("collections ran:", apy.collections() > 0)
print("max live:", max(samples) < 50_000)
print("after collect:", apy.live_objects() < 5_000)
"#;
    let (out, err, code) = run(program);
    assert_eq!(code, 0, "stderr: {err}");
    assert_eq!(
        out,
        "collections ran: True\nmax live: True\nafter collect: True\n"
    );
}

/// The live-object counter stops counting an object once a collection has found it
/// unreachable, freed or not; weak handles show that the cycles were really broken.
#[test]
fn deque_cycles_are_freed() {
    let program = r#"
from collections import deque

class D(deque):
    pass

keep = []
for i in range(100):
    d = deque([i])
    d.append(d)
    e = D([d])
    e.me = e
    f = deque()
    f.append(iter(f))
    r = deque([1, 2])
    r.append(reversed(r))
    g = deque(maxlen=2)
    h = deque([g])
    g.append(h)
    keep.extend([d, e, f, r, g, h])
"#;
    let mut vm = apy::interpreter::new_vm();
    let source = Rc::new(SourceFile::new("<test>", program));
    let code = compile(&mut vm, &source, false).expect("compiles");
    let globals = main_globals(&mut vm, None);
    assert_eq!(run_code(&mut vm, code, globals.clone()), 0);
    let weak: Vec<_> = {
        let table = globals.table.borrow();
        let Some(Value::List(keep)) = table.get_str("keep", apy::object::hash::hash_str("keep"))
        else {
            panic!("keep is a list");
        };
        let items = keep.items.borrow();
        items
            .iter()
            .map(|v| match v {
                Value::Object(o) => Rc::downgrade(o),
                _ => panic!("deques are objects"),
            })
            .collect()
    };
    assert_eq!(weak.len(), 600);
    // Drop every reference from the program (its globals hold the last loop's values).
    let names: Vec<Value> = globals.table.borrow().keys().cloned().collect();
    for name in names {
        if let Value::Str(s) = &name {
            if !s.as_str().starts_with("__") {
                globals.table.borrow_mut().remove_str(s.as_str(), s.hash());
            }
        }
    }
    gc::collect();
    let alive = weak.iter().filter(|w| w.strong_count() > 0).count();
    assert_eq!(alive, 0, "{alive} deques survived the collection");
}

#[test]
fn deeply_nested_deques_drop_without_overflow() {
    let program = r#"
from collections import deque
d = deque()
for i in range(1_000_000):
    d = deque([d])
del d
print("dropped")
"#;
    let (out, err, code) = run(program);
    assert_eq!(code, 0, "stderr: {err}");
    assert_eq!(out, "dropped\n");
}

#[test]
fn the_python_part_joins_the_native_deque() {
    // `collections` is Python around the native `_collections.deque`: the names the
    // package defines import, and a name it lacks fails as in CPython.
    let program = "from collections import deque, namedtuple, Counter, OrderedDict, defaultdict, ChainMap\n\
        import _collections\n\
        print(deque is _collections.deque, deque.__module__)\n\
        print(Counter('abca').most_common(1), namedtuple('P', 'x y')(1, 2))\n\
        try:\n    from collections import nope\nexcept ImportError as e:\n    print(str(e).startswith(\"cannot import name 'nope' from 'collections'\"))\n";
    let (out, err, code) = run(program);
    assert_eq!(code, 0, "stderr: {err}");
    assert_eq!(out, "True collections\n[('a', 2)] P(x=1, y=2)\nTrue\n");
}
