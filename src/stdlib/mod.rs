//! The built-in modules (`sys`, `math`, `time`, `random`, `itertools`, `collections`, ...).
//!
//! `math` and `random` hold pure-Rust cores whose results match CPython bit for bit; the
//! `*_module.rs` files wrap them as Python modules. [`register`] puts [`load`] into the
//! VM's built-in module table, which creates a module the first time it is imported.
//! Module objects keep their native state as `Payload::Native` (one `NativeData` type per
//! kind of state) and library iterators as `IterState::Native`.

pub mod apy_module;
pub mod asyncio;
pub mod atexit_module;
pub mod collections;
pub mod contextvars_module;
pub mod frozen;
pub mod gc_module;
pub mod hashlib_module;
pub mod import_finders;
pub mod io_native;
pub mod itertools;
pub mod json_native;
pub mod math;
pub mod math_convert;
pub mod math_module;
pub mod os_access;
pub mod os_fds;
pub mod os_files;
pub mod os_module;
pub mod os_path;
pub mod random;
pub mod random_distributions;
pub mod random_module;
pub mod re;
pub mod signal_module;
pub mod socket;
pub mod std_buffers;
pub mod structseq;
pub mod subprocess_native;
pub mod sys;
pub mod sys_info;
pub mod time_format;
pub mod time_module;
pub mod time_zone;
pub mod weakref_native;
pub mod zlib_module;

use crate::object::Value;
use crate::vm::{PyResult, Vm};

/// Fills the VM's built-in module table with this layer's modules (at interpreter
/// start-up, from `interpreter::new_vm`).
pub fn register(vm: &mut Vm) {
    vm.module_table = crate::vm::imports::ModuleTable {
        load,
        added: sys_info::module_added,
        removed: sys_info::module_removed,
    };
}

/// The modules written in Rust that [`load`] creates (the library's Python modules are
/// listed by [`frozen::has_module`]).
const NATIVE_MODULES: &[&str] = &[
    "sys",
    "asyncio",
    "apy",
    "math",
    "itertools",
    "_collections",
    "contextvars",
    "hashlib",
    "zlib",
    "_json",
    "_re",
    "random",
    "time",
    "os",
    "os.path",
    "posixpath",
    "_io",
    "gc",
    "atexit",
    "_weakref",
    "_socket",
    "_subprocess",
    "_signal",
    "builtins",
];

/// The top-level modules apy provides (for `apy check --imports`).
pub fn module_names() -> Vec<String> {
    let mut names: Vec<String> = NATIVE_MODULES
        .iter()
        .filter(|n| !n.contains('.'))
        .map(|n| n.to_string())
        .collect();
    names.extend(frozen::top_level_names());
    names
}

/// Whether apy provides the module `name` (without importing it).
pub fn provides(name: &str) -> bool {
    NATIVE_MODULES.contains(&name) || frozen::has_module(name) || asyncio::is_merged_submodule(name)
}

/// Creates the built-in module `name`, or None when there is no such module.
pub fn load(vm: &mut Vm, name: &str) -> PyResult<Option<Value>> {
    Ok(match name {
        "sys" => Some(sys::load(vm)?),
        "asyncio" => Some(asyncio::load(vm)?),
        // CPython's asyncio submodules whose contents apy builds into `asyncio`
        // itself: importing one gives the package's own classes, not a second copy.
        n if asyncio::is_merged_submodule(n) => {
            vm.import_module("asyncio")?;
            vm.modules.get("asyncio").cloned()
        }
        "apy" => Some(apy_module::load(vm)?),
        "math" => Some(math_module::load(vm)?),
        "itertools" => Some(itertools::load(vm)?),
        "_collections" => Some(collections::load(vm)?),
        "_re" => Some(re::load(vm)?),
        "contextvars" => Some(contextvars_module::load(vm)?),
        "hashlib" => Some(hashlib_module::load(vm)?),
        "zlib" => Some(zlib_module::load(vm)?),
        "_json" => Some(json_native::load(vm)?),
        "random" => Some(random_module::load(vm)?),
        "time" => Some(time_module::load(vm)?),
        "os" => Some(os_module::load(vm)?),
        "os.path" | "posixpath" => {
            if !vm.modules.contains_key("os") {
                vm.import_module("os")?;
            }
            vm.modules.get(name).cloned()
        }
        "_io" => Some(io_native::load(vm)?),
        "gc" => Some(gc_module::load(vm)?),
        "atexit" => Some(atexit_module::load(vm)?),
        "_weakref" => Some(weakref_native::load(vm)?),
        "_subprocess" => Some(subprocess_native::load(vm)?),
        "_signal" => Some(signal_module::load(vm)?),
        "_socket" => Some(socket::load(vm)?),
        "builtins" => Some(Value::Module(
            vm.register_module("builtins", vm.builtins.clone()),
        )),
        _ => frozen::load_module(vm, name)?,
    })
}
