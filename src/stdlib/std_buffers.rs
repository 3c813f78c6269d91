//! The binary layer under the standard streams: `sys.stdout.buffer`,
//! `sys.stderr.buffer` (`BufferedWriter`) and `sys.stdin.buffer` (`BufferedReader`),
//! for programs that write or read bytes. Writes go through the same buffered stdout the
//! text stream uses, so text and bytes keep the order they were written in.

use crate::native::{add_methods, method_args, module_class, Sig};
use crate::object::class::Layout;
use crate::object::function::Args;
use crate::object::{NativeData, Object, Payload, Value};
use crate::vm::stream::Stream;
use crate::vm::{PyResult, Vm};
use std::io::Write;

/// Which OS stream a buffer object stands for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Raw {
    Stdin,
    Out(Stream),
}

impl NativeData for Raw {
    fn traverse(&self, _: &mut dyn FnMut(&Value)) {}
}

fn raw(v: &Value) -> Option<Raw> {
    match v {
        Value::Object(o) => o.native::<Raw>().copied(),
        _ => None,
    }
}

/// `(stdout.buffer, stderr.buffer, stdin.buffer)`.
pub fn buffers(vm: &mut Vm) -> [Value; 3] {
    let writer = module_class(vm, "_io", "BufferedWriter", Layout::Native);
    add_methods(
        vm,
        &writer,
        &[
            ("write", write),
            ("flush", flush),
            ("writable", yes),
            ("readable", no),
        ],
    );
    let reader = module_class(vm, "_io", "BufferedReader", Layout::Native);
    add_methods(
        vm,
        &reader,
        &[
            ("read", read),
            ("readline", readline),
            ("readable", yes),
            ("writable", no),
        ],
    );
    let make = |class: &std::rc::Rc<crate::object::Class>, r: Raw| {
        Value::Object(Object::new(class.clone(), Payload::Native(Box::new(r))))
    };
    [
        make(&writer, Raw::Out(Stream::Stdout)),
        make(&writer, Raw::Out(Stream::Stderr)),
        make(&reader, Raw::Stdin),
    ]
}

/// `write(b)`: the bytes of any bytes-like object; returns how many.
fn write(vm: &mut Vm, args: Args) -> PyResult {
    let a = method_args(vm, ("BufferedWriter", "write"), Sig::One, &args)?;
    let Some(data) = vm.buffer_bytes(&a[0]) else {
        return Err(vm.type_error(format!(
            "a bytes-like object is required, not '{}'",
            vm.type_name(&a[0])
        )));
    };
    match raw(&args.values[0]) {
        Some(Raw::Out(Stream::Stderr)) => vm.write_stderr_bytes(&data),
        _ => vm.write_stdout(&data)?,
    }
    Ok(Value::Int(data.len() as i64))
}

fn flush(vm: &mut Vm, args: Args) -> PyResult {
    method_args(vm, ("BufferedWriter", "flush"), Sig::NoArgs, &args)?;
    vm.flush_stdout_checked()?;
    let _ = std::io::stderr().flush();
    Ok(Value::None)
}

fn yes(_vm: &mut Vm, _args: Args) -> PyResult {
    Ok(Value::bool(true))
}

fn no(_vm: &mut Vm, _args: Args) -> PyResult {
    Ok(Value::bool(false))
}

/// `read(size=-1)`: bytes from stdin, all of it by default.
fn read(vm: &mut Vm, args: Args) -> PyResult {
    let limit = crate::builtins::file_io::size_arg(vm, args.values.get(1))?;
    let data = vm.stdin_read(limit)?;
    Ok(Value::Bytes(std::rc::Rc::new(
        crate::object::string::PyBytes::new(data),
    )))
}

/// `readline()`: bytes up to and including the next `\n`.
fn readline(vm: &mut Vm, args: Args) -> PyResult {
    method_args(vm, ("BufferedReader", "readline"), Sig::Range(0, 1), &args)?;
    let data = vm.stdin_read_line()?;
    Ok(Value::Bytes(std::rc::Rc::new(
        crate::object::string::PyBytes::new(data),
    )))
}
