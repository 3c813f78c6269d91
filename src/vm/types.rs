//! The built-in type objects, created once per interpreter.
//!
//! Every built-in type is a [`Class`] like any user class (so `type(3).__name__`,
//! `isinstance(x, int)` and subclassing exceptions work uniformly); the VM keeps direct
//! handles to the ones it needs on hot paths.

use crate::object::class::{Class, Layout};
use crate::object::{Dict, Value};
use std::rc::Rc;

macro_rules! types_struct {
    ($($field:ident),* $(,)?) => {
        /// Handles to the built-in types.
        pub struct Types {
            $(pub $field: Rc<Class>,)*
        }
    };
}

types_struct!(
    object,
    type_,
    int,
    bool,
    float,
    str,
    bytes,
    list,
    tuple,
    dict,
    set,
    frozenset,
    range,
    slice,
    none_type,
    not_implemented_type,
    ellipsis_type,
    function,
    builtin_function,
    method,
    generator,
    coroutine,
    async_generator,
    module,
    cell,
    code,
    frame,
    property,
    staticmethod,
    classmethod,
    member_descriptor,
    super_,
    list_iterator,
    tuple_iterator,
    str_iterator,
    bytes_iterator,
    bytearray,
    bytearray_iterator,
    memoryview,
    range_iterator,
    dict_keyiterator,
    dict_valueiterator,
    dict_itemiterator,
    set_iterator,
    reversed,
    enumerate,
    zip,
    map,
    filter,
    callable_iterator,
    iterator,
    dict_keys,
    dict_values,
    dict_items,
    traceback,
    coroutine_wrapper,
    async_gen_asend,
    async_gen_athrow,
    anext_awaitable,
    list_reverseiterator,
    dict_reversekeyiterator,
    dict_reversevalueiterator,
    dict_reverseitemiterator,
);

fn builtin_class(name: &str, bases: Vec<Rc<Class>>, layout: Layout) -> Rc<Class> {
    let mro = crate::object::class::c3_linearize(&bases).unwrap_or_default();
    Class::new(name, bases, mro, Dict::new(), layout, true)
}

impl Types {
    pub fn new() -> Types {
        let object = Class::new("object", vec![], vec![], Dict::new(), Layout::Object, true);
        // `object()` instances have no `__dict__`.
        object.instance_dict.set(false);
        let native = |name: &str| builtin_class(name, vec![object.clone()], Layout::Native);
        let int = native("int");
        let bool_ = builtin_class("bool", vec![int.clone()], Layout::Native);
        Types {
            type_: builtin_class("type", vec![object.clone()], Layout::Native),
            bool: bool_,
            float: native("float"),
            str: native("str"),
            bytes: native("bytes"),
            list: native("list"),
            tuple: native("tuple"),
            dict: native("dict"),
            set: native("set"),
            frozenset: native("frozenset"),
            range: native("range"),
            slice: native("slice"),
            none_type: native("NoneType"),
            not_implemented_type: native("NotImplementedType"),
            ellipsis_type: native("ellipsis"),
            function: native("function"),
            builtin_function: native("builtin_function_or_method"),
            method: native("method"),
            generator: native("generator"),
            coroutine: native("coroutine"),
            async_generator: native("async_generator"),
            module: native("module"),
            cell: native("cell"),
            code: native("code"),
            frame: native("frame"),
            property: native("property"),
            staticmethod: native("staticmethod"),
            member_descriptor: native("member_descriptor"),
            classmethod: native("classmethod"),
            super_: native("super"),
            list_iterator: native("list_iterator"),
            tuple_iterator: native("tuple_iterator"),
            str_iterator: native("str_ascii_iterator"),
            bytes_iterator: native("bytes_iterator"),
            // Objects with native state, subclassable like CPython's.
            bytearray: builtin_class("bytearray", vec![object.clone()], Layout::Object),
            bytearray_iterator: native("bytearray_iterator"),
            memoryview: native("memoryview"),
            range_iterator: native("range_iterator"),
            dict_keyiterator: native("dict_keyiterator"),
            dict_valueiterator: native("dict_valueiterator"),
            dict_itemiterator: native("dict_itemiterator"),
            set_iterator: native("set_iterator"),
            reversed: native("reversed"),
            enumerate: native("enumerate"),
            zip: native("zip"),
            map: native("map"),
            filter: native("filter"),
            callable_iterator: native("callable_iterator"),
            iterator: native("iterator"),
            dict_keys: native("dict_keys"),
            dict_values: native("dict_values"),
            dict_items: native("dict_items"),
            traceback: native("traceback"),
            coroutine_wrapper: native("coroutine_wrapper"),
            async_gen_asend: native("async_generator_asend"),
            async_gen_athrow: native("async_generator_athrow"),
            anext_awaitable: native("anext_awaitable"),
            list_reverseiterator: native("list_reverseiterator"),
            dict_reversekeyiterator: native("dict_reversekeyiterator"),
            dict_reversevalueiterator: native("dict_reversevalueiterator"),
            dict_reverseitemiterator: native("dict_reverseitemiterator"),
            int,
            object,
        }
    }
}

impl Default for Types {
    fn default() -> Self {
        Types::new()
    }
}

impl crate::vm::Vm {
    /// `type(v)`.
    pub fn class_of(&self, v: &Value) -> Rc<Class> {
        let t = &self.types;
        match v {
            Value::Null | Value::None => t.none_type.clone(),
            Value::NotImplemented => t.not_implemented_type.clone(),
            Value::Ellipsis => t.ellipsis_type.clone(),
            Value::Bool(_) => t.bool.clone(),
            Value::Int(_) | Value::BigInt(_) => t.int.clone(),
            Value::Float(_) => t.float.clone(),
            Value::Str(_) => t.str.clone(),
            Value::Bytes(_) => t.bytes.clone(),
            Value::Tuple(_) => t.tuple.clone(),
            Value::List(_) => t.list.clone(),
            Value::Dict(_) => t.dict.clone(),
            Value::Set(s) => {
                if s.frozen {
                    t.frozenset.clone()
                } else {
                    t.set.clone()
                }
            }
            Value::Range(_) => t.range.clone(),
            Value::Slice(_) => t.slice.clone(),
            Value::Function(_) => t.function.clone(),
            Value::NativeFunction(_) => t.builtin_function.clone(),
            Value::BoundMethod(m) => match m.function {
                Value::NativeFunction(_) => t.builtin_function.clone(),
                _ => t.method.clone(),
            },
            Value::Class(c) => match &*c.metaclass.borrow() {
                Some(meta) => meta.clone(),
                None => t.type_.clone(),
            },
            Value::Generator(g) => match g.kind {
                crate::object::GenKind::Generator => t.generator.clone(),
                crate::object::GenKind::Coroutine => t.coroutine.clone(),
                crate::object::GenKind::AsyncGenerator => t.async_generator.clone(),
            },
            Value::Module(_) => t.module.clone(),
            Value::Cell(_) => t.cell.clone(),
            Value::Code(_) => t.code.clone(),
            Value::Object(o) => o.class.clone(),
        }
    }

    /// `type(v).__name__`, for error messages.
    pub fn type_name(&self, v: &Value) -> String {
        match v {
            Value::Object(o) => o.class.tp_name.get().unwrap_or(&o.class.name).clone(),
            _ => self.class_of(v).name.clone(),
        }
    }
}
