//! Inline caches for attribute access on instances (`LOAD_ATTR`, `STORE_ATTR`,
//! `LOAD_METHOD`), in the spirit of CPython 3.11's specialized `LOAD_ATTR_INSTANCE_VALUE`
//! and `LOAD_METHOD_WITH_VALUES`.
//!
//! The full algorithm (`ops/attr.rs`) asks the class twice (for `__getattribute__` and
//! for a descriptor) before reading the instance dict. Those answers only change when
//! some class changes, which moves the class epoch; so a slot remembers the receiver's
//! class and the epoch under which the full algorithm settled on "the instance dict" (or
//! "this method"), and later executions go straight there. Anything unusual (a miss,
//! another class, a dict in use) takes the full path, which refills the slot.

use super::frame::Frame;
use super::{PyResult, Vm};
use crate::bytecode::{AttrSlot, MethodSlot};
use crate::object::class::cache_epoch;
use crate::object::{Object, Payload, PyStr, Value};
use std::rc::Rc;

/// The class identity a slot remembers.
fn class_key(o: &Object) -> usize {
    Rc::as_ptr(&o.class) as usize
}

impl Vm {
    /// `obj.name` from the instance dict when the slot says that is where it lives.
    #[inline]
    pub(super) fn load_attr_cached(&self, frame: &Frame, obj: &Value, i: u32) -> Option<Value> {
        let Value::Object(o) = obj else { return None };
        let slot = frame.code.caches.load_attr[i as usize].get();
        if slot.class != class_key(o) || slot.epoch != cache_epoch() {
            return None;
        }
        let dict = o.dict.as_ref()?.table.try_borrow().ok()?;
        let name = &frame.code.names[i as usize];
        if let Some(v) = dict.value_if_key_at(slot.pos as usize, name) {
            return Some(v.clone());
        }
        // Same class, attribute elsewhere in this instance's dict (or absent).
        let pos = dict.position_of_str(name.as_str(), name.hash())?;
        frame.code.caches.load_attr[i as usize].set(AttrSlot {
            pos: pos as u32,
            ..slot
        });
        Some(dict.value_at(pos).clone())
    }

    /// The full `LOAD_ATTR`, remembering an instance-dict hit.
    pub(super) fn load_attr_slow(&mut self, frame: &Frame, obj: &Value, i: u32) -> PyResult {
        let name = frame.code.names[i as usize].clone();
        if let Value::Object(o) = obj {
            if let Some(pos) = self.instance_dict_position(o, &name, false) {
                let slot = AttrSlot {
                    class: class_key(o),
                    epoch: cache_epoch(),
                    pos,
                };
                frame.code.caches.load_attr[i as usize].set(slot);
            }
        }
        self.get_attr(obj, &name)
    }

    /// `obj.name = value` straight into the instance dict when the slot allows it;
    /// gives the value back otherwise.
    #[inline]
    pub(super) fn store_attr_cached(
        &self,
        frame: &Frame,
        obj: &Value,
        i: u32,
        value: Value,
    ) -> Result<(), Value> {
        let Value::Object(o) = obj else {
            return Err(value);
        };
        let slot = frame.code.caches.store_attr[i as usize].get();
        if slot.class != class_key(o) || slot.epoch != cache_epoch() {
            return Err(value);
        }
        let Some(dict) = o.dict.as_ref() else {
            return Err(value);
        };
        let Ok(mut table) = dict.table.try_borrow_mut() else {
            return Err(value);
        };
        let name = &frame.code.names[i as usize];
        let old = match table.value_at_mut_if_key(slot.pos as usize, name) {
            Some(place) => std::mem::replace(place, value),
            None => table.set_str(name.clone(), value).unwrap_or_default(),
        };
        drop(table);
        drop(old);
        Ok(())
    }

    /// The full `STORE_ATTR`, remembering when it amounts to a plain instance-dict store.
    pub(super) fn store_attr_slow(
        &mut self,
        frame: &Frame,
        obj: &Value,
        i: u32,
        value: Value,
    ) -> PyResult<()> {
        let name = frame.code.names[i as usize].clone();
        let plain = match obj {
            Value::Object(o) => self.plain_dict_store(o, &name).then(|| class_key(o)),
            _ => None,
        };
        self.set_attr(obj, &name, value)?;
        if let (Some(class), Value::Object(o)) = (plain, obj) {
            let pos = o
                .dict
                .as_ref()
                .and_then(|d| d.table.borrow().position_of_str(name.as_str(), name.hash()));
            let slot = AttrSlot {
                class,
                epoch: cache_epoch(),
                pos: pos.unwrap_or(u32::MAX as usize) as u32,
            };
            frame.code.caches.store_attr[i as usize].set(slot);
        }
        Ok(())
    }

    /// The method `obj.name` when the slot has it and the instance does not shadow it.
    #[inline]
    pub(super) fn load_method_cached(&self, frame: &Frame, obj: &Value, i: u32) -> Option<Value> {
        let class = match obj {
            Value::Object(o) => class_key(o),
            _ => return None,
        };
        let slot = frame.code.caches.method[i as usize].try_borrow().ok()?;
        if slot.class != class || slot.epoch != cache_epoch() {
            return None;
        }
        if let Value::Object(o) = obj {
            if let Some(d) = &o.dict {
                let name = &frame.code.names[i as usize];
                if d.table
                    .try_borrow()
                    .ok()?
                    .position_of_str(name.as_str(), name.hash())
                    .is_some()
                {
                    return None;
                }
            }
        }
        Some(slot.method.clone())
    }

    /// The full `LOAD_METHOD`, remembering a method found on an instance's class.
    pub(super) fn load_method_slow(
        &mut self,
        frame: &Frame,
        obj: Value,
        i: u32,
    ) -> PyResult<(Value, Value)> {
        let name = frame.code.names[i as usize].clone();
        let class = match &obj {
            Value::Object(o) if !matches!(o.payload, Payload::Super { .. }) => Some(class_key(o)),
            _ => None,
        };
        let (method, self_value) = self.load_method(obj, &name)?;
        if let Some(class) = class {
            if !self_value.is_null() {
                if let Ok(mut slot) = frame.code.caches.method[i as usize].try_borrow_mut() {
                    *slot = MethodSlot {
                        class,
                        epoch: cache_epoch(),
                        method: method.clone(),
                    };
                }
            }
        }
        Ok((method, self_value))
    }

    /// Where `o.name` sits in the instance dict, if the full lookup would read it from
    /// there: no `__getattribute__` override and no data descriptor on the class.
    fn instance_dict_position(
        &mut self,
        o: &Object,
        name: &Rc<PyStr>,
        _store: bool,
    ) -> Option<u32> {
        if matches!(o.payload, Payload::Super { .. }) {
            return None;
        }
        let class = &o.class;
        if !class.is_builtin {
            if let Some(ga) = class.lookup_str(&self.names.getattribute.clone()) {
                if !matches!(ga, Value::NativeFunction(_)) {
                    return None;
                }
            }
        }
        if let Some(d) = class.lookup_str(name) {
            if self.is_data_descriptor(&d) {
                return None;
            }
        }
        let dict = o.dict.as_ref()?.table.try_borrow().ok()?;
        dict.position_of_str(name.as_str(), name.hash())
            .map(|p| p as u32)
    }

    /// Whether `o.name = v` is a plain store into the instance dict: no data descriptor or
    /// property on the class, no `__setattr__` override, no exception field.
    fn plain_dict_store(&mut self, o: &Object, name: &Rc<PyStr>) -> bool {
        if o.dict.is_none() || o.exc_data().is_some() {
            return false;
        }
        let class = &o.class;
        if let Some(d) = class.lookup_str(name) {
            if let Value::Object(dobj) = &d {
                if matches!(dobj.payload, Payload::Property { .. } | Payload::None) {
                    return false;
                }
            }
        }
        if !class.is_builtin {
            if let Some(sa) = class.lookup_str(&self.names.setattr.clone()) {
                if !matches!(sa, Value::NativeFunction(_)) {
                    return false;
                }
            }
        }
        true
    }
}
