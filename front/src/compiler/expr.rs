//! Expressions.

use super::{CompileResult, Compiler};
use crate::ast::{Constant, DictItem, Expr, ExprKind, FStringPart};
use crate::bytecode::{AwaitKind, Compare, Const, Instr};
use crate::operator::{BoolOp, CmpOp, UnaryOp};

impl<'a> Compiler<'a> {
    pub(super) fn compile_expr(&mut self, e: &'a Expr) -> CompileResult {
        match &e.kind {
            ExprKind::Constant(c) => {
                let v = self.constant_value(c);
                self.load_const(v);
            }
            ExprKind::Name(name) => self.load_name(name),
            ExprKind::BoolOp { op, values } => {
                let end = self.new_label();
                let last = values.len() - 1;
                for (i, v) in values.iter().enumerate() {
                    self.compile_expr(v)?;
                    if i < last {
                        match op {
                            BoolOp::And => self.jump(Instr::JumpIfFalseOrPop, end),
                            BoolOp::Or => self.jump(Instr::JumpIfTrueOrPop, end),
                        }
                    }
                }
                self.bind(end);
            }
            ExprKind::NamedExpr { target, value } => {
                self.compile_expr(value)?;
                self.emit(Instr::Copy(1));
                self.store_name(&target.name);
            }
            ExprKind::BinOp { left, op, right } => {
                self.compile_expr(left)?;
                self.compile_expr(right)?;
                self.set_line(e.span);
                self.emit(Instr::BinaryOp(*op));
            }
            ExprKind::UnaryOp { op, operand } => {
                if let (UnaryOp::USub, ExprKind::Constant(c)) = (op, &operand.kind) {
                    if let Some(v) = negate_constant(c) {
                        self.load_const(v);
                        return Ok(());
                    }
                }
                self.compile_expr(operand)?;
                self.emit(match op {
                    UnaryOp::Invert => Instr::UnaryInvert,
                    UnaryOp::Not => Instr::UnaryNot,
                    UnaryOp::UAdd => Instr::UnaryPositive,
                    UnaryOp::USub => Instr::UnaryNegative,
                });
            }
            ExprKind::Lambda { args, body, scope } => self.compile_lambda(e, args, body, *scope)?,
            ExprKind::IfExp { test, body, orelse } => {
                let else_label = self.new_label();
                let end = self.new_label();
                self.compile_jump_if(test, false, else_label)?;
                self.compile_expr(body)?;
                self.jump(Instr::Jump, end);
                self.bind(else_label);
                self.compile_expr(orelse)?;
                self.bind(end);
            }
            ExprKind::Dict(items) => self.compile_dict(items)?,
            ExprKind::Set(elts) => {
                if elts.iter().any(is_starred) {
                    self.emit(Instr::BuildSet(0));
                    for elt in elts {
                        if let ExprKind::Starred(inner) = &elt.kind {
                            self.compile_expr(inner)?;
                            self.emit(Instr::SetUpdate(1));
                        } else {
                            self.compile_expr(elt)?;
                            self.emit(Instr::SetAdd(1));
                        }
                    }
                } else if let Some(fs) = self.constant_set(elts) {
                    // CPython folds a display of 3+ constants into a frozenset constant.
                    self.emit(Instr::BuildSet(0));
                    self.load_const(fs);
                    self.emit(Instr::SetUpdate(1));
                } else {
                    for elt in elts {
                        self.compile_expr(elt)?;
                    }
                    self.emit(Instr::BuildSet(elts.len() as u32));
                }
            }
            ExprKind::List(elts) => {
                if elts.iter().any(is_starred) {
                    self.compile_starred_list(elts)?;
                } else {
                    for elt in elts {
                        self.compile_expr(elt)?;
                    }
                    self.emit(Instr::BuildList(elts.len() as u32));
                }
            }
            ExprKind::Tuple(elts) => {
                if let Some(v) = self.constant_tuple(elts) {
                    self.load_const(v);
                } else if elts.iter().any(is_starred) {
                    self.compile_starred_list(elts)?;
                    self.emit(Instr::ListToTuple);
                } else {
                    for elt in elts {
                        self.compile_expr(elt)?;
                    }
                    self.emit(Instr::BuildTuple(elts.len() as u32));
                }
            }
            ExprKind::ListComp { .. }
            | ExprKind::SetComp { .. }
            | ExprKind::DictComp { .. }
            | ExprKind::GeneratorExp { .. } => self.compile_comprehension(e)?,
            ExprKind::Await(value) => {
                self.compile_expr(value)?;
                self.set_line(e.span);
                self.compile_await_value(AwaitKind::Await);
            }
            ExprKind::Yield(value) => {
                match value {
                    Some(v) => self.compile_expr(v)?,
                    None => self.load_none(),
                }
                self.emit(Instr::YieldValue);
            }
            ExprKind::YieldFrom(value) => {
                self.compile_expr(value)?;
                self.emit(Instr::GetYieldFromIter);
                self.load_none();
                self.compile_send_loop();
            }
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } => {
                self.warn(super::syntax_warnings::compare(e, left, ops, comparators));
                self.compile_compare(e, left, ops, comparators)?
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => self.compile_call(e, func, args, keywords)?,
            ExprKind::FString(parts) => self.compile_fstring(parts)?,
            ExprKind::Attribute { value, attr } => {
                self.compile_expr(value)?;
                self.set_line(attr.span);
                let i = self.attr_index(&attr.name);
                self.emit(Instr::LoadAttr(i));
            }
            ExprKind::Subscript { value, slice } => {
                self.warn(super::syntax_warnings::subscript(e, value, slice));
                self.compile_expr(value)?;
                self.compile_subscript_key(slice)?;
                self.set_line(e.span);
                self.emit(Instr::BinarySubscr);
            }
            ExprKind::Starred(_) => {
                return Err(self.error("can't use starred expression here", e.span));
            }
            ExprKind::Slice { .. } => self.compile_slice(e)?,
        }
        Ok(())
    }

    pub(super) fn compile_subscript_key(&mut self, key: &'a Expr) -> CompileResult {
        match &key.kind {
            ExprKind::Slice { .. } => self.compile_slice(key),
            _ => self.compile_expr(key),
        }
    }

    fn compile_slice(&mut self, e: &'a Expr) -> CompileResult {
        let ExprKind::Slice { lower, upper, step } = &e.kind else {
            return self.compile_expr(e);
        };
        for part in [lower, upper] {
            match part {
                Some(p) => self.compile_expr(p)?,
                None => self.load_none(),
            }
        }
        match step {
            Some(s) => {
                self.compile_expr(s)?;
                self.emit(Instr::BuildSlice(3));
            }
            None => self.emit(Instr::BuildSlice(2)),
        }
        Ok(())
    }

    /// A list display with `*` items: build incrementally.
    fn compile_starred_list(&mut self, elts: &'a [Expr]) -> CompileResult {
        self.emit(Instr::BuildList(0));
        for elt in elts {
            if let ExprKind::Starred(inner) = &elt.kind {
                self.compile_expr(inner)?;
                self.emit(Instr::ListExtend(1));
            } else {
                self.compile_expr(elt)?;
                self.emit(Instr::ListAppend(1));
            }
        }
        Ok(())
    }

    fn compile_dict(&mut self, items: &'a [DictItem]) -> CompileResult {
        if !items.iter().any(|i| matches!(i, DictItem::Unpack(_))) {
            for item in items {
                if let DictItem::Pair(k, v) = item {
                    self.compile_expr(k)?;
                    self.compile_expr(v)?;
                }
            }
            self.emit(Instr::BuildMap(items.len() as u32));
            return Ok(());
        }
        self.emit(Instr::BuildMap(0));
        for item in items {
            match item {
                DictItem::Pair(k, v) => {
                    self.compile_expr(k)?;
                    self.compile_expr(v)?;
                    self.emit(Instr::MapAdd(1));
                }
                DictItem::Unpack(m) => {
                    self.compile_expr(m)?;
                    self.emit(Instr::DictUpdate(1));
                }
            }
        }
        Ok(())
    }

    fn compile_compare(
        &mut self,
        e: &Expr,
        left: &'a Expr,
        ops: &[CmpOp],
        comparators: &'a [Expr],
    ) -> CompileResult {
        self.compile_expr(left)?;
        if ops.len() == 1 {
            self.compile_expr(&comparators[0])?;
            self.set_line(e.span);
            self.emit_compare(ops[0]);
            return Ok(());
        }
        let cleanup = self.new_label();
        let end = self.new_label();
        let last = ops.len() - 1;
        for (i, (op, comp)) in ops.iter().zip(comparators).enumerate() {
            self.compile_expr(comp)?;
            if i < last {
                self.emit(Instr::Swap(2));
                self.emit(Instr::Copy(2));
                self.emit_compare(*op);
                self.jump(Instr::JumpIfFalseOrPop, cleanup);
            } else {
                self.emit_compare(*op);
                self.jump(Instr::Jump, end);
            }
        }
        self.bind(cleanup);
        self.emit(Instr::Swap(2));
        self.emit(Instr::Pop);
        self.bind(end);
        Ok(())
    }

    fn emit_compare(&mut self, op: CmpOp) {
        let instr = match op {
            CmpOp::Is => Instr::IsOp(false),
            CmpOp::IsNot => Instr::IsOp(true),
            CmpOp::In => Instr::ContainsOp(false),
            CmpOp::NotIn => Instr::ContainsOp(true),
            other => Instr::CompareOp(Compare::from_ast(other).unwrap_or(Compare::Eq)),
        };
        self.emit(instr);
    }

    pub(super) fn compile_fstring(&mut self, parts: &'a [FStringPart]) -> CompileResult {
        let mut n = 0;
        for part in parts {
            match part {
                FStringPart::Literal(s) => {
                    if s.is_empty() {
                        continue;
                    }
                    self.load_const(Const::Str(s.clone()));
                }
                FStringPart::Field(fv) => {
                    self.compile_expr(&fv.value)?;
                    let conv = match fv.conversion {
                        Some('s') => 1,
                        Some('r') => 2,
                        Some('a') => 3,
                        _ => 0,
                    };
                    let mut flags = conv;
                    if let Some(spec) = &fv.format_spec {
                        self.compile_fstring(spec)?;
                        flags |= 4;
                    }
                    self.emit(Instr::FormatValue(flags));
                }
            }
            n += 1;
        }
        match n {
            0 => self.load_const(Const::Str(String::new())),
            1 => {
                // A lone literal is already a str; a lone field is formatted to str.
            }
            _ => self.emit(Instr::BuildString(n)),
        }
        Ok(())
    }

    pub(super) fn constant_value(&mut self, c: &Constant) -> Const {
        match c {
            Constant::None => Const::None,
            Constant::True => Const::Bool(true),
            Constant::False => Const::Bool(false),
            Constant::Ellipsis => Const::Ellipsis,
            Constant::Int(i) => Const::int(i),
            Constant::Float(f) => Const::Float(*f),
            Constant::Str(s) => Const::Str(s.clone()),
            Constant::Bytes(b) => Const::Bytes(b.clone()),
        }
    }

    /// A tuple display made only of constants becomes one constant.
    /// The iterable of a `for` loop or comprehension: CPython's AST optimizer turns a set
    /// display of constants there into a frozenset constant, whose order is iterated.
    pub(super) fn compile_iter_expr(&mut self, iter: &'a Expr) -> CompileResult {
        if let ExprKind::Set(elts) = &iter.kind {
            let mut items = Vec::with_capacity(elts.len());
            for elt in elts {
                match self.folded_constant(elt) {
                    Some(v) => items.push(v),
                    None => return self.compile_expr(iter),
                }
            }
            if let Some(fs) = frozenset_constant(items) {
                self.load_const(fs);
                return Ok(());
            }
        }
        self.compile_expr(iter)
    }

    /// The frozenset constant for a set display of three or more constants (nested
    /// constant tuples included, as CPython's AST optimizer folds them), if it is one.
    fn constant_set(&mut self, elts: &[Expr]) -> Option<Const> {
        if elts.len() <= 2 {
            return None;
        }
        let mut items = Vec::with_capacity(elts.len());
        for elt in elts {
            items.push(self.folded_constant(elt)?);
        }
        frozenset_constant(items)
    }

    fn folded_constant(&mut self, e: &Expr) -> Option<Const> {
        match &e.kind {
            ExprKind::Constant(c) => Some(self.constant_value(c)),
            ExprKind::UnaryOp {
                op: UnaryOp::USub,
                operand,
            } => match &operand.kind {
                ExprKind::Constant(c) => negate_constant(c),
                _ => None,
            },
            ExprKind::Tuple(elts) if !elts.iter().any(is_starred) => {
                let mut items = Vec::with_capacity(elts.len());
                for elt in elts {
                    items.push(self.folded_constant(elt)?);
                }
                Some(Const::Tuple(items))
            }
            _ => None,
        }
    }

    fn constant_tuple(&mut self, elts: &[Expr]) -> Option<Const> {
        let mut items = Vec::with_capacity(elts.len());
        for elt in elts {
            match &elt.kind {
                ExprKind::Constant(c) => items.push(self.constant_value(c)),
                ExprKind::UnaryOp {
                    op: UnaryOp::USub,
                    operand,
                } => match &operand.kind {
                    ExprKind::Constant(c) => items.push(negate_constant(c)?),
                    _ => return None,
                },
                _ => return None,
            }
        }
        Some(Const::Tuple(items))
    }
}

fn is_starred(e: &Expr) -> bool {
    matches!(e.kind, ExprKind::Starred(_))
}

fn negate_constant(c: &Constant) -> Option<Const> {
    match c {
        Constant::Int(i) => Some(Const::int(&-i.clone())),
        Constant::Float(f) => Some(Const::Float(-f)),
        _ => None,
    }
}

/// The frozenset constant of a set display whose items are all constants, when the object
/// layer can build it without running Python code (see `Const::FrozenSet`).
fn frozenset_constant(items: Vec<Const>) -> Option<Const> {
    items
        .iter()
        .all(Const::hashable_without_vm)
        .then_some(Const::FrozenSet(items))
}
