//! `hashlib`: MD5, SHA-1, SHA-2, SHA-3, SHAKE and BLAKE2 objects, `new`,
//! `pbkdf2_hmac` and `file_digest`.
//!
//! The digests come from the RustCrypto crates (`md-5`, `sha1`, `sha2`, `sha3`,
//! `blake2`): audited, well-kept implementations, where a hand-written copy would only
//! add risk. CPython builds most of these on OpenSSL; the objects here have the same
//! names, sizes, methods and errors (`TypeError: Strings must be encoded before
//! hashing`), and `type(hashlib.md5()).__name__` is `HASH` as there.
//!
//! Not provided: BLAKE2's `key`, `salt`, `person` and tree-hashing parameters (only
//! `digest_size`), and `usedforsecurity` has no effect.

use crate::native::{self, add_methods, module_class, Clinic, ModuleDef, Sig};
use crate::object::class::{Class, Layout};
use crate::object::function::{Args, NativeFn};
use crate::object::string::PyBytes;
use crate::object::{NativeData, Object, Payload, Value};
use crate::vm::{PyResult, Vm};
use blake2::digest::{Digest, ExtendableOutput, Update, VariableOutput};
use std::cell::RefCell;
use std::rc::Rc;

/// One running digest.
#[derive(Clone)]
enum Hasher {
    Md5(md5::Md5),
    Sha1(sha1::Sha1),
    Sha224(sha2::Sha224),
    Sha256(sha2::Sha256),
    Sha384(sha2::Sha384),
    Sha512(sha2::Sha512),
    Sha3_224(sha3::Sha3_224),
    Sha3_256(sha3::Sha3_256),
    Sha3_384(sha3::Sha3_384),
    Sha3_512(sha3::Sha3_512),
    Shake128(sha3::Shake128),
    Shake256(sha3::Shake256),
    Blake2b(blake2::Blake2bVar),
    Blake2s(blake2::Blake2sVar),
}

/// Every algorithm: its name, digest size and block size (CPython's values).
const ALGORITHMS: &[(&str, usize, usize)] = &[
    ("md5", 16, 64),
    ("sha1", 20, 64),
    ("sha224", 28, 64),
    ("sha256", 32, 64),
    ("sha384", 48, 128),
    ("sha512", 64, 128),
    ("sha3_224", 28, 144),
    ("sha3_256", 32, 136),
    ("sha3_384", 48, 104),
    ("sha3_512", 64, 72),
    ("shake_128", 0, 168),
    ("shake_256", 0, 136),
    ("blake2b", 64, 128),
    ("blake2s", 32, 64),
];

impl Hasher {
    /// A fresh hasher for `name` (BLAKE2 with `size` bytes of output).
    fn new(name: &str, size: usize) -> Option<Hasher> {
        Some(match name {
            "md5" => Hasher::Md5(Default::default()),
            "sha1" => Hasher::Sha1(Default::default()),
            "sha224" => Hasher::Sha224(Default::default()),
            "sha256" => Hasher::Sha256(Default::default()),
            "sha384" => Hasher::Sha384(Default::default()),
            "sha512" => Hasher::Sha512(Default::default()),
            "sha3_224" => Hasher::Sha3_224(Default::default()),
            "sha3_256" => Hasher::Sha3_256(Default::default()),
            "sha3_384" => Hasher::Sha3_384(Default::default()),
            "sha3_512" => Hasher::Sha3_512(Default::default()),
            "shake_128" => Hasher::Shake128(Default::default()),
            "shake_256" => Hasher::Shake256(Default::default()),
            "blake2b" => Hasher::Blake2b(blake2::Blake2bVar::new(size).ok()?),
            "blake2s" => Hasher::Blake2s(blake2::Blake2sVar::new(size).ok()?),
            _ => return None,
        })
    }

    fn update(&mut self, data: &[u8]) {
        match self {
            Hasher::Md5(h) => Digest::update(h, data),
            Hasher::Sha1(h) => Digest::update(h, data),
            Hasher::Sha224(h) => Digest::update(h, data),
            Hasher::Sha256(h) => Digest::update(h, data),
            Hasher::Sha384(h) => Digest::update(h, data),
            Hasher::Sha512(h) => Digest::update(h, data),
            Hasher::Sha3_224(h) => Digest::update(h, data),
            Hasher::Sha3_256(h) => Digest::update(h, data),
            Hasher::Sha3_384(h) => Digest::update(h, data),
            Hasher::Sha3_512(h) => Digest::update(h, data),
            Hasher::Shake128(h) => Update::update(h, data),
            Hasher::Shake256(h) => Update::update(h, data),
            Hasher::Blake2b(h) => Update::update(h, data),
            Hasher::Blake2s(h) => Update::update(h, data),
        }
    }

    /// The digest so far (`length` bytes for SHAKE), leaving the hasher as it is.
    fn digest(&self, length: usize) -> Vec<u8> {
        let h = self.clone();
        match h {
            Hasher::Md5(h) => h.finalize().to_vec(),
            Hasher::Sha1(h) => h.finalize().to_vec(),
            Hasher::Sha224(h) => h.finalize().to_vec(),
            Hasher::Sha256(h) => h.finalize().to_vec(),
            Hasher::Sha384(h) => h.finalize().to_vec(),
            Hasher::Sha512(h) => h.finalize().to_vec(),
            Hasher::Sha3_224(h) => h.finalize().to_vec(),
            Hasher::Sha3_256(h) => h.finalize().to_vec(),
            Hasher::Sha3_384(h) => h.finalize().to_vec(),
            Hasher::Sha3_512(h) => h.finalize().to_vec(),
            Hasher::Shake128(h) => h.finalize_boxed(length).to_vec(),
            Hasher::Shake256(h) => h.finalize_boxed(length).to_vec(),
            Hasher::Blake2b(h) => {
                let mut out = vec![0; h.output_size()];
                let _ = h.finalize_variable(&mut out);
                out
            }
            Hasher::Blake2s(h) => {
                let mut out = vec![0; h.output_size()];
                let _ = h.finalize_variable(&mut out);
                out
            }
        }
    }
}

/// A hash object's state.
struct HashState {
    name: &'static str,
    digest_size: usize,
    block_size: usize,
    hasher: RefCell<Hasher>,
}

impl NativeData for HashState {
    fn traverse(&self, _: &mut dyn FnMut(&Value)) {}

    fn repr(&self, _: &mut Vm, this: &Value) -> Option<PyResult<String>> {
        let addr = this.heap_addr().unwrap_or(0);
        Some(Ok(match self.name {
            "blake2b" | "blake2s" => format!("<_blake2.{} object at 0x{addr:x}>", self.name),
            n => format!("<{n} _hashlib.HASH object @ 0x{addr:x}>"),
        }))
    }

    fn special_attr(&self, _: &mut Vm, _: &Value, name: &str) -> Option<Value> {
        Some(match name {
            "name" => Value::str(self.name),
            "digest_size" => Value::int(self.digest_size as i64),
            "block_size" => Value::int(self.block_size as i64),
            _ => return None,
        })
    }
}

struct Classes {
    hash: Rc<Class>,
    xof: Rc<Class>,
    blake2b: Rc<Class>,
    blake2s: Rc<Class>,
}

fn classes(vm: &Vm) -> PyResult<&Classes> {
    vm.extensions
        .get::<Classes>()
        .ok_or_else(|| vm.runtime_error("hashlib is not initialised"))
}

pub fn load(vm: &mut Vm) -> PyResult<Value> {
    let m = ModuleDef::new("hashlib");
    let class = |vm: &mut Vm, module: &str, name: &str| {
        let c = module_class(vm, module, name, Layout::Native);
        c.instance_dict.set(false);
        let _ = c.tp_name.set(format!("{module}.{name}"));
        let methods: &[(&'static str, NativeFn)] = &[
            ("update", update),
            ("digest", digest),
            ("hexdigest", hexdigest),
            ("copy", copy),
        ];
        add_methods(vm, &c, methods);
        c
    };
    let hash = class(vm, "_hashlib", "HASH");
    let xof = class(vm, "_hashlib", "HASHXOF");
    let blake2b = class(vm, "_blake2", "blake2b");
    let blake2s = class(vm, "_blake2", "blake2s");
    native::constructor(vm, &blake2b, blake2b_new);
    native::constructor(vm, &blake2s, blake2s_new);
    vm.extensions.insert(Classes {
        hash,
        xof,
        blake2b: blake2b.clone(),
        blake2s: blake2s.clone(),
    });
    let funcs: &[(&'static str, NativeFn)] = &[
        ("new", new),
        ("md5", md5_new),
        ("sha1", sha1_new),
        ("sha224", sha224_new),
        ("sha256", sha256_new),
        ("sha384", sha384_new),
        ("sha512", sha512_new),
        ("sha3_224", sha3_224_new),
        ("sha3_256", sha3_256_new),
        ("sha3_384", sha3_384_new),
        ("sha3_512", sha3_512_new),
        ("shake_128", shake_128_new),
        ("shake_256", shake_256_new),
        ("pbkdf2_hmac", pbkdf2_hmac),
        ("file_digest", file_digest),
    ];
    m.funcs(vm, funcs);
    m.value(vm, "blake2b", Value::Class(blake2b));
    m.value(vm, "blake2s", Value::Class(blake2s));
    let names: Vec<Value> = ALGORITHMS.iter().map(|(n, _, _)| Value::str(*n)).collect();
    let guaranteed = vm.new_set(names.clone(), true)?;
    let available = vm.new_set(names, false)?;
    m.value(vm, "algorithms_guaranteed", guaranteed);
    m.value(vm, "algorithms_available", available);
    Ok(m.finish(vm))
}

/// Data to hash: bytes-like, with CPython's errors for str and other objects.
fn data_arg(vm: &Vm, v: &Value) -> PyResult<Vec<u8>> {
    if let Value::Str(_) = v {
        return Err(vm.type_error("Strings must be encoded before hashing"));
    }
    vm.buffer_bytes(v)
        .ok_or_else(|| vm.type_error("object supporting the buffer API required"))
}

/// A new hash object for algorithm `name` fed with `data`.
fn make(vm: &mut Vm, name: &str, size: Option<usize>, data: Option<&Value>) -> PyResult {
    let Some(&(name, digest_size, block_size)) = ALGORITHMS.iter().find(|(n, _, _)| *n == name)
    else {
        return Err(vm.value_error(format!("unsupported hash type {name}")));
    };
    let digest_size = size.unwrap_or(digest_size);
    let Some(mut hasher) = Hasher::new(name, digest_size) else {
        return Err(vm.value_error(format!("unsupported hash type {name}")));
    };
    if let Some(d) = data {
        hasher.update(&data_arg(vm, d)?);
    }
    let c = classes(vm)?;
    let class = match name {
        "blake2b" => c.blake2b.clone(),
        "blake2s" => c.blake2s.clone(),
        "shake_128" | "shake_256" => c.xof.clone(),
        _ => c.hash.clone(),
    };
    Ok(Value::Object(Object::new(
        class,
        Payload::Native(Box::new(HashState {
            name,
            digest_size,
            block_size,
            hasher: RefCell::new(hasher),
        })),
    )))
}

/// `hashlib.new(name, data=b'', **kwargs)`.
fn new(vm: &mut Vm, args: Args) -> PyResult {
    let [name, data, _] = Clinic::new("new", &["name", "data", "usedforsecurity"])
        .required(1)
        .max_pos(2)
        .bind(vm, &args)?;
    let name = name.unwrap_or(Value::None);
    let Value::Str(s) = &name else {
        return Err(vm.type_error("name must be a string"));
    };
    let lower = s.as_str().to_ascii_lowercase();
    make(vm, &lower, None, data.as_ref())
}

/// The named constructors: `md5(string=b'', *, usedforsecurity=True)`... (CPython
/// names them `openssl_md5` in its messages).
fn named(vm: &mut Vm, args: Args, name: &'static str) -> PyResult {
    let who = format!("openssl_{name}");
    let [string, _] = Clinic::new(&who, &["string", "usedforsecurity"])
        .max_pos(1)
        .bind(vm, &args)?;
    make(vm, name, None, string.as_ref())
}

macro_rules! constructors {
    ($($f:ident => $name:literal),* $(,)?) => {
        $(fn $f(vm: &mut Vm, args: Args) -> PyResult { named(vm, args, $name) })*
    };
}

constructors! {
    md5_new => "md5", sha1_new => "sha1", sha224_new => "sha224", sha256_new => "sha256",
    sha384_new => "sha384", sha512_new => "sha512", sha3_224_new => "sha3_224",
    sha3_256_new => "sha3_256", sha3_384_new => "sha3_384", sha3_512_new => "sha3_512",
    shake_128_new => "shake_128", shake_256_new => "shake_256",
}

const BLAKE2_PARAMS: &[&str] = &[
    "data",
    "digest_size",
    "key",
    "salt",
    "person",
    "fanout",
    "depth",
    "leaf_size",
    "node_offset",
    "node_depth",
    "inner_size",
    "last_node",
    "usedforsecurity",
];

fn blake2_new(vm: &mut Vm, args: Args, name: &'static str, max: i64) -> PyResult {
    let rest = Args {
        values: &args.values[1..],
        kwnames: args.kwnames,
    };
    let [data, size, key, salt, person, ..] = Clinic::new(name, BLAKE2_PARAMS)
        .max_pos(1)
        .bind::<13>(vm, &rest)?;
    let size = match &size {
        Some(v) => native::ssize(vm, v)?,
        None => max,
    };
    if !(1..=max).contains(&size) {
        return Err(vm.value_error(format!("digest_size must be between 1 and {max} bytes")));
    }
    for (what, v) in [("key", &key), ("salt", &salt), ("person", &person)] {
        if let Some(v) = v {
            if !data_arg(vm, v)?.is_empty() {
                return Err(vm.value_error(format!("apy's {name} does not support '{what}'")));
            }
        }
    }
    make(vm, name, Some(size as usize), data.as_ref())
}

fn blake2b_new(vm: &mut Vm, args: Args) -> PyResult {
    blake2_new(vm, args, "blake2b", 64)
}

fn blake2s_new(vm: &mut Vm, args: Args) -> PyResult {
    blake2_new(vm, args, "blake2s", 32)
}

fn state(v: &Value) -> Option<&HashState> {
    match v {
        Value::Object(o) => o.native::<HashState>(),
        _ => None,
    }
}

fn this<'a>(vm: &Vm, args: &Args<'a>, name: &str) -> PyResult<&'a HashState> {
    native::self_arg(vm, ("HASH", name), Sig::NoArgs, args, state)
}

fn update(vm: &mut Vm, args: Args) -> PyResult {
    let st = this(vm, &args, "update")?;
    let a = native::method_args(vm, ("HASH", "update"), Sig::One, &args)?;
    let data = data_arg(vm, &a[0])?;
    st.hasher.borrow_mut().update(&data);
    Ok(Value::None)
}

/// The digest; SHAKE objects take the `length` argument.
fn digest_bytes(vm: &mut Vm, args: &Args, name: &str) -> PyResult<Vec<u8>> {
    let st = this(vm, args, name)?;
    let xof = st.name.starts_with("shake");
    let length = if xof {
        let a = native::method_args(vm, ("HASHXOF", name), Sig::One, args)?;
        let n = native::ssize(vm, &a[0])?;
        if n < 0 {
            // CPython asks its allocator for that many bytes and fails.
            return Err(vm.memory_error());
        }
        n as usize
    } else {
        native::method_args(vm, ("HASH", name), Sig::NoArgs, args)?;
        0
    };
    Ok(st.hasher.borrow().digest(length))
}

fn digest(vm: &mut Vm, args: Args) -> PyResult {
    let d = digest_bytes(vm, &args, "digest")?;
    Ok(Value::Bytes(Rc::new(PyBytes::new(d))))
}

fn hexdigest(vm: &mut Vm, args: Args) -> PyResult {
    let d = digest_bytes(vm, &args, "hexdigest")?;
    Ok(Value::str(hex(&d)))
}

fn hex(d: &[u8]) -> String {
    d.iter().map(|b| format!("{b:02x}")).collect()
}

fn copy(vm: &mut Vm, args: Args) -> PyResult {
    let st = this(vm, &args, "copy")?;
    native::method_args(vm, ("HASH", "copy"), Sig::NoArgs, &args)?;
    let Value::Object(o) = &args.values[0] else {
        return Err(vm.type_error("copy() of a non-hash"));
    };
    Ok(Value::Object(Object::new(
        o.class.clone(),
        Payload::Native(Box::new(HashState {
            name: st.name,
            digest_size: st.digest_size,
            block_size: st.block_size,
            hasher: RefCell::new(st.hasher.borrow().clone()),
        })),
    )))
}

/// HMAC of `msg` under `key` with algorithm `name` (RFC 2104).
fn hmac(name: &str, key: &[u8], msg: &[u8]) -> Option<Vec<u8>> {
    let &(_, size, block) = ALGORITHMS.iter().find(|(n, _, _)| *n == name)?;
    let mut k = if key.len() > block {
        let mut h = Hasher::new(name, size)?;
        h.update(key);
        h.digest(size)
    } else {
        key.to_vec()
    };
    k.resize(block, 0);
    let mut inner = Hasher::new(name, size)?;
    inner.update(&k.iter().map(|b| b ^ 0x36).collect::<Vec<u8>>());
    inner.update(msg);
    let mut outer = Hasher::new(name, size)?;
    outer.update(&k.iter().map(|b| b ^ 0x5c).collect::<Vec<u8>>());
    outer.update(&inner.digest(size));
    Some(outer.digest(size))
}

/// `pbkdf2_hmac(hash_name, password, salt, iterations, dklen=None)` (RFC 8018).
fn pbkdf2_hmac(vm: &mut Vm, args: Args) -> PyResult {
    let [name, password, salt, iterations, dklen] = Clinic::new(
        "pbkdf2_hmac",
        &["hash_name", "password", "salt", "iterations", "dklen"],
    )
    .required(4)
    .bind(vm, &args)?;
    let name = match name {
        Some(Value::Str(s)) => s.as_str().to_ascii_lowercase(),
        other => {
            let t = vm.type_name(&other.unwrap_or(Value::None));
            return Err(vm.type_error(format!(
                "pbkdf2_hmac() argument 'hash_name' must be str, not {t}"
            )));
        }
    };
    let password = data_arg(vm, &password.unwrap_or(Value::None))?;
    let salt = data_arg(vm, &salt.unwrap_or(Value::None))?;
    let iterations = native::ssize(vm, &iterations.unwrap_or(Value::None))?;
    if iterations < 1 {
        return Err(vm.value_error("iteration value must be greater than 0."));
    }
    let Some(&(_, size, _)) = ALGORITHMS.iter().find(|(n, s, _)| *n == name && *s > 0) else {
        return Err(vm.value_error(format!("unsupported hash type {name}")));
    };
    let dklen = match dklen.filter(|v| !v.is_none()) {
        Some(v) => native::ssize(vm, &v)?,
        None => size as i64,
    };
    if dklen < 1 {
        return Err(vm.value_error("key length must be greater than 0."));
    }
    let mut out = Vec::with_capacity(dklen as usize);
    let mut block = 1u32;
    while out.len() < dklen as usize {
        let mut msg = salt.clone();
        msg.extend_from_slice(&block.to_be_bytes());
        let mut u = hmac(&name, &password, &msg).unwrap_or_default();
        let mut t = u.clone();
        for _ in 1..iterations {
            u = hmac(&name, &password, &u).unwrap_or_default();
            t.iter_mut().zip(&u).for_each(|(a, b)| *a ^= b);
        }
        out.extend_from_slice(&t);
        block += 1;
    }
    out.truncate(dklen as usize);
    Ok(Value::Bytes(Rc::new(PyBytes::new(out))))
}

/// `file_digest(fileobj, digest, /)`: reads a binary file object to its end.
fn file_digest(vm: &mut Vm, args: Args) -> PyResult {
    let a = native::function_args(vm, "file_digest", Sig::Range(2, 2), &args)?;
    let (file, algo) = (a[0].clone(), a[1].clone());
    let h = match &algo {
        Value::Str(s) => {
            let name = s.as_str().to_ascii_lowercase();
            make(vm, &name, None, None)?
        }
        other => vm.call(other, &[])?,
    };
    let read = vm.intern("read");
    let update_name = vm.intern("update");
    let reader = vm.get_attr(&file, &read)?;
    let updater = vm.get_attr(&h, &update_name)?;
    loop {
        let chunk = vm.call(&reader, &[Value::int(1 << 18)])?;
        let empty = vm.buffer_bytes(&chunk).is_none_or(|b| b.is_empty());
        if empty {
            break;
        }
        vm.call(&updater, &[chunk])?;
    }
    Ok(h)
}
