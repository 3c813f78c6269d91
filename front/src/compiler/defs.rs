//! Function, lambda and class definitions: defaults, closures, decorators, class bodies.

use super::{CompileResult, Compiler};
use crate::ast::{Arguments, ClassDef, Expr, FunctionDef, ScopeId, StmtKind};
use crate::bytecode::{flags, Instr};
use crate::bytecode::{CodeUnit, Const};

impl<'a> Compiler<'a> {
    pub(super) fn compile_function_def(&mut self, def: &'a FunctionDef) -> CompileResult {
        for d in &def.decorators {
            self.compile_expr(d)?;
            self.emit(Instr::PushNull);
        }
        let mut make_flags = self.compile_defaults(&def.args)?;
        make_flags |= self.compile_annotations(&def.args, def.returns.as_ref())?;
        let scope = self.scopes.get(def.scope);
        let line = self.source.line_of(def.name.span.start);
        self.enter_unit(def.scope, &def.name.name, &scope.qualname.clone(), line);
        self.compile_function_body(&def.body)?;
        let code = self.leave_unit();
        self.set_line(def.name.span);
        self.make_function_object(code, def.scope, make_flags)?;
        for _ in &def.decorators {
            self.emit(Instr::Call(1));
        }
        self.store_name(&def.name.name);
        Ok(())
    }

    fn compile_function_body(&mut self, body: &'a [crate::ast::Stmt]) -> CompileResult {
        // A docstring is not executed: as in CPython, it is the code's first constant
        // (None when there is none), where the function's `__doc__` comes from.
        let (doc, body) = match body.first().map(|s| &s.kind) {
            Some(StmtKind::Expr(e)) => match &e.kind {
                crate::ast::ExprKind::Constant(crate::ast::Constant::Str(s)) => {
                    (Const::Str(s.clone()), &body[1..])
                }
                _ => (Const::None, body),
            },
            _ => (Const::None, body),
        };
        self.b().const_index(doc);
        self.compile_body(body)?;
        self.load_none();
        self.emit(Instr::ReturnValue);
        Ok(())
    }

    pub(super) fn compile_lambda(
        &mut self,
        e: &'a Expr,
        args: &'a Arguments,
        body: &'a Expr,
        scope: ScopeId,
    ) -> CompileResult {
        let make_flags = self.compile_defaults(args)?;
        let qualname = self.scopes.get(scope).qualname.clone();
        let line = self.source.line_of(e.span.start);
        self.enter_unit(scope, "<lambda>", &qualname, line);
        // First constant None: a lambda has no docstring, whatever its body is.
        self.b().const_index(Const::None);
        self.set_line(body.span);
        self.compile_expr(body)?;
        if self.b().unit.flags & (flags::GENERATOR | flags::ASYNC_GENERATOR) != 0 {
            self.emit(Instr::Pop);
            self.load_none();
        }
        self.emit(Instr::ReturnValue);
        let code = self.leave_unit();
        self.make_function_object(code, scope, make_flags)
    }

    /// Pushes the defaults tuple and keyword-only defaults dict; returns MakeFunction flags.
    fn compile_defaults(&mut self, args: &'a Arguments) -> CompileResult<u32> {
        let mut make_flags = 0;
        if !args.defaults.is_empty() {
            for d in &args.defaults {
                self.compile_expr(d)?;
            }
            self.emit(Instr::BuildTuple(args.defaults.len() as u32));
            make_flags |= flags::MAKE_DEFAULTS;
        }
        let kwdefaults: Vec<_> = args
            .kwonly
            .iter()
            .zip(&args.kw_defaults)
            .filter_map(|(a, d)| d.as_ref().map(|d| (a, d)))
            .collect();
        if !kwdefaults.is_empty() {
            for (a, d) in &kwdefaults {
                self.load_const(Const::Str(a.name.name.clone()));
                self.compile_expr(d)?;
            }
            self.emit(Instr::BuildMap(kwdefaults.len() as u32));
            make_flags |= flags::MAKE_KWDEFAULTS;
        }
        Ok(make_flags)
    }

    /// Pushes the tuple `(name, annotation, ...)` of the parameters and the return value,
    /// evaluated now as CPython 3.11 does, in parameter order; returns the
    /// MakeFunction flag when there is any.
    fn compile_annotations(
        &mut self,
        args: &'a Arguments,
        returns: Option<&'a Expr>,
    ) -> CompileResult<u32> {
        let params = args
            .posonly
            .iter()
            .chain(&args.args)
            .chain(&args.vararg)
            .chain(&args.kwonly)
            .chain(&args.kwarg);
        let mut count = 0;
        for arg in params {
            if let Some(annotation) = &arg.annotation {
                let name = self.mangle(&arg.name.name).into_owned();
                self.load_const(Const::Str(name));
                self.compile_annotation(annotation)?;
                count += 1;
            }
        }
        if let Some(annotation) = returns {
            self.load_const(Const::Str("return".to_string()));
            self.compile_annotation(annotation)?;
            count += 1;
        }
        if count == 0 {
            return Ok(0);
        }
        self.emit(Instr::BuildTuple(2 * count));
        Ok(flags::MAKE_ANNOTATIONS)
    }

    /// Stack: [defaults] [kwdefaults] [annotations] → function (with a closure if the
    /// code needs one).
    pub(super) fn make_function_object(
        &mut self,
        code: CodeUnit,
        scope: ScopeId,
        mut make_flags: u32,
    ) -> CompileResult {
        let freevars: Vec<String> = self.scopes.get(scope).freevars.clone();
        if !freevars.is_empty() {
            let current = self.scope();
            for name in &freevars {
                let idx = current.cellvars.iter().position(|c| c == name).or_else(|| {
                    current
                        .freevars
                        .iter()
                        .position(|f| f == name)
                        .map(|p| p + current.cellvars.len())
                });
                match idx {
                    Some(i) => self.emit(Instr::LoadClosure(i as u32)),
                    None => {
                        return Err(self.error(
                            &format!("internal error: no cell for free variable '{name}'"),
                            Default::default(),
                        ))
                    }
                }
            }
            self.emit(Instr::BuildTuple(freevars.len() as u32));
            make_flags |= flags::MAKE_CLOSURE;
        }
        self.load_const(Const::Code(Box::new(code)));
        self.emit(Instr::MakeFunction(make_flags));
        Ok(())
    }

    pub(super) fn compile_class_def(&mut self, def: &'a ClassDef) -> CompileResult {
        for d in &def.decorators {
            self.compile_expr(d)?;
            self.emit(Instr::PushNull);
        }
        self.emit(Instr::LoadBuildClass);
        self.emit(Instr::PushNull);

        let scope = self.scopes.get(def.scope);
        let qualname = scope.qualname.clone();
        let needs_cell = scope.needs_class_cell;
        let line = self.source.line_of(def.name.span.start);
        self.enter_unit(def.scope, &def.name.name, &qualname, line);
        self.set_line(def.name.span);
        self.load_name("__name__");
        self.store_name("__module__");
        self.load_const(Const::Str(qualname.clone()));
        self.store_name("__qualname__");
        if let Some(StmtKind::Expr(e)) = def.body.first().map(|s| &s.kind) {
            if let crate::ast::ExprKind::Constant(c @ crate::ast::Constant::Str(_)) = &e.kind {
                let v = self.constant_value(c);
                self.load_const(v);
                self.store_name("__doc__");
            }
        }
        self.setup_annotations(&def.body);
        self.compile_body(&def.body)?;
        if needs_cell {
            let idx = self
                .scope()
                .cellvars
                .iter()
                .position(|c| c == "__class__")
                .unwrap_or(0);
            self.emit(Instr::LoadClosure(idx as u32));
        } else {
            self.load_none();
        }
        self.emit(Instr::ReturnValue);
        let code = self.leave_unit();
        self.set_line(def.name.span);
        self.make_function_object(code, def.scope, 0)?;
        self.load_const(Const::Str(def.name.name.clone()));
        let call = Expr::new(crate::ast::ExprKind::Name(String::new()), def.name.span);
        self.compile_call_args(&call, 2, &def.bases, &def.keywords)?;
        for _ in &def.decorators {
            self.emit(Instr::Call(1));
        }
        self.store_name(&def.name.name);
        Ok(())
    }
}
