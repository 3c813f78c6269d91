//! Argument checking for native functions, with CPython's wording.

use crate::object::function::Args;
use crate::object::Value;
use crate::vm::{PyResult, Vm};

pub trait ArgCheck {
    /// Checks the positional count (`min..=max`) and that no keywords were passed.
    fn check_args(&self, name: &str, args: &Args, min: usize, max: usize) -> PyResult<()>;
    /// Like `check_args` for methods: `self` is not counted.
    fn check_method_args(&self, name: &str, args: &Args, min: usize, max: usize) -> PyResult<()>;
    /// Positional argument `i`, or `default`.
    fn arg_or(&self, args: &Args, i: usize, default: Value) -> Value;
}

fn count_error(vm: &Vm, name: &str, n: usize, min: usize, max: usize) -> crate::object::ExcRef {
    let plural = |k: usize| if k == 1 { "" } else { "s" };
    let msg = if min == max && max == 0 {
        format!("{name}() takes no arguments ({n} given)")
    } else if min == max && max == 1 {
        format!("{name}() takes exactly one argument ({n} given)")
    } else if min == max {
        format!("{name} expected {min} argument{}, got {n}", plural(min))
    } else if n < min {
        format!(
            "{name} expected at least {min} argument{}, got {n}",
            plural(min)
        )
    } else {
        format!(
            "{name} expected at most {max} argument{}, got {n}",
            plural(max)
        )
    };
    vm.type_error(msg)
}

impl ArgCheck for Vm {
    fn check_args(&self, name: &str, args: &Args, min: usize, max: usize) -> PyResult<()> {
        if args.has_kw() {
            return Err(self.type_error(format!("{name}() takes no keyword arguments")));
        }
        let n = args.values.len();
        if n < min || n > max {
            return Err(count_error(self, name, n, min, max));
        }
        Ok(())
    }

    fn check_method_args(&self, name: &str, args: &Args, min: usize, max: usize) -> PyResult<()> {
        if args.has_kw() {
            return Err(self.type_error(format!("{name}() takes no keyword arguments")));
        }
        let n = args.values.len().saturating_sub(1);
        if n < min || n > max {
            return Err(count_error(self, name, n, min, max));
        }
        Ok(())
    }

    fn arg_or(&self, args: &Args, i: usize, default: Value) -> Value {
        args.pos().get(i).cloned().unwrap_or(default)
    }
}
