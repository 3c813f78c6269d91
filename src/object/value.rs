//! [`Value`], the 16-byte handle every part of the VM passes around, and the small
//! container types that need no module of their own.

use super::code::Code;
use super::gc::{self, GcHeader, Tracked};
use super::string::{PyBytes, PyStr};
use super::{BoundMethod, Dict};
use super::{Class, DictObj, Function, Generator, NativeFunction, Object, SetObj};
use num_bigint::BigInt;
use std::cell::RefCell;
use std::rc::Rc;

/// A Python value.
///
/// Every payload is one 8-byte integer or pointer and `repr(u64)` gives the tag a full
/// word, so the compiler treats a `Value` as a pair of scalars: it lives in two registers
/// and moves as two plain 8-byte stores. A `bool` or `f64` payload would make it an opaque
/// 16-byte aggregate, copied through the stack with vector moves that stall on store
/// forwarding in the VM's hottest paths; hence [`PyBool`] and [`PyFloat`].
#[derive(Default)]
#[repr(u64)]
pub enum Value {
    /// VM-internal marker: an unbound local slot, or the absent `self` of a method call.
    /// Never visible to Python code.
    #[default]
    Null,
    None,
    NotImplemented,
    Ellipsis,
    Bool(PyBool),
    /// An int that fits in i64. Results that fit are always stored this way, so a
    /// `BigInt` is always outside the i64 range.
    Int(i64),
    Float(PyFloat),
    BigInt(Rc<BigInt>),
    Str(Rc<PyStr>),
    Bytes(Rc<PyBytes>),
    Tuple(Rc<Tuple>),
    List(Rc<List>),
    Dict(Rc<DictObj>),
    /// A `set` or a `frozenset` (the object knows which).
    Set(Rc<SetObj>),
    Range(Rc<Range>),
    Slice(Rc<Slice>),
    Function(Rc<Function>),
    NativeFunction(Rc<NativeFunction>),
    BoundMethod(Rc<BoundMethod>),
    Class(Rc<Class>),
    /// Generators, coroutines and async generators.
    Generator(Rc<Generator>),
    Module(Rc<Module>),
    Cell(Rc<Cell>),
    Code(Rc<Code>),
    /// Instances of user classes, exceptions, and every rarer built-in type.
    Object(Rc<Object>),
}

/// Cloning is inlined at every site rather than left to one shared out-of-line copy: a
/// shared copy dispatches through one indirect jump that mispredicts whenever
/// neighbouring clones see different types, and the call itself costs as much as the
/// work. The variants are ordered so the payload-free and scalar ones come first; every
/// later one is a reference count to bump.
impl Clone for Value {
    #[inline(always)]
    fn clone(&self) -> Value {
        use Value::*;
        match self {
            Null => Null,
            None => None,
            NotImplemented => NotImplemented,
            Ellipsis => Ellipsis,
            Bool(b) => Bool(*b),
            Int(n) => Int(*n),
            Float(x) => Float(*x),
            BigInt(r) => BigInt(Rc::clone(r)),
            Str(r) => Str(Rc::clone(r)),
            Bytes(r) => Bytes(Rc::clone(r)),
            Tuple(r) => Tuple(Rc::clone(r)),
            List(r) => List(Rc::clone(r)),
            Dict(r) => Dict(Rc::clone(r)),
            Set(r) => Set(Rc::clone(r)),
            Range(r) => Range(Rc::clone(r)),
            Slice(r) => Slice(Rc::clone(r)),
            Function(r) => Function(Rc::clone(r)),
            NativeFunction(r) => NativeFunction(Rc::clone(r)),
            BoundMethod(r) => BoundMethod(Rc::clone(r)),
            Class(r) => Class(Rc::clone(r)),
            Generator(r) => Generator(Rc::clone(r)),
            Module(r) => Module(Rc::clone(r)),
            Cell(r) => Cell(Rc::clone(r)),
            Code(r) => Code(Rc::clone(r)),
            Object(r) => Object(Rc::clone(r)),
        }
    }
}

/// A `bool` payload stored as a full word (see [`Value`] for why).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct PyBool(u64);

impl PyBool {
    pub const FALSE: PyBool = PyBool(0);
    pub const TRUE: PyBool = PyBool(1);

    #[inline]
    pub const fn new(b: bool) -> PyBool {
        PyBool(b as u64)
    }

    #[inline]
    pub const fn get(self) -> bool {
        self.0 != 0
    }
}

impl From<PyBool> for i64 {
    fn from(b: PyBool) -> i64 {
        b.0 as i64
    }
}

impl From<PyBool> for u8 {
    fn from(b: PyBool) -> u8 {
        b.0 as u8
    }
}

/// An `f64` payload stored as its bits (see [`Value`] for why).
#[derive(Clone, Copy, Debug)]
pub struct PyFloat(u64);

impl PyFloat {
    #[inline]
    pub const fn new(x: f64) -> PyFloat {
        PyFloat(x.to_bits())
    }

    #[inline]
    pub const fn get(self) -> f64 {
        f64::from_bits(self.0)
    }
}

impl Value {
    /// Drops the value, skipping the out-of-line drop glue for the payloads that own
    /// nothing (hot paths drop many small ints) and for instances.
    #[inline(always)]
    pub fn discard(self) {
        match self {
            Value::Int(_) | Value::Float(_) | Value::Bool(_) | Value::None | Value::Null => {
                std::mem::forget(self)
            }
            // The commonest heap value: its count drops inline (the rare last reference
            // still goes out of line).
            Value::Object(o) => drop(o),
            other => drop(other),
        }
    }

    #[inline]
    pub const fn bool(b: bool) -> Value {
        Value::Bool(PyBool::new(b))
    }

    #[inline]
    pub const fn float(x: f64) -> Value {
        Value::Float(PyFloat::new(x))
    }

    pub fn str(s: impl Into<String>) -> Value {
        Value::Str(Rc::new(PyStr::new(s.into())))
    }

    pub fn int(i: i64) -> Value {
        Value::Int(i)
    }

    /// An int from a BigInt, normalized to the inline form when it fits.
    pub fn from_bigint(b: BigInt) -> Value {
        use num_traits::ToPrimitive;
        match b.to_i64() {
            Some(i) => Value::Int(i),
            None => Value::BigInt(Rc::new(b)),
        }
    }

    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(Tuple::new(items))
    }

    pub fn list(items: Vec<Value>) -> Value {
        Value::List(List::new(items))
    }

    pub fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// Identity (`is`): same immediate value or same heap object.
    pub fn is(&self, other: &Value) -> bool {
        use Value::*;
        match (self, other) {
            (Null, Null) | (None, None) | (NotImplemented, NotImplemented) => true,
            (Ellipsis, Ellipsis) => true,
            (Bool(a), Bool(b)) => a == b,
            // Small ints are cached in CPython; equal inline ints are "the same object".
            (Int(a), Int(b)) => a == b,
            (Float(a), Float(b)) => a.get().to_bits() == b.get().to_bits(),
            _ => match (self.heap_addr(), other.heap_addr()) {
                (Some(a), Some(b)) => a == b,
                _ => false,
            },
        }
    }

    /// The address of the heap object, used for identity and `id()`.
    pub fn heap_addr(&self) -> Option<usize> {
        use Value::*;
        Some(match self {
            BigInt(r) => Rc::as_ptr(r) as *const u8 as usize,
            Str(r) => Rc::as_ptr(r) as *const u8 as usize,
            Bytes(r) => Rc::as_ptr(r) as *const u8 as usize,
            Tuple(r) => Rc::as_ptr(r) as *const u8 as usize,
            List(r) => Rc::as_ptr(r) as *const u8 as usize,
            Dict(r) => Rc::as_ptr(r) as *const u8 as usize,
            Set(r) => Rc::as_ptr(r) as *const u8 as usize,
            Range(r) => Rc::as_ptr(r) as *const u8 as usize,
            Slice(r) => Rc::as_ptr(r) as *const u8 as usize,
            Function(r) => Rc::as_ptr(r) as *const u8 as usize,
            NativeFunction(r) => Rc::as_ptr(r) as *const u8 as usize,
            BoundMethod(r) => Rc::as_ptr(r) as *const u8 as usize,
            Class(r) => Rc::as_ptr(r) as *const u8 as usize,
            Generator(r) => Rc::as_ptr(r) as *const u8 as usize,
            Module(r) => Rc::as_ptr(r) as *const u8 as usize,
            Cell(r) => Rc::as_ptr(r) as *const u8 as usize,
            Code(r) => Rc::as_ptr(r) as *const u8 as usize,
            Object(r) => Rc::as_ptr(r) as *const u8 as usize,
            _ => return Option::None,
        })
    }

    /// The GC header of a tracked container, if this is one.
    pub fn gc_header(&self) -> Option<&GcHeader> {
        use Value::*;
        match self {
            Tuple(r) => Some(&r.gc),
            List(r) => Some(&r.gc),
            Dict(r) => Some(&r.gc),
            Set(r) => Some(&r.gc),
            Function(r) => Some(&r.gc),
            BoundMethod(r) => Some(&r.gc),
            Class(r) => Some(&r.gc),
            Generator(r) => Some(&r.gc),
            Module(r) => Some(&r.gc),
            Cell(r) => Some(&r.gc),
            Object(r) => Some(&r.gc),
            _ => Option::None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s.as_str()),
            _ => Option::None,
        }
    }
}

/// An immutable sequence.
pub struct Tuple {
    pub gc: GcHeader,
    pub items: Box<[Value]>,
}

impl Tuple {
    pub fn new(items: Vec<Value>) -> Rc<Tuple> {
        let t = Rc::new(Tuple {
            gc: GcHeader::new(),
            items: items.into_boxed_slice(),
        });
        if t.items.iter().any(|v| v.gc_header().is_some()) {
            gc::track(Tracked::Tuple(Rc::downgrade(&t)));
        }
        t
    }

    pub fn empty() -> Rc<Tuple> {
        Rc::new(Tuple {
            gc: GcHeader::new(),
            items: Box::new([]),
        })
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

impl Drop for Tuple {
    fn drop(&mut self) {
        if !self.items.is_empty() {
            // Last item first, as CPython's `tupledealloc` (observable through `__del__`).
            let items = std::mem::take(&mut self.items);
            gc::drop_sequence(items.into_vec());
        }
    }
}

/// A mutable sequence.
pub struct List {
    pub gc: GcHeader,
    pub items: RefCell<Vec<Value>>,
}

impl List {
    pub fn new(items: Vec<Value>) -> Rc<List> {
        let l = Rc::new(List {
            gc: GcHeader::new(),
            items: RefCell::new(items),
        });
        gc::track(Tracked::List(Rc::downgrade(&l)));
        l
    }

    pub fn len(&self) -> usize {
        self.items.borrow().len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.borrow().is_empty()
    }
}

impl Drop for List {
    fn drop(&mut self) {
        let items = std::mem::take(self.items.get_mut());
        // Last item first, as CPython's `list_dealloc`.
        gc::drop_sequence(items);
    }
}

/// `range(start, stop, step)`, with bounds that fit in i64 (larger ranges are rejected
/// with CPython's OverflowError where CPython would need them in C longs).
pub struct Range {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
}

impl Range {
    pub fn len(&self) -> i64 {
        let (start, stop, step) = (self.start as i128, self.stop as i128, self.step as i128);
        let n = if step > 0 && start < stop {
            (stop - start - 1) / step + 1
        } else if step < 0 && start > stop {
            (start - stop - 1) / (-step) + 1
        } else {
            0
        };
        n.min(i64::MAX as i128) as i64
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&self, i: i64) -> i64 {
        self.start.wrapping_add(i.wrapping_mul(self.step))
    }
}

/// `slice(start, stop, step)`; the parts are arbitrary values, interpreted on use.
pub struct Slice {
    pub start: Value,
    pub stop: Value,
    pub step: Value,
}

/// A closure cell: a variable shared between a scope and the functions nested in it.
pub struct Cell {
    pub gc: GcHeader,
    pub value: RefCell<Value>,
}

/// Through the trashcan: a chain of closures (each function's cell holding the next
/// function) must free without recursing once per link.
impl Drop for Cell {
    fn drop(&mut self) {
        let v = std::mem::take(self.value.get_mut());
        if v.gc_header().is_some() {
            gc::drop_values(std::iter::once(v));
        }
    }
}

impl Cell {
    pub fn new(value: Value) -> Rc<Cell> {
        let c = Rc::new(Cell {
            gc: GcHeader::new(),
            value: RefCell::new(value),
        });
        gc::track(Tracked::Cell(Rc::downgrade(&c)));
        c
    }
}

/// A module: a name and a namespace dict.
pub struct Module {
    pub gc: GcHeader,
    pub name: String,
    pub dict: Rc<DictObj>,
}

impl Module {
    pub fn new(name: &str, dict: Rc<DictObj>) -> Rc<Module> {
        let m = Rc::new(Module {
            gc: GcHeader::new(),
            name: name.to_string(),
            dict,
        });
        gc::track(Tracked::Module(Rc::downgrade(&m)));
        m
    }
}

/// Convenience for code that only needs a fresh dict value.
pub fn new_dict() -> Rc<DictObj> {
    DictObj::new(Dict::new())
}
