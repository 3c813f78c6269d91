//! The thread that edits lines at a terminal, so that the interpreter's thread stays
//! free to turn the session's event loop while the prompt waits: background tasks keep
//! running, as on `python -m asyncio`'s loop thread.
//!
//! The interpreter is single-threaded (its values are `Rc`), so everything that needs
//! it stays on the interpreter's thread: this thread asks for Tab completions and hands
//! over rustyline's `ExternalPrinter` (through which the program's output is printed
//! above the line being typed) by message. Each message also wakes the process's
//! poller, where the interpreter's thread may be waiting for the loop's next event.
//!
//! An `Editor` exists only while one line is read: rustyline takes over SIGINT for as
//! long as an editor exists, and while code runs, Ctrl-C must reach the runtime's
//! handler (`runtime::signals`) to raise KeyboardInterrupt. So the history is kept
//! here and handed to a fresh editor for each line.
//!
//! History lives in `$XDG_STATE_HOME/apy/history` when that variable is set, else in
//! `~/.apy_history`. It is a convenience: if the file cannot be read or written, the
//! session goes on without it and says nothing.

use super::reader::Read;
use rustyline::completion::Completer;
use rustyline::error::ReadlineError;
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::history::{FileHistory, History, MemHistory};
use rustyline::validate::Validator;
use rustyline::{CompletionType, Config, Context, Editor, ExternalPrinter, Helper};
use std::path::PathBuf;
use std::sync::mpsc::{channel, Receiver, Sender};

/// How many lines the history keeps.
const HISTORY_SIZE: usize = 1000;

/// What the interpreter's thread asks of the editing thread.
pub enum Request {
    /// Show the prompt and read a line; with `above`, program output may be printed
    /// above it meanwhile (see [`Message::Printer`]).
    Read { prompt: String, above: bool },
}

/// What the editing thread tells the interpreter's thread.
pub enum Message {
    /// The line read (or Ctrl-C, or the end of input).
    Done(Read),
    /// Tab was pressed: complete `line` at byte `pos`; the answer goes back through
    /// [`LineThread::answer_completion`].
    Complete { line: String, pos: usize },
    /// Prints above the line being edited, until `Done`; sent first when asked for
    /// (None if the terminal cannot have one).
    Printer(Option<Box<dyn ExternalPrinter + Send>>),
}

/// The interpreter thread's end of the editing thread.
pub struct LineThread {
    requests: Option<Sender<Request>>,
    messages: Receiver<Message>,
    completions: Sender<(usize, Vec<String>)>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl LineThread {
    /// Starts the thread, or None when the terminal cannot be set up for editing (the
    /// caller then reads plain lines).
    pub fn start() -> Option<LineThread> {
        let (requests, requests_rx) = channel::<Request>();
        let (messages_tx, messages) = channel::<Message>();
        let (completions, completions_rx) = channel::<(usize, Vec<String>)>();
        let (ready_tx, ready_rx) = channel::<bool>();
        let thread = std::thread::Builder::new()
            .name("apy-line-editor".into())
            .spawn(move || {
                let Some(mut editing) = Editing::new(messages_tx, completions_rx) else {
                    let _ = ready_tx.send(false);
                    return;
                };
                let _ = ready_tx.send(true);
                while let Ok(Request::Read { prompt, above }) = requests_rx.recv() {
                    let read = editing.read_line(&prompt, above);
                    editing.tell(Message::Done(read));
                }
                editing.save_history();
            })
            .ok()?;
        if !ready_rx.recv().unwrap_or(false) {
            let _ = thread.join();
            return None;
        }
        Some(LineThread {
            requests: Some(requests),
            messages,
            completions,
            thread: Some(thread),
        })
    }

    /// Asks for a line; the answer comes as [`Message::Done`].
    pub fn request(&self, prompt: &str, above: bool) -> bool {
        let request = Request::Read {
            prompt: prompt.to_string(),
            above,
        };
        self.requests
            .as_ref()
            .is_some_and(|r| r.send(request).is_ok())
    }

    /// The next message, if one came (`Err` when the thread is gone).
    pub fn try_message(&self) -> Result<Option<Message>, ()> {
        match self.messages.try_recv() {
            Ok(m) => Ok(Some(m)),
            Err(std::sync::mpsc::TryRecvError::Empty) => Ok(None),
            Err(std::sync::mpsc::TryRecvError::Disconnected) => Err(()),
        }
    }

    /// Waits for the next message (`Err` when the thread is gone).
    pub fn message(&self) -> Result<Message, ()> {
        self.messages.recv().map_err(drop)
    }

    pub fn answer_completion(&self, answer: (usize, Vec<String>)) {
        let _ = self.completions.send(answer);
    }

    /// Ends the thread after it wrote the history file.
    pub fn finish(&mut self) {
        self.requests = None;
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for LineThread {
    fn drop(&mut self) {
        self.finish();
    }
}

/// The editing thread's state.
struct Editing {
    config: Config,
    /// The lines of the history file, then this session's.
    history: FileHistory,
    history_file: Option<HistoryFile>,
    messages: Sender<Message>,
    completions: std::rc::Rc<Receiver<(usize, Vec<String>)>>,
}

/// Where the history is kept, and the directory to create for it first: apy's own
/// directory under `$XDG_STATE_HOME` (the home directory is never created).
struct HistoryFile {
    path: PathBuf,
    dir: Option<PathBuf>,
}

impl Editing {
    fn new(
        messages: Sender<Message>,
        completions: Receiver<(usize, Vec<String>)>,
    ) -> Option<Editing> {
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
        let editing = Editing {
            config,
            history,
            history_file,
            messages,
            completions: std::rc::Rc::new(completions),
        };
        drop(editing.editor().ok()?);
        Some(editing)
    }

    /// Sends `m` and wakes the interpreter's thread if it waits on the poller.
    fn tell(&self, m: Message) {
        let _ = self.messages.send(m);
        if let Some(p) = crate::runtime::signals::poller() {
            let _ = p.notify();
        }
    }

    fn editor(&self) -> rustyline::Result<Editor<Forward, MemHistory>> {
        let mut past = MemHistory::with_config(&self.config);
        for line in self.history.iter() {
            past.add(line)?;
        }
        let mut editor = Editor::with_history(self.config.clone(), past)?;
        editor.set_helper(Some(Forward {
            messages: self.messages.clone(),
            answers: self.completions.clone(),
        }));
        Ok(editor)
    }

    fn read_line(&mut self, prompt: &str, above: bool) -> Read {
        let Ok(mut editor) = self.editor() else {
            return Read::Eof;
        };
        // Only when output may come: with a printer, rustyline waits for keys with
        // `select`, which misses keys already in its read buffer, so a paste stops
        // after its first character until the next key.
        if above {
            let printer = editor.create_external_printer().ok();
            self.tell(Message::Printer(
                printer.map(|p| Box::new(p) as Box<dyn ExternalPrinter + Send>),
            ));
        }
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

    /// Adds this session's lines to the history file (silently skipped on failure).
    fn save_history(&mut self) {
        let Some(file) = &self.history_file else {
            return;
        };
        if let Some(dir) = &file.dir {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = self.history.append(&file.path);
    }
}

/// The rustyline helper of the editing thread: Tab asks the interpreter's thread
/// (`repl::completion` reads the session's namespace there).
struct Forward {
    messages: Sender<Message>,
    answers: std::rc::Rc<Receiver<(usize, Vec<String>)>>,
}

impl Completer for Forward {
    type Candidate = String;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<String>)> {
        let asked = self.messages.send(Message::Complete {
            line: line.to_string(),
            pos,
        });
        if asked.is_err() {
            return Ok((pos, Vec::new()));
        }
        if let Some(p) = crate::runtime::signals::poller() {
            let _ = p.notify();
        }
        Ok(self.answers.recv().unwrap_or((pos, Vec::new())))
    }
}

impl Hinter for Forward {
    type Hint = String;
}

impl Highlighter for Forward {}

impl Validator for Forward {}

impl Helper for Forward {}

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
