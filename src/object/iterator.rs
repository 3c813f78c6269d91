//! State of the built-in iterator types (`list_iterator`, `range_iterator`, `enumerate`,
//! `zip`, `map`, ...). Each is an `Object` whose payload is one of these states; the
//! stepping logic lives in `vm::ops::iter`. Library iterators plug in through
//! [`IterState::Native`].

use super::value::Value;
use super::{DictObj, SetObj};
use std::rc::Rc;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum DictView {
    Keys,
    Values,
    Items,
}

pub enum IterState {
    /// Index-based iteration over a list, tuple, str or bytes.
    Seq {
        seq: Value,
        index: usize,
    },
    Range {
        next: i64,
        step: i64,
        remaining: i64,
    },
    Dict {
        dict: Rc<DictObj>,
        view: DictView,
        pos: usize,
        version: u64,
    },
    /// `reversed(d)` / `reversed(d.items())`...: walks the entries backwards from `pos`
    /// (one past the next entry to look at); like CPython it only detects size changes.
    DictRev {
        dict: Rc<DictObj>,
        view: DictView,
        pos: usize,
        used: usize,
    },
    Set {
        set: Rc<SetObj>,
        pos: usize,
        version: u64,
    },
    Reversed {
        seq: Value,
        index: usize,
    },
    Enumerate {
        iter: Value,
        count: Value,
    },
    Zip {
        iters: Vec<Value>,
        strict: bool,
    },
    Map {
        func: Value,
        iters: Vec<Value>,
    },
    Filter {
        func: Value,
        iter: Value,
    },
    /// `iter(callable, sentinel)`
    Callable {
        func: Value,
        sentinel: Value,
    },
    /// An iterator over a fixed list of values (itertools results, `dict.items()` copies).
    Values {
        items: Vec<Value>,
        index: usize,
    },
    /// An iterator whose type a higher layer defines (itertools objects, deque
    /// iterators), stepped through [`NativeIter`](super::native_iter::NativeIter).
    Native(Box<dyn super::native_iter::NativeIter>),
    Exhausted,
}

impl IterState {
    /// The next value of a range iterator; None when it is done (or not a range).
    #[inline(always)]
    pub fn range_next(&mut self) -> Option<i64> {
        let IterState::Range {
            next,
            step,
            remaining,
        } = self
        else {
            return None;
        };
        if *remaining <= 0 {
            return None;
        }
        let v = *next;
        *next = next.wrapping_add(*step);
        *remaining -= 1;
        Some(v)
    }

    pub fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        match self {
            IterState::Seq { seq, .. } | IterState::Reversed { seq, .. } => f(seq),
            IterState::Range { .. } | IterState::Exhausted => {}
            IterState::Dict { dict, .. } | IterState::DictRev { dict, .. } => {
                f(&Value::Dict(dict.clone()))
            }
            IterState::Set { set, .. } => f(&Value::Set(set.clone())),
            IterState::Enumerate { iter, count } => {
                f(iter);
                f(count);
            }
            IterState::Zip { iters, .. } => iters.iter().for_each(f),
            IterState::Map { func, iters } => {
                f(func);
                iters.iter().for_each(f);
            }
            IterState::Filter { func, iter } => {
                f(func);
                f(iter);
            }
            IterState::Callable { func, sentinel } => {
                f(func);
                f(sentinel);
            }
            IterState::Values { items, .. } => items.iter().for_each(f),
            IterState::Native(it) => it.traverse(f),
        }
    }
}
