//! The code object: a compiled function, class or module body, with its constants, names
//! and the inline caches the run loop keeps per name.
//!
//! A code object is a value (a constant of its enclosing code, `f.__code__`), so it lives
//! with the other objects, as in CPython's `Objects/codeobject.c`; the instructions it
//! holds are defined one layer down in `bytecode`.

use super::{PyStr, Value};
use crate::bytecode::{flags, ExceptionEntry, Instr};
use crate::source::SourceFile;
use std::rc::Rc;

/// Where `LOAD_GLOBAL` last found a name, so the next execution skips the hash lookups.
/// A hit is revalidated by checking that the remembered entry still holds this very key
/// (a dict holds each key once, so the binding is then current); a builtin hit also
/// needs the globals dict unchanged in its keys, shown by its version.
#[derive(Clone, Copy, Default)]
pub enum GlobalSlot {
    #[default]
    Unknown,
    /// In the globals dict, at this entry position.
    Global(u32),
    /// Absent from the globals dict at `globals_version`; in builtins at this position.
    Builtin { globals_version: u64, pos: u32 },
}

/// Where an attribute of an instance was last found, for `LOAD_ATTR`/`STORE_ATTR` on the
/// same name: valid while the receiver's class is the remembered one and no class has
/// changed since (`class::cache_epoch`), which rules out descriptors and attribute hooks
/// appearing. `pos` means what `place` says.
#[derive(Clone, Copy, Default)]
pub struct AttrSlot {
    pub class: usize,
    pub epoch: u64,
    pub pos: u32,
    pub place: AttrPlace,
}

/// What an [`AttrSlot`]'s position indexes.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub enum AttrPlace {
    /// A hint into the instance's own dict, revalidated by key identity (and a module's
    /// namespace, for `module.name`).
    #[default]
    Dict,
    /// A `__slots__` value.
    Slots,
    /// An inline value: the key's index in the class's shared keys
    /// (`object::instance_attrs`).
    Inline,
}

/// A method found on a class for `LOAD_METHOD`, valid under the same conditions as
/// [`AttrSlot`]; the instance dict is still checked for a shadowing attribute.
#[derive(Default)]
pub struct MethodSlot {
    pub class: usize,
    pub epoch: u64,
    pub method: Value,
    /// How many of the class's shared instance keys are known not to be the name: an
    /// instance keeping its attributes inline with no more values than this cannot
    /// shadow the method.
    pub nkeys: u32,
}

/// How many receiver classes one name's attribute cache remembers. A method of a base
/// class runs on instances of each subclass (`self.state` in a `Task` method called on
/// four kinds of task); with one entry every change of class would miss and refill.
pub const CACHE_WAYS: usize = 4;

/// The [`AttrSlot`]s of one name, most recently filled first.
#[derive(Default)]
pub struct AttrWays([std::cell::Cell<AttrSlot>; CACHE_WAYS]);

impl AttrWays {
    /// The entry remembered for `class` under `epoch`, with its index.
    #[inline(always)]
    pub fn find(&self, class: usize, epoch: u64) -> Option<(usize, AttrSlot)> {
        // A plain loop: the iterator chain it replaces stayed an out-of-line call.
        for k in 0..CACHE_WAYS {
            let slot = self.0[k].get();
            if slot.class == class && slot.epoch == epoch {
                return Some((k, slot));
            }
        }
        None
    }

    /// The most recently filled entry, which a monomorphic site always hits.
    #[inline(always)]
    pub fn first(&self) -> AttrSlot {
        self.0[0].get()
    }

    /// Updates entry `k` in place (a new position for the same class).
    pub fn set(&self, k: usize, slot: AttrSlot) {
        self.0[k].set(slot);
    }

    /// Remembers `slot`: over the entry of the same class if there is one, else in front,
    /// the least recently filled entry falling off.
    pub fn remember(&self, slot: AttrSlot) {
        let k = self
            .0
            .iter()
            .position(|c| c.get().class == slot.class)
            .unwrap_or(CACHE_WAYS - 1);
        for j in (1..=k).rev() {
            self.0[j].set(self.0[j - 1].get());
        }
        self.0[0].set(slot);
    }
}

/// The [`MethodSlot`]s of one name, most recently filled first.
#[derive(Default)]
pub struct MethodWays([std::cell::RefCell<MethodSlot>; CACHE_WAYS]);

impl MethodWays {
    /// The method remembered for `class` under `epoch`, with its `nkeys`.
    #[inline(always)]
    pub fn find(&self, class: usize, epoch: u64) -> Option<(Value, u32)> {
        for way in &self.0 {
            if let Ok(slot) = way.try_borrow() {
                if slot.class == class && slot.epoch == epoch {
                    return Some((slot.method.clone(), slot.nkeys));
                }
            }
        }
        None
    }

    /// Remembers `slot` as [`AttrWays::remember`] does.
    pub fn remember(&self, slot: MethodSlot) {
        let k = self
            .0
            .iter()
            .position(|c| c.try_borrow().is_ok_and(|c| c.class == slot.class))
            .unwrap_or(CACHE_WAYS - 1);
        for j in (1..=k).rev() {
            let (Ok(mut to), Ok(mut from)) =
                (self.0[j].try_borrow_mut(), self.0[j - 1].try_borrow_mut())
            else {
                return;
            };
            std::mem::swap(&mut *to, &mut *from);
        }
        if let Ok(mut first) = self.0[0].try_borrow_mut() {
            *first = slot;
        }
    }
}

/// Per-name inline caches of a code object (indexed like `names`).
pub struct NameCaches {
    pub global: Box<[std::cell::Cell<GlobalSlot>]>,
    pub load_attr: Box<[AttrWays]>,
    pub store_attr: Box<[AttrWays]>,
    pub method: Box<[MethodWays]>,
}

impl NameCaches {
    pub fn new(n: usize) -> NameCaches {
        NameCaches {
            global: (0..n).map(|_| Default::default()).collect(),
            load_attr: (0..n).map(|_| Default::default()).collect(),
            store_attr: (0..n).map(|_| Default::default()).collect(),
            method: (0..n).map(|_| Default::default()).collect(),
        }
    }
}

/// A compiled function body (or module/class body).
pub struct Code {
    pub name: Rc<PyStr>,
    pub qualname: Rc<PyStr>,
    pub source: Rc<SourceFile>,
    pub instrs: Box<[Instr]>,
    /// Source line of each instruction.
    pub lines: Box<[u32]>,
    pub first_line: u32,
    pub consts: Box<[Value]>,
    pub names: Box<[Rc<PyStr>]>,
    pub varnames: Box<[Rc<PyStr>]>,
    pub cellvars: Box<[Rc<PyStr>]>,
    pub freevars: Box<[Rc<PyStr>]>,
    /// For each cell: the argument slot it is initialised from, if it is a parameter.
    pub cell_from_arg: Box<[Option<u32>]>,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub flags: u32,
    pub stacksize: u32,
    pub exception_table: Box<[ExceptionEntry]>,
    /// `argcount` when a call with exactly that many positional arguments needs no
    /// binding logic at all (no defaults used, `*args`, `**kwargs`, keyword-only
    /// parameters or cells); `u32::MAX` otherwise.
    pub fast_argc: u32,
    /// Inline caches for global and attribute access, one slot per entry of `names`.
    pub caches: NameCaches,
}

impl Code {
    pub fn is_generator(&self) -> bool {
        self.flags & flags::GENERATOR != 0
    }

    pub fn is_coroutine(&self) -> bool {
        self.flags & flags::COROUTINE != 0
    }

    pub fn is_async_generator(&self) -> bool {
        self.flags & flags::ASYNC_GENERATOR != 0
    }

    /// Any kind of resumable body.
    pub fn is_resumable(&self) -> bool {
        self.flags & (flags::GENERATOR | flags::COROUTINE | flags::ASYNC_GENERATOR) != 0
    }

    pub fn has_varargs(&self) -> bool {
        self.flags & flags::VARARGS != 0
    }

    pub fn has_varkeywords(&self) -> bool {
        self.flags & flags::VARKEYWORDS != 0
    }

    /// Total parameters, including `*args` and `**kwargs`.
    pub fn total_args(&self) -> usize {
        (self.argcount + self.kwonlyargcount) as usize
            + self.has_varargs() as usize
            + self.has_varkeywords() as usize
    }

    pub fn filename(&self) -> &str {
        &self.source.name
    }

    pub fn line_at(&self, ip: usize) -> u32 {
        self.lines.get(ip).copied().unwrap_or(self.first_line)
    }

    /// The innermost handler covering instruction `ip`.
    pub fn handler_for(&self, ip: u32) -> Option<ExceptionEntry> {
        self.exception_table
            .iter()
            .find(|e| e.start <= ip && ip < e.end)
            .copied()
    }
}
