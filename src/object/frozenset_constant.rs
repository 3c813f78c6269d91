//! The frozenset constant of a set display: `{1, 2, 3}` compiles to `BUILD_SET 0;
//! LOAD_CONST frozenset(...); SET_UPDATE`, and the constant's table layout decides the
//! printed order of the set.
//!
//! Building it is a value constructor that needs no interpreter (constants hash and
//! compare natively), so it lives with the sets and the compiler calls it from below.

use super::equality::fast_eq;
use super::{SetObj, SetTable, Value};

/// Hash of a compile-time constant (no Python code can be involved), or None.
fn const_hash(v: &Value) -> Option<i64> {
    use super::hash;
    Some(match v {
        Value::Int(i) => hash::hash_int(*i),
        Value::BigInt(b) => hash::hash_bigint(b),
        Value::Bool(b) => b.get() as i64,
        Value::Float(f) if !f.get().is_nan() => hash::hash_float(f.get()),
        Value::Str(s) => s.hash(),
        Value::Bytes(b) => b.hash(),
        Value::None => 0xFCA86420,
        Value::Tuple(t) => {
            let hashes: Option<Vec<i64>> = t.items.iter().map(const_hash).collect();
            hash::hash_tuple(hashes?.into_iter())
        }
        _ => return None,
    })
}

/// The frozenset constant CPython's compiler makes for a set display of three or more
/// constants (`{1, 2, 3}` compiles to `BUILD_SET 0; LOAD_CONST frozenset(...); SET_UPDATE`):
/// its table is built by adding the items in order, and the display's set is then merged
/// from it, which decides the printed order. None when an item cannot be hashed natively.
///
/// CPython builds that constant twice: `PyFrozenSet_New` of the items, then again from its
/// own iteration order when the compiler merges constants (`merge_consts_recursive`).
pub fn frozenset_constant(items: &[Value]) -> Option<Value> {
    let build = |items: &[Value]| -> Option<SetTable> {
        let mut table = SetTable::new();
        let mut eq = |a: &Value, b: &Value| Ok(fast_eq(a, b).unwrap_or(false));
        for v in items {
            let h = const_hash(v)?;
            table.add(h, v.clone(), &mut eq).ok()?;
        }
        Some(table)
    };
    let first = build(items)?;
    let reordered: Vec<Value> = first.iter().map(|(_, k)| k.clone()).collect();
    Some(Value::Set(SetObj::new(build(&reordered)?, true)))
}
