//! How Rust code defines what Python sees: native functions, the methods of types, the
//! namespaces of built-in modules, and the binding of their arguments with the exact
//! TypeErrors CPython raises.
//!
//! A native is a [`NativeFn`](crate::object::function::NativeFn), `fn(&mut Vm, Args) ->
//! PyResult`; a method receives `self` as `args.values[0]`. It binds its arguments by
//! the convention CPython implements that function with, because programs print the
//! messages and each convention words them differently:
//!
//! | CPython | here | message |
//! | --- | --- | --- |
//! | `METH_NOARGS` | [`Sig::NoArgs`], [`no_args`] | `list.copy() takes no arguments (1 given)` |
//! | `METH_O` | [`Sig::One`], [`one_arg`] | `math.sqrt() takes exactly one argument (0 given)` |
//! | positional-only fast call | [`Sig::Range`] | `pow expected 2 arguments, got 1` |
//! | `PyArg_ParseTuple` | [`Sig::OldStyle`] | `count() takes at least 1 argument (0 given)` |
//! | slot wrapper | [`Sig::Wrapper`], [`Sig::WrapperRange`] | `expected 1 argument, got 0` |
//! | Argument Clinic with keywords | [`Clinic`] | `isclose() missing required argument 'b' (pos 2)` |
//! | a function written in Python | [`PyDef`] | `Random.randint() missing 1 required positional argument: 'b'` |
//!
//! [`function_args`] binds a function's arguments, [`method_args`] a method's after
//! `self`, and [`receiver`] also checks `self` (`descriptor 'upper' for 'str' objects
//! doesn't apply to a 'int' object`). Who is called is a [`Callee`], written
//! `"math.sqrt"` or `("str", name)`. Every message is built in one place, `messages`.
//!
//! # Adding a function to a module
//!
//! Write the body and add one line to the module's table (its `load` passes the table to
//! [`ModuleDef::funcs`]):
//!
//! ```ignore
//! fn sqrt(vm: &mut Vm, args: Args) -> PyResult {
//!     let x = float_arg(vm, native::one_arg(vm, "math.sqrt", &args)?)?;
//!     Ok(Value::float(x.sqrt()))
//! }
//!
//! let m = ModuleDef::new("math");
//! m.funcs(vm, &[("sqrt", sqrt), ("floor", floor)]);
//! ```
//!
//! # Adding a method to a type
//!
//! Likewise one line in the type's table (its `register` passes it to [`add_methods`],
//! or several tables to [`add_method_tables`]); the body names its convention, and
//! [`receiver`] checks `self` and the rest in one call:
//!
//! ```ignore
//! fn append(vm: &mut Vm, args: Args) -> PyResult {
//!     let (list, rest) = native::receiver(vm, ("list", "append"), Sig::One, &args, |v| {
//!         match v { Value::List(l) => Some(l.clone()), _ => None }
//!     })?;
//!     list.push(rest[0].clone());
//!     Ok(Value::None)
//! }
//!
//! let list = vm.types.list.clone();
//! native::add_methods(vm, &list, &[("append", append), ("pop", pop)]);
//! ```
//!
//! Class methods go through [`add_classmethod`], constructors through [`constructor`],
//! and classes a module defines through [`module_class`]. Families of slot wrappers
//! are one macro line each, which also yields their table: `rich_compare_methods!`
//! (`__eq__` ... `__ge__`), `reflected_binops!` and `arithmetic_binops!` (`__add__`
//! and `__radd__` ...), `real_number_methods!` (what `int` and `float` share).

mod arg_check;
mod clinic;
mod conventions;
mod converters;
mod define;
mod messages;
mod python_def;

pub use arg_check::ArgCheck;
pub use clinic::{clinic, Clinic};
pub use conventions::{
    function_args, method_args, no_args, no_kwargs, one_arg, receiver, self_arg, self_error,
    split_self, Callee, Sig,
};
pub use converters::{
    adjust_indices, c_int, clinic_type_name, index_bounds, range_args, slice_bound, slice_index,
    ssize,
};
pub use define::{
    add_classmethod, add_method, add_method_tables, add_methods, add_static, constructor, function,
    method, module_class, ModuleDef, Table,
};
pub(crate) use define::{
    arithmetic_binops, real_number_methods, reflected_binops, rich_compare_methods,
};
pub use python_def::{python_def, PyDef};
