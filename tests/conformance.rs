//! Runs every program in `tests/conformance/` with the `apy` binary and compares with
//! CPython's recorded behaviour: exact stdout (`NAME.out`), the exit status
//! (`# expect-exit: N`) and stderr substrings (`# expect-stderr: TEXT`), the format of
//! `../shared/conformance/`. Programs named `syntax_err_*` are also checked with
//! `apy check`, which must reject them with the same message.
//!
//! Each program is a test of its own (`cargo test --test conformance -- core_`), run in
//! parallel by libtest-mimic; categories still being built are listed as ignored.

use libtest_mimic::{Failed, Trial};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Categories that depend on work not merged yet, with the reason. Each entry is a
/// file-name prefix; remove it when the capability lands.
const PENDING: &[(&str, &str)] = &[];

struct Case {
    path: PathBuf,
    args: Vec<String>,
    exit: i32,
    stderr: Vec<String>,
}

fn parse_case(path: &Path) -> Case {
    let text = std::fs::read_to_string(path).expect("readable test");
    let mut case = Case {
        path: path.to_path_buf(),
        args: vec![],
        exit: 0,
        stderr: vec![],
    };
    for line in text.lines() {
        let s = line.trim();
        if s.is_empty() {
            continue;
        }
        let Some(body) = s.strip_prefix('#') else {
            break;
        };
        let Some((key, value)) = body.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match key.trim() {
            "args" => case.args = shell_split(value),
            "expect-exit" => case.exit = value.parse().expect("numeric expect-exit"),
            "expect-stderr" => case.stderr.push(value.to_string()),
            _ => {}
        }
    }
    case
}

/// Minimal shlex: whitespace-separated words, double or single quotes group.
fn shell_split(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut has = false;
    for c in s.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => cur.push(c),
            None if c == '"' || c == '\'' => {
                quote = Some(c);
                has = true;
            }
            None if c.is_whitespace() => {
                if has || !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                    has = false;
                }
            }
            None => cur.push(c),
        }
    }
    if has || !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Runs one program with `apy run OPTIONS... FILE ARGS...` and checks what it printed.
fn run_case(bin: &str, case: &Case, options: &[&str]) -> Result<(), String> {
    let dir = case.path.parent().expect("case dir");
    let name = case
        .path
        .file_name()
        .expect("file name")
        .to_string_lossy()
        .to_string();
    let output = Command::new(bin)
        .arg("run")
        .args(options)
        .arg(&name)
        .args(&case.args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .map_err(|e| format!("cannot run apy: {e}"))?;
    let expected = std::fs::read(case.path.with_extension("out")).unwrap_or_default();
    let mut problems = Vec::new();
    if output.stdout != expected {
        problems.push(format!(
            "stdout differs\n--- expected\n{}\n--- got\n{}",
            String::from_utf8_lossy(&expected),
            String::from_utf8_lossy(&output.stdout)
        ));
    }
    let code = output.status.code().unwrap_or(-1);
    if code != case.exit {
        problems.push(format!("exit status {code}, expected {}", case.exit));
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    for want in &case.stderr {
        if !stderr.contains(want.as_str()) {
            problems.push(format!("stderr lacks {want:?}; stderr was:\n{stderr}"));
        }
    }
    if name.starts_with("syntax_err") && options.is_empty() {
        let check = Command::new(bin)
            .arg("check")
            .arg(&name)
            .current_dir(dir)
            .env("NO_COLOR", "1")
            .output()
            .map_err(|e| format!("cannot run apy check: {e}"))?;
        let check_err = String::from_utf8_lossy(&check.stderr);
        if check.status.code() != Some(1) {
            problems.push(format!(
                "apy check exit {:?}, expected 1",
                check.status.code()
            ));
        }
        for want in &case.stderr {
            if !check_err.contains(want.as_str()) {
                problems.push(format!("apy check stderr lacks {want:?}"));
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}

fn main() {
    let args = libtest_mimic::Arguments::from_args();
    let bin = env!("CARGO_BIN_EXE_apy");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/conformance exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "apy"))
        .collect();
    paths.sort();
    let mut trials = Vec::new();
    for path in paths {
        let name = path
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        let pending = PENDING.iter().any(|(p, _)| name.starts_with(p));
        // Every asyncio program also runs on the virtual clock (`--virtual-time`),
        // which may change how long a run takes but never what it prints.
        let uses_asyncio = std::fs::read_to_string(&path).is_ok_and(|s| s.contains("asyncio"));
        if uses_asyncio {
            let path = path.clone();
            trials.push(
                Trial::test(format!("{name}@virtual-time"), move || {
                    run_case(bin, &parse_case(&path), &["--virtual-time"]).map_err(Failed::from)
                })
                .with_ignored_flag(pending),
            );
        }
        trials.push(
            Trial::test(name, move || {
                run_case(bin, &parse_case(&path), &[]).map_err(Failed::from)
            })
            .with_ignored_flag(pending),
        );
    }
    libtest_mimic::run(&args, trials).exit();
}
