//! `apy run --trace` / `--trace-mermaid` / `--virtual-time`: golden diagrams of the
//! tutorial's programs (on a virtual clock, so every run draws the same), the trace
//! files checked against the trace-event format's rules, and the virtual clock's
//! promise (a program's output unchanged, however long it sleeps).
//!
//! The goldens live in `tests/trace/expected/`; after a deliberate change to the
//! pictures, `APY_BLESS=1 cargo test --test trace` rewrites them (review the diff).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn apy(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_apy"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .expect("apy runs")
}

/// A scratch file for one test's trace.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("apy-trace-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir.join(name)
}

/// The programs drawn: the tutorial's (examples/) and two of the test's own.
const PROGRAMS: &[&str] = &[
    "examples/countasync.apy",
    "examples/say_after_sequential.apy",
    "examples/say_after_tasks.apy",
    "examples/chess.apy",
    "tests/trace/gather_tree.apy",
    "tests/trace/queue_event.apy",
];

/// Runs `program` on a virtual clock with both traces; returns (json, markdown), with
/// the repository's path replaced by ROOT.
fn traced(program: &str) -> (String, String) {
    let stem = Path::new(program)
        .file_stem()
        .expect("a file")
        .to_string_lossy()
        .to_string();
    let json = scratch(&format!("{stem}.json"));
    let md = scratch(&format!("{stem}.md"));
    let out = apy(&[
        "run",
        "--virtual-time",
        "--trace",
        json.to_str().expect("utf-8 path"),
        "--trace-mermaid",
        md.to_str().expect("utf-8 path"),
        program,
    ]);
    assert!(
        out.status.success(),
        "{program}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let read = |p: &Path| {
        std::fs::read_to_string(p)
            .expect("trace written")
            .replace(&format!("{}/", root().display()), "ROOT/")
    };
    (read(&json), read(&md))
}

fn compare_golden(name: &str, got: &str, failures: &mut Vec<String>) {
    let path = root().join("tests/trace/expected").join(name);
    if std::env::var_os("APY_BLESS").is_some() {
        std::fs::write(&path, got).expect("golden written");
        return;
    }
    match std::fs::read_to_string(&path) {
        Ok(want) if want == got => {}
        Ok(want) => failures.push(format!(
            "{name} differs from the golden file\n--- expected\n{want}\n--- got\n{got}"
        )),
        Err(_) => failures.push(format!("{name}: no golden file (run with APY_BLESS=1)")),
    }
}

#[test]
fn diagrams_of_the_tutorial_programs_match_their_goldens() {
    let mut failures = Vec::new();
    for program in PROGRAMS {
        let stem = Path::new(program).file_stem().expect("a file");
        let stem = stem.to_string_lossy();
        let (json, md) = traced(program);
        compare_golden(&format!("{stem}.md"), &md, &mut failures);
        compare_golden(&format!("{stem}.json"), &json, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The rules Perfetto and `chrome://tracing` rely on: a `traceEvents` array of objects
/// with a known phase, numeric times, complete slices that nest on their track, and
/// flow starts and ends that pair up and sit inside a slice of their track.
fn check_trace_event_format(program: &str, text: &str) {
    let doc: serde_json::Value = serde_json::from_str(text)
        .unwrap_or_else(|e| panic!("{program}: the trace is not JSON: {e}"));
    let events = doc["traceEvents"]
        .as_array()
        .unwrap_or_else(|| panic!("{program}: no traceEvents array"));
    assert!(!events.is_empty(), "{program}: an empty trace");
    // Times in nanoseconds, as integers: sums of microsecond floats would round.
    let ns = |us: f64| (us * 1000.0).round() as i64;
    let mut slices: BTreeMap<u64, Vec<(i64, i64)>> = BTreeMap::new();
    let mut flow_points = Vec::new();
    let mut starts = BTreeSet::new();
    let mut ends = BTreeSet::new();
    let mut named_tracks = BTreeSet::new();
    for e in events {
        let ph = e["ph"]
            .as_str()
            .unwrap_or_else(|| panic!("{program}: {e} has no ph"));
        assert!(e["pid"].is_u64(), "{program}: {e} has no pid");
        assert!(e["name"].is_string(), "{program}: {e} has no name");
        let tid = e["tid"].as_u64();
        let ts = e["ts"].as_f64();
        match ph {
            "M" => {
                assert!(
                    e["args"].is_object(),
                    "{program}: metadata without args: {e}"
                );
                if e["name"] == "thread_name" {
                    named_tracks.insert(tid.expect("a thread_name names a tid"));
                }
            }
            "X" => {
                let ts = ts.unwrap_or_else(|| panic!("{program}: {e} has no ts"));
                let dur = e["dur"]
                    .as_f64()
                    .unwrap_or_else(|| panic!("{program}: {e} has no dur"));
                assert!(ts >= 0.0 && dur >= 0.0, "{program}: negative time in {e}");
                slices
                    .entry(tid.expect("a slice has a tid"))
                    .or_default()
                    .push((ns(ts), ns(ts) + ns(dur)));
            }
            "i" => {
                assert!(ts.is_some(), "{program}: instant without ts: {e}");
                assert!(
                    matches!(e["s"].as_str(), Some("t" | "p" | "g")),
                    "{program}: instant scope: {e}"
                );
            }
            "s" | "f" => {
                let id = e["id"]
                    .as_u64()
                    .unwrap_or_else(|| panic!("{program}: flow without id"));
                let set = if ph == "s" { &mut starts } else { &mut ends };
                assert!(set.insert(id), "{program}: flow id {id} used twice");
                if ph == "f" {
                    assert_eq!(
                        e["bp"], "e",
                        "{program}: a flow end binds to its enclosing slice"
                    );
                }
                let ts = ts.expect("a flow has a ts");
                flow_points.push((tid.expect("a flow has a tid"), ns(ts)));
            }
            other => panic!("{program}: unexpected phase {other}: {e}"),
        }
    }
    assert_eq!(
        starts, ends,
        "{program}: flow starts and ends do not pair up"
    );
    for (tid, spans) in &mut slices {
        assert!(
            named_tracks.contains(tid),
            "{program}: track {tid} has no name"
        );
        // Slices on one track are disjoint or nested, never partly overlapping.
        spans.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut open: Vec<i64> = Vec::new();
        for &(start, end) in spans.iter() {
            while open.last().is_some_and(|&e| e <= start) {
                open.pop();
            }
            if let Some(&outer) = open.last() {
                assert!(
                    end <= outer,
                    "{program}: slices overlap on track {tid} at {start}"
                );
            }
            open.push(end);
        }
    }
    for (tid, ts) in flow_points {
        let inside = slices
            .get(&tid)
            .is_some_and(|s| s.iter().any(|&(a, b)| a <= ts && ts <= b));
        assert!(
            inside,
            "{program}: a flow at {ts} on track {tid} is in no slice"
        );
    }
}

#[test]
fn traces_follow_the_trace_event_format() {
    for program in PROGRAMS {
        let (json, _) = traced(program);
        check_trace_event_format(program, &json);
    }
}

#[test]
fn a_trace_on_a_real_clock_follows_the_format_too() {
    let json = scratch("real.json");
    let out = apy(&[
        "run",
        "--trace",
        json.to_str().expect("utf-8 path"),
        "tests/trace/gather_tree.apy",
    ]);
    assert!(out.status.success());
    let text = std::fs::read_to_string(&json).expect("trace written");
    check_trace_event_format("gather_tree (real clock)", &text);
}

#[test]
fn hours_of_sleeps_print_the_same_on_a_virtual_clock() {
    let program = "import asyncio, time\n\
        async def nap(hours):\n\
        \x20   await asyncio.sleep(hours * 3600)\n\
        \x20   return hours\n\
        async def main():\n\
        \x20   loop = asyncio.get_running_loop()\n\
        \x20   t0, m0, w0 = loop.time(), time.monotonic(), time.time()\n\
        \x20   print(await asyncio.gather(nap(3), nap(1), nap(2)))\n\
        \x20   time.sleep(600)\n\
        \x20   print(round(loop.time() - t0), round(time.monotonic() - m0), round(time.time() - w0))\n\
        asyncio.run(main())\n";
    let out = apy(&["--virtual-time", "-c", program]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "[3, 1, 2]\n11400 11400 11400\n",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_busy_wait_on_a_virtual_clock_ends() {
    // Time stands still while code runs, but each reading moves it a little, so a loop
    // waiting for the clock to pass a deadline still finishes.
    let out = apy(&[
        "--virtual-time",
        "-c",
        "import time\nend = time.monotonic() + 0.05\nn = 0\nwhile time.monotonic() < end:\n    n += 1\nprint(n > 0)",
    ]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "True\n");
}

#[test]
fn a_trace_file_that_cannot_be_written_is_reported_before_the_run() {
    let out = apy(&[
        "run",
        "--trace",
        "/nonexistent-dir/t.json",
        "examples/countasync.apy",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "the program did not run");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("apy: can't write trace '/nonexistent-dir/t.json'"),
        "{err}"
    );
}

/// The `n`th (1-based) ```mermaid block of a Markdown text, without its fences.
fn mermaid_block(markdown: &str, n: usize) -> Option<String> {
    markdown
        .split("```mermaid\n")
        .nth(n)
        .and_then(|rest| rest.split("```").next())
        .map(str::to_string)
}

/// The tutorial's diagrams are drawn from runs: each block after a
/// `<!-- generated: PROGRAM N -->` marker is the Nth diagram of PROGRAM's run
/// (`APY_BLESS=1` rewrites them).
#[test]
fn the_books_diagrams_are_drawn_from_runs() {
    let chapter_path = root().join("book/src/tutorial/event-loop.md");
    let chapter = std::fs::read_to_string(&chapter_path).expect("the tutorial chapter");
    let marker = "<!-- generated: ";
    let mut out = String::new();
    let mut rest = chapter.as_str();
    let mut failures = Vec::new();
    let mut count = 0;
    while let Some(at) = rest.find(marker) {
        let (before, from_marker) = rest.split_at(at);
        out.push_str(before);
        let line_end = from_marker.find('\n').expect("a marker line");
        let spec = from_marker[marker.len()..line_end]
            .trim_end_matches("-->")
            .trim();
        let (name, n) = spec.split_once(' ').expect("`PROGRAM N`");
        let n: usize = n.parse().expect("a block number");
        let program = PROGRAMS
            .iter()
            .find(|p| Path::new(p).file_stem().is_some_and(|s| s == name))
            .unwrap_or_else(|| panic!("no traced program named {name}"));
        let (_, md) = traced(program);
        let want = mermaid_block(&md, n).unwrap_or_else(|| panic!("{name} has no block {n}"));
        let block_start = line_end + 1;
        let after_open = &from_marker[block_start..];
        let body_start = after_open
            .strip_prefix("```mermaid\n")
            .unwrap_or_else(|| panic!("a ```mermaid block follows the {spec} marker"));
        let body_len = body_start.find("```").expect("a closed block");
        if body_start[..body_len] != want {
            failures.push(format!("the book's {spec} diagram differs from the run's"));
        }
        out.push_str(&from_marker[..block_start]);
        out.push_str("```mermaid\n");
        out.push_str(&want);
        rest = &body_start[body_len..];
        count += 1;
    }
    out.push_str(rest);
    assert!(count >= 4, "the chapter lost its generated diagrams");
    if std::env::var_os("APY_BLESS").is_some() {
        std::fs::write(&chapter_path, out).expect("chapter written");
        return;
    }
    assert!(
        failures.is_empty(),
        "{}\n(run `APY_BLESS=1 cargo test --release --test trace` to redraw them)",
        failures.join("\n")
    );
}

#[test]
fn dump_on_a_signal_prints_the_task_tree_and_goes_on() {
    let program = "import asyncio, os, signal\n\
        async def worker(n):\n\
        \x20   await asyncio.sleep(n)\n\
        async def main():\n\
        \x20   tasks = [asyncio.create_task(worker(n)) for n in (5, 6)]\n\
        \x20   await asyncio.sleep(0)\n\
        \x20   os.kill(os.getpid(), signal.SIGQUIT)\n\
        \x20   await asyncio.sleep(0.01)\n\
        \x20   print('still running')\n\
        \x20   for t in tasks: t.cancel()\n\
        asyncio.run(main())\n";
    let out = apy(&["--dump-on", "SIGQUIT", "--virtual-time", "-c", program]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "still running\n");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("apy: tasks\n├── Task-1 main()  [running]\n"),
        "{err}"
    );
    assert!(
        err.contains("Task-2 worker()  [sleeps 5 s, 5.000 s left] at <string>:3"),
        "{err}"
    );
    assert!(out.status.success());
}

#[test]
fn dump_on_refuses_a_signal_it_cannot_catch() {
    let out = apy(&["--dump-on", "SIGKILL", "-c", "pass"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("SIGKILL cannot be caught"));
}

#[test]
fn the_loop_track_shows_timers_io_callbacks_and_lost_exceptions() {
    let json = scratch("io.json");
    let out = apy(&[
        "run",
        "--virtual-time",
        "--trace",
        json.to_str().expect("utf-8 path"),
        "tests/trace/io_and_errors.apy",
    ]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "b'ping'\n");
    let text = std::fs::read_to_string(&json).expect("trace written");
    check_trace_event_format("io_and_errors", &text);
    let doc: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let loop_marks: Vec<String> = doc["traceEvents"]
        .as_array()
        .expect("events")
        .iter()
        .filter(|e| e["ph"] == "i" && e["tid"] == 0)
        .map(|e| e["name"].as_str().expect("a name").to_string())
        .collect();
    let has = |prefix: &str| loop_marks.iter().any(|m| m.starts_with(prefix));
    for want in [
        "wait for fd ",
        "timer set +0.01s",
        "timer fired",
        "callback send()",
        "callback main.<locals>.<lambda>()",
        "timer set +5s",
        "timer cancelled",
        "Task exception was never retrieved: <Task finished name='Task-2' coro=<fail() done",
    ] {
        assert!(has(want), "no {want:?} among {loop_marks:#?}");
    }
    assert!(
        loop_marks
            .iter()
            .any(|m| m.starts_with("fd ") && m.ends_with(" readable")),
        "{loop_marks:#?}"
    );
}
