//! The disassembler behind `apy dis`: renders a code object and every code object nested
//! in its constants, in the style of CPython's `dis` module.
//!
//! It is a tool over the instruction set (`bytecode`) and code objects (`object::code`),
//! so it sits above the layers it reads rather than inside either of them.

use crate::bytecode::{jump_target, Instr};
use crate::object::{Code, PyStr, Value};
use std::fmt::Write;
use std::rc::Rc;

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
        LoadFastConst(a, _)
        | LoadFastFast(a, _)
        | LoadFastAttr(a, _)
        | LoadFastMethod(a, _)
        | LoadFastStoreAttr(a, _) => LoadFast(a as u32),
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
