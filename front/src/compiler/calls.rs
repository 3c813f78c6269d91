//! Call sites. The stack layout is `callable, self_or_null, args...`: a method call
//! `obj.m(x)` pushes the function and `obj` (via `LoadMethod`) so no bound method is built.

use super::{CompileResult, Compiler};
use crate::ast::{Expr, ExprKind, Keyword};
use crate::bytecode::Const;
use crate::bytecode::Instr;
use crate::sema::scope::{ScopeKind, SymbolScope};

impl<'a> Compiler<'a> {
    pub(super) fn compile_call(
        &mut self,
        call: &'a Expr,
        func: &'a Expr,
        args: &'a [Expr],
        keywords: &'a [Keyword],
    ) -> CompileResult {
        self.warn(super::syntax_warnings::call(call, func));
        if self.try_compile_zero_arg_super(func, args, keywords)? {
            return Ok(());
        }
        match &func.kind {
            ExprKind::Attribute { value, attr } if !needs_call_ex(args, keywords) => {
                self.compile_expr(value)?;
                self.set_line(attr.span);
                let i = self.attr_index(&attr.name);
                self.emit(Instr::LoadMethod(i));
            }
            _ => {
                self.compile_expr(func)?;
                self.emit(Instr::PushNull);
            }
        }
        self.compile_call_args(call, 0, args, keywords)
    }

    /// Emits the arguments and the call instruction. `already` positional arguments were
    /// pushed by the caller (class creation pushes the body function and the name).
    pub(super) fn compile_call_args(
        &mut self,
        call: &Expr,
        already: u32,
        args: &'a [Expr],
        keywords: &'a [Keyword],
    ) -> CompileResult {
        if needs_call_ex(args, keywords) {
            // Positional args into a tuple.
            self.emit(Instr::BuildList(already));
            for a in args {
                if let ExprKind::Starred(inner) = &a.kind {
                    self.compile_expr(inner)?;
                    self.emit(Instr::ListExtend(1));
                } else {
                    self.compile_expr(a)?;
                    self.emit(Instr::ListAppend(1));
                }
            }
            self.emit(Instr::ListToTuple);
            if keywords.is_empty() {
                self.set_line(call.span);
                self.emit(Instr::CallEx(0));
                return Ok(());
            }
            self.emit(Instr::BuildMap(0));
            for kw in keywords {
                match &kw.arg {
                    Some(name) => {
                        self.load_const(Const::Str(name.name.clone()));
                        self.compile_expr(&kw.value)?;
                        self.emit(Instr::BuildMap(1));
                        self.emit(Instr::DictMerge(1));
                    }
                    None => {
                        self.compile_expr(&kw.value)?;
                        self.emit(Instr::DictMerge(1));
                    }
                }
            }
            self.set_line(call.span);
            self.emit(Instr::CallEx(1));
            return Ok(());
        }
        for a in args {
            self.compile_expr(a)?;
        }
        let n = already + args.len() as u32;
        if keywords.is_empty() {
            self.set_line(call.span);
            self.emit(Instr::Call(n));
            return Ok(());
        }
        let mut names = Vec::with_capacity(keywords.len());
        for kw in keywords {
            self.compile_expr(&kw.value)?;
            let name = kw.arg.as_ref().map(|a| a.name.as_str()).unwrap_or("");
            names.push(Const::Str(name.to_string()));
        }
        self.load_const(Const::Tuple(names));
        self.set_line(call.span);
        self.emit(Instr::CallKw(n + keywords.len() as u32));
        Ok(())
    }

    /// `super()` inside a method becomes `super(__class__, <first argument>)`.
    fn try_compile_zero_arg_super(
        &mut self,
        func: &Expr,
        args: &[Expr],
        keywords: &[Keyword],
    ) -> CompileResult<bool> {
        let ExprKind::Name(name) = &func.kind else {
            return Ok(false);
        };
        if name != "super" || !args.is_empty() || !keywords.is_empty() {
            return Ok(false);
        }
        let scope = self.scope();
        if !matches!(scope.kind, ScopeKind::Function | ScopeKind::Lambda)
            || scope.lookup("super") != SymbolScope::GlobalImplicit
            || scope.argcount + scope.has_varargs as u32 == 0
        {
            return Ok(false);
        }
        let Some(class_cell) = scope.freevars.iter().position(|n| n == "__class__") else {
            return Ok(false);
        };
        self.load_name("super");
        self.emit(Instr::PushNull);
        self.emit(Instr::LoadDeref((scope.cellvars.len() + class_cell) as u32));
        let first = scope.varnames[0].clone();
        self.load_name(&first);
        self.emit(Instr::Call(2));
        Ok(true)
    }
}

fn needs_call_ex(args: &[Expr], keywords: &[Keyword]) -> bool {
    args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_)))
        || keywords.iter().any(|k| k.arg.is_none())
}
