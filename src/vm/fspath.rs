//! The `os.PathLike` protocol: a path is a str or bytes, or an object whose
//! `__fspath__` returns one (a `pathlib` path). Used by `open()` and the `os` functions.

use super::{PyResult, Vm};
use crate::object::Value;

impl Vm {
    /// `os.fspath(v)`: the str or bytes `v` stands for, or CPython's TypeError.
    pub fn fspath(&mut self, v: &Value) -> PyResult<Value> {
        match v {
            Value::Str(_) | Value::Bytes(_) => return Ok(v.clone()),
            Value::Object(o) => {
                let hook = o
                    .class
                    .lookup("__fspath__", crate::object::hash::hash_str("__fspath__"));
                if let Some(hook) = hook {
                    let path = self.call(&hook, std::slice::from_ref(v))?;
                    if matches!(path, Value::Str(_) | Value::Bytes(_)) {
                        return Ok(path);
                    }
                    return Err(self.type_error(format!(
                        "expected {}.__fspath__() to return str or bytes, not {}",
                        self.type_name(v),
                        self.type_name(&path)
                    )));
                }
            }
            _ => {}
        }
        Err(self.type_error(format!(
            "expected str, bytes or os.PathLike object, not {}",
            self.type_name(v)
        )))
    }
}
