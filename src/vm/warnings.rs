//! Warnings raised from places that have no interpreter at hand — chiefly a coroutine
//! dropped without ever being awaited (its `Drop` runs deep inside reference counting).
//! They are queued and printed by the VM at its next safe point, with the location of
//! the code running at that moment, which is what CPython reports too.
//!
//! Once a program has imported `warnings`, each one goes through that module instead
//! (`warnings._warn_native`), so its filters, `catch_warnings` and a replaced
//! `showwarning` see the interpreter's warnings as they see the program's own.

use super::Vm;
use crate::object::frame::Frame;
use crate::object::Value;
use std::cell::{Cell, RefCell};

thread_local! {
    static PENDING: Cell<bool> = const { Cell::new(false) };
    static QUEUE: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    /// Warnings already shown, by (file, line, message): CPython's "default" action
    /// (the `__warningregistry__`) shows each only once per location.
    static SHOWN: RefCell<std::collections::HashSet<(String, u32, String)>> =
        RefCell::new(std::collections::HashSet::new());
}

/// Records `msg` at `file:line`; false when it was shown there before.
fn first_time(file: &str, line: u32, msg: &str) -> bool {
    SHOWN.with(|s| {
        s.borrow_mut()
            .insert((file.to_string(), line, msg.to_string()))
    })
}

/// Queues `RuntimeWarning: coroutine '<qualname>' was never awaited`, followed, when
/// its creation was tracked, by where it was created (as `warnings.
/// _warn_unawaited_coroutine` words it: a `traceback.format_list` of `cr_origin`).
pub fn coroutine_never_awaited(
    qualname: &crate::object::PyStr,
    origin: Option<&crate::object::generator::Origin>,
) {
    let mut msg = format!("coroutine '{}' was never awaited", qualname.as_str());
    if let Some(origin) = origin {
        msg.push_str("\nCoroutine created at (most recent call last)\n");
        for f in origin.frames.iter().rev() {
            msg.push_str(&format!(
                "  File \"{}\", line {}, in {}\n",
                f.file,
                f.line,
                f.name.as_str()
            ));
            if !f.text.is_empty() {
                msg.push_str(&format!("    {}\n", f.text));
            }
        }
        msg.truncate(msg.trim_end_matches('\n').len());
    }
    let _ = QUEUE.try_with(|q| {
        if let Ok(mut q) = q.try_borrow_mut() {
            q.push(msg);
            PENDING.with(|p| p.set(true));
        }
    });
}

#[inline]
pub fn pending() -> bool {
    PENDING.with(|p| p.get())
}

fn take() -> Vec<String> {
    PENDING.with(|p| p.set(false));
    QUEUE.with(|q| {
        q.try_borrow_mut()
            .map(|mut q| std::mem::take(&mut *q))
            .unwrap_or_default()
    })
}

impl Vm {
    /// Prints queued warnings, attributed to `frame`'s current line.
    pub fn flush_warnings(&mut self, frame: &Frame) {
        let msgs = take();
        if msgs.is_empty() {
            return;
        }
        let line = frame.line();
        let file = frame.code.filename().to_string();
        let src = frame.code.source.quoted_line(line).trim().to_string();
        let mut out = String::new();
        for m in msgs {
            if !first_time(&file, line, &m) {
                continue;
            }
            if self.warn_through_module(&m, &file, line) {
                continue;
            }
            out.push_str(&format!("{file}:{line}: RuntimeWarning: {m}\n"));
            if !src.is_empty() {
                out.push_str(&format!("  {src}\n"));
            }
            out.push_str(
                "RuntimeWarning: Enable tracemalloc to get the object allocation traceback\n",
            );
        }
        if !out.is_empty() {
            self.write_stderr(&out);
        }
    }

    /// Prints queued warnings when no Python frame is running.
    pub fn flush_warnings_outside(&mut self) {
        self.flush_outside(true);
    }

    /// Prints queued warnings raised while the interpreter shuts down. CPython's
    /// tracemalloc hint is missing there: the module can no longer be imported.
    pub fn flush_warnings_at_shutdown(&mut self) {
        self.flush_outside(false);
    }

    fn flush_outside(&mut self, hint: bool) {
        let msgs = take();
        let mut out = String::new();
        for m in msgs {
            if !first_time("sys", 1, &m) {
                continue;
            }
            if hint && self.warn_through_module(&m, "sys", 1) {
                continue;
            }
            out.push_str(&format!("sys:1: RuntimeWarning: {m}\n"));
            if hint {
                out.push_str(
                    "RuntimeWarning: Enable tracemalloc to get the object allocation traceback\n",
                );
            }
        }
        if !out.is_empty() {
            self.write_stderr(&out);
        }
    }

    /// Issues the SyntaxWarnings compiling `source` produced, before its code runs, as
    /// CPython's compiler does: through the `warnings` module once the program imported
    /// it (its filters apply), else printed once per location. A warning that a filter
    /// turns into an error is the SyntaxError the caller reports instead of running.
    pub fn issue_syntax_warnings(
        &mut self,
        source: &crate::source::SourceFile,
        warnings: &[crate::compiler::syntax_warnings::SyntaxWarning],
    ) -> Result<(), crate::diagnostic::Diagnostic> {
        for w in warnings {
            let file = source.name.as_str();
            let line = source.line_of(w.span.start);
            if let Some(f) = self.loaded_module_attr("warnings", "_warn_native") {
                let args = [
                    Value::str(w.message.as_str()),
                    Value::str("SyntaxWarning"),
                    Value::str(file),
                    Value::int(i64::from(line)),
                ];
                if let Err(e) = self.call(&f, &args) {
                    if e.class.name.as_str() == "SyntaxWarning" {
                        return Err(crate::diagnostic::Diagnostic::syntax(
                            w.message.clone(),
                            w.span,
                        ));
                    }
                    self.write_unraisable(&e, &Value::None);
                }
                continue;
            }
            if !first_time(file, line, &w.message) {
                continue;
            }
            let mut out = format!("{file}:{line}: SyntaxWarning: {}\n", w.message);
            // CPython quotes the line from the file; `<string>` and `<stdin>` have none.
            if !file.starts_with('<') {
                let text = source.line_text(line).trim();
                if !text.is_empty() {
                    out.push_str(&format!("  {text}\n"));
                }
            }
            self.write_stderr(&out);
        }
        Ok(())
    }

    /// Hands a RuntimeWarning to the `warnings` module if the program imported it;
    /// false when it did not (the caller prints the warning itself). An exception from
    /// the module (a filter set to "error") is reported as unraisable, as CPython
    /// reports a warning it cannot raise from a finalizer.
    fn warn_through_module(&mut self, msg: &str, file: &str, line: u32) -> bool {
        let Some(f) = self.loaded_module_attr("warnings", "_warn_native") else {
            return false;
        };
        let args = [
            Value::str(msg),
            Value::str("RuntimeWarning"),
            Value::str(file),
            Value::int(i64::from(line)),
            Value::None,
            Value::None,
            // Any source: it makes the report end with the tracemalloc hint.
            Value::bool(true),
        ];
        if let Err(e) = self.call(&f, &args) {
            self.write_unraisable(&e, &Value::None);
        }
        true
    }
}
