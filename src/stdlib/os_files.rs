//! The `os` functions that change the file system: `mkdir`, `makedirs`, `remove`
//! (`unlink`), `rmdir` and `rename`, with CPython's `[Errno N] ...: 'path'` errors.

use crate::native::PyDef;
use crate::object::function::{Args, NativeFn};
use crate::object::Value;
use crate::stdlib::os_path::fspath;
use crate::vm::{PyResult, Vm};

/// The functions, for `os`'s table.
pub const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("mkdir", mkdir),
    ("makedirs", makedirs),
    ("remove", remove),
    ("unlink", unlink),
    ("rmdir", rmdir),
    ("rename", rename),
];

/// The one path argument of `def name(path, ...)`.
fn path_arg(vm: &mut Vm, sig: &PyDef, args: &Args) -> PyResult<(Value, std::path::PathBuf)> {
    let bound = crate::native::python_def(vm, sig, args)?;
    let v = bound[0].clone().unwrap_or(Value::None);
    let p = fspath(vm, &v)?;
    Ok((v, p.os_path().to_path_buf()))
}

const MKDIR: PyDef = PyDef::new("mkdir", &["path", "mode"]).defaults(1);

fn mkdir(vm: &mut Vm, args: Args) -> PyResult {
    let (v, p) = path_arg(vm, &MKDIR, &args)?;
    std::fs::create_dir(&p).map_err(|e| vm.os_error(&e, &v))?;
    Ok(Value::None)
}

const MAKEDIRS: PyDef = PyDef::new("makedirs", &["name", "mode", "exist_ok"]).defaults(2);

/// `os.makedirs(name, mode=0o777, exist_ok=False)`.
fn makedirs(vm: &mut Vm, args: Args) -> PyResult {
    let bound = crate::native::python_def(vm, &MAKEDIRS, &args)?;
    let v = bound[0].clone().unwrap_or(Value::None);
    let exist_ok = match &bound[2] {
        Some(flag) => vm.is_true(flag)?,
        None => false,
    };
    let p = fspath(vm, &v)?.os_path().to_path_buf();
    if p.is_dir() {
        if exist_ok {
            return Ok(Value::None);
        }
        let e = std::io::Error::from_raw_os_error(17);
        return Err(vm.os_error(&e, &v));
    }
    std::fs::create_dir_all(&p).map_err(|e| vm.os_error(&e, &v))?;
    Ok(Value::None)
}

const REMOVE: PyDef = PyDef::new("remove", &["path"]);
const UNLINK: PyDef = PyDef::new("unlink", &["path"]);

fn remove(vm: &mut Vm, args: Args) -> PyResult {
    let (v, p) = path_arg(vm, &REMOVE, &args)?;
    std::fs::remove_file(&p).map_err(|e| vm.os_error(&e, &v))?;
    Ok(Value::None)
}

fn unlink(vm: &mut Vm, args: Args) -> PyResult {
    let (v, p) = path_arg(vm, &UNLINK, &args)?;
    std::fs::remove_file(&p).map_err(|e| vm.os_error(&e, &v))?;
    Ok(Value::None)
}

const RMDIR: PyDef = PyDef::new("rmdir", &["path"]);

fn rmdir(vm: &mut Vm, args: Args) -> PyResult {
    let (v, p) = path_arg(vm, &RMDIR, &args)?;
    std::fs::remove_dir(&p).map_err(|e| vm.os_error(&e, &v))?;
    Ok(Value::None)
}

const RENAME: PyDef = PyDef::new("rename", &["src", "dst"]);

fn rename(vm: &mut Vm, args: Args) -> PyResult {
    let bound = crate::native::python_def(vm, &RENAME, &args)?;
    let src = bound[0].clone().unwrap_or(Value::None);
    let dst = bound[1].clone().unwrap_or(Value::None);
    let (from, to) = (fspath(vm, &src)?, fspath(vm, &dst)?);
    std::fs::rename(from.os_path(), to.os_path()).map_err(|e| vm.os_error(&e, &src))?;
    Ok(Value::None)
}
