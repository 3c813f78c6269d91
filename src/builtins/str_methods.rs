//! The `str` type's method table: the operator dunders as callable natives (for explicit
//! calls like `str.__add__(a, b)`; the VM's fast paths handle the operators themselves),
//! `join`, padding (`center`/`ljust`/`rjust`/`zfill`), `expandtabs`, `encode`, and
//! `maketrans`/`translate`. The other method families register from their own files.

use super::result_size::check_size;
use super::str_codecs;
use crate::bytecode::Compare;
use crate::native::{
    c_int, clinic_type_name, function_args, method_args, receiver, self_arg, ssize, Clinic, Sig,
};
use crate::object::function::{Args, NativeFn};
use crate::object::string::{PyBytes, PyStr};
use crate::object::Value;
use crate::vm::{PyResult, Vm};
use std::rc::Rc;

pub fn register(vm: &mut Vm) {
    let c = vm.types.str.clone();
    let table: [(&'static str, NativeFn); 29] = [
        ("__len__", str_len),
        ("__contains__", str_contains),
        ("__getitem__", str_getitem),
        ("__add__", str_add),
        ("__mul__", str_mul),
        ("__rmul__", str_rmul),
        ("__mod__", str_mod),
        ("__rmod__", str_rmod),
        ("__eq__", str_eq),
        ("__ne__", str_ne),
        ("__lt__", str_lt),
        ("__le__", str_le),
        ("__gt__", str_gt),
        ("__ge__", str_ge),
        ("__hash__", str_hash),
        ("__str__", str_str),
        ("__repr__", str_repr),
        ("__iter__", str_iter),
        ("__format__", str_format_spec),
        ("join", str_join),
        ("center", str_center),
        ("ljust", str_ljust),
        ("rjust", str_rjust),
        ("zfill", str_zfill),
        ("expandtabs", str_expandtabs),
        ("encode", str_encode),
        ("translate", str_translate),
        ("format", super::str_format::str_format),
        ("format_map", super::str_format::str_format_map),
    ];
    crate::native::add_methods(vm, &c, &table);
    crate::native::add_static(vm, &c, "maketrans", str_maketrans);
}

fn as_str(v: &Value) -> Option<Rc<PyStr>> {
    match v {
        Value::Str(s) => Some(s.clone()),
        _ => None,
    }
}

/// The receiver of a `str` method: `'s'.m()` or `str.m(s)`.
pub(super) fn recv_str(vm: &Vm, args: &Args, name: &str) -> PyResult<Rc<PyStr>> {
    self_arg(vm, ("str", name), Sig::NoArgs, args, as_str)
}

/// The convention of a binary slot wrapper: CPython's `ssizeargfunc` wrappers
/// (`__mul__`) unpack a tuple with an empty name.
pub(super) fn binary_slot(name: &str) -> Sig {
    match name {
        "__mul__" | "__rmul__" => Sig::WrapperRange(1, 1),
        _ => Sig::Wrapper(1),
    }
}

/// Receiver and the single operand of a binary slot wrapper.
fn binary(vm: &Vm, args: &Args, name: &str) -> PyResult<(Rc<PyStr>, Value)> {
    let (s, rest) = receiver(vm, ("str", name), binary_slot(name), args, as_str)?;
    Ok((s, rest[0].clone()))
}

/// Receiver of a nullary slot wrapper.
fn unary(vm: &Vm, args: &Args, name: &str) -> PyResult<Rc<PyStr>> {
    Ok(receiver(vm, ("str", name), Sig::Wrapper(0), args, as_str)?.0)
}

fn str_len(vm: &mut Vm, args: Args) -> PyResult {
    let s = unary(vm, &args, "__len__")?;
    Ok(Value::Int(s.char_len() as i64))
}

fn str_contains(vm: &mut Vm, args: Args) -> PyResult {
    let (s, item) = binary(vm, &args, "__contains__")?;
    Ok(Value::bool(vm.contains(&Value::Str(s), &item)?))
}

fn str_getitem(vm: &mut Vm, args: Args) -> PyResult {
    let (s, key) = binary(vm, &args, "__getitem__")?;
    vm.get_item(&Value::Str(s), &key)
}

fn str_add(vm: &mut Vm, args: Args) -> PyResult {
    let (s, other) = binary(vm, &args, "__add__")?;
    match &other {
        Value::Str(o) => {
            check_size(vm, s.as_str().len().saturating_add(o.as_str().len()))?;
            let mut out = String::with_capacity(s.as_str().len() + o.as_str().len());
            out.push_str(s.as_str());
            out.push_str(o.as_str());
            Ok(Value::str(out))
        }
        _ => Err(vm.type_error(format!(
            "can only concatenate str (not \"{}\") to str",
            vm.type_name(&other)
        ))),
    }
}

/// `s * n` for an explicit `__mul__`/`__rmul__` call (`sq_repeat` semantics).
fn repeat(vm: &mut Vm, s: &PyStr, n: &Value) -> PyResult {
    let count = match n {
        Value::BigInt(_) => {
            return Err(vm.overflow_error("cannot fit 'int' into an index-sized integer"))
        }
        _ => ssize(vm, n)?,
    };
    if count <= 0 || s.as_str().is_empty() {
        return Ok(Value::str(""));
    }
    check_size(vm, s.as_str().len().saturating_mul(count as usize))?;
    Ok(Value::str(s.as_str().repeat(count as usize)))
}

fn str_mul(vm: &mut Vm, args: Args) -> PyResult {
    let (s, n) = binary(vm, &args, "__mul__")?;
    repeat(vm, &s, &n)
}

fn str_rmul(vm: &mut Vm, args: Args) -> PyResult {
    let (s, n) = binary(vm, &args, "__rmul__")?;
    repeat(vm, &s, &n)
}

fn str_mod(vm: &mut Vm, args: Args) -> PyResult {
    let (s, v) = binary(vm, &args, "__mod__")?;
    Ok(Value::str(vm.percent_format(s.as_str(), &v)?))
}

fn str_rmod(vm: &mut Vm, args: Args) -> PyResult {
    let (s, other) = binary(vm, &args, "__rmod__")?;
    match &other {
        Value::Str(fmt) => Ok(Value::str(vm.percent_format(fmt.as_str(), &Value::Str(s))?)),
        _ => Ok(Value::NotImplemented),
    }
}

fn compare(vm: &mut Vm, args: &Args, name: &str, op: Compare) -> PyResult {
    let (s, other) = binary(vm, args, name)?;
    match &other {
        Value::Str(o) => Ok(Value::bool(crate::vm::run::compare_ordering(
            op,
            s.as_str().cmp(o.as_str()),
        ))),
        _ => Ok(Value::NotImplemented),
    }
}

fn str_eq(vm: &mut Vm, args: Args) -> PyResult {
    compare(vm, &args, "__eq__", Compare::Eq)
}

fn str_ne(vm: &mut Vm, args: Args) -> PyResult {
    compare(vm, &args, "__ne__", Compare::Ne)
}

fn str_lt(vm: &mut Vm, args: Args) -> PyResult {
    compare(vm, &args, "__lt__", Compare::Lt)
}

fn str_le(vm: &mut Vm, args: Args) -> PyResult {
    compare(vm, &args, "__le__", Compare::Le)
}

fn str_gt(vm: &mut Vm, args: Args) -> PyResult {
    compare(vm, &args, "__gt__", Compare::Gt)
}

fn str_ge(vm: &mut Vm, args: Args) -> PyResult {
    compare(vm, &args, "__ge__", Compare::Ge)
}

fn str_hash(vm: &mut Vm, args: Args) -> PyResult {
    let s = unary(vm, &args, "__hash__")?;
    Ok(Value::Int(s.hash()))
}

fn str_str(vm: &mut Vm, args: Args) -> PyResult {
    Ok(Value::Str(unary(vm, &args, "__str__")?))
}

fn str_repr(vm: &mut Vm, args: Args) -> PyResult {
    let s = unary(vm, &args, "__repr__")?;
    check_size(vm, s.as_str().len() + 2)?;
    Ok(Value::str(crate::format::str_repr(s.as_str())))
}

fn str_iter(vm: &mut Vm, args: Args) -> PyResult {
    let s = unary(vm, &args, "__iter__")?;
    vm.get_iter(&Value::Str(s))
}

fn str_format_spec(vm: &mut Vm, args: Args) -> PyResult {
    let s = recv_str(vm, &args, "__format__")?;
    let spec = method_args(vm, "str.__format__", Sig::One, &args)?[0].clone();
    let Value::Str(spec) = &spec else {
        return Err(vm.type_error(format!(
            "__format__() argument must be str, not {}",
            clinic_type_name(vm, &spec)
        )));
    };
    if spec.as_str().is_empty() {
        return Ok(Value::Str(s));
    }
    Ok(Value::str(vm.format(&Value::Str(s), spec.as_str())?))
}

/// The items of `join`'s argument: CPython's `PySequence_Fast`, whose TypeError for a
/// non-iterable becomes `can only join an iterable`.
pub fn join_items(vm: &mut Vm, v: &Value) -> PyResult<Vec<Value>> {
    match v {
        Value::List(l) => Ok(l.items.borrow().clone()),
        Value::Tuple(t) => Ok(t.items.to_vec()),
        _ => {
            let it = match vm.get_iter(v) {
                Ok(it) => it,
                Err(e) if vm.exc_is(&e, &vm.exc.type_error.clone()) => {
                    return Err(vm.type_error("can only join an iterable"))
                }
                Err(e) => return Err(e),
            };
            let mut out = Vec::new();
            while let Some(x) = vm.iter_next(&it)? {
                out.push(x);
            }
            Ok(out)
        }
    }
}

fn str_join(vm: &mut Vm, args: Args) -> PyResult {
    let sep = recv_str(vm, &args, "join")?;
    let iterable = method_args(vm, "str.join", Sig::One, &args)?[0].clone();
    let items = join_items(vm, &iterable)?;
    let mut total = sep
        .as_str()
        .len()
        .saturating_mul(items.len().saturating_sub(1));
    for (i, v) in items.iter().enumerate() {
        match v {
            Value::Str(s) => total = total.saturating_add(s.as_str().len()),
            other => {
                return Err(vm.type_error(format!(
                    "sequence item {i}: expected str instance, {} found",
                    vm.type_name(other)
                )))
            }
        }
    }
    if let [only @ Value::Str(_)] = items.as_slice() {
        return Ok(only.clone());
    }
    check_size(vm, total)?;
    let mut out = crate::memory::string_with_capacity(total).map_err(|_| vm.memory_error())?;
    for (i, v) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(sep.as_str());
        }
        if let Value::Str(s) = v {
            out.push_str(s.as_str());
        }
    }
    Ok(Value::str(out))
}

/// `(width, fillchar)` for `center`/`ljust`/`rjust`.
fn pad_args(vm: &mut Vm, args: &Args, name: &str) -> PyResult<(Rc<PyStr>, usize, char)> {
    let s = recv_str(vm, args, name)?;
    let r = method_args(vm, ("str", name), Sig::Range(1, 2), args)?;
    let width = ssize(vm, &r[0])?;
    let fill = match r.get(1) {
        None => ' ',
        Some(Value::Str(f)) => {
            let mut cs = f.as_str().chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => c,
                _ => {
                    return Err(
                        vm.type_error("The fill character must be exactly one character long")
                    )
                }
            }
        }
        Some(other) => {
            return Err(vm.type_error(format!(
                "The fill character must be a unicode character, not {}",
                vm.type_name(other)
            )))
        }
    };
    Ok((s, width.max(0) as usize, fill))
}

/// `left` fill characters, `s`, `right` fill characters.
fn padded(vm: &Vm, s: &PyStr, left: usize, right: usize, fill: char) -> PyResult {
    let extra = (left + right).saturating_mul(fill.len_utf8());
    check_size(vm, s.as_str().len().saturating_add(extra))?;
    let mut out = String::with_capacity(s.as_str().len() + extra);
    out.extend(std::iter::repeat_n(fill, left));
    out.push_str(s.as_str());
    out.extend(std::iter::repeat_n(fill, right));
    Ok(Value::str(out))
}

fn str_center(vm: &mut Vm, args: Args) -> PyResult {
    let (s, width, fill) = pad_args(vm, &args, "center")?;
    let len = s.char_len();
    if width <= len {
        return Ok(Value::Str(s));
    }
    let marg = width - len;
    // CPython's `pad`: the odd extra goes left only when `width` is odd too.
    let left = marg / 2 + (marg & width & 1);
    padded(vm, &s, left, marg - left, fill)
}

fn str_ljust(vm: &mut Vm, args: Args) -> PyResult {
    let (s, width, fill) = pad_args(vm, &args, "ljust")?;
    let len = s.char_len();
    if width <= len {
        return Ok(Value::Str(s));
    }
    padded(vm, &s, 0, width - len, fill)
}

fn str_rjust(vm: &mut Vm, args: Args) -> PyResult {
    let (s, width, fill) = pad_args(vm, &args, "rjust")?;
    let len = s.char_len();
    if width <= len {
        return Ok(Value::Str(s));
    }
    padded(vm, &s, width - len, 0, fill)
}

fn str_zfill(vm: &mut Vm, args: Args) -> PyResult {
    let s = recv_str(vm, &args, "zfill")?;
    let w = method_args(vm, "str.zfill", Sig::One, &args)?[0].clone();
    let width = ssize(vm, &w)?.max(0) as usize;
    let len = s.char_len();
    if width <= len {
        return Ok(Value::Str(s));
    }
    let fill = width - len;
    check_size(vm, s.as_str().len().saturating_add(fill))?;
    let text = s.as_str();
    let mut out = String::with_capacity(text.len() + fill);
    let body = match text.chars().next() {
        Some(sign @ ('+' | '-')) => {
            out.push(sign);
            text.get(1..).unwrap_or("")
        }
        _ => text,
    };
    out.extend(std::iter::repeat_n('0', fill));
    out.push_str(body);
    Ok(Value::str(out))
}

fn str_expandtabs(vm: &mut Vm, args: Args) -> PyResult {
    let s = recv_str(vm, &args, "expandtabs")?;
    let a = Clinic::new("expandtabs", &["tabsize"]).bind_method(vm, &args)?;
    let tabsize = match &a[0] {
        Some(v) => c_int(vm, v)?,
        None => 8,
    };
    let text = s.as_str();
    if !text.contains('\t') {
        return Ok(Value::Str(s));
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut column: usize = 0;
    for c in text.chars() {
        match c {
            '\t' => {
                if tabsize > 0 {
                    let n = tabsize as usize - column % tabsize as usize;
                    super::result_size::grow_str(vm, &mut out, n)?;
                    out.extend(std::iter::repeat_n(' ', n));
                    column += n;
                }
            }
            '\n' | '\r' => {
                out.push(c);
                column = 0;
            }
            _ => {
                out.push(c);
                column += 1;
            }
        }
    }
    Ok(Value::str(out))
}

fn str_encode(vm: &mut Vm, args: Args) -> PyResult {
    let s = recv_str(vm, &args, "encode")?;
    let a = Clinic::new("encode", &["encoding", "errors"]).bind_method(vm, &args)?;
    let encoding = str_codecs::text_arg(vm, "encode", "encoding", a[0].as_ref(), "utf-8")?;
    let errors = str_codecs::text_arg(vm, "encode", "errors", a[1].as_ref(), "strict")?;
    let codec = str_codecs::lookup(vm, &encoding)?;
    let data = str_codecs::encode(vm, s.as_str(), codec, &errors)?;
    Ok(Value::Bytes(Rc::new(PyBytes::new(data))))
}

/// `str.maketrans(x[, y[, z]])`: a dict from code points to code points, strings or None.
fn str_maketrans(vm: &mut Vm, args: Args) -> PyResult {
    // A static method: no receiver, so count from the first argument.
    let pos = function_args(vm, "str.maketrans", Sig::Range(1, 3), &args)?;
    let out = crate::object::value::new_dict();
    if pos.len() == 1 {
        let Value::Dict(src) = &pos[0] else {
            return Err(
                vm.type_error("if you give only one argument to maketrans it must be a dict")
            );
        };
        let pairs: Vec<(Value, Value)> = src
            .table
            .borrow()
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        for (k, v) in pairs {
            let key = match &k {
                Value::Str(s) => {
                    let mut cs = s.as_str().chars();
                    match (cs.next(), cs.next()) {
                        (Some(c), None) => Value::Int(c as i64),
                        _ => {
                            return Err(vm
                                .value_error("string keys in translate table must be of length 1"))
                        }
                    }
                }
                Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => k.clone(),
                _ => {
                    return Err(vm.type_error("keys in translate table must be strings or integers"))
                }
            };
            vm.dict_set_item(&out, key, v)?;
        }
        return Ok(Value::Dict(out));
    }
    let Value::Str(x) = &pos[0] else {
        return Err(vm.type_error(
            "first maketrans argument must be a string if there is a second argument",
        ));
    };
    let mut strs = vec![x.clone()];
    for (i, v) in pos.iter().enumerate().skip(1) {
        match v {
            Value::Str(s) => strs.push(s.clone()),
            other => {
                return Err(vm.type_error(format!(
                    "maketrans() argument {} must be str, not {}",
                    i + 1,
                    clinic_type_name(vm, other)
                )))
            }
        }
    }
    if strs[0].char_len() != strs[1].char_len() {
        return Err(vm.value_error("the first two maketrans arguments must have equal length"));
    }
    for (a, b) in strs[0].as_str().chars().zip(strs[1].as_str().chars()) {
        vm.dict_set_item(&out, Value::Int(a as i64), Value::Int(b as i64))?;
    }
    if let Some(z) = strs.get(2) {
        for c in z.as_str().chars() {
            vm.dict_set_item(&out, Value::Int(c as i64), Value::None)?;
        }
    }
    Ok(Value::Dict(out))
}

fn str_translate(vm: &mut Vm, args: Args) -> PyResult {
    let s = recv_str(vm, &args, "translate")?;
    let table = method_args(vm, "str.translate", Sig::One, &args)?[0].clone();
    let lookup_error = vm.exc.lookup_error.clone();
    let mut out = String::with_capacity(s.as_str().len());
    // Repeated characters are common: remember what each one became.
    let mut memo: std::collections::HashMap<char, Option<Value>> = std::collections::HashMap::new();
    for c in s.as_str().chars() {
        let mapped = match memo.get(&c) {
            Some(m) => m.clone(),
            None => {
                let m = match vm.get_item(&table, &Value::Int(c as i64)) {
                    Ok(v) => Some(v),
                    Err(e) if vm.exc_is(&e, &lookup_error) => None,
                    Err(e) => return Err(e),
                };
                memo.insert(c, m.clone());
                m
            }
        };
        match mapped {
            None => out.push(c),
            Some(Value::None) => {}
            Some(Value::Str(r)) => out.push_str(r.as_str()),
            Some(Value::Int(i)) => match u32::try_from(i).ok().and_then(char::from_u32) {
                Some(m) => out.push(m),
                None if (0..0x110000).contains(&i) => {
                    // A surrogate: not representable in a Rust string.
                    return Err(vm.value_error("character mapping must be in range(0x110000)"));
                }
                None => return Err(vm.value_error("character mapping must be in range(0x110000)")),
            },
            Some(Value::Bool(b)) => out.push(if b.get() { '\u{1}' } else { '\0' }),
            Some(Value::BigInt(_)) => {
                return Err(vm.value_error("character mapping must be in range(0x110000)"))
            }
            Some(_) => {
                return Err(vm.type_error("character mapping must return integer, None or str"))
            }
        }
        super::result_size::check_len(vm, out.len())?;
    }
    Ok(Value::str(out))
}
