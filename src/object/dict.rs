//! The insertion-ordered hash table behind `dict`, module globals, class namespaces and
//! instance attributes.
//!
//! Layout as CPython's compact dict: a dense `entries` vector in insertion order plus a
//! sparse index table probed with CPython's perturbation scheme. Key comparison may run
//! Python code (`__eq__`), so lookups take an equality callback; the table itself never
//! calls into the VM. Callers hold only a shared borrow while comparing, and every mutation
//! goes through `try_borrow_mut`, so a `__eq__` that mutates the dict being searched gets a
//! Python `RuntimeError` instead of a panic.

use super::gc::{self, GcHeader, Tracked};
use super::value::Value;
use super::ExcRef;
use std::cell::RefCell;
use std::rc::Rc;

const EMPTY: u32 = u32::MAX;
const DUMMY: u32 = u32::MAX - 1;
const MIN_SIZE: usize = 8;
const PERTURB_SHIFT: u32 = 5;

pub type EqFn<'a> = dyn FnMut(&Value, &Value) -> Result<bool, ExcRef> + 'a;

#[derive(Clone)]
pub struct Entry {
    pub hash: i64,
    /// `Value::Null` marks a deleted entry.
    pub key: Value,
    pub value: Value,
}

#[derive(Clone)]
pub struct Dict {
    entries: Vec<Entry>,
    indices: Vec<u32>,
    used: usize,
    /// Changes on every insertion of a new key or removal, so iterators can detect
    /// "dictionary changed size during iteration" and the global-name cache can tell that
    /// a name is still absent. Drawn from one per-thread counter, so no two dicts (even one
    /// freed and another allocated at the same address) ever share a version.
    version: u64,
}

thread_local! {
    static NEXT_VERSION: std::cell::Cell<u64> = const { std::cell::Cell::new(1) };
}

fn next_version() -> u64 {
    NEXT_VERSION.with(|v| {
        let n = v.get();
        v.set(n + 1);
        n
    })
}

impl Default for Dict {
    fn default() -> Dict {
        Dict {
            entries: Vec::new(),
            indices: Vec::new(),
            used: 0,
            version: next_version(),
        }
    }
}

/// Where a probe ended: either the entry that holds the key, or the index slot where it
/// would be inserted.
enum Probe {
    Found(usize),
    Vacant(usize),
}

impl Dict {
    pub fn new() -> Dict {
        Dict::default()
    }

    pub fn with_capacity(n: usize) -> Dict {
        Dict {
            entries: Vec::with_capacity(n),
            indices: vec![EMPTY; index_size_for(n)],
            used: 0,
            version: next_version(),
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

    fn probe(&self, hash: i64, key: &Value, eq: &mut EqFn) -> Result<Probe, ExcRef> {
        if self.indices.is_empty() {
            return Ok(Probe::Vacant(0));
        }
        let mask = self.indices.len() - 1;
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        let mut first_dummy = None;
        loop {
            let ix = self.indices[i];
            if ix == EMPTY {
                return Ok(Probe::Vacant(first_dummy.unwrap_or(i)));
            }
            if ix == DUMMY {
                first_dummy.get_or_insert(i);
            } else {
                let e = &self.entries[ix as usize];
                if e.hash == hash && (e.key.is(key) || eq(&e.key, key)?) {
                    return Ok(Probe::Found(ix as usize));
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(perturb as usize)
                .wrapping_add(1))
                & mask;
        }
    }

    /// Index of the entry for `key`, if present.
    pub fn find(&self, hash: i64, key: &Value, eq: &mut EqFn) -> Result<Option<usize>, ExcRef> {
        Ok(match self.probe(hash, key, eq)? {
            Probe::Found(ix) => Some(ix),
            Probe::Vacant(_) => None,
        })
    }

    pub fn get(&self, hash: i64, key: &Value, eq: &mut EqFn) -> Result<Option<Value>, ExcRef> {
        Ok(self
            .find(hash, key, eq)?
            .map(|ix| self.entries[ix].value.clone()))
    }

    /// Lookup by string key without any Python-level equality (strings compare by content).
    pub fn get_str(&self, key: &str, hash: i64) -> Option<&Value> {
        self.position_of_str(key, hash)
            .map(|ix| &self.entries[ix].value)
    }

    /// Position in the entry vector of the string key `key`: callers may cache it and
    /// revalidate with `value_if_key_at`. A key of a `str` subclass with the same text
    /// counts as the name (namespaces and keyword arguments treat it so).
    #[inline]
    pub fn position_of_str(&self, key: &str, hash: i64) -> Option<usize> {
        self.probe_str(key, hash, |other| match other {
            Value::Object(o) => Some(str_subclass_key_is(o, key)),
            _ => Some(false),
        })
        .flatten()
    }

    /// `d[key]` for an exact `str` key, when no Python code could take part: the
    /// position of the key (Some(Some)), its absence (Some(None)), or None when an entry
    /// of the same hash has a key of another type whose `__eq__` would be asked.
    #[inline]
    pub fn exact_str_position(&self, key: &str, hash: i64) -> Option<Option<usize>> {
        self.probe_str(key, hash, |other| match other {
            Value::Object(_) => None,
            _ => Some(false),
        })
    }

    /// The probe behind both lookups by string: an entry of equal hash whose key is not
    /// an exact `str` is left to `other` (match, no match, or give up with None).
    #[inline(always)]
    fn probe_str(
        &self,
        key: &str,
        hash: i64,
        other: impl Fn(&Value) -> Option<bool>,
    ) -> Option<Option<usize>> {
        if self.indices.is_empty() {
            return Some(None);
        }
        let mask = self.indices.len() - 1;
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        loop {
            let ix = self.indices[i];
            if ix == EMPTY {
                return Some(None);
            }
            if ix != DUMMY {
                let e = &self.entries[ix as usize];
                if e.hash == hash {
                    let found = match &e.key {
                        Value::Str(s) => {
                            let k = s.as_str();
                            // Interned names share their bytes: pointer equality first.
                            (k.as_ptr() == key.as_ptr() && k.len() == key.len()) || k == key
                        }
                        k => other(k)?,
                    };
                    if found {
                        return Some(Some(ix as usize));
                    }
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(perturb as usize)
                .wrapping_add(1))
                & mask;
        }
    }

    /// Like `value_if_key_at`, for replacing the value in place.
    #[inline]
    pub fn value_at_mut_if_key(
        &mut self,
        pos: usize,
        key: &Rc<super::PyStr>,
    ) -> Option<&mut Value> {
        match self.entries.get_mut(pos) {
            Some(Entry {
                key: Value::Str(k),
                value,
                ..
            }) if Rc::ptr_eq(k, key) => Some(value),
            _ => None,
        }
    }

    /// The value of the live entry at `pos` (from `position_of_str`).
    pub fn value_at(&self, pos: usize) -> &Value {
        &self.entries[pos].value
    }

    /// The value at entry `pos` if that entry's key is this very string object. A dict
    /// holds each key once, so a match means the binding is current, whatever else changed.
    #[inline]
    pub fn value_if_key_at(&self, pos: usize, key: &Rc<super::PyStr>) -> Option<&Value> {
        match self.entries.get(pos) {
            Some(Entry {
                key: Value::Str(k),
                value,
                ..
            }) if Rc::ptr_eq(k, key) => Some(value),
            _ => None,
        }
    }

    /// Inserts or replaces; returns the previous value.
    pub fn insert(
        &mut self,
        hash: i64,
        key: Value,
        value: Value,
        eq: &mut EqFn,
    ) -> Result<Option<Value>, ExcRef> {
        if self.indices.is_empty() {
            self.indices = vec![EMPTY; MIN_SIZE];
        }
        match self.probe(hash, &key, eq)? {
            Probe::Found(ix) => Ok(Some(std::mem::replace(&mut self.entries[ix].value, value))),
            Probe::Vacant(slot) => {
                self.insert_new(slot, hash, key, value);
                Ok(None)
            }
        }
    }

    fn insert_new(&mut self, slot: usize, hash: i64, key: Value, value: Value) {
        self.indices[slot] = self.entries.len() as u32;
        self.entries.push(Entry { hash, key, value });
        self.used += 1;
        self.version = next_version();
        if self.entries.len() * 3 >= self.indices.len() * 2 {
            self.rebuild(index_size_for(self.used * 2));
        }
    }

    /// Makes room for one more key, so that the insertion after it allocates nothing:
    /// growth the program drives (`d[k] = v` in a loop) fails here, where the VM raises
    /// `MemoryError`, rather than inside the insertion, where it would end the process.
    pub fn reserve_one(&mut self) -> Result<(), crate::memory::OutOfMemory> {
        crate::memory::reserve(&mut self.entries, 1)?;
        if (self.entries.len() + 1) * 3 >= self.indices.len() * 2 {
            let size = index_size_for((self.used + 1) * 2);
            let mut indices = crate::memory::with_capacity(size)?;
            indices.resize(size, EMPTY);
            self.rebuild_into(indices);
        }
        Ok(())
    }

    /// Compacts entries and rebuilds the index table with `size` slots.
    fn rebuild(&mut self, size: usize) {
        self.rebuild_into(vec![EMPTY; size]);
    }

    /// [`Dict::rebuild`] into an empty index table the caller allocated (a power of two).
    fn rebuild_into(&mut self, indices: Vec<u32>) {
        if self.entries.len() != self.used {
            self.entries.retain(|e| !e.key.is_null());
        }
        let size = indices.len();
        self.indices = indices;
        let mask = size - 1;
        for (n, e) in self.entries.iter().enumerate() {
            let mut perturb = e.hash as u64;
            let mut i = (e.hash as u64 as usize) & mask;
            while self.indices[i] != EMPTY {
                perturb >>= PERTURB_SHIFT;
                i = (i
                    .wrapping_mul(5)
                    .wrapping_add(perturb as usize)
                    .wrapping_add(1))
                    & mask;
            }
            self.indices[i] = n as u32;
        }
    }

    pub fn remove(
        &mut self,
        hash: i64,
        key: &Value,
        eq: &mut EqFn,
    ) -> Result<Option<(Value, Value)>, ExcRef> {
        let Probe::Found(ix) = self.probe(hash, key, eq)? else {
            return Ok(None);
        };
        Ok(Some(self.remove_entry(ix)))
    }

    fn remove_entry(&mut self, ix: usize) -> (Value, Value) {
        // Find the index slot pointing at this entry.
        let mask = self.indices.len() - 1;
        let hash = self.entries[ix].hash;
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        while self.indices[i] != ix as u32 {
            perturb >>= PERTURB_SHIFT;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(perturb as usize)
                .wrapping_add(1))
                & mask;
        }
        self.indices[i] = DUMMY;
        let e = &mut self.entries[ix];
        let key = std::mem::take(&mut e.key);
        let value = std::mem::take(&mut e.value);
        self.used -= 1;
        self.version = next_version();
        if self.used == 0 {
            self.entries.clear();
            self.indices.iter_mut().for_each(|s| *s = EMPTY);
        } else if self.entries.len() > 16 && self.used * 4 < self.entries.len() {
            self.rebuild(index_size_for(self.used * 2));
        }
        (key, value)
    }

    /// Removes and returns the last inserted item (`dict.popitem`).
    pub fn pop_last(&mut self) -> Option<(Value, Value)> {
        let ix = self.entries.iter().rposition(|e| !e.key.is_null())?;
        Some(self.remove_entry(ix))
    }

    pub fn clear(&mut self) {
        let old = std::mem::take(&mut self.entries);
        self.indices.clear();
        self.used = 0;
        self.version = next_version();
        gc::drop_values(old.into_iter().flat_map(|e| [e.key, e.value]));
    }

    /// Live entries in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = (&Value, &Value)> {
        self.entries
            .iter()
            .filter(|e| !e.key.is_null())
            .map(|e| (&e.key, &e.value))
    }

    pub fn keys(&self) -> impl Iterator<Item = &Value> {
        self.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl Iterator<Item = &Value> {
        self.iter().map(|(_, v)| v)
    }

    /// Entry by position in the dense vector (for iterators that survive across calls);
    /// skips deleted entries by returning None for them.
    pub fn entry_at(&self, pos: usize) -> Option<Option<(&Value, &Value)>> {
        let e = self.entries.get(pos)?;
        Some(if e.key.is_null() {
            None
        } else {
            Some((&e.key, &e.value))
        })
    }

    /// The first live entry at or after `*pos`, moving `*pos` past it: one step of a
    /// dict iterator.
    pub fn next_entry(&self, pos: &mut usize) -> Option<(&Value, &Value)> {
        while let Some(entry) = self.entry_at(*pos) {
            *pos += 1;
            if entry.is_some() {
                return entry;
            }
        }
        None
    }

    /// Length of the dense entry vector (live and deleted), where reverse iteration starts.
    pub fn entries_len(&self) -> usize {
        self.entries.len()
    }

    pub fn entry_hash(&self, pos: usize) -> i64 {
        self.entries[pos].hash
    }

    pub fn value_at_mut(&mut self, pos: usize) -> Option<&mut Value> {
        self.entries
            .get_mut(pos)
            .filter(|e| !e.key.is_null())
            .map(|e| &mut e.value)
    }

    /// Insert a string key known not to need Python-level equality.
    pub fn set_str(&mut self, key: Rc<super::PyStr>, value: Value) -> Option<Value> {
        let hash = key.hash();
        let mut eq = |a: &Value, b: &Value| Ok(str_eq(a, b));
        self.insert(hash, Value::Str(key), value, &mut eq)
            .unwrap_or(None)
    }

    pub fn remove_str(&mut self, key: &str, hash: i64) -> Option<Value> {
        let probe_key = Value::str(key);
        let mut eq = |a: &Value, b: &Value| Ok(str_eq(a, b));
        self.remove(hash, &probe_key, &mut eq)
            .ok()
            .flatten()
            .map(|(_, v)| v)
    }

    /// Drains all live entries (used when clearing cycles and by `dict.clear`).
    pub fn take_all(&mut self) -> Vec<(Value, Value)> {
        let old = std::mem::take(&mut self.entries);
        self.indices.clear();
        self.used = 0;
        self.version = next_version();
        old.into_iter()
            .filter(|e| !e.key.is_null())
            .map(|e| (e.key, e.value))
            .collect()
    }
}

fn str_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Str(x), Value::Str(y)) => Rc::ptr_eq(x, y) || x.as_str() == y.as_str(),
        _ => false,
    }
}

fn index_size_for(n: usize) -> usize {
    let mut size = MIN_SIZE;
    while size * 2 < n * 3 {
        size *= 2;
    }
    size
}

impl Drop for Dict {
    fn drop(&mut self) {
        if !self.entries.is_empty() {
            let old = std::mem::take(&mut self.entries);
            gc::drop_values(old.into_iter().flat_map(|e| [e.key, e.value]));
        }
    }
}

/// A `dict` object.
pub struct DictObj {
    pub gc: GcHeader,
    pub table: RefCell<Dict>,
}

impl DictObj {
    pub fn new(table: Dict) -> Rc<DictObj> {
        let d = Rc::new(DictObj {
            gc: GcHeader::new(),
            table: RefCell::new(table),
        });
        gc::track(Tracked::Dict(Rc::downgrade(&d)));
        d
    }

    pub fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        if let Ok(t) = self.table.try_borrow() {
            for (k, v) in t.iter() {
                f(k);
                f(v);
            }
        }
    }

    pub fn clear_into(&self, trash: &mut Vec<Value>) {
        if let Ok(mut t) = self.table.try_borrow_mut() {
            for (k, v) in t.take_all() {
                trash.push(k);
                trash.push(v);
            }
        }
    }

    pub fn get_str(&self, key: &str, hash: i64) -> Option<Value> {
        self.table.borrow().get_str(key, hash).cloned()
    }

    pub fn len(&self) -> usize {
        self.table.borrow().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Whether the key object `o`, an instance of a `str` subclass, equals the str `key`
/// (kept out of line: string lookups almost never meet one).
#[cold]
#[inline(never)]
fn str_subclass_key_is(o: &super::Object, key: &str) -> bool {
    matches!(&o.payload, super::Payload::Builtin(Value::Str(s)) if s.as_str() == key)
}
