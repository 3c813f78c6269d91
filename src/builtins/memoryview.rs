//! `memoryview`: a view of the bytes of a `bytes` or `bytearray` object without copying
//! them — one-dimensional, format `'B'` (the views programs take of byte buffers).
//!
//! A view keeps its exporter and a window on it (start, step, length), so slicing a view
//! makes another view of the same exporter. Over a bytearray, a view counts as an export
//! until it is released (`release()`, the end of a `with` block, or when it is freed),
//! and while exported the bytearray cannot change size — which is what makes reading
//! through the window safe.

use super::bytearray::{state as bytearray_state, ByteArray};
use super::bytes_search::new_bytes;
use crate::native::{add_methods, constructor, method_args, receiver, Sig};
use crate::object::function::{Args, NativeFn};
use crate::object::{ExcRef, NativeData, Object, Payload, Value};
use crate::vm::{PyResult, Vm};
use std::cell::Cell;

/// A view's state.
pub struct MemoryView {
    /// The exporter: a bytes value or a bytearray object.
    obj: Value,
    start: usize,
    step: isize,
    len: usize,
    /// Made by `toreadonly()` (a view of bytes is read-only anyway).
    read_only: bool,
    released: Cell<bool>,
}

impl MemoryView {
    /// Where item `i` of the view is in the exporter.
    fn position(&self, i: usize) -> usize {
        (self.start as isize + i as isize * self.step) as usize
    }

    fn positions(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.len).map(|i| self.position(i))
    }

    fn exporter(&self) -> Option<&ByteArray> {
        bytearray_state(&self.obj)
    }

    /// The viewed bytes (a copy): one block copy when the window is contiguous, as
    /// `bytes(memoryview(buf)[:n])` in stream readers is.
    fn bytes(&self) -> Vec<u8> {
        let pick = |data: &[u8]| -> Vec<u8> {
            match self.step {
                1 => data
                    .get(self.start..self.start + self.len)
                    .map_or_else(Vec::new, <[u8]>::to_vec),
                _ => self
                    .positions()
                    .filter_map(|p| data.get(p).copied())
                    .collect(),
            }
        };
        match &self.obj {
            Value::Bytes(b) => pick(&b.data),
            other => bytearray_state(other).map_or_else(Vec::new, |a| pick(&a.data.borrow())),
        }
    }

    fn readonly(&self) -> bool {
        self.read_only || self.exporter().is_none()
    }

    /// The exporter when this view may write to it.
    fn writable(&self) -> Option<&ByteArray> {
        if self.read_only {
            return None;
        }
        self.exporter()
    }

    fn release(&self) {
        if !self.released.replace(true) {
            if let Some(a) = self.exporter() {
                a.exports.set(a.exports.get().saturating_sub(1));
            }
        }
    }
}

impl Drop for MemoryView {
    fn drop(&mut self) {
        self.release();
    }
}

impl NativeData for MemoryView {
    fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        f(&self.obj);
    }

    fn buffer(&self) -> Option<Vec<u8>> {
        (!self.released.get()).then(|| self.bytes())
    }

    /// A contiguous window lends its exporter's bytes, so that writing through
    /// `memoryview(data)[n:]` (a transport's unsent rest) copies nothing.
    fn lend_buffer(&self, f: &mut dyn FnMut(&[u8])) -> bool {
        if self.released.get() {
            return false;
        }
        let window = self.start..self.start + self.len;
        if self.step == 1 {
            match &self.obj {
                Value::Bytes(b) => {
                    if let Some(part) = b.data.get(window) {
                        f(part);
                        return true;
                    }
                }
                other => {
                    if let Some(data) =
                        bytearray_state(other).and_then(|a| a.data.try_borrow().ok())
                    {
                        if let Some(part) = data.get(window) {
                            f(part);
                            return true;
                        }
                    }
                }
            }
        }
        f(&self.bytes());
        true
    }

    fn repr(&self, _vm: &mut Vm, this: &Value) -> Option<Result<String, ExcRef>> {
        let at = this.heap_addr().unwrap_or(0);
        Some(Ok(if self.released.get() {
            format!("<released memory at {at:#x}>")
        } else {
            format!("<memory at {at:#x}>")
        }))
    }

    fn special_attr(&self, _vm: &mut Vm, _this: &Value, name: &str) -> Option<Value> {
        let len = Value::Int(self.len as i64);
        Some(match name {
            "obj" => self.obj.clone(),
            "nbytes" => len,
            "readonly" => Value::bool(self.readonly()),
            "itemsize" => Value::Int(1),
            "format" => Value::str("B"),
            "ndim" => Value::Int(1),
            "shape" => Value::tuple(vec![len]),
            "strides" => Value::tuple(vec![Value::Int(self.step as i64)]),
            "suboffsets" => Value::tuple(Vec::new()),
            "c_contiguous" | "f_contiguous" | "contiguous" => Value::bool(self.step == 1),
            _ => return None,
        })
    }
}

pub fn register(vm: &mut Vm) {
    let c = vm.types.memoryview.clone();
    constructor(vm, &c, memoryview_new);
    let table: &[(&'static str, NativeFn)] = &[
        ("__len__", mv_len),
        ("__getitem__", mv_getitem),
        ("__setitem__", mv_setitem),
        ("__delitem__", mv_delitem),
        ("__iter__", mv_iter),
        ("__eq__", mv_eq),
        ("__ne__", mv_ne),
        ("__hash__", mv_hash),
        ("__enter__", mv_enter),
        ("__exit__", mv_exit),
        ("tobytes", mv_tobytes),
        ("tolist", mv_tolist),
        ("hex", mv_hex),
        ("release", mv_release),
        ("cast", mv_cast),
        ("toreadonly", mv_toreadonly),
    ];
    add_methods(vm, &c, table);
    super::add_value(vm, "memoryview", Value::Class(c));
}

/// A view of `obj`'s bytes `start, start + step, ...` (`len` of them).
fn new_view(vm: &Vm, obj: Value, window: (usize, isize, usize), read_only: bool) -> Value {
    let (start, step, len) = window;
    if let Some(a) = bytearray_state(&obj) {
        a.exports.set(a.exports.get() + 1);
    }
    Value::Object(Object::new(
        vm.types.memoryview.clone(),
        Payload::Native(Box::new(MemoryView {
            obj,
            start,
            step,
            len,
            read_only,
            released: Cell::new(false),
        })),
    ))
}

fn view_of(v: &Value) -> Option<&MemoryView> {
    match v {
        Value::Object(o) => o.native::<MemoryView>(),
        _ => None,
    }
}

/// `memoryview(object)`.
fn memoryview_new(vm: &mut Vm, args: Args) -> PyResult {
    let rest = Args {
        values: &args.values[1.min(args.values.len())..],
        kwnames: args.kwnames,
    };
    let [object] = crate::native::Clinic::new("memoryview", &["object"]).bind(vm, &rest)?;
    let object = object.unwrap_or(Value::None);
    if let Some(v) = view_of(&object) {
        check_live(vm, v)?;
        return Ok(new_view(
            vm,
            v.obj.clone(),
            (v.start, v.step, v.len),
            v.read_only,
        ));
    }
    let exporter = match &object {
        Value::Bytes(_) => object.clone(),
        Value::Object(o) => match &o.payload {
            Payload::Builtin(inner @ Value::Bytes(_)) => inner.clone(),
            _ if bytearray_state(&object).is_some() => object.clone(),
            _ => return Err(not_bytes_like(vm, &object)),
        },
        _ => return Err(not_bytes_like(vm, &object)),
    };
    let len = match &exporter {
        Value::Bytes(b) => b.data.len(),
        other => bytearray_state(other).map_or(0, |a| a.data.borrow().len()),
    };
    Ok(new_view(vm, exporter, (0, 1, len), false))
}

fn not_bytes_like(vm: &Vm, v: &Value) -> ExcRef {
    vm.type_error(format!(
        "memoryview: a bytes-like object is required, not '{}'",
        vm.type_name(v)
    ))
}

fn check_live(vm: &Vm, v: &MemoryView) -> PyResult<()> {
    if v.released.get() {
        return Err(vm.value_error("operation forbidden on released memoryview object"));
    }
    Ok(())
}

/// The receiver of a memoryview method (checked to be unreleased) and its arguments.
fn this<'a>(
    vm: &Vm,
    args: &Args<'a>,
    name: &str,
    sig: Sig,
) -> PyResult<(&'a MemoryView, &'a [Value])> {
    let (v, rest) = receiver(vm, ("memoryview", name), sig, args, view_of)?;
    check_live(vm, v)?;
    Ok((v, rest))
}

fn mv_len(vm: &mut Vm, args: Args) -> PyResult {
    let (v, _) = this(vm, &args, "__len__", Sig::Wrapper(0))?;
    Ok(Value::Int(v.len as i64))
}

fn mv_getitem(vm: &mut Vm, args: Args) -> PyResult {
    let (v, rest) = this(vm, &args, "__getitem__", Sig::Wrapper(1))?;
    let key = &rest[0];
    if let Value::Slice(s) = key {
        let idx = vm.slice_indices(s, v.len)?;
        let start = if idx.len == 0 {
            v.start
        } else {
            (v.start as isize + idx.start as isize * v.step) as usize
        };
        let window = (start, v.step * idx.step as isize, idx.len as usize);
        return Ok(new_view(vm, v.obj.clone(), window, v.read_only));
    }
    if let Value::Tuple(_) = key {
        return Err(vm.type_error("memoryview: invalid slice key"));
    }
    let Some(i) = vm.seq_index(key, v.len, "memoryview")? else {
        return Err(vm.index_error("index out of bounds on dimension 1"));
    };
    let pos = v.position(i);
    let byte = match &v.obj {
        Value::Bytes(b) => b.data.get(pos).copied(),
        other => bytearray_state(other).and_then(|a| a.data.borrow().get(pos).copied()),
    };
    Ok(Value::Int(byte.unwrap_or(0) as i64))
}

fn mv_setitem(vm: &mut Vm, args: Args) -> PyResult {
    let (v, rest) = this(vm, &args, "__setitem__", Sig::WrapperRange(2, 2))?;
    let Some(array) = v.writable() else {
        return Err(vm.type_error("cannot modify read-only memory"));
    };
    let (key, value) = (&rest[0], &rest[1]);
    if let Value::Slice(s) = key {
        let idx = vm.slice_indices(s, v.len)?;
        let Some(new) = vm.buffer_bytes(value) else {
            return Err(vm.type_error(format!(
                "a bytes-like object is required, not '{}'",
                vm.type_name(value)
            )));
        };
        if new.len() as i64 != idx.len {
            return Err(vm.value_error(
                "memoryview assignment: lvalue and rvalue have different structures",
            ));
        }
        let mut data = array.data.borrow_mut();
        for (i, byte) in idx.positions().zip(new) {
            if let Some(slot) = data.get_mut(v.position(i)) {
                *slot = byte;
            }
        }
        return Ok(Value::None);
    }
    let Some(i) = vm.seq_index(key, v.len, "memoryview")? else {
        return Err(vm.index_error("index out of bounds on dimension 1"));
    };
    let byte = match value {
        Value::Int(n) if (0..256).contains(n) => *n as u8,
        Value::Int(_) => return Err(vm.value_error("memoryview: invalid value for format 'B'")),
        _ => return Err(vm.type_error("memoryview: invalid type for format 'B'")),
    };
    let pos = v.position(i);
    if let Some(slot) = array.data.borrow_mut().get_mut(pos) {
        *slot = byte;
    }
    Ok(Value::None)
}

fn mv_delitem(vm: &mut Vm, args: Args) -> PyResult {
    let (v, _) = this(vm, &args, "__delitem__", Sig::Wrapper(1))?;
    Err(vm.type_error(if v.readonly() {
        "cannot modify read-only memory"
    } else {
        "cannot delete memory"
    }))
}

fn mv_iter(vm: &mut Vm, args: Args) -> PyResult {
    let (v, _) = this(vm, &args, "__iter__", Sig::Wrapper(0))?;
    let items: Vec<Value> = v
        .bytes()
        .into_iter()
        .map(|b| Value::Int(b as i64))
        .collect();
    vm.get_iter(&Value::list(items))
}

fn compare(vm: &mut Vm, args: &Args, name: &str) -> PyResult<Option<bool>> {
    let (v, rest) = receiver(vm, ("memoryview", name), Sig::Wrapper(1), args, view_of)?;
    let other = &rest[0];
    if other.is(&args.values[0]) {
        return Ok(Some(true));
    }
    if v.released.get() || view_of(other).is_some_and(|o| o.released.get()) {
        return Ok(Some(false));
    }
    Ok(vm.buffer_bytes(other).map(|o| o == v.bytes()))
}

fn mv_eq(vm: &mut Vm, args: Args) -> PyResult {
    Ok(compare(vm, &args, "__eq__")?.map_or(Value::NotImplemented, Value::bool))
}

fn mv_ne(vm: &mut Vm, args: Args) -> PyResult {
    Ok(compare(vm, &args, "__ne__")?.map_or(Value::NotImplemented, |b| Value::bool(!b)))
}

fn mv_hash(vm: &mut Vm, args: Args) -> PyResult {
    let (v, _) = this(vm, &args, "__hash__", Sig::Wrapper(0))?;
    if !v.readonly() {
        return Err(vm.value_error("cannot hash writable memoryview object"));
    }
    let h = vm.hash(&new_bytes(v.bytes()))?;
    Ok(Value::Int(h))
}

fn mv_enter(vm: &mut Vm, args: Args) -> PyResult {
    this(vm, &args, "__enter__", Sig::NoArgs)?;
    Ok(args.values[0].clone())
}

fn mv_exit(vm: &mut Vm, args: Args) -> PyResult {
    let v = crate::native::self_arg(
        vm,
        ("memoryview", "__exit__"),
        Sig::Range(0, 3),
        &args,
        view_of,
    )?;
    method_args(vm, ("memoryview", "__exit__"), Sig::OldStyle(0, 3), &args)?;
    v.release();
    Ok(Value::None)
}

fn mv_tobytes(vm: &mut Vm, args: Args) -> PyResult {
    let (v, _) = this(vm, &args, "tobytes", Sig::Range(0, 1))?;
    Ok(new_bytes(v.bytes()))
}

fn mv_tolist(vm: &mut Vm, args: Args) -> PyResult {
    let (v, _) = this(vm, &args, "tolist", Sig::NoArgs)?;
    Ok(Value::list(
        v.bytes()
            .into_iter()
            .map(|b| Value::Int(b as i64))
            .collect(),
    ))
}

fn mv_hex(vm: &mut Vm, args: Args) -> PyResult {
    let (v, rest) = this(vm, &args, "hex", Sig::Range(0, 2))?;
    let bytes = new_bytes(v.bytes());
    let mut call_args = vec![bytes];
    call_args.extend_from_slice(rest);
    vm.call_method(&call_args[0].clone(), "hex", &call_args[1..])
}

fn mv_release(vm: &mut Vm, args: Args) -> PyResult {
    let v = crate::native::self_arg(vm, ("memoryview", "release"), Sig::NoArgs, &args, view_of)?;
    method_args(vm, ("memoryview", "release"), Sig::NoArgs, &args)?;
    v.release();
    Ok(Value::None)
}

/// `cast('B')` and its byte-sized aliases: another view of the same bytes.
fn mv_cast(vm: &mut Vm, args: Args) -> PyResult {
    let (v, rest) = this(vm, &args, "cast", Sig::Range(1, 2))?;
    match &rest[0] {
        Value::Str(f) if matches!(f.as_str(), "B" | "b" | "c") && rest.len() == 1 => {
            Ok(new_view(vm, v.obj.clone(), (v.start, v.step, v.len), v.read_only))
        }
        Value::Str(_) => Err(vm.value_error(
            "memoryview: destination format must be a native single character format prefixed with an optional '@'",
        )),
        other => Err(vm.type_error(format!(
            "memoryview.cast() argument 'format' must be str, not {}",
            vm.type_name(other)
        ))),
    }
}

fn mv_toreadonly(vm: &mut Vm, args: Args) -> PyResult {
    let (v, _) = this(vm, &args, "toreadonly", Sig::NoArgs)?;
    Ok(new_view(vm, v.obj.clone(), (v.start, v.step, v.len), true))
}
