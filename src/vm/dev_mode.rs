//! `-X` options and Python's development mode (`-X dev` or `PYTHONDEVMODE=1`), set once
//! from the command line before an interpreter starts.
//!
//! Development mode does here what it does in CPython where apy has the machinery:
//! `sys.flags.dev_mode` is true, asyncio's loops start in debug mode (slow callbacks,
//! creation stacks, never-awaited coroutines' origins), and `warnings` shows every
//! warning once per location (a `default` filter for `Warning` first).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

static DEV_MODE: AtomicBool = AtomicBool::new(false);
static XOPTIONS: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Records the `-X` options (`dev`, `name=value`, `name`); `-X dev`, or a non-empty
/// `PYTHONDEVMODE`, turns development mode on.
pub fn configure(xoptions: &[String]) {
    let env = std::env::var_os("PYTHONDEVMODE").is_some_and(|v| !v.is_empty());
    let dev = env || xoptions.iter().any(|o| o == "dev");
    DEV_MODE.store(dev, Ordering::Relaxed);
    if let Ok(mut x) = XOPTIONS.lock() {
        *x = xoptions.to_vec();
    }
}

/// Whether development mode is on.
pub fn on() -> bool {
    DEV_MODE.load(Ordering::Relaxed)
}

/// `sys._xoptions`: each `-X name=value` as (name, Some(value)), `-X name` as (name,
/// None), the last one of a name winning.
pub fn xoptions() -> Vec<(String, Option<String>)> {
    let opts = XOPTIONS.lock().map(|x| x.clone()).unwrap_or_default();
    let mut out: Vec<(String, Option<String>)> = Vec::new();
    for o in opts {
        let (name, value) = match o.split_once('=') {
            Some((n, v)) => (n.to_string(), Some(v.to_string())),
            None => (o, None),
        };
        out.retain(|(n, _)| *n != name);
        out.push((name, value));
    }
    out
}
