//! `_subprocess`: starting child processes and waiting for them, what the Python
//! `subprocess` module (`subprocess.py`) and asyncio's subprocess transports are built
//! on.
//!
//! - `spawn(args, executable, cwd, env, stdin, stdout, stderr, start_new_session)`
//!   starts a child (std's `Command`) and returns `(child, stdin_fd, stdout_fd,
//!   stderr_fd)`: the pipe ends as fd numbers the caller takes over (-1 where no pipe
//!   was asked for). A stream argument is `None` (inherit), `PIPE` (-1), `STDOUT` (-2,
//!   stderr only), `DEVNULL` (-3) or an fd number (duplicated for the child).
//! - `Child`: `pid`, `poll()`, `wait(timeout)` (None on timeout), `send_signal(sig)`,
//!   and `watch(loop, callback, *args)`, which hands the child to a watcher thread
//!   (`runtime::child_watcher`) so the loop calls `callback(pid, returncode, *args)`.
//! - `communicate(stdin_fd, stdout_fd, stderr_fd, input, timeout)`: writes `input` and
//!   reads both outputs to EOF at once (one `poll` loop, as CPython's `_communicate`),
//!   returning `(stdout, stderr, timed_out)`.

use crate::native::{add_methods, module_class, Clinic, ModuleDef};
use crate::object::class::Layout;
use crate::object::function::Args;
use crate::object::string::PyBytes;
use crate::object::{NativeData, Object, Payload, Value};
use crate::runtime::child_watcher;
use crate::runtime::raw_fd;
use crate::vm::{PyResult, Vm};
use std::cell::RefCell;
use std::os::fd::{AsFd, IntoRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::rc::Rc;
use std::time::{Duration, Instant};

const PIPE: i64 = -1;
const STDOUT: i64 = -2;
const DEVNULL: i64 = -3;

struct ChildState {
    /// None once handed to a watcher thread.
    child: Option<Child>,
    pid: u32,
    returncode: Option<i64>,
}

struct ChildData(RefCell<ChildState>);

impl NativeData for ChildData {
    fn traverse(&self, _f: &mut dyn FnMut(&Value)) {}
}

struct Classes {
    child: Rc<crate::object::Class>,
}

pub fn load(vm: &mut Vm) -> PyResult<Value> {
    let m = ModuleDef::new("_subprocess");
    let child = module_class(vm, "_subprocess", "Child", Layout::Native);
    add_methods(
        vm,
        &child,
        &[
            ("poll", child_poll),
            ("wait", child_wait),
            ("send_signal", child_send_signal),
            ("watch", child_watch),
            ("_pid", child_pid),
        ],
    );
    vm.extensions.insert(Rc::new(Classes {
        child: child.clone(),
    }));
    m.funcs(vm, &[("spawn", spawn), ("communicate", communicate)]);
    m.value(vm, "Child", Value::Class(child));
    for (name, v) in [("PIPE", PIPE), ("STDOUT", STDOUT), ("DEVNULL", DEVNULL)] {
        m.value(vm, name, Value::Int(v));
    }
    Ok(m.finish(vm))
}

/// An argument as the OS sees it: str (UTF-8) or bytes.
fn os_string(vm: &mut Vm, v: &Value) -> PyResult<std::ffi::OsString> {
    use std::os::unix::ffi::OsStringExt;
    match v {
        Value::Str(s) => Ok(std::ffi::OsString::from(s.as_str())),
        Value::Bytes(b) => Ok(std::ffi::OsString::from_vec(b.data.clone())),
        other => {
            let path = crate::stdlib::os_path::fspath(vm, other).map_err(|_| {
                vm.type_error(format!(
                    "expected str, bytes or os.PathLike object, not {}",
                    vm.type_name(other)
                ))
            })?;
            Ok(path.os_path().as_os_str().to_os_string())
        }
    }
}

/// A stream argument of `spawn`: what the child gets, and whether the parent keeps a
/// pipe end.
fn stdio(vm: &mut Vm, v: &Value, allow_stdout: bool) -> PyResult<(Stdio, bool)> {
    Ok(match v {
        Value::None => (Stdio::inherit(), false),
        Value::Int(PIPE) => (Stdio::piped(), true),
        Value::Int(DEVNULL) => (Stdio::null(), false),
        Value::Int(STDOUT) if allow_stdout => (Stdio::inherit(), false),
        Value::Int(fd) if *fd >= 0 => {
            let fd = i32::try_from(*fd).map_err(|_| vm.overflow_error("fd is too large"))?;
            let owned = raw_fd::dup(fd).map_err(|e| vm.os_error(&e, &Value::None))?;
            (Stdio::from(owned), false)
        }
        other => {
            let r = vm.repr(other)?;
            return Err(vm.value_error(format!("invalid stream argument: {r}")));
        }
    })
}

const SPAWN: Clinic = Clinic::new(
    "spawn",
    &[
        "args",
        "executable",
        "cwd",
        "env",
        "stdin",
        "stdout",
        "stderr",
        "start_new_session",
    ],
)
.required(1);

fn spawn(vm: &mut Vm, args: Args) -> PyResult {
    let [argv, executable, cwd, env, stdin, stdout, stderr, new_session] = SPAWN.bind(vm, &args)?;
    let argv = vm.collect_iterable(&argv.unwrap_or(Value::None))?;
    let Some(first) = argv.first() else {
        return Err(vm.value_error("args must not be empty"));
    };
    let program_value = match &executable {
        Some(v) if !v.is_none() => v.clone(),
        _ => first.clone(),
    };
    let program = os_string(vm, &program_value)?;
    let mut cmd = Command::new(&program);
    cmd.arg0(os_string(vm, first)?);
    for a in &argv[1..] {
        cmd.arg(os_string(vm, a)?);
    }
    if let Some(cwd) = cwd.filter(|c| !c.is_none()) {
        let dir = os_string(vm, &cwd)?;
        // Report a bad cwd by its own name, as CPython does (std would blame the
        // program).
        if let Err(e) = std::fs::read_dir(&dir) {
            return Err(vm.os_error(&e, &cwd));
        }
        cmd.current_dir(dir);
    }
    if let Some(env) = env.filter(|e| !e.is_none()) {
        cmd.env_clear();
        let items = vm.call_method(&env, "items", &[])?;
        for item in vm.collect_iterable(&items)? {
            let pair = vm.collect_iterable(&item)?;
            if let [k, v] = pair.as_slice() {
                let (k, v) = (os_string(vm, k)?, os_string(vm, v)?);
                cmd.env(k, v);
            }
        }
    }
    let stderr_to_stdout = matches!(stderr, Some(Value::Int(STDOUT)));
    let (sin, pin) = stdio(vm, stdin.as_ref().unwrap_or(&Value::None), false)?;
    let (sout, pout) = stdio(vm, stdout.as_ref().unwrap_or(&Value::None), false)?;
    let (serr, perr) = stdio(vm, stderr.as_ref().unwrap_or(&Value::None), true)?;
    cmd.stdin(sin);
    // stderr=STDOUT: the child's stderr is whatever its stdout is (a pipe included).
    let mut stdout_pipe: Option<OwnedFd> = None;
    if stderr_to_stdout {
        if pout {
            let (r, w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)
                .map_err(|e| vm.os_error(&e.into(), &Value::None))?;
            let w2 = w.try_clone().map_err(|e| vm.os_error(&e, &Value::None))?;
            cmd.stdout(Stdio::from(w));
            cmd.stderr(Stdio::from(w2));
            stdout_pipe = Some(r);
        } else {
            cmd.stdout(sout);
            match stdout.as_ref().unwrap_or(&Value::None) {
                Value::Int(fd) if *fd >= 0 => {
                    let owned =
                        raw_fd::dup(*fd as i32).map_err(|e| vm.os_error(&e, &Value::None))?;
                    cmd.stderr(Stdio::from(owned));
                }
                Value::Int(DEVNULL) => {
                    cmd.stderr(Stdio::null());
                }
                _ => {
                    let owned = raw_fd::dup(1).map_err(|e| vm.os_error(&e, &Value::None))?;
                    cmd.stderr(Stdio::from(owned));
                }
            }
        }
    } else {
        cmd.stdout(sout);
        cmd.stderr(serr);
    }
    if new_session.is_some_and(|v| vm.is_true(&v).unwrap_or(false)) {
        cmd.process_group(0);
    }
    let mut child = cmd.spawn().map_err(|e| vm.os_error(&e, &program_value))?;
    drop(cmd);
    let fd_of = |o: Option<OwnedFd>| o.map_or(-1, |fd| fd.into_raw_fd() as i64);
    let stdin_fd = fd_of(child.stdin.take().filter(|_| pin).map(OwnedFd::from));
    let stdout_fd = match stdout_pipe {
        Some(r) => r.into_raw_fd() as i64,
        None => fd_of(child.stdout.take().filter(|_| pout).map(OwnedFd::from)),
    };
    let stderr_fd = fd_of(
        child
            .stderr
            .take()
            .filter(|_| perr && !stderr_to_stdout)
            .map(OwnedFd::from),
    );
    let pid = child.id();
    let class = vm
        .extensions
        .get::<Rc<Classes>>()
        .expect("_subprocess loaded")
        .child
        .clone();
    let obj = Value::Object(Object::new(
        class,
        Payload::Native(Box::new(ChildData(RefCell::new(ChildState {
            child: Some(child),
            pid,
            returncode: None,
        })))),
    ));
    Ok(Value::tuple(vec![
        obj,
        Value::Int(stdin_fd),
        Value::Int(stdout_fd),
        Value::Int(stderr_fd),
    ]))
}

fn child_state<'a>(vm: &Vm, args: &'a Args, name: &str) -> PyResult<&'a RefCell<ChildState>> {
    match args.values.first() {
        Some(Value::Object(o)) => match o.native::<ChildData>() {
            Some(d) => Ok(&d.0),
            None => Err(vm.type_error(format!("{name}() needs a _subprocess.Child"))),
        },
        _ => Err(vm.type_error(format!("{name}() needs a _subprocess.Child"))),
    }
}

fn child_pid(vm: &mut Vm, args: Args) -> PyResult {
    Ok(Value::Int(
        child_state(vm, &args, "_pid")?.borrow().pid as i64,
    ))
}

fn rc_value(rc: Option<i64>) -> Value {
    rc.map_or(Value::None, Value::Int)
}

/// `poll()`: the returncode if the child has exited, else None.
fn child_poll(vm: &mut Vm, args: Args) -> PyResult {
    let cell = child_state(vm, &args, "poll")?;
    let mut s = cell.borrow_mut();
    if s.returncode.is_none() {
        if let Some(child) = s.child.as_mut() {
            if let Ok(Some(status)) = child.try_wait() {
                s.returncode = Some(child_watcher::returncode(status));
            }
        }
    }
    Ok(rc_value(s.returncode))
}

/// `wait(timeout=None)`: the returncode, or None when the timeout passed first.
fn child_wait(vm: &mut Vm, args: Args) -> PyResult {
    let cell = child_state(vm, &args, "wait")?;
    let bound = Clinic::new("wait", &["timeout"]).bind_method(vm, &args)?;
    let timeout = bound.into_iter().next().flatten();
    let timeout = match timeout {
        Some(v) if !v.is_none() => Some(vm.to_float(&v)?),
        _ => None,
    };
    if let Some(rc) = cell.borrow().returncode {
        return Ok(Value::Int(rc));
    }
    if timeout.is_none() {
        wait_interruptibly(vm, cell)?;
    }
    let mut s = cell.borrow_mut();
    let Some(child) = s.child.as_mut() else {
        return Ok(Value::None);
    };
    let status = match timeout {
        None => Some(child.wait().map_err(|e| vm.os_error(&e, &Value::None))?),
        Some(t) => {
            // CPython's busy wait: polls with a doubling delay (at most 50 ms).
            let deadline = Instant::now() + Duration::from_secs_f64(t.max(0.0));
            let mut delay = Duration::from_micros(500);
            loop {
                if let Some(status) = child
                    .try_wait()
                    .map_err(|e| vm.os_error(&e, &Value::None))?
                {
                    break Some(status);
                }
                let now = Instant::now();
                if now >= deadline {
                    break None;
                }
                std::thread::sleep(delay.min(deadline - now));
                delay = (delay * 2).min(Duration::from_millis(50));
            }
        }
    };
    if let Some(status) = status {
        s.returncode = Some(child_watcher::returncode(status));
    }
    Ok(rc_value(s.returncode))
}

/// Blocks until the child has exited, leaving it to be reaped (`waitid` with `WNOWAIT`):
/// std's `wait` retries after a signal on its own, which would hold Ctrl-C until the
/// child ends. Here a signal runs its Python handler between waits (PEP 475), with the
/// child's cell not borrowed, so a handler may use the `Popen` object; the default
/// SIGINT handler's KeyboardInterrupt ends the wait, as in CPython.
fn wait_interruptibly(vm: &mut Vm, cell: &RefCell<ChildState>) -> PyResult<()> {
    use nix::sys::wait::{waitid, Id, WaitPidFlag};
    let Some(pid) = cell.borrow().child.as_ref().map(std::process::Child::id) else {
        return Ok(());
    };
    let pid = nix::unistd::Pid::from_raw(pid as i32);
    // Exited, or already reaped elsewhere (ECHILD): `wait` finds out which.
    let _ = vm.interruptible(|| {
        waitid(Id::Pid(pid), WaitPidFlag::WEXITED | WaitPidFlag::WNOWAIT)
            .map_err(std::io::Error::from)
    })?;
    Ok(())
}

/// `send_signal(sig)`: nothing once the child has exited.
fn child_send_signal(vm: &mut Vm, args: Args) -> PyResult {
    let cell = child_state(vm, &args, "send_signal")?;
    let bound = Clinic::new("send_signal", &["sig"])
        .required(1)
        .bind_method(vm, &args)?;
    let sig = bound.into_iter().next().flatten().unwrap_or(Value::None);
    let sig = crate::native::c_int(vm, &sig)?;
    let (pid, running) = {
        let mut s = cell.borrow_mut();
        if s.returncode.is_none() {
            if let Some(child) = s.child.as_mut() {
                if let Ok(Some(status)) = child.try_wait() {
                    s.returncode = Some(child_watcher::returncode(status));
                }
            }
        }
        (s.pid, s.returncode.is_none())
    };
    if running {
        let signal = nix::sys::signal::Signal::try_from(sig as i32)
            .map_err(|e| vm.os_error(&e.into(), &Value::None))?;
        match nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid as i32), signal) {
            Ok(()) | Err(nix::errno::Errno::ESRCH) => {}
            Err(e) => return Err(vm.os_error(&e.into(), &Value::None)),
        }
    }
    Ok(Value::None)
}

/// `watch(loop, callback, *args)`: `callback(pid, returncode, *args)` runs on `loop`
/// once the child exits; from then on the loop, not this object, waits for it.
fn child_watch(vm: &mut Vm, args: Args) -> PyResult {
    let cell = child_state(vm, &args, "watch")?;
    let pos = args.pos();
    if pos.len() < 3 {
        return Err(vm.type_error("watch() takes a loop and a callback"));
    }
    let Some(loop_) = crate::runtime::event_loop::LoopRef::of(&pos[1]) else {
        return Err(vm.type_error("watch() needs an apy event loop"));
    };
    let (pid, child, rc) = {
        let mut s = cell.borrow_mut();
        (s.pid, s.child.take(), s.returncode)
    };
    loop_
        .cell()
        .borrow_mut()
        .children
        .add(pid, pos[2].clone(), pos[3..].to_vec());
    match (child, rc) {
        (Some(child), None) => child_watcher::spawn_waiter(child),
        // Already reaped: report what is known.
        (_, rc) => child_watcher::report_exit(pid, rc.unwrap_or(255)),
    }
    Ok(Value::None)
}

const COMMUNICATE: Clinic = Clinic::new(
    "communicate",
    &["stdin_fd", "stdout_fd", "stderr_fd", "input", "timeout"],
)
.required(5);

/// Writes `input` to the child's stdin and closes it, while reading stdout and stderr
/// to EOF.
fn communicate(vm: &mut Vm, args: Args) -> PyResult {
    use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
    let [sin, sout, serr, input, timeout] = COMMUNICATE.bind(vm, &args)?;
    // stdin is handed over (closed here once the input is written, so the child sees
    // EOF); the outputs are read through duplicates, the caller closing its own.
    let mut fd_arg = |v: Option<Value>, adopt: bool| -> PyResult<Option<OwnedFd>> {
        let fd = crate::native::c_int(vm, &v.unwrap_or(Value::Int(-1)))?;
        if fd < 0 {
            return Ok(None);
        }
        let owned = if adopt {
            raw_fd::adopt(fd as i32)
        } else {
            raw_fd::dup(fd as i32)
        };
        owned.map(Some).map_err(|e| vm.os_error(&e, &Value::None))
    };
    let mut stdin = fd_arg(sin, true)?;
    let stdout = fd_arg(sout, false)?;
    let stderr = fd_arg(serr, false)?;
    let input = match input {
        Some(v) if !v.is_none() => vm.buffer_bytes(&v).ok_or_else(|| {
            vm.type_error(format!(
                "memoryview: a bytes-like object is required, not '{}'",
                vm.type_name(&v)
            ))
        })?,
        _ => Vec::new(),
    };
    let deadline = match timeout {
        Some(v) if !v.is_none() => {
            Some(Instant::now() + Duration::from_secs_f64(vm.to_float(&v)?.max(0.0)))
        }
        _ => None,
    };
    for fd in [&stdin, &stdout, &stderr].into_iter().flatten() {
        let _ = raw_fd::set_blocking(std::os::fd::AsRawFd::as_raw_fd(fd), false);
    }
    if input.is_empty() {
        stdin = None; // closed by the caller; nothing to write
    }
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let (mut out_open, mut err_open) = (stdout.is_some(), stderr.is_some());
    let mut written = 0usize;
    let mut timed_out = false;
    while stdin.is_some() || out_open || err_open {
        let remaining = match deadline {
            Some(d) => {
                let now = Instant::now();
                if now >= d {
                    timed_out = true;
                    break;
                }
                PollTimeout::try_from((d - now).as_millis().min(i32::MAX as u128) as i32 + 1)
                    .unwrap_or(PollTimeout::MAX)
            }
            None => PollTimeout::NONE,
        };
        let mut fds = Vec::new();
        let mut which = Vec::new();
        if let Some(fd) = &stdin {
            fds.push(PollFd::new(fd.as_fd(), PollFlags::POLLOUT));
            which.push(0);
        }
        if let (Some(fd), true) = (&stdout, out_open) {
            fds.push(PollFd::new(fd.as_fd(), PollFlags::POLLIN));
            which.push(1);
        }
        if let (Some(fd), true) = (&stderr, err_open) {
            fds.push(PollFd::new(fd.as_fd(), PollFlags::POLLIN));
            which.push(2);
        }
        match poll(&mut fds, remaining) {
            Ok(_) => {}
            // PEP 475: the handler runs (Ctrl-C ends the wait), then the poll again.
            Err(nix::errno::Errno::EINTR) => {
                drop(fds);
                vm.check_signals()?;
                continue;
            }
            Err(e) => return Err(vm.os_error(&e.into(), &Value::None)),
        }
        let ready: Vec<(i32, bool)> = fds
            .iter()
            .zip(&which)
            .map(|(p, w)| (*w, p.revents().is_some_and(|r| !r.is_empty())))
            .collect();
        drop(fds);
        for (w, is_ready) in ready {
            if !is_ready {
                continue;
            }
            match w {
                0 => {
                    let fd = stdin.as_ref().expect("polled");
                    let chunk = &input[written..(written + 512).min(input.len())];
                    match nix::unistd::write(fd, chunk) {
                        Ok(n) => written += n,
                        // The child closed its stdin: the rest is dropped, as CPython does.
                        Err(nix::errno::Errno::EPIPE) => written = input.len(),
                        Err(nix::errno::Errno::EAGAIN) | Err(nix::errno::Errno::EINTR) => {}
                        Err(e) => return Err(vm.os_error(&e.into(), &Value::None)),
                    }
                    if written >= input.len() {
                        stdin = None;
                    }
                }
                _ => {
                    let (fd, buf, open) = if w == 1 {
                        (stdout.as_ref(), &mut out, &mut out_open)
                    } else {
                        (stderr.as_ref(), &mut err, &mut err_open)
                    };
                    let mut chunk = [0u8; 32768];
                    match nix::unistd::read(fd.expect("polled"), &mut chunk) {
                        Ok(0) => *open = false,
                        Ok(n) => buf.extend_from_slice(&chunk[..n]),
                        Err(nix::errno::Errno::EAGAIN) | Err(nix::errno::Errno::EINTR) => {}
                        Err(e) => return Err(vm.os_error(&e.into(), &Value::None)),
                    }
                }
            }
        }
    }
    let bytes = |v: Vec<u8>| Value::Bytes(Rc::new(PyBytes::new(v)));
    Ok(Value::tuple(vec![
        if stdout.is_some() {
            bytes(out)
        } else {
            Value::None
        },
        if stderr.is_some() {
            bytes(err)
        } else {
            Value::None
        },
        Value::bool(timed_out),
    ]))
}
