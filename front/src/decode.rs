//! A source file's bytes as text: UTF-8, as CPython reads a file with no coding
//! declaration, or the SyntaxError CPython reports for the first byte that is not. Shared
//! by every reader of source files: scripts, `apy check` and imported modules.

use crate::diagnostic::Diagnostic;
use crate::source::{SourceFile, Span};

/// `bytes` as the source file `shown` (a path, or `<stdin>`); on bad UTF-8, the
/// diagnostic together with a lossily decoded copy to draw it against (the copy has the
/// same text before the bad byte, so the lines agree).
pub fn decode_source(
    shown: String,
    bytes: Vec<u8>,
) -> Result<SourceFile, Box<(SourceFile, Diagnostic)>> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(shown, text)),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let byte = bytes.get(at).copied().unwrap_or(0);
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            let message = format!(
                "Non-UTF-8 code starting with '\\x{byte:02x}' in file {shown} on line {line}, but no encoding declared; see https://peps.python.org/pep-0263/ for details"
            );
            let diag = Diagnostic::syntax(message, Span::new(at, at + 1));
            Err(Box::new((SourceFile::new(shown, text), diag)))
        }
    }
}
