//! Ctrl-C. The OS signal is turned into the VM's interrupt flag (`vm::interrupt`) by a
//! handler thread (the `ctrlc` crate), which also wakes the event loop's poller if it is
//! blocked; the VM raises KeyboardInterrupt at its next safe point.

use polling::Poller;
use std::sync::{Arc, OnceLock};

static POLLER: OnceLock<Arc<Poller>> = OnceLock::new();

/// Installs the Ctrl-C handler (once per process).
pub fn install() {
    static INSTALLED: OnceLock<()> = OnceLock::new();
    INSTALLED.get_or_init(|| {
        let _ = ctrlc::set_handler(|| {
            crate::vm::interrupt::request();
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
