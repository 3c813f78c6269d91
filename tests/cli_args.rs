//! The command line as CPython splits it: apy's options come first, and everything
//! after the script (or `-c CODE`) belongs to the program, verbatim.

use std::process::Command;

fn argv_of(args: &[&str], stdin: Option<&str>) -> String {
    // A directory per call: the tests run in parallel threads, and one rewriting
    // `show.py` while another's apy reads it made that one print nothing.
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("apy-cli-args-{}-{call}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("show.py"), "import sys\nprint(sys.argv)\n").expect("write");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_apy"));
    cmd.current_dir(&dir).args(args);
    if let Some(text) = stdin {
        std::fs::write(dir.join("stdin.py"), text).expect("write");
        cmd.stdin(std::fs::File::open(dir.join("stdin.py")).expect("open"));
    }
    let out = cmd.output().expect("apy runs");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim_end().to_string()
}

#[test]
fn options_after_the_script_belong_to_the_script() {
    assert_eq!(
        argv_of(&["show.py", "--help"], None),
        "['show.py', '--help']"
    );
    assert_eq!(
        argv_of(&["show.py", "-i", "x"], None),
        "['show.py', '-i', 'x']"
    );
    assert_eq!(
        argv_of(&["show.py", "--", "--help"], None),
        "['show.py', '--', '--help']"
    );
    assert_eq!(
        argv_of(&["run", "show.py", "--help"], None),
        "['show.py', '--help']"
    );
    assert_eq!(
        argv_of(&["--color", "never", "run", "show.py", "-q"], None),
        "['show.py', '-q']"
    );
}

#[test]
fn arguments_after_dash_c_code_are_the_programs() {
    let code = "import sys; print(sys.argv)";
    assert_eq!(argv_of(&["-c", code, "a", "b"], None), "['-c', 'a', 'b']");
    assert_eq!(argv_of(&["-c", code, "-v", "x"], None), "['-c', '-v', 'x']");
}

#[test]
fn a_script_on_stdin_gets_the_arguments_after_the_dash() {
    assert_eq!(
        argv_of(&["-", "a", "--b"], Some("import sys\nprint(sys.argv)\n")),
        "['-', 'a', '--b']"
    );
}

#[test]
fn options_before_a_subcommand_still_apply_to_it() {
    let dir = std::env::temp_dir().join(format!("apy-cli-sub-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("ok.py"), "x = 1\n").expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_apy"))
        .current_dir(&dir)
        .args(["--color", "never", "check", "ok.py"])
        .output()
        .expect("apy runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// What `PROGRAM` prints under `apy ARGS... -c PROGRAM` (stdout, trimmed).
fn output_of(args: &[&str], program: &str, env: &[(&str, &str)]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_apy"))
        .args(args)
        .args(["-c", program])
        .env_remove("PYTHONUNBUFFERED")
        .envs(env.iter().copied())
        .env_remove("PYTHONASYNCIODEBUG")
        .output()
        .expect("apy runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim_end().to_string()
}

/// The expected lines were printed by `python3 -X ... -c` (CPython 3.11).
#[test]
fn dash_x_options_and_development_mode() {
    let program = "import sys, warnings, asyncio\n\
        print(sys.flags.dev_mode, sys._xoptions)\n\
        print(warnings.filters[0])\n\
        async def main():\n    print(asyncio.get_running_loop().get_debug())\n\
        asyncio.run(main())";
    assert_eq!(
        output_of(&[], program, &[]),
        "False {}\n('default', None, <class 'DeprecationWarning'>, '__main__', 0)\nFalse"
    );
    assert_eq!(
        output_of(&["-X", "dev"], program, &[]),
        "True {'dev': True}\n('default', None, <class 'Warning'>, None, 0)\nTrue"
    );
    assert_eq!(
        output_of(&["-X", "foo=bar", "-X", "baz"], program, &[]),
        "False {'foo': 'bar', 'baz': True}\n\
         ('default', None, <class 'DeprecationWarning'>, '__main__', 0)\nFalse"
    );
    assert_eq!(
        output_of(&[], program, &[("PYTHONDEVMODE", "1")]),
        "True {}\n('default', None, <class 'Warning'>, None, 0)\nTrue"
    );
}

/// `-u` and a non-empty PYTHONUNBUFFERED write stdout through at once, so a line printed
/// before an `os.write` to the same pipe arrives first; buffered, it arrives at exit.
/// The expected lines were printed by `python3` under the same options.
#[test]
fn dash_u_and_pythonunbuffered_write_stdout_through() {
    let program = "import os, sys\nprint('a')\nos.write(1, b'X\\n')\n\
        print(sys.stdout.line_buffering, sys.stdout.write_through, \
        sys.stderr.line_buffering, sys.stderr.write_through)";
    let buffered = "X\na\nFalse False True False";
    let through = "a\nX\nFalse True False True";
    assert_eq!(output_of(&[], program, &[]), buffered);
    assert_eq!(output_of(&["-u"], program, &[]), through);
    assert_eq!(
        output_of(&[], program, &[("PYTHONUNBUFFERED", "1")]),
        through
    );
    assert_eq!(
        output_of(&[], program, &[("PYTHONUNBUFFERED", "")]),
        buffered
    );
}

/// stdout and stderr on one pipe (`2>&1 | cat`) arrive as from CPython: stdout is
/// block-buffered there, so stderr text, a child's output and the traceback overtake
/// it; `flush=True` does not wait. The expected text is `python3`'s.
#[test]
fn stdout_on_a_pipe_is_block_buffered_beside_stderr() {
    let program = "import sys, time, subprocess\n\
        print('a'); print('b', file=sys.stderr); time.sleep(0.05); print('c')\n\
        subprocess.run(['echo', 'child'])\n\
        sys.stderr.write('e\\n')\n\
        print('d', flush=True)\n\
        print('f')\n\
        raise ValueError('x')";
    let apy = env!("CARGO_BIN_EXE_apy");
    let out = Command::new("sh")
        .args(["-c", "\"$0\" -c \"$1\" 2>&1 | cat", apy, program])
        .env_remove("PYTHONUNBUFFERED")
        .output()
        .expect("sh runs");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "b\nchild\ne\na\nc\nd\nTraceback (most recent call last):\n  \
         File \"<string>\", line 7, in <module>\nValueError: x\nf\n"
    );
}
