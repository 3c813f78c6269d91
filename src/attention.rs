//! The one flag the VM's hot paths read to learn that something waits for its next safe
//! point (loop back-edges, calls, the event loop between callbacks), as CPython's eval
//! breaker: a signal arrived (`vm::interrupt`), or the memory ballast was spent and a
//! `MemoryError` is owed (`memory`). It sits below both so that the allocator, which
//! may not reach up into the VM, can raise it. Atomics only: a signal handler sets it.

use std::sync::atomic::{AtomicBool, Ordering};

static FLAG: AtomicBool = AtomicBool::new(false);

/// Asks for the VM's attention at its next safe point.
pub fn request() {
    FLAG.store(true, Ordering::SeqCst);
}

/// Whether anything waits: the one load the hot paths make.
#[inline]
pub fn pending() -> bool {
    FLAG.load(Ordering::Relaxed)
}

/// Lowers the flag before the safe point looks at what waits; whatever is still
/// waiting afterwards raises it again.
pub fn clear() {
    FLAG.store(false, Ordering::SeqCst);
}
