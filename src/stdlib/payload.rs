//! Native state of objects created by built-in modules, stored in an `Object`'s payload.
//!
//! One enum for all modules keeps `object::instance::Payload` to a single variant for the
//! whole standard library; each module matches only its own variant.

use crate::object::Value;
use std::cell::RefCell;

pub enum StdlibPayload {
    /// A `random.Random` instance's generator (2.5 KB, so boxed: the other variants stay
    /// small). Instances of user subclasses carry it too, because `Random.__new__`
    /// creates every instance.
    Random(Box<RefCell<crate::stdlib::random::Random>>),
    /// A struct sequence (`time.struct_time`, `sys.version_info`, ...).
    StructSeq(crate::stdlib::structseq::StructSeqData),
    /// `sys.stdin`.
    Stdin,
    /// A `collections.deque` (instances of subclasses too: `deque.__new__` creates them).
    Deque(RefCell<crate::stdlib::collections::DequeData>),
}

impl StdlibPayload {
    pub fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        match self {
            StdlibPayload::Random(_) | StdlibPayload::Stdin => {}
            StdlibPayload::StructSeq(d) => f(&Value::Tuple(d.values.clone())),
            StdlibPayload::Deque(d) => {
                if let Ok(d) = d.try_borrow() {
                    d.items.iter().for_each(f);
                }
            }
        }
    }

    pub fn clear_into(&self, trash: &mut Vec<Value>) {
        // Only deques can be part of a reference cycle (`d.append(d)`): struct sequences
        // hold only ints, floats and strs; a generator holds no values.
        if let StdlibPayload::Deque(d) = self {
            if let Ok(mut d) = d.try_borrow_mut() {
                d.clear_into(trash);
            }
        }
    }
}
