//! Methods of generator, coroutine and async generator objects.

use crate::native::{add_method, ArgCheck};
use crate::object::function::Args;
use crate::object::{Generator, Value};
use crate::vm::{PyResult, Vm};
use std::rc::Rc;

pub fn register(vm: &mut Vm) {
    for class in [vm.types.generator.clone(), vm.types.coroutine.clone()] {
        add_method(vm, &class, "send", gen_send);
        add_method(vm, &class, "throw", gen_throw);
        add_method(vm, &class, "close", gen_close);
    }
    let g = vm.types.generator.clone();
    add_method(vm, &g, "__next__", gen_next);
    add_method(vm, &g, "__iter__", gen_iter);
    let a = vm.types.async_generator.clone();
    add_method(vm, &a, "asend", agen_asend);
    add_method(vm, &a, "athrow", agen_athrow);
    add_method(vm, &a, "aclose", agen_aclose);
    add_method(vm, &a, "__anext__", agen_anext);
    add_method(vm, &a, "__aiter__", gen_iter);
    super::add_function(vm, "aiter", builtin_aiter);
    super::add_function(vm, "anext", builtin_anext);
}

fn agen_asend(vm: &mut Vm, args: Args) -> PyResult {
    vm.check_method_args("asend", &args, 1, 1)?;
    let g = this(vm, &args)?;
    crate::vm::asyncgen::asend(vm, &g, args.values[1].clone())
}

fn agen_anext(vm: &mut Vm, args: Args) -> PyResult {
    vm.check_method_args("__anext__", &args, 0, 0)?;
    let g = this(vm, &args)?;
    crate::vm::asyncgen::asend(vm, &g, Value::None)
}

fn agen_athrow(vm: &mut Vm, args: Args) -> PyResult {
    vm.check_method_args("athrow", &args, 1, 3)?;
    let g = this(vm, &args)?;
    let exc = vm.exception_from_throw_args(&args.values[1..])?;
    crate::vm::asyncgen::athrow(vm, &g, exc)
}

fn agen_aclose(vm: &mut Vm, args: Args) -> PyResult {
    vm.check_method_args("aclose", &args, 0, 0)?;
    let g = this(vm, &args)?;
    crate::vm::asyncgen::aclose(vm, &g)
}

/// `aiter(x)`: like `async for`'s GetAIter, with the builtin's own error wording.
fn builtin_aiter(vm: &mut Vm, args: Args) -> PyResult {
    vm.check_args("aiter", &args, 1, 1)?;
    let v = args.values[0].clone();
    if matches!(&v, Value::Generator(g) if g.kind == crate::object::GenKind::AsyncGenerator) {
        return Ok(v);
    }
    let class = vm.class_of(&v);
    let Some(m) = class.lookup_str(&vm.names.aiter.clone()) else {
        return Err(vm.type_error(format!(
            "'{}' object is not an async iterable",
            vm.type_name(&v)
        )));
    };
    let it = vm.call(&m, &[v])?;
    let it_class = vm.class_of(&it);
    let ok = matches!(&it, Value::Generator(g) if g.kind == crate::object::GenKind::AsyncGenerator)
        || it_class.lookup_str(&vm.names.anext.clone()).is_some();
    if !ok {
        return Err(vm.type_error(format!(
            "aiter() returned not an async iterator of type '{}'",
            vm.type_name(&it)
        )));
    }
    Ok(it)
}

fn builtin_anext(vm: &mut Vm, args: Args) -> PyResult {
    vm.check_args("anext", &args, 1, 2)?;
    let ait = args.values[0].clone();
    let class = vm.class_of(&ait);
    let is_async_iter = matches!(&ait, Value::Generator(g) if g.kind == crate::object::GenKind::AsyncGenerator)
        || class.lookup_str(&vm.names.anext.clone()).is_some();
    if !is_async_iter {
        return Err(vm.type_error(format!(
            "'{}' object is not an async iterator",
            vm.type_name(&ait)
        )));
    }
    let aw = vm.get_anext_awaitable(&ait)?;
    match args.values.get(1) {
        None => Ok(aw),
        Some(default) => {
            let class = vm.types.anext_awaitable.clone();
            Ok(Value::Object(crate::object::Object::new(
                class,
                crate::object::Payload::Native(Box::new(
                    crate::vm::native_awaitables::AnextDefault {
                        inner: aw,
                        default: default.clone(),
                    },
                )),
            )))
        }
    }
}

fn this(vm: &Vm, args: &Args) -> PyResult<Rc<Generator>> {
    match args.values.first() {
        Some(Value::Generator(g)) => Ok(g.clone()),
        _ => Err(vm.type_error("descriptor requires a generator object")),
    }
}

fn gen_next(vm: &mut Vm, args: Args) -> PyResult {
    let g = this(vm, &args)?;
    let r = vm.gen_send(&g, Value::None)?;
    vm.yielded_or_stop(r)
}

fn gen_iter(_vm: &mut Vm, args: Args) -> PyResult {
    Ok(args.values.first().cloned().unwrap_or(Value::None))
}

fn gen_send(vm: &mut Vm, args: Args) -> PyResult {
    vm.check_method_args("send", &args, 1, 1)?;
    let g = this(vm, &args)?;
    let r = vm.gen_send(&g, args.values[1].clone())?;
    vm.yielded_or_stop(r)
}

fn gen_throw(vm: &mut Vm, args: Args) -> PyResult {
    vm.check_method_args("throw", &args, 1, 3)?;
    let g = this(vm, &args)?;
    let exc = vm.exception_from_throw_args(&args.values[1..])?;
    let r = vm.gen_throw(&g, exc)?;
    vm.yielded_or_stop(r)
}

fn gen_close(vm: &mut Vm, args: Args) -> PyResult {
    vm.check_method_args("close", &args, 0, 0)?;
    let g = this(vm, &args)?;
    vm.gen_close(&g)?;
    Ok(Value::None)
}
