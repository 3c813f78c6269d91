//! Freezing: a folder of Python sources compiled to marshalled code units, as CPython's
//! `_freeze_module` does for the modules it embeds.
//!
//! The interpreter's build script freezes its standard library with this, so a syntax
//! error in the library fails the build (with the diagnostic a user would see), and the
//! library costs no parsing at run time.

use crate::bytecode::marshal;
use crate::source::SourceFile;
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// One compiled source file.
pub struct FrozenFile {
    /// The path under the frozen folder, with `/` separators: `asyncio/locks.py`.
    pub rel: String,
    /// Where the source file is, for embedding its text.
    pub path: PathBuf,
    /// The marshalled code unit of its module body.
    pub code: Vec<u8>,
}

/// Every `.py` file under `dir`, compiled, in path order; or the rendered diagnostics of
/// those that do not compile. `shown` names `dir` in the diagnostics.
pub fn freeze_dir(dir: &Path, shown: &str) -> Result<Vec<FrozenFile>, String> {
    let mut paths = Vec::new();
    python_files(dir, &mut paths).map_err(|e| format!("{}: {e}", dir.display()))?;
    paths.sort();
    let mut frozen = Vec::new();
    let mut errors = String::new();
    for path in paths {
        let rel = path
            .strip_prefix(dir)
            .expect("found under dir")
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{rel}: {e}"))?;
        let source = Rc::new(SourceFile::new(format!("{shown}/{rel}"), text));
        match crate::compiler::compile_source(&source, crate::compiler::Mode::Exec) {
            Ok(unit) => frozen.push(FrozenFile {
                rel,
                path,
                code: marshal::dump(&unit),
            }),
            Err(diagnostic) => errors.push_str(&diagnostic.render(&source, false)),
        }
    }
    if errors.is_empty() {
        Ok(frozen)
    } else {
        Err(errors)
    }
}

fn python_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            python_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "py") {
            out.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str, files: &[(&str, &str)]) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("apy-freeze-{name}-{}", std::process::id()));
        for (rel, text) in files {
            let path = dir.join(rel);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, text).expect("write");
        }
        dir
    }

    #[test]
    fn sources_freeze_in_path_order() {
        let dir = scratch(
            "ok",
            &[
                ("pkg/b.py", "async def f():\n    await g()\n"),
                ("a.py", "x = 1\n"),
                ("notes.txt", "not Python"),
            ],
        );
        let frozen = freeze_dir(&dir, "lib").expect("freezes");
        std::fs::remove_dir_all(&dir).expect("cleanup");
        let rels: Vec<&str> = frozen.iter().map(|f| f.rel.as_str()).collect();
        assert_eq!(rels, ["a.py", "pkg/b.py"]);
        let unit = marshal::load(&frozen[1].code).expect("loads");
        assert!(unit.names.iter().any(|n| n == "f"), "{:?}", unit.names);
    }

    #[test]
    fn a_syntax_error_is_reported_with_its_file_and_line() {
        let dir = scratch(
            "bad",
            &[("good.py", "pass\n"), ("pkg/bad.py", "x = 1\nawait x\n")],
        );
        let errors = freeze_dir(&dir, "lib").err().expect("fails");
        std::fs::remove_dir_all(&dir).expect("cleanup");
        assert!(
            errors.contains("File \"lib/pkg/bad.py\", line 2"),
            "{errors}"
        );
        assert!(
            errors.contains("SyntaxError: 'await' outside function"),
            "{errors}"
        );
    }

    fn compile(text: &str) -> crate::bytecode::CodeUnit {
        let source = Rc::new(SourceFile::new("<test>".to_string(), text.to_string()));
        crate::compiler::compile_source(&source, crate::compiler::Mode::Exec).expect("compiles")
    }

    #[test]
    fn units_survive_the_round_trip() {
        let unit = compile(
            "import asyncio\n\
             async def f(x, *a, k=-1.5, **kw):\n\
             \x20   async with x as y:\n\
             \x20       return [i async for i in y if i in {1, 2, (3, 'a')}]\n\
             class C:\n\
             \x20   big = 123456789012345678901234567890\n\
             \x20   raw = b'\\x00\\xff'\n\
             try:\n\
             \x20   print(f'{C.big!r:>10}', ..., None, True)\n\
             except* ValueError:\n\
             \x20   pass\n",
        );
        let bytes = marshal::dump(&unit);
        assert_eq!(marshal::load(&bytes).expect("loads"), unit);
    }

    #[test]
    fn foreign_or_damaged_bytes_are_refused() {
        assert!(matches!(
            marshal::load(b"\x00\x01"),
            Err(marshal::MarshalError::BadMagic)
        ));
        let bytes = marshal::dump(&compile("x = 1\n"));
        let cut = &bytes[..bytes.len() / 2];
        assert!(matches!(
            marshal::load(cut),
            Err(marshal::MarshalError::Corrupt(_))
        ));
    }
}
