//! Substring search on `str`: `find`/`rfind`/`index`/`rindex`/`count`, `startswith`/
//! `endswith`, `replace`, `partition`/`rpartition`, `removeprefix`/`removesuffix`.
//!
//! Indices are code points. The search itself runs on the UTF-8 bytes of the
//! `start:end` window (byte order and code-point order agree), and only a hit's offset is
//! converted back to a code-point index.

use super::result_size::check_size;
use super::str_methods::recv_str;
use crate::native::{clinic_type_name, method_args, range_args, ssize, Sig};
use crate::object::function::Args;
use crate::object::string::PyStr;
use crate::object::PyBool;
use crate::object::Value;
use crate::vm::{PyResult, Vm};
use std::rc::Rc;

pub fn register(vm: &mut Vm) {
    let c = vm.types.str.clone();
    let table: [(&'static str, crate::object::function::NativeFn); 12] = [
        ("find", str_find),
        ("rfind", str_rfind),
        ("index", str_index),
        ("rindex", str_rindex),
        ("count", str_count),
        ("startswith", str_startswith),
        ("endswith", str_endswith),
        ("replace", str_replace),
        ("partition", str_partition),
        ("rpartition", str_rpartition),
        ("removeprefix", str_removeprefix),
        ("removesuffix", str_removesuffix),
    ];
    crate::native::add_methods(vm, &c, &table);
}

/// `must be str, not int`: the wording of CPython's `parse_args_finds` and partition.
fn str_arg(vm: &Vm, v: &Value) -> PyResult<Rc<PyStr>> {
    match v {
        Value::Str(s) => Ok(s.clone()),
        _ => Err(vm.type_error(format!("must be str, not {}", vm.type_name(v)))),
    }
}

/// Number of code points in `s[..byte]`.
fn chars_before(s: &str, byte: usize) -> usize {
    let head = s.get(..byte).unwrap_or(s);
    if head.is_ascii() {
        head.len()
    } else {
        head.chars().count()
    }
}

/// The shared front half of `find`/`index`/...: receiver, needle, adjusted window.
fn find_args(
    vm: &mut Vm,
    args: &Args,
    name: &str,
) -> PyResult<(Rc<PyStr>, Rc<PyStr>, usize, usize)> {
    let s = recv_str(vm, args, name)?;
    let r = method_args(vm, ("str", name), Sig::OldStyle(1, 3), args)?;
    let sub = str_arg(vm, &r[0])?;
    let (start, end) = range_args(vm, r, 1, s.char_len())?;
    Ok((s, sub, start, end))
}

/// CPython's `any_find_slice`: the code-point index of the first (or last) match, or -1.
fn find_in(s: &PyStr, sub: &PyStr, start: usize, end: usize, reverse: bool) -> i64 {
    if end < start || end - start < sub.char_len() {
        return -1;
    }
    if sub.as_str().is_empty() {
        return if reverse { end as i64 } else { start as i64 };
    }
    let window = s.char_slice(start, end);
    let hit = if reverse {
        window.rfind(sub.as_str())
    } else {
        window.find(sub.as_str())
    };
    match hit {
        Some(b) => (start + chars_before(window, b)) as i64,
        None => -1,
    }
}

fn find_common(vm: &mut Vm, args: &Args, name: &str, reverse: bool, raise: bool) -> PyResult {
    let (s, sub, start, end) = find_args(vm, args, name)?;
    let i = find_in(&s, &sub, start, end, reverse);
    if i < 0 && raise {
        return Err(vm.value_error("substring not found"));
    }
    Ok(Value::Int(i))
}

fn str_find(vm: &mut Vm, args: Args) -> PyResult {
    find_common(vm, &args, "find", false, false)
}

fn str_rfind(vm: &mut Vm, args: Args) -> PyResult {
    find_common(vm, &args, "rfind", true, false)
}

fn str_index(vm: &mut Vm, args: Args) -> PyResult {
    find_common(vm, &args, "index", false, true)
}

fn str_rindex(vm: &mut Vm, args: Args) -> PyResult {
    find_common(vm, &args, "rindex", true, true)
}

fn str_count(vm: &mut Vm, args: Args) -> PyResult {
    let (s, sub, start, end) = find_args(vm, &args, "count")?;
    if end < start || end - start < sub.char_len() {
        return Ok(Value::Int(0));
    }
    if sub.as_str().is_empty() {
        return Ok(Value::Int((end - start + 1) as i64));
    }
    Ok(Value::Int(
        s.char_slice(start, end).matches(sub.as_str()).count() as i64,
    ))
}

/// `startswith`/`endswith`: CPython's `tailmatch` over one prefix or a tuple of them.
fn tail_match(vm: &mut Vm, args: &Args, name: &str, at_end: bool) -> PyResult {
    let s = recv_str(vm, args, name)?;
    let r = method_args(vm, ("str", name), Sig::OldStyle(1, 3), args)?;
    let (start, end) = range_args(vm, r, 1, s.char_len())?;
    let matches = |sub: &PyStr| -> bool {
        let n = sub.char_len();
        if end < start || end - start < n {
            return false;
        }
        let window = s.char_slice(start, end);
        if at_end {
            window.ends_with(sub.as_str())
        } else {
            window.starts_with(sub.as_str())
        }
    };
    match &r[0] {
        Value::Str(sub) => Ok(Value::bool(matches(sub))),
        Value::Tuple(t) => {
            for item in t.items.iter() {
                match item {
                    Value::Str(sub) => {
                        if matches(sub) {
                            return Ok(Value::Bool(PyBool::TRUE));
                        }
                    }
                    other => {
                        return Err(vm.type_error(format!(
                            "tuple for {name} must only contain str, not {}",
                            vm.type_name(other)
                        )))
                    }
                }
            }
            Ok(Value::Bool(PyBool::FALSE))
        }
        other => Err(vm.type_error(format!(
            "{name} first arg must be str or a tuple of str, not {}",
            vm.type_name(other)
        ))),
    }
}

fn str_startswith(vm: &mut Vm, args: Args) -> PyResult {
    tail_match(vm, &args, "startswith", false)
}

fn str_endswith(vm: &mut Vm, args: Args) -> PyResult {
    tail_match(vm, &args, "endswith", true)
}

fn str_replace(vm: &mut Vm, args: Args) -> PyResult {
    let s = recv_str(vm, &args, "replace")?;
    let r = method_args(vm, ("str", "replace"), Sig::Range(2, 3), &args)?;
    let mut parts = Vec::with_capacity(2);
    for (i, v) in r.iter().take(2).enumerate() {
        match v {
            Value::Str(p) => parts.push(p.clone()),
            other => {
                return Err(vm.type_error(format!(
                    "replace() argument {} must be str, not {}",
                    i + 1,
                    clinic_type_name(vm, other)
                )))
            }
        }
    }
    let (old, new) = (&parts[0], &parts[1]);
    let count = match r.get(2) {
        Some(v) => ssize(vm, v)?,
        None => -1,
    };
    let (text, old_s, new_s) = (s.as_str(), old.as_str(), new.as_str());
    let available = if old_s.is_empty() {
        s.char_len() + 1
    } else if new_s.len() <= old_s.len() {
        // The result cannot grow: no need to count matches first.
        usize::MAX
    } else {
        text.matches(old_s).count()
    };
    let n = if count < 0 {
        available
    } else {
        (count as usize).min(available)
    };
    if n == 0 || (old_s == new_s && !old_s.is_empty()) {
        return Ok(Value::Str(s));
    }
    if new_s.len() > old_s.len() {
        let grow = (new_s.len() - old_s.len()).saturating_mul(n);
        check_size(vm, text.len().saturating_add(grow))?;
    }
    Ok(Value::str(text.replacen(old_s, new_s, n)))
}

fn partition(vm: &mut Vm, args: &Args, name: &str, reverse: bool) -> PyResult {
    let s = recv_str(vm, args, name)?;
    let sep = method_args(vm, ("str", name), Sig::One, args)?[0].clone();
    let sep = str_arg(vm, &sep)?;
    if sep.as_str().is_empty() {
        return Err(vm.value_error("empty separator"));
    }
    let text = s.as_str();
    let hit = if reverse {
        text.rfind(sep.as_str())
    } else {
        text.find(sep.as_str())
    };
    let empty = vm.new_str("");
    Ok(match hit {
        Some(b) => {
            let head = text.get(..b).unwrap_or("");
            let tail = text.get(b + sep.as_str().len()..).unwrap_or("");
            Value::tuple(vec![
                Value::str(head),
                Value::Str(sep.clone()),
                Value::str(tail),
            ])
        }
        None if reverse => Value::tuple(vec![empty.clone(), empty, Value::Str(s.clone())]),
        None => Value::tuple(vec![Value::Str(s.clone()), empty.clone(), empty]),
    })
}

fn str_partition(vm: &mut Vm, args: Args) -> PyResult {
    partition(vm, &args, "partition", false)
}

fn str_rpartition(vm: &mut Vm, args: Args) -> PyResult {
    partition(vm, &args, "rpartition", true)
}

fn remove_affix(vm: &mut Vm, args: &Args, name: &str, suffix: bool) -> PyResult {
    let s = recv_str(vm, args, name)?;
    let a = method_args(vm, ("str", name), Sig::One, args)?[0].clone();
    let Value::Str(affix) = &a else {
        return Err(vm.type_error(format!(
            "{name}() argument must be str, not {}",
            clinic_type_name(vm, &a)
        )));
    };
    let text = s.as_str();
    let stripped = if suffix {
        text.strip_suffix(affix.as_str())
    } else {
        text.strip_prefix(affix.as_str())
    };
    Ok(match stripped {
        Some(rest) if !affix.as_str().is_empty() => Value::str(rest),
        _ => Value::Str(s),
    })
}

fn str_removeprefix(vm: &mut Vm, args: Args) -> PyResult {
    remove_affix(vm, &args, "removeprefix", false)
}

fn str_removesuffix(vm: &mut Vm, args: Args) -> PyResult {
    remove_affix(vm, &args, "removesuffix", true)
}
