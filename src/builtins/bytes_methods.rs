//! The `bytes` type's method table, except searching/splitting (bytes_search.rs): the
//! operator dunders as natives, `decode`, `hex`/`fromhex`, `join`, the ASCII case
//! methods and predicates, padding, `expandtabs`, `maketrans`/`translate`.

use super::bytes_search::{bytes_like, is_space, new_bytes};
use super::result_size::check_size;
use super::str_codecs;
use crate::bytecode::Compare;
use crate::native::{
    c_int, clinic_type_name, function_args, method_args, receiver, self_arg, ssize, Clinic, Sig,
};
use crate::object::function::{Args, NativeFn};
use crate::object::string::PyBytes;
use crate::object::PyBool;
use crate::object::Value;
use crate::vm::{PyResult, Vm};
use std::rc::Rc;

pub fn register(vm: &mut Vm) {
    let c = vm.types.bytes.clone();
    let table: [(&'static str, NativeFn); 44] = [
        ("__len__", bytes_len),
        ("__contains__", bytes_contains),
        ("__getitem__", bytes_getitem),
        ("__add__", bytes_add),
        ("__mul__", bytes_mul),
        ("__rmul__", bytes_rmul),
        ("__mod__", bytes_mod),
        ("__rmod__", bytes_rmod),
        ("__eq__", bytes_eq),
        ("__ne__", bytes_ne),
        ("__lt__", bytes_lt),
        ("__le__", bytes_le),
        ("__gt__", bytes_gt),
        ("__ge__", bytes_ge),
        ("__hash__", bytes_hash),
        ("__iter__", bytes_iter),
        ("__repr__", bytes_repr),
        ("__str__", bytes_str),
        ("__getnewargs__", bytes_getnewargs),
        ("decode", bytes_decode),
        ("hex", bytes_hex),
        ("join", bytes_join),
        ("upper", bytes_upper),
        ("lower", bytes_lower),
        ("swapcase", bytes_swapcase),
        ("capitalize", bytes_capitalize),
        ("title", bytes_title),
        ("isalnum", bytes_isalnum),
        ("isalpha", bytes_isalpha),
        ("isascii", bytes_isascii),
        ("isdigit", bytes_isdigit),
        ("isspace", bytes_isspace),
        ("islower", bytes_islower),
        ("isupper", bytes_isupper),
        ("istitle", bytes_istitle),
        ("center", bytes_center),
        ("ljust", bytes_ljust),
        ("rjust", bytes_rjust),
        ("zfill", bytes_zfill),
        ("expandtabs", bytes_expandtabs),
        ("translate", bytes_translate),
        ("__sizeof__", bytes_sizeof),
        ("__bytes__", bytes_bytes),
        ("__format__", bytes_format),
    ];
    crate::native::add_methods(vm, &c, &table);
    crate::native::add_static(vm, &c, "fromhex", bytes_fromhex);
    crate::native::add_static(vm, &c, "maketrans", bytes_maketrans);
}

fn as_bytes(v: &Value) -> Option<Rc<PyBytes>> {
    match v {
        Value::Bytes(b) => Some(b.clone()),
        _ => None,
    }
}

/// The receiver of a `bytes` method.
pub(super) fn recv_bytes(vm: &Vm, args: &Args, name: &str) -> PyResult<Rc<PyBytes>> {
    self_arg(vm, ("bytes", name), Sig::NoArgs, args, as_bytes)
}

fn binary(vm: &Vm, args: &Args, name: &str) -> PyResult<(Rc<PyBytes>, Value)> {
    let sig = super::str_methods::binary_slot(name);
    let (b, rest) = receiver(vm, ("bytes", name), sig, args, as_bytes)?;
    Ok((b, rest[0].clone()))
}

fn unary(vm: &Vm, args: &Args, name: &str) -> PyResult<Rc<PyBytes>> {
    Ok(receiver(vm, ("bytes", name), Sig::Wrapper(0), args, as_bytes)?.0)
}

fn bytes_len(vm: &mut Vm, args: Args) -> PyResult {
    Ok(Value::Int(unary(vm, &args, "__len__")?.data.len() as i64))
}

fn bytes_contains(vm: &mut Vm, args: Args) -> PyResult {
    let (b, item) = binary(vm, &args, "__contains__")?;
    Ok(Value::bool(vm.contains(&Value::Bytes(b), &item)?))
}

fn bytes_getitem(vm: &mut Vm, args: Args) -> PyResult {
    let (b, key) = binary(vm, &args, "__getitem__")?;
    vm.get_item(&Value::Bytes(b), &key)
}

fn bytes_add(vm: &mut Vm, args: Args) -> PyResult {
    let (b, other) = binary(vm, &args, "__add__")?;
    match &other {
        Value::Bytes(o) => {
            check_size(vm, b.data.len().saturating_add(o.data.len()))?;
            let mut out = Vec::with_capacity(b.data.len() + o.data.len());
            out.extend_from_slice(&b.data);
            out.extend_from_slice(&o.data);
            Ok(new_bytes(out))
        }
        _ => Err(vm.type_error(format!("can't concat {} to bytes", vm.type_name(&other)))),
    }
}

fn repeat(vm: &mut Vm, b: &PyBytes, n: &Value) -> PyResult {
    let count = match n {
        Value::BigInt(_) => {
            return Err(vm.overflow_error("cannot fit 'int' into an index-sized integer"))
        }
        _ => ssize(vm, n)?,
    };
    if count <= 0 {
        return Ok(new_bytes(Vec::new()));
    }
    check_size(vm, b.data.len().saturating_mul(count as usize))?;
    Ok(new_bytes(b.data.repeat(count as usize)))
}

fn bytes_mul(vm: &mut Vm, args: Args) -> PyResult {
    let (b, n) = binary(vm, &args, "__mul__")?;
    repeat(vm, &b, &n)
}

fn bytes_rmul(vm: &mut Vm, args: Args) -> PyResult {
    let (b, n) = binary(vm, &args, "__rmul__")?;
    repeat(vm, &b, &n)
}

fn bytes_mod(vm: &mut Vm, args: Args) -> PyResult {
    let (b, v) = binary(vm, &args, "__mod__")?;
    Ok(new_bytes(vm.percent_format_bytes(&b.data, &v)?))
}

/// `args.__rmod__(fmt)`: formats only when `fmt` is bytes, as CPython's `bytes_mod`.
fn bytes_rmod(vm: &mut Vm, args: Args) -> PyResult {
    let (b, other) = binary(vm, &args, "__rmod__")?;
    let fmt = match &other {
        Value::Object(o) => match &o.payload {
            crate::object::Payload::Builtin(inner) => inner.clone(),
            _ => other.clone(),
        },
        _ => other.clone(),
    };
    match &fmt {
        Value::Bytes(f) => Ok(new_bytes(
            vm.percent_format_bytes(&f.data, &Value::Bytes(b))?,
        )),
        _ => Ok(Value::NotImplemented),
    }
}

fn compare(vm: &mut Vm, args: &Args, name: &str, op: Compare) -> PyResult {
    let (b, other) = binary(vm, args, name)?;
    match &other {
        Value::Bytes(o) => Ok(Value::bool(crate::vm::run::compare_ordering(
            op,
            b.data.cmp(&o.data),
        ))),
        _ => Ok(Value::NotImplemented),
    }
}

fn bytes_eq(vm: &mut Vm, args: Args) -> PyResult {
    compare(vm, &args, "__eq__", Compare::Eq)
}

fn bytes_ne(vm: &mut Vm, args: Args) -> PyResult {
    compare(vm, &args, "__ne__", Compare::Ne)
}

fn bytes_lt(vm: &mut Vm, args: Args) -> PyResult {
    compare(vm, &args, "__lt__", Compare::Lt)
}

fn bytes_le(vm: &mut Vm, args: Args) -> PyResult {
    compare(vm, &args, "__le__", Compare::Le)
}

fn bytes_gt(vm: &mut Vm, args: Args) -> PyResult {
    compare(vm, &args, "__gt__", Compare::Gt)
}

fn bytes_ge(vm: &mut Vm, args: Args) -> PyResult {
    compare(vm, &args, "__ge__", Compare::Ge)
}

fn bytes_hash(vm: &mut Vm, args: Args) -> PyResult {
    Ok(Value::Int(unary(vm, &args, "__hash__")?.hash()))
}

fn bytes_iter(vm: &mut Vm, args: Args) -> PyResult {
    let b = unary(vm, &args, "__iter__")?;
    vm.get_iter(&Value::Bytes(b))
}

fn bytes_repr(vm: &mut Vm, args: Args) -> PyResult {
    let b = unary(vm, &args, "__repr__")?;
    Ok(Value::str(crate::format::bytes_repr(&b.data)))
}

fn bytes_str(vm: &mut Vm, args: Args) -> PyResult {
    let b = unary(vm, &args, "__str__")?;
    Ok(Value::str(crate::format::bytes_repr(&b.data)))
}

fn bytes_getnewargs(vm: &mut Vm, args: Args) -> PyResult {
    let b = recv_bytes(vm, &args, "__getnewargs__")?;
    method_args(vm, "bytes.__getnewargs__", Sig::NoArgs, &args)?;
    Ok(Value::tuple(vec![new_bytes(b.data.clone())]))
}

fn bytes_sizeof(vm: &mut Vm, args: Args) -> PyResult {
    let b = recv_bytes(vm, &args, "__sizeof__")?;
    method_args(vm, "bytes.__sizeof__", Sig::NoArgs, &args)?;
    Ok(Value::Int(33 + b.data.len() as i64))
}

fn bytes_bytes(vm: &mut Vm, args: Args) -> PyResult {
    let b = recv_bytes(vm, &args, "__bytes__")?;
    method_args(vm, "bytes.__bytes__", Sig::NoArgs, &args)?;
    Ok(Value::Bytes(b))
}

/// `object.__format__`, which bytes inherits: only the empty spec.
fn bytes_format(vm: &mut Vm, args: Args) -> PyResult {
    let b = recv_bytes(vm, &args, "__format__")?;
    let spec = method_args(vm, "bytes.__format__", Sig::One, &args)?[0].clone();
    match &spec {
        Value::Str(s) if s.as_str().is_empty() => {
            Ok(Value::str(crate::format::bytes_repr(&b.data)))
        }
        Value::Str(_) => Err(vm.type_error("unsupported format string passed to bytes.__format__")),
        other => Err(vm.type_error(format!(
            "__format__() argument must be str, not {}",
            clinic_type_name(vm, other)
        ))),
    }
}

fn bytes_decode(vm: &mut Vm, args: Args) -> PyResult {
    let b = recv_bytes(vm, &args, "decode")?;
    let a = Clinic::new("decode", &["encoding", "errors"]).bind_method(vm, &args)?;
    let encoding = str_codecs::text_arg(vm, "decode", "encoding", a[0].as_ref(), "utf-8")?;
    let errors = str_codecs::text_arg(vm, "decode", "errors", a[1].as_ref(), "strict")?;
    let codec = str_codecs::lookup(vm, &encoding)?;
    Ok(Value::str(str_codecs::decode(vm, &b.data, codec, &errors)?))
}

fn bytes_hex(vm: &mut Vm, args: Args) -> PyResult {
    let b = recv_bytes(vm, &args, "hex")?;
    let a = Clinic::new("hex", &["sep", "bytes_per_sep"]).bind_method(vm, &args)?;
    // An explicit `sep=None` is not "no separator": CPython takes its len().
    let sep: Option<u8> = match &a[0] {
        None => None,
        Some(v) => {
            let (len, first) = match v {
                Value::Str(s) => (s.char_len(), s.as_str().chars().next().map(|c| c as u32)),
                Value::Bytes(s) => (s.data.len(), s.data.first().map(|&c| u32::from(c))),
                other => {
                    let n = vm.len(other)?;
                    (n, None)
                }
            };
            if len != 1 {
                return Err(vm.value_error("sep must be length 1."));
            }
            match first {
                Some(c) if c < 0x80 => Some(c as u8),
                Some(_) => return Err(vm.value_error("sep must be ASCII.")),
                None => return Err(vm.type_error("sep must be str or bytes.")),
            }
        }
    };
    let per = match &a[1] {
        Some(v) => c_int(vm, v)?,
        None => 1,
    };
    let data = &b.data;
    let mut out = String::with_capacity(data.len() * 3);
    let group = per.unsigned_abs() as usize;
    for (i, byte) in data.iter().enumerate() {
        if let Some(s) = sep {
            if i > 0 && group > 0 {
                // Positive counts group from the right, negative from the left.
                let boundary = if per > 0 {
                    (data.len() - i) % group == 0
                } else {
                    i % group == 0
                };
                if boundary {
                    out.push(s as char);
                }
            }
        }
        out.push_str(&format!("{byte:02x}"));
    }
    Ok(Value::str(out))
}

fn bytes_fromhex(vm: &mut Vm, args: Args) -> PyResult {
    // Called as `bytes.fromhex(s)` or `b.fromhex(s)`: the receiver, if any, is not bound.
    let arg = &function_args(vm, "bytes.fromhex", Sig::One, &args)?[0];
    let Value::Str(s) = arg else {
        return Err(vm.type_error(format!(
            "fromhex() argument must be str, not {}",
            clinic_type_name(vm, arg)
        )));
    };
    let chars: Vec<char> = s.as_str().chars().collect();
    let mut out = Vec::with_capacity(chars.len() / 2);
    let mut i = 0;
    let bad = |vm: &Vm, at: usize| {
        vm.value_error(format!(
            "non-hexadecimal number found in fromhex() arg at position {at}"
        ))
    };
    while i < chars.len() {
        if chars[i].is_ascii() && is_space(chars[i] as u8) {
            i += 1;
            continue;
        }
        let Some(hi) = chars[i].to_digit(16).filter(|_| chars[i].is_ascii()) else {
            return Err(bad(vm, i));
        };
        let Some(lo) = chars
            .get(i + 1)
            .and_then(|c| c.to_digit(16).filter(|_| c.is_ascii()))
        else {
            return Err(bad(vm, i + 1));
        };
        out.push((hi * 16 + lo) as u8);
        i += 2;
    }
    Ok(new_bytes(out))
}

fn bytes_join(vm: &mut Vm, args: Args) -> PyResult {
    let sep = recv_bytes(vm, &args, "join")?;
    let iterable = method_args(vm, "bytes.join", Sig::One, &args)?[0].clone();
    let items = super::str_methods::join_items(vm, &iterable)?;
    // Any bytes-like item (bytes, bytearray, memoryview) joins.
    let mut parts = Vec::with_capacity(items.len());
    for (i, v) in items.iter().enumerate() {
        match vm.buffer_bytes(v) {
            Some(data) => parts.push(data),
            None => {
                return Err(vm.type_error(format!(
                    "sequence item {i}: expected a bytes-like object, {} found",
                    vm.type_name(v)
                )))
            }
        }
    }
    let total = parts.iter().map(Vec::len).sum::<usize>()
        + sep.data.len().saturating_mul(parts.len().saturating_sub(1));
    check_size(vm, total)?;
    Ok(new_bytes(parts.join(sep.data.as_slice())))
}

fn recv(vm: &Vm, args: &Args, name: &'static str) -> PyResult<Rc<PyBytes>> {
    let b = recv_bytes(vm, args, name)?;
    method_args(vm, ("bytes", name), Sig::NoArgs, args)?;
    Ok(b)
}

fn mapped(vm: &mut Vm, args: &Args, name: &'static str, f: fn(&mut [u8])) -> PyResult {
    let b = recv(vm, args, name)?;
    let mut data = b.data.clone();
    f(&mut data);
    Ok(new_bytes(data))
}

fn bytes_upper(vm: &mut Vm, args: Args) -> PyResult {
    mapped(vm, &args, "upper", |d| d.make_ascii_uppercase())
}

fn bytes_lower(vm: &mut Vm, args: Args) -> PyResult {
    mapped(vm, &args, "lower", |d| d.make_ascii_lowercase())
}

fn bytes_swapcase(vm: &mut Vm, args: Args) -> PyResult {
    mapped(vm, &args, "swapcase", |d| {
        for c in d.iter_mut() {
            if c.is_ascii_uppercase() {
                c.make_ascii_lowercase();
            } else if c.is_ascii_lowercase() {
                c.make_ascii_uppercase();
            }
        }
    })
}

fn bytes_capitalize(vm: &mut Vm, args: Args) -> PyResult {
    mapped(vm, &args, "capitalize", |d| {
        d.make_ascii_lowercase();
        if let Some(c) = d.first_mut() {
            c.make_ascii_uppercase();
        }
    })
}

fn bytes_title(vm: &mut Vm, args: Args) -> PyResult {
    mapped(vm, &args, "title", |d| {
        let mut prev_cased = false;
        for c in d.iter_mut() {
            if prev_cased {
                c.make_ascii_lowercase();
            } else {
                c.make_ascii_uppercase();
            }
            prev_cased = c.is_ascii_alphabetic();
        }
    })
}

fn all_bytes(vm: &mut Vm, args: &Args, name: &'static str, f: fn(u8) -> bool) -> PyResult {
    let b = recv(vm, args, name)?;
    Ok(Value::bool(
        !b.data.is_empty() && b.data.iter().all(|&c| f(c)),
    ))
}

fn bytes_isalnum(vm: &mut Vm, args: Args) -> PyResult {
    all_bytes(vm, &args, "isalnum", |c| c.is_ascii_alphanumeric())
}

fn bytes_isalpha(vm: &mut Vm, args: Args) -> PyResult {
    all_bytes(vm, &args, "isalpha", |c| c.is_ascii_alphabetic())
}

fn bytes_isdigit(vm: &mut Vm, args: Args) -> PyResult {
    all_bytes(vm, &args, "isdigit", |c| c.is_ascii_digit())
}

fn bytes_isspace(vm: &mut Vm, args: Args) -> PyResult {
    all_bytes(vm, &args, "isspace", is_space)
}

fn bytes_isascii(vm: &mut Vm, args: Args) -> PyResult {
    let b = recv(vm, &args, "isascii")?;
    Ok(Value::bool(b.data.is_ascii()))
}

fn bytes_islower(vm: &mut Vm, args: Args) -> PyResult {
    let b = recv(vm, &args, "islower")?;
    let d = &b.data;
    Ok(Value::bool(
        d.iter().any(u8::is_ascii_lowercase) && !d.iter().any(u8::is_ascii_uppercase),
    ))
}

fn bytes_isupper(vm: &mut Vm, args: Args) -> PyResult {
    let b = recv(vm, &args, "isupper")?;
    let d = &b.data;
    Ok(Value::bool(
        d.iter().any(u8::is_ascii_uppercase) && !d.iter().any(u8::is_ascii_lowercase),
    ))
}

fn bytes_istitle(vm: &mut Vm, args: Args) -> PyResult {
    let b = recv(vm, &args, "istitle")?;
    let (mut cased, mut prev_cased) = (false, false);
    for &c in b.data.iter() {
        if c.is_ascii_uppercase() {
            if prev_cased {
                return Ok(Value::Bool(PyBool::FALSE));
            }
            prev_cased = true;
            cased = true;
        } else if c.is_ascii_lowercase() {
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

fn pad_args(vm: &mut Vm, args: &Args, name: &str) -> PyResult<(Rc<PyBytes>, usize, u8)> {
    let b = recv_bytes(vm, args, name)?;
    let r = method_args(vm, ("bytes", name), Sig::Range(1, 2), args)?;
    let width = ssize(vm, &r[0])?.max(0) as usize;
    let fill = match r.get(1) {
        None => b' ',
        Some(Value::Bytes(f)) if f.data.len() == 1 => f.data[0],
        Some(other) => {
            return Err(vm.type_error(format!(
                "{name}() argument 2 must be a byte string of length 1, not {}",
                clinic_type_name(vm, other)
            )))
        }
    };
    Ok((b, width, fill))
}

fn padded(vm: &Vm, b: &PyBytes, left: usize, right: usize, fill: u8) -> PyResult {
    check_size(vm, b.data.len().saturating_add(left).saturating_add(right))?;
    let mut out = Vec::with_capacity(b.data.len() + left + right);
    out.resize(left, fill);
    out.extend_from_slice(&b.data);
    out.resize(out.len() + right, fill);
    Ok(new_bytes(out))
}

fn bytes_center(vm: &mut Vm, args: Args) -> PyResult {
    let (b, width, fill) = pad_args(vm, &args, "center")?;
    let len = b.data.len();
    if width <= len {
        return Ok(Value::Bytes(b));
    }
    let marg = width - len;
    let left = marg / 2 + (marg & width & 1);
    padded(vm, &b, left, marg - left, fill)
}

fn bytes_ljust(vm: &mut Vm, args: Args) -> PyResult {
    let (b, width, fill) = pad_args(vm, &args, "ljust")?;
    let len = b.data.len();
    if width <= len {
        return Ok(Value::Bytes(b));
    }
    padded(vm, &b, 0, width - len, fill)
}

fn bytes_rjust(vm: &mut Vm, args: Args) -> PyResult {
    let (b, width, fill) = pad_args(vm, &args, "rjust")?;
    let len = b.data.len();
    if width <= len {
        return Ok(Value::Bytes(b));
    }
    padded(vm, &b, width - len, 0, fill)
}

fn bytes_zfill(vm: &mut Vm, args: Args) -> PyResult {
    let b = recv_bytes(vm, &args, "zfill")?;
    let w = method_args(vm, "bytes.zfill", Sig::One, &args)?[0].clone();
    let width = ssize(vm, &w)?.max(0) as usize;
    let len = b.data.len();
    if width <= len {
        return Ok(Value::Bytes(b));
    }
    check_size(vm, width)?;
    let fill = width - len;
    let mut out = Vec::with_capacity(width);
    let body = match b.data.first() {
        Some(&sign @ (b'+' | b'-')) => {
            out.push(sign);
            &b.data[1..]
        }
        _ => &b.data[..],
    };
    out.resize(out.len() + fill, b'0');
    out.extend_from_slice(body);
    Ok(new_bytes(out))
}

fn bytes_expandtabs(vm: &mut Vm, args: Args) -> PyResult {
    let b = recv_bytes(vm, &args, "expandtabs")?;
    let a = Clinic::new("expandtabs", &["tabsize"]).bind_method(vm, &args)?;
    let tabsize = match &a[0] {
        Some(v) => c_int(vm, v)?,
        None => 8,
    };
    let mut out = Vec::with_capacity(b.data.len() + 16);
    let mut column: usize = 0;
    for &c in b.data.iter() {
        match c {
            b'\t' => {
                if tabsize > 0 {
                    let n = tabsize as usize - column % tabsize as usize;
                    super::result_size::grow_bytes(vm, &mut out, n)?;
                    out.resize(out.len() + n, b' ');
                    column += n;
                }
            }
            b'\n' | b'\r' => {
                out.push(c);
                column = 0;
            }
            _ => {
                out.push(c);
                column += 1;
            }
        }
    }
    Ok(new_bytes(out))
}

fn bytes_maketrans(vm: &mut Vm, args: Args) -> PyResult {
    // Static: called as `bytes.maketrans(a, b)`, so there is no receiver to skip.
    let pos = function_args(vm, "bytes.maketrans", Sig::Range(2, 2), &args)?;
    let (from, to) = (&pos[0], &pos[1]);
    let from = bytes_like(vm, from)?;
    let to = bytes_like(vm, to)?;
    if from.data.len() != to.data.len() {
        return Err(vm.value_error("maketrans arguments must have same length"));
    }
    let mut table: Vec<u8> = (0..=255u8).collect();
    for (&f, &t) in from.data.iter().zip(to.data.iter()) {
        table[f as usize] = t;
    }
    Ok(new_bytes(table))
}

/// `translate(table, /, delete=b'')`.
const TRANSLATE: Clinic = Clinic::new("translate", &["table", "delete"])
    .posonly(1)
    .required(1);

fn bytes_translate(vm: &mut Vm, args: Args) -> PyResult {
    let b = recv_bytes(vm, &args, "translate")?;
    let a = TRANSLATE.bind_method(vm, &args)?;
    let table = match &a[0] {
        None | Some(Value::None) => None,
        Some(v) => {
            let t = bytes_like(vm, v)?;
            if t.data.len() != 256 {
                return Err(vm.value_error("translation table must be 256 characters long"));
            }
            Some(t)
        }
    };
    let delete = match &a[1] {
        None => None,
        Some(v) => Some(bytes_like(vm, v)?),
    };
    let out: Vec<u8> = b
        .data
        .iter()
        .filter(|c| delete.as_ref().is_none_or(|d| !d.data.contains(c)))
        .map(|&c| table.as_ref().map_or(c, |t| t.data[c as usize]))
        .collect();
    Ok(new_bytes(out))
}
