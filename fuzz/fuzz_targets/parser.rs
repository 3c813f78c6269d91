//! The parser, as a script and as REPL input: a tree or a SyntaxError, never a panic.
#![no_main]

use apy::parser::InteractiveParse;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(source) = apy_fuzz::source(data) else {
        return;
    };
    if let Err(e) = apy::parser::parse_module(&source) {
        apy_fuzz::render(&e, &source);
    }
    match apy::parser::parse_interactive(&source) {
        InteractiveParse::NeedsMore(e) | InteractiveParse::Invalid(e) => {
            apy_fuzz::render(&e, &source)
        }
        InteractiveParse::Complete(_) | InteractiveParse::InsideToken => {}
    }
});
