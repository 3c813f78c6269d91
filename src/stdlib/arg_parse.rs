//! Argument binding for built-in module functions, with the error texts of the CPython
//! mechanism each function uses there.
//!
//! CPython's modules bind arguments three different ways and each words its errors
//! differently, so a program that prints a caught TypeError needs the right one:
//! - `METH_O` functions ([`one_arg`]): `math.sqrt() takes exactly one argument (0 given)`;
//! - positional-only fast calls ([`positional`]): `pow expected 2 arguments, got 1`;
//! - Argument Clinic / `PyArg_ParseTupleAndKeywords` ([`clinic`]):
//!   `isclose() missing required argument 'b' (pos 2)`;
//! - functions written in Python, such as most of `random.Random` ([`python_def`]):
//!   `Random.randint() missing 1 required positional argument: 'b'`.

use crate::object::function::Args;
use crate::object::{ExcRef, Value};
use crate::vm::{PyResult, Vm};

/// A `METH_O` function: exactly one positional argument. `qualname` is how CPython names
/// it in the message (`math.sqrt`, `Random.getrandbits`).
pub fn one_arg<'a>(vm: &Vm, qualname: &str, args: &Args<'a>) -> PyResult<&'a Value> {
    if args.has_kw() {
        return Err(vm.type_error(format!("{qualname}() takes no keyword arguments")));
    }
    match args.values {
        [v] => Ok(v),
        _ => Err(vm.type_error(format!(
            "{qualname}() takes exactly one argument ({} given)",
            args.values.len()
        ))),
    }
}

/// A `*args` function that rejects keywords (`math.gcd`, `itertools.chain`).
pub fn no_kwargs<'a>(vm: &Vm, qualname: &str, args: &Args<'a>) -> PyResult<&'a [Value]> {
    if args.has_kw() {
        return Err(vm.type_error(format!("{qualname}() takes no keyword arguments")));
    }
    Ok(args.values)
}

/// A `METH_NOARGS` function.
pub fn no_args(vm: &Vm, qualname: &str, args: &Args) -> PyResult<()> {
    if !args.values.is_empty() {
        return Err(vm.type_error(format!(
            "{qualname}() takes no arguments ({} given)",
            args.values.len()
        )));
    }
    Ok(())
}

/// `_PyArg_NoKeywords` + `_PyArg_CheckPositional`: positional arguments only. The
/// keyword error names the function as `qualname` (`math.pow`), the count error as `name`.
pub fn positional<'a>(
    vm: &Vm,
    qualname: &str,
    name: &str,
    args: &Args<'a>,
    min: usize,
    max: usize,
) -> PyResult<&'a [Value]> {
    if args.has_kw() {
        return Err(vm.type_error(format!("{qualname}() takes no keyword arguments")));
    }
    let n = args.values.len();
    let plural = |k: usize| if k == 1 { "" } else { "s" };
    if n < min {
        let at = if min == max { "" } else { "at least " };
        return Err(vm.type_error(format!(
            "{name} expected {at}{min} argument{}, got {n}",
            plural(min)
        )));
    }
    if n > max {
        let at = if min == max { "" } else { "at most " };
        return Err(vm.type_error(format!(
            "{name} expected {at}{max} argument{}, got {n}",
            plural(max)
        )));
    }
    Ok(args.values)
}

/// The signature of a C function parsed by Argument Clinic (`_PyArg_UnpackKeywords`).
pub struct Clinic {
    /// The name in messages, without `()`.
    pub name: &'static str,
    /// Every parameter: positional-only first, then positional-or-keyword, then
    /// keyword-only.
    pub params: &'static [&'static str],
    /// How many leading parameters are positional-only.
    pub posonly: usize,
    /// How many leading parameters are required.
    pub required: usize,
    /// How many parameters can be given positionally.
    pub max_pos: usize,
}

/// Binds `args` to `sig.params`; absent optional parameters are None.
pub fn clinic(vm: &Vm, sig: &Clinic, args: &Args) -> PyResult<Vec<Option<Value>>> {
    let pos = args.pos();
    let nargs = pos.len();
    let nkw = args.kwnames.len();
    let maxargs = sig.params.len();
    let name = sig.name;
    let plural = |k: usize| if k == 1 { "" } else { "s" };
    if nargs + nkw > maxargs {
        return Err(vm.type_error(format!(
            "{name}() takes at most {maxargs} {}argument{} ({} given)",
            if nargs == 0 { "keyword " } else { "" },
            plural(maxargs),
            nargs + nkw
        )));
    }
    let min_pos = sig.required.min(sig.max_pos);
    if nargs > sig.max_pos {
        if sig.max_pos == 0 {
            return Err(vm.type_error(format!("{name}() takes no positional arguments")));
        }
        return Err(vm.type_error(format!(
            "{name}() takes {} {} positional argument{} ({nargs} given)",
            if min_pos < sig.max_pos {
                "at most"
            } else {
                "exactly"
            },
            sig.max_pos,
            plural(sig.max_pos)
        )));
    }
    let min_posonly = sig.posonly.min(min_pos);
    if nargs < min_posonly {
        return Err(vm.type_error(format!(
            "{name}() takes {} {min_posonly} positional argument{} ({nargs} given)",
            if min_posonly < sig.max_pos {
                "at least"
            } else {
                "exactly"
            },
            plural(min_posonly)
        )));
    }
    let mut out: Vec<Option<Value>> = vec![None; maxargs];
    for (slot, v) in out.iter_mut().zip(pos) {
        *slot = Some(v.clone());
    }
    let mut used = 0;
    for (i, param) in sig.params.iter().enumerate().skip(nargs.max(sig.posonly)) {
        if let Some(v) = args.kwarg(param) {
            out[i] = Some(v.clone());
            used += 1;
        } else if i < sig.required {
            return Err(vm.type_error(format!(
                "{name}() missing required argument '{param}' (pos {})",
                i + 1
            )));
        }
    }
    if used < nkw {
        for (i, param) in sig.params.iter().enumerate().take(nargs).skip(sig.posonly) {
            if args.kwarg(param).is_some() {
                return Err(vm.type_error(format!(
                    "argument for {name}() given by name ('{param}') and position ({})",
                    i + 1
                )));
            }
        }
        let unknown = args
            .kw()
            .map(|(k, _)| k)
            .find(|k| !sig.params[sig.posonly..].contains(k))
            .unwrap_or("");
        return Err(vm.type_error(format!(
            "'{unknown}' is an invalid keyword argument for {name}()"
        )));
    }
    Ok(out)
}

/// The signature of a function CPython implements in Python (`def f(self, a, b=None, *, k=1)`).
pub struct PyDef {
    /// `Random.randint`, as in the messages.
    pub qualname: &'static str,
    /// Positional-or-keyword parameters, `self` included for methods.
    pub params: &'static [&'static str],
    /// How many trailing `params` have defaults.
    pub defaults: usize,
    /// Keyword-only parameters (all with defaults).
    pub kwonly: &'static [&'static str],
}

/// Binds `args` as Python would bind them to `sig`; absent defaulted parameters are
/// None. Keyword-only parameters follow the positional ones in the result.
pub fn python_def(vm: &Vm, sig: &PyDef, args: &Args) -> PyResult<Vec<Option<Value>>> {
    let q = sig.qualname;
    let pos = args.pos();
    let argcount = sig.params.len();
    let mut out: Vec<Option<Value>> = vec![None; argcount + sig.kwonly.len()];
    for (slot, v) in out.iter_mut().zip(pos) {
        *slot = Some(v.clone());
    }
    for (name, value) in args.kw() {
        let found = sig.params.iter().chain(sig.kwonly).position(|p| *p == name);
        match found {
            Some(i) if out[i].is_some() => {
                return Err(
                    vm.type_error(format!("{q}() got multiple values for argument '{name}'"))
                );
            }
            Some(i) => out[i] = Some(value.clone()),
            None => {
                return Err(
                    vm.type_error(format!("{q}() got an unexpected keyword argument '{name}'"))
                )
            }
        }
    }
    let npos = pos.len();
    if npos > argcount {
        let sig_text = if sig.defaults > 0 {
            format!(
                "from {} to {argcount} positional arguments",
                argcount - sig.defaults
            )
        } else {
            format!(
                "{argcount} positional argument{}",
                if argcount == 1 { "" } else { "s" }
            )
        };
        return Err(vm.type_error(format!(
            "{q}() takes {sig_text} but {npos} {} given",
            if npos == 1 { "was" } else { "were" }
        )));
    }
    let required = argcount - sig.defaults;
    let missing: Vec<&str> = (0..required)
        .filter(|&i| out[i].is_none())
        .map(|i| sig.params[i])
        .collect();
    if !missing.is_empty() {
        return Err(missing_positional(vm, q, &missing));
    }
    Ok(out)
}

fn missing_positional(vm: &Vm, qualname: &str, names: &[&str]) -> ExcRef {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    let list = match quoted.as_slice() {
        [one] => one.clone(),
        [a, b] => format!("{a} and {b}"),
        [init @ .., last] => format!("{}, and {last}", init.join(", ")),
        [] => String::new(),
    };
    vm.type_error(format!(
        "{qualname}() missing {} required positional argument{}: {list}",
        names.len(),
        if names.len() == 1 { "" } else { "s" }
    ))
}

/// The arguments of a method call without `self` (`values[0]`), or the TypeError CPython
/// raises for an unbound method called without an instance.
pub fn split_self<'a>(vm: &Vm, qualname: &str, args: &Args<'a>) -> PyResult<(&'a Value, Args<'a>)> {
    if args.pos().is_empty() {
        return Err(vm.type_error(format!("unbound method {qualname}() needs an argument")));
    }
    Ok((
        &args.values[0],
        Args {
            values: &args.values[1..],
            kwnames: args.kwnames,
        },
    ))
}
