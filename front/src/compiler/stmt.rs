//! The statement dispatcher and the simple statements.

use super::{CompileResult, Compiler, FBlock};
use crate::ast::{Expr, ExprKind, Stmt, StmtKind};
use crate::bytecode::Const;
use crate::bytecode::Instr;
use crate::sema::scope::ScopeKind;

impl<'a> Compiler<'a> {
    pub(super) fn compile_body(&mut self, body: &'a [Stmt]) -> CompileResult {
        for s in body {
            self.compile_stmt(s)?;
        }
        Ok(())
    }

    pub(super) fn compile_stmt(&mut self, s: &'a Stmt) -> CompileResult {
        self.set_line(s.span);
        match &s.kind {
            StmtKind::Expr(e) => {
                if self.interactive && self.units.len() == 1 {
                    self.compile_expr(e)?;
                    self.emit(Instr::PrintExpr);
                } else if matches!(e.kind, ExprKind::Constant(_)) {
                    // A bare constant (docstring, `...`) has no effect.
                } else {
                    self.compile_expr(e)?;
                    self.emit(Instr::Pop);
                }
            }
            StmtKind::Assign { targets, value } => {
                self.compile_expr(value)?;
                for (i, t) in targets.iter().enumerate() {
                    if i + 1 < targets.len() {
                        self.emit(Instr::Copy(1));
                    }
                    self.compile_store(t)?;
                }
            }
            StmtKind::AugAssign { target, op, value } => {
                self.compile_augassign(target, *op, value)?
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                simple,
            } => {
                if let Some(v) = value {
                    self.compile_expr(v)?;
                    self.compile_store(target)?;
                }
                let kind = self.scope().kind;
                if *simple && (kind == ScopeKind::Module || kind == ScopeKind::Class) {
                    // CPython evaluates module/class-level annotations and records
                    // them: `__annotations__['name'] = annotation`.
                    self.compile_annotation(annotation)?;
                    match &target.kind {
                        crate::ast::ExprKind::Name(id) => {
                            let key = self.mangle(id).into_owned();
                            self.load_name("__annotations__");
                            self.load_const(Const::Str(key));
                            self.emit(Instr::StoreSubscr);
                        }
                        _ => self.emit(Instr::Pop),
                    }
                }
            }
            StmtKind::Delete(targets) => {
                for t in targets {
                    self.compile_delete(t)?;
                }
            }
            StmtKind::Pass | StmtKind::Global(_) | StmtKind::Nonlocal(_) => {}
            StmtKind::Break => self.compile_break(s)?,
            StmtKind::Continue => self.compile_continue(s)?,
            StmtKind::Return(value) => self.compile_return(value.as_ref())?,
            StmtKind::Raise { exc, cause } => {
                let mut n = 0;
                if let Some(e) = exc {
                    self.compile_expr(e)?;
                    n = 1;
                    if let Some(c) = cause {
                        self.compile_expr(c)?;
                        n = 2;
                    }
                }
                self.emit(Instr::RaiseVarargs(n));
            }
            StmtKind::Import(names) => {
                for alias in names {
                    self.load_const(Const::Int(0));
                    self.load_none();
                    let idx = self.name_index(&alias.name);
                    self.emit(Instr::ImportName(idx));
                    match &alias.asname {
                        Some(asname) => {
                            for part in alias.name.split('.').skip(1) {
                                let i = self.name_index(part);
                                self.emit(Instr::ImportFrom(i));
                                self.emit(Instr::Swap(2));
                                self.emit(Instr::Pop);
                            }
                            self.store_name(&asname.name);
                        }
                        None => {
                            let top = alias.name.split('.').next().unwrap_or(&alias.name);
                            self.store_name(top);
                        }
                    }
                }
            }
            StmtKind::ImportFrom {
                module,
                names,
                level,
            } => {
                self.load_const(Const::Int(*level as i64));
                let fromlist: Vec<Const> =
                    names.iter().map(|a| Const::Str(a.name.clone())).collect();
                self.load_const(Const::Tuple(fromlist));
                let idx = self.name_index(module.as_deref().unwrap_or(""));
                self.emit(Instr::ImportName(idx));
                if names.len() == 1 && names[0].name == "*" {
                    self.emit(Instr::ImportStar);
                } else {
                    for alias in names {
                        let i = self.name_index(&alias.name);
                        self.emit(Instr::ImportFrom(i));
                        let store_as = alias
                            .asname
                            .as_ref()
                            .map_or(alias.name.as_str(), |a| a.name.as_str());
                        self.store_name(store_as);
                    }
                    self.emit(Instr::Pop);
                }
            }
            StmtKind::Assert { test, msg } => {
                self.warn(super::syntax_warnings::assert_tuple(s.span, test));
                let end = self.new_label();
                self.compile_jump_if(test, true, end)?;
                self.emit(Instr::LoadAssertionError);
                if let Some(m) = msg {
                    self.emit(Instr::PushNull);
                    self.compile_expr(m)?;
                    self.emit(Instr::Call(1));
                }
                self.emit(Instr::RaiseVarargs(1));
                self.bind(end);
            }
            StmtKind::If { test, body, orelse } => self.compile_if(test, body, orelse)?,
            StmtKind::While { test, body, orelse } => self.compile_while(test, body, orelse)?,
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
                is_async,
            } => {
                if *is_async {
                    self.compile_async_for(target, iter, body, orelse)?
                } else {
                    self.compile_for(target, iter, body, orelse)?
                }
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
                is_star,
            } => self.compile_try(body, handlers, orelse, finalbody, *is_star)?,
            StmtKind::With {
                items,
                body,
                is_async,
            } => self.compile_with(items, 0, body, *is_async)?,
            StmtKind::FunctionDef(def) => self.compile_function_def(def)?,
            StmtKind::ClassDef(def) => self.compile_class_def(def)?,
        }
        Ok(())
    }

    fn compile_return(&mut self, value: Option<&'a Expr>) -> CompileResult {
        let preserve = value.is_some();
        if let Some(v) = value {
            self.compile_expr(v)?
        }
        self.unwind_all(preserve)?;
        if !preserve {
            self.load_none();
        }
        self.emit(Instr::ReturnValue);
        Ok(())
    }

    fn compile_break(&mut self, s: &Stmt) -> CompileResult {
        let saved_blocks = self.unit().fblocks.clone();
        let saved_handlers = self.b().save_handlers();
        loop {
            let Some(block) = self.unit().fblocks.pop() else {
                return Err(self.error("'break' outside loop", s.span));
            };
            match block.kind {
                FBlock::WhileLoop { exit, .. } => {
                    self.b().truncate_handlers(block.handler_depth);
                    self.jump(Instr::Jump, exit);
                    break;
                }
                FBlock::ForLoop { exit, .. } => {
                    self.b().truncate_handlers(block.handler_depth);
                    self.emit(Instr::Pop);
                    self.jump(Instr::Jump, exit);
                    break;
                }
                _ => self.unwind_block(&block, false)?,
            }
        }
        self.unit().fblocks = saved_blocks;
        self.b().set_handlers(saved_handlers);
        Ok(())
    }

    fn compile_continue(&mut self, s: &Stmt) -> CompileResult {
        let saved_blocks = self.unit().fblocks.clone();
        let saved_handlers = self.b().save_handlers();
        loop {
            let Some(block) = self.unit().fblocks.pop() else {
                return Err(self.error("'continue' not properly in loop", s.span));
            };
            match block.kind {
                FBlock::WhileLoop { start, .. } | FBlock::ForLoop { start, .. } => {
                    self.b().truncate_handlers(block.handler_depth);
                    self.jump(Instr::Jump, start);
                    break;
                }
                _ => self.unwind_block(&block, false)?,
            }
        }
        self.unit().fblocks = saved_blocks;
        self.b().set_handlers(saved_handlers);
        Ok(())
    }

    /// Unwinds every enclosing block before a `return`.
    fn unwind_all(&mut self, preserve_tos: bool) -> CompileResult {
        let saved_blocks = self.unit().fblocks.clone();
        let saved_handlers = self.b().save_handlers();
        while let Some(block) = self.unit().fblocks.pop() {
            self.unwind_block(&block, preserve_tos)?;
        }
        self.unit().fblocks = saved_blocks;
        self.b().set_handlers(saved_handlers);
        Ok(())
    }
}
