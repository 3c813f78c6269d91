//! Compiling and running programs: what `apy run`, `apy -c` and the REPL share.

use crate::diagnostic::Diagnostic;
use crate::object::Code;
use crate::object::{Dict, DictObj, ExcRef, Value};
use crate::source::SourceFile;
use crate::vm::Vm;
use std::rc::Rc;

/// The interpreter's thread stack. Python-level calls never recurse on it, but the
/// front end's passes over a tree at the nesting limit and native re-entry (a `__repr__`
/// inside `repr` of a nested list) do, to bounded depths: the deepest of them, 2,982
/// nested lambdas, needs between 2 and 4 MiB. Sixteen times that leaves a margin and
/// still lets apy start under `ulimit -v 300000`, which a 512 MiB stack did not.
pub const STACK_SIZE: usize = 64 << 20;

/// A ready interpreter: the VM, then each layer above it registers what it adds (the
/// builtins, the event loop, the built-in modules). The VM cannot do this itself: it
/// would have to call up into the layers built on it.
pub fn new_vm() -> Vm {
    keep_freed_memory();
    let mut vm = Vm::bare();
    crate::builtins::init(&mut vm);
    crate::runtime::init(&mut vm);
    crate::stdlib::register(&mut vm);
    vm
}

/// mimalloc's option number for `purge_delay` (its `mi_option_purge_delay`, which the
/// Rust binding does not name).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// How long freed memory stays with the allocator before it goes back to the OS.
const PURGE_DELAY_MS: std::os::raw::c_long = 1000;

/// mimalloc returns freed pages to the OS 10 ms after they empty, so a program that
/// frees a large structure and builds another (`json.loads` in a loop, a batch job)
/// pays a page fault and a kernel page clear for every page again: a third of such a
/// program's time. CPython's allocator keeps its arenas until they are wholly empty.
/// Keeping freed pages for a second costs nothing in steady state and leaves memory
/// returned after a burst.
pub fn keep_freed_memory() {
    // SAFETY: `mi_option_set` stores an integer in mimalloc's option table (an atomic
    // store, safe from any thread at any time); `purge_delay` accepts any value, and no
    // pointer crosses the call. Tested in `purge_delay_is_set` below.
    #[allow(unsafe_code)]
    unsafe {
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, PURGE_DELAY_MS);
    }
}

/// Parses, checks and compiles a module.
pub fn compile(
    vm: &mut Vm,
    source: &Rc<SourceFile>,
    interactive: bool,
) -> Result<Rc<Code>, Diagnostic> {
    let mode = if interactive {
        crate::compiler::Mode::Single
    } else {
        crate::compiler::Mode::Exec
    };
    let compiled = crate::compiler::compile_source_warned(source, mode)?;
    vm.issue_syntax_warnings(source, &compiled.warnings)?;
    Ok(Rc::new(Code::load(
        &compiled.unit,
        source,
        &mut vm.interner,
    )))
}

/// Checks and compiles one parsed REPL input: expression statements print their value
/// and, as in `python -m asyncio`, `await` is allowed at top level (the code object is
/// then a coroutine, see [`Code::is_coroutine`]).
pub fn compile_interactive(
    vm: &mut Vm,
    module: &crate::ast::Module,
    source: &Rc<SourceFile>,
) -> Result<Rc<Code>, Diagnostic> {
    let options = crate::sema::AnalyzeOptions {
        top_level_await: true,
    };
    let scopes = crate::sema::analyze_with(module, options)?;
    let compiled = crate::compiler::compile_module_warned(
        module,
        &scopes,
        source.clone(),
        crate::compiler::Mode::Single,
    )?;
    vm.issue_syntax_warnings(source, &compiled.warnings)?;
    Ok(Rc::new(Code::load(
        &compiled.unit,
        source,
        &mut vm.interner,
    )))
}

/// How a program ended.
pub enum Outcome {
    /// Normal completion or `sys.exit(...)`: the exit status.
    Exit(i32),
}

/// Creates the `__main__` module's namespace.
pub fn main_globals(vm: &mut Vm, file: Option<&str>) -> Rc<DictObj> {
    let globals = DictObj::new(Dict::new());
    {
        let mut g = globals.table.borrow_mut();
        g.set_str(vm.intern("__name__"), Value::str("__main__"));
        if let Some(f) = file {
            g.set_str(vm.intern("__file__"), Value::str(f));
        }
        g.set_str(vm.intern("__doc__"), Value::None);
        let builtins = crate::object::Module::new("builtins", vm.builtins.clone());
        g.set_str(vm.intern("__builtins__"), Value::Module(builtins));
    }
    vm.register_module("__main__", globals.clone());
    globals
}

/// Runs a compiled module in `globals`; uncaught exceptions are reported as CPython
/// does and turned into an exit status.
pub fn run_code(vm: &mut Vm, code: Rc<Code>, globals: Rc<DictObj>) -> i32 {
    let frame = vm.alloc_frame(code, globals, None);
    let result = vm.run_frame(frame);
    let status = match result {
        Ok(_) => 0,
        Err(e) => uncaught(vm, &e),
    };
    vm.flush_warnings_outside();
    vm.flush_stdout();
    status
}

/// What shows of CPython's shutdown: `atexit` functions run; then `__main__`'s namespace
/// is cleared and cycles are collected, so objects still referenced at exit are released
/// and report as they do when dropped earlier (`__del__` runs, a never-awaited coroutine
/// in a global warns `sys:1: ...`).
pub fn release_main(vm: &mut Vm, globals: &Rc<DictObj>) {
    crate::stdlib::atexit_module::run_exitfuncs(vm);
    // Cyclic garbage goes first, while the warnings machinery is still whole.
    vm.collect_garbage();
    vm.report_unretrieved();
    vm.flush_warnings_outside();
    let old = std::mem::replace(&mut *globals.table.borrow_mut(), Dict::new());
    drop(old);
    vm.run_finalizers();
    vm.collect_garbage();
    vm.report_unretrieved();
    vm.flush_warnings_at_shutdown();
}

/// Reports an exception that reached the top level; returns the exit status.
pub fn uncaught(vm: &mut Vm, e: &ExcRef) -> i32 {
    if e.class.is_subclass(&vm.exc.system_exit) {
        let args = vm.exc_args(e);
        let code = match args.items.len() {
            0 => Value::None,
            1 => args.items[0].clone(),
            _ => Value::Tuple(args),
        };
        return match code {
            Value::None => 0,
            Value::Int(n) => (n & 0xff) as i32,
            Value::Bool(b) => b.get() as i32,
            other => {
                let text = vm.str(&other).unwrap_or_default();
                vm.write_stderr(&format!("{text}\n"));
                1
            }
        };
    }
    if e.class.is_subclass(&vm.runtime().classes().stuck) {
        // The report is the message; a traceback would only show `asyncio.run`.
        let report = vm.exc_args(e).items.first().cloned().unwrap_or_default();
        let report = vm.str(&report).unwrap_or_default();
        let status = crate::runtime::stuck_report::STUCK_STATUS;
        vm.write_stderr(&format!(
            "{report}\n\n(CPython would wait here forever; apy exits with status {status}.)\n"
        ));
        return status;
    }
    vm.print_exception(e);
    if e.class.is_subclass(&vm.exc.keyboard_interrupt) {
        // As CPython, the process then ends by SIGINT itself, so that its parent
        // (a shell, a `subprocess` caller) sees it interrupted, not exiting.
        crate::runtime::signals::request_exit_by_sigint();
        130
    } else {
        1
    }
}

/// Runs a script file's text as `__main__`.
pub fn run_source(vm: &mut Vm, source: SourceFile, file: Option<&str>, color: bool) -> i32 {
    let source = Rc::new(source);
    vm.main_file = source.name.clone();
    let code = match compile(vm, &source, false) {
        Ok(c) => c,
        Err(d) => {
            vm.write_stderr(&d.render(&source, color));
            return 1;
        }
    };
    let globals = main_globals(vm, file);
    let status = run_code(vm, code, globals.clone());
    release_main(vm, &globals);
    vm.flush_stdout_at_exit(status)
}

#[cfg(test)]
mod tests {
    #[test]
    fn purge_delay_is_set() {
        super::keep_freed_memory();
        // SAFETY: reads an integer option (see `keep_freed_memory`).
        #[allow(unsafe_code)]
        let v = unsafe { libmimalloc_sys::mi_option_get(super::MI_OPTION_PURGE_DELAY) };
        assert_eq!(v, super::PURGE_DELAY_MS);
    }
}
