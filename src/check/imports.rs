//! `apy check --imports`: which modules a program imports, and where apy would find
//! each — built into the interpreter, apy's library, a file on the import path — or that
//! apy has no such module. A program that imports `numpy` fails at run time with
//! CPython's `ModuleNotFoundError`; this says so before it runs, for every import at
//! once. With no files, it lists the modules apy provides.

use crate::ast::{Stmt, StmtKind};
use crate::source::SourceFile;
use crate::vm::imports::INTERPRETER_MODULES;
use crate::vm::module_finder::{self, Found};
use std::io::Write;
use std::path::Path;

/// Where an imported module comes from.
enum Origin {
    Interpreter,
    Library,
    File(String),
    Missing,
}

/// One `import` of a program.
struct Imported {
    line: u32,
    module: String,
}

/// Every absolute module an import statement of `body` names, nested ones included
/// (relative imports stay inside the program's own package). Walks with an explicit
/// stack: no recursion over the user's nesting.
fn imports_of(source: &SourceFile, body: &[Stmt]) -> Vec<Imported> {
    let mut out = Vec::new();
    let mut stack: Vec<&Stmt> = body.iter().rev().collect();
    while let Some(stmt) = stack.pop() {
        let line = source.line_of(stmt.span.start);
        match &stmt.kind {
            StmtKind::Import(aliases) => out.extend(aliases.iter().map(|a| Imported {
                line,
                module: a.name.clone(),
            })),
            StmtKind::ImportFrom {
                module: Some(m),
                level: 0,
                ..
            } => out.push(Imported {
                line,
                module: m.clone(),
            }),
            StmtKind::If { body, orelse, .. }
            | StmtKind::While { body, orelse, .. }
            | StmtKind::For { body, orelse, .. } => {
                stack.extend(orelse.iter().rev());
                stack.extend(body.iter().rev());
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
                ..
            } => {
                stack.extend(finalbody.iter().rev());
                stack.extend(orelse.iter().rev());
                for h in handlers.iter().rev() {
                    stack.extend(h.body.iter().rev());
                }
                stack.extend(body.iter().rev());
            }
            StmtKind::With { body, .. } => stack.extend(body.iter().rev()),
            StmtKind::FunctionDef(f) => stack.extend(f.body.iter().rev()),
            StmtKind::ClassDef(c) => stack.extend(c.body.iter().rev()),
            _ => {}
        }
    }
    out
}

/// Where `module` would be found by a program whose import path is `path`.
fn origin(module: &str, path: &[String]) -> Origin {
    let top = module.split('.').next().unwrap_or(module);
    if INTERPRETER_MODULES.contains(&top) && crate::stdlib::provides(top) {
        return Origin::Interpreter;
    }
    match module_finder::find(top, path) {
        Some(Found::Module { file }) => return Origin::File(file.display().to_string()),
        Some(Found::Package { init, .. }) => return Origin::File(init.display().to_string()),
        Some(Found::Namespace { dirs }) => {
            let shown = dirs
                .first()
                .map(|d| d.display().to_string())
                .unwrap_or_default();
            return Origin::File(shown);
        }
        None => {}
    }
    if crate::stdlib::provides(module) || crate::stdlib::provides(top) {
        Origin::Library
    } else {
        Origin::Missing
    }
}

/// The import path a script at `file` runs with: its directory, then `PYTHONPATH`.
fn import_path(file: &Path) -> Vec<String> {
    let dir = file
        .parent()
        .map(|d| d.display().to_string())
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| ".".to_string());
    let mut path = vec![dir];
    if let Ok(extra) = std::env::var("PYTHONPATH") {
        path.extend(
            extra
                .split(':')
                .filter(|p| !p.is_empty())
                .map(str::to_string),
        );
    }
    path
}

/// Reports the imports of each file on `out`; returns 1 when some module is missing,
/// 2 when a file cannot be read or parsed (its diagnostic goes to `err`).
pub fn report(
    paths: &[impl AsRef<Path>],
    color: bool,
    out: &mut impl Write,
    err: &mut impl Write,
) -> i32 {
    if paths.is_empty() {
        let _ = writeln!(out, "{}", provided_modules().join("\n"));
        return 0;
    }
    let mut status = 0;
    for path in paths {
        let path = path.as_ref();
        let source = match super::load_source(path) {
            Ok(s) => s,
            Err(super::LoadError::Io(msg)) => {
                let _ = writeln!(err, "apy: {msg}");
                status = 2;
                continue;
            }
            Err(super::LoadError::Encoding(boxed)) => {
                let (source, d) = *boxed;
                let _ = err.write_all(d.render(&source, color).as_bytes());
                status = 2;
                continue;
            }
        };
        let module = match crate::parser::parse_module(&source) {
            Ok(m) => m,
            Err(d) => {
                let _ = err.write_all(d.render(&source, color).as_bytes());
                status = 2;
                continue;
            }
        };
        let search = import_path(path);
        for imported in imports_of(&source, &module.body) {
            let place = match origin(&imported.module, &search) {
                Origin::Interpreter => "built into apy".to_string(),
                Origin::Library => "apy's standard library".to_string(),
                Origin::File(f) => f,
                Origin::Missing => {
                    status = status.max(1);
                    format!(
                        "not found: apy has no module '{}' and none is on the import path",
                        imported.module
                    )
                }
            };
            let _ = writeln!(
                out,
                "{}:{}: {} -- {place}",
                path.display(),
                imported.line,
                imported.module
            );
        }
    }
    status
}

/// The top-level modules apy provides, sorted, private ones (`_io`) left out.
pub fn provided_modules() -> Vec<String> {
    let mut names: Vec<String> = crate::stdlib::module_names()
        .into_iter()
        .filter(|n| !n.starts_with('_') || n.starts_with("__"))
        .collect();
    names.sort();
    names.dedup();
    names
}
