//! CPython 3.11's `random` module algorithms on plain Rust types.
//!
//! [`Random`] holds one generator's state (`random.Random` instance; the module-level
//! functions share one, seeded from the OS at import). Its methods reproduce
//! `_randommodule.c` (Mersenne Twister, seeding, `random()`, `getrandbits()`) and
//! random.py (`randrange`, `choice`, `shuffle`, `sample`, `choices`, the distributions)
//! exactly, so a seeded program draws the same numbers as under CPython. Sequence methods
//! return indices; the VM indexes its own sequence objects with them.
//!
//! What the VM does itself: argument type checks and their TypeErrors (`non-integer arg 1
//! for randrange()`, `Population must be a sequence`, ...), computing `hash(x)` for seeds
//! that are neither int, str, bytes nor None, and converting weights to floats.
//! `seed(a, version=1)` is not supported.

mod distributions;
mod error;
mod generator;
mod mt19937;
mod sampling;
mod sha512;

pub use error::RandomError;
pub use generator::Random;
pub use mt19937::Mt19937;
pub use sha512::sha512;
