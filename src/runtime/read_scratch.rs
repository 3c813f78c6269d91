//! Reads of "up to `n` bytes" (`sock.recv(n)`, `os.read(fd, n)`) without paying for `n`.
//!
//! asyncio's transports call `recv(256 KiB)` and usually get a few bytes. Reading into a
//! fresh zeroed `Vec` of `n` bytes costs a 256 KiB memset per call, and the `bytes` made
//! from it would pin the whole allocation for a 16-byte value. CPython reads into
//! uninitialised memory and shrinks it afterwards; safe Rust cannot hand the kernel
//! uninitialised memory, so reads land in one per-thread scratch buffer, zeroed only
//! when it grows, and just the bytes that arrived are copied out.

use std::cell::RefCell;
use std::collections::TryReserveError;
use std::io;

/// The largest scratch buffer kept between reads. Larger requests (rare: a program's own
/// `read(2**24)`) get a buffer of their own, freed with the call.
const SCRATCH_MAX: usize = 1 << 20;

thread_local! {
    static SCRATCH: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Why a read of up to `n` bytes gave nothing: the buffer could not be had (the caller
/// raises `MemoryError`) or the read itself failed.
#[derive(Debug)]
pub enum ReadError {
    NoMemory,
    Io(io::Error),
}

impl From<TryReserveError> for ReadError {
    fn from(_: TryReserveError) -> ReadError {
        ReadError::NoMemory
    }
}

/// Runs `read` on a writable buffer of exactly `n` bytes and returns the first `got`
/// bytes it reports filled, with whatever else `read` returns.
pub fn read_up_to<T>(
    n: usize,
    read: impl FnOnce(&mut [u8]) -> io::Result<(usize, T)>,
) -> Result<(Vec<u8>, T), ReadError> {
    let read = if n <= SCRATCH_MAX {
        // A nested read (none today: `read` is a system call) would find the buffer
        // borrowed and take the own-buffer path below.
        let scratch_read = SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut scratch) => Ok(fill(&mut scratch, n, read)),
            Err(_) => Err(read),
        });
        match scratch_read {
            Ok(result) => return result,
            Err(read) => read,
        }
    } else {
        read
    };
    let mut own = Vec::new();
    grow(&mut own, n)?;
    let (got, extra) = read(&mut own).map_err(ReadError::Io)?;
    own.truncate(got.min(n));
    own.shrink_to_fit();
    Ok((own, extra))
}

/// Reads into the first `n` bytes of the scratch buffer and copies out what arrived.
fn fill<T>(
    scratch: &mut Vec<u8>,
    n: usize,
    read: impl FnOnce(&mut [u8]) -> io::Result<(usize, T)>,
) -> Result<(Vec<u8>, T), ReadError> {
    grow(scratch, n)?;
    let (got, extra) = read(&mut scratch[..n]).map_err(ReadError::Io)?;
    Ok((scratch[..got.min(n)].to_vec(), extra))
}

/// Makes `buf` at least `n` bytes long, zeroing only the new part.
fn grow(buf: &mut Vec<u8>, n: usize) -> Result<(), TryReserveError> {
    if buf.len() < n {
        crate::memory::fallibly(|| buf.try_reserve_exact(n - buf.len()))?;
        buf.resize(n, 0);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn returns_only_what_arrived() {
        let (data, tag) = read_up_to(256 * 1024, |buf| {
            buf[..3].copy_from_slice(b"abc");
            Ok((3, "x"))
        })
        .unwrap();
        assert_eq!(data, b"abc");
        assert_eq!(data.capacity(), 3);
        assert_eq!(tag, "x");
    }

    #[test]
    fn buffer_is_exactly_the_size_asked() {
        for n in [0, 5, SCRATCH_MAX, SCRATCH_MAX + 1] {
            let (data, len) = read_up_to(n, |buf| Ok((0, buf.len()))).unwrap();
            assert!(data.is_empty());
            assert_eq!(len, n);
        }
    }

    #[test]
    fn large_reads_are_trimmed() {
        let (data, ()) = read_up_to(SCRATCH_MAX * 2, |buf| {
            buf[..2].copy_from_slice(b"hi");
            Ok((2, ()))
        })
        .unwrap();
        assert_eq!(data, b"hi");
        assert!(data.capacity() < 1024);
    }

    #[test]
    fn errors_pass_through() {
        let err = read_up_to(10, |_| -> io::Result<(usize, ())> {
            Err(io::Error::from_raw_os_error(11))
        })
        .unwrap_err();
        assert!(matches!(err, ReadError::Io(e) if e.raw_os_error() == Some(11)));
    }

    #[test]
    fn impossible_sizes_are_memory_errors() {
        let err = read_up_to(usize::MAX, |_| Ok((0, ()))).unwrap_err();
        assert!(matches!(err, ReadError::NoMemory));
    }
}
