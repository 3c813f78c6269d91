//! Turning the compiler's code unit into the code object the VM runs.
//!
//! The unit is plain data (`bytecode::CodeUnit`), made by the compiler at run time or read
//! back from the frozen standard library the build script compiled. Loading does what
//! needs the interpreter's values: names are interned (so attribute and global lookups
//! compare pointers), constants become values, and each name gets its inline caches.

use super::code::NameCaches;
use super::frozenset_constant::frozenset_constant;
use super::string::{Interner, PyBytes};
use super::{Code, PyBool, PyStr, SetObj, SetTable, Value};
use crate::bytecode::{flags, CodeUnit, Const};
use crate::source::SourceFile;
use std::rc::Rc;

impl Code {
    /// The code object for `unit`, whose line numbers point into `source`.
    pub fn load(unit: &CodeUnit, source: &Rc<SourceFile>, interner: &mut Interner) -> Code {
        let mut intern_all = |names: &[String]| -> Box<[Rc<PyStr>]> {
            names.iter().map(|n| interner.intern(n)).collect()
        };
        let names = intern_all(&unit.names);
        let varnames = intern_all(&unit.varnames);
        let cellvars = intern_all(&unit.cellvars);
        let freevars = intern_all(&unit.freevars);
        let consts = unit
            .consts
            .iter()
            .map(|c| const_value(c, source, interner))
            .collect();
        let complex = flags::VARARGS | flags::VARKEYWORDS;
        let fast_argc = if unit.flags & complex == 0
            && unit.kwonlyargcount == 0
            && unit.cellvars.is_empty()
            && unit.freevars.is_empty()
        {
            unit.argcount
        } else {
            u32::MAX
        };
        Code {
            name: interner.intern(&unit.name),
            qualname: interner.intern(&unit.qualname),
            source: source.clone(),
            instrs: unit.instrs.as_slice().into(),
            lines: unit.lines.as_slice().into(),
            first_line: unit.first_line,
            consts,
            caches: NameCaches::new(names.len()),
            names,
            varnames,
            cellvars,
            freevars,
            cell_from_arg: unit.cell_from_arg.as_slice().into(),
            argcount: unit.argcount,
            posonlyargcount: unit.posonlyargcount,
            kwonlyargcount: unit.kwonlyargcount,
            flags: unit.flags,
            stacksize: unit.stacksize,
            exception_table: unit.exception_table.as_slice().into(),
            fast_argc,
        }
    }
}

fn const_value(c: &Const, source: &Rc<SourceFile>, interner: &mut Interner) -> Value {
    match c {
        Const::None => Value::None,
        Const::Bool(b) => Value::Bool(PyBool::new(*b)),
        Const::Ellipsis => Value::Ellipsis,
        Const::Int(i) => Value::Int(*i),
        Const::BigInt(b) => Value::from_bigint(b.clone()),
        Const::Float(f) => Value::float(*f),
        Const::Str(s) if looks_like_identifier(s) => Value::Str(interner.intern(s)),
        Const::Str(s) => Value::str(s.as_str()),
        Const::Bytes(b) => Value::Bytes(Rc::new(PyBytes::new(b.clone()))),
        Const::Tuple(items) => Value::tuple(
            items
                .iter()
                .map(|c| const_value(c, source, interner))
                .collect(),
        ),
        Const::FrozenSet(items) => {
            let values: Vec<Value> = items
                .iter()
                .map(|c| const_value(c, source, interner))
                .collect();
            // The compiler makes a frozenset constant only of items the object layer can
            // hash on its own (`Const::hashable_without_vm`), so this builds; an empty set
            // stands in for a unit that breaks that promise rather than a crash.
            frozenset_constant(&values)
                .unwrap_or_else(|| Value::Set(SetObj::new(SetTable::new(), true)))
        }
        Const::Code(unit) => Value::Code(Rc::new(Code::load(unit, source, interner))),
    }
}

/// CPython interns string constants that look like identifiers, as they are often used
/// as dict keys and attribute names; so does apy.
fn looks_like_identifier(s: &str) -> bool {
    s.len() <= 40 && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}
