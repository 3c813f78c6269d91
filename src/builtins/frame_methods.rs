//! Methods of `frame` objects (the snapshots `sys._getframe()` makes, see
//! `vm::frame_objects`).

use crate::native::add_method;
use crate::object::function::Args;
use crate::object::Value;
use crate::vm::{PyResult, Vm};

pub fn register(vm: &mut Vm) {
    let class = vm.types.frame.clone();
    add_method(vm, &class, "__repr__", frame_repr);
}

/// `<frame at 0x..., file 'x.py', line 3, code f>`, as CPython shows a frame.
fn frame_repr(vm: &mut Vm, args: Args) -> PyResult {
    let Some(this) = args.values.first().cloned() else {
        return Err(vm.type_error("descriptor '__repr__' of 'frame' object needs an argument"));
    };
    let attr = |vm: &mut Vm, name: &str| {
        let name = vm.intern(name);
        vm.get_attr(&this, &name)
    };
    let line = attr(vm, "f_lineno")?;
    let (file, name) = match attr(vm, "f_code")? {
        Value::Code(c) => (c.filename().to_string(), c.name.as_str().to_string()),
        _ => (String::from("?"), String::from("?")),
    };
    let addr = this.heap_addr().unwrap_or(0);
    let file = vm.repr(&Value::str(file))?;
    Ok(Value::str(format!(
        "<frame at {addr:#x}, file {file}, line {}, code {name}>",
        vm.str(&line)?
    )))
}
