//! The one place that words argument errors. Every binding helper in `native` reports
//! through these functions, each parameterised by the calling convention CPython uses, so
//! a message exists once however many helpers can raise it.

use super::conventions::{Callee, Sig};
use crate::object::{ExcRef, Value};
use crate::vm::Vm;

/// `""` or `"s"` after a count.
pub fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The TypeError for `n` positional arguments where `sig` takes another count.
pub fn count_error(vm: &Vm, who: Callee, sig: Sig, n: usize) -> ExcRef {
    // `_PyArg_CheckPositional` and the slot wrappers' `check_num_args`/`PyArg_UnpackTuple`:
    // "<lead>expected [at least |at most ]<k> argument(s), got <n>".
    let expected = |lead: &dyn std::fmt::Display, min: usize, max: usize| {
        let (at, k) = broken_limit(n, min, max, ["", "at least ", "at most "]);
        format!("{lead}expected {at}{k} argument{}, got {n}", plural(k))
    };
    vm.type_error(match sig {
        Sig::NoArgs => format!("{who}() takes no arguments ({n} given)"),
        Sig::One => format!("{who}() takes exactly one argument ({n} given)"),
        Sig::Range(min, max) => expected(&format_args!("{} ", who.name), min, max),
        Sig::Wrapper(k) => expected(&"", k, k),
        Sig::WrapperRange(min, max) => expected(&" ", min, max),
        Sig::OldStyle(min, max) => {
            let (at, k) = broken_limit(n, min, max, ["exactly", "at least", "at most"]);
            return takes(vm, who.name, at, k, "", n);
        }
    })
}

/// The limit a count of `n` breaks (`min..=max`), with the word for it among
/// `[exactly, at least, at most]`.
fn broken_limit(
    n: usize,
    min: usize,
    max: usize,
    words: [&'static str; 3],
) -> (&'static str, usize) {
    if min == max {
        (words[0], min)
    } else if n < min {
        (words[1], min)
    } else {
        (words[2], max)
    }
}

/// `PyArg_ParseTuple`'s and Argument Clinic's "name() takes at most 2 [keyword ]arguments
/// (3 given)".
pub fn takes(vm: &Vm, name: &str, at: &str, k: usize, kind: &str, given: usize) -> ExcRef {
    vm.type_error(format!(
        "{name}() takes {at} {k} {kind}argument{} ({given} given)",
        plural(k)
    ))
}

/// The TypeError for keywords passed to a function that takes none.
pub fn no_keywords_error(vm: &Vm, who: Callee, sig: Sig) -> ExcRef {
    if sig.is_wrapper() {
        vm.type_error(format!("wrapper {}() takes no keyword arguments", who.name))
    } else {
        vm.type_error(format!("{who}() takes no keyword arguments"))
    }
}

/// The TypeError for a method of `who.owner` called unbound (`str.upper()`) or on an
/// instance of another type (`str.upper(1)`); `first` is the would-be `self`.
pub fn self_error(vm: &Vm, who: Callee, sig: Sig, first: Option<&Value>) -> ExcRef {
    let (ty, name) = (who.type_name, who.name);
    vm.type_error(match first {
        None if sig.is_wrapper() => {
            format!("descriptor '{name}' of '{ty}' object needs an argument")
        }
        None => format!("unbound method {who}() needs an argument"),
        Some(v) if sig.is_wrapper() => format!(
            "descriptor '{name}' requires a '{ty}' object but received a '{}'",
            vm.type_name(v)
        ),
        Some(v) => format!(
            "descriptor '{name}' for '{ty}' objects doesn't apply to a '{}' object",
            vm.type_name(v)
        ),
    })
}
