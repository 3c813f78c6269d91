//! `apy check --imports`: each import of a program with where apy finds it, and the
//! list of modules apy provides.

use std::process::Command;

fn apy() -> Command {
    Command::new(env!("CARGO_BIN_EXE_apy"))
}

#[test]
fn each_import_is_placed_and_a_missing_one_fails_the_check() {
    let dir = std::env::temp_dir().join(format!("apy-check-imports-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("pkg")).expect("temp dir");
    std::fs::write(dir.join("helpers.py"), "X = 1\n").expect("write");
    std::fs::write(dir.join("pkg/__init__.py"), "").expect("write");
    let main = dir.join("main.py");
    std::fs::write(
        &main,
        "import sys, asyncio\nimport helpers\nfrom pkg import thing\n\
         def f():\n    import not_a_module_apy_has\n    from . import sibling\n",
    )
    .expect("write");
    let out = apy()
        .args(["check", "--imports"])
        .arg(&main)
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    let shown = main.display().to_string();
    assert_eq!(lines.len(), 5, "{text}");
    assert_eq!(lines[0], format!("{shown}:1: sys -- built into apy"));
    assert_eq!(
        lines[1],
        format!("{shown}:1: asyncio -- apy's standard library")
    );
    assert!(
        lines[2].starts_with(&format!("{shown}:2: helpers -- ")),
        "{text}"
    );
    assert!(lines[2].ends_with("helpers.py"), "{text}");
    assert!(lines[3].ends_with("__init__.py"), "{text}");
    assert_eq!(
        lines[4],
        format!(
            "{shown}:5: not_a_module_apy_has -- not found: apy has no module \
             'not_a_module_apy_has' and none is on the import path"
        )
    );
    assert_eq!(out.status.code(), Some(1));

    std::fs::write(&main, "import sys\n").expect("write");
    let out = apy()
        .args(["check", "--imports"])
        .arg(&main)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn with_no_files_it_lists_the_modules_apy_provides() {
    let out = apy().args(["check", "--imports"]).output().expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    let names: Vec<&str> = text.lines().collect();
    for expected in ["asyncio", "sys", "weakref", "importlib", "__future__"] {
        assert!(
            names.contains(&expected),
            "{expected} missing from {names:?}"
        );
    }
    assert!(!names
        .iter()
        .any(|n| n.starts_with('_') && !n.starts_with("__")));
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    assert_eq!(out.status.code(), Some(0));
}
