//! The `string` module: the character-class constants and `capwords`.

use crate::native::ModuleDef;
use crate::native::{python_def, PyDef};
use crate::object::function::Args;
use crate::object::Value;
use crate::vm::{PyResult, Vm};

const LOWER: &str = "abcdefghijklmnopqrstuvwxyz";
const UPPER: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const DIGITS: &str = "0123456789";
const PUNCTUATION: &str = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
const WHITESPACE: &str = " \t\n\r\x0b\x0c";

pub fn load(vm: &mut Vm) -> PyResult<Value> {
    let m = ModuleDef::new("string");
    let letters = format!("{LOWER}{UPPER}");
    let printable = format!("{DIGITS}{letters}{PUNCTUATION}{WHITESPACE}");
    for (name, v) in [
        ("ascii_lowercase", LOWER.to_string()),
        ("ascii_uppercase", UPPER.to_string()),
        ("ascii_letters", letters),
        ("digits", DIGITS.to_string()),
        ("hexdigits", "0123456789abcdefABCDEF".to_string()),
        ("octdigits", "01234567".to_string()),
        ("punctuation", PUNCTUATION.to_string()),
        ("whitespace", WHITESPACE.to_string()),
        ("printable", printable),
    ] {
        m.value(vm, name, Value::str(v));
    }
    m.func(vm, "capwords", capwords);
    Ok(m.finish(vm))
}

/// The titlecase of the Latin digraphs, where it differs from the uppercase.
fn titlecase(c: char) -> Option<char> {
    match c {
        '\u{1C4}'..='\u{1C6}' => Some('\u{1C5}'),
        '\u{1C7}'..='\u{1C9}' => Some('\u{1C8}'),
        '\u{1CA}'..='\u{1CC}' => Some('\u{1CB}'),
        '\u{1F1}'..='\u{1F3}' => Some('\u{1F2}'),
        _ => None,
    }
}

fn is_cased(c: char) -> bool {
    c.is_lowercase() || c.is_uppercase() || titlecase(c) == Some(c)
}

/// `str.capitalize`: the first character titlecased, the rest lowercased (with the
/// final-sigma rule judged in the context of the whole word).
fn capitalize(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let mut out = String::with_capacity(word.len());
    for (i, &c) in chars.iter().enumerate() {
        if i == 0 {
            match titlecase(c) {
                Some(t) => out.push(t),
                None => {
                    // Multi-character titlecases (ß → Ss, ﬁ → Fi): the uppercase
                    // expansion with all but its first character lowercased.
                    let mut upper = c.to_uppercase();
                    out.extend(upper.next());
                    for u in upper {
                        out.extend(u.to_lowercase());
                    }
                }
            }
        } else if c == 'Σ' {
            let before = chars[..i]
                .iter()
                .rev()
                .find(|c| !is_case_ignorable(**c))
                .is_some_and(|c| is_cased(*c));
            let after = chars[i + 1..]
                .iter()
                .find(|c| !is_case_ignorable(**c))
                .is_some_and(|c| is_cased(*c));
            out.push(if before && !after { 'ς' } else { 'σ' });
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// An approximation of Unicode's Case_Ignorable (apostrophes, periods, colons and
/// combining marks), enough for the final-sigma rule.
fn is_case_ignorable(c: char) -> bool {
    matches!(
        c,
        '\'' | '.' | ':' | '^' | '`' | '\u{AD}' | '\u{B7}' | '\u{2019}'
    ) || ('\u{300}'..='\u{36F}').contains(&c)
}

const CAPWORDS: PyDef = PyDef::new("capwords", &["s", "sep"]).defaults(1);

/// `capwords(s, sep=None)`: `(sep or ' ').join(map(str.capitalize, s.split(sep)))`.
fn capwords(vm: &mut Vm, args: Args) -> PyResult {
    let b = python_def(vm, &CAPWORDS, &args)?;
    let s = b[0].clone().unwrap_or(Value::None);
    let sep = b[1].clone().unwrap_or(Value::None);
    let joiner = match &sep {
        Value::Str(t) if !t.as_str().is_empty() => t.as_str().to_string(),
        Value::None | Value::Str(_) => " ".to_string(),
        other => {
            if vm.is_true(other)? {
                return Err(vm.attribute_error(format!(
                    "'{}' object has no attribute 'join'",
                    vm.type_name(other)
                )));
            }
            " ".to_string()
        }
    };
    let Value::Str(text) = &s else {
        return Err(vm.attribute_error(format!(
            "'{}' object has no attribute 'split'",
            vm.type_name(&s)
        )));
    };
    let text = text.as_str();
    let words: Vec<&str> = match &sep {
        Value::Str(t) if t.as_str().is_empty() => return Err(vm.value_error("empty separator")),
        Value::Str(t) => text.split(t.as_str()).collect(),
        Value::None => text
            .split(crate::format::is_space)
            .filter(|w| !w.is_empty())
            .collect(),
        other => {
            return Err(vm.type_error(format!("must be str or None, not {}", vm.type_name(other))))
        }
    };
    let parts: Vec<String> = words.iter().map(|w| capitalize(w)).collect();
    Ok(Value::str(parts.join(&joiner)))
}
