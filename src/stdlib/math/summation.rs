//! Accurate sums: `math.fsum` (Shewchuk/Hettinger exact partials) and the vector norm
//! behind `math.hypot`/`math.dist` (CPython 3.11's scaled, compensated algorithm).
//!
//! Both follow mathmodule.c operation for operation; the intermediate values must be plain
//! IEEE doubles (no fused multiply-add, no re-association), which Rust guarantees.

use super::error::MathError;
use super::float_parts::{frexp, ldexp};

/// Incremental `math.fsum`: feed items with [`FsumAccumulator::add`] in iteration order
/// (it fails immediately on intermediate overflow, as CPython does mid-iteration), then
/// call [`FsumAccumulator::finish`].
#[derive(Debug, Clone, Default)]
pub struct FsumAccumulator {
    /// Non-overlapping partial sums, increasing in magnitude.
    partials: Vec<f64>,
    /// Sum of the non-finite inputs seen so far.
    special_sum: f64,
    /// Sum of the infinite inputs seen so far (NaN once both signs were seen).
    inf_sum: f64,
}

impl FsumAccumulator {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one summand.
    pub fn add(&mut self, x: f64) -> Result<(), MathError> {
        let xsave = x;
        let mut x = x;
        let mut i = 0;
        for j in 0..self.partials.len() {
            let mut y = self.partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let yr = hi - x;
            let lo = y - yr;
            if lo != 0.0 {
                self.partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        self.partials.truncate(i);
        if x != 0.0 {
            if !x.is_finite() {
                // Either a non-finite summand or overflow of finite ones.
                if xsave.is_finite() {
                    return Err(MathError::FsumOverflow);
                }
                if xsave.is_infinite() {
                    self.inf_sum += xsave;
                }
                self.special_sum += xsave;
                self.partials.clear();
            } else {
                self.partials.push(x);
            }
        }
        Ok(())
    }

    /// The correctly rounded sum of everything added.
    pub fn finish(&self) -> Result<f64, MathError> {
        if self.special_sum != 0.0 {
            if self.inf_sum.is_nan() {
                return Err(MathError::FsumInfMinusInf);
            }
            return Ok(self.special_sum);
        }
        let p = &self.partials;
        let mut n = p.len();
        let mut hi = 0.0;
        if n > 0 {
            n -= 1;
            hi = p[n];
            let mut lo = 0.0;
            // Sum from the top down, stopping once the sum becomes inexact.
            while n > 0 {
                let x = hi;
                n -= 1;
                let y = p[n];
                hi = x + y;
                let yr = hi - x;
                lo = y - yr;
                if lo != 0.0 {
                    break;
                }
            }
            // Make half-even rounding work across multiple partials.
            if n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0)) {
                let y = lo * 2.0;
                let x = hi + y;
                let yr = x - hi;
                if y == yr {
                    hi = x;
                }
            }
        }
        Ok(hi)
    }
}

/// `math.fsum(values)` over already-converted floats.
pub fn fsum(values: &[f64]) -> Result<f64, MathError> {
    let mut acc = FsumAccumulator::new();
    for &v in values {
        acc.add(v)?;
    }
    acc.finish()
}

/// CPython 3.11's `vector_norm`: `sqrt(sum(x*x))` for non-negative finite `vec` entries,
/// given their maximum `max` and whether any input was NaN.
fn vector_norm(vec: &[f64], max: f64, found_nan: bool) -> f64 {
    const T27: f64 = 134_217_729.0; // 2**27 + 1, the Veltkamp-Dekker splitter
    if max.is_infinite() {
        return max;
    }
    if found_nan {
        return f64::NAN;
    }
    if max == 0.0 || vec.len() <= 1 {
        return max;
    }
    let (_, max_e) = frexp(max);
    let mut csum = 1.0;
    let mut frac1 = 0.0;
    let mut frac2 = 0.0;
    let mut frac3 = 0.0;
    if max_e >= -1023 {
        // Exact: the scale is a power of two within range.
        let scale = ldexp(1.0, -i64::from(max_e)).unwrap_or(1.0);
        for &v in vec {
            let x = v * scale;
            let t = x * T27;
            let hi = t - (t - x);
            let lo = x - hi;

            let x = hi * hi;
            let oldcsum = csum;
            csum += x;
            frac1 += (oldcsum - csum) + x;

            let x = 2.0 * hi * lo;
            let oldcsum = csum;
            csum += x;
            frac2 += (oldcsum - csum) + x;

            frac3 += lo * lo;
        }
        let h = (csum - 1.0 + (frac1 + frac2 + frac3)).sqrt();

        // Differential correction of the square root.
        let x = h;
        let t = x * T27;
        let hi = t - (t - x);
        let lo = x - hi;

        let x = -hi * hi;
        let oldcsum = csum;
        csum += x;
        frac1 += (oldcsum - csum) + x;

        let x = -2.0 * hi * lo;
        let oldcsum = csum;
        csum += x;
        frac2 += (oldcsum - csum) + x;

        let x = -lo * lo;
        let oldcsum = csum;
        csum += x;
        frac3 += (oldcsum - csum) + x;

        let x = csum - 1.0 + (frac1 + frac2 + frac3);
        return (h + x / (2.0 * h)) / scale;
    }
    // max is subnormal-tiny: 2**-max_e would overflow, so divide by max instead.
    for &v in vec {
        let x = v / max;
        let x = x * x;
        let oldcsum = csum;
        csum += x;
        frac1 += (oldcsum - csum) + x;
    }
    max * (csum - 1.0 + frac1).sqrt()
}

/// `math.hypot(*coordinates)`. Never raises: an overflowing norm is `inf`.
pub fn hypot(coordinates: &[f64]) -> f64 {
    let mut max = 0.0;
    let mut found_nan = false;
    let abs: Vec<f64> = coordinates
        .iter()
        .map(|&c| {
            let x = c.abs();
            found_nan |= x.is_nan();
            if x > max {
                max = x;
            }
            x
        })
        .collect();
    vector_norm(&abs, max, found_nan)
}

/// `math.dist(p, q)`: Euclidean distance between two points of equal dimension.
pub fn dist(p: &[f64], q: &[f64]) -> Result<f64, MathError> {
    if p.len() != q.len() {
        return Err(MathError::DistDimensionMismatch);
    }
    let mut max = 0.0;
    let mut found_nan = false;
    let diffs: Vec<f64> = p
        .iter()
        .zip(q)
        .map(|(&px, &qx)| {
            let x = (px - qx).abs();
            found_nan |= x.is_nan();
            if x > max {
                max = x;
            }
            x
        })
        .collect();
    Ok(vector_norm(&diffs, max, found_nan))
}
