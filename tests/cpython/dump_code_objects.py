"""Print, for each source file given, CPython's code objects in the format of
tests/scope_summary: `qualname|co_varnames|co_cellvars|co_freevars|argcount/posonly/kwonly|flags`,
sorted, under a `### <file name>` header. Files CPython rejects get `ERR <message> @ <line>`.

Regenerate the fixture with CPython 3.11:
    python3 tests/cpython/dump_code_objects.py tests/conformance/*.apy > tests/cpython/conformance_code_objects.txt
"""
import os
import sys
import types

FLAGS = [("GEN", 0x20), ("COR", 0x80), ("AGEN", 0x200), ("VARARGS", 0x4), ("VARKW", 0x8), ("NESTED", 0x10)]


def summarize(code, out):
    flags = ",".join(name for name, bit in FLAGS if code.co_flags & bit)
    out.append(
        f"{code.co_qualname}|{','.join(code.co_varnames)}|{','.join(code.co_cellvars)}|"
        f"{','.join(code.co_freevars)}|{code.co_argcount}/{code.co_posonlyargcount}/"
        f"{code.co_kwonlyargcount}|{flags}"
    )
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            summarize(const, out)


for path in sys.argv[1:]:
    print(f"### {os.path.basename(path)}")
    with open(path, encoding="utf-8") as f:
        source = f.read()
    try:
        code = compile(source, path, "exec")
    except SyntaxError as e:
        print(f"ERR {e.msg} @ {e.lineno}")
        continue
    lines = []
    summarize(code, lines)
    print("\n".join(sorted(lines)))
