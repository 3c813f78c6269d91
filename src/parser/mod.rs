//! Tokens → AST. LALRPOP stays behind [`parse_module`]; nothing generated leaks out.
//!
//! The grammar (grammar/apy.lalrpop) has one table with two entry points, selected by a
//! marker token: whole files, and the expression of an f-string field (parsed with a
//! fresh lexer over the field's text, sharing the scope-id counter).

mod actions;
mod args;
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
