//! UTF-16 and UTF-32: the codecs whose code units are wider than a byte, with CPython's
//! byte-order-mark rules (`utf-16`/`utf-32` write a little-endian BOM and, reading, honour
//! whichever BOM the data starts with) and its decoding error reasons.

use super::str_codecs::{handle_bad, Bad, Codec};
use crate::vm::{PyResult, Vm};

/// `text.encode(codec)` for a wide codec (cannot fail: Rust strings hold no lone
/// surrogates).
pub fn encode(text: &str, codec: Codec) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() * 2 + 4);
    match codec {
        Codec::Utf16 | Codec::Utf16Le | Codec::Utf16Be => {
            let big = codec == Codec::Utf16Be;
            if codec == Codec::Utf16 {
                out.extend_from_slice(&[0xFF, 0xFE]);
            }
            for unit in text.encode_utf16() {
                out.extend_from_slice(&if big {
                    unit.to_be_bytes()
                } else {
                    unit.to_le_bytes()
                });
            }
        }
        _ => {
            let big = codec == Codec::Utf32Be;
            if codec == Codec::Utf32 {
                out.extend_from_slice(&[0xFF, 0xFE, 0, 0]);
            }
            for c in text.chars() {
                let cp = c as u32;
                out.extend_from_slice(&if big {
                    cp.to_be_bytes()
                } else {
                    cp.to_le_bytes()
                });
            }
        }
    }
    out
}

/// `data.decode(codec, errors)` for a wide codec.
pub fn decode(vm: &mut Vm, data: &[u8], codec: Codec, errors: &str) -> PyResult<String> {
    match codec {
        Codec::Utf16 => match data {
            [0xFF, 0xFE, ..] => decode_utf16(vm, data, 2, false, errors),
            [0xFE, 0xFF, ..] => decode_utf16(vm, data, 2, true, errors),
            _ => decode_utf16(vm, data, 0, false, errors),
        },
        Codec::Utf16Le => decode_utf16(vm, data, 0, false, errors),
        Codec::Utf16Be => decode_utf16(vm, data, 0, true, errors),
        Codec::Utf32 => match data {
            [0xFF, 0xFE, 0, 0, ..] => decode_utf32(vm, data, 4, false, errors),
            [0, 0, 0xFE, 0xFF, ..] => decode_utf32(vm, data, 4, true, errors),
            _ => decode_utf32(vm, data, 0, false, errors),
        },
        Codec::Utf32Le => decode_utf32(vm, data, 0, false, errors),
        _ => decode_utf32(vm, data, 0, true, errors),
    }
}

/// Reports an undecodable stretch `at` of `data` (positions count the BOM, as CPython's).
fn bad(
    vm: &mut Vm,
    data: &[u8],
    at: (usize, usize),
    reason: &'static str,
    codec: Codec,
    errors: &str,
    out: &mut String,
) -> PyResult<()> {
    let (start, end) = at;
    handle_bad(vm, data, Bad { start, end, reason }, codec, errors, out)
}

/// Decodes `data` from `start` (past a BOM) as UTF-16 in the given order.
fn decode_utf16(
    vm: &mut Vm,
    data: &[u8],
    start: usize,
    big: bool,
    errors: &str,
) -> PyResult<String> {
    let codec = if big { Codec::Utf16Be } else { Codec::Utf16Le };
    let unit = |i: usize| {
        let pair = [data[i], data[i + 1]];
        if big {
            u16::from_be_bytes(pair)
        } else {
            u16::from_le_bytes(pair)
        }
    };
    let len = data.len();
    let mut out = String::with_capacity(len / 2);
    let mut i = start;
    while i < len {
        if i + 1 >= len {
            bad(
                vm,
                data,
                (i, len),
                "truncated data",
                codec,
                errors,
                &mut out,
            )?;
            break;
        }
        let u = unit(i);
        match u {
            0xD800..=0xDBFF => {
                if i + 3 >= len {
                    let reason = "unexpected end of data";
                    bad(vm, data, (i, len), reason, codec, errors, &mut out)?;
                    break;
                }
                let low = unit(i + 2);
                if (0xDC00..=0xDFFF).contains(&low) {
                    let cp = 0x10000 + (((u as u32) - 0xD800) << 10) + ((low as u32) - 0xDC00);
                    out.push(char::from_u32(cp).unwrap_or('\u{fffd}'));
                    i += 4;
                } else {
                    let reason = "illegal UTF-16 surrogate";
                    bad(vm, data, (i, i + 2), reason, codec, errors, &mut out)?;
                    i += 2;
                }
            }
            0xDC00..=0xDFFF => {
                bad(
                    vm,
                    data,
                    (i, i + 2),
                    "illegal encoding",
                    codec,
                    errors,
                    &mut out,
                )?;
                i += 2;
            }
            _ => {
                out.push(char::from_u32(u as u32).unwrap_or('\u{fffd}'));
                i += 2;
            }
        }
    }
    Ok(out)
}

/// Decodes `data` from `start` (past a BOM) as UTF-32 in the given order.
fn decode_utf32(
    vm: &mut Vm,
    data: &[u8],
    start: usize,
    big: bool,
    errors: &str,
) -> PyResult<String> {
    let codec = if big { Codec::Utf32Be } else { Codec::Utf32Le };
    let len = data.len();
    let mut out = String::with_capacity(len / 4);
    let mut i = start;
    while i < len {
        if i + 4 > len {
            bad(
                vm,
                data,
                (i, len),
                "truncated data",
                codec,
                errors,
                &mut out,
            )?;
            break;
        }
        let quad = [data[i], data[i + 1], data[i + 2], data[i + 3]];
        let cp = if big {
            u32::from_be_bytes(quad)
        } else {
            u32::from_le_bytes(quad)
        };
        match char::from_u32(cp) {
            Some(c) => out.push(c),
            None => {
                let reason = if cp > 0x10FFFF {
                    "code point not in range(0x110000)"
                } else {
                    "code point in surrogate code point range(0xd800, 0xe000)"
                };
                bad(vm, data, (i, i + 4), reason, codec, errors, &mut out)?;
            }
        }
        i += 4;
    }
    Ok(out)
}
