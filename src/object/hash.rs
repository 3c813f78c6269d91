//! Hash functions with CPython's values for numbers and tuples.
//!
//! Numbers hash exactly as in CPython (`hash(x) == x mod (2**61 - 1)`, equal numbers of
//! different types hash equal) because set iteration order — which programs print —
//! follows from the hash. String hashes are randomized in CPython, so any good hash will do;
//! ours is fixed so runs are reproducible.

use num_bigint::{BigInt, Sign};
use num_traits::ToPrimitive;

/// 2**61 - 1, CPython's `_PyHASH_MODULUS`.
pub const MODULUS: u64 = (1 << 61) - 1;
const HASH_BITS: u32 = 61;
pub const HASH_INF: i64 = 314159;

/// CPython never returns -1 from a hash (it signals an error in C).
fn fix(h: i64) -> i64 {
    if h == -1 {
        -2
    } else {
        h
    }
}

pub fn hash_int(i: i64) -> i64 {
    let m = (i.unsigned_abs() % MODULUS) as i64;
    fix(if i < 0 { -m } else { m })
}

pub fn hash_bigint(b: &BigInt) -> i64 {
    if let Some(i) = b.to_i64() {
        return hash_int(i);
    }
    // Fold 32-bit digits from the most significant, reducing mod 2**61-1 as CPython does.
    let (sign, digits) = b.to_u32_digits();
    let mut x: u64 = 0;
    for &d in digits.iter().rev() {
        // x = (x * 2**32 + d) mod M, using the rotation identity for 2**61-1.
        x = ((x << 32) & MODULUS) | (x >> (HASH_BITS - 32));
        x += d as u64;
        if x >= MODULUS {
            x -= MODULUS;
        }
    }
    let h = x as i64;
    fix(if sign == Sign::Minus { -h } else { h })
}

pub fn hash_float(v: f64) -> i64 {
    if v.is_infinite() {
        return if v > 0.0 { HASH_INF } else { -HASH_INF };
    }
    if v.is_nan() {
        // CPython 3.10+ hashes NaN by identity; a constant is the closest we can do
        // for an immediate value.
        return 0;
    }
    let (mut m, mut e) = frexp(v.abs());
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & MODULUS) | (x >> (HASH_BITS - 28));
        m *= 268435456.0; // 2**28
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= MODULUS {
            x -= MODULUS;
        }
    }
    let e = if e >= 0 {
        e % HASH_BITS as i32
    } else {
        HASH_BITS as i32 - 1 - ((-1 - e) % HASH_BITS as i32)
    };
    x = ((x << e) & MODULUS) | (x >> (HASH_BITS as i32 - e));
    let h = x as i64;
    fix(if v < 0.0 { -h } else { h })
}

/// `frexp` for finite, non-negative `v`: `v == m * 2**e` with `0.5 <= m < 1` (or m = 0).
pub fn frexp(v: f64) -> (f64, i32) {
    if v == 0.0 || !v.is_finite() {
        return (v, 0);
    }
    let bits = v.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // Subnormal: scale up first.
        let (m, e) = frexp(v * (1u64 << 54) as f64);
        return (m, e - 54);
    }
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, exp - 1022)
}

/// Tuple hash: CPython 3.8+'s xxHash-based combination of item hashes.
pub fn hash_tuple(item_hashes: impl ExactSizeIterator<Item = i64>) -> i64 {
    let len = item_hashes.len();
    let mut acc = TupleHash::new();
    for h in item_hashes {
        acc.add(h);
    }
    acc.finish(len)
}

/// [`hash_tuple`] fed one item hash at a time, so that nested tuples can be hashed
/// from an explicit stack rather than by recursion.
#[derive(Clone, Copy, Debug)]
pub struct TupleHash(u64);

impl TupleHash {
    const P1: u64 = 11400714785074694791;
    const P2: u64 = 14029467366897019727;
    const P5: u64 = 2870177450012600261;

    pub fn new() -> TupleHash {
        TupleHash(Self::P5)
    }

    pub fn add(&mut self, item_hash: i64) {
        let acc = self
            .0
            .wrapping_add((item_hash as u64).wrapping_mul(Self::P2));
        self.0 = acc.rotate_left(31).wrapping_mul(Self::P1);
    }

    pub fn finish(self, len: usize) -> i64 {
        let acc = self.0.wrapping_add(len as u64 ^ (Self::P5 ^ 3527539));
        if acc == u64::MAX {
            return 1546275796;
        }
        acc as i64
    }
}

impl Default for TupleHash {
    fn default() -> Self {
        TupleHash::new()
    }
}

/// FNV-1a over the UTF-8 bytes, folded to avoid -1.
pub fn hash_str(s: &str) -> i64 {
    hash_bytes(s.as_bytes())
}

pub fn hash_bytes(b: &[u8]) -> i64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for &c in b {
        h ^= c as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    // Mix the high bits down: dict/set index with the low bits.
    h ^= h >> 29;
    fix(h as i64)
}

/// Hash of an object without `__hash__` override: derived from its address, as CPython
/// (`id >> 4` rotated).
pub fn hash_addr(addr: usize) -> i64 {
    let a = addr as u64;
    fix(a.rotate_right(4) as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_hash_like_cpython() {
        assert_eq!(hash_int(-1), -2);
        assert_eq!(hash_int(5), 5);
        assert_eq!(hash_int(-5), -5);
        assert_eq!(hash_int(i64::MAX), 3);
        assert_eq!(hash_float(0.5), 1152921504606846976);
        assert_eq!(hash_float(1.5), 1152921504606846977);
        assert_eq!(hash_float(-2.0), -2);
        assert_eq!(hash_float(1e300), 1224995262755759164);
        assert_eq!(hash_bigint(&(BigInt::from(1) << 100)), 549755813888);
        assert_eq!(hash_bigint(&-(BigInt::from(1) << 64u32)), -8);
        assert_eq!(hash_tuple([1i64, 2].into_iter()), -3550055125485641917);
        assert_eq!(hash_tuple([].into_iter()), 5740354900026072187);
    }
}
