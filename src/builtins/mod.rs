//! The `builtins` module and the methods of the built-in types.
//!
//! Each file registers one family: free functions (`print`, `len`...), type
//! constructors, `object`/`type`, exceptions, generators, and the methods of each
//! built-in type. Natives receive `(vm, args)`; methods get `self` as `args.values[0]`.

mod args;
mod awaitable_methods;
mod bytes_methods;
mod bytes_search;
mod constructors;
mod core_fns;
mod dict_methods;
pub mod dict_views;
mod exceptions;
mod float_hex;
mod float_methods;
mod generator_methods;
mod int_methods;
mod iterator_methods;
mod list_methods;
pub mod native_sig;
mod object_type;
mod quitter;
mod set_methods;
pub mod sort;
mod str_args;
mod str_case;
mod tuple_methods;
#[rustfmt::skip]
mod str_case_tables;
#[rustfmt::skip]
mod str_class_tables;
pub mod str_codecs;
mod str_format;
mod str_methods;
mod str_search;
mod str_split;
pub mod str_unicode;

use crate::object::class::Class;
use crate::object::function::NativeFn;
use crate::object::{NativeFunction, Value};
use crate::vm::Vm;
use std::rc::Rc;

pub use args::ArgCheck;

/// Fills the builtins namespace and the built-in types' method tables.
pub fn init(vm: &mut Vm) {
    object_type::register(vm);
    exceptions::register(vm);
    constructors::register(vm);
    core_fns::register(vm);
    generator_methods::register(vm);
    awaitable_methods::register(vm);
    list_methods::register(vm);
    tuple_methods::register(vm);
    dict_methods::register(vm);
    dict_views::register(vm);
    set_methods::register(vm);
    int_methods::register(vm);
    float_methods::register(vm);
    iterator_methods::register(vm);
    str_methods::register(vm);
    str_search::register(vm);
    str_split::register(vm);
    str_case::register(vm);
    bytes_methods::register(vm);
    bytes_search::register(vm);
    quitter::register(vm);
}

/// Adds a built-in function to the builtins namespace.
pub fn add_function(vm: &mut Vm, name: &'static str, func: NativeFn) {
    let key = vm.intern(name);
    let f = Value::NativeFunction(Rc::new(NativeFunction {
        name,
        func,
        is_method: false,
        owner: "builtins",
    }));
    vm.builtins.table.borrow_mut().set_str(key, f);
}

/// Adds a value to the builtins namespace.
pub fn add_value(vm: &mut Vm, name: &str, value: Value) {
    let key = vm.intern(name);
    vm.builtins.table.borrow_mut().set_str(key, value);
}

/// Adds a method (a function that binds to instances) to a built-in type.
pub fn add_method(vm: &mut Vm, class: &Rc<Class>, name: &'static str, func: NativeFn) {
    let key = vm.intern(name);
    let owner: &'static str = leak_name(&class.name);
    let f = Value::NativeFunction(Rc::new(NativeFunction {
        name,
        func,
        is_method: true,
        owner,
    }));
    class.dict.borrow_mut().set_str(key, f);
}

/// Adds a classmethod or staticmethod-like native (does not bind to instances).
pub fn add_static(vm: &mut Vm, class: &Rc<Class>, name: &'static str, func: NativeFn) {
    let key = vm.intern(name);
    let owner: &'static str = leak_name(&class.name);
    let f = Value::NativeFunction(Rc::new(NativeFunction {
        name,
        func,
        is_method: false,
        owner,
    }));
    class.dict.borrow_mut().set_str(key, f);
}

/// Owner names of built-in types live for the whole process; interning them once keeps
/// `NativeFunction` free of lifetimes.
fn leak_name(name: &str) -> &'static str {
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
