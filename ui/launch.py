"""The ``jiaokan`` console script: headless subcommands, or the window.

Subcommands go to the engine's command line before anything imports Qt, so
``jiaokan collate`` starts fast and works on a machine with no display.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from app.cli import main as cli

_ENGINE_ARGS = (*cli.COMMANDS, "-h", "--help", "--version")


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in _ENGINE_ARGS:
        return cli.main(args)
    from ui.main import main as gui_main

    return gui_main(args)


if __name__ == "__main__":
    sys.exit(main())
