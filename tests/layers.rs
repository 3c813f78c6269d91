//! The layer check: every `crate::` path (and every `super::` path that climbs to the
//! crate root) between the top-level modules of `src/` and of the workspace's other crates
//! (`front/src/`) must point down the order that `ARCHITECTURE.md` declares in its `layers`
//! block, apart from the typed exceptions of its `layer-exceptions` block. A path through
//! the front end's crate name (`apy_front::`) counts as a `crate::` path: the interpreter
//! re-exports those modules at its root. The test prints every edge it found, so
//! `cargo test --test layers -- --nocapture` is also the way to draw the current graph.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The declared order and exceptions, read from `ARCHITECTURE.md`.
struct Spec {
    rank: BTreeMap<String, usize>,
    /// `(from, to, item)`: `from` may name `to::item`.
    exceptions: Vec<(String, String, String)>,
}

fn fenced_block<'a>(text: &'a str, tag: &str) -> Vec<&'a str> {
    let open = format!("```{tag}\n");
    let start = text
        .find(&open)
        .unwrap_or_else(|| panic!("ARCHITECTURE.md has no ```{tag} block"))
        + open.len();
    let len = text[start..].find("```").expect("closed block");
    text[start..start + len]
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .collect()
}

fn read_spec(root: &Path) -> Spec {
    let text = std::fs::read_to_string(root.join("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
    let rank = fenced_block(&text, "layers")
        .into_iter()
        .enumerate()
        .map(|(i, name)| (name.to_string(), i))
        .collect();
    let exceptions = fenced_block(&text, "layer-exceptions")
        .into_iter()
        .map(|line| {
            let (from, target) = line.split_once("->").expect("`from -> to::Item`");
            let (to, item) = target.trim().split_once("::").expect("`to::Item`");
            (from.trim().to_string(), to.to_string(), item.to_string())
        })
        .collect();
    Spec { rank, exceptions }
}

/// The source with comments, string and char literals blanked, so only code is searched.
fn code_only(src: &str) -> String {
    let b = src.as_bytes();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    while i < b.len() {
        let rest = &src[i..];
        if rest.starts_with("//") {
            let end = rest.find('\n').unwrap_or(rest.len());
            i += end;
        } else if rest.starts_with("/*") {
            let mut depth = 0;
            let mut j = i;
            while j < b.len() {
                if src[j..].starts_with("/*") {
                    depth += 1;
                    j += 2;
                } else if src[j..].starts_with("*/") {
                    depth -= 1;
                    j += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    j += 1;
                }
            }
            i = j;
            out.push(' ');
        } else if let Some(hashes) = raw_string_start(rest) {
            let close = format!("\"{}", "#".repeat(hashes));
            let body = hashes + 2;
            let end = rest[body..]
                .find(&close)
                .map_or(rest.len(), |e| body + e + close.len());
            i += end;
            out.push_str("\"\"");
        } else if b[i] == b'"' {
            let mut j = i + 1;
            while j < b.len() && b[j] != b'"' {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            i = j + 1;
            out.push_str("\"\"");
        } else if b[i] == b'\'' && is_char_literal(rest) {
            let mut j = i + 1;
            while j < b.len() && b[j] != b'\'' {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            i = j + 1;
            out.push_str("' '");
        } else {
            let c = rest.chars().next().expect("non-empty");
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// `r"`, `r#"`, `br"`...: the number of `#`s, or None.
fn raw_string_start(s: &str) -> Option<usize> {
    let s = s.strip_prefix('b').unwrap_or(s);
    let s = s.strip_prefix('r')?;
    let hashes = s.len() - s.trim_start_matches('#').len();
    s[hashes..].starts_with('"').then_some(hashes)
}

/// A `'` opening a char literal rather than a lifetime or label.
fn is_char_literal(s: &str) -> bool {
    let mut chars = s.chars().skip(1);
    matches!(
        (chars.next(), chars.next()),
        (Some('\\'), _) | (Some(_), Some('\''))
    )
}

#[derive(Debug, PartialEq)]
enum Tok {
    Ident(String),
    Path,
    Open,
    Close,
    Comma,
    Other,
}

fn tokens(code: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut chars = code.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_alphanumeric() || c == '_' {
            let mut s = c.to_string();
            while let Some(&d) = chars.peek() {
                if d.is_alphanumeric() || d == '_' {
                    s.push(d);
                    chars.next();
                } else {
                    break;
                }
            }
            out.push(Tok::Ident(s));
        } else if c == ':' && chars.peek() == Some(&':') {
            chars.next();
            out.push(Tok::Path);
        } else if c == '{' {
            out.push(Tok::Open);
        } else if c == '}' {
            out.push(Tok::Close);
        } else if c == ',' {
            out.push(Tok::Comma);
        } else if !c.is_whitespace() {
            out.push(Tok::Other);
        }
    }
    out
}

/// The first two segments of each path of the use-tree starting at `toks[i]` (just after
/// `crate::`), e.g. `{vm::Vm, object::{Value, Dict}}` gives `vm::Vm`, `object::Value`,
/// `object::Dict`.
fn tree_paths(toks: &[Tok], i: usize, prefix: &[String], out: &mut Vec<(String, String)>) {
    fn push(out: &mut Vec<(String, String)>, path: Vec<String>) {
        if let Some(first) = path.first() {
            let second = path.get(1).cloned().unwrap_or_default();
            out.push((first.clone(), second));
        }
    }
    match toks.get(i) {
        Some(Tok::Open) => {
            let mut j = i + 1;
            while j < toks.len() && toks[j] != Tok::Close {
                let start = j;
                let mut depth = 0;
                while j < toks.len() {
                    match toks[j] {
                        Tok::Open => depth += 1,
                        Tok::Close if depth == 0 => break,
                        Tok::Close => depth -= 1,
                        Tok::Comma if depth == 0 => break,
                        _ => {}
                    }
                    j += 1;
                }
                if prefix.len() < 2 {
                    tree_paths(toks, start, prefix, out);
                } else {
                    push(out, prefix.to_vec());
                }
                if toks.get(j) == Some(&Tok::Comma) {
                    j += 1;
                }
            }
        }
        Some(Tok::Ident(name)) => {
            let mut path = prefix.to_vec();
            path.push(name.clone());
            if toks.get(i + 1) == Some(&Tok::Path) && path.len() < 2 {
                tree_paths(toks, i + 2, &path, out);
            } else {
                push(out, path);
            }
        }
        _ => push(out, prefix.to_vec()),
    }
}

/// The module path of a source file: `src/vm/ops/attr.rs` is `[vm, ops, attr]`.
fn module_path(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).expect("under src");
    let mut parts: Vec<String> = rel
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().to_string())
        .collect();
    if matches!(parts.last().map(String::as_str), Some("mod")) {
        parts.pop();
    }
    parts
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every `(from, to, item)` import between top-level modules, with the files it is in.
fn edges(src: &Path) -> BTreeMap<(String, String, String), BTreeSet<String>> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let mut found: BTreeMap<(String, String, String), BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let module = module_path(src, &file);
        // lib.rs and main.rs are the crate roots, not layers.
        let Some(from) = module
            .first()
            .filter(|_| module.len() > 1 || !is_root(&module[0]))
        else {
            continue;
        };
        let toks = tokens(&code_only(
            &std::fs::read_to_string(&file).expect("readable file"),
        ));
        let mut paths = Vec::new();
        for i in 0..toks.len() {
            let is_root_name =
                matches!(&toks[i], Tok::Ident(name) if name == "crate" || name == FRONT_CRATE);
            if is_root_name && toks.get(i + 1) == Some(&Tok::Path) {
                tree_paths(&toks, i + 2, &[], &mut paths);
            }
            // `super::super::x` from deep enough reaches the crate root.
            let is_first_super = toks[i] == Tok::Ident("super".into())
                && (i < 2 || toks[i - 1] != Tok::Path || toks[i - 2] != Tok::Ident("super".into()));
            if is_first_super {
                let mut j = i;
                let mut supers = 0;
                while toks.get(j) == Some(&Tok::Ident("super".into()))
                    && toks.get(j + 1) == Some(&Tok::Path)
                {
                    supers += 1;
                    j += 2;
                }
                if supers >= module.len() {
                    tree_paths(&toks, j, &[], &mut paths);
                }
            }
        }
        let rel = file
            .strip_prefix(src)
            .expect("under src")
            .display()
            .to_string();
        for (to, item) in paths {
            if &to != from {
                found
                    .entry((from.clone(), to, item))
                    .or_default()
                    .insert(rel.clone());
            }
        }
    }
    found
}

/// The front end's crate name, as the interpreter's code may spell it.
const FRONT_CRATE: &str = "apy_front";

fn is_root(name: &str) -> bool {
    name == "lib" || name == "main"
}

/// The source folders of the workspace at `root`: its own `src/`, then the `src/` of each
/// member crate in a folder of its own (a folder with a `Cargo.toml`).
fn source_roots(root: &Path) -> Vec<PathBuf> {
    let mut roots = vec![root.join("src")];
    let mut members: Vec<PathBuf> = std::fs::read_dir(root)
        .expect("readable root")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.join("Cargo.toml").is_file() && p.join("src").is_dir())
        .collect();
    members.sort();
    roots.extend(members.into_iter().map(|p| p.join("src")));
    roots
}

/// Everything wrong with the workspace at `root` (its crates' sources and
/// `ARCHITECTURE.md`).
fn problems(root: &Path) -> Vec<String> {
    let spec = read_spec(root);
    let mut top: BTreeSet<String> = BTreeSet::new();
    let roots = source_roots(root);
    for src in &roots {
        for entry in std::fs::read_dir(src).expect("src") {
            let path = entry.expect("entry").path();
            let name = path
                .file_stem()
                .expect("name")
                .to_string_lossy()
                .to_string();
            if path.is_dir() || (path.extension().is_some_and(|e| e == "rs") && !is_root(&name)) {
                top.insert(name);
            }
        }
    }
    let mut problems = Vec::new();
    for name in &top {
        if !spec.rank.contains_key(name) {
            problems.push(format!("module {name} is in no layer of ARCHITECTURE.md"));
        }
    }
    for name in spec.rank.keys() {
        if !top.contains(name) {
            problems.push(format!(
                "ARCHITECTURE.md lists `{name}`, which no crate has"
            ));
        }
    }
    let all_edges = roots.iter().flat_map(|src| edges(src));
    for ((from, to, item), files) in all_edges {
        let (Some(&a), Some(&b)) = (spec.rank.get(&from), spec.rank.get(&to)) else {
            continue;
        };
        let excepted = spec
            .exceptions
            .iter()
            .any(|(f, t, i)| *f == from && *t == to && *i == item);
        let ok = b < a || excepted;
        println!(
            "{} {from} -> {to}::{item}  ({})",
            if ok { "  " } else { "UP" },
            files.iter().cloned().collect::<Vec<_>>().join(", ")
        );
        if !ok {
            problems.push(format!(
                "{from} imports {to}::{item}, a higher layer ({})",
                files.iter().cloned().collect::<Vec<_>>().join(", ")
            ));
        }
    }
    problems
}

#[test]
fn imports_follow_the_layers() {
    let problems = problems(Path::new(env!("CARGO_MANIFEST_DIR")));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The check itself: a small crate whose lower layer reaches up in each way Rust can
/// spell it (a `use` tree, a path in an expression, `super::` climbing to the root),
/// beside the allowed exception and imports hidden in comments and strings.
#[test]
fn upward_imports_are_caught() {
    let root = std::env::temp_dir().join(format!("apy-layers-{}", std::process::id()));
    let write = |path: &str, text: &str| {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    };
    write(
        "ARCHITECTURE.md",
        "```layers\nbase\nlow\nhigh\n```\n```layer-exceptions\nlow -> high::Ctx  # why\n```\n",
    );
    // A member crate below the main one, whose layer reaches up into its own crate's root
    // (where the main crate's layers would be), and a main-crate path through its name.
    write("front/Cargo.toml", "[package]\nname = \"apy-front\"\n");
    write("front/src/lib.rs", "pub mod base;\n");
    write("front/src/base.rs", "use crate::low::Lifted;\n");
    write(
        "src/high.rs",
        "use apy_front::base::Fine;\nuse crate::low::Thing;\n",
    );
    write("src/lib.rs", "pub mod low;\npub mod high;\n");
    write(
        "src/low/mod.rs",
        "use crate::{high::{Ctx, Other}, low::x};\n\
         // use crate::high::Commented;\n\
         const S: &str = \"crate::high::Quoted\";\n\
         const R: &str = r#\"crate::high::Raw\"#;\n\
         fn f() -> char { let _ = crate::high::called(); '\"' }\n",
    );
    write(
        "src/low/deep/inner.rs",
        "use super::super::super::high::Climbed;\n",
    );
    let found = problems(&root);
    std::fs::remove_dir_all(&root).expect("cleanup");
    let named = |item: &str| found.iter().any(|p| p.contains(&format!("high::{item},")));
    assert!(
        named("Other")
            && named("called")
            && named("Climbed")
            && found.iter().any(|p| p.contains("low::Lifted,")),
        "{found:#?}"
    );
    for allowed in ["Ctx", "Commented", "Quoted", "Raw", "Thing", "Fine"] {
        assert!(!named(allowed), "{allowed} wrongly reported: {found:#?}");
    }
    assert_eq!(found.len(), 4, "{found:#?}");
}
