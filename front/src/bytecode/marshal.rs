//! Code units as bytes, as CPython's `marshal` stores code objects in `.pyc` files and in
//! its frozen modules.
//!
//! The interpreter's build script compiles the standard library's Python sources once and
//! embeds them in this form, so importing `asyncio` reads bytecode instead of parsing
//! and compiling on every start. The encoding is postcard's (a compact, stable serde
//! format: the derives on the instruction set are the whole schema) behind a short
//! header naming the format, so bytes from elsewhere are refused instead of misread.

use super::CodeUnit;

/// The first bytes of every marshalled unit: `apy` and the format's version. The version
/// changes when the encoding does; the instruction set itself is guarded by the build,
/// which compiles the frozen units with the very front end it runs them with.
const MAGIC: &[u8; 4] = b"apy\x01";

#[derive(Debug, thiserror::Error)]
pub enum MarshalError {
    #[error("not a marshalled apy code unit")]
    BadMagic,
    #[error("corrupt marshalled code unit: {0}")]
    Corrupt(#[from] postcard::Error),
}

/// The bytes of `unit`.
pub fn dump(unit: &CodeUnit) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    // Encoding plain data into a growable vector cannot fail.
    postcard::to_io(unit, &mut out).expect("a code unit encodes");
    out
}

/// The unit `bytes` hold.
pub fn load(bytes: &[u8]) -> Result<CodeUnit, MarshalError> {
    let body = bytes.strip_prefix(MAGIC).ok_or(MarshalError::BadMagic)?;
    Ok(postcard::from_bytes(body)?)
}
