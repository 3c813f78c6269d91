//! Searching, splitting and stripping `bytes`: `find`/`rfind`/`index`/`rindex`/`count`,
//! `startswith`/`endswith`, `replace`, `partition`/`rpartition`, `removeprefix`/
//! `removesuffix`, `split`/`rsplit`/`splitlines`, `strip`/`lstrip`/`rstrip`.

use super::bytes_methods::recv_bytes;
use super::result_size::check_size;
use crate::native::{c_int, method_args, range_args, ssize, Clinic, Sig};
use crate::object::function::Args;
use crate::object::string::PyBytes;
use crate::object::PyBool;
use crate::object::Value;
use crate::vm::{PyResult, Vm};
use std::rc::Rc;

pub fn register(vm: &mut Vm) {
    let c = vm.types.bytes.clone();
    let table: [(&'static str, crate::object::function::NativeFn); 18] = [
        ("find", bytes_find),
        ("rfind", bytes_rfind),
        ("index", bytes_index),
        ("rindex", bytes_rindex),
        ("count", bytes_count),
        ("startswith", bytes_startswith),
        ("endswith", bytes_endswith),
        ("replace", bytes_replace),
        ("partition", bytes_partition),
        ("rpartition", bytes_rpartition),
        ("removeprefix", bytes_removeprefix),
        ("removesuffix", bytes_removesuffix),
        ("split", bytes_split),
        ("rsplit", bytes_rsplit),
        ("splitlines", bytes_splitlines),
        ("strip", bytes_strip),
        ("lstrip", bytes_lstrip),
        ("rstrip", bytes_rstrip),
    ];
    crate::native::add_methods(vm, &c, &table);
}

pub fn new_bytes(data: Vec<u8>) -> Value {
    Value::Bytes(Rc::new(PyBytes::new(data)))
}

/// A bytes-like argument: bytes, or a copy of a buffer's bytes (bytearray, memoryview).
pub fn bytes_like(vm: &Vm, v: &Value) -> PyResult<Rc<PyBytes>> {
    if let Value::Bytes(b) = v {
        return Ok(b.clone());
    }
    match vm.buffer_bytes(v) {
        Some(data) => Ok(Rc::new(PyBytes::new(data))),
        None => Err(vm.type_error(format!(
            "a bytes-like object is required, not '{}'",
            vm.type_name(v)
        ))),
    }
}

/// Python's `bytes.isspace` set: ASCII space, `\t\n\r\v\f`.
pub fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c')
}

pub fn find_sub(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, _) = needle.split_first()?;
    let last_start = hay.len().checked_sub(needle.len())?;
    (0..=last_start).find(|&i| hay[i] == first && hay.get(i..i + needle.len()) == Some(needle))
}

pub fn rfind_sub(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, _) = needle.split_first()?;
    let last_start = hay.len().checked_sub(needle.len())?;
    (0..=last_start)
        .rev()
        .find(|&i| hay[i] == first && hay.get(i..i + needle.len()) == Some(needle))
}

/// Non-overlapping occurrences, left to right, at most `max`.
fn match_positions(hay: &[u8], needle: &[u8], max: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = 0;
    while out.len() < max {
        match hay.get(i..).and_then(|h| find_sub(h, needle)) {
            Some(p) => {
                out.push(i + p);
                i += p + needle.len();
            }
            None => break,
        }
    }
    out
}

/// The needle of `find`/`count`/...: bytes, or an int naming one byte.
fn needle(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    if let Some(data) = vm.buffer_bytes(v) {
        return Ok(data);
    }
    let index = match v {
        Value::BigInt(_) => Some(-1),
        _ => vm.to_index(v)?,
    };
    match index {
        Some(i) => match u8::try_from(i) {
            Ok(b) => Ok(vec![b]),
            Err(_) => Err(vm.value_error("byte must be in range(0, 256)")),
        },
        None => Err(vm.type_error(format!(
            "argument should be integer or bytes-like object, not '{}'",
            vm.type_name(v)
        ))),
    }
}

fn find_args(
    vm: &mut Vm,
    args: &Args,
    name: &str,
) -> PyResult<(Rc<PyBytes>, Vec<u8>, usize, usize)> {
    let b = recv_bytes(vm, args, name)?;
    let r = method_args(vm, ("bytes", name), Sig::OldStyle(1, 3), args)?;
    let sub = needle(vm, &r[0])?;
    let (start, end) = range_args(vm, r, 1, b.data.len())?;
    Ok((b, sub, start, end))
}

fn find_common(vm: &mut Vm, args: &Args, name: &str, reverse: bool, raise: bool) -> PyResult {
    let (b, sub, start, end) = find_args(vm, args, name)?;
    let i = if end < start || end - start < sub.len() {
        -1
    } else if sub.is_empty() {
        if reverse {
            end as i64
        } else {
            start as i64
        }
    } else {
        let window = &b.data[start..end];
        let hit = if reverse {
            rfind_sub(window, &sub)
        } else {
            find_sub(window, &sub)
        };
        hit.map_or(-1, |p| (start + p) as i64)
    };
    if i < 0 && raise {
        return Err(vm.value_error("subsection not found"));
    }
    Ok(Value::Int(i))
}

fn bytes_find(vm: &mut Vm, args: Args) -> PyResult {
    find_common(vm, &args, "find", false, false)
}

fn bytes_rfind(vm: &mut Vm, args: Args) -> PyResult {
    find_common(vm, &args, "rfind", true, false)
}

fn bytes_index(vm: &mut Vm, args: Args) -> PyResult {
    find_common(vm, &args, "index", false, true)
}

fn bytes_rindex(vm: &mut Vm, args: Args) -> PyResult {
    find_common(vm, &args, "rindex", true, true)
}

fn bytes_count(vm: &mut Vm, args: Args) -> PyResult {
    let (b, sub, start, end) = find_args(vm, &args, "count")?;
    if end < start || end - start < sub.len() {
        return Ok(Value::Int(0));
    }
    if sub.is_empty() {
        return Ok(Value::Int((end - start + 1) as i64));
    }
    Ok(Value::Int(
        match_positions(&b.data[start..end], &sub, usize::MAX).len() as i64,
    ))
}

fn tail_match(vm: &mut Vm, args: &Args, name: &str, at_end: bool) -> PyResult {
    let b = recv_bytes(vm, args, name)?;
    let r = method_args(vm, ("bytes", name), Sig::OldStyle(1, 3), args)?;
    let (start, end) = range_args(vm, r, 1, b.data.len())?;
    let matches = |sub: &[u8]| -> bool {
        if end < start || end - start < sub.len() {
            return false;
        }
        let window = &b.data[start..end];
        if at_end {
            window.ends_with(sub)
        } else {
            window.starts_with(sub)
        }
    };
    match &r[0] {
        Value::Bytes(sub) => Ok(Value::bool(matches(&sub.data))),
        other if vm.buffer_bytes(other).is_some() => Ok(Value::bool(matches(
            &vm.buffer_bytes(other).unwrap_or_default(),
        ))),
        Value::Tuple(t) => {
            for item in t.items.iter() {
                let sub = bytes_like(vm, item)?;
                if matches(&sub.data) {
                    return Ok(Value::Bool(PyBool::TRUE));
                }
            }
            Ok(Value::Bool(PyBool::FALSE))
        }
        other => Err(vm.type_error(format!(
            "{name} first arg must be bytes or a tuple of bytes, not {}",
            vm.type_name(other)
        ))),
    }
}

fn bytes_startswith(vm: &mut Vm, args: Args) -> PyResult {
    tail_match(vm, &args, "startswith", false)
}

fn bytes_endswith(vm: &mut Vm, args: Args) -> PyResult {
    tail_match(vm, &args, "endswith", true)
}

fn bytes_replace(vm: &mut Vm, args: Args) -> PyResult {
    let b = recv_bytes(vm, &args, "replace")?;
    let r = method_args(vm, ("bytes", "replace"), Sig::Range(2, 3), &args)?;
    let old = bytes_like(vm, &r[0])?;
    let new = bytes_like(vm, &r[1])?;
    let count = match r.get(2) {
        Some(v) => ssize(vm, v)?,
        None => -1,
    };
    let max = if count < 0 {
        usize::MAX
    } else {
        count as usize
    };
    let (data, old, new) = (&b.data, &old.data, &new.data);
    if old.is_empty() {
        // Insert before every byte and at the end, up to `max` times.
        let n = max.min(data.len() + 1);
        check_size(vm, data.len().saturating_add(n.saturating_mul(new.len())))?;
        let mut out = Vec::with_capacity(data.len() + n * new.len());
        for (i, &byte) in data.iter().enumerate() {
            if i < n {
                out.extend_from_slice(new);
            }
            out.push(byte);
        }
        if n > data.len() {
            out.extend_from_slice(new);
        }
        return Ok(new_bytes(out));
    }
    let hits = match_positions(data, old, max);
    if hits.is_empty() {
        return Ok(Value::Bytes(b.clone()));
    }
    let grow = new
        .len()
        .saturating_sub(old.len())
        .saturating_mul(hits.len());
    check_size(vm, data.len().saturating_add(grow))?;
    let mut out = Vec::with_capacity(data.len() + grow);
    let mut prev = 0;
    for p in hits {
        out.extend_from_slice(&data[prev..p]);
        out.extend_from_slice(new);
        prev = p + old.len();
    }
    out.extend_from_slice(&data[prev..]);
    Ok(new_bytes(out))
}

fn partition(vm: &mut Vm, args: &Args, name: &str, reverse: bool) -> PyResult {
    let b = recv_bytes(vm, args, name)?;
    let sep = method_args(vm, ("bytes", name), Sig::One, args)?[0].clone();
    let sep = bytes_like(vm, &sep)?;
    if sep.data.is_empty() {
        return Err(vm.value_error("empty separator"));
    }
    let hit = if reverse {
        rfind_sub(&b.data, &sep.data)
    } else {
        find_sub(&b.data, &sep.data)
    };
    let empty = || new_bytes(Vec::new());
    Ok(match hit {
        Some(p) => Value::tuple(vec![
            new_bytes(b.data[..p].to_vec()),
            Value::Bytes(sep.clone()),
            new_bytes(b.data[p + sep.data.len()..].to_vec()),
        ]),
        None if reverse => Value::tuple(vec![empty(), empty(), Value::Bytes(b.clone())]),
        None => Value::tuple(vec![Value::Bytes(b.clone()), empty(), empty()]),
    })
}

fn bytes_partition(vm: &mut Vm, args: Args) -> PyResult {
    partition(vm, &args, "partition", false)
}

fn bytes_rpartition(vm: &mut Vm, args: Args) -> PyResult {
    partition(vm, &args, "rpartition", true)
}

fn remove_affix(vm: &mut Vm, args: &Args, name: &str, suffix: bool) -> PyResult {
    let b = recv_bytes(vm, args, name)?;
    let a = method_args(vm, ("bytes", name), Sig::One, args)?[0].clone();
    let affix = bytes_like(vm, &a)?;
    let stripped = if suffix {
        b.data.strip_suffix(&affix.data[..])
    } else {
        b.data.strip_prefix(&affix.data[..])
    };
    Ok(match stripped {
        Some(rest) if !affix.data.is_empty() => new_bytes(rest.to_vec()),
        _ => Value::Bytes(b),
    })
}

fn bytes_removeprefix(vm: &mut Vm, args: Args) -> PyResult {
    remove_affix(vm, &args, "removeprefix", false)
}

fn bytes_removesuffix(vm: &mut Vm, args: Args) -> PyResult {
    remove_affix(vm, &args, "removesuffix", true)
}

fn split_args(vm: &mut Vm, args: &Args, name: &str) -> PyResult<(Option<Rc<PyBytes>>, usize)> {
    let a = Clinic::new(name, &["sep", "maxsplit"]).bind_method(vm, args)?;
    let sep = match &a[0] {
        None | Some(Value::None) => None,
        Some(v) => {
            let s = bytes_like(vm, v)?;
            if s.data.is_empty() {
                return Err(vm.value_error("empty separator"));
            }
            Some(s)
        }
    };
    let max = match &a[1] {
        Some(v) => ssize(vm, v)?,
        None => -1,
    };
    Ok((sep, if max < 0 { usize::MAX } else { max as usize }))
}

fn to_list(parts: Vec<&[u8]>) -> Value {
    Value::list(parts.into_iter().map(|p| new_bytes(p.to_vec())).collect())
}

fn bytes_split(vm: &mut Vm, args: Args) -> PyResult {
    let b = recv_bytes(vm, &args, "split")?;
    let (sep, max) = split_args(vm, &args, "split")?;
    let data = &b.data[..];
    let mut parts: Vec<&[u8]> = Vec::new();
    match sep {
        None => {
            let mut i = 0;
            loop {
                while i < data.len() && is_space(data[i]) {
                    i += 1;
                }
                if i >= data.len() {
                    break;
                }
                if parts.len() == max {
                    parts.push(&data[i..]);
                    break;
                }
                let start = i;
                while i < data.len() && !is_space(data[i]) {
                    i += 1;
                }
                parts.push(&data[start..i]);
            }
        }
        Some(sep) => {
            let mut prev = 0;
            for p in match_positions(data, &sep.data, max) {
                parts.push(&data[prev..p]);
                prev = p + sep.data.len();
            }
            parts.push(&data[prev..]);
        }
    }
    Ok(to_list(parts))
}

fn bytes_rsplit(vm: &mut Vm, args: Args) -> PyResult {
    let b = recv_bytes(vm, &args, "rsplit")?;
    let (sep, max) = split_args(vm, &args, "rsplit")?;
    let data = &b.data[..];
    let mut parts: Vec<&[u8]> = Vec::new();
    match sep {
        None => {
            let mut end = data.len();
            loop {
                while end > 0 && is_space(data[end - 1]) {
                    end -= 1;
                }
                if end == 0 {
                    break;
                }
                if parts.len() == max {
                    parts.push(&data[..end]);
                    break;
                }
                let stop = end;
                while end > 0 && !is_space(data[end - 1]) {
                    end -= 1;
                }
                parts.push(&data[end..stop]);
            }
        }
        Some(sep) => {
            let n = sep.data.len();
            let mut end = data.len();
            while parts.len() < max {
                match rfind_sub(&data[..end], &sep.data) {
                    Some(p) => {
                        parts.push(&data[p + n..end]);
                        end = p;
                    }
                    None => break,
                }
            }
            parts.push(&data[..end]);
        }
    }
    parts.reverse();
    Ok(to_list(parts))
}

fn bytes_splitlines(vm: &mut Vm, args: Args) -> PyResult {
    let b = recv_bytes(vm, &args, "splitlines")?;
    let a = Clinic::new("splitlines", &["keepends"]).bind_method(vm, &args)?;
    let keepends = match &a[0] {
        Some(v) => c_int(vm, v)? != 0,
        None => false,
    };
    let data = &b.data[..];
    let mut out = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i < data.len() {
        let n = match data[i] {
            b'\r' if data.get(i + 1) == Some(&b'\n') => 2,
            b'\r' | b'\n' => 1,
            _ => 0,
        };
        if n == 0 {
            i += 1;
            continue;
        }
        let end = if keepends { i + n } else { i };
        out.push(new_bytes(data[start..end].to_vec()));
        i += n;
        start = i;
    }
    if start < data.len() {
        out.push(new_bytes(data[start..].to_vec()));
    }
    Ok(Value::list(out))
}

fn strip(vm: &mut Vm, args: &Args, name: &'static str, left: bool, right: bool) -> PyResult {
    let b = recv_bytes(vm, args, name)?;
    let r = method_args(vm, ("bytes", name), Sig::Range(0, 1), args)?;
    let set: Option<Rc<PyBytes>> = match r.first() {
        None | Some(Value::None) => None,
        Some(v) => Some(bytes_like(vm, v)?),
    };
    let strip_it = |c: u8| match &set {
        None => is_space(c),
        Some(s) => s.data.contains(&c),
    };
    let data = &b.data[..];
    let mut start = 0;
    let mut end = data.len();
    if left {
        while start < end && strip_it(data[start]) {
            start += 1;
        }
    }
    if right {
        while end > start && strip_it(data[end - 1]) {
            end -= 1;
        }
    }
    if start == 0 && end == data.len() {
        return Ok(Value::Bytes(b.clone()));
    }
    Ok(new_bytes(data[start..end].to_vec()))
}

fn bytes_strip(vm: &mut Vm, args: Args) -> PyResult {
    strip(vm, &args, "strip", true, true)
}

fn bytes_lstrip(vm: &mut Vm, args: Args) -> PyResult {
    strip(vm, &args, "lstrip", true, false)
}

fn bytes_rstrip(vm: &mut Vm, args: Args) -> PyResult {
    strip(vm, &args, "rstrip", false, true)
}
