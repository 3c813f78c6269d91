//! The informational parts of `sys`: `modules`, `path`, the struct sequences
//! (`version_info`, `flags`, `float_info`, `int_info`, `hash_info`), `getsizeof`, and
//! `sys.stdin`.

use crate::native::{add_methods, module_class};
use crate::native::{clinic, no_args, Clinic};
use crate::object::class::Layout;
use crate::object::function::Args;
use crate::object::{DictObj, Object, Payload, PyBool, Value};
use crate::stdlib::structseq::{self, StructSeqLayout};
use crate::vm::{PyResult, Vm};
use std::rc::Rc;

/// The native state of `sys.stdin`: none, it only marks the object as the real stdin.
struct Stdin;

impl crate::object::NativeData for Stdin {
    fn traverse(&self, _: &mut dyn FnMut(&Value)) {}
}

/// `PYTHONDONTWRITEBYTECODE`, which apy (that writes no bytecode files) only reports.
fn dont_write_bytecode() -> bool {
    std::env::var_os("PYTHONDONTWRITEBYTECODE").is_some_and(|v| !v.is_empty())
}

const VERSION_INFO: StructSeqLayout = StructSeqLayout {
    name: "sys.version_info",
    fields: &["major", "minor", "micro", "releaselevel", "serial"],
    visible: 5,
};

const FLAGS: StructSeqLayout = StructSeqLayout {
    name: "sys.flags",
    fields: &[
        "debug",
        "inspect",
        "interactive",
        "optimize",
        "dont_write_bytecode",
        "no_user_site",
        "no_site",
        "ignore_environment",
        "verbose",
        "bytes_warning",
        "quiet",
        "hash_randomization",
        "isolated",
        "dev_mode",
        "utf8_mode",
        "warn_default_encoding",
        "safe_path",
        "int_max_str_digits",
    ],
    visible: 18,
};

const FLOAT_INFO: StructSeqLayout = StructSeqLayout {
    name: "sys.float_info",
    fields: &[
        "max",
        "max_exp",
        "max_10_exp",
        "min",
        "min_exp",
        "min_10_exp",
        "dig",
        "mant_dig",
        "epsilon",
        "radix",
        "rounds",
    ],
    visible: 11,
};

const INT_INFO: StructSeqLayout = StructSeqLayout {
    name: "sys.int_info",
    fields: &[
        "bits_per_digit",
        "sizeof_digit",
        "default_max_str_digits",
        "str_digits_check_threshold",
    ],
    visible: 4,
};

const HASH_INFO: StructSeqLayout = StructSeqLayout {
    name: "sys.hash_info",
    fields: &[
        "width",
        "modulus",
        "inf",
        "nan",
        "imag",
        "algorithm",
        "hash_bits",
        "seed_bits",
        "cutoff",
    ],
    visible: 9,
};

fn record(vm: &mut Vm, name: &str, layout: &'static StructSeqLayout, values: Vec<Value>) -> Value {
    let class = structseq::new_class(vm, "sys", name, layout, false);
    structseq::new_instance(&class, layout, values)
}

/// `sys.implementation`: a `types.SimpleNamespace` naming apy, with apy's own version
/// (as PyPy gives its own) and no cache tag (apy writes no bytecode files). The `types`
/// module it needs is loaded here, before `sys` exists, so `types` must not import `sys`.
pub fn implementation(vm: &mut Vm) -> PyResult<Value> {
    let types = match vm.modules.get("types").cloned() {
        Some(m) => m,
        None => super::frozen::load_module(vm, "types")?.unwrap_or(Value::None),
    };
    let class_name = vm.intern("SimpleNamespace");
    let class = vm.get_attr(&types, &class_name)?;
    let namespace = vm.call(&class, &[])?;
    let mut version = env!("CARGO_PKG_VERSION")
        .split('.')
        .map(|n| Value::Int(n.parse().unwrap_or(0)));
    let (major, minor, micro) = (
        version.next().unwrap_or(Value::Int(0)),
        version.next().unwrap_or(Value::Int(0)),
        version.next().unwrap_or(Value::Int(0)),
    );
    let version = record(
        vm,
        "version_info",
        &VERSION_INFO,
        vec![major, minor, micro, Value::str("alpha"), Value::Int(0)],
    );
    let fields = [
        ("name", Value::str("apy")),
        ("cache_tag", Value::None),
        ("version", version),
        ("hexversion", Value::Int(HEXVERSION)),
    ];
    for (name, value) in fields {
        let name = vm.intern(name);
        vm.set_attr(&namespace, &name, value)?;
    }
    Ok(namespace)
}

/// `sys.hexversion` of the Python apy implements, 3.11.7 final.
const HEXVERSION: i64 = 0x030B07F0;

/// The entries `sys.load` adds to the module namespace.
pub fn entries(vm: &mut Vm) -> Vec<(&'static str, Value)> {
    let i = Value::Int;
    let s = Value::str;
    let version_info = record(
        vm,
        "version_info",
        &VERSION_INFO,
        vec![i(3), i(11), i(7), s("final"), i(0)],
    );
    let flags = record(
        vm,
        "flags",
        &FLAGS,
        vec![
            i(0),
            i(0),
            i(0),
            i(0),
            i(i64::from(dont_write_bytecode())),
            i(0),
            i(0),
            i(0),
            i(0),
            i(0),
            i(0),
            i(1),
            i(0),
            Value::Bool(if crate::vm::dev_mode::on() {
                PyBool::TRUE
            } else {
                PyBool::FALSE
            }),
            i(0),
            i(0),
            Value::Bool(PyBool::FALSE),
            i(crate::vm::dev_mode::int_max_str_digits_flag()),
        ],
    );
    let float_info = record(
        vm,
        "float_info",
        &FLOAT_INFO,
        vec![
            Value::float(f64::MAX),
            i(1024),
            i(308),
            Value::float(f64::MIN_POSITIVE),
            i(-1021),
            i(-307),
            i(15),
            i(53),
            Value::float(f64::EPSILON),
            i(2),
            i(1),
        ],
    );
    let int_info = record(
        vm,
        "int_info",
        &INT_INFO,
        vec![i(30), i(4), i(4300), i(640)],
    );
    let hash_info = record(
        vm,
        "hash_info",
        &HASH_INFO,
        vec![
            i(64),
            i(crate::object::hash::MODULUS as i64),
            i(314_159),
            i(0),
            i(1_000_003),
            s("siphash13"),
            i(64),
            i(128),
            i(0),
        ],
    );
    let stdin_class = module_class(vm, "_io", "TextIOWrapper", Layout::Native);
    add_methods(
        vm,
        &stdin_class,
        &[
            ("readline", stdin_readline),
            ("read", stdin_read),
            ("readlines", stdin_readlines),
            ("__iter__", stdin_iter),
            ("__next__", stdin_next),
            ("isatty", stdin_isatty),
            ("fileno", stdin_fileno),
            ("write", stdin_write),
        ],
    );
    // With a dict: `sys` puts the binary `buffer` there.
    let stdin = Value::Object(Object::with_dict(
        stdin_class,
        Payload::Native(Box::new(Stdin)),
    ));
    vec![
        ("version_info", version_info),
        ("hexversion", i(HEXVERSION)),
        ("flags", flags),
        ("float_info", float_info),
        ("int_info", int_info),
        ("hash_info", hash_info),
        ("maxunicode", i(0x10FFFF)),
        ("path", Value::list(initial_path(vm))),
        ("modules", Value::Dict(modules_snapshot(vm))),
        ("stdin", stdin.clone()),
        ("__stdin__", stdin),
        ("dont_write_bytecode", Value::bool(dont_write_bytecode())),
        ("getsizeof", native("getsizeof", getsizeof)),
        (
            "getdefaultencoding",
            native("getdefaultencoding", getdefaultencoding),
        ),
        (
            "getfilesystemencoding",
            native("getfilesystemencoding", getfilesystemencoding),
        ),
    ]
}

/// `sys.path` at start-up: the script's directory (or `''`), then the `PYTHONPATH`
/// entries. apy's own library needs no entry: it is built in, and found after these.
fn initial_path(vm: &Vm) -> Vec<Value> {
    let mut path = vec![Value::str(vm.path0.clone())];
    if let Some(extra) = std::env::var_os("PYTHONPATH") {
        for entry in std::env::split_paths(&extra) {
            let entry = entry.display().to_string();
            if !entry.is_empty() {
                path.push(Value::str(entry));
            }
        }
    }
    path
}

fn native(name: &'static str, f: crate::object::function::NativeFn) -> Value {
    crate::native::function("sys", name, f)
}

/// `sys.modules` at the time `sys` is imported, in name order; later imports are added
/// by [`module_added`].
fn modules_snapshot(vm: &mut Vm) -> Rc<DictObj> {
    let d = crate::object::value::new_dict();
    let mut names: Vec<(String, Value)> = vm
        .modules
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    names.sort_by(|a, b| a.0.cmp(&b.0));
    for (k, v) in names {
        let key = vm.intern(&k);
        d.table.borrow_mut().set_str(key, v);
    }
    d
}

/// The `sys.modules` dict, once `sys` exists.
fn sys_modules(vm: &Vm) -> Option<Rc<DictObj>> {
    let Some(Value::Module(sys)) = vm.modules.get("sys") else {
        return None;
    };
    match sys
        .dict
        .get_str("modules", crate::object::hash::hash_str("modules"))
    {
        Some(Value::Dict(d)) => Some(d),
        _ => None,
    }
}

/// Keeps `sys.modules` in step with the VM's module table (called on every import).
pub fn module_added(vm: &mut Vm, name: &str, module: &Value) {
    let Some(d) = sys_modules(vm) else { return };
    let key = vm.intern(name);
    if let Ok(mut t) = d.table.try_borrow_mut() {
        t.set_str(key, module.clone());
    };
}

/// Keeps `sys.modules` in step when a module whose code failed is dropped again.
pub fn module_removed(vm: &mut Vm, name: &str) {
    let Some(d) = sys_modules(vm) else { return };
    if let Ok(mut t) = d.table.try_borrow_mut() {
        t.remove_str(name, crate::object::hash::hash_str(name));
    };
}

const GETSIZEOF: Clinic = Clinic::new("getsizeof", &["object", "default"]).required(1);

/// `sys.getsizeof`: CPython 3.11's sizes (64-bit) for the common types, a rough
/// estimate for the rest.
fn getsizeof(vm: &mut Vm, args: Args) -> PyResult {
    let a = clinic(vm, &GETSIZEOF, &args)?;
    let v = a[0].clone().unwrap_or(Value::None);
    let n: usize = match &v {
        Value::None | Value::NotImplemented | Value::Ellipsis => 16,
        Value::Bool(_) => 28,
        Value::Int(x) => {
            24 + 4 * (((64 - x.unsigned_abs().leading_zeros()) as usize).div_ceil(30)).max(1)
        }
        Value::BigInt(b) => 24 + 4 * (b.bits() as usize).div_ceil(30).max(1),
        Value::Float(_) => 24,
        Value::Str(s) => {
            let max = s.as_str().chars().map(|c| c as u32).max().unwrap_or(0);
            let len = s.char_len();
            if max < 0x80 {
                49 + len
            } else if max < 0x100 {
                73 + len
            } else if max < 0x10000 {
                74 + 2 * len
            } else {
                76 + 4 * len
            }
        }
        Value::Bytes(b) => 33 + b.data.len(),
        Value::Tuple(t) => 40 + 8 * t.items.len(),
        Value::List(l) => 56 + 8 * l.items.borrow().capacity().max(l.len()),
        Value::Dict(d) => match d.len() {
            0 => 64,
            1..=5 => 224,
            6..=10 => 352,
            n => 64 + 48 * n.next_power_of_two() * 2 / 3 + 8 * n.next_power_of_two(),
        },
        Value::Set(s) => {
            let n = s.len();
            if n <= 4 {
                216
            } else {
                200 + 16 * (n * 5 / 3).next_power_of_two()
            }
        }
        Value::Range(_) => 48,
        Value::Object(o) if o.has_dict() => 48,
        _ => 64,
    };
    Ok(Value::Int(n as i64))
}

fn getdefaultencoding(vm: &mut Vm, args: Args) -> PyResult {
    no_args(vm, "sys.getdefaultencoding", &args)?;
    Ok(Value::str("utf-8"))
}

fn getfilesystemencoding(vm: &mut Vm, args: Args) -> PyResult {
    no_args(vm, "sys.getfilesystemencoding", &args)?;
    Ok(Value::str("utf-8"))
}

/// One line from standard input (with its newline; empty at end of input). Output
/// written so far is flushed first, as CPython's line-buffered console does.
fn read_line(vm: &mut Vm) -> PyResult<String> {
    let bytes = vm.stdin_read_line()?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// An optional `size` argument (negative or None meaning all).
fn size_arg(vm: &mut Vm, args: &Args) -> PyResult<Option<usize>> {
    match args.values.get(1) {
        None | Some(Value::None) => Ok(None),
        Some(v) => match crate::stdlib::math_convert::index_opt(vm, v)? {
            Some(n) => Ok(usize::try_from(n).ok()),
            None => Err(vm.type_error(format!(
                "argument should be integer or None, not '{}'",
                vm.type_name(v)
            ))),
        },
    }
}

fn stdin_readline(vm: &mut Vm, args: Args) -> PyResult {
    let limit = size_arg(vm, &args)?;
    let line = read_line(vm)?;
    Ok(Value::str(match limit {
        Some(n) if line.chars().count() > n => line.chars().take(n).collect(),
        _ => line,
    }))
}

fn stdin_read(vm: &mut Vm, args: Args) -> PyResult {
    let limit = size_arg(vm, &args)?;
    Ok(Value::str(vm.stdin_read_text(limit)?))
}

fn stdin_readlines(vm: &mut Vm, _args: Args) -> PyResult {
    let mut lines = Vec::new();
    loop {
        let line = read_line(vm)?;
        if line.is_empty() {
            break;
        }
        lines.push(Value::str(line));
    }
    Ok(Value::list(lines))
}

fn stdin_iter(_vm: &mut Vm, args: Args) -> PyResult {
    Ok(args.values.first().cloned().unwrap_or(Value::None))
}

fn stdin_next(vm: &mut Vm, _args: Args) -> PyResult {
    let line = read_line(vm)?;
    if line.is_empty() {
        return Err(vm.stop_iteration(Value::None));
    }
    Ok(Value::str(line))
}

fn stdin_isatty(_vm: &mut Vm, _args: Args) -> PyResult {
    use std::io::IsTerminal;
    Ok(Value::bool(std::io::stdin().is_terminal()))
}

fn stdin_fileno(_vm: &mut Vm, _args: Args) -> PyResult {
    Ok(Value::Int(0))
}

fn stdin_write(vm: &mut Vm, _args: Args) -> PyResult {
    Err(vm.new_exception_msg(&vm.exc.os_error.clone(), "not writable"))
}
