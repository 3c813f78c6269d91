//! What the fuzz targets share: turning the fuzzer's bytes into a source file as
//! `apy run` would, rendering every diagnostic (drawing a span is where an off-by-one
//! offset would panic), and running a program safely enough to do it millions of times.

use apy::diagnostic::Diagnostic;
use apy::source::SourceFile;

/// The bytes as a script's source, decoded as `apy run` decodes a file (PEP 263); a
/// decoding error is rendered, as `apy` would print it, and ends the input.
pub fn source(data: &[u8]) -> Option<SourceFile> {
    match apy::decode::decode_source("<fuzz>".to_string(), data.to_vec()) {
        Ok(source) => Some(source),
        Err(failed) => {
            let (source, diagnostic) = *failed;
            render(&diagnostic, &source);
            None
        }
    }
}

/// Draws a diagnostic in both styles, to a string the caller drops.
pub fn render(diagnostic: &Diagnostic, source: &SourceFile) {
    let plain = diagnostic.render(source, false);
    assert!(!plain.is_empty(), "an empty diagnostic for {diagnostic:?}");
    let _ = diagnostic.render(source, true);
}

/// Loop back-edges, calls and entries into Python code a program may make: about a
/// millisecond of plain loops, enough for the conformance programs' own work.
pub const BUDGET: u64 = 20_000;

/// Whether the run target leaves this program alone: one that names something that
/// reaches the file system, other processes, signals, sockets, threads, real time or
/// the standard input. The fuzzer mutates programs that use all of these, and a mutant
/// may delete a file, kill a process or wait for a minute. Attribute names are
/// identifiers too, so `asyncio.subprocess` is caught at `subprocess`; the dynamic ways
/// to reach a name (`getattr`, `globals()`, `__dict__`, `eval`...) are themselves
/// refused. A guard against accidents, not a security boundary: long campaigns run in
/// a throwaway namespace as well (`fuzz/campaign.sh`).
pub fn refused(source: &SourceFile) -> bool {
    const NAMES: &[&str] = &[
        "os",
        "sys",
        "io",
        "_io",
        "time",
        "gc",
        "inspect",
        "shutil",
        "tempfile",
        "pathlib",
        "glob",
        "importlib",
        "runpy",
        "atexit",
        "posix",
        "select",
        "selectors",
        "input",
        "breakpoint",
        "help",
        "vars",
        "locals",
        "dir",
        "__dict__",
        "f_back",
        "f_locals",
        "apy",
        "urllib",
        "http",
        "fcntl",
        "termios",
        "mmap",
        "__loader__",
        "__spec__",
        "to_thread",
        "run_in_executor",
        "types",
        "functiontype",
        "codetype",
    ];
    const PARTS: &[&str] = &[
        "open",
        "exec",
        "eval",
        "compile",
        "subprocess",
        "signal",
        "socket",
        "sock_",
        "kill",
        "fork",
        "spawn",
        "system",
        "remove",
        "unlink",
        "rmdir",
        "rmtree",
        "rename",
        "file",
        "thread",
        "server",
        "connect",
        "import",
        "getattr",
        "getattribute",
        "globals",
        "builtins",
        "subclasses",
        "attrgetter",
        "methodcaller",
        "environ",
        "_os",
    ];
    let Ok(tokens) = apy::lexer::tokenize(&source.text) else {
        // The run reports the lexical error without running anything.
        return false;
    };
    let mut names = tokens.iter().map(|(_, token, _)| token).peekable();
    while let Some(token) = names.next() {
        match token {
            apy::lexer::Token::Name(name) => {
                let name = name.to_lowercase();
                if NAMES.contains(&name.as_str()) || PARTS.iter().any(|p| name.contains(p)) {
                    return true;
                }
            }
            // The module an `import` or `from` names first must be a safe one.
            apy::lexer::Token::Import | apy::lexer::Token::From => match names.peek() {
                Some(apy::lexer::Token::Name(module)) => {
                    let top = module.split('.').next().unwrap_or_default();
                    if !SAFE_MODULES.contains(&top) {
                        return true;
                    }
                }
                Some(apy::lexer::Token::Dot) => return true,
                _ => {}
            },
            _ => {}
        }
    }
    false
}

/// Modules a program may import: pure computation, and asyncio on a virtual clock.
const SAFE_MODULES: &[&str] = &[
    "asyncio",
    "collections",
    "itertools",
    "functools",
    "math",
    "dataclasses",
    "enum",
    "typing",
    "heapq",
    "bisect",
    "string",
    "contextlib",
    "abc",
    "copy",
    "random",
    "decimal",
    "fractions",
    "statistics",
    "json",
    "re",
    "textwrap",
    "contextvars",
    "numbers",
    "struct",
    "weakref",
    "warnings",
    "traceback",
    "reprlib",
    "keyword",
    "datetime",
    "base64",
    "binascii",
    "zlib",
    "hashlib",
    "array",
    "pprint",
];

/// Runs a program to its end or to the end of its budget, as `apy run --virtual-time`
/// does (so `asyncio.sleep(3600)` takes no time), on a thread of its own with the
/// interpreter's stack (a native recursion may go as deep as the interpreter allows).
/// A panic there is a finding: libFuzzer's hook aborts on it.
pub fn run(source: SourceFile) {
    let program = std::thread::Builder::new()
        .stack_size(apy::interpreter::STACK_SIZE)
        .spawn(move || {
            apy::runtime::clock::use_virtual_time();
            apy::vm::budget::set(Some(BUDGET));
            let mut vm = apy::interpreter::new_vm();
            apy::interpreter::run_source(&mut vm, source, None, false);
        })
        .expect("a thread for the program");
    program.join().expect("the program's thread ended");
}
