//! `Object`: instances of user classes, exceptions, and the rarer built-in types.
//!
//! An object is a class pointer, an attribute dict and a [`Payload`] holding whatever
//! native state its built-in base needs (exception data, a property's accessors, an
//! iterator's position, a future's result).

use super::class::Class;
use super::dict::DictObj;
use super::exception::ExcData;
use super::gc::{self, GcHeader, Tracked};
use super::instance_attrs::Attrs;
use super::iterator::IterState;
use super::native_data::NativeData;
use super::value::Value;
use std::cell::RefCell;
use std::rc::Rc;

pub struct Object {
    pub gc: GcHeader,
    pub class: Rc<Class>,
    /// The instance `__dict__` (see [`Attrs`]): present for instances of user classes
    /// and exceptions, absent for built-in payload objects (iterators, futures...).
    pub attrs: RefCell<Attrs>,
    pub payload: Payload,
}

pub enum Payload {
    None,
    Exception(Box<RefCell<ExcData>>),
    /// Boxed: every object pays for the largest payload variant.
    Property(Box<Property>),
    StaticMethod(Value),
    ClassMethod(Value),
    /// `super(cls, obj)`: look attributes up after `this_class` in `type(obj)`'s MRO.
    Super {
        this_class: Rc<Class>,
        obj: Value,
        start: Rc<Class>,
    },
    Iter(RefCell<IterState>),
    /// `d.keys()`, `d.values()`, `d.items()`: live views of a dict.
    DictView {
        dict: Rc<DictObj>,
        kind: super::iterator::DictView,
    },
    /// The `__slots__` values of an instance (unset ones are `Null`), indexed by the
    /// classes' member descriptors.
    Slots(RefCell<Vec<Value>>),
    /// A `__slots__` member descriptor: slot `index` of instances of `owner`.
    Member {
        index: u32,
        name: Rc<super::PyStr>,
        owner: std::rc::Weak<Class>,
    },
    /// An `asend()`/`athrow()`/`aclose()` awaitable, inline: one is made per item of
    /// every `async for`.
    AsyncGenOp(RefCell<super::asyncgen_op::AsyncGenOp>),
    /// An instance of a subclass of a built-in type (`class Stack(list)`): the built-in
    /// value it extends, which the built-in type's methods operate on.
    Builtin(Value),
    /// State of a type a higher layer defines (see [`super::native_data`]): the objects
    /// of built-in modules (`random.Random` state, `time.struct_time` fields, deques,
    /// `sys.stdout`).
    Native(Box<dyn NativeData>),
}

/// A `property`'s accessors.
pub struct Property {
    pub fget: Value,
    pub fset: Value,
    pub fdel: Value,
    pub doc: Value,
}

impl Object {
    /// An object without an instance dict.
    pub fn new(class: Rc<Class>, payload: Payload) -> Rc<Object> {
        Object::build(class, Attrs::Absent, payload)
    }

    /// An object with an (empty) instance dict.
    pub fn with_dict(class: Rc<Class>, payload: Payload) -> Rc<Object> {
        // Room for the attributes earlier instances of the class were given.
        let room = class.instance_keys.borrow().len();
        Object::build(
            class,
            Attrs::Inline(thin_vec::ThinVec::with_capacity(room)),
            payload,
        )
    }

    pub(super) fn build(class: Rc<Class>, attrs: Attrs, payload: Payload) -> Rc<Object> {
        let o = Rc::new(Object {
            gc: GcHeader::new(),
            class,
            attrs: RefCell::new(attrs),
            payload,
        });
        gc::track(Tracked::Object(Rc::downgrade(&o)));
        o
    }

    /// The native state of a higher layer's type, if this object's is a `T`.
    pub fn native<T: NativeData>(&self) -> Option<&T> {
        match &self.payload {
            // Upcasting (no call) leaves one virtual call: the type-id check.
            Payload::Native(data) => (&**data as &dyn std::any::Any).downcast_ref(),
            _ => None,
        }
    }

    /// `len(obj)` read from native state (a deque's), skipping the `__len__` lookup; None
    /// when the object's type has no native length (see [`NativeData::native_len`]).
    #[inline]
    pub fn native_len(&self) -> Option<usize> {
        match &self.payload {
            Payload::Native(data) => data.native_len(),
            _ => None,
        }
    }

    pub fn exc_data(&self) -> Option<&RefCell<ExcData>> {
        match &self.payload {
            Payload::Exception(e) => Some(&**e),
            _ => None,
        }
    }

    pub fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        f(&Value::Class(self.class.clone()));
        if let Ok(attrs) = self.attrs.try_borrow() {
            match &*attrs {
                Attrs::Absent => {}
                Attrs::Inline(values) => values.iter().for_each(&mut *f),
                Attrs::Dict(d) => f(&Value::Dict(d.clone())),
            }
        }
        match &self.payload {
            Payload::None | Payload::Member { .. } => {}
            Payload::Exception(e) => {
                if let Ok(e) = e.try_borrow() {
                    e.traverse(f)
                }
            }
            Payload::Property(p) => {
                f(&p.fget);
                f(&p.fset);
                f(&p.fdel);
                f(&p.doc);
            }
            Payload::StaticMethod(v) | Payload::ClassMethod(v) => f(v),
            Payload::Slots(values) => {
                if let Ok(values) = values.try_borrow() {
                    values.iter().for_each(&mut *f);
                }
            }
            Payload::Super {
                this_class,
                obj,
                start,
            } => {
                f(&Value::Class(this_class.clone()));
                f(obj);
                f(&Value::Class(start.clone()));
            }
            Payload::Iter(state) => {
                if let Ok(s) = state.try_borrow() {
                    s.traverse(f)
                }
            }
            Payload::DictView { dict, .. } => f(&Value::Dict(dict.clone())),
            Payload::Builtin(v) => f(v),
            Payload::Native(data) => data.traverse(f),
            Payload::AsyncGenOp(op) => {
                if let Ok(op) = op.try_borrow() {
                    op.traverse(f)
                }
            }
        }
    }

    pub fn clear_into(&self, trash: &mut Vec<Value>) {
        if let Ok(mut attrs) = self.attrs.try_borrow_mut() {
            if let Attrs::Inline(values) = &mut *attrs {
                trash.extend(values.drain(..));
            }
        }
        match &self.payload {
            Payload::Exception(e) => {
                if let Ok(mut e) = e.try_borrow_mut() {
                    e.clear_into(trash)
                }
            }
            Payload::Iter(state) => {
                if let Ok(mut s) = state.try_borrow_mut() {
                    let old = std::mem::replace(&mut *s, IterState::Exhausted);
                    old.traverse(&mut |v| trash.push(v.clone()));
                }
            }
            Payload::Native(data) => data.clear_into(trash),
            Payload::Slots(values) => {
                if let Ok(mut values) = values.try_borrow_mut() {
                    trash.extend(values.iter_mut().map(std::mem::take));
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod size_tests {
    /// Every object pays for the largest payload variant: big native state belongs in a
    /// Box (a 2.5 KB random-generator state once made every instance 2.5 KB). With its
    /// reference counts an object of 96 bytes takes a 112-byte block; 104 would take 128.
    #[test]
    fn objects_stay_small() {
        assert!(
            std::mem::size_of::<super::Object>() <= 96,
            "Object is {} bytes",
            std::mem::size_of::<super::Object>()
        );
        assert!(std::mem::size_of::<crate::object::Value>() == 16);
    }
}
