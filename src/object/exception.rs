//! Exception state carried by every exception object.
//!
//! Tracebacks record (code, line) pairs rather than frames: that is all a printed
//! traceback needs, and it keeps an exception stored in a local of the frame that raised it
//! from forming a frame ↔ traceback reference cycle.

use super::code::Code;
use super::instance::Object;
use super::value::{Tuple, Value};
use std::rc::Rc;

/// An exception instance (an `Object` whose payload is `Payload::Exception`).
pub type ExcRef = Rc<Object>;

#[derive(Clone)]
pub struct TracebackEntry {
    pub code: Rc<Code>,
    pub line: u32,
}

pub struct ExcData {
    pub args: Rc<Tuple>,
    /// Innermost frame first: entries are added as the exception leaves each frame
    /// (tracebacks print them in reverse).
    pub traceback: Vec<TracebackEntry>,
    pub cause: Value,
    pub context: Value,
    pub suppress_context: bool,
    /// For a NameError: the globals of the frame that raised it, where a traceback looks
    /// for a "Did you mean" suggestion (CPython reads them from the traceback's frame).
    pub name_globals: Option<Rc<super::DictObj>>,
}

/// `__context__` and `__cause__` through the trashcan: a long chain of exceptions, each
/// raised while handling the previous one, must free without recursing once per link.
impl Drop for ExcData {
    fn drop(&mut self) {
        let cause = std::mem::take(&mut self.cause);
        let context = std::mem::take(&mut self.context);
        if cause.gc_header().is_some() || context.gc_header().is_some() {
            super::gc::drop_values([context, cause]);
        }
    }
}

impl ExcData {
    pub fn new(args: Rc<Tuple>) -> ExcData {
        ExcData {
            args,
            traceback: Vec::new(),
            cause: Value::None,
            context: Value::None,
            suppress_context: false,
            name_globals: None,
        }
    }

    pub fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        f(&Value::Tuple(self.args.clone()));
        f(&self.cause);
        f(&self.context);
    }

    pub fn clear_into(&mut self, trash: &mut Vec<Value>) {
        trash.push(std::mem::take(&mut self.cause));
        trash.push(std::mem::take(&mut self.context));
        self.cause = Value::None;
        self.context = Value::None;
    }
}
