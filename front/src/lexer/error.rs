//! Lexical errors, worded exactly as CPython 3.11's tokenizer and string parser word them.
//!
//! CPython raises some of these from the tokenizer proper and others later, from the
//! parser's string-literal action (escape decoding, f-string splitting). The difference
//! matters for which error wins when a file has several, so every kind knows its
//! [`LexStage`].

use crate::diagnostic::{Diagnostic, ErrorClass};
use crate::source::Span;

/// A lexical error and where it is.
#[derive(thiserror::Error, Debug, Clone, PartialEq)]
#[error("{kind}")]
pub struct LexError {
    pub kind: LexErrorKind,
    pub span: Span,
}

/// When CPython would notice the problem.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LexStage {
    /// The tokenizer raises it as soon as the bad character is read. After a parse error,
    /// CPython keeps tokenizing the rest of the file, and an error of this stage found
    /// there replaces the parse error.
    Tokenizer,
    /// The tokenizer reports it through an error code (indentation, line continuation,
    /// stray characters): it ends that scan silently instead of replacing a parse error.
    TokenizerCode,
    /// Raised by the parser while decoding a string token (escapes, f-string fields).
    Parser,
}

#[derive(thiserror::Error, Debug, Clone, PartialEq)]
pub enum LexErrorKind {
    #[error("unterminated string literal (detected at line {0})")]
    UnterminatedString(u32),
    #[error("unterminated triple-quoted string literal (detected at line {0})")]
    UnterminatedTripleString(u32),
    #[error("invalid character '{0}' (U+{code:04X})", code = *.0 as u32)]
    InvalidCharacter(char),
    #[error("invalid non-printable character U+{code:04X}", code = *.0 as u32)]
    NonPrintableCharacter(char),
    /// `invalid decimal literal`, `invalid hexadecimal literal`, ...
    #[error("invalid {0} literal")]
    InvalidNumber(&'static str),
    #[error("invalid digit '{digit}' in {kind} literal")]
    InvalidDigit { digit: char, kind: &'static str },
    #[error("leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers")]
    LeadingZeros,
    #[error("too many nested parentheses")]
    TooManyParentheses,
    #[error("unmatched '{0}'")]
    Unmatched(char),
    #[error("closing parenthesis '{close}' does not match opening parenthesis '{open}'")]
    Mismatched { close: char, open: char },
    #[error(
        "closing parenthesis '{close}' does not match opening parenthesis '{open}' on line {line}"
    )]
    MismatchedOnLine { close: char, open: char, line: u32 },
    #[error("'{0}' was never closed")]
    NeverClosed(char),
    #[error("unexpected character after line continuation character")]
    LineContinuation,
    #[error("unexpected EOF while parsing")]
    UnexpectedEof,
    #[error("inconsistent use of tabs and spaces in indentation")]
    TabSpace,
    #[error("unindent does not match any outer indentation level")]
    Dedent,
    #[error("too many levels of indentation")]
    TooDeep,
    /// A character no token starts with (`$`, `?`, a lone `!`): the parser sees an error
    /// token and says just this.
    #[error("invalid syntax")]
    InvalidSyntax,
    /// A decimal literal longer than `sys.get_int_max_str_digits()`: CPython's ValueError
    /// text with its parser's advice appended.
    #[error("Exceeds the limit ({limit} digits) for integer string conversion: value has {digits} digits; use sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal for huge integer literals to avoid decimal conversion limits.")]
    IntDigitLimit { limit: usize, digits: usize },
    #[error("source code cannot contain null bytes")]
    NullByte,
    #[error("bytes can only contain ASCII literal characters")]
    BytesNonAscii,
    /// A bad escape in a `str` literal; positions count bytes of CPython's intermediate
    /// buffer, as its message does.
    #[error("(unicode error) 'unicodeescape' codec can't decode bytes in position {start}-{end}: {reason}")]
    UnicodeEscape {
        start: usize,
        end: usize,
        reason: &'static str,
    },
    #[error("(value error) invalid \\x escape at position {0}")]
    BytesEscape(usize),
    #[error("f-string: {0}")]
    FString(FStringErrorKind),
    /// Messages of the f-string splitter that CPython words without the `f-string: ` prefix.
    #[error("f-string expression part cannot include a backslash")]
    FStringBackslash,
    #[error("f-string expression part cannot include '#'")]
    FStringComment,
}

/// The parts after `f-string: `.
#[derive(thiserror::Error, Debug, Clone, PartialEq)]
pub enum FStringErrorKind {
    #[error("empty expression not allowed")]
    EmptyExpression,
    #[error("expression required before '{0}'")]
    ExpressionRequiredBefore(char),
    #[error("expecting '}}'")]
    ExpectingBrace,
    #[error("single '}}' is not allowed")]
    SingleClosingBrace,
    #[error("invalid conversion character: expected 's', 'r', or 'a'")]
    InvalidConversion,
    #[error("expressions nested too deeply")]
    NestedTooDeeply,
    #[error("unmatched '{0}'")]
    Unmatched(char),
    #[error("closing parenthesis '{close}' does not match opening parenthesis '{open}'")]
    Mismatched { close: char, open: char },
    #[error("too many nested parenthesis")]
    TooManyParentheses,
    #[error("unterminated string")]
    UnterminatedString,
    #[error("unexpected end of string")]
    UnexpectedEnd,
}

impl LexErrorKind {
    pub fn stage(&self) -> LexStage {
        use LexErrorKind::*;
        match self {
            LineContinuation | UnexpectedEof | TabSpace | Dedent | TooDeep => {
                LexStage::TokenizerCode
            }
            // CPython's tokenizer hands a stray `$` or `!` to the parser as an operator.
            InvalidSyntax => LexStage::Parser,
            BytesNonAscii
            | UnicodeEscape { .. }
            | BytesEscape(_)
            | FString(_)
            | FStringBackslash
            | FStringComment
            | IntDigitLimit { .. } => LexStage::Parser,
            _ => LexStage::Tokenizer,
        }
    }

    pub fn class(&self) -> ErrorClass {
        match self {
            LexErrorKind::TabSpace => ErrorClass::TabError,
            LexErrorKind::Dedent | LexErrorKind::TooDeep => ErrorClass::IndentationError,
            _ => ErrorClass::SyntaxError,
        }
    }
}

impl LexError {
    pub fn new(kind: LexErrorKind, span: Span) -> LexError {
        LexError { kind, span }
    }

    pub fn stage(&self) -> LexStage {
        self.kind.stage()
    }

    pub fn to_diagnostic(&self) -> Diagnostic {
        let diag = Diagnostic::new(self.kind.class(), self.kind.to_string(), self.span);
        match self.kind {
            // CPython gives the line alone, "to avoid a wall of 1000s of '^'s".
            LexErrorKind::IntDigitLimit { digits, .. } => diag
                .without_column()
                .with_label(format!("a decimal literal of {digits} digits")),
            _ => diag,
        }
    }
}

impl From<LexError> for Diagnostic {
    fn from(e: LexError) -> Diagnostic {
        e.to_diagnostic()
    }
}
