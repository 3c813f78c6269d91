//! An instruction budget, for fuzzing the run loop. A generated program loops forever or
//! recurses without end as often as not, and a fuzzer has to go on to its next input: so
//! each loop back-edge, call and entry into Python code spends one unit, and once the
//! budget is spent every such point raises `SystemExit`. Raising again at each point, not
//! once, is what ends the program: an `except BaseException:` that swallows the first
//! raise meets the next at its own loop or call.
//!
//! Compiled only with the `instruction-budget` feature, which the fuzz targets (`fuzz/`)
//! turn on: `apy` itself carries no counter and no check.

use super::{PyResult, Vm};
use std::cell::Cell;

thread_local! {
    /// Units left, or `None` for no budget (the default, even with the feature on).
    static REMAINING: Cell<Option<u64>> = const { Cell::new(None) };
}

/// Gives this thread's interpreter `units` back-edges, calls and entries to spend;
/// `None` lifts the budget.
pub fn set(units: Option<u64>) {
    REMAINING.with(|r| r.set(units));
}

/// Whether the budget ran out (the program was stopped rather than finished).
pub fn exhausted() -> bool {
    REMAINING.with(|r| r.get() == Some(0))
}

impl Vm {
    /// Spends one unit; raises once none are left.
    #[inline]
    pub(crate) fn spend_budget(&self) -> PyResult<()> {
        let spent = REMAINING.with(|r| match r.get() {
            None => false,
            Some(0) => true,
            Some(n) => {
                r.set(Some(n - 1));
                false
            }
        });
        if spent {
            Err(self.new_exception_msg(&self.exc.system_exit, "instruction budget exhausted"))
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spent_budget_raises_at_every_point() {
        let vm = Vm::bare();
        set(Some(2));
        assert!(vm.spend_budget().is_ok());
        assert!(vm.spend_budget().is_ok());
        assert!(exhausted());
        assert!(vm.spend_budget().is_err());
        assert!(vm.spend_budget().is_err());
        set(None);
        assert!(vm.spend_budget().is_ok());
    }
}
