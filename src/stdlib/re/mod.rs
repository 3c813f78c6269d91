//! `_re`: the regular-expression engine under the `re` package (`re/__init__.py`, which
//! holds the module-level functions, the pattern cache, `RegexFlag`, `escape` and
//! `error`).
//!
//! Matching is done by `fancy-regex`, a well-kept backtracking engine over the `regex`
//! crate: it has what Python's syntax needs (backreferences, look-arounds, atomic groups,
//! possessive repeats, conditionals) and hands every part without those to `regex`'s
//! automata, so plain patterns run in linear time with its literal and SIMD prefilters.
//! Its syntax and several meanings differ from Python's, so apy never passes a pattern
//! through: [`parse`] reads Python's syntax with CPython's errors, and [`emit`] writes
//! the same pattern in the engine's terms.
//!
//! - `subject`: the text matched over, and byte offsets ↔ Python indices;
//! - `pattern`: `re.Pattern` — compiling, and `match`/`search`/`findall`/`split`...;
//! - `matches`: `re.Match`;
//! - `replace`: `sub`/`subn` and replacement templates (`\1`, `\g<name>`).

mod emit;
mod matches;
mod parse;
mod pattern;
mod replace;
mod subject;

use crate::native::{module_class, ModuleDef};
use crate::object::class::{Class, Layout};
use crate::object::function::Args;
use crate::object::Value;
use crate::vm::{PyResult, Vm};
use std::rc::Rc;

/// The classes of the module, kept in the VM's extension store.
pub struct Classes {
    pub pattern: Rc<Class>,
    pub matches: Rc<Class>,
    pub scan_iter: Rc<Class>,
    /// `re.error`, defined in Python and handed over by `_re._set_error`.
    pub error: Option<Value>,
}

fn classes(vm: &Vm) -> PyResult<&Classes> {
    vm.extensions
        .get::<Classes>()
        .ok_or_else(|| vm.runtime_error("_re is not initialised"))
}

pub fn load(vm: &mut Vm) -> PyResult<Value> {
    let m = ModuleDef::new("_re");
    let class = |vm: &mut Vm, name: &str| {
        let c = module_class(vm, "re", name, Layout::Native);
        c.instance_dict.set(false);
        let _ = c.tp_name.set(format!("re.{name}"));
        c
    };
    let pattern = class(vm, "Pattern");
    let matches = class(vm, "Match");
    let scan_iter = module_class(vm, "_re", "callable_iterator", Layout::Native);
    let _ = scan_iter.tp_name.set("callable_iterator".to_string());
    pattern::register(vm, &pattern);
    matches::register(vm, &matches);
    pattern::register_iterator(vm, &scan_iter);
    m.value(vm, "Pattern", Value::Class(pattern.clone()));
    m.value(vm, "Match", Value::Class(matches.clone()));
    vm.extensions.insert(Classes {
        pattern,
        matches,
        scan_iter,
        error: None,
    });
    m.func(vm, "compile", pattern::compile);
    m.func(vm, "_set_error", set_error);
    Ok(m.finish(vm))
}

/// `_re._set_error(cls)`: the `re.error` class native code raises.
fn set_error(vm: &mut Vm, args: Args) -> PyResult {
    let cls = crate::native::one_arg(vm, "_set_error", &args)?.clone();
    if let Some(c) = vm.extensions.get_mut::<Classes>() {
        c.error = Some(cls);
    }
    Ok(Value::None)
}

/// Raises `re.error(msg, pattern, pos)`.
fn regex_error(
    vm: &mut Vm,
    msg: &str,
    pattern: &Value,
    pos: Option<usize>,
) -> crate::object::ExcRef {
    let cls = match classes(vm) {
        Ok(c) => c.error.clone(),
        Err(e) => return e,
    };
    let Some(cls) = cls else {
        return vm.value_error(msg.to_string());
    };
    let pos = pos.map_or(Value::None, |p| Value::int(p as i64));
    match vm.call(&cls, &[Value::str(msg), pattern.clone(), pos]) {
        Ok(exc) => match vm.to_exception(exc) {
            Ok(e) | Err(e) => e,
        },
        Err(e) => e,
    }
}
