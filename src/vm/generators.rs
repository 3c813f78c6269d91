//! Resuming generators and coroutines: `send`, `throw` (forwarded down `yield from`/
//! `await` chains without Rust recursion), `close`, and the awaitable/iterator protocols
//! behind `await`, `yield from` and `async for`.

use super::native_awaitables::awaitable_data;
use super::run::Exit;
use super::{PyResult, Vm};
use crate::bytecode::{AwaitKind, Instr};
use crate::object::frame::{Frame, Resume};
use crate::object::{ExcRef, GenKind, GenState, Generator, Payload, Value};
use std::rc::Rc;

/// Result of sending into a generator or another iterator (defined with the native
/// awaitables' seam, which returns it too).
pub use crate::object::native_data::Sent;

/// A generator about to run inline, or one that finished without running.
pub(crate) enum Resumed {
    Frame(Box<Frame>),
    Done(Value),
}

impl Vm {
    /// `throw(exc)` or the deprecated `throw(type[, value[, tb]])`.
    pub fn exception_from_throw_args(&mut self, args: &[Value]) -> PyResult<ExcRef> {
        let typ = args.first().cloned().unwrap_or(Value::None);
        let val = args.get(1).cloned().unwrap_or(Value::None);
        match &typ {
            Value::Object(o) if o.exc_data().is_some() => {
                if !val.is_none() {
                    return Err(self.type_error("instance exception may not have a separate value"));
                }
                Ok(o.clone())
            }
            Value::Class(c) if c.is_subclass(&self.exc.base_exception) => {
                if let Value::Object(o) = &val {
                    if o.class.is_subclass(c) {
                        return Ok(o.clone());
                    }
                }
                let args: Vec<Value> = match val {
                    Value::None => vec![],
                    Value::Tuple(t) => t.items.to_vec(),
                    other => vec![other],
                };
                let e = self.call(&typ, &args)?;
                self.to_exception(e)
            }
            _ => Err(self.type_error(format!(
                "exceptions must be classes or instances deriving from BaseException, not {}",
                self.type_name(&typ)
            ))),
        }
    }

    fn already_executing(&self, g: &Generator) -> ExcRef {
        self.value_error(format!(
            "{} already executing",
            g.kind.type_name().replace('_', " ")
        ))
    }

    /// Takes a generator's frame to run it with `value` as the result of its pending yield.
    pub(crate) fn start_resume(&mut self, g: &Rc<Generator>, value: Value) -> PyResult<Resumed> {
        match g.state.get() {
            GenState::Running => return Err(self.already_executing(g)),
            GenState::Closed => {
                return if g.kind == GenKind::Coroutine {
                    Err(self.runtime_error("cannot reuse already awaited coroutine"))
                } else {
                    Ok(Resumed::Done(Value::None))
                };
            }
            GenState::Created => {
                if !value.is_none() {
                    return Err(self.type_error(format!(
                        "can't send non-None value to a just-started {}",
                        g.kind.type_name().replace('_', " ")
                    )));
                }
            }
            GenState::Suspended => {}
        }
        let Some(mut frame) = g.frame.borrow_mut().take() else {
            g.state.set(GenState::Closed);
            return Ok(Resumed::Done(Value::None));
        };
        if g.state.get() == GenState::Suspended {
            frame.stack.push(value);
        }
        g.state.set(GenState::Running);
        frame.generator = Some(g.clone());
        Ok(Resumed::Frame(frame))
    }

    /// `gen.send(value)` from native code.
    pub fn gen_send(&mut self, g: &Rc<Generator>, value: Value) -> PyResult<Sent> {
        match self.start_resume(g, value)? {
            Resumed::Done(v) => Ok(Sent::Returned(v)),
            Resumed::Frame(mut frame) => {
                let mut below = Vec::new();
                self.descend_delegation(&mut frame, &mut below, self.frames.len());
                match self.execute_chain(below, frame, None)? {
                    Exit::Yield(v) => Ok(Sent::Yielded(v)),
                    Exit::Return(v) => Ok(Sent::Returned(v)),
                }
            }
        }
    }

    /// Everything generator `g` yields from where it stands, run to its end
    /// (`list(x for x in xs)`, `tuple(...)`, `"".join(...)`): one run of its frame
    /// instead of a suspension and a resumption per item. Each yield evaluates to None,
    /// as after the `next()` the consumer would call, and nothing runs between items,
    /// as nothing would in those consumers.
    pub(crate) fn collect_generator(&mut self, g: &Rc<Generator>) -> PyResult<Vec<Value>> {
        let batch = self.collect_batch(g, |_| true, usize::MAX)?;
        match batch.yielded {
            None => Ok(batch.items),
            // The generator stands suspended after the item that found no room, as
            // after a failed `list.append` in CPython's `list(gen)`.
            Some(_) if batch.out_of_memory => Err(self.memory_error()),
            // Only a yield of another generator could end the run this way.
            Some(_) => Err(self.runtime_error("generator collection stopped early")),
        }
    }

    /// The next items of generator `g` in one run of its frame, for a consumer whose
    /// work per item runs no Python code while the items pass `accept` (`sum` over
    /// numbers): the generator could not tell that the consumer ran behind. At most
    /// `max` items are taken (memory stays bounded); the first item refused, or the
    /// one over the limit, is yielded for real and ends the batch with the generator
    /// suspended after it, exactly where the consumer's `next()` would leave it.
    pub(crate) fn collect_batch(
        &mut self,
        g: &Rc<Generator>,
        accept: fn(&Value) -> bool,
        max: usize,
    ) -> PyResult<Batch> {
        let frame = match self.start_resume(g, Value::None)? {
            Resumed::Done(_) => {
                return Ok(Batch {
                    items: Vec::new(),
                    yielded: None,
                    out_of_memory: false,
                })
            }
            Resumed::Frame(frame) => frame,
        };
        self.collectors.push(Collector {
            gen: g.clone(),
            base: self.frames.len(),
            items: Vec::new(),
            accept,
            max,
            out_of_memory: false,
        });
        let run = self.execute(frame, None);
        let collector = self.collectors.pop().expect("pushed above");
        let yielded = match run? {
            Exit::Return(_) => None,
            Exit::Yield(v) => Some(v),
        };
        Ok(Batch {
            items: collector.items,
            yielded,
            out_of_memory: collector.out_of_memory,
        })
    }

    /// Feeds each item of `iterable` to `each`, in order, as a `for` loop would: a
    /// plain generator whose items pass `accept` runs in batches (see
    /// [`Vm::collect_batch`]), right for a consumer whose work on such items runs no
    /// Python code and cannot fail; built-in sequences and sets are read whole, as
    /// `collect_iterable` does; other iterators step by step.
    pub(crate) fn for_each_item(
        &mut self,
        iterable: &Value,
        accept: fn(&Value) -> bool,
        each: &mut dyn FnMut(&mut Vm, Value) -> PyResult<()>,
    ) -> PyResult<()> {
        match iterable {
            Value::Generator(g) if g.kind == GenKind::Generator => loop {
                let batch = self.collect_batch(g, accept, ITEM_BATCH)?;
                for v in batch.items {
                    each(self, v)?;
                }
                match batch.yielded {
                    Some(v) => each(self, v)?,
                    None => return Ok(()),
                }
            },
            // A range's items are made one at a time: `set(range(n))` needs no list of n.
            Value::Range(r) => {
                for i in 0..r.len() {
                    each(self, Value::Int(r.get(i)))?;
                }
                Ok(())
            }
            Value::List(_) | Value::Tuple(_) | Value::Dict(_) | Value::Set(_) => {
                for v in self.collect_iterable(iterable)? {
                    each(self, v)?;
                }
                Ok(())
            }
            _ => {
                let it = self.get_iter(iterable)?;
                while let Some(v) = self.iter_next(&it)? {
                    each(self, v)?;
                }
                Ok(())
            }
        }
    }

    /// Whether a yield of `gen`'s frame at `base` goes into the innermost collector
    /// (then it is taken there) rather than to the frame's caller. An item that finds
    /// no room ends the batch as a real yield, marked out of memory.
    #[inline]
    pub(crate) fn collect_yield(
        &mut self,
        gen: &Rc<Generator>,
        base: usize,
        v: Value,
    ) -> Option<Value> {
        match self.collectors.last_mut() {
            Some(c)
                if c.base == base
                    && Rc::ptr_eq(&c.gen, gen)
                    && c.items.len() < c.max
                    && (c.accept)(&v) =>
            {
                if c.items.len() == c.items.capacity()
                    && crate::memory::reserve(&mut c.items, 1).is_err()
                {
                    c.out_of_memory = true;
                    return Some(v);
                }
                c.items.push(v);
                None
            }
            _ => Some(v),
        }
    }

    /// `frame` was just resumed with a value on its stack. When it is parked in the loop
    /// of a `yield from`/`await` over another suspended generator, the next thing it
    /// would do is jump to its `SEND` and resume that one: do so directly, all the way
    /// down the chain — each frame left exactly as its `SEND` would leave it (resuming
    /// after the `SEND`), moved onto `below` — and leave the innermost in `frame`.
    /// A nested chain (a tree walk, awaits within awaits) then resumes in one step
    /// instead of one jump and one `SEND` per level. `depth` is the frame count under
    /// `below`, for the recursion limit (at the limit the ordinary path raises).
    pub(crate) fn descend_delegation(
        &mut self,
        frame: &mut Box<Frame>,
        below: &mut Vec<Box<Frame>>,
        depth: usize,
    ) {
        loop {
            let instrs = &frame.code.instrs;
            let Some(&Instr::Jump(top)) = instrs.get(frame.ip) else {
                return;
            };
            let Some(&Instr::Send(exit)) = instrs.get(top as usize) else {
                return;
            };
            let len = frame.stack.len();
            if len < 2 || depth + below.len() + 2 >= self.limits.recursion {
                return;
            }
            let resumable = matches!(
                &frame.stack[len - 2],
                Value::Generator(g)
                    if g.kind != GenKind::AsyncGenerator && g.state.get() == GenState::Suspended
            );
            if !resumable {
                return;
            }
            let value = frame.stack.pop().unwrap_or_default();
            let Some(Value::Generator(sub)) = frame.stack.last() else {
                return;
            };
            match self.start_resume(sub, value) {
                Ok(Resumed::Frame(inner)) => {
                    frame.ip = top as usize + 1;
                    frame.resume = Resume::Send { exit };
                    let outer = std::mem::replace(frame, inner);
                    below.push(outer);
                }
                Ok(Resumed::Done(v)) => {
                    // (Not for a suspended generator; kept equivalent to the SEND.)
                    frame.stack.pop();
                    frame.stack.push(v);
                    frame.ip = exit as usize;
                    return;
                }
                Err(_) => return,
            }
        }
    }

    /// The value carried by a StopIteration.
    pub fn stop_iteration_value(&self, e: &ExcRef) -> Value {
        if let Some(v) = e.dict_get(&self.names.value) {
            return v;
        }
        self.exc_args(e)
            .items
            .first()
            .cloned()
            .unwrap_or(Value::None)
    }

    /// `SEND` into something that is not a plain generator/coroutine.
    pub(crate) fn send_to(&mut self, sub: &Value, value: Value) -> PyResult<Sent> {
        match sub {
            Value::Generator(g) => {
                let g = g.clone();
                self.gen_send(&g, value)
            }
            Value::Object(o)
                if matches!(o.payload, Payload::Native(_) | Payload::AsyncGenOp(_)) =>
            {
                let data: &dyn crate::object::NativeData = match &o.payload {
                    Payload::Native(data) => &**data,
                    Payload::AsyncGenOp(op) => op,
                    _ => unreachable!("matched above"),
                };
                match data.await_send(self, sub, value) {
                    Some(sent) => sent,
                    None => Err(self.type_error(format!(
                        "object {} can't be used in 'await' expression",
                        self.type_name(sub)
                    ))),
                }
            }
            _ => {
                let result = if value.is_none() {
                    match self.iter_next(sub) {
                        Ok(Some(v)) => return Ok(Sent::Yielded(v)),
                        Ok(None) => return Ok(Sent::Returned(Value::None)),
                        Err(e) => Err(e),
                    }
                } else {
                    self.call_method(sub, "send", &[value])
                };
                match result {
                    Ok(v) => Ok(Sent::Yielded(v)),
                    Err(e) if e.class.is_subclass(&self.exc.stop_iteration) => {
                        Ok(Sent::Returned(self.stop_iteration_value(&e)))
                    }
                    Err(e) => Err(e),
                }
            }
        }
    }

    /// When `frame` is suspended inside a `yield from`/`await`, its subiterator and the
    /// `Send` instruction's exit target.
    fn delegate_of(frame: &Frame) -> Option<(Value, u32)> {
        let ip = frame.ip;
        if ip < 2 {
            return None;
        }
        match (frame.code.instrs.get(ip - 2), frame.code.instrs.get(ip - 1)) {
            (Some(Instr::Send(exit)), Some(Instr::YieldValue)) => {
                frame.stack.last().cloned().map(|s| (s, *exit))
            }
            _ => None,
        }
    }

    /// What a suspended generator is delegating to (`gi_yieldfrom`, `cr_await`).
    pub(crate) fn generator_awaiting(&self, g: &Generator) -> Value {
        match g.frame.borrow().as_ref() {
            Some(f) if g.state.get() == GenState::Suspended => {
                Self::delegate_of(f).map_or(Value::None, |(s, _)| s)
            }
            _ => Value::None,
        }
    }

    /// `gen.throw(exc)`: raised at the innermost point of the delegation chain.
    pub fn gen_throw(&mut self, g: &Rc<Generator>, exc: ExcRef) -> PyResult<Sent> {
        match g.state.get() {
            GenState::Running => return Err(self.already_executing(g)),
            GenState::Closed => return Err(exc),
            GenState::Created => {
                // As in CPython, an exception thrown into a generator that has not
                // started is raised before its first instruction: no handler in its
                // body sees it, and the generator is finished.
                g.state.set(GenState::Closed);
                let frame = g.frame.borrow_mut().take();
                drop(frame);
                return Err(exc);
            }
            GenState::Suspended => {}
        }
        let Some(mut frame) = g.frame.borrow_mut().take() else {
            g.state.set(GenState::Closed);
            return Err(exc);
        };
        g.state.set(GenState::Running);
        frame.generator = Some(g.clone());
        let mut chain: Vec<Box<Frame>> = Vec::new();
        let mut pending = Some(exc);
        while let Some((sub, exit)) = Self::delegate_of(&frame) {
            let Some(exc) = pending.take() else { break };
            let is_exit = exc.class.is_subclass(&self.exc.generator_exit);
            if let Value::Generator(sg) = &sub {
                if !is_exit
                    && sg.kind != GenKind::AsyncGenerator
                    && sg.state.get() == GenState::Suspended
                {
                    if let Some(mut inner) = sg.frame.borrow_mut().take() {
                        frame.ip -= 1;
                        frame.resume = Resume::Send { exit };
                        chain.push(frame);
                        sg.state.set(GenState::Running);
                        inner.generator = Some(sg.clone());
                        frame = inner;
                        pending = Some(exc);
                        continue;
                    }
                }
            }
            if is_exit {
                // Close the subiterator, then raise GeneratorExit here.
                let r = match &sub {
                    Value::Generator(sg) => {
                        let sg = sg.clone();
                        self.gen_close(&sg)
                    }
                    _ => {
                        let close = self.intern("close");
                        match self.get_attr_opt(&sub, &close) {
                            Ok(Some(c)) => self.call(&c, &[]).map(|_| ()),
                            Ok(None) => Ok(()),
                            Err(e) => Err(e),
                        }
                    }
                };
                pending = Some(match r {
                    Ok(()) => exc,
                    Err(e) => e,
                });
                break;
            }
            let throw = self.intern("throw");
            let thrower = match &sub {
                Value::Generator(sg) if sg.kind != GenKind::AsyncGenerator => {
                    let sg = sg.clone();
                    match self.gen_throw(&sg, exc.clone()) {
                        Ok(Sent::Yielded(v)) => Some(Ok(v)),
                        Ok(Sent::Returned(v)) => Some(Err(self.stop_iteration(v))),
                        Err(e) => Some(Err(e)),
                    }
                }
                Value::Object(o) if awaitable_data(&o.payload).is_some() => {
                    let data = awaitable_data(&o.payload).expect("matched above");
                    Some(data.await_throw(self, &sub, exc.clone()))
                }
                _ => match self.get_attr_opt(&sub, &throw) {
                    Ok(Some(t)) => Some(self.call(&t, &[Value::Object(exc.clone())])),
                    Ok(None) => None,
                    Err(e) => Some(Err(e)),
                },
            };
            match thrower {
                None => pending = Some(exc),
                Some(Ok(v)) => {
                    // The subiterator yielded: this frame yields it onward.
                    frame.ip -= 1;
                    frame.stack.push(v);
                }
                Some(Err(e)) if e.class.is_subclass(&self.exc.stop_iteration) => {
                    let v = self.stop_iteration_value(&e);
                    frame.stack.pop();
                    frame.stack.push(v);
                    frame.ip = exit as usize;
                }
                Some(Err(e)) => pending = Some(e),
            }
            break;
        }
        match self.execute_chain(chain, frame, pending)? {
            Exit::Yield(v) => Ok(Sent::Yielded(v)),
            Exit::Return(v) => Ok(Sent::Returned(v)),
        }
    }

    /// `gen.close()`.
    pub fn gen_close(&mut self, g: &Rc<Generator>) -> PyResult<()> {
        match g.state.get() {
            GenState::Closed => return Ok(()),
            GenState::Created => {
                g.state.set(GenState::Closed);
                let frame = g.frame.borrow_mut().take();
                drop(frame);
                return Ok(());
            }
            GenState::Running => return Err(self.already_executing(g)),
            GenState::Suspended => {}
        }
        let exc = self.new_exception(&self.exc.generator_exit.clone(), vec![]);
        match self.gen_throw(g, exc) {
            Ok(Sent::Yielded(_)) => Err(self.runtime_error(format!(
                "{} ignored GeneratorExit",
                g.kind.type_name().replace('_', " ")
            ))),
            Ok(Sent::Returned(_)) => Ok(()),
            Err(e)
                if e.class.is_subclass(&self.exc.generator_exit)
                    || e.class.is_subclass(&self.exc.stop_iteration) =>
            {
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    /// `GetYieldFromIter`.
    pub(crate) fn get_yield_from_iter(&mut self, frame: &Frame, v: Value) -> PyResult {
        match &v {
            Value::Generator(g) if g.kind == GenKind::Generator => Ok(v),
            Value::Generator(g) if g.kind == GenKind::Coroutine => {
                if frame.code.is_coroutine() {
                    Ok(v)
                } else {
                    Err(self.type_error(
                        "cannot 'yield from' a coroutine object in a non-coroutine generator",
                    ))
                }
            }
            _ => self.get_iter(&v),
        }
    }

    /// `GetAwaitable`: the iterator `await` delegates to.
    pub(crate) fn get_awaitable(&mut self, v: Value, kind: AwaitKind) -> PyResult {
        match &v {
            Value::Generator(g) if g.kind == GenKind::Coroutine => {
                if g.state.get() == GenState::Suspended && !self.generator_awaiting(g).is_none() {
                    return Err(self.runtime_error("coroutine is being awaited already"));
                }
                return Ok(v);
            }
            Value::Object(o) if awaitable_data(&o.payload).is_some() => {
                return Ok(v);
            }
            _ => {}
        }
        let class = self.class_of(&v);
        if let Some(m) = class.lookup_str(&self.names.await_.clone()) {
            let it = self.call(&m, std::slice::from_ref(&v))?;
            if let Value::Generator(g) = &it {
                if g.kind == GenKind::Coroutine {
                    return Err(self.type_error("__await__() returned a coroutine"));
                }
                return Ok(it);
            }
            let it_class = self.class_of(&it);
            let is_iter = matches!(&it, Value::Object(o) if matches!(&o.payload, Payload::Iter(_)) || awaitable_data(&o.payload).is_some())
                || it_class.lookup_str(&self.names.next.clone()).is_some();
            if !is_iter {
                return Err(self.type_error(format!(
                    "__await__() returned non-iterator of type '{}'",
                    self.type_name(&it)
                )));
            }
            return Ok(it);
        }
        Err(self.type_error(match kind {
            AwaitKind::Await => format!("object {} can't be used in 'await' expression", self.type_name(&v)),
            AwaitKind::AsyncWithEnter => format!(
                "'async with' received an object from __aenter__ that does not implement __await__: {}",
                self.type_name(&v)
            ),
            AwaitKind::AsyncWithExit => format!(
                "'async with' received an object from __aexit__ that does not implement __await__: {}",
                self.type_name(&v)
            ),
        }))
    }

    /// What a `send()`/`__next__()`/`throw()` method returns for one resumption: the
    /// yielded value, or StopIteration carrying the returned one.
    pub fn yielded_or_stop(&self, r: Sent) -> PyResult {
        match r {
            Sent::Yielded(v) => Ok(v),
            Sent::Returned(v) => Err(self.stop_iteration(v)),
        }
    }

    /// `GetAIter`.
    pub(crate) fn get_aiter(&mut self, v: Value) -> PyResult {
        if let Value::Generator(g) = &v {
            if g.kind == GenKind::AsyncGenerator {
                return Ok(v);
            }
        }
        let class = self.class_of(&v);
        let Some(m) = class.lookup_str(&self.names.aiter.clone()) else {
            return Err(self.type_error(format!(
                "'async for' requires an object with __aiter__ method, got {}",
                self.type_name(&v)
            )));
        };
        let it = self.call(&m, &[v])?;
        let it_class = self.class_of(&it);
        let ok = matches!(&it, Value::Generator(g) if g.kind == GenKind::AsyncGenerator)
            || it_class.lookup_str(&self.names.anext.clone()).is_some();
        if !ok {
            return Err(self.type_error(format!(
                "'async for' received an object from __aiter__ that does not implement __anext__: {}",
                self.type_name(&it)
            )));
        }
        Ok(it)
    }

    /// `GetANext`: the awaitable for the next item of an async iterator.
    pub(crate) fn get_anext_awaitable(&mut self, aiter: &Value) -> PyResult {
        if let Value::Generator(g) = aiter {
            if g.kind == GenKind::AsyncGenerator {
                let g = g.clone();
                return super::asyncgen::asend(self, &g, Value::None);
            }
        }
        let class = self.class_of(aiter);
        let Some(m) = class.lookup_str(&self.names.anext.clone()) else {
            return Err(self.type_error(format!(
                "'async for' requires an iterator with __anext__ method, got {}",
                self.type_name(aiter)
            )));
        };
        let aw = self.call(&m, std::slice::from_ref(aiter))?;
        match self.get_awaitable(aw.clone(), AwaitKind::Await) {
            Ok(it) => Ok(it),
            Err(_) => Err(self.type_error(format!(
                "'async for' received an invalid object from __anext__: {}",
                self.type_name(&aw)
            ))),
        }
    }
}

/// A generator run to exhaustion by [`Vm::collect_generator`]: its yields at `base`
/// (the frame depth its run started at) are appended to `items`. Both the generator and
/// the depth must match, since the generator's own code may drive other generators
/// from the same depth (`list(next(it) for _ in r)`).
pub(crate) struct Collector {
    gen: Rc<Generator>,
    base: usize,
    items: Vec<Value>,
    /// Which yielded values the consumer lets pile up, and how many (see
    /// [`Vm::collect_batch`]).
    accept: fn(&Value) -> bool,
    max: usize,
    /// The batch ended because `items` could not grow.
    out_of_memory: bool,
}

/// How many items [`Vm::for_each_item`] takes from a generator per run of it: enough
/// to make the resumptions rare, few enough to keep the memory bounded.
pub(crate) const ITEM_BATCH: usize = 512;

/// What one [`Vm::collect_batch`] took.
pub(crate) struct Batch {
    /// The items taken at the generator's yields, in order.
    pub items: Vec<Value>,
    /// The item of the real yield that ended the batch; None when the generator
    /// finished.
    pub yielded: Option<Value>,
    /// `yielded` ended the batch because no room was left for it.
    pub out_of_memory: bool,
}
