//! Argument Clinic's converters: turning one bound argument into the C value a native
//! works with (`Py_ssize_t`, `int`, a slice bound), with CPython's errors.

use crate::object::Value;
use crate::vm::{PyResult, Vm};

/// A `Py_ssize_t` argument (`__index__`), as CPython converts sizes, counts and indices:
/// ints beyond i64 are OverflowError.
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

/// A `start`/`stop` argument of `list.index()`/`deque.index()`: like a slice index
/// (ints beyond i64 clamp), None not allowed.
pub fn slice_index(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    match vm.to_index(v)? {
        Some(i) => Ok(i),
        None => Err(vm.type_error("slice indices must be integers or have an __index__ method")),
    }
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

/// The optional `start`/`end` arguments at `rest[first..]` of `str.find` and kin,
/// adjusted to `len`.
pub fn range_args(vm: &mut Vm, r: &[Value], first: usize, len: usize) -> PyResult<(usize, usize)> {
    let start = slice_bound(vm, r.get(first))?;
    let end = slice_bound(vm, r.get(first + 1))?;
    Ok(adjust_indices(start, end, len))
}

/// Resolves the optional `start`/`stop` of `seq.index(x, start, stop)` (`rest[1..]`)
/// against `len`.
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
        Some(v) => fix(slice_index(vm, v)?),
        None => 0,
    };
    let stop = match rest.get(2) {
        Some(v) => fix(slice_index(vm, v)?),
        None => i64::MAX,
    };
    Ok((start.max(0) as usize, stop.max(0) as usize))
}

/// The type name in Argument Clinic's "must be str, not X" errors, which spell None's
/// type as `None`.
pub fn clinic_type_name(vm: &Vm, v: &Value) -> String {
    match v {
        Value::None => "None".to_string(),
        _ => vm.type_name(v),
    }
}
