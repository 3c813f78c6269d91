//! The module's functions that need no name service: byte order (`htons`...), IP
//! addresses between text and packed bytes (`inet_aton`, `inet_pton`...), the default
//! timeout of new sockets, `socketpair`, and `close(fd)` for a released descriptor.
//!
//! Their checks and messages are CPython's: `inet_aton` accepts what glibc's accepts
//! (`127.1`, `0x7f.1`, trailing junk after a space), `inet_ntop` writes IPv6 as glibc
//! does.

use super::address::{bytes_value, inet_aton as parse_aton, ipv6_text};
use super::errors::{errno_error, os_error, plain_os_error, EAFNOSUPPORT};
use super::object::{adopt, default_timeout, timeout_arg, timeout_value, wrap};
use super::SOCK_STREAM;
use super::{module_state_or_err, AF_INET, AF_INET6, AF_UNIX, SOCK_CLOEXEC};
use crate::native::{c_int, function_args, ModuleDef, Sig};
use crate::object::function::Args;
use crate::object::Value;
use crate::vm::{PyResult, Vm};
use socket2::{Domain, Protocol, Socket, Type};
use std::net::{Ipv4Addr, Ipv6Addr};

pub(super) fn register(vm: &mut Vm, m: &ModuleDef) {
    m.funcs(
        vm,
        &[
            ("htons", htons),
            ("ntohs", htons_named_ntohs),
            ("htonl", htonl),
            ("ntohl", htonl_named_ntohl),
            ("inet_aton", inet_aton),
            ("inet_ntoa", inet_ntoa),
            ("inet_pton", inet_pton),
            ("inet_ntop", inet_ntop),
            ("getdefaulttimeout", getdefaulttimeout),
            ("setdefaulttimeout", setdefaulttimeout),
            ("socketpair", socketpair),
            ("close", close),
        ],
    );
}

/// The one int argument of `htons`/`htonl` and kin, as a C long.
fn long_arg(vm: &mut Vm, name: &str, args: &Args) -> PyResult<i64> {
    let v = &function_args(vm, name, Sig::OldStyle(1, 1), args)?[0];
    match v {
        Value::BigInt(_) => Err(vm.overflow_error("Python int too large to convert to C long")),
        _ => match vm.to_index(v)? {
            Some(i) => Ok(i),
            None => Err(vm.type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                vm.type_name(v)
            ))),
        },
    }
}

/// `htons(x)` / `ntohs(x)`: swaps the bytes of a 16-bit int (the host is little-endian).
fn swap16(vm: &mut Vm, name: &str, args: &Args) -> PyResult {
    let x = long_arg(vm, name, args)?;
    if x < 0 {
        return Err(vm.overflow_error(format!(
            "{name}: can't convert negative Python int to C 16-bit unsigned integer"
        )));
    }
    if x > 0xffff {
        return Err(vm.overflow_error(format!(
            "{name}: Python int too large to convert to C 16-bit unsigned integer"
        )));
    }
    Ok(Value::Int((x as u16).swap_bytes() as i64))
}

/// `htonl(x)` / `ntohl(x)`: swaps the bytes of a 32-bit int.
fn swap32(vm: &mut Vm, name: &str, args: &Args) -> PyResult {
    let x = long_arg(vm, name, args)?;
    if x < 0 {
        return Err(vm.overflow_error("can't convert negative value to unsigned int"));
    }
    if x > 0xffff_ffff {
        return Err(vm.overflow_error("int larger than 32 bits"));
    }
    Ok(Value::Int((x as u32).swap_bytes() as i64))
}

fn htons(vm: &mut Vm, args: Args) -> PyResult {
    swap16(vm, "htons", &args)
}

fn htons_named_ntohs(vm: &mut Vm, args: Args) -> PyResult {
    swap16(vm, "ntohs", &args)
}

fn htonl(vm: &mut Vm, args: Args) -> PyResult {
    swap32(vm, "htonl", &args)
}

fn htonl_named_ntohl(vm: &mut Vm, args: Args) -> PyResult {
    swap32(vm, "ntohl", &args)
}

/// A `str` argument of `name` at position `pos`, without NUL characters.
fn str_arg(vm: &Vm, name: &str, pos: usize, v: &Value) -> PyResult<String> {
    let Value::Str(s) = v else {
        return Err(vm.type_error(format!(
            "{name}() argument {pos} must be str, not {}",
            crate::native::clinic_type_name(vm, v)
        )));
    };
    if s.as_str().contains('\0') {
        return Err(vm.value_error("embedded null character"));
    }
    Ok(s.as_str().to_string())
}

/// The bytes of a bytes-like argument.
fn packed_arg(vm: &Vm, v: &Value) -> PyResult<Vec<u8>> {
    vm.buffer_bytes(v).ok_or_else(|| {
        vm.type_error(format!(
            "a bytes-like object is required, not '{}'",
            vm.type_name(v)
        ))
    })
}

/// `inet_aton(string)`: an IPv4 address in glibc's forms, as 4 packed bytes.
fn inet_aton(vm: &mut Vm, args: Args) -> PyResult {
    let v = &function_args(vm, "inet_aton", Sig::OldStyle(1, 1), &args)?[0];
    let text = str_arg(vm, "inet_aton", 1, v)?;
    match parse_aton(&text, false) {
        Some(a) => Ok(bytes_value(a.octets().to_vec())),
        None => Err(plain_os_error(
            vm,
            "illegal IP address string passed to inet_aton",
        )),
    }
}

/// `inet_ntoa(packed)`: 4 bytes as a dotted quad.
fn inet_ntoa(vm: &mut Vm, args: Args) -> PyResult {
    let v = &function_args(vm, "inet_ntoa", Sig::OldStyle(1, 1), &args)?[0];
    let b = packed_arg(vm, v)?;
    let Ok(octets) = <[u8; 4]>::try_from(b.as_slice()) else {
        return Err(plain_os_error(vm, "packed IP wrong length for inet_ntoa"));
    };
    Ok(Value::str(Ipv4Addr::from(octets).to_string()))
}

/// `inet_pton(family, string)`: a strict IPv4 or IPv6 address as packed bytes.
fn inet_pton(vm: &mut Vm, args: Args) -> PyResult {
    let a = function_args(vm, "inet_pton", Sig::OldStyle(2, 2), &args)?;
    let family = c_int(vm, &a[0])? as i32;
    let text = str_arg(vm, "inet_pton", 2, &a[1])?;
    let packed = match family {
        AF_INET => text.parse::<Ipv4Addr>().ok().map(|a| a.octets().to_vec()),
        AF_INET6 => text.parse::<Ipv6Addr>().ok().map(|a| a.octets().to_vec()),
        _ => return Err(errno_error(vm, EAFNOSUPPORT)),
    };
    match packed {
        Some(b) => Ok(bytes_value(b)),
        None => Err(plain_os_error(
            vm,
            "illegal IP address string passed to inet_pton",
        )),
    }
}

/// `inet_ntop(family, packed)`: packed bytes as an address string.
fn inet_ntop(vm: &mut Vm, args: Args) -> PyResult {
    let a = function_args(vm, "inet_ntop", Sig::OldStyle(2, 2), &args)?;
    let family = c_int(vm, &a[0])? as i32;
    let b = packed_arg(vm, &a[1])?;
    let bad_length = |vm: &Vm| vm.value_error("invalid length of packed IP address string");
    match family {
        AF_INET => match <[u8; 4]>::try_from(b.as_slice()) {
            Ok(o) => Ok(Value::str(Ipv4Addr::from(o).to_string())),
            Err(_) => Err(bad_length(vm)),
        },
        AF_INET6 => match <[u8; 16]>::try_from(b.as_slice()) {
            Ok(o) => Ok(Value::str(ipv6_text(&Ipv6Addr::from(o)))),
            Err(_) => Err(bad_length(vm)),
        },
        _ => Err(vm.value_error(format!("unknown address family {family}"))),
    }
}

/// `getdefaulttimeout()`: the timeout new sockets get (None: blocking).
fn getdefaulttimeout(vm: &mut Vm, args: Args) -> PyResult {
    function_args(vm, "_socket.getdefaulttimeout", Sig::NoArgs, &args)?;
    Ok(timeout_value(default_timeout(vm)))
}

/// `setdefaulttimeout(timeout)`.
fn setdefaulttimeout(vm: &mut Vm, args: Args) -> PyResult {
    let v = &function_args(vm, "_socket.setdefaulttimeout", Sig::One, &args)?[0];
    let timeout = timeout_arg(vm, v)?;
    module_state_or_err(vm)?.default_timeout.set(timeout);
    Ok(Value::None)
}

/// `socketpair([family[, type[, proto]]])`: two connected `_socket.socket` objects,
/// `AF_UNIX` and `SOCK_STREAM` by default.
fn socketpair(vm: &mut Vm, args: Args) -> PyResult {
    let a = function_args(vm, "socketpair", Sig::OldStyle(0, 3), &args)?;
    let mut ints = [AF_UNIX, SOCK_STREAM, 0];
    for (slot, v) in ints.iter_mut().zip(a) {
        *slot = c_int(vm, v)? as i32;
    }
    let [family, kind, proto] = ints;
    let protocol = (proto != 0).then(|| Protocol::from(proto));
    // `Socket::pair` adds SOCK_CLOEXEC itself.
    let ty = Type::from(kind & !SOCK_CLOEXEC);
    let (a, b): (Socket, Socket) =
        Socket::pair(Domain::from(family), ty, protocol).map_err(|e| os_error(vm, &e))?;
    let kind = kind & !SOCK_CLOEXEC;
    let a = wrap(vm, a, family, kind, proto)?;
    let b = wrap(vm, b, family, kind, proto)?;
    Ok(Value::tuple(vec![a, b]))
}

/// `close(fd)`: closes a descriptor `detach()` or `_accept()` released.
fn close(vm: &mut Vm, args: Args) -> PyResult {
    let v = &function_args(vm, "close", Sig::OldStyle(1, 1), &args)?[0];
    let fd = c_int(vm, v)?;
    let sock = adopt(vm, fd as i32)?;
    drop(sock);
    Ok(Value::None)
}
