//! Collecting the lines of one REPL input: deciding after each line whether the input
//! is complete (run it), unfinished (show `... ` and read more) or wrong (report it).
//!
//! The decision comes from the parser, not from looking at the text: an input is
//! unfinished exactly when parsing it stops at its end (see
//! [`crate::parser::parse_interactive`]). On top of that come the two rules of CPython's
//! interactive mode that are about lines rather than syntax:
//!
//! - a compound statement (`if`, `def`, `for`, even on one line) goes on until an empty
//!   line, since the next line could still add to its block or an `else:`;
//! - one input is one statement: after a finished compound statement, a line at the left
//!   margin that does not continue it (`else`, `elif`, `except`, `finally`) is an error,
//!   where a file would simply start its next statement.

use crate::ast::{Module, Stmt, StmtKind};
use crate::diagnostic::Diagnostic;
use crate::parser::{parse_interactive, parse_module, InteractiveParse};
use crate::source::{SourceFile, Span};
use std::rc::Rc;

/// The name CPython gives interactive input in tracebacks and diagnostics.
pub const INPUT_NAME: &str = "<stdin>";

/// A complete input, parsed.
pub struct Input {
    pub source: Rc<SourceFile>,
    pub module: Module,
}

/// What to do after a line.
pub enum Feed {
    /// Nothing to run: a blank or comment-only line at the `>>> ` prompt.
    Nothing,
    /// The input is unfinished: read another line (prompt `... `).
    More,
    /// A complete input to run.
    Run(Input),
    /// A syntax error in the input, to report against its source.
    Error(Rc<SourceFile>, Diagnostic),
}

/// The lines of the input being typed.
#[derive(Default)]
pub struct InputBuffer {
    lines: Vec<String>,
    /// The lines so far are one finished compound statement: it ends at an empty line.
    compound_done: bool,
}

impl InputBuffer {
    pub fn new() -> InputBuffer {
        InputBuffer::default()
    }

    /// Whether no input is in progress (the prompt is then `>>> `).
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Forgets the input in progress (Ctrl-C at the prompt).
    pub fn clear(&mut self) {
        self.lines.clear();
        self.compound_done = false;
    }

    /// Adds one line (without its line terminator).
    pub fn push(&mut self, line: &str) -> Feed {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if self.compound_done && starts_new_statement(line) {
            let start: usize = self.lines.iter().map(|l| l.len() + 1).sum();
            self.lines.push(line.to_string());
            let width = line.chars().next().map_or(0, char::len_utf8);
            let source = self.source();
            self.clear();
            let diag = Diagnostic::syntax("invalid syntax", Span::new(start, start + width));
            return Feed::Error(source, diag);
        }
        self.lines.push(line.to_string());
        let ended_by_empty_line = line.is_empty() && self.lines.len() > 1;
        let source = self.source();
        match parse_interactive(&source) {
            InteractiveParse::Complete(module) => {
                if module.body.is_empty() {
                    self.clear();
                    return Feed::Nothing;
                }
                if !ended_by_empty_line && module.body.first().is_some_and(is_compound) {
                    self.compound_done = true;
                    return Feed::More;
                }
                self.clear();
                match extra_statement(&module) {
                    Some(span) => Feed::Error(source, Diagnostic::syntax("invalid syntax", span)),
                    None => Feed::Run(Input { source, module }),
                }
            }
            InteractiveParse::InsideToken => {
                self.compound_done = false;
                Feed::More
            }
            InteractiveParse::NeedsMore(diag) => {
                self.compound_done = false;
                if ended_by_empty_line {
                    self.clear();
                    Feed::Error(source, diag)
                } else {
                    Feed::More
                }
            }
            InteractiveParse::Invalid(diag) => {
                self.clear();
                Feed::Error(source, diag)
            }
        }
    }

    /// Ends the input in progress at end of input (Ctrl-D, end of the piped text): what
    /// is there runs if it is complete, else its error is what a file would get.
    pub fn finish(&mut self) -> Feed {
        if self.lines.is_empty() {
            return Feed::Nothing;
        }
        let source = self.source();
        self.clear();
        match parse_module(&source) {
            Ok(module) if module.body.is_empty() => Feed::Nothing,
            Ok(module) => match extra_statement(&module) {
                Some(span) => Feed::Error(source, Diagnostic::syntax("invalid syntax", span)),
                None => Feed::Run(Input { source, module }),
            },
            Err(diag) => Feed::Error(source, diag),
        }
    }

    fn source(&self) -> Rc<SourceFile> {
        let mut text = self.lines.join("\n");
        text.push('\n');
        Rc::new(SourceFile::new(INPUT_NAME, text))
    }
}

/// Blank for the tokenizer: only whitespace, or a comment.
fn is_blank(line: &str) -> bool {
    let t = line.trim_start_matches([' ', '\t', '\x0c']);
    t.is_empty() || t.starts_with('#')
}

/// A line at the left margin that begins a statement of its own, rather than an empty
/// or blank line, an indented line of the block, or a clause of the same statement.
fn starts_new_statement(line: &str) -> bool {
    if line.starts_with([' ', '\t', '\x0c']) || is_blank(line) {
        return false;
    }
    let word = line
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .next()
        .unwrap_or("");
    !matches!(word, "else" | "elif" | "except" | "finally")
}

fn is_compound(stmt: &Stmt) -> bool {
    matches!(
        stmt.kind,
        StmtKind::If { .. }
            | StmtKind::While { .. }
            | StmtKind::For { .. }
            | StmtKind::Try { .. }
            | StmtKind::With { .. }
            | StmtKind::FunctionDef(_)
            | StmtKind::ClassDef(_)
    )
}

/// Where a second statement starts after a compound one (CPython's interactive grammar
/// takes one statement per input; simple statements share a line with `;`).
fn extra_statement(module: &Module) -> Option<Span> {
    let first = module.body.first()?;
    if !is_compound(first) {
        return None;
    }
    let second = module.body.get(1)?;
    Some(Span::new(
        second.span.start as usize,
        second.span.start as usize + 1,
    ))
}
