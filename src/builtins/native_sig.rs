//! Argument checking for the methods of built-in types, with the exact messages CPython's
//! calling conventions produce.
//!
//! CPython words its errors by how a method is implemented, and programs print them:
//! `list.append()` (METH_O) says "takes exactly one argument", `list.insert` (Argument
//! Clinic) says "insert expected 2 arguments", a slot wrapper such as `list.__len__` says
//! "expected 0 arguments". Each native states its convention with a [`Sig`].

use crate::object::function::Args;
use crate::object::{ExcRef, Value};
use crate::vm::{PyResult, Vm};

/// How a built-in method takes its arguments (after `self`).
#[derive(Clone, Copy)]
pub enum Sig {
    /// METH_NOARGS: `list.copy()`.
    NoArgs,
    /// METH_O: `list.append(x)`.
    One,
    /// Argument Clinic positional-only with optional parameters: `list.pop([i])`.
    Range(usize, usize),
    /// A slot wrapper (`__len__`, `__add__`...) taking exactly `n` arguments.
    Wrapper(usize),
    /// A slot wrapper unpacking a tuple (`__setitem__`, `__pow__`): CPython's message
    /// starts with a space there.
    WrapperRange(usize, usize),
}

impl Sig {
    fn is_wrapper(self) -> bool {
        matches!(self, Sig::Wrapper(_) | Sig::WrapperRange(..))
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The TypeError for a wrong argument count.
fn count_error(vm: &Vm, ty: &str, name: &str, sig: Sig, n: usize) -> ExcRef {
    let range_msg = |prefix: &str, min: usize, max: usize| {
        if min == max {
            format!("{prefix}expected {min} argument{}, got {n}", plural(min))
        } else if n < min {
            format!(
                "{prefix}expected at least {min} argument{}, got {n}",
                plural(min)
            )
        } else {
            format!(
                "{prefix}expected at most {max} argument{}, got {n}",
                plural(max)
            )
        }
    };
    vm.type_error(match sig {
        Sig::NoArgs => format!("{ty}.{name}() takes no arguments ({n} given)"),
        Sig::One => format!("{ty}.{name}() takes exactly one argument ({n} given)"),
        Sig::Range(min, max) => range_msg(&format!("{name} "), min, max),
        Sig::Wrapper(k) => range_msg("", k, k),
        Sig::WrapperRange(min, max) => range_msg(" ", min, max),
    })
}

/// Checks the arguments after `self` (which the caller has already validated) and returns
/// them.
pub fn check<'a>(
    vm: &Vm,
    ty: &str,
    name: &str,
    sig: Sig,
    args: &Args<'a>,
) -> PyResult<&'a [Value]> {
    if args.has_kw() {
        return Err(vm.type_error(if sig.is_wrapper() {
            format!("wrapper {name}() takes no keyword arguments")
        } else {
            format!("{ty}.{name}() takes no keyword arguments")
        }));
    }
    let rest = args.values.get(1..).unwrap_or(&[]);
    let n = rest.len();
    let ok = match sig {
        Sig::NoArgs => n == 0,
        Sig::One => n == 1,
        Sig::Range(min, max) | Sig::WrapperRange(min, max) => (min..=max).contains(&n),
        Sig::Wrapper(k) => n == k,
    };
    if !ok {
        return Err(count_error(vm, ty, name, sig, n));
    }
    Ok(rest)
}

/// The TypeError for calling `ty.name` unbound without a fitting `self`.
pub fn self_error(vm: &Vm, ty: &str, name: &str, sig: Sig, args: &Args) -> ExcRef {
    match args.pos().first() {
        None if sig.is_wrapper() => vm.type_error(format!(
            "descriptor '{name}' of '{ty}' object needs an argument"
        )),
        None => vm.type_error(format!("unbound method {ty}.{name}() needs an argument")),
        Some(v) if sig.is_wrapper() => vm.type_error(format!(
            "descriptor '{name}' requires a '{ty}' object but received a '{}'",
            vm.type_name(v)
        )),
        Some(v) => vm.type_error(format!(
            "descriptor '{name}' for '{ty}' objects doesn't apply to a '{}' object",
            vm.type_name(v)
        )),
    }
}

/// `x` as an index for `insert`/`pop`: `__index__`, with CPython's TypeError and with
/// ints outside i64 reported as OverflowError (C `Py_ssize_t`).
pub fn ssize_arg(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    if let Value::BigInt(_) = v {
        return Err(vm.overflow_error("Python int too large to convert to C ssize_t"));
    }
    match vm.to_index(v)? {
        Some(i) => Ok(i),
        None => Err(vm.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(v)
        ))),
    }
}

/// A `start`/`stop` argument of `index()`: like a slice index (ints beyond i64 clamp).
pub fn slice_index_arg(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    match vm.to_index(v)? {
        Some(i) => Ok(i),
        None => Err(vm.type_error("slice indices must be integers or have an __index__ method")),
    }
}

/// Resolves the optional `start`/`stop` of `seq.index(x, start, stop)` against `len`.
pub fn index_bounds(vm: &mut Vm, rest: &[Value], len: usize) -> PyResult<(usize, usize)> {
    let len = len as i64;
    let fix = |i: i64| -> i64 {
        if i < 0 {
            (i.saturating_add(len)).max(0)
        } else {
            i
        }
    };
    let start = match rest.get(1) {
        Some(v) => fix(slice_index_arg(vm, v)?),
        None => 0,
    };
    let stop = match rest.get(2) {
        Some(v) => fix(slice_index_arg(vm, v)?),
        None => i64::MAX,
    };
    Ok((start.max(0) as usize, stop.max(0) as usize))
}
