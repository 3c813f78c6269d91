//! Case conversion (`upper`, `lower`, `casefold`, `swapcase`, `title`, `capitalize`) and
//! the character-class predicates (`isalpha`, `isdigit`, `istitle`, ...) of `str`.
//!
//! The rules are CPython's `unicodeobject.c` ones: full (multi-character) mappings, the
//! final-sigma rule wherever a character is lowered, and `title()` deciding word starts by
//! the `Cased` property alone (`"o'neil's".title()` is `"O'Neil'S"`).

use super::str_methods::recv_str;
use super::str_unicode::{self as uni, Case};
use crate::native::{method_args, Sig};
use crate::object::function::Args;
use crate::object::string::PyStr;
use crate::object::PyBool;
use crate::object::Value;
use crate::vm::{PyResult, Vm};
use std::rc::Rc;

pub fn register(vm: &mut Vm) {
    let c = vm.types.str.clone();
    let table: [(&'static str, crate::object::function::NativeFn); 20] = [
        ("upper", str_upper),
        ("lower", str_lower),
        ("casefold", str_casefold),
        ("swapcase", str_swapcase),
        ("title", str_title),
        ("capitalize", str_capitalize),
        ("isalpha", str_isalpha),
        ("isalnum", str_isalnum),
        ("isdecimal", str_isdecimal),
        ("isdigit", str_isdigit),
        ("isnumeric", str_isnumeric),
        ("isspace", str_isspace),
        ("isprintable", str_isprintable),
        ("isascii", str_isascii),
        ("isidentifier", str_isidentifier),
        ("islower", str_islower),
        ("isupper", str_isupper),
        ("istitle", str_istitle),
        ("__getnewargs__", str_getnewargs),
        ("__sizeof__", str_sizeof),
    ];
    crate::native::add_methods(vm, &c, &table);
}

/// Receiver of a no-argument method.
fn recv(vm: &Vm, args: &Args, name: &'static str) -> PyResult<Rc<PyStr>> {
    let s = recv_str(vm, args, name)?;
    method_args(vm, ("str", name), Sig::NoArgs, args)?;
    Ok(s)
}

/// Maps every character with `f(chars, i, out)`; `ascii` handles pure-ASCII text in place.
/// The result is at least as long as `s`, built by `std`: its size is asked for first.
fn convert(
    vm: &Vm,
    s: &PyStr,
    ascii: fn(&mut [u8]),
    f: fn(&[char], usize, &mut String),
) -> PyResult {
    super::result_size::check_size(vm, s.as_str().len())?;
    if s.is_ascii() {
        let mut bytes = s.as_str().as_bytes().to_vec();
        ascii(&mut bytes);
        return Ok(Value::str(String::from_utf8(bytes).unwrap_or_default()));
    }
    let chars: Vec<char> = s.as_str().chars().collect();
    let mut out = String::with_capacity(s.as_str().len() + 8);
    for i in 0..chars.len() {
        f(&chars, i, &mut out);
    }
    Ok(Value::str(out))
}

fn at(chars: &[char], i: usize) -> char {
    chars.get(i).copied().unwrap_or('\0')
}

fn str_upper(vm: &mut Vm, args: Args) -> PyResult {
    let s = recv(vm, &args, "upper")?;
    convert(
        vm,
        &s,
        |b| b.make_ascii_uppercase(),
        |cs, i, out| uni::push_mapped(at(cs, i), Case::Upper, out),
    )
}

fn str_lower(vm: &mut Vm, args: Args) -> PyResult {
    let s = recv(vm, &args, "lower")?;
    convert(vm, &s, |b| b.make_ascii_lowercase(), uni::push_lower_at)
}

fn str_casefold(vm: &mut Vm, args: Args) -> PyResult {
    let s = recv(vm, &args, "casefold")?;
    convert(
        vm,
        &s,
        |b| b.make_ascii_lowercase(),
        |cs, i, out| uni::push_mapped(at(cs, i), Case::Fold, out),
    )
}

fn str_swapcase(vm: &mut Vm, args: Args) -> PyResult {
    let s = recv(vm, &args, "swapcase")?;
    convert(
        vm,
        &s,
        |b| {
            for c in b.iter_mut() {
                if c.is_ascii_uppercase() {
                    c.make_ascii_lowercase();
                } else if c.is_ascii_lowercase() {
                    c.make_ascii_uppercase();
                }
            }
        },
        |cs, i, out| {
            let c = at(cs, i);
            if uni::is_upper(c) {
                uni::push_lower_at(cs, i, out);
            } else if uni::is_lower(c) {
                uni::push_mapped(c, Case::Upper, out);
            } else {
                out.push(c);
            }
        },
    )
}

fn str_title(vm: &mut Vm, args: Args) -> PyResult {
    let s = recv(vm, &args, "title")?;
    if s.is_ascii() {
        let mut bytes = s.as_str().as_bytes().to_vec();
        let mut prev_cased = false;
        for c in bytes.iter_mut() {
            if prev_cased {
                c.make_ascii_lowercase();
            } else {
                c.make_ascii_uppercase();
            }
            prev_cased = c.is_ascii_alphabetic();
        }
        return Ok(Value::str(String::from_utf8(bytes).unwrap_or_default()));
    }
    let chars: Vec<char> = s.as_str().chars().collect();
    let mut out = String::with_capacity(s.as_str().len() + 8);
    let mut prev_cased = false;
    for (i, &c) in chars.iter().enumerate() {
        if prev_cased {
            uni::push_lower_at(&chars, i, &mut out);
        } else {
            uni::push_mapped(c, Case::Title, &mut out);
        }
        prev_cased = uni::is_cased(c);
    }
    Ok(Value::str(out))
}

fn str_capitalize(vm: &mut Vm, args: Args) -> PyResult {
    let s = recv(vm, &args, "capitalize")?;
    if s.is_ascii() {
        let mut bytes = s.as_str().as_bytes().to_vec();
        bytes.make_ascii_lowercase();
        if let Some(b) = bytes.first_mut() {
            b.make_ascii_uppercase();
        }
        return Ok(Value::str(String::from_utf8(bytes).unwrap_or_default()));
    }
    let chars: Vec<char> = s.as_str().chars().collect();
    let mut out = String::with_capacity(s.as_str().len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        if i == 0 {
            uni::push_mapped(c, Case::Title, &mut out);
        } else {
            uni::push_lower_at(&chars, i, &mut out);
        }
    }
    Ok(Value::str(out))
}

/// A predicate true when the string is non-empty and every character satisfies `f`.
fn all_chars(vm: &mut Vm, args: &Args, name: &'static str, f: fn(char) -> bool) -> PyResult {
    let s = recv(vm, args, name)?;
    let text = s.as_str();
    Ok(Value::bool(!text.is_empty() && text.chars().all(f)))
}

fn str_isalpha(vm: &mut Vm, args: Args) -> PyResult {
    all_chars(vm, &args, "isalpha", uni::is_alpha)
}

fn str_isalnum(vm: &mut Vm, args: Args) -> PyResult {
    all_chars(vm, &args, "isalnum", uni::is_alnum)
}

fn str_isdecimal(vm: &mut Vm, args: Args) -> PyResult {
    all_chars(vm, &args, "isdecimal", uni::is_decimal)
}

fn str_isdigit(vm: &mut Vm, args: Args) -> PyResult {
    all_chars(vm, &args, "isdigit", uni::is_digit)
}

fn str_isnumeric(vm: &mut Vm, args: Args) -> PyResult {
    all_chars(vm, &args, "isnumeric", uni::is_numeric)
}

fn str_isspace(vm: &mut Vm, args: Args) -> PyResult {
    all_chars(vm, &args, "isspace", crate::format::is_space)
}

fn str_isprintable(vm: &mut Vm, args: Args) -> PyResult {
    let s = recv(vm, &args, "isprintable")?;
    Ok(Value::bool(
        s.as_str().chars().all(crate::format::is_printable),
    ))
}

fn str_isascii(vm: &mut Vm, args: Args) -> PyResult {
    let s = recv(vm, &args, "isascii")?;
    Ok(Value::bool(s.as_str().is_ascii()))
}

fn str_isidentifier(vm: &mut Vm, args: Args) -> PyResult {
    let s = recv(vm, &args, "isidentifier")?;
    let mut chars = s.as_str().chars();
    let ok = match chars.next() {
        Some(c) => uni::is_xid_start(c) && chars.all(uni::is_xid_continue),
        None => false,
    };
    Ok(Value::bool(ok))
}

fn str_islower(vm: &mut Vm, args: Args) -> PyResult {
    let s = recv(vm, &args, "islower")?;
    let mut cased = false;
    for c in s.as_str().chars() {
        if uni::is_upper(c) || uni::is_title(c) {
            return Ok(Value::Bool(PyBool::FALSE));
        }
        cased |= uni::is_lower(c);
    }
    Ok(Value::bool(cased))
}

fn str_isupper(vm: &mut Vm, args: Args) -> PyResult {
    let s = recv(vm, &args, "isupper")?;
    let mut cased = false;
    for c in s.as_str().chars() {
        if uni::is_lower(c) || uni::is_title(c) {
            return Ok(Value::Bool(PyBool::FALSE));
        }
        cased |= uni::is_upper(c);
    }
    Ok(Value::bool(cased))
}

fn str_istitle(vm: &mut Vm, args: Args) -> PyResult {
    let s = recv(vm, &args, "istitle")?;
    let (mut cased, mut prev_cased) = (false, false);
    for c in s.as_str().chars() {
        if uni::is_upper(c) || uni::is_title(c) {
            if prev_cased {
                return Ok(Value::Bool(PyBool::FALSE));
            }
            prev_cased = true;
            cased = true;
        } else if uni::is_lower(c) {
            if !prev_cased {
                return Ok(Value::Bool(PyBool::FALSE));
            }
            prev_cased = true;
            cased = true;
        } else {
            prev_cased = false;
        }
    }
    Ok(Value::bool(cased))
}

fn str_getnewargs(vm: &mut Vm, args: Args) -> PyResult {
    let s = recv(vm, &args, "__getnewargs__")?;
    Ok(Value::tuple(vec![Value::str(s.as_str())]))
}

/// `sys.getsizeof` layout of CPython's compact strings: a header (larger for non-ASCII)
/// plus one, two or four bytes per code point and the terminator.
fn str_sizeof(vm: &mut Vm, args: Args) -> PyResult {
    let s = recv(vm, &args, "__sizeof__")?;
    let max = s.as_str().chars().map(|c| c as u32).max().unwrap_or(0);
    let n = s.char_len() as i64 + 1;
    let size = match max {
        0..=0x7F => 48 + n,
        0x80..=0xFF => 72 + n,
        0x100..=0xFFFF => 72 + 2 * n,
        _ => 72 + 4 * n,
    };
    Ok(Value::Int(size))
}
