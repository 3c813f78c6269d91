//! Every program in `examples/` prints what CPython 3.11 printed for it
//! (`examples/expected/NAME.out`, generated with `python3 examples/NAME.apy` from the
//! repository root), except for measured times, which are masked on lines that report
//! them.

use std::path::Path;
use std::process::Command;

/// Masks digits on lines that report wall-clock times or clock readings.
fn mask_times(text: &str) -> String {
    text.lines()
        .map(|line| {
            let timed = ["executed in", "measured", "started at", "finished at"]
                .iter()
                .any(|k| line.contains(k));
            if timed {
                line.chars()
                    .map(|c| if c.is_ascii_digit() { '#' } else { c })
                    .collect::<String>()
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Runs every example with `apy run OPTIONS...` and compares its stdout with CPython's.
fn check_examples(options: &[&str]) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<String> = std::fs::read_dir(root.join("examples"))
        .expect("examples dir")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "apy"))
        .map(|p| {
            p.file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .to_string()
        })
        .collect();
    names.sort();
    assert!(names.len() >= 7, "examples missing");
    let mut failures = Vec::new();
    for name in &names {
        let expected = std::fs::read_to_string(root.join(format!("examples/expected/{name}.out")))
            .unwrap_or_else(|_| panic!("examples/expected/{name}.out missing"));
        let out = Command::new(env!("CARGO_BIN_EXE_apy"))
            .arg("run")
            .args(options)
            .arg(format!("examples/{name}.apy"))
            .current_dir(root)
            .env("NO_COLOR", "1")
            .output()
            .expect("apy runs");
        // The expected outputs were recorded with the repository at ROOT (`__file__` is
        // absolute).
        let got =
            String::from_utf8_lossy(&out.stdout).replace(&format!("{}/", root.display()), "ROOT/");
        if !out.status.success() || mask_times(&got) != mask_times(&expected) {
            failures.push(format!(
                "{name} {options:?}: exit {:?}\n--- expected\n{expected}--- got\n{got}--- stderr\n{}",
                out.status.code(),
                String::from_utf8_lossy(&out.stderr)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn examples_match_cpython() {
    check_examples(&[]);
}

/// A virtual clock changes how long a run takes, never what it prints.
#[test]
fn examples_match_cpython_on_a_virtual_clock() {
    check_examples(&["--virtual-time"]);
}
