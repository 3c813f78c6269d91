//! Where coroutines are created, while `sys.set_coroutine_origin_tracking_depth` is
//! above zero (asyncio's debug mode sets it while its loop runs): each coroutine made by
//! a call records its calling frames, shown as `cr_origin` and in the "was never
//! awaited" warning ("Coroutine created at (most recent call last)").
//!
//! The frames are those apy knows at the call: the calling frame and its callers in
//! the interpreter's frame stack (see `frame_objects`).

use super::{Frame, Vm};
use crate::object::generator::{Origin, OriginFrame};
use crate::object::{Code, GenKind, Value};

impl Vm {
    /// Records where `made` (the result of a call in `frame`) was created, when it is
    /// a new coroutine and tracking is on.
    pub(crate) fn track_origin(&self, made: &Value, frame: &Frame) {
        let Value::Generator(g) = made else {
            return;
        };
        if g.kind != GenKind::Coroutine || self.coroutine_origin_depth == 0 {
            return;
        }
        let origin = self.origin_from(
            Some((&frame.code, frame.line())),
            self.coroutine_origin_depth,
        );
        let _ = g.origin.set(origin);
    }

    /// The frames running now, innermost first, at most `depth`: `innermost` (the code
    /// and line of the frame making the call, which the run loop holds apart), then
    /// its callers on the interpreter's frame stack.
    pub fn origin_from(&self, innermost: Option<(&Code, u32)>, depth: usize) -> Box<Origin> {
        let frames = innermost
            .into_iter()
            .chain(self.frames.iter().rev().map(|f| (&*f.code, f.line())))
            .take(depth)
            .map(|(code, line)| OriginFrame::at(code, line))
            .collect();
        Box::new(Origin { frames })
    }

    /// `coro.cr_origin`: `((filename, lineno, function), ...)`, innermost first; None
    /// when its creation was not tracked.
    pub(crate) fn cr_origin(&self, g: &crate::object::Generator) -> Value {
        let Some(origin) = g.origin.get() else {
            return Value::None;
        };
        Value::tuple(
            origin
                .frames
                .iter()
                .map(|f| {
                    Value::tuple(vec![
                        Value::str(f.file.clone()),
                        Value::Int(f.line as i64),
                        Value::Str(f.name.clone()),
                    ])
                })
                .collect(),
        )
    }
}
