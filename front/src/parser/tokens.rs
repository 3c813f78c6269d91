//! The token stream the grammar reads: the lexer's tokens, plus what the grammar needs
//! that a one-token lookahead cannot see, plus a record of recent tokens for error
//! messages.
//!
//! Two synthetic terminals exist. A start marker selects the grammar's entry point (one
//! parse table serves both whole files and f-string fields). And the `(` right after
//! `with` becomes [`Tok::WithLpar`] when it opens CPython's parenthesized form
//! `with (a as b, c):` — deciding that needs the token after the matching `)`, which an
//! LR(1) parser cannot look at.

use super::errors::ParseError;
use crate::lexer::{Lexer, Spanned, Token};
use crate::source::Span;
use std::collections::VecDeque;

/// A terminal of the grammar.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Tok {
    T(Token),
    /// The `(` of `with (item, item):`.
    WithLpar,
    StartModule,
    StartField,
}

/// A payload-free summary of a token, kept for error analysis.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Name(NameFlag),
    Number,
    Str,
    /// A keyword, operator or delimiter, by spelling.
    Word(&'static str),
    Newline,
    Indent,
    Dedent,
}

/// What the error analysis needs to know about a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NameFlag {
    Plain,
    /// `print` or `exec`: legacy statements CPython gives a hint for.
    Legacy(&'static str),
    /// `match`, `case`, `_` (or a prefix of one: see [`Kind::of`]).
    SoftKeyword,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct TokInfo {
    pub kind: Kind,
    pub span: Span,
}

impl Kind {
    pub(crate) fn of(tok: &Token) -> Kind {
        match tok {
            Token::Name(n) => Kind::Name(match n.as_str() {
                "print" => NameFlag::Legacy("print"),
                "exec" => NameFlag::Legacy("exec"),
                // CPython compares with `strncmp(keyword, name, len(name))`, so every
                // prefix of a soft keyword counts as one in its error rules.
                n if !n.is_empty()
                    && ("match".starts_with(n) || "case".starts_with(n) || n == "_") =>
                {
                    NameFlag::SoftKeyword
                }
                _ => NameFlag::Plain,
            }),
            Token::Int(_) | Token::Float(_) | Token::Imaginary(_) => Kind::Number,
            Token::Str(_) => Kind::Str,
            Token::Newline => Kind::Newline,
            Token::Indent => Kind::Indent,
            Token::Dedent => Kind::Dedent,
            other => Kind::Word(other.keyword_or_operator().unwrap_or("?")),
        }
    }

    pub(crate) fn is(self, word: &str) -> bool {
        matches!(self, Kind::Word(w) if w == word)
    }
}

pub(crate) struct TokenStream<'s> {
    lexer: Lexer<'s>,
    start: Option<(usize, Tok)>,
    ahead: VecDeque<Spanned>,
    /// Start offset of a `(` to be delivered as [`Tok::WithLpar`].
    with_lpar_at: Option<usize>,
    /// The logical line before the current one (complete, ending with its NEWLINE).
    pub prev_line: Vec<TokInfo>,
    /// The current logical line's tokens so far (including layout tokens before it).
    pub cur_line: Vec<TokInfo>,
    /// The span of the last token handed to the parser.
    pub last: Span,
    /// The furthest token error analysis looked at (CPython's error-reporting pass may
    /// read further than the LR parser did).
    pub furthest: Option<Span>,
    /// Where CPython's error pass stopped reading, when that is before the token that
    /// stopped the LR parser (an error inside a call it had read to its `)`).
    pub read_only_to: Option<Span>,
    /// The last f-string token handed to the parser, kept whole: when it is the token
    /// the parser stopped at, CPython's error pass still parses its fields.
    pub last_fstring: Option<(usize, crate::lexer::StringLiteral, usize)>,
}

impl<'s> TokenStream<'s> {
    pub(crate) fn new(lexer: Lexer<'s>, start: Tok, at: usize) -> TokenStream<'s> {
        TokenStream {
            lexer,
            start: Some((at, start)),
            ahead: VecDeque::new(),
            with_lpar_at: None,
            prev_line: Vec::new(),
            cur_line: Vec::new(),
            last: Span::new(at, at),
            furthest: None,
            read_only_to: None,
            last_fstring: None,
        }
    }

    /// Whether the lexer ended (or is) inside brackets.
    pub(crate) fn inside_brackets(&self) -> bool {
        self.lexer.inside_brackets()
    }

    /// The next lexer item, from the lookahead buffer first.
    pub(crate) fn pull(&mut self) -> Option<Spanned> {
        self.ahead.pop_front().or_else(|| self.lexer.next())
    }

    /// Looks at the `n`th upcoming lexer item without consuming it.
    pub(crate) fn peek(&mut self, n: usize) -> Option<&Spanned> {
        while self.ahead.len() <= n {
            let item = self.lexer.next()?;
            self.ahead.push_back(item);
        }
        self.ahead.get(n)
    }

    fn record(&mut self, tok: &Token, span: Span) {
        let kind = Kind::of(tok);
        self.cur_line.push(TokInfo { kind, span });
        if kind == Kind::Newline {
            std::mem::swap(&mut self.prev_line, &mut self.cur_line);
            self.cur_line.clear();
        }
    }

    /// After `with`: is the next `(` the parenthesized with-items form? CPython tries that
    /// form first and it succeeds when the parentheses hold comma-separated items that
    /// are each `expression ['as' target]` and are followed by `:`.
    fn check_with_paren(&mut self) {
        let Some(Ok((lpar_at, Token::Lpar, _))) = self.peek(0) else {
            return;
        };
        let lpar_at = *lpar_at;
        let mut depth = 0usize;
        let mut i = 1;
        let mut items = 0usize;
        let mut item_start = true;
        loop {
            let Some(Ok((_, tok, _))) = self.peek(i) else {
                return;
            };
            match tok {
                Token::Lpar | Token::Lsqb | Token::Lbrace => depth += 1,
                Token::Rpar | Token::Rsqb | Token::Rbrace if depth > 0 => depth -= 1,
                Token::Rpar => break,
                Token::Newline => return,
                Token::Comma if depth == 0 => {
                    item_start = true;
                    i += 1;
                    continue;
                }
                // A generator expression, a walrus or a starred item: the parentheses
                // are an ordinary expression.
                Token::For | Token::Async | Token::ColonEqual if depth == 0 => return,
                Token::Star | Token::DoubleStar | Token::Yield if depth == 0 && item_start => {
                    return
                }
                _ => {}
            }
            if item_start {
                items += 1;
            }
            item_start = false;
            i += 1;
        }
        if items == 0 {
            return;
        }
        if matches!(self.peek(i + 1), Some(Ok((_, Token::Colon, _)))) {
            self.with_lpar_at = Some(lpar_at);
        }
    }
}

impl Iterator for TokenStream<'_> {
    type Item = Result<(usize, Tok, usize), ParseError>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some((at, tok)) = self.start.take() {
            return Some(Ok((at, tok, at)));
        }
        match self.pull()? {
            Err(e) => Some(Err(ParseError::Lex(e))),
            Ok((l, tok, r)) => {
                let span = Span::new(l, r);
                self.record(&tok, span);
                self.last = span;
                if let Token::Str(lit @ crate::lexer::StringLiteral::FString(_)) = &tok {
                    self.last_fstring = Some((l, lit.clone(), r));
                }
                if tok == Token::With {
                    self.check_with_paren();
                }
                if tok == Token::Lpar && self.with_lpar_at == Some(l) {
                    self.with_lpar_at = None;
                    return Some(Ok((l, Tok::WithLpar, r)));
                }
                Some(Ok((l, Tok::T(tok), r)))
            }
        }
    }
}
