//! The built-in exception hierarchy of Python 3.11, as classes.

use crate::object::class::{c3_linearize, Class, Layout};
use crate::object::Dict;
use std::collections::HashMap;
use std::rc::Rc;

/// (name, base) in an order where every base comes before its subclasses.
const HIERARCHY: &[(&str, &str)] = &[
    ("BaseException", "object"),
    ("BaseExceptionGroup", "BaseException"),
    ("GeneratorExit", "BaseException"),
    ("KeyboardInterrupt", "BaseException"),
    ("SystemExit", "BaseException"),
    ("Exception", "BaseException"),
    ("ArithmeticError", "Exception"),
    ("FloatingPointError", "ArithmeticError"),
    ("OverflowError", "ArithmeticError"),
    ("ZeroDivisionError", "ArithmeticError"),
    ("AssertionError", "Exception"),
    ("AttributeError", "Exception"),
    ("BufferError", "Exception"),
    ("EOFError", "Exception"),
    ("ImportError", "Exception"),
    ("ModuleNotFoundError", "ImportError"),
    ("LookupError", "Exception"),
    ("IndexError", "LookupError"),
    ("KeyError", "LookupError"),
    ("MemoryError", "Exception"),
    ("NameError", "Exception"),
    ("UnboundLocalError", "NameError"),
    ("OSError", "Exception"),
    ("BlockingIOError", "OSError"),
    ("ChildProcessError", "OSError"),
    ("ConnectionError", "OSError"),
    ("BrokenPipeError", "ConnectionError"),
    ("ConnectionAbortedError", "ConnectionError"),
    ("ConnectionRefusedError", "ConnectionError"),
    ("ConnectionResetError", "ConnectionError"),
    ("FileExistsError", "OSError"),
    ("FileNotFoundError", "OSError"),
    ("InterruptedError", "OSError"),
    ("IsADirectoryError", "OSError"),
    ("NotADirectoryError", "OSError"),
    ("PermissionError", "OSError"),
    ("ProcessLookupError", "OSError"),
    ("TimeoutError", "OSError"),
    ("ReferenceError", "Exception"),
    ("RuntimeError", "Exception"),
    ("NotImplementedError", "RuntimeError"),
    ("RecursionError", "RuntimeError"),
    ("StopAsyncIteration", "Exception"),
    ("StopIteration", "Exception"),
    ("SyntaxError", "Exception"),
    ("IndentationError", "SyntaxError"),
    ("TabError", "IndentationError"),
    ("SystemError", "Exception"),
    ("TypeError", "Exception"),
    ("ValueError", "Exception"),
    ("UnicodeError", "ValueError"),
    ("UnicodeDecodeError", "UnicodeError"),
    ("UnicodeEncodeError", "UnicodeError"),
    ("UnicodeTranslateError", "UnicodeError"),
    ("Warning", "Exception"),
    ("BytesWarning", "Warning"),
    ("DeprecationWarning", "Warning"),
    ("EncodingWarning", "Warning"),
    ("FutureWarning", "Warning"),
    ("ImportWarning", "Warning"),
    ("PendingDeprecationWarning", "Warning"),
    ("ResourceWarning", "Warning"),
    ("RuntimeWarning", "Warning"),
    ("SyntaxWarning", "Warning"),
    ("UnicodeWarning", "Warning"),
    ("UserWarning", "Warning"),
];

macro_rules! exc_struct {
    ($($field:ident = $name:literal),* $(,)?) => {
        /// Handles to the exception classes the interpreter raises itself.
        pub struct ExcTypes {
            $(pub $field: Rc<Class>,)*
            pub exception_group: Rc<Class>,
            /// Every built-in exception class by name (for the builtins module).
            pub all: Vec<(&'static str, Rc<Class>)>,
        }

        impl ExcTypes {
            pub fn new(object: &Rc<Class>) -> ExcTypes {
                let mut by_name: HashMap<&'static str, Rc<Class>> = HashMap::new();
                let mut all = Vec::new();
                for &(name, base) in HIERARCHY {
                    let base = if base == "object" { object.clone() } else { by_name[base].clone() };
                    let bases = vec![base];
                    let mro = c3_linearize(&bases).unwrap_or_default();
                    let class = Class::new(name, bases, mro, Dict::new(), Layout::Exception, true);
                    by_name.insert(name, class.clone());
                    all.push((name, class));
                }
                // ExceptionGroup derives from both BaseExceptionGroup and Exception.
                let bases = vec![by_name["BaseExceptionGroup"].clone(), by_name["Exception"].clone()];
                let mro = c3_linearize(&bases).unwrap_or_default();
                let exception_group = Class::new("ExceptionGroup", bases, mro, Dict::new(), Layout::Exception, true);
                all.push(("ExceptionGroup", exception_group.clone()));
                ExcTypes {
                    $($field: by_name[$name].clone(),)*
                    exception_group,
                    all,
                }
            }
        }
    };
}

exc_struct!(
    base_exception = "BaseException",
    base_exception_group = "BaseExceptionGroup",
    generator_exit = "GeneratorExit",
    keyboard_interrupt = "KeyboardInterrupt",
    system_exit = "SystemExit",
    exception = "Exception",
    arithmetic_error = "ArithmeticError",
    overflow_error = "OverflowError",
    zero_division_error = "ZeroDivisionError",
    assertion_error = "AssertionError",
    attribute_error = "AttributeError",
    eof_error = "EOFError",
    import_error = "ImportError",
    module_not_found_error = "ModuleNotFoundError",
    lookup_error = "LookupError",
    index_error = "IndexError",
    key_error = "KeyError",
    memory_error = "MemoryError",
    name_error = "NameError",
    unbound_local_error = "UnboundLocalError",
    os_error = "OSError",
    connection_reset_error = "ConnectionResetError",
    broken_pipe_error = "BrokenPipeError",
    connection_refused_error = "ConnectionRefusedError",
    file_not_found_error = "FileNotFoundError",
    timeout_error = "TimeoutError",
    runtime_error = "RuntimeError",
    not_implemented_error = "NotImplementedError",
    recursion_error = "RecursionError",
    stop_async_iteration = "StopAsyncIteration",
    stop_iteration = "StopIteration",
    syntax_error = "SyntaxError",
    system_error = "SystemError",
    type_error = "TypeError",
    value_error = "ValueError",
    unicode_decode_error = "UnicodeDecodeError",
    unicode_encode_error = "UnicodeEncodeError",
    runtime_warning = "RuntimeWarning",
    deprecation_warning = "DeprecationWarning",
    user_warning = "UserWarning",
);
