"""The ``jiaokan`` console script: headless subcommands, or the window.

Subcommands go to the engine's command line before anything imports Qt, so
``jiaokan collate`` starts fast and works on a machine with no display.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from app.cli import main as cli

_ENGINE_ARGS = (*cli.COMMANDS, "-h", "--help", "--version")


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and (args[0] in _ENGINE_ARGS or _mistyped_command(args[0])):
        return cli.main(args)
    from ui.main import main as gui_main

    return gui_main(args)


def _mistyped_command(word: str) -> bool:
    """A first word that reads as a command but is none (``jiaokan undo`` before there was
    one, ``jiaokan colate``): the engine's command line says so in one line, rather than a
    window opening on a file of that name.  A file name has a dot or a folder in it, or
    exists; ``./undo`` opens a file called undo."""
    return (
        bool(word)
        and not (word.startswith("-") or "." in word or os.sep in word or "/" in word)
        and not os.path.exists(word)
    )


if __name__ == "__main__":
    sys.exit(main())
