//! Subscripts: `obj[key]`, assignment and deletion, with slices.

use crate::object::{Payload, Range, Slice, Value};
use crate::vm::{PyResult, Vm};
use std::rc::Rc;

/// A slice resolved against a sequence length (CPython's `PySlice_AdjustIndices`).
#[derive(Clone, Copy, Debug)]
pub struct SliceIndices {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
    pub len: i64,
}

impl SliceIndices {
    /// The selected positions as one ascending range, when the step is 1 (a copy or a
    /// deletion can then move whole blocks).
    pub fn contiguous(&self) -> Option<std::ops::Range<usize>> {
        (self.step == 1).then(|| self.start as usize..(self.start + self.len) as usize)
    }

    /// The items of `items` selected, in order. `items` may have shrunk since the
    /// indices were computed (a slice bound's `__index__` can change the list):
    /// positions past its end are left out.
    pub fn select(&self, items: &[Value]) -> Vec<Value> {
        match self.contiguous() {
            Some(r) if r.end <= items.len() => items[r].to_vec(),
            _ => {
                let mut out = Vec::with_capacity(self.len.max(0) as usize);
                out.extend(self.positions().filter_map(|p| items.get(p).cloned()));
                out
            }
        }
    }

    /// The positions selected, in order.
    pub fn positions(&self) -> impl Iterator<Item = usize> {
        let s = *self;
        (0..s.len).map(move |i| (s.start + i * s.step) as usize)
    }
}

impl Vm {
    pub fn slice_indices(&mut self, s: &Slice, length: usize) -> PyResult<SliceIndices> {
        let length = length as i64;
        let step = match &s.step {
            Value::None => 1,
            v => self.slice_part(v)?,
        };
        if step == 0 {
            return Err(self.value_error("slice step cannot be zero"));
        }
        let (lower, upper) = if step < 0 {
            (-1, length - 1)
        } else {
            (0, length)
        };
        let clamp = |v: i64| -> i64 {
            if v < 0 {
                let v = v.saturating_add(length);
                if v < 0 {
                    lower
                } else {
                    v
                }
            } else if v >= upper {
                upper
            } else {
                v
            }
        };
        let start = match &s.start {
            Value::None => {
                if step < 0 {
                    upper
                } else {
                    lower
                }
            }
            v => clamp(self.slice_part(v)?),
        };
        let stop = match &s.stop {
            Value::None => {
                if step < 0 {
                    lower
                } else {
                    upper
                }
            }
            v => clamp(self.slice_part(v)?),
        };
        let len = if step < 0 {
            if stop < start {
                (start - stop - 1) / (-step) + 1
            } else {
                0
            }
        } else if start < stop {
            (stop - start - 1) / step + 1
        } else {
            0
        };
        Ok(SliceIndices {
            start,
            stop,
            step,
            len,
        })
    }

    fn slice_part(&mut self, v: &Value) -> PyResult<i64> {
        match self.to_index(v)? {
            Some(i) => Ok(i),
            None => Err(self
                .type_error("slice indices must be integers or None or have an __index__ method")),
        }
    }

    /// Resolves an index against `len` (negative counts from the end); None if out of range.
    pub(crate) fn seq_index(
        &mut self,
        key: &Value,
        len: usize,
        type_name: &str,
    ) -> PyResult<Option<usize>> {
        let Some(i) = self.to_index(key)? else {
            return Err(self.type_error(format!(
                "{type_name} indices must be integers or slices, not {}",
                self.type_name(key)
            )));
        };
        let i = if i < 0 {
            i.saturating_add(len as i64)
        } else {
            i
        };
        Ok(if i >= 0 && (i as usize) < len {
            Some(i as usize)
        } else {
            None
        })
    }

    pub fn get_item(&mut self, obj: &Value, key: &Value) -> PyResult {
        match obj {
            Value::List(l) => {
                if let Value::Int(i) = key {
                    let items = l.items.borrow();
                    let n = items.len() as i64;
                    let j = if *i < 0 { i + n } else { *i };
                    if j >= 0 && j < n {
                        return Ok(items[j as usize].clone());
                    }
                    return Err(self.index_error("list index out of range"));
                }
                if let Value::Slice(s) = key {
                    let len = l.items.borrow().len();
                    let idx = self.slice_indices(s, len)?;
                    return Ok(Value::list(idx.select(&l.items.borrow())));
                }
                let len = l.items.borrow().len();
                match self.seq_index(key, len, "list")? {
                    Some(i) => Ok(l.items.borrow()[i].clone()),
                    None => Err(self.index_error("list index out of range")),
                }
            }
            Value::Tuple(t) => {
                if let Value::Slice(s) = key {
                    let idx = self.slice_indices(s, t.items.len())?;
                    return Ok(Value::tuple(idx.select(&t.items)));
                }
                match self.seq_index(key, t.items.len(), "tuple")? {
                    Some(i) => Ok(t.items[i].clone()),
                    None => Err(self.index_error("tuple index out of range")),
                }
            }
            Value::Str(s) => {
                if let Value::Slice(sl) = key {
                    let n = s.char_len();
                    let idx = self.slice_indices(sl, n)?;
                    if idx.step == 1 {
                        return Ok(Value::str(
                            s.char_slice(idx.start as usize, (idx.start + idx.len) as usize),
                        ));
                    }
                    let chars: Vec<char> = s.as_str().chars().collect();
                    return Ok(Value::str(
                        idx.positions().map(|p| chars[p]).collect::<String>(),
                    ));
                }
                if self.to_index(key)?.is_none() {
                    return Err(self.type_error(format!(
                        "string indices must be integers, not '{}'",
                        self.type_name(key)
                    )));
                }
                match self.seq_index(key, s.char_len(), "string")? {
                    Some(i) => {
                        let c = s.char_at(i).unwrap_or(' ');
                        Ok(self.char_value(c))
                    }
                    None => Err(self.index_error("string index out of range")),
                }
            }
            Value::Bytes(b) => {
                if let Value::Slice(sl) = key {
                    let idx = self.slice_indices(sl, b.data.len())?;
                    let data: Vec<u8> = idx.positions().map(|p| b.data[p]).collect();
                    return Ok(Value::Bytes(Rc::new(crate::object::string::PyBytes::new(
                        data,
                    ))));
                }
                match self.seq_index(key, b.data.len(), "byte")? {
                    Some(i) => Ok(Value::Int(b.data[i] as i64)),
                    None => Err(self.index_error("index out of range")),
                }
            }
            Value::Range(r) => {
                if let Value::Slice(sl) = key {
                    let idx = self.slice_indices(sl, r.len() as usize)?;
                    // CPython's `compute_slice`: the slice's own bounds, not the
                    // normalised end (`range(10)[1:8:3]` is `range(1, 8, 3)`).
                    let start = r.get(idx.start);
                    let step = r.step * idx.step;
                    let stop = r.start + r.step * idx.stop;
                    return Ok(Value::Range(Rc::new(Range { start, stop, step })));
                }
                match self.seq_index(key, r.len() as usize, "range")? {
                    Some(i) => Ok(Value::Int(r.get(i as i64))),
                    None => Err(self.index_error("range object index out of range")),
                }
            }
            Value::Dict(d) => match self.dict_get_item(d, key)? {
                Some(v) => Ok(v),
                None => Err(self.key_error(key.clone())),
            },
            Value::Object(o) => {
                let class = o.class.clone();
                let getitem = class.lookup_str(&self.names.getitem.clone());
                // A dict subclass with dict's own `__getitem__`: a missing key goes to
                // the class's `__missing__` (defaultdict, Counter), as in CPython.
                if let (Payload::Builtin(Value::Dict(d)), Some(Value::NativeFunction(_))) =
                    (&o.payload, &getitem)
                {
                    if let Some(v) = self.dict_get_item(d, key)? {
                        return Ok(v);
                    }
                    let h = crate::object::hash::hash_str("__missing__");
                    if let Some(missing) = class.lookup("__missing__", h) {
                        return self.call(&missing, &[obj.clone(), key.clone()]);
                    }
                    return Err(self.key_error(key.clone()));
                }
                match getitem {
                    Some(m) => self.call(&m, &[obj.clone(), key.clone()]),
                    None => Err(self.not_subscriptable(obj)),
                }
            }
            Value::Class(c) => {
                // The metaclass's `__getitem__` comes first (`Color['RED']`).
                if let Some(m) = self.metaclass_method(c, "__getitem__") {
                    return self.call(&m, &[obj.clone(), key.clone()]);
                }
                let h = crate::object::hash::hash_str("__class_getitem__");
                match c.lookup("__class_getitem__", h) {
                    Some(m) => {
                        let f = self.descr_get(m, obj, c)?;
                        self.call(&f, std::slice::from_ref(key))
                    }
                    // `list[int]` and friends: a `types.GenericAlias`.
                    None if self.is_generic_builtin(c) => {
                        let types = self.import_module("types")?;
                        let name = self.intern("GenericAlias");
                        let alias = self.get_attr(&types, &name)?;
                        self.call(&alias, &[obj.clone(), key.clone()])
                    }
                    None => Err(self.type_error(format!("type '{}' is not subscriptable", c.name))),
                }
            }
            _ => Err(self.not_subscriptable(obj)),
        }
    }

    /// The built-in types CPython makes subscriptable for annotations (PEP 585).
    fn is_generic_builtin(&self, c: &Rc<crate::object::Class>) -> bool {
        let t = &self.types;
        [&t.list, &t.dict, &t.tuple, &t.set, &t.frozenset, &t.type_]
            .iter()
            .any(|g| Rc::ptr_eq(g, c))
    }

    fn not_subscriptable(&self, obj: &Value) -> crate::object::ExcRef {
        self.type_error(format!(
            "'{}' object is not subscriptable",
            self.type_name(obj)
        ))
    }

    pub fn set_item(&mut self, obj: &Value, key: Value, value: Value) -> PyResult<()> {
        match obj {
            Value::List(l) => {
                if let Value::Slice(s) = &key {
                    return self.list_set_slice(l, s, value);
                }
                let len = l.items.borrow().len();
                match self.seq_index(&key, len, "list")? {
                    Some(i) => {
                        let old = std::mem::replace(&mut l.items.borrow_mut()[i], value);
                        drop(old);
                        Ok(())
                    }
                    None => Err(self.index_error("list assignment index out of range")),
                }
            }
            Value::Dict(d) => self.dict_set_item(d, key, value),
            Value::Object(o) => {
                let class = o.class.clone();
                match class.lookup_str(&self.names.setitem.clone()) {
                    Some(m) => {
                        self.call(&m, &[obj.clone(), key, value])?;
                        Ok(())
                    }
                    None => Err(self.type_error(format!(
                        "'{}' object does not support item assignment",
                        self.type_name(obj)
                    ))),
                }
            }
            _ => Err(self.type_error(format!(
                "'{}' object does not support item assignment",
                self.type_name(obj)
            ))),
        }
    }

    fn list_set_slice(
        &mut self,
        l: &Rc<crate::object::List>,
        s: &Slice,
        value: Value,
    ) -> PyResult<()> {
        let new_items = if let Value::List(v) = &value {
            v.items.borrow().clone()
        } else {
            self.collect_iterable(&value)
                .map_err(|_| self.type_error("can only assign an iterable"))?
        };
        let len = l.items.borrow().len();
        let idx = self.slice_indices(s, len)?;
        let mut items = l.items.borrow_mut();
        if idx.step == 1 {
            // Against the current length: a bound's `__index__` may have changed the list.
            let len = items.len();
            let start = idx.start.clamp(0, len as i64) as usize;
            let stop = (idx.start + idx.len).clamp(start as i64, len as i64) as usize;
            if stop - start == new_items.len() {
                // Same length (`perm[:k] = perm[k-1::-1]`): replaced in place.
                let mut removed = new_items;
                items[start..stop].swap_with_slice(&mut removed);
                drop(items);
                drop(removed);
                return Ok(());
            }
            let removed: Vec<Value> = items.splice(start..stop, new_items).collect();
            drop(items);
            drop(removed);
            return Ok(());
        }
        if new_items.len() as i64 != idx.len {
            return Err(self.value_error(format!(
                "attempt to assign sequence of size {} to extended slice of size {}",
                new_items.len(),
                idx.len
            )));
        }
        for (p, v) in idx.positions().zip(new_items) {
            items[p] = v;
        }
        Ok(())
    }

    pub fn del_item(&mut self, obj: &Value, key: &Value) -> PyResult<()> {
        match obj {
            Value::List(l) => {
                if let Value::Slice(s) = key {
                    let len = l.items.borrow().len();
                    let idx = self.slice_indices(s, len)?;
                    let mut remove: Vec<usize> = idx.positions().collect();
                    remove.sort_unstable();
                    let mut items = l.items.borrow_mut();
                    let mut removed = Vec::with_capacity(remove.len());
                    for p in remove.into_iter().rev() {
                        removed.push(items.remove(p));
                    }
                    drop(items);
                    drop(removed);
                    return Ok(());
                }
                let len = l.items.borrow().len();
                match self.seq_index(key, len, "list")? {
                    Some(i) => {
                        let old = l.items.borrow_mut().remove(i);
                        drop(old);
                        Ok(())
                    }
                    None => Err(self.index_error("list assignment index out of range")),
                }
            }
            Value::Dict(d) => match self.dict_del_item(d, key)? {
                Some(_) => Ok(()),
                None => Err(self.key_error(key.clone())),
            },
            Value::Object(o) => {
                let class = o.class.clone();
                match class.lookup_str(&self.names.delitem.clone()) {
                    Some(m) => {
                        self.call(&m, &[obj.clone(), key.clone()])?;
                        Ok(())
                    }
                    None => Err(self.type_error(format!(
                        "'{}' object does not support item deletion",
                        self.type_name(obj)
                    ))),
                }
            }
            _ => Err(self.type_error(format!(
                "'{}' object doesn't support item deletion",
                self.type_name(obj)
            ))),
        }
    }
}
