//! The `builtins` module and the methods of the built-in types.
//!
//! Each file registers one family: free functions (`print`, `len`...), type
//! constructors, `object`/`type`, exceptions, generators, and the methods of each
//! built-in type. Natives receive `(vm, args)`; methods get `self` as `args.values[0]`.

mod awaitable_methods;
pub mod bytearray;
pub mod bytearray_buf;
mod bytearray_shared;
mod bytes_methods;
mod bytes_search;
mod constructors;
mod core_fns;
mod dict_methods;
pub mod dict_views;
mod exceptions;
mod exec_eval;
pub mod file_io;
mod file_newlines;
mod float_hex;
mod float_methods;
mod frame_methods;
mod generator_methods;
mod int_methods;
mod iterator_methods;
mod list_methods;
pub mod memoryview;
mod object_type;
mod quitter;
mod result_size;
mod set_methods;
pub mod sort;
mod str_case;
mod tuple_methods;
#[rustfmt::skip]
mod str_case_tables;
#[rustfmt::skip]
mod str_class_tables;
pub mod str_codecs;
mod str_codecs_wide;
mod str_format;
mod str_methods;
mod str_search;
mod str_split;
pub mod str_unicode;

use crate::object::function::NativeFn;
use crate::object::Value;
use crate::vm::Vm;

/// Fills the builtins namespace and the built-in types' method tables.
pub fn init(vm: &mut Vm) {
    object_type::register(vm);
    exceptions::register(vm);
    constructors::register(vm);
    core_fns::register(vm);
    exec_eval::register(vm);
    file_io::register(vm);
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
    frame_methods::register(vm);
    str_methods::register(vm);
    str_search::register(vm);
    str_split::register(vm);
    str_case::register(vm);
    bytes_methods::register(vm);
    bytes_search::register(vm);
    bytearray::register(vm);
    bytearray_shared::register(vm);
    memoryview::register(vm);
    quitter::register(vm);
}

/// Adds a built-in function to the builtins namespace.
pub fn add_function(vm: &mut Vm, name: &'static str, func: NativeFn) {
    add_value(vm, name, crate::native::function("builtins", name, func));
}

/// Adds a value to the builtins namespace.
pub fn add_value(vm: &mut Vm, name: &str, value: Value) {
    let key = vm.intern(name);
    vm.builtins.table.borrow_mut().set_str(key, value);
}
