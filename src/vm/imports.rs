//! `import`: every module is built in, created on first import through the built-in
//! module table that the layer defining the modules fills at start-up
//! (`stdlib::register`, from `interpreter::new_vm`); the VM itself knows no module.

use super::{PyResult, Vm};
use crate::object::frame::Frame;
use crate::object::{PyStr, Value};
use std::rc::Rc;

/// The built-in module table: how the VM creates a module it has not imported yet, and
/// whom it tells about each module it adds.
#[derive(Clone, Copy)]
pub struct ModuleTable {
    /// Creates the built-in module `name`, or None when there is no such module.
    pub load: fn(&mut Vm, &str) -> PyResult<Option<Value>>,
    /// Called once a new module is in `vm.modules` (`sys.modules` mirrors them).
    pub added: fn(&mut Vm, &str, &Value),
}

impl Default for ModuleTable {
    /// No built-in modules: every import fails until the table is filled.
    fn default() -> ModuleTable {
        ModuleTable {
            load: |_, _| Ok(None),
            added: |_, _, _| {},
        }
    }
}

impl Vm {
    /// Returns the module for `name`, creating a built-in module on first use.
    pub fn import_module(&mut self, name: &str) -> PyResult {
        if let Some(m) = self.modules.get(name) {
            return Ok(m.clone());
        }
        let table = self.module_table;
        match (table.load)(self, name)? {
            Some(m) => {
                self.modules.insert(name.to_string(), m.clone());
                (table.added)(self, name, &m);
                Ok(m)
            }
            None => Err(self.new_exception_msg(
                &self.exc.module_not_found_error.clone(),
                format!("No module named '{name}'"),
            )),
        }
    }

    /// `ImportName`: `import a.b` gives `a`; `from a.b import x` gives `a.b`.
    pub(crate) fn import_name(&mut self, name: &str, fromlist: &Value, level: &Value) -> PyResult {
        if !matches!(level, Value::Int(0)) {
            return Err(self.new_exception_msg(
                &self.exc.import_error.clone(),
                "attempted relative import with no known parent package",
            ));
        }
        let mut parts = name.split('.');
        let top = parts.next().unwrap_or("");
        let top_module = self.import_module(top)?;
        let mut leaf = top_module.clone();
        let mut path = top.to_string();
        for part in parts {
            path.push('.');
            path.push_str(part);
            leaf = match self.import_module(&path) {
                Ok(m) => m,
                Err(e) => {
                    let n = self.intern(part);
                    match self.get_attr_opt(&leaf, &n)? {
                        Some(v) => v,
                        None => return Err(e),
                    }
                }
            };
        }
        let wants_leaf = match fromlist {
            Value::Tuple(t) => !t.items.is_empty(),
            Value::None => false,
            _ => true,
        };
        Ok(if wants_leaf { leaf } else { top_module })
    }

    /// `ImportFrom`: `from m import name`.
    pub(crate) fn import_from(&mut self, module: &Value, name: &Rc<PyStr>) -> PyResult {
        match self.get_attr_opt(module, name)? {
            Some(v) => Ok(v),
            None => {
                let mname = match module {
                    Value::Module(m) => m.name.clone(),
                    _ => "?".into(),
                };
                Err(self.new_exception_msg(
                    &self.exc.import_error.clone(),
                    format!(
                        "cannot import name '{}' from '{mname}' (unknown location)",
                        name.as_str()
                    ),
                ))
            }
        }
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
