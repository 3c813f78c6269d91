//! The one diagnostic type every stage reports through, and its rendering.
//!
//! Stages keep their own typed errors (`LexError`, `ParseError`, `SemaError`); each turns
//! into this plain-data [`Diagnostic`] so that there is exactly one place that knows how to
//! draw a report. This is the only module that imports ariadne.
//!
//! A rendered report always contains a line `SyntaxError: <message>` (or whichever CPython
//! exception class applies) so that tools and tests that grep for CPython's wording keep
//! working, while the ariadne part above it shows the source with the span labelled.

use crate::source::{SourceFile, Span};
use ariadne::{Color, Config, IndexType, Label, Report, ReportKind};

/// Which CPython exception a compile-time diagnostic corresponds to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorClass {
    SyntaxError,
    IndentationError,
    TabError,
    /// Nesting deeper than the compiler's limit (CPython: "maximum recursion depth
    /// exceeded during compilation").
    RecursionError,
}

impl ErrorClass {
    pub fn name(self) -> &'static str {
        match self {
            ErrorClass::SyntaxError => "SyntaxError",
            ErrorClass::IndentationError => "IndentationError",
            ErrorClass::TabError => "TabError",
            ErrorClass::RecursionError => "RecursionError",
        }
    }
}

/// A secondary label: another place in the source worth pointing at.
#[derive(Clone, Debug, PartialEq)]
pub struct SecondaryLabel {
    pub span: Span,
    pub message: String,
}

/// A compile-time error, ready to be rendered against its source.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub class: ErrorClass,
    /// CPython's exact message, e.g. `'await' outside async function`.
    pub message: String,
    /// Where the error is; its start decides the reported line and column.
    pub span: Span,
    /// Text shown under the primary span (defaults to the message).
    pub label: Option<String>,
    pub secondary: Vec<SecondaryLabel>,
    /// How to fix it, when there is something useful to say.
    pub help: Option<String>,
    /// CPython sometimes reports a line other than the span's (e.g. "expected an indented
    /// block" points at the line after the header); this overrides the reported line.
    pub line_override: Option<u32>,
    /// CPython reports the line but no column (`offset` 0).
    pub no_column: bool,
}

impl Diagnostic {
    pub fn new(class: ErrorClass, message: impl Into<String>, span: Span) -> Diagnostic {
        Diagnostic {
            class,
            message: message.into(),
            span,
            label: None,
            secondary: Vec::new(),
            help: None,
            line_override: None,
            no_column: false,
        }
    }

    pub fn syntax(message: impl Into<String>, span: Span) -> Diagnostic {
        Diagnostic::new(ErrorClass::SyntaxError, message, span)
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = Some(label.into());
        self
    }

    pub fn with_secondary(mut self, span: Span, message: impl Into<String>) -> Diagnostic {
        self.secondary.push(SecondaryLabel {
            span,
            message: message.into(),
        });
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn with_line(mut self, line: u32) -> Diagnostic {
        self.line_override = Some(line);
        self
    }

    pub fn without_column(mut self) -> Diagnostic {
        self.no_column = true;
        self
    }

    /// The 1-based line CPython would report.
    pub fn line(&self, source: &SourceFile) -> u32 {
        self.line_override
            .unwrap_or_else(|| source.line_of(self.span.start))
    }

    /// `SyntaxError: message` — the line CPython prints last.
    pub fn headline(&self) -> String {
        format!("{}: {}", self.class.name(), self.message)
    }

    /// Draws the report: a CPython-style `File "...", line N` header, the ariadne snippet
    /// with labels and help, and the `SyntaxError: message` line.
    pub fn render(&self, source: &SourceFile, color: bool) -> String {
        let mut out = String::new();
        let line = self.line(source);
        out.push_str(&format!("  File \"{}\", line {}\n", source.name, line));

        let len = source.text.len();
        let text = source.text.as_str();
        // ariadne slices the text by these offsets: keep them on character boundaries.
        let clamp = |s: Span| {
            let mut start = (s.start as usize).min(len);
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            let mut end = (s.end as usize).clamp(start, len);
            while !text.is_char_boundary(end) {
                end += 1;
            }
            start..end
        };
        let primary = clamp(self.span);
        let name = source.name.as_str();
        let config = Config::default()
            .with_color(color)
            .with_index_type(IndexType::Byte);
        let mut report = Report::build(ReportKind::Error, (name, primary.clone()))
            .with_config(config)
            .with_message(self.headline())
            .with_label(
                Label::new((name, primary))
                    .with_message(self.label.clone().unwrap_or_else(|| self.message.clone()))
                    .with_color(Color::Red)
                    .with_order(0),
            );
        for (i, sec) in self.secondary.iter().enumerate() {
            report = report.with_label(
                Label::new((name, clamp(sec.span)))
                    .with_message(sec.message.clone())
                    .with_color(Color::Cyan)
                    .with_order(i as i32 + 1),
            );
        }
        if let Some(help) = &self.help {
            report = report.with_help(help.clone());
        }
        let mut buf = Vec::new();
        let cache = (name, ariadne::Source::from(source.text.as_str()));
        if report.finish().write(cache, &mut buf).is_ok() {
            out.push_str(&String::from_utf8_lossy(&buf));
        }
        out.push_str(&self.headline());
        out.push('\n');
        out
    }
}
