//! The whole pipeline and the run loop: a program runs to its end, an uncaught
//! exception or the end of its instruction budget (`vm::budget`), never a panic or a
//! hang. Programs that could touch the machine are skipped (`apy_fuzz::refused`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(source) = apy_fuzz::source(data) else {
        return;
    };
    if apy_fuzz::refused(&source) {
        return;
    }
    apy_fuzz::run(source);
});
