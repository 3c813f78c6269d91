//! Signals as the VM sees them: the OS-level handler (installed by `runtime::signals`)
//! only records which signal arrived, with atomics, and the VM runs the Python-level
//! handler at its next safe point (loop back-edges, calls, the event loop between
//! callbacks, a blocking call interrupted with EINTR), as CPython's eval breaker does.
//!
//! The Python handlers live in [`Vm::signal_handlers`], filled by the `signal` module;
//! SIGINT with no Python handler raises KeyboardInterrupt (`default_int_handler`).
//!
//! The same safe point raises the `MemoryError` owed when the allocator spent the memory
//! ballast (`crate::memory`) on an allocation no program could be told of directly.

use super::{PyResult, Vm};
use crate::object::Value;
use crate::{attention, memory};
use std::sync::atomic::{AtomicU64, Ordering};

/// Signals 1..=64 that arrived and were not handled yet, one bit each.
static PENDING: AtomicU64 = AtomicU64::new(0);

pub const SIGINT: i32 = 2;

/// Records that `sig` arrived. Async-signal-safe: atomics only.
pub fn request(sig: i32) {
    if (1..=64).contains(&sig) {
        PENDING.fetch_or(1 << (sig - 1), Ordering::SeqCst);
        attention::request();
    }
}

/// Whether a signal (or an owed `MemoryError`) waits to be handled.
#[inline]
pub fn pending() -> bool {
    attention::pending()
}

/// The waiting signals, cleared; the flag stays up while the memory ballast is spent.
fn take() -> u64 {
    attention::clear();
    let set = PENDING.swap(0, Ordering::SeqCst);
    if memory::ballast_spent() {
        attention::request();
    }
    set
}

/// Forgets every waiting signal (tests that raise one).
#[cfg(test)]
pub fn clear_pending() {
    take();
}

/// Forgets a Ctrl-C that arrived while nothing ran (the REPL's prompt).
pub fn discard_interrupt() {
    if PENDING.fetch_and(!(1 << (SIGINT - 1)), Ordering::SeqCst) == 1 << (SIGINT - 1) {
        settle();
    }
}

/// Lowers the attention flag unless a signal or the spent ballast still needs it.
fn settle() {
    attention::clear();
    if PENDING.load(Ordering::SeqCst) != 0 || memory::ballast_spent() {
        attention::request();
    }
}

impl Vm {
    /// What a blocking call interrupted by a signal (EINTR) raises when it cannot run
    /// Python handlers itself: KeyboardInterrupt for a Ctrl-C whose handler is the
    /// default one (the signal is then consumed), else None (the call is retried or
    /// reports InterruptedError, and the handler runs at the next safe point).
    pub fn interrupted_call_error(&self) -> Option<crate::object::ExcRef> {
        let bit = 1 << (SIGINT - 1);
        if PENDING.load(Ordering::SeqCst) & bit == 0 {
            return None;
        }
        let default = match &self.signal_handlers[SIGINT as usize] {
            Value::None => true,
            Value::NativeFunction(f) => f.name == "default_int_handler",
            _ => false,
        };
        if !default {
            return None;
        }
        if PENDING.fetch_and(!bit, Ordering::SeqCst) == bit {
            settle();
        }
        Some(self.new_exception(&self.exc.keyboard_interrupt.clone(), vec![]))
    }

    /// Runs the Python handlers of the signals that arrived, lowest number first; the
    /// first one that raises stops the rest, which stay pending (as in CPython).
    #[cold]
    pub fn run_signal_handlers(&mut self) -> PyResult<()> {
        if memory::ballast_spent() {
            if memory::owe_memory_error() {
                take();
                return Err(self.memory_error());
            }
            memory::rearm_ballast();
        }
        let mut set = take();
        while set != 0 {
            let sig = set.trailing_zeros() as i32 + 1;
            set &= !(1 << (sig - 1));
            let handler = self
                .signal_handlers
                .get(sig as usize)
                .cloned()
                .unwrap_or(Value::None);
            let r = match handler {
                // No Python handler: Ctrl-C is KeyboardInterrupt, others were
                // recorded by a handler since replaced.
                Value::None | Value::Int(_) => {
                    if sig == SIGINT {
                        Err(self.new_exception(&self.exc.keyboard_interrupt.clone(), vec![]))
                    } else {
                        Ok(())
                    }
                }
                h => self
                    .call(&h, &[Value::Int(sig as i64), Value::None])
                    .map(|_| ()),
            };
            if let Err(e) = r {
                // The others run at the next safe point.
                while set != 0 {
                    let rest = set.trailing_zeros() as i32 + 1;
                    set &= !(1 << (rest - 1));
                    request(rest);
                }
                return Err(e);
            }
        }
        Ok(())
    }

    /// PEP 475, for every blocking call: runs `call` again while its system call fails
    /// with EINTR, running the Python handlers of the signals that came in between (the
    /// default SIGINT handler raises KeyboardInterrupt); a handler that raises ends the
    /// call with its exception, as CPython's `sock_call` does. `call` takes its own
    /// borrows (of a socket, a child), so a handler may use or close what it waits on.
    pub fn interruptible<T>(
        &mut self,
        mut call: impl FnMut() -> std::io::Result<T>,
    ) -> PyResult<std::io::Result<T>> {
        loop {
            match call() {
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => self.check_signals()?,
                r => return Ok(r),
            }
        }
    }

    /// A safe point for signals: runs their handlers if any arrived.
    #[inline]
    pub fn check_signals(&mut self) -> PyResult<()> {
        if pending() {
            self.run_signal_handlers()
        } else {
            Ok(())
        }
    }
}
