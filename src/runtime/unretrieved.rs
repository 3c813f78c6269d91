//! "Task exception was never retrieved": a failed future dropped without anyone looking
//! at its exception is reported through the loop's exception handler, as CPython does
//! from `__del__`. Drops happen deep inside reference counting, so reports are queued
//! here and made at the loop's next safe point (or at exit). The future itself is gone
//! by then; the handler's context gets a stand-in with the future's repr.

use super::trace_points::created_at;
use crate::object::generator::Origin;
use crate::object::{ExcRef, Value};
use crate::vm::Vm;
use std::cell::RefCell;

enum Report {
    Future {
        exc: ExcRef,
        loop_: Value,
        source: Option<Box<Origin>>,
    },
    Task {
        exc: ExcRef,
        loop_: Value,
        name: String,
        coro: String,
        /// Where it was created (debug mode).
        source: Option<Box<Origin>>,
    },
}

thread_local! {
    static QUEUE: RefCell<Vec<Report>> = const { RefCell::new(Vec::new()) };
}

fn push(r: Report) {
    let _ = QUEUE.try_with(|q| {
        if let Ok(mut q) = q.try_borrow_mut() {
            q.push(r);
        }
    });
}

/// Whether any report is waiting.
pub fn pending() -> bool {
    QUEUE
        .try_with(|q| q.try_borrow().is_ok_and(|q| !q.is_empty()))
        .unwrap_or(false)
}

pub fn queue(exc: ExcRef, loop_: Value, source: Option<Box<Origin>>) {
    push(Report::Future { exc, loop_, source });
}

pub fn queue_task(
    exc: ExcRef,
    loop_: Value,
    name: String,
    coro: String,
    source: Option<Box<Origin>>,
) {
    push(Report::Task {
        exc,
        loop_,
        name,
        coro,
        source,
    });
}

/// `source_traceback` for the exception handler's context: `(filename, lineno, name,
/// line)` tuples, oldest first (what `traceback.format_list` takes).
fn source_traceback(origin: &Origin) -> Value {
    Value::list(
        origin
            .frames
            .iter()
            .rev()
            .map(|f| {
                Value::tuple(vec![
                    Value::str(f.file.clone()),
                    Value::Int(f.line as i64),
                    Value::Str(f.name.clone()),
                    Value::str(f.text.clone()),
                ])
            })
            .collect(),
    )
}

impl Vm {
    /// Makes the queued "exception was never retrieved" reports.
    pub fn report_unretrieved(&mut self) {
        let reports = QUEUE
            .try_with(|q| {
                q.try_borrow_mut()
                    .map(|mut q| std::mem::take(&mut *q))
                    .unwrap_or_default()
            })
            .unwrap_or_default();
        for r in reports {
            let (exc, loop_, header, future, source) = match r {
                Report::Future { exc, loop_, source } => {
                    let er = self.repr(&Value::Object(exc.clone())).unwrap_or_default();
                    (
                        exc,
                        loop_,
                        "Future exception was never retrieved",
                        format!(
                            "<Future finished exception={er}{}>",
                            created_at(source.as_deref())
                        ),
                        source.as_deref().map_or(Value::None, source_traceback),
                    )
                }
                Report::Task {
                    exc,
                    loop_,
                    name,
                    coro,
                    source,
                } => {
                    let er = self.repr(&Value::Object(exc.clone())).unwrap_or_default();
                    let name = self.repr(&Value::str(name)).unwrap_or_default();
                    let created = created_at(source.as_deref());
                    (
                        exc,
                        loop_,
                        "Task exception was never retrieved",
                        format!(
                            "<Task finished name={name} coro=<{coro}> exception={er}{created}>"
                        ),
                        source.as_deref().map_or(Value::None, source_traceback),
                    )
                }
            };
            if super::loop_events::on() {
                super::loop_events::record(super::loop_events::Event::Unretrieved {
                    what: format!("{header}: {future}"),
                });
            }
            let report = self.runtime().report_unretrieved.clone();
            let through_loop = !loop_.is_none()
                && !report.is_none()
                && self
                    .call(
                        &report,
                        &[
                            loop_,
                            Value::str(header),
                            Value::Object(exc.clone()),
                            Value::str(future.clone()),
                            source,
                        ],
                    )
                    .is_ok();
            if !through_loop {
                let tb = self.format_exception(&exc);
                self.write_stderr(&format!("{header}\nfuture: {future}\n{tb}"));
            }
        }
    }
}
