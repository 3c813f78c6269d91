//! Where coroutines are created, while `sys.set_coroutine_origin_tracking_depth` is
//! above zero (asyncio's debug mode sets it while its loop runs): each coroutine made by
//! a call records its calling frames, shown as `cr_origin` and in the "was never
//! awaited" warning ("Coroutine created at (most recent call last)").
//!
//! The frames are those apy knows at the call: the calling frame and its callers in
//! the interpreter's frame stack (see `frame_objects`).

use super::{Frame, Vm};
use crate::object::generator::{Origin, OriginFrame};
use crate::object::{GenKind, Value};

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
        let frames = std::iter::once(frame)
            .chain(self.frames.iter().rev().map(|f| &**f))
            .take(self.coroutine_origin_depth)
            .map(|f| {
                let line = f.line();
                OriginFrame {
                    file: f.code.filename().to_string(),
                    line,
                    name: f.code.name.clone(),
                    text: f.code.source.quoted_line(line).trim().to_string(),
                }
            })
            .collect();
        let _ = g.origin.set(Box::new(Origin { frames }));
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
