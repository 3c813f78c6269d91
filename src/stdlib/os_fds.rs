//! The `os` functions on file descriptors and processes: `read`, `write`, `close`,
//! `pipe`, `dup`, `get_blocking`/`set_blocking`, `kill`, `waitpid`, `getppid`, and the
//! wait-status helpers (`WIFEXITED`...). asyncio's pipe transports and `subprocess` are
//! written on these, as CPython's are. The fd numbers go through `runtime::raw_fd`.

use crate::native::{c_int, Clinic};
use crate::object::function::{Args, NativeFn};
use crate::object::Value;
use crate::runtime::raw_fd;
use crate::runtime::read_scratch::ReadError;
use crate::vm::{PyResult, Vm};
use std::os::fd::IntoRawFd;

/// The functions, for `os`'s table.
pub const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("read", read),
    ("write", write),
    ("close", close),
    ("pipe", pipe),
    ("dup", dup),
    ("get_blocking", get_blocking),
    ("set_blocking", set_blocking),
    ("kill", kill),
    ("waitpid", waitpid),
    ("getppid", getppid),
    ("WIFEXITED", wifexited),
    ("WEXITSTATUS", wexitstatus),
    ("WIFSIGNALED", wifsignaled),
    ("WTERMSIG", wtermsig),
    ("WIFSTOPPED", wifstopped),
    ("WSTOPSIG", wstopsig),
    ("waitstatus_to_exitcode", waitstatus_to_exitcode),
];

/// Integer constants `os` exports with them (Linux values).
pub const CONSTANTS: &[(&str, i64)] = &[
    ("WNOHANG", 1),
    ("WUNTRACED", 2),
    ("O_RDONLY", 0),
    ("O_WRONLY", 1),
    ("O_RDWR", 2),
    ("O_NONBLOCK", 0o4000),
    ("O_APPEND", 0o2000),
    ("O_CREAT", 0o100),
    ("O_EXCL", 0o200),
    ("O_TRUNC", 0o1000),
    ("O_CLOEXEC", 0o2000000),
];

/// Binds `name(params...)`, all positional-only and required, and converts each to a C
/// int.
fn int_args<const N: usize>(
    vm: &mut Vm,
    name: &str,
    params: &[&str],
    args: &Args,
) -> PyResult<[i64; N]> {
    let bound: [Option<Value>; N] = Clinic::new(name, params)
        .posonly(N)
        .required(N)
        .bind(vm, args)?;
    let mut out = [0i64; N];
    for (slot, v) in out.iter_mut().zip(bound) {
        *slot = c_int(vm, &v.unwrap_or(Value::None))?;
    }
    Ok(out)
}

fn os_err(vm: &Vm, e: std::io::Error) -> crate::object::ExcRef {
    vm.os_error(&e, &Value::None)
}

fn read(vm: &mut Vm, args: Args) -> PyResult {
    let [fd, n] = Clinic::new("read", &["fd", "length"])
        .posonly(2)
        .required(2)
        .bind(vm, &args)?;
    let fd = c_int(vm, &fd.unwrap_or(Value::None))?;
    let n = crate::native::ssize(vm, &n.unwrap_or(Value::None))?;
    if n < 0 {
        return Err(vm.value_error("negative length"));
    }
    // Linux returns at most MAX_RW_COUNT bytes from one read, so a larger buffer would
    // only be zeroed for nothing.
    const MAX_RW_COUNT: usize = 0x7fff_f000;
    let data = vm
        .interruptible(|| {
            raw_fd::read(fd as i32, (n as usize).min(MAX_RW_COUNT)).map_err(|e| match e {
                // Raised as MemoryError by `os_error`.
                ReadError::NoMemory => std::io::ErrorKind::OutOfMemory.into(),
                ReadError::Io(e) => e,
            })
        })?
        .map_err(|e| os_err(vm, e))?;
    Ok(Value::Bytes(std::rc::Rc::new(
        crate::object::string::PyBytes::new(data),
    )))
}

fn write(vm: &mut Vm, args: Args) -> PyResult {
    let [fd, data] = Clinic::new("write", &["fd", "data"])
        .posonly(2)
        .required(2)
        .bind(vm, &args)?;
    let fd = c_int(vm, &fd.unwrap_or(Value::None))?;
    let data = data.unwrap_or(Value::None);
    let bytes = vm.buffer_bytes(&data).ok_or_else(|| {
        vm.type_error(format!(
            "a bytes-like object is required, not '{}'",
            vm.type_name(&data)
        ))
    })?;
    let n = raw_fd::write(fd as i32, &bytes).map_err(|e| os_err(vm, e))?;
    Ok(Value::Int(n as i64))
}

fn close(vm: &mut Vm, args: Args) -> PyResult {
    let [fd] = int_args(vm, "close", &["fd"], &args)?;
    raw_fd::close(fd as i32).map_err(|e| os_err(vm, e))?;
    Ok(Value::None)
}

/// `os.pipe()`: (read end, write end), both non-inheritable as in CPython.
fn pipe(vm: &mut Vm, args: Args) -> PyResult {
    crate::native::no_args(vm, "pipe", &args)?;
    let (r, w) =
        nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).map_err(|e| os_err(vm, e.into()))?;
    Ok(Value::tuple(vec![
        Value::Int(r.into_raw_fd() as i64),
        Value::Int(w.into_raw_fd() as i64),
    ]))
}

fn dup(vm: &mut Vm, args: Args) -> PyResult {
    let [fd] = int_args(vm, "dup", &["fd"], &args)?;
    let new = raw_fd::dup(fd as i32).map_err(|e| os_err(vm, e))?;
    Ok(Value::Int(new.into_raw_fd() as i64))
}

fn get_blocking(vm: &mut Vm, args: Args) -> PyResult {
    let [fd] = int_args(vm, "get_blocking", &["fd"], &args)?;
    let b = raw_fd::get_blocking(fd as i32).map_err(|e| os_err(vm, e))?;
    Ok(Value::bool(b))
}

fn set_blocking(vm: &mut Vm, args: Args) -> PyResult {
    let [fd, blocking] = Clinic::new("set_blocking", &["fd", "blocking"])
        .posonly(2)
        .required(2)
        .bind(vm, &args)?;
    let fd = c_int(vm, &fd.unwrap_or(Value::None))?;
    let blocking = vm.is_true(&blocking.unwrap_or(Value::None))?;
    raw_fd::set_blocking(fd as i32, blocking).map_err(|e| os_err(vm, e))?;
    Ok(Value::None)
}

/// `os.kill(pid, signal)`; signal 0 checks that the process exists.
fn kill(vm: &mut Vm, args: Args) -> PyResult {
    let [pid, sig] = int_args(vm, "kill", &["pid", "signal"], &args)?;
    let signal = if sig == 0 {
        None
    } else {
        Some(nix::sys::signal::Signal::try_from(sig as i32).map_err(|e| os_err(vm, e.into()))?)
    };
    nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid as i32), signal)
        .map_err(|e| os_err(vm, e.into()))?;
    // A signal sent to this process is handled before kill() returns, as in CPython.
    vm.check_signals()?;
    Ok(Value::None)
}

fn getppid(vm: &mut Vm, args: Args) -> PyResult {
    crate::native::no_args(vm, "getppid", &args)?;
    Ok(Value::Int(nix::unistd::getppid().as_raw() as i64))
}

/// `os.waitpid(pid, options)`: (pid, raw wait status); (0, 0) with WNOHANG when the
/// child is still running.
fn waitpid(vm: &mut Vm, args: Args) -> PyResult {
    use nix::sys::wait::{WaitPidFlag, WaitStatus};
    let [pid, options] = int_args(vm, "waitpid", &["pid", "options"], &args)?;
    let flags = WaitPidFlag::from_bits_truncate(options as i32);
    let status = loop {
        match nix::sys::wait::waitpid(nix::unistd::Pid::from_raw(pid as i32), Some(flags)) {
            Err(nix::errno::Errno::EINTR) => continue,
            r => break r.map_err(|e| os_err(vm, e.into()))?,
        }
    };
    let (pid, raw) = match status {
        WaitStatus::Exited(p, code) => (p.as_raw(), (code & 0xff) << 8),
        WaitStatus::Signaled(p, sig, core) => {
            (p.as_raw(), sig as i32 | if core { 0x80 } else { 0 })
        }
        WaitStatus::Stopped(p, sig) => (p.as_raw(), ((sig as i32) << 8) | 0x7f),
        WaitStatus::Continued(p) => (p.as_raw(), 0xffff),
        _ => (0, 0),
    };
    Ok(Value::tuple(vec![
        Value::Int(pid as i64),
        Value::Int(raw as i64),
    ]))
}

fn status_arg(vm: &mut Vm, name: &str, args: &Args) -> PyResult<i64> {
    let [status] = int_args(vm, name, &["status"], args)?;
    Ok(status)
}

fn wifexited(vm: &mut Vm, args: Args) -> PyResult {
    let s = status_arg(vm, "WIFEXITED", &args)?;
    Ok(Value::bool(s & 0x7f == 0))
}

fn wexitstatus(vm: &mut Vm, args: Args) -> PyResult {
    let s = status_arg(vm, "WEXITSTATUS", &args)?;
    Ok(Value::Int((s >> 8) & 0xff))
}

fn wifsignaled(vm: &mut Vm, args: Args) -> PyResult {
    let s = status_arg(vm, "WIFSIGNALED", &args)?;
    Ok(Value::bool(((s & 0x7f) + 1) as i8 >> 1 > 0))
}

fn wtermsig(vm: &mut Vm, args: Args) -> PyResult {
    let s = status_arg(vm, "WTERMSIG", &args)?;
    Ok(Value::Int(s & 0x7f))
}

fn wifstopped(vm: &mut Vm, args: Args) -> PyResult {
    let s = status_arg(vm, "WIFSTOPPED", &args)?;
    Ok(Value::bool(s & 0xff == 0x7f))
}

fn wstopsig(vm: &mut Vm, args: Args) -> PyResult {
    let s = status_arg(vm, "WSTOPSIG", &args)?;
    Ok(Value::Int((s >> 8) & 0xff))
}

/// `os.waitstatus_to_exitcode(status)`: the exit code, or minus the signal number.
fn waitstatus_to_exitcode(vm: &mut Vm, args: Args) -> PyResult {
    let s = status_arg(vm, "waitstatus_to_exitcode", &args)?;
    if s & 0x7f == 0 {
        return Ok(Value::Int((s >> 8) & 0xff));
    }
    if ((s & 0x7f) + 1) as i8 >> 1 > 0 {
        return Ok(Value::Int(-(s & 0x7f)));
    }
    Err(vm.value_error(format!("invalid wait status: {s}")))
}
