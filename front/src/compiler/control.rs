//! Control flow: `if`, loops, `try`, `with`, conditional jumps, and unwinding enclosing
//! blocks on `return`/`break`/`continue`.
//!
//! The exception-handling layouts mirror CPython 3.11's compiler (`compiler_try_except`,
//! `compiler_with`, ...), so a handler finds the stack in the same shape CPython's does:
//! at handler entry the exception is on top; `PushExcInfo` saves the previously handled
//! exception beneath it; every handler has a cleanup handler that restores it.

use super::builder::Label;
use super::{Block, CompileResult, Compiler, FBlock};
use crate::ast::{ExceptHandler, Expr, ExprKind, Stmt, WithItem};
use crate::bytecode::{AwaitKind, Instr};
use crate::operator::{BoolOp, UnaryOp};

impl<'a> Compiler<'a> {
    pub(super) fn compile_if(
        &mut self,
        test: &'a Expr,
        body: &'a [Stmt],
        orelse: &'a [Stmt],
    ) -> CompileResult {
        let end = self.new_label();
        if orelse.is_empty() {
            self.compile_jump_if(test, false, end)?;
            self.compile_body(body)?;
        } else {
            let else_label = self.new_label();
            self.compile_jump_if(test, false, else_label)?;
            self.compile_body(body)?;
            self.jump(Instr::Jump, end);
            self.bind(else_label);
            self.compile_body(orelse)?;
        }
        self.bind(end);
        Ok(())
    }

    /// Evaluates `test` and jumps to `target` when its truth equals `jump_if`, with
    /// short-circuiting for `and`/`or`/`not` and no intermediate bool objects.
    pub(super) fn compile_jump_if(
        &mut self,
        test: &'a Expr,
        jump_if: bool,
        target: Label,
    ) -> CompileResult {
        match &test.kind {
            ExprKind::UnaryOp {
                op: UnaryOp::Not,
                operand,
            } => {
                return self.compile_jump_if(operand, !jump_if, target);
            }
            ExprKind::BoolOp { op, values } => {
                let is_or = *op == BoolOp::Or;
                let last = values.len() - 1;
                if is_or == jump_if {
                    // `a or b` jumping when true: any true operand jumps.
                    for v in values {
                        self.compile_jump_if(v, jump_if, target)?;
                    }
                } else {
                    // `a and b` jumping when true: a false operand skips to the end.
                    let skip = self.new_label();
                    for (i, v) in values.iter().enumerate() {
                        if i < last {
                            self.compile_jump_if(v, !jump_if, skip)?;
                        } else {
                            self.compile_jump_if(v, jump_if, target)?;
                        }
                    }
                    self.bind(skip);
                }
                return Ok(());
            }
            ExprKind::Constant(_) => {}
            _ => {}
        }
        self.compile_expr(test)?;
        if jump_if {
            self.jump(Instr::PopJumpIfTrue, target);
        } else {
            self.jump(Instr::PopJumpIfFalse, target);
        }
        Ok(())
    }

    pub(super) fn compile_while(
        &mut self,
        test: &'a Expr,
        body: &'a [Stmt],
        orelse: &'a [Stmt],
    ) -> CompileResult {
        let start = self.new_label();
        let exit = self.new_label();
        let end = self.new_label();
        self.bind(start);
        self.compile_jump_if(test, false, exit)?;
        self.push_block(FBlock::WhileLoop { start, exit: end });
        self.compile_body(body)?;
        self.pop_block();
        self.jump(Instr::Jump, start);
        self.bind(exit);
        self.compile_body(orelse)?;
        self.bind(end);
        Ok(())
    }

    pub(super) fn compile_for(
        &mut self,
        target: &'a Expr,
        iter: &'a Expr,
        body: &'a [Stmt],
        orelse: &'a [Stmt],
    ) -> CompileResult {
        let start = self.new_label();
        let exit = self.new_label();
        let end = self.new_label();
        self.compile_iter_expr(iter)?;
        self.emit(Instr::GetIter);
        self.bind(start);
        self.set_line(iter.span);
        self.jump(Instr::ForIter, exit);
        self.compile_store(target)?;
        self.push_block(FBlock::ForLoop { start, exit: end });
        self.compile_body(body)?;
        self.pop_block();
        self.jump(Instr::Jump, start);
        self.bind(exit);
        self.compile_body(orelse)?;
        self.bind(end);
        Ok(())
    }

    pub(super) fn compile_async_for(
        &mut self,
        target: &'a Expr,
        iter: &'a Expr,
        body: &'a [Stmt],
        orelse: &'a [Stmt],
    ) -> CompileResult {
        let start = self.new_label();
        let except = self.new_label();
        let end = self.new_label();
        self.compile_expr(iter)?;
        self.emit(Instr::GetAIter);
        self.bind(start);
        self.b().push_handler(except);
        self.emit(Instr::GetANext);
        self.load_none();
        self.compile_send_loop();
        self.b().pop_handler();
        self.compile_store(target)?;
        // `break` pops the async iterator just like a sync for loop's iterator.
        self.push_block(FBlock::ForLoop { start, exit: end });
        self.compile_body(body)?;
        self.pop_block();
        self.jump(Instr::Jump, start);
        self.bind(except);
        self.emit(Instr::EndAsyncFor);
        self.compile_body(orelse)?;
        self.bind(end);
        Ok(())
    }

    /// `await`/`yield from` delegation: stack [subiter, value] → [result].
    pub(super) fn compile_send_loop(&mut self) {
        let top = self.new_label();
        let exit = self.new_label();
        self.bind(top);
        self.jump(Instr::Send, exit);
        self.emit(Instr::YieldValue);
        self.jump(Instr::Jump, top);
        self.bind(exit);
    }

    pub(super) fn compile_await_value(&mut self, kind: AwaitKind) {
        self.emit(Instr::GetAwaitable(kind));
        self.load_none();
        self.compile_send_loop();
    }

    pub(super) fn compile_try(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [ExceptHandler],
        orelse: &'a [Stmt],
        finalbody: &'a [Stmt],
        is_star: bool,
    ) -> CompileResult {
        if finalbody.is_empty() {
            return self.compile_try_except(body, handlers, orelse, is_star);
        }
        // try/finally around (try/except/else) if there are handlers.
        let handler = self.new_label();
        let end = self.new_label();
        self.push_block(FBlock::FinallyTry { body: finalbody });
        self.b().push_handler(handler);
        if handlers.is_empty() {
            self.compile_body(body)?;
            debug_assert!(orelse.is_empty());
        } else {
            self.compile_try_except(body, handlers, orelse, is_star)?;
        }
        self.b().pop_handler();
        self.pop_block();
        self.compile_body(finalbody)?;
        self.jump(Instr::Jump, end);

        // Exception path: run the finally body with the exception saved, then re-raise.
        self.bind(handler);
        let cleanup = self.new_label();
        self.push_block(FBlock::FinallyEnd);
        self.b().push_handler(cleanup);
        self.emit(Instr::PushExcInfo);
        self.compile_body(finalbody)?;
        self.emit(Instr::Reraise);
        self.b().pop_handler();
        self.pop_block();
        self.emit_cleanup(cleanup);
        self.bind(end);
        Ok(())
    }

    /// The cleanup handler of an exception handler: restore the previously handled
    /// exception and re-raise.
    fn emit_cleanup(&mut self, cleanup: Label) {
        self.bind(cleanup);
        self.emit(Instr::Swap(2));
        self.emit(Instr::PopExcept);
        self.emit(Instr::Reraise);
    }

    fn compile_try_except(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [ExceptHandler],
        orelse: &'a [Stmt],
        is_star: bool,
    ) -> CompileResult {
        let except = self.new_label();
        let end = self.new_label();
        self.push_block(FBlock::TryExcept);
        self.b().push_handler(except);
        self.compile_body(body)?;
        self.b().pop_handler();
        self.pop_block();
        self.compile_body(orelse)?;
        self.jump(Instr::Jump, end);

        self.bind(except);
        let cleanup = self.new_label();
        let outer_handlers = self.b().handler_count();
        self.b().push_handler(cleanup);
        self.emit(Instr::PushExcInfo);
        if is_star {
            self.compile_star_handlers(handlers, outer_handlers, end)?;
        } else {
            for h in handlers {
                self.set_line(h.span);
                let next = self.new_label();
                if let Some(typ) = &h.typ {
                    self.compile_expr(typ)?;
                    self.emit(Instr::CheckExcMatch);
                    self.jump(Instr::PopJumpIfFalse, next);
                }
                self.compile_handler_body(h, outer_handlers)?;
                self.emit(Instr::PopExcept);
                self.jump(Instr::Jump, end);
                self.bind(next);
            }
            // No clause matched: re-raise (through the cleanup handler).
            self.emit(Instr::Reraise);
        }
        self.b().pop_handler();
        self.emit_cleanup(cleanup);
        self.bind(end);
        Ok(())
    }

    /// One `except` clause body, with the exception on top of the stack; leaves the
    /// saved exception (`prev`) on top.
    fn compile_handler_body(
        &mut self,
        h: &'a ExceptHandler,
        outer_handlers: usize,
    ) -> CompileResult {
        match &h.name {
            Some(name) => {
                self.store_name(&name.name);
                let name_cleanup = self.new_label();
                let end = self.new_label();
                self.unit().fblocks.push(Block {
                    kind: FBlock::HandlerCleanup {
                        name: Some(&name.name),
                    },
                    handler_depth: outer_handlers,
                });
                self.b().push_handler(name_cleanup);
                self.compile_body(&h.body)?;
                self.b().pop_handler();
                self.pop_block();
                self.load_none();
                self.store_name(&name.name);
                self.delete_name(&name.name);
                self.jump(Instr::Jump, end);
                // An exception inside the body: unbind the name, re-raise to the cleanup.
                self.bind(name_cleanup);
                self.load_none();
                self.store_name(&name.name);
                self.delete_name(&name.name);
                self.emit(Instr::Reraise);
                self.bind(end);
            }
            None => {
                self.emit(Instr::Pop);
                self.unit().fblocks.push(Block {
                    kind: FBlock::HandlerCleanup { name: None },
                    handler_depth: outer_handlers,
                });
                self.compile_body(&h.body)?;
                self.pop_block();
            }
        }
        Ok(())
    }

    /// `except*` clauses. Stack on entry: [prev, orig].
    fn compile_star_handlers(
        &mut self,
        handlers: &'a [ExceptHandler],
        outer_handlers: usize,
        end: Label,
    ) -> CompileResult {
        self.emit(Instr::BuildList(0)); // [prev, orig, raised]
        self.emit(Instr::Copy(2)); // [prev, orig, raised, rest]
        for h in handlers {
            self.set_line(h.span);
            let no_match = self.new_label();
            let next = self.new_label();
            if let Some(typ) = &h.typ {
                self.compile_expr(typ)?;
            }
            self.emit(Instr::CheckEgMatch); // [.., raised, rest, match]
            self.emit(Instr::Copy(1));
            self.jump(Instr::PopJumpIfNone, no_match);
            let body_exc = self.new_label();
            match &h.name {
                Some(n) => self.store_name(&n.name),
                None => self.emit(Instr::Pop),
            }
            self.unit().fblocks.push(Block {
                kind: FBlock::ExceptionHandler,
                handler_depth: outer_handlers,
            });
            self.b().push_handler(body_exc);
            self.compile_body(&h.body)?;
            self.b().pop_handler();
            self.pop_block();
            if let Some(n) = &h.name {
                self.load_none();
                self.store_name(&n.name);
                self.delete_name(&n.name);
            }
            self.jump(Instr::Jump, next);
            // The clause raised: collect the exception with the others.
            self.bind(body_exc); // [.., raised, rest, exc]
            if let Some(n) = &h.name {
                self.load_none();
                self.store_name(&n.name);
                self.delete_name(&n.name);
            }
            self.emit(Instr::ListAppend(2));
            self.jump(Instr::Jump, next);
            self.bind(no_match);
            self.emit(Instr::Pop);
            self.bind(next);
        }
        // [prev, orig, raised, rest]
        self.emit(Instr::ListAppend(1)); // [prev, orig, raised+rest]
        self.emit(Instr::PrepReraiseStar); // [prev, to_raise]
        let reraise = self.new_label();
        self.emit(Instr::Copy(1));
        self.jump(Instr::PopJumpIfNotNone, reraise);
        self.emit(Instr::Pop);
        self.emit(Instr::PopExcept);
        self.jump(Instr::Jump, end);
        self.bind(reraise);
        self.emit(Instr::Reraise);
        Ok(())
    }

    /// `with a as x, b as y:` is `with a as x: with b as y:`.
    pub(super) fn compile_with(
        &mut self,
        items: &'a [WithItem],
        index: usize,
        body: &'a [Stmt],
        is_async: bool,
    ) -> CompileResult {
        let item = &items[index];
        let handler = self.new_label();
        let end = self.new_label();
        self.compile_expr(&item.context)?;
        if is_async {
            self.emit(Instr::BeforeAsyncWith);
            self.compile_await_value(AwaitKind::AsyncWithEnter);
        } else {
            self.emit(Instr::BeforeWith);
        }
        // Stack: [exit, enter_result]; the handler keeps only [exit].
        self.push_block(FBlock::With { is_async });
        self.b().push_handler_adjusted(handler, -1);
        match &item.vars {
            Some(target) => self.compile_store(target)?,
            None => self.emit(Instr::Pop),
        }
        if index + 1 < items.len() {
            self.compile_with(items, index + 1, body, is_async)?;
        } else {
            self.compile_body(body)?;
        }
        self.b().pop_handler();
        self.pop_block();
        self.call_exit_with_nones(is_async);
        self.emit(Instr::Pop);
        self.jump(Instr::Jump, end);

        // Exception path: [exit, exc]
        self.bind(handler);
        let cleanup = self.new_label();
        let suppress = self.new_label();
        self.b().push_handler(cleanup);
        self.emit(Instr::PushExcInfo); // [exit, prev, exc]
        self.emit(Instr::WithExceptStart); // [exit, prev, exc, res]
        if is_async {
            self.compile_await_value(AwaitKind::AsyncWithExit);
        }
        self.jump(Instr::PopJumpIfTrue, suppress);
        self.emit(Instr::Reraise);
        self.bind(suppress);
        self.b().pop_handler();
        self.emit(Instr::Pop); // exc
        self.emit(Instr::PopExcept);
        self.emit(Instr::Pop); // exit
        self.jump(Instr::Jump, end);
        self.emit_cleanup(cleanup);
        self.bind(end);
        Ok(())
    }

    /// Stack [exit] → [exit(None, None, None)] (awaited for `async with`).
    fn call_exit_with_nones(&mut self, is_async: bool) {
        self.emit(Instr::PushNull);
        self.load_none();
        self.load_none();
        self.load_none();
        self.emit(Instr::Call(3));
        if is_async {
            self.compile_await_value(AwaitKind::AsyncWithExit);
        }
    }

    /// Emits what leaving `block` early requires. `preserve_tos`: a return value sits on
    /// top of the stack and must survive.
    pub(super) fn unwind_block(&mut self, block: &Block<'a>, preserve_tos: bool) -> CompileResult {
        self.b().truncate_handlers(block.handler_depth);
        match block.kind {
            FBlock::WhileLoop { .. } | FBlock::TryExcept | FBlock::ExceptionHandler => {}
            FBlock::ForLoop { .. } => {
                if preserve_tos {
                    self.emit(Instr::Swap(2));
                }
                self.emit(Instr::Pop);
            }
            FBlock::FinallyTry { body } => {
                if preserve_tos {
                    self.push_block(FBlock::PopValue);
                }
                self.compile_body(body)?;
                if preserve_tos {
                    self.pop_block();
                }
            }
            FBlock::FinallyEnd => {
                if preserve_tos {
                    self.emit(Instr::Swap(2));
                }
                self.emit(Instr::Pop);
                if preserve_tos {
                    self.emit(Instr::Swap(2));
                }
                self.emit(Instr::PopExcept);
            }
            FBlock::With { is_async } => {
                if preserve_tos {
                    self.emit(Instr::Swap(2));
                }
                self.call_exit_with_nones(is_async);
                self.emit(Instr::Pop);
            }
            FBlock::HandlerCleanup { name } => {
                if preserve_tos {
                    self.emit(Instr::Swap(2));
                }
                self.emit(Instr::PopExcept);
                if let Some(name) = name {
                    self.load_none();
                    self.store_name(name);
                    self.delete_name(name);
                }
            }
            FBlock::PopValue => {
                if preserve_tos {
                    self.emit(Instr::Swap(2));
                }
                self.emit(Instr::Pop);
            }
        }
        Ok(())
    }
}
