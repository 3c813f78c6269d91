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
    Value::NativeFunction(Rc::new(NativeFunction::new(owner, name, func, false)))
}

/// A method descriptor (`<method 'append' of 'list' objects>`): looked up on an instance
/// it binds to it, like CPython's.
pub fn method(owner: &'static str, name: &'static str, func: NativeFn) -> Value {
    Value::NativeFunction(Rc::new(NativeFunction::new(owner, name, func, true)))
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
    let owner = owner_name(&class.name);
    for &(name, func) in table {
        set(vm, class, name, method(owner, name, func));
    }
}

/// Adds every method of each table to a type (its own methods, then shared protocol
/// tables such as those `rich_compare_methods!` defines).
pub fn add_method_tables(vm: &mut Vm, class: &Rc<Class>, tables: &[&Table]) {
    for table in tables {
        add_methods(vm, class, table);
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
        static NAMES: std::cell::RefCell<
            std::collections::HashMap<String, &'static str, foldhash::fast::RandomState>,
        > = std::cell::RefCell::new(std::collections::HashMap::default());
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
/// one handler `$handler(vm, &args, name, op, reflected)`, and `$table`, their method
/// table in the order given:
///
/// ```ignore
/// reflected_binops!(binop => BINOPS;
///     add, radd, "__add__", "__radd__" => BinOp::Add;
///     sub, rsub, "__sub__", "__rsub__" => BinOp::Sub;
/// );
/// ```
macro_rules! reflected_binops {
    ($handler:path => $table:ident;
     $($f:ident, $rf:ident, $name:expr, $rname:expr => $op:expr);* $(;)?) => {
        $(
            fn $f(vm: &mut Vm, args: Args) -> PyResult {
                $handler(vm, &args, $name, $op, false)
            }
            fn $rf(vm: &mut Vm, args: Args) -> PyResult {
                $handler(vm, &args, $rname, $op, true)
            }
        )*
        /// The operator slot wrappers, for the type's method table.
        const $table: &$crate::native::Table = &[$(($name, $f), ($rname, $rf)),*];
    };
}
pub(crate) use reflected_binops;

/// `reflected_binops!` for the six arithmetic operators every number type has
/// (`__add__`/`__radd__` ... `__mod__`/`__rmod__`); `$ops` is the operator enum in
/// scope.
macro_rules! arithmetic_binops {
    ($handler:path, $ops:ident => $table:ident) => {
        $crate::native::reflected_binops!($handler => $table;
            add, radd, "__add__", "__radd__" => $ops::Add;
            sub, rsub, "__sub__", "__rsub__" => $ops::Sub;
            mul, rmul, "__mul__", "__rmul__" => $ops::Mult;
            truediv, rtruediv, "__truediv__", "__rtruediv__" => $ops::Div;
            floordiv, rfloordiv, "__floordiv__", "__rfloordiv__" => $ops::FloorDiv;
            mod_, rmod, "__mod__", "__rmod__" => $ops::Mod;
        );
    };
}
pub(crate) use arithmetic_binops;

/// Defines a type's six rich-comparison slot wrappers (`__eq__` ... `__ge__`), each
/// forwarding to `$handler(vm, &args, op)`, and `$table`, their method table:
///
/// ```ignore
/// rich_compare_methods!(list_cmp => RICH_COMPARE; eq, ne, lt, le, gt, ge);
/// ```
macro_rules! rich_compare_methods {
    ($handler:path => $table:ident;
     $eq:ident, $ne:ident, $lt:ident, $le:ident, $gt:ident, $ge:ident) => {
        $crate::native::rich_compare_methods!(@fns $handler;
            $eq => Eq, $ne => Ne, $lt => Lt, $le => Le, $gt => Gt, $ge => Ge);
        /// The rich comparisons, for the type's method table.
        const $table: &$crate::native::Table = &[
            ("__eq__", $eq),
            ("__ne__", $ne),
            ("__lt__", $lt),
            ("__le__", $le),
            ("__gt__", $gt),
            ("__ge__", $ge),
        ];
    };
    (@fns $handler:path; $($f:ident => $op:ident),*) => {
        $(
            fn $f(vm: &mut Vm, args: Args) -> PyResult {
                $handler(vm, &args, $crate::bytecode::Compare::$op)
            }
        )*
    };
}
pub(crate) use rich_compare_methods;

/// Defines `$table`, the methods of the real-number protocol (`numbers.Real`) that
/// `int` and `float` both implement, from the natives in scope named after each dunder
/// (`abs` for `__abs__`, `bool_` for `__bool__`).
macro_rules! real_number_methods {
    ($table:ident) => {
        /// The real-number protocol's methods, for the type's method table.
        const $table: &$crate::native::Table = &[
            ("as_integer_ratio", as_integer_ratio),
            ("conjugate", conjugate),
            ("__int__", int),
            ("__trunc__", trunc),
            ("__floor__", floor),
            ("__ceil__", ceil),
            ("__round__", round),
            ("__float__", float),
            ("__abs__", abs),
            ("__neg__", neg),
            ("__pos__", pos),
            ("__bool__", bool_),
            ("__hash__", hash),
            ("__repr__", repr),
            ("__format__", format),
            ("__getnewargs__", getnewargs),
            ("__divmod__", divmod),
            ("__rdivmod__", rdivmod),
            ("__pow__", pow),
            ("__rpow__", rpow),
        ];
    };
}
pub(crate) use real_number_methods;
