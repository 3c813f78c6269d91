//! What happens when a generator object dies: the seam between `Drop for Generator` and
//! the layers that report or finalize it.
//!
//! A generator is dropped deep inside reference counting, with no interpreter at hand,
//! and what its death means belongs to layers above `object`: a coroutine that never ran
//! queues CPython's "was never awaited" warning (the VM's warnings), and an unfinished
//! async generator is handed to its event loop so `aclose()` runs its `finally` blocks.
//! Those layers register a plain function here once, at interpreter start-up
//! (`interpreter::new_vm`); until then a death does nothing. The hooks are per thread,
//! as the interpreter is.

use super::generator::{Generator, Origin};
use super::string::PyStr;
use super::value::Value;
use std::cell::Cell;
use std::rc::Rc;

/// Called with the qualname of a coroutine dropped before it ever ran, and where it
/// was created when that was tracked.
pub type NeverAwaited = fn(&PyStr, Option<&Origin>);

/// Called with a new generator object holding the frame of an async generator dropped
/// while suspended, and the loop that first iterated it.
pub type FinalizeAsyncGen = fn(Rc<Generator>, Value);

thread_local! {
    static NEVER_AWAITED: Cell<Option<NeverAwaited>> = const { Cell::new(None) };
    static FINALIZE_ASYNCGEN: Cell<Option<FinalizeAsyncGen>> = const { Cell::new(None) };
}

/// Registers what a never-awaited coroutine's death reports.
pub fn set_never_awaited(hook: NeverAwaited) {
    NEVER_AWAITED.with(|h| h.set(Some(hook)));
}

/// Registers who finalizes an async generator dropped unfinished.
pub fn set_finalize_asyncgen(hook: FinalizeAsyncGen) {
    FINALIZE_ASYNCGEN.with(|h| h.set(Some(hook)));
}

pub(super) fn never_awaited(qualname: &PyStr, origin: Option<&Origin>) {
    if let Some(hook) = NEVER_AWAITED.try_with(Cell::get).ok().flatten() {
        hook(qualname, origin);
    }
}

pub(super) fn finalize_asyncgen(g: Rc<Generator>, loop_: Value) {
    if let Some(hook) = FINALIZE_ASYNCGEN.try_with(Cell::get).ok().flatten() {
        hook(g, loop_);
    }
}
