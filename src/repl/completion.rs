//! Tab at the prompt: indentation at the start of a line, otherwise completion of
//! keywords, names and `name.attribute` chains, as CPython's `rlcompleter` offers.
//!
//! Completion never runs Python code: attributes are found by reading namespaces (module
//! dicts, instance dicts and the dicts along a class's MRO), not through `getattr`, so a
//! property or `__getattr__` with side effects is never triggered by pressing Tab.

use super::session::Session;
use crate::object::class::Class;
use crate::object::hash::hash_str;
use crate::object::{Dict, DictObj, Value};
use crate::vm::Vm;
use std::collections::BTreeSet;
use std::rc::Rc;

/// What Tab inserts when the cursor is in the line's indentation.
const INDENT: &str = "    ";

const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// What Tab offers at byte `pos` of `line`: where the completed word starts, and the
/// candidates (read from the session's namespace; the editing thread asks for them).
pub fn complete(session: &Session, line: &str, pos: usize) -> (usize, Vec<String>) {
    let before = line.get(..pos).unwrap_or(line);
    if before.trim().is_empty() {
        return (pos, vec![INDENT.to_string()]);
    }
    let (vm, globals) = session.namespace();
    candidates(vm, globals, before)
}

/// Completions for the text before the cursor: where the completed word starts, and
/// the candidates.
fn candidates(vm: &Vm, globals: &DictObj, before: &str) -> (usize, Vec<String>) {
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '_' || c == '.')
        .last()
        .map_or(before.len(), |(i, _)| i);
    let word = &before[word_start..];
    let Some((path, prefix)) = word.rsplit_once('.') else {
        return (word_start, name_matches(vm, globals, word));
    };
    let start = before.len() - prefix.len();
    let mut parts = path.split('.');
    let Some(first) = parts.next().filter(|p| is_identifier(p)) else {
        return (start, Vec::new());
    };
    let mut value = lookup(globals, first).or_else(|| lookup(&vm.builtins, first));
    for part in parts {
        value = value
            .filter(|_| is_identifier(part))
            .and_then(|v| static_attribute(vm, &v, part));
    }
    let Some(value) = value else {
        return (start, Vec::new());
    };
    (start, attribute_matches(vm, &value, prefix))
}

/// Keywords and names of the namespace and builtins starting with `prefix`.
fn name_matches(vm: &Vm, globals: &DictObj, prefix: &str) -> Vec<String> {
    let mut found = BTreeSet::new();
    for k in KEYWORDS.iter().filter(|k| k.starts_with(prefix)) {
        // What usually follows the keyword comes with it, as `rlcompleter` does it.
        let completed = match *k {
            "try" | "finally" => format!("{k}:"),
            "False" | "None" | "True" | "break" | "continue" | "pass" | "else" => k.to_string(),
            _ => format!("{k} "),
        };
        found.insert(completed);
    }
    for ns in [globals, &*vm.builtins] {
        for (key, value) in ns.table.borrow().iter() {
            if let Some(name) = key.as_str().filter(|n| n.starts_with(prefix)) {
                found.insert(with_call_paren(name, value));
            }
        }
    }
    found.into_iter().collect()
}

/// Attribute names of `value` starting with `prefix`; as in `rlcompleter`, `_` names
/// show only once the prefix starts with `_`, and dunder names once it starts with `__`.
fn attribute_matches(vm: &Vm, value: &Value, prefix: &str) -> Vec<String> {
    let hidden = match prefix {
        "" => Some("_"),
        "_" => Some("__"),
        _ => None,
    };
    let mut found = BTreeSet::new();
    each_namespace(vm, value, &mut |ns| {
        for (key, attr) in ns.iter() {
            let Some(name) = key.as_str() else { continue };
            if name.starts_with(prefix) && !hidden.is_some_and(|h| name.starts_with(h)) {
                found.insert(with_call_paren(name, attr));
            }
        }
        false
    });
    found.into_iter().collect()
}

/// Calls `f` with each dict an attribute of `value` can come from, innermost first,
/// until it returns true.
fn each_namespace(vm: &Vm, value: &Value, f: &mut dyn FnMut(&Dict) -> bool) {
    let class: Rc<Class> = match value {
        Value::Module(m) => {
            f(&m.dict.table.borrow());
            return;
        }
        Value::Class(c) => c.clone(),
        Value::Object(o) => {
            if let Some(d) = o.dict() {
                if f(&d.table.borrow()) {
                    return;
                }
            }
            o.class.clone()
        }
        other => vm.class_of(other),
    };
    if f(&class.dict.borrow()) {
        return;
    }
    for base in class.mro.borrow().iter() {
        if f(&base.dict.borrow()) {
            return;
        }
    }
}

/// An attribute found by reading namespaces only.
fn static_attribute(vm: &Vm, value: &Value, name: &str) -> Option<Value> {
    let mut found = None;
    each_namespace(vm, value, &mut |ns| {
        found = ns.get_str(name, hash_str(name)).cloned();
        found.is_some()
    });
    found
}

fn lookup(ns: &DictObj, name: &str) -> Option<Value> {
    ns.get_str(name, hash_str(name))
}

/// `rlcompleter` appends `(` to callables.
fn with_call_paren(name: &str, value: &Value) -> String {
    match value {
        Value::Function(_) | Value::NativeFunction(_) | Value::BoundMethod(_) | Value::Class(_) => {
            format!("{name}(")
        }
        _ => name.to_string(),
    }
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_')
}
