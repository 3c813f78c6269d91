//! The interactive interpreter. Sessions are driven through `apy -i -q` with the input
//! piped in: that is the same loop a terminal session runs (only the line editor
//! differs), and what CPython's `python3 -i -q` does with piped input is the oracle —
//! the expected outputs below were recorded from it (and, for top-level `await`, from
//! `python3 -m asyncio`). The line-collecting logic is also tested directly through
//! `apy::repl::InputBuffer`.

use apy::repl::{Feed, InputBuffer};
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn apy(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_apy"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("apy runs");
    child
        .stdin
        .take()
        .expect("piped stdin")
        .write_all(input.as_bytes())
        .expect("input written");
    child.wait_with_output().expect("apy finishes")
}

/// A REPL session over `input`: (stdout, stderr, exit status).
fn session(input: &str) -> (String, String, i32) {
    let out = apy(&["-i", "-q"], input);
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn multi_line_block_ends_at_an_empty_line() {
    let (out, err, status) =
        session("if True:\n    x = 1\n    print(x + 1)\n\nfor i in range(2): i\n\nx\n");
    assert_eq!(out, "2\n0\n1\n1\n");
    // The prompts, exactly as CPython writes them to stderr when stdin is a pipe.
    assert_eq!(err, ">>> ... ... ... >>> ... >>> >>> \n");
    assert_eq!(status, 0);
}

#[test]
fn blocks_continue_with_clauses_blank_lines_and_open_brackets() {
    let input = "if 0:\n    pass\n    \nelse:\n    print('else')\n\n\
                 d = {'a': 1,\n\n     'b': 2}\nd\ns = '''one\n\ntwo'''\ns\nn = 1 + \\\n2\nn\n";
    let (out, _, _) = session(input);
    assert_eq!(out, "else\n{'a': 1, 'b': 2}\n'one\\n\\ntwo'\n3\n");
}

#[test]
fn prompts_come_from_sys_ps1_and_sys_ps2() {
    let (out, err, _) =
        session("import sys\nsys.ps1, sys.ps2\nsys.ps1 = 'apy> '\nif 1:\n  pass\n\n");
    assert_eq!(out, "('>>> ', '... ')\n");
    assert_eq!(err, ">>> >>> >>> apy> ... ... apy> \n");
}

#[test]
fn expression_statements_echo_their_repr_and_bind_underscore() {
    let (out, _, _) = session("1 + 1\n_ * 10\nNone\n_\n'a'\nx = 5\n1; 2\nexit\n");
    assert_eq!(
        out,
        "2\n20\n20\n'a'\n1\n2\nUse exit() or Ctrl-D (i.e. EOF) to exit\n"
    );
}

#[test]
fn exception_is_reported_and_the_session_goes_on() {
    let (out, err, status) = session("def f():\n    return 1/0\n\nf()\nprint('still here')\n");
    assert_eq!(out, "still here\n");
    assert!(
        err.contains(
            "Traceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\n  \
             File \"<stdin>\", line 2, in f\nZeroDivisionError: division by zero\n"
        ),
        "{err}"
    );
    assert_eq!(status, 0);
}

#[test]
fn syntax_error_is_reported_and_the_session_goes_on() {
    let (out, err, _) = session("x = 1 +\nprint('ok')\nif x:\n\nif 1:\n  pass\ny = 2\ny\n");
    assert_eq!(out, "ok\n");
    assert!(err.contains("SyntaxError: invalid syntax"), "{err}");
    assert!(
        err.contains("IndentationError: expected an indented block after 'if' statement on line 1"),
        "{err}"
    );
    // One statement per input: `y = 2` right after the block is an error (line 3).
    assert!(err.contains("<stdin>:3:1"), "{err}");
    assert!(err.contains("NameError: name 'y' is not defined"), "{err}");
}

#[test]
fn end_of_input_ends_the_statement_being_typed() {
    let (out, err, _) = session("if 1:\n    print(1)");
    assert_eq!(out, "1\n");
    assert_eq!(err, ">>> ... ... \n>>> \n");
    let (_, err, _) = session("x = (1,\n");
    assert!(err.contains("SyntaxError: '(' was never closed"), "{err}");
}

#[test]
fn exit_and_system_exit_end_the_session_with_their_status() {
    let (out, _, status) = session("print('before')\nexit(3)\nprint('after')\n");
    assert_eq!((out.as_str(), status), ("before\n", 3));
    let (_, _, status) = session("quit()\n");
    assert_eq!(status, 0);
    let (_, err, status) = session("raise SystemExit('bye')\n");
    assert_eq!(status, 1);
    assert!(err.ends_with("bye\n"), "{err}");
    // An exception earlier in the session does not change the status at end of input.
    let (_, _, status) = session("1/0\n");
    assert_eq!(status, 0);
}

#[test]
fn top_level_await() {
    let input = "import asyncio\nawait asyncio.sleep(0.01)\nx = await asyncio.sleep(0, 'v')\nx\n\
                 async def f():\n    return 7\n\nawait f()\n";
    let (out, err, _) = session(input);
    assert_eq!(out, "'v'\n7\n", "{err}");
}

#[test]
fn task_created_at_the_prompt_finishes_during_a_later_await() {
    let input = "import asyncio\nasync def work():\n    print('start')\n    \
                 await asyncio.sleep(0.05)\n    print('end')\n    return 42\n\n\
                 t = asyncio.create_task(work())\nt.done()\n\
                 await asyncio.sleep(0.2)\nt.done(), t.result()\n";
    let (out, err, _) = session(input);
    // As under `python3 -m asyncio`: the task starts right after the input that made it.
    assert_eq!(out, "start\nFalse\nend\n(True, 42)\n", "{err}");
}

#[test]
fn async_for_with_and_comprehensions_at_top_level() {
    let input = "async def agen():\n    for i in range(3):\n        yield i\n\n\
                 async for v in agen():\n    print(v)\n\n\
                 [v * 2 async for v in agen()]\n\
                 class CM:\n    async def __aenter__(self):\n        return 'cm'\n    \
                 async def __aexit__(self, *exc):\n        print('exit')\n\n\
                 async with CM() as c:\n    print(c)\n\n";
    let (out, err, _) = session(input);
    assert_eq!(out, "0\n1\n2\n[0, 2, 4]\ncm\nexit\n", "{err}");
}

#[test]
fn await_errors_inside_the_awaited_code_and_in_plain_functions() {
    let input = "async def g():\n    raise ValueError(3)\n\nawait g()\n\
                 def h():\n    await g()\n\nprint('on')\n";
    let (out, err, _) = session(input);
    assert_eq!(out, "on\n");
    assert!(
        err.contains(
            "  File \"<stdin>\", line 1, in <module>\n  File \"<stdin>\", line 2, in g\n\
             ValueError: 3\n"
        ),
        "{err}"
    );
    assert!(
        err.contains("SyntaxError: 'await' outside async function"),
        "{err}"
    );
}

#[test]
fn code_runs_inside_the_session_loop() {
    // `python3 -m asyncio` semantics: there is a running loop at the prompt.
    let input = "import asyncio\nloop = asyncio.get_running_loop()\n\
                 loop is asyncio.get_event_loop()\nasyncio.run(asyncio.sleep(0))\n";
    let (out, err, _) = session(input);
    assert_eq!(out, "True\n");
    assert!(
        err.contains("RuntimeError: asyncio.run() cannot be called from a running event loop"),
        "{err}"
    );
}

/// As in `python3 -m asyncio`, `asyncio` is imported before the first prompt; apy adds
/// what to type instead of `asyncio.run(...)`.
#[test]
fn asyncio_is_ready_and_asyncio_run_gets_a_hint() {
    let input = "await asyncio.sleep(0, 'slept')\nasync def main():\n    return 5\n\n\
                 asyncio.run(main())\nawait main()\n";
    let (out, err, status) = session(input);
    assert_eq!(out, "'slept'\n5\n");
    assert!(
        err.contains(
            "RuntimeError: asyncio.run() cannot be called from a running event loop\n\
             apy: the prompt runs in an event loop already; use \"await main()\" instead\n"
        ),
        "{err}"
    );
    assert_eq!(status, 0);
}

#[test]
fn inspect_after_a_program() {
    let out = apy(&["-i", "-c", "x = 5\n1/0"], "x\n");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "5\n");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("Traceback (most recent call last):\n  File \"<string>\", line 2"),
        "{err}"
    );
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn piped_stdin_without_a_terminal_runs_as_a_script() {
    let script =
        "import sys\nprint(sys.argv, __file__)\nif True:\n    print('block')\nprint('next')\n";
    let out = apy(&[], script);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "[''] <stdin>\nblock\nnext\n"
    );
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert_eq!(out.status.code(), Some(0));

    let out = apy(&[], "print('a')\nraise KeyError('k')\n");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "a\n");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "Traceback (most recent call last):\n  File \"<stdin>\", line 2, in <module>\nKeyError: 'k'\n"
    );
    assert_eq!(out.status.code(), Some(1));

    let out = apy(
        &["-", "a", "b"],
        "import sys\nprint(sys.argv)\nsys.exit(4)\n",
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), "['-', 'a', 'b']\n");
    assert_eq!(out.status.code(), Some(4));
}

/// The kind of each `Feed` for a sequence of lines.
fn feeds(lines: &[&str]) -> Vec<String> {
    let mut buffer = InputBuffer::new();
    lines
        .iter()
        .map(|line| match buffer.push(line) {
            Feed::Nothing => "nothing".to_string(),
            Feed::More => "more".to_string(),
            Feed::Run(_) => "run".to_string(),
            Feed::Error(_, diag) => format!("error: {}", diag.message),
        })
        .collect()
}

#[test]
fn input_buffer_asks_for_more_exactly_when_the_input_is_unfinished() {
    assert_eq!(feeds(&["x = 1"]), ["run"]);
    assert_eq!(
        feeds(&["", "   ", "# comment"]),
        ["nothing", "nothing", "nothing"]
    );
    assert_eq!(feeds(&["if x:", "    pass", ""]), ["more", "more", "run"]);
    assert_eq!(feeds(&["if 1: pass", ""]), ["more", "run"]);
    assert_eq!(feeds(&["foo(", "", "1)"]), ["more", "more", "run"]);
    assert_eq!(feeds(&["s = '''a", "", "b'''"]), ["more", "more", "run"]);
    assert_eq!(feeds(&["s = 'a\\", "b'"]), ["more", "run"]);
    assert_eq!(feeds(&["n = 1 + \\", "2"]), ["more", "run"]);
    assert_eq!(
        feeds(&["@dec", "def f(): pass", ""]),
        ["more", "more", "run"]
    );
    assert_eq!(
        feeds(&["try:", "    pass", "finally:", "    pass", ""]),
        ["more", "more", "more", "more", "run"]
    );
    assert_eq!(
        feeds(&[
            "class A:",
            "    def f(self):",
            "        return 1",
            "    ",
            ""
        ]),
        ["more", "more", "more", "more", "run"]
    );
}

#[test]
fn input_buffer_reports_errors_as_cpython_interactive_mode_does() {
    assert_eq!(feeds(&["x = 1 +"]), ["error: invalid syntax"]);
    assert_eq!(
        feeds(&["foo(1 2"]),
        ["error: invalid syntax. Perhaps you forgot a comma?"]
    );
    assert_eq!(
        feeds(&["if x:", ""]),
        [
            "more",
            "error: expected an indented block after 'if' statement on line 1"
        ]
    );
    assert_eq!(
        feeds(&["try:", "    pass", ""]),
        [
            "more",
            "more",
            "error: expected 'except' or 'finally' block"
        ]
    );
    assert_eq!(
        feeds(&["if 1:", "    pass", "x = 1"]),
        ["more", "more", "error: invalid syntax"]
    );
    assert_eq!(
        feeds(&["s = 'abc"]),
        ["error: unterminated string literal (detected at line 1)"]
    );
    assert_eq!(feeds(&["    x"]), ["error: unexpected indent"]);
}

#[test]
fn leaving_the_prompt_releases_the_namespace() {
    // `python3 -i -q` warns about the never-awaited coroutine still held by `c` when
    // it shuts down, without the tracemalloc hint.
    let (_, err, status) = session("async def f(): pass\n\nc = f()\n");
    assert_eq!(
        err,
        ">>> ... >>> >>> \nsys:1: RuntimeWarning: coroutine 'f' was never awaited\n"
    );
    assert_eq!(status, 0);
}

/// A session at a pseudo-terminal (`repl_terminal/drive.py`, with Python's `pty`):
/// `steps` are typed key by key, each followed by a pause. Returns the transcript, the
/// terminal's escape sequences included.
fn terminal_session(steps: &[(&str, f64)]) -> String {
    let steps: Vec<String> = steps
        .iter()
        .map(|(text, pause)| format!("[{:?}, {pause}]", text))
        .collect();
    let home = std::env::temp_dir().join(format!("apy-repl-home-{}", std::process::id()));
    std::fs::create_dir_all(&home).expect("a home directory");
    let out = Command::new("python3")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/repl_terminal/drive.py"
        ))
        .arg(env!("CARGO_BIN_EXE_apy"))
        .arg(format!("[{}]", steps.join(", ")))
        .env("APY_TEST_HOME", &home)
        .output()
        .expect("python3 runs the terminal driver");
    let _ = std::fs::remove_dir_all(&home);
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn background_tasks_run_while_the_prompt_waits_and_print_above_it() {
    let out = terminal_session(&[
        ("import asyncio\r", 0.2),
        ("async def tick():\r", 0.1),
        ("    for i in range(3):\r", 0.1),
        ("        await asyncio.sleep(0.2)\r", 0.1),
        ("        print('tick', i)\r", 0.1),
        ("\r", 0.2),
        ("t = asyncio.create_task(tick())\r", 1.5),
        ("t.done()\r", 0.3),
        ("exit()\r", 0.3),
    ]);
    assert!(!out.contains("did not end"), "{out}");
    // The ticks came while nothing was typed, each printed with the prompt redrawn
    // below it; the task was done by the next input.
    let ticks: Vec<usize> = (0..3)
        .map(|i| out.find(&format!("tick {i}\r\n")).expect(&out))
        .collect();
    assert!(ticks[0] < ticks[1] && ticks[1] < ticks[2], "{out}");
    let done = out.find("t.done()").expect(&out);
    assert!(ticks[2] < done, "ticks before the next input: {out}");
    assert!(out[done..].contains("True"), "{out}");
    assert!(
        out[ticks[0]..].contains("\r\n\r\x1b[K>>> "),
        "prompt redrawn: {out}"
    );
}

#[test]
fn tab_completes_names_from_the_session_at_a_terminal() {
    let out = terminal_session(&[
        ("import asyncio\r", 0.2),
        ("asyncio.Sem\t", 0.3),
        (")\r", 0.3),
        ("exit()\r", 0.3),
    ]);
    assert!(!out.contains("did not end"), "{out}");
    assert!(out.contains("asyncio.Semaphore("), "{out}");
    assert!(out.contains("<asyncio.locks.Semaphore object at"), "{out}");
}
