//! The `_socket.socket` object: its native state, creation, closing, and its blocking
//! mode and timeout.
//!
//! Each instance (instances of Python subclasses too: `__new__` makes them all) holds a
//! [`SocketState`]: the `socket2::Socket` while it is open (dropping it closes the
//! descriptor), its family, type and protocol, and its timeout in nanoseconds (None:
//! blocking; 0: non-blocking; more: blocking with `SO_RCVTIMEO`/`SO_SNDTIMEO` set, so a
//! call that waits too long fails with EAGAIN, which becomes `TimeoutError`).
//!
//! Descriptors change hands through the module's table of orphans
//! ([`super::SocketModule::orphans`]): `detach()`, `_accept()` and `_dup()` leave their
//! socket there and return its number, and `socket(fileno=n)` takes it back. apy cannot
//! adopt a descriptor it did not create (that needs `unsafe`), so a `fileno` not in the
//! table is an error.

use super::errors::{closed, errno_error, io_error, os_error, plain_os_error, EBADF};
use super::{module_state, module_state_or_err, AF_INET, SOCK_CLOEXEC, SOCK_NONBLOCK};
use crate::native::{self, add_methods, c_int, constructor, module_class, Callee, Clinic, Sig};
use crate::object::class::{Class, Layout};
use crate::object::function::{Args, NativeFn};
use crate::object::{NativeData, Object, Payload, Value};
use crate::vm::{PyResult, Vm};
use socket2::{Domain, Protocol, Socket, Type};
use std::cell::RefCell;
use std::io;
use std::os::fd::AsRawFd;
use std::rc::Rc;
use std::time::Duration;

/// The state of one socket object.
pub struct SocketState {
    pub inner: RefCell<Inner>,
}

/// What a socket object knows (see the module doc).
pub struct Inner {
    /// The open socket; None once closed or detached.
    pub sock: Option<Socket>,
    pub family: i32,
    /// The type without `SOCK_NONBLOCK` and `SOCK_CLOEXEC`, as CPython reports it.
    pub kind: i32,
    pub proto: i32,
    /// Nanoseconds; None for a blocking socket, 0 for a non-blocking one.
    pub timeout: Option<i64>,
}

impl Inner {
    /// The open socket, or `[Errno 9] Bad file descriptor`.
    pub fn open(&self, vm: &Vm) -> PyResult<&Socket> {
        self.sock.as_ref().ok_or_else(|| closed(vm))
    }

    /// The open socket, or EBADF for the caller to report.
    pub fn open_io(&self) -> io::Result<&Socket> {
        self.sock
            .as_ref()
            .ok_or_else(|| io::Error::from_raw_os_error(EBADF))
    }

    /// The descriptor, -1 when closed.
    pub fn fd(&self) -> i64 {
        self.sock.as_ref().map_or(-1, |s| s.as_raw_fd() as i64)
    }
}

impl NativeData for SocketState {
    fn traverse(&self, _: &mut dyn FnMut(&Value)) {}
}

/// The socket state of `v`, if it is a `_socket.socket` (or an instance of a subclass).
pub fn state(v: &Value) -> Option<&SocketState> {
    match v {
        Value::Object(o) => o.native::<SocketState>(),
        _ => None,
    }
}

/// A method as CPython's messages name it (`socket.bind() takes exactly one argument`),
/// with the type's `tp_name` in descriptor errors.
pub fn callee(name: &str) -> Callee<'_> {
    Callee::new("socket", name).with_type_name("_socket.socket")
}

/// The state a method was called on and its other arguments, checked against `sig`.
pub fn this<'a>(
    vm: &Vm,
    args: &Args<'a>,
    name: &str,
    sig: Sig,
) -> PyResult<(&'a SocketState, &'a [Value])> {
    native::receiver(vm, callee(name), sig, args, state)
}

/// The state a method was called on, its arguments left to the caller (keywords too).
pub fn this_any<'a>(vm: &Vm, args: &Args<'a>, name: &str) -> PyResult<&'a SocketState> {
    native::self_arg(vm, callee(name), Sig::NoArgs, args, state)
}

pub(super) fn register(vm: &mut Vm, class: &Rc<Class>) {
    constructor(vm, class, socket_new);
    let table: &[(&'static str, NativeFn)] = &[
        ("__init__", socket_init),
        ("__repr__", repr),
        ("close", close),
        ("detach", detach),
        ("_dup", dup),
        ("fileno", fileno),
        ("setblocking", setblocking),
        ("getblocking", getblocking),
        ("settimeout", settimeout),
        ("gettimeout", gettimeout),
    ];
    add_methods(vm, class, table);
    // `family`, `type`, `proto` and `timeout` are read-only members, as in CPython. The
    // VM calls `__get__` only on objects without native state, so each member is the
    // one instance of a descriptor class of its own, whose methods know the attribute.
    // (`timeout` is computed: CPython's is a `getset_descriptor`.)
    let members: [(&str, &str, NativeFn, NativeFn); 4] = [
        ("family", "member_descriptor", family_get, family_repr),
        ("type", "member_descriptor", type_get, type_repr),
        ("proto", "member_descriptor", proto_get, proto_repr),
        ("timeout", "getset_descriptor", timeout_get, timeout_repr),
    ];
    for (name, kind, get, repr) in members {
        let member = module_class(vm, "_socket", kind, Layout::Native);
        let _ = member.tp_name.set(kind.to_string());
        let methods: &[(&'static str, NativeFn)] = &[
            ("__get__", get),
            ("__set__", member_set),
            ("__delete__", member_set),
            ("__repr__", repr),
        ];
        add_methods(vm, &member, methods);
        let descriptor = Value::Object(Object::new(member, Payload::None));
        let key = vm.intern(name);
        class.dict.borrow_mut().set_str(key, descriptor);
    }
}

/// `member.__get__(obj, type=None)` for the attribute `name`: its value on `obj`, or
/// the descriptor itself when looked up on the class.
fn member_get(vm: &mut Vm, args: &Args, name: &str) -> PyResult {
    let (desc, obj) = match args.pos() {
        [desc, obj, ..] => (desc, obj),
        _ => return Err(vm.type_error("expected 1 or 2 arguments")),
    };
    if obj.is_none() {
        return Ok(desc.clone());
    }
    let Some(st) = state(obj) else {
        return Err(vm.type_error(format!(
            "descriptor '{name}' for '_socket.socket' objects doesn't apply to a '{}' object",
            vm.type_name(obj)
        )));
    };
    let i = st.inner.borrow();
    Ok(match name {
        "family" => Value::Int(i.family as i64),
        "type" => Value::Int(i.kind as i64),
        "proto" => Value::Int(i.proto as i64),
        _ => timeout_value(i.timeout),
    })
}

/// The repr of the member `name`.
fn member_repr(name: &str) -> PyResult {
    let kind = if name == "timeout" {
        "attribute"
    } else {
        "member"
    };
    Ok(Value::str(format!(
        "<{kind} '{name}' of '_socket.socket' objects>"
    )))
}

/// The `__get__` and `__repr__` of one member.
macro_rules! member {
    ($get:ident, $repr:ident, $name:literal) => {
        fn $get(vm: &mut Vm, args: Args) -> PyResult {
            member_get(vm, &args, $name)
        }
        fn $repr(_vm: &mut Vm, _args: Args) -> PyResult {
            member_repr($name)
        }
    };
}

member!(family_get, family_repr, "family");
member!(type_get, type_repr, "type");
member!(proto_get, proto_repr, "proto");
member!(timeout_get, timeout_repr, "timeout");

/// Setting or deleting a member: `AttributeError: readonly attribute`.
fn member_set(vm: &mut Vm, _args: Args) -> PyResult {
    Err(vm.attribute_error("readonly attribute"))
}

/// A new socket object of `class` around `inner`.
pub fn new_object(class: &Rc<Class>, inner: Inner) -> Value {
    let payload = Payload::Native(Box::new(SocketState {
        inner: RefCell::new(inner),
    }));
    Value::Object(if class.instance_dict.get() {
        Object::with_dict(class.clone(), payload)
    } else {
        Object::new(class.clone(), payload)
    })
}

/// A new socket object of the module's class `_socket.socket` around `sock` (made with
/// the type `kind`, flags included), in the mode its flags or the default timeout say.
pub fn wrap(vm: &mut Vm, sock: Socket, family: i32, kind: i32, proto: i32) -> PyResult {
    let class = module_state_or_err(vm)?.socket.clone();
    let timeout = if kind & SOCK_NONBLOCK != 0 {
        Some(0)
    } else {
        default_timeout(vm)
    };
    if timeout.is_some() {
        apply_timeout(&sock, timeout).map_err(|e| os_error(vm, &e))?;
    }
    Ok(new_object(
        &class,
        Inner {
            sock: Some(sock),
            family,
            kind: kind & !(SOCK_NONBLOCK | SOCK_CLOEXEC),
            proto,
            timeout,
        },
    ))
}

/// `socket.__new__(cls, *args, **kwargs)`: an unopened socket of `cls`; `__init__`
/// opens it.
fn socket_new(vm: &mut Vm, args: Args) -> PyResult {
    let base = module_state_or_err(vm)?.socket.clone();
    let cls = match args.pos().first() {
        Some(Value::Class(c)) if c.is_subclass(&base) => c.clone(),
        Some(Value::Class(c)) => {
            let name = c.tp_name.get().unwrap_or(&c.name).clone();
            return Err(vm.type_error(format!(
                "_socket.socket.__new__({name}): {name} is not a subtype of _socket.socket"
            )));
        }
        Some(other) => {
            return Err(vm.type_error(format!(
                "_socket.socket.__new__(X): X is not a type object ({})",
                vm.type_name(other)
            )))
        }
        None => return Err(vm.type_error("_socket.socket.__new__(): not enough arguments")),
    };
    Ok(new_object(
        &cls,
        Inner {
            sock: None,
            family: 0,
            kind: 0,
            proto: 0,
            timeout: None,
        },
    ))
}

const INIT: Clinic = Clinic::new("socket", &["family", "type", "proto", "fileno"]);

/// An optional int argument; `-1` when absent or None.
fn int_or_unset(vm: &mut Vm, v: &Option<Value>) -> PyResult<i32> {
    match v {
        None | Some(Value::None) => Ok(-1),
        Some(v) => Ok(c_int(vm, v)? as i32),
    }
}

/// `socket.__init__(self, family=-1, type=-1, proto=-1, fileno=None)`: opens a new
/// socket (AF_INET, SOCK_STREAM by default), or adopts the descriptor `fileno` from
/// the table of orphans, asking it for what was not given.
fn socket_init(vm: &mut Vm, args: Args) -> PyResult {
    let st = this_any(vm, &args, "__init__")?;
    let (_, rest) = native::split_self(vm, "socket.__init__", &args)?;
    let [family, kind, proto, fileno] = INIT.bind(vm, &rest)?;
    let (mut family, mut kind, mut proto) = (
        int_or_unset(vm, &family)?,
        int_or_unset(vm, &kind)?,
        int_or_unset(vm, &proto)?,
    );
    let adopted = !matches!(fileno, None | Some(Value::None));
    let sock = match fileno {
        None | Some(Value::None) => {
            if family == -1 {
                family = AF_INET;
            }
            if kind == -1 {
                kind = super::SOCK_STREAM;
            }
            if proto == -1 {
                proto = 0;
            }
            let protocol = (proto != 0).then(|| Protocol::from(proto));
            Socket::new(Domain::from(family), Type::from(kind), protocol)
                .map_err(|e| os_error(vm, &e))?
        }
        Some(v) => {
            let fd = c_int(vm, &v)?;
            if fd < 0 {
                return Err(vm.value_error("negative file descriptor"));
            }
            let sock = adopt(vm, fd as i32)?;
            if family == -1 {
                family = sock.domain().map_err(|e| os_error(vm, &e))?.into();
            }
            if kind == -1 {
                kind = sock.r#type().map_err(|e| os_error(vm, &e))?.into();
            }
            if proto == -1 {
                proto = match sock.protocol().map_err(|e| os_error(vm, &e))? {
                    Some(p) => p.into(),
                    None => 0,
                };
            }
            sock
        }
    };
    let timeout = if kind & SOCK_NONBLOCK != 0 {
        Some(0)
    } else {
        default_timeout(vm)
    };
    if timeout.is_some() {
        apply_timeout(&sock, timeout).map_err(|e| os_error(vm, &e))?;
    } else if adopted {
        // An accepted socket inherits its listener's `SO_RCVTIMEO`/`SO_SNDTIMEO`, which
        // would make a blocking socket give up. The non-blocking flag stays as it is,
        // as CPython leaves it.
        sock.set_read_timeout(None)
            .and_then(|()| sock.set_write_timeout(None))
            .map_err(|e| os_error(vm, &e))?;
    }
    let old = {
        let mut inner = st.inner.borrow_mut();
        let old = inner.sock.replace(sock);
        inner.family = family;
        inner.kind = kind & !(SOCK_NONBLOCK | SOCK_CLOEXEC);
        inner.proto = proto;
        inner.timeout = timeout;
        old
    };
    drop(old);
    Ok(Value::None)
}

/// Takes the socket with descriptor `fd` out of the table of orphans. Any other
/// descriptor fails as CPython would fail on it (closed: EBADF; not a socket: ENOTSOCK)
/// or, when it is a socket apy cannot take over, with an OSError saying so.
pub fn adopt(vm: &Vm, fd: i32) -> PyResult<Socket> {
    let state = module_state_or_err(vm)?;
    if let Some(sock) = state.orphans.borrow_mut().remove(&fd) {
        return Ok(sock);
    }
    match std::fs::read_link(format!("/proc/self/fd/{fd}")) {
        Err(_) => Err(errno_error(vm, EBADF)),
        Ok(target) if !target.to_string_lossy().starts_with("socket:") => Err(errno_error(vm, 88)),
        Ok(_) => Err(plain_os_error(
            vm,
            format!(
                "apy can only wrap a file descriptor that socket.detach(), accept() or \
                 dup() released, not {fd}"
            ),
        )),
    }
}

/// Leaves `sock` in the table of orphans and returns its descriptor.
pub fn release(vm: &Vm, sock: Socket) -> PyResult<i64> {
    let fd = sock.as_raw_fd();
    let old = module_state_or_err(vm)?
        .orphans
        .borrow_mut()
        .insert(fd, sock);
    // A descriptor number is unique among open descriptors: there is no old entry.
    drop(old);
    Ok(fd as i64)
}

/// The module's default timeout for new sockets (`setdefaulttimeout`), in nanoseconds.
pub fn default_timeout(vm: &Vm) -> Option<i64> {
    module_state(vm).and_then(|s| s.default_timeout.get())
}

/// Puts `sock` in the mode `timeout` stands for (see [`Inner::timeout`]).
pub fn apply_timeout(sock: &Socket, timeout: Option<i64>) -> std::io::Result<()> {
    match timeout {
        None => {
            sock.set_nonblocking(false)?;
            sock.set_read_timeout(None)?;
            sock.set_write_timeout(None)
        }
        Some(0) => sock.set_nonblocking(true),
        Some(ns) => {
            // A `timeval` of zero means "forever": keep at least a microsecond.
            let d = Duration::from_nanos(ns.max(1000) as u64);
            sock.set_nonblocking(false)?;
            sock.set_read_timeout(Some(d))?;
            sock.set_write_timeout(Some(d))
        }
    }
}

/// A timeout argument in nanoseconds, converted and checked as CPython's
/// `_PyTime_FromSecondsObject` does (rounding up), None for None.
pub fn timeout_arg(vm: &mut Vm, v: &Value) -> PyResult<Option<i64>> {
    let float = match v {
        Value::None => return Ok(None),
        Value::Float(f) => Some(f.get()),
        Value::Object(o) => match &o.payload {
            Payload::Builtin(Value::Float(f)) => Some(f.get()),
            _ => None,
        },
        _ => None,
    };
    if let Some(x) = float {
        if x.is_nan() {
            return Err(vm.value_error("Invalid value NaN (not a number)"));
        }
        let ns = (x * 1e9).ceil();
        if ns < 0.0 {
            return Err(vm.value_error("Timeout value out of range"));
        }
        if ns >= 9.2e18 {
            return Err(vm.overflow_error("timestamp out of range for platform time_t"));
        }
        return Ok(Some(ns as i64));
    }
    let secs = match v {
        Value::BigInt(b) if b.sign() == num_bigint::Sign::Minus => {
            return Err(vm.value_error("Timeout value out of range"))
        }
        Value::BigInt(_) => None,
        _ => match vm.to_index(v)? {
            Some(i) => Some(i),
            None => {
                return Err(vm.type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    vm.type_name(v)
                )))
            }
        },
    };
    match secs {
        Some(s) if s < 0 => Err(vm.value_error("Timeout value out of range")),
        Some(s) if s <= i64::MAX / 1_000_000_000 => Ok(Some(s * 1_000_000_000)),
        _ => Err(vm.overflow_error("timestamp too large to convert to C _PyTime_t")),
    }
}

/// A timeout in nanoseconds as Python sees it: seconds as a float, or None.
pub fn timeout_value(timeout: Option<i64>) -> Value {
    match timeout {
        None => Value::None,
        Some(ns) => Value::float(ns as f64 / 1e9),
    }
}

/// `repr(_socket.socket)`: `<socket object, fd=3, family=2, type=1, proto=0>`.
fn repr(vm: &mut Vm, args: Args) -> PyResult {
    let (st, _) = this(vm, &args, "__repr__", Sig::Wrapper(0))?;
    let i = st.inner.borrow();
    Ok(Value::str(format!(
        "<socket object, fd={}, family={}, type={}, proto={}>",
        i.fd(),
        i.family,
        i.kind,
        i.proto
    )))
}

/// `close()`: closes the descriptor; closing again does nothing.
fn close(vm: &mut Vm, args: Args) -> PyResult {
    let (st, _) = this(vm, &args, "close", Sig::NoArgs)?;
    let sock = st.inner.borrow_mut().sock.take();
    drop(sock);
    Ok(Value::None)
}

/// `detach()`: closes the object without closing the descriptor, which it returns (-1
/// if already closed); `socket(fileno=fd)` can wrap it again.
fn detach(vm: &mut Vm, args: Args) -> PyResult {
    let (st, _) = this(vm, &args, "detach", Sig::NoArgs)?;
    let sock = st.inner.borrow_mut().sock.take();
    match sock {
        Some(sock) => Ok(Value::Int(release(vm, sock)?)),
        None => Ok(Value::Int(-1)),
    }
}

/// `_dup()` (apy's): a duplicate of the descriptor, released for `socket(fileno=fd)`;
/// `socket.dup()` is built on it.
fn dup(vm: &mut Vm, args: Args) -> PyResult {
    let (st, _) = this(vm, &args, "_dup", Sig::NoArgs)?;
    let copy = {
        let inner = st.inner.borrow();
        let sock = inner.open(vm)?;
        sock.try_clone().map_err(|e| os_error(vm, &e))?
    };
    Ok(Value::Int(release(vm, copy)?))
}

fn fileno(vm: &mut Vm, args: Args) -> PyResult {
    let (st, _) = this(vm, &args, "fileno", Sig::NoArgs)?;
    let fd = st.inner.borrow().fd();
    Ok(Value::Int(fd))
}

/// Sets the timeout of the socket `st` and puts it in the matching mode.
fn set_timeout(vm: &Vm, st: &SocketState, timeout: Option<i64>) -> PyResult {
    let mut inner = st.inner.borrow_mut();
    inner.timeout = timeout;
    let sock = inner.open(vm)?;
    apply_timeout(sock, timeout).map_err(|e| io_error(vm, &e, None))?;
    Ok(Value::None)
}

/// `setblocking(flag)`: blocking (timeout None) or non-blocking (timeout 0.0).
fn setblocking(vm: &mut Vm, args: Args) -> PyResult {
    let (st, rest) = this(vm, &args, "setblocking", Sig::One)?;
    let block = c_int(vm, &rest[0])? != 0;
    set_timeout(vm, st, if block { None } else { Some(0) })
}

/// `getblocking()`: False only for a non-blocking socket (timeout 0.0).
fn getblocking(vm: &mut Vm, args: Args) -> PyResult {
    let (st, _) = this(vm, &args, "getblocking", Sig::NoArgs)?;
    let timeout = st.inner.borrow().timeout;
    Ok(Value::bool(timeout != Some(0)))
}

/// `settimeout(value)`: None, 0 (non-blocking) or seconds.
fn settimeout(vm: &mut Vm, args: Args) -> PyResult {
    let (st, rest) = this(vm, &args, "settimeout", Sig::One)?;
    let timeout = timeout_arg(vm, &rest[0])?;
    set_timeout(vm, st, timeout)
}

fn gettimeout(vm: &mut Vm, args: Args) -> PyResult {
    let (st, _) = this(vm, &args, "gettimeout", Sig::NoArgs)?;
    let timeout = st.inner.borrow().timeout;
    Ok(timeout_value(timeout))
}
