//! File descriptors a program names by number (`os.read(fd, n)`, `loop.add_reader(fd)`,
//! `open(fd)`, `Popen(stdout=f)`).
//!
//! Rust's IO safety wants every fd owned or borrowed from an owner; a number that comes
//! from Python has neither, so turning it into a `BorrowedFd` or `OwnedFd` is `unsafe`.
//! It is confined to the two functions here. A wrong number cannot reach memory: the
//! kernel answers EBADF, or acts on whatever fd has that number — what CPython does
//! with the same program.

use super::read_scratch::{read_up_to, ReadError};
use std::io;
use std::os::fd::{BorrowedFd, OwnedFd, RawFd};

/// `fd` as a `BorrowedFd` for the duration of `f` (one or a few system calls).
#[allow(unsafe_code)]
pub fn with_borrowed<T>(
    fd: RawFd,
    f: impl FnOnce(BorrowedFd<'_>) -> io::Result<T>,
) -> io::Result<T> {
    if fd < 0 {
        return Err(io::Error::from_raw_os_error(libc_ebadf()));
    }
    // SAFETY: the borrow does not outlive `f`, which only passes the number to system
    // calls; if the fd is closed meanwhile they fail with EBADF. No memory is reached
    // through a file descriptor. (Tested: `tests::borrowed_closed_fd_is_ebadf`.)
    let borrowed = unsafe { BorrowedFd::borrow_raw(fd) };
    f(borrowed)
}

/// Takes ownership of `fd` (`open(fd)`, `socket(fileno=fd)`): it is closed when the
/// returned `OwnedFd` drops. Fails with EBADF when `fd` is not open.
#[allow(unsafe_code)]
pub fn adopt(fd: RawFd) -> io::Result<OwnedFd> {
    // Refuse a number that is not an open fd now.
    with_borrowed(fd, |b| {
        nix::fcntl::fcntl(b, nix::fcntl::FcntlArg::F_GETFD).map_err(io::Error::from)
    })?;
    use std::os::fd::FromRawFd;
    // SAFETY: the program hands the fd over, as it does to CPython's `open(fd)`; from
    // here on the `OwnedFd` is its only closer. Should the program close the number
    // itself too, the later close fails with EBADF or closes a reused number — an OS
    // level effect CPython shares, not a memory one. (Tested: `tests::adopt_closes`.)
    Ok(unsafe { OwnedFd::from_raw_fd(fd) })
}

/// A new fd referring to the same open file as `fd` (`os.dup`).
pub fn dup(fd: RawFd) -> io::Result<OwnedFd> {
    with_borrowed(fd, |b| b.try_clone_to_owned())
}

/// `os.read(fd, n)`: at most `n` bytes (through the shared scratch buffer, so a pipe
/// transport's `read(256 KiB)` pays for what arrived, not for `n`).
pub fn read(fd: RawFd, n: usize) -> Result<Vec<u8>, ReadError> {
    read_up_to(n, |buf| {
        let got = with_borrowed(fd, |b| nix::unistd::read(b, buf).map_err(io::Error::from))?;
        Ok((got, ()))
    })
    .map(|(data, ())| data)
}

/// `os.write(fd, data)`: how many bytes were written.
pub fn write(fd: RawFd, data: &[u8]) -> io::Result<usize> {
    with_borrowed(fd, |b| nix::unistd::write(b, data).map_err(io::Error::from))
}

/// `os.close(fd)`.
pub fn close(fd: RawFd) -> io::Result<()> {
    if fd < 0 {
        return Err(io::Error::from_raw_os_error(libc_ebadf()));
    }
    nix::unistd::close(fd).map_err(io::Error::from)
}

/// Whether `fd` is in blocking mode (`os.get_blocking`).
pub fn get_blocking(fd: RawFd) -> io::Result<bool> {
    use nix::fcntl::{fcntl, FcntlArg, OFlag};
    let flags = with_borrowed(fd, |b| fcntl(b, FcntlArg::F_GETFL).map_err(io::Error::from))?;
    Ok(!OFlag::from_bits_truncate(flags).contains(OFlag::O_NONBLOCK))
}

/// `os.set_blocking(fd, blocking)`.
pub fn set_blocking(fd: RawFd, blocking: bool) -> io::Result<()> {
    use nix::fcntl::{fcntl, FcntlArg, OFlag};
    with_borrowed(fd, |b| {
        let flags = OFlag::from_bits_truncate(fcntl(b, FcntlArg::F_GETFL)?);
        let flags = if blocking {
            flags - OFlag::O_NONBLOCK
        } else {
            flags | OFlag::O_NONBLOCK
        };
        fcntl(b, FcntlArg::F_SETFL(flags))?;
        Ok(())
    })
}

fn libc_ebadf() -> i32 {
    nix::errno::Errno::EBADF as i32
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::fd::{AsRawFd, IntoRawFd};

    fn io_err(e: ReadError) -> std::io::Error {
        match e {
            ReadError::Io(e) => e,
            ReadError::NoMemory => panic!("a one-byte read ran out of memory"),
        }
    }

    #[test]
    fn borrowed_closed_fd_is_ebadf() {
        let (a, b) = std::os::unix::net::UnixStream::pair().unwrap();
        let fd = a.into_raw_fd();
        close(fd).unwrap();
        let err = io_err(read(fd, 1).unwrap_err());
        assert_eq!(err.raw_os_error(), Some(libc_ebadf()));
        assert_eq!(close(-1).unwrap_err().raw_os_error(), Some(libc_ebadf()));
        drop(b);
    }

    #[test]
    fn adopt_closes() {
        let (a, b) = std::os::unix::net::UnixStream::pair().unwrap();
        let fd = a.into_raw_fd();
        write(fd, b"hi").unwrap();
        let owned = adopt(fd).unwrap();
        assert_eq!(owned.as_raw_fd(), fd);
        drop(owned);
        // Closed by the drop: the peer sees EOF after the two bytes.
        assert_eq!(read(b.as_raw_fd(), 10).unwrap(), b"hi");
        assert_eq!(read(b.as_raw_fd(), 10).unwrap(), b"");
        assert!(adopt(-5).is_err());
    }

    #[test]
    fn blocking_flag_round_trips() {
        let (a, _b) = std::os::unix::net::UnixStream::pair().unwrap();
        let fd = a.as_raw_fd();
        assert!(get_blocking(fd).unwrap());
        set_blocking(fd, false).unwrap();
        assert!(!get_blocking(fd).unwrap());
        assert_eq!(
            io_err(read(fd, 1).unwrap_err()).kind(),
            std::io::ErrorKind::WouldBlock
        );
        set_blocking(fd, true).unwrap();
        assert!(get_blocking(fd).unwrap());
    }
}
