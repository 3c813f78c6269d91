//! The terminal front end: line editing, history and Tab with rustyline.
//!
//! An `Editor` exists only while one line is read. rustyline takes over SIGINT for as
//! long as an editor exists, and while code runs, Ctrl-C must reach the runtime's
//! handler (`runtime::signals`) to raise KeyboardInterrupt. So the history is kept here
//! and handed to a fresh editor for each line.
//!
//! History lives in `$XDG_STATE_HOME/apy/history` when that variable is set, else in
//! `~/.apy_history`. It is a convenience: if the file cannot be read or written, the
//! session goes on without it and says nothing.

use super::completion::Completion;
use super::reader::{LineReader, Read};
use super::session::Session;
use rustyline::error::ReadlineError;
use rustyline::history::{FileHistory, History, MemHistory};
use rustyline::{CompletionType, Config, Editor};
use std::cell::RefCell;
use std::path::PathBuf;
use std::rc::Rc;

/// How many lines the history keeps.
const HISTORY_SIZE: usize = 1000;

pub struct TerminalReader {
    config: Config,
    /// The lines of the history file, then this session's.
    history: FileHistory,
    history_file: Option<HistoryFile>,
    session: Rc<RefCell<Session>>,
}

/// Where the history is kept, and the directory to create for it first: apy's own
/// directory under `$XDG_STATE_HOME` (the home directory is never created).
struct HistoryFile {
    path: PathBuf,
    dir: Option<PathBuf>,
}

impl TerminalReader {
    /// A reader with the saved history loaded, or None when the terminal cannot be set
    /// up for editing (the caller then reads plain lines).
    pub fn new(session: Rc<RefCell<Session>>) -> Option<TerminalReader> {
        let config = Config::builder()
            .max_history_size(HISTORY_SIZE)
            .ok()?
            .completion_type(CompletionType::List)
            // rustyline redraws the prompt's whole line: after output that did not end
            // in a newline (`print(x, end="")`) it must start a new line, not erase it.
            .check_cursor_position(true)
            .build();
        let mut history = FileHistory::with_config(&config);
        let history_file = history_file();
        if let Some(file) = &history_file {
            let _ = history.load(&file.path);
        }
        let reader = TerminalReader {
            config,
            history,
            history_file,
            session,
        };
        drop(reader.editor().ok()?);
        Some(reader)
    }

    /// Adds this session's lines to the history file (silently skipped on failure).
    pub fn save_history(&mut self) {
        let Some(file) = &self.history_file else {
            return;
        };
        if let Some(dir) = &file.dir {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = self.history.append(&file.path);
    }

    fn editor(&self) -> rustyline::Result<Editor<Completion, MemHistory>> {
        let mut past = MemHistory::with_config(&self.config);
        for line in self.history.iter() {
            past.add(line)?;
        }
        let mut editor = Editor::with_history(self.config.clone(), past)?;
        editor.set_helper(Some(Completion::new(self.session.clone())));
        Ok(editor)
    }
}

impl LineReader for TerminalReader {
    fn read_line(&mut self, prompt: &str) -> Read {
        let Ok(mut editor) = self.editor() else {
            return Read::Eof;
        };
        match editor.readline(prompt) {
            Ok(line) => {
                if !line.trim().is_empty() {
                    let _ = self.history.add(&line);
                }
                Read::Line(line)
            }
            Err(ReadlineError::Interrupted) => Read::Interrupted,
            // Ctrl-D, or the terminal went away: either way there is no more input.
            Err(_) => Read::Eof,
        }
    }
}

fn history_file() -> Option<HistoryFile> {
    if let Some(state) = std::env::var_os("XDG_STATE_HOME").map(PathBuf::from) {
        // The XDG spec says to ignore a relative path.
        if state.is_absolute() {
            let dir = state.join("apy");
            return Some(HistoryFile {
                path: dir.join("history"),
                dir: Some(dir),
            });
        }
    }
    let home = std::env::var_os("HOME").map(PathBuf::from)?;
    Some(HistoryFile {
        path: home.join(".apy_history"),
        dir: None,
    })
}
