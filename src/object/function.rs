//! Functions: compiled Python functions, native (Rust) functions, and bound methods.

use super::code::Code;
use super::dict::{Dict, DictObj};
use super::gc::{self, GcHeader, Tracked};
use super::value::{Cell, Value};
use super::{ExcRef, PyStr};
use crate::vm::Vm;
use std::cell::RefCell;
use std::rc::Rc;

pub struct Function {
    pub gc: GcHeader,
    pub code: Rc<Code>,
    pub globals: Rc<DictObj>,
    pub name: RefCell<Rc<PyStr>>,
    pub qualname: RefCell<Rc<PyStr>>,
    /// Defaults for the last positional parameters.
    pub defaults: RefCell<Vec<Value>>,
    /// Defaults for keyword-only parameters, by name.
    pub kwdefaults: RefCell<Vec<(Rc<PyStr>, Value)>>,
    pub closure: Box<[Rc<Cell>]>,
    /// Function attributes (`f.calls = 0`, `__doc__`, `__wrapped__`...).
    pub dict: RefCell<Dict>,
    /// `__module__`: the defining module's name, or whatever the program assigns.
    pub module: RefCell<Value>,
}

/// Defaults through the trashcan (`def f(p=previous)` chains); the closure's cells
/// have their own guard.
impl Drop for Function {
    fn drop(&mut self) {
        let defaults = std::mem::take(self.defaults.get_mut());
        let kwdefaults = std::mem::take(self.kwdefaults.get_mut());
        if !defaults.is_empty() || !kwdefaults.is_empty() {
            gc::drop_values(
                defaults
                    .into_iter()
                    .chain(kwdefaults.into_iter().map(|(_, v)| v)),
            );
        }
    }
}

impl Function {
    pub fn new(
        code: Rc<Code>,
        globals: Rc<DictObj>,
        qualname: Rc<PyStr>,
        defaults: Vec<Value>,
        kwdefaults: Vec<(Rc<PyStr>, Value)>,
        closure: Box<[Rc<Cell>]>,
        module: Value,
    ) -> Rc<Function> {
        let f = Rc::new(Function {
            gc: GcHeader::new(),
            name: RefCell::new(code.name.clone()),
            qualname: RefCell::new(qualname),
            code,
            globals,
            defaults: RefCell::new(defaults),
            kwdefaults: RefCell::new(kwdefaults),
            closure,
            dict: RefCell::new(Dict::new()),
            module: RefCell::new(module),
        });
        gc::track(Tracked::Function(Rc::downgrade(&f)));
        f
    }

    pub fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        f(&Value::Dict(self.globals.clone()));
        if let Ok(d) = self.defaults.try_borrow() {
            d.iter().for_each(&mut *f);
        }
        if let Ok(d) = self.kwdefaults.try_borrow() {
            d.iter().for_each(|(_, v)| f(v));
        }
        for c in self.closure.iter() {
            f(&Value::Cell(c.clone()));
        }
        if let Ok(d) = self.dict.try_borrow() {
            for (k, v) in d.iter() {
                f(k);
                f(v);
            }
        }
        if let Ok(m) = self.module.try_borrow() {
            f(&m);
        }
    }

    pub fn clear_into(&self, trash: &mut Vec<Value>) {
        if let Ok(mut d) = self.defaults.try_borrow_mut() {
            trash.append(&mut d);
        }
        if let Ok(mut d) = self.kwdefaults.try_borrow_mut() {
            trash.extend(d.drain(..).map(|(_, v)| v));
        }
        if let Ok(mut d) = self.dict.try_borrow_mut() {
            for (k, v) in d.take_all() {
                trash.push(k);
                trash.push(v);
            }
        }
    }
}

/// Arguments in CPython's "vectorcall" shape: positional values, then keyword values
/// whose names are in `kwnames` (the last `kwnames.len()` entries of `values`).
#[derive(Clone, Copy)]
pub struct Args<'a> {
    pub values: &'a [Value],
    pub kwnames: &'a [Value],
}

impl<'a> Args<'a> {
    pub fn positional(values: &'a [Value]) -> Args<'a> {
        Args {
            values,
            kwnames: &[],
        }
    }

    /// The positional arguments.
    pub fn pos(&self) -> &'a [Value] {
        &self.values[..self.values.len() - self.kwnames.len()]
    }

    /// Keyword arguments as (name, value) pairs.
    pub fn kw(&self) -> impl Iterator<Item = (&'a str, &'a Value)> {
        let start = self.values.len() - self.kwnames.len();
        self.kwnames
            .iter()
            .zip(&self.values[start..])
            .map(|(k, v)| (k.as_str().unwrap_or(""), v))
    }

    pub fn has_kw(&self) -> bool {
        !self.kwnames.is_empty()
    }

    /// The keyword argument `name`, if given.
    pub fn kwarg(&self, name: &str) -> Option<&'a Value> {
        self.kw().find(|(k, _)| *k == name).map(|(_, v)| v)
    }
}

pub type NativeFn = fn(&mut Vm, Args) -> Result<Value, ExcRef>;

/// A function implemented in Rust.
pub struct NativeFunction {
    pub name: &'static str,
    pub func: NativeFn,
    /// True for methods of built-in types: looked up on an instance they bind to it, like
    /// CPython's method descriptors. Plain built-in functions (`len`) never bind.
    pub is_method: bool,
    /// The owning type's name, for `<method 'append' of 'list' objects>` and messages.
    pub owner: &'static str,
    /// One of the builtins that look at the calling frame (`globals()`, `locals()`,
    /// `vars()`, `dir()`, `exec`, `eval`, `sys.exc_info`, `sys._getframe`): the call
    /// site handles those before the ordinary call, which every other native skips.
    pub sees_caller: bool,
    /// A native that creates tasks or futures (`create_task`, `ensure_future`, `gather`,
    /// `loop.create_future`): the call site handles it like a `sees_caller` one and
    /// leaves the calling line in `Vm::call_site`, where traces and debug mode find
    /// where it was created.
    pub records_site: bool,
    /// `asyncio.sleep`: the call site says in `Vm::call_is_awaited` whether the result
    /// goes straight into an `await`, so `sleep(0)` can answer with the VM's shared
    /// bare-yield object there and with a real coroutine-like object (which warns when
    /// dropped unawaited) anywhere else.
    pub wants_await_hint: bool,
}

impl NativeFunction {
    pub fn new(owner: &'static str, name: &'static str, func: NativeFn, is_method: bool) -> Self {
        let sees_caller = match owner {
            "builtins" => matches!(
                name,
                "globals" | "locals" | "vars" | "dir" | "exec" | "eval"
            ),
            "sys" => matches!(name, "exc_info" | "_getframe"),
            _ => false,
        };
        let records_site = matches!(
            (owner, name),
            ("asyncio", "create_task" | "ensure_future" | "gather")
                | ("_UnixSelectorEventLoop", "create_task" | "create_future")
        );
        let sees_caller = sees_caller || records_site;
        let wants_await_hint = owner == "asyncio" && name == "sleep";
        NativeFunction {
            name,
            func,
            is_method,
            owner,
            sees_caller,
            records_site,
            wants_await_hint,
        }
    }
}

/// A function bound to an instance (`obj.method`).
pub struct BoundMethod {
    pub gc: GcHeader,
    pub function: Value,
    pub self_value: Value,
}

impl BoundMethod {
    pub fn new(function: Value, self_value: Value) -> Rc<BoundMethod> {
        let m = Rc::new(BoundMethod {
            gc: GcHeader::new(),
            function,
            self_value,
        });
        gc::track(Tracked::BoundMethod(Rc::downgrade(&m)));
        m
    }
}
