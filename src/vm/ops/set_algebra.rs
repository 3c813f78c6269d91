//! Set algebra with CPython 3.11's algorithms (Objects/setobject.c).
//!
//! Programs print sets, and a set's printed order is its table layout, which depends on
//! the exact sequence of insertions, deletions and resizes. So each operation mirrors its
//! CPython counterpart step by step: which operand is iterated, which one is probed,
//! where the table is pre-sized, when dummies are purged.
//!
//! The algorithms work on detached [`SetTable`]s: a fresh result, a snapshot of an
//! operand, or the table of a set being updated in place, taken out of its object for the
//! duration (equality may run Python code, during which no `RefCell` borrow may be held).

use crate::object::equality::fast_eq;
use crate::object::{DictObj, SetObj, SetTable, Value};
use crate::vm::{PyResult, Vm};
use std::rc::Rc;

/// Whether `v` is the set object `s` itself.
fn is_same(v: &Value, s: Option<&Rc<SetObj>>) -> bool {
    matches!((v, s), (Value::Set(o), Some(s)) if Rc::ptr_eq(o, s))
}

/// A dict's keys with their stored hashes, in order (CPython's `_PyDict_Next`).
pub fn dict_hashed_keys(d: &DictObj) -> Vec<(i64, Value)> {
    let t = d.table.borrow();
    (0..t.entries_len())
        .filter_map(|i| match t.entry_at(i) {
            Some(Some((k, _))) => Some((t.entry_hash(i), k.clone())),
            _ => None,
        })
        .collect()
}

impl Vm {
    /// The hash under which `v` is looked up in a set: a (mutable) set is looked up as
    /// the equal frozenset, as CPython's `set_contains`/`remove`/`discard` retry.
    pub fn set_lookup_key(&mut self, v: &Value) -> PyResult<(i64, Value)> {
        match self.hash(v) {
            Ok(h) => Ok((h, v.clone())),
            Err(e) => match v {
                Value::Set(s) if !s.frozen && e.class.is_subclass(&self.exc.type_error) => {
                    let frozen = Value::Set(SetObj::new(s.table.borrow().clone(), true));
                    Ok((self.hash(&frozen)?, frozen))
                }
                _ => Err(e),
            },
        }
    }

    /// Removes `key` from a detached table; true when it was there.
    pub fn set_table_discard(
        &mut self,
        table: &mut SetTable,
        hash: i64,
        key: &Value,
    ) -> PyResult<bool> {
        let mut eq = |a: &Value, b: &Value| match fast_eq(a, b) {
            Some(r) => Ok(r),
            None => self.eq(a, b),
        };
        table.discard(hash, key, &mut eq)
    }

    /// Removes `key` from a live set; equality may run Python code, so the probe holds
    /// only a shared borrow.
    pub fn set_discard_live(&mut self, s: &Rc<SetObj>, hash: i64, key: &Value) -> PyResult<bool> {
        loop {
            let slot = {
                let table = s.table.borrow();
                let mut eq = |a: &Value, b: &Value| match fast_eq(a, b) {
                    Some(r) => Ok(r),
                    None => self.eq(a, b),
                };
                match table.find_slot(hash, key, &mut eq)? {
                    Some(j) => (j, table.slot_at(j).flatten().cloned()),
                    None => return Ok(false),
                }
            };
            let (j, Some(found)) = slot else {
                return Ok(false);
            };
            let mut table = self.set_table_mut(s)?;
            if table.remove_slot(j, &found) {
                return Ok(true);
            }
            // The table changed under the probe: look again.
        }
    }

    /// The set's table for mutation, or RuntimeError when it is being probed.
    pub fn set_table_mut<'s>(&self, s: &'s SetObj) -> PyResult<std::cell::RefMut<'s, SetTable>> {
        s.table
            .try_borrow_mut()
            .map_err(|_| self.runtime_error("Set changed size during iteration"))
    }

    /// Runs `f` on the set's table taken out of the object, then puts it back (also on
    /// error: in-place operations keep their partial effect, as in CPython).
    pub fn with_set_table<R>(
        &mut self,
        s: &Rc<SetObj>,
        f: impl FnOnce(&mut Vm, &mut SetTable) -> PyResult<R>,
    ) -> PyResult<R> {
        let mut table = std::mem::take(&mut *self.set_table_mut(s)?);
        let r = f(self, &mut table);
        match s.table.try_borrow_mut() {
            Ok(mut t) => {
                let placeholder = std::mem::replace(&mut *t, table);
                drop(t);
                drop(placeholder);
            }
            Err(_) => return Err(self.runtime_error("Set changed size during iteration")),
        }
        r
    }

    /// A new table holding `t`'s elements (`set_copy`: `make_new_set` + `set_merge`).
    pub fn set_copy_table(&mut self, t: &SetTable) -> PyResult<SetTable> {
        let mut out = SetTable::new();
        self.set_merge(&mut out, t)?;
        Ok(out)
    }

    /// `set_update_internal(so, other)`: sets merge, dicts add their keys with stored
    /// hashes after one pre-size, anything else is iterated.
    pub fn set_update_internal(&mut self, so: &mut SetTable, other: &Value) -> PyResult<()> {
        match other {
            Value::Set(o) => {
                let ot = o.table.borrow().clone();
                self.set_merge(so, &ot)
            }
            Value::Dict(d) => {
                let keys = dict_hashed_keys(d);
                so.reserve_for(keys.len());
                for (h, k) in keys {
                    self.set_table_add(so, h, k)?;
                }
                Ok(())
            }
            _ => {
                let it = self.get_iter(other)?;
                while let Some(k) = self.iter_next(&it)? {
                    let h = self.hash(&k)?;
                    self.set_table_add(so, h, k)?;
                }
                Ok(())
            }
        }
    }

    /// `set_intersection(so, other)`; `so_obj` is the set `so` belongs to, if any.
    pub fn set_intersection_table(
        &mut self,
        so: &SetTable,
        so_obj: Option<&Rc<SetObj>>,
        other: &Value,
    ) -> PyResult<SetTable> {
        if is_same(other, so_obj) {
            return self.set_copy_table(so);
        }
        let mut result = SetTable::new();
        if let Value::Set(o) = other {
            let ot = o.table.borrow().clone();
            // Iterate the smaller table (the argument when sizes are equal).
            let (iterated, probed) = if ot.len() > so.len() {
                (so, &ot)
            } else {
                (&ot, so)
            };
            let items: Vec<(i64, Value)> = iterated.iter().map(|(h, k)| (h, k.clone())).collect();
            for (h, k) in items {
                if self.set_table_contains(probed, h, &k)? {
                    self.set_table_add(&mut result, h, k)?;
                }
            }
            return Ok(result);
        }
        let it = self.get_iter(other)?;
        while let Some(k) = self.iter_next(&it)? {
            let h = self.hash(&k)?;
            if self.set_table_contains(so, h, &k)? {
                self.set_table_add(&mut result, h, k)?;
            }
        }
        Ok(result)
    }

    /// `set_difference(so, other)`.
    pub fn set_difference_table(&mut self, so: &SetTable, other: &Value) -> PyResult<SetTable> {
        let other_size = match other {
            Value::Set(o) => Some(o.len()),
            Value::Dict(d) => Some(d.len()),
            _ => None,
        };
        let copy_and_difference = match other_size {
            None => true,
            Some(n) => (so.len() >> 2) > n,
        };
        if copy_and_difference {
            let mut result = self.set_copy_table(so)?;
            self.set_difference_update_internal(&mut result, None, other)?;
            return Ok(result);
        }
        let mut result = SetTable::new();
        let items: Vec<(i64, Value)> = so.iter().map(|(h, k)| (h, k.clone())).collect();
        match other {
            Value::Dict(d) => {
                for (h, k) in items {
                    if !self.dict_contains_hashed(d, h, &k)? {
                        self.set_table_add(&mut result, h, k)?;
                    }
                }
            }
            Value::Set(o) => {
                let ot = o.table.borrow().clone();
                for (h, k) in items {
                    if !self.set_table_contains(&ot, h, &k)? {
                        self.set_table_add(&mut result, h, k)?;
                    }
                }
            }
            _ => {}
        }
        Ok(result)
    }

    /// Dict membership with a known hash.
    fn dict_contains_hashed(&mut self, d: &DictObj, hash: i64, key: &Value) -> PyResult<bool> {
        let table = d.table.borrow();
        let mut eq = |a: &Value, b: &Value| match fast_eq(a, b) {
            Some(r) => Ok(r),
            None => self.eq(a, b),
        };
        Ok(table.find(hash, key, &mut eq)?.is_some())
    }

    /// `set_difference_update_internal(so, other)`; `so_obj` is the set being updated.
    pub fn set_difference_update_internal(
        &mut self,
        so: &mut SetTable,
        so_obj: Option<&Rc<SetObj>>,
        other: &Value,
    ) -> PyResult<()> {
        if is_same(other, so_obj) {
            so.clear();
            return Ok(());
        }
        if let Value::Set(o) = other {
            let ot = o.table.borrow().clone();
            // When the other set is more than 8 times larger, remove only the common part.
            let ot = if (ot.len() >> 3) > so.len() {
                self.set_intersection_table(so, None, other)?
            } else {
                ot
            };
            let items: Vec<(i64, Value)> = ot.iter().map(|(h, k)| (h, k.clone())).collect();
            for (h, k) in items {
                self.set_table_discard(so, h, &k)?;
            }
        } else {
            let it = self.get_iter(other)?;
            while let Some(k) = self.iter_next(&it)? {
                let h = self.hash(&k)?;
                self.set_table_discard(so, h, &k)?;
            }
        }
        // More than a quarter dummies: resize them away.
        if so.fill() - so.len() <= so.mask_len() / 4 {
            return Ok(());
        }
        let used = so.len();
        so.resize_for(if used > 50000 { used * 2 } else { used * 4 });
        Ok(())
    }

    /// `set_symmetric_difference_update(so, other)`.
    pub fn set_symmetric_difference_update_internal(
        &mut self,
        so: &mut SetTable,
        so_obj: Option<&Rc<SetObj>>,
        other: &Value,
    ) -> PyResult<()> {
        if is_same(other, so_obj) {
            so.clear();
            return Ok(());
        }
        let items: Vec<(i64, Value)> = match other {
            Value::Dict(d) => dict_hashed_keys(d),
            Value::Set(o) => o
                .table
                .borrow()
                .iter()
                .map(|(h, k)| (h, k.clone()))
                .collect(),
            _ => {
                let mut t = SetTable::new();
                self.set_update_internal(&mut t, other)?;
                t.iter().map(|(h, k)| (h, k.clone())).collect()
            }
        };
        for (h, k) in items {
            if !self.set_table_discard(so, h, &k)? {
                self.set_table_add(so, h, k)?;
            }
        }
        Ok(())
    }

    /// `set_symmetric_difference(so, other)`: a copy of `other` updated with `so`.
    pub fn set_symmetric_difference_table(
        &mut self,
        so: &Rc<SetObj>,
        other: &Value,
    ) -> PyResult<SetTable> {
        let mut result = SetTable::new();
        self.set_update_internal(&mut result, other)?;
        self.set_symmetric_difference_update_internal(&mut result, None, &Value::Set(so.clone()))?;
        Ok(result)
    }

    /// `set_issubset(so, other)`.
    pub fn set_issubset(&mut self, so: &Rc<SetObj>, other: &Value) -> PyResult<bool> {
        let st = so.table.borrow().clone();
        let Value::Set(o) = other else {
            let common = self.set_intersection_table(&st, Some(so), other)?;
            return Ok(common.len() == st.len());
        };
        let ot = o.table.borrow().clone();
        if st.len() > ot.len() {
            return Ok(false);
        }
        for (h, k) in st.iter() {
            if !self.set_table_contains(&ot, h, k)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// `set_issuperset(so, other)`.
    pub fn set_issuperset(&mut self, so: &Rc<SetObj>, other: &Value) -> PyResult<bool> {
        if let Value::Set(o) = other {
            return self.set_issubset(o, &Value::Set(so.clone()));
        }
        let st = so.table.borrow().clone();
        let it = self.get_iter(other)?;
        while let Some(k) = self.iter_next(&it)? {
            let h = self.hash(&k)?;
            if !self.set_table_contains(&st, h, &k)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// `set_isdisjoint(so, other)`.
    pub fn set_isdisjoint(&mut self, so: &Rc<SetObj>, other: &Value) -> PyResult<bool> {
        let st = so.table.borrow().clone();
        if is_same(other, Some(so)) {
            return Ok(st.is_empty());
        }
        if let Value::Set(o) = other {
            let ot = o.table.borrow().clone();
            let (iterated, probed) = if ot.len() > st.len() {
                (&st, &ot)
            } else {
                (&ot, &st)
            };
            for (h, k) in iterated.iter() {
                if self.set_table_contains(probed, h, k)? {
                    return Ok(false);
                }
            }
            return Ok(true);
        }
        let it = self.get_iter(other)?;
        while let Some(k) = self.iter_next(&it)? {
            let h = self.hash(&k)?;
            if self.set_table_contains(&st, h, &k)? {
                return Ok(false);
            }
        }
        Ok(true)
    }
}
