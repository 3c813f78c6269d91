//! Printing uncaught exceptions exactly in CPython's traceback format, chained
//! exceptions and exception groups included.

use super::Vm;
use crate::object::{ExcRef, Value};
use std::collections::HashSet;
use std::rc::Rc;

impl Vm {
    /// The full report CPython prints for an uncaught exception.
    pub fn format_exception(&mut self, exc: &ExcRef) -> String {
        let mut out = String::new();
        let mut seen = HashSet::new();
        self.format_chain(exc, &mut out, &mut seen, "");
        out
    }

    fn format_chain(
        &mut self,
        exc: &ExcRef,
        out: &mut String,
        seen: &mut HashSet<usize>,
        margin: &str,
    ) {
        seen.insert(Rc::as_ptr(exc) as usize);
        if seen.len() > 100 {
            return;
        }
        let (cause, context, suppress) = match exc.exc_data() {
            Some(d) => {
                let d = d.borrow();
                (d.cause.clone(), d.context.clone(), d.suppress_context)
            }
            None => (Value::None, Value::None, false),
        };
        if let Value::Object(c) = &cause {
            if !seen.contains(&(Rc::as_ptr(c) as usize)) {
                self.format_chain(c, out, seen, margin);
                out.push_str(&format!(
                    "{margin}\n{margin}The above exception was the direct cause of the following exception:\n{margin}\n"
                ));
            }
        } else if !suppress {
            if let Value::Object(c) = &context {
                if !seen.contains(&(Rc::as_ptr(c) as usize)) {
                    self.format_chain(c, out, seen, margin);
                    out.push_str(&format!(
                        "{margin}\n{margin}During handling of the above exception, another exception occurred:\n{margin}\n"
                    ));
                }
            }
        }
        if self.is_exception_group(&Value::Object(exc.clone())) {
            self.format_group(exc, out, seen, margin);
        } else {
            self.format_single(exc, out, margin);
        }
    }

    fn format_tb_lines(&self, exc: &ExcRef, margin: &str) -> String {
        let mut out = String::new();
        let entries = match exc.exc_data() {
            Some(d) => d.borrow().traceback.clone(),
            None => Vec::new(),
        };
        let mut last: Option<(usize, u32)> = None;
        let mut repeat = 0;
        let flush_repeat = |out: &mut String, repeat: usize| {
            if repeat > 3 {
                let n = repeat - 3;
                out.push_str(&format!(
                    "{margin}  [Previous line repeated {n} more time{}]\n",
                    if n == 1 { "" } else { "s" }
                ));
            }
        };
        for e in entries.iter().rev() {
            let key = (Rc::as_ptr(&e.code) as usize, e.line);
            if last == Some(key) {
                repeat += 1;
                if repeat > 3 {
                    continue;
                }
            } else {
                flush_repeat(&mut out, repeat);
                repeat = 1;
                last = Some(key);
            }
            out.push_str(&format!(
                "{margin}  File \"{}\", line {}, in {}\n",
                e.code.filename(),
                e.line,
                e.code.name.as_str()
            ));
            let src = e.code.source.quoted_line(e.line).trim();
            if !src.is_empty() {
                out.push_str(&format!("{margin}    {src}\n"));
            }
        }
        flush_repeat(&mut out, repeat);
        out
    }

    /// `ExcType: message`, with the module prefix CPython adds for non-builtin classes.
    pub fn exception_headline(&mut self, exc: &ExcRef) -> String {
        let class = exc.class.clone();
        let module = self.class_module(&class);
        let mut name = class.qualname.borrow().clone();
        if module != "builtins" && module != "__main__" {
            name = format!("{module}.{name}");
        }
        // A SyntaxError's last line is its bare message: where it is was printed above.
        let shown = match self.syntax_error_details(exc) {
            Some((msg, _, _)) => msg,
            None => Value::Object(exc.clone()),
        };
        let msg = match self.str(&shown) {
            Ok(s) => s,
            Err(_) => "<exception str() failed>".into(),
        };
        if msg.is_empty() {
            name
        } else {
            format!("{name}: {msg}")
        }
    }

    fn format_single(&mut self, exc: &ExcRef, out: &mut String, margin: &str) {
        let tb = self.format_tb_lines(exc, margin);
        if !tb.is_empty() {
            out.push_str(&format!("{margin}Traceback (most recent call last):\n"));
            out.push_str(&tb);
        }
        if let Some((_, Value::Str(file), line)) = self.syntax_error_details(exc) {
            out.push_str(&format!(
                "{margin}  File \"{}\", line {line}\n",
                file.as_str()
            ));
            out.push_str(&self.syntax_error_source(exc, margin));
        }
        let mut head = self.exception_headline(exc);
        if let Some(name) = self.suggestion_for(exc) {
            head.push_str(&format!(". Did you mean: '{name}'?"));
        }
        for line in head.lines() {
            out.push_str(&format!("{margin}{line}\n"));
        }
        if head.is_empty() {
            out.push_str(&format!("{margin}\n"));
        }
    }

    fn format_group(
        &mut self,
        exc: &ExcRef,
        out: &mut String,
        seen: &mut HashSet<usize>,
        margin: &str,
    ) {
        let tb = self.format_tb_lines(exc, &format!("{margin}  | "));
        out.push_str(&format!(
            "{margin}  + Exception Group Traceback (most recent call last):\n"
        ));
        out.push_str(&tb);
        let head = self.exception_headline(exc);
        out.push_str(&format!("{margin}  | {head}\n"));
        let members = self.group_exceptions(exc);
        let n = members.len();
        for (i, m) in members.iter().enumerate() {
            let Value::Object(m) = m else { continue };
            let label = format!("{}", i + 1);
            let opener = if i == 0 { "+-+" } else { "  +" };
            out.push_str(&format!(
                "{margin}  {opener}---------------- {label} ----------------\n"
            ));
            let inner_margin = format!("{margin}    | ");
            let mut inner = String::new();
            self.format_chain(m, &mut inner, seen, "");
            for line in inner.lines() {
                out.push_str(&format!("{inner_margin}{line}\n"));
            }
            if i + 1 == n {
                out.push_str(&format!(
                    "{margin}    +------------------------------------\n"
                ));
            }
        }
    }

    /// A SyntaxError's message, file name and line, when it carries its details.
    fn syntax_error_details(&mut self, exc: &ExcRef) -> Option<(Value, Value, i64)> {
        if !exc.class.is_subclass(&self.exc.syntax_error) {
            return None;
        }
        let args = self.exc_args(exc);
        let Some(Value::Tuple(details)) = args.items.get(1) else {
            return None;
        };
        let line = match details.items.get(1) {
            Some(Value::Int(n)) => *n,
            _ => return None,
        };
        let file = details.items.first().cloned().unwrap_or(Value::None);
        Some((args.items[0].clone(), file, line))
    }

    /// The quoted line and caret under a SyntaxError's location, as `traceback`'s
    /// `_format_syntax_error` draws them (nothing when the details carry no text).
    fn syntax_error_source(&mut self, exc: &ExcRef, margin: &str) -> String {
        let args = self.exc_args(exc);
        let Some(Value::Tuple(details)) = args.items.get(1) else {
            return String::new();
        };
        let Some(Value::Str(text)) = details.items.get(3) else {
            return String::new();
        };
        let rtext = text.as_str().trim_end_matches('\n');
        let ltext = rtext.trim_start_matches([' ', '\n', '\x0c']);
        let spaces = rtext.chars().count() - ltext.chars().count();
        let mut out = format!("{margin}    {ltext}\n");
        if let Some(Value::Int(offset)) = details.items.get(2) {
            let colno = *offset - 1 - spaces as i64;
            if colno >= 0 {
                let caretspace: String = ltext
                    .chars()
                    .take(colno as usize)
                    .map(|c| if c.is_whitespace() { c } else { ' ' })
                    .collect();
                out.push_str(&format!("{margin}    {caretspace}^\n"));
            }
        }
        out
    }

    /// Prints an uncaught exception to stderr.
    pub fn print_exception(&mut self, exc: &ExcRef) {
        let text = self.format_exception(exc);
        self.write_stderr(&text);
    }
}
