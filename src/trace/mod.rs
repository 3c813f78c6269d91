//! Pictures of a run: the loop's events (recorded by `runtime::loop_events` while the
//! program runs) written, once it ends, as a Perfetto/Chrome trace ([`perfetto`]) or
//! Mermaid diagrams ([`mermaid`]), both drawn from one model of the run ([`timeline`]).

pub mod mermaid;
pub mod perfetto;
pub mod timeline;

use crate::runtime::loop_events;
use std::path::{Path, PathBuf};

/// The files `apy run --trace FILE` / `--trace-mermaid FILE` asked for.
#[derive(Clone, Debug, Default)]
pub struct Outputs {
    files: Vec<(PathBuf, Format)>,
}

impl Outputs {
    /// `--trace FILE`: the format follows the extension.
    pub fn trace(&mut self, file: PathBuf) {
        let format = Format::of(&file);
        self.files.push((file, format));
    }

    /// `--trace-mermaid FILE`: Mermaid diagrams, in Markdown unless the file is `.mmd`.
    pub fn mermaid(&mut self, file: PathBuf) {
        let format = match Format::of(&file) {
            Format::Mermaid => Format::Mermaid,
            _ => Format::Markdown,
        };
        self.files.push((file, format));
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Starts recording the loop's events (before the program runs). Each file is
    /// created now, so a path that cannot be written fails before a long run, not after.
    pub fn start(&self) -> Result<(), String> {
        for (file, _) in &self.files {
            std::fs::File::create(file).map_err(|e| cannot_write(file, &e))?;
        }
        if !self.is_empty() {
            loop_events::start();
        }
        Ok(())
    }

    /// Writes every file from what was recorded; `title` names the program. Errors say
    /// which file could not be written.
    pub fn write(&self, title: &str) -> Result<(), String> {
        if self.is_empty() {
            return Ok(());
        }
        let recording = loop_events::finish();
        let timeline = timeline::Timeline::build(&recording.events);
        for (file, format) in &self.files {
            let text = match format {
                Format::Perfetto => perfetto::write(&timeline, title, recording.dropped),
                Format::Markdown => mermaid::markdown(&timeline, title, recording.dropped),
                Format::Mermaid => mermaid::sequence(&timeline),
            };
            std::fs::write(file, text).map_err(|e| cannot_write(file, &e))?;
        }
        Ok(())
    }
}

fn cannot_write(file: &Path, e: &std::io::Error) -> String {
    format!("can't write trace '{}': {e}", file.display())
}

/// What a trace file holds, by its extension.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Format {
    /// Anything but the two below: Chrome trace-event JSON.
    Perfetto,
    /// `.md`: both Mermaid diagrams in a Markdown document.
    Markdown,
    /// `.mmd`: a Mermaid file holds one diagram: the sequence diagram.
    Mermaid,
}

impl Format {
    pub fn of(file: &Path) -> Format {
        match file.extension().and_then(|e| e.to_str()) {
            Some("md" | "markdown") => Format::Markdown,
            Some("mmd" | "mermaid") => Format::Mermaid,
            _ => Format::Perfetto,
        }
    }
}
