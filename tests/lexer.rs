//! Lexer tests: token-stream snapshots, invariants over the conformance corpus, and
//! error messages (expected texts and lines taken from CPython 3.11).

use apy::diagnostic::ErrorClass;
use apy::lexer::{tokenize, FStringPiece, Lexer, StringLiteral, Token};
use apy::source::SourceFile;
use apy::source::Span;

mod syntax_cases;

/// One token per line: `line:col kind` plus its value.
fn render(src: &str) -> String {
    let file = SourceFile::new("t", src);
    let mut out = String::new();
    for item in Lexer::new(src) {
        match item {
            Ok((s, tok, e)) => {
                let (line, col) = file.line_col(s as u32);
                let text = &src[s..e];
                let shown = match &tok {
                    Token::Newline | Token::Indent | Token::Dedent => format!("{tok:?}"),
                    Token::Name(n) => format!("Name {n}"),
                    Token::Int(i) => format!("Int {i}"),
                    Token::Float(f) => format!("Float {f:?}"),
                    Token::Imaginary(f) => format!("Imaginary {f:?}"),
                    Token::Str(lit) => format!("Str {lit:?}"),
                    other => format!("{other:?} {text}"),
                };
                out.push_str(&format!("{line}:{col} {shown}\n"));
            }
            Err(e) => out.push_str(&format!("error: {} @{}\n", e, file.line_of(e.span.start))),
        }
    }
    out
}

#[test]
fn snapshot_indentation() {
    let src = "if a:\n    if b:\n        x\n    # comment at odd indent\n  # another\n\n    y\nz\nclass C:\n\tdef f(self):\n\t\treturn 1\n";
    insta::assert_snapshot!(render(src));
}

#[test]
fn snapshot_continuation_and_brackets() {
    let src = "x = (1 +\n     2) \\\n    + [3,\n# inside\n 4]\ny = {\n  'a': 1,\n}\nif x:\n    z = \\\n 1\n";
    insta::assert_snapshot!(render(src));
}

#[test]
fn snapshot_numbers() {
    let src = "0 00 0_0 7 1_000 0x_ff 0XAB 0o17 0O7 0b1_0 0B1 1.5 .5 1. 1e10 1E-5 1_0.0_1e+1_0 0e0 09.5 2j 1.5J 1if x else 2\n";
    insta::assert_snapshot!(render(src));
}

#[test]
fn snapshot_strings() {
    let src = r#"'a' "b" '''c
d''' """e""" r'\n' R"\d" b'\x41\n' B"z" rb'\w' Rb"v" bR'u' BR"t" u'\u00e9' U"\N{BULLET}" '\101\0' "\q" 'a\
b'
"#;
    insta::assert_snapshot!(render(src));
}

#[test]
fn snapshot_fstrings() {
    let src = r#"f'{x}' F"{y!r:>{w}.{p}}" rf'{z}\n' f"{x = }" f"{x=!s:^9}" f"{'tab':\t^9}" f"{{lit}} {a!=b} {d['k']}" f'''{
x
}''' f"{a:{b}}" fR"{x}\d" f"\N{DIGIT ONE}{1}"
"#;
    insta::assert_snapshot!(render(src));
}

#[test]
fn snapshot_operators() {
    let src = "+ - * ** / // % @ << >> & | ^ ~ := < > <= >= == != ( ) [ ] { } , : . ; = -> += -= *= /= //= %= @= &= |= ^= >>= <<= **= ...\n";
    insta::assert_snapshot!(render(src));
}

#[test]
fn snapshot_keywords_and_soft_keywords() {
    let src = "False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield match case type _ été\n";
    insta::assert_snapshot!(render(src));
}

#[test]
fn layout_edge_cases_match_cpython() {
    // Empty file, only comments, comment without newline at EOF, final line without newline.
    assert_eq!(tokenize("").unwrap(), vec![]);
    assert_eq!(tokenize("# only a comment").unwrap(), vec![]);
    assert_eq!(tokenize("\n\n  \n\t# c\n").unwrap(), vec![]);
    let kinds = |s: &str| {
        tokenize(s)
            .unwrap()
            .into_iter()
            .map(|(_, t, _)| t)
            .collect::<Vec<_>>()
    };
    assert_eq!(kinds("x"), vec![Token::Name("x".into()), Token::Newline]);
    assert_eq!(
        kinds("if x:\n    pass\n    # trailing comment"),
        vec![
            Token::If,
            Token::Name("x".into()),
            Token::Colon,
            Token::Newline,
            Token::Indent,
            Token::Pass,
            Token::Newline,
            Token::Dedent
        ]
    );
    // A form feed resets the indentation column, as in CPython.
    assert_eq!(kinds("if x:\n\x0c    pass\n"), kinds("if x:\n    pass\n"));
    // A UTF-8 byte order mark at the start is skipped.
    assert_eq!(kinds("\u{feff}x = 1\n"), kinds("x = 1\n"));
}

fn corpus() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/conformance");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("tests/conformance") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "apy") {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            out.push((name, std::fs::read_to_string(&path).expect("utf-8")));
        }
    }
    out.sort();
    assert!(out.len() > 50, "the corpus is there");
    out
}

#[test]
fn corpus_spans_are_monotonic_and_in_bounds() {
    for (name, src) in corpus() {
        let toks = tokenize(&src).unwrap_or_else(|e| panic!("{name}: {e}"));
        let mut last_end = 0;
        for (s, tok, e) in &toks {
            assert!(s <= e && *e <= src.len(), "{name}: {tok:?} at {s}..{e}");
            assert!(
                *s >= last_end || matches!(tok, Token::Dedent),
                "{name}: {tok:?} at {s} before {last_end}"
            );
            assert!(
                src.is_char_boundary(*s) && src.is_char_boundary(*e),
                "{name}"
            );
            last_end = last_end.max(*e);
        }
        assert!(
            toks.last()
                .map(|t| &t.1)
                .is_some_and(|t| matches!(t, Token::Newline | Token::Dedent)),
            "{name}"
        );
    }
}

/// Token values with the source spans inside f-string fields blanked out.
fn without_spans(src: &str) -> Vec<Token> {
    fn blank(pieces: &mut [FStringPiece]) {
        for p in pieces {
            if let FStringPiece::Field(f) = p {
                f.expr = Span::default();
                if let Some(spec) = &mut f.format_spec {
                    blank(spec);
                }
            }
        }
    }
    let mut toks: Vec<Token> = tokenize(src).unwrap().into_iter().map(|t| t.1).collect();
    for t in &mut toks {
        if let Token::Str(StringLiteral::FString(pieces)) = t {
            blank(pieces);
        }
    }
    toks
}

#[test]
fn crlf_gives_the_same_tokens() {
    for (name, src) in corpus() {
        let lf = without_spans(&src);
        assert_eq!(
            lf,
            without_spans(&src.replace('\n', "\r\n")),
            "{name} with CRLF"
        );
        assert_eq!(
            lf,
            without_spans(&src.replace('\n', "\r")),
            "{name} with CR"
        );
    }
}

/// (source, class, message, line), as `compile(source, 'f', 'exec')` reports it in
/// CPython 3.11.
const ERRORS: &[syntax_cases::Case] = &[
    ("if x:\n\tpass\n        pass", ErrorClass::TabError, "inconsistent use of tabs and spaces in indentation", 3),
    ("if x:\n        pass\n\tpass", ErrorClass::TabError, "inconsistent use of tabs and spaces in indentation", 3),
    ("if x:\n\t    pass\n\tpass", ErrorClass::IndentationError, "unindent does not match any outer indentation level", 3),
    ("if x:\n    a\n  b", ErrorClass::IndentationError, "unindent does not match any outer indentation level", 3),
    ("x = 1 \\ 2", ErrorClass::SyntaxError, "unexpected character after line continuation character", 1),
    ("x = 1 \\", ErrorClass::SyntaxError, "unexpected EOF while parsing", 1),
    ("x = 1 \\\n", ErrorClass::SyntaxError, "unexpected EOF while parsing", 1),
    ("1abc", ErrorClass::SyntaxError, "invalid decimal literal", 1),
    ("0x", ErrorClass::SyntaxError, "invalid hexadecimal literal", 1),
    ("0b2", ErrorClass::SyntaxError, "invalid digit '2' in binary literal", 1),
    ("0o8", ErrorClass::SyntaxError, "invalid digit '8' in octal literal", 1),
    ("0b1_", ErrorClass::SyntaxError, "invalid binary literal", 1),
    ("0o7a", ErrorClass::SyntaxError, "invalid octal literal", 1),
    ("012", ErrorClass::SyntaxError, "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", 1),
    ("1__0", ErrorClass::SyntaxError, "invalid decimal literal", 1),
    ("1e+", ErrorClass::SyntaxError, "invalid decimal literal", 1),
    ("1jabc", ErrorClass::SyntaxError, "invalid imaginary literal", 1),
    ("x = €", ErrorClass::SyntaxError, "invalid character '€' (U+20AC)", 1),
    ("x = \u{a0}", ErrorClass::SyntaxError, "invalid non-printable character U+00A0", 1),
    ("x\u{200b} = 1", ErrorClass::SyntaxError, "invalid non-printable character U+200B", 1),
    ("\x01", ErrorClass::SyntaxError, "invalid non-printable character U+0001", 1),
    ("x = $", ErrorClass::SyntaxError, "invalid syntax", 1),
    ("a ! b", ErrorClass::SyntaxError, "invalid syntax", 1),
    (")", ErrorClass::SyntaxError, "unmatched ')'", 1),
    ("x = 1\n)", ErrorClass::SyntaxError, "unmatched ')'", 2),
    ("(]", ErrorClass::SyntaxError, "closing parenthesis ']' does not match opening parenthesis '('", 1),
    ("(\n]", ErrorClass::SyntaxError, "closing parenthesis ']' does not match opening parenthesis '(' on line 1", 2),
    ("[(", ErrorClass::SyntaxError, "'(' was never closed", 1),
    ("x = [1, 2\ny = 3", ErrorClass::SyntaxError, "'[' was never closed", 1),
    ("\"abc", ErrorClass::SyntaxError, "unterminated string literal (detected at line 1)", 1),
    ("x = (1 +\n'abc", ErrorClass::SyntaxError, "unterminated string literal (detected at line 2)", 2),
    ("\"abc\\\ndef", ErrorClass::SyntaxError, "unterminated string literal (detected at line 2)", 1),
    ("'''abc\ndef", ErrorClass::SyntaxError, "unterminated triple-quoted string literal (detected at line 2)", 1),
    ("x = 1\n'''abc\ndef", ErrorClass::SyntaxError, "unterminated triple-quoted string literal (detected at line 3)", 2),
    ("b\"é\"", ErrorClass::SyntaxError, "bytes can only contain ASCII literal characters", 1),
    ("\"\\x4\"", ErrorClass::SyntaxError, "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \\xXX escape", 1),
    ("\"\\N{BOGUS NAME}\"", ErrorClass::SyntaxError, "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-13: unknown Unicode character name", 1),
    ("b\"ab\\x\"", ErrorClass::SyntaxError, "(value error) invalid \\x escape at position 2", 1),
    ("f\"{}\"", ErrorClass::SyntaxError, "f-string: empty expression not allowed", 1),
    ("f\"{!r}\"", ErrorClass::SyntaxError, "f-string: expression required before '!'", 1),
    ("f\"{a!x}\"", ErrorClass::SyntaxError, "f-string: invalid conversion character: expected 's', 'r', or 'a'", 1),
    ("f\"{a!rr}\"", ErrorClass::SyntaxError, "f-string: expecting '}'", 1),
    ("f\"{a\"", ErrorClass::SyntaxError, "f-string: expecting '}'", 1),
    ("f\"}\"", ErrorClass::SyntaxError, "f-string: single '}' is not allowed", 1),
    ("f\"{a#}\"", ErrorClass::SyntaxError, "f-string expression part cannot include '#'", 1),
    ("f\"{a\\n}\"", ErrorClass::SyntaxError, "f-string expression part cannot include a backslash", 1),
    ("f\"{a)}\"", ErrorClass::SyntaxError, "f-string: unmatched ')'", 1),
    ("f\"{(a]}\"", ErrorClass::SyntaxError, "f-string: closing parenthesis ']' does not match opening parenthesis '('", 1),
    ("f\"{a:{b:{c}}}\"", ErrorClass::SyntaxError, "f-string: expressions nested too deeply", 1),
    ("f\"{'a}\"", ErrorClass::SyntaxError, "f-string: unterminated string", 1),
    ("x = f\"\"\"\n{}\n\"\"\"", ErrorClass::SyntaxError, "f-string: empty expression not allowed", 3),
    // A tokenizer error later in the file replaces an earlier parse error ...
    ("x = = 1\ny = \"unterminated", ErrorClass::SyntaxError, "unterminated string literal (detected at line 2)", 2),
    ("x = f\"{}\"\ny = \"abc", ErrorClass::SyntaxError, "unterminated string literal (detected at line 2)", 2),
    // ... but an indentation error does not, nor a bracket opened after the error.
    ("x = = 1\n\ty = 2", ErrorClass::SyntaxError, "invalid syntax", 1),
    ("x = = 1\ny = (", ErrorClass::SyntaxError, "invalid syntax", 1),
    ("y = (\nx = = 1", ErrorClass::SyntaxError, "'(' was never closed", 1),
];

#[test]
fn error_messages_match_cpython() {
    syntax_cases::assert_cpython_errors(ERRORS, "");
}
