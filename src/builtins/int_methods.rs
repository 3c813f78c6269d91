//! The methods of `int` (and so of `bool`): `bit_length`, `to_bytes`, `from_bytes`, ...
//! and the arithmetic and comparison dunders, so `int.__add__(1, 2)` works and returns
//! NotImplemented for a non-int operand, as in CPython.

use crate::bytecode::Compare;
use crate::native::add_method;
use crate::native::{clinic, receiver, self_error, Clinic, Sig};
use crate::object::function::Args;
use crate::object::string::PyBytes;
use crate::object::Value;
use crate::operator::BinOp;
use crate::vm::{PyResult, Vm};
use num_bigint::{BigInt, Sign};
use num_traits::Zero;
use std::rc::Rc;

const TY: &str = "int";

pub fn is_int(v: &Value) -> bool {
    matches!(v, Value::Int(_) | Value::BigInt(_) | Value::Bool(_))
}

/// An int value as a BigInt.
pub fn to_big(v: &Value) -> BigInt {
    match v {
        Value::Int(i) => BigInt::from(*i),
        Value::Bool(b) => BigInt::from(b.get() as i64),
        Value::BigInt(b) => (**b).clone(),
        _ => BigInt::zero(),
    }
}

/// The exact `int` value of an int or bool (`True.__int__()` is `1`).
fn as_exact_int(v: &Value) -> Value {
    match v {
        Value::Bool(b) => Value::Int(b.get() as i64),
        other => other.clone(),
    }
}

fn this<'a>(vm: &Vm, args: &Args<'a>, name: &str, sig: Sig) -> PyResult<&'a [Value]> {
    Ok(receiver(vm, (TY, name), sig, args, |v| is_int(v).then_some(()))?.1)
}

crate::native::real_number_methods!(REAL_NUMBER);

pub fn register(vm: &mut Vm) {
    let c = vm.types.int.clone();
    let methods: &[(&'static str, crate::object::NativeFn)] = &[
        ("bit_length", bit_length),
        ("bit_count", bit_count),
        ("to_bytes", to_bytes),
        ("__index__", index),
        ("__invert__", invert),
    ];
    crate::native::add_method_tables(
        vm,
        &c,
        &[methods, ARITHMETIC, BITWISE, REAL_NUMBER, RICH_COMPARE],
    );
    crate::native::add_classmethod(vm, &c, "from_bytes", from_bytes);
    let b = vm.types.bool.clone();
    add_method(vm, &b, "__repr__", repr);
}

fn bit_length(vm: &mut Vm, args: Args) -> PyResult {
    this(vm, &args, "bit_length", Sig::NoArgs)?;
    Ok(Value::Int(to_big(&args.values[0]).bits() as i64))
}

fn bit_count(vm: &mut Vm, args: Args) -> PyResult {
    this(vm, &args, "bit_count", Sig::NoArgs)?;
    let n = to_big(&args.values[0]);
    Ok(Value::Int(n.magnitude().count_ones() as i64))
}

fn as_integer_ratio(vm: &mut Vm, args: Args) -> PyResult {
    this(vm, &args, "as_integer_ratio", Sig::NoArgs)?;
    Ok(Value::tuple(vec![
        as_exact_int(&args.values[0]),
        Value::Int(1),
    ]))
}

/// Methods returning the value as an exact int; the name only shapes error messages.
macro_rules! int_self_fns {
    ($($f:ident, $name:expr, $sig:expr);* $(;)?) => {
        $(fn $f(vm: &mut Vm, args: Args) -> PyResult {
            this(vm, &args, $name, $sig)?;
            Ok(as_exact_int(&args.values[0]))
        })*
    };
}

int_self_fns!(
    conjugate, "conjugate", Sig::NoArgs;
    trunc, "__trunc__", Sig::NoArgs;
    floor, "__floor__", Sig::NoArgs;
    ceil, "__ceil__", Sig::NoArgs;
    index, "__index__", Sig::Wrapper(0);
    int, "__int__", Sig::Wrapper(0);
);

fn round(vm: &mut Vm, args: Args) -> PyResult {
    let rest = this(vm, &args, "__round__", Sig::Range(0, 1))?;
    // Unlike `round(x, None)`, `int.__round__(None)` is an error.
    match rest.first() {
        None => Ok(as_exact_int(&args.values[0])),
        Some(nd) => {
            let Some(n) = vm.to_index(nd)? else {
                return Err(vm.type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    vm.type_name(nd)
                )));
            };
            Ok(Value::from_bigint(crate::format::round_int(
                &to_big(&args.values[0]),
                n,
            )))
        }
    }
}

fn float(vm: &mut Vm, args: Args) -> PyResult {
    this(vm, &args, "__float__", Sig::Wrapper(0))?;
    Ok(Value::float(vm.to_float(&args.values[0])?))
}

fn abs(vm: &mut Vm, args: Args) -> PyResult {
    this(vm, &args, "__abs__", Sig::Wrapper(0))?;
    vm.abs_value(args.values[0].clone())
}

fn neg(vm: &mut Vm, args: Args) -> PyResult {
    this(vm, &args, "__neg__", Sig::Wrapper(0))?;
    vm.unary_neg(args.values[0].clone())
}

fn pos(vm: &mut Vm, args: Args) -> PyResult {
    this(vm, &args, "__pos__", Sig::Wrapper(0))?;
    vm.unary_pos(args.values[0].clone())
}

fn invert(vm: &mut Vm, args: Args) -> PyResult {
    this(vm, &args, "__invert__", Sig::Wrapper(0))?;
    vm.unary_invert(args.values[0].clone())
}

fn bool_(vm: &mut Vm, args: Args) -> PyResult {
    this(vm, &args, "__bool__", Sig::Wrapper(0))?;
    Ok(Value::bool(!to_big(&args.values[0]).is_zero()))
}

fn hash(vm: &mut Vm, args: Args) -> PyResult {
    this(vm, &args, "__hash__", Sig::Wrapper(0))?;
    Ok(Value::Int(vm.hash(&args.values[0])?))
}

fn repr(vm: &mut Vm, args: Args) -> PyResult {
    this(vm, &args, "__repr__", Sig::Wrapper(0))?;
    Ok(Value::str(vm.repr(&args.values[0])?))
}

/// `__format__(spec)` shared by int and float: the spec must be a str.
pub(super) fn format_with(vm: &mut Vm, v: &Value, spec: &Value) -> PyResult {
    match spec {
        Value::Str(s) => Ok(Value::str(vm.format(v, s.as_str())?)),
        other => Err(vm.type_error(format!(
            "__format__() argument must be str, not {}",
            vm.type_name(other)
        ))),
    }
}

fn format(vm: &mut Vm, args: Args) -> PyResult {
    let rest = this(vm, &args, "__format__", Sig::One)?;
    format_with(vm, &args.values[0], &rest[0])
}

fn getnewargs(vm: &mut Vm, args: Args) -> PyResult {
    this(vm, &args, "__getnewargs__", Sig::NoArgs)?;
    Ok(Value::tuple(vec![as_exact_int(&args.values[0])]))
}

/// A binary dunder: NotImplemented unless the other operand is an int.
fn binop(vm: &mut Vm, args: &Args, name: &str, op: BinOp, reflected: bool) -> PyResult {
    let rest = this(vm, args, name, Sig::Wrapper(1))?;
    if !is_int(&rest[0]) {
        return Ok(Value::NotImplemented);
    }
    let (a, b) = (args.values[0].clone(), rest[0].clone());
    if reflected {
        vm.binary_op(b, a, op)
    } else {
        vm.binary_op(a, b, op)
    }
}

crate::native::arithmetic_binops!(binop, BinOp => ARITHMETIC);
crate::native::reflected_binops!(binop => BITWISE;
    lshift, rlshift, "__lshift__", "__rlshift__" => BinOp::LShift;
    rshift, rrshift, "__rshift__", "__rrshift__" => BinOp::RShift;
    and, rand, "__and__", "__rand__" => BinOp::BitAnd;
    or, ror, "__or__", "__ror__" => BinOp::BitOr;
    xor, rxor, "__xor__", "__rxor__" => BinOp::BitXor;
);

fn divmod_values(vm: &mut Vm, a: Value, b: Value) -> PyResult {
    let q = vm.binary_op(a.clone(), b.clone(), BinOp::FloorDiv)?;
    let r = vm.binary_op(a, b, BinOp::Mod)?;
    Ok(Value::tuple(vec![q, r]))
}

fn divmod(vm: &mut Vm, args: Args) -> PyResult {
    let rest = this(vm, &args, "__divmod__", Sig::Wrapper(1))?;
    if !is_int(&rest[0]) {
        return Ok(Value::NotImplemented);
    }
    divmod_values(vm, args.values[0].clone(), rest[0].clone())
}

fn rdivmod(vm: &mut Vm, args: Args) -> PyResult {
    let rest = this(vm, &args, "__rdivmod__", Sig::Wrapper(1))?;
    if !is_int(&rest[0]) {
        return Ok(Value::NotImplemented);
    }
    divmod_values(vm, rest[0].clone(), args.values[0].clone())
}

/// `pow(a, b[, m])` for ints, through the `pow` builtin (which owns the 3-argument form).
fn pow_values(vm: &mut Vm, a: Value, b: Value, m: Option<&Value>) -> PyResult {
    match m {
        None | Some(Value::None) => vm.binary_op(a, b, BinOp::Pow),
        Some(m) => super::core_fns::pow(vm, Args::positional(&[a, b, m.clone()])),
    }
}

fn pow(vm: &mut Vm, args: Args) -> PyResult {
    let rest = this(vm, &args, "__pow__", Sig::WrapperRange(1, 2))?;
    if !is_int(&rest[0]) || rest.get(1).is_some_and(|m| !is_int(m) && !m.is_none()) {
        return Ok(Value::NotImplemented);
    }
    pow_values(vm, args.values[0].clone(), rest[0].clone(), rest.get(1))
}

fn rpow(vm: &mut Vm, args: Args) -> PyResult {
    let rest = this(vm, &args, "__rpow__", Sig::WrapperRange(1, 2))?;
    if !is_int(&rest[0]) || rest.get(1).is_some_and(|m| !is_int(m) && !m.is_none()) {
        return Ok(Value::NotImplemented);
    }
    pow_values(vm, rest[0].clone(), args.values[0].clone(), rest.get(1))
}

fn compare(vm: &mut Vm, args: &Args, op: Compare) -> PyResult {
    let rest = this(vm, args, op.dunder(), Sig::Wrapper(1))?;
    if !is_int(&rest[0]) {
        return Ok(Value::NotImplemented);
    }
    vm.rich_compare(&args.values[0], &rest[0], op)
}

crate::native::rich_compare_methods!(compare => RICH_COMPARE; eq, ne, lt, le, gt, ge);

/// Keyword/positional parsing of `to_bytes`/`from_bytes`: `(first, byteorder, signed)`.
fn parse_bytes_args(
    vm: &mut Vm,
    args: &[Value],
    kwnames: &[Value],
    fname: &str,
    first: &str,
) -> PyResult<(Option<Value>, Option<Value>, bool)> {
    // `to_bytes(length=1, byteorder='big', *, signed=False)`, `from_bytes(bytes, ...)`.
    let params = [first, "byteorder", "signed"];
    let sig = Clinic::new(fname, &params)
        .required(usize::from(first == "bytes"))
        .max_pos(2);
    let a = clinic(
        vm,
        &sig,
        &Args {
            values: args,
            kwnames,
        },
    )?;
    let signed = match &a[2] {
        Some(v) => vm.is_true(v)?,
        None => false,
    };
    Ok((a[0].clone(), a[1].clone(), signed))
}

/// `byteorder`: `'big'` unless given; true for little-endian.
fn parse_byteorder(vm: &mut Vm, v: Option<Value>, fname: &str) -> PyResult<bool> {
    match v {
        None => Ok(false),
        Some(Value::Str(s)) => match s.as_str() {
            "little" => Ok(true),
            "big" => Ok(false),
            _ => Err(vm.value_error("byteorder must be either 'little' or 'big'")),
        },
        Some(other) => Err(vm.type_error(format!(
            "{fname}() argument 'byteorder' must be str, not {}",
            vm.type_name(&other)
        ))),
    }
}

fn to_bytes(vm: &mut Vm, args: Args) -> PyResult {
    if !args.pos().first().is_some_and(is_int) {
        return Err(self_error(vm, (TY, "to_bytes"), Sig::Range(0, 2), &args));
    }
    let value = to_big(&args.values[0]);
    let (length, order, signed) =
        parse_bytes_args(vm, &args.values[1..], args.kwnames, "to_bytes", "length")?;
    let length = match length {
        None => 1,
        Some(v) => match vm.to_index(&v)? {
            Some(n) if n < 0 => return Err(vm.value_error("length argument must be non-negative")),
            Some(n) => n,
            None => {
                return Err(vm.type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    vm.type_name(&v)
                )))
            }
        },
    };
    let little = parse_byteorder(vm, order, "to_bytes")?;
    if !signed && value.sign() == Sign::Minus {
        return Err(vm.overflow_error("can't convert negative int to unsigned"));
    }
    // Bytes needed: the magnitude's bits, plus a sign bit when signed.
    let magnitude_bits = if value.sign() == Sign::Minus {
        (-&value - 1u32).bits()
    } else {
        value.bits()
    };
    let need = if value.is_zero() {
        0
    } else if signed {
        (magnitude_bits + 8) / 8
    } else {
        magnitude_bits.div_ceil(8)
    };
    if need > length as u64 {
        return Err(vm.overflow_error("int too big to convert"));
    }
    let length = length as usize;
    if length > crate::vm::ops::arith::MAX_SEQUENCE_LEN {
        return Err(vm.memory_error());
    }
    // Two's complement little-endian; extra bytes are sign extension, so truncating or
    // extending to `length` is exact.
    let mut bytes = value.to_signed_bytes_le();
    let fill = if value.sign() == Sign::Minus { 0xff } else { 0 };
    bytes.resize(length, fill);
    if !little {
        bytes.reverse();
    }
    Ok(Value::Bytes(Rc::new(PyBytes::new(bytes))))
}

/// `PyBytes_FromObject`: bytes, or an iterable of ints in range(256).
fn bytes_from_object(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    if let Some(data) = vm.buffer_bytes(v) {
        return Ok(data);
    }
    match v {
        Value::Str(_)
        | Value::Int(_)
        | Value::BigInt(_)
        | Value::Bool(_)
        | Value::Float(_)
        | Value::None => Err(vm.type_error(format!(
            "cannot convert '{}' object to bytes",
            vm.type_name(v)
        ))),
        _ => {
            let it = match vm.get_iter(v) {
                Ok(it) => it,
                Err(e) if e.class.is_subclass(&vm.exc.type_error) => {
                    return Err(vm.type_error(format!(
                        "cannot convert '{}' object to bytes",
                        vm.type_name(v)
                    )))
                }
                Err(e) => return Err(e),
            };
            let mut out = Vec::new();
            while let Some(x) = vm.iter_next(&it)? {
                match vm.to_index(&x)? {
                    Some(i) if (0..256).contains(&i) => out.push(i as u8),
                    Some(_) => return Err(vm.value_error("bytes must be in range(0, 256)")),
                    None => {
                        return Err(vm.type_error(format!(
                            "'{}' object cannot be interpreted as an integer",
                            vm.type_name(&x)
                        )))
                    }
                }
            }
            Ok(out)
        }
    }
}

/// `int.from_bytes(bytes, byteorder='big', *, signed=False)`, a classmethod.
fn from_bytes(vm: &mut Vm, args: Args) -> PyResult {
    let Some(cls) = args.pos().first().cloned() else {
        return Err(vm.type_error("descriptor 'from_bytes' of 'int' object needs an argument"));
    };
    let (data, order, signed) = parse_bytes_args(
        vm,
        &args.values[1.min(args.values.len())..],
        args.kwnames,
        "from_bytes",
        "bytes",
    )?;
    let Some(data) = data else {
        return Err(vm.type_error("from_bytes() missing required argument 'bytes' (pos 1)"));
    };
    let little = parse_byteorder(vm, order, "from_bytes")?;
    let mut bytes = bytes_from_object(vm, &data)?;
    if !little {
        bytes.reverse();
    }
    let value = if bytes.is_empty() {
        BigInt::zero()
    } else if signed {
        BigInt::from_signed_bytes_le(&bytes)
    } else {
        BigInt::from_bytes_le(Sign::Plus, &bytes)
    };
    let result = Value::from_bigint(value);
    match &cls {
        Value::Class(c) if Rc::ptr_eq(c, &vm.types.int) => Ok(result),
        _ => vm.call(&cls, &[result]),
    }
}
