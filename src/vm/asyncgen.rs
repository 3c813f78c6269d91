//! Async generators: the awaitables returned by `asend`, `athrow`, `aclose` and
//! `__anext__`. They are the language's (CPython: Objects/genobject.c), not the event
//! loop's: any loop, or a hand-written driver, sends into them. The one thing a loop adds
//! is the first-iteration hook ([`Vm::asyncgen_firstiter`], `sys.set_asyncgen_hooks`'
//! `firstiter`), which registers the generator for finalization.
//!
//! An async generator's frame yields for two reasons: an `await` inside it passes a
//! future through to the task, or a `yield` produces a value for `async for`. The two
//! are told apart by where the frame stopped: a pass-through yield sits right after a
//! `Send` instruction (the await loop), a value yield does not.

use super::frame::Frame;
use super::generators::{Resumed, Sent};
use super::{PyResult, Vm};
use crate::bytecode::Instr;
use crate::object::asyncgen_op::{AsyncGenOp, AsyncGenOpKind, AsyncGenOpState};
use crate::object::{ExcRef, GenState, Generator, NativeData, Object, Payload, Value};
use std::cell::RefCell;
use std::rc::Rc;

/// The awaitable protocol of the inline op payload, so `await` treats it like any
/// native awaitable (see `native_awaitables::awaitable_data`).
impl NativeData for RefCell<AsyncGenOp> {
    fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        if let Ok(op) = self.try_borrow() {
            op.traverse(f)
        }
    }

    fn is_awaitable(&self) -> bool {
        true
    }

    fn await_send(&self, vm: &mut Vm, this: &Value, value: Value) -> Option<PyResult<Sent>> {
        let Value::Object(o) = this else { return None };
        Some(op_send(vm, o, value))
    }

    fn await_throw(&self, vm: &mut Vm, this: &Value, exc: ExcRef) -> PyResult {
        let Value::Object(o) = this else {
            return Err(exc);
        };
        match op_throw(vm, o, exc)? {
            Sent::Yielded(v) => Ok(v),
            Sent::Returned(v) => Err(vm.stop_iteration(v)),
        }
    }
}

fn new_op(vm: &mut Vm, g: &Rc<Generator>, kind: AsyncGenOpKind) -> Value {
    let class = match kind {
        AsyncGenOpKind::Send(_) => vm.types.async_gen_asend.clone(),
        _ => vm.types.async_gen_athrow.clone(),
    };
    Value::Object(Object::new(
        class,
        Payload::AsyncGenOp(RefCell::new(AsyncGenOp {
            gen: g.clone(),
            kind,
            state: AsyncGenOpState::Init,
        })),
    ))
}

/// `agen.asend(value)` / `agen.__anext__()`.
pub fn asend(vm: &mut Vm, g: &Rc<Generator>, value: Value) -> PyResult {
    if !g.hooks_inited.replace(true) {
        (vm.asyncgen_firstiter)(vm, g);
    }
    Ok(new_op(vm, g, AsyncGenOpKind::Send(value)))
}

/// `agen.athrow(exc)`.
pub fn athrow(vm: &mut Vm, g: &Rc<Generator>, exc: ExcRef) -> PyResult {
    Ok(new_op(vm, g, AsyncGenOpKind::Throw(exc)))
}

/// `agen.aclose()`.
pub fn aclose(vm: &mut Vm, g: &Rc<Generator>) -> PyResult {
    Ok(new_op(vm, g, AsyncGenOpKind::Close))
}

/// Whether the generator's last yield was a `yield` of a value (not an await passing
/// something through).
fn yielded_value(g: &Generator) -> bool {
    match g.frame.borrow().as_ref() {
        Some(f) => is_value_yield(&f.code, f.ip),
        None => false,
    }
}

/// The operation state of an asend/athrow/aclose awaitable.
pub fn op_cell(o: &Object) -> Option<&RefCell<AsyncGenOp>> {
    match &o.payload {
        Payload::AsyncGenOp(op) => Some(op),
        _ => None,
    }
}

fn already_running(vm: &Vm, kind: &AsyncGenOpKind) -> ExcRef {
    let what = match kind {
        AsyncGenOpKind::Send(_) => "anext(): asynchronous generator is already running",
        AsyncGenOpKind::Throw(_) => "athrow(): asynchronous generator is already running",
        AsyncGenOpKind::Close => "aclose(): asynchronous generator is already running",
    };
    vm.runtime_error(what)
}

/// Sending into an asend/athrow/aclose awaitable.
pub fn op_send(vm: &mut Vm, o: &Object, value: Value) -> PyResult<Sent> {
    let Some(cell) = op_cell(o) else {
        return Err(vm.type_error("not an async generator operation"));
    };
    let (g, kind, state) = {
        let op = cell.borrow();
        (op.gen.clone(), op.kind.clone(), op.state)
    };
    let result = match state {
        AsyncGenOpState::Closed => {
            return Err(vm.runtime_error(match kind {
                AsyncGenOpKind::Send(_) => "cannot reuse already awaited __anext__()/asend()",
                _ => "cannot reuse already awaited aclose()/athrow()",
            }))
        }
        AsyncGenOpState::Init => {
            if g.running_async.get() {
                return Err(already_running(vm, &kind));
            }
            cell.borrow_mut().state = AsyncGenOpState::Iter;
            g.running_async.set(true);
            match &kind {
                AsyncGenOpKind::Send(v) => {
                    if g.state.get() == GenState::Closed {
                        finish(o, &g);
                        return Err(vm.new_exception(&vm.exc.stop_async_iteration.clone(), vec![]));
                    }
                    let v = if value.is_none() { v.clone() } else { value };
                    vm.gen_send(&g, v)
                }
                AsyncGenOpKind::Throw(e) => {
                    if matches!(g.state.get(), GenState::Closed | GenState::Created) {
                        finish(o, &g);
                        if g.state.get() == GenState::Created {
                            g.state.set(GenState::Closed);
                        }
                        return Err(e.clone());
                    }
                    vm.gen_throw(&g, e.clone())
                }
                AsyncGenOpKind::Close => {
                    if matches!(g.state.get(), GenState::Closed | GenState::Created) {
                        g.state.set(GenState::Closed);
                        finish(o, &g);
                        return Ok(Sent::Returned(Value::None));
                    }
                    let exit = vm.new_exception(&vm.exc.generator_exit.clone(), vec![]);
                    vm.gen_throw(&g, exit)
                }
            }
        }
        AsyncGenOpState::Iter => vm.gen_send(&g, value),
    };
    convert(vm, o, &g, &kind, result)
}

/// The run loop's `SEND` into `__anext__()`/`asend()` of an async generator: the
/// generator's frame is resumed on top of the awaiting one (no nested run loop), which
/// then receives a produced value as the `SEND`'s result (`Resume::AsyncGenSend`).
/// The value comes back when the operation is not a plain send in progress: the native
/// path decides then. A generator that turns out finished raises StopAsyncIteration.
pub(crate) fn begin_send(
    vm: &mut Vm,
    o: &Object,
    value: Value,
) -> Result<PyResult<Box<Frame>>, Value> {
    let Some(cell) = op_cell(o) else {
        return Err(value);
    };
    let (g, value) = {
        let Ok(mut op) = cell.try_borrow_mut() else {
            return Err(value);
        };
        let AsyncGenOpKind::Send(initial) = &op.kind else {
            return Err(value);
        };
        match op.state {
            AsyncGenOpState::Init => {
                if op.gen.running_async.get() || op.gen.state.get() == GenState::Closed {
                    return Err(value);
                }
                let value = if value.is_none() {
                    initial.clone()
                } else {
                    value
                };
                op.state = AsyncGenOpState::Iter;
                op.gen.running_async.set(true);
                (op.gen.clone(), value)
            }
            AsyncGenOpState::Iter => (op.gen.clone(), value),
            AsyncGenOpState::Closed => return Err(value),
        }
    };
    Ok(match vm.start_resume(&g, value) {
        Ok(Resumed::Frame(frame)) => Ok(frame),
        Ok(Resumed::Done(_)) => {
            finish(o, &g);
            Err(vm.new_exception(&vm.exc.stop_async_iteration.clone(), vec![]))
        }
        Err(e) => Err(e),
    })
}

/// Ends a send begun by `begin_send` (the generator produced a value, returned or
/// raised); `op` is the awaitable on the awaiting frame's stack.
pub fn end_send(op: &Value) {
    if let Value::Object(o) = op {
        if let Some(cell) = op_cell(o) {
            let g = cell.borrow().gen.clone();
            finish(o, &g);
        }
    }
}

/// Whether a frame that just executed `YIELD_VALUE` (`ip` is past it) produced a value
/// rather than passing an await through.
pub fn is_value_yield(code: &crate::object::Code, ip: usize) -> bool {
    !(ip >= 2 && matches!(code.instrs.get(ip - 2), Some(Instr::Send(_))))
}

/// Throwing into an asend/athrow/aclose awaitable (e.g. the awaiting task is cancelled).
pub fn op_throw(vm: &mut Vm, o: &Object, exc: ExcRef) -> PyResult<Sent> {
    let Some(cell) = op_cell(o) else {
        return Err(exc);
    };
    let (g, kind, state) = {
        let op = cell.borrow();
        (op.gen.clone(), op.kind.clone(), op.state)
    };
    if state == AsyncGenOpState::Closed {
        return Err(vm.runtime_error(match kind {
            AsyncGenOpKind::Send(_) => "cannot reuse already awaited __anext__()/asend()",
            _ => "cannot reuse already awaited aclose()/athrow()",
        }));
    }
    cell.borrow_mut().state = AsyncGenOpState::Iter;
    g.running_async.set(true);
    let result = vm.gen_throw(&g, exc);
    convert(vm, o, &g, &kind, result)
}

/// `close()` of an asend/athrow awaitable: it can no longer be awaited.
pub fn op_close(o: &Object) {
    if let Some(cell) = op_cell(o) {
        let state = std::mem::replace(&mut cell.borrow_mut().state, AsyncGenOpState::Closed);
        if state == AsyncGenOpState::Iter {
            cell.borrow().gen.running_async.set(false);
        }
    }
}

fn finish(o: &Object, g: &Generator) {
    if let Some(cell) = op_cell(o) {
        cell.borrow_mut().state = AsyncGenOpState::Closed;
    }
    g.running_async.set(false);
}

fn convert(
    vm: &mut Vm,
    o: &Object,
    g: &Rc<Generator>,
    kind: &AsyncGenOpKind,
    result: PyResult<Sent>,
) -> PyResult<Sent> {
    match result {
        Ok(Sent::Yielded(v)) => {
            if !yielded_value(g) {
                return Ok(Sent::Yielded(v));
            }
            finish(o, g);
            match kind {
                AsyncGenOpKind::Close => {
                    Err(vm.runtime_error("async generator ignored GeneratorExit"))
                }
                _ => Ok(Sent::Returned(v)),
            }
        }
        Ok(Sent::Returned(_)) => {
            finish(o, g);
            match kind {
                AsyncGenOpKind::Close => Ok(Sent::Returned(Value::None)),
                _ => Err(vm.new_exception(&vm.exc.stop_async_iteration.clone(), vec![])),
            }
        }
        Err(e) => {
            finish(o, g);
            if matches!(kind, AsyncGenOpKind::Close)
                && (e.class.is_subclass(&vm.exc.generator_exit)
                    || e.class.is_subclass(&vm.exc.stop_async_iteration))
            {
                return Ok(Sent::Returned(Value::None));
            }
            Err(e)
        }
    }
}
