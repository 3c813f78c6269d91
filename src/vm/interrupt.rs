//! Ctrl-C as the VM sees it: a flag the run loop checks at its safe points (loop
//! back-edges, calls, loop iterations) to raise KeyboardInterrupt there, as CPython does.
//! Who sets it (a signal handler thread, which also wakes the event loop's poller) is the
//! runtime's business (`runtime::signals`).

use std::sync::atomic::{AtomicBool, Ordering};

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Records a Ctrl-C (called from the signal handler thread).
pub fn request() {
    INTERRUPTED.store(true, Ordering::SeqCst);
}

/// Whether Ctrl-C was pressed since the last call (clears the flag).
#[inline]
pub fn take_interrupt() -> bool {
    INTERRUPTED.load(Ordering::Relaxed) && INTERRUPTED.swap(false, Ordering::SeqCst)
}
