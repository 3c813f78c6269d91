//! `_socket`: BSD sockets for apy, the native half of the `socket` module (whose Python
//! half, `socket.py`, adds the `socket.socket` subclass, the enum-like constants,
//! `create_connection` and friends, as CPython splits them).
//!
//! Every system call goes through the `socket2` crate, because apy has no `unsafe`:
//! receiving uses the standard library's socket types where `socket2` would need
//! uninitialised buffers, and a descriptor apy did not create cannot be adopted (see
//! [`object`]). The pieces:
//!
//! - [`object`]: the `_socket.socket` type, its state, creation, closing, timeouts;
//! - [`connection`]: binding, listening, accepting, connecting, shutting down, names;
//! - [`transfer`]: sending and receiving;
//! - [`options`]: `setsockopt` / `getsockopt`, mapped onto `socket2`'s typed options;
//! - [`address`]: Python addresses to and from `SockAddr`, host resolution;
//! - [`resolve`]: `getaddrinfo` and the other database lookups, over [`netdb`] (the
//!   files `/etc/services`, `/etc/hosts`...);
//! - [`functions`]: the byte-order, text-to-address and default-timeout functions and
//!   `socketpair`;
//! - [`errors`]: the OSError subclasses, `TimeoutError`, `gaierror` and `herror`;
//! - [`constants`]: the integer constants.

mod address;
mod connection;
mod constants;
mod errors;
mod functions;
mod netdb;
mod object;
mod options;
mod resolve;
mod transfer;

pub use object::{state, SocketState};

use crate::native::{module_class, ModuleDef};
use crate::object::class::{c3_linearize, Class, Layout};
use crate::object::{Dict, Value};
use crate::vm::{PyResult, Vm};
use socket2::Socket;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::os::fd::AsRawFd;
use std::rc::Rc;

pub const AF_UNSPEC: i32 = 0;
pub const AF_UNIX: i32 = 1;
pub const AF_INET: i32 = 2;
pub const AF_INET6: i32 = 10;
pub const SOCK_STREAM: i32 = 1;
pub const SOCK_DGRAM: i32 = 2;
pub const SOCK_RAW: i32 = 3;
pub const SOCK_NONBLOCK: i32 = 0o4000;
pub const SOCK_CLOEXEC: i32 = 0o2000000;

/// The module's per-interpreter state (in `vm.extensions`).
pub struct SocketModule {
    /// `_socket.socket`.
    pub socket: Rc<Class>,
    pub herror: Rc<Class>,
    pub gaierror: Rc<Class>,
    /// `setdefaulttimeout()`'s value in nanoseconds (None: blocking).
    pub default_timeout: Cell<Option<i64>>,
    /// Sockets released by `detach()`, `_accept()` and `_dup()`, by descriptor, until
    /// `socket(fileno=fd)` takes them (see [`object`]).
    pub orphans: RefCell<HashMap<i32, Socket>>,
}

/// The module's state, if `_socket` was imported.
pub fn module_state(vm: &Vm) -> Option<&SocketModule> {
    vm.extensions.get::<SocketModule>()
}

/// The module's state, or a RuntimeError (only reachable before the module is loaded).
fn module_state_or_err(vm: &Vm) -> PyResult<&SocketModule> {
    module_state(vm).ok_or_else(|| vm.runtime_error("_socket is not initialised"))
}

/// The descriptor of the socket object `v` (-1 when closed), None when `v` is not a
/// socket: what an event loop polls.
pub fn socket_fd(v: &Value) -> Option<i32> {
    let st = state(v)?;
    let inner = st.inner.borrow();
    Some(inner.sock.as_ref().map_or(-1, |s| s.as_raw_fd()))
}

/// Runs `f` on the open socket of the socket object `v`; None when `v` is not a socket
/// or is closed.
pub fn with_socket<R>(v: &Value, f: impl FnOnce(&Socket) -> R) -> Option<R> {
    let st = state(v)?;
    let inner = st.inner.borrow();
    inner.sock.as_ref().map(f)
}

/// An exception class of the module: `socket.herror`, `socket.gaierror`.
fn exception_class(vm: &mut Vm, name: &str) -> Rc<Class> {
    let bases = vec![vm.exc.os_error.clone()];
    let mro = c3_linearize(&bases).unwrap_or_default();
    let class = Class::new(name, bases, mro, Dict::new(), Layout::Exception, false);
    let key = vm.intern("__module__");
    class.dict.borrow_mut().set_str(key, Value::str("socket"));
    class
}

pub fn load(vm: &mut Vm) -> PyResult<Value> {
    let m = ModuleDef::new("_socket");
    let class = module_class(vm, "_socket", "socket", Layout::Object);
    // Like CPython's, `_socket.socket` instances have no `__dict__`; subclasses' do.
    class.instance_dict.set(false);
    let _ = class.tp_name.set("_socket.socket".to_string());
    object::register(vm, &class);
    connection::register(vm, &class);
    transfer::register(vm, &class);
    options::register(vm, &class);
    let herror = exception_class(vm, "herror");
    let gaierror = exception_class(vm, "gaierror");
    vm.extensions.insert(SocketModule {
        socket: class.clone(),
        herror: herror.clone(),
        gaierror: gaierror.clone(),
        default_timeout: Cell::new(None),
        orphans: RefCell::new(HashMap::new()),
    });
    m.value(vm, "socket", Value::Class(class.clone()));
    m.value(vm, "SocketType", Value::Class(class));
    m.value(vm, "herror", Value::Class(herror));
    m.value(vm, "gaierror", Value::Class(gaierror));
    m.value(vm, "error", Value::Class(vm.exc.os_error.clone()));
    m.value(vm, "timeout", Value::Class(vm.exc.timeout_error.clone()));
    m.value(vm, "has_ipv6", Value::bool(true));
    functions::register(vm, &m);
    resolve::register(vm, &m);
    for &(name, value) in constants::CONSTANTS {
        m.value(vm, name, Value::Int(value));
    }
    for &(name, value, _) in errors::GAI_ERRORS {
        m.value(vm, name, Value::Int(value as i64));
    }
    Ok(m.finish(vm))
}
