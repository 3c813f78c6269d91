//! Running a module found on the import path: the module object with the globals CPython
//! gives it, registered before its code runs (so a circular import sees it, partially
//! initialised), then compiled through the front end and executed; a module whose code
//! fails is taken out of the module table again, as `importlib` does.

use super::module_finder::Found;
use super::{PyResult, Vm};
use crate::object::{Dict, DictObj, Module, Value};
use std::path::Path;
use std::rc::Rc;

impl Vm {
    /// Creates, registers and runs the module `name` from the source `found`.
    pub(super) fn load_found(&mut self, name: &str, found: Found) -> PyResult {
        let package = match &found {
            Found::Package { .. } | Found::Namespace { .. } => name.to_string(),
            Found::Module { .. } => name.rsplit_once('.').map_or("", |(p, _)| p).to_string(),
        };
        let (file, path) = match &found {
            Found::Package { dir, init } => (Some(init.as_path()), Some(vec![dir.as_path()])),
            Found::Module { file } => (Some(file.as_path()), None),
            Found::Namespace { dirs } => (None, Some(dirs.iter().map(|d| d.as_path()).collect())),
        };
        let locations: Option<Vec<String>> = path
            .as_ref()
            .map(|dirs| dirs.iter().map(|d| shown(d)).collect());
        let dict = DictObj::new(Dict::new());
        {
            let mut d = dict.table.borrow_mut();
            d.set_str(self.intern("__name__"), Value::str(name));
            d.set_str(self.intern("__doc__"), Value::None);
            d.set_str(self.intern("__package__"), Value::str(package));
            // Replaced by the module's spec below when `importlib` can make one.
            d.set_str(self.intern("__spec__"), Value::None);
            if let Some(file) = file {
                d.set_str(self.intern("__file__"), Value::str(shown(file)));
            }
            if let Some(path) = path {
                let entries = path.into_iter().map(|p| Value::str(shown(p))).collect();
                d.set_str(self.intern("__path__"), Value::list(entries));
            }
            d.set_str(
                self.intern("__builtins__"),
                Value::Dict(self.builtins.clone()),
            );
        }
        let module = Value::Module(Module::new(name, dict.clone()));
        if let Some(file) = file {
            if let Some(spec) = self.file_spec(name, &shown(file), locations) {
                let key = self.intern("loader");
                let loader = self.get_attr_opt(&spec, &key).ok().flatten();
                let mut d = dict.table.borrow_mut();
                d.set_str(self.intern("__spec__"), spec);
                if let Some(loader) = loader {
                    d.set_str(self.intern("__loader__"), loader);
                }
            }
        }
        self.add_module(name, module.clone());
        let Some(file) = file else {
            return Ok(module);
        };
        let result = self.run_module_file(name, file, dict);
        if let Err(e) = result {
            self.remove_module(name);
            return Err(e);
        }
        // The module's code may have replaced itself in the table, as in CPython.
        Ok(self.modules.get(name).cloned().unwrap_or(module))
    }

    /// The `ModuleSpec` of a module loaded from `file` (`importlib`'s
    /// `spec_from_file_location`), or None when `importlib` is unavailable (a script's
    /// own `importlib.py` shadows it): a spec is a convenience, never a reason to fail.
    fn file_spec(
        &mut self,
        name: &str,
        file: &str,
        locations: Option<Vec<String>>,
    ) -> Option<Value> {
        let bootstrap = self.import_module("importlib._bootstrap").ok()?;
        let key = self.intern("spec_from_file_location");
        let make = self.get_attr(&bootstrap, &key).ok()?;
        let locations = match locations {
            Some(dirs) => Value::list(dirs.into_iter().map(Value::str).collect()),
            None => Value::None,
        };
        let kw = [(Value::str("submodule_search_locations"), locations)];
        self.call_with_keywords(&make, vec![Value::str(name), Value::str(file)], &kw)
            .ok()
    }

    fn run_module_file(&mut self, name: &str, file: &Path, globals: Rc<DictObj>) -> PyResult<()> {
        let shown_name = shown(file);
        let bytes = match std::fs::read(file) {
            Ok(b) => b,
            Err(e) => return Err(self.os_error(&e, &Value::str(shown_name))),
        };
        let source = match crate::decode::decode_source(shown_name, bytes) {
            Ok(s) => Rc::new(s),
            Err(boxed) => {
                let (source, diag) = *boxed;
                return Err(self.syntax_error_from(&source, &diag));
            }
        };
        let compiled = crate::compiler::compile_source_warned(&source, crate::compiler::Mode::Exec)
            .and_then(|c| self.issue_syntax_warnings(&source, &c.warnings).map(|()| c));
        let code = match compiled {
            Ok(c) => Rc::new(crate::object::Code::load(
                &c.unit,
                &source,
                &mut self.interner,
            )),
            Err(diag) => return Err(self.syntax_error_from(&source, &diag)),
        };
        self.importing.push(name.to_string());
        let frame = self.alloc_frame(code, globals, None);
        let result = self.run_frame(frame);
        self.importing.pop();
        result.map(|_| ())
    }
}

/// A path as `__file__` shows it.
fn shown(path: &Path) -> String {
    path.display().to_string()
}
