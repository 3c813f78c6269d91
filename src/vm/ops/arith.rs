//! Binary and unary operators: numbers, sequence concatenation and repetition, set and
//! dict operators, `%` formatting, and user-defined dunder methods with CPython's
//! reflected-operand rules.

use crate::memory;
use crate::object::{SetObj, SetTable, Value};
use crate::operator::BinOp;
use crate::vm::{PyResult, Vm};
use num_traits::ToPrimitive;
use std::rc::Rc;

/// Sequences longer than this are refused with MemoryError before allocating.
pub const MAX_SEQUENCE_LEN: usize = 1 << 32;

pub(crate) fn dunder_names(op: BinOp) -> (&'static str, &'static str, &'static str) {
    match op {
        BinOp::Add => ("__add__", "__radd__", "__iadd__"),
        BinOp::Sub => ("__sub__", "__rsub__", "__isub__"),
        BinOp::Mult => ("__mul__", "__rmul__", "__imul__"),
        BinOp::MatMult => ("__matmul__", "__rmatmul__", "__imatmul__"),
        BinOp::Div => ("__truediv__", "__rtruediv__", "__itruediv__"),
        BinOp::FloorDiv => ("__floordiv__", "__rfloordiv__", "__ifloordiv__"),
        BinOp::Mod => ("__mod__", "__rmod__", "__imod__"),
        BinOp::Pow => ("__pow__", "__rpow__", "__ipow__"),
        BinOp::LShift => ("__lshift__", "__rlshift__", "__ilshift__"),
        BinOp::RShift => ("__rshift__", "__rrshift__", "__irshift__"),
        BinOp::BitAnd => ("__and__", "__rand__", "__iand__"),
        BinOp::BitOr => ("__or__", "__ror__", "__ior__"),
        BinOp::BitXor => ("__xor__", "__rxor__", "__ixor__"),
    }
}

impl Vm {
    pub fn binary_op(&mut self, a: Value, b: Value, op: BinOp) -> PyResult {
        // An instance of a subclass of a built-in type is its built-in value here, unless
        // its class defines the operator in Python (`[0] + stack`, `2 + money`).
        let (name, rname, _) = dunder_names(op);
        let ia = self.builtin_operand(&a, name);
        // `fmt % args` formats `args` itself: an argument of a str subclass keeps its own
        // `__str__`.
        let formats = op == BinOp::Mod
            && matches!(ia.as_ref().unwrap_or(&a), Value::Str(_) | Value::Bytes(_));
        let ib = if formats {
            None
        } else {
            self.builtin_operand(&b, rname)
        };
        let (a, b) = match (ia, ib) {
            (None, None) => (a, b),
            (ia, ib) => (ia.unwrap_or(a), ib.unwrap_or(b)),
        };
        if let Some(r) = self.numeric_binop(&a, &b, op) {
            return r;
        }
        if let Some(r) = self.builtin_binop(&a, &b, op)? {
            return Ok(r);
        }
        self.dunder_binop(a, b, op)
    }

    pub fn inplace_op(&mut self, a: Value, b: Value, op: BinOp) -> PyResult {
        match (&a, op) {
            (Value::List(l), BinOp::Add) => {
                let items = self.collect_iterable(&b)?;
                let mut list = l.items.borrow_mut();
                memory::reserve(&mut list, items.len()).map_err(|_| self.memory_error())?;
                list.extend(items);
                drop(list);
                return Ok(a);
            }
            (Value::List(l), BinOp::Mult) => {
                let Some(n) = self.repeat_count(&b)? else {
                    return self.dunder_binop(a, b, op);
                };
                let mut items = l.items.borrow_mut();
                if n == 0 {
                    items.clear();
                } else {
                    if items.len().saturating_mul(n) > MAX_SEQUENCE_LEN {
                        return Err(self.memory_error());
                    }
                    let orig = items.clone();
                    memory::reserve(&mut items, orig.len() * (n - 1))
                        .map_err(|_| self.memory_error())?;
                    for _ in 1..n {
                        items.extend(orig.iter().cloned());
                    }
                }
                drop(items);
                return Ok(a);
            }
            (Value::Set(s), BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor)
                if !s.frozen =>
            {
                if let Value::Set(_) = &b {
                    self.set_inplace(s, &b, op)?;
                    return Ok(a);
                }
            }
            (Value::Dict(_), BinOp::BitOr) => {
                // `dict.__ior__` accepts anything `update()` does.
                self.dict_update_from(&a, &b, false)?;
                return Ok(a);
            }
            (Value::Object(o), _) => {
                let (_, _, iname) = dunder_names(op);
                if let Some(m) = o.class.lookup(iname, crate::object::hash::hash_str(iname)) {
                    let r = self.call(&m, &[a.clone(), b.clone()])?;
                    if !matches!(r, Value::NotImplemented) {
                        return Ok(r);
                    }
                }
            }
            _ => {}
        }
        self.binary_op(a, b, op)
            .map_err(|e| self.augmented_message(e, op))
    }

    /// Augmented assignment names its own operator in the "unsupported operand type(s)"
    /// TypeError of the binary operation (`for -=:`, and `for **=:` where the binary
    /// form says `for ** or pow():`); any other error passes through.
    fn augmented_message(&self, e: crate::object::ExcRef, op: BinOp) -> crate::object::ExcRef {
        if !Rc::ptr_eq(&e.class, &self.exc.type_error) {
            return e;
        }
        let symbol = if op == BinOp::Pow {
            "** or pow()"
        } else {
            op.symbol()
        };
        let prefix = format!("unsupported operand type(s) for {symbol}: ");
        let rest = match self.exc_args(&e).items.first() {
            Some(Value::Str(m)) => m.as_str().strip_prefix(&prefix).map(str::to_string),
            _ => None,
        };
        match rest {
            Some(rest) => self.type_error(format!(
                "unsupported operand type(s) for {}=: {rest}",
                op.symbol()
            )),
            None => e,
        }
    }

    /// `n` for `seq * n`: None when `v` is not an int.
    fn repeat_count(&self, v: &Value) -> PyResult<Option<usize>> {
        Ok(match v {
            Value::Int(i) => Some((*i).max(0) as usize),
            Value::Bool(b) => Some(b.get() as usize),
            // CPython converts the count to Py_ssize_t first, so huge negatives overflow too.
            Value::BigInt(_) => {
                return Err(self.overflow_error("cannot fit 'int' into an index-sized integer"))
            }
            _ => None,
        })
    }

    fn repeat<T: Clone>(&self, items: &[T], n: usize) -> PyResult<Vec<T>> {
        if items.is_empty() || n == 0 {
            return Ok(Vec::new());
        }
        if items.len().saturating_mul(n) > MAX_SEQUENCE_LEN {
            return Err(self.memory_error());
        }
        let mut out = memory::with_capacity(items.len() * n).map_err(|_| self.memory_error())?;
        for _ in 0..n {
            out.extend_from_slice(items);
        }
        Ok(out)
    }

    /// Operators implemented natively by built-in types.
    fn builtin_binop(&mut self, a: &Value, b: &Value, op: BinOp) -> PyResult<Option<Value>> {
        use Value::*;
        Ok(Some(match (a, b, op) {
            (Str(x), Str(y), BinOp::Add) => {
                let mut s = memory::string_with_capacity(x.as_str().len() + y.as_str().len())
                    .map_err(|_| self.memory_error())?;
                s.push_str(x.as_str());
                s.push_str(y.as_str());
                Value::str(s)
            }
            (List(x), List(y), BinOp::Add) => {
                let (x, y) = (x.items.borrow(), y.items.borrow());
                let mut v =
                    memory::with_capacity(x.len() + y.len()).map_err(|_| self.memory_error())?;
                v.extend(x.iter().cloned());
                v.extend(y.iter().cloned());
                Value::list(v)
            }
            (Tuple(x), Tuple(y), BinOp::Add) => {
                let mut v = x.items.to_vec();
                v.extend(y.items.iter().cloned());
                Value::tuple(v)
            }
            (Bytes(x), Bytes(y), BinOp::Add) => {
                let mut v = memory::with_capacity(x.data.len() + y.data.len())
                    .map_err(|_| self.memory_error())?;
                v.extend_from_slice(&x.data);
                v.extend_from_slice(&y.data);
                Value::Bytes(Rc::new(crate::object::string::PyBytes::new(v)))
            }
            // `bytes + bytearray` (or a memoryview) is bytes: `bytes.__add__` takes any
            // buffer, and those types are not subclasses of bytes to take precedence.
            (Bytes(x), Object(o), BinOp::Add)
                if matches!(o.payload, crate::object::Payload::Native(_)) =>
            {
                let Some(y) = self.buffer_bytes(b) else {
                    return Ok(Option::None);
                };
                let mut v = x.data.clone();
                v.extend_from_slice(&y);
                Value::Bytes(Rc::new(crate::object::string::PyBytes::new(v)))
            }
            (Str(_) | List(_) | Tuple(_) | Bytes(_), _, BinOp::Mult) => {
                match self.repeat_count(b)? {
                    Some(n) => self.repeat_seq(a, n)?,
                    Option::None => return Ok(Option::None),
                }
            }
            (_, Str(_) | List(_) | Tuple(_) | Bytes(_), BinOp::Mult) => {
                match self.repeat_count(a)? {
                    Some(n) => self.repeat_seq(b, n)?,
                    Option::None => return Ok(Option::None),
                }
            }
            (Str(_) | Bytes(_), _, BinOp::Mod) => self.percent_operator(a, b)?,
            (Set(x), Set(y), BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor) => {
                let table = self.set_binop(x, y, op)?;
                Value::Set(SetObj::new(table, x.frozen))
            }
            (Dict(x), Dict(_), BinOp::BitOr) => {
                let copy = Value::Dict(crate::object::DictObj::new(x.table.borrow().clone()));
                self.dict_update_from(&copy, b, false)?;
                copy
            }
            _ => return Ok(Option::None),
        }))
    }

    fn repeat_seq(&self, seq: &Value, n: usize) -> PyResult {
        Ok(match seq {
            Value::Str(s) => {
                if s.as_str().len().saturating_mul(n) > MAX_SEQUENCE_LEN {
                    return Err(self.memory_error());
                }
                let mut out = memory::string_with_capacity(s.as_str().len() * n)
                    .map_err(|_| self.memory_error())?;
                for _ in 0..n {
                    out.push_str(s.as_str());
                }
                Value::str(out)
            }
            Value::List(l) => Value::list(self.repeat(&l.items.borrow(), n)?),
            Value::Tuple(t) => Value::tuple(self.repeat(&t.items, n)?),
            Value::Bytes(b) => Value::Bytes(Rc::new(crate::object::string::PyBytes::new(
                self.repeat(&b.data, n)?,
            ))),
            _ => Value::None,
        })
    }

    /// `set | set`, `&`, `-`, `^`: CPython's `set_or`, `set_and`, `set_sub`, `set_xor`.
    pub(crate) fn set_binop(
        &mut self,
        x: &Rc<SetObj>,
        y: &Rc<SetObj>,
        op: BinOp,
    ) -> PyResult<SetTable> {
        let a = x.table.borrow().clone();
        let other = Value::Set(y.clone());
        match op {
            BinOp::BitOr => {
                let mut out = self.set_copy_table(&a)?;
                if !Rc::ptr_eq(x, y) {
                    self.set_update_internal(&mut out, &other)?;
                }
                Ok(out)
            }
            BinOp::BitAnd => self.set_intersection_table(&a, Some(x), &other),
            BinOp::Sub => self.set_difference_table(&a, &other),
            _ => self.set_symmetric_difference_table(x, &other),
        }
    }

    /// `set |= set` and friends: CPython's in-place algorithms (they keep the table, and
    /// with it the printed order, where the binary forms build a new one).
    pub(crate) fn set_inplace(&mut self, s: &Rc<SetObj>, other: &Value, op: BinOp) -> PyResult<()> {
        match op {
            BinOp::BitOr => {
                if matches!(other, Value::Set(o) if Rc::ptr_eq(o, s)) {
                    return Ok(());
                }
                self.with_set_table(s, |vm, t| vm.set_update_internal(t, other))
            }
            BinOp::BitAnd => {
                let snapshot = s.table.borrow().clone();
                let result = self.set_intersection_table(&snapshot, Some(s), other)?;
                self.set_table_mut(s)?.replace_body(result);
                Ok(())
            }
            BinOp::Sub => self.with_set_table(s, |vm, t| {
                vm.set_difference_update_internal(t, Some(s), other)
            }),
            _ => self.with_set_table(s, |vm, t| {
                vm.set_symmetric_difference_update_internal(t, Some(s), other)
            }),
        }
    }

    fn dunder_binop(&mut self, a: Value, b: Value, op: BinOp) -> PyResult {
        let [name, rname, _] = self.names.binop[op as usize].clone();
        let ta = self.class_of(&a);
        let tb = self.class_of(&b);
        let same = Rc::ptr_eq(&ta, &tb);
        // Operators of built-in values were handled by `numeric_binop`/`builtin_binop`; their
        // native dunders exist for explicit calls (and may raise where the operator must
        // try the other operand), so only Objects dispatch to natives here.
        let usable = |m: Option<Value>, operand: &Value| {
            m.filter(|m| {
                !matches!(m, Value::NativeFunction(_)) || matches!(operand, Value::Object(_))
            })
        };
        let forward = usable(ta.lookup_str(&name), &a);
        let reflected = if same {
            None
        } else {
            usable(tb.lookup_str(&rname), &b)
        };
        // A subclass's reflected method goes first.
        let sub_first = reflected.is_some() && tb.is_subclass(&ta);
        if sub_first {
            if let Some(m) = &reflected {
                let r = self.call(m, &[b.clone(), a.clone()])?;
                if !matches!(r, Value::NotImplemented) {
                    return Ok(r);
                }
            }
        }
        if let Some(m) = &forward {
            let r = self.call(m, &[a.clone(), b.clone()])?;
            if !matches!(r, Value::NotImplemented) {
                return Ok(r);
            }
        }
        if !sub_first {
            if let Some(m) = &reflected {
                let r = self.call(m, &[b.clone(), a.clone()])?;
                if !matches!(r, Value::NotImplemented) {
                    return Ok(r);
                }
            }
        }
        // `seq * obj` with an `__index__` object: CPython's sq_repeat fallback, tried after
        // the object's own `__mul__`/`__rmul__`.
        if matches!(op, BinOp::Mult) {
            let is_seq = |v: &Value| {
                matches!(
                    v,
                    Value::Str(_) | Value::List(_) | Value::Tuple(_) | Value::Bytes(_)
                )
            };
            let (seq, n) = if is_seq(&a) { (&a, &b) } else { (&b, &a) };
            if is_seq(seq) && matches!(n, Value::Object(_)) {
                if let Some(i) = self.to_index(n)? {
                    return self.repeat_seq(seq, i.max(0) as usize);
                }
            }
        }
        // `int | None`: `type.__or__` makes a `types.UnionType` (written in Python,
        // `types._union`, which answers NotImplemented for what cannot be in a union).
        if op == BinOp::BitOr && (matches!(a, Value::Class(_)) || matches!(b, Value::Class(_))) {
            let types = self.import_module("types")?;
            let name = self.intern("_union");
            let union = self.get_attr(&types, &name)?;
            let r = self.call(&union, &[a.clone(), b.clone()])?;
            if !matches!(r, Value::NotImplemented) {
                return Ok(r);
            }
        }
        Err(self.binop_type_error(&a, &b, op))
    }

    fn binop_type_error(&self, a: &Value, b: &Value, op: BinOp) -> crate::object::ExcRef {
        let an = self.type_name(a);
        let bn = self.type_name(b);
        let is_seq = |v: &Value| {
            matches!(
                v,
                Value::Str(_) | Value::List(_) | Value::Tuple(_) | Value::Bytes(_)
            )
        };
        match op {
            BinOp::Add => match a {
                Value::Str(_) => {
                    return self
                        .type_error(format!("can only concatenate str (not \"{bn}\") to str"))
                }
                Value::List(_) => {
                    return self
                        .type_error(format!("can only concatenate list (not \"{bn}\") to list"))
                }
                Value::Tuple(_) => {
                    return self.type_error(format!(
                        "can only concatenate tuple (not \"{bn}\") to tuple"
                    ))
                }
                Value::Bytes(_) => return self.type_error(format!("can't concat {bn} to bytes")),
                _ => {}
            },
            BinOp::Mult if is_seq(a) => {
                return self
                    .type_error(format!("can't multiply sequence by non-int of type '{bn}'"))
            }
            BinOp::Mult if is_seq(b) => {
                return self
                    .type_error(format!("can't multiply sequence by non-int of type '{an}'"))
            }
            BinOp::Pow => {
                return self.type_error(format!(
                    "unsupported operand type(s) for ** or pow(): '{an}' and '{bn}'"
                ))
            }
            _ => {}
        }
        self.unsupported(op, &an, &bn)
    }

    pub fn unary_neg(&mut self, v: Value) -> PyResult {
        Ok(match v {
            Value::Int(i) => match i.checked_neg() {
                Some(r) => Value::Int(r),
                None => Value::from_bigint(-num_bigint::BigInt::from(i)),
            },
            Value::Bool(b) => Value::Int(-(b.get() as i64)),
            Value::BigInt(b) => Value::from_bigint(-(*b).clone()),
            Value::Float(f) => Value::float(-f.get()),
            other => return self.unary_dunder(other, "__neg__", "-"),
        })
    }

    pub fn unary_pos(&mut self, v: Value) -> PyResult {
        Ok(match v {
            Value::Int(_) | Value::BigInt(_) | Value::Float(_) => v,
            Value::Bool(b) => Value::Int(b.get() as i64),
            other => return self.unary_dunder(other, "__pos__", "+"),
        })
    }

    pub fn unary_invert(&mut self, v: Value) -> PyResult {
        Ok(match v {
            Value::Int(i) => Value::Int(!i),
            Value::Bool(b) => Value::Int(!(b.get() as i64)),
            Value::BigInt(b) => Value::from_bigint(!(*b).clone()),
            other => return self.unary_dunder(other, "__invert__", "~"),
        })
    }

    fn unary_dunder(&mut self, v: Value, name: &str, sym: &str) -> PyResult {
        let class = self.class_of(&v);
        if let Some(m) = class.lookup(name, crate::object::hash::hash_str(name)) {
            return self.call(&m, &[v]);
        }
        Err(self.type_error(format!(
            "bad operand type for unary {sym}: '{}'",
            self.type_name(&v)
        )))
    }

    /// `abs(x)`.
    pub fn abs_value(&mut self, v: Value) -> PyResult {
        Ok(match v {
            Value::Int(i) => match i.checked_abs() {
                Some(r) => Value::Int(r),
                None => Value::from_bigint(-num_bigint::BigInt::from(i)),
            },
            Value::Bool(b) => Value::Int(b.get() as i64),
            Value::BigInt(b) => Value::from_bigint(num_bigint::BigInt::from(b.magnitude().clone())),
            Value::Float(f) => Value::float(f.get().abs()),
            other => {
                let class = self.class_of(&other);
                if let Some(m) = class.lookup("__abs__", crate::object::hash::hash_str("__abs__")) {
                    return self.call(&m, &[other]);
                }
                return Err(self.type_error(format!(
                    "bad operand type for abs(): '{}'",
                    self.type_name(&other)
                )));
            }
        })
    }

    /// Converts an index-like value to i64 (`__index__`), for subscripts and counts.
    /// Ints beyond i64 saturate (callers treat them as out of range).
    pub fn to_index(&mut self, v: &Value) -> PyResult<Option<i64>> {
        Ok(match v {
            Value::Int(i) => Some(*i),
            Value::Bool(b) => Some(b.get() as i64),
            Value::BigInt(b) => Some(b.to_i64().unwrap_or(
                if b.sign() == num_bigint::Sign::Minus {
                    i64::MIN
                } else {
                    i64::MAX
                },
            )),
            Value::Object(o) => match o
                .class
                .lookup("__index__", crate::object::hash::hash_str("__index__"))
            {
                Some(m) => {
                    let r = self.call(&m, std::slice::from_ref(v))?;
                    match r {
                        Value::Int(i) => Some(i),
                        Value::Bool(b) => Some(b.get() as i64),
                        _ => {
                            return Err(self.type_error(format!(
                                "__index__ returned non-int (type {})",
                                self.type_name(&r)
                            )))
                        }
                    }
                }
                None => None,
            },
            _ => None,
        })
    }
}
