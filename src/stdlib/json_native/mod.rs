//! `_json`: the native halves of the `json` package, as in CPython — `scanstring`,
//! `make_scanner` (what `json.loads` runs), `make_encoder` (what `json.dumps` runs)
//! and the two string escapers. `json/scanner.py`, `decoder.py` and `encoder.py` take
//! them when present and keep their Python versions as `py_*` fallbacks.
//!
//! - [`decode`]: JSON text → values, CPython's C scanner decision for decision;
//! - [`encode`]: values → JSON text, the C encoder's order of checks.

mod decode;
mod encode;

use crate::native::{self, add_methods, module_class, ModuleDef, Sig};
use crate::object::class::{Class, Layout};
use crate::object::function::{Args, NativeFn};
use crate::object::{NativeData, Object, Payload, Value};
use crate::vm::{PyResult, Vm};
use decode::{Hooks, Scanner, Stop};
use encode::{write_str, Encoder, StrEncoder};
use std::rc::Rc;

struct Classes {
    scanner: Rc<Class>,
    encoder: Rc<Class>,
    /// The module's own escapers, recognised by identity when an encoder is made.
    ascii_fn: Value,
    unicode_fn: Value,
}

fn classes(vm: &Vm) -> PyResult<&Classes> {
    vm.extensions
        .get::<Classes>()
        .ok_or_else(|| vm.runtime_error("_json is not initialised"))
}

pub fn load(vm: &mut Vm) -> PyResult<Value> {
    let m = ModuleDef::new("_json");
    let class = |vm: &mut Vm, name: &str, call: NativeFn, new: NativeFn| {
        let c = module_class(vm, "_json", name, Layout::Native);
        c.instance_dict.set(false);
        let _ = c.tp_name.set(format!("_json.{name}"));
        add_methods(vm, &c, &[("__call__", call)]);
        native::constructor(vm, &c, new);
        c
    };
    let scanner = class(vm, "make_scanner", scanner_call, scanner_new);
    let encoder = class(vm, "make_encoder", encoder_call, encoder_new);
    let ascii_fn = native::function("_json", "encode_basestring_ascii", encode_basestring_ascii);
    let unicode_fn = native::function("_json", "encode_basestring", encode_basestring);
    m.value(vm, "make_scanner", Value::Class(scanner.clone()));
    m.value(vm, "make_encoder", Value::Class(encoder.clone()));
    m.value(vm, "encode_basestring_ascii", ascii_fn.clone());
    m.value(vm, "encode_basestring", unicode_fn.clone());
    m.func(vm, "scanstring", scanstring);
    vm.extensions.insert(Classes {
        scanner,
        encoder,
        ascii_fn,
        unicode_fn,
    });
    Ok(m.finish(vm))
}

/// The str argument of an escaper or scanner (a str subclass as its plain text).
fn text_of(v: &Value) -> Option<Rc<crate::object::PyStr>> {
    match v {
        Value::Str(s) => Some(s.clone()),
        Value::Object(o) => match &o.payload {
            Payload::Builtin(Value::Str(s)) => Some(s.clone()),
            _ => None,
        },
        _ => None,
    }
}

fn escaper(vm: &mut Vm, args: &Args, name: &str, ascii: bool) -> PyResult {
    let a = native::one_arg(vm, name, args)?;
    let Some(s) = text_of(a) else {
        return Err(vm.type_error(format!(
            "first argument must be a string, not {}",
            vm.type_name(a)
        )));
    };
    let mut out = String::with_capacity(s.as_str().len() + 2);
    write_str(&mut out, s.as_str(), ascii);
    Ok(Value::str(out))
}

fn encode_basestring_ascii(vm: &mut Vm, args: Args) -> PyResult {
    escaper(vm, &args, "encode_basestring_ascii", true)
}

fn encode_basestring(vm: &mut Vm, args: Args) -> PyResult {
    escaper(vm, &args, "encode_basestring", false)
}

/// Byte offset of Python index `idx` in `s` (its length when past the end).
fn offset_of(s: &str, idx: usize) -> usize {
    if s.is_ascii() {
        return idx.min(s.len());
    }
    s.char_indices().nth(idx).map_or(s.len(), |(b, _)| b)
}

/// `scanstring(string, end, strict=True) -> (str, end)`.
fn scanstring(vm: &mut Vm, args: Args) -> PyResult {
    let a = native::function_args(vm, "scanstring", Sig::OldStyle(2, 3), &args)?;
    let Some(s) = text_of(&a[0]) else {
        return Err(vm.type_error(format!(
            "first argument must be a string, not {}",
            vm.type_name(&a[0])
        )));
    };
    let end = native::ssize(vm, &a[1])?;
    // CPython parses `strict` as a C int ("On|i").
    let strict = match a.get(2) {
        Some(v) => native::c_int(vm, v)? != 0,
        None => true,
    };
    if end < 0 || end as usize > s.char_len() {
        return Err(vm.value_error("end is out of bounds"));
    }
    let hooks = Hooks {
        strict,
        object_hook: None,
        pairs_hook: None,
        parse_float: None,
        parse_int: None,
        parse_constant: Value::None,
    };
    let text = s.as_str();
    let start = offset_of(text, end as usize);
    let doc = a[0].clone();
    let mut sc = Scanner::new(vm, &hooks, text, doc);
    match sc.string(start) {
        Ok((v, next)) => {
            let idx = sc.index_of(next);
            Ok(Value::tuple(vec![Value::Str(v), Value::int(idx as i64)]))
        }
        Err(Stop::Raised(e)) => Err(e),
        Err(Stop::NoValue(_)) => Err(unreachable_stop(sc.vm)),
    }
}

fn unreachable_stop(vm: &Vm) -> crate::object::ExcRef {
    vm.runtime_error("_json: unexpected scanner state")
}

/// A scanner object: the decoder's hooks.
struct ScannerState {
    hooks: Hooks,
}

impl NativeData for ScannerState {
    fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        let h = &self.hooks;
        for v in [&h.object_hook, &h.pairs_hook, &h.parse_float, &h.parse_int]
            .into_iter()
            .flatten()
        {
            f(v);
        }
        f(&h.parse_constant);
    }
}

/// `make_scanner(context)`: reads the hooks of a JSONDecoder once.
fn scanner_new(vm: &mut Vm, args: Args) -> PyResult {
    let a = native::function_args(vm, "make_scanner", Sig::Range(2, 2), &args)?;
    let ctx = a[1].clone();
    let get = |vm: &mut Vm, name: &str| -> PyResult<Value> {
        let key = vm.intern(name);
        vm.get_attr(&ctx, &key)
    };
    let strict = get(vm, "strict")?;
    let strict = vm.is_true(&strict)?;
    let opt = |v: Value| (!v.is_none()).then_some(v);
    let object_hook = opt(get(vm, "object_hook")?);
    let pairs_hook = opt(get(vm, "object_pairs_hook")?);
    let float_class = Value::Class(vm.types.float.clone());
    let int_class = Value::Class(vm.types.int.clone());
    let parse_float = opt(get(vm, "parse_float")?).filter(|f| !f.is(&float_class));
    let parse_int = opt(get(vm, "parse_int")?).filter(|f| !f.is(&int_class));
    let parse_constant = get(vm, "parse_constant")?;
    let class = classes(vm)?.scanner.clone();
    let st = ScannerState {
        hooks: Hooks {
            strict,
            object_hook,
            pairs_hook,
            parse_float,
            parse_int,
            parse_constant,
        },
    };
    Ok(Value::Object(Object::new(
        class,
        Payload::Native(Box::new(st)),
    )))
}

/// `scanner(string, idx) -> (value, end)`, StopIteration(idx) where no value starts.
fn scanner_call(vm: &mut Vm, args: Args) -> PyResult {
    let st = native::self_arg(
        vm,
        ("Scanner", "__call__"),
        Sig::NoArgs,
        &args,
        |v| match v {
            Value::Object(o) => o.native::<ScannerState>(),
            _ => None,
        },
    )?;
    let a = native::method_args(vm, ("Scanner", "__call__"), Sig::Range(2, 2), &args)?;
    let Some(s) = text_of(&a[0]) else {
        return Err(vm.type_error(format!(
            "first argument must be a string, not {}",
            vm.type_name(&a[0])
        )));
    };
    let idx = native::ssize(vm, &a[1])?;
    if idx < 0 {
        return Err(vm.value_error("idx cannot be negative"));
    }
    let text = s.as_str();
    let idx = idx as usize;
    if idx >= s.char_len() {
        return Err(vm.stop_iteration(Value::int(idx as i64)));
    }
    let start = offset_of(text, idx);
    let doc = a[0].clone();
    let mut sc = Scanner::new(vm, &st.hooks, text, doc);
    match sc.value(start) {
        Ok((v, next)) => {
            let end = sc.index_of(next);
            Ok(Value::tuple(vec![v, Value::int(end as i64)]))
        }
        Err(Stop::Raised(e)) => Err(e),
        Err(Stop::NoValue(at)) => {
            let at = sc.index_of(at);
            Err(sc.vm.stop_iteration(Value::int(at as i64)))
        }
    }
}

struct EncoderState {
    enc: Encoder,
}

impl NativeData for EncoderState {
    fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        f(&self.enc.default);
        if let StrEncoder::Python(v) = &self.enc.strings {
            f(v);
        }
    }
}

fn str_arg(vm: &Vm, v: &Value, what: &str) -> PyResult<String> {
    match text_of(v) {
        Some(s) => Ok(s.as_str().to_string()),
        None => Err(vm.type_error(format!(
            "make_encoder() argument {what} must be str, not {}",
            vm.type_name(v)
        ))),
    }
}

/// `make_encoder(markers, default, encoder, indent, key_separator, item_separator,
/// sort_keys, skipkeys, allow_nan)`.
fn encoder_new(vm: &mut Vm, args: Args) -> PyResult {
    let a = native::function_args(vm, "make_encoder", Sig::Range(10, 10), &args)?;
    let c = classes(vm)?;
    let strings = if a[3].is(&c.ascii_fn) {
        StrEncoder::Ascii
    } else if a[3].is(&c.unicode_fn) {
        StrEncoder::Unicode
    } else {
        StrEncoder::Python(a[3].clone())
    };
    let class = c.encoder.clone();
    let indent = match &a[4] {
        Value::None => None,
        v => Some(str_arg(vm, v, "4")?),
    };
    let enc = Encoder {
        check_circular: !a[1].is_none(),
        default: a[2].clone(),
        strings,
        indent,
        key_separator: str_arg(vm, &a[5], "5")?,
        item_separator: str_arg(vm, &a[6], "6")?,
        sort_keys: vm.is_true(&a[7])?,
        skipkeys: vm.is_true(&a[8])?,
        allow_nan: vm.is_true(&a[9])?,
    };
    Ok(Value::Object(Object::new(
        class,
        Payload::Native(Box::new(EncoderState { enc })),
    )))
}

/// `encoder(obj, current_indent_level)`: a one-item list of the whole text.
fn encoder_call(vm: &mut Vm, args: Args) -> PyResult {
    let st = native::self_arg(
        vm,
        ("Encoder", "__call__"),
        Sig::NoArgs,
        &args,
        |v| match v {
            Value::Object(o) => o.native::<EncoderState>(),
            _ => None,
        },
    )?;
    let a = native::method_args(vm, ("Encoder", "__call__"), Sig::Range(2, 2), &args)?;
    let level = native::ssize(vm, &a[1])?.max(0) as usize;
    let text = st.enc.encode(vm, &a[0], level)?;
    Ok(Value::list(vec![Value::str(text)]))
}
