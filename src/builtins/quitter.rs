//! `exit` and `quit`: the objects CPython's `site` module puts in builtins. Typing `exit`
//! at the prompt shows how to leave; calling it raises `SystemExit(code)`, which ends
//! the REPL or the program with that status.

use crate::object::class::Layout;
use crate::object::function::Args;
use crate::object::{Object, Payload, Value};
use crate::vm::{PyResult, Vm};

/// What leaves the REPL besides the call, as `site` words it on Unix.
const EOF_KEY: &str = "Ctrl-D (i.e. EOF)";

pub(super) fn register(vm: &mut Vm) {
    let class = crate::native::module_class(vm, "_sitebuiltins", "Quitter", Layout::Object);
    crate::native::add_methods(
        vm,
        &class,
        &[("__repr__", quitter_repr), ("__call__", quitter_call)],
    );
    for name in ["exit", "quit"] {
        let object = Object::with_dict(class.clone(), Payload::None);
        object.dict_set(vm.intern("name"), Value::str(name));
        object.dict_set(vm.intern("eof"), Value::str(EOF_KEY));
        super::add_value(vm, name, Value::Object(object));
    }
}

/// An attribute of the quitter as text (they are plain instance attributes, so a
/// program may have replaced them).
fn text_attr(vm: &mut Vm, quitter: &Value, name: &str) -> PyResult<String> {
    let key = vm.intern(name);
    let value = vm.get_attr(quitter, &key)?;
    vm.str(&value)
}

fn quitter_repr(vm: &mut Vm, args: Args) -> PyResult {
    let quitter = &args.values[0];
    let name = text_attr(vm, quitter, "name")?;
    let eof = text_attr(vm, quitter, "eof")?;
    Ok(Value::str(format!("Use {name}() or {eof} to exit")))
}

/// `__call__(self, code=None)`.
fn quitter_call(vm: &mut Vm, args: Args) -> PyResult {
    let positional = args.pos();
    if positional.len() > 2 {
        return Err(vm.type_error(format!(
            "Quitter.__call__() takes from 1 to 2 positional arguments but {} were given",
            positional.len()
        )));
    }
    let mut code = positional.get(1).cloned();
    for (key, value) in args.kw() {
        if key != "code" {
            return Err(vm.type_error(format!(
                "Quitter.__call__() got an unexpected keyword argument '{key}'"
            )));
        }
        if code.is_some() {
            return Err(vm.type_error("Quitter.__call__() got multiple values for argument 'code'"));
        }
        code = Some(value.clone());
    }
    let class = vm.exc.system_exit.clone();
    Err(vm.new_exception(&class, vec![code.unwrap_or(Value::None)]))
}
