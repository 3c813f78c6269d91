//! dict and set operations that need Python-level hashing and equality.
//!
//! Keys whose equality can be decided natively (str, int, float, tuples of those) never
//! run Python code; other keys call `__eq__`, during which only a shared borrow of the
//! table is held, and every mutation uses `try_borrow_mut` so that a `__eq__` mutating
//! the same dict raises RuntimeError instead of panicking.

use crate::object::equality::fast_eq;
use crate::object::{Dict, DictObj, SetObj, SetTable, Value};
use crate::vm::{PyResult, Vm};
use std::cell::RefMut;
use std::rc::Rc;

impl Vm {
    pub(crate) fn dict_mut<'d>(&self, d: &'d DictObj) -> PyResult<RefMut<'d, Dict>> {
        d.table
            .try_borrow_mut()
            .map_err(|_| self.runtime_error("dictionary changed size during iteration"))
    }

    pub fn dict_get_item(&mut self, d: &DictObj, key: &Value) -> PyResult<Option<Value>> {
        if let Value::Str(s) = key {
            // Unless a key of a `str` subclass with the same hash must be asked.
            let table = d.table.borrow();
            if let Some(pos) = table.exact_str_position(s.as_str(), s.hash()) {
                return Ok(pos.map(|p| table.value_at(p).clone()));
            }
        }
        let hash = self.hash(key)?;
        let table = d.table.borrow();
        let mut eq = |a: &Value, b: &Value| match fast_eq(a, b) {
            Some(r) => Ok(r),
            None => self.eq(a, b),
        };
        table.get(hash, key, &mut eq)
    }

    pub fn dict_set_item(&mut self, d: &DictObj, key: Value, value: Value) -> PyResult<()> {
        if let Value::Str(s) = &key {
            // Unless a key of a `str` subclass with the same hash must be asked.
            let exact = d.table.borrow().exact_str_position(s.as_str(), s.hash());
            if let Some(pos) = exact {
                let mut table = self.dict_mut(d)?;
                let old = match pos.and_then(|p| table.value_at_mut(p)) {
                    Some(slot) => Some(std::mem::replace(slot, value)),
                    None => {
                        table.reserve_one().map_err(|_| self.memory_error())?;
                        table.set_str(s.clone(), value)
                    }
                };
                drop(table);
                drop(old);
                return Ok(());
            }
        }
        let hash = self.hash(&key)?;
        // Probe with a shared borrow (equality may run Python code), then insert.
        let found = {
            let table = d.table.borrow();
            let mut eq = |a: &Value, b: &Value| match fast_eq(a, b) {
                Some(r) => Ok(r),
                None => self.eq(a, b),
            };
            table.find(hash, &key, &mut eq)?
        };
        let mut table = self.dict_mut(d)?;
        match found.and_then(|ix| table.value_at_mut(ix)) {
            Some(slot) => {
                let old = std::mem::replace(slot, value);
                drop(table);
                drop(old);
            }
            None => {
                table.reserve_one().map_err(|_| self.memory_error())?;
                let mut eq = |a: &Value, b: &Value| Ok(fast_eq(a, b).unwrap_or(false));
                table.insert(hash, key, value, &mut eq)?;
            }
        }
        Ok(())
    }

    /// Removes `key`; returns the value if it was present.
    pub fn dict_del_item(&mut self, d: &DictObj, key: &Value) -> PyResult<Option<Value>> {
        let hash = self.hash(key)?;
        let found = {
            let table = d.table.borrow();
            let mut eq = |a: &Value, b: &Value| match fast_eq(a, b) {
                Some(r) => Ok(r),
                None => self.eq(a, b),
            };
            table.find(hash, key, &mut eq)?
        };
        if found.is_none() {
            return Ok(None);
        }
        let mut table = self.dict_mut(d)?;
        let mut eq = |a: &Value, b: &Value| Ok(a.is(b) || fast_eq(a, b).unwrap_or(false));
        let removed = table.remove(hash, key, &mut eq)?;
        drop(table);
        Ok(removed.map(|(_, v)| v))
    }

    /// A dict from alternating keys and values (`BuildMap`).
    pub fn new_dict_from_pairs(&mut self, items: Vec<Value>) -> PyResult {
        let d = DictObj::new(Dict::with_capacity(items.len() / 2));
        let mut it = items.into_iter();
        while let (Some(k), Some(v)) = (it.next(), it.next()) {
            self.dict_set_item(&d, k, v)?;
        }
        Ok(Value::Dict(d))
    }

    /// `target.update(source)`; with `merge`, duplicate keys are an error (`f(**a, **b)`).
    /// Pairs are stored as they are read, so an error part-way keeps the earlier ones
    /// (as CPython's `PyDict_MergeFromSeq2`).
    pub fn dict_update_from(
        &mut self,
        target: &Value,
        source: &Value,
        merge: bool,
    ) -> PyResult<()> {
        let Value::Dict(t) = target else {
            return Ok(());
        };
        if let Value::Dict(s) = source {
            let pairs: Vec<(Value, Value)> = s
                .table
                .borrow()
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            for (k, v) in pairs {
                self.dict_store_update(t, k, v, merge)?;
            }
            return Ok(());
        }
        let keys_name = self.intern("keys");
        if let Some(keys) = self.get_attr_opt(source, &keys_name)? {
            let keys = self.call(&keys, &[])?;
            let it = self.get_iter(&keys)?;
            while let Some(k) = self.iter_next(&it)? {
                let v = self.get_item(source, &k)?;
                self.dict_store_update(t, k, v, merge)?;
            }
            return Ok(());
        }
        if merge {
            return Err(self.type_error(format!(
                "argument after ** must be a mapping, not {}",
                self.type_name(source)
            )));
        }
        let it = self.get_iter(source)?;
        let mut i = 0usize;
        while let Some(item) = self.iter_next(&it)? {
            let kv = match self.collect_iterable(&item) {
                Ok(kv) => kv,
                Err(e) if e.class.is_subclass(&self.exc.type_error) => {
                    return Err(self.type_error(format!(
                        "cannot convert dictionary update sequence element #{i} to a sequence"
                    )))
                }
                Err(e) => return Err(e),
            };
            if kv.len() != 2 {
                return Err(self.value_error(format!(
                    "dictionary update sequence element #{i} has length {}; 2 is required",
                    kv.len()
                )));
            }
            let mut kv = kv.into_iter();
            let (k, v) = (kv.next().unwrap_or_default(), kv.next().unwrap_or_default());
            self.dict_set_item(t, k, v)?;
            i += 1;
        }
        Ok(())
    }

    fn dict_store_update(&mut self, t: &DictObj, k: Value, v: Value, merge: bool) -> PyResult<()> {
        if merge && self.dict_get_item(t, &k)?.is_some() {
            let key = match &k {
                Value::Str(s) => s.as_str().to_string(),
                other => self.repr(other)?,
            };
            return Err(
                self.type_error(format!("got multiple values for keyword argument '{key}'"))
            );
        }
        self.dict_set_item(t, k, v)
    }

    pub fn new_set(&mut self, items: Vec<Value>, frozen: bool) -> PyResult {
        let mut table = SetTable::new();
        for v in items {
            let h = self.hash(&v)?;
            self.set_table_add(&mut table, h, v)?;
        }
        Ok(Value::Set(SetObj::new(table, frozen)))
    }

    pub(crate) fn set_table_add(
        &mut self,
        table: &mut SetTable,
        hash: i64,
        v: Value,
    ) -> PyResult<bool> {
        table.prepare_growth().map_err(|_| self.memory_error())?;
        let mut eq = |a: &Value, b: &Value| match fast_eq(a, b) {
            Some(r) => Ok(r),
            None => self.eq(a, b),
        };
        table.add(hash, v, &mut eq)
    }

    pub(crate) fn set_table_contains(
        &mut self,
        table: &SetTable,
        hash: i64,
        v: &Value,
    ) -> PyResult<bool> {
        let mut eq = |a: &Value, b: &Value| match fast_eq(a, b) {
            Some(r) => Ok(r),
            None => self.eq(a, b),
        };
        table.contains(hash, v, &mut eq)
    }

    pub(crate) fn set_merge(&mut self, table: &mut SetTable, other: &SetTable) -> PyResult<()> {
        let mut eq = |a: &Value, b: &Value| match fast_eq(a, b) {
            Some(r) => Ok(r),
            None => self.eq(a, b),
        };
        table.merge(other, &mut eq)
    }

    /// `set.add(v)` on a set value.
    pub fn set_add(&mut self, target: &Value, v: Value) -> PyResult<()> {
        let Value::Set(s) = target else { return Ok(()) };
        let h = self.hash(&v)?;
        // Probe under a shared borrow (equality may run Python code), then insert with
        // native equality only.
        let present = {
            let table = s.table.borrow();
            let mut eq = |a: &Value, b: &Value| match fast_eq(a, b) {
                Some(r) => Ok(r),
                None => self.eq(a, b),
            };
            table.contains(h, &v, &mut eq)?
        };
        if present {
            return Ok(());
        }
        let mut table = s
            .table
            .try_borrow_mut()
            .map_err(|_| self.runtime_error("Set changed size during iteration"))?;
        table.prepare_growth().map_err(|_| self.memory_error())?;
        let mut eq = |a: &Value, b: &Value| Ok(fast_eq(a, b).unwrap_or(false));
        table.add(h, v, &mut eq)?;
        Ok(())
    }

    pub fn set_contains(&mut self, s: &Rc<SetObj>, v: &Value) -> PyResult<bool> {
        // A set argument is looked up as the equal frozenset.
        let (h, v) = self.set_lookup_key(v)?;
        let table = s.table.borrow();
        let mut eq = |a: &Value, b: &Value| match fast_eq(a, b) {
            Some(r) => Ok(r),
            None => self.eq(a, b),
        };
        table.contains(h, &v, &mut eq)
    }

    /// `item in container`.
    pub fn contains(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
        match container {
            Value::Str(s) => match item {
                Value::Str(sub) => Ok(s.as_str().contains(sub.as_str())),
                _ => Err(self.type_error(format!(
                    "'in <string>' requires string as left operand, not {}",
                    self.type_name(item)
                ))),
            },
            Value::Bytes(b) => match item {
                Value::Bytes(sub) => Ok(sub.data.is_empty()
                    || b.data.windows(sub.data.len()).any(|w| w == &sub.data[..])),
                Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
                    match self.to_index(item)?.and_then(|i| u8::try_from(i).ok()) {
                        Some(byte) => Ok(b.data.contains(&byte)),
                        None => Err(self.value_error("byte must be in range(0, 256)")),
                    }
                }
                _ => Err(self.type_error(format!(
                    "a bytes-like object is required, not '{}'",
                    self.type_name(item)
                ))),
            },
            Value::List(l) => {
                // As CPython's `list_contains`: by index, so an `__eq__` that changes
                // the list is seen. Items decided without Python code are scanned under
                // one borrow; the others are compared one at a time.
                let mut i = 0;
                loop {
                    let v = {
                        let items = l.items.borrow();
                        loop {
                            let Some(v) = items.get(i) else {
                                return Ok(false);
                            };
                            if v.is(item) {
                                return Ok(true);
                            }
                            match crate::object::equality::fast_eq(v, item) {
                                Some(true) => return Ok(true),
                                Some(false) => i += 1,
                                None => break v.clone(),
                            }
                        }
                    };
                    if self.eq(&v, item)? {
                        return Ok(true);
                    }
                    i += 1;
                }
            }
            Value::Tuple(t) => {
                for v in t.items.iter() {
                    if v.is(item) || self.eq(v, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Value::Dict(d) => Ok(self.dict_get_item(d, item)?.is_some()),
            Value::Set(s) => self.set_contains(s, item),
            Value::Range(r) => {
                let i = match item {
                    Value::Int(i) => *i,
                    Value::Bool(b) => b.get() as i64,
                    _ => {
                        // Non-int: fall back to equality scan semantics (e.g. 2.0 in range(3)).
                        let len = r.len();
                        for k in 0..len.min(1 << 20) {
                            if self.eq(&Value::Int(r.get(k)), item)? {
                                return Ok(true);
                            }
                        }
                        return Ok(false);
                    }
                };
                Ok(if r.step > 0 {
                    i >= r.start && i < r.stop && (i - r.start) % r.step == 0
                } else {
                    i <= r.start && i > r.stop && (r.start - i) % (-r.step) == 0
                })
            }
            _ => {
                let class = self.class_of(container);
                if let Some(m) = class.lookup_str(&self.names.contains.clone()) {
                    let r = self.call(&m, &[container.clone(), item.clone()])?;
                    return self.is_true(&r);
                }
                // Fall back to iteration.
                let it = self.get_iter(container).map_err(|_| {
                    self.type_error(format!(
                        "argument of type '{}' is not iterable",
                        self.type_name(container)
                    ))
                })?;
                while let Some(v) = self.iter_next(&it)? {
                    if v.is(item) || self.eq(&v, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
        }
    }
}
