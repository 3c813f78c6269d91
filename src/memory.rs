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
//!
//! Every other allocation is infallible in Rust, so the binary also holds a ballast
//! ([`arm_ballast`]): a block kept from start-up and given back the first time such an
//! allocation fails, which then succeeds. The program is told at the VM's next safe point
//! (a loop's back-edge, a call), where `MemoryError` is raised as if by the allocation
//! itself: a comprehension that fills memory with small objects ends in a `MemoryError`
//! the program can catch, not in the end of the process. Natives that build a result
//! item by item ([`collect`]) stop at once, and the collector, short of room for its
//! bookkeeping, reports a [`shortage`] the same way. Once the program has freed memory
//! the ballast is taken again, ready for the next time; a failure while it is spent ends
//! the process as before.
//!
//! Results built by code that cannot use these (a product of big ints, which `num-bigint`
//! allocates itself; a padded or replaced string built by `std`'s methods) ask
//! [`ensure_room`] first: when the allocator refuses a block the size of the result,
//! building it would have ended the process, and the program gets its `MemoryError`
//! instead.

use std::alloc::{GlobalAlloc, Layout};
use std::cell::Cell;
use std::collections::TryReserveError;
use std::sync::atomic::{AtomicU32, AtomicU8, Ordering};
use std::sync::Mutex;

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

/// Results at least this large are asked of the allocator before they are built; below
/// it a refusal means the heap itself is exhausted, which the ballast is for.
const PROBE_BYTES: usize = 1 << 20;

/// Whether a block of `bytes` can be had now, for a result about to be built by code
/// whose own allocations cannot fail softly. The block is freed at once: it stands in
/// for the result (and the scratch a caller counts in), so a refusal here is the
/// refusal that building the result would have met.
pub fn ensure_room(bytes: usize) -> Result<(), OutOfMemory> {
    if bytes < PROBE_BYTES {
        return Ok(());
    }
    let mut probe: Vec<u8> = Vec::new();
    Ok(fallibly(|| probe.try_reserve_exact(bytes))?)
}

/// `iter.collect()`, or [`OutOfMemory`] when the vector cannot grow or an item's own
/// allocation spent the ballast.
pub fn collect<T>(iter: impl Iterator<Item = T>) -> Result<Vec<T>, OutOfMemory> {
    let mut out = with_capacity(iter.size_hint().0)?;
    for x in iter {
        if ballast_just_spent() {
            return Err(OutOfMemory);
        }
        push(&mut out, x)?;
    }
    Ok(out)
}

/// `n` zero bytes (`bytes(n)`).
pub fn zeroed(n: usize) -> Result<Vec<u8>, OutOfMemory> {
    let mut v = with_capacity(n)?;
    v.resize(n, 0);
    Ok(v)
}

/// [`std::io::Read::read_to_end`] with fallible growth: a refusal is an error of kind
/// `OutOfMemory`, which `Vm::os_error` raises as `MemoryError`.
pub fn read_to_end(r: &mut impl std::io::Read, out: &mut Vec<u8>) -> std::io::Result<usize> {
    const CHUNK: usize = 64 * 1024;
    let start = out.len();
    loop {
        let room = CHUNK.max(out.len() - start);
        reserve(out, room).map_err(|_| std::io::Error::from(std::io::ErrorKind::OutOfMemory))?;
        let filled = out.len();
        out.resize(out.capacity(), 0);
        match r.read(&mut out[filled..]) {
            Ok(0) => {
                out.truncate(filled);
                return Ok(filled - start);
            }
            Ok(got) => out.truncate(filled + got),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => out.truncate(filled),
            Err(e) => {
                out.truncate(filled);
                return Err(e);
            }
        }
    }
}

/// The ballast's size: more than one of mimalloc's segments (32 MiB), so that freeing
/// it leaves room for the next segment small allocations need, or a vector's doubling.
const BALLAST_BYTES: usize = 48 << 20;

/// The ballast block, while held.
static BALLAST: Mutex<Vec<u8>> = Mutex::new(Vec::new());

/// Where the ballast stands: never taken (the library without the `apy` binary), held,
/// spent with the program not yet told, or spent and told (to be taken again).
static BALLAST_STATE: AtomicU8 = AtomicU8::new(UNARMED);
const UNARMED: u8 = 0;
const HELD: u8 = 1;
const SPENT: u8 = 2;
const TOLD: u8 = 3;

/// Safe points passed since the ballast was spent and told: it is asked for again only
/// on every [`REARM_EVERY`]th, as a refused request costs a system call.
static REARM_TICKS: AtomicU32 = AtomicU32::new(0);
const REARM_EVERY: u32 = 256;

/// Takes the ballast (the `apy` binary, at start-up, on the interpreter's thread: mimalloc
/// returns a block to the system at once only when the thread that allocated it frees
/// it). False when memory is already too short for it; nothing changes then.
pub fn arm_ballast() -> bool {
    let mut block: Vec<u8> = Vec::new();
    if fallibly(|| block.try_reserve_exact(BALLAST_BYTES)).is_err() {
        return false;
    }
    match BALLAST.lock() {
        Ok(mut held) => *held = block,
        Err(_) => return false,
    }
    BALLAST_STATE.store(HELD, Ordering::SeqCst);
    true
}

/// Gives the ballast back to the allocator and asks the VM to tell the program; false
/// when there is none to give. Runs inside the allocator: the lock is only tried (the
/// failed allocation may come from code holding it) and the block is freed after it
/// is released.
fn release_ballast() -> bool {
    let block = match BALLAST.try_lock() {
        Ok(mut held) if held.capacity() > 0 => std::mem::take(&mut *held),
        _ => return false,
    };
    drop(block);
    BALLAST_STATE.store(SPENT, Ordering::SeqCst);
    crate::attention::request();
    true
}

/// Memory ran short for something the process can do without (the collector's
/// bookkeeping): the ballast is given back so that what follows has room, and the
/// program hears of it as it would of a failed allocation.
pub fn shortage() {
    if !release_ballast() && BALLAST_STATE.load(Ordering::SeqCst) == TOLD {
        BALLAST_STATE.store(SPENT, Ordering::SeqCst);
        crate::attention::request();
    }
}

/// Whether an allocation spent the ballast and the program has not heard of it yet: a
/// native making many objects in a loop stops there, before memory runs out for good.
pub fn ballast_just_spent() -> bool {
    BALLAST_STATE.load(Ordering::Relaxed) == SPENT
}

/// Whether the ballast is spent (told or not): the VM's safe point then looks in.
pub fn ballast_spent() -> bool {
    matches!(BALLAST_STATE.load(Ordering::SeqCst), SPENT | TOLD)
}

/// Whether the program is owed a `MemoryError` for the spent ballast; it counts as told
/// from here on.
pub fn owe_memory_error() -> bool {
    BALLAST_STATE
        .compare_exchange(SPENT, TOLD, Ordering::SeqCst, Ordering::SeqCst)
        .is_ok()
}

/// At a safe point while the ballast is spent and told: takes it again once the
/// program has freed enough (tried on every [`REARM_EVERY`]th call).
pub fn rearm_ballast() {
    if BALLAST_STATE.load(Ordering::SeqCst) == TOLD
        && REARM_TICKS
            .fetch_add(1, Ordering::Relaxed)
            .is_multiple_of(REARM_EVERY)
    {
        arm_ballast();
    }
}

/// The process's allocator: mimalloc, which hands a failed allocation back to the code
/// that asked inside [`fallibly`] and otherwise ends the process cleanly.
pub struct Allocator;

impl Allocator {
    /// A null result from mimalloc: returned when the caller expects failure; else
    /// `retry` once the ballast is given back; else the end of the process.
    fn failed(&self, retry: impl FnOnce() -> *mut u8) -> *mut u8 {
        // `try_with`: a thread being torn down has no flag left; treat it as infallible.
        if FALLIBLE.try_with(Cell::get).unwrap_or(false) {
            return std::ptr::null_mut();
        }
        if release_ballast() {
            let p = retry();
            if !p.is_null() {
                return p;
            }
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
// contract-permitted failure), returns the same call's result retried after the
// ballast (a block of our own, freed through `dealloc`) was freed, or exits without
// returning. Tested below: allocations
// round-trip through the allocator, and a failed fallible reservation returns an
// error instead of ending the test process.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as above; `layout` is the caller's, valid by `GlobalAlloc`'s contract.
        let p = unsafe { mimalloc::MiMalloc.alloc(layout) };
        if p.is_null() {
            // SAFETY: as above.
            return self.failed(|| unsafe { mimalloc::MiMalloc.alloc(layout) });
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as `alloc`.
        let p = unsafe { mimalloc::MiMalloc.alloc_zeroed(layout) };
        if p.is_null() {
            // SAFETY: as above.
            return self.failed(|| unsafe { mimalloc::MiMalloc.alloc_zeroed(layout) });
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
            // SAFETY: as above; the failed realloc left `ptr` valid.
            return self.failed(|| unsafe { mimalloc::MiMalloc.realloc(ptr, layout, new_size) });
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
    fn a_refused_probe_is_an_error() {
        assert_eq!(ensure_room(16), Ok(()));
        assert_eq!(ensure_room(PROBE_BYTES), Ok(()));
        // More than any allocation may be (isize::MAX): refused before the allocator.
        assert_eq!(ensure_room(usize::MAX / 2 + 1), Err(OutOfMemory));
        assert_eq!(collect(0..5), Ok(vec![0, 1, 2, 3, 4]));
        assert_eq!(zeroed(3), Ok(vec![0, 0, 0]));
    }

    #[test]
    fn read_to_end_reads_everything_after_what_is_there() {
        let data: Vec<u8> = (0..200_000u32).map(|i| i as u8).collect();
        let mut out = b"head".to_vec();
        let n = read_to_end(&mut &data[..], &mut out).unwrap();
        assert_eq!(n, data.len());
        assert_eq!(&out[..4], b"head");
        assert_eq!(&out[4..], &data[..]);
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
