//! `__slots__`: instances with a fixed set of attributes stored inline, reached through
//! member descriptors on the class, and without a `__dict__` unless asked for.
//!
//! As in CPython, a class's slots extend those of its base; `__dict__` in `__slots__` (or
//! any base without `__slots__`) gives instances a dict as well. Only plain classes
//! (deriving from `object`) get slot storage; elsewhere `__slots__` is an ordinary class
//! attribute.

use super::{PyResult, Vm};
use crate::object::class::{Class, Layout};
use crate::object::{Dict, ExcRef, Object, Payload, PyStr, Value};
use std::cell::RefCell;
use std::rc::Rc;

/// What a `__slots__` declaration asks of a class being created.
pub(crate) struct SlotsPlan {
    /// Slot names (mangled), in declaration order.
    names: Vec<Rc<PyStr>>,
    /// Slots inherited from the base with slots, which the new ones follow.
    inherited: u32,
    instance_dict: bool,
}

impl Vm {
    /// Reads `__slots__` from a new class's namespace and checks it as CPython does.
    /// None when the class has no slot storage of its own to set up.
    pub(crate) fn plan_slots(
        &mut self,
        class_name: &str,
        bases: &[Rc<Class>],
        layout: Layout,
        dict: &Dict,
    ) -> PyResult<Option<SlotsPlan>> {
        let h = crate::object::hash::hash_str;
        // Bases with slots must share one layout: each one's "solid base" (the class
        // that introduced its slots) lies on the chain of the base with the most slots,
        // as in CPython (`ReadTransport(BaseTransport)` and `WriteTransport
        // (BaseTransport)`, with empty `__slots__`, combine).
        let with_slots: Vec<&Rc<Class>> = bases.iter().filter(|b| b.nslots.get() > 0).collect();
        let winner = with_slots.iter().max_by_key(|b| b.nslots.get()).copied();
        if let Some(winner) = winner {
            let winner_solid = solid_base(winner);
            if with_slots
                .iter()
                .any(|b| !winner_solid.is_subclass(&solid_base(b)))
            {
                return Err(self.type_error("multiple bases have instance lay-out conflict"));
            }
        }
        let inherited = winner.map_or(0, |b| b.nslots.get());
        let base_dict = bases.iter().any(|b| b.instance_dict.get());
        let Some(decl) = dict.get_str("__slots__", h("__slots__")).cloned() else {
            return Ok((inherited > 0 || !base_dict).then_some(SlotsPlan {
                names: Vec::new(),
                inherited,
                instance_dict: true,
            }));
        };
        if layout != Layout::Object {
            return Ok(None);
        }
        let items = match &decl {
            Value::Str(_) => vec![decl.clone()],
            _ => self.collect_iterable(&decl)?,
        };
        let mut names = Vec::with_capacity(items.len());
        let mut instance_dict = base_dict;
        let mut wants_dict = false;
        for item in items {
            let Value::Str(s) = &item else {
                return Err(self.type_error(format!(
                    "__slots__ items must be strings, not '{}'",
                    self.type_name(&item)
                )));
            };
            if !is_identifier(s.as_str()) {
                return Err(self.type_error("__slots__ must be identifiers"));
            }
            match s.as_str() {
                "__dict__" => {
                    if wants_dict || base_dict {
                        return Err(self.type_error("__dict__ slot disallowed: we already got one"));
                    }
                    wants_dict = true;
                    instance_dict = true;
                }
                "__weakref__" => {}
                name => {
                    let mangled = crate::sema::mangle(Some(class_name), name);
                    if dict.get_str(&mangled, h(&mangled)).is_some() {
                        return Err(self.value_error(format!(
                            "'{name}' in __slots__ conflicts with class variable"
                        )));
                    }
                    names.push(self.intern(&mangled));
                }
            }
        }
        Ok(Some(SlotsPlan {
            names,
            inherited,
            instance_dict,
        }))
    }

    /// Gives a freshly created class its member descriptors and instance layout.
    pub(crate) fn install_slots(&mut self, class: &Rc<Class>, plan: SlotsPlan) {
        let mut dict = class.dict.borrow_mut();
        for (k, name) in plan.names.iter().enumerate() {
            let member = Payload::Member {
                index: plan.inherited + k as u32,
                name: name.clone(),
                owner: Rc::downgrade(class),
            };
            let descr = Object::new(self.types.member_descriptor.clone(), member);
            dict.set_str(name.clone(), Value::Object(descr));
        }
        class.nslots.set(plan.inherited + plan.names.len() as u32);
        class.instance_dict.set(plan.instance_dict);
    }

    /// A new, uninitialised instance of a plain class.
    pub(crate) fn new_plain_instance(&self, cls: &Rc<Class>) -> Rc<Object> {
        let nslots = cls.nslots.get() as usize;
        let payload = if nslots > 0 {
            Payload::Slots(RefCell::new(vec![Value::Null; nslots]))
        } else {
            Payload::None
        };
        if cls.instance_dict.get() {
            Object::with_dict(cls.clone(), payload)
        } else {
            Object::new(cls.clone(), payload)
        }
    }

    /// `member.__get__(obj)`.
    pub(crate) fn member_get(&self, index: u32, name: &PyStr, obj: &Value) -> PyResult {
        let v = self.slot_cell(obj, index, name)?.borrow()[index as usize].clone();
        if v.is_null() {
            return Err(self.no_attribute(obj, name.as_str()));
        }
        Ok(v)
    }

    /// `member.__set__(obj, value)`; `None` deletes.
    pub(crate) fn member_set(
        &self,
        index: u32,
        name: &PyStr,
        obj: &Value,
        value: Option<Value>,
    ) -> PyResult<()> {
        let cell = self.slot_cell(obj, index, name)?;
        let deleting = value.is_none();
        let old = std::mem::replace(
            &mut cell.borrow_mut()[index as usize],
            value.unwrap_or(Value::Null),
        );
        if deleting && old.is_null() {
            return Err(self.attribute_error(name.as_str()));
        }
        drop(old);
        Ok(())
    }

    fn slot_cell<'a>(
        &self,
        obj: &'a Value,
        index: u32,
        name: &PyStr,
    ) -> PyResult<&'a RefCell<Vec<Value>>> {
        if let Value::Object(o) = obj {
            if let Payload::Slots(values) = &o.payload {
                if (index as usize) < values.borrow().len() {
                    return Ok(values);
                }
            }
        }
        Err(self.descriptor_mismatch(name, obj))
    }

    fn descriptor_mismatch(&self, name: &PyStr, obj: &Value) -> ExcRef {
        self.type_error(format!(
            "descriptor '{}' for objects doesn't apply to a '{}' object",
            name.as_str(),
            self.type_name(obj)
        ))
    }

    /// `repr` of a member descriptor.
    pub(crate) fn member_repr(name: &PyStr, owner: &std::rc::Weak<Class>) -> String {
        let owner = owner
            .upgrade()
            .map_or_else(|| "?".to_string(), |c| c.name.clone());
        format!("<member '{}' of '{}' objects>", name.as_str(), owner)
    }
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c == '_' || unicode_ident::is_xid_start(c))
        && chars.all(unicode_ident::is_xid_continue)
}

/// The class that introduced `class`'s slot layout: up the bases while one has the
/// same number of slots.
fn solid_base(class: &Rc<Class>) -> Rc<Class> {
    let mut current = class.clone();
    loop {
        let n = current.nslots.get();
        let next = current
            .bases
            .borrow()
            .iter()
            .find(|b| b.nslots.get() == n)
            .cloned();
        match next {
            Some(b) => current = b,
            None => return current,
        }
    }
}
