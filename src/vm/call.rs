//! Calling: from the run loop (pushing a frame, no Rust recursion) and from native code
//! (a nested run loop), plus binding arguments to parameters with CPython's messages.

use super::{PyResult, Vm};
use crate::bytecode::Instr;
use crate::object::frame::{Frame, Resume};
use crate::object::function::Args;
use crate::object::{Dict, DictObj, Function, GenKind, Generator, Payload, PyStr, Tuple, Value};
use std::rc::Rc;

/// The outcome of `Vm::fast_call`.
pub(crate) enum FastCall {
    /// A frame to run.
    Frame(Box<Frame>),
    /// `await f(...)` of a coroutine function: its frame runs like a plain call and
    /// returns into the caller's `SEND` (whose exit is given); a coroutine object is made
    /// only if the frame suspends (`YIELD_VALUE`, `Generator::new_running`). Most awaited calls never
    /// suspend, and then cost no more than a function call.
    Awaited(Box<Frame>, u32),
    /// The result is on the caller's stack (a new generator or coroutine).
    Done,
}

/// When the call about to run is `await f(...)` — the caller's next instructions are
/// `GET_AWAITABLE`, `LOAD_CONST None`, `SEND` — the exit of that `SEND`. Only for
/// functions still carrying their code's names, which a coroutine made later from the
/// frame alone takes for its own.
fn awaited_send_exit(frame: &Frame, f: &Function) -> Option<u32> {
    let instrs = &frame.code.instrs;
    let ip = frame.ip;
    let Some(&[Instr::GetAwaitable(_), Instr::LoadConst(c), Instr::Send(exit)]) =
        instrs.get(ip..ip + 3)
    else {
        return None;
    };
    let named_as_code = |a: &Rc<PyStr>, b: &Rc<PyStr>| Rc::ptr_eq(a, b) || a.as_str() == b.as_str();
    let same_names = named_as_code(&f.name.borrow(), &f.code.name)
        && named_as_code(&f.qualname.borrow(), &f.code.qualname);
    (frame.code.consts[c as usize].is_none() && same_names).then_some(exit)
}

/// Whether the value of the call now running goes straight into an `await`.
fn next_is_await(frame: &Frame) -> bool {
    matches!(
        frame.code.instrs.get(frame.ip),
        Some(Instr::GetAwaitable(_))
    )
}

/// Whether a keyword matches a parameter name. Both are usually the interner's one copy
/// of the name: the addresses decide a match, the first bytes most mismatches.
#[inline]
fn same_name(param: &str, keyword: &str) -> bool {
    param.len() == keyword.len()
        && (param.as_ptr() == keyword.as_ptr()
            || (param.as_bytes().first() == keyword.as_bytes().first() && param == keyword))
}

/// A function's `__qualname__` for a binding error message, read only when one is made.
struct QualName<'a>(&'a Function);

impl std::fmt::Display for QualName<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.qualname.borrow().as_str())
    }
}

/// What calling something amounts to.
pub(crate) enum Prepared {
    /// Finished (native function, built-in type...).
    Done(Value),
    /// A Python frame to run; the caller receives its return value.
    Frame(Box<Frame>),
    /// `__init__` to run on a new instance; the call's value is the instance.
    Init(Value, Box<Frame>),
}

impl Vm {
    /// `Call` from the run loop. Stack: `[callable, self_or_null, args...]` starting at
    /// `func_pos`, with `n` args (the last `kwnames.len()` of them keyword values).
    /// Returns a frame to push, or None when the result is already on the stack.
    pub(crate) fn call_from_stack(
        &mut self,
        frame: &mut Frame,
        func_pos: usize,
        _n: usize,
        kwnames: Option<&Rc<Tuple>>,
    ) -> PyResult<Option<(Box<Frame>, Resume)>> {
        if crate::object::gc::safe_point_pending() {
            self.safe_point();
        }
        // A bound method called without self: unpack it in place.
        if let Value::BoundMethod(m) = &frame.stack[func_pos] {
            if frame.stack[func_pos + 1].is_null() {
                let (f, s) = (m.function.clone(), m.self_value.clone());
                frame.stack[func_pos] = f;
                frame.stack[func_pos + 1] = s;
            }
        }
        let has_self = !frame.stack[func_pos + 1].is_null();
        let args_start = if has_self { func_pos + 1 } else { func_pos + 2 };
        let kw: &[Value] = kwnames.map_or(&[], |t| &t.items);
        let callable = frame.stack[func_pos].clone();
        let records_site = matches!(&callable, Value::NativeFunction(nf) if nf.records_site);
        if matches!(&callable, Value::NativeFunction(nf) if nf.wants_await_hint) {
            self.call_is_awaited = next_is_await(frame);
        }
        if records_site {
            self.call_site = Some((frame.code.clone(), frame.line()));
        }
        if let Value::NativeFunction(nf) = &callable {
            if nf.sees_caller && kw.is_empty() {
                let nargs = frame.stack.len() - args_start;
                if nargs == 0 {
                    if let Some(v) = self.frame_introspection(frame, nf.owner, nf.name)? {
                        frame.stack.truncate(func_pos);
                        frame.stack.push(v);
                        return Ok(None);
                    }
                } else if nargs == 1 && nf.name == "_getframe" && nf.owner == "sys" {
                    let depth = match &frame.stack[args_start] {
                        Value::Int(n) if *n >= 0 => *n as usize,
                        Value::Int(_) => 0,
                        other => {
                            return Err(self.type_error(format!(
                                "'{}' object cannot be interpreted as an integer",
                                self.type_name(other)
                            )))
                        }
                    };
                    let v = self.frame_object(frame, depth)?;
                    frame.stack.truncate(func_pos);
                    frame.stack.push(v);
                    return Ok(None);
                } else if nargs == 1 && matches!(nf.name, "exec" | "eval") {
                    // `exec(source)` and `eval(source)` run in the caller's namespaces:
                    // passed on as the globals and locals arguments.
                    let locals = self.frame_locals(frame)?;
                    frame.stack.push(Value::Dict(frame.globals.clone()));
                    frame.stack.push(locals);
                }
            }
        }
        let prepared = if frame.handled.is_none() {
            self.prepare_call(
                &callable,
                Args {
                    values: &frame.stack[args_start..],
                    kwnames: kw,
                },
            )
        } else {
            // In an except block: a native callee that calls back into Python must
            // still see the exception being handled.
            let frame: &Frame = frame;
            self.with_handled_visible(frame, |vm| {
                vm.prepare_call(
                    &callable,
                    Args {
                        values: &frame.stack[args_start..],
                        kwnames: kw,
                    },
                )
            })
        };
        if records_site {
            self.call_site = None;
        }
        let prepared = prepared?;
        frame.stack.truncate(func_pos);
        Ok(match prepared {
            Prepared::Done(v) => {
                if self.coroutine_origin_depth > 0 {
                    self.track_origin(&v, frame);
                }
                frame.stack.push(v);
                None
            }
            Prepared::Frame(f) => Some((f, Resume::Call)),
            Prepared::Init(inst, f) => {
                frame.stack.push(inst);
                Some((f, Resume::CallInit))
            }
        })
    }

    /// The `__call__` of a callable instance's type, when it is a plain Python function
    /// or a native method (called with the instance first); None for anything else,
    /// which the general path handles (a staticmethod object calls what it wraps).
    #[inline]
    pub(crate) fn instance_call(&self, o: &crate::object::Object) -> Option<Value> {
        if matches!(o.payload, Payload::StaticMethod(_)) {
            return None;
        }
        match o.class.lookup_str(&self.names.call)? {
            f @ Value::Function(_) => Some(f),
            Value::NativeFunction(nf) if nf.is_method => Some(Value::NativeFunction(nf)),
            _ => None,
        }
    }

    /// A built-in function or method called with positional arguments only: the
    /// arguments are passed straight from the caller's stack, as CPython's
    /// `CALL_BUILTIN_FAST` does. Natives that look at the calling frame and calls from
    /// an `except` block (the native must see the handled exception) take the general
    /// path: None.
    #[inline]
    pub(crate) fn native_call(
        &mut self,
        frame: &mut Frame,
        func_pos: usize,
    ) -> Option<PyResult<()>> {
        // A built-in method bound earlier (`pop = items.pop; pop(0)`): unpacked in place.
        if let Value::BoundMethod(m) = &frame.stack[func_pos] {
            if !matches!(m.function, Value::NativeFunction(_))
                || !frame.stack[func_pos + 1].is_null()
            {
                return None;
            }
            let (f, s) = (m.function.clone(), m.self_value.clone());
            frame.stack[func_pos] = f;
            frame.stack[func_pos + 1] = s;
        }
        let Value::NativeFunction(nf) = &frame.stack[func_pos] else {
            return None;
        };
        let has_self = !frame.stack[func_pos + 1].is_null();
        let args_start = func_pos + 2 - has_self as usize;
        if nf.wants_await_hint {
            self.call_is_awaited = next_is_await(frame);
        }
        if nf.sees_caller || !frame.handled.is_none() {
            return None;
        }
        let args = Args::positional(&frame.stack[args_start..]);
        let result = match self.call_native_on_subclass(nf, &args) {
            Ok(Some(v)) => Ok(v),
            Ok(None) => (nf.func)(self, args),
            Err(e) => Err(e),
        };
        frame.stack.truncate(func_pos);
        Some(result.map(|v| frame.stack.push(v)))
    }

    /// The common case of a call, without any binding logic: a plain function called
    /// with its positional parameters, the last ones perhaps left to their defaults
    /// (see `Code::fast_argc`). The
    /// arguments move from the caller's stack into a (pooled) frame. A generator or
    /// coroutine function's frame goes into its new generator object, which replaces the
    /// call on the stack. None sends the call down the general path.
    #[inline]
    pub(crate) fn fast_call(&mut self, frame: &mut Frame, func_pos: usize) -> Option<FastCall> {
        let Value::Function(f) = &frame.stack[func_pos] else {
            return None;
        };
        let has_self = !frame.stack[func_pos + 1].is_null();
        let args_start = func_pos + 2 - has_self as usize;
        let nargs = frame.stack.len() - args_start;
        let code = &f.code;
        // Fewer arguments than parameters: the defaults fill the rest (`def m(self, x,
        // scale=1.0)` called as `v.m(x)`), still without binding logic.
        let ndefaults = match code.fast_argc as usize {
            argc if argc == nargs => 0,
            argc if argc == code.argcount as usize && nargs < argc => {
                let n = argc - nargs;
                if f.defaults.borrow().len() < n {
                    return None;
                }
                n
            }
            _ => return None,
        };
        if self.frames.len() + 1 >= self.limits.recursion {
            return None;
        }
        let awaited = if code.is_coroutine() {
            awaited_send_exit(frame, f)
        } else {
            None
        };
        let generator_fn = (code.is_resumable() && awaited.is_none()).then(|| f.clone());
        let mut callee = match self.frame_pool.pop() {
            // Pooled frames come back with empty vectors (see `recycle_frame`).
            Some(mut pooled) => {
                if pooled.stack.capacity() < code.stacksize as usize {
                    pooled.stack.reserve(code.stacksize as usize);
                }
                // `resize_with` writes the variant directly; `resize` clones through
                // `Value::clone` per slot, which showed up in call-heavy profiles.
                pooled
                    .locals
                    .resize_with(code.varnames.len(), || Value::Null);
                // A pooled frame keeps its last code and globals: a recursive or
                // repeated call finds them already in place (no reference-count traffic).
                if !Rc::ptr_eq(&pooled.code, code) {
                    pooled.code = code.clone();
                }
                if !Rc::ptr_eq(&pooled.globals, &f.globals) {
                    pooled.globals = f.globals.clone();
                }
                pooled.ip = 0;
                pooled.resume = Resume::Call;
                pooled
            }
            None => Box::new(Frame::new(code.clone(), f.globals.clone(), None)),
        };
        if ndefaults > 0 {
            let defaults = f.defaults.borrow();
            let given = &defaults[defaults.len() - ndefaults..];
            callee.locals[nargs..nargs + ndefaults].clone_from_slice(given);
        }
        for slot in callee.locals[..nargs].iter_mut().rev() {
            *slot = frame.stack.pop().unwrap_or_default();
        }
        if let Some(f) = generator_fn {
            let g = self.make_generator(&f, callee);
            if self.coroutine_origin_depth > 0 {
                self.track_origin(&g, frame);
            }
            frame.stack.truncate(func_pos);
            frame.stack.push(g);
            return Some(FastCall::Done);
        }
        frame.stack.truncate(func_pos);
        if let Some(exit) = awaited {
            return Some(FastCall::Awaited(callee, exit));
        }
        Some(FastCall::Frame(callee))
    }

    /// `globals()`, `locals()`, `vars()`, `dir()` without arguments and `sys.exc_info()`
    /// look at the calling frame, which only the call site has.
    fn frame_introspection(
        &mut self,
        frame: &Frame,
        owner: &str,
        name: &str,
    ) -> PyResult<Option<Value>> {
        if owner == "sys" {
            return match name {
                "exc_info" => self.exc_info(Some(frame)).map(Some),
                "_getframe" => self.frame_object(frame, 0).map(Some),
                _ => Ok(None),
            };
        }
        Ok(Some(match name {
            "globals" => Value::Dict(frame.globals.clone()),
            "locals" | "vars" => self.frame_locals(frame)?,
            "dir" => {
                let locals = self.frame_locals(frame)?;
                let mut keys = self.collect_iterable(&locals)?;
                self.sort_with(&mut keys, &Value::None, false)?;
                Value::list(keys)
            }
            _ => return Ok(None),
        }))
    }

    /// `sys.exc_info()` seen from `frame` (the running frame, which only a call site
    /// has; None from native code): the exception it handles, else the nearest one its
    /// callers handle.
    pub(crate) fn exc_info(&mut self, frame: Option<&Frame>) -> PyResult {
        let handled = self.handled_exception(frame);
        if handled.is_none() {
            return Ok(Value::tuple(vec![Value::None, Value::None, Value::None]));
        }
        let class = Value::Class(self.class_of(&handled));
        let name = self.intern("__traceback__");
        let tb = self.get_attr(&handled, &name)?;
        Ok(Value::tuple(vec![class, handled, tb]))
    }

    /// The exception being handled as seen from `frame` (None from native code): its
    /// own, else the nearest one a caller handles — callers in `frames` and those
    /// waiting in native code ([`Vm::native_callers`]), innermost first.
    pub(crate) fn handled_exception(&self, frame: Option<&Frame>) -> Value {
        if let Some(f) = frame {
            if !f.handled.is_none() {
                return f.handled.clone();
            }
        }
        let mut waiting = self.native_callers.iter().rev().peekable();
        for (i, f) in self.frames.iter().enumerate().rev() {
            // A frame that began a native call when `frames` was deeper than `i` sits
            // above frame `i`.
            while let Some((_, h)) = waiting.next_if(|(depth, _)| *depth > i) {
                if !h.is_none() {
                    return h.clone();
                }
            }
            if !f.handled.is_none() {
                return f.handled.clone();
            }
        }
        waiting
            .map(|(_, h)| h)
            .find(|h| !h.is_none())
            .cloned()
            .unwrap_or(Value::None)
    }

    /// Runs `call` (a native call that may run Python code) with `frame`'s handled
    /// exception visible to it, as CPython's exception state is.
    pub(crate) fn with_handled_visible<T>(
        &mut self,
        frame: &Frame,
        call: impl FnOnce(&mut Vm) -> PyResult<T>,
    ) -> PyResult<T> {
        if frame.handled.is_none() {
            return call(self);
        }
        self.native_callers
            .push((self.frames.len(), frame.handled.clone()));
        let r = call(self);
        self.native_callers.pop();
        r
    }

    /// The local namespace of a frame as a dict (a snapshot for function frames).
    pub(crate) fn frame_locals(&mut self, frame: &Frame) -> PyResult {
        if let Some(ns) = &frame.namespace {
            return Ok(Value::Dict(ns.clone()));
        }
        if frame.code.flags & crate::bytecode::flags::GENERATOR == 0
            && frame.code.qualname.as_str() == "<module>"
        {
            return Ok(Value::Dict(frame.globals.clone()));
        }
        let d = crate::object::DictObj::new(crate::object::Dict::new());
        for (name, v) in frame.code.varnames.iter().zip(frame.locals.iter()) {
            if !v.is_null()
                && !frame
                    .code
                    .cellvars
                    .iter()
                    .any(|c| c.as_str() == name.as_str())
            {
                self.dict_set_item(&d, Value::Str(name.clone()), v.clone())?;
            }
        }
        let cell_names = frame.code.cellvars.iter().chain(frame.code.freevars.iter());
        for (name, cell) in cell_names.zip(frame.cells.iter()) {
            let v = cell.value.borrow().clone();
            if !v.is_null() {
                self.dict_set_item(&d, Value::Str(name.clone()), v)?;
            }
        }
        Ok(Value::Dict(d))
    }

    /// `CallEx`: `f(*args, **kwargs)`.
    pub(crate) fn call_ex(
        &mut self,
        frame: &mut Frame,
        func: Value,
        self_or_null: Value,
        args: Value,
        kwargs: Option<Value>,
    ) -> PyResult<Option<(Box<Frame>, Resume)>> {
        let mut values: Vec<Value> = Vec::new();
        if !self_or_null.is_null() {
            values.push(self_or_null);
        }
        match &args {
            Value::Tuple(t) => values.extend(t.items.iter().cloned()),
            other => values.extend(self.collect_iterable(other)?),
        }
        let mut kwnames = Vec::new();
        if let Some(Value::Dict(d)) = &kwargs {
            for (k, v) in d.table.borrow().iter() {
                if !matches!(k, Value::Str(_)) {
                    return Err(self.type_error("keywords must be strings"));
                }
                kwnames.push(k.clone());
                values.push(v.clone());
            }
        }
        let prepared = self.prepare_call(
            &func,
            Args {
                values: &values,
                kwnames: &kwnames,
            },
        )?;
        Ok(match prepared {
            Prepared::Done(v) => {
                if self.coroutine_origin_depth > 0 {
                    self.track_origin(&v, frame);
                }
                frame.stack.push(v);
                None
            }
            Prepared::Frame(f) => Some((f, Resume::Call)),
            Prepared::Init(inst, f) => {
                frame.stack.push(inst);
                Some((f, Resume::CallInit))
            }
        })
    }

    /// Calls `callable` with `positional` arguments and `keywords` (name, value) pairs
    /// from native code.
    pub fn call_with_keywords(
        &mut self,
        callable: &Value,
        mut positional: Vec<Value>,
        keywords: &[(Value, Value)],
    ) -> PyResult {
        positional.extend(keywords.iter().map(|(_, v)| v.clone()));
        let names: Vec<Value> = keywords.iter().map(|(k, _)| k.clone()).collect();
        self.call_args(
            callable,
            Args {
                values: &positional,
                kwnames: &names,
            },
        )
    }

    /// Calls `callable` with `first` before the arguments of a call being forwarded (the
    /// class to `__new__`, the instance to `__init__`).
    pub fn call_prepending(&mut self, callable: &Value, first: Value, args: Args) -> PyResult {
        let mut values = Vec::with_capacity(args.values.len() + 1);
        values.push(first);
        values.extend_from_slice(args.values);
        self.call_args(
            callable,
            Args {
                values: &values,
                kwnames: args.kwnames,
            },
        )
    }

    /// Calls `callable` with positional arguments from native code.
    pub fn call(&mut self, callable: &Value, args: &[Value]) -> PyResult {
        self.call_args(callable, Args::positional(args))
    }

    /// Calls `callable` from native code; Python frames run in a nested run loop.
    pub fn call_args(&mut self, callable: &Value, args: Args) -> PyResult {
        // A property getter or dunder method is a call as much as `f()` is: finalizers
        // due run first (see `finalizers.rs`).
        if crate::object::gc::safe_point_pending() {
            self.safe_point();
        }
        let prepared = self.prepare_call(callable, args)?;
        self.run_prepared(prepared)
    }

    /// Finishes a prepared call from native code: a frame runs in a nested run loop.
    pub(crate) fn run_prepared(&mut self, prepared: Prepared) -> PyResult {
        match prepared {
            Prepared::Done(v) => Ok(v),
            Prepared::Frame(f) => self.run_frame(f),
            Prepared::Init(inst, f) => {
                let r = self.run_frame(f)?;
                if !r.is_none() {
                    return Err(self.type_error(format!(
                        "__init__() should return None, not '{}'",
                        self.type_name(&r)
                    )));
                }
                Ok(inst)
            }
        }
    }

    /// Calls `obj.name(*args)` from native code.
    pub fn call_method(&mut self, obj: &Value, name: &str, args: &[Value]) -> PyResult {
        let name = self.intern(name);
        let (f, s) = self.load_method(obj.clone(), &name)?;
        if s.is_null() {
            self.call(&f, args)
        } else {
            let mut v = Vec::with_capacity(args.len() + 1);
            v.push(s);
            v.extend_from_slice(args);
            self.call(&f, &v)
        }
    }

    pub(crate) fn prepare_call(&mut self, callable: &Value, args: Args) -> PyResult<Prepared> {
        match callable {
            Value::Function(f) => {
                let frame = self.frame_for_call(f, args)?;
                if f.code.is_resumable() {
                    Ok(Prepared::Done(self.make_generator(f, frame)))
                } else {
                    Ok(Prepared::Frame(frame))
                }
            }
            Value::NativeFunction(nf) => {
                if let Some(done) = self.call_native_on_subclass(nf, &args)? {
                    return Ok(Prepared::Done(done));
                }
                Ok(Prepared::Done((nf.func)(self, args)?))
            }
            Value::BoundMethod(m) => {
                let mut values = Vec::with_capacity(args.values.len() + 1);
                values.push(m.self_value.clone());
                values.extend_from_slice(args.values);
                let function = m.function.clone();
                self.prepare_call(
                    &function,
                    Args {
                        values: &values,
                        kwnames: args.kwnames,
                    },
                )
            }
            Value::Class(c) => self.prepare_instantiate(c, args),
            Value::Object(o) => match &o.payload {
                Payload::StaticMethod(f) => {
                    let f = f.clone();
                    self.prepare_call(&f, args)
                }
                _ => {
                    let Some(call) = o.class.lookup_str(&self.names.call.clone()) else {
                        return Err(self.not_callable(callable));
                    };
                    // `__call__` binds as any method found on the type does: a
                    // staticmethod's function takes the arguments alone, a
                    // classmethod's the class first.
                    let first = match &call {
                        Value::Object(d) => match &d.payload {
                            Payload::StaticMethod(f) => {
                                let f = f.clone();
                                return self.prepare_call(&f, args);
                            }
                            Payload::ClassMethod(f) => {
                                Some((f.clone(), Value::Class(o.class.clone())))
                            }
                            _ => None,
                        },
                        _ => None,
                    };
                    let (call, first) = first.unwrap_or((call, callable.clone()));
                    let mut values = Vec::with_capacity(args.values.len() + 1);
                    values.push(first);
                    values.extend_from_slice(args.values);
                    self.prepare_call(
                        &call,
                        Args {
                            values: &values,
                            kwnames: args.kwnames,
                        },
                    )
                }
            },
            _ => Err(self.not_callable(callable)),
        }
    }

    pub(crate) fn not_callable(&self, v: &Value) -> crate::object::ExcRef {
        self.type_error(format!("'{}' object is not callable", self.type_name(v)))
    }

    pub(crate) fn make_generator(&mut self, f: &Function, mut frame: Box<Frame>) -> Value {
        let kind = if f.code.is_coroutine() {
            GenKind::Coroutine
        } else if f.code.is_async_generator() {
            GenKind::AsyncGenerator
        } else {
            GenKind::Generator
        };
        frame.resume = Resume::Call;
        let g = Generator::new(
            kind,
            frame,
            f.name.borrow().clone(),
            f.qualname.borrow().clone(),
        );
        Value::Generator(g)
    }

    /// A frame for calling `f` with `args` bound to its parameters.
    pub(crate) fn frame_for_call(&mut self, f: &Rc<Function>, args: Args) -> PyResult<Box<Frame>> {
        let code = f.code.clone();
        let mut frame = self.alloc_frame(code.clone(), f.globals.clone(), None);
        let nkw = args.kwnames.len();
        let npos = args.values.len() - nkw;
        let simple = nkw == 0
            && npos == code.argcount as usize
            && code.kwonlyargcount == 0
            && code.flags & (crate::bytecode::flags::VARARGS | crate::bytecode::flags::VARKEYWORDS)
                == 0;
        if simple {
            frame.locals[..npos].clone_from_slice(args.values);
        } else if let Err(e) = self.bind_arguments(f, &mut frame.locals, args) {
            self.recycle_frame(frame);
            return Err(e);
        }
        if !code.cellvars.is_empty() || !f.closure.is_empty() {
            for slot in code.cell_from_arg.iter() {
                let v = match slot {
                    Some(a) => frame.locals[*a as usize].clone(),
                    None => Value::Null,
                };
                frame.cells.push(crate::object::Cell::new(v));
            }
            frame.cells.extend(f.closure.iter().cloned());
        }
        Ok(frame)
    }

    fn bind_arguments(&mut self, f: &Function, locals: &mut [Value], args: Args) -> PyResult<()> {
        let code = &f.code;
        // Only error messages need the name: not copied on every call.
        let qualname = QualName(f);
        let argcount = code.argcount as usize;
        let kwonly = code.kwonlyargcount as usize;
        let posonly = code.posonlyargcount as usize;
        let pos = args.pos();
        let npos = pos.len();
        for (slot, v) in locals.iter_mut().zip(pos.iter().take(argcount)) {
            *slot = v.clone();
        }
        let mut slot_after = argcount + kwonly;
        if code.has_varargs() {
            let extra = if npos > argcount {
                pos[argcount..].to_vec()
            } else {
                Vec::new()
            };
            locals[slot_after] = Value::tuple(extra);
            slot_after += 1;
        }
        let mut varkw = if code.has_varkeywords() {
            Some(Dict::new())
        } else {
            None
        };
        let mut posonly_as_kw: Vec<String> = Vec::new();
        for (name, value) in args.kw() {
            let found = code.varnames[posonly..argcount + kwonly]
                .iter()
                .position(|v| same_name(v.as_str(), name));
            match found {
                Some(i) => {
                    let i = i + posonly;
                    if !locals[i].is_null() {
                        return Err(self.type_error(format!(
                            "{qualname}() got multiple values for argument '{name}'"
                        )));
                    }
                    locals[i] = value.clone();
                }
                None => {
                    if let Some(d) = varkw.as_mut() {
                        let key = self.intern(name);
                        d.set_str(key, value.clone());
                    } else if code.varnames[..posonly].iter().any(|v| v.as_str() == name) {
                        posonly_as_kw.push(name.to_string());
                    } else {
                        return Err(self.type_error(format!(
                            "{qualname}() got an unexpected keyword argument '{name}'"
                        )));
                    }
                }
            }
        }
        if !posonly_as_kw.is_empty() {
            return Err(self.type_error(format!(
                "{qualname}() got some positional-only arguments passed as keyword arguments: '{}'",
                posonly_as_kw.join(", ")
            )));
        }
        if npos > argcount && !code.has_varargs() {
            let defcount = f.defaults.borrow().len();
            let kwonly_given = (argcount..argcount + kwonly)
                .filter(|&i| !locals[i].is_null())
                .count();
            let (sig, plural) = if defcount > 0 {
                (
                    format!("from {} to {}", argcount - defcount.min(argcount), argcount),
                    true,
                )
            } else {
                (argcount.to_string(), argcount != 1)
            };
            let kwonly_sig = if kwonly_given > 0 {
                format!(
                    " positional argument{} (and {} keyword-only argument{})",
                    if npos != 1 { "s" } else { "" },
                    kwonly_given,
                    if kwonly_given != 1 { "s" } else { "" }
                )
            } else {
                String::new()
            };
            return Err(self.type_error(format!(
                "{qualname}() takes {sig} positional argument{} but {npos}{kwonly_sig} {} given",
                if plural { "s" } else { "" },
                if npos == 1 && kwonly_given == 0 {
                    "was"
                } else {
                    "were"
                }
            )));
        }
        // Defaults for positional parameters.
        let defaults = f.defaults.borrow();
        let first_default = argcount.saturating_sub(defaults.len());
        let mut missing = Vec::new();
        for i in npos.min(argcount)..argcount {
            if locals[i].is_null() {
                if i >= first_default {
                    locals[i] = defaults[i - first_default].clone();
                } else {
                    missing.push(code.varnames[i].as_str().to_string());
                }
            }
        }
        if !missing.is_empty() {
            return Err(self.missing_args(&qualname.to_string(), "positional", &missing));
        }
        drop(defaults);
        let kwdefaults = f.kwdefaults.borrow();
        for (slot, name) in locals[argcount..argcount + kwonly]
            .iter_mut()
            .zip(&code.varnames[argcount..])
        {
            if slot.is_null() {
                let name = name.as_str();
                match kwdefaults.iter().find(|(k, _)| k.as_str() == name) {
                    Some((_, v)) => *slot = v.clone(),
                    None => missing.push(name.to_string()),
                }
            }
        }
        if !missing.is_empty() {
            return Err(self.missing_args(&qualname.to_string(), "keyword-only", &missing));
        }
        if let Some(d) = varkw {
            locals[slot_after] = Value::Dict(DictObj::new(d));
        }
        Ok(())
    }

    fn missing_args(&self, qualname: &str, kind: &str, names: &[String]) -> crate::object::ExcRef {
        let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
        let list = match quoted.len() {
            1 => quoted[0].clone(),
            2 => format!("{} and {}", quoted[0], quoted[1]),
            n => format!("{}, and {}", quoted[..n - 1].join(", "), quoted[n - 1]),
        };
        self.type_error(format!(
            "{qualname}() missing {} required {kind} argument{}: {list}",
            names.len(),
            if names.len() == 1 { "" } else { "s" }
        ))
    }
}
