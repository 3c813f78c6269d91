"""`unittest.result`: TestResult, the record of what happened in a test run.

A result gets one call per event (startTest, addSuccess, addFailure, ...) and
keeps the failures and errors as (test, formatted traceback) pairs. The
formatted traceback is CPython's: unittest's own frames are left out at the
top (the runner) and, for assertion failures, at the bottom (the assert
method), so that a report shows only the test's code.

Which frames are unittest's own: CPython asks whether the frame's globals
contain `__unittest`. apy's traceback frames have empty `f_globals`, so the
frame's code file name is also checked against the files the package's
modules registered (see `unittest.util`). The bottom frames are cut off by
building the report from a copy of the frame list rather than by setting
`tb_next` on the live traceback, and the tracebacks of chained exceptions
(`__cause__`, `__context__`) are cleaned the same way inside the
`TracebackException` rather than by assigning their `__traceback__` (which
apy does not support for a traceback taken from another exception).

Not provided: nothing of the 3.11 module. `tb_locals` shows no locals, as
apy's frames keep none.
"""

import io
import sys
import functools

from unittest import util

__unittest = True


def failfast(method):
    """Result methods so decorated stop the run first when `failfast` is set."""
    @functools.wraps(method)
    def inner(self, *args, **kw):
        if getattr(self, 'failfast', False):
            self.stop()
        return method(self, *args, **kw)
    return inner


STDOUT_LINE = '\nStdout:\n%s'
STDERR_LINE = '\nStderr:\n%s'


class TestResult(object):
    """What a test run produced.

    `failures` and `errors` are lists of (test, formatted traceback);
    `skipped` of (test, reason); `expectedFailures` of (test, formatted
    traceback); `unexpectedSuccesses` of tests. `testsRun` counts startTest
    calls.
    """
    _previousTestClass = None
    _testRunEntered = False
    _moduleSetUpFailed = False

    def __init__(self, stream=None, descriptions=None, verbosity=None):
        self.failfast = False
        self.failures = []
        self.errors = []
        self.testsRun = 0
        self.skipped = []
        self.expectedFailures = []
        self.unexpectedSuccesses = []
        self.shouldStop = False
        self.buffer = False
        self.tb_locals = False
        self._stdout_buffer = None
        self._stderr_buffer = None
        self._original_stdout = sys.stdout
        self._original_stderr = sys.stderr
        self._mirrorOutput = False

    def printErrors(self):
        """Shows the recorded problems; the text runner's result does."""

    def startTest(self, test):
        """A test starts."""
        self.testsRun += 1
        self._mirrorOutput = False
        self._setupStdout()

    def _setupStdout(self):
        if self.buffer:
            if self._stderr_buffer is None:
                self._stderr_buffer = io.StringIO()
                self._stdout_buffer = io.StringIO()
            sys.stdout = self._stdout_buffer
            sys.stderr = self._stderr_buffer

    def startTestRun(self):
        """The run starts (once, before the first test)."""

    def stopTest(self, test):
        """A test has ended."""
        self._restoreStdout()
        self._mirrorOutput = False

    def _restoreStdout(self):
        if self.buffer:
            # What a failing test printed is shown after all.
            if self._mirrorOutput:
                output = sys.stdout.getvalue()
                error = sys.stderr.getvalue()
                if output:
                    if not output.endswith('\n'):
                        output += '\n'
                    self._original_stdout.write(STDOUT_LINE % output)
                if error:
                    if not error.endswith('\n'):
                        error += '\n'
                    self._original_stderr.write(STDERR_LINE % error)

            sys.stdout = self._original_stdout
            sys.stderr = self._original_stderr
            self._stdout_buffer.seek(0)
            self._stdout_buffer.truncate()
            self._stderr_buffer.seek(0)
            self._stderr_buffer.truncate()

    def stopTestRun(self):
        """The run has ended (once, after the last test)."""

    @failfast
    def addError(self, test, err):
        """The test raised an unexpected exception; `err` is sys.exc_info()."""
        self.errors.append((test, self._exc_info_to_string(err, test)))
        self._mirrorOutput = True

    @failfast
    def addFailure(self, test, err):
        """An assertion of the test failed; `err` is sys.exc_info()."""
        self.failures.append((test, self._exc_info_to_string(err, test)))
        self._mirrorOutput = True

    def addSubTest(self, test, subtest, err):
        """A subtest has ended: `err` is None if it passed, else sys.exc_info()."""
        # A passing subtest is not recorded.
        if err is not None:
            if getattr(self, 'failfast', False):
                self.stop()
            if issubclass(err[0], test.failureException):
                errors = self.failures
            else:
                errors = self.errors
            errors.append((subtest, self._exc_info_to_string(err, test)))
            self._mirrorOutput = True

    def addSuccess(self, test):
        """The test passed."""
        pass

    def addSkip(self, test, reason):
        """The test was skipped, for `reason`."""
        self.skipped.append((test, reason))

    def addExpectedFailure(self, test, err):
        """A test marked expectedFailure failed, as expected."""
        self.expectedFailures.append(
            (test, self._exc_info_to_string(err, test)))

    @failfast
    def addUnexpectedSuccess(self, test):
        """A test marked expectedFailure passed."""
        self.unexpectedSuccesses.append(test)

    def wasSuccessful(self):
        """True when nothing failed, errored or unexpectedly passed."""
        # Results made by old subclasses may lack unexpectedSuccesses.
        return ((len(self.failures) == len(self.errors) == 0) and
                (not hasattr(self, 'unexpectedSuccesses') or
                 len(self.unexpectedSuccesses) == 0))

    def stop(self):
        """Asks the run to stop before the next test."""
        self.shouldStop = True

    def _exc_info_to_string(self, err, test):
        """The report text of `err` (a sys.exc_info() triple)."""
        import traceback
        exctype, value, tb = err
        tb = self._clean_tracebacks(exctype, value, tb, test)
        tb_e = traceback.TracebackException(
            exctype, value, tb,
            capture_locals=self.tb_locals, compact=True)
        self._clean_chained(tb_e, value, test, traceback)
        msgLines = list(tb_e.format())

        if self.buffer:
            output = sys.stdout.getvalue()
            error = sys.stderr.getvalue()
            if output:
                if not output.endswith('\n'):
                    output += '\n'
                msgLines.append(STDOUT_LINE % output)
            if error:
                if not error.endswith('\n'):
                    error += '\n'
                msgLines.append(STDERR_LINE % error)
        return ''.join(msgLines)

    def _clean_tracebacks(self, exctype, value, tb, test):
        # The runner's frames go from the top; for an assertion failure the
        # assert method's frames go from the bottom.
        while tb and self._is_relevant_tb_level(tb):
            tb = tb.tb_next
        if exctype is test.failureException:
            self._remove_unittest_tb_frames(tb)
        return tb

    def _clean_chained(self, tb_e, value, test, traceback):
        # The chained exceptions' stacks inside the TracebackException, cleaned
        # as the main one was. A node exists for a cause or context exactly
        # when TracebackException chose to show it, so the walk follows the
        # nodes and reads the matching exception beside each.
        for attr in ('__cause__', '__context__'):
            node = getattr(tb_e, attr, None)
            exc = getattr(value, attr, None)
            if node is None or exc is None:
                continue
            tb = self._clean_tracebacks(type(exc), exc, exc.__traceback__, test)
            node.stack = traceback.StackSummary.extract(
                traceback.walk_tb(tb), capture_locals=self.tb_locals)
            self._clean_chained(node, exc, test, traceback)

    def _is_relevant_tb_level(self, tb):
        return util._is_unittest_frame(tb.tb_frame)

    def _remove_unittest_tb_frames(self, tb):
        """Ends the traceback before its first unittest frame (the assert
        method), when there is test code before it."""
        prev = None
        while tb and not self._is_relevant_tb_level(tb):
            prev = tb
            tb = tb.tb_next
        if prev is not None:
            prev.tb_next = None

    def __repr__(self):
        return ("<%s run=%i errors=%i failures=%i>" %
               (util.strclass(self.__class__), self.testsRun, len(self.errors),
                len(self.failures)))


util._hide_frames(sys._getframe())
