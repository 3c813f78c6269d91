//! "Task exception was never retrieved": a failed future dropped without anyone looking
//! at its exception is reported through the loop's exception handler, as CPython does
//! from `__del__`. Drops happen deep inside reference counting, so reports are queued
//! here and printed at the loop's next safe point (or at exit).

use crate::object::{ExcRef, Value};
use crate::vm::Vm;
use std::cell::RefCell;

enum Report {
    Future {
        exc: ExcRef,
    },
    Task {
        exc: ExcRef,
        name: String,
        coro: String,
    },
}

thread_local! {
    static QUEUE: RefCell<Vec<Report>> = const { RefCell::new(Vec::new()) };
}

pub fn queue(exc: ExcRef, _loop: Value) {
    let _ = QUEUE.try_with(|q| {
        if let Ok(mut q) = q.try_borrow_mut() {
            q.push(Report::Future { exc });
        }
    });
}

pub fn queue_task(exc: ExcRef, name: String, coro: String) {
    let _ = QUEUE.try_with(|q| {
        if let Ok(mut q) = q.try_borrow_mut() {
            q.push(Report::Task { exc, name, coro });
        }
    });
}

impl Vm {
    /// Prints queued "exception was never retrieved" reports.
    pub fn report_unretrieved(&mut self) {
        let reports = QUEUE
            .try_with(|q| {
                q.try_borrow_mut()
                    .map(|mut q| std::mem::take(&mut *q))
                    .unwrap_or_default()
            })
            .unwrap_or_default();
        for r in reports {
            let (exc, header, future) = match r {
                Report::Future { exc } => {
                    let er = self.repr(&Value::Object(exc.clone())).unwrap_or_default();
                    (
                        exc,
                        "Future exception was never retrieved",
                        format!("<Future finished exception={er}>"),
                    )
                }
                Report::Task { exc, name, coro } => {
                    let er = self.repr(&Value::Object(exc.clone())).unwrap_or_default();
                    (
                        exc,
                        "Task exception was never retrieved",
                        format!("<Task finished name='{name}' coro=<{coro}> exception={er}>"),
                    )
                }
            };
            let tb = self.format_exception(&exc);
            self.write_stderr(&format!("{header}\nfuture: {future}\n{tb}"));
        }
    }
}
