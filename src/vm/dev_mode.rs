//! `-X` options and Python's development mode (`-X dev` or `PYTHONDEVMODE=1`), set once
//! from the command line before an interpreter starts.
//!
//! Development mode does here what it does in CPython where apy has the machinery:
//! `sys.flags.dev_mode` is true, asyncio's loops start in debug mode (slow callbacks,
//! creation stacks, never-awaited coroutines' origins), and `warnings` shows every
//! warning once per location (a `default` filter for `Warning` first).

use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::Mutex;

static DEV_MODE: AtomicBool = AtomicBool::new(false);
static XOPTIONS: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Records the `-X` options (`dev`, `name=value`, `name`); `-X dev`, or a non-empty
/// `PYTHONDEVMODE`, turns development mode on. `-X int_max_str_digits=N` (or
/// `PYTHONINTMAXSTRDIGITS`) sets the int-to-str digit limit; an invalid one is
/// CPython's fatal start-up error, returned as its text.
pub fn configure(xoptions: &[String]) -> Result<(), String> {
    let env = std::env::var_os("PYTHONDEVMODE").is_some_and(|v| !v.is_empty());
    let dev = env || xoptions.iter().any(|o| o == "dev");
    DEV_MODE.store(dev, Ordering::Relaxed);
    if let Ok(mut x) = XOPTIONS.lock() {
        *x = xoptions.to_vec();
    }
    let from_x = self::xoptions()
        .into_iter()
        .find(|(n, _)| n == "int_max_str_digits");
    let (source, value) = match from_x {
        Some((_, v)) => ("-X int_max_str_digits", v.unwrap_or_default()),
        None => match std::env::var("PYTHONINTMAXSTRDIGITS") {
            Ok(v) if !v.is_empty() => ("PYTHONINTMAXSTRDIGITS", v),
            _ => return Ok(()),
        },
    };
    match value.parse::<usize>() {
        Ok(n) if n == 0 || n >= crate::format::INT_MAX_STR_DIGITS_THRESHOLD => {
            crate::format::set_int_max_str_digits(n);
            INT_MAX_STR_DIGITS_FLAG.store(n as i64, Ordering::Relaxed);
            Ok(())
        }
        _ => Err(format!(
            "Fatal Python error: config_init_int_max_str_digits: {source}: invalid limit; \
             must be >= {} or 0 for unlimited.\nPython runtime state: preinitialized\n",
            crate::format::INT_MAX_STR_DIGITS_THRESHOLD
        )),
    }
}

/// `sys.flags.int_max_str_digits`: the limit given at start-up, -1 when none was.
static INT_MAX_STR_DIGITS_FLAG: AtomicI64 = AtomicI64::new(-1);

/// `sys.flags.int_max_str_digits`.
pub fn int_max_str_digits_flag() -> i64 {
    INT_MAX_STR_DIGITS_FLAG.load(Ordering::Relaxed)
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
