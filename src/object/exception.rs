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
    /// Innermost frame last (the order tracebacks print in).
    pub traceback: Vec<TracebackEntry>,
    pub cause: Value,
    pub context: Value,
    pub suppress_context: bool,
}

impl ExcData {
    pub fn new(args: Rc<Tuple>) -> ExcData {
        ExcData {
            args,
            traceback: Vec::new(),
            cause: Value::None,
            context: Value::None,
            suppress_context: false,
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
