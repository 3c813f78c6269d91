//! Naming a parse failure the way CPython would.
//!
//! When the LR parser stops, we know the offending token, the terminals it expected and
//! the tokens of the current (and previous) logical line. CPython's second,
//! error-reporting pass recognises specific mistakes; the rules below recognise the same
//! situations from those tokens. Then, as CPython does, the rest of the file is
//! tokenized: a tokenizer error further on replaces a parse error (and an unclosed
//! bracket opened on an earlier line replaces it too).

use super::argument_order;
use super::errors::{LalrError, ParseError, SyntaxErrorKind as K};
use super::tokens::{Kind, NameFlag, TokInfo, TokenStream};
use crate::diagnostic::Diagnostic;
use crate::lexer::{LexErrorKind, LexStage, Token};
use crate::source::Span;

/// Why a REPL input that failed to parse may still be unfinished.
pub(crate) enum Unfinished {
    /// The text ends inside brackets, a triple-quoted string or after a backslash.
    InsideToken,
    /// The parser hit the end of the input (or the layout tokens made there).
    AtEnd,
}

/// Whether a failed parse stopped only because the input ended (so more lines could
/// complete it), judged from the parser's own failure rather than from the text.
/// `inside_brackets`: the (interactive) lexer ended inside brackets.
pub(crate) fn unfinished(src: &str, err: &LalrError, inside_brackets: bool) -> Option<Unfinished> {
    use lalrpop_util::ParseError as P;
    match err {
        P::User {
            error: ParseError::Lex(e),
        } => match e.kind {
            LexErrorKind::UnterminatedTripleString(_) | LexErrorKind::UnexpectedEof => {
                Some(Unfinished::InsideToken)
            }
            // A backslash-newline inside a one-line string continues it on the next line.
            LexErrorKind::UnterminatedString(_) if e.span.end as usize >= src.len() => {
                Some(Unfinished::InsideToken)
            }
            _ => None,
        },
        P::UnrecognizedEof { .. } if inside_brackets => Some(Unfinished::InsideToken),
        P::UnrecognizedEof { .. } => Some(Unfinished::AtEnd),
        // DEDENTs (and a NEWLINE) made at the end of the input.
        P::UnrecognizedToken {
            token: (l, _, _), ..
        } if *l >= src.len() => Some(Unfinished::AtEnd),
        _ => None,
    }
}

/// Turns a failed parse of a whole file into its diagnostic.
pub(crate) fn report(src: &str, stream: &mut TokenStream<'_>, err: LalrError) -> Diagnostic {
    let (error, tokenizer_error) = classify(src, stream, err, true);
    // CPython reports an unexpected INDENT/DEDENT token without tokenizing further.
    let layout = matches!(
        &error,
        ParseError::Syntax {
            kind: K::UnexpectedIndent | K::UnexpectedUnindent,
            ..
        }
    );
    if tokenizer_error || layout {
        return error.to_diagnostic();
    }
    rescan(src, stream, error).to_diagnostic()
}

/// Turns a failed parse of an f-string field into the error CPython reports for it.
pub(crate) fn field_error(src: &str, stream: &mut TokenStream<'_>, err: LalrError) -> ParseError {
    let (error, _) = classify(src, stream, err, false);
    match error {
        ParseError::Syntax {
            kind: K::TooDeep,
            span,
        } => ParseError::Syntax {
            kind: K::TooDeep,
            span,
        },
        ParseError::Syntax {
            kind: kind @ K::InFString(_),
            span,
        } => ParseError::Syntax { kind, span },
        ParseError::Syntax { kind, span } => ParseError::Syntax {
            kind: K::InFString(Box::new(kind)),
            span,
        },
        lex => lex,
    }
}

/// The error, and whether it came straight from the tokenizer (so no rescan).
fn classify(
    src: &str,
    stream: &mut TokenStream<'_>,
    err: LalrError,
    whole_file: bool,
) -> (ParseError, bool) {
    use lalrpop_util::ParseError as P;
    match err {
        P::User {
            error: ParseError::Lex(e),
        } if e.kind == LexErrorKind::InvalidSyntax => {
            // CPython's parser sees a stray `$` or `!` as an operator it cannot use.
            stream.cur_line.push(TokInfo {
                kind: Kind::Word("?"),
                span: e.span,
            });
            (analyze(src, stream, e.span, false, &[], whole_file), false)
        }
        P::User {
            error: ParseError::Lex(e),
        } => {
            let tokenizer = e.stage() != LexStage::Parser;
            (ParseError::Lex(e), tokenizer)
        }
        P::User { error } => (error, false),
        P::UnrecognizedToken {
            token: (l, _, r),
            expected,
        } => {
            // Layout tokens made at end of file are reported where CPython's ENDMARKER is.
            let at = if whole_file && l >= src.len() {
                let e = eof_position(src, src.len());
                Span::new(e, e)
            } else {
                Span::new(l, r)
            };
            let mut e = analyze(src, stream, Span::new(l, r), false, &expected, whole_file);
            if let ParseError::Syntax { span, .. } = &mut e {
                if span.start as usize >= src.len() {
                    *span = at;
                }
            }
            (e, false)
        }
        P::UnrecognizedEof { location, expected } => {
            let at = if whole_file {
                eof_position(src, src.len())
            } else {
                location
            };
            (
                analyze(src, stream, Span::new(at, at), true, &expected, whole_file),
                false,
            )
        }
        P::ExtraToken { token: (l, _, r) } => {
            (ParseError::syntax(K::InvalidSyntax, Span::new(l, r)), false)
        }
        P::InvalidToken { location } => (
            ParseError::syntax(K::InvalidSyntax, Span::new(location, location)),
            false,
        ),
    }
}

/// CPython puts errors at end of file on the last line, not after its newline.
fn eof_position(src: &str, location: usize) -> usize {
    let loc = location.min(src.len());
    let before = &src[..loc];
    if before.ends_with("\r\n") {
        loc - 2
    } else if before.ends_with('\n') || before.ends_with('\r') {
        loc - 1
    } else {
        loc
    }
}

/// `_PyPegen_tokenize_full_source_to_check_for_errors`.
fn rescan(src: &str, stream: &mut TokenStream<'_>, error: ParseError) -> ParseError {
    let furthest = match stream.read_only_to {
        Some(to) => to.start,
        None => stream
            .furthest
            .map_or(stream.last.start, |f| f.start.max(stream.last.start)),
    };
    let err_line = line_of(src, furthest as usize);
    while let Some(item) = stream.pull() {
        let Err(e) = item else { continue };
        match e.stage() {
            LexStage::Parser => continue,
            LexStage::TokenizerCode => break,
            LexStage::Tokenizer => {
                if let LexErrorKind::NeverClosed(_) = e.kind {
                    if line_of(src, e.span.start as usize) < err_line {
                        return ParseError::Lex(e);
                    }
                    break;
                }
                return ParseError::Lex(e);
            }
        }
    }
    error
}

fn line_of(src: &str, offset: usize) -> usize {
    let upto = offset.min(src.len());
    src.as_bytes()[..upto]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

fn expects(expected: &[String], terminal: &str) -> bool {
    expected.iter().any(|e| e.trim_matches('"') == terminal)
}

/// The logical line's tokens up to and including the offending one.
fn line_tokens<'a>(stream: &'a TokenStream<'_>, at: Span, eof: bool) -> &'a [TokInfo] {
    if !eof
        && stream
            .prev_line
            .last()
            .is_some_and(|t| t.span == at && t.kind == Kind::Newline)
    {
        return &stream.prev_line;
    }
    &stream.cur_line
}

/// Index of the first token that is not INDENT/DEDENT.
fn first_real(toks: &[TokInfo]) -> usize {
    toks.iter()
        .position(|t| !matches!(t.kind, Kind::Indent | Kind::Dedent))
        .unwrap_or(toks.len())
}

fn analyze(
    src: &str,
    stream: &mut TokenStream<'_>,
    at: Span,
    eof: bool,
    expected: &[String],
    whole_file: bool,
) -> ParseError {
    let err = |kind: K, span: Span| ParseError::syntax(kind, span);
    let mut toks: Vec<TokInfo> = line_tokens(stream, at, eof).to_vec();
    // The offending token is the last one recorded (none at end of file).
    let offending = match toks.last() {
        Some(t) if !eof && t.span == at => toks.pop(),
        _ => None,
    };
    let start = first_real(&toks);
    let before = &toks[start..];
    let line = before;

    if whole_file {
        if let Some(first) = line.first() {
            if first.kind == Kind::Name(NameFlag::SoftKeyword)
                && text(src, first.span) == "match"
                && line_ends_with_colon(stream, &toks, offending)
            {
                return err(K::Unsupported("match statements"), first.span);
            }
        }
    }
    // Only right after a `try` body: once a handler is there, `else` is possible too
    // and a stray token is plain invalid syntax.
    if expects(expected, "except") && expects(expected, "finally") && !expects(expected, "else") {
        return err(K::ExpectedExceptOrFinally, at);
    }
    if offending.is_some_and(|t| t.kind == Kind::Indent) {
        return err(K::UnexpectedIndent, at);
    }
    if expects(expected, "INDENT") {
        if let Some(what) = header(src, &stream.prev_line) {
            return err(K::ExpectedIndentedBlock(what), at);
        }
    }
    if offending.is_some_and(|t| t.kind == Kind::Dedent) {
        return err(K::UnexpectedUnindent, at);
    }
    if let Some((e, close)) = argument_order::closed_call_error(before) {
        stream.read_only_to = Some(close);
        return e;
    }
    if let Some(kind) = forced_token(before, offending, expected) {
        return err(kind, at);
    }
    if let Some(off) = offending {
        if let Some((kind, span)) = bracket_mistake(stream, before, off) {
            return err(kind, span);
        }
    }
    let is_newline = eof || offending.is_some_and(|t| t.kind == Kind::Newline);
    if is_newline
        && before.first().is_some_and(|f| is_compound_keyword(f.kind))
        && expects(expected, ":")
    {
        return err(K::Expected(":"), at);
    }
    if let (Some(first), Some(off)) = (before.first(), offending) {
        if first.kind.is("except")
            && off.kind.is(",")
            && depth_before(before) == 0
            && !before.iter().any(|t| t.kind.is(":"))
        {
            if let Some(t) = before.get(1) {
                let t = if t.kind.is("*") {
                    before.get(2).unwrap_or(t)
                } else {
                    t
                };
                return err(K::MultipleExceptionTypes, t.span);
            }
        }
    }
    if expects(expected, "else") {
        if let Some(if_at) = matching_if(before) {
            if if_at > 0 {
                let s = expr_start(before, if_at - 1);
                return err(
                    K::ExpectedElse,
                    Span::new(before[s].span.start as usize, at.end as usize),
                );
            }
        }
    }
    if let (Some(off), Some(last)) = (offending, before.last()) {
        if let Some(e) = number_runs_into_name(src, *last, off) {
            return e;
        }
    }
    if whole_file {
        if let Some(e) = invalid_for_target(src, before, offending, at) {
            return e;
        }
    }
    if let (Some(off), Some(last)) = (offending, before.last()) {
        // `a f'{'`: the error pass parses the second operand, f-string fields and all.
        if ends_operand(last.kind) && off.kind == Kind::Str {
            if let Some(e) = string_error(src, stream, off) {
                return e;
            }
        }
        // `print "x"`, `(print x)`: CPython's `invalid_legacy_expression`, tried
        // wherever an expression is, for `print` or `exec` standing alone as one.
        if let Kind::Name(NameFlag::Legacy(name)) = last.kind {
            let i = before.len() - 1;
            let alone = expr_start(before, i) == i && (i == 0 || !before[i - 1].kind.is("."));
            if alone && starts_expression(off.kind) && !off.kind.is("(") && !off.kind.is("yield") {
                return err(K::MissingParentheses(name.to_string()), last.span);
            }
        }
        // `f(x [])`: an empty subscript is no subscript; CPython reads `[]` as a second
        // element there, next to the first.
        let n = before.len();
        if off.kind.is("]")
            && last.kind.is("[")
            && n >= 2
            && ends_operand(before[n - 2].kind)
            && depth_before(&before[..n - 1]) > 0
            && !in_lambda_parameters(&before[..n - 1])
        {
            let s = expr_start(before, n - 2);
            return err(
                K::ForgotComma,
                Span::new(before[s].span.start as usize, off.span.end as usize),
            );
        }
        let juxtaposed = ends_operand(last.kind)
            && starts_expression(off.kind)
            && (!off.kind.is("await") || next_starts_atom(stream));
        if juxtaposed {
            if let Some(e) = juxtaposition(stream, before, off) {
                return e;
            }
        }
    }
    if let Some(e) = argument_order::misplaced_argument(before, at) {
        return e;
    }
    if let Some(off) = offending {
        if in_parameter_list(before)
            && off.kind.is("(")
            && before
                .last()
                .is_some_and(|t| matches!(t.kind, Kind::Word("(" | ",")))
            && parenthesized_names_follow(stream)
        {
            return err(K::ParenthesizedParameters, off.span);
        }
    }
    err(K::InvalidSyntax, at)
}

/// Two expressions side by side (`a b`): CPython's `invalid_expression` parses the
/// second one, so a tokenizer error met on the way is reported; inside brackets the
/// message then suggests a missing comma (or, in a dict, a missing colon).
fn juxtaposition(
    stream: &mut TokenStream<'_>,
    before: &[TokInfo],
    off: TokInfo,
) -> Option<ParseError> {
    let last = *before.last()?;
    let s = expr_start(before, before.len() - 1);
    let name_then_string =
        s == before.len() - 1 && matches!(last.kind, Kind::Name(_)) && off.kind == Kind::Str;
    let soft = matches!(before[s].kind, Kind::Name(NameFlag::SoftKeyword));
    let after_in = s > 0 && (before[s - 1].kind.is("in") || before[s - 1].kind.is("if"));
    let in_dict = innermost_open(before)
        .is_some_and(|o| before[o].kind.is("{") && top_level_colon(&before[o + 1..]));
    if in_dict && !after_in && !off.kind.is("yield") {
        if let Some(e) = lookahead_error(stream, opener_depth(off)) {
            return Some(e);
        }
        if before[s..].iter().all(|t| !t.kind.is(":")) && (s == 0 || !before[s - 1].kind.is(":")) {
            return Some(ParseError::syntax(K::ExpectedDictColon, before[s].span));
        }
    }
    // `from m import (a b)`: names, not expressions.
    if innermost_open(before).is_some_and(|o| o > 0 && before[o - 1].kind.is("import")) {
        return None;
    }
    // `a {: 1}`: no second expression starts, so none stands beside the first.
    if opener_depth(off) == 1 && !element_follows(stream) {
        return None;
    }
    if soft {
        return after_soft_keyword(stream, before, s, off);
    }
    if name_then_string
        || after_in
        || in_parameter_list(before)
        || in_lambda_parameters(before)
        || off.kind.is("yield")
        || (off.kind.is("lambda") && !next_starts_lambda(stream))
    {
        return None;
    }
    if let Some(e) = lookahead_error(stream, opener_depth(off)) {
        return Some(e);
    }
    if depth_before(before) > 0 {
        return Some(ParseError::syntax(
            K::ForgotComma,
            Span::new(before[s].span.start as usize, off.span.end as usize),
        ));
    }
    None
}

/// `c + d e` where `c` is (a prefix of) a soft keyword: CPython's comma rule skips an
/// expression that starts with one, but its `invalid_legacy_expression` (any name, then
/// expressions) parses what follows the name, and the comma rule finds `+ d e` there.
/// A call, an attribute or a starred operand after the name is no such expression.
fn after_soft_keyword(
    stream: &mut TokenStream<'_>,
    before: &[TokInfo],
    s: usize,
    off: TokInfo,
) -> Option<ParseError> {
    let next = before.get(s + 1)?;
    let operand = matches!(next.kind, Kind::Number | Kind::Str | Kind::Name(_))
        || matches!(
            next.kind,
            Kind::Word("+" | "-" | "~" | "[" | "{" | "not" | "await")
        );
    if !operand || depth_before(before) <= 0 || off.kind.is("yield") {
        return None;
    }
    if let Some(e) = lookahead_error(stream, opener_depth(off)) {
        return Some(e);
    }
    Some(ParseError::syntax(
        K::ForgotComma,
        Span::new(next.span.start as usize, off.span.end as usize),
    ))
}

/// The error in the string group the parser stopped at, if it has one: a string the
/// lexer could not read (its error waits after the group), or an f-string field that
/// does not parse.
fn string_error(src: &str, stream: &mut TokenStream<'_>, off: TokInfo) -> Option<ParseError> {
    let mut i = 0;
    loop {
        match stream.peek(i) {
            Some(Ok((_, Token::Str(_), _))) => i += 1,
            Some(Err(e))
                if e.stage() == LexStage::Parser && e.kind != LexErrorKind::InvalidSyntax =>
            {
                return Some(ParseError::Lex(e.clone()))
            }
            _ => break,
        }
    }
    let (l, literal, r) = stream.last_fstring.clone()?;
    if Span::new(l, r) != off.span {
        return None;
    }
    let ctx = super::context::ParseContext::new(src);
    match super::fstrings::strings(&ctx, vec![(l, literal, r)], l, r) {
        Ok(_) => None,
        Err(lalrpop_util::ParseError::User { error }) => Some(error),
        Err(_) => Some(ParseError::syntax(K::InvalidSyntax, off.span)),
    }
}

/// After an opening bracket: can the next token begin an element (or close it empty)?
fn element_follows(stream: &mut TokenStream<'_>) -> bool {
    match stream.peek(0) {
        Some(Ok((_, tok, _))) => {
            let kind = Kind::of(tok);
            starts_expression(kind)
                || matches!(kind, Kind::Word(")" | "]" | "}" | "*" | "**" | "-" | "+"))
        }
        _ => true,
    }
}

fn opener_depth(off: TokInfo) -> usize {
    usize::from(matches!(off.kind, Kind::Word("(" | "[" | "{")))
}

/// Is there a `:` at the top level of these tokens (the inside of a `{`)?
pub(super) fn top_level_colon(toks: &[TokInfo]) -> bool {
    let mut depth = 0;
    toks.iter().any(|t| {
        match t.kind {
            Kind::Word("(" | "[" | "{") => depth += 1,
            Kind::Word(")" | "]" | "}") => depth -= 1,
            _ => {}
        }
        depth == 0 && t.kind.is(":")
    })
}

/// Follows the second expression of `a b` to where CPython's parse of it would stop.
/// A tokenizer error met on the way is returned; otherwise the token it stops at is
/// recorded as the furthest token looked at (which decides whether an unclosed bracket
/// replaces the error later).
fn lookahead_error(stream: &mut TokenStream<'_>, mut depth: usize) -> Option<ParseError> {
    let mut i = 0;
    let mut prev_ends_operand = false;
    let mut prev_is_str = false;
    let mut prev_span = Span::default();
    loop {
        // Inside a bracket the second expression opened, CPython's parse stops at a token
        // that cannot start an element, and names a missing comma where two elements touch.
        if depth > 0 {
            if let Some(Ok((l, tok, r))) = stream.peek(i) {
                let span = Span::new(*l, *r);
                let kind = Kind::of(tok);
                // (`f (` and `a [` are a call and a subscript, not two elements.)
                if prev_ends_operand
                    && starts_expression(kind)
                    && !matches!(kind, Kind::Word("yield" | "(" | "["))
                {
                    stream.furthest = Some(span);
                    return Some(ParseError::syntax(K::ForgotComma, prev_span.to(span)));
                }
                let opener_before = i == 0
                    || matches!(
                        stream.peek(i - 1),
                        Some(Ok((_, Token::Lpar | Token::Lsqb | Token::Lbrace, _)))
                    );
                let element_start = starts_expression(kind)
                    || matches!(kind, Kind::Word(")" | "]" | "}" | "*" | "**" | "-" | "+"));
                if opener_before && !element_start {
                    stream.furthest = Some(span);
                    return None;
                }
            }
        }
        let stop = match stream.peek(i) {
            None => return None,
            Some(Err(e)) => {
                return (e.stage() != LexStage::Parser).then(|| ParseError::Lex(e.clone()))
            }
            Some(Ok((l, tok, r))) => {
                let span = Span::new(*l, *r);
                match tok {
                    Token::Lpar | Token::Lsqb | Token::Lbrace => {
                        depth += 1;
                        None
                    }
                    Token::Rpar | Token::Rsqb | Token::Rbrace if depth == 0 => Some(span),
                    Token::Rpar | Token::Rsqb | Token::Rbrace => {
                        depth -= 1;
                        None
                    }
                    Token::Newline => Some(span),
                    t if depth == 0 && !continues_expression(t) => Some(span),
                    // A third operand right after the second (`a b c`, or the next
                    // line's `f(...)` inside an unclosed bracket): the second ended.
                    t if depth == 0
                        && prev_ends_operand
                        && starts_atom(t)
                        && !matches!(t, Token::Lpar | Token::Lsqb)
                        && !(prev_is_str && matches!(t, Token::Str(_))) =>
                    {
                        Some(span)
                    }
                    _ => None,
                }
            }
        };
        if let Some(span) = stop {
            stream.furthest = Some(span);
            return None;
        }
        // Every token, at any depth, is the one before the next (`f(1)[0]`: the `[`
        // follows `)`, and `0` follows `[`, not the `)`).
        if let Some(Ok((l, tok, r))) = stream.peek(i) {
            prev_ends_operand = ends_operand(Kind::of(tok));
            prev_is_str = matches!(tok, Token::Str(_));
            prev_span = Span::new(*l, *r);
        }
        i += 1;
    }
}

/// Can this token be part of an expression (at its top level)?
fn continues_expression(t: &Token) -> bool {
    match t {
        Token::Name(_) | Token::Int(_) | Token::Float(_) | Token::Imaginary(_) | Token::Str(_) => {
            true
        }
        Token::Colon
        | Token::Comma
        | Token::Semi
        | Token::Equal
        | Token::ColonEqual
        | Token::Rarrow => false,
        Token::If
        | Token::Else
        | Token::And
        | Token::Or
        | Token::Not
        | Token::In
        | Token::Is
        | Token::Lambda
        | Token::Await => true,
        Token::None | Token::True | Token::False | Token::Ellipsis => true,
        other => match other.keyword_or_operator() {
            // Operators continue an expression; other keywords and augmented assignments end it.
            Some(w) => {
                !w.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) && !w.ends_with('=')
                    || matches!(w, "==" | "!=" | "<=" | ">=")
            }
            None => false,
        },
    }
}

/// After `await`: does an operand follow?
fn next_starts_atom(stream: &mut TokenStream<'_>) -> bool {
    matches!(stream.peek(0), Some(Ok((_, t, _))) if starts_atom(t))
}

/// Can an atom (a name, a literal, a display, a parenthesized expression) start here?
fn starts_atom(t: &Token) -> bool {
    matches!(
        t,
        Token::Name(_)
            | Token::Int(_)
            | Token::Float(_)
            | Token::Imaginary(_)
            | Token::Str(_)
            | Token::Lpar
            | Token::Lsqb
            | Token::Lbrace
            | Token::None
            | Token::True
            | Token::False
            | Token::Ellipsis
    )
}

/// `0.for3`: a number running straight into a name that starts like a keyword is only a
/// warning for CPython's tokenizer, but once the parse fails it is reported as an
/// invalid literal.
fn number_runs_into_name(src: &str, last: TokInfo, off: TokInfo) -> Option<ParseError> {
    if last.kind != Kind::Number
        || !matches!(off.kind, Kind::Name(_))
        || last.span.end != off.span.start
    {
        return None;
    }
    let name = text(src, off.span);
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let number = text(src, last.span).to_ascii_lowercase();
    let kind = if number.ends_with('j') {
        "imaginary"
    } else if number.starts_with("0x") {
        "hexadecimal"
    } else if number.starts_with("0o") {
        "octal"
    } else if number.starts_with("0b") {
        "binary"
    } else {
        "decimal"
    };
    Some(ParseError::Lex(crate::lexer::LexError::new(
        LexErrorKind::InvalidNumber(kind),
        last.span,
    )))
}

/// `for f() ...` that fails to parse: CPython names the invalid target.
fn invalid_for_target(
    src: &str,
    before: &[TokInfo],
    offending: Option<TokInfo>,
    at: Span,
) -> Option<ParseError> {
    let for_at = match before.first()?.kind {
        Kind::Word("for") => 0,
        Kind::Word("async") if before.get(1)?.kind.is("for") => 1,
        _ => return None,
    };
    let start = before.get(for_at + 1)?.span.start;
    let end = offending.map_or(at.start, |t| t.span.start);
    if end <= start {
        return None;
    }
    let ctx = super::context::ParseContext::new(src);
    let target = super::parse_field(&ctx, Span::new(start as usize, end as usize)).ok()?;
    let bad = super::targets::invalid_target(&target.e, super::targets::TargetKind::For)?;
    Some(ParseError::syntax(
        K::CannotAssign(super::targets::expr_name(bad)),
        bad.span,
    ))
}

fn text(src: &str, span: Span) -> &str {
    src.get(span.range()).unwrap_or("")
}

/// Does the logical line (whose tokens so far are `toks`) end with `:`?
fn line_ends_with_colon(
    stream: &mut TokenStream<'_>,
    toks: &[TokInfo],
    offending: Option<TokInfo>,
) -> bool {
    if let Some(off) = offending {
        if off.kind == Kind::Newline {
            return toks.last().is_some_and(|t| t.kind.is(":"));
        }
    }
    let mut prev_colon = offending.is_some_and(|t| t.kind.is(":"));
    let mut i = 0;
    loop {
        match stream.peek(i) {
            Some(Ok((_, Token::Newline, _))) | None => return prev_colon,
            Some(Err(_)) => return false,
            Some(Ok((_, tok, _))) => prev_colon = *tok == Token::Colon,
        }
        i += 1;
    }
}

/// "'if' statement on line N" etc. for a block header line.
fn header(src: &str, prev: &[TokInfo]) -> Option<String> {
    let toks = &prev[first_real(prev)..];
    let first = toks.first()?;
    let mut kw = first;
    if first.kind.is("async") {
        kw = toks.get(1)?;
    }
    let line = line_of(src, first.span.start as usize);
    let what = match kw.kind {
        Kind::Word("def") => "function definition".to_string(),
        Kind::Word("class") => "class definition".to_string(),
        Kind::Word("except") if toks.get(1).is_some_and(|t| t.kind.is("*")) => {
            "'except*' statement".to_string()
        }
        Kind::Word(
            w @ ("if" | "elif" | "else" | "while" | "for" | "with" | "try" | "except" | "finally"),
        ) => {
            format!("'{w}' statement")
        }
        _ => return None,
    };
    Some(format!("{what} on line {line}"))
}

fn is_compound_keyword(k: Kind) -> bool {
    matches!(
        k,
        Kind::Word(
            "if" | "elif"
                | "else"
                | "while"
                | "for"
                | "async"
                | "with"
                | "def"
                | "class"
                | "try"
                | "except"
                | "finally"
        )
    )
}

/// Bracket depth after the given tokens.
fn depth_before(toks: &[TokInfo]) -> i32 {
    toks.iter().fold(0, |d, t| match t.kind {
        Kind::Word("(" | "[" | "{") => d + 1,
        Kind::Word(")" | "]" | "}") => d - 1,
        _ => d,
    })
}

/// CPython's forced tokens (`&&':'`, `&&'('`): after `try`, `else`, `finally`, a `def`'s
/// parameters (and return annotation), and a `def`'s name.
fn forced_token(before: &[TokInfo], offending: Option<TokInfo>, expected: &[String]) -> Option<K> {
    let first = before.first()?;
    let at_colon = offending.is_some_and(|t| t.kind.is(":"));
    if !at_colon
        && before.len() == 1
        && matches!(first.kind, Kind::Word("try" | "else" | "finally"))
        && expects(expected, ":")
    {
        return Some(K::Expected(":"));
    }
    let def_at = if first.kind.is("async") { 1 } else { 0 };
    if before.get(def_at).is_some_and(|t| t.kind.is("def")) {
        if before.len() == def_at + 2 && !offending.is_some_and(|t| t.kind.is("(")) {
            return Some(K::Expected("("));
        }
        let params_closed = before.len() > def_at + 3 && depth_before(before) == 0;
        if !at_colon && params_closed && expects(expected, ":") {
            return Some(K::Expected(":"));
        }
    }
    None
}

/// Mistakes inside brackets recognised from the innermost open bracket.
fn bracket_mistake(
    stream: &mut TokenStream<'_>,
    before: &[TokInfo],
    off: TokInfo,
) -> Option<(K, Span)> {
    let open = innermost_open(before)?;
    // `(**x)`
    if open + 1 == before.len()
        && before[open].kind.is("(")
        && off.kind.is("**")
        && (open == 0 || !ends_operand(before[open - 1].kind))
    {
        return Some((K::DoubleStarredHere, off.span));
    }
    let inside = &before[open + 1..];
    let top_comma = {
        let mut depth = 0;
        let mut found = None;
        for (i, t) in inside.iter().enumerate() {
            match t.kind {
                Kind::Word("(" | "[" | "{") => depth += 1,
                Kind::Word(")" | "]" | "}") => depth -= 1,
                Kind::Word(",") if depth == 0 && found.is_none() => found = Some(i),
                _ => {}
            }
        }
        found
    };
    let bracket = before[open].kind;
    let is_for = off.kind.is("for")
        || (off.kind.is("async") && matches!(stream.peek(0), Some(Ok((_, Token::For, _)))));
    if is_for && top_comma.is_some() && matches!(bracket, Kind::Word("[" | "{")) {
        let first = inside.first()?;
        return Some((K::ComprehensionTargetParens, first.span));
    }
    // `(a [x for x in y])`: CPython reads a list comprehension after `a`, not a subscript.
    if is_for
        && bracket.is("[")
        && open > 0
        && ends_operand(before[open - 1].kind)
        && depth_before(&before[..open]) > 0
    {
        let s = expr_start(before, open - 1);
        return Some((K::ForgotComma, before[s].span.to(off.span)));
    }
    let is_call = bracket.is("(") && open > 0 && ends_operand(before[open - 1].kind);
    if is_for && is_call && before.last().is_some_and(|t| ends_operand(t.kind)) {
        let s = expr_start(before, before.len() - 1);
        if s > 0 && before[s - 1].kind.is("**") {
            return None;
        }
        let s = if s > 0 && before[s - 1].kind.is("*") {
            s - 1
        } else {
            s
        };
        return Some((K::GeneratorNotParenthesized, before[s].span));
    }
    // `f(a.b=)`
    if is_call
        && before.last().is_some_and(|t| t.kind.is("="))
        && matches!(off.kind, Kind::Word(")" | ","))
        && before.len() >= 2
    {
        let s = expr_start(before, before.len() - 2);
        let is_name = s == before.len() - 2 && matches!(before[s].kind, Kind::Name(_));
        return (!is_name).then_some((K::KeywordNotName, before[s].span));
    }
    if bracket.is("{")
        && before.last().is_some_and(|t| t.kind.is(":"))
        && matches!(off.kind, Kind::Word("}" | ","))
    {
        let key = expr_start(before, before.len() - 2);
        return Some((K::DictValueExpected, before[key].span));
    }
    None
}

pub(super) fn innermost_open(toks: &[TokInfo]) -> Option<usize> {
    let mut depth = 0;
    for i in (0..toks.len()).rev() {
        match toks[i].kind {
            Kind::Word(")" | "]" | "}") => depth += 1,
            Kind::Word("(" | "[" | "{") => {
                if depth == 0 {
                    return Some(i);
                }
                depth -= 1;
            }
            _ => {}
        }
    }
    None
}

/// Is the innermost open bracket the parameter list of a `def`?
fn in_parameter_list(toks: &[TokInfo]) -> bool {
    let mut depth = 0;
    for i in (0..toks.len()).rev() {
        match toks[i].kind {
            Kind::Word(")" | "]" | "}") => depth += 1,
            Kind::Word("(" | "[" | "{") => {
                if depth == 0 {
                    return i >= 2
                        && toks[i].kind.is("(")
                        && matches!(toks[i - 1].kind, Kind::Name(_))
                        && toks[i - 2].kind.is("def");
                }
                depth -= 1;
            }
            _ => {}
        }
    }
    false
}

/// After a `(` in a parameter list: names, separated by commas, then `)` (CPython's
/// `'(' param_no_default+ ','? ')'`, the only shape it calls parenthesized parameters).
fn parenthesized_names_follow(stream: &mut TokenStream<'_>) -> bool {
    let mut i = 0;
    loop {
        if !matches!(stream.peek(i), Some(Ok((_, Token::Name(_), _)))) {
            return false;
        }
        match stream.peek(i + 1) {
            Some(Ok((_, Token::Rpar, _))) => return true,
            Some(Ok((_, Token::Comma, _))) => {
                if matches!(stream.peek(i + 2), Some(Ok((_, Token::Rpar, _)))) {
                    return true;
                }
                i += 2;
            }
            _ => return false,
        }
    }
}

/// Are the last tokens the parameters of a `lambda` (no `:` yet at this depth)? What
/// stands there is no expression, so CPython's comma suggestion does not apply.
fn in_lambda_parameters(toks: &[TokInfo]) -> bool {
    let mut depth = 0;
    for t in toks.iter().rev() {
        match t.kind {
            Kind::Word(")" | "]" | "}") => depth += 1,
            Kind::Word("(" | "[" | "{") if depth == 0 => return false,
            Kind::Word("(" | "[" | "{") => depth -= 1,
            Kind::Word(":") if depth == 0 => return false,
            _ if depth == 0 && t.kind.is("lambda") => return true,
            _ => {}
        }
    }
    false
}

/// After a `lambda` met where an operand could follow: does a lambda start there (its
/// parameters or its `:`)? If not, no expression follows, and CPython suggests no comma.
fn next_starts_lambda(stream: &mut TokenStream<'_>) -> bool {
    match stream.peek(0) {
        Some(Ok((_, Token::Name(_) | Token::Star | Token::DoubleStar, _))) => true,
        // `lambda:` needs its body.
        Some(Ok((_, Token::Colon, _))) => matches!(
            stream.peek(1),
            Some(Ok((_, t, _))) if starts_atom(t) || matches!(
                t,
                Token::Minus
                    | Token::Plus
                    | Token::Tilde
                    | Token::Not
                    | Token::Lambda
                    | Token::Await
                    | Token::Yield
            )
        ),
        _ => false,
    }
}

/// The `if` of an unfinished `x if y` (at the current bracket depth).
fn matching_if(toks: &[TokInfo]) -> Option<usize> {
    let mut depth = 0;
    for i in (0..toks.len()).rev() {
        match toks[i].kind {
            Kind::Word(")" | "]" | "}") => depth += 1,
            Kind::Word("(" | "[" | "{") => {
                if depth == 0 {
                    return None;
                }
                depth -= 1;
            }
            Kind::Word("if") if depth == 0 => return Some(i),
            _ => {}
        }
    }
    None
}

pub(super) fn ends_operand(k: Kind) -> bool {
    matches!(
        k,
        Kind::Name(_)
            | Kind::Number
            | Kind::Str
            | Kind::Word(")" | "]" | "}" | "None" | "True" | "False" | "...")
    )
}

fn starts_expression(k: Kind) -> bool {
    matches!(
        k,
        Kind::Name(_)
            | Kind::Number
            | Kind::Str
            | Kind::Word(
                "(" | "["
                    | "{"
                    | "None"
                    | "True"
                    | "False"
                    | "..."
                    | "not"
                    | "lambda"
                    | "await"
                    | "~"
                    | "yield"
            )
    )
}

/// Index of the first token of the expression (a `disjunction`) that ends at `end`
/// (`end` itself if that token cannot end an expression).
fn expr_start(toks: &[TokInfo], end: usize) -> usize {
    expr_start_unclamped(toks, end).min(end)
}

fn expr_start_unclamped(toks: &[TokInfo], end: usize) -> usize {
    let mut depth = 0;
    let mut i = end;
    loop {
        let k = toks[i].kind;
        match k {
            Kind::Word(")" | "]" | "}") => depth += 1,
            Kind::Word("(" | "[" | "{") => {
                if depth == 0 {
                    return i + 1;
                }
                depth -= 1;
            }
            _ if depth == 0 && is_delimiter(toks, i) => return i + 1,
            _ => {}
        }
        if i == 0 {
            return 0;
        }
        i -= 1;
    }
}

fn is_delimiter(toks: &[TokInfo], i: usize) -> bool {
    match toks[i].kind {
        Kind::Newline | Kind::Indent | Kind::Dedent => true,
        Kind::Word(
            "," | ":" | "=" | ";" | ":=" | "->" | "+=" | "-=" | "*=" | "/=" | "//=" | "%=" | "@="
            | "&=" | "|=" | "^=" | ">>=" | "<<=" | "**=" | "if" | "else" | "lambda" | "for"
            | "async" | "yield" | "return" | "del" | "assert" | "raise" | "import" | "from"
            | "global" | "nonlocal" | "as" | "with" | "while" | "elif" | "except",
        ) => true,
        Kind::Word("in") => toks[..i]
            .iter()
            .rev()
            .take_while(|t| !t.kind.is(","))
            .any(|t| t.kind.is("for")),
        // A prefix `*` or `**` (unpacking), not multiplication.
        Kind::Word("*" | "**") => i == 0 || !ends_operand(toks[i - 1].kind),
        _ => false,
    }
}
