"""`python -m generator` runs the planbook command line."""

import sys

from generator.cli import main

sys.exit(main())
