//! The codecs behind `str.encode`, `bytes.decode`, `str(b, encoding)`, `bytes(s,
//! encoding)` and text files: UTF-8 (and `utf-8-sig`), ASCII, Latin-1 and Windows-1252
//! here, UTF-16 and UTF-32 in `str_codecs_wide.rs`; with the error handlers `strict`,
//! `ignore`, `replace`, `backslashreplace` and `xmlcharrefreplace`.
//!
//! Failures are CPython's `UnicodeEncodeError`/`UnicodeDecodeError` with the exact
//! message; the exception carries `encoding`, `object`, `start`, `end` and `reason` as
//! attributes (its `args` is the message alone, unlike CPython's five-tuple).

use crate::object::string::PyBytes;
use crate::object::{ExcRef, Value};
use crate::vm::{PyResult, Vm};
use std::fmt::Write as _;
use std::rc::Rc;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Codec {
    Utf8,
    /// UTF-8 with a byte-order mark: written first, skipped when reading.
    Utf8Sig,
    Ascii,
    Latin1,
    /// Windows-1252 (`cp1252`): Latin-1 with printable characters in 0x80-0x9F.
    Cp1252,
    /// UTF-16 in the machine's order with a BOM (little-endian here), or a fixed order.
    Utf16,
    Utf16Le,
    Utf16Be,
    Utf32,
    Utf32Le,
    Utf32Be,
}

impl Codec {
    /// The name CPython's error messages use.
    pub(super) fn name(self) -> &'static str {
        match self {
            Codec::Utf8 => "utf-8",
            Codec::Utf8Sig => "utf-8-sig",
            Codec::Ascii => "ascii",
            Codec::Latin1 => "latin-1",
            Codec::Cp1252 => "charmap",
            Codec::Utf16 | Codec::Utf16Le => "utf-16-le",
            Codec::Utf16Be => "utf-16-be",
            Codec::Utf32 | Codec::Utf32Le => "utf-32-le",
            Codec::Utf32Be => "utf-32-be",
        }
    }

    /// `codecs.lookup(name).name`: how `TextIOWrapper.encoding` and friends spell it.
    pub fn canonical_name(self) -> &'static str {
        match self {
            Codec::Utf8 => "utf-8",
            Codec::Utf8Sig => "utf-8-sig",
            Codec::Ascii => "ascii",
            Codec::Latin1 => "iso8859-1",
            Codec::Cp1252 => "cp1252",
            Codec::Utf16 => "utf-16",
            Codec::Utf16Le => "utf-16-le",
            Codec::Utf16Be => "utf-16-be",
            Codec::Utf32 => "utf-32",
            Codec::Utf32Le => "utf-32-le",
            Codec::Utf32Be => "utf-32-be",
        }
    }

    /// Whether a newline is the byte `\n` and every other character's bytes avoid it, so
    /// text can be split into lines before decoding.
    pub fn is_ascii_compatible(self) -> bool {
        matches!(
            self,
            Codec::Utf8 | Codec::Utf8Sig | Codec::Ascii | Codec::Latin1 | Codec::Cp1252
        )
    }

    /// The byte a one-byte codec writes for `c`, if it has one.
    fn single_byte(self, c: char) -> Option<u8> {
        let cp = c as u32;
        match self {
            Codec::Ascii if cp < 0x80 => Some(cp as u8),
            Codec::Latin1 if cp < 0x100 => Some(cp as u8),
            Codec::Cp1252 if cp < 0x80 || (0xA0..0x100).contains(&cp) => Some(cp as u8),
            Codec::Cp1252 => CP1252_HIGH
                .iter()
                .position(|&u| u != 0 && u as u32 == cp)
                .map(|i| 0x80 + i as u8),
            _ => None,
        }
    }

    /// Why a one-byte codec cannot encode a character (CPython's reason text).
    fn encode_reason(self) -> &'static str {
        match self {
            Codec::Ascii => "ordinal not in range(128)",
            Codec::Cp1252 => "character maps to <undefined>",
            _ => "ordinal not in range(256)",
        }
    }
}

/// Windows-1252's characters for the bytes 0x80-0x9F (0 where the byte is undefined).
const CP1252_HIGH: [u16; 32] = [
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC,
    0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
];

/// `codecs.lookup` for the supported codecs: names are normalized as
/// `encodings.normalize_encoding` does, then matched against the alias table.
pub fn lookup(vm: &Vm, name: &str) -> PyResult<Codec> {
    let mut norm = String::with_capacity(name.len());
    let mut pending_sep = false;
    for c in name.trim().chars() {
        if c.is_ascii_alphanumeric() || c == '.' {
            if pending_sep && !norm.is_empty() {
                norm.push('_');
            }
            pending_sep = false;
            norm.push(c.to_ascii_lowercase());
        } else {
            pending_sep = true;
        }
    }
    match norm.as_str() {
        "utf_8" | "utf8" | "u8" | "utf" | "utf8_ucs2" | "utf8_ucs4" | "cp65001" => Ok(Codec::Utf8),
        "ascii" | "646" | "us_ascii" | "ansi_x3.4_1968" | "ansi_x3_4_1968" | "ansi_x3.4_1986"
        | "cp367" | "csascii" | "ibm367" | "iso646_us" | "iso_646.irv_1991" | "iso_ir_6" | "us" => {
            Ok(Codec::Ascii)
        }
        "latin_1" | "latin1" | "latin" | "l1" | "iso_8859_1" | "iso8859_1" | "8859" | "cp819"
        | "iso_ir_100" | "csisolatin1" | "ibm819" | "iso_8859_1_1987" => Ok(Codec::Latin1),
        "utf_8_sig" | "utf8_sig" => Ok(Codec::Utf8Sig),
        "cp1252" | "windows_1252" | "1252" => Ok(Codec::Cp1252),
        "utf_16" | "utf16" | "u16" => Ok(Codec::Utf16),
        "utf_16_le" | "utf_16le" | "utf16le" | "unicodelittleunmarked" => Ok(Codec::Utf16Le),
        "utf_16_be" | "utf_16be" | "utf16be" | "unicodebigunmarked" => Ok(Codec::Utf16Be),
        "utf_32" | "utf32" | "u32" => Ok(Codec::Utf32),
        "utf_32_le" | "utf_32le" | "utf32le" => Ok(Codec::Utf32Le),
        "utf_32_be" | "utf_32be" | "utf32be" => Ok(Codec::Utf32Be),
        _ => Err(vm.new_exception_msg(
            &vm.exc.lookup_error.clone(),
            format!("unknown encoding: {name}"),
        )),
    }
}

/// An error handler that is known, checked only when an error actually happens (as
/// CPython looks handlers up lazily).
fn handler_error(vm: &Vm, errors: &str) -> ExcRef {
    vm.new_exception_msg(
        &vm.exc.lookup_error.clone(),
        format!("unknown error handler name '{errors}'"),
    )
}

/// Builds a Unicode{En,De}codeError with CPython's message and attributes.
fn unicode_error(
    vm: &mut Vm,
    class: &Rc<crate::object::Class>,
    msg: String,
    attrs: [(&str, Value); 5],
) -> ExcRef {
    let exc = vm.new_exception_msg(class, msg);
    for (k, v) in attrs {
        let key = vm.intern(k);
        exc.dict_set(key, v);
    }
    exc
}

fn escape_char(c: char) -> String {
    let cp = c as u32;
    if cp < 0x100 {
        format!("\\x{cp:02x}")
    } else if cp < 0x10000 {
        format!("\\u{cp:04x}")
    } else {
        format!("\\U{cp:08x}")
    }
}

/// `text.encode(codec, errors)`.
pub fn encode(vm: &mut Vm, text: &str, codec: Codec, errors: &str) -> PyResult<Vec<u8>> {
    match codec {
        // Rust strings hold no lone surrogates, so the Unicode codecs cannot fail. The
        // copy is as large as the text: asked for first.
        Codec::Utf8 => {
            super::result_size::check_size(vm, text.len())?;
            return Ok(text.as_bytes().to_vec());
        }
        Codec::Utf8Sig => {
            let mut out = b"\xef\xbb\xbf".to_vec();
            out.extend_from_slice(text.as_bytes());
            return Ok(out);
        }
        Codec::Ascii | Codec::Latin1 | Codec::Cp1252 => {}
        wide => return Ok(super::str_codecs_wide::encode(text, wide)),
    }
    let mut out = Vec::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if let Some(b) = codec.single_byte(c) {
            out.push(b);
            i += 1;
            continue;
        }
        // The run of unencodable characters is what one error reports.
        let end = chars[i..]
            .iter()
            .position(|&d| codec.single_byte(d).is_some())
            .map_or(chars.len(), |n| i + n);
        match errors {
            "ignore" => {}
            "replace" => out.extend(std::iter::repeat_n(b'?', end - i)),
            "backslashreplace" => chars[i..end]
                .iter()
                .for_each(|&d| out.extend_from_slice(escape_char(d).as_bytes())),
            "xmlcharrefreplace" => chars[i..end]
                .iter()
                .for_each(|&d| out.extend_from_slice(format!("&#{};", d as u32).as_bytes())),
            "strict" | "surrogateescape" | "surrogatepass" => {
                let what = if end - i == 1 {
                    format!("character '{}' in position {i}", escape_char(c))
                } else {
                    format!("characters in position {i}-{}", end - 1)
                };
                let reason = codec.encode_reason().to_string();
                let msg = format!("'{}' codec can't encode {what}: {reason}", codec.name());
                let class = vm.exc.unicode_encode_error.clone();
                return Err(unicode_error(
                    vm,
                    &class,
                    msg,
                    [
                        ("encoding", Value::str(codec.name())),
                        ("object", Value::str(text)),
                        ("start", Value::Int(i as i64)),
                        ("end", Value::Int(end as i64)),
                        ("reason", Value::str(reason)),
                    ],
                ));
            }
            _ => return Err(handler_error(vm, errors)),
        }
        i = end;
    }
    Ok(out)
}

/// One undecodable stretch: byte range and CPython's reason.
pub(super) struct Bad {
    pub start: usize,
    pub end: usize,
    pub reason: &'static str,
}

/// The next decoding error at or after `pos` (returns the valid text before it).
fn next_bad(data: &[u8], pos: usize, codec: Codec) -> (usize, Option<Bad>) {
    let rest = data.get(pos..).unwrap_or(&[]);
    match codec {
        Codec::Ascii => match rest.iter().position(|&b| b >= 0x80) {
            Some(n) => (
                pos + n,
                Some(Bad {
                    start: pos + n,
                    end: pos + n + 1,
                    reason: "ordinal not in range(128)",
                }),
            ),
            None => (data.len(), None),
        },
        Codec::Utf8 => match std::str::from_utf8(rest) {
            Ok(_) => (data.len(), None),
            Err(e) => {
                let start = pos + e.valid_up_to();
                let first = data.get(start).copied().unwrap_or(0);
                let bad = match e.error_len() {
                    None => Bad {
                        start,
                        end: data.len(),
                        reason: "unexpected end of data",
                    },
                    Some(n) => {
                        let invalid_start = matches!(first, 0x80..=0xC1 | 0xF5..=0xFF);
                        let reason = if invalid_start {
                            "invalid start byte"
                        } else {
                            "invalid continuation byte"
                        };
                        Bad {
                            start,
                            end: start + n,
                            reason,
                        }
                    }
                };
                (start, Some(bad))
            }
        },
        _ => (data.len(), None),
    }
}

/// `data.decode(codec, errors)`.
pub fn decode(vm: &mut Vm, data: &[u8], codec: Codec, errors: &str) -> PyResult<String> {
    match codec {
        Codec::Latin1 => return Ok(data.iter().map(|&b| b as char).collect()),
        Codec::Utf8Sig => {
            let body = data.strip_prefix(b"\xef\xbb\xbf").unwrap_or(data);
            return decode(vm, body, Codec::Utf8, errors);
        }
        Codec::Cp1252 => return decode_cp1252(vm, data, errors),
        Codec::Utf8 | Codec::Ascii => {}
        wide => return super::str_codecs_wide::decode(vm, data, wide, errors),
    }
    let mut out = String::with_capacity(data.len());
    let mut pos = 0;
    loop {
        let (valid_end, bad) = next_bad(data, pos, codec);
        let valid = data.get(pos..valid_end).unwrap_or(&[]);
        // Both codecs only hand back stretches that are valid UTF-8.
        out.push_str(std::str::from_utf8(valid).unwrap_or(""));
        let Some(bad) = bad else { break };
        pos = bad.end;
        handle_bad(vm, data, bad, codec, errors, &mut out)?;
    }
    Ok(out)
}

fn decode_cp1252(vm: &mut Vm, data: &[u8], errors: &str) -> PyResult<String> {
    let mut out = String::with_capacity(data.len());
    for (i, &b) in data.iter().enumerate() {
        let c = match b {
            0x80..=0x9F => {
                char::from_u32(CP1252_HIGH[(b - 0x80) as usize] as u32).filter(|&c| c != '\0')
            }
            _ => Some(b as char),
        };
        match c {
            Some(c) => out.push(c),
            None => {
                let bad = Bad {
                    start: i,
                    end: i + 1,
                    reason: "character maps to <undefined>",
                };
                handle_bad(vm, data, bad, Codec::Cp1252, errors, &mut out)?;
            }
        }
    }
    Ok(out)
}

/// Applies the error handler `errors` to one undecodable stretch: appends its
/// replacement to `out`, or fails with CPython's UnicodeDecodeError.
pub(super) fn handle_bad(
    vm: &mut Vm,
    data: &[u8],
    bad: Bad,
    codec: Codec,
    errors: &str,
    out: &mut String,
) -> PyResult<()> {
    match errors {
        "ignore" => Ok(()),
        "replace" => {
            out.push('\u{fffd}');
            Ok(())
        }
        "backslashreplace" => {
            data.get(bad.start..bad.end)
                .unwrap_or(&[])
                .iter()
                .for_each(|b| {
                    let _ = write!(out, "\\x{b:02x}");
                });
            Ok(())
        }
        "strict" | "surrogateescape" | "surrogatepass" | "xmlcharrefreplace" => {
            if errors == "xmlcharrefreplace" {
                return Err(
                    vm.type_error("don't know how to handle UnicodeDecodeError in error callback")
                );
            }
            let what = if bad.end - bad.start == 1 {
                format!(
                    "byte 0x{:02x} in position {}",
                    data.get(bad.start).copied().unwrap_or(0),
                    bad.start
                )
            } else {
                format!("bytes in position {}-{}", bad.start, bad.end - 1)
            };
            let msg = format!(
                "'{}' codec can't decode {what}: {}",
                codec.name(),
                bad.reason
            );
            let class = vm.exc.unicode_decode_error.clone();
            Err(unicode_error(
                vm,
                &class,
                msg,
                [
                    ("encoding", Value::str(codec.name())),
                    ("object", Value::Bytes(Rc::new(PyBytes::new(data.to_vec())))),
                    ("start", Value::Int(bad.start as i64)),
                    ("end", Value::Int(bad.end as i64)),
                    ("reason", Value::str(bad.reason)),
                ],
            ))
        }
        _ => Err(handler_error(vm, errors)),
    }
}

/// `encoding` and `errors` arguments: str or absent, else CPython's TypeError.
pub fn text_arg(
    vm: &Vm,
    func: &str,
    param: &str,
    v: Option<&Value>,
    default: &str,
) -> PyResult<String> {
    match v {
        None => Ok(default.to_string()),
        Some(Value::Str(s)) => Ok(s.as_str().to_string()),
        Some(other) => Err(vm.type_error(format!(
            "{func}() argument '{param}' must be str, not {}",
            crate::native::clinic_type_name(vm, other)
        ))),
    }
}
