//! `contextvars`: `ContextVar`, `Token`, `Context` and `copy_context`, natively as in
//! CPython (`_contextvars`).
//!
//! The contexts themselves — which one is current, the variables each holds, the
//! switch around every task step — are the VM's (`vm/context.rs`), because the event
//! loop switches them too; this module is their Python face. Creating the first
//! `ContextVar` turns contexts on for the interpreter (see `Contexts::enabled`).
//!
//! Reprs are CPython's (`<ContextVar name='v' default=1 at 0x...>`), as are the errors
//! of a misused token and of entering a context twice. `Context` iterates its variables
//! in the order they were first set (CPython's order follows its hash trie).

use crate::native::{self, add_methods, module_class, Clinic, ModuleDef, Sig};
use crate::object::class::{Class, Layout};
use crate::object::function::{Args, NativeFn};
use crate::object::{ExcRef, NativeData, Object, Payload, Value};
use crate::vm::context::{data as context_data, ContextData};
use crate::vm::{PyResult, Vm};
use std::cell::Cell;
use std::rc::Rc;

struct Classes {
    var: Rc<Class>,
    token: Rc<Class>,
}

/// A `ContextVar`: its name and default. The variable's identity is its object.
struct VarState {
    name: Value,
    default: Option<Value>,
}

impl NativeData for VarState {
    fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        f(&self.name);
        if let Some(d) = &self.default {
            f(d);
        }
    }

    fn repr(&self, vm: &mut Vm, this: &Value) -> Option<PyResult<String>> {
        Some((|| {
            let name = vm.repr(&self.name)?;
            let default = match &self.default {
                Some(d) => format!(" default={}", vm.repr(d)?),
                None => String::new(),
            };
            Ok(format!(
                "<ContextVar name={name}{default} at {}>",
                addr(this)
            ))
        })())
    }

    fn special_attr(&self, _: &mut Vm, _: &Value, name: &str) -> Option<Value> {
        (name == "name").then(|| self.name.clone())
    }
}

/// A `Token`: what `ContextVar.set` returns, to undo that set with `reset`.
struct TokenState {
    var: Value,
    /// The value before the set (None: the variable was not set, `Token.MISSING`).
    old: Option<Value>,
    context: Value,
    used: Cell<bool>,
}

impl NativeData for TokenState {
    fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        f(&self.var);
        if let Some(o) = &self.old {
            f(o);
        }
        f(&self.context);
    }

    fn repr(&self, vm: &mut Vm, this: &Value) -> Option<PyResult<String>> {
        let used = if self.used.get() { " used" } else { "" };
        Some(
            vm.repr(&self.var)
                .map(|v| format!("<Token{used} var={v} at {}>", addr(this))),
        )
    }

    fn special_attr(&self, vm: &mut Vm, _: &Value, name: &str) -> Option<Value> {
        match name {
            "var" => Some(self.var.clone()),
            "old_value" => Some(match &self.old {
                Some(v) => v.clone(),
                None => missing(vm).ok()?,
            }),
            _ => None,
        }
    }
}

/// `Token.MISSING`: one object of its own class, whose repr is `<Token.MISSING>`.
struct Missing;

impl NativeData for Missing {
    fn traverse(&self, _: &mut dyn FnMut(&Value)) {}

    fn repr(&self, _: &mut Vm, _: &Value) -> Option<PyResult<String>> {
        Some(Ok("<Token.MISSING>".to_string()))
    }
}

fn addr(v: &Value) -> String {
    format!("0x{:x}", v.heap_addr().unwrap_or(0))
}

fn classes(vm: &Vm) -> PyResult<&Classes> {
    vm.extensions
        .get::<Classes>()
        .ok_or_else(|| vm.runtime_error("contextvars is not initialised"))
}

fn missing(vm: &mut Vm) -> PyResult<Value> {
    let token = classes(vm)?.token.clone();
    let found = token
        .dict
        .borrow()
        .get_str("MISSING", crate::object::hash::hash_str("MISSING"))
        .cloned();
    Ok(found.unwrap_or(Value::None))
}

fn var_state(v: &Value) -> Option<&VarState> {
    match v {
        Value::Object(o) => o.native::<VarState>(),
        _ => None,
    }
}

fn token_state(v: &Value) -> Option<&TokenState> {
    match v {
        Value::Object(o) => o.native::<TokenState>(),
        _ => None,
    }
}

pub fn load(vm: &mut Vm) -> PyResult<Value> {
    let m = ModuleDef::new("contextvars");
    let class = |vm: &mut Vm, name: &str| {
        let c = module_class(vm, "_contextvars", name, Layout::Native);
        c.instance_dict.set(false);
        let _ = c.tp_name.set(format!("_contextvars.{name}"));
        c
    };
    let var = class(vm, "ContextVar");
    let token = class(vm, "Token");
    let missing_class = class(vm, "Token.MISSING");
    let context = vm.context_class();
    native::constructor(vm, &var, var_new);
    let var_methods: &[(&'static str, NativeFn)] = &[
        ("get", var_get),
        ("set", var_set),
        ("reset", var_reset),
        ("__class_getitem__", class_getitem),
    ];
    add_methods(vm, &var, var_methods);
    native::constructor(vm, &token, token_new);
    let missing_value = Value::Object(Object::new(
        missing_class,
        Payload::Native(Box::new(Missing)),
    ));
    let key = vm.intern("MISSING");
    token.dict.borrow_mut().set_str(key, missing_value);
    add_methods(vm, &token, &[("__class_getitem__", class_getitem)]);
    native::constructor(vm, &context, context_new);
    let context_methods: &[(&'static str, NativeFn)] = &[
        ("run", context_run),
        ("copy", context_copy),
        ("__getitem__", context_getitem),
        ("__contains__", context_contains),
        ("__len__", context_len),
        ("__iter__", context_iter),
        ("get", context_get),
        ("keys", context_keys),
        ("values", context_values),
        ("items", context_items),
    ];
    add_methods(vm, &context, context_methods);
    vm.extensions.insert(Classes {
        var: var.clone(),
        token: token.clone(),
    });
    m.value(vm, "ContextVar", Value::Class(var));
    m.value(vm, "Token", Value::Class(token));
    m.value(vm, "Context", Value::Class(context));
    m.func(vm, "copy_context", copy_context);
    Ok(m.finish(vm))
}

/// `ContextVar(name, *, default=...)`.
fn var_new(vm: &mut Vm, args: Args) -> PyResult {
    let rest = Args {
        values: &args.values[1..],
        kwnames: args.kwnames,
    };
    let [name, default] = Clinic::new("ContextVar", &["name", "default"])
        .required(1)
        .max_pos(1)
        .bind(vm, &rest)?;
    let name = name.unwrap_or(Value::None);
    if !matches!(name, Value::Str(_)) {
        return Err(vm.type_error("context variable name must be a str"));
    }
    vm.contexts.enabled = true;
    let class = classes(vm)?.var.clone();
    Ok(Value::Object(Object::new(
        class,
        Payload::Native(Box::new(VarState { name, default })),
    )))
}

fn this_var<'a>(vm: &Vm, args: &Args<'a>, name: &str) -> PyResult<&'a VarState> {
    native::self_arg(vm, ("ContextVar", name), Sig::NoArgs, args, var_state)
}

/// The value of `var` in the current context, if set there.
fn lookup(vm: &mut Vm, var: &Value) -> Option<Value> {
    let ctx = vm.current_context();
    let d = context_data(&ctx)?;
    let vars = d.vars.borrow();
    vars.iter().find(|(k, _)| k.is(var)).map(|(_, v)| v.clone())
}

fn lookup_error(vm: &mut Vm, var: &Value) -> ExcRef {
    vm.new_exception(&vm.exc.lookup_error.clone(), vec![var.clone()])
}

fn var_get(vm: &mut Vm, args: Args) -> PyResult {
    let st = this_var(vm, &args, "get")?;
    let a = native::method_args(vm, ("ContextVar", "get"), Sig::Range(0, 1), &args)?;
    let var = args.values[0].clone();
    if let Some(v) = lookup(vm, &var) {
        return Ok(v);
    }
    if let Some(d) = a.first() {
        return Ok(d.clone());
    }
    match &st.default {
        Some(d) => Ok(d.clone()),
        None => Err(lookup_error(vm, &var)),
    }
}

/// Sets `var` to `value` (None: removes it) in `ctx`; returns the previous value.
fn store(ctx: &Value, var: &Value, value: Option<Value>) -> Option<Value> {
    let d = context_data(ctx)?;
    let mut vars = d.vars.borrow_mut();
    let vars = Rc::make_mut(&mut vars);
    let at = vars.iter().position(|(k, _)| k.is(var));
    match (at, value) {
        (Some(i), Some(v)) => Some(std::mem::replace(&mut vars[i].1, v)),
        (Some(i), None) => Some(vars.remove(i).1),
        (None, Some(v)) => {
            vars.push((var.clone(), v));
            None
        }
        (None, None) => None,
    }
}

fn var_set(vm: &mut Vm, args: Args) -> PyResult {
    this_var(vm, &args, "set")?;
    let a = native::method_args(vm, ("ContextVar", "set"), Sig::One, &args)?;
    let var = args.values[0].clone();
    let ctx = vm.current_context();
    let old = store(&ctx, &var, Some(a[0].clone()));
    let class = classes(vm)?.token.clone();
    Ok(Value::Object(Object::new(
        class,
        Payload::Native(Box::new(TokenState {
            var,
            old,
            context: ctx,
            used: Cell::new(false),
        })),
    )))
}

fn var_reset(vm: &mut Vm, args: Args) -> PyResult {
    this_var(vm, &args, "reset")?;
    let a = native::method_args(vm, ("ContextVar", "reset"), Sig::One, &args)?;
    let var = args.values[0].clone();
    let token = a[0].clone();
    let Some(t) = token_state(&token) else {
        let r = vm.repr(&token)?;
        return Err(vm.type_error(format!("expected an instance of Token, got {r}")));
    };
    if t.used.get() {
        let r = vm.repr(&token)?;
        return Err(vm.runtime_error(format!("{r} has already been used once")));
    }
    if !t.var.is(&var) {
        let r = vm.repr(&token)?;
        return Err(vm.value_error(format!("{r} was created by a different ContextVar")));
    }
    let ctx = vm.current_context();
    if !t.context.is(&ctx) {
        let r = vm.repr(&token)?;
        return Err(vm.value_error(format!("{r} was created in a different Context")));
    }
    t.used.set(true);
    store(&ctx, &var, t.old.clone());
    Ok(Value::None)
}

fn token_new(vm: &mut Vm, _: Args) -> PyResult {
    Err(vm.runtime_error("Tokens can only be created by ContextVars"))
}

/// `X[T]` gives `X` back, as the generic aliases of these types print (`_contextvars.ContextVar[int]`).
fn class_getitem(vm: &mut Vm, args: Args) -> PyResult {
    let a = native::function_args(vm, "__class_getitem__", Sig::Range(2, 2), &args)?;
    let alias = vm.loaded_module_attr("types", "GenericAlias");
    match alias {
        Some(ga) => vm.call(&ga, &[a[0].clone(), a[1].clone()]),
        None => Ok(a[0].clone()),
    }
}

fn context_new(vm: &mut Vm, args: Args) -> PyResult {
    if args.values.len() > 1 || !args.kwnames.is_empty() {
        return Err(vm.type_error("Context() does not accept any arguments"));
    }
    Ok(vm.new_context(Rc::new(Vec::new())))
}

fn copy_context(vm: &mut Vm, args: Args) -> PyResult {
    native::function_args(vm, "copy_context", Sig::NoArgs, &args)?;
    Ok(vm.copy_context())
}

fn this_context<'a>(vm: &Vm, args: &Args<'a>, name: &str) -> PyResult<&'a ContextData> {
    native::self_arg(vm, ("Context", name), Sig::NoArgs, args, context_data)
}

fn context_run(vm: &mut Vm, args: Args) -> PyResult {
    let d = this_context(vm, &args, "run")?;
    let Some(callable) = args.values.get(1).cloned() else {
        return Err(vm.type_error("run() missing 1 required positional argument"));
    };
    let ctx = args.values[0].clone();
    if d.entered.get() {
        let r = vm.repr(&ctx)?;
        return Err(vm.runtime_error(format!("cannot enter context: {r} is already entered")));
    }
    d.entered.set(true);
    let outer = vm.switch_context(ctx);
    let r = vm.call_args(
        &callable,
        Args {
            values: &args.values[2..],
            kwnames: args.kwnames,
        },
    );
    vm.restore_context(outer);
    d.entered.set(false);
    r
}

fn context_copy(vm: &mut Vm, args: Args) -> PyResult {
    let d = this_context(vm, &args, "copy")?;
    let vars = d.vars.borrow().clone();
    Ok(vm.new_context(vars))
}

/// A key argument, which must be a ContextVar.
fn key_arg(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    if var_state(v).is_some() {
        return Ok(v.clone());
    }
    let r = vm.repr(v)?;
    Err(vm.type_error(format!("a ContextVar key was expected, got {r}")))
}

fn find(d: &ContextData, var: &Value) -> Option<Value> {
    d.vars
        .borrow()
        .iter()
        .find(|(k, _)| k.is(var))
        .map(|(_, v)| v.clone())
}

fn context_getitem(vm: &mut Vm, args: Args) -> PyResult {
    let d = this_context(vm, &args, "__getitem__")?;
    let a = native::method_args(vm, ("Context", "__getitem__"), Sig::One, &args)?;
    let var = key_arg(vm, &a[0])?;
    find(d, &var).ok_or_else(|| vm.key_error(var))
}

fn context_contains(vm: &mut Vm, args: Args) -> PyResult {
    let d = this_context(vm, &args, "__contains__")?;
    let a = native::method_args(vm, ("Context", "__contains__"), Sig::One, &args)?;
    let var = key_arg(vm, &a[0])?;
    Ok(Value::bool(find(d, &var).is_some()))
}

fn context_get(vm: &mut Vm, args: Args) -> PyResult {
    let d = this_context(vm, &args, "get")?;
    let a = native::method_args(vm, ("Context", "get"), Sig::Range(1, 2), &args)?;
    let var = key_arg(vm, &a[0])?;
    Ok(find(d, &var).unwrap_or_else(|| a.get(1).cloned().unwrap_or(Value::None)))
}

fn context_len(vm: &mut Vm, args: Args) -> PyResult {
    let d = this_context(vm, &args, "__len__")?;
    Ok(Value::int(d.vars.borrow().len() as i64))
}

/// The variables, values or pairs of a context, as a list.
fn listed(
    vm: &Vm,
    args: &Args,
    name: &str,
    pick: fn(&(Value, Value)) -> Value,
) -> PyResult<Vec<Value>> {
    let d = this_context(vm, args, name)?;
    Ok(d.vars.borrow().iter().map(pick).collect())
}

fn context_iter(vm: &mut Vm, args: Args) -> PyResult {
    let keys = Value::list(listed(vm, &args, "__iter__", |(k, _)| k.clone())?);
    vm.get_iter(&keys)
}

fn context_keys(vm: &mut Vm, args: Args) -> PyResult {
    Ok(Value::list(listed(vm, &args, "keys", |(k, _)| k.clone())?))
}

fn context_values(vm: &mut Vm, args: Args) -> PyResult {
    Ok(Value::list(listed(vm, &args, "values", |(_, v)| {
        v.clone()
    })?))
}

fn context_items(vm: &mut Vm, args: Args) -> PyResult {
    Ok(Value::list(listed(vm, &args, "items", |(k, v)| {
        Value::tuple(vec![k.clone(), v.clone()])
    })?))
}
