//! The tokens the parser consumes: the contract between the lexer and the grammar.
//!
//! Literals arrive already decoded (escapes processed, numbers parsed), so the grammar's
//! actions never look at raw text. An f-string arrives split into literal text and
//! replacement fields whose expressions are still source spans: the parser parses them
//! with its expression entry point, as CPython 3.11 does.

use crate::source::Span;
use num_bigint::BigInt;
use std::fmt;

#[derive(Clone, Debug, PartialEq)]
pub enum Token {
    // Layout, produced by the indentation pass.
    Newline,
    Indent,
    Dedent,

    Name(String),
    Int(BigInt),
    Float(f64),
    /// An imaginary literal such as `2j` (lexed so the parser can say it is unsupported).
    Imaginary(f64),
    /// One string literal (adjacent literals are separate tokens; the parser joins them).
    Str(StringLiteral),

    // Keywords.
    False,
    None,
    True,
    And,
    As,
    Assert,
    Async,
    Await,
    Break,
    Class,
    Continue,
    Def,
    Del,
    Elif,
    Else,
    Except,
    Finally,
    For,
    From,
    Global,
    If,
    Import,
    In,
    Is,
    Lambda,
    Nonlocal,
    Not,
    Or,
    Pass,
    Raise,
    Return,
    Try,
    While,
    With,
    Yield,

    // Operators.
    Plus,
    Minus,
    Star,
    DoubleStar,
    Slash,
    DoubleSlash,
    Percent,
    At,
    LeftShift,
    RightShift,
    Amper,
    Vbar,
    Circumflex,
    Tilde,
    ColonEqual,
    Less,
    Greater,
    LessEqual,
    GreaterEqual,
    EqEqual,
    NotEqual,

    // Delimiters.
    Lpar,
    Rpar,
    Lsqb,
    Rsqb,
    Lbrace,
    Rbrace,
    Comma,
    Colon,
    Dot,
    Semi,
    Equal,
    Rarrow,
    PlusEqual,
    MinEqual,
    StarEqual,
    SlashEqual,
    DoubleSlashEqual,
    PercentEqual,
    AtEqual,
    AmperEqual,
    VbarEqual,
    CircumflexEqual,
    RightShiftEqual,
    LeftShiftEqual,
    DoubleStarEqual,
    Ellipsis,
}

/// A decoded string literal.
#[derive(Clone, Debug, PartialEq)]
pub enum StringLiteral {
    /// A plain (possibly raw) `str` literal, escapes already processed.
    Str(String),
    /// A `bytes` literal.
    Bytes(Vec<u8>),
    /// An f-string, split into pieces.
    FString(Vec<FStringPiece>),
}

/// One piece of an f-string as the lexer sees it.
#[derive(Clone, Debug, PartialEq)]
pub enum FStringPiece {
    /// Literal text with escapes and `{{`/`}}` already decoded.
    Literal(String),
    Field(FStringField),
}

/// `{expr=!r:spec}`: the expression is left as a span of the original source.
#[derive(Clone, Debug, PartialEq)]
pub struct FStringField {
    /// Byte span of the expression text inside the file.
    pub expr: Span,
    /// For the `=` form: the literal text to print before the value (`"x = "`),
    /// i.e. the expression's source, the `=` and the whitespace around it.
    pub debug_text: Option<String>,
    pub conversion: Option<char>,
    /// The format spec, itself made of literal text and nested fields.
    pub format_spec: Option<Vec<FStringPiece>>,
}

impl Token {
    /// How the token is written, for messages such as "invalid syntax" context.
    pub fn describe(&self) -> String {
        match self {
            Token::Newline => "newline".into(),
            Token::Indent => "indent".into(),
            Token::Dedent => "dedent".into(),
            Token::Name(n) => n.clone(),
            Token::Int(i) => i.to_string(),
            Token::Float(f) => f.to_string(),
            Token::Imaginary(f) => format!("{f}j"),
            Token::Str(_) => "string".into(),
            other => other.keyword_or_operator().unwrap_or("?").into(),
        }
    }

    /// The fixed spelling of a keyword, operator or delimiter.
    pub fn keyword_or_operator(&self) -> Option<&'static str> {
        Some(match self {
            Token::False => "False",
            Token::None => "None",
            Token::True => "True",
            Token::And => "and",
            Token::As => "as",
            Token::Assert => "assert",
            Token::Async => "async",
            Token::Await => "await",
            Token::Break => "break",
            Token::Class => "class",
            Token::Continue => "continue",
            Token::Def => "def",
            Token::Del => "del",
            Token::Elif => "elif",
            Token::Else => "else",
            Token::Except => "except",
            Token::Finally => "finally",
            Token::For => "for",
            Token::From => "from",
            Token::Global => "global",
            Token::If => "if",
            Token::Import => "import",
            Token::In => "in",
            Token::Is => "is",
            Token::Lambda => "lambda",
            Token::Nonlocal => "nonlocal",
            Token::Not => "not",
            Token::Or => "or",
            Token::Pass => "pass",
            Token::Raise => "raise",
            Token::Return => "return",
            Token::Try => "try",
            Token::While => "while",
            Token::With => "with",
            Token::Yield => "yield",
            Token::Plus => "+",
            Token::Minus => "-",
            Token::Star => "*",
            Token::DoubleStar => "**",
            Token::Slash => "/",
            Token::DoubleSlash => "//",
            Token::Percent => "%",
            Token::At => "@",
            Token::LeftShift => "<<",
            Token::RightShift => ">>",
            Token::Amper => "&",
            Token::Vbar => "|",
            Token::Circumflex => "^",
            Token::Tilde => "~",
            Token::ColonEqual => ":=",
            Token::Less => "<",
            Token::Greater => ">",
            Token::LessEqual => "<=",
            Token::GreaterEqual => ">=",
            Token::EqEqual => "==",
            Token::NotEqual => "!=",
            Token::Lpar => "(",
            Token::Rpar => ")",
            Token::Lsqb => "[",
            Token::Rsqb => "]",
            Token::Lbrace => "{",
            Token::Rbrace => "}",
            Token::Comma => ",",
            Token::Colon => ":",
            Token::Dot => ".",
            Token::Semi => ";",
            Token::Equal => "=",
            Token::Rarrow => "->",
            Token::PlusEqual => "+=",
            Token::MinEqual => "-=",
            Token::StarEqual => "*=",
            Token::SlashEqual => "/=",
            Token::DoubleSlashEqual => "//=",
            Token::PercentEqual => "%=",
            Token::AtEqual => "@=",
            Token::AmperEqual => "&=",
            Token::VbarEqual => "|=",
            Token::CircumflexEqual => "^=",
            Token::RightShiftEqual => ">>=",
            Token::LeftShiftEqual => "<<=",
            Token::DoubleStarEqual => "**=",
            Token::Ellipsis => "...",
            _ => return None,
        })
    }
}

impl fmt::Display for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe())
    }
}
