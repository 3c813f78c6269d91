//! Ports of glibc's `erf`, `erfc`, `asinh`, `acosh`, `atanh` and `cbrt`.
//!
//! CPython 3.11 on Linux calls glibc for these. Rust's std either lacks them (`erf`,
//! `erfc`) or computes them itself (`asinh`, `acosh`, `atanh` with its own formulas; `cbrt`
//! correctly rounded in pure Rust), which differs from glibc in the last bit for many
//! inputs. These ports follow glibc 2.36's `sysdeps/ieee754/dbl-64` sources operation for
//! operation (including the re-associated polynomial evaluation of its `s_erf.c`), calling
//! the system `exp`/`log`/`log1p` through Rust's std for their inner steps, so results match
//! CPython bit for bit.
//!
//! `erf`/`erfc`/`asinh`/`acosh` are from Sun Microsystems' fdlibm: "Copyright (C) 1993 by
//! Sun Microsystems, Inc. All rights reserved. Developed at SunPro, a Sun Microsystems, Inc.
//! business. Permission to use, copy, modify, and distribute this software is freely
//! granted, provided that this notice is preserved." `atanh` and `cbrt` follow glibc's own
//! algorithms (Ulrich Drepper; Dirk Alboth), reimplemented here.

// Coefficients are quoted digit for digit from the C sources they must reproduce.
#![allow(clippy::excessive_precision)]

use super::float_parts::{frexp, ldexp};

/// The high 32 bits of a float's representation, as fdlibm's `GET_HIGH_WORD`.
fn high_word(x: f64) -> i32 {
    (x.to_bits() >> 32) as u32 as i32
}

/// `x` with its low 32 bits cleared, as fdlibm's `SET_LOW_WORD(z, 0)`.
fn clear_low_word(x: f64) -> f64 {
    f64::from_bits(x.to_bits() & 0xffff_ffff_0000_0000)
}

const LN2: f64 = std::f64::consts::LN_2;

/// glibc `__asinh`.
pub fn asinh(x: f64) -> f64 {
    let hx = high_word(x);
    let ix = hx & 0x7fff_ffff;
    if ix < 0x3e30_0000 {
        // |x| < 2**-28: asinh(x) == x to working precision.
        return x;
    }
    let w = if ix > 0x41b0_0000 {
        // |x| > 2**28
        if ix >= 0x7ff0_0000 {
            return x + x;
        }
        x.abs().ln() + LN2
    } else {
        let xa = x.abs();
        if ix > 0x4000_0000 {
            // 2 < |x| <= 2**28
            (2.0 * xa + 1.0 / ((xa * xa + 1.0).sqrt() + xa)).ln()
        } else {
            // 2**-28 <= |x| <= 2
            let t = xa * xa;
            (xa + t / (1.0 + (1.0 + t).sqrt())).ln_1p()
        }
    };
    w.copysign(x)
}

/// glibc `__ieee754_acosh`.
pub fn acosh(x: f64) -> f64 {
    let bits = x.to_bits();
    let hx = (bits >> 32) as u32 as i32;
    let lx = bits as u32;
    if hx < 0x3ff0_0000 {
        // x < 1 (including all negatives): invalid.
        f64::NAN
    } else if hx >= 0x41b0_0000 {
        // x > 2**28
        if hx >= 0x7ff0_0000 {
            x + x
        } else {
            x.ln() + LN2
        }
    } else if ((hx - 0x3ff0_0000) as u32 | lx) == 0 {
        0.0
    } else if hx > 0x4000_0000 {
        // 2 < x < 2**28
        let t = x * x;
        (2.0 * x - 1.0 / (x + (t - 1.0).sqrt())).ln()
    } else {
        // 1 < x <= 2
        let t = x - 1.0;
        (t + (2.0 * t + t * t).sqrt()).ln_1p()
    }
}

/// glibc `__ieee754_atanh`.
pub fn atanh(x: f64) -> f64 {
    let xa = x.abs();
    let t = if xa < 0.5 {
        if xa < f64::from_bits(0x3e30_0000_0000_0000) {
            // |x| < 2**-28
            return x;
        }
        let t = xa + xa;
        0.5 * (t + t * xa / (1.0 - xa)).ln_1p()
    } else if xa < 1.0 {
        0.5 * ((xa + xa) / (1.0 - xa)).ln_1p()
    } else if xa > 1.0 {
        return f64::NAN;
    } else if xa == 1.0 {
        return x / 0.0;
    } else {
        // NaN
        return x + x;
    };
    t.copysign(x)
}

const TINY: f64 = 1e-300;
const ERX: f64 = 8.450_629_115_104_675_292_97e-01;
const EFX: f64 = 1.283_791_670_955_125_863_16e-01;
const PP: [f64; 5] = [
    1.283_791_670_955_125_585_61e-01,
    -3.250_421_072_470_014_993_70e-01,
    -2.848_174_957_559_851_047_66e-02,
    -5.770_270_296_489_441_591_57e-03,
    -2.376_301_665_665_016_260_84e-05,
];
const QQ: [f64; 6] = [
    0.0,
    3.979_172_239_591_553_528_19e-01,
    6.502_224_998_876_729_444_85e-02,
    5.081_306_281_875_765_627_76e-03,
    1.324_947_380_043_216_445_26e-04,
    -3.960_228_278_775_368_123_20e-06,
];
const PA: [f64; 7] = [
    -2.362_118_560_752_659_440_77e-03,
    4.148_561_186_837_483_316_66e-01,
    -3.722_078_760_357_013_238_47e-01,
    3.183_466_199_011_617_536_74e-01,
    -1.108_946_942_823_966_774_76e-01,
    3.547_830_432_561_823_593_71e-02,
    -2.166_375_594_868_790_843_00e-03,
];
const QA: [f64; 7] = [
    0.0,
    1.064_208_804_008_442_282_86e-01,
    5.403_979_177_021_710_489_37e-01,
    7.182_865_441_419_626_628_68e-02,
    1.261_712_198_087_616_421_12e-01,
    1.363_708_391_202_905_073_62e-02,
    1.198_449_984_679_910_741_70e-02,
];
const RA: [f64; 8] = [
    -9.864_944_034_847_148_227_05e-03,
    -6.938_585_727_071_817_643_72e-01,
    -1.055_862_622_532_329_098_14e+01,
    -6.237_533_245_032_600_603_96e+01,
    -1.623_966_694_625_734_703_55e+02,
    -1.846_050_929_067_110_359_94e+02,
    -8.128_743_550_630_659_342_46e+01,
    -9.814_329_344_169_145_485_92e+00,
];
const SA: [f64; 9] = [
    0.0,
    1.965_127_166_743_925_712_92e+01,
    1.376_577_541_435_190_426_00e+02,
    4.345_658_774_752_292_288_21e+02,
    6.453_872_717_332_678_803_36e+02,
    4.290_081_400_275_678_333_86e+02,
    1.086_350_055_417_794_351_34e+02,
    6.570_249_770_319_281_701_35e+00,
    -6.042_441_521_485_809_874_38e-02,
];
const RB: [f64; 7] = [
    -9.864_942_924_700_099_285_97e-03,
    -7.992_832_376_805_230_065_74e-01,
    -1.775_795_491_775_475_198_89e+01,
    -1.606_363_848_558_219_160_62e+02,
    -6.375_664_433_683_896_277_22e+02,
    -1.025_095_131_611_077_249_54e+03,
    -4.835_191_916_086_513_970_19e+02,
];
const SB: [f64; 8] = [
    0.0,
    3.033_806_074_348_245_829_24e+01,
    3.257_925_129_965_739_188_26e+02,
    1.536_729_586_084_436_959_94e+03,
    3.199_858_219_508_595_539_08e+03,
    2.553_050_406_433_164_425_83e+03,
    4.745_285_412_069_553_672_15e+02,
    -2.244_095_244_658_581_833_62e+01,
];

/// `R/S`-style rational approximation of `(erf(x) - x) / x` for `|x| < 0.84375`, in glibc's
/// evaluation order (`z = x*x`).
fn erf_small_ratio(z: f64) -> f64 {
    let r1 = PP[0] + z * PP[1];
    let z2 = z * z;
    let r2 = PP[2] + z * PP[3];
    let z4 = z2 * z2;
    let s1 = 1.0 + z * QQ[1];
    let s2 = QQ[2] + z * QQ[3];
    let s3 = QQ[4] + z * QQ[5];
    let r = r1 + z2 * r2 + z4 * PP[4];
    let s = s1 + z2 * s2 + z4 * s3;
    r / s
}

/// `P/Q` for `0.84375 <= |x| < 1.25`, with `s = |x| - 1`.
fn erf_mid_ratio(s: f64) -> f64 {
    let p1 = PA[0] + s * PA[1];
    let s2 = s * s;
    let q1 = 1.0 + s * QA[1];
    let s4 = s2 * s2;
    let p2 = PA[2] + s * PA[3];
    let s6 = s4 * s2;
    let q2 = QA[2] + s * QA[3];
    let p3 = PA[4] + s * PA[5];
    let q3 = QA[4] + s * QA[5];
    let p4 = PA[6];
    let q4 = QA[6];
    let p = p1 + s2 * p2 + s4 * p3 + s6 * p4;
    let q = q1 + s2 * q2 + s4 * q3 + s6 * q4;
    p / q
}

/// `erfc(x) * x` via `exp(-x*x - 0.5625 + R/S)` for `1.25 <= x < 28` (`x` positive, `ix`
/// its high word).
fn erfc_tail(x: f64, ix: i32, split: i32) -> f64 {
    let s = 1.0 / (x * x);
    let (r, ss) = if ix < split {
        let r1 = RA[0] + s * RA[1];
        let s2 = s * s;
        let s1 = 1.0 + s * SA[1];
        let s4 = s2 * s2;
        let r2 = RA[2] + s * RA[3];
        let s6 = s4 * s2;
        let sv2 = SA[2] + s * SA[3];
        let s8 = s4 * s4;
        let r3 = RA[4] + s * RA[5];
        let sv3 = SA[4] + s * SA[5];
        let r4 = RA[6] + s * RA[7];
        let sv4 = SA[6] + s * SA[7];
        let r = r1 + s2 * r2 + s4 * r3 + s6 * r4;
        let ss = s1 + s2 * sv2 + s4 * sv3 + s6 * sv4 + s8 * SA[8];
        (r, ss)
    } else {
        let r1 = RB[0] + s * RB[1];
        let s2 = s * s;
        let s1 = 1.0 + s * SB[1];
        let s4 = s2 * s2;
        let r2 = RB[2] + s * RB[3];
        let s6 = s4 * s2;
        let sv2 = SB[2] + s * SB[3];
        let r3 = RB[4] + s * RB[5];
        let sv3 = SB[4] + s * SB[5];
        let sv4 = SB[6] + s * SB[7];
        let r = r1 + s2 * r2 + s4 * r3 + s6 * RB[6];
        let ss = s1 + s2 * sv2 + s4 * sv3 + s6 * sv4;
        (r, ss)
    };
    let z = clear_low_word(x);
    (-z * z - 0.5625).exp() * ((z - x) * (z + x) + r / ss).exp()
}

/// glibc `__erf`.
pub fn erf(x: f64) -> f64 {
    let hx = high_word(x);
    let ix = hx & 0x7fff_ffff;
    if ix >= 0x7ff0_0000 {
        // erf(nan) = nan, erf(±inf) = ±1
        let i = ((hx as u32) >> 31) << 1;
        return (1 - i as i32) as f64 + 1.0 / x;
    }
    if ix < 0x3feb_0000 {
        // |x| < 0.84375
        if ix < 0x3e30_0000 {
            // |x| < 2**-28
            if ix < 0x0080_0000 {
                // Avoids spurious underflow (glibc's scaling; same value).
                return 0.0625 * (16.0 * x + (16.0 * EFX) * x);
            }
            return x + EFX * x;
        }
        let y = erf_small_ratio(x * x);
        return x + x * y;
    }
    if ix < 0x3ff4_0000 {
        // 0.84375 <= |x| < 1.25
        let ratio = erf_mid_ratio(x.abs() - 1.0);
        return if hx >= 0 { ERX + ratio } else { -ERX - ratio };
    }
    if ix >= 0x4018_0000 {
        // |x| >= 6
        return if hx >= 0 { 1.0 - TINY } else { TINY - 1.0 };
    }
    let ax = x.abs();
    let r = erfc_tail(ax, ix, 0x4006_DB6E);
    if hx >= 0 {
        1.0 - r / ax
    } else {
        r / ax - 1.0
    }
}

/// glibc `__erfc`.
pub fn erfc(x: f64) -> f64 {
    let hx = high_word(x);
    let ix = hx & 0x7fff_ffff;
    if ix >= 0x7ff0_0000 {
        // erfc(nan) = nan, erfc(+inf) = 0, erfc(-inf) = 2
        return (((hx as u32) >> 31) << 1) as f64 + 1.0 / x;
    }
    if ix < 0x3feb_0000 {
        // |x| < 0.84375
        if ix < 0x3c70_0000 {
            // |x| < 2**-56
            return 1.0 - x;
        }
        let y = erf_small_ratio(x * x);
        if hx < 0x3fd0_0000 {
            // x < 1/4
            return 1.0 - (x + x * y);
        }
        let r = x * y + (x - 0.5);
        return 0.5 - r;
    }
    if ix < 0x3ff4_0000 {
        // 0.84375 <= |x| < 1.25
        let ratio = erf_mid_ratio(x.abs() - 1.0);
        return if hx >= 0 {
            (1.0 - ERX) - ratio
        } else {
            1.0 + (ERX + ratio)
        };
    }
    if ix < 0x403c_0000 {
        // |x| < 28
        if hx < 0 && ix >= 0x4018_0000 {
            // x < -6 (glibc tests this only on the |x| >= 1/0.35 branch, which it implies)
            return 2.0 - TINY;
        }
        let ax = x.abs();
        let r = erfc_tail(ax, ix, 0x4006_DB6D);
        return if hx > 0 { r / ax } else { 2.0 - r / ax };
    }
    if hx > 0 {
        TINY * TINY
    } else {
        2.0 - TINY
    }
}

/// glibc `__cbrt`: a polynomial first guess refined by one Halley step, then rescaled.
pub fn cbrt(x: f64) -> f64 {
    const CBRT2: f64 = 1.259_921_049_894_873_164_8;
    const SQR_CBRT2: f64 = 1.587_401_051_968_199_474_8;
    const FACTOR: [f64; 5] = [1.0 / SQR_CBRT2, 1.0 / CBRT2, 1.0, CBRT2, SQR_CBRT2];
    if x == 0.0 || !x.is_finite() {
        return x + x;
    }
    let (xm, xe) = frexp(x.abs());
    let u = 0.354_895_765_043_919_860
        + ((1.508_191_937_815_848_96
            + ((-2.114_994_941_673_712_87
                + ((2.446_931_225_635_344_30
                    + ((-1.834_692_774_836_130_86
                        + (0.784_932_344_976_639_262 - 0.145_263_899_385_486_377 * xm) * xm)
                        * xm))
                    * xm))
                * xm))
            * xm);
    let t2 = u * u * u;
    // xe % 3 is in -2..=2, so the index is in 0..=4.
    let ym = u * (t2 + 2.0 * xm) / (2.0 * t2 + xm) * FACTOR[(2 + xe % 3) as usize];
    ldexp(if x > 0.0 { ym } else { -ym }, i64::from(xe / 3)).unwrap_or(f64::NAN)
}
