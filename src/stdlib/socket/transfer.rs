//! Sending and receiving: `send`, `sendall`, `sendto`, `recv`, `recv_into`,
//! `recvfrom`, `recvfrom_into`.
//!
//! Sending is `socket2`'s (`send_with_flags`, `send_to_with_flags` take initialised
//! bytes). Receiving is not: `socket2` reads into uninitialised memory, which safe code
//! cannot look at, so the socket is lent to the standard library's types for the call
//! (`Read` for `&Socket`; `UdpSocket::recv_from`/`peek_from`, `TcpStream::peek`,
//! `UnixDatagram::recv_from` — moving a descriptor between the types is free). The flags
//! those support are `MSG_PEEK` (not on Unix sockets), `MSG_DONTWAIT` (made by switching
//! the socket to non-blocking for the call) and `MSG_WAITALL`; others fail with
//! `[Errno 95] Operation not supported`.
//!
//! A would-block failure is `BlockingIOError: [Errno 11] Resource temporarily
//! unavailable` on a non-blocking socket and `TimeoutError('timed out')` on one with a
//! timeout.

use super::address::{bytes_value, ip_value, std_unix_value, to_sockaddr};
use super::errors::{io_error, EOPNOTSUPP};
use super::object::{callee, this, this_any, Inner, SocketState};
use super::{AF_INET, AF_INET6, AF_UNIX, SOCK_STREAM};
use crate::builtins::bytearray;
use crate::native::{self, add_methods, c_int, ssize, Clinic, Sig};
use crate::object::class::Class;
use crate::object::function::{Args, NativeFn};
use crate::object::{Payload, Slice, Value};
use crate::runtime::read_scratch::{read_up_to, ReadError};
use crate::vm::ops::buffer::with_bytes;
use crate::vm::{PyResult, Vm};
use socket2::Socket;
use std::io::{self, Read};
use std::rc::Rc;

const MSG_PEEK: i32 = 2;
const MSG_DONTWAIT: i32 = 64;
const MSG_WAITALL: i32 = 256;

pub(super) fn register(vm: &mut Vm, class: &Rc<Class>) {
    let table: &[(&'static str, NativeFn)] = &[
        ("send", send),
        ("sendall", sendall),
        ("sendto", sendto),
        ("recv", recv),
        ("recv_into", recv_into),
        ("recvfrom", recvfrom),
        ("recvfrom_into", recvfrom_into),
    ];
    add_methods(vm, class, table);
}

/// The bytes of a bytes-like argument, or `a bytes-like object is required, not 'str'`.
/// Checks that `v` is bytes-like, which the sends then read in place through
/// [`with_bytes`] on each attempt (no copy of a large buffer per `send`), and gives its
/// length.
fn data_arg(vm: &Vm, v: &Value) -> PyResult<usize> {
    with_bytes(v, <[u8]>::len).ok_or_else(|| {
        vm.type_error(format!(
            "a bytes-like object is required, not '{}'",
            vm.type_name(v)
        ))
    })
}

/// An optional `flags` argument.
fn flags_arg(vm: &mut Vm, v: Option<&Value>) -> PyResult<i32> {
    match v {
        None => Ok(0),
        Some(v) => Ok(c_int(vm, v)? as i32),
    }
}

/// `send(data[, flags])`: sends what the system takes at once; returns how much.
fn send(vm: &mut Vm, args: Args) -> PyResult {
    let (st, rest) = this(vm, &args, "send", Sig::OldStyle(1, 2))?;
    let data = &rest[0];
    data_arg(vm, data)?;
    let flags = flags_arg(vm, rest.get(1))?;
    st.inner.borrow().open(vm)?;
    let n = vm
        .interruptible(|| {
            let inner = st.inner.borrow();
            let sock = inner.open_io()?;
            with_bytes(data, |d| sock.send_with_flags(d, flags)).unwrap_or(Ok(0))
        })?
        .map_err(|e| io_error(vm, &e, st.inner.borrow().timeout))?;
    Ok(Value::Int(n as i64))
}

/// `sendall(data[, flags])`: sends until everything is sent or an error occurs.
fn sendall(vm: &mut Vm, args: Args) -> PyResult {
    let (st, rest) = this(vm, &args, "sendall", Sig::OldStyle(1, 2))?;
    let data = &rest[0];
    let len = data_arg(vm, data)?;
    let flags = flags_arg(vm, rest.get(1))?;
    st.inner.borrow().open(vm)?;
    let mut sent = 0;
    // A signal handler may shrink a bytearray between attempts: what is gone is not sent.
    while sent < len {
        let n = vm
            .interruptible(|| {
                let inner = st.inner.borrow();
                let sock = inner.open_io()?;
                with_bytes(data, |d| match d.get(sent..len.min(d.len())) {
                    Some(rest) if !rest.is_empty() => sock.send_with_flags(rest, flags),
                    _ => Ok(0),
                })
                .unwrap_or(Ok(0))
            })?
            .map_err(|e| io_error(vm, &e, st.inner.borrow().timeout))?;
        if n == 0 {
            break;
        }
        sent += n;
    }
    Ok(Value::None)
}

/// `sendto(data[, flags], address)`.
fn sendto(vm: &mut Vm, args: Args) -> PyResult {
    let st = this_any(vm, &args, "sendto")?;
    if args.has_kw() {
        return Err(vm.type_error("socket.sendto() takes no keyword arguments"));
    }
    let rest = &args.values[1..];
    let (data, flags, address) = match rest {
        [data, address] => (data, None, address),
        [data, flags, address] => (data, Some(flags), address),
        _ => {
            return Err(vm.type_error(format!(
                "sendto() takes 2 or 3 arguments ({} given)",
                rest.len()
            )))
        }
    };
    data_arg(vm, data)?;
    let flags = flags_arg(vm, flags)?;
    let family = st.inner.borrow().family;
    let addr = to_sockaddr(vm, family, address, "sendto")?;
    st.inner.borrow().open(vm)?;
    let n = vm
        .interruptible(|| {
            let inner = st.inner.borrow();
            let sock = inner.open_io()?;
            with_bytes(data, |d| sock.send_to_with_flags(d, &addr, flags)).unwrap_or(Ok(0))
        })?
        .map_err(|e| io_error(vm, &e, st.inner.borrow().timeout))?;
    Ok(Value::Int(n as i64))
}

/// Runs `f` on the socket in `slot` lent to the standard library type `T`.
fn lend<T, R>(slot: &mut Option<Socket>, f: impl FnOnce(&T) -> io::Result<R>) -> io::Result<R>
where
    T: From<Socket>,
    Socket: From<T>,
{
    let Some(sock) = slot.take() else {
        return Err(io::Error::from_raw_os_error(super::errors::EBADF));
    };
    let lent = T::from(sock);
    let r = f(&lent);
    *slot = Some(Socket::from(lent));
    r
}

/// Receives into `buf` once, with `flags`; with `want_addr`, also the sender's address
/// (None where the system gives none: stream sockets, unnamed Unix senders).
fn receive_once(
    inner: &mut Inner,
    buf: &mut [u8],
    flags: i32,
    want_addr: bool,
) -> io::Result<(usize, Value)> {
    let ip = matches!(inner.family, AF_INET | AF_INET6);
    let stream = inner.kind == SOCK_STREAM;
    let peek = flags & MSG_PEEK != 0;
    if peek {
        if !ip {
            return Err(io::Error::from_raw_os_error(EOPNOTSUPP));
        }
        if stream {
            let n = lend(&mut inner.sock, |s: &std::net::TcpStream| s.peek(buf))?;
            return Ok((n, Value::None));
        }
        return lend(&mut inner.sock, |s: &std::net::UdpSocket| {
            if want_addr {
                s.peek_from(buf).map(|(n, a)| (n, ip_value(&a)))
            } else {
                s.peek(buf).map(|n| (n, Value::None))
            }
        });
    }
    if want_addr && ip && !stream {
        return lend(&mut inner.sock, |s: &std::net::UdpSocket| {
            s.recv_from(buf).map(|(n, a)| (n, ip_value(&a)))
        });
    }
    if want_addr && inner.family == AF_UNIX {
        return lend(&mut inner.sock, |s: &std::os::unix::net::UnixDatagram| {
            s.recv_from(buf).map(|(n, a)| (n, std_unix_value(&a)))
        });
    }
    let Some(sock) = inner.sock.as_ref() else {
        return Err(io::Error::from_raw_os_error(super::errors::EBADF));
    };
    let mut reader: &Socket = sock;
    reader.read(buf).map(|n| (n, Value::None))
}

/// Receives into `buf` as `recv`'s flags ask (see the module doc): how many bytes and
/// the sender's address.
fn receive(
    inner: &mut Inner,
    buf: &mut [u8],
    flags: i32,
    want_addr: bool,
) -> io::Result<(usize, Value)> {
    if flags & !(MSG_PEEK | MSG_DONTWAIT | MSG_WAITALL) != 0 {
        return Err(io::Error::from_raw_os_error(EOPNOTSUPP));
    }
    let dontwait = flags & MSG_DONTWAIT != 0 && inner.timeout != Some(0);
    if dontwait {
        if let Some(s) = &inner.sock {
            s.set_nonblocking(true)?;
        }
    }
    let mut r = receive_once(inner, buf, flags, want_addr);
    if flags & MSG_WAITALL != 0 && flags & MSG_PEEK == 0 && inner.kind == SOCK_STREAM {
        // Keep reading until the buffer is full, the stream ends or an error comes
        // (which, as the kernel does, only counts when nothing arrived).
        if let Ok((mut got, _)) = r {
            while got > 0 && got < buf.len() {
                // An interrupted continuation ends with what arrived, as the
                // kernel's own MSG_WAITALL does.
                match receive_once(inner, &mut buf[got..], flags, false) {
                    Ok((0, _)) | Err(_) => break,
                    Ok((more, _)) => got += more,
                }
            }
            r = Ok((got, Value::None));
        }
    }
    if dontwait {
        if let Some(s) = &inner.sock {
            s.set_nonblocking(false)?;
        }
    }
    r
}

/// [`receive`] into new bytes (at most `size`, only what arrived is kept), retried
/// after EINTR as [`Vm::interruptible`] does.
fn receive_new(
    vm: &mut Vm,
    st: &SocketState,
    size: usize,
    flags: i32,
    want_addr: bool,
) -> PyResult<(Vec<u8>, Value)> {
    loop {
        let r = read_up_to(size, |buf| {
            receive(&mut st.inner.borrow_mut(), buf, flags, want_addr)
        });
        match r {
            Err(ReadError::Io(e)) if e.kind() == io::ErrorKind::Interrupted => {
                vm.check_signals()?
            }
            Err(ReadError::NoMemory) => return Err(vm.memory_error()),
            Err(ReadError::Io(e)) => return Err(io_error(vm, &e, st.inner.borrow().timeout)),
            Ok(got) => return Ok(got),
        }
    }
}

/// The most one receive can return on `sock` (with `flags`): a generous bound on its
/// receive queue (at least 4 MiB, and both buffer sizes), so that `recv(2**40)` does
/// not zero a terabyte first. Only `MSG_WAITALL` may need more.
fn largest_read(sock: &Socket, flags: i32) -> usize {
    if flags & MSG_WAITALL != 0 {
        return usize::MAX;
    }
    let rcv = sock.recv_buffer_size().unwrap_or(0);
    let snd = sock.send_buffer_size().unwrap_or(0);
    rcv.max(snd).max(MIN_LARGEST_READ)
}

/// The least [`largest_read`] gives: sizes up to it are allocated as asked.
const MIN_LARGEST_READ: usize = 4 << 20;

/// A buffer size argument: `negative buffersize in recv` below zero.
fn size_arg(vm: &mut Vm, v: &Value, caller: &str) -> PyResult<usize> {
    let n = ssize(vm, v)?;
    if n < 0 {
        return Err(vm.value_error(format!("negative buffersize in {caller}")));
    }
    Ok(n as usize)
}

/// `recv(bufsize[, flags])` and `recvfrom(bufsize[, flags])`.
fn recv_common(vm: &mut Vm, args: Args, name: &str, want_addr: bool) -> PyResult {
    let (st, rest) = this(vm, &args, name, Sig::OldStyle(1, 2))?;
    let size = size_arg(vm, &rest[0], name)?;
    let flags = flags_arg(vm, rest.get(1))?;
    if size == 0 && !want_addr {
        // CPython's `recv(0)` returns at once, without a system call.
        return Ok(bytes_value(Vec::new()));
    }
    let size = {
        let inner = st.inner.borrow();
        let sock = inner.open(vm)?;
        if size > MIN_LARGEST_READ {
            size.min(largest_read(sock, flags))
        } else {
            size
        }
    };
    let (buf, addr) = receive_new(vm, st, size, flags, want_addr)?;
    let data = bytes_value(buf);
    Ok(if want_addr {
        Value::tuple(vec![data, addr])
    } else {
        data
    })
}

/// `recv(bufsize[, flags])`: at most `bufsize` bytes; `b''` at end of stream.
fn recv(vm: &mut Vm, args: Args) -> PyResult {
    recv_common(vm, args, "recv", false)
}

/// `recvfrom(bufsize[, flags])`: `(data, address)`.
fn recvfrom(vm: &mut Vm, args: Args) -> PyResult {
    recv_common(vm, args, "recvfrom", true)
}

/// The length of a writable buffer argument (a bytearray or a writable memoryview),
/// or CPython's TypeError naming `caller`.
fn writable_len(vm: &mut Vm, v: &Value, caller: &str) -> PyResult<usize> {
    let wrong = |vm: &Vm| {
        vm.type_error(format!(
            "{caller}() argument 1 must be read-write bytes-like object, not {}",
            vm.type_name(v)
        ))
    };
    if let Some(a) = bytearray::state(v) {
        return Ok(a.data.borrow().len());
    }
    let is_bytes = matches!(v, Value::Bytes(_))
        || matches!(v, Value::Object(o) if matches!(o.payload, Payload::Builtin(Value::Bytes(_))));
    if is_bytes {
        return Err(wrong(vm));
    }
    let Some(data) = vm.buffer_bytes(v) else {
        return Err(wrong(vm));
    };
    let readonly = vm.intern("readonly");
    if let Some(flag) = vm.get_attr_opt(v, &readonly)? {
        if vm.is_true(&flag)? {
            return Err(wrong(vm));
        }
    }
    Ok(data.len())
}

const RECV_INTO: Clinic = Clinic::new("recv_into", &["buffer", "nbytes", "flags"]).required(1);
const RECVFROM_INTO: Clinic =
    Clinic::new("recvfrom_into", &["buffer", "nbytes", "flags"]).required(1);

/// `recv_into(buffer, nbytes=0, flags=0)` and `recvfrom_into(...)`: receives into the
/// start of a writable buffer, at most `nbytes` (all of it when 0).
fn recv_into_common(vm: &mut Vm, args: Args, sig: &Clinic, want_addr: bool) -> PyResult {
    let name = sig.name;
    let st = super::object::this_any(vm, &args, name)?;
    let (_, rest) = native::split_self(vm, callee(name), &args)?;
    let [target, nbytes, flags] = sig.bind(vm, &rest)?;
    let target = target.unwrap_or(Value::None);
    let len = writable_len(vm, &target, name)?;
    let nbytes = match &nbytes {
        Some(v) => ssize(vm, v)?,
        None => 0,
    };
    if nbytes < 0 {
        return Err(vm.value_error(format!("negative buffersize in {name}")));
    }
    let nbytes = match nbytes as usize {
        0 => len,
        n if n > len => {
            return Err(vm.value_error(if want_addr {
                "nbytes is greater than the length of the buffer"
            } else {
                "buffer too small for requested bytes"
            }))
        }
        n => n,
    };
    let flags = flags_arg(vm, flags.as_ref())?;
    st.inner.borrow().open(vm)?;
    // A bytearray is read into directly; anything else gets what arrived by slice
    // assignment.
    let (n, addr) = if let Some(a) = bytearray::state(&target) {
        vm.interruptible(|| {
            let mut data = a.data.borrow_mut();
            let end = nbytes.min(data.len());
            receive(
                &mut st.inner.borrow_mut(),
                &mut data[..end],
                flags,
                want_addr,
            )
        })?
        .map_err(|e| io_error(vm, &e, st.inner.borrow().timeout))?
    } else {
        let (buf, addr) = receive_new(vm, st, nbytes, flags, want_addr)?;
        let n = buf.len();
        let window = Value::Slice(Rc::new(Slice {
            start: Value::Int(0),
            stop: Value::Int(n as i64),
            step: Value::None,
        }));
        vm.set_item(&target, window, bytes_value(buf))?;
        (n, addr)
    };
    Ok(if want_addr {
        Value::tuple(vec![Value::Int(n as i64), addr])
    } else {
        Value::Int(n as i64)
    })
}

fn recv_into(vm: &mut Vm, args: Args) -> PyResult {
    recv_into_common(vm, args, &RECV_INTO, false)
}

fn recvfrom_into(vm: &mut Vm, args: Args) -> PyResult {
    recv_into_common(vm, args, &RECVFROM_INTO, true)
}
