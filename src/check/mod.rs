//! `apy check`: read files, parse them, report diagnostics. The checks themselves live
//! in [`check_source`] so that other front ends (the REPL, `run`) share them.

pub mod imports;

use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;
use std::io::Write;
use std::path::Path;

/// Every compile-time check apy makes on a source file: parsing, the semantic pass, and
/// compilation (which reports the few errors CPython's compiler raises itself).
pub fn check_source(source: &SourceFile) -> Result<(), Diagnostic> {
    let module = crate::parser::parse_module(source)?;
    let scopes = crate::sema::analyze(&module)?;
    let source = std::rc::Rc::new(source.clone());
    crate::compiler::compile_module(&module, &scopes, source, crate::compiler::Mode::Exec)?;
    Ok(())
}

/// Why a file could not be turned into a [`SourceFile`].
#[derive(Debug)]
pub enum LoadError {
    /// The file could not be read: CPython's `can't open file` wording.
    Io(String),
    /// The bytes are not UTF-8: a SyntaxError against a lossily decoded copy.
    Encoding(Box<(SourceFile, Diagnostic)>),
}

/// Reads a source file as CPython would for a script: UTF-8, or a SyntaxError.
pub fn load_source(path: &Path) -> Result<SourceFile, LoadError> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path)
        .map_err(|e| LoadError::Io(format!("can't open file '{shown}': {}", errno_text(&e))))?;
    decode_source(shown, bytes)
}

/// A script's bytes as source text (UTF-8), or the SyntaxError CPython reports; `name`
/// is how the script is shown (a path, or `<stdin>`).
pub fn decode_source(shown: String, bytes: Vec<u8>) -> Result<SourceFile, LoadError> {
    crate::decode::decode_source(shown, bytes).map_err(LoadError::Encoding)
}

/// `[Errno 2] No such file or directory`, as Python formats an OSError.
fn errno_text(e: &std::io::Error) -> String {
    let text = e.to_string();
    let text = match text.find(" (os error") {
        Some(i) => text[..i].to_string(),
        None => text,
    };
    match e.raw_os_error() {
        Some(n) => format!("[Errno {n}] {text}"),
        None => text,
    }
}

/// Checks each file, writing diagnostics to `err`. Returns the exit status: 0 when all
/// are clean, 1 when any has an error, 2 when a file cannot be opened.
pub fn check_files(paths: &[impl AsRef<Path>], color: bool, err: &mut impl Write) -> i32 {
    let mut status = 0;
    for path in paths {
        match load_source(path.as_ref()) {
            Ok(source) => {
                if let Err(d) = check_source(&source) {
                    let _ = err.write_all(d.render(&source, color).as_bytes());
                    status = status.max(1);
                }
            }
            Err(LoadError::Encoding(boxed)) => {
                let (source, d) = *boxed;
                let _ = err.write_all(d.render(&source, color).as_bytes());
                status = status.max(1);
            }
            Err(LoadError::Io(msg)) => {
                let _ = writeln!(err, "apy: {msg}");
                status = 2;
            }
        }
    }
    status
}
