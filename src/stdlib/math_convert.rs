//! Converting `math` arguments as CPython's mathmodule.c does, and raising its errors.
//!
//! Float parameters go through `PyFloat_AsDouble` (a float, an int of any size,
//! `__float__`, then `__index__`); integer parameters through `PyNumber_Index`. Both
//! keep ints exact until the last step, so `math.log(10**400)` and `math.factorial(30)`
//! behave as in CPython.

use crate::object::{ExcRef, Value};
use crate::stdlib::math::{self, MathError};
use crate::vm::{PyResult, Vm};
use num_bigint::BigInt;

/// The exception class named by a core error (`MathError::exc_type`, `RandomError::exc_type`).
pub fn exception_named(vm: &Vm, class: &str, msg: String) -> ExcRef {
    let cls = vm
        .exc
        .all
        .iter()
        .find(|(n, _)| *n == class)
        .map(|(_, c)| c.clone())
        .unwrap_or_else(|| vm.exc.value_error.clone());
    if class == "MemoryError" && msg.is_empty() {
        return vm.new_exception(&cls, vec![]);
    }
    vm.new_exception_msg(&cls, msg)
}

pub fn math_error(vm: &Vm, e: MathError) -> ExcRef {
    exception_named(vm, e.exc_type(), e.to_string())
}

/// `PyFloat_AsDouble` with the `math` module's TypeError.
pub fn float_arg(vm: &mut Vm, v: &Value) -> PyResult<f64> {
    match v {
        Value::Float(f) => Ok(f.get()),
        Value::Int(i) => Ok(*i as f64),
        Value::Bool(b) => Ok(f64::from(u8::from(*b))),
        Value::BigInt(b) => math::int_to_f64(b).map_err(|e| math_error(vm, e)),
        Value::Object(o) => {
            let class = o.class.clone();
            if let Some(m) = class.lookup_str(&vm.names.float.clone()) {
                return match vm.call(&m, std::slice::from_ref(v))? {
                    Value::Float(f) => Ok(f.get()),
                    other => Err(vm.type_error(format!(
                        "{}.__float__ returned non-float (type {})",
                        class.name,
                        vm.type_name(&other)
                    ))),
                };
            }
            if class.lookup_str(&vm.names.index.clone()).is_some() {
                let n = index_arg(vm, v)?;
                return math::int_to_f64(&n).map_err(|e| math_error(vm, e));
            }
            Err(not_real(vm, v))
        }
        _ => Err(not_real(vm, v)),
    }
}

pub fn not_real(vm: &Vm, v: &Value) -> ExcRef {
    vm.type_error(format!("must be real number, not {}", vm.type_name(v)))
}

/// `PyNumber_Index`: an int, or an object whose `__index__` returns one.
pub fn index_arg(vm: &mut Vm, v: &Value) -> PyResult<BigInt> {
    match index_opt(vm, v)? {
        Some(n) => Ok(n),
        None => Err(vm.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(v)
        ))),
    }
}

/// Like [`index_arg`], but None for a value without `__index__`.
pub fn index_opt(vm: &mut Vm, v: &Value) -> PyResult<Option<BigInt>> {
    Ok(Some(match v {
        Value::Int(i) => BigInt::from(*i),
        Value::Bool(b) => BigInt::from(u8::from(*b)),
        Value::BigInt(b) => (**b).clone(),
        Value::Object(o) => {
            let Some(m) = o.class.lookup_str(&vm.names.index.clone()) else {
                return Ok(None);
            };
            match vm.call(&m, std::slice::from_ref(v))? {
                Value::Int(i) => BigInt::from(i),
                Value::Bool(b) => BigInt::from(u8::from(b)),
                Value::BigInt(b) => (*b).clone(),
                other => {
                    return Err(vm.type_error(format!(
                        "__index__ returned non-int (type {})",
                        vm.type_name(&other)
                    )))
                }
            }
        }
        _ => return Ok(None),
    }))
}

/// An argument of the log functions: ints stay exact (`log(10**400)` is finite).
pub enum LogValue {
    Float(f64),
    Int(BigInt),
}

impl LogValue {
    pub fn as_arg(&self) -> math::LogArg<'_> {
        match self {
            LogValue::Float(f) => math::LogArg::Float(*f),
            LogValue::Int(n) => math::LogArg::Int(n),
        }
    }
}

/// CPython's `loghelper`: int instances (bool included) are logged exactly, anything
/// else goes through `PyFloat_AsDouble`.
pub fn log_arg(vm: &mut Vm, v: &Value) -> PyResult<LogValue> {
    Ok(match v {
        Value::Int(i) => LogValue::Int(BigInt::from(*i)),
        Value::Bool(b) => LogValue::Int(BigInt::from(u8::from(*b))),
        Value::BigInt(b) => LogValue::Int((**b).clone()),
        _ => LogValue::Float(float_arg(vm, v)?),
    })
}
