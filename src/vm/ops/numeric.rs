//! Arithmetic on `int` (inline i64 with promotion to BigInt), `bool` and `float`, with
//! Python's semantics: floor division and modulo round toward negative infinity, `/` is
//! true division, `**` with a negative exponent gives a float, and CPython's exact
//! error messages.

use crate::object::{ExcRef, Value};
use crate::operator::BinOp;
use crate::vm::Vm;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};
use std::rc::Rc;

/// A numeric operand.
#[derive(Clone)]
pub enum Num {
    Int(i64),
    Big(Rc<BigInt>),
    Float(f64),
}

impl Num {
    pub fn of(v: &Value) -> Option<Num> {
        Some(match v {
            Value::Int(i) => Num::Int(*i),
            Value::Bool(b) => Num::Int(b.get() as i64),
            Value::BigInt(b) => Num::Big(b.clone()),
            Value::Float(f) => Num::Float(f.get()),
            _ => return None,
        })
    }

    /// The value as a BigInt: borrowed from a big int, which is never copied (it may
    /// be most of memory), built for a small one.
    fn big(&self) -> std::borrow::Cow<'_, BigInt> {
        use std::borrow::Cow;
        match self {
            Num::Int(i) => Cow::Owned(BigInt::from(*i)),
            Num::Big(b) => Cow::Borrowed(b),
            Num::Float(_) => Cow::Owned(BigInt::zero()),
        }
    }
}

/// Converts an int to float with CPython's rounding and overflow error.
pub fn big_to_f64(vm: &Vm, b: &BigInt) -> Result<f64, ExcRef> {
    match b.to_f64() {
        Some(f) if f.is_finite() => Ok(f),
        _ => Err(vm.overflow_error("int too large to convert to float")),
    }
}

fn num_to_f64(vm: &Vm, n: &Num) -> Result<f64, ExcRef> {
    match n {
        Num::Int(i) => Ok(*i as f64),
        Num::Big(b) => big_to_f64(vm, b),
        Num::Float(f) => Ok(*f),
    }
}

/// Limit on the size of integers built by `**` and `<<`, so a typo cannot eat all memory.
const MAX_INT_BITS: u64 = 1 << 32;

impl Vm {
    /// A numeric binary operation, or None when an operand is not a number.
    pub(crate) fn numeric_binop(
        &self,
        a: &Value,
        b: &Value,
        op: BinOp,
    ) -> Option<Result<Value, ExcRef>> {
        // `bool & bool` (and `|`, `^`) stays a bool.
        if let (Value::Bool(p), Value::Bool(q)) = (a, b) {
            match op {
                BinOp::BitAnd => return Some(Ok(Value::bool(p.get() & q.get()))),
                BinOp::BitOr => return Some(Ok(Value::bool(p.get() | q.get()))),
                BinOp::BitXor => return Some(Ok(Value::bool(p.get() ^ q.get()))),
                _ => {}
            }
        }
        let x = Num::of(a)?;
        let y = Num::of(b)?;
        Some(match (&x, &y) {
            (Num::Float(_), _) | (_, Num::Float(_)) => self.float_binop(&x, &y, op),
            (Num::Int(i), Num::Int(j)) => self.int_binop(*i, *j, op),
            _ => self.big_binop(&x.big(), &y.big(), op),
        })
    }

    fn int_binop(&self, a: i64, b: i64, op: BinOp) -> Result<Value, ExcRef> {
        let fallback = || self.big_binop(&BigInt::from(a), &BigInt::from(b), op);
        Ok(match op {
            BinOp::Add => a.checked_add(b).map(Value::Int).map_or_else(fallback, Ok)?,
            BinOp::Sub => a.checked_sub(b).map(Value::Int).map_or_else(fallback, Ok)?,
            BinOp::Mult => a.checked_mul(b).map(Value::Int).map_or_else(fallback, Ok)?,
            BinOp::FloorDiv => {
                if b == 0 {
                    return Err(self.zero_division("integer division or modulo by zero"));
                }
                match a.checked_div_euclid(b) {
                    Some(_) => Value::Int(floor_div_i64(a, b)),
                    None => return fallback(),
                }
            }
            BinOp::Mod => {
                if b == 0 {
                    return Err(self.zero_division("integer modulo by zero"));
                }
                match a.checked_rem(b) {
                    Some(r) => Value::Int(if r != 0 && ((r < 0) != (b < 0)) {
                        r + b
                    } else {
                        r
                    }),
                    None => Value::Int(0),
                }
            }
            BinOp::Div => {
                if b == 0 {
                    return Err(self.zero_division("division by zero"));
                }
                if a.unsigned_abs() < (1 << 53) && b.unsigned_abs() < (1 << 53) {
                    Value::float(a as f64 / b as f64)
                } else {
                    return self.big_true_div(&BigInt::from(a), &BigInt::from(b));
                }
            }
            BinOp::Pow => {
                if b < 0 {
                    return self.float_binop(&Num::Int(a), &Num::Int(b), op);
                }
                match u32::try_from(b).ok().and_then(|e| a.checked_pow(e)) {
                    Some(r) => Value::Int(r),
                    None => return fallback(),
                }
            }
            BinOp::LShift => {
                if b < 0 {
                    return Err(self.value_error("negative shift count"));
                }
                if b < 63 && (a == 0 || (a.unsigned_abs().leading_zeros() as i64) > b + 1) {
                    Value::Int(a << b)
                } else {
                    return fallback();
                }
            }
            BinOp::RShift => {
                if b < 0 {
                    return Err(self.value_error("negative shift count"));
                }
                Value::Int(if b >= 64 {
                    if a < 0 {
                        -1
                    } else {
                        0
                    }
                } else {
                    a >> b
                })
            }
            BinOp::BitAnd => Value::Int(a & b),
            BinOp::BitOr => Value::Int(a | b),
            BinOp::BitXor => Value::Int(a ^ b),
            BinOp::MatMult => return Err(self.unsupported(op, "int", "int")),
        })
    }

    fn big_binop(&self, a: &BigInt, b: &BigInt, op: BinOp) -> Result<Value, ExcRef> {
        // num-bigint's allocations cannot fail softly: ask for the result's size first,
        // twice over where multiplying makes scratch of about that size on the way.
        let (result_bits, scratch) = match op {
            BinOp::Mult => (a.bits().saturating_add(b.bits()), 2),
            BinOp::Pow if a.bits() > 1 && !b.is_negative() => {
                (a.bits().saturating_mul(b.to_u64().unwrap_or(u64::MAX)), 2)
            }
            BinOp::LShift if !b.is_negative() => {
                (a.bits().saturating_add(b.to_u64().unwrap_or(u64::MAX)), 1)
            }
            _ => (a.bits().max(b.bits()) + 1, 1),
        };
        let bytes = usize::try_from(result_bits / 8 * scratch).unwrap_or(usize::MAX);
        if crate::memory::ensure_room(bytes).is_err() {
            return Err(self.memory_error());
        }
        Ok(Value::from_bigint(match op {
            BinOp::Add => a + b,
            BinOp::Sub => a - b,
            BinOp::Mult => {
                if a.bits() + b.bits() > MAX_INT_BITS {
                    return Err(self.memory_error());
                }
                a * b
            }
            BinOp::FloorDiv => {
                if b.is_zero() {
                    return Err(self.zero_division("integer division or modulo by zero"));
                }
                a.div_floor(b)
            }
            BinOp::Mod => {
                if b.is_zero() {
                    return Err(self.zero_division("integer modulo by zero"));
                }
                a.mod_floor(b)
            }
            BinOp::Div => {
                if b.is_zero() {
                    return Err(self.zero_division("division by zero"));
                }
                return self.big_true_div(a, b);
            }
            BinOp::Pow => {
                if b.is_negative() {
                    let x = big_to_f64(self, a)?;
                    let y = big_to_f64(self, b)?;
                    return self.float_binop(&Num::Float(x), &Num::Float(y), op);
                }
                let e = match b.to_u32() {
                    Some(e) => e,
                    None if a.abs() <= BigInt::from(1) => {
                        // 0, 1 and -1 stay small for any exponent.
                        let odd = b.is_odd();
                        return Ok(Value::from_bigint(if *a == BigInt::from(-1) && !odd {
                            BigInt::from(1)
                        } else {
                            a.clone()
                        }));
                    }
                    None => return Err(self.memory_error()),
                };
                if a.bits().saturating_mul(e as u64) > MAX_INT_BITS {
                    return Err(self.memory_error());
                }
                num_traits::Pow::pow(a, e)
            }
            BinOp::LShift => {
                if b.is_negative() {
                    return Err(self.value_error("negative shift count"));
                }
                let Some(s) = b.to_u64().filter(|s| *s < MAX_INT_BITS) else {
                    return Err(self.memory_error());
                };
                a << s
            }
            BinOp::RShift => {
                if b.is_negative() {
                    return Err(self.value_error("negative shift count"));
                }
                match b.to_u64() {
                    Some(s) => a >> s,
                    None => BigInt::from(if a.is_negative() { -1 } else { 0 }),
                }
            }
            BinOp::BitAnd => a & b,
            BinOp::BitOr => a | b,
            BinOp::BitXor => a ^ b,
            BinOp::MatMult => return Err(self.unsupported(op, "int", "int")),
        }))
    }

    /// Correctly rounded `a / b` for ints too large for exact f64 conversion.
    fn big_true_div(&self, a: &BigInt, b: &BigInt) -> Result<Value, ExcRef> {
        // Scale so the integer quotient has at least 55 significant bits; a sticky bit
        // for a nonzero remainder keeps the single final rounding correct.
        let shift = (55 + b.bits() as i64 - a.bits() as i64).max(0) as u64;
        let (q, r) = (a.abs() << shift).div_rem(&b.abs());
        let q = if r.is_zero() { q } else { q | BigInt::from(1) };
        let mut v = q.to_f64().unwrap_or(f64::INFINITY);
        let mut s = shift as i32;
        while s > 0 {
            let step = s.min(1000);
            v *= 2f64.powi(-step);
            s -= step;
        }
        if !v.is_finite() {
            return Err(self.overflow_error("integer division result too large for a float"));
        }
        if a.is_negative() != b.is_negative() {
            v = -v;
        }
        Ok(Value::float(v))
    }

    fn float_binop(&self, x: &Num, y: &Num, op: BinOp) -> Result<Value, ExcRef> {
        let a = num_to_f64(self, x)?;
        let b = num_to_f64(self, y)?;
        Ok(Value::float(match op {
            BinOp::Add => a + b,
            BinOp::Sub => a - b,
            BinOp::Mult => a * b,
            BinOp::Div => {
                if b == 0.0 {
                    return Err(self.zero_division("float division by zero"));
                }
                a / b
            }
            BinOp::FloorDiv => {
                if b == 0.0 {
                    return Err(self.zero_division("float floor division by zero"));
                }
                float_divmod(a, b).0
            }
            BinOp::Mod => {
                if b == 0.0 {
                    return Err(self.zero_division("float modulo"));
                }
                float_divmod(a, b).1
            }
            BinOp::Pow => return self.float_pow(a, b),
            _ => {
                let tn = |n: &Num| {
                    if matches!(n, Num::Float(_)) {
                        "float"
                    } else {
                        "int"
                    }
                };
                return Err(self.unsupported(op, tn(x), tn(y)));
            }
        }))
    }

    pub(crate) fn float_pow(&self, a: f64, b: f64) -> Result<Value, ExcRef> {
        if a == 0.0 && b < 0.0 && b.is_finite() {
            return Err(self.zero_division("0.0 cannot be raised to a negative power"));
        }
        if a < 0.0 && b.fract() != 0.0 && b.is_finite() {
            return Err(self.value_error("complex results are not supported by apy"));
        }
        let r = a.powf(b);
        if r.is_infinite() && a.is_finite() && b.is_finite() {
            return Err(self.overflow_error("(34, 'Numerical result out of range')"));
        }
        Ok(Value::float(r))
    }

    pub(crate) fn unsupported(&self, op: BinOp, a: &str, b: &str) -> ExcRef {
        self.type_error(format!(
            "unsupported operand type(s) for {}: '{a}' and '{b}'",
            op.symbol()
        ))
    }
}

pub fn floor_div_i64(a: i64, b: i64) -> i64 {
    let q = a / b;
    if (a % b != 0) && ((a < 0) != (b < 0)) {
        q - 1
    } else {
        q
    }
}

/// CPython's `float_divmod`: floor quotient and modulo with the divisor's sign.
pub fn float_divmod(a: f64, b: f64) -> (f64, f64) {
    let mut m = a % b;
    let mut div = (a - m) / b;
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m += b;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(b);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(a / b)
    };
    (floordiv, m)
}
