//! `exec`, `eval` and `compile`: source text given at run time, compiled by the same
//! front end as a script and run in the namespaces the caller names; and `__import__`,
//! the import statement as a function.
//!
//! Called directly with only the source, `exec` and `eval` use the caller's globals and
//! locals, which only the call site has: the run loop passes them on as the two
//! namespace arguments (`Vm::call_from_stack`).

use super::add_function;
use crate::compiler::Mode;
use crate::native::Clinic;
use crate::object::function::Args;
use crate::object::{Code, DictObj, Value};
use crate::source::SourceFile;
use crate::vm::{PyResult, Vm};
use std::rc::Rc;

pub fn register(vm: &mut Vm) {
    add_function(vm, "exec", exec);
    add_function(vm, "eval", eval);
    add_function(vm, "compile", compile);
    add_function(vm, "__import__", import);
}

const IMPORT: Clinic = Clinic::new(
    "__import__",
    &["name", "globals", "locals", "fromlist", "level"],
)
.required(1);

/// `__import__(name, globals=None, locals=None, fromlist=(), level=0)`: what the import
/// statement does, relative names resolved against `globals`.
fn import(vm: &mut Vm, args: Args) -> PyResult {
    let [name, globals, _locals, fromlist, level] = IMPORT.bind(vm, &args)?;
    let name = match name.unwrap_or(Value::None) {
        Value::Str(s) => s,
        other => {
            return Err(vm.type_error(format!(
                "__import__() argument 1 must be str, not {}",
                vm.type_name(&other)
            )))
        }
    };
    let level = level.unwrap_or(Value::Int(0));
    if let Value::Int(n) = level {
        if n < 0 {
            return Err(vm.value_error("level must be >= 0"));
        }
    }
    if name.as_str().is_empty() && matches!(level, Value::Int(0)) {
        return Err(vm.value_error("Empty module name"));
    }
    let globals = match globals {
        Some(Value::Dict(d)) => d,
        _ => DictObj::new(crate::object::Dict::new()),
    };
    let fromlist = fromlist.unwrap_or(Value::None);
    vm.import_name(name.as_str(), &fromlist, &level, &globals)
}

const EXEC: Clinic = Clinic::new("exec", &["source", "globals", "locals"])
    .posonly(3)
    .required(1);
const EVAL: Clinic = Clinic::new("eval", &["source", "globals", "locals"])
    .posonly(3)
    .required(1);
const COMPILE: Clinic = Clinic::new(
    "compile",
    &[
        "source",
        "filename",
        "mode",
        "flags",
        "dont_inherit",
        "optimize",
    ],
)
.required(3);

/// `exec(source, globals=None, locals=None, /)`.
fn exec(vm: &mut Vm, args: Args) -> PyResult {
    let [source, globals, locals] = EXEC.bind(vm, &args)?;
    let code = code_of(vm, "exec", source.unwrap_or(Value::None), Mode::Exec)?;
    let (globals, locals) = namespaces(vm, "exec", globals, locals)?;
    run(vm, code, globals, locals)?;
    Ok(Value::None)
}

/// `eval(source, globals=None, locals=None, /)`.
fn eval(vm: &mut Vm, args: Args) -> PyResult {
    let [source, globals, locals] = EVAL.bind(vm, &args)?;
    let code = code_of(vm, "eval", source.unwrap_or(Value::None), Mode::Eval)?;
    let (globals, locals) = namespaces(vm, "eval", globals, locals)?;
    run(vm, code, globals, locals)
}

/// `compile(source, filename, mode, flags=0, dont_inherit=False, optimize=-1)`: flags
/// and optimisation levels are accepted and have no effect (apy has no AST objects and
/// no `__future__` features to switch).
fn compile(vm: &mut Vm, args: Args) -> PyResult {
    let [source, filename, mode, _flags, _dont_inherit, _optimize] = COMPILE.bind(vm, &args)?;
    let source = source.unwrap_or(Value::None);
    let Some(text) = source_text(&source) else {
        return Err(vm.type_error("compile() arg 1 must be a string, bytes or AST object"));
    };
    let filename = match filename.unwrap_or(Value::None) {
        Value::Str(s) => s.as_str().to_string(),
        Value::Bytes(b) => String::from_utf8_lossy(&b.data).into_owned(),
        other => {
            return Err(vm.type_error(format!(
                "expected str, bytes or os.PathLike object, not {}",
                vm.type_name(&other)
            )))
        }
    };
    let mode = match mode.as_ref().and_then(Value::as_str) {
        Some("exec") => Mode::Exec,
        Some("eval") => Mode::Eval,
        Some("single") => Mode::Single,
        _ => {
            return Err(vm.value_error("compile() mode must be 'exec', 'eval' or 'single'"));
        }
    };
    let code = compile_text(vm, text, filename, mode)?;
    Ok(Value::Code(code))
}

/// A code object argument as it is, or source text compiled as `<string>` (`eval`
/// ignores leading spaces and tabs, as CPython's does).
fn code_of(vm: &mut Vm, who: &str, source: Value, mode: Mode) -> PyResult<Rc<Code>> {
    if let Value::Code(code) = source {
        return Ok(code);
    }
    let Some(mut text) = source_text(&source) else {
        return Err(vm.type_error(format!(
            "{who}() arg 1 must be a string, bytes or code object"
        )));
    };
    if mode == Mode::Eval {
        text = text.trim_start_matches([' ', '\t']).to_string();
    }
    compile_text(vm, text, "<string>".to_string(), mode)
}

fn source_text(source: &Value) -> Option<String> {
    match source {
        Value::Str(s) => Some(s.as_str().to_string()),
        Value::Bytes(b) => Some(String::from_utf8_lossy(&b.data).into_owned()),
        _ => None,
    }
}

fn compile_text(vm: &mut Vm, text: String, filename: String, mode: Mode) -> PyResult<Rc<Code>> {
    let source = Rc::new(SourceFile::new(filename, text));
    let compiled = crate::compiler::compile_dynamic_warned(&source, mode)
        .and_then(|c| vm.issue_syntax_warnings(&source, &c.warnings).map(|()| c));
    match compiled {
        Ok(c) => Ok(Rc::new(Code::load(&c.unit, &source, &mut vm.interner))),
        Err(diag) => Err(vm.syntax_error_from(&source, &diag)),
    }
}

/// The globals and locals to run in, checked with CPython's messages; globals get
/// `__builtins__` if they lack it. Without globals (an indirect call, which the run loop
/// could not give the caller's), there is nothing to run in.
fn namespaces(
    vm: &mut Vm,
    who: &str,
    globals: Option<Value>,
    locals: Option<Value>,
) -> PyResult<(Rc<DictObj>, Option<Rc<DictObj>>)> {
    let globals = match globals {
        Some(Value::Dict(d)) => d,
        None | Some(Value::None) => {
            return Err(vm.runtime_error(format!(
                "{who}() without globals must be called directly in apy"
            )))
        }
        Some(other) => {
            return Err(vm.type_error(format!(
                "{who}() globals must be a dict, not {}",
                vm.type_name(&other)
            )))
        }
    };
    let locals = match locals {
        None | Some(Value::None) => None,
        Some(Value::Dict(d)) if Rc::ptr_eq(&d, &globals) => None,
        Some(Value::Dict(d)) => Some(d),
        // A dict subclass: names go to the dict it extends (its own `__setitem__` is not
        // called, unlike CPython).
        Some(Value::Object(o))
            if matches!(&o.payload, crate::object::Payload::Builtin(Value::Dict(_))) =>
        {
            match &o.payload {
                crate::object::Payload::Builtin(Value::Dict(d)) => Some(d.clone()),
                _ => None,
            }
        }
        Some(other) => {
            return Err(vm.type_error(format!(
                "locals must be a mapping or None, not {}",
                vm.type_name(&other)
            )))
        }
    };
    let key = crate::object::hash::hash_str("__builtins__");
    if globals.get_str("__builtins__", key).is_none() {
        let name = vm.intern("__builtins__");
        let builtins = Value::Dict(vm.builtins.clone());
        globals.table.borrow_mut().set_str(name, builtins);
    }
    Ok((globals, locals))
}

fn run(vm: &mut Vm, code: Rc<Code>, globals: Rc<DictObj>, locals: Option<Rc<DictObj>>) -> PyResult {
    let frame = vm.alloc_frame(code, globals, locals);
    vm.run_frame(frame)
}
