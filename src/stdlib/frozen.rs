//! The standard library's Python sources, frozen: the build script (`build.rs`) compiled
//! each `.py` file under `src/stdlib/` and embedded it as a marshalled code unit, as
//! CPython embeds its frozen modules. Loading one reads bytecode; nothing is parsed.

use crate::bytecode::marshal;
use crate::object::{Code, Dict, DictObj, Value};
use crate::source::SourceFile;
use crate::vm::{PyResult, Vm};
use std::rc::Rc;

/// One frozen source file.
struct Frozen {
    /// The path under `src/stdlib/`, e.g. `asyncio/locks.py`.
    path: &'static str,
    /// The source text, kept for the lines a traceback quotes.
    source: &'static str,
    /// The marshalled code unit of the module body.
    code: &'static [u8],
}

static FROZEN: &[Frozen] = include!(concat!(env!("OUT_DIR"), "/frozen_table.rs"));

/// The module code object of the frozen file at `path` (under `src/stdlib/`), named
/// `<frozen path>` in tracebacks.
pub fn code(vm: &mut Vm, path: &str) -> PyResult<Rc<Code>> {
    let Some(frozen) = FROZEN.iter().find(|f| f.path == path) else {
        let msg = format!("no frozen module source '{path}'");
        return Err(vm.new_exception_msg(&vm.exc.system_error.clone(), msg));
    };
    let unit = match marshal::load(frozen.code) {
        Ok(unit) => unit,
        Err(e) => {
            let msg = format!("frozen module source '{path}': {e}");
            return Err(vm.new_exception_msg(&vm.exc.system_error.clone(), msg));
        }
    };
    let source = Rc::new(SourceFile::new(format!("<frozen {path}>"), frozen.source));
    Ok(Rc::new(Code::load(&unit, &source, &mut vm.interner)))
}

/// Where the library module `name` written wholly in Python is frozen: a package's
/// `NAME/__init__.py` (true) or a module's `NAME.py`, with dots as directories.
fn source_path(name: &str) -> Option<(String, bool)> {
    let base = name.replace('.', "/");
    let package = format!("{base}/__init__.py");
    if FROZEN.iter().any(|f| f.path == package) {
        return Some((package, true));
    }
    let module = format!("{base}.py");
    FROZEN
        .iter()
        .any(|f| f.path == module)
        .then_some((module, false))
}

/// The top-level modules and packages of the library written in Python.
pub fn top_level_names() -> Vec<String> {
    FROZEN
        .iter()
        .filter_map(|f| match f.path.split_once('/') {
            Some((package, "__init__.py")) => Some(package.to_string()),
            Some(_) => None,
            None => f.path.strip_suffix(".py").map(str::to_string),
        })
        .collect()
}

/// Whether the library has a Python module (or package) `name`.
pub fn has_module(name: &str) -> bool {
    source_path(name).is_some()
}

/// The library module `name` written wholly in Python (`src/stdlib/NAME.py`, or a
/// package `src/stdlib/NAME/__init__.py` and its submodules), created and run; None when
/// there is no such file.
pub fn load_module(vm: &mut Vm, name: &str) -> PyResult<Option<Value>> {
    let Some((path, is_package)) = source_path(name) else {
        return Ok(None);
    };
    let code = code(vm, &path)?;
    let dict = DictObj::new(Dict::new());
    {
        let mut d = dict.table.borrow_mut();
        let package = if is_package {
            name
        } else {
            name.rsplit_once('.').map_or("", |(p, _)| p)
        };
        d.set_str(vm.intern("__doc__"), Value::None);
        d.set_str(vm.intern("__package__"), Value::str(package));
        d.set_str(vm.intern("__builtins__"), Value::Dict(vm.builtins.clone()));
        if is_package {
            // Submodules are found in the library, not on disk.
            d.set_str(vm.intern("__path__"), Value::list(Vec::new()));
        }
    }
    let module = vm.register_module(name, dict.clone());
    let frame = vm.alloc_frame(code, dict, None);
    if let Err(e) = vm.run_frame(frame) {
        vm.modules.remove(name);
        return Err(e);
    }
    Ok(Some(Value::Module(module)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `.py` file under `src/stdlib/` is in the table, so none is silently left
    /// out of the build.
    #[test]
    fn every_library_source_is_frozen() {
        fn walk(dir: &std::path::Path, base: &std::path::Path, out: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).expect("readable") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    walk(&path, base, out);
                } else if path.extension().is_some_and(|e| e == "py") {
                    let rel = path.strip_prefix(base).expect("under base");
                    out.push(rel.to_string_lossy().replace('\\', "/"));
                }
            }
        }
        let base = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/stdlib");
        let mut on_disk = Vec::new();
        walk(&base, &base, &mut on_disk);
        on_disk.sort();
        let frozen: Vec<String> = FROZEN.iter().map(|f| f.path.to_string()).collect();
        assert_eq!(frozen, on_disk);
        for f in FROZEN {
            assert!(marshal::load(f.code).is_ok(), "{} loads", f.path);
        }
    }
}
