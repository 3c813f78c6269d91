//! Binding the positional arguments of a native by CPython's C calling conventions.
//!
//! CPython words a bad call by how the callee is implemented, and programs print those
//! messages: `list.append()` is `METH_O` ("takes exactly one argument (0 given)"),
//! `list.insert` is positional-only Argument Clinic ("insert expected 2 arguments, got
//! 1"), `list.__len__` is a slot wrapper ("expected 0 arguments, got 1"). A native states
//! its convention with a [`Sig`] and who it is with a [`Callee`]; the helpers below check
//! the call and hand back the arguments as a slice of the caller's (no allocation).

use super::messages;
use crate::object::function::Args;
use crate::object::{ExcRef, Value};
use crate::vm::{PyResult, Vm};
use std::fmt;

/// How a native takes its positional arguments (after `self` for a method).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sig {
    /// `METH_NOARGS`: `list.copy() takes no arguments (1 given)`.
    NoArgs,
    /// `METH_O`: `math.sqrt() takes exactly one argument (0 given)`.
    One,
    /// Positional-only fast call (`_PyArg_CheckPositional`), `min..=max` arguments:
    /// `pow expected 2 arguments, got 1`, `pop expected at most 1 argument, got 2`.
    Range(usize, usize),
    /// Old-style `PyArg_ParseTuple`, `min..=max` arguments: `count() takes at least 1
    /// argument (0 given)`.
    OldStyle(usize, usize),
    /// A slot wrapper (`__len__`, `__add__`...) taking exactly `n` arguments:
    /// `expected 1 argument, got 0`.
    Wrapper(usize),
    /// A slot wrapper unpacking a tuple with an empty name (`__setitem__`, `__pow__`,
    /// `str.__mul__`): the same message with a leading space.
    WrapperRange(usize, usize),
}

impl Sig {
    /// The convention CPython's simplest C functions use for `min..=max` positional
    /// arguments: `METH_NOARGS` for none, `METH_O` for one, else a positional fast call.
    pub fn by_count(min: usize, max: usize) -> Sig {
        match (min, max) {
            (0, 0) => Sig::NoArgs,
            (1, 1) => Sig::One,
            _ => Sig::Range(min, max),
        }
    }

    /// True for slot wrappers, whose messages differ from those of ordinary methods.
    pub fn is_wrapper(self) -> bool {
        matches!(self, Sig::Wrapper(_) | Sig::WrapperRange(..))
    }

    fn accepts(self, n: usize) -> bool {
        match self {
            Sig::NoArgs => n == 0,
            Sig::One => n == 1,
            Sig::Wrapper(k) => n == k,
            Sig::Range(min, max) | Sig::OldStyle(min, max) | Sig::WrapperRange(min, max) => {
                (min..=max).contains(&n)
            }
        }
    }
}

/// Who is being called, as CPython names it in messages: `owner` is the type or module
/// (`"list"`, `"math"`; empty for the builtins' free functions), `name` the function.
/// Displays as the qualified name (`list.append`, `math.sqrt`, `len`).
#[derive(Clone, Copy, Debug)]
pub struct Callee<'n> {
    pub owner: &'n str,
    pub name: &'n str,
    /// The owner's `tp_name`, which the descriptor errors use: the owner itself for
    /// built-in types, `collections.deque` for a module's type.
    pub type_name: &'n str,
}

impl<'n> Callee<'n> {
    pub fn new(owner: &'n str, name: &'n str) -> Callee<'n> {
        Callee {
            owner,
            name,
            type_name: owner,
        }
    }

    /// A method of a type whose `tp_name` differs from its name (`collections.deque`).
    pub fn with_type_name(self, type_name: &'n str) -> Callee<'n> {
        Callee { type_name, ..self }
    }
}

/// `"math.sqrt"` is owner `math`, name `sqrt`; `"len"` has no owner.
impl<'n> From<&'n str> for Callee<'n> {
    fn from(qualname: &'n str) -> Callee<'n> {
        match qualname.rsplit_once('.') {
            Some((owner, name)) => Callee::new(owner, name),
            None => Callee::new("", qualname),
        }
    }
}

/// `("str", "upper")`.
impl<'n> From<(&'n str, &'n str)> for Callee<'n> {
    fn from((owner, name): (&'n str, &'n str)) -> Callee<'n> {
        Callee::new(owner, name)
    }
}

impl fmt::Display for Callee<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.owner.is_empty() {
            f.write_str(self.name)
        } else {
            write!(f, "{}.{}", self.owner, self.name)
        }
    }
}

/// Checks `given` (the positional arguments) against `sig`; `has_kw` says keywords were
/// passed, which none of these conventions accepts.
///
/// `who` becomes a [`Callee`] only on the error path: splitting `"math.sqrt"` on every
/// call cost the hottest natives (a queue's `put`) several percent.
#[inline]
fn bind<'a, 'n>(
    vm: &Vm,
    who: impl Into<Callee<'n>>,
    sig: Sig,
    has_kw: bool,
    given: &'a [Value],
) -> PyResult<&'a [Value]> {
    if has_kw {
        return Err(messages::no_keywords_error(vm, who.into(), sig));
    }
    if !sig.accepts(given.len()) {
        return Err(messages::count_error(vm, who.into(), sig, given.len()));
    }
    Ok(given)
}

/// The arguments of a function (no `self`), checked against `sig`.
pub fn function_args<'a, 'n, W>(vm: &Vm, who: W, sig: Sig, args: &Args<'a>) -> PyResult<&'a [Value]>
where
    W: Into<Callee<'n>>,
{
    bind(vm, who, sig, args.has_kw(), args.values)
}

/// The arguments of a method after `self` (`values[0]`, which the caller checks or
/// trusts), checked against `sig`.
pub fn method_args<'a, 'n, W>(vm: &Vm, who: W, sig: Sig, args: &Args<'a>) -> PyResult<&'a [Value]>
where
    W: Into<Callee<'n>>,
{
    let after_self = args.values.get(1..).unwrap_or(&[]);
    bind(vm, who, sig, args.has_kw(), after_self)
}

/// A method's `self`: `recv` extracts it from `values[0]`, None when that is not an
/// instance of the owner, which raises CPython's descriptor error (worded for `sig`).
pub fn self_arg<'a, 'n, T, W, R>(vm: &Vm, who: W, sig: Sig, args: &Args<'a>, recv: R) -> PyResult<T>
where
    W: Into<Callee<'n>>,
    R: FnOnce(&'a Value) -> Option<T>,
{
    let first = args.pos().first();
    match first.and_then(recv) {
        Some(me) => Ok(me),
        None => Err(messages::self_error(vm, who.into(), sig, first)),
    }
}

/// A method's `self` (see [`self_arg`]) and its other arguments, checked against `sig`.
pub fn receiver<'a, 'n, T>(
    vm: &Vm,
    who: impl Into<Callee<'n>> + Copy,
    sig: Sig,
    args: &Args<'a>,
    recv: impl FnOnce(&'a Value) -> Option<T>,
) -> PyResult<(T, &'a [Value])> {
    let me = self_arg(vm, who, sig, args, recv)?;
    Ok((me, method_args(vm, who, sig, args)?))
}

/// The TypeError for calling the method `who` unbound without a fitting `self`.
pub fn self_error<'n>(vm: &Vm, who: impl Into<Callee<'n>>, sig: Sig, args: &Args) -> ExcRef {
    messages::self_error(vm, who.into(), sig, args.pos().first())
}

/// A `METH_NOARGS` function.
pub fn no_args<'n>(vm: &Vm, who: impl Into<Callee<'n>>, args: &Args) -> PyResult<()> {
    function_args(vm, who, Sig::NoArgs, args).map(|_| ())
}

/// A `METH_O` function's argument.
pub fn one_arg<'a, 'n>(
    vm: &Vm,
    who: impl Into<Callee<'n>>,
    args: &Args<'a>,
) -> PyResult<&'a Value> {
    Ok(&function_args(vm, who, Sig::One, args)?[0])
}

/// A `*args` function that rejects keywords (`math.gcd`, `itertools.chain`).
pub fn no_kwargs<'a, 'n>(
    vm: &Vm,
    who: impl Into<Callee<'n>>,
    args: &Args<'a>,
) -> PyResult<&'a [Value]> {
    if args.has_kw() {
        return Err(messages::no_keywords_error(vm, who.into(), Sig::NoArgs));
    }
    Ok(args.values)
}

/// `args` without the method's `self` (`values[0]`), or CPython's TypeError for an
/// unbound method called without an instance.
pub fn split_self<'a, 'n>(
    vm: &Vm,
    who: impl Into<Callee<'n>>,
    args: &Args<'a>,
) -> PyResult<(&'a Value, Args<'a>)> {
    if args.pos().is_empty() {
        return Err(messages::self_error(vm, who.into(), Sig::NoArgs, None));
    }
    Ok((
        &args.values[0],
        Args {
            values: &args.values[1..],
            kwnames: args.kwnames,
        },
    ))
}
