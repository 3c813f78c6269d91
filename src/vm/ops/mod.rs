//! The operations behind the opcodes, one family per file.

pub mod arith;
pub mod attr;
pub mod buffer;
pub mod compare;
pub mod containers;
pub mod exceptions;
pub mod iter;
pub mod numeric;
pub mod percent;
pub mod repr;
pub mod set_algebra;
pub mod subscript;
pub mod with;
