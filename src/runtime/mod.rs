//! The event loop and the asyncio objects built on it.

pub mod asyncgen;
pub mod attrs;
pub mod awaitables;
pub mod payload;

/// Per-interpreter event-loop state.
#[derive(Default)]
pub struct RuntimeState {}
