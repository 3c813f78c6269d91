//! Assignment, deletion and unpacking targets, and augmented assignment.

use super::{CompileResult, Compiler};
use crate::ast::{Expr, ExprKind};
use crate::bytecode::Instr;
use crate::operator::BinOp;

impl<'a> Compiler<'a> {
    /// Stores TOS into `target` (consuming it).
    pub(super) fn compile_store(&mut self, target: &'a Expr) -> CompileResult {
        match &target.kind {
            ExprKind::Name(name) => self.store_name(name),
            ExprKind::Attribute { value, attr } => {
                self.compile_expr(value)?;
                self.set_line(attr.span);
                let i = self.attr_index(&attr.name);
                self.emit(Instr::StoreAttr(i));
            }
            ExprKind::Subscript { value, slice } => {
                self.compile_expr(value)?;
                self.compile_subscript_key(slice)?;
                self.set_line(target.span);
                self.emit(Instr::StoreSubscr);
            }
            ExprKind::Tuple(elts) | ExprKind::List(elts) => {
                let star = elts
                    .iter()
                    .position(|e| matches!(e.kind, ExprKind::Starred(_)));
                match star {
                    Some(pos) => {
                        if elts
                            .iter()
                            .filter(|e| matches!(e.kind, ExprKind::Starred(_)))
                            .count()
                            > 1
                        {
                            return Err(self
                                .error("multiple starred expressions in assignment", target.span));
                        }
                        let after = elts.len() - pos - 1;
                        if pos >= 256 || after >= (1 << 24) {
                            return Err(self.error(
                                "too many expressions in star-unpacking assignment",
                                target.span,
                            ));
                        }
                        self.set_line(target.span);
                        self.emit(Instr::UnpackEx(pos as u32 | ((after as u32) << 8)));
                    }
                    None => {
                        self.set_line(target.span);
                        self.emit(Instr::UnpackSequence(elts.len() as u32));
                    }
                }
                for e in elts {
                    match &e.kind {
                        ExprKind::Starred(inner) => self.compile_store(inner)?,
                        _ => self.compile_store(e)?,
                    }
                }
            }
            ExprKind::Starred(inner) => {
                return Err(self.error(
                    "starred assignment target must be in a list or tuple",
                    inner.span,
                ));
            }
            _ => return Err(self.error("cannot assign to expression", target.span)),
        }
        Ok(())
    }

    pub(super) fn compile_delete(&mut self, target: &'a Expr) -> CompileResult {
        self.set_line(target.span);
        match &target.kind {
            ExprKind::Name(name) => self.delete_name(name),
            ExprKind::Attribute { value, attr } => {
                self.compile_expr(value)?;
                let i = self.attr_index(&attr.name);
                self.emit(Instr::DeleteAttr(i));
            }
            ExprKind::Subscript { value, slice } => {
                self.compile_expr(value)?;
                self.compile_subscript_key(slice)?;
                self.emit(Instr::DeleteSubscr);
            }
            ExprKind::Tuple(elts) | ExprKind::List(elts) => {
                for e in elts {
                    self.compile_delete(e)?;
                }
            }
            _ => return Err(self.error("cannot delete expression", target.span)),
        }
        Ok(())
    }

    pub(super) fn compile_augassign(
        &mut self,
        target: &'a Expr,
        op: BinOp,
        value: &'a Expr,
    ) -> CompileResult {
        match &target.kind {
            ExprKind::Name(name) => {
                self.load_name(name);
                self.compile_expr(value)?;
                self.set_line(target.span);
                self.emit(Instr::InplaceOp(op));
                self.store_name(name);
            }
            ExprKind::Attribute { value: obj, attr } => {
                self.compile_expr(obj)?;
                self.emit(Instr::Copy(1));
                let i = self.attr_index(&attr.name);
                self.emit(Instr::LoadAttr(i));
                self.compile_expr(value)?;
                self.set_line(target.span);
                self.emit(Instr::InplaceOp(op));
                self.emit(Instr::Swap(2));
                self.emit(Instr::StoreAttr(i));
            }
            ExprKind::Subscript { value: obj, slice } => {
                self.compile_expr(obj)?;
                self.compile_subscript_key(slice)?;
                self.emit(Instr::Copy(2));
                self.emit(Instr::Copy(2));
                self.emit(Instr::BinarySubscr);
                self.compile_expr(value)?;
                self.set_line(target.span);
                self.emit(Instr::InplaceOp(op));
                self.emit(Instr::Swap(3));
                self.emit(Instr::Swap(2));
                self.emit(Instr::StoreSubscr);
            }
            _ => {
                return Err(self.error(
                    "'expression' is an illegal expression for augmented assignment",
                    target.span,
                ))
            }
        }
        Ok(())
    }
}
