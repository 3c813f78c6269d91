//! `setsockopt` and `getsockopt`.
//!
//! `socket2` has no raw `setsockopt(level, name, bytes)` (it would need `unsafe`), so each
//! option apy knows is mapped onto its typed accessor (`SO_REUSEADDR` to
//! `set_reuse_address`, `TCP_NODELAY` to `set_tcp_nodelay`...). The system call is still
//! the real one, so the kernel's errors (`[Errno 95] Operation not supported` for a TCP
//! option on a Unix socket) come through unchanged; an option apy does not know fails
//! like an unknown one, `[Errno 92] Protocol not available`.
//!
//! Values are ints, or bytes holding the C value (a native-endian `int`, `struct linger`,
//! `struct timeval`, `struct ip_mreq`...), as in CPython; `getsockopt(level, name,
//! buflen)` returns those bytes.

use super::errors::{errno_error, io_error, plain_os_error, ENOPROTOOPT};
use super::object::{this, this_any};
use crate::native::{add_methods, c_int, Sig};
use crate::object::class::Class;
use crate::object::function::{Args, NativeFn};
use crate::object::Value;
use crate::vm::{PyResult, Vm};
use socket2::{Socket, TcpKeepalive};
use std::io;
use std::net::{Ipv4Addr, Ipv6Addr};
use std::rc::Rc;
use std::time::Duration;

const SOL_SOCKET: i32 = 1;
const IPPROTO_IP: i32 = 0;
const IPPROTO_TCP: i32 = 6;
const IPPROTO_IPV6: i32 = 41;

pub(super) fn register(vm: &mut Vm, class: &Rc<Class>) {
    let table: &[(&'static str, NativeFn)] =
        &[("setsockopt", setsockopt), ("getsockopt", getsockopt)];
    add_methods(vm, class, table);
}

/// An option's value as given to `setsockopt`.
enum OptValue {
    Int(i64),
    Bytes(Vec<u8>),
}

/// The error for an option apy does not know, or a value of the wrong shape.
fn unknown() -> io::Error {
    io::Error::from_raw_os_error(ENOPROTOOPT)
}

fn invalid() -> io::Error {
    io::Error::from_raw_os_error(super::errors::EINVAL)
}

impl OptValue {
    /// The value as a C `int`: an int, or the first four bytes of a buffer.
    fn int(&self) -> io::Result<i64> {
        match self {
            OptValue::Int(i) => Ok(*i),
            OptValue::Bytes(b) if b.len() >= 4 => {
                Ok(i32::from_ne_bytes([b[0], b[1], b[2], b[3]]) as i64)
            }
            OptValue::Bytes(_) => Err(invalid()),
        }
    }

    fn flag(&self) -> io::Result<bool> {
        Ok(self.int()? != 0)
    }

    fn u32(&self) -> io::Result<u32> {
        u32::try_from(self.int()?).map_err(|_| invalid())
    }

    fn bytes(&self) -> io::Result<&[u8]> {
        match self {
            OptValue::Bytes(b) => Ok(b),
            OptValue::Int(_) => Err(invalid()),
        }
    }
}

/// Reads the `i`-th native-endian 32- or 64-bit field of a C struct in `b`.
fn field_i32(b: &[u8], i: usize) -> io::Result<i32> {
    let s = b.get(4 * i..4 * i + 4).ok_or_else(invalid)?;
    Ok(i32::from_ne_bytes([s[0], s[1], s[2], s[3]]))
}

fn field_i64(b: &[u8], i: usize) -> io::Result<i64> {
    let s = b.get(8 * i..8 * i + 8).ok_or_else(invalid)?;
    let mut a = [0u8; 8];
    a.copy_from_slice(s);
    Ok(i64::from_ne_bytes(a))
}

/// A `struct timeval` as a timeout (zero: none).
fn timeval(b: &[u8]) -> io::Result<Option<Duration>> {
    let (sec, usec) = (field_i64(b, 0)?, field_i64(b, 1)?);
    if sec < 0 || !(0..1_000_000).contains(&usec) {
        return Err(invalid());
    }
    let d = Duration::from_secs(sec as u64) + Duration::from_micros(usec as u64);
    Ok((!d.is_zero()).then_some(d))
}

/// Sets one option on `s`.
fn set(s: &Socket, level: i32, name: i32, v: &OptValue) -> io::Result<()> {
    match (level, name) {
        (SOL_SOCKET, 2) => s.set_reuse_address(v.flag()?),
        (SOL_SOCKET, 6) => s.set_broadcast(v.flag()?),
        (SOL_SOCKET, 7) => s.set_send_buffer_size(v.int()?.max(0) as usize),
        (SOL_SOCKET, 8) => s.set_recv_buffer_size(v.int()?.max(0) as usize),
        (SOL_SOCKET, 9) => s.set_keepalive(v.flag()?),
        (SOL_SOCKET, 10) => s.set_out_of_band_inline(v.flag()?),
        (SOL_SOCKET, 12) => s.set_priority(v.u32()?),
        (SOL_SOCKET, 13) => {
            let b = v.bytes()?;
            let (on, secs) = (field_i32(b, 0)?, field_i32(b, 1)?);
            s.set_linger((on != 0).then(|| Duration::from_secs(secs.max(0) as u64)))
        }
        (SOL_SOCKET, 15) => s.set_reuse_port(v.flag()?),
        (SOL_SOCKET, 16) => s.set_passcred(v.flag()?),
        (SOL_SOCKET, 20) => s.set_read_timeout(timeval(v.bytes()?)?),
        (SOL_SOCKET, 21) => s.set_write_timeout(timeval(v.bytes()?)?),
        (SOL_SOCKET, 25) => {
            let b = v.bytes()?;
            let name = b.split(|&c| c == 0).next().unwrap_or_default();
            s.bind_device((!name.is_empty()).then_some(name))
        }
        (SOL_SOCKET, 36) => s.set_mark(v.u32()?),
        (IPPROTO_TCP, 1) => s.set_tcp_nodelay(v.flag()?),
        (IPPROTO_TCP, 2) => s.set_tcp_mss(v.u32()?),
        (IPPROTO_TCP, 3) => s.set_tcp_cork(v.flag()?),
        (IPPROTO_TCP, 4) => s.set_tcp_keepalive(
            &TcpKeepalive::new().with_time(Duration::from_secs(v.u32()? as u64)),
        ),
        (IPPROTO_TCP, 5) => s.set_tcp_keepalive(
            &TcpKeepalive::new().with_interval(Duration::from_secs(v.u32()? as u64)),
        ),
        (IPPROTO_TCP, 6) => s.set_tcp_keepalive(&TcpKeepalive::new().with_retries(v.u32()?)),
        (IPPROTO_TCP, 12) => s.set_tcp_quickack(v.flag()?),
        (IPPROTO_TCP, 13) => {
            let b = v.bytes()?;
            s.set_tcp_congestion(b.split(|&c| c == 0).next().unwrap_or_default())
        }
        (IPPROTO_TCP, 18) => {
            let ms = v.u32()?;
            s.set_tcp_user_timeout((ms != 0).then(|| Duration::from_millis(ms as u64)))
        }
        (IPPROTO_TCP, 25) => s.set_tcp_notsent_lowat(v.u32()?),
        (IPPROTO_IP, 1) => s.set_tos_v4(v.u32()?),
        (IPPROTO_IP, 2) => s.set_ttl_v4(v.u32()?),
        (IPPROTO_IP, 3) => s.set_header_included_v4(v.flag()?),
        (IPPROTO_IP, 19) => s.set_ip_transparent_v4(v.flag()?),
        (IPPROTO_IP, 32) => s.set_multicast_if_v4(&ipv4_at(v.bytes()?, 0)?),
        (IPPROTO_IP, 33) => s.set_multicast_ttl_v4(v.u32()?),
        (IPPROTO_IP, 34) => s.set_multicast_loop_v4(v.flag()?),
        (IPPROTO_IP, 35) => {
            let b = v.bytes()?;
            s.join_multicast_v4(&ipv4_at(b, 0)?, &ipv4_at(b, 4)?)
        }
        (IPPROTO_IP, 36) => {
            let b = v.bytes()?;
            s.leave_multicast_v4(&ipv4_at(b, 0)?, &ipv4_at(b, 4)?)
        }
        (IPPROTO_IPV6, 16) => s.set_unicast_hops_v6(v.u32()?),
        (IPPROTO_IPV6, 17) => s.set_multicast_if_v6(v.u32()?),
        (IPPROTO_IPV6, 18) => s.set_multicast_hops_v6(v.u32()?),
        (IPPROTO_IPV6, 19) => s.set_multicast_loop_v6(v.flag()?),
        (IPPROTO_IPV6, 20) => {
            let (group, iface) = ipv6_mreq(v.bytes()?)?;
            s.join_multicast_v6(&group, iface)
        }
        (IPPROTO_IPV6, 21) => {
            let (group, iface) = ipv6_mreq(v.bytes()?)?;
            s.leave_multicast_v6(&group, iface)
        }
        (IPPROTO_IPV6, 26) => s.set_only_v6(v.flag()?),
        (IPPROTO_IPV6, 67) => s.set_tclass_v6(v.u32()?),
        _ => Err(unknown()),
    }
}

/// The IPv4 address at byte `at` of a C struct.
fn ipv4_at(b: &[u8], at: usize) -> io::Result<Ipv4Addr> {
    let s = b.get(at..at + 4).ok_or_else(invalid)?;
    Ok(Ipv4Addr::new(s[0], s[1], s[2], s[3]))
}

/// A `struct ipv6_mreq`: the group and the interface index.
fn ipv6_mreq(b: &[u8]) -> io::Result<(Ipv6Addr, u32)> {
    let s = b.get(..16).ok_or_else(invalid)?;
    let mut a = [0u8; 16];
    a.copy_from_slice(s);
    Ok((Ipv6Addr::from(a), field_i32(b, 4)? as u32))
}

/// An option's value as `getsockopt` reads it: a C `int`, or the bytes of a struct.
enum Got {
    Int(i64),
    Bytes(Vec<u8>),
}

fn int(v: impl Into<i64>) -> io::Result<Got> {
    Ok(Got::Int(v.into()))
}

/// A timeout as a `struct timeval`.
fn timeval_bytes(d: Option<Duration>) -> Got {
    let d = d.unwrap_or_default();
    let mut b = (d.as_secs() as i64).to_ne_bytes().to_vec();
    b.extend_from_slice(&(d.subsec_micros() as i64).to_ne_bytes());
    Got::Bytes(b)
}

/// Reads one option of `s`.
fn get(s: &Socket, level: i32, name: i32) -> io::Result<Got> {
    let secs = |d: Duration| d.as_secs() as i64;
    match (level, name) {
        (SOL_SOCKET, 2) => int(s.reuse_address()?),
        (SOL_SOCKET, 3) => int(i32::from(s.r#type()?)),
        (SOL_SOCKET, 4) => int(s.take_error()?.and_then(|e| e.raw_os_error()).unwrap_or(0)),
        (SOL_SOCKET, 6) => int(s.broadcast()?),
        (SOL_SOCKET, 7) => int(s.send_buffer_size()? as i64),
        (SOL_SOCKET, 8) => int(s.recv_buffer_size()? as i64),
        (SOL_SOCKET, 9) => int(s.keepalive()?),
        (SOL_SOCKET, 10) => int(s.out_of_band_inline()?),
        (SOL_SOCKET, 12) => int(s.priority()?),
        (SOL_SOCKET, 13) => {
            let linger = s.linger()?;
            let mut b = i32::from(linger.is_some()).to_ne_bytes().to_vec();
            b.extend_from_slice(&(linger.map_or(0, |d| d.as_secs()) as i32).to_ne_bytes());
            Ok(Got::Bytes(b))
        }
        (SOL_SOCKET, 15) => int(s.reuse_port()?),
        (SOL_SOCKET, 16) => int(s.passcred()?),
        (SOL_SOCKET, 20) => Ok(timeval_bytes(s.read_timeout()?)),
        (SOL_SOCKET, 21) => Ok(timeval_bytes(s.write_timeout()?)),
        (SOL_SOCKET, 30) => int(s.is_listener()?),
        (SOL_SOCKET, 36) => int(s.mark()?),
        (SOL_SOCKET, 38) => int(s.protocol()?.map_or(0, i32::from)),
        (SOL_SOCKET, 39) => int(i32::from(s.domain()?)),
        (IPPROTO_TCP, 1) => int(s.tcp_nodelay()?),
        (IPPROTO_TCP, 2) => int(s.tcp_mss()?),
        (IPPROTO_TCP, 3) => int(s.tcp_cork()?),
        (IPPROTO_TCP, 4) => int(secs(s.tcp_keepalive_time()?)),
        (IPPROTO_TCP, 5) => int(secs(s.tcp_keepalive_interval()?)),
        (IPPROTO_TCP, 6) => int(s.tcp_keepalive_retries()?),
        (IPPROTO_TCP, 12) => int(s.tcp_quickack()?),
        (IPPROTO_TCP, 13) => {
            let mut name = s.tcp_congestion()?;
            name.resize(16, 0);
            Ok(Got::Bytes(name))
        }
        (IPPROTO_TCP, 18) => int(s.tcp_user_timeout()?.map_or(0, |d| d.as_millis() as i64)),
        (IPPROTO_TCP, 25) => int(s.tcp_notsent_lowat()?),
        (IPPROTO_IP, 1) => int(s.tos_v4()?),
        (IPPROTO_IP, 2) => int(s.ttl_v4()?),
        (IPPROTO_IP, 3) => int(s.header_included_v4()?),
        (IPPROTO_IP, 19) => int(s.ip_transparent_v4()?),
        (IPPROTO_IP, 32) => Ok(Got::Bytes(s.multicast_if_v4()?.octets().to_vec())),
        (IPPROTO_IP, 33) => int(s.multicast_ttl_v4()?),
        (IPPROTO_IP, 34) => int(s.multicast_loop_v4()?),
        (IPPROTO_IPV6, 16) => int(s.unicast_hops_v6()?),
        (IPPROTO_IPV6, 17) => int(s.multicast_if_v6()?),
        (IPPROTO_IPV6, 18) => int(s.multicast_hops_v6()?),
        (IPPROTO_IPV6, 19) => int(s.multicast_loop_v6()?),
        (IPPROTO_IPV6, 26) => int(s.only_v6()?),
        (IPPROTO_IPV6, 67) => int(s.tclass_v6()?),
        _ => Err(unknown()),
    }
}

/// `setsockopt(level, optname, value)` with an int or bytes-like value, or
/// `setsockopt(level, optname, None, optlen)`.
fn setsockopt(vm: &mut Vm, args: Args) -> PyResult {
    // CPython tries the three-argument form, then the four-argument one: a wrong count
    // is reported against the closer.
    let st = this_any(vm, &args, "setsockopt")?;
    if args.has_kw() {
        return Err(vm.type_error("socket.setsockopt() takes no keyword arguments"));
    }
    let rest = &args.values[1..];
    if !(3..=4).contains(&rest.len()) {
        let k = if rest.len() < 3 { 3 } else { 4 };
        return Err(vm.type_error(format!(
            "setsockopt() takes exactly {k} arguments ({} given)",
            rest.len()
        )));
    }
    let level = c_int(vm, &rest[0])? as i32;
    let name = c_int(vm, &rest[1])? as i32;
    let value = if rest.len() == 4 {
        if !rest[2].is_none() {
            return Err(vm.type_error(format!(
                "setsockopt() argument 3 must be NoneType, not {}",
                vm.type_name(&rest[2])
            )));
        }
        let optlen = c_int(vm, &rest[3])?;
        // A NULL value of `optlen` bytes: the kernel's EFAULT (or EINVAL for none).
        let inner = st.inner.borrow();
        inner.open(vm)?;
        return Err(errno_error(vm, if optlen > 0 { 14 } else { 22 }));
    } else {
        match &rest[2] {
            Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
                OptValue::Int(c_int(vm, &rest[2])?)
            }
            v => match vm.buffer_bytes(v) {
                Some(b) => OptValue::Bytes(b),
                None if vm.to_index(v)?.is_some() => OptValue::Int(c_int(vm, v)?),
                None => {
                    return Err(vm.type_error(format!(
                        "a bytes-like object is required, not '{}'",
                        vm.type_name(v)
                    )))
                }
            },
        }
    };
    let inner = st.inner.borrow();
    let sock = inner.open(vm)?;
    set(sock, level, name, &value).map_err(|e| io_error(vm, &e, None))?;
    Ok(Value::None)
}

/// `getsockopt(level, optname[, buflen])`: an int, or with `buflen` the option's bytes
/// (at most `buflen` of them).
fn getsockopt(vm: &mut Vm, args: Args) -> PyResult {
    let (st, rest) = this(vm, &args, "getsockopt", Sig::OldStyle(2, 3))?;
    let level = c_int(vm, &rest[0])? as i32;
    let name = c_int(vm, &rest[1])? as i32;
    let buflen = match rest.get(2) {
        Some(v) => Some(c_int(vm, v)?),
        None => None,
    };
    if let Some(n) = buflen {
        if n <= 0 || n > 1024 {
            return Err(plain_os_error(vm, "getsockopt buflen out of range"));
        }
    }
    let got = {
        let inner = st.inner.borrow();
        let sock = inner.open(vm)?;
        get(sock, level, name).map_err(|e| io_error(vm, &e, None))?
    };
    Ok(match (got, buflen) {
        (Got::Int(i), None) => Value::Int(i),
        (Got::Bytes(b), None) => {
            // A struct read as an int: its first field.
            let first = b
                .get(..4)
                .map_or(0, |s| i32::from_ne_bytes([s[0], s[1], s[2], s[3]]));
            Value::Int(first as i64)
        }
        (Got::Int(i), Some(n)) => {
            let mut b = (i as i32).to_ne_bytes().to_vec();
            b.truncate(n as usize);
            super::address::bytes_value(b)
        }
        (Got::Bytes(mut b), Some(n)) => {
            b.truncate(n as usize);
            super::address::bytes_value(b)
        }
    })
}
