#!/usr/bin/env python3
"""Differential mutation fuzzer: apy versus CPython 3.11.

Why: the conformance corpus (tests/conformance/*.apy) only holds programs
someone thought of.  This mutates them at token level (delete, duplicate,
swap, insert a keyword/operator/literal) and line level (delete, duplicate,
re-indent, insert a statement, splice a line of another seed, truncate), so
most mutants are invalid: it mainly tests the parser, the compile-time
checks and the exact SyntaxError messages.  Mutants both accept are run too.

    python3 fuzz/differential.py --apy target/release/apy --mutants 3000 \\
        --seed 1 --jobs 2 --out /tmp/fuzz-out --json /tmp/fuzz-summary.json

--seeds DIR is repeatable (default tests/conformance); mutants depend only
on --seed and the seeds, not on --jobs.  --out DIR gets every disagreeing
mutant, in a folder per category, with a header comment (which shifts line
numbers: reported lines are for the mutant without it).  --json FILE gets a
machine-readable summary.  --max-minutes M stops starting new mutants.
The exit status is 1 when any SERIOUS/serious case was found, so that
`.ci/run` can run a short campaign as a check.

Check categories (CPython: compile() in a fresh `python3 -c` process;
apy: `apy check`, exit 0 = accepted, otherwise the last stderr line is
`Class: message` and the first is `  File "...", line N`):
  both accept
  both reject, same class+message+line      full agreement
  both reject, same class+message, other line
  both reject, different class/message
  apy accepts, CPython rejects   [SERIOUS]  apy would run invalid code
  apy rejects, CPython accepts   [serious]  apy refuses valid code
  apy panic                      [SERIOUS]  "panicked"/"internal error" on
                                            stderr, exit 70/134/139, or a signal
  apy hang                       [SERIOUS]  timeout
  CPython no result (skipped)    compile process timed out or crashed
The "agreement rate" is same class+message (any line) / both reject.

Run categories (modes run/both, which both check first; only mutants both
accept; stdin is /dev/null, cwd a fresh temporary directory):
  agree              same stdout bytes, exit status and last stderr line
  differs: exit/stdout/exception/stderr   what differs ("exception": the last
                     stderr line, both exit != 0; "stderr": same, both exit 0)
  apy panic / apy hang                    [SERIOUS]
  skipped (CPython timeout), skipped (nondeterministic: CPython's output
                     holds a 0x... address or differs between two CPython runs)

Every process gets at most 4 GB of address space (the fuzzer sets RLIMIT_AS
on itself and children inherit it: no preexec_fn in a threaded program) and
runs in its own session; on timeout its whole process group is killed.
"""
import argparse, collections, hashlib, io, json, os, random, re, resource
import shutil, signal, subprocess, sys, tempfile, threading, time, tokenize
import concurrent.futures as cf

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MEM_LIMIT = 4_000_000 * 1024
WORD = re.compile(r"\w")
ADDRESS = re.compile(rb"0x[0-9a-fA-F]{6,}")

# Inserted inline by tok_insert.
VOCAB = ["async", "await", "yield", "yield from", "return", "lambda", "lambda:", ":",
    "(", ")", "[", "]", "{", "}", ",", ";", "=", "==", ":=", "*", "**", ".",
    "->", "@", "+=", "-", "not", "is", "in", "and", "or", "if", "else", "for",
    "while", "with", "as", "def", "class", "try", "except", "finally", "raise",
    "pass", "assert", "import", "from", "print", "None", "True", "1", "0",
    "1.5", "'s'", "f'{x}'", "f'{'", "b'b'", "...", "del", "global x",
    "nonlocal x", "break", "continue", "from __future__ import annotations",
    "x", "_", "\\", "match", "case", "*x", "**x", "async for", "async with"]
# Inserted as a whole line by line_insert.
STMTS = ["pass", "break", "continue", "return", "return 1", "yield", "yield 1",
    "await x", "global x", "nonlocal x", "del x", "x = 1", "x: int",
    "print(x)", "from __future__ import annotations", "import asyncio",
    "raise", "else:", "elif x:", "except:", "finally:", "try:", "if x:",
    "async def f():", "def f():", "class C:", "x = lambda: (yield)",
    "async with x: pass", "async for x in y: pass", "x := 1", "(x := 1)",
    "*x, = [1]", "f(**x, *y)", "f(x=1, x=2)", "def g(a, a): pass",
    "x = [await y for y in z]", "return await x", "f(x for x in y, 1)"]

COMPILE_WORKER = r"""
import json, sys
try:
    compile(open(sys.argv[1], 'rb').read(), sys.argv[1], 'exec')
    r = {'ok': True}
except BaseException as e:
    syn = isinstance(e, SyntaxError)
    r = {'ok': False, 'cls': type(e).__name__,
         'msg': e.msg if syn else str(e), 'line': e.lineno if syn else None}
print(json.dumps(r))
"""

# Categories.  SERIOUS/serious marks what the report lists separately.
C_OK = "check: both accept"
C_SAME = "check: both reject, same class+message+line"
C_SAME_MSG = "check: both reject, same class+message, other line"
C_DIFF = "check: both reject, different class/message"
C_ACCEPTS = "check: apy accepts, CPython rejects [SERIOUS]"
C_REJECTS = "check: apy rejects, CPython accepts [serious]"
C_PANIC = "check: apy panic [SERIOUS]"
C_HANG = "check: apy hang [SERIOUS]"
C_CPY_TIMEOUT = "check: CPython no result (skipped)"
R_AGREE = "run: agree"
R_PANIC = "run: apy panic [SERIOUS]"
R_HANG = "run: apy hang [SERIOUS]"
R_SKIP_TIMEOUT = "run: skipped (CPython timeout)"
R_SKIP_NONDET = "run: skipped (nondeterministic)"
CHECK_ORDER = [C_OK, C_SAME, C_SAME_MSG, C_DIFF, C_ACCEPTS, C_REJECTS,
               C_PANIC, C_HANG, C_CPY_TIMEOUT]
# Not disagreements: neither saved under --out nor listed in the JSON.
QUIET = {C_OK, C_SAME, R_AGREE, R_SKIP_TIMEOUT, R_SKIP_NONDET, C_CPY_TIMEOUT}


# ---------------------------------------------------------------- mutation

def split_pieces(text):
    """Split text into [text, is_token] pieces whose concatenation is text.

    Tokens (names, operators, numbers, strings) are what token mutations
    touch; whitespace, comments and NEWLINE/INDENT tokens are kept verbatim so
    untouched code keeps its layout.  Falls back to whitespace splitting when
    tokenize fails (earlier mutations often leave unbalanced brackets)."""
    try:
        starts = [0]
        for line in text.split("\n"):
            starts.append(starts[-1] + len(line) + 1)
        pieces, pos = [], 0
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            if tok.type in (tokenize.ENDMARKER, tokenize.DEDENT):
                continue
            a = starts[tok.start[0] - 1] + tok.start[1]
            b = starts[tok.end[0] - 1] + tok.end[1]
            if a < pos:
                raise ValueError("overlapping tokens")
            if a > pos:
                pieces.append([text[pos:a], False])
            pieces.append([text[a:b], tok.type in (
                tokenize.NAME, tokenize.OP, tokenize.NUMBER, tokenize.STRING)])
            pos = b
        pieces.append([text[pos:], False])
        if "".join(p[0] for p in pieces) == text:
            return pieces
    except Exception:
        pass
    return [[s, bool(s) and not s.isspace()] for s in re.split(r"(\s+)", text)]


def join_pieces(pieces):
    """Concatenate pieces, adding a space where a changed token would fuse
    with its neighbour into one name (e.g. `f(x)` minus `(` is `f x`)."""
    out = []
    for text, is_tok in pieces:
        if is_tok and text and out and out[-1] and \
                WORD.match(out[-1][-1]) and WORD.match(text[0]):
            out.append(" ")
        out.append(text)
    return "".join(out)


OPS = ["tok_delete", "tok_duplicate", "tok_swap", "tok_insert", "line_delete",
       "line_duplicate", "line_indent", "line_insert", "truncate", "splice"]


def token_mutation(rng, text, kind):
    """Delete, duplicate, insert a VOCAB word before, or swap with the next
    one, a random token.  Returns (new text, description or None)."""
    pieces = split_pieces(text)
    idx = [i for i, p in enumerate(pieces) if p[1]] + [None]
    if len(idx) < 2:
        return text, None
    k = rng.randrange(len(idx) - 1)
    i, j = idx[k], idx[k + 1]
    line = text[:sum(len(p[0]) for p in pieces[:i])].count("\n") + 1
    old = pieces[i][0]
    what = repr(old)
    if kind == "tok_delete":
        pieces[i][0] = ""
    elif kind == "tok_duplicate":
        pieces[i][0] = old + " " + old
    elif kind == "tok_swap":
        if j is None or pieces[j][0] == old:
            return text, None  # no next token, or a no-op
        pieces[i][0], pieces[j][0] = pieces[j][0], old
        what = "%r<->%r" % (old, pieces[i][0])
    else:
        word = rng.choice(VOCAB)
        pieces[i][0] = word + " " + old
        what = "%r before %r" % (word, old)
    return join_pieces(pieces), "%s %s L%d" % (kind, what, line)


def indent_of(line):
    return line[:len(line) - len(line.lstrip())]


def random_line(rng, text):
    """Lines of text and the index of a random non-blank one (or None)."""
    lines = text.split("\n")
    full = [i for i, l in enumerate(lines) if l.strip()]
    return lines, (rng.choice(full) if full else None)


def line_mutation(rng, text, seeds, kind):
    """Delete, duplicate or re-indent a random line, insert a STMTS line or
    a line of another seed (half the time re-indented to fit) before it, or
    truncate the text at a random character."""
    if kind == "truncate":
        if len(text) < 2:
            return text, None
        n = rng.randrange(1, len(text))
        return text[:n], "truncate at char %d (L%d)" % (n, text[:n].count("\n") + 1)
    lines, i = random_line(rng, text)
    if i is None:
        return text, None
    what, ind = "", indent_of(lines[i])
    if kind == "line_delete":
        del lines[i]
    elif kind == "line_duplicate":
        lines.insert(i, lines[i])
    elif kind == "line_indent":
        new = rng.choice([ind + " ", ind + "    ", ind[:-1], ind[:-4], "",
                          ind + "\t", "\t" + ind, " " * rng.randrange(13)])
        if new == ind:
            return text, None
        lines[i] = new + lines[i].lstrip()
        what = " %r->%r" % (ind, new)
    elif kind == "line_insert":
        stmt = rng.choice(STMTS)
        lines.insert(i, ind + stmt)
        what = " %r" % stmt
    else:  # splice
        name, other = rng.choice(seeds)
        olines, j = random_line(rng, other)
        if j is None:
            return text, None
        new = olines[j]
        if rng.random() < 0.5:
            new = ind + new.lstrip()
        lines.insert(i, new)
        what = " %s:%d" % (os.path.basename(name), j + 1)
    return "\n".join(lines), "%s%s L%d" % (kind, what, i + 1)


def make_mutants(rng, seeds, count):
    """Yield (index, seed name, mutation list, text), unique and != seed.

    Everything comes from rng, in order, so a --seed gives the same mutants
    whatever --jobs is."""
    seen = set()
    for index in range(count):
        for _ in range(50):
            name, text = rng.choice(seeds)
            orig, ops = text, []
            for _ in range(rng.randint(1, 3)):
                for _ in range(5):  # retry ops that found nothing to do
                    op = rng.choice(OPS)
                    text, desc = token_mutation(rng, text, op) \
                        if op[:4] == "tok_" else line_mutation(rng, text, seeds, op)
                    if desc:
                        ops.append(desc)
                        break
            h = hashlib.sha1(text.encode("utf-8", "surrogatepass")).digest()
            if text != orig and h not in seen:
                seen.add(h)
                break
        yield index, name, ops, text


# ----------------------------------------------------------------- processes

class Capture(threading.Thread):
    """Drain a pipe: keep the first `cap` bytes, the last 8 KB, the total
    length and a hash, so a program printing forever cannot eat memory."""

    def __init__(self, pipe, cap=1 << 22):
        super().__init__(daemon=True)
        self.pipe, self.cap = pipe, cap
        self.head, self.tail, self.total = bytearray(), b"", 0
        self.sha = hashlib.sha256()
        self.start()

    def run(self):
        while chunk := os.read(self.pipe.fileno(), 65536):
            self.total += len(chunk)
            self.sha.update(chunk)
            if len(self.head) < self.cap:
                self.head += chunk[:self.cap - len(self.head)]
            self.tail = (self.tail + chunk)[-8192:]
        self.pipe.close()


class Result:
    """What one process did: exit status, captured output, timeout flag."""

    def __init__(self, rc, out, err, timed_out):
        self.rc, self.timed_out, self.out_total = rc, timed_out, out.total
        self.out, self.out_sha = bytes(out.head), out.sha.hexdigest()
        self.err, self.err_tail = bytes(err.head), err.tail

    def last_err_line(self):
        lines = [l.strip() for l in self.err_tail.decode("utf-8", "replace")
                 .splitlines() if l.strip()]
        return lines[-1] if lines else ""

    def brief(self):
        err = self.err.decode("utf-8", "replace")
        return {"rc": self.rc, "timed_out": self.timed_out,
                "stdout": self.out[:2000].decode("utf-8", "replace"),
                "stdout_bytes": self.out_total,
                "stderr": err[:3000], "stderr_last": self.last_err_line()}


def run_proc(cmd, cwd, timeout, env):
    """Run cmd in its own session with stdin /dev/null; kill its process
    group on timeout.  The leader is waited for without reaping (WNOWAIT),
    so its group id cannot be recycled before the group is killed."""
    p = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         start_new_session=True)
    out, err = Capture(p.stdout), Capture(p.stderr)
    deadline, delay, timed_out = time.monotonic() + timeout, 0.001, False
    while os.waitid(os.P_PID, p.pid,
                    os.WEXITED | os.WNOHANG | os.WNOWAIT) is None:
        if time.monotonic() > deadline:
            timed_out = True
            break
        time.sleep(delay)
        delay = min(delay * 2, 0.02)
    try:
        os.killpg(p.pid, signal.SIGKILL)  # stragglers in the group, if any
    except ProcessLookupError:
        pass
    p.wait()
    out.join(5)
    err.join(5)
    return Result(p.returncode, out, err, timed_out)


def is_panic(r):
    """apy crashed rather than reporting an error the Python way."""
    text = r.err.decode("utf-8", "replace")
    return ("panicked" in text or "internal error" in text
            or r.rc in (70, 134, 139) or r.rc < 0)


def parse_apy_error(r):
    """(class, message, line) from `apy check` stderr: the first
    `  File "...", line N` line and the last `Class: message` line."""
    text = r.err.decode("utf-8", "replace")
    m = re.search(r'^\s*File ".*", line (\d+)', text, re.M)
    last = r.last_err_line()
    c = re.match(r"([A-Za-z_][\w.]*)(?::\s?(.*))?$", last)
    cls, msg = (c.group(1), c.group(2) or "") if c else ("?", last)
    return cls, msg, int(m.group(1)) if m else None


# ---------------------------------------------------------------- evaluation

class Fuzzer:
    def __init__(self, args):
        self.args = args
        self.env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1",
                        PYTHONIOENCODING="utf-8", NO_COLOR="1")
        self.deadline = (time.monotonic() + args.max_minutes * 60
                         if args.max_minutes else None)

    def run_in_fresh_dir(self, cmd, text):
        """Write the mutant as mutant.py in a new temp dir and run cmd there."""
        d = tempfile.mkdtemp(prefix="apyfuzz-")
        try:
            with open(os.path.join(d, "mutant.py"), "w", encoding="utf-8",
                      errors="surrogatepass") as f:
                f.write(text)
            return run_proc(cmd + ["mutant.py"], d, self.args.timeout, self.env)
        finally:
            shutil.rmtree(d, ignore_errors=True)

    def evaluate(self, mutant):
        """Check, then (if both accept and the mode asks) run one mutant."""
        if self.deadline and time.monotonic() > self.deadline:
            return None
        index, name, ops, text = mutant
        res = {"index": index, "seed": os.path.relpath(name, REPO),
               "ops": ops, "text": text}
        cp = self.run_in_fresh_dir([self.args.python, "-c", COMPILE_WORKER], text)
        ap = self.run_in_fresh_dir([self.args.apy, "check", "--color", "never"], text)
        res["check"], res["cpython"], res["apy"] = self.classify_check(cp, ap)
        res["check_outputs"] = {"cpython": cp.brief(), "apy": ap.brief()}
        if res["check"] == C_OK and self.args.mode in ("run", "both"):
            res["run"], res["run_diffs"], res["run_outputs"] = self.run_both(text)
        return res

    def classify_check(self, cp, ap):
        """Category plus 'Class: msg (line N)' descriptions of both sides."""
        try:
            c = json.loads(cp.out.decode())
            cdesc = "(accepts)" if c["ok"] else "%s: %s (line %s)" % (
                c["cls"], c["msg"], c["line"])
        except ValueError:
            c, cdesc = None, "(no result, rc=%s)" % cp.rc
        if ap.timed_out:
            return C_HANG, cdesc, "(timeout)"
        if is_panic(ap):
            return C_PANIC, cdesc, "exit %s: %s" % (ap.rc, ap.last_err_line())
        if c is None:
            return C_CPY_TIMEOUT, cdesc, None
        a = None if ap.rc == 0 else parse_apy_error(ap)
        adesc = "(accepts)" if a is None else "%s: %s (line %s)" % a
        if c["ok"] and a is None:
            cat = C_OK
        elif a is None:
            cat = C_ACCEPTS
        elif c["ok"]:
            cat = C_REJECTS
        elif (c["cls"], c["msg"]) != a[:2]:
            cat = C_DIFF
        else:
            cat = C_SAME if c["line"] == a[2] else C_SAME_MSG
        return cat, cdesc, adesc

    def run_both(self, text):
        """Run CPython twice (to spot nondeterminism) and apy once."""
        py = [self.args.python]
        c1 = self.run_in_fresh_dir(py, text)
        if c1.timed_out:
            return R_SKIP_TIMEOUT, [], {"cpython": c1.brief()}
        key = lambda r: (r.rc, r.out_sha, r.last_err_line())
        if ADDRESS.search(c1.out) or ADDRESS.search(c1.err_tail):
            return R_SKIP_NONDET, [], {"cpython": c1.brief()}
        c2 = self.run_in_fresh_dir(py, text)
        if c2.timed_out or key(c1) != key(c2):
            return R_SKIP_NONDET, [], {"cpython": c1.brief()}
        a = self.run_in_fresh_dir([self.args.apy, "run", "--color", "never"], text)
        outs = {"cpython": c1.brief(), "apy": a.brief()}
        if a.timed_out:
            return R_HANG, [], outs
        if is_panic(a) and a.rc != c1.rc:
            return R_PANIC, [], outs
        diffs = [what for what, differs in [
            ("exit", a.rc != c1.rc), ("stdout", a.out_sha != c1.out_sha),
            ("exception" if a.rc and c1.rc else "stderr",
             a.last_err_line() != c1.last_err_line())] if differs]
        return ("run: differs: " + "+".join(diffs)) if diffs else R_AGREE, diffs, outs


# ------------------------------------------------------------------- report

def slug(category):
    return re.sub(r"[^a-z0-9]+", "-", category.lower()).strip("-")


def save_mutant(out_dir, res, category):
    """Write a disagreeing mutant with a header comment saying why."""
    folder = os.path.join(out_dir, slug(category))
    os.makedirs(folder, exist_ok=True)
    head = ["# apy differential fuzz: mutant #%d" % res["index"],
            "# category: %s" % category, "# seed file: %s" % res["seed"],
            "# mutations: %s" % "; ".join(res["ops"])]
    if category.startswith("check"):
        head += ["# CPython compile(): %s" % res["cpython"],
                 "# apy check:        %s" % res["apy"]]
    else:
        head += ["# %s run: exit %s, %d stdout bytes, stderr last: %s" % (
            side, o["rc"], o["stdout_bytes"], o["stderr_last"][:200])
            for side, o in res["run_outputs"].items()]
    head = [h.replace("\n", "\\n") for h in head]
    head.append("# (these %d header lines shift line numbers; reported lines"
                " are for the mutant without them)" % (len(head) + 1))
    path = os.path.join(folder, "%05d.py" % res["index"])
    with open(path, "w", encoding="utf-8", errors="surrogatepass") as f:
        f.write("\n".join(head) + "\n" + res["text"])
    return path


def report(results, args, elapsed, planned):
    """Print the summary tables and write --out files and --json."""
    counts, pairs, serious = collections.Counter(), collections.Counter(), []
    for res in results:
        for cat in [res["check"]] + ([res["run"]] if "run" in res else []):
            counts[cat] += 1
            if cat not in QUIET:
                res.setdefault("disagree", []).append(cat)
                if args.out:
                    res.setdefault("saved", []).append(save_mutant(args.out, res, cat))
            if "SERIOUS" in cat.upper():
                serious.append((cat, res))
        if res["check"] in (C_DIFF, C_ACCEPTS, C_REJECTS):
            strip = lambda s: re.sub(r" \(line \S+\)$", "", s or "")
            pairs[(strip(res["cpython"]), strip(res["apy"]))] += 1
    both_reject = counts[C_SAME] + counts[C_SAME_MSG] + counts[C_DIFF]
    rate = (counts[C_SAME] + counts[C_SAME_MSG]) / max(both_reject, 1)
    strict = counts[C_SAME] / max(both_reject, 1)

    print("apy differential fuzz: %d of %d mutants evaluated in %.0f s "
          "(seed %s, mode %s)" % (len(results), planned, elapsed, args.seed, args.mode))
    run_cats = sorted(c for c in counts if c.startswith("run"))
    print("\n%-58s %7s %7s" % ("category", "count", "%"))
    for cat in CHECK_ORDER + run_cats:
        base = len(results) if cat.startswith("check") else \
            sum(counts[c] for c in run_cats)
        if counts[cat] or cat.startswith("check"):
            print("%-58s %7d %6.1f%%" % (cat, counts[cat],
                                          100 * counts[cat] / max(base, 1)))
    print("\nSyntaxError message agreement (same class+message / both reject): "
          "%d/%d = %.1f%%  (also same line: %.1f%%)"
          % (counts[C_SAME] + counts[C_SAME_MSG], both_reject, 100 * rate,
             100 * strict))
    print("\nTop 30 disagreement pairs (CPython -> apy):")
    for (c, a), n in pairs.most_common(30):
        print("%5d  %s\n       -> %s" % (n, c, a))
    print("\nSERIOUS/serious cases: %d" % len(serious))
    for cat, res in serious:
        sides = [res.get("cpython"), res.get("apy")]
        if cat.startswith("run"):
            sides = ["exit %s: %s" % (o["rc"], o["stderr_last"]) for o in
                     (res["run_outputs"]["cpython"], res["run_outputs"]["apy"])]
        print("  #%d %s  [%s]  %s\n      cpython: %s\n      apy:     %s%s" % (
            res["index"], cat, res["seed"], "; ".join(res["ops"]), *sides,
            "\n      saved: " + res["saved"][-1] if res.get("saved") else ""))
    if args.json:
        summary = {
            "args": vars(args), "elapsed_s": elapsed, "planned": planned,
            "evaluated": len(results), "counts": dict(counts),
            "both_reject": both_reject, "agreement_rate": rate,
            "agreement_rate_with_line": strict,
            "top_pairs": [{"cpython": c, "apy": a, "count": n}
                          for (c, a), n in pairs.most_common(100)],
            "serious": [dict(res, category=cat) for cat, res in serious],
            "disagreements": [
                {k: res.get(k) for k in ("index", "seed", "ops", "check", "cpython",
                                         "apy", "run", "run_outputs", "saved")}
                for res in results if res.get("disagree")],
        }
        with open(args.json, "w") as f:
            json.dump(summary, f, indent=1)
    return len(serious)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", action="append", metavar="DIR")
    ap.add_argument("--apy", default=os.path.join(REPO, "target/release/apy"))
    ap.add_argument("--python", default="python3")
    ap.add_argument("--mutants", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=10)
    ap.add_argument("--mode", choices=("check", "run", "both"), default="both")
    ap.add_argument("--out")
    ap.add_argument("--json")
    ap.add_argument("--max-minutes", type=float, default=0,
                    help="stop starting new mutants after this long (0: never)")
    args = ap.parse_args()
    args.apy = os.path.abspath(args.apy) if "/" in args.apy else args.apy
    dirs = args.seeds or [os.path.join(REPO, "tests", "conformance")]
    seeds = []
    for d in dirs:
        for fn in sorted(os.listdir(d)):
            if fn.endswith(".apy"):
                with open(os.path.join(d, fn), encoding="utf-8") as f:
                    seeds.append((os.path.join(d, fn), f.read()))
    if not seeds:
        sys.exit("no *.apy seeds in %s" % dirs)
    resource.setrlimit(resource.RLIMIT_AS, (MEM_LIMIT, MEM_LIMIT))
    fuzzer = Fuzzer(args)
    mutants = list(make_mutants(random.Random(args.seed), seeds, args.mutants))
    results, started = [], time.monotonic()
    with cf.ThreadPoolExecutor(args.jobs) as pool:
        futures = [pool.submit(fuzzer.evaluate, m) for m in mutants]
        for done, fut in enumerate(cf.as_completed(futures), 1):
            res = fut.result()
            if res is not None:
                results.append(res)
            if done % 500 == 0:
                bad = sum("SERIOUS" in (r["check"] + r.get("run", "")).upper()
                          for r in results)
                print("[fuzz] %d/%d done, %.0f s, %d serious so far" % (
                    done, len(mutants), time.monotonic() - started, bad),
                    file=sys.stderr, flush=True)
    results.sort(key=lambda r: r["index"])
    serious = report(results, args, time.monotonic() - started, len(mutants))
    # The exit status is CI's verdict: any SERIOUS/serious case fails the run.
    sys.exit(1 if serious else 0)


if __name__ == "__main__":
    main()
