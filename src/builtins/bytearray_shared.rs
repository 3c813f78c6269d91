//! The methods `bytearray` shares with `bytes`: searching, splitting, case, padding,
//! `decode`, `hex`, `join`, `translate`... CPython implements them once for both types
//! (`Objects/bytes_methods.c`), and so does apy: each method here runs `bytes`' own
//! native on a snapshot of the array's bytes and returns bytearrays where `bytes` would
//! return bytes (`upper()`, `split()`'s items, `partition()`'s parts).

use super::bytearray::{new_bytearray, state};
use crate::native::{add_classmethod, add_methods, add_static};
use crate::object::function::{Args, NativeFn};
use crate::object::{Class, Value};
use crate::vm::{PyResult, Vm};
use std::rc::Rc;

/// One delegating native per shared method: a `NativeFn` cannot capture which `bytes`
/// method it stands for, so each gets its own function naming it.
macro_rules! shared_methods {
    ($($name:literal => $func:ident),* $(,)?) => {
        $(fn $func(vm: &mut Vm, args: Args) -> PyResult {
            via_bytes(vm, args, $name)
        })*
        const SHARED: &[(&str, NativeFn)] = &[$(($name, $func)),*];
    };
}

shared_methods! {
    "decode" => decode,
    "hex" => hex,
    "join" => join,
    "upper" => upper,
    "lower" => lower,
    "swapcase" => swapcase,
    "capitalize" => capitalize,
    "title" => title,
    "isalnum" => isalnum,
    "isalpha" => isalpha,
    "isascii" => isascii,
    "isdigit" => isdigit,
    "isspace" => isspace,
    "islower" => islower,
    "isupper" => isupper,
    "istitle" => istitle,
    "center" => center,
    "ljust" => ljust,
    "rjust" => rjust,
    "zfill" => zfill,
    "expandtabs" => expandtabs,
    "translate" => translate,
    "find" => find,
    "rfind" => rfind,
    "index" => index,
    "rindex" => rindex,
    "count" => count,
    "startswith" => startswith,
    "endswith" => endswith,
    "replace" => replace,
    "partition" => partition,
    "rpartition" => rpartition,
    "removeprefix" => removeprefix,
    "removesuffix" => removesuffix,
    "split" => split,
    "rsplit" => rsplit,
    "splitlines" => splitlines,
    "strip" => strip,
    "lstrip" => lstrip,
    "rstrip" => rstrip,
    "__mod__" => mod_,
}

pub fn register(vm: &mut Vm) {
    let c = vm.types.bytearray.clone();
    add_methods(vm, &c, SHARED);
    add_methods(vm, &c, &[("__rmod__", rmod)]);
    add_classmethod(vm, &c, "fromhex", fromhex);
    if let Some(maketrans) = bytes_method(vm, "maketrans") {
        let key = vm.intern("maketrans");
        let static_method = crate::object::Object::new(
            vm.types.staticmethod.clone(),
            crate::object::Payload::StaticMethod(maketrans),
        );
        c.dict
            .borrow_mut()
            .set_str(key, Value::Object(static_method));
    } else {
        add_static(vm, &c, "maketrans", unavailable);
    }
    super::add_value(vm, "bytearray", Value::Class(c));
}

/// `bytes`' own native for `name` (unwrapped from a static method).
fn bytes_method(vm: &Vm, name: &str) -> Option<Value> {
    let bytes: Rc<Class> = vm.types.bytes.clone();
    let v = bytes.lookup(name, crate::object::hash::hash_str(name))?;
    match &v {
        Value::Object(o) => match &o.payload {
            crate::object::Payload::StaticMethod(f) => Some(f.clone()),
            _ => Some(v),
        },
        _ => Some(v),
    }
}

/// Calls `bytes.<name>` with the array's bytes in place of `self` and converts the
/// bytes in its result to bytearrays.
fn via_bytes(vm: &mut Vm, args: Args, name: &str) -> PyResult {
    let snapshot = match args.values.first().and_then(state) {
        Some(b) => super::bytes_search::new_bytes(b.data.borrow().to_vec()),
        None => {
            return Err(vm.type_error(format!(
                "descriptor '{name}' for 'bytearray' objects doesn't apply to a '{}' object",
                args.values
                    .first()
                    .map_or_else(|| "NoneType".to_string(), |v| vm.type_name(v))
            )))
        }
    };
    let Some(Value::NativeFunction(f)) = bytes_method(vm, name) else {
        return Err(vm.attribute_error(format!("'bytearray' object has no attribute '{name}'")));
    };
    let mut values = args.values.to_vec();
    values[0] = snapshot;
    let result = (f.func)(
        vm,
        Args {
            values: &values,
            kwnames: args.kwnames,
        },
    )?;
    Ok(to_bytearrays(vm, result))
}

/// `bytes` results as `bytearray` results: a bytes value, or the bytes in a list or tuple.
fn to_bytearrays(vm: &Vm, v: Value) -> Value {
    match v {
        Value::Bytes(b) => new_bytearray(vm, b.data.clone()),
        Value::List(l) => {
            let items: Vec<Value> = l
                .items
                .borrow()
                .iter()
                .map(|x| to_bytearrays(vm, x.clone()))
                .collect();
            Value::list(items)
        }
        Value::Tuple(t) => Value::tuple(
            t.items
                .iter()
                .map(|x| to_bytearrays(vm, x.clone()))
                .collect(),
        ),
        other => other,
    }
}

/// `bytearray % args`: NotImplemented from `bytes.__rmod__` is kept.
fn rmod(_vm: &mut Vm, _args: Args) -> PyResult {
    Ok(Value::NotImplemented)
}

/// `bytearray.fromhex(s)`: a classmethod, so a subclass gets an instance of itself.
fn fromhex(vm: &mut Vm, args: Args) -> PyResult {
    let Some(Value::NativeFunction(f)) = bytes_method(vm, "fromhex") else {
        return unavailable(vm, args);
    };
    let cls = args.values.first().cloned().unwrap_or(Value::None);
    let rest = Args {
        values: &args.values[1.min(args.values.len())..],
        kwnames: args.kwnames,
    };
    let bytes = (f.func)(vm, rest)?;
    let array = to_bytearrays(vm, bytes);
    match &cls {
        Value::Class(c) if !Rc::ptr_eq(c, &vm.types.bytearray) => vm.call(&cls, &[array]),
        _ => Ok(array),
    }
}

fn unavailable(vm: &mut Vm, _args: Args) -> PyResult {
    Err(vm.runtime_error("bytes is not initialised"))
}
