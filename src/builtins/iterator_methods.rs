//! `__iter__` and `__next__` of the built-in iterator types (`list_iterator`,
//! `dict_keyiterator`, `range_iterator`, `zip`, ...), so `it.__next__()` works.

use crate::native::add_method;
use crate::native::{method_args, Sig};
use crate::object::function::Args;
use crate::object::{Payload, Value};
use crate::vm::{PyResult, Vm};

pub fn register(vm: &mut Vm) {
    let t = &vm.types;
    let classes = [
        t.list_iterator.clone(),
        t.tuple_iterator.clone(),
        t.str_iterator.clone(),
        t.bytes_iterator.clone(),
        t.range_iterator.clone(),
        t.dict_keyiterator.clone(),
        t.dict_valueiterator.clone(),
        t.dict_itemiterator.clone(),
        t.set_iterator.clone(),
        t.reversed.clone(),
        t.enumerate.clone(),
        t.zip.clone(),
        t.map.clone(),
        t.filter.clone(),
        t.callable_iterator.clone(),
        t.iterator.clone(),
        t.list_reverseiterator.clone(),
        t.dict_reversekeyiterator.clone(),
        t.dict_reversevalueiterator.clone(),
        t.dict_reverseitemiterator.clone(),
    ];
    for c in classes {
        add_method(vm, &c, "__iter__", iter);
        add_method(vm, &c, "__next__", next);
    }
}

fn this<'a>(vm: &Vm, args: &Args<'a>, name: &str, n: usize) -> PyResult<&'a Value> {
    match args.pos().first() {
        Some(v @ Value::Object(o)) if matches!(o.payload, Payload::Iter(_)) => {
            method_args(vm, ("", name), Sig::Wrapper(n), args)?;
            Ok(v)
        }
        Some(v) => Err(vm.type_error(format!(
            "descriptor '{name}' requires an iterator object but received a '{}'",
            vm.type_name(v)
        ))),
        None => Err(vm.type_error(format!("descriptor '{name}' needs an argument"))),
    }
}

fn iter(vm: &mut Vm, args: Args) -> PyResult {
    Ok(this(vm, &args, "__iter__", 0)?.clone())
}

fn next(vm: &mut Vm, args: Args) -> PyResult {
    let it = this(vm, &args, "__next__", 0)?.clone();
    match vm.iter_next(&it)? {
        Some(v) => Ok(v),
        None => Err(vm.stop_iteration(Value::None)),
    }
}
