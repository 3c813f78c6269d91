//! Faults from outside the program, as CPython meets them: a stdout that cannot be
//! written (a closed pipe, a full disk), memory that runs out, a small address space.
//! Each runs the `apy` binary under the condition and checks status and stderr.

use std::io::Read;
use std::process::{Command, Stdio};

const APY: &str = env!("CARGO_BIN_EXE_apy");

/// Runs `apy -c program` through `sh` (for `ulimit` and redirections), returning
/// (status code, stdout, stderr).
fn sh(shell: &str, program: &str) -> (i32, String, String) {
    let out = Command::new("sh")
        .arg("-c")
        .arg(shell)
        .arg("sh")
        .arg(APY)
        .arg(program)
        .env_remove("PYTHONUNBUFFERED")
        .output()
        .expect("sh runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_closed_pipe_raises_broken_pipe_error_and_ends() {
    let mut child = Command::new(APY)
        .args(["-c", "while True: print(1)"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("apy starts");
    let mut first = [0u8; 2];
    child
        .stdout
        .take()
        .expect("piped")
        .read_exact(&mut first)
        .expect("a line");
    // The reader is gone: the next flush fails with EPIPE.
    let out = child
        .wait_with_output()
        .expect("apy ends instead of spinning");
    assert_eq!(&first, b"1\n");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.ends_with("BrokenPipeError: [Errno 32] Broken pipe\n"),
        "{stderr}"
    );
    assert!(!stderr.contains("Exception ignored"), "{stderr}");
}

#[test]
fn a_full_disk_fails_the_final_flush_with_status_120() {
    let (status, _, stderr) = sh(r#""$1" -c "$2" > /dev/full"#, "print(1)");
    assert_eq!(status, 120);
    assert_eq!(
        stderr,
        "Exception ignored in: <_io.TextIOWrapper name='<stdout>' mode='w' encoding='utf-8'>\n\
         OSError: [Errno 28] No space left on device\n"
    );
}

#[test]
fn a_full_disk_raises_at_an_explicit_flush() {
    let program = "import sys\nprint(1)\ntry:\n    sys.stdout.flush()\nexcept OSError as e:\n    \
                   print(type(e).__name__, e.errno, file=sys.stderr)\n";
    let (status, _, stderr) = sh(r#""$1" -c "$2" > /dev/full"#, program);
    // The text stays buffered after the failed flush and fails again at exit.
    assert_eq!(status, 120);
    assert!(stderr.starts_with("OSError 28\n"), "{stderr}");
}

#[test]
fn a_full_disk_raises_in_print_once_the_buffer_fills() {
    let program =
        "import sys\ntry:\n    for i in range(100000): print(i)\nexcept OSError as e:\n    \
                   print('caught', e, file=sys.stderr)\n";
    let (status, _, stderr) = sh(r#""$1" -c "$2" > /dev/full"#, program);
    assert_eq!(stderr, "caught [Errno 28] No space left on device\n");
    assert_eq!(status, 0);
}

#[test]
fn growth_beyond_memory_raises_memory_error() {
    let program = "l = []\ntry:\n    while True: l.append(1)\nexcept MemoryError as e:\n    \
                   print('list', repr(e))\ndel l\ns = 'x'\ntry:\n    while True: s += s\n\
                   except MemoryError:\n    print('str', len(s) > 1000)\n\
                   try:\n    [0] * 10**9\nexcept MemoryError:\n    print('repeat')\n\
                   try:\n    [i for i in range(10**9)]\nexcept MemoryError:\n    print('comprehension')\n\
                   d = {}\ntry:\n    for i in range(10**9): d[i] = i\nexcept MemoryError:\n    \
                   print('dict', len(d) > 1000)\nd = None\n\
                   try:\n    {str(i): 0 for i in range(10**9)}\nexcept MemoryError:\n    print('dict comprehension')\n\
                   s = set()\ntry:\n    for i in range(10**9): s.add(i)\nexcept MemoryError:\n    \
                   print('set', len(s) > 1000)\ns = None\n\
                   try:\n    {i for i in range(10**9)}\nexcept MemoryError:\n    print('set comprehension')\n";
    let (status, stdout, stderr) = sh(r#"ulimit -v 2000000; "$1" -c "$2""#, program);
    assert_eq!(
        stdout,
        "list MemoryError()\nstr True\nrepeat\ncomprehension\ndict True\n\
         dict comprehension\nset True\nset comprehension\n",
        "{stderr}"
    );
    assert_eq!(status, 0);
}

#[test]
fn exhausted_memory_exits_with_memory_error_not_an_abort() {
    // Memory runs out in a small allocation no program drives on its own (a new
    // object's): the ballast lets the program hear of it, and uncaught, the MemoryError
    // ends it as in CPython: a traceback and status 1, no abort.
    let program = "x = None\nwhile True:\n    x = [x, object()]\n";
    let (status, _, stderr) = sh(r#"ulimit -v 1000000; "$1" -c "$2""#, program);
    assert_eq!(status, 1);
    assert!(
        stderr.starts_with("Traceback (most recent call last):\n"),
        "{stderr}"
    );
    assert!(stderr.ends_with("\nMemoryError\n"), "{stderr}");
    assert!(!stderr.contains("memory allocation of"), "{stderr}");
}

/// Results too large for the memory left, made by natives (whose allocations Rust
/// cannot fail softly) and by comprehensions of small objects, each raise a MemoryError
/// the program catches, as in CPython; the last ones run three times, each after the
/// memory of the one before was freed.
#[test]
fn results_that_do_not_fit_raise_memory_error_each_time() {
    let program = r#"import os
def attempt(name, f):
    try:
        f()
    except MemoryError:
        print(name)
attempt("list", lambda: list(range(1 << 28)))
attempt("zip", lambda: list(zip(range(1 << 27), range(1 << 27))))
attempt("split", lambda: ("ab" * (1 << 27)).split("a"))
attempt("bytes", lambda: bytes(1 << 31))
attempt("ljust", lambda: "a".ljust(1 << 31))
attempt("repr", lambda: repr("a" * (1 << 29)))
attempt("int", lambda: (1 << (1 << 31)) * (1 << (1 << 31)))
with open("/dev/zero", "rb") as f:
    attempt("read", f.read)
fd = os.open("/dev/zero", os.O_RDONLY)
attempt("os.read", lambda: os.read(fd, 1 << 31))
os.close(fd)
for k in range(3):
    attempt(f"strs {k}", lambda: [str(i) for i in range(10**9)])
    attempt(f"lists {k}", lambda: [[i] for i in range(10**9)])
"#;
    let (status, stdout, stderr) = sh(r#"ulimit -v 1000000; "$1" -c "$2""#, program);
    assert_eq!(
        stdout,
        "list\nzip\nsplit\nbytes\nljust\nrepr\nint\nread\nos.read\n\
         strs 0\nlists 0\nstrs 1\nlists 1\nstrs 2\nlists 2\n",
        "{stderr}"
    );
    assert_eq!(status, 0);
}

#[test]
fn starts_in_a_small_address_space() {
    let program = "import asyncio\nasync def main():\n    await asyncio.sleep(0)\n    \
                   return sum(range(10**5))\nprint(asyncio.run(main()))\n";
    let (status, stdout, stderr) = sh(r#"ulimit -v 300000; "$1" -c "$2""#, program);
    assert_eq!((status, stdout.as_str()), (0, "4999950000\n"), "{stderr}");
}

/// A real-time timer the process inherits is not the program's own: a host's watchdog
/// (libFuzzer's `-timeout` arms one) must not make a virtual clock wait in real time.
/// Waited for, the sleep would take 20 real seconds, and the clock would move by their
/// measured length rather than by the virtual clock's exact steps.
#[test]
fn an_inherited_real_timer_does_not_stop_virtual_time() {
    let program = "import asyncio, time\nt = time.monotonic()\n\
                   asyncio.run(asyncio.sleep(20))\nprint(f'{time.monotonic() - t:.9f}')";
    let launcher = "import os, signal, sys\n\
                    signal.signal(signal.SIGALRM, signal.SIG_IGN)\n\
                    signal.setitimer(signal.ITIMER_REAL, 3600)\n\
                    os.execv(sys.argv[1], sys.argv[1:])";
    let with_timer = Command::new("python3")
        .args(["-c", launcher, APY, "--virtual-time", "-c", program])
        .output()
        .expect("python3 starts apy");
    let without = Command::new(APY)
        .args(["--virtual-time", "-c", program])
        .output()
        .expect("apy starts");
    assert_eq!(with_timer.status.code(), Some(0), "{with_timer:?}");
    assert_eq!(
        String::from_utf8_lossy(&with_timer.stdout),
        String::from_utf8_lossy(&without.stdout)
    );
}
