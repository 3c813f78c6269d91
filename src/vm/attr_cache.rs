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

use super::{PyResult, Vm};
use crate::object::class::cache_epoch;
use crate::object::code::{AttrPlace, AttrSlot, MethodSlot};
use crate::object::frame::Frame;
use crate::object::Attrs;
use crate::object::{Class, Module, Object, Payload, PyStr, Value};
use std::rc::Rc;

/// The class identity a slot remembers.
fn class_key(o: &Object) -> usize {
    Rc::as_ptr(&o.class) as usize
}

/// `module.name`: a module's namespace is a plain dict and nothing overrides the lookup
/// before it, so a remembered position, checked against the key, is enough. The slot
/// of `LOAD_ATTR` for that name keeps it (for `LOAD_METHOD` too), keyed by the dict.
fn module_attr_cached(frame: &Frame, m: &Module, i: u32) -> Option<Value> {
    let (_, slot) =
        frame.code.caches.load_attr[i as usize].find(Rc::as_ptr(&m.dict) as usize, u64::MAX)?;
    if slot.place != AttrPlace::Dict {
        return None;
    }
    let name = &frame.code.names[i as usize];
    let table = m.dict.table.try_borrow().ok()?;
    table.value_if_key_at(slot.pos as usize, name).cloned()
}

fn remember_module_attr(frame: &Frame, m: &Module, i: u32) {
    let name = &frame.code.names[i as usize];
    let Ok(table) = m.dict.table.try_borrow() else {
        return;
    };
    if let Some(pos) = table.position_of_str(name.as_str(), name.hash()) {
        frame.code.caches.load_attr[i as usize].remember(AttrSlot {
            class: Rc::as_ptr(&m.dict) as usize,
            // Never a class epoch: the instance path can never take this slot as its own.
            epoch: u64::MAX,
            pos: pos as u32,
            place: AttrPlace::Dict,
        });
    }
}

/// `Class.name` (`Color.RED`, `Strength.REQUIRED`): a class attribute the full lookup
/// returns exactly as stored. It is kept in the name's method ways, under the class's
/// address with the low bit set so that it never matches the same class's instances.
fn class_attr_cached(frame: &Frame, c: &Rc<Class>, i: u32) -> Option<Value> {
    class_entry(frame, c, i, PLAIN_CLASS_ATTR)
}

/// The tag (in an address's free low bits) of a plain class attribute's entry.
const PLAIN_CLASS_ATTR: usize = 1;
/// The tag of a classmethod's entry: `Class.method(...)` (`Strength.stronger(a, b)`)
/// calls the function with the class first, as the bound method the full lookup makes
/// would — without making it.
const CLASSMETHOD_OF_CLASS: usize = 2;

/// The tag of a property's entry, kept under the class of its instances: `obj.name`
/// where `name` is a property whose getter is a plain Python function. The run loop
/// then calls the getter as a frame of its own, as CPython 3.12's
/// `LOAD_ATTR_PROPERTY` does, instead of through a nested run loop.
const PROPERTY_GETTER: usize = 3;

fn class_entry(frame: &Frame, c: &Rc<Class>, i: u32, tag: usize) -> Option<Value> {
    let key = Rc::as_ptr(c) as usize | tag;
    frame.code.caches.method[i as usize]
        .find(key, cache_epoch())
        .map(|(v, _)| v)
}

fn remember_class_entry(frame: &Frame, c: &Rc<Class>, i: u32, v: &Value, tag: usize) {
    frame.code.caches.method[i as usize].remember(MethodSlot {
        class: Rc::as_ptr(c) as usize | tag,
        epoch: cache_epoch(),
        method: v.clone(),
        nkeys: 0,
    });
}

/// The function of `c.name` when that is a classmethod over a plain function bound to
/// `c` itself (`bound`, what the full lookup gave), with no metaclass to intervene.
fn plain_classmethod(c: &Rc<Class>, name: &PyStr, bound: &Value) -> Option<Value> {
    let Value::BoundMethod(m) = bound else {
        return None;
    };
    if !cacheable_class_name(c, name) {
        return None;
    }
    let s = name.as_str();
    if !matches!(&m.self_value, Value::Class(owner) if Rc::ptr_eq(owner, c)) {
        return None;
    }
    let Value::Object(o) = c.lookup(s, name.hash())? else {
        return None;
    };
    match &o.payload {
        Payload::ClassMethod(f @ Value::Function(_)) if f.is(&m.function) => Some(f.clone()),
        _ => None,
    }
}

/// Whether `c.name` may be remembered at all: no metaclass that could intervene, not a
/// special attribute of the type.
fn cacheable_class_name(c: &Class, name: &PyStr) -> bool {
    let s = name.as_str();
    c.metaclass.borrow().is_none() && !(s.starts_with("__") && s.ends_with("__"))
}

/// The commonest hit of `LOAD_ATTR`, inlined into the run loop: an instance keeping the
/// attribute inline, its class in the first way. Everything else asks
/// [`Vm::load_attr_cached`].
#[inline(always)]
fn inline_attr_hit(frame: &Frame, obj: &Value, i: u32) -> Option<Value> {
    let Value::Object(o) = obj else {
        return None;
    };
    let slot = frame.code.caches.load_attr[i as usize].first();
    if slot.class != class_key(o) || slot.place != AttrPlace::Inline || slot.epoch != cache_epoch()
    {
        return None;
    }
    o.inline_value(slot.pos as usize)
}

impl Vm {
    /// `obj.name` from the inline cache: the commonest hit in the run loop itself, the
    /// rest out of line. None sends `LOAD_ATTR` down the full path.
    #[inline(always)]
    pub(super) fn load_attr_hit(&self, frame: &Frame, obj: &Value, i: u32) -> Option<Value> {
        match inline_attr_hit(frame, obj, i) {
            Some(v) => Some(v),
            None => self.load_attr_cached(frame, obj, i),
        }
    }

    /// `obj.name` from the instance dict when the slot says that is where it lives.
    #[inline]
    pub(super) fn load_attr_cached(&self, frame: &Frame, obj: &Value, i: u32) -> Option<Value> {
        let o = match obj {
            Value::Object(o) => o,
            Value::Module(m) => return module_attr_cached(frame, m, i),
            Value::Class(c) => return class_attr_cached(frame, c, i),
            _ => return None,
        };
        let (k, slot) =
            frame.code.caches.load_attr[i as usize].find(class_key(o), cache_epoch())?;
        match slot.place {
            AttrPlace::Inline => return o.inline_value(slot.pos as usize),
            AttrPlace::Slots => {
                let Payload::Slots(values) = &o.payload else {
                    return None;
                };
                let v = values.try_borrow().ok()?.get(slot.pos as usize)?.clone();
                return (!v.is_null()).then_some(v);
            }
            AttrPlace::Dict => {}
        }
        let attrs = o.attrs.try_borrow().ok()?;
        let Attrs::Dict(d) = &*attrs else {
            return None;
        };
        let dict = d.table.try_borrow().ok()?;
        let name = &frame.code.names[i as usize];
        if let Some(v) = dict.value_if_key_at(slot.pos as usize, name) {
            return Some(v.clone());
        }
        // Same class, attribute elsewhere in this instance's dict (or absent).
        let pos = dict.position_of_str(name.as_str(), name.hash())?;
        frame.code.caches.load_attr[i as usize].set(
            k,
            AttrSlot {
                pos: pos as u32,
                ..slot
            },
        );
        Some(dict.value_at(pos).clone())
    }

    /// The getter to call for `obj.name`, when an earlier `LOAD_ATTR` here found a
    /// property with a plain Python getter on the same class (see `PROPERTY_GETTER`).
    #[inline]
    pub(super) fn property_getter_cached(
        &self,
        frame: &Frame,
        obj: &Value,
        i: u32,
    ) -> Option<Rc<crate::object::Function>> {
        let Value::Object(o) = obj else {
            return None;
        };
        let key = class_key(o) | PROPERTY_GETTER;
        match frame.code.caches.method[i as usize].find(key, cache_epoch())? {
            (Value::Function(f), _) => Some(f),
            _ => None,
        }
    }

    /// The getter of `o.name` when that is a property over a plain function of one
    /// parameter, on a class whose lookup nothing else can change (no `__getattr__`,
    /// which an AttributeError from the getter would reach, and no Python
    /// `__getattribute__`).
    fn plain_property_getter(&self, o: &Object, name: &Rc<PyStr>) -> Option<Value> {
        if matches!(o.payload, Payload::Super { .. }) || o.class.is_builtin {
            return None;
        }
        let Value::Object(d) = o.class.lookup_str(name)? else {
            return None;
        };
        let Payload::Property(p) = &d.payload else {
            return None;
        };
        let Value::Function(f) = &p.fget else {
            return None;
        };
        if f.code.is_resumable() || f.code.fast_argc != 1 || f.code.argcount != 1 {
            return None;
        }
        if o.class.lookup_str(&self.names.getattr).is_some()
            || !matches!(
                o.class.lookup_str(&self.names.getattribute),
                Some(Value::NativeFunction(_))
            )
        {
            return None;
        }
        Some(p.fget.clone())
    }

    /// The full `LOAD_ATTR`, remembering an instance-dict hit.
    pub(super) fn load_attr_slow(&mut self, frame: &Frame, obj: &Value, i: u32) -> PyResult {
        let name = frame.code.names[i as usize].clone();
        if let Value::Module(m) = obj {
            remember_module_attr(frame, m, i);
        }
        if let Value::Object(o) = obj {
            // A property is a data descriptor: never an instance attribute's location.
            if let Some((pos, place)) = self.instance_attr_location(o, &name) {
                let slot = AttrSlot {
                    class: class_key(o),
                    epoch: cache_epoch(),
                    pos,
                    place,
                };
                frame.code.caches.load_attr[i as usize].remember(slot);
            } else if let Some(getter) = self.plain_property_getter(o, &name) {
                frame.code.caches.method[i as usize].remember(MethodSlot {
                    class: class_key(o) | PROPERTY_GETTER,
                    epoch: cache_epoch(),
                    method: getter,
                    nkeys: 0,
                });
            }
        }
        let v = self.get_attr(obj, &name)?;
        if let Value::Class(c) = obj {
            if self.is_plain_class_attr(c, &name, &v) {
                remember_class_entry(frame, c, i, &v, PLAIN_CLASS_ATTR);
            }
        }
        Ok(v)
    }

    /// The type of a built-in value whose methods no object can shadow (it has no
    /// instance dict): `lst.append`, `s.split`, `d.get` are cached under it.
    #[inline]
    fn builtin_receiver_class(&self, v: &Value) -> Option<&Rc<Class>> {
        let t = &self.types;
        Some(match v {
            Value::Str(_) => &t.str,
            Value::List(_) => &t.list,
            Value::Dict(_) => &t.dict,
            Value::Tuple(_) => &t.tuple,
            Value::Set(s) if s.frozen => &t.frozenset,
            Value::Set(_) => &t.set,
            Value::Bytes(_) => &t.bytes,
            Value::Int(_) | Value::BigInt(_) => &t.int,
            Value::Float(_) => &t.float,
            _ => return None,
        })
    }

    /// Whether `c.name` gave `v` straight from the class namespaces: no metaclass that
    /// could intervene, no special attribute of the type, no descriptor binding other
    /// than a staticmethod's unwrapping.
    fn is_plain_class_attr(&self, c: &Class, name: &PyStr, v: &Value) -> bool {
        if !cacheable_class_name(c, name) {
            return false;
        }
        if let Value::Object(o) = v {
            if o.class.lookup_str(&self.names.get).is_some() {
                return false;
            }
        }
        c.lookup(name.as_str(), name.hash()).is_some_and(|stored| {
            stored.is(v)
                || matches!(&stored, Value::Object(o)
                    if matches!(&o.payload, Payload::StaticMethod(f) if f.is(v)))
        })
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
        let Some((_, slot)) =
            frame.code.caches.store_attr[i as usize].find(class_key(o), cache_epoch())
        else {
            return Err(value);
        };
        match slot.place {
            AttrPlace::Inline => {
                let old = o.inline_store(slot.pos as usize, value)?;
                drop(old);
                return Ok(());
            }
            AttrPlace::Slots => {
                let Payload::Slots(values) = &o.payload else {
                    return Err(value);
                };
                let Ok(mut values) = values.try_borrow_mut() else {
                    return Err(value);
                };
                let Some(place) = values.get_mut(slot.pos as usize) else {
                    return Err(value);
                };
                let old = std::mem::replace(place, value);
                drop(values);
                drop(old);
                return Ok(());
            }
            AttrPlace::Dict => {}
        }
        let Ok(attrs) = o.attrs.try_borrow() else {
            return Err(value);
        };
        let Attrs::Dict(dict) = &*attrs else {
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
        drop(attrs);
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
            Value::Object(o) => self
                .plain_store_target(o, &name)
                .map(|slot| (class_key(o), slot)),
            _ => None,
        };
        self.set_attr(obj, &name, value)?;
        if let (Some((class, member)), Value::Object(o)) = (plain, obj) {
            let (pos, place) = match member {
                Some(index) => (index, AttrPlace::Slots),
                None => match &*o.attrs.borrow() {
                    Attrs::Inline(_) => match o.class.instance_key_index(&name) {
                        Some(k) => (k as u32, AttrPlace::Inline),
                        None => return Ok(()),
                    },
                    Attrs::Dict(d) => {
                        let pos = d.table.borrow().position_of_str(name.as_str(), name.hash());
                        (pos.map_or(u32::MAX, |p| p as u32), AttrPlace::Dict)
                    }
                    Attrs::Absent => return Ok(()),
                },
            };
            let slot = AttrSlot {
                class,
                epoch: cache_epoch(),
                pos,
                place,
            };
            frame.code.caches.store_attr[i as usize].remember(slot);
        }
        Ok(())
    }

    /// The method `obj.name` when the slot has it and the instance does not shadow it,
    /// with true (call it with `obj` first); or `Class.name` with false (call it as is).
    #[inline]
    pub(super) fn load_method_cached(
        &self,
        frame: &Frame,
        obj: &Value,
        i: u32,
    ) -> Option<(Value, bool)> {
        let class = match obj {
            Value::Object(o) => class_key(o),
            Value::Class(c) => {
                return match class_attr_cached(frame, c, i) {
                    Some(v) => Some((v, false)),
                    None => class_entry(frame, c, i, CLASSMETHOD_OF_CLASS).map(|f| (f, true)),
                };
            }
            other => Rc::as_ptr(self.builtin_receiver_class(other)?) as usize,
        };
        let (method, nkeys) = frame.code.caches.method[i as usize].find(class, cache_epoch())?;
        if let Value::Object(o) = obj {
            match &*o.attrs.try_borrow().ok()? {
                Attrs::Absent => {}
                Attrs::Inline(values) => {
                    if values.len() > nkeys as usize {
                        return None;
                    }
                }
                Attrs::Dict(d) => {
                    let name = &frame.code.names[i as usize];
                    let table = d.table.try_borrow().ok()?;
                    if table.position_of_str(name.as_str(), name.hash()).is_some() {
                        return None;
                    }
                }
            }
        }
        Some((method, true))
    }

    /// The full `LOAD_METHOD`, remembering a method found on an instance's class.
    pub(super) fn load_method_slow(
        &mut self,
        frame: &Frame,
        obj: Value,
        i: u32,
    ) -> PyResult<(Value, Value)> {
        if let Value::Module(m) = &obj {
            // `module.function(...)`: a plain attribute, called without `self`.
            if let Some(v) = module_attr_cached(frame, m, i) {
                return Ok((v, Value::Null));
            }
            remember_module_attr(frame, m, i);
        }
        let name = frame.code.names[i as usize].clone();
        let class = match &obj {
            Value::Object(o) if !matches!(o.payload, Payload::Super { .. }) => Some(class_key(o)),
            other => self
                .builtin_receiver_class(other)
                .map(|c| Rc::as_ptr(c) as usize),
        };
        let receiver_class = match &obj {
            Value::Class(c) => Some(c.clone()),
            _ => None,
        };
        let (method, self_value) = self.load_method(obj, &name)?;
        if let Some(c) = receiver_class {
            if self_value.is_null() && self.is_plain_class_attr(&c, &name, &method) {
                remember_class_entry(frame, &c, i, &method, PLAIN_CLASS_ATTR);
            }
            if let Some(f) = plain_classmethod(&c, &name, &method) {
                remember_class_entry(frame, &c, i, &f, CLASSMETHOD_OF_CLASS);
            }
        }
        if let Some(class) = class {
            if !self_value.is_null() {
                let nkeys = match &self_value {
                    Value::Object(o) => o
                        .class
                        .instance_key_index(&name)
                        .unwrap_or_else(|| o.class.instance_keys.borrow().len()),
                    _ => 0,
                };
                frame.code.caches.method[i as usize].remember(MethodSlot {
                    class,
                    epoch: cache_epoch(),
                    method: method.clone(),
                    nkeys: nkeys as u32,
                });
            }
        }
        Ok((method, self_value))
    }

    /// Where the full lookup would read `o.name` from: a `__slots__` index (true) or a
    /// position in the instance dict, or an inline value. None when a
    /// `__getattribute__` override or a data descriptor other than a slot member decides.
    fn instance_attr_location(&mut self, o: &Object, name: &Rc<PyStr>) -> Option<(u32, AttrPlace)> {
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
            if let Value::Object(m) = &d {
                if let Payload::Member { index, .. } = m.payload {
                    return matches!(o.payload, Payload::Slots(_))
                        .then_some((index, AttrPlace::Slots));
                }
            }
            if self.is_data_descriptor(&d) {
                return None;
            }
        }
        match &*o.attrs.try_borrow().ok()? {
            Attrs::Absent => None,
            Attrs::Inline(values) => {
                let k = class.instance_key_index(name)?;
                (k < values.len()).then_some((k as u32, AttrPlace::Inline))
            }
            Attrs::Dict(d) => d
                .table
                .try_borrow()
                .ok()?
                .position_of_str(name.as_str(), name.hash())
                .map(|p| (p as u32, AttrPlace::Dict)),
        }
    }

    /// Whether `o.name = v` is a plain store: Some(Some(index)) into a `__slots__` slot,
    /// Some(None) into the instance dict; None when a descriptor, a `__setattr__`
    /// override or an exception field is involved.
    fn plain_store_target(&mut self, o: &Object, name: &Rc<PyStr>) -> Option<Option<u32>> {
        if name.as_str() == "__dict__" {
            // Replaces the dict itself (`object_setattr`).
            return None;
        }
        let class = &o.class;
        if !class.is_builtin {
            if let Some(sa) = class.lookup_str(&self.names.setattr.clone()) {
                if !matches!(sa, Value::NativeFunction(_)) {
                    return None;
                }
            }
        }
        if let Some(Value::Object(dobj)) = class.lookup_str(name) {
            match dobj.payload {
                Payload::Member { index, .. } if matches!(o.payload, Payload::Slots(_)) => {
                    return Some(Some(index));
                }
                Payload::Property(_) | Payload::None | Payload::Member { .. } => return None,
                _ => {}
            }
        }
        (o.has_dict() && o.exc_data().is_none()).then_some(None)
    }
}
