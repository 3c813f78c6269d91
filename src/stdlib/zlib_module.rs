//! `zlib`: `compress`/`decompress`, streaming `compressobj`/`decompressobj`, `crc32`
//! and `adler32`.
//!
//! The deflate streams come from zlib itself, through `flate2` over `libz-sys` (zlib's
//! own source, linked statically): CPython links zlib too, so compressed bytes are
//! identical to CPython's, not merely decompressible (`lib_zlib_basics` compares them).
//! Errors carry zlib's own codes and messages (`Error -3 while decompressing data:
//! incorrect header check`).
//!
//! Not provided: `memLevel` and `strategy` other than their defaults (flate2 does not
//! pass them to zlib; other values are refused), preset dictionaries (`zdict`),
//! `copy()` of stream objects, and `ZLIB_VERSION`/`ZLIB_RUNTIME_VERSION` (reading
//! the linked library's version needs a C call).

use crate::native::{self, add_methods, module_class, Clinic, ModuleDef, Sig};
use crate::object::class::{c3_linearize, Class, Layout};
use crate::object::function::{Args, NativeFn};
use crate::object::string::PyBytes;
use crate::object::{Dict, ExcRef, NativeData, Object, Payload, Value};
use crate::vm::{PyResult, Vm};
use flate2::{Compress, Compression, Decompress, FlushCompress, FlushDecompress, Status};
use std::cell::RefCell;
use std::rc::Rc;

const MAX_WBITS: i64 = 15;
const DEF_BUF_SIZE: i64 = 16384;
const Z_NO_FLUSH: i64 = 0;
const Z_PARTIAL_FLUSH: i64 = 1;
const Z_SYNC_FLUSH: i64 = 2;
const Z_FULL_FLUSH: i64 = 3;
const Z_FINISH: i64 = 4;
const Z_BLOCK: i64 = 5;

struct Classes {
    error: Rc<Class>,
    compress: Rc<Class>,
    decompress: Rc<Class>,
}

fn classes(vm: &Vm) -> PyResult<&Classes> {
    vm.extensions
        .get::<Classes>()
        .ok_or_else(|| vm.runtime_error("zlib is not initialised"))
}

fn zlib_error(vm: &Vm, msg: String) -> ExcRef {
    match classes(vm) {
        Ok(c) => vm.new_exception_msg(&c.error.clone(), msg),
        Err(e) => e,
    }
}

pub fn load(vm: &mut Vm) -> PyResult<Value> {
    let m = ModuleDef::new("zlib");
    let bases = vec![vm.exc.exception.clone()];
    let mro = c3_linearize(&bases).unwrap_or_default();
    let error = Class::new("error", bases, mro, Dict::new(), Layout::Exception, false);
    let key = vm.intern("__module__");
    error.dict.borrow_mut().set_str(key, Value::str("zlib"));
    let class = |vm: &mut Vm, name: &str, methods: &[(&'static str, NativeFn)]| {
        let c = module_class(vm, "zlib", name, Layout::Native);
        c.instance_dict.set(false);
        let _ = c.tp_name.set(format!("zlib.{name}"));
        add_methods(vm, &c, methods);
        c
    };
    let compress_class = class(
        vm,
        "Compress",
        &[("compress", co_compress), ("flush", co_flush)],
    );
    let decompress_class = class(
        vm,
        "Decompress",
        &[("decompress", do_decompress), ("flush", do_flush)],
    );
    vm.extensions.insert(Classes {
        error: error.clone(),
        compress: compress_class,
        decompress: decompress_class,
    });
    m.value(vm, "error", Value::Class(error));
    let funcs: &[(&'static str, NativeFn)] = &[
        ("compress", compress),
        ("decompress", decompress),
        ("compressobj", compressobj),
        ("decompressobj", decompressobj),
        ("crc32", crc32),
        ("adler32", adler32),
    ];
    m.funcs(vm, funcs);
    let ints: &[(&str, i64)] = &[
        ("MAX_WBITS", MAX_WBITS),
        ("DEFLATED", 8),
        ("DEF_MEM_LEVEL", 8),
        ("DEF_BUF_SIZE", DEF_BUF_SIZE),
        ("Z_NO_COMPRESSION", 0),
        ("Z_BEST_SPEED", 1),
        ("Z_BEST_COMPRESSION", 9),
        ("Z_DEFAULT_COMPRESSION", -1),
        ("Z_FILTERED", 1),
        ("Z_HUFFMAN_ONLY", 2),
        ("Z_RLE", 3),
        ("Z_FIXED", 4),
        ("Z_DEFAULT_STRATEGY", 0),
        ("Z_NO_FLUSH", Z_NO_FLUSH),
        ("Z_PARTIAL_FLUSH", Z_PARTIAL_FLUSH),
        ("Z_SYNC_FLUSH", Z_SYNC_FLUSH),
        ("Z_FULL_FLUSH", Z_FULL_FLUSH),
        ("Z_FINISH", Z_FINISH),
        ("Z_BLOCK", Z_BLOCK),
        ("Z_TREES", 6),
    ];
    for &(name, v) in ints {
        m.value(vm, name, Value::int(v));
    }
    Ok(m.finish(vm))
}

fn bytes(data: Vec<u8>) -> Value {
    Value::Bytes(Rc::new(PyBytes::new(data)))
}

fn data_arg(vm: &Vm, v: &Value) -> PyResult<Vec<u8>> {
    vm.buffer_bytes(v).ok_or_else(|| {
        vm.type_error(format!(
            "a bytes-like object is required, not '{}'",
            vm.type_name(v)
        ))
    })
}

fn int_arg(vm: &mut Vm, v: Option<&Value>, default: i64) -> PyResult<i64> {
    match v {
        Some(v) => native::c_int(vm, v),
        None => Ok(default),
    }
}

/// How a stream is framed, from CPython's `wbits`.
#[derive(Clone, Copy)]
enum Framing {
    Zlib(u8),
    Raw(u8),
    Gzip(u8),
    /// Decompression only: a zlib or gzip header, whichever the data has.
    Auto(u8),
}

fn framing(wbits: i64, decompressing: bool) -> Option<Framing> {
    Some(match wbits {
        8 if !decompressing => Framing::Zlib(9),
        9..=15 => Framing::Zlib(wbits as u8),
        0 if decompressing => Framing::Zlib(15),
        -15..=-9 => Framing::Raw((-wbits) as u8),
        -8 if !decompressing => Framing::Raw(9),
        25..=31 => Framing::Gzip((wbits - 16) as u8),
        40..=47 if decompressing => Framing::Auto((wbits - 32) as u8),
        32 if decompressing => Framing::Auto(15),
        _ => return None,
    })
}

fn level_of(level: i64) -> Option<Compression> {
    match level {
        -1 => Some(Compression::default()),
        0..=9 => Some(Compression::new(level as u32)),
        _ => None,
    }
}

fn new_compress(level: Compression, f: Framing) -> Compress {
    match f {
        Framing::Zlib(w) => Compress::new_with_window_bits(level, true, w),
        Framing::Raw(w) => Compress::new_with_window_bits(level, false, w),
        Framing::Gzip(w) | Framing::Auto(w) => Compress::new_gzip(level, w),
    }
}

fn new_decompress(f: Framing, first: &[u8]) -> Decompress {
    match f {
        Framing::Zlib(w) => Decompress::new_with_window_bits(true, w),
        Framing::Raw(w) => Decompress::new_with_window_bits(false, w),
        Framing::Gzip(w) => Decompress::new_gzip(w),
        Framing::Auto(w) if first.starts_with(&[0x1f, 0x8b]) => Decompress::new_gzip(w),
        Framing::Auto(w) => Decompress::new_with_window_bits(true, w),
    }
}

/// Runs `c` over `input` with `flush` until zlib has taken all the input and stopped
/// with room to spare in the output (CPython's `while avail_out == 0` loop), or ended
/// the stream.
fn deflate(c: &mut Compress, input: &[u8], flush: FlushCompress) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len() / 2 + 64);
    let start = c.total_in();
    loop {
        if out.capacity() - out.len() < 64 {
            out.reserve(out.capacity().max(1024));
        }
        let taken = (c.total_in() - start) as usize;
        let status = c.compress_vec(&input[taken..], &mut out, flush);
        let all_in = (c.total_in() - start) as usize == input.len();
        match status {
            Ok(Status::StreamEnd) | Err(_) => break,
            Ok(_) if all_in && out.len() < out.capacity() => break,
            Ok(_) => {}
        }
    }
    out
}

/// The message of a failed inflate: zlib's code and text.
fn inflate_error(vm: &Vm, e: &flate2::DecompressError) -> ExcRef {
    let msg = e.message().unwrap_or("invalid input data");
    zlib_error(vm, format!("Error -3 while decompressing data: {msg}"))
}

/// What one `inflate` pass produced.
struct Inflated {
    out: Vec<u8>,
    consumed: usize,
    end: bool,
}

/// Inflates `input` (up to `max` bytes of output when not 0).
fn inflate(
    vm: &Vm,
    d: &mut Decompress,
    input: &[u8],
    max: usize,
    bufsize: usize,
) -> PyResult<Inflated> {
    let mut out: Vec<u8> =
        Vec::with_capacity(bufsize.max(1).min(if max > 0 { max } else { usize::MAX }));
    let start = d.total_in();
    loop {
        let room = out.capacity() - out.len();
        if room == 0 {
            if max > 0 && out.len() >= max {
                break;
            }
            let grow = out.capacity().max(1024);
            let grow = if max > 0 {
                grow.min(max - out.len())
            } else {
                grow
            };
            out.reserve_exact(grow);
        }
        let taken = (d.total_in() - start) as usize;
        let before_out = out.len();
        let status = d
            .decompress_vec(&input[taken..], &mut out, FlushDecompress::None)
            .map_err(|e| inflate_error(vm, &e))?;
        let consumed = (d.total_in() - start) as usize;
        match status {
            Status::StreamEnd => {
                return Ok(Inflated {
                    out,
                    consumed,
                    end: true,
                })
            }
            _ if consumed == input.len() && out.len() < out.capacity() => break,
            _ if out.len() == before_out && consumed == taken && out.len() < out.capacity() => {
                break
            }
            _ => {}
        }
    }
    let consumed = (d.total_in() - start) as usize;
    Ok(Inflated {
        out,
        consumed,
        end: false,
    })
}

/// `compress(data, /, level=-1, wbits=15)`.
fn compress(vm: &mut Vm, args: Args) -> PyResult {
    let [data, level, wbits] = Clinic::new("compress", &["data", "level", "wbits"])
        .posonly(1)
        .required(1)
        .bind(vm, &args)?;
    let data = data_arg(vm, &data.unwrap_or(Value::None))?;
    let level = int_arg(vm, level.as_ref(), -1)?;
    let wbits = int_arg(vm, wbits.as_ref(), MAX_WBITS)?;
    let (Some(level), Some(f)) = (level_of(level), framing(wbits, false)) else {
        return Err(zlib_error(vm, "Bad compression level".to_string()));
    };
    let mut c = new_compress(level, f);
    Ok(bytes(deflate(&mut c, &data, FlushCompress::Finish)))
}

/// `decompress(data, /, wbits=15, bufsize=16384)`.
fn decompress(vm: &mut Vm, args: Args) -> PyResult {
    let [data, wbits, bufsize] = Clinic::new("decompress", &["data", "wbits", "bufsize"])
        .posonly(1)
        .required(1)
        .bind(vm, &args)?;
    let data = data_arg(vm, &data.unwrap_or(Value::None))?;
    let wbits = int_arg(vm, wbits.as_ref(), MAX_WBITS)?;
    let bufsize = int_arg(vm, bufsize.as_ref(), DEF_BUF_SIZE)?;
    if bufsize < 0 {
        return Err(vm.value_error("bufsize must be non-negative"));
    }
    let Some(f) = framing(wbits, true) else {
        return Err(zlib_error(
            vm,
            "Error -2 while preparing to decompress data: inconsistent stream state".to_string(),
        ));
    };
    let mut d = new_decompress(f, &data);
    let r = inflate(vm, &mut d, &data, 0, bufsize as usize)?;
    if !r.end {
        return Err(zlib_error(
            vm,
            "Error -5 while decompressing data: incomplete or truncated stream".to_string(),
        ));
    }
    Ok(bytes(r.out))
}

struct CompressState {
    inner: RefCell<Option<Compress>>,
}

impl NativeData for CompressState {
    fn traverse(&self, _: &mut dyn FnMut(&Value)) {}
}

struct DecompressState {
    inner: RefCell<Option<Decompress>>,
    framing: Framing,
    unused_data: RefCell<Vec<u8>>,
    unconsumed_tail: RefCell<Vec<u8>>,
    eof: std::cell::Cell<bool>,
}

impl NativeData for DecompressState {
    fn traverse(&self, _: &mut dyn FnMut(&Value)) {}

    fn special_attr(&self, _: &mut Vm, _: &Value, name: &str) -> Option<Value> {
        Some(match name {
            "unused_data" => bytes(self.unused_data.borrow().clone()),
            "unconsumed_tail" => bytes(self.unconsumed_tail.borrow().clone()),
            "eof" => Value::bool(self.eof.get()),
            _ => return None,
        })
    }
}

/// `compressobj(level=-1, method=8, wbits=15, memLevel=8, strategy=0, zdict=None)`.
fn compressobj(vm: &mut Vm, args: Args) -> PyResult {
    let [level, method, wbits, mem_level, strategy, zdict] = Clinic::new(
        "compressobj",
        &["level", "method", "wbits", "memLevel", "strategy", "zdict"],
    )
    .bind(vm, &args)?;
    let level = int_arg(vm, level.as_ref(), -1)?;
    let method = int_arg(vm, method.as_ref(), 8)?;
    let wbits = int_arg(vm, wbits.as_ref(), MAX_WBITS)?;
    let mem_level = int_arg(vm, mem_level.as_ref(), 8)?;
    let strategy = int_arg(vm, strategy.as_ref(), 0)?;
    let (Some(level), Some(f)) = (level_of(level), framing(wbits, false)) else {
        return Err(vm.value_error("Invalid initialization option"));
    };
    if method != 8 || !(1..=9).contains(&mem_level) || !(0..=4).contains(&strategy) {
        return Err(vm.value_error("Invalid initialization option"));
    }
    if mem_level != 8 || strategy != 0 || zdict.is_some_and(|z| !z.is_none()) {
        return Err(vm.value_error(
            "apy's zlib supports only the default memLevel and strategy, and no zdict",
        ));
    }
    let class = classes(vm)?.compress.clone();
    let st = CompressState {
        inner: RefCell::new(Some(new_compress(level, f))),
    };
    Ok(Value::Object(Object::new(
        class,
        Payload::Native(Box::new(st)),
    )))
}

fn compress_state(v: &Value) -> Option<&CompressState> {
    match v {
        Value::Object(o) => o.native::<CompressState>(),
        _ => None,
    }
}

fn co_compress(vm: &mut Vm, args: Args) -> PyResult {
    let st = native::self_arg(
        vm,
        ("Compress", "compress"),
        Sig::NoArgs,
        &args,
        compress_state,
    )?;
    let a = native::method_args(vm, ("Compress", "compress"), Sig::One, &args)?;
    let data = data_arg(vm, &a[0])?;
    let mut inner = st.inner.borrow_mut();
    let Some(c) = inner.as_mut() else {
        return Err(zlib_error(
            vm,
            "Error -2 while compressing data: inconsistent stream state".into(),
        ));
    };
    Ok(bytes(deflate(c, &data, FlushCompress::None)))
}

fn co_flush(vm: &mut Vm, args: Args) -> PyResult {
    let st = native::self_arg(
        vm,
        ("Compress", "flush"),
        Sig::NoArgs,
        &args,
        compress_state,
    )?;
    let a = native::method_args(vm, ("Compress", "flush"), Sig::Range(0, 1), &args)?;
    let mode = match a.first() {
        Some(v) => native::c_int(vm, v)?,
        None => Z_FINISH,
    };
    if mode == Z_NO_FLUSH {
        return Ok(bytes(Vec::new()));
    }
    let flush = match mode {
        Z_PARTIAL_FLUSH => FlushCompress::Partial,
        Z_SYNC_FLUSH => FlushCompress::Sync,
        Z_FULL_FLUSH => FlushCompress::Full,
        _ => FlushCompress::Finish,
    };
    let mut inner = st.inner.borrow_mut();
    let Some(c) = inner.as_mut() else {
        return Err(zlib_error(
            vm,
            "Error -2 while flushing: inconsistent stream state".into(),
        ));
    };
    let out = deflate(c, &[], flush);
    if mode == Z_FINISH {
        *inner = None;
    }
    Ok(bytes(out))
}

/// `decompressobj(wbits=15, zdict=b'')`.
fn decompressobj(vm: &mut Vm, args: Args) -> PyResult {
    let [wbits, zdict] = Clinic::new("decompressobj", &["wbits", "zdict"]).bind(vm, &args)?;
    let wbits = int_arg(vm, wbits.as_ref(), MAX_WBITS)?;
    let Some(f) = framing(wbits, true) else {
        return Err(vm.value_error("Invalid initialization option"));
    };
    if let Some(z) = &zdict {
        if !data_arg(vm, z)?.is_empty() {
            return Err(vm.value_error("apy's zlib does not support zdict"));
        }
    }
    let class = classes(vm)?.decompress.clone();
    let st = DecompressState {
        inner: RefCell::new(None),
        framing: f,
        unused_data: RefCell::new(Vec::new()),
        unconsumed_tail: RefCell::new(Vec::new()),
        eof: std::cell::Cell::new(false),
    };
    Ok(Value::Object(Object::new(
        class,
        Payload::Native(Box::new(st)),
    )))
}

fn decompress_state(v: &Value) -> Option<&DecompressState> {
    match v {
        Value::Object(o) => o.native::<DecompressState>(),
        _ => None,
    }
}

/// Feeds `data` to a decompress object; `max` bounds the output (0: unbounded).
fn feed(vm: &Vm, st: &DecompressState, data: &[u8], max: usize) -> PyResult<Vec<u8>> {
    if st.eof.get() {
        st.unused_data.borrow_mut().extend_from_slice(data);
        return Ok(Vec::new());
    }
    let mut inner = st.inner.borrow_mut();
    let d = inner.get_or_insert_with(|| new_decompress(st.framing, data));
    let r = inflate(vm, d, data, max, DEF_BUF_SIZE as usize)?;
    let rest = &data[r.consumed..];
    if r.end {
        st.eof.set(true);
        st.unused_data.borrow_mut().extend_from_slice(rest);
        st.unconsumed_tail.borrow_mut().clear();
    } else {
        *st.unconsumed_tail.borrow_mut() = if max > 0 { rest.to_vec() } else { Vec::new() };
    }
    Ok(r.out)
}

fn do_decompress(vm: &mut Vm, args: Args) -> PyResult {
    let st = native::self_arg(
        vm,
        ("Decompress", "decompress"),
        Sig::NoArgs,
        &args,
        decompress_state,
    )?;
    let [data, max_length] = Clinic::new("decompress", &["data", "max_length"])
        .posonly(1)
        .required(1)
        .bind(
            vm,
            &Args {
                values: &args.values[1..],
                kwnames: args.kwnames,
            },
        )?;
    let data = data_arg(vm, &data.unwrap_or(Value::None))?;
    let max = int_arg(vm, max_length.as_ref(), 0)?;
    if max < 0 {
        return Err(vm.value_error("max_length must be non-negative"));
    }
    Ok(bytes(feed(vm, st, &data, max as usize)?))
}

fn do_flush(vm: &mut Vm, args: Args) -> PyResult {
    let st = native::self_arg(
        vm,
        ("Decompress", "flush"),
        Sig::NoArgs,
        &args,
        decompress_state,
    )?;
    native::method_args(vm, ("Decompress", "flush"), Sig::Range(0, 1), &args)?;
    let tail = std::mem::take(&mut *st.unconsumed_tail.borrow_mut());
    Ok(bytes(feed(vm, st, &tail, 0)?))
}

/// `crc32(data, value=0, /)`.
fn crc32(vm: &mut Vm, args: Args) -> PyResult {
    let a = native::function_args(vm, "crc32", Sig::Range(1, 2), &args)?;
    let data = data_arg(vm, &a[0])?;
    let start = match a.get(1) {
        Some(v) => unsigned_arg(vm, v)?,
        None => 0,
    };
    let mut h = crc32fast::Hasher::new_with_initial(start);
    h.update(&data);
    Ok(Value::int(i64::from(h.finalize())))
}

/// `adler32(data, value=1, /)`.
fn adler32(vm: &mut Vm, args: Args) -> PyResult {
    let a = native::function_args(vm, "adler32", Sig::Range(1, 2), &args)?;
    let data = data_arg(vm, &a[0])?;
    let start = match a.get(1) {
        Some(v) => unsigned_arg(vm, v)?,
        None => 1,
    };
    const MOD: u32 = 65521;
    let (mut lo, mut hi) = (start & 0xffff, start >> 16);
    for chunk in data.chunks(5552) {
        for &b in chunk {
            lo += u32::from(b);
            hi += lo;
        }
        lo %= MOD;
        hi %= MOD;
    }
    Ok(Value::int(i64::from((hi << 16) | lo)))
}

/// A checksum's starting value: any int, taken modulo 2**32 as CPython does.
fn unsigned_arg(vm: &mut Vm, v: &Value) -> PyResult<u32> {
    let m = vm.binary_op(v.clone(), Value::int(1 << 32), crate::operator::BinOp::Mod)?;
    Ok(native::ssize(vm, &m)? as u32)
}
