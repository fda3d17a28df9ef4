"""``python -m app``: the same as the ``jiaokan`` command."""

import sys

from app.cli import main

sys.exit(main())
