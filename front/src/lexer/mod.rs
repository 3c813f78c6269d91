//! Source text → tokens: logos for the raw tokens ([`raw`]), plus the layout pass that
//! produces NEWLINE/INDENT/DEDENT and tracks brackets the way CPython's tokenizer does.
//!
//! The lexer is lazy: the parser pulls tokens one at a time, so an error late in the file
//! is only reported when the parser gets there, and a parse error earlier wins — as in
//! CPython, whose parser also pulls tokens on demand.
//!
//! Non-ASCII names are normalized to NFKC as CPython does (PEP 3131), with the
//! `unicode-normalization` crate: the Unicode tables are data no one should copy by hand.

pub mod error;
mod fstring;
mod indent;
mod numbers;
mod raw;
mod strings;
pub mod token;
mod unicode_names;

pub use error::{FStringErrorKind, LexError, LexErrorKind, LexStage};
pub use token::{FStringField, FStringPiece, StringLiteral, Token};
pub use unicode_names::lookup_name;

use crate::source::Span;
use indent::{Change, Layout};
use logos::Logos;
use raw::{Raw, RawError};
use std::collections::VecDeque;
use strings::{decode_bytes, decode_str, normalize_newlines, Prefix};
use unicode_normalization::UnicodeNormalization;

/// A token with its byte offsets, or the error that stopped lexing.
pub type Spanned = Result<(usize, Token, usize), LexError>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// A whole file: layout tokens are produced.
    File,
    /// The expression of an f-string field: wrapped in a synthetic `(`...`)`, as CPython
    /// wraps it, so newlines inside are insignificant; no layout tokens.
    FieldExpr,
}

/// The token iterator over one source text (or one f-string field inside it).
pub struct Lexer<'src> {
    /// The whole file, for line numbers in messages.
    src: &'src str,
    raw: logos::Lexer<'src, Raw>,
    /// Offset of the raw lexer's text inside `src`.
    base: usize,
    /// End of the lexed range inside `src`.
    end: usize,
    mode: Mode,
    layout: Layout,
    pending: VecDeque<Spanned>,
    /// No token yet on the current logical line.
    at_bol: bool,
    /// Where the current logical line's first physical line starts.
    line_start: usize,
    /// Where the last token was a backslash continuation (None once another token came).
    last_continuation: Option<Span>,
    /// A string-content error (CPython raises those from the parser's string action,
    /// after the whole group of adjacent strings): held until the next non-string token.
    deferred: Option<LexError>,
    /// Emitted a tokenizer error: nothing more.
    failed: bool,
    finished: bool,
    /// REPL input: the end of the text is only the end of what was typed so far, so
    /// ending inside brackets is no error (the REPL asks for another line instead).
    interactive: bool,
}

impl<'src> Lexer<'src> {
    pub fn new(src: &'src str) -> Self {
        // A UTF-8 byte order mark at the very start is not part of the program.
        let base = if src.starts_with('\u{feff}') { 3 } else { 0 };
        Lexer::with_range(src, base, src.len(), Mode::File)
    }

    /// A lexer for REPL input: the same tokens, except that the text may end inside
    /// brackets (see [`Lexer::inside_brackets`]).
    pub fn interactive(src: &'src str) -> Self {
        let mut lx = Lexer::new(src);
        lx.interactive = true;
        lx
    }

    /// Whether the text so far leaves a bracket open.
    pub fn inside_brackets(&self) -> bool {
        !self.layout.brackets.is_empty()
    }

    /// A lexer for the field expression at `span` of an f-string in `src`: it yields a
    /// synthetic `(`, the expression's tokens, then a synthetic `)`.
    pub(crate) fn for_field(src: &'src str, span: Span) -> Self {
        let start = (span.start as usize).min(src.len());
        let end = (span.end as usize).clamp(start, src.len());
        let mut lx = Lexer::with_range(src, start, end, Mode::FieldExpr);
        lx.pending.push_back(Ok((start, Token::Lpar, start)));
        // The synthetic paren sits at the bottom of the bracket stack; it cannot overflow.
        let _ = lx.layout.open('(', Span::new(start, start));
        lx.at_bol = false;
        lx
    }

    fn with_range(src: &'src str, start: usize, end: usize, mode: Mode) -> Self {
        let text = src.get(start..end).unwrap_or("");
        Lexer {
            src,
            raw: Raw::lexer(text),
            base: start,
            end,
            mode,
            layout: Layout::new(),
            pending: VecDeque::new(),
            at_bol: true,
            line_start: start,
            last_continuation: None,
            deferred: None,
            failed: false,
            finished: false,
            interactive: false,
        }
    }

    /// 1-based line of a byte offset (counting `\n`, like [`crate::source::SourceFile`]).
    fn line_of(&self, offset: usize) -> u32 {
        let upto = offset.min(self.src.len());
        let n = self.src.as_bytes()[..upto]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        u32::try_from(n).unwrap_or(u32::MAX - 1) + 1
    }

    fn error(&mut self, kind: LexErrorKind, span: Span) -> Spanned {
        if kind.stage() != LexStage::Parser {
            self.failed = true;
            self.deferred = None;
        }
        Err(LexError::new(kind, span))
    }

    /// Produces the next token(s) into `pending`; false at the end.
    fn advance(&mut self) -> bool {
        let Some(item) = self.raw.next() else {
            self.at_end();
            return !self.pending.is_empty();
        };
        let r = self.raw.span();
        let span = Span::new(r.start + self.base, r.end + self.base);
        let raw = match item {
            Ok(raw) => raw,
            Err(e) => {
                // CPython measures a line's indentation before reading its first token.
                if self.at_bol && self.mode == Mode::File {
                    self.at_bol = false;
                    if !self.start_line(span) {
                        return true;
                    }
                }
                let err = self.raw_error(e, span);
                self.pending.push_back(err);
                return true;
            }
        };
        match raw {
            Raw::Newline => {
                self.last_continuation = None;
                if self.layout.brackets.is_empty() {
                    if !self.at_bol && self.mode == Mode::File {
                        self.push_plain(Token::Newline, span);
                        self.at_bol = true;
                    }
                    self.line_start = span.end as usize;
                }
                return true;
            }
            Raw::Continuation => {
                self.last_continuation = Some(span);
                return true;
            }
            _ => {}
        }
        self.last_continuation = None;
        if self.at_bol {
            self.at_bol = false;
            // A stray backslash in the indentation is reported before the indentation.
            if self.mode == Mode::File && raw != Raw::Backslash && !self.start_line(span) {
                return true;
            }
        }
        self.token(raw, span);
        true
    }

    /// Indentation of a new logical line whose first token is at `first`. Returns false
    /// (with the error queued) when the indentation is invalid.
    fn start_line(&mut self, first: Span) -> bool {
        let ws = self
            .src
            .get(self.line_start..first.start as usize)
            .unwrap_or("");
        let cols = indent::measure(ws);
        match self.layout.line(cols) {
            Ok(Change::Same) => {}
            Ok(Change::Indent) => {
                let span = Span::new(self.line_start, first.start as usize);
                self.push_token(Token::Indent, span);
            }
            Ok(Change::Dedent(n)) => {
                let at = Span::new(first.start as usize, first.start as usize);
                for _ in 0..n {
                    self.push_token(Token::Dedent, at);
                }
            }
            Err(kind) => {
                let span = Span::new(self.line_start, first.start as usize);
                let err = self.error(kind, span);
                self.pending.push_back(err);
                return false;
            }
        }
        true
    }

    fn push_token(&mut self, tok: Token, span: Span) {
        self.pending
            .push_back(Ok((span.start as usize, tok, span.end as usize)));
    }

    /// Queues a non-string token, releasing a deferred string error first.
    fn push_plain(&mut self, tok: Token, span: Span) {
        if let Some(mut e) = self.deferred.take() {
            if !matches!(e.kind, LexErrorKind::BytesNonAscii) {
                e.span = span;
            }
            self.pending.push_back(Err(e));
        }
        self.push_token(tok, span);
    }

    fn at_end(&mut self) {
        if self.finished {
            return;
        }
        self.finished = true;
        let end = self.end;
        let at = Span::new(end, end);
        if let Some(cont) = self.last_continuation {
            let err = self.error(LexErrorKind::UnexpectedEof, cont);
            self.pending.push_back(err);
            return;
        }
        match self.mode {
            Mode::File => {
                if let Some(open) = self.layout.brackets.last().copied() {
                    if !self.interactive {
                        let err = self.error(LexErrorKind::NeverClosed(open.ch), open.span);
                        self.pending.push_back(err);
                    }
                    return;
                }
                if !self.at_bol {
                    self.push_plain(Token::Newline, at);
                    self.at_bol = true;
                }
                if let Some(mut e) = self.deferred.take() {
                    if !matches!(e.kind, LexErrorKind::BytesNonAscii) {
                        e.span = at;
                    }
                    self.pending.push_back(Err(e));
                }
                for _ in 0..self.layout.depth() {
                    self.push_token(Token::Dedent, at);
                }
            }
            Mode::FieldExpr => {
                if self.layout.brackets.len() > 1 {
                    let open = self.layout.brackets[self.layout.brackets.len() - 1];
                    let err = self.error(LexErrorKind::NeverClosed(open.ch), open.span);
                    self.pending.push_back(err);
                    return;
                }
                self.push_plain(Token::Rpar, at);
            }
        }
    }

    fn raw_error(&mut self, e: RawError, span: Span) -> Spanned {
        match e {
            RawError::Number(pos, kind) => {
                let at = pos + self.base;
                self.error(kind, Span::new(at, at + 1))
            }
            RawError::Unterminated(u) => {
                let detected = u.detected_at + self.base;
                // CPython reports the line of the last character it read.
                let line = self.line_of(if detected >= self.src.len() {
                    detected.saturating_sub(1)
                } else {
                    detected
                });
                let kind = if u.triple {
                    LexErrorKind::UnterminatedTripleString(line)
                } else {
                    LexErrorKind::UnterminatedString(line)
                };
                self.error(kind, Span::new(span.start as usize, detected))
            }
            RawError::NoMatch => {
                let c = self
                    .src
                    .get(span.start as usize..)
                    .and_then(|s| s.chars().next())
                    .unwrap_or('\0');
                let kind = if c == '\0' {
                    LexErrorKind::NullByte
                } else if c.is_ascii_graphic() {
                    LexErrorKind::InvalidSyntax
                } else if is_printable(c) {
                    LexErrorKind::InvalidCharacter(c)
                } else {
                    LexErrorKind::NonPrintableCharacter(c)
                };
                self.error(kind, span)
            }
        }
    }

    /// Converts a raw token (not a newline) and queues it.
    fn token(&mut self, raw: Raw, span: Span) {
        let text = self.src.get(span.range()).unwrap_or("");
        let tok = match raw {
            Raw::Name => match keyword(text) {
                Some(k) => k,
                None => {
                    if !text.is_ascii() {
                        if let Err((offset, c)) = verify_identifier(text) {
                            let at = span.start as usize + offset;
                            let kind = if is_printable(c) {
                                LexErrorKind::InvalidCharacter(c)
                            } else {
                                LexErrorKind::NonPrintableCharacter(c)
                            };
                            let err = self.error(kind, Span::new(at, at + c.len_utf8()));
                            self.pending.push_back(err);
                            return;
                        }
                    }
                    if text.is_ascii() {
                        Token::Name(text.to_owned())
                    } else {
                        // PEP 3131: names are compared in NFKC form, so `ﬁ` is `fi`.
                        Token::Name(text.nfkc().collect())
                    }
                }
            },
            Raw::Number(kind) => match numbers::number_token(text, kind) {
                Ok(token) => token,
                Err(kind) => {
                    let err = self.error(kind, span);
                    self.pending.push_back(err);
                    return;
                }
            },
            Raw::Str(extent) => {
                let abs = strings::StringExtent {
                    body_start: extent.body_start + self.base,
                    body_end: extent.body_end + self.base,
                    end: extent.end + self.base,
                };
                match self.string(text, span.start as usize, abs) {
                    Ok(lit) => Token::Str(lit),
                    Err(kind) => {
                        // Keep the parser going over the string group; report after it.
                        if self.deferred.is_none() {
                            self.deferred = Some(LexError::new(kind, span));
                        }
                        Token::Str(StringLiteral::Str(String::new()))
                    }
                }
            }
            Raw::Backslash => {
                let at_eof = span.end as usize >= self.end;
                let kind = if at_eof {
                    LexErrorKind::UnexpectedEof
                } else {
                    LexErrorKind::LineContinuation
                };
                let err = self.error(kind, span);
                self.pending.push_back(err);
                return;
            }
            Raw::Bang => {
                let err = self.error(LexErrorKind::InvalidSyntax, span);
                self.pending.push_back(err);
                return;
            }
            Raw::Lpar | Raw::Lsqb | Raw::Lbrace => {
                let ch = text.chars().next().unwrap_or('(');
                if let Err(kind) = self.layout.open(ch, span) {
                    let err = self.error(kind, span);
                    self.pending.push_back(err);
                    return;
                }
                match raw {
                    Raw::Lpar => Token::Lpar,
                    Raw::Lsqb => Token::Lsqb,
                    _ => Token::Lbrace,
                }
            }
            Raw::Rpar | Raw::Rsqb | Raw::Rbrace => {
                let ch = text.chars().next().unwrap_or(')');
                let bottom_is_synthetic =
                    self.mode == Mode::FieldExpr && self.layout.brackets.len() == 1;
                let result = if bottom_is_synthetic {
                    Err(LexErrorKind::Unmatched(ch))
                } else {
                    let src = self.src;
                    let line_of = |off: u32| {
                        let upto = (off as usize).min(src.len());
                        src.as_bytes()[..upto]
                            .iter()
                            .filter(|&&b| b == b'\n')
                            .count() as u32
                            + 1
                    };
                    self.layout.close(ch, span, line_of)
                };
                if let Err(kind) = result {
                    let err = self.error(kind, span);
                    self.pending.push_back(err);
                    return;
                }
                match raw {
                    Raw::Rpar => Token::Rpar,
                    Raw::Rsqb => Token::Rsqb,
                    _ => Token::Rbrace,
                }
            }
            other => operator(other),
        };
        if matches!(tok, Token::Str(_)) {
            self.push_token(tok, span);
        } else {
            self.push_plain(tok, span);
        }
    }

    /// Decodes a string literal token.
    fn string(
        &self,
        text: &str,
        start: usize,
        ext: strings::StringExtent,
    ) -> Result<StringLiteral, LexErrorKind> {
        let quote_len = ext.end - ext.body_end;
        let prefix_len = (ext.body_start - start).saturating_sub(quote_len);
        let prefix = Prefix::parse(text.get(..prefix_len).unwrap_or(""));
        let body = self.src.get(ext.body_start..ext.body_end).unwrap_or("");
        if prefix.bytes {
            if !body.is_ascii() {
                return Err(LexErrorKind::BytesNonAscii);
            }
            return decode_bytes(body, prefix.raw).map(StringLiteral::Bytes);
        }
        if prefix.fstring {
            let pieces =
                fstring::split_fstring(self.src, ext.body_start..ext.body_end, prefix.raw)?;
            return Ok(StringLiteral::FString(pieces));
        }
        if prefix.raw {
            return Ok(StringLiteral::Str(normalize_newlines(body).into_owned()));
        }
        decode_str(body).map(StringLiteral::Str)
    }
}

impl Iterator for Lexer<'_> {
    type Item = Spanned;

    fn next(&mut self) -> Option<Spanned> {
        loop {
            if let Some(t) = self.pending.pop_front() {
                return Some(t);
            }
            if self.failed || !self.advance() {
                return None;
            }
        }
    }
}

/// Lexes a whole source text (for tests and tools).
pub fn tokenize(src: &str) -> Result<Vec<(usize, Token, usize)>, LexError> {
    Lexer::new(src).collect()
}

fn keyword(text: &str) -> Option<Token> {
    Some(match text {
        "False" => Token::False,
        "None" => Token::None,
        "True" => Token::True,
        "and" => Token::And,
        "as" => Token::As,
        "assert" => Token::Assert,
        "async" => Token::Async,
        "await" => Token::Await,
        "break" => Token::Break,
        "class" => Token::Class,
        "continue" => Token::Continue,
        "def" => Token::Def,
        "del" => Token::Del,
        "elif" => Token::Elif,
        "else" => Token::Else,
        "except" => Token::Except,
        "finally" => Token::Finally,
        "for" => Token::For,
        "from" => Token::From,
        "global" => Token::Global,
        "if" => Token::If,
        "import" => Token::Import,
        "in" => Token::In,
        "is" => Token::Is,
        "lambda" => Token::Lambda,
        "nonlocal" => Token::Nonlocal,
        "not" => Token::Not,
        "or" => Token::Or,
        "pass" => Token::Pass,
        "raise" => Token::Raise,
        "return" => Token::Return,
        "try" => Token::Try,
        "while" => Token::While,
        "with" => Token::With,
        "yield" => Token::Yield,
        _ => return None,
    })
}

fn operator(raw: Raw) -> Token {
    match raw {
        Raw::Plus => Token::Plus,
        Raw::Minus => Token::Minus,
        Raw::Star => Token::Star,
        Raw::DoubleStar => Token::DoubleStar,
        Raw::Slash => Token::Slash,
        Raw::DoubleSlash => Token::DoubleSlash,
        Raw::Percent => Token::Percent,
        Raw::At => Token::At,
        Raw::LeftShift => Token::LeftShift,
        Raw::RightShift => Token::RightShift,
        Raw::Amper => Token::Amper,
        Raw::Vbar => Token::Vbar,
        Raw::Circumflex => Token::Circumflex,
        Raw::Tilde => Token::Tilde,
        Raw::ColonEqual => Token::ColonEqual,
        Raw::Less => Token::Less,
        Raw::Greater => Token::Greater,
        Raw::LessEqual => Token::LessEqual,
        Raw::GreaterEqual => Token::GreaterEqual,
        Raw::EqEqual => Token::EqEqual,
        Raw::NotEqual => Token::NotEqual,
        Raw::Comma => Token::Comma,
        Raw::Colon => Token::Colon,
        Raw::Dot => Token::Dot,
        Raw::Semi => Token::Semi,
        Raw::Equal => Token::Equal,
        Raw::Rarrow => Token::Rarrow,
        Raw::PlusEqual => Token::PlusEqual,
        Raw::MinEqual => Token::MinEqual,
        Raw::StarEqual => Token::StarEqual,
        Raw::SlashEqual => Token::SlashEqual,
        Raw::DoubleSlashEqual => Token::DoubleSlashEqual,
        Raw::PercentEqual => Token::PercentEqual,
        Raw::AtEqual => Token::AtEqual,
        Raw::AmperEqual => Token::AmperEqual,
        Raw::VbarEqual => Token::VbarEqual,
        Raw::CircumflexEqual => Token::CircumflexEqual,
        Raw::RightShiftEqual => Token::RightShiftEqual,
        Raw::LeftShiftEqual => Token::LeftShiftEqual,
        Raw::DoubleStarEqual => Token::DoubleStarEqual,
        // Every other raw shape is handled before this is called.
        _ => Token::Ellipsis,
    }
}

/// Checks a non-ASCII name: XID_Start (or `_`) then XID_Continue. Returns the offset and
/// character of the first offender. (CPython also NFKC-normalises names; apy does not.)
fn verify_identifier(text: &str) -> Result<(), (usize, char)> {
    for (i, c) in text.char_indices() {
        let ok = if i == 0 {
            c == '_' || unicode_ident::is_xid_start(c)
        } else {
            unicode_ident::is_xid_continue(c)
        };
        if !ok {
            return Err((i, c));
        }
    }
    Ok(())
}

/// Python's `str.isprintable` for one character, approximated without the Unicode
/// database: control, format, private-use characters and separators other than space are
/// not printable.
fn is_printable(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    if c.is_control() || c.is_whitespace() {
        return false;
    }
    let u = c as u32;
    let format = matches!(u,
        0xAD | 0x600..=0x605 | 0x61C | 0x6DD | 0x70F | 0x8E2 | 0x180E | 0x200B..=0x200F
        | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x206F | 0xFEFF | 0xFFF9..=0xFFFB
        | 0x110BD | 0x110CD | 0x13430..=0x13438 | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A
        | 0xE0001 | 0xE0020..=0xE007F);
    let private = matches!(u, 0xE000..=0xF8FF | 0xF0000..=0xFFFFD | 0x100000..=0x10FFFD);
    !(format || private)
}
