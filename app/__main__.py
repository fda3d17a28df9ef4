"""``python -m app``: the same as the ``jiaokan`` command."""

import sys

from app.cli.main import main

sys.exit(main())
