//! Programs whose whole stderr is pinned: `tests/stderr_cases/NAME.apy` must write exactly
//! `NAME.err`, which is CPython 3.11's stderr for it (`python3 NAME.apy` run in that
//! directory, with the directory's absolute path replaced by `DIR`). Used where the
//! conformance corpus's substring checks cannot tell (a warning printed once, not twice).

use std::path::Path;
use std::process::Command;

#[test]
fn stderr_matches_cpython() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/stderr_cases");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("stderr_cases dir")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "apy"))
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no cases in {}", dir.display());
    let mut failures = Vec::new();
    for program in &names {
        let expected = std::fs::read_to_string(program.with_extension("err"))
            .expect("every case has a .err file");
        let out = Command::new(env!("CARGO_BIN_EXE_apy"))
            .arg("run")
            .arg(program)
            .current_dir(&dir)
            .output()
            .expect("run apy");
        let prefix = format!("{}/", dir.display());
        let stderr = String::from_utf8_lossy(&out.stderr).replace(&prefix, "DIR/");
        if stderr != expected {
            failures.push(format!(
                "{}:\n--- expected\n{expected}--- got\n{stderr}",
                program.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
