"""`platform`: facts about the machine, the operating system and the interpreter.

CPython's module gathers most of its answers from `os.uname()`, from parsing
`sys.version` with regular expressions, and from helper programs (`uname -p`,
`file`). apy has no `re`, and its `os` may lack `uname`, so:

- `uname()` uses `os.uname()` when present, otherwise the Linux files under
  /proc/sys/kernel (ostype, hostname, osrelease, version, arch), which hold the
  same strings. `processor()` runs `uname -p` like CPython does on Linux (lazily,
  and "unknown" becomes "").
- `architecture()` reads the executable's ELF header instead of running
  `file`, which yields the same ('64bit', 'ELF') answer for ELF programs and
  ('<pointer size>bit', '') for anything else.
- `libc_ver()` with no executable asks `os.confstr` when apy has it, as CPython
  does, and otherwise reads the version from the banner of the C library the
  process has mapped (/proc/self/maps). With an explicit executable it scans
  the file for GLIBC_x.y symbol versions, the highest of which wins, as CPython's
  scan does for glibc binaries.
- The interpreter facts come from `sys.version_info` and `sys.implementation`;
  `python_implementation()` maps `sys.implementation.name` to CPython's
  spelling ("cpython" -> "CPython", and likewise PyPy, IronPython, Jython) and
  returns any other name unchanged (apy reports "apy" there). The build number,
  date and compiler come from `sys.version` when it has CPython's shape
  "X.Y.Z (build, date, time) [compiler]"; apy's "3.11.7 (apy)" gives build
  "apy" and empty date and compiler.

Not provided: the Windows, macOS and Java specifics (`win32_ver`, `mac_ver`,
`java_ver`, `win32_edition`, `win32_is_iot` return CPython's "not that
platform" answers), the SunOS/IRIX/Windows renamings of `system_alias`, the
PyPy/IronPython/Jython `sys.version` parsers and other C libraries than glibc
in `libc_ver`.
"""

import sys
import os
import collections
import functools
import itertools

__version__ = "1.0.8"

_IMPLEMENTATION_NAMES = {
    "cpython": "CPython",
    "pypy": "PyPy",
    "ironpython": "IronPython",
    "jython": "Jython",
}

# ---------------------------------------------------------------------------
# uname


class uname_result(collections.namedtuple("uname_result_base",
                                          "system node release version machine")):
    """A uname() result: a 5-field named tuple plus a lazily computed
    `processor`, which iteration, indexing and len() include."""

    _fields = ("system", "node", "release", "version", "machine", "processor")

    @functools.cached_property
    def processor(self):
        return _unknown_as_blank(_processor_name())

    def __iter__(self):
        return itertools.chain(super().__iter__(), (self.processor,))

    @classmethod
    def _make(cls, iterable):
        # Ignore a trailing processor value when rebuilding from a sequence.
        num_fields = len(cls._fields) - 1
        result = cls.__new__(cls, *iterable)
        if len(result) != num_fields + 1:
            msg = f"Expected {num_fields} arguments, got {len(result)}"
            raise TypeError(msg)
        return result

    def __getitem__(self, key):
        return tuple(self)[key]

    def __len__(self):
        return len(tuple(iter(self)))

    def __reduce__(self):
        return uname_result, tuple(self)[:len(self._fields) - 1]


_uname_cache = None


def _unknown_as_blank(val):
    return "" if val == "unknown" else val


def _read_proc(name):
    try:
        with open("/proc/sys/kernel/" + name) as f:
            return f.read().strip()
    except OSError:
        return ""


def _os_uname():
    if hasattr(os, "uname"):
        return tuple(os.uname())
    return (_read_proc("ostype") or sys.platform.capitalize(),
            _read_proc("hostname"), _read_proc("osrelease"),
            _read_proc("version"), _read_proc("arch"))


def uname():
    """Return (system, node, release, version, machine, processor) as a named
    tuple; fields that cannot be determined are ''."""
    global _uname_cache
    if _uname_cache is not None:
        return _uname_cache
    try:
        system, node, release, version, machine = _os_uname()
    except (AttributeError, OSError, ValueError):
        system = node = release = version = machine = ""
    if not any((system, node, release, version, machine)):
        system = sys.platform
        node = _node()
    if system == "Microsoft" and release == "Windows":
        system = "Windows"
        release = "Vista"
    vals = system, node, release, version, machine
    _uname_cache = uname_result(*map(_unknown_as_blank, vals))
    return _uname_cache


def _node(default=""):
    try:
        import socket
    except ImportError:
        return default
    try:
        return socket.gethostname()
    except OSError:
        return default


def _processor_name():
    if sys.platform == "win32" or sys.platform == "darwin":
        return ""
    try:
        import subprocess
    except ImportError:
        return ""
    try:
        return subprocess.check_output(["uname", "-p"], stderr=subprocess.DEVNULL,
                                       text=True, encoding="utf8").strip()
    except Exception:
        return ""


def system():
    """The system/OS name, e.g. 'Linux', 'Windows' or 'Java'; '' if unknown."""
    return uname().system


def node():
    """The computer's network name (possibly not fully qualified); '' if unknown."""
    return uname().node


def release():
    """The system's release, e.g. '2.2.0' or 'NT'; '' if unknown."""
    return uname().release


def version():
    """The system's release version, e.g. '#3 on degas'; '' if unknown."""
    return uname().version


def machine():
    """The machine type, e.g. 'i386' or 'x86_64'; '' if unknown."""
    return uname().machine


def processor():
    """The (true) processor name, e.g. 'amdk6'; '' if unknown."""
    return uname().processor


def system_alias(system, release, version):
    """Return (system, release, version) aliased to common marketing names.
    apy knows no aliases for the systems it runs on."""
    return system, release, version


# ---------------------------------------------------------------------------
# Interpreter facts

_sys_version_cache = {}


def _sys_version(sys_version=None):
    # (name, version, branch, revision, buildno, builddate, compiler)
    if sys_version is None:
        sys_version = sys.version
    result = _sys_version_cache.get(sys_version)
    if result is not None:
        return result
    version, _, rest = sys_version.partition(" ")
    buildno = builddate = compiler = ""
    rest = rest.strip()
    if rest.startswith("("):
        close = rest.find(")")
        if close > 0:
            parts = [p.strip() for p in rest[1:close].split(",")]
            buildno = parts[0].lstrip("#")
            builddate = " ".join(p for p in parts[1:3] if p)
            tail = rest[close + 1:].strip()
            if tail.startswith("["):
                compiler = tail[1:].split("]", 1)[0]
    if version.count(".") == 1:
        version += ".0"
    name = python_implementation()
    git = getattr(sys, "_git", None)
    if git:
        _, branch, revision = git
    else:
        branch = revision = ""
    result = (name, version, branch, revision, buildno, builddate, compiler)
    _sys_version_cache[sys_version] = result
    return result


def python_implementation():
    """The Python implementation, as sys.implementation names it ('CPython',
    'PyPy', ... or the name itself when it has no other spelling)."""
    name = sys.implementation.name
    return _IMPLEMENTATION_NAMES.get(name, name)


def python_version():
    """The Python version as 'major.minor.patchlevel'."""
    info = sys.version_info
    return "%d.%d.%d" % (info[0], info[1], info[2])


def python_version_tuple():
    """The Python version as a tuple of three strings (major, minor, patchlevel)."""
    return tuple(python_version().split("."))


def python_branch():
    """The branch the interpreter was built from; '' if unknown."""
    return _sys_version()[2]


def python_revision():
    """The revision the interpreter was built from; '' if unknown."""
    return _sys_version()[3]


def python_build():
    """(buildno, builddate) of the interpreter."""
    return _sys_version()[4:6]


def python_compiler():
    """The compiler the interpreter was built with."""
    return _sys_version()[6]


# ---------------------------------------------------------------------------
# Executables and the C library

def _version_key(version):
    key = []
    for part in version.replace("-", ".").replace("_", ".").split("."):
        key.append((1, int(part)) if part.isdigit() else (0, part))
    return key


def _mapped_libc():
    try:
        with open("/proc/self/maps") as f:
            for line in f:
                path = line.split(None, 5)[-1].strip()
                base = path.rsplit("/", 1)[-1]
                if base.startswith("libc.so") or base.startswith("libc-"):
                    return path
    except OSError:
        pass
    return None


def _libc_banner_version(path):
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return None
    marker = b" release version "
    at = data.find(marker)
    if at < 0:
        return None
    at += len(marker)
    end = at
    while end < len(data) and (data[end:end + 1].isdigit() or data[end:end + 1] == b"."):
        end += 1
    found = data[at:end].decode("latin-1").rstrip(".")
    return found or None


def libc_ver(executable=None, lib="", version="", chunksize=16384):
    """Return (lib, version): the C library and its version.

    With no executable, the library this process runs with; otherwise what the
    given file was linked against. The defaults are returned when unknown.
    """
    if not executable:
        confstr = getattr(os, "confstr", None)
        if confstr is not None:
            try:
                ver = confstr("CS_GNU_LIBC_VERSION")
            except (AttributeError, ValueError, OSError):
                ver = None
            if ver:
                parts = ver.split(maxsplit=1)
                if len(parts) == 2:
                    return tuple(parts)
        path = _mapped_libc()
        if path is not None:
            found = _libc_banner_version(path)
            if found is not None:
                return "glibc", found
        try:
            executable = os.path.realpath(sys.executable)
        except ValueError:
            executable = sys.executable
        if not executable:
            return lib, version
    with open(executable, "rb") as f:
        data = f.read()
    best = None
    marker = b"GLIBC_"
    at = data.find(marker)
    while at >= 0:
        start = at + len(marker)
        end = start
        while end < len(data) and (data[end:end + 1].isdigit() or data[end:end + 1] == b"."):
            end += 1
        if end > start:
            found = data[start:end].decode("latin-1")
            if best is None or _version_key(found) > _version_key(best):
                best = found
        at = data.find(marker, end)
    if best is not None:
        return "glibc", best
    if b"__libc_init" in data and not lib:
        return "libc", version
    return lib, version


_default_architecture = {
    "win32": ("", "WindowsPE"),
    "win16": ("", "Windows"),
    "dos": ("", "MSDOS"),
}


def architecture(executable=sys.executable, bits="", linkage=""):
    """Return (bits, linkage) for the given executable: e.g. ('64bit', 'ELF').

    bits defaults to the interpreter's pointer size.
    """
    if not bits:
        import struct
        bits = str(struct.calcsize("P") * 8) + "bit"
    if not executable:
        return bits, linkage
    executable = os.fspath(executable)
    try:
        with open(executable, "rb") as f:
            header = f.read(18)
    except OSError:
        header = b""
    if header[:4] != b"\x7fELF" or len(header) < 18:
        if not header and executable == sys.executable:
            b, l = _default_architecture.get(sys.platform, ("", ""))
            bits = b or bits
            linkage = l or linkage
        return bits, linkage
    # e_type (offset 16) tells executables and shared objects from the rest.
    order = "little" if header[5] == 1 else "big"
    e_type = int.from_bytes(header[16:18], order)
    if e_type not in (2, 3):
        return bits, linkage
    if header[4] == 1:
        bits = "32bit"
    elif header[4] == 2:
        bits = "64bit"
    return bits, "ELF"


# ---------------------------------------------------------------------------
# platform()

_platform_cache = {}


def _platform(*args):
    # Joins the non-empty parts with '-' and makes the result filename-safe.
    platform = "-".join(x.strip() for x in filter(len, args))
    for bad, good in ((" ", "_"), ("/", "-"), ("\\", "-"), (":", "-"),
                      (";", "-"), ('"', "-"), ("(", "-"), (")", "-")):
        platform = platform.replace(bad, good)
    platform = platform.replace("unknown", "")
    while True:
        cleaned = platform.replace("--", "-")
        if cleaned == platform:
            break
        platform = cleaned
    while platform and platform[-1] == "-":
        platform = platform[:-1]
    return platform


def platform(aliased=False, terse=False):
    """A single string identifying the underlying platform, as much detail as
    possible: e.g. 'Linux-6.1.0-x86_64-with-glibc2.36'."""
    result = _platform_cache.get((aliased, terse))
    if result is not None:
        return result
    system, node, release, version, machine, processor = uname()
    if machine == processor:
        processor = ""
    if aliased:
        system, release, version = system_alias(system, release, version)
    if system == "Linux":
        libcname, libcversion = libc_ver()
        result = _platform(system, release, machine, processor, "with",
                           libcname + libcversion)
    elif terse:
        result = _platform(system, release)
    else:
        bits, linkage = architecture(sys.executable)
        result = _platform(system, release, machine, processor, bits, linkage)
    _platform_cache[(aliased, terse)] = result
    return result


# ---------------------------------------------------------------------------
# os-release

_os_release_candidates = ("/etc/os-release", "/usr/lib/os-release")
_os_release_cache = None


def _parse_os_release(lines):
    info = {"NAME": "Linux", "ID": "linux", "PRETTY_NAME": "Linux"}
    for line in lines:
        line = line.rstrip("\n")
        name, eq, value = line.partition("=")
        if not eq or not name or not all(c.isascii() and (c.isalnum() or c == "_")
                                         for c in name):
            continue
        if len(value) >= 2 and value[0] in "\"'" and value[-1] == value[0]:
            value = value[1:-1]
        info[name] = _unescape(value)
    return info


def _unescape(value):
    # A backslash before one of \ $ " ' ` stands for that character.
    out = []
    i = 0
    while i < len(value):
        c = value[i]
        if c == "\\" and i + 1 < len(value) and value[i + 1] in "\\$\"'`":
            out.append(value[i + 1])
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def freedesktop_os_release():
    """Return the operating system identification from the os-release file."""
    global _os_release_cache
    if _os_release_cache is None:
        errno = None
        for candidate in _os_release_candidates:
            try:
                with open(candidate, encoding="utf-8") as f:
                    _os_release_cache = _parse_os_release(f)
                break
            except OSError as e:
                errno = e.errno
        else:
            raise OSError(errno, "Unable to read files %s"
                          % ", ".join(_os_release_candidates))
    return _os_release_cache.copy()


# ---------------------------------------------------------------------------
# Other platforms: the answers CPython gives when not running on them

def win32_ver(release="", version="", csd="", ptype=""):
    return release, version, csd, ptype


def win32_edition():
    return None


def win32_is_iot():
    return False


def mac_ver(release="", versioninfo=("", "", ""), machine=""):
    return release, versioninfo, machine


def java_ver(release="", vendor="", vminfo=("", "", ""), osinfo=("", "", "")):
    return release, vendor, vminfo, osinfo
