//! Exception matching for `except` and `except*`, and exception-group splitting.

use crate::object::{ExcRef, Value};
use crate::vm::{PyResult, Vm};
use std::collections::HashSet;
use std::rc::Rc;

impl Vm {
    /// `except T:` — does `exc` match `typ` (a class or a tuple of classes)?
    pub(crate) fn exception_matches(&mut self, exc: &Value, typ: &Value) -> PyResult<bool> {
        self.check_catchable(typ)?;
        let class = self.class_of(exc);
        Ok(self.class_matches(&class, typ))
    }

    fn class_matches(&self, class: &Rc<crate::object::Class>, typ: &Value) -> bool {
        match typ {
            Value::Class(c) => class.is_subclass(c),
            Value::Tuple(t) => t.items.iter().any(|x| self.class_matches(class, x)),
            _ => false,
        }
    }

    fn check_catchable(&self, typ: &Value) -> PyResult<()> {
        match typ {
            Value::Class(c) if c.is_subclass(&self.exc.base_exception) => Ok(()),
            Value::Tuple(t) => {
                for x in t.items.iter() {
                    self.check_catchable(x)?;
                }
                Ok(())
            }
            _ => Err(self.type_error(
                "catching classes that do not inherit from BaseException is not allowed",
            )),
        }
    }

    pub(crate) fn is_exception_group(&self, v: &Value) -> bool {
        matches!(v, Value::Object(o) if o.class.is_subclass(&self.exc.base_exception_group))
    }

    /// The exceptions tuple of a group.
    pub(crate) fn group_exceptions(&self, eg: &ExcRef) -> Vec<Value> {
        let args = self.exc_args(eg);
        match args.items.get(1) {
            Some(Value::Tuple(t)) => t.items.to_vec(),
            Some(Value::List(l)) => l.items.borrow().clone(),
            _ => Vec::new(),
        }
    }

    fn group_message(&self, eg: &ExcRef) -> Value {
        self.exc_args(eg)
            .items
            .first()
            .cloned()
            .unwrap_or_else(|| Value::str(""))
    }

    /// A group of the same class and message with other members, keeping the metadata.
    fn derive_group(&mut self, eg: &ExcRef, excs: Vec<Value>) -> ExcRef {
        let msg = self.group_message(eg);
        let all_exceptions = excs
            .iter()
            .all(|e| matches!(e, Value::Object(o) if o.class.is_subclass(&self.exc.exception)));
        let class = if eg.class.is_subclass(&self.exc.exception_group) || all_exceptions {
            if eg.class.is_builtin {
                self.exc.exception_group.clone()
            } else {
                eg.class.clone()
            }
        } else {
            self.exc.base_exception_group.clone()
        };
        let new = self.new_exception(&class, vec![msg, Value::tuple(excs)]);
        if let (Some(src), Some(dst)) = (eg.exc_data(), new.exc_data()) {
            let s = src.borrow();
            let mut d = dst.borrow_mut();
            d.traceback = s.traceback.clone();
            d.cause = s.cause.clone();
            d.context = s.context.clone();
            d.suppress_context = s.suppress_context;
        }
        new
    }

    /// Splits a group by a predicate on leaves: (matching part, rest).
    fn split_group(
        &mut self,
        eg: &ExcRef,
        pred: &mut dyn FnMut(&Vm, &Value) -> bool,
    ) -> (Option<ExcRef>, Option<ExcRef>) {
        let mut matched = Vec::new();
        let mut rest = Vec::new();
        for e in self.group_exceptions(eg) {
            if self.is_exception_group(&e) {
                let Value::Object(sub) = &e else { continue };
                let (m, r) = self.split_group(sub, pred);
                if let Some(m) = m {
                    matched.push(Value::Object(m));
                }
                if let Some(r) = r {
                    rest.push(Value::Object(r));
                }
            } else if pred(self, &e) {
                matched.push(e);
            } else {
                rest.push(e);
            }
        }
        let total = self.group_exceptions(eg).len();
        let (no_match, no_rest) = (matched.is_empty(), rest.is_empty());
        let m = if matched.is_empty() {
            None
        } else if no_rest && matched.len() == total {
            Some(eg.clone())
        } else {
            Some(self.derive_group(eg, matched))
        };
        let r = if no_rest {
            None
        } else if no_match {
            Some(eg.clone())
        } else {
            Some(self.derive_group(eg, rest))
        };
        (m, r)
    }

    /// `CheckEgMatch`: returns (rest, match) for `except* typ`.
    pub(crate) fn exception_group_match(
        &mut self,
        exc: Value,
        typ: &Value,
    ) -> PyResult<(Value, Value)> {
        self.check_catchable(typ)?;
        if let Value::Class(c) = typ {
            if c.is_subclass(&self.exc.base_exception_group) {
                return Err(self.type_error(
                    "catching ExceptionGroup with except* is not allowed. Use except instead.",
                ));
            }
        }
        let Value::Object(e) = &exc else {
            return Ok((Value::None, Value::None));
        };
        if !self.is_exception_group(&exc) {
            let class = e.class.clone();
            if self.class_matches(&class, typ) {
                let group = self.new_exception(
                    &self.exc.exception_group.clone(),
                    vec![Value::str(""), Value::tuple(vec![exc.clone()])],
                );
                if let (Some(src), Some(dst)) = (e.exc_data(), group.exc_data()) {
                    dst.borrow_mut().traceback = src.borrow().traceback.clone();
                }
                return Ok((Value::None, Value::Object(group)));
            }
            return Ok((exc.clone(), Value::None));
        }
        let typ = typ.clone();
        let mut pred = |vm: &Vm, leaf: &Value| {
            let class = vm.class_of(leaf);
            vm.class_matches(&class, &typ)
        };
        let (m, r) = self.split_group(e, &mut pred);
        Ok((
            r.map_or(Value::None, Value::Object),
            m.map_or(Value::None, Value::Object),
        ))
    }

    fn leaf_ids(&self, v: &Value, out: &mut HashSet<usize>) {
        if self.is_exception_group(v) {
            if let Value::Object(g) = v {
                for e in self.group_exceptions(g) {
                    self.leaf_ids(&e, out);
                }
            }
        } else if let Some(a) = v.heap_addr() {
            out.insert(a);
        }
    }

    /// `PrepReraiseStar`: what an `except*` block re-raises, given the original exception
    /// and the list of exceptions raised by (or left unhandled by) its clauses.
    pub(crate) fn prep_reraise_star(&mut self, orig: Value, raised: Value) -> PyResult {
        let excs: Vec<Value> = match &raised {
            Value::List(l) => l
                .items
                .borrow()
                .iter()
                .filter(|v| !v.is_none())
                .cloned()
                .collect(),
            _ => Vec::new(),
        };
        if excs.is_empty() {
            return Ok(Value::None);
        }
        let Value::Object(orig_eg) = &orig else {
            return Ok(excs[0].clone());
        };
        if !self.is_exception_group(&orig) {
            return Ok(excs[0].clone());
        }
        let mut orig_leaves = HashSet::new();
        self.leaf_ids(&orig, &mut orig_leaves);
        let mut reraised_leaves = HashSet::new();
        let mut raised_list = Vec::new();
        for e in excs {
            let mut leaves = HashSet::new();
            self.leaf_ids(&e, &mut leaves);
            if !leaves.is_empty() && leaves.is_subset(&orig_leaves) {
                reraised_leaves.extend(leaves);
            } else {
                raised_list.push(e);
            }
        }
        let mut pred = |_: &Vm, leaf: &Value| {
            leaf.heap_addr()
                .is_some_and(|a| reraised_leaves.contains(&a))
        };
        let (reraised_eg, _) = self.split_group(orig_eg, &mut pred);
        if raised_list.is_empty() {
            return Ok(reraised_eg.map_or(Value::None, Value::Object));
        }
        if let Some(r) = reraised_eg {
            raised_list.push(Value::Object(r));
        }
        let group = self.new_exception(
            &self.exc.exception_group.clone(),
            vec![Value::str(""), Value::tuple(raised_list)],
        );
        Ok(Value::Object(group))
    }
}
