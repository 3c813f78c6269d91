//! Making and ending connections: `bind`, `listen`, `_accept`, `connect`, `connect_ex`,
//! `shutdown`, and the two names a socket has (`getsockname`, `getpeername`).
//!
//! `_accept()` returns `(fd, address)` as CPython's does, leaving the new socket in the
//! table of orphans; `socket.accept()` (in `socket.py`) wraps the descriptor in a
//! `socket.socket` with `socket(family, type, proto, fileno=fd)`. A connect with a
//! timeout waits with `socket2`'s `connect_timeout` (a non-blocking connect and a poll);
//! a non-blocking one fails at once with `BlockingIOError: [Errno 115] Operation now in
//! progress`, and its outcome is then `getsockopt(SOL_SOCKET, SO_ERROR)`.

use super::address::{from_sockaddr, to_sockaddr};
use super::errors::{errno_error, io_error, os_error, EAGAIN, EINVAL};
use super::object::{release, this, SocketState};
use crate::native::{add_methods, c_int, Sig};
use crate::object::class::Class;
use crate::object::function::{Args, NativeFn};
use crate::object::Value;
use crate::vm::{PyResult, Vm};
use socket2::{SockAddr, Socket};
use std::io;
use std::rc::Rc;
use std::time::Duration;

pub(super) fn register(vm: &mut Vm, class: &Rc<Class>) {
    let table: &[(&'static str, NativeFn)] = &[
        ("bind", bind),
        ("listen", listen),
        ("_accept", accept),
        ("connect", connect),
        ("connect_ex", connect_ex),
        ("shutdown", shutdown),
        ("getsockname", getsockname),
        ("getpeername", getpeername),
    ];
    add_methods(vm, class, table);
}

/// The family of the socket `st` and the address argument converted for it (Python
/// code may run while converting, so no borrow is held).
fn address(vm: &mut Vm, st: &SocketState, v: &Value, caller: &str) -> PyResult<SockAddr> {
    let family = st.inner.borrow().family;
    to_sockaddr(vm, family, v, caller)
}

/// `bind(address)`.
fn bind(vm: &mut Vm, args: Args) -> PyResult {
    let (st, rest) = this(vm, &args, "bind", Sig::One)?;
    let addr = address(vm, st, &rest[0], "bind")?;
    let inner = st.inner.borrow();
    inner.open(vm)?.bind(&addr).map_err(|e| os_error(vm, &e))?;
    Ok(Value::None)
}

/// `listen([backlog])`: the default backlog is CPython's, `min(SOMAXCONN, 128)`.
fn listen(vm: &mut Vm, args: Args) -> PyResult {
    let (st, rest) = this(vm, &args, "listen", Sig::OldStyle(0, 1))?;
    let backlog = match rest.first() {
        Some(v) => c_int(vm, v)?.max(0) as i32,
        None => 128,
    };
    let inner = st.inner.borrow();
    inner
        .open(vm)?
        .listen(backlog)
        .map_err(|e| os_error(vm, &e))?;
    Ok(Value::None)
}

/// `_accept()`: waits for a connection (as the timeout allows) and returns `(fd,
/// address)`, the new socket released for `socket(fileno=fd)`.
fn accept(vm: &mut Vm, args: Args) -> PyResult {
    let (st, _) = this(vm, &args, "_accept", Sig::NoArgs)?;
    st.inner.borrow().open(vm)?;
    let (sock, addr) = vm
        .interruptible(|| st.inner.borrow().open_io()?.accept())?
        .map_err(|e| io_error(vm, &e, st.inner.borrow().timeout))?;
    let fd = release(vm, sock)?;
    Ok(Value::tuple(vec![Value::Int(fd), from_sockaddr(&addr)]))
}

/// Connects `sock` to `addr` in the mode its timeout says.
fn connect_to(sock: &Socket, addr: &SockAddr, timeout: Option<i64>) -> io::Result<()> {
    match timeout {
        Some(ns) if ns > 0 => {
            let r = sock.connect_timeout(addr, Duration::from_nanos(ns as u64));
            // `connect_timeout` may leave the socket non-blocking when it fails.
            let restored = sock.set_nonblocking(false);
            r.and(restored)
        }
        _ => sock.connect(addr),
    }
}

/// `connect(address)`.
fn connect(vm: &mut Vm, args: Args) -> PyResult {
    let (st, rest) = this(vm, &args, "connect", Sig::One)?;
    let addr = address(vm, st, &rest[0], "connect")?;
    let inner = st.inner.borrow();
    let sock = inner.open(vm)?;
    connect_to(sock, &addr, inner.timeout).map_err(|e| os_error(vm, &e))?;
    Ok(Value::None)
}

/// `connect_ex(address)`: `connect` returning the errno instead of raising it (0 on
/// success; EAGAIN when the timeout expired). Bad addresses still raise.
fn connect_ex(vm: &mut Vm, args: Args) -> PyResult {
    let (st, rest) = this(vm, &args, "connect_ex", Sig::One)?;
    let addr = address(vm, st, &rest[0], "connect_ex")?;
    let inner = st.inner.borrow();
    let sock = inner.open(vm)?;
    match connect_to(sock, &addr, inner.timeout) {
        Ok(()) => Ok(Value::Int(0)),
        Err(e) => match e.raw_os_error() {
            Some(errno) => Ok(Value::Int(errno as i64)),
            None if e.kind() == io::ErrorKind::TimedOut => Ok(Value::Int(EAGAIN as i64)),
            None => Err(os_error(vm, &e)),
        },
    }
}

/// `shutdown(how)`: `SHUT_RD`, `SHUT_WR` or `SHUT_RDWR`.
fn shutdown(vm: &mut Vm, args: Args) -> PyResult {
    let (st, rest) = this(vm, &args, "shutdown", Sig::One)?;
    let how = c_int(vm, &rest[0])?;
    let inner = st.inner.borrow();
    let sock = inner.open(vm)?;
    let how = match how {
        0 => std::net::Shutdown::Read,
        1 => std::net::Shutdown::Write,
        2 => std::net::Shutdown::Both,
        _ => return Err(errno_error(vm, EINVAL)),
    };
    sock.shutdown(how).map_err(|e| os_error(vm, &e))?;
    Ok(Value::None)
}

/// `getsockname()`: the local address (`''` for an unbound Unix socket).
fn getsockname(vm: &mut Vm, args: Args) -> PyResult {
    let (st, _) = this(vm, &args, "getsockname", Sig::NoArgs)?;
    let inner = st.inner.borrow();
    let addr = inner.open(vm)?.local_addr().map_err(|e| os_error(vm, &e))?;
    Ok(from_sockaddr(&addr))
}

/// `getpeername()`: the remote address, or `[Errno 107] Transport endpoint is not
/// connected`.
fn getpeername(vm: &mut Vm, args: Args) -> PyResult {
    let (st, _) = this(vm, &args, "getpeername", Sig::NoArgs)?;
    let inner = st.inner.borrow();
    let addr = inner.open(vm)?.peer_addr().map_err(|e| os_error(vm, &e))?;
    Ok(from_sockaddr(&addr))
}
