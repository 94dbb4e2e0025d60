"""`python -m storyline` runs the command line, for checkouts without the console script.

Ctrl-C is answered from the first instruction: until main() takes over (it makes Ctrl-C raise
KeyboardInterrupt inside its own handler), an interrupt ends the program with exit code 130 and
one line, never a traceback from the middle of an import.
"""
import os
import signal
import sys


def _interrupted(signum, frame):
    sys.stderr.write("storyline: interrupted\n")
    sys.stderr.flush()
    os._exit(130)


signal.signal(signal.SIGINT, _interrupted)

from storyline.cli import entry  # noqa: E402 - after the handler, on purpose

entry()
