//! The instruction loop.
//!
//! `execute` runs a frame and everything it calls without recursing on the Rust stack:
//! a Python-level call moves the caller into `Vm::frames` and makes the callee current; a
//! return pops it back. Generators resumed by `for` or `yield from`/`await` are pushed the
//! same way. The loop only returns to its Rust caller when the frame it was started with
//! returns, yields, or lets an exception escape.

use super::call::FastCall;
use super::fast_paths::{self, Next};
use super::generators::Resumed;
use super::{PyResult, Vm};
use crate::bytecode::{Compare, Instr};
use crate::object::frame::{Frame, Resume};
use crate::object::function::Args;
use crate::object::{gc, ExcRef, GenKind, GenState, Generator, Value};
use crate::operator::BinOp;
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

/// How the hot loop continues after an instruction run by `exec_cold`.
pub(super) enum Flow {
    /// At `frame.ip` (the next instruction, or a jump target).
    Next,
    /// Another frame became current (a call, a resumed generator, a yield or return).
    Switch,
}

macro_rules! pop {
    ($frame:expr) => {
        $frame.stack.pop().unwrap_or_default()
    };
}

/// Pushes local `$i` (ints copied without the out-of-line clone glue); an unbound
/// local raises with `$at` as the frame's position.
macro_rules! push_local {
    ($vm:ident, $frame:ident, $i:expr, $at:expr) => {
        match &$frame.locals[$i as usize] {
            Value::Int(n) => {
                let n = *n;
                $frame.stack.push(Value::Int(n));
            }
            Value::Null => {
                $frame.ip = $at;
                return Err($vm.unbound_local($frame, $i as u32));
            }
            v => {
                let v = v.clone();
                $frame.stack.push(v);
            }
        }
    };
}

/// Delivers an int result at `$ip`: straight into the local of a following
/// `STORE_FAST` (skipping it: `x = a + b`, `i += 1`), else onto the stack.
macro_rules! int_result {
    ($frame:ident, $instrs:ident, $ip:ident, $r:expr) => {
        match $instrs.get($ip) {
            Some(&Instr::StoreFast(j)) => {
                let old = std::mem::replace(&mut $frame.locals[j as usize], Value::Int($r));
                old.discard();
                $ip += 1;
            }
            _ => $frame.stack.push(Value::Int($r)),
        }
    };
}

/// `<int on the stack> op $y` when a BINARY_OP follows (`acc * 31 + i`, `x & 0xFFFF`):
/// combined in place, then the loop goes on; otherwise nothing happens.
macro_rules! int_operand {
    ($frame:ident, $instrs:ident, $ip:ident, $y:expr) => {
        if let (Value::Int(y), Some(&Instr::BinaryOp(op) | &Instr::InplaceOp(op))) =
            ($y, $instrs.get($ip))
        {
            if let Some(&Value::Int(x)) = $frame.stack.last() {
                if let Some(r) = int_fast_op(x, *y, op) {
                    std::mem::forget($frame.stack.pop());
                    $ip += 1;
                    int_result!($frame, $instrs, $ip, r);
                    continue;
                }
            }
        }
    };
}

/// Pushes global `$i` (through the code object's cache).
macro_rules! push_global {
    ($vm:ident, $frame:ident, $ip:ident, $i:expr) => {
        let v = match $vm.load_global_cached($frame, $i) {
            Some(v) => v,
            None => {
                $frame.ip = $ip;
                $vm.load_global_slow($frame, $i)?
            }
        };
        $frame.stack.push(v);
    };
}

/// Pushes constant `$i` of `$code`.
macro_rules! push_const {
    ($frame:ident, $code:ident, $i:expr) => {
        match &$code.consts[$i as usize] {
            Value::Int(n) => {
                let n = *n;
                $frame.stack.push(Value::Int(n));
            }
            v => {
                let v = v.clone();
                $frame.stack.push(v);
            }
        }
    };
}

/// One unit of the fuzzing instruction budget (`vm::budget`), at a loop back-edge or a
/// call; nothing at all in builds without the `instruction-budget` feature.
macro_rules! spend_budget {
    ($vm:expr, $frame:expr, $ip:expr) => {
        #[cfg(feature = "instruction-budget")]
        {
            $frame.ip = $ip;
            $vm.spend_budget()?;
        }
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
        #[cfg(feature = "instruction-budget")]
        self.spend_budget()?;
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
                gen.track();
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
        #[cfg(feature = "instruction-budget")]
        if let Err(e) = self.spend_budget() {
            self.recycle_frame(callee);
            return Err(e);
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
            Resume::AsyncGenSend { .. } => {
                if let Some(op) = frame.stack.last() {
                    crate::vm::asyncgen::end_send(op);
                }
                return Err(self.new_exception(&self.exc.stop_async_iteration.clone(), vec![]));
            }
        }
        Ok(())
    }

    fn dispatch(&mut self, frame: &mut Box<Frame>, base: usize) -> PyResult<Stop> {
        // The outer loop runs once per frame switch: it keeps the running frame's code in
        // a local so fetching an instruction is one indexed load. Every arm that switches
        // frames continues 'frames.
        //
        // `ip` lives in a register and is written back to `frame.ip` only where something
        // may look at it: before anything that can raise (the exception table and the
        // traceback read it), before a frame switch (it is the resume point) and before
        // an instruction runs in `exec_cold`.
        // Runs the current instruction in `exec_cold` (`frame.ip` must be current).
        macro_rules! cold {
            ($vm:ident, $frame:ident, $instr:ident, $ip:ident, $frames:lifetime) => {
                match $vm.exec_cold($frame, $instr)? {
                    Flow::Next => {
                        $ip = $frame.ip;
                        continue;
                    }
                    Flow::Switch => continue $frames,
                }
            };
        }
        'frames: loop {
            let code = frame.code.clone();
            let instrs: &[Instr] = &code.instrs;
            let mut ip = frame.ip;
            loop {
                let instr = instrs[ip];
                ip += 1;
                match instr {
                    Instr::LoadFast(i) => {
                        int_operand!(frame, instrs, ip, &frame.locals[i as usize]);
                        push_local!(self, frame, i, ip)
                    }
                    Instr::StoreFast(i) => {
                        let v = pop!(frame);
                        let old = std::mem::replace(&mut frame.locals[i as usize], v);
                        old.discard();
                    }
                    Instr::LoadConst(i) => {
                        int_operand!(frame, instrs, ip, &code.consts[i as usize]);
                        push_const!(frame, code, i)
                    }
                    Instr::Pop => {
                        let v = pop!(frame);
                        v.discard();
                        if super::warnings::pending() {
                            frame.ip = ip;
                            self.flush_warnings(frame);
                        }
                    }
                    Instr::BinaryOp(op) | Instr::InplaceOp(op) => {
                        let len = frame.stack.len();
                        if let (Value::Int(x), Value::Int(y)) =
                            (&frame.stack[len - 2], &frame.stack[len - 1])
                        {
                            if let Some(r) = int_fast_op(*x, *y, op) {
                                // Both operands are ints: nothing to drop.
                                std::mem::forget(frame.stack.pop());
                                std::mem::forget(frame.stack.pop());
                                int_result!(frame, instrs, ip, r);
                                continue;
                            }
                        }
                        // Floats, or a float and an int (converted as CPython does:
                        // exactly below 2**53, rounded to nearest-even above).
                        let floats = match (&frame.stack[len - 2], &frame.stack[len - 1]) {
                            (Value::Float(x), Value::Float(y)) => Some((x.get(), y.get())),
                            (Value::Float(x), Value::Int(y)) => Some((x.get(), *y as f64)),
                            (Value::Int(x), Value::Float(y)) => Some((*x as f64, y.get())),
                            _ => None,
                        };
                        if let Some((x, y)) = floats {
                            if let Some(r) = float_fast_op(x, y, op) {
                                std::mem::forget(std::mem::replace(
                                    &mut frame.stack[len - 2],
                                    Value::float(r),
                                ));
                                std::mem::forget(frame.stack.pop());
                                continue;
                            }
                        }
                        frame.ip = ip;
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
                            // UTF-8 byte order is code point order.
                            (Value::Str(x), Value::Str(y)) => Some(compare_ord(
                                op,
                                match Rc::ptr_eq(x, y) {
                                    true => std::cmp::Ordering::Equal,
                                    false => x.as_str().cmp(y.as_str()),
                                },
                            )),
                            _ => None,
                        };
                        if let Some(r) = fast {
                            pop!(frame).discard();
                            pop!(frame).discard();
                            // Fused with a following conditional jump: no bool is pushed.
                            match branch_after(instrs, ip, r) {
                                Some(to) => ip = to,
                                None => frame.stack.push(Value::bool(r)),
                            }
                            continue;
                        }
                        frame.ip = ip;
                        let b = pop!(frame);
                        let a = pop!(frame);
                        let r = self.rich_compare(&a, &b, op)?;
                        frame.stack.push(r);
                    }
                    Instr::PopJumpIfFalse(t) => {
                        let v = pop!(frame);
                        let truth = match v {
                            Value::Bool(b) => b.get(),
                            Value::Int(n) => n != 0,
                            Value::None => false,
                            _ => {
                                frame.ip = ip;
                                self.is_true(&v)?
                            }
                        };
                        if !truth {
                            ip = t as usize;
                        }
                    }
                    Instr::PopJumpIfTrue(t) => {
                        let v = pop!(frame);
                        let truth = match v {
                            Value::Bool(b) => b.get(),
                            Value::Int(n) => n != 0,
                            Value::None => false,
                            _ => {
                                frame.ip = ip;
                                self.is_true(&v)?
                            }
                        };
                        if truth {
                            ip = t as usize;
                        }
                    }
                    Instr::Jump(t) => {
                        if (t as usize) < ip {
                            spend_budget!(self, frame, ip);
                            if gc::safe_point_pending() {
                                frame.ip = ip;
                                self.safe_point();
                            }
                            if crate::vm::interrupt::pending() {
                                frame.ip = ip;
                                self.run_signal_handlers()?;
                            }
                        }
                        ip = t as usize;
                    }
                    Instr::LoadGlobal(i) => {
                        push_global!(self, frame, ip, i);
                    }
                    Instr::PushNull => frame.stack.push(Value::Null),
                    Instr::LoadGlobalNull(i) => {
                        push_global!(self, frame, ip, i);
                        frame.stack.push(Value::Null);
                        ip += 1;
                    }
                    Instr::LoadFastConst(a, c) => {
                        // `local op constant` on ints, e.g. `i + 1`: computed without
                        // touching the stack when a BINARY_OP follows the pair.
                        if let (Value::Int(x), Value::Int(y)) =
                            (&frame.locals[a as usize], &code.consts[c as usize])
                        {
                            match instrs.get(ip + 1) {
                                Some(&Instr::BinaryOp(op) | &Instr::InplaceOp(op)) => {
                                    if let Some(r) = int_fast_op(*x, *y, op) {
                                        ip += 2;
                                        int_result!(frame, instrs, ip, r);
                                        continue;
                                    }
                                }
                                // `if n < 2:`
                                Some(&Instr::CompareOp(op)) => {
                                    let r = compare_ord(op, x.cmp(y));
                                    if let Some(to) = branch_after(instrs, ip + 2, r) {
                                        ip = to;
                                        continue;
                                    }
                                }
                                _ => {}
                            }
                        }
                        push_local!(self, frame, a, ip);
                        push_const!(frame, code, c);
                        ip += 1;
                    }
                    Instr::LoadFastFast(a, b) => {
                        // `local < local` on ints deciding a jump, e.g. `while i < n`.
                        if let (Value::Int(x), Value::Int(y), Some(&Instr::CompareOp(op))) = (
                            &frame.locals[a as usize],
                            &frame.locals[b as usize],
                            instrs.get(ip + 1),
                        ) {
                            let r = compare_ord(op, x.cmp(y));
                            if let Some(to) = branch_after(instrs, ip + 2, r) {
                                ip = to;
                                continue;
                            }
                        }
                        push_local!(self, frame, a, ip);
                        push_local!(self, frame, b, ip + 1);
                        ip += 1;
                    }
                    // The fused attribute pairs: on a cache hit both halves are done;
                    // otherwise the local is pushed and the second half, still in
                    // place, runs as usual.
                    Instr::LoadFastAttr(a, i) => {
                        let hit = self.load_attr_hit(frame, &frame.locals[a as usize], i as u32);
                        match hit {
                            Some(v) => {
                                frame.stack.push(v);
                                ip += 1;
                            }
                            None => push_local!(self, frame, a, ip),
                        }
                    }
                    Instr::LoadFastMethod(a, i) => {
                        let hit =
                            self.load_method_cached(frame, &frame.locals[a as usize], i as u32);
                        match hit {
                            Some((m, bind)) => {
                                let obj = match bind {
                                    true => frame.locals[a as usize].clone(),
                                    false => Value::Null,
                                };
                                frame.stack.push(m);
                                frame.stack.push(obj);
                                ip += 1;
                            }
                            None => push_local!(self, frame, a, ip),
                        }
                    }
                    Instr::LoadFastStoreAttr(a, i) => {
                        let v = pop!(frame);
                        match self.store_attr_cached(frame, &frame.locals[a as usize], i as u32, v)
                        {
                            Ok(()) => ip += 1,
                            Err(v) => {
                                frame.stack.push(v);
                                push_local!(self, frame, a, ip);
                            }
                        }
                    }
                    Instr::LoadAttr(i) => {
                        let obj = pop!(frame);
                        let v = match self.load_attr_hit(frame, &obj, i) {
                            Some(v) => v,
                            None => {
                                frame.ip = ip;
                                if let Some(getter) = self.property_getter_cached(frame, &obj, i) {
                                    // A property's getter runs as the next frame; its
                                    // return value lands where the attribute would.
                                    let callee = self.frame_for_call(
                                        &getter,
                                        Args::positional(std::slice::from_ref(&obj)),
                                    )?;
                                    obj.discard();
                                    self.push_frame(frame, callee, Resume::Call)?;
                                    continue 'frames;
                                }
                                self.load_attr_slow(frame, &obj, i)?
                            }
                        };
                        obj.discard();
                        frame.stack.push(v);
                    }
                    Instr::StoreAttr(i) => {
                        let obj = pop!(frame);
                        let v = pop!(frame);
                        if let Err(v) = self.store_attr_cached(frame, &obj, i, v) {
                            frame.ip = ip;
                            self.store_attr_slow(frame, &obj, i, v)?;
                        }
                        obj.discard();
                    }
                    Instr::LoadMethod(i) => {
                        let obj = pop!(frame);
                        match self.load_method_cached(frame, &obj, i) {
                            Some((m, true)) => {
                                frame.stack.push(m);
                                frame.stack.push(obj);
                            }
                            Some((attr, false)) => {
                                frame.stack.push(attr);
                                frame.stack.push(Value::Null);
                                obj.discard();
                            }
                            None => {
                                frame.ip = ip;
                                let (a, b) = self.load_method_slow(frame, obj, i)?;
                                frame.stack.push(a);
                                frame.stack.push(b);
                            }
                        }
                    }
                    Instr::Call(n) => {
                        let n = n as usize;
                        let func_pos = frame.stack.len() - n - 2;
                        frame.ip = ip;
                        // Finalizers due run before the call: `del a; print(1)` shows
                        // `a.__del__`'s output first, as in CPython.
                        if gc::safe_point_pending() {
                            self.safe_point();
                        }
                        if crate::vm::interrupt::pending() {
                            self.run_signal_handlers()?;
                        }
                        spend_budget!(self, frame, ip);
                        match self.fast_call(frame, func_pos) {
                            Some(FastCall::Frame(callee)) => {
                                frame.resume = Resume::Call;
                                let caller = std::mem::replace(frame, callee);
                                self.frames.push(caller);
                                continue 'frames;
                            }
                            Some(FastCall::Awaited(callee, exit)) => {
                                // The caller now stands where its SEND would leave it while
                                // the coroutine runs: the coroutine's slot (filled in if it
                                // suspends) on the stack, resuming after the SEND.
                                frame.stack.push(Value::None);
                                frame.ip = ip + 3;
                                frame.resume = Resume::Send { exit };
                                let caller = std::mem::replace(frame, callee);
                                self.frames.push(caller);
                                continue 'frames;
                            }
                            Some(FastCall::Done) => continue,
                            None => {}
                        }
                        if let Some(done) = self.native_call(frame, func_pos) {
                            done?;
                            continue;
                        }
                        // A callable instance (`obj(...)`): its type's `__call__` takes the
                        // instance in the free self slot, and this CALL runs again down
                        // the fast paths above instead of binding a new argument list.
                        if let Value::Object(o) = &frame.stack[func_pos] {
                            if frame.stack[func_pos + 1].is_null() {
                                if let Some(call) = self.instance_call(o) {
                                    let obj = std::mem::replace(&mut frame.stack[func_pos], call);
                                    frame.stack[func_pos + 1] = obj;
                                    ip -= 1;
                                    continue;
                                }
                            }
                        }
                        if let Some(callee) = self.call_from_stack(frame, func_pos, n, None)? {
                            let resume = callee.1;
                            self.push_frame(frame, callee.0, resume)?;
                            continue 'frames;
                        }
                    }
                    Instr::ReturnValue => {
                        let v = pop!(frame);
                        frame.ip = ip;
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
                    Instr::IsOp(invert) => {
                        let b = pop!(frame);
                        let a = pop!(frame);
                        let r = a.is(&b) != invert;
                        a.discard();
                        b.discard();
                        // Fused with a following conditional jump (`if x is not None:`).
                        match branch_after(instrs, ip, r) {
                            Some(to) => ip = to,
                            None => frame.stack.push(Value::bool(r)),
                        }
                    }
                    Instr::ForIter(exit) => {
                        match fast_paths::for_iter_next(&frame.stack) {
                            Some(Next::One(v)) => {
                                // `for x in ...:` stores straight into the local.
                                if let Some(&Instr::StoreFast(j)) = instrs.get(ip) {
                                    let old = std::mem::replace(&mut frame.locals[j as usize], v);
                                    old.discard();
                                    ip += 1;
                                } else {
                                    frame.stack.push(v);
                                }
                                continue;
                            }
                            Some(Next::Pair(a, b)) => {
                                // `for k, v in ...:` unpacks without making the tuple.
                                if let (
                                    Some(Instr::UnpackSequence(2)),
                                    Some(&Instr::StoreFast(x)),
                                    Some(&Instr::StoreFast(y)),
                                ) = (instrs.get(ip), instrs.get(ip + 1), instrs.get(ip + 2))
                                {
                                    let old = std::mem::replace(&mut frame.locals[x as usize], a);
                                    old.discard();
                                    let old = std::mem::replace(&mut frame.locals[y as usize], b);
                                    old.discard();
                                    ip += 3;
                                } else {
                                    frame.stack.push(Value::tuple(vec![a, b]));
                                }
                                continue;
                            }
                            Some(Next::Done) => {
                                let it = frame.stack.pop();
                                drop(it);
                                ip = exit as usize;
                                continue;
                            }
                            None => {}
                        }
                        frame.ip = ip;
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
                            }
                        }
                    }
                    Instr::Send(exit) => {
                        // Delegating to a generator or coroutine (`yield from`, `await`):
                        // resume its frame on top of this one. Other awaitables go cold.
                        let len = frame.stack.len();
                        let sub = match &frame.stack[len - 2] {
                            Value::Generator(g) if g.kind != GenKind::AsyncGenerator => {
                                Some(g.clone())
                            }
                            Value::Object(o)
                                if Rc::ptr_eq(&o.class, &self.types.async_gen_asend) =>
                            {
                                let o = o.clone();
                                frame.ip = ip;
                                let value = pop!(frame);
                                match crate::vm::asyncgen::begin_send(self, &o, value) {
                                    Ok(Ok(callee)) => {
                                        let resume = Resume::AsyncGenSend { exit };
                                        self.push_frame(frame, callee, resume)?;
                                        continue 'frames;
                                    }
                                    Ok(Err(e)) => return Err(e),
                                    Err(value) => {
                                        frame.stack.push(value);
                                        None
                                    }
                                }
                            }
                            _ => None,
                        };
                        frame.ip = ip;
                        let Some(g) = sub else {
                            cold!(self, frame, instr, ip, 'frames)
                        };
                        let value = pop!(frame);
                        match self.start_resume(&g, value)? {
                            Resumed::Frame(callee) => {
                                self.push_frame(frame, callee, Resume::Send { exit })?;
                                let mut frames = std::mem::take(&mut self.frames);
                                self.descend_delegation(frame, &mut frames, 0);
                                self.frames = frames;
                                continue 'frames;
                            }
                            Resumed::Done(v) => {
                                frame.stack.pop();
                                frame.stack.push(v);
                                ip = exit as usize;
                            }
                        }
                    }
                    Instr::YieldValue => {
                        let v = pop!(frame);
                        frame.ip = ip;
                        // A yield passes up through every frame parked in an await or
                        // yield-from loop above it: each would only execute its own
                        // YIELD_VALUE next, so they are all suspended in this one step.
                        loop {
                            let (gen, awaited) = match frame.generator.take() {
                                Some(gen) => (gen, false),
                                None if frame.code.is_coroutine() && self.frames.len() > base => {
                                    (Generator::new_running(&frame.code), true)
                                }
                                None => {
                                    return Err(
                                        self.runtime_error("yield outside a generator frame")
                                    )
                                }
                            };
                            if self.frames.len() == base {
                                let v = match self.collectors.is_empty()
                                    || gen.kind != GenKind::Generator
                                {
                                    true => v,
                                    false => match self.collect_yield(&gen, base, v) {
                                        Some(v) => v,
                                        None => {
                                            // Collected: the frame goes on as if resumed.
                                            frame.generator = Some(gen);
                                            frame.stack.push(Value::None);
                                            continue 'frames;
                                        }
                                    },
                                };
                                gen.state.set(GenState::Suspended);
                                return Ok(Stop::Yield(v, gen));
                            }
                            gen.state.set(GenState::Suspended);
                            let value_yield = gen.kind == GenKind::AsyncGenerator
                                && crate::vm::asyncgen::is_value_yield(&frame.code, frame.ip);
                            let caller = self.frames.pop().expect("caller frame");
                            let suspended = std::mem::replace(frame, caller);
                            gen.track();
                            *gen.frame.borrow_mut() = Some(suspended);
                            if let (true, Resume::AsyncGenSend { exit }) =
                                (value_yield, frame.resume)
                            {
                                // The generator produced a value: the awaiting SEND is done.
                                if let Some(op) = frame.stack.pop() {
                                    crate::vm::asyncgen::end_send(&op);
                                }
                                frame.stack.push(v);
                                frame.ip = exit as usize;
                                continue 'frames;
                            }
                            if awaited {
                                // The caller awaits this coroutine from now on, as if it
                                // had been made by the call.
                                if let Some(slot) = frame.stack.last_mut() {
                                    *slot = Value::Generator(gen);
                                }
                            }
                            let passes_on = matches!(
                                frame.resume,
                                Resume::Send { .. } | Resume::AsyncGenSend { .. }
                            ) && matches!(
                                frame.code.instrs.get(frame.ip),
                                Some(Instr::YieldValue)
                            );
                            if passes_on {
                                frame.ip += 1;
                                continue;
                            }
                            frame.stack.push(v);
                            continue 'frames;
                        }
                    }
                    Instr::BinarySubscr => {
                        if !fast_paths::binary_subscr(&mut frame.stack) {
                            frame.ip = ip;
                            cold!(self, frame, instr, ip, 'frames)
                        }
                    }
                    Instr::StoreSubscr => {
                        if !fast_paths::store_subscr(&mut frame.stack) {
                            frame.ip = ip;
                            cold!(self, frame, instr, ip, 'frames)
                        }
                    }
                    Instr::UnpackSequence(n) => {
                        let n = n as usize;
                        if fast_paths::unpack_into_locals(frame, &instrs[ip..], n) {
                            ip += n;
                            continue;
                        }
                        if !fast_paths::unpack_sequence(&mut frame.stack, n) {
                            frame.ip = ip;
                            cold!(self, frame, instr, ip, 'frames)
                        }
                    }
                    Instr::BuildTuple(n) => fast_paths::build_tuple(&mut frame.stack, n as usize),
                    Instr::BuildSlice(n) => {
                        let fused = n == 2
                            && match instrs.get(ip) {
                                Some(Instr::BinarySubscr) => {
                                    fast_paths::slice_subscr(self, &mut frame.stack)
                                }
                                Some(Instr::DeleteSubscr) => {
                                    fast_paths::slice_delete(self, &mut frame.stack)
                                }
                                _ => false,
                            };
                        if fused {
                            ip += 1;
                            continue;
                        }
                        frame.ip = ip;
                        cold!(self, frame, instr, ip, 'frames)
                    }
                    Instr::LoadDeref(i) => {
                        let v = frame.cells[i as usize].value.borrow().clone();
                        if v.is_null() {
                            frame.ip = ip;
                            cold!(self, frame, instr, ip, 'frames)
                        }
                        frame.stack.push(v);
                    }
                    _ => {
                        frame.ip = ip;
                        cold!(self, frame, instr, ip, 'frames)
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
        let escaped = self.escaped.take().is_some_and(|e| Rc::ptr_eq(&e, &exc));
        if fresh && !escaped {
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
            } else if frame.code.is_coroutine() {
                // An awaited call running without a coroutine object (FastCall::Awaited).
                exc = self.generator_exception_exit(GenKind::Coroutine, exc);
            }
            if self.frames.len() == base {
                self.escaped = Some(exc.clone());
                return Err(exc);
            }
            let caller = self.frames.pop().expect("caller frame");
            let done = std::mem::replace(frame, caller);
            self.recycle_frame(done);
            if let (Resume::AsyncGenSend { .. }, Some(op)) = (frame.resume, frame.stack.last()) {
                crate::vm::asyncgen::end_send(op);
            }
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
        let Value::Object(h) = self.handled_exception(Some(frame)) else {
            return;
        };
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

    pub(super) fn unbound_local(&self, frame: &Frame, i: u32) -> ExcRef {
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

    pub(super) fn unbound_deref(&self, frame: &Frame, i: u32) -> ExcRef {
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

    /// `LOAD_GLOBAL` through the code object's cache; None on a miss.
    #[inline]
    fn load_global_cached(&self, frame: &Frame, i: u32) -> Option<Value> {
        use crate::object::code::GlobalSlot;
        let name = &frame.code.names[i as usize];
        match frame.code.caches.global[i as usize].get() {
            GlobalSlot::Global(pos) => frame
                .globals
                .table
                .borrow()
                .value_if_key_at(pos as usize, name)
                .cloned(),
            GlobalSlot::Builtin {
                globals_version,
                pos,
            } => {
                if frame.globals.table.borrow().version() != globals_version {
                    return None;
                }
                self.builtins
                    .table
                    .borrow()
                    .value_if_key_at(pos as usize, name)
                    .cloned()
            }
            GlobalSlot::Unknown => None,
        }
    }

    fn load_global(&mut self, frame: &Frame, i: u32) -> PyResult {
        match self.load_global_cached(frame, i) {
            Some(v) => Ok(v),
            None => self.load_global_slow(frame, i),
        }
    }

    /// A `LOAD_GLOBAL` cache miss: the full lookup, remembering where the name was found.
    #[inline(never)]
    pub(super) fn load_global_slow(&mut self, frame: &Frame, i: u32) -> PyResult {
        use crate::object::code::GlobalSlot;
        let name = &frame.code.names[i as usize];
        let slot = &frame.code.caches.global[i as usize];
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
        Err(self.name_error_in(name.as_str(), &frame.globals))
    }

    pub(super) fn load_name(&mut self, frame: &Frame, i: u32) -> PyResult {
        let name = frame.code.names[i as usize].clone();
        if let Some(mapping) = &frame.mapping {
            match self.get_item(mapping, &Value::Str(name.clone())) {
                Ok(v) => return Ok(v),
                Err(e) if e.class.is_subclass(&self.exc.key_error) => {}
                Err(e) => return Err(e),
            }
            return self.load_global(frame, i);
        }
        if let Some(ns) = &frame.namespace {
            if let Some(v) = self.dict_get_item(ns, &Value::Str(name.clone()))? {
                return Ok(v);
            }
        }
        self.load_global(frame, i)
    }

    pub(super) fn load_class_deref(&mut self, frame: &Frame, i: u32) -> PyResult {
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

    pub(super) fn do_raise(&mut self, frame: &mut Frame, n: u32) -> PyResult<ExcRef> {
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

    pub(super) fn make_function(&mut self, frame: &mut Frame, flags: u32) -> PyResult {
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
        let annotations = if flags & f::MAKE_ANNOTATIONS != 0 {
            Some(pop!(frame))
        } else {
            None
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
        let function = crate::object::Function::new(
            code,
            frame.globals.clone(),
            qualname,
            defaults,
            kwdefaults,
            closure,
            module,
        );
        if let Some(Value::Tuple(pairs)) = annotations {
            // `(name, value, ...)` becomes the function's `__annotations__` dict.
            let dict = crate::object::DictObj::new(crate::object::Dict::new());
            for pair in pairs.items.chunks(2) {
                if let [name, value] = pair {
                    self.dict_set_item(&dict, name.clone(), value.clone())?;
                }
            }
            let key = self.intern("__annotations__");
            function.dict.borrow_mut().set_str(key, Value::Dict(dict));
        }
        Ok(Value::Function(function))
    }

    pub(super) fn print_expr(&mut self, v: Value) -> PyResult<()> {
        if v.is_none() {
            return Ok(());
        }
        // `sys.displayhook`: `_` is None while the repr runs, so a failing repr leaves
        // no stale value behind.
        let key = self.intern("_");
        self.builtins
            .table
            .borrow_mut()
            .set_str(key.clone(), Value::None);
        let r = self.repr(&v)?;
        self.write_stdout(format!("{r}\n").as_bytes())?;
        self.builtins.table.borrow_mut().set_str(key, v);
        Ok(())
    }
}

/// Where a conditional jump at `at` goes with `r` as its condition; None when the
/// instruction there is not a conditional jump (the caller then pushes the bool).
#[inline(always)]
fn branch_after(instrs: &[Instr], at: usize, r: bool) -> Option<usize> {
    match instrs.get(at) {
        Some(&Instr::PopJumpIfFalse(t)) => Some(if r { at + 1 } else { t as usize }),
        Some(&Instr::PopJumpIfTrue(t)) => Some(if r { t as usize } else { at + 1 }),
        _ => None,
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
