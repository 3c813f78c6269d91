//! The iteration protocol: `iter()`, `next()`, the built-in iterator types' stepping, and
//! sequence unpacking.

use crate::object::frame::Frame;
use crate::object::iterator::{DictView, IterState};
use crate::object::{ExcRef, GenKind, Object, Payload, Value};
use crate::vm::{PyResult, Vm};
use std::cell::RefCell;
use std::rc::Rc;

impl Vm {
    pub fn new_iterator(&self, class: &Rc<crate::object::Class>, state: IterState) -> Value {
        Value::Object(Object::new(
            class.clone(),
            Payload::Iter(RefCell::new(state)),
        ))
    }

    /// `iter(v)`.
    pub fn get_iter(&mut self, v: &Value) -> PyResult {
        let t = &self.types;
        Ok(match v {
            Value::List(_) => self.new_iterator(
                &t.list_iterator,
                IterState::Seq {
                    seq: v.clone(),
                    index: 0,
                },
            ),
            Value::Tuple(_) => self.new_iterator(
                &t.tuple_iterator,
                IterState::Seq {
                    seq: v.clone(),
                    index: 0,
                },
            ),
            Value::Str(_) => self.new_iterator(
                &t.str_iterator,
                IterState::Seq {
                    seq: v.clone(),
                    index: 0,
                },
            ),
            Value::Bytes(_) => self.new_iterator(
                &t.bytes_iterator,
                IterState::Seq {
                    seq: v.clone(),
                    index: 0,
                },
            ),
            Value::Range(r) => self.new_iterator(
                &t.range_iterator,
                IterState::Range {
                    next: r.start,
                    step: r.step,
                    remaining: r.len(),
                },
            ),
            Value::Dict(d) => {
                let version = d.table.borrow().version();
                self.new_iterator(
                    &t.dict_keyiterator,
                    IterState::Dict {
                        dict: d.clone(),
                        view: DictView::Keys,
                        pos: 0,
                        version,
                    },
                )
            }
            Value::Set(s) => {
                let version = s.table.borrow().version();
                self.new_iterator(
                    &t.set_iterator,
                    IterState::Set {
                        set: s.clone(),
                        pos: 0,
                        version,
                    },
                )
            }
            Value::Generator(g) if g.kind == GenKind::Generator => v.clone(),
            // A class whose metaclass defines `__iter__` (an Enum).
            Value::Class(c) => match self.metaclass_method(c, "__iter__") {
                Some(m) => self.call(&m, std::slice::from_ref(v))?,
                None => return Err(self.not_iterable(v)),
            },
            Value::Object(o) => {
                if let Payload::Iter(_) = o.payload {
                    return Ok(v.clone());
                }
                let class = o.class.clone();
                if let Some(m) = class.lookup_str(&self.names.iter.clone()) {
                    if m.is_none() {
                        return Err(self.not_iterable(v));
                    }
                    let it = self.call(&m, std::slice::from_ref(v))?;
                    let it_class = self.class_of(&it);
                    let is_iter = matches!(&it, Value::Generator(g) if g.kind == GenKind::Generator)
                        || matches!(&it, Value::Object(o) if matches!(&o.payload, Payload::Iter(_)) || crate::vm::native_awaitables::awaitable_data(&o.payload).is_some())
                        || it_class.lookup_str(&self.names.next.clone()).is_some();
                    if !is_iter {
                        return Err(self.type_error(format!(
                            "iter() returned non-iterator of type '{}'",
                            self.type_name(&it)
                        )));
                    }
                    return Ok(it);
                }
                if class.lookup_str(&self.names.getitem.clone()).is_some() {
                    return Ok(self.new_iterator(
                        &self.types.iterator.clone(),
                        IterState::Seq {
                            seq: v.clone(),
                            index: 0,
                        },
                    ));
                }
                return Err(self.not_iterable(v));
            }
            _ => return Err(self.not_iterable(v)),
        })
    }

    pub(crate) fn not_iterable(&self, v: &Value) -> ExcRef {
        self.type_error(format!("'{}' object is not iterable", self.type_name(v)))
    }

    /// `next(it)`: Some(value), or None when exhausted.
    pub fn iter_next(&mut self, it: &Value) -> PyResult<Option<Value>> {
        match it {
            Value::Object(o) => {
                if let Payload::Iter(state) = &o.payload {
                    return self.step_iterator(state);
                }
                let class = o.class.clone();
                let Some(m) = class.lookup_str(&self.names.next.clone()) else {
                    return Err(self.type_error(format!(
                        "'{}' object is not an iterator",
                        self.type_name(it)
                    )));
                };
                match self.call(&m, std::slice::from_ref(it)) {
                    Ok(v) => Ok(Some(v)),
                    Err(e) if e.class.is_subclass(&self.exc.stop_iteration) => Ok(None),
                    Err(e) => Err(e),
                }
            }
            Value::Generator(g) if g.kind == GenKind::Generator => {
                let g = g.clone();
                match self.gen_send(&g, Value::None)? {
                    crate::vm::generators::Sent::Yielded(v) => Ok(Some(v)),
                    crate::vm::generators::Sent::Returned(_) => Ok(None),
                }
            }
            _ => Err(self.type_error(format!(
                "'{}' object is not an iterator",
                self.type_name(it)
            ))),
        }
    }

    fn step_iterator(&mut self, cell: &RefCell<IterState>) -> PyResult<Option<Value>> {
        {
            let mut st = cell
                .try_borrow_mut()
                .map_err(|_| self.value_error("iterator already executing"))?;
            match &mut *st {
                IterState::Seq { seq, index } => {
                    let r = match seq {
                        Value::List(l) => l.items.borrow().get(*index).cloned(),
                        Value::Tuple(t) => t.items.get(*index).cloned(),
                        Value::Str(s) => {
                            let rest = s.as_str().get(*index..).unwrap_or("");
                            match rest.chars().next() {
                                Some(c) => {
                                    *index += c.len_utf8();
                                    return Ok(Some(self.char_value(c)));
                                }
                                None => None,
                            }
                        }
                        Value::Bytes(b) => b.data.get(*index).map(|&x| Value::Int(x as i64)),
                        _ => {
                            // Old-style sequence protocol: __getitem__ until IndexError.
                            let (seq, i) = (seq.clone(), *index);
                            drop(st);
                            return self.step_getitem_iter(cell, seq, i);
                        }
                    };
                    match r {
                        Some(v) => {
                            *index += 1;
                            return Ok(Some(v));
                        }
                        None => {
                            *st = IterState::Exhausted;
                            return Ok(None);
                        }
                    }
                }
                range @ IterState::Range { .. } => return Ok(range.range_next().map(Value::Int)),
                IterState::Dict {
                    dict,
                    view,
                    pos,
                    version,
                } => {
                    let table = dict.table.borrow();
                    if table.version() != *version {
                        drop(table);
                        *st = IterState::Exhausted;
                        return Err(self.runtime_error("dictionary changed size during iteration"));
                    }
                    if let Some((k, v)) = table.next_entry(pos) {
                        return Ok(Some(match view {
                            DictView::Keys => k.clone(),
                            DictView::Values => v.clone(),
                            DictView::Items => Value::tuple(vec![k.clone(), v.clone()]),
                        }));
                    }
                    drop(table);
                    *st = IterState::Exhausted;
                    return Ok(None);
                }
                IterState::DictRev {
                    dict,
                    view,
                    pos,
                    used,
                } => {
                    let table = dict.table.borrow();
                    if table.len() != *used {
                        drop(table);
                        *st = IterState::Exhausted;
                        return Err(self.runtime_error("dictionary changed size during iteration"));
                    }
                    while *pos > 0 {
                        *pos -= 1;
                        if let Some(Some((k, v))) = table.entry_at(*pos) {
                            let item = match view {
                                DictView::Keys => k.clone(),
                                DictView::Values => v.clone(),
                                DictView::Items => Value::tuple(vec![k.clone(), v.clone()]),
                            };
                            return Ok(Some(item));
                        }
                    }
                    drop(table);
                    *st = IterState::Exhausted;
                    return Ok(None);
                }
                IterState::Set { set, pos, version } => {
                    let table = set.table.borrow();
                    if table.version() != *version {
                        drop(table);
                        *st = IterState::Exhausted;
                        return Err(self.runtime_error("Set changed size during iteration"));
                    }
                    loop {
                        match table.slot_at(*pos) {
                            None => {
                                drop(table);
                                *st = IterState::Exhausted;
                                return Ok(None);
                            }
                            Some(None) => *pos += 1,
                            Some(Some(k)) => {
                                *pos += 1;
                                return Ok(Some(k.clone()));
                            }
                        }
                    }
                }
                IterState::Reversed { seq, index } => {
                    if *index == 0 {
                        *st = IterState::Exhausted;
                        return Ok(None);
                    }
                    *index -= 1;
                    let i = *index;
                    let r = match seq {
                        Value::List(l) => l.items.borrow().get(i).cloned(),
                        Value::Tuple(t) => t.items.get(i).cloned(),
                        Value::Range(r) => Some(Value::Int(r.get(i as i64))),
                        Value::Str(s) => s.char_at(i).map(|c| Value::str(c.to_string())),
                        _ => {
                            let seq = seq.clone();
                            drop(st);
                            return self.get_item(&seq, &Value::Int(i as i64)).map(Some);
                        }
                    };
                    if r.is_none() {
                        *st = IterState::Exhausted;
                    }
                    return Ok(r);
                }
                IterState::Values { items, index } => {
                    let r = items.get(*index).cloned();
                    *index += 1;
                    return Ok(r);
                }
                IterState::Native(it) => {
                    let step = it.step_fn();
                    drop(st);
                    return step(self, cell);
                }
                IterState::Exhausted => return Ok(None),
                _ => {}
            }
        }
        self.step_calling_iterator(cell)
    }

    fn step_getitem_iter(
        &mut self,
        cell: &RefCell<IterState>,
        seq: Value,
        i: usize,
    ) -> PyResult<Option<Value>> {
        match self.get_item(&seq, &Value::Int(i as i64)) {
            Ok(v) => {
                if let Ok(mut st) = cell.try_borrow_mut() {
                    if let IterState::Seq { index, .. } = &mut *st {
                        *index = i + 1;
                    }
                }
                Ok(Some(v))
            }
            Err(e)
                if e.class.is_subclass(&self.exc.index_error)
                    || e.class.is_subclass(&self.exc.stop_iteration) =>
            {
                if let Ok(mut st) = cell.try_borrow_mut() {
                    *st = IterState::Exhausted;
                }
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }

    /// Iterator states whose step runs Python code: no borrow is held across the call.
    fn step_calling_iterator(&mut self, cell: &RefCell<IterState>) -> PyResult<Option<Value>> {
        enum Step {
            Enumerate(Value, Value),
            Zip(Vec<Value>, bool),
            Map(Value, Vec<Value>),
            Filter(Value, Value),
            Callable(Value, Value),
        }
        let step = match &*cell.borrow() {
            IterState::Enumerate { iter, count } => Step::Enumerate(iter.clone(), count.clone()),
            IterState::Zip { iters, strict } => Step::Zip(iters.clone(), *strict),
            IterState::Map { func, iters } => Step::Map(func.clone(), iters.clone()),
            IterState::Filter { func, iter } => Step::Filter(func.clone(), iter.clone()),
            IterState::Callable { func, sentinel } => {
                Step::Callable(func.clone(), sentinel.clone())
            }
            _ => return Ok(None),
        };
        let finish = |cell: &RefCell<IterState>| {
            if let Ok(mut st) = cell.try_borrow_mut() {
                *st = IterState::Exhausted;
            }
        };
        match step {
            Step::Enumerate(iter, count) => match self.iter_next(&iter)? {
                Some(v) => {
                    let next =
                        self.binary_op(count.clone(), Value::Int(1), crate::operator::BinOp::Add)?;
                    if let Ok(mut st) = cell.try_borrow_mut() {
                        if let IterState::Enumerate { count: c, .. } = &mut *st {
                            *c = next;
                        }
                    }
                    Ok(Some(Value::tuple(vec![count, v])))
                }
                None => {
                    finish(cell);
                    Ok(None)
                }
            },
            Step::Zip(iters, strict) => {
                if iters.is_empty() {
                    return Ok(None);
                }
                let mut values = Vec::with_capacity(iters.len());
                for (i, it) in iters.iter().enumerate() {
                    match self.iter_next(it)? {
                        Some(v) => values.push(v),
                        None => {
                            finish(cell);
                            if strict {
                                if i > 0 {
                                    let plural = if i == 1 { " " } else { "s 1-" };
                                    return Err(self.value_error(format!(
                                        "zip() argument {} is shorter than argument{plural}{}",
                                        i + 1,
                                        i
                                    )));
                                }
                                for (j, other) in iters.iter().enumerate().skip(1) {
                                    if self.iter_next(other)?.is_some() {
                                        let plural = if j == 1 { " " } else { "s 1-" };
                                        return Err(self.value_error(format!(
                                            "zip() argument {} is longer than argument{plural}{}",
                                            j + 1,
                                            j
                                        )));
                                    }
                                }
                            }
                            return Ok(None);
                        }
                    }
                }
                Ok(Some(Value::tuple(values)))
            }
            Step::Map(func, iters) => {
                let mut args = Vec::with_capacity(iters.len());
                for it in &iters {
                    match self.iter_next(it)? {
                        Some(v) => args.push(v),
                        None => {
                            finish(cell);
                            return Ok(None);
                        }
                    }
                }
                self.call(&func, &args).map(Some)
            }
            Step::Filter(func, iter) => loop {
                match self.iter_next(&iter)? {
                    Some(v) => {
                        let keep = if func.is_none() {
                            self.is_true(&v)?
                        } else {
                            let r = self.call(&func, std::slice::from_ref(&v))?;
                            self.is_true(&r)?
                        };
                        if keep {
                            return Ok(Some(v));
                        }
                    }
                    None => {
                        finish(cell);
                        return Ok(None);
                    }
                }
            },
            Step::Callable(func, sentinel) => {
                let v = self.call(&func, &[])?;
                if self.eq(&v, &sentinel)? {
                    finish(cell);
                    Ok(None)
                } else {
                    Ok(Some(v))
                }
            }
        }
    }

    /// A one-character str, shared for ASCII.
    pub fn char_value(&mut self, c: char) -> Value {
        if c.is_ascii() {
            let mut buf = [0u8; 1];
            return Value::Str(self.intern(c.encode_utf8(&mut buf)));
        }
        Value::str(c.to_string())
    }

    /// All values of an iterable, in a vector whose growth raises `MemoryError`.
    pub fn collect_iterable(&mut self, v: &Value) -> PyResult<Vec<Value>> {
        use crate::memory;
        let out = match v {
            Value::List(l) => memory::collect(l.items.borrow().iter().cloned()),
            Value::Tuple(t) => memory::collect(t.items.iter().cloned()),
            Value::Range(r) => {
                let n = r.len();
                if n as usize > crate::vm::ops::arith::MAX_SEQUENCE_LEN {
                    return Err(self.memory_error());
                }
                memory::collect((0..n).map(|i| Value::Int(r.get(i))))
            }
            Value::Dict(d) => memory::collect(d.table.borrow().keys().cloned()),
            Value::Set(s) => memory::collect(s.table.borrow().iter().map(|(_, k)| k.clone())),
            Value::Generator(g) if g.kind == crate::object::GenKind::Generator => {
                return self.collect_generator(g)
            }
            _ => {
                let it = self.get_iter(v)?;
                let mut out = Vec::new();
                while let Some(x) = self.iter_next(&it)? {
                    if memory::ballast_just_spent() {
                        return Err(self.memory_error());
                    }
                    memory::push(&mut out, x).map_err(|_| self.memory_error())?;
                }
                Ok(out)
            }
        };
        out.map_err(|_| self.memory_error())
    }

    pub(crate) fn fix_unpack_error(&self, e: ExcRef, v: &Value) -> ExcRef {
        if e.class.is_subclass(&self.exc.type_error) && self.get_iter_would_fail(v) {
            return self.type_error(format!(
                "Value after * must be an iterable, not {}",
                self.type_name(v)
            ));
        }
        e
    }

    fn get_iter_would_fail(&self, v: &Value) -> bool {
        matches!(
            v,
            Value::Int(_) | Value::BigInt(_) | Value::Float(_) | Value::Bool(_) | Value::None
        )
    }

    pub(crate) fn unpack_sequence(
        &mut self,
        frame: &mut Frame,
        v: Value,
        n: usize,
    ) -> PyResult<()> {
        let items = match &v {
            Value::Tuple(t) => {
                if t.items.len() == n {
                    frame.stack.extend(t.items.iter().rev().cloned());
                    return Ok(());
                }
                t.items.to_vec()
            }
            Value::List(l) => l.items.borrow().clone(),
            _ => {
                let it = self.get_iter(&v).map_err(|e| {
                    if e.class.is_subclass(&self.exc.type_error) {
                        self.type_error(format!(
                            "cannot unpack non-iterable {} object",
                            self.type_name(&v)
                        ))
                    } else {
                        e
                    }
                })?;
                let mut items = Vec::with_capacity(n);
                while let Some(x) = self.iter_next(&it)? {
                    items.push(x);
                    if items.len() > n {
                        return Err(
                            self.value_error(format!("too many values to unpack (expected {n})"))
                        );
                    }
                }
                items
            }
        };
        if items.len() < n {
            return Err(self.value_error(format!(
                "not enough values to unpack (expected {n}, got {})",
                items.len()
            )));
        }
        if items.len() > n {
            return Err(self.value_error(format!("too many values to unpack (expected {n})")));
        }
        frame.stack.extend(items.into_iter().rev());
        Ok(())
    }

    pub(crate) fn unpack_ex(
        &mut self,
        frame: &mut Frame,
        v: Value,
        before: usize,
        after: usize,
    ) -> PyResult<()> {
        let items = match self.collect_iterable(&v) {
            Ok(items) => items,
            Err(e) if e.class.is_subclass(&self.exc.type_error) && self.get_iter_would_fail(&v) => {
                return Err(self.type_error(format!(
                    "cannot unpack non-iterable {} object",
                    self.type_name(&v)
                )));
            }
            Err(e) => return Err(e),
        };
        if items.len() < before + after {
            return Err(self.value_error(format!(
                "not enough values to unpack (expected at least {}, got {})",
                before + after,
                items.len()
            )));
        }
        let mid_end = items.len() - after;
        for x in items[mid_end..].iter().rev() {
            frame.stack.push(x.clone());
        }
        frame
            .stack
            .push(Value::list(items[before..mid_end].to_vec()));
        for x in items[..before].iter().rev() {
            frame.stack.push(x.clone());
        }
        Ok(())
    }
}
