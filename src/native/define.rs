//! Defining what Python sees: native function objects, the method tables of types, the
//! namespaces of built-in modules and the classes they define.

use crate::object::class::{Class, Layout};
use crate::object::function::NativeFn;
use crate::object::{Dict, DictObj, NativeFunction, Object, Payload, Value};
use crate::vm::Vm;
use std::rc::Rc;

/// A table of natives: each Python name with the Rust function behind it.
pub type Table = [(&'static str, NativeFn)];

/// A built-in function (`<built-in function sqrt>`): it never binds to an instance.
/// `owner` is its module, or the type for a static or class method.
pub fn function(owner: &'static str, name: &'static str, func: NativeFn) -> Value {
    Value::NativeFunction(Rc::new(NativeFunction {
        name,
        func,
        is_method: false,
        owner,
    }))
}

/// A method descriptor (`<method 'append' of 'list' objects>`): looked up on an instance
/// it binds to it, like CPython's.
pub fn method(owner: &'static str, name: &'static str, func: NativeFn) -> Value {
    Value::NativeFunction(Rc::new(NativeFunction {
        name,
        func,
        is_method: true,
        owner,
    }))
}

fn set(vm: &mut Vm, class: &Rc<Class>, name: &str, v: Value) {
    let key = vm.intern(name);
    class.dict.borrow_mut().set_str(key, v);
}

/// Adds a method (a function that binds to instances) to a type.
pub fn add_method(vm: &mut Vm, class: &Rc<Class>, name: &'static str, func: NativeFn) {
    let f = method(owner_name(&class.name), name, func);
    set(vm, class, name, f);
}

/// Adds every method of `table` to a type.
pub fn add_methods(vm: &mut Vm, class: &Rc<Class>, table: &Table) {
    for &(name, func) in table {
        add_method(vm, class, name, func);
    }
}

/// Adds a native that does not bind to instances (`__new__`, a staticmethod).
pub fn add_static(vm: &mut Vm, class: &Rc<Class>, name: &'static str, func: NativeFn) {
    let f = function(owner_name(&class.name), name, func);
    set(vm, class, name, f);
}

/// Adds a classmethod (`dict.fromkeys`): the native receives the class as `values[0]`.
pub fn add_classmethod(vm: &mut Vm, class: &Rc<Class>, name: &'static str, func: NativeFn) {
    let f = function(owner_name(&class.name), name, func);
    let cm = Value::Object(Object::new(
        vm.types.classmethod.clone(),
        Payload::ClassMethod(f),
    ));
    set(vm, class, name, cm);
}

/// Sets a type's constructor (`__new__`, receiving the class as `values[0]`).
pub fn constructor(vm: &mut Vm, class: &Rc<Class>, func: NativeFn) {
    add_static(vm, class, "__new__", func);
}

/// Owner names of built-in types live for the whole process; interning them once keeps
/// `NativeFunction` free of lifetimes.
fn owner_name(name: &str) -> &'static str {
    thread_local! {
        static NAMES: std::cell::RefCell<std::collections::HashMap<String, &'static str>> =
            std::cell::RefCell::new(std::collections::HashMap::new());
    }
    NAMES.with(|m| {
        let mut m = m.borrow_mut();
        if let Some(s) = m.get(name) {
            return *s;
        }
        let s: &'static str = Box::leak(name.to_string().into_boxed_str());
        m.insert(name.to_string(), s);
        s
    })
}

/// A module namespace under construction.
pub struct ModuleDef {
    name: &'static str,
    pub dict: Rc<DictObj>,
}

impl ModuleDef {
    pub fn new(name: &'static str) -> ModuleDef {
        ModuleDef {
            name,
            dict: DictObj::new(Dict::new()),
        }
    }

    /// A module-level function (`<built-in function sqrt>`).
    pub fn func(&self, vm: &mut Vm, name: &'static str, func: NativeFn) {
        self.value(vm, name, function(self.name, name, func));
    }

    /// Every function of `table`.
    pub fn funcs(&self, vm: &mut Vm, table: &Table) {
        for &(name, func) in table {
            self.func(vm, name, func);
        }
    }

    pub fn value(&self, vm: &mut Vm, name: &str, v: Value) {
        let key = vm.intern(name);
        self.dict.table.borrow_mut().set_str(key, v);
    }

    /// Registers the module in `sys.modules` and returns it.
    pub fn finish(self, vm: &mut Vm) -> Value {
        Value::Module(vm.register_module(self.name, self.dict))
    }
}

/// A class defined by a built-in module (`itertools.count`, `time.struct_time`): its
/// `__module__` is the module, so it prints as `<class 'itertools.count'>`.
///
/// `Layout::Native` classes cannot be subclassed in apy and have no instance dict;
/// `Layout::Object` ones (`random.Random`) can. Native classes stand for CPython's C
/// types, whose messages name them with their module (`'itertools.count' object is not
/// subscriptable`).
pub fn module_class(vm: &mut Vm, module: &str, name: &str, layout: Layout) -> Rc<Class> {
    let native = matches!(layout, Layout::Native);
    let object = vm.types.object.clone();
    let class = Class::new(
        name,
        vec![object.clone()],
        vec![object],
        Dict::new(),
        layout,
        false,
    );
    let key = vm.intern("__module__");
    class.dict.borrow_mut().set_str(key, Value::str(module));
    if native {
        let _ = class.tp_name.set(format!("{module}.{name}"));
    }
    class
}

/// Defines a slot wrapper and its reflected twin for each operator, both forwarding to
/// one handler `$handler(vm, &args, name, op, reflected)`:
///
/// ```ignore
/// reflected_binops!(binop;
///     add, radd, "__add__", "__radd__" => BinOp::Add;
///     sub, rsub, "__sub__", "__rsub__" => BinOp::Sub;
/// );
/// ```
macro_rules! reflected_binops {
    ($handler:path; $($f:ident, $rf:ident, $name:expr, $rname:expr => $op:expr);* $(;)?) => {
        $(
            fn $f(vm: &mut Vm, args: Args) -> PyResult {
                $handler(vm, &args, $name, $op, false)
            }
            fn $rf(vm: &mut Vm, args: Args) -> PyResult {
                $handler(vm, &args, $rname, $op, true)
            }
        )*
    };
}
pub(crate) use reflected_binops;
