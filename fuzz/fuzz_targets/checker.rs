//! The semantic checks (`sema`) on every program that parses, as a script and with the
//! REPL's top-level `await`: a scope table or a SyntaxError, never a panic.
#![no_main]

use apy::sema::AnalyzeOptions;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(source) = apy_fuzz::source(data) else {
        return;
    };
    let Ok(module) = apy::parser::parse_module(&source) else {
        return;
    };
    for top_level_await in [false, true] {
        if let Err(e) = apy::sema::analyze_with(&module, AnalyzeOptions { top_level_await }) {
            apy_fuzz::render(&e, &source);
        }
    }
});
