//! Ctrl-C from outside, as a terminal sends it: a SIGINT to a running apy interrupts a
//! blocking call at once (time.sleep, a blocking recv, input(), asyncio.run's loop), the
//! program ends with KeyboardInterrupt's traceback and dies of SIGINT (as CPython
//! does, so a shell sees it interrupted); a SIGINT ignored when apy started stays
//! ignored.

use std::io::{BufRead, BufReader};
use std::os::unix::process::ExitStatusExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Runs `program` under `launcher`, waits for its first output line, sends SIGINT, and
/// returns (exit status, stderr, seconds from the signal to the exit).
fn interrupt(launcher: &[&str], program: &str) -> (std::process::ExitStatus, String, f64) {
    let mut cmd = Command::new(launcher[0]);
    cmd.args(&launcher[1..])
        .arg(program)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("apy starts");
    // Held open until the end: a program waiting for input must see Ctrl-C, not EOF.
    let stdin = child.stdin.take();
    let mut stdout = BufReader::new(child.stdout.take().expect("piped"));
    let mut first = String::new();
    stdout.read_line(&mut first).expect("first line");
    assert!(!first.is_empty(), "the program printed its start line");
    std::thread::sleep(Duration::from_millis(200));
    let sent = Instant::now();
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(child.id() as i32),
        nix::sys::signal::Signal::SIGINT,
    )
    .expect("signal sent");
    let out = child.wait_with_output().expect("apy ends");
    drop(stdin);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (out.status, stderr, sent.elapsed().as_secs_f64())
}

fn apy() -> Vec<&'static str> {
    vec![env!("CARGO_BIN_EXE_apy"), "-c"]
}

fn assert_interrupted(program: &str) {
    // The test may run where SIGINT is ignored (a background job), which apy, like
    // CPython, would keep: the program takes Ctrl-C back first.
    let program = format!(
        "import signal\nsignal.signal(signal.SIGINT, signal.default_int_handler)\n{program}"
    );
    let (status, stderr, took) = interrupt(&apy(), &program);
    assert_eq!(status.signal(), Some(2), "dies of SIGINT; stderr: {stderr}");
    assert!(
        stderr.trim_end().ends_with("KeyboardInterrupt"),
        "stderr: {stderr}"
    );
    assert!(took < 3.0, "interrupted at once, not after the call");
}

#[test]
fn ctrl_c_interrupts_time_sleep() {
    assert_interrupted("import time\nprint('start', flush=True)\ntime.sleep(30)");
}

#[test]
fn ctrl_c_interrupts_a_blocking_recv() {
    assert_interrupted(
        "import socket\na, b = socket.socketpair()\nprint('start', flush=True)\na.recv(10)",
    );
}

#[test]
fn ctrl_c_interrupts_os_read_of_a_pipe() {
    assert_interrupted("import os\nr, w = os.pipe()\nprint('start', flush=True)\nos.read(r, 10)");
}

#[test]
fn ctrl_c_interrupts_waiting_for_a_child() {
    assert_interrupted(
        "import subprocess\nprint('start', flush=True)\nsubprocess.run(['sleep', '30'])",
    );
}

#[test]
fn ctrl_c_interrupts_input() {
    assert_interrupted("print('start', flush=True)\ninput()");
}

#[test]
fn ctrl_c_interrupts_sys_stdin_readline() {
    assert_interrupted("import sys\nprint('start', flush=True)\nsys.stdin.readline()");
}

#[test]
fn ctrl_c_cancels_asyncio_run_main_task() {
    let program = "import asyncio\n\
        async def main():\n\
        \x20   try:\n\
        \x20       print('start', flush=True)\n\
        \x20       await asyncio.sleep(30)\n\
        \x20   finally:\n\
        \x20       print('main finally', flush=True)\n\
        asyncio.run(main())";
    assert_interrupted(program);
}

#[test]
fn sigint_ignored_at_start_stays_ignored() {
    let program = "import time, signal\n\
        print('start', signal.getsignal(signal.SIGINT), flush=True)\n\
        time.sleep(0.6)\n\
        print('done')";
    let launcher = [
        "sh",
        "-c",
        "trap '' INT; exec \"$0\" -c \"$1\"",
        env!("CARGO_BIN_EXE_apy"),
    ];
    let (status, stderr, _) = interrupt(&launcher, program);
    assert!(status.success(), "not interrupted: {status:?} {stderr}");
}
