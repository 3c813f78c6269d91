//! Splitting and stripping `str`: `split`/`rsplit` (by separator or by Unicode
//! whitespace runs, with `maxsplit`), `splitlines` and `strip`/`lstrip`/`rstrip`.

use super::str_methods::recv_str;
use crate::format::is_space;
use crate::memory::{self, OutOfMemory};
use crate::native::{c_int, method_args, ssize, Clinic, Sig};
use crate::object::function::Args;
use crate::object::Value;
use crate::vm::{PyResult, Vm};

pub fn register(vm: &mut Vm) {
    let c = vm.types.str.clone();
    let table: [(&'static str, crate::object::function::NativeFn); 6] = [
        ("split", str_split),
        ("rsplit", str_rsplit),
        ("splitlines", str_splitlines),
        ("strip", str_strip),
        ("lstrip", str_lstrip),
        ("rstrip", str_rstrip),
    ];
    crate::native::add_methods(vm, &c, &table);
}

/// Splits at runs of whitespace from the left, at most `max` times; the remainder keeps
/// its trailing whitespace (`' a b '.split(None, 1) == ['a', 'b ']`).
pub fn split_whitespace(
    text: &str,
    max: usize,
    space: fn(char) -> bool,
) -> Result<Vec<&str>, OutOfMemory> {
    let mut out = Vec::new();
    let mut rest = text.trim_start_matches(space);
    while !rest.is_empty() {
        if out.len() == max {
            memory::push(&mut out, rest)?;
            break;
        }
        match rest.find(space) {
            Some(end) => {
                memory::push(&mut out, rest.get(..end).unwrap_or(""))?;
                rest = rest.get(end..).unwrap_or("").trim_start_matches(space);
            }
            None => {
                memory::push(&mut out, rest)?;
                break;
            }
        }
    }
    Ok(out)
}

/// The mirror image of [`split_whitespace`], in left-to-right order.
pub fn rsplit_whitespace(
    text: &str,
    max: usize,
    space: fn(char) -> bool,
) -> Result<Vec<&str>, OutOfMemory> {
    let mut out = Vec::new();
    let mut rest = text.trim_end_matches(space);
    while !rest.is_empty() {
        if out.len() == max {
            memory::push(&mut out, rest)?;
            break;
        }
        match rest.rfind(space) {
            Some(start) => {
                let ws_len = rest
                    .get(start..)
                    .and_then(|t| t.chars().next())
                    .map_or(1, char::len_utf8);
                memory::push(&mut out, rest.get(start + ws_len..).unwrap_or(""))?;
                rest = rest.get(..start).unwrap_or("").trim_end_matches(space);
            }
            None => {
                memory::push(&mut out, rest)?;
                break;
            }
        }
    }
    out.reverse();
    Ok(out)
}

/// `(sep, maxsplit)` for `split`/`rsplit`; `None` separator means whitespace.
fn split_args(
    vm: &mut Vm,
    args: &Args,
    name: &str,
) -> PyResult<(Option<std::rc::Rc<crate::object::PyStr>>, usize)> {
    let a = Clinic::new(name, &["sep", "maxsplit"]).bind_method(vm, args)?;
    let sep = match &a[0] {
        None | Some(Value::None) => None,
        Some(Value::Str(s)) => {
            if s.as_str().is_empty() {
                return Err(vm.value_error("empty separator"));
            }
            Some(s.clone())
        }
        Some(other) => {
            return Err(vm.type_error(format!("must be str or None, not {}", vm.type_name(other))))
        }
    };
    let max = match &a[1] {
        Some(v) => ssize(vm, v)?,
        None => -1,
    };
    let max = if max < 0 { usize::MAX } else { max as usize };
    Ok((sep, max))
}

/// The parts as a list of str; a list too large for memory is a MemoryError.
fn to_list<'a>(vm: &Vm, parts: Result<impl IntoIterator<Item = &'a str>, OutOfMemory>) -> PyResult {
    let parts = parts.map_err(|_| vm.memory_error())?;
    let items = memory::collect(parts.into_iter().map(Value::str));
    Ok(Value::list(items.map_err(|_| vm.memory_error())?))
}

fn str_split(vm: &mut Vm, args: Args) -> PyResult {
    let s = recv_str(vm, &args, "split")?;
    let (sep, max) = split_args(vm, &args, "split")?;
    let text = s.as_str();
    match sep {
        None => to_list(vm, split_whitespace(text, max, is_space)),
        Some(sep) => to_list(vm, Ok(text.splitn(max.saturating_add(1), sep.as_str()))),
    }
}

fn str_rsplit(vm: &mut Vm, args: Args) -> PyResult {
    let s = recv_str(vm, &args, "rsplit")?;
    let (sep, max) = split_args(vm, &args, "rsplit")?;
    let text = s.as_str();
    match sep {
        None => to_list(vm, rsplit_whitespace(text, max, is_space)),
        Some(sep) => {
            let parts = memory::collect(text.rsplitn(max.saturating_add(1), sep.as_str()));
            to_list(vm, parts.map(|parts| parts.into_iter().rev()))
        }
    }
}

/// Line boundaries of `str.splitlines`: the byte length of the boundary starting at
/// `rest`, if one does (`\r\n` counts as one).
fn line_break(rest: &str) -> Option<usize> {
    let c = rest.chars().next()?;
    match c {
        '\r' => Some(if rest.as_bytes().get(1) == Some(&b'\n') {
            2
        } else {
            1
        }),
        '\n' | '\x0b' | '\x0c' | '\x1c' | '\x1d' | '\x1e' | '\u{85}' | '\u{2028}' | '\u{2029}' => {
            Some(c.len_utf8())
        }
        _ => None,
    }
}

fn str_splitlines(vm: &mut Vm, args: Args) -> PyResult {
    let s = recv_str(vm, &args, "splitlines")?;
    let a = Clinic::new("splitlines", &["keepends"]).bind_method(vm, &args)?;
    let keepends = match &a[0] {
        Some(v) => c_int(vm, v)? != 0,
        None => false,
    };
    let text = s.as_str();
    let mut out = Vec::new();
    let mut line_start = 0;
    let mut i = 0;
    while i < text.len() {
        let rest = text.get(i..).unwrap_or("");
        match line_break(rest) {
            Some(n) => {
                let end = if keepends { i + n } else { i };
                out.push(Value::str(text.get(line_start..end).unwrap_or("")));
                i += n;
                line_start = i;
            }
            None => i += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    if line_start < text.len() {
        out.push(Value::str(text.get(line_start..).unwrap_or("")));
    }
    Ok(Value::list(out))
}

#[derive(Clone, Copy)]
enum Side {
    Left,
    Right,
    Both,
}

fn strip(vm: &mut Vm, args: &Args, name: &'static str, side: Side) -> PyResult {
    let s = recv_str(vm, args, name)?;
    let r = method_args(vm, ("str", name), Sig::Range(0, 1), args)?;
    let text = s.as_str();
    let stripped = match r.first() {
        None | Some(Value::None) => match side {
            Side::Left => text.trim_start_matches(is_space),
            Side::Right => text.trim_end_matches(is_space),
            Side::Both => text.trim_matches(is_space),
        },
        Some(Value::Str(chars)) => {
            let set = chars.as_str();
            let in_set = |c: char| set.contains(c);
            match side {
                Side::Left => text.trim_start_matches(in_set),
                Side::Right => text.trim_end_matches(in_set),
                Side::Both => text.trim_matches(in_set),
            }
        }
        Some(_) => return Err(vm.type_error(format!("{name} arg must be None or str"))),
    };
    if stripped.len() == text.len() {
        return Ok(Value::Str(s));
    }
    Ok(Value::str(stripped))
}

fn str_strip(vm: &mut Vm, args: Args) -> PyResult {
    strip(vm, &args, "strip", Side::Both)
}

fn str_lstrip(vm: &mut Vm, args: Args) -> PyResult {
    strip(vm, &args, "lstrip", Side::Left)
}

fn str_rstrip(vm: &mut Vm, args: Args) -> PyResult {
    strip(vm, &args, "rstrip", Side::Right)
}
