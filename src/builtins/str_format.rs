//! `str.format` and `str.format_map`: a port of CPython's `unicode_format.h`.
//!
//! The format string is walked as CPython's `MarkupIterator` does — literal text, then
//! one replacement field at a time, each evaluated (lookup, conversion, nested spec
//! expansion, `format()`) before the next is parsed — so that when a string has several
//! problems the one CPython reports first is the one raised here too.

use super::str_methods::recv_str;
use crate::native::{method_args, Sig};
use crate::object::function::Args;
use crate::object::Value;
use crate::vm::{PyResult, Vm};

/// Where named fields come from: `format()`'s keywords, or `format_map()`'s mapping.
enum Named<'a> {
    Keywords(Vec<(&'a str, &'a Value)>),
    Mapping(Value),
}

/// CPython's `AutoNumber`: `{}` and `{0}` may not be mixed.
#[derive(PartialEq, Eq, Clone, Copy)]
enum Numbering {
    Unset,
    Auto,
    Manual,
}

struct Context<'a> {
    /// None for `format_map`, which has no positional arguments.
    args: Option<&'a [Value]>,
    named: Named<'a>,
    numbering: Numbering,
    next_auto: i64,
}

/// One replacement field, as code-point ranges into the string being expanded.
struct Field {
    name: (usize, usize),
    spec: (usize, usize),
    conversion: Option<char>,
    spec_needs_expanding: bool,
}

/// One step of the markup iterator: literal text `literal.0..literal.1`, then maybe a field.
struct Markup {
    literal: (usize, usize),
    field: Option<Field>,
}

pub fn str_format(vm: &mut Vm, args: Args) -> PyResult {
    let s = recv_str(vm, &args, "format")?;
    let pos = args.pos().get(1..).unwrap_or(&[]);
    if !s.as_str().contains(['{', '}']) {
        return Ok(Value::Str(s));
    }
    let mut ctx = Context {
        args: Some(pos),
        named: Named::Keywords(args.kw().collect()),
        numbering: Numbering::Unset,
        next_auto: 0,
    };
    let chars: Vec<char> = s.as_str().chars().collect();
    Ok(Value::str(build_string(vm, &chars, &mut ctx, 2)?))
}

pub fn str_format_map(vm: &mut Vm, args: Args) -> PyResult {
    let s = recv_str(vm, &args, "format_map")?;
    let mapping = method_args(vm, "str.format_map", Sig::One, &args)?[0].clone();
    let mut ctx = Context {
        args: None,
        named: Named::Mapping(mapping),
        numbering: Numbering::Unset,
        next_auto: 0,
    };
    let chars: Vec<char> = s.as_str().chars().collect();
    Ok(Value::str(build_string(vm, &chars, &mut ctx, 2)?))
}

/// `build_string`: expands `text`; `depth` bounds nested specs (`{:{}}` uses one level).
fn build_string(vm: &mut Vm, text: &[char], ctx: &mut Context, depth: u32) -> PyResult<String> {
    if depth == 0 {
        return Err(vm.value_error("Max string recursion exceeded"));
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut pos = 0;
    while pos < text.len() {
        let m = next_markup(vm, text, &mut pos)?;
        out.extend(text.get(m.literal.0..m.literal.1).unwrap_or(&[]));
        if let Some(field) = m.field {
            output_markup(vm, text, &field, ctx, depth, &mut out)?;
        }
    }
    Ok(out)
}

/// `MarkupIterator_next`: literal text up to an unescaped `{` (an escaped brace ends the
/// literal, keeping one brace), then the field after it. Advances `pos`.
fn next_markup(vm: &Vm, text: &[char], pos: &mut usize) -> PyResult<Markup> {
    let start = *pos;
    let mut c = '\0';
    let mut markup_follows = false;
    while let Some(&ch) = text.get(*pos) {
        *pos += 1;
        c = ch;
        if ch == '{' || ch == '}' {
            markup_follows = true;
            break;
        }
    }
    let at_end = *pos >= text.len();
    let mut len = *pos - start;
    let next = text.get(*pos).copied();
    if c == '}' && markup_follows && (at_end || next != Some('}')) {
        return Err(vm.value_error("Single '}' encountered in format string"));
    }
    if at_end && c == '{' && markup_follows {
        return Err(vm.value_error("Single '{' encountered in format string"));
    }
    if !at_end && markup_follows {
        if next == Some(c) {
            // An escaped brace: the literal keeps one, and no field follows.
            *pos += 1;
            markup_follows = false;
        } else {
            len -= 1;
        }
    }
    let literal = (start, start + len);
    if !markup_follows {
        return Ok(Markup {
            literal,
            field: None,
        });
    }
    let field = parse_field(vm, text, pos)?;
    Ok(Markup {
        literal,
        field: Some(field),
    })
}

/// `parse_field`: `name[!conv][:spec]}` starting at `pos` (just after the `{`).
fn parse_field(vm: &Vm, text: &[char], pos: &mut usize) -> PyResult<Field> {
    let name_start = *pos;
    let mut c = '\0';
    while let Some(&ch) = text.get(*pos) {
        *pos += 1;
        c = ch;
        match ch {
            '{' => return Err(vm.value_error("unexpected '{' in field name")),
            '[' => {
                while text.get(*pos).is_some_and(|&x| x != ']') {
                    *pos += 1;
                }
                c = '\0';
            }
            '}' | ':' | '!' => break,
            _ => {}
        }
    }
    let mut field = Field {
        name: (name_start, pos.saturating_sub(1).max(name_start)),
        spec: (0, 0),
        conversion: None,
        spec_needs_expanding: false,
    };
    if c == '!' || c == ':' {
        if c == '!' {
            let Some(&conv) = text.get(*pos) else {
                return Err(vm.value_error("end of string while looking for conversion specifier"));
            };
            *pos += 1;
            field.conversion = Some(conv);
            if let Some(&after) = text.get(*pos) {
                *pos += 1;
                if after == '}' {
                    return Ok(field);
                }
                if after != ':' {
                    return Err(vm.value_error("expected ':' after conversion specifier"));
                }
            }
        }
        let spec_start = *pos;
        let mut count = 1;
        while let Some(&ch) = text.get(*pos) {
            *pos += 1;
            match ch {
                '{' => {
                    field.spec_needs_expanding = true;
                    count += 1;
                }
                '}' => {
                    count -= 1;
                    if count == 0 {
                        field.spec = (spec_start, *pos - 1);
                        return Ok(field);
                    }
                }
                _ => {}
            }
        }
        return Err(vm.value_error("unmatched '{' in format spec"));
    }
    if c != '}' {
        return Err(vm.value_error("expected '}' before end of string"));
    }
    Ok(field)
}

/// `get_integer`: the decimal value of `digits` (any script's digits), None when it is
/// not a number; overflow is CPython's ValueError.
fn get_integer(vm: &Vm, digits: &[char]) -> PyResult<Option<i64>> {
    if digits.is_empty() {
        return Ok(None);
    }
    let mut acc: i64 = 0;
    for &c in digits {
        let Some(d) = crate::format::decimal_value(c) else {
            return Ok(None);
        };
        acc = match acc
            .checked_mul(10)
            .and_then(|a| a.checked_add(i64::from(d)))
        {
            Some(a) => a,
            None => return Err(vm.value_error("Too many decimal digits in format string")),
        };
    }
    Ok(Some(acc))
}

/// `get_field_object`: looks up `first(.attr|[key])*`.
fn get_field_object(vm: &mut Vm, name: &[char], ctx: &mut Context) -> PyResult<Value> {
    let split = name
        .iter()
        .position(|&c| c == '.' || c == '[')
        .unwrap_or(name.len());
    let first = &name[..split];
    let mut index = get_integer(vm, first)?;
    let empty = first.is_empty();
    let numeric = empty || index.is_some();
    if ctx.numbering == Numbering::Unset && numeric {
        ctx.numbering = if empty {
            Numbering::Auto
        } else {
            Numbering::Manual
        };
    }
    if numeric {
        if ctx.numbering == Numbering::Manual && empty {
            return Err(vm.value_error(
                "cannot switch from manual field specification to automatic field numbering",
            ));
        }
        if ctx.numbering == Numbering::Auto && !empty {
            return Err(vm.value_error(
                "cannot switch from automatic field numbering to manual field specification",
            ));
        }
    }
    if empty {
        index = Some(ctx.next_auto);
        ctx.next_auto += 1;
    }
    let mut obj = match index {
        None => {
            let key: String = first.iter().collect();
            match &ctx.named {
                Named::Keywords(kw) => match kw.iter().find(|(k, _)| *k == key) {
                    Some((_, v)) => (*v).clone(),
                    None => return Err(vm.key_error(Value::str(key))),
                },
                Named::Mapping(m) => {
                    let m = m.clone();
                    vm.get_item(&m, &Value::str(key))?
                }
            }
        }
        Some(i) => {
            let Some(args) = ctx.args else {
                return Err(vm.value_error("Format string contains positional fields"));
            };
            match usize::try_from(i).ok().and_then(|i| args.get(i)) {
                Some(v) => v.clone(),
                None => {
                    return Err(vm.new_exception_msg(
                        &vm.exc.index_error.clone(),
                        format!("Replacement index {i} out of range for positional args tuple"),
                    ))
                }
            }
        }
    };
    // FieldNameIterator: the rest is `.attr` and `[key]` accessors.
    let mut i = split;
    while i < name.len() {
        let kind = name[i];
        i += 1;
        let start = i;
        match kind {
            '.' => {
                while i < name.len() && name[i] != '.' && name[i] != '[' {
                    i += 1;
                }
            }
            '[' => {
                while i < name.len() && name[i] != ']' {
                    i += 1;
                }
                if i >= name.len() {
                    return Err(vm.value_error("Missing ']' in format string"));
                }
            }
            _ => {
                return Err(
                    vm.value_error("Only '.' or '[' may follow ']' in format field specifier")
                )
            }
        }
        let part = &name[start..i];
        if kind == '[' {
            i += 1;
        }
        if part.is_empty() {
            return Err(vm.value_error("Empty attribute in format string"));
        }
        let text: String = part.iter().collect();
        obj = if kind == '.' {
            let attr = vm.intern(&text);
            vm.get_attr(&obj, &attr)?
        } else {
            let key = match get_integer(vm, part)? {
                Some(n) => Value::Int(n),
                None => Value::str(text),
            };
            vm.get_item(&obj, &key)?
        };
    }
    Ok(obj)
}

/// `output_markup`: evaluates one field and appends its text.
fn output_markup(
    vm: &mut Vm,
    text: &[char],
    field: &Field,
    ctx: &mut Context,
    depth: u32,
    out: &mut String,
) -> PyResult<()> {
    let name = text.get(field.name.0..field.name.1).unwrap_or(&[]);
    let mut obj = get_field_object(vm, name, ctx)?;
    if let Some(conv) = field.conversion {
        obj = match conv {
            'r' => Value::str(vm.repr(&obj)?),
            's' => vm.str_value(&obj)?,
            'a' => Value::str(vm.ascii(&obj)?),
            c if (c as u32) > 32 && (c as u32) < 127 => {
                return Err(vm.value_error(format!("Unknown conversion specifier {c}")))
            }
            c => {
                return Err(
                    vm.value_error(format!("Unknown conversion specifier \\x{:x}", c as u32))
                )
            }
        };
    }
    let spec_chars = text.get(field.spec.0..field.spec.1).unwrap_or(&[]);
    let spec: String = if field.spec_needs_expanding {
        build_string(vm, spec_chars, ctx, depth - 1)?
    } else {
        spec_chars.iter().collect()
    };
    if spec.is_empty() {
        if let Value::Str(s) = &obj {
            out.push_str(s.as_str());
            return Ok(());
        }
    }
    out.push_str(&vm.format(&obj, &spec)?);
    Ok(())
}
