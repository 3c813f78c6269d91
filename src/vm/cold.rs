//! The instructions kept out of the hot loop in `run.rs`: everything but local/constant
//! loads, int and float arithmetic, comparisons, jumps, plain calls and returns. Keeping
//! the hot loop small lets the compiler hold its instruction pointer and code in
//! registers; an instruction here pays one call, which its own work dwarfs.
//!
//! `frame.ip` is current on entry (the loop stores it before calling here); a jump writes
//! the new position to `frame.ip`, which the loop reloads.

use super::generators::Resumed;
use super::run::Flow;
use super::{PyResult, Vm};
use crate::bytecode::Instr;
use crate::object::frame::{Frame, Resume};
use crate::object::{GenKind, Value};
use std::rc::Rc;

macro_rules! pop {
    ($frame:expr) => {
        $frame.stack.pop().unwrap_or_default()
    };
}

macro_rules! top {
    ($frame:expr) => {
        $frame.stack.last().cloned().unwrap_or_default()
    };
}

impl Vm {
    /// A `del` or a module-level rebinding may have dropped an object's last reference:
    /// its `__del__` and weak-reference callbacks run now, before anything else observes
    /// its absence, and a never-awaited coroutine's warning names this line.
    #[inline]
    fn released(&mut self, frame: &Frame) {
        if crate::object::gc::safe_point_pending() {
            self.safe_point();
        }
        // A coroutine dropped here that never ran warns at this line, as in CPython.
        if super::warnings::pending() {
            self.flush_warnings(frame);
        }
    }

    /// Executes one instruction outside the hot loop.
    #[inline(never)]
    pub(super) fn exec_cold(&mut self, frame: &mut Box<Frame>, instr: Instr) -> PyResult<Flow> {
        match instr {
            Instr::CallKw(n) => {
                let names = pop!(frame);
                let n = n as usize;
                let func_pos = frame.stack.len() - n - 2;
                let Value::Tuple(names) = names else {
                    return Err(self.type_error("bad keyword names"));
                };
                if let Some(callee) = self.call_from_stack(frame, func_pos, n, Some(&names))? {
                    let resume = callee.1;
                    self.push_frame(frame, callee.0, resume)?;
                    return Ok(Flow::Switch);
                }
            }
            Instr::CallEx(flags) => {
                let kwargs = if flags & 1 != 0 {
                    Some(pop!(frame))
                } else {
                    None
                };
                let args = pop!(frame);
                let self_or_null = pop!(frame);
                let func = pop!(frame);
                if let Some(callee) = self.call_ex(frame, func, self_or_null, args, kwargs)? {
                    let resume = callee.1;
                    self.push_frame(frame, callee.0, resume)?;
                    return Ok(Flow::Switch);
                }
            }
            Instr::LoadDeref(i) => {
                let v = frame.cells[i as usize].value.borrow().clone();
                if v.is_null() {
                    return Err(self.unbound_deref(frame, i));
                }
                frame.stack.push(v);
            }
            Instr::StoreDeref(i) => {
                let v = pop!(frame);
                let old = std::mem::replace(&mut *frame.cells[i as usize].value.borrow_mut(), v);
                drop(old);
                self.released(frame);
            }
            Instr::DeleteDeref(i) => {
                let old = std::mem::take(&mut *frame.cells[i as usize].value.borrow_mut());
                if old.is_null() {
                    return Err(self.unbound_deref(frame, i));
                }
                drop(old);
                self.released(frame);
            }
            Instr::LoadClassDeref(i) => {
                let v = self.load_class_deref(frame, i)?;
                frame.stack.push(v);
            }
            Instr::LoadClosure(i) => {
                let c = frame.cells[i as usize].clone();
                frame.stack.push(Value::Cell(c));
            }
            Instr::DeleteFast(i) => {
                if frame.locals[i as usize].is_null() {
                    return Err(self.unbound_local(frame, i));
                }
                frame.locals[i as usize] = Value::Null;
                self.released(frame);
            }
            Instr::StoreGlobal(i) => {
                let v = pop!(frame);
                let name = frame.code.names[i as usize].clone();
                let old = frame.globals.table.borrow_mut().set_str(name, v);
                drop(old);
                self.released(frame);
            }
            Instr::DeleteGlobal(i) => {
                let name = frame.code.names[i as usize].clone();
                let removed = frame
                    .globals
                    .table
                    .borrow_mut()
                    .remove_str(name.as_str(), name.hash());
                if removed.is_none() {
                    return Err(self.name_error(name.as_str()));
                }
                drop(removed);
                self.released(frame);
            }
            Instr::LoadName(i) => {
                let v = self.load_name(frame, i)?;
                frame.stack.push(v);
            }
            Instr::StoreName(i) => {
                let v = pop!(frame);
                let name = frame.code.names[i as usize].clone();
                if let Some(mapping) = frame.mapping.clone() {
                    self.set_item(&mapping, Value::Str(name), v)?;
                    return Ok(Flow::Next);
                }
                let ns = frame
                    .namespace
                    .clone()
                    .unwrap_or_else(|| frame.globals.clone());
                self.dict_set_item(&ns, Value::Str(name), v)?;
                self.released(frame);
            }
            Instr::DeleteName(i) => {
                let name = frame.code.names[i as usize].clone();
                if let Some(mapping) = frame.mapping.clone() {
                    return match self.del_item(&mapping, &Value::Str(name.clone())) {
                        Ok(()) => Ok(Flow::Next),
                        Err(e) if e.class.is_subclass(&self.exc.key_error) => {
                            Err(self.name_error(name.as_str()))
                        }
                        Err(e) => Err(e),
                    };
                }
                let ns = frame
                    .namespace
                    .clone()
                    .unwrap_or_else(|| frame.globals.clone());
                let removed = ns.table.borrow_mut().remove_str(name.as_str(), name.hash());
                if removed.is_none() {
                    return Err(self.name_error(name.as_str()));
                }
                drop(removed);
                self.released(frame);
            }
            Instr::DeleteAttr(i) => {
                let obj = pop!(frame);
                let name = frame.code.names[i as usize].clone();
                self.del_attr(&obj, &name)?;
                drop(obj);
                self.released(frame);
            }
            Instr::BinarySubscr => {
                let key = pop!(frame);
                let obj = pop!(frame);
                let v = self.get_item(&obj, &key)?;
                frame.stack.push(v);
            }
            Instr::StoreSubscr => {
                let key = pop!(frame);
                let obj = pop!(frame);
                let v = pop!(frame);
                self.set_item(&obj, key, v)?;
            }
            Instr::DeleteSubscr => {
                let key = pop!(frame);
                let obj = pop!(frame);
                self.del_item(&obj, &key)?;
                drop((obj, key));
                self.released(frame);
            }
            Instr::BuildSlice(n) => {
                let step = if n == 3 { pop!(frame) } else { Value::None };
                let stop = pop!(frame);
                let start = pop!(frame);
                frame.stack.push(Value::Slice(Rc::new(crate::object::Slice {
                    start,
                    stop,
                    step,
                })));
            }
            Instr::UnaryNegative => {
                let v = pop!(frame);
                let r = self.unary_neg(v)?;
                frame.stack.push(r);
            }
            Instr::UnaryPositive => {
                let v = pop!(frame);
                let r = self.unary_pos(v)?;
                frame.stack.push(r);
            }
            Instr::UnaryInvert => {
                let v = pop!(frame);
                let r = self.unary_invert(v)?;
                frame.stack.push(r);
            }
            Instr::UnaryNot => {
                let v = pop!(frame);
                let t = self.is_true(&v)?;
                frame.stack.push(Value::bool(!t));
            }
            Instr::ContainsOp(invert) => {
                let container = pop!(frame);
                let item = pop!(frame);
                let r = self.contains(&container, &item)?;
                frame.stack.push(Value::bool(r != invert));
            }
            Instr::PopJumpIfNone(t) => {
                if pop!(frame).is_none() {
                    frame.ip = t as usize;
                }
            }
            Instr::PopJumpIfNotNone(t) => {
                if !pop!(frame).is_none() {
                    frame.ip = t as usize;
                }
            }
            Instr::JumpIfFalseOrPop(t) => {
                let v = top!(frame);
                if !self.is_true(&v)? {
                    frame.ip = t as usize;
                } else {
                    frame.stack.pop();
                }
            }
            Instr::JumpIfTrueOrPop(t) => {
                let v = top!(frame);
                if self.is_true(&v)? {
                    frame.ip = t as usize;
                } else {
                    frame.stack.pop();
                }
            }
            Instr::GetIter => {
                let v = pop!(frame);
                let it = self.get_iter(&v)?;
                frame.stack.push(it);
            }
            Instr::MakeFunction(flags) => {
                let f = self.make_function(frame, flags)?;
                frame.stack.push(f);
            }
            Instr::BuildTuple(n) => {
                let items = frame.stack.split_off(frame.stack.len() - n as usize);
                frame.stack.push(Value::tuple(items));
            }
            Instr::BuildList(n) => {
                let items = frame.stack.split_off(frame.stack.len() - n as usize);
                frame.stack.push(Value::list(items));
            }
            Instr::BuildSet(n) => {
                let items = frame.stack.split_off(frame.stack.len() - n as usize);
                let s = self.new_set(items, false)?;
                frame.stack.push(s);
            }
            Instr::BuildMap(n) => {
                let items = frame.stack.split_off(frame.stack.len() - 2 * n as usize);
                let d = self.new_dict_from_pairs(items)?;
                frame.stack.push(d);
            }
            Instr::BuildString(n) => {
                let items = frame.stack.split_off(frame.stack.len() - n as usize);
                let mut s = String::new();
                for v in &items {
                    if let Value::Str(p) = v {
                        s.push_str(p.as_str());
                    }
                }
                frame.stack.push(Value::str(s));
            }
            Instr::ListAppend(i) => {
                let v = pop!(frame);
                let target = &frame.stack[frame.stack.len() - i as usize];
                if let Value::List(l) = target {
                    crate::memory::push(&mut l.items.borrow_mut(), v)
                        .map_err(|_| self.memory_error())?;
                }
            }
            Instr::SetAdd(i) => {
                let v = pop!(frame);
                let target = frame.stack[frame.stack.len() - i as usize].clone();
                self.set_add(&target, v)?;
            }
            Instr::MapAdd(i) => {
                let v = pop!(frame);
                let k = pop!(frame);
                let target = frame.stack[frame.stack.len() - i as usize].clone();
                if let Value::Dict(d) = &target {
                    self.dict_set_item(d, k, v)?;
                }
            }
            Instr::ListExtend(i) => {
                let v = pop!(frame);
                let target = frame.stack[frame.stack.len() - i as usize].clone();
                let items = self
                    .collect_iterable(&v)
                    .map_err(|e| self.fix_unpack_error(e, &v))?;
                if let Value::List(l) = &target {
                    l.items.borrow_mut().extend(items);
                }
            }
            Instr::SetUpdate(i) => {
                let v = pop!(frame);
                let target = frame.stack[frame.stack.len() - i as usize].clone();
                // `_PySet_Update`: sets merge (keeping CPython's layout), dicts use
                // their stored hashes, other iterables add one by one.
                if let Value::Set(s) = &target {
                    self.with_set_table(s, |vm, t| vm.set_update_internal(t, &v))?;
                }
            }
            Instr::DictUpdate(i) | Instr::DictMerge(i) => {
                let v = pop!(frame);
                let target = frame.stack[frame.stack.len() - i as usize].clone();
                let merge = matches!(instr, Instr::DictMerge(_));
                self.dict_update_from(&target, &v, merge)?;
            }
            Instr::ListToTuple => {
                let v = pop!(frame);
                let items = match &v {
                    Value::List(l) => l.items.borrow().clone(),
                    _ => Vec::new(),
                };
                frame.stack.push(Value::tuple(items));
            }
            Instr::UnpackSequence(n) => {
                let v = pop!(frame);
                self.unpack_sequence(frame, v, n as usize)?;
            }
            Instr::UnpackEx(arg) => {
                let v = pop!(frame);
                self.unpack_ex(frame, v, (arg & 0xff) as usize, (arg >> 8) as usize)?;
            }
            Instr::FormatValue(flags) => {
                let spec = if flags & 4 != 0 {
                    Some(pop!(frame))
                } else {
                    None
                };
                let v = pop!(frame);
                let s = self.format_value(v, flags & 3, spec)?;
                frame.stack.push(s);
            }
            Instr::RaiseVarargs(n) => return Err(self.do_raise(frame, n)?),
            Instr::Reraise => {
                let v = pop!(frame);
                self.reraising = true;
                return Err(self.to_exception(v)?);
            }
            Instr::PushExcInfo => {
                let exc = pop!(frame);
                let prev = std::mem::replace(&mut frame.handled, exc.clone());
                frame.stack.push(prev);
                frame.stack.push(exc);
            }
            Instr::PopExcept => {
                let prev = pop!(frame);
                frame.handled = prev;
            }
            Instr::CheckExcMatch => {
                let typ = pop!(frame);
                let exc = top!(frame);
                let m = self.exception_matches(&exc, &typ)?;
                frame.stack.push(Value::bool(m));
            }
            Instr::CheckEgMatch => {
                let typ = pop!(frame);
                let rest = pop!(frame);
                let (rest, matched) = self.exception_group_match(rest, &typ)?;
                frame.stack.push(rest);
                frame.stack.push(matched);
            }
            Instr::PrepReraiseStar => {
                let raised = pop!(frame);
                let orig = pop!(frame);
                let r = self.prep_reraise_star(orig, raised)?;
                frame.stack.push(r);
            }
            Instr::LoadAssertionError => {
                frame
                    .stack
                    .push(Value::Class(self.exc.assertion_error.clone()));
            }
            Instr::BeforeWith => {
                let mgr = pop!(frame);
                let (exit, entered) = self.before_with(mgr)?;
                frame.stack.push(exit);
                frame.stack.push(entered);
            }
            Instr::BeforeAsyncWith => {
                let mgr = pop!(frame);
                let (exit, awaitable) = self.before_async_with(mgr)?;
                frame.stack.push(exit);
                frame.stack.push(awaitable);
            }
            Instr::WithExceptStart => {
                let len = frame.stack.len();
                let exc = frame.stack[len - 1].clone();
                let exit = frame.stack[len - 3].clone();
                let r = self
                    .with_handled_visible(frame, |vm| vm.call_exit_with_exception(&exit, &exc))?;
                frame.stack.push(r);
            }
            Instr::Send(exit) => {
                let value = pop!(frame);
                let sub = top!(frame);
                if let Value::Generator(g) = &sub {
                    if g.kind != GenKind::AsyncGenerator {
                        let g = g.clone();
                        match self.start_resume(&g, value)? {
                            Resumed::Frame(callee) => {
                                self.push_frame(frame, callee, Resume::Send { exit })?;
                                return Ok(Flow::Switch);
                            }
                            Resumed::Done(v) => {
                                frame.stack.pop();
                                frame.stack.push(v);
                                frame.ip = exit as usize;
                            }
                        }
                        return Ok(Flow::Next);
                    }
                }
                if let Value::Object(o) = &sub {
                    if let Some(once) = o.native::<super::native_awaitables::YieldOnce>() {
                        // `sleep(0)`: yield once; swap the slot to the "done" twin so
                        // the resumed SEND returns (no allocation per switch).
                        if once.done {
                            frame.stack.pop();
                            frame.stack.push(Value::None);
                            frame.ip = exit as usize;
                        } else {
                            let last = frame.stack.len() - 1;
                            frame.stack[last] = self.yield_once[1].clone();
                            frame.stack.push(Value::None);
                        }
                        return Ok(Flow::Next);
                    }
                }
                match self.send_to(&sub, value)? {
                    super::generators::Sent::Yielded(v) => frame.stack.push(v),
                    super::generators::Sent::Returned(v) => {
                        frame.stack.pop();
                        frame.stack.push(v);
                        frame.ip = exit as usize;
                    }
                }
            }
            Instr::GetYieldFromIter => {
                let v = pop!(frame);
                let it = self.get_yield_from_iter(frame, v)?;
                frame.stack.push(it);
            }
            Instr::GetAwaitable(kind) => {
                let v = pop!(frame);
                let it = self.get_awaitable(v, kind)?;
                frame.stack.push(it);
            }
            Instr::GetAIter => {
                let v = pop!(frame);
                let it = self.get_aiter(v)?;
                frame.stack.push(it);
            }
            Instr::GetANext => {
                let it = top!(frame);
                let aw = self.get_anext_awaitable(&it)?;
                frame.stack.push(aw);
            }
            Instr::EndAsyncFor => {
                let exc = pop!(frame);
                let is_stop = match &exc {
                    Value::Object(o) => o.class.is_subclass(&self.exc.stop_async_iteration),
                    _ => false,
                };
                if !is_stop {
                    self.reraising = true;
                    return Err(self.to_exception(exc)?);
                }
                frame.stack.pop();
            }
            Instr::ImportName(i) => {
                let fromlist = pop!(frame);
                let level = pop!(frame);
                let name = frame.code.names[i as usize].clone();
                let globals = frame.globals.clone();
                let m = self.import_name(name.as_str(), &fromlist, &level, &globals)?;
                frame.stack.push(m);
            }
            Instr::ImportFrom(i) => {
                let module = top!(frame);
                let name = frame.code.names[i as usize].clone();
                let v = self.import_from(&module, &name)?;
                frame.stack.push(v);
            }
            Instr::ImportStar => {
                let module = pop!(frame);
                self.import_star(frame, &module)?;
            }
            Instr::LoadBuildClass => {
                let f = self.builtins.get_str(
                    "__build_class__",
                    crate::object::hash::hash_str("__build_class__"),
                );
                frame.stack.push(f.unwrap_or(Value::None));
            }
            Instr::SetupAnnotations => {}
            Instr::PrintExpr => {
                let v = pop!(frame);
                self.print_expr(v)?;
            }
            _ => {
                return Err(
                    self.runtime_error("internal error: a hot-loop instruction reached exec_cold")
                )
            }
        }
        Ok(Flow::Next)
    }
}
