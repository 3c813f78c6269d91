//! Name service: `getaddrinfo` and the older lookups (`gethostbyname`, `gethostbyaddr`,
//! `getnameinfo`, `getservbyname`...), plus `gethostname` and the interface names.
//!
//! `getaddrinfo` follows glibc's rules, since its results are what programs print: one
//! entry per address and socket type (`SOCK_STREAM`, `SOCK_DGRAM`, `SOCK_RAW` when no
//! type is asked for), glibc's `EAI_*` errors for bad families, types and services, and
//! its order for `None` (`::1` before `127.0.0.1`; with `AI_PASSIVE`, `0.0.0.0` before
//! `::`). Numeric hosts are parsed here; names go to the system resolver through the
//! standard library, and services to `/etc/services` ([`super::netdb`]).

use super::address::{host_arg, inet_aton, ip_value, ipv6_text, lookup, parse_ipv6, resolve_host};
use super::errors::{
    gai_error, host_error, plain_os_error, EAI_ADDRFAMILY, EAI_BADFLAGS, EAI_FAMILY, EAI_NONAME,
    EAI_SERVICE, EAI_SOCKTYPE,
};
use super::netdb;
use super::{AF_INET, AF_INET6, AF_UNSPEC, SOCK_DGRAM, SOCK_RAW, SOCK_STREAM};
use crate::native::{c_int, function_args, ModuleDef, Sig};
use crate::object::function::Args;
use crate::object::Value;
use crate::vm::{PyResult, Vm};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV4, SocketAddrV6};

const AI_PASSIVE: i32 = 1;
const AI_CANONNAME: i32 = 2;
const AI_NUMERICHOST: i32 = 4;
const AI_NUMERICSERV: i32 = 0x400;
/// Every flag glibc accepts (`AI_IDN` and kin included).
const AI_KNOWN: i32 = 0x1 | 0x2 | 0x4 | 0x8 | 0x10 | 0x20 | 0x40 | 0x80 | 0x400;
const NI_NUMERICHOST: i32 = 1;
const NI_NUMERICSERV: i32 = 2;
const NI_NAMEREQD: i32 = 8;
const NI_DGRAM: i32 = 16;

pub(super) fn register(vm: &mut Vm, m: &ModuleDef) {
    m.funcs(
        vm,
        &[
            ("getaddrinfo", getaddrinfo),
            ("gethostname", gethostname),
            ("gethostbyname", gethostbyname),
            ("gethostbyname_ex", gethostbyname_ex),
            ("gethostbyaddr", gethostbyaddr),
            ("getnameinfo", getnameinfo),
            ("getservbyname", getservbyname),
            ("getservbyport", getservbyport),
            ("getprotobyname", getprotobyname),
            ("if_nameindex", if_nameindex),
            ("if_nametoindex", if_nametoindex),
            ("if_indextoname", if_indextoname),
        ],
    );
}

/// The socket types `getaddrinfo` returns for the `kind` and `proto` asked for, each
/// with the protocol its entries report; or the EAI error. `service` says whether a
/// service was given (which `SOCK_RAW` refuses when asked for by itself).
fn socket_types(kind: i32, proto: i32, service: bool) -> Result<Vec<(i32, i32)>, i32> {
    // glibc's table: TCP, UDP, then raw sockets, which take any protocol and no service.
    let table = [(SOCK_STREAM, 6), (SOCK_DGRAM, 17), (SOCK_RAW, 0)];
    if kind == 0 && proto == 0 {
        return Ok(table.to_vec());
    }
    let matching: Vec<(i32, i32)> = table
        .iter()
        .filter(|(t, p)| (kind == 0 || kind == *t) && (proto == 0 || proto == *p || *t == SOCK_RAW))
        .map(|&(t, p)| (t, if t == SOCK_RAW { proto } else { p }))
        .collect();
    // Asked for a type or protocol, glibc answers with the first entry that fits.
    match matching.first() {
        None if kind != 0 => Err(EAI_SOCKTYPE),
        None => Err(EAI_SERVICE),
        Some((SOCK_RAW, _)) if service => Err(EAI_SERVICE),
        Some(&first) => Ok(vec![first]),
    }
}

/// A service as `strtoul(s, &end, 10)` reads it when it is all number: the port (the
/// number's low 16 bits), or None for a name.
fn numeric_service(s: &str) -> Option<u16> {
    let t = s.trim_start();
    let (negative, digits) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    if digits.is_empty() {
        // No digits: the whole string must have been empty (then it is port 0).
        return s.is_empty().then_some(0);
    }
    if !digits.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    // glibc keeps the value in an `int`: a negative one is looked up as a name.
    let value = digits.parse::<u64>().unwrap_or(u64::MAX);
    let as_int = if negative {
        (value as i64).wrapping_neg() as i32
    } else {
        value as i32
    };
    (as_int >= 0).then_some(as_int as u16)
}

/// The port for each socket type of `types` (dropping types the service has no port
/// for), or the EAI error.
fn service_ports(
    service: Option<&str>,
    types: Vec<(i32, i32)>,
    flags: i32,
) -> Result<Vec<(i32, i32, u16)>, i32> {
    let Some(service) = service else {
        return Ok(types.into_iter().map(|(t, p)| (t, p, 0)).collect());
    };
    if let Some(port) = numeric_service(service) {
        return Ok(types.into_iter().map(|(t, p)| (t, p, port)).collect());
    }
    if flags & AI_NUMERICSERV != 0 {
        return Err(EAI_NONAME);
    }
    let out: Vec<(i32, i32, u16)> = types
        .into_iter()
        .filter_map(|(t, p)| {
            let proto = match t {
                SOCK_STREAM => "tcp",
                SOCK_DGRAM => "udp",
                _ => return None,
            };
            netdb::service_port(service, Some(proto)).map(|(port, _)| (t, p, port))
        })
        .collect();
    if out.is_empty() {
        return Err(EAI_SERVICE);
    }
    Ok(out)
}

/// The addresses `host` stands for (port 0), for `family` and `flags`.
fn host_addresses(
    vm: &Vm,
    host: Option<&str>,
    family: i32,
    flags: i32,
) -> PyResult<Vec<SocketAddr>> {
    let v4 = |ip: Ipv4Addr| SocketAddr::V4(SocketAddrV4::new(ip, 0));
    let v6 = |ip: Ipv6Addr, scope: u32| SocketAddr::V6(SocketAddrV6::new(ip, 0, 0, scope));
    let Some(host) = host else {
        let both = if flags & AI_PASSIVE != 0 {
            vec![v4(Ipv4Addr::UNSPECIFIED), v6(Ipv6Addr::UNSPECIFIED, 0)]
        } else {
            vec![v6(Ipv6Addr::LOCALHOST, 0), v4(Ipv4Addr::LOCALHOST)]
        };
        return Ok(both.into_iter().filter(|a| fits(a, family)).collect());
    };
    if host.is_empty() {
        return Err(gai_error(vm, EAI_NONAME));
    }
    if let Some(ip) = inet_aton(host, true) {
        if family == AF_INET6 {
            return Err(gai_error(vm, EAI_ADDRFAMILY));
        }
        return Ok(vec![v4(ip)]);
    }
    if let Some((ip, scope)) = parse_ipv6(host) {
        if family == AF_INET {
            return Err(gai_error(vm, EAI_ADDRFAMILY));
        }
        return Ok(vec![v6(ip, scope)]);
    }
    if flags & AI_NUMERICHOST != 0 {
        return Err(gai_error(vm, EAI_NONAME));
    }
    let found: Vec<SocketAddr> = lookup(vm, host)?
        .into_iter()
        .filter(|a| fits(a, family))
        .collect();
    if found.is_empty() {
        return Err(gai_error(vm, EAI_NONAME));
    }
    Ok(found)
}

/// Whether `addr` belongs to `family` (any for `AF_UNSPEC`).
fn fits(addr: &SocketAddr, family: i32) -> bool {
    match addr {
        SocketAddr::V4(_) => family != AF_INET6,
        SocketAddr::V6(_) => family != AF_INET,
    }
}

/// The text of a `str`/`bytes` argument, None for None.
fn text_or_none(v: &Value) -> Option<Option<String>> {
    match v {
        Value::None => Some(None),
        Value::Str(s) => Some(Some(s.as_str().to_string())),
        Value::Bytes(b) => Some(Some(String::from_utf8_lossy(&b.data).into_owned())),
        _ => None,
    }
}

const GETADDRINFO: crate::native::Clinic = crate::native::Clinic::new(
    "getaddrinfo",
    &["host", "port", "family", "type", "proto", "flags"],
)
.required(2);

/// `getaddrinfo(host, port, family=0, type=0, proto=0, flags=0)`: a list of `(family,
/// type, proto, canonname, sockaddr)`.
fn getaddrinfo(vm: &mut Vm, args: Args) -> PyResult {
    let [host, port, family, kind, proto, flags] = GETADDRINFO.bind(vm, &args)?;
    let (host, port) = (host.unwrap_or(Value::None), port.unwrap_or(Value::None));
    let Some(host) = text_or_none(&host) else {
        return Err(vm.type_error("getaddrinfo() argument 1 must be string or None"));
    };
    let service = match &port {
        Value::Int(i) => Some(i.to_string()),
        Value::Bool(b) => Some(i64::from(*b).to_string()),
        Value::BigInt(_) => {
            return Err(vm.overflow_error("Python int too large to convert to C long"))
        }
        other => match text_or_none(other) {
            Some(s) => s,
            None => return Err(plain_os_error(vm, "Int or String expected")),
        },
    };
    let mut ints = [0i32; 4];
    for (slot, v) in ints.iter_mut().zip([&family, &kind, &proto, &flags]) {
        if let Some(v) = v {
            *slot = c_int(vm, v)? as i32;
        }
    }
    let [family, kind, proto, flags] = ints;
    if host.is_none() && service.is_none() {
        return Err(gai_error(vm, EAI_NONAME));
    }
    if flags & !AI_KNOWN != 0 || (flags & AI_CANONNAME != 0 && host.is_none()) {
        return Err(gai_error(vm, EAI_BADFLAGS));
    }
    if !matches!(family, AF_UNSPEC | AF_INET | AF_INET6) {
        return Err(gai_error(vm, EAI_FAMILY));
    }
    let types = socket_types(kind, proto, service.is_some()).map_err(|e| gai_error(vm, e))?;
    let ports = service_ports(service.as_deref(), types, flags).map_err(|e| gai_error(vm, e))?;
    let addrs = host_addresses(vm, host.as_deref(), family, flags)?;
    let mut out = Vec::new();
    for addr in &addrs {
        let fam = if addr.is_ipv4() { AF_INET } else { AF_INET6 };
        for &(t, p, port) in &ports {
            let mut a = *addr;
            a.set_port(port);
            let canon = match (&host, out.is_empty() && flags & AI_CANONNAME != 0) {
                (Some(h), true) => h.clone(),
                _ => String::new(),
            };
            out.push(Value::tuple(vec![
                Value::Int(fam as i64),
                Value::Int(t as i64),
                Value::Int(p as i64),
                Value::str(canon),
                ip_value(&a),
            ]));
        }
    }
    Ok(Value::list(out))
}

fn gethostname(vm: &mut Vm, args: Args) -> PyResult {
    function_args(vm, "gethostname", Sig::OldStyle(0, 0), &args)?;
    Ok(Value::str(netdb::hostname()))
}

/// A host-name argument of the `gethostby*` functions.
fn name_arg(vm: &mut Vm, name: &str, args: &Args) -> PyResult<String> {
    let v = &function_args(vm, name, Sig::OldStyle(1, 1), args)?[0];
    host_arg(vm, v).map_err(|_| {
        vm.type_error(format!(
            "{name}() argument 1 must be str, bytes or bytearray, not {}",
            vm.type_name(v)
        ))
    })
}

/// An address as text.
fn ip_text(ip: &IpAddr) -> String {
    match ip {
        IpAddr::V4(a) => a.to_string(),
        IpAddr::V6(a) => ipv6_text(a),
    }
}

/// `gethostbyname(name)`: the IPv4 address of a host, as text.
fn gethostbyname(vm: &mut Vm, args: Args) -> PyResult {
    let name = name_arg(vm, "gethostbyname", &args)?;
    let (ip, _) = resolve_host(vm, &name, AF_INET)?;
    Ok(Value::str(ip_text(&ip)))
}

/// `gethostbyname_ex(name)`: `(name, aliases, addresses)` for IPv4.
fn gethostbyname_ex(vm: &mut Vm, args: Args) -> PyResult {
    let name = name_arg(vm, "gethostbyname_ex", &args)?;
    let addrs: Vec<Value> = host_addresses(vm, Some(&name), AF_INET, 0)?
        .iter()
        .map(|a| Value::str(ip_text(&a.ip())))
        .collect();
    Ok(Value::tuple(vec![
        Value::str(name),
        Value::list(Vec::new()),
        Value::list(addrs),
    ]))
}

/// `gethostbyaddr(address)`: `(name, aliases, addresses)` from the hosts file, or
/// `herror: [Errno 1] Unknown host` (apy has no reverse DNS).
fn gethostbyaddr(vm: &mut Vm, args: Args) -> PyResult {
    let name = name_arg(vm, "gethostbyaddr", &args)?;
    let (ip, _) = resolve_host(vm, &name, AF_UNSPEC)?;
    let Some((host, aliases)) = netdb::host_names(&ip) else {
        return Err(host_error(vm));
    };
    Ok(Value::tuple(vec![
        Value::str(host),
        Value::list(aliases.into_iter().map(Value::str).collect()),
        Value::list(vec![Value::str(ip_text(&ip))]),
    ]))
}

/// `getnameinfo(sockaddr, flags)`: `(host, port)` as text; host names come from the
/// hosts file, service names from `/etc/services`.
fn getnameinfo(vm: &mut Vm, args: Args) -> PyResult {
    let a = function_args(vm, "getnameinfo", Sig::OldStyle(2, 2), &args)?;
    let Value::Tuple(t) = &a[0] else {
        return Err(vm.type_error("getnameinfo() argument 1 must be a tuple"));
    };
    let flags = c_int(vm, &a[1])? as i32;
    let items = &t.items;
    let (Some(Value::Str(host)), Some(port), 2..=4) = (items.first(), items.get(1), items.len())
    else {
        return Err(vm.type_error("getnameinfo(): illegal sockaddr argument"));
    };
    let port = c_int(vm, port)?;
    let addrs = host_addresses(vm, Some(host.as_str()), AF_UNSPEC, AI_NUMERICHOST)?;
    let ip = addrs[0].ip();
    if ip.is_ipv4() && items.len() != 2 {
        return Err(plain_os_error(vm, "IPv4 sockaddr must be 2 tuple"));
    }
    let host = if flags & NI_NUMERICHOST != 0 {
        ip_text(&ip)
    } else {
        match netdb::host_names(&ip) {
            Some((name, _)) => name,
            None if flags & NI_NAMEREQD != 0 => return Err(gai_error(vm, EAI_NONAME)),
            None => ip_text(&ip),
        }
    };
    let port = (port as u16) as i64;
    let proto = if flags & NI_DGRAM != 0 { "udp" } else { "tcp" };
    let service = match flags & NI_NUMERICSERV {
        0 => netdb::service_name(port as u16, Some(proto)).unwrap_or_else(|| port.to_string()),
        _ => port.to_string(),
    };
    Ok(Value::tuple(vec![Value::str(host), Value::str(service)]))
}

/// The optional protocol-name argument of `getservby*`.
fn proto_arg(vm: &Vm, name: &str, v: Option<&Value>) -> PyResult<Option<String>> {
    match v {
        None => Ok(None),
        Some(Value::Str(s)) => Ok(Some(s.as_str().to_string())),
        Some(v) => Err(vm.type_error(format!(
            "{name}() argument 2 must be str, not {}",
            crate::native::clinic_type_name(vm, v)
        ))),
    }
}

/// `getservbyname(servicename[, protocolname])`: the port.
fn getservbyname(vm: &mut Vm, args: Args) -> PyResult {
    let a = function_args(vm, "getservbyname", Sig::OldStyle(1, 2), &args)?;
    let Value::Str(service) = &a[0] else {
        return Err(vm.type_error(format!(
            "getservbyname() argument 1 must be str, not {}",
            crate::native::clinic_type_name(vm, &a[0])
        )));
    };
    let proto = proto_arg(vm, "getservbyname", a.get(1))?;
    match netdb::service_port(service.as_str(), proto.as_deref()) {
        Some((port, _)) => Ok(Value::Int(port as i64)),
        None => Err(plain_os_error(vm, "service/proto not found")),
    }
}

/// `getservbyport(port[, protocolname])`: the service's name.
fn getservbyport(vm: &mut Vm, args: Args) -> PyResult {
    let a = function_args(vm, "getservbyport", Sig::OldStyle(1, 2), &args)?;
    let port = c_int(vm, &a[0])?;
    if !(0..=65535).contains(&port) {
        return Err(vm.overflow_error("getservbyport: port must be 0-65535."));
    }
    let proto = proto_arg(vm, "getservbyport", a.get(1))?;
    match netdb::service_name(port as u16, proto.as_deref()) {
        Some(name) => Ok(Value::str(name)),
        None => Err(plain_os_error(vm, "port/proto not found")),
    }
}

/// `getprotobyname(name)`: the protocol's number.
fn getprotobyname(vm: &mut Vm, args: Args) -> PyResult {
    let a = function_args(vm, "getprotobyname", Sig::OldStyle(1, 1), &args)?;
    let Value::Str(name) = &a[0] else {
        return Err(vm.type_error(format!(
            "getprotobyname() argument 1 must be str, not {}",
            crate::native::clinic_type_name(vm, &a[0])
        )));
    };
    match netdb::protocol_number(name.as_str()) {
        Some(n) => Ok(Value::Int(n)),
        None => Err(plain_os_error(vm, "protocol not found")),
    }
}

/// `if_nameindex()`: `[(index, name), ...]`.
fn if_nameindex(vm: &mut Vm, args: Args) -> PyResult {
    function_args(vm, "if_nameindex", Sig::NoArgs, &args)?;
    Ok(Value::list(
        netdb::interfaces()
            .into_iter()
            .map(|(i, n)| Value::tuple(vec![Value::Int(i as i64), Value::str(n)]))
            .collect(),
    ))
}

/// `if_nametoindex(name)`.
fn if_nametoindex(vm: &mut Vm, args: Args) -> PyResult {
    let v = &function_args(vm, "if_nametoindex", Sig::One, &args)?[0];
    let name = super::address::unix_path(vm, v)?;
    let name = String::from_utf8_lossy(&name).into_owned();
    match super::address::interface_index(&name) {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(plain_os_error(vm, "no interface with this name")),
    }
}

/// `if_indextoname(index)`.
fn if_indextoname(vm: &mut Vm, args: Args) -> PyResult {
    let v = &function_args(vm, "if_indextoname", Sig::One, &args)?[0];
    let index = c_int(vm, v)?;
    match netdb::interfaces()
        .into_iter()
        .find(|(i, _)| *i as i64 == index)
    {
        Some((_, name)) => Ok(Value::str(name)),
        None => Err(super::errors::errno_error(vm, 6)),
    }
}
