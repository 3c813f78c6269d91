//! `re.Match`: the result of a successful match — its groups, their spans, and the
//! attributes CPython gives it (`string`, `re`, `pos`, `endpos`, `lastindex`,
//! `lastgroup`, `regs`).
//!
//! A match keeps the engine's byte spans (to slice the subject without walking it) and
//! the Python indices of each span, computed once when the match is made.

use super::pattern::{state as pattern_state, Scan, Spans};
use super::subject::Subject;
use crate::native::{self, add_methods, Clinic, Sig};
use crate::object::class::Class;
use crate::object::function::{Args, NativeFn};
use crate::object::{NativeData, Object, Payload, Value};
use crate::vm::{PyResult, Vm};
use std::rc::Rc;

pub struct MatchState {
    /// The `re.Pattern` that matched.
    pub pattern: Value,
    pub subject: Rc<Subject>,
    pub spans: Spans,
    /// `spans` in Python indices.
    indices: Vec<Option<(usize, usize)>>,
    pos: usize,
    endpos: usize,
}

impl NativeData for MatchState {
    fn traverse(&self, f: &mut dyn FnMut(&Value)) {
        f(&self.pattern);
        f(&self.subject.value);
    }

    fn repr(&self, vm: &mut Vm, _: &Value) -> Option<PyResult<String>> {
        let (a, b) = self.indices[0].unwrap_or((0, 0));
        let text = self.group_value(0, Value::None);
        Some(vm.repr(&text).map(|r| {
            let r: String = r.chars().take(50).collect();
            format!("<re.Match object; span=({a}, {b}), match={r}>")
        }))
    }

    fn special_attr(&self, _: &mut Vm, _: &Value, name: &str) -> Option<Value> {
        Some(match name {
            "string" => self.subject.value.clone(),
            "re" => self.pattern.clone(),
            "pos" => Value::int(self.pos as i64),
            "endpos" => Value::int(self.endpos as i64),
            "lastindex" => self
                .last_index()
                .map_or(Value::None, |g| Value::int(g as i64)),
            "lastgroup" => {
                let g = self.last_index();
                let st = pattern_state(&self.pattern)?;
                match st.names.iter().find(|(_, i)| Some(*i) == g) {
                    Some((n, _)) => Value::str(n.as_str()),
                    None => Value::None,
                }
            }
            "regs" => Value::tuple(
                (0..self.indices.len())
                    .map(|g| {
                        let (a, b) = self.span(g);
                        Value::tuple(vec![Value::int(a), Value::int(b)])
                    })
                    .collect(),
            ),
            _ => return None,
        })
    }
}

impl MatchState {
    /// The text of group `g`, or `default` when it did not participate.
    pub fn group_value(&self, g: usize, default: Value) -> Value {
        match self.spans.get(g).copied().flatten() {
            Some((a, b)) => self.subject.slice(a, b),
            None => default,
        }
    }

    fn span(&self, g: usize) -> (i64, i64) {
        match self.indices.get(g).copied().flatten() {
            Some((a, b)) => (a as i64, b as i64),
            None => (-1, -1),
        }
    }

    /// The group closed last: the one ending furthest right, and of those the one
    /// whose `)` comes last in the pattern.
    fn last_index(&self) -> Option<usize> {
        let st = pattern_state(&self.pattern)?;
        (1..self.spans.len())
            .filter_map(|g| {
                self.spans[g].map(|(_, e)| (e, st.close_rank.get(g).copied().unwrap_or(0), g))
            })
            .max()
            .map(|(_, _, g)| g)
    }

    /// The number of the group `index` names (an int, or a group name).
    fn group_index(&self, vm: &mut Vm, index: &Value) -> PyResult<usize> {
        let n = self.spans.len();
        let i = match index {
            Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
                native::ssize(vm, index).unwrap_or(-1)
            }
            Value::Str(s) => pattern_state(&self.pattern)
                .and_then(|st| st.names.iter().find(|(name, _)| name == s.as_str()))
                .map_or(-1, |(_, g)| *g as i64),
            Value::Object(_) => native::ssize(vm, index).unwrap_or(-1),
            _ => -1,
        };
        if i < 0 || i as usize >= n {
            return Err(vm.index_error("no such group"));
        }
        Ok(i as usize)
    }
}

pub fn state(v: &Value) -> Option<&MatchState> {
    match v {
        Value::Object(o) => o.native::<MatchState>(),
        _ => None,
    }
}

/// A new `re.Match` for `spans` found in `scan` by `pattern`.
pub fn new_match(vm: &mut Vm, pattern: Value, scan: &Scan, spans: Spans) -> PyResult {
    let subject = scan.subject.clone();
    let indices = spans
        .iter()
        .map(|s| s.map(|(a, b)| (subject.index_of(a), subject.index_of(b))))
        .collect();
    let st = MatchState {
        pattern,
        subject,
        spans,
        indices,
        pos: scan.pos,
        endpos: scan.endpos,
    };
    let class = super::classes(vm)?.matches.clone();
    Ok(Value::Object(Object::new(
        class,
        Payload::Native(Box::new(st)),
    )))
}

pub(super) fn register(vm: &mut Vm, class: &Rc<Class>) {
    let table: &[(&'static str, NativeFn)] = &[
        ("group", group),
        ("__getitem__", getitem),
        ("groups", groups),
        ("groupdict", groupdict),
        ("start", start),
        ("end", end),
        ("span", span),
        ("expand", expand),
        ("__copy__", copy),
        ("__deepcopy__", copy),
    ];
    add_methods(vm, class, table);
    native::constructor(vm, class, no_new);
}

fn no_new(vm: &mut Vm, _: Args) -> PyResult {
    Err(vm.type_error("cannot create 're.Match' instances"))
}

fn this<'a>(vm: &Vm, args: &Args<'a>, name: &str) -> PyResult<&'a MatchState> {
    native::self_arg(vm, ("re.Match", name), Sig::NoArgs, args, state)
}

fn group(vm: &mut Vm, args: Args) -> PyResult {
    let st = this(vm, &args, "group")?;
    native::no_kwargs(vm, "group", &args)?;
    let rest = &args.values[1..];
    if rest.is_empty() {
        return Ok(st.group_value(0, Value::None));
    }
    let mut out = Vec::with_capacity(rest.len());
    for g in rest {
        let i = st.group_index(vm, g)?;
        out.push(st.group_value(i, Value::None));
    }
    Ok(if out.len() == 1 {
        out.pop().unwrap_or(Value::None)
    } else {
        Value::tuple(out)
    })
}

fn getitem(vm: &mut Vm, args: Args) -> PyResult {
    let st = this(vm, &args, "__getitem__")?;
    let g = native::method_args(vm, ("re.Match", "__getitem__"), Sig::One, &args)?;
    let i = st.group_index(vm, &g[0])?;
    Ok(st.group_value(i, Value::None))
}

/// The `default` argument of `groups()` and `groupdict()`.
fn default_arg(vm: &Vm, args: &Args, name: &str) -> PyResult<Value> {
    let [d] = Clinic::new(name, &["default"]).bind(
        vm,
        &Args {
            values: &args.values[1..],
            kwnames: args.kwnames,
        },
    )?;
    Ok(d.unwrap_or(Value::None))
}

fn groups(vm: &mut Vm, args: Args) -> PyResult {
    let st = this(vm, &args, "groups")?;
    let default = default_arg(vm, &args, "groups")?;
    Ok(Value::tuple(
        (1..st.spans.len())
            .map(|g| st.group_value(g, default.clone()))
            .collect(),
    ))
}

fn groupdict(vm: &mut Vm, args: Args) -> PyResult {
    let st = this(vm, &args, "groupdict")?;
    let default = default_arg(vm, &args, "groupdict")?;
    let names = pattern_state(&st.pattern)
        .map(|p| p.names.clone())
        .unwrap_or_default();
    let pairs = names
        .into_iter()
        .flat_map(|(n, g)| [Value::str(n), st.group_value(g, default.clone())])
        .collect();
    vm.new_dict_from_pairs(pairs)
}

/// The group a `start`/`end`/`span` call names (group 0 by default).
fn span_group(vm: &mut Vm, args: &Args, name: &str) -> PyResult<(i64, i64)> {
    let st = this(vm, args, name)?;
    let a = native::method_args(vm, ("re.Match", name), Sig::Range(0, 1), args)?;
    let g = match a.first() {
        Some(v) => st.group_index(vm, v)?,
        None => 0,
    };
    Ok(st.span(g))
}

fn start(vm: &mut Vm, args: Args) -> PyResult {
    Ok(Value::int(span_group(vm, &args, "start")?.0))
}

fn end(vm: &mut Vm, args: Args) -> PyResult {
    Ok(Value::int(span_group(vm, &args, "end")?.1))
}

fn span(vm: &mut Vm, args: Args) -> PyResult {
    let (a, b) = span_group(vm, &args, "span")?;
    Ok(Value::tuple(vec![Value::int(a), Value::int(b)]))
}

fn expand(vm: &mut Vm, args: Args) -> PyResult {
    let st = this(vm, &args, "expand")?;
    let t = native::method_args(vm, ("re.Match", "expand"), Sig::One, &args)?;
    super::replace::expand(vm, st, &t[0])
}

fn copy(vm: &mut Vm, args: Args) -> PyResult {
    let _ = this(vm, &args, "__copy__")?;
    Ok(args.values[0].clone())
}
