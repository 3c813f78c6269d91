//! Socket addresses between Python and the system: the tuples and paths programs pass
//! (`('127.0.0.1', 80)`, `(host, port, flowinfo, scope_id)`, `'/tmp/sock'`) become a
//! `socket2::SockAddr`, and the addresses the system reports become those values again.
//!
//! CPython's `getsockaddrarg` decides the messages (`bind(): port must be 0-65535.`,
//! `AF_INET address must be a pair (host, port)`) and the order of the checks: the host's
//! type, the port's type, resolving the host, then the port's range. Hosts resolve as its
//! `setipaddr` does: `''` is the wildcard address, `'<broadcast>'` the broadcast one,
//! numbers parse as glibc parses them (`inet_aton` accepts `127.1`), and names go to the
//! system resolver. Addresses print as glibc's `inet_ntop` prints them (`::1.2.3.4`
//! included), which is not quite how Rust's `Display` does.

use super::errors::{gai_error, plain_os_error, resolver_error, EAI_ADDRFAMILY, EAI_NONAME};
use super::{AF_INET, AF_INET6, AF_UNIX};
use crate::object::string::PyBytes;
use crate::object::Value;
use crate::vm::{PyResult, Vm};
use socket2::SockAddr;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV4, SocketAddrV6};
use std::rc::Rc;

/// `bytes` from a byte vector.
pub fn bytes_value(data: Vec<u8>) -> Value {
    Value::Bytes(Rc::new(PyBytes::new(data)))
}

/// glibc's `inet_aton` on `s`: up to four numbers (decimal, `0` octal or `0x` hex), the
/// last filling the remaining bytes. `exact` rejects what the C function tolerates after
/// the address (whitespace and anything beyond it), as `getaddrinfo` does.
pub fn inet_aton(s: &str, exact: bool) -> Option<Ipv4Addr> {
    let b = s.as_bytes();
    let mut parts: Vec<u64> = Vec::with_capacity(4);
    let mut i = 0;
    loop {
        if !b.get(i).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        let (value, next) = parse_c_number(b, i)?;
        i = next;
        if b.get(i) == Some(&b'.') {
            if parts.len() >= 3 || value > 0xff {
                return None;
            }
            parts.push(value);
            i += 1;
        } else {
            parts.push(value);
            break;
        }
    }
    match b.get(i) {
        None => {}
        Some(c) if !exact && c.is_ascii_whitespace() => {}
        Some(_) => return None,
    }
    let last = *parts.last()?;
    let head = &parts[..parts.len() - 1];
    let limit: u64 = match head.len() {
        0 => 0xffff_ffff,
        1 => 0xff_ffff,
        2 => 0xffff,
        _ => 0xff,
    };
    if last > limit {
        return None;
    }
    let mut value = last as u32;
    for (k, p) in head.iter().enumerate() {
        value |= (*p as u32) << (24 - 8 * k);
    }
    Some(Ipv4Addr::from(value))
}

/// One number as C's `strtoul(s, &end, 0)` reads it from `b[i..]` (which starts with a
/// digit): its value and where it ends. None on overflow.
fn parse_c_number(b: &[u8], mut i: usize) -> Option<(u64, usize)> {
    let (radix, start) = if b[i] == b'0' && matches!(b.get(i + 1), Some(b'x' | b'X')) {
        if b.get(i + 2).is_some_and(u8::is_ascii_hexdigit) {
            (16, i + 2)
        } else {
            // "0x" without digits is the number 0 followed by 'x'.
            return Some((0, i + 1));
        }
    } else if b[i] == b'0' {
        (8, i)
    } else {
        (10, i)
    };
    i = start;
    let mut value: u64 = 0;
    while let Some(d) = b.get(i).and_then(|c| (*c as char).to_digit(radix)) {
        value = value.checked_mul(radix as u64)?.checked_add(d as u64)?;
        i += 1;
    }
    Some((value, i))
}

/// glibc's `inet_ntop(AF_INET6, ...)`: the longest run of two or more zero groups
/// (the first of equal ones) becomes `::`, and `::a.b.c.d` / `::ffff:a.b.c.d` keep the
/// embedded IPv4 address dotted.
pub fn ipv6_text(addr: &Ipv6Addr) -> String {
    let words = addr.segments();
    let (mut best, mut cur): ((i32, i32), (i32, i32)) = ((-1, 0), (-1, 0));
    for (i, w) in words.iter().enumerate() {
        if *w == 0 {
            if cur.0 == -1 {
                cur = (i as i32, 1);
            } else {
                cur.1 += 1;
            }
        } else if cur.0 != -1 {
            if best.0 == -1 || cur.1 > best.1 {
                best = cur;
            }
            cur = (-1, 0);
        }
    }
    if cur.0 != -1 && (best.0 == -1 || cur.1 > best.1) {
        best = cur;
    }
    if best.0 != -1 && best.1 < 2 {
        best = (-1, 0);
    }
    let mut out = String::new();
    let octets = addr.octets();
    for (i, w) in words.iter().enumerate() {
        let i = i as i32;
        if best.0 != -1 && i >= best.0 && i < best.0 + best.1 {
            if i == best.0 {
                out.push(':');
            }
            continue;
        }
        if i != 0 {
            out.push(':');
        }
        if i == 6 && best.0 == 0 && (best.1 == 6 || (best.1 == 5 && words[5] == 0xffff)) {
            let v4 = Ipv4Addr::new(octets[12], octets[13], octets[14], octets[15]);
            out.push_str(&v4.to_string());
            break;
        }
        out.push_str(&format!("{w:x}"));
    }
    if best.0 != -1 && best.0 + best.1 == 8 {
        out.push(':');
    }
    out
}

/// The index of network interface `name` (`if_nametoindex`), read from sysfs.
pub fn interface_index(name: &str) -> Option<u32> {
    if name.is_empty() || name.contains('/') || name.starts_with('.') {
        return None;
    }
    let text = std::fs::read_to_string(format!("/sys/class/net/{name}/ifindex")).ok()?;
    text.trim().parse().ok()
}

/// A numeric IPv6 address with an optional `%scope` (an interface name or number).
pub fn parse_ipv6(s: &str) -> Option<(Ipv6Addr, u32)> {
    let (addr, scope) = match s.split_once('%') {
        Some((a, scope)) => {
            let id = match scope.parse::<u32>() {
                Ok(n) => n,
                Err(_) => interface_index(scope)?,
            };
            (a, id)
        }
        None => (s, 0),
    };
    Some((addr.parse().ok()?, scope))
}

/// A host argument: `str`, `bytes` or `bytearray` (CPython's `idna_converter`).
pub fn host_arg(vm: &Vm, v: &Value) -> PyResult<String> {
    match v {
        Value::Str(s) => Ok(s.as_str().to_string()),
        Value::Bytes(b) => Ok(String::from_utf8_lossy(&b.data).into_owned()),
        _ if vm.type_name(v) == "bytearray" => {
            let data = vm.buffer_bytes(v).unwrap_or_default();
            Ok(String::from_utf8_lossy(&data).into_owned())
        }
        _ => Err(vm.type_error(format!(
            "str, bytes or bytearray expected, not {}",
            vm.type_name(v)
        ))),
    }
}

/// The address `host` names for a socket of `family`, as CPython's `setipaddr` finds it;
/// with the scope id a numeric IPv6 address carries.
pub fn resolve_host(vm: &Vm, host: &str, family: i32) -> PyResult<(IpAddr, u32)> {
    if host.is_empty() {
        return Ok(if family == AF_INET6 {
            (IpAddr::V6(Ipv6Addr::UNSPECIFIED), 0)
        } else {
            (IpAddr::V4(Ipv4Addr::UNSPECIFIED), 0)
        });
    }
    if host == "<broadcast>" || host == "255.255.255.255" {
        if family != AF_INET {
            return Err(plain_os_error(vm, "address family mismatched"));
        }
        return Ok((IpAddr::V4(Ipv4Addr::BROADCAST), 0));
    }
    if let Some(v4) = inet_aton(host, true) {
        if family == AF_INET6 {
            return Err(gai_error(vm, EAI_ADDRFAMILY));
        }
        return Ok((IpAddr::V4(v4), 0));
    }
    if let Some((v6, scope)) = parse_ipv6(host) {
        if family == AF_INET {
            return Err(gai_error(vm, EAI_ADDRFAMILY));
        }
        return Ok((IpAddr::V6(v6), scope));
    }
    let found = lookup(vm, host)?;
    found
        .into_iter()
        .find(|a| match a {
            SocketAddr::V4(_) => family != AF_INET6,
            SocketAddr::V6(_) => family != AF_INET,
        })
        .map(|a| match a {
            SocketAddr::V4(v4) => (IpAddr::V4(*v4.ip()), 0),
            SocketAddr::V6(v6) => (IpAddr::V6(*v6.ip()), v6.scope_id()),
        })
        .ok_or_else(|| gai_error(vm, EAI_NONAME))
}

/// The addresses the system resolver gives for the name `host`, in its order.
pub fn lookup(vm: &Vm, host: &str) -> PyResult<Vec<SocketAddr>> {
    use std::net::ToSocketAddrs;
    if host.contains('\0') {
        return Err(gai_error(vm, EAI_NONAME));
    }
    match (host, 0u16).to_socket_addrs() {
        Ok(it) => Ok(it.collect()),
        Err(e) => Err(resolver_error(vm, &e)),
    }
}

/// An integer argument of an address tuple (`'str' object cannot be interpreted as an
/// integer`); None for one beyond i64, which every range check rejects.
fn tuple_int(vm: &mut Vm, v: &Value) -> PyResult<Option<i64>> {
    match v {
        Value::BigInt(_) => Ok(None),
        Value::Float(_) => Err(vm.type_error("'float' object cannot be interpreted as an integer")),
        _ => match vm.to_index(v)? {
            Some(i) if i == i64::MIN || i == i64::MAX => Ok(None),
            Some(i) => Ok(Some(i)),
            None => Err(vm.type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                vm.type_name(v)
            ))),
        },
    }
}

/// The bytes of an `AF_UNIX` address: a `str` path (UTF-8) or any bytes-like object.
pub fn unix_path(vm: &Vm, v: &Value) -> PyResult<Vec<u8>> {
    if let Value::Str(s) = v {
        return Ok(s.as_str().as_bytes().to_vec());
    }
    vm.buffer_bytes(v).ok_or_else(|| {
        vm.type_error(format!(
            "a bytes-like object is required, not '{}'",
            vm.type_name(v)
        ))
    })
}

/// The longest `AF_UNIX` path (`sizeof(sun_path)`).
const SUN_PATH_LEN: usize = 108;

/// A `SockAddr` for the `AF_UNIX` path `path` (a leading NUL names Linux's abstract
/// namespace).
pub fn unix_sockaddr(vm: &Vm, path: &[u8]) -> PyResult<SockAddr> {
    use std::os::unix::ffi::OsStrExt;
    if path.len() > SUN_PATH_LEN {
        return Err(plain_os_error(vm, "AF_UNIX path too long"));
    }
    SockAddr::unix(std::ffi::OsStr::from_bytes(path))
        .map_err(|_| plain_os_error(vm, "AF_UNIX path too long"))
}

/// The address `addr` for a socket of `family`, checked as CPython's `getsockaddrarg`
/// checks it for the method `caller` (`bind`, `connect`, `sendto`...).
pub fn to_sockaddr(vm: &mut Vm, family: i32, addr: &Value, caller: &str) -> PyResult<SockAddr> {
    match family {
        AF_UNIX => {
            let path = unix_path(vm, addr)?;
            unix_sockaddr(vm, &path)
        }
        AF_INET | AF_INET6 => {
            let name = if family == AF_INET {
                "AF_INET"
            } else {
                "AF_INET6"
            };
            let Value::Tuple(t) = addr else {
                return Err(vm.type_error(format!(
                    "{caller}(): {name} address must be tuple, not {}",
                    vm.type_name(addr)
                )));
            };
            let items = &t.items;
            let shape_ok = if family == AF_INET {
                items.len() == 2
            } else {
                (2..=4).contains(&items.len())
            };
            if !shape_ok {
                return Err(vm.type_error(if family == AF_INET {
                    "AF_INET address must be a pair (host, port)"
                } else {
                    "AF_INET6 address must be a tuple (host, port[, flowinfo[, scopeid]])"
                }));
            }
            let host = host_arg(vm, &items[0])?;
            let port = tuple_int(vm, &items[1])?;
            let flowinfo = match items.get(2) {
                Some(v) => tuple_int(vm, v)?,
                None => Some(0),
            };
            let scope_id = match items.get(3) {
                Some(v) => tuple_int(vm, v)?,
                None => Some(0),
            };
            let (ip, _) = resolve_host(vm, &host, family)?;
            let port = match port {
                Some(p @ 0..=65535) => p as u16,
                _ => return Err(vm.overflow_error(format!("{caller}(): port must be 0-65535."))),
            };
            match ip {
                IpAddr::V4(v4) => Ok(SockAddr::from(SocketAddrV4::new(v4, port))),
                IpAddr::V6(v6) => {
                    let flowinfo = match flowinfo {
                        Some(f @ 0..=0xfffff) => f as u32,
                        _ => {
                            return Err(vm.overflow_error(format!(
                                "{caller}(): flowinfo must be 0-1048575."
                            )))
                        }
                    };
                    let scope_id = match scope_id.map(u32::try_from) {
                        Some(Ok(s)) => s,
                        _ => {
                            return Err(vm.overflow_error(
                                "Python int too large to convert to C unsigned long",
                            ))
                        }
                    };
                    Ok(SockAddr::from(SocketAddrV6::new(
                        v6, port, flowinfo, scope_id,
                    )))
                }
            }
        }
        _ => Err(plain_os_error(vm, format!("{caller}(): bad family"))),
    }
}

/// An IP socket address as Python sees it: `(host, port)` or `(host, port, flowinfo,
/// scope_id)`.
pub fn ip_value(addr: &SocketAddr) -> Value {
    match addr {
        SocketAddr::V4(a) => Value::tuple(vec![
            Value::str(a.ip().to_string()),
            Value::Int(a.port() as i64),
        ]),
        SocketAddr::V6(a) => Value::tuple(vec![
            Value::str(ipv6_text(a.ip())),
            Value::Int(a.port() as i64),
            Value::Int(a.flowinfo() as i64),
            Value::Int(a.scope_id() as i64),
        ]),
    }
}

/// An `AF_UNIX` path as Python sees it: abstract names as bytes (with their leading
/// NUL), file names as str.
pub fn unix_value(path: Option<&std::path::Path>, abstract_name: Option<&[u8]>) -> Value {
    if let Some(name) = abstract_name {
        let mut data = vec![0u8];
        data.extend_from_slice(name);
        return bytes_value(data);
    }
    match path {
        Some(p) => Value::str(p.to_string_lossy().into_owned()),
        None => Value::str(""),
    }
}

/// The address the system reported (`getsockname()`, `accept()`), as Python sees it.
/// An unnamed `AF_UNIX` socket is `''`, as in CPython.
pub fn from_sockaddr(addr: &SockAddr) -> Value {
    if let Some(a) = addr.as_socket() {
        return ip_value(&a);
    }
    if addr.is_unix() {
        return unix_value(addr.as_pathname(), addr.as_abstract_namespace());
    }
    Value::None
}

/// A `std` Unix socket address (from `recvfrom`), or None when the sender is unnamed.
pub fn std_unix_value(addr: &std::os::unix::net::SocketAddr) -> Value {
    use std::os::linux::net::SocketAddrExt;
    if addr.is_unnamed() {
        return Value::None;
    }
    unix_value(addr.as_pathname(), addr.as_abstract_name())
}
