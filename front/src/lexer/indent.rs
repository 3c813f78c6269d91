//! The layout state CPython's tokenizer keeps: the indentation stack (with its "alternate"
//! tab size 1 column, which is how inconsistent tabs are caught) and the bracket stack.

use super::error::LexErrorKind;
use crate::source::Span;

/// CPython's `MAXINDENT`: the indentation stack holds at most this many entries.
const MAX_INDENT: usize = 100;
/// CPython's `MAXLEVEL`: nested open brackets.
pub(crate) const MAX_BRACKETS: usize = 200;
const TAB_SIZE: u32 = 8;

/// The columns of one line's indentation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Columns {
    /// With tab stops every 8 columns.
    pub col: u32,
    /// With tab stops every column: differs from `col` exactly when tabs and spaces mix.
    pub altcol: u32,
}

/// Measures the whitespace before a line's first token, as CPython's `tok_get` does:
/// a form feed resets the column, and across a backslash continuation the column where
/// the first backslash stood counts.
pub(crate) fn measure(text: &str) -> Columns {
    let mut col: u32 = 0;
    let mut altcol: u32 = 0;
    let mut cont_col: u32 = 0;
    for b in text.bytes() {
        match b {
            b' ' => {
                col = col.saturating_add(1);
                altcol = altcol.saturating_add(1);
            }
            b'\t' => {
                col = (col / TAB_SIZE).saturating_add(1).saturating_mul(TAB_SIZE);
                altcol = altcol.saturating_add(1);
            }
            0x0c => {
                col = 0;
                altcol = 0;
            }
            b'\\' if cont_col == 0 => cont_col = col,
            _ => {}
        }
    }
    if cont_col != 0 {
        Columns {
            col: cont_col,
            altcol: cont_col,
        }
    } else {
        Columns { col, altcol }
    }
}

/// What a new logical line's indentation does to the block structure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Change {
    Same,
    Indent,
    Dedent(usize),
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct OpenBracket {
    pub ch: char,
    pub span: Span,
}

#[derive(Debug)]
pub(crate) struct Layout {
    indents: Vec<Columns>,
    pub brackets: Vec<OpenBracket>,
}

impl Layout {
    pub(crate) fn new() -> Layout {
        Layout {
            indents: vec![Columns { col: 0, altcol: 0 }],
            brackets: Vec::new(),
        }
    }

    /// The number of open indentation levels (the DEDENTs owed at end of file).
    pub(crate) fn depth(&self) -> usize {
        self.indents.len() - 1
    }

    /// Applies a logical line's indentation.
    pub(crate) fn line(&mut self, c: Columns) -> Result<Change, LexErrorKind> {
        let top = *self
            .indents
            .last()
            .unwrap_or(&Columns { col: 0, altcol: 0 });
        if c.col == top.col {
            if c.altcol != top.altcol {
                return Err(LexErrorKind::TabSpace);
            }
            Ok(Change::Same)
        } else if c.col > top.col {
            if self.indents.len() >= MAX_INDENT {
                return Err(LexErrorKind::TooDeep);
            }
            if c.altcol <= top.altcol {
                return Err(LexErrorKind::TabSpace);
            }
            self.indents.push(c);
            Ok(Change::Indent)
        } else {
            let mut n = 0;
            while self.indents.len() > 1 && c.col < self.indents[self.indents.len() - 1].col {
                self.indents.pop();
                n += 1;
            }
            let top = self.indents[self.indents.len() - 1];
            if c.col != top.col {
                return Err(LexErrorKind::Dedent);
            }
            if c.altcol != top.altcol {
                return Err(LexErrorKind::TabSpace);
            }
            Ok(Change::Dedent(n))
        }
    }

    pub(crate) fn open(&mut self, ch: char, span: Span) -> Result<(), LexErrorKind> {
        if self.brackets.len() >= MAX_BRACKETS {
            return Err(LexErrorKind::TooManyParentheses);
        }
        self.brackets.push(OpenBracket { ch, span });
        Ok(())
    }

    /// Closes a bracket; `line_of` gives line numbers for the "on line N" message.
    pub(crate) fn close(
        &mut self,
        ch: char,
        span: Span,
        line_of: impl Fn(u32) -> u32,
    ) -> Result<(), LexErrorKind> {
        let Some(open) = self.brackets.pop() else {
            return Err(LexErrorKind::Unmatched(ch));
        };
        let expected = match open.ch {
            '(' => ')',
            '[' => ']',
            _ => '}',
        };
        if ch != expected {
            let open_line = line_of(open.span.start);
            if open_line != line_of(span.start) {
                return Err(LexErrorKind::MismatchedOnLine {
                    close: ch,
                    open: open.ch,
                    line: open_line,
                });
            }
            return Err(LexErrorKind::Mismatched {
                close: ch,
                open: open.ch,
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabs_measure_like_cpython() {
        assert_eq!(measure("\t"), Columns { col: 8, altcol: 1 });
        assert_eq!(measure("    \t"), Columns { col: 8, altcol: 5 });
        assert_eq!(measure("  \x0c  "), Columns { col: 2, altcol: 2 });
        assert_eq!(measure("  \\\n    "), Columns { col: 2, altcol: 2 });
    }

    #[test]
    fn inconsistent_tabs_are_caught() {
        let mut l = Layout::new();
        assert_eq!(l.line(measure("\t")), Ok(Change::Indent));
        assert_eq!(l.line(measure("        ")), Err(LexErrorKind::TabSpace));
        let mut l = Layout::new();
        assert_eq!(l.line(measure("    ")), Ok(Change::Indent));
        assert_eq!(l.line(measure("        ")), Ok(Change::Indent));
        assert_eq!(l.line(measure("  ")), Err(LexErrorKind::Dedent));
    }
}
