//! The instruction loop.
//!
//! `execute` runs a frame and everything it calls without recursing on the Rust stack:
//! a Python-level call moves the caller into `Vm::frames` and makes the callee current; a
//! return pops it back. Generators resumed by `for` or `yield from`/`await` are pushed the
//! same way. The loop only returns to its Rust caller when the frame it was started with
//! returns, yields, or lets an exception escape.

use super::frame::{Frame, Resume};
use super::generators::Resumed;
use super::{PyResult, Vm};
use crate::ast::BinOp;
use crate::bytecode::{Compare, Instr};
use crate::object::{gc, ExcRef, GenKind, GenState, Generator, Value};
use std::rc::Rc;

/// How a run of `execute` ended.
pub enum Exit {
    Return(Value),
    /// The entry frame (a generator's) yielded; the frame is back in its generator.
    Yield(Value),
}

/// What `dispatch` hands back to `execute` when the entry frame stops.
enum Stop {
    Return(Value),
    Yield(Value, Rc<Generator>),
}

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
    /// Runs `frame` until it returns or yields. `throw` raises an exception at the frame's
    /// current position first (generator `throw`). `below` are frames to run underneath
    /// (a delegation chain being resumed); they are pushed before `frame`.
    pub(crate) fn execute(&mut self, frame: Box<Frame>, throw: Option<ExcRef>) -> PyResult<Exit> {
        self.execute_chain(Vec::new(), frame, throw)
    }

    pub(crate) fn execute_chain(
        &mut self,
        below: Vec<Box<Frame>>,
        frame: Box<Frame>,
        throw: Option<ExcRef>,
    ) -> PyResult<Exit> {
        if self.native_depth >= self.limits.native_depth {
            return Err(self.recursion_error());
        }
        self.native_depth += 1;
        let base = self.frames.len();
        self.frames.extend(below);
        let mut frame = frame;
        let mut pending = throw;
        let result = loop {
            let step = match pending.take() {
                Some(exc) => Err(exc),
                None => self.dispatch(&mut frame, base),
            };
            match step {
                Ok(stop) => break Ok(stop),
                Err(exc) => {
                    if let Err(exc) = self.unwind(&mut frame, base, exc) {
                        break Err(exc);
                    }
                }
            }
        };
        self.native_depth -= 1;
        match result {
            Ok(Stop::Return(v)) => {
                self.recycle_frame(frame);
                Ok(Exit::Return(v))
            }
            Ok(Stop::Yield(v, gen)) => {
                *gen.frame.borrow_mut() = Some(frame);
                Ok(Exit::Yield(v))
            }
            Err(e) => {
                self.recycle_frame(frame);
                Err(e)
            }
        }
    }

    /// Runs a non-generator frame to completion and returns its value.
    pub(crate) fn run_frame(&mut self, frame: Box<Frame>) -> PyResult {
        match self.execute(frame, None)? {
            Exit::Return(v) => Ok(v),
            Exit::Yield(v) => Ok(v),
        }
    }

    /// Makes `callee` the running frame; the caller waits in `self.frames`.
    #[inline]
    pub(crate) fn push_frame(
        &mut self,
        frame: &mut Box<Frame>,
        callee: Box<Frame>,
        resume: Resume,
    ) -> PyResult<()> {
        if self.frames.len() + 1 >= self.limits.recursion {
            self.recycle_frame(callee);
            return Err(self.recursion_error());
        }
        frame.resume = resume;
        let caller = std::mem::replace(frame, callee);
        self.frames.push(caller);
        Ok(())
    }

    /// The frame-switching part of a return: the finished frame is replaced by its caller,
    /// which receives `value` according to how it was waiting.
    fn return_to_caller(&mut self, frame: &mut Box<Frame>, value: Value) -> PyResult<()> {
        let caller = self.frames.pop().expect("caller frame");
        let done = std::mem::replace(frame, caller);
        self.recycle_frame(done);
        match frame.resume {
            Resume::Call | Resume::Native => frame.stack.push(value),
            Resume::CallInit => {
                if !value.is_none() {
                    return Err(self.type_error(format!(
                        "__init__() should return None, not '{}'",
                        self.type_name(&value)
                    )));
                }
            }
            Resume::ForIter { exit } => {
                frame.stack.pop();
                frame.ip = exit as usize;
            }
            Resume::Send { exit } => {
                frame.stack.pop();
                frame.stack.push(value);
                frame.ip = exit as usize;
            }
        }
        Ok(())
    }

    fn dispatch(&mut self, frame: &mut Box<Frame>, base: usize) -> PyResult<Stop> {
        // The outer loop runs once per frame switch: it keeps the running frame's code in
        // a local so fetching an instruction is one indexed load. Every arm that switches
        // frames continues 'frames.
        'frames: loop {
            let code = frame.code.clone();
            let instrs: &[Instr] = &code.instrs;
            // `ip` mirrors `frame.ip` in a register; every change goes through both.
            let mut ip = frame.ip;
            loop {
                let instr = instrs[ip];
                ip += 1;
                frame.ip = ip;
                match instr {
                    Instr::LoadFast(i) => {
                        // Ints are copied without the out-of-line clone glue.
                        match &frame.locals[i as usize] {
                            Value::Int(n) => {
                                let n = *n;
                                frame.stack.push(Value::Int(n));
                            }
                            Value::Null => return Err(self.unbound_local(frame, i)),
                            v => {
                                let v = v.clone();
                                frame.stack.push(v);
                            }
                        }
                    }
                    Instr::StoreFast(i) => {
                        let v = pop!(frame);
                        let old = std::mem::replace(&mut frame.locals[i as usize], v);
                        drop_value(old);
                    }
                    Instr::LoadConst(i) => match &frame.code.consts[i as usize] {
                        Value::Int(n) => {
                            let n = *n;
                            frame.stack.push(Value::Int(n));
                        }
                        v => {
                            let v = v.clone();
                            frame.stack.push(v);
                        }
                    },
                    Instr::Pop => {
                        let v = pop!(frame);
                        drop_value(v);
                        if super::warnings::pending() {
                            self.flush_warnings(frame);
                        }
                    }
                    Instr::BinaryOp(op) | Instr::InplaceOp(op) => {
                        let len = frame.stack.len();
                        if let (Value::Int(x), Value::Int(y)) =
                            (&frame.stack[len - 2], &frame.stack[len - 1])
                        {
                            if let Some(r) = int_fast_op(*x, *y, op) {
                                // Both operands are ints: overwrite in place, nothing to drop.
                                std::mem::forget(std::mem::replace(
                                    &mut frame.stack[len - 2],
                                    Value::Int(r),
                                ));
                                std::mem::forget(frame.stack.pop());
                                continue;
                            }
                        }
                        if let (Value::Float(x), Value::Float(y)) =
                            (&frame.stack[len - 2], &frame.stack[len - 1])
                        {
                            if let Some(r) = float_fast_op(x.get(), y.get(), op) {
                                std::mem::forget(std::mem::replace(
                                    &mut frame.stack[len - 2],
                                    Value::float(r),
                                ));
                                std::mem::forget(frame.stack.pop());
                                continue;
                            }
                        }
                        let b = pop!(frame);
                        let a = pop!(frame);
                        let r = if matches!(instr, Instr::InplaceOp(_)) {
                            self.inplace_op(a, b, op)?
                        } else {
                            self.binary_op(a, b, op)?
                        };
                        frame.stack.push(r);
                    }
                    Instr::CompareOp(op) => {
                        let len = frame.stack.len();
                        let fast = match (&frame.stack[len - 2], &frame.stack[len - 1]) {
                            (Value::Int(x), Value::Int(y)) => Some(compare_ord(op, x.cmp(y))),
                            (Value::Float(x), Value::Float(y)) => {
                                Some(compare_f64(op, x.get(), y.get()))
                            }
                            _ => None,
                        };
                        if let Some(r) = fast {
                            // The operands are ints or floats: nothing to drop.
                            std::mem::forget(frame.stack.pop());
                            std::mem::forget(frame.stack.pop());
                            // Fused with a following conditional jump: no bool is pushed.
                            match instrs.get(ip) {
                                Some(Instr::PopJumpIfFalse(t)) => {
                                    ip = if r { ip + 1 } else { *t as usize };
                                    frame.ip = ip;
                                }
                                Some(Instr::PopJumpIfTrue(t)) => {
                                    ip = if r { *t as usize } else { ip + 1 };
                                    frame.ip = ip;
                                }
                                _ => frame.stack.push(Value::bool(r)),
                            }
                            continue;
                        }
                        let b = pop!(frame);
                        let a = pop!(frame);
                        let r = self.rich_compare(&a, &b, op)?;
                        frame.stack.push(r);
                    }
                    Instr::PopJumpIfFalse(t) => {
                        let v = pop!(frame);
                        let truth = match v {
                            Value::Bool(b) => b.get(),
                            _ => self.is_true(&v)?,
                        };
                        if !truth {
                            ip = t as usize;
                            frame.ip = ip;
                        }
                    }
                    Instr::PopJumpIfTrue(t) => {
                        let v = pop!(frame);
                        let truth = match v {
                            Value::Bool(b) => b.get(),
                            _ => self.is_true(&v)?,
                        };
                        if truth {
                            ip = t as usize;
                            frame.ip = ip;
                        }
                    }
                    Instr::Jump(t) => {
                        if (t as usize) < ip {
                            if gc::collection_pending() {
                                gc::collect_pending();
                            }
                            if crate::runtime::signals::take_interrupt() {
                                return Err(self
                                    .new_exception(&self.exc.keyboard_interrupt.clone(), vec![]));
                            }
                        }
                        ip = t as usize;
                        frame.ip = ip;
                    }
                    Instr::LoadGlobal(i) => {
                        let v = self.load_global(frame, i)?;
                        frame.stack.push(v);
                    }
                    Instr::PushNull => frame.stack.push(Value::Null),
                    Instr::Call(n) => {
                        let n = n as usize;
                        let func_pos = frame.stack.len() - n - 2;
                        if let Some(callee) = self.call_from_stack(frame, func_pos, n, None)? {
                            let resume = callee.1;
                            self.push_frame(frame, callee.0, resume)?;
                            continue 'frames;
                        }
                    }
                    Instr::CallKw(n) => {
                        let names = pop!(frame);
                        let n = n as usize;
                        let func_pos = frame.stack.len() - n - 2;
                        let Value::Tuple(names) = names else {
                            return Err(self.type_error("bad keyword names"));
                        };
                        if let Some(callee) =
                            self.call_from_stack(frame, func_pos, n, Some(&names))?
                        {
                            let resume = callee.1;
                            self.push_frame(frame, callee.0, resume)?;
                            continue 'frames;
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
                        if let Some(callee) =
                            self.call_ex(frame, func, self_or_null, args, kwargs)?
                        {
                            let resume = callee.1;
                            self.push_frame(frame, callee.0, resume)?;
                            continue 'frames;
                        }
                    }
                    Instr::ReturnValue => {
                        let v = pop!(frame);
                        if let Some(gen) = frame.generator.take() {
                            gen.state.set(GenState::Closed);
                        }
                        if self.frames.len() == base {
                            return Ok(Stop::Return(v));
                        }
                        self.return_to_caller(frame, v)?;
                        continue 'frames;
                    }
                    Instr::Copy(n) => {
                        let v = frame.stack[frame.stack.len() - n as usize].clone();
                        frame.stack.push(v);
                    }
                    Instr::Swap(n) => {
                        let len = frame.stack.len();
                        frame.stack.swap(len - 1, len - n as usize);
                    }
                    Instr::Nop => {}
                    Instr::LoadDeref(i) => {
                        let v = frame.cells[i as usize].value.borrow().clone();
                        if v.is_null() {
                            return Err(self.unbound_deref(frame, i));
                        }
                        frame.stack.push(v);
                    }
                    Instr::StoreDeref(i) => {
                        let v = pop!(frame);
                        let old =
                            std::mem::replace(&mut *frame.cells[i as usize].value.borrow_mut(), v);
                        drop(old);
                    }
                    Instr::DeleteDeref(i) => {
                        let old = std::mem::take(&mut *frame.cells[i as usize].value.borrow_mut());
                        if old.is_null() {
                            return Err(self.unbound_deref(frame, i));
                        }
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
                    }
                    Instr::StoreGlobal(i) => {
                        let v = pop!(frame);
                        let name = frame.code.names[i as usize].clone();
                        let old = frame.globals.table.borrow_mut().set_str(name, v);
                        drop(old);
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
                    }
                    Instr::LoadName(i) => {
                        let v = self.load_name(frame, i)?;
                        frame.stack.push(v);
                    }
                    Instr::StoreName(i) => {
                        let v = pop!(frame);
                        let name = frame.code.names[i as usize].clone();
                        let ns = frame
                            .namespace
                            .clone()
                            .unwrap_or_else(|| frame.globals.clone());
                        self.dict_set_item(&ns, Value::Str(name), v)?;
                    }
                    Instr::DeleteName(i) => {
                        let name = frame.code.names[i as usize].clone();
                        let ns = frame
                            .namespace
                            .clone()
                            .unwrap_or_else(|| frame.globals.clone());
                        let removed = ns.table.borrow_mut().remove_str(name.as_str(), name.hash());
                        if removed.is_none() {
                            return Err(self.name_error(name.as_str()));
                        }
                    }
                    Instr::LoadAttr(i) => {
                        let obj = pop!(frame);
                        let name = frame.code.names[i as usize].clone();
                        let v = self.get_attr(&obj, &name)?;
                        frame.stack.push(v);
                    }
                    Instr::StoreAttr(i) => {
                        let obj = pop!(frame);
                        let v = pop!(frame);
                        let name = frame.code.names[i as usize].clone();
                        self.set_attr(&obj, &name, v)?;
                    }
                    Instr::DeleteAttr(i) => {
                        let obj = pop!(frame);
                        let name = frame.code.names[i as usize].clone();
                        self.del_attr(&obj, &name)?;
                    }
                    Instr::LoadMethod(i) => {
                        let obj = pop!(frame);
                        let name = frame.code.names[i as usize].clone();
                        let (a, b) = self.load_method(obj, &name)?;
                        frame.stack.push(a);
                        frame.stack.push(b);
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
                    Instr::IsOp(invert) => {
                        let b = pop!(frame);
                        let a = pop!(frame);
                        frame.stack.push(Value::bool(a.is(&b) != invert));
                    }
                    Instr::ContainsOp(invert) => {
                        let container = pop!(frame);
                        let item = pop!(frame);
                        let r = self.contains(&container, &item)?;
                        frame.stack.push(Value::bool(r != invert));
                    }
                    Instr::PopJumpIfNone(t) => {
                        if pop!(frame).is_none() {
                            ip = t as usize;
                            frame.ip = ip;
                        }
                    }
                    Instr::PopJumpIfNotNone(t) => {
                        if !pop!(frame).is_none() {
                            ip = t as usize;
                            frame.ip = ip;
                        }
                    }
                    Instr::JumpIfFalseOrPop(t) => {
                        let v = top!(frame);
                        if !self.is_true(&v)? {
                            ip = t as usize;
                            frame.ip = ip;
                        } else {
                            frame.stack.pop();
                        }
                    }
                    Instr::JumpIfTrueOrPop(t) => {
                        let v = top!(frame);
                        if self.is_true(&v)? {
                            ip = t as usize;
                            frame.ip = ip;
                        } else {
                            frame.stack.pop();
                        }
                    }
                    Instr::GetIter => {
                        let v = pop!(frame);
                        let it = self.get_iter(&v)?;
                        frame.stack.push(it);
                    }
                    Instr::ForIter(exit) => {
                        let it = top!(frame);
                        if let Value::Generator(g) = &it {
                            if g.kind == GenKind::Generator {
                                let g = g.clone();
                                match self.start_resume(&g, Value::None)? {
                                    Resumed::Frame(callee) => {
                                        self.push_frame(frame, callee, Resume::ForIter { exit })?;
                                        continue 'frames;
                                    }
                                    Resumed::Done(_) => {
                                        frame.stack.pop();
                                        ip = exit as usize;
                                        frame.ip = ip;
                                    }
                                }
                                continue;
                            }
                        }
                        match self.iter_next(&it)? {
                            Some(v) => frame.stack.push(v),
                            None => {
                                frame.stack.pop();
                                ip = exit as usize;
                                frame.ip = ip;
                            }
                        }
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
                            l.items.borrow_mut().push(v);
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
                        let r = self.call_exit_with_exception(&exit, &exc)?;
                        frame.stack.push(r);
                    }
                    Instr::YieldValue => {
                        let v = pop!(frame);
                        let Some(gen) = frame.generator.take() else {
                            return Err(self.runtime_error("yield outside a generator frame"));
                        };
                        gen.state.set(GenState::Suspended);
                        if self.frames.len() == base {
                            return Ok(Stop::Yield(v, gen));
                        }
                        let caller = self.frames.pop().expect("caller frame");
                        let suspended = std::mem::replace(frame, caller);
                        *gen.frame.borrow_mut() = Some(suspended);
                        frame.stack.push(v);
                        continue 'frames;
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
                                        continue 'frames;
                                    }
                                    Resumed::Done(v) => {
                                        frame.stack.pop();
                                        frame.stack.push(v);
                                        ip = exit as usize;
                                        frame.ip = ip;
                                    }
                                }
                                continue;
                            }
                        }
                        if let Value::Object(o) = &sub {
                            if let crate::object::Payload::Async(
                                crate::runtime::payload::AsyncPayload::YieldOnce { done },
                            ) = &o.payload
                            {
                                // `sleep(0)`: yield once; swap the slot to the "done" twin so
                                // the resumed SEND returns (no allocation per switch).
                                if *done {
                                    frame.stack.pop();
                                    frame.stack.push(Value::None);
                                    ip = exit as usize;
                                    frame.ip = ip;
                                } else {
                                    let last = frame.stack.len() - 1;
                                    frame.stack[last] = self.runtime.yield_once[1].clone();
                                    frame.stack.push(Value::None);
                                }
                                continue;
                            }
                        }
                        match self.send_to(&sub, value)? {
                            super::generators::Sent::Yielded(v) => frame.stack.push(v),
                            super::generators::Sent::Returned(v) => {
                                frame.stack.pop();
                                frame.stack.push(v);
                                ip = exit as usize;
                                frame.ip = ip;
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
                        let m = self.import_name(name.as_str(), &fromlist, &level)?;
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
                }
            }
        }
    }

    /// After an exception: find a handler in the current frame or pop frames until one is
    /// found. Returns Err when the exception leaves the entry frame.
    fn unwind(&mut self, frame: &mut Box<Frame>, base: usize, exc: ExcRef) -> Result<(), ExcRef> {
        let mut exc = exc;
        let fresh = !std::mem::replace(&mut self.reraising, false);
        if fresh {
            self.set_implicit_context(frame, &exc);
        }
        let mut add_entry = fresh;
        loop {
            if add_entry {
                self.add_traceback(&exc, frame);
            }
            add_entry = true;
            let ip = frame.ip.saturating_sub(1) as u32;
            if let Some(h) = frame.code.handler_for(ip) {
                frame.stack.truncate(h.depth as usize);
                frame.stack.push(Value::Object(exc));
                frame.ip = h.target as usize;
                return Ok(());
            }
            if let Some(gen) = frame.generator.take() {
                gen.state.set(GenState::Closed);
                exc = self.generator_exception_exit(gen.kind, exc);
            }
            if self.frames.len() == base {
                return Err(exc);
            }
            let caller = self.frames.pop().expect("caller frame");
            let done = std::mem::replace(frame, caller);
            self.recycle_frame(done);
        }
    }

    /// PEP 479: StopIteration leaving a generator becomes RuntimeError.
    fn generator_exception_exit(&mut self, kind: GenKind, exc: ExcRef) -> ExcRef {
        let what = kind.type_name().replace('_', " ");
        let converted = if exc.class.is_subclass(&self.exc.stop_iteration) {
            Some(format!("{what} raised StopIteration"))
        } else if kind == GenKind::AsyncGenerator
            && exc.class.is_subclass(&self.exc.stop_async_iteration)
        {
            Some(format!("{what} raised StopAsyncIteration"))
        } else {
            None
        };
        match converted {
            Some(msg) => {
                let new = self.runtime_error(msg);
                if let Some(d) = new.exc_data() {
                    let mut d = d.borrow_mut();
                    d.cause = Value::Object(exc.clone());
                    d.context = Value::Object(exc);
                    d.suppress_context = true;
                }
                new
            }
            None => exc,
        }
    }

    fn add_traceback(&self, exc: &ExcRef, frame: &Frame) {
        if let Some(d) = exc.exc_data() {
            d.borrow_mut()
                .traceback
                .push(crate::object::TracebackEntry {
                    code: frame.code.clone(),
                    line: frame.line(),
                });
        }
    }

    /// Sets `__context__` of a newly raised exception to the exception being handled.
    fn set_implicit_context(&self, frame: &Frame, exc: &ExcRef) {
        let handled = if !frame.handled.is_none() {
            frame.handled.clone()
        } else {
            self.frames
                .iter()
                .rev()
                .map(|f| f.handled.clone())
                .find(|h| !h.is_none())
                .unwrap_or(Value::None)
        };
        let Value::Object(h) = handled else { return };
        if Rc::ptr_eq(&h, exc) {
            return;
        }
        // Avoid creating a cycle in the context chain.
        let mut cur = Some(h.clone());
        let mut steps = 0;
        while let Some(c) = cur {
            let next = c.exc_data().and_then(|d| match &d.borrow().context {
                Value::Object(o) => Some(o.clone()),
                _ => None,
            });
            if let Some(n) = &next {
                if Rc::ptr_eq(n, exc) {
                    if let Some(d) = c.exc_data() {
                        d.borrow_mut().context = Value::None;
                    }
                    break;
                }
            }
            cur = next;
            steps += 1;
            if steps > 10_000 {
                break;
            }
        }
        if let Some(d) = exc.exc_data() {
            d.borrow_mut().context = Value::Object(h);
        }
    }

    fn unbound_local(&self, frame: &Frame, i: u32) -> ExcRef {
        let name = frame
            .code
            .varnames
            .get(i as usize)
            .map_or("?", |n| n.as_str());
        self.new_exception_msg(
            &self.exc.unbound_local_error,
            format!(
                "cannot access local variable '{name}' where it is not associated with a value"
            ),
        )
    }

    fn unbound_deref(&self, frame: &Frame, i: u32) -> ExcRef {
        let ncell = frame.code.cellvars.len();
        let i = i as usize;
        if i < ncell {
            let name = frame.code.cellvars[i].as_str();
            self.new_exception_msg(
                &self.exc.unbound_local_error,
                format!(
                    "cannot access local variable '{name}' where it is not associated with a value"
                ),
            )
        } else {
            let name = frame
                .code
                .freevars
                .get(i - ncell)
                .map_or("?", |n| n.as_str());
            self.new_exception_msg(
                &self.exc.name_error,
                format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope"),
            )
        }
    }

    #[inline]
    fn load_global(&mut self, frame: &Frame, i: u32) -> PyResult {
        use crate::bytecode::GlobalSlot;
        let name = &frame.code.names[i as usize];
        let slot = &frame.code.global_cache[i as usize];
        match slot.get() {
            GlobalSlot::Global(pos) => {
                if let Some(v) = frame
                    .globals
                    .table
                    .borrow()
                    .value_if_key_at(pos as usize, name)
                {
                    return Ok(v.clone());
                }
            }
            GlobalSlot::Builtin {
                globals_version,
                pos,
            } => {
                if frame.globals.table.borrow().version() == globals_version {
                    if let Some(v) = self
                        .builtins
                        .table
                        .borrow()
                        .value_if_key_at(pos as usize, name)
                    {
                        return Ok(v.clone());
                    }
                }
            }
            GlobalSlot::Unknown => {}
        }
        self.load_global_slow(frame, i)
    }

    /// A `LOAD_GLOBAL` cache miss: the full lookup, remembering where the name was found.
    #[inline(never)]
    fn load_global_slow(&mut self, frame: &Frame, i: u32) -> PyResult {
        use crate::bytecode::GlobalSlot;
        let name = &frame.code.names[i as usize];
        let slot = &frame.code.global_cache[i as usize];
        let hash = name.hash();
        let globals = frame.globals.table.borrow();
        if let Some(pos) = globals.position_of_str(name.as_str(), hash) {
            slot.set(GlobalSlot::Global(pos as u32));
            return Ok(globals.value_at(pos).clone());
        }
        let builtins = self.builtins.table.borrow();
        if let Some(pos) = builtins.position_of_str(name.as_str(), hash) {
            slot.set(GlobalSlot::Builtin {
                globals_version: globals.version(),
                pos: pos as u32,
            });
            return Ok(builtins.value_at(pos).clone());
        }
        drop((globals, builtins));
        Err(self.name_error(name.as_str()))
    }

    fn load_name(&mut self, frame: &Frame, i: u32) -> PyResult {
        let name = frame.code.names[i as usize].clone();
        if let Some(ns) = &frame.namespace {
            if let Some(v) = self.dict_get_item(ns, &Value::Str(name.clone()))? {
                return Ok(v);
            }
        }
        self.load_global(frame, i)
    }

    fn load_class_deref(&mut self, frame: &Frame, i: u32) -> PyResult {
        let ncell = frame.code.cellvars.len();
        let name = if (i as usize) < ncell {
            frame.code.cellvars[i as usize].clone()
        } else {
            frame.code.freevars[i as usize - ncell].clone()
        };
        if let Some(ns) = &frame.namespace {
            if let Some(v) = ns.get_str(name.as_str(), name.hash()) {
                return Ok(v);
            }
        }
        let v = frame.cells[i as usize].value.borrow().clone();
        if v.is_null() {
            return Err(self.unbound_deref(frame, i));
        }
        Ok(v)
    }

    fn do_raise(&mut self, frame: &mut Frame, n: u32) -> PyResult<ExcRef> {
        match n {
            0 => {
                let handled = if !frame.handled.is_none() {
                    frame.handled.clone()
                } else {
                    self.frames
                        .iter()
                        .rev()
                        .map(|f| f.handled.clone())
                        .find(|h| !h.is_none())
                        .unwrap_or(Value::None)
                };
                if handled.is_none() {
                    return Ok(self.runtime_error("No active exception to reraise"));
                }
                self.reraising = true;
                self.to_exception(handled)
            }
            1 => {
                let v = pop!(frame);
                self.to_exception(v)
            }
            _ => {
                let cause = pop!(frame);
                let v = pop!(frame);
                let exc = self.to_exception(v)?;
                let cause = match cause {
                    Value::None => Value::None,
                    other => match self.to_exception(other) {
                        Ok(c) => Value::Object(c),
                        Err(_) => {
                            return Ok(
                                self.type_error("exception causes must derive from BaseException")
                            );
                        }
                    },
                };
                if let Some(d) = exc.exc_data() {
                    let mut d = d.borrow_mut();
                    d.cause = cause;
                    d.suppress_context = true;
                }
                Ok(exc)
            }
        }
    }

    fn make_function(&mut self, frame: &mut Frame, flags: u32) -> PyResult {
        use crate::bytecode::flags as f;
        let code = pop!(frame);
        let Value::Code(code) = code else {
            return Err(self.type_error("MakeFunction expects code"));
        };
        let closure = if flags & f::MAKE_CLOSURE != 0 {
            match pop!(frame) {
                Value::Tuple(t) => t
                    .items
                    .iter()
                    .filter_map(|c| match c {
                        Value::Cell(c) => Some(c.clone()),
                        _ => None,
                    })
                    .collect(),
                _ => Box::default(),
            }
        } else {
            Box::default()
        };
        let kwdefaults = if flags & f::MAKE_KWDEFAULTS != 0 {
            match pop!(frame) {
                Value::Dict(d) => d
                    .table
                    .borrow()
                    .iter()
                    .filter_map(|(k, v)| match k {
                        Value::Str(s) => Some((s.clone(), v.clone())),
                        _ => None,
                    })
                    .collect(),
                _ => Vec::new(),
            }
        } else {
            Vec::new()
        };
        let defaults = if flags & f::MAKE_DEFAULTS != 0 {
            match pop!(frame) {
                Value::Tuple(t) => t.items.to_vec(),
                _ => Vec::new(),
            }
        } else {
            Vec::new()
        };
        let module = frame
            .globals
            .get_str("__name__", self.names.name.hash())
            .unwrap_or(Value::None);
        let qualname = code.qualname.clone();
        Ok(Value::Function(crate::object::Function::new(
            code,
            frame.globals.clone(),
            qualname,
            defaults,
            kwdefaults,
            closure,
            module,
        )))
    }

    fn print_expr(&mut self, v: Value) -> PyResult<()> {
        if v.is_none() {
            return Ok(());
        }
        let r = self.repr(&v)?;
        use std::io::Write;
        let _ = writeln!(self.stdout, "{r}");
        let key = self.intern("_");
        self.builtins.table.borrow_mut().set_str(key, v);
        Ok(())
    }
}

/// Drops a value, skipping the drop glue for immediates.
#[inline(always)]
fn drop_value(v: Value) {
    match v {
        Value::Int(_) | Value::Float(_) | Value::Bool(_) | Value::None | Value::Null => {
            std::mem::forget(v)
        }
        other => drop(other),
    }
}

/// Int arithmetic that stays in i64 (None: overflow or not a fast operator).
#[inline(always)]
fn int_fast_op(x: i64, y: i64, op: BinOp) -> Option<i64> {
    match op {
        BinOp::Add => x.checked_add(y),
        BinOp::Sub => x.checked_sub(y),
        BinOp::Mult => x.checked_mul(y),
        BinOp::BitAnd => Some(x & y),
        BinOp::BitOr => Some(x | y),
        BinOp::BitXor => Some(x ^ y),
        BinOp::FloorDiv if y > 0 && x >= 0 => Some(x / y),
        BinOp::Mod if y > 0 && x >= 0 => Some(x % y),
        BinOp::LShift if (0..32).contains(&y) && x.unsigned_abs() < (1 << 30) => Some(x << y),
        BinOp::RShift if (0..64).contains(&y) => Some(x >> y),
        _ => None,
    }
}

#[inline(always)]
fn float_fast_op(x: f64, y: f64, op: BinOp) -> Option<f64> {
    match op {
        BinOp::Add => Some(x + y),
        BinOp::Sub => Some(x - y),
        BinOp::Mult => Some(x * y),
        BinOp::Div if y != 0.0 => Some(x / y),
        _ => None,
    }
}

#[inline]
fn compare_ord(op: Compare, o: std::cmp::Ordering) -> bool {
    use std::cmp::Ordering::*;
    match op {
        Compare::Lt => o == Less,
        Compare::Le => o != Greater,
        Compare::Eq => o == Equal,
        Compare::Ne => o != Equal,
        Compare::Gt => o == Greater,
        Compare::Ge => o != Less,
    }
}

#[inline]
pub(crate) fn compare_f64(op: Compare, a: f64, b: f64) -> bool {
    match op {
        Compare::Lt => a < b,
        Compare::Le => a <= b,
        Compare::Eq => a == b,
        Compare::Ne => a != b,
        Compare::Gt => a > b,
        Compare::Ge => a >= b,
    }
}

pub(crate) fn compare_ordering(op: Compare, o: std::cmp::Ordering) -> bool {
    compare_ord(op, o)
}
