//! Builds one code object: instruction emission with symbolic labels, the protected
//! ranges of the exception table, constant/name tables, and — when finished — label
//! resolution and the maximum stack depth by flow analysis.

use crate::bytecode::{CodeUnit, Const, ExceptionEntry, Instr};
use std::collections::HashMap;

/// A jump target, resolved to an instruction index when the code is finished.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Label(pub u32);

/// An exception handler as the builder tracks it: where it jumps, and the instruction at
/// which it was set up (the value-stack depth there is what the handler unwinds to).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Handler {
    target: Label,
    setup_ip: u32,
    /// Extra depth relative to the setup point (used by handlers set up after the
    /// exception value was already pushed).
    depth_adjust: i32,
}

/// Key for deduplicating constants (floats by bit pattern, so 0.0 and -0.0 stay apart).
#[derive(Clone, PartialEq, Eq, Hash)]
enum ConstKey {
    None,
    Bool(bool),
    Int(i64),
    Float(u64),
    Str(String),
    Other(usize),
}

pub struct CodeBuilder {
    /// The unit being built: its instructions hold label ids and its stack size and
    /// exception table are empty until [`CodeBuilder::finish`].
    pub unit: CodeUnit,
    /// The handler active at each instruction.
    handler_at: Vec<Option<Handler>>,
    handlers: Vec<Handler>,
    labels: Vec<Option<u32>>,
    const_index: HashMap<ConstKey, u32>,
    name_index: HashMap<String, u32>,
    pub current_line: u32,
}

impl CodeBuilder {
    pub fn new(name: String, qualname: String, first_line: u32) -> CodeBuilder {
        CodeBuilder {
            unit: CodeUnit {
                name,
                qualname,
                instrs: Vec::new(),
                lines: Vec::new(),
                first_line,
                consts: Vec::new(),
                names: Vec::new(),
                varnames: Vec::new(),
                cellvars: Vec::new(),
                freevars: Vec::new(),
                cell_from_arg: Vec::new(),
                argcount: 0,
                posonlyargcount: 0,
                kwonlyargcount: 0,
                flags: 0,
                stacksize: 0,
                exception_table: Vec::new(),
            },
            handler_at: Vec::new(),
            handlers: Vec::new(),
            labels: Vec::new(),
            const_index: HashMap::new(),
            name_index: HashMap::new(),
            current_line: first_line,
        }
    }

    pub fn emit(&mut self, instr: Instr) {
        self.unit.instrs.push(instr);
        self.unit.lines.push(self.current_line);
        self.handler_at.push(self.handlers.last().copied());
    }

    pub fn next_ip(&self) -> u32 {
        self.unit.instrs.len() as u32
    }

    pub fn new_label(&mut self) -> Label {
        self.labels.push(None);
        Label(self.labels.len() as u32 - 1)
    }

    /// Binds `label` to the next instruction.
    pub fn bind(&mut self, label: Label) {
        self.labels[label.0 as usize] = Some(self.next_ip());
    }

    /// Starts a protected range whose exceptions go to `target`, unwinding to the stack
    /// depth at this point.
    pub fn push_handler(&mut self, target: Label) {
        self.handlers.push(Handler {
            target,
            setup_ip: self.next_ip(),
            depth_adjust: 0,
        });
    }

    /// Like `push_handler`, with the unwind depth `adjust` items from the depth here.
    pub fn push_handler_adjusted(&mut self, target: Label, adjust: i32) {
        self.handlers.push(Handler {
            target,
            setup_ip: self.next_ip(),
            depth_adjust: adjust,
        });
    }

    pub fn pop_handler(&mut self) {
        self.handlers.pop();
    }

    pub fn handler_count(&self) -> usize {
        self.handlers.len()
    }

    pub fn save_handlers(&self) -> Vec<HandlerToken> {
        self.handlers.iter().copied().map(HandlerToken).collect()
    }

    pub fn set_handlers(&mut self, saved: Vec<HandlerToken>) {
        self.handlers = saved.into_iter().map(|t| t.0).collect();
    }

    pub fn truncate_handlers(&mut self, n: usize) {
        self.handlers.truncate(n);
    }

    /// Temporarily leaves the innermost protected range (e.g. while emitting an inlined
    /// `finally` body on a `return` path); `restore_handler` re-enters it.
    pub fn suspend_handler(&mut self) -> Option<HandlerToken> {
        self.handlers.pop().map(HandlerToken)
    }

    pub fn restore_handler(&mut self, token: Option<HandlerToken>) {
        if let Some(HandlerToken(h)) = token {
            self.handlers.push(h);
        }
    }

    pub fn const_index(&mut self, v: Const) -> u32 {
        let key = match &v {
            Const::None => ConstKey::None,
            Const::Bool(b) => ConstKey::Bool(*b),
            Const::Int(i) => ConstKey::Int(*i),
            Const::Float(f) => ConstKey::Float(f.to_bits()),
            Const::Str(s) => ConstKey::Str(s.clone()),
            _ => ConstKey::Other(self.unit.consts.len()),
        };
        if let Some(&i) = self.const_index.get(&key) {
            return i;
        }
        let i = self.unit.consts.len() as u32;
        self.unit.consts.push(v);
        self.const_index.insert(key, i);
        i
    }

    pub fn name_index(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.name_index.get(name) {
            return i;
        }
        let i = self.unit.names.len() as u32;
        self.unit.names.push(name.to_string());
        self.name_index.insert(name.to_string(), i);
        i
    }

    /// Resolves labels, builds the exception table and computes the stack size.
    pub fn finish(mut self) -> CodeUnit {
        let labels: Vec<u32> = self.labels.iter().map(|l| l.unwrap_or(0)).collect();
        let resolve = |l: u32| labels.get(l as usize).copied().unwrap_or(0);
        for instr in self.unit.instrs.iter_mut() {
            use Instr::*;
            match instr {
                Jump(t) | PopJumpIfFalse(t) | PopJumpIfTrue(t) | PopJumpIfNone(t)
                | PopJumpIfNotNone(t) | JumpIfFalseOrPop(t) | JumpIfTrueOrPop(t) | ForIter(t)
                | Send(t) => *t = resolve(*t),
                _ => {}
            }
        }
        let handler_at: Vec<Option<(u32, u32, i32)>> = self
            .handler_at
            .iter()
            .map(|h| h.map(|h| (resolve(h.target.0), h.setup_ip, h.depth_adjust)))
            .collect();
        let depths = stack_depths(&self.unit.instrs, &handler_at);
        let stacksize = depths.iter().flatten().copied().max().unwrap_or(0) + 2;

        let mut table: Vec<ExceptionEntry> = Vec::new();
        for (ip, h) in handler_at.iter().enumerate() {
            let Some((target, setup_ip, adjust)) = *h else {
                continue;
            };
            let depth = depth_at(&depths, setup_ip) as i32 + adjust;
            let entry = ExceptionEntry {
                start: ip as u32,
                end: ip as u32 + 1,
                target,
                depth: depth.max(0) as u32,
            };
            match table.last_mut() {
                Some(last)
                    if last.end == ip as u32
                        && last.target == target
                        && last.depth == entry.depth =>
                {
                    last.end += 1
                }
                _ => table.push(entry),
            }
        }
        let handler_targets: Vec<u32> = table.iter().map(|e| e.target).collect();
        crate::bytecode::fuse_pairs(&mut self.unit.instrs, &handler_targets);
        self.unit.stacksize = stacksize;
        self.unit.exception_table = table;
        self.unit
    }
}

/// Opaque saved handler for `suspend_handler`/`restore_handler`.
pub struct HandlerToken(Handler);

fn depth_at(depths: &[Option<u32>], ip: u32) -> u32 {
    // A handler set up at the very end (empty protected range) has no instruction there.
    depths.get(ip as usize).copied().flatten().unwrap_or(0)
}

/// Stack depth before each reachable instruction.
fn stack_depths(instrs: &[Instr], handler_at: &[Option<(u32, u32, i32)>]) -> Vec<Option<u32>> {
    let n = instrs.len();
    let mut depth: Vec<Option<u32>> = vec![None; n];
    let mut work: Vec<(usize, i64)> = vec![(0, 0)];
    let mut pending_handlers: Vec<usize> = Vec::new();
    loop {
        while let Some((ip, d)) = work.pop() {
            if ip >= n {
                continue;
            }
            let d = d.max(0);
            if d > 100_000 {
                // A compiler bug would make this loop forever; stop instead.
                if std::env::var_os("APY_DEBUG_DEPTH").is_some() {
                    eprintln!("stack depth runaway at {ip}: {:?}", instrs[ip]);
                }
                continue;
            }
            if let Some(old) = depth[ip] {
                if old as i64 >= d {
                    continue;
                }
            }
            depth[ip] = Some(d as u32);
            if handler_at[ip].is_some() {
                pending_handlers.push(ip);
            }
            let instr = instrs[ip];
            let (fall, jump) = effect(&instr);
            if let Some(target) = jump_of(&instr) {
                work.push((target as usize, d + jump));
            }
            if !is_terminal(&instr) {
                work.push((ip + 1, d + fall));
            }
        }
        let mut progressed = false;
        for ip in pending_handlers.drain(..) {
            if let Some((target, setup_ip, adjust)) = handler_at[ip] {
                let base = depth_at(&depth, setup_ip) as i64 + adjust as i64;
                let entry = base + 1;
                if depth
                    .get(target as usize)
                    .copied()
                    .flatten()
                    .is_none_or(|old| (old as i64) < entry)
                {
                    work.push((target as usize, entry));
                    progressed = true;
                }
            }
        }
        if !progressed {
            break;
        }
    }
    depth
}

fn jump_of(instr: &Instr) -> Option<u32> {
    use Instr::*;
    match *instr {
        Jump(t) | PopJumpIfFalse(t) | PopJumpIfTrue(t) | PopJumpIfNone(t) | PopJumpIfNotNone(t)
        | JumpIfFalseOrPop(t) | JumpIfTrueOrPop(t) | ForIter(t) | Send(t) => Some(t),
        _ => None,
    }
}

fn is_terminal(instr: &Instr) -> bool {
    matches!(
        instr,
        Instr::Jump(_) | Instr::ReturnValue | Instr::Reraise | Instr::RaiseVarargs(_)
    )
}

/// Stack effect of an instruction: (when falling through, when jumping).
pub fn effect(instr: &Instr) -> (i64, i64) {
    use Instr::*;
    let n = |x: u32| x as i64;
    match *instr {
        Nop => (0, 0),
        Pop => (-1, 0),
        Copy(_) => (1, 0),
        Swap(_) => (0, 0),
        PushNull => (1, 0),
        LoadConst(_) | LoadFast(_) | LoadDeref(_) | LoadClassDeref(_) | LoadClosure(_)
        | LoadGlobal(_) | LoadName(_) | LoadAssertionError | LoadBuildClass => (1, 0),
        // Fused after this analysis ran; as one step they push both values.
        LoadGlobalNull(_) | LoadFastConst(..) | LoadFastFast(..) | LoadFastMethod(..) => (2, 0),
        LoadFastAttr(..) => (1, 0),
        LoadFastStoreAttr(..) => (-1, 0),
        StoreFast(_) | StoreDeref(_) | StoreGlobal(_) | StoreName(_) => (-1, 0),
        DeleteFast(_) | DeleteDeref(_) | DeleteGlobal(_) | DeleteName(_) => (0, 0),
        LoadAttr(_) => (0, 0),
        StoreAttr(_) => (-2, 0),
        DeleteAttr(_) => (-1, 0),
        LoadMethod(_) => (1, 0),
        BinarySubscr => (-1, 0),
        StoreSubscr => (-3, 0),
        DeleteSubscr => (-2, 0),
        BuildSlice(k) => (1 - n(k), 0),
        BinaryOp(_) | InplaceOp(_) | CompareOp(_) | IsOp(_) | ContainsOp(_) => (-1, 0),
        UnaryNegative | UnaryPositive | UnaryInvert | UnaryNot => (0, 0),
        Jump(_) => (0, 0),
        PopJumpIfFalse(_) | PopJumpIfTrue(_) | PopJumpIfNone(_) | PopJumpIfNotNone(_) => (-1, -1),
        JumpIfFalseOrPop(_) | JumpIfTrueOrPop(_) => (-1, 0),
        GetIter => (0, 0),
        ForIter(_) => (1, -1),
        MakeFunction(flags) => {
            // Each flag pops one more value: defaults, keyword defaults, annotations,
            // closure.
            let extra = [
                crate::bytecode::flags::MAKE_DEFAULTS,
                crate::bytecode::flags::MAKE_KWDEFAULTS,
                crate::bytecode::flags::MAKE_ANNOTATIONS,
                crate::bytecode::flags::MAKE_CLOSURE,
            ]
            .iter()
            .filter(|&&bit| flags & bit != 0)
            .count() as i64;
            (-extra, 0)
        }
        Call(k) => (-1 - n(k), 0),
        CallKw(k) => (-2 - n(k), 0),
        CallEx(f) => (-2 - (f & 1) as i64, 0),
        ReturnValue => (-1, 0),
        BuildTuple(k) | BuildList(k) | BuildSet(k) | BuildString(k) => (1 - n(k), 0),
        BuildMap(k) => (1 - 2 * n(k), 0),
        ListAppend(_) | SetAdd(_) | ListExtend(_) | SetUpdate(_) | DictUpdate(_) | DictMerge(_) => {
            (-1, 0)
        }
        MapAdd(_) => (-2, 0),
        ListToTuple => (0, 0),
        UnpackSequence(k) => (n(k) - 1, 0),
        UnpackEx(k) => ((k & 0xff) as i64 + (k >> 8) as i64, 0),
        FormatValue(f) => (if f & 4 != 0 { -1 } else { 0 }, 0),
        RaiseVarargs(k) => (-n(k), 0),
        Reraise => (-1, 0),
        PushExcInfo => (1, 0),
        PopExcept => (-1, 0),
        CheckExcMatch => (0, 0),
        CheckEgMatch => (0, 0),
        PrepReraiseStar => (-1, 0),
        BeforeWith | BeforeAsyncWith => (1, 0),
        WithExceptStart => (1, 0),
        YieldValue => (0, 0),
        Send(_) => (0, -1),
        GetYieldFromIter | GetAwaitable(_) | GetAIter => (0, 0),
        GetANext => (1, 0),
        EndAsyncFor => (-2, 0),
        ImportName(_) => (-1, 0),
        ImportFrom(_) => (1, 0),
        ImportStar => (-1, 0),
        SetupAnnotations => (0, 0),
        PrintExpr => (-1, 0),
    }
}
