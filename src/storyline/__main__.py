"""`python -m storyline` runs the command line, for checkouts without the console script."""
import sys

from storyline.cli import main

sys.exit(main())
