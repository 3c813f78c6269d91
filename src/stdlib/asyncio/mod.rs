//! The `asyncio` module: native entry points to the event loop (`sleep`, `create_task`,
//! `get_running_loop`, `Future`, `Task`...) plus the higher-level parts written in Python
//! (`run`, `gather`, `wait`, `TaskGroup`, locks, queues), in the `.py` files beside this
//! one, which the build compiles (`stdlib::frozen`) and the first import runs.

mod loop_access;
mod queue_fast;

use crate::native::{no_args, ArgCheck, PyDef};
use crate::object::function::{Args, NativeFn};
use crate::object::{Dict, DictObj, GenKind, Object, Payload, SetObj, SetTable, Value};
use crate::runtime::future::{is_future, FutureRef};
use crate::runtime::payload::FutureState;
use crate::vm::{PyResult, Vm};
use std::cell::RefCell;
use std::rc::Rc;

/// The Python parts (frozen at build time, see `stdlib::frozen`), in dependency order,
/// with the CPython module each mirrors (the `__module__` of what it defines).
const SOURCES: &[(&str, &str)] = &[
    ("asyncio/format_helpers.py", "asyncio.format_helpers"),
    ("asyncio/task_stack.py", "asyncio.base_tasks"),
    ("asyncio/exception_handlers.py", "asyncio.base_events"),
    ("asyncio/runners.py", "asyncio.runners"),
    ("asyncio/combinators.py", "asyncio.tasks"),
    ("asyncio/taskgroups.py", "asyncio.taskgroups"),
    ("asyncio/locks.py", "asyncio.locks"),
    ("asyncio/queues.py", "asyncio.queues"),
    ("asyncio/lazy_exports.py", "asyncio"),
];

/// CPython's submodules whose names `asyncio` itself answers for: the parts frozen
/// into it (see SOURCES) and the native ones (`events`, `futures`, `tasks`...).
const MERGED_SUBMODULES: &[&str] = &[
    "asyncio.base_futures",
    "asyncio.base_tasks",
    "asyncio.coroutines",
    "asyncio.events",
    "asyncio.format_helpers",
    "asyncio.futures",
    "asyncio.locks",
    "asyncio.queues",
    "asyncio.runners",
    "asyncio.taskgroups",
    "asyncio.tasks",
    "asyncio.timeouts",
];

/// Whether `import name` is `asyncio` itself (`import asyncio.locks`).
pub fn is_merged_submodule(name: &str) -> bool {
    MERGED_SUBMODULES.contains(&name)
}

fn func(name: &'static str, f: NativeFn) -> Value {
    crate::native::function("asyncio", name, f)
}

pub fn load(vm: &mut Vm) -> PyResult<Value> {
    let d = DictObj::new(Dict::new());
    let module = vm.register_module("asyncio", d.clone());
    let classes = vm.runtime().classes();
    let (future, task, cancelled, invalid, handle, timer) = (
        classes.future.clone(),
        classes.task.clone(),
        classes.cancelled_error.clone(),
        classes.invalid_state_error.clone(),
        classes.handle.clone(),
        classes.timer_handle.clone(),
    );
    future.subclassable.set(true);
    crate::native::add_static(vm, &future, "__new__", future_new);
    crate::native::add_method(vm, &future, "__init__", future_init);
    crate::native::add_static(vm, &task, "__new__", task_new);
    let entries: Vec<(&str, Value)> = vec![
        ("sleep", func("sleep", sleep)),
        (
            "get_running_loop",
            func("get_running_loop", get_running_loop),
        ),
        (
            "_get_running_loop",
            func("_get_running_loop", get_running_loop_or_none),
        ),
        (
            "get_event_loop",
            func("get_event_loop", loop_access::get_event_loop),
        ),
        (
            "set_event_loop",
            func("set_event_loop", loop_access::set_event_loop),
        ),
        (
            "new_event_loop",
            func("new_event_loop", loop_access::new_event_loop),
        ),
        (
            "_policy_get_event_loop",
            func("_policy_get_event_loop", loop_access::policy_get_event_loop),
        ),
        (
            "_policy_set_event_loop",
            func("_policy_set_event_loop", loop_access::policy_set_event_loop),
        ),
        (
            "_set_loop_policy",
            func("_set_loop_policy", loop_access::set_loop_policy),
        ),
        (
            "_install_loop_base",
            func("_install_loop_base", loop_access::install_loop_base),
        ),
        ("create_task", func("create_task", create_task)),
        ("ensure_future", func("ensure_future", ensure_future)),
        ("gather", func("gather", gather)),
        ("current_task", func("current_task", current_task)),
        ("all_tasks", func("all_tasks", all_tasks)),
        ("iscoroutine", func("iscoroutine", iscoroutine)),
        (
            "iscoroutinefunction",
            func("iscoroutinefunction", iscoroutinefunction),
        ),
        ("isfuture", func("isfuture", isfuture)),
        (
            "_make_cancelled_error",
            func("_make_cancelled_error", make_cancelled_error),
        ),
        ("_log_error", func("_log_error", log_error)),
        (
            "_install_loop_methods",
            func("_install_loop_methods", loop_access::install_loop_methods),
        ),
        (
            "_queue_fast_get",
            func("_queue_fast_get", queue_fast::fast_get),
        ),
        (
            "_queue_fast_put",
            func("_queue_fast_put", queue_fast::fast_put),
        ),
        ("Future", Value::Class(future)),
        ("Task", Value::Class(task)),
        ("Handle", Value::Class(handle)),
        ("TimerHandle", Value::Class(timer)),
        ("CancelledError", Value::Class(cancelled)),
        ("InvalidStateError", Value::Class(invalid)),
        ("TimeoutError", Value::Class(vm.exc.timeout_error.clone())),
        ("__file__", Value::str("<frozen asyncio>")),
    ];
    for (k, v) in entries {
        let key = vm.intern(k);
        d.table.borrow_mut().set_str(key, v);
    }
    let key = vm.intern("__builtins__");
    let builtins = Value::Module(crate::object::Module::new("builtins", vm.builtins.clone()));
    d.table.borrow_mut().set_str(key, builtins);
    let name_key = vm.intern("__name__");
    for (path, module_name) in SOURCES {
        d.table
            .borrow_mut()
            .set_str(name_key.clone(), Value::str(*module_name));
        let code = super::frozen::code(vm, path)?;
        let frame = vm.alloc_frame(code, d.clone(), None);
        vm.run_frame(frame)?;
    }
    d.table
        .borrow_mut()
        .set_str(name_key, Value::str("asyncio"));
    let get = |name: &str| {
        d.get_str(name, crate::object::hash::hash_str(name))
            .unwrap_or(Value::None)
    };
    vm.runtime_mut().wrap_awaitable = get("_await_awaitable");
    vm.runtime_mut().format_callback_source = get("_format_callback_source");
    vm.runtime_mut().report_unretrieved = get("_report_unretrieved");
    vm.runtime_mut().queue_class = get("Queue");
    vm.runtime_mut().event_class = get("Event");
    // The loop's exception handling is Python (as in CPython); install it as methods
    // of the native loop class.
    let loop_class = vm.runtime().classes().loop_.clone();
    for (method, function) in [
        ("call_exception_handler", "_call_exception_handler"),
        ("default_exception_handler", "_default_exception_handler"),
        ("shutdown_asyncgens", "_shutdown_asyncgens"),
        ("shutdown_default_executor", "_shutdown_default_executor"),
        ("__getattr__", "_loop_getattr"),
        ("slow_callback_duration", "_loop_slow_callback_duration"),
    ] {
        let key = vm.intern(method);
        loop_class.dict.borrow_mut().set_str(key, get(function));
    }
    let task_class = vm.runtime().classes().task.clone();
    for (method, function) in [
        ("get_stack", "_task_get_stack"),
        ("print_stack", "_task_print_stack"),
    ] {
        let key = vm.intern(method);
        task_class.dict.borrow_mut().set_str(key, get(function));
    }
    crate::object::class::invalidate_caches();
    Ok(Value::Module(module))
}

fn sleep(vm: &mut Vm, args: Args) -> PyResult {
    // `async def sleep(delay, result=None)`.
    let [delay, result] = PyDef::new("sleep", &["delay", "result"])
        .defaults(1)
        .bind(vm, &args)?;
    let delay = delay.unwrap_or(Value::None);
    let result = result.unwrap_or(Value::None);
    let delay = match &delay {
        Value::Int(_) | Value::Float(_) | Value::Bool(_) | Value::BigInt(_) => {
            vm.to_float(&delay)?
        }
        other => {
            return Err(vm.type_error(format!(
                "'<=' not supported between instances of '{}' and 'int'",
                vm.type_name(other)
            )))
        }
    };
    if delay.is_nan() {
        return Err(vm.value_error("Invalid delay: NaN (not a number)"));
    }
    // The shared bare-yield object only where an `await` takes it at once: elsewhere
    // the call may be dropped unawaited, which must warn as a coroutine does.
    let awaited = std::mem::take(&mut vm.call_is_awaited);
    if delay <= 0.0 && result.is_none() && awaited {
        return Ok(vm.yield_once[0].clone());
    }
    Ok(crate::runtime::awaitables::new_sleep(vm, delay, result))
}

fn get_running_loop(vm: &mut Vm, args: Args) -> PyResult {
    no_args(vm, "_asyncio.get_running_loop", &args)?;
    vm.running_loop().map(Value::from)
}

fn get_running_loop_or_none(vm: &mut Vm, args: Args) -> PyResult {
    no_args(vm, "_asyncio._get_running_loop", &args)?;
    Ok(vm
        .runtime()
        .running_loop
        .clone()
        .map_or(Value::None, Value::from))
}

fn create_task(vm: &mut Vm, args: Args) -> PyResult {
    // `def create_task(coro, *, name=None, context=None)`.
    let [coro, name, context] = PyDef::new("create_task", &["coro"])
        .kwonly(&["name", "context"])
        .bind(vm, &args)?;
    let coro = coro.unwrap_or(Value::None);
    let loop_ = match vm.running_loop() {
        Ok(l) => l,
        Err(e) => {
            if let Value::Generator(g) = &coro {
                // CPython closes the coroutine, so no "never awaited" warning follows.
                g.state.set(crate::object::GenState::Closed);
            }
            return Err(e);
        }
    };
    let context = context.unwrap_or(Value::None);
    vm.new_task(loop_.value(), coro, name.unwrap_or(Value::None), context)
        .map(Value::from)
}

fn ensure_future(vm: &mut Vm, args: Args) -> PyResult {
    // `def ensure_future(coro_or_future, *, loop=None)`.
    let [aw, given_loop] = PyDef::new("ensure_future", &["coro_or_future"])
        .kwonly(&["loop"])
        .bind(vm, &args)?;
    let aw = aw.unwrap_or(Value::None);
    if is_future(&aw) {
        return Ok(aw);
    }
    let loop_ = match given_loop {
        Some(l) if !l.is_none() => l,
        _ => loop_access::get_event_loop(vm, Args::positional(&[]))?,
    };
    vm.ensure_future(&loop_, aw).map(Value::from)
}

fn gather(vm: &mut Vm, args: Args) -> PyResult {
    let mut return_exceptions = false;
    for (k, v) in args.kw() {
        match k {
            "return_exceptions" => return_exceptions = vm.is_true(v)?,
            _ => {
                return Err(
                    vm.type_error(format!("gather() got an unexpected keyword argument '{k}'"))
                )
            }
        }
    }
    let default_loop = loop_access::get_event_loop(vm, Args::positional(&[]))?;
    vm.gather(args.pos(), return_exceptions, default_loop)
}

fn loop_arg(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    match args.pos().first().or_else(|| args.kwarg("loop")) {
        Some(l) if !l.is_none() => Ok(l.clone()),
        _ => vm.running_loop().map(Value::from),
    }
}

/// `def current_task(loop=None)`, and `all_tasks` likewise.
fn loop_def(qualname: &'static str) -> PyDef {
    PyDef::new(qualname, &["loop"]).defaults(1)
}

fn current_task(vm: &mut Vm, args: Args) -> PyResult {
    loop_def("current_task").bind::<1>(vm, &args)?;
    let loop_ = loop_arg(vm, &args)?;
    Ok(vm.current_task(&loop_))
}

fn all_tasks(vm: &mut Vm, args: Args) -> PyResult {
    loop_def("all_tasks").bind::<1>(vm, &args)?;
    let loop_ = loop_arg(vm, &args)?;
    let tasks = match crate::runtime::event_loop::state(&loop_) {
        Some(l) => l.borrow_mut().live_tasks(),
        None => Vec::new(),
    };
    let mut table = SetTable::new();
    for t in tasks {
        let h = vm.hash(&t)?;
        let mut eq = |a: &Value, b: &Value| Ok(a.is(b));
        table.add(h, t, &mut eq)?;
    }
    Ok(Value::Set(SetObj::new(table, false)))
}

fn iscoroutine(vm: &mut Vm, args: Args) -> PyResult {
    PyDef::new("iscoroutine", &["obj"]).bind::<1>(vm, &args)?;
    let v = &args.values[0];
    Ok(Value::bool(
        matches!(v, Value::Generator(g) if g.kind == GenKind::Coroutine)
            || crate::runtime::awaitables::is_native_coroutine(v),
    ))
}

fn iscoroutinefunction(vm: &mut Vm, args: Args) -> PyResult {
    PyDef::new("iscoroutinefunction", &["func"]).bind::<1>(vm, &args)?;
    let f = match &args.values[0] {
        Value::BoundMethod(m) => m.function.clone(),
        other => other.clone(),
    };
    if matches!(&f, Value::Function(f) if f.code.is_coroutine()) {
        return Ok(Value::bool(true));
    }
    // Or an object carrying `asyncio.coroutines._is_coroutine` as `_is_coroutine`.
    let Value::Object(_) = &args.values[0] else {
        return Ok(Value::bool(false));
    };
    let marker = vm.loaded_module_attr("asyncio", "_is_coroutine");
    let Some(marker) = marker else {
        return Ok(Value::bool(false));
    };
    let name = vm.intern("_is_coroutine");
    let claimed = match vm.get_attr(&args.values[0], &name) {
        Ok(v) => v,
        Err(e) if e.class.is_subclass(&vm.exc.attribute_error) => return Ok(Value::bool(false)),
        Err(e) => return Err(e),
    };
    Ok(Value::bool(claimed.is(&marker)))
}

fn isfuture(vm: &mut Vm, args: Args) -> PyResult {
    PyDef::new("isfuture", &["obj"]).bind::<1>(vm, &args)?;
    Ok(Value::bool(is_future(&args.values[0])))
}

/// `_log_error(text, exc)`: what `logger.error(text, exc_info=exc)` prints to stderr.
fn log_error(vm: &mut Vm, args: Args) -> PyResult {
    vm.check_args("_log_error", &args, 2, 2)?;
    let mut text = vm.str(&args.values[0])?;
    text.push('\n');
    if let Value::Object(o) = &args.values[1] {
        if o.exc_data().is_some() {
            text.push_str(&vm.format_exception(o));
        }
    }
    vm.write_stderr(&text);
    Ok(Value::None)
}

fn make_cancelled_error(vm: &mut Vm, args: Args) -> PyResult {
    vm.check_args("_make_cancelled_error", &args, 1, 1)?;
    Ok(Value::Object(match FutureRef::of(&args.values[0]) {
        Some(fut) => fut.make_cancelled_error(vm),
        None => vm.cancelled_error(Value::None),
    }))
}

/// `Future(*, loop=None)`; subclasses (like gather's) get an instance dict.
fn future_new(vm: &mut Vm, args: Args) -> PyResult {
    let Some(Value::Class(cls)) = args.values.first() else {
        return Err(vm.type_error("Future.__new__(X): X is not a type object"));
    };
    let cls = cls.clone();
    let loop_ = match args.kwarg("loop") {
        Some(l) if !l.is_none() => l.clone(),
        _ => loop_access::get_event_loop(vm, Args::positional(&[]))?,
    };
    let payload = Payload::Native(Box::new(RefCell::new(FutureState::new(loop_))));
    Ok(Value::Object(
        if Rc::ptr_eq(&cls, &vm.runtime().classes().future) {
            Object::new(cls, payload)
        } else {
            Object::with_dict(cls, payload)
        },
    ))
}

fn future_init(_vm: &mut Vm, _args: Args) -> PyResult {
    Ok(Value::None)
}

fn task_new(vm: &mut Vm, args: Args) -> PyResult {
    let Some(coro) = args.pos().get(1).cloned() else {
        return Err(vm.type_error("Task.__init__() missing 1 required positional argument: 'coro'"));
    };
    let loop_ = match args.kwarg("loop") {
        Some(l) if !l.is_none() => l.clone(),
        _ => loop_access::get_event_loop(vm, Args::positional(&[]))?,
    };
    let name = args.kwarg("name").cloned().unwrap_or(Value::None);
    let context = args.kwarg("context").cloned().unwrap_or(Value::None);
    vm.new_task(&loop_, coro, name, context).map(Value::from)
}
