//! Binding for functions CPython writes in Python (most of `random.Random`,
//! `posixpath`): the messages of a `def`, such as `Random.randint() missing 1 required
//! positional argument: 'b'`.

use super::messages::plural;
use crate::object::function::Args;
use crate::object::{ExcRef, Value};
use crate::vm::{PyResult, Vm};

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

impl PyDef {
    /// `def qualname(params...)` with every parameter required; the builders below add
    /// defaults and keyword-only parameters.
    pub const fn new(qualname: &'static str, params: &'static [&'static str]) -> PyDef {
        PyDef {
            qualname,
            params,
            defaults: 0,
            kwonly: &[],
        }
    }

    /// The last `n` parameters have defaults.
    pub const fn defaults(self, n: usize) -> PyDef {
        PyDef {
            defaults: n,
            ..self
        }
    }

    /// Keyword-only parameters after `*` (all with defaults).
    pub const fn kwonly(self, kwonly: &'static [&'static str]) -> PyDef {
        PyDef { kwonly, ..self }
    }
}

impl PyDef {
    /// Binds `args` into an array of the parameters, keyword-only ones last
    /// (`N == params.len() + kwonly.len()`), without allocating. Always inlined: the
    /// positional fast path is then a few moves in the caller (`sleep(0)` is called once
    /// per task switch), and only `bind_into` stays out of line.
    #[inline(always)]
    pub fn bind<const N: usize>(&self, vm: &Vm, args: &Args) -> PyResult<[Option<Value>; N]> {
        debug_assert_eq!(N, self.params.len() + self.kwonly.len());
        let mut out: [Option<Value>; N] = std::array::from_fn(|_| None);
        // The common call (`sleep(0)`, `create_task(coro)`): positional arguments only,
        // as many as the signature takes. It needs no name matching and no message.
        let pos = args.values;
        if args.kwnames.is_empty()
            && pos.len() <= self.params.len()
            && pos.len() + self.defaults >= self.params.len()
        {
            for (slot, v) in out.iter_mut().zip(pos) {
                *slot = Some(v.clone());
            }
            return Ok(out);
        }
        bind_into(vm, self, args, &mut out)?;
        Ok(out)
    }
}

/// Binds `args` as Python would bind them to `sig`; absent defaulted parameters are
/// None. Keyword-only parameters follow the positional ones in the result.
pub fn python_def(vm: &Vm, sig: &PyDef, args: &Args) -> PyResult<Vec<Option<Value>>> {
    let mut out: Vec<Option<Value>> = vec![None; sig.params.len() + sig.kwonly.len()];
    bind_into(vm, sig, args, &mut out)?;
    Ok(out)
}

/// The binding itself, into `out` (one slot a parameter, all None).
fn bind_into(vm: &Vm, sig: &PyDef, args: &Args, out: &mut [Option<Value>]) -> PyResult<()> {
    let q = sig.qualname;
    let pos = args.pos();
    let argcount = sig.params.len();
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
            format!("{argcount} positional argument{}", plural(argcount))
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
    Ok(())
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
        plural(names.len())
    ))
}
