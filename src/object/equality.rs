//! Equality and numeric ordering of values that need no Python code: the fast paths of
//! `==` and of dict and set probing, and the compile-time equality of constants.
//!
//! They are pure functions of values, so they live with the values; the VM's rich
//! comparison (which may call `__eq__`) builds on them in `vm::ops::compare`.

use super::Value;
use num_bigint::BigInt;
use num_traits::FromPrimitive;
use std::cmp::Ordering;
use std::rc::Rc;

/// Equality decidable without running Python code, or None.
pub fn fast_eq(a: &Value, b: &Value) -> Option<bool> {
    fast_eq_within(a, b, FAST_TUPLE_NESTING)
}

/// How deep nested tuples are compared here. Deeper ones go to the VM's comparison,
/// which counts against the recursion limit and raises CPython's RecursionError
/// ("in comparison") instead of recursing on the native stack without bound.
const FAST_TUPLE_NESTING: u32 = 32;

fn fast_eq_within(a: &Value, b: &Value, nesting: u32) -> Option<bool> {
    use Value::*;
    Some(match (a, b) {
        (Str(x), Str(y)) => Rc::ptr_eq(x, y) || x.as_str() == y.as_str(),
        (Int(x), Int(y)) => x == y,
        (None, None) => true,
        (Object(_), _) | (_, Object(_)) => return Option::None,
        // Two bound methods compare their functions, which may run `__eq__`.
        (BoundMethod(_), BoundMethod(_)) => return Option::None,
        (Tuple(x), Tuple(y)) => {
            if x.items.len() != y.items.len() {
                return Some(false);
            }
            let nesting = nesting.checked_sub(1)?;
            for (p, q) in x.items.iter().zip(y.items.iter()) {
                if !p.is(q) && !fast_eq_within(p, q, nesting)? {
                    return Some(false);
                }
            }
            true
        }
        // Equal bytes and ranges may be distinct objects: compare before the identity
        // fallback.
        (Bytes(x), Bytes(y)) => Rc::ptr_eq(x, y) || x.data == y.data,
        (Range(x), Range(y)) => {
            let (lx, ly) = (x.len(), y.len());
            lx == ly && (lx == 0 || (x.start == y.start && (lx == 1 || x.step == y.step)))
        }
        (List(_) | Dict(_) | Set(_), _) | (_, List(_) | Dict(_) | Set(_)) => {
            if a.is(b) {
                return Some(true);
            }
            return Option::None;
        }
        _ => match (num_cmp(a, b), a.heap_addr(), b.heap_addr()) {
            (Some(o), _, _) => o == Some(Ordering::Equal),
            (Option::None, Some(p), Some(q)) => p == q,
            _ => match (a, b) {
                (Bool(x), Bool(y)) => x == y,
                (Ellipsis, Ellipsis) | (NotImplemented, NotImplemented) => true,
                (Range(x), Range(y)) => {
                    let (lx, ly) = (x.len(), y.len());
                    lx == ly && (lx == 0 || (x.start == y.start && (lx == 1 || x.step == y.step)))
                }
                _ => false,
            },
        },
    })
}

/// Compares two numbers exactly (int vs float without rounding). Outer None: not both
/// numbers; inner None: unordered (NaN).
pub fn num_cmp(a: &Value, b: &Value) -> Option<Option<Ordering>> {
    use Value::*;
    let int_of = |v: &Value| match v {
        Int(i) => Some(BigOrSmall::Small(*i)),
        Bool(b) => Some(BigOrSmall::Small(b.get() as i64)),
        BigInt(b) => Some(BigOrSmall::Big(b.clone())),
        _ => Option::None,
    };
    match (a, b) {
        (Float(x), Float(y)) => Some(x.get().partial_cmp(&y.get())),
        (Float(x), _) => {
            let y = int_of(b)?;
            Some(cmp_int_float(&y, x.get()).map(Ordering::reverse))
        }
        (_, Float(y)) => {
            let x = int_of(a)?;
            Some(cmp_int_float(&x, y.get()))
        }
        _ => {
            let x = int_of(a)?;
            let y = int_of(b)?;
            Some(Some(match (&x, &y) {
                (BigOrSmall::Small(p), BigOrSmall::Small(q)) => p.cmp(q),
                _ => x.big().cmp(&y.big()),
            }))
        }
    }
}

enum BigOrSmall {
    Small(i64),
    Big(Rc<BigInt>),
}

impl BigOrSmall {
    fn big(&self) -> BigInt {
        match self {
            BigOrSmall::Small(i) => BigInt::from(*i),
            BigOrSmall::Big(b) => (**b).clone(),
        }
    }
}

/// int <=> float, exactly.
fn cmp_int_float(i: &BigOrSmall, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if let BigOrSmall::Small(s) = i {
        if s.unsigned_abs() < (1 << 53) {
            return (*s as f64).partial_cmp(&f);
        }
    }
    if f.is_infinite() {
        return Some(if f > 0.0 {
            Ordering::Less
        } else {
            Ordering::Greater
        });
    }
    let fl = f.floor();
    let fb = BigInt::from_f64(fl)?;
    let ib = i.big();
    Some(match ib.cmp(&fb) {
        Ordering::Equal => {
            if f > fl {
                Ordering::Less
            } else {
                Ordering::Equal
            }
        }
        o => o,
    })
}
