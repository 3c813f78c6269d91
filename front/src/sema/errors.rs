//! Every error the semantic pass can report, and how each becomes a [`Diagnostic`].
//!
//! The `Display` text of each variant is CPython 3.11's exact message; the diagnostic adds
//! what CPython does not say: labels on the spans involved and a help line on how to fix
//! the program. The variants are grouped by the CPython phase that reports them, because
//! that decides which error wins when a program has several (see `sema/mod.rs`).

use crate::diagnostic::{Diagnostic, ErrorClass};
use crate::source::Span;
use std::fmt;

/// Which kind of comprehension a scope is; it names the scope (`<listcomp>`) and words
/// the "'yield' inside ..." message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompKind {
    List,
    Set,
    Dict,
    Generator,
}

impl CompKind {
    /// The code object name CPython gives the scope.
    pub fn scope_name(self) -> &'static str {
        match self {
            CompKind::List => "<listcomp>",
            CompKind::Set => "<setcomp>",
            CompKind::Dict => "<dictcomp>",
            CompKind::Generator => "<genexpr>",
        }
    }
}

impl fmt::Display for CompKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CompKind::List => "list comprehension",
            CompKind::Set => "set comprehension",
            CompKind::Dict => "dict comprehension",
            CompKind::Generator => "generator expression",
        })
    }
}

/// The scope an offending construct sits in, so a diagnostic can point at it.
#[derive(Clone, Debug, PartialEq)]
pub enum Enclosing {
    Module,
    Class {
        name: String,
        name_span: Span,
    },
    Function {
        name: String,
        header_span: Span,
        is_async: bool,
    },
    Lambda {
        span: Span,
    },
    Comprehension {
        kind: CompKind,
        span: Span,
    },
}

/// Inside the passes errors travel boxed: a small `Result` keeps the frames of the
/// recursive visitors small, which bounds the stack a deep tree needs.
pub(crate) type SemaResult<T> = Result<T, Box<SemaError>>;

pub(crate) fn fail<T>(err: SemaError) -> SemaResult<T> {
    Err(Box::new(err))
}

#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum SemaError {
    // ---- limits and malformed input -------------------------------------------------
    #[error("maximum recursion depth exceeded during compilation")]
    TooDeep { span: Span },
    /// The parser handed out a scope id twice or beyond `scope_count`: a parser bug, but
    /// reported rather than panicking.
    #[error("internal error: scope id {id} is reused or out of range")]
    BadScopeId { id: u32, span: Span },

    // ---- future.c: the leading `from __future__ import ...` statements ---------------
    #[error("future feature {name} is not defined")]
    FutureFeatureNotDefined { name: String, span: Span },
    #[error("not a chance")]
    FutureBraces { span: Span },

    // ---- symtable.c: collecting facts (first pass) ------------------------------------
    #[error("duplicate argument '{name}' in function definition")]
    DuplicateArgument { name: String, span: Span },
    #[error("name '{name}' is parameter and global")]
    ParameterAndGlobal { name: String, span: Span },
    #[error("name '{name}' is parameter and nonlocal")]
    ParameterAndNonlocal { name: String, span: Span },
    #[error("name '{name}' is used prior to global declaration")]
    UsedBeforeGlobal { name: String, span: Span },
    #[error("name '{name}' is used prior to nonlocal declaration")]
    UsedBeforeNonlocal { name: String, span: Span },
    #[error("name '{name}' is assigned to before global declaration")]
    AssignedBeforeGlobal { name: String, span: Span },
    #[error("name '{name}' is assigned to before nonlocal declaration")]
    AssignedBeforeNonlocal { name: String, span: Span },
    #[error("annotated name '{name}' can't be global")]
    AnnotatedGlobal { name: String, span: Span },
    #[error("annotated name '{name}' can't be nonlocal")]
    AnnotatedNonlocal { name: String, span: Span },
    #[error("import * only allowed at module level")]
    ImportStarNotAtModule { span: Span },
    #[error("assignment expression cannot be used in a comprehension iterable expression")]
    WalrusInComprehensionIterable { span: Span },
    #[error("assignment expression cannot rebind comprehension iteration variable '{name}'")]
    WalrusRebindsIterationVariable { name: String, span: Span },
    #[error("assignment expression within a comprehension cannot be used in a class body")]
    WalrusInClassComprehension { span: Span },
    #[error("comprehension inner loop cannot rebind assignment expression target '{name}'")]
    IterationVariableRebindsWalrus { name: String, span: Span },
    #[error("'yield' inside {kind}")]
    YieldInComprehension { kind: CompKind, span: Span },

    // ---- symtable.c: resolving scopes (second pass) -----------------------------------
    #[error("name '{name}' is nonlocal and global")]
    NonlocalAndGlobal { name: String, span: Span },
    #[error("nonlocal declaration not allowed at module level")]
    NonlocalAtModuleLevel { span: Span },
    #[error("no binding for nonlocal '{name}' found")]
    NoBindingForNonlocal { name: String, span: Span },

    // ---- compile.c: code generation order ---------------------------------------------
    #[error("from __future__ imports must occur at the beginning of the file")]
    FutureNotAtStart { span: Span },
    #[error("'return' outside function")]
    ReturnOutsideFunction { span: Span, enclosing: Enclosing },
    #[error("'return' with value in async generator")]
    ReturnWithValueInAsyncGenerator {
        span: Span,
        function: Enclosing,
        first_yield: Option<Span>,
    },
    #[error("'yield' outside function")]
    YieldOutsideFunction { span: Span, enclosing: Enclosing },
    #[error("'yield from' inside async function")]
    YieldFromInAsyncFunction { span: Span, function: Enclosing },
    #[error("'await' outside function")]
    AwaitOutsideFunction { span: Span, enclosing: Enclosing },
    #[error("'await' outside async function")]
    AwaitOutsideAsyncFunction { span: Span, enclosing: Enclosing },
    #[error("'async for' outside async function")]
    AsyncForOutsideAsyncFunction { span: Span, enclosing: Enclosing },
    #[error("'async with' outside async function")]
    AsyncWithOutsideAsyncFunction { span: Span, enclosing: Enclosing },
    #[error("asynchronous comprehension outside of an asynchronous function")]
    AsyncComprehensionOutsideAsyncFunction { span: Span, enclosing: Enclosing },
    #[error("'break' outside loop")]
    BreakOutsideLoop { span: Span },
    #[error("'continue' not properly in loop")]
    ContinueNotInLoop { span: Span },
    #[error("'break', 'continue' and 'return' cannot appear in an except* block")]
    JumpOutOfExceptStar { span: Span },
    #[error("too many statically nested blocks")]
    TooManyNestedBlocks { span: Span },
    #[error("default 'except:' must be last")]
    DefaultExceptNotLast { span: Span },
    #[error("starred assignment target must be in a list or tuple")]
    StarredAssignTarget { span: Span },
    #[error("can't use starred expression here")]
    StarredNotAllowed { span: Span },
    #[error("multiple starred expressions in assignment")]
    MultipleStarredTargets { span: Span },
    #[error("too many expressions in star-unpacking assignment")]
    TooManyStarUnpackTargets { span: Span },
    #[error("cannot assign to __debug__")]
    AssignToDebug { span: Span },
    #[error("cannot delete __debug__")]
    DeleteDebug { span: Span },
    #[error("keyword argument repeated: {name}")]
    KeywordArgumentRepeated { name: String, span: Span },
}

impl SemaError {
    /// Where the error is reported; its start is the line and column CPython shows.
    pub fn span(&self) -> Span {
        use SemaError::*;
        match self {
            TooDeep { span }
            | BadScopeId { span, .. }
            | DuplicateArgument { span, .. }
            | ParameterAndGlobal { span, .. }
            | ParameterAndNonlocal { span, .. }
            | UsedBeforeGlobal { span, .. }
            | UsedBeforeNonlocal { span, .. }
            | AssignedBeforeGlobal { span, .. }
            | AssignedBeforeNonlocal { span, .. }
            | AnnotatedGlobal { span, .. }
            | AnnotatedNonlocal { span, .. }
            | ImportStarNotAtModule { span }
            | FutureFeatureNotDefined { span, .. }
            | FutureBraces { span }
            | FutureNotAtStart { span }
            | WalrusInComprehensionIterable { span }
            | WalrusRebindsIterationVariable { span, .. }
            | WalrusInClassComprehension { span }
            | IterationVariableRebindsWalrus { span, .. }
            | YieldInComprehension { span, .. }
            | NonlocalAndGlobal { span, .. }
            | NonlocalAtModuleLevel { span }
            | NoBindingForNonlocal { span, .. }
            | ReturnOutsideFunction { span, .. }
            | ReturnWithValueInAsyncGenerator { span, .. }
            | YieldOutsideFunction { span, .. }
            | YieldFromInAsyncFunction { span, .. }
            | AwaitOutsideFunction { span, .. }
            | AwaitOutsideAsyncFunction { span, .. }
            | AsyncForOutsideAsyncFunction { span, .. }
            | AsyncWithOutsideAsyncFunction { span, .. }
            | AsyncComprehensionOutsideAsyncFunction { span, .. }
            | BreakOutsideLoop { span }
            | ContinueNotInLoop { span }
            | JumpOutOfExceptStar { span }
            | TooManyNestedBlocks { span }
            | DefaultExceptNotLast { span }
            | StarredAssignTarget { span }
            | StarredNotAllowed { span }
            | MultipleStarredTargets { span }
            | TooManyStarUnpackTargets { span }
            | AssignToDebug { span }
            | DeleteDebug { span }
            | KeywordArgumentRepeated { span, .. } => *span,
        }
    }
}

impl From<SemaError> for Diagnostic {
    fn from(err: SemaError) -> Diagnostic {
        let class = match err {
            SemaError::TooDeep { .. } => ErrorClass::RecursionError,
            _ => ErrorClass::SyntaxError,
        };
        let diag = Diagnostic::new(class, err.to_string(), err.span());
        explain(&err, diag)
    }
}

/// Adds the labels and help that make the async and placement rules understandable.
fn explain(err: &SemaError, diag: Diagnostic) -> Diagnostic {
    use SemaError::*;
    match err {
        FutureNotAtStart { .. } => diag
            .with_label("a future statement after other code")
            .with_help(
                "`from __future__ import ...` changes how the whole file compiles, so it \
                 must come first: only the module docstring and other future statements \
                 may precede it",
            ),
        FutureFeatureNotDefined { .. } => diag.with_help(
            "the features are: nested_scopes, generators, division, absolute_import, \
             with_statement, print_function, unicode_literals, generator_stop, annotations",
        ),
        AwaitOutsideFunction { enclosing, .. } => match enclosing {
            Enclosing::Class { name, name_span } => diag
                .with_label("`await` directly in a class body")
                .with_secondary(
                    *name_span,
                    format!(
                        "the body of `class {name}` runs synchronously, when the class is created"
                    ),
                )
                .with_help(
                    "move the `await` into an `async def` method, or await the value \
                     before the `class` statement and use the result",
                ),
            _ => diag.with_label("`await` at module level").with_help(
                "`await` only works inside an `async def` function: put this code in \
                 `async def main(): ...` and run it with `asyncio.run(main())`",
            ),
        },
        AwaitOutsideAsyncFunction { enclosing, .. } => match enclosing {
            Enclosing::Lambda { span } => diag
                .with_label("`await` inside a lambda")
                .with_secondary(*span, "a lambda is never a coroutine function")
                .with_help(
                    "a lambda cannot be `async`: define a nested `async def` function \
                     instead and use it where the lambda was",
                ),
            enclosing => {
                let diag = diag.with_label("`await` inside a plain function");
                with_plain_def(diag, enclosing, |name| {
                    format!(
                        "make `{name}` a coroutine function: `async def {name}(...)` \
                         (its callers then `await {name}(...)`)"
                    )
                })
            }
        },
        YieldFromInAsyncFunction { function, .. } => {
            let diag = diag.with_label("`yield from` inside a coroutine function");
            let diag = match function {
                Enclosing::Function {
                    name, header_span, ..
                } => diag.with_secondary(*header_span, format!("`{name}` is declared `async def`")),
                _ => diag,
            };
            diag.with_help(
                "`yield from` cannot be used in an `async def`: to wait for an awaitable \
                 write `await it`; to pass on the items of an async iterable write \
                 `async for item in it: yield item`",
            )
        }
        ReturnWithValueInAsyncGenerator {
            function,
            first_yield,
            ..
        } => {
            let mut diag = diag.with_label("`return` with a value");
            let name = match function {
                Enclosing::Function {
                    name, header_span, ..
                } => {
                    diag = diag.with_secondary(
                        *header_span,
                        format!("`{name}` is an async generator: `async def` with `yield`"),
                    );
                    name.as_str()
                }
                _ => "this function",
            };
            if let Some(y) = first_yield {
                diag = diag.with_secondary(*y, "this `yield` makes it an async generator");
            }
            diag.with_help(format!(
                "an async generator can only stop with a bare `return`: `yield` the value \
                 instead, or remove the `yield`s to make `{name}` an ordinary coroutine"
            ))
        }
        AsyncForOutsideAsyncFunction { enclosing, .. } => async_statement(
            diag,
            enclosing,
            "async for",
            "a plain `for` over a synchronous iterable",
        ),
        AsyncWithOutsideAsyncFunction { enclosing, .. } => async_statement(
            diag,
            enclosing,
            "async with",
            "a plain `with` with a synchronous context manager",
        ),
        AsyncComprehensionOutsideAsyncFunction { enclosing, .. } => {
            let diag = diag.with_label("this comprehension uses `async for` or `await`");
            match enclosing {
                Enclosing::Lambda { span } => diag
                    .with_secondary(*span, "a lambda is never a coroutine function")
                    .with_help(
                        "move the comprehension into an `async def` function, or make it a \
                         generator expression `(...)`, which may be asynchronous anywhere",
                    ),
                Enclosing::Function { .. } => with_plain_def(diag, enclosing, |name| {
                    format!(
                        "make `{name}` a coroutine function: `async def {name}(...)`; or use \
                         an asynchronous generator expression `(...)` here and consume it \
                         with `async for` inside a coroutine"
                    )
                }),
                _ => diag.with_help(
                    "asynchronous comprehensions only work inside an `async def` function; \
                     a generator expression `(...)` may be asynchronous anywhere",
                ),
            }
        }
        ReturnOutsideFunction { enclosing, .. } => {
            let diag = diag.with_label("`return` outside of any function");
            match enclosing {
                Enclosing::Class { name, name_span } => diag
                    .with_secondary(
                        *name_span,
                        format!("this is the body of `class {name}`, not a function"),
                    )
                    .with_help("`return` only works inside a `def` or `async def` body"),
                _ => diag.with_help("`return` only works inside a `def` or `async def` body"),
            }
        }
        YieldOutsideFunction { enclosing, .. } => {
            let diag = diag.with_label("`yield` outside of any function");
            let diag = match enclosing {
                Enclosing::Class { name, name_span } => diag.with_secondary(
                    *name_span,
                    format!("this is the body of `class {name}`, not a function"),
                ),
                _ => diag,
            };
            diag.with_help(
                "`yield` only works inside a function, which it turns into a generator \
                 (an async generator in an `async def`)",
            )
        }
        BreakOutsideLoop { .. } => diag
            .with_label("not inside a loop")
            .with_help("`break` only works inside a `for` or `while` loop of the same function"),
        ContinueNotInLoop { .. } => diag
            .with_label("not inside a loop")
            .with_help("`continue` only works inside a `for` or `while` loop of the same function"),
        YieldInComprehension { kind, .. } => diag.with_help(format!(
            "a {kind} runs in its own hidden function, so it cannot `yield` for the \
             enclosing one; use a `for` loop instead"
        )),
        TooDeep { .. } => diag.with_help("the program nests statements and expressions too deeply"),
        _ => diag,
    }
}

/// The labels shared by `async for` / `async with` outside an `async def`.
fn async_statement(diag: Diagnostic, enclosing: &Enclosing, what: &str, plain: &str) -> Diagnostic {
    match enclosing {
        Enclosing::Function { .. } => {
            let diag = diag.with_label(format!("`{what}` inside a plain function"));
            with_plain_def(diag, enclosing, |name| {
                format!(
                    "make `{name}` a coroutine function: `async def {name}(...)`; or use {plain}"
                )
            })
        }
        Enclosing::Class { name, name_span } => diag
            .with_label(format!("`{what}` directly in a class body"))
            .with_secondary(
                *name_span,
                format!("the body of `class {name}` runs synchronously, when the class is created"),
            )
            .with_help(format!("move the `{what}` into an `async def` method")),
        _ => diag
            .with_label(format!("`{what}` at module level"))
            .with_help(format!(
                "`{what}` only works inside an `async def` function: put this code in \
             `async def main(): ...` and run it with `asyncio.run(main())`"
            )),
    }
}

/// Points at the `def` header of a plain function and suggests making it `async`.
fn with_plain_def(
    diag: Diagnostic,
    enclosing: &Enclosing,
    help: impl Fn(&str) -> String,
) -> Diagnostic {
    match enclosing {
        Enclosing::Function {
            name, header_span, ..
        } => diag
            .with_secondary(*header_span, format!("`{name}` is not declared `async`"))
            .with_help(help(name)),
        _ => diag,
    }
}
