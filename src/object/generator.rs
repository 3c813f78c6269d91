//! Generators, coroutines and async generators share one object: a suspended frame plus a
//! state. The VM resumes one by moving its frame onto the frame stack and takes the frame
//! back when it yields — no allocation per switch.

use super::code::Code;
use super::frame::Frame;
use super::gc::{self, GcHeader, Tracked};
use super::value::Value;
use super::PyStr;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GenKind {
    Generator,
    Coroutine,
    AsyncGenerator,
}

impl GenKind {
    pub fn type_name(self) -> &'static str {
        match self {
            GenKind::Generator => "generator",
            GenKind::Coroutine => "coroutine",
            GenKind::AsyncGenerator => "async_generator",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GenState {
    /// Created, never started.
    Created,
    Suspended,
    Running,
    Closed,
}

pub struct Generator {
    pub gc: GcHeader,
    pub kind: GenKind,
    pub state: Cell<GenState>,
    /// The frame, while not running (None once finished).
    pub frame: RefCell<Option<Box<Frame>>>,
    pub name: RefCell<Rc<PyStr>>,
    pub qualname: RefCell<Rc<PyStr>>,
    /// The code it runs (kept for reprs and reports after the frame is gone).
    code: Rc<Code>,
    /// Async generators: set while an `asend`/`athrow` awaitable is running, so a
    /// second one reports "already running".
    pub running_async: Cell<bool>,
    /// Async generators: whether `aclose()` finished or the first iteration started
    /// (for the loop's asyncgen finalizer hooks).
    pub hooks_inited: Cell<bool>,
    /// Async generators: the loop that first iterated it (CPython's `ag_finalizer`,
    /// the loop's `_asyncgen_finalizer_hook`). Weak: the loop only needs to be told
    /// if it is still alive when the generator is dropped unfinished.
    pub finalizer_loop: RefCell<Option<std::rc::Weak<super::Object>>>,
    /// Registered with the cycle collector. A generator whose frame holds only atomic
    /// values (ints, strs, ...) cannot be part of a cycle until it runs, so it is
    /// registered when it first suspends: coroutines that finish without suspending
    /// (most awaited calls) never cost the collector anything.
    tracked: Cell<bool>,
    /// Coroutines made while `sys.set_coroutine_origin_tracking_depth` is above zero
    /// (asyncio's debug mode): where they were created, for `cr_origin` and the
    /// never-awaited warning.
    pub origin: std::cell::OnceCell<Box<Origin>>,
}

/// Where a coroutine (`cr_origin`) or, in asyncio's debug mode, a future or task
/// (`_source_traceback`) was created: the calling frames, innermost first.
pub struct Origin {
    pub frames: Vec<OriginFrame>,
}

pub struct OriginFrame {
    pub file: String,
    pub line: u32,
    pub name: Rc<PyStr>,
    /// The source line, stripped (the warning shows it; the source may be gone by
    /// the time the coroutine dies).
    pub text: String,
}

impl OriginFrame {
    /// `code` at `line`.
    pub fn at(code: &Code, line: u32) -> OriginFrame {
        OriginFrame {
            file: code.filename().to_string(),
            line,
            name: code.name.clone(),
            text: code.source.quoted_line(line).trim().to_string(),
        }
    }
}

impl Generator {
    pub fn new(
        kind: GenKind,
        frame: Box<Frame>,
        name: Rc<PyStr>,
        qualname: Rc<PyStr>,
    ) -> Rc<Generator> {
        let code = frame.code.clone();
        let g = Rc::new(Generator {
            gc: GcHeader::new(),
            code,
            kind,
            state: Cell::new(GenState::Created),
            frame: RefCell::new(Some(frame)),
            name: RefCell::new(name),
            qualname: RefCell::new(qualname),
            running_async: Cell::new(false),
            hooks_inited: Cell::new(false),
            finalizer_loop: RefCell::new(None),
            tracked: Cell::new(false),
            origin: std::cell::OnceCell::new(),
        });
        let may_cycle = {
            let frame = g.frame.borrow();
            let f = frame.as_ref().expect("new generator has a frame");
            !f.cells.is_empty()
                || f.namespace.is_some()
                || f.locals.iter().any(gc::may_reference_containers)
        };
        if may_cycle {
            g.track();
        }
        g
    }

    /// The coroutine for a frame that started as an awaited call and is about to
    /// suspend (`FastCall::Awaited`): it is running, and the frame is stored into it by
    /// the suspension.
    pub fn new_running(code: &Rc<Code>) -> Rc<Generator> {
        Rc::new(Generator {
            gc: GcHeader::new(),
            code: code.clone(),
            kind: GenKind::Coroutine,
            state: Cell::new(GenState::Running),
            frame: RefCell::new(None),
            name: RefCell::new(code.name.clone()),
            qualname: RefCell::new(code.qualname.clone()),
            running_async: Cell::new(false),
            hooks_inited: Cell::new(false),
            finalizer_loop: RefCell::new(None),
            tracked: Cell::new(false),
            origin: std::cell::OnceCell::new(),
        })
    }

    /// Registers the generator with the cycle collector (once): called when it is
    /// created with container arguments, and whenever it suspends.
    #[inline]
    pub fn track(self: &Rc<Self>) {
        if !self.tracked.replace(true) {
            gc::track(Tracked::Generator(Rc::downgrade(self)));
        }
    }

    pub fn code(&self) -> &Rc<Code> {
        &self.code
    }

    pub fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        if let Ok(frame) = self.frame.try_borrow() {
            if let Some(frame) = frame.as_ref() {
                frame.traverse(f);
            }
        }
    }

    pub fn clear_into(&self, trash: &mut Vec<Value>) {
        if let Ok(mut frame) = self.frame.try_borrow_mut() {
            if let Some(mut frame) = frame.take() {
                frame.clear_into(trash);
            }
        }
    }
}

impl Drop for Generator {
    fn drop(&mut self) {
        if self.kind == GenKind::Coroutine && self.state.get() == GenState::Created {
            super::generator_death::never_awaited(
                &self.qualname.borrow(),
                self.origin.get().map(|o| &**o),
            );
        }
        if self.kind == GenKind::AsyncGenerator && self.state.get() == GenState::Suspended {
            // An unfinished async generator dropped (e.g. after `break` in `async for`):
            // as CPython's finalizer hook does, hand it to its loop, which schedules
            // `aclose()` so its `finally` blocks run. The frame moves to a new
            // generator object: this one is already being destroyed.
            let Some(loop_) = self
                .finalizer_loop
                .get_mut()
                .take()
                .and_then(|w| w.upgrade())
            else {
                return;
            };
            let Some(frame) = self.frame.get_mut().take() else {
                return;
            };
            let name = self.name.borrow().clone();
            let qualname = self.qualname.borrow().clone();
            let g = Generator::new(self.kind, frame, name, qualname);
            g.state.set(GenState::Suspended);
            g.hooks_inited.set(true);
            super::generator_death::finalize_asyncgen(g, Value::Object(loop_));
            return;
        }
        // The suspended frame's values through the trashcan: a chain of generators, each
        // holding the next in a local, must free without recursing once per link.
        if let Some(mut frame) = self.frame.get_mut().take() {
            let locals = std::mem::take(&mut frame.locals);
            let stack = std::mem::take(&mut frame.stack);
            // In CPython's order: the frame's locals first, then its value stack.
            super::gc::drop_values(locals.into_iter().chain(stack));
        }
    }
}
