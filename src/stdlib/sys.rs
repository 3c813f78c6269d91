//! The `sys` module: streams, `argv`, `exit`, recursion limit, `exc_info`; the
//! informational entries are in [`crate::stdlib::sys_info`].

use crate::native::{function_args, method_args, no_args, one_arg, Sig};
use crate::object::function::Args;
use crate::object::{Dict, DictObj, Object, Value};
use crate::vm::stream::{stream_kind, stream_payload, Flushing, Stream};
use crate::vm::{PyResult, Vm};

fn func(name: &'static str, f: crate::object::function::NativeFn) -> Value {
    crate::native::function("sys", name, f)
}

pub fn load(vm: &mut Vm) -> PyResult<Value> {
    let d = DictObj::new(Dict::new());
    let stream_class = {
        // A subclass of `_io.TextIOWrapper`, writing through the interpreter's buffered
        // stdout instead of a file: `isinstance(sys.stdout, io.TextIOWrapper)` holds.
        let text = crate::builtins::file_io::io_classes(vm)[0].1.clone();
        let object = vm.types.object.clone();
        let c = crate::object::class::Class::new(
            "TextIOWrapper",
            vec![text.clone()],
            vec![text, object],
            Dict::new(),
            crate::object::class::Layout::Native,
            true,
        );
        let module = vm.intern("__module__");
        c.dict.borrow_mut().set_str(module, Value::str("_io"));
        crate::native::add_methods(
            vm,
            &c,
            &[
                ("write", stream_write),
                ("flush", stream_flush),
                ("isatty", stream_isatty),
                ("fileno", stream_fileno),
                ("writable", stream_yes),
                ("readable", stream_no),
                ("seekable", stream_no),
            ],
        );
        c
    };
    let [out_buffer, err_buffer, in_buffer] = crate::stdlib::std_buffers::buffers(vm);
    let stream = |vm: &mut Vm, kind: Stream, buffer: Value| {
        let o = Object::with_dict(stream_class.clone(), stream_payload(kind));
        let (name, errors) = match kind {
            Stream::Stdout => ("<stdout>", "strict"),
            Stream::Stderr => ("<stderr>", "backslashreplace"),
        };
        // CPython's stderr is line-buffered even on a pipe (since 3.9).
        let flushing = match kind {
            Stream::Stdout => vm.stdout_flushing(),
            Stream::Stderr if crate::vm::stream::unbuffered() => Flushing::Each,
            Stream::Stderr => Flushing::Line,
        };
        if let Some(d) = o.dict() {
            let mut t = d.table.borrow_mut();
            let fields = [
                ("buffer", buffer),
                ("encoding", Value::str("utf-8")),
                ("errors", Value::str(errors)),
                ("name", Value::str(name)),
                ("mode", Value::str("w")),
                ("newlines", Value::None),
                ("closed", Value::bool(false)),
                ("line_buffering", Value::bool(flushing == Flushing::Line)),
                ("write_through", Value::bool(flushing == Flushing::Each)),
            ];
            for (k, v) in fields {
                t.set_str(vm.intern(k), v);
            }
        }
        Value::Object(o)
    };
    let stdout = stream(vm, Stream::Stdout, out_buffer);
    let stderr = stream(vm, Stream::Stderr, err_buffer);
    let argv: Vec<Value> = vm.argv.iter().map(|a| Value::str(a.clone())).collect();
    let mut entries: Vec<(&str, Value)> = vec![
        ("argv", Value::list(argv)),
        ("stdout", stdout.clone()),
        ("stderr", stderr.clone()),
        ("__stdout__", stdout),
        ("__stderr__", stderr),
        ("version", Value::str("3.11.7 (apy)")),
        ("maxsize", Value::Int(i64::MAX)),
        ("platform", Value::str(std::env::consts::OS)),
        (
            "byteorder",
            Value::str(if cfg!(target_endian = "little") {
                "little"
            } else {
                "big"
            }),
        ),
        (
            "executable",
            Value::str(
                std::env::current_exe()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default(),
            ),
        ),
        ("exit", func("exit", exit)),
        (
            "getrecursionlimit",
            func("getrecursionlimit", getrecursionlimit),
        ),
        (
            "setrecursionlimit",
            func("setrecursionlimit", setrecursionlimit),
        ),
        (
            "get_int_max_str_digits",
            func("get_int_max_str_digits", get_int_max_str_digits),
        ),
        (
            "set_int_max_str_digits",
            func("set_int_max_str_digits", set_int_max_str_digits),
        ),
        (
            "set_coroutine_origin_tracking_depth",
            func(
                "set_coroutine_origin_tracking_depth",
                set_coroutine_origin_tracking_depth,
            ),
        ),
        (
            "get_coroutine_origin_tracking_depth",
            func(
                "get_coroutine_origin_tracking_depth",
                get_coroutine_origin_tracking_depth,
            ),
        ),
        ("exc_info", func("exc_info", exc_info)),
        ("_getframe", func("_getframe", getframe)),
        ("intern", func("intern", intern)),
    ];
    // Before the entries: it loads `types`, which `sys.modules` (an entry) then lists.
    let implementation = crate::stdlib::sys_info::implementation(vm)?;
    entries.push(("implementation", implementation));
    entries.extend(crate::stdlib::sys_info::entries(vm));
    for (name, v) in &entries {
        if let (&"stdin", Value::Object(o)) = (name, v) {
            o.dict_set(vm.intern("buffer"), in_buffer.clone());
        }
    }
    entries.push(("meta_path", crate::stdlib::import_finders::meta_path(vm)));
    entries.push(("path_hooks", Value::list(Vec::new())));
    entries.push((
        "path_importer_cache",
        Value::Dict(crate::object::value::new_dict()),
    ));
    // `-X name=value` and `-X name` (True).
    let xoptions = crate::object::value::new_dict();
    for (name, value) in crate::vm::dev_mode::xoptions() {
        let key = vm.intern(&name);
        let value = value.map_or(Value::Bool(crate::object::PyBool::TRUE), Value::str);
        xoptions.table.borrow_mut().set_str(key, value);
    }
    entries.push(("_xoptions", Value::Dict(xoptions)));
    for (k, v) in entries {
        let key = vm.intern(k);
        d.table.borrow_mut().set_str(key, v);
    }
    let module = Value::Module(vm.register_module("sys", d));
    crate::stdlib::sys_info::module_added(vm, "sys", &module);
    Ok(module)
}

fn stream_write(vm: &mut Vm, args: Args) -> PyResult {
    method_args(vm, "TextIOWrapper.write", Sig::One, &args)?;
    let Value::Str(s) = &args.values[1] else {
        return Err(vm.type_error(format!(
            "write() argument must be str, not {}",
            vm.type_name(&args.values[1])
        )));
    };
    let text = s.as_str().to_string();
    let n = s.char_len();
    match stream_kind(&args.values[0]) {
        Some(Stream::Stderr) => vm.write_stderr(&text),
        _ => vm.write_stdout(text.as_bytes())?,
    }
    Ok(Value::Int(n as i64))
}

fn stream_flush(vm: &mut Vm, args: Args) -> PyResult {
    if stream_kind(&args.values[0]) == Some(Stream::Stdout) {
        vm.flush_stdout_checked()?;
    }
    Ok(Value::None)
}

fn stream_isatty(_vm: &mut Vm, args: Args) -> PyResult {
    use std::io::IsTerminal;
    Ok(Value::bool(match stream_kind(&args.values[0]) {
        Some(Stream::Stdout) => std::io::stdout().is_terminal(),
        _ => std::io::stderr().is_terminal(),
    }))
}

fn stream_fileno(_vm: &mut Vm, args: Args) -> PyResult {
    Ok(Value::Int(match stream_kind(&args.values[0]) {
        Some(Stream::Stderr) => 2,
        _ => 1,
    }))
}

fn stream_yes(_vm: &mut Vm, _args: Args) -> PyResult {
    Ok(Value::bool(true))
}

fn stream_no(_vm: &mut Vm, _args: Args) -> PyResult {
    Ok(Value::bool(false))
}

fn exit(vm: &mut Vm, args: Args) -> PyResult {
    function_args(vm, "sys.exit", Sig::Range(0, 1), &args)?;
    let code = args.values.first().cloned().unwrap_or(Value::None);
    let class = vm.exc.system_exit.clone();
    let e = if code.is_none() {
        vm.new_exception(&class, vec![])
    } else {
        vm.new_exception(&class, vec![code])
    };
    Err(e)
}

/// `sys.set_coroutine_origin_tracking_depth(depth)`: how many frames new coroutines
/// record as `cr_origin` (see `vm::coroutine_origin`).
fn set_coroutine_origin_tracking_depth(vm: &mut Vm, args: Args) -> PyResult {
    let [depth] = crate::native::PyDef::new("set_coroutine_origin_tracking_depth", &["depth"])
        .bind(vm, &args)?;
    let depth = crate::native::c_int(vm, &depth.unwrap_or(Value::None))?;
    if depth < 0 {
        return Err(vm.value_error("depth must be >= 0"));
    }
    vm.coroutine_origin_depth = depth as usize;
    Ok(Value::None)
}

fn get_coroutine_origin_tracking_depth(vm: &mut Vm, args: Args) -> PyResult {
    no_args(vm, "sys.get_coroutine_origin_tracking_depth", &args)?;
    Ok(Value::Int(vm.coroutine_origin_depth as i64))
}

fn getrecursionlimit(vm: &mut Vm, args: Args) -> PyResult {
    no_args(vm, "sys.getrecursionlimit", &args)?;
    Ok(Value::Int(vm.limits.recursion as i64))
}

fn setrecursionlimit(vm: &mut Vm, args: Args) -> PyResult {
    one_arg(vm, "sys.setrecursionlimit", &args)?;
    let n = match &args.values[0] {
        Value::Int(n) => *n,
        other => {
            return Err(vm.type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                vm.type_name(other)
            )))
        }
    };
    if n < 1 {
        return Err(vm.value_error("recursion limit must be greater or equal than 1"));
    }
    vm.limits.recursion = n.min(100_000_000) as usize;
    Ok(Value::None)
}

fn get_int_max_str_digits(vm: &mut Vm, args: Args) -> PyResult {
    no_args(vm, "sys.get_int_max_str_digits", &args)?;
    Ok(Value::Int(crate::format::int_max_str_digits() as i64))
}

fn set_int_max_str_digits(vm: &mut Vm, args: Args) -> PyResult {
    let [n] = crate::native::Clinic::new("set_int_max_str_digits", &["maxdigits"])
        .required(1)
        .bind(vm, &args)?;
    let n = crate::native::ssize(vm, &n.unwrap_or_default())?;
    match usize::try_from(n) {
        Ok(n) if n == 0 || n >= crate::format::INT_MAX_STR_DIGITS_THRESHOLD => {
            crate::format::set_int_max_str_digits(n);
            Ok(Value::None)
        }
        _ => Err(vm.value_error("maxdigits must be 0 or larger than 640")),
    }
}

/// `sys.exc_info()` reached from native code (calls from bytecode are answered at the
/// call site, which also sees the running frame: `Vm::exc_info`).
fn exc_info(vm: &mut Vm, _args: Args) -> PyResult {
    vm.exc_info(None)
}

/// `sys._getframe` is answered at its call site (it needs the caller's frame);
/// reaching this function means it was called indirectly.
fn getframe(vm: &mut Vm, _args: Args) -> PyResult {
    Err(vm.runtime_error("sys._getframe() must be called directly in apy"))
}

fn intern(vm: &mut Vm, args: Args) -> PyResult {
    one_arg(vm, "sys.intern", &args)?;
    match &args.values[0] {
        Value::Str(s) => Ok(Value::Str(vm.intern(s.as_str()))),
        other => Err(vm.type_error(format!(
            "intern() argument must be str, not {}",
            vm.type_name(other)
        ))),
    }
}
