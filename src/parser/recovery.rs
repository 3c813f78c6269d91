//! Naming a parse failure the way CPython would.
//!
//! When the LR parser stops, we know the offending token, the terminals it expected and
//! the tokens of the current (and previous) logical line. CPython's second,
//! error-reporting pass recognises specific mistakes; the rules below recognise the same
//! situations from those tokens. Then, as CPython does, the rest of the file is
//! tokenized: a tokenizer error further on replaces a parse error (and an unclosed
//! bracket opened on an earlier line replaces it too).

use super::errors::{LalrError, ParseError, SyntaxErrorKind as K};
use super::tokens::{Kind, NameFlag, TokInfo, TokenStream};
use crate::diagnostic::Diagnostic;
use crate::lexer::{LexErrorKind, LexStage, Token};
use crate::source::Span;

/// Turns a failed parse of a whole file into its diagnostic.
pub(crate) fn report(src: &str, stream: &mut TokenStream<'_>, err: LalrError) -> Diagnostic {
    let (error, tokenizer_error) = classify(src, stream, err, true);
    if tokenizer_error {
        return error.to_diagnostic();
    }
    rescan(src, stream, error).to_diagnostic()
}

/// Turns a failed parse of an f-string field into the error CPython reports for it.
pub(crate) fn field_error(src: &str, stream: &mut TokenStream<'_>, err: LalrError) -> ParseError {
    let (error, _) = classify(src, stream, err, false);
    match error {
        ParseError::Syntax { kind: K::TooDeep, span } => ParseError::Syntax { kind: K::TooDeep, span },
        ParseError::Syntax { kind: kind @ K::InFString(_), span } => ParseError::Syntax { kind, span },
        ParseError::Syntax { kind, span } => ParseError::Syntax { kind: K::InFString(Box::new(kind)), span },
        lex => lex,
    }
}

/// The error, and whether it came straight from the tokenizer (so no rescan).
fn classify(src: &str, stream: &mut TokenStream<'_>, err: LalrError, whole_file: bool) -> (ParseError, bool) {
    use lalrpop_util::ParseError as P;
    match err {
        P::User { error: ParseError::Lex(e) } => {
            let tokenizer = e.stage() != LexStage::Parser;
            (ParseError::Lex(e), tokenizer)
        }
        P::User { error } => (error, false),
        P::UnrecognizedToken { token: (l, _, r), expected } => {
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
            let at = if whole_file { eof_position(src, src.len()) } else { location };
            (analyze(src, stream, Span::new(at, at), true, &expected, whole_file), false)
        }
        P::ExtraToken { token: (l, _, r) } => (ParseError::syntax(K::InvalidSyntax, Span::new(l, r)), false),
        P::InvalidToken { location } => (ParseError::syntax(K::InvalidSyntax, Span::new(location, location)), false),
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
    let err_line = line_of(src, stream.last.start as usize);
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
    src.as_bytes()[..upto].iter().filter(|&&b| b == b'\n').count() + 1
}

fn expects(expected: &[String], terminal: &str) -> bool {
    expected.iter().any(|e| e.trim_matches('"') == terminal)
}

/// The logical line's tokens up to and including the offending one.
fn line_tokens<'a>(stream: &'a TokenStream<'_>, at: Span, eof: bool) -> &'a [TokInfo] {
    if !eof && stream.prev_line.last().is_some_and(|t| t.span == at && t.kind == Kind::Newline) {
        return &stream.prev_line;
    }
    &stream.cur_line
}

/// Index of the first token that is not INDENT/DEDENT.
fn first_real(toks: &[TokInfo]) -> usize {
    toks.iter().position(|t| !matches!(t.kind, Kind::Indent | Kind::Dedent)).unwrap_or(toks.len())
}

fn analyze(src: &str, stream: &mut TokenStream<'_>, at: Span, eof: bool, expected: &[String], whole_file: bool) -> ParseError {
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
            if first.kind == Kind::Name(NameFlag::SoftKeyword) && text(src, first.span) == "match" && line_ends_with_colon(stream, &toks, offending) {
                return err(K::Unsupported("match statements"), first.span);
            }
        }
    }
    if offending.is_some_and(|t| t.kind == Kind::Indent) {
        return err(K::UnexpectedIndent, at);
    }
    if expects(expected, "INDENT") {
        if let Some(what) = header(src, &stream.prev_line) {
            return err(K::ExpectedIndentedBlock(what), at);
        }
    }
    if expects(expected, "except") && expects(expected, "finally") {
        return err(K::ExpectedExceptOrFinally, at);
    }
    if offending.is_some_and(|t| t.kind == Kind::Dedent) {
        return err(K::UnexpectedUnindent, at);
    }
    if let Some(kind) = forced_token(before, offending, expected) {
        return err(kind, at);
    }
    if let Some(off) = offending {
        if let Some((kind, span)) = bracket_mistake(before, off) {
            return err(kind, span);
        }
    }
    let is_newline = eof || offending.is_some_and(|t| t.kind == Kind::Newline);
    if is_newline {
        if let Some(first) = before.first() {
            if is_compound_keyword(first.kind) {
                if expects(expected, ":") {
                    return err(K::Expected(":"), at);
                }
                if first.kind.is("def") || (first.kind.is("async") && before.get(1).is_some_and(|t| t.kind.is("def"))) {
                    if expects(expected, "(") {
                        return err(K::Expected("("), at);
                    }
                }
            }
        }
    }
    if let (Some(first), Some(off)) = (before.first(), offending) {
        if first.kind.is("except") && off.kind.is(",") && depth_before(before) == 0 {
            if let Some(t) = before.get(1) {
                let t = if t.kind.is("*") { before.get(2).unwrap_or(t) } else { t };
                return err(K::MultipleExceptionTypes, t.span);
            }
        }
    }
    if expects(expected, "else") {
        if let Some(if_at) = matching_if(before) {
            if if_at > 0 {
                let s = expr_start(before, if_at - 1);
                return err(K::ExpectedElse, Span::new(before[s].span.start as usize, at.end as usize));
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
    if let Some(off) = offending {
        if let Some(last) = before.last() {
            let juxtaposed = ends_operand(last.kind) && starts_expression(off.kind) && (!off.kind.is("await") || next_starts_atom(stream));
            if juxtaposed {
                // CPython parses the second expression before deciding what to say; a
                // tokenizer error (or the end of the file inside brackets) met on the
                // way is what it reports.
                let depth = if matches!(off.kind, Kind::Word("(" | "[" | "{")) { 1 } else { 0 };
                if let Some(e) = lookahead_error(stream, depth) {
                    return e;
                }
            }
            // `print "x"`
            if before.len() == 1 {
                if let Kind::Name(NameFlag::Legacy(name)) = last.kind {
                    if starts_expression(off.kind) && !off.kind.is("(") {
                        return err(K::MissingParentheses(name.to_string()), last.span);
                    }
                }
            }
            // `[a b]`
            if depth_before(before) > 0 && !in_parameter_list(before) && juxtaposed && !off.kind.is("yield") {
                let s = expr_start(before, before.len() - 1);
                let name_then_string = s == before.len() - 1 && matches!(last.kind, Kind::Name(_)) && off.kind == Kind::Str;
                let soft = matches!(before[s].kind, Kind::Name(NameFlag::SoftKeyword));
                let after_in = s > 0 && (before[s - 1].kind.is("in") || before[s - 1].kind.is("if"));
                if !name_then_string && !soft && !after_in {
                    return err(K::ForgotComma, Span::new(before[s].span.start as usize, off.span.end as usize));
                }
            }
        }
    }
    err(K::InvalidSyntax, at)
}

/// Looks through the rest of the logical line (from bracket depth `depth`) for a
/// tokenizer error, as CPython meets one when it parses further than the LR parser.
fn lookahead_error(stream: &mut TokenStream<'_>, mut depth: usize) -> Option<ParseError> {
    let mut i = 0;
    loop {
        match stream.peek(i) {
            None => return None,
            Some(Err(e)) => return (e.stage() != LexStage::Parser).then(|| ParseError::Lex(e.clone())),
            Some(Ok((_, tok, _))) => match tok {
                Token::Lpar | Token::Lsqb | Token::Lbrace => depth += 1,
                Token::Rpar | Token::Rsqb | Token::Rbrace if depth == 0 => return None,
                Token::Rpar | Token::Rsqb | Token::Rbrace => depth -= 1,
                Token::Newline => return None,
                _ => {}
            },
        }
        i += 1;
    }
}

/// After `await`: does an operand follow?
fn next_starts_atom(stream: &mut TokenStream<'_>) -> bool {
    matches!(
        stream.peek(0),
        Some(Ok((
            _,
            Token::Name(_) | Token::Int(_) | Token::Float(_) | Token::Imaginary(_) | Token::Str(_) | Token::Lpar
                | Token::Lsqb | Token::Lbrace | Token::None | Token::True | Token::False | Token::Ellipsis,
            _
        )))
    )
}

/// `0.for3`: a number running straight into a name that starts like a keyword is only a
/// warning for CPython's tokenizer, but once the parse fails it is reported as an
/// invalid literal.
fn number_runs_into_name(src: &str, last: TokInfo, off: TokInfo) -> Option<ParseError> {
    if last.kind != Kind::Number || !matches!(off.kind, Kind::Name(_) | Kind::Word(_)) || last.span.end != off.span.start {
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
    Some(ParseError::Lex(crate::lexer::LexError::new(LexErrorKind::InvalidNumber(kind), last.span)))
}

/// `for f() ...` that fails to parse: CPython names the invalid target.
fn invalid_for_target(src: &str, before: &[TokInfo], offending: Option<TokInfo>, at: Span) -> Option<ParseError> {
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
    Some(ParseError::syntax(K::CannotAssign(super::targets::expr_name(bad)), bad.span))
}

fn text(src: &str, span: Span) -> &str {
    src.get(span.range()).unwrap_or("")
}

/// Does the logical line (whose tokens so far are `toks`) end with `:`?
fn line_ends_with_colon(stream: &mut TokenStream<'_>, toks: &[TokInfo], offending: Option<TokInfo>) -> bool {
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
        Kind::Word("except") if toks.get(1).is_some_and(|t| t.kind.is("*")) => "'except*' statement".to_string(),
        Kind::Word(w @ ("if" | "elif" | "else" | "while" | "for" | "with" | "try" | "except" | "finally")) => {
            format!("'{w}' statement")
        }
        _ => return None,
    };
    Some(format!("{what} on line {line}"))
}

fn is_compound_keyword(k: Kind) -> bool {
    matches!(
        k,
        Kind::Word("if" | "elif" | "else" | "while" | "for" | "async" | "with" | "def" | "class" | "try" | "except" | "finally")
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
    if offending.is_some_and(|t| t.kind.is(":")) {
        return None;
    }
    if before.len() == 1 && matches!(first.kind, Kind::Word("try" | "else" | "finally")) && expects(expected, ":") {
        return Some(K::Expected(":"));
    }
    let def_at = if first.kind.is("async") { 1 } else { 0 };
    if before.get(def_at).is_some_and(|t| t.kind.is("def")) {
        if before.len() == def_at + 2 && !offending.is_some_and(|t| t.kind.is("(")) {
            return Some(K::Expected("("));
        }
        let params_closed = before.len() > def_at + 3 && depth_before(before) == 0;
        if params_closed && expects(expected, ":") {
            return Some(K::Expected(":"));
        }
    }
    None
}

/// Mistakes inside brackets recognised from the innermost open bracket.
fn bracket_mistake(before: &[TokInfo], off: TokInfo) -> Option<(K, Span)> {
    let open = innermost_open(before)?;
    // `(**x)`
    if open + 1 == before.len() && before[open].kind.is("(") && off.kind.is("**") && (open == 0 || !ends_operand(before[open - 1].kind)) {
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
    let is_for = off.kind.is("for") || off.kind.is("async");
    if is_for && top_comma.is_some() && matches!(bracket, Kind::Word("[" | "{")) {
        let first = inside.first()?;
        return Some((K::ComprehensionTargetParens, first.span));
    }
    let is_call = bracket.is("(") && open > 0 && ends_operand(before[open - 1].kind);
    if is_for && is_call && before.last().is_some_and(|t| ends_operand(t.kind)) {
        let s = expr_start(before, before.len() - 1);
        if s > 0 && before[s - 1].kind.is("**") {
            return None;
        }
        let s = if s > 0 && before[s - 1].kind.is("*") { s - 1 } else { s };
        return Some((K::GeneratorNotParenthesized, before[s].span));
    }
    if bracket.is("{") && before.last().is_some_and(|t| t.kind.is(":")) && matches!(off.kind, Kind::Word("}" | ",")) {
        let key = expr_start(before, before.len() - 2);
        return Some((K::DictValueExpected, before[key].span));
    }
    None
}

fn innermost_open(toks: &[TokInfo]) -> Option<usize> {
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
                    return i >= 2 && toks[i].kind.is("(") && matches!(toks[i - 1].kind, Kind::Name(_)) && toks[i - 2].kind.is("def");
                }
                depth -= 1;
            }
            _ => {}
        }
    }
    false
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

fn ends_operand(k: Kind) -> bool {
    matches!(k, Kind::Name(_) | Kind::Number | Kind::Str | Kind::Word(")" | "]" | "}" | "None" | "True" | "False" | "..."))
}

fn starts_expression(k: Kind) -> bool {
    matches!(
        k,
        Kind::Name(_)
            | Kind::Number
            | Kind::Str
            | Kind::Word("(" | "[" | "{" | "None" | "True" | "False" | "..." | "not" | "lambda" | "await" | "~" | "yield")
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
            "," | ":" | "=" | ";" | ":=" | "->" | "+=" | "-=" | "*=" | "/=" | "//=" | "%=" | "@=" | "&=" | "|=" | "^="
            | ">>=" | "<<=" | "**=" | "if" | "else" | "lambda" | "for" | "async" | "yield" | "return" | "del"
            | "assert" | "raise" | "import" | "from" | "global" | "nonlocal" | "as" | "with" | "while" | "elif"
            | "except",
        ) => true,
        Kind::Word("in") => toks[..i].iter().rev().take_while(|t| !t.kind.is(",")).any(|t| t.kind.is("for")),
        // A prefix `*` or `**` (unpacking), not multiplication.
        Kind::Word("*" | "**") => i == 0 || !ends_operand(toks[i - 1].kind),
        _ => false,
    }
}
