//! The one clock every time reading goes through: `time.monotonic()`,
//! `time.perf_counter()`, `time.time()`, `loop.time()` and the loop's own timer checks.
//!
//! CPython's `loop.time()` *is* `time.monotonic()`, so a program may mix them; one
//! source keeps them equal here too. It also makes `apy run --virtual-time` possible:
//! under a virtual clock, time stands still while code runs and jumps when the loop has
//! nothing to do but wait for a timer (or `time.sleep` is called), so a program with
//! hours of sleeps prints the same in milliseconds. Each reading a program makes of a
//! virtual clock moves it on by [`VIRTUAL_TICK`]: a loop that waits for the clock to pass
//! a deadline (`while time.monotonic() < end: ...`) still ends, and since the number of
//! readings is a property of the program, the times it sees stay deterministic.
//!
//! The interpreter runs on one thread, so the clock is thread-local state.

use std::cell::Cell;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// How far a virtual clock moves per reading the program makes.
pub const VIRTUAL_TICK: Duration = Duration::from_micros(1);

/// Where a virtual clock starts: a fixed reading, so that every run computes the same
/// deadlines with the same floating-point roundings (a trace of it is reproducible).
pub const VIRTUAL_START: Duration = Duration::from_secs(1000);

struct Clock {
    /// This process's first reading of the clock.
    origin: Instant,
    /// The system uptime at `origin`, so readings look like CPython's CLOCK_MONOTONIC.
    uptime: Duration,
    /// The wall clock at `origin` (since the Unix epoch).
    wall: Duration,
    /// The reading of the virtual clock, when the clock is virtual.
    virtual_now: Cell<Option<Duration>>,
}

thread_local! {
    static CLOCK: Clock = Clock {
        origin: Instant::now(),
        uptime: read_uptime(),
        wall: SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default(),
        virtual_now: Cell::new(None),
    };
}

fn read_uptime() -> Duration {
    std::fs::read_to_string("/proc/uptime")
        .ok()
        .and_then(|s| {
            s.split_whitespace()
                .next()
                .and_then(|w| w.parse::<f64>().ok())
        })
        .filter(|u| u.is_finite() && *u >= 0.0 && *u < 1e15)
        .map_or(Duration::ZERO, Duration::from_secs_f64)
}

/// Makes this thread's clock virtual, reading [`VIRTUAL_START`].
pub fn use_virtual_time() {
    CLOCK.with(|c| {
        if c.virtual_now.get().is_none() {
            c.virtual_now.set(Some(VIRTUAL_START));
        }
    });
}

pub fn is_virtual() -> bool {
    CLOCK.with(|c| c.virtual_now.get().is_some())
}

/// The monotonic clock without moving a virtual clock: the loop's own readings (timer
/// deadlines, traces) do not count as the program's.
pub fn now() -> Duration {
    CLOCK.with(|c| {
        c.virtual_now
            .get()
            .unwrap_or_else(|| c.uptime + c.origin.elapsed())
    })
}

/// The monotonic clock as the program reads it (`time.monotonic()`, `loop.time()`).
pub fn monotonic() -> Duration {
    CLOCK.with(|c| match c.virtual_now.get() {
        Some(v) => {
            c.virtual_now.set(Some(v + VIRTUAL_TICK));
            v + VIRTUAL_TICK
        }
        None => c.uptime + c.origin.elapsed(),
    })
}

/// The loop's reading of the monotonic clock in seconds (see [`now`]).
pub fn loop_seconds() -> f64 {
    now().as_secs_f64()
}

/// Seconds since the Unix epoch (`time.time()`): the real wall clock, or under a virtual
/// clock the wall clock at start-up advanced by the virtual time since.
pub fn wall() -> Duration {
    CLOCK.with(|c| match c.virtual_now.get() {
        Some(_) => c.wall + monotonic().saturating_sub(VIRTUAL_START),
        None => SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default(),
    })
}

/// Moves a virtual clock on by `d` (a jump to the next timer, a `time.sleep`, the
/// real time an IO wait took). A real clock moves by itself: nothing to do.
pub fn advance(d: Duration) {
    CLOCK.with(|c| {
        if let Some(v) = c.virtual_now.get() {
            c.virtual_now.set(Some(v.saturating_add(d)));
        }
    });
}

/// The real time since the clock's origin, whatever the program's clock is: the CPU
/// time fallback and the length of real waits measure with it.
pub fn real_elapsed() -> Duration {
    CLOCK.with(|c| c.origin.elapsed())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_virtual_clock_moves_only_when_read_or_advanced() {
        // Each test runs on its own thread, so this clock is this test's alone.
        use_virtual_time();
        let a = monotonic();
        std::thread::sleep(Duration::from_millis(20));
        let b = monotonic();
        assert_eq!(b - a, VIRTUAL_TICK);
        let before = now();
        assert_eq!(now(), before, "the loop's readings do not move it");
        advance(Duration::from_secs(3600));
        assert_eq!(monotonic() - b, Duration::from_secs(3600) + VIRTUAL_TICK);
    }

    #[test]
    fn wall_time_follows_a_virtual_clock() {
        use_virtual_time();
        let w = wall();
        advance(Duration::from_secs(10));
        let later = wall();
        assert!(later - w >= Duration::from_secs(10));
        assert!(later - w < Duration::from_secs(10) + Duration::from_millis(1));
    }

    #[test]
    fn a_real_clock_ignores_advance() {
        let a = now();
        advance(Duration::from_secs(100));
        assert!(now() - a < Duration::from_secs(50));
        assert!(!is_virtual());
    }
}
