//! `vm.check_args(...)`: the shorthand for a native taking `min..=max` positional
//! arguments, in the convention [`Sig::by_count`] picks for that count.

use super::conventions::{function_args, method_args, Sig};
use crate::object::function::Args;
use crate::vm::{PyResult, Vm};

pub trait ArgCheck {
    /// Checks the positional count (`min..=max`) and that no keywords were passed.
    fn check_args(&self, name: &str, args: &Args, min: usize, max: usize) -> PyResult<()>;
    /// Like `check_args` for methods: `self` is not counted.
    fn check_method_args(&self, name: &str, args: &Args, min: usize, max: usize) -> PyResult<()>;
}

impl ArgCheck for Vm {
    fn check_args(&self, name: &str, args: &Args, min: usize, max: usize) -> PyResult<()> {
        function_args(self, name, Sig::by_count(min, max), args).map(|_| ())
    }

    fn check_method_args(&self, name: &str, args: &Args, min: usize, max: usize) -> PyResult<()> {
        method_args(self, name, Sig::by_count(min, max), args).map(|_| ())
    }
}
