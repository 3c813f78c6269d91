//! The integer and sequence methods of CPython 3.11's `random.Random` (random.py):
//! `_randbelow`, `randrange`, `randint`, `choice`, `shuffle`, `sample`, `choices`.
//!
//! They work on indices so they are independent of the element type: the VM indexes the
//! population with the results. Each consumes exactly the generator outputs CPython would,
//! in the same order, so seeded programs see identical picks. Small arguments take
//! allocation-free paths that draw the same words as the general `BigInt` code.

use super::error::RandomError;
use super::generator::Random;
use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};
use std::collections::HashSet;

/// Python's `bisect.bisect_right(a, x, lo, hi)`, step for step (so that even unsorted
/// cumulative lists give CPython's answer).
fn bisect_right<T: PartialOrd>(a: &[T], x: &T, lo: usize, hi: usize) -> usize {
    let (mut lo, mut hi) = (lo, hi.min(a.len()));
    while lo < hi {
        let mid = (lo + hi) / 2;
        if *x < a[mid] {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    lo
}

/// Reserves room for `len` items, turning allocation failure into CPython's MemoryError
/// instead of aborting.
fn reserve<T>(v: &mut Vec<T>, len: u64) -> Result<(), RandomError> {
    let len = usize::try_from(len).map_err(|_| RandomError::MemoryError)?;
    crate::memory::fallibly(|| v.try_reserve_exact(len)).map_err(|_| RandomError::MemoryError)
}

impl Random {
    /// `_randbelow(n)` for `0 < n < 2**64`: `getrandbits(n.bit_length())` until below `n`.
    /// Returns 0 for `n == 0` without drawing (CPython never calls it with 0).
    #[inline]
    pub fn randbelow_u64(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        let k = 64 - n.leading_zeros();
        loop {
            let r = self.mt.getrandbits_u64(k);
            if r < n {
                return r;
            }
        }
    }

    /// `_randbelow(n)` for a `usize` bound (the common case: sequence lengths).
    #[inline]
    pub fn randbelow_usize(&mut self, n: usize) -> usize {
        self.randbelow_u64(n as u64) as usize
    }

    /// `_randbelow(n)` for any positive int. Returns 0 for `n <= 0` without drawing.
    pub fn randbelow(&mut self, n: &BigInt) -> BigInt {
        match n.sign() {
            Sign::Plus => BigInt::from(self.randbelow_biguint(n.magnitude())),
            _ => BigInt::zero(),
        }
    }

    fn randbelow_biguint(&mut self, n: &BigUint) -> BigUint {
        if let Some(small) = n.to_u64() {
            return BigUint::from(self.randbelow_u64(small));
        }
        let k = n.bits();
        loop {
            let r = self.mt.getrandbits_biguint(k);
            if &r < n {
                return r;
            }
        }
    }

    /// `randrange(start, stop=None, step=1)` on ints of any size. The VM passes `step = 1`
    /// when it was omitted; TypeErrors for non-integers are the VM's.
    pub fn randrange(
        &mut self,
        start: &BigInt,
        stop: Option<&BigInt>,
        step: &BigInt,
    ) -> Result<BigInt, RandomError> {
        let Some(stop) = stop else {
            if !step.is_one() {
                return Err(RandomError::MissingStop);
            }
            if start.is_positive() {
                return Ok(self.randbelow(start));
            }
            return Err(RandomError::EmptyRange);
        };
        let width = stop - start;
        if step.is_one() {
            if width.is_positive() {
                return Ok(start + self.randbelow(&width));
            }
            return Err(RandomError::EmptyRangeUnitStep {
                start: start.clone(),
                stop: stop.clone(),
                width,
            });
        }
        let n: BigInt = if step.is_positive() {
            Integer::div_floor(&(&width + step - 1), step)
        } else if step.is_negative() {
            Integer::div_floor(&(&width + step + 1), step)
        } else {
            return Err(RandomError::ZeroStep);
        };
        if !n.is_positive() {
            return Err(RandomError::EmptyRange);
        }
        Ok(start + step * self.randbelow(&n))
    }

    /// [`Random::randrange`] for machine ints, without allocating; identical draws.
    pub fn randrange_i64(
        &mut self,
        start: i64,
        stop: Option<i64>,
        step: i64,
    ) -> Result<i64, RandomError> {
        let Some(stop) = stop else {
            if step != 1 {
                return Err(RandomError::MissingStop);
            }
            if start > 0 {
                return Ok(self.randbelow_u64(start as u64) as i64);
            }
            return Err(RandomError::EmptyRange);
        };
        let (start, stop, step) = (i128::from(start), i128::from(stop), i128::from(step));
        let width = stop - start;
        if step == 1 {
            if width > 0 {
                // width < 2**64, and start + r < stop fits in an i64.
                return Ok((start + i128::from(self.randbelow_u64(width as u64))) as i64);
            }
            return Err(RandomError::EmptyRangeUnitStep {
                start: start.into(),
                stop: stop.into(),
                width: width.into(),
            });
        }
        let n = if step > 0 {
            Integer::div_floor(&(width + step - 1), &step)
        } else if step < 0 {
            Integer::div_floor(&(width + step + 1), &step)
        } else {
            return Err(RandomError::ZeroStep);
        };
        if n <= 0 {
            return Err(RandomError::EmptyRange);
        }
        // 0 < n <= 2**64 - 1 because |width| < 2**64 and |step| >= 2.
        let r = i128::from(self.randbelow_u64(n as u64));
        Ok((start + step * r) as i64)
    }

    /// `randint(a, b)`: `randrange(a, b + 1)`.
    pub fn randint(&mut self, a: &BigInt, b: &BigInt) -> Result<BigInt, RandomError> {
        self.randrange(a, Some(&(b + 1)), &BigInt::one())
    }

    /// `randint(a, b)` for machine ints; identical draws.
    pub fn randint_i64(&mut self, a: i64, b: i64) -> Result<i64, RandomError> {
        if b == i64::MAX {
            // b + 1 overflows an i64: take the general path.
            let r = self.randint(&BigInt::from(a), &BigInt::from(b))?;
            return Ok(r.to_i64().unwrap_or(i64::MAX));
        }
        self.randrange_i64(a, Some(b + 1), 1)
    }

    /// `choice(seq)`: the index to pick from a sequence of length `len`.
    pub fn choice_index(&mut self, len: usize) -> Result<usize, RandomError> {
        if len == 0 {
            return Err(RandomError::EmptySequence);
        }
        Ok(self.randbelow_usize(len))
    }

    /// `shuffle(x)` in place.
    pub fn shuffle<T>(&mut self, x: &mut [T]) {
        for i in (1..x.len()).rev() {
            let j = self.randbelow_usize(i + 1);
            x.swap(i, j);
        }
    }

    /// `sample(population, k)`: indices into a population of length `n`, in selection order.
    /// `k` is the Python int (the VM clamps anything beyond `i64` to `i64::MIN`/`MAX`).
    pub fn sample_indices(&mut self, n: usize, k: i64) -> Result<Vec<usize>, RandomError> {
        let picks = self.sample_range(n as u64, k)?;
        Ok(picks.into_iter().map(|p| p as usize).collect())
    }

    /// The core of `sample`: `k` distinct values from `range(n)`, using CPython's pool
    /// algorithm when a list of `n` is smaller than a set of `k`, else its set algorithm.
    fn sample_range(&mut self, n: u64, k: i64) -> Result<Vec<u64>, RandomError> {
        let k = match u64::try_from(k) {
            Ok(k) if k <= n => k,
            _ => return Err(RandomError::SampleSize),
        };
        let mut setsize: u128 = 21;
        if k > 5 {
            // math.log(k * 3, 4), ceil'd: the int k*3 is logged as a float.
            let log = ((u128::from(k) * 3) as f64).ln() / 4.0f64.ln();
            let exp = log.ceil() as u32;
            setsize = setsize.saturating_add(4u128.checked_pow(exp).unwrap_or(u128::MAX));
        }
        let mut result = Vec::new();
        reserve(&mut result, k)?;
        if u128::from(n) <= setsize {
            // Invariant: non-selected values at pool[0 .. n-i].
            let mut pool = Vec::new();
            reserve(&mut pool, n)?;
            pool.extend(0..n);
            for i in 0..k {
                let j = self.randbelow_u64(n - i) as usize;
                result.push(pool[j]);
                pool[j] = pool[(n - i - 1) as usize];
            }
        } else {
            let mut selected = HashSet::new();
            crate::memory::fallibly(|| selected.try_reserve(k as usize))
                .map_err(|_| RandomError::MemoryError)?;
            for _ in 0..k {
                let mut j = self.randbelow_u64(n);
                while selected.contains(&j) {
                    j = self.randbelow_u64(n);
                }
                selected.insert(j);
                result.push(j);
            }
        }
        Ok(result)
    }

    /// `sample(population, k, counts=counts)` for a population of length `n`: indices
    /// into the population. CPython samples `range(sum(counts))` and maps each pick back
    /// through the cumulative counts with `bisect`.
    pub fn sample_counts_indices(
        &mut self,
        n: usize,
        counts: &[i64],
        k: i64,
    ) -> Result<Vec<usize>, RandomError> {
        let mut cum_counts: Vec<i128> = Vec::with_capacity(counts.len());
        let mut running: i128 = 0;
        for &c in counts {
            running += i128::from(c);
            cum_counts.push(running);
        }
        if cum_counts.len() != n {
            return Err(RandomError::CountsLength);
        }
        let total = cum_counts.pop().ok_or(RandomError::CountsEmpty)?;
        if total <= 0 {
            return Err(RandomError::CountsTotalNotPositive);
        }
        let total = i64::try_from(total).map_err(|_| RandomError::CountsTotalTooLarge)?;
        let selections = self.sample_range(total as u64, k)?;
        let hi = cum_counts.len();
        Ok(selections
            .into_iter()
            .map(|s| bisect_right(&cum_counts, &i128::from(s), 0, hi))
            .collect())
    }

    /// `choices(population, weights=None, *, cum_weights=None, k=1)` for a population of
    /// length `n`: `k` indices (the VM passes `max(k, 0)`).
    ///
    /// Weights are floats here; CPython accumulates int weights exactly, which agrees as
    /// long as the running sums stay below 2**53. With no weights and `n == 0`, CPython
    /// draws once and then fails indexing `population[0]`; this returns `vec![0]` after
    /// that one draw so the VM's own indexing raises the sequence's IndexError.
    pub fn choices_indices(
        &mut self,
        n: usize,
        k: usize,
        weights: Option<&[f64]>,
        cum_weights: Option<&[f64]>,
    ) -> Result<Vec<usize>, RandomError> {
        let accumulated;
        let cum: &[f64] = match (weights, cum_weights) {
            (None, None) => {
                let nf = n as f64;
                let mut out = Vec::new();
                reserve(&mut out, k as u64)?;
                for _ in 0..k {
                    let i = (self.random() * nf).floor() as usize;
                    out.push(i);
                    if i >= n {
                        break;
                    }
                }
                return Ok(out);
            }
            (Some(w), None) => {
                let mut running = 0.0;
                accumulated = w
                    .iter()
                    .enumerate()
                    .map(|(i, &x)| {
                        // accumulate() starts from the first element itself, not 0.0 + it.
                        running = if i == 0 { x } else { running + x };
                        running
                    })
                    .collect::<Vec<f64>>();
                &accumulated
            }
            (None, Some(c)) => c,
            (Some(_), Some(_)) => return Err(RandomError::BothWeights),
        };
        if cum.len() != n {
            return Err(RandomError::WeightsLength);
        }
        let total = cum.last().ok_or(RandomError::CumWeightsEmpty)? + 0.0;
        if total <= 0.0 {
            return Err(RandomError::WeightsTotalNotPositive);
        }
        if !total.is_finite() {
            return Err(RandomError::WeightsTotalNotFinite);
        }
        let hi = n - 1;
        let mut out = Vec::new();
        reserve(&mut out, k as u64)?;
        out.extend((0..k).map(|_| bisect_right(cum, &(self.random() * total), 0, hi)));
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::bisect_right;

    #[test]
    fn bisect_right_matches_python() {
        // python3 -c "import bisect; print(bisect.bisect_right([1,2,2,3], 2), bisect.bisect_right([1,2,2,3], 0.5, 0, 3), bisect.bisect_right([5,1,7], 4))"
        assert_eq!(bisect_right(&[1, 2, 2, 3], &2, 0, 4), 3);
        assert_eq!(bisect_right(&[1.0, 2.0, 2.0, 3.0], &0.5, 0, 3), 0);
        assert_eq!(bisect_right(&[5, 1, 7], &4, 0, 3), 2);
    }
}
