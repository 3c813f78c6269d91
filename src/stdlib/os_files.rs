//! The `os` functions that change the file system: `mkdir`, `makedirs`, `remove`
//! (`unlink`), `rmdir` and `rename`, with CPython's `[Errno N] ...: 'path'` errors; and
//! `_stat`, the raw fields `os.stat`'s `stat_result` (in `_os_python.py`) is made of.

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
    ("replace", replace),
    ("_stat", stat),
    ("readlink", readlink),
    ("symlink", symlink),
    ("chdir", chdir),
];

/// The one path argument of `def name(path, ...)`.
fn path_arg(vm: &mut Vm, sig: &PyDef, args: &Args) -> PyResult<(Value, std::path::PathBuf)> {
    let bound = crate::native::python_def(vm, sig, args)?;
    let v = bound[0].clone().unwrap_or(Value::None);
    let p = fspath(vm, &v)?;
    Ok((v, p.os_path().to_path_buf()))
}

const REPLACE: PyDef = PyDef::new("replace", &["src", "dst"]);

/// `os.replace(src, dst)`: `rename`, overwriting `dst` (POSIX `rename` always does).
fn replace(vm: &mut Vm, args: Args) -> PyResult {
    move_path(vm, &REPLACE, &args)
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
    move_path(vm, &RENAME, &args)
}

/// `rename`/`replace`: POSIX `rename(2)` replaces an existing destination either way.
fn move_path(vm: &mut Vm, sig: &PyDef, args: &Args) -> PyResult {
    let bound = crate::native::python_def(vm, sig, args)?;
    let src = bound[0].clone().unwrap_or(Value::None);
    let dst = bound[1].clone().unwrap_or(Value::None);
    let (from, to) = (fspath(vm, &src)?, fspath(vm, &dst)?);
    std::fs::rename(from.os_path(), to.os_path()).map_err(|e| vm.os_error(&e, &src))?;
    Ok(Value::None)
}

const READLINK: PyDef = PyDef::new("readlink", &["path"]);

/// `os.readlink(path)`: where a symbolic link points.
fn readlink(vm: &mut Vm, args: Args) -> PyResult {
    let (v, p) = path_arg(vm, &READLINK, &args)?;
    let target = std::fs::read_link(&p).map_err(|e| vm.os_error(&e, &v))?;
    Ok(Value::str(target.display().to_string()))
}

const SYMLINK: PyDef = PyDef::new("symlink", &["src", "dst", "target_is_directory"]).defaults(1);

/// `os.symlink(src, dst)`: makes `dst` a symbolic link to `src`.
fn symlink(vm: &mut Vm, args: Args) -> PyResult {
    let bound = crate::native::python_def(vm, &SYMLINK, &args)?;
    let src = bound[0].clone().unwrap_or(Value::None);
    let dst = bound[1].clone().unwrap_or(Value::None);
    let (from, to) = (fspath(vm, &src)?, fspath(vm, &dst)?);
    std::os::unix::fs::symlink(from.os_path(), to.os_path()).map_err(|e| vm.os_error(&e, &dst))?;
    Ok(Value::None)
}

const CHDIR: PyDef = PyDef::new("chdir", &["path"]);

/// `os.chdir(path)`: changes the working directory.
fn chdir(vm: &mut Vm, args: Args) -> PyResult {
    let (v, p) = path_arg(vm, &CHDIR, &args)?;
    std::env::set_current_dir(&p).map_err(|e| vm.os_error(&e, &v))?;
    Ok(Value::None)
}

const STAT: PyDef = PyDef::new("_stat", &["path", "follow_symlinks"]).defaults(1);

/// `_stat(path, follow_symlinks=True)`: st_mode, st_ino, st_dev, st_nlink, st_uid,
/// st_gid, st_size, the three times in whole seconds, as floats and in nanoseconds,
/// then st_blksize, st_blocks and st_rdev.
fn stat(vm: &mut Vm, args: Args) -> PyResult {
    use std::os::unix::fs::MetadataExt;
    let bound = crate::native::python_def(vm, &STAT, &args)?;
    let v = bound[0].clone().unwrap_or(Value::None);
    let follow = match &bound[1] {
        Some(flag) => vm.is_true(flag)?,
        None => true,
    };
    let md = if let Value::Int(fd) = &v {
        // `os.stat(fd)`: fstat, through a duplicate of the descriptor.
        let fd = i32::try_from(*fd).map_err(|_| vm.overflow_error("fd is out of range"))?;
        crate::runtime::raw_fd::dup(fd)
            .and_then(|owned| std::fs::File::from(owned).metadata())
            .map_err(|e| vm.os_error(&e, &Value::None))?
    } else {
        let p = fspath(vm, &v)?.os_path().to_path_buf();
        if follow {
            std::fs::metadata(&p)
        } else {
            std::fs::symlink_metadata(&p)
        }
        .map_err(|e| vm.os_error(&e, &v))?
    };
    let int = |n: i64| Value::Int(n);
    let secs = |s: i64, ns: i64| Value::float(s as f64 + ns as f64 * 1e-9);
    let nanos = |s: i64, ns: i64| {
        let total = s as i128 * 1_000_000_000 + ns as i128;
        match i64::try_from(total) {
            Ok(n) => Value::Int(n),
            Err(_) => Value::BigInt(std::rc::Rc::new(num_bigint::BigInt::from(total))),
        }
    };
    Ok(Value::tuple(vec![
        int(md.mode() as i64),
        int(md.ino() as i64),
        int(md.dev() as i64),
        int(md.nlink() as i64),
        int(md.uid() as i64),
        int(md.gid() as i64),
        int(md.size() as i64),
        int(md.atime()),
        int(md.mtime()),
        int(md.ctime()),
        secs(md.atime(), md.atime_nsec()),
        secs(md.mtime(), md.mtime_nsec()),
        secs(md.ctime(), md.ctime_nsec()),
        nanos(md.atime(), md.atime_nsec()),
        nanos(md.mtime(), md.mtime_nsec()),
        nanos(md.ctime(), md.ctime_nsec()),
        int(md.blksize() as i64),
        int(md.blocks() as i64),
        int(md.rdev() as i64),
    ]))
}
