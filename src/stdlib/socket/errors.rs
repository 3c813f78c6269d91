//! The exceptions sockets raise, worded as CPython's `socketmodule.c` words them.
//!
//! System calls fail with an `io::Error`; [`os_error`] turns one into the OSError
//! subclass its errno picks (`ConnectionRefusedError: [Errno 111] Connection refused`),
//! and [`io_error`] first turns "would block" on a socket with a timeout into
//! `TimeoutError('timed out')`, because apy implements timeouts with `SO_RCVTIMEO` and
//! `SO_SNDTIMEO`, which make a blocking call give up with EAGAIN. Name resolution fails
//! with `socket.gaierror` (`[Errno -2] Name or service not known`), built by
//! [`gai_error`] from glibc's codes and texts.

use super::module_state;
use crate::object::{ExcRef, Value};
use crate::vm::Vm;
use std::io;

pub const EBADF: i32 = 9;
pub const EAGAIN: i32 = 11;
pub const EINVAL: i32 = 22;
pub const ENOPROTOOPT: i32 = 92;
pub const EOPNOTSUPP: i32 = 95;
pub const EAFNOSUPPORT: i32 = 97;

/// The OSError subclass for an `io::Error` (`[Errno 111] Connection refused`). Errors
/// without an errno come from Rust's own checks: a timed-out `connect_timeout` is
/// CPython's `TimeoutError('timed out')`, the rest plain OSErrors with their text.
pub fn os_error(vm: &Vm, e: &io::Error) -> ExcRef {
    if e.kind() == io::ErrorKind::Interrupted {
        if let Some(exc) = vm.interrupted_call_error() {
            return exc;
        }
    }
    if e.raw_os_error().is_none() {
        if e.kind() == io::ErrorKind::TimedOut {
            return timed_out(vm);
        }
        return vm.new_exception_msg(&vm.exc.os_error.clone(), e.to_string());
    }
    vm.os_error(e, &Value::None)
}

/// [`os_error`] for an operation on a socket whose timeout is `timeout_ns`: EAGAIN with
/// a timeout set means the timeout expired.
pub fn io_error(vm: &Vm, e: &io::Error, timeout_ns: Option<i64>) -> ExcRef {
    if matches!(timeout_ns, Some(t) if t > 0) && e.raw_os_error() == Some(EAGAIN) {
        return timed_out(vm);
    }
    os_error(vm, e)
}

/// `OSError: [Errno N] <strerror>` for a bare errno.
pub fn errno_error(vm: &Vm, errno: i32) -> ExcRef {
    os_error(vm, &io::Error::from_raw_os_error(errno))
}

/// `OSError: [Errno 9] Bad file descriptor`: the operation on a closed socket.
pub fn closed(vm: &Vm) -> ExcRef {
    errno_error(vm, EBADF)
}

/// `TimeoutError('timed out')`, what `socket.timeout` is since Python 3.10.
pub fn timed_out(vm: &Vm) -> ExcRef {
    vm.new_exception_msg(&vm.exc.timeout_error.clone(), "timed out")
}

/// An OSError with only a message (`illegal IP address string passed to inet_aton`).
pub fn plain_os_error(vm: &Vm, msg: impl Into<String>) -> ExcRef {
    vm.new_exception_msg(&vm.exc.os_error.clone(), msg.into())
}

/// glibc's `getaddrinfo` error codes.
pub const EAI_BADFLAGS: i32 = -1;
pub const EAI_NONAME: i32 = -2;
pub const EAI_FAMILY: i32 = -6;
pub const EAI_SOCKTYPE: i32 = -7;
pub const EAI_SERVICE: i32 = -8;
pub const EAI_ADDRFAMILY: i32 = -9;

/// Every `EAI_*` code with `gai_strerror`'s text, as glibc words it.
pub const GAI_ERRORS: &[(&str, i32, &str)] = &[
    ("EAI_BADFLAGS", -1, "Bad value for ai_flags"),
    ("EAI_NONAME", -2, "Name or service not known"),
    ("EAI_AGAIN", -3, "Temporary failure in name resolution"),
    ("EAI_FAIL", -4, "Non-recoverable failure in name resolution"),
    ("EAI_NODATA", -5, "No address associated with hostname"),
    ("EAI_FAMILY", -6, "ai_family not supported"),
    ("EAI_SOCKTYPE", -7, "ai_socktype not supported"),
    ("EAI_SERVICE", -8, "Servname not supported for ai_socktype"),
    (
        "EAI_ADDRFAMILY",
        -9,
        "Address family for hostname not supported",
    ),
    ("EAI_MEMORY", -10, "Memory allocation failure"),
    ("EAI_SYSTEM", -11, "System error"),
    ("EAI_OVERFLOW", -12, "Argument buffer overflow"),
];

/// `socket.gaierror: [Errno -2] Name or service not known`.
pub fn gai_error(vm: &Vm, code: i32) -> ExcRef {
    let text = GAI_ERRORS
        .iter()
        .find(|(_, c, _)| *c == code)
        .map_or("Unknown error", |(_, _, t)| t);
    let class = module_state(vm).map_or(vm.exc.os_error.clone(), |s| s.gaierror.clone());
    vm.new_os_error(
        &class,
        Value::Int(code as i64),
        Value::str(text),
        None,
        None,
    )
}

/// The gaierror for a failed lookup through Rust's resolver, whose error carries only
/// glibc's text ("failed to lookup address information: Name or service not known"):
/// the text names the code. Errors with an errno (`EAI_SYSTEM`) stay OSErrors.
pub fn resolver_error(vm: &Vm, e: &io::Error) -> ExcRef {
    if e.raw_os_error().is_some() {
        return os_error(vm, e);
    }
    let text = e.to_string();
    let detail = text.rsplit(": ").next().unwrap_or(&text);
    let code = GAI_ERRORS
        .iter()
        .find(|(_, _, t)| *t == detail)
        .map_or(EAI_NONAME, |(_, c, _)| *c);
    gai_error(vm, code)
}

/// `socket.herror: [Errno 1] Unknown host`, from the host database lookups.
pub fn host_error(vm: &Vm) -> ExcRef {
    let class = module_state(vm).map_or(vm.exc.os_error.clone(), |s| s.herror.clone());
    vm.new_os_error(
        &class,
        Value::Int(1),
        Value::str("Unknown host"),
        None,
        None,
    )
}
