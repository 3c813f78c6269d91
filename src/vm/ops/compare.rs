//! Comparison, equality, hashing and truth value.

use crate::bytecode::Compare;
use crate::object::equality::{fast_eq, num_cmp};
use crate::object::hash;
use crate::object::{ExcRef, Payload, PyStr, Tuple, Value};
use crate::vm::run::compare_ordering;
use crate::vm::{PyResult, Vm};
use std::rc::Rc;

impl Vm {
    /// `a op b` for any values, returning whatever the comparison returns.
    pub fn rich_compare(&mut self, a: &Value, b: &Value, op: Compare) -> PyResult {
        // Bound methods are equal when they bind the same object to equal functions
        // (CPython's `method_richcompare`): `obj.f == obj.f`, `list.remove(obj.f)`.
        if let (Value::BoundMethod(x), Value::BoundMethod(y), Compare::Eq | Compare::Ne) =
            (a, b, op)
        {
            let same = x.self_value.is(&y.self_value) && self.eq(&x.function, &y.function)?;
            return Ok(Value::bool(same == (op == Compare::Eq)));
        }
        // Instances of subclasses of built-in types compare as their values, unless
        // their classes define the comparison in Python.
        if matches!(a, Value::Object(_)) || matches!(b, Value::Object(_)) {
            let method = op.dunder();
            let ua = self.builtin_operand(a, method);
            let ub = self.builtin_operand(b, method);
            if ua.is_some() || ub.is_some() {
                let (va, vb) = (ua.as_ref().unwrap_or(a), ub.as_ref().unwrap_or(b));
                if let Some(r) = self.builtin_compare(va, vb, op)? {
                    return Ok(Value::bool(r));
                }
                // The other side's dunders see the objects themselves, and an error
                // names their classes.
                return self.dunder_compare(a, b, op);
            }
        }
        if let Some(r) = self.builtin_compare(a, b, op)? {
            return Ok(Value::bool(r));
        }
        self.dunder_compare(a, b, op)
    }

    /// Comparisons of built-in types; None when dunder dispatch is needed.
    fn builtin_compare(&mut self, a: &Value, b: &Value, op: Compare) -> PyResult<Option<bool>> {
        use Value::*;
        if let Some(o) = num_cmp(a, b) {
            return Ok(Some(match o {
                Some(o) => compare_ordering(op, o),
                Option::None => op == Compare::Ne,
            }));
        }
        Ok(Some(match (a, b) {
            (Str(x), Str(y)) => compare_ordering(op, x.as_str().cmp(y.as_str())),
            (Bytes(x), Bytes(y)) => compare_ordering(op, x.data.cmp(&y.data)),
            (Tuple(x), Tuple(y)) => {
                let (x, y) = (x.items.to_vec(), y.items.to_vec());
                return self.compare_sequences(&x, &y, op).map(Some);
            }
            (List(x), List(y)) => {
                let (x, y) = (x.items.borrow().clone(), y.items.borrow().clone());
                return self.compare_sequences(&x, &y, op).map(Some);
            }
            (Set(x), Set(y)) => {
                let (lx, ly) = (x.len(), y.len());
                let sub = |vm: &mut Vm,
                           p: &Rc<crate::object::SetObj>,
                           q: &Rc<crate::object::SetObj>|
                 -> PyResult<bool> {
                    let pt = p.table.borrow().clone();
                    let qt = q.table.borrow().clone();
                    for (h, k) in pt.iter() {
                        if !vm.set_table_contains(&qt, h, k)? {
                            return Ok(false);
                        }
                    }
                    Ok(true)
                };
                match op {
                    Compare::Eq => lx == ly && sub(self, x, y)?,
                    Compare::Ne => !(lx == ly && sub(self, x, y)?),
                    Compare::Le => lx <= ly && sub(self, x, y)?,
                    Compare::Lt => lx < ly && sub(self, x, y)?,
                    Compare::Ge => lx >= ly && sub(self, y, x)?,
                    Compare::Gt => lx > ly && sub(self, y, x)?,
                }
            }
            (Dict(x), Dict(y)) if matches!(op, Compare::Eq | Compare::Ne) => {
                let eq = self.dict_equal(x, y)?;
                eq == (op == Compare::Eq)
            }
            (Object(_), _) | (_, Object(_)) => return Ok(Option::None),
            _ => match op {
                Compare::Eq => fast_eq(a, b).unwrap_or(false),
                Compare::Ne => !fast_eq(a, b).unwrap_or(false),
                _ => return Ok(Option::None),
            },
        }))
    }

    fn dict_equal(
        &mut self,
        x: &Rc<crate::object::DictObj>,
        y: &Rc<crate::object::DictObj>,
    ) -> PyResult<bool> {
        if x.len() != y.len() {
            return Ok(false);
        }
        let items: Vec<(Value, Value)> = x
            .table
            .borrow()
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        for (k, v) in items {
            match self.dict_get_item(y, &k)? {
                Some(w) => {
                    if !v.is(&w) && !self.eq(&v, &w)? {
                        return Ok(false);
                    }
                }
                None => return Ok(false),
            }
        }
        Ok(true)
    }

    /// Lexicographic comparison as CPython: find the first unequal pair, then compare it.
    fn compare_sequences(&mut self, x: &[Value], y: &[Value], op: Compare) -> PyResult<bool> {
        if matches!(op, Compare::Eq | Compare::Ne) && x.len() != y.len() {
            return Ok(op == Compare::Ne);
        }
        self.enter_native(Recursing::Comparison)?;
        let result = (|| {
            for (p, q) in x.iter().zip(y.iter()) {
                if p.is(q) {
                    continue;
                }
                if !self.eq(p, q)? {
                    return match op {
                        Compare::Eq => Ok(false),
                        Compare::Ne => Ok(true),
                        _ => {
                            let r = self.rich_compare(p, q, op)?;
                            self.is_true(&r)
                        }
                    };
                }
            }
            Ok(compare_ordering(op, x.len().cmp(&y.len())))
        })();
        self.leave_native();
        result
    }

    /// The interned method name of a comparison (found through the classes'
    /// address-keyed lookup caches).
    fn compare_name(&self, op: Compare) -> Rc<PyStr> {
        let n = &self.names;
        match op {
            Compare::Lt => n.lt.clone(),
            Compare::Le => n.le.clone(),
            Compare::Eq => n.eq.clone(),
            Compare::Ne => n.ne.clone(),
            Compare::Gt => n.gt.clone(),
            Compare::Ge => n.ge.clone(),
        }
    }

    fn dunder_compare(&mut self, a: &Value, b: &Value, op: Compare) -> PyResult {
        let ta = self.class_of(a);
        let tb = self.class_of(b);
        let name = self.compare_name(op);
        let rname = self.compare_name(op.swapped());
        let reflected_first = !Rc::ptr_eq(&ta, &tb) && tb.is_subclass(&ta);
        let order = if reflected_first {
            [(b, a, rname), (a, b, name)]
        } else {
            [(a, b, name), (b, a, rname)]
        };
        for (x, y, n) in order {
            let class = if std::ptr::eq(x, a) { &ta } else { &tb };
            if let Some(m) = class.lookup_str(&n) {
                // Built-in values were fully compared by `builtin_compare`; their native
                // dunders (which exist for explicit calls) have nothing to add. Objects of
                // built-in classes (dict views...) do compare through their natives.
                if matches!(m, Value::NativeFunction(_)) && !matches!(x, Value::Object(_)) {
                    continue;
                }
                // `object`'s own `__eq__` answers identity, its orderings
                // NotImplemented: known without the call. (Its `__ne__` asks the
                // class's `__eq__`, which may be the user's.)
                if let Value::NativeFunction(nf) = &m {
                    if nf.owner == "object" && op != Compare::Ne {
                        if op == Compare::Eq && x.is(y) {
                            return Ok(Value::bool(true));
                        }
                        continue;
                    }
                }
                let r = self.call(&m, &[x.clone(), y.clone()])?;
                if !matches!(r, Value::NotImplemented) {
                    return Ok(r);
                }
            }
        }
        match op {
            Compare::Eq => Ok(Value::bool(a.is(b))),
            Compare::Ne => {
                // Default __ne__ inverts __eq__.
                if let Some(m) = ta.lookup_str(&self.names.eq.clone()) {
                    if !matches!(m, Value::NativeFunction(_)) {
                        let r = self.call(&m, &[a.clone(), b.clone()])?;
                        if !matches!(r, Value::NotImplemented) {
                            return Ok(Value::bool(!self.is_true(&r)?));
                        }
                    }
                }
                Ok(Value::bool(!a.is(b)))
            }
            _ => Err(self.type_error(format!(
                "'{}' not supported between instances of '{}' and '{}'",
                op.symbol(),
                self.type_name(a),
                self.type_name(b)
            ))),
        }
    }

    /// `a == b` as a bool.
    pub fn eq(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        if a.is(b) && !matches!(a, Value::Float(f) if f.get().is_nan()) {
            return Ok(true);
        }
        if let Some(r) = fast_eq(a, b) {
            return Ok(r);
        }
        let r = self.rich_compare(a, b, Compare::Eq)?;
        self.is_true(&r)
    }

    pub fn is_true(&mut self, v: &Value) -> PyResult<bool> {
        Ok(match v {
            Value::Bool(b) => b.get(),
            Value::None | Value::Null => false,
            Value::Int(i) => *i != 0,
            Value::BigInt(_) => true,
            Value::Float(f) => f.get() != 0.0,
            Value::Str(s) => !s.as_str().is_empty(),
            Value::Bytes(b) => !b.data.is_empty(),
            Value::List(l) => !l.items.borrow().is_empty(),
            Value::Tuple(t) => !t.items.is_empty(),
            Value::Dict(d) => !d.is_empty(),
            Value::Set(s) => !s.is_empty(),
            Value::Range(r) => !r.is_empty(),
            Value::Object(o) => {
                if let Some(n) = o.native_len() {
                    return Ok(n != 0);
                }
                let class = o.class.clone();
                if let Some(m) = class.lookup_str(&self.names.bool_.clone()) {
                    let r = self.call(&m, std::slice::from_ref(v))?;
                    return match r {
                        Value::Bool(b) => Ok(b.get()),
                        _ => Err(self.type_error(format!(
                            "__bool__ should return bool, returned {}",
                            self.type_name(&r)
                        ))),
                    };
                }
                if let Some(m) = class.lookup_str(&self.names.len.clone()) {
                    let r = self.call(&m, std::slice::from_ref(v))?;
                    return match r {
                        Value::Int(i) => {
                            if i < 0 {
                                Err(self.value_error("__len__() should return >= 0"))
                            } else {
                                Ok(i != 0)
                            }
                        }
                        Value::Bool(b) => Ok(b.get()),
                        _ => Err(self.type_error(format!(
                            "'{}' object cannot be interpreted as an integer",
                            self.type_name(&r)
                        ))),
                    };
                }
                true
            }
            _ => true,
        })
    }

    /// `hash(v)`.
    pub fn hash(&mut self, v: &Value) -> PyResult<i64> {
        Ok(match v {
            Value::Str(s) => s.hash(),
            Value::Int(i) => hash::hash_int(*i),
            Value::Bool(b) => b.get() as i64,
            Value::BigInt(b) => hash::hash_bigint(b),
            Value::Float(f) => {
                if f.get().is_nan() {
                    0
                } else {
                    hash::hash_float(f.get())
                }
            }
            Value::None => 0xFCA86420,
            Value::Bytes(b) => b.hash(),
            Value::Tuple(t) => self.hash_nested_tuples(t)?,
            Value::Set(s) if s.frozen => {
                let hashes: Vec<i64> = s.table.borrow().iter().map(|(h, _)| h).collect();
                frozenset_hash(&hashes)
            }
            Value::List(_) | Value::Dict(_) | Value::Set(_) | Value::Slice(_) => {
                return Err(self.unhashable(v));
            }
            Value::Range(r) => hash::hash_tuple(
                [
                    hash::hash_int(r.len()),
                    hash::hash_int(r.start),
                    hash::hash_int(r.step),
                ]
                .into_iter(),
            ),
            Value::Object(o) => {
                let class = o.class.clone();
                match class.lookup_str(&self.names.hash.clone()) {
                    Some(Value::None) => return Err(self.unhashable(v)),
                    Some(Value::NativeFunction(nf))
                        if nf.owner == "object" || matches!(o.payload, Payload::Builtin(_)) =>
                    {
                        // A subclass of a built-in type hashes as its value does.
                        if let Payload::Builtin(inner) = &o.payload {
                            let inner = inner.clone();
                            return self.hash(&inner);
                        }
                        hash::hash_addr(v.heap_addr().unwrap_or(0))
                    }
                    None => hash::hash_addr(v.heap_addr().unwrap_or(0)),
                    Some(m) => {
                        let r = self.call(&m, std::slice::from_ref(v))?;
                        match r {
                            Value::Int(i) => {
                                if i == -1 {
                                    -2
                                } else {
                                    i
                                }
                            }
                            Value::Bool(b) => b.get() as i64,
                            Value::BigInt(b) => hash::hash_bigint(&b),
                            _ => {
                                return Err(
                                    self.type_error("__hash__ method should return an integer")
                                )
                            }
                        }
                    }
                }
            }
            Value::Class(c) => {
                // A class whose metaclass is `type` hashes by identity.
                let _ = c;
                hash::hash_addr(v.heap_addr().unwrap_or(0))
            }
            // Equal bound methods hash alike: the bound object's identity and the
            // function's hash, as CPython's `meth_hash`.
            Value::BoundMethod(m) => {
                let me = match m.self_value.heap_addr() {
                    Some(addr) => hash::hash_addr(addr),
                    None => self.hash(&m.self_value)?,
                };
                let f = self.hash(&m.function)?;
                let h = me ^ f;
                if h == -1 {
                    -2
                } else {
                    h
                }
            }
            other => hash::hash_addr(other.heap_addr().unwrap_or(0x1234)),
        })
    }

    pub(crate) fn unhashable(&self, v: &Value) -> ExcRef {
        self.type_error(format!("unhashable type: '{}'", self.type_name(v)))
    }

    /// Hashes a tuple and the tuples nested in it from an explicit stack: CPython's
    /// tuple hash has no depth limit, and a chain of a hundred thousand nested tuples
    /// hashes there, so here too it must not use the native stack.
    fn hash_nested_tuples(&mut self, t: &Rc<Tuple>) -> PyResult<i64> {
        let mut stack = vec![(t.clone(), 0usize, hash::TupleHash::new())];
        loop {
            let (tuple, next, _) = stack.last_mut().expect("the outermost tuple stays");
            let Some(item) = tuple.items.get(*next).cloned() else {
                let (tuple, _, acc) = stack.pop().expect("checked above");
                let h = acc.finish(tuple.items.len());
                match stack.last_mut() {
                    Some((_, _, outer)) => outer.add(h),
                    None => return Ok(h),
                }
                continue;
            };
            *next += 1;
            if let Value::Tuple(inner) = item {
                stack.push((inner, 0, hash::TupleHash::new()));
                continue;
            }
            let h = self.hash(&item)?;
            stack.last_mut().expect("not popped").2.add(h);
        }
    }

    /// Guards native recursion (repr of nested containers, comparisons, a Python method
    /// called from native code). As in CPython 3.11, these levels and Python frames
    /// share `sys.getrecursionlimit()`, and the error names what was recursing; the
    /// fixed cap behind it bounds the native stack whatever the recursion limit.
    pub fn enter_native(&mut self, what: Recursing) -> PyResult<()> {
        if self.native_depth >= self.limits.native_depth
            || self.frames.len() + self.native_depth >= self.limits.recursion
        {
            return Err(self.new_exception_msg(
                &self.exc.recursion_error,
                format!("maximum recursion depth exceeded{}", what.suffix()),
            ));
        }
        self.native_depth += 1;
        Ok(())
    }

    pub fn leave_native(&mut self) {
        self.native_depth = self.native_depth.saturating_sub(1);
    }
}

/// CPython's frozenset hash (order-independent mixing of element hashes).
fn frozenset_hash(hashes: &[i64]) -> i64 {
    fn shuffle(h: u64) -> u64 {
        ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167)
    }
    let mut hash: u64 = 0;
    for &h in hashes {
        hash ^= shuffle(h as u64);
    }
    hash ^= (hashes.len() as u64 + 1).wrapping_mul(1927868237);
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash.wrapping_mul(69069).wrapping_add(907133923);
    let h = hash as i64;
    if h == -1 {
        590923713
    } else {
        h
    }
}

/// What native code was doing when it recursed too deep: CPython's RecursionError
/// message ends with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Recursing {
    /// `repr()` of a container inside itself.
    Repr,
    /// `==`, `<` and friends between nested containers.
    Comparison,
    /// A Python-level method (`__repr__`, `__str__`) called by native code.
    Call,
}

impl Recursing {
    fn suffix(self) -> &'static str {
        match self {
            Recursing::Repr => " while getting the repr of an object",
            Recursing::Comparison => " in comparison",
            Recursing::Call => " while calling a Python object",
        }
    }
}
