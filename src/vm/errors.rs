//! Creating exceptions. Every error the interpreter raises itself goes through these
//! helpers, so the class and the exact CPython message are decided in one place per site.

use super::{PyResult, Vm};
use crate::object::class::Class;
use crate::object::{ExcData, ExcRef, Object, Payload, Tuple, Value};
use crate::source::SourceFile;
use std::cell::RefCell;
use std::rc::Rc;

impl Vm {
    /// A new instance of exception class `class` with `args`.
    pub fn new_exception(&self, class: &Rc<Class>, args: Vec<Value>) -> ExcRef {
        Object::with_dict(
            class.clone(),
            Payload::Exception(Box::new(RefCell::new(ExcData::new(Tuple::new(args))))),
        )
    }

    pub fn new_exception_msg(&self, class: &Rc<Class>, msg: impl Into<String>) -> ExcRef {
        self.new_exception(class, vec![Value::str(msg.into())])
    }

    /// An OSError subclass for an `io::Error`, with CPython's `[Errno N] text: 'path'` text.
    pub fn os_error(&self, e: &std::io::Error, path: &Value) -> ExcRef {
        let class = match (e.raw_os_error(), e.kind()) {
            (Some(errno), _) => self.os_error_class_for(errno as i64),
            // A buffer that could not grow (`crate::memory::read_to_end`).
            (None, std::io::ErrorKind::OutOfMemory) => return self.memory_error(),
            (None, std::io::ErrorKind::NotFound) => self.exc.file_not_found_error.clone(),
            (None, _) => self.exc.os_error.clone(),
        };
        let text = e.to_string();
        let strerror = text.split(" (os error").next().unwrap_or(&text).to_string();
        let errno = e.raw_os_error().unwrap_or(0);
        let filename = match path {
            Value::Str(_) | Value::Bytes(_) => Some(path.clone()),
            _ => None,
        };
        self.new_os_error(
            &class,
            Value::Int(errno as i64),
            Value::str(strerror),
            filename,
            None,
        )
    }

    /// An OSError as CPython builds one from `(errno, strerror, filename, ...,
    /// filename2)`: `args` is `(errno, strerror)`, and the four are attributes, which its
    /// `str()` shows as `[Errno 2] No such file or directory: 'x'`.
    pub fn new_os_error(
        &self,
        class: &Rc<Class>,
        errno: Value,
        strerror: Value,
        filename: Option<Value>,
        filename2: Option<Value>,
    ) -> ExcRef {
        let exc = self.new_exception(class, vec![errno.clone(), strerror.clone()]);
        if let Some(d) = exc.dict() {
            let mut t = d.table.borrow_mut();
            let fields = [
                ("errno", errno),
                ("strerror", strerror),
                ("filename", filename.unwrap_or(Value::None)),
                ("filename2", filename2.unwrap_or(Value::None)),
            ];
            for (name, v) in fields {
                t.set_str(Rc::new(crate::object::PyStr::new(name.to_string())), v);
            }
        }
        exc
    }

    /// The OSError subclass CPython picks for `errno` when `OSError(errno, ...)` is
    /// called (ENOENT gives FileNotFoundError, ECONNREFUSED ConnectionRefusedError...).
    pub fn os_error_class_for(&self, errno: i64) -> Rc<Class> {
        let name = match errno {
            11 | 114 | 115 => "BlockingIOError",
            10 => "ChildProcessError",
            32 | 108 => "BrokenPipeError",
            103 => "ConnectionAbortedError",
            111 => "ConnectionRefusedError",
            104 => "ConnectionResetError",
            17 => "FileExistsError",
            2 => "FileNotFoundError",
            21 => "IsADirectoryError",
            20 => "NotADirectoryError",
            4 => "InterruptedError",
            1 | 13 => "PermissionError",
            3 => "ProcessLookupError",
            110 => "TimeoutError",
            _ => "OSError",
        };
        self.exc
            .all
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(self.exc.os_error.clone(), |(_, c)| c.clone())
    }

    /// The SyntaxError (or IndentationError, TabError) a compile-time diagnostic is, with
    /// CPython's details: `(filename, lineno, offset, text, end_lineno, end_offset)`.
    pub fn syntax_error_from(
        &self,
        source: &SourceFile,
        diag: &crate::diagnostic::Diagnostic,
    ) -> ExcRef {
        use crate::diagnostic::ErrorClass;
        let class = match diag.class {
            ErrorClass::SyntaxError => self.exc.syntax_error.clone(),
            ErrorClass::IndentationError => self.exc_class("IndentationError"),
            ErrorClass::TabError => self.exc_class("TabError"),
            ErrorClass::RecursionError => {
                return self
                    .new_exception_msg(&self.exc.recursion_error.clone(), diag.message.clone())
            }
        };
        let line = diag.line(source);
        let text = source.line_text(line);
        let column = match diag.no_column {
            true => 0,
            false => source.line_col(diag.span.start).1,
        };
        let (text, offset) = (Value::str(format!("{text}\n")), Value::Int(column as i64));
        let details = Value::tuple(vec![
            Value::str(source.name.clone()),
            Value::Int(line as i64),
            offset,
            text,
        ]);
        self.new_exception(&class, vec![Value::str(diag.message.clone()), details])
    }

    /// A built-in exception class by name (one CPython has that the VM names nowhere else).
    pub fn exc_class(&self, name: &str) -> Rc<crate::object::Class> {
        self.exc
            .all
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(self.exc.syntax_error.clone(), |(_, c)| c.clone())
    }

    pub fn type_error(&self, msg: impl Into<String>) -> ExcRef {
        self.new_exception_msg(&self.exc.type_error, msg)
    }

    pub fn value_error(&self, msg: impl Into<String>) -> ExcRef {
        self.new_exception_msg(&self.exc.value_error, msg)
    }

    pub fn index_error(&self, msg: impl Into<String>) -> ExcRef {
        self.new_exception_msg(&self.exc.index_error, msg)
    }

    pub fn key_error(&self, key: Value) -> ExcRef {
        self.new_exception(&self.exc.key_error, vec![key])
    }

    pub fn attribute_error(&self, msg: impl Into<String>) -> ExcRef {
        self.new_exception_msg(&self.exc.attribute_error, msg)
    }

    pub fn name_error(&self, name: &str) -> ExcRef {
        let exc = self.new_exception_msg(
            &self.exc.name_error,
            format!("name '{name}' is not defined"),
        );
        exc.dict_set(
            Rc::new(crate::object::PyStr::new("name".to_string())),
            Value::str(name),
        );
        exc
    }

    /// A NameError raised while running with `globals`, so that its traceback can
    /// suggest a similar name.
    pub fn name_error_in(&self, name: &str, globals: &Rc<crate::object::DictObj>) -> ExcRef {
        let exc = self.name_error(name);
        if let Some(d) = exc.exc_data() {
            d.borrow_mut().name_globals = Some(globals.clone());
        }
        exc
    }

    pub fn runtime_error(&self, msg: impl Into<String>) -> ExcRef {
        self.new_exception_msg(&self.exc.runtime_error, msg)
    }

    pub fn overflow_error(&self, msg: impl Into<String>) -> ExcRef {
        self.new_exception_msg(&self.exc.overflow_error, msg)
    }

    pub fn zero_division(&self, msg: impl Into<String>) -> ExcRef {
        self.new_exception_msg(&self.exc.zero_division_error, msg)
    }

    pub fn memory_error(&self) -> ExcRef {
        // Whatever way it ran out, the program hears of it once.
        crate::memory::owe_memory_error();
        self.new_exception(&self.exc.memory_error, vec![])
    }

    pub fn recursion_error(&self) -> ExcRef {
        self.new_exception_msg(
            &self.exc.recursion_error,
            "maximum recursion depth exceeded",
        )
    }

    pub fn stop_iteration(&self, value: Value) -> ExcRef {
        let args = if value.is_none() {
            vec![]
        } else {
            vec![value.clone()]
        };
        let e = self.new_exception(&self.exc.stop_iteration, args);
        e.dict_set(self.names.value.clone(), value);
        e
    }

    pub fn err<T>(&self, e: ExcRef) -> PyResult<T> {
        Err(e)
    }

    /// Whether `exc` is an instance of `class` (or a subclass).
    pub fn exc_is(&self, exc: &ExcRef, class: &Rc<Class>) -> bool {
        exc.class.is_subclass(class)
    }

    /// The exception's `args` tuple.
    pub fn exc_args(&self, exc: &ExcRef) -> Rc<Tuple> {
        match exc.exc_data() {
            Some(d) => d.borrow().args.clone(),
            None => Tuple::empty(),
        }
    }

    /// Turns an arbitrary raised value into an exception instance: an exception class is
    /// instantiated; anything that is not an exception is a TypeError.
    pub fn to_exception(&mut self, v: Value) -> PyResult<ExcRef> {
        match v {
            Value::Object(o) if o.exc_data().is_some() => Ok(o),
            Value::Class(c) if c.is_subclass(&self.exc.base_exception) => {
                let inst = self.call(&Value::Class(c), &[])?;
                match inst {
                    Value::Object(o) if o.exc_data().is_some() => Ok(o),
                    other => Err(self.type_error(format!(
                        "calling {} should have returned an instance of BaseException, not {}",
                        self.repr_class_name(&other),
                        self.type_name(&other)
                    ))),
                }
            }
            _ => Err(self.type_error("exceptions must derive from BaseException")),
        }
    }

    fn repr_class_name(&self, v: &Value) -> String {
        format!("<class '{}'>", self.type_name(v))
    }
}
