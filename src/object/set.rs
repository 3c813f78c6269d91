//! The hash table behind `set` and `frozenset`, laid out exactly like CPython 3.11's.
//!
//! Set iteration order is table order, and programs print sets: `print({3, 1, 2})` shows
//! `{1, 2, 3}` in CPython because small ints hash to themselves and land in slots 1, 2, 3.
//! Reproducing that needs CPython's table: same minimum size, linear probes, perturbation,
//! fill ratio and resize policy. Dummy slots are marked by hash -1 as in CPython.

use super::dict::EqFn;
use super::gc::{self, GcHeader, Tracked};
use super::value::Value;
use super::ExcRef;
use std::cell::RefCell;
use std::rc::Rc;

const MIN_SIZE: usize = 8;
const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;

#[derive(Clone)]
struct Slot {
    hash: i64,
    /// `Null` for unused (hash 0) and dummy (hash -1) slots.
    key: Value,
}

/// A table of `n` unused slots, each written directly (`vec![UNUSED; n]` clones the
/// first through `Value::clone`, which showed up in set-building profiles).
fn unused_slots(n: usize) -> Vec<Slot> {
    std::iter::repeat_with(|| Slot::UNUSED).take(n).collect()
}

impl Slot {
    const UNUSED: Slot = Slot {
        hash: 0,
        key: Value::Null,
    };

    fn is_unused(&self) -> bool {
        self.key.is_null() && self.hash == 0
    }

    fn is_dummy(&self) -> bool {
        self.key.is_null() && self.hash == -1
    }

    fn is_active(&self) -> bool {
        !self.key.is_null()
    }
}

pub struct SetTable {
    table: Vec<Slot>,
    /// Active + dummy slots.
    fill: usize,
    /// Active slots.
    used: usize,
    version: u64,
    /// Where `pop` resumes its scan (CPython's `so->finger`); survives `clear`, is not
    /// copied.
    finger: usize,
    /// A table allocated ahead of the resize the next new key triggers (see
    /// [`SetTable::prepare_growth`]); empty otherwise.
    spare: Vec<Slot>,
}

/// A copy is a new set: its `pop` finger starts at 0, as in CPython.
impl Clone for SetTable {
    fn clone(&self) -> SetTable {
        SetTable {
            table: self.table.clone(),
            fill: self.fill,
            used: self.used,
            version: self.version,
            finger: 0,
            spare: Vec::new(),
        }
    }
}

/// Keys that are numbers cost nothing to drop; the rest drop one by one (a key holding
/// other values, a tuple, guards its own depth). The table's unused slots hold no key.
impl Drop for SetTable {
    fn drop(&mut self) {
        std::mem::take(&mut self.table)
            .into_iter()
            .for_each(|slot| slot.key.discard());
    }
}

impl Default for SetTable {
    fn default() -> SetTable {
        SetTable::new()
    }
}

impl SetTable {
    pub fn new() -> SetTable {
        SetTable {
            table: unused_slots(MIN_SIZE),
            fill: 0,
            used: 0,
            version: 0,
            finger: 0,
            spare: Vec::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.used
    }

    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    pub fn version(&self) -> u64 {
        self.version
    }

    fn mask(&self) -> usize {
        self.table.len() - 1
    }

    /// Allocates, ahead of time, the table that adding one new key would resize into,
    /// so that growth the program drives (`s.add(x)` in a loop) fails here, where the VM
    /// raises `MemoryError`, rather than inside the resize, where it would end the
    /// process. The live table is untouched: when it resizes is CPython's rule alone,
    /// and iteration order depends on it.
    pub fn prepare_growth(&mut self) -> Result<(), crate::memory::OutOfMemory> {
        if (self.fill + 1) * 5 < self.mask() * 3 {
            return Ok(());
        }
        let size = Self::size_for(self.minused_after(self.used + 1));
        if self.spare.len() != size {
            let mut spare = crate::memory::with_capacity(size)?;
            spare.extend(std::iter::repeat_with(|| Slot::UNUSED).take(size));
            self.spare = spare;
        }
        Ok(())
    }

    /// CPython's `minused` for the resize after an add leaves `used` keys.
    fn minused_after(&self, used: usize) -> usize {
        if used > 50000 {
            used * 2
        } else {
            used * 4
        }
    }

    /// The table size `set_table_resize` picks for `minused`.
    fn size_for(minused: usize) -> usize {
        let mut newsize = MIN_SIZE;
        while newsize <= minused {
            newsize <<= 1;
        }
        newsize
    }

    /// Adds `key`; returns true when it was not present.
    pub fn add(&mut self, hash: i64, key: Value, eq: &mut EqFn) -> Result<bool, ExcRef> {
        let mask = self.mask();
        let mut i = (hash as u64 as usize) & mask;
        let mut perturb = hash as u64;
        let mut freeslot: Option<usize> = None;
        let target = 'search: loop {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            for j in i..=i + probes {
                let slot = &self.table[j];
                if slot.is_unused() {
                    break 'search j;
                }
                if slot.hash == hash && slot.is_active() {
                    if slot.key.is(&key) || eq(&slot.key, &key)? {
                        return Ok(false);
                    }
                } else if slot.is_dummy() {
                    // CPython 3.11 reuses the *last* dummy seen on the probe path.
                    freeslot = Some(j);
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        };
        self.version += 1;
        if let Some(f) = freeslot {
            self.table[f] = Slot { hash, key };
            self.used += 1;
            return Ok(true);
        }
        self.table[target] = Slot { hash, key };
        self.fill += 1;
        self.used += 1;
        if self.fill * 5 >= mask * 3 {
            self.resize(self.minused_after(self.used));
        }
        Ok(true)
    }

    /// Index of the slot holding `key`.
    fn lookup(&self, hash: i64, key: &Value, eq: &mut EqFn) -> Result<Option<usize>, ExcRef> {
        let mask = self.mask();
        let mut i = (hash as u64 as usize) & mask;
        let mut perturb = hash as u64;
        loop {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            for j in i..=i + probes {
                let slot = &self.table[j];
                if slot.is_unused() {
                    return Ok(None);
                }
                if slot.hash == hash
                    && slot.is_active()
                    && (slot.key.is(key) || eq(&slot.key, key)?)
                {
                    return Ok(Some(j));
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
    }

    /// The slot holding `key`, for removal after a probe that ran Python `__eq__`.
    pub fn find_slot(
        &self,
        hash: i64,
        key: &Value,
        eq: &mut EqFn,
    ) -> Result<Option<usize>, ExcRef> {
        self.lookup(hash, key, eq)
    }

    /// Removes the element in slot `j` if it is still `expected` (the table may have
    /// changed since `find_slot`); returns whether it did.
    pub fn remove_slot(&mut self, j: usize, expected: &Value) -> bool {
        match self.table.get(j) {
            Some(slot) if slot.is_active() && slot.key.is(expected) => {
                let old = std::mem::replace(
                    &mut self.table[j],
                    Slot {
                        hash: -1,
                        key: Value::Null,
                    },
                );
                self.used -= 1;
                self.version += 1;
                drop(old);
                true
            }
            _ => false,
        }
    }

    /// Takes over `other`'s contents (CPython's `set_swap_bodies` for `&=`): the pop
    /// finger stays, iterators see a change.
    pub fn replace_body(&mut self, other: SetTable) {
        let version = self.version + 1;
        let finger = self.finger;
        let mut old = std::mem::replace(self, other);
        self.version = version.max(self.version + 1);
        self.finger = finger;
        gc::drop_values(std::mem::take(&mut old.table).into_iter().map(|s| s.key));
    }

    pub fn contains(&self, hash: i64, key: &Value, eq: &mut EqFn) -> Result<bool, ExcRef> {
        Ok(self.lookup(hash, key, eq)?.is_some())
    }

    /// Removes `key`; returns true when it was present.
    pub fn discard(&mut self, hash: i64, key: &Value, eq: &mut EqFn) -> Result<bool, ExcRef> {
        match self.lookup(hash, key, eq)? {
            Some(j) => {
                let old = std::mem::replace(
                    &mut self.table[j],
                    Slot {
                        hash: -1,
                        key: Value::Null,
                    },
                );
                self.used -= 1;
                self.version += 1;
                drop(old);
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// Removes an arbitrary element (`set.pop`): scans from CPython's moving finger, so a
    /// sequence of pops and adds returns elements in CPython's order.
    pub fn pop(&mut self) -> Option<Value> {
        if self.used == 0 {
            return None;
        }
        let mask = self.mask();
        let mut j = self.finger & mask;
        while !self.table[j].is_active() {
            j = if j >= mask { 0 } else { j + 1 };
        }
        let old = std::mem::replace(
            &mut self.table[j],
            Slot {
                hash: -1,
                key: Value::Null,
            },
        );
        self.used -= 1;
        self.version += 1;
        self.finger = j + 1;
        Some(old.key)
    }

    /// Fill (active + dummy slots) and mask, for CPython's resize decisions.
    pub fn fill(&self) -> usize {
        self.fill
    }

    pub fn mask_len(&self) -> usize {
        self.mask()
    }

    /// `set_table_resize` with CPython's sizing for `minused`.
    pub fn resize_for(&mut self, minused: usize) {
        self.resize(minused);
    }

    fn resize(&mut self, minused: usize) {
        let newsize = Self::size_for(minused);
        if newsize == MIN_SIZE && self.table.len() == MIN_SIZE && self.fill == self.used {
            // CPython: a small table without dummies is left as it is.
            return;
        }
        let new = if self.spare.len() == newsize {
            std::mem::take(&mut self.spare)
        } else {
            unused_slots(newsize)
        };
        let old = std::mem::replace(&mut self.table, new);
        for slot in old.into_iter().filter(Slot::is_active) {
            self.insert_clean(slot.hash, slot.key);
        }
        self.fill = self.used;
    }

    fn insert_clean(&mut self, hash: i64, key: Value) {
        let mask = self.mask();
        let mut i = (hash as u64 as usize) & mask;
        let mut perturb = hash as u64;
        loop {
            if self.table[i].key.is_null() {
                self.table[i] = Slot { hash, key };
                return;
            }
            if i + LINEAR_PROBES <= mask {
                for j in i + 1..=i + LINEAR_PROBES {
                    if self.table[j].key.is_null() {
                        self.table[j] = Slot { hash, key };
                        return;
                    }
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
    }

    /// `set_merge`: adds every element of `other`, reproducing CPython's fast paths (they
    /// decide the resulting layout).
    pub fn merge(&mut self, other: &SetTable, eq: &mut EqFn) -> Result<(), ExcRef> {
        if other.used == 0 {
            return Ok(());
        }
        if (self.fill + other.used) * 5 >= self.mask() * 3 {
            self.resize((self.used + other.used) * 2);
        }
        if self.fill == 0 && self.mask() == other.mask() && other.fill == other.used {
            self.table.clone_from(&other.table);
            self.fill = other.fill;
            self.used = other.used;
            self.version += 1;
            return Ok(());
        }
        if self.fill == 0 {
            for slot in other.table.iter().filter(|s| s.is_active()) {
                self.insert_clean(slot.hash, slot.key.clone());
            }
            self.fill = other.used;
            self.used = other.used;
            self.version += 1;
            return Ok(());
        }
        for slot in other.table.iter().filter(|s| s.is_active()) {
            self.add(slot.hash, slot.key.clone(), eq)?;
        }
        Ok(())
    }

    /// Pre-sizes for `n` more insertions, as CPython does before adding a dict's keys.
    pub fn reserve_for(&mut self, n: usize) {
        if (self.fill + n) * 5 >= self.mask() * 3 {
            self.resize((self.used + n) * 2);
        }
    }

    /// Elements with their hashes, in table order.
    pub fn iter(&self) -> impl Iterator<Item = (i64, &Value)> {
        self.table
            .iter()
            .filter(|s| s.is_active())
            .map(|s| (s.hash, &s.key))
    }

    /// Slot `pos` for iterators that survive across calls: None past the end,
    /// Some(None) for an empty slot.
    pub fn slot_at(&self, pos: usize) -> Option<Option<&Value>> {
        let s = self.table.get(pos)?;
        Some(if s.is_active() { Some(&s.key) } else { None })
    }

    pub fn clear(&mut self) {
        let old = std::mem::replace(&mut self.table, unused_slots(MIN_SIZE));
        self.fill = 0;
        self.used = 0;
        self.version += 1;
        gc::drop_values(old.into_iter().map(|s| s.key));
    }
}

/// A `set` or `frozenset` object.
pub struct SetObj {
    pub gc: GcHeader,
    pub frozen: bool,
    pub table: RefCell<SetTable>,
}

impl SetObj {
    pub fn new(table: SetTable, frozen: bool) -> Rc<SetObj> {
        let s = Rc::new(SetObj {
            gc: GcHeader::new(),
            frozen,
            table: RefCell::new(table),
        });
        gc::track(Tracked::Set(Rc::downgrade(&s)));
        s
    }

    pub fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        if let Ok(t) = self.table.try_borrow() {
            t.iter().for_each(|(_, v)| f(v));
        }
    }

    pub fn clear_into(&self, trash: &mut Vec<Value>) {
        if let Ok(mut t) = self.table.try_borrow_mut() {
            let mut old = std::mem::take(&mut *t);
            trash.extend(std::mem::take(&mut old.table).into_iter().map(|s| s.key));
        }
    }

    pub fn len(&self) -> usize {
        self.table.borrow().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
