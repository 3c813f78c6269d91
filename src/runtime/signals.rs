//! Ctrl-C. The OS signal is turned into a flag by a handler thread (the `ctrlc` crate),
//! which also wakes the event loop's poller if it is blocked; the VM looks at the flag at
//! its safe points (loop back-edges, calls, loop iterations) and raises
//! KeyboardInterrupt there, as CPython does.

use polling::Poller;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

static INTERRUPTED: AtomicBool = AtomicBool::new(false);
static POLLER: OnceLock<Arc<Poller>> = OnceLock::new();

/// Installs the Ctrl-C handler (once per process).
pub fn install() {
    static INSTALLED: OnceLock<()> = OnceLock::new();
    INSTALLED.get_or_init(|| {
        let _ = ctrlc::set_handler(|| {
            INTERRUPTED.store(true, Ordering::SeqCst);
            if let Some(p) = POLLER.get() {
                let _ = p.notify();
            }
        });
    });
}

/// The process's poller: the event loop blocks on it, IO sources register with it, and
/// Ctrl-C wakes it.
pub fn poller() -> Option<Arc<Poller>> {
    if let Some(p) = POLLER.get() {
        return Some(p.clone());
    }
    let p = Arc::new(Poller::new().ok()?);
    Some(POLLER.get_or_init(|| p).clone())
}

/// Whether Ctrl-C was pressed since the last call (clears the flag).
#[inline]
pub fn take_interrupt() -> bool {
    INTERRUPTED.load(Ordering::Relaxed) && INTERRUPTED.swap(false, Ordering::SeqCst)
}
