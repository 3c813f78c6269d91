//! `collections.deque`: its data, construction, and the methods that add, remove and
//! rearrange items (CPython's `_collectionsmodule.c`, behaviour for behaviour).
//!
//! A deque is an `Object` whose payload is a [`DequeData`] in a `RefCell`: a
//! `VecDeque` (O(1) at both ends and for indexing), the optional `maxlen`, and CPython's
//! mutation counter `state`. Iterators and the searching methods compare the counter to
//! notice a deque changed under them ("deque mutated during iteration"), so it moves
//! exactly where CPython's does: every append and pop (even one `maxlen=0` discards at
//! once), clear of a non-empty deque, rotation of more than one item, insert and `del`;
//! but not `reverse()`, item assignment, `extend([])` or `d *= 1`.
//!
//! No borrow of the cell is held while Python code runs (iterating an argument, a
//! subclass's constructor, `__index__`): methods copy out what they need, release the
//! borrow, and borrow again to store.

use super::{classes, deque_cell};
use crate::native::{self, add_classmethod, method_args, self_arg, ssize, Callee, Clinic, Sig};
use crate::native::{add_methods, constructor};
use crate::object::class::Class;
use crate::object::function::{Args, NativeFn};
use crate::object::{gc, ExcRef, NativeData, Object, Payload, Value};
use crate::vm::{PyResult, Vm};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

/// A deque object's native state (`Payload::Native`): its data, and whether its class is
/// exactly `collections.deque`. Only then do `len()` and truth tests read the length
/// natively, skipping the `__len__` lookup and native call that dominate `while queue:
/// queue.popleft()` loops; a subclass may override `__len__` or `__bool__`, so its
/// instances take the general path. (An object's class never changes.)
pub struct DequeState {
    pub data: RefCell<DequeData>,
    exact: bool,
}

impl NativeData for DequeState {
    fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        if let Ok(d) = self.data.try_borrow() {
            d.items.iter().for_each(f);
        }
    }

    fn clear_into(&self, trash: &mut Vec<Value>) {
        // A deque can be part of a reference cycle (`d.append(d)`).
        if let Ok(mut d) = self.data.try_borrow_mut() {
            d.clear_into(trash);
        }
    }

    #[inline]
    fn native_len(&self) -> Option<usize> {
        if !self.exact {
            return None;
        }
        Some(self.data.try_borrow().ok()?.items.len())
    }
}

/// The state of one deque.
pub struct DequeData {
    pub items: VecDeque<Value>,
    /// None: unbounded. Appends to a full deque discard from the other end.
    pub maxlen: Option<usize>,
    /// CPython's `deque->state`: bumped by every change iterators must notice.
    pub state: u64,
}

impl DequeData {
    pub fn new(maxlen: Option<usize>) -> DequeData {
        DequeData {
            items: VecDeque::new(),
            maxlen,
            state: 0,
        }
    }

    pub fn bump(&mut self) {
        self.state = self.state.wrapping_add(1);
    }

    /// Appends on the right; returns the item pushed out on the left by `maxlen` (the
    /// caller drops it once the borrow is released).
    pub fn push_back(&mut self, v: Value) -> Option<Value> {
        self.bump();
        self.items.push_back(v);
        match self.maxlen {
            Some(m) if self.items.len() > m => self.items.pop_front(),
            _ => None,
        }
    }

    /// Appends on the left; returns the item pushed out on the right by `maxlen`.
    pub fn push_front(&mut self, v: Value) -> Option<Value> {
        self.bump();
        self.items.push_front(v);
        match self.maxlen {
            Some(m) if self.items.len() > m => self.items.pop_back(),
            _ => None,
        }
    }

    /// Empties the deque, returning the items so they are dropped after the borrow.
    pub fn take_all(&mut self) -> VecDeque<Value> {
        if self.items.is_empty() {
            return VecDeque::new();
        }
        self.bump();
        std::mem::take(&mut self.items)
    }

    /// The cycle collector's clear: hands every item to `trash`.
    pub fn clear_into(&mut self, trash: &mut Vec<Value>) {
        trash.extend(self.take_all());
    }

    /// `rotate(n)`: positive moves items from the right end to the left.
    pub fn rotate(&mut self, n: i64) {
        let len = self.items.len();
        if len <= 1 {
            return;
        }
        self.bump();
        let k = n.rem_euclid(len as i64) as usize;
        self.items.rotate_right(k);
    }
}

impl Drop for DequeData {
    fn drop(&mut self) {
        // A deque of deques of deques... must not drop recursively on the Rust stack.
        let items = std::mem::take(&mut self.items);
        if !items.is_empty() {
            gc::drop_values(items);
        }
    }
}

/// CPython's name for the type in descriptor messages.
pub(super) const TP_NAME: &str = "collections.deque";

pub(super) fn register(vm: &mut Vm, class: &Rc<Class>) {
    constructor(vm, class, deque_new);
    let table: &[(&'static str, NativeFn)] = &[
        ("__init__", deque_init),
        ("append", append),
        ("appendleft", appendleft),
        ("pop", pop),
        ("popleft", popleft),
        ("extend", extend),
        ("extendleft", extendleft),
        ("clear", clear),
        ("copy", copy),
        ("__copy__", dunder_copy),
        ("insert", insert),
        ("rotate", rotate),
        ("reverse", reverse),
    ];
    add_methods(vm, class, table);
    add_classmethod(vm, class, "__class_getitem__", class_getitem);
}

/// A deque method as messages name it: `deque.append`, with the type's `tp_name` in
/// descriptor errors.
fn callee(name: &str) -> Callee<'_> {
    Callee::new("deque", name).with_type_name(TP_NAME)
}

/// The receiver of a deque method and its cell; `wrapper` for slot wrappers, whose
/// descriptor errors are worded differently.
pub(super) fn receiver<'a>(
    vm: &Vm,
    args: &Args<'a>,
    name: &str,
    wrapper: bool,
) -> PyResult<(&'a Value, &'a RefCell<DequeData>)> {
    let sig = if wrapper {
        Sig::Wrapper(0)
    } else {
        Sig::NoArgs
    };
    self_arg(vm, callee(name), sig, args, |v| {
        deque_cell(v).map(|c| (v, c))
    })
}

/// The receiver, its cell and the other arguments, checked against `sig`.
pub(super) fn this<'a>(
    vm: &Vm,
    args: &Args<'a>,
    name: &str,
    sig: Sig,
) -> PyResult<(&'a Value, &'a RefCell<DequeData>, &'a [Value])> {
    let ((v, cell), rest) = native::receiver(vm, callee(name), sig, args, |v| {
        deque_cell(v).map(|c| (v, c))
    })?;
    Ok((v, cell, rest))
}

/// Arguments of a method parsed by `PyArg_ParseTuple` (`index`, `insert`), whose count
/// errors read `insert() takes exactly 2 arguments (3 given)`.
pub(super) fn getargs<'a>(
    vm: &Vm,
    args: &Args<'a>,
    name: &str,
    min: usize,
    max: usize,
) -> PyResult<(&'a Value, &'a RefCell<DequeData>, &'a [Value])> {
    this(vm, args, name, Sig::OldStyle(min, max))
}

/// A new deque of class `class` (which has a deque layout) holding `data`; `exact` when
/// `class` is `collections.deque` itself.
pub(super) fn new_deque(class: &Rc<Class>, data: DequeData, exact: bool) -> Value {
    let payload = Payload::Native(Box::new(DequeState {
        data: RefCell::new(data),
        exact,
    }));
    Value::Object(if class.instance_dict.get() {
        Object::with_dict(class.clone(), payload)
    } else {
        Object::new(class.clone(), payload)
    })
}

/// `deque.__new__(cls, *args, **kwargs)`: an empty deque of `cls`; the arguments are
/// for `__init__`, as in CPython.
fn deque_new(vm: &mut Vm, args: Args) -> PyResult {
    let Some(first) = args.pos().first() else {
        return Err(vm.type_error(format!("{TP_NAME}.__new__(): not enough arguments")));
    };
    let Value::Class(cls) = first else {
        return Err(vm.type_error(format!(
            "{TP_NAME}.__new__(X): X is not a type object ({})",
            vm.type_name(first)
        )));
    };
    if !cls.is_subclass(&classes(vm)?.deque) {
        let name = cls.tp_name.get().unwrap_or(&cls.name);
        return Err(vm.type_error(format!(
            "{TP_NAME}.__new__({name}): {name} is not a subtype of {TP_NAME}"
        )));
    }
    let exact = Rc::ptr_eq(cls, &classes(vm)?.deque);
    Ok(new_deque(cls, DequeData::new(None), exact))
}

/// `deque.__init__(self, iterable=(), maxlen=None)`, bound the way CPython's
/// `deque_init` binds it (`PyArg_ParseTupleAndKeywords` with its messages); re-running
/// it on a deque empties it first.
fn deque_init(vm: &mut Vm, args: Args) -> PyResult {
    let (this, cell) = receiver(vm, &args, "__init__", true)?;
    let (_, rest) = native::split_self(vm, "deque.__init__", &args)?;
    let [iterable, maxlen] = Clinic::new("deque", &["iterable", "maxlen"]).bind(vm, &rest)?;
    let (iterable, maxlen) = (iterable.as_ref(), maxlen.as_ref());
    let maxlen = match maxlen {
        None | Some(Value::None) => None,
        Some(Value::Int(n)) => Some(*n),
        Some(Value::Bool(b)) => Some(i64::from(*b)),
        Some(Value::BigInt(_)) => {
            return Err(vm.overflow_error("Python int too large to convert to C ssize_t"))
        }
        Some(_) => return Err(vm.type_error("an integer is required")),
    };
    let maxlen = match maxlen {
        Some(n) if n < 0 => return Err(vm.value_error("maxlen must be non-negative")),
        Some(n) => Some(n as usize),
        None => None,
    };
    let old = {
        let mut d = cell.borrow_mut();
        d.maxlen = maxlen;
        d.take_all()
    };
    drop(old);
    if let Some(iterable) = iterable {
        extend_from(vm, this, cell, iterable, false)?;
    }
    Ok(Value::None)
}

/// `extend` / `extendleft`: appends the items of `iterable` one at a time, as CPython
/// does, so a failing iterator leaves what it produced so far and appends are seen by
/// code the iteration runs. Extending a deque with itself copies it first.
pub(super) fn extend_from(
    vm: &mut Vm,
    this: &Value,
    cell: &RefCell<DequeData>,
    iterable: &Value,
    left: bool,
) -> PyResult<()> {
    let push = |v: Value| {
        let mut d = cell.borrow_mut();
        let out = if left {
            d.push_front(v)
        } else {
            d.push_back(v)
        };
        drop(d);
        drop(out);
    };
    // Lists and tuples run no Python code while iterated: take their items at once.
    let snapshot = match iterable {
        _ if iterable.is(this) => Some(cell.borrow().items.iter().cloned().collect()),
        Value::List(l) => Some(l.items.borrow().clone()),
        Value::Tuple(t) => Some(t.items.to_vec()),
        _ => None,
    };
    if let Some(items) = snapshot {
        if cell.borrow().maxlen != Some(0) {
            items.into_iter().for_each(push);
        }
        return Ok(());
    }
    let it = vm.get_iter(iterable)?;
    if cell.borrow().maxlen == Some(0) {
        // CPython consumes the iterator without storing (or counting) anything.
        while vm.iter_next(&it)?.is_some() {}
        return Ok(());
    }
    while let Some(v) = vm.iter_next(&it)? {
        push(v);
    }
    Ok(())
}

/// A copy of `this` with its maxlen. Subclasses are copied by calling their class with
/// `(d)` or `(d, maxlen)`, as CPython's `deque_copy` does (so `+`, `*` and `copy()` of
/// a subclass instance run its `__init__`).
pub(super) fn copy_of(vm: &mut Vm, this: &Value, cell: &RefCell<DequeData>) -> PyResult {
    let Value::Object(o) = this else {
        return Err(vm.type_error("deque expected"));
    };
    let deque_class = classes(vm)?.deque.clone();
    if Rc::ptr_eq(&o.class, &deque_class) {
        let d = cell.borrow();
        let mut data = DequeData::new(d.maxlen);
        data.items = d.items.clone();
        return Ok(new_deque(&deque_class, data, true));
    }
    let class = Value::Class(o.class.clone());
    // Read maxlen before the call: the subclass's `__init__` may change this deque.
    let maxlen = cell.borrow().maxlen;
    let r = match maxlen {
        None => vm.call(&class, std::slice::from_ref(this)),
        Some(m) => vm.call(&class, &[this.clone(), Value::Int(m as i64)]),
    }?;
    if deque_cell(&r).is_none() {
        return Err(vm.type_error(format!(
            "{}() must return a deque, not {}",
            vm.type_name(this),
            vm.type_name(&r)
        )));
    }
    Ok(r)
}

fn append(vm: &mut Vm, args: Args) -> PyResult {
    let (_, cell, rest) = this(vm, &args, "append", Sig::One)?;
    let out = cell.borrow_mut().push_back(rest[0].clone());
    drop(out);
    Ok(Value::None)
}

fn appendleft(vm: &mut Vm, args: Args) -> PyResult {
    let (_, cell, rest) = this(vm, &args, "appendleft", Sig::One)?;
    let out = cell.borrow_mut().push_front(rest[0].clone());
    drop(out);
    Ok(Value::None)
}

fn pop(vm: &mut Vm, args: Args) -> PyResult {
    let (_, cell, _) = this(vm, &args, "pop", Sig::NoArgs)?;
    let mut d = cell.borrow_mut();
    match d.items.pop_back() {
        Some(v) => {
            d.bump();
            Ok(v)
        }
        None => Err(vm.index_error("pop from an empty deque")),
    }
}

fn popleft(vm: &mut Vm, args: Args) -> PyResult {
    let (_, cell, _) = this(vm, &args, "popleft", Sig::NoArgs)?;
    let mut d = cell.borrow_mut();
    match d.items.pop_front() {
        Some(v) => {
            d.bump();
            Ok(v)
        }
        None => Err(vm.index_error("pop from an empty deque")),
    }
}

fn extend(vm: &mut Vm, args: Args) -> PyResult {
    let (this, cell, rest) = this(vm, &args, "extend", Sig::One)?;
    extend_from(vm, this, cell, &rest[0], false)?;
    Ok(Value::None)
}

/// `extendleft(iterable)`: each item is appended on the left, reversing their order.
fn extendleft(vm: &mut Vm, args: Args) -> PyResult {
    let (this, cell, rest) = this(vm, &args, "extendleft", Sig::One)?;
    extend_from(vm, this, cell, &rest[0], true)?;
    Ok(Value::None)
}

fn clear(vm: &mut Vm, args: Args) -> PyResult {
    let (_, cell, _) = this(vm, &args, "clear", Sig::NoArgs)?;
    let old = cell.borrow_mut().take_all();
    drop(old);
    Ok(Value::None)
}

fn copy(vm: &mut Vm, args: Args) -> PyResult {
    let (this, cell, _) = this(vm, &args, "copy", Sig::NoArgs)?;
    copy_of(vm, this, cell)
}

/// `__copy__()`, for `copy.copy(d)`.
fn dunder_copy(vm: &mut Vm, args: Args) -> PyResult {
    let (this, cell, _) = this(vm, &args, "__copy__", Sig::NoArgs)?;
    copy_of(vm, this, cell)
}

/// `insert(i, x)`: like `list.insert`, except that a full bounded deque refuses.
fn insert(vm: &mut Vm, args: Args) -> PyResult {
    let (_, cell, rest) = getargs(vm, &args, "insert", 2, 2)?;
    let i = ssize(vm, &rest[0])?;
    let mut d = cell.borrow_mut();
    let n = d.items.len();
    if d.maxlen == Some(n) {
        return Err(vm.index_error("deque already at its maximum size"));
    }
    let len = n as i64;
    let at = if i >= len {
        n
    } else if i <= -len || i == 0 {
        0
    } else if i < 0 {
        (len + i) as usize
    } else {
        i as usize
    };
    d.bump();
    d.items.insert(at, rest[1].clone());
    Ok(Value::None)
}

/// `rotate(n=1)`: a fast-call method, so its count error is worded
/// `deque.rotate expected at most 1 argument, got 2`.
fn rotate(vm: &mut Vm, args: Args) -> PyResult {
    let (_, cell) = receiver(vm, &args, "rotate", false)?;
    // Hand-written in CPython, it names itself `deque.rotate` in both messages.
    let rest = method_args(vm, Callee::new("", "deque.rotate"), Sig::Range(0, 1), &args)?;
    let n = match rest.first() {
        Some(v) => ssize(vm, v)?,
        None => 1,
    };
    cell.borrow_mut().rotate(n);
    Ok(Value::None)
}

/// `reverse()`: in place; iterators are not invalidated (CPython leaves `state` alone).
fn reverse(vm: &mut Vm, args: Args) -> PyResult {
    let (_, cell, _) = this(vm, &args, "reverse", Sig::NoArgs)?;
    cell.borrow_mut().items.make_contiguous().reverse();
    Ok(Value::None)
}

/// `deque[int]`: generic aliases are annotations only in apy (as for `list[int]`), so
/// this is the class itself.
fn class_getitem(vm: &mut Vm, args: Args) -> PyResult {
    method_args(vm, "deque.__class_getitem__", Sig::One, &args)?;
    Ok(args.values[0].clone())
}

/// `deque.maxlen.__get__(obj, type)`: the descriptor itself on the class.
pub(super) fn maxlen_get(vm: &mut Vm, args: Args) -> PyResult {
    match args.pos() {
        [desc, Value::None, ..] => Ok(desc.clone()),
        [_, obj, ..] => match deque_cell(obj) {
            Some(cell) => Ok(match cell.borrow().maxlen {
                Some(m) => Value::Int(m as i64),
                None => Value::None,
            }),
            None => Err(vm.type_error(format!(
                "descriptor 'maxlen' for '{TP_NAME}' objects doesn't apply to a '{}' object",
                vm.type_name(obj)
            ))),
        },
        _ => Err(vm.type_error("expected 1 or 2 arguments")),
    }
}

fn not_writable(vm: &Vm) -> ExcRef {
    vm.attribute_error(format!(
        "attribute 'maxlen' of '{TP_NAME}' objects is not writable"
    ))
}

pub(super) fn maxlen_set(vm: &mut Vm, _args: Args) -> PyResult {
    Err(not_writable(vm))
}

pub(super) fn maxlen_delete(vm: &mut Vm, _args: Args) -> PyResult {
    Err(not_writable(vm))
}

pub(super) fn maxlen_repr(_vm: &mut Vm, _args: Args) -> PyResult {
    Ok(Value::str(format!(
        "<attribute 'maxlen' of '{TP_NAME}' objects>"
    )))
}
