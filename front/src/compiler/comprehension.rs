//! Comprehensions and generator expressions: each is a nested function taking the
//! outermost iterable's iterator as its single argument `.0`, as in CPython 3.11.

use super::{CompileResult, Compiler};
use crate::ast::{Comprehension, Expr, ExprKind, ScopeId};
use crate::bytecode::{AwaitKind, Instr};

enum Kind<'a> {
    List(&'a Expr),
    Set(&'a Expr),
    Dict(&'a Expr, &'a Expr),
    Gen(&'a Expr),
}

impl<'a> Compiler<'a> {
    pub(super) fn compile_comprehension(&mut self, e: &'a Expr) -> CompileResult {
        let (kind, generators, scope, name) = match &e.kind {
            ExprKind::ListComp {
                elt,
                generators,
                scope,
            } => (Kind::List(elt), generators, *scope, "<listcomp>"),
            ExprKind::SetComp {
                elt,
                generators,
                scope,
            } => (Kind::Set(elt), generators, *scope, "<setcomp>"),
            ExprKind::DictComp {
                key,
                value,
                generators,
                scope,
            } => (Kind::Dict(key, value), generators, *scope, "<dictcomp>"),
            ExprKind::GeneratorExp {
                elt,
                generators,
                scope,
            } => (Kind::Gen(elt), generators, *scope, "<genexpr>"),
            _ => return self.compile_expr(e),
        };
        let info = self.scopes.get(scope);
        let is_async = info.is_async;
        let is_gen = matches!(kind, Kind::Gen(_));
        let qualname = info.qualname.clone();
        let line = self.source.line_of(e.span.start);
        self.enter_unit(scope, name, &qualname, line);
        self.set_line(e.span);
        match kind {
            Kind::List(_) => self.emit(Instr::BuildList(0)),
            Kind::Set(_) => self.emit(Instr::BuildSet(0)),
            Kind::Dict(..) => self.emit(Instr::BuildMap(0)),
            Kind::Gen(_) => {}
        }
        self.compile_comprehension_loop(&kind, generators, 0, if is_gen { 0 } else { 1 })?;
        if is_gen {
            self.load_none();
        }
        self.emit(Instr::ReturnValue);
        let code = self.leave_unit();
        self.make_function_object(code, ScopeId(scope.0), 0)?;

        // Call it with the outermost iterator.
        self.emit(Instr::PushNull);
        let outer = &generators[0];
        self.compile_iter_expr(&outer.iter)?;
        self.emit(if outer.is_async {
            Instr::GetAIter
        } else {
            Instr::GetIter
        });
        self.emit(Instr::Call(1));
        if is_async && !is_gen {
            self.compile_await_value(AwaitKind::Await);
        }
        Ok(())
    }

    /// `depth`: how many loop iterators are on the stack above the result container.
    fn compile_comprehension_loop(
        &mut self,
        kind: &Kind<'a>,
        generators: &'a [Comprehension],
        index: usize,
        depth: u32,
    ) -> CompileResult {
        let gen = &generators[index];
        let start = self.new_label();
        let exit = self.new_label();
        let if_cleanup = self.new_label();
        if index == 0 {
            self.emit(Instr::LoadFast(0));
        } else {
            self.compile_iter_expr(&gen.iter)?;
            self.emit(if gen.is_async {
                Instr::GetAIter
            } else {
                Instr::GetIter
            });
        }
        self.bind(start);
        if gen.is_async {
            self.b().push_handler(exit);
            self.emit(Instr::GetANext);
            self.load_none();
            self.compile_send_loop();
            self.b().pop_handler();
        } else {
            self.jump(Instr::ForIter, exit);
        }
        self.compile_store(&gen.target)?;
        for cond in &gen.ifs {
            self.compile_jump_if(cond, false, if_cleanup)?;
        }
        let depth = depth + 1;
        if index + 1 < generators.len() {
            self.compile_comprehension_loop(kind, generators, index + 1, depth)?;
        } else {
            match kind {
                Kind::List(elt) => {
                    self.compile_expr(elt)?;
                    self.emit(Instr::ListAppend(depth));
                }
                Kind::Set(elt) => {
                    self.compile_expr(elt)?;
                    self.emit(Instr::SetAdd(depth));
                }
                Kind::Dict(k, v) => {
                    self.compile_expr(k)?;
                    self.compile_expr(v)?;
                    self.emit(Instr::MapAdd(depth));
                }
                Kind::Gen(elt) => {
                    self.compile_expr(elt)?;
                    self.emit(Instr::YieldValue);
                    self.emit(Instr::Pop);
                }
            }
        }
        self.bind(if_cleanup);
        self.jump(Instr::Jump, start);
        self.bind(exit);
        if gen.is_async {
            self.emit(Instr::EndAsyncFor);
        }
        Ok(())
    }
}
