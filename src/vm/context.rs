//! The data of `contextvars`: which context code runs in, and what each context maps
//! its variables to.
//!
//! It lives in the VM, below both users: the `contextvars` module (stdlib) gives it its
//! Python face, and the event loop (runtime) runs each task step and each handle in the
//! context it captured, as CPython's `Task.__step` and `Handle._run` do.
//!
//! A context's mapping is an `Rc` of a small vector of (variable, value) pairs, shared
//! by copies until one of them changes: `copy_context()` — which every new task does —
//! costs one reference count, and a `ContextVar.set` copies the pairs only when another
//! context still shares them. Programs hold few variables, so a linear scan by identity
//! beats hashing.
//!
//! Nothing happens until a program creates its first `ContextVar` ([`Contexts::enabled`]):
//! until then no variable can be read, so tasks skip capturing and switching contexts
//! and task-heavy programs pay nothing.

use super::Vm;
use crate::object::class::{Class, Layout};
use crate::object::{Dict, NativeData, Object, Payload, Value};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// The variables of one context.
pub type Vars = Rc<Vec<(Value, Value)>>;

/// A `contextvars.Context` object's state.
pub struct ContextData {
    pub vars: RefCell<Vars>,
    /// Inside `Context.run` (a context cannot be entered twice at once).
    pub entered: Cell<bool>,
}

impl NativeData for ContextData {
    fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        if let Ok(vars) = self.vars.try_borrow() {
            for (k, v) in vars.iter() {
                f(k);
                f(v);
            }
        }
    }

    fn clear_into(&self, trash: &mut Vec<Value>) {
        if let Ok(mut vars) = self.vars.try_borrow_mut() {
            if let Some(v) = Rc::get_mut(&mut vars) {
                for (k, val) in v.drain(..) {
                    trash.push(k);
                    trash.push(val);
                }
            }
        }
    }
}

/// The interpreter's context state.
#[derive(Default)]
pub struct Contexts {
    /// The context code runs in (None: the base context, not made yet).
    current: Option<Value>,
    /// `contextvars.Context`, made on first use.
    class: Option<Rc<Class>>,
    /// A `ContextVar` exists: tasks and handles capture and switch contexts.
    pub enabled: bool,
}

/// The state of a Context object.
pub fn data(v: &Value) -> Option<&ContextData> {
    match v {
        Value::Object(o) => o.native::<ContextData>(),
        _ => None,
    }
}

impl Vm {
    /// The class of Context objects (the `contextvars` module adds its methods).
    pub fn context_class(&mut self) -> Rc<Class> {
        if let Some(c) = &self.contexts.class {
            return c.clone();
        }
        let object = self.types.object.clone();
        let class = Class::new(
            "Context",
            vec![object.clone()],
            vec![object],
            Dict::new(),
            Layout::Native,
            false,
        );
        let key = self.intern("__module__");
        class
            .dict
            .borrow_mut()
            .set_str(key, Value::str("_contextvars"));
        class.instance_dict.set(false);
        let _ = class.tp_name.set("_contextvars.Context".to_string());
        self.contexts.class = Some(class.clone());
        class
    }

    /// A new Context object holding `vars`.
    pub fn new_context(&mut self, vars: Vars) -> Value {
        let class = self.context_class();
        Value::Object(Object::new(
            class,
            Payload::Native(Box::new(ContextData {
                vars: RefCell::new(vars),
                entered: Cell::new(false),
            })),
        ))
    }

    /// The context code runs in now.
    pub fn current_context(&mut self) -> Value {
        if let Some(c) = &self.contexts.current {
            return c.clone();
        }
        let c = self.new_context(Rc::new(Vec::new()));
        self.contexts.current = Some(c.clone());
        c
    }

    /// `contextvars.copy_context()`: a new context sharing the current one's variables.
    pub fn copy_context(&mut self) -> Value {
        let current = self.current_context();
        let vars = data(&current).map_or_else(|| Rc::new(Vec::new()), |d| d.vars.borrow().clone());
        self.new_context(vars)
    }

    /// Makes `ctx` the current context; returns the one it replaces (for
    /// [`Vm::restore_context`]).
    pub fn switch_context(&mut self, ctx: Value) -> Option<Value> {
        self.contexts.current.replace(ctx)
    }

    pub fn restore_context(&mut self, previous: Option<Value>) {
        self.contexts.current = previous;
    }

    /// What a task or handle created now should run in: None while no variable exists.
    pub fn capture_context(&mut self) -> Value {
        if self.contexts.enabled {
            self.copy_context()
        } else {
            Value::None
        }
    }
}
