//! `Pattern.sub`, `Pattern.subn` and `Match.expand`: replacement templates (`\1`,
//! `\g<name>`, `\n`...) with CPython's errors, or a function called with each match.
//!
//! The result is built as one `String` from slices of the subject's text (Latin-1
//! characters for bytes, turned back into bytes at the end), so a template replacement
//! never converts a position between bytes and indices.

use super::matches::{new_match, MatchState};
use super::parse::is_identifier;
use super::pattern::{this, PatternState, Scan};
use super::regex_error;
use super::subject::finish_text;
use crate::native::Clinic;
use crate::object::function::Args;
use crate::object::Value;
use crate::vm::{PyResult, Vm};

enum Piece {
    Literal(String),
    Group(usize),
}

/// A template's characters and the tokenizer over them (a backslash and the character
/// after it are one token, as in the pattern parser).
struct Tokens<'t> {
    chars: &'t [char],
    index: usize,
}

type Tok = (char, Option<char>);

impl Tokens<'_> {
    fn peek(&self) -> Result<Option<Tok>, (String, usize)> {
        let Some(&c) = self.chars.get(self.index) else {
            return Ok(None);
        };
        if c == '\\' {
            return match self.chars.get(self.index + 1) {
                Some(&d) => Ok(Some(('\\', Some(d)))),
                None => Err(("bad escape (end of pattern)".into(), self.chars.len() - 1)),
            };
        }
        Ok(Some((c, None)))
    }

    fn get(&mut self) -> Result<Option<Tok>, (String, usize)> {
        let t = self.peek()?;
        if let Some(t) = t {
            self.index += 1 + usize::from(t.1.is_some());
        }
        Ok(t)
    }

    fn next_plain(&self) -> Option<char> {
        match self.chars.get(self.index) {
            Some(&c) if c != '\\' => Some(c),
            _ => None,
        }
    }

    /// The position of the next token minus `offset` (CPython's `error(msg, offset)`).
    fn err(&self, msg: impl Into<String>, offset: usize) -> (String, usize) {
        (msg.into(), self.index - offset)
    }
}

/// Why a template is invalid: `re.error(msg, template, pos)`, or IndexError for an
/// unknown group name (as CPython raises it).
enum TemplateError {
    Syntax(String, usize),
    UnknownName(String),
}

impl From<(String, usize)> for TemplateError {
    fn from((m, p): (String, usize)) -> Self {
        TemplateError::Syntax(m, p)
    }
}

/// Parses a replacement template (CPython's `parse_template`).
fn parse_template(chars: &[char], st: &PatternState) -> Result<Vec<Piece>, TemplateError> {
    let mut t = Tokens { chars, index: 0 };
    let mut pieces = Vec::new();
    let mut literal = String::new();
    let add_group = |pieces: &mut Vec<Piece>, literal: &mut String, g: usize| {
        if !literal.is_empty() {
            pieces.push(Piece::Literal(std::mem::take(literal)));
        }
        pieces.push(Piece::Group(g));
    };
    while let Some(tok) = t.get()? {
        let (c, Some(e)) = tok else {
            literal.push(tok.0);
            continue;
        };
        let _ = c;
        match e {
            'g' => {
                if t.next_plain() != Some('<') {
                    return Err(t.err("missing <", 0).into());
                }
                t.index += 1;
                let mut name = String::new();
                loop {
                    match t.get()? {
                        None if name.is_empty() => {
                            return Err(t.err("missing group name", 0).into())
                        }
                        None => {
                            let n = name.chars().count();
                            return Err(t.err("missing >, unterminated name", n).into());
                        }
                        Some(('>', None)) if name.is_empty() => {
                            return Err(t.err("missing group name", 1).into())
                        }
                        Some(('>', None)) => break,
                        Some((a, b)) => {
                            name.push(a);
                            if let Some(b) = b {
                                name.push(b);
                            }
                        }
                    }
                }
                let len = name.chars().count() + 1;
                let index = if is_identifier(&name) {
                    match st.names.iter().find(|(n, _)| *n == name) {
                        Some((_, g)) => *g,
                        None => return Err(TemplateError::UnknownName(name)),
                    }
                } else {
                    match name.parse::<usize>() {
                        Ok(g) if name.chars().all(|c| c.is_ascii_digit()) => g,
                        _ => {
                            return Err(t
                                .err(format!("bad character in group name '{name}'"), len)
                                .into())
                        }
                    }
                };
                if index > st.groups {
                    return Err(t
                        .err(format!("invalid group reference {index}"), len)
                        .into());
                }
                add_group(&mut pieces, &mut literal, index);
            }
            '0' => {
                let mut v = 0u32;
                for _ in 0..2 {
                    match t.next_plain() {
                        Some(d) if d.is_digit(8) => {
                            v = v * 8 + d.to_digit(8).unwrap_or(0);
                            t.index += 1;
                        }
                        _ => break,
                    }
                }
                literal.push(char::from_u32(v & 0xff).unwrap_or('\0'));
            }
            d if d.is_ascii_digit() => {
                let mut text = format!("\\{d}");
                if let Some(d2) = t.next_plain().filter(|c| c.is_ascii_digit()) {
                    t.index += 1;
                    text.push(d2);
                    if d.is_digit(8) && d2.is_digit(8) {
                        if let Some(d3) = t.next_plain().filter(|c| c.is_digit(8)) {
                            t.index += 1;
                            text.push(d3);
                            let v = u32::from_str_radix(&text[1..], 8).unwrap_or(u32::MAX);
                            if v > 0o377 {
                                return Err(t
                                    .err(
                                        format!(
                                            "octal escape value {text} outside of range 0-0o377"
                                        ),
                                        text.len(),
                                    )
                                    .into());
                            }
                            literal.push(char::from_u32(v).unwrap_or('\0'));
                            continue;
                        }
                    }
                }
                let g: usize = text[1..].parse().unwrap_or(usize::MAX);
                if g > st.groups {
                    return Err(t
                        .err(format!("invalid group reference {g}"), text.len() - 1)
                        .into());
                }
                add_group(&mut pieces, &mut literal, g);
            }
            other => {
                let ch = match other {
                    'a' => '\x07',
                    'b' => '\x08',
                    'f' => '\x0c',
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    'v' => '\x0b',
                    '\\' => '\\',
                    c if c.is_ascii_alphabetic() => {
                        return Err(t.err(format!("bad escape \\{c}"), 2).into())
                    }
                    c => {
                        literal.push('\\');
                        c
                    }
                };
                literal.push(ch);
            }
        }
    }
    if !literal.is_empty() {
        pieces.push(Piece::Literal(literal));
    }
    Ok(pieces)
}

/// A compiled replacement: its pieces, and whether its kind (str or bytes) differs
/// from the pattern's. CPython only notices a foreign kind when it joins the result, so
/// a template of the wrong kind is an error only once something matched.
struct Template {
    pieces: Vec<Piece>,
    foreign: bool,
}

fn compile_template(vm: &mut Vm, st: &PatternState, repl: &Value) -> PyResult<Template> {
    let (chars, foreign): (Vec<char>, bool) = match repl {
        Value::Str(s) => (s.as_str().chars().collect(), st.bytes),
        other => match vm.buffer_bytes(other) {
            Some(b) => (b.iter().map(|&c| c as char).collect(), !st.bytes),
            None => {
                return Err(vm.type_error(format!(
                    "decoding to str: need a bytes-like object, {} found",
                    vm.type_name(other)
                )))
            }
        },
    };
    if !chars.contains(&'\\') {
        let pieces = vec![Piece::Literal(chars.into_iter().collect())];
        return Ok(Template { pieces, foreign });
    }
    let pieces = parse_template(&chars, st).map_err(|e| match e {
        TemplateError::Syntax(msg, pos) => regex_error(vm, &msg, repl, Some(pos)),
        TemplateError::UnknownName(n) => vm.index_error(format!("unknown group name '{n}'")),
    })?;
    Ok(Template { pieces, foreign })
}

/// CPython's error for item `index` of the joined result being of the wrong kind.
fn wrong_item(vm: &Vm, st: &PatternState, index: usize, item: &Value) -> crate::object::ExcRef {
    let expected = if st.bytes {
        "a bytes-like object"
    } else {
        "str instance"
    };
    vm.type_error(format!(
        "sequence item {index}: expected {expected}, {} found",
        vm.type_name(item)
    ))
}

/// `Match.expand(template)`.
pub fn expand(vm: &mut Vm, m: &MatchState, template_value: &Value) -> PyResult {
    let Some(st) = super::pattern::state(&m.pattern) else {
        return Err(vm.type_error("expand() on a match without a pattern"));
    };
    let template = compile_template(vm, st, template_value)?;
    if template.foreign {
        return Err(wrong_item(vm, st, 0, template_value));
    }
    let text = m.subject.text();
    let mut out = String::new();
    for p in &template.pieces {
        match p {
            Piece::Literal(s) => out.push_str(s),
            Piece::Group(g) => {
                if let Some((a, b)) = m.spans.get(*g).copied().flatten() {
                    out.push_str(&text[a..b]);
                }
            }
        }
    }
    Ok(finish_text(st.bytes, out))
}

/// Appends what a replacement function returned (None adds nothing); `index` is the
/// item's place in CPython's list of pieces, for the error.
fn push_returned(
    vm: &Vm,
    st: &PatternState,
    out: &mut String,
    v: &Value,
    index: usize,
) -> PyResult<()> {
    match v {
        Value::None => Ok(()),
        Value::Str(s) if !st.bytes => {
            out.push_str(s.as_str());
            Ok(())
        }
        other => match vm.buffer_bytes(other) {
            Some(b) if st.bytes => {
                out.extend(b.iter().map(|&c| c as char));
                Ok(())
            }
            _ => Err(wrong_item(vm, st, index, other)),
        },
    }
}

/// The substitution itself: the new text and the number of replacements.
fn substitute(vm: &mut Vm, args: &Args, name: &'static str) -> PyResult<(Value, i64)> {
    let (st, pattern) = this(vm, args, name)?;
    let [repl, string, count] = Clinic::new(name, &["repl", "string", "count"])
        .required(2)
        .bind(
            vm,
            &Args {
                values: &args.values[1..],
                kwnames: args.kwnames,
            },
        )?;
    let (repl, string) = (repl.unwrap_or(Value::None), string.unwrap_or(Value::None));
    let count = match &count {
        Some(v) => crate::native::ssize(vm, v)?,
        None => 0,
    };
    let scan = Scan::new(vm, st, &string, None, None)?;
    let callable = !matches!(repl, Value::Str(_) | Value::Bytes(_)) && vm.is_callable(&repl);
    let template = if callable {
        None
    } else {
        Some(compile_template(vm, st, &repl)?)
    };
    let pieces = template.as_ref().map_or(&[][..], |t| &t.pieces[..]);
    let foreign = template.as_ref().is_some_and(|t| t.foreign);
    let needs_groups = callable
        || pieces
            .iter()
            .any(|p| matches!(p, Piece::Group(g) if *g > 0));
    // How many items CPython's list of pieces holds so far (for its join errors).
    let mut items = 0usize;
    let text = scan.text();
    let mut out = String::new();
    let (mut at, mut last, mut must, mut n) = (0usize, 0usize, false, 0i64);
    while count == 0 || n < count {
        if count < 0 {
            break;
        }
        let Some(spans) = st.scan(vm, text, at, must, needs_groups)? else {
            break;
        };
        let (b, e) = spans[0].unwrap_or((at, at));
        out.push_str(&text[last..b]);
        items += usize::from(last < b);
        if callable {
            let m = new_match(vm, pattern.clone(), &scan, spans)?;
            let r = vm.call(&repl, &[m])?;
            push_returned(vm, st, &mut out, &r, items)?;
            items += usize::from(!r.is_none());
        } else if foreign {
            return Err(wrong_item(vm, st, items, &repl));
        } else {
            items += 1;
            for p in pieces {
                match p {
                    Piece::Literal(s) => out.push_str(s),
                    Piece::Group(g) => {
                        if let Some((x, y)) = spans.get(*g).copied().flatten() {
                            out.push_str(&text[x..y]);
                        }
                    }
                }
            }
        }
        n += 1;
        must = b == e;
        last = e;
        at = e;
    }
    if n == 0 && matches!(string, Value::Str(_) | Value::Bytes(_)) {
        return Ok((string, 0));
    }
    out.push_str(&text[last..]);
    Ok((finish_text(st.bytes, out), n))
}

pub fn sub(vm: &mut Vm, args: Args) -> PyResult {
    Ok(substitute(vm, &args, "sub")?.0)
}

pub fn subn(vm: &mut Vm, args: Args) -> PyResult {
    let (v, n) = substitute(vm, &args, "subn")?;
    Ok(Value::tuple(vec![v, Value::int(n)]))
}
