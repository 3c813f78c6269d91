//! "Did you mean: 'sleep'?" — the suggestion CPython 3.11 adds to an uncaught NameError
//! or AttributeError when a name close to the missing one exists (its `suggestions.c`):
//! an edit distance where a case change costs half a move, a bound that grows with the
//! names' lengths, and at most 750 candidates. A NameError looks in the failing frame's
//! local names, then its globals, then the builtins; an AttributeError in `dir(obj)`.

use crate::object::{ExcRef, Value};
use crate::vm::Vm;

const MOVE_COST: usize = 2;
const CASE_COST: usize = 1;
const MAX_CANDIDATES: usize = 750;
const MAX_NAME: usize = 40;

fn substitution_cost(a: char, b: char) -> usize {
    if a == b {
        0
    } else if a.to_lowercase().eq(b.to_lowercase()) {
        CASE_COST
    } else {
        MOVE_COST
    }
}

/// The weighted edit distance of `a` and `b`, or `max + 1` once it is known to exceed
/// `max`.
fn distance(a: &str, b: &str, max: usize) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len() > MAX_NAME || b.len() > MAX_NAME {
        return max + 1;
    }
    if a.len().abs_diff(b.len()) * MOVE_COST > max {
        return max + 1;
    }
    let mut row: Vec<usize> = (0..=b.len()).map(|j| j * MOVE_COST).collect();
    for (i, &ca) in a.iter().enumerate() {
        let mut diag = row[0];
        row[0] = (i + 1) * MOVE_COST;
        let mut best = row[0];
        for (j, &cb) in b.iter().enumerate() {
            let sub = diag + substitution_cost(ca, cb);
            diag = row[j + 1];
            let value = sub.min(row[j + 1] + MOVE_COST).min(row[j] + MOVE_COST);
            row[j + 1] = value;
            best = best.min(value);
        }
        if best > max {
            return max + 1;
        }
    }
    row[b.len()]
}

/// The candidate closest to `name` within the bound, if any.
fn closest(candidates: &[String], name: &str) -> Option<String> {
    if candidates.len() > MAX_CANDIDATES {
        return None;
    }
    let len = name.chars().count();
    let mut best: Option<(usize, &String)> = None;
    for item in candidates {
        if item == name {
            continue;
        }
        let mut max = (len + item.chars().count() + 3) * MOVE_COST / 6;
        if let Some((d, _)) = best {
            max = max.min(d.saturating_sub(1));
        }
        let d = distance(name, item, max);
        if d > max {
            continue;
        }
        if best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, item));
        }
    }
    best.map(|(_, s)| s.clone())
}

fn keys(dict: &crate::object::DictObj) -> Vec<String> {
    dict.table
        .borrow()
        .iter()
        .filter_map(|(k, _)| k.as_str().map(str::to_string))
        .collect()
}

impl Vm {
    /// The name to suggest for an uncaught NameError or AttributeError, if one is close.
    pub(crate) fn suggestion_for(&mut self, exc: &ExcRef) -> Option<String> {
        let name_key = self.intern("name");
        let name = self
            .get_attr_opt(&Value::Object(exc.clone()), &name_key)
            .ok()
            .flatten()?;
        let name = name.as_str()?.to_string();
        if exc.class.is_subclass(&self.exc.name_error) {
            let data = exc.exc_data()?;
            let (globals, code) = {
                let d = data.borrow();
                // The innermost frame comes first (tracebacks print the entries reversed).
                (d.name_globals.clone()?, d.traceback.first()?.code.clone())
            };
            let locals: Vec<String> = code
                .varnames
                .iter()
                .map(|n| n.as_str().to_string())
                .collect();
            return closest(&locals, &name)
                .or_else(|| closest(&keys(&globals), &name))
                .or_else(|| closest(&keys(&self.builtins.clone()), &name));
        }
        if exc.class.is_subclass(&self.exc.attribute_error) {
            let obj_key = self.intern("obj");
            let obj = exc.dict_get(&obj_key)?;
            // `dir(obj)`, through the builtin (defined above this layer).
            let dir = self
                .builtins
                .get_str("dir", crate::object::hash::hash_str("dir"))?;
            let listed = self.call(&dir, &[obj]).ok()?;
            let names: Vec<String> = match &listed {
                Value::List(l) => l
                    .items
                    .borrow()
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect(),
                _ => return None,
            };
            return closest(&names, &name);
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_names_are_suggested_and_far_ones_are_not() {
        let names: Vec<String> = ["sleep", "gather", "Sleep", "run"]
            .map(String::from)
            .to_vec();
        assert_eq!(closest(&names, "slep").as_deref(), Some("sleep"));
        assert_eq!(closest(&names, "SLEEP").as_deref(), Some("Sleep"));
        assert_eq!(closest(&names, "gatherr").as_deref(), Some("gather"));
        assert_eq!(closest(&names, "xyz"), None);
        assert_eq!(distance("abc", "abd", 10), MOVE_COST);
        assert_eq!(distance("abc", "ABC", 10), 3 * CASE_COST);
    }
}
