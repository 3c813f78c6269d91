//! Finding a module's source on the import path, as CPython's `PathFinder` and
//! `FileFinder` do for source files: in each directory of the path, in order, a package
//! (`name/__init__.py`) comes before a module (`name.py`, then apy's own `name.apy`); a
//! directory `name` with neither is remembered as a portion of a namespace package, which
//! is what the name is when no entry has a package or module for it.

use std::path::{Path, PathBuf};

/// The source suffixes a module or a package's `__init__` may have, in the order tried.
const SUFFIXES: &[&str] = &["py", "apy"];

/// Where a module's source is.
#[derive(Debug, PartialEq, Eq)]
pub enum Found {
    /// A regular package: its directory (its `__path__`) and its `__init__` file.
    Package { dir: PathBuf, init: PathBuf },
    /// A module file.
    Module { file: PathBuf },
    /// A namespace package: every directory named for it, in path order.
    Namespace { dirs: Vec<PathBuf> },
}

/// The module `name` (one dotted part) in the directories `entries`, or None. An empty
/// entry is the working directory, as in `sys.path`.
pub fn find(name: &str, entries: &[String]) -> Option<Found> {
    let mut portions = Vec::new();
    for entry in entries {
        let dir = directory(entry);
        let candidate = dir.join(name);
        if candidate.is_dir() {
            if let Some(init) = with_suffix(&candidate.join("__init__")) {
                return Some(Found::Package {
                    dir: candidate,
                    init,
                });
            }
        }
        if let Some(file) = with_suffix(&candidate) {
            return Some(Found::Module { file });
        }
        if candidate.is_dir() {
            portions.push(candidate);
        }
    }
    (!portions.is_empty()).then_some(Found::Namespace { dirs: portions })
}

/// A path entry as a directory: `''` is the working directory, made absolute as
/// CPython's `FileFinder` makes it (so `__file__` is absolute).
fn directory(entry: &str) -> PathBuf {
    if entry.is_empty() {
        std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."))
    } else {
        PathBuf::from(entry)
    }
}

/// `stem` with the first source suffix under which a file exists.
fn with_suffix(stem: &Path) -> Option<PathBuf> {
    SUFFIXES.iter().find_map(|suffix| {
        let file = stem.with_extension(suffix);
        file.is_file().then_some(file)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(name: &str, files: &[&str]) -> PathBuf {
        let root = std::env::temp_dir().join(format!("apy-finder-{name}-{}", std::process::id()));
        for f in files {
            let path = root.join(f);
            if f.ends_with('/') {
                std::fs::create_dir_all(&path).expect("mkdir");
            } else {
                std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
                std::fs::write(&path, "").expect("write");
            }
        }
        root
    }

    #[test]
    fn packages_come_before_modules_and_earlier_entries_first() {
        let a = tree(
            "a",
            &["m/__init__.py", "m.py", "only.apy", "both.py", "both.apy"],
        );
        let b = tree("b", &["only.py", "ns/"]);
        let entries = [a.display().to_string(), b.display().to_string()];
        assert_eq!(
            find("m", &entries),
            Some(Found::Package {
                dir: a.join("m"),
                init: a.join("m/__init__.py")
            })
        );
        assert_eq!(
            find("only", &entries),
            Some(Found::Module {
                file: a.join("only.apy")
            })
        );
        assert_eq!(
            find("both", &entries),
            Some(Found::Module {
                file: a.join("both.py")
            })
        );
        assert_eq!(find("missing", &entries), None);
        for dir in [a, b] {
            std::fs::remove_dir_all(dir).expect("cleanup");
        }
    }

    #[test]
    fn directories_without_init_make_a_namespace_unless_a_module_follows() {
        let a = tree("nsa", &["ns/x.py", "mod/"]);
        let b = tree("nsb", &["ns/y.py", "mod.py"]);
        let entries = [a.display().to_string(), b.display().to_string()];
        assert_eq!(
            find("ns", &entries),
            Some(Found::Namespace {
                dirs: vec![a.join("ns"), b.join("ns")]
            })
        );
        assert_eq!(
            find("mod", &entries),
            Some(Found::Module {
                file: b.join("mod.py")
            })
        );
        for dir in [a, b] {
            std::fs::remove_dir_all(dir).expect("cleanup");
        }
    }
}
