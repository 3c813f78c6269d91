//! The instruction set: instructions, code flags, exception-table entries and the
//! peephole pass that fuses instruction pairs.
//!
//! The instruction set follows CPython 3.11's closely (so its documentation explains ours),
//! with a fixed 8-byte instruction: an opcode and one 32-bit argument. Exceptions use a
//! side table of protected ranges, as in 3.11 ("zero-cost" try: entering a `try` block
//! executes nothing). Calls use the layout `callable, self_or_null, args...` so that
//! `obj.method(...)` never allocates a bound method.
//!
//! The compiler's output is a [`CodeUnit`] (plain data); the code object the VM runs (with
//! its constants made values and its inline caches) lives with the other values in
//! `object::code`; the disassembler is a tool on top of both, in `dis`. This module needs
//! nothing but the operators.

use crate::operator::{BinOp, CmpOp};
use serde::{Deserialize, Serialize};

pub mod marshal;
mod unit;
pub use unit::{CodeUnit, Const};

/// Comparison operators of `CompareOp` (identity and membership have their own ops).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AwaitKind {
    Await,
    AsyncWithEnter,
    AsyncWithExit,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
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
    /// `LOAD_FAST a` + `LOAD_ATTR i` (`self.x`): the attribute is read from the local
    /// without a reference-count round trip on the object.
    LoadFastAttr(u16, u16),
    /// `LOAD_FAST a` + `LOAD_METHOD i` (`self.m(...)`).
    LoadFastMethod(u16, u16),
    /// `LOAD_FAST a` + `STORE_ATTR i` (`self.x = value`).
    LoadFastStoreAttr(u16, u16),
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
    pub const COROUTINE: u32 = 0x80;
    pub const ASYNC_GENERATOR: u32 = 0x200;

    /// `MakeFunction` argument bits.
    pub const MAKE_DEFAULTS: u32 = 0x01;
    pub const MAKE_KWDEFAULTS: u32 = 0x02;
    /// A tuple `(name, value, name, value...)` of the parameters' annotations.
    pub const MAKE_ANNOTATIONS: u32 = 0x04;
    pub const MAKE_CLOSURE: u32 = 0x08;
}

/// A protected range `start..end`: an exception there unwinds the value stack to `depth`,
/// pushes the exception and jumps to `target`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExceptionEntry {
    pub start: u32,
    pub end: u32,
    pub target: u32,
    pub depth: u32,
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
            (Instr::LoadFast(a), Instr::LoadAttr(i)) => small(a)
                .zip(small(i))
                .map(|(a, i)| Instr::LoadFastAttr(a, i)),
            (Instr::LoadFast(a), Instr::LoadMethod(i)) => small(a)
                .zip(small(i))
                .map(|(a, i)| Instr::LoadFastMethod(a, i)),
            (Instr::LoadFast(a), Instr::StoreAttr(i)) => small(a)
                .zip(small(i))
                .map(|(a, i)| Instr::LoadFastStoreAttr(a, i)),
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

/// Where a jump instruction goes, or None for any other instruction.
pub fn jump_target(instr: &Instr) -> Option<u32> {
    use Instr::*;
    match *instr {
        Jump(t) | PopJumpIfFalse(t) | PopJumpIfTrue(t) | PopJumpIfNone(t) | PopJumpIfNotNone(t)
        | JumpIfFalseOrPop(t) | JumpIfTrueOrPop(t) | ForIter(t) | Send(t) => Some(t),
        _ => None,
    }
}
