//! A tool test (ignored by default): prints the token kinds and texts of the file named by
//! `APY_DUMP`, one per line, in the shape `python3 -m tokenize` uses, so the two can be
//! diffed while developing the lexer.

use apy::lexer::{Lexer, Token};

#[test]
#[ignore]
fn dump_tokens_of_file() {
    let Ok(path) = std::env::var("APY_DUMP") else { return };
    let src = std::fs::read_to_string(path).expect("readable file");
    println!();
    for item in Lexer::new(&src) {
        match item {
            Ok((s, tok, e)) => {
                let kind = match tok {
                    Token::Newline => "NEWLINE",
                    Token::Indent => "INDENT",
                    Token::Dedent => "DEDENT",
                    Token::Name(_) => "NAME",
                    Token::Int(_) | Token::Float(_) | Token::Imaginary(_) => "NUMBER",
                    Token::Str(_) => "STRING",
                    ref t if t.keyword_or_operator().is_some_and(|k| k.chars().next().unwrap().is_alphabetic()) => "NAME",
                    _ => "OP",
                };
                let text = if matches!(kind, "NEWLINE" | "INDENT" | "DEDENT") { "" } else { &src[s..e] };
                println!("{kind} {}", text.replace('\\', "\\\\").replace('\n', "\\n").replace('\r', "\\r"));
            }
            Err(e) => println!("ERROR {e}"),
        }
    }
}
