//! The one-line-per-scope summary that scope tests compare with CPython's code objects
//! (`tests/cpython/dump_code_objects.py` prints the same format from `compile()`).

use apy::sema::ScopeTable;

/// One line per scope in the format the expectations use (the `co_flags` that matter:
/// GEN, COR, AGEN, VARARGS, VARKW, NESTED).
pub fn summarize(table: &ScopeTable) -> Vec<String> {
    let mut lines: Vec<String> = table
        .scopes
        .iter()
        .map(|s| {
            let mut flags = Vec::new();
            match (s.is_generator, s.is_async) {
                (true, false) => flags.push("GEN"),
                (false, true) => flags.push("COR"),
                (true, true) => flags.push("AGEN"),
                (false, false) => {}
            }
            if s.has_varargs {
                flags.push("VARARGS");
            }
            if s.has_varkeywords {
                flags.push("VARKW");
            }
            if s.is_nested {
                flags.push("NESTED");
            }
            format!(
                "{}|{}|{}|{}|{}/{}/{}|{}",
                s.qualname,
                s.varnames.join(","),
                s.cellvars.join(","),
                s.freevars.join(","),
                s.argcount,
                s.posonlyargcount,
                s.kwonlyargcount,
                flags.join(",")
            )
        })
        .collect();
    lines.sort();
    lines
}
