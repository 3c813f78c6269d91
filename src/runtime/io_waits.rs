//! The loop's third queue: file descriptors waited on for readability or writability,
//! registered on the process's poller (`runtime::poller`: epoll on Linux, kqueue on the
//! BSDs).
//!
//! CPython's selector loop keeps, per fd, at most one reader and one writer `Handle`;
//! re-adding replaces (and cancels) the old one, removing the last one unregisters the
//! fd. Its selectors are level-triggered, so a callback that leaves data unread is called
//! again next iteration; the fds are registered here in `PollMode::Level` for the same
//! behaviour, with no re-arming syscall per event.
//!
//! A registered source must be deleted before it is closed. That is the loop's contract
//! (transports remove their fd before closing the socket, as CPython's do); the only
//! place it is not enforced — a program closing an fd it still waits on — cannot reach
//! memory on epoll or kqueue: the kernel drops a closed descriptor from the interest set
//! itself, and the stale entry here is repaired when the number is registered again
//! (see [`IoWaits::register`]).

use super::event_loop::Ready;
use super::handle::HandleRef;
use super::poller::{Events, Poller};
use crate::object::Value;
use std::collections::HashMap;
use std::io;
use std::os::fd::RawFd;
use std::time::Duration;

/// Which readiness a callback waits for.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Direction {
    Read,
    Write,
}

/// The callbacks waiting on one fd.
#[derive(Default)]
struct Waiters {
    reader: Option<HandleRef>,
    writer: Option<HandleRef>,
}

impl Waiters {
    fn slot(&mut self, dir: Direction) -> &mut Option<HandleRef> {
        match dir {
            Direction::Read => &mut self.reader,
            Direction::Write => &mut self.writer,
        }
    }

    /// (read, write) interest.
    fn interest(&self) -> (bool, bool) {
        (self.reader.is_some(), self.writer.is_some())
    }
}

/// Per-loop registrations; the poller itself is the process's (`signals::poller`), which
/// Ctrl-C also wakes.
pub struct IoWaits {
    fds: HashMap<RawFd, Waiters>,
    events: Events,
    /// (fd, readable, writable) of the last poll, kept to reuse its allocation.
    reported: Vec<(RawFd, bool, bool)>,
    poller: Option<std::sync::Arc<Poller>>,
}

fn key(fd: RawFd) -> usize {
    fd as usize
}

impl IoWaits {
    pub fn new() -> IoWaits {
        IoWaits {
            fds: HashMap::new(),
            events: Events::new(),
            reported: Vec::new(),
            poller: None,
        }
    }

    /// Whether anything waits on IO (a loop with nothing ready, no timers and no IO
    /// waits can never wake).
    pub fn is_empty(&self) -> bool {
        self.fds.is_empty()
    }

    /// Whether `fd` has a callback waiting in direction `dir`.
    pub fn has(&self, fd: RawFd, dir: Direction) -> bool {
        self.fds.get(&fd).is_some_and(|w| match dir {
            Direction::Read => w.reader.is_some(),
            Direction::Write => w.writer.is_some(),
        })
    }

    /// The callback waiting on `fd` in direction `dir`.
    pub fn handle(&self, fd: RawFd, dir: Direction) -> Option<HandleRef> {
        let w = self.fds.get(&fd)?;
        match dir {
            Direction::Read => w.reader.clone(),
            Direction::Write => w.writer.clone(),
        }
    }

    fn poller(&mut self) -> io::Result<&Poller> {
        if self.poller.is_none() {
            self.poller = Some(super::signals::poller().ok_or_else(io::Error::last_os_error)?);
        }
        Ok(self.poller.as_deref().expect("set above"))
    }

    /// Waits for `dir` readiness of `fd` with `handle`; returns the handle it replaces
    /// (the caller cancels it, as CPython's `_add_reader` does).
    pub fn register(
        &mut self,
        fd: RawFd,
        dir: Direction,
        handle: HandleRef,
    ) -> io::Result<Option<HandleRef>> {
        if fd < 0 {
            return Err(io::Error::from_raw_os_error(9));
        }
        if super::loop_events::on() {
            super::loop_events::record(super::loop_events::Event::IoWait {
                fd,
                write: matches!(dir, Direction::Write),
            });
        }
        let known = self.fds.contains_key(&fd);
        let mut waiters = self.fds.remove(&fd).unwrap_or_default();
        let old = waiters.slot(dir).replace(handle);
        let interest = waiters.interest();
        let poller = self.poller()?;
        let r = if known {
            // An fd closed while registered left the poller by itself: a new fd with
            // the same number is not in the interest set yet.
            match modify(poller, fd, interest) {
                Err(e) if e.raw_os_error() == Some(2) => add(poller, fd, interest),
                r => r,
            }
        } else {
            add(poller, fd, interest)
        };
        match r {
            Ok(()) => {
                self.fds.insert(fd, waiters);
                Ok(old)
            }
            Err(e) => {
                // Nothing changed: put the old callback back.
                *waiters.slot(dir) = old;
                if known {
                    self.fds.insert(fd, waiters);
                }
                Err(e)
            }
        }
    }

    /// Stops waiting for `dir` readiness of `fd`; returns the handle that waited (the
    /// caller cancels it). The fd leaves the poller with its last callback.
    pub fn unregister(&mut self, fd: RawFd, dir: Direction) -> Option<HandleRef> {
        let waiters = self.fds.get_mut(&fd)?;
        let old = waiters.slot(dir).take()?;
        let interest = waiters.interest();
        let empty = waiters.reader.is_none() && waiters.writer.is_none();
        if empty {
            self.fds.remove(&fd);
        }
        if let Ok(poller) = self.poller() {
            // A failure means the fd was closed while registered, which already took
            // it out of the poller.
            let _ = if empty {
                delete(poller, fd)
            } else {
                modify(poller, fd, interest)
            };
        }
        Some(old)
    }

    /// Waits up to `timeout` (None: until an event or Ctrl-C) and appends the callbacks
    /// of the ready fds to `ready`, in the order the poller reported them, a reader
    /// before a writer (CPython's `_process_events`). A cancelled callback unregisters
    /// its fd instead.
    pub fn poll(
        &mut self,
        timeout: Option<Duration>,
        ready: &mut std::collections::VecDeque<Ready>,
    ) {
        self.events.clear();
        if self.poller().is_err() {
            return;
        }
        let poller = self.poller.as_deref().expect("set by poller()");
        if poller.wait(&mut self.events, timeout).is_err() {
            return;
        }
        let mut reported = std::mem::take(&mut self.reported);
        reported.clear();
        for e in self.events.iter() {
            // The signal self-pipe only wakes the loop; the VM sees the signal.
            if e.key == super::signals::WAKEUP_KEY {
                super::signals::drain_wakeup();
            } else {
                reported.push((e.key as RawFd, e.readable, e.writable));
            }
        }
        for &(fd, readable, writable) in &reported {
            for (on, dir) in [(readable, Direction::Read), (writable, Direction::Write)] {
                if !on {
                    continue;
                }
                let Some(h) = self.handle(fd, dir) else {
                    continue;
                };
                if h.cancelled() {
                    self.unregister(fd, dir);
                } else {
                    if super::loop_events::on() {
                        super::loop_events::record(super::loop_events::Event::IoReady {
                            fd,
                            write: matches!(dir, Direction::Write),
                        });
                    }
                    ready.push_back(Ready::Handle(h));
                }
            }
        }
        self.reported = reported;
    }

    /// Every registration leaves the poller (`loop.close()`); the handles go to `trash`.
    pub fn clear_into(&mut self, trash: &mut Vec<Value>) {
        let fds: Vec<RawFd> = self.fds.keys().copied().collect();
        for fd in fds {
            for dir in [Direction::Read, Direction::Write] {
                if let Some(h) = self.unregister(fd, dir) {
                    trash.push(h.into());
                }
            }
        }
    }

    pub fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        for w in self.fds.values() {
            for h in [&w.reader, &w.writer].into_iter().flatten() {
                f(h.value());
            }
        }
    }
}

impl Default for IoWaits {
    fn default() -> Self {
        IoWaits::new()
    }
}

impl Drop for IoWaits {
    /// A loop dropped without `close()` still takes its fds off the shared poller.
    fn drop(&mut self) {
        let mut trash = Vec::new();
        self.clear_into(&mut trash);
    }
}

/// Puts the signal self-pipe's read end on the poller, under its own key.
pub fn register_wakeup(poller: &Poller, fd: RawFd, key: usize) -> io::Result<()> {
    // The self-pipe lives as long as the process (a static): it is never closed while
    // registered.
    super::raw_fd::with_borrowed(fd, |b| poller.add(b, key, true, false))
}

fn add(poller: &Poller, fd: RawFd, (read, write): (bool, bool)) -> io::Result<()> {
    super::raw_fd::with_borrowed(fd, |b| poller.add(b, key(fd), read, write))
}

fn modify(poller: &Poller, fd: RawFd, (read, write): (bool, bool)) -> io::Result<()> {
    super::raw_fd::with_borrowed(fd, |b| poller.modify(b, key(fd), read, write))
}

fn delete(poller: &Poller, fd: RawFd) -> io::Result<()> {
    super::raw_fd::with_borrowed(fd, |b| poller.delete(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::event_loop::Ready;
    use std::collections::VecDeque;
    use std::io::Write;
    use std::os::fd::AsRawFd;
    use std::os::unix::net::UnixStream;

    fn handle() -> HandleRef {
        let mut vm = crate::vm::Vm::bare();
        crate::runtime::init(&mut vm);
        vm.new_handle(Value::None, Vec::new(), None)
    }

    fn polled(w: &mut IoWaits) -> usize {
        let mut ready = VecDeque::new();
        w.poll(Some(Duration::from_millis(0)), &mut ready);
        ready
            .iter()
            .filter(|r| matches!(r, Ready::Handle(_)))
            .count()
    }

    #[test]
    fn level_triggered_until_read_and_gone_after_unregister() {
        let (mut a, b) = UnixStream::pair().unwrap();
        let mut w = IoWaits::new();
        let fd = b.as_raw_fd();
        w.register(fd, Direction::Read, handle()).unwrap();
        assert_eq!(polled(&mut w), 0);
        a.write_all(b"x").unwrap();
        // Level-triggered: reported again while the byte is unread.
        assert_eq!(polled(&mut w), 1);
        assert_eq!(polled(&mut w), 1);
        assert!(w.unregister(fd, Direction::Read).is_some());
        assert!(w.is_empty());
        assert_eq!(polled(&mut w), 0);
    }

    #[test]
    fn closed_fd_number_registers_again() {
        let mut w = IoWaits::new();
        let (a, b) = UnixStream::pair().unwrap();
        let fd = b.as_raw_fd();
        w.register(fd, Direction::Write, handle()).unwrap();
        // The same number, now a new socket, while the old entry is stale: `dup2`
        // closes the old socket and puts the new one at its number in one step (other
        // tests open fds in parallel, so waiting for the number's reuse would race).
        let (c, _d) = UnixStream::pair().unwrap();
        let mut b = std::os::fd::OwnedFd::from(b);
        rustix::io::dup2(&c, &mut b).unwrap();
        drop(a);
        assert_eq!(b.as_raw_fd(), fd);
        w.register(fd, Direction::Read, handle()).unwrap();
        assert_eq!(
            polled(&mut w),
            1,
            "writable socket reported once, via writer"
        );
        w.unregister(fd, Direction::Read);
        w.unregister(fd, Direction::Write);
        assert!(w.is_empty());
    }

    #[test]
    fn replacing_returns_the_old_handle() {
        let (_a, b) = UnixStream::pair().unwrap();
        let mut w = IoWaits::new();
        let fd = b.as_raw_fd();
        assert!(w.register(fd, Direction::Read, handle()).unwrap().is_none());
        assert!(w.register(fd, Direction::Read, handle()).unwrap().is_some());
        assert!(w.unregister(fd, Direction::Write).is_none());
        assert!(w.unregister(fd, Direction::Read).is_some());
        assert!(w.register(-1, Direction::Read, handle()).is_err());
    }
}
