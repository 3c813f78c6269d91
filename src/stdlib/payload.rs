//! Native state of objects created by built-in modules, stored in an `Object`'s payload.
//!
//! One enum for all modules keeps `object::instance::Payload` to a single variant for the
//! whole standard library; each module matches only its own variant.

use crate::object::{Tuple, Value};
use std::cell::RefCell;
use std::rc::Rc;

pub enum StdlibPayload {
    /// A `random.Random` instance's generator. Instances of user subclasses carry it too,
    /// because `Random.__new__` creates every instance.
    Random(RefCell<crate::stdlib::random::Random>),
    /// A `time.struct_time`: the nine visible fields followed by `tm_zone`, `tm_gmtoff`.
    StructTime(Rc<Tuple>),
}

impl StdlibPayload {
    pub fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        match self {
            StdlibPayload::Random(_) => {}
            StdlibPayload::StructTime(t) => f(&Value::Tuple(t.clone())),
        }
    }

    pub fn clear_into(&self, _trash: &mut Vec<Value>) {
        // Neither variant can be part of a reference cycle: a struct_time holds only ints
        // and strs, a generator holds no values.
    }
}
