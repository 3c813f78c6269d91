//! Parse errors: their typed kinds (worded as CPython 3.11 words them) and the conversion
//! of LALRPOP's failures into CPython's messages.
//!
//! CPython finds its specific messages with a second, slower parse over "invalid_" rules.
//! apy gets most of them from permissive grammar rules whose actions validate (targets,
//! arguments, parameters) and the rest by looking at the tokens around the point where
//! the LR parser stopped (see [`super::recovery`]).

use crate::diagnostic::{Diagnostic, ErrorClass};
use crate::lexer::LexError;
use crate::source::Span;

/// Nesting limit (statements and expressions together): deeper trees are rejected so that
/// every later pass can recurse over the AST safely. CPython's compiler stops at three
/// times its recursion limit, about 2,993 for a long sum and 2,983 for nested lambdas
/// (where its parser's stack runs out first); 2,984 accepts nothing CPython rejects.
pub const MAX_DEPTH: u32 = 2984;

/// A parse failure with its location.
#[derive(thiserror::Error, Debug, Clone, PartialEq)]
pub enum ParseError {
    #[error(transparent)]
    Lex(#[from] LexError),
    #[error("{kind}")]
    Syntax { kind: SyntaxErrorKind, span: Span },
}

impl ParseError {
    pub(crate) fn syntax(kind: SyntaxErrorKind, span: Span) -> ParseError {
        ParseError::Syntax { kind, span }
    }

    pub(crate) fn to_diagnostic(&self) -> Diagnostic {
        match self {
            ParseError::Lex(e) => e.to_diagnostic(),
            ParseError::Syntax { kind, span } => {
                Diagnostic::new(kind.class(), kind.to_string(), *span)
            }
        }
    }
}

/// The messages of parse errors.
#[derive(thiserror::Error, Debug, Clone, PartialEq)]
pub enum SyntaxErrorKind {
    #[error("invalid syntax")]
    InvalidSyntax,
    #[error("unexpected indent")]
    UnexpectedIndent,
    #[error("unexpected unindent")]
    UnexpectedUnindent,
    #[error("expected an indented block after {0}")]
    ExpectedIndentedBlock(String),
    #[error("expected '{0}'")]
    Expected(&'static str),
    #[error("expected 'except' or 'finally' block")]
    ExpectedExceptOrFinally,
    #[error("expected one or more exception types")]
    ExpectedExceptionTypes,
    #[error("multiple exception types must be parenthesized")]
    MultipleExceptionTypes,
    #[error("expected 'else' after 'if' expression")]
    ExpectedElse,
    #[error("expression expected after dictionary key and ':'")]
    DictValueExpected,
    #[error("did you forget parentheses around the comprehension target?")]
    ComprehensionTargetParens,
    #[error("':' expected after dictionary key")]
    ExpectedDictColon,
    #[error("invalid syntax. Perhaps you forgot a comma?")]
    ForgotComma,
    #[error("Missing parentheses in call to '{0}'. Did you mean {0}(...)?")]
    MissingParentheses(String),
    #[error("invalid syntax. Maybe you meant '==' or ':=' instead of '='?")]
    MaybeEquality,
    #[error("cannot assign to {0} here. Maybe you meant '==' instead of '='?")]
    CannotAssignHere(&'static str),
    #[error("cannot assign to {0}")]
    CannotAssign(&'static str),
    #[error("cannot delete {0}")]
    CannotDelete(&'static str),
    #[error("assignment to yield expression not possible")]
    AssignToYield,
    #[error("'{0}' is an illegal expression for augmented assignment")]
    IllegalAugAssign(&'static str),
    #[error("only single target (not {0}) can be annotated")]
    OnlySingleTarget(&'static str),
    #[error("illegal target for annotation")]
    IllegalAnnotationTarget,
    #[error("cannot use assignment expressions with {0}")]
    WalrusTarget(&'static str),
    #[error("cannot use starred expression here")]
    StarredHere,
    #[error("cannot use double starred expression here")]
    DoubleStarredHere,
    #[error("iterable unpacking cannot be used in comprehension")]
    UnpackInComprehension,
    #[error("dict unpacking cannot be used in dict comprehension")]
    DictUnpackInComprehension,
    #[error("non-default argument follows default argument")]
    NonDefaultAfterDefault,
    #[error("named arguments must follow bare *")]
    NamedAfterBareStar,
    #[error("at least one argument must precede /")]
    SlashFirst,
    #[error("/ may appear only once")]
    SlashTwice,
    #[error("/ must be ahead of *")]
    SlashAfterStar,
    #[error("* argument may appear only once")]
    StarTwice,
    #[error("arguments cannot follow var-keyword argument")]
    AfterKwargs,
    #[error("var-positional argument cannot have default value")]
    VarargDefault,
    #[error("var-keyword argument cannot have default value")]
    KwargDefault,
    #[error("positional argument follows keyword argument unpacking")]
    PositionalAfterKwUnpack,
    #[error("positional argument follows keyword argument")]
    PositionalAfterKeyword,
    #[error("iterable argument unpacking follows keyword argument unpacking")]
    UnpackAfterKwUnpack,
    #[error("expression cannot contain assignment, perhaps you meant \"==\"?")]
    KeywordNotName,
    #[error("Generator expression must be parenthesized")]
    GeneratorNotParenthesized,
    #[error("Function parameters cannot be parenthesized")]
    ParenthesizedParameters,
    #[error("cannot mix bytes and nonbytes literals")]
    MixedBytes,
    #[error("trailing comma not allowed without surrounding parentheses")]
    TrailingComma,
    #[error("cannot have both 'except' and 'except*' on the same 'try'")]
    MixedExcept,
    #[error("{0} are not supported by apy")]
    Unsupported(&'static str),
    #[error("maximum recursion depth exceeded during compilation")]
    TooDeep,
    /// An error inside an f-string field's expression: CPython prefixes the message.
    #[error("f-string: {0}")]
    InFString(Box<SyntaxErrorKind>),
}

impl SyntaxErrorKind {
    pub(crate) fn class(&self) -> ErrorClass {
        match self {
            SyntaxErrorKind::UnexpectedIndent
            | SyntaxErrorKind::UnexpectedUnindent
            | SyntaxErrorKind::ExpectedIndentedBlock(_) => ErrorClass::IndentationError,
            SyntaxErrorKind::TooDeep => ErrorClass::RecursionError,
            SyntaxErrorKind::InFString(inner) => inner.class(),
            _ => ErrorClass::SyntaxError,
        }
    }
}

/// What actions return on failure (lalrpop_util converts a [`ParseError`] into it, so
/// helpers can use `?`).
pub(crate) type LalrError = lalrpop_util::ParseError<usize, super::tokens::Tok, ParseError>;

/// Shorthand for action results.
pub(crate) type PResult<T> = Result<T, LalrError>;

pub(crate) fn fail<T>(kind: SyntaxErrorKind, span: Span) -> PResult<T> {
    Err(ParseError::syntax(kind, span).into())
}
