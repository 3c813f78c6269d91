//! The cycle collector: CPython's trial-deletion algorithm over `Rc` objects.
//!
//! Every container that can be part of a cycle registers a `Weak` handle here when it is
//! created. A collection:
//!
//! 1. upgrades every live handle and sets the object's `gc_refs` to its strong count
//!    (minus the collector's own reference);
//! 2. subtracts one for every reference *from another tracked object*: what is left is the
//!    number of references from outside the tracked heap (VM stack, Rust locals, queues);
//! 3. marks everything with outside references reachable, and everything reachable from
//!    those;
//! 4. clears the rest — unreachable cycles — by taking out their contents, which lets
//!    reference counting free them.
//!
//! No root enumeration is needed, so a native function holding values in Rust locals can
//! never see them collected. See the module doc of [`crate::object`] for why this design.

use super::value::{Cell as PyCell, List, Module, Tuple};
use super::{BoundMethod, Value};
use super::{Class, DictObj, Function, Generator, Object, SetObj};
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

/// Per-object collector state (8 bytes in every tracked container).
#[derive(Default)]
pub struct GcHeader {
    refs: Cell<i32>,
    mark: Cell<u8>,
    flags: Cell<u8>,
}

/// `__del__` has run (or been queued) for this object: PEP 442 calls a finalizer at most
/// once, even when the object is resurrected and dies again.
const FLAG_FINALIZED: u8 = 1;
/// Some weak reference with a callback points here (see [`super::weakref`]).
const FLAG_WEAK_CALLBACKS: u8 = 2;

const MARK_NONE: u8 = 0;
const MARK_CANDIDATE: u8 = 1;
const MARK_REACHABLE: u8 = 2;

impl GcHeader {
    pub fn new() -> GcHeader {
        GcHeader::default()
    }

    pub fn finalized(&self) -> bool {
        self.flags.get() & FLAG_FINALIZED != 0
    }

    pub fn set_finalized(&self) {
        self.flags.set(self.flags.get() | FLAG_FINALIZED);
    }

    pub(super) fn set_weak_callbacks(&self) {
        self.flags.set(self.flags.get() | FLAG_WEAK_CALLBACKS);
    }

    /// The header's address: a stable identity for the object while it lives, which the
    /// weak-callback registry keys on (the header is inside the object's allocation).
    pub(super) fn address(&self) -> usize {
        self as *const GcHeader as usize
    }
}

impl Drop for GcHeader {
    /// The object is being freed: queue the callbacks of weak references to it.
    #[inline]
    fn drop(&mut self) {
        if self.flags.get() & FLAG_WEAK_CALLBACKS != 0 {
            super::weakref::referent_died(self.address());
        }
    }
}

/// A registered container.
pub enum Tracked {
    Tuple(Weak<Tuple>),
    List(Weak<List>),
    Dict(Weak<DictObj>),
    Set(Weak<SetObj>),
    Function(Weak<Function>),
    BoundMethod(Weak<BoundMethod>),
    Class(Weak<Class>),
    Generator(Weak<Generator>),
    Module(Weak<Module>),
    Cell(Weak<PyCell>),
    Object(Weak<Object>),
}

impl Tracked {
    #[inline(always)]
    pub fn upgrade(&self) -> Option<Value> {
        Some(match self {
            Tracked::Tuple(w) => Value::Tuple(w.upgrade()?),
            Tracked::List(w) => Value::List(w.upgrade()?),
            Tracked::Dict(w) => Value::Dict(w.upgrade()?),
            Tracked::Set(w) => Value::Set(w.upgrade()?),
            Tracked::Function(w) => Value::Function(w.upgrade()?),
            Tracked::BoundMethod(w) => Value::BoundMethod(w.upgrade()?),
            Tracked::Class(w) => Value::Class(w.upgrade()?),
            Tracked::Generator(w) => Value::Generator(w.upgrade()?),
            Tracked::Module(w) => Value::Module(w.upgrade()?),
            Tracked::Cell(w) => Value::Cell(w.upgrade()?),
            Tracked::Object(w) => Value::Object(w.upgrade()?),
        })
    }

    pub fn downgrade(v: &Value) -> Option<Tracked> {
        Some(match v {
            Value::Tuple(r) => Tracked::Tuple(Rc::downgrade(r)),
            Value::List(r) => Tracked::List(Rc::downgrade(r)),
            Value::Dict(r) => Tracked::Dict(Rc::downgrade(r)),
            Value::Set(r) => Tracked::Set(Rc::downgrade(r)),
            Value::Function(r) => Tracked::Function(Rc::downgrade(r)),
            Value::BoundMethod(r) => Tracked::BoundMethod(Rc::downgrade(r)),
            Value::Class(r) => Tracked::Class(Rc::downgrade(r)),
            Value::Generator(r) => Tracked::Generator(Rc::downgrade(r)),
            Value::Module(r) => Tracked::Module(Rc::downgrade(r)),
            Value::Cell(r) => Tracked::Cell(Rc::downgrade(r)),
            Value::Object(r) => Tracked::Object(Rc::downgrade(r)),
            _ => return None,
        })
    }

    fn is_alive(&self) -> bool {
        match self {
            Tracked::Tuple(w) => w.strong_count() > 0,
            Tracked::List(w) => w.strong_count() > 0,
            Tracked::Dict(w) => w.strong_count() > 0,
            Tracked::Set(w) => w.strong_count() > 0,
            Tracked::Function(w) => w.strong_count() > 0,
            Tracked::BoundMethod(w) => w.strong_count() > 0,
            Tracked::Class(w) => w.strong_count() > 0,
            Tracked::Generator(w) => w.strong_count() > 0,
            Tracked::Module(w) => w.strong_count() > 0,
            Tracked::Cell(w) => w.strong_count() > 0,
            Tracked::Object(w) => w.strong_count() > 0,
        }
    }
}

fn strong_count(v: &Value) -> usize {
    match v {
        Value::Tuple(r) => Rc::strong_count(r),
        Value::List(r) => Rc::strong_count(r),
        Value::Dict(r) => Rc::strong_count(r),
        Value::Set(r) => Rc::strong_count(r),
        Value::Function(r) => Rc::strong_count(r),
        Value::BoundMethod(r) => Rc::strong_count(r),
        Value::Class(r) => Rc::strong_count(r),
        Value::Generator(r) => Rc::strong_count(r),
        Value::Module(r) => Rc::strong_count(r),
        Value::Cell(r) => Rc::strong_count(r),
        Value::Object(r) => Rc::strong_count(r),
        _ => 0,
    }
}

/// Calls `f` on every value directly referenced by a tracked container.
pub fn traverse(v: &Value, f: &mut dyn FnMut(&Value)) {
    match v {
        Value::Tuple(t) => t.items.iter().for_each(f),
        Value::List(l) => {
            if let Ok(items) = l.items.try_borrow() {
                items.iter().for_each(f)
            }
        }
        Value::Dict(d) => d.traverse(f),
        Value::Set(s) => s.traverse(f),
        Value::Function(func) => func.traverse(f),
        Value::BoundMethod(m) => {
            f(&m.self_value);
            f(&m.function);
        }
        Value::Class(c) => c.traverse(f),
        Value::Generator(g) => g.traverse(f),
        Value::Module(m) => f(&Value::Dict(m.dict.clone())),
        Value::Cell(c) => {
            if let Ok(v) = c.value.try_borrow() {
                f(&v)
            }
        }
        Value::Object(o) => o.traverse(f),
        _ => {}
    }
}

/// Breaks a garbage object's references; the values taken out are returned so they are
/// dropped only after every garbage object has been cleared.
fn clear(v: &Value, trash: &mut Vec<Value>) {
    match v {
        Value::List(l) => {
            if let Ok(mut items) = l.items.try_borrow_mut() {
                trash.append(&mut items);
            }
        }
        Value::Dict(d) => d.clear_into(trash),
        Value::Set(s) => s.clear_into(trash),
        Value::Function(func) => func.clear_into(trash),
        Value::Class(c) => c.clear_into(trash),
        Value::Generator(g) => g.clear_into(trash),
        Value::Cell(c) => {
            if let Ok(mut val) = c.value.try_borrow_mut() {
                trash.push(std::mem::take(&mut *val));
            }
        }
        Value::Object(o) => o.clear_into(trash),
        // Tuples, bound methods and modules are immutable or hold only a dict: clearing
        // the mutable containers in the same cycle is enough.
        _ => {}
    }
}

/// The tracked containers, in three generations: objects created since the last
/// collection are young; survivors of a young collection are middle-aged; survivors of a
/// middle collection are old. A collection examines only its generation and the younger
/// ones (references from older objects count as outside references, so they keep younger
/// objects alive), which makes its cost proportional to recent allocation, not to the
/// number of live objects. The middle generation is what keeps a program with 100,000
/// pending tasks from rescanning them all: the objects of a short wait (a sleep's future
/// and timer handle) outlive a young collection but die in the middle generation, so they
/// never inflate the old one, and a full collection runs only when the old generation has
/// doubled — CPython's generations and "long-lived pending" rule, in the same spirit.
struct Registry {
    young: Vec<Tracked>,
    middle: Vec<Tracked>,
    old: Vec<Tracked>,
    /// Young collections since the last middle (or full) one.
    young_collections: usize,
    /// Size of the old generation after the last full collection.
    old_after_full: usize,
    /// Unreachable objects kept until their finalizers have run.
    awaiting_finalizers: Vec<Tracked>,
    enabled: bool,
    collections: usize,
}

/// Which generations a collection examines.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Generation {
    Young,
    Middle,
    Full,
}

/// Young objects that trigger a young collection.
const YOUNG_THRESHOLD: usize = 20_000;
/// Young collections between middle collections.
const MIDDLE_EVERY: usize = 10;
/// The old generation must exceed this before size-doubling triggers a full collection.
const MIN_FULL: usize = 50_000;

thread_local! {
    static REGISTRY: RefCell<Registry> = const { RefCell::new(Registry {
        young: Vec::new(),
        middle: Vec::new(),
        old: Vec::new(),
        young_collections: 0,
        old_after_full: 0,
        awaiting_finalizers: Vec::new(),
        enabled: true,
        collections: 0,
    }) };
    static PENDING: Cell<bool> = const { Cell::new(false) };
}

/// Whether `v` is (or may hold) a container the collector tracks: the values a frame
/// must hold for it to be part of a reference cycle.
#[inline]
pub fn may_reference_containers(v: &Value) -> bool {
    matches!(
        v,
        Value::Tuple(_)
            | Value::List(_)
            | Value::Dict(_)
            | Value::Set(_)
            | Value::Function(_)
            | Value::BoundMethod(_)
            | Value::Class(_)
            | Value::Generator(_)
            | Value::Module(_)
            | Value::Cell(_)
            | Value::Object(_)
    )
}

/// Registers a new container with the collector.
pub fn track(t: Tracked) {
    let _ = REGISTRY.try_with(|r| {
        let mut r = r.borrow_mut();
        if crate::memory::push(&mut r.young, t).is_err() {
            // Left untracked: freed by its count alone, a cycle through it leaks.
            crate::memory::shortage();
        }
        if r.young.len() >= YOUNG_THRESHOLD && r.enabled {
            PENDING.with(|p| p.set(true));
        }
    });
}

/// Registers an existing value (used when an object becomes a container after creation).
pub fn track_value(v: &Value) {
    if let Some(t) = Tracked::downgrade(v) {
        track(t);
    }
}

/// True when the VM has work at its next safe point: a collection is due, or finalizers
/// or weak-reference callbacks are queued (see [`super::finalize`]). One flag for both
/// keeps the run loop's check a single load.
#[inline]
pub fn safe_point_pending() -> bool {
    PENDING.with(|p| p.get())
}

/// Asks the VM to stop at its next safe point.
pub fn request_safe_point() {
    let _ = PENDING.try_with(|p| p.set(true));
}

pub fn set_enabled(on: bool) {
    REGISTRY.with(|r| r.borrow_mut().enabled = on);
}

pub fn is_enabled() -> bool {
    REGISTRY.with(|r| r.borrow().enabled)
}

/// Number of live tracked containers (dead handles are pruned first). Tests use this to
/// assert that cyclic garbage does not accumulate.
pub fn live_objects() -> usize {
    REGISTRY.with(|r| {
        let mut r = r.borrow_mut();
        r.young.retain(|t| t.is_alive());
        r.middle.retain(|t| t.is_alive());
        r.old.retain(|t| t.is_alive());
        r.awaiting_finalizers.retain(|t| t.is_alive());
        r.young.len() + r.middle.len() + r.old.len() + r.awaiting_finalizers.len()
    })
}

/// The young generation's size and the young collections since the last older one
/// (what `gc.get_count()` reports).
pub fn young_count() -> (usize, usize) {
    REGISTRY.with(|r| {
        let r = r.borrow();
        (r.young.len(), r.young_collections)
    })
}

pub fn collections() -> usize {
    REGISTRY.with(|r| r.borrow().collections)
}

/// The collection the VM runs at a safe point, if one is due: young; every
/// `MIDDLE_EVERY`th time middle, or full when the old generation has doubled. Clears the
/// safe-point flag (the caller then runs whatever finalizers are queued).
pub fn collect_if_due() -> usize {
    PENDING.with(|p| p.set(false));
    let generation = REGISTRY.with(|r| {
        let r = r.borrow();
        if r.young.len() < YOUNG_THRESHOLD || !r.enabled {
            None
        } else if r.young_collections + 1 < MIDDLE_EVERY {
            Some(Generation::Young)
        } else if r.old.len() > MIN_FULL.max(2 * r.old_after_full) {
            Some(Generation::Full)
        } else {
            Some(Generation::Middle)
        }
    });
    generation.map_or(0, collect_generation)
}

/// A full collection (every generation); returns the number of unreachable objects.
pub fn collect() -> usize {
    collect_generation(Generation::Full)
}

/// Collects the unreachable objects whose finalizers a collection queued instead of
/// clearing them (call it once those finalizers have run). Trial deletion over just that
/// set counts any reference from elsewhere as outside, so an object a finalizer
/// resurrected — and everything it reaches — survives, as PEP 442 requires.
pub fn collect_finalized() -> usize {
    let handles = REGISTRY.with(|r| std::mem::take(&mut r.borrow_mut().awaiting_finalizers));
    if handles.is_empty() {
        return 0;
    }
    let (found, mut survivors) = collect_handles(handles);
    REGISTRY.with(|r| promote(&mut r.borrow_mut().old, &mut survivors));
    found
}

/// Whether a collection left garbage waiting for its finalizers to run.
pub fn finalized_garbage_waiting() -> bool {
    REGISTRY.with(|r| !r.borrow().awaiting_finalizers.is_empty())
}

/// `generation`, or a younger one when memory is too short for the scratch collecting
/// it needs (the work list and the garbage: up to two values per object examined): a
/// collection must not be what ends the process. A young collection's scratch is small.
fn affordable(mut generation: Generation) -> Generation {
    while generation > Generation::Young {
        let examined = REGISTRY.with(|r| {
            let r = r.borrow();
            let old = if generation == Generation::Full {
                r.old.len()
            } else {
                0
            };
            r.young.len() + r.middle.len() + old
        });
        let scratch = examined.saturating_mul(2 * std::mem::size_of::<Value>());
        if crate::memory::ensure_room(scratch).is_ok() {
            break;
        }
        generation = match generation {
            Generation::Full => Generation::Middle,
            _ => Generation::Young,
        };
    }
    generation
}

fn collect_generation(generation: Generation) -> usize {
    let generation = affordable(generation);
    let handles = REGISTRY.with(|r| {
        let mut r = r.borrow_mut();
        let mut h = std::mem::take(&mut r.young);
        if generation >= Generation::Middle {
            promote(&mut h, &mut r.middle);
        }
        if generation == Generation::Full {
            promote(&mut h, &mut r.old);
        }
        h
    });
    let (found, mut survivors) = collect_handles(handles);
    REGISTRY.with(|r| {
        let mut r = r.borrow_mut();
        // Survivors move up a generation; objects created while collecting stay young.
        match generation {
            Generation::Young => {
                promote(&mut r.middle, &mut survivors);
                r.young_collections += 1;
            }
            Generation::Middle => {
                promote(&mut r.old, &mut survivors);
                r.young_collections = 0;
            }
            Generation::Full => {
                r.old = survivors;
                r.old_after_full = r.old.len();
                r.young_collections = 0;
            }
        }
        r.collections += 1;
    });
    found
}

/// Moves the handles of `from` to the end of `to`. Growing `to` is the one large
/// allocation the collector makes on its own account; when memory is too short for it,
/// the handles stay where they were (the larger vector is kept), so no object is lost
/// to the collector, and the program hears of the shortage (see `crate::memory`).
fn promote(to: &mut Vec<Tracked>, from: &mut Vec<Tracked>) {
    if crate::memory::reserve(to, from.len()).is_err() {
        crate::memory::shortage();
        if to.len() < from.len() {
            std::mem::swap(to, from);
        }
        if crate::memory::reserve(to, from.len()).is_err() {
            // Nowhere to keep them: they go untracked (freed by their counts alone).
            from.clear();
            return;
        }
    }
    to.append(from);
}

/// Trial deletion over `handles`; clears the unreachable ones and returns how many there
/// were, with handles to the survivors. When unreachable objects have finalizers that have
/// not run, nothing is cleared: the finalizers are queued and the whole unreachable set
/// waits in `awaiting_finalizers` for [`collect_finalized`].
fn collect_handles(handles: Vec<Tracked>) -> (usize, Vec<Tracked>) {
    // Upgrade the live ones; dead handles are dropped here. A handle and a value are the
    // same size, so this reuses the registry's buffer: a collection with a hundred
    // thousand pending tasks must not double their footprint.
    let live: Vec<Value> = handles.into_iter().filter_map(|t| t.upgrade()).collect();

    for v in &live {
        if let Some(h) = v.gc_header() {
            h.refs.set(strong_count(v).saturating_sub(1) as i32);
            h.mark.set(MARK_CANDIDATE);
        }
    }
    for v in &live {
        traverse(v, &mut |child| {
            if let Some(h) = child.gc_header() {
                if h.mark.get() == MARK_CANDIDATE {
                    h.refs.set(h.refs.get() - 1);
                }
            }
        });
    }
    let mut work: Vec<Value> = Vec::new();
    for v in &live {
        if let Some(h) = v.gc_header() {
            if h.refs.get() > 0 && h.mark.get() == MARK_CANDIDATE {
                h.mark.set(MARK_REACHABLE);
                work.push(v.clone());
            }
        }
    }
    while let Some(v) = work.pop() {
        traverse(&v, &mut |child| {
            if let Some(h) = child.gc_header() {
                if h.mark.get() == MARK_CANDIDATE {
                    h.mark.set(MARK_REACHABLE);
                    work.push(child.clone());
                }
            }
        });
    }
    let mut garbage = Vec::new();
    let survivors: Vec<Tracked> = live
        .into_iter()
        .filter_map(|v| {
            let unreachable = v
                .gc_header()
                .is_some_and(|h| h.mark.get() == MARK_CANDIDATE);
            if let Some(h) = v.gc_header() {
                h.mark.set(MARK_NONE);
            }
            if unreachable {
                garbage.push(v);
                None
            } else {
                Tracked::downgrade(&v)
            }
        })
        .collect();
    if queue_finalizers(&garbage) {
        let mut waiting: Vec<Tracked> = garbage.iter().filter_map(Tracked::downgrade).collect();
        REGISTRY.with(|r| r.borrow_mut().awaiting_finalizers.append(&mut waiting));
        return (0, survivors);
    }
    let found = garbage.len();
    let mut trash = Vec::new();
    for v in &garbage {
        clear(v, &mut trash);
    }
    drop(trash);
    drop(garbage);
    (found, survivors)
}

/// Queues the finalizers of the unreachable objects that have one that has not run;
/// returns whether there were any.
fn queue_finalizers(garbage: &[Value]) -> bool {
    let mut any = false;
    for v in garbage {
        if let Value::Object(o) = v {
            if !o.gc.finalized() && o.class.has_finalizer() {
                o.gc.set_finalized();
                super::finalize::push(super::finalize::Pending::Finalize(v.clone()));
                any = true;
            }
        }
    }
    any
}

// ---------------------------------------------------------------------------------------
// The trashcan: dropping a million-node linked structure must not recurse a million deep
// on the Rust stack. Container `Drop` impls hand their contents to `drop_values`, which
// drops inline up to a small depth and defers the rest to a flat queue drained by the
// outermost drop (CPython's `Py_TRASHCAN` does the same).

const MAX_DROP_DEPTH: u32 = 64;

thread_local! {
    static DROP_DEPTH: Cell<u32> = const { Cell::new(0) };
    static DEFERRED: RefCell<Vec<Value>> = const { RefCell::new(Vec::new()) };
}

/// Drops the items of a list or tuple, last first (as CPython's deallocators, which
/// `__del__` can observe). Items that hold no other values (numbers, strings, bytes)
/// cannot start a deep chain of drops nor run a finalizer: a sequence of only those
/// skips the depth guard, and its numbers cost no drop at all.
pub fn drop_sequence(items: Vec<Value>) {
    if items.iter().any(|v| v.gc_header().is_some()) {
        drop_values(items.into_iter().rev());
    } else {
        items.into_iter().for_each(Value::discard);
    }
}

/// Drops `values` without unbounded recursion.
pub fn drop_values<I: IntoIterator<Item = Value>>(values: I) {
    let depth = DROP_DEPTH.with(|d| d.get());
    if depth >= MAX_DROP_DEPTH {
        let _ = DEFERRED.try_with(|q| {
            if let Ok(mut q) = q.try_borrow_mut() {
                q.extend(values.into_iter().filter(|v| v.gc_header().is_some()));
            }
        });
        return;
    }
    DROP_DEPTH.with(|d| d.set(depth + 1));
    for v in values {
        drop(v);
    }
    if depth == 0 {
        // Outermost drop: drain what deeper drops deferred, one value at a time.
        loop {
            let next = DEFERRED
                .try_with(|q| q.try_borrow_mut().ok().and_then(|mut q| q.pop()))
                .ok()
                .flatten();
            match next {
                Some(v) => drop(v),
                None => break,
            }
        }
    }
    DROP_DEPTH.with(|d| d.set(depth));
}
