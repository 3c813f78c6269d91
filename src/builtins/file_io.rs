//! `open()` and the file objects it returns: text files (`_io.TextIOWrapper`) and binary
//! files (`_io.BufferedReader`, `BufferedWriter`, `BufferedRandom`), with CPython's mode
//! rules, messages and `[Errno N]` errors.
//!
//! One native state serves all four types: the OS file, what its mode allows, the bytes
//! read ahead of the position (so `readline` need not read byte by byte) and the bytes
//! written but not yet flushed. Text files decode with the `str` codecs and translate
//! line endings as CPython's universal newlines do (`\r\n` and `\r` read as `\n`).

use super::add_function;
use super::file_newlines::{Newline, Seen};
use super::str_codecs::{self, Codec};
use crate::native::{add_methods, module_class, Clinic};
use crate::object::class::{c3_linearize, Class, Layout};
use crate::object::function::Args;
use crate::object::string::PyBytes;
use crate::object::{Dict, ExcRef, NativeData, Object, Payload, Value};
use crate::vm::{PyResult, Vm};
use std::cell::RefCell;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::rc::Rc;

/// Read this much at a time when looking for the end of a line.
const CHUNK: usize = 8192;

/// The classes of file objects, made once at start-up.
struct FileClasses {
    text: Rc<Class>,
    reader: Rc<Class>,
    writer: Rc<Class>,
    random: Rc<Class>,
    unsupported: Rc<Class>,
}

struct FileState {
    file: Option<File>,
    /// Whether closing the file closes its descriptor (`open(fd, closefd=False)`).
    closefd: bool,
    name: Value,
    mode: String,
    /// None for binary files.
    codec: Option<Codec>,
    /// The encoding as `open()` was given it (`TextIOWrapper.encoding`).
    encoding: String,
    /// A `utf-8-sig` file opened at its start for writing: the BOM goes before the first
    /// write, and only there.
    bom_pending: bool,
    /// The `newline=` rule (text files).
    newline: Newline,
    /// Line ends read so far (`newlines`).
    seen: Seen,
    errors: String,
    readable: bool,
    writable: bool,
    append: bool,
    /// Bytes read from the OS past the file's logical position.
    ahead: Vec<u8>,
    /// Bytes written and not yet handed to the OS.
    pending: Vec<u8>,
    /// Encoded text the text layer holds before passing it to the binary layer (as
    /// CPython's `TextIOWrapper` does): bytes written to `f.buffer` meanwhile go first.
    text_pending: Vec<u8>,
}

/// A file object: the state it shares with its layers (a text file and its `buffer`
/// are two views of one open file), and which view it is.
struct FileData {
    state: Rc<RefCell<FileState>>,
    /// The binary layer of a text file (`f.buffer`): reads and writes bytes.
    binary: bool,
    /// A text file's `buffer` object, made when first asked for.
    buffer: std::cell::OnceCell<Value>,
    /// `detach()` was called: the text layer no longer owns the file.
    detached: std::cell::Cell<bool>,
}

impl FileData {
    fn new(state: Rc<RefCell<FileState>>, binary: bool) -> FileData {
        FileData {
            state,
            binary,
            buffer: std::cell::OnceCell::new(),
            detached: std::cell::Cell::new(false),
        }
    }
}

impl NativeData for FileData {
    fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        if let Ok(s) = self.state.try_borrow() {
            f(&s.name);
        }
        if let Some(b) = self.buffer.get() {
            f(b);
        }
    }
}

impl Drop for FileState {
    /// A file nobody closed is flushed when it goes, as CPython's finalizer does.
    fn drop(&mut self) {
        if self.file.is_some() {
            self.sync_text();
            let _ = self.flush_pending();
        }
        self.release_file();
    }
}

impl FileState {
    /// Lets go of the OS file: closes it, unless it was opened with closefd=False.
    fn release_file(&mut self) {
        if let Some(f) = self.file.take() {
            if !self.closefd {
                use std::os::fd::IntoRawFd;
                let _ = f.into_raw_fd();
            }
        }
    }

    /// The codec a view reads and writes with: none for binary files and for the
    /// binary layer of a text file.
    fn codec_for(&self, binary: bool) -> Option<Codec> {
        if binary {
            None
        } else {
            self.codec
        }
    }
}

pub fn register(vm: &mut Vm) {
    let text = module_class(vm, "_io", "TextIOWrapper", Layout::Native);
    let reader = module_class(vm, "_io", "BufferedReader", Layout::Native);
    let writer = module_class(vm, "_io", "BufferedWriter", Layout::Native);
    let random = module_class(vm, "_io", "BufferedRandom", Layout::Native);
    let methods: &crate::native::Table = &[
        ("read", read),
        ("readline", readline),
        ("readlines", readlines),
        ("write", write),
        ("writelines", writelines),
        ("seek", seek),
        ("tell", tell),
        ("truncate", truncate),
        ("detach", detach),
        ("readinto", readinto),
        ("flush", flush),
        ("close", close),
        ("fileno", fileno),
        ("readable", readable),
        ("writable", writable),
        ("seekable", seekable),
        ("isatty", isatty),
        ("__enter__", enter),
        ("__exit__", exit),
        ("__iter__", enter),
        ("__next__", next),
        ("__repr__", repr),
        ("__getattr__", getattr),
    ];
    for class in [&text, &reader, &writer, &random] {
        add_methods(vm, class, methods);
    }
    // `io.UnsupportedOperation` is both an OSError and a ValueError.
    let bases = vec![vm.exc.os_error.clone(), vm.exc.value_error.clone()];
    let mro = c3_linearize(&bases).unwrap_or_default();
    let unsupported = Class::new(
        "UnsupportedOperation",
        bases,
        mro,
        Dict::new(),
        Layout::Exception,
        true,
    );
    let key = vm.intern("__module__");
    unsupported.dict.borrow_mut().set_str(key, Value::str("io"));
    vm.extensions.insert(Rc::new(FileClasses {
        text,
        reader,
        writer,
        random,
        unsupported,
    }));
    add_function(vm, "open", open);
}

/// The file types and `io.UnsupportedOperation`, for the `_io` module: `TextIOWrapper`,
/// `BufferedReader`, `BufferedWriter`, `BufferedRandom`, `UnsupportedOperation`.
pub fn io_classes(vm: &Vm) -> [(&'static str, Rc<Class>); 5] {
    let fc = classes(vm);
    [
        ("TextIOWrapper", fc.text.clone()),
        ("BufferedReader", fc.reader.clone()),
        ("BufferedWriter", fc.writer.clone()),
        ("BufferedRandom", fc.random.clone()),
        ("UnsupportedOperation", fc.unsupported.clone()),
    ]
}

fn classes(vm: &Vm) -> Rc<FileClasses> {
    vm.extensions
        .get::<Rc<FileClasses>>()
        .expect("file_io::register ran at start-up")
        .clone()
}

const OPEN: Clinic = Clinic::new(
    "open",
    &[
        "file",
        "mode",
        "buffering",
        "encoding",
        "errors",
        "newline",
        "closefd",
        "opener",
    ],
)
.required(1);

/// `open(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None,
/// closefd=True, opener=None)`.
fn open(vm: &mut Vm, args: Args) -> PyResult {
    let [file, mode, _buffering, encoding, errors, newline, closefd, _opener] =
        OPEN.bind(vm, &args)?;
    let file = file.unwrap_or(Value::None);
    let closefd = match &closefd {
        Some(v) => vm.is_true(v)?,
        None => true,
    };
    // `open(fd)`: the file object takes the descriptor over (and, with closefd=False,
    // leaves it open when it closes).
    let fd = match &file {
        Value::Int(fd) => Some(*fd),
        Value::Bool(b) => Some(i64::from(*b)),
        _ => None,
    };
    if fd.is_none() && !closefd {
        return Err(vm.value_error("Cannot use closefd=False with file name"));
    }
    let path = match fd {
        Some(_) => String::new(),
        None => match vm.fspath(&file)? {
            Value::Bytes(b) => String::from_utf8_lossy(&b.data).into_owned(),
            other => other.as_str().unwrap_or_default().to_string(),
        },
    };
    let mode = match mode {
        None => "r".to_string(),
        Some(Value::Str(s)) => s.as_str().to_string(),
        Some(other) => {
            return Err(vm.type_error(format!(
                "open() argument 'mode' must be str, not {}",
                vm.type_name(&other)
            )))
        }
    };
    let m = parse_mode(vm, &mode)?;
    let text_arg = |v: &Option<Value>| v.as_ref().and_then(Value::as_str).map(str::to_string);
    let encoding = text_arg(&encoding);
    if m.binary && encoding.is_some() {
        return Err(vm.value_error("binary mode doesn't take an encoding argument"));
    }
    if m.binary && text_arg(&errors).is_some() {
        return Err(vm.value_error("binary mode doesn't take an errors argument"));
    }
    let newline = Newline::from_arg(vm, newline.as_ref(), m.binary)?;
    let codec = if m.binary {
        None
    } else {
        Some(str_codecs::lookup(
            vm,
            encoding.as_deref().unwrap_or("utf-8"),
        )?)
    };
    if let Some(c) = codec.filter(|c| !c.is_ascii_compatible()) {
        // Text files are split into lines before decoding, which needs `\n` to be a
        // byte of its own: say so instead of reading garbage.
        return Err(vm.new_exception_msg(
            &vm.exc.not_implemented_error.clone(),
            format!(
                "apy cannot open {} text files yet: open the file in binary mode and decode its bytes",
                c.canonical_name()
            ),
        ));
    }
    let mut options = std::fs::OpenOptions::new();
    options
        .read(m.read || m.plus)
        .write(m.write || m.append || m.create || m.plus)
        .append(m.append)
        .truncate(m.write)
        .create(m.write || m.append)
        .create_new(m.create);
    let handle = match fd {
        Some(fd) => {
            if fd < 0 {
                return Err(vm.value_error("negative file descriptor"));
            }
            let fd =
                i32::try_from(fd).map_err(|_| vm.overflow_error("fd is greater than maximum"))?;
            let owned =
                crate::runtime::raw_fd::adopt(fd).map_err(|e| vm.os_error(&e, &Value::None))?;
            File::from(owned)
        }
        None => options.open(&path).map_err(|e| vm.os_error(&e, &file))?,
    };
    if handle.metadata().is_ok_and(|md| md.is_dir()) {
        let e = std::io::Error::from_raw_os_error(21);
        return Err(vm.os_error(&e, &file));
    }
    let fc = classes(vm);
    let class = match (
        m.binary,
        m.read || m.plus,
        m.write || m.append || m.create || m.plus,
    ) {
        (false, _, _) => fc.text.clone(),
        (true, true, true) => fc.random.clone(),
        (true, true, false) => fc.reader.clone(),
        (true, false, _) => fc.writer.clone(),
    };
    let at_start = m.write || m.create || handle.metadata().is_ok_and(|md| md.len() == 0);
    let state = FileState {
        file: Some(handle),
        closefd,
        name: file,
        mode,
        codec,
        encoding: encoding.unwrap_or_else(|| "UTF-8".to_string()),
        bom_pending: codec == Some(Codec::Utf8Sig) && at_start && !m.read,
        newline,
        seen: Seen::default(),
        errors: text_arg(&errors).unwrap_or_else(|| "strict".to_string()),
        readable: m.read || m.plus,
        writable: m.write || m.append || m.create || m.plus,
        append: m.append,
        ahead: Vec::new(),
        pending: Vec::new(),
        text_pending: Vec::new(),
    };
    Ok(Value::Object(Object::new(
        class,
        Payload::Native(Box::new(FileData::new(Rc::new(RefCell::new(state)), false))),
    )))
}

struct Mode {
    read: bool,
    write: bool,
    append: bool,
    create: bool,
    plus: bool,
    binary: bool,
}

/// The mode string, checked as `_io.open` checks it.
fn parse_mode(vm: &Vm, mode: &str) -> PyResult<Mode> {
    let mut m = Mode {
        read: false,
        write: false,
        append: false,
        create: false,
        plus: false,
        binary: false,
    };
    let mut text = false;
    let mut seen = String::new();
    for c in mode.chars() {
        if seen.contains(c) || !"rwaxb+tU".contains(c) {
            return Err(vm.value_error(format!("invalid mode: '{mode}'")));
        }
        seen.push(c);
        match c {
            'r' => m.read = true,
            'w' => m.write = true,
            'a' => m.append = true,
            'x' => m.create = true,
            '+' => m.plus = true,
            'b' => m.binary = true,
            't' => text = true,
            _ => m.read = true,
        }
    }
    if text && m.binary {
        return Err(vm.value_error("can't have text and binary mode at once"));
    }
    let kinds = [m.read, m.write, m.append, m.create]
        .iter()
        .filter(|k| **k)
        .count();
    if kinds != 1 {
        return Err(vm.value_error("must have exactly one of create/read/write/append mode"));
    }
    Ok(m)
}

/// The file a method was called on, checked open.
/// The open file behind a method's receiver, and whether the receiver is a binary view.
fn state<'a>(vm: &Vm, args: &Args<'a>, name: &str) -> PyResult<(&'a RefCell<FileState>, bool)> {
    let data = match args.values.first() {
        Some(Value::Object(o)) => o.native::<FileData>(),
        _ => None,
    };
    let Some(data) = data else {
        return Err(vm.type_error(format!("descriptor '{name}' requires a file object")));
    };
    if data.detached.get() {
        return Err(vm.value_error("underlying buffer has been detached"));
    }
    if data.state.borrow().file.is_none() {
        return Err(vm.value_error("I/O operation on closed file."));
    }
    if !data.binary && name != "write" {
        data.state.borrow_mut().sync_text();
    }
    Ok((&data.state, data.binary))
}

fn unsupported(vm: &Vm, what: &str) -> ExcRef {
    vm.new_exception_msg(&classes(vm).unsupported, what)
}

/// Reads until `out` holds `n` bytes or the file ends, with room for all `n` asked for
/// up front, as CPython's `read(n)` allocates it.
fn read_up_to(file: &mut File, out: &mut Vec<u8>, n: usize) -> std::io::Result<()> {
    if out.len() < n {
        crate::memory::reserve(out, n - out.len())
            .map_err(|_| std::io::Error::from(std::io::ErrorKind::OutOfMemory))?;
    }
    while out.len() < n {
        let filled = out.len();
        out.resize(n, 0);
        let got = file.read(&mut out[filled..]);
        out.truncate(filled + got.as_ref().map_or(0, |got| *got));
        if got? == 0 {
            break;
        }
    }
    Ok(())
}

fn io_error(vm: &Vm, e: &std::io::Error) -> ExcRef {
    vm.os_error(e, &Value::None)
}

impl FileState {
    fn os(&mut self) -> &mut File {
        self.file.as_mut().expect("checked open by state()")
    }

    /// Hands the written bytes to the OS.
    /// Hands the text layer's bytes to the binary layer.
    fn sync_text(&mut self) {
        if !self.text_pending.is_empty() {
            let text = std::mem::take(&mut self.text_pending);
            self.pending.extend_from_slice(&text);
        }
    }

    fn flush_pending(&mut self) -> std::io::Result<()> {
        if !self.pending.is_empty() {
            let data = std::mem::take(&mut self.pending);
            self.os().write_all(&data)?;
        }
        Ok(())
    }

    /// Before writing: the OS position goes back to the logical one.
    fn drop_ahead(&mut self) -> std::io::Result<()> {
        if !self.ahead.is_empty() {
            let back = self.ahead.len() as i64;
            self.ahead.clear();
            self.os().seek(SeekFrom::Current(-back))?;
        }
        Ok(())
    }

    /// Reads up to `limit` bytes (all when None) from the logical position. On an error
    /// (a failed read, or no memory for the result) what was read stays read ahead, so
    /// that no byte is lost to the next read.
    fn read_bytes(&mut self, limit: Option<usize>) -> std::io::Result<Vec<u8>> {
        self.flush_pending()?;
        let mut out = std::mem::take(&mut self.ahead);
        let read = match limit {
            None => crate::memory::read_to_end(self.os(), &mut out).map(drop),
            Some(n) => read_up_to(self.os(), &mut out, n),
        };
        if let Err(e) = read {
            self.ahead = out;
            return Err(e);
        }
        if let Some(n) = limit.filter(|n| out.len() > *n) {
            self.ahead = out.split_off(n);
        }
        Ok(out)
    }

    /// The bytes up to and including the next line end, or to the end of the file:
    /// `\n` for binary files, the `newline=` rule's for text.
    fn read_line_bytes(&mut self, text: bool) -> std::io::Result<Vec<u8>> {
        self.flush_pending()?;
        let rule = if text { self.newline } else { Newline::Lf };
        let mut line = Vec::new();
        let mut eof = false;
        loop {
            if let Some(end) = rule.line_end(&self.ahead, !eof) {
                let rest = self.ahead.split_off(end);
                line.extend_from_slice(&std::mem::replace(&mut self.ahead, rest));
                return Ok(line);
            }
            if eof {
                line.append(&mut self.ahead);
                return Ok(line);
            }
            // Keep what is buffered (a line end may straddle two reads) and read more.
            let mut chunk = vec![0; CHUNK];
            let got = self.os().read(&mut chunk)?;
            if got == 0 {
                eof = true;
            }
            self.ahead.extend_from_slice(&chunk[..got]);
            // Everything before a possible line end's first byte is the line's already.
            let keep_from = self.ahead.len().saturating_sub(got + 1);
            if rule.line_end(&self.ahead[..keep_from], true).is_none() && keep_from > 0 {
                let rest = self.ahead.split_off(keep_from);
                line.extend_from_slice(&std::mem::replace(&mut self.ahead, rest));
            }
        }
    }
}

/// Text read from a file, decoded with its codec and its line endings made `\n`.
fn decode(vm: &mut Vm, s: &mut FileState, bytes: &[u8]) -> PyResult<String> {
    let codec = s.codec.unwrap_or(Codec::Utf8);
    let errors = s.errors.clone();
    let text = str_codecs::decode(vm, bytes, codec, &errors)?;
    Ok(s.newline.translate_read(text, &mut s.seen))
}

fn bytes_value(data: Vec<u8>) -> Value {
    Value::Bytes(Rc::new(PyBytes::new(data)))
}

/// A `read(size)` argument: None or negative means everything.
pub(crate) fn size_arg(vm: &Vm, v: Option<&Value>) -> PyResult<Option<usize>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(Value::Int(n)) if *n < 0 => Ok(None),
        Some(Value::Int(n)) => Ok(Some(*n as usize)),
        Some(other) => Err(vm.type_error(format!(
            "argument should be integer or None, not '{}'",
            vm.type_name(other)
        ))),
    }
}

fn read(vm: &mut Vm, args: Args) -> PyResult {
    let (cell, binary) = state(vm, &args, "read")?;
    let size = size_arg(vm, args.values.get(1))?;
    let mut s = cell.borrow_mut();
    if !s.readable {
        return Err(unsupported(vm, "not readable"));
    }
    if s.codec_for(binary).is_none() {
        let data = s.read_bytes(size).map_err(|e| io_error(vm, &e))?;
        return Ok(bytes_value(data));
    }
    // Text: `size` counts characters; read whole lines' worth of bytes and give back
    // what is past the last character wanted.
    let data = s.read_bytes(None).map_err(|e| io_error(vm, &e))?;
    let text = decode(vm, &mut s, &data)?;
    match size {
        Some(n) if n < text.chars().count() => {
            let cut = text.char_indices().nth(n).map_or(text.len(), |(i, _)| i);
            let codec = s.codec.unwrap_or(Codec::Utf8);
            let errors = s.errors.clone();
            let rest = str_codecs::encode(vm, &text[cut..], codec, &errors)?;
            s.ahead = rest;
            Ok(Value::str(&text[..cut]))
        }
        _ => Ok(Value::str(text)),
    }
}

fn readline(vm: &mut Vm, args: Args) -> PyResult {
    let (cell, binary) = state(vm, &args, "readline")?;
    let mut s = cell.borrow_mut();
    if !s.readable {
        return Err(unsupported(vm, "not readable"));
    }
    let text = s.codec_for(binary).is_some();
    let line = s.read_line_bytes(text).map_err(|e| io_error(vm, &e))?;
    if text {
        Ok(Value::str(decode(vm, &mut s, &line)?))
    } else {
        Ok(bytes_value(line))
    }
}

fn readlines(vm: &mut Vm, args: Args) -> PyResult {
    let this = args.values.first().cloned().unwrap_or(Value::None);
    let mut lines = Vec::new();
    loop {
        let line = readline(vm, Args::positional(std::slice::from_ref(&this)))?;
        let empty = match &line {
            Value::Str(s) => s.as_str().is_empty(),
            Value::Bytes(b) => b.data.is_empty(),
            _ => true,
        };
        if empty {
            return Ok(Value::list(lines));
        }
        lines.push(line);
    }
}

fn write(vm: &mut Vm, args: Args) -> PyResult {
    let (cell, binary) = state(vm, &args, "write")?;
    let value = args.values.get(1).cloned().unwrap_or(Value::None);
    let mut s = cell.borrow_mut();
    if !s.writable {
        return Err(unsupported(vm, "not writable"));
    }
    let (data, count) = match (&value, s.codec_for(binary)) {
        (Value::Str(text), Some(codec)) => {
            let errors = s.errors.clone();
            // The BOM of `utf-8-sig` starts the file, not every write.
            let codec = match codec {
                Codec::Utf8Sig if !std::mem::take(&mut s.bom_pending) => Codec::Utf8,
                other => other,
            };
            let written = s.newline.translate_write(text.as_str());
            let data = str_codecs::encode(vm, &written, codec, &errors)?;
            (data, text.char_len())
        }
        (other, Some(_)) => {
            return Err(vm.type_error(format!(
                "write() argument must be str, not {}",
                vm.type_name(other)
            )))
        }
        (Value::Bytes(b), None) => (b.data.clone(), b.data.len()),
        (other, None) if vm.buffer_bytes(other).is_some() => {
            let data = vm.buffer_bytes(other).unwrap_or_default();
            let n = data.len();
            (data, n)
        }
        (other, None) => {
            return Err(vm.type_error(format!(
                "a bytes-like object is required, not '{}'",
                vm.type_name(other)
            )))
        }
    };
    s.drop_ahead().map_err(|e| io_error(vm, &e))?;
    if s.codec_for(binary).is_some() {
        s.text_pending.extend_from_slice(&data);
        if s.text_pending.len() < CHUNK && !(s.append && data.contains(&b'\n')) {
            return Ok(Value::Int(count as i64));
        }
        s.sync_text();
    } else {
        s.pending.extend_from_slice(&data);
    }
    if s.pending.len() >= CHUNK
        || (s.codec_for(binary).is_some() && s.append && data.contains(&b'\n'))
    {
        s.flush_pending().map_err(|e| io_error(vm, &e))?;
    }
    Ok(Value::Int(count as i64))
}

/// `writelines(lines)`: `self.write(line)` for each line, as `IOBase.writelines` does
/// (so the standard streams, whose `write` is their own, share this method).
fn writelines(vm: &mut Vm, args: Args) -> PyResult {
    let this = args.values.first().cloned().unwrap_or(Value::None);
    let lines = args.values.get(1).cloned().unwrap_or(Value::None);
    let name = vm.intern("write");
    let write = vm.get_attr(&this, &name)?;
    for line in vm.collect_iterable(&lines)? {
        vm.call(&write, &[line])?;
    }
    Ok(Value::None)
}

fn seek(vm: &mut Vm, args: Args) -> PyResult {
    let (cell, binary) = state(vm, &args, "seek")?;
    let offset = match args.values.get(1) {
        Some(Value::Int(n)) => *n,
        other => {
            let name = other.map_or("NoneType".to_string(), |v| vm.type_name(v).to_string());
            return Err(vm.type_error(format!(
                "'{name}' object cannot be interpreted as an integer"
            )));
        }
    };
    let whence = match args.values.get(2) {
        None => 0,
        Some(Value::Int(n)) => *n,
        Some(_) => return Err(vm.type_error("an integer is required")),
    };
    let mut s = cell.borrow_mut();
    let text = s.codec_for(binary).is_some();
    if text && whence != 0 && offset != 0 {
        let what = if whence == 1 { "cur" } else { "end" };
        return Err(unsupported(
            vm,
            &format!("can't do nonzero {what}-relative seeks"),
        ));
    }
    let target = match whence {
        0 if offset < 0 => {
            return Err(vm.value_error(format!("negative seek position {offset}")));
        }
        0 => SeekFrom::Start(offset as u64),
        1 => SeekFrom::Current(offset - s.ahead.len() as i64),
        2 => SeekFrom::End(offset),
        _ => return Err(vm.value_error(format!("invalid whence ({whence}, should be 0, 1 or 2)"))),
    };
    s.flush_pending().map_err(|e| io_error(vm, &e))?;
    s.ahead.clear();
    let pos = s.os().seek(target).map_err(|e| io_error(vm, &e))?;
    Ok(Value::Int(pos as i64))
}

fn tell(vm: &mut Vm, args: Args) -> PyResult {
    let (cell, _) = state(vm, &args, "tell")?;
    let mut s = cell.borrow_mut();
    s.flush_pending().map_err(|e| io_error(vm, &e))?;
    let pos = s.os().stream_position().map_err(|e| io_error(vm, &e))?;
    Ok(Value::Int(pos as i64 - s.ahead.len() as i64))
}

/// `truncate(size=None)`: cuts (or zero-extends) the file to `size` bytes, by default
/// at the current position, which does not move.
fn truncate(vm: &mut Vm, args: Args) -> PyResult {
    let (cell, _) = state(vm, &args, "truncate")?;
    let size = match args.values.get(1) {
        None | Some(Value::None) => None,
        Some(v) => Some(crate::native::ssize(vm, v)?),
    };
    let mut s = cell.borrow_mut();
    if !s.writable {
        return Err(unsupported(vm, "truncate"));
    }
    s.flush_pending().map_err(|e| io_error(vm, &e))?;
    s.drop_ahead().map_err(|e| io_error(vm, &e))?;
    let size = match size {
        Some(n) if n < 0 => {
            return Err(vm.value_error(format!("negative size value {n}")));
        }
        Some(n) => n as u64,
        None => s.os().stream_position().map_err(|e| io_error(vm, &e))?,
    };
    s.os().set_len(size).map_err(|e| io_error(vm, &e))?;
    Ok(Value::Int(size as i64))
}

/// `readinto(b)`: reads up to `len(b)` bytes into the writable buffer `b` (a
/// bytearray or a memoryview of one); returns how many.
fn readinto(vm: &mut Vm, args: Args) -> PyResult {
    let (cell, binary) = state(vm, &args, "readinto")?;
    let target = args.values.get(1).cloned().unwrap_or(Value::None);
    if cell.borrow().codec_for(binary).is_some() {
        return Err(unsupported(vm, "readinto"));
    }
    let Some(room) = vm.buffer_bytes(&target).map(|b| b.len()) else {
        return Err(vm.type_error(format!(
            "readinto() argument must be read-write bytes-like object, not {}",
            vm.type_name(&target)
        )));
    };
    let data = {
        let mut s = cell.borrow_mut();
        if !s.readable {
            return Err(unsupported(vm, "read"));
        }
        s.read_bytes(Some(room)).map_err(|e| io_error(vm, &e))?
    };
    let n = data.len();
    let window = Value::Slice(Rc::new(crate::object::Slice {
        start: Value::Int(0),
        stop: Value::Int(n as i64),
        step: Value::None,
    }));
    vm.set_item(&target, window, bytes_value(data))?;
    Ok(Value::Int(n as i64))
}

fn flush(vm: &mut Vm, args: Args) -> PyResult {
    let (cell, _) = state(vm, &args, "flush")?;
    let mut s = cell.borrow_mut();
    s.flush_pending().map_err(|e| io_error(vm, &e))?;
    Ok(Value::None)
}

/// `close()`: flushes and releases the OS file; closing twice does nothing.
fn close(vm: &mut Vm, args: Args) -> PyResult {
    let data = match args.values.first() {
        Some(Value::Object(o)) => o.native::<FileData>(),
        _ => None,
    };
    let Some(data) = data else {
        return Err(vm.type_error("descriptor 'close' requires a file object"));
    };
    if data.detached.get() {
        return Ok(Value::None);
    }
    let mut s = data.state.borrow_mut();
    if s.file.is_none() {
        return Ok(Value::None);
    }
    s.sync_text();
    let flushed = s.flush_pending();
    s.release_file();
    s.ahead.clear();
    flushed.map_err(|e| io_error(vm, &e))?;
    Ok(Value::None)
}

fn fileno(vm: &mut Vm, args: Args) -> PyResult {
    let (cell, _) = state(vm, &args, "fileno")?;
    use std::os::fd::AsRawFd;
    Ok(Value::Int(cell.borrow_mut().os().as_raw_fd() as i64))
}

fn readable(vm: &mut Vm, args: Args) -> PyResult {
    Ok(Value::bool(
        state(vm, &args, "readable")?.0.borrow().readable,
    ))
}

fn writable(vm: &mut Vm, args: Args) -> PyResult {
    Ok(Value::bool(
        state(vm, &args, "writable")?.0.borrow().writable,
    ))
}

fn seekable(vm: &mut Vm, args: Args) -> PyResult {
    state(vm, &args, "seekable")?;
    Ok(Value::bool(true))
}

fn isatty(vm: &mut Vm, args: Args) -> PyResult {
    state(vm, &args, "isatty")?;
    Ok(Value::bool(false))
}

fn enter(vm: &mut Vm, args: Args) -> PyResult {
    state(vm, &args, "__enter__")?;
    Ok(args.values[0].clone())
}

fn exit(vm: &mut Vm, args: Args) -> PyResult {
    close(vm, Args::positional(&args.values[..1]))?;
    Ok(Value::None)
}

fn next(vm: &mut Vm, args: Args) -> PyResult {
    let line = readline(vm, Args::positional(&args.values[..1]))?;
    let empty = match &line {
        Value::Str(s) => s.as_str().is_empty(),
        Value::Bytes(b) => b.data.is_empty(),
        _ => true,
    };
    if empty {
        return Err(vm.stop_iteration(Value::None));
    }
    Ok(line)
}

fn file_data(this: &Value) -> Option<&FileData> {
    match this {
        Value::Object(o) => o.native::<FileData>(),
        _ => None,
    }
}

fn file_state(this: &Value) -> Option<(&RefCell<FileState>, bool)> {
    file_data(this).map(|d| (&*d.state, d.binary))
}

/// `<_io.TextIOWrapper name='f.txt' mode='r' encoding='UTF-8'>`.
fn repr(vm: &mut Vm, args: Args) -> PyResult {
    let this = args.values.first().cloned().unwrap_or(Value::None);
    let Some((cell, binary)) = file_state(&this) else {
        return Ok(Value::str("<file>"));
    };
    let (name, mode, encoding) = {
        let s = cell.borrow();
        (
            s.name.clone(),
            s.mode.clone(),
            s.codec_for(binary).map(|_| s.encoding.clone()),
        )
    };
    let class = vm.type_name(&this).to_string();
    let class = class.trim_start_matches("_io.");
    let name = vm.repr(&name)?;
    Ok(Value::str(match encoding {
        Some(encoding) => format!("<_io.{class} name={name} mode='{mode}' encoding='{encoding}'>"),
        None => format!("<_io.{class} name={name}>"),
    }))
}

/// The data attributes: `closed`, `name`, `mode`, `encoding`, `errors`.
fn getattr(vm: &mut Vm, args: Args) -> PyResult {
    let this = args.values.first().cloned().unwrap_or(Value::None);
    let name = args.values.get(1).and_then(Value::as_str).unwrap_or("");
    let Some((cell, binary)) = file_state(&this) else {
        return Err(vm.attribute_error(name.to_string()));
    };
    if name == "buffer" && !binary && cell.borrow().codec.is_some() {
        return Ok(buffer_of(vm, &this));
    }
    let s = cell.borrow();
    let text = s.codec_for(binary).is_some();
    Ok(match name {
        "closed" => Value::bool(s.file.is_none()),
        "name" => s.name.clone(),
        "mode" if text => Value::str(s.mode.clone()),
        "mode" => Value::str(binary_mode(&s.mode)),
        "encoding" if text => Value::str(s.encoding.clone()),
        "errors" if text => Value::str(s.errors.clone()),
        "newlines" if text => s.seen.value(),
        _ => {
            let class = vm.type_name(&this).to_string();
            return Err(vm.attribute_error(format!("'{class}' object has no attribute '{name}'")));
        }
    })
}

/// The mode a binary layer shows: `rb`, `wb`, `rb+`... (`t` dropped, `b` added).
fn binary_mode(mode: &str) -> String {
    let mut m: String = mode
        .chars()
        .filter(|&c| c != 't' && c != 'b' && c != '+')
        .collect();
    m.push('b');
    if mode.contains('+') {
        m.push('+');
    }
    m
}

/// A text file's `buffer`: the binary layer over the same open file, made once.
fn buffer_of(vm: &Vm, text: &Value) -> Value {
    let Some(data) = file_data(text) else {
        return Value::None;
    };
    data.buffer
        .get_or_init(|| {
            let s = data.state.borrow();
            let fc = classes(vm);
            let class = match (s.readable, s.writable) {
                (true, true) => fc.random.clone(),
                (true, false) => fc.reader.clone(),
                _ => fc.writer.clone(),
            };
            drop(s);
            Value::Object(Object::new(
                class,
                Payload::Native(Box::new(FileData::new(data.state.clone(), true))),
            ))
        })
        .clone()
}

/// `detach()`: hands over the binary layer; the text layer is unusable afterwards.
fn detach(vm: &mut Vm, args: Args) -> PyResult {
    let this = args.values.first().cloned().unwrap_or(Value::None);
    let (cell, binary) = state(vm, &args, "detach")?;
    if binary || cell.borrow().codec.is_none() {
        return Err(unsupported(vm, "detach"));
    }
    cell.borrow_mut()
        .flush_pending()
        .map_err(|e| io_error(vm, &e))?;
    let buffer = buffer_of(vm, &this);
    if let Some(data) = file_data(&this) {
        data.detached.set(true);
    }
    Ok(buffer)
}
