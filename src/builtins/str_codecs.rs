//! The codecs behind `str.encode`, `bytes.decode`, `str(b, encoding)` and
//! `bytes(s, encoding)`: UTF-8, ASCII and Latin-1, with the error handlers `strict`,
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

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Codec {
    Utf8,
    Ascii,
    Latin1,
}

impl Codec {
    /// The name CPython's error messages use.
    fn name(self) -> &'static str {
        match self {
            Codec::Utf8 => "utf-8",
            Codec::Ascii => "ascii",
            Codec::Latin1 => "latin-1",
        }
    }

    /// The largest code point the codec can represent in one byte.
    fn limit(self) -> u32 {
        match self {
            Codec::Ascii => 0x80,
            _ => 0x100,
        }
    }
}

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
    if let Some(d) = &exc.dict {
        for (k, v) in attrs {
            let key = vm.intern(k);
            d.table.borrow_mut().set_str(key, v);
        }
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
    if codec == Codec::Utf8 {
        // Rust strings hold no lone surrogates, so UTF-8 encoding cannot fail.
        return Ok(text.as_bytes().to_vec());
    }
    let limit = codec.limit();
    let mut out = Vec::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if (c as u32) < limit {
            out.push(c as u32 as u8);
            i += 1;
            continue;
        }
        // The run of unencodable characters is what one error reports.
        let end = chars[i..]
            .iter()
            .position(|&d| (d as u32) < limit)
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
                let reason = format!("ordinal not in range({limit})");
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
struct Bad {
    start: usize,
    end: usize,
    reason: &'static str,
}

/// The next decoding error at or after `pos` (returns the valid text before it).
fn next_bad(data: &[u8], pos: usize, codec: Codec) -> (usize, Option<Bad>) {
    let rest = data.get(pos..).unwrap_or(&[]);
    match codec {
        Codec::Latin1 => (data.len(), None),
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
    }
}

/// `data.decode(codec, errors)`.
pub fn decode(vm: &mut Vm, data: &[u8], codec: Codec, errors: &str) -> PyResult<String> {
    if codec == Codec::Latin1 {
        return Ok(data.iter().map(|&b| b as char).collect());
    }
    let mut out = String::with_capacity(data.len());
    let mut pos = 0;
    loop {
        let (valid_end, bad) = next_bad(data, pos, codec);
        let valid = data.get(pos..valid_end).unwrap_or(&[]);
        // Both codecs only hand back stretches that are valid UTF-8.
        out.push_str(std::str::from_utf8(valid).unwrap_or(""));
        let Some(bad) = bad else { break };
        match errors {
            "ignore" => {}
            "replace" => out.push('\u{fffd}'),
            "backslashreplace" => {
                data.get(bad.start..bad.end)
                    .unwrap_or(&[])
                    .iter()
                    .for_each(|b| {
                        let _ = write!(out, "\\x{b:02x}");
                    })
            }
            "strict" | "surrogateescape" | "surrogatepass" | "xmlcharrefreplace" => {
                if errors == "xmlcharrefreplace" {
                    return Err(vm.type_error(
                        "don't know how to handle UnicodeDecodeError in error callback",
                    ));
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
                return Err(unicode_error(
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
                ));
            }
            _ => return Err(handler_error(vm, errors)),
        }
        pos = bad.end;
    }
    Ok(out)
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
