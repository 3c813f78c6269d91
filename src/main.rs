//! The `apy` command line. Only argument handling lives here; the work is in the library.

use clap::{Parser, Subcommand, ValueEnum};

/// mimalloc: programs with many tasks allocate and free small objects at a high rate
/// (frames, coroutines, futures); with the system allocator that was a third of the
/// time in task-heavy benchmarks. The wrapper turns running out of memory into
/// `MemoryError` (see `apy::memory`).
#[global_allocator]
static GLOBAL: apy::memory::Allocator = apy::memory::Allocator;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "apy",
    version,
    about = "An interpreter for a Python 3.11 subset built around async/await",
    args_conflicts_with_subcommands = true
)]
struct Cli {
    /// When to colour diagnostics.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, global = true)]
    color: ColorWhen,
    /// Run a program given as a string (like `python -c`).
    #[arg(short = 'c', value_name = "CODE", allow_hyphen_values = true)]
    code: Option<String>,
    /// Start the interactive prompt even if stdin is not a terminal; with a script or
    /// `-c`, start it after the program ends (like `python -i`).
    #[arg(short = 'i')]
    inspect: bool,
    /// Don't print the banner when the interactive prompt starts.
    #[arg(short = 'q')]
    quiet: bool,
    /// Write stdout and stderr through at once instead of buffering them (like
    /// `python -u`; a non-empty PYTHONUNBUFFERED does the same).
    #[arg(short = 'u', global = true)]
    unbuffered: bool,
    /// Run on a virtual clock: when the loop only waits for timers, the clock jumps to
    /// the next one instead of sleeping (`time.sleep` too). Output is unchanged; hours
    /// of sleeps take milliseconds.
    #[arg(long, global = true)]
    virtual_time: bool,
    /// Record the event loop and write a trace when the program ends: Perfetto/Chrome
    /// JSON (open it in ui.perfetto.dev), or Mermaid diagrams for FILE.md / FILE.mmd.
    #[arg(long, value_name = "FILE", global = true)]
    trace: Vec<PathBuf>,
    /// Record the event loop and write its Mermaid sequence diagram and gantt chart
    /// (Markdown; a .mmd file gets the sequence diagram alone).
    #[arg(long, value_name = "FILE", global = true)]
    trace_mermaid: Vec<PathBuf>,
    /// Print the live task tree (who awaits whom, where each task is suspended) to
    /// stderr whenever SIGNAL arrives: `--dump-on SIGQUIT` makes Ctrl-\ show it.
    #[arg(long, value_name = "SIGNAL", global = true, value_parser = parse_signal)]
    dump_on: Option<nix::sys::signal::Signal>,
    /// An implementation option, as CPython's `-X`: `-X dev` turns on development mode
    /// (asyncio's debug mode, every warning shown); all are in `sys._xoptions`.
    #[arg(short = 'X', value_name = "OPTION", global = true)]
    xoptions: Vec<String>,
    /// A script to run (same as `apy run FILE`; `-` reads it from stdin), followed by
    /// its arguments. Without one, apy starts the interactive prompt when stdin is a
    /// terminal and otherwise runs what stdin holds.
    #[arg(value_name = "FILE")]
    script: Option<PathBuf>,
    #[arg(
        value_name = "ARGS",
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    args: Vec<String>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorWhen {
    Always,
    Never,
    /// When stderr is a terminal and NO_COLOR is not set.
    Auto,
}

#[derive(Subcommand)]
enum Command {
    /// Run a script: `sys.argv` is [FILE, ARGS...].
    Run {
        file: PathBuf,
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Parse and check files without running them; exit 1 if any has an error.
    Check {
        /// Instead of checking the code, list each module the files import and where
        /// apy finds it (exit 1 if any is missing); with no files, list the modules apy
        /// provides.
        #[arg(long)]
        imports: bool,
        #[arg(required_unless_present = "imports")]
        files: Vec<PathBuf>,
    },
    /// Show the bytecode of a file.
    Dis { file: PathBuf },
}

/// The subcommands, which take their own arguments.
const SUBCOMMANDS: &[&str] = &["run", "check", "dis", "help"];

/// apy's options that take a value as the next argument.
const VALUE_OPTIONS: &[&str] = &["--color", "--trace", "--trace-mermaid", "--dump-on", "-X"];

/// A signal by name (`SIGQUIT`, `QUIT`) or number, one that a handler may catch.
fn parse_signal(s: &str) -> Result<nix::sys::signal::Signal, String> {
    use nix::sys::signal::Signal;
    let sig = match s.parse::<i32>() {
        Ok(n) => Signal::try_from(n).map_err(|_| format!("no signal number {n}"))?,
        Err(_) => {
            let name = s.to_ascii_uppercase();
            let name = if name.starts_with("SIG") {
                name
            } else {
                format!("SIG{name}")
            };
            name.parse::<Signal>()
                .map_err(|_| format!("no signal named {s}"))?
        }
    };
    match sig {
        Signal::SIGKILL | Signal::SIGSTOP => Err(format!("{sig} cannot be caught")),
        sig => Ok(sig),
    }
}

/// Splits the command line as CPython does: apy's own options come first; the script
/// (or `-c CODE`) ends them, and everything after it belongs to the program verbatim
/// (`apy s.py --help -i -- x` gives the script `['s.py', '--help', '-i', '--', 'x']`).
/// Returns what clap parses, and the program's arguments when there is a program. A
/// subcommand is moved to the front so options before it (`--color never check f.py`)
/// still apply to it.
fn split_command_line(raw: Vec<String>) -> (Vec<String>, Option<Vec<String>>) {
    let mut head = vec![raw.first().cloned().unwrap_or_else(|| "apy".into())];
    let mut i = 1;
    while i < raw.len() {
        let a = &raw[i];
        match a.as_str() {
            "-c" => {
                head.extend(raw[i..(i + 2).min(raw.len())].iter().cloned());
                return (head, Some(raw.get(i + 2..).unwrap_or(&[]).to_vec()));
            }
            _ if VALUE_OPTIONS.contains(&a.as_str()) => {
                head.extend(raw[i..(i + 2).min(raw.len())].iter().cloned());
                i += 2;
                continue;
            }
            "-" => {
                head.push(a.clone());
                return (head, Some(raw[i + 1..].to_vec()));
            }
            _ if a.starts_with("-c") => {
                head.push(a.clone());
                return (head, Some(raw[i + 1..].to_vec()));
            }
            _ if a.starts_with('-') => head.push(a.clone()),
            _ if SUBCOMMANDS.contains(&a.as_str()) => {
                let mut reordered = vec![head[0].clone(), a.clone()];
                reordered.extend(head[1..].iter().cloned());
                let rest = &raw[i + 1..];
                if a != "run" {
                    reordered.extend(rest.iter().cloned());
                    return (reordered, None);
                }
                // `run FILE ARGS...`: the file ends apy's options here too.
                let mut j = 0;
                while j < rest.len() {
                    let r = &rest[j];
                    if VALUE_OPTIONS.contains(&r.as_str()) {
                        reordered.extend(rest[j..(j + 2).min(rest.len())].iter().cloned());
                        j += 2;
                        continue;
                    }
                    reordered.push(r.clone());
                    if !r.starts_with('-') || r == "-" {
                        return (reordered, Some(rest[j + 1..].to_vec()));
                    }
                    j += 1;
                }
                return (reordered, None);
            }
            _ => {
                head.push(a.clone());
                return (head, Some(raw[i + 1..].to_vec()));
            }
        }
        i += 1;
    }
    (head, None)
}

/// The release build aborts on a panic (`panic = "abort"` in Cargo.toml): after the
/// standard report, say what happened in apy's words and exit with the status an
/// unwinding build gives, rather than dying of SIGABRT.
fn report_internal_errors() {
    let standard = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        standard(info);
        eprintln!("apy: internal error");
        std::process::exit(INTERNAL_ERROR);
    }));
}

/// The exit status of an internal error (EX_SOFTWARE).
const INTERNAL_ERROR: i32 = 70;

fn main() -> ExitCode {
    report_internal_errors();
    let raw: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let (head, program_args) = split_command_line(raw);
    let mut cli = Cli::parse_from(head);
    if let Some(program_args) = program_args {
        match &mut cli.command {
            Some(Command::Run { args, .. }) => *args = program_args,
            _ => cli.args = program_args,
        }
    }
    let color = match cli.color {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
        }
    };
    let handle = std::thread::Builder::new()
        .stack_size(apy::interpreter::STACK_SIZE)
        .spawn(move || {
            // Memory to give back when an allocation fails, so that the program hears
            // of it as a `MemoryError` (see `apy::memory`). Taken on this thread: mimalloc
            // frees a block at once only on the thread that allocated it. Under a limit
            // too tight for it, apy runs without.
            apy::memory::arm_ballast();
            run(cli, color)
        });
    // Signals go to the interpreter's thread, not to this one that only waits.
    apy::runtime::signals::block_in_this_thread();
    match handle.map(|h| h.join()) {
        Ok(Ok(status)) => {
            apy::runtime::signals::exit_by_sigint_if_requested();
            ExitCode::from(status.clamp(0, 255) as u8)
        }
        _ => {
            eprintln!("apy: internal error");
            ExitCode::from(INTERNAL_ERROR as u8)
        }
    }
}

fn run(cli: Cli, color: bool) -> i32 {
    apy::runtime::signals::install();
    if let Err(fatal) = apy::vm::dev_mode::configure(&cli.xoptions) {
        eprint!("{fatal}");
        return 1;
    }
    if cli.virtual_time {
        apy::runtime::clock::use_virtual_time();
    }
    if cli.unbuffered {
        apy::vm::stream::set_unbuffered();
    }
    if let Some(sig) = cli.dump_on {
        apy::runtime::signals::dump_tasks_on(sig);
    }
    let mut traces = apy::trace::Outputs::default();
    for file in &cli.trace {
        traces.trace(file.clone());
    }
    for file in &cli.trace_mermaid {
        traces.mermaid(file.clone());
    }
    if let Err(e) = traces.start() {
        eprintln!("apy: {e}");
        return 2;
    }
    let title = match (&cli.command, &cli.script, &cli.code) {
        (Some(Command::Run { file, .. }), _, _) | (None, Some(file), None) => {
            file.file_name().map_or_else(
                || file.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            )
        }
        (_, _, Some(_)) => "-c".to_string(),
        _ => "<stdin>".to_string(),
    };
    let status = run_program(cli, color);
    match traces.write(&title) {
        Ok(()) => status,
        Err(e) => {
            eprintln!("apy: {e}");
            if status == 0 {
                1
            } else {
                status
            }
        }
    }
}

fn run_program(cli: Cli, color: bool) -> i32 {
    if let Some(code) = cli.code {
        let mut vm = apy::interpreter::new_vm();
        vm.argv = std::iter::once("-c".to_string()).chain(cli.args).collect();
        let source = apy::source::SourceFile::new("<string>", code);
        if cli.inspect {
            return apy::repl::run_then_interact(vm, source, None, color);
        }
        return apy::interpreter::run_source(&mut vm, source, None, color);
    }
    match cli.command {
        Some(Command::Check {
            imports: true,
            files,
        }) => apy::check::imports::report(
            &files,
            color,
            &mut std::io::stdout().lock(),
            &mut std::io::stderr().lock(),
        ),
        Some(Command::Check { files, .. }) => {
            apy::check::check_files(&files, color, &mut std::io::stderr().lock())
        }
        Some(Command::Run { file, args }) => run_file(file, args, false, color),
        Some(Command::Dis { file }) => dis_file(file, color),
        None => match cli.script {
            Some(file) if file.as_os_str() == "-" => {
                let argv = std::iter::once("-".to_string()).chain(cli.args).collect();
                run_stdin(argv, cli.inspect, color)
            }
            Some(file) => run_file(file, cli.args, cli.inspect, color),
            None if cli.inspect || std::io::stdin().is_terminal() => {
                apy::repl::run(apy::repl::Session::new(color), cli.quiet)
            }
            // Like `python3 < script`: stdin is the program.
            None => run_stdin(vec![String::new()], false, color),
        },
    }
}

/// Runs the program read from stdin, shown as `<stdin>` (its `__file__` too).
fn run_stdin(argv: Vec<String>, inspect: bool, color: bool) -> i32 {
    let mut bytes = Vec::new();
    if let Err(e) = std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes) {
        eprintln!("apy: can't read stdin: {e}");
        return 2;
    }
    let name = apy::repl::INPUT_NAME.to_string();
    let loaded = apy::check::decode_source(name.clone(), bytes);
    run_loaded(loaded, argv, &name, String::new(), inspect, color)
}

fn run_file(file: PathBuf, args: Vec<String>, inspect: bool, color: bool) -> i32 {
    let argv = std::iter::once(file.display().to_string())
        .chain(args)
        .collect();
    // Since Python 3.9 the main module's __file__ is an absolute path.
    let absolute = absolute_path(&file);
    // `sys.path[0]`: the script's directory.
    let path0 = std::path::Path::new(&absolute)
        .parent()
        .map_or(String::new(), |d| d.display().to_string());
    // Tracebacks and "can't open file" name the absolute path, as CPython 3.11's do.
    run_loaded(
        apy::check::load_source(std::path::Path::new(&absolute)),
        argv,
        &absolute,
        path0,
        inspect,
        color,
    )
}

/// Runs a loaded program as `__main__` (then the prompt, with `-i`); a file that could
/// not be read exits 2, one that is not valid UTF-8 shows the diagnostic and exits 1.
fn run_loaded(
    loaded: Result<apy::source::SourceFile, apy::check::LoadError>,
    argv: Vec<String>,
    file: &str,
    path0: String,
    inspect: bool,
    color: bool,
) -> i32 {
    let source = match loaded {
        Ok(s) => s,
        Err(apy::check::LoadError::Io(msg)) => {
            eprintln!("apy: {msg}");
            return 2;
        }
        Err(apy::check::LoadError::Encoding(boxed)) => {
            let (src, diag) = *boxed;
            eprint!("{}", diag.render(&src, color));
            return 1;
        }
    };
    let mut vm = apy::interpreter::new_vm();
    vm.argv = argv;
    vm.path0 = path0;
    if inspect {
        return apy::repl::run_then_interact(vm, source, Some(file), color);
    }
    apy::interpreter::run_source(&mut vm, source, Some(file), color)
}

/// `os.path.abspath`: joined with the working directory and normalized lexically
/// (symlinks are not resolved).
fn absolute_path(file: &std::path::Path) -> String {
    use std::path::Component;
    let joined = match std::env::current_dir() {
        Ok(cwd) if file.is_relative() => cwd.join(file),
        _ => file.to_path_buf(),
    };
    let mut parts: Vec<std::ffi::OsString> = Vec::new();
    for c in joined.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                parts.pop();
            }
            Component::Normal(p) => parts.push(p.to_os_string()),
            Component::RootDir | Component::Prefix(_) => parts.clear(),
        }
    }
    let mut out = std::path::PathBuf::from("/");
    out.extend(parts);
    out.display().to_string()
}

fn dis_file(file: PathBuf, color: bool) -> i32 {
    let source = match apy::check::load_source(&file) {
        Ok(s) => std::rc::Rc::new(s),
        Err(apy::check::LoadError::Io(msg)) => {
            eprintln!("apy: {msg}");
            return 2;
        }
        Err(apy::check::LoadError::Encoding(boxed)) => {
            let (src, diag) = *boxed;
            eprint!("{}", diag.render(&src, color));
            return 1;
        }
    };
    let mut vm = apy::interpreter::new_vm();
    match apy::interpreter::compile(&mut vm, &source, false) {
        Ok(code) => {
            print!("{}", apy::dis::disassemble(&code));
            0
        }
        Err(d) => {
            eprint!("{}", d.render(&source, color));
            1
        }
    }
}
