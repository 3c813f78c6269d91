//! The size guards of natives that build a str or bytes from their arguments.

use crate::vm::{PyResult, Vm};

/// Guards a result of `n` bytes, known before it is built: one that would need an
/// absurd allocation, or more memory than the allocator grants now, raises MemoryError
/// as CPython's does, before the native builds it with allocations that could not fail
/// softly.
pub fn check_size(vm: &Vm, n: usize) -> PyResult<()> {
    if n > crate::vm::ops::arith::MAX_SEQUENCE_LEN || crate::memory::ensure_room(n).is_err() {
        return Err(vm.memory_error());
    }
    Ok(())
}

/// Guards a result built piece by piece, at `n` bytes so far: only the absurd size is
/// refused here, as asking the allocator on every piece would cost a system call each;
/// the growth itself goes through [`grow_str`] or [`grow_bytes`] where it can.
pub fn check_len(vm: &Vm, n: usize) -> PyResult<()> {
    if n > crate::vm::ops::arith::MAX_SEQUENCE_LEN {
        return Err(vm.memory_error());
    }
    Ok(())
}

/// Room for `n` more bytes in a str built piece by piece (amortised doubling).
pub fn grow_str(vm: &Vm, out: &mut String, n: usize) -> PyResult<()> {
    check_len(vm, out.len().saturating_add(n))?;
    if out.capacity() - out.len() < n {
        crate::memory::fallibly(|| out.try_reserve(n)).map_err(|_| vm.memory_error())?;
    }
    Ok(())
}

/// Room for `n` more bytes in a bytes value built piece by piece (amortised doubling).
pub fn grow_bytes(vm: &Vm, out: &mut Vec<u8>, n: usize) -> PyResult<()> {
    check_len(vm, out.len().saturating_add(n))?;
    crate::memory::reserve(out, n).map_err(|_| vm.memory_error())
}
