//! Where `await`, `yield`, `return`, `async for`/`async with` and asynchronous
//! comprehensions may appear: the checks `compile.c` makes as it reaches each one.

use super::{Result, Walker};
use crate::sema::errors::{fail, SemaError};
use crate::sema::scope::ScopeKind;
use crate::source::Span;

impl Walker<'_, '_> {
    /// `await` needs a function scope that is `async def` or a comprehension (whose own
    /// asynchrony is checked separately), except at the REPL's top level.
    pub(super) fn check_await(&self, span: Span) -> Result<()> {
        if self.is_top_level_await() {
            return Ok(());
        }
        let block = self.cur_block();
        let enclosing = block.describe.clone();
        if !block.is_function_like() {
            return fail(SemaError::AwaitOutsideFunction { span, enclosing });
        }
        if !block.is_async_def && block.kind != ScopeKind::Comprehension {
            return fail(SemaError::AwaitOutsideAsyncFunction { span, enclosing });
        }
        Ok(())
    }

    pub(super) fn check_yield(&self, span: Span) -> Result<()> {
        let block = self.cur_block();
        if !block.is_function_like() {
            return fail(SemaError::YieldOutsideFunction {
                span,
                enclosing: block.describe.clone(),
            });
        }
        Ok(())
    }

    pub(super) fn check_yield_from(&self, span: Span) -> Result<()> {
        self.check_yield(span)?;
        let block = self.cur_block();
        if block.is_async_def {
            return fail(SemaError::YieldFromInAsyncFunction {
                span,
                function: block.describe.clone(),
            });
        }
        Ok(())
    }

    /// `return` needs a function; with a value it may not leave an async generator
    /// (CPython decides that from the scope's flags, so `return None` counts too).
    pub(super) fn check_return(&self, has_value: bool, span: Span) -> Result<()> {
        let block = self.cur_block();
        if !block.is_function_like() {
            return fail(SemaError::ReturnOutsideFunction {
                span,
                enclosing: block.describe.clone(),
            });
        }
        if has_value && block.coroutine && block.generator {
            return fail(SemaError::ReturnWithValueInAsyncGenerator {
                span,
                function: block.describe.clone(),
                first_yield: block.first_yield,
            });
        }
        Ok(())
    }

    /// `async for` (`is_for`) or `async with`: only in `async def`, or at the REPL's top
    /// level, which then becomes a coroutine.
    pub(super) fn check_async_statement(&mut self, is_for: bool, span: Span) -> Result<()> {
        if self.is_top_level_await() {
            let scope = self.unit().scope;
            self.blocks[scope.0 as usize].coroutine = true;
            return Ok(());
        }
        let block = self.cur_block();
        if block.is_async_def {
            return Ok(());
        }
        let enclosing = block.describe.clone();
        fail(if is_for {
            SemaError::AsyncForOutsideAsyncFunction { span, enclosing }
        } else {
            SemaError::AsyncWithOutsideAsyncFunction { span, enclosing }
        })
    }
}
