//! Integer functions of `math` on arbitrary-size ints: `gcd`, `lcm`, `isqrt`, `factorial`,
//! `comb`, `perm`.
//!
//! Results are exact, so only CPython's argument checks and error texts need reproducing;
//! the algorithms are chosen for speed (product trees so that `factorial(10000)` and
//! `comb(10000, 5000)` take milliseconds). Recursion depth is logarithmic in the argument.

use super::error::MathError;
use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

/// `math.gcd(*integers)`: 0 for no arguments, always non-negative.
pub fn gcd(values: &[BigInt]) -> BigInt {
    let mut res = BigInt::zero();
    for v in values {
        if res.is_one() {
            break;
        }
        res = res.gcd(v);
    }
    res
}

/// `math.lcm(*integers)`: 1 for no arguments, always non-negative.
pub fn lcm(values: &[BigInt]) -> BigInt {
    let Some((first, rest)) = values.split_first() else {
        return BigInt::one();
    };
    let mut res = first.abs();
    for v in rest {
        if res.is_zero() {
            break;
        }
        if v.is_zero() {
            res = BigInt::zero();
            continue;
        }
        let g = res.gcd(v);
        res = (&res / &g * v).abs();
    }
    res
}

/// `math.isqrt(n)`: the floor of the exact square root.
pub fn isqrt(n: &BigInt) -> Result<BigInt, MathError> {
    if n.sign() == Sign::Minus {
        return Err(MathError::IsqrtNegative);
    }
    Ok(BigInt::from(n.magnitude().sqrt()))
}

/// Product of `lo * (lo+1) * ... * (hi-1)` for `lo < hi`, small enough to stay in `u64`
/// chunks at the leaves and balanced above them so big multiplications are Karatsuba-sized.
fn range_product_u64(lo: u64, hi: u64) -> BigUint {
    if hi <= lo {
        return BigUint::one();
    }
    if hi - lo <= 16 {
        let mut acc = BigUint::one();
        let mut chunk: u64 = 1;
        for v in lo..hi {
            match chunk.checked_mul(v) {
                Some(c) => chunk = c,
                None => {
                    acc *= chunk;
                    chunk = v;
                }
            }
        }
        return acc * chunk;
    }
    let mid = lo + (hi - lo) / 2;
    range_product_u64(lo, mid) * range_product_u64(mid, hi)
}

/// Product of `lo * (lo+1) * ... * (lo+count-1)` for a big `lo`.
fn range_product_big(lo: &BigUint, count: u64) -> BigUint {
    if count == 0 {
        return BigUint::one();
    }
    if let Some(l) = lo.to_u64() {
        if let Some(h) = l.checked_add(count) {
            return range_product_u64(l, h);
        }
    }
    if count <= 8 {
        let mut acc = lo.clone();
        for i in 1..count {
            acc *= lo + BigUint::from(i);
        }
        return acc;
    }
    let half = count / 2;
    range_product_big(lo, half) * range_product_big(&(lo + BigUint::from(half)), count - half)
}

/// `n!` for a machine-sized `n`.
fn factorial_u64(n: u64) -> BigUint {
    range_product_u64(1, n.saturating_add(1))
}

/// `math.factorial(n)`.
pub fn factorial(n: &BigInt) -> Result<BigInt, MathError> {
    if n.sign() == Sign::Minus {
        return Err(MathError::FactorialNegative);
    }
    let Some(n) = n.to_i64() else {
        return Err(MathError::FactorialTooLarge);
    };
    Ok(BigInt::from(factorial_u64(n as u64)))
}

/// `math.perm(n, k)`; with `k = None` it is `math.factorial(n)` (with factorial's errors).
pub fn perm(n: &BigInt, k: Option<&BigInt>) -> Result<BigInt, MathError> {
    let Some(k) = k else {
        return factorial(n);
    };
    if n.sign() == Sign::Minus {
        return Err(MathError::NNegative);
    }
    if k.sign() == Sign::Minus {
        return Err(MathError::KNegative);
    }
    if n < k {
        return Ok(BigInt::zero());
    }
    let Some(k) = k.to_i64() else {
        return Err(MathError::PermKTooLarge);
    };
    let k = k as u64;
    // n * (n-1) * ... * (n-k+1) = product of the range [n-k+1, n].
    let lo = n.magnitude() - BigUint::from(k) + BigUint::one();
    Ok(BigInt::from(range_product_big(&lo, k)))
}

/// `comb(n, k)` by the multiplicative formula: each step's division is exact.
fn comb_multiplicative(n: &BigUint, k: u64) -> BigUint {
    let mut acc = BigUint::one();
    for i in 0..k {
        acc *= n - BigUint::from(i);
        acc /= BigUint::from(i + 1);
    }
    acc
}

/// Primes up to `limit` (inclusive) by a sieve of Eratosthenes.
fn primes_up_to(limit: u64) -> Vec<u64> {
    let size = limit as usize + 1;
    let mut composite = vec![false; size];
    let mut primes = Vec::new();
    for i in 2..size {
        if !composite[i] {
            primes.push(i as u64);
            let mut j = i.saturating_mul(i);
            while j < size {
                composite[j] = true;
                j += i;
            }
        }
    }
    primes
}

/// Exponent of prime `p` in `comb(n, k)`: the number of borrows subtracting `k` from `n`
/// in base `p` (Kummer's theorem), computed via Legendre's formula.
fn comb_prime_exponent(n: u64, k: u64, p: u64) -> u32 {
    let mut e = 0;
    let (mut a, mut b, mut c) = (n, k, n - k);
    while a > 0 {
        a /= p;
        b /= p;
        c /= p;
        e += (a - b - c) as u32;
    }
    e
}

/// Product of a list of big numbers, balanced.
fn product_tree(items: &[BigUint]) -> BigUint {
    match items.len() {
        0 => BigUint::one(),
        1 => items[0].clone(),
        len => {
            let (a, b) = items.split_at(len / 2);
            product_tree(a) * product_tree(b)
        }
    }
}

/// `comb(n, k)` for moderate `n` via its prime factorisation: no big divisions at all.
fn comb_by_primes(n: u64, k: u64) -> BigUint {
    let mut factors = Vec::new();
    let mut chunk: u64 = 1;
    for p in primes_up_to(n) {
        let e = comb_prime_exponent(n, k, p);
        for _ in 0..e {
            match chunk.checked_mul(p) {
                Some(c) => chunk = c,
                None => {
                    factors.push(BigUint::from(chunk));
                    chunk = p;
                }
            }
        }
    }
    factors.push(BigUint::from(chunk));
    product_tree(&factors)
}

/// Largest `n` for which `comb` sieves primes (a few MB of sieve at most).
const COMB_SIEVE_LIMIT: u64 = 1 << 24;

/// `math.comb(n, k)`.
pub fn comb(n: &BigInt, k: &BigInt) -> Result<BigInt, MathError> {
    if n.sign() == Sign::Minus {
        return Err(MathError::NNegative);
    }
    if k.sign() == Sign::Minus {
        return Err(MathError::KNegative);
    }
    if k > n {
        return Ok(BigInt::zero());
    }
    let n_minus_k = n - k;
    let small_k = if n_minus_k < *k { &n_minus_k } else { k };
    let Some(small_k) = small_k.to_i64() else {
        return Err(MathError::CombKTooLarge);
    };
    let small_k = small_k as u64;
    let result = match n.to_u64() {
        Some(nu) if small_k > 64 && nu <= COMB_SIEVE_LIMIT => comb_by_primes(nu, small_k),
        _ => comb_multiplicative(n.magnitude(), small_k),
    };
    Ok(BigInt::from(result))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comb_strategies_agree() {
        for n in [0u64, 1, 5, 65, 66, 100, 129, 300] {
            for k in 0..=n {
                let k2 = k.min(n - k);
                assert_eq!(
                    comb_by_primes(n, k2),
                    comb_multiplicative(&BigUint::from(n), k2),
                    "comb({n}, {k})"
                );
            }
        }
    }

    #[test]
    fn range_products() {
        assert_eq!(
            range_product_u64(1, 21),
            BigUint::from(2_432_902_008_176_640_000u64)
        );
        let big = BigUint::from(u64::MAX) + BigUint::one();
        let expected = &big * (&big + 1u32) * (&big + 2u32);
        assert_eq!(range_product_big(&big, 3), expected);
    }
}
