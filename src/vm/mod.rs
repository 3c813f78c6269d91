//! The virtual machine: a non-recursive run loop over heap frames.
//!
//! - [`run`]: the instruction loop and unwinding;
//! - [`call`]: calling any callable, binding arguments to parameters;
//! - [`generators`]: send/throw/close for generators and coroutines; [`asyncgen`] and
//!   [`native_awaitables`]: the awaitables the language itself defines (`asend()`,
//!   `coroutine.__await__()`, the bare yield behind `sleep(0)`);
//! - [`extensions`]: the upper layers' per-interpreter state; [`interrupt`]: Ctrl-C;
//!   `budget` (fuzzing builds only): stopping a program after so many loops and calls;
//! - [`errors`]: building exceptions; [`traceback`]: printing them as CPython does;
//! - [`ops`]: the operations behind the opcodes (arithmetic, comparison, attributes...).

pub mod asyncgen;
mod attr_cache;
#[cfg(feature = "instruction-budget")]
pub mod budget;
mod builtin_subclass;
pub mod call;
pub mod classes;
mod cold;
pub mod context;
mod coroutine_origin;
pub mod dev_mode;
pub mod errors;
pub mod exc_types;
pub mod extensions;
mod fast_paths;
mod finalizers;
mod frame_objects;
mod fspath;
pub mod generators;
pub mod imports;
mod instance_slots;
pub mod interrupt;
pub mod module_finder;
mod module_loader;
pub mod native_awaitables;
pub mod ops;
pub mod run;
pub mod sort;
pub mod stdin;
pub mod stream;
mod suggestions;
mod timsort;
pub mod traceback;
pub mod types;
pub mod warnings;

use crate::object::frame::{self, Frame};
use crate::object::string::Interner;
use crate::object::{DictObj, ExcRef, Module, PyStr, Value};
use exc_types::ExcTypes;
use std::collections::HashMap;
use std::io::Write;
use std::rc::Rc;
use types::Types;

pub type PyResult<T = Value> = Result<T, ExcRef>;

/// Interned names the VM looks up on hot paths.
pub struct Names {
    pub init: Rc<PyStr>,
    pub new: Rc<PyStr>,
    pub call: Rc<PyStr>,
    pub name: Rc<PyStr>,
    pub module: Rc<PyStr>,
    pub qualname: Rc<PyStr>,
    pub class: Rc<PyStr>,
    pub dict: Rc<PyStr>,
    pub doc: Rc<PyStr>,
    pub getattr: Rc<PyStr>,
    pub getattribute: Rc<PyStr>,
    pub setattr: Rc<PyStr>,
    pub delattr: Rc<PyStr>,
    pub get: Rc<PyStr>,
    pub set: Rc<PyStr>,
    pub delete: Rc<PyStr>,
    pub repr: Rc<PyStr>,
    pub str: Rc<PyStr>,
    pub format: Rc<PyStr>,
    pub hash: Rc<PyStr>,
    pub eq: Rc<PyStr>,
    pub ne: Rc<PyStr>,
    pub lt: Rc<PyStr>,
    pub le: Rc<PyStr>,
    pub gt: Rc<PyStr>,
    pub ge: Rc<PyStr>,
    pub bool_: Rc<PyStr>,
    pub len: Rc<PyStr>,
    pub iter: Rc<PyStr>,
    pub next: Rc<PyStr>,
    pub getitem: Rc<PyStr>,
    pub setitem: Rc<PyStr>,
    pub delitem: Rc<PyStr>,
    pub contains: Rc<PyStr>,
    pub enter: Rc<PyStr>,
    pub exit: Rc<PyStr>,
    pub aenter: Rc<PyStr>,
    pub aexit: Rc<PyStr>,
    pub await_: Rc<PyStr>,
    pub aiter: Rc<PyStr>,
    pub anext: Rc<PyStr>,
    pub index: Rc<PyStr>,
    pub int: Rc<PyStr>,
    pub float: Rc<PyStr>,
    pub neg: Rc<PyStr>,
    pub pos: Rc<PyStr>,
    pub invert: Rc<PyStr>,
    pub abs: Rc<PyStr>,
    pub round: Rc<PyStr>,
    pub send: Rc<PyStr>,
    pub throw: Rc<PyStr>,
    pub close: Rc<PyStr>,
    pub main: Rc<PyStr>,
    pub builtins: Rc<PyStr>,
    pub file: Rc<PyStr>,
    pub class_cell: Rc<PyStr>,
    pub init_subclass: Rc<PyStr>,
    pub set_name: Rc<PyStr>,
    pub missing: Rc<PyStr>,
    pub reversed: Rc<PyStr>,
    pub mro_entries: Rc<PyStr>,
    pub value: Rc<PyStr>,
    /// Each binary operator's forward, reflected and in-place method names, indexed by
    /// `BinOp as usize`: the operator dispatch finds them through the classes'
    /// address-keyed lookup caches instead of hashing the text per operation.
    pub binop: Vec<[Rc<PyStr>; 3]>,
}

impl Names {
    fn new(i: &mut Interner) -> Names {
        Names {
            init: i.intern("__init__"),
            new: i.intern("__new__"),
            call: i.intern("__call__"),
            name: i.intern("__name__"),
            module: i.intern("__module__"),
            qualname: i.intern("__qualname__"),
            class: i.intern("__class__"),
            dict: i.intern("__dict__"),
            doc: i.intern("__doc__"),
            getattr: i.intern("__getattr__"),
            getattribute: i.intern("__getattribute__"),
            setattr: i.intern("__setattr__"),
            delattr: i.intern("__delattr__"),
            get: i.intern("__get__"),
            set: i.intern("__set__"),
            delete: i.intern("__delete__"),
            repr: i.intern("__repr__"),
            str: i.intern("__str__"),
            format: i.intern("__format__"),
            hash: i.intern("__hash__"),
            eq: i.intern("__eq__"),
            ne: i.intern("__ne__"),
            lt: i.intern("__lt__"),
            le: i.intern("__le__"),
            gt: i.intern("__gt__"),
            ge: i.intern("__ge__"),
            bool_: i.intern("__bool__"),
            len: i.intern("__len__"),
            iter: i.intern("__iter__"),
            next: i.intern("__next__"),
            getitem: i.intern("__getitem__"),
            setitem: i.intern("__setitem__"),
            delitem: i.intern("__delitem__"),
            contains: i.intern("__contains__"),
            enter: i.intern("__enter__"),
            exit: i.intern("__exit__"),
            aenter: i.intern("__aenter__"),
            aexit: i.intern("__aexit__"),
            await_: i.intern("__await__"),
            aiter: i.intern("__aiter__"),
            anext: i.intern("__anext__"),
            index: i.intern("__index__"),
            int: i.intern("__int__"),
            float: i.intern("__float__"),
            neg: i.intern("__neg__"),
            pos: i.intern("__pos__"),
            invert: i.intern("__invert__"),
            abs: i.intern("__abs__"),
            round: i.intern("__round__"),
            send: i.intern("send"),
            throw: i.intern("throw"),
            close: i.intern("close"),
            main: i.intern("__main__"),
            builtins: i.intern("__builtins__"),
            file: i.intern("__file__"),
            class_cell: i.intern("__classcell__"),
            init_subclass: i.intern("__init_subclass__"),
            set_name: i.intern("__set_name__"),
            missing: i.intern("__missing__"),
            reversed: i.intern("__reversed__"),
            mro_entries: i.intern("__mro_entries__"),
            value: i.intern("value"),
            binop: crate::operator::BinOp::ALL
                .iter()
                .map(|&op| {
                    let (name, reflected, inplace) = ops::arith::dunder_names(op);
                    [i.intern(name), i.intern(reflected), i.intern(inplace)]
                })
                .collect(),
        }
    }
}

/// The size of stdout's buffer: CPython's text layer hands its writer 8 KiB at a time,
/// so a write error (a closed pipe) shows at about the same `print`.
const STDOUT_BUFFER: usize = 8 << 10;

/// CPython's exit status when stdout cannot be flushed at exit.
pub const EXIT_STDOUT_FAILED: i32 = 120;

/// Limits that keep hostile programs from taking the process down.
pub struct Limits {
    /// `sys.getrecursionlimit()`: Python frames on the stack.
    pub recursion: usize,
    /// Nested native recursions (`repr` of nested lists, comparisons, native → Python
    /// re-entries), each using the interpreter thread's stack: a fixed bound below what
    /// that stack holds, however high `sys.setrecursionlimit` goes.
    pub native_depth: usize,
}

pub struct Vm {
    /// Frames below the running one (the running frame is owned by the run loop).
    pub frames: Vec<Box<Frame>>,
    /// Frames waiting in native code (a `with` block's `__exit__`, a builtin calling
    /// back into Python) while handling an exception: `(self.frames.len() when the
    /// call began, the exception)`. Such a frame is held by the Rust run loop, not in
    /// `frames`, so `sys.exc_info()` and implicit `__context__` find it here.
    pub(crate) native_callers: Vec<(usize, Value)>,
    pub(crate) frame_pool: Vec<Box<Frame>>,
    /// Generators being run to exhaustion by native code (see
    /// [`generators::Collector`]), innermost last.
    pub(crate) collectors: Vec<generators::Collector>,
    pub interner: Interner,
    pub names: Names,
    pub types: Types,
    pub exc: ExcTypes,
    pub builtins: Rc<DictObj>,
    pub modules: HashMap<String, Value>,
    pub limits: Limits,
    /// Current depth of nested run loops started from native code.
    pub native_depth: usize,
    /// Set by `Reraise` so unwinding does not add a traceback entry twice.
    pub(crate) reraising: bool,
    /// The exception that last left a nested run of Python code (a native call back
    /// into Python) with its `__context__` already set where it was raised: the frame
    /// it reaches next must not set it again, as CPython sets it only when raising.
    pub(crate) escaped: Option<crate::object::ExcRef>,
    pub stdout: std::io::BufWriter<stream::StdoutSink>,
    /// When `stdout` is flushed besides when it fills.
    stdout_flushing: stream::Flushing,
    pub argv: Vec<String>,
    /// Source of the main program (for warnings that print a source line).
    pub main_file: String,
    /// Per-interpreter state of the layers above (the event loop's, the classes of
    /// imported built-in modules that their native code needs).
    pub extensions: extensions::Extensions,
    /// The two shared bare-yield awaitables behind `sleep(0)` (not yet yielded /
    /// yielded), made by whoever defines their class (`runtime::init`).
    pub yield_once: [Value; 2],
    /// Called on an async generator's first iteration (`sys.set_asyncgen_hooks`'
    /// `firstiter`); the event loop registers its own at start-up.
    pub asyncgen_firstiter: fn(&mut Vm, &Rc<crate::object::Generator>),
    /// Objects whose `__repr__` is in progress (for `[...]` on recursive containers).
    pub repr_stack: Vec<usize>,
    /// Where the last native that records its call site was called from (see
    /// `NativeFunction::records_site`): the code and line.
    pub call_site: Option<(Rc<crate::object::Code>, u32)>,
    /// `sys.set_coroutine_origin_tracking_depth`: how many frames a new coroutine
    /// records as its `cr_origin` (0: none; asyncio's debug mode sets 10).
    pub coroutine_origin_depth: usize,
    /// Set just before a native with `wants_await_hint` runs: whether its result goes
    /// straight into an `await` (the native takes it, leaving false).
    pub call_is_awaited: bool,
    /// How built-in modules are created on first import; filled by `stdlib::register`.
    pub module_table: imports::ModuleTable,
    /// `sys.path[0]`: the script's directory, or `''` (the working directory) for `-c`,
    /// piped input and the prompt.
    pub path0: String,
    /// Modules whose code is running (partially initialised), innermost last.
    pub importing: Vec<String>,
    /// Finalizers are running (see `finalizers.rs`): nested safe points leave the queue
    /// to the outermost.
    pub(crate) running_finalizers: bool,
    /// The Python-level signal handlers by signal number (`signal.signal`); None where
    /// Python has none (see `interrupt`).
    pub signal_handlers: Vec<Value>,
    /// `sys.meta_path`'s own finders (`BuiltinImporter`, `FrozenImporter`, `PathFinder`),
    /// registered by whoever creates `sys`: while the list holds nothing else, imports
    /// take the native path without calling any finder.
    pub default_finders: Vec<Value>,
    /// `contextvars`: the current context and whether any variable exists.
    pub contexts: context::Contexts,
}

impl Vm {
    /// A VM with its core types but nothing registered: no builtins, no event loop, no
    /// modules. The layers above fill it in; `interpreter::new_vm` builds a usable one.
    pub fn bare() -> Vm {
        let mut interner = Interner::default();
        let names = Names::new(&mut interner);
        let types = Types::new();
        let exc = ExcTypes::new(&types.object);
        let vm = Vm {
            frames: Vec::new(),
            native_callers: Vec::new(),
            frame_pool: Vec::new(),
            collectors: Vec::new(),
            interner,
            names,
            types,
            exc,
            builtins: crate::object::value::new_dict(),
            modules: HashMap::new(),
            limits: Limits {
                recursion: 1000,
                native_depth: 20_000,
            },
            native_depth: 0,
            reraising: false,
            escaped: None,
            stdout: std::io::BufWriter::with_capacity(STDOUT_BUFFER, stream::StdoutSink::new()),
            stdout_flushing: stream::stdout_flushing(),
            argv: Vec::new(),
            main_file: String::new(),
            path0: String::new(),
            importing: Vec::new(),
            running_finalizers: false,
            signal_handlers: vec![Value::None; 65],
            default_finders: Vec::new(),
            contexts: context::Contexts::default(),
            extensions: extensions::Extensions::default(),
            yield_once: [Value::None, Value::None],
            asyncgen_firstiter: |_, _| {},
            repr_stack: Vec::new(),
            call_site: None,
            coroutine_origin_depth: 0,
            call_is_awaited: false,
            module_table: imports::ModuleTable::default(),
        };
        crate::object::generator_death::set_never_awaited(warnings::coroutine_never_awaited);
        vm
    }

    pub fn intern(&mut self, s: &str) -> Rc<PyStr> {
        self.interner.intern(s)
    }

    /// A str value for an identifier-like string (interned).
    pub fn new_str(&mut self, s: &str) -> Value {
        Value::Str(self.intern(s))
    }

    /// Flushes stdout where no error can be reported (before the prompt reads a line,
    /// before `input()`): a failure leaves the text buffered, so that it fails again
    /// where CPython's would, at the next write or at exit.
    pub fn flush_stdout(&mut self) {
        let _ = self.stdout.flush();
    }

    /// When stdout reaches the OS besides when its buffer fills (`sys.stdout`'s
    /// `line_buffering` and `write_through` report it).
    pub fn stdout_flushing(&self) -> stream::Flushing {
        self.stdout_flushing
    }

    /// Writes to the buffered stdout, as `print` and `sys.stdout.write` do. A write
    /// error raises CPython's OSError (`BrokenPipeError` when the reader has gone) and
    /// drops what was buffered, as CPython's writer does when a full buffer fails.
    pub fn write_stdout(&mut self, data: &[u8]) -> PyResult<()> {
        match self.stdout.write_all(data) {
            Ok(()) => match self.stdout_flushing {
                stream::Flushing::Block => Ok(()),
                stream::Flushing::Line if !data.contains(&b'\n') => Ok(()),
                // Written through: what fails is not kept for the flush at exit, as
                // CPython's unbuffered writer keeps nothing.
                _ => self.stdout.flush().map_err(|e| {
                    self.drop_buffered_stdout();
                    self.os_error(&e, &Value::None)
                }),
            },
            Err(e) => {
                self.drop_buffered_stdout();
                Err(self.os_error(&e, &Value::None))
            }
        }
    }

    fn drop_buffered_stdout(&mut self) {
        let writer = std::mem::replace(
            &mut self.stdout,
            std::io::BufWriter::with_capacity(0, stream::StdoutSink::new()),
        );
        let (sink, _dropped) = writer.into_parts();
        self.stdout = std::io::BufWriter::with_capacity(STDOUT_BUFFER, sink);
    }

    /// `sys.stdout.flush()` and `print(flush=True)`: a failure raises, and the text
    /// stays buffered.
    pub fn flush_stdout_checked(&mut self) -> PyResult<()> {
        self.stdout
            .flush()
            .map_err(|e| self.os_error(&e, &Value::None))
    }

    /// The flush at exit. When it fails, CPython reports the error as unraisable and
    /// exits with status 120, whatever the program's own status was.
    pub fn flush_stdout_at_exit(&mut self, status: i32) -> i32 {
        match self.stdout.flush() {
            Ok(()) => status,
            Err(e) => {
                let class = self.os_error(&e, &Value::None).class.name.clone();
                let report = stream::unflushed_at_exit(&class, &e);
                // Nothing more reaches stdout; the stderr write must not try again.
                self.drop_buffered_stdout();
                self.write_stderr(&report);
                EXIT_STDOUT_FAILED
            }
        }
    }

    /// Writes to stderr at once. Buffered stdout text is not flushed first, as in
    /// CPython: on a pipe, `print(x)` then a traceback reach `2>&1` traceback first (a
    /// terminal's line buffering has already shown every whole line).
    pub fn write_stderr(&mut self, text: &str) {
        self.write_stderr_bytes(text.as_bytes());
    }

    /// [`Vm::write_stderr`] for bytes (`sys.stderr.buffer.write`).
    pub fn write_stderr_bytes(&mut self, data: &[u8]) {
        if self.stdout.get_ref().capture.is_some() {
            // One capture holds both streams: keep them in the order written.
            self.flush_stdout();
            if let Some(c) = &self.stdout.get_ref().capture {
                c.borrow_mut().extend_from_slice(data);
            }
            return;
        }
        let mut err = std::io::stderr().lock();
        let _ = err.write_all(data);
        let _ = err.flush();
    }

    /// While `capture` is Some, what the program writes to stdout and stderr collects
    /// there instead (the REPL prints background tasks' output above the line being
    /// typed); None writes to the process's streams again.
    pub fn capture_output(&mut self, capture: Option<stream::Capture>) {
        self.flush_stdout();
        self.stdout.get_mut().capture = capture;
    }

    /// Creates a module object with the given namespace and registers it in `sys.modules`.
    pub fn register_module(&mut self, name: &str, dict: Rc<DictObj>) -> Rc<Module> {
        let key = self.intern("__name__");
        dict.table.borrow_mut().set_str(key, Value::str(name));
        // apy's own modules carry no spec (making one would load `importlib` at every
        // start); `importlib.util.find_spec` asks the finders for one instead.
        let spec = self.intern("__spec__");
        if dict.get_str("__spec__", spec.hash()).is_none() {
            dict.table.borrow_mut().set_str(spec, Value::None);
        }
        let m = Module::new(name, dict);
        self.add_module(name, Value::Module(m.clone()));
        m
    }

    /// Takes a frame from the pool (or allocates one) for `code`.
    pub fn alloc_frame(
        &mut self,
        code: Rc<crate::object::Code>,
        globals: Rc<DictObj>,
        namespace: Option<Rc<DictObj>>,
    ) -> Box<Frame> {
        match self.frame_pool.pop() {
            Some(mut f) => {
                // A pooled frame comes back empty (see `recycle_frame`): only the
                // per-call fields need setting.
                let nlocals = code.varnames.len();
                f.locals.resize_with(nlocals, || Value::Null);
                let need = code.stacksize as usize;
                if f.stack.capacity() < need {
                    f.stack.reserve(need);
                }
                f.code = code;
                f.ip = 0;
                f.globals = globals;
                if namespace.is_some() {
                    f.namespace = namespace;
                }
                f.resume = frame::Resume::Call;
                f
            }
            None => Box::new(Frame::new(code, globals, namespace)),
        }
    }

    /// Returns a finished frame to the pool.
    pub(crate) fn recycle_frame(&mut self, mut f: Box<Frame>) {
        if self.frame_pool.len() < 64 && f.generator.is_none() {
            // Containers drop their contents through the trashcan, so clearing here
            // cannot recurse deeply.
            while let Some(v) = f.stack.pop() {
                v.discard();
            }
            while let Some(v) = f.locals.pop() {
                v.discard();
            }
            if !f.cells.is_empty() {
                f.cells.clear();
            }
            if f.namespace.is_some() {
                f.namespace = None;
                f.mapping = None;
            }
            if !f.handled.is_none() {
                f.handled = Value::None;
            }
            self.frame_pool.push(f);
        }
    }
}
