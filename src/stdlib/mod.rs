//! The built-in modules (`sys`, `math`, `time`, `random`, `itertools`, ...).
//!
//! `math` and `random` hold pure-Rust cores whose results match CPython bit for bit; the
//! `*_module.rs` files wrap them as Python modules. [`load`] creates a module the first
//! time it is imported.

pub mod asyncio;
pub mod itertools;
pub mod math;
pub mod random;
pub mod sys;

use crate::object::Value;
use crate::vm::{PyResult, Vm};

/// Creates the built-in module `name`, or None when there is no such module.
pub fn load(vm: &mut Vm, name: &str) -> PyResult<Option<Value>> {
    Ok(match name {
        "sys" => Some(sys::load(vm)?),
        "asyncio" => Some(asyncio::load(vm)?),
        _ => None,
    })
}
