//! Running out of memory as CPython does: a `MemoryError` the program can catch where
//! the program's own sizes drive an allocation, and a clean exit, never an abort, where
//! memory runs out anyway.
//!
//! Rust's collections end the process when an allocation fails. The growth a program
//! controls (a list it appends to, a string it doubles, `[x] * n`) goes through
//! [`reserve`], [`push`] and [`with_capacity`] instead, which turn the failure into an
//! [`OutOfMemory`] the VM raises as `MemoryError`. Their allocations happen inside
//! [`fallibly`], which tells the process's allocator ([`Allocator`], installed by the
//! `apy` binary) to hand the failure back. Any other failed allocation is one no program
//! can recover from (the heap is exhausted, not merely refused one huge block): the
//! allocator then prints `MemoryError` and exits with status 1, as CPython ends when it
//! cannot even create the exception.

use std::alloc::{GlobalAlloc, Layout};
use std::cell::Cell;
use std::collections::TryReserveError;

/// An allocation the program asked for could not be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("out of memory")]
pub struct OutOfMemory;

impl From<TryReserveError> for OutOfMemory {
    fn from(_: TryReserveError) -> Self {
        OutOfMemory
    }
}

thread_local! {
    /// Whether the allocations now being made report failure to their caller.
    static FALLIBLE: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f` with allocation failures returned to it (as `try_reserve`'s errors) rather
/// than ending the process.
pub fn fallibly<T>(f: impl FnOnce() -> T) -> T {
    let before = FALLIBLE.with(|c| c.replace(true));
    let result = f();
    FALLIBLE.with(|c| c.set(before));
    result
}

/// Room for `additional` more items, growing as `Vec` does (doubling).
#[inline]
pub fn reserve<T>(v: &mut Vec<T>, additional: usize) -> Result<(), OutOfMemory> {
    if v.capacity() - v.len() >= additional {
        return Ok(());
    }
    Ok(fallibly(|| v.try_reserve(additional))?)
}

/// `v.push(x)`, or [`OutOfMemory`] when the list cannot grow. Inlined: it is
/// `list.append`'s and `LIST_APPEND`'s whole body, and only a full vector leaves it.
#[inline]
pub fn push<T>(v: &mut Vec<T>, x: T) -> Result<(), OutOfMemory> {
    if v.len() == v.capacity() {
        fallibly(|| v.try_reserve(1))?;
    }
    v.push(x);
    Ok(())
}

/// An empty vector with room for `n` items.
pub fn with_capacity<T>(n: usize) -> Result<Vec<T>, OutOfMemory> {
    let mut v = Vec::new();
    fallibly(|| v.try_reserve_exact(n))?;
    Ok(v)
}

/// An empty string with room for `n` bytes.
pub fn string_with_capacity(n: usize) -> Result<String, OutOfMemory> {
    let mut s = String::new();
    fallibly(|| s.try_reserve_exact(n))?;
    Ok(s)
}

/// The process's allocator: mimalloc, which hands a failed allocation back to the code
/// that asked inside [`fallibly`] and otherwise ends the process cleanly.
pub struct Allocator;

impl Allocator {
    /// A null result from mimalloc: returned when the caller expects failure, else the
    /// end of the process.
    fn failed(&self) -> *mut u8 {
        // `try_with`: a thread being torn down has no flag left; treat it as infallible.
        if FALLIBLE.try_with(Cell::get).unwrap_or(false) {
            return std::ptr::null_mut();
        }
        exhausted()
    }
}

/// Ends the process as CPython does when memory is gone: `MemoryError` on stderr,
/// status 1. Nothing here allocates.
fn exhausted() -> ! {
    use std::io::Write;
    let _ = std::io::stderr().write_all(b"MemoryError\n");
    std::process::exit(1)
}

// SAFETY: every method forwards its arguments unchanged to mimalloc's `GlobalAlloc`,
// whose contract is the same as ours, and returns its pointer unchanged; the only
// addition is what happens when that pointer is null, which either returns null (a
// contract-permitted failure) or exits without returning. Tested below: allocations
// round-trip through the allocator, and a failed fallible reservation returns an
// error instead of ending the test process.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as above; `layout` is the caller's, valid by `GlobalAlloc`'s contract.
        let p = unsafe { mimalloc::MiMalloc.alloc(layout) };
        if p.is_null() {
            return self.failed();
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as `alloc`.
        let p = unsafe { mimalloc::MiMalloc.alloc_zeroed(layout) };
        if p.is_null() {
            return self.failed();
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from this allocator, hence from mimalloc, with `layout`.
        unsafe { mimalloc::MiMalloc.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` came from mimalloc with `layout`; on failure the old block is
        // left alone, as mimalloc's realloc leaves it.
        let p = unsafe { mimalloc::MiMalloc.realloc(ptr, layout, new_size) };
        if p.is_null() {
            return self.failed();
        }
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allocations_round_trip() {
        let a = Allocator;
        let layout = Layout::from_size_align(64, 8).unwrap();
        // SAFETY: a valid non-zero layout; the block is freed with the same layout,
        // after a realloc whose result replaces it.
        #[allow(unsafe_code)]
        unsafe {
            let p = a.alloc_zeroed(layout);
            assert!(!p.is_null());
            assert_eq!(*p.add(63), 0);
            *p = 7;
            let q = a.realloc(p, layout, 4096);
            assert_eq!(*q, 7);
            a.dealloc(q, Layout::from_size_align(4096, 8).unwrap());
        }
    }

    #[test]
    fn a_refused_reservation_is_an_error() {
        let mut v: Vec<u64> = Vec::new();
        // Larger than any address space: the capacity check fails before allocating.
        assert_eq!(reserve(&mut v, usize::MAX / 4), Err(OutOfMemory));
        let mut v: Vec<u8> = vec![1];
        // 2^46 bytes: mimalloc is asked and refuses (no machine maps 64 TiB).
        assert_eq!(reserve(&mut v, 1 << 46), Err(OutOfMemory));
        assert_eq!(v, [1]);
    }

    #[test]
    fn the_flag_is_restored() {
        assert!(!FALLIBLE.with(Cell::get));
        fallibly(|| {
            assert!(FALLIBLE.with(Cell::get));
            fallibly(|| ());
            assert!(FALLIBLE.with(Cell::get));
        });
        assert!(!FALLIBLE.with(Cell::get));
    }
}
