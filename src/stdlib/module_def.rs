//! Building module namespaces and the classes built-in modules define.

use crate::builtins::{add_method, add_static};
use crate::object::class::{Class, Layout};
use crate::object::function::NativeFn;
use crate::object::{Dict, DictObj, NativeFunction, Value};
use crate::vm::Vm;
use std::rc::Rc;

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
        let f = Value::NativeFunction(Rc::new(NativeFunction {
            name,
            func,
            is_method: false,
            owner: self.name,
        }));
        self.value(vm, name, f);
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

/// Adds methods to a module class.
pub fn methods(vm: &mut Vm, class: &Rc<Class>, table: &[(&'static str, NativeFn)]) {
    for &(name, f) in table {
        add_method(vm, class, name, f);
    }
}

/// Sets the constructor (`__new__`, receiving the class as `values[0]`).
pub fn constructor(vm: &mut Vm, class: &Rc<Class>, f: NativeFn) {
    add_static(vm, class, "__new__", f);
}
