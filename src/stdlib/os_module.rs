//! The `os` module: environment, process and file-system basics, and `os.path`
//! ([`crate::stdlib::os_path`]).
//!
//! `os.environ` is a plain dict snapshot taken at import (CPython's `_Environ` writes
//! through to the process environment; this one does not).

use crate::native::ModuleDef;
use crate::native::{clinic, no_args, one_arg, python_def, Clinic, PyDef};
use crate::object::function::Args;
use crate::object::string::PyBytes;
use crate::object::{Dict, DictObj, Value};
use crate::stdlib::math_convert::index_arg;
use crate::stdlib::os_path::fspath;
use crate::vm::{PyResult, Vm};
use num_traits::{Signed, ToPrimitive};
use std::rc::Rc;

pub fn load(vm: &mut Vm) -> PyResult<Value> {
    let path = match vm.modules.get("posixpath") {
        Some(m) => m.clone(),
        None => crate::stdlib::os_path::load(vm)?,
    };
    let m = ModuleDef::new("os");
    let table: &[(&'static str, crate::object::function::NativeFn)] = &[
        ("getenv", getenv),
        ("urandom", urandom),
        ("getpid", getpid),
        ("getcwd", getcwd),
        ("listdir", listdir),
        ("cpu_count", cpu_count),
        ("fspath", fspath_fn),
    ];
    m.funcs(vm, table);
    m.funcs(vm, super::os_files::FUNCTIONS);
    m.funcs(vm, super::os_fds::FUNCTIONS);
    m.funcs(vm, super::os_access::FUNCTIONS);
    for &(name, v) in super::os_access::CONSTANTS {
        m.value(vm, name, Value::int(v));
    }
    for (name, v) in super::os_fds::CONSTANTS {
        m.value(vm, name, Value::Int(*v));
    }
    let environ = DictObj::new(Dict::new());
    {
        use std::os::unix::ffi::OsStrExt;
        for (k, v) in std::env::vars_os() {
            let k = String::from_utf8_lossy(k.as_bytes()).into_owned();
            let v = String::from_utf8_lossy(v.as_bytes()).into_owned();
            vm.dict_set_item(&environ, Value::str(k), Value::str(v))?;
        }
    }
    m.value(vm, "environ", Value::Dict(environ));
    let own = [("name", "posix"), ("linesep", "\n")];
    for (name, v) in own.into_iter().chain(super::os_path::PATH_CONSTANTS) {
        m.value(vm, name, Value::str(v));
    }
    m.value(vm, "altsep", Value::None);
    m.value(vm, "path", path);
    let os = m.finish(vm);
    // The parts written in Python (`walk`, `stat`, `scandir`...), from `_os_python.py`.
    if let Some(extra) = super::frozen::load_module(vm, "_os_python")? {
        for name in [
            "walk",
            "stat",
            "lstat",
            "stat_result",
            "scandir",
            "DirEntry",
            "utime",
            "terminal_size",
            "get_terminal_size",
            "fdopen",
            "popen",
            "_wrap_close",
            "get_exec_path",
            "defpath",
            "fsencode",
            "fsdecode",
        ] {
            let key = vm.intern(name);
            let v = vm.get_attr(&extra, &key)?;
            vm.set_attr(&os, &key, v)?;
        }
        let path_module = vm.modules.get("os.path").cloned();
        for name in [
            "normcase",
            "lexists",
            "splitdrive",
            "commonprefix",
            "commonpath",
            "relpath",
            "realpath",
            "getmtime",
            "getatime",
            "getctime",
            "samefile",
            "expandvars",
        ] {
            let key = vm.intern(name);
            let v = vm.get_attr(&extra, &key)?;
            if let Some(p) = &path_module {
                vm.set_attr(p, &key, v)?;
            }
        }
    }
    Ok(os)
}

const GETENV: PyDef = PyDef::new("getenv", &["key", "default"]).defaults(1);

/// `os.getenv(key, default=None)`: `environ.get(key, default)`.
fn getenv(vm: &mut Vm, args: Args) -> PyResult {
    let b = python_def(vm, &GETENV, &args)?;
    let key = b[0].clone().unwrap_or(Value::None);
    let default = b[1].clone().unwrap_or(Value::None);
    let Value::Str(k) = &key else {
        return Err(vm.type_error(format!("str expected, not {}", vm.type_name(&key))));
    };
    if let Some(Value::Module(os)) = vm.modules.get("os").cloned() {
        if let Some(Value::Dict(env)) = os
            .dict
            .get_str("environ", crate::object::hash::hash_str("environ"))
        {
            return Ok(vm.dict_get_item(&env, &key)?.unwrap_or(default));
        }
    }
    Ok(std::env::var(k.as_str()).map(Value::str).unwrap_or(default))
}

fn urandom(vm: &mut Vm, args: Args) -> PyResult {
    let n = index_arg(vm, one_arg(vm, "posix.urandom", &args)?)?;
    if n.is_negative() {
        return Err(vm.value_error("negative argument not allowed"));
    }
    let n = n
        .to_usize()
        .filter(|&n| n <= 1 << 30)
        .ok_or_else(|| vm.memory_error())?;
    let mut buf = vec![0u8; n];
    use std::io::Read;
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut buf))
        .map_err(|e| vm.new_exception_msg(&vm.exc.os_error.clone(), e.to_string()))?;
    Ok(Value::Bytes(Rc::new(PyBytes::new(buf))))
}

fn getpid(vm: &mut Vm, args: Args) -> PyResult {
    no_args(vm, "posix.getpid", &args)?;
    Ok(Value::Int(i64::from(std::process::id())))
}

fn getcwd(vm: &mut Vm, args: Args) -> PyResult {
    no_args(vm, "posix.getcwd", &args)?;
    match std::env::current_dir() {
        Ok(p) => Ok(Value::str(p.to_string_lossy().into_owned())),
        Err(e) => Err(vm.os_error(&e, &Value::None)),
    }
}

fn cpu_count(vm: &mut Vm, args: Args) -> PyResult {
    no_args(vm, "posix.cpu_count", &args)?;
    Ok(match std::thread::available_parallelism() {
        Ok(n) => Value::Int(n.get() as i64),
        Err(_) => Value::None,
    })
}

/// `fspath(path)`, Argument Clinic.
const FSPATH: Clinic = Clinic::new("fspath", &["path"]).required(1);

fn fspath_fn(vm: &mut Vm, args: Args) -> PyResult {
    let a = clinic(vm, &FSPATH, &args)?;
    let v = a[0].clone().unwrap_or(Value::None);
    vm.fspath(&v)
}

const LISTDIR: PyDef = PyDef::new("listdir", &["path"]).defaults(1);

/// `os.listdir(path='.')`, in the directory's own order (like CPython's `readdir`).
fn listdir(vm: &mut Vm, args: Args) -> PyResult {
    let b = python_def(vm, &LISTDIR, &args)?;
    let v = b[0].clone().unwrap_or_else(|| Value::str("."));
    let v = if v.is_none() { Value::str(".") } else { v };
    let p = fspath(vm, &v)?;
    let entries = std::fs::read_dir(p.os_path()).map_err(|e| vm.os_error(&e, &v))?;
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| vm.os_error(&e, &v))?;
        use std::os::unix::ffi::OsStrExt;
        let name = entry.file_name();
        out.push(if p.is_str {
            Value::str(String::from_utf8_lossy(name.as_bytes()).into_owned())
        } else {
            Value::Bytes(Rc::new(PyBytes::new(name.as_bytes().to_vec())))
        });
    }
    Ok(Value::list(out))
}
