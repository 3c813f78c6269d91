//! `os.path` (CPython's `posixpath`): pure path arithmetic on str or bytes paths, plus
//! the `stat`-based predicates.
//!
//! Paths are handled as bytes (every separator is ASCII, so splitting a str's UTF-8 at
//! `/` and `.` keeps it valid) and returned as the type they came in as.

use crate::native::ModuleDef;
use crate::native::{python_def, PyDef};
use crate::object::function::Args;
use crate::object::string::PyBytes;
use crate::object::Value;
use crate::vm::{PyResult, Vm};
use std::rc::Rc;

/// A path argument: its bytes and whether it was a str.
#[derive(Clone)]
pub struct PathArg {
    pub bytes: Vec<u8>,
    pub is_str: bool,
}

impl PathArg {
    fn make(&self, bytes: Vec<u8>) -> Value {
        if self.is_str {
            Value::str(String::from_utf8_lossy(&bytes).into_owned())
        } else {
            Value::Bytes(Rc::new(PyBytes::new(bytes)))
        }
    }

    /// The path for the OS.
    pub fn os_path(&self) -> std::path::PathBuf {
        use std::os::unix::ffi::OsStrExt;
        std::path::PathBuf::from(std::ffi::OsStr::from_bytes(&self.bytes))
    }
}

/// `os.fspath` (the VM's `Vm::fspath`), as the bytes of the path and whether it was a str.
pub fn fspath(vm: &mut Vm, v: &Value) -> PyResult<PathArg> {
    Ok(match vm.fspath(v)? {
        Value::Str(s) => PathArg {
            bytes: s.as_str().as_bytes().to_vec(),
            is_str: true,
        },
        Value::Bytes(b) => PathArg {
            bytes: b.data.clone(),
            is_str: false,
        },
        other => {
            return Err(vm.type_error(format!(
                "expected str, bytes or os.PathLike object, not {}",
                vm.type_name(&other)
            )))
        }
    })
}

/// The path constants `posixpath` and `os` both define.
pub const PATH_CONSTANTS: [(&str, &str); 6] = [
    ("sep", "/"),
    ("curdir", "."),
    ("pardir", ".."),
    ("extsep", "."),
    ("pathsep", ":"),
    ("devnull", "/dev/null"),
];

pub fn load(vm: &mut Vm) -> PyResult<Value> {
    let m = ModuleDef::new("posixpath");
    let table: &[(&'static str, crate::object::function::NativeFn)] = &[
        ("join", join),
        ("split", split),
        ("splitext", splitext),
        ("basename", basename),
        ("dirname", dirname),
        ("normpath", normpath),
        ("abspath", abspath),
        ("isabs", isabs),
        ("exists", exists),
        ("isfile", isfile),
        ("isdir", isdir),
        ("islink", islink),
        ("getsize", getsize),
        ("expanduser", expanduser),
    ];
    m.funcs(vm, table);
    for (name, v) in PATH_CONSTANTS {
        m.value(vm, name, Value::str(v));
    }
    m.value(vm, "altsep", Value::None);
    let module = m.finish(vm);
    vm.modules.insert("os.path".into(), module.clone());
    crate::stdlib::sys_info::module_added(vm, "os.path", &module);
    Ok(module)
}

/// A one-argument posixpath function (`def basename(p)`); `param` is its parameter.
fn one_path(
    vm: &mut Vm,
    name: &'static str,
    param: &'static [&'static str],
    args: &Args,
) -> PyResult<PathArg> {
    let sig = PyDef::new(name, param);
    let b = python_def(vm, &sig, args)?;
    fspath(vm, b[0].as_ref().unwrap_or(&Value::None))
}

fn rfind(b: &[u8], c: u8) -> Option<usize> {
    b.iter().rposition(|&x| x == c)
}

/// `posixpath.split`: head without trailing slashes (unless all slashes), tail.
fn split_bytes(p: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let i = rfind(p, b'/').map_or(0, |i| i + 1);
    let (head, tail) = p.split_at(i);
    let mut head = head.to_vec();
    if !head.is_empty() && head.iter().any(|&c| c != b'/') {
        while head.last() == Some(&b'/') {
            head.pop();
        }
    }
    (head, tail.to_vec())
}

fn join(vm: &mut Vm, args: Args) -> PyResult {
    if args.has_kw() {
        let (k, _) = args.kw().next().unwrap_or(("", &Value::None));
        return Err(vm.type_error(format!("join() got an unexpected keyword argument '{k}'")));
    }
    let Some((first, rest)) = args.values.split_first() else {
        return Err(vm.type_error("join() missing 1 required positional argument: 'a'"));
    };
    let a = fspath(vm, first)?;
    let mut path = a.bytes.clone();
    for v in rest {
        let b = match v {
            Value::Str(s) if a.is_str => s.as_str().as_bytes().to_vec(),
            Value::Bytes(b) if !a.is_str => b.data.clone(),
            Value::Str(_) | Value::Bytes(_) => {
                return Err(vm.type_error("Can't mix strings and bytes in path components"))
            }
            other => {
                return Err(vm.type_error(format!(
                    "join() argument must be str, bytes, or os.PathLike object, not '{}'",
                    vm.type_name(other)
                )))
            }
        };
        if b.first() == Some(&b'/') {
            path = b;
        } else if path.is_empty() || path.last() == Some(&b'/') {
            path.extend_from_slice(&b);
        } else {
            path.push(b'/');
            path.extend_from_slice(&b);
        }
    }
    Ok(a.make(path))
}

fn split(vm: &mut Vm, args: Args) -> PyResult {
    let p = one_path(vm, "split", &["p"], &args)?;
    let (head, tail) = split_bytes(&p.bytes);
    Ok(Value::tuple(vec![p.make(head), p.make(tail)]))
}

fn splitext(vm: &mut Vm, args: Args) -> PyResult {
    let p = one_path(vm, "splitext", &["p"], &args)?;
    let b = &p.bytes;
    let sep = rfind(b, b'/').map_or(0, |i| i + 1);
    if let Some(dot) = rfind(b, b'.') {
        if dot > sep && b[sep..dot].iter().any(|&c| c != b'.') {
            return Ok(Value::tuple(vec![
                p.make(b[..dot].to_vec()),
                p.make(b[dot..].to_vec()),
            ]));
        }
    }
    Ok(Value::tuple(vec![p.make(b.clone()), p.make(Vec::new())]))
}

fn basename(vm: &mut Vm, args: Args) -> PyResult {
    let p = one_path(vm, "basename", &["p"], &args)?;
    let i = rfind(&p.bytes, b'/').map_or(0, |i| i + 1);
    Ok(p.make(p.bytes[i..].to_vec()))
}

fn dirname(vm: &mut Vm, args: Args) -> PyResult {
    let p = one_path(vm, "dirname", &["p"], &args)?;
    Ok(p.make(split_bytes(&p.bytes).0))
}

/// `posixpath.normpath` (POSIX keeps exactly two leading slashes).
fn normalize(p: &[u8]) -> Vec<u8> {
    if p.is_empty() {
        return b".".to_vec();
    }
    let initial = if p.starts_with(b"//") && !p.starts_with(b"///") {
        2
    } else if p.starts_with(b"/") {
        1
    } else {
        0
    };
    let mut parts: Vec<&[u8]> = Vec::new();
    for comp in p.split(|&c| c == b'/') {
        if comp.is_empty() || comp == b"." {
            continue;
        }
        if comp != b".." || (initial == 0 && parts.is_empty()) || parts.last() == Some(&&b".."[..])
        {
            parts.push(comp);
        } else if !parts.is_empty() {
            parts.pop();
        }
    }
    let mut out = vec![b'/'; initial];
    out.extend_from_slice(&parts.join(&b'/'));
    if out.is_empty() {
        out.push(b'.');
    }
    out
}

fn normpath(vm: &mut Vm, args: Args) -> PyResult {
    let p = one_path(vm, "normpath", &["path"], &args)?;
    Ok(p.make(normalize(&p.bytes)))
}

fn abspath(vm: &mut Vm, args: Args) -> PyResult {
    let p = one_path(vm, "abspath", &["path"], &args)?;
    let mut full = if p.bytes.first() == Some(&b'/') {
        p.bytes.clone()
    } else {
        use std::os::unix::ffi::OsStrExt;
        let cwd = std::env::current_dir()
            .map_err(|e| vm.new_exception_msg(&vm.exc.os_error.clone(), e.to_string()))?;
        let mut c = cwd.as_os_str().as_bytes().to_vec();
        if !p.bytes.is_empty() {
            if c.last() != Some(&b'/') {
                c.push(b'/');
            }
            c.extend_from_slice(&p.bytes);
        }
        c
    };
    full = normalize(&full);
    Ok(p.make(full))
}

fn isabs(vm: &mut Vm, args: Args) -> PyResult {
    let p = one_path(vm, "isabs", &["s"], &args)?;
    Ok(Value::bool(p.bytes.first() == Some(&b'/')))
}

/// The argument of the `stat`-based predicates: a path or a file descriptor.
fn stat_target(
    vm: &mut Vm,
    name: &'static str,
    args: &Args,
) -> PyResult<Option<std::path::PathBuf>> {
    let sig = PyDef::new(name, &["path"]);
    let b = python_def(vm, &sig, args)?;
    let mut v = b[0].clone().unwrap_or(Value::None);
    if let Value::Object(o) = &v {
        // An os.PathLike object (a pathlib path) stands for its path.
        if o.class
            .lookup("__fspath__", crate::object::hash::hash_str("__fspath__"))
            .is_some()
        {
            v = vm.fspath(&v)?;
        }
    }
    match &v {
        Value::Str(_) | Value::Bytes(_) => {
            let p = fspath(vm, &v)?;
            if p.bytes.contains(&0) {
                return Ok(None);
            }
            Ok(Some(p.os_path()))
        }
        Value::Int(fd) => Ok(Some(std::path::PathBuf::from(format!(
            "/proc/self/fd/{fd}"
        )))),
        Value::Bool(b) => Ok(Some(std::path::PathBuf::from(format!(
            "/proc/self/fd/{}",
            u8::from(*b)
        )))),
        other => Err(vm.type_error(format!(
            "stat: path should be string, bytes, os.PathLike or integer, not {}",
            vm.type_name(other)
        ))),
    }
}

fn exists(vm: &mut Vm, args: Args) -> PyResult {
    let t = stat_target(vm, "exists", &args)?;
    Ok(Value::bool(t.is_some_and(|p| std::fs::metadata(p).is_ok())))
}

fn isfile(vm: &mut Vm, args: Args) -> PyResult {
    let t = stat_target(vm, "isfile", &args)?;
    Ok(Value::bool(t.is_some_and(|p| {
        std::fs::metadata(p).is_ok_and(|m| m.is_file())
    })))
}

fn isdir(vm: &mut Vm, args: Args) -> PyResult {
    let t = stat_target(vm, "isdir", &args)?;
    Ok(Value::bool(t.is_some_and(|p| {
        std::fs::metadata(p).is_ok_and(|m| m.is_dir())
    })))
}

fn islink(vm: &mut Vm, args: Args) -> PyResult {
    let t = stat_target(vm, "islink", &args)?;
    Ok(Value::bool(t.is_some_and(|p| {
        std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink())
    })))
}

fn getsize(vm: &mut Vm, args: Args) -> PyResult {
    let sig = PyDef::new("getsize", &["filename"]);
    let b = python_def(vm, &sig, &args)?;
    let v = b[0].clone().unwrap_or(Value::None);
    let p = fspath(vm, &v)?;
    match std::fs::metadata(p.os_path()) {
        Ok(m) => Ok(Value::from_bigint(num_bigint::BigInt::from(m.len()))),
        Err(e) => Err(vm.os_error(&e, &v)),
    }
}

fn expanduser(vm: &mut Vm, args: Args) -> PyResult {
    let p = one_path(vm, "expanduser", &["path"], &args)?;
    let b = &p.bytes;
    if b.first() != Some(&b'~') {
        return Ok(p.make(b.clone()));
    }
    let end = b.iter().position(|&c| c == b'/').unwrap_or(b.len());
    if end != 1 {
        // `~user`: resolving other users needs the password database; leave it.
        return Ok(p.make(b.clone()));
    }
    let Some(home) = std::env::var_os("HOME") else {
        return Ok(p.make(b.clone()));
    };
    use std::os::unix::ffi::OsStrExt;
    let mut home = home.as_bytes().to_vec();
    while home.len() > 1 && home.last() == Some(&b'/') {
        home.pop();
    }
    let mut out = home;
    let rest = &b[end..];
    if out == b"/" && rest.first() == Some(&b'/') {
        out.clear();
    }
    out.extend_from_slice(rest);
    if out.is_empty() {
        out.push(b'/');
    }
    Ok(p.make(out))
}
