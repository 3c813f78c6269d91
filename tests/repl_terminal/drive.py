"""Drives `apy` at a pseudo-terminal, as a person would: keys one at a time, pauses
between lines, and the terminal's answer to rustyline's cursor-position query. Prints
the transcript (with the terminal's escape sequences) to stdout.

usage: drive.py APY STEPS_JSON   -- STEPS_JSON: [[text, pause_seconds], ...]
"""
import json
import os
import pty
import select
import sys
import time

apy, steps = sys.argv[1], json.loads(sys.argv[2])
pid, fd = pty.fork()
if pid == 0:
    # No history file is read or written: HOME is a fresh directory.
    os.environ["HOME"] = os.environ.get("APY_TEST_HOME", "/nonexistent")
    os.environ.pop("XDG_STATE_HOME", None)
    os.execv(apy, [apy, "-q"])

out = b""


def pump(seconds):
    global out
    end = time.time() + seconds
    while time.time() < end:
        ready, _, _ = select.select([fd], [], [], 0.02)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            return
        out += chunk
        for _ in range(chunk.count(b"\x1b[6n")):
            os.write(fd, b"\x1b[1;1R")


pump(0.5)
for text, pause in steps:
    for c in text:
        os.write(fd, c.encode())
        pump(0.01)
    pump(pause)
deadline = time.time() + 10
while time.time() < deadline:
    pump(0.1)
    done, _ = os.waitpid(pid, os.WNOHANG)
    if done:
        break
    # The terminal may be closed already (pump returns at once): wait a little.
    time.sleep(0.05)
else:
    os.kill(pid, 9)
    os.waitpid(pid, 0)
    out += b"\n[drive.py: apy did not end]\n"
sys.stdout.write(out.decode(errors="replace"))
