//! Iterators that share or regroup their input: `groupby` (and its `_grouper`
//! sub-iterators), `zip_longest`, `tee`.

use super::infinite::ssize_arg;
use super::{class_arg, ctor_args, module_class_named, new_object, state_cell, State};
use crate::native::{clinic, function_args, Clinic, Sig};
use crate::object::function::Args;
use crate::object::Value;
use crate::vm::{PyResult, Vm};
use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::rc::Rc;

/// `groupby(iterable, key=None)`. Its `_grouper`s share this state with the groupby
/// object (CPython gives them a reference to the parent); `current_grouper`
/// identifies the only grouper that may still yield (CPython compares identity).
pub struct GroupBy {
    iter: Value,
    keyfunc: Value,
    tgtkey: Option<Value>,
    currkey: Option<Value>,
    currvalue: Option<Value>,
    current_grouper: Option<u64>,
    groupers_made: u64,
}

/// The state of a groupby object, shared with its groupers.
pub type SharedGroupBy = Rc<RefCell<GroupBy>>;

impl GroupBy {
    /// Only the groupby object reports the shared state, so each reference is counted
    /// once; groupers that outlive it keep the values alive as external references.
    pub fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        f(&self.iter);
        f(&self.keyfunc);
        for v in [&self.tgtkey, &self.currkey, &self.currvalue]
            .into_iter()
            .flatten()
        {
            f(v);
        }
    }

    /// `groupby_step`: advance the source by one item and compute its key.
    fn advance(&mut self, vm: &mut Vm) -> PyResult<bool> {
        let Some(value) = vm.iter_next(&self.iter.clone())? else {
            return Ok(false);
        };
        let key = if self.keyfunc.is_none() {
            value.clone()
        } else {
            vm.call(&self.keyfunc.clone(), std::slice::from_ref(&value))?
        };
        self.currvalue = Some(value);
        self.currkey = Some(key);
        Ok(true)
    }

    /// Moves to the next group; returns its key and the grouper's id.
    fn next_group(&mut self, vm: &mut Vm) -> PyResult<Option<(Value, u64)>> {
        self.current_grouper = None;
        loop {
            match (&self.currkey, &self.tgtkey) {
                (None, _) => {}
                (Some(_), None) => break,
                (Some(curr), Some(tgt)) => {
                    let (tgt, curr) = (tgt.clone(), curr.clone());
                    if !vm.eq(&tgt, &curr)? {
                        break;
                    }
                }
            }
            if !self.advance(vm)? {
                return Ok(None);
            }
        }
        let key = self.currkey.clone().unwrap_or(Value::None);
        self.tgtkey = Some(key.clone());
        self.groupers_made += 1;
        self.current_grouper = Some(self.groupers_made);
        Ok(Some((key, self.groupers_made)))
    }
}

fn busy(vm: &Vm) -> crate::object::ExcRef {
    vm.value_error("generator already executing")
}

pub fn groupby_step(vm: &mut Vm, shared: &SharedGroupBy) -> PyResult<Option<Value>> {
    let next = {
        let mut g = shared.try_borrow_mut().map_err(|_| busy(vm))?;
        g.next_group(vm)?
    };
    let Some((key, id)) = next else {
        return Ok(None);
    };
    let class = module_class_named(vm, "_grouper")?;
    let grouper = new_object(
        &class,
        State::Grouper(Grouper {
            parent: shared.clone(),
            tgtkey: key.clone(),
            id,
        }),
    );
    Ok(Some(Value::tuple(vec![key, grouper])))
}

const GROUPBY: Clinic = Clinic::new("groupby", &["iterable", "key"]).required(1);

pub fn groupby_new(vm: &mut Vm, args: Args) -> PyResult {
    let class = class_arg(vm, &args)?;
    let a = clinic(vm, &GROUPBY, &ctor_args(&args))?;
    let iter = vm.get_iter(a[0].as_ref().unwrap_or(&Value::None))?;
    let keyfunc = a[1].clone().unwrap_or(Value::None);
    let state = GroupBy {
        iter,
        keyfunc,
        tgtkey: None,
        currkey: None,
        currvalue: None,
        current_grouper: None,
        groupers_made: 0,
    };
    Ok(new_object(
        &class,
        State::GroupBy(Rc::new(RefCell::new(state))),
    ))
}

/// A `groupby` group: yields while the parent's current key equals `tgtkey`.
pub struct Grouper {
    parent: SharedGroupBy,
    tgtkey: Value,
    id: u64,
}

impl Grouper {
    pub fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        f(&self.tgtkey);
    }

    pub fn step(&mut self, vm: &mut Vm) -> PyResult<Option<Value>> {
        let mut g = self.parent.try_borrow_mut().map_err(|_| busy(vm))?;
        if g.current_grouper != Some(self.id) {
            return Ok(None);
        }
        if g.currvalue.is_none() && !g.advance(vm)? {
            return Ok(None);
        }
        let curr = g.currkey.clone().unwrap_or(Value::None);
        if !vm.eq(&self.tgtkey.clone(), &curr)? {
            return Ok(None);
        }
        g.currkey = None;
        Ok(g.currvalue.take())
    }
}

/// `zip_longest(*iterables, fillvalue=None)`; exhausted iterators become None.
pub struct ZipLongest {
    iters: Vec<Option<Value>>,
    active: usize,
    fill: Value,
}

impl ZipLongest {
    pub fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        self.iters.iter().flatten().for_each(&mut *f);
        f(&self.fill);
    }

    pub fn step(&mut self, vm: &mut Vm) -> PyResult<Option<Value>> {
        if self.iters.is_empty() || self.active == 0 {
            return Ok(None);
        }
        let mut out = Vec::with_capacity(self.iters.len());
        for i in 0..self.iters.len() {
            let Some(it) = self.iters[i].clone() else {
                out.push(self.fill.clone());
                continue;
            };
            match vm.iter_next(&it) {
                Ok(Some(v)) => out.push(v),
                Ok(None) => {
                    self.active -= 1;
                    if self.active == 0 {
                        return Ok(None);
                    }
                    self.iters[i] = None;
                    out.push(self.fill.clone());
                }
                Err(e) => {
                    self.active = 0;
                    return Err(e);
                }
            }
        }
        Ok(Some(Value::tuple(out)))
    }
}

pub fn zip_longest_new(vm: &mut Vm, args: Args) -> PyResult {
    let class = class_arg(vm, &args)?;
    let args = ctor_args(&args);
    let mut fill = Value::None;
    for (k, v) in args.kw() {
        if k != "fillvalue" {
            return Err(vm.type_error("zip_longest() got an unexpected keyword argument"));
        }
        fill = v.clone();
    }
    let mut iters = Vec::with_capacity(args.pos().len());
    for it in args.pos() {
        iters.push(Some(vm.get_iter(it)?));
    }
    let active = iters.len();
    Ok(new_object(
        &class,
        State::ZipLongest(ZipLongest {
            iters,
            active,
            fill,
        }),
    ))
}

/// The buffer the `_tee` objects of one `tee()` call share: items read from the source
/// but not yet consumed by every copy. Each live copy has a cursor; items behind the
/// slowest cursor are dropped.
struct TeeShared {
    iter: Value,
    buffer: VecDeque<Value>,
    /// Absolute index of `buffer[0]`.
    base: usize,
    running: bool,
    cursors: HashMap<u64, usize>,
    next_id: u64,
}

impl TeeShared {
    fn register(&mut self, index: usize) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        self.cursors.insert(id, index);
        id
    }

    fn trim(&mut self) {
        let min = self
            .cursors
            .values()
            .copied()
            .min()
            .unwrap_or(self.base + self.buffer.len());
        while self.base < min && self.buffer.pop_front().is_some() {
            self.base += 1;
        }
    }
}

/// One `_tee` iterator.
pub struct Tee {
    shared: Rc<RefCell<TeeShared>>,
    index: usize,
    id: u64,
}

impl Tee {
    /// The shared buffer is reachable from several tees, so reporting its contents here
    /// would count one reference several times; leaving them out only means the cycle
    /// collector treats them as externally held.
    pub fn traverse(&self, _f: &mut dyn FnMut(&Value)) {}

    pub fn step(&mut self, vm: &mut Vm) -> PyResult<Option<Value>> {
        let buffered = {
            let sh = self.shared.borrow();
            self.index
                .checked_sub(sh.base)
                .and_then(|i| sh.buffer.get(i).cloned())
        };
        let value = match buffered {
            Some(v) => v,
            None => {
                let it = {
                    let mut sh = self.shared.borrow_mut();
                    if sh.running {
                        return Err(vm.runtime_error("cannot re-enter the tee iterator"));
                    }
                    sh.running = true;
                    sh.iter.clone()
                };
                let r = vm.iter_next(&it);
                self.shared.borrow_mut().running = false;
                let Some(v) = r? else { return Ok(None) };
                self.shared.borrow_mut().buffer.push_back(v.clone());
                v
            }
        };
        self.index += 1;
        let mut sh = self.shared.borrow_mut();
        sh.cursors.insert(self.id, self.index);
        sh.trim();
        Ok(Some(value))
    }

    fn copy(&self) -> Tee {
        let id = self.shared.borrow_mut().register(self.index);
        Tee {
            shared: self.shared.clone(),
            index: self.index,
            id,
        }
    }
}

impl Drop for Tee {
    fn drop(&mut self) {
        if let Ok(mut sh) = self.shared.try_borrow_mut() {
            sh.cursors.remove(&self.id);
            sh.trim();
        }
    }
}

/// A `_tee` over the iterator `it`.
fn tee_over(it: Value) -> Tee {
    let shared = Rc::new(RefCell::new(TeeShared {
        iter: it,
        buffer: VecDeque::new(),
        base: 0,
        running: false,
        cursors: HashMap::new(),
        next_id: 0,
    }));
    let id = shared.borrow_mut().register(0);
    Tee {
        shared,
        index: 0,
        id,
    }
}

/// `itertools.tee(iterable, n=2)`: as in CPython, an iterator that can copy itself
/// (`__copy__`, e.g. a `_tee`) is the first result and its copies the others.
pub fn tee(vm: &mut Vm, args: Args) -> PyResult {
    let a = function_args(vm, "itertools.tee", Sig::Range(1, 2), &args)?;
    let n = match a.get(1) {
        Some(v) => ssize_arg(vm, v)?,
        None => 2,
    };
    if n < 0 {
        return Err(vm.value_error("n must be >= 0"));
    }
    if n == 0 {
        return Ok(Value::tuple(vec![]));
    }
    if n > 1 << 20 {
        return Err(vm.memory_error());
    }
    let it = vm.get_iter(&a[0])?;
    let copy_name = vm.intern("__copy__");
    let first = match vm.get_attr_opt(&it, &copy_name)? {
        Some(_) => it,
        None => {
            let class = module_class_named(vm, "_tee")?;
            new_object(&class, State::Tee(tee_over(it)))
        }
    };
    let mut out = vec![first.clone()];
    for _ in 1..n {
        out.push(vm.call_method(&first, "__copy__", &[])?);
    }
    Ok(Value::tuple(out))
}

/// `_tee.__copy__()`.
pub fn tee_copy(vm: &mut Vm, args: Args) -> PyResult {
    let this = args.values.first().cloned().unwrap_or(Value::None);
    let copy = state_cell(&this).and_then(|cell| match cell.borrow().native::<State>() {
        Some(State::Tee(t)) => Some(t.copy()),
        _ => None,
    });
    match copy {
        Some(t) => {
            let class = vm.class_of(&this);
            Ok(new_object(&class, State::Tee(t)))
        }
        None => Err(vm.type_error("__copy__ needs a _tee object")),
    }
}
