//! OS signals: the process-wide handler that records a signal for the VM
//! (`vm::interrupt`) and wakes the event loop's poller through a self-pipe, and the
//! dispositions the `signal` module sets (default, ignore, handled).
//!
//! The handler is installed without `SA_RESTART`, as CPython installs its own, so a
//! blocking system call (`time.sleep`, a blocking `recv`) returns EINTR and the VM
//! runs the Python handler at once (PEP 475). It does only async-signal-safe work:
//! two atomic stores and one `write(2)` to the non-blocking self-pipe, errno kept.
//!
//! Installing a handler and reading a disposition are `unsafe` in POSIX bindings (the
//! handler runs at any instruction); that is confined to the functions below, each
//! with its SAFETY argument.

use super::poller::Poller;
use std::io;
use std::os::fd::{AsRawFd, RawFd};
use std::os::unix::net::UnixStream;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::sync::{Arc, OnceLock};

use nix::sys::signal::{SaFlags, SigAction, SigHandler, SigSet, Signal};

static POLLER: OnceLock<Arc<Poller>> = OnceLock::new();
/// The self-pipe: the handler writes a byte to `WAKE_WRITE`, the poller watches the
/// read end (key [`WAKEUP_KEY`]).
static WAKE: OnceLock<(UnixStream, UnixStream)> = OnceLock::new();
static WAKE_WRITE: AtomicI32 = AtomicI32::new(-1);

/// The poller key of the self-pipe's read end.
pub const WAKEUP_KEY: usize = usize::MAX - 1;

/// What the process does on a signal.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Disposition {
    Default,
    Ignore,
    /// apy's handler: the VM runs the Python handler.
    Handled,
}

/// At start-up: the self-pipe, and Ctrl-C handled — unless SIGINT was ignored when apy
/// started (`nohup`, a shell's background job), which stays ignored.
pub fn install() {
    static INSTALLED: OnceLock<()> = OnceLock::new();
    INSTALLED.get_or_init(|| {
        wakeup_pipe();
        if disposition(Signal::SIGINT as i32) != Some(Disposition::Ignore) {
            let _ = set_disposition(Signal::SIGINT as i32, Disposition::Handled);
        }
    });
}

/// The signal `apy run --dump-on SIGNAL` prints the task tree on (0: none).
static DUMP_SIGNAL: AtomicI32 = AtomicI32::new(0);

/// `--dump-on SIGNAL`: interpreters made from now on print their live task tree to
/// stderr when `signal` arrives (see `runtime::task_tree`).
pub fn dump_tasks_on(signal: Signal) {
    DUMP_SIGNAL.store(signal as i32, Ordering::SeqCst);
}

/// The signal set by [`dump_tasks_on`], if any.
pub fn dump_signal() -> Option<i32> {
    match DUMP_SIGNAL.load(Ordering::SeqCst) {
        0 => None,
        sig => Some(sig),
    }
}

/// Keeps signals away from the calling thread (the start-up thread that only waits
/// for the interpreter's, and helper threads such as child watchers), so that the
/// kernel delivers them to the interpreter's thread, whose blocking calls they must
/// interrupt.
pub fn block_in_this_thread() {
    let _ = nix::sys::signal::pthread_sigmask(
        nix::sys::signal::SigmaskHow::SIG_BLOCK,
        Some(&SigSet::all()),
        None,
    );
}

static EXIT_BY_SIGINT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// The program ended with an uncaught KeyboardInterrupt.
pub fn request_exit_by_sigint() {
    EXIT_BY_SIGINT.store(true, Ordering::SeqCst);
}

/// At exit after an uncaught KeyboardInterrupt: dies of SIGINT, with the default
/// disposition, as CPython does (the parent sees a signal, a shell prints nothing and
/// stops a script). Returns if the signal could not end the process.
pub fn exit_by_sigint_if_requested() {
    if !EXIT_BY_SIGINT.load(Ordering::SeqCst) {
        return;
    }
    if set_disposition(Signal::SIGINT as i32, Disposition::Default).is_err() {
        return;
    }
    let mut only_int = SigSet::empty();
    only_int.add(Signal::SIGINT);
    let _ = nix::sys::signal::pthread_sigmask(
        nix::sys::signal::SigmaskHow::SIG_UNBLOCK,
        Some(&only_int),
        None,
    );
    let _ = nix::sys::signal::raise(Signal::SIGINT);
}

/// The self-pipe, made (and its read end put on the poller) once.
fn wakeup_pipe() -> Option<&'static (UnixStream, UnixStream)> {
    if let Some(w) = WAKE.get() {
        return Some(w);
    }
    let (r, w) = UnixStream::pair().ok()?;
    r.set_nonblocking(true).ok()?;
    w.set_nonblocking(true).ok()?;
    let pair = WAKE.get_or_init(|| (r, w));
    WAKE_WRITE.store(pair.1.as_raw_fd(), Ordering::SeqCst);
    if let Some(p) = poller() {
        let _ = super::io_waits::register_wakeup(&p, pair.0.as_raw_fd(), WAKEUP_KEY);
    }
    Some(pair)
}

/// Empties the self-pipe (its bytes only say "a signal came").
pub fn drain_wakeup() {
    if let Some((r, _)) = WAKE.get() {
        let mut buf = [0u8; 64];
        while matches!(io::Read::read(&mut &*r, &mut buf), Ok(n) if n > 0) {}
    }
}

/// The process's poller: the event loop blocks on it, IO sources register with it, and
/// signals wake it.
pub fn poller() -> Option<Arc<Poller>> {
    if let Some(p) = POLLER.get() {
        return Some(p.clone());
    }
    let p = Arc::new(Poller::new().ok()?);
    Some(POLLER.get_or_init(|| p).clone())
}

extern "C" fn on_signal(sig: nix::libc::c_int) {
    let saved = nix::errno::Errno::last_raw();
    crate::vm::interrupt::request(sig);
    let fd = WAKE_WRITE.load(Ordering::Relaxed);
    if fd >= 0 {
        let _ = crate::runtime::raw_fd::write(fd, &[sig as u8]);
    }
    nix::errno::Errno::set_raw(saved);
}

fn signal_of(sig: i32) -> io::Result<Signal> {
    Signal::try_from(sig).map_err(io::Error::from)
}

/// Sets what the process does on `sig`.
#[allow(unsafe_code)]
pub fn set_disposition(sig: i32, d: Disposition) -> io::Result<()> {
    let signal = signal_of(sig)?;
    if d == Disposition::Handled {
        wakeup_pipe();
    }
    let handler = match d {
        Disposition::Default => SigHandler::SigDfl,
        Disposition::Ignore => SigHandler::SigIgn,
        Disposition::Handled => SigHandler::Handler(on_signal),
    };
    let action = SigAction::new(handler, SaFlags::SA_ONSTACK, SigSet::empty());
    // SAFETY: `on_signal` is async-signal-safe (atomic stores, one `write(2)` on a
    // non-blocking fd that lives as long as the process, errno saved and restored);
    // SIG_DFL and SIG_IGN run no code of ours. (Tested: `tests::handled_signal_is_recorded`.)
    unsafe { nix::sys::signal::sigaction(signal, &action) }
        .map(|_| ())
        .map_err(io::Error::from)
}

/// What the process does on `sig` now; None for a number that is no signal.
#[allow(unsafe_code)]
pub fn disposition(sig: i32) -> Option<Disposition> {
    if !(1..=64).contains(&sig) {
        return None;
    }
    let mut old = std::mem::MaybeUninit::<nix::libc::sigaction>::zeroed();
    // SAFETY: with a null new action `sigaction(2)` only writes the current one into
    // `old`, a valid, zeroed `struct sigaction` owned by this frame.
    let rc = unsafe { nix::libc::sigaction(sig, std::ptr::null(), old.as_mut_ptr()) };
    if rc != 0 {
        return None;
    }
    // SAFETY: `sigaction` returned 0, so it filled `old` (and it was zeroed before).
    let old = unsafe { old.assume_init() };
    Some(match old.sa_sigaction {
        nix::libc::SIG_DFL => Disposition::Default,
        nix::libc::SIG_IGN => Disposition::Ignore,
        _ => Disposition::Handled,
    })
}

/// `setitimer(which, seconds, interval)`: the timer's previous (delay, interval).
#[allow(unsafe_code)]
pub fn set_timer(which: i32, seconds: f64, interval: f64) -> io::Result<(f64, f64)> {
    if !(0..=2).contains(&which) {
        return Err(io::Error::from_raw_os_error(22));
    }
    if which == 0 {
        PROGRAM_SET_REAL_TIMER.store(true, Ordering::Relaxed);
    }
    let tv = |s: f64| {
        let s = s.max(0.0);
        nix::libc::timeval {
            tv_sec: s.trunc() as nix::libc::time_t,
            tv_usec: ((s.fract() * 1e6).ceil() as nix::libc::suseconds_t).min(999_999),
        }
    };
    let new = nix::libc::itimerval {
        it_interval: tv(interval),
        it_value: tv(seconds),
    };
    let mut old = std::mem::MaybeUninit::<nix::libc::itimerval>::zeroed();
    // SAFETY: `new` is a valid itimerval and `old` a zeroed one owned by this frame,
    // which `setitimer(2)` fills on success.
    let rc = unsafe { nix::libc::setitimer(which as _, &new, old.as_mut_ptr()) };
    if rc != 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: zeroed, then filled by a successful call.
    let old = unsafe { old.assume_init() };
    Ok((seconds_of(old.it_value), seconds_of(old.it_interval)))
}

/// `getitimer(which)`: (delay, interval).
#[allow(unsafe_code)]
pub fn get_timer(which: i32) -> io::Result<(f64, f64)> {
    if !(0..=2).contains(&which) {
        return Err(io::Error::from_raw_os_error(22));
    }
    let mut now = std::mem::MaybeUninit::<nix::libc::itimerval>::zeroed();
    // SAFETY: `now` is a zeroed itimerval owned by this frame, filled on success.
    let rc = unsafe { nix::libc::getitimer(which as _, now.as_mut_ptr()) };
    if rc != 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: zeroed, then filled by a successful call.
    let now = unsafe { now.assume_init() };
    Ok((seconds_of(now.it_value), seconds_of(now.it_interval)))
}

/// Whether the program set a real-time timer (`alarm`, `setitimer(ITIMER_REAL)`). A
/// timer the process had before (one an embedding host or a fuzzer's watchdog set) is
/// not the program's to wait for.
static PROGRAM_SET_REAL_TIMER: AtomicBool = AtomicBool::new(false);

/// `alarm(seconds)`: SIGALRM after that many seconds (0 cancels); the seconds that
/// were left of the previous alarm.
pub fn set_alarm(seconds: u32) -> u32 {
    PROGRAM_SET_REAL_TIMER.store(true, Ordering::Relaxed);
    let left = if seconds == 0 {
        nix::unistd::alarm::cancel()
    } else {
        nix::unistd::alarm::set(seconds)
    };
    left.unwrap_or(0)
}

/// Whether a real-time timer the program set is counting down: its SIGALRM comes in
/// real time, so a virtual clock must not jump past it.
pub fn real_timer_armed() -> bool {
    PROGRAM_SET_REAL_TIMER.load(Ordering::Relaxed) && get_timer(0).is_ok_and(|(left, _)| left > 0.0)
}

fn seconds_of(tv: nix::libc::timeval) -> f64 {
    tv.tv_sec as f64 + tv.tv_usec as f64 * 1e-6
}

/// The number of the write end of the self-pipe (for tests).
pub fn wakeup_fd() -> RawFd {
    WAKE_WRITE.load(Ordering::Relaxed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handled_signal_is_recorded() {
        let sig = Signal::SIGUSR2 as i32;
        let before = disposition(sig);
        set_disposition(sig, Disposition::Handled).unwrap();
        assert_eq!(disposition(sig), Some(Disposition::Handled));
        assert!(wakeup_fd() >= 0);
        nix::sys::signal::raise(Signal::SIGUSR2).unwrap();
        assert!(crate::vm::interrupt::pending());
        crate::vm::interrupt::clear_pending();
        drain_wakeup();
        set_disposition(sig, Disposition::Ignore).unwrap();
        assert_eq!(disposition(sig), Some(Disposition::Ignore));
        set_disposition(sig, before.unwrap_or(Disposition::Default)).unwrap();
        assert_eq!(disposition(999), None);
    }

    #[test]
    fn virtual_timer_round_trips() {
        // ITIMER_VIRTUAL (process CPU time): set far ahead, read back, cancel.
        assert_eq!(set_timer(1, 100.0, 0.5).unwrap(), (0.0, 0.0));
        let (value, interval) = get_timer(1).unwrap();
        assert!(value > 99.0 && value < 100.5, "{value}");
        assert_eq!(interval, 0.5);
        let (value, _) = set_timer(1, 0.0, 0.0).unwrap();
        assert!(value > 99.0);
        assert_eq!(get_timer(1).unwrap(), (0.0, 0.0));
        assert!(set_timer(7, 1.0, 0.0).is_err());
    }
}
