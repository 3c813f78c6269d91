//! Tokens → AST. LALRPOP stays behind [`parse_module`]; nothing generated leaks out.
//!
//! The grammar (grammar/apy.lalrpop) has one table with two entry points, selected by a
//! marker token: whole files, and the expression of an f-string field (parsed with a
//! fresh lexer over the field's text, sharing the scope-id counter).

mod actions;
mod args;
mod argument_order;
mod context;
mod displays;
mod errors;
mod fstrings;
mod recovery;
mod stmts;
mod targets;
mod tokens;

lalrpop_util::lalrpop_mod!(
    #[allow(clippy::all, unused_parens, unused_imports, dead_code)]
    grammar,
    "/apy.rs"
);

pub use errors::MAX_DEPTH;

use crate::ast::Module;
use crate::diagnostic::Diagnostic;
use crate::lexer::Lexer;
use crate::source::{SourceFile, Span};
use actions::{Ex, Parsed};
use context::ParseContext;
use errors::{PResult, ParseError, SyntaxErrorKind};
use tokens::{Tok, TokenStream};

/// Parses a whole file.
pub fn parse_module(source: &SourceFile) -> Result<Module, Diagnostic> {
    let text = source.text.as_str();
    let ctx = ParseContext::new(text);
    let mut stream = TokenStream::new(Lexer::new(text), Tok::StartModule, 0);
    match grammar::TopParser::new().parse(&ctx, &mut stream) {
        Ok(Parsed::Module(block)) => Ok(Module {
            body: block.stmts,
            scope_count: ctx.scope_count(),
        }),
        Ok(Parsed::Field(_)) => {
            Err(ParseError::syntax(SyntaxErrorKind::InvalidSyntax, Span::new(0, 0)).to_diagnostic())
        }
        Err(e) => Err(recovery::report(text, &mut stream, e)),
    }
}

/// Parses the expression of an f-string field at `span` of the source.
pub(crate) fn parse_field(ctx: &ParseContext<'_>, span: Span) -> PResult<Ex> {
    let mut stream = TokenStream::new(
        Lexer::for_field(ctx.src, span),
        Tok::StartField,
        span.start as usize,
    );
    match grammar::TopParser::new().parse(ctx, &mut stream) {
        Ok(Parsed::Field(list)) => list.into_ex(),
        Ok(Parsed::Module(_)) => {
            Err(ParseError::syntax(SyntaxErrorKind::InvalidSyntax, span).into())
        }
        Err(e) => Err(recovery::field_error(ctx.src, &mut stream, e).into()),
    }
}

/// How one REPL input parses: complete, an error, or not finished yet.
pub enum InteractiveParse {
    Complete(Module),
    /// The input stops inside a token or brackets (an open `(`, a triple-quoted string,
    /// a trailing backslash): only more text can end it, so even an empty line continues.
    InsideToken,
    /// The parser reached the end of the input wanting more (the body of a block
    /// header, the `except` of a `try`, the definition after a decorator). More lines
    /// may complete it; if an empty line comes instead, this error is the answer.
    NeedsMore(Diagnostic),
    Invalid(Diagnostic),
}

/// Parses a REPL input. The input is not the whole program: where a file would end with
/// an error, the REPL asks for more lines, as CPython's interactive tokenizer does. (So
/// the lexer does not report brackets left open at the end, not even while naming
/// another error.)
pub fn parse_interactive(source: &SourceFile) -> InteractiveParse {
    let text = source.text.as_str();
    let ctx = ParseContext::new(text);
    let mut stream = TokenStream::new(Lexer::interactive(text), Tok::StartModule, 0);
    match grammar::TopParser::new().parse(&ctx, &mut stream) {
        Ok(Parsed::Module(block)) => InteractiveParse::Complete(Module {
            body: block.stmts,
            scope_count: ctx.scope_count(),
        }),
        Ok(Parsed::Field(_)) => InteractiveParse::Invalid(
            ParseError::syntax(SyntaxErrorKind::InvalidSyntax, Span::new(0, 0)).to_diagnostic(),
        ),
        Err(e) => match recovery::unfinished(text, &e, stream.inside_brackets()) {
            Some(recovery::Unfinished::InsideToken) => InteractiveParse::InsideToken,
            Some(recovery::Unfinished::AtEnd) => {
                InteractiveParse::NeedsMore(recovery::report(text, &mut stream, e))
            }
            None => InteractiveParse::Invalid(recovery::report(text, &mut stream, e)),
        },
    }
}
