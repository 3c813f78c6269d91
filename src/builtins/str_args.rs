//! Argument handling for the `str` and `bytes` methods, with CPython's exact wording.
//!
//! CPython parses these methods' arguments in four different ways (METH_NOARGS / METH_O,
//! Argument Clinic positional-only, old-style `PyArg_ParseTuple`, slot wrappers, and
//! Argument Clinic with keywords), and each words its errors differently; the helpers are
//! named for the style so each method states which one CPython uses.

use crate::object::function::Args;
use crate::object::string::{PyBytes, PyStr};
use crate::object::Value;
use crate::vm::{PyResult, Vm};
use std::rc::Rc;

/// The receiver of a `str` method: `'s'.m()` or `str.m(s)`.
pub fn recv_str(vm: &Vm, args: &Args, name: &str) -> PyResult<Rc<PyStr>> {
    match args.values.first() {
        Some(Value::Str(s)) if !args.pos().is_empty() => Ok(s.clone()),
        Some(other) if !args.pos().is_empty() => Err(vm.type_error(format!(
            "descriptor '{name}' for 'str' objects doesn't apply to a '{}' object",
            vm.type_name(other)
        ))),
        _ => Err(vm.type_error(format!("unbound method str.{name}() needs an argument"))),
    }
}

/// The receiver of a `bytes` method.
pub fn recv_bytes(vm: &Vm, args: &Args, name: &str) -> PyResult<Rc<PyBytes>> {
    match args.values.first() {
        Some(Value::Bytes(b)) if !args.pos().is_empty() => Ok(b.clone()),
        Some(other) if !args.pos().is_empty() => Err(vm.type_error(format!(
            "descriptor '{name}' for 'bytes' objects doesn't apply to a '{}' object",
            vm.type_name(other)
        ))),
        _ => Err(vm.type_error(format!("unbound method bytes.{name}() needs an argument"))),
    }
}

/// The receiver of a slot wrapper (`str.__add__(s, x)`), which words its type check
/// differently from ordinary methods.
pub fn recv_slot(vm: &Vm, args: &Args, owner: &str, name: &str) -> PyResult<Value> {
    let ok = |v: &Value| match owner {
        "str" => matches!(v, Value::Str(_)),
        _ => matches!(v, Value::Bytes(_)),
    };
    match args.values.first() {
        Some(v) if !args.pos().is_empty() && ok(v) => Ok(v.clone()),
        Some(other) if !args.pos().is_empty() => Err(vm.type_error(format!(
            "descriptor '{name}' requires a '{owner}' object but received a '{}'",
            vm.type_name(other)
        ))),
        _ => Err(vm.type_error(format!(
            "descriptor '{name}' of '{owner}' object needs an argument"
        ))),
    }
}

/// Positional arguments after the receiver.
pub fn rest<'a>(args: &Args<'a>) -> &'a [Value] {
    args.pos().get(1..).unwrap_or(&[])
}

/// METH_NOARGS: `str.upper() takes no arguments (1 given)`.
pub fn no_args(vm: &Vm, args: &Args, qualname: &str) -> PyResult<()> {
    if args.has_kw() {
        return Err(vm.type_error(format!("{qualname}() takes no keyword arguments")));
    }
    let n = rest(args).len();
    if n != 0 {
        return Err(vm.type_error(format!("{qualname}() takes no arguments ({n} given)")));
    }
    Ok(())
}

/// METH_O: `str.join() takes exactly one argument (0 given)`. Returns the argument.
pub fn one_arg(vm: &Vm, args: &Args, qualname: &str) -> PyResult<Value> {
    if args.has_kw() {
        return Err(vm.type_error(format!("{qualname}() takes no keyword arguments")));
    }
    match rest(args) {
        [v] => Ok(v.clone()),
        other => Err(vm.type_error(format!(
            "{qualname}() takes exactly one argument ({} given)",
            other.len()
        ))),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Argument Clinic, positional-only: `center expected at least 1 argument, got 0`.
pub fn clinic<'a>(
    vm: &Vm,
    args: &Args<'a>,
    name: &str,
    owner: &str,
    min: usize,
    max: usize,
) -> PyResult<&'a [Value]> {
    if args.has_kw() {
        return Err(vm.type_error(format!("{owner}.{name}() takes no keyword arguments")));
    }
    let r = rest(args);
    let n = r.len();
    if n < min {
        let what = if min == max { "" } else { "at least " };
        return Err(vm.type_error(format!(
            "{name} expected {what}{min} argument{}, got {n}",
            plural(min)
        )));
    }
    if n > max {
        let what = if min == max { "" } else { "at most " };
        return Err(vm.type_error(format!(
            "{name} expected {what}{max} argument{}, got {n}",
            plural(max)
        )));
    }
    Ok(r)
}

/// Old-style `PyArg_ParseTuple`: `count() takes at least 1 argument (0 given)`; a
/// keyword is rejected by the method descriptor, which qualifies the name.
pub fn old_style<'a>(
    vm: &Vm,
    args: &Args<'a>,
    name: &str,
    owner: &str,
    min: usize,
    max: usize,
) -> PyResult<&'a [Value]> {
    if args.has_kw() {
        return Err(vm.type_error(format!("{owner}.{name}() takes no keyword arguments")));
    }
    let r = rest(args);
    let n = r.len();
    if n < min {
        return Err(vm.type_error(format!(
            "{name}() takes at least {min} argument{} ({n} given)",
            plural(min)
        )));
    }
    if n > max {
        return Err(vm.type_error(format!(
            "{name}() takes at most {max} argument{} ({n} given)",
            plural(max)
        )));
    }
    Ok(r)
}

/// Slot wrappers (`__add__`, `__len__`...): `expected 1 argument, got 0`. The receiver
/// is checked by [`recv_slot`]; returns the other arguments.
pub fn slot<'a>(vm: &Vm, args: &Args<'a>, name: &str, n: usize) -> PyResult<&'a [Value]> {
    if args.has_kw() {
        return Err(vm.type_error(format!("wrapper {name}() takes no keyword arguments")));
    }
    let r = rest(args);
    if r.len() != n {
        // CPython's ssizeargfunc wrappers (`__mul__`) have an empty function name.
        let lead = if name == "__mul__" || name == "__rmul__" {
            " "
        } else {
            ""
        };
        return Err(vm.type_error(format!(
            "{lead}expected {n} argument{}, got {}",
            plural(n),
            r.len()
        )));
    }
    Ok(r)
}

/// Argument Clinic with keywords (`split(sep=None, maxsplit=-1)`): binds positional and
/// keyword arguments to `names`; unfilled slots are `None`.
pub fn with_keywords(
    vm: &Vm,
    args: &Args,
    name: &str,
    names: &[&str],
) -> PyResult<Vec<Option<Value>>> {
    let pos = rest(args);
    let given = pos.len() + args.kwnames.len();
    if given > names.len() {
        let n = names.len();
        return Err(vm.type_error(format!(
            "{name}() takes at most {n} argument{} ({given} given)",
            plural(n)
        )));
    }
    let mut out: Vec<Option<Value>> = vec![None; names.len()];
    for (slot, v) in out.iter_mut().zip(pos) {
        *slot = Some(v.clone());
    }
    for (k, v) in args.kw() {
        match names.iter().position(|n| *n == k) {
            Some(i) if i < pos.len() => {
                return Err(vm.type_error(format!(
                    "argument for {name}() given by name ('{k}') and position ({})",
                    i + 1
                )))
            }
            Some(i) => {
                if let Some(slot) = out.get_mut(i) {
                    *slot = Some(v.clone());
                }
            }
            None => {
                return Err(
                    vm.type_error(format!("'{k}' is an invalid keyword argument for {name}()"))
                )
            }
        }
    }
    Ok(out)
}

/// The type name in Argument Clinic's "must be str, not X" errors, which spell None's
/// type as `None`.
pub fn clinic_type_name(vm: &Vm, v: &Value) -> String {
    match v {
        Value::None => "None".to_string(),
        _ => vm.type_name(v),
    }
}

/// A Py_ssize_t argument (`__index__`), as CPython converts sizes and counts.
pub fn ssize(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(b.get() as i64),
        Value::BigInt(_) => Err(vm.overflow_error("Python int too large to convert to C ssize_t")),
        _ => match vm.to_index(v)? {
            Some(i) => Ok(i),
            None => Err(vm.type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                vm.type_name(v)
            ))),
        },
    }
}

/// A C `int` argument (`expandtabs(tabsize)`, `splitlines(keepends)`).
pub fn c_int(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    let i = match v {
        Value::BigInt(_) => i64::MAX,
        _ => ssize(vm, v)?,
    };
    if i32::try_from(i).is_err() {
        return Err(vm.overflow_error(if i < 0 {
            "Python int too small to convert to C int"
        } else {
            "Python int too large to convert to C int"
        }));
    }
    Ok(i)
}

/// A slice bound for `find`/`count`/`startswith`...: None or `__index__`; huge ints clamp.
pub fn slice_bound(vm: &mut Vm, v: Option<&Value>) -> PyResult<Option<i64>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => match vm.to_index(v)? {
            Some(i) => Ok(Some(i)),
            None => Err(
                vm.type_error("slice indices must be integers or None or have an __index__ method")
            ),
        },
    }
}

/// CPython's `ADJUST_INDICES`: clamps `start..end` (negative from the end) into `0..=len`
/// for `end`, leaving `start` possibly beyond `len` (callers check).
pub fn adjust_indices(start: Option<i64>, end: Option<i64>, len: usize) -> (usize, usize) {
    let len = len as i64;
    let mut end = end.unwrap_or(len);
    if end > len {
        end = len;
    } else if end < 0 {
        end = (end + len).max(0);
    }
    let mut start = start.unwrap_or(0);
    if start < 0 {
        start = (start + len).max(0);
    }
    (start as usize, end as usize)
}

/// The optional `start`/`end` arguments at `rest[first..]`, adjusted to `len`.
pub fn range_args(vm: &mut Vm, r: &[Value], first: usize, len: usize) -> PyResult<(usize, usize)> {
    let start = slice_bound(vm, r.get(first))?;
    let end = slice_bound(vm, r.get(first + 1))?;
    Ok(adjust_indices(start, end, len))
}

/// Guards results that would need an absurd allocation, as CPython's MemoryError does.
pub fn check_size(vm: &Vm, n: usize) -> PyResult<()> {
    if n > crate::vm::ops::arith::MAX_SEQUENCE_LEN {
        return Err(vm.memory_error());
    }
    Ok(())
}
