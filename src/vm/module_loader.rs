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
        let dict = DictObj::new(Dict::new());
        {
            let mut d = dict.table.borrow_mut();
            d.set_str(self.intern("__name__"), Value::str(name));
            d.set_str(self.intern("__doc__"), Value::None);
            d.set_str(self.intern("__package__"), Value::str(package));
            // apy has no ModuleSpec type yet; None keeps `__spec__` readable.
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
        let code = match crate::compiler::compile_source(&source, crate::compiler::Mode::Exec) {
            Ok(unit) => Rc::new(crate::object::Code::load(
                &unit,
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
