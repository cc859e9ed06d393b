"""`python -m vnextract`: the command line, as the `vnextract` command."""

import sys

from vnextract.pipeline.cli import main

sys.exit(main())
