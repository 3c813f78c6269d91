"""`unittest`: the xUnit-style unit testing framework.

Tests are methods of `TestCase` subclasses, checked with its assert methods;
a `TestLoader` collects them into a `TestSuite`; a `TextTestRunner` runs the
suite into a `TextTestResult` and prints CPython's report; `unittest.main()`
does all of that from the command line. The package has CPython's layout
(case, suite, loader, result, runner, main, signals, util, async_case), so
that class reprs and test ids name the same modules.

`IsolatedAsyncioTestCase` is imported on first use, so that a plain test
module does not load asyncio. Tracebacks in reports leave out unittest's own
frames, which apy recognises by their code's file name (see `unittest.util`).

Not provided: `unittest.load_tests` (it discovers CPython's own tests of the
package, which apy does not ship) and `unittest.mock` lives in its own module.
"""

__all__ = ['TestResult', 'TestCase', 'IsolatedAsyncioTestCase', 'TestSuite',
           'TextTestRunner', 'TestLoader', 'FunctionTestCase', 'main',
           'defaultTestLoader', 'SkipTest', 'skip', 'skipIf', 'skipUnless',
           'expectedFailure', 'TextTestResult', 'installHandler',
           'registerResult', 'removeResult', 'removeHandler',
           'addModuleCleanup', 'doModuleCleanups', 'enterModuleContext']

# Deprecated (removed in 3.13), still exported by 3.11.
__all__.extend(['getTestCaseNames', 'makeSuite', 'findTestCases'])

__unittest = True

import sys as _sys

from unittest.result import TestResult
from unittest.case import (addModuleCleanup, TestCase, FunctionTestCase,
                           SkipTest, skip, skipIf, skipUnless, expectedFailure,
                           doModuleCleanups, enterModuleContext)
from unittest.suite import BaseTestSuite, TestSuite
from unittest.loader import TestLoader, defaultTestLoader
from unittest.main import TestProgram, main
from unittest.runner import TextTestRunner, TextTestResult
from unittest.signals import (installHandler, registerResult, removeResult,
                              removeHandler)
from unittest.loader import makeSuite, getTestCaseNames, findTestCases
from unittest.util import _hide_frames

# The pre-3.2 name.
_TextTestResult = TextTestResult

_hide_frames(_sys._getframe())
del _sys, _hide_frames


def __dir__():
    return globals().keys() | {'IsolatedAsyncioTestCase'}


def __getattr__(name):
    if name == 'IsolatedAsyncioTestCase':
        global IsolatedAsyncioTestCase
        from unittest.async_case import IsolatedAsyncioTestCase
        return IsolatedAsyncioTestCase
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
