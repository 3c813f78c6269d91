//! What the compiler produces: a code unit, plain data with no interpreter values in it.
//!
//! Keeping the compiler's output free of `object` types is what lets the whole front end
//! (source text to code units) run without a VM: the build script compiles the frozen
//! standard-library sources with it, and `marshal` stores units as bytes. The object
//! layer turns a unit into a live code object (`object::code_load`), interning its names
//! and making its constants into values.

use super::{ExceptionEntry, Instr};
use num_bigint::BigInt;
use serde::{Deserialize, Serialize};

/// A constant of a code unit, as the compiler folded it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Const {
    None,
    Bool(bool),
    Ellipsis,
    Int(i64),
    /// An integer outside `i64`.
    BigInt(BigInt),
    Float(f64),
    Str(String),
    Bytes(Vec<u8>),
    Tuple(Vec<Const>),
    /// The frozenset CPython's optimizer makes of a set display of constants. Its items
    /// are in display order: the loader builds the set, and that build decides the
    /// printed order. Only made of items for which [`Const::hashable_without_vm`] holds.
    FrozenSet(Vec<Const>),
    /// A nested function, lambda, comprehension or class body.
    Code(Box<CodeUnit>),
}

impl Const {
    pub fn int(i: &BigInt) -> Const {
        match i64::try_from(i) {
            Ok(small) => Const::Int(small),
            Err(_) => Const::BigInt(i.clone()),
        }
    }

    /// Whether the object layer hashes this constant with no Python code and the same
    /// result as `hash()` at run time (`object::frozenset_constant` builds sets only of
    /// these). NaN and `...` are left to the run-time `BUILD_SET`.
    pub fn hashable_without_vm(&self) -> bool {
        match self {
            Const::None
            | Const::Bool(_)
            | Const::Int(_)
            | Const::BigInt(_)
            | Const::Str(_)
            | Const::Bytes(_) => true,
            Const::Float(f) => !f.is_nan(),
            Const::Tuple(items) => items.iter().all(Const::hashable_without_vm),
            Const::Ellipsis | Const::FrozenSet(_) | Const::Code(_) => false,
        }
    }
}

/// A compiled function, lambda, comprehension, class or module body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CodeUnit {
    pub name: String,
    pub qualname: String,
    pub instrs: Vec<Instr>,
    /// Source line of each instruction.
    pub lines: Vec<u32>,
    pub first_line: u32,
    pub consts: Vec<Const>,
    pub names: Vec<String>,
    pub varnames: Vec<String>,
    pub cellvars: Vec<String>,
    pub freevars: Vec<String>,
    /// For each cell: the argument slot it is initialised from, if it is a parameter.
    pub cell_from_arg: Vec<Option<u32>>,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub flags: u32,
    pub stacksize: u32,
    pub exception_table: Vec<ExceptionEntry>,
}
