//! A parsed Python pattern written out in `fancy-regex` syntax, meaning for meaning.
//!
//! The two dialects agree on most of the grammar but not on what several pieces mean,
//! so nothing is passed through as written: every node becomes the construct that
//! matches what CPython's engine matches there.
//!
//! - `$` without MULTILINE matches at the end *or before a final newline*: `(?:\z|(?=\n\z))`.
//!   `\Z` is the very end: `\z`.
//! - `\w` is `str.isalnum()` or `_` (letters and numbers, no combining marks), `\s` is
//!   `str.isspace()` (which includes `\x1c`-`\x1f`): explicit classes. In ASCII mode
//!   (bytes patterns, `re.ASCII`) they are the ASCII classes, and `\b` is spelt with
//!   look-arounds over the ASCII word class.
//! - Literal characters other than ASCII letters, digits and `_` are written `\x{..}`,
//!   so no character can be taken for syntax of the other dialect (`&&`, `~~`, `--`
//!   in classes, `#`...).
//! - Flags are resolved by the parser; each node that depends on one is written with
//!   its own scoped group (`(?i:...)`, `(?m:^)`, `(?s:.)`).
//! - Groups are emitted unnamed (numbering is the same); names stay with the pattern.

use super::parse::{Category, Node, RepeatKind, SetItem};
use std::fmt::Write;

/// `str.isspace()` as a class body.
const SPACE: &str = r"\t-\r\x{1c}-\x{20}\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}";
const WORD: &str = r"\p{L}\p{N}_";
const ASCII_SPACE: &str = r"\t-\r\x{20}";
const ASCII_WORD: &str = "0-9A-Za-z_";

/// The fancy-regex source for `node`.
pub fn emit(node: &Node) -> String {
    let mut out = String::new();
    write_node(node, &mut out);
    out
}

fn push_char(out: &mut String, c: char) {
    if c.is_ascii_alphanumeric() || c == '_' {
        out.push(c);
    } else {
        let _ = write!(out, "\\x{{{:x}}}", c as u32);
    }
}

/// The body of a class for a category (no brackets), when it is not negated.
fn category_body(cat: Category, ascii: bool) -> &'static str {
    match (cat, ascii) {
        (Category::Digit, false) => r"\d",
        (Category::Digit, true) => "0-9",
        (Category::Word, false) => WORD,
        (Category::Word, true) => ASCII_WORD,
        (Category::Space, false) => SPACE,
        (Category::Space, true) => ASCII_SPACE,
    }
}

fn write_category(out: &mut String, cat: Category, negated: bool, ascii: bool) {
    out.push('[');
    if negated {
        out.push('^');
    }
    out.push_str(category_body(cat, ascii));
    out.push(']');
}

fn write_set(out: &mut String, negated: bool, items: &[SetItem], ascii: bool) {
    out.push('[');
    if negated {
        out.push('^');
    }
    for item in items {
        match *item {
            SetItem::Char(c) => push_char(out, c),
            SetItem::Range(lo, hi) => {
                push_char(out, lo);
                out.push('-');
                push_char(out, hi);
            }
            SetItem::Category { cat, negated, .. } => {
                if negated {
                    // A nested class: `[^...]` inside the set.
                    write_category(out, cat, true, ascii);
                } else {
                    out.push_str(category_body(cat, ascii));
                }
            }
        }
    }
    out.push(']');
}

/// Whether `node` is written as one atom a quantifier can follow directly.
fn is_atom(node: &Node) -> bool {
    matches!(
        node,
        Node::Char { icase: false, .. }
            | Node::Any { .. }
            | Node::Set { icase: false, .. }
            | Node::Category { .. }
            | Node::Group { .. }
    )
}

fn write_quantifier(out: &mut String, min: u32, max: Option<u32>, lazy: bool) {
    match (min, max) {
        (0, None) => out.push('*'),
        (1, None) => out.push('+'),
        (0, Some(1)) => out.push('?'),
        (m, None) => {
            let _ = write!(out, "{{{m},}}");
        }
        (m, Some(n)) if m == n => {
            let _ = write!(out, "{{{m}}}");
        }
        (m, Some(n)) => {
            let _ = write!(out, "{{{m},{n}}}");
        }
    }
    if lazy {
        out.push('?');
    }
}

/// Recursion here follows the tree, whose depth the parser bounds.
fn write_node(node: &Node, out: &mut String) {
    match node {
        Node::Empty => {}
        Node::Char { c, icase } => {
            if *icase {
                out.push_str("(?i:");
                push_char(out, *c);
                out.push(')');
            } else {
                push_char(out, *c);
            }
        }
        Node::Any { dotall } => out.push_str(if *dotall { "(?s:.)" } else { "." }),
        Node::Set {
            negated,
            items,
            icase,
            ascii,
        } => {
            if *icase {
                out.push_str("(?i:");
            }
            write_set(out, *negated, items, *ascii);
            if *icase {
                out.push(')');
            }
        }
        Node::Category {
            cat,
            negated,
            ascii,
        } => write_category(out, *cat, *negated, *ascii),
        Node::Begin { multiline } => out.push_str(if *multiline { "(?m:^)" } else { r"\A" }),
        Node::End { multiline } => out.push_str(if *multiline {
            "(?m:$)"
        } else {
            r"(?:\z|(?=\n\z))"
        }),
        Node::StartText => out.push_str(r"\A"),
        Node::EndText => out.push_str(r"\z"),
        Node::Boundary { negated, ascii } => {
            if !*ascii {
                out.push_str(if *negated { r"\B" } else { r"\b" });
            } else {
                let w = ASCII_WORD;
                if *negated {
                    let _ = write!(out, "(?:(?<=[{w}])(?=[{w}])|(?<![{w}])(?![{w}]))");
                } else {
                    let _ = write!(out, "(?:(?<=[{w}])(?![{w}])|(?<![{w}])(?=[{w}]))");
                }
            }
        }
        Node::Group { body, .. } => {
            out.push('(');
            write_node(body, out);
            out.push(')');
        }
        Node::Look {
            behind,
            negated,
            body,
        } => {
            out.push_str(match (behind, negated) {
                (false, false) => "(?=",
                (false, true) => "(?!",
                (true, false) => "(?<=",
                (true, true) => "(?<!",
            });
            write_node(body, out);
            out.push(')');
        }
        Node::Atomic(body) => {
            out.push_str("(?>");
            write_node(body, out);
            out.push(')');
        }
        Node::Repeat {
            min,
            max,
            kind,
            body,
        } => {
            if *kind == RepeatKind::Possessive {
                out.push_str("(?>");
            }
            if is_atom(body) {
                write_node(body, out);
            } else {
                out.push_str("(?:");
                write_node(body, out);
                out.push(')');
            }
            write_quantifier(out, *min, *max, *kind == RepeatKind::Lazy);
            if *kind == RepeatKind::Possessive {
                out.push(')');
            }
        }
        Node::Concat(items) => {
            let mut i = 0;
            while i < items.len() {
                // A run of case-insensitive characters shares one `(?i:...)`.
                if let Node::Char { icase: true, .. } = items[i] {
                    out.push_str("(?i:");
                    while let Some(Node::Char { c, icase: true }) = items.get(i) {
                        push_char(out, *c);
                        i += 1;
                    }
                    out.push(')');
                    continue;
                }
                write_node(&items[i], out);
                i += 1;
            }
        }
        Node::Alt(items) => {
            out.push_str("(?:");
            for (i, n) in items.iter().enumerate() {
                if i > 0 {
                    out.push('|');
                }
                write_node(n, out);
            }
            out.push(')');
        }
        Node::Backref { group, icase } => {
            let _ = write!(out, "{}\\{group})", if *icase { "(?i:" } else { "(?:" });
        }
        Node::Cond { group, yes, no } => {
            let _ = write!(out, "(?({group})");
            write_node(yes, out);
            out.push('|');
            write_node(no, out);
            out.push(')');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse::parse;
    use super::*;

    fn translate(p: &str, flags: u32) -> String {
        let chars: Vec<char> = p.chars().collect();
        match parse(&chars, flags, true) {
            Ok(parsed) => emit(&parsed.node),
            Err(e) => format!("{e:?}"),
        }
    }

    #[test]
    fn dollar_and_z_keep_python_meaning() {
        assert_eq!(translate("a$", 0), r"a(?:\z|(?=\n\z))");
        assert_eq!(translate(r"a\Z", 0), r"a\z");
        assert_eq!(translate("(?m)a$", 0), "a(?m:$)");
    }

    #[test]
    fn literals_cannot_become_syntax() {
        assert_eq!(translate("[&&]", 0), r"[\x{26}\x{26}]");
        assert_eq!(translate("a.b", 0), "a.b");
        assert_eq!(translate(r"a\.b", 0), r"a\x{2e}b");
    }

    #[test]
    fn backreference_is_not_glued_to_a_digit() {
        assert_eq!(translate(r"(a)(?:\1)0", 0), r"(a)(?:\1)0");
    }
}
