//! What a suspended task is doing: the chain of coroutines from the task's own down to
//! the one awaiting a future (`main` → `worker` → `Event.wait`), each suspended at a
//! line. Traces name a wait after the innermost one; the stuck-program report shows the
//! chain and looks through its frames for who else can reach what the task waits on.

use crate::object::{GenState, Generator, Value};
use crate::vm::Vm;
use std::rc::Rc;

/// The deepest chain followed: awaits nest as deep as a program's calls, and a
/// pathological one must not stall a report.
const MAX_DEPTH: usize = 1000;

/// One coroutine of the chain, where it is suspended.
pub struct Link {
    pub coro: Rc<Generator>,
    pub qualname: String,
    pub filename: String,
    pub line: u32,
}

impl Link {
    /// Whether the coroutine is the standard library's (frozen into the binary).
    pub fn is_library(&self) -> bool {
        self.filename.starts_with("<frozen ")
    }

    /// The source text of the line it is suspended at, trimmed ("" if unknown).
    pub fn source(&self) -> String {
        self.coro
            .code()
            .source
            .quoted_line(self.line)
            .trim()
            .to_string()
    }

    /// `FILE:LINE: source text`, or `FILE:LINE` when the text is not known (code typed
    /// at the prompt).
    pub fn place(&self) -> String {
        let source = self.source();
        if source.is_empty() {
            format!("{}:{}", self.filename, self.line)
        } else {
            format!("{}:{}: {source}", self.filename, self.line)
        }
    }
}

impl Vm {
    /// The suspended coroutines of the chain that starts at `coro`, outermost first;
    /// empty when `coro` is not a suspended coroutine.
    pub fn await_chain(&self, coro: &Value) -> Vec<Link> {
        let mut chain = Vec::new();
        let Value::Generator(g) = coro else {
            return chain;
        };
        let mut g = g.clone();
        while chain.len() < MAX_DEPTH && g.state.get() == GenState::Suspended {
            let line = match g.frame.borrow().as_ref() {
                Some(f) => f.line(),
                None => break,
            };
            chain.push(Link {
                coro: g.clone(),
                qualname: g.qualname.borrow().as_str().to_string(),
                filename: g.code().filename().to_string(),
                line,
            });
            match self.generator_awaiting(&g) {
                Value::Generator(inner) => g = inner,
                _ => break,
            }
        }
        chain
    }
}

/// The values a suspended coroutine's frame holds: its locals and the contents of its
/// cells (name, value), for finding who can reach an object.
pub fn frame_values(g: &Generator) -> Vec<(String, Value)> {
    let frame = g.frame.borrow();
    let Some(f) = frame.as_ref() else {
        return Vec::new();
    };
    let code = &f.code;
    let mut out: Vec<(String, Value)> = f
        .locals
        .iter()
        .zip(code.varnames.iter())
        .filter(|(v, _)| !v.is_null())
        .map(|(v, name)| (name.as_str().to_string(), v.clone()))
        .collect();
    let cell_names = code.cellvars.iter().chain(code.freevars.iter());
    for (cell, name) in f.cells.iter().zip(cell_names) {
        let v = cell.value.borrow().clone();
        if !v.is_null() {
            out.push((name.as_str().to_string(), v));
        }
    }
    out
}
