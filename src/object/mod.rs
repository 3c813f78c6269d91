//! The value representation and the built-in object types.
//!
//! # Memory management
//!
//! Objects are reference counted (`Rc`), and a cycle collector ([`gc`]) reclaims the
//! reference cycles Python programs create all the time (tasks ↔ futures ↔ callbacks,
//! instances pointing at themselves, closures in their own cells). Why this design rather
//! than a tracing collector:
//!
//! - **No root enumeration.** Trial deletion (CPython's algorithm) finds garbage by
//!   subtracting internal references from reference counts; anything held from outside the
//!   tracked heap — a Rust local in a native function, the VM's frame stack, the event
//!   loop's queues — is automatically a root. A tracing collector would need every native
//!   function to register its temporaries, which is exactly the kind of bug that corrupts
//!   memory silently.
//! - **Prompt destruction**, as CPython programs expect: a coroutine that is never awaited
//!   warns as soon as it is dropped; a file or socket closes when its last reference goes.
//! - **Safe Rust.** `Rc`/`RefCell`/`Weak` need no `unsafe`.
//!
//! The collector runs only when tracked allocations since the last collection exceed the
//! number of survivors of the last one, so its cost is amortized O(1) per allocation and
//! never grows with the number of live tasks (CPython's fixed gen-0 threshold is what makes
//! its cycle collector dominate task-heavy programs).
//!
//! # Values
//!
//! [`Value`] is 16 bytes: immediates (None, bool, small int, float) inline, everything else
//! an `Rc` to a typed object. The hottest built-in types get their own variants so the VM
//! dispatches on them with a single `match`; everything rarer is an [`Object`] (a class
//! pointer, an instance dict and a [`Payload`]).

pub mod asyncgen_op;
pub mod class;
pub mod code;
mod code_load;
pub mod dict;
pub mod equality;
pub mod exception;
pub mod finalize;
pub mod frame;
pub mod frozenset_constant;
pub mod function;
pub mod gc;
pub mod generator;
pub mod generator_death;
pub mod hash;
pub mod instance;
pub mod instance_attrs;
pub mod iterator;
pub mod native_data;
pub mod native_iter;
pub mod set;
pub mod string;
pub mod value;
pub mod weakref;

pub use class::Class;
pub use code::Code;
pub use dict::{Dict, DictObj};
pub use exception::{ExcData, ExcRef, TracebackEntry};
pub use function::{BoundMethod, Function, NativeFn, NativeFunction};
pub use generator::{GenKind, GenState, Generator};
pub use instance::{Object, Payload, Property};
pub use instance_attrs::Attrs;
pub use native_data::NativeData;
pub use native_iter::NativeIter;
pub use set::{SetObj, SetTable};
pub use string::PyStr;
pub use value::{Cell, List, Module, PyBool, PyFloat, Range, Slice, Tuple, Value};
