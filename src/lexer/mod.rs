//! Source text → tokens: logos for the raw tokens, plus an indentation pass that produces
//! NEWLINE/INDENT/DEDENT the way CPython's tokenizer does.

pub mod token;

pub use token::{FStringField, FStringPiece, StringLiteral, Token};
