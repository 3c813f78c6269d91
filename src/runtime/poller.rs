//! The process's poller: the one object the event loop blocks on, with the fds it waits
//! on registered level-triggered (CPython's selectors are level-triggered too), and a
//! `notify` other threads use to wake it.
//!
//! On Linux it is epoll, called through `rustix`'s safe bindings. `polling` (used on the
//! other systems) wraps epoll too, but spends four extra system calls on every wait:
//! it arms a timerfd for sub-millisecond timeouts, re-arms that timerfd and its notify
//! eventfd (both oneshot), and reads the eventfd. The loop needs none of it: timeouts
//! are rounded up to the millisecond as CPython's `selectors.EpollSelector` rounds
//! them, and the notify eventfd here is level-triggered, read only when it fired. On a
//! busy loop (the `echo` benchmark: a wait every five round trips) those four calls
//! were a third of the loop's own system calls.
//!
//! Elsewhere (kqueue on macOS and the BSDs) the backend is `polling`, whose `add` is
//! `unsafe`; its contract is argued at that call.

use std::io;
use std::os::fd::BorrowedFd;
use std::time::Duration;

/// The key `wait` never reports: it marks the notify wake-up.
const NOTIFY_KEY: usize = usize::MAX;

/// One ready fd, as `wait` reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Readiness {
    pub key: usize,
    pub readable: bool,
    pub writable: bool,
}

/// Readiness reported by one `wait`; kept by the caller to reuse its allocation.
pub struct Events {
    ready: Vec<Readiness>,
    raw: imp::RawEvents,
}

impl Events {
    pub fn new() -> Events {
        Events {
            ready: Vec::new(),
            raw: imp::RawEvents::new(),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = Readiness> + '_ {
        self.ready.iter().copied()
    }

    pub fn clear(&mut self) {
        self.ready.clear();
    }
}

impl Default for Events {
    fn default() -> Self {
        Events::new()
    }
}

pub struct Poller(imp::Poller);

impl Poller {
    pub fn new() -> io::Result<Poller> {
        imp::Poller::new().map(Poller)
    }

    /// Starts waiting on `fd` under `key`. The caller deletes the fd before closing it
    /// (the loop's contract; see `io_waits`).
    pub fn add(&self, fd: BorrowedFd<'_>, key: usize, read: bool, write: bool) -> io::Result<()> {
        debug_assert_ne!(key, NOTIFY_KEY);
        self.0.add(fd, key, read, write)
    }

    pub fn modify(
        &self,
        fd: BorrowedFd<'_>,
        key: usize,
        read: bool,
        write: bool,
    ) -> io::Result<()> {
        self.0.modify(fd, key, read, write)
    }

    pub fn delete(&self, fd: BorrowedFd<'_>) -> io::Result<()> {
        self.0.delete(fd)
    }

    /// Blocks until an fd is ready, `notify` is called, a signal interrupts (which
    /// reports nothing), or `timeout` passes (None: no limit). Replaces `events`.
    pub fn wait(&self, events: &mut Events, timeout: Option<Duration>) -> io::Result<()> {
        events.ready.clear();
        self.0.wait(&mut events.raw, &mut events.ready, timeout)
    }

    /// Wakes the current or next `wait`, from any thread.
    pub fn notify(&self) -> io::Result<()> {
        self.0.notify()
    }
}

#[cfg(any(target_os = "linux", target_os = "android"))]
mod imp {
    use super::{Readiness, NOTIFY_KEY};
    use rustix::event::epoll::{self, EventData, EventFlags};
    use rustix::event::{eventfd, EventfdFlags, Timespec};
    use std::io;
    use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
    use std::time::Duration;

    /// How many events one `epoll_wait` returns at most (the rest come next time).
    const CAPACITY: usize = 1024;

    pub struct RawEvents(Vec<epoll::Event>);

    impl RawEvents {
        pub fn new() -> RawEvents {
            RawEvents(Vec::with_capacity(CAPACITY))
        }
    }

    pub struct Poller {
        epoll: OwnedFd,
        notify: OwnedFd,
    }

    fn flags(read: bool, write: bool) -> EventFlags {
        let mut f = EventFlags::empty();
        if read {
            f |= EventFlags::IN | EventFlags::PRI;
        }
        if write {
            f |= EventFlags::OUT;
        }
        f
    }

    fn data(key: usize) -> EventData {
        EventData::new_u64(key as u64)
    }

    impl Poller {
        pub fn new() -> io::Result<Poller> {
            let epoll = epoll::create(epoll::CreateFlags::CLOEXEC)?;
            let notify = eventfd(0, EventfdFlags::CLOEXEC | EventfdFlags::NONBLOCK)?;
            epoll::add(&epoll, &notify, data(NOTIFY_KEY), EventFlags::IN)?;
            Ok(Poller { epoll, notify })
        }

        pub fn add(&self, fd: BorrowedFd<'_>, key: usize, r: bool, w: bool) -> io::Result<()> {
            Ok(epoll::add(&self.epoll, fd, data(key), flags(r, w))?)
        }

        pub fn modify(&self, fd: BorrowedFd<'_>, key: usize, r: bool, w: bool) -> io::Result<()> {
            Ok(epoll::modify(&self.epoll, fd, data(key), flags(r, w))?)
        }

        pub fn delete(&self, fd: BorrowedFd<'_>) -> io::Result<()> {
            Ok(epoll::delete(&self.epoll, fd)?)
        }

        pub fn wait(
            &self,
            raw: &mut RawEvents,
            out: &mut Vec<Readiness>,
            timeout: Option<Duration>,
        ) -> io::Result<()> {
            // A timeout too long for a Timespec waits without one.
            let timeout = timeout.and_then(|t| Timespec::try_from(t).ok());
            raw.0.clear();
            match epoll::wait(
                &self.epoll,
                rustix::buffer::spare_capacity(&mut raw.0),
                timeout.as_ref(),
            ) {
                Ok(_) => {}
                Err(rustix::io::Errno::INTR) => return Ok(()),
                Err(e) => return Err(e.into()),
            }
            for e in &raw.0 {
                let key = e.data.u64() as usize;
                if key == NOTIFY_KEY {
                    let mut buf = [0u8; 8];
                    let _ = rustix::io::read(&self.notify, &mut buf);
                    continue;
                }
                // Hang-up and error wake both directions, as the selectors module
                // reports them.
                let f = e.flags;
                let failed = f.intersects(EventFlags::HUP | EventFlags::ERR);
                out.push(Readiness {
                    key,
                    readable: failed || f.intersects(EventFlags::IN | EventFlags::PRI),
                    writable: failed || f.contains(EventFlags::OUT),
                });
            }
            Ok(())
        }

        pub fn notify(&self) -> io::Result<()> {
            match rustix::io::write(self.notify.as_fd(), &1u64.to_ne_bytes()) {
                // A full counter already wakes the poller.
                Ok(_) | Err(rustix::io::Errno::AGAIN) => Ok(()),
                Err(e) => Err(e.into()),
            }
        }
    }
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
mod imp {
    use super::Readiness;
    use polling::{Event, Events, PollMode};
    use std::io;
    use std::os::fd::{AsRawFd, BorrowedFd};
    use std::time::Duration;

    pub struct RawEvents(Events);

    impl RawEvents {
        pub fn new() -> RawEvents {
            RawEvents(Events::new())
        }
    }

    pub struct Poller(polling::Poller);

    impl Poller {
        pub fn new() -> io::Result<Poller> {
            polling::Poller::new().map(Poller)
        }

        #[allow(unsafe_code)]
        pub fn add(&self, fd: BorrowedFd<'_>, key: usize, r: bool, w: bool) -> io::Result<()> {
            // SAFETY: `add_with_mode` requires the source to be deleted before it is
            // closed. The loop deletes every fd it registered when its callback is
            // removed, when the loop closes and when it is dropped; transports remove
            // theirs before closing the socket. A program that closes a registered fd
            // itself (which CPython also leaves undefined) cannot make the poller
            // touch memory on kqueue: the kernel drops a closed descriptor, and only
            // the fd number, never a pointer, is stored with the registration
            // (`io_waits::tests` registers, closes and re-registers an fd number).
            unsafe {
                self.0
                    .add_with_mode(fd.as_raw_fd(), Event::new(key, r, w), PollMode::Level)
            }
        }

        pub fn modify(&self, fd: BorrowedFd<'_>, key: usize, r: bool, w: bool) -> io::Result<()> {
            self.0
                .modify_with_mode(fd, Event::new(key, r, w), PollMode::Level)
        }

        pub fn delete(&self, fd: BorrowedFd<'_>) -> io::Result<()> {
            self.0.delete(fd)
        }

        pub fn wait(
            &self,
            raw: &mut RawEvents,
            out: &mut Vec<Readiness>,
            timeout: Option<Duration>,
        ) -> io::Result<()> {
            raw.0.clear();
            match self.0.wait(&mut raw.0, timeout) {
                Ok(_) => {}
                Err(e) if e.kind() == io::ErrorKind::Interrupted => return Ok(()),
                Err(e) => return Err(e),
            }
            out.extend(raw.0.iter().map(|e| Readiness {
                key: e.key,
                readable: e.readable,
                writable: e.writable,
            }));
            Ok(())
        }

        pub fn notify(&self) -> io::Result<()> {
            self.0.notify()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use std::os::fd::AsFd;
    use std::os::unix::net::UnixStream;

    #[test]
    fn reports_a_readable_fd_until_it_is_read() {
        let p = Poller::new().unwrap();
        let (mut a, b) = UnixStream::pair().unwrap();
        p.add(b.as_fd(), 7, true, false).unwrap();
        let mut ev = Events::new();
        p.wait(&mut ev, Some(Duration::ZERO)).unwrap();
        assert_eq!(ev.iter().count(), 0);
        a.write_all(b"x").unwrap();
        // Level-triggered: reported on every wait while the byte is unread.
        for _ in 0..2 {
            p.wait(&mut ev, Some(Duration::from_secs(5))).unwrap();
            let got: Vec<Readiness> = ev.iter().collect();
            assert_eq!(
                got,
                vec![Readiness {
                    key: 7,
                    readable: true,
                    writable: false
                }]
            );
        }
        p.modify(b.as_fd(), 7, false, true).unwrap();
        p.wait(&mut ev, Some(Duration::from_secs(5))).unwrap();
        assert!(ev.iter().all(|r| r.key == 7 && r.writable && !r.readable));
        p.delete(b.as_fd()).unwrap();
        p.wait(&mut ev, Some(Duration::ZERO)).unwrap();
        assert_eq!(ev.iter().count(), 0);
    }

    #[test]
    fn notify_wakes_a_wait_from_another_thread_and_is_not_reported() {
        let p = std::sync::Arc::new(Poller::new().unwrap());
        let q = p.clone();
        let t = std::thread::spawn(move || q.notify().unwrap());
        let mut ev = Events::new();
        // Without the notify this would block for a minute.
        p.wait(&mut ev, Some(Duration::from_secs(60))).unwrap();
        t.join().unwrap();
        assert_eq!(ev.iter().count(), 0);
        // The wake-up was consumed: the next wait times out at once.
        p.wait(&mut ev, Some(Duration::ZERO)).unwrap();
        assert_eq!(ev.iter().count(), 0);
    }
}
