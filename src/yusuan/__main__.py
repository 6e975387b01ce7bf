"""``python -m yusuan`` runs the command line."""

import sys

from yusuan.cli import main

sys.exit(main())
