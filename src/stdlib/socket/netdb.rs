//! The system's small name databases, read as glibc's `files` backend reads them:
//! `/etc/services` (service names and ports), `/etc/protocols`, `/etc/hosts` (for the
//! reverse lookups Rust's resolver cannot do), the network interfaces under
//! `/sys/class/net`, and the host name. Each read is a fresh parse: these are consulted
//! rarely, and the files may change.

use std::net::IpAddr;

/// One `/etc/services` entry: its name, aliases, port and protocol.
struct Service {
    names: Vec<String>,
    port: u16,
    proto: String,
}

fn services() -> Vec<Service> {
    let text = std::fs::read_to_string("/etc/services").unwrap_or_default();
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("");
        let mut words = line.split_whitespace();
        let (Some(name), Some(port_proto)) = (words.next(), words.next()) else {
            continue;
        };
        let Some((port, proto)) = port_proto.split_once('/') else {
            continue;
        };
        let Ok(port) = port.parse::<u16>() else {
            continue;
        };
        let mut names = vec![name.to_string()];
        names.extend(words.map(str::to_string));
        out.push(Service {
            names,
            port,
            proto: proto.to_string(),
        });
    }
    out
}

/// The port of service `name` (or an alias) for protocol `proto` (any when None), and
/// the protocol found.
pub fn service_port(name: &str, proto: Option<&str>) -> Option<(u16, String)> {
    services()
        .into_iter()
        .find(|s| s.names.iter().any(|n| n == name) && proto.is_none_or(|p| p == s.proto))
        .map(|s| (s.port, s.proto))
}

/// The name of the service on `port` for protocol `proto` (any when None).
pub fn service_name(port: u16, proto: Option<&str>) -> Option<String> {
    services()
        .into_iter()
        .find(|s| s.port == port && proto.is_none_or(|p| p == s.proto))
        .and_then(|s| s.names.into_iter().next())
}

/// The number of protocol `name` (`/etc/protocols`, or the usual ones without it).
pub fn protocol_number(name: &str) -> Option<i64> {
    let text = std::fs::read_to_string("/etc/protocols").unwrap_or_default();
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("");
        let mut words = line.split_whitespace();
        let (Some(first), Some(number)) = (words.next(), words.next()) else {
            continue;
        };
        if first == name || words.any(|w| w == name) {
            return number.parse().ok();
        }
    }
    const USUAL: &[(&str, i64)] = &[
        ("ip", 0),
        ("icmp", 1),
        ("tcp", 6),
        ("udp", 17),
        ("ipv6", 41),
        ("raw", 255),
    ];
    USUAL.iter().find(|(n, _)| *n == name).map(|(_, p)| *p)
}

/// The first `/etc/hosts` line for `addr`: its official name and aliases.
pub fn host_names(addr: &IpAddr) -> Option<(String, Vec<String>)> {
    let text = std::fs::read_to_string("/etc/hosts").ok()?;
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("");
        let mut words = line.split_whitespace();
        let Some(Ok(a)) = words.next().map(|w| w.parse::<IpAddr>()) else {
            continue;
        };
        if a != *addr {
            continue;
        }
        if let Some(name) = words.next() {
            return Some((name.to_string(), words.map(str::to_string).collect()));
        }
    }
    None
}

/// The network interfaces, `(index, name)` by index.
pub fn interfaces() -> Vec<(u32, String)> {
    let mut out = Vec::new();
    if let Ok(dir) = std::fs::read_dir("/sys/class/net") {
        for entry in dir.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if let Some(index) = super::address::interface_index(&name) {
                out.push((index, name));
            }
        }
    }
    out.sort();
    out
}

/// The host's name, as `gethostname()` reports it.
pub fn hostname() -> String {
    for path in ["/proc/sys/kernel/hostname", "/etc/hostname"] {
        if let Ok(text) = std::fs::read_to_string(path) {
            let name = text.trim();
            if !name.is_empty() {
                return name.to_string();
            }
        }
    }
    "localhost".to_string()
}
