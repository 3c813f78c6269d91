//! `asyncio.gather`, native: its bookkeeping runs once per child, and spawning many
//! tasks is exactly the workload apy must be fast at.
//!
//! Semantics as CPython 3.11: children are wrapped with `ensure_future` in argument
//! order (a repeated awaitable is one child); the first failure (or cancellation) sets
//! the outer future's exception while the other children keep running, and later
//! failures are marked retrieved; with `return_exceptions=True` failures become results.
//! Cancelling the outer future cancels every child, and the outer future then *fails*
//! with CancelledError rather than being cancelled itself.

use super::future::FutureRef;
use super::payload::{DoneCallback, FutState, FutureState, GatherState};
use crate::object::Value;
use crate::vm::{PyResult, Vm};
use std::cell::RefCell;

fn gather_state(v: &Value) -> Option<&RefCell<GatherState>> {
    super::native::native(v)
}

pub fn is_gather(v: &Value) -> bool {
    gather_state(v).is_some()
}

/// The children of a `gather()` future.
pub fn children(v: &Value) -> Option<Vec<FutureRef>> {
    gather_state(v).map(|g| g.borrow().children.clone())
}

impl Vm {
    /// `gather(*aws, return_exceptions=...)`.
    pub fn gather(
        &mut self,
        aws: &[Value],
        return_exceptions: bool,
        default_loop: Value,
    ) -> PyResult {
        if aws.is_empty() {
            let fut = self.new_future(&default_loop);
            fut.set_result(self, Value::list(vec![]))?;
            return Ok(fut.into());
        }
        let mut children: Vec<FutureRef> = Vec::with_capacity(aws.len());
        let mut distinct: Vec<FutureRef> = Vec::with_capacity(aws.len());
        // A repeated awaitable (by identity) maps to its first child.
        let mut seen: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
        let mut loop_: Option<Value> = None;
        for aw in aws {
            // CPython keys its awaitables in a dict first: an unhashable argument (a list
            // passed by mistake) fails as `unhashable type: 'list'`.
            if !matches!(aw, Value::Generator(_) | Value::Object(_)) {
                self.hash(aw)?;
            }
            if let Some(addr) = aw.heap_addr() {
                if let Some(&i) = seen.get(&addr) {
                    let again = children[i].clone();
                    children.push(again);
                    continue;
                }
                seen.insert(addr, children.len());
            }
            let target = loop_.clone().unwrap_or_else(|| default_loop.clone());
            let fut = self.ensure_future(&target, aw.clone())?;
            if loop_.is_none() {
                loop_ = Some(fut.loop_());
            }
            distinct.push(fut.clone());
            children.push(fut);
        }
        let loop_ = loop_.unwrap_or(default_loop);
        let class = self.runtime().classes().gathering_future.clone();
        let outer = super::native::new_object(
            class,
            RefCell::new(GatherState {
                fut: FutureState::new(loop_),
                children,
                pending_count: distinct.len(),
                finished_count: 0,
                return_exceptions,
                cancel_requested: false,
            }),
        );
        for child in &distinct {
            child.add_done_callback(self, DoneCallback::Gather(outer.clone()));
        }
        Ok(outer)
    }

    /// A child finished (scheduled through the ready queue like any done-callback).
    pub(crate) fn gather_child_done(&mut self, outer: &Value, child: &FutureRef) -> PyResult<()> {
        let gs = gather_state(outer).expect("gather callbacks name a gathering future");
        let outer = FutureRef::known(outer.clone());
        let return_exceptions = {
            let mut g = gs.borrow_mut();
            g.finished_count += 1;
            g.return_exceptions
        };
        // The outer future's state is `gs`'s: no second lookup of its type.
        if gs.borrow().fut.state != FutState::Pending {
            if !child.cancelled() {
                // Looking at the exception marks it retrieved.
                child.exception(self)?;
            }
            return Ok(());
        }
        if !return_exceptions {
            if child.cancelled() {
                let e = child.make_cancelled_error(self);
                return outer.set_exception(self, Value::Object(e));
            }
            let exc = child.exception(self)?;
            if !exc.is_none() {
                return outer.set_exception(self, exc);
            }
        }
        let all_done = {
            let g = gs.borrow();
            g.finished_count == g.pending_count
        };
        if !all_done {
            return Ok(());
        }
        let (children, cancel_requested) = {
            let g = gs.borrow();
            (g.children.clone(), g.cancel_requested)
        };
        let mut results = Vec::with_capacity(children.len());
        for c in &children {
            let mut f = c.state();
            match f.state {
                FutState::Cancelled => {
                    // A fresh error from the message: the child's own saved exception
                    // stays for `_make_cancelled_error()` below, as in CPython.
                    let msg = f.cancel_message.clone();
                    drop(f);
                    let msg = if msg.is_none() { Value::str("") } else { msg };
                    let class = self.runtime().classes().cancelled_error.clone();
                    results.push(Value::Object(self.new_exception(&class, vec![msg])));
                }
                // `exc = fut.exception(); res = exc if exc is not None else fut.result()`
                // in one look at the finished child (both calls mark it retrieved).
                FutState::Finished => {
                    f.log_traceback = false;
                    results.push(match &f.exception {
                        Some(e) => Value::Object(e.clone()),
                        None => f.result.clone(),
                    });
                }
                FutState::Pending => {
                    drop(f);
                    results.push(c.exception(self)?);
                }
            }
        }
        if cancel_requested {
            // CPython's result loop rebinds `fut`: the error comes from the last child.
            let last = children.last().unwrap_or(child);
            let e = last.make_cancelled_error(self);
            outer.set_exception(self, Value::Object(e))
        } else {
            outer.set_result(self, Value::list(results))
        }
    }

    /// Cancelling a gather cancels its children.
    pub(crate) fn gather_cancel(&mut self, outer: &Value, msg: Value) -> PyResult<bool> {
        let Some(gs) = gather_state(outer) else {
            return Err(self.type_error("not a gathering future"));
        };
        if FutureRef::known(outer.clone()).done() {
            return Ok(false);
        }
        let children = gs.borrow().children.clone();
        let mut any = false;
        for c in &children {
            if self.cancel_any(c.value(), msg.clone())? {
                any = true;
            }
        }
        if any {
            gs.borrow_mut().cancel_requested = true;
        }
        Ok(any)
    }
}
