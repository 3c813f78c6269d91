//! The methods of `float`: `is_integer`, `as_integer_ratio`, `hex`, `fromhex`, rounding
//! and the arithmetic and comparison dunders (NotImplemented for operands that are
//! neither float nor int, as in CPython).

use super::float_hex::{float_fromhex, float_hex, FromHexError};
use super::int_methods::{format_with, is_int};
use crate::bytecode::Compare;
use crate::native::{method_args, receiver, Sig};
use crate::object::function::Args;
use crate::object::Value;
use crate::operator::BinOp;
use crate::vm::{PyResult, Vm};
use num_bigint::BigInt;
use std::rc::Rc;

const TY: &str = "float";

/// `self` as an f64 and the remaining arguments.
fn this<'a>(vm: &Vm, args: &Args<'a>, name: &str, sig: Sig) -> PyResult<(f64, &'a [Value])> {
    receiver(vm, (TY, name), sig, args, |v| match v {
        Value::Float(f) => Some(f.get()),
        _ => None,
    })
}

fn is_number(v: &Value) -> bool {
    matches!(v, Value::Float(_)) || is_int(v)
}

crate::native::real_number_methods!(REAL_NUMBER);

pub fn register(vm: &mut Vm) {
    let c = vm.types.float.clone();
    let methods: &[(&'static str, crate::object::NativeFn)] =
        &[("is_integer", is_integer), ("hex", hex)];
    crate::native::add_method_tables(vm, &c, &[methods, ARITHMETIC, REAL_NUMBER, RICH_COMPARE]);
    crate::native::add_classmethod(vm, &c, "fromhex", fromhex);
}

fn is_integer(vm: &mut Vm, args: Args) -> PyResult {
    let (x, _) = this(vm, &args, "is_integer", Sig::NoArgs)?;
    Ok(Value::bool(x.is_finite() && x.floor() == x))
}

fn as_integer_ratio(vm: &mut Vm, args: Args) -> PyResult {
    let (x, _) = this(vm, &args, "as_integer_ratio", Sig::NoArgs)?;
    if x.is_infinite() {
        return Err(vm.overflow_error("cannot convert Infinity to integer ratio"));
    }
    if x.is_nan() {
        return Err(vm.value_error("cannot convert NaN to integer ratio"));
    }
    if x == 0.0 {
        return Ok(Value::tuple(vec![Value::Int(0), Value::Int(1)]));
    }
    // x = mantissa * 2**exp exactly; reduce the power of two.
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (mut mantissa, mut exp) = if biased == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), biased - 1075)
    };
    while exp < 0 && mantissa % 2 == 0 {
        mantissa /= 2;
        exp += 1;
    }
    let mut num = BigInt::from(mantissa);
    if x < 0.0 {
        num = -num;
    }
    let (num, den) = if exp >= 0 {
        (num << exp as usize, BigInt::from(1))
    } else {
        (num, BigInt::from(1) << (-exp) as usize)
    };
    Ok(Value::tuple(vec![
        Value::from_bigint(num),
        Value::from_bigint(den),
    ]))
}

fn hex(vm: &mut Vm, args: Args) -> PyResult {
    let (x, _) = this(vm, &args, "hex", Sig::NoArgs)?;
    Ok(Value::str(float_hex(x)))
}

/// `float.fromhex(string)`, a classmethod: `args[0]` is the class.
fn fromhex(vm: &mut Vm, args: Args) -> PyResult {
    let rest = method_args(vm, "float.fromhex", Sig::One, &args)?;
    let Value::Str(s) = &rest[0] else {
        return Err(vm.type_error("bad argument type for built-in operation"));
    };
    let x = match float_fromhex(s.as_str()) {
        Ok(x) => x,
        Err(FromHexError::Invalid) => {
            return Err(vm.value_error("invalid hexadecimal floating-point string"))
        }
        Err(FromHexError::TooLong) => {
            return Err(vm.value_error("hexadecimal string too long to convert"))
        }
        Err(FromHexError::Overflow) => {
            return Err(vm.overflow_error("hexadecimal value too large to represent as a float"))
        }
    };
    match &args.values[0] {
        Value::Class(c) if Rc::ptr_eq(c, &vm.types.float) => Ok(Value::float(x)),
        cls => {
            let cls = cls.clone();
            vm.call(&cls, &[Value::float(x)])
        }
    }
}

fn conjugate(vm: &mut Vm, args: Args) -> PyResult {
    let (x, _) = this(vm, &args, "conjugate", Sig::NoArgs)?;
    Ok(Value::float(x))
}

fn float(vm: &mut Vm, args: Args) -> PyResult {
    let (x, _) = this(vm, &args, "__float__", Sig::Wrapper(0))?;
    Ok(Value::float(x))
}

fn to_int(vm: &mut Vm, x: f64) -> PyResult {
    crate::format::float_to_int(x)
        .map(Value::from_bigint)
        .map_err(|e| vm.format_error(e))
}

fn int(vm: &mut Vm, args: Args) -> PyResult {
    let (x, _) = this(vm, &args, "__int__", Sig::Wrapper(0))?;
    to_int(vm, x)
}

fn trunc(vm: &mut Vm, args: Args) -> PyResult {
    let (x, _) = this(vm, &args, "__trunc__", Sig::NoArgs)?;
    to_int(vm, x)
}

fn floor(vm: &mut Vm, args: Args) -> PyResult {
    let (x, _) = this(vm, &args, "__floor__", Sig::NoArgs)?;
    to_int(vm, x.floor())
}

fn ceil(vm: &mut Vm, args: Args) -> PyResult {
    let (x, _) = this(vm, &args, "__ceil__", Sig::NoArgs)?;
    to_int(vm, x.ceil())
}

fn round(vm: &mut Vm, args: Args) -> PyResult {
    let (x, rest) = this(vm, &args, "__round__", Sig::Range(0, 1))?;
    match rest.first() {
        None | Some(Value::None) => crate::format::round_float_to_int(x)
            .map(Value::from_bigint)
            .map_err(|e| vm.format_error(e)),
        Some(nd) => {
            let Some(n) = vm.to_index(nd)? else {
                return Err(vm.type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    vm.type_name(nd)
                )));
            };
            crate::format::round_float(x, n)
                .map(Value::float)
                .map_err(|e| vm.format_error(e))
        }
    }
}

fn abs(vm: &mut Vm, args: Args) -> PyResult {
    let (x, _) = this(vm, &args, "__abs__", Sig::Wrapper(0))?;
    Ok(Value::float(x.abs()))
}

fn neg(vm: &mut Vm, args: Args) -> PyResult {
    let (x, _) = this(vm, &args, "__neg__", Sig::Wrapper(0))?;
    Ok(Value::float(-x))
}

fn pos(vm: &mut Vm, args: Args) -> PyResult {
    let (x, _) = this(vm, &args, "__pos__", Sig::Wrapper(0))?;
    Ok(Value::float(x))
}

fn bool_(vm: &mut Vm, args: Args) -> PyResult {
    let (x, _) = this(vm, &args, "__bool__", Sig::Wrapper(0))?;
    Ok(Value::bool(x != 0.0))
}

fn hash(vm: &mut Vm, args: Args) -> PyResult {
    this(vm, &args, "__hash__", Sig::Wrapper(0))?;
    Ok(Value::Int(vm.hash(&args.values[0])?))
}

fn repr(vm: &mut Vm, args: Args) -> PyResult {
    let (x, _) = this(vm, &args, "__repr__", Sig::Wrapper(0))?;
    Ok(Value::str(crate::format::float_repr(x)))
}

fn format(vm: &mut Vm, args: Args) -> PyResult {
    let (_, rest) = this(vm, &args, "__format__", Sig::One)?;
    format_with(vm, &args.values[0], &rest[0])
}

fn getnewargs(vm: &mut Vm, args: Args) -> PyResult {
    let (x, _) = this(vm, &args, "__getnewargs__", Sig::NoArgs)?;
    Ok(Value::tuple(vec![Value::float(x)]))
}

/// `(self, other)` of a binary dunder as floats, or None for NotImplemented.
fn operands(vm: &mut Vm, args: &Args, name: &str, sig: Sig) -> PyResult<Option<(f64, f64)>> {
    let (x, rest) = this(vm, args, name, sig)?;
    if !is_number(&rest[0]) {
        return Ok(None);
    }
    Ok(Some((x, vm.to_float(&rest[0])?)))
}

fn binop(vm: &mut Vm, args: &Args, name: &str, op: BinOp, reflected: bool) -> PyResult {
    let Some((x, y)) = operands(vm, args, name, Sig::Wrapper(1))? else {
        return Ok(Value::NotImplemented);
    };
    let (a, b) = if reflected { (y, x) } else { (x, y) };
    vm.binary_op(Value::float(a), Value::float(b), op)
}

crate::native::arithmetic_binops!(binop, BinOp => ARITHMETIC);

fn divmod_floats(vm: &mut Vm, a: f64, b: f64) -> PyResult {
    if b == 0.0 {
        return Err(vm.zero_division("float divmod()"));
    }
    let (q, r) = crate::vm::ops::numeric::float_divmod(a, b);
    Ok(Value::tuple(vec![Value::float(q), Value::float(r)]))
}

fn divmod(vm: &mut Vm, args: Args) -> PyResult {
    match operands(vm, &args, "__divmod__", Sig::Wrapper(1))? {
        Some((x, y)) => divmod_floats(vm, x, y),
        None => Ok(Value::NotImplemented),
    }
}

fn rdivmod(vm: &mut Vm, args: Args) -> PyResult {
    match operands(vm, &args, "__rdivmod__", Sig::Wrapper(1))? {
        Some((x, y)) => divmod_floats(vm, y, x),
        None => Ok(Value::NotImplemented),
    }
}

fn pow_impl(vm: &mut Vm, args: &Args, name: &str, reflected: bool) -> PyResult {
    let Some((x, y)) = operands(vm, args, name, Sig::WrapperRange(1, 2))? else {
        return Ok(Value::NotImplemented);
    };
    if args.values.get(2).is_some_and(|m| !m.is_none()) {
        return Err(
            vm.type_error("pow() 3rd argument not allowed unless all arguments are integers")
        );
    }
    let (a, b) = if reflected { (y, x) } else { (x, y) };
    vm.binary_op(Value::float(a), Value::float(b), BinOp::Pow)
}

fn pow(vm: &mut Vm, args: Args) -> PyResult {
    pow_impl(vm, &args, "__pow__", false)
}

fn rpow(vm: &mut Vm, args: Args) -> PyResult {
    pow_impl(vm, &args, "__rpow__", true)
}

fn compare(vm: &mut Vm, args: &Args, op: Compare) -> PyResult {
    let (_, rest) = this(vm, args, op.dunder(), Sig::Wrapper(1))?;
    if !is_number(&rest[0]) {
        return Ok(Value::NotImplemented);
    }
    vm.rich_compare(&args.values[0], &rest[0], op)
}

crate::native::rich_compare_methods!(compare => RICH_COMPARE; eq, ne, lt, le, gt, ge);
