//! `os.open`, `os.access` and the terminal's size (`_get_terminal_size`, which
//! `os.get_terminal_size` in `_os_python.py` wraps in its `terminal_size` result).
//!
//! `tempfile.mkstemp` opens with `O_CREAT | O_EXCL` and `shutil.which` asks `access`;
//! the window size comes from `rustix`'s safe `tcgetwinsize` (the `TIOCGWINSZ` ioctl).

use crate::native::PyDef;
use crate::object::function::{Args, NativeFn};
use crate::object::Value;
use crate::stdlib::os_path::fspath;
use crate::vm::{PyResult, Vm};
use std::os::fd::IntoRawFd;

pub const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("open", open),
    ("access", access),
    ("_get_terminal_size", get_terminal_size),
];

pub const CONSTANTS: &[(&str, i64)] = &[("F_OK", 0), ("R_OK", 4), ("W_OK", 2), ("X_OK", 1)];

const OPEN: PyDef = PyDef::new("open", &["path", "flags", "mode"])
    .defaults(1)
    .kwonly(&["dir_fd"]);

/// `os.open(path, flags, mode=0o777, *, dir_fd=None)`: a new file descriptor.
fn open(vm: &mut Vm, args: Args) -> PyResult {
    let [path, flags, mode, _] = OPEN.bind(vm, &args)?;
    let v = path.unwrap_or(Value::None);
    let p = fspath(vm, &v)?.os_path().to_path_buf();
    let flags = crate::native::c_int(vm, &flags.unwrap_or(Value::None))?;
    let mode = match &mode {
        Some(m) => crate::native::c_int(vm, m)?,
        None => 0o777,
    };
    // Descriptors are close-on-exec unless asked otherwise (PEP 446), as in CPython.
    let oflags = nix::fcntl::OFlag::from_bits_truncate(flags as i32) | nix::fcntl::OFlag::O_CLOEXEC;
    let mode = nix::sys::stat::Mode::from_bits_truncate(mode as nix::libc::mode_t);
    match nix::fcntl::open(&p, oflags, mode) {
        Ok(fd) => Ok(Value::int(i64::from(fd.into_raw_fd()))),
        Err(e) => Err(vm.os_error(&std::io::Error::from(e), &v)),
    }
}

const ACCESS: PyDef =
    PyDef::new("access", &["path", "mode"]).kwonly(&["dir_fd", "effective_ids", "follow_symlinks"]);

/// `os.access(path, mode)`: whether the real user may (F_OK: whether it exists).
fn access(vm: &mut Vm, args: Args) -> PyResult {
    let [path, mode, ..] = ACCESS.bind::<5>(vm, &args)?;
    let v = path.unwrap_or(Value::None);
    let p = fspath(vm, &v)?.os_path().to_path_buf();
    let mode = crate::native::c_int(vm, &mode.unwrap_or(Value::None))?;
    let flags = nix::unistd::AccessFlags::from_bits_truncate(mode as i32);
    Ok(Value::bool(nix::unistd::access(&p, flags).is_ok()))
}

/// `_get_terminal_size(fd)`: (columns, lines) of the terminal on `fd`.
fn get_terminal_size(vm: &mut Vm, args: Args) -> PyResult {
    let fd = match args.values.first() {
        Some(v) => crate::native::c_int(vm, v)?,
        None => 1,
    };
    if fd < 0 {
        let e = std::io::Error::from_raw_os_error(9);
        return Err(vm.os_error(&e, &Value::None));
    }
    let size = crate::runtime::raw_fd::with_borrowed(fd as i32, |b| {
        rustix::termios::tcgetwinsize(b).map_err(std::io::Error::from)
    });
    match size {
        Ok(ws) => Ok(Value::tuple(vec![
            Value::int(i64::from(ws.ws_col)),
            Value::int(i64::from(ws.ws_row)),
        ])),
        Err(e) => Err(vm.os_error(&e, &Value::None)),
    }
}
