//! Source text, byte spans and the line map every later stage reports through.
//!
//! Spans are byte offsets (not chars) because that is what logos hands out and what
//! ariadne is configured to read (`IndexType::Byte`); lines and columns are only computed
//! when something is shown to a person.

use std::fmt;

/// A half-open byte range `start..end` into one source file.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start: start as u32,
            end: end as u32,
        }
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
}

impl fmt::Debug for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// A named piece of source text with a precomputed table of line starts.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
    line_starts: Vec<u32>,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> SourceFile {
        let text = text.into();
        let mut line_starts = vec![0u32];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                line_starts.push(i as u32 + 1);
            }
        }
        SourceFile {
            name: name.into(),
            text,
            line_starts,
        }
    }

    /// 1-based line number of a byte offset.
    pub fn line_of(&self, offset: u32) -> u32 {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i as u32 + 1,
            Err(i) => i as u32,
        }
    }

    /// 1-based line and 1-based column (in characters, as CPython counts them).
    pub fn line_col(&self, offset: u32) -> (u32, u32) {
        let line = self.line_of(offset);
        let start = self.line_starts[line as usize - 1] as usize;
        let end = (offset as usize).min(self.text.len());
        let col = self
            .text
            .get(start..end)
            .map_or(end - start, |s| s.chars().count());
        (line, col as u32 + 1)
    }

    /// The text of a 1-based line without its line terminator.
    pub fn line_text(&self, line: u32) -> &str {
        let idx = line as usize;
        if idx == 0 || idx > self.line_starts.len() {
            return "";
        }
        let start = self.line_starts[idx - 1] as usize;
        let end = self
            .line_starts
            .get(idx)
            .map_or(self.text.len(), |&e| e as usize);
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }

    /// The source line tracebacks and warnings quote: none for the pseudo-files
    /// `<stdin>` (the REPL, a piped script) and `<string>` (`-c`), because CPython reads
    /// those lines back from the file through `linecache`, which has no file for them.
    pub fn quoted_line(&self, line: u32) -> &str {
        if self.name == "<stdin>" || self.name == "<string>" {
            return "";
        }
        self.line_text(line)
    }

    pub fn line_count(&self) -> u32 {
        self.line_starts.len() as u32
    }
}
