//! `re.Pattern`: compiling a pattern, running it, and the methods that scan
//! (`match`, `fullmatch`, `search`, `findall`, `finditer`, `split`).
//!
//! Scans follow CPython's rule for empty matches: after an empty match the next one
//! must not be empty at the same position (`must_advance`), so `re.split('x*', 'axb')`
//! gives `['', 'a', '', 'b', '']` as in Python 3.7+. `pos` and `endpos` behave as in
//! CPython: the text is cut at `endpos` (so `$` matches there), while `^` and
//! look-behinds still see the text before `pos`.

use super::matches::new_match;
use super::parse::{flag, parse, ParseError};
use super::subject::{finish_text, Subject};
use super::{classes, emit, regex_error};
use crate::native::{self, add_methods, Clinic, Sig};
use crate::object::class::Class;
use crate::object::function::{Args, NativeFn};
use crate::object::iterator::IterState;
use crate::object::native_iter::NativeStep;
use crate::object::{NativeData, NativeIter, Value};
use crate::vm::{PyResult, Vm};
use fancy_regex::{Regex, RegexBuilder, RegexInput};
use std::cell::{OnceCell, RefCell};
use std::rc::Rc;

/// Backtracking steps one match attempt may take before it fails with RuntimeError.
/// CPython has no limit (a catastrophic pattern runs for hours); this one stops such a
/// pattern in seconds with an error instead of an uninterruptible hang.
const BACKTRACK_LIMIT: usize = 200_000_000;

/// Byte spans of group 0 and the capturing groups (None: did not participate).
pub type Spans = Vec<Option<(usize, usize)>>;

/// How a pattern is applied at a position.
#[derive(Clone, Copy, PartialEq)]
pub enum Mode {
    Search,
    /// Anchored at the position (`match`).
    Match,
    /// Anchored, and ending at the end (`fullmatch`).
    Full,
    /// Anchored, and not empty (a scan's retry after an empty match).
    NonEmpty,
}

/// A compiled pattern (`Payload::Native` of a `re.Pattern`).
pub struct PatternState {
    /// The pattern as given (`Pattern.pattern`).
    pub source: Value,
    pub flags: u32,
    pub groups: usize,
    pub names: Vec<(String, usize)>,
    pub close_rank: Vec<usize>,
    pub bytes: bool,
    regex: Regex,
    /// The engine's pattern, kept to build the `fullmatch` form on first use.
    emitted: String,
    full: OnceCell<Regex>,
    non_empty: OnceCell<Regex>,
}

impl NativeData for PatternState {
    fn traverse(&self, _: &mut dyn FnMut(&Value)) {}

    fn repr(&self, vm: &mut Vm, _: &Value) -> Option<PyResult<String>> {
        Some(self.repr(vm))
    }

    fn special_attr(&self, vm: &mut Vm, _: &Value, name: &str) -> Option<Value> {
        Some(match name {
            "pattern" => self.source.clone(),
            "flags" => Value::int(i64::from(self.flags)),
            "groups" => Value::int(self.groups as i64),
            "groupindex" => {
                let pairs: Vec<Value> = self
                    .names
                    .iter()
                    .flat_map(|(n, g)| [Value::str(n.as_str()), Value::int(*g as i64)])
                    .collect();
                return vm.new_dict_from_pairs(pairs).ok();
            }
            _ => return None,
        })
    }
}

fn build(pattern: &str) -> Result<Regex, fancy_regex::Error> {
    RegexBuilder::new(pattern)
        .backtrack_limit(BACKTRACK_LIMIT)
        .delegate_size_limit(256 << 20)
        .delegate_dfa_size_limit(64 << 20)
        .build()
}

impl PatternState {
    /// The engine's regex for `mode`; the anchored variants are built on first use.
    fn regex(&self, mode: Mode) -> Result<&Regex, String> {
        let (cell, suffix) = match mode {
            Mode::Search | Mode::Match => return Ok(&self.regex),
            Mode::Full => (&self.full, r"\z"),
            // `\G` is where the (anchored) attempt started: the match must move past it.
            Mode::NonEmpty => (&self.non_empty, r"(?!\G)"),
        };
        if let Some(r) = cell.get() {
            return Ok(r);
        }
        let r = build(&format!("(?:{}){suffix}", self.emitted)).map_err(|e| e.to_string())?;
        Ok(cell.get_or_init(|| r))
    }

    /// Applies the pattern at byte `start` of `text`; the spans of every group when
    /// `groups`, else only group 0's.
    pub fn exec(
        &self,
        vm: &Vm,
        mode: Mode,
        text: &str,
        start: usize,
        groups: bool,
    ) -> PyResult<Option<Spans>> {
        if start > text.len() {
            return Ok(None);
        }
        let regex = self.regex(mode).map_err(|e| vm.runtime_error(e))?;
        let input = RegexInput::new(text)
            .from_pos(start)
            .anchored(mode != Mode::Search);
        let failed =
            |e: fancy_regex::Error| vm.runtime_error(format!("regular expression failed: {e}"));
        if !groups {
            let m = regex.find_input(input).map_err(failed)?;
            return Ok(m.map(|m| vec![Some((m.start(), m.end()))]));
        }
        let Some(caps) = regex.captures_input(input).map_err(failed)? else {
            return Ok(None);
        };
        Ok(Some(
            (0..=self.groups)
                .map(|i| caps.get(i).map(|m| (m.start(), m.end())))
                .collect(),
        ))
    }

    /// The next match of a scan at `start`: with `must_advance` (the previous match
    /// was empty and ended here) an empty match at `start` does not count.
    pub fn scan(
        &self,
        vm: &Vm,
        text: &str,
        start: usize,
        must_advance: bool,
        groups: bool,
    ) -> PyResult<Option<Spans>> {
        let found = self.exec(vm, Mode::Search, text, start, groups)?;
        if must_advance {
            if let Some(spans) = &found {
                if spans[0] == Some((start, start)) {
                    // CPython's engine backtracks into the pattern for a non-empty
                    // match here before it tries the next position.
                    if let Some(spans) = self.exec(vm, Mode::NonEmpty, text, start, groups)? {
                        return Ok(Some(spans));
                    }
                    let Some(c) = text[start..].chars().next() else {
                        return Ok(None);
                    };
                    return self.exec(vm, Mode::Search, text, start + c.len_utf8(), groups);
                }
            }
        }
        Ok(found)
    }

    fn repr(&self, vm: &mut Vm) -> PyResult<String> {
        let src = vm.repr(&self.source)?;
        let src: String = src.chars().take(200).collect();
        let mut flags = self.flags;
        if !self.bytes && flags & flag::TYPE == flag::UNICODE {
            flags &= !flag::UNICODE;
        }
        if flags == 0 {
            return Ok(format!("re.compile({src})"));
        }
        const NAMES: [(&str, u32); 9] = [
            ("re.TEMPLATE", flag::TEMPLATE),
            ("re.IGNORECASE", flag::IGNORECASE),
            ("re.LOCALE", flag::LOCALE),
            ("re.MULTILINE", flag::MULTILINE),
            ("re.DOTALL", flag::DOTALL),
            ("re.UNICODE", flag::UNICODE),
            ("re.VERBOSE", flag::VERBOSE),
            ("re.DEBUG", flag::DEBUG),
            ("re.ASCII", flag::ASCII),
        ];
        let mut parts: Vec<String> = Vec::new();
        for (name, bit) in NAMES {
            if flags & bit != 0 {
                parts.push(name.to_string());
                flags &= !bit;
            }
        }
        if flags != 0 {
            parts.push(format!("0x{flags:x}"));
        }
        Ok(format!("re.compile({src}, {})", parts.join("|")))
    }
}

/// The pattern state of `v`.
pub fn state(v: &Value) -> Option<&PatternState> {
    match v {
        Value::Object(o) => o.native::<PatternState>(),
        _ => None,
    }
}

/// `_re.compile(pattern, flags)`.
pub fn compile(vm: &mut Vm, args: Args) -> PyResult {
    let a = native::function_args(vm, "compile", Sig::Range(2, 2), &args)?;
    let (source, flags) = (a[0].clone(), native::c_int(vm, &a[1])?);
    let flags = flags as u32;
    let (chars, bytes): (Vec<char>, bool) = match &source {
        Value::Str(s) => (s.as_str().chars().collect(), false),
        other => match vm.buffer_bytes(other) {
            Some(b) => (b.iter().map(|&c| c as char).collect(), true),
            None => return Err(vm.type_error("first argument must be string or compiled pattern")),
        },
    };
    let parsed = match parse(&chars, flags, !bytes) {
        Ok(p) => p,
        Err(ParseError::Syntax { msg, pos }) => return Err(regex_error(vm, &msg, &source, pos)),
        Err(ParseError::Overflow(m)) => return Err(vm.overflow_error(m)),
        Err(ParseError::Value(m)) => return Err(vm.value_error(m)),
        Err(ParseError::Recursion) => return Err(vm.recursion_error()),
    };
    let emitted = emit::emit(&parsed.node);
    let regex = match build(&emitted) {
        Ok(r) => r,
        Err(e) => {
            let msg = format!("pattern too complex for apy's engine: {e}");
            return Err(regex_error(vm, &msg, &source, None));
        }
    };
    let state = PatternState {
        source,
        flags: parsed.flags,
        groups: parsed.groups,
        names: parsed.names,
        close_rank: parsed.close_rank,
        bytes,
        regex,
        emitted,
        full: OnceCell::new(),
        non_empty: OnceCell::new(),
    };
    let class = classes(vm)?.pattern.clone();
    Ok(Value::Object(crate::object::Object::new(
        class,
        crate::object::Payload::Native(Box::new(state)),
    )))
}

pub(super) fn register(vm: &mut Vm, class: &Rc<Class>) {
    let table: &[(&'static str, NativeFn)] = &[
        ("match", pattern_match),
        ("fullmatch", pattern_fullmatch),
        ("search", pattern_search),
        ("findall", findall),
        ("finditer", finditer),
        ("split", split),
        ("sub", super::replace::sub),
        ("subn", super::replace::subn),
        ("__eq__", eq),
        ("__hash__", hash),
        ("__copy__", copy),
        ("__deepcopy__", deepcopy),
    ];
    add_methods(vm, class, table);
    native::constructor(vm, class, no_new);
}

fn no_new(vm: &mut Vm, _: Args) -> PyResult {
    Err(vm.type_error("cannot create 're.Pattern' instances"))
}

/// The pattern a method was called on.
pub fn this<'a>(vm: &Vm, args: &Args<'a>, name: &str) -> PyResult<(&'a PatternState, Value)> {
    let st = native::self_arg(vm, ("re.Pattern", name), Sig::NoArgs, args, state)?;
    Ok((st, args.values[0].clone()))
}

/// `pos` and `endpos` clamped into the subject as CPython clamps them.
fn window(
    vm: &mut Vm,
    len: usize,
    pos: Option<&Value>,
    endpos: Option<&Value>,
) -> PyResult<(usize, usize)> {
    let clamp = |v: i64| v.clamp(0, len as i64) as usize;
    let pos = match pos {
        Some(v) => clamp(native::ssize(vm, v)?),
        None => 0,
    };
    let endpos = match endpos {
        Some(v) => clamp(native::ssize(vm, v)?),
        None => len,
    };
    Ok((pos, endpos))
}

/// A subject and its window: the text cut at `endpos` and the byte offset of `pos`.
pub struct Scan {
    pub subject: Rc<Subject>,
    pub pos: usize,
    pub endpos: usize,
    pub start: usize,
    pub end: usize,
}

impl Scan {
    pub fn new(
        vm: &mut Vm,
        st: &PatternState,
        string: &Value,
        pos: Option<&Value>,
        endpos: Option<&Value>,
    ) -> PyResult<Scan> {
        let subject = Subject::new(vm, string, st.bytes)?;
        let (pos, endpos) = window(vm, subject.len(), pos, endpos)?;
        let end = subject.offset_of(endpos);
        let start = if pos > endpos {
            end + 1
        } else {
            subject.offset_of(pos)
        };
        Ok(Scan {
            subject: Rc::new(subject),
            pos,
            endpos,
            start,
            end,
        })
    }

    pub fn text(&self) -> &str {
        &self.subject.text()[..self.end]
    }
}

const WINDOW_PARAMS: &[&str] = &["string", "pos", "endpos"];

fn run_one(vm: &mut Vm, args: Args, name: &'static str, mode: Mode) -> PyResult {
    let (st, this) = this(vm, &args, name)?;
    let [string, pos, endpos] = Clinic::new(name, WINDOW_PARAMS).required(1).bind(
        vm,
        &Args {
            values: &args.values[1..],
            kwnames: args.kwnames,
        },
    )?;
    let string = string.unwrap_or(Value::None);
    let scan = Scan::new(vm, st, &string, pos.as_ref(), endpos.as_ref())?;
    if scan.start > scan.end {
        return Ok(Value::None);
    }
    match st.exec(vm, mode, scan.text(), scan.start, true)? {
        Some(spans) => new_match(vm, this, &scan, spans),
        None => Ok(Value::None),
    }
}

fn pattern_match(vm: &mut Vm, args: Args) -> PyResult {
    run_one(vm, args, "match", Mode::Match)
}

fn pattern_fullmatch(vm: &mut Vm, args: Args) -> PyResult {
    run_one(vm, args, "fullmatch", Mode::Full)
}

fn pattern_search(vm: &mut Vm, args: Args) -> PyResult {
    run_one(vm, args, "search", Mode::Search)
}

fn rest<'a>(args: &Args<'a>) -> Args<'a> {
    Args {
        values: &args.values[1..],
        kwnames: args.kwnames,
    }
}

/// `findall` (every match's group 0, its only group, or a tuple of its groups).
fn findall(vm: &mut Vm, args: Args) -> PyResult {
    let (st, _) = this(vm, &args, "findall")?;
    let [string, pos, endpos] = Clinic::new("findall", WINDOW_PARAMS)
        .required(1)
        .bind(vm, &rest(&args))?;
    let string = string.unwrap_or(Value::None);
    let scan = Scan::new(vm, st, &string, pos.as_ref(), endpos.as_ref())?;
    let text = scan.text();
    let subject = &scan.subject;
    let empty = || finish_text(st.bytes, String::new());
    let group_value = |sp: Option<(usize, usize)>| match sp {
        Some((a, b)) => subject.slice(a, b),
        None => empty(),
    };
    let mut out = Vec::new();
    let (mut at, mut must) = (scan.start, false);
    while at <= text.len() {
        let Some(spans) = st.scan(vm, text, at, must, st.groups > 0)? else {
            break;
        };
        out.push(match st.groups {
            0 => group_value(spans[0]),
            1 => group_value(spans[1]),
            _ => Value::tuple(spans[1..].iter().map(|&s| group_value(s)).collect()),
        });
        let (b, e) = spans[0].unwrap_or((at, at));
        must = b == e;
        at = e;
    }
    Ok(Value::list(out))
}

/// `split(string, maxsplit=0)`.
fn split(vm: &mut Vm, args: Args) -> PyResult {
    let (st, _) = this(vm, &args, "split")?;
    let [string, maxsplit] = Clinic::new("split", &["string", "maxsplit"])
        .required(1)
        .bind(vm, &rest(&args))?;
    let string = string.unwrap_or(Value::None);
    let maxsplit = match &maxsplit {
        Some(v) => native::ssize(vm, v)?,
        None => 0,
    };
    let scan = Scan::new(vm, st, &string, None, None)?;
    let text = scan.text();
    let subject = &scan.subject;
    let mut out = Vec::new();
    let (mut at, mut last, mut must, mut n) = (0, 0, false, 0i64);
    while maxsplit == 0 || n < maxsplit {
        let Some(spans) = st.scan(vm, text, at, must, st.groups > 0)? else {
            break;
        };
        let (b, e) = spans[0].unwrap_or((at, at));
        out.push(subject.slice(last, b));
        for sp in &spans[1..] {
            out.push(sp.map_or(Value::None, |(x, y)| subject.slice(x, y)));
        }
        n += 1;
        must = b == e;
        last = e;
        at = e;
    }
    out.push(subject.slice(last, text.len()));
    Ok(Value::list(out))
}

/// The state of a `finditer` iterator.
pub struct ScanIter {
    pattern: Value,
    scan: Scan,
    at: usize,
    must_advance: bool,
    done: bool,
}

impl NativeIter for ScanIter {
    fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        f(&self.pattern);
    }

    fn step_fn(&self) -> NativeStep {
        scan_step
    }
}

fn scan_step(vm: &mut Vm, cell: &RefCell<IterState>) -> PyResult<Option<Value>> {
    let mut guard = cell
        .try_borrow_mut()
        .map_err(|_| vm.value_error("generator already executing"))?;
    let Some(it) = guard.native_mut::<ScanIter>() else {
        return Ok(None);
    };
    if it.done {
        return Ok(None);
    }
    let Some(st) = state(&it.pattern) else {
        return Ok(None);
    };
    let found = st.scan(vm, it.scan.text(), it.at, it.must_advance, true)?;
    let Some(spans) = found else {
        it.done = true;
        return Ok(None);
    };
    let (b, e) = spans[0].unwrap_or((it.at, it.at));
    it.must_advance = b == e;
    it.at = e;
    let pattern = it.pattern.clone();
    let m = new_match(vm, pattern, &it.scan, spans)?;
    Ok(Some(m))
}

fn finditer(vm: &mut Vm, args: Args) -> PyResult {
    let (st, this) = this(vm, &args, "finditer")?;
    let [string, pos, endpos] = Clinic::new("finditer", WINDOW_PARAMS)
        .required(1)
        .bind(vm, &rest(&args))?;
    let string = string.unwrap_or(Value::None);
    let scan = Scan::new(vm, st, &string, pos.as_ref(), endpos.as_ref())?;
    let done = scan.start > scan.end;
    let at = scan.start;
    let it = ScanIter {
        pattern: this,
        scan,
        at,
        must_advance: false,
        done,
    };
    let class = classes(vm)?.scan_iter.clone();
    Ok(vm.new_iterator(&class, IterState::Native(Box::new(it))))
}

pub(super) fn register_iterator(vm: &mut Vm, class: &Rc<Class>) {
    add_methods(
        vm,
        class,
        &[("__iter__", iter_self), ("__next__", iter_next)],
    );
}

fn iter_self(_vm: &mut Vm, args: Args) -> PyResult {
    Ok(args.values.first().cloned().unwrap_or(Value::None))
}

fn iter_next(vm: &mut Vm, args: Args) -> PyResult {
    let it = args.values.first().cloned().unwrap_or(Value::None);
    match vm.iter_next(&it)? {
        Some(v) => Ok(v),
        None => Err(vm.stop_iteration(Value::None)),
    }
}

fn eq(vm: &mut Vm, args: Args) -> PyResult {
    let (st, _) = this(vm, &args, "__eq__")?;
    let other = args.values.get(1).cloned().unwrap_or(Value::None);
    let Some(o) = state(&other) else {
        return Ok(Value::NotImplemented);
    };
    if st.flags != o.flags || st.bytes != o.bytes {
        return Ok(Value::bool(false));
    }
    let same = vm.eq(&st.source, &o.source)?;
    Ok(Value::bool(same))
}

fn hash(vm: &mut Vm, args: Args) -> PyResult {
    let (st, _) = this(vm, &args, "__hash__")?;
    let h = vm.hash(&st.source)?;
    let h = h ^ i64::from(st.flags);
    Ok(Value::int(if h == -1 { -2 } else { h }))
}

fn copy(vm: &mut Vm, args: Args) -> PyResult {
    let (_, this) = this(vm, &args, "__copy__")?;
    Ok(this)
}

fn deepcopy(vm: &mut Vm, args: Args) -> PyResult {
    let (_, this) = this(vm, &args, "__deepcopy__")?;
    Ok(this)
}
