//! `import`, as CPython 3.11's `importlib._bootstrap` does it: a dotted name is imported
//! part by part (each parent before its child, each child then bound on its parent), a
//! module comes from the module cache, else from the modules CPython compiles into the
//! interpreter, else from the import path (`sys.path` for a top-level name, the parent's
//! `__path__` for a submodule; see `module_finder`), else from apy's built-in library,
//! which stands where CPython's standard library directory stands on `sys.path`: after
//! the script's directory, so a local `random.py` shadows it as it would in CPython.
//!
//! The built-in library is created through the module table the layer defining it fills
//! at start-up (`stdlib::register`, from `interpreter::new_vm`); the VM knows no module.

use super::module_finder;
use super::{PyResult, Vm};
use crate::object::frame::Frame;
use crate::object::{DictObj, PyStr, Value};
use std::rc::Rc;

/// The built-in module table: how the VM creates a library module it has not imported
/// yet, and whom it tells about each module it adds or drops.
#[derive(Clone, Copy)]
pub struct ModuleTable {
    /// Creates the built-in module `name`, or None when there is no such module.
    pub load: fn(&mut Vm, &str) -> PyResult<Option<Value>>,
    /// Called once a new module is in `vm.modules` (`sys.modules` mirrors them).
    pub added: fn(&mut Vm, &str, &Value),
    /// Called once a module whose code failed is out of `vm.modules` again.
    pub removed: fn(&mut Vm, &str),
}

impl Default for ModuleTable {
    /// No built-in modules: every import fails until the table is filled.
    fn default() -> ModuleTable {
        ModuleTable {
            load: |_, _| Ok(None),
            added: |_, _, _| {},
            removed: |_, _| {},
        }
    }
}

/// The modules CPython 3.11 compiles into the interpreter (`sys.builtin_module_names`):
/// these are found before the import path, so no file can shadow them.
pub const INTERPRETER_MODULES: &[&str] = &[
    "atexit",
    "builtins",
    "errno",
    "faulthandler",
    "gc",
    "itertools",
    "marshal",
    "posix",
    "pwd",
    "sys",
    "time",
];

impl Vm {
    /// The module `name` (absolute, dotted), imported if it is not yet.
    pub fn import_module(&mut self, name: &str) -> PyResult {
        if let Some(m) = self.loaded_module(name)? {
            return Ok(m);
        }
        if name.is_empty() || name.split('.').any(str::is_empty) {
            return Err(self.module_not_found(format!("No module named '{name}'")));
        }
        // Parents first, in a loop (not a recursion) over the dotted parts.
        let mut parent: Option<Value> = None;
        let mut end = 0;
        for part in name.split('.') {
            let start = end + usize::from(end > 0);
            end = start + part.len();
            let prefix = &name[..end];
            let module = match self.loaded_module(prefix)? {
                Some(m) => m,
                None => {
                    let m = self.find_and_load(prefix, part, parent.as_ref())?;
                    if let Some(p) = &parent {
                        let attr = self.intern(part);
                        self.set_attr(p, &attr, m.clone())?;
                    }
                    m
                }
            };
            parent = Some(module);
        }
        Ok(parent.unwrap_or(Value::None))
    }

    /// Attribute `attr` of module `module` if both exist already, without importing
    /// anything (a library reaching a sibling the program may not have loaded).
    pub fn loaded_module_attr(&self, module: &str, attr: &str) -> Option<Value> {
        match self.modules.get(module) {
            Some(Value::Module(m)) => m.dict.get_str(attr, crate::object::hash::hash_str(attr)),
            _ => None,
        }
    }

    /// The module `name` if it is imported already: `sys.modules` decides, as in
    /// CPython (a program may put any object there, or delete an entry to have the module
    /// imported again); before `sys` exists, the VM's own table.
    fn loaded_module(&mut self, name: &str) -> PyResult<Option<Value>> {
        let sys_modules = match self.modules.get("sys") {
            Some(Value::Module(sys)) => sys
                .dict
                .get_str("modules", crate::object::hash::hash_str("modules")),
            _ => None,
        };
        let Some(Value::Dict(table)) = sys_modules else {
            return Ok(self.modules.get(name).cloned());
        };
        let found = table
            .table
            .borrow()
            .get_str(name, crate::object::hash::hash_str(name))
            .cloned();
        match found {
            Some(Value::None) => {
                Err(self.module_not_found(format!("import of {name} halted; None in sys.modules")))
            }
            Some(m) => {
                if !self.modules.get(name).is_some_and(|old| old.is(&m)) {
                    self.modules.insert(name.to_string(), m.clone());
                }
                Ok(Some(m))
            }
            None => Ok(None),
        }
    }

    /// Finds and loads the module `name` (whose last part is `part`) under `parent`:
    /// through `sys.meta_path` when a program put a finder of its own there, natively
    /// otherwise.
    fn find_and_load(&mut self, name: &str, part: &str, parent: Option<&Value>) -> PyResult {
        if let Some(finders) = self.custom_meta_path()? {
            let path = match parent {
                None => Some(Value::None),
                Some(p) => {
                    let key = self.intern("__path__");
                    self.get_attr_opt(p, &key)?
                }
            };
            // A parent that is not a package keeps the native error (and `os.path`).
            if let Some(path) = path {
                return self.find_through_meta_path(name, part, parent, &path, &finders);
            }
        }
        self.find_and_load_natively(name, part, parent)
    }

    /// `sys.meta_path` when it holds a finder other than apy's own, else None.
    fn custom_meta_path(&mut self) -> PyResult<Option<Vec<Value>>> {
        let Some(sys) = self.modules.get("sys").cloned() else {
            return Ok(None);
        };
        let key = self.intern("meta_path");
        let finders = match self.get_attr_opt(&sys, &key)? {
            Some(Value::List(l)) => l.items.borrow().clone(),
            _ => return Ok(None),
        };
        let all_default = finders.len() == self.default_finders.len()
            && finders
                .iter()
                .zip(&self.default_finders)
                .all(|(a, b)| a.is(b));
        Ok((!all_default).then_some(finders))
    }

    /// The import of `name` as CPython's `_find_and_load` does it: each finder of
    /// `sys.meta_path` in turn; apy's own ones search natively, others are asked for a
    /// spec with `find_spec(name, path, None)`, which `importlib` then loads.
    fn find_through_meta_path(
        &mut self,
        name: &str,
        part: &str,
        parent: Option<&Value>,
        path: &Value,
        finders: &[Value],
    ) -> PyResult {
        for finder in finders {
            let default = self.default_finders.iter().position(|d| d.is(finder));
            match default {
                // BuiltinImporter: the modules compiled into the interpreter.
                Some(0) => {
                    if parent.is_none() && INTERPRETER_MODULES.contains(&name) {
                        if let Some(m) = self.load_builtin(name)? {
                            return Ok(m);
                        }
                    }
                }
                // FrozenImporter loads apy's library, which the path finder finds after
                // the entries of `sys.path` (so a script's own `random.py` wins).
                Some(1) => {}
                Some(_) => {
                    let search = match parent {
                        None => self.sys_path()?,
                        Some(_) => self.str_entries(path),
                    };
                    if let Some(found) = module_finder::find(part, &search) {
                        return self.load_found(name, found);
                    }
                    if let Some(m) = self.load_builtin(name)? {
                        return Ok(m);
                    }
                }
                None => {
                    let key = self.intern("find_spec");
                    let Some(find_spec) = self.get_attr_opt(finder, &key)? else {
                        continue;
                    };
                    let spec =
                        self.call(&find_spec, &[Value::str(name), path.clone(), Value::None])?;
                    if !spec.is_none() {
                        return self.load_spec(spec);
                    }
                }
            }
        }
        Err(self.module_not_found(format!("No module named '{name}'")))
    }

    /// Loads a module from the spec a program's finder returned (`importlib`'s `_load`).
    fn load_spec(&mut self, spec: Value) -> PyResult {
        let bootstrap = self.import_module("importlib._bootstrap")?;
        let key = self.intern("_load");
        let load = self.get_attr(&bootstrap, &key)?;
        self.call(&load, &[spec])
    }

    /// The native search: interpreter modules, then `sys.path` (or the package's
    /// `__path__`), then apy's library.
    fn find_and_load_natively(
        &mut self,
        name: &str,
        part: &str,
        parent: Option<&Value>,
    ) -> PyResult {
        let search = match parent {
            None => {
                if INTERPRETER_MODULES.contains(&name) {
                    if let Some(m) = self.load_builtin(name)? {
                        return Ok(m);
                    }
                }
                self.sys_path()?
            }
            Some(p) => match self.package_path(p)? {
                Some(path) => path,
                // A built-in module may provide dotted names of its own (`os.path`).
                None if self.modules.contains_key(name) => return Ok(self.modules[name].clone()),
                None => {
                    if let Some(m) = self.load_builtin(name)? {
                        return Ok(m);
                    }
                    let parent_name = name.rsplit_once('.').map_or("", |(p, _)| p);
                    return Err(self.module_not_found(format!(
                        "No module named '{name}'; '{parent_name}' is not a package"
                    )));
                }
            },
        };
        if let Some(found) = module_finder::find(part, &search) {
            return self.load_found(name, found);
        }
        if let Some(m) = self.load_builtin(name)? {
            return Ok(m);
        }
        Err(self.module_not_found(format!("No module named '{name}'")))
    }

    /// A module of apy's built-in library, created and registered.
    fn load_builtin(&mut self, name: &str) -> PyResult<Option<Value>> {
        let table = self.module_table;
        let Some(m) = (table.load)(self, name)? else {
            return Ok(None);
        };
        // A module that registered itself while loading (`register_module`) is the one.
        if let Some(existing) = self.modules.get(name) {
            return Ok(Some(existing.clone()));
        }
        self.add_module(name, m.clone());
        Ok(Some(m))
    }

    pub(super) fn add_module(&mut self, name: &str, module: Value) {
        self.modules.insert(name.to_string(), module.clone());
        (self.module_table.added)(self, name, &module);
    }

    pub(super) fn remove_module(&mut self, name: &str) {
        self.modules.remove(name);
        (self.module_table.removed)(self, name);
    }

    /// The entries of `sys.path`, as strings (other entries are skipped, as CPython
    /// skips entries no path hook accepts).
    fn sys_path(&mut self) -> PyResult<Vec<String>> {
        let sys = self.import_module("sys")?;
        let path = self.intern("path");
        let list = self.get_attr_opt(&sys, &path)?.unwrap_or(Value::None);
        Ok(self.str_entries(&list))
    }

    /// A package's `__path__` entries; None when `module` is not a package.
    fn package_path(&mut self, module: &Value) -> PyResult<Option<Vec<String>>> {
        let path = self.intern("__path__");
        Ok(self
            .get_attr_opt(module, &path)?
            .map(|list| self.str_entries(&list)))
    }

    /// The str entries of a path list (others are skipped, as CPython skips entries no
    /// path hook accepts).
    pub fn str_entries(&self, list: &Value) -> Vec<String> {
        let items = match list {
            Value::List(l) => l.items.borrow().clone(),
            Value::Tuple(t) => t.items.to_vec(),
            _ => Vec::new(),
        };
        items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect()
    }

    /// `ModuleNotFoundError(msg, name=...)`: `name` is the module the message names.
    fn module_not_found(&mut self, msg: String) -> crate::object::ExcRef {
        let name = msg.split('\'').nth(1).map_or(Value::None, Value::str);
        let exc = self.new_exception_msg(&self.exc.module_not_found_error.clone(), msg);
        let key = self.intern("name");
        exc.dict_set(key, name);
        exc
    }

    /// `ImportName`: `import a.b` gives `a`; `from a.b import x` gives `a.b`, with the
    /// submodules the from-list names imported; a `level` above 0 resolves the name
    /// against the package of the importing module (`globals`).
    pub fn import_name(
        &mut self,
        name: &str,
        fromlist: &Value,
        level: &Value,
        globals: &Rc<DictObj>,
    ) -> PyResult {
        let level = match level {
            Value::Int(n) if *n >= 0 => *n as usize,
            _ => 0,
        };
        let absolute = if level > 0 {
            self.resolve_relative(name, level, globals)?
        } else {
            name.to_string()
        };
        let module = self.import_module(&absolute)?;
        let names = match fromlist {
            Value::Tuple(t) => t.items.to_vec(),
            Value::None => Vec::new(),
            other => self.collect_iterable(other)?,
        };
        if names.is_empty() {
            // `import a.b.c` binds `a`; `from . import` never gets here without names.
            if level == 0 {
                let top = absolute.split('.').next().unwrap_or("");
                return self.import_module(top);
            }
            return Ok(module);
        }
        self.handle_fromlist(&module, &absolute, &names)?;
        Ok(module)
    }

    /// `from package import name`: a name the package lacks is tried as a submodule
    /// (`_handle_fromlist`); `*` tries the names of `__all__`.
    fn handle_fromlist(&mut self, module: &Value, name: &str, names: &[Value]) -> PyResult<()> {
        if self.package_path(module)?.is_none() {
            return Ok(());
        }
        let mut wanted: Vec<String> = Vec::new();
        for n in names {
            match n.as_str() {
                Some("*") => {
                    let all = self.intern("__all__");
                    if let Some(all) = self.get_attr_opt(module, &all)? {
                        for v in self.collect_iterable(&all)? {
                            if let Some(s) = v.as_str() {
                                wanted.push(s.to_string());
                            }
                        }
                    }
                }
                Some(s) => wanted.push(s.to_string()),
                None => {}
            }
        }
        for part in wanted {
            let attr = self.intern(&part);
            if self.get_attr_opt(module, &attr)?.is_some() {
                continue;
            }
            let sub = format!("{name}.{part}");
            if let Err(e) = self.import_module(&sub) {
                // A missing submodule is for `ImportFrom` to report; other errors (the
                // submodule's own failure) propagate, as in CPython.
                let missing = e.class.is_subclass(&self.exc.module_not_found_error)
                    && self.str(&Value::Object(e.clone())).ok()
                        == Some(format!("No module named '{sub}'"));
                if !missing {
                    return Err(e);
                }
            }
        }
        Ok(())
    }

    /// The absolute name of a relative import (`from ..pkg import x` is `level` 2 and
    /// `name` `pkg`), from the importer's `__package__` or else its `__name__` and
    /// `__path__` (CPython's `_calc___package__` and `_resolve_name`).
    fn resolve_relative(
        &mut self,
        name: &str,
        level: usize,
        globals: &Rc<DictObj>,
    ) -> PyResult<String> {
        let get = |key: &str| globals.get_str(key, crate::object::hash::hash_str(key));
        let package = match get("__package__") {
            Some(Value::Str(p)) => p.as_str().to_string(),
            _ => match get("__name__") {
                Some(Value::Str(n)) if get("__path__").is_some() => n.as_str().to_string(),
                Some(Value::Str(n)) => n
                    .as_str()
                    .rsplit_once('.')
                    .map_or("", |(p, _)| p)
                    .to_string(),
                _ => String::new(),
            },
        };
        if package.is_empty() {
            return Err(self.new_exception_msg(
                &self.exc.import_error.clone(),
                "attempted relative import with no known parent package",
            ));
        }
        let bits: Vec<&str> = package.rsplitn(level, '.').collect();
        if bits.len() < level {
            return Err(self.new_exception_msg(
                &self.exc.import_error.clone(),
                "attempted relative import beyond top-level package",
            ));
        }
        let base = bits.last().copied().unwrap_or("");
        Ok(if name.is_empty() {
            base.to_string()
        } else {
            format!("{base}.{name}")
        })
    }

    /// `ImportFrom`: `from m import name`: an attribute of `m`, or else the submodule
    /// `m.name` if it is in the cache (a circular import), or CPython's ImportError.
    pub(crate) fn import_from(&mut self, module: &Value, name: &Rc<PyStr>) -> PyResult {
        if let Some(v) = self.get_attr_opt(module, name)? {
            return Ok(v);
        }
        let mname = match module {
            Value::Module(m) => m.name.clone(),
            _ => "?".into(),
        };
        if let Some(m) = self.modules.get(&format!("{mname}.{}", name.as_str())) {
            return Ok(m.clone());
        }
        let file = self.intern("__file__");
        let location = match self.get_attr_opt(module, &file)? {
            Some(Value::Str(f)) => f.as_str().to_string(),
            _ => "unknown location".to_string(),
        };
        let msg = if self.importing.contains(&mname) {
            format!(
                "cannot import name '{}' from partially initialized module '{mname}' (most likely due to a circular import) ({location})",
                name.as_str()
            )
        } else {
            format!(
                "cannot import name '{}' from '{mname}' ({location})",
                name.as_str()
            )
        };
        Err(self.new_exception_msg(&self.exc.import_error.clone(), msg))
    }

    /// `from m import *`: public names (or `__all__`) into the current namespace.
    pub(crate) fn import_star(&mut self, frame: &mut Frame, module: &Value) -> PyResult<()> {
        let Value::Module(m) = module else {
            return Ok(());
        };
        let all = m
            .dict
            .get_str("__all__", crate::object::hash::hash_str("__all__"));
        let names: Vec<Value> = match all {
            Some(v) => self.collect_iterable(&v)?,
            None => m
                .dict
                .table
                .borrow()
                .keys()
                .filter(|k| !k.as_str().is_some_and(|s| s.starts_with('_')))
                .cloned()
                .collect(),
        };
        let ns = frame
            .namespace
            .clone()
            .unwrap_or_else(|| frame.globals.clone());
        for n in names {
            if let Value::Str(s) = &n {
                let v = self.get_attr(module, s)?;
                self.dict_set_item(&ns, n.clone(), v)?;
            }
        }
        Ok(())
    }
}
