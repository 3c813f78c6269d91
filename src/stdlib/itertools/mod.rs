//! `itertools`: lazy iterator state machines stepped by the VM's iteration protocol.
//!
//! Every itertools object is an `Object` whose iterator state is an `IterState::Native`
//! [`State`], so `for`, `next()`, `list()` and unpacking step it like a built-in
//! iterator; the VM calls [`step`] for it (see `object::native_iter`). Stepping usually calls back into Python (the source iterators, key
//! functions, predicates), so [`step`] moves the state out of the object's cell for the
//! duration of the step — no `RefCell` borrow is held across Python code — and puts it
//! back afterwards. A re-entrant `next()` on the same object meanwhile sees
//! [`State::Running`] and gets the ValueError the VM gives any running iterator.
//!
//! The algorithms follow CPython's itertoolsmodule.c step for step (when the source is
//! consumed, what is stored, when an object stays exhausted), since programs observe
//! them through side effects and partially consumed iterators.

mod combinatoric;
mod grouping;
mod infinite;
mod terminating;

use crate::native::{add_methods, constructor, module_class, ModuleDef};
use crate::object::class::{Class, Layout};
use crate::object::function::Args;
use crate::object::iterator::IterState;
use crate::object::native_iter::NativeStep;
use crate::object::{NativeIter, Object, Payload, Value};
use crate::vm::{PyResult, Vm};
use std::cell::RefCell;
use std::rc::Rc;

/// State of one itertools iterator.
pub enum State {
    /// The state is out of the cell while its step runs.
    Running,
    Count(infinite::Count),
    Cycle(infinite::Cycle),
    Repeat(infinite::Repeat),
    Islice(terminating::Islice),
    Chain(terminating::Chain),
    Accumulate(terminating::Accumulate),
    Starmap(terminating::Starmap),
    TakeWhile(terminating::TakeWhile),
    DropWhile(terminating::DropWhile),
    Compress(terminating::Compress),
    FilterFalse(terminating::FilterFalse),
    Pairwise(terminating::Pairwise),
    Product(combinatoric::Product),
    Permutations(combinatoric::Permutations),
    Combinations(combinatoric::Combinations),
    CombinationsWithReplacement(combinatoric::CombinationsWithReplacement),
    GroupBy(grouping::SharedGroupBy),
    Grouper(grouping::Grouper),
    ZipLongest(grouping::ZipLongest),
    Tee(grouping::Tee),
}

impl NativeIter for State {
    fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        State::traverse(self, f)
    }

    fn step_fn(&self) -> NativeStep {
        step
    }
}

impl State {
    pub fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        match self {
            State::Running => {}
            State::Count(s) => s.traverse(f),
            State::Cycle(s) => s.traverse(f),
            State::Repeat(s) => s.traverse(f),
            State::Islice(s) => s.traverse(f),
            State::Chain(s) => s.traverse(f),
            State::Accumulate(s) => s.traverse(f),
            State::Starmap(s) => s.traverse(f),
            State::TakeWhile(s) => s.traverse(f),
            State::DropWhile(s) => s.traverse(f),
            State::Compress(s) => s.traverse(f),
            State::FilterFalse(s) => s.traverse(f),
            State::Pairwise(s) => s.traverse(f),
            State::Product(s) => s.traverse(f),
            State::Permutations(s) => s.traverse(f),
            State::Combinations(s) => s.traverse(f),
            State::CombinationsWithReplacement(s) => s.traverse(f),
            State::GroupBy(s) => {
                if let Ok(g) = s.try_borrow() {
                    g.traverse(f)
                }
            }
            State::Grouper(s) => s.traverse(f),
            State::ZipLongest(s) => s.traverse(f),
            State::Tee(s) => s.traverse(f),
        }
    }

    fn step(&mut self, vm: &mut Vm) -> PyResult<Option<Value>> {
        match self {
            State::Running => Ok(None),
            State::Count(s) => s.step(vm),
            State::Cycle(s) => s.step(vm),
            State::Repeat(s) => Ok(s.step()),
            State::Islice(s) => s.step(vm),
            State::Chain(s) => s.step(vm),
            State::Accumulate(s) => s.step(vm),
            State::Starmap(s) => s.step(vm),
            State::TakeWhile(s) => s.step(vm),
            State::DropWhile(s) => s.step(vm),
            State::Compress(s) => s.step(vm),
            State::FilterFalse(s) => s.step(vm),
            State::Pairwise(s) => s.step(vm),
            State::Product(s) => Ok(s.step()),
            State::Permutations(s) => Ok(s.step()),
            State::Combinations(s) => Ok(s.step()),
            State::CombinationsWithReplacement(s) => Ok(s.step()),
            State::GroupBy(s) => grouping::groupby_step(vm, s),
            State::Grouper(s) => s.step(vm),
            State::ZipLongest(s) => s.step(vm),
            State::Tee(s) => s.step(vm),
        }
    }
}

/// Runs `f` on the itertools state in `cell`, moved out of the cell meanwhile. None when
/// the cell holds no itertools state or its step is already running.
fn with_state<R>(
    vm: &mut Vm,
    cell: &RefCell<IterState>,
    f: impl FnOnce(&mut Vm, &mut State) -> R,
) -> Option<R> {
    let mut state = {
        let mut guard = cell.try_borrow_mut().ok()?;
        match guard.native_mut::<State>() {
            Some(s) if !matches!(s, State::Running) => std::mem::replace(s, State::Running),
            _ => return None,
        }
    };
    let r = f(vm, &mut state);
    if let Ok(mut guard) = cell.try_borrow_mut() {
        match guard.native_mut::<State>() {
            Some(s) => *s = state,
            None => *guard = IterState::Native(Box::new(state)),
        }
    }
    Some(r)
}

/// The VM's step for an itertools object.
pub fn step(vm: &mut Vm, cell: &RefCell<IterState>) -> PyResult<Option<Value>> {
    match with_state(vm, cell, |vm, s| s.step(vm)) {
        Some(r) => r,
        None => {
            let running = matches!(cell.borrow().native::<State>(), Some(State::Running));
            if running {
                return Err(vm.value_error("generator already executing"));
            }
            Ok(None)
        }
    }
}

/// The itertools state cell of `v`, if it is an itertools object.
fn state_cell(v: &Value) -> Option<&RefCell<IterState>> {
    match v {
        Value::Object(o) => match &o.payload {
            Payload::Iter(cell) if cell.borrow().native::<State>().is_some() => Some(cell),
            _ => None,
        },
        _ => None,
    }
}

/// A new itertools object of class `class`.
fn new_object(class: &Rc<Class>, state: State) -> Value {
    Value::Object(Object::new(
        class.clone(),
        Payload::Iter(RefCell::new(IterState::Native(Box::new(state)))),
    ))
}

/// The class an itertools constructor was called on (`values[0]` of `__new__`).
fn class_arg(vm: &Vm, args: &Args) -> PyResult<Rc<Class>> {
    match args.values.first() {
        Some(Value::Class(c)) => Ok(c.clone()),
        _ => Err(vm.type_error("itertools constructor needs a class")),
    }
}

/// The constructor's own arguments, without the class.
fn ctor_args<'a>(args: &Args<'a>) -> Args<'a> {
    Args {
        values: args.values.get(1..).unwrap_or(&[]),
        kwnames: args.kwnames,
    }
}

/// A class of this module by name (`_grouper`, `_tee`), for objects created internally.
fn module_class_named(vm: &Vm, name: &str) -> PyResult<Rc<Class>> {
    if let Some(Value::Class(c)) = vm.loaded_module_attr("itertools", name) {
        return Ok(c);
    }
    Err(vm.runtime_error(format!("itertools.{name} is unavailable")))
}

fn iter_self(_vm: &mut Vm, args: Args) -> PyResult {
    Ok(args.values.first().cloned().unwrap_or(Value::None))
}

fn iter_next_method(vm: &mut Vm, args: Args) -> PyResult {
    let it = args.values.first().cloned().unwrap_or(Value::None);
    match vm.iter_next(&it)? {
        Some(v) => Ok(v),
        None => Err(vm.stop_iteration(Value::None)),
    }
}

type Ctor = crate::object::function::NativeFn;

pub fn load(vm: &mut Vm) -> PyResult<Value> {
    let m = ModuleDef::new("itertools");
    let classes: &[(&str, Option<Ctor>)] = &[
        ("count", Some(infinite::count_new)),
        ("cycle", Some(infinite::cycle_new)),
        ("repeat", Some(infinite::repeat_new)),
        ("islice", Some(terminating::islice_new)),
        ("chain", Some(terminating::chain_new)),
        ("accumulate", Some(terminating::accumulate_new)),
        ("starmap", Some(terminating::starmap_new)),
        ("takewhile", Some(terminating::takewhile_new)),
        ("dropwhile", Some(terminating::dropwhile_new)),
        ("compress", Some(terminating::compress_new)),
        ("filterfalse", Some(terminating::filterfalse_new)),
        ("pairwise", Some(terminating::pairwise_new)),
        ("product", Some(combinatoric::product_new)),
        ("permutations", Some(combinatoric::permutations_new)),
        ("combinations", Some(combinatoric::combinations_new)),
        ("combinations_with_replacement", Some(combinatoric::cwr_new)),
        ("groupby", Some(grouping::groupby_new)),
        ("_grouper", None),
        ("zip_longest", Some(grouping::zip_longest_new)),
        ("_tee", None),
    ];
    for &(name, ctor) in classes {
        let class = module_class(vm, "itertools", name, Layout::Native);
        add_methods(
            vm,
            &class,
            &[("__iter__", iter_self), ("__next__", iter_next_method)],
        );
        if let Some(f) = ctor {
            constructor(vm, &class, f);
        }
        match name {
            "count" => add_methods(vm, &class, &[("__repr__", infinite::count_repr)]),
            "repeat" => add_methods(vm, &class, &[("__repr__", infinite::repeat_repr)]),
            "chain" => crate::native::add_classmethod(
                vm,
                &class,
                "from_iterable",
                terminating::chain_from_iterable,
            ),
            "_tee" => add_methods(vm, &class, &[("__copy__", grouping::tee_copy)]),
            _ => {}
        }
        m.value(vm, name, Value::Class(class));
    }
    m.func(vm, "tee", grouping::tee);
    Ok(m.finish(vm))
}
