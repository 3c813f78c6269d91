# subprocess: running child processes from a synchronous script (Popen, run,
# check_output, call...), on the native `_subprocess` module. The exceptions and
# reprs are CPython's; the text mode decodes UTF-8 with universal newlines.

import os
import _subprocess
from time import monotonic as _time

__all__ = ["Popen", "PIPE", "STDOUT", "call", "check_call", "getstatusoutput",
           "getoutput", "check_output", "run", "CalledProcessError", "DEVNULL",
           "SubprocessError", "TimeoutExpired", "CompletedProcess"]

PIPE = -1
STDOUT = -2
DEVNULL = -3

_SIGNAL_NAMES = {1: 'SIGHUP', 2: 'SIGINT', 3: 'SIGQUIT', 4: 'SIGILL', 5: 'SIGTRAP',
                 6: 'SIGABRT', 7: 'SIGBUS', 8: 'SIGFPE', 9: 'SIGKILL', 10: 'SIGUSR1',
                 11: 'SIGSEGV', 12: 'SIGUSR2', 13: 'SIGPIPE', 14: 'SIGALRM',
                 15: 'SIGTERM', 17: 'SIGCHLD', 18: 'SIGCONT', 19: 'SIGSTOP',
                 20: 'SIGTSTP', 21: 'SIGTTIN', 22: 'SIGTTOU', 23: 'SIGURG',
                 24: 'SIGXCPU', 25: 'SIGXFSZ', 26: 'SIGVTALRM', 27: 'SIGPROF',
                 28: 'SIGWINCH', 29: 'SIGIO', 30: 'SIGPWR', 31: 'SIGSYS'}


def _signal_repr(signum):
    try:
        import signal
        return repr(signal.Signals(signum))
    except (ImportError, ValueError, AttributeError):
        name = _SIGNAL_NAMES.get(signum)
        return f'<Signals.{name}: {signum}>' if name else str(signum)


class SubprocessError(Exception):
    pass


class CalledProcessError(SubprocessError):
    """Raised by check_call(), check_output() and run(check=True) when the process
    exits with a non-zero status."""

    def __init__(self, returncode, cmd, output=None, stderr=None):
        self.returncode = returncode
        self.cmd = cmd
        self.output = output
        self.stderr = stderr

    def __str__(self):
        if self.returncode and self.returncode < 0:
            return "Command '%s' died with %s." % (
                self.cmd, _signal_repr(-self.returncode))
        return "Command '%s' returned non-zero exit status %d." % (
            self.cmd, self.returncode)

    @property
    def stdout(self):
        """Alias for output attribute, to match stderr"""
        return self.output

    @stdout.setter
    def stdout(self, value):
        self.output = value


class TimeoutExpired(SubprocessError):
    """The timeout passed before the child process ended."""

    def __init__(self, cmd, timeout, output=None, stderr=None):
        self.cmd = cmd
        self.timeout = timeout
        self.output = output
        self.stderr = stderr

    def __str__(self):
        return ("Command '%s' timed out after %s seconds" %
                (self.cmd, self.timeout))

    @property
    def stdout(self):
        return self.output

    @stdout.setter
    def stdout(self, value):
        self.output = value


class CompletedProcess:
    """What run() returns: the args, the returncode, and the captured output."""

    def __init__(self, args, returncode, stdout=None, stderr=None):
        self.args = args
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr

    def __repr__(self):
        args = ['args={!r}'.format(self.args),
                'returncode={!r}'.format(self.returncode)]
        if self.stdout is not None:
            args.append('stdout={!r}'.format(self.stdout))
        if self.stderr is not None:
            args.append('stderr={!r}'.format(self.stderr))
        return "{}({})".format(type(self).__name__, ', '.join(args))

    def check_returncode(self):
        """Raise CalledProcessError if the exit code is non-zero."""
        if self.returncode:
            raise CalledProcessError(self.returncode, self.args, self.stdout,
                                     self.stderr)


def _stream_arg(value):
    if value is None or isinstance(value, int):
        return value
    try:
        return value.fileno()
    except AttributeError:
        raise TypeError(f"bad stream argument: {value!r}") from None


def _translate_newlines(text):
    return text.replace('\r\n', '\n').replace('\r', '\n')


class Popen:
    """A child process."""

    def __init__(self, args, bufsize=-1, executable=None,
                 stdin=None, stdout=None, stderr=None,
                 preexec_fn=None, close_fds=True,
                 shell=False, cwd=None, env=None, universal_newlines=None,
                 startupinfo=None, creationflags=0,
                 restore_signals=True, start_new_session=False,
                 pass_fds=(), *, user=None, group=None, extra_groups=None,
                 encoding=None, errors=None, text=None, umask=-1, pipesize=-1,
                 process_group=None):
        self.args = args
        self.returncode = None
        self.encoding = encoding
        self.errors = errors
        self.text_mode = bool(encoding or errors or text or universal_newlines)
        if universal_newlines is not None and text is not None and \
                bool(universal_newlines) != bool(text):
            raise SubprocessError('Cannot disambiguate when both text '
                                  'and universal_newlines are supplied but '
                                  'different. Pass one or the other.')
        if preexec_fn is not None:
            raise NotImplementedError('apy cannot run preexec_fn in the child')
        if isinstance(args, (str, bytes)):
            args = [args]
        elif hasattr(type(args), '__fspath__'):
            if shell:
                raise TypeError('path-like args is not allowed when '
                                'shell is true')
            args = [args]
        else:
            args = list(args)
        if shell:
            unix_shell = '/bin/sh'
            args = [unix_shell, "-c"] + args
            if executable:
                args[0] = executable
                executable = None
        if stderr == STDOUT and stdout is None:
            stdout_arg = None
        else:
            stdout_arg = _stream_arg(stdout)
        self._child, in_fd, out_fd, err_fd = _subprocess.spawn(
            args, executable, cwd, env, _stream_arg(stdin), stdout_arg,
            _stream_arg(stderr), start_new_session or process_group == 0)
        self.pid = self._child._pid()
        self.stdin = self.stdout = self.stderr = None
        if in_fd != -1:
            if self.text_mode:
                self.stdin = open(in_fd, 'w', encoding=encoding or 'utf-8',
                                  errors=errors)
            else:
                self.stdin = open(in_fd, 'wb')
        if out_fd != -1:
            self.stdout = self._reader(out_fd)
        if err_fd != -1:
            self.stderr = self._reader(err_fd)

    def _reader(self, fd):
        if self.text_mode:
            return open(fd, 'r', encoding=self.encoding or 'utf-8',
                        errors=self.errors)
        return open(fd, 'rb')

    def __repr__(self):
        return (f"<{self.__class__.__name__}: "
                f"returncode: {self.returncode} args: {self.args!r}>")

    def __enter__(self):
        return self

    def __exit__(self, exc_type, value, traceback):
        if self.stdout:
            self.stdout.close()
        if self.stderr:
            self.stderr.close()
        try:
            if self.stdin:
                self.stdin.close()
        finally:
            self.wait()

    def poll(self):
        """The returncode if the child has exited, else None."""
        if self.returncode is None:
            self.returncode = self._child.poll()
        return self.returncode

    def wait(self, timeout=None):
        """Wait for the child to exit; return its returncode."""
        if self.returncode is not None:
            return self.returncode
        rc = self._child.wait(timeout)
        if rc is None:
            raise TimeoutExpired(self.args, timeout)
        self.returncode = rc
        return rc

    def _decode(self, data):
        if data is None or not self.text_mode:
            return data
        return _translate_newlines(
            data.decode(self.encoding or 'utf-8', self.errors or 'strict'))

    def communicate(self, input=None, timeout=None):
        """Send input to stdin, read stdout and stderr to the end, wait for the
        child: (stdout_data, stderr_data)."""
        if input is not None and self.stdin is None:
            raise ValueError("Cannot send input after starting communication")
        if self.text_mode and input is not None:
            input = input.encode(self.encoding or 'utf-8',
                                 self.errors or 'strict')
        endtime = None if timeout is None else _time() + timeout
        # The input goes through a descriptor of its own, which `communicate`
        # closes once everything is written: the child then sees EOF.
        stdin_fd = -1
        if self.stdin is not None:
            self.stdin.flush()
            if input:
                stdin_fd = os.dup(self.stdin.fileno())
            try:
                self.stdin.close()
            except BrokenPipeError:
                pass
        fds = [f.fileno() if f is not None else -1
               for f in (self.stdout, self.stderr)]
        out, err, timed_out = _subprocess.communicate(
            stdin_fd, fds[0], fds[1], input, timeout)
        if timed_out:
            raise TimeoutExpired(self.args, timeout, output=self._decode(out),
                                 stderr=self._decode(err))
        for f in (self.stdout, self.stderr):
            if f is not None:
                f.close()
        # As in CPython, the wait gets what is left of the timeout (and a
        # TimeoutExpired raised here names that).
        self.wait(timeout=None if endtime is None else endtime - _time())
        return self._decode(out), self._decode(err)

    def send_signal(self, sig):
        """Send a signal to the child (nothing once it has exited)."""
        self.poll()
        if self.returncode is not None:
            return
        self._child.send_signal(sig)

    def terminate(self):
        """SIGTERM the child."""
        self.send_signal(15)

    def kill(self):
        """SIGKILL the child."""
        self.send_signal(9)

    def _watch(self, loop, callback, *args):
        # asyncio's child watching: the loop waits for the child from now on.
        self._child.watch(loop, callback, *args)


def call(*popenargs, timeout=None, **kwargs):
    """Run a command, wait for it, return its returncode."""
    with Popen(*popenargs, **kwargs) as p:
        try:
            return p.wait(timeout=timeout)
        except:
            p.kill()
            raise


def check_call(*popenargs, **kwargs):
    """Like call(), but a non-zero returncode raises CalledProcessError."""
    retcode = call(*popenargs, **kwargs)
    if retcode:
        cmd = kwargs.get("args")
        if cmd is None:
            cmd = popenargs[0]
        raise CalledProcessError(retcode, cmd)
    return 0


def check_output(*popenargs, timeout=None, **kwargs):
    """Run a command and return its output; a non-zero returncode raises
    CalledProcessError."""
    for kw in ('stdout', 'check'):
        if kw in kwargs:
            raise ValueError(f'{kw} argument not allowed, it will be overridden.')
    if 'input' in kwargs and kwargs['input'] is None:
        if kwargs.get('universal_newlines') or kwargs.get('text') or \
                kwargs.get('encoding') or kwargs.get('errors'):
            empty = ''
        else:
            empty = b''
        kwargs['input'] = empty
    return run(*popenargs, stdout=PIPE, timeout=timeout, check=True,
               **kwargs).stdout


def run(*popenargs, input=None, capture_output=False, timeout=None,
        check=False, **kwargs):
    """Run a command, wait for it, return a CompletedProcess."""
    if input is not None:
        if kwargs.get('stdin') is not None:
            raise ValueError('stdin and input arguments may not both be used.')
        kwargs['stdin'] = PIPE
    if capture_output:
        if kwargs.get('stdout') is not None or kwargs.get('stderr') is not None:
            raise ValueError('stdout and stderr arguments may not be used '
                             'with capture_output.')
        kwargs['stdout'] = PIPE
        kwargs['stderr'] = PIPE
    with Popen(*popenargs, **kwargs) as process:
        try:
            stdout, stderr = process.communicate(input, timeout=timeout)
        except TimeoutExpired:
            process.kill()
            process.wait()
            raise
        except:
            process.kill()
            raise
        retcode = process.poll()
        if check and retcode:
            raise CalledProcessError(retcode, process.args,
                                     output=stdout, stderr=stderr)
    return CompletedProcess(process.args, retcode, stdout, stderr)


def getstatusoutput(cmd):
    """(exitcode, output) of a shell command, its trailing newline removed."""
    try:
        data = check_output(cmd, shell=True, text=True, stderr=STDOUT)
        exitcode = 0
    except CalledProcessError as ex:
        data = ex.output
        exitcode = ex.returncode
    if data[-1:] == '\n':
        data = data[:-1]
    return exitcode, data


def getoutput(cmd):
    """The output of a shell command, its trailing newline removed."""
    return getstatusoutput(cmd)[1]
