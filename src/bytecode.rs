//! Instructions, code objects and the disassembler behind `apy dis`.
//!
//! The instruction set follows CPython 3.11's closely (so its documentation explains ours),
//! with a fixed 8-byte instruction: an opcode and one 32-bit argument. Exceptions use a
//! side table of protected ranges, as in 3.11 ("zero-cost" try: entering a `try` block
//! executes nothing). Calls use the layout `callable, self_or_null, args...` so that
//! `obj.method(...)` never allocates a bound method.

use crate::object::{PyStr, Value};
use crate::operator::{BinOp, CmpOp};
use crate::source::SourceFile;
use std::fmt::Write;
use std::rc::Rc;

/// Comparison operators of `CompareOp` (identity and membership have their own ops).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compare {
    Lt,
    Le,
    Eq,
    Ne,
    Gt,
    Ge,
}

impl Compare {
    pub fn symbol(self) -> &'static str {
        match self {
            Compare::Lt => "<",
            Compare::Le => "<=",
            Compare::Eq => "==",
            Compare::Ne => "!=",
            Compare::Gt => ">",
            Compare::Ge => ">=",
        }
    }

    /// The operator with its operands swapped (`a < b` ⇔ `b > a`).
    pub fn swapped(self) -> Compare {
        match self {
            Compare::Lt => Compare::Gt,
            Compare::Le => Compare::Ge,
            Compare::Eq => Compare::Eq,
            Compare::Ne => Compare::Ne,
            Compare::Gt => Compare::Lt,
            Compare::Ge => Compare::Le,
        }
    }

    pub fn dunder(self) -> &'static str {
        match self {
            Compare::Lt => "__lt__",
            Compare::Le => "__le__",
            Compare::Eq => "__eq__",
            Compare::Ne => "__ne__",
            Compare::Gt => "__gt__",
            Compare::Ge => "__ge__",
        }
    }

    pub fn from_ast(op: CmpOp) -> Option<Compare> {
        Some(match op {
            CmpOp::Lt => Compare::Lt,
            CmpOp::LtE => Compare::Le,
            CmpOp::Eq => Compare::Eq,
            CmpOp::NotEq => Compare::Ne,
            CmpOp::Gt => Compare::Gt,
            CmpOp::GtE => Compare::Ge,
            _ => return None,
        })
    }
}

/// Where `GetAwaitable` was emitted, for CPython's error wording.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AwaitKind {
    Await,
    AsyncWithEnter,
    AsyncWithExit,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Instr {
    Nop,
    /// Discard TOS.
    Pop,
    /// Push a copy of the n-th item from the top (1 = TOS).
    Copy(u32),
    /// Swap TOS with the n-th item from the top.
    Swap(u32),
    PushNull,

    LoadConst(u32),
    LoadFast(u32),
    StoreFast(u32),
    DeleteFast(u32),
    /// Cells and free variables: index into `cellvars ++ freevars`.
    LoadDeref(u32),
    StoreDeref(u32),
    DeleteDeref(u32),
    /// Free variable read in a class body: the class namespace first, then the cell.
    LoadClassDeref(u32),
    /// Push the cell itself (to build a closure).
    LoadClosure(u32),
    LoadGlobal(u32),
    /// Superinstructions written over the first of a pair by `fuse_pairs` once the code
    /// is final; the second instruction stays in place (so offsets, line and exception
    /// tables are unchanged) and is skipped. They save a dispatch — the run loop's most
    /// expensive step — on the commonest pairs.
    ///
    /// `LOAD_GLOBAL i` + `PUSH_NULL`.
    LoadGlobalNull(u32),
    /// `LOAD_FAST a` + `LOAD_CONST c`.
    LoadFastConst(u16, u16),
    /// `LOAD_FAST a` + `LOAD_FAST b`.
    LoadFastFast(u16, u16),
    StoreGlobal(u32),
    DeleteGlobal(u32),
    /// Module and class bodies: the namespace mapping, then globals, then builtins.
    LoadName(u32),
    StoreName(u32),
    DeleteName(u32),
    LoadAttr(u32),
    StoreAttr(u32),
    DeleteAttr(u32),
    /// Push `method, self` when the attribute is a plain function on the type, else
    /// `attr, NULL` (consumed by `Call`).
    LoadMethod(u32),

    BinarySubscr,
    StoreSubscr,
    DeleteSubscr,
    /// Build a slice from 2 or 3 stack items.
    BuildSlice(u32),

    BinaryOp(BinOp),
    InplaceOp(BinOp),
    UnaryNegative,
    UnaryPositive,
    UnaryInvert,
    UnaryNot,
    CompareOp(Compare),
    /// `is` (arg false) / `is not` (arg true).
    IsOp(bool),
    /// `in` (arg false) / `not in` (arg true).
    ContainsOp(bool),

    Jump(u32),
    PopJumpIfFalse(u32),
    PopJumpIfTrue(u32),
    PopJumpIfNone(u32),
    PopJumpIfNotNone(u32),
    JumpIfFalseOrPop(u32),
    JumpIfTrueOrPop(u32),
    GetIter,
    /// TOS is an iterator: push its next value, or pop it and jump when exhausted.
    ForIter(u32),

    /// Stack: [defaults tuple] [kwdefaults dict] [closure tuple] code.
    MakeFunction(u32),
    /// Stack: callable, self_or_null, args... (n args).
    Call(u32),
    /// Like `Call`, with a tuple of keyword names on top; the last len(names) args are
    /// keyword values.
    CallKw(u32),
    /// Stack: callable, self_or_null, args tuple, [kwargs dict if arg & 1].
    CallEx(u32),
    ReturnValue,

    BuildTuple(u32),
    BuildList(u32),
    BuildSet(u32),
    /// n key/value pairs.
    BuildMap(u32),
    /// Concatenate n strings.
    BuildString(u32),
    /// Append TOS to the list n items down (comprehensions).
    ListAppend(u32),
    SetAdd(u32),
    MapAdd(u32),
    ListExtend(u32),
    SetUpdate(u32),
    DictUpdate(u32),
    /// `**` in a call: like DictUpdate but duplicate keys are an error.
    DictMerge(u32),
    ListToTuple,
    UnpackSequence(u32),
    /// Starred unpacking: low 8 bits = names before the star, high bits = names after.
    UnpackEx(u32),
    /// f-string field: arg bits 0-1 conversion (0 none, 1 str, 2 repr, 3 ascii),
    /// bit 2 = a format spec is on the stack.
    FormatValue(u32),

    /// 0: re-raise the handled exception; 1: raise TOS; 2: raise TOS1 from TOS.
    RaiseVarargs(u32),
    /// Re-raise TOS (end of a handler or finally block), keeping its traceback.
    Reraise,
    /// Handler entry: push the previously handled exception below TOS and make TOS the
    /// handled exception.
    PushExcInfo,
    /// Handler exit: pop the saved exception and restore it as the handled one.
    PopExcept,
    /// TOS1 exception, TOS type(s): push whether it matches (TOS1 stays).
    CheckExcMatch,
    /// `except*`: split the group TOS1 by type TOS; push rest and match.
    CheckEgMatch,
    /// Combine what `except*` handlers raised with what they did not handle.
    PrepReraiseStar,
    LoadAssertionError,

    /// Context manager on TOS: push `__exit__` (bound) and the result of `__enter__()`.
    BeforeWith,
    BeforeAsyncWith,
    /// Inside a with's handler: call the exit function (4 below the exception) with the
    /// exception triple; push the result.
    WithExceptStart,

    YieldValue,
    /// TOS1 subiterator, TOS value to send: push the yielded value and continue, or when
    /// the subiterator returns, pop it, push the return value and jump.
    Send(u32),
    GetYieldFromIter,
    GetAwaitable(AwaitKind),
    GetAIter,
    GetANext,
    /// End of an `async for`: swallow StopAsyncIteration (TOS) or re-raise anything else.
    EndAsyncFor,

    ImportName(u32),
    ImportFrom(u32),
    ImportStar,

    LoadBuildClass,
    SetupAnnotations,
    /// REPL: print the repr of TOS unless it is None.
    PrintExpr,
}

pub mod flags {
    pub const VARARGS: u32 = 0x04;
    pub const VARKEYWORDS: u32 = 0x08;
    pub const GENERATOR: u32 = 0x20;
    pub const COROUTINE: u32 = 0x100;
    pub const ASYNC_GENERATOR: u32 = 0x200;

    /// `MakeFunction` argument bits.
    pub const MAKE_DEFAULTS: u32 = 0x01;
    pub const MAKE_KWDEFAULTS: u32 = 0x02;
    pub const MAKE_CLOSURE: u32 = 0x08;
}

/// A protected range `start..end`: an exception there unwinds the value stack to `depth`,
/// pushes the exception and jumps to `target`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExceptionEntry {
    pub start: u32,
    pub end: u32,
    pub target: u32,
    pub depth: u32,
}

/// Where `LOAD_GLOBAL` last found a name, so the next execution skips the hash lookups.
/// A hit is revalidated by checking that the remembered entry still holds this very key
/// (a dict holds each key once, so the binding is then current); a builtin hit also
/// needs the globals dict unchanged in its keys, shown by its version.
#[derive(Clone, Copy, Default)]
pub enum GlobalSlot {
    #[default]
    Unknown,
    /// In the globals dict, at this entry position.
    Global(u32),
    /// Absent from the globals dict at `globals_version`; in builtins at this position.
    Builtin { globals_version: u64, pos: u32 },
}

/// Where an attribute of an instance was last found, for `LOAD_ATTR`/`STORE_ATTR` on the
/// same name: valid while the receiver's class is the remembered one and no class has
/// changed since (`class::cache_epoch`), which rules out descriptors and attribute hooks
/// appearing. `pos` is a `__slots__` index when `in_slots`, else a hint into the
/// instance dict, revalidated by key identity.
#[derive(Clone, Copy, Default)]
pub struct AttrSlot {
    pub class: usize,
    pub epoch: u64,
    pub pos: u32,
    pub in_slots: bool,
}

/// A method found on a class for `LOAD_METHOD`, valid under the same conditions as
/// [`AttrSlot`]; the instance dict is still checked for a shadowing attribute.
#[derive(Default)]
pub struct MethodSlot {
    pub class: usize,
    pub epoch: u64,
    pub method: Value,
}

/// Per-name inline caches of a code object (indexed like `names`).
pub struct NameCaches {
    pub global: Box<[std::cell::Cell<GlobalSlot>]>,
    pub load_attr: Box<[std::cell::Cell<AttrSlot>]>,
    pub store_attr: Box<[std::cell::Cell<AttrSlot>]>,
    pub method: Box<[std::cell::RefCell<MethodSlot>]>,
}

impl NameCaches {
    pub fn new(n: usize) -> NameCaches {
        NameCaches {
            global: (0..n).map(|_| Default::default()).collect(),
            load_attr: (0..n).map(|_| Default::default()).collect(),
            store_attr: (0..n).map(|_| Default::default()).collect(),
            method: (0..n).map(|_| Default::default()).collect(),
        }
    }
}

/// A compiled function body (or module/class body).
pub struct Code {
    pub name: Rc<PyStr>,
    pub qualname: Rc<PyStr>,
    pub source: Rc<SourceFile>,
    pub instrs: Box<[Instr]>,
    /// Source line of each instruction.
    pub lines: Box<[u32]>,
    pub first_line: u32,
    pub consts: Box<[Value]>,
    pub names: Box<[Rc<PyStr>]>,
    pub varnames: Box<[Rc<PyStr>]>,
    pub cellvars: Box<[Rc<PyStr>]>,
    pub freevars: Box<[Rc<PyStr>]>,
    /// For each cell: the argument slot it is initialised from, if it is a parameter.
    pub cell_from_arg: Box<[Option<u32>]>,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub flags: u32,
    pub stacksize: u32,
    pub exception_table: Box<[ExceptionEntry]>,
    /// `argcount` when a call with exactly that many positional arguments needs no
    /// binding logic at all (no defaults used, `*args`, `**kwargs`, keyword-only
    /// parameters or cells); `u32::MAX` otherwise.
    pub fast_argc: u32,
    /// Inline caches for global and attribute access, one slot per entry of `names`.
    pub caches: NameCaches,
}

impl Code {
    pub fn is_generator(&self) -> bool {
        self.flags & flags::GENERATOR != 0
    }

    pub fn is_coroutine(&self) -> bool {
        self.flags & flags::COROUTINE != 0
    }

    pub fn is_async_generator(&self) -> bool {
        self.flags & flags::ASYNC_GENERATOR != 0
    }

    /// Any kind of resumable body.
    pub fn is_resumable(&self) -> bool {
        self.flags & (flags::GENERATOR | flags::COROUTINE | flags::ASYNC_GENERATOR) != 0
    }

    pub fn has_varargs(&self) -> bool {
        self.flags & flags::VARARGS != 0
    }

    pub fn has_varkeywords(&self) -> bool {
        self.flags & flags::VARKEYWORDS != 0
    }

    /// Total parameters, including `*args` and `**kwargs`.
    pub fn total_args(&self) -> usize {
        (self.argcount + self.kwonlyargcount) as usize
            + self.has_varargs() as usize
            + self.has_varkeywords() as usize
    }

    pub fn filename(&self) -> &str {
        &self.source.name
    }

    pub fn line_at(&self, ip: usize) -> u32 {
        self.lines.get(ip).copied().unwrap_or(self.first_line)
    }

    /// The innermost handler covering instruction `ip`.
    pub fn handler_for(&self, ip: u32) -> Option<ExceptionEntry> {
        self.exception_table
            .iter()
            .find(|e| e.start <= ip && ip < e.end)
            .copied()
    }
}

/// Renders `apy dis` output for a code object and every code object nested in it.
pub fn disassemble(code: &Code) -> String {
    let mut out = String::new();
    let mut queue = vec![code];
    let mut first = true;
    while let Some(code) = queue.pop() {
        if !first {
            out.push('\n');
        }
        first = false;
        disassemble_one(code, &mut out);
        for c in code.consts.iter().rev() {
            if let Value::Code(inner) = c {
                // Borrow-friendly: push a reference that lives as long as `code`.
                queue.push(inner);
            }
        }
    }
    out
}

fn disassemble_one(code: &Code, out: &mut String) {
    let _ = writeln!(
        out,
        "Disassembly of <code object {} at line {}>:",
        code.qualname.as_str(),
        code.first_line
    );
    let targets: Vec<u32> = code.instrs.iter().filter_map(jump_target).collect();
    let mut last_line = 0;
    for (ip, instr) in code.instrs.iter().enumerate() {
        let line = code.line_at(ip);
        let line_col = if line != last_line {
            last_line = line;
            format!("{line:>4}")
        } else {
            "    ".to_string()
        };
        let marker = if targets.contains(&(ip as u32)) {
            ">>"
        } else {
            "  "
        };
        let (name, arg) = describe(code, instr);
        let _ = writeln!(out, "{line_col} {marker} {ip:>5} {name:<22}{arg}");
    }
    if !code.exception_table.is_empty() {
        let _ = writeln!(out, "ExceptionTable:");
        for e in code.exception_table.iter() {
            let _ = writeln!(
                out,
                "  {} to {} -> {} [{}]",
                e.start, e.end, e.target, e.depth
            );
        }
    }
}

/// Writes superinstructions over fusable pairs whose second half no jump or handler
/// lands on (see `Instr::LoadGlobalNull`).
pub fn fuse_pairs(instrs: &mut [Instr], handler_targets: &[u32]) {
    let mut landing = vec![false; instrs.len() + 1];
    for t in instrs
        .iter()
        .filter_map(jump_target)
        .chain(handler_targets.iter().copied())
    {
        if let Some(l) = landing.get_mut(t as usize) {
            *l = true;
        }
    }
    let small = |i: u32| u16::try_from(i).ok();
    let mut ip = 0;
    while ip + 1 < instrs.len() {
        if landing[ip + 1] {
            ip += 1;
            continue;
        }
        let fused = match (instrs[ip], instrs[ip + 1]) {
            (Instr::LoadGlobal(i), Instr::PushNull) => Some(Instr::LoadGlobalNull(i)),
            (Instr::LoadFast(a), Instr::LoadConst(c)) => small(a)
                .zip(small(c))
                .map(|(a, c)| Instr::LoadFastConst(a, c)),
            (Instr::LoadFast(a), Instr::LoadFast(b)) => small(a)
                .zip(small(b))
                .map(|(a, b)| Instr::LoadFastFast(a, b)),
            _ => None,
        };
        match fused {
            Some(f) => {
                instrs[ip] = f;
                ip += 2;
            }
            None => ip += 1,
        }
    }
}

fn jump_target(instr: &Instr) -> Option<u32> {
    use Instr::*;
    match *instr {
        Jump(t) | PopJumpIfFalse(t) | PopJumpIfTrue(t) | PopJumpIfNone(t) | PopJumpIfNotNone(t)
        | JumpIfFalseOrPop(t) | JumpIfTrueOrPop(t) | ForIter(t) | Send(t) => Some(t),
        _ => None,
    }
}

fn const_repr(v: &Value) -> String {
    match v {
        Value::None => "None".into(),
        Value::Bool(b) => if b.get() { "True" } else { "False" }.into(),
        Value::Int(i) => i.to_string(),
        Value::BigInt(b) => b.to_string(),
        Value::Float(f) => crate::format::float_repr(f.get()),
        Value::Str(s) => crate::format::str_repr(s.as_str()),
        Value::Bytes(b) => crate::format::bytes_repr(&b.data),
        Value::Ellipsis => "Ellipsis".into(),
        Value::Tuple(t) => {
            let items: Vec<String> = t.items.iter().map(const_repr).collect();
            if items.len() == 1 {
                format!("({},)", items[0])
            } else {
                format!("({})", items.join(", "))
            }
        }
        Value::Code(c) => format!("<code object {}>", c.name.as_str()),
        _ => "<const>".into(),
    }
}

fn name_at(names: &[Rc<PyStr>], i: u32) -> String {
    names
        .get(i as usize)
        .map_or_else(|| format!("?{i}"), |n| n.as_str().to_string())
}

fn describe(code: &Code, instr: &Instr) -> (String, String) {
    use Instr::*;
    // A superinstruction shows as its first half: the second follows it.
    let instr = &match *instr {
        LoadGlobalNull(i) => LoadGlobal(i),
        LoadFastConst(a, _) | LoadFastFast(a, _) => LoadFast(a as u32),
        other => other,
    };
    let cell_name = |i: u32| {
        let i = i as usize;
        let n = code.cellvars.len();
        if i < n {
            name_at(&code.cellvars, i as u32)
        } else {
            name_at(&code.freevars, (i - n) as u32)
        }
    };
    let (name, arg): (&str, String) = match *instr {
        LoadConst(i) => (
            "LOAD_CONST",
            format!(
                "{i} ({})",
                code.consts.get(i as usize).map_or("?".into(), const_repr)
            ),
        ),
        LoadFast(i) => ("LOAD_FAST", format!("{i} ({})", name_at(&code.varnames, i))),
        StoreFast(i) => (
            "STORE_FAST",
            format!("{i} ({})", name_at(&code.varnames, i)),
        ),
        DeleteFast(i) => (
            "DELETE_FAST",
            format!("{i} ({})", name_at(&code.varnames, i)),
        ),
        LoadDeref(i) => ("LOAD_DEREF", format!("{i} ({})", cell_name(i))),
        StoreDeref(i) => ("STORE_DEREF", format!("{i} ({})", cell_name(i))),
        DeleteDeref(i) => ("DELETE_DEREF", format!("{i} ({})", cell_name(i))),
        LoadClassDeref(i) => ("LOAD_CLASSDEREF", format!("{i} ({})", cell_name(i))),
        LoadClosure(i) => ("LOAD_CLOSURE", format!("{i} ({})", cell_name(i))),
        LoadGlobal(i) => ("LOAD_GLOBAL", format!("{i} ({})", name_at(&code.names, i))),
        StoreGlobal(i) => ("STORE_GLOBAL", format!("{i} ({})", name_at(&code.names, i))),
        DeleteGlobal(i) => (
            "DELETE_GLOBAL",
            format!("{i} ({})", name_at(&code.names, i)),
        ),
        LoadName(i) => ("LOAD_NAME", format!("{i} ({})", name_at(&code.names, i))),
        StoreName(i) => ("STORE_NAME", format!("{i} ({})", name_at(&code.names, i))),
        DeleteName(i) => ("DELETE_NAME", format!("{i} ({})", name_at(&code.names, i))),
        LoadAttr(i) => ("LOAD_ATTR", format!("{i} ({})", name_at(&code.names, i))),
        StoreAttr(i) => ("STORE_ATTR", format!("{i} ({})", name_at(&code.names, i))),
        DeleteAttr(i) => ("DELETE_ATTR", format!("{i} ({})", name_at(&code.names, i))),
        LoadMethod(i) => ("LOAD_METHOD", format!("{i} ({})", name_at(&code.names, i))),
        ImportName(i) => ("IMPORT_NAME", format!("{i} ({})", name_at(&code.names, i))),
        ImportFrom(i) => ("IMPORT_FROM", format!("{i} ({})", name_at(&code.names, i))),
        BinaryOp(op) => ("BINARY_OP", format!("({})", op.symbol())),
        InplaceOp(op) => ("BINARY_OP", format!("({}=)", op.symbol())),
        CompareOp(op) => ("COMPARE_OP", format!("({})", op.symbol())),
        IsOp(inv) => ("IS_OP", format!("{}", inv as u8)),
        ContainsOp(inv) => ("CONTAINS_OP", format!("{}", inv as u8)),
        GetAwaitable(kind) => ("GET_AWAITABLE", format!("{}", kind as u8)),
        Jump(t) => ("JUMP", format!("to {t}")),
        PopJumpIfFalse(t) => ("POP_JUMP_IF_FALSE", format!("to {t}")),
        PopJumpIfTrue(t) => ("POP_JUMP_IF_TRUE", format!("to {t}")),
        PopJumpIfNone(t) => ("POP_JUMP_IF_NONE", format!("to {t}")),
        PopJumpIfNotNone(t) => ("POP_JUMP_IF_NOT_NONE", format!("to {t}")),
        JumpIfFalseOrPop(t) => ("JUMP_IF_FALSE_OR_POP", format!("to {t}")),
        JumpIfTrueOrPop(t) => ("JUMP_IF_TRUE_OR_POP", format!("to {t}")),
        ForIter(t) => ("FOR_ITER", format!("to {t}")),
        Send(t) => ("SEND", format!("to {t}")),
        _ => {
            let dbg = format!("{instr:?}");
            let (n, a) = match dbg.find('(') {
                Some(p) => (dbg[..p].to_string(), dbg[p + 1..dbg.len() - 1].to_string()),
                None => (dbg, String::new()),
            };
            return (screaming_snake(&n), a);
        }
    };
    (name.to_string(), arg)
}

/// `BuildTuple` → `BUILD_TUPLE`.
fn screaming_snake(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_uppercase());
    }
    out
}
