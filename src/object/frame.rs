//! Frames live on the heap: a call pushes one, a return pops it, and a suspended
//! generator or coroutine simply keeps its frame until it is resumed. Nothing about a
//! Python-level call lives on the Rust stack.

use crate::object::Code;
use crate::object::{Cell, DictObj, Generator, Value};
use std::rc::Rc;

/// What the frame below the running one does with the running frame's result when the
/// running frame returns or yields to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resume {
    /// An ordinary call: push the return value.
    Call,
    /// `__init__` of an instance being created: the instance is already on the caller's
    /// stack; the return value must be None and is dropped.
    CallInit,
    /// `FOR_ITER` over a generator: a yield pushes the value; a return jumps to the
    /// loop exit.
    ForIter { exit: u32 },
    /// `SEND` (yield from / await): a yield pushes the value and continues (the next
    /// instruction yields it further out); a return pops the subiterator, pushes the
    /// value and jumps.
    Send { exit: u32 },
    /// `SEND` into an async generator's `__anext__()`/`asend()` awaitable, whose frame
    /// runs on top: a produced value pops the awaitable, pushes the value and jumps; an
    /// await inside the generator passes through as with `Send`; a return raises
    /// StopAsyncIteration here.
    AsyncGenSend { exit: u32 },
    /// The frame is the entry point of a nested run loop started by native code: return
    /// to the native caller.
    Native,
}

pub struct Frame {
    pub code: Rc<Code>,
    pub ip: usize,
    pub stack: Vec<Value>,
    pub locals: Vec<Value>,
    /// Cells for `cellvars` followed by those for `freevars`.
    pub cells: Vec<Rc<Cell>>,
    pub globals: Rc<DictObj>,
    /// The namespace of a module or class body (`LOAD_NAME`); None in function frames.
    pub namespace: Option<Rc<DictObj>>,
    /// A class body's namespace when the metaclass's `__prepare__` returned something
    /// other than a plain dict (a dict subclass with its own `__setitem__`, any
    /// mapping): names are then stored, loaded and deleted through its item methods.
    pub mapping: Option<Value>,
    /// The exception currently being handled in this frame (for bare `raise`, implicit
    /// chaining and `sys.exc_info`).
    pub handled: Value,
    /// How this frame receives the result of the frame above it.
    pub resume: Resume,
    /// The generator/coroutine owning this frame, while it runs.
    pub generator: Option<Rc<Generator>>,
}

impl Frame {
    pub fn new(code: Rc<Code>, globals: Rc<DictObj>, namespace: Option<Rc<DictObj>>) -> Frame {
        let nlocals = code.varnames.len();
        Frame {
            stack: Vec::with_capacity(code.stacksize as usize),
            locals: std::iter::repeat_with(|| Value::Null)
                .take(nlocals)
                .collect(),
            cells: Vec::new(),
            code,
            ip: 0,
            globals,
            namespace,
            mapping: None,
            handled: Value::None,
            resume: Resume::Call,
            generator: None,
        }
    }

    /// Current source line (of the instruction being executed).
    pub fn line(&self) -> u32 {
        self.code.line_at(self.ip.saturating_sub(1))
    }

    pub fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        self.stack.iter().for_each(&mut *f);
        self.locals.iter().for_each(&mut *f);
        for c in &self.cells {
            f(&Value::Cell(c.clone()));
        }
        f(&Value::Dict(self.globals.clone()));
        if let Some(ns) = &self.namespace {
            f(&Value::Dict(ns.clone()));
        }
        if let Some(m) = &self.mapping {
            f(m);
        }
        f(&self.handled);
    }

    pub fn clear_into(&mut self, trash: &mut Vec<Value>) {
        trash.append(&mut self.stack);
        trash.append(&mut self.locals);
        trash.extend(self.cells.drain(..).map(Value::Cell));
        trash.push(std::mem::take(&mut self.handled));
    }
}
