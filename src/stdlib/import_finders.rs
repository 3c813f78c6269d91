//! `sys.meta_path`'s finders: `BuiltinImporter` (the modules compiled into the
//! interpreter), `FrozenImporter` (the loader of apy's library) and `PathFinder`
//! (`sys.path`, then the library). Their `find_spec` answers with the interpreter's own
//! search (`vm::module_finder`), so `importlib.util.find_spec` agrees with `import`; the
//! specs and source loaders are `importlib._bootstrap`'s, imported when first needed.
//!
//! The VM remembers these three (`Vm::default_finders`): while `sys.meta_path` holds
//! only them, `import` takes the native path without calling any of them.

use crate::native::{add_classmethod, module_class, Clinic};
use crate::object::class::Layout;
use crate::object::function::Args;
use crate::object::Value;
use crate::vm::imports::INTERPRETER_MODULES;
use crate::vm::module_finder::{self, Found};
use crate::vm::{PyResult, Vm};

/// Creates the three finders, registers them with the VM and returns `sys.meta_path`.
pub fn meta_path(vm: &mut Vm) -> Value {
    let builtin = module_class(vm, "_frozen_importlib", "BuiltinImporter", Layout::Native);
    let frozen = module_class(vm, "_frozen_importlib", "FrozenImporter", Layout::Native);
    let path = module_class(
        vm,
        "_frozen_importlib_external",
        "PathFinder",
        Layout::Native,
    );
    add_classmethod(vm, &builtin, "find_spec", builtin_find_spec);
    add_classmethod(vm, &frozen, "find_spec", frozen_find_spec);
    add_classmethod(vm, &path, "find_spec", path_find_spec);
    for loader in [&builtin, &frozen] {
        add_classmethod(vm, loader, "create_module", create_module);
        add_classmethod(vm, loader, "exec_module", exec_module);
    }
    for finder in [&builtin, &frozen, &path] {
        add_classmethod(vm, finder, "invalidate_caches", invalidate_caches);
    }
    let finders: Vec<Value> = [builtin, frozen, path]
        .into_iter()
        .map(Value::Class)
        .collect();
    vm.default_finders = finders.clone();
    Value::list(finders)
}

/// The arguments of `find_spec(fullname, path=None, target=None)` after the class.
fn find_args(vm: &mut Vm, args: &Args, who: &str) -> PyResult<(Value, String, Value)> {
    let cls = args.values.first().cloned().unwrap_or(Value::None);
    let rest = Args {
        values: &args.values[1.min(args.values.len())..],
        kwnames: args.kwnames,
    };
    let [fullname, path, _target] =
        Clinic::new(who, &["fullname", "path", "target"]).bind(vm, &rest)?;
    let name = match fullname {
        Some(Value::Str(s)) => s.as_str().to_string(),
        Some(other) => {
            return Err(vm.type_error(format!(
                "{who}() argument 'fullname' must be str, not {}",
                vm.type_name(&other)
            )))
        }
        None => {
            return Err(vm.type_error(format!(
                "{who}() missing required argument 'fullname' (pos 1)"
            )))
        }
    };
    Ok((cls, name, path.unwrap_or(Value::None)))
}

/// `importlib._bootstrap.<name>`.
fn bootstrap(vm: &mut Vm, name: &str) -> PyResult {
    let module = vm.import_module("importlib._bootstrap")?;
    let key = vm.intern(name);
    vm.get_attr(&module, &key)
}

/// `ModuleSpec(name, loader, origin=origin, is_package=is_package)`.
fn spec(vm: &mut Vm, name: &str, loader: Value, origin: &str, is_package: bool) -> PyResult {
    let class = bootstrap(vm, "ModuleSpec")?;
    let kw = [
        (Value::str("origin"), Value::str(origin)),
        (Value::str("is_package"), Value::bool(is_package)),
    ];
    vm.call_with_keywords(&class, vec![Value::str(name), loader], &kw)
}

fn builtin_find_spec(vm: &mut Vm, args: Args) -> PyResult {
    let (cls, name, path) = find_args(vm, &args, "find_spec")?;
    if !path.is_none() || !INTERPRETER_MODULES.contains(&name.as_str()) || !super::provides(&name) {
        return Ok(Value::None);
    }
    spec(vm, &name, cls, "built-in", false)
}

fn frozen_find_spec(vm: &mut Vm, args: Args) -> PyResult {
    let (cls, name, _) = find_args(vm, &args, "find_spec")?;
    library_spec(vm, cls, &name)
}

/// A spec for a module of apy's library, loaded by `FrozenImporter`.
fn library_spec(vm: &mut Vm, loader: Value, name: &str) -> PyResult {
    if INTERPRETER_MODULES.contains(&name) || !super::provides(name) {
        return Ok(Value::None);
    }
    let is_package = super::frozen::has_module(&format!("{name}.__init__"))
        || vm
            .modules
            .get(name)
            .is_some_and(|m| matches!(m, Value::Module(m) if m.dict.table.borrow().get_str("__path__", crate::object::hash::hash_str("__path__")).is_some()));
    spec(vm, name, loader, "frozen", is_package)
}

fn path_find_spec(vm: &mut Vm, args: Args) -> PyResult {
    let (_, name, path) = find_args(vm, &args, "find_spec")?;
    let search: Vec<String> = if path.is_none() {
        let sys = vm.import_module("sys")?;
        let key = vm.intern("path");
        let list = vm.get_attr_opt(&sys, &key)?.unwrap_or(Value::None);
        vm.str_entries(&list)
    } else {
        vm.str_entries(&path)
    };
    let part = name.rsplit('.').next().unwrap_or(&name).to_string();
    match module_finder::find(&part, &search) {
        Some(Found::Module { file }) => file_spec(vm, &name, &file.display().to_string(), None),
        Some(Found::Package { dir, init }) => {
            let dirs = vec![Value::str(dir.display().to_string())];
            file_spec(vm, &name, &init.display().to_string(), Some(dirs))
        }
        Some(Found::Namespace { dirs }) => {
            let class = bootstrap(vm, "ModuleSpec")?;
            let kw = [(Value::str("is_package"), Value::bool(true))];
            let spec = vm.call_with_keywords(&class, vec![Value::str(&name), Value::None], &kw)?;
            let key = vm.intern("submodule_search_locations");
            let dirs = dirs
                .iter()
                .map(|d| Value::str(d.display().to_string()))
                .collect();
            vm.set_attr(&spec, &key, Value::list(dirs))?;
            Ok(spec)
        }
        // Then apy's library, as if it were the last entry of `sys.path`.
        None if path.is_none() || name.contains('.') => {
            let frozen = vm.default_finders.get(1).cloned().unwrap_or(Value::None);
            library_spec(vm, frozen, &name)
        }
        None => Ok(Value::None),
    }
}

fn file_spec(vm: &mut Vm, name: &str, file: &str, dirs: Option<Vec<Value>>) -> PyResult {
    let make = bootstrap(vm, "spec_from_file_location")?;
    let locations = dirs.map_or(Value::None, Value::list);
    let kw = [(Value::str("submodule_search_locations"), locations)];
    vm.call_with_keywords(&make, vec![Value::str(name), Value::str(file)], &kw)
}

/// `create_module(spec)` of the built-in loaders: the interpreter creates (or already
/// created) the module.
fn create_module(vm: &mut Vm, args: Args) -> PyResult {
    let spec = args.values.get(1).cloned().unwrap_or(Value::None);
    let key = vm.intern("name");
    let name = vm.get_attr(&spec, &key)?;
    let Some(name) = name.as_str().map(str::to_string) else {
        return Err(vm.type_error("spec.name must be a str"));
    };
    vm.import_module(&name)
}

/// `exec_module(module)`: a built-in module is complete once created.
fn exec_module(_vm: &mut Vm, _args: Args) -> PyResult {
    Ok(Value::None)
}

fn invalidate_caches(_vm: &mut Vm, _args: Args) -> PyResult {
    Ok(Value::None)
}
