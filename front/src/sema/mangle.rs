//! Private name mangling (`__x` inside `class C` is `_C__x`), as CPython's `_Py_Mangle`.
//!
//! The symbol table is keyed by mangled names, so the semantic pass and the compiler must
//! agree on one function; this is it.

use std::borrow::Cow;

/// Mangles `name` for the class `private` (the innermost enclosing class body's name).
///
/// Names that do not start with two underscores, dunder names (`__x__`), dotted names
/// (import paths) and classes whose name is only underscores are left alone.
pub fn mangle<'a>(private: Option<&str>, name: &'a str) -> Cow<'a, str> {
    let Some(class) = private else {
        return Cow::Borrowed(name);
    };
    if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
        return Cow::Borrowed(name);
    }
    let stripped = class.trim_start_matches('_');
    if stripped.is_empty() {
        return Cow::Borrowed(name);
    }
    Cow::Owned(format!("_{stripped}{name}"))
}

#[cfg(test)]
mod tests {
    use super::mangle;

    #[test]
    fn follows_py_mangle() {
        assert_eq!(mangle(Some("C"), "__x"), "_C__x");
        assert_eq!(mangle(Some("__C"), "__x"), "_C__x");
        assert_eq!(mangle(Some("C"), "__x__"), "__x__");
        assert_eq!(mangle(Some("C"), "__"), "__");
        assert_eq!(mangle(Some("C"), "_x"), "_x");
        assert_eq!(mangle(Some("___"), "__x"), "__x");
        assert_eq!(mangle(Some("C"), "__a.b"), "__a.b");
        assert_eq!(mangle(None, "__x"), "__x");
    }
}
