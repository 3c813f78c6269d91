//! Classes: user classes and the built-in types alike.
//!
//! Every value has a class (`type(x)`), so `isinstance`, attribute lookup and method
//! calls work the same for `3`, `"abc"` and instances of user classes. Built-in types keep
//! their methods as native functions in their class dict.

use super::dict::Dict;
use super::gc::{self, GcHeader, Tracked};
use super::value::Value;
use super::PyStr;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::rc::Rc;

/// What an instance of the class looks like in memory, inherited from the built-in base.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// A plain `Object` with an attribute dict (user classes deriving from `object`).
    Object,
    /// `BaseException` and subclasses: an `Object` with exception data.
    Exception,
    /// A built-in type whose instances are not `Object`s (int, str, list, ...). User
    /// classes cannot derive from these unless supported explicitly.
    Native,
}

/// Attribute lookups already answered, keyed by the interned name's address.
/// The class epoch of a lookup, with the `__new__` and `__init__` it found.
type Constructors = (u64, Option<Value>, Option<Value>);

type LookupCache = HashMap<usize, (Rc<PyStr>, Option<Value>), BuildHasherDefault<AddrHasher>>;

pub struct Class {
    pub gc: GcHeader,
    pub name: String,
    pub qualname: RefCell<String>,
    pub bases: RefCell<Vec<Rc<Class>>>,
    /// The method resolution order *excluding the class itself* (keeping `self` out avoids
    /// a pointless reference cycle per class).
    pub mro: RefCell<Vec<Rc<Class>>>,
    pub dict: RefCell<Dict>,
    pub layout: Layout,
    /// Built-in types reject attribute assignment.
    pub is_builtin: bool,
    /// A native type whose `__new__` honours the class it is given, so Python code may
    /// subclass it (e.g. `asyncio.Future`).
    pub subclassable: Cell<bool>,
    /// Cached answers to "does this class (or a base) define X?", reset when any class
    /// namespace changes. Bit set = known; see [`Class::has_slot`].
    slot_cache: Cell<u64>,
    slot_epoch: Cell<u64>,
    cache: RefCell<LookupCache>,
    cache_epoch: Cell<u64>,
    /// `__new__` and `__init__` as instantiation finds them, under the class epoch of
    /// the lookup (see [`Class::constructors`]).
    ctors: RefCell<Option<Constructors>>,
    /// How many `__slots__` values its instances carry (its own and inherited).
    pub nslots: Cell<u32>,
    /// Whether its instances get a `__dict__` (false for `object` and for classes whose
    /// `__slots__` chain never asks for one).
    pub instance_dict: Cell<bool>,
    /// CPython's `tp_name` where it differs from `name`: types written in C for a stdlib
    /// module name that module in messages (`unhashable type: 'collections.deque'`),
    /// while `__name__` stays `deque`. Subclasses do not inherit it.
    pub tp_name: std::cell::OnceCell<String>,
    /// `C.__name__ = "D"`: the name the class shows from then on (`__name__`); the
    /// messages apy words itself keep the defining name.
    pub renamed: RefCell<Option<String>>,
    /// The class's own type when it is not `type`: a metaclass (`class C(metaclass=M)`,
    /// or inherited from a base's).
    pub metaclass: RefCell<Option<Rc<Class>>>,
    /// The attribute names its instances share, in the order they were first set (see
    /// [`super::instance_attrs`]); only ever appended to.
    pub instance_keys: RefCell<Vec<Rc<PyStr>>>,
}

/// Hashes an address: the low bits are alignment, so mix them down.
#[derive(Default)]
pub struct AddrHasher(u64);

impl std::hash::Hasher for AddrHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ b as u64;
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = (n as u64 >> 4).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// Slot-cache bit of `__del__`.
const SLOT_DEL: u32 = 0;

/// Records that some class defines `__del__` (call it when a class namespace gets one).
pub fn note_finalizer_defined() {
    let _ = FINALIZERS_DEFINED.try_with(|f| f.set(true));
}

thread_local! {
    /// Whether any class has ever defined `__del__`: until one does, dropping an instance
    /// skips the finalizer lookup altogether.
    static FINALIZERS_DEFINED: Cell<bool> = const { Cell::new(false) };
    /// Bumped whenever any class namespace is mutated, invalidating every slot cache.
    static CLASS_EPOCH: Cell<u64> = const { Cell::new(1) };
}

/// The current class epoch: inline caches remember it and are void once it moves.
#[inline]
pub fn cache_epoch() -> u64 {
    CLASS_EPOCH.with(|e| e.get())
}

/// Must be called after mutating any class dict.
pub fn invalidate_caches() {
    CLASS_EPOCH.with(|e| e.set(e.get() + 1));
}

impl Class {
    pub fn new(
        name: &str,
        bases: Vec<Rc<Class>>,
        mro: Vec<Rc<Class>>,
        dict: Dict,
        layout: Layout,
        is_builtin: bool,
    ) -> Rc<Class> {
        if dict
            .get_str("__del__", super::hash::hash_str("__del__"))
            .is_some()
        {
            note_finalizer_defined();
        }
        let c = Rc::new(Class {
            gc: GcHeader::new(),
            name: name.to_string(),
            qualname: RefCell::new(name.to_string()),
            bases: RefCell::new(bases),
            mro: RefCell::new(mro),
            dict: RefCell::new(dict),
            layout,
            is_builtin,
            subclassable: Cell::new(false),
            slot_cache: Cell::new(0),
            slot_epoch: Cell::new(0),
            cache: RefCell::new(HashMap::default()),
            cache_epoch: Cell::new(0),
            ctors: RefCell::new(None),
            nslots: Cell::new(0),
            instance_dict: Cell::new(true),
            tp_name: std::cell::OnceCell::new(),
            renamed: RefCell::new(None),
            metaclass: RefCell::new(None),
            instance_keys: RefCell::new(Vec::new()),
        });
        gc::track(Tracked::Class(Rc::downgrade(&c)));
        c
    }

    /// The method `name` resolves to when it is defined in Python (a function, not a
    /// native of a built-in type): what decides whether a class overrides a built-in
    /// behaviour.
    pub fn python_method(&self, name: &str) -> Option<Value> {
        self.lookup(name, super::hash::hash_str(name))
            .filter(|m| matches!(m, Value::Function(_)))
    }

    /// `__name__`: the defining name, or the one assigned since.
    pub fn display_name(&self) -> String {
        match &*self.renamed.borrow() {
            Some(n) => n.clone(),
            None => self.name.clone(),
        }
    }

    /// Looks a name up along the MRO (the class itself first).
    pub fn lookup(&self, name: &str, hash: i64) -> Option<Value> {
        if let Some(v) = self.dict.borrow().get_str(name, hash) {
            return Some(v.clone());
        }
        for base in self.mro.borrow().iter() {
            if let Some(v) = base.dict.borrow().get_str(name, hash) {
                return Some(v.clone());
            }
        }
        None
    }

    /// Looks `name` up along the MRO through a per-class cache keyed by the name's
    /// address (names from code objects are interned, so the same attribute name is the
    /// same `Rc`). The cache keeps the key alive, so an address is never reused for a
    /// different name while cached; any change to any class namespace clears it.
    pub fn lookup_str(&self, name: &Rc<PyStr>) -> Option<Value> {
        let epoch = CLASS_EPOCH.with(|e| e.get());
        if self.cache_epoch.get() != epoch {
            self.cache_epoch.set(epoch);
            self.cache.borrow_mut().clear();
        }
        let key = Rc::as_ptr(name) as usize;
        if let Some((_, v)) = self.cache.borrow().get(&key) {
            return v.clone();
        }
        let v = self.lookup(name.as_str(), name.hash());
        let mut cache = self.cache.borrow_mut();
        if cache.len() < 4096 {
            cache.insert(key, (name.clone(), v.clone()));
        }
        v
    }

    /// `__new__` and `__init__` along the MRO: every instantiation asks for both, so
    /// they are kept together until some class namespace changes.
    pub fn constructors(
        &self,
        new: &Rc<PyStr>,
        init: &Rc<PyStr>,
    ) -> (Option<Value>, Option<Value>) {
        let epoch = CLASS_EPOCH.with(|e| e.get());
        if let Some((at, n, i)) = &*self.ctors.borrow() {
            if *at == epoch {
                return (n.clone(), i.clone());
            }
        }
        let found = (self.lookup_str(new), self.lookup_str(init));
        *self.ctors.borrow_mut() = Some((epoch, found.0.clone(), found.1.clone()));
        found
    }

    /// `issubclass(self, other)`.
    pub fn is_subclass(&self, other: &Class) -> bool {
        std::ptr::eq(self, other) || self.mro.borrow().iter().any(|c| std::ptr::eq(&**c, other))
    }

    /// The full MRO including the class itself.
    pub fn mro_with_self(self: &Rc<Class>) -> Vec<Rc<Class>> {
        let mut v = vec![self.clone()];
        v.extend(self.mro.borrow().iter().cloned());
        v
    }

    /// Whether instances have a `__del__`: asked on every instance's drop, so it is
    /// answered from the slot cache.
    #[inline]
    pub fn has_finalizer(&self) -> bool {
        FINALIZERS_DEFINED.with(|f| f.get())
            && !self.is_builtin
            && self.has_slot(SLOT_DEL, "__del__")
    }

    /// Whether the class or a base defines `name`, cached per slot bit (the `SLOT_`
    /// constants name the bits); the cache is dropped whenever any class changes.
    pub fn has_slot(&self, bit: u32, name: &str) -> bool {
        // `try_with`: instances can be dropped while thread-locals are torn down.
        let Ok(epoch) = CLASS_EPOCH.try_with(|e| e.get()) else {
            return false;
        };
        if self.slot_epoch.get() != epoch {
            self.slot_epoch.set(epoch);
            self.slot_cache.set(0);
        }
        let known = 1u64 << (2 * bit);
        let present = 1u64 << (2 * bit + 1);
        let cache = self.slot_cache.get();
        if cache & known != 0 {
            return cache & present != 0;
        }
        let has = self.lookup(name, super::hash::hash_str(name)).is_some();
        self.slot_cache
            .set(cache | known | if has { present } else { 0 });
        has
    }

    pub fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        if let Ok(d) = self.dict.try_borrow() {
            for (k, v) in d.iter() {
                f(k);
                f(v);
            }
        }
        if let Ok(bases) = self.bases.try_borrow() {
            for b in bases.iter() {
                f(&Value::Class(b.clone()));
            }
        }
        if let Ok(Some(meta)) = self.metaclass.try_borrow().as_deref() {
            f(&Value::Class(meta.clone()));
        }
        if let Ok(mro) = self.mro.try_borrow() {
            for b in mro.iter() {
                f(&Value::Class(b.clone()));
            }
        }
        if let Ok(Some((_, n, i))) = self.ctors.try_borrow().as_deref() {
            n.iter().chain(i.iter()).for_each(&mut *f);
        }
        if let Ok(cache) = self.cache.try_borrow() {
            for (_, v) in cache.values() {
                if let Some(v) = v {
                    f(v);
                }
            }
        }
    }

    pub fn clear_into(&self, trash: &mut Vec<Value>) {
        if let Ok(mut d) = self.dict.try_borrow_mut() {
            for (k, v) in d.take_all() {
                trash.push(k);
                trash.push(v);
            }
        }
        if let Ok(mut bases) = self.bases.try_borrow_mut() {
            trash.extend(bases.drain(..).map(Value::Class));
        }
        if let Ok(mut mro) = self.mro.try_borrow_mut() {
            trash.extend(mro.drain(..).map(Value::Class));
        }
        if let Ok(mut meta) = self.metaclass.try_borrow_mut() {
            trash.extend(meta.take().map(Value::Class));
        }
        if let Ok(mut cache) = self.cache.try_borrow_mut() {
            trash.extend(cache.drain().filter_map(|(_, (_, v))| v));
        }
        if let Ok(Some((_, n, i))) = self.ctors.try_borrow_mut().map(|mut c| c.take()) {
            trash.extend(n.into_iter().chain(i));
        }
    }
}

/// C3 linearization. Returns the MRO excluding the class itself, or None when the bases
/// admit no consistent order (CPython: "Cannot create a consistent method resolution
/// order (MRO) for bases A, B").
pub fn c3_linearize(bases: &[Rc<Class>]) -> Option<Vec<Rc<Class>>> {
    let mut seqs: Vec<Vec<Rc<Class>>> = bases.iter().map(|b| b.mro_with_self()).collect();
    seqs.push(bases.to_vec());
    let mut out: Vec<Rc<Class>> = Vec::new();
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Some(out);
        }
        let candidate = seqs.iter().find_map(|s| {
            let head = &s[0];
            let in_tail = seqs
                .iter()
                .any(|t| t[1..].iter().any(|c| Rc::ptr_eq(c, head)));
            (!in_tail).then(|| head.clone())
        })?;
        for s in seqs.iter_mut() {
            if Rc::ptr_eq(&s[0], &candidate) {
                s.remove(0);
            }
        }
        out.push(candidate);
    }
}
