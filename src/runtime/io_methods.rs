//! The loop's IO methods, the native half of CPython's `BaseSelectorEventLoop`:
//! `_add_reader`/`_remove_reader`/`_add_writer`/`_remove_writer`, which transports call
//! directly. The public `add_reader` & co. (which first check that no transport owns the
//! fd) are Python, in `stdlib/asyncio/selector_events.py`.

use super::event_loop::LoopRef;
use super::io_waits::Direction;
use crate::native::{add_methods, ArgCheck};
use crate::object::class::Class;
use crate::object::function::{Args, NativeFn};
use crate::object::Value;
use crate::vm::{PyResult, Vm};
use std::os::fd::RawFd;
use std::rc::Rc;

pub fn register(vm: &mut Vm, loop_class: &Rc<Class>) {
    let methods: &[(&'static str, NativeFn)] = &[
        ("_add_reader", add_reader),
        ("_remove_reader", remove_reader),
        ("_add_writer", add_writer),
        ("_remove_writer", remove_writer),
        ("_fd_waits", fd_waits),
    ];
    add_methods(vm, loop_class, methods);
}

/// `selectors._fileobj_to_fd`: an int, or whatever `fileno()` returns.
pub fn fileobj_to_fd(vm: &mut Vm, fileobj: &Value) -> PyResult<RawFd> {
    let fd = match fileobj {
        Value::Int(i) => *i,
        Value::Bool(b) => i64::from(*b),
        other => {
            let invalid = |vm: &mut Vm| {
                let r = vm.repr(other)?;
                Err(vm.value_error(format!("Invalid file object: {r}")))
            };
            let fd = match vm.call_method(other, "fileno", &[]) {
                Ok(fd) => fd,
                Err(e)
                    if e.class.is_subclass(&vm.exc.attribute_error)
                        || e.class.is_subclass(&vm.exc.type_error)
                        || e.class.is_subclass(&vm.exc.value_error) =>
                {
                    return invalid(vm)
                }
                Err(e) => return Err(e),
            };
            match vm.call(&Value::Class(vm.types.int.clone()), &[fd]) {
                Ok(Value::Int(i)) => i,
                Ok(_) => return invalid(vm),
                Err(e)
                    if e.class.is_subclass(&vm.exc.type_error)
                        || e.class.is_subclass(&vm.exc.value_error) =>
                {
                    return invalid(vm)
                }
                Err(e) => return Err(e),
            }
        }
    };
    if fd < 0 || fd > RawFd::MAX as i64 {
        return Err(vm.value_error(format!("Invalid file descriptor: {fd}")));
    }
    Ok(fd as RawFd)
}

fn add(vm: &mut Vm, args: &Args, name: &str, dir: Direction) -> PyResult {
    let loop_ = LoopRef::check(vm, &args.values[0], name)?;
    let pos = args.pos();
    if pos.len() < 3 || args.kw().next().is_some() {
        return Err(vm.type_error(format!(
            "BaseSelectorEventLoop.{name}() missing required arguments: 'fd' and 'callback'"
        )));
    }
    if loop_.cell().borrow().closed {
        return Err(vm.runtime_error("Event loop is closed"));
    }
    let fd = fileobj_to_fd(vm, &pos[1])?;
    let handle = vm.new_handle(pos[2].clone(), pos[3..].to_vec(), None);
    let replaced = loop_
        .cell()
        .borrow_mut()
        .io
        .register(fd, dir, handle.clone());
    match replaced {
        Ok(Some(old)) => old.cancel(vm),
        Ok(None) => {}
        Err(e) => return Err(vm.os_error(&e, &Value::None)),
    }
    Ok(handle.into())
}

fn remove(vm: &mut Vm, args: &Args, name: &str, dir: Direction) -> PyResult {
    let loop_ = LoopRef::check(vm, &args.values[0], name)?;
    vm.check_method_args(name, args, 1, 1)?;
    if loop_.cell().borrow().closed {
        return Ok(Value::bool(false));
    }
    let fd = fileobj_to_fd(vm, &args.values[1])?;
    let old = loop_.cell().borrow_mut().io.unregister(fd, dir);
    Ok(match old {
        Some(h) => {
            h.cancel(vm);
            Value::bool(true)
        }
        None => Value::bool(false),
    })
}

fn add_reader(vm: &mut Vm, args: Args) -> PyResult {
    add(vm, &args, "_add_reader", Direction::Read)
}

fn add_writer(vm: &mut Vm, args: Args) -> PyResult {
    add(vm, &args, "_add_writer", Direction::Write)
}

fn remove_reader(vm: &mut Vm, args: Args) -> PyResult {
    remove(vm, &args, "_remove_reader", Direction::Read)
}

fn remove_writer(vm: &mut Vm, args: Args) -> PyResult {
    remove(vm, &args, "_remove_writer", Direction::Write)
}

/// `_fd_waits(fd)`: (reader handle or None, writer handle or None), what CPython's
/// `self._selector.get_key(fd).data` holds.
fn fd_waits(vm: &mut Vm, args: Args) -> PyResult {
    let loop_ = LoopRef::check(vm, &args.values[0], "_fd_waits")?;
    vm.check_method_args("_fd_waits", &args, 1, 1)?;
    let fd = fileobj_to_fd(vm, &args.values[1])?;
    let l = loop_.cell().borrow();
    let get = |dir| l.io.handle(fd, dir).map_or(Value::None, Value::from);
    Ok(Value::tuple(vec![
        get(Direction::Read),
        get(Direction::Write),
    ]))
}
