//! `_signal`: the native half of the `signal` module (`signal.py` adds the `Signals`
//! and `Handlers` enums and wraps `signal`/`getsignal` to return them).
//!
//! A Python handler is kept in the VM's table (`Vm::signal_handlers`) and run by the VM
//! at its next safe point after the OS handler (`runtime::signals`) recorded the
//! signal; `SIG_DFL` and `SIG_IGN` set the OS disposition itself.

use crate::native::{c_int, Clinic, ModuleDef};
use crate::object::function::Args;
use crate::object::Value;
use crate::runtime::signals::{self, Disposition};
use crate::vm::{PyResult, Vm};

const SIG_DFL: i64 = 0;
const SIG_IGN: i64 = 1;
const NSIG: i64 = 65;

/// Linux x86_64's signal numbers.
const SIGNALS: &[(&str, i64)] = &[
    ("SIGHUP", 1),
    ("SIGINT", 2),
    ("SIGQUIT", 3),
    ("SIGILL", 4),
    ("SIGTRAP", 5),
    ("SIGABRT", 6),
    ("SIGIOT", 6),
    ("SIGBUS", 7),
    ("SIGFPE", 8),
    ("SIGKILL", 9),
    ("SIGUSR1", 10),
    ("SIGSEGV", 11),
    ("SIGUSR2", 12),
    ("SIGPIPE", 13),
    ("SIGALRM", 14),
    ("SIGTERM", 15),
    ("SIGSTKFLT", 16),
    ("SIGCHLD", 17),
    ("SIGCONT", 18),
    ("SIGSTOP", 19),
    ("SIGTSTP", 20),
    ("SIGTTIN", 21),
    ("SIGTTOU", 22),
    ("SIGURG", 23),
    ("SIGXCPU", 24),
    ("SIGXFSZ", 25),
    ("SIGVTALRM", 26),
    ("SIGPROF", 27),
    ("SIGWINCH", 28),
    ("SIGIO", 29),
    ("SIGPOLL", 29),
    ("SIGPWR", 30),
    ("SIGSYS", 31),
    ("SIGRTMIN", 34),
    ("SIGRTMAX", 64),
];

pub fn load(vm: &mut Vm) -> PyResult<Value> {
    let m = ModuleDef::new("_signal");
    m.funcs(
        vm,
        &[
            ("signal", signal),
            ("getsignal", getsignal),
            ("raise_signal", raise_signal),
            ("alarm", alarm),
            ("setitimer", setitimer),
            ("getitimer", getitimer),
            ("default_int_handler", default_int_handler),
            ("strsignal", strsignal),
            ("valid_signals", valid_signals),
        ],
    );
    for (name, v) in SIGNALS {
        m.value(vm, name, Value::Int(*v));
    }
    for (name, v) in [
        ("SIG_DFL", SIG_DFL),
        ("SIG_IGN", SIG_IGN),
        ("NSIG", NSIG),
        ("ITIMER_REAL", 0),
        ("ITIMER_VIRTUAL", 1),
        ("ITIMER_PROF", 2),
        ("SIG_BLOCK", 0),
        ("SIG_UNBLOCK", 1),
        ("SIG_SETMASK", 2),
    ] {
        m.value(vm, name, Value::Int(v));
    }
    let module = m.finish(vm);
    // Ctrl-C's handler is `default_int_handler` unless SIGINT was ignored at start.
    if signals::disposition(2) == Some(Disposition::Handled) && vm.signal_handlers[2].is_none() {
        let key = vm.intern("default_int_handler");
        let h = vm.get_attr(&module, &key)?;
        vm.signal_handlers[2] = h;
    }
    Ok(module)
}

/// A signal number argument, checked against the range.
fn signum(vm: &mut Vm, v: Option<Value>) -> PyResult<i32> {
    let n = c_int(vm, &v.unwrap_or(Value::None))?;
    if !(1..NSIG).contains(&n) {
        return Err(vm.value_error("signal number out of range"));
    }
    Ok(n as i32)
}

/// `signal(signalnum, handler)`: the previous handler.
fn signal(vm: &mut Vm, args: Args) -> PyResult {
    let [sig, handler] = Clinic::new("signal", &["signalnum", "handler"])
        .posonly(2)
        .required(2)
        .bind(vm, &args)?;
    let sig = signum(vm, sig)?;
    let handler = handler.unwrap_or(Value::None);
    let disposition = match &handler {
        Value::Int(SIG_DFL) => Disposition::Default,
        Value::Int(SIG_IGN) => Disposition::Ignore,
        h if !matches!(h, Value::Int(_)) && vm.is_callable(h) => Disposition::Handled,
        _ => {
            return Err(vm.type_error(
                "signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object",
            ))
        }
    };
    let old = current(vm, sig);
    signals::set_disposition(sig, disposition).map_err(|e| vm.os_error(&e, &Value::None))?;
    vm.signal_handlers[sig as usize] = handler;
    Ok(old)
}

/// The handler of `sig` as `getsignal` reports it: the Python handler, SIG_DFL or
/// SIG_IGN, or None when it was set outside Python.
fn current(vm: &Vm, sig: i32) -> Value {
    match &vm.signal_handlers[sig as usize] {
        Value::None => match signals::disposition(sig) {
            Some(Disposition::Default) => Value::Int(SIG_DFL),
            Some(Disposition::Ignore) => Value::Int(SIG_IGN),
            _ => Value::None,
        },
        h => h.clone(),
    }
}

fn getsignal(vm: &mut Vm, args: Args) -> PyResult {
    let sig = crate::native::one_arg(vm, "getsignal", &args)?;
    let sig = signum(vm, Some(sig.clone()))?;
    Ok(current(vm, sig))
}

/// `raise_signal(signalnum)`: the handler has run when it returns, as in CPython.
fn raise_signal(vm: &mut Vm, args: Args) -> PyResult {
    let sig = crate::native::one_arg(vm, "raise_signal", &args)?;
    let sig = signum(vm, Some(sig.clone()))?;
    let signal = nix::sys::signal::Signal::try_from(sig)
        .map_err(|e| vm.os_error(&e.into(), &Value::None))?;
    nix::sys::signal::raise(signal).map_err(|e| vm.os_error(&e.into(), &Value::None))?;
    vm.check_signals()?;
    Ok(Value::None)
}

/// `alarm(seconds)`: SIGALRM after that many seconds (0 cancels); the seconds that
/// were left of the previous alarm.
fn alarm(vm: &mut Vm, args: Args) -> PyResult {
    let secs = crate::native::one_arg(vm, "alarm", &args)?;
    let secs = c_int(vm, secs)?;
    Ok(Value::Int(signals::set_alarm(secs as u32) as i64))
}

fn timer_pair((value, interval): (f64, f64)) -> Value {
    Value::tuple(vec![Value::float(value), Value::float(interval)])
}

/// `setitimer(which, seconds, interval=0.0)`: the old (delay, interval).
fn setitimer(vm: &mut Vm, args: Args) -> PyResult {
    let [which, seconds, interval] = Clinic::new("setitimer", &["which", "seconds", "interval"])
        .posonly(3)
        .required(2)
        .bind(vm, &args)?;
    let which = c_int(vm, &which.unwrap_or(Value::None))?;
    let seconds = vm.to_float(&seconds.unwrap_or(Value::None))?;
    let interval = match interval {
        Some(v) => vm.to_float(&v)?,
        None => 0.0,
    };
    let old = signals::set_timer(which as i32, seconds, interval)
        .map_err(|e| vm.os_error(&e, &Value::None))?;
    Ok(timer_pair(old))
}

fn getitimer(vm: &mut Vm, args: Args) -> PyResult {
    let which = crate::native::one_arg(vm, "getitimer", &args)?;
    let which = c_int(vm, which)?;
    let now = signals::get_timer(which as i32).map_err(|e| vm.os_error(&e, &Value::None))?;
    Ok(timer_pair(now))
}

/// `default_int_handler(signalnum, frame)`: raises KeyboardInterrupt.
fn default_int_handler(vm: &mut Vm, _args: Args) -> PyResult {
    Err(vm.new_exception(&vm.exc.keyboard_interrupt.clone(), vec![]))
}

fn strsignal(vm: &mut Vm, args: Args) -> PyResult {
    let sig = crate::native::one_arg(vm, "strsignal", &args)?;
    let sig = signum(vm, Some(sig.clone()))?;
    Ok(match nix::sys::signal::Signal::try_from(sig) {
        Ok(s) => Value::str(description(s)),
        Err(_) if (34..=64).contains(&sig) => Value::str(format!("Real-time signal {}", sig - 34)),
        Err(_) => Value::None,
    })
}

/// glibc's `strsignal` texts.
fn description(s: nix::sys::signal::Signal) -> &'static str {
    use nix::sys::signal::Signal::*;
    match s {
        SIGHUP => "Hangup",
        SIGINT => "Interrupt",
        SIGQUIT => "Quit",
        SIGILL => "Illegal instruction",
        SIGTRAP => "Trace/breakpoint trap",
        SIGABRT => "Aborted",
        SIGBUS => "Bus error",
        SIGFPE => "Floating point exception",
        SIGKILL => "Killed",
        SIGUSR1 => "User defined signal 1",
        SIGSEGV => "Segmentation fault",
        SIGUSR2 => "User defined signal 2",
        SIGPIPE => "Broken pipe",
        SIGALRM => "Alarm clock",
        SIGTERM => "Terminated",
        SIGSTKFLT => "Stack fault",
        SIGCHLD => "Child exited",
        SIGCONT => "Continued",
        SIGSTOP => "Stopped (signal)",
        SIGTSTP => "Stopped",
        SIGTTIN => "Stopped (tty input)",
        SIGTTOU => "Stopped (tty output)",
        SIGURG => "Urgent I/O condition",
        SIGXCPU => "CPU time limit exceeded",
        SIGXFSZ => "File size limit exceeded",
        SIGVTALRM => "Virtual timer expired",
        SIGPROF => "Profiling timer expired",
        SIGWINCH => "Window changed",
        SIGIO => "I/O possible",
        SIGPWR => "Power failure",
        SIGSYS => "Bad system call",
        _ => "Unknown signal",
    }
}

/// `valid_signals()`: the numbers `signal()` accepts (1-31 and the real-time 34-64).
fn valid_signals(vm: &mut Vm, args: Args) -> PyResult {
    crate::native::no_args(vm, "valid_signals", &args)?;
    let numbers = Value::list((1..=31).chain(34..=64).map(Value::Int).collect());
    let set = Value::Class(vm.types.set.clone());
    vm.call(&set, &[numbers])
}
