//! The compiler, as `apy check` and `apy dis` use it: every program that passes the
//! checks compiles, loads as a code object and disassembles, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::rc::Rc;

fuzz_target!(|data: &[u8]| {
    let Some(source) = apy_fuzz::source(data) else {
        return;
    };
    let source = Rc::new(source);
    match apy::compiler::compile_source(&source, apy::compiler::Mode::Exec) {
        Ok(unit) => {
            let mut interner = apy::object::string::Interner::default();
            let code = apy::object::Code::load(&unit, &source, &mut interner);
            let _ = apy::dis::disassemble(&code);
        }
        Err(e) => apy_fuzz::render(&e, &source),
    }
});
