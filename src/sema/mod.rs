//! Scope analysis and the placement rules CPython enforces at compile time.

pub mod scope;
