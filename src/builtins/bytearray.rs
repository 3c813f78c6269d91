//! `bytearray`: a mutable byte string — its state, construction, and the methods that
//! read and change it in place (item access, slices, `append`/`extend`/`pop`..., `+=`,
//! comparisons, iteration, `repr`). The text-like methods it shares with `bytes`
//! (`upper`, `split`, `find`, `decode`...) are in `bytearray_shared.rs`.
//!
//! A bytearray is an `Object` of class `bytearray` (or a subclass, which also gets an
//! instance dict) whose payload is a [`ByteArray`]: the bytes in a `RefCell`, and the
//! number of live `memoryview`s exporting them. As in CPython, a bytearray with exports
//! cannot change size ("Existing exports of data: object cannot be re-sized"), while
//! writes that keep the size go through.
//!
//! No borrow of the cell is held while Python code runs (an argument's `__index__`, an
//! iterable being consumed): methods compute what they need first, then borrow to store.

use super::bytearray_buf::ByteBuf;
use super::bytes_search::new_bytes;
use crate::native::{self, add_methods, constructor, method_args, receiver, Clinic, Sig};
use crate::object::function::{Args, NativeFn};
use crate::object::iterator::IterState;
use crate::object::native_data::SliceRange;
use crate::object::native_iter::NativeStep;
use crate::object::{Class, NativeData, NativeIter, Object, Payload, Slice, Value};
use crate::vm::ops::buffer::with_bytes;
use crate::vm::{PyResult, Vm};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// A bytearray's native state.
pub struct ByteArray {
    pub data: RefCell<ByteBuf>,
    /// Live memoryviews over the data.
    pub exports: Cell<usize>,
    /// Whether the object's class is exactly `bytearray` (so `len()` may skip `__len__`).
    exact: bool,
}

impl NativeData for ByteArray {
    fn traverse(&self, _f: &mut dyn FnMut(&Value)) {}

    fn native_len(&self) -> Option<usize> {
        if !self.exact {
            return None;
        }
        Some(self.data.try_borrow().ok()?.len())
    }

    fn buffer(&self) -> Option<Vec<u8>> {
        self.data.try_borrow().ok().map(|d| d.to_vec())
    }

    fn lend_buffer(&self, f: &mut dyn FnMut(&[u8])) -> bool {
        match self.data.try_borrow() {
            Ok(data) => {
                f(&data);
                true
            }
            Err(_) => false,
        }
    }

    fn slice(&self, vm: &Vm, range_of: &dyn Fn(usize) -> Option<SliceRange>) -> Option<Value> {
        let data = self.data.try_borrow().ok()?;
        let part = data[range_of(data.len())?].to_vec();
        drop(data);
        Some(new_bytearray(vm, part))
    }

    fn delete_slice(&self, range_of: &dyn Fn(usize) -> Option<SliceRange>) -> bool {
        // A memoryview's export forbids resizing: `__delitem__` raises BufferError.
        if self.exports.get() != 0 {
            return false;
        }
        let Ok(mut data) = self.data.try_borrow_mut() else {
            return false;
        };
        match range_of(data.len()) {
            Some(r) => {
                data.delete(r);
                true
            }
            None => false,
        }
    }
}

/// The state of `v` if it is a bytearray (or an instance of a subclass).
pub fn state(v: &Value) -> Option<&ByteArray> {
    match v {
        Value::Object(o) => o.native::<ByteArray>(),
        _ => None,
    }
}

/// A new bytearray of class `class` holding `data`.
pub fn new_bytearray_of(vm: &Vm, class: &Rc<Class>, data: Vec<u8>) -> Value {
    let payload = Payload::Native(Box::new(ByteArray {
        data: RefCell::new(data.into()),
        exports: Cell::new(0),
        exact: Rc::ptr_eq(class, &vm.types.bytearray),
    }));
    Value::Object(if class.instance_dict.get() {
        Object::with_dict(class.clone(), payload)
    } else {
        Object::new(class.clone(), payload)
    })
}

/// A new `bytearray` holding `data`.
pub fn new_bytearray(vm: &Vm, data: Vec<u8>) -> Value {
    let class = vm.types.bytearray.clone();
    new_bytearray_of(vm, &class, data)
}

pub fn register(vm: &mut Vm) {
    let c = vm.types.bytearray.clone();
    // Like CPython's, instances have no `__dict__`; subclasses get one.
    c.instance_dict.set(false);
    constructor(vm, &c, bytearray_new);
    let table: &[(&'static str, NativeFn)] = &[
        ("__init__", bytearray_init),
        ("__len__", bytearray_len),
        ("__getitem__", bytearray_getitem),
        ("__setitem__", bytearray_setitem),
        ("__delitem__", bytearray_delitem),
        ("__contains__", bytearray_contains),
        ("__iter__", bytearray_iter),
        ("__add__", bytearray_add),
        ("__iadd__", bytearray_iadd),
        ("__mul__", bytearray_mul),
        ("__rmul__", bytearray_mul),
        ("__imul__", bytearray_imul),
        ("__eq__", bytearray_eq),
        ("__ne__", bytearray_ne),
        ("__lt__", bytearray_lt),
        ("__le__", bytearray_le),
        ("__gt__", bytearray_gt),
        ("__ge__", bytearray_ge),
        ("__repr__", bytearray_repr),
        ("__str__", bytearray_repr),
        ("__alloc__", bytearray_alloc),
        ("__sizeof__", bytearray_sizeof),
        ("append", bytearray_append),
        ("extend", bytearray_extend),
        ("pop", bytearray_pop),
        ("insert", bytearray_insert),
        ("remove", bytearray_remove),
        ("clear", bytearray_clear),
        ("copy", bytearray_copy),
        ("reverse", bytearray_reverse),
    ];
    add_methods(vm, &c, table);
    let key = vm.intern("__hash__");
    c.dict.borrow_mut().set_str(key, Value::None);
    let iter = vm.types.bytearray_iterator.clone();
    add_methods(
        vm,
        &iter,
        &[("__next__", iterator_next), ("__iter__", iterator_iter)],
    );
}

/// The receiver of a bytearray method and its other arguments.
fn this<'a>(
    vm: &Vm,
    args: &Args<'a>,
    name: &str,
    sig: Sig,
) -> PyResult<(&'a ByteArray, &'a [Value])> {
    receiver(vm, ("bytearray", name), sig, args, state)
}

/// Raised by every operation that would resize a bytearray a memoryview exports.
fn check_resizable(vm: &Vm, b: &ByteArray) -> PyResult<()> {
    if b.exports.get() > 0 {
        return Err(resize_refused(vm));
    }
    Ok(())
}

fn resize_refused(vm: &Vm) -> crate::object::ExcRef {
    let class = vm.exc_class("BufferError");
    vm.new_exception_msg(
        &class,
        "Existing exports of data: object cannot be re-sized",
    )
}

/// Appends the bytes of `v` straight from its storage when it is bytes-like (a stream
/// buffer's `extend(data)` copies each byte once); false when it is not, or when it is
/// `b` itself, which cannot lend its bytes while it grows.
fn append_bytes_like(vm: &Vm, b: &ByteArray, v: &Value) -> PyResult<bool> {
    if state(v).is_some_and(|other| std::ptr::eq(other, b)) {
        return Ok(false);
    }
    let Some(len) = with_bytes(v, <[u8]>::len) else {
        return Ok(false);
    };
    if len > 0 {
        check_resizable(vm, b)?;
        super::result_size::check_size(vm, b.data.borrow().len() + len)?;
        let mut data = b.data.borrow_mut();
        with_bytes(v, |more| data.extend_from_slice(more));
    }
    Ok(true)
}

/// A byte value: an integer in `range(256)`.
fn byte_value(vm: &mut Vm, v: &Value) -> PyResult<u8> {
    match vm.to_index(v)? {
        Some(i) if (0..256).contains(&i) => Ok(i as u8),
        Some(_) => Err(vm.value_error("byte must be in range(0, 256)")),
        None => Err(vm.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(v)
        ))),
    }
}

/// The bytes of an iterable of byte values, or of any bytes-like object.
fn bytes_of_iterable(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    if let Some(data) = vm.buffer_bytes(v) {
        return Ok(data);
    }
    if matches!(v, Value::Str(_)) {
        return Err(vm.type_error("expected iterable of integers; got: 'str'"));
    }
    if let Value::Int(_) | Value::Float(_) | Value::None | Value::Bool(_) = v {
        return Err(vm.type_error(format!("can't extend bytearray with {}", vm.type_name(v))));
    }
    let items = vm.collect_iterable(v)?;
    items.iter().map(|i| byte_value(vm, i)).collect()
}

/// `bytearray.__new__(cls, ...)`: an empty bytearray; `__init__` fills it.
fn bytearray_new(vm: &mut Vm, args: Args) -> PyResult {
    let Some(Value::Class(cls)) = args.values.first() else {
        return Err(vm.type_error("bytearray.__new__(X): X is not a type object"));
    };
    if !cls.is_subclass(&vm.types.bytearray) {
        return Err(vm.type_error(format!(
            "bytearray.__new__({0}): {0} is not a subtype of bytearray",
            cls.name
        )));
    }
    let cls = cls.clone();
    Ok(new_bytearray_of(vm, &cls, Vec::new()))
}

/// `bytearray.__init__(self, source=None, encoding=None, errors=None)`.
fn bytearray_init(vm: &mut Vm, args: Args) -> PyResult {
    let b = native::self_arg(
        vm,
        ("bytearray", "__init__"),
        Sig::Range(0, 3),
        &args,
        state,
    )?;
    let (_, rest) = native::split_self(vm, "bytearray.__init__", &args)?;
    let [source, encoding, errors] =
        Clinic::new("bytearray", &["source", "encoding", "errors"]).bind(vm, &rest)?;
    let data = super::constructors::bytes_from_source(
        vm,
        source.as_ref(),
        encoding.as_ref(),
        errors.as_ref(),
        "bytearray",
    )?;
    check_resizable(vm, b)?;
    *b.data.borrow_mut() = data.into();
    Ok(Value::None)
}

fn bytearray_len(vm: &mut Vm, args: Args) -> PyResult {
    let (b, _) = this(vm, &args, "__len__", Sig::Wrapper(0))?;
    Ok(Value::Int(b.data.borrow().len() as i64))
}

fn bytearray_getitem(vm: &mut Vm, args: Args) -> PyResult {
    let (b, rest) = this(vm, &args, "__getitem__", Sig::Wrapper(1))?;
    let key = &rest[0];
    if let Value::Slice(s) = key {
        let len = b.data.borrow().len();
        let idx = vm.slice_indices(s, len)?;
        let data = b.data.borrow();
        let out: Vec<u8> = match idx.contiguous() {
            Some(r) => data[r].to_vec(),
            None => idx.positions().map(|p| data[p]).collect(),
        };
        drop(data);
        return Ok(new_bytearray(vm, out));
    }
    let len = b.data.borrow().len();
    match vm.seq_index(key, len, "bytearray")? {
        Some(i) => Ok(Value::Int(b.data.borrow()[i] as i64)),
        None => Err(vm.index_error("bytearray index out of range")),
    }
}

fn bytearray_setitem(vm: &mut Vm, args: Args) -> PyResult {
    let (b, rest) = this(vm, &args, "__setitem__", Sig::WrapperRange(2, 2))?;
    let (key, value) = (&rest[0], &rest[1]);
    if let Value::Slice(s) = key {
        // `b[i:j] = b` reads the source before the target changes.
        let new = if value.is(&args.values[0]) {
            b.data.borrow().to_vec()
        } else if let Value::Int(_) = value {
            return Err(vm.type_error(
                "can assign only bytes, buffers, or iterables of ints in range(0, 256)",
            ));
        } else {
            bytes_of_iterable(vm, value)?
        };
        return set_slice(vm, b, s, new);
    }
    let len = b.data.borrow().len();
    let Some(i) = vm.seq_index(key, len, "bytearray")? else {
        return Err(vm.index_error("bytearray index out of range"));
    };
    let byte = byte_value(vm, value)?;
    b.data.borrow_mut()[i] = byte;
    Ok(Value::None)
}

fn set_slice(vm: &mut Vm, b: &ByteArray, s: &Slice, new: Vec<u8>) -> PyResult {
    let len = b.data.borrow().len();
    let idx = vm.slice_indices(s, len)?;
    if idx.step == 1 {
        let start = idx.start.clamp(0, len as i64) as usize;
        let stop = (idx.start + idx.len).clamp(start as i64, len as i64) as usize;
        if new.len() != stop - start {
            check_resizable(vm, b)?;
        }
        b.data.borrow_mut().vec_mut().splice(start..stop, new);
        return Ok(Value::None);
    }
    if new.len() as i64 != idx.len {
        return Err(vm.value_error(format!(
            "attempt to assign bytes of size {} to extended slice of size {}",
            new.len(),
            idx.len
        )));
    }
    let mut data = b.data.borrow_mut();
    for (p, v) in idx.positions().zip(new) {
        data[p] = v;
    }
    Ok(Value::None)
}

fn bytearray_delitem(vm: &mut Vm, args: Args) -> PyResult {
    let (b, rest) = this(vm, &args, "__delitem__", Sig::Wrapper(1))?;
    let key = &rest[0];
    let len = b.data.borrow().len();
    if let Value::Slice(s) = key {
        let idx = vm.slice_indices(s, len)?;
        if idx.len == 0 {
            return Ok(Value::None);
        }
        check_resizable(vm, b)?;
        // `del buf[:n]`, how stream buffers consume what was read: no move at all.
        if let Some(r) = idx.contiguous() {
            b.data.borrow_mut().delete(r);
            return Ok(Value::None);
        }
        let mut drop_at = vec![false; len];
        for p in idx.positions() {
            drop_at[p] = true;
        }
        let mut data = b.data.borrow_mut();
        let mut i = 0;
        data.vec_mut().retain(|_| {
            i += 1;
            !drop_at[i - 1]
        });
        return Ok(Value::None);
    }
    let Some(i) = vm.seq_index(key, len, "bytearray")? else {
        return Err(vm.index_error("bytearray index out of range"));
    };
    check_resizable(vm, b)?;
    b.data.borrow_mut().vec_mut().remove(i);
    Ok(Value::None)
}

fn bytearray_contains(vm: &mut Vm, args: Args) -> PyResult {
    let (b, rest) = this(vm, &args, "__contains__", Sig::Wrapper(1))?;
    let needle = &rest[0];
    if let Some(sub) = vm.buffer_bytes(needle) {
        let data = b.data.borrow();
        let found = sub.is_empty() || data.windows(sub.len()).any(|w| w == sub.as_slice());
        return Ok(Value::bool(found));
    }
    let byte = match vm.to_index(needle)? {
        Some(i) if (0..256).contains(&i) => i as u8,
        Some(_) => return Err(vm.value_error("byte must be in range(0, 256)")),
        None => {
            return Err(vm.type_error(format!(
                "a bytes-like object is required, not '{}'",
                vm.type_name(needle)
            )))
        }
    };
    Ok(Value::bool(b.data.borrow().contains(&byte)))
}

/// The bytes of the right operand of `+`/`+=`, or the CPython TypeError.
fn concat_operand(vm: &Vm, v: &Value) -> PyResult<Vec<u8>> {
    vm.buffer_bytes(v)
        .ok_or_else(|| vm.type_error(format!("can't concat {} to bytearray", vm.type_name(v))))
}

fn bytearray_add(vm: &mut Vm, args: Args) -> PyResult {
    let (b, rest) = this(vm, &args, "__add__", Sig::Wrapper(1))?;
    let other = concat_operand(vm, &rest[0])?;
    let mut out = b.data.borrow().to_vec();
    super::result_size::check_size(vm, out.len() + other.len())?;
    out.extend_from_slice(&other);
    Ok(new_bytearray(vm, out))
}

fn bytearray_iadd(vm: &mut Vm, args: Args) -> PyResult {
    let (b, rest) = this(vm, &args, "__iadd__", Sig::Wrapper(1))?;
    // CPython's `+=` holds the operand's buffer while it grows: `b += b` finds b exported.
    if rest[0].is(&args.values[0]) && !b.data.borrow().is_empty() {
        return Err(resize_refused(vm));
    }
    if append_bytes_like(vm, b, &rest[0])? {
        return Ok(args.values[0].clone());
    }
    let other = concat_operand(vm, &rest[0])?;
    if !other.is_empty() {
        check_resizable(vm, b)?;
    }
    super::result_size::check_size(vm, b.data.borrow().len() + other.len())?;
    b.data.borrow_mut().extend_from_slice(&other);
    Ok(args.values[0].clone())
}

/// The repeat count of `*`, or None when the operand is not an integer.
fn repeat_count(vm: &mut Vm, v: &Value) -> PyResult<Option<usize>> {
    Ok(vm.to_index(v)?.map(|n| n.max(0) as usize))
}

fn bytearray_mul(vm: &mut Vm, args: Args) -> PyResult {
    let (b, rest) = this(vm, &args, "__mul__", Sig::Wrapper(1))?;
    let Some(n) = repeat_count(vm, &rest[0])? else {
        return Ok(Value::NotImplemented);
    };
    let data = b.data.borrow().to_vec();
    super::result_size::check_size(vm, data.len().saturating_mul(n))?;
    Ok(new_bytearray(vm, data.repeat(n)))
}

fn bytearray_imul(vm: &mut Vm, args: Args) -> PyResult {
    let (b, rest) = this(vm, &args, "__imul__", Sig::Wrapper(1))?;
    let Some(n) = repeat_count(vm, &rest[0])? else {
        return Ok(Value::NotImplemented);
    };
    let len = b.data.borrow().len();
    super::result_size::check_size(vm, len.saturating_mul(n))?;
    if n != 1 && len > 0 {
        check_resizable(vm, b)?;
    }
    let repeated = b.data.borrow().repeat(n);
    *b.data.borrow_mut() = repeated.into();
    Ok(args.values[0].clone())
}

/// Compares with any bytes-like object; NotImplemented for anything else.
fn compare(vm: &mut Vm, args: &Args, name: &str, test: fn(std::cmp::Ordering) -> bool) -> PyResult {
    let (b, rest) = this(vm, args, name, Sig::Wrapper(1))?;
    let Some(other) = vm.buffer_bytes(&rest[0]) else {
        return Ok(Value::NotImplemented);
    };
    let ord = b.data.borrow()[..].cmp(other.as_slice());
    Ok(Value::bool(test(ord)))
}

fn bytearray_eq(vm: &mut Vm, args: Args) -> PyResult {
    compare(vm, &args, "__eq__", |o| o.is_eq())
}

fn bytearray_ne(vm: &mut Vm, args: Args) -> PyResult {
    compare(vm, &args, "__ne__", |o| o.is_ne())
}

fn bytearray_lt(vm: &mut Vm, args: Args) -> PyResult {
    compare(vm, &args, "__lt__", |o| o.is_lt())
}

fn bytearray_le(vm: &mut Vm, args: Args) -> PyResult {
    compare(vm, &args, "__le__", |o| o.is_le())
}

fn bytearray_gt(vm: &mut Vm, args: Args) -> PyResult {
    compare(vm, &args, "__gt__", |o| o.is_gt())
}

fn bytearray_ge(vm: &mut Vm, args: Args) -> PyResult {
    compare(vm, &args, "__ge__", |o| o.is_ge())
}

/// `bytearray(b'...')`, with a subclass's name in place of `bytearray`.
fn bytearray_repr(vm: &mut Vm, args: Args) -> PyResult {
    let (b, _) = this(vm, &args, "__repr__", Sig::Wrapper(0))?;
    let data = b.data.borrow().to_vec();
    let name = vm.type_name(&args.values[0]);
    let inner = vm.repr(&new_bytes(data))?;
    Ok(Value::str(format!("{name}({inner})")))
}

fn bytearray_alloc(vm: &mut Vm, args: Args) -> PyResult {
    let (b, _) = this(vm, &args, "__alloc__", Sig::NoArgs)?;
    let data = b.data.borrow();
    Ok(Value::Int(if data.is_empty() {
        0
    } else {
        data.capacity().max(data.len() + 1) as i64
    }))
}

fn bytearray_sizeof(vm: &mut Vm, args: Args) -> PyResult {
    let (b, _) = this(vm, &args, "__sizeof__", Sig::NoArgs)?;
    Ok(Value::Int(56 + b.data.borrow().capacity() as i64))
}

fn bytearray_append(vm: &mut Vm, args: Args) -> PyResult {
    let (b, rest) = this(vm, &args, "append", Sig::One)?;
    let byte = byte_value(vm, &rest[0])?;
    check_resizable(vm, b)?;
    b.data.borrow_mut().push(byte);
    Ok(Value::None)
}

fn bytearray_extend(vm: &mut Vm, args: Args) -> PyResult {
    let (b, rest) = this(vm, &args, "extend", Sig::One)?;
    if append_bytes_like(vm, b, &rest[0])? {
        return Ok(Value::None);
    }
    let more = if rest[0].is(&args.values[0]) {
        b.data.borrow().to_vec()
    } else {
        bytes_of_iterable(vm, &rest[0])?
    };
    if !more.is_empty() {
        check_resizable(vm, b)?;
    }
    b.data.borrow_mut().extend_from_slice(&more);
    Ok(Value::None)
}

fn bytearray_pop(vm: &mut Vm, args: Args) -> PyResult {
    let (b, rest) = this(vm, &args, "pop", Sig::Range(0, 1))?;
    let len = b.data.borrow().len();
    if len == 0 {
        return Err(vm.index_error("pop from empty bytearray"));
    }
    let i = match rest.first() {
        None => len - 1,
        Some(v) => {
            let i = native::ssize(vm, v)?;
            let i = if i < 0 { i + len as i64 } else { i };
            if i < 0 || i >= len as i64 {
                return Err(vm.index_error("pop index out of range"));
            }
            i as usize
        }
    };
    check_resizable(vm, b)?;
    Ok(Value::Int(b.data.borrow_mut().vec_mut().remove(i) as i64))
}

fn bytearray_insert(vm: &mut Vm, args: Args) -> PyResult {
    let (b, rest) = this(vm, &args, "insert", Sig::Range(2, 2))?;
    let i = native::ssize(vm, &rest[0])?;
    let byte = byte_value(vm, &rest[1])?;
    check_resizable(vm, b)?;
    let len = b.data.borrow().len() as i64;
    let at = if i < 0 { (i + len).max(0) } else { i.min(len) };
    b.data.borrow_mut().vec_mut().insert(at as usize, byte);
    Ok(Value::None)
}

fn bytearray_remove(vm: &mut Vm, args: Args) -> PyResult {
    let (b, rest) = this(vm, &args, "remove", Sig::One)?;
    let byte = byte_value(vm, &rest[0])?;
    let Some(pos) = b.data.borrow().iter().position(|&x| x == byte) else {
        return Err(vm.value_error("value not found in bytearray"));
    };
    check_resizable(vm, b)?;
    b.data.borrow_mut().vec_mut().remove(pos);
    Ok(Value::None)
}

fn bytearray_clear(vm: &mut Vm, args: Args) -> PyResult {
    let (b, _) = this(vm, &args, "clear", Sig::NoArgs)?;
    if !b.data.borrow().is_empty() {
        check_resizable(vm, b)?;
    }
    b.data.borrow_mut().clear();
    Ok(Value::None)
}

fn bytearray_copy(vm: &mut Vm, args: Args) -> PyResult {
    let (b, _) = this(vm, &args, "copy", Sig::NoArgs)?;
    let data = b.data.borrow().to_vec();
    Ok(new_bytearray(vm, data))
}

fn bytearray_reverse(vm: &mut Vm, args: Args) -> PyResult {
    let (b, _) = this(vm, &args, "reverse", Sig::NoArgs)?;
    b.data.borrow_mut().reverse();
    Ok(Value::None)
}

/// `iter(bytearray)`: reads the array live, so it sees changes made while iterating.
struct ByteArrayIter {
    array: Option<Rc<Object>>,
    index: usize,
}

impl NativeIter for ByteArrayIter {
    fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        if let Some(a) = &self.array {
            f(&Value::Object(a.clone()));
        }
    }

    fn step_fn(&self) -> NativeStep {
        step_iterator
    }
}

fn step_iterator(vm: &mut Vm, cell: &RefCell<IterState>) -> PyResult<Option<Value>> {
    let mut st = cell
        .try_borrow_mut()
        .map_err(|_| vm.value_error("iterator already executing"))?;
    let Some(it) = st.native_mut::<ByteArrayIter>() else {
        return Ok(None);
    };
    let next = it
        .array
        .as_ref()
        .and_then(|a| a.native::<ByteArray>())
        .and_then(|b| b.data.borrow().get(it.index).copied());
    match next {
        Some(byte) => {
            it.index += 1;
            Ok(Some(Value::Int(byte as i64)))
        }
        None => {
            it.array = None;
            Ok(None)
        }
    }
}

fn bytearray_iter(vm: &mut Vm, args: Args) -> PyResult {
    this(vm, &args, "__iter__", Sig::Wrapper(0))?;
    let Value::Object(o) = &args.values[0] else {
        return Err(vm.type_error("bytearray expected"));
    };
    let class = vm.types.bytearray_iterator.clone();
    Ok(vm.new_iterator(
        &class,
        IterState::Native(Box::new(ByteArrayIter {
            array: Some(o.clone()),
            index: 0,
        })),
    ))
}

fn iterator_next(vm: &mut Vm, args: Args) -> PyResult {
    method_args(
        vm,
        ("bytearray_iterator", "__next__"),
        Sig::Wrapper(0),
        &args,
    )?;
    let this = args.values[0].clone();
    match vm.iter_next(&this)? {
        Some(v) => Ok(v),
        None => Err(vm.stop_iteration(Value::None)),
    }
}

fn iterator_iter(vm: &mut Vm, args: Args) -> PyResult {
    method_args(
        vm,
        ("bytearray_iterator", "__iter__"),
        Sig::Wrapper(0),
        &args,
    )?;
    Ok(args.values[0].clone())
}
