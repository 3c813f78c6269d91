//! An instance's attributes: values kept beside the object, keys shared by its class.
//!
//! Most instances of a class get the same attributes in the same order (`__init__`
//! sets them), so, as CPython 3.11's split-key dicts do, the class keeps the key list
//! once ([`Class::instance_keys`]) and each instance keeps only its values: one
//! allocation instead of a dict object with an entry table and an index table, and an
//! attribute read that an inline cache resolves to "value number `k`". The values are
//! a `ThinVec` (length and capacity in the allocation, one pointer in the object): every
//! object, with attributes or not, pays for this field.
//!
//! An instance stays in that form while its attributes are exactly the first `n` keys of
//! the class's list, in order. Anything else — `__dict__` asked for, an attribute other
//! than the last deleted, a key the class list does not have next — turns it into an
//! ordinary dict for good ([`Object::dict`]), with the same keys in the same order, so
//! iteration order is insertion order either way.

use super::class::Class;
use super::dict::{Dict, DictObj};
use super::instance::Object;
use super::{PyStr, Value};
use std::rc::Rc;
use thin_vec::ThinVec;

/// At most this many keys are shared per class (CPython's `SHARED_KEYS_MAX_SIZE`):
/// classes whose instances use many different names get ordinary dicts.
const SHARED_KEYS_MAX: usize = 30;

/// Where an instance keeps its attributes.
pub enum Attrs {
    /// No `__dict__`: built-in payload objects, classes with only `__slots__`.
    Absent,
    /// Values of the first `len()` keys of the class's shared key list.
    Inline(ThinVec<Value>),
    /// A dict of its own.
    Dict(Rc<DictObj>),
}

impl Class {
    /// The position of `name` in the shared key list of this class's instances.
    pub fn instance_key_index(&self, name: &PyStr) -> Option<usize> {
        let hash = name.hash();
        self.instance_keys.borrow().iter().position(|k| {
            std::ptr::eq(&**k, name) || (k.hash() == hash && k.as_str() == name.as_str())
        })
    }
}

impl Object {
    /// Whether the object has a `__dict__` (in either form).
    #[inline]
    pub fn has_dict(&self) -> bool {
        !matches!(*self.attrs.borrow(), Attrs::Absent)
    }

    /// The instance dict as a dict object, made from the inline values the first time
    /// (from then on the object keeps it). None when the object has no `__dict__`.
    pub fn dict(&self) -> Option<Rc<DictObj>> {
        let mut attrs = self.attrs.borrow_mut();
        match &mut *attrs {
            Attrs::Absent => None,
            Attrs::Dict(d) => Some(d.clone()),
            Attrs::Inline(values) => {
                let keys = self.class.instance_keys.borrow();
                let mut table = Dict::with_capacity(values.len());
                for (k, v) in keys.iter().zip(values.drain(..)) {
                    table.set_str(k.clone(), v);
                }
                let d = DictObj::new(table);
                *attrs = Attrs::Dict(d.clone());
                Some(d)
            }
        }
    }

    /// Replaces the instance dict (`obj.__dict__ = d`); false when there is none to replace.
    pub fn replace_dict(&self, d: Rc<DictObj>) -> bool {
        let old = {
            let mut attrs = self.attrs.borrow_mut();
            if matches!(*attrs, Attrs::Absent) {
                return false;
            }
            std::mem::replace(&mut *attrs, Attrs::Dict(d))
        };
        drop(old);
        true
    }

    /// Looks up an attribute in the instance dict.
    pub fn dict_get(&self, name: &PyStr) -> Option<Value> {
        match &*self.attrs.borrow() {
            Attrs::Absent => None,
            Attrs::Inline(values) => values.get(self.class.instance_key_index(name)?).cloned(),
            Attrs::Dict(d) => d
                .table
                .borrow()
                .get_str(name.as_str(), name.hash())
                .cloned(),
        }
    }

    /// Sets `name` without the attribute protocol (fields native code gives an object
    /// it made); returns the value replaced. Nothing happens without a `__dict__`.
    pub fn dict_set(&self, name: Rc<PyStr>, value: Value) -> Option<Value> {
        match self.inline_set(&name, value) {
            Ok(old) => old,
            Err(value) => self.dict()?.table.borrow_mut().set_str(name, value),
        }
    }

    /// `name = value` among the inline values: Ok with the replaced value (if any) when
    /// it fits there. Otherwise the value comes back and the caller stores it in
    /// [`Object::dict`] (made by this call when the inline form cannot hold the key).
    pub fn inline_set(&self, name: &Rc<PyStr>, value: Value) -> Result<Option<Value>, Value> {
        let mut attrs = self.attrs.borrow_mut();
        let Attrs::Inline(values) = &mut *attrs else {
            return Err(value);
        };
        let index = match self.class.instance_key_index(name) {
            Some(k) => Some(k),
            None => {
                let mut keys = self.class.instance_keys.borrow_mut();
                (keys.len() == values.len() && keys.len() < SHARED_KEYS_MAX).then(|| {
                    keys.push(name.clone());
                    keys.len() - 1
                })
            }
        };
        match index {
            Some(k) if k < values.len() => Ok(Some(std::mem::replace(&mut values[k], value))),
            Some(k) if k == values.len() => {
                values.push(value);
                Ok(None)
            }
            _ => {
                drop(attrs);
                self.dict();
                Err(value)
            }
        }
    }

    /// `del obj.name` among the inline values: Some with the removed value (None when
    /// the object has no such attribute) when the inline form can answer; None when the
    /// caller must remove it from [`Object::dict`] (made by this call).
    pub fn inline_remove(&self, name: &PyStr) -> Option<Option<Value>> {
        let mut attrs = self.attrs.borrow_mut();
        let Attrs::Inline(values) = &mut *attrs else {
            return None;
        };
        match self.class.instance_key_index(name) {
            Some(k) if k + 1 == values.len() => Some(values.pop()),
            Some(k) if k < values.len() => {
                drop(attrs);
                self.dict();
                None
            }
            _ => Some(None),
        }
    }

    /// Whether the object keeps its attributes inline and has none named by a key at
    /// or beyond `nkeys` of its class's shared list: then a name that was not among the
    /// first `nkeys` keys is not an attribute of the object.
    #[inline(always)]
    pub fn inline_within(&self, nkeys: usize) -> bool {
        match self.attrs.try_borrow().as_deref() {
            Ok(Attrs::Inline(values)) => values.len() <= nkeys,
            _ => false,
        }
    }

    /// Inline value `k`, for an inline cache that found the name there.
    #[inline(always)]
    pub fn inline_value(&self, k: usize) -> Option<Value> {
        match &*self.attrs.try_borrow().ok()? {
            Attrs::Inline(values) => values.get(k).cloned(),
            _ => None,
        }
    }

    /// Stores inline value `k` for an inline cache (`k` may be the next key to add);
    /// gives the value back when the object is not in that state.
    #[inline(always)]
    pub fn inline_store(&self, k: usize, value: Value) -> Result<Option<Value>, Value> {
        let Ok(mut attrs) = self.attrs.try_borrow_mut() else {
            return Err(value);
        };
        match &mut *attrs {
            Attrs::Inline(values) if k < values.len() => {
                Ok(Some(std::mem::replace(&mut values[k], value)))
            }
            Attrs::Inline(values) if k == values.len() => {
                values.push(value);
                Ok(None)
            }
            _ => Err(value),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::object::class::Layout;
    use crate::object::Payload;

    fn key(s: &str) -> Rc<PyStr> {
        Rc::new(PyStr::new(s.to_string()))
    }

    fn class() -> Rc<Class> {
        Class::new("C", vec![], vec![], Dict::new(), Layout::Object, false)
    }

    fn keys_of(o: &Object) -> Vec<String> {
        let d = o.dict().expect("a dict");
        let t = d.table.borrow();
        t.keys()
            .map(|k| match k {
                Value::Str(s) => s.as_str().to_string(),
                _ => panic!("a str key"),
            })
            .collect()
    }

    #[test]
    fn instances_setting_the_same_names_share_the_class_keys() {
        let c = class();
        let a = Object::with_dict(c.clone(), Payload::None);
        let b = Object::with_dict(c.clone(), Payload::None);
        for o in [&a, &b] {
            assert!(o.inline_set(&key("x"), Value::Int(1)).is_ok());
            assert!(o.inline_set(&key("y"), Value::Int(2)).is_ok());
        }
        assert_eq!(c.instance_keys.borrow().len(), 2);
        assert!(matches!(b.dict_get(&key("y")), Some(Value::Int(2))));
        assert!(matches!(&*b.attrs.borrow(), Attrs::Inline(v) if v.len() == 2));
    }

    #[test]
    fn another_order_becomes_a_dict_in_insertion_order() {
        let c = class();
        let a = Object::with_dict(c.clone(), Payload::None);
        a.inline_set(&key("x"), Value::Int(1)).ok();
        a.inline_set(&key("y"), Value::Int(2)).ok();
        let b = Object::with_dict(c, Payload::None);
        assert!(
            b.inline_set(&key("y"), Value::Int(3)).is_err(),
            "y is not the next shared key of b"
        );
        assert!(matches!(&*b.attrs.borrow(), Attrs::Dict(_)));
        b.dict_set(key("y"), Value::Int(3));
        b.dict_set(key("x"), Value::Int(4));
        assert_eq!(keys_of(&b), ["y", "x"]);
        assert_eq!(keys_of(&a), ["x", "y"]);
    }

    #[test]
    fn deleting_the_last_attribute_stays_inline_any_other_makes_a_dict() {
        let c = class();
        let a = Object::with_dict(c, Payload::None);
        a.inline_set(&key("x"), Value::Int(1)).ok();
        a.inline_set(&key("y"), Value::Int(2)).ok();
        assert!(matches!(
            a.inline_remove(&key("y")),
            Some(Some(Value::Int(2)))
        ));
        assert!(matches!(&*a.attrs.borrow(), Attrs::Inline(v) if v.len() == 1));
        a.inline_set(&key("y"), Value::Int(5)).ok();
        assert!(a.inline_remove(&key("x")).is_none());
        assert!(matches!(&*a.attrs.borrow(), Attrs::Dict(_)));
        assert_eq!(keys_of(&a), ["x", "y"]);
    }
}
