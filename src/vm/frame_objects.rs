//! `sys._getframe()`: frame objects, as snapshots of the running frames.
//!
//! apy's frames belong to the run loop (`Box<Frame>` values moved between it and
//! `Vm::frames`), not to Python objects, so a frame object is a snapshot taken when a
//! program asks for one: `f_code`, `f_lineno`, `f_globals`, `f_locals`, `f_back`... as
//! they are at that moment. That serves what programs use frames for — logging's
//! caller, a warning's `stacklevel`, a functional Enum's module, a printed stack — but
//! a frame object does not follow its frame afterwards (its `f_lineno` stays put).
//!
//! An exception's `__traceback__` is built the same way from the (code, line) pairs the
//! exception records: a `tb_next` chain whose `tb_frame`s know their code and line but
//! not their globals or locals (an exception keeps no frames alive; see
//! `object::exception`), so `f_globals` and `f_locals` are empty dicts there.

use super::{Frame, PyResult, Vm};
use crate::object::{Dict, DictObj, Object, Payload, TracebackEntry, Value};

impl Vm {
    /// The frame object `depth` callers below `frame` (0: `frame` itself), or CPython's
    /// ValueError when the stack is not that deep.
    pub(crate) fn frame_object(&mut self, frame: &Frame, depth: usize) -> PyResult {
        // The callers are read while snapshots are made (which may build dicts), so
        // they are set aside meanwhile.
        let frames = std::mem::take(&mut self.frames);
        let result = (|| {
            let chain: Vec<&Frame> = std::iter::once(frame)
                .chain(frames.iter().rev().map(|f| &**f))
                .collect();
            if depth >= chain.len() {
                return Err(self.value_error("call stack is not deep enough"));
            }
            // Oldest first, so each snapshot can point at its caller's.
            let mut back = Value::None;
            for f in chain[depth..].iter().rev() {
                back = self.frame_snapshot(f, back)?;
            }
            Ok(back)
        })();
        self.frames = frames;
        result
    }

    /// `gi_frame`/`cr_frame`/`ag_frame`: a snapshot of a generator's frame where it is
    /// suspended (`f_back` None, as for any suspended generator), at its `def` line if it
    /// has not started; None once it is closed. A running generator's frame belongs to
    /// the run loop: its snapshot shows the code at its first line.
    pub(crate) fn generator_frame(&mut self, g: &crate::object::Generator) -> PyResult {
        use crate::object::GenState;
        let state = g.state.get();
        if state == GenState::Closed {
            return Ok(Value::None);
        }
        let frame = g.frame.borrow_mut().take();
        let Some(frame) = frame else {
            let code = g.code().clone();
            let obj = Object::with_dict(self.types.frame.clone(), Payload::None);
            let attrs = [
                ("f_code", Value::Code(code.clone())),
                ("f_lineno", Value::Int(code.first_line as i64)),
                ("f_back", Value::None),
            ];
            self.fill_dict(&obj, attrs);
            return Ok(Value::Object(obj));
        };
        // Taken out while the snapshot is made (building `f_locals` must not find the
        // generator's frame borrowed), then put back.
        let snapshot = self.frame_snapshot(&frame, Value::None);
        let first_line = frame.code.first_line;
        *g.frame.borrow_mut() = Some(frame);
        let snapshot = snapshot?;
        if state == GenState::Created {
            if let Value::Object(o) = &snapshot {
                o.dict_set(
                    self.interner.intern("f_lineno"),
                    Value::Int(first_line as i64),
                );
            }
        }
        Ok(snapshot)
    }

    fn frame_snapshot(&mut self, frame: &Frame, back: Value) -> PyResult {
        let class = self.types.frame.clone();
        let locals = self.frame_locals(frame)?;
        let obj = Object::with_dict(class, Payload::None);
        let attrs = [
            ("f_code", Value::Code(frame.code.clone())),
            ("f_lineno", Value::Int(frame.line() as i64)),
            ("f_lasti", Value::Int(2 * frame.ip.saturating_sub(1) as i64)),
            ("f_globals", Value::Dict(frame.globals.clone())),
            ("f_builtins", Value::Dict(self.builtins.clone())),
            ("f_locals", locals),
            ("f_back", back),
            ("f_trace", Value::None),
        ];
        self.fill_dict(&obj, attrs);
        Ok(Value::Object(obj))
    }

    /// The `__traceback__` of an exception whose recorded entries are `entries`
    /// (innermost first, as unwinding adds them): the outermost traceback object, its
    /// `tb_next` leading inwards. None when there are none.
    pub(crate) fn traceback_object(&mut self, entries: &[TracebackEntry]) -> Value {
        let mut next = Value::None;
        for entry in entries {
            let frame = Object::with_dict(self.types.frame.clone(), Payload::None);
            let frame_attrs = [
                ("f_code", Value::Code(entry.code.clone())),
                ("f_lineno", Value::Int(entry.line as i64)),
                ("f_lasti", Value::Int(-1)),
                ("f_globals", Value::Dict(DictObj::new(Dict::new()))),
                ("f_builtins", Value::Dict(self.builtins.clone())),
                ("f_locals", Value::Dict(DictObj::new(Dict::new()))),
                ("f_back", Value::None),
                ("f_trace", Value::None),
            ];
            self.fill_dict(&frame, frame_attrs);
            let tb = Object::with_dict(self.types.traceback.clone(), Payload::None);
            let tb_attrs = [
                ("tb_frame", Value::Object(frame)),
                ("tb_lineno", Value::Int(entry.line as i64)),
                ("tb_lasti", Value::Int(-1)),
                ("tb_next", next),
            ];
            self.fill_dict(&tb, tb_attrs);
            next = Value::Object(tb);
        }
        next
    }

    fn fill_dict<const N: usize>(&mut self, obj: &Object, attrs: [(&str, Value); N]) {
        for (name, value) in attrs {
            obj.dict_set(self.interner.intern(name), value);
        }
    }
}
