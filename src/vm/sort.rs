//! Sorting values as `list.sort` does. It is the VM's because the VM sorts too (`dir()` of
//! a frame's locals); the sort itself is CPython's, ported in `vm::timsort`:
//! Python comparisons can fail or be inconsistent, and programs can observe which
//! comparisons are made.

use crate::bytecode::Compare;
use crate::object::Value;
use crate::vm::{PyResult, Vm};

impl Vm {
    /// `a < b` as a bool, with fast paths for numbers and strings.
    pub fn less_than(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        match (a, b) {
            (Value::Int(x), Value::Int(y)) => Ok(x < y),
            (Value::Float(x), Value::Float(y)) => Ok(x.get() < y.get()),
            (Value::Str(x), Value::Str(y)) => Ok(x.as_str() < y.as_str()),
            _ => {
                let r = self.rich_compare(a, b, Compare::Lt)?;
                self.is_true(&r)
            }
        }
    }

    /// Sorts a vector of values with `list.sort`'s semantics: keys are computed first (an
    /// error leaves the items untouched), `reverse` reverses before and after a stable sort,
    /// and a failing comparison leaves the items in the order CPython leaves them.
    pub fn sort_with(
        &mut self,
        items: &mut Vec<Value>,
        key: &Value,
        reverse: bool,
    ) -> PyResult<()> {
        let keyed = !key.is_none();
        let mut slots: Vec<super::timsort::Slot> = if keyed {
            let mut slots = Vec::with_capacity(items.len());
            for v in items.iter() {
                let k = self.call(key, std::slice::from_ref(v))?;
                slots.push((k, v.clone()));
            }
            slots
        } else {
            items.drain(..).map(|v| (v, Value::Null)).collect()
        };
        let n = slots.len();
        if reverse && n > 1 {
            slots.reverse();
        }
        let result = super::timsort::timsort(self, &mut slots);
        if reverse && n > 1 {
            slots.reverse();
        }
        *items = slots
            .into_iter()
            .map(|(k, v)| if keyed { v } else { k })
            .collect();
        result
    }
}
