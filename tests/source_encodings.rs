//! Source files in declared encodings (PEP 263), through the `apy` binary: a Latin-1 or
//! Windows-1252 file with its coding line runs, an encoding apy cannot decode is
//! CPython's "encoding problem", and a declaration after the second line does not count.

use std::process::Command;

const APY: &str = env!("CARGO_BIN_EXE_apy");

/// Runs `bytes` as a script file; (status, stdout, last line of stderr).
fn run(name: &str, bytes: &[u8]) -> (i32, String, String) {
    let dir = std::env::temp_dir().join(format!("apy-encodings-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("script written");
    let out = Command::new(APY)
        .arg("run")
        .arg(&path)
        .output()
        .expect("apy runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let last = stderr.lines().last().unwrap_or("").to_string();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        last,
    )
}

#[test]
fn declared_single_byte_encodings_run() {
    let (status, stdout, _) = run(
        "latin1.py",
        b"# -*- coding: latin-1 -*-\nprint('caf\xe9', len('\xe9'))\n",
    );
    assert_eq!((status, stdout.as_str()), (0, "caf\u{e9} 1\n"));
    let (status, stdout, _) = run(
        "vim.py",
        b"#!/usr/bin/env python3\n# vim: set fileencoding=cp1252 :\nprint('\x80', ord('\x80'))\n",
    );
    assert_eq!((status, stdout.as_str()), (0, "\u{20ac} 8364\n"));
}

#[test]
fn undecodable_encodings_are_encoding_problems() {
    let (status, _, last) = run("foobar.py", b"# -*- coding: foobar -*-\nprint(1)\n");
    assert_eq!(
        (status, last.as_str()),
        (1, "SyntaxError: encoding problem: foobar")
    );
    let (status, _, last) = run("ascii.py", b"# coding: ascii\nprint('\xe9')\n");
    assert_eq!(
        (status, last.as_str()),
        (1, "SyntaxError: encoding problem: ascii")
    );
}

#[test]
fn a_late_declaration_does_not_count() {
    let (status, _, last) = run("late.py", b"x = 1\n# coding: latin-1\nprint('\xe9')\n");
    assert_eq!(status, 1);
    assert!(
        last.starts_with("SyntaxError: Non-UTF-8 code starting with '\\xe9' in file "),
        "{last}"
    );
}
