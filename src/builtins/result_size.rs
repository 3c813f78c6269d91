//! The size guard of natives that build a str or bytes from their arguments.

use crate::vm::{PyResult, Vm};

/// Guards results that would need an absurd allocation, as CPython's MemoryError does.
pub fn check_size(vm: &Vm, n: usize) -> PyResult<()> {
    if n > crate::vm::ops::arith::MAX_SEQUENCE_LEN {
        return Err(vm.memory_error());
    }
    Ok(())
}
