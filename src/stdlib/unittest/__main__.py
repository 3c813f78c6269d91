"""`python -m unittest`: runs the tests named on the command line, or
discovers them from the current directory."""

import sys

if sys.argv[0].endswith("__main__.py"):
    import os.path
    # The usage text shows how the program was started, not this file's path.
    executable = os.path.basename(sys.executable)
    sys.argv[0] = executable + " -m unittest"
    del os

__unittest = True

from unittest.main import main

main(module=None)
