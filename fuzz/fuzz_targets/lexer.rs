//! The lexer, in both modes, on any bytes: tokens or a lexical error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(source) = apy_fuzz::source(data) else {
        return;
    };
    if let Err(e) = apy::lexer::tokenize(&source.text) {
        apy_fuzz::render(&e.to_diagnostic(), &source);
    }
    for token in apy::lexer::Lexer::interactive(&source.text) {
        if token.is_err() {
            break;
        }
    }
});
