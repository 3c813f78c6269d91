//! The real-valued distributions of CPython 3.11's `random.Random` (random.py), written
//! with the same float operations in the same order so seeded results are bit-identical.
//!
//! random.py uses `math.log/exp/sqrt/cos/sin/acos` (with `math`'s error rules), Python
//! float division (ZeroDivisionError on a zero divisor) and Python float `**`; those
//! semantics are reproduced by the helpers below.

use super::error::RandomError;
use super::generator::Random;
use crate::stdlib::math;

const TWOPI: f64 = 2.0 * std::f64::consts::PI;
const LOG4: f64 = 1.386_294_361_119_890_6; // math.log(4.0)
const SG_MAGICCONST: f64 = 2.504_077_396_776_274; // 1.0 + math.log(4.5)

/// `4 * exp(-0.5) / sqrt(2.0)`, computed as random.py does at import time.
fn nv_magicconst() -> f64 {
    4.0 * (-0.5f64).exp() / 2.0f64.sqrt()
}

/// Python float division.
fn div(a: f64, b: f64) -> Result<f64, RandomError> {
    if b == 0.0 {
        return Err(RandomError::FloatDivisionByZero);
    }
    Ok(a / b)
}

/// Python's float `%` (the result takes the divisor's sign); `b` is never zero here.
fn py_mod(a: f64, b: f64) -> f64 {
    let m = a % b;
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m + b
        } else {
            m
        }
    } else {
        0.0f64.copysign(b)
    }
}

/// CPython's `DOUBLE_IS_ODD_INTEGER`.
fn is_odd_integer(y: f64) -> bool {
    y.abs() % 2.0 == 1.0
}

/// Python's float `**` (floatobject.c `float_pow`) for the real-valued cases. A negative
/// base with a fractional exponent (a complex result in Python) cannot arise in these
/// distributions; it yields NaN here.
fn py_pow(x: f64, y: f64) -> Result<f64, RandomError> {
    if y == 0.0 {
        return Ok(1.0);
    }
    if x.is_nan() {
        return Ok(x);
    }
    if y.is_nan() {
        return Ok(if x == 1.0 { 1.0 } else { y });
    }
    if y.is_infinite() {
        let ax = x.abs();
        return Ok(if ax == 1.0 {
            1.0
        } else if (y > 0.0) == (ax > 1.0) {
            y.abs()
        } else {
            0.0
        });
    }
    if x.is_infinite() {
        let odd = is_odd_integer(y);
        return Ok(if y > 0.0 {
            if odd {
                x
            } else {
                x.abs()
            }
        } else if odd {
            0.0f64.copysign(x)
        } else {
            0.0
        });
    }
    if x == 0.0 {
        if y < 0.0 {
            return Err(RandomError::ZeroToNegativePower);
        }
        return Ok(if is_odd_integer(y) { x } else { 0.0 });
    }
    let (base, negate) = if x < 0.0 {
        if y != y.floor() {
            return Ok(f64::NAN);
        }
        (-x, is_odd_integer(y))
    } else {
        (x, false)
    };
    if base == 1.0 {
        return Ok(if negate { -1.0 } else { 1.0 });
    }
    let r = base.powf(y);
    if r.is_infinite() {
        return Err(RandomError::PowerOverflow);
    }
    Ok(if negate { -r } else { r })
}

impl Random {
    /// `uniform(a, b)`: `a + (b - a) * random()`. (For int arguments CPython subtracts
    /// exactly before converting; the VM can pass `b - a` computed exactly via
    /// [`Random::uniform_from_width`].)
    pub fn uniform(&mut self, a: f64, b: f64) -> f64 {
        a + (b - a) * self.random()
    }

    /// `a + width * random()` where the VM computed `width = b - a` itself.
    pub fn uniform_from_width(&mut self, a: f64, width: f64) -> f64 {
        a + width * self.random()
    }

    /// `triangular(low=0.0, high=1.0, mode=None)`. `None` means CPython returned `low`
    /// itself (the `ZeroDivisionError` shortcut when `high == low` with a mode given), which
    /// the VM must return unchanged (an int stays an int).
    pub fn triangular(&mut self, low: f64, high: f64, mode: Option<f64>) -> Option<f64> {
        let mut u = self.random();
        let mut c = match mode {
            None => 0.5,
            Some(m) => div(m - low, high - low).ok()?,
        };
        let (mut low, mut high) = (low, high);
        if u > c {
            u = 1.0 - u;
            c = 1.0 - c;
            std::mem::swap(&mut low, &mut high);
        }
        Some(low + (high - low) * (u * c).sqrt())
    }

    /// `normalvariate(mu=0.0, sigma=1.0)` (Kinderman and Monahan).
    pub fn normalvariate(&mut self, mu: f64, sigma: f64) -> f64 {
        let magic = nv_magicconst();
        loop {
            let u1 = self.random();
            let u2 = 1.0 - self.random();
            let z = magic * (u1 - 0.5) / u2;
            let zz = z * z / 4.0;
            if zz <= -u2.ln() {
                return mu + z * sigma;
            }
        }
    }

    /// `gauss(mu=0.0, sigma=1.0)`: Box-Muller, caching the second deviate in `gauss_next`.
    pub fn gauss(&mut self, mu: f64, sigma: f64) -> f64 {
        let z = match self.gauss_next.take() {
            Some(z) => z,
            None => {
                let x2pi = self.random() * TWOPI;
                let g2rad = (-2.0 * (1.0 - self.random()).ln()).sqrt();
                self.gauss_next = Some(x2pi.sin() * g2rad);
                x2pi.cos() * g2rad
            }
        };
        mu + z * sigma
    }

    /// `lognormvariate(mu, sigma)`: `math.exp(normalvariate(mu, sigma))`.
    pub fn lognormvariate(&mut self, mu: f64, sigma: f64) -> Result<f64, RandomError> {
        let n = self.normalvariate(mu, sigma);
        Ok(math::exp(n)?)
    }

    /// `expovariate(lambd)` (3.11 has no default for `lambd`).
    pub fn expovariate(&mut self, lambd: f64) -> Result<f64, RandomError> {
        let u = self.random();
        div(-(1.0 - u).ln(), lambd)
    }

    /// `vonmisesvariate(mu, kappa)` (Fisher's algorithm).
    pub fn vonmisesvariate(&mut self, mu: f64, kappa: f64) -> Result<f64, RandomError> {
        if kappa <= 1e-6 {
            return Ok(TWOPI * self.random());
        }
        let s = div(0.5, kappa)?;
        let r = s + math::sqrt(1.0 + s * s)?;
        let z = loop {
            let u1 = self.random();
            let z = math::cos(std::f64::consts::PI * u1)?;
            let d = div(z, r + z)?;
            let u2 = self.random();
            if u2 < 1.0 - d * d || u2 <= (1.0 - d) * math::exp(d)? {
                break z;
            }
        };
        let q = div(1.0, r)?;
        let f = div(q + z, 1.0 + q * z)?;
        let u3 = self.random();
        let theta = if u3 > 0.5 {
            py_mod(mu + math::acos(f)?, TWOPI)
        } else {
            py_mod(mu - math::acos(f)?, TWOPI)
        };
        Ok(theta)
    }

    /// `gammavariate(alpha, beta)`.
    pub fn gammavariate(&mut self, alpha: f64, beta: f64) -> Result<f64, RandomError> {
        if alpha <= 0.0 || beta <= 0.0 {
            return Err(RandomError::GammaParameters);
        }
        if alpha > 1.0 {
            // R.C.H. Cheng, "The generation of Gamma variables with non-integral shape
            // parameters", Applied Statistics (1977), 26, No. 1, p71-74.
            let ainv = math::sqrt(2.0 * alpha - 1.0)?;
            let bbb = alpha - LOG4;
            let ccc = alpha + ainv;
            loop {
                let u1 = self.random();
                if !(1e-7 < u1 && u1 < 0.9999999) {
                    continue;
                }
                let u2 = 1.0 - self.random();
                let v = div(math::log(div(u1, 1.0 - u1)?, None)?, ainv)?;
                let x = alpha * math::exp(v)?;
                let z = u1 * u1 * u2;
                let r = bbb + ccc * v - x;
                if r + SG_MAGICCONST - 4.5 * z >= 0.0 || r >= math::log(z, None)? {
                    return Ok(x * beta);
                }
            }
        } else if alpha == 1.0 {
            Ok(-math::log(1.0 - self.random(), None)? * beta)
        } else {
            // ALGORITHM GS of Statistical Computing - Kennedy & Gentle.
            let x = loop {
                let u = self.random();
                let b = div(std::f64::consts::E + alpha, std::f64::consts::E)?;
                let p = b * u;
                let x = if p <= 1.0 {
                    py_pow(p, div(1.0, alpha)?)?
                } else {
                    -math::log(div(b - p, alpha)?, None)?
                };
                let u1 = self.random();
                if p > 1.0 {
                    if u1 <= py_pow(x, alpha - 1.0)? {
                        break x;
                    }
                } else if u1 <= math::exp(-x)? {
                    break x;
                }
            };
            Ok(x * beta)
        }
    }

    /// `betavariate(alpha, beta)`.
    pub fn betavariate(&mut self, alpha: f64, beta: f64) -> Result<f64, RandomError> {
        let y = self.gammavariate(alpha, 1.0)?;
        if y != 0.0 {
            let other = self.gammavariate(beta, 1.0)?;
            return div(y, y + other);
        }
        Ok(0.0)
    }

    /// `paretovariate(alpha)`.
    pub fn paretovariate(&mut self, alpha: f64) -> Result<f64, RandomError> {
        let u = 1.0 - self.random();
        py_pow(u, div(-1.0, alpha)?)
    }

    /// `weibullvariate(alpha, beta)`.
    pub fn weibullvariate(&mut self, alpha: f64, beta: f64) -> Result<f64, RandomError> {
        let u = 1.0 - self.random();
        let base = -math::log(u, None)?;
        Ok(alpha * py_pow(base, div(1.0, beta)?)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_constants_match_random_py() {
        // python3 -c "import random; print(random.LOG4.hex(), random.SG_MAGICCONST.hex(), random.NV_MAGICCONST.hex(), random.TWOPI.hex())"
        assert_eq!(LOG4.to_bits(), 0x3ff62e42fefa39ef);
        assert_eq!(SG_MAGICCONST.to_bits(), 0x40040859baee748f);
        assert_eq!(nv_magicconst().to_bits(), 0x3ffb72cd3f331398);
        assert_eq!(TWOPI.to_bits(), 0x401921fb54442d18);
    }

    #[test]
    fn python_float_pow_and_mod() {
        // python3: 0.0 ** -1.0 -> ZeroDivisionError; (-8.0) ** 3.0 == -512.0; -1.0 % 6.283... etc.
        assert_eq!(py_pow(0.0, -1.0), Err(RandomError::ZeroToNegativePower));
        assert_eq!(py_pow(-8.0, 3.0), Ok(-512.0));
        assert_eq!(py_pow(1e-300, -2.0), Err(RandomError::PowerOverflow));
        assert_eq!(py_pow(-0.0, 3.0).map(f64::to_bits), Ok((-0.0f64).to_bits()));
        assert_eq!(py_mod(-1.0, TWOPI), TWOPI - 1.0);
        assert_eq!(py_mod(0.0, TWOPI).to_bits(), 0);
    }
}
