//! `_io`: the native half of `io` (the file types `open()` returns, `open` itself and
//! `UnsupportedOperation`); `io.py` adds the in-memory streams in Python.

use crate::native::ModuleDef;
use crate::object::Value;
use crate::vm::{PyResult, Vm};

pub fn load(vm: &mut Vm) -> PyResult<Value> {
    let m = ModuleDef::new("_io");
    for (name, class) in crate::builtins::file_io::io_classes(vm) {
        m.value(vm, name, Value::Class(class));
    }
    let open = vm
        .builtins
        .get_str("open", crate::object::hash::hash_str("open"))
        .unwrap_or(Value::None);
    m.value(vm, "open", open);
    m.value(vm, "DEFAULT_BUFFER_SIZE", Value::Int(8192));
    Ok(m.finish(vm))
}
