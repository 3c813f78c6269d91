//! Argument Clinic with keywords (`_PyArg_UnpackKeywords`): the binding of C functions
//! that take keyword arguments, such as `math.isclose(a, b, *, rel_tol=1e-09,
//! abs_tol=0.0)` or `str.split(sep=None, maxsplit=-1)`.

use super::messages::takes;
use crate::object::function::Args;
use crate::object::Value;
use crate::vm::{PyResult, Vm};

/// The signature of a C function parsed by Argument Clinic.
pub struct Clinic<'s> {
    /// The name in messages, without `()`.
    pub name: &'s str,
    /// Every parameter: positional-only first, then positional-or-keyword, then
    /// keyword-only.
    pub params: &'s [&'s str],
    /// How many leading parameters are positional-only.
    pub posonly: usize,
    /// How many leading parameters are required.
    pub required: usize,
    /// How many parameters can be given positionally.
    pub max_pos: usize,
}

impl<'s> Clinic<'s> {
    /// `name(params...)` with every parameter optional and positional-or-keyword
    /// (`str.split(sep=None, maxsplit=-1)`); the builders below narrow it.
    pub const fn new(name: &'s str, params: &'s [&'s str]) -> Clinic<'s> {
        Clinic {
            name,
            params,
            posonly: 0,
            required: 0,
            max_pos: params.len(),
        }
    }

    /// The first `n` parameters are positional-only (`/` after them).
    pub const fn posonly(self, n: usize) -> Clinic<'s> {
        Clinic { posonly: n, ..self }
    }

    /// The first `n` parameters are required.
    pub const fn required(self, n: usize) -> Clinic<'s> {
        Clinic {
            required: n,
            ..self
        }
    }

    /// Only the first `n` parameters can be passed positionally (`*` after them).
    pub const fn max_pos(self, n: usize) -> Clinic<'s> {
        Clinic { max_pos: n, ..self }
    }

    /// Binds the arguments of a method call after `self` (`values[0]`, checked by the
    /// caller); absent optional parameters are None.
    pub fn bind_method(&self, vm: &Vm, args: &Args) -> PyResult<Vec<Option<Value>>> {
        let rest = Args {
            values: args.values.get(1..).unwrap_or(&[]),
            kwnames: args.kwnames,
        };
        clinic(vm, self, &rest)
    }
}

impl Clinic<'_> {
    /// Binds `args` into an array of the parameters (`N == params.len()`), without
    /// allocating; absent optional parameters are None.
    #[inline]
    pub fn bind<const N: usize>(&self, vm: &Vm, args: &Args) -> PyResult<[Option<Value>; N]> {
        debug_assert_eq!(N, self.params.len());
        let mut out: [Option<Value>; N] = std::array::from_fn(|_| None);
        // Positional arguments only, as many as the signature takes: nothing to match.
        let n = args.values.len();
        if args.kwnames.is_empty() && n <= self.max_pos && n >= self.required {
            for (slot, v) in out.iter_mut().zip(args.values) {
                *slot = Some(v.clone());
            }
            return Ok(out);
        }
        bind_into(vm, self, args, &mut out)?;
        Ok(out)
    }
}

/// Binds `args` to `sig.params`; absent optional parameters are None.
pub fn clinic(vm: &Vm, sig: &Clinic, args: &Args) -> PyResult<Vec<Option<Value>>> {
    let mut out: Vec<Option<Value>> = vec![None; sig.params.len()];
    bind_into(vm, sig, args, &mut out)?;
    Ok(out)
}

/// The binding itself, into `out` (one slot a parameter, all None).
fn bind_into(vm: &Vm, sig: &Clinic, args: &Args, out: &mut [Option<Value>]) -> PyResult<()> {
    let pos = args.pos();
    let nargs = pos.len();
    let nkw = args.kwnames.len();
    let maxargs = sig.params.len();
    let name = sig.name;
    if nargs + nkw > maxargs {
        // "keyword" when nargs == 0 (bpo-31229), as CPython.
        let kind = if nargs == 0 { "keyword " } else { "" };
        return Err(takes(vm, name, "at most", maxargs, kind, nargs + nkw));
    }
    let min_pos = sig.required.min(sig.max_pos);
    if nargs > sig.max_pos {
        if sig.max_pos == 0 {
            return Err(vm.type_error(format!("{name}() takes no positional arguments")));
        }
        let at = if min_pos < sig.max_pos {
            "at most"
        } else {
            "exactly"
        };
        return Err(takes(vm, name, at, sig.max_pos, "positional ", nargs));
    }
    let min_posonly = sig.posonly.min(min_pos);
    if nargs < min_posonly {
        let at = if min_posonly < sig.max_pos {
            "at least"
        } else {
            "exactly"
        };
        return Err(takes(vm, name, at, min_posonly, "positional ", nargs));
    }
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
    Ok(())
}
