//! The conformance corpus through the semantic pass: `syntax_err_*` programs are rejected
//! with exactly the message of their `# expect-stderr: SyntaxError: ...` directive, every
//! other program is accepted, and the scopes of all of them match the code objects
//! CPython 3.11 builds (`tests/cpython/conformance_code_objects.txt`).

use apy::parser::parse_module;
use apy::sema::analyze;
use apy::source::SourceFile;
use std::collections::HashMap;
use std::path::PathBuf;

mod scope_summary;
use scope_summary::summarize;

fn corpus() -> Vec<PathBuf> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/conformance");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("tests/conformance")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "apy"))
        .collect();
    files.sort();
    files
}

/// File name → CPython's summary lines (or the single `ERR message @ line` line).
fn cpython_code_objects() -> HashMap<String, Vec<String>> {
    let text = include_str!("cpython/conformance_code_objects.txt");
    let mut map: HashMap<String, Vec<String>> = HashMap::new();
    let mut current = None;
    for line in text.lines() {
        if let Some(name) = line.strip_prefix("### ") {
            current = Some(name.to_string());
            map.entry(name.to_string()).or_default();
        } else if let Some(name) = &current {
            map.entry(name.clone()).or_default().push(line.to_string());
        }
    }
    map
}

fn directive(text: &str, key: &str) -> Option<String> {
    text.lines()
        .take_while(|l| l.starts_with('#') || l.trim().is_empty())
        .find_map(|l| l.strip_prefix(key).map(|v| v.trim().to_string()))
}

#[test]
fn corpus_matches_cpython() {
    let files = corpus();
    assert!(files.len() > 50, "corpus missing");
    let expected = cpython_code_objects();
    let mut failures = Vec::new();
    for path in &files {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("utf-8 name")
            .to_string();
        let text = std::fs::read_to_string(path).expect("readable");
        let file = SourceFile::new(name.clone(), text.clone());
        let module = match parse_module(&file) {
            Ok(m) => m,
            Err(d) => {
                failures.push(format!("{name}: does not parse: {}", d.headline()));
                continue;
            }
        };
        // apy's own programs (`x_*`) are checked by the conformance harness; the fixture
        // covers the shared corpus, every file of which must be in it.
        let Some(cpython) = expected.get(&name).cloned() else {
            if !name.starts_with("x_") {
                failures.push(format!(
                    "{name}: missing from cpython/conformance_code_objects.txt (regenerate it)"
                ));
            }
            continue;
        };
        match analyze(&module) {
            Ok(table) => {
                if name.starts_with("syntax_err_") {
                    failures.push(format!("{name}: accepted, but it is a syntax error"));
                }
                let got = summarize(&table);
                if got != cpython {
                    failures.push(format!(
                        "{name}:\n  expected {cpython:#?}\n  got      {got:#?}"
                    ));
                }
            }
            Err(d) => {
                let want = directive(&text, "# expect-stderr:");
                if !name.starts_with("syntax_err_")
                    || want.as_deref() != Some(d.headline().as_str())
                {
                    failures.push(format!("{name}: {} (directive {want:?})", d.headline()));
                }
                let got = vec![format!("ERR {} @ {}", d.message, d.line(&file))];
                if got != cpython {
                    failures.push(format!("{name}: expected {cpython:?}, got {got:?}"));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
